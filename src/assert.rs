//! `assert_schema_eq!`: the assertion for test suites.

use std::fmt;

use crate::error::Side;
use crate::options::Comparer;
use crate::report::color_for_stderr;

/// How many report lines a failed assertion shows before cutting (about a screenful).
const MAX_LINES: usize = 60;

/// Asserts that two schema dumps describe the same schema.
///
/// `left` and `right` are dump texts (`&str`, `String`, anything `AsRef<str>`). On failure
/// it panics at the caller's line with the message, if any, and the per-object report: which
/// objects were added, removed or changed, with `-` (left) and `+` (right) lines. Only what
/// differs is shown, and a long report is cut with a count of what was left out. The report is
/// coloured when standard error is a terminal, unless `NO_COLOR` or `CI` is set.
///
/// ```
/// use sql_compare::{Comparer, assert_schema_eq};
///
/// let models = "CREATE TABLE t (id bigint, name text);";
/// let migrated = "CREATE TABLE t (name text, id bigint);\nALTER TABLE t OWNER TO app;";
///
/// // Options go through a `Comparer`:
/// assert_schema_eq!(models, migrated, options = Comparer::new().ignore_owners(true));
/// // and a message can follow, as with `assert_eq!`:
/// assert_schema_eq!(models, migrated, options = Comparer::new().ignore_owners(true), "after {} migrations", 3);
/// ```
///
/// ```should_panic
/// # use sql_compare::assert_schema_eq;
/// assert_schema_eq!("CREATE TABLE t (id integer);", "CREATE TABLE t (id bigint);", "id must not change");
/// ```
#[macro_export]
macro_rules! assert_schema_eq {
    ($left:expr, $right:expr, options = $comparer:expr $(,)?) => {
        $crate::__assert_schema_eq(
            &$comparer,
            ::core::convert::AsRef::<str>::as_ref(&$left),
            ::core::convert::AsRef::<str>::as_ref(&$right),
            ::core::option::Option::None,
        )
    };
    ($left:expr, $right:expr, options = $comparer:expr, $($arg:tt)+) => {
        $crate::__assert_schema_eq(
            &$comparer,
            ::core::convert::AsRef::<str>::as_ref(&$left),
            ::core::convert::AsRef::<str>::as_ref(&$right),
            ::core::option::Option::Some(::core::format_args!($($arg)+)),
        )
    };
    ($left:expr, $right:expr $(,)?) => {
        $crate::__assert_schema_eq(
            &$crate::Comparer::new(),
            ::core::convert::AsRef::<str>::as_ref(&$left),
            ::core::convert::AsRef::<str>::as_ref(&$right),
            ::core::option::Option::None,
        )
    };
    ($left:expr, $right:expr, $($arg:tt)+) => {
        $crate::__assert_schema_eq(
            &$crate::Comparer::new(),
            ::core::convert::AsRef::<str>::as_ref(&$left),
            ::core::convert::AsRef::<str>::as_ref(&$right),
            ::core::option::Option::Some(::core::format_args!($($arg)+)),
        )
    };
}

/// The body of [`assert_schema_eq!`]; not a stable API.
#[doc(hidden)]
#[track_caller]
pub fn __assert_schema_eq(
    comparer: &Comparer,
    left: &str,
    right: &str,
    message: Option<fmt::Arguments<'_>>,
) {
    let suffix = message.map(|m| format!(": {m}")).unwrap_or_default();
    let diff = match comparer.diff(left, right) {
        Ok(diff) => diff,
        Err(err) => {
            let side = err.side().unwrap_or(Side::Left);
            let location = err
                .location()
                .map(|l| format!(" at {l}"))
                .unwrap_or_default();
            panic!(
                "assertion failed: the {side} dump does not parse{location}: {}{suffix}",
                err.kind()
            );
        }
    };
    if diff.is_empty() {
        return;
    }
    let report = diff.report().max_lines(MAX_LINES).color(color_for_stderr());
    panic!("assertion failed: the schemas differ{suffix}\n{report}");
}
