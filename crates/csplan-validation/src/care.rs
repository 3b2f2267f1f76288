//! The child-level model's own inputs as typed on the Children in care page and the command
//! line: the reference window and the months to project.

use csplan_model::day::Day;

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
