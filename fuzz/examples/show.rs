//! Shows what a `report` fuzz input (or crash artifact) stands for: `cargo run --example
//! show -- FILE [OUT.json]` prints the preset it starts from, every figure it changed, what
//! validation says and what `csplan_calc::report` says, and writes the scenario to OUT.json.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use csplan_model::presets::PRESETS;

fn main() {
    let path = std::env::args().nth(1).expect("give a report fuzz input file");
    let data = std::fs::read(&path).unwrap();
    let text = csplan_fuzz::edited_preset(&data).expect("an empty input");
    let preset = &PRESETS[usize::from(data[0]) % PRESETS.len()];
    println!("preset {}", preset.id);
    let base = csplan_validation::json::scenario_value(&(preset.build)());
    let edited: serde_json::Value = serde_json::from_str(&text).unwrap();
    for d in csplan_validation::json::differences(&base, &edited) {
        println!("  {d:?}");
    }
    if let Some(out) = std::env::args().nth(2) {
        let pretty: serde_json::Value = serde_json::from_str(&text).unwrap();
        std::fs::write(out, serde_json::to_string_pretty(&pretty).unwrap() + "\n").unwrap();
    }
    match csplan_validation::load::read_scenario_json(&text) {
        Ok((s, warnings)) => {
            println!("valid ({} warnings); report: {:?}", warnings.len(), csplan_calc::report(&s).err());
        }
        Err(e) => println!("refused: {:?}", e.problems),
    }
}
