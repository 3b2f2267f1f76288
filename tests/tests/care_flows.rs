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
