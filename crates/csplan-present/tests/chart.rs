//! Chart geometry in exact decimals: axes, lines, bars in their bands, and the medium-term
//! plan as a bar chart (Hampshire SP2023's two years, pressures against savings at target
//! and expected). Runs natively and on wasm32.
#![allow(clippy::indexing_slicing, clippy::expect_used)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_calc::budget::plan;
use csplan_model::presets::hampshire_2021;
use csplan_model::Decimal;
use csplan_present::chart::{nice_ceiling, plan_bars, Bar, Frame};

fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

#[test]
fn the_plan_as_bars_year_by_year() {
    let p = plan(hampshire_2021().budget.as_ref().expect("a budget")).expect("calculates");
    // Amber workstreams phase £5,691,000 into each year and deliver 75% of it, so £1,422,750
    // a year is at risk: £13,831,500 - £1,422,750 = £12,408,750 expected in 2022/23.
    assert_eq!(
        plan_bars(&p),
        vec![
            ("2022/23".to_string(), vec![dec("11331500"), dec("13831500"), dec("12408750")]),
            ("2023/24".to_string(), vec![dec("11331500"), dec("8831500"), dec("7408750")]),
        ]
    );
    // On the Budget page's frame: an axis to £20m, three bars in each of two bands.
    let frame = Frame { width: 640, height: 280, left: 64, right: 12, top: 12, bottom: 36 };
    let max = nice_ceiling(dec("13831500"));
    assert_eq!(max, dec("20000000"));
    let bars: Vec<Bar> = plan_bars(&p)[0].1.iter().enumerate().map(|(s, v)| frame.bar(0, 2, s, 3, *v, max)).collect();
    // 11,331,500 / 20,000,000 of 232 units above the axis at y = 244: 131.4 high.
    assert_eq!(bars[0], Bar { x: dec("99.2"), y: dec("112.6"), width: dec("70.5"), height: dec("131.4") });
    assert_eq!(bars[1], Bar { x: dec("169.8"), y: dec("83.6"), width: dec("70.5"), height: dec("160.4") });
    assert_eq!(bars[2], Bar { x: dec("240.2"), y: dec("100.1"), width: dec("70.5"), height: dec("143.9") });
}

#[test]
fn chart_geometry_is_exact() {
    assert_eq!(nice_ceiling(dec("371.09")), dec("500"));
    assert_eq!(nice_ceiling(dec("69.4")), dec("100"));
    assert_eq!(nice_ceiling(dec("0.3")), dec("0.5"));
    assert_eq!(nice_ceiling(dec("0")), dec("1"));
    let f = Frame { width: 640, height: 300, left: 56, right: 12, top: 12, bottom: 36 };
    assert_eq!(f.points(&[dec("0"), dec("250"), dec("500")], dec("500")), "56,264 342,138 628,12");
    assert_eq!(f.y(dec("900"), dec("500")), dec("12"), "values above the axis are clamped");
}

#[test]
fn bar_geometry_is_exact_and_bars_stay_in_their_band() {
    // 4 groups of 2 bars across 572 units: bands of 143, bars of 53.625 -> 53.6 each.
    let f = Frame { width: 640, height: 300, left: 56, right: 12, top: 12, bottom: 36 };
    let first = f.bar(0, 4, 0, 2, dec("250"), dec("500"));
    assert_eq!((first.x, first.y, first.width, first.height), (dec("73.9"), dec("138"), dec("53.6"), dec("126")));
    let second = f.bar(0, 4, 1, 2, dec("500"), dec("500"));
    assert_eq!((second.x, second.height), (dec("127.5"), dec("252")));
    assert_eq!(f.band_centre(3, 4), dec("556.5"));
    assert_eq!(f.bar(2, 4, 0, 2, dec("-5"), dec("500")).height, dec("0"), "no bar below the axis");
    for g in 0..4 {
        for s in 0..2 {
            let b = f.bar(g, 4, s, 2, dec("1"), dec("1"));
            assert!(
                b.x >= dec("56") + dec("143") * Decimal::from(g)
                    && b.x + b.width <= dec("56") + dec("143") * Decimal::from(g + 1)
            );
        }
    }
}

#[test]
fn horizontal_bars_run_from_the_left_margin_in_their_row() {
    // 2 rows of 2 bars in 80 units of height: bands of 40, bars 15 high.
    let f = Frame { width: 640, height: 100, left: 200, right: 40, top: 10, bottom: 10 };
    let b = f.hbar(1, 2, 1, 2, dec("50"), dec("100"));
    assert_eq!((b.x, b.y, b.width, b.height), (dec("200"), dec("70"), dec("200"), dec("15")));
    assert_eq!(f.row_centre(1, 2), dec("70"));
    assert_eq!(f.x_value(dec("100"), dec("100")), dec("600"));
    assert_eq!(f.hbar(0, 2, 0, 2, dec("-1"), dec("100")).width, dec("0"));
}
