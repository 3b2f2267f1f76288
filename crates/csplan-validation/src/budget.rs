//! Checks for the budget section, the consultation and a participant's response.

use csplan_model::fmt::short;
use csplan_model::{
    BalanceRule, Budget, Consultation, Decimal, LeverEffect, LeverKind, Money, Rate, Response, Scenario,
    MAX_COMMENT_CHARS, RESPONSE_SCHEMA,
};

use crate::{is_iso_date, Problem};

/// Largest budget or saving accepted, in pounds (£100 billion).
pub const MAX_BUDGET: i64 = 100_000_000_000;

/// Most levers, questions, workstreams or years accepted.
pub const MAX_ITEMS: usize = 200;

/// Presses of + from a lever's smallest value to its largest beyond which the step is
/// warned about as too small.
pub const MAX_PRESSES: u32 = 20;

/// Most values a stepped lever may offer ((max - min) / step + 1).
pub const MAX_STEPS: i64 = 1_000;

fn amount(out: &mut Vec<Problem>, path: &str, subject: &str, m: Money, allow_negative: bool) {
    let v = m.value();
    // Whole pence: a lever's money per unit divides its statutory-minimum limit, and a
    // positive figure as small as 1e-28 would make that overflow.
    if v.normalize().scale() > 2 {
        out.push(Problem::error(path, format!("{subject} must be in pounds and pence, like 1,250.50")));
    } else if !allow_negative && v < Decimal::ZERO {
        out.push(Problem::error(path, format!("{subject} must be £0 or more")));
    } else if v.abs() > Decimal::from(MAX_BUDGET) {
        out.push(Problem::error(path, format!("{subject} must be £100,000,000,000 or less")));
    }
}

fn percent(out: &mut Vec<Problem>, path: &str, subject: &str, r: Rate, min: i64, max: i64) {
    let v = r.value();
    if v < Decimal::from(min) || v > Decimal::from(max) {
        out.push(Problem::error(path, format!("{subject} must be between {min}% and {max}%")));
    }
}

fn label(name: &str, fallback: String) -> String {
    if name.trim().is_empty() {
        fallback
    } else {
        name.trim().to_string()
    }
}

pub(crate) fn validate_budget(out: &mut Vec<Problem>, b: &Budget) {
    let n = b.years.len();
    if n > 50 {
        out.push(Problem::error("budget.years", "Enter 50 plan years or fewer"));
    }
    for (i, y) in b.years.iter().enumerate() {
        if y.trim().is_empty() {
            out.push(Problem::error(
                format!("budget.years[{i}]"),
                format!("Enter a name for plan year {}, like 2022/23", i + 1),
            ));
        }
    }
    for (i, a) in b.areas.iter().enumerate() {
        let p = |f: &str| format!("budget.areas[{i}].{f}");
        let name = label(&a.name, format!("budget area {}", i + 1));
        if a.id.trim().is_empty() {
            out.push(Problem::error(p("id"), format!("Enter a short id for {name}, like csc")));
        } else if b.areas.iter().take(i).any(|o| o.id == a.id) {
            out.push(Problem::error(
                p("id"),
                format!("Budget area ids must be different; \u{201c}{}\u{201d} is used twice", a.id),
            ));
        }
        if a.name.trim().is_empty() {
            out.push(Problem::error(p("name"), format!("Enter a name for budget area {}", i + 1)));
        }
        if let Some(budget) = a.budget {
            amount(out, &p("budget"), &format!("The budget for {name}"), budget, false);
        } else if !a.funding {
            out.push(Problem::error(
                p("budget"),
                format!("Enter the budget for {name}, like 152,140,000, or mark it as a funding line"),
            ));
        }
        if let Some(min) = a.statutory_minimum {
            amount(out, &p("statutory_minimum"), &format!("The statutory minimum for {name}"), min, false);
            if a.budget.is_some_and(|budget| min > budget) {
                out.push(Problem::warning(
                    p("statutory_minimum"),
                    format!(
                        "The statutory minimum for {name} is more than its budget, so the budget is already below it"
                    ),
                ));
            }
        }
    }
    if b.workstreams.len() > MAX_ITEMS {
        out.push(Problem::error("budget.workstreams", "Enter 200 workstreams or fewer"));
    }
    for (i, w) in b.workstreams.iter().enumerate() {
        let p = |f: &str| format!("budget.workstreams[{i}].{f}");
        let name = label(&w.name, format!("workstream {}", i + 1));
        if w.name.trim().is_empty() {
            out.push(Problem::error(p("name"), format!("Enter a name for workstream {}", i + 1)));
        }
        if !b.areas.iter().any(|a| a.id == w.area) {
            out.push(Problem::error(p("area"), format!("Choose the budget area {name} saves from")));
        }
        amount(out, &p("amount"), &format!("The saving for {name}"), w.amount, false);
        if w.phasing.len() != n {
            out.push(Problem::error(
                p("phasing"),
                format!("Enter the share of {name} delivered in each of the {n} plan years (use 0 for none)"),
            ));
        }
        let mut total = Decimal::ZERO;
        for (j, share) in w.phasing.iter().enumerate() {
            percent(
                out,
                &format!("budget.workstreams[{i}].phasing[{j}]"),
                &format!("The share of {name} in a year"),
                *share,
                0,
                100,
            );
            total = total.checked_add(share.value()).unwrap_or(total);
        }
        if w.phasing.len() == n && n > 0 && total != Decimal::ONE_HUNDRED {
            out.push(Problem::warning(
                p("phasing"),
                format!(
                    "The phasing of {name} adds up to {}%, not 100%; the plan delivers only what is phased",
                    short(total, 2)
                ),
            ));
        }
    }
    let d = &b.delivery;
    percent(out, "budget.delivery.green", "The share delivered at green", d.green, 0, 100);
    percent(out, "budget.delivery.amber", "The share delivered at amber", d.amber, 0, 100);
    percent(out, "budget.delivery.red", "The share delivered at red", d.red, 0, 100);
    for (i, pr) in b.pressures.iter().enumerate() {
        let name = label(&pr.name, format!("pressure {}", i + 1));
        if pr.name.trim().is_empty() {
            out.push(Problem::error(
                format!("budget.pressures[{i}].name"),
                format!("Enter a name for pressure {}", i + 1),
            ));
        }
        if pr.amounts.len() != n {
            out.push(Problem::error(
                format!("budget.pressures[{i}].amounts"),
                format!("Enter {name} for each of the {n} plan years (use 0 for none)"),
            ));
        }
        for (j, m) in pr.amounts.iter().enumerate() {
            amount(out, &format!("budget.pressures[{i}].amounts[{j}]"), &format!("{name} in a year"), *m, true);
        }
    }
    if let Some(t) = &b.transport {
        amount(out, "budget.transport.base_adjustment", "The base adjustment", t.base_adjustment, true);
        amount(out, "budget.transport.growth_a_year", "Growth a year", t.growth_a_year, true);
        if let Some(dr) = &t.drivers {
            if dr.travellers < Decimal::ZERO || dr.travellers > Decimal::from(crate::MAX_QUANTITY) {
                out.push(Problem::error(
                    "budget.transport.drivers.travellers",
                    "SEN travellers must be between 0 and 1,000,000",
                ));
            }
            amount(out, "budget.transport.drivers.unit_cost", "The cost a traveller", dr.unit_cost, false);
            percent(
                out,
                "budget.transport.drivers.traveller_growth",
                "Growth in travellers a year",
                dr.traveller_growth,
                -99,
                100,
            );
            percent(
                out,
                "budget.transport.drivers.unit_cost_growth",
                "Growth in unit cost a year",
                dr.unit_cost_growth,
                -99,
                100,
            );
            if n > 30 {
                out.push(Problem::error("budget.years", "Drivers can be projected for 30 years or fewer"));
            }
        }
    }
}

/// Ids the participants' page and the editor beside it give their own fields
/// (`consultation-comment`, `consultation-title`, ...), which a choice's would repeat.
pub(crate) const RESERVED_IDS: [&str; 17] = [
    "id",
    "title",
    "council",
    "intro",
    "opens",
    "closes",
    "gap",
    "balance",
    "tolerance",
    "council_tax_yield",
    "collector_url",
    "send_to",
    "levers",
    "questions",
    "dates",
    "comment",
    "setup",
];

pub(crate) fn validate_consultation(out: &mut Vec<Problem>, s: &Scenario, c: &Consultation) {
    let p = |f: &str| format!("consultation.{f}");
    if c.id.trim().is_empty() {
        out.push(Problem::error(p("id"), "Enter a short id for the consultation, like budget-2021"));
    }
    if c.title.trim().is_empty() {
        out.push(Problem::error(p("title"), "Enter a title for the consultation"));
    }
    let (opens_ok, closes_ok) = (is_iso_date(&c.opens), is_iso_date(&c.closes));
    if !opens_ok {
        out.push(Problem::error(
            p("opens"),
            "Enter the date the consultation opens in the form YYYY-MM-DD, like 2021-06-07",
        ));
    }
    if !closes_ok {
        out.push(Problem::error(
            p("closes"),
            "Enter the date the consultation closes in the form YYYY-MM-DD, like 2021-07-18",
        ));
    }
    if opens_ok && closes_ok && c.closes < c.opens {
        out.push(Problem::error(p("closes"), "The closing date must be on or after the opening date"));
    }
    amount(out, &p("gap"), "The gap to close", c.gap, false);
    if let BalanceRule::Tolerance { amount: t } = c.balance {
        amount(out, "consultation.balance.amount", "The shortfall accepted", t, false);
    }
    if let Some(y) = c.council_tax_yield {
        amount(out, &p("council_tax_yield"), "What a 1% council tax rise raises", y, false);
    }
    if let Some(url) = &c.collector_url {
        let url = url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.chars().any(char::is_whitespace) {
            out.push(Problem::error(
                p("collector_url"),
                "Enter the collector's address as a web address starting https://",
            ));
        }
    }
    if c.levers.is_empty() {
        out.push(Problem::error(p("levers"), "Add at least one choice for participants"));
    }
    if c.levers.len() > MAX_ITEMS {
        out.push(Problem::error(p("levers"), "Offer 200 choices or fewer"));
    }
    for (i, l) in c.levers.iter().enumerate() {
        let lp = |f: &str| format!("consultation.levers[{i}].{f}");
        let name = label(&l.name, format!("choice {}", i + 1));
        if l.id.trim().is_empty() {
            out.push(Problem::error(lp("id"), format!("Enter a short id for {name}")));
        } else if RESERVED_IDS.contains(&l.id.trim()) {
            // A choice's field is `consultation-ID` on the page, as the page's own are.
            out.push(Problem::error(
                lp("id"),
                format!("The page uses \u{201c}{}\u{201d} itself; give {name} another id", l.id.trim()),
            ));
        } else if c.levers.iter().take(i).any(|o| o.id == l.id) {
            out.push(Problem::error(
                lp("id"),
                format!("Choice ids must be different; \u{201c}{}\u{201d} is used twice", l.id),
            ));
        }
        if l.name.trim().is_empty() {
            out.push(Problem::error(lp("name"), format!("Enter a name for choice {}", i + 1)));
        }
        let (min, max, step) = l.bounds();
        if matches!(l.kind, LeverKind::Proposal) && (l.min != min || l.max != max || l.step != step) {
            out.push(Problem::error(
                lp("max"),
                format!("{name} is a proposal: leave min, max and step out (it is accepted or not)"),
            ));
        }
        if step <= Decimal::ZERO {
            out.push(Problem::error(lp("step"), format!("The step for {name} must be greater than 0")));
        } else if max < min {
            out.push(Problem::error(lp("max"), format!("The largest value for {name} must be at least its smallest")));
        } else if let Some(count) = max.checked_sub(min).and_then(|r| r.checked_div(step)) {
            if count > Decimal::from(MAX_STEPS) {
                out.push(Problem::error(
                    lp("step"),
                    format!("{name} offers more than 1,000 values; use a larger step"),
                ));
            } else if count.fract() != Decimal::ZERO {
                out.push(Problem::error(
                    lp("max"),
                    format!("The largest value for {name} must be a whole number of steps from its smallest"),
                ));
            } else if count > Decimal::from(MAX_PRESSES) {
                // Council tax from 0 to 2.99 in steps of 0.01 is 299 presses of +.
                out.push(Problem::warning(
                    lp("step"),
                    format!(
                        "Reaching the largest value for {name} takes {} presses of +; a larger step is easier for participants (they can also type a value)",
                        count.normalize()
                    ),
                ));
            }
        }
        if l.kind != LeverKind::Principle && (l.start < min || l.start > max) {
            out.push(Problem::error(
                lp("start"),
                format!("The starting value for {name} must be between its smallest and largest"),
            ));
        }
        if let Some(v) = l.proposed {
            let (lo, hi, _) = l.bounds();
            if v < lo || v > hi {
                out.push(Problem::error(
                    lp("proposed"),
                    format!(
                        "The council's proposal for {name} must be between {} and {}",
                        lo.normalize(),
                        hi.normalize()
                    ),
                ));
            }
        }
        if l.kind == LeverKind::Principle {
            if l.per_unit.is_some() || l.effect.is_some() {
                out.push(Problem::error(
                    lp("per_unit"),
                    format!("{name} is a principle and has no money; remove its money and model"),
                ));
            }
        } else if l.per_unit.is_none() && l.effect.is_none() {
            out.push(Problem::error(
                lp("per_unit"),
                format!("Enter the money one unit of {name} saves or raises, or the model it uses"),
            ));
        }
        if let Some(m) = l.per_unit {
            amount(out, &lp("per_unit"), &format!("The money a unit of {name} saves"), m, true);
        }
        match l.effect {
            Some(LeverEffect::Caseload { team }) if team >= s.teams.len() => out.push(Problem::error(
                lp("effect"),
                format!("{name} adds social workers to team group {}, which does not exist", team + 1),
            )),
            Some(LeverEffect::Caseload { team })
                if l.per_unit.is_none()
                    && s.cost_per_fte.is_none()
                    && s.teams.get(team).is_some_and(|t| t.cost_per_fte.is_none()) =>
            {
                out.push(Problem::error(
                    lp("per_unit"),
                    format!("Enter the cost of a social worker for {name}, or a cost per FTE on the Caseloads page"),
                ))
            }
            Some(LeverEffect::Placements { line }) if s.placements.as_ref().is_none_or(|p| line >= p.lines.len()) => {
                out.push(Problem::error(
                    lp("effect"),
                    format!("{name} changes placement line {}, which does not exist", line + 1),
                ))
            }
            _ => {}
        }
        if let Some(area) = &l.area {
            if !s.budget.as_ref().is_some_and(|b| b.areas.iter().any(|a| &a.id == area)) {
                out.push(Problem::error(
                    lp("area"),
                    format!("{name} reduces budget area \u{201c}{area}\u{201d}, which does not exist"),
                ));
            }
        }
    }
    for (i, q) in c.questions.iter().enumerate() {
        let qp = |f: &str| format!("consultation.questions[{i}].{f}");
        if q.id.trim().is_empty() {
            out.push(Problem::error(qp("id"), format!("Enter a short id for question {}", i + 1)));
        } else if c.questions.iter().take(i).any(|o| o.id == q.id) {
            out.push(Problem::error(
                qp("id"),
                format!("Question ids must be different; \u{201c}{}\u{201d} is used twice", q.id),
            ));
        }
        if q.text.trim().is_empty() {
            out.push(Problem::error(qp("text"), format!("Enter the text of question {}", i + 1)));
        }
        if q.options.is_empty() || q.options.iter().any(|o| o.trim().is_empty()) {
            out.push(Problem::error(qp("options"), format!("Give question {} at least one answer, none blank", i + 1)));
        }
    }
}

/// The answer every "about you" question also offers.
pub const PREFER_NOT_TO_SAY: &str = "Prefer not to say";

/// Checks a response against the consultation it answers: the right consultation, each
/// choice a real lever at a value it offers, comments within length, answers offered.
/// (Whether a value breaks a statutory minimum and whether the budget balances are
/// calculated: see `csplan_calc::consultation`.)
pub fn validate_response(c: &Consultation, r: &Response) -> Vec<Problem> {
    let mut out = Vec::new();
    if r.schema != RESPONSE_SCHEMA {
        out.push(Problem::error(
            "schema",
            format!("This response uses format {}, but csplan reads format {RESPONSE_SCHEMA}", r.schema),
        ));
    }
    if r.consultation != c.id {
        out.push(Problem::error(
            "consultation",
            format!(
                "This response is to consultation \u{201c}{}\u{201d}, not \u{201c}{}\u{201d}",
                echo(&r.consultation),
                c.id
            ),
        ));
    }
    if r.choices.len() > MAX_ITEMS {
        out.push(Problem::error("choices", "A response can have 200 choices or fewer"));
    }
    for (i, choice) in r.choices.iter().enumerate() {
        let p = |f: &str| format!("choices[{i}].{f}");
        let Some(l) = c.levers.iter().find(|l| l.id == choice.lever) else {
            out.push(Problem::error(
                p("lever"),
                format!("There is no choice \u{201c}{}\u{201d} in this consultation", echo(&choice.lever)),
            ));
            continue;
        };
        if r.choices.iter().take(i).any(|o| o.lever == choice.lever) {
            out.push(Problem::error(p("lever"), format!("{} is answered twice", l.name)));
        }
        let (min, max, step) = l.bounds();
        if !offers(l, choice.value) {
            out.push(Problem::error(
                p("value"),
                format!(
                    "{} must be from {} to {} in steps of {}",
                    l.name,
                    short(min, 4),
                    short(max, 4),
                    short(step, 4)
                ),
            ));
        }
        if choice.comment.chars().count() > MAX_COMMENT_CHARS {
            out.push(Problem::error(
                p("comment"),
                format!("The comment on {} must be {MAX_COMMENT_CHARS} characters or fewer", l.name),
            ));
        }
    }
    if r.comment.chars().count() > MAX_COMMENT_CHARS {
        out.push(Problem::error("comment", format!("The comment must be {MAX_COMMENT_CHARS} characters or fewer")));
    }
    for (i, a) in r.about_you.iter().enumerate() {
        let p = format!("about_you[{i}]");
        match c.questions.iter().find(|q| q.id == a.question) {
            None => out.push(Problem::error(
                p,
                format!("There is no question \u{201c}{}\u{201d} in this consultation", echo(&a.question)),
            )),
            Some(q) if !q.options.contains(&a.answer) && a.answer != PREFER_NOT_TO_SAY => out.push(Problem::error(
                p,
                format!("\u{201c}{}\u{201d} is not one of the answers to \u{201c}{}\u{201d}", echo(&a.answer), q.text),
            )),
            Some(_) if r.about_you.iter().take(i).any(|o| o.question == a.question) => {
                out.push(Problem::error(p, "A question is answered twice"))
            }
            Some(_) => {}
        }
    }
    out
}

/// The longest part of a participant's own text a message repeats back.
pub const MAX_ECHO_CHARS: usize = 100;

/// A participant's text as a message quotes it: cut to [`MAX_ECHO_CHARS`] characters
/// (with "…"), so a message is never longer than the rule it states.
pub fn echo(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHO_CHARS) {
        Some((at, _)) => format!("{}\u{2026}", text.get(..at).unwrap_or_default()),
        None => text.to_string(),
    }
}

/// Reads what a participant typed for a stepped or income lever: a number within its
/// range, on a step. The message names the choice and says what to enter.
pub fn read_lever_value(lever: &csplan_model::Lever, text: &str) -> Result<Decimal, String> {
    let (min, max, step) = lever.bounds();
    let hint = format!(
        "Enter a number from {} to {} for {}{}",
        short(min, 4),
        short(max, 4),
        lever.name.to_lowercase(),
        if step == Decimal::ONE { String::new() } else { format!(", in steps of {}", short(step, 4)) }
    );
    let Some(value) = csplan_model::dec::parse_text(text.trim().trim_end_matches('%')) else { return Err(hint) };
    if !offers(lever, value) {
        return Err(hint);
    }
    Ok(value)
}

/// True when `value` is one the lever offers: within its bounds, a whole number of steps
/// from the smallest.
fn offers(lever: &csplan_model::Lever, value: Decimal) -> bool {
    let (min, max, step) = lever.bounds();
    let on_step =
        step > Decimal::ZERO && value.checked_sub(min).and_then(|d| d.checked_rem(step)).is_some_and(|r| r.is_zero());
    value >= min && value <= max && on_step
}
