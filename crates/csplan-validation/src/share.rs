//! Share links: a scenario as a short, versioned piece of a web address that reopens
//! exactly the same scenario.
//!
//! Version 1, `1.PRESET.CHECK.PATCH`, is written for a scenario of the same authority as
//! the preset it is written against (Barnsley's figures against the Barnsley preset):
//! `PATCH` is the difference from the preset as a JSON merge patch (RFC 7386, with arrays
//! patched element by element: an object whose `"~"` key gives the array's new length) in
//! base64url without padding, and `CHECK` is the FNV-1a 32-bit hash of the patch's JSON in
//! hex, so a damaged or edited link is recognised (a check against accidents, not a
//! signature).
//!
//! Version 2, `2.NAME.CHECK.PAYLOAD`, is written for any other scenario, so the link never
//! names a council the figures are not: `NAME` is the scenario's own authority as a slug
//! (`kent`; only a label, never read), and `PAYLOAD` is base64url of the preset id, a line
//! break and the patch, with each of [`WORDS`] (the scenario's field names and DfE's source
//! lines) written as one or two bytes below space, which JSON text never holds. `CHECK` is
//! the hash of the preset id, the line break and the patch's JSON. A Kent DfE fill-in's
//! link is about 450 characters, against 1,126 as version 1.
//!
//! Decoding never panics: every failure is a message for the person who opened the link.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use csplan_model::presets::{preset, PRESETS};
use csplan_model::Scenario;
use serde_json::{Map, Value};

use crate::{validate, Problem};

/// The link format written for a scenario of a preset's own authority.
pub const LINK_VERSION: &str = "1";
/// The link format written for any other scenario.
pub const LINK_VERSION_2: &str = "2";
/// The newest link version this csplan reads.
const NEWEST: u32 = 2;

/// Text written as one or two bytes in version 2 links: the first 28 as one byte each
/// (0x01 to 0x1d, skipping the line break 0x0a), the rest as 0x1e or 0x1f and a printable
/// byte. Only ever add to the end: a link holds positions in this list.
pub const WORDS: &[&str] = &[
    "\"name\":",
    "\"below_minimum\":",
    "\"area\":",
    "\"kind\":",
    "\"per_unit\":",
    "\"id\":",
    "\"start\":",
    "\"phasing\":",
    "\"step\":",
    "\"amount\":",
    "\"max\":",
    "\"min\":",
    "\"budget\":",
    "\"options\":",
    "\"cases_per_unit\":",
    "\"risk\":",
    "\"target_caseload\":",
    "\"consequence\":",
    "\"case_holding_fte\":",
    "\"compare_targets\":",
    "\"agency_conversions_per_month\":",
    "\"agency_covering_vacancies\":",
    "\"agency_over_establishment\":",
    "\"measure\":",
    "\"method\":",
    "\"values\":",
    "\"authority\":",
    "\"recruits_per_month\":",
    "\"unit_cost\":",
    "\"rounding\":",
    "\"age_band\":",
    "\"establishment\":",
    "\"newly_created\":",
    "\"years\":",
    "\"number\":",
    "\"schema\":",
    "\"source\":",
    "\"case_holding\":",
    "\"projection_years\":",
    "\"as_at\":",
    "\"cases\":",
    "\"teams\":",
    "\"annual\":",
    "\"newly_qualified_caseload\":",
    "\"newly_qualified_share\":",
    "\"risks\":",
    "\"vacancies\":",
    "\"pipeline\":",
    "\"workstreams\":",
    "\"current_caseload\":",
    "\"base_adjustment\":",
    "\"equality_impact\":",
    "\"months_to_fill\":",
    "\"delivery\":",
    "\"growth_a_year\":",
    "\"month\":",
    "\"spend\":",
    "\"amounts\":",
    "\"consultation\":",
    "\"cost_per_fte\":",
    "\"unit\":",
    "\"year\":",
    "\"demand\":",
    "\"series\":",
    "\"projection\":",
    "\"amber\":",
    "\"areas\":",
    "\"fte\":",
    "\"green\":",
    "\"group\":",
    "\"pressures\":",
    "\"questions\":",
    "\"transport\":",
    "\"workforce\":",
    "\"forecast\":",
    "\"text\":",
    "\"avoided_unit_cost\":",
    "\"balance\":",
    "\"council_tax_yield\":",
    "\"funding\":",
    "\"statutory_minimum\":",
    "\"avoided_per_year\":",
    "\"traveller_growth\":",
    "\"unit_cost_growth\":",
    "\"closes\":",
    "\"levers\":",
    "\"months\":",
    "\"red\":",
    "\"budget_history\":",
    "\"invest_to_save\":",
    "\"weeks_per_year\":",
    "\"budget_groups\":",
    "\"cost_per_year\":",
    "\"delivery_risk\":",
    "\"discount_rate\":",
    "\"intro\":",
    "\"opens\":",
    "\"roles\":",
    "\"title\":",
    "\"case_holders\":",
    "\"rule\":",
    "\"placements\":",
    "\"travellers\":",
    "\"gap\":",
    "\"inflation\":",
    "\"turnover\":",
    "\"changes\":",
    "\"drivers\":",
    "\"leavers\":",
    "\"one_off\":",
    "\"send_to\":",
    "\"effect\":",
    "\"lines\":",
    "\"model\":",
    "\"line\":",
    "\"team\":",
    "\"about_you\":",
    "\"agency_cost_per_fte\":",
    "\"amount_per_year\":",
    "\"annual_cost\":",
    "\"answer\":",
    "\"balanced\":",
    "\"build\":",
    "\"care_flows\":",
    "\"children\":",
    "\"choices\":",
    "\"collector_url\":",
    "\"comment\":",
    "\"eligible_fte\":",
    "\"entrants_per_month\":",
    "\"exit_rate\":",
    "\"from\":",
    "\"lever\":",
    "\"moves\":",
    "\"permanent_cost_per_fte\":",
    "\"question\":",
    "\"rate\":",
    "\"retention\":",
    "\"take_up\":",
    "\"to\":",
    "\"turnover_reduction\":",
    "\"types\":",
    "\"value\":",
    // DfE's source and licence lines as of 2023 (frozen here: a link holds them by position).
    "Department for Education, Children's social work workforce, 2017 to 2023 (as at 30 September each year)",
    "Contains public sector information licensed under the Open Government Licence v3.0.",
    " figures for ",
    ", 30 September ",
    "Children and family social workers",
    "All case-holding teams",
    "\"0\"",
    "null",
];

/// The 28 bytes that are one word each: 0x01 to 0x1d, without the line break.
fn single() -> Vec<u8> {
    (1u8..=0x1d).filter(|b| *b != b'\n').collect()
}

/// The byte (or bytes) for word `i` of [`WORDS`].
fn token(i: usize) -> Vec<u8> {
    let single = single();
    match single.get(i) {
        Some(b) => vec![*b],
        None => {
            let rest = i - single.len();
            let (prefix, at) = if rest < 95 { (0x1e, rest) } else { (0x1f, rest - 95) };
            vec![prefix, 0x20 + u8::try_from(at).unwrap_or(0x5e)]
        }
    }
}

/// `text` with every word of [`WORDS`] as its token, longest words first.
fn pack(text: &str) -> Vec<u8> {
    let mut order: Vec<usize> = (0..WORDS.len().min(28 + 190)).collect();
    order.sort_by_key(|i| std::cmp::Reverse(WORDS.get(*i).map_or(0, |w| w.len())));
    let mut out = text.as_bytes().to_vec();
    for i in order {
        let (Some(word), t) = (WORDS.get(i), token(i)) else { continue };
        out = replace(out, word.as_bytes(), &t);
    }
    out
}

/// `hay` with every `from` replaced by `to`, left to right, matches not overlapping; `hay`
/// itself when `from` is not in it. Each match is found by its first byte and copied in
/// runs: the link is made on every change on the Save and share page, and packing it
/// against each preset made a byte-at-a-time copy of the text for each of 218 words.
fn replace(hay: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    let Some(first) = find(&hay, 0, from) else { return hay };
    let mut out = Vec::with_capacity(hay.len());
    let mut copied = 0;
    let mut next = Some(first);
    while let Some(at) = next {
        out.extend_from_slice(hay.get(copied..at).unwrap_or_default());
        out.extend_from_slice(to);
        copied = at + from.len();
        next = find(&hay, copied, from);
    }
    out.extend_from_slice(hay.get(copied..).unwrap_or_default());
    out
}

/// Where `needle` (not empty) first starts in `hay` at or after `from`: candidates by their
/// first and last bytes, then compared whole. A match never starts at the second byte of a
/// two-byte token (after 0x1e or 0x1f): that byte is printable, and taking it for the start
/// of a word would make a link that cannot be read back (`"age_band":` then `name":` did;
/// serde's JSON never has such a pair, but any text now packs safely).
fn find(hay: &[u8], mut from: usize, needle: &[u8]) -> Option<usize> {
    let (first, last, end) = (*needle.first()?, *needle.last()?, needle.len() - 1);
    loop {
        let at = from + hay.get(from..)?.iter().position(|b| *b == first)?;
        let after_prefix = at.checked_sub(1).and_then(|p| hay.get(p)).is_some_and(|b| matches!(b, 0x1e | 0x1f));
        if !after_prefix && hay.get(at + end) == Some(&last) && hay.get(at..=at + end) == Some(needle) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// The text [`pack`] made `bytes` from; `None` if a token is not one of [`WORDS`].
fn unpack(bytes: &[u8]) -> Option<Vec<u8>> {
    let single = single();
    let mut out = Vec::with_capacity(bytes.len() * 3);
    let mut it = bytes.iter().copied();
    while let Some(b) = it.next() {
        let index = match b {
            0x1e | 0x1f => {
                let at = usize::from(it.next()?.checked_sub(0x20)?);
                (at < 95).then_some(single.len() + at + if b == 0x1f { 95 } else { 0 })?
            }
            b'\n' => {
                out.push(b);
                continue;
            }
            0x00..=0x1d => single.iter().position(|s| *s == b)?,
            _ => {
                out.push(b);
                continue;
            }
        };
        out.extend_from_slice(WORDS.get(index)?.as_bytes());
    }
    Some(out)
}

/// A label for the link from the authority's name: `kent`, `west-sussex`.
pub(crate) fn slug(authority: &str) -> String {
    let mut out = String::new();
    for c in authority.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(30).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "scenario".to_string()
    } else {
        out
    }
}
/// Links longer than this are refused before decoding (about 100 KB).
pub const MAX_LINK_CHARS: usize = 100_000;

/// FNV-1a, 32-bit.
fn check(bytes: &[u8]) -> String {
    csplan_model::consultation::checksum(bytes)
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

/// The share link text for a scenario (the part after `s=`): version 1 against a preset
/// of the scenario's own authority, else version 2 against whichever preset gives the
/// shortest link.
pub fn encode(s: &Scenario) -> String {
    let target = crate::json::scenario_value(s);
    let mut best: Option<String> = None;
    for p in PRESETS {
        let preset = (p.build)();
        let patch =
            diff(&crate::json::scenario_value(&preset), &target).unwrap_or(Value::Object(Map::new())).to_string();
        let text = if preset.authority == s.authority {
            encode_patch(p.id, &patch)
        } else {
            let plain = format!("{}\n{patch}", p.id);
            let packed = pack(&plain);
            format!(
                "{LINK_VERSION_2}.{}.{}.{}",
                slug(&s.authority),
                check(plain.as_bytes()),
                URL_SAFE_NO_PAD.encode(packed)
            )
        };
        if best.as_ref().is_none_or(|b| text.len() < b.len()) {
            best = Some(text);
        }
    }
    best.unwrap_or_default()
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
    if version != LINK_VERSION && version != LINK_VERSION_2 {
        return Err(if version.parse::<u32>().is_ok_and(|v| v > NEWEST) {
            format!("This link was made by a newer csplan (link version {version}); this one opens links up to version {NEWEST}.")
        } else {
            damaged("it does not start with a version this csplan knows")
        });
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload).map_err(|_| damaged("it has characters a link cannot have"))?;
    let (base, bytes) = if version == LINK_VERSION {
        (base.to_string(), bytes)
    } else {
        let plain = unpack(&bytes).ok_or_else(|| damaged("its contents cannot be read"))?;
        if check(&plain) != sum {
            return Err(damaged("it was changed or cut short after it was made"));
        }
        let at = plain.iter().position(|b| *b == b'\n').ok_or_else(|| damaged("parts of it are missing"))?;
        let base = String::from_utf8(plain.get(..at).unwrap_or_default().to_vec()).unwrap_or_default();
        (base, plain.get(at + 1..).unwrap_or_default().to_vec())
    };
    let Some(base) = preset(&base) else { return Err(damaged("it starts from a scenario this csplan does not have")) };
    if version == LINK_VERSION && check(&bytes) != sum {
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

#[cfg(test)]
mod tests {
    use super::{pack, replace, token, unpack, WORDS};

    /// A word packed as two bytes (a prefix, then a printable byte) followed by the rest of
    /// a shorter word that starts with that printable byte: packing must not take the
    /// second byte of one word's token for the start of the other word.
    #[test]
    fn a_word_never_packs_across_the_second_byte_of_another_words_token() {
        let mut tried = 0;
        for (i, word) in WORDS.iter().enumerate() {
            let t = token(i);
            let Some(second) = t.get(1) else { continue };
            for other in WORDS.iter().filter(|w| w.as_bytes().first() == Some(second) && w.len() <= word.len()) {
                let text = format!("{word}{}", other.get(1..).unwrap_or_default());
                assert_eq!(unpack(&pack(&text)).as_deref(), Some(text.as_bytes()), "{text:?}");
                tried += 1;
            }
        }
        assert!(tried > 0, "no word follows another's token byte: the test tries nothing");
    }

    /// The byte-at-a-time replacement `replace` took the place of (links must not change),
    /// with the one change since: no match starts just after a token's prefix byte (a link
    /// made so could not be read back, so no link that could be read changes).
    fn one_byte_at_a_time(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < hay.len() {
            let after_prefix = i > 0 && matches!(hay.get(i - 1), Some(0x1e | 0x1f));
            if !after_prefix && hay.get(i..i + from.len()) == Some(from) {
                out.extend_from_slice(to);
                i += from.len();
            } else {
                out.extend(hay.get(i).copied());
                i += 1;
            }
        }
        out
    }

    /// Every string of up to `len` bytes from `alphabet`.
    fn strings(alphabet: &[u8], len: usize) -> Vec<Vec<u8>> {
        let mut all = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|s: &Vec<u8>| alphabet.iter().map(move |c| [s.as_slice(), &[*c]].concat()))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn replace_gives_what_replacing_one_byte_at_a_time_gave_for_every_short_text() {
        let hays = strings(b"ab\x1e", 7);
        let needles: Vec<Vec<u8>> = strings(b"ab\x1e", 3).into_iter().filter(|n| !n.is_empty()).collect();
        for hay in &hays {
            for from in &needles {
                for to in [&b""[..], b"\x01", b"\x1e!"] {
                    assert_eq!(
                        replace(hay.clone(), from, to),
                        one_byte_at_a_time(hay, from, to),
                        "{hay:?} {from:?} {to:?}"
                    );
                }
            }
        }
    }
}
