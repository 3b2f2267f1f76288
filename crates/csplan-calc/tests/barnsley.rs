//! Barnsley, December 2017: the six option figures to the published precision and the
#![allow(clippy::indexing_slicing)] // tests: a missing element is a test failure, which is what we want
//! pound, through the calc crate's entry points. Runs natively and on wasm32.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_calc::{caseload, options, report, round_posts, CaseloadInput};
use csplan_model::presets::barnsley_2017;
use csplan_model::{Decimal, Fte, Money, Rounding, HALF_UP};

fn dec(text: &str) -> Decimal {
    csplan_model::dec::parse_text(text).unwrap_or_default()
}

/// One published row: option id, target, extra FTE as printed (and its places), posts, cost.
fn check(option: &str, target: &str, extra: &str, places: u32, posts: i64, cost: i64) {
    let results = options(&barnsley_2017()).unwrap_or_default();
    let option_result = results.iter().find(|o| o.id == option);
    let at = option_result.and_then(|o| o.at_targets.iter().find(|r| r.target_caseload == dec(target)));
    let Some(r) = at else {
        unreachable!("option {option} has no result at target {target}");
    };
    assert_eq!(
        r.additional_fte.value().round_dp_with_strategy(places, HALF_UP),
        dec(extra),
        "option {option} at {target}: extra FTE"
    );
    assert_eq!(r.posts, Decimal::from(posts), "option {option} at {target}: posts");
    assert_eq!(r.cost, Some(Money::pounds(cost)), "option {option} at {target}: cost");
}

#[test]
fn option_1_at_18_is_9_posts_costing_376_551() {
    // The paper prints £376,550, its own rounding of 9 x £41,839 = £376,551.
    check("1", "18", "8.7", 1, 9, 376_551);
}

#[test]
fn option_1_at_16_is_18_posts_costing_753_102() {
    check("1", "16", "17.7", 1, 18, 753_102);
}

#[test]
fn option_2_at_18_is_14_posts_costing_585_746() {
    check("2", "18", "14.47", 2, 14, 585_746);
}

#[test]
fn option_2_at_16_is_25_posts_costing_1_045_975() {
    check("2", "16", "25.1", 1, 25, 1_045_975);
}

#[test]
fn option_3_at_18_is_12_posts_costing_502_068() {
    check("3", "18", "11.9", 1, 12, 502_068);
}

#[test]
fn option_3_at_16_is_24_posts_costing_1_004_136() {
    check("3", "16", "24.4", 1, 24, 1_004_136);
}

#[test]
fn option_averages_are_the_papers() {
    let results = options(&barnsley_2017()).unwrap_or_default();
    let averages: Vec<Decimal> =
        results.iter().filter_map(|o| o.at_targets.first()).map(|r| r.current_caseload).collect();
    assert_eq!(averages, vec![dec("20.5"), dec("21.7"), dec("20.4")]);
}

fn option_2(rounding: Rounding) -> CaseloadInput {
    CaseloadInput {
        case_holding_fte: Fte::new(dec("70.4")),
        cases: None,
        current_caseload: Some(dec("21.7")),
        target_caseload: dec("18"),
        cost_per_fte: Some(Money::pounds(41_839)),
        rounding,
    }
}

#[test]
fn explanation_names_every_input() {
    let r = caseload(&option_2(Rounding::Nearest)).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(
        r.explanation,
        "70.4 FTE x 21.7 = 1,527.7 cases; / 18 = 84.9 FTE needed; 14.47 more; 14 posts at £41,839 = £585,746"
    );
}

#[test]
fn rounding_rule_is_explicit_and_changes_the_cost() {
    let cost = |rule| caseload(&option_2(rule)).map(|r| r.cost).unwrap_or_default();
    assert_eq!(cost(Rounding::Nearest), Some(Money::pounds(585_746)));
    assert_eq!(cost(Rounding::Down), Some(Money::pounds(585_746)));
    assert_eq!(cost(Rounding::Up), Some(Money::pounds(627_585)));
    // Fractional FTE to hundredths: 14.47 x £41,839 = £605,410.33.
    assert_eq!(cost(Rounding::None), Some(Money::new(dec("605410.33"))));
}

#[test]
fn round_posts_rules() {
    let r = |text, rule| round_posts(dec(text), rule);
    assert_eq!(r("14.5", Rounding::Nearest), dec("15"), "halves go up, not to even");
    assert_eq!(r("12.5", Rounding::Nearest), dec("13"));
    assert_eq!(r("14.47", Rounding::Nearest), dec("14"));
    assert_eq!(r("14.01", Rounding::Up), dec("15"));
    assert_eq!(r("14.99", Rounding::Down), dec("14"));
    assert_eq!(r("14.4711", Rounding::None), dec("14.47"));
    assert_eq!(r("0.005", Rounding::None), dec("0.01"));
}

#[test]
fn target_already_met_reports_spare_fte_and_no_cost() {
    let input = CaseloadInput { target_caseload: dec("25"), ..option_2(Rounding::Up) };
    let r = caseload(&input).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(r.additional_fte, Fte::ZERO);
    assert_eq!(r.posts, Decimal::ZERO);
    assert_eq!(r.cost, Some(Money::ZERO));
    // 1,527.68 / 25 = 61.1072 needed, so 70.4 - 61.1072 = 9.2928 spare.
    assert_eq!(r.spare_fte, Fte::new(dec("9.2928")));
    assert!(r.explanation.contains("9.29 FTE to spare"), "{}", r.explanation);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    use csplan_calc::CalcError;
    let zero_fte = CaseloadInput { case_holding_fte: Fte::ZERO, ..option_2(Rounding::Nearest) };
    assert_eq!(caseload(&zero_fte), Err(CalcError::NoFte));
    let zero_target = CaseloadInput { target_caseload: Decimal::ZERO, ..option_2(Rounding::Nearest) };
    assert_eq!(caseload(&zero_target), Err(CalcError::NoTarget));
    let no_cases = CaseloadInput { current_caseload: None, ..option_2(Rounding::Nearest) };
    assert_eq!(caseload(&no_cases), Err(CalcError::NoCases));
    let huge = CaseloadInput { current_caseload: Some(Decimal::MAX), ..option_2(Rounding::Nearest) };
    assert_eq!(caseload(&huge), Err(CalcError::Overflow));
    let tiny_target =
        CaseloadInput { target_caseload: dec("0.0000000000000000000000000001"), ..option_2(Rounding::Nearest) };
    assert_eq!(caseload(&tiny_target), Err(CalcError::Overflow));
}

#[test]
fn report_totals_are_the_sum_of_team_groups() {
    let r = report(&barnsley_2017()).unwrap_or_else(|e| unreachable!("{e}"));
    let cost = r.teams.iter().try_fold(Money::ZERO, |acc, t| t.result.cost.and_then(|c| acc.checked_add(c)));
    assert_eq!(r.totals.cost, cost);
    assert_eq!(r.teams.len(), 3);
    assert_eq!(r.options.len(), 3);
}

/// The green total box's words: each team group at its own target, added up, with its
/// working, so that 15 posts cannot be read as Option 2's 14.
#[test]
fn the_totals_show_their_working() {
    let r = report(&barnsley_2017()).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(
        csplan_calc::caseload::totals_working(&r),
        "Assessment, safeguarding, children in care and care leavers teams: 9 posts (£376,551) + \
         Disabled children's teams: 6 posts (£251,034) = 15 posts, £627,585 a year; 14.47 extra FTE before each group's rounding"
    );
    let mut met = barnsley_2017();
    for t in &mut met.teams {
        t.target_caseload = Decimal::from(100);
    }
    let r = report(&met).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(
        csplan_calc::caseload::totals_working(&r),
        "Every team group already meets its own target: no posts to add."
    );
}

#[test]
fn each_figure_of_option_2_says_how_it_is_reached() {
    let r = caseload(&option_2(Rounding::Nearest)).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(r.posts_working(), "14.47 extra FTE, rounded to the nearest whole post (halves round up) = 14 posts");
    assert_eq!(r.cost_working(), "14 posts x £41,839 = £585,746 a year (to the penny, halves up)");
    assert!(r.extra_fte_working().ends_with("= 14.47 more"), "{}", r.extra_fte_working());
    let uncosted = caseload(&CaseloadInput { cost_per_fte: None, ..option_2(Rounding::Nearest) })
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(uncosted.cost, None);
    assert_eq!(uncosted.cost_working(), "No cost per FTE is given: enter one under Costs and rounding");
    assert_eq!(uncosted.headline(), "14 posts (no cost per FTE given)");
}
