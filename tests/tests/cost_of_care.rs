//! Placements and invest-to-save through stable entry points: invariants over generated
//! cases, and the Portsmouth report from the command line.

use csplan_calc::placements::invest_to_save;
use csplan_model::{Decimal, InvestToSave, Money, Rate};
use proptest::prelude::*;

fn decimal(lo: i64, hi: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    let m = 10i64.pow(scale);
    (lo * m..=hi * m).prop_map(move |n| Decimal::new(n, scale))
}

prop_compose! {
    fn case()(cost in decimal(0, 2_000_000, 0), one_off in decimal(0, 500_000, 0), years in 1u32..10,
              unit in decimal(1_000, 300_000, 0), avoided in prop::collection::vec(decimal(0, 12, 1), 0..6),
              risk in decimal(0, 100, 0), discount in decimal(0, 10, 1)) -> InvestToSave {
        InvestToSave {
            name: "case".into(),
            cost_per_year: Some(Money::new(cost)),
            one_off: Money::new(one_off),
            years,
            avoided_unit_cost: Some(Money::new(unit)),
            avoided_per_year: avoided,
            delivery_risk: Rate::new(risk),
            discount_rate: Rate::new(discount),
            ..InvestToSave::default()
        }
    }
}

proptest! {
    #[test]
    fn payback_is_never_earlier_when_the_investment_grows(i in case(), more in decimal(0, 500_000, 0)) {
        let bigger = InvestToSave { cost_per_year: i.cost_per_year.map(|c| Money::new(c.value() + more)), ..i.clone() };
        let (a, b) = (invest_to_save(&i), invest_to_save(&bigger));
        prop_assert!(a.is_ok() && b.is_ok());
        if let (Ok(a), Ok(b)) = (a, b) {
            let earlier = match (a.payback_year, b.payback_year) {
                (Some(x), Some(y)) => y < x,
                (None, Some(_)) => true,
                _ => false,
            };
            prop_assert!(!earlier, "{:?} then {:?}", a.payback_year, b.payback_year);
            prop_assert!(b.npv <= a.npv);
            prop_assert!(b.break_even_placements >= a.break_even_placements);
        }
    }

    #[test]
    fn cumulative_net_is_the_running_sum(i in case()) {
        if let Ok(r) = invest_to_save(&i) {
            let mut running = Money::ZERO;
            for y in &r.years {
                running = running.checked_add(y.net).unwrap_or(Money::ZERO);
                prop_assert_eq!(y.cumulative, running);
            }
            prop_assert_eq!(r.years.len() as u32, i.years);
        }
    }
}

#[test]
fn portsmouth_report_from_the_command_line() {
    let scenario = csplan_tests::csplan(&["example", "--preset", "portsmouth-2017"]).out;
    let run = csplan_tests::csplan_with_stdin(&["report", "-", "--format", "json"], &scenario);
    assert_eq!(run.code, 0, "{}", run.err);
    let v: serde_json::Value = serde_json::from_str(&run.out).unwrap_or_default();
    assert_eq!(v["placements"]["total_forecast"], "10377402");
    assert_eq!(v["placements"]["total_budget"], "8693750");
    assert_eq!(v["placements"]["total_deficit"], "1683652");
    assert_eq!(v["invest_to_save"]["break_even_placements"], "4");
    let table = csplan_tests::csplan_with_stdin(&["report", "-"], &scenario);
    for figure in ["£10,377,402", "£8,693,750", "£1,683,652", "9.98%", "16.90%", "6.15%", "2.32%"] {
        assert!(table.out.contains(figure), "table lacks {figure}");
    }
}

#[test]
fn the_report_csv_carries_every_section_in_long_form() {
    let scenario = csplan_tests::csplan(&["example", "--preset", "portsmouth-2017"]).out;
    let run = csplan_tests::csplan_with_stdin(&["report", "-", "--format", "csv"], &scenario);
    assert_eq!(run.code, 0, "{}", run.err);
    let lines: Vec<&str> = run.out.lines().collect();
    assert_eq!(lines.first(), Some(&"section,name,period,figure,value"));
    for row in [
        "placements_total,all lines,,forecast,10377402",
        "placements_total,all lines,,deficit,1683652",
        "mix,10 more External residential,,cost_change,1635600",
        "invest_to_save,,,break_even_placements,4",
        "demand,\"Referrals, all ages\",2016,value,2482",
        "budget_history,,2016/17,deficit,545549",
    ] {
        assert!(lines.contains(&row), "missing {row}");
    }
    assert!(lines.iter().all(|l| l.matches(',').count() >= 4), "every row has five fields");
}

#[test]
fn an_invest_to_save_case_names_a_cost_given_twice_or_not_at_all() {
    let mut s = csplan_model::presets::portsmouth_2017();
    let errors = |s: &csplan_model::Scenario| -> Vec<String> {
        csplan_validation::validate(s).into_iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect()
    };
    assert_eq!(errors(&s), Vec::<String>::new());
    let paper = s.invest_to_save.clone().unwrap_or_default();
    s.invest_to_save = Some(InvestToSave { cost_per_year: None, avoided_unit_cost: None, ..paper.clone() });
    assert_eq!(
        errors(&s),
        vec![
            "invest_to_save.cost_per_year: Enter the cost a year, or the posts and the cost of a post".to_string(),
            "invest_to_save.avoided_unit_cost: Enter the cost of a placement avoided: a year, a week, or a placement line's".to_string(),
        ]
    );
    s.invest_to_save = Some(InvestToSave {
        cost_per_post: Some(Money::pounds(40_000)),
        avoided_line: Some(9),
        avoided_weekly_cost: Some(Money::pounds(3_000)),
        ..paper
    });
    assert_eq!(
        errors(&s),
        vec![
            "invest_to_save.cost_per_post: Give the cost a year, or the posts and the cost of a post: not both".to_string(),
            "invest_to_save.avoided_line: Give the cost of a placement avoided one way: a year, a week, or a placement line's".to_string(),
            "invest_to_save.avoided_line: The placement avoided is costed from placement line 10, which does not exist".to_string(),
        ]
    );
}
