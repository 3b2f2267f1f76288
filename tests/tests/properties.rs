//! Invariants of the caseload planner over generated inputs.

use csplan_calc::{caseload, report, round_posts, CaseloadInput};
use csplan_model::{Decimal, Fte, Money, Rounding, Scenario};
use csplan_validation::form::ScenarioForm;
use proptest::prelude::*;

/// A decimal in [lo, hi] with `scale` places.
fn decimal(lo: i64, hi: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    let m = 10i64.pow(scale);
    (lo * m..=hi * m).prop_map(move |n| Decimal::new(n, scale))
}

fn rounding() -> impl Strategy<Value = Rounding> {
    prop::sample::select(Rounding::ALL.to_vec())
}

prop_compose! {
    fn input()(fte in decimal(1, 500, 2), avg in decimal(0, 60, 1), target in decimal(1, 40, 1),
               cost in prop::option::of(decimal(0, 120_000, 2)), rounding in rounding()) -> CaseloadInput {
        CaseloadInput {
            case_holding_fte: Fte::new(fte),
            cases: None,
            current_caseload: Some(avg),
            target_caseload: target,
            cost_per_fte: cost.map(Money::new),
            rounding,
        }
    }
}

proptest! {
    #[test]
    fn more_fte_never_raises_the_average_caseload(i in input(), extra in decimal(0, 100, 2), cases in decimal(0, 20_000, 0)) {
        let base = CaseloadInput { cases: Some(cases), ..i };
        let more = CaseloadInput { case_holding_fte: Fte::new(i.case_holding_fte.value() + extra), ..base };
        let (a, b) = (caseload(&base), caseload(&more));
        prop_assert!(a.is_ok() && b.is_ok());
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert!(b.current_caseload <= a.current_caseload);
            prop_assert!(b.additional_fte <= a.additional_fte);
        }
    }

    #[test]
    fn costs_and_counts_are_never_negative(i in input()) {
        let r = caseload(&i);
        prop_assert!(r.is_ok());
        if let Ok(r) = r {
            prop_assert!(!r.cost.is_some_and(Money::is_negative));
            prop_assert_eq!(r.cost.is_some(), i.cost_per_fte.is_some(), "a cost exactly when a cost per FTE is given");
            prop_assert!(!r.additional_fte.is_negative());
            prop_assert!(!r.spare_fte.is_negative());
            prop_assert!(r.posts >= Decimal::ZERO);
            prop_assert!(r.additional_fte.is_zero() || r.spare_fte.is_zero());
        }
    }

    #[test]
    fn rounding_rules_are_ordered(extra in decimal(0, 1_000, 4)) {
        let down = round_posts(extra, Rounding::Down);
        let nearest = round_posts(extra, Rounding::Nearest);
        let up = round_posts(extra, Rounding::Up);
        prop_assert!(down <= nearest && nearest <= up);
        prop_assert!(up - down <= Decimal::ONE);
        prop_assert!(down <= extra && extra <= up);
    }

    #[test]
    fn reaching_the_target_needs_exactly_the_additional_fte(i in input()) {
        if let Ok(r) = caseload(&i) {
            let after = r.case_holding_fte.value() + r.additional_fte.value() - r.spare_fte.value();
            // Exact to the 28 significant digits a decimal holds.
            let gap = (after - r.fte_needed.value()).abs();
            prop_assert!(gap < Decimal::new(1, 20), "{} vs {}", after, r.fte_needed.value());
        }
    }

    #[test]
    fn scenario_json_round_trips_exactly(s in scenario()) {
        let json = serde_json::to_string(&s);
        prop_assert!(json.is_ok());
        let back: Result<Scenario, _> = serde_json::from_str(&json.unwrap_or_default());
        prop_assert_eq!(back.ok(), Some(s.clone()));
        // The form a person edits gives back the same scenario too.
        let checked = ScenarioForm::from_scenario(&s).check();
        prop_assert_eq!(checked.scenario.as_deref(), Some(&s));
    }

    #[test]
    fn save_then_load_and_share_then_open_give_back_the_same_scenario(s in scenario()) {
        let saved = serde_json::to_string_pretty(&s).unwrap_or_default();
        let loaded = csplan_validation::load::read_scenario_json(&saved).map(|(l, _)| l);
        prop_assert_eq!(loaded.ok(), Some(s.clone()));
        let link = csplan_validation::share::encode(&s);
        prop_assert_eq!(csplan_validation::share::decode(&link), Ok(s));
    }

    #[test]
    fn totals_are_the_sum_of_the_team_groups(s in scenario()) {
        let r = report(&s);
        prop_assert!(r.is_ok());
        if let Ok(r) = r {
            // A total cost only when every team group needing posts has a cost.
            let mut cost = Some(Money::ZERO);
            let mut posts = Decimal::ZERO;
            for t in &r.teams {
                cost = match t.result.cost {
                    Some(c) => cost.and_then(|sum| sum.checked_add(c)),
                    None if t.result.posts.is_zero() => cost,
                    None => None,
                };
                posts += t.result.posts;
            }
            prop_assert_eq!(r.totals.cost, cost);
            prop_assert_eq!(r.totals.posts, posts);
        }
    }
}

prop_compose! {
    fn team()(name in "[A-Za-z]([A-Za-z ]{0,18}[A-Za-z])?", fte in decimal(1, 200, 2), by_cases in any::<bool>(),
              amount in decimal(0, 5_000, 2), target in decimal(5, 30, 1),
              cost in prop::option::of(decimal(20_000, 90_000, 2)), in_a in any::<bool>(), in_b in any::<bool>())
        -> csplan_model::TeamGroup {
        let mut options = Vec::new();
        if in_a { options.push("A".to_string()); }
        if in_b { options.push("B".to_string()); }
        csplan_model::TeamGroup {
            name,
            case_holding_fte: Fte::new(fte),
            cases: by_cases.then_some(amount),
            current_caseload: (!by_cases).then_some(amount.round_dp(1) / Decimal::from(100)),
            target_caseload: target,
            cost_per_fte: cost.map(Money::new),
            options,
        }
    }
}

prop_compose! {
    fn scenario()(teams in prop::collection::vec(team(), 1..6), rounding in rounding(),
                  cost in prop::option::of(decimal(20_000, 90_000, 2)), targets in prop::collection::btree_set(10i64..25, 0..3))
        -> Scenario {
        let mut s = csplan_model::presets::default_scenario();
        s.teams = teams;
        s.rounding = rounding;
        s.cost_per_fte = cost.map(Money::new);
        // Without a cost per FTE, the consultation's staffing choice carries its own cost.
        if s.cost_per_fte.is_none() {
            for l in s.consultation.iter_mut().flat_map(|c| c.levers.iter_mut()) {
                if matches!(l.effect, Some(csplan_model::LeverEffect::Caseload { .. })) {
                    l.per_unit = Some(Money::pounds(-52_000));
                }
            }
        }
        s.compare_targets = targets.into_iter().map(Decimal::from).collect();
        // Keep only options some team belongs to, so the scenario is warning-free.
        s.options.retain(|o| s.teams.iter().any(|t| t.options.contains(&o.id)));
        s
    }
}
