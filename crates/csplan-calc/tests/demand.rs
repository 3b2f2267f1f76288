//! Demand: Portsmouth's referrals and assessments, growth, projections. Native and wasm32.
#![allow(clippy::indexing_slicing)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_calc::demand::{
    compound_annual_growth_percent, growth_percent, project_series, rate_per_10000_published, ProjectionMethod,
};
use csplan_model::Decimal;

fn d(v: i64) -> Decimal {
    Decimal::from(v)
}

#[test]
fn portsmouth_referrals_rose_27_percent_and_assessments_48() {
    // Referrals and assessments, end-December snapshots 2012..2016, all ages.
    let referrals = [1958, 1880, 1744, 1991, 2482].map(d);
    let assessments = [1545, 1659, 1643, 1814, 2279].map(d);
    let pct = |v: Option<Decimal>| v.map(|v| v.round_dp(0));
    assert_eq!(pct(growth_percent(referrals[0], referrals[4])), Some(d(27)));
    assert_eq!(pct(growth_percent(assessments[0], assessments[4])), Some(d(48)));
    // Age bands add up to the totals the paper prints.
    let bands = [[949, 866, 770, 834, 954], [727, 741, 681, 790, 1049], [282, 273, 293, 367, 479]];
    for (year, total) in referrals.iter().enumerate() {
        assert_eq!(bands.iter().map(|b| d(b[year])).sum::<Decimal>(), *total);
    }
    // 1958 -> 2482 over four years is 6.11% a year, compounded.
    let cagr = compound_annual_growth_percent(referrals[0], referrals[4], 4).unwrap_or_default();
    assert_eq!(cagr.round_dp(2), Decimal::new(611, 2));
}

#[test]
fn rates_per_10000_are_whole_numbers_halves_up() {
    // West Sussex: 704 looked after of about 174,700 children = 40.3 per 10,000 -> 40.
    assert_eq!(rate_per_10000_published(d(704), d(174_700)), Some(d(40)));
    assert_eq!(rate_per_10000_published(d(5), d(10_000)), Some(d(5)));
    assert_eq!(rate_per_10000_published(d(1), d(0)), None);
}

#[test]
fn projections_follow_the_chosen_method() {
    let straight = [10, 12, 14, 16].map(d);
    assert_eq!(project_series(&straight, 2, ProjectionMethod::Linear), Some(vec![d(18), d(20)]));
    let doubling = [1, 2, 4, 8].map(d);
    let next = project_series(&doubling, 2, ProjectionMethod::Compound).unwrap_or_default();
    assert_eq!(next.iter().map(|v| v.round_dp(6)).collect::<Vec<_>>(), vec![d(16), d(32)]);
    let falling = [30, 20, 10].map(d);
    assert_eq!(project_series(&falling, 3, ProjectionMethod::Linear), Some(vec![d(0), d(0), d(0)]), "never below zero");
    assert_eq!(project_series(&[], 3, ProjectionMethod::Linear), None);
}

#[test]
fn portsmouth_demand_report_totals_the_age_bands() {
    let s = csplan_model::presets::portsmouth_2017();
    let r = csplan_calc::demand::demand(&s).ok().flatten().unwrap_or_else(|| unreachable!());
    assert_eq!(r.projected_years, vec!["2017", "2018", "2019"]);
    let total = r.series.iter().find(|x| x.label == "Referrals, all ages").unwrap_or_else(|| unreachable!());
    assert_eq!(total.values, [1958, 1880, 1744, 1991, 2482].map(d).to_vec());
    assert_eq!(total.growth_percent.map(|g| g.round_dp(1)), Some(Decimal::new(268, 1)));
    assert_eq!(total.projected.len(), 3);
    assert!(r.chain.is_empty(), "no FTE or target given, so no chain");
}

#[test]
fn projected_cases_become_posts_by_the_caseload_rules() {
    let mut s = csplan_model::presets::portsmouth_2017();
    let demand = s.demand.as_mut().unwrap_or_else(|| unreachable!());
    demand.series = vec![csplan_model::DemandSeries {
        measure: csplan_model::DemandMeasure::LookedAfter,
        age_band: None,
        values: [300, 320, 340, 360, 380].map(d).to_vec(),
        method: csplan_calc::demand::ProjectionMethod::Linear,
        cases_per_unit: Decimal::ONE,
    }];
    demand.case_holding_fte = Some(csplan_model::Fte::new(d(20)));
    demand.target_caseload = Some(d(18));
    s.cost_per_fte = Some(csplan_model::Money::pounds(45_000));
    let r = csplan_calc::demand::demand(&s).ok().flatten().unwrap_or_else(|| unreachable!());
    let cases: Vec<Decimal> = r.chain.iter().map(|y| y.cases).collect();
    assert_eq!(cases, vec![d(400), d(420), d(440)]);
    // 400 / 18 = 22.2 FTE needed, 2.22 more, 2 posts (nearest) x £45,000.
    assert_eq!(r.chain[0].caseload.posts, d(2));
    assert_eq!(r.chain[0].caseload.cost, Some(csplan_model::Money::pounds(90_000)));
    assert_eq!(csplan_calc::demand::next_year("2016/17"), "2017/18");
}

#[test]
fn population_scaled_projection_keeps_the_last_rate_per_child() {
    use csplan_calc::demand::project_scaled;
    // 700 looked after of 175,000 children (40 per 10,000); the population grows by 1,000 a year.
    let cla = [650, 680, 700].map(d);
    let population = [173_000, 174_000, 175_000].map(d);
    assert_eq!(project_scaled(&cla, &population, 2), Some(vec![d(704), d(708)]));
    assert_eq!(project_scaled(&cla, &[d(0)], 2), None);
    assert_eq!(project_series(&cla, 2, ProjectionMethod::PopulationScaled), None, "needs the population");
}

#[test]
fn all_ages_series_get_rates_per_10000_when_the_population_is_given() {
    use csplan_model::{Demand, DemandMeasure, DemandSeries, ProjectionMethod, Scenario};
    let series = |measure, band: Option<&str>, values: [i64; 2]| DemandSeries {
        measure,
        age_band: band.map(String::from),
        values: values.iter().map(|v| Decimal::from(*v)).collect(),
        method: ProjectionMethod::Linear,
        cases_per_unit: Decimal::ZERO,
    };
    let s = Scenario {
        demand: Some(Demand {
            years: vec!["2022".into(), "2023".into()],
            series: vec![
                series(DemandMeasure::LookedAfter, None, [301, 360]),
                series(DemandMeasure::ChildProtectionPlans, Some("0-5"), [100, 120]),
                series(DemandMeasure::ChildProtectionPlans, Some("6+"), [201, 240]),
                series(DemandMeasure::Population, None, [20_000, 40_000]),
            ],
            projection_years: 1,
            case_holding_fte: None,
            target_caseload: None,
        }),
        ..Scenario::default()
    };
    let r = csplan_calc::demand::demand(&s).ok().flatten().unwrap_or_else(|| unreachable!("a demand section"));
    let rates = |label: &str| r.series.iter().find(|x| x.label == label).map(|x| x.per_10000.clone());
    // 301 / 20,000 x 10,000 = 150.5, published as 151 (halves up); 360 / 40,000 = 90.
    assert_eq!(rates("Children looked after"), Some(vec![Decimal::from(151), Decimal::from(90)]));
    assert_eq!(rates("Child protection plans, all ages"), Some(vec![Decimal::from(151), Decimal::from(90)]));
    assert_eq!(rates("Child protection plans, 0-5"), Some(vec![]), "an age band has no 0-17 population");
    assert_eq!(rates("Population aged 0-17"), Some(vec![]));
}

#[test]
fn values_two_years_apart_grow_per_year_over_the_years_they_span() {
    use csplan_calc::demand::year_step;
    use csplan_model::{Demand, DemandMeasure, DemandSeries, ProjectionMethod, Scenario};
    let labels = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(year_step(&labels(&["2016/17", "2018/19"])), 2);
    assert_eq!(year_step(&labels(&["2012", "2013", "2014"])), 1);
    assert_eq!(year_step(&labels(&["2015", "2017", "2018"])), 1, "uneven: treated as yearly");
    assert_eq!(year_step(&labels(&["first", "last"])), 1);
    let s = Scenario {
        demand: Some(Demand {
            years: labels(&["2016/17", "2018/19"]),
            series: vec![DemandSeries {
                measure: DemandMeasure::ChildrenInNeed,
                age_band: None,
                values: vec![d(4652), d(5220)],
                method: ProjectionMethod::Compound,
                cases_per_unit: Decimal::ZERO,
            }],
            projection_years: 1,
            case_holding_fte: None,
            target_caseload: None,
        }),
        ..Scenario::default()
    };
    let r = csplan_calc::demand::demand(&s).ok().flatten().unwrap_or_else(|| unreachable!("demand"));
    let cin = &r.series[0];
    // +12.2% over two years is 5.93% a year, not 12.2% a year; the next value is two years on.
    assert_eq!(cin.growth_percent.map(|g| g.round_dp(1)), Some("12.2".parse().unwrap_or_default()));
    assert_eq!(cin.annual_growth_percent.map(|g| g.round_dp(2)), Some("5.93".parse().unwrap_or_default()));
    assert_eq!(r.projected_years, labels(&["2020/21"]));
    assert_eq!(cin.projected[0].round_dp(0), d(5857), "5,220 x 5,220 / 4,652");
}

#[test]
fn west_sussex_and_hampshire_demand_give_the_papers_growth() {
    let growth = |s: &csplan_model::Scenario| -> Vec<Decimal> {
        let r = csplan_calc::demand::demand(s).ok().flatten().unwrap_or_else(|| unreachable!("demand"));
        r.series.iter().filter_map(|x| x.growth_percent).map(|g| g.round_dp(0)).collect()
    };
    // "CiN ... (+12%), Child Protection ... (+86%) and CLA ... (+10)".
    assert_eq!(growth(&csplan_model::presets::west_sussex_2019()), vec![d(12), d(86), d(10)]);
    // 1,475 children in care, "a net increase of 147" on September 2015.
    let hampshire = csplan_model::presets::hampshire_2017();
    let la = hampshire.demand.as_ref().map(|dm| dm.series[0].values.clone()).unwrap_or_default();
    assert_eq!(la[1] - la[0], d(147));
    assert_eq!(growth(&hampshire), vec![d(11)]);
}
