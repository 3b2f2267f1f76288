//! A hand-drawn SVG line chart of the workforce projection. The geometry comes from
//! `csplan_calc::chart` in exact decimals; the figures are also in the table beside it.

use csplan_calc::chart::{nice_ceiling, Frame};
use csplan_calc::{Projection, ProjectionMonth};
use csplan_model::fmt::grouped;
use csplan_model::Decimal;
use leptos::prelude::*;

const FRAME: Frame = Frame { width: 640, height: 300, left: 56, right: 32, top: 12, bottom: 36 };

type Series = (&'static str, &'static str, &'static str, fn(&ProjectionMonth) -> Decimal);

const SERIES: [Series; 3] = [
    ("In post", "#1d70b8", "", |m| m.in_post.value()),
    ("Agency", "#d4351c", "8 4", |m| m.agency.value()),
    ("Vacant", "#505a5f", "2 4", |m| m.vacancies.value()),
];

/// What the chart draws, as attribute and label text.
#[derive(Clone, Debug, Default, PartialEq)]
struct Drawing {
    /// Each series' `points`.
    lines: Vec<String>,
    /// Gridlines: y and label.
    y_ticks: Vec<(String, String)>,
    /// Month labels: x and label.
    x_ticks: Vec<(String, String)>,
    /// The text alternative.
    description: String,
}

fn drawing(p: &Projection) -> Drawing {
    let peak = SERIES.iter().flat_map(|s| p.months.iter().map(s.3)).max().unwrap_or_default();
    let max = nice_ceiling(peak);
    let n = p.months.len();
    let (first, last) = (p.months.first(), p.months.last());
    let span = |get: fn(&ProjectionMonth) -> Decimal| {
        format!(
            "{} to {}",
            first.map(|m| grouped(get(m), 1)).unwrap_or_default(),
            last.map(|m| grouped(get(m), 1)).unwrap_or_default()
        )
    };
    Drawing {
        lines: SERIES.iter().map(|s| FRAME.points(&p.months.iter().map(s.3).collect::<Vec<_>>(), max)).collect(),
        y_ticks: FRAME.y_ticks(max, 4).into_iter().map(|(v, y)| (y.to_string(), grouped(v, 0))).collect(),
        x_ticks: p
            .months
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 6 == 0)
            .map(|(i, m)| (FRAME.x(i, n).to_string(), m.month.clone()))
            .collect(),
        description: format!(
            "From {} to {}: in post {}, agency {}, vacant {} FTE. The table below gives every month.",
            first.map(|m| m.month.clone()).unwrap_or_default(),
            last.map(|m| m.month.clone()).unwrap_or_default(),
            span(SERIES[0].3),
            span(SERIES[1].3),
            span(SERIES[2].3)
        ),
    }
}

/// In post, agency and vacancies by month, with a title and description for screen
/// readers; lines differ by dash pattern as well as colour. Built once: a keystroke
/// changes the lines' points and the description in place, and the gridlines and month
/// labels only when the scale or the months change.
pub fn projection_chart(projection: Memo<Option<Projection>>) -> impl IntoView {
    let d = Memo::new(move |_| projection.with(|p| p.as_ref().map(drawing).unwrap_or_default()));
    let right = (FRAME.width - FRAME.right).to_string();
    let label_x = (FRAME.left - 6).to_string();
    let x_label_y = (FRAME.height - FRAME.bottom + 18).to_string();
    let lines = SERIES
        .iter()
        .enumerate()
        .map(|(i, (name, colour, dash, _))| {
            view! {
                <polyline fill="none" stroke=*colour stroke-width="3" stroke-dasharray=*dash
                    points=move || d.with(|d| d.lines.get(i).cloned().unwrap_or_default())>
                    <title>{*name}</title>
                </polyline>
            }
        })
        .collect_view();
    let legend = SERIES
        .iter()
        .map(|(name, colour, dash, _)| {
            view! {
                <li>
                    <svg width="32" height="10" aria-hidden="true" focusable="false">
                        <line x1="0" y1="5" x2="32" y2="5" stroke=*colour stroke-width="3" stroke-dasharray=*dash/>
                    </svg>
                    " " {*name}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="govuk-!-margin-0 govuk-!-margin-bottom-4">
            <svg viewBox=format!("0 0 {} {}", FRAME.width, FRAME.height) width="100%" role="img" aria-labelledby="chart-title chart-desc" id="projection-chart" font-family="inherit">
                <title id="chart-title">"Workforce projection, FTE by month"</title>
                <desc id="chart-desc">{move || d.with(|d| d.description.clone())}</desc>
                <For each=move || d.with(|d| d.y_ticks.clone()) key=|t| t.clone() children=move |(y, label)| view! {
                    <line x1=FRAME.left x2=right.clone() y1=y.clone() y2=y.clone() stroke="#b1b4b6" stroke-width="1"/>
                    <text x=label_x.clone() y=y dy="4" text-anchor="end" font-size="12" fill="#0b0c0c">{label}</text>
                }/>
                <For each=move || d.with(|d| d.x_ticks.clone()) key=|t| t.clone() children=move |(x, label)| view! {
                    <text x=x y=x_label_y.clone() text-anchor="middle" font-size="12" fill="#0b0c0c">{label}</text>
                }/>
                {lines}
            </svg>
            <figcaption>
                <ul class="govuk-list app-legend">{legend}</ul>
            </figcaption>
        </figure>
    }
}
