//! A results table whose cells update in place. A keystroke changes the figures, not the
//! table's shape, so rows are built once and each cell's text node follows its figure; rows
//! are rebuilt only when the number of rows or columns changes. On the Workforce page this
//! is what keeps a keystroke from rebuilding a 37-row projection table and three role tables.
//! Every results table offers its figures as a CSV download (made when the link is clicked).

use leptos::prelude::*;

use crate::components::csv::{table_csv, CsvLink};

/// Rows of formatted cells; the first cell of each row is that row's header.
pub type Cells = Vec<Vec<String>>;

/// The cell at row `i`, column `j` (empty if the table has shrunk under it).
fn cell(cells: Memo<Cells>, i: usize, j: usize) -> String {
    cells.with(|c| c.get(i).and_then(|r| r.get(j)).cloned().unwrap_or_default())
}

/// A GOV.UK table in a focusable, labelled scrolling region (so it can be read at 320 px
/// by scrolling it alone). `headers` are the column headers, the first over the row headers;
/// columns after the first are numeric (right-aligned).
#[component]
pub fn LiveTable(
    /// The table's id.
    id: &'static str,
    /// Its caption.
    caption: &'static str,
    /// A smaller caption, for a table under its own heading.
    #[prop(optional)]
    small: bool,
    /// Column headers.
    #[prop(into)]
    headers: Signal<Vec<String>>,
    /// The cells, row by row.
    cells: Memo<Cells>,
    /// Leave out the CSV link, where the page offers a fuller CSV of the same figures.
    #[prop(optional)]
    no_csv: bool,
) -> impl IntoView {
    let caption_id = format!("{id}-caption");
    let labelled_by = caption_id.clone();
    let shape = Memo::new(move |_| cells.with(|c| (c.len(), c.first().map_or(0, Vec::len))));
    let caption_class = if small {
        "govuk-table__caption govuk-table__caption--s"
    } else {
        "govuk-table__caption govuk-table__caption--m"
    };
    view! {
        <div class="app-table-scroll" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table class="govuk-table" id=id>
                <caption class=caption_class id=caption_id>{caption}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <For
                            each=move || headers.get().into_iter().enumerate()
                            key=|(j, h)| (*j, h.clone())
                            children=move |(j, h)| {
                                let class = if j == 0 { "govuk-table__header" } else { "govuk-table__header govuk-table__header--numeric" };
                                view! { <th scope="col" class=class>{h}</th> }
                            }
                        />
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    <For
                        each=move || {
                            let (rows, columns) = shape.get();
                            (0..rows).map(move |i| (i, columns))
                        }
                        key=|row| *row
                        children=move |(i, columns)| {
                            view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{move || cell(cells, i, 0)}</th>
                                    {(1..columns)
                                        .map(|j| view! { <td class="govuk-table__cell govuk-table__cell--numeric">{move || cell(cells, i, j)}</td> })
                                        .collect_view()}
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </div>
        {(!no_csv).then(|| view! {
            <CsvLink id=format!("{id}-csv") file=format!("csplan-{id}.csv") label=format!("Download \u{201c}{caption}\u{201d} (CSV)")
                csv=Signal::derive(move || table_csv(&headers.get(), &cells.get()))/>
        })}
    }
}
