//! The scenario as text, the way a person types it into a form.
//!
//! The web app keeps a [`ScenarioForm`] of exactly what was typed, so nothing is lost
//! when a field is wrong. [`ScenarioForm::check`] reads every field, reports each one
//! that is not a number (or is missing), then validates the scenario the rest makes,
//! and hands back the scenario only when no problem is an error.

use std::sync::Arc;

use csplan_model::fmt::plain;
use csplan_model::{Decimal, Fte, Money, PlanOption, Rounding, Scenario, TeamGroup, SCHEMA_VERSION};

use crate::budget_form::BudgetForm;
use crate::consultation_form::ConsultationForm;
use crate::cost_form::{BudgetYearForm, InvestForm, PlacementsForm};
use crate::demand_form::{CareFlowsForm, DemandForm};
use crate::fields::{label, Field, Info, Item, Missing, Path, Reader};
use crate::workforce_form::WorkforceForm;
use crate::Problem;

crate::form! {
    /// A scenario's fields as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ScenarioForm {
        authority: text(Info::words("Local authority").hint("The name shown on every page, in links and in the summary. Type to choose an English authority: its published DfE figures can then fill in the planner").width(66)),
        as_at: text(Info::date("Figures as at (YYYY-MM-DD)").hint("For example, 2017-09-30 (caseloads are counted at 30 September)")),
        source: text(Info::paragraph("Source")),
        rounding: choice(Rounding, Info::choice("How to turn extra FTE into posts").hint("Barnsley's 2017 paper rounds to the nearest whole post: 14.47 FTE is 14 posts.")),
        cost_per_fte: text(Info::money("Cost per FTE").hint("Salary with on-costs (employer's National Insurance and pension), for one full-time post for a year: for example a grade midpoint, as Barnsley's £41,839. Leave blank to see the posts without their cost").optional().subject("cost per FTE").example("41,839")),
        compare_targets: texts(Info::count("Target caseload {}").subject("target caseload to compare").phrase("a number").example("18").missing(Missing::Plain("a target caseload to compare")).suffix("per FTE").width(4)),
        teams: list(TeamForm),
        options: list(OptionForm),
        workforce: part(WorkforceForm),
        placements: part(PlacementsForm),
        budget_history: list(BudgetYearForm),
        invest_to_save: part(InvestForm),
        demand: part(DemandForm),
        care_flows: part(CareFlowsForm),
        budget: part(BudgetForm),
        consultation: part(ConsultationForm),
    }
}

crate::form! {
    /// One team group's fields as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct TeamForm {
        name: text(Info::words("Name of the team group").width(100)),
        case_holding_fte: text(Info::fte("Case-holding FTE").subject("case-holding FTE for {}").phrase("a number").example("62.8").missing(Missing::Plain("the case-holding FTE for {}")).row(1)),
        cases: text(Info::count("Cases held").hint("Or leave blank and give the average").optional().subject("cases for {}").example("1,287").row(1)),
        current_caseload: text(Info::count("Average caseload").hint("Cases per FTE now").optional().subject("current average caseload for {}").example("20.5").width(4).row(1)),
        target_caseload: text(Info::count("Target caseload").hint("Cases per FTE to reach").subject("target caseload for {}").example("18").missing(Missing::Fixed("a target caseload greater than 0 for {}")).width(4).row(1)),
        cost_per_fte: text(Info::money("Cost per FTE for this group (optional)").hint("Leave blank to use the cost per FTE above").optional().subject("cost per FTE for {}").example("41,839")),
        options: texts(Info::choice("Include in options").optional()),
    }
}

crate::form! {
    /// One option's fields as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct OptionForm {
        id: text(Info::words("Option {} id").hint("Short, like 1 or A").width(3).row(1)),
        name: text(Info::words("Option {} name").width(100).row(1)),
        cost_per_fte: text(Info::money("Cost per FTE for this option (optional)").optional().subject("cost per FTE for this option").example("41,839")),
    }
}

impl TeamForm {
    /// Every text field, as the page shows them.
    pub const TEXT_FIELDS: &'static [Field] = &[
        Self::name,
        Self::case_holding_fte,
        Self::cases,
        Self::current_caseload,
        Self::target_caseload,
        Self::cost_per_fte,
    ];
}

/// What [`ScenarioForm::check`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The scenario, when no problem is an error: the draft itself, shared (what is
    /// checked on every keystroke is not copied).
    pub scenario: Option<Arc<Scenario>>,
    /// The scenario as far as it could be read, with a stand-in
    /// ([`crate::fields::STAND_IN`], zero) for each field that cannot be read. Use only the parts that have no error (see [`Checked::team_ok`]).
    pub draft: Arc<Scenario>,
    /// Every problem, errors and warnings, in field order.
    pub problems: Vec<Problem>,
}

fn text(value: Option<Decimal>) -> String {
    value.map(plain).unwrap_or_default()
}

/// Reads team group `i`.
fn team(i: usize, t: &TeamForm, r: &mut Reader) -> TeamGroup {
    let at = Path::root("teams").index(i);
    let name = t.name.trim();
    let of = label(name, "team group", i);
    TeamGroup {
        name: name.to_string(),
        case_holding_fte: Fte::new(r.get(&at, &TeamForm::case_holding_fte, t, &of)),
        cases: r.opt(&at, &TeamForm::cases, t, &of),
        current_caseload: r.opt(&at, &TeamForm::current_caseload, t, &of),
        target_caseload: r.get(&at, &TeamForm::target_caseload, t, &of),
        cost_per_fte: r.opt(&at, &TeamForm::cost_per_fte, t, &of).map(Money::new),
        options: t.options.clone(),
    }
}

impl ScenarioForm {
    /// The form showing a scenario's figures as a person would type them.
    pub fn from_scenario(s: &Scenario) -> Self {
        Self {
            authority: s.authority.clone(),
            as_at: s.as_at.clone(),
            source: s.source.clone(),
            rounding: s.rounding,
            cost_per_fte: s.cost_per_fte.map(|c| plain(c.value())).unwrap_or_default(),
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
            consultation: s.consultation.as_ref().map(ConsultationForm::from_consultation),
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
        let levers: Vec<String> = self
            .consultation
            .iter()
            .flat_map(|c| c.levers.iter().enumerate())
            .filter(|(_, l)| !shared && l.area.as_deref() == Some(id.as_str()))
            .map(|(k, l)| label(&l.name, "choice", k))
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

    /// The typed value of the field at `path` (`teams[1].cases`), as the page shows it:
    /// typed text, `true`/`false` for a checkbox, a choice's id. None if there is no such
    /// field.
    pub fn value(&self, path: &Path) -> Option<String> {
        crate::fields::value(self, Self::MEMBERS, path.as_str())
    }

    /// Sets the field at `path` to what was typed or chosen, as the page's inputs do. Ids
    /// keep what refers to them: renaming an option renames the team groups' ticks, and
    /// renaming a budget area moves its workstreams and consultation choices with it.
    pub fn edit(&mut self, path: &Path, value: &str) {
        let p = path.as_str();
        if let Some(i) = p.strip_prefix("options[").and_then(|r| r.strip_suffix("].id")).and_then(|n| n.parse().ok()) {
            return self.set_option_id(i, value.to_string());
        }
        if let Some(i) =
            p.strip_prefix("budget.areas[").and_then(|r| r.strip_suffix("].id")).and_then(|n| n.parse().ok())
        {
            return self.set_budget_area_id(i, value.to_string());
        }
        crate::fields::set(self, Self::MEMBERS, p, value, false);
    }

    /// The page a field is entered on, by the section its path starts with: the `?page=`
    /// key (`workforce.roles[0].name` is on `workforce`). Fields of the scenario itself,
    /// team groups and options are on `caseloads`.
    pub fn page_of(path: &str) -> &'static str {
        const PAGES: [(&str, &str); 8] = [
            ("workforce", "workforce"),
            ("placements", "cost-of-care"),
            ("budget_history", "cost-of-care"),
            ("invest_to_save", "cost-of-care"),
            ("demand", "demand"),
            ("care_flows", "children-in-care"),
            ("budget", "budget"),
            ("consultation", "consultation"),
        ];
        let section = path.split(['.', '[']).next().unwrap_or("");
        PAGES.iter().find(|(key, _)| *key == section).map_or("caseloads", |(_, page)| *page)
    }

    /// Every field's path, in the order the pages show them.
    pub fn paths(&self) -> Vec<Path> {
        let mut out = Vec::new();
        self.visit(&mut |p, _| out.push(p.clone()));
        out
    }

    /// Calls `out` with the path and value of every field, in page order.
    pub fn visit(&self, out: &mut dyn FnMut(&Path, &str)) {
        crate::fields::visit(self, Self::MEMBERS, &Path::default(), out);
    }

    /// Sets the field at `path` (as text) to `value` as [`ScenarioForm::value`] gives it;
    /// with `grow`, adds the list items and sections on the way (reading saved text). False
    /// if there is no such field or the value does not fit.
    pub fn set(&mut self, path: &str, value: &str, grow: bool) -> bool {
        crate::fields::set(self, Self::MEMBERS, path, value, grow)
    }

    /// Reads every field and validates the result; see the module docs.
    pub fn check(&self) -> Checked {
        self.check_sections::<{ crate::section::ALL }>()
    }

    /// Reads and validates the scenario's own fields and the parts in `S`
    /// ([`crate::section`]); the other parts are left out of the scenario it gives. A
    /// download of the web app checks the parts its pages show, and carries only their
    /// checks.
    pub fn check_sections<const S: u16>(&self) -> Checked {
        use crate::section::{BUDGET, CARE_FLOWS, CASELOADS, CONSULTATION, COST_OF_CARE, DEMAND, WORKFORCE};
        let has = |part: u16| S & part != 0;
        let mut problems = Vec::new();
        let mut r = Reader { problems: &mut problems };
        let top = Path::default();
        let scenario = Scenario {
            schema: SCHEMA_VERSION,
            authority: self.authority.trim().to_string(),
            as_at: self.as_at.trim().to_string(),
            source: self.source.clone(),
            rounding: self.rounding,
            cost_per_fte: r.opt(&top, &Self::cost_per_fte, self, "").map(Money::new),
            compare_targets: self
                .compare_targets
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let path = Path::root("compare_targets").index(i);
                    r.number(&path, &Self::compare_targets, t, "").unwrap_or(Decimal::ZERO)
                })
                .collect(),
            teams: if has(CASELOADS) {
                self.teams.iter().enumerate().map(|(i, t)| team(i, t, &mut r)).collect()
            } else {
                Vec::new()
            },
            options: self
                .options
                .iter()
                .enumerate()
                .filter(|_| has(CASELOADS))
                .map(|(i, o)| PlanOption {
                    id: o.id.trim().to_string(),
                    name: o.name.trim().to_string(),
                    cost_per_fte: r
                        .opt(&Path::root("options").index(i), &OptionForm::cost_per_fte, o, "")
                        .map(Money::new),
                })
                .collect(),
            workforce: self.workforce.as_ref().filter(|_| has(WORKFORCE)).map(|w| w.read(&mut r)),
            demand: self.demand.as_ref().filter(|_| has(DEMAND)).map(|d| d.read(&mut r)),
            care_flows: self.care_flows.as_ref().filter(|_| has(CARE_FLOWS)).map(|c| c.read(&mut r)),
            placements: self.placements.as_ref().filter(|_| has(COST_OF_CARE)).map(|p| p.read(&mut r)),
            budget_history: if has(COST_OF_CARE) {
                BudgetYearForm::read_all(&self.budget_history, &mut r)
            } else {
                Vec::new()
            },
            invest_to_save: self.invest_to_save.as_ref().filter(|_| has(COST_OF_CARE)).map(|i| i.read(&mut r)),
            budget: self.budget.as_ref().filter(|_| has(BUDGET)).map(|b| b.read(&mut r)),
            consultation: self.consultation.as_ref().filter(|_| has(CONSULTATION)).map(|c| c.read(&mut r)),
        };
        let others = self.workforce.is_some()
            || self.demand.is_some()
            || self.care_flows.is_some()
            || self.placements.is_some()
            || !self.budget_history.is_empty()
            || self.invest_to_save.is_some()
            || self.budget.is_some();
        // A field that could not be read holds a stand-in: say nothing more about it, nor
        // about fields checked against it (the rest of its team group or role).
        let unreadable: Vec<&str> = problems.iter().map(|p| group(&p.path)).collect();
        let checks: Vec<Problem> = crate::validate_sections::<S>(&scenario, others)
            .into_iter()
            .filter(|p| !unreadable.contains(&group(&p.path)))
            .collect();
        problems.extend(checks);
        if !problems.is_empty() {
            self.sort(&mut problems);
        }
        let ok = !crate::has_errors(&problems);
        let draft = Arc::new(scenario);
        Checked { scenario: ok.then(|| Arc::clone(&draft)), draft, problems }
    }

    /// Puts problems in the order their fields appear on the pages (a problem about a list
    /// or section, like `teams`, comes before its first field; one about something with no
    /// field, like `schema`, first).
    pub fn sort(&self, problems: &mut [Problem]) {
        let paths = self.paths();
        let rank = |path: &str| -> usize {
            let within = |p: &Path| {
                let p = p.as_str();
                p == path || p.strip_prefix(path).is_some_and(|rest| rest.starts_with(['.', '[']))
            };
            if let Some(i) = paths.iter().position(within) {
                return i + 1;
            }
            // Deeper than any field (or a field this form does not show): its nearest
            // container's place, after the container's own fields.
            let mut prefix = path;
            while let Some(cut) = prefix.rfind(['.', '[']) {
                prefix = prefix.get(..cut).unwrap_or("");
                let inside = |p: &&Path| p.as_str().strip_prefix(prefix).is_some_and(|r| r.starts_with(['.', '[']));
                if let Some(last) = paths.iter().rposition(|p| inside(&p)) {
                    return last + 1;
                }
            }
            if path == "schema" {
                0
            } else {
                paths.len() + 1
            }
        };
        problems.sort_by_cached_key(|p| rank(&p.path));
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

    /// Removes year `i` of the budget history, if there is one.
    pub fn remove_budget_year(&mut self, i: usize) {
        if i < self.budget_history.len() {
            self.budget_history.remove(i);
        }
    }

    /// Removes comparison target `i`, if there is one.
    pub fn remove_target(&mut self, i: usize) {
        if i < self.compare_targets.len() {
            self.compare_targets.remove(i);
        }
    }
}
