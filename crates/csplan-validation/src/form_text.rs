//! A form as flat text: one line a field, `path<TAB>value`, after a version line. This is
//! what the web app keeps in the browser's storage as the user types, so that moving
//! between pages (each page group is its own download) keeps every figure, including the
//! text of a field that is still wrong. It is written and read through the fields' tables
//! ([`crate::fields`]), so it needs no JSON parser in the download.
//!
//! Tabs, line breaks and backslashes in a value are written `\t`, `\n`, `\r` and `\\`.
//! Reading never panics: a damaged or foreign text gives an error, an unknown path is
//! skipped (and counted), and no list grows past [`crate::fields::MAX_ITEMS`] items.

use crate::form::ScenarioForm;

/// The first line of every form text this version writes.
pub const HEADER: &str = "csplan-form 1";

/// A preset's whole form, as the web app embeds (the default) or fetches (the others,
/// `presets/<id>.txt`) it.
pub fn preset(preset: &csplan_model::presets::Preset) -> String {
    write(&ScenarioForm::from_scenario(&(preset.build)()))
}

/// Where the web app fetches a preset's form text from, relative to its page.
pub fn preset_file(id: &str) -> String {
    format!("presets/{id}.txt")
}

/// Writes every field of `form`, in page order.
pub fn write(form: &ScenarioForm) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    form.visit(&mut |path, value| {
        out.push_str(path.as_str());
        out.push('\t');
        escape(value, &mut out);
        out.push('\n');
    });
    out
}

/// Writes `value` to `out` with tabs, line breaks and backslashes escaped.
pub(crate) fn escape(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// A value as written before [`escape`].
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// What [`read`] made of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// The form.
    pub form: ScenarioForm,
    /// Lines naming a field this version does not have (or a value it does not offer),
    /// which were left out.
    pub skipped: usize,
}

/// Reads a text [`write`] wrote. An empty form is the starting point: sections appear as
/// their fields are read.
pub fn read(text: &str) -> Result<Read, String> {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim_end_matches('\r');
    if first != HEADER {
        return Err(if first.starts_with("csplan-form ") {
            format!("The figures were saved by a newer version of csplan ({first}); this version reads {HEADER}")
        } else {
            "The text is not a csplan form".to_string()
        });
    }
    let mut form = ScenarioForm::default();
    let mut skipped = 0;
    for line in lines {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let Some((path, value)) = line.split_once('\t') else {
            skipped += 1;
            continue;
        };
        if !form.set(path, &unescape(value), true) {
            skipped += 1;
        }
    }
    Ok(Read { form, skipped })
}
