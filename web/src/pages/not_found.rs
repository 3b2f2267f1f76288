//! Any `?page=` the app does not have.

use leptos::prelude::*;

use crate::components::layout::use_document_title;
use crate::route::{use_route_context, Page};

/// "Page not found", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    use_document_title(Page::NotFound.title(), || false);
    let route = use_route_context();
    view! {
        <h1 class="govuk-heading-xl">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body">
            <a class="govuk-link" href=Page::Caseloads.href() on:click=route.link(Page::Caseloads)>"Go to the caseload planner"</a>
        </p>
    }
}
