//! The SSDA903 return's header and episodes tables (the children-looked-after return every
//! English council makes to DfE), read from CSV text: one file a table a year, or several
//! years in one. No I/O: the caller gives each file's name and text.
//!
//! ```text
//! header   CHILD, SEX, DOB, ...            one row a child (a year's file, or several)
//! episodes CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, ...
//! dates    dd/mm/yyyy, as DfE's guidance writes them (yyyy-mm-dd is read too)
//! ```
//!
//! Cleaning, in order, each change reported with the file and row it came from:
//! 1. the years are merged: a child's header row from the latest file is kept (a different
//!    date of birth in an earlier one is reported);
//! 2. an exact duplicate of an episode (every column the same) is dropped;
//! 3. the same episode in two files (same child and start; a year's file closes it at
//!    31 March, or leaves it open, and the next year's carries on) is kept once: the later
//!    file's row, which knows more;
//!    The files are put in the order of the latest day each records first, so the later
//!    year's file wins whatever order they are given in; within one file, the row with an
//!    end (the later end) wins; an episode that ends the day it starts is dropped;
//! 4. an episode that runs past the start of the child's next one ends where the next
//!    begins (an open one too);
//! 5. episodes still open at the end stay open; but a child's last episode left open when
//!    the child's rows stop in a year before the files' last (a file's year is the
//!    financial year of its latest day) ended, unrecorded, in that year: it is closed at
//!    its 31 March (the child in care that day, ending 1 April), and reported;
//! 6. episodes of a child with no header row (so no date of birth) are dropped.
//!
//! A file that cannot be read gets a message naming the file, the row and the column;
//! nothing is read from any file until every file reads.

use std::collections::BTreeMap;

use csplan_model::day::Day;
use serde::Serialize;

/// Every PLACE code in DfE's SSDA903 guidance. A council's own categories may add codes.
pub const PLACE_CODES: [&str; 27] = [
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3",
    "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
];

/// Where a row came from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Source {
    /// The file's name.
    pub file: String,
    /// The row, counting the header line as row 1 (as a spreadsheet numbers it).
    pub row: usize,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, row {}", self.file, self.row)
    }
}

/// A child, from the header table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Child {
    /// CHILD: the council's id for the child.
    pub id: String,
    /// SEX (1 male, 2 female), as written.
    pub sex: String,
    /// DOB.
    pub born: Day,
    /// The row it was read from.
    pub from: Source,
}

/// One episode of care, from the episodes table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Episode {
    /// CHILD.
    pub child: String,
    /// DECOM: the day the episode started.
    pub start: Day,
    /// DEC: the day it ceased (`None` while open).
    pub end: Option<Day>,
    /// RNE: why it started.
    pub reason_new: String,
    /// LS: legal status.
    pub legal_status: String,
    /// PLACE: the placement type.
    pub place: String,
    /// PLACE_PROVIDER (PR0 to PR5).
    pub provider: String,
    /// REC: why it ceased.
    pub reason_end: String,
    /// The row it was read from.
    pub from: Source,
}

/// The kinds of change cleaning makes, in the order it makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A child's date of birth differs between years: the later file's is kept.
    DateOfBirth,
    /// An exact duplicate of an episode, dropped.
    Duplicate,
    /// The same child and start in two files or rows: the later one kept.
    SameEpisode,
    /// An episode that ends the day it starts, dropped.
    ZeroLength,
    /// An episode running past the start of the child's next, cut back to it.
    Overlap,
    /// An episode open at the end of its file's year that a later year's file does not
    /// carry: closed at that year's end.
    NotCarried,
    /// Episodes of a child with no header row, dropped.
    NoHeader,
}

impl ChangeKind {
    /// In words, for a summary.
    pub fn describe(self) -> &'static str {
        match self {
            ChangeKind::DateOfBirth => "date of birth differs between years: the later file's kept",
            ChangeKind::Duplicate => "exact duplicate episodes dropped",
            ChangeKind::SameEpisode => "the same child and start in two files or rows: the later row kept",
            ChangeKind::ZeroLength => "episodes that end the day they start (no day in care): dropped",
            ChangeKind::Overlap => "episodes running past the start of the child's next: cut back to it",
            ChangeKind::NotCarried => {
                "episodes open at the end of a year's file that no later year's file carries: closed at that 31 March"
            }
            ChangeKind::NoHeader => "episodes of a child with no header row (no date of birth): dropped",
        }
    }
}

/// What cleaning changed or dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What kind of change.
    pub kind: ChangeKind,
    /// The row changed or dropped.
    pub at: Source,
    /// What was done and why, in words.
    pub what: String,
}

/// A file that cannot be read: where, and how to put it right.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadError {
    /// The file.
    pub file: String,
    /// The row (1 the header line), when the problem is in one.
    pub row: Option<usize>,
    /// The column, when the problem is in one.
    pub column: Option<String>,
    /// The problem and how to put it right.
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Cleaned records, ready for the models.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Records {
    /// Each child with episodes, by id.
    pub children: BTreeMap<String, Child>,
    /// Every episode kept, by child then start.
    pub episodes: Vec<Episode>,
    /// Everything cleaning changed or dropped, in the order above.
    pub changes: Vec<Change>,
    /// Files that are neither table, or empty (read past, and named here).
    pub ignored: Vec<String>,
    /// The first financial year the files hold: 1 April of the year of the earliest
    /// episodes file's latest day (`None` with no episodes).
    pub first_year: Option<Day>,
}

impl Records {
    /// How many changes of each kind, in cleaning's order (kinds with none left out).
    pub fn change_counts(&self) -> Vec<(ChangeKind, usize)> {
        let mut counts: BTreeMap<ChangeKind, usize> = BTreeMap::new();
        for c in &self.changes {
            *counts.entry(c.kind).or_default() += 1;
        }
        counts.into_iter().collect()
    }

    /// The first and last days the records cover: the earliest start and the latest start
    /// or end.
    pub fn span(&self) -> Option<(Day, Day)> {
        let first = self.episodes.iter().map(|e| e.start).min()?;
        let last = self.episodes.iter().flat_map(|e| [Some(e.start), e.end]).flatten().max()?;
        Some((first, last))
    }

    /// The days the records hold every event of: from 1 April of the first year the files
    /// hold, or of the year of the first recorded end if earlier (a file of several years
    /// together) (a year's file holds the episodes open in it, so nothing of the years
    /// before its first is there) to 31 March of the year of the last day (a year's file
    /// runs to its year's end). `None` with no episodes.
    pub fn covered(&self) -> Option<(Day, Day)> {
        let (first, last) = self.span()?;
        let first_end = self.episodes.iter().filter_map(|e| e.end).min().map(Day::financial_year_start);
        let from = match (self.first_year, first_end) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(first),
        };
        Some((from, year_end(last)))
    }
}

/// The most problems listed before "and N more".
pub const MAX_ERRORS: usize = 50;

/// Which table a file holds, from its header line.
enum Table {
    Header,
    Episodes,
}

/// A file's columns: each wanted column's position.
struct Columns(BTreeMap<&'static str, usize>);

impl Columns {
    fn get<'r>(&self, name: &str, record: &'r [String]) -> &'r str {
        self.0.get(name).and_then(|&k| record.get(k)).map_or("", |s| s.trim())
    }
}

/// Reads and cleans `files` (each a name and its text); `extra_codes` are PLACE codes the
/// council's categories add to DfE's. Every problem is returned (at most [`MAX_ERRORS`],
/// then how many more), and nothing is read unless every file reads.
pub fn read(files: &[(String, String)], extra_codes: &[String]) -> Result<Records, Vec<ReadError>> {
    let mut errors: Vec<ReadError> = Vec::new();
    let mut more = 0usize;
    let mut fail =
        |errors: &mut Vec<ReadError>, file: &str, row: Option<usize>, column: Option<&str>, message: String| {
            if errors.len() < MAX_ERRORS {
                errors.push(ReadError { file: file.to_string(), row, column: column.map(str::to_string), message });
            } else {
                more += 1;
            }
        };
    let known = |code: &str| PLACE_CODES.contains(&code) || extra_codes.iter().any(|c| c == code);
    let mut headers: Vec<Child> = Vec::new();
    let mut episodes: Vec<Episode> = Vec::new();
    let mut ignored = Vec::new();
    for (name, text) in files {
        // The header line first: the return's other tables are read past unparsed.
        let first_line = text.trim_start_matches('\u{feff}').lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let head_names: Vec<String> = crate::csv::records(first_line)
            .into_iter()
            .next()
            .unwrap_or_default()
            .iter()
            .map(|h| h.trim().to_ascii_uppercase())
            .collect();
        let wanted_table = head_names.iter().any(|n| n == "DECOM")
            || (head_names.iter().any(|n| n == "DOB") && head_names.iter().any(|n| n == "SEX"));
        if !wanted_table {
            ignored.push(name.clone());
            continue;
        }
        let records = crate::csv::numbered(text);
        let mut rows = records.iter().filter(|(_, r)| !crate::csv::is_blank(r));
        let Some((_, head)) = rows.next() else {
            // An empty table (a return's folder often has some): nothing in it to read.
            ignored.push(name.clone());
            continue;
        };
        let names: Vec<String> = head.iter().map(|h| h.trim().to_ascii_uppercase()).collect();
        let has = |c: &str| names.iter().any(|n| n == c);
        // Other tables of the return (UASC, reviews, missing, OC2, ...) have CHILD and DOB
        // too: the header table is the one with ETHNIC, or named so.
        let header_like = has("DOB") && has("SEX") && (has("ETHNIC") || name.to_ascii_lowercase().contains("header"));
        let table = if has("DECOM") {
            Table::Episodes
        } else if header_like {
            Table::Header
        } else {
            ignored.push(name.clone());
            continue;
        };
        let wanted: &[&'static str] = match table {
            Table::Header => &["CHILD", "SEX", "DOB"],
            Table::Episodes => &["CHILD", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC"],
        };
        let mut columns = Columns(BTreeMap::new());
        for &w in wanted {
            match names.iter().position(|n| n == w) {
                Some(k) => {
                    columns.0.insert(w, k);
                }
                None => {
                    fail(&mut errors, name, Some(1), Some(w), format!("there is no {w} column; the table needs one"))
                }
            }
        }
        if columns.0.len() < wanted.len() {
            continue;
        }
        for (line, record) in rows {
            let row = usize::try_from(*line).unwrap_or(usize::MAX);
            let at = Source { file: name.clone(), row };
            let child = columns.get("CHILD", record).to_string();
            if child.is_empty() {
                fail(&mut errors, name, Some(row), Some("CHILD"), "the child's id is blank".into());
                continue;
            }
            // A date column: `None` when blank, or why it is not a date.
            let date = |column: &str| -> Result<Option<Day>, String> {
                let text = columns.get(column, record);
                if text.is_empty() {
                    return Ok(None);
                }
                Day::parse(text).map(Some).ok_or_else(|| {
                    let shown: String = text.chars().take(30).collect();
                    format!("\u{201c}{shown}\u{201d} is not a date: write it as dd/mm/yyyy, like 27/03/2022")
                })
            };
            match table {
                Table::Header => {
                    let born = match date("DOB") {
                        Ok(Some(d)) => d,
                        Ok(None) => {
                            fail(&mut errors, name, Some(row), Some("DOB"), "the date of birth is blank".into());
                            continue;
                        }
                        Err(m) => {
                            fail(&mut errors, name, Some(row), Some("DOB"), m);
                            continue;
                        }
                    };
                    headers.push(Child { id: child, sex: columns.get("SEX", record).to_string(), born, from: at });
                }
                Table::Episodes => {
                    let start = match date("DECOM") {
                        Ok(Some(d)) => d,
                        Ok(None) => {
                            let m = "the episode's start date is blank".to_string();
                            fail(&mut errors, name, Some(row), Some("DECOM"), m);
                            continue;
                        }
                        Err(m) => {
                            fail(&mut errors, name, Some(row), Some("DECOM"), m);
                            continue;
                        }
                    };
                    let end = match date("DEC") {
                        Ok(d) => d,
                        Err(m) => {
                            fail(&mut errors, name, Some(row), Some("DEC"), m);
                            continue;
                        }
                    };
                    if end.is_some_and(|e| e < start) {
                        fail(
                            &mut errors,
                            name,
                            Some(row),
                            Some("DEC"),
                            format!("the episode ends before it starts ({start}); check DEC and DECOM"),
                        );
                        continue;
                    }
                    let place = columns.get("PLACE", record).to_ascii_uppercase();
                    if !known(&place) {
                        let shown: String = place.chars().take(10).collect();
                        fail(
                            &mut errors,
                            name,
                            Some(row),
                            Some("PLACE"),
                            format!("\u{201c}{shown}\u{201d} is not a PLACE code in DfE's guidance (like U1 or K2); correct it, or add it to a category"),
                        );
                        continue;
                    }
                    episodes.push(Episode {
                        child,
                        start,
                        end,
                        reason_new: columns.get("RNE", record).to_string(),
                        legal_status: columns.get("LS", record).to_string(),
                        place,
                        provider: columns.get("PLACE_PROVIDER", record).to_ascii_uppercase(),
                        reason_end: columns.get("REC", record).to_string(),
                        from: at,
                    });
                }
            }
        }
    }
    // An episode cannot start before the child is born (a day and month swapped, say).
    let born: BTreeMap<&str, Day> = headers.iter().map(|h| (h.id.as_str(), h.born)).collect();
    for e in &episodes {
        if let Some(b) = born.get(e.child.as_str()).filter(|b| e.start < **b) {
            let message = format!("the episode starts before the child's date of birth ({b}); check DECOM and DOB");
            fail(&mut errors, &e.from.file, Some(e.from.row), Some("DECOM"), message);
        }
    }
    if !errors.is_empty() {
        if more > 0 {
            errors.push(ReadError {
                file: String::new(),
                row: None,
                column: None,
                message: format!("and {more} more problems"),
            });
        }
        return Err(errors);
    }
    if headers.is_empty() && episodes.is_empty() {
        return Err(vec![ReadError {
            file: files.first().map(|(n, _)| n.clone()).unwrap_or_default(),
            row: None,
            column: None,
            message: "no file holds a header table (CHILD, SEX, DOB) or an episodes table (CHILD, DECOM, ...)".into(),
        }]);
    }
    // Files in the order of the latest day they record, so "the later file" is the later
    // year's whatever order the files were given in (a stable sort: ties keep it).
    let mut latest: BTreeMap<&str, Day> = BTreeMap::new();
    for e in &episodes {
        let day = e.end.map_or(e.start, |end| end.max(e.start));
        let at = latest.entry(e.from.file.as_str()).or_insert(day);
        *at = (*at).max(day);
    }
    let rank: BTreeMap<String, Day> = latest.into_iter().map(|(f, d)| (f.to_string(), d)).collect();
    episodes.sort_by_key(|e| rank.get(&e.from.file).copied());
    // Each child's last year in the files: the year of the latest file with a row of
    // theirs (before cleaning drops any row as a duplicate).
    let mut child_year: BTreeMap<String, Day> = BTreeMap::new();
    for e in &episodes {
        if let Some(y) = rank.get(&e.from.file).map(|d| year_end(*d)) {
            let at = child_year.entry(e.child.clone()).or_insert(y);
            *at = (*at).max(y);
        }
    }
    let last_year = rank.values().map(|d| year_end(*d)).max();
    let mut records = clean(headers, episodes, ignored);
    records.first_year = rank.values().min().map(|d| d.financial_year_start());
    if let Some(last_year) = last_year {
        close_not_carried(&mut records, &child_year, last_year);
    }
    Ok(records)
}

/// The 31 March ending the financial year of `d`: the end of a year's file whose latest
/// day is `d`.
fn year_end(d: Day) -> Day {
    let (y, _, _) = d.financial_year_start().ymd();
    Day::from_ymd(y + 1, 3, 31).unwrap_or(d)
}

/// Step 5: a child's last episode, left open, when the child's rows stop in a year before
/// the files' last (`last_year`), is closed at that year's 31 March.
fn close_not_carried(records: &mut Records, child_year: &BTreeMap<String, Day>, last_year: Day) {
    let episodes = &mut records.episodes;
    for k in 0..episodes.len() {
        let later_of_child = episodes.get(k + 1).is_some_and(|n| episodes.get(k).is_some_and(|e| e.child == n.child));
        let Some(e) = episodes.get_mut(k) else { continue };
        if e.end.is_some() || later_of_child {
            continue;
        }
        let Some(&their_last) = child_year.get(&e.child) else { continue };
        if their_last < last_year && e.start <= their_last {
            let ends = their_last.plus(1);
            records.changes.push(Change {
                kind: ChangeKind::NotCarried,
                at: e.from.clone(),
                what: format!(
                    "open at {their_last}, the end of the last year with a row of child {}'s, and in no later year's file: now ends {ends}",
                    e.child
                ),
            });
            e.end = Some(ends);
        }
    }
    records.changes.sort_by_key(|c| c.kind);
}

/// Every column of an episode the model reads, for finding exact duplicates.
type EpisodeKey = (String, Day, Option<Day>, [String; 5]);

/// Steps 1 to 6 of the module's cleaning.
fn clean(headers: Vec<Child>, mut episodes: Vec<Episode>, ignored: Vec<String>) -> Records {
    let mut changes = Vec::new();
    // 1. Years merged: the latest file's row for each child (files in the order given,
    //    rows in order, so the last one read wins).
    let mut children: BTreeMap<String, Child> = BTreeMap::new();
    for h in headers {
        if let Some(before) = children.get(&h.id) {
            if before.born != h.born {
                changes.push(Change {
                    kind: ChangeKind::DateOfBirth,
                    at: before.from.clone(),
                    what: format!(
                        "date of birth {} replaced by {} from {} (the later file)",
                        before.born, h.born, h.from
                    ),
                });
            }
        }
        children.insert(h.id.clone(), h);
    }
    // 2. Exact duplicates.
    let mut seen: BTreeMap<EpisodeKey, Source> = BTreeMap::new();
    episodes.retain(|e| {
        let key: EpisodeKey = (
            e.child.clone(),
            e.start,
            e.end,
            [e.place.clone(), e.provider.clone(), e.legal_status.clone(), e.reason_new.clone(), e.reason_end.clone()],
        );
        match seen.get(&key) {
            Some(first) => {
                changes.push(Change {
                    kind: ChangeKind::Duplicate,
                    at: e.from.clone(),
                    what: format!("dropped: the same episode as {first}"),
                });
                false
            }
            None => {
                seen.insert(key, e.from.clone());
                true
            }
        }
    });
    // 3. The same episode in two files: the later file's row. Sorting keeps the order
    //    read among episodes with the same child and start.
    episodes.sort_by(|a, b| (&a.child, a.start).cmp(&(&b.child, b.start)));
    let mut kept: Vec<Episode> = Vec::with_capacity(episodes.len());
    for e in episodes {
        match kept.last_mut() {
            Some(last) if last.child == e.child && last.start == e.start => {
                // A later file knows more; within one file, the row that ends (and later).
                let keep_new = last.from.file != e.from.file
                    || match (last.end, e.end) {
                        (None, Some(_)) => true,
                        (Some(a), Some(b)) => b > a,
                        _ => false,
                    };
                let (kept_row, dropped) =
                    if keep_new { (&e.from, last.from.clone()) } else { (&last.from, e.from.clone()) };
                changes.push(Change {
                    kind: ChangeKind::SameEpisode,
                    at: dropped,
                    what: format!("replaced by {kept_row}: the same child and start, in a later file or row"),
                });
                if keep_new {
                    *last = e;
                }
            }
            _ => kept.push(e),
        }
    }
    // An episode that ends the day it starts holds no day in care: dropped, so its stay
    // ends (or moves on) with the episode before it.
    kept.retain(|e| {
        let empty = e.end == Some(e.start);
        if empty {
            changes.push(Change {
                kind: ChangeKind::ZeroLength,
                at: e.from.clone(),
                what: format!("dropped: it ends the day it starts ({})", e.start),
            });
        }
        !empty
    });
    // 4. Overlaps: an episode ends where the child's next one begins.
    for k in 1..kept.len() {
        let (before, after) = kept.split_at_mut(k);
        let (Some(prev), Some(next)) = (before.last_mut(), after.first()) else { continue };
        if prev.child != next.child {
            continue;
        }
        let over = prev.end.is_none_or(|end| end > next.start);
        if over {
            let was = prev.end.map_or_else(|| "open".to_string(), |d| format!("ending {d}"));
            changes.push(Change {
                kind: ChangeKind::Overlap,
                at: prev.from.clone(),
                what: format!("{was}; now ends {} where the next episode ({}) begins", next.start, next.from),
            });
            prev.end = Some(next.start);
        }
    }
    // 6. Episodes of a child with no date of birth.
    kept.retain(|e| {
        let known = children.contains_key(&e.child);
        if !known {
            changes.push(Change {
                kind: ChangeKind::NoHeader,
                at: e.from.clone(),
                what: format!("dropped: no header row gives child {}'s date of birth", e.child),
            });
        }
        known
    });
    let with_episodes: std::collections::BTreeSet<&str> = kept.iter().map(|e| e.child.as_str()).collect();
    children.retain(|id, _| with_episodes.contains(id.as_str()));
    Records { children, episodes: kept, changes, ignored, first_year: None }
}
