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

/// A row of an export: its receipt and response, or why it cannot be read.
pub type ExportRow = Result<(String, Response), String>;

/// True for a CSV export: named `.csv`, or starting with its header.
fn is_csv(name: &str, text: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".csv") || text.starts_with("receipt,")
}

/// The rows of a collector's CSV export (`csplan responses export --format csv`), each a
/// receipt and its response, or why the row cannot be read (its row number is added by the
/// caller). Columns: `receipt`, `received`, `consultation`, `balance`, `balanced`, then a
/// value and a `NAME: comment` column for each choice, `comment`, a column for each "about
/// you" question, and `tag` (from this version). With the consultation, choices and
/// questions are matched by their name (or id) and a column matching none refuses the
/// file; without it, headers are taken as ids. Cells the export marked so a spreadsheet
/// does not run them (a leading apostrophe) are read as the participant wrote them.
pub fn csv_rows(text: &str, consultation: Option<&Consultation>) -> Result<Vec<ExportRow>, String> {
    let mut records = crate::csv_records(text).into_iter();
    let header: Vec<String> = records
        .next()
        .ok_or("the file is empty")?
        .into_iter()
        .map(|h| crate::from_spreadsheet_safe(&h).trim().to_string())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let need = |name: &str| column(name).ok_or_else(|| format!("it has no \u{201c}{name}\u{201d} column"));
    let (receipt, consultation_at, balanced) = (need("receipt")?, need("consultation")?, need("balanced")?);
    let comment = need("comment")?;
    let tag = column("tag");
    // Choices: from after `balanced` to `comment`, each a value and a comment column.
    let mut choices: Vec<(String, usize, Option<usize>)> = Vec::new();
    for (k, h) in header.iter().enumerate().take(comment).skip(balanced + 1) {
        if h.ends_with(": comment") && choices.last().is_some_and(|(_, _, c)| c.is_none()) {
            if let Some(last) = choices.last_mut() {
                last.2 = Some(k);
            }
            continue;
        }
        let id = match consultation {
            Some(c) => c
                .levers
                .iter()
                .find(|l| &l.name == h || &l.id == h)
                .map(|l| l.id.clone())
                .ok_or_else(|| format!("the column \u{201c}{h}\u{201d} is not a choice in this consultation"))?,
            None => h.clone(),
        };
        choices.push((id, k, None));
    }
    // Questions: after `comment`, but `tag`.
    let mut questions: Vec<(String, usize)> = Vec::new();
    for (k, h) in header.iter().enumerate().skip(comment + 1) {
        if Some(k) == tag {
            continue;
        }
        let id = match consultation {
            Some(c) => c.questions.iter().find(|q| &q.text == h || &q.id == h).map(|q| q.id.clone()).ok_or_else(|| {
                format!("the column \u{201c}{h}\u{201d} is not an \u{201c}about you\u{201d} question in this consultation")
            })?,
            None => h.clone(),
        };
        questions.push((id, k));
    }
    let rows = records
        .filter(|r| !(r.len() == 1 && r.first().is_some_and(|c| c.trim().is_empty())))
        .map(|record| {
            let cell = |k: usize| crate::from_spreadsheet_safe(record.get(k).map_or("", String::as_str)).to_string();
            let receipt = cell(receipt).trim().to_string();
            if receipt.is_empty() {
                return Err("skipped: it has no receipt".to_string());
            }
            let mut response = Response {
                schema: csplan_model::RESPONSE_SCHEMA,
                id: tag.map(|k| cell(k).trim().to_string()).unwrap_or_default(),
                consultation: cell(consultation_at).trim().to_string(),
                choices: Vec::new(),
                comment: cell(comment),
                about_you: Vec::new(),
                // Found again when the response is checked against the consultation.
                balance: column("balance")
                    .and_then(|k| cell(k).trim().parse().ok())
                    .map_or(csplan_model::Money::ZERO, csplan_model::Money::new),
                balanced: cell(balanced).trim() == "yes",
            };
            for (id, at, comment_at) in &choices {
                let value = cell(*at);
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                let value = value.parse::<csplan_model::Decimal>().map_err(|_| {
                    let h = header.get(*at).map_or("", String::as_str);
                    format!(
                        "skipped: the value for \u{201c}{h}\u{201d} is not a number: \u{201c}{}\u{201d}",
                        csplan_validation::echo(value)
                    )
                })?;
                let comment = comment_at.map(cell).unwrap_or_default();
                response.choices.push(csplan_model::Choice { lever: id.clone(), value, comment });
            }
            for (id, at) in &questions {
                let answer = cell(*at);
                if !answer.trim().is_empty() {
                    response.about_you.push(csplan_model::Answer { question: id.clone(), answer });
                }
            }
            Ok((receipt, response))
        })
        .collect();
    Ok(rows)
}

fn not_a_response(e: &serde_json::Error) -> String {
    format!("skipped: not a csplan response: {e}")
}

/// Reads `inputs` (each a name and its text): a response file, or a collector's export
/// (`csplan responses export`, JSON: an array of rows with a receipt; or CSV: a row a
/// response, read by [`csv_rows`]). With `checked`, each response must pass
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
        let rows: Vec<ExportRow> = if is_csv(name, text) {
            match csv_rows(text, checked.map(|(_, c)| c)) {
                Ok(rows) => rows,
                Err(message) => {
                    note(&mut reading, name.clone(), format!("skipped: not a csplan export: {message}"), false);
                    continue;
                }
            }
        } else if text.trim_start().starts_with('[') {
            // Read as rows at once; only a file with a bad row is read again row by row,
            // to name the rows.
            match serde_json::from_str::<Vec<Row>>(text) {
                Ok(rows) => rows.into_iter().map(|r| Ok((r.receipt, r.response))).collect(),
                Err(_) => match serde_json::from_str::<Vec<serde_json::Value>>(text) {
                    Ok(values) => values
                        .into_iter()
                        .map(|v| {
                            serde_json::from_value::<Row>(v)
                                .map(|r| (r.receipt, r.response))
                                .map_err(|e| not_a_response(&e))
                        })
                        .collect(),
                    Err(e) => {
                        note(&mut reading, name.clone(), format!("skipped: not a csplan export: {e}"), false);
                        continue;
                    }
                },
            }
        } else {
            match serde_json::from_str::<Response>(text) {
                Ok(r) => found.push((name.clone(), r)),
                Err(e) => note(&mut reading, name.clone(), not_a_response(&e), false),
            }
            continue;
        };
        for (k, row) in rows.into_iter().enumerate() {
            let (receipt, response) = match row {
                Ok(r) => r,
                Err(message) => {
                    note(&mut reading, format!("{name}, row {}", k + 1), message, false);
                    continue;
                }
            };
            let at = format!("{name}, receipt {receipt}");
            if let Some(first) = receipts.get(&receipt) {
                note(&mut reading, at, format!("counted once: the same response as {first}"), true);
                continue;
            }
            receipts.insert(receipt, at.clone());
            found.push((at, response));
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
