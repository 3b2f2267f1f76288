//! The caseload planner: posts needed to bring an average caseload down to a target,
//! and what they cost.
//!
//! ```text
//! cases          = current average caseload x case-holding FTE   (or as entered)
//! FTE needed     = cases / target caseload
//! additional FTE = FTE needed - case-holding FTE, or 0 with the rest reported as spare
//! posts          = additional FTE rounded by the scenario's rule (default: nearest, halves up)
//! cost           = posts x cost per FTE, to the penny (halves up)
//! ```

use csplan_model::fmt::short;
use csplan_model::{Decimal, Fte, Money, Rounding, Scenario, HALF_UP};
use serde::Serialize;

use crate::CalcError;

/// Which figure the cases come from; decides how the explanation reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The current average caseload was given: cases = average x FTE.
    Caseload,
    /// The number of cases was given (or pooled from several team groups).
    Cases,
}

/// Inputs for one caseload calculation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseloadInput {
    /// Case-holding FTE.
    pub case_holding_fte: Fte,
    /// Cases held, if given (preferred over the caseload when both are given).
    pub cases: Option<Decimal>,
    /// Current average caseload, if given.
    pub current_caseload: Option<Decimal>,
    /// The caseload to reach.
    pub target_caseload: Decimal,
    /// Cost of one FTE post a year, if given.
    pub cost_per_fte: Option<Money>,
    /// How additional FTE becomes posts.
    pub rounding: Rounding,
}

/// Everything the planner works out for one team group or option at one target.
/// Figures are exact (unrounded) except `posts` and `cost`, which follow the named rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseloadResult {
    /// Case-holding FTE, as given.
    pub case_holding_fte: Fte,
    /// Cases held (given, or average x FTE).
    #[serde(with = "csplan_model::dec")]
    pub cases: Decimal,
    /// Average caseload now (given, or cases / FTE).
    #[serde(with = "csplan_model::dec")]
    pub current_caseload: Decimal,
    /// The caseload to reach.
    #[serde(with = "csplan_model::dec")]
    pub target_caseload: Decimal,
    /// FTE needed to hold the cases at the target: cases / target.
    pub fte_needed: Fte,
    /// FTE to add: FTE needed - FTE, never below 0.
    pub additional_fte: Fte,
    /// Posts to fund: additional FTE under the rounding rule.
    #[serde(with = "csplan_model::dec")]
    pub posts: Decimal,
    /// Cost a year: posts x cost per FTE, to the penny (`None` when no cost per FTE is
    /// given).
    pub cost: Option<Money>,
    /// FTE beyond what the target needs, when it is already met (else 0).
    pub spare_fte: Fte,
    /// Cost per FTE used, if given.
    pub cost_per_fte: Option<Money>,
    /// Rounding rule used.
    pub rounding: Rounding,
    /// Which figure the cases came from.
    pub basis: Basis,
    /// One line, with the inputs: how the figures were reached.
    pub explanation: String,
}

impl CaseloadResult {
    /// Posts as printed: whole posts (`14`), or FTE to hundredths (`14.47`) when the rule
    /// is not to round.
    pub fn posts_text(&self) -> String {
        match self.rounding {
            Rounding::None => short(self.posts, 2),
            _ => short(self.posts, 0),
        }
    }

    /// The headline: "£585,746 a year for 14 posts", "14 posts (no cost per FTE given)",
    /// or "Target of 18 met: 2.5 FTE to spare".
    pub fn headline(&self) -> String {
        if self.additional_fte.is_zero() {
            return format!(
                "Target of {} met: {} FTE to spare",
                short(self.target_caseload, 2),
                short(self.spare_fte.value(), 2)
            );
        }
        match self.cost {
            Some(cost) => format!("{} a year for {}", cost.display_pounds(), self.posts_phrase()),
            None => format!("{} (no cost per FTE given)", self.posts_phrase()),
        }
    }

    /// How the caseload now is reached: "1,014.2 cases / 41.87 FTE = 24.2".
    pub fn caseload_working(&self) -> String {
        format!(
            "{} cases / {} FTE = {}",
            short(self.cases, 1),
            short(self.case_holding_fte.value(), 2),
            short(self.current_caseload, 1)
        )
    }

    /// How the extra FTE is reached: "1,014.2 cases / 18 = 56.34 FTE needed; less 41.87
    /// FTE now = 14.47 more", or the FTE to spare when the target is met.
    pub fn extra_fte_working(&self) -> String {
        let start = format!(
            "{} cases / a caseload of {} = {} FTE needed",
            short(self.cases, 1),
            short(self.target_caseload, 2),
            short(self.fte_needed.value(), 2)
        );
        let now = short(self.case_holding_fte.value(), 2);
        if self.additional_fte.is_zero() {
            format!(
                "{start}; {now} FTE now, so the target is met with {} FTE to spare",
                short(self.spare_fte.value(), 2)
            )
        } else {
            format!("{start}; less {now} FTE now = {} more", short(self.additional_fte.value(), 2))
        }
    }

    /// How the posts are reached: "14.47 extra FTE, rounded to the nearest whole post
    /// (halves round up) = 14 posts".
    pub fn posts_working(&self) -> String {
        let rule = match self.rounding {
            Rounding::Nearest => "rounded to the nearest whole post (halves round up)",
            Rounding::Up => "rounded up to whole posts",
            Rounding::Down => "rounded down to whole posts",
            Rounding::None => "not rounded to whole posts (FTE to hundredths)",
        };
        format!("{} extra FTE, {rule} = {}", short(self.additional_fte.value(), 2), self.posts_phrase())
    }

    /// How the cost is reached: "14 posts x £41,839 = £585,746 a year (to the penny, halves
    /// up)", or what is missing.
    pub fn cost_working(&self) -> String {
        match (self.cost_per_fte, self.cost) {
            (Some(per), Some(cost)) => format!(
                "{} x {} = {} a year (to the penny, halves up)",
                self.posts_phrase(),
                per.display_pounds(),
                cost.display_pounds()
            ),
            _ => "No cost per FTE is given: enter one under Costs and rounding".to_string(),
        }
    }

    /// Posts in words: `1 post`, `14 posts`, or `14.47 FTE` when not rounded.
    pub fn posts_phrase(&self) -> String {
        match self.rounding {
            Rounding::None => format!("{} FTE", self.posts_text()),
            _ if self.posts == Decimal::ONE => "1 post".to_string(),
            _ => format!("{} posts", self.posts_text()),
        }
    }
}

/// Posts to fund for a number of additional FTE, under a rounding rule:
/// nearest (halves up), up, down, or none (kept as FTE to hundredths, halves up).
pub fn round_posts(additional_fte: Decimal, rule: Rounding) -> Decimal {
    match rule {
        Rounding::Nearest => additional_fte.round_dp_with_strategy(0, HALF_UP),
        Rounding::Up => additional_fte.ceil(),
        Rounding::Down => additional_fte.floor(),
        Rounding::None => additional_fte.round_dp_with_strategy(2, HALF_UP),
    }
}

/// Works out one caseload result. Never panics; see [`CalcError`] for what it refuses.
pub fn caseload(input: &CaseloadInput) -> Result<CaseloadResult, CalcError> {
    let fte = input.case_holding_fte.value();
    if fte <= Decimal::ZERO {
        return Err(CalcError::NoFte);
    }
    let target = input.target_caseload;
    if target <= Decimal::ZERO {
        return Err(CalcError::NoTarget);
    }
    let (cases, current, basis) = match (input.cases, input.current_caseload) {
        (Some(cases), _) => (cases, cases.checked_div(fte).ok_or(CalcError::Overflow)?, Basis::Cases),
        (None, Some(avg)) => (avg.checked_mul(fte).ok_or(CalcError::Overflow)?, avg, Basis::Caseload),
        (None, None) => return Err(CalcError::NoCases),
    };
    let needed = cases.checked_div(target).ok_or(CalcError::Overflow)?;
    let gap = needed.checked_sub(fte).ok_or(CalcError::Overflow)?;
    let (additional, spare) = if gap > Decimal::ZERO { (gap, Decimal::ZERO) } else { (Decimal::ZERO, -gap) };
    let posts = round_posts(additional, input.rounding);
    let cost = match input.cost_per_fte {
        Some(per) => Some(per.checked_times(posts).ok_or(CalcError::Overflow)?.round_pence()),
        None => None,
    };
    let explanation = explain(input, basis, cases, current, needed, additional, spare, posts, cost);
    Ok(CaseloadResult {
        case_holding_fte: input.case_holding_fte,
        cases,
        current_caseload: current,
        target_caseload: target,
        fte_needed: Fte::new(needed),
        additional_fte: Fte::new(additional),
        posts,
        cost,
        spare_fte: Fte::new(spare),
        cost_per_fte: input.cost_per_fte,
        rounding: input.rounding,
        basis,
        explanation,
    })
}

#[allow(clippy::too_many_arguments)]
fn explain(
    input: &CaseloadInput,
    basis: Basis,
    cases: Decimal,
    current: Decimal,
    needed: Decimal,
    additional: Decimal,
    spare: Decimal,
    posts: Decimal,
    cost: Option<Money>,
) -> String {
    let fte = short(input.case_holding_fte.value(), 2);
    let start = match basis {
        Basis::Caseload => format!("{fte} FTE x {} = {} cases", short(current, 2), short(cases, 1)),
        Basis::Cases => format!("{} cases / {fte} FTE = {} average", short(cases, 2), short(current, 1)),
    };
    let target = short(input.target_caseload, 2);
    let needed = short(needed, 1);
    if additional.is_zero() {
        return format!(
            "{start}; / {target} = {needed} FTE needed; target met with {} FTE to spare; no extra posts",
            short(spare, 2)
        );
    }
    let funded = funded_posts(posts, input.rounding);
    match input.cost_per_fte.zip(cost) {
        Some((per, cost)) => format!(
            "{start}; / {target} = {needed} FTE needed; {} more; {funded} at {} = {}",
            short(additional, 2),
            per.display_pounds(),
            cost.display_pounds()
        ),
        None => format!(
            "{start}; / {target} = {needed} FTE needed; {} more; {funded}; no cost per FTE given",
            short(additional, 2)
        ),
    }
}

/// "14 posts (rounded up)", or "14.47 FTE (not rounded to whole posts)".
fn funded_posts(posts: Decimal, rounding: Rounding) -> String {
    match rounding {
        Rounding::None => format!("{} FTE (not rounded to whole posts)", short(posts, 2)),
        rule => {
            let noun = if posts == Decimal::ONE { "post" } else { "posts" };
            let how = match rule {
                Rounding::Up => " (rounded up)",
                Rounding::Down => " (rounded down)",
                _ => "",
            };
            format!("{} {noun}{how}", short(posts, 0))
        }
    }
}

/// One team group's result at its own target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TeamResult {
    /// The team group's name.
    pub name: String,
    /// Its figures.
    #[serde(flatten)]
    pub result: CaseloadResult,
}

/// One option: its team groups pooled, at each comparison target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OptionResult {
    /// The option's id.
    pub id: String,
    /// The option's name.
    pub name: String,
    /// Names of the team groups it pools.
    pub teams: Vec<String>,
    /// Its result at each comparison target, in the scenario's order.
    pub at_targets: Vec<CaseloadResult>,
}

/// Posts and cost over all team groups, each at its own target.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Sum of additional FTE.
    pub additional_fte: Fte,
    /// Sum of posts.
    #[serde(with = "csplan_model::dec")]
    pub posts: Decimal,
    /// Sum of costs (`None` when any team group needing posts has no cost per FTE).
    pub cost: Option<Money>,
}

impl Totals {
    /// The posts to add, when the team groups need any (`None` when every group already
    /// meets its target): what other pages offer to carry over as new posts.
    pub fn posts_needed(&self) -> Option<Decimal> {
        (self.posts > Decimal::ZERO).then_some(self.posts)
    }
}

/// All results for a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Team groups, each at its own target.
    pub teams: Vec<TeamResult>,
    /// Totals over the team groups.
    pub totals: Totals,
    /// Options, each at every comparison target.
    pub options: Vec<OptionResult>,
    /// The workforce section's figures, if the scenario has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workforce: Option<crate::workforce::WorkforceReport>,
    /// Demand: growth, projections and the chain to posts, if the scenario has demand series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand: Option<crate::demand::DemandReport>,
    /// Children looked after projected as stocks and flows, if the scenario has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub care_flows: Option<crate::care_flows::FlowProjection>,
    /// Placements, budget history and invest-to-save, where the scenario has them.
    #[serde(flatten)]
    pub cost_of_care: crate::placements::CostOfCare,
    /// Savings by area and the medium-term plan, if the scenario has a budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<crate::budget::BudgetReport>,
    /// The consultation at its starting values, if the scenario has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consultation: Option<crate::consultation::Outcome>,
}

fn team_input(s: &Scenario, team: &csplan_model::TeamGroup) -> CaseloadInput {
    CaseloadInput {
        case_holding_fte: team.case_holding_fte,
        cases: team.cases,
        current_caseload: team.current_caseload,
        target_caseload: team.target_caseload,
        cost_per_fte: team.cost_per_fte.or(s.cost_per_fte),
        rounding: s.rounding,
    }
}

/// Every option of a scenario, pooled and compared at each comparison target.
///
/// Pooling: FTE and cases add up over the option's team groups; the average is
/// pooled cases / pooled FTE. An option of one team group keeps that group's basis.
pub fn options(s: &Scenario) -> Result<Vec<OptionResult>, CalcError> {
    let mut out = Vec::with_capacity(s.options.len());
    for option in &s.options {
        let members: Vec<&csplan_model::TeamGroup> =
            s.teams.iter().filter(|t| t.options.contains(&option.id)).collect();
        if members.is_empty() {
            continue;
        }
        let cost_per_fte = option.cost_per_fte.or(s.cost_per_fte);
        let base = match members.as_slice() {
            [only] => CaseloadInput { cost_per_fte, ..team_input(s, only) },
            _ => {
                let mut fte = Fte::ZERO;
                let mut cases = Decimal::ZERO;
                for team in &members {
                    let r = caseload(&team_input(s, team))?;
                    fte = fte.checked_add(team.case_holding_fte).ok_or(CalcError::Overflow)?;
                    cases = cases.checked_add(r.cases).ok_or(CalcError::Overflow)?;
                }
                pooled_input(fte, cases, cost_per_fte, s.rounding)?
            }
        };
        let at_targets = s
            .compare_targets
            .iter()
            .map(|target| caseload(&CaseloadInput { target_caseload: *target, ..base }))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(OptionResult {
            id: option.id.clone(),
            name: option.name.clone(),
            teams: members.iter().map(|t| t.name.clone()).collect(),
            at_targets,
        });
    }
    Ok(out)
}

/// Pooled teams read as "FTE x average" when the pooled average is exact to two places
/// (as in the papers, which print averages), and as "cases / FTE" otherwise.
fn pooled_input(
    fte: Fte,
    cases: Decimal,
    cost_per_fte: Option<Money>,
    rounding: Rounding,
) -> Result<CaseloadInput, CalcError> {
    let average = cases.checked_div(fte.value()).ok_or(CalcError::NoFte)?;
    let exact = average.round_dp(2) == average;
    Ok(CaseloadInput {
        case_holding_fte: fte,
        cases: (!exact).then_some(cases),
        current_caseload: exact.then_some(average),
        target_caseload: Decimal::ONE,
        cost_per_fte,
        rounding,
    })
}

/// Team group `i` at its own target (`None` if there is no such group).
pub fn team(s: &Scenario, i: usize) -> Option<Result<CaseloadResult, CalcError>> {
    s.teams.get(i).map(|t| caseload(&team_input(s, t)))
}

/// All results for a scenario: the caseload planner's and, if it has one, the workforce's.
pub fn report(s: &Scenario) -> Result<Report, CalcError> {
    let mut report = caseload_report(s)?;
    report.workforce = crate::workforce::workforce(s)?;
    report.cost_of_care = crate::placements::cost_of_care(s)?;
    report.demand = crate::demand::demand(s)?;
    report.care_flows =
        s.care_flows.as_ref().map(|c| crate::care_flows::project_flows_from(&s.as_at, c)).transpose()?;
    report.budget = crate::budget::budget(s)?;
    report.consultation = s.consultation.as_ref().map(|c| crate::consultation::evaluate(s, c, &[])).transpose()?;
    Ok(report)
}

/// The caseload planner's results only: each team group at its own target, totals, and
/// options (`workforce` is `None`). The Caseloads page uses this, so its download does not
/// carry the workforce model.
pub fn caseload_report(s: &Scenario) -> Result<Report, CalcError> {
    let mut teams = Vec::with_capacity(s.teams.len());
    let mut totals = Totals { cost: Some(Money::ZERO), ..Totals::default() };
    for team in &s.teams {
        let result = caseload(&team_input(s, team))?;
        totals.additional_fte = totals.additional_fte.checked_add(result.additional_fte).ok_or(CalcError::Overflow)?;
        totals.posts = totals.posts.checked_add(result.posts).ok_or(CalcError::Overflow)?;
        totals.cost = match (totals.cost, result.cost) {
            (Some(sum), Some(cost)) => Some(sum.checked_add(cost).ok_or(CalcError::Overflow)?),
            (sum, None) if result.posts.is_zero() => sum,
            _ => None,
        };
        teams.push(TeamResult { name: team.name.clone(), result });
    }
    Ok(Report {
        teams,
        totals,
        options: options(s)?,
        workforce: None,
        demand: None,
        care_flows: None,
        cost_of_care: Default::default(),
        budget: None,
        consultation: None,
    })
}

/// The totals in words, with their working: each team group's posts and cost at its own
/// target, added up, and why the sum is not an option's figure (each group's extra FTE is
/// turned into posts on its own, where an option pools its groups first).
///
/// ```text
/// Assessment, ... teams: 9 posts (£376,551) + Disabled children's teams: 6 posts (£251,034)
///   = 15 posts, £627,585 a year; 14.47 extra FTE before each group's rounding
/// ```
pub fn totals_working(r: &Report) -> String {
    let needing: Vec<&TeamResult> = r.teams.iter().filter(|t| !t.result.additional_fte.is_zero()).collect();
    let Some(first) = needing.first() else {
        return "Every team group already meets its own target: no posts to add.".to_string();
    };
    let parts: Vec<String> = needing
        .iter()
        .map(|t| format!("{}: {} ({})", t.name, t.result.posts_phrase(), cost_text(t.result.cost)))
        .collect();
    let posts = match first.result.rounding {
        Rounding::None => format!("{} FTE", short(r.totals.posts, 2)),
        _ if r.totals.posts == Decimal::ONE => "1 post".to_string(),
        _ => format!("{} posts", short(r.totals.posts, 0)),
    };
    let rounded = if first.result.rounding == Rounding::None {
        String::new()
    } else {
        format!("; {} extra FTE before each group's rounding", short(r.totals.additional_fte.value(), 2))
    };
    let cost = match r.totals.cost {
        Some(c) => format!("{} a year", c.display_pounds()),
        None => "cost not given".to_string(),
    };
    format!("{} = {posts}, {cost}{rounded}", parts.join(" + "))
}

/// A cost as printed, or "no cost per FTE given" when there is none.
pub fn cost_text(cost: Option<Money>) -> String {
    cost.map_or_else(|| "no cost per FTE given".to_string(), Money::display_pounds)
}
