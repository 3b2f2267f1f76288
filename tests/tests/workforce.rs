//! The workforce model through its stable entry points: projection invariants over
//! generated workforces, and the `csplan workforce` command.

use csplan_calc::{project, Projection};
use csplan_model::{Decimal, Fte, Money, ProjectionSettings, Rate, Role, StarterKind, Starters, Workforce};
use proptest::prelude::*;

fn decimal(lo: i64, hi: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    let m = 10i64.pow(scale);
    (lo * m..=hi * m).prop_map(move |n| Decimal::new(n, scale))
}

prop_compose! {
    fn role()(establishment in decimal(1, 400, 2), vacant_share in 0u32..=100, cover_share in 0u32..=100,
              over in decimal(0, 20, 1), recruits in decimal(0, 5, 1), conversions in decimal(0, 3, 1),
              pipeline in prop::collection::vec((any::<bool>(), decimal(0, 20, 1), 1u32..40), 0..3),
              case_holding in any::<bool>()) -> Role {
        let vacancies = (establishment * Decimal::from(vacant_share) / Decimal::from(100)).round_dp(2);
        let covering = (vacancies * Decimal::from(cover_share) / Decimal::from(100)).round_dp(2);
        Role {
            name: "Role".into(),
            establishment: Fte::new(establishment),
            vacancies: Fte::new(vacancies),
            agency_covering_vacancies: Fte::new(covering),
            agency_over_establishment: Fte::new(over),
            recruits_per_month: Fte::new(recruits),
            agency_conversions_per_month: Fte::new(conversions),
            pipeline: pipeline.into_iter().map(|(agency, fte, month)| Starters {
                kind: if agency { StarterKind::Agency } else { StarterKind::Permanent },
                fte: Fte::new(fte),
                month,
            }).collect(),
            case_holding,
            permanent_cost_per_fte: Some(Money::pounds(45_000)),
            agency_cost_per_fte: Some(Money::pounds(70_000)),
            ..Role::default()
        }
    }
}

prop_compose! {
    fn workforce()(roles in prop::collection::vec(role(), 1..4), turnover in decimal(0, 40, 2),
                   nq_share in decimal(0, 100, 0), nq_caseload in decimal(0, 100, 0), fill in 0u32..6,
                   cases in decimal(0, 10_000, 0), target in decimal(5, 30, 1),
                   case_holders in prop::option::of(decimal(1, 500, 1))) -> Workforce {
        Workforce {
            roles,
            retention: None,
            projection: ProjectionSettings {
                months: 36,
                turnover: Some(Rate::new(turnover)),
                months_to_fill: fill,
                newly_qualified_share: Rate::new(nq_share),
                newly_qualified_caseload: Rate::new(nq_caseload),
                cases: Some(cases),
                case_holders: case_holders.map(Fte::new),
                target_caseload: Some(target),
            },
        }
    }
}

fn run(w: &Workforce) -> Projection {
    project("2024-09-30", w).unwrap_or_else(|e| unreachable!("{e}"))
}

proptest! {
    #[test]
    fn no_figure_is_ever_negative(w in workforce()) {
        for m in run(&w).months {
            for v in [m.in_post, m.agency, m.vacancies, m.newly_qualified, m.case_holding_fte] {
                prop_assert!(!v.is_negative(), "{:?}", m);
            }
            prop_assert!(!m.cost.is_negative());
        }
    }

    #[test]
    fn with_no_leavers_and_no_starters_nothing_changes(mut w in workforce()) {
        w.projection.turnover = Some(Rate::ZERO);
        for r in &mut w.roles {
            r.pipeline.clear();
            r.recruits_per_month = Fte::ZERO;
            r.agency_conversions_per_month = Fte::ZERO;
        }
        let p = run(&w);
        let first = p.months.first().cloned();
        for m in &p.months {
            let first = first.clone().map(|f| (f.in_post, f.agency, f.vacancies, f.case_holding_fte, f.cost));
            prop_assert_eq!(Some((m.in_post, m.agency, m.vacancies, m.case_holding_fte, m.cost)), first);
        }
    }

    #[test]
    fn more_starters_never_delay_the_target(w in workforce(), extra in decimal(0, 5, 1), role in 0usize..4) {
        let mut more = w.clone();
        if let Some(r) = more.roles.get_mut(role % w.roles.len()) {
            r.recruits_per_month = Fte::new(r.recruits_per_month.value() + extra);
        }
        let (a, b) = (run(&w), run(&more));
        for (x, y) in a.months.iter().zip(&b.months) {
            // Exact to the 28 significant digits a decimal holds.
            let tolerance = Decimal::new(1, 20);
            prop_assert!(y.case_holding_fte.value() + tolerance >= x.case_holding_fte.value(), "{} < {} in {}", y.case_holding_fte.value(), x.case_holding_fte.value(), x.month);
        }
        let later = match (a.target_met, b.target_met) {
            (Some(x), Some(y)) => y > x,
            (Some(_), None) => true,
            _ => false,
        };
        prop_assert!(!later, "{:?} then {:?}", a.target_met, b.target_met);
    }
}

fn csplan(args: &[&str]) -> (i32, String, String) {
    let run = csplan_tests::csplan(args);
    (run.code, run.out, run.err)
}

#[test]
fn workforce_command_gives_unrounded_rates_and_null_for_missing_inputs() {
    let (code, out, err) = csplan(&[
        "workforce",
        "--in-post",
        "33119.1",
        "--vacancies",
        "7722.7",
        "--agency",
        "7173.5",
        "--agency-cover",
        "5744.2",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let rate = |k: &str| v[k].as_str().and_then(csplan_model::dec::parse_text).map(|d| d.round_dp(1).to_string());
    assert_eq!(rate("vacancy_rate").as_deref(), Some("18.9"));
    assert_eq!(rate("agency_rate").as_deref(), Some("17.8"));
    assert_eq!(rate("agency_cover_rate").as_deref(), Some("80.1"));
    assert_eq!(rate("vacancy_agency_cover_rate").as_deref(), Some("74.4"));
    assert!(v["vacancy_rate"].as_str().is_some_and(|s| s.len() > 6), "unrounded: {}", v["vacancy_rate"]);
    assert_eq!(v["turnover_rate"], serde_json::Value::Null);
    assert_eq!(v["caseload"], serde_json::Value::Null);
}

#[test]
fn workforce_command_refuses_bad_figures_naming_the_argument() {
    let (code, _, err) = csplan(&["workforce", "--in-post", "-1", "--vacancies", "2", "--agency", "1"]);
    assert_eq!(code, 1);
    assert!(err.contains("--in-post"), "{err}");
    let (code, _, err) =
        csplan(&["workforce", "--in-post", "10", "--vacancies", "2", "--agency", "1", "--agency-cover", "3"]);
    assert_eq!(code, 1);
    assert!(err.contains("--agency-cover"), "{err}");
    let (code, _, err) = csplan(&["workforce", "--in-post", "10", "--vacancies", "x", "--agency", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("--vacancies"), "{err}");
    let (code, _, _) = csplan(&["workforce", "--in-post", "10", "--vacancies", "2", "--agency", "1", "--cases", "5"]);
    assert_eq!(code, 2, "--cases needs --case-holders");
}

#[test]
fn west_sussex_report_prints_the_papers_table() {
    let (_, scenario, _) = csplan(&["example", "--preset", "west-sussex-2019"]);
    let run = csplan_tests::csplan_with_stdin(&["report", "-"], &scenario);
    assert_eq!(run.code, 0, "{}", run.err);
    let text = run.out;
    let row = |label: &str| {
        text.lines().find(|l| l.starts_with(label)).map(|l| l.split_whitespace().rev().take(4).collect::<Vec<_>>())
    };
    assert_eq!(row("Vacant, not covered"), Some(vec!["66.04", "6.52", "7.08", "52.44"]));
    assert_eq!(row("Remaining gap after pipeline"), Some(vec!["24.92", "0.00", "7.08", "17.84"]));
}

#[test]
fn caseload_posts_become_newly_created_vacant_posts() {
    use csplan_validation::form::ScenarioForm;
    let scenario = csplan_model::presets::west_sussex_2019();
    let mut form = ScenarioForm::from_scenario(&scenario);
    let before = csplan_calc::workforce(&form.check().scenario.expect("valid")).expect("calc").expect("workforce");
    let w = form.workforce.as_mut().expect("workforce section");
    w.add_created_posts(0, Decimal::from(14)).expect("readable fields");
    let after = csplan_calc::workforce(&form.check().scenario.expect("still valid")).expect("calc").expect("workforce");
    let (b, a) = (&before.roles[0], &after.roles[0]);
    assert_eq!(a.establishment.value() - b.establishment.value(), Decimal::from(14));
    assert_eq!(a.newly_created.value() - b.newly_created.value(), Decimal::from(14));
    assert_eq!(a.vacancies.value() - b.vacancies.value(), Decimal::from(14));
    assert_eq!(a.in_post, b.in_post, "new posts start empty");
    assert_eq!(a.remaining_gap.value() - b.remaining_gap.value(), Decimal::from(14));
}

#[test]
fn adding_posts_to_an_unreadable_role_changes_nothing_and_says_which_field() {
    use csplan_validation::form::ScenarioForm;
    let mut form = ScenarioForm::from_scenario(&csplan_model::presets::west_sussex_2019());
    let w = form.workforce.as_mut().expect("workforce section");
    w.roles[0].vacancies = "lots".into();
    let typed = w.roles[0].clone();
    let err = w.add_created_posts(0, Decimal::from(3)).expect_err("vacancies unreadable");
    assert!(err.contains("vacancies"), "{err}");
    assert_eq!(w.roles[0], typed, "nothing the user typed is lost");
    assert!(w.add_created_posts(9, Decimal::ONE).is_err());
}

#[test]
fn posts_are_offered_only_when_the_team_groups_need_some() {
    let barnsley = csplan_calc::caseload_report(&csplan_model::presets::barnsley_2017()).expect("valid preset");
    assert_eq!(barnsley.totals.posts_needed(), Some(barnsley.totals.posts));
    assert!(barnsley.totals.posts > Decimal::ZERO);
    let none = csplan_calc::Totals::default();
    assert_eq!(none.posts_needed(), None);
}
