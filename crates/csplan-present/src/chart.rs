//! Geometry for line and bar charts, in exact decimals (so the browser bundle needs no floating
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

/// One bar of a grouped bar chart, in viewBox units to one decimal place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    /// Left edge.
    pub x: Decimal,
    /// Top edge.
    pub y: Decimal,
    /// Width.
    pub width: Decimal,
    /// Height (0 for a value of 0 or less).
    pub height: Decimal,
}

/// The highest value an axis must reach for `rows` of values: each row's sum when they are
/// stacked, else the largest value.
pub fn peak<'a>(rows: impl IntoIterator<Item = &'a [Decimal]>, stacked: bool) -> Decimal {
    rows.into_iter()
        .map(|r| if stacked { r.iter().copied().sum() } else { r.iter().copied().max().unwrap_or_default() })
        .max()
        .unwrap_or_default()
}

impl Frame {
    /// The band of group `g` of `groups` across the frame: (left edge, width).
    fn band(&self, g: usize, groups: usize) -> (Decimal, Decimal) {
        let span = Decimal::from(self.width - self.left - self.right);
        let width = span / Decimal::from(groups.max(1) as i64);
        (Decimal::from(self.left) + width * Decimal::from(g as i64), width)
    }

    /// The middle of group `g`'s band, for its label.
    pub fn band_centre(&self, g: usize, groups: usize) -> Decimal {
        let (left, width) = self.band(g, groups);
        (left + width / Decimal::TWO).round_dp(1).normalize()
    }

    /// Bar `s` of `series` in group `g` of `groups`, for value `v` on an axis from 0 to
    /// `max`: the bars of a group fill the middle three quarters of its band, side by side.
    pub fn bar(&self, g: usize, groups: usize, s: usize, series: usize, v: Decimal, max: Decimal) -> Bar {
        let (left, band) = self.band(g, groups);
        let width = band * Decimal::from(3) / Decimal::from(4) / Decimal::from(series.max(1) as i64);
        let x = left + band / Decimal::from(8) + width * Decimal::from(s as i64);
        let top = self.y(v, max);
        let bottom = Decimal::from(self.height - self.bottom);
        Bar {
            x: x.round_dp(1).normalize(),
            y: top,
            width: width.round_dp(1).normalize(),
            height: (bottom - top).max(Decimal::ZERO).round_dp(1).normalize(),
        }
    }

    /// A horizontal bar: bar `s` of `series` in row `g` of `groups`, for value `v` on an
    /// axis from 0 to `max` running left to right; the bars of a row fill the middle three
    /// quarters of its band, one under another.
    pub fn hbar(&self, g: usize, groups: usize, s: usize, series: usize, v: Decimal, max: Decimal) -> Bar {
        let span = Decimal::from(self.height - self.top - self.bottom);
        let band = span / Decimal::from(groups.max(1) as i64);
        let height = band * Decimal::from(3) / Decimal::from(4) / Decimal::from(series.max(1) as i64);
        let y = Decimal::from(self.top)
            + band * Decimal::from(g as i64)
            + band / Decimal::from(8)
            + height * Decimal::from(s as i64);
        let max = if max <= Decimal::ZERO { Decimal::ONE } else { max };
        let share = (v / max).clamp(Decimal::ZERO, Decimal::ONE);
        let width = Decimal::from(self.width - self.left - self.right) * share;
        Bar {
            x: Decimal::from(self.left),
            y: y.round_dp(1).normalize(),
            width: width.round_dp(1).normalize(),
            height: height.round_dp(1).normalize(),
        }
    }

    /// A stacked horizontal bar: in row `g` of `groups`, the part for value `v` that starts
    /// after `before` (the values stacked ahead of it), on an axis from 0 to `max`; the
    /// parts of a row fill the middle three quarters of its band, end to end.
    pub fn stacked_hbar(&self, g: usize, groups: usize, before: Decimal, v: Decimal, max: Decimal) -> Bar {
        let row = self.hbar(g, groups, 0, 1, v, max);
        let start = self.x_value(before, max);
        let end = self.x_value(before + v.max(Decimal::ZERO), max);
        Bar { x: start, width: (end - start).max(Decimal::ZERO), ..row }
    }

    /// Row `g`'s parts stacked end to end, each value after the ones ahead of it (see
    /// [`Frame::stacked_hbar`]).
    pub fn stacked_row(&self, g: usize, groups: usize, values: &[Decimal], max: Decimal) -> Vec<Bar> {
        let mut before = Decimal::ZERO;
        values
            .iter()
            .map(|v| {
                let bar = self.stacked_hbar(g, groups, before, *v, max);
                before += v.max(&Decimal::ZERO);
                bar
            })
            .collect()
    }

    /// The middle of row `g`'s band, for its label (horizontal bars).
    pub fn row_centre(&self, g: usize, groups: usize) -> Decimal {
        let span = Decimal::from(self.height - self.top - self.bottom);
        let band = span / Decimal::from(groups.max(1) as i64);
        (Decimal::from(self.top) + band * Decimal::from(g as i64) + band / Decimal::TWO).round_dp(1).normalize()
    }

    /// x of value `v` on a horizontal axis from 0 to `max`.
    pub fn x_value(&self, v: Decimal, max: Decimal) -> Decimal {
        let max = if max <= Decimal::ZERO { Decimal::ONE } else { max };
        let share = (v / max).clamp(Decimal::ZERO, Decimal::ONE);
        (Decimal::from(self.left) + Decimal::from(self.width - self.left - self.right) * share).round_dp(1).normalize()
    }

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

/// The medium-term plan for a grouped bar chart: for each year its label and three amounts,
/// the pressures, the savings at target and the savings expected after delivery risk (£).
pub fn plan_bars(plan: &csplan_calc::budget::Plan) -> Vec<(String, Vec<Decimal>)> {
    plan.years
        .iter()
        .map(|y| (y.year.clone(), vec![y.pressures.value(), y.savings_target.value(), y.savings_expected.value()]))
        .collect()
}

/// Each budget once, for a bar chart of budget against forecast: a line with its own
/// budget, then each shared budget against its lines' forecasts (£).
pub fn placement_bars(c: &csplan_calc::placements::CostOfCare) -> Vec<(String, Vec<Decimal>)> {
    let Some(p) = c.placements.as_ref() else { return Vec::new() };
    p.lines
        .iter()
        .filter_map(|l| l.budget.map(|b| (l.name.clone(), vec![b.value(), l.forecast.value()])))
        .chain(p.groups.iter().map(|g| (g.name.clone(), vec![g.budget.value(), g.forecast.value()])))
        .collect()
}

/// Budget against spend, year by year (£).
pub fn budget_history_bars(c: &csplan_calc::placements::CostOfCare) -> Vec<(String, Vec<Decimal>)> {
    c.budget_history.iter().map(|y| (y.year.clone(), vec![y.budget.value(), y.spend.value()])).collect()
}

/// An invest-to-save case's cost against its expected saving, year by year (£).
pub fn invest_bars(c: &csplan_calc::placements::CostOfCare) -> Vec<(String, Vec<Decimal>)> {
    c.invest_to_save
        .as_ref()
        .map(|i| {
            i.years
                .iter()
                .map(|y| (format!("Year {}", y.year), vec![y.cost.value(), y.expected_saving.value()]))
                .collect()
        })
        .unwrap_or_default()
}

/// Each choice's take-up (%), principles aside, for the results page's chart.
pub fn take_up_bars(s: &csplan_calc::responses::Summary) -> Vec<(String, Vec<Decimal>)> {
    s.levers
        .iter()
        .filter(|l| l.kind != Some(csplan_model::LeverKind::Principle))
        .map(|l| (l.name.clone(), vec![l.take_up_percent.unwrap_or_default()]))
        .collect()
}

/// Each principle's answers as shares of its responses (%): agree, no view, disagree, for
/// the results page's stacked "level of agreement" chart. The three add up to 100.
pub fn agreement_bars(s: &csplan_calc::responses::Summary) -> Vec<(String, Vec<Decimal>)> {
    use csplan_calc::responses::share;
    s.levers
        .iter()
        .filter(|l| l.kind == Some(csplan_model::LeverKind::Principle))
        .map(|l| {
            let agree = share(l.agree, l.responses).unwrap_or_default();
            let disagree = share(l.disagree, l.responses).unwrap_or_default();
            // No view is what is left, so the bar is whole however the shares round.
            let no_view = if l.responses == 0 { Decimal::ZERO } else { Decimal::ONE_HUNDRED - agree - disagree };
            (l.name.clone(), vec![agree, no_view, disagree])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn a_stacked_row_runs_end_to_end_from_the_axis_and_the_axis_reaches_the_longest_row() {
        let rows = [vec![d(50), d(30), d(20)], vec![d(10), d(0), d(70)]];
        assert_eq!(peak(rows.iter().map(Vec::as_slice), true), d(100), "the longest stack");
        assert_eq!(peak(rows.iter().map(Vec::as_slice), false), d(70), "the largest value");
        assert_eq!(peak(std::iter::empty(), true), Decimal::ZERO);
        let frame = Frame { width: 640, height: 124, left: 230, right: 24, top: 8, bottom: 28 };
        let bars = frame.stacked_row(0, 2, rows.first().map_or(&[][..], Vec::as_slice), d(100));
        let starts: Vec<Decimal> = bars.iter().map(|b| b.x).collect();
        let ends: Vec<Decimal> = bars.iter().map(|b| b.x + b.width).collect();
        assert_eq!(starts.first().copied(), Some(Decimal::from(frame.left)), "from the axis");
        assert_eq!(starts.get(1..), ends.get(..2), "each part starts where the one ahead ends");
        assert_eq!(ends.last().copied(), Some(Decimal::from(frame.width - frame.right)), "100 of 100 reaches the end");
        // A negative value draws nothing and moves nothing along.
        let bars = frame.stacked_row(1, 2, &[d(40), d(-5), d(10)], d(100));
        assert_eq!(bars.get(1).map(|b| b.width), Some(Decimal::ZERO));
        assert_eq!(bars.get(2).map(|b| b.x), bars.first().map(|b| b.x + b.width));
    }
}
