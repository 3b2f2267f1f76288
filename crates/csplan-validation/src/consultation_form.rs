//! The consultation a council configures, as typed text (see [`crate::form`] for the idea):
//! its title, dates, the gap and the balance rule, every choice it offers participants,
//! and its "about you" questions. Paths match [`crate::validate`]'s.

use csplan_model::fmt::plain;
use csplan_model::{BalanceRule, Consultation, Decimal, FloorRule, Lever, LeverEffect, LeverKind, Money, Question};

use crate::budget_form::WorkstreamForm;
use crate::fields::{label, Choice, Info, Path, Reader};

crate::form! {
    /// A consultation as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ConsultationForm {
        id: text(Info::words("Id").hint("Short, like budget-2027: it is written into every response").width(20)),
        title: text(Info::words("Title").width(100)),
        council: text(Info::words("The council's name as participants see it (optional)").hint("Blank: the authority's name").width(100)),
        intro: text(Info::paragraph("Introduction").hint("Separate paragraphs with a blank line")),
        opens: text(Info::date("Opens (YYYY-MM-DD)").example("2027-01-04").row(1)),
        closes: text(Info::date("Closes (YYYY-MM-DD)").example("2027-02-14").row(1)),
        gap: text(Info::money("The gap to close").subject("the gap to close").example("12,000,000")),
        balance: choice(String, Info::choice("What counts as a balanced budget")),
        tolerance: text(Info::money("Shortfall accepted").key("balance.amount").subject("the shortfall accepted").example("250,000")),
        council_tax_yield: text(Info::money("What a 1% council tax rise raises (optional)").hint("Shows participants the rise a shortfall would need").optional().subject("what a 1% council tax rise raises").example("6,500,000")),
        collector_url: text(Info::words("Response collector's address (optional)").hint("Blank: participants download their response and send it as you ask").width(100)),
        send_to: text(Info::paragraph("Without a collector: where and how to send the file (optional)").hint("Like: email it to budget@example.gov.uk, or post it to Budget consultation, Town Hall")),
        levers: list(LeverForm),
        questions: list(QuestionForm),
    }
}

crate::form! {
    /// One choice offered to participants, as typed text. Its model (`effect`) is "",
    /// `caseload:N` (social workers added to team group N) or `placements:N` (placements of
    /// line N).
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct LeverForm {
        id: text(Info::words("Id").hint("Short, and kept the same: responses refer to it").width(20)),
        name: text(Info::words("Name").width(100)),
        kind: choice(LeverKind, Info::choice("Kind of choice")),
        consequence: text(Info::paragraph("What it would mean")),
        per_unit: text(Info::money("Money one unit saves or raises").hint("Negative for a cost. Blank: the model works it out").optional().subject("the money one unit of {} saves or raises").example("250,000")),
        min: text(Info::count("Smallest").or_zero().subject("the smallest value for {}").example("0").row(1)),
        max: text(Info::count("Largest").optional().subject("the largest value for {}").example("20").row(1)),
        step: text(Info::count("Step").optional().subject("the step for {}").example("1").row(1)),
        start: text(Info::count("Starts at").or_zero().subject("the starting value for {}").example("0").row(1)),
        unit: text(Info::words("Unit").hint("Like social workers, % or £").width(10)),
        area: choice(Option<String>, Info::choice("Budget area it reduces").optional()),
        effect: choice(String, Info::choice("What the models calculate for it").optional()),
        below_minimum: choice(FloorRule, Info::choice("Below the statutory minimum")),
        proposed: text(Info::count("The council's proposal (optional)").hint("Shown on the results page beside the average participants chose. Blank: a savings proposal accepted, a principle agreed, anything else where it starts").optional().subject("the council's proposal for {}").example("2.99").width(5)),
    }
}

crate::form! {
    /// An "about you" question as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct QuestionForm {
        id: text(Info::words("Id").width(10)),
        text: text(Info::words("Question").width(100)),
        options: texts(Info::words("Answer {}").width(20)),
    }
}

impl Choice for LeverKind {
    fn id(&self) -> String {
        kind_id(*self).to_string()
    }
    fn set_id(&mut self, id: &str) -> bool {
        KINDS.into_iter().find(|k| kind_id(*k) == id).map(|k| *self = k).is_some()
    }
}

impl Choice for FloorRule {
    fn id(&self) -> String {
        if *self == FloorRule::Flag { "flag" } else { "block" }.to_string()
    }
    fn set_id(&mut self, id: &str) -> bool {
        match id {
            "block" => *self = FloorRule::Block,
            "flag" => *self = FloorRule::Flag,
            _ => return false,
        }
        true
    }
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

/// What a council calls each kind of choice, in the editor.
pub fn kind_label(kind: LeverKind) -> &'static str {
    match kind {
        LeverKind::Proposal => "A savings proposal (accept or not)",
        LeverKind::Stepped => "A number to choose (from the smallest to the largest, in steps)",
        LeverKind::CouncilTax => "Council tax change (%)",
        LeverKind::Reserves => "Use of reserves (one-off income)",
        LeverKind::Charges => "New or higher charges (income)",
        LeverKind::Principle => "A principle (agree, no view, disagree)",
    }
}

impl ConsultationForm {
    /// A new consultation to fill in: must balance, no choices yet.
    pub fn new_section() -> Self {
        Self { balance: "must_balance".to_string(), ..Self::default() }
    }

    /// A label for choice `i`: its name, else "choice 3".
    pub fn lever_label(&self, i: usize) -> String {
        label(self.levers.get(i).map_or("", |l| &l.name), "choice", i)
    }

    /// A label for question `i`: its text, else "question 3".
    pub fn question_label(&self, i: usize) -> String {
        label(self.questions.get(i).map_or("", |q| &q.text), "question", i)
    }

    /// Adds a choice of `kind` with an id no other choice has, and returns its index. A
    /// stepped choice starts at 0 to 10 in ones; council tax at 0 to 3% in quarters (12
    /// presses of +), for the council to set its own cap.
    pub fn add_lever(&mut self, kind: LeverKind) -> usize {
        let mut n = self.levers.len() + 1;
        while self.levers.iter().any(|l| l.id.trim() == format!("choice-{n}")) {
            n += 1;
        }
        let (max, step, unit) = match kind {
            LeverKind::CouncilTax => ("3", "0.25", "%"),
            LeverKind::Stepped => ("10", "1", ""),
            LeverKind::Reserves | LeverKind::Charges => ("1", "1", ""),
            LeverKind::Proposal | LeverKind::Principle => ("", "", ""),
        };
        self.levers.push(LeverForm {
            id: format!("choice-{n}"),
            kind,
            min: "0".to_string(),
            max: max.to_string(),
            step: step.to_string(),
            start: "0".to_string(),
            unit: unit.to_string(),
            ..LeverForm::default()
        });
        self.levers.len() - 1
    }

    /// Adds a savings proposal taken from a workstream on the Budget page: its name, its
    /// full-year saving as the money accepting it closes, its budget area, and its risks and
    /// equality impact as what it would mean. Its id comes from the name (`modernising-
    /// placements`), made different from every other choice's and from the page's own. Returns
    /// its index.
    pub fn add_proposal_from(&mut self, w: &WorkstreamForm) -> usize {
        let i = self.add_lever(LeverKind::Proposal);
        let base = crate::share::slug(&w.name);
        let taken = |levers: &[LeverForm], id: &str| {
            crate::budget::RESERVED_IDS.contains(&id) || levers.iter().any(|l| l.id.trim() == id)
        };
        if !w.name.trim().is_empty() {
            let mut id = base.clone();
            let mut n = 2;
            while taken(&self.levers, &id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            if let Some(l) = self.levers.get_mut(i) {
                l.id = id;
            }
        }
        let said = [("Risks", &w.risks), ("Equality impact", &w.equality_impact)]
            .into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(h, t)| format!("{h}: {}", t.trim()))
            .collect::<Vec<_>>()
            .join("\n\n");
        if let Some(l) = self.levers.get_mut(i) {
            l.name = w.name.trim().to_string();
            l.per_unit = w.amount.trim().to_string();
            l.area = Some(w.area.trim().to_string()).filter(|a| !a.is_empty());
            l.consequence = said;
        }
        i
    }

    /// Removes choice `i`.
    pub fn remove_lever(&mut self, i: usize) {
        if i < self.levers.len() {
            self.levers.remove(i);
        }
    }

    /// Moves choice `i` one place up (or down) the list participants see; returns where it
    /// is now.
    pub fn move_lever(&mut self, i: usize, up: bool) -> usize {
        let to = if up { i.checked_sub(1) } else { i.checked_add(1).filter(|j| *j < self.levers.len()) };
        match to {
            Some(j) if i < self.levers.len() => {
                self.levers.swap(i, j);
                j
            }
            _ => i,
        }
    }

    /// Adds an "about you" question with two answers to fill in; returns its index.
    pub fn add_question(&mut self) -> usize {
        let mut n = self.questions.len() + 1;
        while self.questions.iter().any(|q| q.id.trim() == format!("q{n}")) {
            n += 1;
        }
        self.questions.push(QuestionForm {
            id: format!("q{n}"),
            text: String::new(),
            options: vec![String::new(), String::new()],
        });
        self.questions.len() - 1
    }

    /// Removes question `i`.
    pub fn remove_question(&mut self, i: usize) {
        if i < self.questions.len() {
            self.questions.remove(i);
        }
    }

    /// Adds an answer to question `i`; returns its index.
    pub fn add_answer(&mut self, i: usize) -> usize {
        self.questions.get_mut(i).map_or(0, |q| {
            q.options.push(String::new());
            q.options.len() - 1
        })
    }

    /// The form showing a consultation as a person would type it.
    pub fn from_consultation(c: &Consultation) -> Self {
        Self {
            id: c.id.clone(),
            title: c.title.clone(),
            council: c.council.clone(),
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
            send_to: c.send_to.clone(),
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
                    proposed: l.proposed.map(plain).unwrap_or_default(),
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
            "tolerance" => BalanceRule::Tolerance { amount: Money::new(r.get(&at, &Self::tolerance, self, "")) },
            "any" => BalanceRule::Any,
            _ => BalanceRule::MustBalance,
        };
        let blank_none = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Consultation {
            id: self.id.trim().to_string(),
            title: self.title.trim().to_string(),
            council: self.council.trim().to_string(),
            intro: self.intro.clone(),
            opens: self.opens.trim().to_string(),
            closes: self.closes.trim().to_string(),
            gap: Money::new(r.get(&at, &Self::gap, self, "")),
            balance,
            council_tax_yield: r.opt(&at, &Self::council_tax_yield, self, "").map(Money::new),
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
                        per_unit: r.opt(&at, &LeverForm::per_unit, l, &of).map(Money::new),
                        min: r.get(&at, &LeverForm::min, l, &of),
                        max: r.opt(&at, &LeverForm::max, l, &of).unwrap_or(Decimal::ONE),
                        step: r.opt(&at, &LeverForm::step, l, &of).unwrap_or(Decimal::ONE),
                        start: r.get(&at, &LeverForm::start, l, &of),
                        unit: l.unit.trim().to_string(),
                        area: l.area.clone(),
                        effect: match effect_from(&l.effect) {
                            Some(effect) => effect,
                            None => {
                                let message = format!("Choose what the models calculate for {of}");
                                r.problems.push(crate::Problem::error(at.field("effect"), message));
                                None
                            }
                        },
                        below_minimum: l.below_minimum,
                        proposed: r.opt(&at, &LeverForm::proposed, l, &of),
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
            send_to: self.send_to.trim().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_choices_and_questions_get_ids_no_other_has() {
        let mut c = ConsultationForm::new_section();
        for _ in 0..3 {
            c.add_question();
            c.add_lever(LeverKind::Proposal);
        }
        c.remove_question(0);
        c.remove_lever(0);
        c.add_question();
        c.add_lever(LeverKind::CouncilTax);
        let ids = |v: Vec<&str>| {
            let mut sorted = v.clone();
            sorted.sort_unstable();
            sorted.dedup();
            (v.len(), sorted.len())
        };
        let (n, unique) = ids(c.questions.iter().map(|q| q.id.as_str()).collect());
        assert_eq!(n, unique, "{:?}", c.questions);
        let (n, unique) = ids(c.levers.iter().map(|l| l.id.as_str()).collect());
        assert_eq!(n, unique);
        assert_eq!(c.move_lever(0, true), 0, "the first cannot move up");
        assert_eq!(c.move_lever(0, false), 1);
    }

    #[test]
    fn a_proposal_from_a_workstream_keeps_its_name_saving_and_area() {
        let w = WorkstreamForm {
            name: "Modernising placements".to_string(),
            area: "csc".to_string(),
            amount: "2,700,000".to_string(),
            risks: "Market sufficiency".to_string(),
            equality_impact: "Children in care; mitigated by review".to_string(),
            ..WorkstreamForm::default()
        };
        let mut c = ConsultationForm::new_section();
        let i = c.add_proposal_from(&w);
        let j = c.add_proposal_from(&w);
        let gap = c.add_proposal_from(&WorkstreamForm { name: "Gap".to_string(), ..WorkstreamForm::default() });
        let blank = c.add_proposal_from(&WorkstreamForm::default());
        let l = |k: usize| c.levers.get(k).cloned().unwrap_or_default();
        assert_eq!(l(i).id, "modernising-placements");
        assert_eq!(l(j).id, "modernising-placements-2", "a second copy gets an id of its own");
        assert_eq!(l(gap).id, "gap-2", "the page's own ids are not used");
        assert_eq!(l(blank).id, "choice-4", "no name: the usual id");
        assert_eq!(l(i).kind, LeverKind::Proposal);
        assert_eq!(l(i).name, "Modernising placements");
        assert_eq!(l(i).per_unit, "2,700,000", "the saving as typed, commas and all");
        assert_eq!(l(i).area.as_deref(), Some("csc"));
        assert_eq!(l(blank).area, None);
        assert_eq!(
            l(i).consequence,
            "Risks: Market sufficiency\n\nEquality impact: Children in care; mitigated by review"
        );
    }
}
