//! Geometry for line charts, in exact decimals (so the browser bundle needs no floating
//! point formatting): a "nice" axis maximum, tick values, and SVG polyline points.

use csplan_model::Decimal;

/// A chart area inside an SVG `viewBox` of `width` x `height`, with margins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    /// viewBox width.
    pub width: i64,
    /// viewBox height.
    pub height: i64,
    /// Left margin (for the y-axis labels).
    pub left: i64,
    /// Right margin.
    pub right: i64,
    /// Top margin.
    pub top: i64,
    /// Bottom margin (for the x-axis labels).
    pub bottom: i64,
}

/// The smallest of 1, 2, 5 or 10 times a power of ten that is at least `v` (1 for `v <= 0`).
pub fn nice_ceiling(v: Decimal) -> Decimal {
    if v <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let mut magnitude = Decimal::ONE;
    while magnitude * Decimal::TEN <= v && magnitude < Decimal::from(1_000_000_000_000_i64) {
        magnitude *= Decimal::TEN;
    }
    while magnitude > v && magnitude > Decimal::new(1, 6) {
        magnitude /= Decimal::TEN;
    }
    [1, 2, 5, 10].iter().map(|m| magnitude * Decimal::from(*m)).find(|c| *c >= v).unwrap_or(magnitude * Decimal::TEN)
}

impl Frame {
    /// x of point `i` of `n` (spread across the frame), to one decimal place.
    pub fn x(&self, i: usize, n: usize) -> Decimal {
        let span = Decimal::from(self.width - self.left - self.right);
        let steps = Decimal::from(n.max(2) as i64 - 1);
        (Decimal::from(self.left) + span * Decimal::from(i as i64) / steps).round_dp(1).normalize()
    }

    /// y of value `v` on an axis from 0 to `max`, to one decimal place.
    pub fn y(&self, v: Decimal, max: Decimal) -> Decimal {
        let span = Decimal::from(self.height - self.top - self.bottom);
        let max = if max <= Decimal::ZERO { Decimal::ONE } else { max };
        let share = (v / max).clamp(Decimal::ZERO, Decimal::ONE);
        (Decimal::from(self.top) + span * (Decimal::ONE - share)).round_dp(1).normalize()
    }

    /// `count + 1` evenly spaced ticks from 0 to `max`: (value, y).
    pub fn y_ticks(&self, max: Decimal, count: u32) -> Vec<(Decimal, Decimal)> {
        let count = count.max(1);
        (0..=count)
            .map(|k| {
                let v = (max * Decimal::from(k) / Decimal::from(count)).normalize();
                (v, self.y(v, max))
            })
            .collect()
    }

    /// SVG `points` for a series on an axis from 0 to `max`.
    pub fn points(&self, values: &[Decimal], max: Decimal) -> String {
        let n = values.len();
        values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{},{}", self.x(i, n), self.y(*v, max)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}
