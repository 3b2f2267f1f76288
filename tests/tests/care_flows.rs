//! Stock-flow invariants over generated models: no negative population, children are
//! conserved (start + entrants - exits = end), and with no flows nothing changes.

use csplan_calc::care_flows::project_flows;
use csplan_model::{CareFlows, CareMove, CareType, Decimal, Money, Rate};
use proptest::prelude::*;

fn decimal(lo: i64, hi: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    let m = 10i64.pow(scale);
    (lo * m..=hi * m).prop_map(move |n| Decimal::new(n, scale))
}

prop_compose! {
    fn care_type()(children in decimal(0, 400, 0), entrants in decimal(0, 10, 1), exit in decimal(0, 20, 2),
                   cost in prop::option::of(decimal(5_000, 300_000, 0))) -> CareType {
        CareType { name: "Type".into(), children, entrants_per_month: entrants, exit_rate: Rate::new(exit), annual_cost: cost.map(Money::new) }
    }
}

prop_compose! {
    fn model()(types in prop::collection::vec(care_type(), 1..5), raw_moves in prop::collection::vec((0usize..5, 0usize..5, decimal(0, 10, 2)), 0..5),
               months in 1u32..48) -> CareFlows {
        let n = types.len();
        // At most 20% exits + 5 moves x 10%: within 100% a month, as validation requires.
        let moves: Vec<CareMove> = raw_moves
            .into_iter()
            .map(|(f, t, r)| (f % n, t % n, r))
            .filter(|(f, t, _)| f != t)
            .map(|(from, to, rate)| CareMove { from, to, rate: Rate::new(rate) })
            .collect();
        CareFlows { types, moves, months }
    }
}

proptest! {
    #[test]
    fn population_never_goes_negative(c in model()) {
        let p = project_flows(&c);
        prop_assert!(p.is_ok());
        for m in p.map(|p| p.months).unwrap_or_default() {
            prop_assert!(m.by_type.iter().all(|v| !v.is_sign_negative() || v.is_zero()), "{:?}", m.by_type);
            prop_assert!(m.low <= m.total && m.total <= m.high);
        }
    }

    #[test]
    fn flows_conserve_children(c in model()) {
        let p = project_flows(&c).unwrap_or_else(|e| unreachable!("{e}"));
        let entrants: Decimal = c.types.iter().map(|t| t.entrants_per_month).sum();
        for pair in p.months.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            let exits: Decimal = before
                .by_type
                .iter()
                .zip(&c.types)
                .map(|(n, t)| *n * t.exit_rate.value() / Decimal::ONE_HUNDRED)
                .sum();
            let expected = before.total + entrants - exits;
            prop_assert!((after.total - expected).abs() < Decimal::new(1, 18), "{} vs {}", after.total, expected);
            prop_assert_eq!(after.by_type.iter().copied().sum::<Decimal>(), after.total);
        }
    }

    #[test]
    fn with_every_rate_zero_the_population_is_constant(mut c in model()) {
        for t in &mut c.types {
            t.entrants_per_month = Decimal::ZERO;
            t.exit_rate = Rate::ZERO;
        }
        for m in &mut c.moves {
            m.rate = Rate::ZERO;
        }
        let p = project_flows(&c).unwrap_or_else(|e| unreachable!("{e}"));
        let first = p.months.first().map(|m| m.by_type.clone());
        for m in &p.months {
            prop_assert_eq!(Some(m.by_type.clone()), first.clone());
            prop_assert_eq!(m.low, m.total);
        }
    }
}

#[test]
fn a_small_model_by_hand() {
    let c = CareFlows {
        types: vec![
            CareType {
                name: "Foster".into(),
                children: Decimal::from(100),
                entrants_per_month: Decimal::from(4),
                exit_rate: Rate::new(Decimal::from(2)),
                annual_cost: Some(Money::pounds(24_000)),
            },
            CareType {
                name: "Residential".into(),
                children: Decimal::from(10),
                entrants_per_month: Decimal::ONE,
                exit_rate: Rate::new(Decimal::from(5)),
                annual_cost: Some(Money::pounds(163_560)),
            },
        ],
        moves: vec![CareMove { from: 0, to: 1, rate: Rate::new(Decimal::ONE) }],
        months: 1,
    };
    let p = project_flows(&c).unwrap_or_else(|e| unreachable!("{e}"));
    // Foster: 100 - 2 exits - 1 moved + 4 = 101; residential: 10 - 0.5 + 1 + 1 = 11.5.
    assert_eq!(p.months[1].by_type, vec![Decimal::from(101), Decimal::new(115, 1)]);
    // Cost of month 1: 101 x 24,000 / 12 + 11.5 x 163,560 / 12 = 202,000 + 156,745 = 358,745.
    assert_eq!(p.total_cost, Some(Money::pounds(358_745)));
}

fn steady_history(start: Decimal, entrants: Decimal, years: u16) -> Vec<csplan_calc::care_flows::FlowYear> {
    (0..years).map(|i| csplan_calc::care_flows::FlowYear { year: 2020 + i, start, entrants, exits: entrants }).collect()
}

proptest! {
    /// A history in which as many leave as start each year gives back the rates that keep
    /// the number looked after steady: entrants a month = yearly entrants / 12, and exit
    /// rate x stock = entrants a month.
    #[test]
    fn rates_estimated_from_a_steady_history_hold_it_steady(start in decimal(1, 2_000, 0), entrants in decimal(0, 500, 0), years in 1u16..6) {
        let estimate = csplan_calc::care_flows::estimate_rates(&steady_history(start, entrants, years));
        prop_assert!(estimate.is_ok());
        let e = estimate.ok().flatten();
        prop_assert!(e.is_some());
        if let Some(e) = e {
            // Exact to the 28 significant digits a decimal holds (entrants / 12 may not terminate).
            prop_assert!((e.entrants_per_month * Decimal::from(12) - entrants).abs() < Decimal::new(1, 20));
            let leaving = e.exit_rate.value() / Decimal::ONE_HUNDRED * start;
            prop_assert!((leaving - e.entrants_per_month).abs() < Decimal::new(1, 20), "{} vs {}", leaving, e.entrants_per_month);
        }
    }
}

#[test]
fn a_steady_estimate_projects_a_steady_population() {
    // 250 looked after, 120 starting and 120 ceasing a year: 10 a month in, 4% a month out.
    let e = csplan_calc::care_flows::estimate_rates(&steady_history(Decimal::from(250), Decimal::from(120), 3))
        .ok()
        .flatten()
        .unwrap_or_else(|| unreachable!("a history with children"));
    assert_eq!((e.entrants_per_month, e.exit_rate.value()), (Decimal::from(10), Decimal::from(4)));
    let flows = CareFlows {
        types: vec![CareType {
            name: "All".into(),
            children: Decimal::from(250),
            entrants_per_month: e.entrants_per_month,
            exit_rate: e.exit_rate,
            annual_cost: None,
        }],
        moves: vec![],
        months: 36,
    };
    let p = project_flows(&flows).unwrap_or_else(|e| unreachable!("{e:?}"));
    assert!(p.months.iter().all(|m| m.total == Decimal::from(250)));
    assert_eq!(csplan_calc::care_flows::estimate_rates(&[]), Ok(None));
}

#[test]
fn flows_estimates_an_authoritys_rates_from_dfe_counts() {
    let run = csplan_tests::csplan(&["flows", "--la", "Barnsley", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.err);
    let json: serde_json::Value = serde_json::from_str(&run.out).unwrap_or_default();
    // DfE: 301 looked after at 31 March 2019; 127 started and 128 ceased in 2019-20; ... to 2023.
    assert_eq!(json["years"][0]["start"], "301");
    assert_eq!(json["years"].as_array().map(Vec::len), Some(4));
    let entrants: Decimal = json["entrants_per_month"].as_str().and_then(|s| s.parse().ok()).unwrap_or_default();
    assert!((entrants * Decimal::from(48) - Decimal::from(127 + 158 + 172 + 196)).abs() < Decimal::new(1, 20));
    let unknown = csplan_tests::csplan(&["flows", "--la", "Barnsly"]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.err.contains("Barnsley"), "{}", unknown.err);
}

#[test]
fn the_cost_of_a_path_is_summed_by_financial_year() {
    // 10 children at £12,000 a year each, no flows: £10,000 a month. From 31 January 2024,
    // months 1-2 (February, March) fall in 2023/24 and months 3-12 in 2024/25.
    let flows = CareFlows {
        types: vec![CareType {
            name: "Foster care".into(),
            children: Decimal::from(10),
            entrants_per_month: Decimal::ZERO,
            exit_rate: Rate::ZERO,
            annual_cost: Some(Money::pounds(12_000)),
        }],
        moves: vec![],
        months: 12,
    };
    let p = csplan_calc::care_flows::project_flows_from("2024-01-31", &flows).unwrap_or_else(|e| unreachable!("{e:?}"));
    let years: Vec<(String, u32, Money)> =
        p.financial_years.iter().map(|y| (y.year.clone(), y.months, y.cost)).collect();
    assert_eq!(
        years,
        vec![("2023/24".to_string(), 2, Money::pounds(20_000)), ("2024/25".to_string(), 10, Money::pounds(100_000))]
    );
    assert_eq!(p.total_cost, Some(Money::pounds(120_000)), "the years add up to the whole path");
    // Without a cost for every type there is nothing to sum.
    let mut uncosted = flows.clone();
    uncosted.types[0].annual_cost = None;
    let p =
        csplan_calc::care_flows::project_flows_from("2024-01-31", &uncosted).unwrap_or_else(|e| unreachable!("{e:?}"));
    assert!(p.financial_years.is_empty());
}
