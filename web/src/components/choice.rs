//! GOV.UK selects, radios and checkboxes bound to a choice or flag of the form by its path
//! (see [`crate::components::field`]): the chosen value is `form.value(path)`, a change is
//! `form.edit(path, id)`, the label comes from the field's table.

use csplan_validation::fields::{Info, Path};
use leptos::prelude::*;

use crate::components::field::filled;
use crate::components::reactive::{flag, maybe, redraw};
use crate::state::Planner;

/// A choice's options: its id and the words shown.
pub type Options = Vec<(String, String)>;

/// Options from a list of values with an id and a label.
pub fn options_of<T: Copy>(all: &[T], id: impl Fn(T) -> &'static str, label: impl Fn(T) -> &'static str) -> Options {
    all.iter().map(|v| (id(*v).to_string(), label(*v).to_string())).collect()
}

fn chosen(planner: Planner, path: &Path) -> Memo<String> {
    let path = path.clone();
    Memo::new(move |_| planner.form.with(|f| f.value(&path).unwrap_or_default()))
}

/// A select of `options` for the choice at `path`; `fill` stands for `{}` in its label. An
/// error at the path shows in the GOV.UK style.
pub fn select(planner: Planner, path: Path, info: &'static Info, fill: &str, options: Signal<Options>) -> AnyView {
    let id = path.id();
    let error_id = format!("{id}-error");
    let value = chosen(planner, &path);
    // A memo: the options are drawn again only when they change (an area renamed), not on
    // every keystroke elsewhere on the page.
    let options = Memo::new(move |_| options.get());
    let error = {
        let path = path.clone();
        Memo::new(move |_| planner.error_at(path.as_str()))
    };
    let hint = (!info.hint.is_empty()).then_some(info.hint);
    let hint_id = format!("{id}-hint");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        maybe(move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=flag(move || error.with(Option::is_some))>
            <label class="govuk-label" for=id.clone()>{filled(info.label, fill)}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=hint_id.clone()>{h}</div> })}
            {redraw(move || error.get().map(|m| view! {
                <p class="govuk-error-message" id=error_id.clone()><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
            }))}
            <select class="govuk-select" id=id.clone() class:govuk-select--error=flag(move || error.with(Option::is_some))
                aria-describedby=described
                on:change=move |e| {
                    let v = event_target_value(&e);
                    planner.form.update(|f| f.edit(&path, &v));
                }>
                {redraw(move || options.get().into_iter().map(|(v, label)| {
                    let this = v.clone();
                    view! { <option value=v selected=flag(move || value.with(|c| *c == this))>{label}</option> }
                }).collect_view())}
            </select>
        </div>
    }
    .into_any()
}

/// How radio inputs are given ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RadioIds {
    /// The first is the field's id, then `-2`, `-3`, ... (an error link reaches the first).
    Numbered,
    /// The field's id and the option's id: `...-risk-amber`.
    ByValue,
}

/// Small GOV.UK radios of `options` for the choice at `path`, in a fieldset whose legend is
/// the field's label.
pub fn radios(
    planner: Planner,
    path: Path,
    info: &'static Info,
    options: Options,
    inline: bool,
    ids: RadioIds,
) -> AnyView {
    let name = path.id();
    let value = chosen(planner, &path);
    let hint = (!info.hint.is_empty()).then_some(info.hint);
    let hint_id = format!("{name}-hint");
    let items = options
        .into_iter()
        .enumerate()
        .map(|(k, (v, label))| {
            let id = match ids {
                RadioIds::Numbered if k == 0 => name.clone(),
                RadioIds::Numbered => format!("{name}-{}", k + 1),
                RadioIds::ByValue => format!("{name}-{v}"),
            };
            let (path, this) = (path.clone(), v.clone());
            view! {
                <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id=id.clone() name=name.clone() type="radio" value=v.clone()
                        prop:checked=flag(move || value.with(|c| *c == this))
                        on:change=move |_| planner.form.update(|f| f.edit(&path, &v))/>
                    <label class="govuk-label govuk-radios__label" for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    let class = if inline {
        "govuk-radios govuk-radios--small govuk-radios--inline"
    } else {
        "govuk-radios govuk-radios--small"
    };
    view! {
        <div class="govuk-form-group">
            <fieldset class="govuk-fieldset" aria-describedby=hint.map(|_| hint_id.clone())>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{info.label}</legend>
                {hint.map(|h| view! { <div class="govuk-hint" id=hint_id.clone()>{h}</div> })}
                <div class=class>{items}</div>
            </fieldset>
        </div>
    }
    .into_any()
}

/// A single small GOV.UK checkbox for the flag at `path`, labelled by the field's label.
pub fn checkbox(planner: Planner, path: Path, info: &'static Info) -> AnyView {
    let id = path.id();
    let value = chosen(planner, &path);
    view! {
        <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
            <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id=id.clone() type="checkbox"
                    prop:checked=flag(move || value.with(|v| v == "true"))
                    on:change=move |e| {
                        let on = if event_target_checked(&e) { "true" } else { "false" };
                        planner.form.update(|f| f.edit(&path, on));
                    }/>
                <label class="govuk-label govuk-checkboxes__label" for=id>{info.label}</label>
            </div>
        </div>
    }
    .into_any()
}
