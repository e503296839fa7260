//! Arbitrary pairs: the input is cut in two (at the first 0xFF byte, or in the middle), both
//! halves compared both ways. No panic, and when both parse the diff is symmetric.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cut = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (a, b) = (&data[..cut], &data[(cut + 1).min(data.len())..]);
    let (Ok(a), Ok(b)) = (std::str::from_utf8(a), std::str::from_utf8(b)) else {
        return;
    };
    let ab = sql_compare::diff(a, b);
    let ba = sql_compare::diff(b, a);
    match (ab, ba) {
        (Ok(ab), Ok(ba)) => {
            assert_eq!(ab.is_empty(), ba.is_empty());
            let _ = ab.to_string();
            assert_eq!(ba, ab.mirror(), "diff(b, a) is not the mirror of diff(a, b)");
        }
        (Err(_), Err(_)) => {}
        (ab, ba) => panic!("one direction failed and not the other: {ab:?} / {ba:?}"),
    }
});
