//! Scenario JSON as typed into a file, opened in the app or published by a council:
//! `read_scenario_json` never panics, and what it accepts calculates and round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        csplan_fuzz::scenario_text(text);
    }
});
