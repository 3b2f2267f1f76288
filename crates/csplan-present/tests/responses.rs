//! Reading response files and collector exports for a summary: each response counted once,
//! everything else named with why.

use csplan_calc::consultation::response;
use csplan_model::presets::default_scenario;
use csplan_model::{Choice, Decimal, Response, Scenario};
use csplan_present::responses::read;

fn made(s: &Scenario, id: &str, tax: Decimal, comment: &str) -> Response {
    let c = s.consultation.as_ref().unwrap_or_else(|| unreachable!("the example has a consultation"));
    let choices = vec![Choice { lever: "council-tax".to_string(), value: tax, comment: String::new() }];
    let mut r = response(s, c, choices, comment.to_string(), Vec::new()).unwrap_or_else(|e| unreachable!("{e}"));
    r.id = id.to_string();
    r
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| unreachable!("{e}"))
}

#[test]
fn each_response_counts_once_and_everything_else_is_named() {
    let s = default_scenario();
    let c = s.consultation.clone().unwrap_or_else(|| unreachable!());
    let a = made(&s, "aaaaaa", Decimal::from(3), "From a file");
    let b = made(&s, "bbbbbb", Decimal::new(25, 1), "");
    let mut off = made(&s, "cccccc", Decimal::from(3), "");
    off.choices[0].value = Decimal::new(23, 1); // not on a step
    let row = |receipt: &str, r: &Response| serde_json::json!({"receipt": receipt, "received": "2027-01-14T15:00:00Z", "response": r});
    let export = serde_json::Value::Array(vec![row("R1", &b), row("R1", &b), row("R2", &a)]).to_string();
    let inputs = vec![
        ("a.json".to_string(), json(&a)),
        ("a copy.json".to_string(), json(&a)),
        ("broken.json".to_string(), "{\"schema\": 1, ".to_string()),
        ("off.json".to_string(), json(&off)),
        ("export.json".to_string(), export),
    ];
    let reading = read(&inputs, Some((&s, &c)));
    let counted: Vec<&str> = reading.counted.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(counted, ["a.json", "export.json, receipt R1"]);
    let notes: Vec<(&str, bool)> = reading.notes.iter().map(|n| (n.name.as_str(), n.repeat)).collect();
    assert_eq!(
        notes,
        [
            ("broken.json", false),
            ("export.json, receipt R1", true),
            ("a copy.json", true),
            ("off.json", false),
            ("export.json, receipt R2", true),
        ]
    );
    assert_eq!(reading.skipped(), 2);
    let says =
        |name: &str| reading.notes.iter().find(|n| n.name == name).map(|n| n.message.clone()).unwrap_or_default();
    assert!(says("broken.json").starts_with("skipped: not a csplan response"), "{}", says("broken.json"));
    assert!(says("off.json").contains("choices[0].value"), "{}", says("off.json"));
    assert_eq!(says("a copy.json"), "counted once: the same response as a.json");
    assert_eq!(says("export.json, receipt R2"), "counted once: the same response as a.json");
    // The balance is the models', not the file's.
    assert!(reading.counted.iter().all(|(_, r)| r.balanced));
    // Without the consultation, the off-step response counts (nothing checks it).
    assert_eq!(read(&inputs, None).counted.len(), 3);
    // A byte-order mark, as some editors save, is not a broken file.
    let marked = vec![("marked.json".to_string(), format!("\u{feff}{}", json(&b)))];
    assert_eq!(read(&marked, Some((&s, &c))).counted.len(), 1);
}

#[test]
fn a_collector_csv_export_reads_back_as_the_participants_wrote_it() {
    let s = default_scenario();
    let c = s.consultation.clone().unwrap_or_else(|| unreachable!());
    let a = made(&s, "aaaaaa", Decimal::from(3), "From a file");
    // As `csplan responses export` writes it: names for headers, a comment that looks like
    // a formula marked with an apostrophe, a comma and a line break quoted, the tag last.
    let csv = "receipt,received,consultation,balance,balanced,Council tax rise,Council tax rise: comment,comment,What is your age?,tag\r\n\
        R1,2027-01-14T15:00:00Z,example-2024,600000,yes,3,\"'=HYPERLINK(\"\"x\"\")\",\"Keep, please\nthe centres\",35 to 64,bbbbbb\r\n\
        R2,2027-01-14T15:00:00Z,example-2024,600000,yes,3,,,,aaaaaa\r\n\
        R3,2027-01-14T15:00:00Z,example-2024,0,no,three,,,,\r\n\
        R1,2027-01-14T15:00:00Z,example-2024,600000,yes,3,,,,bbbbbb\r\n";
    let inputs = vec![("a.json".to_string(), json(&a)), ("export.csv".to_string(), csv.to_string())];
    let reading = read(&inputs, Some((&s, &c)));
    let counted: Vec<&str> = reading.counted.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(counted, ["a.json", "export.csv, receipt R1"], "{:?}", reading.notes);
    let r = &reading.counted[1].1;
    assert_eq!(r.choices[0].comment, "=HYPERLINK(\"x\")", "read as the participant wrote it");
    assert_eq!(r.comment, "Keep, please\nthe centres");
    assert_eq!((r.about_you[0].question.as_str(), r.about_you[0].answer.as_str()), ("age", "35 to 64"));
    assert_eq!(r.id, "bbbbbb");
    let says =
        |name: &str| reading.notes.iter().find(|n| n.name == name).map(|n| n.message.clone()).unwrap_or_default();
    assert_eq!(says("export.csv, receipt R2"), "counted once: the same response as a.json", "by its tag");
    assert!(
        says("export.csv, row 3").contains("\u{201c}Council tax rise\u{201d} is not a number"),
        "{:?}",
        reading.notes
    );
    assert_eq!(says("export.csv, receipt R1"), "counted once: the same response as export.csv, receipt R1");
    // Another consultation's export is refused as a whole, naming the column.
    let other = "receipt,received,consultation,balance,balanced,Close the library,Close the library: comment,comment\r\nR9,x,other,0,no,1,,\r\n";
    let reading = read(&[("other.csv".to_string(), other.to_string())], Some((&s, &c)));
    assert!(reading.counted.is_empty());
    assert!(
        reading.notes[0].message.contains("\u{201c}Close the library\u{201d} is not a choice"),
        "{:?}",
        reading.notes
    );
    // An empty or headless file is named, not a panic.
    for text in ["", "\u{feff}", "a,b\n1,2\n"] {
        let reading = read(&[("x.csv".to_string(), text.to_string())], Some((&s, &c)));
        assert_eq!(reading.skipped(), 1, "{text:?}: {:?}", reading.notes);
    }
}
