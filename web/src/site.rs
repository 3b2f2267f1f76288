//! A council's own scenario, published next to the app: `?scenario=consultation.json`
//! opens the app on that file instead of the example council. This is how a council puts
//! its consultation (and the address of its response collector) in front of
//! participants without rebuilding the app.
//!
//! Only a file from the app's own site is read: a plain relative name made of letters,
//! digits, `-`, `_`, `.` and `/`, ending `.json`, with no `..`. A link cannot make the app
//! read a scenario, and so send responses, from anywhere else.

use csplan_model::Scenario;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::Planner;

/// Whether a site scenario is being read, and what went wrong if it could not be used.
#[derive(Clone, Copy, Debug)]
pub struct SiteScenario {
    /// True while the file is being fetched.
    pub loading: RwSignal<bool>,
    /// Why the file could not be used (the example council is shown instead).
    pub problem: RwSignal<Option<String>>,
}

/// The `scenario=` value of the page's address, if any.
fn requested() -> Option<String> {
    let search = window().location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix("scenario=")).map(str::to_string)
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

/// Starts reading the scenario named in the address, if there is one.
pub fn start(planner: Planner) -> SiteScenario {
    let site = SiteScenario { loading: RwSignal::new(false), problem: RwSignal::new(None) };
    let Some(name) = requested() else { return site };
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
    let unreachable =
        || format!("The scenario file {name} could not be downloaded. Check your connection, then reload the page.");
    let response = JsFuture::from(window().fetch_with_str(name)).await.map_err(|_| unreachable())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| unreachable())?;
    if !response.ok() {
        return Err(format!(
            "The scenario file {name} could not be found (the server answered {}). Ask whoever sent the link for the right one.",
            response.status()
        ));
    }
    let text = JsFuture::from(response.text().map_err(|_| unreachable())?).await.map_err(|_| unreachable())?;
    let text = text.as_string().ok_or_else(unreachable)?;
    let scenario: Scenario = serde_json::from_str(&text).map_err(|e| {
        format!("The scenario file {name} is not a csplan scenario ({e}). `csplan validate` says what to fix.")
    })?;
    let problems: Vec<_> = csplan_validation::validate(&scenario).into_iter().filter(|p| p.is_error()).collect();
    if let Some(p) = problems.first() {
        return Err(format!(
            "The scenario file {name} has {} problem(s), so it was not used; the first is {}: {}. `csplan validate` lists them all.",
            problems.len(),
            p.path,
            p.message
        ));
    }
    Ok(scenario)
}
