//! The workforce section as typed text (see [`crate::form`] for the idea).

use csplan_model::dec::parse_text;
use csplan_model::fmt::plain;
use csplan_model::{
    Decimal, Fte, Money, ProjectionSettings, Rate, RetentionPayment, Role, StarterKind, Starters, Workforce,
};

use crate::fields::{label, Field, Info, Item, List, Member, Part, Path, Reader, Unit, Walk};

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
    pub(crate) fn read(&self, r: &mut Reader) -> Workforce {
        let at = Path::root("workforce");
        let roles = self.roles.iter().enumerate().map(|(i, role)| role.read(&at.at("roles", i), i, r)).collect();
        let retention = self.retention.as_ref().map(|f| {
            let at = at.field("retention");
            RetentionPayment {
                amount_per_year: Money::new(r.get(&at, &RetentionForm::AMOUNT_PER_YEAR, f, "")),
                years: r.whole(&at, &RetentionForm::YEARS, f, ""),
                eligible_fte: Fte::new(r.get(&at, &RetentionForm::ELIGIBLE_FTE, f, "")),
                take_up: Rate::new(r.get(&at, &RetentionForm::TAKE_UP, f, "")),
                turnover_reduction: Rate::new(r.get(&at, &RetentionForm::TURNOVER_REDUCTION, f, "")),
            }
        });
        let f = &self.projection;
        let at = at.field("projection");
        let projection = ProjectionSettings {
            months: r.whole(&at, &ProjectionForm::MONTHS, f, ""),
            turnover: r.opt(&at, &ProjectionForm::TURNOVER, f, "").map(Rate::new),
            months_to_fill: r.whole(&at, &ProjectionForm::MONTHS_TO_FILL, f, ""),
            newly_qualified_share: Rate::new(r.get(&at, &ProjectionForm::NEWLY_QUALIFIED_SHARE, f, "")),
            newly_qualified_caseload: Rate::new(r.get(&at, &ProjectionForm::NEWLY_QUALIFIED_CASELOAD, f, "")),
            cases: r.opt(&at, &ProjectionForm::CASES, f, ""),
            target_caseload: r.opt(&at, &ProjectionForm::TARGET_CASELOAD, f, ""),
        };
        Workforce { roles, retention, projection }
    }
}

impl RoleForm {
    /// Name.
    pub const NAME: Field<Self> =
        Field::text(Info::new("name", "Name of the role", Unit::Text).width(66), |r| &r.name, |r| &mut r.name);
    /// Funded posts.
    pub const ESTABLISHMENT: Field<Self> = Field::text(
        Info::new("establishment", "Establishment", Unit::Fte)
            .hint("Funded posts")
            .subject("the establishment for {}")
            .example("365.07")
            .row(1),
        |r| &r.establishment,
        |r| &mut r.establishment,
    );
    /// Newly created posts.
    pub const NEWLY_CREATED: Field<Self> = Field::text(
        Info::new("newly_created", "Newly created posts", Unit::Fte)
            .hint("Part of the establishment")
            .or_zero()
            .subject("newly created posts for {}")
            .example("37")
            .row(1),
        |r| &r.newly_created,
        |r| &mut r.newly_created,
    );
    /// Vacant posts.
    pub const VACANCIES: Field<Self> = Field::text(
        Info::new("vacancies", "Vacancies", Unit::Fte)
            .hint("Posts without a permanent worker")
            .subject("vacancies for {}")
            .example("92.84")
            .row(1),
        |r| &r.vacancies,
        |r| &mut r.vacancies,
    );
    /// Agency workers covering vacancies.
    pub const AGENCY_COVERING_VACANCIES: Field<Self> = Field::text(
        Info::new("agency_covering_vacancies", "Agency covering vacancies", Unit::Fte)
            .or_zero()
            .subject("agency workers covering vacancies for {}")
            .example("40.4")
            .row(2),
        |r| &r.agency_covering_vacancies,
        |r| &mut r.agency_covering_vacancies,
    );
    /// Agency workers over establishment.
    pub const AGENCY_OVER_ESTABLISHMENT: Field<Self> = Field::text(
        Info::new("agency_over_establishment", "Agency over establishment", Unit::Fte)
            .or_zero()
            .subject("agency workers over establishment for {}")
            .example("0")
            .row(2),
        |r| &r.agency_over_establishment,
        |r| &mut r.agency_over_establishment,
    );
    /// Leavers in the last year.
    pub const LEAVERS: Field<Self> = Field::text(
        Info::new("leavers", "Leavers", Unit::Fte)
            .hint("In the last 12 months (optional)")
            .optional()
            .subject("leavers for {}")
            .example("45")
            .row(2),
        |r| &r.leavers,
        |r| &mut r.leavers,
    );
    /// Permanent cost per FTE.
    pub const PERMANENT_COST_PER_FTE: Field<Self> = Field::text(
        Info::new("permanent_cost_per_fte", "Permanent cost per FTE", Unit::Money)
            .hint("A year, with on-costs")
            .optional()
            .subject("permanent cost per FTE for {}")
            .example("45,000")
            .row(3),
        |r| &r.permanent_cost_per_fte,
        |r| &mut r.permanent_cost_per_fte,
    );
    /// Agency cost per FTE.
    pub const AGENCY_COST_PER_FTE: Field<Self> = Field::text(
        Info::new("agency_cost_per_fte", "Agency cost per FTE", Unit::Money)
            .hint("A year, paid to the agency")
            .optional()
            .subject("agency cost per FTE for {}")
            .example("70,000")
            .row(3),
        |r| &r.agency_cost_per_fte,
        |r| &mut r.agency_cost_per_fte,
    );
    /// Recruits a month.
    pub const RECRUITS_PER_MONTH: Field<Self> = Field::text(
        Info::new("recruits_per_month", "Recruits a month", Unit::Fte)
            .hint("Permanent, after the time to fill")
            .or_zero()
            .subject("recruits a month for {}")
            .example("2")
            .row(4),
        |r| &r.recruits_per_month,
        |r| &mut r.recruits_per_month,
    );
    /// Agency conversions a month.
    pub const AGENCY_CONVERSIONS_PER_MONTH: Field<Self> = Field::text(
        Info::new("agency_conversions_per_month", "Conversions a month", Unit::Fte)
            .hint("Agency workers made permanent")
            .or_zero()
            .subject("agency conversions a month for {}")
            .example("1")
            .row(4),
        |r| &r.agency_conversions_per_month,
        |r| &mut r.agency_conversions_per_month,
    );
    /// Holds cases.
    pub const CASE_HOLDING: Field<Self> = Field::flag(
        Info::new("case_holding", "This role holds cases (counts towards the average caseload)", Unit::Choice),
        |r| r.case_holding,
        |r, on| r.case_holding = on,
    );
    /// The typed fields, as the page shows them.
    pub const TEXT_FIELDS: &'static [Field<Self>] = &[
        Self::NAME,
        Self::ESTABLISHMENT,
        Self::NEWLY_CREATED,
        Self::VACANCIES,
        Self::AGENCY_COVERING_VACANCIES,
        Self::AGENCY_OVER_ESTABLISHMENT,
        Self::LEAVERS,
        Self::PERMANENT_COST_PER_FTE,
        Self::AGENCY_COST_PER_FTE,
        Self::RECRUITS_PER_MONTH,
        Self::AGENCY_CONVERSIONS_PER_MONTH,
    ];

    fn read(&self, at: &Path, i: usize, r: &mut Reader) -> Role {
        let of = label(&self.name, "role", i);
        let fte = |r: &mut Reader, f: &Field<Self>| Fte::new(r.get(at, f, self, &of));
        Role {
            name: self.name.trim().to_string(),
            establishment: fte(r, &Self::ESTABLISHMENT),
            newly_created: fte(r, &Self::NEWLY_CREATED),
            vacancies: fte(r, &Self::VACANCIES),
            agency_covering_vacancies: fte(r, &Self::AGENCY_COVERING_VACANCIES),
            agency_over_establishment: fte(r, &Self::AGENCY_OVER_ESTABLISHMENT),
            leavers: r.opt(at, &Self::LEAVERS, self, &of).map(Fte::new),
            permanent_cost_per_fte: r.opt(at, &Self::PERMANENT_COST_PER_FTE, self, &of).map(Money::new),
            agency_cost_per_fte: r.opt(at, &Self::AGENCY_COST_PER_FTE, self, &of).map(Money::new),
            recruits_per_month: fte(r, &Self::RECRUITS_PER_MONTH),
            agency_conversions_per_month: fte(r, &Self::AGENCY_CONVERSIONS_PER_MONTH),
            case_holding: self.case_holding,
            pipeline: self
                .pipeline
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    let at = at.at("pipeline", j);
                    Starters {
                        kind: s.kind,
                        fte: Fte::new(r.get(&at, &StarterForm::FTE, s, &of)),
                        month: r.whole(&at, &StarterForm::MONTH, s, &of),
                    }
                })
                .collect(),
        }
    }
}

impl Item for RoleForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::NAME),
        Member::Field(Self::ESTABLISHMENT),
        Member::Field(Self::NEWLY_CREATED),
        Member::Field(Self::VACANCIES),
        Member::Field(Self::AGENCY_COVERING_VACANCIES),
        Member::Field(Self::AGENCY_OVER_ESTABLISHMENT),
        Member::Field(Self::LEAVERS),
        Member::Field(Self::PERMANENT_COST_PER_FTE),
        Member::Field(Self::AGENCY_COST_PER_FTE),
        Member::Field(Self::RECRUITS_PER_MONTH),
        Member::Field(Self::AGENCY_CONVERSIONS_PER_MONTH),
        Member::Field(Self::CASE_HOLDING),
        Member::List(List {
            key: "pipeline",
            len: |r| r.pipeline.len(),
            get: |r, i| r.pipeline.get(i).map(|s| s as &dyn Walk),
            get_mut: |r, i| r.pipeline.get_mut(i).map(|s| s as &mut dyn Walk),
            push: |r| {
                r.pipeline.push(StarterForm { kind: StarterKind::Permanent, fte: String::new(), month: String::new() })
            },
        }),
    ];
}

/// The id of a kind of starter, as scenario files write it.
pub fn starter_kind_id(kind: StarterKind) -> &'static str {
    match kind {
        StarterKind::Agency => "agency",
        StarterKind::Permanent => "permanent",
    }
}

impl StarterForm {
    /// Agency or permanent.
    pub const KIND: Field<Self> = Field::choice(
        Info::new("kind", "Kind of starters", Unit::Choice),
        |s| starter_kind_id(s.kind).to_string(),
        |s, v| match v {
            "agency" => {
                s.kind = StarterKind::Agency;
                true
            }
            "permanent" => {
                s.kind = StarterKind::Permanent;
                true
            }
            _ => false,
        },
    );
    /// How many.
    pub const FTE: Field<Self> = Field::text(
        Info::new("fte", "{}: how many", Unit::Fte).subject("starters for {}").example("15").row(1),
        |s| &s.fte,
        |s| &mut s.fte,
    );
    /// The month they start.
    pub const MONTH: Field<Self> = Field::text(
        Info::new("month", "{}: month they start", Unit::Whole)
            .hint("1 is next month")
            .subject("the month starters begin for {}")
            .example("1 for next month")
            .row(1),
        |s| &s.month,
        |s| &mut s.month,
    );
    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field<Self>] = &[Self::FTE, Self::MONTH];
}

impl Item for StarterForm {
    const MEMBERS: &'static [Member<Self>] =
        &[Member::Field(Self::KIND), Member::Field(Self::FTE), Member::Field(Self::MONTH)];
}

impl RetentionForm {
    /// Amount a year.
    pub const AMOUNT_PER_YEAR: Field<Self> = Field::text(
        Info::new("amount_per_year", "Amount a year", Unit::Money)
            .subject("the retention payment")
            .example("3,000")
            .width(5)
            .row(1),
        |r| &r.amount_per_year,
        |r| &mut r.amount_per_year,
    );
    /// Years.
    pub const YEARS: Field<Self> = Field::text(
        Info::new("years", "Paid for", Unit::Whole).subject("the years it is paid").example("5").suffix("years").row(1),
        |r| &r.years,
        |r| &mut r.years,
    );
    /// Eligible FTE.
    pub const ELIGIBLE_FTE: Field<Self> = Field::text(
        Info::new("eligible_fte", "Eligible staff", Unit::Fte).subject("eligible staff").example("120").row(1),
        |r| &r.eligible_fte,
        |r| &mut r.eligible_fte,
    );
    /// Take-up.
    pub const TAKE_UP: Field<Self> = Field::text(
        Info::new("take_up", "Take-up", Unit::Rate).subject("take-up").example("88").row(1),
        |r| &r.take_up,
        |r| &mut r.take_up,
    );
    /// The cut in turnover.
    pub const TURNOVER_REDUCTION: Field<Self> = Field::text(
        Info::new("turnover_reduction", "Cut in turnover while paid", Unit::Rate)
            .hint("Your assumption, as a share of the turnover rate")
            .or_zero()
            .subject("the cut in turnover")
            .example("20")
            .row(1),
        |r| &r.turnover_reduction,
        |r| &mut r.turnover_reduction,
    );
    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field<Self>] =
        &[Self::AMOUNT_PER_YEAR, Self::YEARS, Self::ELIGIBLE_FTE, Self::TAKE_UP, Self::TURNOVER_REDUCTION];
}

impl Item for RetentionForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::AMOUNT_PER_YEAR),
        Member::Field(Self::YEARS),
        Member::Field(Self::ELIGIBLE_FTE),
        Member::Field(Self::TAKE_UP),
        Member::Field(Self::TURNOVER_REDUCTION),
    ];
}

impl ProjectionForm {
    /// Months.
    pub const MONTHS: Field<Self> = Field::text(
        Info::new("months", "Project for", Unit::Whole)
            .subject("the projection length")
            .phrase("a number of months")
            .example("36")
            .suffix("months")
            .row(1),
        |p| &p.months,
        |p| &mut p.months,
    );
    /// Annual turnover.
    pub const TURNOVER: Field<Self> = Field::text(
        Info::new("turnover", "Turnover a year", Unit::Rate)
            .hint("Blank: each role's leavers / in post")
            .optional()
            .subject("turnover")
            .example("16.99")
            .width(4)
            .row(1),
        |p| &p.turnover,
        |p| &mut p.turnover,
    );
    /// Months to fill a post.
    pub const MONTHS_TO_FILL: Field<Self> = Field::text(
        Info::new("months_to_fill", "Time to fill a post", Unit::Whole)
            .or_zero()
            .subject("months to fill a post")
            .example("3")
            .suffix("months")
            .row(1),
        |p| &p.months_to_fill,
        |p| &mut p.months_to_fill,
    );
    /// Share of starters newly qualified.
    pub const NEWLY_QUALIFIED_SHARE: Field<Self> = Field::text(
        Info::new("newly_qualified_share", "Starters newly qualified", Unit::Rate)
            .or_zero()
            .subject("the share of starters newly qualified")
            .example("30")
            .row(2),
        |p| &p.newly_qualified_share,
        |p| &mut p.newly_qualified_share,
    );
    /// Newly qualified caseload share.
    pub const NEWLY_QUALIFIED_CASELOAD: Field<Self> = Field::text(
        Info::new("newly_qualified_caseload", "Newly qualified caseload", Unit::Rate)
            .hint("Share of a full caseload in their first year")
            .subject("a newly qualified worker's caseload share")
            .example("80")
            .row(2),
        |p| &p.newly_qualified_caseload,
        |p| &mut p.newly_qualified_caseload,
    );
    /// Cases held by case-holding roles.
    pub const CASES: Field<Self> = Field::text(
        Info::new("cases", "Cases", Unit::Count)
            .hint("Held by the case-holding roles")
            .optional()
            .subject("cases")
            .example("4,500")
            .row(3),
        |p| &p.cases,
        |p| &mut p.cases,
    );
    /// Target caseload.
    pub const TARGET_CASELOAD: Field<Self> = Field::text(
        Info::new("target_caseload", "Target caseload", Unit::Count)
            .optional()
            .subject("the target caseload")
            .example("18")
            .suffix("per FTE")
            .width(3)
            .row(3),
        |p| &p.target_caseload,
        |p| &mut p.target_caseload,
    );
    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field<Self>] = &[
        Self::MONTHS,
        Self::TURNOVER,
        Self::MONTHS_TO_FILL,
        Self::NEWLY_QUALIFIED_SHARE,
        Self::NEWLY_QUALIFIED_CASELOAD,
        Self::CASES,
        Self::TARGET_CASELOAD,
    ];
}

impl Item for ProjectionForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::MONTHS),
        Member::Field(Self::TURNOVER),
        Member::Field(Self::MONTHS_TO_FILL),
        Member::Field(Self::NEWLY_QUALIFIED_SHARE),
        Member::Field(Self::NEWLY_QUALIFIED_CASELOAD),
        Member::Field(Self::CASES),
        Member::Field(Self::TARGET_CASELOAD),
    ];
}

impl Item for WorkforceForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::List(List {
            key: "roles",
            len: |w| w.roles.len(),
            get: |w, i| w.roles.get(i).map(|r| r as &dyn Walk),
            get_mut: |w, i| w.roles.get_mut(i).map(|r| r as &mut dyn Walk),
            push: |w| w.roles.push(RoleForm::default()),
        }),
        Member::Part(Part {
            key: "retention",
            get: |w| w.retention.as_ref().map(|r| r as &dyn Walk),
            get_mut: |w| w.retention.as_mut().map(|r| r as &mut dyn Walk),
            make: |w| w.retention = Some(RetentionForm::default()),
        }),
        Member::Part(Part {
            key: "projection",
            get: |w| Some(&w.projection as &dyn Walk),
            get_mut: |w| Some(&mut w.projection as &mut dyn Walk),
            make: |_| {},
        }),
    ];
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
