//! The demand section as typed text: year labels, and for each series its measure, age
//! band, one value a year, projection method and cases per unit (see [`crate::form`]).
//! The stock-flow model of children looked after is here too ([`CareFlowsForm`]).
//! Every series always has one value field per year: adding or removing a year does so in
//! every series, so the grid stays rectangular.

use csplan_model::dec::parse_text;
use csplan_model::demand::next_year;
use csplan_model::fmt::plain;
use csplan_model::{Decimal, Demand, DemandMeasure, DemandSeries, Fte, ProjectionMethod, HALF_UP};

use crate::workforce_form::FieldReader;
use crate::Problem;

/// The demand section as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemandForm {
    /// Year labels, like "2016" or "2016/17".
    pub years: Vec<String>,
    /// The series.
    pub series: Vec<SeriesForm>,
    /// Years to project.
    pub projection_years: String,
    /// Case-holding FTE, for the chain to posts (blank: no chain).
    pub case_holding_fte: String,
    /// Target caseload, for the chain to posts.
    pub target_caseload: String,
}

/// One series as typed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesForm {
    /// What is counted.
    pub measure: DemandMeasure,
    /// Age band (blank: all ages).
    pub age_band: String,
    /// One value a year.
    pub values: Vec<String>,
    /// How to project it.
    pub method: ProjectionMethod,
    /// Cases each unit makes (blank or 0: it is not a case).
    pub cases_per_unit: String,
}

impl DemandForm {
    /// The form showing a demand section as a person would type it.
    pub fn from_demand(d: &Demand) -> Self {
        Self {
            years: d.years.clone(),
            series: d
                .series
                .iter()
                .map(|s| SeriesForm {
                    measure: s.measure,
                    age_band: s.age_band.clone().unwrap_or_default(),
                    values: s.values.iter().map(|v| plain(*v)).collect(),
                    method: s.method,
                    cases_per_unit: plain(s.cases_per_unit),
                })
                .collect(),
            projection_years: d.projection_years.to_string(),
            case_holding_fte: d.case_holding_fte.map(|f| plain(f.value())).unwrap_or_default(),
            target_caseload: d.target_caseload.map(plain).unwrap_or_default(),
        }
    }

    /// A new section: three blank years and one series of referrals.
    pub fn new_section() -> Self {
        let mut d = Self { projection_years: "3".into(), years: vec![String::new(); 3], ..Self::default() };
        d.add_series();
        d
    }

    /// Adds a series (referrals, all ages, projected on a straight line) with a blank value
    /// for each year, and returns its index.
    pub fn add_series(&mut self) -> usize {
        self.series.push(SeriesForm {
            measure: DemandMeasure::Referrals,
            age_band: String::new(),
            values: vec![String::new(); self.years.len()],
            method: ProjectionMethod::Linear,
            cases_per_unit: "0".into(),
        });
        self.series.len() - 1
    }

    /// Removes series `i`, if there is one.
    pub fn remove_series(&mut self, i: usize) {
        if i < self.series.len() {
            self.series.remove(i);
        }
    }

    /// Adds a year after the last (labelled as the year after it) with a blank value in
    /// every series, and returns its index.
    pub fn add_year(&mut self) -> usize {
        let label = self.years.last().map(|y| next_year(y.trim())).unwrap_or_default();
        self.years.push(label);
        for s in &mut self.series {
            s.values.push(String::new());
        }
        self.years.len() - 1
    }

    /// Removes year `j` and its value from every series.
    pub fn remove_year(&mut self, j: usize) {
        if j >= self.years.len() {
            return;
        }
        self.years.remove(j);
        for s in &mut self.series {
            if j < s.values.len() {
                s.values.remove(j);
            }
        }
    }

    /// Reads every field, recording a problem for each that cannot be read.
    pub(crate) fn read(&self, problems: &mut Vec<Problem>) -> Demand {
        let mut r = FieldReader { problems };
        let series = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let band = s.age_band.trim();
                DemandSeries {
                    measure: s.measure,
                    age_band: (!band.is_empty()).then(|| band.to_string()),
                    values: s
                        .values
                        .iter()
                        .enumerate()
                        .map(|(j, v)| {
                            let year = self.years.get(j).map_or("", |y| y.trim());
                            r.required(
                                &format!("demand.series[{i}].values[{j}]"),
                                v,
                                &format!(
                                    "The figure for series {} in {}",
                                    i + 1,
                                    if year.is_empty() { "that year" } else { year }
                                ),
                                "a number, like 1,958",
                            )
                        })
                        .collect(),
                    method: s.method,
                    cases_per_unit: r.or_zero(
                        &format!("demand.series[{i}].cases_per_unit"),
                        &s.cases_per_unit,
                        &format!("Cases per unit for series {}", i + 1),
                        "a number, like 1",
                    ),
                }
            })
            .collect();
        Demand {
            years: self.years.iter().map(|y| y.trim().to_string()).collect(),
            series,
            projection_years: r.whole(
                "demand.projection_years",
                &self.projection_years,
                "The years to project",
                "like 3",
            ),
            case_holding_fte: r
                .optional("demand.case_holding_fte", &self.case_holding_fte, "The case-holding FTE", "like 70.4")
                .map(Fte::new),
            target_caseload: r.optional(
                "demand.target_caseload",
                &self.target_caseload,
                "The target caseload",
                "a number, like 18",
            ),
        }
    }
}

/// The stock-flow section as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CareFlowsForm {
    /// Placement types.
    pub types: Vec<CareTypeForm>,
    /// Moves between types.
    pub moves: Vec<CareMoveForm>,
    /// Months to project.
    pub months: String,
}

/// One placement type as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CareTypeForm {
    /// Name.
    pub name: String,
    /// Children in it now.
    pub children: String,
    /// Children entering care into it a month.
    pub entrants_per_month: String,
    /// Share leaving care each month, %.
    pub exit_rate: String,
    /// Cost of a placement a year (blank: not costed).
    pub annual_cost: String,
}

/// A move between types as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CareMoveForm {
    /// The type children leave (index).
    pub from: usize,
    /// The type they join (index).
    pub to: usize,
    /// Share of `from`'s children moving each month, %.
    pub rate: String,
}

impl CareFlowsForm {
    /// The form showing a stock-flow section as a person would type it.
    pub fn from_flows(c: &csplan_model::CareFlows) -> Self {
        Self {
            types: c
                .types
                .iter()
                .map(|t| CareTypeForm {
                    name: t.name.clone(),
                    children: plain(t.children),
                    entrants_per_month: plain(t.entrants_per_month),
                    exit_rate: plain(t.exit_rate.value()),
                    annual_cost: t.annual_cost.map(|m| plain(m.value())).unwrap_or_default(),
                })
                .collect(),
            moves: c
                .moves
                .iter()
                .map(|m| CareMoveForm { from: m.from, to: m.to, rate: plain(m.rate.value()) })
                .collect(),
            months: c.months.to_string(),
        }
    }

    /// A new section with one type for each placement line typed on the Cost of care page
    /// (its name, number and, where readable, its cost a year: a weekly cost x the weeks
    /// in a year), or one blank type; no flows yet, 36 months.
    pub fn from_placement_lines(placements: Option<&crate::cost_form::PlacementsForm>) -> Self {
        let text = |d: Option<csplan_model::Decimal>| d.map(plain).unwrap_or_default();
        let read = |s: &str| csplan_model::dec::parse_text(s);
        let mut types: Vec<CareTypeForm> = placements
            .map(|p| {
                let weeks = read(&p.weeks_per_year);
                p.lines
                    .iter()
                    .map(|l| {
                        let unit = read(&l.unit_cost);
                        let annual = if l.weekly { unit.zip(weeks).and_then(|(u, w)| u.checked_mul(w)) } else { unit };
                        CareTypeForm {
                            name: l.name.clone(),
                            children: l.number.clone(),
                            entrants_per_month: "0".into(),
                            exit_rate: "0".into(),
                            annual_cost: text(annual),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        if types.is_empty() {
            types.push(CareTypeForm {
                entrants_per_month: "0".into(),
                exit_rate: "0".into(),
                ..CareTypeForm::default()
            });
        }
        Self { types, moves: Vec::new(), months: "36".into() }
    }

    /// Puts rates estimated for all children looked after (`csplan_calc::care_flows::
    /// estimate_rates`) into every type: each type's entrants are the month's entrants in
    /// proportion to the children it has now (shared equally when there are none), and every
    /// type gets the same exit rate. Both are written to 2 decimal places (halves up), as a
    /// person would type them. Nothing changes if a type's children cannot be read.
    pub fn apply_estimate(&mut self, entrants_per_month: Decimal, exit_rate: Decimal) -> Result<(), String> {
        let mut children = Vec::with_capacity(self.types.len());
        for (i, t) in self.types.iter().enumerate() {
            let n = if t.children.trim().is_empty() { Some(Decimal::ZERO) } else { parse_text(&t.children) };
            let name = if t.name.trim().is_empty() { format!("type {}", i + 1) } else { t.name.trim().to_string() };
            children.push(n.ok_or_else(|| format!("Correct the children in {name} first, then use the estimate"))?);
        }
        let total = children.iter().try_fold(Decimal::ZERO, |a, c| a.checked_add(*c)).unwrap_or(Decimal::ZERO);
        let count = Decimal::from(self.types.len().max(1) as u64);
        let two_places = |d: Decimal| plain(d.round_dp_with_strategy(2, HALF_UP));
        for (t, c) in self.types.iter_mut().zip(children) {
            let share = if total > Decimal::ZERO { c.checked_div(total) } else { Decimal::ONE.checked_div(count) };
            let entrants = share.and_then(|s| s.checked_mul(entrants_per_month)).unwrap_or(Decimal::ZERO);
            t.entrants_per_month = two_places(entrants);
            t.exit_rate = two_places(exit_rate);
        }
        Ok(())
    }

    /// Adds a blank type and returns its index.
    pub fn add_type(&mut self) -> usize {
        self.types.push(CareTypeForm {
            entrants_per_month: "0".into(),
            exit_rate: "0".into(),
            ..CareTypeForm::default()
        });
        self.types.len() - 1
    }

    /// Removes type `i` and every move to or from it, renumbering the rest.
    pub fn remove_type(&mut self, i: usize) {
        if i >= self.types.len() {
            return;
        }
        self.types.remove(i);
        self.moves.retain(|m| m.from != i && m.to != i);
        let shift = |n: usize| if n > i { n - 1 } else { n };
        for m in &mut self.moves {
            m.from = shift(m.from);
            m.to = shift(m.to);
        }
    }

    /// Reads every field, recording a problem for each that cannot be read.
    pub(crate) fn read(&self, problems: &mut Vec<Problem>) -> csplan_model::CareFlows {
        let mut r = FieldReader { problems };
        let types = self
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let p = |f: &str| format!("care_flows.types[{i}].{f}");
                let name = t.name.trim();
                let label = if name.is_empty() { format!("type {}", i + 1) } else { name.to_string() };
                csplan_model::CareType {
                    name: name.to_string(),
                    children: r.required(
                        &p("children"),
                        &t.children,
                        &format!("Children in {label}"),
                        "a number, like 206",
                    ),
                    entrants_per_month: r.or_zero(
                        &p("entrants_per_month"),
                        &t.entrants_per_month,
                        &format!("Entrants a month to {label}"),
                        "a number, like 4.5",
                    ),
                    exit_rate: csplan_model::Rate::new(r.or_zero(
                        &p("exit_rate"),
                        &t.exit_rate,
                        &format!("The exit rate from {label}"),
                        "a percentage, like 2.5",
                    )),
                    annual_cost: r
                        .optional(
                            &p("annual_cost"),
                            &t.annual_cost,
                            &format!("The cost a year of {label}"),
                            "an amount in pounds, like 44,871",
                        )
                        .map(csplan_model::Money::new),
                }
            })
            .collect();
        let moves = self
            .moves
            .iter()
            .enumerate()
            .map(|(j, m)| csplan_model::CareMove {
                from: m.from,
                to: m.to,
                rate: csplan_model::Rate::new(r.required(
                    &format!("care_flows.moves[{j}].rate"),
                    &m.rate,
                    &format!("The rate of move {}", j + 1),
                    "a percentage, like 0.5",
                )),
            })
            .collect();
        csplan_model::CareFlows {
            types,
            moves,
            months: r.whole("care_flows.months", &self.months, "The months to project", "like 36"),
        }
    }
}
