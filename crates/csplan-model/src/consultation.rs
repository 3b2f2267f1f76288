//! The "balance the budget" consultation, as the council configures it in the scenario
//! file, and a participant's response.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::units::Money;

/// The response file format this version reads and writes (`"schema": 1`).
pub const RESPONSE_SCHEMA: u32 = 1;

/// A consultation: what participants see and the rule their budget must meet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    /// Short id written into every response, e.g. `hampshire-2021`.
    pub id: String,
    /// The title ("Balancing the budget 2021").
    pub title: String,
    /// The council's name as participants see it, in the header and every page title;
    /// blank: the scenario's authority. A consultation file has no authority of its own.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub council: String,
    /// Introduction in plain English; paragraphs separated by blank lines.
    pub intro: String,
    /// First day responses are accepted, `YYYY-MM-DD`.
    pub opens: String,
    /// Last day responses are accepted, `YYYY-MM-DD`.
    pub closes: String,
    /// The gap participants are asked to close.
    pub gap: Money,
    /// What counts as a balanced budget.
    #[serde(default)]
    pub balance: BalanceRule,
    /// What a 1% council tax rise raises, to show the rise an unbalanced budget needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council_tax_yield: Option<Money>,
    /// The choices participants make.
    pub levers: Vec<Lever>,
    /// Optional "about you" questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// Where responses are posted. Without one, participants download their response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collector_url: Option<String>,
    /// Without a collector: where and how participants send the file they download (an
    /// email address, a postal address, a portal), in the council's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub send_to: String,
}

/// What counts as a balanced budget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum BalanceRule {
    /// The choices must close the whole gap before a response can be sent.
    #[default]
    MustBalance,
    /// The choices must close the gap to within this amount.
    Tolerance {
        /// The largest shortfall accepted.
        amount: Money,
    },
    /// Any budget can be sent; a shortfall shows the council tax rise it would need.
    Any,
}

/// The kind of choice a lever offers, which decides its control.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverKind {
    /// A savings proposal to accept or not (a checkbox; 1 = accepted).
    #[default]
    Proposal,
    /// A number from `min` to `max` in `step`s (e.g. social workers added, 0-20).
    Stepped,
    /// Council tax change, % (income).
    CouncilTax,
    /// Use of reserves (income, one-off).
    Reserves,
    /// New or higher charges (income).
    Charges,
    /// A principle to agree or disagree with; no money (1 agree, 0 no view, -1 disagree).
    Principle,
}

impl LeverKind {
    /// True for levers that raise income rather than save.
    pub fn is_income(self) -> bool {
        matches!(self, LeverKind::CouncilTax | LeverKind::Reserves | LeverKind::Charges)
    }
}

/// One choice offered to participants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lever {
    /// Short id, stable across versions of the consultation (responses refer to it).
    pub id: String,
    /// What the choice is, in plain English.
    pub name: String,
    /// The kind of choice.
    #[serde(default)]
    pub kind: LeverKind,
    /// The council's description of the consequences.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub consequence: String,
    /// Money a unit of the lever closes the gap by (a saving or income; negative for a
    /// cost, such as a social worker added). When absent it comes from the effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<Money>,
    /// Smallest value (default 0).
    #[serde(default, with = "crate::dec")]
    pub min: Decimal,
    /// Largest value (default 1). For council tax, the cap.
    #[serde(default = "one", with = "crate::dec")]
    pub max: Decimal,
    /// Step between values (default 1).
    #[serde(default = "one", with = "crate::dec")]
    pub step: Decimal,
    /// The value a participant starts from (default 0).
    #[serde(default, with = "crate::dec")]
    pub start: Decimal,
    /// What one unit is, for stepped levers ("social workers", "%", "£").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// The budget area it reduces, if any (checked against its statutory minimum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// What the models calculate for this lever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<LeverEffect>,
    /// What happens when a value would take its area below the statutory minimum.
    #[serde(default)]
    pub below_minimum: FloorRule,
    /// The council's own proposal for this choice, shown on the results page beside the
    /// average participants chose; absent: see [`Lever::proposal`].
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::dec::option")]
    pub proposed: Option<Decimal>,
}

fn one() -> Decimal {
    Decimal::ONE
}

impl Lever {
    /// The smallest value, the largest and the step between: a proposal is 0 or 1, a
    /// principle -1, 0 or 1 whatever the file says; other kinds use their own.
    pub fn bounds(&self) -> (Decimal, Decimal, Decimal) {
        match self.kind {
            LeverKind::Proposal => (Decimal::ZERO, Decimal::ONE, Decimal::ONE),
            LeverKind::Principle => (Decimal::NEGATIVE_ONE, Decimal::ONE, Decimal::ONE),
            _ => (self.min, self.max, self.step),
        }
    }

    /// The council's proposal: [`Lever::proposed`] when given, else a savings proposal
    /// accepted, a principle agreed, and any other choice at its starting value.
    pub fn proposal(&self) -> Decimal {
        match (self.proposed, self.kind) {
            (Some(v), _) => v,
            (None, LeverKind::Proposal | LeverKind::Principle) => Decimal::ONE,
            (None, _) => self.start,
        }
    }
}

/// A consequence the models calculate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum LeverEffect {
    /// Each unit adds one case-holding FTE to a team group: shows the resulting
    /// average caseload against Ofsted's 15-20, and costs the group's cost per FTE.
    Caseload {
        /// Index of the team group (from 0).
        team: usize,
    },
    /// Each unit is one placement fewer of a placement line: shows the placement cost
    /// change, and saves the line's annual unit cost.
    Placements {
        /// Index of the placement line (from 0).
        line: usize,
    },
}

/// What a lever that would breach a statutory minimum does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FloorRule {
    /// The value cannot be chosen.
    #[default]
    Block,
    /// The value can be chosen, and is flagged.
    Flag,
}

/// An optional "about you" question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Short id.
    pub id: String,
    /// The question.
    pub text: String,
    /// The answers offered (one is chosen; "Prefer not to say" is always added).
    pub options: Vec<String>,
}

/// FNV-1a (32-bit) of `bytes`, as eight hex digits: the check in share links and the
/// figures part of a response's idempotency key. Not a secure hash.
pub fn checksum(bytes: &[u8]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// The `Idempotency-Key` a participant's page sends with `json`, the response it posts:
/// the response's own tag and a checksum of the figures. A retry of the same response
/// sends the same key, so the collector stores it once; changed figures send a new one.
pub fn send_key(tag: &str, json: &str) -> String {
    format!("{tag}-{}", checksum(json.as_bytes()))
}

/// A participant's response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Response file format version ([`RESPONSE_SCHEMA`]).
    pub schema: u32,
    /// A random tag the participants' app gives a response when it is made (also in its
    /// file name), so one response read twice is counted once. Empty in files made by
    /// earlier versions and by the command line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The consultation's id.
    pub consultation: String,
    /// One entry per lever the participant saw.
    pub choices: Vec<Choice>,
    /// An overall comment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Answers to the "about you" questions (unanswered ones left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about_you: Vec<Answer>,
    /// Money the choices close the gap by, less the gap (negative: a shortfall), as
    /// calculated when the response was made.
    pub balance: Money,
    /// Whether the choices met the consultation's balance rule.
    pub balanced: bool,
}

/// One lever's value in a response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The lever's id.
    pub lever: String,
    /// The value chosen.
    #[serde(with = "crate::dec")]
    pub value: Decimal,
    /// A comment on this lever.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// One "about you" answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The question's id.
    pub question: String,
    /// The answer chosen.
    pub answer: String,
}

/// The largest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;
