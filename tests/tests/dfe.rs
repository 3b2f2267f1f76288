//! DfE open data: the shipped table, DfE's own rates reproduced from DfE's own inputs,
//! and `csplan benchmark`.

use csplan_calc::{measures, MeasureInputs, Measures};
use csplan_data::{workforce_rows, Level, WorkforceRow};
use csplan_model::{Decimal, Rate};

fn rows() -> Vec<WorkforceRow> {
    workforce_rows().unwrap_or_else(|e| unreachable!("{e}"))
}

#[test]
fn the_shipped_table_has_every_row() {
    let rows = rows();
    assert_eq!(rows.len(), 1137);
    assert_eq!(rows.iter().filter(|r| r.level == Level::England).count(), 7);
    assert_eq!(rows.iter().filter(|r| r.level == Level::Region).count(), 77);
    let england_2023 = rows.iter().find(|r| r.level == Level::England && r.year == 2023);
    assert_eq!(england_2023.and_then(|r| r.vacancy_rate), csplan_model::dec::parse_text("18.9"));
}

/// Every combination of each FTE input moved by the ±0.05 its published rounding hides
/// (case counts are exact). The measures are monotone in each input, so the extremes of
/// a measure lie at these corners.
fn corners(r: &WorkforceRow) -> Vec<MeasureInputs> {
    let half = Decimal::new(5, 2);
    let fte = [r.in_post, r.vacancies, r.agency, r.agency_cover, r.leavers, r.case_holders];
    (0..64u32)
        .map(|mask| {
            let f: Vec<Option<Decimal>> = fte
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    v.map(|v| if mask & (1 << i) == 0 { v - half } else { v + half }).map(|v| v.max(Decimal::ZERO))
                })
                .collect();
            let at = |i: usize| f.get(i).copied().flatten();
            MeasureInputs {
                in_post: at(0),
                vacancies: at(1),
                agency: at(2),
                agency_cover: at(3),
                leavers: at(4),
                cases: r.cases,
                case_holders: at(5),
            }
        })
        .collect()
}

type Pick = fn(&Measures) -> Option<Decimal>;
type Published = fn(&WorkforceRow) -> Option<Decimal>;

#[test]
fn dfe_rates_are_reproduced_from_dfe_inputs_for_at_least_99_percent_of_rows() {
    let checks: [(&str, Published, Pick); 6] = [
        ("vacancy rate", |r| r.vacancy_rate, |m| m.vacancy_rate.map(Rate::value)),
        ("agency rate", |r| r.agency_rate, |m| m.agency_rate.map(Rate::value)),
        ("turnover rate", |r| r.turnover_rate, |m| m.turnover_rate.map(Rate::value)),
        ("agency cover rate", |r| r.agency_cover_rate, |m| m.agency_cover_rate.map(Rate::value)),
        (
            "vacancy agency cover rate",
            |r| r.vacancy_agency_cover_rate,
            |m| m.vacancy_agency_cover_rate.map(Rate::value),
        ),
        ("caseload", |r| r.caseload, |m| m.caseload),
    ];
    let allowance = Decimal::new(1, 1);
    let rows = rows();
    let (mut matched, mut compared, mut misses) = (0, 0, Vec::new());
    for r in &rows {
        let corners = corners(r);
        let mut row_ok = true;
        let mut any = false;
        for (name, published, pick) in checks {
            let Some(published) = published(r) else { continue };
            let values: Vec<Decimal> = corners.iter().filter_map(|c| pick(&measures(c))).collect();
            let (Some(lo), Some(hi)) = (values.iter().min(), values.iter().max()) else { continue };
            any = true;
            if published < *lo - allowance || published > *hi + allowance {
                row_ok = false;
                misses
                    .push(format!("{} {} {name}: published {published}, inputs give {lo:.2}..{hi:.2}", r.year, r.name));
            }
        }
        if any {
            compared += 1;
            matched += usize::from(row_ok);
        }
    }
    let share = matched * 1000 / compared.max(1);
    println!("DfE rows reproduced: {matched} of {compared} ({}.{}%)", share / 10, share % 10);
    for m in &misses {
        println!("  not reproduced: {m}");
    }
    assert!(compared >= 1100, "only {compared} rows had rates to compare");
    assert!(matched * 100 >= compared * 99, "{matched} of {compared} rows reproduced, below 99%");
}

fn csplan(args: &[&str]) -> (i32, String, String) {
    let run = csplan_tests::csplan(args);
    (run.code, run.out, run.err)
}

#[test]
fn benchmark_puts_the_authority_next_to_region_and_england() {
    let (code, out, err) = csplan(&["benchmark", "--la", "County Durham", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(v["code"], "E06000047");
    assert_eq!(v["year"], 2023);
    assert_eq!(v["region"], "North East");
    let vacancy = &v["measures"][0];
    assert_eq!(vacancy["key"], "vacancy_rate");
    assert_eq!(vacancy["authority"], "14");
    assert_eq!(vacancy["region"], "10.9");
    assert_eq!(vacancy["england"], "18.9");
    assert!(vacancy["rank"].as_u64().is_some_and(|r| r >= 1 && r <= vacancy["of"].as_u64().unwrap_or(0)));
    assert_eq!(vacancy["trend"].as_array().map(Vec::len), Some(7));
    assert!(v["attribution"].as_str().is_some_and(|a| a.contains("Open Government Licence v3.0")));
    // Codes work too: ONS and the old DfE code.
    assert_eq!(csplan(&["benchmark", "--la", "E06000047", "--year", "2019"]).0, 0);
    assert_eq!(csplan(&["benchmark", "--la", "840", "--year", "2017"]).0, 0);
}

#[test]
fn an_unknown_authority_exits_1_with_the_closest_names() {
    let (code, _, err) = csplan(&["benchmark", "--la", "Barnsly"]);
    assert_eq!(code, 1);
    assert!(err.contains("Closest: Barnsley"), "{err}");
    let (code, _, err) = csplan(&["benchmark", "--la", "Barnsley", "--year", "2012"]);
    assert_eq!(code, 1);
    assert!(err.contains("2017"), "{err}");
}

#[test]
fn every_authority_and_year_prefills_a_valid_scenario() {
    let rows = rows();
    let mut checked = 0;
    for r in rows.iter().filter(|r| r.level == Level::Authority) {
        let scenario = csplan_calc::benchmark::prefill_scenario(&rows, &r.code, Some(r.year))
            .unwrap_or_else(|e| unreachable!("{} {}: {e:?}", r.name, r.year));
        let errors: Vec<String> = csplan_validation::validate(&scenario)
            .into_iter()
            .filter(|p| p.is_error())
            .map(|p| p.to_string())
            .collect();
        assert_eq!(errors, Vec::<String>::new(), "{} {}", r.name, r.year);
        let report = csplan_calc::report(&scenario).unwrap_or_else(|e| unreachable!("{} {}: {e}", r.name, r.year));
        let role = report.workforce.map(|w| w.total);
        // The prefilled establishment gives back DfE's own in-post and vacancy figures.
        assert_eq!(
            role.as_ref().map(|t| t.in_post.value()),
            Some(r.in_post.unwrap_or_default()),
            "{} {}",
            r.name,
            r.year
        );
        assert_eq!(role.as_ref().map(|t| t.vacancies.value()), Some(r.vacancies.unwrap_or_default()));
        // One caseload, DfE's (cases / case-holder FTE), on Caseloads, Workforce and its
        // projection's month 0 alike.
        if let (Some(cases), Some(holders)) = (r.cases, r.case_holders.filter(|h| !h.is_zero())) {
            let dfe = cases / holders;
            let caseloads = report.teams.first().map(|t| t.result.current_caseload);
            let workforce = role.as_ref().and_then(|t| t.measures.caseload);
            let month0 = scenario
                .workforce
                .as_ref()
                .and_then(|w| csplan_calc::projection::project(&scenario.as_at, w).ok())
                .and_then(|p| p.months.first().and_then(|m| m.caseload));
            assert_eq!((caseloads, workforce, month0), (Some(dfe), Some(dfe), Some(dfe)), "{} {}", r.name, r.year);
        }
        checked += 1;
    }
    assert_eq!(checked, 1053);
}

#[test]
fn example_prefills_from_an_authority() {
    let run = csplan_tests::csplan(&["example", "--la", "West Sussex", "--year", "2019"]);
    assert_eq!(run.code, 0, "{}", run.err);
    let v: serde_json::Value = serde_json::from_str(&run.out).unwrap_or_default();
    assert_eq!(v["authority"], "West Sussex");
    assert_eq!(v["as_at"], "2019-09-30");
    assert!(v["source"].as_str().is_some_and(|s| s.contains("Open Government Licence v3.0")));
    let valid = csplan_tests::csplan_with_stdin(&["validate", "-"], &run.out);
    assert_eq!(valid.code, 0, "{}{}", valid.out, valid.err);
    assert_eq!(csplan_tests::csplan(&["example", "--la", "Nowhere shire"]).code, 1);
}

#[test]
fn looked_after_rates_per_10000_match_dfe_for_every_row() {
    use csplan_calc::demand::{rate_per_10000, rate_per_10000_published};
    let rows = csplan_data::cla_rows().unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(rows.len(), 2520);
    let (mut compared, mut matched, mut misses) = (0, 0, Vec::new());
    let five = Decimal::from(5);
    for r in &rows {
        let (Some(n), Some(p), Some(published)) = (r.number, r.population, r.rate_per_10000) else { continue };
        compared += 1;
        let ok = if r.level == Level::Authority {
            rate_per_10000_published(n, p) == Some(published)
        } else {
            // DfE rounds national and regional counts to the nearest 10.
            let lo = rate_per_10000_published(n - five, p);
            let hi = rate_per_10000_published(n + five, p);
            lo.is_some_and(|lo| lo <= published) && hi.is_some_and(|hi| published <= hi)
        };
        if ok {
            matched += 1;
        } else {
            misses.push(format!("{} {} {:?}: {published} vs {:?}", r.year, r.name, r.measure, rate_per_10000(n, p)));
        }
    }
    println!("DfE looked-after rates reproduced: {matched} of {compared}");
    assert_eq!(misses, Vec::<String>::new());
    assert_eq!(compared, 2442);
}

#[test]
fn the_authority_list_has_every_authority_once_under_its_region() {
    use csplan_data::{authorities_by_region, years_of, Level};
    let rows = rows();
    let groups = authorities_by_region(&rows);
    let listed: Vec<&str> = groups.iter().flat_map(|g| g.authorities.iter().map(|(code, _)| code.as_str())).collect();
    let mut codes: Vec<&str> = rows.iter().filter(|r| r.level == Level::Authority).map(|r| r.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(listed.len(), codes.len(), "each authority once");
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, codes);
    // England's nine regions, with London's boroughs under Inner and Outer London as DfE lists them.
    let regions: Vec<&str> = groups.iter().map(|g| g.region.as_str()).collect();
    assert_eq!(regions.len(), 10, "{regions:?}");
    assert!(regions.contains(&"Inner London") && regions.contains(&"Outer London") && !regions.contains(&"London"));
    let yh = groups.iter().find(|g| g.region == "Yorkshire and The Humber").expect("region by name");
    assert!(yh.authorities.iter().any(|(_, name)| name == "Barnsley"));
    let barnsley = &yh.authorities.iter().find(|(_, n)| n == "Barnsley").expect("listed").0;
    assert_eq!(years_of(&rows, barnsley), (2017..=2023).collect::<Vec<u16>>());
    assert_eq!(years_of(&rows, "E99999999"), Vec::<u16>::new());
    // One name, two authorities (Dorset's old and new codes): told apart by their years.
    let names: Vec<&str> = groups.iter().flat_map(|g| g.authorities.iter().map(|(_, n)| n.as_str())).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "no two entries read the same");
    let sw = groups.iter().find(|g| g.region == "South West").expect("region");
    let dorset: Vec<(&str, &str)> =
        sw.authorities.iter().filter(|(_, n)| n.starts_with("Dorset")).map(|(c, n)| (c.as_str(), n.as_str())).collect();
    assert_eq!(dorset, vec![("E10000009", "Dorset (2017 to 2018)"), ("E06000059", "Dorset (2019 to 2023)")]);
}

#[test]
fn a_scenarios_looked_after_rate_sits_beside_dfes_for_its_authority_region_and_england() {
    use csplan_calc::demand::{dfe_year, looked_after_comparison};
    use csplan_model::{Demand, DemandMeasure, DemandSeries, ProjectionMethod, Scenario};
    assert_eq!(
        (dfe_year("2023"), dfe_year("2022/23"), dfe_year("2022-23"), dfe_year("2022/24")),
        (Some(2023), Some(2023), Some(2023), None)
    );
    let series = |measure, values: [i64; 3]| DemandSeries {
        measure,
        age_band: None,
        values: values.iter().map(|v| Decimal::from(*v)).collect(),
        method: ProjectionMethod::Linear,
        cases_per_unit: Decimal::ZERO,
    };
    let s = Scenario {
        authority: "barnsley".into(),
        demand: Some(Demand {
            years: vec!["2017/18".into(), "2020/21".into(), "2022/23".into()],
            series: vec![
                series(DemandMeasure::LookedAfter, [280, 330, 400]),
                series(DemandMeasure::Population, [49_000, 49_960, 50_681]),
            ],
            projection_years: 1,
            case_holding_fte: None,
            target_caseload: None,
        }),
        ..Scenario::default()
    };
    let report = csplan_calc::demand::demand(&s).ok().flatten().unwrap_or_else(|| unreachable!("a demand section"));
    let cla = csplan_data::cla_rows().unwrap_or_else(|e| unreachable!("{e}"));
    type Row = (String, Option<Decimal>, Option<Decimal>, String, Option<Decimal>, Option<Decimal>);
    let rows: Vec<Row> = looked_after_comparison(&cla, &s, &report)
        .into_iter()
        .map(|c| (c.year, c.scenario, c.authority, c.region, c.region_rate, c.england))
        .collect();
    let d = |v: i64| Some(Decimal::from(v));
    // 2017/18 is before DfE's table; the scenario's own rates are its counts over its population.
    assert_eq!(
        rows,
        vec![
            ("2020/21".into(), d(66), d(66), "Yorkshire and The Humber".into(), d(80), d(69)),
            ("2022/23".into(), d(79), d(79), "Yorkshire and The Humber".into(), d(81), d(71)),
        ]
    );
    let elsewhere = Scenario { authority: "Example council".into(), ..s };
    assert!(looked_after_comparison(&cla, &elsewhere, &report).is_empty());
}

#[test]
fn csplan_report_puts_dfes_looked_after_rates_beside_the_scenarios() {
    use csplan_model::{Demand, DemandMeasure, DemandSeries, ProjectionMethod};
    let series = |measure, values: [i64; 2]| DemandSeries {
        measure,
        age_band: None,
        values: values.iter().map(|v| Decimal::from(*v)).collect(),
        method: ProjectionMethod::Linear,
        cases_per_unit: Decimal::ZERO,
    };
    let mut s = csplan_model::presets::default_scenario();
    s.authority = "Barnsley".into();
    s.demand = Some(Demand {
        years: vec!["2022".into(), "2023".into()],
        series: vec![
            series(DemandMeasure::LookedAfter, [348, 400]),
            series(DemandMeasure::Population, [50_093, 50_681]),
        ],
        projection_years: 1,
        case_holding_fte: None,
        target_caseload: None,
    });
    let json = serde_json::to_string(&s).unwrap_or_default();
    let run = csplan_tests::csplan_with_stdin(&["report", "-"], &json);
    assert_eq!(run.code, 0, "{}", run.err);
    let line = run.out.lines().find(|l| l.starts_with("2023 ")).unwrap_or_default().to_string();
    assert_eq!(line.split_whitespace().collect::<Vec<_>>(), vec!["2023", "79", "79", "81", "71"], "{}", run.out);
    let csv = csplan_tests::csplan_with_stdin(&["report", "-", "--format", "csv"], &json);
    assert!(csv.out.contains("demand_dfe,DfE England,2023,looked_after_per_10000,71"), "{}", csv.out);
}

#[test]
fn a_dfe_fill_ins_share_link_names_the_authority_and_is_short() {
    let rows = rows();
    let kent = csplan_calc::benchmark::prefill_scenario(&rows, "E10000016", Some(2023))
        .unwrap_or_else(|e| unreachable!("{e:?}"));
    let link = csplan_validation::share::encode(&kent);
    assert!(link.starts_with("2.kent."), "{link}");
    // 1,126 characters as a version 1 link named after West Sussex.
    assert!(link.len() < 500, "{} characters: {link}", link.len());
    assert_eq!(csplan_validation::share::decode(&link).as_ref(), Ok(&kent));
}
