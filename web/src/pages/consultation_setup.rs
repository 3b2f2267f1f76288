//! Setting up the consultation, in the planner only (the participants' app never carries
//! it): the title and council's name, the dates, the gap and the balance rule, every choice
//! (added, removed, moved up and down), the "about you" questions, and publishing: the
//! consultation file to download, the link to send participants and the steps. Beside the
//! editor (behind a button on a phone) is the participants' own view, so every change
//! shows there as they will see it. Fields, row operations and the consultation file come from
//! `csplan_validation::consultation_form` and `csplan_model::Scenario::consultation_file`.

use csplan_model::FloorRule;
use csplan_validation::consultation_form::{kind_id, kind_label, ConsultationForm, LeverForm, QuestionForm, KINDS};
use csplan_validation::fields::{capitalised, Path};
use leptos::prelude::*;

use crate::components::choice::{options_of, radios, select, Options, RadioIds};
use crate::components::error_summary::focus_field_later;
use crate::components::field::{field, fields};
use crate::components::list::{card, remove_button, EditList, Gate};
use crate::state::{use_planner, Planner};

fn consultation() -> Path {
    Path::root("consultation")
}

/// A label read from the consultation (a choice's name, or "Choice 3" while it has none).
fn heading(planner: Planner, read: impl Fn(&ConsultationForm) -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(move || capitalised(&planner.form.with(|f| f.consultation.as_ref().map(&read).unwrap_or_default())))
}

/// The editor, under the participants' view of the page.
#[component]
pub fn Setup() -> impl IntoView {
    let planner = use_planner();
    view! {
        <h2 class="govuk-heading-l app-no-print" id="setup-heading">"Set up the consultation"</h2>
        <p class="govuk-body app-no-print">"What you enter here is what participants see. On a wide screen their view is beside the editor; on a narrower one, the button at the top of the page switches between them. It changes as you type."</p>
        <Gate has=Signal::derive(move || planner.form.with(|f| f.consultation.is_some()))
            empty="This scenario has no consultation yet."
            add_id="add-consultation" add_label="Set up a consultation"
            add=Callback::new(move |()| {
                planner.edit(|f| f.consultation = Some(ConsultationForm::new_section()));
                consultation().field("title")
            })>
            <About/>
            <Choices/>
            <Questions/>
            <Publish/>
        </Gate>
    }
}

#[component]
fn About() -> impl IntoView {
    let planner = use_planner();
    let at = consultation();
    let rules: Options = vec![
        ("must_balance".to_string(), "The budget must balance".to_string()),
        ("tolerance".to_string(), "The budget must balance to within a shortfall you accept".to_string()),
        ("any".to_string(), "Any budget can be sent (a shortfall shows the council tax it would need)".to_string()),
    ];
    // The gap can be typed, or taken from the Budget page's medium-term plan.
    let gaps = Memo::new(move |_| {
        planner.scenario.with(|s| s.budget.as_ref().map(csplan_calc::budget::consultation_gaps).unwrap_or_default())
    });
    let gap_path = at.field("gap");
    let from_plan = move || {
        let gap_path = gap_path.clone();
        gaps.get()
            .into_iter()
            .enumerate()
            .map(move |(k, (year, gap))| {
                let path = gap_path.clone();
                let text = csplan_model::fmt::plain(gap.value());
                view! {
                    <button type="button" class="govuk-button govuk-button--secondary" id=format!("gap-from-plan-{k}")
                        on:click=move |_| {
                            planner.typed();
                            planner.form.update(|f| f.edit(&path, &text));
                        }>
                        {format!("Use {year}'s gap from the plan: {}", gap.display_pounds())}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <h3 class="govuk-heading-m">"About the consultation"</h3>
        {fields(planner, &at, &[ConsultationForm::title, ConsultationForm::council, ConsultationForm::id, ConsultationForm::intro, ConsultationForm::opens, ConsultationForm::closes, ConsultationForm::gap], "")}
        <div class="govuk-button-group app-no-print" id="gap-from-plan">{from_plan}</div>
        {radios(planner, at.field("balance"), &ConsultationForm::balance.info, rules, false, RadioIds::ByValue)}
        {fields(planner, &at, &[ConsultationForm::tolerance, ConsultationForm::council_tax_yield, ConsultationForm::collector_url, ConsultationForm::send_to], "")}
    }
}

#[component]
fn Choices() -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        let i = planner.edit_in(|f| f.consultation.as_mut(), |c| c.add_lever(csplan_model::LeverKind::Proposal));
        Some(consultation().at("levers", i).field("name"))
    });
    // A savings proposal can be taken from a workstream on the Budget page: its name,
    // saving, area, risks and equality impact (`ConsultationForm::add_proposal_from`).
    let workstreams = Memo::new(move |_| {
        planner.form.with(|f| {
            f.budget.as_ref().map_or_else(Vec::new, |b| {
                b.workstreams.iter().enumerate().map(|(k, w)| (b.workstream_label(k), w.clone())).collect()
            })
        })
    });
    let from_budget = move || {
        let buttons = workstreams
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, (name, w))| {
                view! {
                    <button type="button" class="govuk-button govuk-button--secondary" id=format!("proposal-from-{k}")
                        on:click=move |_| {
                            let i = planner.edit_in(|f| f.consultation.as_mut(), |c| c.add_proposal_from(&w));
                            focus_field_later(consultation().at("levers", i).field("name").id());
                        }>
                        {format!("Add \u{201c}{name}\u{201d} as a proposal")}
                    </button>
                }
            })
            .collect_view();
        (!workstreams.with(Vec::is_empty)).then(|| {
            view! {
                <details class="govuk-details app-no-print" id="proposals-from-budget">
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Take a proposal from the Budget page's savings workstreams"</span></summary>
                    <div class="govuk-details__text">
                        <p class="govuk-body">"Each becomes a savings proposal with the workstream's name, full-year saving and budget area, and its risks and equality impact as what it would mean. Change any of them after."</p>
                        <div class="govuk-button-group">{buttons}</div>
                    </div>
                </details>
            }
        })
    };
    view! {
        <h3 class="govuk-heading-m">"Choices"</h3>
        <p class="govuk-body">"Savings proposals, principles to agree or disagree with, numbers to choose, and income: council tax, reserves and charges. Participants see them in this order."</p>
        {from_budget}
        <EditList count=Signal::derive(move || planner.form.with(|f| f.consultation.as_ref().map_or(0, |c| c.levers.len())))
            item=Callback::new(move |i| view! { <ChoiceCard i/> }.into_any()) add_id="add-lever" add_label="Add a choice" add/>
    }
}

#[component]
fn ChoiceCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let at = consultation().at("levers", i);
    let name = heading(planner, move |c| c.lever_label(i));
    let kinds = Signal::derive(|| options_of(&KINDS, kind_id, kind_label));
    let kind_path = at.field("kind");
    let stepped = Memo::new(move |_| {
        planner.form.with(|f| f.value(&kind_path)).is_some_and(|k| !matches!(k.as_str(), "proposal" | "principle"))
    });
    // The budget areas a choice can reduce, and what the models can calculate for it.
    let areas = Signal::derive(move || -> Options {
        let mut out = vec![(String::new(), "None".to_string())];
        planner.form.with(|f| {
            if let Some(b) = f.budget.as_ref() {
                out.extend(b.areas.iter().enumerate().map(|(k, a)| (a.id.clone(), b.area_label(k))));
            }
        });
        out
    });
    let effects = Signal::derive(move || -> Options {
        let mut out = vec![(String::new(), "Nothing: the money given above".to_string())];
        planner.form.with(|f| {
            out.extend(f.teams.iter().enumerate().map(|(k, t)| {
                let team = if t.name.trim().is_empty() { format!("team group {}", k + 1) } else { t.name.clone() };
                (format!("caseload:{k}"), format!("Social workers added to {team}: the caseload"))
            }));
            if let Some(p) = f.placements.as_ref() {
                out.extend(p.lines.iter().enumerate().map(|(k, l)| {
                    let line =
                        if l.name.trim().is_empty() { format!("placement line {}", k + 1) } else { l.name.clone() };
                    (format!("placements:{k}"), format!("Placements of {line} avoided: the cost change"))
                }));
            }
        });
        out
    });
    let floors = options_of(
        &[FloorRule::Block, FloorRule::Flag],
        |r| match r {
            FloorRule::Block => "block",
            FloorRule::Flag => "flag",
        },
        |r| match r {
            FloorRule::Block => "It cannot be chosen",
            FloorRule::Flag => "It can be chosen, and is flagged",
        },
    );
    let range = {
        let at = at.clone();
        move || {
            stepped.get().then(|| {
                fields(
                    planner,
                    &at,
                    &[LeverForm::min, LeverForm::max, LeverForm::step, LeverForm::start, LeverForm::unit],
                    "",
                )
            })
        }
    };
    let body = view! {
        {fields(planner, &at, &[LeverForm::name, LeverForm::id], "")}
        {select(planner, at.field("kind"), &LeverForm::kind.info, "", kinds)}
        {fields(planner, &at, &[LeverForm::consequence, LeverForm::per_unit], "")}
        {range}
        {select(planner, at.field("effect"), &LeverForm::effect.info, "", effects)}
        {select(planner, at.field("area"), &LeverForm::area.info, "", areas)}
        {radios(planner, at.field("below_minimum"), &LeverForm::below_minimum.info, floors, false, RadioIds::ByValue)}
        {fields(planner, &at, &[LeverForm::proposed], "")}
    }
    .into_any();
    let up_id = format!("{}-up", at.id());
    let down_id = format!("{}-down", at.id());
    let moved = move |up: bool| {
        let to = planner.edit_in(|f| f.consultation.as_mut(), |c| c.move_lever(i, up));
        if to != i {
            let at = consultation().at("levers", to);
            focus_field_later(format!("{}-{}", at.id(), if up { "up" } else { "down" }));
        }
    };
    // Warnings about this choice (a step so small the largest value takes many presses).
    let prefix = format!("consultation.levers[{i}].");
    let warnings = Memo::new(move |_| {
        planner
            .warnings
            .with(|w| w.iter().filter(|p| p.path.starts_with(&prefix)).map(|p| p.message.clone()).collect::<Vec<_>>())
    });
    let after = view! {
        {move || warnings.with(|w| (!w.is_empty()).then(|| view! {
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <div class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning: "</span>
                    {w.iter().map(|m| view! { <p class="govuk-body govuk-!-margin-bottom-0">{m.clone()}</p> }).collect_view()}
                </div>
            </div>
        }))}
        <div class="govuk-button-group app-no-print">
            <button type="button" class="govuk-button govuk-button--secondary" id=up_id on:click=move |_| moved(true)>
                "Move up"<span class="govuk-visually-hidden">{move || format!(" {}", name.get())}</span>
            </button>
            <button type="button" class="govuk-button govuk-button--secondary" id=down_id on:click=move |_| moved(false)>
                "Move down"<span class="govuk-visually-hidden">{move || format!(" {}", name.get())}</span>
            </button>
        </div>
        {remove_button("Remove choice", Signal::derive(move || format!(" {}: {}", i + 1, name.get())), true, move || {
            planner.edit_in(|f| f.consultation.as_mut(), |c| c.remove_lever(i));
            true
        }, "add-lever")}
    }
    .into_any();
    card(name, body, ().into_any(), after)
}

#[component]
fn Questions() -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        let i = planner.edit_in(|f| f.consultation.as_mut(), ConsultationForm::add_question);
        Some(consultation().at("questions", i).field("text"))
    });
    view! {
        <h3 class="govuk-heading-m">"About you (optional)"</h3>
        <p class="govuk-body">"Questions participants may answer; \u{201c}Prefer not to say\u{201d} is always offered."</p>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.consultation.as_ref().map_or(0, |c| c.questions.len())))
            item=Callback::new(move |i| view! { <QuestionCard i/> }.into_any()) add_id="add-question" add_label="Add a question" add/>
    }
}

#[component]
fn QuestionCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let at = consultation().at("questions", i);
    let name = heading(planner, move |c| c.question_label(i));
    let count = Memo::new(move |_| {
        planner.form.with(|f| f.consultation.as_ref().and_then(|c| c.questions.get(i)).map_or(0, |q| q.options.len()))
    });
    let answer = {
        let at = at.clone();
        move |j: usize| field(planner, at.at("options", j), &QuestionForm::options, &(j + 1).to_string())
    };
    let add_id = format!("{}-add-answer", at.id());
    let on_add = {
        let at = at.clone();
        move |_| {
            let j = planner.edit_in(|f| f.consultation.as_mut(), |c| c.add_answer(i));
            focus_field_later(at.at("options", j).id());
        }
    };
    let body = view! {
        {fields(planner, &at, &[QuestionForm::text, QuestionForm::id], "")}
        <For each=move || 0..count.get() key=|j| *j children=answer/>
        <button type="button" class="govuk-button govuk-button--secondary app-no-print" id=add_id on:click=on_add>
            "Add an answer"<span class="govuk-visually-hidden">{move || format!(" to {}", name.get())}</span>
        </button>
    }
    .into_any();
    let after = remove_button(
        "Remove question",
        Signal::derive(move || format!(" {}: {}", i + 1, name.get())),
        true,
        move || {
            planner.edit_in(|f| f.consultation.as_mut(), |c| c.remove_question(i));
            true
        },
        "add-question",
    );
    card(name, body, ().into_any(), after)
}

/// The consultation file to publish, the link to send participants, and the steps.
#[component]
fn Publish() -> impl IntoView {
    let planner = use_planner();
    let file = Memo::new(move |_| {
        planner.scenario.with(|s| {
            s.consultation_file().and_then(|f| {
                let name = format!("{}.json", f.consultation.as_ref().map_or("consultation", |c| c.id.as_str()));
                serde_json::to_string_pretty(&f).ok().map(|json| (name, json))
            })
        })
    });
    let name = move || file.with(|f| f.as_ref().map(|(n, _)| n.clone()).unwrap_or_default());
    let link = move || {
        let location = window().location();
        let origin = location.origin().unwrap_or_default();
        let path = location.pathname().unwrap_or_default();
        let base = path.rsplit_once('/').map_or(String::new(), |(b, _)| b.to_string());
        format!("{origin}{base}/take-part/?scenario={}", name())
    };
    // A field still wrong would leave the file with the figures from before it: say so,
    // link each problem, and download nothing until they are put right.
    let tried = RwSignal::new(false);
    let problems = Memo::new(move |_| {
        planner.errors.with(|e| e.iter().filter(|p| p.path.starts_with("consultation")).cloned().collect::<Vec<_>>())
    });
    let on_download = move |_| {
        tried.set(true);
        if !problems.with_untracked(Vec::is_empty) {
            focus_field_later("publish-problems".to_string());
            return;
        }
        if let Some((name, json)) = file.get_untracked() {
            crate::pages::consultation::download(&name, "application/json", &json);
        }
    };
    let blocked = move || {
        (tried.get() && !problems.with(Vec::is_empty)).then(|| {
            let links = problems
                .get()
                .into_iter()
                .map(|p| {
                    let href = format!("#{}", csplan_validation::field_id(&p.path));
                    view! { <li><a href=href>{p.message}</a></li> }
                })
                .collect_view();
            view! {
                <div class="govuk-error-summary" id="publish-problems" tabindex="-1">
                    <h4 class="govuk-error-summary__title">"The file was not downloaded"</h4>
                    <div class="govuk-error-summary__body">
                        <p class="govuk-body">"Put these right first: the file would otherwise hold the consultation as it was before them."</p>
                        <ul class="govuk-list govuk-error-summary__list">{links}</ul>
                    </div>
                </div>
            }
        })
    };
    let origin = move || window().location().origin().unwrap_or_default();
    view! {
        <h3 class="govuk-heading-m" id="publish-heading">"Publish it"</h3>
        <p class="govuk-body">"The consultation file holds the consultation alone, with only the figures its choices are calculated from: not the rest of this scenario."</p>
        {blocked}
        <button type="button" class="govuk-button" id="download-consultation" on:click=on_download>"Download the consultation file"</button>
        <ol class="govuk-list govuk-list--number" id="publish-steps">
            <li>{move || format!("Put the file in the take-part folder beside the planner on your web server, as take-part/{}.", name())}</li>
            <li>"To collect responses, run the collector on your server with the same file, and give its public address above as the collector's address: "
                <code class="app-break-words">{move || format!("csplan collect --scenario {} --db responses.db --origin {}", name(), origin())}</code>
                ". Without one, participants download their response and send it as you say above."</li>
            <li>"Send participants this link:"</li>
        </ol>
        <p class="govuk-body app-break-words"><a class="govuk-link" id="participants-link" href=link>{link}</a></p>
    }
}
