//! What the fuzz targets check, shared by them and by the seed generator
//! (`cargo run --example seeds`).
//!
//! The property everywhere: no input makes the domain crates panic. Beyond that, a scenario
//! that `read_scenario_json` accepts must calculate (`csplan_calc::report` never fails on a
//! valid scenario: validation caps every figure so checked arithmetic cannot overflow), must
//! save and read back to the same scenario, and a share link that opens must round-trip.
//! A broken promise panics, which libFuzzer reports as a crash with the input saved.

use csplan_model::presets::PRESETS;
use csplan_model::Scenario;
use csplan_validation::load::read_scenario_json;
use serde_json::Value;
use std::sync::OnceLock;

/// Scenario JSON text: read (format version, fields, validation); if accepted, calculated
/// and round-tripped.
pub fn scenario_text(text: &str) {
    if let Ok((scenario, _warnings)) = read_scenario_json(text) {
        valid_scenario(&scenario);
    }
}

/// Scenario JSON text: read; if accepted, calculated (no round trip: the `report` target
/// spends its time on the models).
pub fn scenario_calculates(text: &str) {
    if let Ok((scenario, _warnings)) = read_scenario_json(text) {
        calculates(&scenario);
    }
}

/// A scenario the reader accepted must calculate: validation caps every figure so checked
/// arithmetic cannot overflow.
pub fn calculates(s: &Scenario) {
    if let Err(e) = csplan_calc::report(s) {
        panic!("read_scenario_json accepted a scenario that csplan_calc::report refuses: {e}");
    }
}

/// A share link's text (after `s=`): decoded; if it opens, the scenario is valid, and its
/// own link opens to the same scenario.
pub fn share_link(link: &str) {
    if let Ok(scenario) = csplan_validation::share::decode(link) {
        valid_scenario(&scenario);
        let again = csplan_validation::share::encode(&scenario);
        assert_eq!(csplan_validation::share::decode(&again).as_ref(), Ok(&scenario), "link {again}");
    }
}

/// Checks made on every scenario the reader accepted.
pub fn valid_scenario(s: &Scenario) {
    calculates(s);
    let saved = csplan_validation::json::scenario_pretty(s);
    match read_scenario_json(&saved) {
        Ok((back, _)) => assert_eq!(&back, s, "save then read gives another scenario"),
        Err(e) => panic!("a saved scenario does not read back: {:?}", e.problems),
    }
}

/// Replacement values for one figure of a preset: the edges validation draws (0, caps of
/// 1,000,000 and £10,000,000), just past them, the smallest and largest decimals, negative
/// numbers, odd dates, and other JSON types.
pub const EDGES: [&str; 34] = [
    "\"0\"",
    "\"0.01\"",
    "\"0.5\"",
    "\"1\"",
    "\"-1\"",
    "\"-0.01\"",
    "\"12\"",
    "\"100\"",
    "\"100.01\"",
    "\"999999.99\"",
    "\"1000000\"",
    "\"1000000.01\"",
    "\"9999999.99\"",
    "\"10000000\"",
    "\"10000000.01\"",
    "\"0.0000000000000000000000000001\"",
    "\"79228162514264337593543950335\"",
    "\"-79228162514264337593543950335\"",
    "0",
    "1",
    "-1",
    "36",
    "1000000",
    "10000000",
    "4294967295",
    "18446744073709551615",
    "null",
    "true",
    "\"\"",
    "[]",
    "\"2024-02-29\"",
    "\"2023-02-29\"",
    "\"9999-12-31\"",
    "\"0001-01-01\"",
];

/// Every leaf (`true`) or array (`false`) of a JSON document, as JSON pointers.
fn pointers(v: &Value, at: &str, out: &mut Vec<(String, bool)>) {
    match v {
        Value::Array(items) => {
            out.push((at.to_string(), false));
            for (i, item) in items.iter().enumerate() {
                pointers(item, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                pointers(item, &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => out.push((at.to_string(), true)),
    }
}

/// The scenario JSON a `report` fuzz input describes: byte 0 picks a preset, then each
/// 4 bytes `[op, index high, index low, value]` edit it: op even sets a leaf to one of
/// [`EDGES`]; op odd copies an array's element (more teams, lines, years) or, with a value
/// byte of 0, removes its last element.
pub fn edited_preset(data: &[u8]) -> Option<String> {
    static DOCS: OnceLock<Vec<Value>> = OnceLock::new();
    let docs =
        DOCS.get_or_init(|| PRESETS.iter().map(|p| csplan_validation::json::scenario_value(&(p.build)())).collect());
    let (&which, edits) = data.split_first()?;
    let mut doc = docs.get(usize::from(which) % docs.len())?.clone();
    let mut all = Vec::new();
    for edit in edits.chunks_exact(4) {
        let &[op, hi, lo, val] = edit else { continue };
        if all.is_empty() {
            pointers(&doc, "", &mut all);
        }
        let wanted: Vec<&String> = all.iter().filter(|(_, leaf)| *leaf == (op % 2 == 0)).map(|(p, _)| p).collect();
        if wanted.is_empty() {
            continue;
        }
        let index = usize::from(u16::from_be_bytes([hi, lo])) % wanted.len();
        let Some(path) = wanted.get(index).map(|p| p.to_string()) else { continue };
        let Some(target) = doc.pointer_mut(&path) else { continue };
        if op % 2 == 0 {
            let text = EDGES.get(usize::from(val) % EDGES.len())?;
            *target = serde_json::from_str(text).ok()?;
        } else if let Value::Array(items) = target {
            all.clear(); // the paths after this array change
            if val == 0 {
                items.pop();
            } else if let Some(item) = items.get(usize::from(val) % items.len().max(1)).cloned() {
                items.push(item);
            }
        }
    }
    Some(doc.to_string())
}
