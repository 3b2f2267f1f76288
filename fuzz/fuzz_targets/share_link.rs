//! Share links (`?s=...`): `share::decode` never panics on any text, and a link that opens
//! gives a valid scenario that calculates and whose own link opens to the same scenario.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(link) = std::str::from_utf8(data) {
        csplan_fuzz::share_link(link);
    }
});
