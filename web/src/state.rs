//! The planner's state: one form signal of what the user typed, and memos derived from it.

use csplan_calc::Report;
use csplan_model::presets::{default_scenario, Preset};
use csplan_model::Scenario;
use csplan_validation::form::{Checked, ScenarioForm};
use csplan_validation::Problem;
use leptos::prelude::*;

/// Shared by every page through context; `Copy` because it only holds signal handles.
#[derive(Clone, Copy, Debug)]
pub struct Planner {
    /// Exactly what the user typed.
    pub form: RwSignal<ScenarioForm>,
    /// The form read and validated.
    pub checked: Memo<Checked>,
    /// The last scenario without errors: figures keep these values while a field is wrong.
    pub scenario: Memo<Scenario>,
    /// Results of [`Planner::scenario`].
    pub report: Memo<Option<Report>>,
    /// The preset most recently loaded, for the page caption.
    pub loaded: RwSignal<&'static str>,
}

impl Planner {
    /// Opens on the embedded default scenario.
    pub fn new() -> Self {
        let form = RwSignal::new(ScenarioForm::from_scenario(&default_scenario()));
        let checked = Memo::new(move |_| form.with(ScenarioForm::check));
        let scenario = Memo::new(move |previous: Option<&Scenario>| {
            checked.with(|c| c.scenario.clone()).or_else(|| previous.cloned()).unwrap_or_else(default_scenario)
        });
        let report = Memo::new(move |_| scenario.with(|s| csplan_calc::report(s).ok()));
        Self { form, checked, scenario, report, loaded: RwSignal::new("Example council (default)") }
    }

    /// Replaces everything typed with a preset's figures.
    pub fn load(self, preset: Preset) {
        self.form.set(ScenarioForm::from_scenario(&(preset.build)()));
        self.loaded.set(preset.title);
    }

    /// The error message for the field at `path`, if it has one.
    pub fn error_at(self, path: &str) -> Option<String> {
        self.checked.with(|c| c.problems.iter().find(|p| p.is_error() && p.path == path).map(|p| p.message.clone()))
    }

    /// Every error, in page order.
    pub fn errors(self) -> Vec<Problem> {
        self.checked.with(|c| c.problems.iter().filter(|p| p.is_error()).cloned().collect())
    }

    /// Every warning, in page order.
    pub fn warnings(self) -> Vec<Problem> {
        self.checked.with(|c| c.problems.iter().filter(|p| !p.is_error()).cloned().collect())
    }
}

impl Default for Planner {
    fn default() -> Self {
        Self::new()
    }
}

/// The planner from context.
pub fn use_planner() -> Planner {
    use_context::<Planner>().unwrap_or_default()
}
