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

/// The share link text for a scenario (the part after `s=`).
pub fn encode(s: &Scenario) -> String {
    let Ok(target) = serde_json::to_value(s) else { return String::new() };
    let mut best: Option<(usize, String)> = None;
    for p in PRESETS {
        let Ok(base) = serde_json::to_value((p.build)()) else { continue };
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
    let patch: Value = serde_json::from_slice(&bytes).map_err(|_| damaged("its contents cannot be read"))?;
    let mut value =
        serde_json::to_value((base.build)()).map_err(|_| damaged("its starting scenario cannot be read"))?;
    apply(&mut value, &patch, 0).map_err(|why| damaged(&why))?;
    let scenario: Scenario =
        serde_json::from_value(value).map_err(|e| damaged(&format!("its scenario does not fit this csplan: {e}")))?;
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;
    use csplan_model::Money;

    #[test]
    fn every_preset_shares_as_itself_in_a_short_link() {
        for p in PRESETS {
            let s = (p.build)();
            let link = encode(&s);
            assert!(link.starts_with(&format!("1.{}.", p.id)), "{link}");
            assert!(link.len() < 40, "a preset's own link is short: {link}");
            assert_eq!(decode(&link).unwrap(), s, "{}", p.id);
        }
    }

    #[test]
    fn an_edited_scenario_comes_back_exactly_and_a_changed_link_is_refused() {
        let mut s = (PRESETS[5].build)();
        s.cost_per_fte = Money::new(csplan_model::Decimal::new(4_183_912, 2));
        if let Some(b) = s.budget.as_mut() {
            if let Some(w) = b.workstreams.get_mut(3) {
                w.amount = Money::pounds(123_456);
            }
        }
        let link = encode(&s);
        assert!(link.len() < 200, "one workstream's amount, not the whole list: {} chars", link.len());
        assert_eq!(decode(&link).unwrap(), s);
        let mut tampered = link.clone();
        let last = tampered.pop().unwrap();
        tampered.push(if last == 'A' { 'B' } else { 'A' });
        assert!(decode(&tampered).unwrap_err().contains("damaged"));
        assert!(decode(&link[..link.len() - 5]).unwrap_err().contains("damaged"));
        assert!(decode("2.example.00000000.e30").unwrap_err().contains("newer csplan"));
        assert!(decode("1.nowhere.00000000.e30").unwrap_err().contains("does not have"));
        assert!(decode("").unwrap_err().contains("missing"));
        assert!(decode("1.example.zz.%%%").unwrap_err().contains("characters"));
    }

    #[test]
    fn a_patch_that_breaks_the_scenario_is_refused_by_field() {
        let patch = r#"{"teams":{"~":1,"0":{"target_caseload":"-3"}}}"#;
        let link = format!("1.example.{}.{}", check(patch.as_bytes()), URL_SAFE_NO_PAD.encode(patch));
        let e = decode(&link).unwrap_err();
        assert!(e.contains("teams[0]"), "{e}");
        let patch = r#"{"teams":{"~":99999999}}"#;
        let link = format!("1.example.{}.{}", check(patch.as_bytes()), URL_SAFE_NO_PAD.encode(patch));
        assert!(decode(&link).unwrap_err().contains("damaged"));
    }
}
