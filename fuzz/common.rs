//! Shared by the fuzz targets.

use std::sync::{Mutex, Once};

use sql_compare::Comparer;

/// The library parses both sides of a comparison on two threads. When both panic at once,
/// libFuzzer's crash handler is entered twice and the process dies before the input is
/// written out; this hook lets the first panic through and parks every later one.
pub fn one_panic_at_a_time() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            static FIRST: Mutex<()> = Mutex::new(());
            // Never released: a second panicking thread waits here while the first aborts.
            std::mem::forget(FIRST.lock());
            previous(info);
        }));
    });
}

/// Options picked by the bits of the input's first byte (which stays part of the text, so
/// SQL seeds keep working): every option gets exercised.
pub fn comparer(data: &[u8]) -> Comparer {
    let bits = data.first().copied().unwrap_or(0);
    let on = |k: u8| bits & (1 << k) != 0;
    let mut c = Comparer::new()
        .strict_enum_order(on(0))
        .strict_column_order(on(1))
        .ignore_owners(on(2))
        .ignore_privileges(on(3))
        .ignore_comments(on(4))
        .compare_settings(on(5));
    if on(6) {
        c = c.exclude("t*").exclude("public.*_seq");
    }
    if on(7) {
        c = c.exclude_migration_tables();
    }
    c
}
