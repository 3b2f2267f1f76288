//! The csplan web app: a thin Leptos layer over `csplan-validation` and `csplan-calc`.
//!
//! One scenario form signal holds exactly what the user typed ([`state::Planner`]); memos
//! derive the checked scenario, the last valid scenario and the results. Components only
//! lay out and format figures; no arithmetic happens here.

use leptos::prelude::*;

mod components;
mod dfe;
mod pages;
mod route;
mod state;

use components::layout::{Footer, Header, SkipLink};
use route::{use_route, Page};

/// The whole app: header, the current page, footer.
#[component]
pub fn App() -> impl IntoView {
    let route = use_route();
    provide_context(route);
    provide_context(state::Planner::new());
    provide_context(dfe::Dfe::new());
    view! {
        <SkipLink/>
        <Header/>
        <div class="govuk-width-container">
            <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                {move || match route.page.get() {
                    Page::Caseloads => view! { <pages::caseloads::CaseloadsPage/> }.into_any(),
                    Page::Workforce => view! { <pages::workforce::WorkforcePage/> }.into_any(),
                    Page::ChildrenInCare => view! { <pages::children_in_care::ChildrenInCarePage/> }.into_any(),
                    Page::Demand => view! { <pages::demand::DemandPage/> }.into_any(),
                    Page::CostOfCare => view! { <pages::cost_of_care::CostOfCarePage/> }.into_any(),
                    Page::Budget => view! { <pages::budget::BudgetPage/> }.into_any(),
                    Page::Consultation => view! { <pages::consultation::ConsultationPage/> }.into_any(),
                    Page::Accessibility => view! { <pages::accessibility::AccessibilityPage/> }.into_any(),
                    Page::NotFound => view! { <pages::not_found::NotFoundPage/> }.into_any(),
                }}
            </main>
        </div>
        <Footer/>
    }
}
