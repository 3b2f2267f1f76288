//! The csplan web app: a thin Leptos layer over `csplan-validation` and `csplan-calc`.
//!
//! Built twice: the planner (every page), and with the `participant` feature the
//! consultation alone ("take part", `dist/take-part/`) for participants on phones: no
//! navigation, no share links, presets or autosave, so the download carries only what the
//! "balance the budget" page needs.
//!
//! One scenario form signal holds exactly what the user typed ([`state::Planner`]); memos
//! derive the checked scenario, the last valid scenario and the results. Components only
//! lay out and format figures; no arithmetic happens here.

// A bundle carries one group of pages, so much of the rest is unused there; clippy checks the
// whole app (every group) with warnings as errors.
#![cfg_attr(
    not(all(
        feature = "caseloads",
        feature = "workforce",
        feature = "demand",
        feature = "cost",
        feature = "budget",
        feature = "scenario",
        feature = "report"
    )),
    allow(dead_code, unused_imports)
)]

use leptos::prelude::*;

mod components;
mod dfe;
mod fetch;
mod kept;
mod pages;
mod presets;
mod route;
mod scenario_file;
mod site;
mod state;

use components::layout::{Footer, Header, SkipLink};
use route::{use_route, Page};

/// True in the participants' build (the consultation alone).
pub const PARTICIPANT: bool = cfg!(feature = "participant");

/// Today's date in the browser, `YYYY-MM-DD` (UTC).
pub fn today_iso() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default().chars().take(10).collect()
}

/// The whole app: header, the current page, footer.
#[component]
pub fn App() -> impl IntoView {
    let route = use_route();
    provide_context(route);
    let planner = state::Planner::new();
    provide_context(planner);
    provide_context(dfe::Dfe::new());
    let site = site::start(planner);
    if !PARTICIPANT {
        site::autosave(planner, site);
    }
    provide_context(site);
    // A link to a field on another page (an error summary's) ends in its id: go to it.
    if let Some(id) = window().location().hash().ok().and_then(|h| h.strip_prefix('#').map(str::to_string)) {
        if !id.is_empty() && id != "main-content" {
            components::error_summary::focus_field_later(id);
        }
    }
    view! {
        <SkipLink/>
        <Header/>
        <div class="govuk-width-container">
            <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                {move || site.problem.get().map(|message| view! {
                    <div class="govuk-notification-banner" role="alert" aria-labelledby="site-scenario-title" id="site-scenario-problem">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="site-scenario-title">"Important"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">{message}</p>
                            {PARTICIPANT.then(|| view! { <p class="govuk-body">"You are looking at the example council's figures instead."</p> })}
                        </div>
                    </div>
                })}
                {(!PARTICIPANT).then(|| view! { <components::kept::UndoBanner/> })}
                {move || (!PARTICIPANT && route.page.get() != Page::Consultation).then(|| view! {
                    <p class="govuk-body-s app-no-print" id="autosave-note">
                        "Your figures are saved in this browser as you type. "
                        <a class="govuk-link" href=Page::Scenario.href() on:click=route.link(Page::Scenario)>"Save, share, compare or start again"</a>
                    </p>
                })}
                {move || if site.loading.get() {
                    view! { <p class="govuk-body" id="site-scenario-loading" role="status">"Opening the figures\u{2026}"</p> }.into_any()
                } else {
                    page_view(route.page.get(), site.problem.with(Option::is_some))
                }}
            </main>
        </div>
        <Footer/>
    }
}

/// The page, if this download draws it; any other is loaded (see [`route::Page::here`]).
/// Where a link or file could not be opened (`problem`), the Save and share download stays
/// on its own page to say why.
fn page_view(page: Page, problem: bool) -> AnyView {
    let page = if problem && !page.here() && Page::Scenario.here() { Page::Scenario } else { page };
    use pages::{accessibility::AccessibilityPage, not_found::NotFoundPage};
    if PARTICIPANT {
        #[cfg(feature = "participant")]
        if page != Page::Accessibility {
            return view! { <pages::consultation::ConsultationPage/> }.into_any();
        }
        return view! { <AccessibilityPage/> }.into_any();
    }
    if !page.here() {
        let _ = window().location().replace(page.href());
        return view! { <p class="govuk-body" role="status">"Opening the page\u{2026}"</p> }.into_any();
    }
    match page {
        #[cfg(feature = "caseloads")]
        Page::Caseloads => view! { <pages::caseloads::CaseloadsPage/> }.into_any(),
        #[cfg(feature = "workforce")]
        Page::Workforce => view! { <pages::workforce::WorkforcePage/> }.into_any(),
        #[cfg(feature = "demand")]
        Page::ChildrenInCare => view! { <pages::children_in_care::ChildrenInCarePage/> }.into_any(),
        #[cfg(feature = "records")]
        Page::CareRecords => view! { <pages::care_records::CareRecordsPage/> }.into_any(),
        #[cfg(feature = "demand")]
        Page::Demand => view! { <pages::demand::DemandPage/> }.into_any(),
        #[cfg(feature = "cost")]
        Page::CostOfCare => view! { <pages::cost_of_care::CostOfCarePage/> }.into_any(),
        #[cfg(feature = "budget")]
        Page::Budget => view! { <pages::budget::BudgetPage/> }.into_any(),
        #[cfg(feature = "budget")]
        Page::Consultation => view! { <pages::consultation::ConsultationPage/> }.into_any(),
        #[cfg(feature = "results")]
        Page::Results => view! { <pages::results::ResultsPage/> }.into_any(),
        #[cfg(feature = "scenario")]
        Page::Scenario => view! { <pages::scenario::ScenarioPage/> }.into_any(),
        #[cfg(feature = "report")]
        Page::Explain => view! { <pages::explain::ExplainPage/> }.into_any(),
        #[cfg(feature = "report")]
        Page::Summary => view! { <pages::summary::SummaryPage/> }.into_any(),
        Page::Accessibility => view! { <AccessibilityPage/> }.into_any(),
        _ => view! { <NotFoundPage/> }.into_any(),
    }
}
