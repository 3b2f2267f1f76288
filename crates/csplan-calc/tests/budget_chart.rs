//! The medium-term plan as a bar chart: Hampshire SP2023's two years, pressures against
//! savings at target and expected, with the bars' geometry in exact decimals. Runs natively
//! and on wasm32.
#![allow(clippy::indexing_slicing, clippy::expect_used)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_calc::budget::plan;
use csplan_calc::chart::{nice_ceiling, Bar, Frame};
use csplan_model::presets::hampshire_2021;
use csplan_model::Decimal;

fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

#[test]
fn the_plan_as_bars_year_by_year() {
    let p = plan(hampshire_2021().budget.as_ref().expect("a budget")).expect("calculates");
    // Amber workstreams phase £5,691,000 into each year and deliver 75% of it, so £1,422,750
    // a year is at risk: £13,831,500 - £1,422,750 = £12,408,750 expected in 2022/23.
    assert_eq!(
        p.bars(),
        vec![
            ("2022/23".to_string(), vec![dec("11331500"), dec("13831500"), dec("12408750")]),
            ("2023/24".to_string(), vec![dec("11331500"), dec("8831500"), dec("7408750")]),
        ]
    );
    // On the Budget page's frame: an axis to £20m, three bars in each of two bands.
    let frame = Frame { width: 640, height: 280, left: 64, right: 12, top: 12, bottom: 36 };
    let max = nice_ceiling(dec("13831500"));
    assert_eq!(max, dec("20000000"));
    let bars: Vec<Bar> = p.bars()[0].1.iter().enumerate().map(|(s, v)| frame.bar(0, 2, s, 3, *v, max)).collect();
    // 11,331,500 / 20,000,000 of 232 units above the axis at y = 244: 131.4 high.
    assert_eq!(bars[0], Bar { x: dec("99.2"), y: dec("112.6"), width: dec("70.5"), height: dec("131.4") });
    assert_eq!(bars[1], Bar { x: dec("169.8"), y: dec("83.6"), width: dec("70.5"), height: dec("160.4") });
    assert_eq!(bars[2], Bar { x: dec("240.2"), y: dec("100.1"), width: dec("70.5"), height: dec("143.9") });
}
