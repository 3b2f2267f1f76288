//! Project automation. The README's commands:
//!
//! - `cargo xtask serve`: install what is missing, build the app, serve it on
//!   http://127.0.0.1:8080.
//! - `cargo xtask dist`: the release build in `dist/`, ready to copy to a static web server.
//! - `cargo xtask test`: install what is missing, then everything CI checks: format,
//!   clippy (native and wasm32), the domain-crate dependency rule, native tests,
//!   domain-crate tests on wasm32, a release build of the app, and the browser tests.
//!
//! Also `cargo xtask setup` (installs only) and `cargo xtask bench` (size and speed
//! figures for the README, then each fuzz target for a bounded time). Each tool is
//! installed only when it is missing or at the wrong version, so a second run skips
//! straight to the work.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

mod bundles;
mod care_bench;
mod collect_bench;
mod css;
mod fuzz;
mod serve;
mod wasm_size;

/// trunk 0.22 needs a newer rustc than this machine kind has (see TOOLCHAIN.md).
const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The crates that hold all the logic; they must build and test for wasm32 and never
/// depend on a browser or UI crate.
const DOMAIN_CRATES: [&str; 5] = ["csplan-model", "csplan-validation", "csplan-calc", "csplan-present", "csplan-data"];
const FORBIDDEN_IN_DOMAIN: [&str; 7] =
    ["leptos", "web-sys", "js-sys", "wasm-bindgen", "reactive_graph", "tachys", "gloo"];
const CHROMIUM: &str = "/usr/bin/chromium";

pub(crate) type Step = Result<(), String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = project_root();
    if let Err(e) = env::set_current_dir(&root) {
        eprintln!("xtask: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(Needs { browser: true }),
        Some("serve") => serve(),
        Some("dist") => dist(),
        Some("test") => test(),
        Some("bench") => match args.get(1).map(String::as_str) {
            None => {
                bench().and_then(|()| bench_collector()).and_then(|()| bench_care(false)).and_then(|()| fuzz::bench())
            }
            Some("app") => bench(),
            Some("collector") => bench_collector(),
            Some("care") => bench_care(true),
            Some("fuzz") => fuzz::bench(),
            Some("sizes") => first_loads(),
            Some(other) => {
                Err(format!("bench: unknown part {other}; give app, sizes, collector, care, fuzz or nothing for all"))
            }
        },
        Some("data") => data(args.get(1).is_some_and(|a| a == "--check")),
        Some("size") => match args.get(1) {
            Some(file) => wasm_size::print(Path::new(file)),
            None => Err("size: give a wasm file, like target/wasm32-unknown-unknown/release/csplan-web.wasm".into()),
        },
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  serve   install what is missing, build the app, serve it on http://127.0.0.1:8080\n  dist    install what is missing, build the release app into dist/ to publish (README, Publish it)\n  test    install what is missing, then run every check CI runs\n  setup   install what is missing, nothing else\n  bench   print the app's download size and keystroke-to-update latency, the collector's\n          throughput and latency, summarise's time, the children-in-care model beside D2I's\n          cs-demand-model, then fuzz each fuzz target for CSPLAN_FUZZ_SECONDS (60) s\n          (bench app | bench collector | bench care | bench fuzz: one part)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => {
            println!("==> done in {}s", started.elapsed().as_secs());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("==> FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    let manifest = env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    manifest.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

pub(crate) fn step(title: &str) {
    println!("\n==> {title}");
}

/// Runs a command, streaming its output; fails with the command line if it fails.
fn run(program: &str, args: &[&str]) -> Step {
    run_with(program, args, &[])
}

pub(crate) fn run_with(program: &str, args: &[&str], envs: &[(&str, OsString)]) -> Step {
    println!("    $ {program} {}", args.join(" "));
    let mut cmd = Command::new(program);
    cmd.args(args).env("PATH", tool_path());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let status = cmd.status().map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Runs a command and returns its standard output, or None if it cannot run or fails.
pub(crate) fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).env("PATH", tool_path()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// PATH with the project's npm tools (wasm-opt, sass) and cargo's bin folder first.
pub(crate) fn tool_path() -> OsString {
    let mut paths =
        vec![PathBuf::from("node_modules/.bin").canonicalize().unwrap_or_else(|_| "node_modules/.bin".into())];
    if let Some(home) = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        paths.push(home.join("bin"));
    }
    if let Some(p) = env::var_os("PATH") {
        paths.extend(env::split_paths(&p));
    }
    env::join_paths(paths).unwrap_or_default()
}

fn has_web() -> bool {
    Path::new("web/Cargo.toml").exists()
}

fn has_browser_tests() -> bool {
    Path::new("tests/browser").is_dir()
}

/// What a command needs installed beyond the Rust toolchain.
#[derive(Clone, Copy, Debug)]
struct Needs {
    browser: bool,
}

fn setup(needs: Needs) -> Step {
    step("setup: checking tools (each is installed only if missing)");
    ensure_wasm_target()?;
    ensure_rust_src()?;
    ensure_wasm_bindgen()?;
    ensure_trunk()?;
    ensure_npm_packages()?;
    if needs.browser {
        ensure_chromium()?;
    }
    Ok(())
}

fn ensure_wasm_target() -> Step {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("    ok  rust target {WASM_TARGET}");
        return Ok(());
    }
    println!("    installing rust target {WASM_TARGET}");
    run("rustup", &["target", "add", WASM_TARGET])
}

/// The standard library's source and its dependencies, which the app's release builds
/// compile with the app (`bundles::size_env`); trunk builds offline, so they are fetched here.
fn ensure_rust_src() -> Step {
    if !has_web() {
        return Ok(());
    }
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim().starts_with("rust-src")) {
        println!("    ok  rust-src");
    } else {
        println!("    installing rustup component rust-src");
        run("rustup", &["component", "add", "rust-src"])?;
    }
    let args = ["fetch", "-Zbuild-std=std,panic_abort", "--target", WASM_TARGET, "--manifest-path", "web/Cargo.toml"];
    run_with("cargo", &args, &[("RUSTC_BOOTSTRAP", OsString::from("1"))])
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = fs::read_to_string("Cargo.lock").map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn ensure_wasm_bindgen() -> Step {
    let version = locked_wasm_bindgen()?;
    let found = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if found.split_whitespace().nth(1) == Some(version.as_str()) && runner.contains(&version) {
        println!("    ok  wasm-bindgen-cli {version}");
        return Ok(());
    }
    println!("    installing wasm-bindgen-cli {version} (about 7 minutes on 2 cores)");
    // Not --locked: its lockfile pins a crate the registry no longer has (TOOLCHAIN.md).
    run("cargo", &["install", "wasm-bindgen-cli", "--version", &version, "--force"])
}

fn ensure_trunk() -> Step {
    if !has_web() {
        return Ok(());
    }
    let found = output("trunk", &["--version"]).unwrap_or_default();
    if found.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        println!("    ok  trunk {TRUNK_VERSION}");
        return Ok(());
    }
    println!("    installing trunk {TRUNK_VERSION} (about 13 minutes on 2 cores)");
    run("cargo", &["install", "trunk", "--version", TRUNK_VERSION, "--locked", "--force"])
}

fn ensure_npm_packages() -> Step {
    let lock = fs::read("package-lock.json").map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let stamp = Path::new("node_modules/.csplan-lock");
    if fs::read(stamp).ok().as_deref() == Some(lock.as_slice()) {
        println!("    ok  npm packages (package-lock.json unchanged)");
        return Ok(());
    }
    println!("    installing npm packages from package-lock.json");
    run("npm", &["ci", "--no-audit", "--no-fund"])?;
    fs::write(stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|u| u.trim() == "0")
}

fn ensure_chromium() -> Step {
    if Path::new(CHROMIUM).exists() && Path::new("/usr/bin/chromedriver").exists() {
        println!("    ok  chromium ({CHROMIUM})");
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "the browser tests need Chromium at {CHROMIUM}. Install it with: sudo apt-get install -y chromium chromium-driver"
        ));
    }
    println!("    installing chromium and chromium-driver with apt-get");
    let noninteractive = [("DEBIAN_FRONTEND", OsString::from("noninteractive"))];
    run_with("apt-get", &["update"], &noninteractive)?;
    let install = ["install", "-y", "chromium", "chromium-driver"];
    if run_with("apt-get", &install, &noninteractive).is_err() {
        run_with("apt-get", &["--fix-broken", "install", "-y"], &noninteractive)?;
        run_with("apt-get", &install, &noninteractive)?;
    }
    Ok(())
}

/// Compiles GOV.UK Frontend's Sass with the app's settings, then keeps only the rules
/// whose classes the app's sources name ([`css::purge`]), into web/style/app.css.
fn build_css() -> Step {
    step("css: GOV.UK Frontend with a system font stack, trimmed to the classes used");
    let full = "target/app.full.css";
    fs::create_dir_all("target").map_err(|e| format!("cannot create target/: {e}"))?;
    run(
        "sass",
        &[
            "--style=compressed",
            "--no-source-map",
            "--quiet-deps",
            "--load-path=node_modules",
            "web/style/app.scss",
            full,
        ],
    )?;
    let css = fs::read_to_string(full).map_err(|e| format!("cannot read {full}: {e}"))?;
    let mut sources = String::new();
    for dir in ["web", "crates"] {
        read_sources(Path::new(dir), &mut sources)?;
    }
    let trimmed = css::purge(&css, &sources);
    println!("    {} B of CSS, {} B after keeping the classes the app uses", css.len(), trimmed.len());
    fs::write("web/style/app.css", trimmed).map_err(|e| format!("cannot write web/style/app.css: {e}"))?;
    Ok(())
}

/// Appends the text of every Rust, HTML and JavaScript file under `dir` to `out`.
fn read_sources(dir: &Path, out: &mut String) -> Step {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target" && n != "node_modules") {
                read_sources(&path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "rs" || e == "html" || e == "js") {
            out.push_str(&fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?);
            out.push('\n');
        }
    }
    Ok(())
}

fn trunk_build() -> Step {
    build_css()?;
    bundles::build(&mut |_| Ok(()))
}

fn serve() -> Step {
    if !has_web() {
        return Err("the web app (web/) is not in this checkout".into());
    }
    setup(Needs { browser: false })?;
    trunk_build()?;
    step("serving dist/ (Ctrl+C to stop)");
    serve::serve("127.0.0.1:8080")
}

/// `cargo xtask dist`: the release build to publish, and how each file should be cached.
fn dist() -> Step {
    if !has_web() {
        return Err("the web app (web/) is not in this checkout".into());
    }
    setup(Needs { browser: false })?;
    trunk_build()?;
    step("dist/ is ready: copy it, with its presets/ and take-part/ folders, to one folder of any static web server (README, Publish it)");
    for dir in ["dist", "dist/presets", "dist/take-part"] {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|e| format!("cannot read {dir}/: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for path in &files {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let shown = path.strip_prefix("dist").map(|p| p.display().to_string()).unwrap_or(name.clone());
            println!("    {shown:<44} Cache-Control: {}", cache_control(&name));
        }
    }
    Ok(())
}

/// The README's caching rule for a file of dist/: trunk's hashed names never change content.
fn cache_control(name: &str) -> &'static str {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem).trim_end_matches("_bg");
    let hashed = stem.rsplit_once('-').is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else if name.ends_with(".tsv") {
        "public, max-age=86400"
    } else {
        "no-cache"
    }
}

fn test() -> Step {
    setup(Needs { browser: has_browser_tests() })?;
    step("format: cargo fmt --check");
    run("cargo", &["fmt", "--all", "--check"])?;
    step("clippy: native, warnings are errors");
    let mut native = vec!["clippy", "--workspace", "--all-targets", "--locked"];
    if has_web() {
        native.extend(["--exclude", "csplan-web"]);
    }
    native.extend(["--", "-D", "warnings"]);
    run("cargo", &native)?;
    step("clippy: wasm32 (domain crates and web app), warnings are errors");
    let mut wasm = vec!["clippy", "--target", WASM_TARGET, "--all-targets", "--locked"];
    for c in DOMAIN_CRATES {
        wasm.extend(["-p", c]);
    }
    if has_web() {
        wasm.extend(["-p", "csplan-web"]);
    }
    wasm.extend(["--", "-D", "warnings"]);
    run("cargo", &wasm)?;
    step("dependency rule: domain crates never depend on browser or UI crates");
    check_domain_dependencies()?;
    if Path::new(DFE_SOURCE).exists() {
        step("data: the shipped DfE table matches the published CSV");
        data(true)?;
    }
    step("tests: native");
    // Doc-tests are off: the closing line of a run should count real tests.
    let mut tests = vec!["test", "--workspace", "--lib", "--bins", "--tests", "--locked"];
    if has_web() {
        tests.extend(["--exclude", "csplan-web"]);
    }
    run_with("cargo", &tests, &[("INSTA_UPDATE", "no".into())])?;
    step("tests: domain crates on wasm32 (wasm-bindgen-test-runner, Node)");
    let mut wasm_tests = vec!["test", "--target", WASM_TARGET, "--lib", "--tests", "--locked"];
    for c in DOMAIN_CRATES {
        wasm_tests.extend(["-p", c]);
    }
    run("cargo", &wasm_tests)?;
    if has_web() {
        trunk_build()?;
    }
    if has_browser_tests() {
        step("browser tests: Chromium, axe-core, keyboard journeys (and the csplan binary they call)");
        run("cargo", &["build", "-p", "csplan-cli", "--locked"])?;
        run_with(
            "node",
            &["--test", "--test-concurrency=1", "tests/browser/"],
            &[("CSPLAN_DIST", "dist".into()), ("CSPLAN_BIN", "target/debug/csplan".into())],
        )?;
    }
    Ok(())
}

fn check_domain_dependencies() -> Step {
    for krate in DOMAIN_CRATES {
        for target in ["all", WASM_TARGET] {
            let args = ["tree", "-p", krate, "--target", target, "-e", "normal,build", "--prefix", "none", "--locked"];
            let tree = output("cargo", &args).ok_or_else(|| format!("`cargo {}` failed", args.join(" ")))?;
            for line in tree.lines() {
                let name = line.split_whitespace().next().unwrap_or("");
                if FORBIDDEN_IN_DOMAIN.contains(&name) {
                    return Err(format!("{krate} depends on {name} (target {target}): domain crates must stay free of browser and UI crates"));
                }
            }
        }
        println!("    ok  {krate}");
    }
    Ok(())
}

fn gzip_size(path: &Path) -> Result<(u64, u64), String> {
    use std::io::Write;
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&bytes).map_err(|e| e.to_string())?;
    let gz = enc.finish().map_err(|e| e.to_string())?;
    Ok((bytes.len() as u64, gz.len() as u64))
}

/// Prints what a browser downloads on first opening `bundle`: each file's size and gzip -9
/// size, and the total (DfE's tables, fetched later by the page that needs them, are not in it).
fn first_load(bundle: &str) -> Step {
    let (mut raw_total, mut gz_total) = (0, 0);
    for path in bundles::first_load_files(bundle)? {
        let (raw, gz) = gzip_size(&path)?;
        raw_total += raw;
        gz_total += gz;
        println!("      {:<56} {:>9} B  {:>8} B gzip", path.display(), raw, gz);
    }
    let tenths_kb = gz_total * 10 / 1024;
    println!(
        "    {bundle:<58} {raw_total:>9} B  {gz_total:>8} B gzip  ({}.{} KiB): first load",
        tenths_kb / 10,
        tenths_kb % 10
    );
    Ok(())
}

/// What a browser downloads on first opening each entry point of `dist/` as built
/// (`cargo xtask bench sizes` after `cargo xtask dist`).
fn first_loads() -> Step {
    step("first load of each entry point (what a browser downloads), gzip -9");
    for (name, pages) in bundles::BUNDLES {
        println!("    pages: {pages}");
        first_load(name)?;
    }
    first_load("take-part")?;
    for table in ["dist/csww.tsv", "dist/cla.tsv"] {
        let (raw, gz) = gzip_size(Path::new(table))?;
        println!("    {table:<58} {raw:>9} B  {gz:>8} B gzip  (fetched by the page that needs it)");
    }
    Ok(())
}

fn bench() -> Step {
    if !has_web() {
        return Err("the web app (web/) is not in this checkout".into());
    }
    setup(Needs { browser: true })?;
    build_css()?;
    // Each bundle's code by crate, read from its module before wasm-opt strips the names.
    bundles::build(&mut |name| {
        wasm_size::print(Path::new("target/wasm32-unknown-unknown/release/csplan-web.wasm")).map(|()| {
            println!("    (that was the {name} bundle)");
        })
    })?;
    first_loads()?;
    step("keystroke to updated figures in headless Chromium (200 edits)");
    run_with("node", &["tests/browser/bench.mjs"], &[("CSPLAN_DIST", "dist".into())])
}

fn bench_collector() -> Step {
    step("build the release csplan binary");
    run("cargo", &["build", "--release", "-p", "csplan-cli", "--locked"])?;
    step("collector: 2,000 responses posted by 50 concurrent clients");
    collect_bench::run(Path::new("target/release/csplan"), &env::temp_dir().join("csplan-bench-collect"))
}

/// `build_app`: build dist/ first (alone; `cargo xtask bench` has built it already).
fn bench_care(build_app: bool) -> Step {
    step("build the release csplan binary");
    run("cargo", &["build", "--release", "-p", "csplan-cli", "--locked"])?;
    let work = env::temp_dir().join("csplan-bench-care");
    care_bench::run(Path::new("target/release/csplan"), &work)?;
    if !has_web() {
        return Ok(());
    }
    setup(Needs { browser: true })?;
    if build_app {
        trunk_build()?;
    }
    step("the records page in headless Chromium: files chosen to the projection drawn");
    run_with(
        "node",
        &["tests/browser/bench_care.mjs"],
        &[("CSPLAN_DIST", "dist".into()), ("CSPLAN_CARE_SAMPLE", work.join("sample").into_os_string())],
    )
}

/// Where the DfE open data lives in a checkout of the project's shared folder.
const DFE_SOURCE: &str = "../shared/data/dfe/csww_indicators_2017_to_2023.csv";
/// The compact copy shipped in the CLI and the app.
const DFE_COMPACT: &str = "crates/csplan-data/data/csww.tsv";
/// The columns kept, in order, after year, level, code, old code, name and region code.
const DFE_COLUMNS: [&str; 14] = [
    "inpost_fte",
    "starters_fte",
    "leavers_fte",
    "turnover_rate_fte",
    "agency_fte",
    "agency_rate_fte",
    "agency_cover_fte",
    "agency_cover_rate_fte",
    "vacancy_fte",
    "vacancy_rate_fte",
    "vacancy_agency_cover_rate_fte",
    "case_holders_fte",
    "cases",
    "caseload_fte",
];

/// The index of column `name` in a CSV header (ignoring a byte-order mark).
fn column(headers: &csv::StringRecord, source: &str, name: &str) -> Result<usize, String> {
    headers
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == name)
        .ok_or_else(|| format!("{source} has no column {name}"))
}

/// Builds the compact DfE workforce table from the published CSV: one line a row, tab
/// separated, suppression codes ("z", "x", "c", ...) written as empty cells.
fn compact_dfe(source: &str) -> Result<String, String> {
    let mut reader = csv::Reader::from_path(source).map_err(|e| format!("cannot read {source}: {e}"))?;
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| column(&headers, source, name);
    let (year, level, region, region_name, code, old_code, name) = (
        col("time_period")?,
        col("geographic_level")?,
        col("region_code")?,
        col("region_name")?,
        col("new_la_code")?,
        col("old_la_code")?,
        col("la_name")?,
    );
    let measures = DFE_COLUMNS.iter().map(|c| col(c)).collect::<Result<Vec<_>, _>>()?;
    let mut out = String::from(
        "# DfE, Children's social work workforce (Explore Education Statistics), England, 2017-2023, as at 30 September.\n\
         # Contains public sector information licensed under the Open Government Licence v3.0.\n\
         # Generated by `cargo xtask data` from csww_indicators_2017_to_2023.csv; empty = suppressed or not applicable.\n",
    );
    out.push_str("year\tlevel\tcode\told_code\tname\tregion_code");
    for c in DFE_COLUMNS {
        out.push('\t');
        out.push_str(c);
    }
    out.push('\n');
    for record in reader.records() {
        let r = record.map_err(|e| e.to_string())?;
        let get = |i: usize| r.get(i).unwrap_or("").trim().to_string();
        let (lvl, code, name) = match get(level).as_str() {
            "National" => ("E", "E92000001".to_string(), "England".to_string()),
            "Regional" => ("R", get(region), get(region_name)),
            _ => ("L", get(code), get(name)),
        };
        let cells = [get(year), lvl.to_string(), code, get(old_code), name, get(region)];
        out.push_str(&cells.join("\t"));
        for &m in &measures {
            let v = get(m);
            out.push('\t');
            if v.parse::<f64>().is_ok() {
                out.push_str(&v);
            }
        }
        out.push('\n');
    }
    Ok(out)
}

/// DfE's children looked after numbers and rates, and their compact copy.
const CLA_SOURCE: &str = "../shared/data/dfe/cla_number_and_rate_per_10k_children.csv";
const CLA_COMPACT: &str = "crates/csplan-data/data/cla.tsv";

/// Builds the compact children-looked-after table: one line a row, the measure as L (looked
/// after at 31 March), S (starting in the year) or C (ceasing), suppression codes empty.
fn compact_cla(source: &str) -> Result<String, String> {
    let mut reader = csv::Reader::from_path(source).map_err(|e| format!("cannot read {source}: {e}"))?;
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| column(&headers, source, name);
    let cols = [
        col("time_period")?,
        col("geographic_level")?,
        col("new_la_code")?,
        col("old_la_code")?,
        col("la_name")?,
        col("region_code")?,
        col("region_name")?,
        col("population_count")?,
        col("population_estimate")?,
        col("number")?,
        col("rate_per_10000")?,
    ];
    let mut out = String::from(
        "# DfE, Children looked after in England including adoptions, 2019-2023: number and rate per 10,000 children aged 0-17.\n\
         # Contains public sector information licensed under the Open Government Licence v3.0.\n\
         # Generated by `cargo xtask data` from cla_number_and_rate_per_10k_children.csv; DfE rounds national and regional counts to the nearest 10.\n\
         year\tlevel\tcode\told_code\tname\tregion_code\tmeasure\tpopulation\tnumber\trate_per_10000\n",
    );
    for record in reader.records() {
        let r = record.map_err(|e| e.to_string())?;
        let get = |i: usize| cols.get(i).and_then(|&c| r.get(c)).unwrap_or("").trim().to_string();
        let (level, code, name) = match get(1).as_str() {
            "National" => ("E", "E92000001".to_string(), "England".to_string()),
            "Regional" => ("R", get(5), get(6)),
            _ => ("L", get(2), get(4)),
        };
        let measure = match get(7) {
            m if m.starts_with("Children looked after") => "L",
            m if m.starts_with("Children starting") => "S",
            _ => "C",
        };
        let num = |i: usize| {
            let v = get(i);
            if v.parse::<f64>().is_ok() {
                v
            } else {
                String::new()
            }
        };
        let cells = [get(0), level.into(), code, get(3), name, get(5), measure.into(), num(8), num(9), num(10)];
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    Ok(out)
}

type Compactor = fn(&str) -> Result<String, String>;

/// `cargo xtask data [--check]`: writes (or checks) the compact DfE tables.
fn data(check: bool) -> Step {
    let tables: [(&str, &str, Compactor); 2] =
        [(DFE_SOURCE, DFE_COMPACT, compact_dfe), (CLA_SOURCE, CLA_COMPACT, compact_cla)];
    for (source, compact, build) in tables {
        let fresh = build(source)?;
        if check {
            if fs::read_to_string(compact).unwrap_or_default() != fresh {
                return Err(format!("{compact} is out of date: run `cargo xtask data`"));
            }
            println!("    ok  {compact} matches {source}");
            continue;
        }
        fs::write(compact, &fresh).map_err(|e| format!("cannot write {compact}: {e}"))?;
        let rows = fresh.lines().filter(|l| !l.starts_with('#')).count().saturating_sub(1);
        println!("    wrote {compact} ({} bytes, {rows} rows)", fresh.len());
    }
    Ok(())
}
