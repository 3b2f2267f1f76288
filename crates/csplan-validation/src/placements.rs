//! Checks of the placements, budget history and invest-to-save sections.

use csplan_model::{Decimal, Money, Rate, Scenario};

use crate::{non_negative_quantity, Problem};

/// Largest budget or spend accepted, in pounds.
pub const MAX_BUDGET: i64 = 1_000_000_000_000;

fn money(out: &mut Vec<Problem>, path: &str, subject: &str, m: Money) {
    let v = m.value();
    if v.is_sign_negative() && !v.is_zero() {
        out.push(Problem::error(path, format!("{subject} must be £0 or more")));
    } else if v > Decimal::from(MAX_BUDGET) {
        out.push(Problem::error(path, format!("{subject} must be £1,000,000,000,000 or less")));
    }
}

fn percent(out: &mut Vec<Problem>, path: &str, subject: &str, r: Rate) {
    let v = r.value();
    if v.is_sign_negative() && !v.is_zero() || v > Decimal::ONE_HUNDRED {
        out.push(Problem::error(path, format!("{subject} must be a percentage from 0 to 100")));
    }
}

pub(crate) fn validate_cost_of_care(out: &mut Vec<Problem>, s: &Scenario) {
    if let Some(p) = &s.placements {
        if p.weeks_per_year < Decimal::ONE || p.weeks_per_year > Decimal::from(53) {
            out.push(Problem::error(
                "placements.weeks_per_year",
                "Enter the weeks in a year from 1 to 53, like 52 or 52.14",
            ));
        }
        for (i, line) in p.lines.iter().enumerate() {
            let path = |f: &str| format!("placements.lines[{i}].{f}");
            let label =
                if line.name.trim().is_empty() { format!("line {}", i + 1) } else { line.name.trim().to_string() };
            if line.name.trim().is_empty() {
                out.push(Problem::error(path("name"), format!("Enter a name for placement line {}", i + 1)));
            }
            non_negative_quantity(
                out,
                &path("number"),
                "The number of placements",
                &format!(" for {label}"),
                line.number,
            );
            let unit = match line.unit_cost {
                csplan_model::UnitCost::Annual(m) | csplan_model::UnitCost::Weekly(m) => m,
            };
            money(out, &path("unit_cost"), &format!("The unit cost for {label}"), unit);
            if let Some(f) = line.forecast {
                money(out, &path("forecast"), &format!("The forecast for {label}"), f);
            }
            if let Some(b) = line.budget {
                money(out, &path("budget"), &format!("The budget for {label}"), b);
            }
            if let Some(g) = &line.group {
                if !p.budget_groups.iter().any(|bg| &bg.id == g) {
                    out.push(Problem::error(
                        path("group"),
                        format!("{label} is budgeted in group \u{201c}{g}\u{201d}, which does not exist. Add the group or clear it"),
                    ));
                }
                if line.budget.is_some() {
                    out.push(Problem::warning(
                        path("budget"),
                        format!("{label} has its own budget and is in a budget group, so its budget is counted twice; keep one"),
                    ));
                }
            }
        }
        for (j, c) in p.changes.iter().enumerate() {
            let path = |f: &str| format!("placements.changes[{j}].{f}");
            if c.line >= p.lines.len() {
                out.push(Problem::error(
                    path("line"),
                    format!("Change {} refers to placement line {}, which does not exist", j + 1, c.line + 1),
                ));
            }
            if let Some(to) = c.to {
                if to >= p.lines.len() {
                    out.push(Problem::error(
                        path("to"),
                        format!("Change {} moves children to line {}, which does not exist", j + 1, to + 1),
                    ));
                } else if to == c.line {
                    out.push(Problem::error(
                        path("to"),
                        format!("Change {} moves children to the line they are in; choose another", j + 1),
                    ));
                }
                if c.number.is_sign_negative() {
                    out.push(Problem::error(
                        path("number"),
                        format!("Enter the number of children moved in change {} as 0 or more", j + 1),
                    ));
                }
            }
            if c.number.abs() > Decimal::from(crate::MAX_QUANTITY) {
                out.push(Problem::error(
                    path("number"),
                    format!("Change {} must be 1,000,000 placements or fewer", j + 1),
                ));
            }
            let available = p.lines.get(c.line).map(|l| l.number).unwrap_or_default();
            let removed = if c.to.is_some() { c.number } else { -c.number };
            if removed > available {
                out.push(Problem::warning(
                    path("number"),
                    format!("Change {} takes {removed} placements from a line that has {available}", j + 1),
                ));
            }
        }
        percent(out, "placements.inflation", "Inflation", p.inflation);
        if p.years == 0 || p.years > 20 {
            out.push(Problem::error("placements.years", "Enter the years to forecast, from 1 to 20"));
        }
        for (i, g) in p.budget_groups.iter().enumerate() {
            let path = |f: &str| format!("placements.budget_groups[{i}].{f}");
            if g.id.trim().is_empty() {
                out.push(Problem::error(path("id"), format!("Enter a short id for budget group {}", i + 1)));
            } else if p.budget_groups.iter().take(i).any(|o| o.id == g.id) {
                out.push(Problem::error(
                    path("id"),
                    format!("Budget group ids must be different; \u{201c}{}\u{201d} is used twice", g.id),
                ));
            }
            money(out, &path("budget"), &format!("The budget for {}", g.name), g.budget);
        }
    }
    for (i, y) in s.budget_history.iter().enumerate() {
        let path = |f: &str| format!("budget_history[{i}].{f}");
        if y.year.trim().is_empty() {
            out.push(Problem::error(path("year"), format!("Enter the financial year for row {}, like 2016/17", i + 1)));
        }
        if y.budget.value() <= Decimal::ZERO {
            out.push(Problem::error(path("budget"), format!("Enter a budget greater than £0 for {}", y.year)));
        } else {
            money(out, &path("budget"), &format!("The budget for {}", y.year), y.budget);
        }
        money(out, &path("spend"), &format!("The spend for {}", y.year), y.spend);
    }
    if let Some(i) = &s.invest_to_save {
        let path = |f: &str| format!("invest_to_save.{f}");
        match (i.cost_per_year, i.posts, i.cost_per_post) {
            (Some(c), _, None) => money(out, &path("cost_per_year"), "The cost a year", c),
            (Some(_), _, Some(_)) => out.push(Problem::error(
                path("cost_per_post"),
                "Give the cost a year, or the posts and the cost of a post: not both",
            )),
            (None, Some(_), Some(per)) => money(out, &path("cost_per_post"), "The cost of a post", per),
            (None, Some(_), None) => {
                out.push(Problem::error(path("cost_per_post"), "Enter the cost of a post a year, or the cost a year"))
            }
            (None, None, Some(_)) => {
                out.push(Problem::error(path("posts"), "Enter the number of posts, or the cost a year"))
            }
            (None, None, None) => out.push(Problem::error(
                path("cost_per_year"),
                "Enter the cost a year, or the posts and the cost of a post",
            )),
        }
        if let Some(posts) = i.posts {
            crate::positive_quantity(out, &path("posts"), "a number of posts", "", posts);
        }
        money(out, &path("one_off"), "The one-off cost", i.one_off);
        if i.years == 0 || i.years > 50 {
            out.push(Problem::error(path("years"), "Enter the years the investment runs, from 1 to 50"));
        }
        let ways = [i.avoided_unit_cost.is_some(), i.avoided_weekly_cost.is_some(), i.avoided_line.is_some()];
        match ways.iter().filter(|w| **w).count() {
            0 => out.push(Problem::error(
                path("avoided_unit_cost"),
                "Enter the cost of a placement avoided: a year, a week, or a placement line's",
            )),
            1 => {}
            _ => out.push(Problem::error(
                path(if i.avoided_line.is_some() { "avoided_line" } else { "avoided_weekly_cost" }),
                "Give the cost of a placement avoided one way: a year, a week, or a placement line's",
            )),
        }
        for (field, what, cost) in [
            ("avoided_unit_cost", "The cost of a placement avoided a year", i.avoided_unit_cost),
            ("avoided_weekly_cost", "The cost of a placement avoided a week", i.avoided_weekly_cost),
        ] {
            match cost {
                Some(c) if c.value() <= Decimal::ZERO => {
                    out.push(Problem::error(path(field), format!("{what} must be greater than £0")))
                }
                Some(c) => money(out, &path(field), what, c),
                None => {}
            }
        }
        if let Some(line) = i.avoided_line {
            if s.placements.as_ref().is_none_or(|p| line >= p.lines.len()) {
                out.push(Problem::error(
                    path("avoided_line"),
                    format!("The placement avoided is costed from placement line {}, which does not exist", line + 1),
                ));
            }
        }
        for (j, a) in i.avoided_per_year.iter().enumerate() {
            non_negative_quantity(
                out,
                &format!("invest_to_save.avoided_per_year[{j}]"),
                "Placements avoided",
                &format!(" in year {}", j + 1),
                *a,
            );
        }
        percent(out, &path("delivery_risk"), "The delivery risk", i.delivery_risk);
        percent(out, &path("discount_rate"), "The discount rate", i.discount_rate);
    }
}

pub(crate) fn validate_demand(out: &mut Vec<Problem>, s: &Scenario) {
    let Some(d) = &s.demand else { return };
    if d.years.is_empty() {
        out.push(Problem::error("demand.years", "Enter at least one year for the demand series"));
    }
    let parsed: Option<Vec<u16>> = d.years.iter().map(|y| csplan_model::demand::dfe_year(y)).collect();
    if let Some(p) = parsed.filter(|p| p.len() >= 2 && csplan_model::demand::year_step(&d.years) == 1) {
        let even = p.windows(2).all(|w| matches!(w, [a, b] if b.checked_sub(*a) == Some(1)));
        if !even {
            out.push(Problem::warning(
                "demand.years",
                format!(
                    "The years ({}) are not evenly spaced; growth a year and the projections treat them as one year apart",
                    d.years.join(", ")
                ),
            ));
        }
    }
    if d.projection_years == 0 || d.projection_years > 20 {
        out.push(Problem::error("demand.projection_years", "Enter the years to project, from 1 to 20"));
    }
    for (i, x) in d.series.iter().enumerate() {
        let path = |f: &str| format!("demand.series[{i}].{f}");
        if x.values.len() != d.years.len() {
            out.push(Problem::error(
                path("values"),
                format!(
                    "Give one value for each of the {} years in series {} (it has {})",
                    d.years.len(),
                    i + 1,
                    x.values.len()
                ),
            ));
        }
        for (j, v) in x.values.iter().enumerate() {
            non_negative_quantity(out, &format!("demand.series[{i}].values[{j}]"), "A demand figure", "", *v);
        }
        non_negative_quantity(out, &path("cases_per_unit"), "Cases per unit", "", x.cases_per_unit);
        if x.method == csplan_model::ProjectionMethod::PopulationScaled {
            let population =
                d.series.iter().find(|p| p.measure == csplan_model::DemandMeasure::Population && p.age_band.is_none());
            match population {
                None => out.push(Problem::error(
                    path("method"),
                    format!("Series {} is projected with the population, so add a 0-17 population series (all ages) or choose another method", i + 1),
                )),
                Some(p) if p.values.last().is_none_or(|v| *v <= Decimal::ZERO) => out.push(Problem::error(
                    path("method"),
                    format!("Series {} is projected with the population, so the population's last year must be greater than 0", i + 1),
                )),
                Some(_) => {}
            }
        }
    }
    match (d.case_holding_fte, d.target_caseload) {
        (Some(fte), Some(target)) => {
            crate::positive_quantity(out, "demand.case_holding_fte", "a case-holding FTE", "", fte.value());
            crate::positive_quantity(out, "demand.target_caseload", "a target caseload", "", target);
        }
        (Some(_), None) => out.push(Problem::warning(
            "demand.target_caseload",
            "Enter a target caseload as well as the case-holding FTE to see the posts projected demand needs",
        )),
        (None, Some(_)) => out.push(Problem::warning(
            "demand.case_holding_fte",
            "Enter the case-holding FTE as well as the target caseload to see the posts projected demand needs",
        )),
        (None, None) => {}
    }
}

pub(crate) fn validate_care_flows(out: &mut Vec<Problem>, s: &Scenario) {
    let Some(c) = &s.care_flows else { return };
    if c.types.is_empty() {
        out.push(Problem::error("care_flows.types", "Add at least one placement type to the stock-flow model"));
    }
    if c.months == 0 || c.months > 120 {
        out.push(Problem::error("care_flows.months", "Enter the months to project, from 1 to 120"));
    }
    for (i, t) in c.types.iter().enumerate() {
        let path = |f: &str| format!("care_flows.types[{i}].{f}");
        let label = if t.name.trim().is_empty() { format!("type {}", i + 1) } else { t.name.trim().to_string() };
        if t.name.trim().is_empty() {
            out.push(Problem::error(path("name"), format!("Enter a name for placement type {}", i + 1)));
        }
        non_negative_quantity(out, &path("children"), "Children", &format!(" in {label}"), t.children);
        non_negative_quantity(
            out,
            &path("entrants_per_month"),
            "Entrants a month",
            &format!(" to {label}"),
            t.entrants_per_month,
        );
        percent(out, &path("exit_rate"), &format!("The exit rate from {label}"), t.exit_rate);
        if let Some(cost) = t.annual_cost {
            money(out, &path("annual_cost"), &format!("The annual cost of {label}"), cost);
        }
        let leaving = c
            .moves
            .iter()
            .filter(|m| m.from == i)
            .try_fold(t.exit_rate.value(), |a, m| a.checked_add(m.rate.value()))
            .unwrap_or(Decimal::MAX);
        if leaving > Decimal::ONE_HUNDRED {
            out.push(Problem::error(
                path("exit_rate"),
                format!("The exit rate and moves out of {label} add up to more than 100% a month; lower them"),
            ));
        }
    }
    for (j, m) in c.moves.iter().enumerate() {
        let path = |f: &str| format!("care_flows.moves[{j}].{f}");
        for (field, index) in [("from", m.from), ("to", m.to)] {
            if index >= c.types.len() {
                out.push(Problem::error(
                    path(field),
                    format!("Move {} refers to placement type {}, which does not exist", j + 1, index + 1),
                ));
            }
        }
        if m.from == m.to {
            out.push(Problem::error(
                path("to"),
                format!("Move {} goes from a placement type to itself; choose another type", j + 1),
            ));
        }
        percent(out, &path("rate"), &format!("The rate of move {}", j + 1), m.rate);
    }
}
