//! The child-level model's own inputs as typed on the Children in care page and the command
//! line: the reference window and the months to project.

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
            format!("The {what} must be a date like 2022-03-31 (\u{201c}{shown}\u{201d} is not)")
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
