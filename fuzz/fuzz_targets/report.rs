//! The models on valid scenarios near validation's limits: a preset with figures set to
//! edge values and arrays grown or shrunk (see `csplan_fuzz::edited_preset`), read by
//! `read_scenario_json`; whatever it accepts, `csplan_calc::report` must calculate without
//! panicking or overflowing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = csplan_fuzz::edited_preset(data) {
        csplan_fuzz::scenario_calculates(&text);
    }
});
