//! The budget section as typed text (see [`crate::form`] for the idea): areas, workstreams
//! with their phasing and risk, delivery shares, pressures and home to school transport.
//! Paths match [`crate::validate`]'s.

use csplan_model::demand::next_year;
use csplan_model::fmt::plain;
use csplan_model::{
    Budget, BudgetArea, DeliveryShares, Money, Pressure, Rate, Risk, Transport, TransportDrivers, Workstream,
};

use crate::fields::{capitalised, label, Field, Info, Item, List, Member, Part, Path, Reader, Texts, Unit, Walk};

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
                    budget: r.opt(&at, &AreaForm::BUDGET, a, &of).map(Money::new),
                    funding: a.funding,
                    statutory_minimum: r.opt(&at, &AreaForm::STATUTORY_MINIMUM, a, &of).map(Money::new),
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
                    amount: Money::new(r.get(&at, &WorkstreamForm::AMOUNT, w, &of)),
                    phasing: w
                        .phasing
                        .iter()
                        .enumerate()
                        .map(|(j, share)| {
                            Rate::new(
                                r.number(&at.at("phasing", j), &WorkstreamForm::PHASING, share, &of)
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
        let delivery = DeliveryShares {
            green: Rate::new(r.get(&at, &Self::GREEN, self, "")),
            amber: Rate::new(r.get(&at, &Self::AMBER, self, "")),
            red: Rate::new(r.get(&at, &Self::RED, self, "")),
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
                            r.number(&at.at("pressures", i).at("amounts", j), &PressureForm::AMOUNT, a, &of)
                                .unwrap_or_default(),
                        )
                    })
                    .collect(),
            })
            .collect();
        let transport = self.transport.as_ref().map(|t| {
            let at = at.field("transport");
            let drivers = (!t.travellers.trim().is_empty()).then(|| TransportDrivers {
                travellers: r.get(&at, &TransportForm::TRAVELLERS, t, ""),
                unit_cost: Money::new(r.get(&at, &TransportForm::UNIT_COST, t, "")),
                traveller_growth: Rate::new(r.get(&at, &TransportForm::TRAVELLER_GROWTH, t, "")),
                unit_cost_growth: Rate::new(r.get(&at, &TransportForm::UNIT_COST_GROWTH, t, "")),
            });
            Transport {
                base_adjustment: Money::new(r.get(&at, &TransportForm::BASE_ADJUSTMENT, t, "")),
                growth_a_year: Money::new(r.get(&at, &TransportForm::GROWTH_A_YEAR, t, "")),
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

    /// Each plan year's label.
    pub const YEAR: Info = Info::new("years", "Plan year {}", Unit::Text).width(10);
    /// The share delivered at green.
    pub const GREEN: Field<Self> = Field::text(
        Info::new("delivery.green", "Green", Unit::Rate)
            .subject("the share delivered at green")
            .example("100")
            .width(4)
            .row(1),
        |b| &b.delivery[0],
        |b| &mut b.delivery[0],
    );
    /// The share delivered at amber.
    pub const AMBER: Field<Self> = Field::text(
        Info::new("delivery.amber", "Amber", Unit::Rate)
            .subject("the share delivered at amber")
            .example("75")
            .width(4)
            .row(1),
        |b| &b.delivery[1],
        |b| &mut b.delivery[1],
    );
    /// The share delivered at red.
    pub const RED: Field<Self> = Field::text(
        Info::new("delivery.red", "Red", Unit::Rate)
            .subject("the share delivered at red")
            .example("25")
            .width(4)
            .row(1),
        |b| &b.delivery[2],
        |b| &mut b.delivery[2],
    );
    /// The delivery shares, as the page shows them.
    pub const DELIVERY: &'static [Field<Self>] = &[Self::GREEN, Self::AMBER, Self::RED];
}

impl Item for BudgetForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::List(List {
            key: "areas",
            len: |b| b.areas.len(),
            get: |b, i| b.areas.get(i).map(|a| a as &dyn Walk),
            get_mut: |b, i| b.areas.get_mut(i).map(|a| a as &mut dyn Walk),
            push: |b| b.areas.push(AreaForm::default()),
        }),
        Member::List(List {
            key: "workstreams",
            len: |b| b.workstreams.len(),
            get: |b, i| b.workstreams.get(i).map(|a| a as &dyn Walk),
            get_mut: |b, i| b.workstreams.get_mut(i).map(|a| a as &mut dyn Walk),
            push: |b| b.workstreams.push(WorkstreamForm::default()),
        }),
        Member::Texts(Texts { info: Self::YEAR, get: |b| &b.years, get_mut: |b| &mut b.years }),
        Member::Field(Self::GREEN),
        Member::Field(Self::AMBER),
        Member::Field(Self::RED),
        Member::List(List {
            key: "pressures",
            len: |b| b.pressures.len(),
            get: |b, i| b.pressures.get(i).map(|a| a as &dyn Walk),
            get_mut: |b, i| b.pressures.get_mut(i).map(|a| a as &mut dyn Walk),
            push: |b| b.pressures.push(PressureForm::default()),
        }),
        Member::Part(Part {
            key: "transport",
            get: |b| b.transport.as_ref().map(|t| t as &dyn Walk),
            get_mut: |b| b.transport.as_mut().map(|t| t as &mut dyn Walk),
            make: |b| b.transport = Some(TransportForm::default()),
        }),
    ];
}

impl AreaForm {
    /// Name.
    pub const NAME: Field<Self> =
        Field::text(Info::new("name", "Name", Unit::Text).width(66), |a| &a.name, |a| &mut a.name);
    /// Short id.
    pub const ID: Field<Self> = Field::text(
        Info::new("id", "Id", Unit::Text)
            .hint("Short, like csc: workstreams and consultation proposals refer to it")
            .width(10),
        |a| &a.id,
        |a| &mut a.id,
    );
    /// A funding line rather than a spending area.
    pub const FUNDING: Field<Self> = Field::flag(
        Info::new("funding", "This is a funding line (income, not spending)", Unit::Choice),
        |a| a.funding,
        |a, on| a.funding = on,
    );
    /// Budget.
    pub const BUDGET: Field<Self> = Field::text(
        Info::new("budget", "Budget", Unit::Money)
            .hint("Blank for a funding line")
            .optional()
            .subject("the budget for {}")
            .example("152,140,000")
            .row(1),
        |a| &a.budget,
        |a| &mut a.budget,
    );
    /// Statutory minimum.
    pub const STATUTORY_MINIMUM: Field<Self> = Field::text(
        Info::new("statutory_minimum", "Statutory minimum", Unit::Money)
            .hint("Optional: the budget cannot go below it")
            .optional()
            .subject("the statutory minimum for {}")
            .example("140,000,000")
            .row(1),
        |a| &a.statutory_minimum,
        |a| &mut a.statutory_minimum,
    );
}

impl Item for AreaForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::NAME),
        Member::Field(Self::ID),
        Member::Field(Self::FUNDING),
        Member::Field(Self::BUDGET),
        Member::Field(Self::STATUTORY_MINIMUM),
    ];
}

impl WorkstreamForm {
    /// Name.
    pub const NAME: Field<Self> =
        Field::text(Info::new("name", "Name", Unit::Text).width(66), |w| &w.name, |w| &mut w.name);
    /// The budget area it saves from.
    pub const AREA: Field<Self> = Field::choice(
        Info::new("area", "Budget area", Unit::Choice),
        |w| w.area.clone(),
        |w, v| {
            w.area = v.to_string();
            true
        },
    );
    /// Full-year saving.
    pub const AMOUNT: Field<Self> = Field::text(
        Info::new("amount", "Full-year saving", Unit::Money).subject("the saving for {}").example("2,700,000"),
        |w| &w.amount,
        |w| &mut w.amount,
    );
    /// Share delivered in each plan year (labelled with the year).
    pub const PHASING: Info = Info::new("phasing", "Share delivered in {}", Unit::Rate)
        .or_zero()
        .subject("the share of {} in a year")
        .example("50")
        .width(4);
    /// Delivery risk.
    pub const RISK: Field<Self> = Field::choice(
        Info::new("risk", "Delivery risk", Unit::Choice),
        |w| w.risk.id().to_string(),
        |w, v| Risk::from_id(v).map(|r| w.risk = r).is_some(),
    );
    /// Risks in words.
    pub const RISKS: Field<Self> =
        Field::text(Info::new("risks", "Risks", Unit::Paragraph).optional(), |w| &w.risks, |w| &mut w.risks);
    /// Equality impact in words.
    pub const EQUALITY_IMPACT: Field<Self> = Field::text(
        Info::new("equality_impact", "Equality impact", Unit::Paragraph)
            .hint("Who it affects and how that is mitigated")
            .optional(),
        |w| &w.equality_impact,
        |w| &mut w.equality_impact,
    );
}

impl Item for WorkstreamForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::NAME),
        Member::Field(Self::AREA),
        Member::Field(Self::AMOUNT),
        Member::Texts(Texts { info: Self::PHASING, get: |w| &w.phasing, get_mut: |w| &mut w.phasing }),
        Member::Field(Self::RISK),
        Member::Field(Self::RISKS),
        Member::Field(Self::EQUALITY_IMPACT),
    ];
}

impl PressureForm {
    /// What causes it.
    pub const NAME: Field<Self> =
        Field::text(Info::new("name", "What causes it", Unit::Text).width(66), |p| &p.name, |p| &mut p.name);
    /// The new pressure in each plan year (labelled with the year).
    pub const AMOUNT: Info = Info::new("amounts", "New in {}", Unit::Money).or_zero().subject("{}").example("900,000");
}

impl Item for PressureForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::NAME),
        Member::Texts(Texts { info: Self::AMOUNT, get: |p| &p.amounts, get_mut: |p| &mut p.amounts }),
    ];
}

impl TransportForm {
    /// Base adjustment.
    pub const BASE_ADJUSTMENT: Field<Self> = Field::text(
        Info::new("base_adjustment", "Base adjustment", Unit::Money)
            .hint("Added in the first plan year")
            .or_zero()
            .subject("the base adjustment")
            .example("2,400,000")
            .row(1),
        |t| &t.base_adjustment,
        |t| &mut t.base_adjustment,
    );
    /// Growth a year.
    pub const GROWTH_A_YEAR: Field<Self> = Field::text(
        Info::new("growth_a_year", "Growth a year", Unit::Money)
            .hint("Added in each later year")
            .or_zero()
            .subject("growth a year")
            .example("900,000")
            .row(1),
        |t| &t.growth_a_year,
        |t| &mut t.growth_a_year,
    );
    /// SEN travellers now (blank: no driver view).
    pub const TRAVELLERS: Field<Self> = Field::text(
        Info::new("drivers.travellers", "SEN travellers now", Unit::Count)
            .optional()
            .subject("SEN travellers")
            .example("1,800")
            .row(2),
        |t| &t.travellers,
        |t| &mut t.travellers,
    );
    /// Cost a traveller a year.
    pub const UNIT_COST: Field<Self> = Field::text(
        Info::new("drivers.unit_cost", "Cost a traveller", Unit::Money)
            .hint("A year")
            .subject("the cost a traveller")
            .example("9,500")
            .row(2),
        |t| &t.unit_cost,
        |t| &mut t.unit_cost,
    );
    /// Growth in travellers a year.
    pub const TRAVELLER_GROWTH: Field<Self> = Field::text(
        Info::new("drivers.traveller_growth", "Growth in travellers a year", Unit::Rate)
            .or_zero()
            .subject("growth in travellers")
            .example("3.3")
            .width(4)
            .row(3),
        |t| &t.traveller_growth,
        |t| &mut t.traveller_growth,
    );
    /// Growth in the cost a year.
    pub const UNIT_COST_GROWTH: Field<Self> = Field::text(
        Info::new("drivers.unit_cost_growth", "Growth in the cost a year", Unit::Rate)
            .or_zero()
            .subject("growth in unit cost")
            .example("5")
            .width(4)
            .row(3),
        |t| &t.unit_cost_growth,
        |t| &mut t.unit_cost_growth,
    );
    /// The typed fields, as the page shows them.
    pub const TEXT_FIELDS: &'static [Field<Self>] = &[
        Self::BASE_ADJUSTMENT,
        Self::GROWTH_A_YEAR,
        Self::TRAVELLERS,
        Self::UNIT_COST,
        Self::TRAVELLER_GROWTH,
        Self::UNIT_COST_GROWTH,
    ];
}

impl Item for TransportForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::BASE_ADJUSTMENT),
        Member::Field(Self::GROWTH_A_YEAR),
        Member::Field(Self::TRAVELLERS),
        Member::Field(Self::UNIT_COST),
        Member::Field(Self::TRAVELLER_GROWTH),
        Member::Field(Self::UNIT_COST_GROWTH),
    ];
}
