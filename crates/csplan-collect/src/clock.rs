//! Today's date and the time a response arrived, in UTC, from the system clock. The
//! collector is the only part of csplan that reads the clock; the domain crates never do.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01T00:00:00Z now (0 if the clock is before 1970).
pub fn now_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)).unwrap_or(0)
}

/// The civil date (year, month, day) of a day number counted from 1970-01-01
/// (Howard Hinnant's `civil_from_days`, proleptic Gregorian calendar).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, u32::try_from(month).unwrap_or(1), u32::try_from(day).unwrap_or(1))
}

/// `YYYY-MM-DD` for a time in seconds since the epoch.
pub fn date(seconds: i64) -> String {
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a time in seconds since the epoch.
pub fn timestamp(seconds: i64) -> String {
    let s = seconds.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", date(seconds), s / 3_600, s % 3_600 / 60, s % 60)
}

/// `YYYY-MM-DDTHH:00:00Z`: the hour a time falls in, as the collector stores arrival times
/// unless asked for the second.
pub fn hour(seconds: i64) -> String {
    timestamp(seconds.div_euclid(3_600).saturating_mul(3_600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_match_the_calendar() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(19_723 * 86_400), "2024-01-01");
        // 2024 is a leap year: 29 February exists, and 2025-11-25 is 694 days after 2024-01-01.
        assert_eq!(date((19_723 + 59) * 86_400), "2024-02-29");
        assert_eq!(date(20_417 * 86_400), "2025-11-25");
        assert_eq!(timestamp(20_417 * 86_400 + 13 * 3_600 + 5 * 60 + 9), "2025-11-25T13:05:09Z");
        assert_eq!(date(-1), "1969-12-31");
        assert_eq!(hour(20_417 * 86_400 + 13 * 3_600 + 5 * 60 + 9), "2025-11-25T13:00:00Z");
    }
}
