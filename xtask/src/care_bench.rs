//! `cargo xtask bench care`: csplan's children-in-care projection beside data-to-insight's
//! `cs-demand-model` 0.5.1 (MIT), on the synthetic SSDA903 sample D2I ships. In the
//! benchmark only, never in `test`: it installs D2I into a Python 3.11 venv (with
//! `pandas<2`, as its metadata pins), extracts the sample, runs D2I's library and its
//! command line, and `csplan care` (its own defaults, and `--like-d2i`) with the same
//! reference window and horizon; it prints both projections by category at 6, 12 and 24
//! months, the differences, and the run times.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::{step, Step};

/// D2I's command line's defaults on its sample: the window's last day is the data's last
/// event, the window six months before it.
const FROM: &str = "2021-09-27";
const TO: &str = "2022-03-27";

/// Extracts D2I's sample into the folder given (the zip is in its package).
const EXTRACT: &str = r#"
import sys, zipfile, importlib.util, pathlib
spec = importlib.util.find_spec("cs_demand_model_samples")
zip_path = pathlib.Path(spec.origin).parent / "v1.zip"
zipfile.ZipFile(zip_path).extractall(sys.argv[1])
"#;

/// D2I's library with its command line's defaults, 24 months: prints
/// `month,Fostering,Residential,Supported,Other` at 6, 12 and 24 months.
const PREDICT: &str = r#"
import logging, sys
import pandas as pd
from dateutil.relativedelta import relativedelta
from cs_demand_model import Config, DemandModellingDataContainer, ModelPredictor, PopulationStats, fs_datastore
logging.disable(logging.WARNING)
config = Config()
dc = DemandModellingDataContainer(fs_datastore("sample://v1.zip"), config)
stats = PopulationStats(dc.enriched_view, config)
end = dc.end_date
start = end - relativedelta(months=6)
predictor = ModelPredictor.from_model(stats, start, end)
pred = predictor.predict((end + relativedelta(months=24) - end).days)
print("month,Fostering,Residential,Supported,Other")
for m in (6, 12, 24):
    row = pred.loc[pd.Timestamp(end + relativedelta(months=m))]
    sums = {}
    for key, v in row.items():
        category = str(key[1]).split(".")[-1].upper()
        sums[category] = sums.get(category, 0.0) + float(v)
    print(",".join([str(m)] + [f"{sums.get(c, 0.0):.6f}" for c in ("FOSTERING", "RESIDENTIAL", "SUPPORTED", "OTHER")]))
"#;

fn output(program: &Path, args: &[&str]) -> Result<String, String> {
    let out =
        Command::new(program).args(args).output().map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} {} failed: {}",
            program.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The fastest of `runs` runs of `program args`, in milliseconds.
fn best_ms(program: &Path, args: &[&str], runs: u32) -> Result<u128, String> {
    let mut best = u128::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        output(program, args)?;
        best = best.min(t.elapsed().as_millis());
    }
    Ok(best)
}

/// `month -> [4 figures]` from `month,F,R,S,O` lines.
fn by_month(csv: &str) -> Vec<(u32, Vec<String>)> {
    csv.lines()
        .skip(1)
        .filter_map(|l| {
            let mut cells = l.split(',');
            let m = cells.next()?.parse().ok()?;
            Some((m, cells.map(str::to_string).collect()))
        })
        .collect()
}

pub(crate) fn run(csplan: &Path, work: &Path) -> Step {
    std::fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let venv = work.join("d2i-venv");
    let python = venv.join("bin/python");
    let d2i = venv.join("bin/demand-model");
    if !d2i.exists() {
        step("install cs-demand-model 0.5.1 into a Python 3.11 venv (pandas<2, as it pins)");
        let venv_arg = venv.to_string_lossy().into_owned();
        crate::run("python3.11", &["-m", "venv", &venv_arg])?;
        let pip = venv.join("bin/pip").to_string_lossy().into_owned();
        crate::run(&pip, &["install", "--quiet", "cs-demand-model[cli]==0.5.1", "pandas<2"])?;
    }
    let sample = work.join("sample");
    if !sample.join("2021").exists() {
        output(&python, &["-c", EXTRACT, &sample.to_string_lossy()])?;
    }
    let sample_arg = sample.to_string_lossy().into_owned();
    step("D2I: its library's projection, and its command line's time (24 months, daily steps)");
    let theirs = by_month(&output(&python, &["-c", PREDICT])?);
    let t = Instant::now();
    output(&d2i, &["predict", "sample://v1.zip", "--pd", "2024-03-27"])?;
    let d2i_ms = t.elapsed().as_millis();
    step("csplan care on the same files, window and horizon (release build; best of 5)");
    let mut ours = Vec::new();
    for like in [true, false] {
        let mut args = vec!["care", &sample_arg, "--reference-start", FROM, "--reference-end", TO, "--months", "24"];
        if like {
            args.push("--like-d2i");
        }
        args.extend(["--format", "csv"]);
        let figures = in_care(&output(csplan, &args)?);
        let ms = best_ms(csplan, &args, 5)?;
        ours.push((like, figures, ms));
    }
    println!("    children in care by category: D2I, csplan set like D2I, csplan's own model (and each one's difference from D2I)");
    println!("    {:>5}  {:<12} {:>8} {:>17} {:>17}", "month", "category", "D2I", "like D2I", "csplan");
    let categories = ["Fostering", "Residential", "Supported", "Other"];
    for (m, figures) in &theirs {
        for (k, name) in categories.iter().enumerate() {
            let d2i = figures.get(k).map_or(0, |v| micro(v));
            let mut cells = Vec::new();
            for (_, list, _) in &ours {
                let v = list.iter().find(|(month, c, _)| month == m && c == name).map_or(0, |(_, _, v)| *v);
                cells.push(format!("{:>8} ({:>6})", show(v, 2), percent(v, d2i)));
            }
            println!("    {m:>5}  {name:<12} {:>8} {}", show(d2i, 2), cells.join(" "));
        }
    }
    for (like, _, ms) in &ours {
        let what = if *like { "csplan care --like-d2i" } else { "csplan care" };
        println!("    {what:<24} {ms:>6} ms end to end (read, clean, fit, project 24 months), best of 5");
    }
    let slower = ours.iter().map(|(_, _, ms)| *ms).max().unwrap_or(1).max(1);
    println!(
        "    D2I's command line       {d2i_ms:>6} ms (demand-model predict sample://v1.zip --pd 2024-03-27): {}x csplan's slower run",
        d2i_ms / slower
    );
    Ok(())
}

/// A decimal figure in millionths ("12.5" -> 12,500,000), without floating point.
fn micro(text: &str) -> i64 {
    let (whole, frac) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    let negative = whole.starts_with('-');
    let whole: i64 = whole.trim_start_matches('-').parse().unwrap_or(0);
    let frac: String = frac.chars().chain(std::iter::repeat('0')).take(6).collect();
    let v = whole * 1_000_000 + frac.parse::<i64>().unwrap_or(0);
    if negative {
        -v
    } else {
        v
    }
}

/// Millionths shown to `dp` places.
fn show(v: i64, dp: u32) -> String {
    let scale = 10i64.pow(6 - dp);
    let r = (v + scale / 2).div_euclid(scale);
    let unit = 10i64.pow(dp);
    format!("{}.{:0width$}", r.div_euclid(unit), r.rem_euclid(unit), width = dp as usize)
}

/// `(v - base) / base` as a signed percentage to one place.
fn percent(v: i64, base: i64) -> String {
    if base == 0 {
        return "-".to_string();
    }
    let tenths = (v - base) * 1_000 / base;
    format!("{}{}.{}%", if tenths < 0 { "-" } else { "+" }, tenths.abs() / 10, tenths.abs() % 10)
}

/// `(month, category, children in millionths)` summed over bands, from `csplan care
/// --format csv` (its own long form, or `--like-d2i`'s).
fn in_care(csv: &str) -> Vec<(u32, String, i64)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    let at = |name: &str| headers.iter().position(|h| h == name);
    let (Some(month), Some(category), Some(children)) = (at("month"), at("category"), at("children")) else {
        return Vec::new();
    };
    let mut out: Vec<(u32, String, i64)> = Vec::new();
    for record in reader.records().flatten() {
        let m: u32 = record.get(month).and_then(|v| v.parse().ok()).unwrap_or(0);
        let c = record.get(category).unwrap_or_default().to_string();
        let v = micro(record.get(children).unwrap_or("0"));
        match out.iter_mut().find(|(mm, cc, _)| *mm == m && *cc == c) {
            Some(entry) => entry.2 += v,
            None => out.push((m, c, v)),
        }
    }
    out
}
