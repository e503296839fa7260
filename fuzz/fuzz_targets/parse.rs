//! Arbitrary bytes: when they are UTF-8, splitting and comparing a dump with itself must not
//! panic, a dump that parses must equal itself, and an error must say where.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let split = sql_compare::statements(text);
    match sql_compare::diff(text, text) {
        Ok(d) => {
            assert!(split.is_ok(), "diff accepts what statements rejects");
            assert!(d.is_empty(), "a dump differs from itself:\n{d}");
        }
        Err(e) => {
            assert!(e.location().is_some(), "an error without a location: {e}");
            assert!(e.side().is_some(), "an error without a side: {e}");
            let _ = e.to_string();
        }
    }
});
