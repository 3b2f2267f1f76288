//! The GOV.UK page furniture, without GOV.UK branding: skip link, generic header, service
//! navigation, footer. Plus the document title.

use leptos::prelude::*;

use crate::route::{Page, Route};

/// The service's name, in the header and every page title.
pub const SERVICE_NAME: &str = "Children's Services Planner";

/// Keeps `<title>` as "{page} - Children's Services Planner", with "Error: " first while
/// the page shows an error summary (GOV.UK pattern).
pub fn use_document_title(page: &'static str, has_errors: impl Fn() -> bool + 'static) {
    use_title(move || page.to_string(), has_errors);
}

/// [`use_document_title`] for a title that changes, as a consultation's.
pub fn use_title(page: impl Fn() -> String + 'static, has_errors: impl Fn() -> bool + 'static) {
    let name = service_name();
    Effect::new(move |_| {
        let prefix = if has_errors() { "Error: " } else { "" };
        document().set_title(&format!("{prefix}{} - {}", page(), name()));
    });
}

/// The name in the header and after every title: the service's, or in the participants'
/// app the council's, whose consultation it is.
fn service_name() -> impl Fn() -> String + Copy {
    let planner = crate::PARTICIPANT.then(use_context::<crate::state::Planner>).flatten();
    move || match planner {
        Some(p) => p.scenario.with(|s| s.council_name().to_string()),
        None => SERVICE_NAME.to_string(),
    }
}

/// The first thing a keyboard user reaches.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a href="#main-content" class="govuk-skip-link" on:click=|e| {
            e.prevent_default();
            if let Some(main) = document().get_element_by_id("main-content") {
                use wasm_bindgen::JsCast;
                if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                    let _ = main.focus();
                }
            }
        }>"Skip to main content"</a>
    }
}

/// Generic header with the service name, then navigation between the app's pages.
#[component]
pub fn Header() -> impl IntoView {
    let route = use_context::<Route>();
    let item = move |page: Page| {
        let current = move || route.is_some_and(|r| r.page.get() == page);
        view! {
            <li class="govuk-service-navigation__item" class:govuk-service-navigation__item--active=current>
                <a
                    class="govuk-service-navigation__link"
                    href=page.href()
                    aria-current=move || current().then_some("page")
                    on:click=move |e| {
                        if let Some(r) = route {
                            r.link(page)(e)
                        }
                    }
                >
                    {page.title()}
                </a>
            </li>
        }
    };
    let name = service_name();
    view! {
        <header class="govuk-generic-header">
            <div class="govuk-generic-header__container govuk-width-container">
                <div class="govuk-generic-header__logo">
                    <a href=crate::site::home() class="govuk-generic-header__homepage-link" on:click=move |e| {
                        if let Some(r) = route.filter(|_| !crate::PARTICIPANT) {
                            r.link(Page::Caseloads)(e)
                        }
                    }>{name}</a>
                </div>
            </div>
        </header>
        {(!crate::PARTICIPANT).then(|| view! {
        <section class="govuk-service-navigation" aria-label="Service">
            <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                    <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                        <ul class="govuk-service-navigation__list" id="navigation">
                            {item(Page::Caseloads)}
                            {item(Page::Workforce)}
                            {item(Page::Demand)}
                            {item(Page::CostOfCare)}
                            {item(Page::ChildrenInCare)}
                            {item(Page::Budget)}
                            {item(Page::Consultation)}
                            {item(Page::Results)}
                            {item(Page::Scenario)}
                            {item(Page::Explain)}
                        </ul>
                    </nav>
                </div>
            </div>
        </section>
        })}
    }
}

/// Footer: the accessibility statement and the data licence.
#[component]
pub fn Footer() -> impl IntoView {
    let route = use_context::<Route>();
    view! {
        <footer class="govuk-footer">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        <h2 class="govuk-visually-hidden">"Support links"</h2>
                        <ul class="govuk-footer__inline-list">
                            <li class="govuk-footer__inline-list-item">
                                <a class="govuk-footer__link" href=Page::Accessibility.href() on:click=move |e| {
                                    if let Some(r) = route {
                                        r.link(Page::Accessibility)(e)
                                    }
                                }>"Accessibility statement"</a>
                            </li>
                        </ul>
                        <p class="govuk-body-s">
                            "Calculations run in your browser: nothing you enter is sent anywhere. "
                            "Contains public sector information licensed under the Open Government Licence v3.0."
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}

/// The top of a scenario page: "{authority}, figures as at {date}", the title, a lead
/// line, the error summary (and "Error: " in the document's title while it shows), and,
/// unless the page places it itself, the preset loader.
#[component]
pub fn PageHeading(
    title: &'static str,
    lead: &'static str,
    /// The page puts the preset loader elsewhere.
    #[prop(optional)]
    no_presets: bool,
) -> impl IntoView {
    let planner = crate::state::use_planner();
    use_document_title(title, move || planner.errors.with(|e| !e.is_empty()));
    let caption = move || planner.form.with(|f| format!("{}, figures as at {}", f.authority, f.as_at));
    view! {
        <span class="govuk-caption-l">{caption}</span>
        <h1 class="govuk-heading-xl">{title}</h1>
        <p class="govuk-body-l">{lead}</p>
        <button type="button" class="govuk-button govuk-button--secondary app-no-print" id="print-results" on:click=|_| print_results()>
            "Print the results only"
        </button>
        <crate::components::error_summary::ErrorSummary errors=planner.errors/>
        {(!no_presets).then(|| view! { <crate::components::preset::PresetLoader/> })}
    }
}

/// A GOV.UK details element whose content is drawn only while it is open: a long table that
/// the page also shows as a chart and a CSV is then not redrawn, unread, on every keystroke,
/// and a page of many closed tables (How it works) does not draw them all before it opens.
#[component]
pub fn Reveal(
    /// The summary's text.
    #[prop(into)]
    summary: Signal<String>,
    /// The details element's id, if it needs one.
    #[prop(optional, into)]
    id: Option<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggled = move |e: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(d) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
            open.set(d.open());
        }
    };
    view! {
        <details class="govuk-details" id=id on:toggle=toggled>
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">{summary}</span></summary>
            <div class="govuk-details__text">{move || open.get().then(|| children())}</div>
        </details>
    }
}

/// Prints the page without its form (`.app-print-results` in the stylesheet): the
/// browser's print waits for the dialog, after which the page is whole again.
fn print_results() {
    let Some(body) = document().body() else { return };
    let _ = body.class_list().add_1("app-print-results");
    let _ = window().print();
    let _ = body.class_list().remove_1("app-print-results");
}
