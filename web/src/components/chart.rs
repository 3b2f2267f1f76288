//! A hand-drawn SVG line chart. The geometry comes from `csplan_calc::chart` in exact
//! decimals; the figures are also in a table beside each chart. Built once: a keystroke
//! changes the lines' points and the description in place, and the gridlines and labels
//! only when the scale or the x labels change.

use csplan_calc::{Projection, ProjectionMonth};
use csplan_model::fmt::grouped;
use csplan_model::Decimal;
use csplan_present::chart::{nice_ceiling, Frame};
use leptos::prelude::*;

const FRAME: Frame = Frame { width: 640, height: 300, left: 56, right: 32, top: 12, bottom: 36 };

/// How a line is drawn: colour and dash pattern (so lines differ by more than colour).
pub const STYLES: [(&str, &str); 4] =
    [("#1d70b8", ""), ("#d4351c", "8 4"), ("#505a5f", "2 4"), ("#00703c", "12 3 3 3")];

/// What a line chart shows: named series of equal length, an x label for each point,
/// and the text alternative.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lines {
    /// Each series' name and values.
    pub series: Vec<(String, Vec<Decimal>)>,
    /// One label for each point.
    pub labels: Vec<String>,
    /// Which labels to print (every `label_every`th, from the first).
    pub label_every: usize,
    /// Description for screen readers.
    pub description: String,
}

/// What the chart draws, as attribute and label text.
#[derive(Clone, Debug, Default, PartialEq)]
struct Drawing {
    /// Each series' `points`.
    lines: Vec<String>,
    /// Gridlines: y and label.
    y_ticks: Vec<(String, String)>,
    /// X labels: x and label.
    x_ticks: Vec<(String, String)>,
}

fn drawing(l: &Lines) -> Drawing {
    let peak = l.series.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or_default();
    let max = nice_ceiling(peak);
    let n = l.labels.len();
    Drawing {
        lines: l.series.iter().map(|(_, v)| FRAME.points(v, max)).collect(),
        y_ticks: FRAME.y_ticks(max, 4).into_iter().map(|(v, y)| (y.to_string(), grouped(v, 0))).collect(),
        x_ticks: l
            .labels
            .iter()
            .enumerate()
            .filter(|(i, _)| i % l.label_every.max(1) == 0)
            .map(|(i, label)| (FRAME.x(i, n).to_string(), label.clone()))
            .collect(),
    }
}

/// A line chart of `lines` with a title; the series get [`STYLES`] in order, with a legend.
#[component]
pub fn LineChart(
    /// The svg's id.
    id: &'static str,
    /// Its title.
    title: &'static str,
    /// What to draw.
    lines: Memo<Lines>,
) -> impl IntoView {
    let d = Memo::new(move |_| lines.with(drawing));
    let names = Memo::new(move |_| lines.with(|l| l.series.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()));
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled = format!("{title_id} {desc_id}");
    let right = (FRAME.width - FRAME.right).to_string();
    let label_x = (FRAME.left - 6).to_string();
    let x_label_y = (FRAME.height - FRAME.bottom + 18).to_string();
    let style = |i: usize| STYLES.get(i % STYLES.len()).copied().unwrap_or(("#0b0c0c", ""));
    view! {
        {crate::components::csv::chart_title(id, title)}
        <figure class="govuk-!-margin-0 govuk-!-margin-bottom-1">
            <svg viewBox=format!("0 0 {} {}", FRAME.width, FRAME.height) width="100%" role="img" aria-labelledby=labelled id=id>
                <title id=title_id>{title}</title>
                <desc id=desc_id>{move || lines.with(|l| l.description.clone())}</desc>
                <For each=move || d.with(|d| d.y_ticks.clone()) key=|t| t.clone() children=move |(y, label)| view! {
                    <line x1=FRAME.left x2=right.clone() y1=y.clone() y2=y.clone() stroke="#b1b4b6" stroke-width="1"/>
                    <text x=label_x.clone() y=y dy="4" text-anchor="end" font-size="12" fill="#0b0c0c">{label}</text>
                }/>
                <For each=move || d.with(|d| d.x_ticks.clone()) key=|t| t.clone() children=move |(x, label)| view! {
                    <text x=x y=x_label_y.clone() text-anchor="middle" font-size="12" fill="#0b0c0c">{label}</text>
                }/>
                <For each=move || names.get().into_iter().enumerate() key=|n| n.clone() children=move |(i, name)| {
                    let (colour, dash) = style(i);
                    view! {
                        <polyline fill="none" stroke=colour stroke-width="3" stroke-dasharray=dash
                            points=move || d.with(|d| d.lines.get(i).cloned().unwrap_or_default())>
                            <title>{name}</title>
                        </polyline>
                    }
                }/>
            </svg>
            <figcaption>
                <ul class="govuk-list app-legend">
                    <For each=move || names.get().into_iter().enumerate() key=|n| n.clone() children=move |(i, name)| {
                        let (colour, dash) = style(i);
                        view! {
                            <li>
                                <svg width="32" height="10" aria-hidden="true" focusable="false">
                                    <line x1="0" y1="5" x2="32" y2="5" stroke=colour stroke-width="3" stroke-dasharray=dash/>
                                </svg>
                                " " {name}
                            </li>
                        }
                    }/>
                </ul>
            </figcaption>
        </figure>
        {crate::components::csv::chart_download(id)}
    }
}

type Measure = (&'static str, fn(&ProjectionMonth) -> Decimal);

const WORKFORCE: [Measure; 3] =
    [("In post", |m| m.in_post.value()), ("Agency", |m| m.agency.value()), ("Vacant", |m| m.vacancies.value())];

/// In post, agency and vacancies by month.
pub fn projection_chart(projection: Memo<Option<Projection>>) -> impl IntoView {
    let lines = Memo::new(move |_| {
        projection.with(|p| {
            let Some(p) = p else { return Lines::default() };
            let (first, last) = (p.months.first(), p.months.last());
            let span = |get: fn(&ProjectionMonth) -> Decimal| {
                format!(
                    "{} to {}",
                    first.map(|m| grouped(get(m), 1)).unwrap_or_default(),
                    last.map(|m| grouped(get(m), 1)).unwrap_or_default()
                )
            };
            Lines {
                series: WORKFORCE
                    .iter()
                    .map(|(name, get)| (name.to_string(), p.months.iter().map(get).collect()))
                    .collect(),
                labels: p.months.iter().map(|m| m.month.clone()).collect(),
                label_every: 6,
                description: format!(
                    "From {} to {}: in post {}, agency {}, vacant {} FTE. The table below gives every month.",
                    first.map(|m| m.month.clone()).unwrap_or_default(),
                    last.map(|m| m.month.clone()).unwrap_or_default(),
                    span(WORKFORCE[0].1),
                    span(WORKFORCE[1].1),
                    span(WORKFORCE[2].1)
                ),
            }
        })
    });
    view! { <LineChart id="projection-chart" title="Workforce projection, FTE by month" lines/> }
}
