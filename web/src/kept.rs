//! Scenarios kept in this browser besides the working figures, so nothing typed is lost.
//!
//! - The user keeps the figures under a name of their own (Save and share lists them, to
//!   open or delete).
//! - Whatever replaces the working figures (a share link, a council's scenario file, a
//!   DfE fill-in, an example, a file opened) first puts them aside here under a name
//!   saying what replaced them, unless they are already kept or are the untouched example;
//!   and every page then offers to put them back ([`Undo`]). If they cannot be put aside
//!   (this browser's storage is full), nothing is replaced.
//!
//! Each scenario is the form exactly as typed (`csplan_validation::form_text`), so a field
//! that is still wrong keeps its text. Keys: an index (one line per scenario: id, name,
//! date kept, tab-separated), each scenario's text under its id, and what the last
//! replace put aside.

use csplan_validation::form::ScenarioForm;
use csplan_validation::form_text;

use crate::site::storage;

/// One line per kept scenario: `id \t name \t date`.
const INDEX_KEY: &str = "csplan.kept.v1";
/// The last replace: `id \t what replaced the figures`.
const UNDO_KEY: &str = "csplan.undo.v1";
/// Most scenarios kept; the oldest put aside by a replace go first beyond it.
const MOST: usize = 30;

/// A scenario kept in this browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    /// Its key, unique in this browser.
    pub id: String,
    /// Its name, as the user gave it or as a replace named it.
    pub name: String,
    /// When it was kept, `YYYY-MM-DD`.
    pub on: String,
}

/// The last replace: what was put aside, and what replaced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    /// The scenario put aside.
    pub kept: Kept,
    /// What replaced it ("the shared link (Kent)").
    pub by: String,
}

/// True when a change to this browser's storage made in another tab (a `storage` event's
/// key; None when it was all cleared) can change the kept scenarios.
pub fn changed_by(key: Option<&str>) -> bool {
    key.is_none_or(|k| k == INDEX_KEY || k == UNDO_KEY)
}

fn item_key(id: &str) -> String {
    format!("{INDEX_KEY}.{id}")
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ").trim().to_string()
}

/// Every kept scenario, newest first.
pub fn list() -> Vec<Kept> {
    let index = storage().and_then(|s| s.get_item(INDEX_KEY).ok().flatten()).unwrap_or_default();
    let mut all: Vec<Kept> = index
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let (id, name, on) = (parts.next()?, parts.next()?, parts.next().unwrap_or(""));
            Some(Kept { id: id.to_string(), name: name.to_string(), on: on.to_string() })
        })
        .collect();
    all.reverse();
    all
}

fn write_index(store: &web_sys::Storage, newest_first: &[Kept]) -> Result<(), String> {
    let text: String = newest_first.iter().rev().map(|k| format!("{}\t{}\t{}\n", k.id, k.name, k.on)).collect();
    store.set_item(INDEX_KEY, &text).map_err(|_| full())
}

fn full() -> String {
    "This browser has no room left to keep them. Delete a scenario kept on the Save and share page, \
     or download your figures as a file first."
        .to_string()
}

/// The form of a kept scenario; an error says why it cannot be read.
pub fn read(id: &str) -> Result<ScenarioForm, String> {
    let text = storage()
        .and_then(|s| s.get_item(&item_key(id)).ok().flatten())
        .ok_or_else(|| "That scenario is no longer kept in this browser.".to_string())?;
    form_text::read(&text).map(|r| r.form)
}

/// The kept scenario whose figures are exactly `text` (form text), if any.
pub fn holding(text: &str) -> Option<Kept> {
    let store = storage()?;
    list().into_iter().find(|k| store.get_item(&item_key(&k.id)).ok().flatten().is_some_and(|t| t == text))
}

/// Keeps `text` (a form as form text) as `name` and returns it. An error says why it could
/// not be kept.
pub fn keep(name: &str, text: &str) -> Result<Kept, String> {
    let store = storage().ok_or_else(|| "This browser does not let the planner keep anything.".to_string())?;
    let mut all = list();
    // A number no scenario in the index or in storage has: another tab may have kept one a
    // moment ago, and its text is never written over.
    let mut n = all.iter().filter_map(|k| k.id.parse::<u64>().ok()).max().map_or(1, |n| n + 1);
    while store.get_item(&item_key(&n.to_string())).ok().flatten().is_some() {
        n += 1;
    }
    let id = n.to_string();
    let kept = Kept { id: id.clone(), name: clean(name), on: crate::today_iso() };
    store.set_item(&item_key(&id), text).map_err(|_| full())?;
    all.insert(0, kept.clone());
    while all.len() > MOST {
        if let Some(oldest) = all.pop() {
            let _ = store.remove_item(&item_key(&oldest.id));
        }
    }
    if let Err(e) = write_index(&store, &all) {
        let _ = store.remove_item(&item_key(&id));
        return Err(e);
    }
    Ok(kept)
}

/// Deletes a kept scenario (and the offer to put it back, if it was that one).
pub fn delete(id: &str) {
    let Some(store) = storage() else { return };
    let all: Vec<Kept> = list().into_iter().filter(|k| k.id != id).collect();
    let _ = write_index(&store, &all);
    let _ = store.remove_item(&item_key(id));
    if undo().is_some_and(|u| u.kept.id == id) {
        clear_undo();
    }
}

/// What the last replace put aside, while the user has not put it back or dismissed it.
pub fn undo() -> Option<Undo> {
    let text = storage()?.get_item(UNDO_KEY).ok().flatten()?;
    let (id, by) = text.split_once('\t')?;
    let kept = list().into_iter().find(|k| k.id == id)?;
    Some(Undo { kept, by: by.to_string() })
}

/// Remembers that `kept` was put aside by `by`.
pub fn set_undo(kept: &Kept, by: &str) {
    if let Some(store) = storage() {
        let _ = store.set_item(UNDO_KEY, &format!("{}\t{}", kept.id, clean(by)));
    }
}

/// Forgets the offer to put the last figures back (they stay kept).
pub fn clear_undo() {
    if let Some(store) = storage() {
        let _ = store.remove_item(UNDO_KEY);
    }
}
