//! A participant's response as typed (see [`crate::form`] for the idea): the text of each
//! choice kept as typed, a comment on each, an overall comment and the "about you" answers.
//! Reading it gives the choices, with a message naming each choice whose text cannot be read.

use csplan_model::dec::parse_text;
use csplan_model::fmt::plain;
use csplan_model::{Answer, Choice, Consultation, LeverKind};

use crate::fields::Path;
use crate::{read_lever_value, Problem};

/// What a participant has entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseForm {
    /// Each choice's value as typed, in the consultation's order.
    pub values: Vec<String>,
    /// A comment on each choice.
    pub comments: Vec<String>,
    /// The overall comment.
    pub overall: String,
    /// Each "about you" answer (blank: not answered).
    pub answers: Vec<String>,
}

/// Where a choice's field is: `consultation.{lever id}`.
pub fn lever_path(id: &str) -> Path {
    Path::root("consultation").field(id)
}

impl ResponseForm {
    /// Each choice at its starting value, then any values a link gives
    /// (`choices=id:value,id:value`, as "Come back to these choices" writes it): a value
    /// for a choice the consultation does not offer is ignored.
    pub fn start(c: &Consultation, link: Option<&str>) -> Self {
        let mut e = Self {
            values: c.levers.iter().map(|l| plain(l.start)).collect(),
            comments: vec![String::new(); c.levers.len()],
            overall: String::new(),
            answers: vec![String::new(); c.questions.len()],
        };
        for pair in link.unwrap_or("").split(',') {
            let Some((id, value)) = pair.split_once(':') else { continue };
            if let Some(slot) = c.levers.iter().position(|l| l.id == id).and_then(|i| e.values.get_mut(i)) {
                *slot = value.to_string();
            }
        }
        e
    }

    /// The choices, and a problem (naming the choice) for each value that cannot be read;
    /// such a choice keeps its starting value in the figures.
    pub fn read(&self, c: &Consultation) -> (Vec<Choice>, Vec<Problem>) {
        let mut problems = Vec::new();
        let choices = c
            .levers
            .iter()
            .zip(&self.values)
            .zip(&self.comments)
            .map(|((l, text), comment)| {
                let value = match l.kind {
                    LeverKind::Proposal | LeverKind::Principle => parse_text(text).unwrap_or(l.start),
                    _ => read_lever_value(l, text).unwrap_or_else(|message| {
                        problems.push(Problem::error(lever_path(&l.id), message));
                        l.start
                    }),
                };
                Choice { lever: l.id.clone(), value, comment: comment.trim().to_string() }
            })
            .collect();
        (choices, problems)
    }

    /// The "about you" answers given.
    pub fn about_you(&self, c: &Consultation) -> Vec<Answer> {
        c.questions
            .iter()
            .zip(&self.answers)
            .filter(|(_, a)| !a.is_empty())
            .map(|(q, a)| Answer { question: q.id.clone(), answer: a.clone() })
            .collect()
    }

    /// The link that opens the page with these choices (not the comments or answers):
    /// `choices=id:value,...`.
    pub fn link(choices: &[Choice]) -> String {
        let list: Vec<String> = choices.iter().map(|ch| format!("{}:{}", ch.lever, plain(ch.value))).collect();
        format!("choices={}", list.join(","))
    }
}
