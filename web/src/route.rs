//! Pages are addressed by a query string (`?page=accessibility`), so the app works from
//! any folder of any static web server with no rewrite rules, and a reload or a shared
//! link opens the same page. Links are ordinary `<a href>`s; a click is handled in place
//! with the History API.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The pages of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// The caseload planner (home).
    Caseloads,
    /// The workforce page.
    Workforce,
    /// Demand series, growth and projections.
    Demand,
    /// Placements, budget history and invest-to-save.
    CostOfCare,
    /// Children looked after as stocks and flows.
    ChildrenInCare,
    /// Children in care from the council's own SSDA903 records, read in the browser.
    CareRecords,
    /// Savings, the medium-term plan and transport.
    Budget,
    /// The "balance the budget" consultation.
    Consultation,
    /// The consultation's responses, summarised.
    Results,
    /// Save, open, share and compare scenarios.
    Scenario,
    /// How every figure is worked out, and where every input comes from.
    Explain,
    /// The inputs, key results and date, to print.
    Summary,
    /// The accessibility statement.
    Accessibility,
    /// Any other `?page=`.
    NotFound,
}

impl Page {
    /// The link to this page, relative to the app's own folder.
    pub fn href(self) -> &'static str {
        match self {
            Page::Caseloads | Page::NotFound => "./",
            Page::Workforce => "?page=workforce",
            Page::Demand => "?page=demand",
            Page::CostOfCare => "?page=cost-of-care",
            Page::ChildrenInCare => "?page=children-in-care",
            Page::CareRecords => "?page=care-records",
            Page::Budget => "?page=budget",
            Page::Consultation => "?page=consultation",
            Page::Results => "?page=consultation-results",
            Page::Scenario => "?page=scenario",
            Page::Explain => "?page=explain",
            Page::Summary => "?page=summary",
            Page::Accessibility => "?page=accessibility",
        }
    }

    /// The page's title, for `<title>` and headings.
    pub fn title(self) -> &'static str {
        match self {
            Page::Caseloads => "Caseloads",
            Page::Workforce => "Workforce",
            Page::Demand => "Demand",
            Page::CostOfCare => "Cost of care",
            Page::ChildrenInCare => "Children in care",
            Page::CareRecords => "Children in care from your records",
            Page::Budget => "Budget",
            Page::Consultation => "Balance the budget",
            Page::Results => "Consultation results",
            Page::Scenario => "Save and share",
            Page::Explain => "How it works",
            Page::Summary => "Summary to print",
            Page::Accessibility => "Accessibility statement",
            Page::NotFound => "Page not found",
        }
    }

    /// The page where the field at a validation path is entered (`workforce.roles[0].name`
    /// is on the Workforce page), from the form's own table of sections.
    pub fn of_field(path: &str) -> Page {
        Page::from_key(csplan_validation::form::ScenarioForm::page_of(path))
    }

    /// True when this download draws the page; any other is a page load away (see
    /// `start.js`, which chooses the download for an address).
    pub fn here(self) -> bool {
        if crate::PARTICIPANT {
            return matches!(self, Page::Consultation | Page::Accessibility);
        }
        match self {
            Page::Caseloads | Page::Accessibility | Page::NotFound => cfg!(feature = "caseloads"),
            Page::Workforce => cfg!(feature = "workforce"),
            Page::Demand | Page::ChildrenInCare => cfg!(feature = "demand"),
            Page::CareRecords => cfg!(feature = "records"),
            Page::CostOfCare => cfg!(feature = "cost"),
            Page::Budget | Page::Consultation => cfg!(feature = "budget"),
            Page::Results => cfg!(feature = "results"),
            Page::Scenario => cfg!(feature = "scenario"),
            Page::Explain | Page::Summary => cfg!(feature = "report"),
        }
    }

    fn from_search(search: &str) -> Page {
        let page = search.trim_start_matches('?').split('&').find_map(|pair| pair.strip_prefix("page=")).unwrap_or("");
        Page::from_key(page)
    }

    /// The page a `?page=` key names.
    fn from_key(page: &str) -> Page {
        match page {
            "" | "caseloads" => Page::Caseloads,
            "workforce" => Page::Workforce,
            "demand" => Page::Demand,
            "cost-of-care" => Page::CostOfCare,
            "children-in-care" => Page::ChildrenInCare,
            "care-records" => Page::CareRecords,
            "budget" => Page::Budget,
            "consultation" => Page::Consultation,
            "consultation-results" => Page::Results,
            "scenario" => Page::Scenario,
            "explain" => Page::Explain,
            "summary" => Page::Summary,
            "accessibility" => Page::Accessibility,
            _ => Page::NotFound,
        }
    }
}

/// The current page and a way to go to another.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// The page showing now.
    pub page: ReadSignal<Page>,
    set_page: WriteSignal<Page>,
}

fn current_page() -> Page {
    Page::from_search(&window().location().search().unwrap_or_default())
}

/// Reads the page from the address and follows the back and forward buttons.
pub fn use_route() -> Route {
    let (page, set_page) = signal(current_page());
    let handle = window_event_listener(ev::popstate, move |_| set_page.set(current_page()));
    // The app lives as long as the page; keep listening.
    std::mem::forget(handle);
    Route { page, set_page }
}

impl Route {
    /// Shows `page`, records it in the history, and moves focus to the main content so
    /// screen-reader and keyboard users start at the top of the new page. A page this
    /// download does not draw is loaded, once the figures are kept for it.
    pub fn go(self, page: Page) {
        self.go_to(page, "");
    }

    /// Like [`Route::go`], then to the field with HTML id `field` (empty: the top).
    pub fn go_to(self, page: Page, field: &str) {
        if !page.here() {
            if let Some(planner) = use_context::<crate::state::Planner>() {
                crate::site::keep(planner);
            }
            let hash = if field.is_empty() { String::new() } else { format!("#{field}") };
            let _ = window().location().assign(&format!("{}{hash}", page.href()));
            return;
        }
        if self.page.get_untracked() == page {
            return;
        }
        let win = window();
        if let Ok(history) = win.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(page.href()));
        }
        self.set_page.set(page);
        win.scroll_to_with_x_and_y(0.0, 0.0);
        if let Some(main) = document().get_element_by_id("main-content") {
            use wasm_bindgen::JsCast;
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    }

    /// A click handler for a link to `page`: handled in place unless the user asked for
    /// a new tab or window (modifier keys, middle button). A page of another download is
    /// followed as a link, once the figures are kept for it.
    pub fn link(self, page: Page) -> impl Fn(ev::MouseEvent) + 'static {
        move |e: ev::MouseEvent| {
            if let Some(planner) = use_context::<crate::state::Planner>() {
                crate::site::keep(planner);
            }
            if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || !page.here() {
                return;
            }
            e.prevent_default();
            self.go(page);
        }
    }
}

/// The route from context (the app always provides one; see [`crate::state::use_planner`]).
pub fn use_route_context() -> Route {
    expect_context::<Route>()
}
