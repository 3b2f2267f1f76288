//! The GOV.UK error summary: "There is a problem", then a link to each field in error.

use csplan_validation::{field_id, Problem};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::reactive::redraw;
use crate::route::{use_route_context, Page};

/// Lists `errors`; each link moves focus to its field, first opening the field's page if it
/// is on another one (the message then says which; never in the participants' one-page
/// app). Then `note`, by default that the figures keep their last valid values. Shows
/// nothing when there are none.
#[component]
pub fn ErrorSummary(
    #[prop(into)] errors: Signal<Vec<Problem>>,
    #[prop(optional)] note: Option<&'static str>,
) -> impl IntoView {
    let note = note.unwrap_or("The figures below keep their last valid values until this is fixed.");
    let route = use_route_context();
    redraw(move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="govuk-error-summary" id="error-summary" tabindex="-1">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            {list
                                .into_iter()
                                .map(|p| {
                                    let id = field_id(&p.path);
                                    let page = Page::of_field(&p.path);
                                    let elsewhere = !crate::PARTICIPANT && page != route.page.get_untracked();
                                    let (href, message) = if elsewhere {
                                        (format!("{}#{id}", page.href()), format!("{} (on the {} page)", p.message, page.title()))
                                    } else {
                                        (format!("#{id}"), p.message)
                                    };
                                    view! {
                                        <li>
                                            <a href=href on:click=move |e| {
                                                e.prevent_default();
                                                if elsewhere {
                                                    route.go_to(page, &id);
                                                    focus_field_later(id.clone());
                                                } else {
                                                    focus_field(&id);
                                                }
                                            }>{message}</a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <p class="govuk-body">{note}</p>
                    </div>
                </div>
            }
        })
    })
}

/// Moves focus to the field with `id` and scrolls its label into view.
pub fn focus_field(id: &str) {
    let Some(el) = document().get_element_by_id(id) else { return };
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
        el.scroll_into_view_with_bool(false);
    }
}

/// Like [`focus_field`], after the page has drawn what the current update adds (a new
/// team group's fields, say). A page draws its sections in turn
/// ([`crate::components::reactive::Later`]), so this waits, frame by frame, for the field
/// to be there, and gives up after [`FRAMES_TO_WAIT`].
pub fn focus_field_later(id: String) {
    focus_when_drawn(id, FRAMES_TO_WAIT);
}

/// About two seconds at 60 frames a second: far longer than a page takes to draw.
const FRAMES_TO_WAIT: u32 = 120;

fn focus_when_drawn(id: String, frames: u32) {
    request_animation_frame(move || {
        if document().get_element_by_id(&id).is_some() {
            focus_field(&id);
        } else if frames > 1 {
            focus_when_drawn(id, frames - 1);
        }
    });
}
