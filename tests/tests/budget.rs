//! The budget (Hampshire SP2023's savings table to the pound, the medium-term plan, home
//! to school transport) and the "balance the budget" consultation: consequences from the
//! models, statutory minimums, balance rules, response checks and the summary of
//! responses through `csplan responses summarise`.
#![allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used)]

use csplan_calc::budget::{plan, savings_table, transport};
use csplan_calc::consultation::{evaluate, refusals, refused_change, response, EffectResult, OfstedBand};
use csplan_model::presets::{default_scenario, hampshire_2017, hampshire_2021, portsmouth_2017};
use csplan_model::{
    Budget, Choice, Consultation, Decimal, DeliveryShares, Lever, LeverEffect, LeverKind, Money, Pressure, Rate, Risk,
    Workstream,
};
use csplan_tests::csplan;
use proptest::prelude::*;

fn dec(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

fn choice(lever: &str, value: i64) -> Choice {
    Choice { lever: lever.to_string(), value: Decimal::from(value), comment: String::new() }
}

#[test]
fn sp2023_savings_table_as_printed() {
    let s = hampshire_2021();
    assert!(csplan_validation::validate(&s).iter().all(|p| !p.is_error()), "{:?}", csplan_validation::validate(&s));
    let t = savings_table(s.budget.as_ref().expect("a budget")).expect("calculates");
    let rows: Vec<(&str, Option<i64>, i64, Option<&str>)> = vec![
        ("Government funding", None, 6_107_000, None),
        ("Additional corporate funding", None, 5_000_000, None),
        ("Children's social care", Some(152_140_000), 7_704_000, Some("5")),
        ("Children with disabilities", Some(14_855_000), 650_000, Some("4")),
        ("Home to school transport", Some(32_940_000), 2_500_000, Some("8")),
        ("Other education and community", Some(11_389_000), 336_000, Some("3")),
        ("Support services", Some(1_978_000), 188_000, Some("10")),
        ("Contribution to youth offending team", Some(1_554_000), 178_000, Some("11")),
    ];
    assert_eq!(t.areas.len(), rows.len());
    for (a, (name, budget, savings, shown)) in t.areas.iter().zip(rows) {
        assert_eq!(a.name, name);
        assert_eq!(a.budget, budget.map(Money::pounds), "{name}");
        assert_eq!(a.savings, Money::pounds(savings), "{name}");
        assert_eq!(a.percent_shown, shown.map(dec), "{name}");
    }
    assert_eq!(t.total_budget, Money::pounds(214_856_000));
    assert_eq!(t.total_savings, Money::pounds(22_663_000));
    // 22,663 / 214,856 = 10.548...%: printed as 11% (whole per cent, halves up).
    assert_eq!(t.total_percent.map(|p| p.round_dp(3)), Some(dec("10.548")));
    assert_eq!(t.total_percent_shown, Some(dec("11")));
    // Support services: 188 / 1,978 = 9.505% -> 10%, the row where the rule matters most.
    assert_eq!(t.areas[6].percent.map(|p| p.round_dp(3)), Some(dec("9.505")));
    assert_eq!(t.unassigned, Money::ZERO);
}

#[test]
fn sp2023_report_through_the_cli() {
    let dir = scratch("sp2023-report");
    let file = dir.join("hampshire.json");
    std::fs::write(&file, serde_json::to_string(&hampshire_2021()).expect("json")).expect("write");
    let run = csplan(&["report", file.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.contains("Savings by budget area"));
    assert!(run.out.contains("£214,856,000"), "{}", run.out);
    assert!(run.out.contains("£22,663,000"));
    let csv = csplan(&["report", file.to_str().expect("path"), "--format", "csv"]);
    assert!(csv.out.contains("savings,total,,percent_shown,11\n"), "{}", csv.out);
    assert!(csv.out.contains("savings,Support services,,percent_shown,10\n"));
}

#[test]
fn medium_term_plan_sums() {
    let b = hampshire_2021().budget.expect("a budget");
    let p = plan(&b).expect("calculates");
    // Half of each workstream a year, except corporate funding, all in 2022/23.
    assert_eq!(p.years[0].savings_target, Money::pounds(13_831_500));
    assert_eq!(p.years[1].savings_target, Money::pounds(8_831_500));
    assert_eq!(p.total_target, Money::pounds(22_663_000));
    assert_eq!(p.years[1].cumulative_target, Money::ZERO, "the target closes the whole gap by 2023/24");
    // Amber workstreams deliver 75%: government funding, care leavers, placements, transport.
    let amber = 6_107_000 + 75_000 + 2_700_000 + 2_500_000;
    assert_eq!(p.at_risk, Money::pounds(amber / 4));
    assert_eq!(p.years[1].cumulative_expected, Money::pounds(amber / 4));
}

#[test]
fn hampshire_2017_transport_pressure() {
    let s = hampshire_2017();
    let b = s.budget.as_ref().expect("a budget");
    let t = transport(b.transport.as_ref().expect("transport"), &b.years).expect("calculates");
    let pressures: Vec<Money> = t.years.iter().map(|y| y.pressure).collect();
    assert_eq!(pressures, [2_400_000, 900_000, 900_000, 900_000].map(Money::pounds));
    assert_eq!(t.years[3].cumulative, Money::pounds(5_100_000));
    let p = plan(b).expect("calculates");
    assert_eq!(p.years[0].gap_target, Money::pounds(2_400_000), "transport is a pressure in the plan");
}

#[test]
fn transport_drivers_compound_each_growth() {
    let s = default_scenario();
    let b = s.budget.as_ref().expect("a budget");
    let t = transport(b.transport.as_ref().expect("transport"), &b.years).expect("calculates");
    assert_eq!(t.driver_cost_now, Some(Money::pounds(11_400_000)));
    // 1,200 x 1.03 = 1,236 travellers; £9,500 x 1.05 = £9,975; 1,236 x 9,975 = £12,329,100.
    assert_eq!(t.years[0].travellers, Some(Decimal::from(1236)));
    assert_eq!(t.years[0].driver_cost, Some(Money::pounds(12_329_100)));
    assert_eq!(t.years[0].driver_pressure, Some(Money::pounds(929_100)));
    // 1,273.08 x £10,473.75 = £13,333,921.65: not linear in either driver.
    assert_eq!(t.years[1].driver_cost, Some(Money::new(dec("13333921.65"))));
}

fn money_strategy() -> impl Strategy<Value = Money> {
    (0i64..50_000_000).prop_map(Money::pounds)
}

proptest! {
    #[test]
    fn each_gap_is_pressures_less_savings_and_cumulative_is_the_running_sum(
        pressures in prop::collection::vec(money_strategy(), 1..6),
        amounts in prop::collection::vec((money_strategy(), 0u8..3, prop::collection::vec(0i64..=100, 6)), 0..6),
    ) {
        let n = pressures.len();
        let budget = Budget {
            years: (0..n).map(|i| format!("year {i}")).collect(),
            areas: Vec::new(),
            workstreams: amounts.iter().map(|(amount, risk, phasing)| Workstream {
                name: "w".into(),
                area: "a".into(),
                amount: *amount,
                phasing: phasing.iter().take(n).map(|p| Rate::new(Decimal::from(*p))).collect(),
                risk: [Risk::Green, Risk::Amber, Risk::Red][usize::from(*risk)],
                risks: String::new(),
                equality_impact: String::new(),
            }).collect(),
            delivery: DeliveryShares::default(),
            pressures: vec![Pressure { name: "p".into(), amounts: pressures.clone() }],
            transport: None,
        };
        let p = plan(&budget).expect("calculates");
        let mut running = Decimal::ZERO;
        for (y, pressure) in p.years.iter().zip(&pressures) {
            prop_assert_eq!(y.pressures, *pressure);
            prop_assert_eq!(y.gap_target.value(), pressure.value() - y.savings_target.value());
            prop_assert!(y.savings_expected <= y.savings_target, "risk never adds savings");
            running += y.gap_target.value();
            prop_assert_eq!(y.cumulative_target.value(), running);
        }
        prop_assert_eq!(p.at_risk.value(), p.total_target.value() - p.total_expected.value());
    }
}

#[test]
fn a_staffing_lever_shows_the_caseload_against_ofsted() {
    let s = default_scenario();
    let c = s.consultation.as_ref().expect("a consultation");
    let o = evaluate(&s, c, &[choice("social-workers", 10)]).expect("calculates");
    let l = o.levers.iter().find(|l| l.id == "social-workers").expect("the lever");
    assert_eq!(l.money, Money::pounds(-520_000), "10 posts at £52,000 add to the gap");
    match &l.effect {
        Some(EffectResult::Caseload { caseload_now, caseload_after, band, .. }) => {
            assert_eq!(caseload_now.round_dp(2), dec("18.98"));
            assert_eq!(caseload_after.round_dp(2), dec("13.48"));
            assert_eq!(*band, OfstedBand::Below);
        }
        other => panic!("expected a caseload effect, got {other:?}"),
    }
    assert!(l.explanation.contains("465 cases / 34.5 FTE = an average caseload of 13.5 (now 19)"), "{}", l.explanation);
    assert_eq!(o.costs, Money::pounds(520_000));
    assert_eq!(o.balance, Money::pounds(-3_520_000));
    let two = evaluate(&s, c, &[choice("social-workers", 2)]).expect("calculates");
    let band = two.levers.iter().find_map(|l| match &l.effect {
        Some(EffectResult::Caseload { band, .. }) => Some(*band),
        _ => None,
    });
    assert_eq!(band, Some(OfstedBand::Within), "465 / 26.5 = 17.5");
}

#[test]
fn a_placements_lever_shows_the_cost_change() {
    let mut s = portsmouth_2017();
    s.consultation = Some(Consultation {
        id: "p".into(),
        title: "t".into(),
        council: String::new(),
        intro: String::new(),
        opens: "2017-07-01".into(),
        closes: "2017-08-01".into(),
        gap: Money::pounds(1_683_652),
        balance: csplan_model::BalanceRule::MustBalance,
        council_tax_yield: None,
        levers: vec![Lever {
            id: "residential".into(),
            name: "External residential placements avoided".into(),
            kind: LeverKind::Stepped,
            consequence: String::new(),
            per_unit: None,
            min: Decimal::ZERO,
            max: Decimal::from(10),
            step: Decimal::ONE,
            start: Decimal::ZERO,
            unit: "placements".into(),
            area: None,
            effect: Some(LeverEffect::Placements { line: 5 }),
            below_minimum: csplan_model::FloorRule::Block,
            proposed: None,
        }],
        questions: Vec::new(),
        collector_url: None,
        send_to: String::new(),
    });
    assert!(csplan_validation::validate(&s).iter().all(|p| !p.is_error()));
    let c = s.consultation.as_ref().expect("a consultation");
    let o = evaluate(&s, c, &[choice("residential", 4)]).expect("calculates");
    let l = &o.levers[0];
    assert_eq!(l.money, Money::pounds(654_240), "4 x £163,560");
    match &l.effect {
        Some(EffectResult::Placements { number_after, cost_change, .. }) => {
            assert_eq!(*number_after, dec("12.02"));
            assert_eq!(*cost_change, Money::pounds(-654_240));
        }
        other => panic!("expected a placements effect, got {other:?}"),
    }
    assert_eq!(o.balance, Money::pounds(654_240 - 1_683_652));
    assert!(!o.balanced);
}

#[test]
fn a_statutory_minimum_blocks_the_choice_that_breaks_it() {
    let s = default_scenario();
    let c = s.consultation.as_ref().expect("a consultation");
    // Early help: £4,000,000 with a minimum of £3,300,000; the two proposals save £750,000.
    let one = evaluate(&s, c, &[choice("family-centres", 1)]).expect("calculates");
    let holiday = one.levers.iter().find(|l| l.id == "holiday-activities").expect("lever");
    assert_eq!(holiday.limit, Some(Decimal::ZERO), "only £250,000 of room is left");
    assert!(!one.blocked);
    let both = evaluate(&s, c, &[choice("family-centres", 1), choice("holiday-activities", 1)]).expect("calculates");
    assert!(both.blocked);
    let alone = evaluate(&s, c, &[choice("holiday-activities", 1)]).expect("calculates");
    assert!(!alone.blocked, "either proposal alone keeps early help above its minimum");
    // A refused choice is never counted: neither of the two is.
    assert_eq!(both.savings, Money::ZERO);
    assert_eq!(both.balance, Money::pounds(-3_000_000));
    assert_eq!(alone.savings, Money::pounds(300_000));
    // Why, naming the area, its minimum and the other choice; the same words refuse the response.
    let why = "Stop the holiday activity programme cannot be chosen with Reduce family centre hours: together they \
               would take Early help and family support below its statutory minimum of £3,300,000. Choose one or the other";
    let holiday = both.levers.iter().find(|l| l.id == "holiday-activities").expect("lever");
    assert_eq!(holiday.floor_message(), why);
    assert!(refusals(&both).iter().any(|r| r.message == why), "{:?}", refusals(&both));
    // The participant's page refuses the tick as it is made, and allows it alone.
    let i = c.levers.iter().position(|l| l.id == "holiday-activities").expect("lever");
    let ticked = [choice("family-centres", 1)];
    assert_eq!(refused_change(&s, c, &ticked, i, Decimal::ONE).expect("calculates").as_deref(), Some(why));
    assert_eq!(refused_change(&s, c, &[], i, Decimal::ONE).expect("calculates"), None);
    assert_eq!(
        refused_change(&s, c, &ticked, i, Decimal::ZERO).expect("calculates"),
        None,
        "unticking is never refused"
    );
}

#[test]
fn balance_rules_and_the_council_tax_a_shortfall_needs() {
    let s = default_scenario();
    let c = s.consultation.as_ref().expect("a consultation");
    let none = evaluate(&s, c, &[]).expect("calculates");
    assert_eq!(none.balance, Money::pounds(-3_000_000));
    assert!(!none.balanced);
    assert_eq!(none.council_tax_needed, Some(dec("2.5")), "£3,000,000 / £1,200,000 a 1%");
    let choices = [
        choice("children-homes", 1),
        choice("transport-routes", 1),
        choice("family-centres", 1),
        choice("reserves", 250_000),
        choice("charges", 5),
        choice("council-tax", 1),
    ];
    // 900,000 + 600,000 + 450,000 + 250,000 + 5 x 40,000 + 1,200,000 = 3,600,000.
    let o = evaluate(&s, c, &choices).expect("calculates");
    assert_eq!(o.savings, Money::pounds(1_950_000));
    assert_eq!(o.income, Money::pounds(1_650_000));
    assert_eq!(o.balance, Money::pounds(600_000));
    assert!(o.balanced);
    assert_eq!(o.council_tax_needed, None);
    let mut tolerant = c.clone();
    tolerant.balance = csplan_model::BalanceRule::Tolerance { amount: Money::pounds(100_000) };
    let short =
        [choice("children-homes", 1), choice("council-tax", 2), choice("reserves", 500_000), choice("charges", 10)];
    // 900,000 + 2,400,000 + 500,000 + 400,000 = 4,200,000: over.
    assert!(evaluate(&s, &tolerant, &short).expect("calculates").balanced);
    let just_short = [choice("council-tax", 2), choice("reserves", 500_000)];
    let o = evaluate(&s, &tolerant, &just_short).expect("calculates");
    assert_eq!(o.balance, Money::pounds(-100_000));
    assert!(o.balanced, "a shortfall of exactly the tolerance is accepted");
    // Hampshire: every proposal accepted closes the £11,556,000 exactly.
    let h = hampshire_2021();
    let hc = h.consultation.as_ref().expect("a consultation");
    let all: Vec<Choice> =
        hc.levers.iter().filter(|l| l.kind == LeverKind::Proposal).map(|l| choice(&l.id, 1)).collect();
    let o = evaluate(&h, hc, &all).expect("calculates");
    assert_eq!(o.balance, Money::ZERO);
    assert_eq!(o.summary, "Balanced exactly");
}

#[test]
fn responses_are_checked_against_their_consultation() {
    let s = default_scenario();
    let c = s.consultation.as_ref().expect("a consultation");
    let mut r = response(&s, c, vec![choice("council-tax", 1)], String::new(), Vec::new()).expect("builds");
    assert!(csplan_validation::validate_response(c, &r).is_empty());
    r.choices = vec![
        choice("no-such-lever", 1),
        Choice { lever: "council-tax".into(), value: dec("0.3"), comment: "x".repeat(2001) },
    ];
    r.about_you = vec![csplan_model::Answer { question: "age".into(), answer: "Ancient".into() }];
    let problems = csplan_validation::validate_response(c, &r);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["choices[0].lever", "choices[1].value", "choices[1].comment", "about_you[0]"]);
    assert!(problems[1].message.contains("from 0 to 3 in steps of 0.5"), "{}", problems[1].message);
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("csplan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("make a scratch folder");
    dir
}

#[test]
fn summarise_reads_files_and_folders_and_skips_bad_ones() {
    let s = default_scenario();
    let c = s.consultation.as_ref().expect("a consultation");
    let dir = scratch("summarise");
    let mk = |choices: Vec<Choice>, comment: &str, age: Option<&str>| {
        let about =
            age.map(|a| csplan_model::Answer { question: "age".into(), answer: a.into() }).into_iter().collect();
        response(&s, c, choices, comment.to_string(), about).expect("builds")
    };
    let responses = [
        mk(vec![choice("council-tax", 3), choice("reserves", 1_000_000), choice("charges", 10)], "", Some("18 to 34")),
        mk(vec![choice("council-tax", 1), choice("children-homes", 1)], "Keep the homes open", Some("65 or over")),
        mk(
            vec![
                choice("council-tax", 2),
                choice("children-homes", 1),
                Choice { lever: "reserves-one-off".into(), value: Decimal::ONE, comment: "Agreed".into() },
            ],
            "",
            None,
        ),
    ];
    for (i, r) in responses.iter().enumerate() {
        std::fs::write(dir.join(format!("r{i}.json")), serde_json::to_string(r).expect("json")).expect("write");
    }
    std::fs::write(dir.join("broken.json"), "{ not json").expect("write");
    std::fs::write(dir.join("notes.txt"), "ignored: not .json").expect("write");
    let scenario = dir.join("scenario.json.txt");
    std::fs::write(&scenario, serde_json::to_string(&s).expect("json")).expect("write");
    let folder = dir.to_str().expect("path");
    let run = csplan(&["responses", "summarise", folder, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.err.contains("broken.json: skipped: not a csplan response"), "{}", run.err);
    let v: serde_json::Value = serde_json::from_str(&run.out).expect("json");
    assert_eq!(v["responses"], 3);
    // £3,000,000 + £1,000,000 + £400,000, and £2,400,000 + £900,000, close £3,000,000;
    // £1,200,000 + £900,000 does not.
    assert_eq!(v["balanced"], 2);
    assert_eq!(v["comments"], 1);
    let tax = v["levers"].as_array().expect("levers").iter().find(|l| l["id"] == "council-tax").expect("tax");
    assert_eq!(tax["taken_up"], 3);
    assert_eq!(tax["mean"], "2");
    assert_eq!(tax["median"], "2");
    // With the scenario: names, the consultation's order, and every lever counted; the
    // response that does not balance is one the app and the collector would not send
    // under "must balance", so it is named and skipped (the check the collector makes).
    let run = csplan(&["responses", "summarise", folder, "--scenario", scenario.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.contains("2 responses; 2 balanced (100%); 0 with an overall comment"), "{}", run.out);
    assert!(run.out.contains("Merge two children's homes"));
    assert!(run.out.contains("What is your age?"));
    assert!(run.out.contains("2 file(s) skipped"));
    assert!(
        run.err.contains("r1.json: skipped: balance: £900,000 short of balancing: the budget must balance"),
        "{}",
        run.err
    );
    let csv = csplan(&["responses", "summarise", folder, "--format", "csv"]);
    assert!(csv.out.contains("lever,children-homes,take_up_percent,100\n"), "{}", csv.out);
    assert!(csv.out.contains("about_you,age,no answer,1\n"));
}

#[test]
fn summarise_ten_thousand_responses() {
    let s = default_scenario();
    let c = s.consultation.as_ref().expect("a consultation");
    let dir = scratch("ten-thousand");
    for i in 0..10_000i64 {
        let r = response(
            &s,
            c,
            vec![choice("council-tax", i % 4), choice("social-workers", i % 21), choice("children-homes", i % 2)],
            if i % 10 == 0 { "A comment".to_string() } else { String::new() },
            Vec::new(),
        )
        .expect("builds");
        std::fs::write(dir.join(format!("{i:05}.json")), serde_json::to_string(&r).expect("json")).expect("write");
    }
    let run = csplan(&["responses", "summarise", dir.to_str().expect("path"), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.err);
    let v: serde_json::Value = serde_json::from_str(&run.out).expect("json");
    assert_eq!(v["responses"], 10_000);
    assert_eq!(v["comments"], 1_000);
    let sw = v["levers"].as_array().expect("levers").iter().find(|l| l["id"] == "social-workers").expect("lever");
    // 476 whole cycles of 0-20 (sum 99,960) and 0, 1, 2, 3: 99,966 / 10,000.
    assert_eq!(sw["mean"], "9.9966");
    assert_eq!(sw["median"], "10");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summarise_counts_a_response_once_shows_units_and_lists_comments() {
    let s = default_scenario();
    let c = s.consultation.as_ref().expect("a consultation");
    let dir = scratch("summarise-once");
    let folder = dir.join("responses");
    std::fs::create_dir_all(&folder).expect("folder");
    let mk = |id: &str, choices: Vec<Choice>, comment: &str| {
        let mut r = response(&s, c, choices, comment.to_string(), Vec::new()).expect("builds");
        r.id = id.to_string();
        serde_json::to_string(&r).expect("json")
    };
    let tax_reserves = || vec![choice("council-tax", 3), choice("reserves", 1_000_000), choice("charges", 10)];
    let mut commented = tax_reserves();
    commented[1].comment = "Only this once".into();
    std::fs::write(folder.join("r0.json"), mk("k3f9", tax_reserves(), "")).expect("write");
    std::fs::write(folder.join("r1.json"), mk("x7q2", commented, "Protect early help,\nplease")).expect("write");
    // The same response downloaded twice.
    std::fs::write(folder.join("r2-copy.json"), mk("x7q2", tax_reserves(), "")).expect("write");
    // Two people may choose alike: responses without an id all count.
    std::fs::write(folder.join("r3.json"), mk("", tax_reserves(), "")).expect("write");
    std::fs::write(folder.join("r4.json"), mk("", tax_reserves(), "")).expect("write");
    let scenario = dir.join("scenario.json");
    std::fs::write(&scenario, serde_json::to_string(&s).expect("json")).expect("write");
    let f = folder.to_str().expect("path");
    let again = folder.join("r0.json");
    let sc = scenario.to_str().expect("path");

    let run = csplan(&["responses", "summarise", f, again.to_str().expect("path"), "--scenario", sc]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.err.contains("r2-copy.json: counted once: the same response as"), "{}", run.err);
    assert!(run.err.contains("r0.json: counted once: that file is named more than once"), "{}", run.err);
    assert!(run.out.contains("4 responses; 4 balanced (100%); 1 with an overall comment"), "{}", run.out);
    assert!(!run.out.contains("skipped"), "{}", run.out);
    // Means and medians in the choice's unit.
    let line = |name: &str| run.out.lines().find(|l| l.starts_with(name)).unwrap_or_default().to_string();
    assert!(line("Council tax rise").contains("3%"), "{}", run.out);
    assert!(line("Use of reserves").contains("£1,000,000"), "{}", run.out);
    assert!(line("Raise charges").contains("10%"), "{}", run.out);

    let json = csplan(&["responses", "summarise", f, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.out).expect("json");
    assert_eq!(v["responses"], 4);

    // The comments themselves, with the response each came from.
    let run = csplan(&["responses", "summarise", f, "--scenario", sc, "--comments"]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.starts_with("2 comments"), "{}", run.out);
    let r1 = run.out.lines().filter(|l| l.contains("r1.json")).collect::<Vec<_>>();
    assert_eq!(r1.len(), 2, "{}", run.out);
    assert!(r1[0].contains("Use of reserves") && r1[0].contains("Only this once"), "{}", run.out);
    // A line break in a comment is a space in the terminal's table, and kept in the CSV.
    assert!(r1[1].contains("Overall") && r1[1].contains("Protect early help, please"), "{}", run.out);
    let csv = csplan(&["responses", "summarise", f, "--comments", "--format", "csv"]);
    assert!(csv.out.starts_with("From,On,Comment\n"), "{}", csv.out);
    assert!(csv.out.contains(",reserves,Only this once\n"), "{}", csv.out);
    assert!(csv.out.contains(",Overall,\"Protect early help,\nplease\"\n"), "{}", csv.out);

    // No responses: no empty brackets.
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).expect("folder");
    let run = csplan(&["responses", "summarise", empty.to_str().expect("path"), "--scenario", sc]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.contains("0 responses; 0 balanced; 0 with an overall comment"), "{}", run.out);
    assert!(!run.out.contains("()"), "{}", run.out);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn response_files_are_named_by_consultation_date_and_tag() {
    use csplan_calc::consultation::{response_file_name, response_tag};
    assert_eq!(
        response_file_name("budget-2027", "2026-12-01", "k3f9x0", "json"),
        "response-budget-2027-2026-12-01-k3f9x0.json"
    );
    assert_eq!(response_file_name("budget-2027", "", "", "txt"), "response-budget-2027.txt");
    assert_eq!(response_tag(0), "000000");
    assert_eq!(response_tag(35), "z00000");
    assert_eq!(response_tag(36), "010000");
    assert_eq!(response_tag(u32::MAX).len(), 6);
}

proptest! {
    /// A tag is six of a-z and 0-9, and different random numbers below 36^6 give different tags.
    #[test]
    fn response_tags_are_short_and_distinct(a in 0u32..2_176_782_336, b in 0u32..2_176_782_336) {
        use csplan_calc::consultation::response_tag;
        let (ta, tb) = (response_tag(a), response_tag(b));
        prop_assert!(ta.len() == 6 && ta.chars().all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()));
        prop_assert_eq!(ta == tb, a == b);
    }
}

#[test]
fn summarise_breaks_choices_down_by_an_answer_and_sets_the_average_package_beside_the_proposal() {
    let s = default_scenario();
    let c = s.consultation.as_ref().expect("a consultation");
    let dir = scratch("summarise-by");
    let answer = |q: &str, a: &str| csplan_model::Answer { question: q.to_string(), answer: a.to_string() };
    let cases: [(&str, i64, i64, Option<&str>); 4] = [
        // (file, council tax %, children's homes merged, connection)
        ("a.json", 3, 1, Some("A resident")),
        ("b.json", 3, 0, Some("A resident")),
        ("c.json", 2, 1, Some("A member of staff")),
        ("d.json", 2, 0, None),
    ];
    let mut files = Vec::new();
    for (name, tax, homes, connection) in cases {
        let mut choices = vec![choice("council-tax", tax), choice("children-homes", homes)];
        if homes == 0 && tax == 2 {
            choices.push(choice("reserves", 1_000_000));
        }
        let about = connection.map(|a| vec![answer("connection", a)]).unwrap_or_default();
        let r = response(&s, c, choices, String::new(), about).expect("builds");
        assert!(r.balanced, "{name} balances");
        let path = dir.join(name);
        std::fs::write(&path, serde_json::to_string(&r).expect("json")).expect("write");
        files.push(path.to_str().expect("path").to_string());
    }
    let scenario = dir.join("scenario.json");
    std::fs::write(&scenario, serde_json::to_string(&s).expect("json")).expect("write");
    let run_with = |extra: &[&str]| {
        let mut args: Vec<&str> = vec!["responses", "summarise", "--scenario", scenario.to_str().expect("path")];
        args.extend(files.iter().map(String::as_str));
        args.extend(extra);
        csplan(&args)
    };

    let by = run_with(&["--by", "connection", "--format", "json"]);
    assert_eq!(by.code, 0, "{}", by.err);
    let t: serde_json::Value = serde_json::from_str(&by.out).expect("json");
    assert_eq!(t["columns"], serde_json::json!(["Choice", "A resident (2)", "A member of staff (1)", "No answer (1)"]));
    let row = |name: &str| t["rows"].as_array().expect("rows").iter().find(|r| r["Choice"] == name).cloned();
    let tax = row("Council tax rise").expect("the council tax row");
    assert_eq!(
        (&tax["A resident (2)"], &tax["A member of staff (1)"], &tax["No answer (1)"]),
        (&"3".into(), &"2".into(), &"2".into())
    );
    let homes = row("Merge two children's homes").expect("the homes row");
    assert_eq!((&homes["A resident (2)"], &homes["A member of staff (1)"]), (&"50".into(), &"100".into()), "take-up %");
    // An id no question has is named, with the ones there are.
    let wrong = run_with(&["--by", "postcode"]);
    assert_eq!(wrong.code, 2);
    assert!(wrong.err.contains("--by postcode") && wrong.err.contains("connection, age"), "{}", wrong.err);

    // The average package: council tax averages 2.5% (£3,000,000 at £1.2m a point), and
    // half merged the homes (half of £900,000); the council's proposal accepts every
    // savings proposal and leaves the council tax where it starts (0).
    let run = run_with(&[]);
    assert_eq!(run.code, 0, "{}", run.err);
    let line = |name: &str| run.out.lines().find(|l| l.starts_with(name)).unwrap_or_default().to_string();
    assert!(run.out.contains("The average package participants chose, beside the council's proposal"), "{}", run.out);
    let json = run_with(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.out).expect("json");
    let lines = v["package"]["lines"].as_array().expect("package lines");
    let of = |id: &str| lines.iter().find(|l| l["id"] == id).cloned().expect("a line");
    let figure =
        |id: &str, key: &str| -> Decimal { of(id)[key].as_str().expect("a figure").parse().expect("a number") };
    assert_eq!(figure("council-tax", "average"), Decimal::new(25, 1));
    assert_eq!(figure("council-tax", "average_money"), Decimal::from(3_000_000));
    assert_eq!(
        (figure("council-tax", "proposed"), figure("council-tax", "proposed_money")),
        (Decimal::ZERO, Decimal::ZERO)
    );
    assert_eq!(figure("children-homes", "average"), Decimal::new(5, 1));
    assert_eq!(figure("children-homes", "average_money"), Decimal::from(450_000));
    assert_eq!(figure("children-homes", "proposed_money"), Decimal::from(900_000));
    // The spread of a stepped choice, in its unit.
    assert!(line("Council tax rise").contains("2% to 3%"), "{}", run.out);
    assert_eq!(
        v["levers"].as_array().expect("levers").iter().find(|l| l["id"] == "council-tax").expect("tax")["lowest"],
        "2"
    );
}

#[test]
fn a_choice_cannot_take_an_id_the_page_uses_and_the_council_proposal_stays_in_range() {
    let mut s = default_scenario();
    let c = s.consultation.as_mut().expect("a consultation");
    c.levers[0].id = "comment".into();
    c.levers[1].proposed = Some(Decimal::from(2));
    let tax = c.levers.iter_mut().find(|l| l.id == "council-tax").expect("council tax");
    tax.proposed = Some(Decimal::new(25, 1));
    let problems = csplan_validation::validate(&s);
    let at = |path: &str| problems.iter().find(|p| p.path == path).map(|p| p.message.clone()).unwrap_or_default();
    assert!(at("consultation.levers[0].id").contains("The page uses \u{201c}comment\u{201d} itself"), "{problems:?}");
    assert!(at("consultation.levers[1].proposed").contains("must be between 0 and 1"), "{problems:?}");
    assert!(!problems.iter().any(|p| p.path.ends_with("proposed") && p.path != "consultation.levers[1].proposed"));
}
