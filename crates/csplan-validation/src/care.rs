//! The child-level model's own inputs as typed on the Children in care page and the command
//! line: the reference window and the months to project.

use csplan_model::care::{AdjustBy, AdjustedRate, CareCategory, CareSetup, RateAdjustment};
use csplan_model::day::Day;
use csplan_model::Decimal;

use crate::Problem;

/// The window rates are fitted from, and how far to project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// First day (counted).
    pub from: Day,
    /// Last day (counted); the projection starts from the children in care that day.
    pub to: Day,
    /// Months to project.
    pub months: u32,
}

/// The most months projected.
pub const MAX_MONTHS: u32 = 120;

/// Reads a day as typed (`2017-04-01` or `01/04/2017`), or the problem at `path` saying
/// what `what` is and how to write it.
pub fn read_day(path: &str, what: &str, text: &str) -> Result<Day, Problem> {
    Day::parse(text).ok_or_else(|| {
        let shown: String = text.trim().chars().take(30).collect();
        let message = if shown.is_empty() {
            format!("Enter the {what}, like 2022-03-31")
        } else {
            format!("\u{201c}{shown}\u{201d} is not a date: enter the {what} like 2022-03-31")
        };
        Problem::error(path, message)
    })
}

/// Reads the window as typed: `care.from`, `care.to` and `care.months`, each problem naming
/// its field and how to put it right.
pub fn read_window(from: &str, to: &str, months: &str) -> Result<Window, Vec<Problem>> {
    let mut problems = Vec::new();
    let date = |problems: &mut Vec<Problem>, path: &str, what: &str, text: &str| {
        read_day(path, what, text).map_err(|p| problems.push(p)).ok()
    };
    let from = date(&mut problems, "care.from", "first day of the reference window", from);
    let to = date(&mut problems, "care.to", "last day of the reference window", to);
    let months = match months.trim().parse::<u32>() {
        Ok(m) if (1..=MAX_MONTHS).contains(&m) => Some(m),
        _ => {
            problems.push(Problem::error(
                "care.months",
                format!("Enter the months to project, a whole number from 1 to {MAX_MONTHS}"),
            ));
            None
        }
    };
    if let (Some(f), Some(t)) = (from, to) {
        if t <= f {
            problems.push(Problem::error("care.to", "The reference window must end after it starts"));
        }
    }
    match (from, to, months) {
        (Some(from), Some(to), Some(months)) if problems.is_empty() => Ok(Window { from, to, months }),
        _ => Err(problems),
    }
}

/// The window against the days the records cover (`covered`, from
/// `csplan_data::ssda903::Records::covered`): a window reaching past them would fit rates
/// from days the records do not hold, so too few children start, leave and move. Each
/// problem names its field, and the day to use.
pub fn check_window(window: &Window, covered: (Day, Day)) -> Vec<Problem> {
    let (first, last) = covered;
    let mut problems = Vec::new();
    if window.from < first {
        problems.push(Problem::error(
            "care.from",
            format!("The reference window must start on or after {first}, the first day the records cover"),
        ));
    }
    if window.to > last {
        problems.push(Problem::error(
            "care.to",
            format!("The reference window must end on or before {last}, the end of the last year the files hold"),
        ));
    }
    problems
}

/// The placement costs as typed for the projection, by category: the in-house and the
/// external cost, each a year or a week (`weekly`, times `weeks` in a year); and inflation a
/// year. Paths: `care.costs[c].in_house`, `care.costs[c].external`, `care.weeks`,
/// `care.inflation`. A cost left blank is not given; none may be negative.
pub fn read_costs(
    typed: &[(String, String)],
    names: &[String],
    weekly: bool,
    weeks: &str,
    inflation: &str,
) -> Result<csplan_model::care::CareCosts, Vec<Problem>> {
    use crate::fields::{Info, Path, Reader};
    const IN_HOUSE: Info = Info::money("In-house").optional().subject("the in-house cost for {}").example("45,000");
    const EXTERNAL: Info = Info::money("External").optional().subject("the external cost for {}").example("90,000");
    const WEEKS: Info = Info::count("Weeks in a year").subject("the weeks in a year").example("52 or 52.14");
    const INFLATION: Info = Info::rate("Inflation a year").or_zero().subject("inflation").example("3");
    let mut problems = Vec::new();
    let mut r = Reader { problems: &mut problems };
    let at = Path::root("care");
    let weeks = if weekly { r.number(&at.field("weeks"), &WEEKS, weeks, "") } else { None };
    let inflation = r.number(&at.field("inflation"), &INFLATION, inflation, "").unwrap_or_default();
    let mut annual = Vec::with_capacity(names.len());
    let mut negative = Vec::new();
    for (c, name) in names.iter().enumerate() {
        let (inside, outside) = typed.get(c).map_or(("", ""), |(i, o)| (i.as_str(), o.as_str()));
        let row = at.at("costs", c);
        let mut one = |info: &Info, key: &str, text: &str| {
            let path = row.field(key);
            let v = r.number(&path, info, text, name)?;
            if v.is_sign_negative() && !v.is_zero() {
                negative.push(Problem::error(
                    &path,
                    format!("{} cannot be negative", crate::fields::capitalised(&info.subject_of(name))),
                ));
            }
            let year = match weeks {
                Some(w) => v.checked_mul(w)?,
                None => v,
            };
            Some(csplan_model::Money::new(year))
        };
        annual.push((one(&IN_HOUSE, "in_house", inside), one(&EXTERNAL, "external", outside)));
    }
    if weeks.is_some_and(|w| w <= Decimal::ZERO) {
        problems.push(Problem::error("care.weeks", "The weeks in a year must be more than 0"));
    }
    if inflation.is_sign_negative() && !inflation.is_zero() {
        problems.push(Problem::error("care.inflation", "Inflation cannot be negative here; enter 0 for none"));
    }
    problems.extend(negative);
    if problems.is_empty() {
        Ok(csplan_model::care::CareCosts { annual, inflation: csplan_model::Rate::new(inflation) })
    } else {
        Err(problems)
    }
}

/// An adjustment as typed: which rate (`entrants`, `exits`, `moves`), the band (a name like
/// `16-18`, or blank or `all` for every band), the category (its id or name, or blank or
/// `all`), how (`multiply` or `add`) and the value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdjustmentText {
    /// Which rate.
    pub rate: String,
    /// The band.
    pub band: String,
    /// The category.
    pub category: String,
    /// `multiply` or `add`.
    pub by: String,
    /// The factor, or what is added a year.
    pub value: String,
}

impl AdjustmentText {
    /// An adjustment as the command line writes it, `RATE:BAND:CATEGORY:xFACTOR` or
    /// `RATE:BAND:CATEGORY:+AMOUNT` (`exits:16-18:fostering:x1.5`,
    /// `entrants:all:residential:+12`, `moves::supported:-0.1`).
    pub fn from_flag(text: &str) -> AdjustmentText {
        let mut parts = text.splitn(4, ':');
        let mut next = || parts.next().unwrap_or_default().trim().to_string();
        let (rate, band, category, how) = (next(), next(), next(), next());
        let (by, value) = match how.chars().next() {
            Some('x' | 'X' | '*') => ("multiply", how.get(1..).unwrap_or_default()),
            Some('+') => ("add", how.get(1..).unwrap_or_default()),
            Some('-') => ("add", how.as_str()),
            _ => ("", how.as_str()),
        };
        AdjustmentText { rate, band, category, by: by.into(), value: value.into() }
    }
}

/// The largest multiplier an adjustment takes.
pub const MAX_FACTOR: u32 = 1_000;
/// The most an adjustment adds or takes away a year (children, or chances for each child).
pub const MAX_ADDED: u32 = 100_000;

/// Reads the adjustments as typed against the setup's bands and categories. Paths:
/// `care.adjustments[i].rate`, `.band`, `.category`, `.by`, `.value`. A multiplier may not be
/// negative; an amount added may (fewer entrants), and what it leaves is checked when the
/// rates are adjusted (`csplan_calc::care::Rates::adjust`).
pub fn read_adjustments(typed: &[AdjustmentText], setup: &CareSetup) -> Result<Vec<RateAdjustment>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(typed.len());
    let all = |t: &str| t.trim().is_empty() || t.trim().eq_ignore_ascii_case("all");
    let bands = setup.band_names();
    for (i, t) in typed.iter().enumerate() {
        let at = crate::fields::Path::root("care").at("adjustments", i);
        let n = i + 1;
        let rate = match t.rate.trim().to_ascii_lowercase().as_str() {
            "entrants" => Some(AdjustedRate::Entrants),
            "exits" => Some(AdjustedRate::Exits),
            "moves" => Some(AdjustedRate::Moves),
            _ => {
                problems.push(Problem::error(
                    at.field("rate").as_str(),
                    format!("Choose which rate adjustment {n} changes: entrants, exits or moves"),
                ));
                None
            }
        };
        let band = if all(&t.band) {
            Some(None)
        } else if let Some(b) = bands.iter().position(|b| b == t.band.trim()) {
            Some(Some(b))
        } else {
            problems.push(Problem::error(
                at.field("band").as_str(),
                format!("Adjustment {n}'s age band must be one of {}, or all", bands.join(", ")),
            ));
            None
        };
        let category = if all(&t.category) {
            Some(None)
        } else if let Some(c) = setup.categories.iter().position(|c| {
            c.id.eq_ignore_ascii_case(t.category.trim()) || c.name.eq_ignore_ascii_case(t.category.trim())
        }) {
            Some(Some(c))
        } else {
            let names: Vec<&str> = setup.categories.iter().map(|c| c.id.as_str()).collect();
            let shown: String = t.category.trim().chars().take(30).collect();
            problems.push(Problem::error(
                at.field("category").as_str(),
                format!(
                    "Adjustment {n}'s category (\u{201c}{shown}\u{201d}) is not one of {}, or all: choose another",
                    names.join(", ")
                ),
            ));
            None
        };
        let by = match t.by.trim().to_ascii_lowercase().as_str() {
            "multiply" => Some(AdjustBy::Multiply),
            "add" => Some(AdjustBy::Add),
            _ => {
                problems.push(Problem::error(
                    at.field("by").as_str(),
                    format!("Choose whether adjustment {n} multiplies the rate or adds to it (x1.5 or +12 on the command line)"),
                ));
                None
            }
        };
        let shown: String = t.value.trim().chars().take(30).collect();
        let value = match csplan_model::dec::parse_text(&t.value) {
            Some(v) if by == Some(AdjustBy::Multiply) && v.is_sign_negative() && !v.is_zero() => {
                problems.push(Problem::error(
                    at.field("value").as_str(),
                    format!("Adjustment {n}'s multiplier cannot be negative: 0 stops the rate, 1 leaves it"),
                ));
                None
            }
            Some(v) if by == Some(AdjustBy::Multiply) && v > Decimal::from(MAX_FACTOR) => {
                problems.push(Problem::error(
                    at.field("value").as_str(),
                    format!("Adjustment {n}'s multiplier must be at most {MAX_FACTOR}"),
                ));
                None
            }
            Some(v) if by == Some(AdjustBy::Add) && v.abs() > Decimal::from(MAX_ADDED) => {
                problems.push(Problem::error(
                    at.field("value").as_str(),
                    format!("Adjustment {n} may add or take away at most {MAX_ADDED} a year"),
                ));
                None
            }
            Some(v) => Some(v),
            None => {
                let like = if by == Some(AdjustBy::Add) { "12 or -0.5" } else { "1.5" };
                let message = if shown.is_empty() {
                    format!("Enter adjustment {n}'s value, like {like}")
                } else {
                    format!("Adjustment {n}'s value must be a number like {like} (\u{201c}{shown}\u{201d} is not)")
                };
                problems.push(Problem::error(at.field("value").as_str(), message));
                None
            }
        };
        if let (Some(rate), Some(band), Some(category), Some(by), Some(value)) = (rate, band, category, by, value) {
            out.push(RateAdjustment { rate, band, category, by, value });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The age bands as typed, whole years rising from 0 (`0, 1, 5, 10, 16, 18`), at
/// `care.bands`.
pub fn read_bands(text: &str) -> Result<Vec<u32>, Problem> {
    let problem = |m: &str| Problem::error("care.bands", m);
    let bounds: Vec<u32> = text
        .split([',', ' '])
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| problem("Enter the age bands' bounds as whole years, like 0, 1, 5, 10, 16, 18"))?;
    check_bands(&bounds).map_err(|m| problem(&m))?;
    Ok(bounds)
}

/// The bands' rule: at least two bounds, rising from 0, the last at most 25.
fn check_bands(bounds: &[u32]) -> Result<(), String> {
    if bounds.len() < 2 || bounds.first() != Some(&0) {
        return Err("The age bands' bounds must start at 0 and have at least two, like 0, 1, 5, 10, 16, 18".into());
    }
    if bounds.windows(2).any(|w| w.first() >= w.get(1)) {
        return Err("Each of the age bands' bounds must be more than the one before".into());
    }
    if bounds.last().is_some_and(|l| *l > 25) {
        return Err("The last age band must end by 25 (care ends at 18; care leavers are supported to 25)".into());
    }
    Ok(())
}

/// A setup (from a file, or as typed) checked: the bands' rule, and categories with names,
/// distinct ids, no PLACE code in two, and only the last left to take every code the others
/// do not name. Paths: `care.bands`, `care.categories[i].name`, `care.categories[i].places`.
pub fn check_setup(setup: &CareSetup) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Err(m) = check_bands(&setup.bands) {
        problems.push(Problem::error("care.bands", m));
    }
    if setup.categories.is_empty() {
        problems.push(Problem::error("care.categories", "Add at least one category of placement"));
    }
    let last = setup.categories.len().saturating_sub(1);
    for (i, c) in setup.categories.iter().enumerate() {
        let at = crate::fields::Path::root("care").at("categories", i);
        let n = i + 1;
        if c.name.trim().is_empty() || c.id.trim().is_empty() {
            problems.push(Problem::error(at.field("name").as_str(), format!("Enter category {n}'s name")));
        } else if setup
            .categories
            .iter()
            .take(i)
            .any(|o| o.id.eq_ignore_ascii_case(&c.id) || o.name.trim().to_lowercase() == c.name.trim().to_lowercase())
        {
            problems.push(Problem::error(
                at.field("name").as_str(),
                format!("Category {n}, \u{201c}{}\u{201d}, has the same name as one before it", c.name),
            ));
        }
        if c.places.is_empty() && i != last {
            problems.push(Problem::error(
                at.field("places").as_str(),
                format!(
                    "Enter the PLACE codes in {}: only the last category may be left to take every other code",
                    c.name
                ),
            ));
        }
        for p in &c.places {
            let code = p.trim();
            if code.is_empty() || code.len() > 4 || !code.chars().all(|ch| ch.is_ascii_alphanumeric()) {
                let shown: String = code.chars().take(12).collect();
                problems.push(Problem::error(
                    at.field("places").as_str(),
                    format!(
                        "{}'s PLACE codes must be short codes like U1 or R2 (\u{201c}{shown}\u{201d} is not)",
                        c.name
                    ),
                ));
            } else if let Some(k) =
                setup.categories.iter().take(i).position(|o| o.places.iter().any(|q| q.eq_ignore_ascii_case(code)))
            {
                let other = setup.categories.get(k).map(|o| o.name.trim()).filter(|n| !n.is_empty());
                let other = other.map_or_else(|| format!("category {}", k + 1), str::to_string);
                problems.push(Problem::error(
                    at.field("places").as_str(),
                    format!("{code} is in {other} already: a PLACE code can be in one category only"),
                ));
            }
        }
    }
    problems
}

/// The setup as typed on the page: the bands' bounds, and each category's name and PLACE
/// codes (separated by spaces or commas). Each category's id comes from its name.
pub fn read_setup(bands: &str, categories: &[(String, String)]) -> Result<CareSetup, Vec<Problem>> {
    let mut problems = Vec::new();
    let bounds = read_bands(bands).map_err(|p| problems.push(p)).unwrap_or_default();
    // Each id from its name, made unique (`fostering`, `fostering-2`), as --adjust names them.
    let mut ids: Vec<String> = Vec::with_capacity(categories.len());
    for (name, _) in categories {
        let base = crate::share::slug(name);
        let mut id = base.clone();
        let mut k = 1;
        while ids.contains(&id) {
            k += 1;
            id = format!("{base}-{k}");
        }
        ids.push(id);
    }
    let categories: Vec<CareCategory> = categories
        .iter()
        .zip(ids)
        .map(|((name, places), id)| CareCategory {
            id,
            name: name.trim().to_string(),
            places: places
                .split([',', ' '])
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_ascii_uppercase())
                .collect(),
        })
        .collect();
    let setup = CareSetup { categories, bands: bounds };
    // The bands as typed were read above (and have their problem if wrong).
    let bands_read = problems.is_empty();
    problems.extend(check_setup(&setup).into_iter().filter(|p| p.path != "care.bands" || bands_read));
    if problems.is_empty() {
        Ok(setup)
    } else {
        Err(problems)
    }
}

/// A category as typed on the records page: its name, PLACE codes, and a placement's
/// in-house and external cost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryText {
    /// Its name.
    pub name: String,
    /// Its PLACE codes, separated by spaces or commas.
    pub places: String,
    /// An in-house placement's cost.
    pub in_house: String,
    /// An external placement's cost.
    pub external: String,
}

/// What a council sets on the records page, as typed, kept in the browser between visits
/// so that going to another page and back keeps it (the files are not kept, and no child's
/// record is in this): the months to project, the step, the bands, the categories with
/// their costs, the adjustments, and how costs are given. The reference window and the day
/// to forecast from come from each set of files, so they are not kept.
///
/// Kept as lines of tab-separated fields after a first line naming the format (so the
/// records page carries no JSON machinery): `months`, `step`, `bands`, `weekly`, `weeks`,
/// `inflation`, then a `category` line (name, codes, in-house, external) for each category
/// and an `adjustment` line (rate, band, category, how, value) for each adjustment; a tab,
/// a line end or a backslash typed in a field is escaped as the form text escapes it
/// ([`crate::form_text`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordsSettings {
    /// Months to project.
    pub months: String,
    /// `daily` or `monthly`.
    pub step: String,
    /// The bands' bounds.
    pub bands: String,
    /// The categories.
    pub categories: Vec<CategoryText>,
    /// The adjustments, in order.
    pub adjustments: Vec<AdjustmentText>,
    /// Costs are a week's.
    pub weekly: bool,
    /// Weeks in a year.
    pub weeks: String,
    /// Inflation a year, %.
    pub inflation: String,
}

impl Default for RecordsSettings {
    /// DfE's categories and bands, 24 months in daily steps, costs a year, no inflation.
    fn default() -> Self {
        let setup = CareSetup::default();
        RecordsSettings {
            months: "24".into(),
            step: "daily".into(),
            bands: setup.bands.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            categories: setup
                .categories
                .iter()
                .map(|c| CategoryText { name: c.name.clone(), places: c.places.join(" "), ..CategoryText::default() })
                .collect(),
            adjustments: Vec::new(),
            weekly: false,
            weeks: "52".into(),
            inflation: "0".into(),
        }
    }
}

/// The first line of kept settings.
const SETTINGS_FORMAT: &str = "csplan records-page settings 1";

impl RecordsSettings {
    /// The settings as kept.
    pub fn to_text(&self) -> String {
        let mut out = String::from(SETTINGS_FORMAT);
        let mut line = |fields: &[&str]| {
            out.push('\n');
            for (k, f) in fields.iter().enumerate() {
                if k > 0 {
                    out.push('\t');
                }
                crate::form_text::escape(f, &mut out);
            }
        };
        line(&["months", &self.months]);
        line(&["step", &self.step]);
        line(&["bands", &self.bands]);
        line(&["weekly", if self.weekly { "yes" } else { "no" }]);
        line(&["weeks", &self.weeks]);
        line(&["inflation", &self.inflation]);
        for c in &self.categories {
            line(&["category", &c.name, &c.places, &c.in_house, &c.external]);
        }
        for a in &self.adjustments {
            line(&["adjustment", &a.rate, &a.band, &a.category, &a.by, &a.value]);
        }
        out
    }

    /// Settings kept earlier, or the defaults when there are none or they cannot be read
    /// (another format, or storage edited by hand): never an error, never a panic. A line
    /// not understood is passed over.
    pub fn from_text(text: Option<&str>) -> Self {
        let mut out = RecordsSettings::default();
        let Some(text) = text else { return out };
        let mut lines = text.lines();
        if lines.next() != Some(SETTINGS_FORMAT) {
            return out;
        }
        let mut categories = Vec::new();
        for line in lines {
            let fields: Vec<String> = line.split('\t').map(crate::form_text::unescape).collect();
            let field = |k: usize| fields.get(k).cloned().unwrap_or_default();
            match fields.first().map(String::as_str) {
                Some("months") => out.months = field(1),
                Some("step") => out.step = field(1),
                Some("bands") => out.bands = field(1),
                Some("weekly") => out.weekly = field(1) == "yes",
                Some("weeks") => out.weeks = field(1),
                Some("inflation") => out.inflation = field(1),
                Some("category") => categories.push(CategoryText {
                    name: field(1),
                    places: field(2),
                    in_house: field(3),
                    external: field(4),
                }),
                Some("adjustment") => out.adjustments.push(AdjustmentText {
                    rate: field(1),
                    band: field(2),
                    category: field(3),
                    by: field(4),
                    value: field(5),
                }),
                _ => {}
            }
        }
        if !categories.is_empty() {
            out.categories = categories;
        }
        out
    }
}
