//! Arbitrary pairs: the input is cut in two (at the first 0xFF byte, which UTF-8 never
//! contains, else in the middle) and the halves are compared both ways, under options picked
//! from the first byte. No panic (in the comparison, the report or the migration draft); when
//! both parse, `diff(b, a)` is the mirror of `diff(a, b)`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::one_panic_at_a_time();
    let comparer = common::comparer(data);
    let cut = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (a, b) = (&data[..cut], &data[(cut + 1).min(data.len())..]);
    let (Ok(a), Ok(b)) = (std::str::from_utf8(a), std::str::from_utf8(b)) else {
        return;
    };
    let ab = comparer.diff(a, b);
    let ba = comparer.diff(b, a);
    match (ab, ba) {
        (Ok(ab), Ok(ba)) => {
            assert_eq!(ab.is_empty(), ba.is_empty());
            let _ = ab.to_string();
            // The migration draft and its online form, both ways: no panic.
            for d in [&ab, &ba] {
                let m = d.migration().allow_unsafe(true);
                let _ = m.to_string();
                let _ = m.online(true).to_string();
            }
            assert_eq!(
                ba,
                ab.mirror(),
                "diff(b, a) is not the mirror of diff(a, b)"
            );
        }
        (Err(ab), Err(ba)) => {
            // The left input's error is reported first; an error in one input only is the
            // same error seen from the other side.
            use sql_compare::Side::{Left, Right};
            let same = ab.kind() == ba.kind() && ab.location() == ba.location();
            match (ab.side(), ba.side()) {
                (Some(Right), Some(Left)) | (Some(Left), Some(Right)) => assert!(same),
                (Some(Left), Some(Left)) => {}
                sides => panic!("errors on unexpected sides {sides:?}: {ab} / {ba}"),
            }
        }
        (ab, ba) => panic!("one direction failed and not the other: {ab:?} / {ba:?}"),
    }
});
