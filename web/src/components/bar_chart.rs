//! A hand-drawn SVG grouped bar chart of amounts of money (budget against spend, year by
//! year). Geometry from `csplan_calc::chart` in exact decimals; the same figures are in a
//! table beside it, which is what screen readers are pointed to.

use csplan_model::fmt::axis_pounds;
use csplan_model::Decimal;
use csplan_present::chart::{nice_ceiling, Frame};
use leptos::prelude::*;

const FRAME: Frame = Frame { width: 640, height: 280, left: 64, right: 12, top: 12, bottom: 36 };

/// One series: its name and how its bars are drawn (fill and outline, so the series differ
/// by more than colour).
#[derive(Clone, Copy, Debug)]
pub struct Series {
    /// Name, for the legend.
    pub name: &'static str,
    /// Bar fill, or [`HATCHED`].
    pub fill: &'static str,
}

/// A fill of black diagonal lines on white, for a third series beside white and blue.
pub const HATCHED: &str = "hatched";

/// Groups of bars: a label and one value a series.
pub type Groups = Vec<(String, Vec<Decimal>)>;

/// A gridline with its value label: x1, y1, x2, y2, label x, label y, anchor, label.
type Grid = (String, String, String, String, String, String, &'static str, String);

#[derive(Clone, Debug, Default, PartialEq)]
struct Drawing {
    /// The SVG viewBox.
    view_box: String,
    /// (x, y, width, height) for each bar, keyed by group and series.
    bars: Vec<((usize, usize), [String; 4])>,
    /// Gridlines and their value labels.
    grid: Vec<Grid>,
    /// Group labels: x, y, anchor, label.
    labels: Vec<(String, String, &'static str, String)>,
}

/// How the bars are laid out and the axis labelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Bars run left to right, one row a group (for long group names).
    pub horizontal: bool,
    /// A group's series end to end in one bar (horizontal only), as shares of a whole.
    pub stacked: bool,
    /// The axis is in per cent, not pounds.
    pub percent: bool,
}

fn drawing(groups: &Groups, layout: Layout) -> Drawing {
    let Layout { horizontal, stacked, percent } = layout;
    let stacked = stacked && horizontal;
    let max = nice_ceiling(csplan_present::chart::peak(groups.iter().map(|(_, v)| v.as_slice()), stacked));
    let axis = |v: Decimal| if percent { format!("{}%", csplan_model::fmt::short(v, 1)) } else { axis_pounds(v) };
    let n = groups.len();
    // Horizontal bars: one row a group, as tall as it needs, labels on the left.
    let frame = if horizontal {
        Frame { width: 640, height: 36 + 44 * n.max(1) as i64, left: 230, right: 24, top: 8, bottom: 28 }
    } else {
        FRAME
    };
    let bars = groups
        .iter()
        .enumerate()
        .flat_map(|(g, (_, values))| {
            let series = values.len();
            let bars = if stacked {
                frame.stacked_row(g, n, values, max)
            } else if horizontal {
                values.iter().enumerate().map(|(s, v)| frame.hbar(g, n, s, series, *v, max)).collect()
            } else {
                values.iter().enumerate().map(|(s, v)| frame.bar(g, n, s, series, *v, max)).collect::<Vec<_>>()
            };
            bars.into_iter().enumerate().map(move |(s, b)| {
                ((g, s), [b.x.to_string(), b.y.to_string(), b.width.to_string(), b.height.to_string()])
            })
        })
        .collect();
    let (top, bottom) = (frame.top.to_string(), (frame.height - frame.bottom).to_string());
    let (left, right) = (frame.left.to_string(), (frame.width - frame.right).to_string());
    let grid = frame
        .y_ticks(max, 4)
        .into_iter()
        .map(|(v, y)| {
            if horizontal {
                let x = frame.x_value(v, max).to_string();
                let below = (frame.height - frame.bottom + 18).to_string();
                (x.clone(), top.clone(), x.clone(), bottom.clone(), x, below, "middle", axis(v))
            } else {
                let y = y.to_string();
                let label_x = (frame.left - 6).to_string();
                (left.clone(), y.clone(), right.clone(), y.clone(), label_x, y, "end", axis(v))
            }
        })
        .collect();
    let labels = groups
        .iter()
        .enumerate()
        .map(|(g, (label, _))| {
            if horizontal {
                ((frame.left - 8).to_string(), frame.row_centre(g, n).to_string(), "end", label.clone())
            } else {
                (
                    frame.band_centre(g, n).to_string(),
                    (frame.height - frame.bottom + 18).to_string(),
                    "middle",
                    label.clone(),
                )
            }
        })
        .collect();
    Drawing { view_box: format!("0 0 {} {}", frame.width, frame.height), bars, grid, labels }
}

/// The chart, with a title and a description naming the table that has the figures.
#[component]
pub fn BarChart(
    /// The svg's id.
    id: &'static str,
    /// Its title.
    title: &'static str,
    /// What to read instead.
    description: &'static str,
    /// The series, in bar order.
    series: &'static [Series],
    /// The bars.
    groups: Memo<Groups>,
    /// Bars run left to right, one row a group (for long group names).
    #[prop(optional)]
    horizontal: bool,
    /// Each group's series end to end in one bar (with `horizontal`).
    #[prop(optional)]
    stacked: bool,
    /// The axis is in per cent.
    #[prop(optional)]
    percent: bool,
) -> impl IntoView {
    let layout = Layout { horizontal, stacked, percent };
    let d = Memo::new(move |_| groups.with(|g| drawing(g, layout)));
    // No chart without figures: an empty one would draw only its axes.
    let empty = move || groups.with(|g| g.iter().all(|(_, values)| values.iter().all(Decimal::is_zero)));
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled = format!("{title_id} {desc_id}");
    let bar = move |key: (usize, usize), k: usize| {
        d.with(|d| d.bars.iter().find(|(b, _)| *b == key).and_then(|(_, a)| a.get(k).cloned()).unwrap_or_default())
    };
    // The hatch pattern, defined once in the chart and once in each legend swatch that uses
    // it (ids from the chart's, so two charts on a page never share one).
    let hatched = series.iter().any(|s| s.fill == HATCHED);
    let pattern =
        move |pid: String| {
            hatched.then(|| view! {
            <defs>
                <pattern id=pid width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" fill="#ffffff"/>
                    <line x1="0" y1="0" x2="0" y2="6" stroke="#0b0c0c" stroke-width="3"/>
                </pattern>
            </defs>
        })
        };
    let fill_of = move |fill: &'static str, pid: &str| {
        if fill == HATCHED {
            format!("url(#{pid})")
        } else {
            fill.to_string()
        }
    };
    let hatch_id = format!("{id}-hatch");
    let legend = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let pid = format!("{id}-hatch-{k}");
            view! {
                <li>
                    <svg width="16" height="16" aria-hidden="true" focusable="false">
                        {(s.fill == HATCHED).then(|| pattern(pid.clone()))}
                        <rect x="1" y="1" width="14" height="14" fill=fill_of(s.fill, &pid) stroke="#0b0c0c" stroke-width="2"/>
                    </svg>
                    " " {s.name}
                </li>
            }
        })
        .collect_view();
    view! {
        {crate::components::csv::chart_title(id, title)}
        <p class="govuk-body-s" id=format!("{id}-empty") hidden=move || !empty()>"The chart appears once there are figures to draw."</p>
        <figure class="govuk-!-margin-0 govuk-!-margin-bottom-1" hidden=empty>
            <svg viewBox=move || d.with(|d| d.view_box.clone()) width="100%" role="img" aria-labelledby=labelled id=id>
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description}</desc>
                {pattern(hatch_id.clone())}
                <For each=move || d.with(|d| d.grid.clone()) key=|t| t.clone() children=move |(x1, y1, x2, y2, lx, ly, anchor, label)| view! {
                    <line x1=x1 y1=y1 x2=x2 y2=y2 stroke="#b1b4b6" stroke-width="1"/>
                    <text x=lx y=ly dy="4" text-anchor=anchor font-size="12" fill="#0b0c0c">{label}</text>
                }/>
                <For each=move || d.with(|d| d.bars.iter().map(|(k, _)| *k).collect::<Vec<_>>()) key=|k| *k children=move |(g, s)| {
                    let fill = fill_of(series.get(s).map_or("#505a5f", |x| x.fill), &hatch_id);
                    view! {
                        <rect fill=fill stroke="#0b0c0c" stroke-width="2"
                            x=move || bar((g, s), 0) y=move || bar((g, s), 1) width=move || bar((g, s), 2) height=move || bar((g, s), 3)/>
                    }
                }/>
                <For each=move || d.with(|d| d.labels.clone()) key=|l| l.clone() children=move |(x, y, anchor, label)| view! {
                    <text x=x y=y dy="4" text-anchor=anchor font-size="12" fill="#0b0c0c">{label}</text>
                }/>
            </svg>
            <figcaption>
                <ul class="govuk-list app-legend">{legend}</ul>
            </figcaption>
        </figure>
        <div hidden=empty>{crate::components::csv::chart_download(id)}</div>
    }
}

/// Budget (white) against forecast (blue).
pub const PLACEMENT_SERIES: &[Series] =
    &[Series { name: "Budget", fill: "#ffffff" }, Series { name: "Forecast", fill: "#1d70b8" }];

/// Cost (white) against expected saving (blue).
pub const INVEST_SERIES: &[Series] =
    &[Series { name: "Cost", fill: "#ffffff" }, Series { name: "Expected saving", fill: "#1d70b8" }];

/// Budget (white) against spend (blue).
pub const BUDGET_SERIES: &[Series] =
    &[Series { name: "Budget", fill: "#ffffff" }, Series { name: "Spend", fill: "#1d70b8" }];

/// Pressures (white), savings at target (blue), savings expected (hatched).
pub const PLAN_SERIES: &[Series] = &[
    Series { name: "Pressures", fill: "#ffffff" },
    Series { name: "Savings at target", fill: "#1d70b8" },
    Series { name: "Savings expected after delivery risk", fill: HATCHED },
];

/// The Cost of care page's budget against forecast chart (also on the summary).
pub fn placements_chart(groups: Memo<Groups>) -> impl IntoView {
    view! {
        <BarChart id="placements-chart" title="Budget against forecast, by budget"
            description="Each budget (white bars) beside its forecast (blue bars): a line with its own budget, or the lines that share one. The table gives every line."
            series=PLACEMENT_SERIES groups horizontal=true/>
    }
}

/// Budget against spend, year by year.
pub fn budget_history_chart(groups: Memo<Groups>) -> impl IntoView {
    view! {
        <BarChart id="budget-history-chart" title="Budget against spend, year by year"
            description="Each year's budget (white bars) beside its spend (blue bars). The table gives the figures."
            series=BUDGET_SERIES groups/>
    }
}

/// An invest-to-save case's cost against its saving.
pub fn invest_chart(groups: Memo<Groups>) -> impl IntoView {
    view! {
        <BarChart id="invest-chart" title="Cost against expected saving, year by year"
            description="Each year's cost (white bars) beside the saving expected after the delivery risk (blue bars). The table gives the figures."
            series=INVEST_SERIES groups/>
    }
}

/// The medium-term plan.
pub fn plan_chart(groups: Memo<Groups>) -> impl IntoView {
    view! {
        <BarChart id="plan-chart" title="Medium-term plan: pressures against savings, year by year"
            description="Each year's pressures (white bars), savings at target (blue bars) and savings expected after delivery risk (hatched bars). The medium-term plan table gives the figures, with the gaps."
            series=PLAN_SERIES groups/>
    }
}
