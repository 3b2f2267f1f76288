//! Scenario and report documents as JSON values: every leaf with its path (the same
//! `teams[1].target_caseload` paths problems use) and the differences between two
//! documents (`csplan diff`, the app's comparison). No arithmetic: values are compared as
//! the text JSON gives them.

use serde_json::Value;

/// One leaf that differs between two documents; `None` where a side does not have it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    /// Where, e.g. `teams[0].cases`.
    pub path: String,
    /// The first document's value, as text.
    pub a: Option<String>,
    /// The second document's value, as text.
    pub b: Option<String>,
}

/// A scenario as a JSON value, made through the compact text writer so that the browser
/// download carries one serialiser for scenarios (the one saving and autosave use).
pub fn scenario_value(s: &csplan_model::Scenario) -> Value {
    serde_json::to_string(s).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// A scenario as indented JSON, for a file people may read or edit.
pub fn scenario_pretty(s: &csplan_model::Scenario) -> String {
    serde_json::to_string_pretty(&scenario_value(s)).unwrap_or_default()
}

fn leaf(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn walk(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                walk(x, &p, out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{path}[{i}]"), out);
            }
        }
        other => out.push((path.to_string(), leaf(other))),
    }
}

/// Every leaf of `v` with its path, in document order.
pub fn flatten(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(v, "", &mut out);
    out
}

/// The parts of a path: `teams[0].cost` -> `teams`, `[0]`, `cost`.
fn segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in path.char_indices() {
        if c == '.' || c == '[' {
            if let Some(part) = path.get(start..i).filter(|p| !p.is_empty()) {
                out.push(part);
            }
            start = if c == '.' { i + 1 } else { i };
        }
    }
    if let Some(part) = path.get(start..).filter(|p| !p.is_empty()) {
        out.push(part);
    }
    out
}

fn step<'a>(v: &'a Value, segment: &str) -> Option<&'a Value> {
    match segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        Some(i) => v.get(i.parse::<usize>().ok()?),
        None => v.get(segment),
    }
}

/// A field name in words: `additional_fte` is "additional FTE".
pub fn key_in_words(key: &str) -> String {
    key.split('_')
        .map(|w| match w {
            "fte" => "FTE",
            "npv" => "NPV",
            "cla" => "CLA",
            "per" => "per",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What an item of a list is called: its name, its year or month, its target caseload,
/// else "team 2" from the list's key.
fn item_in_words(item: &Value, list: &str, i: usize) -> String {
    let text = |k: &str| item.get(k).map(leaf).filter(|t| !t.is_empty());
    if let Some(name) = text("name") {
        return name;
    }
    if let Some(t) = text("target_caseload") {
        return format!("at a caseload of {t}");
    }
    if let Some(y) = text("year").or_else(|| text("month")) {
        return y;
    }
    let one = list.strip_suffix("ies").map(|s| format!("{s}y")).or_else(|| list.strip_suffix('s').map(str::to_string));
    format!("{} {}", key_in_words(&one.unwrap_or_else(|| list.to_string())), i + 1)
}

/// A figure's path in a report in words, from the names of the items it is in:
/// `options[1].at_targets[0].posts` is "Option 2 (recommended), at a caseload of 18: posts",
/// `workforce.total.measures.vacancy_rate` "workforce, total, measures: vacancy rate".
pub fn path_in_words(root: &Value, path: &str) -> String {
    let parts = segments(path);
    let mut here = root;
    let mut words: Vec<String> = Vec::new();
    let mut list = "";
    for (k, part) in parts.iter().enumerate() {
        let Some(next) = step(here, part) else { return path.to_string() };
        let last = k + 1 == parts.len();
        match part.strip_prefix('[').and_then(|s| s.strip_suffix(']')).and_then(|i| i.parse::<usize>().ok()) {
            Some(i) if !last => {
                words.pop(); // the list's own name: its item says more
                words.push(item_in_words(next, list, i));
            }
            Some(i) => words.push(format!("{} {}", key_in_words(list), i + 1)),
            None if last => {
                let leaf = key_in_words(part);
                return if words.is_empty() { leaf } else { format!("{}: {leaf}", words.join(", ")) };
            }
            None => {
                list = part;
                words.push(key_in_words(part));
            }
        }
        here = next;
    }
    words.join(", ")
}

/// The value named `name` nearest to the leaf at `path`: in the leaf's own record, else
/// in the records around it, nearest first (for a formula's inputs).
pub fn find_near(root: &Value, path: &str, name: &str) -> Option<String> {
    let parts = segments(path);
    let mut chain = vec![root];
    for part in &parts {
        let next = step(chain.last()?, part)?;
        chain.push(next);
    }
    chain.pop(); // the leaf itself
    chain.iter().rev().filter(|v| v.is_object()).find_map(|v| {
        let found = v.get(name)?;
        match found {
            Value::Null => None,
            Value::Array(items) => Some(items.iter().map(leaf).collect::<Vec<_>>().join(", ")),
            other => Some(leaf(other)),
        }
    })
}

/// The preset a scenario is closest to (fewest inputs differ), with the inputs that differ:
/// the rest of its figures are that preset's.
pub fn closest_preset(s: &csplan_model::Scenario) -> Option<(csplan_model::presets::Preset, Vec<Difference>)> {
    let mine = scenario_value(s);
    csplan_model::presets::PRESETS
        .into_iter()
        .map(|p| {
            let d = differences(&scenario_value(&(p.build)()), &mine);
            (p, d)
        })
        .min_by_key(|(_, d)| d.len())
}

/// The leaves that differ between `a` and `b`, in `a`'s order then `b`'s additions.
pub fn differences(a: &Value, b: &Value) -> Vec<Difference> {
    let (fa, fb) = (flatten(a), flatten(b));
    let lookup_b: std::collections::HashMap<&str, &str> = fb.iter().map(|(p, v)| (p.as_str(), v.as_str())).collect();
    let lookup_a: std::collections::HashMap<&str, &str> = fa.iter().map(|(p, v)| (p.as_str(), v.as_str())).collect();
    let mut out = Vec::new();
    for (p, va) in &fa {
        match lookup_b.get(p.as_str()) {
            Some(vb) if *vb == va => {}
            other => out.push(Difference { path: p.clone(), a: Some(va.clone()), b: other.map(|s| s.to_string()) }),
        }
    }
    for (p, vb) in &fb {
        if !lookup_a.contains_key(p.as_str()) {
            out.push(Difference { path: p.clone(), a: None, b: Some(vb.clone()) });
        }
    }
    out
}
