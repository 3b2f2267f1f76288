//! A summary of many consultation responses.
//!
//! ```text
//! take-up        = responses with a value other than 0 / responses that include the lever
//!                  (a proposal accepted, a stepped lever moved off 0, a principle agreed
//!                  or disagreed; for principles agree and disagree are counted apart)
//! mean, median   = of the values given, stepped and income levers (median of an even
//!                  count: the mean of the middle two); lowest and highest, the spread
//! breakdown      = the same summary of the responses giving each answer to one
//!                  "about you" question (and of those that did not answer)
//! package        = each choice at the council's proposal and at participants' mean, with
//!                  the money each closes the gap by (per unit x value, to the penny)
//! balanced share = responses marked balanced / responses
//! percentages    = to one decimal place, halves up, when shown
//! ```

use std::collections::BTreeMap;

use csplan_model::{Consultation, Decimal, LeverKind, Money, Response};
use serde::Serialize;

/// One lever's take-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeverSummary {
    /// Lever id.
    pub id: String,
    /// Lever name (from the consultation, when given; else the id).
    pub name: String,
    /// Kind, when the consultation is given.
    pub kind: Option<LeverKind>,
    /// What one unit of the value is ("£", "%", "social workers"), when the consultation
    /// is given.
    pub unit: String,
    /// Responses that include this lever.
    pub responses: usize,
    /// Of those, with a value other than 0.
    pub taken_up: usize,
    /// `taken_up / responses` as %.
    #[serde(with = "csplan_model::dec::option")]
    pub take_up_percent: Option<Decimal>,
    /// Principles: agreed (value above 0).
    pub agree: usize,
    /// Principles: disagreed (value below 0).
    pub disagree: usize,
    /// Mean value.
    #[serde(with = "csplan_model::dec::option")]
    pub mean: Option<Decimal>,
    /// Median value.
    #[serde(with = "csplan_model::dec::option")]
    pub median: Option<Decimal>,
    /// Smallest value given (stepped and income levers).
    #[serde(with = "csplan_model::dec::option")]
    pub lowest: Option<Decimal>,
    /// Largest value given (stepped and income levers).
    #[serde(with = "csplan_model::dec::option")]
    pub highest: Option<Decimal>,
    /// Comments on this lever.
    pub comments: usize,
}

/// One "about you" question's answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionSummary {
    /// Question id.
    pub id: String,
    /// The question, when the consultation is given.
    pub text: String,
    /// Each answer and how many gave it, in the consultation's order, then any others
    /// alphabetically.
    pub answers: Vec<(String, usize)>,
    /// Responses that did not answer.
    pub unanswered: usize,
}

/// The summary of a set of responses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Responses read.
    pub responses: usize,
    /// Of those, balanced under the consultation's rule.
    pub balanced: usize,
    /// `balanced / responses` as %.
    #[serde(with = "csplan_model::dec::option")]
    pub balanced_percent: Option<Decimal>,
    /// Overall comments.
    pub comments: usize,
    /// Each lever, in the consultation's order (or first-seen order without one).
    pub levers: Vec<LeverSummary>,
    /// Each "about you" question.
    pub about_you: Vec<QuestionSummary>,
}

/// `part / whole x 100`, exact; `None` for no responses.
pub fn share(part: usize, whole: usize) -> Option<Decimal> {
    if whole == 0 {
        return None;
    }
    Decimal::from(part).checked_mul(Decimal::ONE_HUNDRED)?.checked_div(Decimal::from(whole))
}

fn mean(values: &[Decimal]) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    for v in values {
        sum = sum.checked_add(*v)?;
    }
    if values.is_empty() {
        return None;
    }
    // Exact; trailing zeros dropped (2.750 -> 2.75).
    sum.checked_div(Decimal::from(values.len())).map(|m| m.normalize())
}

fn median(values: &mut [Decimal]) -> Option<Decimal> {
    values.sort_unstable();
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    if n % 2 == 1 {
        values.get(mid).copied()
    } else {
        let (a, b) = (values.get(mid - 1)?, values.get(mid)?);
        a.checked_add(*b)?.checked_div(Decimal::TWO).map(|m| m.normalize())
    }
}

#[derive(Default)]
struct Tally {
    responses: usize,
    taken_up: usize,
    agree: usize,
    disagree: usize,
    comments: usize,
    values: Vec<Decimal>,
}

/// Summarises responses. With the consultation, levers and questions come in its order
/// with their names, and responses to another consultation are not counted (the caller
/// reports them); without it, ids are used in the order first seen.
pub fn summarise(responses: &[Response], consultation: Option<&Consultation>) -> Summary {
    let mut order: Vec<String> =
        consultation.map(|c| c.levers.iter().map(|l| l.id.clone()).collect()).unwrap_or_default();
    let mut q_order: Vec<String> =
        consultation.map(|c| c.questions.iter().map(|q| q.id.clone()).collect()).unwrap_or_default();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut answers: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut answered: BTreeMap<String, usize> = BTreeMap::new();
    let (mut balanced, mut comments) = (0, 0);
    for r in responses {
        if r.balanced {
            balanced += 1;
        }
        if !r.comment.trim().is_empty() {
            comments += 1;
        }
        for c in &r.choices {
            if !order.contains(&c.lever) {
                order.push(c.lever.clone());
            }
            let t = tallies.entry(c.lever.clone()).or_default();
            t.responses += 1;
            if !c.value.is_zero() {
                t.taken_up += 1;
            }
            if c.value > Decimal::ZERO {
                t.agree += 1;
            } else if c.value < Decimal::ZERO {
                t.disagree += 1;
            }
            if !c.comment.trim().is_empty() {
                t.comments += 1;
            }
            t.values.push(c.value);
        }
        for a in &r.about_you {
            if !q_order.contains(&a.question) {
                q_order.push(a.question.clone());
            }
            *answers.entry(a.question.clone()).or_default().entry(a.answer.clone()).or_default() += 1;
            *answered.entry(a.question.clone()).or_default() += 1;
        }
    }
    let levers = order
        .iter()
        .map(|id| {
            let lever = consultation.and_then(|c| c.levers.iter().find(|l| &l.id == id));
            let mut t = tallies.remove(id).unwrap_or_default();
            t.values.sort_unstable();
            let kind = lever.map(|l| l.kind);
            let numeric = !matches!(kind, Some(LeverKind::Proposal | LeverKind::Principle));
            LeverSummary {
                id: id.clone(),
                name: lever.map(|l| l.name.clone()).unwrap_or_else(|| id.clone()),
                kind,
                unit: lever.map(|l| l.unit.clone()).unwrap_or_default(),
                responses: t.responses,
                taken_up: t.taken_up,
                take_up_percent: share(t.taken_up, t.responses),
                agree: t.agree,
                disagree: t.disagree,
                mean: if numeric { mean(&t.values) } else { None },
                median: if numeric { median(&mut t.values) } else { None },
                lowest: if numeric { t.values.first().map(|v| v.normalize()) } else { None },
                highest: if numeric { t.values.last().map(|v| v.normalize()) } else { None },
                comments: t.comments,
            }
        })
        .collect();
    let about_you = q_order
        .iter()
        .map(|id| {
            let question = consultation.and_then(|c| c.questions.iter().find(|q| &q.id == id));
            let mut counts = answers.remove(id).unwrap_or_default();
            let mut list = Vec::new();
            if let Some(q) = question {
                for option in &q.options {
                    list.push((option.clone(), counts.remove(option).unwrap_or(0)));
                }
            }
            list.extend(counts);
            QuestionSummary {
                id: id.clone(),
                text: question.map(|q| q.text.clone()).unwrap_or_else(|| id.clone()),
                answers: list,
                unanswered: responses.len().saturating_sub(answered.get(id).copied().unwrap_or(0)),
            }
        })
        .collect();
    Summary {
        responses: responses.len(),
        balanced,
        balanced_percent: share(balanced, responses.len()),
        comments,
        levers,
        about_you,
    }
}

/// One group of a [`breakdown`]: the responses giving one answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The answer ("No answer" for responses that did not answer).
    pub answer: String,
    /// The summary of those responses alone.
    pub summary: Summary,
}

/// Every choice broken down by the answers to one "about you" question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    /// The question's id.
    pub question: String,
    /// The question (its id when the consultation does not give it).
    pub text: String,
    /// One group an answer, in the summary's order of answers, then "No answer". Groups
    /// no response is in are left out.
    pub groups: Vec<Group>,
}

/// What a group of responses that did not answer is called.
pub const NO_ANSWER: &str = "No answer";

/// The responses broken down by their answer to `question`: each group summarised by
/// [`summarise`] (so each group's figures are found as the whole's are). `None` when no
/// response and no consultation question has that id.
pub fn breakdown(responses: &[Response], consultation: Option<&Consultation>, question: &str) -> Option<Breakdown> {
    let whole = summarise(responses, consultation);
    let q = whole.about_you.iter().find(|q| q.id == question)?;
    fn answer_of<'r>(r: &'r Response, question: &str) -> Option<&'r str> {
        r.about_you.iter().find(|a| a.question == question).map(|a| a.answer.as_str())
    }
    let mut groups = Vec::new();
    let names = q.answers.iter().map(|(a, _)| Some(a.as_str())).chain(std::iter::once(None));
    for name in names {
        let members: Vec<Response> = responses.iter().filter(|r| answer_of(r, question) == name).cloned().collect();
        if members.is_empty() {
            continue;
        }
        groups
            .push(Group { answer: name.unwrap_or(NO_ANSWER).to_string(), summary: summarise(&members, consultation) });
    }
    Some(Breakdown { question: q.id.clone(), text: q.text.clone(), groups })
}

/// One choice in a [`Package`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PackageLine {
    /// Lever id.
    pub id: String,
    /// Lever name.
    pub name: String,
    /// Kind of choice.
    pub kind: LeverKind,
    /// Unit of its value.
    pub unit: String,
    /// The council's proposal ([`csplan_model::Lever::proposal`]).
    #[serde(with = "csplan_model::dec")]
    pub proposed: Decimal,
    /// What the proposal closes the gap by (negative: a cost).
    pub proposed_money: Money,
    /// Participants' mean value (`None` with no responses including it). For a proposal,
    /// the share that accepted it as a fraction; for a principle, agree minus disagree
    /// over responses.
    #[serde(with = "csplan_model::dec::option")]
    pub average: Option<Decimal>,
    /// What the mean closes the gap by, to the penny (halves up, as `Money::round_pence`).
    pub average_money: Option<Money>,
}

/// Participants' average package beside the council's proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Package {
    /// Each choice, in the consultation's order.
    pub lines: Vec<PackageLine>,
    /// The gap the consultation asks participants to close.
    pub gap: Money,
    /// The council's proposal: what it closes the gap by, in all.
    pub proposed_total: Money,
    /// The average package: what it closes the gap by, in all (choices no response
    /// included count at nothing).
    pub average_total: Money,
}

/// The average package participants chose (each choice's mean value, from `summary`)
/// beside the council's proposal, with the money each closes the gap by. Money is the
/// lever's money for one unit (`csplan_calc::consultation::per_unit`) times the value, to
/// the penny, as a participant's own budget is found.
pub fn package(s: &csplan_model::Scenario, c: &Consultation, summary: &Summary) -> Result<Package, crate::CalcError> {
    let mut lines = Vec::with_capacity(c.levers.len());
    let (mut proposed_total, mut average_total) = (Money::ZERO, Money::ZERO);
    for lever in &c.levers {
        let unit =
            if lever.kind == LeverKind::Principle { Money::ZERO } else { crate::consultation::per_unit(s, lever)? };
        let found = summary.levers.iter().find(|l| l.id == lever.id).filter(|l| l.responses > 0);
        let average = found.and_then(|l| match lever.kind {
            LeverKind::Proposal => Decimal::from(l.taken_up).checked_div(Decimal::from(l.responses)),
            LeverKind::Principle => {
                let net = Decimal::from(l.agree).checked_sub(Decimal::from(l.disagree))?;
                net.checked_div(Decimal::from(l.responses))
            }
            _ => l.mean,
        });
        let proposed = lever.proposal();
        let proposed_money = crate::ov(unit.checked_times(proposed))?.round_pence();
        let average_money = match average {
            Some(v) => Some(crate::ov(unit.checked_times(v))?.round_pence()),
            None => None,
        };
        proposed_total = crate::ov(proposed_total.checked_add(proposed_money))?;
        average_total = crate::ov(average_total.checked_add(average_money.unwrap_or(Money::ZERO)))?;
        lines.push(PackageLine {
            id: lever.id.clone(),
            name: lever.name.clone(),
            kind: lever.kind,
            unit: lever.unit.clone(),
            proposed,
            proposed_money,
            average: average.map(|v| v.round_dp(4).normalize()),
            average_money,
        });
    }
    Ok(Package { lines, gap: c.gap, proposed_total, average_total })
}

/// One comment from a response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// Where the response came from (a file's path or a receipt).
    pub from: String,
    /// The id of the choice commented on, or empty for the overall comment.
    pub lever: String,
    /// The choice commented on (its name, when the consultation is given; else its id), or
    /// empty for the overall comment.
    pub choice: String,
    /// The comment, trimmed.
    pub text: String,
}

/// Every comment, in the order of the responses given; within a response, each choice's
/// comment in the consultation's order (or the response's without one), then the overall
/// comment.
pub fn comments(responses: &[(String, Response)], consultation: Option<&Consultation>) -> Vec<Comment> {
    let rank =
        |lever: &str| consultation.and_then(|c| c.levers.iter().position(|l| l.id == lever)).unwrap_or(usize::MAX);
    let name = |lever: &str| {
        consultation
            .and_then(|c| c.levers.iter().find(|l| l.id == lever))
            .map_or_else(|| lever.to_string(), |l| l.name.clone())
    };
    let mut out = Vec::new();
    for (from, r) in responses {
        let mut choices: Vec<&csplan_model::Choice> =
            r.choices.iter().filter(|c| !c.comment.trim().is_empty()).collect();
        choices.sort_by_key(|c| rank(&c.lever));
        for c in choices {
            out.push(Comment {
                from: from.clone(),
                lever: c.lever.clone(),
                choice: name(&c.lever),
                text: c.comment.trim().to_string(),
            });
        }
        if !r.comment.trim().is_empty() {
            out.push(Comment {
                from: from.clone(),
                lever: String::new(),
                choice: String::new(),
                text: r.comment.trim().to_string(),
            });
        }
    }
    out
}
