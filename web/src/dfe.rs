//! DfE's published tables, each fetched the first time a page needs it: the workforce
//! table is 37 KB gzip and the children-looked-after table 24 KB, so neither is in the
//! first download. trunk copies `csww.tsv` and `cla.tsv` next to `index.html`, and
//! `csplan-data` reads them with the parsers the CLI uses.

use std::sync::Arc;

use csplan_data::{ClaRow, DataError, WorkforceRow};
use leptos::prelude::*;

/// Where a table is.
#[derive(Clone, Debug, PartialEq)]
pub enum DfeData<T> {
    /// Being downloaded.
    Loading,
    /// Downloaded and read.
    Ready(Arc<Vec<T>>),
    /// Could not be downloaded or read: what to tell the user.
    Failed(String),
}

/// One table, downloaded once however often its page opens.
#[derive(Debug)]
pub struct Table<T: Send + Sync + 'static> {
    state: RwSignal<Option<DfeData<T>>>,
    url: &'static str,
    parse: fn(&str) -> Result<Vec<T>, DataError>,
}

impl<T: Send + Sync + 'static> Clone for Table<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Table<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Table<T> {
    fn new(url: &'static str, parse: fn(&str) -> Result<Vec<T>, DataError>) -> Self {
        Self { state: RwSignal::new(None), url, parse }
    }

    /// The table's state, starting the download on first use.
    pub fn data(self) -> Signal<DfeData<T>> {
        if self.state.get_untracked().is_none() {
            self.state.set(Some(DfeData::Loading));
            leptos::task::spawn_local(async move {
                let result = fetch_text(self.url).await.and_then(|text| {
                    (self.parse)(&text)
                        .map_err(|e| format!("The DfE figures could not be read ({e}). Reload the page to try again."))
                });
                self.state.set(Some(match result {
                    Ok(rows) => DfeData::Ready(Arc::new(rows)),
                    Err(message) => DfeData::Failed(message),
                }));
            });
        }
        let state = self.state;
        Signal::derive(move || state.get().unwrap_or(DfeData::Loading))
    }
}

/// Both tables, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Dfe {
    /// Children's social work workforce, 2017-2023.
    pub workforce: Table<WorkforceRow>,
    /// Children looked after, 2019-2023.
    pub looked_after: Table<ClaRow>,
}

impl Dfe {
    /// Nothing downloaded yet.
    pub fn new() -> Self {
        Self {
            workforce: Table::new("csww.tsv", csplan_data::parse_workforce),
            looked_after: Table::new("cla.tsv", csplan_data::parse_cla),
        }
    }
}

impl Default for Dfe {
    fn default() -> Self {
        Self::new()
    }
}

/// The DfE tables from context (the app always provides them).
pub fn use_dfe() -> Dfe {
    use_context::<Dfe>().unwrap_or_default()
}

/// A message while a table loads, or why it could not: shared by the pages that use one.
pub fn status_view<T>(data: &DfeData<T>, id: &'static str) -> Option<AnyView> {
    match data {
        DfeData::Loading => Some(view! { <p class="govuk-body" id=id role="status">"Loading DfE figures…"</p> }.into_any()),
        DfeData::Failed(message) => Some(
            view! {
                <div class="govuk-warning-text" id=id role="alert">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{message.clone()}</strong>
                </div>
            }
            .into_any(),
        ),
        DfeData::Ready(_) => None,
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    crate::fetch::fetch_text(
        url,
        "The DfE figures could not be downloaded. Check your connection, then reload the page.",
        |status| {
            format!(
                "The DfE figures could not be downloaded (the server answered {status}). Reload the page to try again."
            )
        },
    )
    .await
}
