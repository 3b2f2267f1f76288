//! The workforce page: establishment, vacancies, agency cover, the pipeline and the gap it
//! leaves, DfE measures, costs, and a monthly projection drawn as an SVG chart with a
//! table alternative and a CSV download. Figures come from `csplan-calc`.

use csplan_calc::{Projection, RoleFigures, WorkforceReport};
use csplan_model::fmt::{grouped, short};
use csplan_model::{Fte, Money, Rate, StarterKind};
use csplan_validation::field_id;
use csplan_validation::workforce_form::{ProjectionForm, RetentionForm, RoleForm, WorkforceForm};
use leptos::prelude::*;

use crate::components::csv::CsvLink;
use crate::components::error_summary::{focus_field_later, ErrorSummary};
use crate::components::field::{bound_field, item_field, number, words, FieldSpec, Item};
use crate::components::layout::{use_document_title, PageHeading};
use crate::components::live_table::{Cells, LiveTable};
use crate::components::preset::PresetLoader;
use crate::pages::benchmark::DfeComparison;
use crate::state::{use_planner, Planner};

const ROLE: Item<RoleForm> =
    Item { find: |f, i| f.workforce.as_ref()?.roles.get(i), find_mut: |f, i| f.workforce.as_mut()?.roles.get_mut(i) };
const RETENTION: Item<RetentionForm> = Item {
    find: |f, _| f.workforce.as_ref()?.retention.as_ref(),
    find_mut: |f, _| f.workforce.as_mut()?.retention.as_mut(),
};
const PROJECTION: Item<ProjectionForm> = Item {
    find: |f, _| Some(&f.workforce.as_ref()?.projection),
    find_mut: |f, _| Some(&mut f.workforce.as_mut()?.projection),
};

/// A role's field: label, path field name, width, getter and setter.
fn role_field(
    planner: Planner,
    i: usize,
    field: &str,
    spec: FieldSpec,
    get: fn(&RoleForm) -> &String,
    set: fn(&mut RoleForm, String),
) -> impl IntoView {
    item_field(planner, format!("workforce.roles[{i}].{field}"), spec, (ROLE, i), get, set)
}

/// The page.
#[component]
pub fn WorkforcePage() -> impl IntoView {
    let planner = use_planner();
    use_document_title("Workforce", move || planner.errors.with(|e| !e.is_empty()));
    let has_workforce = Memo::new(move |_| planner.form.with(|f| f.workforce.is_some()));
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::workforce(s).ok().flatten()));
    let add_section = move |_| {
        planner.form.update(|f| f.workforce = Some(WorkforceForm::new_section()));
        focus_field_later(field_id("workforce.roles[0].establishment"));
    };
    view! {
        <PageHeading
            title="Workforce"
            lead="Funded posts, vacancies and agency cover, the recruitment pipeline and the gap it leaves, what the workforce costs, and how it may change month by month."
        />
        <ErrorSummary errors=planner.errors/>
        <PresetLoader/>
        <p class="govuk-body"><a class="govuk-link" href="#dfe">"Or start from an authority's figures as DfE publishes them"</a></p>
        {move || {
            if has_workforce.get() {
                view! {
                    <Roles/>
                    <Establishment report/>
                    <Retention/>
                    <ProjectionSection report/>
                }
                .into_any()
            } else {
                view! {
                    <p class="govuk-body">"This scenario has no workforce figures yet. Load West Sussex, March 2019, or start your own."</p>
                    <button type="button" class="govuk-button" id="add-workforce" on:click=add_section>"Add workforce figures"</button>
                }
                .into_any()
            }
        }}
        <DfeComparison report/>
    }
}

#[component]
fn Roles() -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.workforce.as_ref().map_or(0, |w| w.roles.len()));
    let add = move |_| {
        let mut added = 0;
        planner.form.update(|f| {
            if let Some(w) = f.workforce.as_mut() {
                added = w.add_role();
            }
        });
        focus_field_later(field_id(&format!("workforce.roles[{added}].name")));
    };
    view! {
        <h2 class="govuk-heading-l">"Roles"</h2>
        <PostsFromCaseloads/>
        <For each=move || 0..count() key=|i| *i children=move |i| view! { <RoleCard i/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="workforce-roles" on:click=add>"Add a role"</button>
    }
}

/// Offers the posts the Caseloads page finds needed as newly created posts of the first
/// case-holding role.
#[component]
fn PostsFromCaseloads() -> impl IntoView {
    let planner = use_planner();
    let status = RwSignal::new(String::new());
    let totals = Memo::new(move |_| planner.report.with(|r| r.as_ref().map(|r| r.totals.clone())));
    // The first case-holding role (or the first role): its index and name.
    let target = Memo::new(move |_| {
        planner.form.with(|f| {
            let roles = f.workforce.as_ref().map(|w| w.roles.as_slice()).unwrap_or_default();
            let i = roles.iter().position(|r| r.case_holding).or((!roles.is_empty()).then_some(0))?;
            let name = roles.get(i).map(|r| r.name.trim().to_string()).filter(|n| !n.is_empty());
            Some((i, name.unwrap_or_else(|| format!("role {}", i + 1))))
        })
    });
    view! {
        {move || match (totals.get(), target.get()) {
            (Some(t), Some((i, name))) if t.posts_needed().is_some() => {
                let posts = t.posts;
                let add = move |_| {
                    let mut outcome = Ok(());
                    planner.form.update(|f| {
                        if let Some(w) = f.workforce.as_mut() {
                            outcome = w.add_created_posts(i, posts);
                        }
                    });
                    status.set(match outcome {
                        Ok(()) => format!("Added {} newly created posts to {}: the establishment and vacancies each grew by {}.", short(posts, 2), name, short(posts, 2)),
                        Err(message) => message,
                    });
                };
                view! {
                    <div class="govuk-inset-text" id="caseload-posts">
                        <p class="govuk-body">{format!(
                            "The Caseloads page finds {} more posts are needed to reach its target caseloads{}.",
                            short(t.posts, 2),
                            if t.cost > csplan_model::Money::ZERO { format!(" ({} a year)", t.cost.display_pounds()) } else { String::new() }
                        )}</p>
                        <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" id="add-caseload-posts" on:click=add>
                            {format!("Add them to {} as newly created posts", target.get().map(|(_, n)| n).unwrap_or_default())}
                        </button>
                    </div>
                }.into_any()
            }
            _ => ().into_any(),
        }}
        <p class="govuk-body" id="caseload-posts-status" role="status" aria-live="polite">{move || status.get()}</p>
    }
}

#[component]
fn RoleCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let legend = move || {
        planner.form.with(|f| {
            match f.workforce.as_ref().and_then(|w| w.roles.get(i)).map(|r| r.name.trim().to_string()) {
                Some(n) if !n.is_empty() => n,
                _ => format!("Role {}", i + 1),
            }
        })
    };
    let fte = |label: &str| FieldSpec { suffix: Some("FTE"), ..number(label, "govuk-input--width-5") };
    let pounds = |label: &str| FieldSpec { prefix: Some("£"), ..number(label, "govuk-input--width-10") };
    let case_holding_id = field_id(&format!("workforce.roles[{i}].case_holding"));
    let starters = move || {
        planner.form.with(|f| f.workforce.as_ref().and_then(|w| w.roles.get(i)).map_or(0, |r| r.pipeline.len()))
    };
    let add_starters = move |kind: StarterKind| {
        let mut added = None;
        planner.form.update(|f| added = f.workforce.as_mut().and_then(|w| w.add_starters(i, kind)));
        if let Some(j) = added {
            focus_field_later(field_id(&format!("workforce.roles[{i}].pipeline[{j}].fte")));
        }
    };
    view! {
        <div class="app-card">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h3 class="govuk-fieldset__heading">{legend}</h3>
                </legend>
                {role_field(planner, i, "name", FieldSpec { width: Some("govuk-!-width-two-thirds"), ..words("Name of the role") }, |r| &r.name, |r, v| r.name = v)}
                <div class="app-inline-fields">
                    {role_field(planner, i, "establishment", FieldSpec { hint: Some("Funded posts".into()), ..fte("Establishment") }, |r| &r.establishment, |r, v| r.establishment = v)}
                    {role_field(planner, i, "newly_created", FieldSpec { hint: Some("Part of the establishment".into()), ..fte("Newly created posts") }, |r| &r.newly_created, |r, v| r.newly_created = v)}
                    {role_field(planner, i, "vacancies", FieldSpec { hint: Some("Posts without a permanent worker".into()), ..fte("Vacancies") }, |r| &r.vacancies, |r, v| r.vacancies = v)}
                </div>
                <div class="app-inline-fields">
                    {role_field(planner, i, "agency_covering_vacancies", fte("Agency covering vacancies"), |r| &r.agency_covering_vacancies, |r, v| r.agency_covering_vacancies = v)}
                    {role_field(planner, i, "agency_over_establishment", fte("Agency over establishment"), |r| &r.agency_over_establishment, |r, v| r.agency_over_establishment = v)}
                    {role_field(planner, i, "leavers", FieldSpec { hint: Some("In the last 12 months (optional)".into()), ..fte("Leavers") }, |r| &r.leavers, |r, v| r.leavers = v)}
                </div>
                <div class="app-inline-fields">
                    {role_field(planner, i, "permanent_cost_per_fte", FieldSpec { hint: Some("A year, with on-costs".into()), ..pounds("Permanent cost per FTE") }, |r| &r.permanent_cost_per_fte, |r, v| r.permanent_cost_per_fte = v)}
                    {role_field(planner, i, "agency_cost_per_fte", FieldSpec { hint: Some("A year, paid to the agency".into()), ..pounds("Agency cost per FTE") }, |r| &r.agency_cost_per_fte, |r, v| r.agency_cost_per_fte = v)}
                </div>
                <div class="app-inline-fields">
                    {role_field(planner, i, "recruits_per_month", FieldSpec { hint: Some("Permanent, after the time to fill".into()), ..fte("Recruits a month") }, |r| &r.recruits_per_month, |r, v| r.recruits_per_month = v)}
                    {role_field(planner, i, "agency_conversions_per_month", FieldSpec { hint: Some("Agency workers made permanent".into()), ..fte("Conversions a month") }, |r| &r.agency_conversions_per_month, |r, v| r.agency_conversions_per_month = v)}
                </div>
                <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id=case_holding_id.clone() type="checkbox"
                            prop:checked=move || planner.form.with(|f| f.workforce.as_ref().and_then(|w| w.roles.get(i)).is_some_and(|r| r.case_holding))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                planner.form.update(|f| if let Some(r) = f.workforce.as_mut().and_then(|w| w.roles.get_mut(i)) { r.case_holding = on });
                            }/>
                        <label class="govuk-label govuk-checkboxes__label" for=case_holding_id>"This role holds cases (counts towards the average caseload)"</label>
                    </div>
                </div>
                <h4 class="govuk-heading-s">"Pipeline: people due to start"</h4>
                <For each=move || 0..starters() key=|j| *j children=move |j| view! { <StarterRow i j/> }/>
                <div class="govuk-button-group">
                    <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| add_starters(StarterKind::Agency)>
                        "Add agency starters" <span class="govuk-visually-hidden">{move || format!(" for {}", legend())}</span>
                    </button>
                    <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| add_starters(StarterKind::Permanent)>
                        "Add permanent starters" <span class="govuk-visually-hidden">{move || format!(" for {}", legend())}</span>
                    </button>
                </div>
            </fieldset>
            <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| {
                planner.form.update(|f| if let Some(w) = f.workforce.as_mut() { w.remove_role(i) });
                focus_field_later("workforce-roles".into());
            }>
                "Remove this role" <span class="govuk-visually-hidden">{move || format!(" ({})", legend())}</span>
            </button>
        </div>
    }
}

#[component]
fn StarterRow(i: usize, j: usize) -> impl IntoView {
    let planner = use_planner();
    let kind = move || {
        planner
            .form
            .with(|f| f.workforce.as_ref().and_then(|w| w.roles.get(i)).and_then(|r| r.pipeline.get(j)).map(|s| s.kind))
    };
    let label = move |what: &str| match kind() {
        Some(StarterKind::Agency) => format!("Agency starters: {what}"),
        _ => format!("Permanent starters: {what}"),
    };
    let path = |field: &str| format!("workforce.roles[{i}].pipeline[{j}].{field}");
    let get = move |f: &csplan_validation::form::ScenarioForm, month: bool| {
        f.workforce.as_ref().and_then(|w| w.roles.get(i)).and_then(|r| r.pipeline.get(j)).map(|s| {
            if month {
                s.month.clone()
            } else {
                s.fte.clone()
            }
        })
    };
    let set = move |f: &mut csplan_validation::form::ScenarioForm, month: bool, v: String| {
        if let Some(s) = f.workforce.as_mut().and_then(|w| w.roles.get_mut(i)).and_then(|r| r.pipeline.get_mut(j)) {
            if month {
                s.month = v;
            } else {
                s.fte = v;
            }
        }
    };
    view! {
        <div class="app-inline-fields">
            {bound_field(planner, path("fte"), FieldSpec { suffix: Some("FTE"), ..number(&label("how many"), "govuk-input--width-5") }, move |f| get(f, false), move |f, v| set(f, false, v))}
            {bound_field(planner, path("month"), FieldSpec { hint: Some("1 is next month".into()), ..number(&label("month they start"), "govuk-input--width-3") }, move |f| get(f, true), move |f, v| set(f, true, v))}
            <button type="button" class="govuk-button govuk-button--secondary app-align-end" on:click=move |_| {
                planner.form.update(|f| if let Some(w) = f.workforce.as_mut() { w.remove_starters(i, j) });
                focus_field_later("workforce-roles".into());
            }>"Remove" <span class="govuk-visually-hidden">{format!(" starters {} of role {}", j + 1, i + 1)}</span></button>
        </div>
    }
}

fn fte(v: Fte) -> String {
    grouped(v.value(), 2)
}

fn rate(r: Option<Rate>) -> String {
    r.map_or_else(|| "not given".into(), |r| r.display(1))
}

fn money(m: Option<Money>) -> String {
    m.map_or_else(|| "not given".into(), Money::display_pounds)
}

/// A row of a role table: its label and how to show one role's figure.
type RoleRow = (&'static str, fn(&RoleFigures) -> String);

/// A role table's cells: one row a figure, one column a role plus Total.
fn role_cells(report: Memo<Option<WorkforceReport>>, rows: &'static [RoleRow]) -> Memo<Cells> {
    Memo::new(move |_| {
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let columns: Vec<&RoleFigures> = r.roles.iter().chain([&r.total]).collect();
            rows.iter()
                .map(|(label, cell)| {
                    std::iter::once(label.to_string()).chain(columns.iter().map(|c| cell(c))).collect()
                })
                .collect()
        })
    })
}

const ESTABLISHMENT: &[RoleRow] = &[
    ("Newly created posts", |x| fte(x.newly_created)),
    ("Total posts", |x| fte(x.establishment)),
    ("In post", |x| fte(x.in_post)),
    ("Vacant", |x| fte(x.vacancies)),
    ("Agency workers", |x| fte(x.agency)),
    ("Vacant, not covered", |x| fte(x.vacant_not_covered)),
    ("Agency pipeline", |x| fte(x.agency_pipeline)),
    ("Permanent pipeline", |x| fte(x.permanent_pipeline)),
    ("Remaining gap after pipeline", |x| fte(x.remaining_gap)),
];

const MEASURES: &[RoleRow] = &[
    ("Vacancy rate", |x| rate(x.measures.vacancy_rate)),
    ("Agency rate", |x| rate(x.measures.agency_rate)),
    ("Turnover rate", |x| rate(x.measures.turnover_rate)),
    ("Agency cover rate", |x| rate(x.measures.agency_cover_rate)),
    ("Vacancy agency cover rate", |x| rate(x.measures.vacancy_agency_cover_rate)),
];

const COSTS: &[RoleRow] = &[
    ("Permanent staff", |x| money(x.costs.map(|c| c.permanent))),
    ("Agency workers", |x| money(x.costs.map(|c| c.agency))),
    ("Agency premium over permanent", |x| money(x.costs.map(|c| c.agency_premium))),
    ("Converting agency cover to permanent", |x| money(x.costs.map(|c| c.convert_agency_cover))),
];

#[component]
fn Establishment(report: Memo<Option<WorkforceReport>>) -> impl IntoView {
    let names = Memo::new(move |_| {
        report
            .with(|r| r.as_ref().map(|r| r.roles.iter().chain([&r.total]).map(|c| c.name.clone()).collect::<Vec<_>>()))
    });
    let headers = move |first: &'static str| {
        Signal::derive(move || {
            std::iter::once(first.to_string()).chain(names.get().unwrap_or_default()).collect::<Vec<_>>()
        })
    };
    let gaps = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.roles
                        .iter()
                        .map(|x| format!("{}: {}", x.name, csplan_calc::workforce::explain_gap(x)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let retention = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref().and_then(|r| r.retention).map(|ret| {
                format!(
                    "Retention payment: {} FTE expected to take it up, {} a year, {} over the scheme.",
                    short(ret.takers.value(), 2),
                    ret.per_year.display_pounds(),
                    ret.total.display_pounds()
                )
            })
        })
    });
    view! {
        <LiveTable id="establishment-table" caption="Establishment and pipeline (FTE)" headers=headers("Figure") cells=role_cells(report, ESTABLISHMENT)/>
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"How is this calculated?"</span></summary>
            <div class="govuk-details__text">
                <ul class="govuk-list">{move || gaps().into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                <p class="govuk-body">"The gap is floored at 0 for each role, and the total adds the roles' gaps."</p>
            </div>
        </details>
        <LiveTable id="measures-table" caption="DfE measures" headers=headers("Measure") cells=role_cells(report, MEASURES)/>
        <p class="govuk-body-s">"As DfE defines them: vacancy rate = vacancies / (vacancies + in post); agency rate = agency / (agency + in post); turnover = leavers / in post; agency cover rate = agency covering vacancies / agency; vacancy agency cover rate = agency covering vacancies / vacancies. Rounded to 1 place, as DfE publishes."</p>
        <LiveTable id="costs-table" caption="Annual costs" headers=headers("Cost") cells=role_cells(report, COSTS)/>
        {move || retention.get().map(|text| view! { <p class="govuk-body">{text}</p> })}
    }
}

#[component]
fn Retention() -> impl IntoView {
    let planner = use_planner();
    let has = Memo::new(move |_| planner.form.with(|f| f.workforce.as_ref().is_some_and(|w| w.retention.is_some())));
    let field = move |field: &'static str,
                      spec: FieldSpec,
                      get: fn(&RetentionForm) -> &String,
                      set: fn(&mut RetentionForm, String)| {
        item_field(planner, format!("workforce.retention.{field}"), spec, (RETENTION, 0), get, set)
    };
    view! {
        <h2 class="govuk-heading-l">"Retention payment"</h2>
        {move || if has.get() {
            view! {
                <div class="app-inline-fields">
                    {field("amount_per_year", FieldSpec { prefix: Some("£"), ..number("Amount a year", "govuk-input--width-5") }, |r| &r.amount_per_year, |r, v| r.amount_per_year = v)}
                    {field("years", FieldSpec { suffix: Some("years"), ..number("Paid for", "govuk-input--width-3") }, |r| &r.years, |r, v| r.years = v)}
                    {field("eligible_fte", FieldSpec { suffix: Some("FTE"), ..number("Eligible staff", "govuk-input--width-5") }, |r| &r.eligible_fte, |r, v| r.eligible_fte = v)}
                    {field("take_up", FieldSpec { suffix: Some("%"), ..number("Take-up", "govuk-input--width-3") }, |r| &r.take_up, |r, v| r.take_up = v)}
                    {field("turnover_reduction", FieldSpec { hint: Some("Your assumption, as a share of the turnover rate".into()), suffix: Some("%"), ..number("Cut in turnover while paid", "govuk-input--width-3") }, |r| &r.turnover_reduction, |r, v| r.turnover_reduction = v)}
                </div>
                <button type="button" class="govuk-button govuk-button--secondary" id="remove-retention" on:click=move |_| {
                    planner.form.update(|f| if let Some(w) = f.workforce.as_mut() { w.retention = None });
                    focus_field_later("add-retention".into());
                }>"Remove the retention payment"</button>
            }.into_any()
        } else {
            view! {
                <p class="govuk-body">"West Sussex paid £3,000 a year for 5 years to staff in hard-to-recruit teams; 88% took it up."</p>
                <button type="button" class="govuk-button govuk-button--secondary" id="add-retention" on:click=move |_| {
                    planner.form.update(|f| if let Some(w) = f.workforce.as_mut() {
                        w.retention = Some(RetentionForm { amount_per_year: "3000".into(), years: "5".into(), eligible_fte: String::new(), take_up: "88".into(), turnover_reduction: "0".into() });
                    });
                    focus_field_later(field_id("workforce.retention.eligible_fte"));
                }>"Add a retention payment"</button>
            }.into_any()
        }}
    }
}

#[component]
fn ProjectionSection(report: Memo<Option<WorkforceReport>>) -> impl IntoView {
    let planner = use_planner();
    let field = move |field: &'static str,
                      spec: FieldSpec,
                      get: fn(&ProjectionForm) -> &String,
                      set: fn(&mut ProjectionForm, String)| {
        item_field(planner, format!("workforce.projection.{field}"), spec, (PROJECTION, 0), get, set)
    };
    let projection = Memo::new(move |_| report.get().map(|r| r.projection));
    view! {
        <h2 class="govuk-heading-l">"Projection"</h2>
        <div class="app-inline-fields">
            {field("months", FieldSpec { suffix: Some("months"), ..number("Project for", "govuk-input--width-3") }, |p| &p.months, |p, v| p.months = v)}
            {field("turnover", FieldSpec { hint: Some("Blank: each role's leavers / in post".into()), suffix: Some("%"), ..number("Turnover a year", "govuk-input--width-4") }, |p| &p.turnover, |p, v| p.turnover = v)}
            {field("months_to_fill", FieldSpec { suffix: Some("months"), ..number("Time to fill a post", "govuk-input--width-3") }, |p| &p.months_to_fill, |p, v| p.months_to_fill = v)}
        </div>
        <div class="app-inline-fields">
            {field("newly_qualified_share", FieldSpec { suffix: Some("%"), ..number("Starters newly qualified", "govuk-input--width-3") }, |p| &p.newly_qualified_share, |p, v| p.newly_qualified_share = v)}
            {field("newly_qualified_caseload", FieldSpec { hint: Some("Share of a full caseload in their first year".into()), suffix: Some("%"), ..number("Newly qualified caseload", "govuk-input--width-3") }, |p| &p.newly_qualified_caseload, |p, v| p.newly_qualified_caseload = v)}
        </div>
        <div class="app-inline-fields">
            {field("cases", FieldSpec { hint: Some("Held by the case-holding roles".into()), ..number("Cases", "govuk-input--width-5") }, |p| &p.cases, |p, v| p.cases = v)}
            {field("target_caseload", FieldSpec { suffix: Some("per FTE"), ..number("Target caseload", "govuk-input--width-3") }, |p| &p.target_caseload, |p, v| p.target_caseload = v)}
        </div>
        <ProjectionResults projection/>
    }
}

#[component]
fn ProjectionResults(projection: Memo<Option<Projection>>) -> impl IntoView {
    let months = Memo::new(move |_| {
        projection.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.months
                        .iter()
                        .map(|m| {
                            vec![
                                m.month.clone(),
                                short(m.in_post.value(), 1),
                                short(m.agency.value(), 1),
                                short(m.vacancies.value(), 1),
                                short(m.case_holding_fte.value(), 1),
                                m.caseload.map_or_else(|| "-".into(), |c| short(c, 1)),
                                m.cost.display_pounds(),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let years = Memo::new(move |_| {
        projection.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.financial_years
                        .iter()
                        .map(|f| vec![f.year.clone(), f.months.to_string(), f.cost.display_pounds()])
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let columns = |names: &[&str]| {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        Signal::derive(move || names.clone())
    };
    let explanation = move || projection.with(|p| p.as_ref().map(|p| p.explanation.clone()).unwrap_or_default());
    let csv =
        Signal::derive(move || projection.with(|p| p.as_ref().map(csplan_calc::projection_csv).unwrap_or_default()));
    let uncosted = Memo::new(move |_| {
        projection.with(|p| {
            p.as_ref().filter(|p| !p.uncosted_roles.is_empty()).map(|p| {
                format!(
                    "Not costed, because a permanent or agency cost per FTE is missing: {}.",
                    p.uncosted_roles.join(", ")
                )
            })
        })
    });
    view! {
        <p class="govuk-body" id="projection-summary">{explanation}</p>
        {crate::components::chart::projection_chart(projection)}
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Show the projection as a table"</span></summary>
            <div class="govuk-details__text">
                <LiveTable no_csv=true id="projection-table" caption="Projection by month (month 0 is now)" small=true
                    headers=columns(&["Month", "In post", "Agency", "Vacant", "Case-holding FTE", "Caseload", "Cost"]) cells=months/>
            </div>
        </details>
        <CsvLink id="projection-csv" file="csplan-projection.csv" label="Download the projection (CSV)" csv/>
        <LiveTable id="financial-years" caption="Staffing cost by financial year (April to March)" headers=columns(&["Year", "Months", "Cost"]) cells=years/>
        {move || uncosted.get().map(|u| view! { <p class="govuk-body-s">{u}</p> })}
    }
}
