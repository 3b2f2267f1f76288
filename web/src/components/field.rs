//! A GOV.UK text input for a figure: visible label, optional hint, prefix (£) or suffix
//! (FTE), inline error, `inputmode="decimal"` (never `type=number`, which loses what
//! was typed and behaves badly with screen readers).

use leptos::prelude::*;

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
    let FieldSpec { id, label, hint, prefix, suffix, width, numeric } = spec;
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
        let mut class = String::from("govuk-input");
        if let Some(w) = width {
            class.push(' ');
            class.push_str(w);
        }
        if error.with(Option::is_some) {
            class.push_str(" govuk-input--error");
        }
        class
    };
    let input = view! {
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
