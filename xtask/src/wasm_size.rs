//! Where a wasm module's bytes go, by crate: each function body's size from the code
//! section, named by the `name` custom section that rustc and wasm-ld leave in the
//! module before wasm-opt strips it, grouped by the crate its name starts with. Data
//! segments count as "static data". Enough for `cargo xtask bench`'s breakdown without
//! installing twiggy.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Reads an unsigned LEB128 number at `*at`, moving past it.
fn leb(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

fn usize_leb(bytes: &[u8], at: &mut usize) -> Option<usize> {
    leb(bytes, at).and_then(|v| usize::try_from(v).ok())
}

fn name(bytes: &[u8], at: &mut usize) -> Option<String> {
    let len = usize_leb(bytes, at)?;
    let s = bytes.get(*at..*at + len)?;
    *at += len;
    Some(String::from_utf8_lossy(s).into_owned())
}

/// The crate a (demangled) function name belongs to: `serde_json` for
/// `serde_json::de::from_str`, the type's crate for `<csplan_model::Scenario as
/// serde::Deserialize>::deserialize` and for `core::ptr::drop_in_place<leptos::...>`.
pub fn crate_of(symbol: &str) -> String {
    let mut s = symbol;
    for prefix in ["core::ptr::drop_in_place<", "alloc::boxed::Box<"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    loop {
        let trimmed = s.trim_start_matches(['<', '&', '*', '(', '[', ' ']);
        let trimmed = ["mut ", "dyn ", "const "].iter().fold(trimmed, |t, p| t.strip_prefix(p).unwrap_or(t));
        if trimmed.len() == s.len() {
            break;
        }
        s = trimmed;
    }
    let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
    let mut krate = s.get(..end).unwrap_or("");
    // A blanket impl, `<T as serde::Deserialize>::deserialize`: the trait's crate.
    if !s.get(end..).unwrap_or("").starts_with("::") {
        if let Some((_, tr)) = s.split_once(" as ") {
            let end = tr.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(tr.len());
            krate = tr.get(..end).unwrap_or(krate);
        }
    }
    if krate.is_empty() {
        return "(other)".to_string();
    }
    krate.to_string()
}

/// Demangles a legacy Rust symbol (`_ZN4core3fmt5write17h…E`) to `core::fmt::write`;
/// anything else is returned as it is.
pub fn demangle(symbol: &str) -> String {
    let Some(mut rest) = symbol.strip_prefix("_ZN") else { return symbol.to_string() };
    let mut parts = Vec::new();
    while let Some(c) = rest.chars().next() {
        if !c.is_ascii_digit() {
            break;
        }
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(n) = digits.parse::<usize>() else { break };
        let Some(ident) = rest.get(digits.len()..digits.len() + n) else { break };
        rest = rest.get(digits.len() + n..).unwrap_or("");
        let ident = ident.strip_prefix('_').filter(|i| i.starts_with('$')).unwrap_or(ident);
        let mut out = ident.replace("..", "::");
        for (code, text) in [
            ("$LT$", "<"),
            ("$GT$", ">"),
            ("$u20$", " "),
            ("$RF$", "&"),
            ("$BP$", "*"),
            ("$C$", ","),
            ("$u7b$", "{"),
            ("$u7d$", "}"),
            ("$u5b$", "["),
            ("$u5d$", "]"),
            ("$u27$", "'"),
            ("$u3b$", ";"),
            ("$u22$", "\""),
            ("$u7e$", "~"),
            ("$u3d$", "="),
            ("$u2b$", "+"),
        ] {
            out = out.replace(code, text);
        }
        parts.push(out);
    }
    if parts.last().is_some_and(|h| h.len() == 17 && h.starts_with('h')) {
        parts.pop();
    }
    parts.join("::")
}

/// Bytes by crate in the module at `path` (function bodies, plus "static data" for data
/// segments), largest first, and the module's total size.
pub fn by_crate(path: &Path) -> Result<(Vec<(String, u64)>, u64), String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if bytes.get(..4) != Some(b"\0asm") {
        return Err(format!("{} is not a wasm module", path.display()));
    }
    let bad = || format!("{} is not a well-formed wasm module", path.display());
    let mut at = 8;
    let mut imported_functions = 0usize;
    let mut bodies: Vec<u64> = Vec::new();
    let mut data = 0u64;
    let mut names: BTreeMap<usize, String> = BTreeMap::new();
    while at < bytes.len() {
        let id = *bytes.get(at).ok_or_else(bad)?;
        at += 1;
        let size = usize_leb(&bytes, &mut at).ok_or_else(bad)?;
        let end = at + size;
        let section = bytes.get(at..end).ok_or_else(bad)?;
        let mut p = 0;
        match id {
            2 => {
                let count = usize_leb(section, &mut p).ok_or_else(bad)?;
                for _ in 0..count {
                    name(section, &mut p).ok_or_else(bad)?;
                    name(section, &mut p).ok_or_else(bad)?;
                    let kind = *section.get(p).ok_or_else(bad)?;
                    p += 1;
                    match kind {
                        0 => {
                            imported_functions += 1;
                            leb(section, &mut p).ok_or_else(bad)?;
                        }
                        1 => {
                            // table: reftype, limits
                            p += 1;
                            let flags = leb(section, &mut p).ok_or_else(bad)?;
                            leb(section, &mut p).ok_or_else(bad)?;
                            if flags & 1 == 1 {
                                leb(section, &mut p).ok_or_else(bad)?;
                            }
                        }
                        2 => {
                            let flags = leb(section, &mut p).ok_or_else(bad)?;
                            leb(section, &mut p).ok_or_else(bad)?;
                            if flags & 1 == 1 {
                                leb(section, &mut p).ok_or_else(bad)?;
                            }
                        }
                        3 => p += 2,
                        _ => leb(section, &mut p).map(|_| ()).ok_or_else(bad)?,
                    }
                }
            }
            10 => {
                let count = usize_leb(section, &mut p).ok_or_else(bad)?;
                for _ in 0..count {
                    let before = p;
                    let len = usize_leb(section, &mut p).ok_or_else(bad)?;
                    p += len;
                    bodies.push((p - before) as u64);
                }
            }
            11 => data += size as u64,
            0 if name(section, &mut p).as_deref() == Some("name") => {
                while p < section.len() {
                    let sub = *section.get(p).ok_or_else(bad)?;
                    p += 1;
                    let len = usize_leb(section, &mut p).ok_or_else(bad)?;
                    let sub_end = p + len;
                    if sub == 1 {
                        let mut q = p;
                        let count = usize_leb(section, &mut q).ok_or_else(bad)?;
                        for _ in 0..count {
                            let index = usize_leb(section, &mut q).ok_or_else(bad)?;
                            let n = name(section, &mut q).ok_or_else(bad)?;
                            names.insert(index, n);
                        }
                    }
                    p = sub_end;
                }
            }
            _ => {}
        }
        at = end;
    }
    let mut groups: BTreeMap<String, u64> = BTreeMap::new();
    for (k, size) in bodies.iter().enumerate() {
        let krate =
            names.get(&(k + imported_functions)).map_or_else(|| "(unnamed)".to_string(), |n| crate_of(&demangle(n)));
        *groups.entry(krate).or_default() += size;
    }
    if data > 0 {
        *groups.entry("static data".to_string()).or_default() += data;
    }
    let mut list: Vec<(String, u64)> = groups.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok((list, bytes.len() as u64))
}

/// Prints the breakdown: crates of at least 1% each, the rest together.
pub fn print(path: &Path) -> Result<(), String> {
    let (list, file) = by_crate(path)?;
    let total: u64 = list.iter().map(|(_, n)| n).sum();
    println!("    {}: {file} B before wasm-opt, {total} B of code and data, by crate:", path.display());
    let mut rest = 0;
    for (krate, size) in &list {
        if *size * 100 >= total {
            println!("      {krate:<28} {size:>9} B  {:>4.1}%", percent(*size, total));
        } else {
            rest += size;
        }
    }
    println!("      {:<28} {rest:>9} B  {:>4.1}%", "(each under 1%)", percent(rest, total));
    Ok(())
}

#[allow(clippy::float_arithmetic)]
fn percent(part: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 * 100.0 / total as f64
    }
}
