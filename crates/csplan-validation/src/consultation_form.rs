//! The consultation a council configures, as typed text (see [`crate::form`] for the idea):
//! its title, dates, the gap and the balance rule, every choice it offers participants,
//! and its "about you" questions. Paths match [`crate::validate`]'s.

use csplan_model::fmt::plain;
use csplan_model::{BalanceRule, Consultation, Decimal, FloorRule, Lever, LeverEffect, LeverKind, Money, Question};

use crate::fields::{label, Field, Info, Item, List, Member, Path, Reader, Texts, Unit, Walk};

/// A consultation as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsultationForm {
    /// Short id written into every response.
    pub id: String,
    /// The title.
    pub title: String,
    /// Introduction; paragraphs separated by blank lines.
    pub intro: String,
    /// First day responses are accepted, `YYYY-MM-DD`.
    pub opens: String,
    /// Last day responses are accepted, `YYYY-MM-DD`.
    pub closes: String,
    /// The gap participants are asked to close.
    pub gap: String,
    /// The balance rule: `must_balance`, `tolerance` or `any`.
    pub balance: String,
    /// The shortfall accepted, for the `tolerance` rule.
    pub tolerance: String,
    /// What a 1% council tax rise raises (blank: not shown).
    pub council_tax_yield: String,
    /// Where responses are posted (blank: participants download their response).
    pub collector_url: String,
    /// The choices.
    pub levers: Vec<LeverForm>,
    /// "About you" questions.
    pub questions: Vec<QuestionForm>,
}

/// One choice offered to participants, as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeverForm {
    /// Short id.
    pub id: String,
    /// What the choice is.
    pub name: String,
    /// The kind of choice.
    pub kind: LeverKind,
    /// The council's description of the consequences.
    pub consequence: String,
    /// Money a unit closes the gap by (blank: from the model).
    pub per_unit: String,
    /// Smallest value.
    pub min: String,
    /// Largest value.
    pub max: String,
    /// Step.
    pub step: String,
    /// Starting value.
    pub start: String,
    /// What one unit is ("social workers", "%", "£").
    pub unit: String,
    /// The budget area it reduces, if any.
    pub area: Option<String>,
    /// The model it uses: "", `caseload:N` (team group N) or `placements:N` (line N).
    pub effect: String,
    /// What a value below the statutory minimum does.
    pub below_minimum: FloorRule,
}

/// An "about you" question as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuestionForm {
    /// Short id.
    pub id: String,
    /// The question.
    pub text: String,
    /// The answers offered.
    pub options: Vec<String>,
}

/// The id of a balance rule, as scenario files write it.
pub fn balance_id(rule: &BalanceRule) -> &'static str {
    match rule {
        BalanceRule::MustBalance => "must_balance",
        BalanceRule::Tolerance { .. } => "tolerance",
        BalanceRule::Any => "any",
    }
}

/// The id of a kind of choice, as scenario files write it.
pub fn kind_id(kind: LeverKind) -> &'static str {
    match kind {
        LeverKind::Proposal => "proposal",
        LeverKind::Stepped => "stepped",
        LeverKind::CouncilTax => "council_tax",
        LeverKind::Reserves => "reserves",
        LeverKind::Charges => "charges",
        LeverKind::Principle => "principle",
    }
}

/// Every kind of choice, in the order an editor lists them.
pub const KINDS: [LeverKind; 6] = [
    LeverKind::Proposal,
    LeverKind::Principle,
    LeverKind::Stepped,
    LeverKind::CouncilTax,
    LeverKind::Reserves,
    LeverKind::Charges,
];

/// The text form of a lever's model: "", `caseload:N` or `placements:N`.
pub fn effect_id(effect: Option<LeverEffect>) -> String {
    match effect {
        None => String::new(),
        Some(LeverEffect::Caseload { team }) => format!("caseload:{team}"),
        Some(LeverEffect::Placements { line }) => format!("placements:{line}"),
    }
}

/// Reads [`effect_id`]'s text form; None (with `false`) when it is not one.
fn effect_from(text: &str) -> Option<Option<LeverEffect>> {
    if text.is_empty() {
        return Some(None);
    }
    let (model, n) = text.split_once(':')?;
    let n: usize = n.parse().ok()?;
    match model {
        "caseload" => Some(Some(LeverEffect::Caseload { team: n })),
        "placements" => Some(Some(LeverEffect::Placements { line: n })),
        _ => None,
    }
}

impl ConsultationForm {
    /// The form showing a consultation as a person would type it.
    pub fn from_consultation(c: &Consultation) -> Self {
        Self {
            id: c.id.clone(),
            title: c.title.clone(),
            intro: c.intro.clone(),
            opens: c.opens.clone(),
            closes: c.closes.clone(),
            gap: plain(c.gap.value()),
            balance: balance_id(&c.balance).to_string(),
            tolerance: match c.balance {
                BalanceRule::Tolerance { amount } => plain(amount.value()),
                _ => String::new(),
            },
            council_tax_yield: c.council_tax_yield.map(|m| plain(m.value())).unwrap_or_default(),
            collector_url: c.collector_url.clone().unwrap_or_default(),
            levers: c
                .levers
                .iter()
                .map(|l| LeverForm {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    kind: l.kind,
                    consequence: l.consequence.clone(),
                    per_unit: l.per_unit.map(|m| plain(m.value())).unwrap_or_default(),
                    min: plain(l.min),
                    max: plain(l.max),
                    step: plain(l.step),
                    start: plain(l.start),
                    unit: l.unit.clone(),
                    area: l.area.clone(),
                    effect: effect_id(l.effect),
                    below_minimum: l.below_minimum,
                })
                .collect(),
            questions: c
                .questions
                .iter()
                .map(|q| QuestionForm { id: q.id.clone(), text: q.text.clone(), options: q.options.clone() })
                .collect(),
        }
    }

    /// Reads every field, recording a problem for each that cannot be read.
    pub(crate) fn read(&self, r: &mut Reader) -> Consultation {
        let at = Path::root("consultation");
        let balance = match self.balance.as_str() {
            "tolerance" => BalanceRule::Tolerance { amount: Money::new(r.get(&at, &Self::TOLERANCE, self, "")) },
            "any" => BalanceRule::Any,
            _ => BalanceRule::MustBalance,
        };
        let blank_none = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Consultation {
            id: self.id.trim().to_string(),
            title: self.title.trim().to_string(),
            intro: self.intro.clone(),
            opens: self.opens.trim().to_string(),
            closes: self.closes.trim().to_string(),
            gap: Money::new(r.get(&at, &Self::GAP, self, "")),
            balance,
            council_tax_yield: r.opt(&at, &Self::COUNCIL_TAX_YIELD, self, "").map(Money::new),
            levers: self
                .levers
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let at = at.at("levers", i);
                    let of = label(&l.name, "choice", i);
                    Lever {
                        id: l.id.trim().to_string(),
                        name: l.name.trim().to_string(),
                        kind: l.kind,
                        consequence: l.consequence.clone(),
                        per_unit: r.opt(&at, &LeverForm::PER_UNIT, l, &of).map(Money::new),
                        min: r.get(&at, &LeverForm::MIN, l, &of),
                        max: r.opt(&at, &LeverForm::MAX, l, &of).unwrap_or(Decimal::ONE),
                        step: r.opt(&at, &LeverForm::STEP, l, &of).unwrap_or(Decimal::ONE),
                        start: r.get(&at, &LeverForm::START, l, &of),
                        unit: l.unit.trim().to_string(),
                        area: l.area.clone(),
                        effect: effect_from(&l.effect).flatten(),
                        below_minimum: l.below_minimum,
                    }
                })
                .collect(),
            questions: self
                .questions
                .iter()
                .map(|q| Question {
                    id: q.id.trim().to_string(),
                    text: q.text.trim().to_string(),
                    options: q.options.iter().map(|o| o.trim().to_string()).collect(),
                })
                .collect(),
            collector_url: blank_none(&self.collector_url),
        }
    }

    /// Short id.
    pub const ID: Field<Self> = Field::text(
        Info::new("id", "Id", Unit::Text).hint("Short, like budget-2027: it is written into every response").width(20),
        |c| &c.id,
        |c| &mut c.id,
    );
    /// Title.
    pub const TITLE: Field<Self> =
        Field::text(Info::new("title", "Title", Unit::Text).width(100), |c| &c.title, |c| &mut c.title);
    /// Introduction.
    pub const INTRO: Field<Self> = Field::text(
        Info::new("intro", "Introduction", Unit::Paragraph).hint("Separate paragraphs with a blank line").optional(),
        |c| &c.intro,
        |c| &mut c.intro,
    );
    /// First day open.
    pub const OPENS: Field<Self> = Field::text(
        Info::new("opens", "Opens (YYYY-MM-DD)", Unit::Date).example("2027-01-04").row(1),
        |c| &c.opens,
        |c| &mut c.opens,
    );
    /// Last day open.
    pub const CLOSES: Field<Self> = Field::text(
        Info::new("closes", "Closes (YYYY-MM-DD)", Unit::Date).example("2027-02-14").row(1),
        |c| &c.closes,
        |c| &mut c.closes,
    );
    /// The gap to close.
    pub const GAP: Field<Self> = Field::text(
        Info::new("gap", "The gap to close", Unit::Money).subject("the gap to close").example("12,000,000"),
        |c| &c.gap,
        |c| &mut c.gap,
    );
    /// The balance rule.
    pub const BALANCE: Field<Self> = Field::choice(
        Info::new("balance", "What counts as a balanced budget", Unit::Choice),
        |c| c.balance.clone(),
        |c, v| {
            let ok = matches!(v, "must_balance" | "tolerance" | "any");
            if ok {
                c.balance = v.to_string();
            }
            ok
        },
    );
    /// The shortfall accepted.
    pub const TOLERANCE: Field<Self> = Field::text(
        Info::new("balance.amount", "Shortfall accepted", Unit::Money)
            .subject("the shortfall accepted")
            .example("250,000"),
        |c| &c.tolerance,
        |c| &mut c.tolerance,
    );
    /// What a 1% council tax rise raises.
    pub const COUNCIL_TAX_YIELD: Field<Self> = Field::text(
        Info::new("council_tax_yield", "What a 1% council tax rise raises (optional)", Unit::Money)
            .hint("Shows participants the rise a shortfall would need")
            .optional()
            .subject("what a 1% council tax rise raises")
            .example("6,500,000"),
        |c| &c.council_tax_yield,
        |c| &mut c.council_tax_yield,
    );
    /// Where responses are posted.
    pub const COLLECTOR_URL: Field<Self> = Field::text(
        Info::new("collector_url", "Response collector's address (optional)", Unit::Text)
            .hint("Blank: participants download their response and send it as you ask")
            .optional()
            .width(100),
        |c| &c.collector_url,
        |c| &mut c.collector_url,
    );
}

impl Item for ConsultationForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::ID),
        Member::Field(Self::TITLE),
        Member::Field(Self::INTRO),
        Member::Field(Self::OPENS),
        Member::Field(Self::CLOSES),
        Member::Field(Self::GAP),
        Member::Field(Self::BALANCE),
        Member::Field(Self::TOLERANCE),
        Member::Field(Self::COUNCIL_TAX_YIELD),
        Member::Field(Self::COLLECTOR_URL),
        Member::List(List {
            key: "levers",
            len: |c| c.levers.len(),
            get: |c, i| c.levers.get(i).map(|l| l as &dyn Walk),
            get_mut: |c, i| c.levers.get_mut(i).map(|l| l as &mut dyn Walk),
            push: |c| c.levers.push(LeverForm::default()),
        }),
        Member::List(List {
            key: "questions",
            len: |c| c.questions.len(),
            get: |c, i| c.questions.get(i).map(|q| q as &dyn Walk),
            get_mut: |c, i| c.questions.get_mut(i).map(|q| q as &mut dyn Walk),
            push: |c| c.questions.push(QuestionForm::default()),
        }),
    ];
}

impl LeverForm {
    /// Short id.
    pub const ID: Field<Self> = Field::text(
        Info::new("id", "Id", Unit::Text).hint("Short, and kept the same: responses refer to it").width(20),
        |l| &l.id,
        |l| &mut l.id,
    );
    /// What the choice is.
    pub const NAME: Field<Self> =
        Field::text(Info::new("name", "Name", Unit::Text).width(100), |l| &l.name, |l| &mut l.name);
    /// The kind of choice.
    pub const KIND: Field<Self> = Field::choice(
        Info::new("kind", "Kind of choice", Unit::Choice),
        |l| kind_id(l.kind).to_string(),
        |l, v| KINDS.into_iter().find(|k| kind_id(*k) == v).map(|k| l.kind = k).is_some(),
    );
    /// The consequences in words.
    pub const CONSEQUENCE: Field<Self> = Field::text(
        Info::new("consequence", "What it would mean", Unit::Paragraph).optional(),
        |l| &l.consequence,
        |l| &mut l.consequence,
    );
    /// Money a unit closes the gap by.
    pub const PER_UNIT: Field<Self> = Field::text(
        Info::new("per_unit", "Money one unit saves or raises", Unit::Money)
            .hint("Negative for a cost. Blank: the model works it out")
            .optional()
            .subject("the money one unit of {} saves or raises")
            .example("250,000"),
        |l| &l.per_unit,
        |l| &mut l.per_unit,
    );
    /// Smallest value.
    pub const MIN: Field<Self> = Field::text(
        Info::new("min", "Smallest", Unit::Count).or_zero().subject("the smallest value for {}").example("0").row(1),
        |l| &l.min,
        |l| &mut l.min,
    );
    /// Largest value.
    pub const MAX: Field<Self> = Field::text(
        Info::new("max", "Largest", Unit::Count).optional().subject("the largest value for {}").example("20").row(1),
        |l| &l.max,
        |l| &mut l.max,
    );
    /// Step.
    pub const STEP: Field<Self> = Field::text(
        Info::new("step", "Step", Unit::Count).optional().subject("the step for {}").example("1").row(1),
        |l| &l.step,
        |l| &mut l.step,
    );
    /// Starting value.
    pub const START: Field<Self> = Field::text(
        Info::new("start", "Starts at", Unit::Count).or_zero().subject("the starting value for {}").example("0").row(1),
        |l| &l.start,
        |l| &mut l.start,
    );
    /// What one unit is.
    pub const UNIT: Field<Self> = Field::text(
        Info::new("unit", "Unit", Unit::Text).hint("Like social workers, % or £").optional().width(10),
        |l| &l.unit,
        |l| &mut l.unit,
    );
    /// The budget area it reduces.
    pub const AREA: Field<Self> = Field::choice(
        Info::new("area", "Budget area it reduces", Unit::Choice).optional(),
        |l| l.area.clone().unwrap_or_default(),
        |l, v| {
            l.area = Some(v.to_string()).filter(|v| !v.is_empty());
            true
        },
    );
    /// The model it uses.
    pub const EFFECT: Field<Self> = Field::choice(
        Info::new("effect", "What the models calculate for it", Unit::Choice).optional(),
        |l| l.effect.clone(),
        |l, v| {
            let ok = effect_from(v).is_some();
            if ok {
                l.effect = v.to_string();
            }
            ok
        },
    );
    /// What a value below the statutory minimum does.
    pub const BELOW_MINIMUM: Field<Self> = Field::choice(
        Info::new("below_minimum", "Below the statutory minimum", Unit::Choice),
        |l| if l.below_minimum == FloorRule::Flag { "flag" } else { "block" }.to_string(),
        |l, v| match v {
            "block" => {
                l.below_minimum = FloorRule::Block;
                true
            }
            "flag" => {
                l.below_minimum = FloorRule::Flag;
                true
            }
            _ => false,
        },
    );
}

impl Item for LeverForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::ID),
        Member::Field(Self::NAME),
        Member::Field(Self::KIND),
        Member::Field(Self::CONSEQUENCE),
        Member::Field(Self::PER_UNIT),
        Member::Field(Self::MIN),
        Member::Field(Self::MAX),
        Member::Field(Self::STEP),
        Member::Field(Self::START),
        Member::Field(Self::UNIT),
        Member::Field(Self::AREA),
        Member::Field(Self::EFFECT),
        Member::Field(Self::BELOW_MINIMUM),
    ];
}

impl QuestionForm {
    /// Short id.
    pub const ID: Field<Self> = Field::text(Info::new("id", "Id", Unit::Text).width(10), |q| &q.id, |q| &mut q.id);
    /// The question.
    pub const TEXT: Field<Self> =
        Field::text(Info::new("text", "Question", Unit::Text).width(100), |q| &q.text, |q| &mut q.text);
    /// Each answer offered.
    pub const OPTION: Info = Info::new("options", "Answer {}", Unit::Text).width(20);
}

impl Item for QuestionForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::ID),
        Member::Field(Self::TEXT),
        Member::Texts(Texts { info: Self::OPTION, get: |q| &q.options, get_mut: |q| &mut q.options }),
    ];
}
