//! The `csplan` command line through its entry point, `csplan_cli::run`, in-process.

use std::io::Write;

use csplan_tests::{csplan, csplan_with_stdin as csplan_stdin};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| unreachable!("not JSON ({e}): {text}"))
}

/// The six Barnsley figures: FTE, average, target, extra FTE as published, posts, cost.
const BARNSLEY: [(&str, &str, &str, &str, &str, &str); 6] = [
    ("62.8", "20.5", "18", "8.7", "9", "376551"),
    ("62.8", "20.5", "16", "17.7", "18", "753102"),
    ("70.4", "21.7", "18", "14.47", "14", "585746"),
    ("70.4", "21.7", "16", "25.1", "25", "1045975"),
    ("88.9", "20.4", "18", "11.9", "12", "502068"),
    ("88.9", "20.4", "16", "24.4", "24", "1004136"),
];

#[test]
fn caseload_reproduces_barnsley_as_json() {
    for (fte, avg, target, extra, posts, cost) in BARNSLEY {
        let run = csplan(&[
            "caseload",
            "--fte",
            fte,
            "--caseload",
            avg,
            "--target",
            target,
            "--cost-per-fte",
            "41839",
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 0, "{}", run.err);
        let v = json(&run.out);
        let places = extra.split('.').nth(1).map_or(0, str::len) as u32;
        let additional: csplan_model::Decimal =
            v["additional_fte"].as_str().and_then(csplan_model::dec::parse_text).unwrap_or_default();
        assert_eq!(additional.round_dp(places).to_string(), extra, "{fte} at {target}");
        assert_eq!(v["posts"], posts);
        assert_eq!(v["cost"], cost);
        assert_eq!(v["spare_fte"], "0");
        assert_eq!(v["current_caseload"], avg);
        for key in ["current_caseload", "cases", "additional_fte", "posts", "cost", "spare_fte"] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
    }
}

#[test]
fn caseload_table_shows_the_figures_and_explanation() {
    let run =
        csplan(&["caseload", "--fte", "70.4", "--cases", "1527.68", "--target", "18", "--cost-per-fte", "£41,839"]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.contains("£585,746"), "{}", run.out);
    assert!(run.out.contains("1,527.68 cases / 70.4 FTE = 21.7 average"), "{}", run.out);
}

#[test]
fn caseload_without_cost_has_null_cost_and_spare_fte_when_met() {
    let run = csplan(&["caseload", "--fte", "10", "--caseload", "15", "--target", "20", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.err);
    let v = json(&run.out);
    assert_eq!(v["cost"], serde_json::Value::Null);
    assert_eq!(v["posts"], "0");
    assert_eq!(v["spare_fte"].as_str().and_then(csplan_model::dec::parse_text), csplan_model::dec::parse_text("2.5"));
}

#[test]
fn rounding_is_chosen_on_the_command_line() {
    let cost = |rule: &str| {
        let run = csplan(&[
            "caseload",
            "--fte",
            "70.4",
            "--caseload",
            "21.7",
            "--target",
            "18",
            "--cost-per-fte",
            "41839",
            "--rounding",
            rule,
            "--format",
            "json",
        ]);
        json(&run.out)["cost"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(cost("nearest"), "585746");
    assert_eq!(cost("up"), "627585");
    assert_eq!(cost("down"), "585746");
    assert_eq!(cost("none"), "605410.33");
}

#[test]
fn bad_arguments_name_the_argument() {
    let zero = csplan(&["caseload", "--fte", "70.4", "--caseload", "21.7", "--target", "0"]);
    assert_eq!(zero.code, 1);
    assert!(zero.err.contains("--target: Enter a target caseload greater than 0"), "{}", zero.err);
    let negative = csplan(&["caseload", "--fte", "-3", "--caseload", "21.7", "--target", "18"]);
    assert_eq!(negative.code, 1);
    assert!(negative.err.contains("--fte"), "{}", negative.err);
    let text = csplan(&["caseload", "--fte", "lots", "--caseload", "21.7", "--target", "18"]);
    assert_eq!(text.code, 2);
    assert!(text.err.contains("--fte"), "{}", text.err);
    let both = csplan(&["caseload", "--fte", "1", "--caseload", "2", "--cases", "2", "--target", "18"]);
    assert_eq!(both.code, 2);
    let neither = csplan(&["caseload", "--fte", "1", "--target", "18"]);
    assert_eq!(neither.code, 2);
    assert!(neither.err.contains("--cases"), "{}", neither.err);
}

#[test]
fn example_validates_and_reports() {
    let example = csplan(&["example"]);
    assert_eq!(example.code, 0);
    let valid = csplan_stdin(&["validate", "-"], &example.out);
    assert_eq!(valid.code, 0, "{}{}", valid.out, valid.err);
    let report = csplan_stdin(&["report", "-", "--format", "json"], &example.out);
    assert_eq!(report.code, 0, "{}", report.err);
    assert_eq!(json(&report.out)["teams"].as_array().map(Vec::len), Some(4));
}

#[test]
fn report_reproduces_barnsley_in_every_format() {
    let scenario = csplan(&["example", "--preset", "barnsley-2017"]).out;
    let table = csplan_stdin(&["report", "-"], &scenario);
    assert_eq!(table.code, 0);
    for cost in ["£376,551", "£753,102", "£585,746", "£1,045,975", "£502,068", "£1,004,136"] {
        assert!(table.out.contains(cost), "table lacks {cost}");
    }
    let csv = csplan_stdin(&["report", "-", "--format", "csv"], &scenario);
    assert_eq!(csv.code, 0);
    // Long form: section,name,period,figure,value.
    let costs: Vec<&str> = csv
        .out
        .lines()
        .filter(|l| l.starts_with("option,") && l.contains(",cost,"))
        .filter_map(|l| l.rsplit(',').next())
        .collect();
    assert_eq!(costs, vec!["376551", "753102", "585746", "1045975", "502068", "1004136"]);
}

#[test]
fn validate_lists_every_problem_with_exit_1() {
    let mut v = json(&csplan(&["example", "--preset", "barnsley-2017"]).out);
    v["teams"][0]["target_caseload"] = "0".into();
    v["teams"][2]["case_holding_fte"] = "-1".into();
    v["authority"] = "".into();
    let run = csplan_stdin(&["validate", "-"], &v.to_string());
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.out.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.out);
    assert!(lines.iter().any(|l| l.starts_with("teams[0].target_caseload: Enter a target caseload greater than 0")));
    assert!(lines.iter().any(|l| l.starts_with("teams[2].case_holding_fte: ")));
    assert!(lines.iter().any(|l| l.starts_with("authority: ")));
}

#[test]
fn unreadable_or_malformed_input_exits_2_with_a_message() {
    let missing = csplan(&["validate", "/nonexistent/scenario.json"]);
    assert_eq!(missing.code, 2);
    assert!(missing.err.contains("cannot read /nonexistent/scenario.json"), "{}", missing.err);
    let garbage = csplan_stdin(&["validate", "-"], "{ not json");
    assert_eq!(garbage.code, 2);
    assert!(garbage.err.contains("not a csplan scenario file"), "{}", garbage.err);
    let wrong_type = csplan_stdin(
        &["validate", "-"],
        r#"{"schema":1,"authority":"A","as_at":"2020-01-01","cost_per_fte":"1","teams":[{"name":"T","case_holding_fte":"1","cases":"1","target_caseload":[1]}]}"#,
    );
    assert_eq!(wrong_type.code, 2);
    assert!(wrong_type.err.contains("teams[0].target_caseload"), "{}", wrong_type.err);
    let mut file = std::env::temp_dir();
    file.push(format!("csplan-empty-{}.json", std::process::id()));
    let written = std::fs::File::create(&file).and_then(|mut f| f.write_all(b""));
    assert!(written.is_ok());
    let empty = csplan(&["report", &file.to_string_lossy()]);
    let _ = std::fs::remove_file(&file);
    assert_eq!(empty.code, 2);
}

#[test]
fn unknown_preset_lists_the_presets() {
    let run = csplan(&["example", "--preset", "nowhere"]);
    assert_eq!(run.code, 2);
    assert!(run.err.contains("barnsley-2017"), "{}", run.err);
}

#[test]
fn a_consultation_file_holds_the_consultation_and_only_what_its_choices_use() {
    let example = csplan(&["example"]);
    let file = csplan_stdin(&["consultation", "-"], &example.out);
    assert_eq!(file.code, 0, "{}", file.err);
    let v = json(&file.out);
    let keys: Vec<&str> = v.as_object().unwrap_or_else(|| unreachable!()).keys().map(String::as_str).collect();
    // The example's staffing choice adds social workers to a team group, and its proposals
    // reduce budget areas with statutory minimums: those stay, nothing else does.
    assert_eq!(keys, ["budget", "consultation", "cost_per_fte", "schema", "teams"]);
    assert_eq!(v["consultation"]["council"], "Example council");
    assert!(v["budget"].get("workstreams").is_none_or(|w| w.as_array().is_some_and(Vec::is_empty)), "{}", v["budget"]);
    assert!(v["teams"][0].get("options").is_none(), "{}", v["teams"][0]);
    assert!(v.get("workforce").is_none() && v.get("authority").is_none());
    let checked = csplan_stdin(&["validate", "-"], &file.out);
    assert_eq!(checked.code, 0, "{}{}", checked.out, checked.err);
    assert_eq!(
        checked.out,
        "valid: Example council consultation \u{201c}Balance the children's services budget\u{201d}, 9 choice(s)\n"
    );
    // The same consultation: a response the full scenario accepts is accepted against it.
    assert_eq!(
        csplan_stdin(&["consultation", "-"], &file.out).out,
        file.out,
        "a consultation file of a consultation file is itself"
    );

    // Written by hand, as the README shows: no teams, no cost per FTE, no authority.
    let by_hand = r#"{"schema": 1, "consultation": {
        "id": "budget-2027", "title": "Balancing the budget 2027", "council": "Anytown Council",
        "intro": "We must save £2 million.", "opens": "2027-01-04", "closes": "2027-02-14",
        "gap": "2000000",
        "levers": [
            {"id": "libraries", "name": "Close two libraries", "per_unit": "1200000"},
            {"id": "council-tax", "name": "Council tax", "kind": "council_tax", "per_unit": "800000",
             "max": "2.99", "step": "0.01", "unit": "%"}
        ]}}"#;
    let checked = csplan_stdin(&["validate", "-"], by_hand);
    assert_eq!(checked.code, 0, "{}{}", checked.out, checked.err);
    assert!(checked.out.starts_with("valid: Anytown Council consultation"), "{}", checked.out);
    // Without the council's name, the message says what to enter.
    let nameless = by_hand.replace(r#""council": "Anytown Council","#, "");
    let checked = csplan_stdin(&["validate", "-"], &nameless);
    assert_eq!(checked.code, 1);
    assert!(checked.out.contains("authority: Enter the name of the local authority"), "{}", checked.out);
    // A scenario with no consultation has no consultation file.
    let none = csplan_stdin(&["consultation", "-"], &csplan(&["example", "--preset", "barnsley-2017"]).out);
    assert_eq!(none.code, 2);
    assert!(none.err.contains("no consultation section"), "{}", none.err);
}
