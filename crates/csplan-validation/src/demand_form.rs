//! The demand section as typed text: year labels, and for each series its measure, age
//! band, one value a year, projection method and cases per unit (see [`crate::form`]).
//! The stock-flow model of children looked after is here too ([`CareFlowsForm`]).
//! Every series always has one value field per year: adding or removing a year does so in
//! every series, so the grid stays rectangular.

use csplan_model::dec::parse_text;
use csplan_model::demand::next_year;
use csplan_model::fmt::plain;
use csplan_model::{Decimal, Demand, DemandMeasure, DemandSeries, Fte, ProjectionMethod, HALF_UP};

use crate::fields::{label, Field, Info, Path, Reader};

crate::form! {
    /// The demand section as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct DemandForm {
        years: texts(Info::words("Year {}").width(5)),
        projection_years: text(Info::whole("Project for").subject("the years to project").example("3").suffix("years").row(1)),
        case_holding_fte: text(Info::fte("Case-holding FTE").hint("Now, for the posts projected demand needs").optional().subject("the case-holding FTE").example("70.4").row(1)),
        target_caseload: text(Info::count("Target caseload").optional().subject("the target caseload").example("18").suffix("per FTE").width(3).row(1)),
        series: list(SeriesForm, |d| d.series.push(SeriesForm::blank(0))),
    }
}

crate::form! {
    /// One series as typed text.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct SeriesForm {
        measure: choice(DemandMeasure, Info::choice("Measure")),
        age_band: text(Info::words("Age band").hint("Blank for all ages").width(5).row(1)),
        cases_per_unit: text(Info::count("Cases each").hint("1 if each is a case; 0 if not").or_zero().subject("cases per unit for {}").example("1").width(3).row(1)),
        values: texts(Info::count("{}").subject("the figure for {}").example("1,958").width(5)),
        method: choice(ProjectionMethod, Info::choice("Project it with")),
    }
}

crate::form! {
    /// The stock-flow section as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct CareFlowsForm {
        types: list(CareTypeForm, |c| { c.add_type(); }),
        moves: list(CareMoveForm),
        months: text(Info::whole("Project for").subject("the months to project").example("36").suffix("months")),
    }
}

crate::form! {
    /// One placement type as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct CareTypeForm {
        name: text(Info::words("Name").width(66)),
        children: text(Info::count("Children").hint("Now").subject("children in {}").example("206").row(1)),
        entrants_per_month: text(Info::count("Entrants a month").hint("Starting care in this type").or_zero().subject("entrants a month to {}").example("4.5").width(4).row(1)),
        exit_rate: text(Info::rate("Exit rate").hint("Share leaving care each month").or_zero().subject("the exit rate from {}").example("2.5").width(4).row(1)),
        annual_cost: text(Info::money("Cost").hint("A placement, a year").optional().subject("the cost a year of {}").example("44,871").row(1)),
    }
}

crate::form! {
    /// A move between types as typed text: from type `from` to type `to` (indices).
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct CareMoveForm {
        from: choice(usize, Info::choice("Move {}: from")),
        to: choice(usize, Info::choice("To")),
        rate: text(Info::rate("Rate").subject("the rate of {}").example("0.5").suffix("% a month")),
    }
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
        self.series.push(SeriesForm::blank(self.years.len()));
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
    pub(crate) fn read(&self, r: &mut Reader) -> Demand {
        let at = Path::root("demand");
        let series = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let at = at.at("series", i);
                let band = s.age_band.trim();
                let name = label("", "series", i);
                DemandSeries {
                    measure: s.measure,
                    age_band: (!band.is_empty()).then(|| band.to_string()),
                    values: s
                        .values
                        .iter()
                        .enumerate()
                        .map(|(j, v)| {
                            let year = self.years.get(j).map_or("", |y| y.trim());
                            let of = format!("{name} in {}", if year.is_empty() { "that year" } else { year });
                            r.number(&at.at("values", j), &SeriesForm::values, v, &of).unwrap_or(Decimal::ZERO)
                        })
                        .collect(),
                    method: s.method,
                    cases_per_unit: r.get(&at, &SeriesForm::cases_per_unit, s, &name),
                }
            })
            .collect();
        Demand {
            years: self.years.iter().map(|y| y.trim().to_string()).collect(),
            series,
            projection_years: r.whole(&at, &Self::projection_years, self, ""),
            case_holding_fte: r.opt(&at, &Self::case_holding_fte, self, "").map(Fte::new),
            target_caseload: r.opt(&at, &Self::target_caseload, self, ""),
        }
    }

    /// The settings below the series, as the page shows them.
    pub const SETTINGS: &'static [Field] = &[Self::projection_years, Self::case_holding_fte, Self::target_caseload];
}

impl SeriesForm {
    /// A series of referrals, all ages, projected on a straight line, with `years` blank values.
    pub fn blank(years: usize) -> Self {
        SeriesForm {
            measure: DemandMeasure::Referrals,
            age_band: String::new(),
            values: vec![String::new(); years],
            method: ProjectionMethod::Linear,
            cases_per_unit: "0".into(),
        }
    }
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

    /// Adds a move from the first type to the second (or the first) and returns its index.
    pub fn add_move(&mut self) -> usize {
        self.moves.push(CareMoveForm { from: 0, to: usize::from(self.types.len() > 1), rate: String::new() });
        self.moves.len() - 1
    }

    /// Removes move `j`, if there is one.
    pub fn remove_move(&mut self, j: usize) {
        if j < self.moves.len() {
            self.moves.remove(j);
        }
    }

    /// Reads every field, recording a problem for each that cannot be read.
    pub(crate) fn read(&self, r: &mut Reader) -> csplan_model::CareFlows {
        let at = Path::root("care_flows");
        let types = self
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let at = at.at("types", i);
                let of = label(&t.name, "type", i);
                csplan_model::CareType {
                    name: t.name.trim().to_string(),
                    children: r.get(&at, &CareTypeForm::children, t, &of),
                    entrants_per_month: r.get(&at, &CareTypeForm::entrants_per_month, t, &of),
                    exit_rate: csplan_model::Rate::new(r.get(&at, &CareTypeForm::exit_rate, t, &of)),
                    annual_cost: r.opt(&at, &CareTypeForm::annual_cost, t, &of).map(csplan_model::Money::new),
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
                rate: csplan_model::Rate::new(r.get(&at.at("moves", j), &CareMoveForm::rate, m, &label("", "move", j))),
            })
            .collect();
        csplan_model::CareFlows { types, moves, months: r.whole(&at, &Self::months, self, "") }
    }
}

impl CareTypeForm {
    /// The typed fields, as the page shows them.
    pub const TEXT_FIELDS: &'static [Field] =
        &[Self::name, Self::children, Self::entrants_per_month, Self::exit_rate, Self::annual_cost];
}
