//! The workforce section as typed text (see [`crate::form`] for the idea).

use csplan_model::dec::parse_text;
use csplan_model::fmt::plain;
use csplan_model::{
    Decimal, Fte, Money, ProjectionSettings, Rate, RetentionPayment, Role, StarterKind, Starters, Workforce,
};

use crate::fields::{label, Choice, Field, Info, Path, Reader};

crate::form! {
    /// A workforce section's fields as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct WorkforceForm {
        roles: list(RoleForm),
        retention: part(RetentionForm),
        projection: always(ProjectionForm),
    }
}

crate::form! {
    /// One role's fields as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct RoleForm {
        name: text(Info::words("Name of the role").width(66)),
        establishment: text(Info::fte("Establishment").hint("Funded posts").subject("the establishment for {}").example("365.07").row(1)),
        newly_created: text(Info::fte("Newly created posts").hint("Part of the establishment").or_zero().subject("newly created posts for {}").example("37").row(1)),
        vacancies: text(Info::fte("Vacancies").hint("Posts without a permanent worker").subject("vacancies for {}").example("92.84").row(1)),
        agency_covering_vacancies: text(Info::fte("Agency covering vacancies").or_zero().subject("agency workers covering vacancies for {}").example("40.4").row(2)),
        agency_over_establishment: text(Info::fte("Agency over establishment").or_zero().subject("agency workers over establishment for {}").example("0").row(2)),
        leavers: text(Info::fte("Leavers").hint("In the last 12 months (optional)").optional().subject("leavers for {}").example("45").row(2)),
        permanent_cost_per_fte: text(Info::money("Permanent cost per FTE").hint("A year, with on-costs").optional().subject("permanent cost per FTE for {}").example("45,000").row(3)),
        agency_cost_per_fte: text(Info::money("Agency cost per FTE").hint("A year, paid to the agency").optional().subject("agency cost per FTE for {}").example("70,000").row(3)),
        recruits_per_month: text(Info::fte("Recruits a month").hint("Permanent, after the time to fill").or_zero().subject("recruits a month for {}").example("2").row(4)),
        agency_conversions_per_month: text(Info::fte("Conversions a month").hint("Agency workers made permanent").or_zero().subject("agency conversions a month for {}").example("1").row(4)),
        case_holding: flag(Info::choice("This role holds cases (counts towards the average caseload)")),
        pipeline: list(StarterForm),
    }
}

crate::form! {
    /// One group of starters as typed text.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct StarterForm {
        kind: choice(StarterKind, Info::choice("Kind of starters")),
        fte: text(Info::fte("{}: how many").subject("starters for {}").example("15").row(1)),
        month: text(Info::whole("{}: month they start").hint("1 is next month").subject("the month starters begin for {}").example("1 for next month").row(1)),
    }
}

impl Default for StarterForm {
    fn default() -> Self {
        Self { kind: StarterKind::Permanent, fte: String::new(), month: String::new() }
    }
}

crate::form! {
    /// A retention payment as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct RetentionForm {
        amount_per_year: text(Info::money("Amount a year").subject("the retention payment").example("3,000").width(5).row(1)),
        years: text(Info::whole("Paid for").subject("the years it is paid").example("5").suffix("years").row(1)),
        eligible_fte: text(Info::fte("Eligible staff").subject("eligible staff").example("120").row(1)),
        take_up: text(Info::rate("Take-up").subject("take-up").example("88").row(1)),
        turnover_reduction: text(Info::rate("Cut in turnover while paid").hint("Your assumption, as a share of the turnover rate").or_zero().subject("the cut in turnover").example("20").row(1)),
    }
}

crate::form! {
    /// Projection settings as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ProjectionForm {
        months: text(Info::whole("Project for").subject("the projection length").phrase("a number of months").example("36").suffix("months").row(1)),
        turnover: text(Info::rate("Turnover a year").hint("Blank: each role's leavers / in post").optional().subject("turnover").example("16.99").width(4).row(1)),
        months_to_fill: text(Info::whole("Time to fill a post").or_zero().subject("months to fill a post").example("3").suffix("months").row(1)),
        newly_qualified_share: text(Info::rate("Starters newly qualified").or_zero().subject("the share of starters newly qualified").example("30").row(2)),
        newly_qualified_caseload: text(Info::rate("Newly qualified caseload").hint("Share of a full caseload in their first year").subject("a newly qualified worker's caseload share").example("80").row(2)),
        cases: text(Info::count("Cases").hint("Held by the case-holding roles").optional().subject("cases").example("4,500").row(3)),
        case_holders: text(Info::fte("Case-holder FTE now").hint("DfE's count of social workers holding cases. Blank: every FTE in a case-holding role").optional().subject("the case-holder FTE").example("240.5").row(3)),
        target_caseload: text(Info::count("Target caseload").optional().subject("the target caseload").example("18").suffix("per FTE").width(3).row(3)),
    }
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
                case_holders: opt(w.projection.case_holders, Fte::value),
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
                amount_per_year: Money::new(r.get(&at, &RetentionForm::amount_per_year, f, "")),
                years: r.whole(&at, &RetentionForm::years, f, ""),
                eligible_fte: Fte::new(r.get(&at, &RetentionForm::eligible_fte, f, "")),
                take_up: Rate::new(r.get(&at, &RetentionForm::take_up, f, "")),
                turnover_reduction: Rate::new(r.get(&at, &RetentionForm::turnover_reduction, f, "")),
            }
        });
        let f = &self.projection;
        let at = at.field("projection");
        let projection = ProjectionSettings {
            months: r.whole(&at, &ProjectionForm::months, f, ""),
            turnover: r.opt(&at, &ProjectionForm::turnover, f, "").map(Rate::new),
            months_to_fill: r.whole(&at, &ProjectionForm::months_to_fill, f, ""),
            newly_qualified_share: Rate::new(r.get(&at, &ProjectionForm::newly_qualified_share, f, "")),
            newly_qualified_caseload: Rate::new(r.get(&at, &ProjectionForm::newly_qualified_caseload, f, "")),
            cases: r.opt(&at, &ProjectionForm::cases, f, ""),
            case_holders: r.opt(&at, &ProjectionForm::case_holders, f, "").map(Fte::new),
            target_caseload: r.opt(&at, &ProjectionForm::target_caseload, f, ""),
        };
        Workforce { roles, retention, projection }
    }
}

impl RoleForm {
    /// The typed fields, as the page shows them.
    pub const TEXT_FIELDS: &'static [Field] = &[
        Self::name,
        Self::establishment,
        Self::newly_created,
        Self::vacancies,
        Self::agency_covering_vacancies,
        Self::agency_over_establishment,
        Self::leavers,
        Self::permanent_cost_per_fte,
        Self::agency_cost_per_fte,
        Self::recruits_per_month,
        Self::agency_conversions_per_month,
    ];

    fn read(&self, at: &Path, i: usize, r: &mut Reader) -> Role {
        let of = label(&self.name, "role", i);
        let fte = |r: &mut Reader, f: &Field| Fte::new(r.get(at, f, self, &of));
        Role {
            name: self.name.trim().to_string(),
            establishment: fte(r, &Self::establishment),
            newly_created: fte(r, &Self::newly_created),
            vacancies: fte(r, &Self::vacancies),
            agency_covering_vacancies: fte(r, &Self::agency_covering_vacancies),
            agency_over_establishment: fte(r, &Self::agency_over_establishment),
            leavers: r.opt(at, &Self::leavers, self, &of).map(Fte::new),
            permanent_cost_per_fte: r.opt(at, &Self::permanent_cost_per_fte, self, &of).map(Money::new),
            agency_cost_per_fte: r.opt(at, &Self::agency_cost_per_fte, self, &of).map(Money::new),
            recruits_per_month: fte(r, &Self::recruits_per_month),
            agency_conversions_per_month: fte(r, &Self::agency_conversions_per_month),
            case_holding: self.case_holding,
            pipeline: self
                .pipeline
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    let at = at.at("pipeline", j);
                    Starters {
                        kind: s.kind,
                        fte: Fte::new(r.get(&at, &StarterForm::fte, s, &of)),
                        month: r.whole(&at, &StarterForm::month, s, &of),
                    }
                })
                .collect(),
        }
    }
}

impl StarterForm {
    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field] = &[Self::fte, Self::month];
}

impl RetentionForm {
    /// A new payment, as West Sussex's: £3,000 a year for 5 years, 88% taking it up, no cut
    /// in turnover assumed yet; the eligible staff are for the user to enter.
    pub fn new_payment() -> Self {
        Self {
            amount_per_year: "3000".into(),
            years: "5".into(),
            eligible_fte: String::new(),
            take_up: "88".into(),
            turnover_reduction: "0".into(),
        }
    }

    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field] =
        &[Self::amount_per_year, Self::years, Self::eligible_fte, Self::take_up, Self::turnover_reduction];
}

impl ProjectionForm {
    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field] = &[
        Self::months,
        Self::turnover,
        Self::months_to_fill,
        Self::newly_qualified_share,
        Self::newly_qualified_caseload,
        Self::cases,
        Self::case_holders,
        Self::target_caseload,
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

impl Choice for StarterKind {
    fn id(&self) -> String {
        match self {
            StarterKind::Agency => "agency",
            StarterKind::Permanent => "permanent",
        }
        .to_string()
    }
    fn set_id(&mut self, id: &str) -> bool {
        match id {
            "agency" => *self = StarterKind::Agency,
            "permanent" => *self = StarterKind::Permanent,
            _ => return false,
        }
        true
    }
}
