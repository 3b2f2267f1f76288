//! The planner as one download per group of pages ("bundles"), so a phone downloads only
//! the group it opens. Each bundle is its own trunk build of `web/index.html` with one
//! cargo feature (`--no-default-features --features <group>`), into
//! `target/bundles/<group>/`; then `dist/` is made from them: every bundle's hashed files,
//! and one `index.html` whose `<meta name="csplan-bundle">` elements name each bundle's
//! files and pages, from which `web/start.js` loads the one the address asks for. The
//! participants' app (`web/take-part.html`) is one more build, into `dist/take-part/`.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use crate::{run_with, step, Step};

/// Each group: its cargo feature and the `?page=` keys it draws. The first is the one for
/// any other address (the home page, a page that does not exist). `scenario` also opens
/// share links, council scenario files and figures an earlier version saved.
pub const BUNDLES: [(&str, &str); 9] = [
    ("caseloads", "caseloads accessibility"),
    ("workforce", "workforce"),
    ("demand", "demand children-in-care"),
    // Child-level records, read in the browser: the largest reader and model of all, for the
    // officers who open their SSDA903 files, so the demand pages carry none of it.
    ("records", "care-records"),
    ("cost", "cost-of-care"),
    ("budget", "budget consultation"),
    // Read by the council's officers only: its own download, so the budget pages (and
    // the participants' app) carry none of it.
    ("results", "consultation-results"),
    ("scenario", "scenario"),
    ("report", "explain summary"),
];

/// What the release builds of the app add to the release profile, to make the download
/// smaller (README, Benchmarks): the standard library built with the app at the app's
/// `opt-level` and with std's `optimize_for_size`, instead of the prebuilt one; a panic
/// that stops the module at once, without the code that formats its message and the
/// source locations kept for it (the app never panics on input: every input error is a
/// message); and symbol names that the byte breakdown (`wasm_size`) can read. These are
/// cargo's and rustc's unstable options, on the stable toolchain through
/// `RUSTC_BOOTSTRAP=1`, as the fuzz targets are; `setup` installs the rust-src component
/// and fetches std's dependencies, because trunk builds offline.
pub fn size_env() -> Vec<(&'static str, OsString)> {
    vec![
        ("RUSTC_BOOTSTRAP", "1".into()),
        ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort".into()),
        ("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size".into()),
        // Replaces .cargo/config.toml's rustflags for wasm32, so it repeats them.
        (
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Csymbol-mangling-version=legacy".into(),
        ),
    ]
}

/// The bundle that opens links and files.
const OPENS: &str = "scenario";

/// Where a bundle is built.
pub fn dir(name: &str) -> PathBuf {
    Path::new("target/bundles").join(name)
}

/// The value of attribute `name` in the first element of `html` that starts with `tag`.
fn attribute<'a>(html: &'a str, tag: &str, name: &str) -> Option<&'a str> {
    let start = html.find(tag)?;
    let element = html.get(start..)?.split('>').next()?;
    let key = format!("{name}=\"");
    let from = element.find(&key)? + key.len();
    let value = element.get(from..)?;
    value.get(..value.find('"')?)
}

/// `html` without the elements that start with `tag` (up to their closing `>`).
fn without(html: &str, tag: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(tag) {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start..).unwrap_or("");
        rest = after.find('>').and_then(|end| after.get(end + 1..)).unwrap_or("");
    }
    out.push_str(rest);
    out
}

const META: &str = "<meta name=\"csplan-bundle\"";

/// Builds every bundle and the participants' app, and makes `dist/` from them. `after` is
/// called after each build with its name (the pre-wasm-opt module is then at
/// `target/wasm32-unknown-unknown/release/csplan-web.wasm`).
pub fn build(after: &mut dyn FnMut(&str) -> Step) -> Step {
    for (name, _) in BUNDLES {
        step(&format!("trunk: release build of the {name} pages into {}", dir(name).display()));
        let out = dir(name);
        let out = out.to_string_lossy();
        let args = ["build", "--release", "--no-default-features", "--features", name, "--dist", &out];
        run_with("trunk", &args, &size_env())?;
        after(name)?;
    }
    step("trunk: release build of the participants' app (the consultation alone)");
    let take_part = dir("take-part");
    run_with(
        "trunk",
        &["build", "--release", "--dist", &take_part.to_string_lossy(), "web/take-part.html"],
        &size_env(),
    )?;
    after("take-part")?;
    step("dist/: every bundle's files, and one index.html naming them");
    merge()
}

fn copy_files(from: &Path, to: &Path, skip: &[&str]) -> Step {
    fs::create_dir_all(to).map_err(|e| format!("cannot make {}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_file() && !skip.contains(&name.as_str()) {
            fs::copy(&path, to.join(&name)).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn merge() -> Step {
    let dist = Path::new("dist");
    if dist.exists() {
        fs::remove_dir_all(dist).map_err(|e| format!("cannot empty dist/: {e}"))?;
    }
    let mut metas = String::new();
    for (name, pages) in BUNDLES {
        let html = fs::read_to_string(dir(name).join("index.html")).map_err(|e| format!("{name}: {e}"))?;
        let module = attribute(&html, META, "data-module").ok_or_else(|| format!("{name}: no csplan-bundle meta"))?;
        let wasm = attribute(&html, META, "data-wasm").ok_or_else(|| format!("{name}: no csplan-bundle meta"))?;
        let opens = if name == OPENS { " data-opens" } else { "" };
        metas.push_str(&format!(
            "{META} content=\"{name}\" data-pages=\"{pages}\" data-module=\"{module}\" data-wasm=\"{wasm}\"{opens}>"
        ));
        copy_files(&dir(name), dist, &["index.html"])?;
    }
    let (home, _) = BUNDLES[0];
    let html = fs::read_to_string(dir(home).join("index.html")).map_err(|e| e.to_string())?;
    let start = html.find(META).ok_or("the home page has no csplan-bundle meta")?;
    let end = html.get(start..).and_then(|s| s.find('>')).map(|e| start + e + 1).ok_or("unclosed meta")?;
    let mut index = format!("{}{metas}{}", html.get(..start).unwrap_or(""), html.get(end..).unwrap_or(""));
    // trunk preloads its one build's files; the planner's page does not know which bundle
    // it needs until start.js reads the address, so it fetches that one itself.
    index = without(&index, "<link rel=\"modulepreload\"");
    index = without(&index, "<link rel=\"preload\"");
    fs::write(dist.join("index.html"), index).map_err(|e| format!("cannot write dist/index.html: {e}"))?;
    write_presets(dist)?;
    copy_files(&dir("take-part"), &dist.join("take-part"), &[])
}

/// Every preset but the default (which each bundle embeds) as the form text the app
/// fetches when one is loaded: `dist/presets/<id>.txt`.
fn write_presets(dist: &Path) -> Step {
    fs::create_dir_all(dist.join("presets")).map_err(|e| format!("cannot make dist/presets/: {e}"))?;
    for p in csplan_model::presets::PRESETS.iter().skip(1) {
        let path = dist.join(csplan_validation::form_text::preset_file(p.id));
        fs::write(&path, csplan_validation::form_text::preset(p))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The files a browser downloads on first opening `bundle` (`take-part` for the
/// participants' app): the page, its stylesheet, start.js and the bundle's JavaScript and
/// wasm.
pub fn first_load_files(bundle: &str) -> Result<Vec<PathBuf>, String> {
    let (folder, html_path) = if bundle == "take-part" {
        (PathBuf::from("dist/take-part"), PathBuf::from("dist/take-part/index.html"))
    } else {
        (PathBuf::from("dist"), PathBuf::from("dist/index.html"))
    };
    let html = fs::read_to_string(&html_path).map_err(|e| format!("cannot read {}: {e}", html_path.display()))?;
    let meta = if bundle == "take-part" { META.to_string() } else { format!("{META} content=\"{bundle}\"") };
    let mut files = vec![html_path.clone()];
    for name in ["data-module", "data-wasm"] {
        let file =
            attribute(&html, &meta, name).ok_or_else(|| format!("{bundle}: not named in {}", html_path.display()))?;
        files.push(folder.join(file.trim_start_matches("./")));
    }
    for tag in ["<link rel=\"stylesheet\"", "<script src="] {
        let key = if tag.starts_with("<link") { "href" } else { "src" };
        if let Some(file) = attribute(&html, tag, key) {
            files.push(folder.join(file.trim_start_matches("./")));
        }
    }
    Ok(files)
}
