//! The one results table: a `csplan_present::Table` (described once, and printed the same
//! way by the command line) in a GOV.UK table whose cells update in place. A keystroke
//! changes the figures, not the table's shape, so rows are built once and each cell's text
//! node follows its figure; rows are rebuilt only when the number of rows or columns
//! changes. Every table offers its figures as CSV, exact, under plain-English headers (made
//! when the link is clicked). A cell whose figure has its working (`Cell::working`) is a
//! button that opens it in a row under its own, and closes it again.

use csplan_present::Table;
use leptos::prelude::*;

use crate::components::csv::CsvLink;
use crate::components::reactive::{redraw, text};

/// A GOV.UK table of `table` in a focusable, labelled scrolling region (so it can be read
/// at 320 px by scrolling it alone), its notes under it, and its CSV link. Nothing while
/// there is no table. Its id is `{table.id}-table`, its CSV link `{table.id}-csv`.
#[component]
pub fn LiveTable(
    /// The table.
    table: Memo<Option<Table>>,
    /// A smaller caption, for a table under its own heading.
    #[prop(optional)]
    small: bool,
    /// Leave out the notes (the page says them elsewhere).
    #[prop(optional)]
    no_notes: bool,
    /// Leave out the CSV link (the page puts it elsewhere).
    #[prop(optional)]
    no_csv: bool,
) -> impl IntoView {
    let id = Memo::new(move |_| table.with(|t| t.as_ref().map(|t| t.id)));
    redraw(move || id.get().map(|id| table_view(table, id, small, no_notes, no_csv)))
}

fn table_view(table: Memo<Option<Table>>, id: &'static str, small: bool, no_notes: bool, no_csv: bool) -> AnyView {
    let read = move |f: &dyn Fn(&Table) -> String| table.with(|t| t.as_ref().map(f).unwrap_or_default());
    let shape = Memo::new(move |_| table.with(|t| t.as_ref().map_or((0, 0), |t| (t.rows.len(), t.columns.len()))));
    let headers = Memo::new(move |_| {
        table
            .with(|t| t.as_ref().map(|t| t.columns.iter().map(|c| (c.header.clone(), c.numeric())).collect::<Vec<_>>()))
    });
    let caption = Memo::new(move |_| read(&|t| t.caption.clone()));
    let notes = Memo::new(move |_| table.with(|t| t.as_ref().map(|t| t.notes.clone()).unwrap_or_default()));
    let caption_id = format!("{id}-table-caption");
    let labelled_by = caption_id.clone();
    let caption_class = if small {
        "govuk-table__caption govuk-table__caption--s"
    } else {
        "govuk-table__caption govuk-table__caption--m"
    };
    let header_row = redraw(move || {
        headers
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|(h, numeric)| {
                let class =
                    if numeric { "govuk-table__header govuk-table__header--numeric" } else { "govuk-table__header" };
                view! { <th scope="col" class=class>{h}</th> }
            })
            .collect_view()
    });
    view! {
        <div class="app-table-scroll" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table class="govuk-table" id=format!("{id}-table")>
                <caption class=caption_class id=caption_id>{caption}</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">{header_row}</tr></thead>
                <tbody class="govuk-table__body">
                    <For
                        each=move || { let (rows, columns) = shape.get(); (0..rows).map(move |i| (i, columns)) }
                        key=|row| *row
                        children=move |(i, columns)| {
                            let cell = move |j: usize| text(move || table.with(|t| t.as_ref().map(|t| t.cell_text(i, j).to_string()).unwrap_or_default()));
                            let numeric = move |j: usize| headers.with(|h| h.as_ref().and_then(|h| h.get(j)).is_some_and(|(_, n)| *n));
                            let worked = move |j: usize| table.with_untracked(|t| t.as_ref().is_some_and(|t| t.cell_working(i, j).is_some()));
                            // Which of this row's workings is open.
                            let open = RwSignal::new(None::<usize>);
                            let working_id = format!("{id}-working-{i}");
                            let shown = move || {
                                let j = open.get()?;
                                let working = table.with(|t| t.as_ref().and_then(|t| t.cell_working(i, j)).map(str::to_string))?;
                                let row = table.with(|t| t.as_ref().map(|t| t.cell_text(i, 0).to_string())).unwrap_or_default();
                                let header = headers.with(|h| h.as_ref().and_then(|h| h.get(j)).map(|(h, _)| h.clone())).unwrap_or_default();
                                Some((format!("{row}, {header}: "), working))
                            };
                            let button = move |j: usize| {
                                let controls = working_id.clone();
                                view! {
                                    <button type="button" class="app-cell-button"
                                        aria-expanded=move || (open.get() == Some(j)).to_string()
                                        aria-controls=move || (open.get() == Some(j)).then(|| controls.clone())
                                        on:click=move |_| open.update(|o| *o = if *o == Some(j) { None } else { Some(j) })>
                                        {cell(j)}
                                    </button>
                                }
                            };
                            let working_id = format!("{id}-working-{i}");
                            view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{cell(0)}</th>
                                    {(1..columns).map(|j| {
                                        let class = if numeric(j) { "govuk-table__cell govuk-table__cell--numeric" } else { "govuk-table__cell" };
                                        if worked(j) {
                                            view! { <td class=class>{button(j)}</td> }.into_any()
                                        } else {
                                            view! { <td class=class>{cell(j)}</td> }.into_any()
                                        }
                                    }).collect_view()}
                                </tr>
                                {move || shown().map(|(what, working)| view! {
                                    <tr class="govuk-table__row app-working-row" id=working_id.clone()>
                                        <td class="govuk-table__cell govuk-body-s" colspan=columns><strong>{what}</strong>{working}</td>
                                    </tr>
                                })}
                            }
                        }
                    />
                </tbody>
            </table>
        </div>
        {(!no_notes).then(|| redraw(move || notes.get().into_iter().map(|n| view! { <p class="govuk-body-s">{n}</p> }).collect_view()))}
        {(!no_csv).then(|| view! {
            <CsvLink id=format!("{id}-csv") file=format!("csplan-{id}.csv")
                label=Signal::derive(move || format!("Download \u{201c}{}\u{201d} (CSV)", caption.get()))
                csv=Signal::derive(move || read(&Table::csv))/>
        })}
    }
    .into_any()
}

/// A hand-laid GOV.UK table (one whose cells are not a `Table`'s figures, as How it works's
/// and the kept scenarios'): its caption, one row of column headers (and `hidden`, a last
/// one for screen readers only, over a column of buttons), and `children`, its body's rows.
/// With `region`, it is in a focusable scrolling region of that name, to read at 320 px.
#[component]
pub fn PlainTable(
    /// The table's id.
    #[prop(into)]
    id: String,
    /// Its caption.
    #[prop(into)]
    caption: String,
    /// The headers, in order.
    headers: Vec<String>,
    /// A last header that is not shown.
    #[prop(optional)]
    hidden: Option<&'static str>,
    /// The scrolling region's name, if it has one.
    #[prop(optional, into)]
    region: Option<String>,
    children: Children,
) -> impl IntoView {
    let table = view! {
        <table class="govuk-table" id=id>
            <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    {headers.into_iter().map(|h| view! { <th scope="col" class="govuk-table__header">{h}</th> }).collect_view()}
                    {hidden.map(|h| view! { <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">{h}</span></th> })}
                </tr>
            </thead>
            <tbody class="govuk-table__body">{children()}</tbody>
        </table>
    };
    match region {
        Some(label) => {
            view! { <div class="app-table-scroll" tabindex="0" role="region" aria-label=label>{table}</div> }.into_any()
        }
        None => table.into_any(),
    }
}
