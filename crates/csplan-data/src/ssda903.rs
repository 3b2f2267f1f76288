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
//! 1. the years are merged: a child's header row from the latest file is kept (a header
//!    file takes the year of the episodes file in its folder; a different date of birth in
//!    an earlier one is reported);
//! 2. an exact duplicate of an episode (every column the same) is dropped;
//! 3. the same episode in two files (same child and start; a year's file closes it at
//!    31 March, or leaves it open, and the next year's carries on) is kept once: the later
//!    file's row, which knows more;
//!    The files are put in the order of the latest day each records first, so the later
//!    year's file wins whatever order they are given in; within one file, the row with an
//!    end (the later end) wins; an episode that ends the day it starts is dropped;
//! 4. an episode that runs past the start of the child's next one ends where the next
//!    begins (an open one too);
//! 5. episodes still open at the end stay open; one whose child's rows stop in a year
//!    before the files' last (a file's year is the financial year of its latest day) is
//!    named too, as a year's return holds every episode open in it: the child may have
//!    left care unrecorded, or the later file may be missing rows. It is kept open;
//! 6. episodes of a child with no header row (so no date of birth) are dropped.
//!
//! A file that cannot be read gets a message naming the file, the row and the column;
//! nothing is read from any file until every file reads.

use std::collections::{BTreeMap, HashMap};

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
    /// carry: kept open (as step 5 keeps every open episode), and named to be checked.
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
                "episodes open at the end of a year's file that no later year's file carries: kept open, to check"
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

/// The columns read, by name.
const COLUMNS: [&str; 10] = ["CHILD", "SEX", "DOB", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC"];

/// A column read: its place in [`COLUMNS`].
#[derive(Clone, Copy)]
enum Col {
    Child,
    Sex,
    Dob,
    Decom,
    Rne,
    Ls,
    Place,
    Provider,
    Dec,
    Rec,
}

impl Col {
    fn name(self) -> &'static str {
        COLUMNS.get(self as usize).copied().unwrap_or_default()
    }
}

/// A file's columns: each wanted column's position, found once from its header line.
struct Columns([Option<usize>; 10]);

impl Columns {
    fn get<'r>(&self, col: Col, record: &crate::csv::Row<'r>) -> &'r str {
        self.0.get(col as usize).copied().flatten().and_then(|k| record.get(k)).map_or("", str::trim)
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
    let known = |code: &str| PLACE_CODES.binary_search(&code).is_ok() || extra_codes.iter().any(|c| c == code);
    let mut headers: Vec<Child> = Vec::new();
    let mut episodes: Vec<Episode> = Vec::new();
    // How many episodes each episodes file gave, in the order read.
    let mut per_file: Vec<usize> = Vec::new();
    // And each header file, with how many children it gave.
    let mut header_files: Vec<(String, usize)> = Vec::new();
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
        let records = crate::csv::table(text);
        let mut rows = records.rows().filter(|(_, r)| !r.is_blank());
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
        let wanted: &[Col] = match table {
            Table::Header => &[Col::Child, Col::Sex, Col::Dob],
            Table::Episodes => {
                &[Col::Child, Col::Decom, Col::Rne, Col::Ls, Col::Place, Col::Provider, Col::Dec, Col::Rec]
            }
        };
        let mut columns = Columns([None; 10]);
        let mut found = 0;
        for &col in wanted {
            let w = col.name();
            match names.iter().position(|n| n == w) {
                Some(k) => {
                    if let Some(slot) = columns.0.get_mut(col as usize) {
                        *slot = Some(k);
                        found += 1;
                    }
                }
                None => {
                    fail(&mut errors, name, Some(1), Some(w), format!("there is no {w} column; the table needs one"))
                }
            }
        }
        if found < wanted.len() {
            continue;
        }
        let (before, heads_before) = (episodes.len(), headers.len());
        for (line, record) in rows {
            let row = usize::try_from(line).unwrap_or(usize::MAX);
            let at = Source { file: name.clone(), row };
            let record = &record;
            let child = columns.get(Col::Child, record).to_string();
            if child.is_empty() {
                fail(&mut errors, name, Some(row), Some("CHILD"), "the child's id is blank".into());
                continue;
            }
            // A date column: `None` when blank, or why it is not a date.
            let date = |column: Col| -> Result<Option<Day>, String> {
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
                    let born = match date(Col::Dob) {
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
                    headers.push(Child { id: child, sex: columns.get(Col::Sex, record).to_string(), born, from: at });
                }
                Table::Episodes => {
                    let start = match date(Col::Decom) {
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
                    let end = match date(Col::Dec) {
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
                    let place = columns.get(Col::Place, record).to_ascii_uppercase();
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
                        reason_new: columns.get(Col::Rne, record).to_string(),
                        legal_status: columns.get(Col::Ls, record).to_string(),
                        place,
                        provider: columns.get(Col::Provider, record).to_ascii_uppercase(),
                        reason_end: columns.get(Col::Rec, record).to_string(),
                        from: at,
                    });
                }
            }
        }
        if episodes.len() > before {
            per_file.push(episodes.len() - before);
        }
        if headers.len() > heads_before {
            header_files.push((name.clone(), headers.len() - heads_before));
        }
    }
    // An episode cannot start before the child is born (a day and month swapped, say).
    let born: HashMap<&str, Day> = headers.iter().map(|h| (h.id.as_str(), h.born)).collect();
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
    // year's whatever order the files were given in (a stable sort: ties keep it). Each
    // file's episodes were read together, so they sort as one run.
    let mut runs: Vec<(Day, Vec<Episode>)> = Vec::with_capacity(per_file.len());
    let mut all = episodes.into_iter();
    for n in per_file {
        let list: Vec<Episode> = all.by_ref().take(n).collect();
        let latest = list.iter().map(|e| e.end.map_or(e.start, |end| end.max(e.start))).max();
        if let Some(day) = latest {
            runs.push((day, list));
        }
    }
    runs.sort_by_key(|(d, _)| *d);
    // Each child's last year in the files: the year of the latest file with a row of
    // theirs (before cleaning drops any row as a duplicate).
    let mut child_year: HashMap<String, Day> = HashMap::new();
    for (d, list) in &runs {
        let y = year_end(*d);
        for e in list {
            match child_year.get_mut(e.child.as_str()) {
                Some(at) => *at = (*at).max(y),
                None => {
                    child_year.insert(e.child.clone(), y);
                }
            }
        }
    }
    let last_year = runs.iter().map(|(d, _)| year_end(*d)).max();
    let first_year = runs.iter().map(|(d, _)| d.financial_year_start()).min();
    let headers = by_year(headers, &header_files, &runs);
    let episodes: Vec<Episode> = runs.into_iter().flat_map(|(_, list)| list).collect();
    let mut records = clean(headers, episodes, ignored);
    records.first_year = first_year;
    if let Some(last_year) = last_year {
        report_not_carried(&mut records, &child_year, last_year);
    }
    Ok(records)
}

/// The 31 March ending the financial year of `d`: the end of a year's file whose latest
/// day is `d`.
fn year_end(d: Day) -> Day {
    let (y, _, _) = d.financial_year_start().ymd();
    Day::from_ymd(y + 1, 3, 31).unwrap_or(d)
}

/// The header rows, each file's in the year order of the episodes file in its folder
/// (`2021/header.csv` with `2021/episodes.csv`), so that "the latest file's date of birth"
/// holds whatever order the files came in; files with no such partner (or all in one
/// folder) keep the order given, before the others.
fn by_year(headers: Vec<Child>, files: &[(String, usize)], runs: &[(Day, Vec<Episode>)]) -> Vec<Child> {
    let folder = |name: &str| name.rsplit_once(['/', '\\']).map_or("", |(f, _)| f).to_string();
    let mut latest: HashMap<String, Day> = HashMap::new();
    for (day, list) in runs {
        if let Some(e) = list.first() {
            let at = latest.entry(folder(&e.from.file)).or_insert(*day);
            *at = (*at).max(*day);
        }
    }
    // Folders of their own only: with everything in one folder, the given order stands.
    if latest.len() < 2 {
        return headers;
    }
    let mut all = headers.into_iter();
    let mut groups: Vec<(Option<Day>, Vec<Child>)> =
        files.iter().map(|(name, n)| (latest.get(&folder(name)).copied(), all.by_ref().take(*n).collect())).collect();
    groups.sort_by_key(|(day, _)| *day);
    groups.into_iter().flat_map(|(_, list)| list).collect()
}

/// `episodes` in order of child then start, a stable sort: each child's id is compared
/// once (ranked among the ids), not at every step of the sort.
fn by_child_then_start(episodes: Vec<Episode>) -> Vec<Episode> {
    let unique: std::collections::HashSet<&str> = episodes.iter().map(|e| e.child.as_str()).collect();
    let mut ids: Vec<&str> = unique.into_iter().collect();
    ids.sort_unstable();
    let rank: HashMap<&str, usize> = ids.iter().enumerate().map(|(k, id)| (*id, k)).collect();
    let mut order: Vec<(usize, Day, usize)> = episodes
        .iter()
        .enumerate()
        .map(|(i, e)| (rank.get(e.child.as_str()).copied().unwrap_or(usize::MAX), e.start, i))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Episode>> = episodes.into_iter().map(Some).collect();
    order.into_iter().filter_map(|(_, _, i)| slots.get_mut(i).and_then(Option::take)).collect()
}

/// Step 5: a child's last episode, left open, when the child's rows stop in a year before
/// the files' last (`last_year`), is named (and kept open).
fn report_not_carried(records: &mut Records, child_year: &HashMap<String, Day>, last_year: Day) {
    for (k, e) in records.episodes.iter().enumerate() {
        let later_of_child = records.episodes.get(k + 1).is_some_and(|n| e.child == n.child);
        if e.end.is_some() || later_of_child {
            continue;
        }
        let Some(&their_last) = child_year.get(e.child.as_str()) else { continue };
        if their_last < last_year && e.start <= their_last {
            records.changes.push(Change {
                kind: ChangeKind::NotCarried,
                at: e.from.clone(),
                what: format!(
                    "open at {their_last}, the end of the last year with a row of child {}'s, and in no later year's file: kept open; check whether the child left care then",
                    e.child
                ),
            });
        }
    }
    records.changes.sort_by_key(|c| c.kind);
}

/// Steps 1 to 6 of the module's cleaning.
fn clean(headers: Vec<Child>, episodes: Vec<Episode>, ignored: Vec<String>) -> Records {
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
    // 2. Exact duplicates; then 3. the same episode in two files. Sorting by child and
    //    start (a stable sort) keeps the files' order among episodes with the same child
    //    and start: an exact duplicate is one of those, and the first read is kept.
    let episodes = by_child_then_start(episodes);
    let same = |a: &Episode, b: &Episode| {
        (a.end, &a.place, &a.provider, &a.legal_status, &a.reason_new, &a.reason_end)
            == (b.end, &b.place, &b.provider, &b.legal_status, &b.reason_new, &b.reason_end)
    };
    let mut unique: Vec<Episode> = Vec::with_capacity(episodes.len());
    let mut run = 0;
    for e in episodes {
        if unique.last().is_none_or(|l| (&l.child, l.start) != (&e.child, e.start)) {
            run = unique.len();
        }
        match unique.get(run..).unwrap_or_default().iter().find(|k| same(k, &e)) {
            Some(first) => changes.push(Change {
                kind: ChangeKind::Duplicate,
                at: e.from.clone(),
                what: format!("dropped: the same episode as {}", first.from),
            }),
            None => unique.push(e),
        }
    }
    let episodes = unique;
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
    let mut last: Option<(String, bool)> = None;
    kept.retain(|e| {
        let known = match &last {
            Some((id, known)) if *id == e.child => *known,
            _ => {
                let known = children.contains_key(&e.child);
                last = Some((e.child.clone(), known));
                known
            }
        };
        if !known {
            changes.push(Change {
                kind: ChangeKind::NoHeader,
                at: e.from.clone(),
                what: format!("dropped: no header row gives child {}'s date of birth", e.child),
            });
        }
        known
    });
    // The episodes are in child order, so their ids are too.
    let mut with_episodes: Vec<&str> = kept.iter().map(|e| e.child.as_str()).collect();
    with_episodes.dedup();
    children.retain(|id, _| with_episodes.binary_search(&id.as_str()).is_ok());
    Records { children, episodes: kept, changes, ignored, first_year: None }
}
