//! `assert_schema_eq!` and `assert_schema_snapshot!`: the assertions for test suites.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::compare::Comparer;
use crate::diff::change::SchemaDiff;
use crate::error::{Error, Side};
use crate::report::color_for_stderr;

/// How many lines of the per-object report a failed assertion shows before cutting; with the
/// rest of the message, about a screenful (60 lines).
const MAX_REPORT_LINES: usize = 40;

/// How many lines of the suggested SQL a failed assertion shows.
const MAX_SQL_LINES: usize = 10;

/// The environment variable that makes [`assert_schema_snapshot!`](crate::assert_schema_snapshot)
/// write its file.
const BLESS: &str = "SQL_COMPARE_BLESS";

/// Asserts that two schema dumps describe the same schema.
///
/// `left` and `right` are dump texts (`&str`, `String`, anything `AsRef<str>`). On failure
/// it panics at the caller's line with:
///
/// - the message, if any, after `assertion failed: the schemas differ`;
/// - which side is `-` and which is `+`, named by the expressions as written
///   (`- left: models`, `+ right: pg_dump(&migrated)?`) or by `labels = ("…", "…")`;
/// - per object, what was added, removed or changed, in the words of the schema where it can
///   be told (`label 'refunded' added after 'shipped'`, `type numeric(12,2) → numeric(10,2)`)
///   and as `-`/`+` lines elsewhere (the dumps are texts, with no file for line numbers to
///   point into);
/// - the first lines of the SQL that would turn the right schema into the left one
///   ([`SchemaDiff::migration`] of the mirrored difference): the migration to write when the
///   left side is what the models say and the right side what the migrations built.
///
/// A report longer than a screenful is cut, and the whole of it is written to
/// `target/sql-compare/<test name>.txt` (under `CARGO_TARGET_DIR` when it is set), whose path
/// the message gives. The report is coloured when standard error is a terminal, unless
/// `NO_COLOR` or `CI` is set.
///
/// ```
/// use sql_compare::{Comparer, assert_schema_eq};
///
/// let models = "CREATE TABLE t (id bigint, name text);";
/// let migrated = "CREATE TABLE t (name text, id bigint);\nALTER TABLE t OWNER TO app;";
///
/// // Options go through a `Comparer`:
/// assert_schema_eq!(models, migrated, options = Comparer::new().ignore_owners(true));
/// // the sides can be named, and a message can follow, as with `assert_eq!`:
/// assert_schema_eq!(
///     models,
///     migrated,
///     labels = ("models", "migrations"),
///     options = Comparer::new().ignore_owners(true),
///     "after {} migrations",
///     3
/// );
/// ```
///
/// ```should_panic
/// # use sql_compare::assert_schema_eq;
/// // Panics with:
/// // assertion failed: the schemas differ: id must not change
/// // - left: "CREATE TABLE t (id integer);"
/// // + right: "CREATE TABLE t (id bigint);"
/// // changed table public.t
/// //   changed column public.t.id
/// //     type integer → bigint
/// // 1 object differs: 0 added, 0 removed, 1 changed
/// // SQL that would turn right into left (first lines of SchemaDiff::migration):
/// //   ALTER TABLE public.t ALTER COLUMN id TYPE integer USING id::integer;
/// assert_schema_eq!("CREATE TABLE t (id integer);", "CREATE TABLE t (id bigint);", "id must not change");
/// ```
#[macro_export]
macro_rules! assert_schema_eq {
    // Every form comes down to these two: labels and options given, and a message or none.
    ($left:expr, $right:expr, labels = ($l:expr, $r:expr), options = $comparer:expr $(,)?) => {
        $crate::__assert_schema_eq(
            &$comparer,
            ::core::convert::AsRef::<str>::as_ref(&$left),
            ::core::convert::AsRef::<str>::as_ref(&$right),
            (::core::convert::AsRef::<str>::as_ref(&$l), ::core::convert::AsRef::<str>::as_ref(&$r)),
            ::core::option::Option::None,
        )
    };
    ($left:expr, $right:expr, labels = ($l:expr, $r:expr), options = $comparer:expr, $($arg:tt)+) => {
        $crate::__assert_schema_eq(
            &$comparer,
            ::core::convert::AsRef::<str>::as_ref(&$left),
            ::core::convert::AsRef::<str>::as_ref(&$right),
            (::core::convert::AsRef::<str>::as_ref(&$l), ::core::convert::AsRef::<str>::as_ref(&$r)),
            ::core::option::Option::Some(::core::format_args!($($arg)+)),
        )
    };
    // No options: the default ones.
    ($left:expr, $right:expr, labels = ($l:expr, $r:expr) $(, $($arg:tt)*)?) => {
        $crate::assert_schema_eq!(
            $left, $right, labels = ($l, $r), options = $crate::Comparer::new() $(, $($arg)*)?
        )
    };
    // No labels: the sides are named by their expressions.
    ($left:expr, $right:expr, options = $comparer:expr $(, $($arg:tt)*)?) => {
        $crate::assert_schema_eq!(
            $left,
            $right,
            labels = (::core::stringify!($left), ::core::stringify!($right)),
            options = $comparer
            $(, $($arg)*)?
        )
    };
    ($left:expr, $right:expr $(, $($arg:tt)*)?) => {
        $crate::assert_schema_eq!($left, $right, options = $crate::Comparer::new() $(, $($arg)*)?)
    };
}

/// Asserts that a schema dump describes the same schema as a file committed with the tests
/// (a snapshot), compared as [`assert_schema_eq!`] compares: statement, column and enum label
/// order do not count.
///
/// The path is relative to the calling crate's `CARGO_MANIFEST_DIR`. Options and a message
/// are taken as by [`assert_schema_eq!`]: `assert_schema_snapshot!(dump, "db/schema.sql",
/// options = Comparer::new().ignore_owners(true), "after {n} migrations")`.
///
/// - When the file is missing, the assertion fails and says to run the tests with
///   `SQL_COMPARE_BLESS=1`.
/// - When the schemas differ, it fails with the report (`-` the file, `+` the dump), the SQL
///   that would turn the dump's schema into the file's, and the same hint.
/// - With `SQL_COMPARE_BLESS=1` in the environment, it writes the dump to the file (creating
///   its folder) when the file is missing or describes another schema, and passes. A file
///   that describes the same schema is left as it is, so that what pg_dump varies from run
///   to run (the `\restrict` key, statement order) does not rewrite it.
///
/// The habit that keeps a snapshot honest: when a change to the schema is meant,
///
/// 1. run `SQL_COMPARE_BLESS=1 cargo test`;
/// 2. look at `git diff db/schema.sql`: every line that changed is a change to the schema
///    that the pull request makes, meant or not;
/// 3. commit the file with the change that made it.
///
/// A reviewer then sees the schema change in the diff of the pull request, and CI, which runs
/// without `SQL_COMPARE_BLESS`, fails when the schema and the committed file part.
///
/// ```
/// use sql_compare::assert_schema_snapshot;
///
/// // This crate's testdata: the same schema, its statements and columns in another order.
/// let dump = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/shop-migrations.sql"))?;
/// assert_schema_snapshot!(dump, "testdata/shop-models.sql");
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// ```no_run
/// use sql_compare::{assert_schema_snapshot, pg_dump};
///
/// # fn main() -> Result<(), sql_compare::Error> {
/// let migrated = std::env::var("DATABASE_URL").unwrap();
/// // … run the migrations on it, then:
/// assert_schema_snapshot!(pg_dump(&migrated)?, "db/schema.sql");
/// # Ok(())
/// # }
/// ```
#[macro_export]
macro_rules! assert_schema_snapshot {
    ($dump:expr, $path:expr, options = $comparer:expr $(,)?) => {
        $crate::__assert_schema_snapshot(
            &$comparer,
            ::core::convert::AsRef::<str>::as_ref(&$dump),
            ::core::stringify!($dump),
            ::core::env!("CARGO_MANIFEST_DIR"),
            ::core::convert::AsRef::<str>::as_ref(&$path),
            ::core::option::Option::None,
        )
    };
    ($dump:expr, $path:expr, options = $comparer:expr, $($arg:tt)+) => {
        $crate::__assert_schema_snapshot(
            &$comparer,
            ::core::convert::AsRef::<str>::as_ref(&$dump),
            ::core::stringify!($dump),
            ::core::env!("CARGO_MANIFEST_DIR"),
            ::core::convert::AsRef::<str>::as_ref(&$path),
            ::core::option::Option::Some(::core::format_args!($($arg)+)),
        )
    };
    // No options: the default ones.
    ($dump:expr, $path:expr $(, $($arg:tt)*)?) => {
        $crate::assert_schema_snapshot!($dump, $path, options = $crate::Comparer::new() $(, $($arg)*)?)
    };
}

/// The body of [`assert_schema_eq!`]; not a stable API.
#[doc(hidden)]
#[track_caller]
pub fn __assert_schema_eq(
    comparer: &Comparer,
    left: &str,
    right: &str,
    labels: (&str, &str),
    message: Option<fmt::Arguments<'_>>,
) {
    let suffix = message.map(|m| format!(": {m}")).unwrap_or_default();
    let diff = match comparer.diff(left, right) {
        Ok(diff) => diff,
        Err(err) => parse_failure(&err, "dump", "dump", &suffix),
    };
    if diff.is_empty() {
        return;
    }
    let diff = diff
        .with_labels(labels.0, labels.1)
        .hide_line_numbers(Side::Left)
        .hide_line_numbers(Side::Right);
    fail(
        &diff,
        &format!("assertion failed: the schemas differ{suffix}"),
        None,
    );
}

/// The body of [`assert_schema_snapshot!`]: reads `SQL_COMPARE_BLESS`; not a stable API.
#[doc(hidden)]
#[track_caller]
pub fn __assert_schema_snapshot(
    comparer: &Comparer,
    dump: &str,
    dump_label: &str,
    manifest_dir: &str,
    path: &str,
    message: Option<fmt::Arguments<'_>>,
) {
    let bless = std::env::var_os(BLESS).is_some_and(|v| !v.is_empty() && v != "0");
    __schema_snapshot(
        comparer,
        dump,
        dump_label,
        manifest_dir,
        path,
        message,
        bless,
    );
}

/// [`assert_schema_snapshot!`] with `SQL_COMPARE_BLESS` given as `bless`; not a stable API
/// (it lets tests bless without setting the process's environment).
#[doc(hidden)]
#[track_caller]
pub fn __schema_snapshot(
    comparer: &Comparer,
    dump: &str,
    dump_label: &str,
    manifest_dir: &str,
    path: &str,
    message: Option<fmt::Arguments<'_>>,
    bless: bool,
) {
    let suffix = message.map(|m| format!(": {m}")).unwrap_or_default();
    let file = Path::new(manifest_dir).join(path);
    let hint = format!(
        "to accept the dump as the new snapshot, run the tests with {BLESS}=1, then look at \
         `git diff {path}` and commit it"
    );
    let snapshot = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if bless {
                // Only a dump that parses is worth keeping.
                if let Err(err) = comparer.diff("", dump) {
                    parse_failure(&err, "snapshot", "dump", &suffix);
                }
                return write_snapshot(&file, dump);
            }
            panic!(
                "assertion failed: the schema snapshot {path} does not exist ({}){suffix}\n\
                 to write it, run the tests with {BLESS}=1, then look at `git diff {path}` \
                 and commit it",
                file.display()
            );
        }
        Err(e) => panic!(
            "assertion failed: the schema snapshot {path} cannot be read: {}{suffix}",
            Error::io(&file, e)
        ),
    };
    let text = match crate::decode(&snapshot) {
        Ok(text) => text,
        Err(err) => panic!("assertion failed: the schema snapshot {path}: {err}{suffix}"),
    };
    let diff = match comparer.diff(text, dump) {
        Ok(diff) => diff,
        Err(err) => parse_failure(&err, "snapshot", "dump", &suffix),
    };
    if diff.is_empty() {
        return;
    }
    if bless {
        return write_snapshot(&file, dump);
    }
    // The snapshot is a file the reader has: its line numbers are shown.
    let diff = diff
        .with_labels(path, dump_label)
        .hide_line_numbers(Side::Right);
    fail(
        &diff,
        &format!("assertion failed: the schema differs from the snapshot {path}{suffix}"),
        Some(&hint),
    );
}

#[track_caller]
fn write_snapshot(file: &Path, dump: &str) {
    let written = match file.parent() {
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| std::fs::write(file, dump)),
        None => std::fs::write(file, dump),
    };
    if let Err(e) = written {
        panic!(
            "the schema snapshot could not be written: {}",
            Error::io(file, e)
        );
    }
}

#[track_caller]
fn parse_failure(err: &Error, left: &str, right: &str, suffix: &str) -> ! {
    let side = err.side().unwrap_or(Side::Left);
    let what = match side {
        Side::Left => left,
        Side::Right => right,
    };
    let location = err
        .location()
        .map(|l| format!(" at {l}"))
        .unwrap_or_default();
    panic!(
        "assertion failed: the {side} {what} does not parse{location}: {}{suffix}",
        err.kind()
    );
}

/// Panics with the message of a failed assertion: `headline`, the report, the SQL that would
/// turn the right schema into the left one, and `hint`. A message cut to a screenful is
/// written whole to a file under the target directory, whose path it gives.
#[track_caller]
fn fail(diff: &SchemaDiff, headline: &str, hint: Option<&str>) -> ! {
    let color = color_for_stderr();
    let (left, right) = diff.labels().unwrap_or(("left", "right"));
    let sql = suggested_sql(diff);
    let sql_title = format!(
        "SQL that would turn right ({right}) into left ({left}), from SchemaDiff::migration:"
    );
    let whole = |max_report: Option<usize>, max_sql: usize, color: bool| {
        let mut report = diff.report().color(color);
        if let Some(n) = max_report {
            report = report.max_lines(n);
        }
        let mut text = format!("{headline}\n{report}");
        if !sql.is_empty() {
            text.push_str(&sql_title);
            text.push('\n');
            for line in sql.iter().take(max_sql) {
                text.push_str("  ");
                text.push_str(line);
                text.push('\n');
            }
            if sql.len() > max_sql {
                let more = sql.len() - max_sql;
                let s = if more == 1 { "" } else { "s" };
                text.push_str(&format!("  … {more} more line{s} of SQL not shown\n"));
            }
        }
        if let Some(h) = hint {
            text.push_str(h);
            text.push('\n');
        }
        text
    };
    let (_, body, _) = diff.report().lines();
    let cut = body.len() > MAX_REPORT_LINES || sql.len() > MAX_SQL_LINES;
    let mut message = whole(Some(MAX_REPORT_LINES), MAX_SQL_LINES, color);
    if cut {
        let full = whole(None, usize::MAX, false);
        match save_report(&full) {
            Ok(path) => message.push_str(&format!("the whole report: {}\n", path.display())),
            Err(e) => message.push_str(&format!("the whole report could not be written: {e}\n")),
        }
    }
    panic!("{}", message.trim_end());
}

/// The SQL that would turn the right schema into the left one, without the draft's header
/// and its hazard lines: a suggestion to write a migration from, so its destructive
/// statements are shown live.
fn suggested_sql(diff: &SchemaDiff) -> Vec<String> {
    let mirrored = diff.clone().mirror();
    mirrored
        .migration()
        .allow_unsafe(true)
        .to_string()
        .lines()
        .filter(|l| {
            !l.trim().is_empty()
                && !l.starts_with("-- Migration draft")
                && !l.starts_with("-- Review it")
                && !l.starts_with("SET check_function_bodies")
                && !l.starts_with("-- hazard:")
        })
        .map(str::to_string)
        .collect()
}

/// Writes a report to `<target dir>/sql-compare/<test name>.txt`.
fn save_report(text: &str) -> Result<PathBuf, Error> {
    let dir = target_dir().join("sql-compare");
    let name = report_name(std::thread::current().name());
    let path = dir.join(format!("{name}.txt"));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

/// A file name for a test's report: the test's name (`tests::schema_matches` →
/// `tests-schema_matches`), or `assertion` for an unnamed thread.
fn report_name(thread: Option<&str>) -> String {
    let name = match thread {
        Some(n) if !n.is_empty() && n != "main" => n,
        _ => "assertion",
    };
    name.replace("::", "-")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Where cargo builds: `CARGO_TARGET_DIR`, else the folder above the test binary that holds
/// cargo's `CACHEDIR.TAG`, else `target` in the package, else `target` in the working
/// directory (never a shared folder such as `/tmp`, where another user could plant a link).
fn target_dir() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        return match &manifest {
            Some(m) if dir.is_relative() => m.join(dir),
            _ => dir,
        };
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(dir) = exe
            .ancestors()
            .skip(1)
            .find(|d| d.join("CACHEDIR.TAG").is_file())
        {
            return dir.to_path_buf();
        }
    }
    manifest
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
        .join("target")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_names_come_from_test_names() {
        assert_eq!(
            report_name(Some("tests::schema_matches")),
            "tests-schema_matches"
        );
        assert_eq!(report_name(Some("a b/c")), "a_b_c");
        assert_eq!(report_name(Some("main")), "assertion");
        assert_eq!(report_name(None), "assertion");
    }

    #[test]
    fn the_target_dir_holds_the_test_binary() {
        let dir = target_dir();
        let exe = std::env::current_exe().unwrap();
        if std::env::var_os("CARGO_TARGET_DIR").is_none() {
            assert!(exe.starts_with(&dir), "{} {}", dir.display(), exe.display());
        }
        assert!(dir.is_absolute(), "{}", dir.display());
    }
}
