//! Writes the committed seed corpus: `cargo run --example seeds` in `fuzz/`.
//!
//! - `corpus/scenario_json/`: every preset as compact JSON, and broken files (not JSON, no
//!   version, a newer version, an unknown field, a figure out of range, cut short).
//! - `corpus/share_link/`: each preset's share link, one with a changed figure, and
//!   damaged links (newer version, wrong check, cut short, unknown preset).
//! - `corpus/report/`: each preset unchanged, and a few edits towards validation's limits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fs;
use std::path::Path;

use csplan_model::presets::PRESETS;
use csplan_validation::share;

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(name), bytes).unwrap();
}

fn main() {
    for (i, p) in PRESETS.iter().enumerate() {
        let scenario = (p.build)();
        let json = serde_json::to_string(&scenario).unwrap();
        csplan_fuzz::scenario_text(&json);
        write("scenario_json", &format!("preset-{}.json", p.id), json.as_bytes());
        let link = share::encode(&scenario);
        csplan_fuzz::share_link(&link);
        write("share_link", &format!("preset-{}.txt", p.id), link.as_bytes());
        write("report", &format!("preset-{}", p.id), &[i as u8]);
    }
    let example = serde_json::to_string(&(PRESETS[0].build)()).unwrap();
    let broken: [(&str, String); 8] = [
        ("not-json.json", "scenario: yes".into()),
        ("empty-object.json", "{}".into()),
        ("no-version.json", example.replacen("\"schema\":1", "\"schemaa\":1", 1)),
        ("newer-version.json", example.replacen("\"schema\":1", "\"schema\":2", 1)),
        ("unknown-field.json", example.replacen("{", "{\"colour\":\"red\",", 1)),
        ("fractional-number.json", example.replacen("\"schema\":1", "\"schema\":1.5", 1)),
        ("negative-figure.json", example.replacen(":\"", ":\"-", 1)),
        ("cut-short.json", example[..example.len() / 2].to_string()),
    ];
    for (name, text) in broken {
        write("scenario_json", name, text.as_bytes());
    }

    // A changed figure: the example at £45,000 a post.
    let mut scenario = (PRESETS[0].build)();
    scenario.cost_per_fte = csplan_model::Money::pounds(45_000);
    let link = share::encode(&scenario);
    write("share_link", "changed-figure.txt", link.as_bytes());
    let first = share::encode(&(PRESETS[1].build)());
    let damaged: [(&str, String); 5] = [
        ("newer-version.txt", first.replacen("1.", "2.", 1)),
        ("wrong-check.txt", {
            let parts: Vec<&str> = link.splitn(4, '.').collect();
            format!("{}.{}.00000000.{}", parts[0], parts[1], parts[3])
        }),
        ("cut-short.txt", link[..link.len() - 3].to_string()),
        ("unknown-preset.txt", first.replacen("barnsley-2017", "nowhere-2017", 1)),
        ("patch-not-json.txt", share::encode_patch("example", "{\"teams\":[")),
    ];
    for (name, text) in damaged {
        write("share_link", name, text.as_bytes());
    }

    // Edits: [op, index high, index low, value]; see `csplan_fuzz::edited_preset`.
    let edits: [(&str, &[u8]); 4] = [
        ("example-at-caps", &[0, 0, 0, 0, 10, 0, 0, 1, 13, 0, 0, 2, 10]),
        ("barnsley-tiny", &[1, 0, 0, 0, 1, 0, 0, 3, 15]),
        ("west-sussex-more-roles", &[3, 1, 0, 0, 1, 1, 0, 1, 1]),
        ("hampshire-2021-big", &[5, 0, 0, 9, 13, 0, 0, 20, 12, 1, 0, 2, 1]),
    ];
    for (name, bytes) in edits {
        write("report", name, bytes);
        // Where the edits give a valid scenario, its share link is a seed too (a real patch).
        let text = csplan_fuzz::edited_preset(bytes).unwrap();
        if let Ok((scenario, _)) = csplan_validation::load::read_scenario_json(&text) {
            write("share_link", &format!("{name}.txt"), share::encode(&scenario).as_bytes());
        }
    }
    println!("wrote corpus/scenario_json, corpus/share_link and corpus/report");
}
