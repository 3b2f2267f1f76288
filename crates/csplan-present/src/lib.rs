//! Results as the reader sees them.
//!
//! Every results table is described once, here, as a [`Table`]: its caption, its columns,
//! and for each cell the text a person reads and the exact value behind it. The command
//! line prints a table as aligned text ([`Table::text`]), CSV ([`Table::csv`]) or JSON
//! ([`Table::json`]); the web app shows the same table with one component and offers the
//! same CSV. So the two cannot drift apart, and a CSV always carries exact figures (pounds
//! to the penny, unrounded rates) under plain-English headers, never display text.
//!
//! Chart geometry ([`chart`]) lives here too: what a chart draws is presentation.

use core::fmt::Write as _;

use csplan_model::Decimal;

pub mod chart;
pub mod responses;
pub mod tables;

/// What a column holds, which decides its CSV header's unit and its alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Words (row names, years, descriptions): left-aligned.
    Text,
    /// Pounds.
    Pounds,
    /// A percentage.
    Percent,
    /// Full-time equivalent staff.
    Fte,
    /// Any other number.
    Number,
}

impl Unit {
    /// What a CSV header adds to say the unit: " (£)", " (%)", " (FTE)".
    fn csv_suffix(self) -> &'static str {
        match self {
            Unit::Pounds => " (£)",
            Unit::Percent => " (%)",
            Unit::Fte => " (FTE)",
            Unit::Text | Unit::Number => "",
        }
    }
}

/// One column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The header a person reads.
    pub header: String,
    /// What it holds.
    pub unit: Unit,
}

impl Column {
    /// A column of `unit` headed `header`.
    pub fn new(header: impl Into<String>, unit: Unit) -> Self {
        Column { header: header.into(), unit }
    }

    /// True for columns of figures (right-aligned).
    pub fn numeric(&self) -> bool {
        self.unit != Unit::Text
    }

    /// The header a CSV file carries: the header with its unit, like "Cost a year (£)".
    pub fn csv_header(&self) -> String {
        let mut h = self.header.clone();
        let says = match self.unit {
            Unit::Pounds => h.contains('£'),
            Unit::Percent => h.contains('%'),
            Unit::Fte => h.contains("FTE"),
            Unit::Text | Unit::Number => true,
        };
        if !says && !h.ends_with(')') {
            h.push_str(self.unit.csv_suffix());
        }
        h
    }
}

/// One cell: the text shown and the exact value behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// What a person reads: "£1,683,652", "16.9%", "52 (published)".
    pub text: String,
    /// The exact figure, when the cell holds one.
    pub value: Option<Decimal>,
    /// True when the text only says there is no figure ("-", "not given"): CSV and JSON
    /// leave the cell empty.
    pub missing: bool,
    /// How the figure is reached, in words, for the web page to open from the cell
    /// ("14.47 extra FTE, rounded to the nearest whole post (halves round up) = 14 posts").
    pub working: Option<String>,
}

impl Cell {
    /// A cell of words.
    pub fn text(text: impl Into<String>) -> Self {
        Cell { text: text.into(), value: None, missing: false, working: None }
    }

    /// A figure shown as `text`.
    pub fn figure(value: Decimal, text: impl Into<String>) -> Self {
        Cell { text: text.into(), value: Some(value), missing: false, working: None }
    }

    /// The cell, with how its figure is reached.
    pub fn with_working(self, working: String) -> Self {
        Cell { working: Some(working), ..self }
    }

    /// No figure, shown as `text` ("-", "not given").
    pub fn missing(text: impl Into<String>) -> Self {
        Cell { text: text.into(), value: None, missing: true, working: None }
    }

    /// An empty cell.
    pub fn empty() -> Self {
        Cell::missing("")
    }

    /// What a CSV file holds for it: the exact figure, else the text (nothing for a
    /// missing figure).
    pub fn csv(&self) -> String {
        match self.value {
            Some(v) => v.normalize().to_string(),
            None if self.missing => String::new(),
            None => self.text.clone(),
        }
    }
}

/// A results table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// A short id: the web page's table is `{id}-table`, its CSV `csplan-{id}.csv`, and
    /// `csplan table {id}` prints it.
    pub id: &'static str,
    /// The caption.
    pub caption: String,
    /// The columns; the first holds each row's name.
    pub columns: Vec<Column>,
    /// The rows, one cell a column.
    pub rows: Vec<Vec<Cell>>,
    /// Lines that go with the table: how it is worked out, what a blank means.
    pub notes: Vec<String>,
}

impl Table {
    /// An empty table with its columns.
    pub fn new(id: &'static str, caption: impl Into<String>, columns: Vec<Column>) -> Self {
        Table { id, caption: caption.into(), columns, rows: Vec::new(), notes: Vec::new() }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// Adds a note.
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The text of the cell at row `i`, column `j` ("" outside the table).
    pub fn cell_text(&self, i: usize, j: usize) -> &str {
        self.rows.get(i).and_then(|r| r.get(j)).map_or("", |c| c.text.as_str())
    }

    /// How the figure in row `i`, column `j` is reached, if the table says.
    pub fn cell_working(&self, i: usize, j: usize) -> Option<&str> {
        self.rows.get(i).and_then(|r| r.get(j)).and_then(|c| c.working.as_deref())
    }

    /// The table as aligned text for a terminal: the caption, the header, a rule, the
    /// rows (names left-aligned, figures right-aligned), then the notes. A cell's line
    /// breaks are shown as spaces, so each row stays one line.
    pub fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.split_whitespace().collect::<Vec<_>>().join(" ")).collect())
            .collect();
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.header.chars().count()).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
            let mut first = true;
            let mut pending = String::new();
            for ((cell, width), column) in cells.zip(&widths).zip(&self.columns) {
                if !first {
                    pending.push_str("  ");
                }
                first = false;
                let pad = width.saturating_sub(cell.chars().count());
                if column.numeric() {
                    pending.push_str(&" ".repeat(pad));
                    pending.push_str(cell);
                } else {
                    pending.push_str(cell);
                    pending.push_str(&" ".repeat(pad));
                }
            }
            out.push_str(pending.trim_end());
            out.push('\n');
        };
        let mut out = String::new();
        if !self.caption.is_empty() {
            out.push_str(&self.caption);
            out.push('\n');
        }
        line(&mut out, &mut self.columns.iter().map(|c| c.header.as_str()));
        let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&mut out, &mut rules.iter().map(String::as_str));
        for row in &rows {
            line(&mut out, &mut row.iter().map(String::as_str));
        }
        for note in &self.notes {
            out.push_str(note);
            out.push('\n');
        }
        out
    }

    /// The table as CSV (RFC 4180): headers with their units, then each row with exact
    /// figures. A cell with a comma, quote or line break is quoted. A cell that a
    /// spreadsheet would read as a formula is written with a leading apostrophe
    /// ([`spreadsheet_safe`]).
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let headers: Vec<String> = self.columns.iter().map(Column::csv_header).collect();
        csv_line(&mut out, headers.iter().map(String::as_str));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(Cell::csv).collect();
            csv_line(&mut out, cells.iter().map(String::as_str));
        }
        out
    }

    /// The table as JSON: `{"id", "caption", "columns": [...], "rows": [{header: value}]}`,
    /// each value the exact figure as a string (as scenario files write decimals) or the
    /// text, and `notes`.
    pub fn json(&self) -> String {
        let mut out = String::from("{\n  \"id\": ");
        json_string(&mut out, self.id);
        out.push_str(",\n  \"caption\": ");
        json_string(&mut out, &self.caption);
        out.push_str(",\n  \"columns\": [");
        for (k, c) in self.columns.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            json_string(&mut out, &c.csv_header());
        }
        out.push_str("],\n  \"rows\": [");
        for (i, row) in self.rows.iter().enumerate() {
            out.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
            for (k, (c, cell)) in self.columns.iter().zip(row).enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                json_string(&mut out, &c.csv_header());
                out.push_str(": ");
                json_string(&mut out, &cell.csv());
            }
            out.push('}');
        }
        out.push_str(if self.rows.is_empty() { "],\n  \"notes\": [" } else { "\n  ],\n  \"notes\": [" });
        for (k, n) in self.notes.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            json_string(&mut out, n);
        }
        out.push_str("]\n}\n");
        out
    }
}

/// A CSV cell a spreadsheet will not run: text that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (and is not a number, like `-500`) gets a leading apostrophe, as
/// OWASP's advice on CSV injection says; `=HYPERLINK(...)` in a comment stays words.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    // A lone "-" (no figure) is not a formula.
    let formula =
        cell.len() > 1 && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<Decimal>().is_err();
    if formula {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Undoes [`spreadsheet_safe`]: a cell it marked with an apostrophe, read back as written.
pub fn from_spreadsheet_safe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if spreadsheet_safe(rest).len() > rest.len() => rest,
        _ => cell,
    }
}

/// The records of CSV `text` ([`csplan_data::csv::records`]).
pub fn csv_records(text: &str) -> Vec<Vec<String>> {
    csplan_data::csv::records(text)
}

fn csv_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (k, cell) in cells.enumerate() {
        if k > 0 {
            out.push(',');
        }
        let cell = spreadsheet_safe(cell);
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push('\n');
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
