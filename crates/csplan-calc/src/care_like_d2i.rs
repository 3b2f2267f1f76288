//! The children-in-care projection made the way data-to-insight's `cs-demand-model` 0.5.1
//! makes it, from the same cleaned records: for setting csplan beside it (`csplan care
//! --like-d2i`, `cargo xtask bench care`). csplan's own model is [`crate::care`].
//!
//! ```text
//! bracket   = of the age at the episode's start, (DECOM - DOB) / 365.24 years, kept for
//!             the whole episode: 0-1, 1-5, 5-10, 10-16, 16-30 (D2I's "16 to 18+")
//! category  = Fostering U1-U6, Residential K2 R1, Supported H5 P2, Other the rest; plus
//!             "not in care", where leavers go (and keep ageing)
//! stock     S_d(s) = episodes of state s with DECOM <= d, less those with DEC <= d
//! moves     T_d(s -> t) = episodes of state s ending on d, t the next episode's category
//!             when it starts that day (the same category counts), else not in care
//! rate      r(s -> t) = mean over the window's days d of T_d / S_(d-1) (the first day
//!             divides by S_first); entrants E(t) = stays starting in the window / its
//!             length in days (last - first)
//! ageing    r((b, c) -> (b + 1, c)) += 1 / length(b) a day, lengths 365, 1,460, 1,825,
//!             2,190 and 5,110 days; from the last bracket, out of the model
//! a day     out(s) = min(P(s) x sum_t r(s -> t), P(s)); each t gets out(s) x r(s -> t) /
//!             sum; entrants added; from the children in care on the window's last day
//! ```

use std::collections::BTreeMap;

use csplan_data::ssda903::Records;
use csplan_model::care::{CareCategory, CareSetup};
use csplan_model::day::Day;
use csplan_model::Decimal;
use serde::Serialize;

use crate::{ov, CalcError};

/// Decimal places kept in each day's figures.
const DP: u32 = 16;
/// D2I's bracket lengths in days.
const LENGTHS: [i64; 5] = [365, 1_460, 1_825, 2_190, 5_110];

/// D2I's categories and brackets (the last bracket to 30, as D2I's "16 to 18+" runs).
pub fn setup() -> CareSetup {
    let c = |id: &str, name: &str, places: &[&str]| CareCategory {
        id: id.into(),
        name: name.into(),
        places: places.iter().map(|p| (*p).to_string()).collect(),
    };
    CareSetup {
        categories: vec![
            c("fostering", "Fostering", &["U1", "U2", "U3", "U4", "U5", "U6"]),
            c("residential", "Residential", &["K2", "R1"]),
            c("supported", "Supported", &["H5", "P2"]),
            c("other", "Other", &[]),
        ],
        bands: vec![0, 1, 5, 10, 16, 30],
    }
}

/// A state: bracket, and category (the last index is "not in care").
type State = (usize, usize);

/// The projection, as D2I makes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LikeD2i {
    /// Category names (in care).
    pub categories: Vec<String>,
    /// Each month from the start (month 0).
    pub months: Vec<LikeD2iMonth>,
}

/// One month of [`LikeD2i`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LikeD2iMonth {
    /// The day.
    pub date: String,
    /// Children in each category.
    #[serde(with = "csplan_model::dec::vec")]
    pub children: Vec<Decimal>,
}

/// One episode as D2I sees it.
struct Ep {
    start: Day,
    end: Option<Day>,
    state: State,
    /// The category of the next episode when it starts the day this one ends.
    after: Option<usize>,
    /// Whether the previous episode ended the day this one starts.
    continues: bool,
}

fn bracket(born: Day, on: Day) -> Option<usize> {
    // Age in years of 365.24 days, at the episode's start.
    let age = Decimal::from(on.since(born)) / Decimal::new(36_524, 2);
    let bounds = [0, 1, 5, 10, 16, 30].map(Decimal::from);
    if age < Decimal::NEGATIVE_ONE || age >= Decimal::from(30) {
        return None;
    }
    Some(bounds.windows(2).position(|w| w.get(1).is_some_and(|hi| age < *hi)).unwrap_or(0))
}

fn episodes(records: &Records, setup: &CareSetup) -> Vec<Ep> {
    let other = setup.categories.len().saturating_sub(1);
    let list = &records.episodes;
    let mut out = Vec::with_capacity(list.len());
    for (k, e) in list.iter().enumerate() {
        let Some(child) = records.children.get(&e.child) else { continue };
        let Some(b) = bracket(child.born, e.start) else { continue };
        let c = setup.category_of(&e.place).unwrap_or(other);
        let next = list.get(k + 1).filter(|n| n.child == e.child);
        let prev = k.checked_sub(1).and_then(|p| list.get(p)).filter(|p| p.child == e.child);
        out.push(Ep {
            start: e.start,
            end: e.end,
            state: (b, c),
            after: next.filter(|n| Some(n.start) == e.end).map(|n| setup.category_of(&n.place).unwrap_or(other)),
            continues: prev.is_some_and(|p| p.end == Some(e.start)),
        });
    }
    out
}

/// Fits D2I's rates over `from` to `to` and projects `months` months from `to`.
pub fn project(records: &Records, from: Day, to: Day, months: u32) -> Result<LikeD2i, CalcError> {
    if to <= from {
        return Err(CalcError::BadDate);
    }
    let setup = setup();
    let nc = setup.categories.len();
    let not_in_care = nc;
    let eps = episodes(records, &setup);
    // Stock on a day: starts on or before it less ends on or before it.
    let stock_on = |day: Day| {
        let mut s: BTreeMap<State, i64> = BTreeMap::new();
        for e in &eps {
            if e.start <= day && e.end.is_none_or(|end| end > day) {
                *s.entry(e.state).or_default() += 1;
            }
        }
        s
    };
    // Moves ending on each day of the window.
    let mut ends: BTreeMap<Day, Vec<(State, State)>> = BTreeMap::new();
    for e in &eps {
        if let Some(end) = e.end.filter(|d| (from..=to).contains(d)) {
            let t = (e.state.0, e.after.unwrap_or(not_in_care));
            ends.entry(end).or_default().push((e.state, t));
        }
    }
    let window = u32::try_from(to.since(from) + 1).unwrap_or(1);
    let mut sums: BTreeMap<(State, State), Decimal> = BTreeMap::new();
    let mut previous = stock_on(from);
    let mut day = from;
    while day <= to {
        let mut today: BTreeMap<(State, State), i64> = BTreeMap::new();
        for pair in ends.get(&day).into_iter().flatten() {
            *today.entry(*pair).or_default() += 1;
        }
        for (pair, t) in today {
            let s = previous.get(&pair.0).copied().unwrap_or(0);
            if s > 0 {
                let share = Decimal::from(t) / Decimal::from(s);
                let sum = sums.entry(pair).or_default();
                *sum = ov(sum.checked_add(share))?;
            }
        }
        previous = stock_on(day);
        day = day.plus(1);
    }
    let mut rates: BTreeMap<State, Vec<(Option<State>, Decimal)>> = BTreeMap::new();
    for ((s, t), sum) in sums {
        rates.entry(s).or_default().push((Some(t), (sum / Decimal::from(window)).round_dp(DP)));
    }
    // Ageing, every category and "not in care".
    for (b, length) in LENGTHS.iter().enumerate() {
        for c in 0..=nc {
            let to_state = (b + 1 < LENGTHS.len()).then_some((b + 1, c));
            rates.entry((b, c)).or_default().push((to_state, (Decimal::ONE / Decimal::from(*length)).round_dp(DP)));
        }
    }
    let days = Decimal::from(to.since(from));
    let mut entrants: BTreeMap<State, Decimal> = BTreeMap::new();
    for e in eps.iter().filter(|e| (from..=to).contains(&e.start) && !e.continues) {
        *entrants.entry(e.state).or_default() += Decimal::ONE;
    }
    for v in entrants.values_mut() {
        *v = (*v / days).round_dp(DP);
    }
    // The days: from the window's last day.
    let mut population: BTreeMap<State, Decimal> =
        stock_on(to).into_iter().map(|(s, n)| (s, Decimal::from(n))).collect();
    let outputs: Vec<Day> = (0..=months).map(|m| to.plus_months(m)).collect();
    let in_care = |p: &BTreeMap<State, Decimal>| -> Vec<Decimal> {
        (0..nc).map(|c| p.iter().filter(|((_, k), _)| *k == c).map(|(_, v)| *v).sum::<Decimal>().round_dp(6)).collect()
    };
    let mut out = vec![LikeD2iMonth { date: to.to_string(), children: in_care(&population) }];
    let mut day = to;
    for &target in outputs.iter().skip(1) {
        while day < target {
            let mut next = population.clone();
            for (s, list) in &rates {
                let p = population.get(s).copied().unwrap_or_default();
                if p.is_zero() {
                    continue;
                }
                let total: Decimal = list.iter().map(|(_, r)| *r).sum();
                if total.is_zero() {
                    continue;
                }
                let leaving = ov(p.checked_mul(total))?.clamp(Decimal::ZERO, p);
                let here = next.entry(*s).or_default();
                *here -= leaving;
                for (t, r) in list {
                    if let Some(t) = t {
                        let share = ov(ov(leaving.checked_mul(*r))?.checked_div(total))?;
                        let cell = next.entry(*t).or_default();
                        *cell = ov(cell.checked_add(share))?;
                    }
                }
            }
            for (t, n) in &entrants {
                let cell = next.entry(*t).or_default();
                *cell = ov(cell.checked_add(*n))?;
            }
            population = next.into_iter().map(|(s, v)| (s, v.round_dp(DP))).collect();
            day = day.plus(1);
        }
        out.push(LikeD2iMonth { date: target.to_string(), children: in_care(&population) });
    }
    Ok(LikeD2i { categories: setup.categories.iter().map(|c| c.name.clone()).collect(), months: out })
}
