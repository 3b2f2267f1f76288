//! The caseload planner page: scenario figures in, posts and costs out, recomputed on
//! every keystroke. Fields come from `csplan_validation`'s tables, figures from
//! `csplan-calc`, tables from `csplan-present`; this file only lays them out.

use csplan_calc::CaseloadResult;
use csplan_model::fmt::short;
use csplan_model::Rounding;
use csplan_validation::fields::Path;
use csplan_validation::form::{OptionForm, ScenarioForm, TeamForm};
use leptos::prelude::*;

use crate::components::choice::{options_of, radios, RadioIds};
use crate::components::field::{bound, field, fields, FieldSpec};
use crate::components::layout::PageHeading;
use crate::components::list::{card, name_or, remove_card, remove_row, EditList};
use crate::components::live_table::LiveTable;
use crate::components::preset::PresetLoader;
use crate::components::reactive::{flag, redraw, text, Later};
use crate::state::use_planner;

/// The page.
#[component]
pub fn CaseloadsPage() -> impl IntoView {
    let _planner = use_planner();
    view! {
        <PageHeading
            title="Caseloads"
            lead="How many social workers it takes to bring average caseloads down to a target, and what they cost a year."
            no_presets=true
        />
        <Warnings/>
        <Status/>
        <Later step=1><ScenarioSection/></Later>
        <Later step=2><CostSection/></Later>
        <Later step=3><TeamsSection/></Later>
        <Later step=4><OptionsSection/></Later>
    }
}

/// Figures that look wrong but do not stop the calculation.
#[component]
fn Warnings() -> impl IntoView {
    let planner = use_planner();
    redraw(move || {
        let warnings = planner.warnings.get();
        (!warnings.is_empty()).then(|| {
            view! {
                <div class="govuk-warning-text">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <div class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning: "</span>
                        <ul class="govuk-list govuk-!-margin-bottom-0">
                            {warnings.into_iter().map(|w| view! { <li>{w.message}</li> }).collect_view()}
                        </ul>
                    </div>
                </div>
            }
        })
    })
}

/// A polite live region: what changed that is not next to the focus.
#[component]
fn Status() -> impl IntoView {
    let planner = use_planner();
    let message = text(move || {
        let n = planner.errors.with(Vec::len);
        match n {
            0 => format!("Showing figures for {}", planner.loaded.get()),
            1 => "There is a problem with 1 field. Figures keep their last valid values.".to_string(),
            n => format!("There is a problem with {n} fields. Figures keep their last valid values."),
        }
    });
    view! { <div class="govuk-visually-hidden" role="status" aria-live="polite">{message}</div> }
}

#[component]
fn ScenarioSection() -> impl IntoView {
    let planner = use_planner();
    let top = Path::default();
    view! {
        <h2 class="govuk-heading-l">"Scenario"</h2>
        <div class="govuk-inset-text app-no-print" id="dfe-fill-offer">
            <p class="govuk-body">"Start from your own authority's published figures: DfE's workforce statistics fill in its cases, case-holder FTE and social work staffing, for any English authority from 2017 to 2023."</p>
            <a class="govuk-link" id="dfe-fill-link" href="?page=workforce#dfe-authority">"Fill in the planner from your authority's DfE figures"</a>
        </div>
        <PresetLoader/>
        <AuthorityField/>
        {fields(planner, &top, &[ScenarioForm::as_at], "")}
        {redraw(move || {
            let source = planner.form.with(|f| f.source.clone());
            (!source.is_empty()).then(|| view! {
                <div class="govuk-inset-text"><strong>"Source: "</strong>{source}</div>
            })
        })}
    }
}

include!(concat!(env!("OUT_DIR"), "/authorities.rs"));

/// The authority's name, suggesting DfE's authorities as it is typed; once it names one,
/// the offer to fill in the planner from its published figures (on the Workforce page,
/// whose picker starts on it).
#[component]
fn AuthorityField() -> impl IntoView {
    let planner = use_planner();
    let path = Path::default().field("authority");
    let spec = FieldSpec { list: Some("dfe-authorities"), ..FieldSpec::of(&path, &ScenarioForm::authority.info, "") };
    let named = Memo::new(move |_| {
        planner.form.with(|f| csplan_data::named(&DFE_AUTHORITIES, &f.authority).map(str::to_string))
    });
    view! {
        {bound(planner, path, spec)}
        <datalist id="dfe-authorities" inner_html=DFE_AUTHORITY_OPTIONS></datalist>
        <div aria-live="polite" class="app-no-print">
            {move || named.get().map(|name| view! {
                <p class="govuk-body" id="dfe-authority-offer">
                    {format!("{name} is in DfE's workforce statistics. ")}
                    <a class="govuk-link" id="dfe-authority-fill" href="?page=workforce#dfe-authority"
                        on:click=move |_| crate::site::keep(planner)>
                        {format!("Fill in the planner from {name}'s published figures")}
                    </a>
                </p>
            })}
        </div>
    }
}

#[component]
fn CostSection() -> impl IntoView {
    let planner = use_planner();
    let rules = options_of(&Rounding::ALL, Rounding::key, Rounding::label);
    view! {
        <h2 class="govuk-heading-l">"Costs and rounding"</h2>
        {fields(planner, &Path::default(), &[ScenarioForm::cost_per_fte], "")}
        {radios(planner, Path::root("rounding"), &ScenarioForm::rounding.info, rules, false, RadioIds::Numbered)}
    }
}

#[component]
fn TeamsSection() -> impl IntoView {
    let planner = use_planner();
    let add =
        Callback::new(move |()| Some(Path::root("teams").index(planner.edit(ScenarioForm::add_team)).field("name")));
    view! {
        <h2 class="govuk-heading-l">"Team groups"</h2>
        <p class="govuk-body">
            "For each group of case-holding teams, give the case-holding FTE (including agency workers holding cases), either the number of cases or the average caseload now, and the caseload you want to reach."
        </p>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.teams.len()))
            item=Callback::new(|i| view! { <TeamCard i/> }.into_any())
            add_id="teams" add_label="Add another team group" add/>
        <Totals/>
    }
}

#[component]
fn TeamCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let at = Path::root("teams").index(i);
    let legend = name_or(planner, at.field("name"), format!("Team group {}", i + 1));
    // Fresh figures when this group has no error; otherwise the last figures it had.
    let result = Memo::new(move |previous: Option<&Option<CaseloadResult>>| {
        let fresh =
            planner
                .checked
                .with(|c| if c.team_ok(i) { csplan_calc::team(&c.draft, i).and_then(Result::ok) } else { None });
        fresh.or_else(|| previous.cloned().flatten())
    });
    let memberships = redraw(move || {
        let list = planner.option_labels.get();
        (!list.is_empty()).then(|| view! {
            <div class="govuk-form-group">
                <fieldset class="govuk-fieldset">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Include in options"</legend>
                    <div class="govuk-checkboxes govuk-checkboxes--small">
                        {list.into_iter().enumerate().map(|(j, (id, name))| {
                            let input_id = format!("teams-{i}-option-{j}");
                            let checked = {
                                let id = id.clone();
                                flag(move || planner.form.with(|f| f.teams.get(i).is_some_and(|t| t.options.contains(&id))))
                            };
                            view! {
                                <div class="govuk-checkboxes__item">
                                    <input class="govuk-checkboxes__input" id=input_id.clone() type="checkbox" value=id
                                        prop:checked=checked
                                        on:change=move |e| {
                                            let on = event_target_checked(&e);
                                            planner.form.update(|f| f.set_membership(i, j, on));
                                        }/>
                                    <label class="govuk-label govuk-checkboxes__label" for=input_id>{name}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
        })
    });
    let body = view! { {fields(planner, &at, TeamForm::TEXT_FIELDS, "")} {memberships} }.into_any();
    let after = view! { <TeamResultView result=result.into() stale=Signal::derive(move || !planner.checked.with(|c| c.team_ok(i)))/> }.into_any();
    let remove = remove_card("Remove this team group", legend, move || planner.edit(|f| f.remove_team(i)), "teams");
    card(legend, body, after, remove)
}

#[component]
fn TeamResultView(result: Signal<Option<CaseloadResult>>, stale: Signal<bool>) -> impl IntoView {
    redraw(move || {
        let Some(r) = result.get() else {
            return view! { <p class="govuk-body app-result">"Figures appear when this group's fields are filled in."</p> }.into_any();
        };
        let headline = r.headline();
        view! {
            <div class="app-result">
                {stale.get().then(|| view! { <p class="govuk-body-s"><strong>"Last valid figures: fix the problem in this group to update them."</strong></p> })}
                <p class="govuk-body govuk-!-margin-bottom-1">
                    "Average caseload now "<span class="app-figure">{short(r.current_caseload, 1)}</span>
                    " ("{short(r.cases, 1)}" cases over "{short(r.case_holding_fte.value(), 2)}" FTE)"
                </p>
                <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{headline}</p>
                <details class="govuk-details govuk-!-margin-bottom-2">
                    <summary class="govuk-details__summary">
                        <span class="govuk-details__summary-text">"How is this calculated?"</span>
                    </summary>
                    <div class="govuk-details__text">{r.explanation.clone()}</div>
                </details>
            </div>
        }
        .into_any()
    })
}

#[component]
fn Totals() -> impl IntoView {
    let planner = use_planner();
    redraw(move || {
        planner.report.get().map(|r| {
            view! {
                <div class="govuk-panel govuk-panel--confirmation govuk-!-text-align-left govuk-!-padding-4" id="totals">
                    <h3 class="govuk-panel__title govuk-!-font-size-27">"If each team group reaches its own target"</h3>
                    <div class="govuk-panel__body govuk-!-font-size-19" id="totals-working">{csplan_calc::caseload::totals_working(&r)}</div>
                </div>
                <p class="govuk-body-s" id="totals-note">
                    "This is the team groups added up, not one of the options below: an option pools its team groups before turning extra FTE into posts, so its posts and cost can differ."
                </p>
            }
        })
    })
}

#[component]
fn OptionsSection() -> impl IntoView {
    let planner = use_planner();
    let add_target =
        Callback::new(move |()| Some(Path::root("compare_targets").index(planner.edit(ScenarioForm::add_target))));
    let add_option = Callback::new(move |()| {
        Some(Path::root("options").index(planner.edit(ScenarioForm::add_option)).field("name"))
    });
    let target = move |i: usize| {
        let path = Path::root("compare_targets").index(i);
        let name = format!("target caseload {}", i + 1);
        view! {
            <div class="app-inline-fields">
                {field(planner, path, &ScenarioForm::compare_targets, &(i + 1).to_string())}
                {remove_row(name, move || planner.edit(|f| f.remove_target(i)), "add-target")}
            </div>
        }
        .into_any()
    };
    let option = move |i: usize| {
        let at = Path::root("options").index(i);
        let name = format!("option {}", i + 1);
        view! {
            <div class="app-inline-fields">
                {field(planner, at.field("id"), &OptionForm::id.info, &(i + 1).to_string())}
                <div class="govuk-!-width-two-thirds">{field(planner, at.field("name"), &OptionForm::name.info, &(i + 1).to_string())}</div>
                {remove_row(name, move || planner.edit(|f| f.remove_option(i)), "add-option")}
            </div>
        }
        .into_any()
    };
    view! {
        <h2 class="govuk-heading-l">"Options compared"</h2>
        <p class="govuk-body">
            "An option pools the team groups ticked for it: its caseload is their cases over their FTE. Each option is worked out at every target below."
        </p>
        <h3 class="govuk-heading-m">"Targets to compare"</h3>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.compare_targets.len()))
            item=Callback::new(target) add_id="add-target" add_label="Add a target" add=add_target/>
        <h3 class="govuk-heading-m">"Options"</h3>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.options.len()))
            item=Callback::new(option) add_id="add-option" add_label="Add an option" add=add_option/>
        <OptionsTable/>
    }
}

#[component]
fn OptionsTable() -> impl IntoView {
    let planner = use_planner();
    let table = Memo::new(move |_| {
        planner.report.with(|r| {
            r.as_ref()
                .filter(|r| !r.options.is_empty() && r.options.iter().any(|o| !o.at_targets.is_empty()))
                .map(|r| csplan_present::tables::options(&r.options))
        })
    });
    let explanations = move || {
        planner.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.options
                        .iter()
                        .flat_map(|o| {
                            o.at_targets.iter().map(move |a| {
                                (format!("{} at {}: ", o.name, short(a.target_caseload, 2)), a.explanation.clone())
                            })
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let has = Memo::new(move |_| table.with(Option::is_some));
    redraw(move || {
        if !has.get() {
            return view! {
                <p class="govuk-body">"Add an option, tick team groups for it, and give a target to compare options side by side."</p>
            }
            .into_any();
        }
        view! {
            <LiveTable table/>
            <details class="govuk-details">
                <summary class="govuk-details__summary">
                    <span class="govuk-details__summary-text">"How is this calculated?"</span>
                </summary>
                <div class="govuk-details__text">
                    <ul class="govuk-list">
                        {redraw(move || explanations().into_iter().map(|(head, text)| view! { <li><strong>{head}</strong>{text}</li> }).collect_view())}
                    </ul>
                </div>
            </details>
        }
        .into_any()
    })
}
