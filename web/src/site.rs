//! Where the working scenario comes from when the app opens, in this order:
//! 1. a share link, `?s=1.PRESET.CHECK.PATCH` (`csplan_validation::share`); once opened,
//!    `s=` is taken out of the address so later edits are not undone by a reload;
//! 2. a council's own scenario published next to the app, `?scenario=consultation.json`:
//!    how a council puts its consultation (and the address of its response collector) in
//!    front of participants without rebuilding the app;
//! 3. the scenario saved in this browser (local storage), which [`autosave`] keeps up to
//!    date as the user types;
//! 4. otherwise the example council.
//!
//! Only a file from the app's own site is read: a plain relative name made of letters,
//! digits, `-`, `_`, `.` and `/`, ending `.json`, with no `..`. A link cannot make the app
//! read a scenario, and so send responses, from anywhere else.

use csplan_model::Scenario;
use leptos::prelude::*;

use crate::state::Planner;

/// Whether a site scenario is being read, and what went wrong if it could not be used.
#[derive(Clone, Copy, Debug)]
pub struct SiteScenario {
    /// True while the file is being fetched.
    pub loading: RwSignal<bool>,
    /// Why the file could not be used (the example council is shown instead).
    pub problem: RwSignal<Option<String>>,
}

/// Where the scenario saved in this browser is kept.
const STORAGE_KEY: &str = "csplan.scenario.v1";

/// The value of `name=` in the page's address, if any.
fn param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let prefix = format!("{name}=");
    search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix(prefix.as_str())).map(str::to_string)
}

/// The page's address without `s=`, so a reload after editing keeps the edits.
fn drop_share_param() {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let kept: Vec<&str> =
        search.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !p.starts_with("s=")).collect();
    let path = location.pathname().unwrap_or_default();
    let url = if kept.is_empty() { path } else { format!("{path}?{}", kept.join("&")) };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The scenario saved in this browser, if there is a readable one.
fn saved() -> Option<Scenario> {
    let text = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    csplan_validation::load::read_scenario_json(&text).ok().map(|(s, _)| s)
}

/// Forgets the scenario saved in this browser.
pub fn forget_saved() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// How long after the last change the scenario is written to local storage: serialising
/// it on every keystroke cost about 2 ms at the 95th percentile on the keystroke path.
const AUTOSAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

/// Keeps the last valid scenario in this browser's local storage as the user types
/// (not while a council's file is still being read, so it is not overwritten first):
/// written once typing pauses, and at once when the page is hidden or closed.
pub fn autosave(planner: Planner, site: SiteScenario) {
    let save = move || {
        if site.loading.get_untracked() {
            return;
        }
        let text = planner.scenario.with_untracked(|s| serde_json::to_string(s).ok());
        if let (Some(store), Some(text)) = (storage(), text) {
            let _ = store.set_item(STORAGE_KEY, &text);
        }
    };
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        planner.scenario.track();
        if site.loading.get() || pending.get_value() {
            return;
        }
        pending.set_value(true);
        set_timeout(
            move || {
                pending.set_value(false);
                save();
            },
            AUTOSAVE_DELAY,
        );
    });
    // The app lives as long as the page; keep listening.
    std::mem::forget(window_event_listener(leptos::ev::pagehide, move |_| save()));
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

/// Opens the working scenario: from a share link, a council's file, or this browser.
pub fn start(planner: Planner) -> SiteScenario {
    let site = SiteScenario { loading: RwSignal::new(false), problem: RwSignal::new(None) };
    // Participants open a council's consultation; share links and saved figures are the
    // planner's (and leaving them out keeps the presets out of the participants' download).
    if let Some(link) = param("s").filter(|_| !crate::PARTICIPANT) {
        match csplan_validation::share::decode(&link) {
            Ok(s) => {
                let label = format!("the shared link ({})", s.authority);
                planner.load_scenario(&s, label);
                drop_share_param();
            }
            Err(message) => site.problem.set(Some(message)),
        }
        return site;
    }
    let Some(name) = param("scenario") else {
        if let Some(s) = saved().filter(|_| !crate::PARTICIPANT) {
            planner.load_scenario(&s, format!("{} (saved in this browser)", s.authority));
        }
        return site;
    };
    if let Err(message) = check_name(&name) {
        site.problem.set(Some(message));
        return site;
    }
    site.loading.set(true);
    leptos::task::spawn_local(async move {
        match fetch_scenario(&name).await {
            Ok(s) => {
                let label = if s.authority.trim().is_empty() { name.clone() } else { s.authority.clone() };
                planner.load_scenario(&s, label);
            }
            Err(message) => site.problem.set(Some(message)),
        }
        site.loading.set(false);
    });
    site
}

async fn fetch_scenario(name: &str) -> Result<Scenario, String> {
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
    match csplan_validation::load::read_scenario_json(&text) {
        Ok((scenario, _)) => Ok(scenario),
        Err(e) => {
            let n = e.problems.len();
            let first = e
                .problems
                .first()
                .map(|p| if p.path.is_empty() { p.message.clone() } else { format!("{}: {}", p.path, p.message) })
                .unwrap_or_default();
            Err(format!(
                "The scenario file {name} is not a csplan scenario this version can use ({n} problem(s); the first is {first}), so it was not used. `csplan validate` lists them all."
            ))
        }
    }
}
