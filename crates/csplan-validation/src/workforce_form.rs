//! The workforce section as typed text (see [`crate::form`] for the idea).

use csplan_model::dec::parse_text;
use csplan_model::fmt::plain;
use csplan_model::{
    Decimal, Fte, Money, ProjectionSettings, Rate, RetentionPayment, Role, StarterKind, Starters, Workforce,
};

use crate::Problem;

/// A workforce section's fields as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkforceForm {
    /// Roles.
    pub roles: Vec<RoleForm>,
    /// The retention payment, if one is entered.
    pub retention: Option<RetentionForm>,
    /// Projection settings.
    pub projection: ProjectionForm,
}

/// One role's fields as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleForm {
    /// Name.
    pub name: String,
    /// Funded posts.
    pub establishment: String,
    /// Newly created posts.
    pub newly_created: String,
    /// Vacant posts.
    pub vacancies: String,
    /// Agency workers covering vacancies.
    pub agency_covering_vacancies: String,
    /// Agency workers over establishment.
    pub agency_over_establishment: String,
    /// Leavers in the last year.
    pub leavers: String,
    /// Permanent cost per FTE.
    pub permanent_cost_per_fte: String,
    /// Agency cost per FTE.
    pub agency_cost_per_fte: String,
    /// Recruits a month.
    pub recruits_per_month: String,
    /// Agency conversions a month.
    pub agency_conversions_per_month: String,
    /// Holds cases.
    pub case_holding: bool,
    /// Pipeline starters.
    pub pipeline: Vec<StarterForm>,
}

/// One group of starters as typed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StarterForm {
    /// Agency or permanent.
    pub kind: StarterKind,
    /// FTE.
    pub fte: String,
    /// Month they start (1 = next month).
    pub month: String,
}

/// A retention payment as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetentionForm {
    /// Amount a year.
    pub amount_per_year: String,
    /// Years.
    pub years: String,
    /// Eligible FTE.
    pub eligible_fte: String,
    /// Take-up, %.
    pub take_up: String,
    /// Cut in turnover, % of the rate.
    pub turnover_reduction: String,
}

/// Projection settings as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectionForm {
    /// Months.
    pub months: String,
    /// Annual turnover, % (blank: from each role's leavers).
    pub turnover: String,
    /// Months to fill a post.
    pub months_to_fill: String,
    /// Share of starters newly qualified, %.
    pub newly_qualified_share: String,
    /// Newly qualified caseload share, %.
    pub newly_qualified_caseload: String,
    /// Cases held by case-holding roles.
    pub cases: String,
    /// Target caseload.
    pub target_caseload: String,
}

fn text(d: Decimal) -> String {
    plain(d)
}

fn opt<T>(v: Option<T>, f: impl Fn(T) -> Decimal) -> String {
    v.map(|v| plain(f(v))).unwrap_or_default()
}

impl WorkforceForm {
    /// The form showing a workforce's figures as a person would type them.
    pub fn from_workforce(w: &Workforce) -> Self {
        Self {
            roles: w
                .roles
                .iter()
                .map(|r| RoleForm {
                    name: r.name.clone(),
                    establishment: text(r.establishment.value()),
                    newly_created: text(r.newly_created.value()),
                    vacancies: text(r.vacancies.value()),
                    agency_covering_vacancies: text(r.agency_covering_vacancies.value()),
                    agency_over_establishment: text(r.agency_over_establishment.value()),
                    leavers: opt(r.leavers, Fte::value),
                    permanent_cost_per_fte: opt(r.permanent_cost_per_fte, Money::value),
                    agency_cost_per_fte: opt(r.agency_cost_per_fte, Money::value),
                    recruits_per_month: text(r.recruits_per_month.value()),
                    agency_conversions_per_month: text(r.agency_conversions_per_month.value()),
                    case_holding: r.case_holding,
                    pipeline: r
                        .pipeline
                        .iter()
                        .map(|s| StarterForm { kind: s.kind, fte: text(s.fte.value()), month: s.month.to_string() })
                        .collect(),
                })
                .collect(),
            retention: w.retention.as_ref().map(|r| RetentionForm {
                amount_per_year: text(r.amount_per_year.value()),
                years: r.years.to_string(),
                eligible_fte: text(r.eligible_fte.value()),
                take_up: text(r.take_up.value()),
                turnover_reduction: text(r.turnover_reduction.value()),
            }),
            projection: ProjectionForm {
                months: w.projection.months.to_string(),
                turnover: opt(w.projection.turnover, Rate::value),
                months_to_fill: w.projection.months_to_fill.to_string(),
                newly_qualified_share: text(w.projection.newly_qualified_share.value()),
                newly_qualified_caseload: text(w.projection.newly_qualified_caseload.value()),
                cases: opt(w.projection.cases, |d| d),
                target_caseload: opt(w.projection.target_caseload, |d| d),
            },
        }
    }

    /// A role with every figure zero, for "Add a role".
    pub fn blank_role(name: &str) -> RoleForm {
        let zero = || "0".to_string();
        RoleForm {
            name: name.to_string(),
            establishment: zero(),
            newly_created: zero(),
            vacancies: zero(),
            agency_covering_vacancies: zero(),
            agency_over_establishment: zero(),
            recruits_per_month: zero(),
            agency_conversions_per_month: zero(),
            ..RoleForm::default()
        }
    }

    /// A new workforce section: one case-holding social worker role, default projection.
    pub fn new_section() -> Self {
        let mut w = Self::from_workforce(&Workforce::default());
        let mut role = Self::blank_role("Social workers");
        role.case_holding = true;
        w.roles.push(role);
        w
    }

    /// Reads every field into a workforce, recording a problem for each that cannot be read.
    pub(crate) fn read(&self, problems: &mut Vec<Problem>) -> Workforce {
        let mut r = FieldReader { problems };
        let roles = self.roles.iter().enumerate().map(|(i, role)| r.role(i, role)).collect();
        let retention = self.retention.as_ref().map(|f| {
            let p = |field: &str| format!("workforce.retention.{field}");
            RetentionPayment {
                amount_per_year: Money::new(r.required(
                    &p("amount_per_year"),
                    &f.amount_per_year,
                    "The retention payment",
                    "an amount in pounds, like 3,000",
                )),
                years: r.whole(&p("years"), &f.years, "The years it is paid", "like 5"),
                eligible_fte: Fte::new(r.required(
                    &p("eligible_fte"),
                    &f.eligible_fte,
                    "Eligible staff",
                    "an FTE, like 120",
                )),
                take_up: Rate::new(r.required(&p("take_up"), &f.take_up, "Take-up", "a percentage, like 88")),
                turnover_reduction: Rate::new(r.or_zero(
                    &p("turnover_reduction"),
                    &f.turnover_reduction,
                    "The cut in turnover",
                    "a percentage, like 20",
                )),
            }
        });
        let f = &self.projection;
        let p = |field: &str| format!("workforce.projection.{field}");
        let projection = ProjectionSettings {
            months: r.whole(&p("months"), &f.months, "The projection length", "a number of months, like 36"),
            turnover: r.optional(&p("turnover"), &f.turnover, "Turnover", "a percentage, like 16.99").map(Rate::new),
            months_to_fill: if f.months_to_fill.trim().is_empty() {
                0
            } else {
                r.whole(&p("months_to_fill"), &f.months_to_fill, "Months to fill a post", "like 3")
            },
            newly_qualified_share: Rate::new(r.or_zero(
                &p("newly_qualified_share"),
                &f.newly_qualified_share,
                "The share of starters newly qualified",
                "a percentage, like 30",
            )),
            newly_qualified_caseload: Rate::new(r.required(
                &p("newly_qualified_caseload"),
                &f.newly_qualified_caseload,
                "A newly qualified worker's caseload share",
                "a percentage, like 80",
            )),
            cases: r.optional(&p("cases"), &f.cases, "Cases", "a number, like 4,500"),
            target_caseload: r.optional(
                &p("target_caseload"),
                &f.target_caseload,
                "The target caseload",
                "a number, like 18",
            ),
        };
        Workforce { roles, retention, projection }
    }
}

pub(crate) struct FieldReader<'a> {
    pub(crate) problems: &'a mut Vec<Problem>,
}

impl FieldReader<'_> {
    pub(crate) fn number(&mut self, path: &str, input: &str, subject: &str, example: &str) -> Decimal {
        match parse_text(input) {
            Some(v) => v,
            None => {
                self.problems.push(Problem::error(path, format!("{subject} must be {example}")));
                Decimal::ZERO
            }
        }
    }

    pub(crate) fn required(&mut self, path: &str, input: &str, subject: &str, example: &str) -> Decimal {
        if input.trim().is_empty() {
            self.problems.push(Problem::error(path, format!("Enter {}, {example}", subject.to_lowercase())));
            return Decimal::ZERO;
        }
        self.number(path, input, subject, example)
    }

    pub(crate) fn or_zero(&mut self, path: &str, input: &str, subject: &str, example: &str) -> Decimal {
        if input.trim().is_empty() {
            return Decimal::ZERO;
        }
        self.number(path, input, subject, example)
    }

    pub(crate) fn optional(&mut self, path: &str, input: &str, subject: &str, example: &str) -> Option<Decimal> {
        (!input.trim().is_empty()).then(|| self.number(path, input, subject, example))
    }

    pub(crate) fn whole(&mut self, path: &str, input: &str, subject: &str, example: &str) -> u32 {
        let value = self.required(path, input, subject, example);
        if self.problems.iter().any(|p| p.path == path) {
            return 0;
        }
        match value.normalize().to_string().parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                self.problems.push(Problem::error(path, format!("{subject} must be a whole number, {example}")));
                0
            }
        }
    }

    fn role(&mut self, i: usize, f: &RoleForm) -> Role {
        let p = |field: &str| format!("workforce.roles[{i}].{field}");
        let name = f.name.trim();
        let label = if name.is_empty() { format!("role {}", i + 1) } else { name.to_string() };
        let of = |subject: &str| format!("{subject} for {label}");
        Role {
            name: name.to_string(),
            establishment: Fte::new(self.required(
                &p("establishment"),
                &f.establishment,
                &of("The establishment"),
                "an FTE, like 365.07",
            )),
            newly_created: Fte::new(self.or_zero(
                &p("newly_created"),
                &f.newly_created,
                &of("Newly created posts"),
                "an FTE, like 37",
            )),
            vacancies: Fte::new(self.required(&p("vacancies"), &f.vacancies, &of("Vacancies"), "an FTE, like 92.84")),
            agency_covering_vacancies: Fte::new(self.or_zero(
                &p("agency_covering_vacancies"),
                &f.agency_covering_vacancies,
                &of("Agency workers covering vacancies"),
                "an FTE, like 40.4",
            )),
            agency_over_establishment: Fte::new(self.or_zero(
                &p("agency_over_establishment"),
                &f.agency_over_establishment,
                &of("Agency workers over establishment"),
                "an FTE, like 0",
            )),
            leavers: self.optional(&p("leavers"), &f.leavers, &of("Leavers"), "an FTE, like 45").map(Fte::new),
            permanent_cost_per_fte: self
                .optional(
                    &p("permanent_cost_per_fte"),
                    &f.permanent_cost_per_fte,
                    &of("Permanent cost per FTE"),
                    "an amount in pounds, like 45,000",
                )
                .map(Money::new),
            agency_cost_per_fte: self
                .optional(
                    &p("agency_cost_per_fte"),
                    &f.agency_cost_per_fte,
                    &of("Agency cost per FTE"),
                    "an amount in pounds, like 70,000",
                )
                .map(Money::new),
            recruits_per_month: Fte::new(self.or_zero(
                &p("recruits_per_month"),
                &f.recruits_per_month,
                &of("Recruits a month"),
                "an FTE, like 2",
            )),
            agency_conversions_per_month: Fte::new(self.or_zero(
                &p("agency_conversions_per_month"),
                &f.agency_conversions_per_month,
                &of("Agency conversions a month"),
                "an FTE, like 1",
            )),
            case_holding: f.case_holding,
            pipeline: f
                .pipeline
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    let sp = |field: &str| format!("workforce.roles[{i}].pipeline[{j}].{field}");
                    Starters {
                        kind: s.kind,
                        fte: Fte::new(self.required(&sp("fte"), &s.fte, &of("Starters"), "an FTE, like 15")),
                        month: self.whole(
                            &sp("month"),
                            &s.month,
                            &of("The month starters begin"),
                            "like 1 for next month",
                        ),
                    }
                })
                .collect(),
        }
    }
}

/// Edits the way the Workforce page's buttons do.
impl WorkforceForm {
    /// Adds a role with every figure zero and returns its index.
    pub fn add_role(&mut self) -> usize {
        self.roles.push(Self::blank_role(""));
        self.roles.len() - 1
    }

    /// Removes role `i`, if there is one.
    pub fn remove_role(&mut self, i: usize) {
        if i < self.roles.len() {
            self.roles.remove(i);
        }
    }

    /// Adds a group of starters to role `i` (due next month) and returns its index.
    pub fn add_starters(&mut self, i: usize, kind: StarterKind) -> Option<usize> {
        let role = self.roles.get_mut(i)?;
        role.pipeline.push(StarterForm { kind, fte: String::new(), month: "1".to_string() });
        Some(role.pipeline.len() - 1)
    }

    /// Adds `posts` newly created posts to role `i`, as the Caseloads page's "posts needed"
    /// become funded: the establishment, the newly created posts and the vacancies each
    /// grow by `posts` (a new post is vacant until someone starts in it).
    ///
    /// Nothing changes if any of the three fields cannot be read; the message says which
    /// to correct first.
    pub fn add_created_posts(&mut self, i: usize, posts: Decimal) -> Result<(), String> {
        let role = self.roles.get_mut(i).ok_or_else(|| format!("There is no role {}", i + 1))?;
        let name = if role.name.trim().is_empty() { format!("role {}", i + 1) } else { role.name.trim().to_string() };
        let read = |label: &str, text: &str| {
            let value = if text.trim().is_empty() { Some(Decimal::ZERO) } else { parse_text(text) };
            value
                .and_then(|v| v.checked_add(posts))
                .ok_or_else(|| format!("Correct the {label} of {name} first, then add the posts"))
        };
        let establishment = read("establishment", &role.establishment)?;
        let newly_created = read("newly created posts", &role.newly_created)?;
        let vacancies = read("vacancies", &role.vacancies)?;
        role.establishment = text(establishment);
        role.newly_created = text(newly_created);
        role.vacancies = text(vacancies);
        Ok(())
    }

    /// Removes starters `j` from role `i`, if there are.
    pub fn remove_starters(&mut self, i: usize, j: usize) {
        if let Some(role) = self.roles.get_mut(i) {
            if j < role.pipeline.len() {
                role.pipeline.remove(j);
            }
        }
    }
}
