//! Portsmouth, June 2017: Fig 3 (placements) and Fig 2 (budget history) to the pound, and
//! the invest-to-save break-even. Runs natively and on wasm32.
#![allow(clippy::indexing_slicing)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_calc::placements::{budget_history, invest_to_save, placements};
use csplan_model::presets::portsmouth_2017;
use csplan_model::{Decimal, Money, Rate, HALF_UP};

fn pounds(values: &[i64]) -> Vec<Money> {
    values.iter().map(|v| Money::pounds(*v)).collect()
}

#[test]
fn fig_3_forecasts_budgets_and_deficits_to_the_pound() {
    let s = portsmouth_2017();
    let r = placements(s.placements.as_ref().unwrap_or_else(|| unreachable!())).unwrap_or_else(|e| unreachable!("{e}"));
    let forecasts: Vec<Money> = r.lines.iter().map(|l| l.forecast.round_pounds()).collect();
    assert_eq!(forecasts, pounds(&[4_845_738, 1_455_152, 535_744, 96_680, 823_859, 2_620_229]));
    let deficits: Vec<Option<Money>> = r.lines.iter().map(|l| l.deficit).collect();
    assert_eq!(deficits[0], Some(Money::pounds(448_488)));
    assert_eq!(deficits[1], Some(Money::pounds(-485_848)));
    assert_eq!(deficits[5], Some(Money::pounds(1_383_129)));
    assert_eq!(r.groups.len(), 1);
    assert_eq!(r.groups[0].lines.len(), 3);
    assert_eq!(r.groups[0].deficit, Money::pounds(337_883));
    assert_eq!(r.total_forecast, Money::pounds(10_377_402));
    assert_eq!(r.total_budget, Money::pounds(8_693_750));
    assert_eq!(r.total_deficit, Money::pounds(1_683_652));
}

#[test]
fn rounded_unit_costs_are_shown_against_the_published_forecast() {
    let s = portsmouth_2017();
    let r = placements(s.placements.as_ref().unwrap_or_else(|| unreachable!())).unwrap_or_else(|e| unreachable!("{e}"));
    // 32.43 x £44,871 = £1,455,166.53 and 16.02 x £163,560 = £2,620,231.20.
    assert_eq!(r.lines[1].calculated, Money::new(Decimal::new(145_516_653, 2)));
    assert_eq!(r.lines[5].calculated, Money::new(Decimal::new(262_023_120, 2)));
    assert!(r.lines[1].forecast_given && !r.lines[0].forecast_given);
    assert!(r.lines[1].explanation.contains("£1,455,152 is used"), "{}", r.lines[1].explanation);
}

#[test]
fn fig_2_deficit_as_a_percentage_of_budget() {
    let r = budget_history(&portsmouth_2017().budget_history).unwrap_or_else(|e| unreachable!("{e}"));
    let deficits: Vec<Money> = r.iter().map(|y| y.deficit).collect();
    assert_eq!(deficits, pounds(&[2_294_075, 3_855_885, 1_398_252, 545_549]));
    let percent: Vec<String> = r
        .iter()
        .map(|y| {
            y.percent_of_budget.map(|p| p.value().round_dp_with_strategy(2, HALF_UP).to_string()).unwrap_or_default()
        })
        .collect();
    assert_eq!(percent, vec!["9.98", "16.90", "6.15", "2.32"]);
    // As a share of spend the same overspends read lower: 2,294,075 / 25,283,275 = 9.07%.
    assert_eq!(
        r[0].percent_of_spend.map(|p| p.value().round_dp_with_strategy(2, HALF_UP).to_string()),
        Some("9.07".into())
    );
}

#[test]
fn four_placements_avoided_pay_for_499k() {
    let i = portsmouth_2017().invest_to_save.unwrap_or_else(|| unreachable!());
    let r = invest_to_save(&i).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(r.break_even.round_dp(2), Decimal::new(305, 2));
    assert_eq!(r.break_even_placements, Decimal::from(4));
    assert_eq!(r.explanation, "£499,000 / £163,560 = 3.05 placements a year, so 4 to break even");
    // 4 x £163,560 = £654,240 a year saved against £499,000 spent: £155,240 net, from year 1.
    assert_eq!(r.years[0].net, Money::pounds(155_240));
    assert_eq!(r.payback_year, Some(1));
    // NPV at 3.5%: 155,240 + 155,240 / 1.035 + 155,240 / 1.035^2 = £450,148.54.
    assert_eq!(r.npv, Money::new(Decimal::new(45_014_854, 2)));
}

#[test]
fn delivery_risk_and_ramp_up_delay_payback() {
    let mut i = portsmouth_2017().invest_to_save.unwrap_or_else(|| unreachable!());
    i.avoided_per_year = vec![Decimal::ONE, Decimal::from(3), Decimal::from(5)];
    i.delivery_risk = Rate::new(Decimal::from(20));
    i.one_off = Money::pounds(50_000);
    let r = invest_to_save(&i).unwrap_or_else(|e| unreachable!("{e}"));
    // Year 1: 1 x 163,560 x 80% = 130,848 - 549,000 = -418,152; year 2: 392,544 - 499,000;
    // year 3: 654,240 - 499,000. Cumulative never reaches 0 in three years.
    assert_eq!(r.years[0].net, Money::pounds(-418_152));
    assert_eq!(r.years[1].net, Money::pounds(-106_456));
    assert_eq!(r.years[2].net, Money::pounds(155_240));
    assert_eq!(r.payback_year, None);
}

#[test]
fn ten_more_residential_placements_cost_about_1_6m() {
    use csplan_calc::placements::mix;
    let s = portsmouth_2017();
    let p = s.placements.as_ref().unwrap_or_else(|| unreachable!());
    let base = placements(p).unwrap_or_else(|e| unreachable!("{e}"));
    let r = mix(p, &base).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(r.changes[0].description, "10 more External residential");
    assert_eq!(r.changes[0].cost_change, Money::pounds(1_635_600));
    assert_eq!(r.changed_forecast, Money::pounds(10_377_402 + 1_635_600));

    // Moving 3 children from IFAs to in-house foster care saves 3 x (44,871 - 23,523).
    let mut moved = p.clone();
    moved.changes = vec![csplan_model::PlacementChange { line: 1, to: Some(0), number: Decimal::from(3) }];
    moved.inflation = Rate::new(Decimal::from(3));
    moved.years = 3;
    let r = mix(&moved, &base).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(r.changes[0].cost_change, Money::pounds(-64_044));
    let years: Vec<Money> = r.years.iter().map(|y| y.forecast).collect();
    // 10,313,358 then +3% a year, to the penny.
    assert_eq!(
        years,
        vec![
            Money::pounds(10_313_358),
            Money::new(Decimal::new(1_062_275_874, 2)),
            Money::new(Decimal::new(1_094_144_150, 2))
        ]
    );
}

#[test]
fn the_cost_can_be_posts_times_a_post_and_the_placement_a_week_or_a_placement_line() {
    use csplan_calc::placements::invest_to_save_in;
    let s = portsmouth_2017();
    let paper = s.invest_to_save.clone().unwrap_or_else(|| unreachable!());
    let expected = invest_to_save(&paper).unwrap_or_else(|e| unreachable!("{e}"));
    // 8 posts at £62,375 = £499,000 a year; the placement avoided is the external
    // residential line's £163,560 a year: the paper's figures, with their working.
    let worked = csplan_model::InvestToSave {
        cost_per_year: None,
        posts: Some(Decimal::from(8)),
        cost_per_post: Some(Money::pounds(62_375)),
        avoided_unit_cost: None,
        avoided_line: Some(5),
        ..paper.clone()
    };
    let r = invest_to_save_in(&worked, s.placements.as_ref()).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!((r.cost_per_year, r.avoided_unit_cost), (Money::pounds(499_000), Money::pounds(163_560)));
    assert_eq!(
        (r.years.clone(), r.npv, r.break_even_placements),
        (expected.years.clone(), expected.npv, expected.break_even_placements)
    );
    assert_eq!(
        r.explanation,
        "8 posts x £62,375 = £499,000 a year; a placement in External residential costs £163,560 a year; \
         £499,000 / £163,560 = 3.05 placements a year, so 4 to break even"
    );
    // A week's cost: £3,145.50 x 52 weeks = £163,566 a year.
    let weekly = csplan_model::InvestToSave {
        avoided_unit_cost: None,
        avoided_weekly_cost: Some(Money::new(Decimal::new(314_550, 2))),
        ..paper.clone()
    };
    let r = invest_to_save_in(&weekly, s.placements.as_ref()).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(r.avoided_unit_cost, Money::pounds(163_566));
    assert!(r.explanation.starts_with("£3,145.50 a week x 52 weeks = £163,566 a year; "), "{}", r.explanation);
    // A placement line needs the placements it names.
    assert!(invest_to_save_in(&worked, None).is_err());
}
