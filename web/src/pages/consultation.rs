//! "Balance the budget": the consultation a council configures in its scenario file, as a
//! participant sees it. Choices are checkboxes, radios and number fields with - and +
//! buttons (no sliders); the balance is announced politely as it changes; a review step
//! comes before the participant downloads their response. All figures come from
//! `csplan_calc::consultation`; typed values are read by `csplan_validation`.

use csplan_calc::consultation::{
    evaluate, refusals, refused_change, response, response_file_name, response_tag, response_text, show_value, step,
    Outcome,
};
use csplan_model::fmt::{long_date, plain};
use csplan_model::{BalanceRule, Choice, Consultation, FloorRule, Lever, LeverKind};
use csplan_validation::response_form::{lever_path, ResponseForm};
use csplan_validation::{read_lever_value, Problem, PREFER_NOT_TO_SAY};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::csv::data_url;
use crate::components::error_summary::{focus_field_later, ErrorSummary};
use crate::components::layout::use_title;
use crate::components::preset::PresetLoader;
use crate::components::reactive::Later;
use crate::state::use_planner;

/// Has the browser download `text` as `file`.
pub(crate) fn download(file: &str, mime: &str, text: &str) {
    let url = data_url(mime, text);
    let Ok(a) = document().create_element("a") else { return };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", file);
    if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
        a.click();
    }
}

/// The page. In the planner, the consultation editor sits beside the participants' view on
/// a wide screen (64em and up), and on a narrower one the two take turns behind a button.
#[component]
pub fn ConsultationPage() -> impl IntoView {
    let planner = use_planner();
    let consultation = Memo::new(move |_| planner.scenario.with(|s| s.consultation.clone()));
    let editor = setup();
    let split = editor.is_some();
    let editing = RwSignal::new(false);
    let class = move || match (split && consultation.with(Option::is_some), editing.get()) {
        (false, _) => "app-setup",
        (true, false) => "app-setup app-setup--split",
        (true, true) => "app-setup app-setup--split app-setup--editing",
    };
    let toggle = move || {
        (split && consultation.with(Option::is_some)).then(|| view! {
            <button type="button" class="govuk-button govuk-button--secondary app-setup__toggle app-no-print" id="setup-toggle"
                aria-controls="setup-editor setup-preview" on:click=move |_| editing.update(|e| *e = !*e)>
                {move || if editing.get() { "Show what participants see" } else { "Edit this consultation" }}
            </button>
        })
    };
    view! {
    <div class=class>
    {toggle}
    <div class="app-setup__preview" id="setup-preview">
    {move || {
        match consultation.get() {
        None if crate::PARTICIPANT => view! {
            <h1 class="govuk-heading-xl">"Balance the budget"</h1>
            <p class="govuk-body">"There is no consultation here. Open the link the council gave you."</p>
        }
        .into_any(),
        None => view! {
            <h1 class="govuk-heading-xl">"Balance the budget"</h1>
            <p class="govuk-body">"This scenario has no consultation. Set one up below, or load the Example council or Hampshire SP2023, 2021 preset, which have one."</p>
            <PresetLoader/>
        }
        .into_any(),
        Some(c) => view! {
            {split.then(|| view! { <span class="govuk-caption-m app-no-print" id="preview-caption">"What participants see"</span> })}
            <Taking c/>
        }.into_any(),
        }
    }}
    </div>
    <div class="app-setup__editor" id="setup-editor">{editor}</div>
    </div>
    }
}

/// The editor, in the planner only.
fn setup() -> Option<AnyView> {
    #[cfg(feature = "budget")]
    {
        (!crate::PARTICIPANT).then(|| view! { <crate::pages::consultation_setup::Setup/> }.into_any())
    }
    #[cfg(not(feature = "budget"))]
    {
        None
    }
}

/// Taking part in consultation `c`: what the participant enters starts from the choices'
/// starting values (or a link's), read by `csplan_validation::response_form`.
#[component]
fn Taking(c: Consultation) -> impl IntoView {
    let planner = use_planner();
    let link = crate::site::param("choices");
    let entries = RwSignal::new(ResponseForm::start(&c, link.as_deref()));
    let c = StoredValue::new(c);
    let reviewing = RwSignal::new(false);
    let submit_errors = RwSignal::new(Vec::<Problem>::new());
    // Participants see the consultation's own title; the planner names its page.
    let title = if crate::PARTICIPANT { c.with_value(|c| c.title.clone()) } else { "Balance the budget".to_string() };
    use_title(move || title.clone(), move || !submit_errors.with(Vec::is_empty));
    let read_all = Memo::new(move |_| Some(entries.with(|e| c.with_value(|c| e.read(c)))));
    let outcome = Memo::new(move |_| {
        let (choices, _) = read_all.get()?;
        planner.scenario.with(|s| c.with_value(|c| evaluate(s, c, &choices).ok()))
    });
    view! {
        <ErrorSummary errors=submit_errors note="Your choices are kept: change them, then review your budget again."/>
        {move || if reviewing.get() {
            view! { <Review c outcome entries reviewing read_all/> }.into_any()
        } else {
            view! { <Choose c outcome entries reviewing submit_errors read_all/> }.into_any()
        }}
    }
}

#[component]
fn Choose(
    c: StoredValue<Consultation>,
    outcome: Memo<Option<Outcome>>,
    entries: RwSignal<ResponseForm>,
    reviewing: RwSignal<bool>,
    submit_errors: RwSignal<Vec<Problem>>,
    read_all: Memo<Option<(Vec<Choice>, Vec<Problem>)>>,
) -> impl IntoView {
    let con = c.get_value();
    let con_levers: Vec<String> = con.levers.iter().map(|l| l.id.clone()).collect();
    let closed = crate::today_iso() > con.closes;
    let intro: Vec<String> = con.intro.split("\n\n").map(str::to_string).collect();
    let on_review = move |_| {
        let mut problems = read_all.get_untracked().map(|(_, p)| p).unwrap_or_default();
        if let Some(o) = outcome.get_untracked() {
            // The collector's own check (csplan_calc::consultation::refusals), in its words:
            // every blocked choice, and the balance once nothing else is wrong.
            let read_ok = problems.is_empty();
            problems.extend(refusals(&o).into_iter().filter(|r| read_ok || r.lever.is_some()).map(|r| {
                let path = match r.lever.and_then(|i| con_levers.get(i)) {
                    Some(id) => lever_path(id),
                    None => lever_path("balance"),
                };
                Problem::error(path, r.message)
            }));
        }
        let first = problems.first().map(|p| csplan_validation::field_id(&p.path));
        submit_errors.set(problems);
        match first {
            Some(_) => focus_field_later("error-summary".to_string()),
            None => {
                reviewing.set(true);
                window().scroll_to_with_x_and_y(0.0, 0.0);
                focus_field_later("review-heading".to_string());
            }
        }
    };
    view! {
        <h1 class="govuk-heading-xl">{con.title.clone()}</h1>
        {intro.into_iter().map(|p| view! { <p class="govuk-body">{p}</p> }).collect_view()}
        <p class="govuk-body" id="consultation-dates">{
            if closed {
                format!("This consultation closed on {}. You can still try the choices and download your response, but it will not be counted.", long_date(&con.closes))
            } else {
                format!("Open from {} to {}.", long_date(&con.opens), long_date(&con.closes))
            }
        }</p>
        <Balance outcome/>
        <Later step=1>{con.levers.iter().enumerate().map(|(i, l)| view! { <LeverField c lever=l.clone() i outcome entries/> }).collect_view()}</Later>
        <Later step=2>
        <div class="govuk-form-group">
            <h2 class="govuk-label-wrapper">
                <label class="govuk-label govuk-label--m" for="consultation-comment">"Anything else you would like to tell us (optional)"</label>
            </h2>
            <textarea class="govuk-textarea" id="consultation-comment" rows="4" maxlength="2000"
                prop:value=move || entries.with(|e| e.overall.clone())
                on:input=move |ev| entries.update(|e| e.overall = event_target_value(&ev))></textarea>
        </div>
        <AboutYou c entries/>
        <div class="govuk-form-group" id="consultation-balance" tabindex="-1">
            <button type="button" class="govuk-button" id="review" on:click=on_review.clone()>"Review your budget"</button>
        </div>
        </Later>
    }
}

#[component]
fn Balance(outcome: Memo<Option<Outcome>>) -> impl IntoView {
    let text = move || outcome.with(|o| o.as_ref().map(|o| o.summary.clone()).unwrap_or_default());
    let figures = move || {
        outcome.with(|o| {
            o.as_ref()
                .map(|o| {
                    format!(
                        "Gap {} · savings {} · income {} · costs {}",
                        o.gap.display_pounds(),
                        o.savings.display_pounds(),
                        o.income.display_pounds(),
                        o.costs.display_pounds()
                    )
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="govuk-inset-text app-balance" id="balance">
            <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" aria-live="polite" aria-atomic="true" id="balance-summary">{text}</p>
            <p class="govuk-body-s govuk-!-margin-bottom-0" id="balance-figures">{figures}</p>
        </div>
    }
}

#[component]
fn LeverField(
    c: StoredValue<Consultation>,
    lever: Lever,
    i: usize,
    outcome: Memo<Option<Outcome>>,
    entries: RwSignal<ResponseForm>,
) -> impl IntoView {
    let planner = use_planner();
    let id = lever_path(&lever.id).id();
    let lever = StoredValue::new(lever);
    let result = move || outcome.with(|o| o.as_ref().and_then(|o| o.levers.get(i).cloned()));
    let explanation = move || result().map(|r| r.explanation).unwrap_or_default();
    // A choice refused as it was made (the tick or step not taken), with why.
    let refused = RwSignal::new(None::<String>);
    // Refused, or typed (kept as typed, and not counted), or flagged: the area, its minimum
    // and the choices it conflicts with (calc's words).
    let floor = move || {
        refused.get().map(|m| (true, m)).or_else(|| {
            result().filter(|r| r.below_minimum).map(|r| (r.below_minimum_rule == FloorRule::Block, r.floor_message()))
        })
    };
    let warning = move || {
        floor().map(|(blocks, text)| {
            if blocks {
                view! { <p class="govuk-error-message" id=format!("{}-floor", lever_path(&lever.get_value().id).id())><span class="govuk-visually-hidden">"Error: "</span>{text}</p> }.into_any()
            } else {
                view! {
                    <div class="govuk-warning-text">
                        <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                        <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{text}</strong>
                    </div>
                }.into_any()
            }
        })
    };
    let typed = move || entries.with(|e| e.values.get(i).cloned().unwrap_or_default());
    let set = move |text: String| {
        refused.set(None);
        entries.update(|e| {
            if let Some(v) = e.values.get_mut(i) {
                *v = text;
            }
        })
    };
    // Ticking a proposal or stepping a value that its area's statutory minimum refuses is
    // not done; the message says why. Returns whether the change was made.
    let try_set = move |text: String| {
        let l = lever.get_value();
        let message = read_lever_value(&l, &text).ok().and_then(|value| {
            let choices = entries.with_untracked(|e| c.with_value(|c| e.read(c).0));
            planner
                .scenario
                .with_untracked(|s| c.with_value(|c| refused_change(s, c, &choices, i, value).ok().flatten()))
        });
        match message {
            Some(m) => {
                refused.set(Some(m));
                false
            }
            None => {
                set(text);
                true
            }
        }
    };
    let l = lever.get_value();
    let consequence = l.consequence.clone();
    let hint_id = format!("{id}-hint");
    let control = match l.kind {
        LeverKind::Proposal => {
            let money = l.per_unit.map(|m| m.display_pounds()).unwrap_or_default();
            view! {
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id=id.clone() type="checkbox" aria-describedby=hint_id.clone()
                            prop:checked=move || typed().trim() == "1"
                            on:change=move |ev| {
                                let ticked = event_target_checked(&ev);
                                if !try_set(if ticked { "1".into() } else { "0".into() }) {
                                    event_target::<web_sys::HtmlInputElement>(&ev).set_checked(!ticked);
                                }
                            }/>
                        <label class="govuk-label govuk-checkboxes__label" for=id.clone()>{format!("Accept this proposal (saves {money} a year)")}</label>
                    </div>
                </div>
            }.into_any()
        }
        LeverKind::Principle => {
            let options = [("1", "Agree"), ("0", "No view"), ("-1", "Disagree")];
            view! {
                <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
                    {options.into_iter().enumerate().map(|(k, (value, label))| {
                        let rid = if k == 0 { id.clone() } else { format!("{id}-{k}") };
                        view! {
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" id=rid.clone() type="radio" name=id.clone() value=value
                                    prop:checked=move || typed().trim() == value
                                    on:change=move |_| set(value.to_string())/>
                                <label class="govuk-label govuk-radios__label" for=rid>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            }.into_any()
        }
        _ => {
            let (min, max, _) = l.bounds();
            let name = l.name.clone();
            let label_text = match l.unit.as_str() {
                "£" => "Amount in pounds".to_string(),
                "%" => "Per cent".to_string(),
                "" => "Your choice".to_string(),
                unit => format!("Number of {unit}"),
            };
            let bump = move |up: bool| {
                let l = lever.get_value();
                let current = read_lever_value(&l, &typed()).unwrap_or(l.start);
                try_set(plain(step(&l, current, up)));
            };
            let error = move || {
                let l = lever.get_value();
                read_lever_value(&l, &typed()).err()
            };
            view! {
                <p class="govuk-hint" id=format!("{id}-range")>{format!("From {} to {}", show_value(&l, min), show_value(&l, max))}</p>
                {move || error().map(|m| view! { <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                <label class="govuk-label" for=id.clone()>{label_text}</label>
                <div class="app-stepper">
                    <button type="button" class="govuk-button govuk-button--secondary app-stepper__button" aria-label=format!("Less: {name}") aria-controls=id.clone() on:click=move |_| bump(false)>"−"</button>
                    <input class="govuk-input govuk-input--width-10" class:govuk-input--error=move || error().is_some()
                        id=id.clone() type="text" inputmode="decimal" spellcheck="false"
                        aria-describedby=format!("{id}-range {hint_id}")
                        prop:value=typed on:input=move |ev| set(event_target_value(&ev))/>
                    <span class="govuk-body govuk-!-margin-bottom-0 app-stepper__unit">{if l.unit == "£" { String::new() } else { l.unit.clone() }}</span>
                    <button type="button" class="govuk-button govuk-button--secondary app-stepper__button" aria-label=format!("More: {name}") aria-controls=id.clone() on:click=move |_| bump(true)>"+"</button>
                </div>
            }.into_any()
        }
    };
    let comment_id = format!("{id}-comment");
    view! {
        <div class="govuk-form-group app-lever" class:govuk-form-group--error=move || floor().is_some_and(|(blocks, _)| blocks)>
            <fieldset class="govuk-fieldset" aria-describedby=format!("{id}-hint")>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                    <h2 class="govuk-fieldset__heading">{l.name.clone()}</h2>
                </legend>
                {(!consequence.is_empty()).then(|| view! { <p class="govuk-body">{consequence}</p> })}
                <p class="govuk-hint app-consequence" id=format!("{id}-hint")>{move || with_abbreviations(explanation())}</p>
                <div aria-live="polite">{warning}</div>
                {control}
            </fieldset>
            <details class="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                <summary class="govuk-details__summary" id=format!("{comment_id}-toggle")><span class="govuk-details__summary-text">"Add a comment on this choice"</span></summary>
                <div class="govuk-details__text">
                    <label class="govuk-label" for=comment_id.clone()>{format!("Your comment on {}", l.name.to_lowercase())}</label>
                    <textarea class="govuk-textarea" id=comment_id rows="3" maxlength="2000"
                        prop:value=move || entries.with(|e| e.comments.get(i).cloned().unwrap_or_default())
                        on:input=move |ev| entries.update(|e| if let Some(c) = e.comments.get_mut(i) { *c = event_target_value(&ev) })></textarea>
                </div>
            </details>
        </div>
    }
}

#[component]
fn AboutYou(c: StoredValue<Consultation>, entries: RwSignal<ResponseForm>) -> impl IntoView {
    let questions = c.get_value().questions;
    (!questions.is_empty()).then(|| {
        view! {
            <h2 class="govuk-heading-m">"About you (optional)"</h2>
            {questions.into_iter().enumerate().map(|(i, q)| {
                let name = format!("about-{}", q.id);
                let mut options = q.options.clone();
                options.push(PREFER_NOT_TO_SAY.to_string());
                view! {
                    <div class="govuk-form-group">
                        <fieldset class="govuk-fieldset">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{q.text.clone()}</legend>
                            <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                                {options.into_iter().enumerate().map(|(k, option)| {
                                    let rid = format!("{name}-{k}");
                                    let value = option.clone();
                                    let check = option.clone();
                                    view! {
                                        <div class="govuk-radios__item">
                                            <input class="govuk-radios__input" id=rid.clone() type="radio" name=name.clone() value=option.clone()
                                                prop:checked=move || entries.with(|e| e.answers.get(i) == Some(&check))
                                                on:change=move |_| entries.update(|e| if let Some(a) = e.answers.get_mut(i) { *a = value.clone() })/>
                                            <label class="govuk-label govuk-radios__label" for=rid>{option}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    </div>
                }
            }).collect_view()}
        }
    })
}

#[component]
fn Review(
    c: StoredValue<Consultation>,
    outcome: Memo<Option<Outcome>>,
    entries: RwSignal<ResponseForm>,
    reviewing: RwSignal<bool>,
    read_all: Memo<Option<(Vec<Choice>, Vec<Problem>)>>,
) -> impl IntoView {
    let planner = use_planner();
    let con = c.get_value();
    // One tag for this response: in its files' names and in the response, so a response
    // sent and also downloaded, or downloaded twice, is counted once, and a send tried
    // again has the same idempotency key. Changing the choices and reviewing again makes
    // a new response with a new tag. Two draws of the low 32 bits of Math.random()'s
    // 52-bit mantissa, 64 bits in all, so that among 10,000 participants two tags meet by
    // chance about once in 10^11 consultations.
    let draw = || (js_sys::Math::random().to_bits() & u64::from(u32::MAX)) as u32;
    let tag = StoredValue::new(format!("{}{}", response_tag(draw()), response_tag(draw())));
    let file = move |ext: &str| response_file_name(&c.get_value().id, &crate::today_iso(), &tag.get_value(), ext);
    let made = move || {
        let con = c.get_value();
        let choices = read_all.get_untracked().map(|(c, _)| c).unwrap_or_default();
        let e = entries.get_untracked();
        planner
            .scenario
            .with_untracked(|s| response(s, &con, choices, e.overall.trim().to_string(), e.about_you(&con)).ok())
            .map(|mut r| {
                r.id = tag.get_value();
                r
            })
    };
    let on_json = move |_| {
        if let Some(r) = made() {
            if let Ok(json) = serde_json::to_string_pretty(&r) {
                download(&file("json"), "application/json", &json);
            }
        }
    };
    let made_json = Callback::new(move |()| made().and_then(|r| serde_json::to_string(&r).ok()));
    let collector = con.collector_url.clone();
    let closed = crate::today_iso() > con.closes;
    let sends = collector.is_some() && !closed;
    let sending = RwSignal::new(Post::Idle);
    let on_text = move |_| {
        if let (Some(r), Some(o)) = (made(), outcome.get_untracked()) {
            download(&file("txt"), "text/plain", &response_text(&c.get_value(), &o, &r));
        }
    };
    let link = move || {
        let choices = read_all.get().map(|(c, _)| c).unwrap_or_default();
        let base = window().location().pathname().unwrap_or_default();
        let origin = window().location().origin().unwrap_or_default();
        // In the participants' app the council's file comes too, so the link opens the same
        // consultation in a fresh browser.
        let from = crate::site::param("scenario").filter(|_| crate::PARTICIPANT);
        let from = from.map(|name| format!("scenario={name}&")).unwrap_or_default();
        format!("{origin}{base}?{from}page=consultation&{}", ResponseForm::link(&choices))
    };
    let rows = move || {
        let con = c.get_value();
        outcome.with(|o| {
            o.as_ref().map(|o| {
                o.levers
                    .iter()
                    .zip(&con.levers)
                    .enumerate()
                    .map(|(i, (r, l))| {
                        let money = if r.money.is_zero() { String::new() } else { r.money.display_pounds() };
                        let comment = entries.with_untracked(|e| e.comments.get(i).map(|c| c.trim().to_string()));
                        view! {
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">{r.name.clone()}</dt>
                                <dd class="govuk-summary-list__value">{show_value(l, r.value)}</dd>
                                <dd class="govuk-summary-list__actions">{money}</dd>
                            </div>
                            {comment.filter(|c| !c.is_empty()).map(|c| view! {
                                <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                                    <dt class="govuk-summary-list__key govuk-!-font-weight-regular">"Your comment"</dt>
                                    <dd class="govuk-summary-list__value app-break-words app-pre-line">{c}</dd>
                                </div>
                            })}
                        }
                    })
                    .collect_view()
            })
        })
    };
    let overall = entries.with_untracked(|e| e.overall.trim().to_string());
    let rule = match con.balance {
        BalanceRule::MustBalance => "Your budget balances.",
        BalanceRule::Tolerance { .. } => "Your budget is within what the council accepts.",
        BalanceRule::Any => "The council accepts any budget.",
    };
    view! {
        <h1 class="govuk-heading-xl" id="review-heading" tabindex="-1">"Check your budget"</h1>
        <p class="govuk-body">{rule}" "{move || outcome.with(|o| o.as_ref().map(|o| o.summary.clone()).unwrap_or_default())}"."</p>
        <dl class="govuk-summary-list" id="review-list">{rows}</dl>
        {(!overall.is_empty()).then(|| view! {
            <h2 class="govuk-heading-s">"Your comment"</h2>
            <p class="govuk-body app-break-words app-pre-line" id="review-comment">{overall}</p>
        })}
        <p class="govuk-body"><a href="#" class="govuk-link" id="change" on:click=move |e| { e.prevent_default(); reviewing.set(false); focus_field_later("review".to_string()); }>"Change your choices"</a></p>
        {match collector {
            Some(url) if !closed => view! { <Send url made=made_json sending tag=tag.get_value()/> }.into_any(),
            _ => view! {
                <h2 class="govuk-heading-m">"Send your response"</h2>
                <p class="govuk-body">"Download a copy of your answers below, then send that file to the council. Nothing is sent from this page."</p>
                {if con.send_to.is_empty() {
                    view! { <p class="govuk-body" id="send-to">"The council has not said here where to send it: use the address on its consultation page or letter."</p> }.into_any()
                } else {
                    view! { <p class="govuk-body app-pre-line app-break-words" id="send-to">{con.send_to.clone()}</p> }.into_any()
                }}
            }.into_any(),
        }}
        <h2 class="govuk-heading-m" id="keep-copy">{if sends { "Keep a copy" } else { "Download your response" }}</h2>
        <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" id="download-json" on:click=on_json>"Download a copy of your answers"</button>
            <button type="button" class="govuk-button govuk-button--secondary" id="download-text" on:click=on_text>"Download a readable copy"</button>
        </div>
        <h2 class="govuk-heading-m">"Come back to these choices"</h2>
        <p class="govuk-body">"This link opens the page with your choices (not your comments or answers):"</p>
        <p class="govuk-body app-break-words"><a class="govuk-link" id="choices-link" href=link>{link}</a></p>
    }
}

/// Where sending a response to the council's collector has got to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Post {
    Idle,
    InFlight,
    Sent { receipt: String, received: String },
    Failed(String),
}

/// The collector's answer: a receipt, or what was wrong.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct Reply {
    receipt: Option<String>,
    received: Option<String>,
    error: Option<String>,
    problems: Vec<ReplyProblem>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct ReplyProblem {
    message: String,
}

/// Posts the response to the collector with its idempotency key (`key`: a retry of the
/// same response is stored once); a receipt, or a message for the participant.
async fn post_response(url: &str, json: &str, key: &str) -> Result<(String, String), String> {
    use wasm_bindgen_futures::JsFuture;
    let unreachable =
        || "The council's response service could not be reached. Check your connection and try again.".to_string();
    let headers = web_sys::Headers::new().map_err(|_| unreachable())?;
    headers.set("Content-Type", "application/json").map_err(|_| unreachable())?;
    headers.set("Idempotency-Key", key).map_err(|_| unreachable())?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&wasm_bindgen::JsValue::from_str(json));
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(30_000)));
    let answer = JsFuture::from(window().fetch_with_str_and_init(url, &init)).await.map_err(|_| unreachable())?;
    let answer: web_sys::Response = answer.dyn_into().map_err(|_| unreachable())?;
    let status = answer.status();
    let text = match answer.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    let reply: Reply = serde_json::from_str(&text).unwrap_or_default();
    match (status, reply.receipt) {
        // 200: this response was stored by an earlier try whose answer was lost.
        (200 | 201, Some(receipt)) => Ok((receipt, reply.received.unwrap_or_default())),
        _ => {
            let mut message =
                reply.error.unwrap_or_else(|| "The council's response service did not accept the response".to_string());
            if let Some(p) = reply.problems.first() {
                message = format!("{message}: {}", p.message);
            }
            Err(format!("{message} (the service answered {status})."))
        }
    }
}

/// Sending to the council's collector: the button, then a receipt or a clear failure.
#[component]
fn Send(url: String, made: Callback<(), Option<String>>, sending: RwSignal<Post>, tag: String) -> impl IntoView {
    let tag = StoredValue::new(tag);
    let host = url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_default().to_string();
    let url = StoredValue::new(url);
    let on_send = move |_| {
        if sending.get_untracked() == Post::InFlight {
            return;
        }
        let Some(json) = made.run(()) else { return };
        sending.set(Post::InFlight);
        leptos::task::spawn_local(async move {
            let key = csplan_model::consultation::send_key(&tag.get_value(), &json);
            let result = post_response(&url.get_value(), &json, &key).await;
            match result {
                Ok((receipt, received)) => {
                    sending.set(Post::Sent { receipt, received });
                    focus_field_later("sent-panel".to_string());
                }
                Err(message) => {
                    sending.set(Post::Failed(message));
                    focus_field_later("send-failed".to_string());
                }
            }
        });
    };
    let status = move || match sending.get() {
        Post::Idle => String::new(),
        Post::InFlight => "Sending your response".to_string(),
        Post::Sent { receipt, .. } => format!("Your response has been sent. Your receipt number is {receipt}"),
        Post::Failed(_) => "Your response has not been sent".to_string(),
    };
    view! {
        <h2 class="govuk-heading-m">"Send your response"</h2>
        <p class="govuk-visually-hidden" role="status" id="send-status">{status}</p>
        {move || match sending.get() {
            Post::Sent { receipt, received } => view! {
                <div class="govuk-panel govuk-panel--confirmation" id="sent-panel" tabindex="-1">
                    <h3 class="govuk-panel__title">"Response sent"</h3>
                    <div class="govuk-panel__body">"Your receipt number"<br/><strong id="receipt">{receipt}</strong></div>
                </div>
                <p class="govuk-body">{format!("The council received your response at {} (UTC). Keep the receipt number: the council can find your response with it.", received.replace('T', " ").trim_end_matches('Z'))}</p>
            }.into_any(),
            state => {
                let busy = state == Post::InFlight;
                view! {
                    {match state {
                        Post::Failed(message) => Some(view! {
                            <div class="govuk-error-summary" id="send-failed" tabindex="-1" role="alert" aria-labelledby="send-failed-title">
                                <h3 class="govuk-error-summary__title" id="send-failed-title">"Your response has not been sent"</h3>
                                <div class="govuk-error-summary__body">
                                    <p class="govuk-body">{message}</p>
                                    <p class="govuk-body">"Nothing you chose has been lost. Try again, or download your response below and send it to the council as it asks."</p>
                                </div>
                            </div>
                        }),
                        _ => None,
                    }}
                    <p class="govuk-body">{format!("Your response goes to the council's response service at {host}. You will get a receipt number.")}</p>
                    <button type="button" class="govuk-button" id="send-response" on:click=on_send disabled=busy aria-disabled=busy.then_some("true")>
                        {if busy { "Sending\u{2026}" } else { "Send your response" }}
                    </button>
                }.into_any()
            }
        }}
    }
}

/// `text` with each "FTE" as an abbreviation that says what it stands for.
fn with_abbreviations(text: String) -> impl IntoView {
    let mut parts = text.split("FTE").map(str::to_string).collect::<Vec<_>>().into_iter();
    let first = parts.next().unwrap_or_default();
    view! {
        {first}
        {parts.map(|rest| view! { <abbr title="full-time equivalent posts">"FTE"</abbr>{rest} }).collect_view()}
    }
}
