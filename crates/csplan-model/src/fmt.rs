//! Number formatting shared by the CLI and the web app, so both print the same figures.

use rust_decimal::Decimal;

use crate::units::HALF_UP;

/// `1527.68` at 1 place -> `"1,527.7"`: rounded halves up to exactly `dp` places,
/// thousands grouped with commas.
pub fn grouped(value: Decimal, dp: u32) -> String {
    let rounded = value.round_dp_with_strategy(dp, HALF_UP);
    let text = format!("{rounded:.prec$}", prec = dp as usize);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    if out == "-0" || out.chars().all(|c| matches!(c, '-' | '0' | '.' | ',')) {
        // Never print "-0.0": a value that rounds to zero is zero.
        out = out.trim_start_matches('-').to_string();
    }
    out
}

/// A decimal as typed: no trailing zeros, no grouping (`62.80` -> `"62.8"`). For
/// refilling form fields and for explanations that quote an input as given.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A figure quoted in an explanation: up to `dp` places, no trailing zeros, grouped
/// (`18` -> `"18"`, `21.70` -> `"21.7"`, `1527.68` at 1 -> `"1,527.7"`).
pub fn short(value: Decimal, dp: u32) -> String {
    let rounded = value.round_dp_with_strategy(dp, HALF_UP).normalize();
    grouped(rounded, rounded.scale())
}

/// A share (0 to 1) as a per cent to `dp` places, halves up, no trailing zeros: `0.625` at
/// 0 -> `"63%"`.
pub fn share_percent(share: Decimal, dp: u32) -> String {
    format!("{}%", short(share.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(share), dp))
}

/// An amount of money for an axis label: `£25m`, `£1.25m`, `£750k`, `£900`.
pub fn axis_pounds(value: Decimal) -> String {
    let million = Decimal::from(1_000_000);
    let thousand = Decimal::from(1_000);
    if value.abs() >= million {
        format!("£{}m", short(value / million, 2))
    } else if value.abs() >= thousand {
        format!("£{}k", short(value / thousand, 1))
    } else {
        format!("£{}", short(value, 0))
    }
}

/// A `YYYY-MM-DD` date as people write it: `2024-01-08` -> `8 January 2024` (anything
/// else as it is).
pub fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = iso.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else { return iso.to_string() };
    let month = m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match (d.parse::<u32>(), month) {
        (Ok(d), Some(month)) => format!("{d} {month} {y}"),
        _ => iso.to_string(),
    }
}
