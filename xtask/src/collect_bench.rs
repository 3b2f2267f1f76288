//! `cargo xtask bench collector`: the response collector under load, and `responses
//! summarise` over 10,000 files, with the release `csplan` binary. Figures for the README;
//! the tests check correctness, not speed.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const CLIENTS: usize = 50;
const EACH: usize = 40;
const FILES: usize = 10_000;

/// A response to the example consultation: council tax 3% closes its £3m gap. The
/// collector recalculates the balance, so the figures sent here do not matter.
fn body(n: usize) -> String {
    format!(
        "{{\"schema\":1,\"consultation\":\"example-2024\",\"choices\":[{{\"lever\":\"council-tax\",\"value\":\"{}\"}},{{\"lever\":\"reserves-one-off\",\"value\":\"1\",\"comment\":\"bench {n}\"}}],\"about_you\":[{{\"question\":\"age\",\"answer\":\"35 to 64\"}}],\"balance\":\"0\",\"balanced\":true}}",
        if n.is_multiple_of(2) { "3" } else { "2.5" }
    )
}

fn millis(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{:02} ms", us / 1_000, us % 1_000 / 10)
}

/// The value at rank ceil(p% x n) of sorted durations (nearest-rank percentile).
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().unwrap_or_default()
}

pub fn run(bin: &Path, scratch: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(scratch);
    std::fs::create_dir_all(scratch).map_err(|e| format!("cannot make {}: {e}", scratch.display()))?;
    let scenario = scratch.join("scenario.json");
    let example = Command::new(bin).arg("example").output().map_err(|e| format!("cannot run csplan: {e}"))?;
    std::fs::write(&scenario, &example.stdout).map_err(|e| e.to_string())?;
    let db = scratch.join("responses.db");
    let mut child = Command::new(bin)
        .args(["collect", "--bind", "127.0.0.1:0", "--per-client-per-minute", "1000000", "--scenario"])
        .arg(&scenario)
        .arg("--db")
        .arg(&db)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start csplan collect: {e}"))?;
    let mut lines = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let (mut first, mut second) = (String::new(), String::new());
    lines.read_line(&mut first).map_err(|e| e.to_string())?;
    lines.read_line(&mut second).map_err(|e| e.to_string())?;
    let url = second.trim().rsplit(' ').next().unwrap_or_default().to_string();
    let latencies = Mutex::new(Vec::with_capacity(CLIENTS * EACH));
    let failures = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for client in 0..CLIENTS {
            let (url, latencies, failures) = (&url, &latencies, &failures);
            scope.spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                for i in 0..EACH {
                    let b = body(client * EACH + i);
                    let t = Instant::now();
                    let sent = agent.post(url).header("Content-Type", "application/json").send(b.as_str());
                    let took = t.elapsed();
                    match sent {
                        Ok(r) if r.status().as_u16() == 201 => {
                            if let Ok(mut l) = latencies.lock() {
                                l.push(took);
                            }
                        }
                        other => {
                            if let Ok(mut f) = failures.lock() {
                                f.push(format!("{other:?}"));
                            }
                        }
                    }
                }
            });
        }
    });
    let wall = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    let failures = failures.into_inner().map_err(|_| "lock")?;
    if let Some(f) = failures.first() {
        return Err(format!("{} requests failed; first: {f}", failures.len()));
    }
    let mut l = latencies.into_inner().map_err(|_| "lock")?;
    l.sort();
    let n = l.len();
    let per_second = (n as u128 * 1_000_000).checked_div(wall.as_micros()).unwrap_or(0);
    println!(
        "    {n} responses from {CLIENTS} clients (keep-alive, loopback) in {}: {per_second} responses a second",
        millis(wall)
    );
    println!(
        "    latency: median {}, p95 {}, p99 {}, max {}  (each a committed SQLite WAL row, synchronous=FULL)",
        millis(percentile(&l, 50)),
        millis(percentile(&l, 95)),
        millis(percentile(&l, 99)),
        millis(l.last().copied().unwrap_or_default())
    );

    crate::step("responses summarise over 10,000 response files (release csplan)");
    let folder = scratch.join("responses");
    std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    for n in 0..FILES {
        let mut f = std::fs::File::create(folder.join(format!("r{n:05}.json"))).map_err(|e| e.to_string())?;
        f.write_all(body(n).as_bytes()).map_err(|e| e.to_string())?;
    }
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let out = Command::new(bin)
            .args(["responses", "summarise", "--format", "json", "--scenario"])
            .arg(&scenario)
            .arg(&folder)
            .output()
            .map_err(|e| e.to_string())?;
        best = best.min(t.elapsed());
        let text = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || !text.contains("\"responses\": 10000") {
            return Err(format!("summarise failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
    }
    println!(
        "    {FILES} files read, checked against the consultation and summarised: best of 3 runs {}",
        millis(best)
    );
    let _ = std::fs::remove_dir_all(scratch);
    Ok(())
}
