//! The accessibility statement councils must publish (Public Sector Bodies Accessibility
//! Regulations 2018).

use leptos::prelude::*;

use crate::components::layout::use_document_title;
use crate::route::Page;

/// The statement.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    use_document_title(Page::Accessibility.title(), || false);
    view! {
        <h1 class="govuk-heading-xl">"Accessibility statement"</h1>
        <p class="govuk-body">
            "This statement applies to the Children's Services Planner. We want as many people as possible to be able to use it. You should be able to:"
        </p>
        <ul class="govuk-list govuk-list--bullet">
            <li>"change colours, contrast levels and fonts using your browser or device settings"</li>
            <li>"zoom in up to 400% without the text spilling off the screen"</li>
            <li>"use every part of it with a keyboard alone"</li>
            <li>"use it with a screen reader"</li>
            <li>"use it on a screen 320 pixels wide"</li>
        </ul>
        <h2 class="govuk-heading-l">"How accessible this service is"</h2>
        <p class="govuk-body">
            "The service is built on the GOV.UK Design System's styles and patterns. Every page is checked automatically against WCAG 2.2 level A and AA with axe-core each time the service is changed, including pages that show errors, and the caseload planner is tested with the keyboard alone."
        </p>
        <p class="govuk-body">
            "Wide tables of results scroll sideways on small screens; each can be scrolled with the keyboard once focused. Every figure is also explained in words under \u{201c}How is this calculated?\u{201d}."
        </p>
        <h2 class="govuk-heading-l">"Compliance status"</h2>
        <p class="govuk-body">
            "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 AA standard. Automated checks find no failures; the service has not yet been audited by people who use assistive technology."
        </p>
        <h2 class="govuk-heading-l">"Reporting accessibility problems"</h2>
        <p class="govuk-body">
            "If you find a problem that is not listed here, tell the council that published this service, giving the page and what you were trying to do."
        </p>
        <h2 class="govuk-heading-l">"Enforcement procedure"</h2>
        <p class="govuk-body">
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how a council responds to your complaint, contact the Equality Advisory and Support Service (EASS)."
        </p>
        <p class="govuk-body">"This statement was prepared on 24 November 2026."</p>
    }
}
