//! Scenarios shipped with csplan: the embedded default and one per seed paper.
//! Each reproduces its source's figures; its `source` says where they come from.

use rust_decimal::Decimal;

use crate::demand::{Demand, DemandMeasure, DemandSeries, ProjectionMethod};
use crate::placements::{BudgetGroup, BudgetYear, InvestToSave, PlacementKind, PlacementLine, Placements, UnitCost};
use crate::scenario::{PlanOption, Rounding, Scenario, TeamGroup, SCHEMA_VERSION};
use crate::units::{Fte, Money, Rate};
use crate::workforce::{ProjectionSettings, Role, StarterKind, Starters, Workforce};

/// A scenario the app and CLI can load by id.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Stable id, used on the command line and in links (`barnsley-2017`).
    pub id: &'static str,
    /// Title shown to people ("Barnsley, December 2017").
    pub title: &'static str,
    /// Builds the scenario.
    pub build: fn() -> Scenario,
}

/// Every preset, the default first.
pub const PRESETS: [Preset; 5] = [
    Preset { id: "example", title: "Example council (default)", build: default_scenario },
    Preset { id: "barnsley-2017", title: "Barnsley, December 2017", build: barnsley_2017 },
    Preset { id: "portsmouth-2017", title: "Portsmouth, June 2017", build: portsmouth_2017 },
    Preset { id: "west-sussex-2019", title: "West Sussex, March 2019", build: west_sussex_2019 },
    Preset { id: "hampshire-2017", title: "Hampshire, 2017", build: hampshire_2017 },
];

/// Finds a preset by id.
pub fn preset(id: &str) -> Option<Preset> {
    PRESETS.into_iter().find(|p| p.id == id)
}

fn d(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

fn team(name: &str, fte: Decimal, target: i64, options: &[&str]) -> TeamGroup {
    TeamGroup {
        name: name.to_string(),
        case_holding_fte: Fte::new(fte),
        cases: None,
        current_caseload: None,
        target_caseload: Decimal::from(target),
        cost_per_fte: None,
        options: options.iter().map(|o| o.to_string()).collect(),
    }
}

fn option(id: &str, name: &str) -> PlanOption {
    PlanOption { id: id.to_string(), name: name.to_string(), cost_per_fte: None }
}

/// The scenario the app opens on: an illustrative authority, not a real one.
pub fn default_scenario() -> Scenario {
    Scenario {
        schema: SCHEMA_VERSION,
        authority: "Example council".to_string(),
        as_at: "2023-09-30".to_string(),
        source: "Illustrative figures for trying the planner, not a real authority. \
                 Targets compared: Ofsted's 18 and the England average caseload of 16 (DfE, 2023)."
            .to_string(),
        rounding: Rounding::Nearest,
        cost_per_fte: Money::pounds(52_000),
        compare_targets: vec![Decimal::from(18), Decimal::from(16)],
        teams: vec![
            TeamGroup { cases: Some(Decimal::from(465)), ..team("Assessment teams", d(245, 1), 18, &["A", "B"]) },
            TeamGroup {
                current_caseload: Some(d(194, 1)),
                ..team("Child protection and children in need teams", d(310, 1), 17, &["A", "B"])
            },
            TeamGroup { cases: Some(Decimal::from(300)), ..team("Children in care teams", d(186, 1), 15, &["B"]) },
            TeamGroup { cases: Some(Decimal::from(118)), ..team("Disabled children's team", d(74, 1), 16, &["B"]) },
        ],
        options: vec![
            option("A", "Option A: assessment, child protection and children in need teams"),
            option("B", "Option B: all case-holding teams"),
        ],
        ..Scenario::default()
    }
}

/// Barnsley Cabinet, December 2017: social worker caseloads, options 1-3 at 18 and 16.
///
/// The paper gives each option's average caseload (20.5, 21.7, 20.4) but not its FTE;
/// 62.8, 70.4 and 88.9 case-holding FTE reproduce every published figure. The options
/// nest, so the teams are split into three disjoint groups whose pooled figures are the
/// options': 62.8 FTE at 20.5; plus 7.6 FTE holding 240.28 cases (70.4 x 21.7 = 1,527.68);
/// plus 18.5 FTE holding 285.88 cases (88.9 x 20.4 = 1,813.56).
pub fn barnsley_2017() -> Scenario {
    Scenario {
        schema: SCHEMA_VERSION,
        authority: "Barnsley".to_string(),
        as_at: "2017-09-30".to_string(),
        source: "Barnsley MBC Cabinet report, December 2017, sections 4.2-4.4: average caseloads \
                 at the end of September 2017 and £41,839 a social worker (grade midpoint). The \
                 paper does not publish FTE; 62.8, 70.4 and 88.9 FTE reproduce its figures, and \
                 the split into three team groups is derived from them."
            .to_string(),
        rounding: Rounding::Nearest,
        cost_per_fte: Money::pounds(41_839),
        compare_targets: vec![Decimal::from(18), Decimal::from(16)],
        teams: vec![
            TeamGroup {
                current_caseload: Some(d(205, 1)),
                ..team(
                    "Assessment, safeguarding, children in care and care leavers teams",
                    d(628, 1),
                    18,
                    &["1", "2", "3"],
                )
            },
            TeamGroup { cases: Some(d(24028, 2)), ..team("Disabled children's teams", d(76, 1), 18, &["2", "3"]) },
            TeamGroup { cases: Some(d(28588, 2)), ..team("Adoption and fostering teams", d(185, 1), 18, &["3"]) },
        ],
        options: vec![
            option("1", "Option 1: excluding adoption, fostering and disabled children's teams"),
            option("2", "Option 2 (recommended): excluding adoption and fostering teams"),
            option("3", "Option 3: all children's social care teams"),
        ],
        ..Scenario::default()
    }
}

fn role(name: &str, establishment: Decimal, new: i64, vacancies: Decimal, agency: Decimal) -> Role {
    Role {
        name: name.to_string(),
        establishment: Fte::new(establishment),
        newly_created: Fte::new(Decimal::from(new)),
        vacancies: Fte::new(vacancies),
        agency_covering_vacancies: Fte::new(agency),
        ..Role::default()
    }
}

fn starters(kind: StarterKind, fte: Decimal, month: u32) -> Starters {
    Starters { kind, fte: Fte::new(fte), month }
}

/// West Sussex, March 2019: children's social work establishment, vacancies, agency cover
/// and the recruitment pipeline (agency starters by April, permanent by May).
///
/// The paper gives no costs or caseload count, so those are left for the user; it quotes
/// voluntary turnover of 16.99%, used as the projection's turnover.
pub fn west_sussex_2019() -> Scenario {
    use StarterKind::{Agency, Permanent};
    let mut social_workers = role("Social workers", d(36507, 2), 37, d(9284, 2), d(4040, 2));
    social_workers.pipeline = vec![starters(Agency, d(15, 0), 1), starters(Permanent, d(196, 1), 2)];
    social_workers.case_holding = true;
    let practitioners = role("Advanced practitioners", d(2370, 2), 4, d(708, 2), Decimal::ZERO);
    let mut managers = role("Managers of social work teams", d(9976, 2), 7, d(1752, 2), d(1100, 2));
    managers.pipeline = vec![starters(Agency, d(3, 0), 1), starters(Permanent, d(96, 1), 2)];
    Scenario {
        schema: SCHEMA_VERSION,
        authority: "West Sussex".to_string(),
        as_at: "2019-03-31".to_string(),
        source: "West Sussex County Council, children's social care workforce report, March 2019: \
                 establishment, vacancies, agency workers and pipeline by role; voluntary turnover \
                 16.99%; retention payment of £3,000 a year for 5 years with 88% take-up (eligible \
                 FTE not published, so not entered). The paper's caseload target is about 25 \
                 cases per worker; it gives no case count, so none is entered. Demand over the \
                 two years to early 2019 (the paper's para 1.2): children in need 4,652 to 5,220, \
                 child protection 417 to 775, children looked after 639 to 704; the year labels \
                 2016/17 and 2018/19 are csplan's. Children looked after were 40.3 per 10,000 \
                 against statistical neighbours' 51 (no population is given, so not entered)."
            .to_string(),
        rounding: Rounding::Nearest,
        cost_per_fte: Money::ZERO,
        compare_targets: Vec::new(),
        teams: Vec::new(),
        options: Vec::new(),
        workforce: Some(Workforce {
            roles: vec![social_workers, practitioners, managers],
            retention: None,
            projection: ProjectionSettings { turnover: Some(Rate::new(d(1699, 2))), ..ProjectionSettings::default() },
        }),
        demand: Some(two_year_demand(
            ["2016/17", "2018/19"],
            &[
                (DemandMeasure::ChildrenInNeed, [4652, 5220]),
                (DemandMeasure::ChildProtectionPlans, [417, 775]),
                (DemandMeasure::LookedAfter, [639, 704]),
            ],
        )),
        ..Scenario::default()
    }
}

fn line(
    name: &str,
    kind: PlacementKind,
    number: Decimal,
    unit: i64,
    forecast: Option<i64>,
    budget: Option<i64>,
    group: Option<&str>,
) -> PlacementLine {
    PlacementLine {
        name: name.to_string(),
        kind,
        number,
        unit_cost: UnitCost::Annual(Money::pounds(unit)),
        forecast: forecast.map(Money::pounds),
        budget: budget.map(Money::pounds),
        group: group.map(str::to_string),
    }
}

fn budget_year(year: &str, budget: i64, spend: i64) -> BudgetYear {
    BudgetYear { year: year.to_string(), budget: Money::pounds(budget), spend: Money::pounds(spend) }
}

/// Portsmouth, June 2017: placement forecast against budget (Fig 3), children's social care
/// budget history (Fig 2), and the invest-to-save case for eight more social workers.
///
/// The paper's IFA and external residential unit costs are rounded, so those two lines
/// carry the published forecast (32.43 x £44,871 would be £1,455,167, not £1,455,152).
pub fn portsmouth_2017() -> Scenario {
    use PlacementKind::{Adoption, ExternalResidential, Ifa, InHouseFoster, ResidenceOrder, Sgo};
    let group = Some("adoption-ro-sgo");
    Scenario {
        schema: SCHEMA_VERSION,
        authority: "Portsmouth".to_string(),
        as_at: "2017-06-30".to_string(),
        source: "Portsmouth City Council, children's social care budget report, June 2017: Fig 2 \
                 (budget and spend 2013/14 to 2016/17), Fig 3 (placements forecast against budget, \
                 2017/18) and the case that 8 social workers and 3 service leaders (£499,000) pay \
                 for themselves if 4 external residential placements (£163,560 a year each) are avoided."
            .to_string(),
        rounding: Rounding::Nearest,
        cost_per_fte: Money::ZERO,
        demand: Some(portsmouth_demand()),
        placements: Some(Placements {
            lines: vec![
                line("In-house foster care", InHouseFoster, d(206, 0), 23_523, None, Some(4_397_250), None),
                line("Independent fostering agencies", Ifa, d(3243, 2), 44_871, Some(1_455_152), Some(1_941_000), None),
                line("Adoption allowances", Adoption, d(64, 0), 8_371, None, None, group),
                line("Residence order allowances", ResidenceOrder, d(20, 0), 4_834, None, None, group),
                line("Special guardianship order allowances", Sgo, d(131, 0), 6_289, None, None, group),
                line(
                    "External residential",
                    ExternalResidential,
                    d(1602, 2),
                    163_560,
                    Some(2_620_229),
                    Some(1_237_100),
                    None,
                ),
            ],
            budget_groups: vec![BudgetGroup {
                id: "adoption-ro-sgo".to_string(),
                name: "Adoption, ROs and SGOs".to_string(),
                budget: Money::pounds(1_118_400),
            }],
            weeks_per_year: Decimal::from(52),
            // The paper: "10 extra residential placements cost an estimated £1.6m a year".
            changes: vec![crate::placements::PlacementChange { line: 5, to: None, number: Decimal::from(10) }],
            inflation: Rate::ZERO,
            years: 1,
        }),
        budget_history: vec![
            budget_year("2013/14", 22_989_200, 25_283_275),
            budget_year("2014/15", 22_814_517, 26_670_402),
            budget_year("2015/16", 22_724_852, 24_123_104),
            budget_year("2016/17", 23_516_400, 24_061_949),
        ],
        invest_to_save: Some(InvestToSave {
            name: "8 social workers (caseloads to 15) and 3 service leaders".to_string(),
            cost_per_year: Money::pounds(499_000),
            one_off: Money::ZERO,
            years: 3,
            avoided_unit_cost: Money::pounds(163_560),
            avoided_per_year: vec![Decimal::from(4)],
            delivery_risk: Rate::ZERO,
            discount_rate: Rate::new(d(35, 1)),
        }),
        ..Scenario::default()
    }
}

/// Portsmouth's referrals and assessments by age band, end-December snapshots 2012-2016.
/// Demand given as a change over two years: one series (all ages, straight-line projection)
/// a measure, projected one step (two years) on.
fn two_year_demand(years: [&str; 2], series: &[(DemandMeasure, [i64; 2])]) -> Demand {
    Demand {
        years: years.map(String::from).to_vec(),
        series: series
            .iter()
            .map(|(measure, values)| DemandSeries {
                measure: *measure,
                age_band: None,
                values: values.iter().map(|v| Decimal::from(*v)).collect(),
                method: ProjectionMethod::Linear,
                cases_per_unit: Decimal::ZERO,
            })
            .collect(),
        projection_years: 1,
        case_holding_fte: None,
        target_caseload: None,
    }
}

/// Hampshire County Council, "Children's Services Financial Resilience to 2020/21", 2017
/// (demand only so far): children in care rose to 1,475
/// at 30 June 2017, a net 147 more than in September 2015 (including a net 45 unaccompanied
/// asylum-seeking children).
pub fn hampshire_2017() -> Scenario {
    Scenario {
        schema: SCHEMA_VERSION,
        authority: "Hampshire".to_string(),
        as_at: "2017-06-30".to_string(),
        source: "Hampshire County Council, Children's Services Financial Resilience to 2020/21 \
                 (Appendix 1), 2017: children in care 1,475 \
                 at 30 June 2017, a net increase of 147 since September 2015 (so 1,328 then), \
                 including a net 45 unaccompanied asylum-seeking children; 45 children in care \
                 per 10,000 against statistical neighbours' 43. The two counts are 21 months \
                 apart; csplan labels them 2015 and 2017, so growth a year is over two years."
            .to_string(),
        cost_per_fte: Money::ZERO,
        demand: Some(two_year_demand(["2015", "2017"], &[(DemandMeasure::LookedAfter, [1328, 1475])])),
        ..Scenario::default()
    }
}

fn portsmouth_demand() -> Demand {
    use DemandMeasure::{Assessments, Referrals};
    let series = |measure, band: &str, values: [i64; 5]| DemandSeries {
        measure,
        age_band: Some(band.to_string()),
        values: values.iter().map(|v| Decimal::from(*v)).collect(),
        method: ProjectionMethod::Linear,
        cases_per_unit: Decimal::ZERO,
    };
    Demand {
        years: ["2012", "2013", "2014", "2015", "2016"].map(String::from).to_vec(),
        series: vec![
            series(Referrals, "0-5", [949, 866, 770, 834, 954]),
            series(Referrals, "6-13", [727, 741, 681, 790, 1049]),
            series(Referrals, "14+", [282, 273, 293, 367, 479]),
            series(Assessments, "0-5", [751, 768, 719, 757, 876]),
            series(Assessments, "6-13", [582, 659, 647, 736, 970]),
            series(Assessments, "14+", [212, 232, 277, 321, 433]),
        ],
        projection_years: 3,
        case_holding_fte: None,
        target_caseload: None,
    }
}
