//! The budget section as typed text (see [`crate::form`] for the idea): areas, workstreams
//! with their phasing and risk, delivery shares, pressures and home to school transport.
//! Paths match [`crate::validate`]'s.

use csplan_model::demand::next_year;
use csplan_model::fmt::plain;
use csplan_model::{
    Budget, BudgetArea, DeliveryShares, Money, Pressure, Rate, Risk, Transport, TransportDrivers, Workstream,
};

use crate::fields::{capitalised, label, Field, Info, Path, Reader};

crate::form! {
    /// The budget section as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct BudgetForm {
        areas: list(AreaForm),
        workstreams: list(WorkstreamForm),
        years: texts(Info::words("Plan year {}").width(10)),
        delivery: always(DeliveryForm),
        pressures: list(PressureForm),
        transport: part(TransportForm),
    }
}

crate::form! {
    /// The share of a workstream's saving expected at each delivery rating, as typed.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct DeliveryForm {
        green: text(Info::rate("Green").subject("the share delivered at green").example("100").width(4).row(1)),
        amber: text(Info::rate("Amber").subject("the share delivered at amber").example("75").width(4).row(1)),
        red: text(Info::rate("Red").subject("the share delivered at red").example("25").width(4).row(1)),
    }
}

crate::form! {
    /// A budget area as typed.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct AreaForm {
        name: text(Info::words("Name").width(66)),
        id: text(Info::words("Id").hint("Short, like csc: workstreams and consultation proposals refer to it").width(10)),
        funding: flag(Info::choice("This is a funding line (it has no budget of its own)")),
        budget: text(Info::money("Budget").hint("Blank for a funding line").optional().subject("the budget for {}").example("152,140,000").row(1)),
        statutory_minimum: text(Info::money("Statutory minimum").hint("Optional: the budget cannot go below it").optional().subject("the statutory minimum for {}").example("140,000,000").row(1)),
    }
}

crate::form! {
    /// A workstream as typed.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct WorkstreamForm {
        name: text(Info::words("Name").width(66)),
        area: choice(String, Info::choice("Budget area it saves from")),
        amount: text(Info::money("Full-year saving").subject("the saving for {}").example("2,700,000")),
        phasing: texts(Info::rate("Share delivered in {}").or_zero().subject("the share of {} in a year").example("50").width(4)),
        risk: choice(Risk, Info::choice("Delivery risk")),
        risks: text(Info::paragraph("Risks")),
        equality_impact: text(Info::paragraph("Equality impact").hint("Who it affects and how that is mitigated")),
    }
}

crate::form! {
    /// A pressure as typed.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct PressureForm {
        name: text(Info::words("What causes it").width(66)),
        amounts: texts(Info::money("New in {}").or_zero().subject("{}").example("900,000")),
    }
}

crate::form! {
    /// Home to school transport as typed.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct TransportForm {
        base_adjustment: text(Info::money("Base adjustment").hint("Added in the first plan year").or_zero().subject("the base adjustment").example("2,400,000").row(1)),
        growth_a_year: text(Info::money("Growth a year").hint("Added in each later year").or_zero().subject("growth a year").example("900,000").row(1)),
        travellers: text(Info::count("SEN travellers now").key("drivers.travellers").optional().subject("SEN travellers").example("1,800").row(2)),
        unit_cost: text(Info::money("Cost a traveller").key("drivers.unit_cost").hint("A year").subject("the cost a traveller").example("9,500").row(2)),
        traveller_growth: text(Info::rate("Growth in travellers a year").key("drivers.traveller_growth").or_zero().subject("growth in travellers").example("3.3").width(4).row(3)),
        unit_cost_growth: text(Info::rate("Growth in the cost a year").key("drivers.unit_cost_growth").or_zero().subject("growth in unit cost").example("5").width(4).row(3)),
    }
}

impl DeliveryForm {
    /// The three shares, as the page shows them.
    pub const FIELDS: &'static [Field] = &[Self::green, Self::amber, Self::red];
}

impl TransportForm {
    /// The typed fields, as the page shows them.
    pub const TEXT_FIELDS: &'static [Field] = &[
        Self::base_adjustment,
        Self::growth_a_year,
        Self::travellers,
        Self::unit_cost,
        Self::traveller_growth,
        Self::unit_cost_growth,
    ];
}

fn m(v: Money) -> String {
    plain(v.value())
}

fn r(v: Rate) -> String {
    plain(v.value())
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
            delivery: DeliveryForm { green: r(b.delivery.green), amber: r(b.delivery.amber), red: r(b.delivery.red) },
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
        label(self.areas.get(i).map_or("", |a| &a.name), "budget area", i)
    }

    /// A label for workstream `i`: its name, else "workstream 3".
    pub fn workstream_label(&self, i: usize) -> String {
        label(self.workstreams.get(i).map_or("", |w| &w.name), "workstream", i)
    }

    /// A label for pressure `i`: its name, else "pressure 3".
    pub fn pressure_label(&self, i: usize) -> String {
        label(self.pressures.get(i).map_or("", |p| &p.name), "pressure", i)
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
    pub(crate) fn read(&self, r: &mut Reader) -> Budget {
        let at = Path::root("budget");
        let areas = self
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let of = self.area_label(i);
                let at = at.at("areas", i);
                BudgetArea {
                    id: a.id.trim().to_string(),
                    name: a.name.trim().to_string(),
                    budget: r.opt(&at, &AreaForm::budget, a, &of).map(Money::new),
                    funding: a.funding,
                    statutory_minimum: r.opt(&at, &AreaForm::statutory_minimum, a, &of).map(Money::new),
                }
            })
            .collect();
        let workstreams = self
            .workstreams
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let of = self.workstream_label(i);
                let at = at.at("workstreams", i);
                Workstream {
                    name: w.name.trim().to_string(),
                    area: w.area.clone(),
                    amount: Money::new(r.get(&at, &WorkstreamForm::amount, w, &of)),
                    phasing: w
                        .phasing
                        .iter()
                        .enumerate()
                        .map(|(j, share)| {
                            Rate::new(
                                r.number(&at.at("phasing", j), &WorkstreamForm::phasing, share, &of)
                                    .unwrap_or_default(),
                            )
                        })
                        .collect(),
                    risk: w.risk,
                    risks: w.risks.clone(),
                    equality_impact: w.equality_impact.clone(),
                }
            })
            .collect();
        let (d, at_delivery) = (&self.delivery, at.field("delivery"));
        let delivery = DeliveryShares {
            green: Rate::new(r.get(&at_delivery, &DeliveryForm::green, d, "")),
            amber: Rate::new(r.get(&at_delivery, &DeliveryForm::amber, d, "")),
            red: Rate::new(r.get(&at_delivery, &DeliveryForm::red, d, "")),
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
                        let year = label(self.years.get(j).map_or("", String::as_str), "year", j);
                        let of = format!("{} in {year}", capitalised(&self.pressure_label(i)));
                        Money::new(
                            r.number(&at.at("pressures", i).at("amounts", j), &PressureForm::amounts, a, &of)
                                .unwrap_or_default(),
                        )
                    })
                    .collect(),
            })
            .collect();
        let transport = self.transport.as_ref().map(|t| {
            let at = at.field("transport");
            let drivers = (!t.travellers.trim().is_empty()).then(|| TransportDrivers {
                travellers: r.get(&at, &TransportForm::travellers, t, ""),
                unit_cost: Money::new(r.get(&at, &TransportForm::unit_cost, t, "")),
                traveller_growth: Rate::new(r.get(&at, &TransportForm::traveller_growth, t, "")),
                unit_cost_growth: Rate::new(r.get(&at, &TransportForm::unit_cost_growth, t, "")),
            });
            Transport {
                base_adjustment: Money::new(r.get(&at, &TransportForm::base_adjustment, t, "")),
                growth_a_year: Money::new(r.get(&at, &TransportForm::growth_a_year, t, "")),
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
