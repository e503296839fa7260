//! Arbitrary bytes: when they are UTF-8, splitting and comparing a dump with itself (under
//! options picked from the first byte) must not panic, a dump that parses must equal itself,
//! and an error must say where.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::one_panic_at_a_time();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let comparer = common::comparer(data);
    let split = sql_compare::statements(text);
    // One side at a time first, so that a panic happens on one thread only.
    let alone = comparer.diff(text, "");
    match comparer.diff(text, text) {
        Ok(d) => {
            assert!(split.is_ok(), "diff accepts what statements rejects");
            assert!(
                alone.is_ok(),
                "diff(text, \"\") fails where diff(text, text) does not"
            );
            assert!(d.is_empty(), "a dump differs from itself:\n{d}");
        }
        Err(e) => {
            assert!(
                alone.is_err(),
                "diff(text, text) fails where diff(text, \"\") does not"
            );
            assert!(e.location().is_some(), "an error without a location: {e}");
            assert!(e.side().is_some(), "an error without a side: {e}");
            let _ = e.to_string();
        }
    }
});
