//! Fields described once.
//!
//! Every input of a scenario form is one [`Field`] in its section's table: its key (the
//! last part of its [`Path`]), the label and hint a page shows, its [`Unit`], whether it
//! is required, optional or zero when blank ([`Need`]), the words a message uses for it
//! and an example. One table serves everything that needs to know about a field:
//!
//! - [`Reader`] reads the typed text into the scenario, with one rule for what stands in
//!   while a field is wrong (zero) and one wording for every message;
//! - [`value`] and [`set`] find and set a field's text by its path, which is how the web app
//!   binds an input to the form with nothing but the path, and [`visit`] lists every field
//!   in page order (which gives [`crate::form`] its problem order and the flat text the
//!   browser saves, [`crate::form_text`]). One walker serves every table: items are
//!   reached as [`Node`]s (`dyn Any`), so no code is repeated for each form type;
//! - the web app renders a section from its table with one generic field component.
//!
//! Paths are built with [`Path`] (`Path::root("workforce").at("roles", 0).field("name")` is
//! `workforce.roles[0].name`), never with `format!`.

use core::fmt::{self, Write as _};

use csplan_model::dec::parse_text;
use csplan_model::Decimal;

use crate::Problem;

/// Where a field is: `teams[1].target_caseload`, `workforce.roles[0].pipeline[2].fte`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path(String);

impl Path {
    /// A top-level field or section: `Path::root("cost_per_fte")`.
    pub fn root(key: &str) -> Self {
        Path(key.to_string())
    }

    /// The field `key` of this item: `teams[1]` + `cases` is `teams[1].cases`.
    pub fn field(&self, key: &str) -> Self {
        let mut p = self.0.clone();
        if !p.is_empty() {
            p.push('.');
        }
        p.push_str(key);
        Path(p)
    }

    /// Item `i` of the list `key`: `workforce` + (`roles`, 0) is `workforce.roles[0]`.
    pub fn at(&self, key: &str, i: usize) -> Self {
        self.field(key).index(i)
    }

    /// Element `i` of this list: `compare_targets` + 1 is `compare_targets[1]`.
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.0.clone();
        let _ = write!(p, "[{i}]");
        Path(p)
    }

    /// The path as text, as problems carry it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The HTML id of the field's input ([`crate::field_id`]).
    pub fn id(&self) -> String {
        crate::field_id(&self.0)
    }

    /// Reads a path from its text form (for problems, links and saved text).
    pub fn parse(text: &str) -> Self {
        Path(text.to_string())
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Path> for String {
    fn from(p: Path) -> String {
        p.0
    }
}

impl From<&Path> for String {
    fn from(p: &Path) -> String {
        p.0.clone()
    }
}

/// What a field holds, which decides how it is read, what its messages call it, and how
/// a page shows it (prefix, suffix, width, keyboard).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Pounds: `£` before the input.
    Money,
    /// Full-time equivalent staff: `FTE` after the input.
    Fte,
    /// A percentage: `%` after the input.
    Rate,
    /// A number of things (cases, children), fractions allowed.
    Count,
    /// A whole number (months, years).
    Whole,
    /// Words on one line.
    Text,
    /// Several lines of words.
    Paragraph,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// One of a list (a select or radios).
    Choice,
}

impl Unit {
    /// How a message describes a value of this unit: "an amount in pounds".
    pub fn phrase(self) -> &'static str {
        match self {
            Unit::Money => "an amount in pounds",
            Unit::Fte => "an FTE",
            Unit::Rate => "a percentage",
            Unit::Count => "a number",
            Unit::Whole => "a whole number",
            Unit::Date => "a date in the form YYYY-MM-DD",
            Unit::Text | Unit::Paragraph | Unit::Choice => "",
        }
    }

    /// True for units typed as figures (a decimal keyboard, no spellcheck).
    pub fn is_number(self) -> bool {
        matches!(self, Unit::Money | Unit::Fte | Unit::Rate | Unit::Count | Unit::Whole)
    }

    /// What is shown before the input.
    pub fn prefix(self) -> &'static str {
        if self == Unit::Money {
            "£"
        } else {
            ""
        }
    }

    /// What is shown after the input, unless the field says otherwise.
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Fte => "FTE",
            Unit::Rate => "%",
            _ => "",
        }
    }

    /// The GOV.UK input width (characters), unless the field says otherwise.
    pub fn width(self) -> u8 {
        match self {
            Unit::Money | Unit::Date => 10,
            Unit::Fte | Unit::Count => 5,
            Unit::Rate | Unit::Whole => 3,
            Unit::Text | Unit::Paragraph | Unit::Choice => 0,
        }
    }
}

/// Whether a field may be left blank, and what blank means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Blank is an error: "Enter ...".
    Required,
    /// Blank means "not given".
    Optional,
    /// Blank means 0.
    ZeroIfBlank,
}

/// What the message for a blank required field says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// "Enter {subject}, {phrase}, like {example}".
    Phrase,
    /// "Enter {these words}, like {example}".
    Plain(&'static str),
    /// "Enter {these words}".
    Fixed(&'static str),
}

/// Everything about one field except where its text is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Info {
    /// The last part of its path: `target_caseload`.
    pub key: &'static str,
    /// The label a page shows.
    pub label: &'static str,
    /// The hint under the label ("" for none).
    pub hint: &'static str,
    /// What it holds.
    pub unit: Unit,
    /// Whether it may be blank.
    pub need: Need,
    /// What a message calls it, `{}` standing for the item's name: "the establishment
    /// for {}". Messages capitalise the first letter where it starts a sentence.
    pub subject: &'static str,
    /// An example value for messages ("365.07").
    pub example: &'static str,
    /// How a message describes a valid value, when not the unit's own ("a number").
    pub phrase: &'static str,
    /// What a message for a blank required field says.
    pub missing: Missing,
    /// What is shown after the input, when not the unit's own ("months").
    pub suffix: &'static str,
    /// Input width in characters, when not the unit's own (0: the unit's; 100: full width;
    /// 66: two thirds).
    pub width: u8,
    /// Fields with the same row number sit side by side on a page (0: on its own line).
    pub row: u8,
}

impl Info {
    /// A required amount of money (the key comes from [`form!`]).
    pub const fn money(label: &'static str) -> Self {
        Self::new("", label, Unit::Money)
    }
    /// A required FTE.
    pub const fn fte(label: &'static str) -> Self {
        Self::new("", label, Unit::Fte)
    }
    /// A required percentage.
    pub const fn rate(label: &'static str) -> Self {
        Self::new("", label, Unit::Rate)
    }
    /// A required number of things.
    pub const fn count(label: &'static str) -> Self {
        Self::new("", label, Unit::Count)
    }
    /// A required whole number.
    pub const fn whole(label: &'static str) -> Self {
        Self::new("", label, Unit::Whole)
    }
    /// Words on one line (optional: words are checked by validation, not read).
    pub const fn words(label: &'static str) -> Self {
        Self::new("", label, Unit::Text).optional()
    }
    /// Several lines of words.
    pub const fn paragraph(label: &'static str) -> Self {
        Self::new("", label, Unit::Paragraph).optional()
    }
    /// A date.
    pub const fn date(label: &'static str) -> Self {
        Self::new("", label, Unit::Date)
    }
    /// A choice or checkbox.
    pub const fn choice(label: &'static str) -> Self {
        Self::new("", label, Unit::Choice)
    }
    /// Sets the key, if it has none yet.
    pub const fn keyed(mut self, key: &'static str) -> Self {
        if self.key.is_empty() {
            self.key = key;
        }
        self
    }
    /// Sets the key (for one that is not the field's name, like `drivers.travellers`).
    pub const fn key(mut self, key: &'static str) -> Self {
        self.key = key;
        self
    }

    /// A required field with no hint; the subject is the label.
    pub const fn new(key: &'static str, label: &'static str, unit: Unit) -> Self {
        Info {
            key,
            label,
            hint: "",
            unit,
            need: Need::Required,
            subject: label,
            example: "",
            phrase: "",
            missing: Missing::Phrase,
            suffix: "",
            width: 0,
            row: 0,
        }
    }
    /// Sets what messages call it.
    pub const fn subject(mut self, subject: &'static str) -> Self {
        self.subject = subject;
        self
    }
    /// Sets the example.
    pub const fn example(mut self, example: &'static str) -> Self {
        self.example = example;
        self
    }
    /// Sets the hint.
    pub const fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }
    /// Blank means "not given".
    pub const fn optional(mut self) -> Self {
        self.need = Need::Optional;
        self
    }
    /// Blank means 0.
    pub const fn or_zero(mut self) -> Self {
        self.need = Need::ZeroIfBlank;
        self
    }
    /// Sets how messages describe a valid value.
    pub const fn phrase(mut self, phrase: &'static str) -> Self {
        self.phrase = phrase;
        self
    }
    /// Sets the message for a blank required field.
    pub const fn missing(mut self, missing: Missing) -> Self {
        self.missing = missing;
        self
    }
    /// Sets what follows the input.
    pub const fn suffix(mut self, suffix: &'static str) -> Self {
        self.suffix = suffix;
        self
    }
    /// Sets the input width.
    pub const fn width(mut self, width: u8) -> Self {
        self.width = width;
        self
    }
    /// Puts the field in row `row`.
    pub const fn row(mut self, row: u8) -> Self {
        self.row = row;
        self
    }

    /// How messages describe a valid value.
    pub fn value_phrase(&self) -> &'static str {
        if self.phrase.is_empty() {
            self.unit.phrase()
        } else {
            self.phrase
        }
    }

    /// What follows the input on a page.
    pub fn shown_suffix(&self) -> &'static str {
        if self.suffix.is_empty() {
            self.unit.suffix()
        } else {
            self.suffix
        }
    }

    /// The input's width in characters (0: as wide as its container allows).
    pub fn shown_width(&self) -> u8 {
        if self.width == 0 {
            self.unit.width()
        } else {
            self.width
        }
    }

    /// The subject with the item's name put in: "the establishment for Social workers".
    /// The name is kept exactly as typed.
    pub fn subject_of(&self, of: &str) -> String {
        fill(self.subject, of)
    }

    /// The message for text that is not a valid value.
    pub fn not_valid(&self, of: &str) -> String {
        let mut m = capitalised(&self.subject_of(of));
        m.push_str(" must be ");
        m.push_str(self.value_phrase());
        self.like(&mut m);
        m
    }

    /// The message for a whole-number field given a fraction.
    pub fn not_whole(&self, of: &str) -> String {
        let mut m = capitalised(&self.subject_of(of));
        m.push_str(" must be a whole number");
        if self.value_phrase() != Unit::Whole.phrase() {
            m.push_str(", ");
            m.push_str(self.value_phrase());
        }
        self.like(&mut m);
        m
    }

    /// The message for a blank required field.
    pub fn blank(&self, of: &str) -> String {
        let mut m = String::from("Enter ");
        match self.missing {
            Missing::Phrase => {
                m.push_str(&self.subject_of(of));
                if !self.value_phrase().is_empty() {
                    m.push_str(", ");
                    m.push_str(self.value_phrase());
                }
                self.like(&mut m);
            }
            Missing::Plain(words) => {
                m.push_str(&fill(words, of));
                self.like(&mut m);
            }
            Missing::Fixed(words) => m.push_str(&fill(words, of)),
        }
        m
    }

    fn like(&self, m: &mut String) {
        if !self.example.is_empty() {
            m.push_str(", like ");
            m.push_str(self.example);
        }
    }
}

/// `template` with `{}` replaced by `of`.
fn fill(template: &str, of: &str) -> String {
    match template.split_once("{}") {
        Some((before, after)) => {
            let mut s = String::with_capacity(template.len() + of.len());
            s.push_str(before);
            s.push_str(of);
            s.push_str(after);
            s
        }
        None => template.to_string(),
    }
}

/// The first letter in capitals (ASCII only: the rest, and any name, is kept as typed).
pub fn capitalised(text: &str) -> String {
    let mut s = text.to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// An item of a form, as the field tables see it: any form type, reached through
/// `dyn Any`, so one walker (not one copy per form type) serves every table.
pub type Node = dyn core::any::Any;

/// How a field's value is kept in its item. Each accessor is given the item as a [`Node`]
/// and answers for its own type only (None, or false, for any other).
#[derive(Clone, Copy, Debug)]
pub enum Access {
    /// Typed text.
    Text(fn(&Node) -> Option<&String>, fn(&mut Node) -> Option<&mut String>),
    /// A checkbox.
    Flag(fn(&Node) -> Option<bool>, fn(&mut Node, bool) -> bool),
    /// One of a list, by its id; setting an id that is not in the list changes nothing
    /// and returns false.
    Choice(fn(&Node) -> Option<String>, fn(&mut Node, &str) -> bool),
}

/// A field: what it is, and where its value is kept.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// What it is.
    pub info: Info,
    /// Where its value is kept.
    pub access: Access,
}

impl Field {
    /// The field's text in `item` (a flag as `true`/`false`, a choice as its id).
    pub fn value(&self, item: &Node) -> Option<String> {
        match self.access {
            Access::Text(get, _) => get(item).cloned(),
            Access::Flag(get, _) => get(item).map(|on| if on { "true" } else { "false" }.to_string()),
            Access::Choice(get, _) => get(item),
        }
    }

    /// The typed text of a text field ("" for other kinds).
    pub fn typed<'a>(&self, item: &'a Node) -> &'a str {
        match self.access {
            Access::Text(get, _) => get(item).map_or("", String::as_str),
            _ => "",
        }
    }

    /// Sets the field from text as [`Field::value`] writes it; false if it does not fit.
    pub fn set(&self, item: &mut Node, value: &str) -> bool {
        match self.access {
            Access::Text(_, get_mut) => get_mut(item).map(|t| value.clone_into(t)).is_some(),
            Access::Flag(_, set) => match value {
                "true" => set(item, true),
                "false" => set(item, false),
                _ => false,
            },
            Access::Choice(_, set) => set(item, value),
        }
    }
}

/// A list of items in an item: `roles` in the workforce section.
#[derive(Debug)]
pub struct List {
    /// Its key in paths.
    pub key: &'static str,
    /// How many items it has.
    pub len: fn(&Node) -> usize,
    /// Item `i`.
    pub get: fn(&Node, usize) -> Option<&Node>,
    /// Item `i`, to change.
    pub get_mut: fn(&mut Node, usize) -> Option<&mut Node>,
    /// Adds a blank item at the end (when saved text names one that is not there yet).
    pub push: fn(&mut Node),
    /// The items' table.
    pub members: &'static [Member],
}

/// A list of typed texts in an item: `compare_targets`, a series' `values`. Each element
/// is described by `info` (its key is the list's).
#[derive(Debug)]
pub struct Texts {
    /// Its key in paths, and what each element is.
    pub info: Info,
    /// The texts.
    pub get: fn(&Node) -> Option<&Vec<String>>,
    /// The texts, to change.
    pub get_mut: fn(&mut Node) -> Option<&mut Vec<String>>,
}

/// An item that is there or not: `workforce` in a scenario, `retention` in a workforce.
#[derive(Debug)]
pub struct Part {
    /// Its key in paths.
    pub key: &'static str,
    /// The part, if there is one.
    pub get: fn(&Node) -> Option<&Node>,
    /// The part, to change.
    pub get_mut: fn(&mut Node) -> Option<&mut Node>,
    /// Adds a blank part (when saved text names one that is not there yet).
    pub make: fn(&mut Node),
    /// The part's table.
    pub members: &'static [Member],
}

/// One member of an item's table.
#[derive(Debug)]
pub enum Member {
    /// A field.
    Field(Field),
    /// A list of typed texts.
    Texts(Texts),
    /// A list of items.
    List(List),
    /// An item that is there or not.
    Part(Part),
}

impl Member {
    fn key(&self) -> &'static str {
        match self {
            Member::Field(f) => f.info.key,
            Member::Texts(t) => t.info.key,
            Member::List(l) => l.key,
            Member::Part(p) => p.key,
        }
    }
}

/// A type whose fields are described by a table, in the order a page shows them.
pub trait Item: Sized + 'static {
    /// Its fields, lists and parts.
    const MEMBERS: &'static [Member];
}

/// The first part of a relative path: `roles[2].name` is (`roles`, Some(2), `name`).
fn head(rest: &str) -> (&str, Option<usize>, &str) {
    let (first, tail) = rest.split_once('.').unwrap_or((rest, ""));
    match first.split_once('[') {
        Some((key, index)) => (key, index.strip_suffix(']').and_then(|n| n.parse().ok()), tail),
        None => (first, None, tail),
    }
}

/// The longest list a saved text may grow (guards against a damaged or hostile text
/// naming item 1,000,000,000).
pub const MAX_ITEMS: usize = 1000;

/// The member `rest` starts with: a field whose key is all of `rest` (keys may hold a
/// dot, `drivers.travellers`), or the list or part its first part names.
fn find<'a>(members: &'static [Member], rest: &'a str) -> Option<(&'static Member, Option<usize>, &'a str)> {
    if let Some(m) = members.iter().find(|m| matches!(m, Member::Field(f) if f.info.key == rest)) {
        return Some((m, None, ""));
    }
    let (key, index, tail) = head(rest);
    let m = members.iter().find(|m| !matches!(m, Member::Field(_)) && m.key() == key)?;
    Some((m, index, tail))
}

/// Calls `out` with the path and value of every field of `node` (described by `members`),
/// in page order.
pub fn visit(node: &Node, members: &'static [Member], at: &Path, out: &mut dyn FnMut(&Path, &str)) {
    for m in members {
        match m {
            Member::Field(f) => {
                if let Some(v) = f.value(node) {
                    out(&at.field(f.info.key), &v);
                }
            }
            Member::Texts(t) => {
                let list = at.field(t.info.key);
                for (i, v) in (t.get)(node).into_iter().flatten().enumerate() {
                    out(&list.index(i), v);
                }
            }
            Member::List(l) => {
                for i in 0..(l.len)(node) {
                    if let Some(item) = (l.get)(node, i) {
                        visit(item, l.members, &at.at(l.key, i), out);
                    }
                }
            }
            Member::Part(p) => {
                if let Some(part) = (p.get)(node) {
                    visit(part, p.members, &at.field(p.key), out);
                }
            }
        }
    }
}

/// The value at `rest` (a path relative to `node`) as [`visit`] gives it: typed text,
/// `true`/`false` for a checkbox, a choice's id.
pub fn value(node: &Node, members: &'static [Member], rest: &str) -> Option<String> {
    match find(members, rest)? {
        (Member::Field(f), _, _) => f.value(node),
        (Member::Texts(t), index, tail) => tail.is_empty().then(|| (t.get)(node)?.get(index?).cloned()).flatten(),
        (Member::List(l), index, tail) => value((l.get)(node, index?)?, l.members, tail),
        (Member::Part(p), None, tail) => value((p.get)(node)?, p.members, tail),
        (Member::Part(_), Some(_), _) => None,
    }
}

/// Sets the field at `rest` from text as [`value`] gives it. With `grow`, list items and
/// parts on the way are added if they are missing (reading saved text); without, a path to
/// something that is not there changes nothing. False if nothing was set.
pub fn set(node: &mut Node, members: &'static [Member], rest: &str, text: &str, grow: bool) -> bool {
    let Some(found) = find(members, rest) else { return false };
    match found {
        (Member::Field(f), _, _) => f.set(node, text),
        (Member::Texts(t), index, tail) => {
            let Some(i) = index.filter(|i| *i < MAX_ITEMS && tail.is_empty()) else { return false };
            let Some(list) = (t.get_mut)(node) else { return false };
            if list.len() <= i && grow {
                list.resize(i + 1, String::new());
            }
            list.get_mut(i).map(|slot| text.clone_into(slot)).is_some()
        }
        (Member::List(l), index, tail) => {
            let Some(i) = index.filter(|i| *i < MAX_ITEMS) else { return false };
            while grow && (l.len)(node) <= i {
                let before = (l.len)(node);
                (l.push)(node);
                if (l.len)(node) == before {
                    return false;
                }
            }
            (l.get_mut)(node, i).is_some_and(|item| set(item, l.members, tail, text, grow))
        }
        (Member::Part(p), None, tail) => {
            if grow && (p.get)(node).is_none() {
                (p.make)(node);
            }
            (p.get_mut)(node).is_some_and(|part| set(part, p.members, tail, text, grow))
        }
        (Member::Part(_), Some(_), _) => false,
    }
}

/// Reads typed text into figures, recording a problem for each field that cannot be
/// read. While a field is wrong its figure is zero (the stand-in); the problem says so,
/// and [`crate::form::ScenarioForm::check`] then says nothing more about its item.
#[derive(Debug)]
pub struct Reader<'a> {
    /// Where problems go.
    pub problems: &'a mut Vec<Problem>,
}

/// The figure a field that cannot be read stands at.
pub const STAND_IN: Decimal = Decimal::ZERO;

impl Reader<'_> {
    /// The field's figure: blank gives None when it is optional, zero when it is zero if
    /// blank, and a problem (and the stand-in) when it is required; text that is not a
    /// number gives a problem and the stand-in.
    pub fn number(&mut self, path: &Path, info: &Info, text: &str, of: &str) -> Option<Decimal> {
        if text.trim().is_empty() {
            return match info.need {
                Need::Optional => None,
                Need::ZeroIfBlank => Some(Decimal::ZERO),
                Need::Required => {
                    self.problems.push(Problem::error(path, info.blank(of)));
                    Some(STAND_IN)
                }
            };
        }
        match parse_text(text) {
            Some(v) => Some(v),
            None => {
                self.problems.push(Problem::error(path, info.not_valid(of)));
                Some(STAND_IN)
            }
        }
    }

    /// Field `f` of `item` (at `at`) as a figure; blank optional fields give zero.
    pub fn get(&mut self, at: &Path, f: &Field, item: &Node, of: &str) -> Decimal {
        self.number(&at.field(f.info.key), &f.info, f.typed(item), of).unwrap_or(Decimal::ZERO)
    }

    /// Field `f` of `item` (at `at`) as a figure, or None when blank and optional.
    pub fn opt(&mut self, at: &Path, f: &Field, item: &Node, of: &str) -> Option<Decimal> {
        self.number(&at.field(f.info.key), &f.info, f.typed(item), of)
    }

    /// A whole number (0 while it cannot be read).
    pub fn whole_at(&mut self, path: &Path, info: &Info, text: &str, of: &str) -> u32 {
        let before = self.problems.len();
        let value = self.number(path, info, text, of).unwrap_or(Decimal::ZERO);
        if self.problems.len() > before {
            return 0;
        }
        match value.normalize().to_string().parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                self.problems.push(Problem::error(path, info.not_whole(of)));
                0
            }
        }
    }

    /// Field `f` of `item` (at `at`) as a whole number.
    pub fn whole(&mut self, at: &Path, f: &Field, item: &Node, of: &str) -> u32 {
        self.whole_at(&at.field(f.info.key), &f.info, f.typed(item), of)
    }
}

/// A name for item `i` in messages and headings: its name as typed, or `"{noun} {i+1}"`.
pub fn label(name: &str, noun: &str, i: usize) -> String {
    let name = name.trim();
    if name.is_empty() {
        let mut s = noun.to_string();
        let _ = write!(s, " {}", i + 1);
        s
    } else {
        name.to_string()
    }
}

/// A value chosen from a list, kept in a form by its id (a select, radios).
pub trait Choice {
    /// The id of the value, as [`Walk::value`] gives it.
    fn id(&self) -> String;
    /// Sets the value from its id; false (and no change) if no value has that id.
    fn set_id(&mut self, id: &str) -> bool;
}

macro_rules! choice_by_id {
    ($($t:ty: $id:ident, $from:ident;)*) => {$(
        impl Choice for $t {
            fn id(&self) -> String {
                <$t>::$id(*self).to_string()
            }
            fn set_id(&mut self, id: &str) -> bool {
                <$t>::$from(id).map(|v| *self = v).is_some()
            }
        }
    )*};
}

choice_by_id! {
    csplan_model::Rounding: key, from_key;
    csplan_model::PlacementKind: id, from_id;
    csplan_model::DemandMeasure: id, from_id;
    csplan_model::ProjectionMethod: id, from_id;
    csplan_model::Risk: id, from_id;
}

impl Choice for String {
    fn id(&self) -> String {
        self.clone()
    }
    fn set_id(&mut self, id: &str) -> bool {
        id.clone_into(self);
        true
    }
}

impl Choice for Option<String> {
    fn id(&self) -> String {
        self.clone().unwrap_or_default()
    }
    fn set_id(&mut self, id: &str) -> bool {
        *self = Some(id.to_string()).filter(|v| !v.is_empty());
        true
    }
}

impl Choice for usize {
    fn id(&self) -> String {
        self.to_string()
    }
    fn set_id(&mut self, id: &str) -> bool {
        id.parse().map(|n| *self = n).is_ok()
    }
}

impl Choice for Option<usize> {
    fn id(&self) -> String {
        self.map(|n| n.to_string()).unwrap_or_default()
    }
    fn set_id(&mut self, id: &str) -> bool {
        if id.is_empty() {
            *self = None;
            return true;
        }
        id.parse().map(|n| *self = Some(n)).is_ok()
    }
}

/// Declares a form section once: the struct of typed text and, from the same lines, its
/// table of fields ([`Item`]). Each line is `name: kind(...)`:
///
/// - `text(info)`: typed text (`String`); `flag(info)`: a checkbox (`bool`);
///   `choice(Type, info)`: one of a list, `Type: Choice`; each also gives a const of the
///   same name describing it (`RoleForm::establishment`);
/// - `texts(info)`: a list of typed texts (`Vec<String>`), `info` describing each;
/// - `list(Type)` or `list(Type, push)`: a list of items (`Vec<Type>`); `push` adds a blank
///   one (by default, `Type::default()`);
/// - `part(Type)` or `part(Type, make)`: an item there or not (`Option<Type>`);
///   `always(Type)`: an item always there.
///
/// The field's key in paths is its name, unless `info` sets one (`.key("drivers.travellers")`).
#[macro_export]
macro_rules! form {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $( $field:ident : $kind:ident ( $($arg:tt)* ) ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        pub struct $name {
            $( #[doc = concat!("`", stringify!($field), "`: see the const of that name.")] pub $field: $crate::form_type!($kind $($arg)*), )*
        }
        #[allow(non_upper_case_globals)]
        impl $name {
            $( $crate::form_const!($name $field $kind $($arg)*); )*
        }
        impl $crate::fields::Item for $name {
            const MEMBERS: &'static [$crate::fields::Member] = &[
                $( $crate::form_member!($name $field $kind $($arg)*), )*
            ];
        }
    };
}

/// The Rust type of a [`form!`] field.
#[doc(hidden)]
#[macro_export]
macro_rules! form_type {
    (text $($x:tt)*) => { String };
    (flag $($x:tt)*) => { bool };
    (choice $t:ty, $($x:tt)*) => { $t };
    (texts $($x:tt)*) => { Vec<String> };
    (list $t:ty $(, $x:expr)?) => { Vec<$t> };
    (part $t:ty $(, $x:expr)?) => { Option<$t> };
    (always $t:ty) => { $t };
}

/// The const describing a [`form!`] field.
#[doc(hidden)]
#[macro_export]
macro_rules! form_const {
    ($s:ident $f:ident text $info:expr) => {
        #[doc = concat!("Describes `", stringify!($f), "`.")]
        pub const $f: $crate::fields::Field = $crate::fields::Field {
            info: $info.keyed(stringify!($f)),
            access: $crate::fields::Access::Text(
                |x| x.downcast_ref::<$s>().map(|x| &x.$f),
                |x| x.downcast_mut::<$s>().map(|x| &mut x.$f),
            ),
        };
    };
    ($s:ident $f:ident flag $info:expr) => {
        #[doc = concat!("Describes `", stringify!($f), "`.")]
        pub const $f: $crate::fields::Field = $crate::fields::Field {
            info: $info.keyed(stringify!($f)),
            access: $crate::fields::Access::Flag(
                |x| x.downcast_ref::<$s>().map(|x| x.$f),
                |x, on| x.downcast_mut::<$s>().map(|x| x.$f = on).is_some(),
            ),
        };
    };
    ($s:ident $f:ident choice $t:ty, $info:expr) => {
        #[doc = concat!("Describes `", stringify!($f), "`.")]
        pub const $f: $crate::fields::Field = $crate::fields::Field {
            info: $info.keyed(stringify!($f)),
            access: $crate::fields::Access::Choice(
                |x| x.downcast_ref::<$s>().map(|x| $crate::fields::Choice::id(&x.$f)),
                |x, v| x.downcast_mut::<$s>().is_some_and(|x| $crate::fields::Choice::set_id(&mut x.$f, v)),
            ),
        };
    };
    ($s:ident $f:ident texts $info:expr) => {
        #[doc = concat!("Describes each of `", stringify!($f), "`.")]
        pub const $f: $crate::fields::Info = $info.keyed(stringify!($f));
    };
    ($s:ident $f:ident $kind:ident $($x:tt)*) => {};
}

/// The table entry of a [`form!`] field.
#[doc(hidden)]
#[macro_export]
macro_rules! form_member {
    ($s:ident $f:ident texts $info:expr) => {
        $crate::fields::Member::Texts($crate::fields::Texts {
            info: $s::$f,
            get: |x| x.downcast_ref::<$s>().map(|x| &x.$f),
            get_mut: |x| x.downcast_mut::<$s>().map(|x| &mut x.$f),
        })
    };
    ($s:ident $f:ident list $t:ty) => {
        $crate::form_member!($s $f list $t, |x: &mut $s| x.$f.push(Default::default()))
    };
    ($s:ident $f:ident list $t:ty, $push:expr) => {
        $crate::fields::Member::List($crate::fields::List {
            key: stringify!($f),
            len: |x| x.downcast_ref::<$s>().map_or(0, |x| x.$f.len()),
            get: |x, i| x.downcast_ref::<$s>()?.$f.get(i).map(|v| v as &$crate::fields::Node),
            get_mut: |x, i| x.downcast_mut::<$s>()?.$f.get_mut(i).map(|v| v as &mut $crate::fields::Node),
            push: |x| {
                if let Some(x) = x.downcast_mut::<$s>() {
                    let push: fn(&mut $s) = $push;
                    push(x);
                }
            },
            members: <$t as $crate::fields::Item>::MEMBERS,
        })
    };
    ($s:ident $f:ident part $t:ty) => {
        $crate::form_member!($s $f part $t, |x: &mut $s| x.$f = Some(Default::default()))
    };
    ($s:ident $f:ident part $t:ty, $make:expr) => {
        $crate::fields::Member::Part($crate::fields::Part {
            key: stringify!($f),
            get: |x| x.downcast_ref::<$s>()?.$f.as_ref().map(|v| v as &$crate::fields::Node),
            get_mut: |x| x.downcast_mut::<$s>()?.$f.as_mut().map(|v| v as &mut $crate::fields::Node),
            make: |x| {
                if let Some(x) = x.downcast_mut::<$s>() {
                    let make: fn(&mut $s) = $make;
                    make(x);
                }
            },
            members: <$t as $crate::fields::Item>::MEMBERS,
        })
    };
    ($s:ident $f:ident always $t:ty) => {
        $crate::fields::Member::Part($crate::fields::Part {
            key: stringify!($f),
            get: |x| x.downcast_ref::<$s>().map(|x| &x.$f as &$crate::fields::Node),
            get_mut: |x| x.downcast_mut::<$s>().map(|x| &mut x.$f as &mut $crate::fields::Node),
            make: |_| {},
            members: <$t as $crate::fields::Item>::MEMBERS,
        })
    };
    ($s:ident $f:ident $kind:ident $($x:tt)*) => {
        $crate::fields::Member::Field($s::$f)
    };
}
