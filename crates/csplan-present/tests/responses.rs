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
