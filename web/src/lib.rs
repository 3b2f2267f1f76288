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

use leptos::prelude::*;

mod components;
mod dfe;
mod fetch;
mod pages;
mod route;
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
                            <p class="govuk-body">"You are looking at the example council's figures instead."</p>
                        </div>
                    </div>
                })}
                {move || (!PARTICIPANT && route.page.get() != Page::Consultation).then(|| view! {
                    <p class="govuk-body-s app-no-print" id="autosave-note">
                        "Your figures are saved in this browser as you type. "
                        <a class="govuk-link" href=Page::Scenario.href() on:click=route.link(Page::Scenario)>"Save, share, compare or start again"</a>
                    </p>
                })}
                {move || if site.loading.get() {
                    view! { <p class="govuk-body" id="site-scenario-loading" role="status">"Loading the council's figures\u{2026}"</p> }.into_any()
                } else if PARTICIPANT {
                    if route.page.get() == Page::Accessibility {
                        view! { <pages::accessibility::AccessibilityPage/> }.into_any()
                    } else {
                        view! { <pages::consultation::ConsultationPage/> }.into_any()
                    }
                } else { match route.page.get() {
                    Page::Caseloads => view! { <pages::caseloads::CaseloadsPage/> }.into_any(),
                    Page::Workforce => view! { <pages::workforce::WorkforcePage/> }.into_any(),
                    Page::ChildrenInCare => view! { <pages::children_in_care::ChildrenInCarePage/> }.into_any(),
                    Page::Demand => view! { <pages::demand::DemandPage/> }.into_any(),
                    Page::CostOfCare => view! { <pages::cost_of_care::CostOfCarePage/> }.into_any(),
                    Page::Budget => view! { <pages::budget::BudgetPage/> }.into_any(),
                    Page::Consultation => view! { <pages::consultation::ConsultationPage/> }.into_any(),
                    Page::Scenario => view! { <pages::scenario::ScenarioPage/> }.into_any(),
                    Page::Explain => view! { <pages::explain::ExplainPage/> }.into_any(),
                    Page::Summary => view! { <pages::summary::SummaryPage/> }.into_any(),
                    Page::Accessibility => view! { <pages::accessibility::AccessibilityPage/> }.into_any(),
                    Page::NotFound => view! { <pages::not_found::NotFoundPage/> }.into_any(),
                }}}
            </main>
        </div>
        <Footer/>
    }
}
