//! Reading a scenario file in the browser: the one place the app turns scenario JSON into a
//! scenario (a share link has its own reader in `csplan_validation::share`).

use csplan_model::Scenario;

/// The scenario in `text`, or how many problems the file has and the first of them. The
/// participants' app reads only the parts its consultation uses.
pub fn read(text: &str) -> Result<Scenario, (usize, String)> {
    let read = if crate::PARTICIPANT {
        csplan_validation::load::read_consultation_json(text)
    } else {
        csplan_validation::load::read_scenario_json(text).map(|(s, _)| s)
    };
    read.map_err(|e| {
        let first = e
            .problems
            .first()
            .map(|p| if p.path.is_empty() { p.message.clone() } else { format!("{}: {}", p.path, p.message) })
            .unwrap_or_default();
        (e.problems.len(), first)
    })
}
