//! `cargo xtask bench fuzz` (also the last part of plain `bench`): each cargo-fuzz target in
//! `fuzz/` for a bounded time. Not part of `cargo xtask test`: a fuzz run is open-ended
//! search, not a check with a fixed answer.
//!
//! libFuzzer runs in fork mode with crashes ignored, so one finding does not end the search:
//! every crash is saved under `fuzz/artifacts/TARGET/` and, at the end, a run that found any
//! fails naming them. New inputs go to `fuzz/target/corpus/TARGET/` (kept between runs, not
//! committed); the committed seeds in `fuzz/corpus/TARGET/` are only read. Before fuzzing,
//! every input in `fuzz/regressions/TARGET/` (past findings) is replayed: one that still
//! crashes is reported like a new crash.

use std::collections::BTreeSet;
use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{output, run_with, step, tool_path, Step};

/// The targets, in `fuzz/fuzz_targets/`, each with the longest input libFuzzer may make:
/// room for the largest preset's JSON, for a link well past the longest a person would
/// send, and for 15 edits of a preset.
const TARGETS: [(&str, &str); 3] = [("scenario_json", "16384"), ("share_link", "4096"), ("report", "61")];
/// cargo-fuzz 0.13 builds on stable Rust with `RUSTC_BOOTSTRAP=1` for its `-Z` flags.
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Seconds per target unless `CSPLAN_FUZZ_SECONDS` says otherwise.
const DEFAULT_SECONDS: u64 = 60;

fn ensure_cargo_fuzz() -> Step {
    let found = output("cargo", &["fuzz", "--version"]).unwrap_or_default();
    if found.split_whitespace().nth(1) == Some(CARGO_FUZZ_VERSION) {
        println!("    ok  cargo-fuzz {CARGO_FUZZ_VERSION}");
        return Ok(());
    }
    println!("    installing cargo-fuzz {CARGO_FUZZ_VERSION} (about 2 minutes on 2 cores)");
    crate::run("cargo", &["install", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION, "--locked", "--force"])
}

/// The files in a folder (none if it does not exist).
fn files(dir: &Path) -> BTreeSet<PathBuf> {
    fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default()
}

/// What one run did, read from libFuzzer's last status line
/// (`#4455: cov: ... exec/s: 108 oom/timeout/crash: 0/0/2 time: 62s ...`).
#[derive(Debug, Default)]
struct Stats {
    executions: u64,
    seconds: u64,
}

fn stats(log: &str) -> Stats {
    let mut last = Stats::default();
    for line in log.lines().filter(|l| l.starts_with('#') && l.contains("exec/s")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let after = |key: &str| {
            words.iter().position(|w| *w == key).and_then(|i| words.get(i + 1)).map(|w| w.trim_end_matches('s'))
        };
        let executions = words.first().and_then(|w| w.trim_matches(|c| c == '#' || c == ':').parse().ok());
        if let (Some(executions), Some(seconds)) = (executions, after("time:").and_then(|t| t.parse().ok())) {
            last = Stats { executions, seconds };
        }
    }
    last
}

pub(crate) fn bench() -> Step {
    let seconds = match env::var("CSPLAN_FUZZ_SECONDS") {
        Ok(s) => {
            s.trim().parse::<u64>().map_err(|_| format!("CSPLAN_FUZZ_SECONDS must be whole seconds, not {s:?}"))?
        }
        Err(_) => DEFAULT_SECONDS,
    };
    step(&format!("fuzz: cargo-fuzz (libFuzzer) on scenario JSON, share links and the models, {seconds} s a target"));
    ensure_cargo_fuzz()?;
    let bootstrap: [(&str, OsString); 1] = [("RUSTC_BOOTSTRAP", "1".into())];
    // Built once with debug assertions (so integer overflow panics) and AddressSanitizer.
    run_with("cargo", &["fuzz", "build", "--debug-assertions"], &bootstrap)?;
    let mut found = Vec::new();
    let mut rows = Vec::new();
    for (target, max_len) in TARGETS {
        let regressions = files(&PathBuf::from("fuzz/regressions").join(target));
        for input in &regressions {
            let path = input.display().to_string();
            let replay = Command::new("cargo")
                .args(["fuzz", "run", "--debug-assertions", target, &path])
                .env("PATH", tool_path())
                .env("RUSTC_BOOTSTRAP", "1")
                .output()
                .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
            let verdict = if replay.status.success() { "fixed" } else { "still crashes" };
            println!("    {target:<14} past finding {path}: {verdict}");
            if !replay.status.success() {
                found.push((target, input.clone()));
            }
        }
        let work = PathBuf::from("fuzz/target/corpus").join(target);
        let artifacts = PathBuf::from("fuzz/artifacts").join(target);
        for dir in [&work, &artifacts] {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let before = files(&artifacts);
        let log_path = PathBuf::from("target").join(format!("fuzz-{target}.log"));
        let log = fs::File::create(&log_path).map_err(|e| format!("cannot write {}: {e}", log_path.display()))?;
        let err = log.try_clone().map_err(|e| e.to_string())?;
        let (work_arg, seeds) = (work.display().to_string(), format!("fuzz/corpus/{target}"));
        let (time, prefix) =
            (format!("-max_total_time={seconds}"), format!("-artifact_prefix={}/", artifacts.display()));
        let max_len = format!("-max_len={max_len}");
        let args = [
            "fuzz",
            "run",
            "--debug-assertions",
            target,
            &work_arg,
            &seeds,
            "--",
            &time,
            &prefix,
            &max_len,
            "-fork=1",
            "-ignore_crashes=1",
            "-ignore_ooms=1",
            "-ignore_timeouts=1",
            "-timeout=10",
        ];
        println!("    $ cargo {}   (output in {})", args.join(" "), log_path.display());
        let status = Command::new("cargo")
            .args(args)
            .env("PATH", tool_path())
            .env("RUSTC_BOOTSTRAP", "1")
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(err))
            .status()
            .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
        let text = fs::read_to_string(&log_path).unwrap_or_default();
        let new: Vec<PathBuf> = files(&artifacts).difference(&before).cloned().collect();
        let s = stats(&text);
        let rate = s.executions.checked_div(s.seconds).unwrap_or(0);
        let verdict = if new.is_empty() { "no crash".to_string() } else { format!("{} crash input(s)", new.len()) };
        println!("    {target:<14} {:>10} executions in {:>4} s ({rate} a second): {verdict}", s.executions, s.seconds);
        if !status.success() && new.is_empty() {
            return Err(format!("cargo fuzz run {target} failed ({status}); see {}", log_path.display()));
        }
        rows.push(target);
        found.extend(new.into_iter().map(|p| (target, p)));
    }
    if found.is_empty() {
        println!("    {} targets, no crash", rows.len());
        return Ok(());
    }
    for (target, path) in &found {
        println!(
            "    CRASH {target}: {}  (replay: RUSTC_BOOTSTRAP=1 cargo fuzz run --debug-assertions {target} {})",
            path.display(),
            path.display()
        );
    }
    println!("    (fuzz/regressions/README.md: past findings; in fuzz/, `cargo run --example show -- FILE` explains a report input)");
    Err(format!(
        "the fuzz targets found {} crash input(s): {}",
        found.len(),
        found.iter().map(|(_, p)| p.display().to_string()).collect::<Vec<_>>().join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_last_fork_mode_status_line() {
        let log = "#3372: cov: 10976 ft: 30018 corp: 548 exec/s: 104 oom/timeout/crash: 0/0/2 time: 50s job: 8\n\
                   #4455: cov: 11103 ft: 30605 corp: 633 exec/s: 108 oom/timeout/crash: 0/0/2 time: 62s job: 9\n\
                   INFO: exiting: 0 time: 63s\n";
        let s = stats(log);
        assert_eq!((s.executions, s.seconds), (4455, 62));
    }
}
