//! Children in care from SSDA903 records (synthetic files made here, with known answers):
//! reading and cleaning, each change reported by file and row, and every bad file named
//! with its row and column.

use csplan_data::ssda903::{read, Records};
use csplan_model::day::Day;

fn day(text: &str) -> Day {
    Day::parse(text).unwrap_or_else(|| unreachable!("{text} is a date"))
}

const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

fn file(name: &str, head: &str, rows: &[&str]) -> (String, String) {
    let mut text = format!("{head}\r\n");
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    (name.to_string(), text)
}

fn read_ok(files: &[(String, String)]) -> Records {
    read(files, &[]).unwrap_or_else(|e| unreachable!("{e:?}"))
}

#[test]
fn two_years_merge_with_every_change_reported_by_file_and_row() {
    let files = [
        file("2021/header.csv", HEADER, &["C1,1,15/06/2010,WBRI,,,", "C2,2,01/01/2005,WBRI,,,"]),
        file(
            "2021/episodes.csv",
            EPISODES,
            &[
                // C1's first episode, open at the year end (row 2); then the same row again.
                "C1,01/02/2021,S,C2,N1,U1,PR1,,,,,,",
                "C1,01/02/2021,S,C2,N1,U1,PR1,,,,,,",
                // C2: runs past the start of the next one.
                "C2,01/04/2020,S,C2,N1,K2,PR4,30/09/2020,X1,,,,",
                "C2,01/09/2020,P,C2,N1,U4,PR1,,,,,,",
                // C3 has no header row.
                "C3,01/01/2021,S,C2,N1,U1,PR1,,,,,,",
            ],
        ),
        file("2022/header.csv", HEADER, &["C1,1,16/06/2010,WBRI,,,", "C2,2,01/01/2005,WBRI,,,"]),
        file(
            "2022/episodes.csv",
            EPISODES,
            &[
                // The same episode as 2021's row 2, now closed.
                "C1,01/02/2021,S,C2,N1,U1,PR1,10/10/2021,E11,,,,",
                "C2,01/09/2020,P,C2,N1,U4,PR1,,,,,,",
            ],
        ),
        ("2022/uasc.csv".to_string(), "CHILD,SEX,DOB,DUC\r\n".to_string()),
    ];
    let r = read_ok(&files);
    let said: Vec<String> = r.changes.iter().map(|c| format!("{}: {}", c.at, c.what)).collect();
    let has = |start: &str| said.iter().any(|s| s.starts_with(start));
    assert!(
        has("2021/header.csv, row 2: date of birth 2010-06-15 replaced by 2010-06-16 from 2022/header.csv, row 2"),
        "{said:#?}"
    );
    assert!(has("2021/episodes.csv, row 3: dropped: the same episode as 2021/episodes.csv, row 2"), "{said:#?}");
    assert!(has("2021/episodes.csv, row 2: replaced by 2022/episodes.csv, row 2"), "{said:#?}");
    assert!(
        has("2021/episodes.csv, row 4: ending 2020-09-30; now ends 2020-09-01 where the next episode"),
        "{said:#?}"
    );
    assert!(has("2021/episodes.csv, row 6: dropped: no header row gives child C3's date of birth"), "{said:#?}");
    // C2's second episode is in both years' files as the same open row: one is kept.
    assert!(has("2022/episodes.csv, row 3: dropped: the same episode as 2021/episodes.csv, row 5"), "{said:#?}");
    assert_eq!(r.episodes.len(), 3, "{:#?}", r.episodes);
    let c1 = r.episodes.iter().find(|e| e.child == "C1").unwrap_or_else(|| unreachable!());
    assert_eq!(c1.end, Some(day("10/10/2021")), "the later file's end date");
    assert!(
        r.episodes.iter().any(|e| e.child == "C2" && e.place == "U4" && e.end.is_none()),
        "open episodes stay open"
    );
    assert_eq!(r.children.get("C1").map(|c| c.born), Some(day("16/06/2010")), "the latest file's date of birth");
    assert!(!r.children.contains_key("C3"));
    assert_eq!(r.ignored, ["2022/uasc.csv"]);
}

#[test]
fn a_malformed_date_or_an_unknown_place_is_named_with_its_file_row_and_column() {
    let files = [
        file("header.csv", HEADER, &["C1,1,15/06/2010,,,,", "C2,2,31/02/2009,,,,"]),
        file(
            "episodes.csv",
            EPISODES,
            &[
                "C1,01/02/2021,S,C2,N1,Q9,PR1,,,,,,",
                "C1,2021-13-01,S,C2,N1,U1,PR1,,,,,,",
                "C1,01/02/2021,S,C2,N1,U1,PR1,01/01/2021,E11,,,,",
            ],
        ),
        file("broken.csv", "CHILD,DECOM,PLACE", &["C1,01/02/2021,U1"]),
    ];
    let errors = read(&files, &[]).err().unwrap_or_default();
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let has = |text: &str| said.iter().any(|s| s.contains(text));
    assert!(has("header.csv, row 3, column DOB: \u{201c}31/02/2009\u{201d} is not a date"), "{said:#?}");
    assert!(has("episodes.csv, row 2, column PLACE: \u{201c}Q9\u{201d} is not a PLACE code"), "{said:#?}");
    assert!(has("episodes.csv, row 3, column DECOM: \u{201c}2021-13-01\u{201d} is not a date"), "{said:#?}");
    assert!(has("episodes.csv, row 4, column DEC: the episode ends before it starts"), "{said:#?}");
    assert!(has("broken.csv, row 1, column RNE: there is no RNE column"), "{said:#?}");
    // A council's own category can add a code.
    let fixed = [
        file("header.csv", HEADER, &["C1,1,15/06/2010,,,,"]),
        file("episodes.csv", EPISODES, &["C1,01/02/2021,S,C2,N1,Q9,PR1,,,,,,"]),
    ];
    assert!(read(&fixed, &["Q9".to_string()]).is_ok());
    // Nothing panics on a hostile file.
    for text in ["", "\u{feff}", "\"", "CHILD,DECOM\n\"unterminated", &"x,".repeat(100_000), "CHILD,DOB\n,\n"] {
        let _ = read(&[("x.csv".to_string(), text.to_string())], &[]);
    }
}

mod projection {
    use csplan_calc::care::{fit, history, population, project};
    use csplan_model::care::{CareCategory, CareSetup, Step};
    use csplan_model::Decimal;

    use super::*;

    fn one_band() -> CareSetup {
        CareSetup {
            categories: vec![CareCategory { id: "all".into(), name: "All".into(), places: Vec::new() }],
            bands: vec![0, 18],
        }
    }

    /// Files for `children`: (id, DOB, [(DECOM, PLACE, DEC)]).
    /// A child: id, DOB, and each episode's DECOM, PLACE and DEC.
    type Made = (String, &'static str, Vec<(String, &'static str, Option<String>)>);

    fn files(children: &[Made]) -> Vec<(String, String)> {
        let heads: Vec<String> = children.iter().map(|(id, dob, _)| format!("{id},1,{dob},,,,")).collect();
        let mut eps = Vec::new();
        for (id, _, list) in children {
            for (start, place, end) in list {
                eps.push(format!("{id},{start},S,C2,N1,{place},PR1,{},E11,,,,", end.clone().unwrap_or_default()));
            }
        }
        let h: Vec<&str> = heads.iter().map(String::as_str).collect();
        let e: Vec<&str> = eps.iter().map(String::as_str).collect();
        vec![file("header.csv", HEADER, &h), file("episodes.csv", EPISODES, &e)]
    }

    #[test]
    fn a_child_moves_band_on_their_sixteenth_birthday_and_leaves_on_a_recorded_end() {
        let setup = CareSetup::default();
        let records = read_ok(&files(&[
            ("A".into(), "28/03/2006", vec![("01/01/2020".into(), "U1", None)]),
            ("B".into(), "01/01/2012", vec![("01/01/2021".into(), "U1", Some("10/05/2022".into()))]),
        ]));
        let band = |grid: &Vec<Vec<u64>>| grid.iter().position(|r| r.iter().sum::<u64>() > 0);
        let a_only = read_ok(&files(&[("A".into(), "28/03/2006", vec![("01/01/2020".into(), "U1", None)])]));
        assert_eq!(band(&population(&a_only, &setup, day("27/03/2022"))), Some(3), "15 years 364 days: 10-16");
        assert_eq!(band(&population(&a_only, &setup, day("28/03/2022"))), Some(4), "16 on the day: 16-18");
        // A window with no entrant, exit or move in it (B came on 1 January 2021).
        let rates = fit(&records, &setup, day("01/02/2021"), day("31/12/2021")).unwrap_or_else(|e| unreachable!("{e}"));
        let at = |start: &str| {
            let p =
                project(&records, &setup, &rates, day(start), 1, Step::Daily).unwrap_or_else(|e| unreachable!("{e}"));
            p.months[1].clone()
        };
        // No exits or moves were seen, so each child stays unless they age or their end comes.
        let m = at("27/02/2022"); // month 1 is 27 March: A still 15
        assert_eq!(m.children[3][0], Decimal::from(2), "{m:?}");
        let m = at("28/02/2022"); // month 1 is 28 March: A 16 that day
        assert_eq!((m.children[3][0], m.children[4][0]), (Decimal::ONE, Decimal::ONE), "{m:?}");
        let m = at("09/04/2022"); // 9 May: B still in care
        assert_eq!(m.total, Decimal::from(2));
        let m = at("10/04/2022"); // 10 May: B's recorded end
        assert_eq!(m.total, Decimal::ONE);
        assert_eq!(m.exits, Decimal::ONE);
    }

    /// A pseudo-random authority: `n` children over ten years, each with one to four
    /// episodes (a deterministic generator, so a failure can be run again).
    fn authority(n: usize) -> Vec<Made> {
        const PLACES: [&str; 8] = ["U1", "U3", "U4", "K2", "R1", "P2", "H5", "P1"];
        const DOBS: [&str; 6] = ["03/05/2004", "17/11/2006", "29/02/2008", "12/07/2011", "30/09/2014", "05/01/2018"];
        let mut seed: u64 = 42;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % m
        };
        let first = day("01/04/2012");
        (0..n)
            .map(|i| {
                let dob = DOBS.get(usize::try_from(next(6)).unwrap_or(0)).copied().unwrap_or("03/05/2004");
                let born = day(dob);
                let mut start = first.plus(i32::try_from(next(3_650)).unwrap_or(0)).max(born.plus(30));
                let mut list = Vec::new();
                for _ in 0..=next(3) {
                    let place = PLACES.get(usize::try_from(next(8)).unwrap_or(0)).copied().unwrap_or("U1");
                    let length = 30 + i32::try_from(next(900)).unwrap_or(0);
                    let end = start.plus(length);
                    let open = end > day("31/03/2022");
                    let ymd = |d: Day| {
                        let (y, m, dd) = d.ymd();
                        format!("{dd:02}/{m:02}/{y}")
                    };
                    list.push((ymd(start), place, (!open).then(|| ymd(end))));
                    if open {
                        break;
                    }
                    start = end;
                }
                (format!("C{i}"), dob, list)
            })
            .collect()
    }

    #[test]
    fn counts_are_never_negative_and_start_plus_entrants_less_exits_is_the_end() {
        let setup = CareSetup::default();
        let records = read_ok(&files(&authority(3_000)));
        assert!(!history(&records, &setup).is_empty());
        let rates = fit(&records, &setup, day("01/10/2021"), day("31/03/2022")).unwrap_or_else(|e| unreachable!("{e}"));
        let p = project(&records, &setup, &rates, day("31/03/2022"), 24, Step::Daily)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.months.len(), 25);
        let tolerance = Decimal::new(1, 2);
        for w in p.months.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let gap = (a.total + b.entrants - b.exits - b.total).abs();
            assert!(gap <= tolerance, "month {}: {} + {} - {} != {}", b.month, a.total, b.entrants, b.exits, b.total);
        }
        for m in &p.months {
            for (row, (low, high)) in m.children.iter().zip(m.low.iter().zip(&m.high)) {
                for ((x, l), h) in row.iter().zip(low).zip(high) {
                    assert!(
                        *x >= Decimal::ZERO && *l >= Decimal::ZERO && l <= x && x <= h,
                        "month {}: {l} {x} {h}",
                        m.month
                    );
                }
            }
            assert!(m.total_low <= m.total && m.total <= m.total_high);
        }
        // Month 0 is the records' own count that day.
        let now: u64 = population(&records, &setup, day("31/03/2022")).iter().flatten().sum();
        assert_eq!(p.months[0].total, Decimal::from(now));
    }

    #[test]
    fn a_history_at_a_steady_state_projects_steady() {
        // 200 children in care throughout; over the year 40 leave and 40 new ones come, at
        // even spacing: in and out balance, so the projection should hold at about 200.
        let mut children = Vec::new();
        for i in 0..200 {
            let leaves = if i < 40 { Some(day("01/04/2021").plus(9 * i + 4)) } else { None };
            let fmt = |d: Day| {
                let (y, m, dd) = d.ymd();
                format!("{dd:02}/{m:02}/{y}")
            };
            children.push((format!("S{i}"), "01/06/2014", vec![("01/01/2020".to_string(), "U1", leaves.map(fmt))]));
        }
        for i in 0..40 {
            let fmt = |d: Day| {
                let (y, m, dd) = d.ymd();
                format!("{dd:02}/{m:02}/{y}")
            };
            children.push((format!("N{i}"), "01/06/2014", vec![(fmt(day("01/04/2021").plus(9 * i + 4)), "U1", None)]));
        }
        let records = read_ok(&files(&children));
        let setup = one_band();
        let rates = fit(&records, &setup, day("01/04/2021"), day("31/03/2022")).unwrap_or_else(|e| unreachable!("{e}"));
        let p = project(&records, &setup, &rates, day("31/03/2022"), 24, Step::Daily)
            .unwrap_or_else(|e| unreachable!("{e}"));
        let (start, end) = (p.months[0].total, p.months[24].total);
        assert_eq!(start, Decimal::from(200));
        let drift = (end - start).abs() / start;
        assert!(drift < Decimal::new(3, 2), "200 -> {end} ({drift})");
    }
}

mod adjusted_and_monthly {
    use csplan_calc::care::{fit, project, AdjustProblem, Rates};
    use csplan_model::care::{AdjustBy, AdjustedRate, CareSetup, RateAdjustment, Step};
    use csplan_model::Decimal;
    use csplan_validation::care::{read_adjustments, AdjustmentText};

    use super::*;

    fn authority() -> (Records, Rates) {
        let mut eps = Vec::new();
        let mut heads = Vec::new();
        // 120 children in four categories and two bands, some leaving and some moving in
        // the window, some starting in it.
        for i in 0..120u32 {
            let dob = if i % 2 == 0 { "01/06/2008" } else { "01/06/2014" };
            heads.push(format!("C{i},1,{dob},,,,"));
            let place = ["U1", "K2", "P2", "A3"].get(usize::try_from(i % 4).unwrap_or(0)).copied().unwrap_or("U1");
            let start = if i % 5 == 0 { format!("{:02}/11/2021", 1 + i % 28) } else { "01/01/2020".to_string() };
            let end = (i % 7 == 0).then(|| format!("{:02}/02/2022", 1 + i % 27));
            if i % 11 == 0 {
                eps.push(format!("C{i},{start},S,C2,N1,{place},PR1,15/12/2021,E11,,,,"));
                eps.push(format!("C{i},15/12/2021,P,C2,N1,U4,PR4,,,,,,"));
            } else {
                eps.push(format!("C{i},{start},S,C2,N1,{place},PR1,{},E11,,,,", end.unwrap_or_default()));
            }
        }
        let h: Vec<&str> = heads.iter().map(String::as_str).collect();
        let e: Vec<&str> = eps.iter().map(String::as_str).collect();
        let records = read_ok(&[file("header.csv", HEADER, &h), file("episodes.csv", EPISODES, &e)]);
        let rates = fit(&records, &CareSetup::default(), day("01/10/2021"), day("31/03/2022"))
            .unwrap_or_else(|e| unreachable!("{e}"));
        (records, rates)
    }

    fn adjust(
        rate: AdjustedRate,
        band: Option<usize>,
        category: Option<usize>,
        by: AdjustBy,
        value: i64,
    ) -> RateAdjustment {
        RateAdjustment { rate, band, category, by, value: Decimal::from(value) }
    }

    #[test]
    fn adjustments_multiply_or_add_for_a_band_and_category_and_are_refused_past_0_or_1() {
        let (_, rates) = authority();
        let setup = CareSetup::default();
        // Nothing changed by x1 and +0.
        let same = rates
            .adjust(&[
                adjust(AdjustedRate::Exits, None, None, AdjustBy::Multiply, 1),
                adjust(AdjustedRate::Entrants, None, None, AdjustBy::Add, 0),
            ])
            .unwrap_or_else(|e| unreachable!("{e:?}"));
        for b in 0..5 {
            for c in 0..4 {
                assert_eq!(same.exit_rate(b, c), rates.exit_rate(b, c));
                assert_eq!(same.entrants_per_day(b, c), rates.entrants_per_day(b, c));
            }
        }
        // Exits doubled for 10-16 fostering only.
        let twice = rates
            .adjust(&[adjust(AdjustedRate::Exits, Some(3), Some(0), AdjustBy::Multiply, 2)])
            .unwrap_or_else(|e| unreachable!("{e:?}"));
        assert!(rates.exit_rate(3, 0) > Decimal::ZERO, "the authority has 10-16 foster exits");
        assert_eq!(twice.exit_rate(3, 0), (rates.exit_rate(3, 0) * Decimal::TWO).round_dp(12));
        assert_eq!(twice.exit_rate(4, 0), rates.exit_rate(4, 0));
        assert_eq!(twice.exit_rate(3, 1), rates.exit_rate(3, 1));
        // 365 more entrants a year into residential: one more a day, shared among the
        // bands as the fitted residential entrants are.
        let more = rates
            .adjust(&[adjust(AdjustedRate::Entrants, None, Some(1), AdjustBy::Add, 365)])
            .unwrap_or_else(|e| unreachable!("{e:?}"));
        let added: Decimal = (0..5).map(|b| more.entrants_per_day(b, 1) - rates.entrants_per_day(b, 1)).sum();
        assert!((added - Decimal::ONE).abs() < Decimal::new(1, 12), "{added}");
        assert_eq!(more.entrants_per_day(3, 0), rates.entrants_per_day(3, 0), "fostering unchanged");
        // Taking away more exits than there are: below 0, refused, naming the group.
        let err = rates
            .adjust(&[
                adjust(AdjustedRate::Exits, None, None, AdjustBy::Multiply, 1),
                adjust(AdjustedRate::Exits, Some(3), Some(0), AdjustBy::Add, -100),
            ])
            .err()
            .unwrap_or_else(|| unreachable!("refused"));
        assert_eq!((err.index, err.what), (1, AdjustProblem::Negative { band: 3, category: 0 }));
        assert_eq!(err.message(&setup), "Adjustment 2 takes a rate for Fostering, 10-16 below 0: take away less");
        // Leaving more than certain: the chances out sum past 1 a day.
        let err = rates
            .adjust(&[adjust(AdjustedRate::Moves, Some(0), Some(2), AdjustBy::Add, 800)])
            .err()
            .unwrap_or_else(|| unreachable!("refused"));
        assert_eq!(err.what, AdjustProblem::OverOne { band: 0, category: 2 });
        assert!(rates.adjust(&[adjust(AdjustedRate::Moves, Some(9), None, AdjustBy::Add, 1)]).is_err());
        // Moves added: one chance a year for each child, shared among the three categories
        // they could move to.
        let moved = rates
            .adjust(&[adjust(AdjustedRate::Moves, Some(3), Some(0), AdjustBy::Add, 3)])
            .unwrap_or_else(|e| unreachable!("{e:?}"));
        let gained: Decimal = (1..4).map(|k| moved.move_rate(3, 0, k) - rates.move_rate(3, 0, k)).sum();
        assert!((gained - Decimal::from(3) / Decimal::from(365)).abs() < Decimal::new(1, 11), "{gained}");
    }

    #[test]
    fn adjustments_as_typed_name_each_field_and_how_to_put_it_right() {
        let setup = CareSetup::default();
        let ok = read_adjustments(
            &[
                AdjustmentText::from_flag("exits:16-18:fostering:x1.5"),
                AdjustmentText::from_flag("entrants:all:Residential:+12"),
                AdjustmentText::from_flag("moves::supported:-0.5"),
            ],
            &setup,
        )
        .unwrap_or_else(|e| unreachable!("{e:?}"));
        assert_eq!(
            ok.first().map(|a| (a.rate, a.band, a.category, a.by)),
            Some((AdjustedRate::Exits, Some(4), Some(0), AdjustBy::Multiply))
        );
        assert_eq!(ok.get(1).map(|a| (a.band, a.category, a.value)), Some((None, Some(1), Decimal::from(12))));
        assert_eq!(ok.get(2).map(|a| (a.by, a.value)), Some((AdjustBy::Add, Decimal::new(-5, 1))));
        // Values past the caps are refused with a message, never carried into the sums.
        let huge = read_adjustments(
            &[
                AdjustmentText::from_flag("entrants:all:all:x40000000000000000000000000000"),
                AdjustmentText::from_flag("entrants:all:all:+2000000"),
            ],
            &setup,
        )
        .err()
        .unwrap_or_default();
        let said: Vec<&str> = huge.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            said,
            [
                "Adjustment 1's multiplier must be at most 1000",
                "Adjustment 2 may add or take away at most 100000 a year"
            ]
        );
        let problems = read_adjustments(
            &[AdjustmentText::from_flag("leavers:17-18:kinship:x-2"), AdjustmentText::from_flag("exits:all:all:")],
            &setup,
        )
        .err()
        .unwrap_or_default();
        let said: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
        assert_eq!(
            said,
            [
                ("care.adjustments[0].rate", "Choose which rate adjustment 1 changes: entrants, exits or moves"),
                (
                    "care.adjustments[0].band",
                    "Adjustment 1's age band must be one of 0-1, 1-5, 5-10, 10-16, 16-18, or all"
                ),
                (
                    "care.adjustments[0].category",
                    "Adjustment 1's category (\u{201c}kinship\u{201d}) is not one of fostering, residential, supported, other, or all: choose another"
                ),
                (
                    "care.adjustments[0].value",
                    "Adjustment 1's multiplier cannot be negative: 0 stops the rate, 1 leaves it"
                ),
                (
                    "care.adjustments[1].by",
                    "Choose whether adjustment 2 multiplies the rate or adds to it (x1.5 or +12 on the command line)"
                ),
                ("care.adjustments[1].value", "Enter adjustment 2's value, like 1.5"),
            ]
        );
    }

    #[test]
    fn no_exits_keeps_every_child_and_monthly_steps_keep_the_balance() {
        let (records, rates) = authority();
        let setup = CareSetup::default();
        let start = day("31/03/2022");
        // With exits and moves stopped, only ageing out at 18 takes a child away: the
        // children in care that day are all still there a year on (none is 17).
        let stopped = rates
            .adjust(&[
                adjust(AdjustedRate::Exits, None, None, AdjustBy::Multiply, 0),
                adjust(AdjustedRate::Entrants, None, None, AdjustBy::Multiply, 0),
            ])
            .unwrap_or_else(|e| unreachable!("{e:?}"));
        for step in [Step::Daily, Step::Monthly] {
            let p = project(&records, &setup, &stopped, start, 12, step).unwrap_or_else(|e| unreachable!("{e}"));
            let (first, last) = (&p.months[0], &p.months[12]);
            assert_eq!(first.total, last.total, "{step:?}");
        }
        // Monthly steps: never negative, and start + entrants - exits = end each month;
        // near the daily projection.
        let daily = project(&records, &setup, &rates, start, 24, Step::Daily).unwrap_or_else(|e| unreachable!("{e}"));
        let monthly =
            project(&records, &setup, &rates, start, 24, Step::Monthly).unwrap_or_else(|e| unreachable!("{e}"));
        for w in monthly.months.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!((a.total + b.entrants - b.exits - b.total).abs() <= Decimal::new(1, 2), "month {}", b.month);
            assert!(b.children.iter().flatten().all(|x| *x >= Decimal::ZERO));
        }
        let (d, m) = (daily.months[24].total, monthly.months[24].total);
        assert!(d > Decimal::ZERO && ((d - m) / d).abs() < Decimal::new(5, 2), "daily {d}, monthly {m}");
    }

    #[test]
    fn a_child_whose_end_is_recorded_after_the_start_stays_until_it_and_no_exit_rate_takes_them_first() {
        // A backtest from 1 January 2022: K's end, 20 February, is in the records; J's is
        // not. With 36 exits a year added for every child (about 1 in 10 a day), J has
        // almost surely left by 1 February, and K is still there for certain.
        let records = read_ok(&[
            file("header.csv", HEADER, &["K,1,01/06/2012,,,,", "J,1,01/06/2012,,,,"]),
            file(
                "episodes.csv",
                EPISODES,
                &["K,01/01/2020,S,C2,N1,U1,PR1,20/02/2022,E11,,,,", "J,01/01/2020,S,C2,N1,U1,PR1,,,,,,"],
            ),
        ]);
        let setup = CareSetup::default();
        let rates = fit(&records, &setup, day("01/10/2021"), day("31/12/2021"))
            .map(|r| r.adjust(&[adjust(AdjustedRate::Exits, None, None, AdjustBy::Add, 36)]).ok())
            .ok()
            .flatten()
            .unwrap_or_else(|| unreachable!("fits and adjusts"));
        let p = project(&records, &setup, &rates, day("01/01/2022"), 2, Step::Daily)
            .unwrap_or_else(|e| unreachable!("{e}"));
        let feb = p.months[1].total;
        assert!(feb >= Decimal::ONE && feb < Decimal::new(11, 1), "K for certain, J almost surely gone: {feb}");
        assert!(p.months[2].total < Decimal::new(1, 2), "K left on 20 February: {:?}", p.months[2]);
        let monthly = project(&records, &setup, &rates, day("01/01/2022"), 2, Step::Monthly)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(monthly.months[1].total >= Decimal::ONE, "{:?}", monthly.months[1]);
    }
}

mod command_line {
    use csplan_tests::csplan;

    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("csplan-care-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("2021")).unwrap_or_else(|e| unreachable!("{e}"));
        dir
    }

    #[test]
    fn csplan_care_reads_a_folder_and_prints_a_table_json_and_long_csv() {
        let dir = scratch("folder");
        let write = |(name, text): (String, String)| {
            std::fs::write(dir.join("2021").join(name), text).unwrap_or_else(|e| unreachable!("{e}"));
        };
        write(file("header.csv", HEADER, &["C1,1,15/06/2010,,,,", "C2,2,01/01/2005,,,,"]));
        write(file(
            "episodes.csv",
            EPISODES,
            &["C1,01/02/2021,S,C2,N1,U1,PR1,,,,,,", "C2,01/04/2020,S,C2,N1,K2,PR4,30/09/2021,E11,,,,"],
        ));
        write((
            "reviews.csv".to_string(),
            "CHILD,DOB,REVIEW,REVIEW_CODE\r\nC1,15/06/2010,01/03/2021,PN1\r\n".to_string(),
        ));
        let folder = dir.to_str().unwrap_or_default();
        let args = |format: &'static str| {
            vec![
                "care",
                folder,
                "--reference-start",
                "2021-04-01",
                "--reference-end",
                "31/03/2022",
                "--months",
                "12",
                "--format",
                format,
            ]
        };
        let table = csplan(&args("table"));
        assert_eq!(table.code, 0, "{}", table.err);
        assert!(table.out.starts_with("Children in care projected by category"), "{}", table.out);
        assert!(
            table.out.contains("1 file not read: empty, or not the header or episodes table (reviews)"),
            "{}",
            table.out
        );
        let csv = csplan(&args("csv"));
        assert_eq!(csv.code, 0, "{}", csv.err);
        let mut lines = csv.out.lines();
        assert_eq!(lines.next(), Some("month,date,age_band,category,children,low,high"));
        assert_eq!(lines.next(), Some("0,2022-03-31,0-1,Fostering,0,0,0"));
        assert_eq!(csv.out.lines().count(), 1 + 13 * 5 * 4, "a row a month, band and category");
        assert!(csv.out.contains("\n0,2022-03-31,10-16,Fostering,1,1,1\n"), "{}", csv.out);
        let json = csplan(&args("json"));
        let v: serde_json::Value = serde_json::from_str(&json.out).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(v["projection"]["months"][0]["total"], "1");
        assert_eq!(v["rates"]["exits"][4][1], 1, "C2 left from 16-18 residential");
    }

    #[test]
    fn csplan_care_names_a_bad_file_and_a_bad_option() {
        let dir = scratch("bad");
        let (name, text) = file("episodes.csv", EPISODES, &["C1,01/02/2021,S,C2,N1,U1,PR1,32/01/2022,E11,,,,"]);
        std::fs::write(dir.join(&name), text).unwrap_or_else(|e| unreachable!("{e}"));
        let path = dir.join(&name);
        let path = path.to_str().unwrap_or_default();
        let run = csplan(&["care", path, "--reference-start", "2021-04-01", "--reference-end", "2022-03-31"]);
        assert_eq!(run.code, 1, "{}", run.out);
        assert!(
            run.err.contains("episodes.csv, row 2, column DEC: \u{201c}32/01/2022\u{201d} is not a date"),
            "{}",
            run.err
        );
        let run = csplan(&["care", path, "--reference-start", "April 2021", "--reference-end", "2022-03-31"]);
        assert_eq!(run.code, 2, "{}", run.err);
        assert!(run.err.contains("--reference-start: \u{201c}April 2021\u{201d} is not a date"), "{}", run.err);
    }

    #[test]
    fn csplan_care_takes_adjustments_monthly_steps_costs_and_a_setup_and_names_each_wrong_flag() {
        let dir = scratch("flags");
        let write = |(name, text): (String, String)| {
            std::fs::write(dir.join("2021").join(name), text).unwrap_or_else(|e| unreachable!("{e}"));
        };
        write(file("header.csv", HEADER, &["C1,1,15/06/2010,,,,", "C2,2,01/01/2008,,,,", "C3,1,01/01/2012,,,,"]));
        write(file(
            "episodes.csv",
            EPISODES,
            &[
                "C1,01/02/2021,S,C2,N1,U1,PR1,,,,,,",
                "C2,01/04/2020,S,C2,N1,K2,PR4,30/09/2021,E11,,,,",
                "C3,01/10/2021,S,C2,N1,K2,PR4,,,,,,",
            ],
        ));
        let folder = dir.to_str().unwrap_or_default().to_string();
        let run = |extra: &[&str]| {
            let mut args =
                vec!["care", folder.as_str(), "--reference-start", "2021-04-01", "--reference-end", "2022-03-31"];
            args.extend_from_slice(extra);
            csplan(&args)
        };
        let json = |extra: &[&str]| {
            let mut all = extra.to_vec();
            all.extend_from_slice(&["--format", "json"]);
            let r = run(&all);
            assert_eq!(r.code, 0, "{}", r.err);
            serde_json::from_str::<serde_json::Value>(&r.out).unwrap_or_else(|e| unreachable!("{e}"))
        };
        let end =
            |v: &serde_json::Value| v["projection"]["months"][24]["total"].as_str().unwrap_or_default().to_string();
        let plain = json(&[]);
        // Residential entrants stopped: fewer children at the end.
        let fewer = json(&["--adjust", "entrants:all:residential:x0"]);
        assert!(fewer["rates"]["adjusted"].is_array(), "the adjusted rates are in the JSON");
        assert_eq!(fewer["adjustments"][0]["rate"], "entrants");
        let (a, b) = (end(&plain).parse::<f64>().unwrap_or(0.0), end(&fewer).parse::<f64>().unwrap_or(0.0));
        assert!(b < a, "{a} then {b}");
        let monthly = json(&["--step", "monthly"]);
        assert_eq!(monthly["step"], "monthly");
        // Costs: a year each, weighted by who is in-house on 31 March 2022.
        let costed = run(&["--cost", "fostering:30000:", "--cost", "residential::250,000"]);
        assert_eq!(costed.code, 0, "{}", costed.err);
        assert!(costed.out.contains("2022/23"), "{}", costed.out);
        let weekly = json(&["--cost", "fostering:600:", "--cost", "residential::5000", "--weekly", "--inflation", "3"]);
        assert_eq!(weekly["costs"]["unit_cost"][1], "260000", "{}", weekly["costs"]);
        // A setup file: two categories, three bands.
        let setup = dir.join("setup.json");
        std::fs::write(
            &setup,
            r#"{"categories": [{"id": "homes", "name": "Homes", "places": ["K2"]}, {"id": "rest", "name": "Everything else", "places": []}], "bands": [0, 10, 16, 18]}"#,
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        let own = json(&["--setup", setup.to_str().unwrap_or_default()]);
        assert_eq!(own["projection"]["categories"], serde_json::json!(["Homes", "Everything else"]));
        assert_eq!(own["projection"]["bands"], serde_json::json!(["0-10", "10-16", "16-18"]));
        // Each wrong flag named, with how to put it right.
        let said = |extra: &[&str]| {
            let r = run(extra);
            assert_eq!(r.code, 2, "{extra:?}: {}", r.out);
            r.err
        };
        assert!(said(&["--adjust", "exits:16-18:fostering:x1", "--adjust", "exits:7-9:fostering:x1"])
            .contains("--adjust 2: Adjustment 2's age band must be one of 0-1, 1-5, 5-10, 10-16, 16-18, or all"));
        assert!(
            said(&["--adjust", "exits:all:all:+lots"]).contains("--adjust 1: Adjustment 1's value must be a number")
        );
        assert!(said(&["--adjust", "exits:all:residential:-400"])
            .contains("--adjust 1: Adjustment 1 takes a rate for Residential, 0-1 below 0: take away less"));
        assert!(said(&["--cost", "kinship:1:2"]).contains("--cost kinship:1:2: \u{201c}kinship\u{201d} is not a category; use one of fostering, residential, supported, other"));
        assert!(
            said(&["--cost", "fostering:-5:"]).contains("--cost: The in-house cost for Fostering cannot be negative")
        );
        assert!(
            said(&["--cost", "fostering:30000:"]).contains("--cost: Enter the external cost a year for Residential"),
            "C3 is in residential care, externally"
        );
        std::fs::write(&setup, r#"{"categories": [], "bands": [0, 18, 10]}"#).unwrap_or_else(|e| unreachable!("{e}"));
        let bad = said(&["--setup", setup.to_str().unwrap_or_default()]);
        assert!(bad.contains("--setup: Each of the age bands' bounds must be more than the one before"), "{bad}");
        assert!(bad.contains("--setup: Add at least one category of placement"), "{bad}");
        let early =
            csplan(&["care", folder.as_str(), "--reference-start", "2020-10-01", "--reference-end", "2022-03-31"]);
        assert_eq!(early.code, 2);
        assert!(
            early.err.contains(
                "--reference-start: The reference window must start on or after 2021-04-01, the first day the records cover"
            ),
            "one year's file: 2021/22 only; {}",
            early.err
        );
    }
}

mod like_d2i {
    use csplan_calc::care_like_d2i::project;
    use csplan_model::Decimal;

    use super::*;

    #[test]
    fn a_child_in_the_top_bracket_ages_out_at_one_in_5110_a_day_and_nothing_goes_negative() {
        // One fostered child who was 16 when the episode began, and no events in the window:
        // only D2I's ageing moves anyone (its bracket is the one the episode began in, and
        // "16 to 18+" runs to 30), (1 - 1/5110)^365 = 0.93105 of a child a year later.
        let files = [
            file("header.csv", HEADER, &["C1,1,01/06/2003,,,,", "C2,2,01/06/2012,,,,"]),
            file(
                "episodes.csv",
                EPISODES,
                &["C1,01/01/2020,S,C2,N1,U1,PR1,,,,,,", "C2,01/01/2020,S,C2,N1,K1,PR1,,,,,,"],
            ),
        ];
        let records = read_ok(&files);
        let p = project(&records, day("01/04/2021"), day("31/03/2022"), 12).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.categories, ["Fostering", "Residential", "Supported", "Other"]);
        let m0 = &p.months[0].children;
        assert_eq!(m0, &[Decimal::ONE, Decimal::ZERO, Decimal::ZERO, Decimal::ONE], "K1 is Other in D2I");
        let fostered = p.months[12].children[0];
        assert!((fostered - Decimal::new(93_105, 5)).abs() < Decimal::new(1, 4), "{fostered}");
        // The 9-year-old stays in care, all but the sliver that D2I's uniform ageing carries
        // through two brackets into the top one and out (ageing is spread, not on birthdays).
        let other = p.months[12].children[3];
        assert!(other < Decimal::ONE && Decimal::ONE - other < Decimal::new(1, 3), "{other}");
        assert!(p.months.iter().all(|m| m.children.iter().all(|v| *v >= Decimal::ZERO)));
    }
}

mod year_forecast {
    use csplan_calc::care::year_forecast;
    use csplan_model::care::CareSetup;
    use csplan_model::Decimal;

    use super::*;

    #[test]
    fn this_years_children_stay_to_their_recorded_end_or_the_year_end() {
        // On 1 April 2017 (Portsmouth's day): A in-house fostering with no end recorded,
        // B external residential ending 1 October 2017, C who left in March (last year).
        let files = [
            file(
                "header.csv",
                HEADER,
                &["A,1,01/01/2010,,,,", "B,2,01/01/2008,,,,", "C,1,01/01/2009,,,,", "D,1,10/10/2000,,,,"],
            ),
            file(
                "episodes.csv",
                EPISODES,
                &[
                    "A,01/06/2016,S,C2,N1,U1,PR1,,,,,,",
                    "B,01/01/2017,S,C2,N1,K2,PR4,01/10/2017,E11,,,,",
                    "C,01/01/2016,S,C2,N1,U1,PR1,15/03/2017,E11,,,,",
                    // D turns 18 on 10 October 2018: after this year, so stays all year.
                    "D,01/01/2016,S,C2,N1,P2,PR4,,,,,,",
                ],
            ),
        ];
        let records = read_ok(&files);
        let f = year_forecast(&records, &CareSetup::default(), day("01/04/2017"));
        assert_eq!((f.year.as_str(), f.from, f.to), ("2017/18", day("01/04/2017"), day("31/03/2018")));
        let line = |cat: &str, in_house: bool| {
            f.lines
                .iter()
                .find(|l| l.category == cat && l.in_house == in_house)
                .cloned()
                .unwrap_or_else(|| unreachable!("{cat}"))
        };
        let fostering = line("Fostering", true);
        assert_eq!((fostering.children_now, fostering.child_days, fostering.average_number), (1, 365, Decimal::ONE));
        // 1 April to 30 September: 183 days, 0.50 of a placement over the year.
        let residential = line("Residential", false);
        assert_eq!((residential.children_now, residential.child_days), (1, 183));
        assert_eq!(residential.average_number, Decimal::new(50, 2));
        assert_eq!(line("Supported", false).child_days, 365);
        assert_eq!(f.lines.len(), 3, "C left before the year: {:?}", f.lines);

        // Into the Cost of care page's lines: the in-house fostering line there keeps its
        // unit cost and budget and takes the number; the others are added, named and typed
        // by category and provision, with no unit cost yet.
        let (numbers, none) = f.placement_numbers(&CareSetup::default());
        assert_eq!(none.len(), 8 - 3, "every category and provision with no children this year: {none:?}");
        let mut form = csplan_validation::form::ScenarioForm::from_scenario(&csplan_model::presets::default_scenario());
        let mut placements = csplan_validation::cost_form::PlacementsForm::new_section();
        if let Some(line) = placements.lines.first_mut() {
            line.name = "fostering, In-house ".to_string();
            line.number = "7".to_string();
            line.unit_cost = "23,523".to_string();
            line.budget = "30,000".to_string();
        }
        assert_eq!(placements.take_numbers(&numbers, &none), (1, 2));
        let names: Vec<(&str, &str)> = placements.lines.iter().map(|l| (l.name.as_str(), l.number.as_str())).collect();
        assert_eq!(
            names,
            [("fostering, In-house ", "1"), ("Residential, external", "0.5"), ("Supported, external", "1")]
        );
        // A line taken another year whose category has no children this year falls to 0,
        // and taking the same numbers again changes nothing else.
        let mut again = placements.clone();
        let i = again.add_line();
        if let Some(line) = again.lines.get_mut(i) {
            line.name = "Other, external".to_string();
            line.number = "3.25".to_string();
        }
        assert_eq!(again.take_numbers(&numbers, &none), (4, 0));
        assert_eq!(again.lines.get(i).map(|l| l.number.as_str()), Some("0"));
        assert_eq!(again.take_numbers(&numbers, &none), (3, 0), "a line already at 0 is not counted");
        let kinds: Vec<_> = placements.lines.iter().map(|l| l.kind).collect();
        use csplan_model::PlacementKind as K;
        assert_eq!(kinds, [K::InHouseFoster, K::ExternalResidential, K::SupportedAccommodation]);
        // With unit costs entered, Fig 3's lines: the average number x unit cost, against the budget.
        for (line, cost) in placements.lines.iter_mut().zip(["23,523", "163,560", "52,000"]) {
            line.unit_cost = cost.to_string();
        }
        form.placements = Some(placements);
        let checked = form.check();
        let scenario = checked.scenario.unwrap_or_else(|| unreachable!("{:?}", checked.problems));
        let report = csplan_calc::placements::cost_of_care(&scenario).unwrap_or_else(|e| unreachable!("{e}"));
        let lines = report.placements.map(|p| p.lines).unwrap_or_default();
        let forecasts: Vec<String> = lines.iter().map(|l| l.forecast.display_pounds()).collect();
        assert_eq!(forecasts, ["£23,523", "£81,780", "£52,000"]);
        assert_eq!(lines.first().and_then(|l| l.deficit).map(|d| d.display_pounds()).as_deref(), Some("-£6,477"));
    }
}

#[test]
fn the_later_year_wins_whatever_order_the_files_come_in_and_empty_or_impossible_episodes_are_named() {
    let files = |reverse: bool| {
        let mut list = vec![
            file("a/header.csv", HEADER, &["C1,1,15/06/2010,,,,"]),
            file("z-2021/episodes.csv", EPISODES, &["C1,01/05/2021,S,C2,N1,U1,PR1,,,,,,"]),
            file(
                "a-2022/episodes.csv",
                EPISODES,
                &["C1,01/05/2021,S,C2,N1,U1,PR1,01/08/2022,E11,,,,", "C1,01/09/2022,S,C2,N1,U1,PR1,01/09/2022,E11,,,,"],
            ),
        ];
        if reverse {
            list.reverse();
        }
        list
    };
    for reverse in [false, true] {
        let r = read_ok(&files(reverse));
        assert_eq!(r.episodes.len(), 1, "{:?}", r.episodes);
        assert_eq!(
            r.episodes[0].end,
            Some(day("01/08/2022")),
            "the 2022 file's end, given {}",
            if reverse { "last" } else { "first" }
        );
        assert!(r.changes.iter().any(|c| c.what.starts_with("dropped: it ends the day it starts")), "{:?}", r.changes);
    }
    // An episode before the child is born, and a row after a blank line, named by the row a
    // spreadsheet shows.
    let bad = [
        file("header.csv", HEADER, &["C1,1,15/06/2010,,,,"]),
        ("episodes.csv".to_string(), format!("{EPISODES}\r\n\r\nC1,01/05/2009,S,C2,N1,U1,PR1,,,,,,\r\n")),
    ];
    let said: Vec<String> = read(&bad, &[]).err().unwrap_or_default().iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|s| s
                .starts_with("episodes.csv, row 3, column DECOM: the episode starts before the child's date of birth")),
        "{said:?}"
    );
}

/// A projection of one band, Fostering and Residential, from 31 March 2022, `months` long,
/// with `children(m)` in each category in month m (the band the same as the figures).
fn made_projection(months: u32, children: impl Fn(u32) -> [i64; 2]) -> csplan_calc::care::CareProjection {
    use csplan_model::Decimal;
    let months = (0..=months)
        .map(|m| {
            let row: Vec<Decimal> = children(m).iter().map(|v| Decimal::from(*v)).collect();
            let total: Decimal = row.iter().copied().sum();
            csplan_calc::care::CareMonth {
                month: m,
                date: if m == 0 { "2022-03-31".to_string() } else { String::new() },
                children: vec![row.clone()],
                low: vec![row.clone()],
                high: vec![row],
                total,
                total_low: total,
                total_high: total,
                entrants: Decimal::ZERO,
                exits: Decimal::ZERO,
            }
        })
        .collect();
    csplan_calc::care::CareProjection {
        bands: vec!["10-16".to_string()],
        categories: vec!["Fostering".to_string(), "Residential".to_string()],
        months,
    }
}

#[test]
fn the_projection_is_costed_by_financial_year_with_provision_weighted_and_inflation_each_year() {
    use csplan_calc::care::project_costs;
    use csplan_model::{Decimal, Money};
    // Two fostered children and one in residential care, month after month for two years.
    let p = made_projection(24, |_| [2, 1]);
    // Weekly costs typed as a council writes them; half the fostered children in-house.
    let names = p.categories.clone();
    let typed = [("461.54".to_string(), "923.08".to_string()), (String::new(), "2,307.69".to_string())];
    let costs =
        csplan_validation::care::read_costs(&typed, &names, true, "52", "10").unwrap_or_else(|e| unreachable!("{e:?}"));
    let shares = [Some(Decimal::new(5, 1)), Some(Decimal::ZERO)];
    let c = project_costs(&p, &shares, &costs).unwrap_or_else(|e| unreachable!("{e}"));
    // Fostering: £24,000.08 in-house and £48,000.16 external a year (x 52), half each:
    // £36,000.12 a placement a year.
    assert_eq!(c.unit_cost, [Money::new(Decimal::new(3_600_012, 2)), Money::new(Decimal::new(11_999_988, 2))]);
    let years: Vec<(String, u32, String)> =
        c.years.iter().map(|y| (y.year.clone(), y.months, y.total.display_pence())).collect();
    assert_eq!(
        years,
        [
            ("2022/23".to_string(), 12, "£192,000.12".to_string()),
            ("2023/24".to_string(), 12, "£211,200.13".to_string()),
        ],
        "2 x £36,000.12 + £119,999.88 a year, then 10% more (£211,200.132, to the penny)"
    );
    // A category with children needs the cost of the provision they are in.
    let typed = [("461.54".to_string(), String::new()), (String::new(), "2,307.69".to_string())];
    let costs =
        csplan_validation::care::read_costs(&typed, &names, true, "52", "0").unwrap_or_else(|e| unreachable!("{e:?}"));
    assert_eq!(
        project_costs(&p, &shares, &costs).err().as_deref(),
        Some("Enter the external cost a year for Fostering")
    );
    // Typed wrong: each named by its field, with the words typed for the category.
    let typed = [("-5".to_string(), "lots".to_string())];
    let problems = csplan_validation::care::read_costs(&typed, &names, true, "0", "-1").err().unwrap_or_default();
    let said: Vec<(String, String)> = problems.iter().map(|p| (p.path.clone(), p.message.clone())).collect();
    assert!(said.iter().any(|(p, m)| p == "care.costs[0].in_house" && m.contains("cannot be negative")), "{said:?}");
    assert!(said.iter().any(|(p, _)| p == "care.costs[0].external"), "{said:?}");
    assert!(said.iter().any(|(p, _)| p == "care.weeks"), "{said:?}");
    assert!(said.iter().any(|(p, _)| p == "care.inflation"), "{said:?}");
}

#[test]
fn an_episode_left_open_by_a_year_no_later_file_carries_is_kept_open_and_named_to_check() {
    let files = [
        file("2021/header.csv", HEADER, &["C1,1,15/06/2010,,,,", "C2,2,01/01/2008,,,,"]),
        // C1 and C2 are both open at the end of 2020/21.
        file(
            "2021/episodes.csv",
            EPISODES,
            &["C1,01/05/2020,S,C2,N1,U1,PR1,,,,,,", "C2,01/06/2020,S,C2,N1,K2,PR4,,,,,,"],
        ),
        file("2022/header.csv", HEADER, &["C2,2,01/01/2008,,,,"]),
        // 2021/22 carries C2 (as the same open row) but not C1.
        file(
            "2022/episodes.csv",
            EPISODES,
            &["C2,01/06/2020,S,C2,N1,K2,PR4,,,,,,", "C3,01/06/2021,S,C2,N1,U1,PR1,01/03/2022,E11,,,,"],
        ),
        file("2022/header-c3.csv", HEADER, &["C3,1,01/01/2012,,,,"]),
    ];
    let r = read_ok(&files);
    let end_of = |child: &str| r.episodes.iter().find(|e| e.child == child).map(|e| e.end);
    assert_eq!(end_of("C1"), Some(None), "open episodes stay open, as the issue's cleaning keeps them");
    assert_eq!(end_of("C2"), Some(None), "carried by the 2022 file: still open");
    let said: Vec<String> = r.changes.iter().map(|c| format!("{}: {}", c.at, c.what)).collect();
    assert!(
        said.contains(&"2021/episodes.csv, row 2: open at 2021-03-31, the end of the last year with a row of child C1's, and in no later year's file: kept open; check whether the child left care then".to_string()),
        "{said:#?}"
    );
    assert!(!said.iter().any(|s| s.contains("child C2's")), "C2 is carried: {said:#?}");
    assert!(r.change_counts().iter().any(|(k, n)| *k == csplan_data::ssda903::ChangeKind::NotCarried && *n == 1));
    // The records cover 1 April 2020 (the first file's year) to 31 March 2022.
    assert_eq!(r.covered(), Some((day("01/04/2020"), day("31/03/2022"))));
    // A window reaching past them is named, field by field.
    let w = csplan_validation::care::read_window("2019-10-01", "2022-06-30", "12")
        .unwrap_or_else(|e| unreachable!("{e:?}"));
    let problems = csplan_validation::care::check_window(&w, r.covered().unwrap_or_else(|| unreachable!()));
    let said: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(
        said,
        [
            ("care.from", "The reference window must start on or after 2020-04-01, the first day the records cover"),
            (
                "care.to",
                "The reference window must end on or before 2022-03-31, the end of the last year the files hold"
            ),
        ]
    );
}

#[test]
fn a_category_empty_on_the_first_day_but_expected_later_needs_a_cost() {
    use csplan_calc::care::project_costs;
    use csplan_model::Decimal;
    // Nobody in residential care on the first day, one expected from the next month.
    let p = made_projection(3, |m| [2, i64::from(m > 0)]);
    let names = p.categories.clone();
    let shares = [Some(Decimal::ONE), None];
    let cost = |typed: [(&str, &str); 2]| {
        let typed: Vec<(String, String)> = typed.iter().map(|(a, b)| ((*a).to_string(), (*b).to_string())).collect();
        let costs = csplan_validation::care::read_costs(&typed, &names, false, "52", "0")
            .unwrap_or_else(|e| unreachable!("{e:?}"));
        project_costs(&p, &shares, &costs)
    };
    assert_eq!(
        cost([("24,000", ""), ("", "")]).err().as_deref(),
        Some("Enter a cost a year for Residential, in-house or external: the projection expects children in it"),
        "not costed at £0"
    );
    let one = cost([("24,000", ""), ("", "240,000")]).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(one.unit_cost.get(1).map(|m| m.display_pence()).as_deref(), Some("£240,000.00"));
    let both = cost([("24,000", ""), ("200,000", "240,000")]).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(both.unit_cost.get(1).map(|m| m.display_pence()).as_deref(), Some("£220,000.00"), "half each");
}

#[test]
fn a_setup_as_typed_or_from_a_file_names_each_wrong_field() {
    use csplan_validation::care::{check_setup, read_setup};
    let ok = read_setup(
        "0, 5, 16, 18",
        &[("Foster care".into(), "U1 U2,U3 u4 U5 U6".into()), ("Everything else".into(), String::new())],
    )
    .unwrap_or_else(|e| unreachable!("{e:?}"));
    assert_eq!(ok.band_names(), ["0-5", "5-16", "16-18"]);
    assert_eq!(ok.category_of("U4"), Some(0));
    assert_eq!(ok.category_of("K2"), Some(1), "the last takes every other code");
    assert_eq!(ok.categories.first().map(|c| c.id.as_str()), Some("foster-care"));
    let problems = read_setup(
        "0, 5, 5, 18",
        &[("".into(), "U1".into()), ("Homes".into(), "".into()), ("Foster".into(), "U1 K/2".into())],
    )
    .err()
    .unwrap_or_default();
    let said: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(
        said,
        [
            ("care.bands", "Each of the age bands' bounds must be more than the one before"),
            ("care.categories[0].name", "Enter category 1's name"),
            (
                "care.categories[1].places",
                "Enter the PLACE codes in Homes: only the last category may be left to take every other code"
            ),
            ("care.categories[2].places", "U1 is in category 1 already: a PLACE code can be in one category only"),
            (
                "care.categories[2].places",
                "Foster's PLACE codes must be short codes like U1 or R2 (\u{201c}K/2\u{201d} is not)"
            ),
        ]
    );
    assert!(check_setup(&csplan_model::care::CareSetup::default()).is_empty());
}

#[test]
fn dfe_place_codes_are_in_order_for_the_readers_binary_search() {
    let codes = csplan_data::ssda903::PLACE_CODES;
    assert!(codes.windows(2).all(|w| w.first() < w.get(1)), "{codes:?}");
}

#[test]
fn the_date_of_birth_is_the_latest_years_whatever_order_the_folders_come_in() {
    let year = |y: &str, dob: &str, end: &str| {
        [
            file(&format!("{y}/header.csv"), HEADER, &[&format!("C1,1,{dob},,,,")]),
            file(&format!("{y}/episodes.csv"), EPISODES, &[&format!("C1,01/05/2020,S,C2,N1,U1,PR1,{end},,,,,")]),
        ]
    };
    for reverse in [false, true] {
        let mut files: Vec<(String, String)> =
            year("2021", "15/06/2010", "").into_iter().chain(year("2022", "16/06/2010", "01/08/2021")).collect();
        if reverse {
            files.reverse();
        }
        let r = read_ok(&files);
        let born = r.children.get("C1").map(|c| c.born);
        assert_eq!(born, Some(day("16/06/2010")), "2022's, given {}", if reverse { "first" } else { "last" });
        assert!(
            r.changes.iter().any(|c| c.what.contains("replaced by 2010-06-16 from 2022/header.csv")),
            "{:?}",
            r.changes
        );
    }
}

#[test]
fn the_records_pages_settings_are_kept_as_typed_and_a_broken_copy_gives_the_defaults() {
    use csplan_validation::care::{AdjustmentText, RecordsSettings};
    let mut s = RecordsSettings::default();
    assert_eq!(s.bands, "0, 1, 5, 10, 16, 18");
    assert_eq!(
        s.categories.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Fostering", "Residential", "Supported", "Other"]
    );
    // What was typed, wrong or not, comes back exactly.
    s.bands = "0, 10, 10".into();
    s.adjustments.push(AdjustmentText::from_flag("exits:16-18:fostering:x1.5"));
    if let Some(c) = s.categories.first_mut() {
        c.in_house = "45,000".into();
    }
    assert_eq!(RecordsSettings::from_text(Some(&s.to_text())), s);
    // Nothing kept, a copy edited by hand, or one from another version: the defaults, or
    // what can be read, never a panic.
    assert_eq!(RecordsSettings::from_text(None), RecordsSettings::default());
    assert_eq!(RecordsSettings::from_text(Some("{not ours")), RecordsSettings::default());
    assert_eq!(RecordsSettings::from_text(Some("")), RecordsSettings::default());
    let partial = RecordsSettings::from_text(Some("csplan records-page settings 1\nmonths\t36\nlater\tyes\nweeks"));
    assert_eq!((partial.months.as_str(), partial.bands.as_str()), ("36", "0, 1, 5, 10, 16, 18"));
    assert_eq!(partial.weeks, "", "a line cut short is read as far as it goes");
    // Tabs, line ends and backslashes typed in a field do not break the lines.
    let mut odd = RecordsSettings { bands: "0,\t1\n5 \\ 18\r".into(), ..RecordsSettings::default() };
    if let Some(c) = odd.categories.last_mut() {
        c.name = "Other\tand \\n more".into();
    }
    assert_eq!(RecordsSettings::from_text(Some(&odd.to_text())), odd);
}
