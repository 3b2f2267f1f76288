//! The planner's state: one form signal of what the user typed, and memos derived from it.

use std::sync::Arc;

use csplan_calc::Report;
use csplan_model::presets::default_scenario;
use csplan_model::Scenario;
use csplan_validation::form::{Checked, ScenarioForm};
use csplan_validation::form_text;
use csplan_validation::Problem;
use leptos::prelude::*;

use crate::presets::PresetForm;

/// The parts of the form this download checks: its pages' parts, and what they refer to
/// (the Workforce page offers the Caseloads page's posts, the consultation refers to team
/// groups, placement lines and budget areas). Problems in other parts come from the
/// download that checked them, through [`Planner::others`].
const SECTIONS: u16 = {
    use csplan_validation::section::*;
    let mut s = 0;
    if cfg!(feature = "caseloads") {
        s |= CASELOADS;
    }
    if cfg!(feature = "workforce") {
        s |= CASELOADS | WORKFORCE;
    }
    if cfg!(feature = "demand") {
        s |= DEMAND | CARE_FLOWS;
    }
    if cfg!(feature = "cost") {
        s |= CASELOADS | COST_OF_CARE;
    }
    // The results page checks each response against the consultation, which reads the
    // team groups, placements and budget areas its choices use.
    if cfg!(feature = "budget") || cfg!(feature = "results") {
        s |= CASELOADS | COST_OF_CARE | BUDGET | CONSULTATION;
    }
    if cfg!(feature = "scenario") || cfg!(feature = "report") {
        s |= ALL;
    }
    s
};

/// True for a problem in a part of the form this download checks.
pub fn checked_here(p: &Problem) -> bool {
    let part = csplan_validation::section::of(&p.path);
    // Through a function: in a download that checks no part (the records page's), the
    // mask is the constant 0, which clippy would call a mistake if it were written inline.
    let overlaps = |a: u16, b: u16| a & b != 0;
    part == 0 || overlaps(SECTIONS, part)
}

/// Shared by every page through context; `Copy` because it only holds signal handles.
#[derive(Clone, Copy, Debug)]
pub struct Planner {
    /// In the participants' build, the scenario as opened (the form is not used there).
    opened: RwSignal<Option<Scenario>>,
    /// Exactly what the user typed.
    pub form: RwSignal<ScenarioForm>,
    /// The form read and validated.
    pub checked: Memo<Checked>,
    /// The last scenario without errors: figures keep these values while a field is wrong
    /// (before there is one, the scenario as far as it can be read). Shared rather than
    /// copied, and changed only when a new one is read.
    pub scenario: Memo<Arc<Scenario>>,
    /// Results of [`Planner::scenario`].
    pub report: Memo<Option<Report>>,
    /// Every error, in page order; changes only when the errors do.
    pub errors: Memo<Vec<Problem>>,
    /// Every warning, in page order; changes only when the warnings do.
    pub warnings: Memo<Vec<Problem>>,
    /// Each option's id and label, for the team groups' checkboxes; changes only when
    /// an option is added, removed or renamed.
    pub option_labels: Memo<Vec<(String, String)>>,
    /// What was loaded last (a preset or an authority's DfE figures), for the page caption.
    pub loaded: RwSignal<String>,
    /// Problems in parts of the form this download does not check, as the download that
    /// checks them last found them (kept in this browser with the form).
    pub others: RwSignal<Vec<Problem>>,
    /// Parts just added (`placements`, `teams[2]`) whose errors wait until the user has had
    /// a chance to type: none are shown for them until the first keystroke in any field.
    pub fresh: RwSignal<Vec<String>>,
    /// What the last replace put aside, while the user may still put it back.
    pub undo: RwSignal<Option<crate::kept::Undo>>,
}

impl Planner {
    /// Opens on the embedded default scenario.
    pub fn new() -> Self {
        // Participants never edit the scenario: their build holds it as it was opened, so
        // the form and its checks stay out of their download.
        let opened = RwSignal::new(if crate::PARTICIPANT { Some(default_scenario()) } else { None });
        let form = RwSignal::new(if crate::PARTICIPANT {
            ScenarioForm::default()
        } else {
            preset_form(crate::presets::DEFAULT)
        });
        // A new check on every change: comparing two checks field by field costs more than
        // what depends on them, which compares what it uses.
        let checked = Memo::new_with_compare(
            move |_| {
                if crate::PARTICIPANT {
                    Checked { scenario: None, draft: Arc::default(), problems: Vec::new() }
                } else {
                    form.with(ScenarioForm::check_sections::<SECTIONS>)
                }
            },
            |_, _| true,
        );
        let scenario = Memo::new_with_compare(
            move |previous: Option<&Arc<Scenario>>| {
                if crate::PARTICIPANT {
                    return Arc::new(opened.get().unwrap_or_else(default_scenario));
                }
                // With no valid scenario yet (figures kept with a field still wrong), the
                // scenario as far as it can be read, rather than another council's figures.
                checked
                    .with(|c| c.scenario.clone().or_else(|| previous.cloned()).unwrap_or_else(|| Arc::clone(&c.draft)))
            },
            |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
        );
        // "The last valid figures" must follow every change, not only those made while
        // something on the page reads them: keep the memo current.
        Effect::new(move |_| scenario.track());
        let report = Memo::new(move |_| {
            if crate::PARTICIPANT {
                return None;
            }
            scenario.with(|s| csplan_calc::caseload_report(s).ok())
        });
        let others = RwSignal::new(Vec::<Problem>::new());
        let fresh = RwSignal::new(Vec::<String>::new());
        let by_severity = move |error: bool| {
            let waiting = |p: &Problem| error && fresh.with(|f| f.iter().any(|part| within(&p.path, part)));
            let mut list: Vec<Problem> =
                checked.with(|c| c.problems.iter().filter(|p| p.is_error() == error && !waiting(p)).cloned().collect());
            let before = list.len();
            others.with(|o| list.extend(o.iter().filter(|p| p.is_error() == error).cloned()));
            if !crate::PARTICIPANT && list.len() > before {
                form.with(|f| f.sort(&mut list));
            }
            list
        };
        let option_labels = Memo::new(move |_| {
            if crate::PARTICIPANT {
                return Vec::new();
            }
            form.with(|f| {
                f.options
                    .iter()
                    .map(|o| {
                        let label = if o.name.trim().is_empty() { format!("Option {}", o.id) } else { o.name.clone() };
                        (o.id.clone(), label)
                    })
                    .collect()
            })
        });
        Self {
            opened,
            form,
            checked,
            scenario,
            report,
            errors: Memo::new(move |_| by_severity(true)),
            warnings: Memo::new(move |_| by_severity(false)),
            option_labels,
            loaded: RwSignal::new(crate::presets::DEFAULT.title.to_string()),
            others,
            fresh,
            undo: RwSignal::new(if crate::PARTICIPANT { None } else { crate::kept::undo() }),
        }
    }

    /// Replaces everything typed with `scenario`'s figures; `label` names it in captions
    /// (see [`Planner::replace`]).
    pub fn load_scenario(self, scenario: &Scenario, label: String) -> Result<(), String> {
        if crate::PARTICIPANT {
            self.opened.set(Some(scenario.clone()));
            self.loaded.set(label);
            return Ok(());
        }
        self.replace(ScenarioForm::from_scenario(scenario), label)
    }

    /// Replaces everything typed with `form`, which `label` names. The figures replaced are
    /// first kept in this browser (and offered back), unless they are already kept, are
    /// the untouched example or are `form` itself. If they cannot be kept, nothing
    /// changes and the error says why.
    pub fn replace(self, form: ScenarioForm, label: String) -> Result<(), String> {
        // Compared as form text (what is kept), which the download already writes.
        let current = self.form.with_untracked(csplan_validation::form_text::write);
        if current != csplan_validation::form_text::write(&form) && current != crate::presets::DEFAULT.text {
            let k = match crate::kept::holding(&current) {
                Some(k) => k,
                None => {
                    let who = self.form.with_untracked(|f| f.authority.trim().to_string());
                    let who = if who.is_empty() { "Your figures".to_string() } else { who };
                    crate::kept::keep(&format!("{who}, kept before opening {label}"), &current).map_err(|e| {
                        format!("Your figures have not been replaced: they could not be put aside first. {e}")
                    })?
                }
            };
            crate::kept::set_undo(&k, &label);
            self.undo.set(Some(crate::kept::Undo { kept: k, by: label.clone() }));
        }
        self.load_form(form, label);
        // A whole new scenario: the problems found in other parts were about the old one.
        self.others.set(Vec::new());
        Ok(())
    }

    /// Deletes a kept scenario, and the offer to put it back if it was that one.
    pub fn delete_kept(self, id: &str) {
        crate::kept::delete(id);
        if self.undo.with_untracked(|u| u.as_ref().is_some_and(|u| u.kept.id == id)) {
            self.undo.set(None);
        }
    }

    /// Stops offering to put back a kept scenario another tab has deleted.
    pub fn refresh_undo(self) {
        let gone = self
            .undo
            .with_untracked(|u| u.as_ref().is_some_and(|u| !crate::kept::list().iter().any(|k| k.id == u.kept.id)));
        if gone {
            self.undo.set(None);
        }
    }

    /// Starts again from the example, putting nothing aside (the user asked to forget).
    pub fn forget(self) {
        self.load_form(preset_form(crate::presets::DEFAULT), crate::presets::DEFAULT.title.to_string());
        self.others.set(Vec::new());
        self.dismiss_undo();
    }

    /// Puts back the figures the last replace put aside, keeping the ones they replace.
    pub fn put_back(self) -> Result<(), String> {
        let Some(undo) = self.undo.get_untracked() else { return Ok(()) };
        let form = crate::kept::read(&undo.kept.id)?;
        self.replace(form, undo.kept.name.clone())?;
        self.delete_kept(&undo.kept.id);
        self.dismiss_undo();
        Ok(())
    }

    /// Stops offering to put the last figures back (they stay kept).
    pub fn dismiss_undo(self) {
        crate::kept::clear_undo();
        self.undo.set(None);
    }

    /// Replaces everything typed with `form` (the figures kept in this browser, say).
    pub fn load_form(self, form: ScenarioForm, label: String) {
        self.fresh.set(Vec::new());
        self.form.set(form);
        self.loaded.set(label);
    }

    /// Holds back the errors of the part that `focus` (the first field of something just
    /// added) is in, until the user types: `section` for a whole section, else its item.
    pub fn added(self, focus: &csplan_validation::fields::Path, section: bool) {
        let path = focus.as_str();
        let part = if section {
            path.split(['.', '[']).next().unwrap_or(path)
        } else {
            path.rsplit_once('.').map_or(path, |(item, _)| item)
        };
        self.fresh.update(|f| f.push(part.to_string()));
    }

    /// Typing in a field: every error is shown again.
    pub fn typed(self) {
        if self.fresh.with_untracked(|f| !f.is_empty()) {
            self.fresh.set(Vec::new());
        }
    }

    /// Changes the form with `change` (a row operation of `csplan_validation`'s forms) and
    /// returns what it returns.
    pub fn edit<R: Default>(self, change: impl FnOnce(&mut ScenarioForm) -> R) -> R {
        self.form.try_update(change).unwrap_or_default()
    }

    /// Changes a section of the form (`|f| f.demand.as_mut()`), if the form has it, with
    /// `change` (one of the section's row operations), and returns what it returns.
    pub fn edit_in<T, R: Default>(
        self,
        section: impl FnOnce(&mut ScenarioForm) -> Option<&mut T>,
        change: impl FnOnce(&mut T) -> R,
    ) -> R {
        self.edit(|f| section(f).map(change).unwrap_or_default())
    }

    /// The error message for the field at `path`, if it has one.
    pub fn error_at(self, path: &str) -> Option<String> {
        self.errors.with(|errors| errors.iter().find(|p| p.path == path).map(|p| p.message.clone()))
    }
}

/// A preset's form. Its text is written by `web/build.rs` from the preset itself, so it
/// always reads; were it not to, the form would start empty and say what is missing.
fn preset_form(preset: PresetForm) -> ScenarioForm {
    form_text::read(preset.text).map(|r| r.form).unwrap_or_default()
}

/// The planner from context. Every page is inside the app, which provides it; a component
/// outside it is a mistake in the app, and this stops there with a message saying so,
/// rather than editing a planner of its own that nothing else sees.
pub fn use_planner() -> Planner {
    expect_context::<Planner>()
}

/// Whether `path` is `part` or inside it (`placements.lines[0].name` is inside `placements`
/// and `placements.lines[0]`, not inside `placements.lines[1]`).
fn within(path: &str, part: &str) -> bool {
    path.strip_prefix(part).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}
