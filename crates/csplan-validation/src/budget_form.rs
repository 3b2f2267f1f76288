//! The budget section as typed text (see [`crate::form`] for the idea): areas, workstreams
//! with their phasing and risk, delivery shares, pressures and home to school transport.
//! Paths match [`crate::validate`]'s.

use csplan_model::demand::next_year;
use csplan_model::fmt::plain;
use csplan_model::{
    Budget, BudgetArea, DeliveryShares, Money, Pressure, Rate, Risk, Transport, TransportDrivers, Workstream,
};

use crate::workforce_form::FieldReader;
use crate::Problem;

/// The budget section as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BudgetForm {
    /// Plan years.
    pub years: Vec<String>,
    /// Areas and funding lines.
    pub areas: Vec<AreaForm>,
    /// Workstreams.
    pub workstreams: Vec<WorkstreamForm>,
    /// Delivery share at green, amber and red, %.
    pub delivery: [String; 3],
    /// Pressures.
    pub pressures: Vec<PressureForm>,
    /// Home to school transport, if modelled.
    pub transport: Option<TransportForm>,
}

/// A budget area as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AreaForm {
    /// Short id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Budget (blank for a funding line).
    pub budget: String,
    /// True for a funding line.
    pub funding: bool,
    /// Statutory minimum (blank: none).
    pub statutory_minimum: String,
}

/// A workstream as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkstreamForm {
    /// Name.
    pub name: String,
    /// Area id.
    pub area: String,
    /// Full-year saving.
    pub amount: String,
    /// Share delivered in each plan year, %.
    pub phasing: Vec<String>,
    /// Delivery risk.
    pub risk: Risk,
    /// Risks in words.
    pub risks: String,
    /// Equality impact in words.
    pub equality_impact: String,
}

/// A pressure as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PressureForm {
    /// Name.
    pub name: String,
    /// New pressure in each plan year.
    pub amounts: Vec<String>,
}

/// Home to school transport as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransportForm {
    /// Base adjustment in the first year.
    pub base_adjustment: String,
    /// Growth in each later year.
    pub growth_a_year: String,
    /// SEN travellers now (blank: no driver view).
    pub travellers: String,
    /// Cost a traveller a year.
    pub unit_cost: String,
    /// Growth in travellers a year, %.
    pub traveller_growth: String,
    /// Growth in unit cost a year, %.
    pub unit_cost_growth: String,
}

fn m(v: Money) -> String {
    plain(v.value())
}

fn r(v: Rate) -> String {
    plain(v.value())
}

/// "Pressure 2" for "pressure 2"; names as typed otherwise.
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "1 workstream", "3 workstreams".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl BudgetForm {
    /// The form showing a budget section as a person would type it.
    pub fn from_budget(b: &Budget) -> Self {
        Self {
            years: b.years.clone(),
            areas: b
                .areas
                .iter()
                .map(|a| AreaForm {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    budget: a.budget.map(m).unwrap_or_default(),
                    funding: a.funding,
                    statutory_minimum: a.statutory_minimum.map(m).unwrap_or_default(),
                })
                .collect(),
            workstreams: b
                .workstreams
                .iter()
                .map(|w| WorkstreamForm {
                    name: w.name.clone(),
                    area: w.area.clone(),
                    amount: m(w.amount),
                    phasing: w.phasing.iter().map(|p| r(*p)).collect(),
                    risk: w.risk,
                    risks: w.risks.clone(),
                    equality_impact: w.equality_impact.clone(),
                })
                .collect(),
            delivery: [r(b.delivery.green), r(b.delivery.amber), r(b.delivery.red)],
            pressures: b
                .pressures
                .iter()
                .map(|p| PressureForm { name: p.name.clone(), amounts: p.amounts.iter().map(|a| m(*a)).collect() })
                .collect(),
            transport: b.transport.as_ref().map(|t| {
                let d = t.drivers.as_ref();
                TransportForm {
                    base_adjustment: m(t.base_adjustment),
                    growth_a_year: m(t.growth_a_year),
                    travellers: d.map(|d| plain(d.travellers)).unwrap_or_default(),
                    unit_cost: d.map(|d| m(d.unit_cost)).unwrap_or_default(),
                    traveller_growth: d.map(|d| r(d.traveller_growth)).unwrap_or_default(),
                    unit_cost_growth: d.map(|d| r(d.unit_cost_growth)).unwrap_or_default(),
                }
            }),
        }
    }

    /// A new section: one plan year and one budget area, both blank, and csplan's
    /// delivery shares (100%, 75%, 25%).
    pub fn new_section() -> Self {
        let mut b = Self { years: vec![String::new()], ..Self::from_budget(&Budget::default()) };
        b.add_area();
        b
    }

    /// A label for budget area `i`: its name, else "budget area 3".
    pub fn area_label(&self, i: usize) -> String {
        match self.areas.get(i).map(|a| a.name.trim()) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("budget area {}", i + 1),
        }
    }

    /// A label for workstream `i`: its name, else "workstream 3".
    pub fn workstream_label(&self, i: usize) -> String {
        match self.workstreams.get(i).map(|w| w.name.trim()) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("workstream {}", i + 1),
        }
    }

    /// A label for pressure `i`: its name, else "pressure 3".
    pub fn pressure_label(&self, i: usize) -> String {
        match self.pressures.get(i).map(|p| p.name.trim()) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("pressure {}", i + 1),
        }
    }

    /// Adds a blank budget area with an id no other area has (`area-4`), and returns its
    /// index.
    pub fn add_area(&mut self) -> usize {
        let mut n = self.areas.len() + 1;
        while self.areas.iter().any(|a| a.id.trim() == format!("area-{n}")) {
            n += 1;
        }
        self.areas.push(AreaForm { id: format!("area-{n}"), ..AreaForm::default() });
        self.areas.len() - 1
    }

    /// Sets area `i`'s id, moving the workstreams that pointed at the old id with it, as
    /// long as no other area shares the old id (then it is ambiguous which they meant, and
    /// they stay). Returns the old id when references followed, for other sections' use.
    pub fn set_area_id(&mut self, i: usize, id: String) -> Option<String> {
        let old = self.areas.get(i).map(|a| a.id.clone())?;
        let shared = self.areas.iter().enumerate().any(|(k, a)| k != i && a.id == old);
        if !shared {
            for w in self.workstreams.iter_mut().filter(|w| w.area == old) {
                w.area.clone_from(&id);
            }
        }
        if let Some(a) = self.areas.get_mut(i) {
            a.id = id;
        }
        (!shared).then_some(old)
    }

    /// The workstreams that save from area `i` (by name), unless another area shares its id.
    pub fn workstreams_in_area(&self, i: usize) -> Vec<String> {
        let Some(id) = self.areas.get(i).map(|a| &a.id) else { return Vec::new() };
        if self.areas.iter().enumerate().any(|(k, a)| k != i && &a.id == id) {
            return Vec::new();
        }
        (0..self.workstreams.len())
            .filter(|k| self.workstreams.get(*k).is_some_and(|w| &w.area == id))
            .map(|k| self.workstream_label(k))
            .collect()
    }

    /// Removes area `i`, unless a workstream saves from it: then nothing changes and the
    /// message names the workstreams to move or remove first.
    pub fn remove_area(&mut self, i: usize) -> Result<(), String> {
        if i >= self.areas.len() {
            return Ok(());
        }
        let used = self.workstreams_in_area(i);
        if !used.is_empty() {
            return Err(format!(
                "{} cannot be removed while {} {} from it: {}. Move {} to another area or remove {} first",
                self.area_label(i),
                count(used.len(), "workstream"),
                if used.len() == 1 { "saves" } else { "save" },
                used.join(", "),
                if used.len() == 1 { "it" } else { "them" },
                if used.len() == 1 { "it" } else { "them" },
            ));
        }
        self.areas.remove(i);
        Ok(())
    }

    /// Adds a workstream in the first area that is not a funding line (else the first),
    /// phased wholly in the first year, green; returns its index.
    pub fn add_workstream(&mut self) -> usize {
        let mut phasing = vec!["0".to_string(); self.years.len()];
        if let Some(first) = phasing.first_mut() {
            *first = "100".to_string();
        }
        let area = self.areas.iter().find(|a| !a.funding).or(self.areas.first()).map(|a| a.id.clone());
        self.workstreams.push(WorkstreamForm { area: area.unwrap_or_default(), phasing, ..WorkstreamForm::default() });
        self.workstreams.len() - 1
    }

    /// Removes workstream `i`, if there is one.
    pub fn remove_workstream(&mut self, i: usize) {
        if i < self.workstreams.len() {
            self.workstreams.remove(i);
        }
    }

    /// Adds a pressure with a blank amount for each plan year; returns its index.
    pub fn add_pressure(&mut self) -> usize {
        self.pressures.push(PressureForm { name: String::new(), amounts: vec![String::new(); self.years.len()] });
        self.pressures.len() - 1
    }

    /// Removes pressure `i`, if there is one.
    pub fn remove_pressure(&mut self, i: usize) {
        if i < self.pressures.len() {
            self.pressures.remove(i);
        }
    }

    /// Adds a plan year after the last (labelled as the year after it, 2023/24 after
    /// 2022/23), with 0% of every workstream and a blank amount for every pressure in
    /// it; returns its index.
    pub fn add_year(&mut self) -> usize {
        let label = self.years.last().map(|y| next_year(y.trim())).unwrap_or_default();
        self.years.push(label);
        for w in &mut self.workstreams {
            w.phasing.push("0".to_string());
        }
        for p in &mut self.pressures {
            p.amounts.push(String::new());
        }
        self.years.len() - 1
    }

    /// Removes plan year `j` with each workstream's share and each pressure's amount in it.
    pub fn remove_year(&mut self, j: usize) {
        if j >= self.years.len() {
            return;
        }
        self.years.remove(j);
        for w in &mut self.workstreams {
            if j < w.phasing.len() {
                w.phasing.remove(j);
            }
        }
        for p in &mut self.pressures {
            if j < p.amounts.len() {
                p.amounts.remove(j);
            }
        }
    }

    /// Adds home to school transport (nothing in any year, no drivers) if there is none.
    pub fn add_transport(&mut self) {
        if self.transport.is_none() {
            self.transport = Some(TransportForm {
                base_adjustment: "0".to_string(),
                growth_a_year: "0".to_string(),
                ..TransportForm::default()
            });
        }
    }

    /// Removes home to school transport.
    pub fn remove_transport(&mut self) {
        self.transport = None;
    }

    /// Reads every field, recording a problem for each that cannot be read.
    pub(crate) fn read(&self, problems: &mut Vec<Problem>) -> Budget {
        let mut rd = FieldReader { problems };
        let areas = self
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let p = |f: &str| format!("budget.areas[{i}].{f}");
                let name =
                    if a.name.trim().is_empty() { format!("budget area {}", i + 1) } else { a.name.trim().to_string() };
                BudgetArea {
                    id: a.id.trim().to_string(),
                    name: a.name.trim().to_string(),
                    budget: rd
                        .optional(
                            &p("budget"),
                            &a.budget,
                            &format!("The budget for {name}"),
                            "an amount in pounds, like 152,140,000",
                        )
                        .map(Money::new),
                    funding: a.funding,
                    statutory_minimum: rd
                        .optional(
                            &p("statutory_minimum"),
                            &a.statutory_minimum,
                            &format!("The statutory minimum for {name}"),
                            "an amount in pounds, like 140,000,000",
                        )
                        .map(Money::new),
                }
            })
            .collect();
        let workstreams = self
            .workstreams
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let p = |f: &str| format!("budget.workstreams[{i}].{f}");
                let name =
                    if w.name.trim().is_empty() { format!("workstream {}", i + 1) } else { w.name.trim().to_string() };
                Workstream {
                    name: w.name.trim().to_string(),
                    area: w.area.clone(),
                    amount: Money::new(rd.required(
                        &p("amount"),
                        &w.amount,
                        &format!("The saving for {name}"),
                        "an amount in pounds, like 2,700,000",
                    )),
                    phasing: w
                        .phasing
                        .iter()
                        .enumerate()
                        .map(|(j, s)| {
                            Rate::new(rd.or_zero(
                                &format!("budget.workstreams[{i}].phasing[{j}]"),
                                s,
                                &format!("The share of {name} in a year"),
                                "a percentage, like 50",
                            ))
                        })
                        .collect(),
                    risk: w.risk,
                    risks: w.risks.clone(),
                    equality_impact: w.equality_impact.clone(),
                }
            })
            .collect();
        let [g, a, r] = &self.delivery;
        let delivery = DeliveryShares {
            green: Rate::new(rd.required(
                "budget.delivery.green",
                g,
                "The share delivered at green",
                "a percentage, like 100",
            )),
            amber: Rate::new(rd.required(
                "budget.delivery.amber",
                a,
                "The share delivered at amber",
                "a percentage, like 75",
            )),
            red: Rate::new(rd.required(
                "budget.delivery.red",
                r,
                "The share delivered at red",
                "a percentage, like 25",
            )),
        };
        let pressures = self
            .pressures
            .iter()
            .enumerate()
            .map(|(i, p)| Pressure {
                name: p.name.trim().to_string(),
                amounts: p
                    .amounts
                    .iter()
                    .enumerate()
                    .map(|(j, a)| {
                        let year = match self.years.get(j).map(|y| y.trim()) {
                            Some(y) if !y.is_empty() => y.to_string(),
                            _ => format!("year {}", j + 1),
                        };
                        Money::new(rd.or_zero(
                            &format!("budget.pressures[{i}].amounts[{j}]"),
                            a,
                            &format!("{} in {year}", capitalised(&self.pressure_label(i))),
                            "an amount in pounds, like 900,000",
                        ))
                    })
                    .collect(),
            })
            .collect();
        let transport = self.transport.as_ref().map(|t| {
            let p = |f: &str| format!("budget.transport.{f}");
            let drivers = (!t.travellers.trim().is_empty()).then(|| TransportDrivers {
                travellers: rd.required(
                    &p("drivers.travellers"),
                    &t.travellers,
                    "SEN travellers",
                    "a number, like 1,800",
                ),
                unit_cost: Money::new(rd.required(
                    &p("drivers.unit_cost"),
                    &t.unit_cost,
                    "The cost a traveller",
                    "an amount in pounds, like 9,500",
                )),
                traveller_growth: Rate::new(rd.or_zero(
                    &p("drivers.traveller_growth"),
                    &t.traveller_growth,
                    "Growth in travellers",
                    "a percentage, like 3.3",
                )),
                unit_cost_growth: Rate::new(rd.or_zero(
                    &p("drivers.unit_cost_growth"),
                    &t.unit_cost_growth,
                    "Growth in unit cost",
                    "a percentage, like 5",
                )),
            });
            Transport {
                base_adjustment: Money::new(rd.or_zero(
                    &p("base_adjustment"),
                    &t.base_adjustment,
                    "The base adjustment",
                    "an amount in pounds, like 2,400,000",
                )),
                growth_a_year: Money::new(rd.or_zero(
                    &p("growth_a_year"),
                    &t.growth_a_year,
                    "Growth a year",
                    "an amount in pounds, like 900,000",
                )),
                drivers,
            }
        });
        Budget {
            years: self.years.iter().map(|y| y.trim().to_string()).collect(),
            areas,
            workstreams,
            delivery,
            pressures,
            transport,
        }
    }
}
