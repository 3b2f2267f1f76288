//! Where the working figures come from, and where they are kept.
//!
//! The planner is several downloads ("bundles", one per group of pages: see `start.js` and
//! `cargo xtask dist`), and moving between groups loads another page. So every bundle keeps
//! the form, exactly as typed, in this browser's local storage as flat text
//! (`csplan_validation::form_text`, no JSON parser needed): written once typing pauses,
//! when the page is hidden and before going to a page of another group, and read when a
//! bundle starts. Every page then shows the same figures, including the text of a field
//! that is still wrong.
//!
//! Opening figures from elsewhere is the Save and share bundle's job, because it carries
//! the scenario JSON reader (`start.js` sends these addresses to it):
//! 1. a share link, `?s=1.PRESET.CHECK.PATCH` (`csplan_validation::share`);
//! 2. a council's own scenario published next to the app, `?scenario=consultation.json`:
//!    how a council puts its consultation (and the address of its response collector) in
//!    front of participants without rebuilding the app;
//! 3. figures an earlier version saved as scenario JSON (`?open=saved`, which a bundle
//!    asks for when it finds only those).
//!
//! It keeps what it opened and goes on to the page the address names, without the link,
//! so a reload keeps later edits. A bad link or file changes nothing and says why.
//!
//! Only a file from the app's own site is read: a plain relative name made of letters,
//! digits, `-`, `_`, `.` and `/`, ending `.json`, with no `..`. A link cannot make the app
//! read a scenario, and so send responses, from anywhere else.

use csplan_validation::form::ScenarioForm;
use csplan_validation::{form_text, Problem};
use leptos::prelude::*;

use crate::state::Planner;

/// Whether figures are being opened, and what went wrong if they could not be used.
#[derive(Clone, Copy, Debug)]
pub struct SiteScenario {
    /// True while a file is being fetched or the page is moving on to the figures opened.
    pub loading: RwSignal<bool>,
    /// Why the link or file could not be used.
    pub problem: RwSignal<Option<String>>,
}

/// Where the form is kept in this browser.
const FORM_KEY: &str = "csplan.form.v1";
/// What the form was last loaded from ("Barnsley, December 2017"), for captions.
const LOADED_KEY: &str = "csplan.loaded.v1";
/// The problems last found in each part of the form (one a line: severity, path, message),
/// so a download that does not check a part can still list that part's problems.
const PROBLEMS_KEY: &str = "csplan.problems.v1";
/// Where versions before the bundles kept the last valid scenario, as JSON.
const OLD_KEY: &str = "csplan.scenario.v1";

/// Problems as lines for [`PROBLEMS_KEY`].
fn problems_text(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
        out.push_str(if p.is_error() { "e\t" } else { "w\t" });
        out.push_str(&clean(&p.path));
        out.push('\t');
        out.push_str(&clean(&p.message));
        out.push('\n');
    }
    out
}

/// The problems kept in this browser for parts of the form this download does not check.
fn kept_problems() -> Vec<Problem> {
    let text = stored(PROBLEMS_KEY).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let (severity, path, message) = (parts.next()?, parts.next()?, parts.next()?);
            let problem = Problem::error(path, message);
            let problem = if severity == "w" {
                Problem { severity: csplan_validation::Severity::Warning, ..problem }
            } else {
                problem
            };
            (!crate::state::checked_here(&problem)).then_some(problem)
        })
        .collect()
}

/// The value of `name=` in the page's address, if any.
pub fn param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let prefix = format!("{name}=");
    search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix(prefix.as_str())).map(str::to_string)
}

/// The address of the app's first page: in the participants' app the council's
/// consultation (`?scenario=` kept), else `./`.
pub fn home() -> String {
    match param("scenario").filter(|_| crate::PARTICIPANT) {
        Some(name) => format!("?scenario={name}"),
        None => "./".to_string(),
    }
}

/// This browser's local storage, if it lets the planner use it.
pub(crate) fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Keeps the form (and what it was loaded from) in this browser now.
pub fn keep(planner: Planner) {
    if crate::PARTICIPANT {
        return;
    }
    let text = planner.form.with_untracked(form_text::write);
    let mut problems = planner.checked.with_untracked(|c| c.problems.clone());
    problems.extend(planner.others.get_untracked());
    if let Some(store) = storage() {
        let _ = store.set_item(FORM_KEY, &text);
        let _ = store.set_item(LOADED_KEY, &planner.loaded.get_untracked());
        let _ = store.set_item(PROBLEMS_KEY, &problems_text(&problems));
    }
}

/// Forgets the figures saved in this browser.
pub fn forget_saved() {
    if let Some(s) = storage() {
        for key in [FORM_KEY, LOADED_KEY, PROBLEMS_KEY, OLD_KEY] {
            let _ = s.remove_item(key);
        }
    }
}

/// The form kept in this browser, with what it was loaded from; an error says why it
/// could not be read. None when nothing is kept.
fn kept() -> Option<Result<(ScenarioForm, String), String>> {
    let text = stored(FORM_KEY)?;
    let label = stored(LOADED_KEY).unwrap_or_else(|| "your figures (saved in this browser)".to_string());
    Some(form_text::read(&text).map(|r| (r.form, label)))
}

/// How long after the last change the form is written to local storage.
const AUTOSAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

/// Keeps the form in this browser's local storage as the user types (not while figures
/// are being opened, so they are not overwritten first): written once typing pauses, and
/// at once when the page is hidden or closed.
pub fn autosave(planner: Planner, site: SiteScenario) {
    let pending = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        planner.form.track();
        if first.is_none() || site.loading.get() || pending.get_value() {
            return;
        }
        pending.set_value(true);
        set_timeout(
            move || {
                pending.set_value(false);
                if !site.loading.get_untracked() {
                    keep(planner);
                }
            },
            AUTOSAVE_DELAY,
        );
    });
    // The app lives as long as the page; keep listening.
    std::mem::forget(window_event_listener(leptos::ev::pagehide, move |_| {
        if !site.loading.get_untracked() {
            keep(planner);
        }
    }));
}

/// Checks that `name` is a plain relative file name on this site.
pub fn check_name(name: &str) -> Result<(), String> {
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if name.is_empty() || !plain || !name.ends_with(".json") || name.starts_with('/') || name.contains("..") {
        return Err(format!(
            "The link asks for a scenario file \u{201c}{name}\u{201d}, which is not a file name on this site. \
             Ask whoever sent the link for the right one."
        ));
    }
    Ok(())
}

/// Starts the working figures: those kept in this browser, or the example; in the Save and
/// share bundle (and the participants' app) first whatever the address asks to open.
pub fn start(planner: Planner) -> SiteScenario {
    let site = SiteScenario { loading: RwSignal::new(false), problem: RwSignal::new(None) };
    if crate::PARTICIPANT {
        // Participants open a council's consultation; nothing is kept.
        if let Some(name) = param("scenario") {
            open_file(planner, site, name, None);
        }
        return site;
    }
    let own = kept();
    let opening = param("s").is_some() || param("scenario").is_some() || param("open").is_some();
    if opening && cfg!(feature = "scenario") {
        let unchanged = match &own {
            Some(Ok(_)) => " Your own figures have not changed.",
            _ => " You are looking at the example council's figures instead.",
        };
        if let Some(Ok((form, label))) = own {
            planner.load_form(form, label);
        }
        planner.others.set(kept_problems());
        open(planner, site, unchanged);
        return site;
    }
    match own {
        Some(Ok((form, label))) => {
            planner.load_form(form, label);
            planner.others.set(kept_problems());
        }
        Some(Err(message)) => site.problem.set(Some(format!(
            "The figures saved in this browser could not be read ({message}), so the example council's are shown."
        ))),
        None if stored(OLD_KEY).is_some() => {
            // An earlier version saved them as scenario JSON: the Save and share bundle reads it.
            site.loading.set(true);
            let page = param("page").unwrap_or_default();
            let _ = window().location().replace(&format!("?open=saved&page={page}"));
        }
        None => {}
    }
    site
}

/// The address to go on to once figures are opened: the page asked for, without what
/// opened them.
fn onward() -> String {
    match param("page").filter(|p| !p.is_empty()) {
        Some(page) => format!("?page={page}"),
        None => "./".to_string(),
    }
}

/// Opens what the address asks for, keeps it, and goes on to the page asked for. On a bad
/// link or file nothing changes, and the message ends with `unchanged` (what is shown).
fn open(planner: Planner, site: SiteScenario, unchanged: &'static str) {
    if let Some(link) = param("s") {
        match csplan_validation::share::decode(&link) {
            Ok(s) => match planner.load_scenario(&s, format!("the shared link ({})", s.authority)) {
                Ok(()) => go_on(planner, site),
                Err(message) => site.problem.set(Some(message)),
            },
            Err(message) => site.problem.set(Some(format!("{message}{unchanged}"))),
        }
    } else if let Some(name) = param("scenario") {
        open_file(planner, site, name, Some(unchanged));
    } else {
        if let Some(text) = stored(OLD_KEY) {
            if let Ok(s) = crate::scenario_file::read(&text) {
                let _ = planner.load_scenario(&s, format!("{} (saved in this browser)", s.authority));
            }
            if let Some(store) = storage() {
                let _ = store.remove_item(OLD_KEY);
            }
        }
        go_on(planner, site);
    }
}

/// Keeps the figures just opened and goes on to the page asked for.
fn go_on(planner: Planner, site: SiteScenario) {
    keep(planner);
    site.loading.set(true);
    let _ = window().location().replace(&onward());
}

/// Reads a council's scenario file from this site. In the planner (`unchanged` says what
/// is shown if it fails) it is kept and the page asked for opens; in the participants'
/// app it is shown here.
fn open_file(planner: Planner, site: SiteScenario, name: String, unchanged: Option<&'static str>) {
    let failed = move |message: String| site.problem.set(Some(format!("{message}{}", unchanged.unwrap_or(""))));
    if let Err(message) = check_name(&name) {
        failed(message);
        return;
    }
    site.loading.set(true);
    leptos::task::spawn_local(async move {
        match fetch_scenario(&name).await {
            Ok(s) => {
                let label = if s.authority.trim().is_empty() { name.clone() } else { s.authority.clone() };
                match planner.load_scenario(&s, label) {
                    Ok(()) if unchanged.is_some() => {
                        go_on(planner, site);
                        return;
                    }
                    Ok(()) => {}
                    Err(message) => site.problem.set(Some(message)),
                }
            }
            Err(message) => failed(message),
        }
        site.loading.set(false);
    });
}

async fn fetch_scenario(name: &str) -> Result<csplan_model::Scenario, String> {
    let text = crate::fetch::fetch_text(
        name,
        &format!("The scenario file {name} could not be downloaded. Check your connection, then reload the page."),
        |status| {
            format!(
                "The scenario file {name} could not be found (the server answered {status}). Ask whoever sent the link for the right one."
            )
        },
    )
    .await?;
    crate::scenario_file::read(&text).map_err(|(n, first)| {
        format!(
            "The scenario file {name} is not a csplan scenario this version can use ({n} problem(s); the first is {first}), so it was not used. `csplan validate` lists them all."
        )
    })
}
