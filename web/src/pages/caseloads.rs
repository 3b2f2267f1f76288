//! The caseload planner page: scenario figures in, posts and costs out, recomputed on
//! every keystroke. Figures come from `csplan-calc`; this file only lays them out.

use csplan_calc::{CaseloadResult, OptionResult};
use csplan_model::fmt::short;
use csplan_model::Rounding;
use csplan_validation::field_id;
use leptos::prelude::*;

use crate::components::csv::{table_csv, CsvLink};
use crate::components::error_summary::{focus_field_later, ErrorSummary};
use crate::components::field::{bound_field, number, words as spec, FieldSpec};
use crate::components::layout::{use_document_title, PageHeading};
use crate::components::preset::PresetLoader;
use crate::state::{use_planner, Planner};

/// The page.
#[component]
pub fn CaseloadsPage() -> impl IntoView {
    let planner = use_planner();
    use_document_title("Caseloads", move || planner.errors.with(|e| !e.is_empty()));
    let errors = planner.errors;
    view! {
        <PageHeading
            title="Caseloads"
            lead="How many social workers it takes to bring average caseloads down to a target, and what they cost a year."
        />
        <ErrorSummary errors/>
        <Warnings/>
        <Status/>
        <ScenarioSection/>
        <CostSection/>
        <TeamsSection/>
        <OptionsSection/>
    }
}

/// Figures that look wrong but do not stop the calculation.
#[component]
fn Warnings() -> impl IntoView {
    let planner = use_planner();
    move || {
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
    }
}

/// A polite live region: what changed that is not next to the focus.
#[component]
fn Status() -> impl IntoView {
    let planner = use_planner();
    let message = move || {
        let n = planner.errors.with(Vec::len);
        match n {
            0 => format!("Showing figures for {}", planner.loaded.get()),
            1 => "There is a problem with 1 field. Figures keep their last valid values.".to_string(),
            n => format!("There is a problem with {n} fields. Figures keep their last valid values."),
        }
    };
    view! { <div class="govuk-visually-hidden" role="status" aria-live="polite">{message}</div> }
}

#[component]
fn ScenarioSection() -> impl IntoView {
    let planner = use_planner();
    view! {
        <h2 class="govuk-heading-l">"Scenario"</h2>
        <PresetLoader/>
        {bound_field(planner, "authority".into(), FieldSpec { width: Some("govuk-!-width-two-thirds"), ..spec("Local authority") },
            |f| Some(f.authority.clone()), |f, v| f.authority = v)}
        {bound_field(planner, "as_at".into(),
            FieldSpec { hint: Some("For example, 2017-09-30 (caseloads are counted at 30 September)".into()), width: Some("govuk-input--width-10"), ..spec("Figures as at (YYYY-MM-DD)") },
            |f| Some(f.as_at.clone()), |f, v| f.as_at = v)}
        {move || {
            let source = planner.form.with(|f| f.source.clone());
            (!source.is_empty()).then(|| view! {
                <div class="govuk-inset-text"><strong>"Source: "</strong>{source}</div>
            })
        }}
    }
}

#[component]
fn CostSection() -> impl IntoView {
    let planner = use_planner();
    let radio = move |i: usize, rule: Rounding| {
        let id = if i == 0 { "rounding".to_string() } else { format!("rounding-{}", i + 1) };
        view! {
            <div class="govuk-radios__item">
                <input
                    class="govuk-radios__input"
                    id=id.clone()
                    name="rounding"
                    type="radio"
                    value=rule.key()
                    prop:checked=move || planner.form.with(|f| f.rounding == rule)
                    on:change=move |_| planner.form.update(|f| f.rounding = rule)
                />
                <label class="govuk-label govuk-radios__label" for=id>{rule.label()}</label>
            </div>
        }
    };
    view! {
        <h2 class="govuk-heading-l">"Costs and rounding"</h2>
        {bound_field(planner, "cost_per_fte".into(),
            FieldSpec { hint: Some("Salary with on-costs (employer's National Insurance and pension), for one full-time post for a year".into()), prefix: Some("£"), ..number("Cost per FTE", "govuk-input--width-10") },
            |f| Some(f.cost_per_fte.clone()), |f, v| f.cost_per_fte = v)}
        <div class="govuk-form-group">
            <fieldset class="govuk-fieldset" aria-describedby="rounding-hint">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"How to turn extra FTE into posts"</legend>
                <div class="govuk-hint" id="rounding-hint">"Barnsley's 2017 paper rounds to the nearest whole post: 14.47 FTE is 14 posts."</div>
                <div class="govuk-radios govuk-radios--small">
                    {Rounding::ALL.into_iter().enumerate().map(|(i, r)| radio(i, r)).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn TeamsSection() -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.teams.len());
    let add = move |_| {
        let mut added = 0;
        planner.form.update(|f| added = f.add_team());
        focus_field_later(field_id(&format!("teams[{added}].name")));
    };
    view! {
        <h2 class="govuk-heading-l">"Team groups"</h2>
        <p class="govuk-body">
            "For each group of case-holding teams, give the case-holding FTE (including agency workers holding cases), either the number of cases or the average caseload now, and the caseload you want to reach."
        </p>
        <For each=move || 0..count() key=|i| *i children=move |i| view! { <TeamCard i/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="teams" on:click=add>
            "Add another team group"
        </button>
        <Totals/>
    }
}

#[component]
fn TeamCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let legend = move || {
        planner.form.with(|f| match f.teams.get(i).map(|t| t.name.trim().to_string()) {
            Some(name) if !name.is_empty() => name,
            _ => format!("Team group {}", i + 1),
        })
    };
    let p = move |field: &str| format!("teams[{i}].{field}");
    // Fresh figures when this group has no error; otherwise the last figures it had.
    let result = Memo::new(move |previous: Option<&Option<CaseloadResult>>| {
        let fresh =
            planner
                .checked
                .with(|c| if c.team_ok(i) { csplan_calc::team(&c.draft, i).and_then(Result::ok) } else { None });
        fresh.or_else(|| previous.cloned().flatten())
    });
    view! {
        <div class="app-card">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h3 class="govuk-fieldset__heading">{legend}</h3>
                </legend>
                {bound_field(planner, p("name"), FieldSpec { width: Some("govuk-!-width-full"), ..spec("Name of the team group") },
                    move |f| f.teams.get(i).map(|t| t.name.clone()),
                    move |f, v| if let Some(t) = f.teams.get_mut(i) { t.name = v })}
                <div class="app-inline-fields">
                    {bound_field(planner, p("case_holding_fte"), FieldSpec { suffix: Some("FTE"), ..number("Case-holding FTE", "govuk-input--width-5") },
                        move |f| f.teams.get(i).map(|t| t.case_holding_fte.clone()),
                        move |f, v| if let Some(t) = f.teams.get_mut(i) { t.case_holding_fte = v })}
                    {bound_field(planner, p("cases"), FieldSpec { hint: Some("Or leave blank and give the average".into()), ..number("Cases held", "govuk-input--width-5") },
                        move |f| f.teams.get(i).map(|t| t.cases.clone()),
                        move |f, v| if let Some(t) = f.teams.get_mut(i) { t.cases = v })}
                    {bound_field(planner, p("current_caseload"), FieldSpec { hint: Some("Cases per FTE now".into()), ..number("Average caseload", "govuk-input--width-4") },
                        move |f| f.teams.get(i).map(|t| t.current_caseload.clone()),
                        move |f, v| if let Some(t) = f.teams.get_mut(i) { t.current_caseload = v })}
                    {bound_field(planner, p("target_caseload"), FieldSpec { hint: Some("Cases per FTE to reach".into()), ..number("Target caseload", "govuk-input--width-4") },
                        move |f| f.teams.get(i).map(|t| t.target_caseload.clone()),
                        move |f, v| if let Some(t) = f.teams.get_mut(i) { t.target_caseload = v })}
                </div>
                {bound_field(planner, p("cost_per_fte"),
                    FieldSpec { hint: Some("Leave blank to use the cost per FTE above".into()), prefix: Some("£"), ..number("Cost per FTE for this group (optional)", "govuk-input--width-10") },
                    move |f| f.teams.get(i).map(|t| t.cost_per_fte.clone()),
                    move |f, v| if let Some(t) = f.teams.get_mut(i) { t.cost_per_fte = v })}
                {move || {
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
                                            move || planner.form.with(|f| f.teams.get(i).is_some_and(|t| t.options.contains(&id)))
                                        };
                                        let label = name;
                                        view! {
                                            <div class="govuk-checkboxes__item">
                                                <input class="govuk-checkboxes__input" id=input_id.clone() type="checkbox" value=id
                                                    prop:checked=checked
                                                    on:change=move |e| {
                                                        let on = event_target_checked(&e);
                                                        planner.form.update(|f| f.set_membership(i, j, on));
                                                    }/>
                                                <label class="govuk-label govuk-checkboxes__label" for=input_id>{label}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        </div>
                    })
                }}
            </fieldset>
            <TeamResultView result=result.into() stale=Signal::derive(move || !planner.checked.with(|c| c.team_ok(i)))/>
            <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| {
                planner.form.update(|f| f.remove_team(i));
                focus_field_later("teams".into());
            }>
                "Remove this team group" <span class="govuk-visually-hidden">{move || format!(" ({})", legend())}</span>
            </button>
        </div>
    }
}

#[component]
fn TeamResultView(result: Signal<Option<CaseloadResult>>, stale: Signal<bool>) -> impl IntoView {
    move || {
        let Some(r) = result.get() else {
            return view! { <p class="govuk-body app-result">"Figures appear when this group's fields are filled in."</p> }.into_any();
        };
        let headline = if r.additional_fte.is_zero() {
            format!("Target of {} met: {} FTE to spare", short(r.target_caseload, 2), short(r.spare_fte.value(), 2))
        } else {
            format!("{} a year for {}", r.cost.display_pounds(), r.posts_phrase())
        };
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
    }
}

#[component]
fn Totals() -> impl IntoView {
    let planner = use_planner();
    move || {
        planner.report.get().map(|r| {
            view! {
                <div class="govuk-panel govuk-panel--confirmation govuk-!-text-align-left govuk-!-padding-4">
                    <h3 class="govuk-panel__title govuk-!-font-size-27">"All team groups at their own targets"</h3>
                    <div class="govuk-panel__body govuk-!-font-size-24">
                        {format!(
                            "{} extra FTE; {} a year",
                            short(r.totals.additional_fte.value(), 2),
                            r.totals.cost.display_pounds()
                        )}
                    </div>
                </div>
            }
        })
    }
}

#[component]
fn OptionsSection() -> impl IntoView {
    let planner = use_planner();
    let option_count = move || planner.form.with(|f| f.options.len());
    let target_count = move || planner.form.with(|f| f.compare_targets.len());
    let add_option = move |_| {
        let mut added = 0;
        planner.form.update(|f| added = f.add_option());
        focus_field_later(field_id(&format!("options[{added}].name")));
    };
    let add_target = move |_| {
        let mut added = 0;
        planner.form.update(|f| added = f.add_target());
        focus_field_later(field_id(&format!("compare_targets[{added}]")));
    };
    view! {
        <h2 class="govuk-heading-l">"Options compared"</h2>
        <p class="govuk-body">
            "An option pools the team groups ticked for it: its caseload is their cases over their FTE. Each option is worked out at every target below."
        </p>
        <h3 class="govuk-heading-m">"Targets to compare"</h3>
        <For each=move || 0..target_count() key=|i| *i children=move |i| view! {
            <div class="app-inline-fields">
                {bound_field(planner, format!("compare_targets[{i}]"), FieldSpec { suffix: Some("per FTE"), ..number(&format!("Target caseload {}", i + 1), "govuk-input--width-4") },
                    move |f| f.compare_targets.get(i).cloned(),
                    move |f, v| if let Some(t) = f.compare_targets.get_mut(i) { *t = v })}
                <button type="button" class="govuk-button govuk-button--secondary app-no-print app-align-end" on:click=move |_| {
                    planner.form.update(|f| f.remove_target(i));
                    focus_field_later("add-target".into());
                }>"Remove" <span class="govuk-visually-hidden">{format!(" target caseload {}", i + 1)}</span></button>
            </div>
        }/>
        <button type="button" class="govuk-button govuk-button--secondary app-no-print" id="add-target" on:click=add_target>"Add a target"</button>
        <h3 class="govuk-heading-m">"Options"</h3>
        <For each=move || 0..option_count() key=|i| *i children=move |i| view! {
            <div class="app-inline-fields">
                {bound_field(planner, format!("options[{i}].id"), FieldSpec { hint: Some("Short, like 1 or A".into()), ..number(&format!("Option {} id", i + 1), "govuk-input--width-3") },
                    move |f| f.options.get(i).map(|o| o.id.clone()),
                    move |f, v| f.set_option_id(i, v))}
                <div class="govuk-!-width-two-thirds">
                    {bound_field(planner, format!("options[{i}].name"), FieldSpec { width: Some("govuk-!-width-full"), ..spec(&format!("Option {} name", i + 1)) },
                        move |f| f.options.get(i).map(|o| o.name.clone()),
                        move |f, v| if let Some(o) = f.options.get_mut(i) { o.name = v })}
                </div>
                <button type="button" class="govuk-button govuk-button--secondary app-no-print app-align-end" on:click=move |_| {
                    planner.form.update(|f| f.remove_option(i));
                    focus_field_later("add-option".into());
                }>"Remove" <span class="govuk-visually-hidden">{format!(" option {}", i + 1)}</span></button>
            </div>
        }/>
        <button type="button" class="govuk-button govuk-button--secondary app-no-print" id="add-option" on:click=add_option>"Add an option"</button>
        <OptionsTable/>
    }
}

/// Text of one figure of option `o` at target `t`, kept up to date by its own closure, so a
/// keystroke updates the table's text nodes instead of rebuilding the table.
fn option_figure(
    planner: Planner,
    o: usize,
    t: usize,
    figure: fn(&CaseloadResult) -> String,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        planner
            .report
            .with(|r| r.as_ref().and_then(|r| r.options.get(o)).and_then(|o| o.at_targets.get(t)).map(figure))
            .unwrap_or_default()
    }
}

fn option_text(
    planner: Planner,
    o: usize,
    text: fn(&OptionResult) -> String,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || planner.report.with(|r| r.as_ref().and_then(|r| r.options.get(o)).map(text)).unwrap_or_default()
}

#[component]
fn OptionsTable() -> impl IntoView {
    let planner = use_planner();
    // The table's shape: how many options have results, and the targets. The figures
    // inside update on their own.
    let shape = Memo::new(move |_| {
        let options = planner.report.with(|r| r.as_ref().map_or(0, |r| r.options.len()));
        (options, planner.scenario.with(|s| s.compare_targets.clone()))
    });
    move || {
        let (options, targets) = shape.get();
        if options == 0 || targets.is_empty() {
            return view! {
                <p class="govuk-body">"Add an option, tick team groups for it, and give a target to compare options side by side."</p>
            }
            .into_any();
        }
        let header_cells = targets
            .iter()
            .map(|t| {
                let t = short(*t, 2);
                view! {
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">{format!("Extra FTE at {t}")}</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">{format!("Posts at {t}")}</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">{format!("Cost a year at {t}")}</th>
                }
            })
            .collect_view();
        let rows = (0..options)
            .map(|o| {
                let cells = (0..targets.len())
                    .map(|t| {
                        view! {
                            <td class="govuk-table__cell govuk-table__cell--numeric">{option_figure(planner, o, t, |r| short(r.additional_fte.value(), 2))}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{option_figure(planner, o, t, CaseloadResult::posts_text)}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{option_figure(planner, o, t, |r| r.cost.display_pounds())}</td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{option_text(planner, o, |o| o.name.clone())}</th>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{option_figure(planner, o, 0, |r| short(r.case_holding_fte.value(), 2))}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{option_figure(planner, o, 0, |r| short(r.current_caseload, 1))}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        let explanations = (0..options)
            .flat_map(|o| {
                (0..targets.len()).map(move |t| {
                    view! {
                        <li>
                            <strong>
                                {option_text(planner, o, |o| o.name.clone())}
                                {option_figure(planner, o, t, |r| format!(" at {}: ", short(r.target_caseload, 2)))}
                            </strong>
                            {option_figure(planner, o, t, |r| r.explanation.clone())}
                        </li>
                    }
                })
            })
            .collect_view();
        view! {
            <div class="app-table-scroll" tabindex="0" role="region" aria-labelledby="options-caption">
                <table class="govuk-table" id="options-table">
                    <caption class="govuk-table__caption govuk-table__caption--m" id="options-caption">"Options side by side"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Option"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"FTE now"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Caseload now"</th>
                            {header_cells}
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
            </div>
            <CsvLink id="options-table-csv" file="csplan-options.csv" label="Download \u{201c}Options side by side\u{201d} (CSV)"
                csv=Signal::derive(move || planner.report.with(|r| r.as_ref().map(|r| options_csv(&r.options)).unwrap_or_default()))/>
            <details class="govuk-details">
                <summary class="govuk-details__summary">
                    <span class="govuk-details__summary-text">"How is this calculated?"</span>
                </summary>
                <div class="govuk-details__text">
                    <ul class="govuk-list">{explanations}</ul>
                </div>
            </details>
        }
        .into_any()
    }
}

/// The options table as CSV: the figures as the table shows them.
fn options_csv(options: &[OptionResult]) -> String {
    let mut headers = vec!["Option".to_string(), "FTE now".to_string(), "Caseload now".to_string()];
    if let Some(first) = options.first() {
        for a in &first.at_targets {
            let t = short(a.target_caseload, 2);
            headers.extend([format!("Additional FTE at {t}"), format!("Posts at {t}"), format!("Cost a year at {t}")]);
        }
    }
    let rows: Vec<Vec<String>> = options
        .iter()
        .map(|o| {
            let mut row = vec![o.name.clone()];
            if let Some(a) = o.at_targets.first() {
                row.extend([short(a.case_holding_fte.value(), 2), short(a.current_caseload, 1)]);
            }
            for a in &o.at_targets {
                row.extend([short(a.additional_fte.value(), 2), a.posts_text(), a.cost.display_pounds()]);
            }
            row
        })
        .collect();
    table_csv(&headers, &rows)
}
