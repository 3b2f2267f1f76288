//! The response collector (`csplan collect`) as a real process on loopback: load from 50
//! clients, SIGKILL in the middle of a load, bad inputs, the rate limit, CORS, closed and
//! not-yet-open consultations, and `responses export` / `summarise --db` on what it
//! stored. Bounded in count and time: every request has a 20 s timeout. Throughput and
//! latency are measured by `cargo xtask bench`, not here.
#![allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used)]

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use csplan_calc::consultation::response;
use csplan_collect::store::{integrity_check, read_all};
use csplan_model::presets::default_scenario;
use csplan_model::{Choice, Decimal, Response, Scenario};
use csplan_tests::csplan;

const ORIGIN: &str = "http://127.0.0.1:9";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("csplan-collect-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("make a scratch folder");
    dir
}

fn write_scenario(dir: &Path, s: &Scenario) -> PathBuf {
    let path = dir.join("scenario.json");
    std::fs::write(&path, serde_json::to_string(s).expect("json")).expect("write scenario");
    path
}

/// A running `csplan collect`, killed (SIGKILL) when dropped.
struct Collector {
    child: Child,
    post_url: String,
    base: String,
    _stdout: BufReader<ChildStdout>,
}

impl Collector {
    fn start(scenario: &Path, db: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_csplan-under-test"))
            .args(["collect", "--scenario"])
            .arg(scenario)
            .arg("--db")
            .arg(db)
            .args(["--bind", "127.0.0.1:0", "--origin", ORIGIN])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start csplan collect");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        let mut second = String::new();
        stdout.read_line(&mut first).expect("first line");
        stdout.read_line(&mut second).expect("second line");
        let base = first.trim().rsplit(' ').next().expect("address").to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{first}");
        let post_url = second.trim().rsplit(' ').next().expect("url").to_string();
        assert_eq!(post_url, format!("{base}/consultations/example-2024/responses"), "{second}");
        Self { child, post_url, base, _stdout: stdout }
    }

    fn kill(&mut self) {
        let _ = self.child.kill(); // SIGKILL on Unix
        let _ = self.child.wait();
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        self.kill();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

struct Reply {
    status: u16,
    body: serde_json::Value,
    retry_after: Option<String>,
}

fn post(agent: &ureq::Agent, url: &str, content_type: &str, body: &str) -> Result<Reply, ureq::Error> {
    let mut r = agent.post(url).header("Content-Type", content_type).send(body)?;
    let status = r.status().as_u16();
    let retry_after = r.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(String::from);
    let text = r.body_mut().read_to_string()?;
    let body = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
    Ok(Reply { status, body, retry_after })
}

fn post_json(agent: &ureq::Agent, url: &str, body: &str) -> Reply {
    post(agent, url, "application/json", body).expect("the collector answers")
}

fn choice(lever: &str, value: Decimal) -> Choice {
    Choice { lever: lever.to_string(), value, comment: String::new() }
}

/// A balanced response to the example consultation (council tax 2.5% or 3% closes the
/// £3m gap), carrying `token` in its comment so each stored row can be traced.
fn balanced(s: &Scenario, token: &str, tax: Decimal) -> Response {
    let c = s.consultation.as_ref().expect("consultation");
    response(s, c, vec![choice("council-tax", tax)], token.to_string(), Vec::new()).expect("builds")
}

fn stored_tokens(db: &Path) -> HashMap<String, String> {
    read_all(db)
        .expect("read the database")
        .into_iter()
        .map(|row| {
            let r: Response = serde_json::from_str(&row.response).expect("a stored response");
            (row.receipt, r.comment)
        })
        .collect()
}

#[test]
fn a_thousand_responses_from_fifty_clients_are_each_stored_once() {
    let s = default_scenario();
    let dir = scratch("load");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let collector = Collector::start(&scenario, &db, &["--per-client-per-minute", "100000"]);
    let acked = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for client in 0..50 {
            let (s, url, acked) = (&s, &collector.post_url, &acked);
            scope.spawn(move || {
                let agent = agent();
                for i in 0..20 {
                    let token = format!("client {client} response {i}");
                    let tax = if i % 2 == 0 { Decimal::new(25, 1) } else { Decimal::from(3) };
                    let body = serde_json::to_string(&balanced(s, &token, tax)).expect("json");
                    let reply = post_json(&agent, url, &body);
                    assert_eq!(reply.status, 201, "{token}: {}", reply.body);
                    let receipt = reply.body["receipt"].as_str().expect("a receipt").to_string();
                    acked.lock().expect("lock").push((receipt, token));
                }
            });
        }
    });
    let acked = acked.into_inner().expect("lock");
    assert_eq!(acked.len(), 1_000);
    let stored = stored_tokens(&db);
    assert_eq!(stored.len(), 1_000, "one row for each 201, no more");
    for (receipt, token) in &acked {
        assert_eq!(stored.get(receipt), Some(token), "receipt {receipt} stores {token}");
    }
    let tokens: HashSet<&String> = stored.values().collect();
    assert_eq!(tokens.len(), 1_000, "no response stored twice");
    drop(collector);

    // What was stored reads back through the command line.
    let db_arg = db.to_str().expect("path");
    let run = csplan(&["responses", "summarise", "--db", db_arg, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.err);
    let v: serde_json::Value = serde_json::from_str(&run.out).expect("json");
    assert_eq!(v["responses"], 1_000);
    assert_eq!(v["balanced"], 1_000);
    let tax = v["levers"].as_array().expect("levers").iter().find(|l| l["id"] == "council-tax").expect("tax");
    assert_eq!(tax["mean"], "2.75");
    let csv = csplan(&["responses", "export", "--db", db_arg, "--scenario", scenario.to_str().expect("path")]);
    assert_eq!(csv.code, 0, "{}", csv.err);
    assert_eq!(csv.out.lines().count(), 1_001);
    assert!(
        csv.out.starts_with("receipt,received,consultation,balance,balanced,Merge two children's homes,"),
        "{}",
        &csv.out[..200]
    );
    let json = csplan(&["responses", "export", "--db", db_arg, "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json.out).expect("json");
    assert_eq!(rows.as_array().expect("rows").len(), 1_000);
    assert_eq!(rows[0]["response"]["consultation"], "example-2024");
}

#[test]
fn every_acknowledged_response_survives_a_sigkill_in_the_middle_of_a_load() {
    let s = default_scenario();
    let dir = scratch("sigkill");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let mut collector = Collector::start(&scenario, &db, &["--per-client-per-minute", "100000"]);
    let acked = Mutex::new(Vec::new());
    let count = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for client in 0..16 {
            let (s, url, acked, count, stop) = (&s, collector.post_url.clone(), &acked, &count, &stop);
            scope.spawn(move || {
                let agent = agent();
                for i in 0.. {
                    if stop.load(Ordering::SeqCst) || i > 2_000 {
                        break;
                    }
                    let token = format!("client {client} response {i}");
                    let body = serde_json::to_string(&balanced(s, &token, Decimal::from(3))).expect("json");
                    match post(&agent, &url, "application/json", &body) {
                        Ok(r) if r.status == 201 => {
                            let receipt = r.body["receipt"].as_str().expect("a receipt").to_string();
                            acked.lock().expect("lock").push((receipt, token));
                            count.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(r) => panic!("{token}: {} {}", r.status, r.body),
                        Err(_) => break, // the server is gone
                    }
                }
            });
        }
        // Kill it while all 16 clients are sending.
        let started = std::time::Instant::now();
        while count.load(Ordering::SeqCst) < 200 && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(2));
        }
        collector.kill();
        stop.store(true, Ordering::SeqCst);
    });
    let acked = acked.into_inner().expect("lock");
    assert!(acked.len() >= 200, "the load ran ({} acknowledged)", acked.len());
    // Restart on the same database: it opens, and everything acknowledged is there.
    let restarted = Collector::start(&scenario, &db, &[]);
    assert_eq!(integrity_check(&db).expect("check"), "ok");
    let stored = stored_tokens(&db);
    for (receipt, token) in &acked {
        assert_eq!(stored.get(receipt), Some(token), "acknowledged receipt {receipt} was lost");
    }
    // A response sent but not acknowledged may or may not be there; none is there twice.
    let tokens: HashSet<&String> = stored.values().collect();
    assert_eq!(tokens.len(), stored.len());
    // And the restarted collector takes more.
    let reply = post_json(
        &agent(),
        &restarted.post_url,
        &serde_json::to_string(&balanced(&s, "after", Decimal::from(3))).expect("json"),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
}

#[test]
fn bad_inputs_are_refused_with_a_4xx_and_nothing_is_stored() {
    let s = default_scenario();
    let dir = scratch("bad");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let collector = Collector::start(&scenario, &db, &["--per-client-per-minute", "100000"]);
    let agent = agent();
    let url = collector.post_url.as_str();
    let good = serde_json::to_value(balanced(&s, "", Decimal::from(3))).expect("json");
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        edit(&mut v);
        v.to_string()
    };
    let long = "x".repeat(2_001);
    let huge_body = format!("{{\"comment\": \"{}\"}}", "y".repeat(400_000));
    let cases: Vec<(&str, String, u16)> = vec![
        ("malformed JSON", "{ not json".to_string(), 400),
        ("empty body", String::new(), 400),
        ("trailing text", format!("{} and more", good), 400),
        ("an array, not a response", "[1, 2, 3]".to_string(), 422),
        ("choices of the wrong type", with(&|v| v["choices"] = "lots".into()), 422),
        ("a value of the wrong type", with(&|v| v["choices"][0]["value"] = true.into()), 422),
        ("an unknown field", with(&|v| v["ip_address"] = "203.0.113.9".into()), 422),
        ("a huge number", with(&|v| v["choices"][0]["value"] = serde_json::from_str("1e400").unwrap_or_default()), 422),
        (
            "a number with 40 digits",
            good.to_string().replace(
                "\"council-tax\",\"value\":\"3\"",
                "\"council-tax\",\"value\":1234567890123456789012345678901234567890",
            ),
            422,
        ),
        ("a huge balance", with(&|v| v["balance"] = "99999999999999999999999999999999999".into()), 422),
        (
            "SQL in the consultation",
            with(&|v| v["consultation"] = "example-2024'; DROP TABLE responses;--".into()),
            422,
        ),
        ("SQL in a choice", with(&|v| v["choices"][0]["lever"] = "x'); DELETE FROM responses;--".into()), 422),
        (
            "SQL in an answer",
            with(&|v| v["about_you"] = serde_json::json!([{"question": "age", "answer": "' OR 1=1 --"}])),
            422,
        ),
        ("a value off its range", with(&|v| v["choices"][0]["value"] = "4".into()), 422),
        ("a value off its step", with(&|v| v["choices"][0]["value"] = "2.3".into()), 422),
        ("a comment too long", with(&|v| v["comment"] = long.clone().into()), 422),
        ("a budget that does not balance", with(&|v| v["choices"][0]["value"] = "1".into()), 422),
        ("a newer format", with(&|v| v["schema"] = 2.into()), 422),
        ("a body over the size limit", huge_body, 413),
    ];
    for (what, body, expected) in &cases {
        let reply = post_json(&agent, url, body);
        assert_eq!(reply.status, *expected, "{what}: {}", reply.body);
        assert!(reply.body["error"].as_str().is_some_and(|e| !e.is_empty()), "{what}: a JSON message: {}", reply.body);
    }
    let valid = good.to_string();
    let other = |status: u16, reply: Reply, what: &str| {
        assert_eq!(reply.status, status, "{what}: {}", reply.body);
        assert!(reply.body["error"].is_string(), "{what}: {}", reply.body);
    };
    other(415, post(&agent, url, "text/plain", &valid).expect("answers"), "not JSON content");
    other(
        404,
        post_json(&agent, &format!("{}/consultations/another/responses", collector.base), &valid),
        "another consultation",
    );
    other(404, post_json(&agent, &format!("{}/responses", collector.base), &valid), "no such address");
    let mut r = agent
        .post(url)
        .header("Content-Type", "application/json")
        .header("Origin", "https://elsewhere.example")
        .send(valid.as_str())
        .expect("answers");
    assert_eq!(r.status().as_u16(), 403, "another site's page");
    assert!(r.body_mut().read_to_string().expect("body").contains("consultation's own page"));
    let r = agent.get(url).call().expect("answers");
    assert_eq!(r.status().as_u16(), 405);
    // A statutory minimum: both early-help cuts take early help below £3.3m.
    let c = s.consultation.as_ref().expect("consultation");
    let blocked = response(
        &s,
        c,
        vec![
            choice("family-centres", Decimal::ONE),
            choice("holiday-activities", Decimal::ONE),
            choice("council-tax", Decimal::from(3)),
        ],
        String::new(),
        Vec::new(),
    )
    .expect("builds");
    let reply = post_json(&agent, url, &serde_json::to_string(&blocked).expect("json"));
    assert_eq!(reply.status, 422);
    assert!(
        reply.body["problems"][0]["message"].as_str().expect("a problem").contains("below its statutory minimum"),
        "{}",
        reply.body
    );

    assert_eq!(read_all(&db).expect("read").len(), 0, "nothing was stored");
    // SQL-looking text where text is allowed is stored as text, exactly.
    let sql = "Robert'); DROP TABLE responses;--";
    let reply = post_json(&agent, url, &serde_json::to_string(&balanced(&s, sql, Decimal::from(3))).expect("json"));
    assert_eq!(reply.status, 201, "{}", reply.body);
    let stored = stored_tokens(&db);
    assert_eq!(stored.values().collect::<Vec<_>>(), [sql]);
    assert_eq!(integrity_check(&db).expect("check"), "ok");
}

#[test]
fn one_client_is_limited_and_only_the_apps_site_may_post_from_a_browser() {
    let s = default_scenario();
    let dir = scratch("limit");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let collector = Collector::start(&scenario, &db, &["--per-client-per-minute", "3"]);
    let agent = agent();
    let body = serde_json::to_string(&balanced(&s, "", Decimal::from(3))).expect("json");
    for _ in 0..3 {
        assert_eq!(post_json(&agent, &collector.post_url, &body).status, 201);
    }
    let reply = post_json(&agent, &collector.post_url, &body);
    assert_eq!(reply.status, 429, "{}", reply.body);
    let wait: u64 = reply.retry_after.expect("Retry-After").parse().expect("seconds");
    assert!((1..=21).contains(&wait), "one response every 20 s: {wait}");
    assert_eq!(read_all(&db).expect("read").len(), 3);

    // CORS: the preflight from the app's site is allowed; from another site it is not.
    let preflight = |origin: &str| {
        agent
            .options(&collector.post_url)
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .call()
            .expect("answers")
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    };
    assert_eq!(preflight(ORIGIN).as_deref(), Some(ORIGIN));
    assert_eq!(preflight("https://elsewhere.example"), None);
    // The collector says which consultation it takes.
    let mut about = agent.get(&format!("{}/", collector.base)).call().expect("answers");
    let v: serde_json::Value = serde_json::from_str(&about.body_mut().read_to_string().expect("body")).expect("json");
    assert_eq!(v["consultation"], "example-2024");
    assert_eq!(v["open"], true);
}

#[test]
fn a_closed_or_not_yet_open_consultation_takes_nothing() {
    let agent = agent();
    for (opens, closes, status, says) in [
        ("2020-01-01", "2020-01-31", 410, "closed on 2020-01-31"),
        ("2099-01-01", "2099-12-31", 403, "opens on 2099-01-01"),
    ] {
        let mut s = default_scenario();
        let c = s.consultation.as_mut().expect("consultation");
        c.opens = opens.to_string();
        c.closes = closes.to_string();
        let dir = scratch(&format!("dates-{status}"));
        let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
        let collector = Collector::start(&scenario, &db, &[]);
        let reply = post_json(
            &agent,
            &collector.post_url,
            &serde_json::to_string(&balanced(&s, "", Decimal::from(3))).expect("json"),
        );
        assert_eq!(reply.status, status, "{}", reply.body);
        assert!(reply.body["error"].as_str().expect("message").contains(says), "{}", reply.body);
        assert_eq!(read_all(&db).expect("read").len(), 0);
    }
}

#[test]
fn the_collector_refuses_to_start_on_a_bad_scenario_or_origin() {
    let dir = scratch("start");
    let db = dir.join("responses.db");
    let mut s = default_scenario();
    s.consultation = None;
    let no_consultation = write_scenario(&dir, &s);
    let run =
        csplan(&["collect", "--scenario", no_consultation.to_str().expect("path"), "--db", db.to_str().expect("path")]);
    assert_eq!(run.code, 2);
    assert!(run.err.contains("that scenario has no consultation section"), "{}", run.err);
    let good = write_scenario(&dir, &default_scenario());
    let run = csplan(&[
        "collect",
        "--scenario",
        good.to_str().expect("path"),
        "--db",
        db.to_str().expect("path"),
        "--origin",
        "https://council.example/csplan/",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.err.contains("scheme and host only"), "{}", run.err);
    assert!(!db.exists(), "nothing made before the options are checked");
}
