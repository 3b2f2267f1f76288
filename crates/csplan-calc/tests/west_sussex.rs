//! West Sussex, March 2019: vacancies not covered and the gap after the pipeline, to the
//! hundredth of an FTE; the DfE measures; costs; the projection. Native and wasm32.
#![allow(clippy::indexing_slicing)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_calc::{measures, workforce, MeasureInputs, WorkforceReport};
use csplan_model::presets::west_sussex_2019;
use csplan_model::{Decimal, Fte, Money, Rate, RetentionPayment, Scenario};

fn dec(text: &str) -> Decimal {
    csplan_model::dec::parse_text(text).unwrap_or_else(|| unreachable!("{text}"))
}

fn report(s: &Scenario) -> WorkforceReport {
    workforce(s).ok().flatten().unwrap_or_else(|| unreachable!("no workforce report"))
}

fn fte(values: &[&str]) -> Vec<Fte> {
    values.iter().map(|v| Fte::new(dec(v))).collect()
}

#[test]
fn vacant_not_covered_per_role_and_total() {
    let r = report(&west_sussex_2019());
    let mut got: Vec<Fte> = r.roles.iter().map(|x| x.vacant_not_covered).collect();
    got.push(r.total.vacant_not_covered);
    assert_eq!(got, fte(&["52.44", "7.08", "6.52", "66.04"]));
}

#[test]
fn remaining_gap_after_pipeline_floors_each_role_at_zero() {
    let r = report(&west_sussex_2019());
    let mut got: Vec<Fte> = r.roles.iter().map(|x| x.remaining_gap).collect();
    got.push(r.total.remaining_gap);
    // Managers: 6.52 - 3 - 9.60 is negative, so 0; the total is the sum of floored gaps.
    assert_eq!(got, fte(&["17.84", "7.08", "0", "24.92"]));
}

#[test]
fn establishment_table_totals() {
    let t = report(&west_sussex_2019()).total;
    assert_eq!(t.newly_created, Fte::new(dec("48")));
    assert_eq!(t.establishment, Fte::new(dec("488.53")));
    assert_eq!(t.vacancies, Fte::new(dec("117.44")));
    assert_eq!(t.agency, Fte::new(dec("51.40")));
    assert_eq!(t.agency_pipeline, Fte::new(dec("18")));
    assert_eq!(t.permanent_pipeline, Fte::new(dec("29.20")));
}

#[test]
fn dfe_measures_follow_the_official_definitions() {
    // England 2023 (DfE): 33,119.1 in post, 7,722.7 vacancies, 7,173.5 agency (5,744.2
    // covering vacancies), 5,254.6 leavers, 337,055 cases over 21,111.4 case holders.
    let m = measures(&MeasureInputs {
        in_post: Some(dec("33119.1")),
        vacancies: Some(dec("7722.7")),
        agency: Some(dec("7173.5")),
        agency_cover: Some(dec("5744.2")),
        leavers: Some(dec("5254.6")),
        cases: Some(dec("337055")),
        case_holders: Some(dec("21111.4")),
    });
    let one = |r: Option<Rate>| r.map(|r| r.value().round_dp(1));
    assert_eq!(one(m.vacancy_rate), Some(dec("18.9")));
    assert_eq!(one(m.agency_rate), Some(dec("17.8")));
    assert_eq!(one(m.turnover_rate), Some(dec("15.9")));
    assert_eq!(one(m.agency_cover_rate), Some(dec("80.1")));
    assert_eq!(one(m.vacancy_agency_cover_rate), Some(dec("74.4")));
    assert_eq!(m.caseload.map(|c| c.round_dp(0)), Some(dec("16")));
    let missing = measures(&MeasureInputs { in_post: Some(dec("10")), ..MeasureInputs::default() });
    assert_eq!(missing.vacancy_rate, None);
    assert_eq!(missing.caseload, None);
}

#[test]
fn costs_premium_conversion_and_retention() {
    let mut s = west_sussex_2019();
    let w = s.workforce.as_mut().unwrap_or_else(|| unreachable!());
    w.roles[0].permanent_cost_per_fte = Some(Money::pounds(45_000));
    w.roles[0].agency_cost_per_fte = Some(Money::pounds(75_000));
    w.retention = Some(RetentionPayment {
        amount_per_year: Money::pounds(3_000),
        years: 5,
        eligible_fte: Fte::new(dec("100")),
        take_up: Rate::new(dec("88")),
        turnover_reduction: Rate::ZERO,
    });
    let r = report(&s);
    let c = r.roles[0].costs.unwrap_or_default();
    // In post 365.07 - 92.84 = 272.23; agency 40.40.
    assert_eq!(c.permanent, Money::new(dec("12250350")));
    assert_eq!(c.agency, Money::pounds(3_030_000));
    assert_eq!(c.agency_premium, Money::pounds(1_212_000));
    assert_eq!(c.convert_agency_cover, Money::pounds(-1_212_000));
    assert_eq!(r.roles[1].costs, None, "no costs entered for advanced practitioners");
    let retention = r.retention.unwrap_or_else(|| unreachable!());
    assert_eq!(retention.takers, Fte::new(dec("88")));
    assert_eq!(retention.per_year, Money::pounds(264_000));
    assert_eq!(retention.total, Money::pounds(1_320_000));
}

#[test]
fn projection_follows_the_pipeline() {
    let mut s = west_sussex_2019();
    let w = s.workforce.as_mut().unwrap_or_else(|| unreachable!());
    w.projection.turnover = Some(Rate::ZERO);
    let p = report(&s).projection;
    assert_eq!(p.months.len(), 37);
    assert_eq!(p.months[0].month, "2019-03");
    assert_eq!(p.months[1].month, "2019-04");
    // Agency starters arrive in April (pool 40.4 + 15 and 11 + 3), permanent in May.
    assert_eq!(p.months[0].agency, Fte::new(dec("51.40")));
    assert_eq!(p.months[1].agency, Fte::new(dec("69.40")));
    assert_eq!(p.months[2].in_post, Fte::new(dec("371.09") + dec("29.20")));
    // With no turnover and nothing more to start, nothing changes after May.
    assert_eq!(p.months[2], p.months[36].clone().tap_month(&p.months[2].month));
    assert_eq!(
        p.financial_years.iter().map(|f| f.year.as_str()).collect::<Vec<_>>(),
        vec!["2019/20", "2020/21", "2021/22"]
    );
}

trait TapMonth {
    fn tap_month(self, month: &str) -> Self;
}

impl TapMonth for csplan_calc::ProjectionMonth {
    fn tap_month(mut self, month: &str) -> Self {
        self.month = month.to_string();
        self
    }
}
