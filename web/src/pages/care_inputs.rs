//! The records page's own inputs, which live on the page (the records are not kept, so
//! neither is what is typed about them): a text field and a select bound to a signal, the
//! categories and age bands, and the list of rate adjustments. What they mean and how they
//! are read is `csplan_validation::care`; this file only draws them.

use csplan_validation::care::{AdjustmentText, CategoryText};
use csplan_validation::fields::Path;
use csplan_validation::Problem;
use leptos::prelude::*;

use crate::components::list::{remove_button, EditList};

/// The most categories the page offers fields for.
pub const MAX_CATEGORIES: usize = 12;

/// The error of the field at `path`, if any.
fn error_at(problems: Memo<Vec<Problem>>, path: String) -> Memo<Option<String>> {
    Memo::new(move |_| problems.with(|p| p.iter().find(|p| p.path == path).map(|p| p.message.clone())))
}

/// A GOV.UK form group around `control`: label, hint and the field's error.
fn group(id: String, label: String, hint: String, error: Memo<Option<String>>, control: AnyView) -> AnyView {
    let error_id = format!("{id}-error");
    view! {
        <div class=move || if error.with(Option::is_some) { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
            <label class="govuk-label" for=id.clone()>{label}</label>
            <div class="govuk-hint" id=format!("{id}-hint")>{hint}</div>
            {move || error.get().map(|m| view! {
                <p class="govuk-error-message" id=error_id.clone()><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
            })}
            {control}
        </div>
    }
    .into_any()
}

/// `aria-describedby`: the hint, and the error while there is one.
fn described(id: &str, error: Memo<Option<String>>) -> impl Fn() -> String + Send + Sync + 'static {
    let (hint, err) = (format!("{id}-hint"), format!("{id}-error"));
    move || if error.with(Option::is_some) { format!("{hint} {err}") } else { hint.clone() }
}

/// A field's text: its id, label and hint, and the path its problems name.
pub struct Labels {
    id: String,
    label: String,
    hint: String,
    path: String,
}

impl Labels {
    /// The field `id`, labelled, with its hint, its problems at `path`.
    pub fn new(
        id: impl Into<String>,
        label: impl Into<String>,
        hint: impl Into<String>,
        path: impl Into<String>,
    ) -> Self {
        Labels { id: id.into(), label: label.into(), hint: hint.into(), path: path.into() }
    }

    /// The form group around the control `draw` makes (given its id and error).
    fn draw(self, problems: Memo<Vec<Problem>>, draw: impl FnOnce(&str, Memo<Option<String>>) -> AnyView) -> AnyView {
        let error = error_at(problems, self.path);
        let control = draw(&self.id, error);
        group(self.id, self.label, self.hint, error, control)
    }
}

/// A text field bound to `value`, with its error from `problems` at `path`.
pub fn text_field(
    id: impl Into<String>,
    label: impl Into<String>,
    hint: impl Into<String>,
    value: RwSignal<String>,
    problems: Memo<Vec<Problem>>,
    path: impl Into<String>,
) -> AnyView {
    Labels::new(id, label, hint, path).draw(problems, |id, error| {
        view! {
            <input class=move || if error.with(Option::is_some) { "govuk-input govuk-input--width-10 govuk-input--error" } else { "govuk-input govuk-input--width-10" }
                id=id.to_string() type="text" spellcheck="false" aria-describedby=described(id, error)
                prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e))/>
        }
        .into_any()
    })
}

/// A select bound to `value` (an option's value), its options `(value, words)`.
pub fn select_field(
    labels: Labels,
    options: Signal<Vec<(String, String)>>,
    value: RwSignal<String>,
    problems: Memo<Vec<Problem>>,
) -> AnyView {
    labels.draw(problems, |id, error| {
        view! {
            <select class=move || if error.with(Option::is_some) { "govuk-select govuk-select--error" } else { "govuk-select" }
                id=id.to_string() aria-describedby=described(id, error)
                prop:value=move || value.get() on:change=move |e| value.set(event_target_value(&e))>
                {move || options.get().into_iter().map(|(v, words)| {
                    let chosen = v.clone();
                    view! { <option value=v selected=move || value.with(|x| *x == chosen)>{words}</option> }
                }).collect_view()}
            </select>
        }
        .into_any()
    })
}

/// Removes item `i` of a list drawn by position: each later item's values move up one
/// (the views stay bound to their position's signals), and the last goes.
fn remove_at<T: Copy + Send + Sync + 'static>(
    list: RwSignal<Vec<T>>,
    i: usize,
    fields: impl Fn(T) -> Vec<RwSignal<String>>,
) {
    let items = list.get_untracked();
    if i >= items.len() {
        return;
    }
    for pair in items.get(i..).unwrap_or_default().windows(2) {
        if let (Some(&to), Some(&from)) = (pair.first(), pair.get(1)) {
            for (t, f) in fields(to).into_iter().zip(fields(from)) {
                t.set(f.get_untracked());
            }
        }
    }
    list.update(|l| {
        l.pop();
    });
}

/// One category as typed: its name and PLACE codes, and what a placement in it costs.
#[derive(Clone, Copy)]
pub struct CategoryFields {
    /// Its name.
    pub name: RwSignal<String>,
    /// Its PLACE codes, separated by spaces or commas.
    pub places: RwSignal<String>,
    /// An in-house placement's cost.
    pub in_house: RwSignal<String>,
    /// An external placement's cost.
    pub external: RwSignal<String>,
}

impl CategoryFields {
    /// A category named `name` with `places`, no costs yet.
    pub fn new(name: &str, places: &str) -> Self {
        Self::from_text(&CategoryText { name: name.into(), places: places.into(), ..CategoryText::default() })
    }

    /// A category as kept.
    pub fn from_text(c: &CategoryText) -> Self {
        CategoryFields {
            name: RwSignal::new(c.name.clone()),
            places: RwSignal::new(c.places.clone()),
            in_house: RwSignal::new(c.in_house.clone()),
            external: RwSignal::new(c.external.clone()),
        }
    }

    /// Sets `list` to `to`: the cards already drawn take the new values (a card stays bound
    /// to its place's signals), then cards are added or the extra ones go.
    pub fn set_all(list: RwSignal<Vec<CategoryFields>>, to: &[CategoryText]) {
        let have = list.get_untracked();
        for (f, c) in have.iter().zip(to) {
            f.name.set(c.name.clone());
            f.places.set(c.places.clone());
            f.in_house.set(c.in_house.clone());
            f.external.set(c.external.clone());
        }
        list.update(|l| {
            l.truncate(to.len());
            l.extend(to.iter().skip(have.len()).map(CategoryFields::from_text));
        });
    }

    /// What is typed, to keep.
    pub fn text(&self) -> CategoryText {
        CategoryText {
            name: self.name.get(),
            places: self.places.get(),
            in_house: self.in_house.get(),
            external: self.external.get(),
        }
    }
}

/// One adjustment as typed.
#[derive(Clone, Copy)]
pub struct AdjustmentFields {
    rate: RwSignal<String>,
    band: RwSignal<String>,
    category: RwSignal<String>,
    by: RwSignal<String>,
    value: RwSignal<String>,
}

impl AdjustmentFields {
    fn new() -> Self {
        // x1: no change until a value is typed (so the projection stays on the page).
        Self::from_text(&AdjustmentText {
            rate: "exits".into(),
            band: "all".into(),
            category: "all".into(),
            by: "multiply".into(),
            value: "1".into(),
        })
    }

    /// An adjustment as kept.
    pub fn from_text(t: &AdjustmentText) -> Self {
        AdjustmentFields {
            rate: RwSignal::new(t.rate.clone()),
            band: RwSignal::new(t.band.clone()),
            category: RwSignal::new(t.category.clone()),
            by: RwSignal::new(t.by.clone()),
            value: RwSignal::new(t.value.clone()),
        }
    }

    /// What is typed, to read.
    pub fn text(&self) -> AdjustmentText {
        AdjustmentText {
            rate: self.rate.get(),
            band: self.band.get(),
            category: self.category.get(),
            by: self.by.get(),
            value: self.value.get(),
        }
    }
}

/// The categories and age bands: a details element (most councils keep DfE's grouping)
/// with the bands' bounds and each category's name and codes, categories added and removed.
#[component]
pub fn SetupFields(
    bands: RwSignal<String>,
    categories: RwSignal<Vec<CategoryFields>>,
    problems: Memo<Vec<Problem>>,
) -> impl IntoView {
    let item = Callback::new(move |i: usize| {
        let Some(c) = categories.with_untracked(|l| l.get(i).copied()) else { return ().into_any() };
        let at = Path::root("care").at("categories", i);
        let legend = Signal::derive(move || {
            let n = c.name.get();
            if n.trim().is_empty() {
                format!("Category {}", i + 1)
            } else {
                n
            }
        });
        let hidden = Signal::derive(move || format!(" ({})", legend.get()));
        view! {
            <fieldset class="govuk-fieldset app-card">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <div class="app-inline-fields">
                    {text_field(at.field("name").id(), "Name", "As tables show it", c.name, problems, at.field("name").as_str())}
                    {text_field(at.field("places").id(), "PLACE codes", "Like U1 U2 U3; leave the last blank to take every other code", c.places, problems, at.field("places").as_str())}
                    {remove_button("Remove", hidden, false, move || {
                        if categories.with_untracked(Vec::len) <= 1 {
                            return false;
                        }
                        remove_at(categories, i, |c| vec![c.name, c.places, c.in_house, c.external]);
                        true
                    }, "care-add-category")}
                </div>
            </fieldset>
        }
        .into_any()
    });
    let add = Callback::new(move |()| {
        let n = categories.with_untracked(Vec::len);
        if n >= MAX_CATEGORIES {
            return None;
        }
        categories.update(|l| l.push(CategoryFields::new("", "")));
        Some(Path::root("care").at("categories", n).field("name"))
    });
    // Opened whenever a field in it is wrong, so its message is never hidden.
    let details = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        if !problems.with(Vec::is_empty) {
            if let Some(d) = details.get() {
                d.set_open(true);
            }
        }
    });
    view! {
        <details class="govuk-details" id="care-setup" node_ref=details>
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Categories and age bands"</span></summary>
            <div class="govuk-details__text">
                <p class="govuk-body">"DfE's grouping of the PLACE codes and its age bands are set. Change them to group placements as your council does: every table, the projection and the costs follow."</p>
                {text_field("care-bands", "Age bands (whole years)", "Each band runs from one bound to the next: 0, 1, 5, 10, 16, 18 makes 0-1, 1-5, 5-10, 10-16 and 16-18", bands, problems, "care.bands")}
                <EditList count=Signal::derive(move || categories.with(Vec::len)) item add_id="care-add-category" add_label="Add a category" add/>
            </div>
        </details>
    }
}

/// The rate adjustments, a card each, in the order they apply.
#[component]
pub fn Adjustments(
    list: RwSignal<Vec<AdjustmentFields>>,
    bands: Signal<Vec<String>>,
    categories: Signal<Vec<(String, String)>>,
    problems: Memo<Vec<Problem>>,
) -> impl IntoView {
    let rates = Signal::derive(|| {
        [("exits", "Leaving care"), ("entrants", "Starting care"), ("moves", "Moving to another category")]
            .map(|(v, w)| (v.to_string(), w.to_string()))
            .to_vec()
    });
    let hows = Signal::derive(|| {
        [("multiply", "Multiply by"), ("add", "Add, a year")].map(|(v, w)| (v.to_string(), w.to_string())).to_vec()
    });
    let band_options = Signal::derive(move || {
        std::iter::once(("all".to_string(), "Every band".to_string()))
            .chain(bands.get().into_iter().map(|b| (b.clone(), b)))
            .collect::<Vec<_>>()
    });
    let category_options = Signal::derive(move || {
        std::iter::once(("all".to_string(), "Every category".to_string())).chain(categories.get()).collect::<Vec<_>>()
    });
    let item = Callback::new(move |i: usize| {
        let Some(a) = list.with_untracked(|l| l.get(i).copied()) else { return ().into_any() };
        let at = Path::root("care").at("adjustments", i);
        let field = |key: &str| (at.field(key).id(), at.field(key).as_str().to_string());
        let (rate_id, rate_path) = field("rate");
        let (band_id, band_path) = field("band");
        let (cat_id, cat_path) = field("category");
        let (by_id, by_path) = field("by");
        let (value_id, value_path) = field("value");
        let hint = Signal::derive(move || match (a.by.get().as_str(), a.rate.get().as_str()) {
            ("add", "entrants") => {
                "Children a year, shared among the groups as the fitted entrants are; negative for fewer".to_string()
            }
            ("add", _) => "A chance a year for each child (0.1 is 1 in 10 more a year); negative for less".to_string(),
            _ => "1.1 is 10% more, 0.5 half, 0 none".to_string(),
        });
        let hidden = Signal::derive(move || format!(" adjustment {}", i + 1));
        view! {
            <fieldset class="govuk-fieldset app-card">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Adjustment {}", i + 1)}</legend>
                <div class="app-inline-fields">
                    {select_field(Labels::new(rate_id, "Rate", "Which fitted rate", rate_path), rates, a.rate, problems)}
                    {select_field(Labels::new(band_id, "Age band", "Or every band", band_path), band_options, a.band, problems)}
                    {select_field(Labels::new(cat_id, "Category", "For moves, the one moved from", cat_path), category_options, a.category, problems)}
                    {select_field(Labels::new(by_id, "How", "Multiply, or add", by_path), hows, a.by, problems)}
                    {move || text_field(value_id.clone(), "Value", hint.get(), a.value, problems, value_path.clone())}
                    {remove_button("Remove", hidden, false, move || {
                        remove_at(list, i, |a| vec![a.rate, a.band, a.category, a.by, a.value]);
                        true
                    }, "care-add-adjustment")}
                </div>
            </fieldset>
        }
        .into_any()
    });
    let add = Callback::new(move |()| {
        let n = list.with_untracked(Vec::len);
        list.update(|l| l.push(AdjustmentFields::new()));
        Some(Path::root("care").at("adjustments", n).field("rate"))
    });
    view! {
        <h3 class="govuk-heading-s">"Adjust the fitted rates"</h3>
        <p class="govuk-body">"To test what if: more children starting care, fewer leaving it, more moving on. Each adjustment applies to what the one before left; none may take a rate below 0, or a group's chances of leaving and moving past 1 a day."</p>
        <EditList count=Signal::derive(move || list.with(Vec::len)) item add_id="care-add-adjustment" add_label="Add an adjustment" add/>
    }
}
