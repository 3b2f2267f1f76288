//! Scenarios shipped with csplan: the embedded default and one per seed paper.
//! Each reproduces its source's figures; its `source` says where they come from.

use rust_decimal::Decimal;

use crate::budget::{Budget, BudgetArea, DeliveryShares, Pressure, Risk, Transport, Workstream};
use crate::consultation::{BalanceRule, Consultation, FloorRule, Lever, LeverEffect, LeverKind, Question};
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
pub const PRESETS: [Preset; 6] = [
    Preset { id: "example", title: "Example council (default)", build: default_scenario },
    Preset { id: "barnsley-2017", title: "Barnsley, December 2017", build: barnsley_2017 },
    Preset { id: "portsmouth-2017", title: "Portsmouth, June 2017", build: portsmouth_2017 },
    Preset { id: "west-sussex-2019", title: "West Sussex, March 2019", build: west_sussex_2019 },
    Preset { id: "hampshire-2017", title: "Hampshire, 2017", build: hampshire_2017 },
    Preset { id: "hampshire-2021", title: "Hampshire SP2023, 2021", build: hampshire_2021 },
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
        cost_per_fte: Some(Money::pounds(52_000)),
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
        budget: Some(example_budget()),
        consultation: Some(example_consultation()),
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
        cost_per_fte: Some(Money::pounds(41_839)),
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
        cost_per_fte: None,
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
        cost_per_fte: None,
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
            cost_per_year: Some(Money::pounds(499_000)),
            one_off: Money::ZERO,
            years: 3,
            avoided_unit_cost: Some(Money::pounds(163_560)),
            avoided_per_year: vec![Decimal::from(4)],
            delivery_risk: Rate::ZERO,
            discount_rate: Rate::new(d(35, 1)),
            ..InvestToSave::default()
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
                 apart; csplan labels them 2015 and 2017, so growth a year is over two years. \
                 Home to school transport: a base adjustment of £2.4m in 2017/18, then about £0.9m a year \
                 (the paper does not give that area's budget)."
            .to_string(),
        cost_per_fte: None,
        demand: Some(two_year_demand(["2015", "2017"], &[(DemandMeasure::LookedAfter, [1328, 1475])])),
        budget: Some(Budget {
            years: ["2017/18", "2018/19", "2019/20", "2020/21"].map(String::from).to_vec(),
            areas: Vec::new(),
            workstreams: Vec::new(),
            delivery: DeliveryShares::default(),
            pressures: Vec::new(),
            transport: Some(Transport {
                base_adjustment: Money::pounds(2_400_000),
                growth_a_year: Money::pounds(900_000),
                drivers: None,
            }),
        }),
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

fn area(id: &str, name: &str, budget: Option<i64>, funding: bool) -> BudgetArea {
    BudgetArea {
        id: id.to_string(),
        name: name.to_string(),
        budget: budget.map(Money::pounds),
        funding,
        statutory_minimum: None,
    }
}

fn workstream(name: &str, area: &str, thousands: i64, phasing: &[i64], risk: Risk, risks: &str) -> Workstream {
    Workstream {
        name: name.to_string(),
        area: area.to_string(),
        amount: Money::pounds(thousands * 1000),
        phasing: phasing.iter().map(|p| Rate::new(Decimal::from(*p))).collect(),
        risk,
        risks: risks.to_string(),
        equality_impact: String::new(),
    }
}

fn proposal(id: &str, name: &str, saves: Money, area: Option<&str>, consequence: &str) -> Lever {
    Lever {
        id: id.to_string(),
        name: name.to_string(),
        kind: LeverKind::Proposal,
        consequence: consequence.to_string(),
        per_unit: Some(saves),
        min: Decimal::ZERO,
        max: Decimal::ONE,
        step: Decimal::ONE,
        start: Decimal::ZERO,
        unit: String::new(),
        area: area.map(str::to_string),
        effect: None,
        below_minimum: FloorRule::Block,
        proposed: None,
    }
}

fn principle(id: &str, name: &str) -> Lever {
    Lever {
        kind: LeverKind::Principle,
        per_unit: None,
        min: Decimal::NEGATIVE_ONE,
        ..proposal(id, name, Money::ZERO, None, "")
    }
}

/// Hampshire County Council, Children's Services Savings Programme to 2023 (SP2023),
/// 2021: the savings table by budget area, the workstreams, and the "Balancing the
/// Budget" consultation (7 June to 18 July 2021).
///
/// The paper lists workstreams 3-14 and 17-21 (£10,176k of the £11,556k from services;
/// 15 and 16 are not described) and does not say which area each sits in. csplan puts
/// each where its text points and shows the rest of each area's total as "not itemised
/// in the paper", so every area matches the paper's table. Phasing (half in 2022/23,
/// half in 2023/24: "planned for delivery within the two years") and risk ratings (amber
/// where the paper names market dependencies or adoption risk) are csplan's reading.
pub fn hampshire_2021() -> Scenario {
    use Risk::{Amber, Green};
    let half = [50, 50];
    let market = "Market-related dependencies (the paper's risks)";
    let workstreams = vec![
        workstream(
            "Government funding (assumed from the Spending Review)",
            "government",
            6107,
            &half,
            Amber,
            "Depends on the autumn 2021 Spending Review",
        ),
        workstream("Corporate funding", "corporate", 5000, &[100, 0], Green, ""),
        workstream("Care leavers / post-16", "csc", 75, &half, Amber, market),
        workstream("New ways of working", "csc", 224, &half, Green, ""),
        workstream("Sold services: out-of-hours", "csc", 50, &half, Green, ""),
        workstream(
            "Modernising placements",
            "csc",
            2700,
            &half,
            Amber,
            "Depends on the social care operating model being adopted, and on the market",
        ),
        workstream("Children with additional needs", "csc", 100, &half, Green, ""),
        workstream("Skills and participation", "csc", 50, &half, Green, ""),
        workstream("Workforce development", "csc", 158, &half, Green, ""),
        workstream("Health and partnerships", "csc", 50, &half, Green, ""),
        workstream("Attribution of placement cost", "csc", 3000, &half, Green, ""),
        workstream("Services for young children", "csc", 105, &half, Green, ""),
        workstream("Children's social care: not itemised in the paper", "csc", 1192, &half, Green, ""),
        workstream("Overnight respite", "cwd", 450, &half, Green, ""),
        workstream("Short break activities", "cwd", 200, &half, Green, ""),
        workstream("Home to school transport", "htst", 2500, &half, Amber, market),
        workstream("Wessex Dance", "other", 40, &half, Green, ""),
        workstream("Participation", "other", 46, &half, Green, ""),
        workstream("Services to schools", "other", 250, &half, Green, ""),
        workstream("Support services: not itemised in the paper", "support", 188, &half, Green, ""),
        workstream("Youth offending service", "yot", 178, &half, Green, ""),
    ];
    let mut workstreams = workstreams;
    if let Some(w) = workstreams.iter_mut().find(|w| w.name == "Overnight respite") {
        w.equality_impact = "Some potential impact from one children's home remaining closed; mitigated by \
                             alternative provision (closed 18 months during COVID-19)"
            .to_string();
    }
    if let Some(w) = workstreams.iter_mut().find(|w| w.name == "Home to school transport") {
        w.equality_impact = "Impacts on SEND children of a fixed age group and on staff; mitigated by working \
                             with providers to meet statutory requirements and allocating escorts by need"
            .to_string();
    }
    let levers: Vec<Lever> = workstreams
        .iter()
        .filter(|w| w.area != "government" && w.area != "corporate")
        .enumerate()
        .map(|(i, w)| proposal(&format!("ws{}", i + 1), &w.name, w.amount, Some(&w.area), &w.risks))
        .chain([
            principle("local-government", "Consider changing local government arrangements in Hampshire"),
            principle("no-reserves", "Do not use reserves to plug the budget gap"),
            principle("current-strategy", "Continue with the current financial strategy"),
            principle("raise-charges", "Raise existing charges for services"),
            principle("new-charges", "Introduce new charges for some services that are currently free"),
            principle("reduce-services", "Reduce or change services"),
        ])
        .collect();
    Scenario {
        schema: SCHEMA_VERSION,
        authority: "Hampshire".to_string(),
        as_at: "2021-06-07".to_string(),
        source: "Hampshire County Council, Children's Services Savings Programme to 2023 (SP2023), 2021: \
                 savings by budget area (£22,663k, 11% of £214,856k), workstreams and the Balancing the Budget \
                 consultation (2,027 responses, 7 June to 18 July 2021). The paper lists workstreams worth \
                 £10,176k of the £11,556k from services and not which area each is in: csplan assigns them \
                 and shows the rest of each area as not itemised. Phasing, risk ratings and delivery shares \
                 are csplan's reading, not the paper's, as is the plan's pressure (the £22,663k \
                 required half in each year). The paper gives no council tax yield, so the \
                 consultation accepts any budget and shows its shortfall."
            .to_string(),
        cost_per_fte: None,
        budget: Some(Budget {
            years: vec!["2022/23".to_string(), "2023/24".to_string()],
            areas: vec![
                area("government", "Government funding", None, true),
                area("corporate", "Additional corporate funding", None, true),
                area("csc", "Children's social care", Some(152_140_000), false),
                area("cwd", "Children with disabilities", Some(14_855_000), false),
                area("htst", "Home to school transport", Some(32_940_000), false),
                area("other", "Other education and community", Some(11_389_000), false),
                area("support", "Support services", Some(1_978_000), false),
                area("yot", "Contribution to youth offending team", Some(1_554_000), false),
            ],
            workstreams,
            delivery: DeliveryShares::default(),
            pressures: vec![Pressure {
                name: "SP2023 target (savings required by 2023/24)".to_string(),
                amounts: vec![Money::pounds(11_331_500), Money::pounds(11_331_500)],
            }],
            transport: None,
        }),
        consultation: Some(Consultation {
            id: "hampshire-2021".to_string(),
            title: "Balancing the budget 2021: children's services".to_string(),
            council: String::new(),
            intro: "Hampshire County Council must find £22.7 million from its children's services budget of \
                    £214.9 million by 2023/24. £11.1 million is expected from government and corporate \
                    funding; the other £11.6 million would come from the savings proposals below.\n\n\
                    Choose which proposals you would accept, and tell us what you think of the council's \
                    options for balancing its budget. You can send any budget: we will show you how much it \
                    leaves to find."
                .to_string(),
            opens: "2021-06-07".to_string(),
            closes: "2021-07-18".to_string(),
            gap: Money::pounds(11_556_000),
            balance: BalanceRule::Any,
            council_tax_yield: None,
            levers,
            questions: vec![Question {
                id: "respondent".to_string(),
                text: "Are you responding as".to_string(),
                options: vec![
                    "An individual".to_string(),
                    "A democratically elected representative".to_string(),
                    "A group, organisation or business".to_string(),
                ],
            }],
            collector_url: None,
            send_to: String::new(),
        }),
        ..Scenario::default()
    }
}

/// The example council's budget: three areas, a small savings programme and two years
/// of pressures (illustrative figures).
fn example_budget() -> Budget {
    use Risk::{Amber, Green, Red};
    let mut early_help = area("early-help", "Early help and family support", Some(4_000_000), false);
    early_help.statutory_minimum = Some(Money::pounds(3_300_000));
    Budget {
        years: vec!["2024/25".to_string(), "2025/26".to_string()],
        areas: vec![
            area("csc", "Children's social care", Some(60_000_000), false),
            early_help,
            area("htst", "Home to school transport", Some(12_000_000), false),
        ],
        workstreams: vec![
            workstream("Merge two children's homes", "csc", 900, &[50, 50], Amber, "Depends on finding a site"),
            workstream("Reduce family centre hours", "early-help", 450, &[100, 0], Green, ""),
            workstream("Review transport routes", "htst", 600, &[50, 50], Red, "Depends on operators"),
        ],
        delivery: DeliveryShares::default(),
        pressures: vec![
            Pressure {
                name: "More children in care".to_string(),
                amounts: vec![Money::pounds(1_500_000), Money::pounds(800_000)],
            },
            Pressure { name: "Pay award".to_string(), amounts: vec![Money::pounds(700_000), Money::pounds(700_000)] },
        ],
        transport: Some(Transport {
            base_adjustment: Money::pounds(400_000),
            growth_a_year: Money::pounds(300_000),
            drivers: Some(crate::budget::TransportDrivers {
                travellers: Decimal::from(1_200),
                unit_cost: Money::pounds(9_500),
                traveller_growth: Rate::new(Decimal::from(3)),
                unit_cost_growth: Rate::new(Decimal::from(5)),
            }),
        }),
    }
}

/// The example council's "balance the budget" consultation (illustrative): proposals, a
/// staffing lever with its caseload, income levers, a principle and two questions.
fn example_consultation() -> Consultation {
    let stepped =
        |id: &str, name: &str, kind: LeverKind, per_unit: Option<i64>, max: Decimal, step: Decimal, unit: &str| Lever {
            kind,
            per_unit: per_unit.map(Money::pounds),
            max,
            step,
            unit: unit.to_string(),
            ..proposal(id, name, Money::ZERO, None, "")
        };
    Consultation {
        id: "example-2024".to_string(),
        title: "Balance the children's services budget".to_string(),
        council: String::new(),
        intro: "The council expects to spend £3 million more on children's services next year than it has. \
                We would like to know how you would close that gap.\n\n\
                Choose the savings you would make and the money you would raise. Each choice shows what it \
                would mean. Your budget must balance before you send it."
            .to_string(),
        opens: "2024-01-08".to_string(),
        closes: "2030-03-31".to_string(),
        gap: Money::pounds(3_000_000),
        balance: BalanceRule::MustBalance,
        council_tax_yield: Some(Money::pounds(1_200_000)),
        levers: vec![
            proposal("children-homes", "Merge two children's homes", Money::pounds(900_000), Some("csc"),
                "Ten children would move to the other home over a year; some would live further from their families."),
            proposal("family-centres", "Reduce family centre hours", Money::pounds(450_000), Some("early-help"),
                "Centres would close at 4pm and on Saturdays; about 300 families a year would have to come at other times."),
            proposal("holiday-activities", "Stop the holiday activity programme", Money::pounds(300_000), Some("early-help"),
                "About 1,500 children would lose free holiday activities and meals."),
            proposal("transport-routes", "Review home to school transport routes", Money::pounds(600_000), Some("htst"),
                "Some children with special educational needs would share routes and travel for longer."),
            Lever {
                effect: Some(LeverEffect::Caseload { team: 0 }),
                consequence: "More social workers in the assessment teams mean smaller caseloads and more time with each child, at £52,000 a post."
                    .to_string(),
                ..stepped("social-workers", "Social workers added to the assessment teams", LeverKind::Stepped, None, Decimal::from(20), Decimal::ONE, "social workers")
            },
            Lever {
                consequence: "Reserves can be spent once. Using them now leaves less for emergencies.".to_string(),
                ..stepped("reserves", "Use of reserves", LeverKind::Reserves, Some(1), Decimal::from(1_000_000), Decimal::from(250_000), "£")
            },
            Lever {
                consequence: "Schools and other councils buying our services would pay more.".to_string(),
                ..stepped("charges", "Raise charges for services sold to schools", LeverKind::Charges, Some(40_000), Decimal::from(10), Decimal::ONE, "%")
            },
            Lever {
                consequence: "Each 1% on council tax raises £1.2 million; a band D household would pay about £19 more a year. \
                              A rise above 3% would need a referendum."
                    .to_string(),
                ..stepped("council-tax", "Council tax rise", LeverKind::CouncilTax, Some(1_200_000), Decimal::from(3), Decimal::new(5, 1), "%")
            },
            principle("reserves-one-off", "Reserves should be used only for one-off costs"),
        ],
        questions: vec![
            Question {
                id: "connection".to_string(),
                text: "How are you connected to the council's services?".to_string(),
                options: ["A resident", "A member of staff", "A partner organisation", "A business"].map(String::from).to_vec(),
            },
            Question {
                id: "age".to_string(),
                text: "What is your age?".to_string(),
                options: ["Under 18", "18 to 34", "35 to 64", "65 or over"].map(String::from).to_vec(),
            },
        ],
        collector_url: None,
        send_to: "Email it to budget.consultation@example.gov.uk, or post it to Budget consultation, Example Town Hall, EX1 1AA."
            .to_string(),
    }
}

/// Where the user started from a preset and renamed it (as [`source_in_words`] tells),
/// the preset's title and the rows still exactly as the preset has them: team groups,
/// options, roles, placement lines and savings workstreams, by name. A summary says these
/// are the preset's, not figures the user entered.
pub fn unchanged_rows(s: &Scenario) -> Option<(&'static str, Vec<String>)> {
    let p = PRESETS.iter().find(|p| {
        let base = (p.build)();
        base.source == s.source && base.authority != s.authority
    })?;
    let base = (p.build)();
    fn same<T: PartialEq>(ours: &[T], theirs: &[T], name: fn(&T) -> &str, out: &mut Vec<String>) {
        out.extend(ours.iter().filter(|r| theirs.contains(r)).map(|r| name(r).to_string()));
    }
    let mut out = Vec::new();
    same(&s.teams, &base.teams, |t| &t.name, &mut out);
    same(&s.options, &base.options, |o| &o.name, &mut out);
    let roles = |s: &Scenario| s.workforce.as_ref().map(|w| w.roles.clone()).unwrap_or_default();
    same(&roles(s), &roles(&base), |r| &r.name, &mut out);
    let lines = |s: &Scenario| s.placements.as_ref().map(|p| p.lines.clone()).unwrap_or_default();
    same(&lines(s), &lines(&base), |l| &l.name, &mut out);
    let workstreams = |s: &Scenario| s.budget.as_ref().map(|b| b.workstreams.clone()).unwrap_or_default();
    same(&workstreams(s), &workstreams(&base), |w| &w.name, &mut out);
    (!out.is_empty()).then_some((p.title, out))
}

/// Where a scenario's figures come from, in words for a paper: its own source, unless that
/// is a preset's and the scenario is now another authority's, when the preset's source
/// would be untrue ("Illustrative figures ..., not a real authority" under Kent's name).
pub fn source_in_words(s: &Scenario) -> String {
    let from = PRESETS.iter().find(|p| {
        let base = (p.build)();
        base.source == s.source && base.authority != s.authority
    });
    match from {
        Some(p) => format!(
            "Figures entered by you for {}, starting from the \u{201c}{}\u{201d} preset.",
            s.authority.trim(),
            p.title
        ),
        None => s.source.clone(),
    }
}
