//! The demand section as typed text: year labels, and for each series its measure, age
//! band, one value a year, projection method and cases per unit (see [`crate::form`]).
//! Every series always has one value field per year: adding or removing a year does so in
//! every series, so the grid stays rectangular.

use csplan_model::demand::next_year;
use csplan_model::fmt::plain;
use csplan_model::{Demand, DemandMeasure, DemandSeries, Fte, ProjectionMethod};

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
