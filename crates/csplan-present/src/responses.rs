//! Reading consultation responses for a summary: the files participants downloaded, a
//! collector's export (`csplan responses export --format json`), or both. Each response is
//! checked against the consultation when one is given ([`accept`], the collector's own
//! check) and counted once. `csplan responses summarise` and the planner's results page
//! both read through [`read`] and summarise with `csplan_calc::responses::summarise`, so
//! the same files give the same figures on the command line and in the browser.

use std::collections::BTreeMap;

use csplan_calc::consultation::{evaluate, refusals};
use csplan_model::{Consultation, Response, Scenario};
use csplan_validation::{validate_response, Problem};

/// Checks a response against the consultation (its choices, values, comments and answers,
/// the statutory minimums, and the balance rule) and returns it with the balance
/// recalculated, so a response never carries a figure the models did not make. Every
/// problem found is returned, each naming its field.
pub fn accept(s: &Scenario, c: &Consultation, mut r: Response) -> Result<Response, Vec<Problem>> {
    let problems = validate_response(c, &r);
    if !problems.is_empty() {
        return Err(problems);
    }
    let outcome = evaluate(s, c, &r.choices).map_err(|e| vec![Problem::error("choices", e.to_string())])?;
    let refused: Vec<Problem> = refusals(&outcome)
        .into_iter()
        .map(|refusal| match refusal.lever.and_then(|i| c.levers.get(i)) {
            Some(l) => {
                let at = r.choices.iter().position(|ch| ch.lever == l.id).unwrap_or_default();
                Problem::error(format!("choices[{at}].value"), refusal.message)
            }
            None => Problem::error("balance", refusal.message),
        })
        .collect();
    if !refused.is_empty() {
        return Err(refused);
    }
    r.balance = outcome.balance;
    r.balanced = outcome.balanced;
    Ok(r)
}

/// Something read that is not counted, or counted once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Where it came from: a file's name, or "export.json, receipt 1A2B..." for a row.
    pub name: String,
    /// Why: "skipped: not a csplan response: ..." or "counted once: the same response as ...".
    pub message: String,
    /// True for a response seen before (counted once), false for one skipped.
    pub repeat: bool,
}

/// What [`read`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// The responses counted, each with where it came from.
    pub counted: Vec<(String, Response)>,
    /// Everything skipped or counted once, with why, in the order read.
    pub notes: Vec<Note>,
}

impl Reading {
    /// How many were skipped (not repeats).
    pub fn skipped(&self) -> usize {
        self.notes.iter().filter(|n| !n.repeat).count()
    }
}

/// A row of `csplan responses export --format json`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    receipt: String,
    #[allow(dead_code)]
    received: String,
    response: Response,
}

fn not_a_response(e: &serde_json::Error) -> String {
    format!("skipped: not a csplan response: {e}")
}

/// Reads `inputs` (each a name and its text): a response file, or a collector's JSON
/// export (an array of rows with a receipt). With `checked`, each response must pass
/// [`accept`] against that scenario's consultation (its balance recalculated). A response
/// counts once: a receipt seen before, or a response's tag seen before (a download and
/// the same response sent to the collector, or a file opened twice), is noted and not
/// counted again. Responses without a tag (from earlier versions) all count, since two
/// people may choose alike.
pub fn read(inputs: &[(String, String)], checked: Option<(&Scenario, &Consultation)>) -> Reading {
    let mut reading = Reading::default();
    // Receipts and tags seen, with where first: maps, so 10,000 responses take a moment.
    let mut receipts: BTreeMap<String, String> = BTreeMap::new();
    let mut tags: BTreeMap<String, String> = BTreeMap::new();
    let note = |reading: &mut Reading, name: String, message: String, repeat: bool| {
        reading.notes.push(Note { name, message, repeat });
    };
    let mut found: Vec<(String, Response)> = Vec::new();
    for (name, text) in inputs {
        // A byte-order mark (some editors save one) is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim_start().starts_with('[') {
            // Read as rows at once; only a file with a bad row is read again row by row,
            // to name the rows.
            let rows: Vec<Result<Row, String>> = match serde_json::from_str::<Vec<Row>>(text) {
                Ok(rows) => rows.into_iter().map(Ok).collect(),
                Err(_) => match serde_json::from_str::<Vec<serde_json::Value>>(text) {
                    Ok(values) => values
                        .into_iter()
                        .map(|v| serde_json::from_value::<Row>(v).map_err(|e| not_a_response(&e)))
                        .collect(),
                    Err(e) => {
                        note(&mut reading, name.clone(), format!("skipped: not a csplan export: {e}"), false);
                        continue;
                    }
                },
            };
            for (k, row) in rows.into_iter().enumerate() {
                let row = match row {
                    Ok(r) => r,
                    Err(message) => {
                        note(&mut reading, format!("{name}, row {}", k + 1), message, false);
                        continue;
                    }
                };
                let at = format!("{name}, receipt {}", row.receipt);
                if let Some(first) = receipts.get(&row.receipt) {
                    note(&mut reading, at, format!("counted once: the same response as {first}"), true);
                    continue;
                }
                receipts.insert(row.receipt, at.clone());
                found.push((at, row.response));
            }
            continue;
        }
        match serde_json::from_str::<Response>(text) {
            Ok(r) => found.push((name.clone(), r)),
            Err(e) => note(&mut reading, name.clone(), not_a_response(&e), false),
        }
    }
    for (name, response) in found {
        let response = match checked {
            Some((s, c)) => match accept(s, c, response) {
                Ok(r) => r,
                Err(problems) => {
                    let first = problems.first().map(ToString::to_string).unwrap_or_default();
                    note(&mut reading, name, format!("skipped: {first}"), false);
                    continue;
                }
            },
            None => response,
        };
        match tags.get(&response.id).filter(|_| !response.id.is_empty()) {
            Some(first) => note(&mut reading, name, format!("counted once: the same response as {first}"), true),
            None => {
                if !response.id.is_empty() {
                    tags.insert(response.id.clone(), name.clone());
                }
                reading.counted.push((name, response));
            }
        }
    }
    reading
}
