//! Share links: a scenario as a short, versioned piece of a web address that reopens
//! exactly the same scenario.
//!
//! Format (version 1): `1.PRESET.CHECK.PATCH`, where `PRESET` is the preset the scenario
//! is written against (whichever gives the shortest link), `PATCH` is the difference from
//! it as a JSON merge patch (RFC 7386, with arrays patched element by element: an object
//! whose `"~"` key gives the array's new length) in base64url without padding, and `CHECK`
//! is the FNV-1a 32-bit hash of the patch's JSON in hex, so a damaged or edited link is
//! recognised (it is a check against accidents, not a signature). Decoding never panics:
//! every failure is a message for the person who opened the link.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use csplan_model::presets::{preset, PRESETS};
use csplan_model::Scenario;
use serde_json::{Map, Value};

use crate::{validate, Problem};

/// The link format this version writes and reads.
pub const LINK_VERSION: &str = "1";
/// Links longer than this are refused before decoding (about 100 KB).
pub const MAX_LINK_CHARS: usize = 100_000;

/// FNV-1a, 32-bit.
fn check(bytes: &[u8]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// The patch turning `from` into `to`, arrays element by element; `None` if equal.
fn diff(from: &Value, to: &Value) -> Option<Value> {
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            let mut patch = Map::new();
            for (k, va) in a {
                match b.get(k) {
                    None => {
                        patch.insert(k.clone(), Value::Null);
                    }
                    Some(vb) => {
                        if let Some(p) = diff(va, vb) {
                            patch.insert(k.clone(), p);
                        }
                    }
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    patch.insert(k.clone(), vb.clone());
                }
            }
            (!patch.is_empty()).then_some(Value::Object(patch))
        }
        (Value::Array(a), Value::Array(b)) if a != b => {
            let mut patch = Map::new();
            patch.insert("~".to_string(), Value::from(b.len()));
            for (i, vb) in b.iter().enumerate() {
                match a.get(i) {
                    Some(va) => {
                        if let Some(p) = diff(va, vb) {
                            patch.insert(i.to_string(), p);
                        }
                    }
                    None => {
                        patch.insert(i.to_string(), vb.clone());
                    }
                }
            }
            // Element patches are not worth it when the whole array is shorter.
            let whole = Value::Array(b.clone());
            let element = Value::Object(patch);
            Some(if element.to_string().len() < whole.to_string().len() { element } else { whole })
        }
        (a, b) if a == b => None,
        // A null in a patch means "remove", so a value that is really null is kept apart.
        (_, Value::Null) => Some(Value::Null),
        (_, b) => Some(b.clone()),
    }
}

fn apply(target: &mut Value, patch: &Value, depth: usize) -> Result<(), String> {
    if depth > 64 {
        return Err("it is nested too deeply".to_string());
    }
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return Ok(());
    };
    if let Some(len) = p.get("~") {
        let len = len.as_u64().and_then(|l| usize::try_from(l).ok()).filter(|l| *l <= 10_000);
        let (Some(len), Value::Array(items)) = (len, &mut *target) else {
            return Err("a list in it does not match the scenario it starts from".to_string());
        };
        items.resize(len, Value::Null);
        for (k, v) in p.iter().filter(|(k, _)| k.as_str() != "~") {
            let slot = k.parse::<usize>().ok().and_then(|i| items.get_mut(i));
            let Some(slot) = slot else {
                return Err("a list in it does not match the scenario it starts from".to_string());
            };
            apply(slot, v, depth + 1)?;
        }
        return Ok(());
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(t) = target {
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                apply(t.entry(k.clone()).or_insert(Value::Null), v, depth + 1)?;
            }
        }
    }
    Ok(())
}

/// A link from a preset id and a patch's JSON text, as [`encode`] writes them (for tools
/// and tests that build links by hand).
pub fn encode_patch(preset_id: &str, patch: &str) -> String {
    format!("{LINK_VERSION}.{preset_id}.{}.{}", check(patch.as_bytes()), URL_SAFE_NO_PAD.encode(patch.as_bytes()))
}

/// The share link text for a scenario (the part after `s=`).
pub fn encode(s: &Scenario) -> String {
    let target = crate::json::scenario_value(s);
    let mut best: Option<(usize, String)> = None;
    for p in PRESETS {
        let base = crate::json::scenario_value(&(p.build)());
        let patch = diff(&base, &target).unwrap_or(Value::Object(Map::new())).to_string();
        let text =
            format!("{LINK_VERSION}.{}.{}.{}", p.id, check(patch.as_bytes()), URL_SAFE_NO_PAD.encode(patch.as_bytes()));
        if best.as_ref().is_none_or(|(len, _)| text.len() < *len) {
            best = Some((text.len(), text));
        }
    }
    best.map(|(_, t)| t).unwrap_or_default()
}

/// Reads a share link's text back into the scenario it was made from, checked like a
/// scenario file; a message for the person who opened it if it cannot be used.
pub fn decode(link: &str) -> Result<Scenario, String> {
    let damaged =
        |why: &str| format!("This link is damaged ({why}), so it cannot be opened. Ask whoever sent it for a new one.");
    if link.len() > MAX_LINK_CHARS {
        return Err(damaged("it is far too long"));
    }
    let mut parts = link.trim().splitn(4, '.');
    let (Some(version), Some(base), Some(sum), Some(payload)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(damaged("parts of it are missing"));
    };
    if version != LINK_VERSION {
        return Err(if version.parse::<u32>().is_ok_and(|v| v > 1) {
            format!("This link was made by a newer csplan (link version {version}); this one opens version {LINK_VERSION} links.")
        } else {
            damaged("it does not start with a version this csplan knows")
        });
    }
    let Some(base) = preset(base) else { return Err(damaged("it starts from a scenario this csplan does not have")) };
    let bytes = URL_SAFE_NO_PAD.decode(payload).map_err(|_| damaged("it has characters a link cannot have"))?;
    if check(&bytes) != sum {
        return Err(damaged("it was changed or cut short after it was made"));
    }
    let text = String::from_utf8(bytes).map_err(|_| damaged("its contents cannot be read"))?;
    let patch: Value = serde_json::from_str(&text).map_err(|_| damaged("its contents cannot be read"))?;
    let mut value = crate::json::scenario_value(&(base.build)());
    apply(&mut value, &patch, 0).map_err(|why| damaged(&why))?;
    // Through the same reader as files (one deserialiser in the browser download).
    let scenario = crate::load::parse_scenario(&value.to_string())
        .map_err(|p| damaged(&format!("its scenario does not fit this csplan: {}", p.message)))?;
    let errors: Vec<Problem> = validate(&scenario).into_iter().filter(Problem::is_error).collect();
    if let Some(p) = errors.first() {
        return Err(format!(
            "This link's scenario has {} problem(s), so it was not opened; the first is {}: {}.",
            errors.len(),
            p.path,
            p.message
        ));
    }
    Ok(scenario)
}
