//! The one check a response must pass to be counted: the same for the collector, for
//! `csplan responses summarise --scenario` and for the planner's results page. It lives in
//! `csplan_present::responses` (compiled for the browser too); this is the collector's name
//! for it.

pub use csplan_present::responses::accept;

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;
    use csplan_calc::consultation::evaluate;
    use csplan_model::presets::preset;
    use csplan_model::{Choice, Decimal, Money, RESPONSE_SCHEMA};
    use csplan_model::{Consultation, Response, Scenario};

    fn example() -> Scenario {
        (preset("example").expect("example preset").build)()
    }

    fn response(c: &Consultation, choices: Vec<Choice>) -> Response {
        Response {
            schema: RESPONSE_SCHEMA,
            id: String::new(),
            consultation: c.id.clone(),
            choices,
            comment: String::new(),
            about_you: Vec::new(),
            balance: Money::ZERO,
            balanced: false,
        }
    }

    fn all_proposals(c: &Consultation) -> Vec<Choice> {
        c.levers.iter().map(|l| Choice { lever: l.id.clone(), value: l.max, comment: String::new() }).collect()
    }

    #[test]
    fn a_balanced_response_is_accepted_with_the_balance_recalculated() {
        let s = example();
        let c = s.consultation.clone().expect("consultation");
        // The participant's figure is replaced by the model's.
        let mut r = response(&c, Vec::new());
        let keep = ["children-homes", "family-centres", "transport-routes", "reserves", "council-tax"];
        r.choices = all_proposals(&c).into_iter().filter(|ch| keep.contains(&ch.lever.as_str())).collect();
        r.balance = Money::new(Decimal::from(999_999_999));
        let expected = evaluate(&s, &c, &r.choices).expect("evaluates");
        let accepted = accept(&s, &c, r).expect("accepted");
        assert_eq!(accepted.balance, expected.balance);
        assert!(accepted.balanced);
    }

    #[test]
    fn an_unbalanced_response_is_refused_under_must_balance() {
        let s = example();
        let c = s.consultation.clone().expect("consultation");
        let mut r = response(&c, Vec::new());
        r.balanced = true;
        let problems = accept(&s, &c, r).expect_err("refused");
        assert_eq!(problems[0].path, "balance");
        assert!(problems[0].message.contains("must balance"), "{}", problems[0].message);
    }

    #[test]
    fn a_blocked_choice_is_refused_by_name() {
        let s = example();
        let c = s.consultation.clone().expect("consultation");
        let r = response(&c, all_proposals(&c));
        let problems = accept(&s, &c, r).expect_err("refused");
        assert!(problems.iter().any(|p| p.message.contains("below its statutory minimum")), "{problems:?}");
    }
}
