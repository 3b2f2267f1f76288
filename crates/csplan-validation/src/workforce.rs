//! Checks of the workforce section.

use csplan_model::fmt::short;
use csplan_model::{Decimal, Rate, Workforce};

use crate::{money_at_most, non_negative_quantity, Problem};

/// Longest projection accepted, in months.
pub const MAX_PROJECTION_MONTHS: u32 = 120;

fn percent(out: &mut Vec<Problem>, path: &str, subject: &str, rate: Rate) {
    let v = rate.value();
    if v.is_sign_negative() && !v.is_zero() || v > Decimal::ONE_HUNDRED {
        out.push(Problem::error(path, format!("{subject} must be a percentage from 0 to 100")));
    }
}

pub(crate) fn validate_workforce(out: &mut Vec<Problem>, w: &Workforce) {
    if w.roles.is_empty() {
        out.push(Problem::error("workforce.roles", "Add at least one role to the workforce"));
    }
    let months = w.projection.months;
    for (i, role) in w.roles.iter().enumerate() {
        let p = |field: &str| format!("workforce.roles[{i}].{field}");
        let label = if role.name.trim().is_empty() { format!("role {}", i + 1) } else { role.name.trim().to_string() };
        let of = format!(" for {label}");
        if role.name.trim().is_empty() {
            out.push(Problem::error(p("name"), format!("Enter a name for role {}", i + 1)));
        }
        non_negative_quantity(out, &p("establishment"), "The establishment", &of, role.establishment.value());
        non_negative_quantity(out, &p("newly_created"), "Newly created posts", &of, role.newly_created.value());
        non_negative_quantity(out, &p("vacancies"), "Vacancies", &of, role.vacancies.value());
        non_negative_quantity(
            out,
            &p("agency_covering_vacancies"),
            "Agency workers covering vacancies",
            &of,
            role.agency_covering_vacancies.value(),
        );
        non_negative_quantity(
            out,
            &p("agency_over_establishment"),
            "Agency workers over establishment",
            &of,
            role.agency_over_establishment.value(),
        );
        non_negative_quantity(out, &p("recruits_per_month"), "Recruits a month", &of, role.recruits_per_month.value());
        non_negative_quantity(
            out,
            &p("agency_conversions_per_month"),
            "Agency conversions a month",
            &of,
            role.agency_conversions_per_month.value(),
        );
        if let Some(l) = role.leavers {
            non_negative_quantity(out, &p("leavers"), "Leavers", &of, l.value());
        }
        // A part no more than its whole: "Vacancies (12) must not be more than the
        // establishment (10)".
        let mut within = |key: &str, part: &str, value: Decimal, whole: &str, limit: Decimal, advice: &str| {
            if value > limit {
                out.push(Problem::error(
                    p(key),
                    format!(
                        "{part}{of} ({}) must not be more than the {whole} ({}){advice}",
                        short(value, 2),
                        short(limit, 2)
                    ),
                ));
            }
        };
        within("vacancies", "Vacancies", role.vacancies.value(), "establishment", role.establishment.value(), "");
        within(
            "agency_covering_vacancies",
            "Agency workers covering vacancies",
            role.agency_covering_vacancies.value(),
            "vacancies",
            role.vacancies.value(),
            "; count the rest as over establishment",
        );
        if role.newly_created > role.establishment {
            out.push(Problem::warning(
                p("newly_created"),
                format!("Newly created posts{of} are more than the whole establishment; check both figures"),
            ));
        }
        if let Some(c) = role.permanent_cost_per_fte {
            money_at_most(out, &p("permanent_cost_per_fte"), &format!("Permanent cost per FTE{of}"), c.value());
        }
        if let Some(c) = role.agency_cost_per_fte {
            money_at_most(out, &p("agency_cost_per_fte"), &format!("Agency cost per FTE{of}"), c.value());
        }
        for (j, s) in role.pipeline.iter().enumerate() {
            let path = format!("workforce.roles[{i}].pipeline[{j}]");
            non_negative_quantity(out, &format!("{path}.fte"), "Starters", &of, s.fte.value());
            if s.month == 0 {
                out.push(Problem::error(
                    format!("{path}.month"),
                    format!("Enter the month starters{of} begin as 1 or more (1 is next month)"),
                ));
            } else if s.month > months {
                out.push(Problem::warning(
                    format!("{path}.month"),
                    format!("Starters{of} begin in month {}, after the {months}-month projection ends", s.month),
                ));
            }
        }
    }
    if let Some(r) = &w.retention {
        money_at_most(out, "workforce.retention.amount_per_year", "The retention payment", r.amount_per_year.value());
        if r.years == 0 || r.years > 50 {
            out.push(Problem::error(
                "workforce.retention.years",
                "Enter the years the retention payment is paid, from 1 to 50",
            ));
        }
        non_negative_quantity(out, "workforce.retention.eligible_fte", "Eligible staff", "", r.eligible_fte.value());
        percent(out, "workforce.retention.take_up", "Take-up", r.take_up);
        percent(out, "workforce.retention.turnover_reduction", "The cut in turnover", r.turnover_reduction);
    }
    let s = &w.projection;
    if s.months == 0 || s.months > MAX_PROJECTION_MONTHS {
        out.push(Problem::error("workforce.projection.months", "Enter a projection length from 1 to 120 months"));
    }
    if let Some(t) = s.turnover {
        percent(out, "workforce.projection.turnover", "Turnover", t);
    }
    percent(
        out,
        "workforce.projection.newly_qualified_share",
        "The share of starters newly qualified",
        s.newly_qualified_share,
    );
    percent(
        out,
        "workforce.projection.newly_qualified_caseload",
        "A newly qualified worker's caseload share",
        s.newly_qualified_caseload,
    );
    if let Some(c) = s.cases {
        non_negative_quantity(out, "workforce.projection.cases", "Cases", "", c);
    }
    if let Some(h) = s.case_holders {
        crate::positive_quantity(out, "workforce.projection.case_holders", "the case-holder FTE", "", h.value());
    }
    if let Some(t) = s.target_caseload {
        crate::positive_quantity(out, "workforce.projection.target_caseload", "a target caseload", "", t);
    }
}
