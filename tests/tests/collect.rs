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

/// `csplan collect` on `scenario` and `db`, listening on a free port, its log (standard
/// error) going to `db` with the extension `.log`; under `sh` with `ulimit -f` if limited.
fn collect_command(file_limit: Option<u32>, scenario: &Path, db: &Path, extra: &[&str]) -> Command {
    let bin = env!("CARGO_BIN_EXE_csplan-under-test");
    let mut command = match file_limit {
        Some(blocks) => {
            let mut c = Command::new("sh");
            c.args(["-c", &format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\""), bin]);
            c
        }
        None => Command::new(bin),
    };
    command
        .args(["collect", "--scenario"])
        .arg(scenario)
        .arg("--db")
        .arg(db)
        .args(["--bind", "127.0.0.1:0", "--origin", ORIGIN])
        .args(extra)
        .stderr(std::fs::File::create(db.with_extension("log")).expect("a log file"));
    command
}

fn log_of(db: &Path) -> String {
    std::fs::read_to_string(db.with_extension("log")).unwrap_or_default()
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
        Self::spawn(collect_command(None, scenario, db, extra))
    }

    /// Started with a file size limit of `blocks` of 512 bytes (as a full disk would stop
    /// its writes: with `SIGXFSZ` ignored, a write past the limit fails with `EFBIG`).
    fn start_with_file_limit(blocks: u32, scenario: &Path, db: &Path, extra: &[&str]) -> Self {
        Self::spawn(collect_command(Some(blocks), scenario, db, extra))
    }

    fn spawn(mut command: Command) -> Self {
        let mut child = command.stdout(Stdio::piped()).spawn().expect("start csplan collect");
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

    // Either export, read back for a summary (as the results page reads it), gives the
    // same figures; both together count each response once, by its receipt.
    let (csv_file, json_file) = (dir.join("export.csv"), dir.join("export.json"));
    std::fs::write(&csv_file, &csv.out).expect("write");
    std::fs::write(&json_file, &json.out).expect("write");
    let summary = |files: &[&std::path::Path]| {
        let mut args =
            vec!["responses", "summarise", "--scenario", scenario.to_str().expect("path"), "--format", "json"];
        args.extend(files.iter().map(|f| f.to_str().expect("path")));
        let run = csplan(&args);
        assert_eq!(run.code, 0, "{}", run.err);
        run.out
    };
    let from_json = summary(&[&json_file]);
    assert_eq!(summary(&[&csv_file]), from_json);
    assert_eq!(summary(&[&csv_file, &json_file]), from_json);
    assert!(from_json.contains("\"responses\": 1000"), "{from_json}");
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
fn a_retry_after_the_close_of_a_response_stored_before_it_gets_its_receipt() {
    let agent = agent();
    let mut s = default_scenario();
    let dir = scratch("retry-after-close");
    let db = dir.join("responses.db");
    let body = serde_json::to_string(&balanced(&s, "sent at 23:59", Decimal::from(3))).expect("json");
    let key = [("Idempotency-Key", "late-1")];
    let first = {
        let collector = Collector::start(&write_scenario(&dir, &s), &db, &[]);
        post_with(&agent, &collector.post_url, &key, &body)
    };
    assert_eq!(first.status, 201, "{}", first.body);
    // Midnight passes (the consultation is now closed) before the participant's page,
    // which never saw the answer, sends again.
    let c = s.consultation.as_mut().expect("consultation");
    c.opens = "2020-01-01".into();
    c.closes = "2020-01-31".into();
    let collector = Collector::start(&write_scenario(&dir, &s), &db, &[]);
    let again = post_with(&agent, &collector.post_url, &key, &body);
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["receipt"], first.body["receipt"]);
    // Anything new is refused: another key, no key, or the key with other figures.
    assert_eq!(post_with(&agent, &collector.post_url, &[("Idempotency-Key", "late-2")], &body).status, 410);
    assert_eq!(post_with(&agent, &collector.post_url, &[], &body).status, 410);
    let other = serde_json::to_string(&balanced(&s, "other", Decimal::new(25, 1))).expect("json");
    assert_eq!(post_with(&agent, &collector.post_url, &key, &other).status, 409);
    assert_eq!(read_all(&db).expect("read").len(), 1);
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

fn post_with(agent: &ureq::Agent, url: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut request = agent.post(url).header("Content-Type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut r = request.send(body).expect("the collector answers");
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().expect("a body");
    let body = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
    Reply { status, body, retry_after: None }
}

fn about(base: &str) -> (u16, serde_json::Value) {
    let mut r = agent().get(&format!("{base}/")).call().expect("answers");
    let status = r.status().as_u16();
    (status, serde_json::from_str(&r.body_mut().read_to_string().expect("body")).expect("json"))
}

/// A TCP connection to the collector at `base`, for what an HTTP client would not send.
fn raw(base: &str) -> std::net::TcpStream {
    let s = std::net::TcpStream::connect(base.trim_start_matches("http://")).expect("connect");
    s.set_read_timeout(Some(Duration::from_millis(250))).expect("timeout");
    s
}

/// What the collector sent on `s` within `limit`, and whether it closed the connection.
fn read_until_closed(s: &mut std::net::TcpStream, limit: Duration) -> (String, Option<Duration>) {
    use std::io::Read;
    let started = std::time::Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while started.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return (String::from_utf8_lossy(&got).into_owned(), Some(started.elapsed())),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => return (String::from_utf8_lossy(&got).into_owned(), Some(started.elapsed())),
        }
    }
    (String::from_utf8_lossy(&got).into_owned(), None)
}

fn headers_for(collector: &Collector, extra: &str) -> String {
    let path = collector.post_url.trim_start_matches(&collector.base);
    format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{extra}\r\n")
}

#[test]
fn on_a_full_disk_every_acknowledged_response_is_stored_and_the_rest_are_refused_with_503() {
    let s = default_scenario();
    let dir = scratch("full");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    // 600 blocks of 512 bytes: room for the database and about 70 responses in its WAL.
    let collector = Collector::start_with_file_limit(600, &scenario, &db, &["--per-client-per-minute", "100000"]);
    let agent = agent();
    let mut acked = Vec::new();
    let mut refused = 0;
    for i in 0..400 {
        let token = format!("response {i}");
        let reply = post_json(
            &agent,
            &collector.post_url,
            &serde_json::to_string(&balanced(&s, &token, Decimal::from(3))).expect("json"),
        );
        match reply.status {
            201 => acked.push((reply.body["receipt"].as_str().expect("receipt").to_string(), token)),
            503 => refused += 1,
            other => panic!("{token}: {other} {}", reply.body),
        }
    }
    assert!(refused > 0 && !acked.is_empty(), "the disk filled part way: {} stored, {refused} refused", acked.len());
    let (status, v) = about(&collector.base);
    assert_eq!((status, &v["storing"]), (503, &serde_json::Value::Bool(false)), "GET / says it cannot store");
    assert!(log_of(&db).contains("could not be stored"), "the failure is logged: {}", log_of(&db));
    let stored = stored_tokens(&db);
    for (receipt, token) in &acked {
        assert_eq!(stored.get(receipt), Some(token), "acknowledged receipt {receipt} was lost");
    }
    assert_eq!(stored.len(), acked.len(), "nothing refused was stored");
    drop(collector);
    // With the disk full from the start, the collector refuses to run: its write test fails.
    let run = collect_command(Some(8), &scenario, &db, &[]).stdout(Stdio::piped()).output().expect("runs");
    assert_ne!(run.status.code(), Some(0));
    let log = log_of(&db);
    assert!(log.contains("cannot be") && log.contains("check the disk has space"), "{log}");
    assert!(String::from_utf8_lossy(&run.stdout).is_empty(), "it never says it is listening");
}

#[test]
fn a_database_deleted_while_running_is_noticed_and_nothing_more_is_acknowledged() {
    let s = default_scenario();
    let dir = scratch("deleted");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let collector = Collector::start(&scenario, &db, &[]);
    let agent = agent();
    let body = serde_json::to_string(&balanced(&s, "kept", Decimal::from(3))).expect("json");
    assert_eq!(post_json(&agent, &collector.post_url, &body).status, 201);
    for ext in ["db", "db-wal", "db-shm"] {
        let _ = std::fs::remove_file(db.with_extension(ext));
    }
    let reply = post_json(&agent, &collector.post_url, &body);
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(about(&collector.base).0, 503);
    assert!(log_of(&db).contains("deleted or replaced"), "{}", log_of(&db));
}

#[test]
fn slow_and_idle_connections_are_closed_and_a_body_is_refused_before_it_is_read() {
    let s = default_scenario();
    let dir = scratch("slow");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let collector = Collector::start(&scenario, &db, &["--per-client-per-minute", "3"]);
    std::thread::scope(|scope| {
        // A slowloris: one header line a second, never finished.
        let slow = scope.spawn(|| {
            use std::io::Write;
            let mut c = raw(&collector.base);
            c.write_all(b"POST /consultations/example-2024/responses HTTP/1.1\r\n").expect("write");
            let started = std::time::Instant::now();
            while started.elapsed() < Duration::from_secs(30) {
                if c.write_all(b"X-Slow: 1\r\n").is_err() {
                    break;
                }
                if read_until_closed(&mut c, Duration::from_secs(1)).1.is_some() {
                    break;
                }
            }
            started.elapsed()
        });
        // A connection left idle after one request.
        let idle = scope.spawn(|| {
            use std::io::Write;
            let mut c = raw(&collector.base);
            c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
            read_until_closed(&mut c, Duration::from_secs(30))
        });
        // Declared too long: refused at once, not a byte of the body sent.
        let mut c = raw(&collector.base);
        std::io::Write::write_all(&mut c, headers_for(&collector, "Content-Length: 50000000\r\n").as_bytes())
            .expect("write");
        let (reply, closed) = read_until_closed(&mut c, Duration::from_secs(5));
        assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
        assert!(closed.is_some(), "and the connection is closed: {reply}");
        // Another site's page, and a client over its limit, are refused before the body.
        let mut c = raw(&collector.base);
        let h = headers_for(&collector, "Origin: https://elsewhere.example\r\nContent-Length: 90000\r\n");
        std::io::Write::write_all(&mut c, h.as_bytes()).expect("write");
        let (reply, _) = read_until_closed(&mut c, Duration::from_secs(5));
        assert!(reply.starts_with("HTTP/1.1 403"), "{reply}");
        let body = serde_json::to_string(&balanced(&s, "", Decimal::from(3))).expect("json");
        let agent = agent();
        assert_eq!(post_json(&agent, &collector.post_url, &body).status, 201);
        assert_eq!(post_json(&agent, &collector.post_url, &body).status, 201);
        let mut c = raw(&collector.base);
        std::io::Write::write_all(&mut c, headers_for(&collector, "Content-Length: 90000\r\n").as_bytes())
            .expect("write");
        let (reply, _) = read_until_closed(&mut c, Duration::from_secs(5));
        assert!(reply.starts_with("HTTP/1.1 429"), "{reply}");

        let slow = slow.join().expect("slow client");
        assert!(slow < Duration::from_secs(15), "a slow-header connection is closed within 15 s: {slow:?}");
        let (reply, closed) = idle.join().expect("idle client");
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        let closed = closed.expect("an idle connection is closed");
        assert!(closed < Duration::from_secs(15), "within 15 s: {closed:?}");
    });
    assert_eq!(read_all(&db).expect("read").len(), 2);
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_thousand_stalled_uploads_hold_little_memory_and_others_still_send() {
    let _ = rlimit::increase_nofile_limit(4_096);
    let s = default_scenario();
    let dir = scratch("stalled");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let collector =
        Collector::start(&scenario, &db, &["--per-client-per-minute", "100000", "--max-connections", "1100"]);
    let mut stalled = Vec::new();
    let chunk = vec![b'x'; 64 * 1024];
    for i in 0..1_000 {
        use std::io::Write;
        let mut c = raw(&collector.base);
        // Nine in ten declare a 1 MiB body (over the limit: read and thrown away); one in
        // ten sends its body in chunks of unknown total length (read and held).
        if i % 10 == 0 {
            c.write_all(headers_for(&collector, "Transfer-Encoding: chunked\r\n").as_bytes()).expect("write");
            c.write_all(b"10000\r\n").expect("write");
        } else {
            c.write_all(headers_for(&collector, "Content-Length: 1048576\r\n").as_bytes()).expect("write");
        }
        c.write_all(&chunk).expect("write");
        stalled.push(c);
    }
    std::thread::sleep(Duration::from_secs(2));
    let rss = rss_kib(collector.child.id());
    assert!(rss > 0 && rss < 100 * 1024, "RSS with 1,000 stalled uploads: {rss} KiB");
    let reply = post_json(
        &agent(),
        &collector.post_url,
        &serde_json::to_string(&balanced(&s, "", Decimal::from(3))).expect("json"),
    );
    assert_eq!(reply.status, 201, "a participant still gets through: {}", reply.body);
    drop(stalled);
}

#[test]
fn retries_are_stored_once_answers_are_bounded_and_exports_are_safe_in_a_spreadsheet() {
    let s = default_scenario();
    let dir = scratch("bounded");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let collector = Collector::start(
        &scenario,
        &db,
        &["--per-client-per-minute", "2", "--trusted-proxy", "127.0.0.1", "--max-body-bytes", "1000000"],
    );
    let agent = agent();
    let from = |ip: &'static str| [("X-Forwarded-For", ip)];
    let url = collector.post_url.as_str();
    // The page's idempotency key: a retry after a lost answer is stored once.
    let body = serde_json::to_string(&balanced(&s, "=HYPERLINK(\"http://evil.example\",\"click\")", Decimal::from(3)))
        .expect("json");
    let first = post_with(&agent, url, &[("Idempotency-Key", "page-1"), ("X-Forwarded-For", "203.0.113.1")], &body);
    assert_eq!(first.status, 201, "{}", first.body);
    let again = post_with(&agent, url, &[("Idempotency-Key", "page-1"), ("X-Forwarded-For", "203.0.113.1")], &body);
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["receipt"], first.body["receipt"]);
    // The same key with other figures is refused.
    let other = serde_json::to_string(&balanced(&s, "-2+3", Decimal::new(25, 1))).expect("json");
    let clash = post_with(&agent, url, &[("Idempotency-Key", "page-1"), ("X-Forwarded-For", "203.0.113.2")], &other);
    assert_eq!(clash.status, 409, "{}", clash.body);
    // Behind the trusted proxy each participant has their own limit: .1 has used two.
    assert_eq!(post_with(&agent, url, &from("203.0.113.1"), &other).status, 429);
    assert_eq!(post_with(&agent, url, &from("203.0.113.3"), &other).status, 201);
    // Arrival is stored to the hour.
    let stored = read_all(&db).expect("read");
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|r| r.received.ends_with(":00:00Z")), "{stored:?}");
    // A 422 lists at most 20 problems, each value cut to 100 characters.
    let mut v = serde_json::to_value(balanced(&s, "", Decimal::from(3))).expect("json");
    let long = "z".repeat(300);
    v["choices"] = (0..1_500).map(|i| serde_json::json!({"lever": format!("{long}{i}"), "value": "1"})).collect();
    let reply = post_with(&agent, url, &from("203.0.113.4"), &v.to_string());
    assert_eq!(reply.status, 422, "{}", reply.body);
    let problems = reply.body["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 21, "20 and a count of the rest");
    assert!(problems[20]["message"].as_str().expect("message").starts_with("and "), "{}", problems[20]);
    assert!(reply.body.to_string().len() < 10_000, "{} bytes", reply.body.to_string().len());
    // Exports: formulas typed as comments open as words.
    let csv = csplan(&["responses", "export", "--db", db.to_str().expect("path")]);
    assert_eq!(csv.code, 0, "{}", csv.err);
    assert!(csv.out.contains("\"'=HYPERLINK("), "{}", csv.out);
    assert!(csv.out.contains("'-2+3"), "{}", csv.out);
    assert!(!csv.out.contains(",=HYPERLINK") && !csv.out.contains("\"=HYPERLINK"), "{}", csv.out);
    // ... and read back as the participant wrote them.
    let csv_file = dir.join("export.csv");
    std::fs::write(&csv_file, &csv.out).expect("write");
    let comments =
        csplan(&["responses", "summarise", "--comments", "--format", "json", csv_file.to_str().expect("path")]);
    assert_eq!(comments.code, 0, "{}", comments.err);
    assert!(comments.out.contains("\"=HYPERLINK(\\\"http://evil.example"), "{}", comments.out);
    assert!(comments.out.contains("\"-2+3\""), "{}", comments.out);
    // Without --trusted-proxy, X-Forwarded-For is not believed.
    drop(collector);
    let collector = Collector::start(&scenario, &dir.join("second.db"), &["--per-client-per-minute", "1"]);
    assert_eq!(post_with(&agent, &collector.post_url, &from("203.0.113.5"), &other).status, 201);
    assert_eq!(post_with(&agent, &collector.post_url, &from("203.0.113.6"), &other).status, 429);
}

#[test]
fn a_backup_taken_while_the_collector_runs_holds_every_response() {
    let s = default_scenario();
    let dir = scratch("backup");
    let (scenario, db) = (write_scenario(&dir, &s), dir.join("responses.db"));
    let collector = Collector::start(&scenario, &db, &["--per-client-per-minute", "100000"]);
    let agent = agent();
    for i in 0..50 {
        let body = serde_json::to_string(&balanced(&s, &format!("r{i}"), Decimal::from(3))).expect("json");
        assert_eq!(post_json(&agent, &collector.post_url, &body).status, 201);
    }
    let to = dir.join("backup.db");
    let run = csplan(&["responses", "backup", "--db", db.to_str().expect("path"), "--to", to.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.contains("Copied 50 responses"), "{}", run.out);
    assert_eq!(stored_tokens(&to), stored_tokens(&db));
    let again =
        csplan(&["responses", "backup", "--db", db.to_str().expect("path"), "--to", to.to_str().expect("path")]);
    assert_eq!(again.code, 2, "{}", again.err);
    assert!(again.err.contains("exists already"), "{}", again.err);
}
