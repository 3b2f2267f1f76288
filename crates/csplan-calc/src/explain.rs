//! How each figure in a [`crate::Report`] is worked out: its formula in words and the
//! names of the figures it is worked out from, looked up by the figure's place in the
//! report (`workforce.roles[].measures.vacancy_rate`, indices written `[]`).
//!
//! A front end walks the report (as JSON), and for each figure shows this formula and the
//! values of its inputs, found by name in the figure's own record or the records around
//! it. The test `every_figure_in_every_preset_has_a_formula` keeps the table complete.

/// A figure's formula and the figures it uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formula {
    /// The formula in words, with the rule for any rounding.
    pub text: &'static str,
    /// Names of the figures it is worked out from, in its record or the records around it.
    pub inputs: &'static [&'static str],
}

const fn f(text: &'static str, inputs: &'static [&'static str]) -> Option<Formula> {
    Some(Formula { text, inputs })
}

/// A figure as the Explain view shows it: a long exact decimal to 4 places (halves up),
/// `true`/`false` as yes/no; anything else as it is.
pub fn show(text: &str) -> String {
    match text {
        "true" => return "yes".to_string(),
        "false" => return "no".to_string(),
        _ => {}
    }
    match text.parse::<csplan_model::Decimal>() {
        Ok(d) if d.scale() > 4 => d.round_dp_with_strategy(4, csplan_model::HALF_UP).normalize().to_string(),
        _ => text.to_string(),
    }
}

/// `teams[3].cost` -> `teams[].cost`.
pub fn pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// The caseload model's figures, wherever a caseload result appears.
fn caseload(field: &str) -> Option<Formula> {
    match field {
        "case_holding_fte" => f("As entered: the team group's case-holding FTE", &[]),
        "cases" => f(
            "Cases held: as entered, or case-holding FTE x current average caseload",
            &["case_holding_fte", "current_caseload"],
        ),
        "current_caseload" => {
            f("Average caseload now: cases / case-holding FTE, or as entered", &["cases", "case_holding_fte"])
        }
        "target_caseload" => f("As entered: the caseload to reach", &[]),
        "fte_needed" => f("FTE needed to hold the cases at the target: cases / target caseload", &["cases", "target_caseload"]),
        "additional_fte" => f("FTE to add: FTE needed - case-holding FTE, never below 0", &["fte_needed", "case_holding_fte"]),
        "posts" => f(
            "Posts to fund: additional FTE under the scenario's rounding rule (nearest whole post halves up, up, down, or FTE to hundredths)",
            &["additional_fte", "rounding"],
        ),
        "cost" => f("Cost a year: posts x cost per FTE, to the penny (halves up)", &["posts", "cost_per_fte"]),
        "spare_fte" => f("FTE beyond what the target needs when it is already met: case-holding FTE - FTE needed", &["case_holding_fte", "fte_needed"]),
        "cost_per_fte" => f("As entered: the team group's cost per FTE, or the scenario's", &[]),
        _ => None,
    }
}

fn measures(field: &str) -> Option<Formula> {
    match field {
        "vacancy_rate" => {
            f("Vacancy rate (DfE): vacancy FTE / (vacancy FTE + in-post FTE) x 100", &["vacancies", "in_post"])
        }
        "agency_rate" => f("Agency rate (DfE): agency FTE / (agency FTE + in-post FTE) x 100", &["agency", "in_post"]),
        "turnover_rate" => f("Turnover rate (DfE): leavers FTE / in-post FTE x 100", &["in_post"]),
        "agency_cover_rate" => f(
            "Agency cover rate (DfE): agency FTE covering vacancies / agency FTE x 100",
            &["agency_covering_vacancies", "agency"],
        ),
        "vacancy_agency_cover_rate" => f(
            "Vacancy agency cover rate (DfE): agency FTE covering vacancies / vacancy FTE x 100",
            &["agency_covering_vacancies", "vacancies"],
        ),
        "caseload" => f("Caseload (DfE): cases / case-holder FTE", &[]),
        _ => None,
    }
}

fn role(field: &str) -> Option<Formula> {
    match field {
        "establishment" => f("As entered: funded posts (the total adds up the roles)", &[]),
        "newly_created" => f("As entered: newly created posts within the establishment", &[]),
        "in_post" => f("Permanent staff in post: establishment - vacancies", &["establishment", "vacancies"]),
        "vacancies" => f("As entered: vacant posts", &[]),
        "agency_covering_vacancies" => f("As entered: agency workers covering vacancies", &[]),
        "agency_over_establishment" => f("As entered: agency workers over the establishment", &[]),
        "agency" => f(
            "All agency workers: covering vacancies + over the establishment",
            &["agency_covering_vacancies", "agency_over_establishment"],
        ),
        "vacant_not_covered" => f(
            "Vacancies not covered by agency workers: vacancies - agency covering them",
            &["vacancies", "agency_covering_vacancies"],
        ),
        "agency_pipeline" => f("As entered: agency starters in the pipeline", &[]),
        "permanent_pipeline" => f("As entered: permanent starters in the pipeline", &[]),
        "remaining_gap" => f(
            "Vacancies still not covered once the pipeline has started: vacancies not covered - starters, at least 0 for each role (the total adds up the roles)",
            &["vacant_not_covered", "permanent_pipeline", "agency_pipeline"],
        ),
        "costs.permanent" => f("Permanent staff: in post x permanent cost per FTE", &["in_post"]),
        "costs.agency" => f("Agency workers: agency FTE x agency cost per FTE", &["agency"]),
        "costs.agency_premium" => f("What agency workers cost over permanent staff: agency FTE x (agency cost - permanent cost)", &["agency"]),
        "costs.convert_agency_cover" => f(
            "Change in annual cost from converting every agency worker covering a vacancy to a permanent post: agency covering x (permanent cost - agency cost)",
            &["agency_covering_vacancies"],
        ),
        _ => None,
    }
}

fn money_path(field: &str) -> Option<Formula> {
    match field {
        // The medium-term plan.
        "budget.plan.years[].pressures" => f("Pressures arising this year, the transport pressure included", &[]),
        "budget.plan.years[].savings_target" => f("Savings first delivered this year if every workstream delivers in full: each workstream's saving x its phasing this year", &[]),
        "budget.plan.years[].savings_expected" => f("Savings expected this year: each workstream's phased saving x the share expected at its risk rating (red, amber, green)", &[]),
        "budget.plan.years[].gap_target" => f("Gap at target: pressures - target savings", &["pressures", "savings_target"]),
        "budget.plan.years[].gap_expected" => f("Gap expected: pressures - expected savings", &["pressures", "savings_expected"]),
        "budget.plan.years[].cumulative_target" => f("Running sum of the gap at target", &["gap_target"]),
        "budget.plan.years[].cumulative_expected" => f("Running sum of the expected gap", &["gap_expected"]),
        "budget.plan.workstreams[].target[]" => f("The workstream's saving x its phasing in the year", &[]),
        "budget.plan.workstreams[].expected[]" => f("The workstream's target in the year x the share expected at its risk rating", &[]),
        "budget.plan.workstreams[].phased" => f("Share of the saving phased across the years, % (should be 100)", &[]),
        "budget.plan.total_target" => f("Total target savings over the plan: the sum of each year's", &[]),
        "budget.plan.total_expected" => f("Total expected savings over the plan: the sum of each year's", &[]),
        "budget.plan.at_risk" => f("Savings at risk: total target - total expected", &["total_target", "total_expected"]),
        "budget.plan.transport.driver_cost_now" => f("SEN travellers now x unit cost now, to the penny", &[]),
        "budget.plan.transport.years[].pressure" => f("New transport pressure this year: the base adjustment in the first year, then the growth a year (or, with drivers, this year's driver cost less last year's)", &[]),
        "budget.plan.transport.years[].cumulative" => f("Running total of the transport pressure", &["pressure"]),
        "budget.plan.transport.years[].travellers" => f("SEN travellers: last year's x (1 + traveller growth), compounded", &[]),
        "budget.plan.transport.years[].unit_cost" => f("Unit cost: last year's x (1 + unit cost growth), compounded, to the penny", &[]),
        "budget.plan.transport.years[].driver_cost" => f("Travellers x unit cost, to the penny", &["travellers", "unit_cost"]),
        "budget.plan.transport.years[].driver_pressure" => f("This year's driver cost less last year's (the first year against the cost now)", &["driver_cost"]),
        // The savings table.
        "budget.savings.areas[].budget" => f("As entered: the area's budget", &[]),
        "budget.savings.areas[].savings" => f("Sum of the full-year savings of the area's workstreams", &[]),
        "budget.savings.areas[].percent" => f("Savings as a share of the budget: savings / budget x 100, exact", &["savings", "budget"]),
        "budget.savings.areas[].percent_shown" => f("As the paper prints it: the exact share as a whole per cent, halves up", &["percent"]),
        "budget.savings.areas[].after" => f("Budget after savings: budget - savings", &["budget", "savings"]),
        "budget.savings.areas[].statutory_minimum" => f("As entered: the least the area's budget may be by law", &[]),
        "budget.savings.areas[].below_minimum" => f("Yes when the budget after savings is below the statutory minimum", &["after", "statutory_minimum"]),
        "budget.savings.areas[].workstreams" => f("Number of workstreams saving from the area", &[]),
        "budget.savings.areas[].funding" => f("As entered: yes for a funding line rather than a budget area", &[]),
        "budget.savings.total_budget" => f("Sum of the areas' budgets", &[]),
        "budget.savings.total_savings" => f("Sum of all savings, funding lines included", &[]),
        "budget.savings.total_percent" => f("Total savings / total budget x 100, exact", &["total_savings", "total_budget"]),
        "budget.savings.total_percent_shown" => f("As the paper prints it: a whole per cent, halves up", &["total_percent"]),
        "budget.savings.unassigned" => f("Savings of workstreams whose area matches no area (validation names them)", &[]),
        // Cost of care.
        "placements.lines[].number" => f("As entered: the average number of placements over the year", &[]),
        "placements.lines[].annual_unit_cost" => f("Cost of one placement for a year: as entered, or a weekly cost x weeks a year", &[]),
        "placements.lines[].calculated" => f("Number x annual unit cost, to the penny", &["number", "annual_unit_cost"]),
        "placements.lines[].forecast" => f("The forecast used: the published one where given, else the calculated one", &["calculated"]),
        "placements.lines[].forecast_given" => f("Yes when the forecast is the figure the paper publishes", &[]),
        "placements.lines[].budget" => f("As entered: the line's own budget", &[]),
        "placements.lines[].deficit" => f("Forecast - the line's own budget", &["forecast", "budget"]),
        "placements.groups[].forecast" => f("Sum of the forecasts of the lines sharing the budget", &[]),
        "placements.groups[].budget" => f("As entered: the shared budget", &[]),
        "placements.groups[].deficit" => f("Forecast - shared budget", &["forecast", "budget"]),
        "placements.total_forecast" => f("Sum of every line's forecast", &[]),
        "placements.total_budget" => f("The lines' own budgets plus the shared budgets", &[]),
        "placements.total_deficit" => f("Total forecast - total budget", &["total_forecast", "total_budget"]),
        "budget_history[].budget" => f("As entered: the year's budget", &[]),
        "budget_history[].spend" => f("As entered: the year's spend", &[]),
        "budget_history[].deficit" => f("Spend - budget (an overspend is positive)", &["spend", "budget"]),
        "budget_history[].percent_of_budget" => f("Deficit / budget x 100, unrounded (Portsmouth's measure)", &["deficit", "budget"]),
        "budget_history[].percent_of_spend" => f("Deficit / spend x 100, unrounded", &["deficit", "spend"]),
        "invest_to_save.cost_per_year" => f("As entered, or posts x the cost of a post, to the penny (halves up)", &[]),
        "invest_to_save.avoided_unit_cost" => f("As entered a year; or a week's cost x the placements' weeks in a year (52 without placements); or the chosen placement line's cost a year", &[]),
        "invest_to_save.break_even" => f("Cost a year / cost of one placement avoided, exact", &["cost_per_year", "avoided_unit_cost"]),
        "invest_to_save.break_even_placements" => f("Placements a year that must be avoided to pay for it: break-even rounded up to a whole placement", &["break_even"]),
        "invest_to_save.payback_year" => f("The first year the running total of net savings is at or above zero", &[]),
        "invest_to_save.npv" => f("Net present value: the sum of each year's discounted net saving, to the penny (Green Book discount rate)", &[]),
        "invest_to_save.years[].year" => f("Year of the programme: 1, 2, ...", &[]),
        "invest_to_save.years[].cost" => f("Cost that year: the one-off cost in year 1 plus the yearly cost", &[]),
        "invest_to_save.years[].avoided" => f("Placements avoided that year, as entered (with the ramp-up)", &[]),
        "invest_to_save.years[].gross_saving" => f("Placements avoided x cost of one placement for a year", &["avoided"]),
        "invest_to_save.years[].expected_saving" => f("Gross saving x the share expected to be delivered", &["gross_saving"]),
        "invest_to_save.years[].net" => f("Expected saving - cost", &["expected_saving", "cost"]),
        "invest_to_save.years[].cumulative" => f("Running total of the net saving", &["net"]),
        "invest_to_save.years[].discounted" => f("Net saving / (1 + discount rate) ^ (year - 1): year 1 is not discounted, as in the Green Book", &["net", "year"]),
        "mix.changes[].cost_change" => f("Change in the annual forecast: placements moved or added x the difference in annual unit cost (positive costs more)", &[]),
        "mix.changed_forecast" => f("Total forecast with every change made: total forecast + each change", &[]),
        "mix.years[].year" => f("Year 1, 2, ...", &[]),
        "mix.years[].forecast" => f("The changed forecast grown by each year's inflation after the first, to the penny", &[]),
        // Demand.
        "demand.series[].values[]" => f("As entered (an all-ages series adds up its age bands)", &[]),
        "demand.series[].growth_percent" => f("Growth from the first year to the last: (last - first) / first x 100", &["values"]),
        "demand.series[].annual_growth_percent" => f("Compound growth a year: (last / first) ^ (1 / years spanned) - 1, x 100", &["values"]),
        "demand.series[].projected[]" => f("Projected by the series' method: a straight line through the years, compound growth, or the last rate per child x the projected population", &["method"]),
        "demand.series[].per_10000[]" => f("Per 10,000 children aged 0-17: value / population x 10,000, a whole number, halves up (DfE's rounding)", &[]),
        "demand.chain[].cases" => f("Projected cases: each series' projection x its cases per unit, added up", &[]),
        "demand.dfe_looked_after[].scenario" => f("The scenario's children looked after per 10,000 children aged 0-17 (DfE's rounding)", &[]),
        "demand.dfe_looked_after[].authority" => f("DfE's published rate for the authority, per 10,000 (children looked after at 31 March)", &[]),
        "demand.dfe_looked_after[].region_rate" => f("DfE's published rate for the region, per 10,000", &[]),
        "demand.dfe_looked_after[].england" => f("DfE's published rate for England, per 10,000", &[]),
        "demand.years[]" | "demand.projected_years[]" => f("Year labels: as entered, then the years projected", &[]),
        // Children in care.
        "care_flows.months[].month" => f("Month number from the start (0 = now)", &[]),
        "care_flows.months[].by_type[]" => f("Children in each type: last month's - exits (children x exit rate) - moves out + moves in + entrants", &[]),
        "care_flows.months[].total" => f("Children looked after in all: the sum over the types", &[]),
        "care_flows.months[].low" => f("Lower end of the 95% band: total - 1.96 x the square root of the variance (exits binomial, entrants Poisson, growing each month), never below 0", &["total"]),
        "care_flows.months[].high" => f("Upper end of the 95% band: total + 1.96 x the square root of the variance (exits binomial, entrants Poisson, growing each month)", &["total"]),
        "care_flows.months[].cost" => f("Cost of the month's placements: the sum of children in each type x its annual cost / 12", &[]),
        "care_flows.total_cost" => f("Cost over the projected months (months 1 onwards)", &[]),
        "care_flows.financial_years[].months" => f("Months of the financial year (April to March) inside the projection", &[]),
        "care_flows.financial_years[].cost" => f("Cost of those months, to the penny", &[]),
        // Workforce projection and retention.
        "workforce.projection.months[].in_post" => f("Permanent staff in post, all roles: last month's - leavers (in post x annual turnover / 12) + starters + agency workers made permanent", &[]),
        "workforce.projection.months[].agency" => f("Agency workers, all roles: the agency pool (as entered plus agency starters, less those made permanent), only as much as the establishment still lacks in capacity, plus agency over the establishment", &[]),
        "workforce.projection.months[].vacancies" => f("Vacant posts: establishment - in post, all roles", &["in_post"]),
        "workforce.projection.months[].newly_qualified" => f("Newly qualified staff in their protected first year, all roles", &[]),
        "workforce.projection.months[].case_holding_fte" => f("Case-holding FTE: in post - newly qualified x (1 - their caseload share) + agency cover + agency over the establishment, case-holding roles only", &["in_post", "agency", "newly_qualified"]),
        "workforce.projection.months[].caseload" => f("Average caseload: cases / case-holding FTE", &["case_holding_fte"]),
        "workforce.projection.months[].cost" => f("Staffing cost of the month: in post x permanent cost / 12 + agency x agency cost / 12, plus any retention payment (roles without both costs count as £0)", &["in_post", "agency"]),
        "workforce.projection.financial_years[].months" => f("Months of the financial year inside the projection", &[]),
        "workforce.projection.financial_years[].cost" => f("Cost of those months, to the penny", &[]),
        "workforce.projection.target_caseload" => f("As entered: the caseload to reach", &[]),
        "workforce.projection.target_met" => f("The first month at or under the target caseload (0 = met now)", &["target_caseload"]),
        "workforce.retention.takers" => f("FTE expected to take up the payment: eligible x take-up", &[]),
        "workforce.retention.per_year" => f("Cost a year: takers x amount", &["takers"]),
        "workforce.retention.total" => f("Cost over the scheme: cost a year x years", &["per_year"]),
        // The consultation at its start values.
        "consultation.gap" => f("As entered: the gap participants are asked to close", &[]),
        "consultation.savings" => f("Savings chosen: the money of every proposal and stepped choice", &[]),
        "consultation.income" => f("Income chosen: council tax, reserves and charges", &[]),
        "consultation.costs" => f("Costs chosen (choices that add to the gap, such as more social workers), as a positive amount", &[]),
        "consultation.balance" => f("Savings + income - costs - gap (negative: a shortfall)", &["savings", "income", "costs", "gap"]),
        "consultation.balanced" => f("Yes when the balance meets the consultation's rule (must balance, within a tolerance, or any budget)", &["balance"]),
        "consultation.blocked" => f("Yes when a choice takes its budget area below its statutory minimum and the rule blocks it", &[]),
        "consultation.council_tax_needed" => f("Council tax rise a shortfall needs: shortfall / what a 1% rise raises, in % rounded up to 0.01%", &["balance"]),
        "consultation.levers[].value" => f("The value chosen (at its start value here)", &[]),
        "consultation.levers[].per_unit" => f("Money one unit closes the gap by: as entered, or from the models (a post's cost, a placement's cost)", &[]),
        "consultation.levers[].money" => f("Value x money per unit, to the penny (negative adds to the gap)", &["value", "per_unit"]),
        "consultation.levers[].limit" => f("The most that can be chosen before the budget area goes below its statutory minimum, given the other choices", &[]),
        "consultation.levers[].below_minimum" => f("Yes when the value takes the area below its statutory minimum", &["value", "limit"]),
        "consultation.levers[].effect.cases" => f("The team group's cases", &[]),
        "consultation.levers[].effect.fte_now" => f("The team group's case-holding FTE now", &[]),
        "consultation.levers[].effect.fte_after" => f("Case-holding FTE with the choice: FTE now + posts added", &["fte_now", "value"]),
        "consultation.levers[].effect.caseload_now" => f("Average caseload now: cases / FTE now", &["cases", "fte_now"]),
        "consultation.levers[].effect.caseload_after" => f("Average caseload with the choice: cases / FTE after, against Ofsted's 15-20", &["cases", "fte_after"]),
        "consultation.levers[].effect.number_now" => f("Placements on the line now", &[]),
        "consultation.levers[].effect.number_after" => f("Placements with the choice: now - placements avoided", &["number_now", "value"]),
        "consultation.levers[].effect.unit_cost" => f("Cost of one placement for a year", &[]),
        "consultation.levers[].effect.cost_change" => f("Change in the line's cost: (after - now) x unit cost", &["number_now", "number_after", "unit_cost"]),
        _ => None,
    }
}

/// The formula of the figure at `path` in a report (`teams[0].posts`), if it is a figure.
pub fn formula(path: &str) -> Option<Formula> {
    let p = pattern(path);
    for prefix in ["teams[].", "options[].at_targets[].", "demand.chain[].caseload.", "totals."] {
        if let Some(field) = p.strip_prefix(prefix) {
            return match (prefix, field) {
                ("totals.", "additional_fte") => f("Sum of the team groups' additional FTE", &[]),
                ("totals.", "posts") => f("Sum of the team groups' posts", &[]),
                ("totals.", "cost") => f("Sum of the team groups' costs", &[]),
                _ => caseload(field),
            };
        }
    }
    for prefix in ["workforce.roles[].", "workforce.total."] {
        if let Some(field) = p.strip_prefix(prefix) {
            if let Some(m) = field.strip_prefix("measures.") {
                return measures(m);
            }
            return role(field);
        }
    }
    money_path(&p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_found_by_their_place_with_indices_dropped() {
        assert_eq!(pattern("options[2].at_targets[10].cost"), "options[].at_targets[].cost");
        assert!(formula("options[2].at_targets[1].cost").is_some_and(|f| f.text.contains("posts x cost per FTE")));
        assert!(formula("workforce.total.measures.vacancy_rate").is_some_and(|f| f.inputs == ["vacancies", "in_post"]));
        assert!(formula("budget.plan.years[1].gap_expected").is_some());
        assert_eq!(formula("teams[0].name"), None);
        assert_eq!(show("9.978924886468428653454665670"), "9.9789");
        assert_eq!(show("2.50"), "2.50");
        assert_eq!(show("true"), "yes");
    }
}
