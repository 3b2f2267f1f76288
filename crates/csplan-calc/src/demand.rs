//! Demand: rates per 10,000 children, growth, and projections of a yearly series.

use csplan_model::{Decimal, HALF_UP};

/// Count per 10,000 children, unrounded: count / population x 10,000 (`None` if the
/// population is not positive).
pub fn rate_per_10000(count: Decimal, population: Decimal) -> Option<Decimal> {
    if population <= Decimal::ZERO {
        return None;
    }
    count.checked_div(population)?.checked_mul(Decimal::from(10_000))
}

/// The rate as DfE publishes it: to a whole number, halves up.
pub fn rate_per_10000_published(count: Decimal, population: Decimal) -> Option<Decimal> {
    rate_per_10000(count, population).map(|r| r.round_dp_with_strategy(0, HALF_UP))
}

/// Growth from `first` to `last` as a percentage of `first` (`None` if `first` is not positive).
pub fn growth_percent(first: Decimal, last: Decimal) -> Option<Decimal> {
    if first <= Decimal::ZERO {
        return None;
    }
    last.checked_sub(first)?.checked_div(first)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// The `n`th root of a positive `a`, by Newton's method in exact decimals (to about 24
/// significant digits).
fn nth_root(a: Decimal, n: u32) -> Option<Decimal> {
    if a <= Decimal::ZERO || n == 0 {
        return None;
    }
    if n == 1 {
        return Some(a);
    }
    let n_dec = Decimal::from(n);
    let n_less_one = Decimal::from(n - 1);
    let mut x = if a > Decimal::ONE { a.checked_div(n_dec)?.max(Decimal::ONE) } else { Decimal::ONE };
    for _ in 0..200 {
        let mut power = Decimal::ONE;
        for _ in 0..n - 1 {
            power = power.checked_mul(x)?;
        }
        let next = n_less_one.checked_mul(x)?.checked_add(a.checked_div(power)?)?.checked_div(n_dec)?;
        if (next - x).abs() < Decimal::new(1, 24) {
            return Some(next);
        }
        x = next;
    }
    Some(x)
}

/// Compound annual growth rate over `years` years, as a percentage:
/// ((last / first) ^ (1 / years) - 1) x 100.
pub fn compound_annual_growth_percent(first: Decimal, last: Decimal, years: u32) -> Option<Decimal> {
    if first <= Decimal::ZERO || last < Decimal::ZERO || years == 0 {
        return None;
    }
    if last.is_zero() {
        return Some(-Decimal::ONE_HUNDRED);
    }
    let root = nth_root(last.checked_div(first)?, years)?;
    root.checked_sub(Decimal::ONE)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// How a series is projected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionMethod {
    /// The least-squares straight line through every year.
    Linear,
    /// The last value grown at the compound annual rate between the first and last years.
    Compound,
}

/// The next `years` values of an evenly spaced yearly series, never below zero.
pub fn project_series(values: &[Decimal], years: u32, method: ProjectionMethod) -> Option<Vec<Decimal>> {
    let n = values.len();
    let last = *values.last()?;
    let mut out = Vec::with_capacity(years as usize);
    match method {
        ProjectionMethod::Linear => {
            let count = Decimal::from(n as u64);
            let mean_x = Decimal::from((n as u64).saturating_sub(1)).checked_div(Decimal::TWO)?;
            let mean_y = values.iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(*v))?.checked_div(count)?;
            let (mut sxy, mut sxx) = (Decimal::ZERO, Decimal::ZERO);
            for (i, v) in values.iter().enumerate() {
                let dx = Decimal::from(i as u64).checked_sub(mean_x)?;
                sxy = sxy.checked_add(dx.checked_mul(v.checked_sub(mean_y)?)?)?;
                sxx = sxx.checked_add(dx.checked_mul(dx)?)?;
            }
            let slope = if sxx.is_zero() { Decimal::ZERO } else { sxy.checked_div(sxx)? };
            for k in 0..years {
                let x = Decimal::from((n as u64) + u64::from(k)).checked_sub(mean_x)?;
                out.push(mean_y.checked_add(slope.checked_mul(x)?)?.max(Decimal::ZERO));
            }
        }
        ProjectionMethod::Compound => {
            let first = *values.first()?;
            let spans = u32::try_from(n.saturating_sub(1)).ok()?;
            let rate = if spans == 0 { Decimal::ZERO } else { compound_annual_growth_percent(first, last, spans)? };
            let factor = Decimal::ONE.checked_add(rate.checked_div(Decimal::ONE_HUNDRED)?)?;
            let mut v = last;
            for _ in 0..years {
                v = v.checked_mul(factor)?;
                out.push(v.max(Decimal::ZERO));
            }
        }
    }
    Some(out)
}
