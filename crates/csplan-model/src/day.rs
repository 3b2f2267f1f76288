//! Calendar days, for child-level records: a day is its number counted from 1 January 1970
//! (negative before), so the days between two dates are a subtraction. The proleptic
//! Gregorian calendar throughout (H. Hinnant's `days_from_civil`).

use core::fmt;

/// One calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i32);

/// Days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        _ => 28,
    }
}

impl Day {
    /// The day `year`-`month`-`day`, or `None` if there is no such day (31 April) or it is
    /// outside the years 1000 to 9999.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400); // 0..=399
        let m = i32::try_from(month).ok()?;
        let d = i32::try_from(day).ok()?;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1; // 0..=365
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // 0..=146096
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// The year, month and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
        let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }

    /// The day's number from 1 January 1970.
    pub fn number(self) -> i32 {
        self.0
    }

    /// The day with this number from 1 January 1970.
    pub fn from_number(n: i32) -> Day {
        Day(n)
    }

    /// `days` later (earlier when negative), saturating at the ends of the range.
    pub fn plus(self, days: i32) -> Day {
        Day(self.0.saturating_add(days))
    }

    /// Days from `earlier` to this day (negative when `earlier` is later).
    pub fn since(self, earlier: Day) -> i32 {
        self.0.saturating_sub(earlier.0)
    }

    /// Reads `dd/mm/yyyy` (as SSDA903 files write dates; one-digit days and months too)
    /// or `yyyy-mm-dd`, in the years 1800 to 2999 (so months added to any date read stay
    /// inside the calendar this type covers).
    pub fn parse(text: &str) -> Option<Day> {
        Day::parse_any(text).filter(|d| (1800..=2999).contains(&d.ymd().0))
    }

    fn parse_any(text: &str) -> Option<Day> {
        let t = text.trim();
        let number = |s: &str| -> Option<u32> {
            if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                s.parse().ok()
            }
        };
        let year = |s: &str| number(s).and_then(|y| i32::try_from(y).ok());
        if let Some((d, rest)) = t.split_once('/') {
            let (m, y) = rest.split_once('/')?;
            if y.len() != 4 {
                return None;
            }
            return Day::from_ymd(year(y)?, number(m)?, number(d)?);
        }
        let mut parts = t.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Day::from_ymd(year(y)?, number(m)?, number(d)?)
    }

    /// The same day `months` months later (the month's last day when it is shorter:
    /// 31 January + 1 month = 28 or 29 February).
    pub fn plus_months(self, months: u32) -> Day {
        let (y, m, d) = self.ymd();
        let index = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).unwrap_or(9999);
        let month = u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1;
        Day::from_ymd(year, month, d.min(days_in_month(year, month))).unwrap_or(self)
    }

    /// The same day `months` months earlier (the month's last day when it is shorter).
    pub fn minus_months(self, months: u32) -> Day {
        let (y, m, d) = self.ymd();
        let index = i64::from(y) * 12 + i64::from(m) - 1 - i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).unwrap_or(1000);
        let month = u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1;
        Day::from_ymd(year, month, d.min(days_in_month(year, month))).unwrap_or(self)
    }

    /// The day someone born on `self` turns `years` old: their birthday that year, or
    /// 1 March for a 29 February birthday in a year without one (as the Family Law Reform
    /// Act 1969 counts it).
    pub fn birthday(self, years: u32) -> Day {
        let (y, m, d) = self.ymd();
        let year = y.saturating_add(i32::try_from(years).unwrap_or(i32::MAX));
        Day::from_ymd(year, m, d).or_else(|| Day::from_ymd(year, 3, 1)).unwrap_or(self)
    }

    /// Whole years of age on `on` of someone born on `self` (0 before their first
    /// birthday; negative never: 0 before birth).
    pub fn age_on(self, on: Day) -> u32 {
        let (by, _, _) = self.ymd();
        let (oy, _, _) = on.ymd();
        let mut years = u32::try_from(oy.saturating_sub(by)).unwrap_or(0);
        while years > 0 && self.birthday(years) > on {
            years -= 1;
        }
        years
    }

    /// The start (1 April) of the financial year the day is in.
    pub fn financial_year_start(self) -> Day {
        let (y, m, _) = self.ymd();
        let year = if m >= 4 { y } else { y - 1 };
        Day::from_ymd(year, 4, 1).unwrap_or(self)
    }
}

impl serde::Serialize for Day {
    /// As `YYYY-MM-DD`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for Day {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_count() {
        let epoch = Day::from_ymd(1970, 1, 1).unwrap_or_else(|| unreachable!());
        assert_eq!(epoch.number(), 0);
        for n in [-200_000, -1, 0, 1, 59, 60, 11_016, 19_000, 2_000_000] {
            let d = Day::from_number(n);
            let (y, m, dd) = d.ymd();
            assert_eq!(Day::from_ymd(y, m, dd), Some(d), "{n}: {y}-{m}-{dd}");
        }
        let a = Day::parse("27/03/2022").unwrap_or_else(|| unreachable!());
        let b = Day::parse("2022-03-27").unwrap_or_else(|| unreachable!());
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "2022-03-27");
        assert_eq!(Day::parse("1/4/2021").map(|d| d.to_string()).as_deref(), Some("2021-04-01"));
        for bad in ["31/04/2022", "29/02/2023", "2022-3-27", "27/03/22", "", "aa/bb/cccc", "27-03-2022"] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert_eq!(Day::parse("01/03/2024").map(|d| d.since(Day::parse("01/02/2024").unwrap_or(d))), Some(29));
    }

    #[test]
    fn ages_months_and_financial_years() {
        let born = Day::parse("2006-03-28").unwrap_or_else(|| unreachable!());
        assert_eq!(born.birthday(16).to_string(), "2022-03-28");
        assert_eq!(born.age_on(Day::parse("2022-03-27").unwrap_or(born)), 15);
        assert_eq!(born.age_on(Day::parse("2022-03-28").unwrap_or(born)), 16);
        let leap = Day::parse("2008-02-29").unwrap_or_else(|| unreachable!());
        assert_eq!(leap.birthday(1).to_string(), "2009-03-01");
        assert_eq!(leap.birthday(4).to_string(), "2012-02-29");
        let jan31 = Day::parse("2023-01-31").unwrap_or_else(|| unreachable!());
        assert_eq!(jan31.plus_months(1).to_string(), "2023-02-28");
        assert_eq!(jan31.plus_months(13).to_string(), "2024-02-29");
        assert_eq!(jan31.financial_year_start().to_string(), "2022-04-01");
        assert_eq!(Day::parse("2022-03-31").map(|d| d.minus_months(1).to_string()).as_deref(), Some("2022-02-28"));
        assert_eq!(Day::parse("2022-03-27").map(|d| d.minus_months(6).to_string()).as_deref(), Some("2021-09-27"));
        assert_eq!(
            Day::parse("2023-04-01").map(|d| d.financial_year_start().to_string()).as_deref(),
            Some("2023-04-01")
        );
    }
}
