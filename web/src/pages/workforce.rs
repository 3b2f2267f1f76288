//! The workforce page: establishment, vacancies, agency cover, the pipeline and the gap it
//! leaves, DfE measures, costs, and a monthly projection drawn as an SVG chart with a
//! table alternative and a CSV download. Fields come from `csplan_validation`'s tables,
//! figures from `csplan-calc`, tables from `csplan-present`.

use csplan_calc::{Projection, WorkforceReport};
use csplan_model::fmt::short;
use csplan_model::StarterKind;
use csplan_validation::fields::Path;
use csplan_validation::workforce_form::{ProjectionForm, RetentionForm, RoleForm, StarterForm, WorkforceForm};
use leptos::prelude::*;

use crate::components::choice::checkbox;
use crate::components::error_summary::focus_field_later;
use crate::components::field::fields;
use crate::components::layout::{PageHeading, Reveal};
use crate::components::list::{card, name_or, remove_card, remove_row, EditList, Gate};
use crate::components::live_table::LiveTable;
use crate::components::reactive::Later;
use crate::pages::benchmark::DfeComparison;
use crate::state::use_planner;

fn workforce() -> Path {
    Path::root("workforce")
}

/// The page.
#[component]
pub fn WorkforcePage() -> impl IntoView {
    let planner = use_planner();
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::workforce(s).ok().flatten()));
    view! {
        <PageHeading
            title="Workforce"
            lead="Funded posts, vacancies and agency cover, the recruitment pipeline and the gap it leaves, what the workforce costs, and how it may change month by month."
        />
        <p class="govuk-body"><a class="govuk-link" href="#dfe">"Or start from an authority's figures as DfE publishes them"</a></p>
        <Gate has=Signal::derive(move || planner.form.with(|f| f.workforce.is_some()))
            empty="This scenario has no workforce figures yet. Load West Sussex, March 2019, or start your own."
            add_id="add-workforce" add_label="Add workforce figures"
            add=Callback::new(move |()| {
                planner.edit(|f| f.workforce = Some(WorkforceForm::new_section()));
                workforce().at("roles", 0).field("establishment")
            })>
            <Roles/>
            <Later step=1><Establishment report/></Later>
            <Later step=2><Retention/></Later>
            <Later step=3><ProjectionSection report/></Later>
        </Gate>
        <Later step=4><DfeComparison report/></Later>
    }
}

#[component]
fn Roles() -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        let i = planner.edit(|f| f.workforce.as_mut().map(WorkforceForm::add_role))?;
        Some(workforce().at("roles", i).field("name"))
    });
    view! {
        <h2 class="govuk-heading-l">"Roles"</h2>
        <PostsFromCaseloads/>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.workforce.as_ref().map_or(0, |w| w.roles.len())))
            item=Callback::new(|i| view! { <RoleCard i/> }.into_any())
            add_id="workforce-roles" add_label="Add a role" add/>
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
                    let outcome = planner.edit(|f| f.workforce.as_mut().map(|w| w.add_created_posts(i, posts)));
                    status.set(match outcome.unwrap_or(Ok(())) {
                        Ok(()) => format!("Added {} newly created posts to {}: the establishment and vacancies each grew by {}.", short(posts, 2), name, short(posts, 2)),
                        Err(message) => message,
                    });
                };
                view! {
                    <div class="govuk-inset-text" id="caseload-posts">
                        <p class="govuk-body">{format!(
                            "The Caseloads page finds {} more posts are needed to reach its target caseloads{}.",
                            short(t.posts, 2),
                            t.cost.filter(|c| *c > csplan_model::Money::ZERO).map(|c| format!(" ({} a year)", c.display_pounds())).unwrap_or_default()
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
    let at = workforce().at("roles", i);
    let legend = name_or(planner, at.field("name"), format!("Role {}", i + 1));
    let add_starters = move |kind: StarterKind| {
        let j = planner.edit(|f| f.workforce.as_mut().and_then(|w| w.add_starters(i, kind)));
        if let Some(j) = j {
            focus_field_later(workforce().at("roles", i).at("pipeline", j).field("fte").id());
        }
    };
    let starters = Signal::derive(move || {
        planner.form.with(|f| f.workforce.as_ref().and_then(|w| w.roles.get(i)).map_or(0, |r| r.pipeline.len()))
    });
    let body = view! {
        {fields(planner, &at, RoleForm::TEXT_FIELDS, "")}
        {checkbox(planner, at.field("case_holding"), &RoleForm::case_holding.info)}
        <h4 class="govuk-heading-s">"Pipeline: people due to start"</h4>
        <For each=move || 0..starters.get() key=|j| *j children=move |j| view! { <StarterRow i j/> }/>
        <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| add_starters(StarterKind::Agency)>
                "Add agency starters" <span class="govuk-visually-hidden">{move || format!(" for {}", legend.get())}</span>
            </button>
            <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| add_starters(StarterKind::Permanent)>
                "Add permanent starters" <span class="govuk-visually-hidden">{move || format!(" for {}", legend.get())}</span>
            </button>
        </div>
    }
    .into_any();
    let remove = remove_card(
        "Remove this role",
        legend,
        move || planner.edit(|f| f.workforce.as_mut().map(|w| w.remove_role(i))).unwrap_or(()),
        "workforce-roles",
    );
    card(legend, body, ().into_any(), remove)
}

#[component]
fn StarterRow(i: usize, j: usize) -> impl IntoView {
    let planner = use_planner();
    let at = workforce().at("roles", i).at("pipeline", j);
    let kind = planner.form.with_untracked(|f| {
        f.workforce.as_ref().and_then(|w| w.roles.get(i)).and_then(|r| r.pipeline.get(j)).map(|s| s.kind)
    });
    let who = if kind == Some(StarterKind::Agency) { "Agency starters" } else { "Permanent starters" };
    let name = format!("starters {} of role {}", j + 1, i + 1);
    view! {
        <div class="app-inline-fields">
            {fields(planner, &at, StarterForm::TEXT_FIELDS, who)}
            {remove_row(name,
                move || planner.edit(|f| f.workforce.as_mut().map(|w| w.remove_starters(i, j))).unwrap_or(()),
                "workforce-roles",
            )}
        </div>
    }
}

#[component]
fn Establishment(report: Memo<Option<WorkforceReport>>) -> impl IntoView {
    let establishment = Memo::new(move |_| report.with(|r| r.as_ref().map(csplan_present::tables::establishment)));
    let measures = Memo::new(move |_| report.with(|r| r.as_ref().map(csplan_present::tables::measures)));
    let costs = Memo::new(move |_| report.with(|r| r.as_ref().map(csplan_present::tables::costs)));
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
        <LiveTable table=establishment no_notes=true/>
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"How is this calculated?"</span></summary>
            <div class="govuk-details__text">
                <ul class="govuk-list">{move || gaps().into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                <p class="govuk-body">"The gap is floored at 0 for each role, and the total adds the roles' gaps."</p>
            </div>
        </details>
        <LiveTable table=measures/>
        <LiveTable table=costs/>
        {move || retention.get().map(|text| view! { <p class="govuk-body">{text}</p> })}
    }
}

#[component]
fn Retention() -> impl IntoView {
    let planner = use_planner();
    let has =
        Signal::derive(move || planner.form.with(|f| f.workforce.as_ref().is_some_and(|w| w.retention.is_some())));
    let add = Callback::new(move |()| {
        planner.edit(|f| {
            if let Some(w) = f.workforce.as_mut() {
                w.retention = Some(RetentionForm::new_payment());
            }
        });
        workforce().field("retention").field("eligible_fte")
    });
    view! {
        <h2 class="govuk-heading-l">"Retention payment"</h2>
        <Gate has secondary=true add_id="add-retention" add_label="Add a retention payment" add
            empty="West Sussex paid £3,000 a year for 5 years to staff in hard-to-recruit teams; 88% took it up.">
            {fields(planner, &workforce().field("retention"), RetentionForm::TEXT_FIELDS, "")}
            <button type="button" class="govuk-button govuk-button--secondary" id="remove-retention" on:click=move |_| {
                planner.edit(|f| if let Some(w) = f.workforce.as_mut() { w.retention = None });
                focus_field_later("add-retention".into());
            }>"Remove the retention payment"</button>
        </Gate>
    }
}

#[component]
fn ProjectionSection(report: Memo<Option<WorkforceReport>>) -> impl IntoView {
    let planner = use_planner();
    let projection = Memo::new(move |_| report.get().map(|r| r.projection));
    view! {
        <h2 class="govuk-heading-l">"Projection"</h2>
        {fields(planner, &workforce().field("projection"), ProjectionForm::TEXT_FIELDS, "")}
        <ProjectionResults projection/>
    }
}

#[component]
fn ProjectionResults(projection: Memo<Option<Projection>>) -> impl IntoView {
    let months = Memo::new(move |_| projection.with(|p| p.as_ref().map(csplan_present::tables::projection)));
    let years = Memo::new(move |_| projection.with(|p| p.as_ref().map(csplan_present::tables::financial_years)));
    let explanation = move || projection.with(|p| p.as_ref().map(|p| p.explanation.clone()).unwrap_or_default());
    view! {
        <p class="govuk-body" id="projection-summary">{explanation}</p>
        {crate::components::chart::projection_chart(projection)}
        <Reveal summary="Show the projection as a table">
            <LiveTable table=months small=true no_csv=true/>
        </Reveal>
        <crate::components::csv::CsvLink id="projection-csv" file="csplan-projection.csv" label=Signal::derive(|| "Download the projection (CSV)".to_string())
            csv=Signal::derive(move || months.with(|t| t.as_ref().map(csplan_present::Table::csv).unwrap_or_default()))/>
        <LiveTable table=years/>
    }
}
