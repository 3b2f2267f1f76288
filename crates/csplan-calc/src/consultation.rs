//! The "balance the budget" consultation: what a participant's choices close the gap by,
//! what each choice does (calculated by the caseload and placement models), whether the
//! budget balances under the council's rule, and a summary of many responses.
//!
//! ```text
//! lever money   = value x money a unit (to the penny); a unit of a caseload lever costs
//!                 the team group's cost per FTE, a unit of a placements lever saves the
//!                 line's annual unit cost
//! balance       = sum of lever money - gap (negative: a shortfall)
//! balanced      = must balance: balance >= 0; tolerance: balance >= -tolerance; any: true
//! council tax   = shortfall / what 1% raises, rounded up to the next 0.01% (so it is enough)
//! minimum       = an area's budget - its levers' savings must stay at or above its
//!                 statutory minimum; the largest value that does is the lever's limit
//! ```

use csplan_model::fmt::short;
use csplan_model::{
    BalanceRule, Choice, Consultation, Decimal, FloorRule, Lever, LeverEffect, LeverKind, Money, Response, Scenario,
    RESPONSE_SCHEMA,
};
use serde::Serialize;

use crate::{ov, CalcError};

/// Ofsted describes manageable caseloads as 15 to 20.
pub const OFSTED_LOW: i64 = 15;
/// See [`OFSTED_LOW`].
pub const OFSTED_HIGH: i64 = 20;

/// Where a caseload sits against Ofsted's 15-20.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfstedBand {
    /// Below 15.
    Below,
    /// 15 to 20.
    Within,
    /// Above 20.
    Above,
}

impl OfstedBand {
    /// Of a caseload.
    pub fn of(caseload: Decimal) -> Self {
        if caseload < Decimal::from(OFSTED_LOW) {
            OfstedBand::Below
        } else if caseload > Decimal::from(OFSTED_HIGH) {
            OfstedBand::Above
        } else {
            OfstedBand::Within
        }
    }

    /// In words.
    pub fn phrase(self) -> &'static str {
        match self {
            OfstedBand::Below => "below Ofsted's manageable range of 15 to 20",
            OfstedBand::Within => "within Ofsted's manageable range of 15 to 20",
            OfstedBand::Above => "above Ofsted's manageable range of 15 to 20",
        }
    }
}

/// A consequence the models calculated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum EffectResult {
    /// The team group's average caseload before and after.
    Caseload {
        /// Team group name.
        team: String,
        /// Cases held.
        #[serde(with = "csplan_model::dec")]
        cases: Decimal,
        /// Case-holding FTE now.
        #[serde(with = "csplan_model::dec")]
        fte_now: Decimal,
        /// Case-holding FTE with the lever.
        #[serde(with = "csplan_model::dec")]
        fte_after: Decimal,
        /// Average caseload now.
        #[serde(with = "csplan_model::dec")]
        caseload_now: Decimal,
        /// Average caseload with the lever.
        #[serde(with = "csplan_model::dec")]
        caseload_after: Decimal,
        /// Against Ofsted's 15-20.
        band: OfstedBand,
    },
    /// A placement line's number and cost before and after.
    Placements {
        /// Line name.
        line: String,
        /// Placements now.
        #[serde(with = "csplan_model::dec")]
        number_now: Decimal,
        /// Placements with the lever.
        #[serde(with = "csplan_model::dec")]
        number_after: Decimal,
        /// Cost of one placement for a year.
        annual_unit_cost: Money,
        /// Change in the line's cost a year (negative: a saving).
        cost_change: Money,
    },
}

/// One lever at the value chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeverResult {
    /// Lever id.
    pub id: String,
    /// Lever name.
    pub name: String,
    /// Kind.
    pub kind: LeverKind,
    /// The value chosen (the start value when none was).
    #[serde(with = "csplan_model::dec")]
    pub value: Decimal,
    /// Money one unit closes the gap by.
    pub per_unit: Money,
    /// Money this choice closes the gap by (negative: adds to it).
    pub money: Money,
    /// What the models calculate.
    pub effect: Option<EffectResult>,
    /// The largest value that keeps the lever's area at or above its statutory minimum
    /// (`None` when no minimum applies).
    #[serde(with = "csplan_model::dec::option")]
    pub limit: Option<Decimal>,
    /// True when the value takes the area below its statutory minimum.
    pub below_minimum: bool,
    /// When it does: the area, its minimum and the other choices that use its room.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor: Option<Floor>,
    /// What happens when it does.
    pub below_minimum_rule: FloorRule,
    /// The consequence in one sentence, calculated.
    pub explanation: String,
}

/// A budget area's statutory minimum, as a choice that would break it meets it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Floor {
    /// The budget area's name.
    pub area: String,
    /// Its statutory minimum.
    pub minimum: Money,
    /// The other choices saving from the same area, by name, in the consultation's order.
    pub with: Vec<String>,
}

impl LeverResult {
    /// True when its area's statutory minimum refuses this value: it is not counted, and a
    /// response with it cannot be sent.
    pub fn refused(&self) -> bool {
        self.below_minimum && self.below_minimum_rule == FloorRule::Block
    }

    /// Why the value is refused or flagged, naming the area and the choices it conflicts
    /// with; empty when it is not below a minimum.
    pub fn floor_message(&self) -> String {
        let Some(f) = self.floor.as_ref().filter(|_| self.below_minimum) else { return String::new() };
        let below = format!("{} below its statutory minimum of {}", f.area, f.minimum.display_pounds());
        match (f.with.as_slice(), self.refused()) {
            ([], true) => format!("{} would take {below}, so it cannot be chosen. Choose less", self.name),
            ([], false) => format!("{} would take {below}", self.name),
            (others, true) => format!(
                "{} cannot be chosen with {}: together they would take {below}. {}",
                self.name,
                and_list(others),
                if others.len() == 1 { "Choose one or the other" } else { "Choose fewer of them" }
            ),
            (others, false) => format!("{}, with {}, would take {below}", self.name, and_list(others)),
        }
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The whole budget a participant has made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Each lever, in the consultation's order.
    pub levers: Vec<LeverResult>,
    /// The gap to close.
    pub gap: Money,
    /// Savings chosen (positive money from proposals and stepped levers).
    pub savings: Money,
    /// Income chosen (council tax, reserves, charges).
    pub income: Money,
    /// Costs chosen (negative money, e.g. social workers added), as a positive amount.
    pub costs: Money,
    /// Savings + income - costs - gap (negative: a shortfall).
    pub balance: Money,
    /// Whether the rule is met.
    pub balanced: bool,
    /// True when any lever is at a value its area's statutory minimum blocks (such a value
    /// is not counted in savings, income or the balance).
    pub blocked: bool,
    /// The council tax rise, %, that would close a shortfall (to 0.01%, rounded up).
    #[serde(with = "csplan_model::dec::option")]
    pub council_tax_needed: Option<Decimal>,
    /// The balance in one sentence.
    pub summary: String,
}

/// Why an outcome cannot be sent as a response: one a lever a statutory minimum blocks,
/// else the balance rule not met. The participant's page and the response collector give
/// these same words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The lever it is about (its index in the consultation), or None for the balance.
    pub lever: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

/// The refusals for `o` ([`Refusal`]): none when the response can be sent.
pub fn refusals(o: &Outcome) -> Vec<Refusal> {
    let blocked: Vec<Refusal> = o
        .levers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.refused())
        .map(|(i, l)| Refusal { lever: Some(i), message: l.floor_message() })
        .collect();
    if !blocked.is_empty() {
        return blocked;
    }
    if o.balanced {
        return Vec::new();
    }
    vec![Refusal { lever: None, message: format!("{}. Choose more savings or income", o.summary) }]
}

/// The money one unit of a lever closes the gap by: its own figure, else its effect's.
pub fn per_unit(s: &Scenario, lever: &Lever) -> Result<Money, CalcError> {
    if let Some(m) = lever.per_unit {
        return Ok(m);
    }
    match lever.effect {
        Some(LeverEffect::Caseload { team }) => {
            // Validation asks for a cost when a staffing lever has no money of its own.
            let cost = s.teams.get(team).and_then(|t| t.cost_per_fte).or(s.cost_per_fte).unwrap_or(Money::ZERO);
            Ok(Money::new(-cost.value()))
        }
        Some(LeverEffect::Placements { line }) => {
            let Some(p) = &s.placements else { return Ok(Money::ZERO) };
            let Some(l) = p.lines.get(line) else { return Ok(Money::ZERO) };
            crate::placements::annual(l.unit_cost, p.weeks_per_year)
        }
        None => Ok(Money::ZERO),
    }
}

fn effect(s: &Scenario, lever: &Lever, value: Decimal, per_unit: Money) -> Result<Option<EffectResult>, CalcError> {
    match lever.effect {
        Some(LeverEffect::Caseload { team }) => {
            let Some(t) = s.teams.get(team) else { return Ok(None) };
            let fte_now = t.case_holding_fte.value();
            let cases = match (t.cases, t.current_caseload) {
                (Some(c), _) => c,
                (None, Some(avg)) => ov(avg.checked_mul(fte_now))?,
                (None, None) => return Ok(None),
            };
            let fte_after = ov(fte_now.checked_add(value))?;
            if fte_now <= Decimal::ZERO || fte_after <= Decimal::ZERO {
                return Ok(None);
            }
            let caseload_now = ov(cases.checked_div(fte_now))?;
            let caseload_after = ov(cases.checked_div(fte_after))?;
            Ok(Some(EffectResult::Caseload {
                team: t.name.clone(),
                cases,
                fte_now,
                fte_after,
                caseload_now,
                caseload_after,
                band: OfstedBand::of(caseload_after.round_dp_with_strategy(1, csplan_model::HALF_UP)),
            }))
        }
        Some(LeverEffect::Placements { line }) => {
            let Some(l) = s.placements.as_ref().and_then(|p| p.lines.get(line)) else { return Ok(None) };
            let number_after = ov(l.number.checked_sub(value))?;
            let cost_change = Money::new(-ov(per_unit.checked_times(value))?.round_pence().value());
            Ok(Some(EffectResult::Placements {
                line: l.name.clone(),
                number_now: l.number,
                number_after,
                annual_unit_cost: per_unit,
                cost_change,
            }))
        }
        None => Ok(None),
    }
}

fn explain(lever: &Lever, value: Decimal, money: Money, effect: &Option<EffectResult>) -> String {
    let amount = match money {
        m if m.is_zero() => String::new(),
        m if m.is_negative() => format!("adds {} to the gap", Money::new(-m.value()).display_pounds()),
        m => format!("closes {} of the gap", m.display_pounds()),
    };
    let model = match effect {
        Some(EffectResult::Caseload { team, cases, fte_after, caseload_now, caseload_after, band, .. }) => format!(
            "{team}: {} cases / {} FTE = an average caseload of {} (now {}), {}",
            short(*cases, 1),
            short(*fte_after, 2),
            short(*caseload_after, 1),
            short(*caseload_now, 1),
            band.phrase()
        ),
        Some(EffectResult::Placements { line, number_now, number_after, annual_unit_cost, cost_change }) => format!(
            "{line}: {} placements instead of {}, at {} a year each, changes the cost by {} a year",
            short(*number_after, 2),
            short(*number_now, 2),
            annual_unit_cost.display_pounds(),
            cost_change.display_pounds()
        ),
        None => String::new(),
    };
    let choice = show_value(lever, value);
    [choice, amount, model].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(": ")
}

/// The value chosen for a lever, or its start value.
pub fn value_of(lever: &Lever, choices: &[Choice]) -> Decimal {
    choices.iter().find(|c| c.lever == lever.id).map(|c| c.value).unwrap_or(lever.start)
}

/// The budget a participant's choices make. Levers with no choice take their start value.
pub fn evaluate(s: &Scenario, c: &Consultation, choices: &[Choice]) -> Result<Outcome, CalcError> {
    let mut levers = Vec::with_capacity(c.levers.len());
    let (mut savings, mut income, mut costs) = (Money::ZERO, Money::ZERO, Money::ZERO);
    let mut monies = Vec::with_capacity(c.levers.len());
    for lever in &c.levers {
        let value = value_of(lever, choices);
        let unit = if lever.kind == LeverKind::Principle { Money::ZERO } else { per_unit(s, lever)? };
        let money = ov(unit.checked_times(value))?.round_pence();
        monies.push((lever, unit, value, money));
    }
    for (lever, unit, value, money) in &monies {
        let (limit, below, floor) = floor_check(s, &monies, lever, *unit, *value)?;
        let effect = effect(s, lever, *value, *unit)?;
        if below && lever.below_minimum == FloorRule::Block {
            // Refused: never counted.
        } else if money.is_negative() {
            costs = ov(costs.checked_sub(*money))?;
        } else if lever.kind.is_income() {
            income = ov(income.checked_add(*money))?;
        } else {
            savings = ov(savings.checked_add(*money))?;
        }
        levers.push(LeverResult {
            id: lever.id.clone(),
            name: lever.name.clone(),
            kind: lever.kind,
            value: *value,
            per_unit: *unit,
            money: *money,
            explanation: explain(lever, *value, *money, &effect),
            effect,
            limit,
            below_minimum: below,
            floor,
            below_minimum_rule: lever.below_minimum,
        });
    }
    let closed = ov(ov(savings.checked_add(income))?.checked_sub(costs))?;
    let balance = ov(closed.checked_sub(c.gap))?;
    let balanced = match c.balance {
        BalanceRule::MustBalance => !balance.is_negative(),
        BalanceRule::Tolerance { amount } => balance.value() >= -amount.value(),
        BalanceRule::Any => true,
    };
    let blocked = levers.iter().any(LeverResult::refused);
    let council_tax_needed = match (balance.is_negative(), c.council_tax_yield) {
        (true, Some(y)) if !y.is_zero() => {
            let p = ov((-balance.value()).checked_div(y.value()))?;
            Some(ov(p.checked_mul(Decimal::ONE_HUNDRED))?.ceil().checked_div(Decimal::ONE_HUNDRED).unwrap_or(p))
        }
        _ => None,
    };
    let summary = summarise_balance(balance, balanced, c.balance, council_tax_needed);
    Ok(Outcome { levers, gap: c.gap, savings, income, costs, balance, balanced, blocked, council_tax_needed, summary })
}

fn summarise_balance(balance: Money, balanced: bool, rule: BalanceRule, tax: Option<Decimal>) -> String {
    let mut text = if balance.is_negative() {
        format!("{} short of balancing", Money::new(-balance.value()).display_pounds())
    } else if balance.is_zero() {
        "Balanced exactly".to_string()
    } else {
        format!("Balanced, with {} to spare", balance.display_pounds())
    };
    if balance.is_negative() {
        match rule {
            BalanceRule::MustBalance => text.push_str(": the budget must balance before you send your response"),
            BalanceRule::Tolerance { amount } if balanced => {
                text.push_str(&format!(", within the {} the council accepts", amount.display_pounds()))
            }
            BalanceRule::Tolerance { amount } => text.push_str(&format!(
                ": the council accepts a shortfall of up to {}; close more of the gap to send your response",
                amount.display_pounds()
            )),
            BalanceRule::Any => {}
        }
        if let Some(t) = tax {
            text.push_str(&format!(". Closing it with council tax would need a rise of {}%", short(t, 2)));
        }
    }
    text
}

type Chosen<'a> = (&'a Lever, Money, Decimal, Money);

/// The lever's limit under its area's statutory minimum, whether its value breaks it, and
/// if it does the area's [`Floor`].
fn floor_check(
    s: &Scenario,
    all: &[Chosen<'_>],
    lever: &Lever,
    unit: Money,
    value: Decimal,
) -> Result<(Option<Decimal>, bool, Option<Floor>), CalcError> {
    let Some(area_id) = &lever.area else { return Ok((None, false, None)) };
    let Some(area) = s.budget.as_ref().and_then(|b| b.areas.iter().find(|a| &a.id == area_id)) else {
        return Ok((None, false, None));
    };
    let (Some(budget), Some(minimum)) = (area.budget, area.statutory_minimum) else {
        return Ok((None, false, None));
    };
    if unit.value() <= Decimal::ZERO {
        return Ok((None, false, None));
    }
    let mut others = Money::ZERO;
    let mut with = Vec::new();
    for (l, _, _, m) in all.iter().filter(|(l, ..)| l.area.as_ref() == Some(area_id) && l.id != lever.id) {
        if !m.is_negative() && !m.is_zero() {
            others = ov(others.checked_add(*m))?;
            with.push(l.name.clone());
        }
    }
    // Room left = budget - minimum - the other levers' savings in the area.
    let room = ov(ov(budget.value().checked_sub(minimum.value()))?.checked_sub(others.value()))?;
    let units = ov(room.checked_div(unit.value()))?;
    let limit = if units <= lever.min {
        lever.min
    } else {
        // Whole steps from the minimum value.
        let steps = if lever.step > Decimal::ZERO {
            ov(ov(units.checked_sub(lever.min))?.checked_div(lever.step))?.floor()
        } else {
            Decimal::ZERO
        };
        ov(lever.min.checked_add(ov(steps.checked_mul(lever.step))?))?.min(lever.max)
    };
    let below = value > limit;
    let floor = below.then(|| Floor { area: area.name.clone(), minimum, with });
    Ok((Some(limit), below, floor))
}

/// The message when setting lever `i` to `value`, with the other `choices` as they are,
/// would be refused by its area's statutory minimum (the participant's page refuses it as
/// it is made, rather than counting it); `None` when it would not.
pub fn refused_change(
    s: &Scenario,
    c: &Consultation,
    choices: &[Choice],
    i: usize,
    value: Decimal,
) -> Result<Option<String>, CalcError> {
    let Some(lever) = c.levers.get(i) else { return Ok(None) };
    let mut next: Vec<Choice> = choices.iter().filter(|ch| ch.lever != lever.id).cloned().collect();
    next.push(Choice { lever: lever.id.clone(), value, comment: String::new() });
    let o = evaluate(s, c, &next)?;
    Ok(o.levers.get(i).filter(|r| r.refused()).map(LeverResult::floor_message))
}

/// Builds a response from a participant's choices, with the balance as calculated.
pub fn response(
    s: &Scenario,
    c: &Consultation,
    choices: Vec<Choice>,
    comment: String,
    about_you: Vec<csplan_model::Answer>,
) -> Result<Response, CalcError> {
    let outcome = evaluate(s, c, &choices)?;
    Ok(Response {
        schema: RESPONSE_SCHEMA,
        id: String::new(),
        consultation: c.id.clone(),
        choices,
        comment,
        about_you,
        balance: outcome.balance,
        balanced: outcome.balanced,
    })
}

/// The value one step up or down from `value`, kept within the lever's range (the
/// participant's + and - buttons).
pub fn step(lever: &Lever, value: Decimal, up: bool) -> Decimal {
    let (min, max, _) = lever.bounds();
    let next = if up { value.checked_add(lever.step) } else { value.checked_sub(lever.step) };
    next.unwrap_or(value).max(min).min(max)
}

/// A lever's value as a participant reads it: "£250,000", "1.5%", "3 social workers".
pub fn show_value(lever: &Lever, value: Decimal) -> String {
    show_amount(lever.kind, &lever.unit, value)
}

/// A value of a lever of this kind and unit: `£` to the pound (halves up), `%` and other
/// units to two decimal places at most.
pub fn show_amount(kind: LeverKind, unit: &str, value: Decimal) -> String {
    match (kind, unit) {
        (LeverKind::Proposal, _) if value.is_zero() => "Not accepted".to_string(),
        (LeverKind::Proposal, _) => "Accepted".to_string(),
        (LeverKind::Principle, _) if value > Decimal::ZERO => "Agree".to_string(),
        (LeverKind::Principle, _) if value < Decimal::ZERO => "Disagree".to_string(),
        (LeverKind::Principle, _) => "No view".to_string(),
        (_, "£") => Money::new(value).display_pounds(),
        (_, "%") => format!("{}%", short(value, 2)),
        (_, unit) => format!("{} {unit}", short(value, 2)).trim_end().to_string(),
    }
}

/// A response in words, for the participant's own copy.
pub fn response_text(c: &Consultation, o: &Outcome, r: &Response) -> String {
    let mut out = format!("{}\nYour response\n\n", c.title);
    for l in &o.levers {
        let lever = c.levers.iter().find(|x| x.id == l.id);
        let shown = lever.map(|x| show_value(x, l.value)).unwrap_or_else(|| short(l.value, 2));
        out.push_str(&format!("- {}: {shown}", l.name));
        if !l.money.is_zero() {
            out.push_str(&format!(" ({})", l.money.display_pounds()));
        }
        out.push('\n');
        if let Some(comment) = r.choices.iter().find(|x| x.lever == l.id).map(|x| x.comment.trim()) {
            if !comment.is_empty() {
                out.push_str(&format!("  Your comment: {comment}\n"));
            }
        }
    }
    out.push_str(&format!("\nGap to close: {}\n{}\n", o.gap.display_pounds(), o.summary));
    if !r.comment.trim().is_empty() {
        out.push_str(&format!("\nYour comment: {}\n", r.comment.trim()));
    }
    for a in &r.about_you {
        let q = c.questions.iter().find(|q| q.id == a.question).map_or(a.question.as_str(), |q| q.text.as_str());
        out.push_str(&format!("{q} {}\n", a.answer));
    }
    out
}

/// The name of a participant's downloaded response: `response-<consultation>-<date>-<tag>`
/// with `ext`, so that several saved in one folder do not overwrite each other. `date` is
/// `YYYY-MM-DD`; `tag` is the response's random [`Response::id`].
pub fn response_file_name(consultation: &str, date: &str, tag: &str, ext: &str) -> String {
    [consultation, date, tag].iter().filter(|p| !p.is_empty()).fold("response".to_string(), |name, p| name + "-" + p)
        + "."
        + ext
}

/// A short tag for a response from a random number: six characters of `a-z` and `0-9`
/// (about 2 billion different tags).
pub fn response_tag(random: u32) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = random;
    (0..6)
        .map(|_| {
            let d = DIGITS.get((n % 36) as usize).copied().unwrap_or(b'0');
            n /= 36;
            char::from(d)
        })
        .collect()
}
