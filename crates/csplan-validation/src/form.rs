//! The scenario as text, the way a person types it into a form.
//!
//! The web app keeps a [`ScenarioForm`] of exactly what was typed, so nothing is lost
//! when a field is wrong. [`ScenarioForm::check`] reads every field, reports each one
//! that is not a number (or is missing), then validates the scenario the rest makes,
//! and hands back the scenario only when no problem is an error.

use csplan_model::dec::parse_text;
use csplan_model::fmt::plain;
use csplan_model::{Decimal, Fte, Money, PlanOption, Rounding, Scenario, TeamGroup, SCHEMA_VERSION};

use crate::budget_form::BudgetForm;
use crate::cost_form::{BudgetYearForm, InvestForm, PlacementsForm};
use crate::demand_form::{CareFlowsForm, DemandForm};
use crate::workforce_form::WorkforceForm;
use crate::{validate, Problem};

/// A scenario's fields as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScenarioForm {
    /// Local authority name.
    pub authority: String,
    /// Date the figures describe, `YYYY-MM-DD`.
    pub as_at: String,
    /// Where the figures come from.
    pub source: String,
    /// Posts rounding rule.
    pub rounding: Rounding,
    /// Default cost per FTE, e.g. "41,839".
    pub cost_per_fte: String,
    /// Caseload targets options are compared against.
    pub compare_targets: Vec<String>,
    /// Team groups.
    pub teams: Vec<TeamForm>,
    /// Options.
    pub options: Vec<OptionForm>,
    /// The workforce section, if the scenario has one.
    pub workforce: Option<WorkforceForm>,
    /// Demand series, if the scenario has them.
    pub demand: Option<DemandForm>,
    /// Children looked after as stocks and flows, if the scenario has them.
    pub care_flows: Option<CareFlowsForm>,
    /// Placement lines and budget groups, if the scenario has them.
    pub placements: Option<PlacementsForm>,
    /// Budget against spend, year by year.
    pub budget_history: Vec<BudgetYearForm>,
    /// An invest-to-save case, if the scenario has one.
    pub invest_to_save: Option<InvestForm>,
    /// The budget section, if the scenario has one.
    pub budget: Option<BudgetForm>,
    /// The consultation, as configured in the scenario file (participants do not edit it).
    pub consultation: Option<csplan_model::Consultation>,
}

/// One team group's fields as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamForm {
    /// Name.
    pub name: String,
    /// Case-holding FTE.
    pub case_holding_fte: String,
    /// Cases (may be blank when the current caseload is given).
    pub cases: String,
    /// Current average caseload (may be blank when cases are given).
    pub current_caseload: String,
    /// Target caseload.
    pub target_caseload: String,
    /// Cost per FTE for this group; blank uses the scenario's.
    pub cost_per_fte: String,
    /// Ids of the options the group belongs to.
    pub options: Vec<String>,
}

/// One option's fields as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OptionForm {
    /// Short id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Cost per FTE for this option; blank uses the scenario's.
    pub cost_per_fte: String,
}

/// What [`ScenarioForm::check`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The scenario, when no problem is an error.
    pub scenario: Option<Scenario>,
    /// The scenario as far as it could be read, with a stand-in (1) for each field that
    /// is not a number. Use only the parts that have no error (see [`Checked::team_ok`]).
    pub draft: Scenario,
    /// Every problem, errors and warnings, in field order.
    pub problems: Vec<Problem>,
}

fn text(value: Option<Decimal>) -> String {
    value.map(plain).unwrap_or_default()
}

impl ScenarioForm {
    /// The form showing a scenario's figures as a person would type them.
    pub fn from_scenario(s: &Scenario) -> Self {
        Self {
            authority: s.authority.clone(),
            as_at: s.as_at.clone(),
            source: s.source.clone(),
            rounding: s.rounding,
            cost_per_fte: plain(s.cost_per_fte.value()),
            compare_targets: s.compare_targets.iter().map(|t| plain(*t)).collect(),
            teams: s
                .teams
                .iter()
                .map(|t| TeamForm {
                    name: t.name.clone(),
                    case_holding_fte: plain(t.case_holding_fte.value()),
                    cases: text(t.cases),
                    current_caseload: text(t.current_caseload),
                    target_caseload: plain(t.target_caseload),
                    cost_per_fte: text(t.cost_per_fte.map(Money::value)),
                    options: t.options.clone(),
                })
                .collect(),
            options: s
                .options
                .iter()
                .map(|o| OptionForm {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    cost_per_fte: text(o.cost_per_fte.map(Money::value)),
                })
                .collect(),
            workforce: s.workforce.as_ref().map(WorkforceForm::from_workforce),
            demand: s.demand.as_ref().map(DemandForm::from_demand),
            care_flows: s.care_flows.as_ref().map(CareFlowsForm::from_flows),
            placements: s.placements.as_ref().map(PlacementsForm::from_placements),
            budget_history: BudgetYearForm::from_years(&s.budget_history),
            invest_to_save: s.invest_to_save.as_ref().map(InvestForm::from_case),
            budget: s.budget.as_ref().map(BudgetForm::from_budget),
            consultation: s.consultation.clone(),
        }
    }

    /// Sets budget area `i`'s id ([`BudgetForm::set_area_id`]); the workstreams and the
    /// consultation's levers that reduce it follow.
    pub fn set_budget_area_id(&mut self, i: usize, id: String) {
        let Some(b) = self.budget.as_mut() else { return };
        let Some(old) = b.set_area_id(i, id.clone()) else { return };
        if let Some(c) = self.consultation.as_mut() {
            for l in c.levers.iter_mut().filter(|l| l.area.as_deref() == Some(old.as_str())) {
                l.area = Some(id.clone());
            }
        }
    }

    /// Removes budget area `i` ([`BudgetForm::remove_area`]), unless a workstream saves
    /// from it or a consultation lever reduces it: then nothing changes, and the message
    /// names them.
    pub fn remove_budget_area(&mut self, i: usize) -> Result<(), String> {
        let Some(b) = self.budget.as_mut() else { return Ok(()) };
        let Some(id) = b.areas.get(i).map(|a| a.id.clone()) else { return Ok(()) };
        let shared = b.areas.iter().filter(|a| a.id == id).count() > 1;
        let levers: Vec<&str> = self
            .consultation
            .iter()
            .flat_map(|c| &c.levers)
            .filter(|l| !shared && l.area.as_deref() == Some(id.as_str()))
            .map(|l| l.name.as_str())
            .collect();
        if !levers.is_empty() && b.workstreams_in_area(i).is_empty() {
            return Err(format!(
                "{} cannot be removed while the consultation offers savings from it: {}",
                b.area_label(i),
                levers.join(", ")
            ));
        }
        b.remove_area(i)
    }

    /// Reads every field and validates the result; see the module docs.
    pub fn check(&self) -> Checked {
        let mut reader = Reader::default();
        let scenario = Scenario {
            schema: SCHEMA_VERSION,
            authority: self.authority.trim().to_string(),
            as_at: self.as_at.trim().to_string(),
            source: self.source.clone(),
            rounding: self.rounding,
            cost_per_fte: Money::new(reader.required(
                "cost_per_fte",
                &self.cost_per_fte,
                "Enter the cost per FTE, like 41,839",
                "Cost per FTE must be an amount in pounds, like 41,839",
            )),
            compare_targets: self
                .compare_targets
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    reader.required(
                        &format!("compare_targets[{i}]"),
                        t,
                        "Enter a target caseload to compare, like 18",
                        "Target caseload to compare must be a number, like 18",
                    )
                })
                .collect(),
            teams: self.teams.iter().enumerate().map(|(i, t)| reader.team(i, t)).collect(),
            options: self
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| PlanOption {
                    id: o.id.trim().to_string(),
                    name: o.name.trim().to_string(),
                    cost_per_fte: reader
                        .optional(
                            &format!("options[{i}].cost_per_fte"),
                            &o.cost_per_fte,
                            "Cost per FTE for this option must be an amount in pounds, like 41,839",
                        )
                        .map(Money::new),
                })
                .collect(),
            workforce: self.workforce.as_ref().map(|w| w.read(&mut reader.problems)),
            demand: self.demand.as_ref().map(|d| d.read(&mut reader.problems)),
            care_flows: self.care_flows.as_ref().map(|c| c.read(&mut reader.problems)),
            placements: self.placements.as_ref().map(|p| p.read(&mut reader.problems)),
            budget_history: BudgetYearForm::read_all(&self.budget_history, &mut reader.problems),
            invest_to_save: self.invest_to_save.as_ref().map(|i| i.read(&mut reader.problems)),
            budget: self.budget.as_ref().map(|b| b.read(&mut reader.problems)),
            consultation: self.consultation.clone(),
        };
        let mut problems = reader.problems;
        // A field that could not be read holds a stand-in: say nothing more about it, nor
        // about fields checked against it (the rest of its team group or role).
        let unreadable: Vec<&str> = problems.iter().map(|p| group(&p.path)).collect();
        let checks: Vec<Problem> =
            validate(&scenario).into_iter().filter(|p| !unreadable.contains(&group(&p.path))).collect();
        problems.extend(checks);
        problems.sort_by_key(|p| field_order(&p.path));
        let ok = !crate::has_errors(&problems);
        Checked { scenario: ok.then(|| scenario.clone()), draft: scenario, problems }
    }
}

impl Checked {
    /// True when team group `i` and the settings it uses (cost per FTE) have no error, so
    /// its figures can be calculated from [`Checked::draft`] even while another field is wrong.
    pub fn team_ok(&self, i: usize) -> bool {
        let prefix = format!("teams[{i}].");
        i < self.draft.teams.len()
            && !self.problems.iter().any(|p| p.is_error() && (p.path.starts_with(&prefix) || p.path == "cost_per_fte"))
    }
}

/// The item a path belongs to: `teams[1]` for `teams[1].cases`, `workforce.roles[0]` for
/// `workforce.roles[0].pipeline[2].fte`, or the path itself for a top-level field.
fn group(path: &str) -> &str {
    match path.find(']') {
        Some(end) => path.get(..=end).unwrap_or(path),
        None => path,
    }
}

/// Orders problems as the fields appear on the page (top-level first, then team by team).
fn field_order(path: &str) -> (u8, usize) {
    let index = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    match path.split(['.', '[']).next().unwrap_or("") {
        "schema" | "authority" | "as_at" => (0, 0),
        "cost_per_fte" => (1, 0),
        "compare_targets" => (2, index("compare_targets[")),
        "teams" => (3, index("teams[")),
        "options" => (4, index("options[")),
        "workforce" if path.starts_with("workforce.roles[") => (5, index("workforce.roles[")),
        "workforce" => (6, 0),
        "placements" if path.starts_with("placements.lines[") => (7, index("placements.lines[")),
        "placements" if path.starts_with("placements.budget_groups[") => (8, index("placements.budget_groups[")),
        "placements" => (9, 0),
        "budget_history" => (10, index("budget_history[")),
        "invest_to_save" => (11, 0),
        "demand" if path.starts_with("demand.series[") => (13, index("demand.series[")),
        "demand" => (12, 0),
        "care_flows" if path.starts_with("care_flows.types[") => (15, index("care_flows.types[")),
        "care_flows" => (16, 0),
        "budget" if path.starts_with("budget.areas[") => (17, index("budget.areas[")),
        "budget" if path.starts_with("budget.workstreams[") => (18, index("budget.workstreams[")),
        "budget" => (19, 0),
        "consultation" => (20, 0),
        _ => (21, 0),
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn required(&mut self, path: &str, input: &str, missing: &str, not_number: &str) -> Decimal {
        if input.trim().is_empty() {
            self.problems.push(Problem::error(path, missing));
            return Decimal::ONE;
        }
        self.number(path, input, not_number).unwrap_or(Decimal::ONE)
    }

    fn optional(&mut self, path: &str, input: &str, not_number: &str) -> Option<Decimal> {
        if input.trim().is_empty() {
            return None;
        }
        Some(self.number(path, input, not_number).unwrap_or(Decimal::ONE))
    }

    fn number(&mut self, path: &str, input: &str, not_number: &str) -> Option<Decimal> {
        let value = parse_text(input);
        if value.is_none() {
            self.problems.push(Problem::error(path, not_number));
        }
        value
    }

    fn team(&mut self, i: usize, t: &TeamForm) -> TeamGroup {
        let name = t.name.trim();
        let label = if name.is_empty() { format!("team group {}", i + 1) } else { name.to_string() };
        let p = |field: &str| format!("teams[{i}].{field}");
        TeamGroup {
            name: name.to_string(),
            case_holding_fte: Fte::new(self.required(
                &p("case_holding_fte"),
                &t.case_holding_fte,
                &format!("Enter the case-holding FTE for {label}, like 62.8"),
                &format!("Case-holding FTE for {label} must be a number, like 62.8"),
            )),
            cases: self.optional(&p("cases"), &t.cases, &format!("Cases for {label} must be a number, like 1,287")),
            current_caseload: self.optional(
                &p("current_caseload"),
                &t.current_caseload,
                &format!("Current average caseload for {label} must be a number, like 20.5"),
            ),
            target_caseload: self.required(
                &p("target_caseload"),
                &t.target_caseload,
                &format!("Enter a target caseload greater than 0 for {label}"),
                &format!("Target caseload for {label} must be a number, like 18"),
            ),
            cost_per_fte: self
                .optional(
                    &p("cost_per_fte"),
                    &t.cost_per_fte,
                    &format!("Cost per FTE for {label} must be an amount in pounds, like 41,839"),
                )
                .map(Money::new),
            options: t.options.clone(),
        }
    }
}

/// Edits a form the way the web app's buttons do, keeping team groups' option ticks in
/// step with the options list.
impl ScenarioForm {
    /// Adds a blank team group at the scenario's default target (the first comparison
    /// target, else blank) and returns its index.
    pub fn add_team(&mut self) -> usize {
        let target = self.compare_targets.first().cloned().unwrap_or_default();
        self.teams.push(TeamForm { target_caseload: target, ..TeamForm::default() });
        self.teams.len() - 1
    }

    /// Removes team group `i`, if there is one.
    pub fn remove_team(&mut self, i: usize) {
        if i < self.teams.len() {
            self.teams.remove(i);
        }
    }

    /// Adds an option with the next free numeric id and returns its index.
    pub fn add_option(&mut self) -> usize {
        let id = (1..).map(|n: usize| n.to_string()).find(|id| !self.options.iter().any(|o| &o.id == id));
        self.options.push(OptionForm { id: id.unwrap_or_default(), ..OptionForm::default() });
        self.options.len() - 1
    }

    /// Removes option `i` and every team group's tick for it.
    pub fn remove_option(&mut self, i: usize) {
        if i < self.options.len() {
            let removed = self.options.remove(i);
            for team in &mut self.teams {
                team.options.retain(|id| id != &removed.id);
            }
        }
    }

    /// Changes option `i`'s id, and the ticks that refer to it.
    pub fn set_option_id(&mut self, i: usize, id: String) {
        let Some(option) = self.options.get_mut(i) else { return };
        let old = core::mem::replace(&mut option.id, id.clone());
        for team in &mut self.teams {
            for tick in &mut team.options {
                if *tick == old {
                    *tick = id.clone();
                }
            }
        }
    }

    /// Ticks or unticks team group `team` as part of option `option` (by index).
    pub fn set_membership(&mut self, team: usize, option: usize, member: bool) {
        let Some(id) = self.options.get(option).map(|o| o.id.clone()) else { return };
        let Some(team) = self.teams.get_mut(team) else { return };
        let present = team.options.contains(&id);
        if member && !present {
            team.options.push(id);
        } else if !member {
            team.options.retain(|t| *t != id);
        }
    }

    /// Adds a blank comparison target and returns its index.
    pub fn add_target(&mut self) -> usize {
        self.compare_targets.push(String::new());
        self.compare_targets.len() - 1
    }

    /// Removes comparison target `i`, if there is one.
    pub fn remove_target(&mut self, i: usize) {
        if i < self.compare_targets.len() {
            self.compare_targets.remove(i);
        }
    }
}
