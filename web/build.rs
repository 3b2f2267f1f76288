//! Writes the presets' list, with the default's form text (`csplan_validation::form_text`)
//! for the app to embed: loading a preset in the browser then reads text through the field
//! tables the app already carries, instead of carrying each preset's builder and the code
//! that turns a scenario into a form. The presets themselves stay in
//! `csplan_model::presets`, where the seed figures are tested.

use std::fmt::Write as _;

// A build script fails the build by panicking, with the message given.
#[allow(clippy::expect_used)]
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut out = String::from("/// Every preset, the default first with its form text (the others are fetched) (written by `web/build.rs`).\n");
    let _ = writeln!(out, "pub const PRESET_FORMS: [PresetForm; {}] = [", csplan_model::presets::PRESETS.len());
    // Only the default is embedded: the app opens on it. The others are fetched when loaded,
    // from `presets/<id>.txt`, which `cargo xtask dist` writes with the same form text.
    for (i, p) in csplan_model::presets::PRESETS.iter().enumerate() {
        let text = if i == 0 { csplan_validation::form_text::preset(p) } else { String::new() };
        let _ = writeln!(out, "    PresetForm {{ id: {:?}, title: {:?}, text: {:?} }},", p.id, p.title, text);
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    std::fs::write(std::path::Path::new(&dir).join("presets.rs"), out).expect("OUT_DIR is writable");
    // The names of the authorities in DfE's workforce table, for the Caseloads page's
    // authority field to suggest: a list of names, not the table and its reader.
    let rows = csplan_data::workforce_rows().expect("the shipped DfE table reads");
    let names = csplan_data::authority_names(&rows);
    let mut list = String::from("/// Every authority in DfE's workforce table, by name (written by `web/build.rs`).\n");
    let _ = writeln!(list, "pub const DFE_AUTHORITIES: [&str; {}] = {names:?};", names.len());
    // The same names as the <datalist>'s options, HTML written once here rather than a view
    // for each in the download.
    let escape = |n: &str| n.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    let options: String = names.iter().map(|n| format!("<option value=\"{}\"></option>", escape(n))).collect();
    let _ = writeln!(
        list,
        "/// [`DFE_AUTHORITIES`] as `<option>` elements.\npub const DFE_AUTHORITY_OPTIONS: &str = {options:?};"
    );
    std::fs::write(std::path::Path::new(&dir).join("authorities.rs"), list).expect("OUT_DIR is writable");
}
