//! Form fields, rendered from the field tables in `csplan_validation` (labels, hints,
//! units, widths and messages are described once there) and bound to the form by path
//! alone: the value is `form.value(path)`, a keystroke is `form.edit(path, text)`, the
//! error is validation's problem at that path.
//!
//! A text field is a GOV.UK text input: visible label, optional hint, prefix (£) or suffix
//! (FTE), inline error, `inputmode="decimal"` for figures (never `type=number`, which loses
//! what was typed and behaves badly with screen readers).

use csplan_validation::fields::{Access, Field, Info, Path, Unit};
use leptos::prelude::*;

use crate::components::reactive::{flag, maybe, redraw, text};
use crate::state::Planner;

/// What a [`TextField`] shows besides its value.
#[derive(Clone, Debug, Default)]
pub struct FieldSpec {
    /// The input's id (the field's path as an id), also the stem of hint and error ids.
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
    pub width: Option<String>,
    /// A number (decimal keyboard, no spellcheck) rather than words.
    pub numeric: bool,
    /// Several lines of words: a GOV.UK textarea rather than an input.
    pub multiline: bool,
    /// The id of a `<datalist>` of values to suggest as the user types.
    pub list: Option<&'static str>,
}

/// `template` with `{}` replaced by `fill`: "Target caseload {}" -> "Target caseload 2".
pub fn filled(template: &str, fill: &str) -> String {
    template.replacen("{}", fill, 1)
}

/// The GOV.UK width class for a field's width in characters: GOV.UK's own widths, the
/// smallest that fits (each class is written out whole, so the stylesheet's purge in
/// `cargo xtask` finds it).
fn width_class(width: u8) -> Option<String> {
    let class = match width {
        0 => return None,
        100 => "govuk-!-width-full",
        66 => "govuk-!-width-two-thirds",
        1..=2 => "govuk-input--width-2",
        3 => "govuk-input--width-3",
        4 => "govuk-input--width-4",
        5 => "govuk-input--width-5",
        6..=10 => "govuk-input--width-10",
        11..=20 => "govuk-input--width-20",
        _ => "govuk-input--width-30",
    };
    Some(class.to_string())
}

impl FieldSpec {
    /// The spec of the field at `path` described by `info`; `fill` stands for `{}` in its label.
    pub fn of(path: &Path, info: &Info, fill: &str) -> Self {
        let non_empty = |s: &'static str| (!s.is_empty()).then_some(s);
        FieldSpec {
            id: path.id(),
            label: filled(info.label, fill),
            hint: non_empty(info.hint).map(str::to_string),
            prefix: non_empty(info.unit.prefix()),
            suffix: non_empty(info.shown_suffix()),
            width: width_class(info.shown_width()),
            numeric: info.unit.is_number(),
            multiline: info.unit == Unit::Paragraph,
            list: None,
        }
    }
}

/// One labelled text input.
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
    let FieldSpec { id, label, hint, prefix, suffix, width, numeric, multiline, list } = spec;
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        maybe(move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    let input_class = text(move || {
        let mut class = String::from(if multiline { "govuk-textarea" } else { "govuk-input" });
        if let Some(w) = &width {
            class.push(' ');
            class.push_str(w);
        }
        if error.with(Option::is_some) {
            class.push_str(if multiline { " govuk-textarea--error" } else { " govuk-input--error" });
        }
        class
    });
    let input = if multiline {
        view! {
            <textarea
                class=input_class
                id=id.clone()
                name=id.clone()
                rows="3"
                spellcheck="true"
                aria-describedby=described_by
                prop:value=value
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
                list=list
                aria-describedby=described_by
                prop:value=value
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
        <div class="govuk-form-group" class:govuk-form-group--error=flag(move || error.with(Option::is_some))>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="govuk-hint" id=hint_id.clone()>{h}</div> })}
            {redraw(move || {
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
            })}
            {wrapped}
        </div>
    }
}

/// A text field bound to the form field at `path`, labelled by `spec`.
pub fn bound(planner: Planner, path: Path, spec: FieldSpec) -> AnyView {
    // Memos, so a keystroke in one field updates that field alone.
    let value = {
        let path = path.clone();
        Memo::new(move |_| planner.form.with(|f| f.value(&path).unwrap_or_default()))
    };
    let error = {
        let path = path.clone();
        Memo::new(move |_| planner.error_at(path.as_str()))
    };
    let on_input = Callback::new(move |text: String| {
        planner.typed();
        planner.form.update(|f| f.edit(&path, &text));
    });
    view! { <TextField spec value=value on_input error=error/> }.into_any()
}

/// The text field at `path`, described by `info`; `fill` stands for `{}` in its label.
pub fn field(planner: Planner, path: Path, info: &'static Info, fill: &str) -> AnyView {
    let spec = FieldSpec::of(&path, info, fill);
    bound(planner, path, spec)
}

/// The text fields of the item at `at` from its table, in order: fields that share a row
/// number sit side by side. Fields that are not typed text (choices, checkboxes) are left
/// for the page to place.
pub fn fields(planner: Planner, at: &Path, table: &'static [Field], fill: &str) -> AnyView {
    let infos: Vec<&'static Info> =
        table.iter().filter(|f| matches!(f.access, Access::Text(..))).map(|f| &f.info).collect();
    laid_out(planner, at, infos, fill)
}

fn laid_out(planner: Planner, at: &Path, infos: Vec<&'static Info>, fill: &str) -> AnyView {
    let mut out: Vec<AnyView> = Vec::new();
    let mut row: Vec<AnyView> = Vec::new();
    let mut current = 0;
    for info in infos {
        if info.row != current || info.row == 0 {
            if !row.is_empty() {
                out.push(view! { <div class="app-inline-fields">{std::mem::take(&mut row)}</div> }.into_any());
            }
            current = info.row;
        }
        let view = field(planner, at.field(info.key), info, fill);
        if info.row == 0 {
            out.push(view);
        } else {
            row.push(view);
        }
    }
    if !row.is_empty() {
        out.push(view! { <div class="app-inline-fields">{row}</div> }.into_any());
    }
    out.into_any()
}
