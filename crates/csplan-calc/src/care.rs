//! Children in care from the council's own SSDA903 records: who is in care on a day, the
//! history, rates fitted from a reference window (and adjusted), and a projection by age
//! band and category in daily steps, each child ageing on their own birthdays, or monthly.
//!
//! ```text
//! a stay       = a child's run of episodes with no gap (an episode ending the day the
//!                next begins carries on the same stay); the child is in care on the days
//!                start <= d < end (open: every day from start)
//! category     = the episode's PLACE code, by the setup; band = whole years of age on
//!                the day, from DOB (a child reaching the last bound, 18, leaves)
//! fitted, from the reference window [from, to] (both days counted):
//!   exposure[b][c]   = child-days in band b, category c
//!   exit rate[b][c]  = stays ending on a day in the window, from (b, c) / exposure[b][c]
//!                      (not those ending at the last bound, 18: every child leaves then)
//!   move rate[b][c][k] = episodes in category c followed on the same day by one in k
//!                      (k != c), from band b / exposure[b][c]
//!   entrants[b][c]   = stays starting in the window, in band b, category c / days
//!   (a day's events cannot outnumber its children, so no rate is negative and the rates
//!    out of a group never sum past 1)
//! projected, day by day from `start` (each day: p' = p x M[b], M[b][c][c] = 1 - exits
//!   - moves out, M[b][c][k] = move rate; on a birthday that crosses a bound the child
//!   moves band; at the last bound, or a recorded end date, the child leaves):
//!   each child in care on `start`: p = 1 in their category, then as above; a child
//!            whose end after `start` is recorded (a backtest) leaves on it and not before:
//!            their M[b] has no exits, only moves
//!   monthly steps instead: each month p' = p x (I + n Q[b]), n its days, Q[b] the daily
//!            rates (a row whose chances out pass 1 scaled to 1), b the band at its start
//!   adjusted rates (Rates::adjust) stand in for the fitted ones
//!   entrants: each month's expected entrants in (b, c), entering mid-month at the mean
//!             age at entry seen in band b in the window, then as above
//!   children = sum of p over children and entrant groups
//!   95% band = children +/- 1.96 x sqrt(sum p (1 - p) over children + entrants' mean),
//!              children independent, entrants Poisson; low never below 0
//! ```
//!
//! Daily products are worked with the powers `M[b]^n` (`n` days), kept to 12 decimal
//! places, so 24 months of 1,000 children is a few hundred thousand multiplications.

use csplan_data::ssda903::{Episode, Records};
use csplan_model::care::{AdjustBy, AdjustedRate, CareSetup, RateAdjustment, Step};
use csplan_model::day::Day;
use csplan_model::Decimal;
use serde::Serialize;

use crate::{ov, CalcError};

/// Decimal places kept in the daily products: a millionth of a millionth of a child, and
/// two of them multiplied (24 places) still fit rust_decimal's 28 without rounding there.
const DP: u32 = 12;

/// One stay: a child's run of contiguous episodes, each with its category.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stay<'a> {
    born: Day,
    /// The day the child reaches the last bound (18) and leaves the model.
    adult: Option<Day>,
    /// The episodes, in order.
    episodes: Vec<&'a Episode>,
    /// Each episode's category (`None`: a code no category takes).
    cats: Vec<Option<usize>>,
}

impl Stay<'_> {
    fn start(&self) -> Option<Day> {
        self.episodes.first().map(|e| e.start)
    }
    fn end(&self) -> Option<Day> {
        self.episodes.last().and_then(|e| e.end)
    }
    /// Which episode the child is in on `day`, by its place in the stay.
    fn at(&self, day: Day) -> Option<usize> {
        self.episodes.iter().position(|e| e.start <= day && e.end.is_none_or(|end| day < end))
    }
    /// The episode the child is in on `day`, and its category.
    fn on(&self, day: Day) -> Option<(&Episode, Option<usize>)> {
        let k = self.at(day)?;
        Some((*self.episodes.get(k)?, self.cats.get(k).copied().flatten()))
    }
}

/// Every stay in the records, by child then start, each episode's category worked once.
fn stays<'a>(records: &'a Records, setup: &CareSetup) -> Vec<Stay<'a>> {
    let mut out: Vec<Stay<'a>> = Vec::new();
    let mut codes: Vec<(&str, Option<usize>)> = Vec::new();
    let mut child: Option<(&str, Day)> = None;
    for e in &records.episodes {
        let born = match child {
            Some((id, born)) if id == e.child => born,
            _ => {
                let Some(c) = records.children.get(&e.child) else { continue };
                child = Some((&e.child, c.born));
                c.born
            }
        };
        let category = match codes.iter().find(|(p, _)| *p == e.place) {
            Some((_, c)) => *c,
            None => {
                let c = setup.category_of(&e.place);
                codes.push((&e.place, c));
                c
            }
        };
        match out.last_mut() {
            Some(s) if s.episodes.last().is_some_and(|last| last.child == e.child && last.end == Some(e.start)) => {
                s.episodes.push(e);
                s.cats.push(category);
            }
            _ => out.push(Stay {
                born,
                adult: setup.bands.last().map(|&y| born.birthday(y)),
                episodes: vec![e],
                cats: vec![category],
            }),
        }
    }
    out
}

/// Children in care on `day`, by band then category.
pub fn population(records: &Records, setup: &CareSetup, day: Day) -> Vec<Vec<u64>> {
    let mut out = vec![vec![0u64; setup.categories.len()]; setup.band_count()];
    for s in stays(records, setup) {
        let Some((_, c)) = s.on(day) else { continue };
        let (Some(b), Some(c)) = (setup.band_of_age(s.born.age_on(day)), c) else { continue };
        if let Some(n) = out.get_mut(b).and_then(|r| r.get_mut(c)) {
            *n += 1;
        }
    }
    out
}

/// One day of the history: children in care by category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HistoryPoint {
    /// The day (each month's last day, and the records' last).
    pub day: String,
    /// Children in each category.
    pub by_category: Vec<u64>,
    /// Children in care in all (0-17).
    pub total: u64,
}

/// Children in care by category on each month's last day the records cover, and on their
/// last day.
pub fn history(records: &Records, setup: &CareSetup) -> Vec<HistoryPoint> {
    let Some((first, last)) = records.span() else { return Vec::new() };
    let all = stays(records, setup);
    let (y, m, _) = first.ymd();
    let mut month_end = Day::from_ymd(y, m, csplan_model::day::days_in_month(y, m)).unwrap_or(last);
    // Each month's last day, then the records' last day.
    let mut days = Vec::new();
    while month_end < last {
        days.push(month_end);
        let (y, m, _) = month_end.ymd();
        let next = Day::from_ymd(y, m, 1).map(|d| d.plus_months(1)).unwrap_or(last);
        let (ny, nm, _) = next.ymd();
        month_end = Day::from_ymd(ny, nm, csplan_model::day::days_in_month(ny, nm)).unwrap_or(last);
    }
    days.push(last);
    // Each stay adds itself to the days it covers (a sweep, not a scan a day).
    let mut by_day = vec![vec![0u64; setup.categories.len()]; days.len()];
    for s in &all {
        let (Some(start), end) = (s.start(), s.end()) else { continue };
        let first = days.partition_point(|d| *d < start);
        for (k, day) in days.iter().enumerate().skip(first) {
            if end.is_some_and(|e| *day >= e) {
                break;
            }
            // Children 18 and over are not counted (the model's last bound).
            if s.adult.is_some_and(|a| *day >= a) {
                break;
            }
            let Some((_, c)) = s.on(*day) else { continue };
            if let Some(n) = c.and_then(|c| by_day.get_mut(k).and_then(|r| r.get_mut(c))) {
                *n += 1;
            }
        }
    }
    days.iter()
        .zip(by_day)
        .map(|(day, by)| HistoryPoint { day: day.to_string(), total: by.iter().sum(), by_category: by })
        .collect()
}

/// Rates fitted from a reference window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rates {
    /// First day of the window.
    pub from: String,
    /// Last day of the window.
    pub to: String,
    /// Days in the window.
    pub days: u32,
    /// Child-days in each band and category.
    pub exposure: Vec<Vec<u64>>,
    /// Stays ending, from each band and category.
    pub exits: Vec<Vec<u64>>,
    /// Moves from each band and category to each other category.
    pub moves: Vec<Vec<Vec<u64>>>,
    /// Stays starting, in each band and category.
    pub entrants: Vec<Vec<u64>>,
    /// Mean age at entry in each band, in days (`None` with no entrants in it).
    pub entry_age_days: Vec<Option<u64>>,
    /// The daily rates after [`Rates::adjust`], by band then category (`None`: as fitted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<Vec<Vec<GroupRates>>>,
}

/// One group's daily rates (a band and category).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupRates {
    /// Chance a day of leaving care.
    #[serde(with = "csplan_model::dec")]
    pub exit: Decimal,
    /// Chance a day of moving to each category (0 for its own).
    #[serde(with = "csplan_model::dec::vec")]
    pub moves: Vec<Decimal>,
    /// Entrants a day.
    #[serde(with = "csplan_model::dec")]
    pub entrants: Decimal,
}

/// Why an adjustment cannot be made: which one (from 0), and what it would do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdjustError {
    /// The adjustment, by its place in the list.
    pub index: usize,
    /// What is wrong.
    pub what: AdjustProblem,
}

/// What is wrong with an adjustment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdjustProblem {
    /// Its band is not one of the setup's.
    NoSuchBand,
    /// Its category is not one of the setup's.
    NoSuchCategory,
    /// A rate would go below 0 in this band and category.
    Negative {
        /// The band.
        band: usize,
        /// The category.
        category: usize,
    },
    /// The chances a day of leaving and moving would sum past 1 in this band and category.
    OverOne {
        /// The band.
        band: usize,
        /// The category.
        category: usize,
    },
    /// The figures are too large to work with exactly.
    TooLarge,
}

impl AdjustError {
    /// In words, naming the adjustment (counting from 1) and the group, and how to put it
    /// right.
    pub fn message(&self, setup: &CareSetup) -> String {
        let n = self.index + 1;
        let group = |b: usize, c: usize| {
            let band = setup.band_names().get(b).cloned().unwrap_or_default();
            let cat = setup.categories.get(c).map(|c| c.name.clone()).unwrap_or_default();
            format!("{cat}, {band}")
        };
        match self.what {
            AdjustProblem::NoSuchBand => format!("Adjustment {n}'s age band is not one of the setup's"),
            AdjustProblem::NoSuchCategory => format!("Adjustment {n}'s category is not one of the setup's"),
            AdjustProblem::Negative { band, category } => {
                format!("Adjustment {n} takes a rate for {} below 0: take away less", group(band, category))
            }
            AdjustProblem::OverOne { band, category } => format!(
                "Adjustment {n} makes the chances of leaving and moving for {} sum past 1 a day: make it smaller",
                group(band, category)
            ),
            AdjustProblem::TooLarge => format!("Adjustment {n}'s value is too large to work with: make it smaller"),
        }
    }
}

impl Rates {
    /// A daily rate `events / exposure` (0 with no exposure).
    fn per_day(events: u64, exposure: u64) -> Decimal {
        if exposure == 0 {
            return Decimal::ZERO;
        }
        (Decimal::from(events) / Decimal::from(exposure)).round_dp(DP)
    }

    fn adjusted_group(&self, b: usize, c: usize) -> Option<&GroupRates> {
        self.adjusted.as_ref().and_then(|a| a.get(b)).and_then(|r| r.get(c))
    }

    /// The daily exit rate from band `b`, category `c`.
    pub fn exit_rate(&self, b: usize, c: usize) -> Decimal {
        if let Some(g) = self.adjusted_group(b, c) {
            return g.exit;
        }
        let e = self.exposure.get(b).and_then(|r| r.get(c)).copied().unwrap_or(0);
        Self::per_day(self.exits.get(b).and_then(|r| r.get(c)).copied().unwrap_or(0), e)
    }

    /// The daily rate of moves from category `c` to `k` in band `b`.
    pub fn move_rate(&self, b: usize, c: usize, k: usize) -> Decimal {
        if let Some(g) = self.adjusted_group(b, c) {
            return g.moves.get(k).copied().unwrap_or_default();
        }
        let e = self.exposure.get(b).and_then(|r| r.get(c)).copied().unwrap_or(0);
        let n = self.moves.get(b).and_then(|r| r.get(c)).and_then(|r| r.get(k)).copied().unwrap_or(0);
        Self::per_day(n, e)
    }

    /// Entrants a day into band `b`, category `c`.
    pub fn entrants_per_day(&self, b: usize, c: usize) -> Decimal {
        if let Some(g) = self.adjusted_group(b, c) {
            return g.entrants;
        }
        let n = self.entrants.get(b).and_then(|r| r.get(c)).copied().unwrap_or(0);
        if self.days == 0 {
            return Decimal::ZERO;
        }
        (Decimal::from(n) / Decimal::from(self.days)).round_dp(DP)
    }

    /// The rates with `adjustments` made, in order, each to the rates the one before left
    /// (see [`AdjustBy`] for what multiply and add do). After each, no rate may be below 0
    /// and no group's chances a day of leaving and moving may sum past 1: the error names
    /// the first adjustment that breaks either, and the group.
    pub fn adjust(&self, adjustments: &[RateAdjustment]) -> Result<Rates, AdjustError> {
        let (nb, nc) = (self.exposure.len(), self.exposure.first().map_or(0, Vec::len));
        let mut grid: Vec<Vec<GroupRates>> = (0..nb)
            .map(|b| {
                (0..nc)
                    .map(|c| GroupRates {
                        exit: self.exit_rate(b, c),
                        moves: (0..nc).map(|k| if k == c { Decimal::ZERO } else { self.move_rate(b, c, k) }).collect(),
                        entrants: self.entrants_per_day(b, c),
                    })
                    .collect()
            })
            .collect();
        let year = Decimal::from(365);
        for (index, a) in adjustments.iter().enumerate() {
            let err = |what| AdjustError { index, what };
            if a.band.is_some_and(|b| b >= nb) {
                return Err(err(AdjustProblem::NoSuchBand));
            }
            if a.category.is_some_and(|c| c >= nc) {
                return Err(err(AdjustProblem::NoSuchCategory));
            }
            let cells: Vec<(usize, usize)> = (0..nb)
                .filter(|b| a.band.is_none_or(|x| x == *b))
                .flat_map(|b| (0..nc).filter(|c| a.category.is_none_or(|x| x == *c)).map(move |c| (b, c)))
                .collect();
            let too_large = err(AdjustProblem::TooLarge);
            let a_day = a.value.checked_div(year).ok_or(too_large)?;
            // Entrants added are shared among the groups as the fitted entrants are.
            let seen = |b: usize, c: usize| self.entrants.get(b).and_then(|r| r.get(c)).copied().unwrap_or(0);
            let seen_all: u64 = cells.iter().map(|&(b, c)| seen(b, c)).sum();
            for &(b, c) in &cells {
                let Some(g) = grid.get_mut(b).and_then(|r| r.get_mut(c)) else { continue };
                let change = |x: Decimal, by: Decimal| match a.by {
                    AdjustBy::Multiply => x.checked_mul(a.value),
                    AdjustBy::Add => x.checked_add(by),
                };
                match a.rate {
                    AdjustedRate::Entrants => {
                        let share = match u32::try_from(cells.len()) {
                            _ if seen_all > 0 => Decimal::from(seen(b, c)) / Decimal::from(seen_all),
                            Ok(n) if n > 0 => Decimal::ONE / Decimal::from(n),
                            _ => Decimal::ZERO,
                        };
                        g.entrants = change(g.entrants, a_day.checked_mul(share).ok_or(too_large)?).ok_or(too_large)?;
                    }
                    AdjustedRate::Exits => g.exit = change(g.exit, a_day).ok_or(too_large)?,
                    AdjustedRate::Moves => {
                        // An amount added is one chance for each child, shared equally
                        // among the categories they could move to.
                        let others = Decimal::from(u32::try_from(nc.saturating_sub(1)).unwrap_or(1).max(1));
                        let each = a_day.checked_div(others).ok_or(too_large)?;
                        for (k, m) in g.moves.iter_mut().enumerate() {
                            if k != c {
                                *m = change(*m, each).ok_or(too_large)?;
                            }
                        }
                    }
                }
                g.exit = g.exit.round_dp(DP);
                g.entrants = g.entrants.round_dp(DP);
                g.moves.iter_mut().for_each(|m| *m = m.round_dp(DP));
                let negative = |x: &Decimal| x.is_sign_negative() && !x.is_zero();
                if negative(&g.exit) || negative(&g.entrants) || g.moves.iter().any(negative) {
                    return Err(err(AdjustProblem::Negative { band: b, category: c }));
                }
                let out = g.moves.iter().try_fold(g.exit, |s, m| s.checked_add(*m)).ok_or(too_large)?;
                if out > Decimal::ONE {
                    return Err(err(AdjustProblem::OverOne { band: b, category: c }));
                }
            }
        }
        Ok(Rates { adjusted: Some(grid), ..self.clone() })
    }
}

/// Fits [`Rates`] from the days `from` to `to` (both counted).
pub fn fit(records: &Records, setup: &CareSetup, from: Day, to: Day) -> Result<Rates, CalcError> {
    if to < from {
        return Err(CalcError::BadDate);
    }
    let (nb, nc) = (setup.band_count(), setup.categories.len());
    let mut exposure = vec![vec![0u64; nc]; nb];
    let mut exits = vec![vec![0u64; nc]; nb];
    let mut moves = vec![vec![vec![0u64; nc]; nc]; nb];
    let mut entrants = vec![vec![0u64; nc]; nb];
    let mut entry_age: Vec<(u64, u64)> = vec![(0, 0); nb];
    let band_on = |born: Day, day: Day| setup.band_of_age(born.age_on(day));
    let bump = |grid: &mut Vec<Vec<u64>>, b: Option<usize>, c: Option<usize>, by: u64| {
        if let (Some(b), Some(c)) = (b, c) {
            if let Some(n) = grid.get_mut(b).and_then(|r| r.get_mut(c)) {
                *n += by;
            }
        }
    };
    for s in stays(records, setup) {
        for (k, e) in s.episodes.iter().enumerate() {
            let c = s.cats.get(k).copied().flatten();
            // Child-days in the window, split at the birthdays that cross a bound.
            let first = e.start.max(from);
            let last = e.end.map_or(to, |end| end.plus(-1).min(to));
            let mut day = first;
            while day <= last {
                let b = band_on(s.born, day);
                let until = next_bound(setup, s.born, day).map_or(last, |d| d.plus(-1).min(last));
                bump(&mut exposure, b, c, u64::try_from(until.since(day) + 1).unwrap_or(0));
                day = until.plus(1);
            }
            // Events on the episode's last day in care (the day before it ends).
            if let Some(end) = e.end {
                let on = end.plus(-1);
                if (from..=to).contains(&on) && on >= e.start {
                    let b = band_on(s.born, on);
                    // Leaving at 18 is not a rate: the projection takes every child out then.
                    let at_eighteen = setup.bands.last().is_some_and(|&y| end >= s.born.birthday(y));
                    match s.episodes.get(k + 1) {
                        None if at_eighteen => {}
                        None => bump(&mut exits, b, c, 1),
                        Some(_) => {
                            let to_c = s.cats.get(k + 1).copied().flatten();
                            if let (Some(b), Some(c), Some(to_c)) = (b, c, to_c) {
                                if to_c != c {
                                    if let Some(n) =
                                        moves.get_mut(b).and_then(|r| r.get_mut(c)).and_then(|r| r.get_mut(to_c))
                                    {
                                        *n += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if let Some(start) = s.start() {
            if (from..=to).contains(&start) {
                let b = band_on(s.born, start);
                bump(&mut entrants, b, s.cats.first().copied().flatten(), 1);
                if let Some((sum, n)) = b.and_then(|b| entry_age.get_mut(b)) {
                    *sum += u64::try_from(start.since(s.born)).unwrap_or(0);
                    *n += 1;
                }
            }
        }
    }
    Ok(Rates {
        from: from.to_string(),
        to: to.to_string(),
        days: u32::try_from(to.since(from) + 1).unwrap_or(0),
        exposure,
        exits,
        moves,
        entrants,
        entry_age_days: entry_age.into_iter().map(|(sum, n)| (n > 0).then(|| sum / n)).collect(),
        adjusted: None,
    })
}

/// The next day after `day` that a child born on `born` reaches a band bound.
fn next_bound(setup: &CareSetup, born: Day, day: Day) -> Option<Day> {
    setup.bands.iter().map(|&y| born.birthday(y)).find(|&d| d > day)
}

/// One month of the projection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CareMonth {
    /// Month number (0 the start).
    pub month: u32,
    /// The day.
    pub date: String,
    /// Expected children by band then category.
    #[serde(with = "csplan_model::dec::vec_vec")]
    pub children: Vec<Vec<Decimal>>,
    /// The 95% band's low end, by band then category.
    #[serde(with = "csplan_model::dec::vec_vec")]
    pub low: Vec<Vec<Decimal>>,
    /// The 95% band's high end, by band then category.
    #[serde(with = "csplan_model::dec::vec_vec")]
    pub high: Vec<Vec<Decimal>>,
    /// Children in all.
    #[serde(with = "csplan_model::dec")]
    pub total: Decimal,
    /// The band's low end, in all.
    #[serde(with = "csplan_model::dec")]
    pub total_low: Decimal,
    /// The band's high end, in all.
    #[serde(with = "csplan_model::dec")]
    pub total_high: Decimal,
    /// Expected entrants since the month before.
    #[serde(with = "csplan_model::dec")]
    pub entrants: Decimal,
    /// Expected leavers since the month before (care ended, or 18 reached), found from
    /// each child's and group's own path (so start + entrants - exits = end is a check).
    #[serde(with = "csplan_model::dec")]
    pub exits: Decimal,
}

/// The projection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CareProjection {
    /// Band names.
    pub bands: Vec<String>,
    /// Category names.
    pub categories: Vec<String>,
    /// Month 0 (the start) then each month.
    pub months: Vec<CareMonth>,
}

impl CareProjection {
    /// Expected children in each category in month `m` (summed over bands).
    pub fn by_category(&self, m: usize) -> Vec<Decimal> {
        let Some(month) = self.months.get(m) else { return Vec::new() };
        (0..self.categories.len())
            .map(|c| month.children.iter().map(|r| r.get(c).copied().unwrap_or_default()).sum())
            .collect()
    }
}

type Matrix = Vec<Vec<Decimal>>;

fn multiply(a: &Matrix, b: &Matrix) -> Result<Matrix, CalcError> {
    let n = a.len();
    let mut out = vec![vec![Decimal::ZERO; n]; n];
    for (i, row) in out.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            let mut sum = Decimal::ZERO;
            for k in 0..n {
                let x = a.get(i).and_then(|r| r.get(k)).copied().unwrap_or_default();
                let y = b.get(k).and_then(|r| r.get(j)).copied().unwrap_or_default();
                if !x.is_zero() && !y.is_zero() {
                    sum = ov(sum.checked_add(ov(x.checked_mul(y))?))?;
                }
            }
            *cell = sum.round_dp(DP);
        }
    }
    Ok(out)
}

/// `p x m`.
fn apply(p: &[Decimal], m: &Matrix) -> Result<Vec<Decimal>, CalcError> {
    let mut out = vec![Decimal::ZERO; p.len()];
    for (k, x) in p.iter().enumerate() {
        if x.is_zero() {
            continue;
        }
        for (j, cell) in out.iter_mut().enumerate() {
            let y = m.get(k).and_then(|r| r.get(j)).copied().unwrap_or_default();
            if !y.is_zero() {
                *cell = ov(cell.checked_add(ov(x.checked_mul(y))?))?;
            }
        }
    }
    Ok(out.into_iter().map(|v| v.round_dp(DP)).collect())
}

/// `values` added, or an overflow.
fn total(values: &[Decimal]) -> Result<Decimal, CalcError> {
    values.iter().try_fold(Decimal::ZERO, |a, v| ov(a.checked_add(*v)))
}

/// One group projected: its probability (or expected count) in each category, its
/// birthday, and the day it leaves for certain (a recorded end, or none).
struct Group {
    p: Vec<Decimal>,
    born: Day,
    leaves: Option<Day>,
    /// True for entrants (Poisson variance), false for a child (Bernoulli).
    entrants: bool,
}

/// One band's matrix for `n` days: `M^n` of the daily matrix (daily steps), or the daily
/// rates x `n` once (monthly steps: a row whose chances out sum past 1 is scaled to 1).
/// Without exits (`exits` false) for a child whose end is recorded: they stay until it.
fn step_matrix(rates: &Rates, b: usize, nc: usize, n: u32, exits: bool) -> Result<Matrix, CalcError> {
    let times = Decimal::from(n);
    let mut m = vec![vec![Decimal::ZERO; nc]; nc];
    for (c, row) in m.iter_mut().enumerate() {
        let exit = if exits { ov(rates.exit_rate(b, c).checked_mul(times))? } else { Decimal::ZERO };
        let mut out = exit;
        for (k, cell) in row.iter_mut().enumerate().filter(|(k, _)| *k != c) {
            *cell = ov(rates.move_rate(b, c, k).checked_mul(times))?;
            out = ov(out.checked_add(*cell))?;
        }
        if out > Decimal::ONE {
            for cell in row.iter_mut() {
                *cell = (*cell / out).round_dp(DP);
            }
            out = Decimal::ONE;
        }
        if let Some(cell) = row.get_mut(c) {
            *cell = Decimal::ONE - out;
        }
    }
    Ok(m)
}

/// Each band's daily matrix raised to every power from 0 to `days`.
fn powers(rates: &Rates, nb: usize, nc: usize, days: usize, exits: bool) -> Result<Vec<Vec<Matrix>>, CalcError> {
    let mut all = Vec::with_capacity(nb);
    for b in 0..nb {
        let m = step_matrix(rates, b, nc, 1, exits)?;
        let identity: Matrix =
            (0..nc).map(|i| (0..nc).map(|j| if i == j { Decimal::ONE } else { Decimal::ZERO }).collect()).collect();
        let mut list = vec![identity];
        for _ in 0..days {
            let next = multiply(list.last().unwrap_or(&m), &m)?;
            list.push(next);
        }
        all.push(list);
    }
    Ok(all)
}

/// Projects `months` months from `start`: the children in care on `start` and entrants at
/// the fitted rates, as the module describes, in daily or monthly steps.
pub fn project(
    records: &Records,
    setup: &CareSetup,
    rates: &Rates,
    start: Day,
    months: u32,
    step: Step,
) -> Result<CareProjection, CalcError> {
    let (nb, nc) = (setup.band_count(), setup.categories.len());
    let outputs: Vec<Day> = (0..=months).map(|k| start.plus_months(k)).collect();
    // A group is stepped from one output day to the next (a month at most), stopping at
    // birthdays and end dates on the way: powers up to the longest month are all it needs.
    let days = outputs.windows(2).map(|w| w.get(1).map_or(0, |b| b.since(*w.first().unwrap_or(b)))).max().unwrap_or(0);
    let days = usize::try_from(days).unwrap_or(0);
    // The groups: each child in care on `start`, then each month's entrants.
    let mut groups: Vec<(Day, Group)> = Vec::new();
    for s in stays(records, setup) {
        let Some((_, c)) = s.on(start) else { continue };
        let (Some(_), Some(c)) = (setup.band_of_age(s.born.age_on(start)), c) else {
            continue;
        };
        let mut p = vec![Decimal::ZERO; nc];
        if let Some(x) = p.get_mut(c) {
            *x = Decimal::ONE;
        }
        groups.push((start, Group { p, born: s.born, leaves: s.end().filter(|d| *d > start), entrants: false }));
    }
    for w in outputs.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else { continue };
        let in_month = Decimal::from(b.since(a));
        let mid = a.plus(b.since(a) / 2);
        for band in 0..nb {
            let lo = setup.bands.get(band).copied().unwrap_or(0);
            let hi = setup.bands.get(band + 1).copied().unwrap_or(lo + 1);
            let age = rates.entry_age_days.get(band).copied().flatten().unwrap_or_else(|| {
                // No entrants seen in the band: the middle of it.
                u64::from(lo + hi) * 365 / 2
            });
            let born = mid.plus(-i32::try_from(age).unwrap_or(0));
            let mut p = vec![Decimal::ZERO; nc];
            for (c, x) in p.iter_mut().enumerate() {
                *x = ov(rates.entrants_per_day(band, c).checked_mul(in_month))?.round_dp(DP);
            }
            if p.iter().all(Decimal::is_zero) {
                continue;
            }
            groups.push((mid, Group { p, born, leaves: None, entrants: true }));
        }
    }
    // Each band's matrices for the steps: with exits, and (for children whose end is
    // recorded) without; daily steps take powers of the daily matrix, worked once.
    let known_ends = groups.iter().any(|(_, g)| g.leaves.is_some());
    let (with_exits, without) = match step {
        Step::Daily => (
            powers(rates, nb, nc, days, true)?,
            if known_ends { powers(rates, nb, nc, days, false)? } else { Vec::new() },
        ),
        Step::Monthly => (Vec::new(), Vec::new()),
    };
    // Monthly steps' matrices, worked when first needed: by band, days (up to a month) and
    // with or without exits.
    let slot = |band: usize, n: u32, exits: bool| {
        (band * (days + 1) + usize::try_from(n).unwrap_or(0)) * 2 + usize::from(exits)
    };
    let mut monthly: Vec<Option<Matrix>> = vec![None; if step == Step::Monthly { nb * (days + 1) * 2 } else { 0 }];
    // Walk each group from its first day through the output days.
    let mut expected = vec![vec![vec![Decimal::ZERO; nc]; nb]; outputs.len()];
    let mut variance = vec![vec![vec![Decimal::ZERO; nc]; nb]; outputs.len()];
    let mut total_var = vec![Decimal::ZERO; outputs.len()];
    let mut entered = vec![Decimal::ZERO; outputs.len()];
    let mut left = vec![Decimal::ZERO; outputs.len()];
    for (from, g) in groups {
        let mut day = from;
        let mut p = g.p.clone();
        if g.entrants {
            if let Some(k) = outputs.iter().position(|&o| o >= from) {
                if let Some(x) = entered.get_mut(k) {
                    *x = ov(x.checked_add(total(&p)?))?;
                }
            }
        }
        for (k, &out_day) in outputs.iter().enumerate() {
            if out_day < day {
                continue;
            }
            // Step to out_day, stopping at each bound crossed and a recorded end; what
            // the step loses is the interval's leavers.
            let mut gone = Decimal::ZERO;
            while day < out_day {
                let had = total(&p)?;
                let Some(band) = setup.band_of_age(g.born.age_on(day)) else {
                    p.iter_mut().for_each(|x| *x = Decimal::ZERO);
                    gone = ov(gone.checked_add(had))?;
                    break;
                };
                let mut until = match step {
                    Step::Daily => next_bound(setup, g.born, day).map_or(out_day, |d| d.min(out_day)),
                    Step::Monthly => out_day,
                };
                if let Some(leaves) = g.leaves {
                    until = until.min(leaves.max(day.plus(1)));
                }
                let n = u32::try_from(until.since(day)).unwrap_or(0);
                let exits = g.leaves.is_none();
                let m = match step {
                    Step::Daily => {
                        let list = if exits { &with_exits } else { &without };
                        list.get(band).and_then(|l| l.get(usize::try_from(n).unwrap_or(usize::MAX)))
                    }
                    Step::Monthly => {
                        let k = slot(band, n, exits);
                        if monthly.get(k).is_some_and(Option::is_none) {
                            let m = step_matrix(rates, band, nc, n, exits)?;
                            if let Some(cell) = monthly.get_mut(k) {
                                *cell = Some(m);
                            }
                        }
                        monthly.get(k).and_then(Option::as_ref)
                    }
                };
                if let Some(m) = m {
                    p = apply(&p, m)?;
                }
                day = until;
                if g.leaves.is_some_and(|l| day >= l) || setup.band_of_age(g.born.age_on(day)).is_none() {
                    // A recorded end, or the last bound (18) reached: the child leaves.
                    p.iter_mut().for_each(|x| *x = Decimal::ZERO);
                }
                let has = total(&p)?;
                gone = ov(gone.checked_add(had - has))?;
            }
            if let Some(x) = left.get_mut(k) {
                *x = ov(x.checked_add(gone))?;
            }
            let Some(band) = setup.band_of_age(g.born.age_on(out_day)) else {
                continue;
            };
            let in_care = total(&p)?;
            for (c, x) in p.iter().enumerate() {
                if let Some(cell) = expected.get_mut(k).and_then(|r| r.get_mut(band)).and_then(|r| r.get_mut(c)) {
                    *cell = ov(cell.checked_add(*x))?;
                }
                let v = if g.entrants { *x } else { ov(x.checked_mul(Decimal::ONE - *x))? };
                if let Some(cell) = variance.get_mut(k).and_then(|r| r.get_mut(band)).and_then(|r| r.get_mut(c)) {
                    *cell = ov(cell.checked_add(v))?;
                }
            }
            let v = if g.entrants { in_care } else { ov(in_care.checked_mul(Decimal::ONE - in_care))? };
            if let Some(t) = total_var.get_mut(k) {
                *t = ov(t.checked_add(v))?;
            }
        }
    }
    let z = Decimal::new(196, 2);
    let spread = |v: Decimal| -> Result<Decimal, CalcError> {
        ov(z.checked_mul(crate::demand::nth_root(v, 2).unwrap_or(Decimal::ZERO)))
    };
    let mut months_out = Vec::with_capacity(outputs.len());
    for (k, out_day) in outputs.iter().enumerate() {
        let cells = expected.get(k).cloned().unwrap_or_default();
        let vars = variance.get(k).cloned().unwrap_or_default();
        let mut low = cells.clone();
        let mut high = cells.clone();
        for (b, row) in cells.iter().enumerate() {
            for (c, x) in row.iter().enumerate() {
                let s = spread(vars.get(b).and_then(|r| r.get(c)).copied().unwrap_or_default())?;
                if let Some(l) = low.get_mut(b).and_then(|r| r.get_mut(c)) {
                    *l = (*x - s).max(Decimal::ZERO).round_dp(4);
                }
                if let Some(h) = high.get_mut(b).and_then(|r| r.get_mut(c)) {
                    *h = (*x + s).round_dp(4);
                }
            }
        }
        let total = total(&cells.iter().flatten().copied().collect::<Vec<_>>())?;
        let s = spread(total_var.get(k).copied().unwrap_or_default())?;
        let entrants = entered.get(k).copied().unwrap_or_default();
        let exits = left.get(k).copied().unwrap_or_default();
        months_out.push(CareMonth {
            month: u32::try_from(k).unwrap_or(0),
            date: out_day.to_string(),
            children: cells.iter().map(|r| r.iter().map(|x| x.round_dp(4)).collect()).collect(),
            low,
            high,
            total: total.round_dp(4),
            total_low: (total - s).max(Decimal::ZERO).round_dp(4),
            total_high: (total + s).round_dp(4),
            entrants: entrants.round_dp(4),
            exits: exits.round_dp(4),
        });
    }
    Ok(CareProjection {
        bands: setup.band_names(),
        categories: setup.categories.iter().map(|c| c.name.clone()).collect(),
        months: months_out,
    })
}

/// The window a council would start from: the six months to the records' last day (as
/// D2I's command line does).
pub fn default_window(records: &Records) -> Option<(Day, Day)> {
    let (_, last) = records.span()?;
    Some((last.minus_months(6), last))
}

/// Counts by category of a grid by band then category.
pub fn by_category(grid: &[Vec<u64>]) -> Vec<u64> {
    let n = grid.first().map_or(0, Vec::len);
    (0..n).map(|c| grid.iter().map(|r| r.get(c).copied().unwrap_or(0)).sum()).collect()
}

/// One line of [`year_forecast`]: a category, in-house or external.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForecastLine {
    /// The category's name.
    pub category: String,
    /// True for the council's own provision (PLACE_PROVIDER PR0 or PR1).
    pub in_house: bool,
    /// Children in it on the day.
    pub children_now: u64,
    /// Child-days in the financial year: the records' own up to the day, then each child
    /// in it on the day to their placement's recorded end, or to the year's end.
    pub child_days: u64,
    /// `child_days / days in the year`: the average number over the year ("FTE" in
    /// Portsmouth's paper), to two decimal places, halves up.
    #[serde(with = "csplan_model::dec")]
    pub average_number: Decimal,
}

impl ForecastLine {
    /// The placement line it becomes on the Cost of care page: "Fostering, in-house".
    pub fn line_name(&self) -> String {
        format!("{}, {}", self.category, if self.in_house { "in-house" } else { "external" })
    }

    /// The type of placement a line of this category and provision is, by the category's
    /// name as DfE groups the codes (fostering, residential, supported); any other is
    /// "other".
    pub fn placement_kind(&self) -> csplan_model::PlacementKind {
        use csplan_model::PlacementKind as K;
        match (self.category.trim().to_lowercase().as_str(), self.in_house) {
            ("fostering", true) => K::InHouseFoster,
            ("fostering", false) => K::Ifa,
            ("residential", true) => K::InHouseResidential,
            ("residential", false) => K::ExternalResidential,
            ("supported", _) => K::SupportedAccommodation,
            _ => K::Other,
        }
    }
}

/// The financial year's placements as Portsmouth's Director of Finance forecast them (June
/// 2017): "based on the current children in placement ... and assumes that they will
/// continue in their current placement until the end of the financial year; unless a
/// placement end date is available". The days before `on` are the records' own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearForecast {
    /// `2017/18`.
    pub year: String,
    /// 1 April.
    pub from: Day,
    /// 31 March.
    pub to: Day,
    /// The day the forecast is made.
    pub on: Day,
    /// Each category, in-house then external, in the setup's order.
    pub lines: Vec<ForecastLine>,
}

impl YearForecast {
    /// What the Cost of care page's placement lines take from the forecast: each line's
    /// name, type and average number; and the names of the lines the setup could make that
    /// have no children this year (a line of that name already there falls to 0).
    pub fn placement_numbers(
        &self,
        setup: &CareSetup,
    ) -> (Vec<(String, csplan_model::PlacementKind, Decimal)>, Vec<String>) {
        let numbers: Vec<_> =
            self.lines.iter().map(|l| (l.line_name(), l.placement_kind(), l.average_number)).collect();
        let none = setup
            .categories
            .iter()
            .flat_map(|c| {
                [true, false].map(|in_house| {
                    ForecastLine {
                        category: c.name.clone(),
                        in_house,
                        children_now: 0,
                        child_days: 0,
                        average_number: Decimal::ZERO,
                    }
                    .line_name()
                })
            })
            .filter(|name| !numbers.iter().any(|(n, _, _)| n == name))
            .collect();
        (numbers, none)
    }
}

/// The financial year containing `on`, forecast from the records (see [`YearForecast`]).
pub fn year_forecast(records: &Records, setup: &CareSetup, on: Day) -> YearForecast {
    let from = on.financial_year_start();
    let (y, _, _) = from.ymd();
    let to = Day::from_ymd(y + 1, 3, 31).unwrap_or(on);
    let days_in_year = Decimal::from(to.since(from) + 1);
    let nc = setup.categories.len();
    // [category][0 in-house, 1 external]: children now, child-days.
    let mut now = vec![[0u64; 2]; nc];
    let mut days = vec![[0u64; 2]; nc];
    let in_house = |e: &Episode| matches!(e.provider.as_str(), "PR0" | "PR1");
    for e in &records.episodes {
        let Some(born) = records.children.get(&e.child).map(|c| c.born) else { continue };
        let Some(c) = setup.category_of(&e.place) else { continue };
        let side = usize::from(!in_house(e));
        let current = e.start <= on && e.end.is_none_or(|end| end > on);
        // The records' days, up to and including `on`; a current placement then runs to
        // its recorded end (exclusive) or the year's last day (inclusive). Children
        // reaching 18 leave then.
        let last = if current {
            e.end.map_or(to, |end| end.plus(-1)).min(to)
        } else {
            e.end.map_or(on, |end| end.plus(-1)).min(on)
        };
        let eighteen = setup.bands.last().map_or(to, |&y| born.birthday(y).plus(-1));
        let (first, last) = (e.start.max(from), last.min(eighteen));
        if last >= first {
            if let Some(d) = days.get_mut(c).and_then(|r| r.get_mut(side)) {
                *d += u64::try_from(last.since(first) + 1).unwrap_or(0);
            }
        }
        if current && setup.band_of_age(born.age_on(on)).is_some() {
            if let Some(n) = now.get_mut(c).and_then(|r| r.get_mut(side)) {
                *n += 1;
            }
        }
    }
    let mut lines = Vec::new();
    for (c, cat) in setup.categories.iter().enumerate() {
        for side in 0..2 {
            let child_days = days.get(c).and_then(|r| r.get(side)).copied().unwrap_or(0);
            let children_now = now.get(c).and_then(|r| r.get(side)).copied().unwrap_or(0);
            if child_days == 0 && children_now == 0 {
                continue;
            }
            lines.push(ForecastLine {
                category: cat.name.clone(),
                in_house: side == 0,
                children_now,
                child_days,
                average_number: (Decimal::from(child_days) / days_in_year)
                    .round_dp_with_strategy(2, csplan_model::HALF_UP),
            });
        }
    }
    YearForecast { year: format!("{}/{:02}", y, (y + 1) % 100), from, to, on, lines }
}

/// The projection costed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CareCostResult {
    /// By category: the share of its children placed in-house on the projection's first day
    /// (PLACE_PROVIDER PR0 or PR1), from the records; None when it has none.
    #[serde(with = "csplan_model::dec::vec_option")]
    pub in_house_share: Vec<Option<Decimal>>,
    /// By category: one placement's cost a year in the first year, in-house and external
    /// weighted by that share, to the penny (halves up).
    pub unit_cost: Vec<csplan_model::Money>,
    /// Each financial year (April to March) the projection reaches, by category and in all.
    pub years: Vec<CareCostYear>,
}

/// One financial year's cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CareCostYear {
    /// `2022/23`.
    pub year: String,
    /// Months of the year in the projection.
    pub months: u32,
    /// By category, to the penny.
    pub by_category: Vec<csplan_model::Money>,
    /// In all, to the penny.
    pub total: csplan_model::Money,
}

/// By category, the share of its children placed in-house on `on`, from the records.
pub fn in_house_shares(records: &Records, setup: &CareSetup, on: Day) -> Vec<Option<Decimal>> {
    let f = year_forecast(records, setup, on);
    setup
        .categories
        .iter()
        .map(|c| {
            let count = |in_house: bool| {
                f.lines
                    .iter()
                    .filter(|l| l.category == c.name && l.in_house == in_house)
                    .map(|l| l.children_now)
                    .sum::<u64>()
            };
            let (inside, outside) = (count(true), count(false));
            (inside + outside > 0).then(|| Decimal::from(inside) / Decimal::from(inside + outside))
        })
        .collect()
}

/// Costs the projection: each month after the first, every category's expected children x
/// its unit cost a year / 12, the unit cost rising by inflation at the start of each year
/// of the projection after the first; summed by financial year, each to the penny (halves
/// up). A category with children needs the cost of each provision it uses, and one with
/// none on the first day but children expected later needs a cost (half each when both
/// are given): the error names it.
pub fn project_costs(
    p: &CareProjection,
    shares: &[Option<Decimal>],
    costs: &csplan_model::care::CareCosts,
) -> Result<CareCostResult, String> {
    let mut unit = Vec::with_capacity(p.categories.len());
    for (c, name) in p.categories.iter().enumerate() {
        let share = shares.get(c).copied().flatten();
        let (inside, outside) = costs.annual.get(c).copied().unwrap_or((None, None));
        let value = |m: Option<csplan_model::Money>, what: &str| {
            m.map(|m| m.value()).ok_or_else(|| format!("Enter the {what} cost a year for {name}"))
        };
        let expected = (1..p.months.len()).any(|m| p.by_category(m).get(c).is_some_and(|n| !n.is_zero()));
        let cost = match share {
            // None in it on the first day, so no share to weight by: entrants alone fill
            // it, at half each cost when both are given, else the one given.
            None => match (inside, outside) {
                (Some(i), Some(o)) => ov(i.value().checked_add(o.value()))
                    .map(|sum| sum / Decimal::TWO)
                    .map_err(|_| format!("The costs for {name} are too large to add up"))?,
                (Some(one), None) | (None, Some(one)) => one.value(),
                (None, None) if expected => {
                    return Err(format!(
                        "Enter a cost a year for {name}, in-house or external: the projection expects children in it"
                    ))
                }
                (None, None) => Decimal::ZERO,
            },
            Some(s) if s == Decimal::ONE => value(inside, "in-house")?,
            Some(s) if s.is_zero() => value(outside, "external")?,
            Some(s) => {
                let (i, o) = (value(inside, "in-house")?, value(outside, "external")?);
                s.checked_mul(i)
                    .zip((Decimal::ONE - s).checked_mul(o))
                    .and_then(|(a, b)| a.checked_add(b))
                    .ok_or_else(|| format!("The costs for {name} are too large to add up"))?
            }
        };
        unit.push(cost);
    }
    let growth = costs
        .inflation
        .value()
        .checked_div(Decimal::ONE_HUNDRED)
        .and_then(|r| Decimal::ONE.checked_add(r))
        .ok_or("Inflation that high cannot be costed")?;
    let start =
        p.months.first().and_then(|m| crate::projection::year_month(&m.date)).ok_or("The projection has no start")?;
    let twelve = Decimal::from(12);
    let mut years: Vec<CareCostYear> = Vec::new();
    let mut factor = Decimal::ONE;
    for m in 1..p.months.len() {
        if m > 1 && (m - 1) % 12 == 0 {
            factor = factor.checked_mul(growth).ok_or("Inflation that high cannot be costed")?;
        }
        let counts = p.by_category(m);
        let month: Vec<Decimal> = unit
            .iter()
            .zip(&counts)
            .map(|(u, n)| u.checked_mul(*n).and_then(|x| x.checked_mul(factor)).map(|x| x / twelve))
            .collect::<Option<_>>()
            .ok_or("These costs are too large to add up")?;
        let year = crate::projection::financial_year(crate::projection::add_months(
            start,
            u32::try_from(m).map_err(|_| "The projection is too long to cost")?,
        ));
        match years.last_mut() {
            Some(y) if y.year == year => {
                y.months += 1;
                for (total, v) in y.by_category.iter_mut().zip(&month) {
                    let sum = total.value().checked_add(*v).ok_or("These costs are too large to add up")?;
                    *total = csplan_model::Money::new(sum);
                }
            }
            _ => years.push(CareCostYear {
                year,
                months: 1,
                by_category: month.iter().map(|v| csplan_model::Money::new(*v)).collect(),
                total: csplan_model::Money::ZERO,
            }),
        }
    }
    for y in &mut years {
        for v in &mut y.by_category {
            *v = v.round_pence();
        }
        let sum = y.by_category.iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(v.value()));
        y.total = csplan_model::Money::new(sum.ok_or("These costs are too large to add up")?).round_pence();
    }
    Ok(CareCostResult {
        in_house_share: shares.to_vec(),
        unit_cost: unit.into_iter().map(|u| csplan_model::Money::new(u).round_pence()).collect(),
        years,
    })
}
