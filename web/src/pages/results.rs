//! Consultation results, in the planner: open the response files participants downloaded
//! and a collector's export, CSV or JSON (a file picker, or dropped on the page), and read
//! the summary, the average package beside the council's proposal, and every choice by an
//! "about you" answer. Nothing leaves the browser. Files are read by `csplan_present::responses::read`
//! (checked against this scenario's consultation, each response counted once) and
//! summarised by `csplan_calc::responses::summarise`: the same code as
//! `csplan responses summarise`, so the page and the command line agree.

use csplan_calc::responses::{breakdown, comments, package, summarise, Summary};
use csplan_model::Response;
use csplan_present::responses::{read, Reading};
use csplan_present::{tables, Table};
use leptos::prelude::*;

use crate::components::bar_chart::{BarChart, Groups, Series};
use crate::components::files::FilePicker;
use crate::components::layout::PageHeading;
use crate::components::live_table::LiveTable;
use crate::state::use_planner;

/// The comments filter's value for the overall comments (no choice's: those are
/// `choice:ID`).
const OVERALL: &str = "overall";

const TAKE_UP: &[Series] = &[Series { name: "Take-up (%)", fill: "#1d70b8" }];
const AGREEMENT: &[Series] = &[
    Series { name: "Agree", fill: "#1d70b8" },
    Series { name: "No view", fill: "#ffffff" },
    Series { name: "Disagree", fill: "#d4351c" },
];

/// The page.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let planner = use_planner();
    let files: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    let reading: Memo<Reading> = Memo::new(move |_| {
        files.with(|f| planner.scenario.with(|s| read(f, s.consultation.as_ref().map(|c| (&**s, c)))))
    });
    let counted: Memo<Vec<Response>> =
        Memo::new(move |_| reading.with(|r| r.counted.iter().map(|(_, r)| r.clone()).collect()));
    let summary: Memo<Summary> =
        Memo::new(move |_| counted.with(|r| planner.scenario.with(|s| summarise(r, s.consultation.as_ref()))));
    let any = Memo::new(move |_| !files.with(Vec::is_empty));
    let table = move |make: fn(&Summary) -> Table| Memo::new(move |_| any.get().then(|| summary.with(make)));
    let responses = table(tables::responses);
    let about = Memo::new(move |_| {
        (any.get() && summary.with(|s| !s.about_you.is_empty())).then(|| summary.with(tables::about_you_all))
    });
    // The average package beside the council's proposal (needs the consultation's money).
    let package_table = Memo::new(move |_| {
        if !any.get() {
            return None;
        }
        planner.scenario.with(|s| {
            let c = s.consultation.as_ref()?;
            summary.with(|sum| package(s, c, sum).ok()).map(|p| tables::package(&p))
        })
    });
    // Every choice by the answers to one question ("" none).
    let by = RwSignal::new(String::new());
    let questions = Memo::new(move |_| {
        summary.with(|s| s.about_you.iter().map(|q| (q.id.clone(), q.text.clone())).collect::<Vec<_>>())
    });
    let breakdown_table = Memo::new(move |_| {
        let question = by.get();
        if question.is_empty() || !any.get() {
            return None;
        }
        counted
            .with(|r| planner.scenario.with(|s| breakdown(r, s.consultation.as_ref(), &question)))
            .map(|b| tables::breakdown(&b))
    });
    // Comments, all or on one choice ("" all, OVERALL the overall comment, else `choice:`
    // and the choice's id: ids, not names, which two choices may share).
    let on_choice = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        summary.with(|s| s.levers.iter().map(|l| (l.id.clone(), l.name.clone())).collect::<Vec<_>>())
    });
    let comment_table = Memo::new(move |_| {
        any.get().then(|| {
            let wanted = on_choice.get();
            let all = reading.with(|r| planner.scenario.with(|s| comments(&r.counted, s.consultation.as_ref())));
            let shown: Vec<_> = all
                .into_iter()
                .filter(|c| {
                    wanted.is_empty()
                        || (wanted == OVERALL && c.lever.is_empty())
                        || wanted.strip_prefix("choice:") == Some(c.lever.as_str())
                })
                .collect();
            tables::comments(&shown)
        })
    });
    let take_up: Memo<Groups> = Memo::new(move |_| summary.with(csplan_present::chart::take_up_bars));
    let agreement: Memo<Groups> = Memo::new(move |_| summary.with(csplan_present::chart::agreement_bars));
    let notes = move || {
        reading
            .with(|r| r.notes.iter().map(|n| view! { <li>{format!("{}: {}", n.name, n.message)}</li> }).collect_view())
    };
    let read_line = move || {
        let (n, counted) = (files.with(Vec::len), reading.with(|r| r.counted.len()));
        format!(
            "{n} file{} read: {counted} response{} counted.",
            if n == 1 { "" } else { "s" },
            if counted == 1 { "" } else { "s" }
        )
    };
    view! {
        <PageHeading title="Consultation results"
            lead="Open the response files participants sent you, a collector's export, or both, and read what they chose. The files are read in this browser: nothing is uploaded." no_presets=true/>
        <FilePicker id="results-files" drop_id="results-drop" label="Response files"
            hint="Choose any number of files: the .json responses participants downloaded, and a collector's export (csplan responses export, as .csv or .json). You can also drop them here. Each response counts once, however many files it is in."
            accept=".json,.csv,application/json,text/csv" files/>
        <div aria-live="polite" id="results-status">
            {move || any.get().then(|| view! {
                <p class="govuk-body" id="results-read">{read_line}</p>
                {move || reading.with(|r| !r.notes.is_empty()).then(|| view! {
                    <h2 class="govuk-heading-s">"Not counted, or counted once"</h2>
                    <ul class="govuk-list govuk-list--bullet app-break-words" id="results-notes">{notes}</ul>
                })}
            })}
        </div>
        {move || any.get().then(|| view! {
            <button type="button" class="govuk-button govuk-button--secondary app-no-print" id="results-clear"
                on:click=move |_| files.set(Vec::new())>"Clear the files"</button>
            <h2 class="govuk-heading-l">"What participants chose"</h2>
            <LiveTable table=responses/>
            <BarChart id="take-up-chart" title="Take-up of each choice (%)"
                description="The share of responses that took each choice up (for a number, chose more than nothing). The table above gives the figures."
                series=TAKE_UP groups=take_up horizontal=true percent=true/>
            <BarChart id="agreement-chart" title="Level of agreement with each principle (%)"
                description="Each principle's bar is its responses: the share that agreed, had no view and disagreed, end to end. The table above gives agree / disagree."
                series=AGREEMENT groups=agreement horizontal=true stacked=true percent=true/>
            <h2 class="govuk-heading-l" id="package-heading">"The average package"</h2>
            <LiveTable table=package_table/>
            <h2 class="govuk-heading-l">"About you"</h2>
            <LiveTable table=about small=true/>
            {move || (!questions.with(Vec::is_empty)).then(|| view! {
                <div class="govuk-form-group app-no-print">
                    <label class="govuk-label" for="results-by">"Break every choice down by the answer to"</label>
                    <select class="govuk-select" id="results-by" on:change=move |e| by.set(event_target_value(&e))>
                        <option value="">"No question (no breakdown)"</option>
                        {questions.get().into_iter().map(|(id, text)| view! { <option value=id>{text}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <LiveTable table=breakdown_table/>
            <h2 class="govuk-heading-l" id="comments-heading">"Comments"</h2>
            <div class="govuk-form-group app-no-print">
                <label class="govuk-label" for="comments-on">"Show comments on"</label>
                <select class="govuk-select" id="comments-on" on:change=move |e| on_choice.set(event_target_value(&e))>
                    <option value="">"Every choice, and overall"</option>
                    <option value=OVERALL>"Overall comments"</option>
                    {move || choices.get().into_iter().map(|(id, name)| view! { <option value=format!("choice:{id}")>{name}</option> }).collect_view()}
                </select>
            </div>
            <LiveTable table=comment_table small=true/>
        })}
    }
}
