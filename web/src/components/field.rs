//! A GOV.UK text input for a figure: visible label, optional hint, prefix (£) or suffix
//! (FTE), inline error, `inputmode="decimal"` (never `type=number`, which loses what
//! was typed and behaves badly with screen readers).

use csplan_validation::field_id;
use csplan_validation::form::ScenarioForm;
use leptos::prelude::*;

use crate::state::Planner;

/// What a [`TextField`] shows besides its value.
#[derive(Clone, Debug, Default)]
pub struct FieldSpec {
    /// The input's id (from `csplan_validation::field_id`), also the stem of hint and error ids.
    pub id: String,
    /// Visible label.
    pub label: String,
    /// Hint under the label.
    pub hint: Option<String>,
    /// Shown before the input, e.g. "£".
    pub prefix: Option<&'static str>,
    /// Shown after the input, e.g. "FTE".
    pub suffix: Option<&'static str>,
    /// Width class, e.g. "govuk-input--width-5".
    pub width: Option<&'static str>,
    /// A number (decimal keyboard, no spellcheck) rather than words.
    pub numeric: bool,
    /// Several lines of words: a GOV.UK textarea rather than an input.
    pub multiline: bool,
}

/// One labelled text input bound to a string in the form.
#[component]
pub fn TextField(
    /// Label, hint, decorations.
    spec: FieldSpec,
    /// The typed text.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    /// The field's error message, if it has one.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let FieldSpec { id, label, hint, prefix, suffix, width, numeric, multiline } = spec;
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let input_class = move || {
        let mut class = String::from(if multiline { "govuk-textarea" } else { "govuk-input" });
        if let Some(w) = width {
            class.push(' ');
            class.push_str(w);
        }
        if error.with(Option::is_some) {
            class.push_str(if multiline { " govuk-textarea--error" } else { " govuk-input--error" });
        }
        class
    };
    let input = if multiline {
        view! {
            <textarea
                class=input_class
                id=id.clone()
                name=id.clone()
                rows="3"
                spellcheck="true"
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |e| on_input.run(event_target_value(&e))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class=input_class
                id=id.clone()
                name=id.clone()
                type="text"
                inputmode=numeric.then_some("decimal")
                spellcheck=if numeric { "false" } else { "true" }
                autocomplete="off"
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |e| on_input.run(event_target_value(&e))
            />
        }
        .into_any()
    };
    let wrapped = if prefix.is_some() || suffix.is_some() {
        view! {
            <div class="govuk-input__wrapper">
                {prefix.map(|p| view! { <div class="govuk-input__prefix" aria-hidden="true">{p}</div> })}
                {input}
                {suffix.map(|s| view! { <div class="govuk-input__suffix" aria-hidden="true">{s}</div> })}
            </div>
        }
        .into_any()
    } else {
        input.into_any()
    };
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.with(Option::is_some)>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=hint_id.clone()>{h}</div> })}
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="govuk-error-message" id=error_id.clone()>
                                <span class="govuk-visually-hidden">"Error: "</span>
                                {message}
                            </p>
                        }
                    })
            }}
            {wrapped}
        </div>
    }
}

/// Reads one field's text from the form.
type Getter = std::sync::Arc<dyn Fn(&ScenarioForm) -> Option<String> + Send + Sync>;
/// Writes one field's text into the form.
type Setter = std::sync::Arc<dyn Fn(&mut ScenarioForm, String) + Send + Sync>;

/// A text field bound to one string of the form, with its error from validation.
pub fn bound_field(
    planner: Planner,
    path: String,
    spec: FieldSpec,
    get: impl Fn(&ScenarioForm) -> Option<String> + Send + Sync + 'static,
    set: impl Fn(&mut ScenarioForm, String) + Send + Sync + 'static,
) -> AnyView {
    // One non-generic body for every field keeps the download small.
    bound_field_dyn(planner, path, spec, std::sync::Arc::new(get), std::sync::Arc::new(set))
}

fn bound_field_dyn(planner: Planner, path: String, spec: FieldSpec, get: Getter, set: Setter) -> AnyView {
    let spec = FieldSpec { id: field_id(&path), ..spec };
    // Memos, so a keystroke in one field updates that field alone.
    let value = Memo::new(move |_| planner.form.with(|f| get(f).unwrap_or_default()));
    let error = Memo::new(move |_| planner.error_at(&path));
    let on_input = Callback::new(move |text: String| planner.form.update(|f| set(f, text)));
    view! { <TextField spec value=value on_input error=error/> }.into_any()
}

/// Where an item of a section lives in the form (role `i`, placement line `i`, ...), so one
/// helper binds any of its text fields. Sections with a single item ignore the index.
pub struct Item<T: 'static> {
    /// The item, to read.
    pub find: fn(&ScenarioForm, usize) -> Option<&T>,
    /// The item, to change.
    pub find_mut: fn(&mut ScenarioForm, usize) -> Option<&mut T>,
}

impl<T> Clone for Item<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Item<T> {}

impl<T> std::fmt::Debug for Item<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Item")
    }
}

/// A text field bound to the string `get`/`set` pick out of item `i`; `path` is its
/// validation path.
pub fn item_field<T: 'static>(
    planner: Planner,
    path: String,
    spec: FieldSpec,
    (item, i): (Item<T>, usize),
    get: fn(&T) -> &String,
    set: fn(&mut T, String),
) -> AnyView {
    bound_field(
        planner,
        path,
        spec,
        move |f| (item.find)(f, i).map(|t| get(t).clone()),
        move |f, v| {
            if let Some(t) = (item.find_mut)(f, i) {
                set(t, v);
            }
        },
    )
}

/// A field spec for a figure: a label, a width class, a decimal keyboard.
pub fn number(label: &str, width: &'static str) -> FieldSpec {
    FieldSpec { label: label.to_string(), width: Some(width), numeric: true, ..FieldSpec::default() }
}

/// A field spec for words: just a label.
pub fn words(label: &str) -> FieldSpec {
    FieldSpec { label: label.to_string(), ..FieldSpec::default() }
}

/// A field spec for a few lines of words: a label and a textarea.
pub fn paragraph(label: &str) -> FieldSpec {
    FieldSpec { label: label.to_string(), multiline: true, ..FieldSpec::default() }
}
