//! Workforce: the DfE measures, vacancies not covered and the gap after the pipeline,
//! annual costs, retention payments, and a monthly projection.
//!
//! DfE definitions (children's social work workforce statistics, at 30 September):
//! ```text
//! vacancy rate              = vacancy FTE / (vacancy FTE + in-post FTE)
//! agency rate               = agency FTE / (agency FTE + in-post FTE)
//! turnover rate             = leavers FTE / in-post FTE
//! agency cover rate         = agency FTE covering vacancies / agency FTE
//! vacancy agency cover rate = agency FTE covering vacancies / vacancy FTE
//! caseload                  = cases / case-holder FTE (DfE's count when the projection
//!                             gives it; otherwise every FTE in a case-holding role)
//! ```
//! Rates are percentages (18.9 means 18.9%), unrounded.

use csplan_model::fmt::short;
use csplan_model::{Decimal, Fte, Money, Rate, Role, Scenario, StarterKind, Workforce};
use serde::Serialize;

use crate::projection::Projection;
use crate::CalcError;

/// Inputs of the DfE measures; a measure whose inputs are missing is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MeasureInputs {
    /// Permanent (in-post) FTE.
    pub in_post: Option<Decimal>,
    /// Vacancy FTE.
    pub vacancies: Option<Decimal>,
    /// Agency FTE (all agency workers).
    pub agency: Option<Decimal>,
    /// Agency FTE covering vacancies.
    pub agency_cover: Option<Decimal>,
    /// Leavers FTE in the year.
    pub leavers: Option<Decimal>,
    /// Cases held.
    pub cases: Option<Decimal>,
    /// Case-holder FTE (including agency).
    pub case_holders: Option<Decimal>,
}

/// The DfE workforce measures. Rates are percentages, unrounded; `None` where an input is
/// missing or the denominator is zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Measures {
    /// Vacancy FTE / (vacancy FTE + in-post FTE), %.
    pub vacancy_rate: Option<Rate>,
    /// Agency FTE / (agency FTE + in-post FTE), %.
    pub agency_rate: Option<Rate>,
    /// Leavers FTE / in-post FTE, %.
    pub turnover_rate: Option<Rate>,
    /// Agency FTE covering vacancies / agency FTE, %.
    pub agency_cover_rate: Option<Rate>,
    /// Agency FTE covering vacancies / vacancy FTE, %.
    pub vacancy_agency_cover_rate: Option<Rate>,
    /// Cases / case-holder FTE.
    #[serde(with = "csplan_model::dec::option")]
    pub caseload: Option<Decimal>,
}

fn percent(part: Option<Decimal>, whole: Option<Decimal>) -> Option<Rate> {
    let (part, whole) = (part?, whole?);
    if whole <= Decimal::ZERO {
        return None;
    }
    part.checked_div(whole)?.checked_mul(Decimal::ONE_HUNDRED).map(Rate::new)
}

fn plus(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    a?.checked_add(b?)
}

/// The DfE measures from their inputs.
pub fn measures(i: &MeasureInputs) -> Measures {
    Measures {
        vacancy_rate: percent(i.vacancies, plus(i.vacancies, i.in_post)),
        agency_rate: percent(i.agency, plus(i.agency, i.in_post)),
        turnover_rate: percent(i.leavers, i.in_post),
        agency_cover_rate: percent(i.agency_cover, i.agency),
        vacancy_agency_cover_rate: percent(i.agency_cover, i.vacancies),
        caseload: match (i.cases, i.case_holders) {
            (Some(c), Some(h)) if h > Decimal::ZERO => c.checked_div(h),
            _ => None,
        },
    }
}

/// One role's establishment figures, pipeline, gap, measures and costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleFigures {
    /// The role ("Total" for the sum).
    pub name: String,
    /// Funded posts.
    pub establishment: Fte,
    /// Newly created posts (within the establishment).
    pub newly_created: Fte,
    /// Permanent staff in post: establishment - vacancies.
    pub in_post: Fte,
    /// Vacant posts.
    pub vacancies: Fte,
    /// Agency workers covering vacancies.
    pub agency_covering_vacancies: Fte,
    /// Agency workers over the establishment.
    pub agency_over_establishment: Fte,
    /// All agency workers.
    pub agency: Fte,
    /// Vacancies not covered by agency workers: vacancies - agency covering them.
    pub vacant_not_covered: Fte,
    /// Agency starters in the pipeline.
    pub agency_pipeline: Fte,
    /// Permanent starters in the pipeline.
    pub permanent_pipeline: Fte,
    /// Vacancies still not covered once the pipeline has started, floored at zero for each
    /// role (the total is the sum of the roles' floored gaps, as West Sussex prints it).
    pub remaining_gap: Fte,
    /// DfE measures.
    pub measures: Measures,
    /// Annual costs, where the role's costs are given.
    pub costs: Option<RoleCosts>,
}

/// A role's annual staffing costs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RoleCosts {
    /// Permanent staff: in post x permanent cost per FTE.
    pub permanent: Money,
    /// Agency workers: agency FTE x agency cost per FTE.
    pub agency: Money,
    /// What agency workers cost over permanent staff: agency FTE x (agency - permanent cost).
    pub agency_premium: Money,
    /// Change in annual cost from converting every agency worker covering a vacancy to
    /// permanent: agency covering x (permanent - agency cost); negative is a saving.
    pub convert_agency_cover: Money,
    /// The role's permanent and agency cost per FTE (none for a total), for the workings.
    #[serde(skip)]
    pub per_fte: Option<(Money, Money)>,
}

/// A figure of the workforce tables, for its working.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleFigure {
    /// Permanent staff in post.
    InPost,
    /// All agency workers.
    Agency,
    /// Vacancies not covered by agency workers.
    NotCovered,
    /// The gap left after both pipelines.
    Gap,
    /// Vacancy rate.
    VacancyRate,
    /// Agency rate.
    AgencyRate,
    /// Agency cover rate.
    AgencyCoverRate,
    /// Vacancy agency cover rate.
    VacancyAgencyCoverRate,
    /// Permanent staff's cost a year.
    PermanentCost,
    /// Agency workers' cost a year.
    AgencyCost,
    /// The agency premium a year.
    AgencyPremium,
    /// Converting agency cover to permanent.
    ConvertAgencyCover,
}

impl RoleFigures {
    /// How `figure` is reached for this role, in words and figures ("41 posts - 5 vacant =
    /// 36 FTE"); for the total (`roles` given), the figures that add up to it where the
    /// total is a sum of the roles' (the gap, the costs). None where it is not given.
    pub fn working(&self, figure: RoleFigure, roles: Option<&[RoleFigures]>) -> Option<String> {
        use RoleFigure as F;
        let f = |x: Fte| short(x.value(), 2);
        let pct = |r: Option<Rate>| r.map(|r| format!("{}%", short(r.value(), 1)));
        let added = |each: fn(&RoleFigures) -> Option<Money>, total: Option<Money>| {
            let parts = roles?.iter().filter_map(|r| each(r).map(|m| m.display_pounds())).collect::<Vec<_>>();
            Some(format!("the roles' costs added: {} = {}", parts.join(" + "), total?.display_pounds()))
        };
        let costs = self.costs;
        let per = costs.and_then(|c| c.per_fte);
        match figure {
            F::InPost => Some(format!(
                "{} posts - {} vacant = {} FTE in post",
                f(self.establishment),
                f(self.vacancies),
                f(self.in_post)
            )),
            F::Agency => Some(format!(
                "{} covering vacancies + {} over the establishment = {} FTE",
                f(self.agency_covering_vacancies),
                f(self.agency_over_establishment),
                f(self.agency)
            )),
            F::NotCovered => Some(format!(
                "{} vacant - {} covered by agency workers = {} FTE",
                f(self.vacancies),
                f(self.agency_covering_vacancies),
                f(self.vacant_not_covered)
            )),
            F::Gap => match roles {
                Some(roles) => Some(format!(
                    "each role's gap, floored at 0, added: {} = {} FTE",
                    roles.iter().map(|r| f(r.remaining_gap)).collect::<Vec<_>>().join(" + "),
                    f(self.remaining_gap)
                )),
                None => Some(format!(
                    "{} not covered - {} agency pipeline - {} permanent pipeline, at least 0 = {} FTE",
                    f(self.vacant_not_covered),
                    f(self.agency_pipeline),
                    f(self.permanent_pipeline),
                    f(self.remaining_gap)
                )),
            },
            F::VacancyRate => Some(format!(
                "{} vacant / ({} vacant + {} in post) = {}",
                f(self.vacancies),
                f(self.vacancies),
                f(self.in_post),
                pct(self.measures.vacancy_rate)?
            )),
            F::AgencyRate => Some(format!(
                "{} agency / ({} agency + {} in post) = {}",
                f(self.agency),
                f(self.agency),
                f(self.in_post),
                pct(self.measures.agency_rate)?
            )),
            F::AgencyCoverRate => Some(format!(
                "{} agency covering vacancies / {} agency = {}",
                f(self.agency_covering_vacancies),
                f(self.agency),
                pct(self.measures.agency_cover_rate)?
            )),
            F::VacancyAgencyCoverRate => Some(format!(
                "{} agency covering vacancies / {} vacant = {}",
                f(self.agency_covering_vacancies),
                f(self.vacancies),
                pct(self.measures.vacancy_agency_cover_rate)?
            )),
            F::PermanentCost => match per {
                Some((p, _)) => Some(format!(
                    "{} FTE in post x {} = {} a year (to the penny, halves up)",
                    f(self.in_post),
                    p.display_pounds(),
                    costs?.permanent.display_pounds()
                )),
                None => added(|r| r.costs.map(|c| c.permanent), costs.map(|c| c.permanent)),
            },
            F::AgencyCost => match per {
                Some((_, a)) => Some(format!(
                    "{} agency FTE x {} = {} a year (to the penny, halves up)",
                    f(self.agency),
                    a.display_pounds(),
                    costs?.agency.display_pounds()
                )),
                None => added(|r| r.costs.map(|c| c.agency), costs.map(|c| c.agency)),
            },
            F::AgencyPremium => match per {
                Some((p, a)) => Some(format!(
                    "{} agency FTE x ({} agency - {} permanent) = {} a year",
                    f(self.agency),
                    a.display_pounds(),
                    p.display_pounds(),
                    costs?.agency_premium.display_pounds()
                )),
                None => added(|r| r.costs.map(|c| c.agency_premium), costs.map(|c| c.agency_premium)),
            },
            F::ConvertAgencyCover => match per {
                Some((p, a)) => Some(format!(
                    "{} agency FTE covering vacancies x ({} permanent - {} agency) = {} a year (negative: a saving)",
                    f(self.agency_covering_vacancies),
                    p.display_pounds(),
                    a.display_pounds(),
                    costs?.convert_agency_cover.display_pounds()
                )),
                None => added(|r| r.costs.map(|c| c.convert_agency_cover), costs.map(|c| c.convert_agency_cover)),
            },
        }
    }
}

/// A retention payment's cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RetentionCost {
    /// FTE expected to take it up: eligible x take-up.
    pub takers: Fte,
    /// Cost a year: takers x amount.
    pub per_year: Money,
    /// Cost over the scheme: per year x years.
    pub total: Money,
}

/// Everything the workforce section works out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkforceReport {
    /// Each role.
    pub roles: Vec<RoleFigures>,
    /// All roles together.
    pub total: RoleFigures,
    /// The retention payment's cost, if there is one.
    pub retention: Option<RetentionCost>,
    /// The monthly projection.
    pub projection: Projection,
}

fn add(a: Fte, b: Fte) -> Result<Fte, CalcError> {
    a.checked_add(b).ok_or(CalcError::Overflow)
}

fn sub(a: Fte, b: Fte) -> Result<Fte, CalcError> {
    a.checked_sub(b).ok_or(CalcError::Overflow)
}

fn floor0(f: Fte) -> Fte {
    if f.is_negative() {
        Fte::ZERO
    } else {
        f
    }
}

fn pipeline(role: &Role, kind: StarterKind) -> Result<Fte, CalcError> {
    role.pipeline.iter().filter(|s| s.kind == kind).try_fold(Fte::ZERO, |acc, s| add(acc, s.fte))
}

fn money_times(m: Money, q: Fte) -> Result<Money, CalcError> {
    m.checked_times(q.value()).ok_or(CalcError::Overflow)
}

fn role_costs(role: &Role, in_post: Fte, agency: Fte) -> Result<Option<RoleCosts>, CalcError> {
    let (Some(perm), Some(agency_cost)) = (role.permanent_cost_per_fte, role.agency_cost_per_fte) else {
        return Ok(None);
    };
    let premium_per = agency_cost.checked_sub(perm).ok_or(CalcError::Overflow)?;
    let saving_per = perm.checked_sub(agency_cost).ok_or(CalcError::Overflow)?;
    Ok(Some(RoleCosts {
        permanent: money_times(perm, in_post)?.round_pence(),
        agency: money_times(agency_cost, agency)?.round_pence(),
        agency_premium: money_times(premium_per, agency)?.round_pence(),
        convert_agency_cover: money_times(saving_per, role.agency_covering_vacancies)?.round_pence(),
        per_fte: Some((perm, agency_cost)),
    }))
}

fn role_figures(role: &Role, cases: Option<Decimal>, scale: (Decimal, Decimal)) -> Result<RoleFigures, CalcError> {
    let in_post = sub(role.establishment, role.vacancies)?;
    let agency = add(role.agency_covering_vacancies, role.agency_over_establishment)?;
    let not_covered = sub(role.vacancies, role.agency_covering_vacancies)?;
    let agency_pipeline = pipeline(role, StarterKind::Agency)?;
    let permanent_pipeline = pipeline(role, StarterKind::Permanent)?;
    let gap = floor0(sub(sub(not_covered, agency_pipeline)?, permanent_pipeline)?);
    let case_holders = match role.case_holding {
        true => Some(
            add(in_post, agency)?
                .value()
                .checked_mul(scale.0)
                .and_then(|x| x.checked_div(scale.1))
                .ok_or(CalcError::Overflow)?,
        ),
        false => None,
    };
    Ok(RoleFigures {
        name: role.name.clone(),
        establishment: role.establishment,
        newly_created: role.newly_created,
        in_post,
        vacancies: role.vacancies,
        agency_covering_vacancies: role.agency_covering_vacancies,
        agency_over_establishment: role.agency_over_establishment,
        agency,
        vacant_not_covered: not_covered,
        agency_pipeline,
        permanent_pipeline,
        remaining_gap: gap,
        measures: measures(&MeasureInputs {
            in_post: Some(in_post.value()),
            vacancies: Some(role.vacancies.value()),
            agency: Some(agency.value()),
            agency_cover: Some(role.agency_covering_vacancies.value()),
            leavers: role.leavers.map(Fte::value),
            cases: cases.filter(|_| role.case_holding),
            case_holders,
        }),
        costs: role_costs(role, in_post, agency)?,
    })
}

fn sum_costs(a: Option<RoleCosts>, b: Option<RoleCosts>) -> Result<Option<RoleCosts>, CalcError> {
    let (Some(a), Some(b)) = (a, b) else { return Ok(a.or(b).map(|c| RoleCosts { per_fte: None, ..c })) };
    let m = |x: Money, y: Money| x.checked_add(y).ok_or(CalcError::Overflow);
    Ok(Some(RoleCosts {
        permanent: m(a.permanent, b.permanent)?,
        agency: m(a.agency, b.agency)?,
        agency_premium: m(a.agency_premium, b.agency_premium)?,
        convert_agency_cover: m(a.convert_agency_cover, b.convert_agency_cover)?,
        per_fte: None,
    }))
}

fn total(
    roles: &[RoleFigures],
    leavers: Option<Decimal>,
    cases: Option<Decimal>,
    case_holders: Option<Decimal>,
) -> Result<RoleFigures, CalcError> {
    let mut t = RoleFigures {
        name: "Total".to_string(),
        establishment: Fte::ZERO,
        newly_created: Fte::ZERO,
        in_post: Fte::ZERO,
        vacancies: Fte::ZERO,
        agency_covering_vacancies: Fte::ZERO,
        agency_over_establishment: Fte::ZERO,
        agency: Fte::ZERO,
        vacant_not_covered: Fte::ZERO,
        agency_pipeline: Fte::ZERO,
        permanent_pipeline: Fte::ZERO,
        remaining_gap: Fte::ZERO,
        measures: Measures::default(),
        costs: None,
    };
    for r in roles {
        t.establishment = add(t.establishment, r.establishment)?;
        t.newly_created = add(t.newly_created, r.newly_created)?;
        t.in_post = add(t.in_post, r.in_post)?;
        t.vacancies = add(t.vacancies, r.vacancies)?;
        t.agency_covering_vacancies = add(t.agency_covering_vacancies, r.agency_covering_vacancies)?;
        t.agency_over_establishment = add(t.agency_over_establishment, r.agency_over_establishment)?;
        t.agency = add(t.agency, r.agency)?;
        t.vacant_not_covered = add(t.vacant_not_covered, r.vacant_not_covered)?;
        t.agency_pipeline = add(t.agency_pipeline, r.agency_pipeline)?;
        t.permanent_pipeline = add(t.permanent_pipeline, r.permanent_pipeline)?;
        t.remaining_gap = add(t.remaining_gap, r.remaining_gap)?;
        t.costs = sum_costs(t.costs, r.costs)?;
    }
    t.measures = measures(&MeasureInputs {
        in_post: Some(t.in_post.value()),
        vacancies: Some(t.vacancies.value()),
        agency: Some(t.agency.value()),
        agency_cover: Some(t.agency_covering_vacancies.value()),
        leavers,
        cases,
        case_holders,
    });
    Ok(t)
}

/// The retention payment's cost: takers = eligible x take-up; a year = takers x amount.
pub fn retention_cost(w: &Workforce) -> Result<Option<RetentionCost>, CalcError> {
    let Some(r) = &w.retention else { return Ok(None) };
    let share = r.take_up.value().checked_div(Decimal::ONE_HUNDRED).ok_or(CalcError::Overflow)?;
    let takers = Fte::new(r.eligible_fte.value().checked_mul(share).ok_or(CalcError::Overflow)?);
    let per_year = money_times(r.amount_per_year, takers)?.round_pence();
    let total = per_year.checked_times(Decimal::from(r.years)).ok_or(CalcError::Overflow)?;
    Ok(Some(RetentionCost { takers, per_year, total }))
}

/// Everything for a scenario's workforce section (`None` when it has none).
pub fn workforce(s: &Scenario) -> Result<Option<WorkforceReport>, CalcError> {
    let Some(w) = &s.workforce else { return Ok(None) };
    let cases = w.projection.cases;
    let mut staffed = None;
    for role in w.roles.iter().filter(|r| r.case_holding) {
        let here = add(
            sub(role.establishment, role.vacancies)?,
            add(role.agency_covering_vacancies, role.agency_over_establishment)?,
        )?;
        staffed = Some(staffed.unwrap_or(Decimal::ZERO).checked_add(here.value()).ok_or(CalcError::Overflow)?);
    }
    // DfE's case-holder FTE, when given, shares out over the case-holding roles' staff:
    // each role's staff x (case holders / all their staff).
    let (case_holders, scale) = match (w.projection.case_holders, staffed) {
        (Some(h), Some(s)) if s > Decimal::ZERO => (Some(h.value()), (h.value(), s)),
        _ => (staffed, (Decimal::ONE, Decimal::ONE)),
    };
    let roles = w.roles.iter().map(|r| role_figures(r, cases, scale)).collect::<Result<Vec<_>, _>>()?;
    let leavers =
        w.roles.iter().map(|r| r.leavers.map(Fte::value)).try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l?));
    let total = total(&roles, leavers, cases, case_holders)?;
    Ok(Some(WorkforceReport {
        retention: retention_cost(w)?,
        projection: crate::projection::project(&s.as_at, w)?,
        roles,
        total,
    }))
}

/// "92.84 vacant - 40.4 covered by agency = 52.44 not covered; - 15 agency and 19.6
/// permanent starters = 17.84 still to fill".
pub fn explain_gap(r: &RoleFigures) -> String {
    format!(
        "{} vacant - {} covered by agency = {} not covered; - {} agency and {} permanent starters = {} still to fill{}",
        short(r.vacancies.value(), 2),
        short(r.agency_covering_vacancies.value(), 2),
        short(r.vacant_not_covered.value(), 2),
        short(r.agency_pipeline.value(), 2),
        short(r.permanent_pipeline.value(), 2),
        short(r.remaining_gap.value(), 2),
        if r.remaining_gap.is_zero() && !r.vacant_not_covered.is_zero() {
            " (the pipeline covers it; floored at 0)"
        } else {
            ""
        }
    )
}
