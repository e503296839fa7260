//! Tell whether two PostgreSQL schema dumps (`pg_dump --schema-only` output) describe the
//! same schema, and if not, exactly which objects differ.
//!
//! A plain text diff of two dumps fails: pg_dump writes a random `\restrict` key in every
//! dump, columns added by `ALTER TABLE … ADD COLUMN` land at the end, enum values added by
//! `ALTER TYPE … ADD VALUE` land last, and statements move around. This crate tokenizes both
//! dumps (with sqlparser's PostgreSQL tokenizer), attaches every statement to the object it
//! defines or changes, and compares objects, ignoring comments, whitespace, keyword case,
//! statement order, column order in `CREATE TABLE` and enum label order.
//!
//! ```
//! let models = "CREATE TABLE public.users (id bigint NOT NULL, email text, name text);";
//! let migrations = "
//!     CREATE TABLE public.users (id bigint NOT NULL, name text, email text);
//! ";
//! assert!(sql_compare::compare(models, migrations)?);
//!
//! let changed = "CREATE TABLE public.users (id integer NOT NULL, name text, email text);";
//! let diff = sql_compare::diff(models, changed)?;
//! assert_eq!(diff.changes()[0].name(), "public.users");
//! assert_eq!(diff.changes()[0].details()[0].name(), "public.users.id");
//! print!("{diff}"); // changed table public.users / changed column public.users.id / type bigint → integer
//! # Ok::<(), sql_compare::Error>(())
//! ```
//!
//! Options go through [`Comparer`]: `Comparer::new().ignore_owners(true).diff(a, b)`.
//!
//! # How a comparison runs
//!
//! [`Comparer::diff`] runs these stages in order; each module imports only the ones above it
//! (`tests/module_cycles.rs` checks it).
//!
//! | stage | module | produces |
//! |---|---|---|
//! | split | `split` | a dump's statements, with their byte offsets, meta-command lines and `COPY` rows |
//! | tokenize | `tokenize` | a statement's tokens (the only stage that calls sqlparser's tokenizer) |
//! | normalize | `normalize` | canonical text of tokens: what two spellings of one definition share |
//! | classify | `classify` | the objects (and parts of objects) each statement defines or changes |
//! | parse | `parse` | one side split, tokenized and classified: the reference |
//! | parse both | `fast` | both sides at once, sharing the tokens of repeated texts: what `parse` gives on each |
//! | diff | `diff` | [`SchemaDiff`]: the changed objects |
//! | report | `report` | [`Report`] and [`Note`]s: the changes as text for people |
//! | draft | `migrate` | [`Migration`]: statements that would turn one side into the other |
//!
//! Each stage reads what the stages before it made and tokenizes no input again: when the
//! dumps differ, the [`SchemaDiff`] keeps what parsing made of both (their tokens, entries and
//! facts, and the statements' texts, copied once after the list of statements is freed: the
//! peak memory of a differing comparison is that of an equal one, 884 MB for a million
//! `CREATE INDEX` lines a side), and each [`Snippet`] the tokens of its text. The report's
//! notes and the draft (its graph of both dumps, the snippets it reads) take the tokens from
//! there; the draft tokenizes only SQL it writes itself, and the bodies of `LANGUAGE sql`
//! routines, which the comparison reads as one string.
//!
//! `compare` holds [`Comparer`] and the entry that runs the stages; `statement`, `assert`,
//! `pg`, `conninfo` and `scratch` serve the test-suite workflow below.
//!
//! # In your test suite
//!
//! Build one database from the models and another by running the migrations, on a throwaway
//! PostgreSQL cluster started from the local binaries (no `DATABASE_URL`, no docker), dump
//! both, and assert that they match with [`assert_schema_eq!`] (or compare one dump with a
//! committed file with [`assert_schema_snapshot!`]):
//!
//! ```no_run
//! use sql_compare::{Comparer, Scratch, assert_schema_eq};
//!
//! # fn main() -> Result<(), sql_compare::Error> {
//! // A throwaway cluster, removed when `server` is dropped (or the process ends); the server
//! // of SQL_COMPARE_SCRATCH_URL instead when that is set.
//! let server = Scratch::from_env().start()?;
//! let models = server.create_database()?;
//! models.load_path("db/schema.sql")?;
//! let migrated = server.create_database()?;
//! migrated.load_path("db/migrations")?; // 000-baseline.sql, 001-add-sample-table.sql, …
//!
//! assert_schema_eq!(
//!     models.dump()?,
//!     migrated.dump()?,
//!     options = Comparer::new().exclude_migration_tables(),
//!     "the migrations and the models disagree"
//! );
//! # Ok(())
//! # }
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod assert;
mod classify;
mod compare;
mod conninfo;
mod diff;
mod error;
mod fast;
mod migrate;
mod normalize;
mod parse;
mod pg;
mod report;
mod scratch;
mod split;
mod statement;
mod tokenize;

use std::path::Path;

#[doc(hidden)]
pub use crate::assert::{__assert_schema_eq, __assert_schema_snapshot, __schema_snapshot};
pub use crate::classify::object::ObjectKind;
pub use crate::compare::{Comparer, MIGRATION_TABLES};
pub use crate::conninfo::redact;
pub use crate::diff::change::{Change, ChangeKind, Counts, LineRange, SchemaDiff, Snippet};
pub use crate::error::{Error, ErrorKind, Location, Result, Side};
pub use crate::migrate::{Destructive, DraftStatement, Hazard, Migration};
pub use crate::pg::{PgDump, find_program, pg_dump, psql, with_database};
pub use crate::report::notes::Note;
pub use crate::report::{Report, Summary};
pub use crate::scratch::{
    LoadReport, SCRATCH_DIR_PREFIX, SCRATCH_URL_ENV, Scratch, ScratchDatabase, ScratchServer,
};
pub use crate::statement::{Statement, statements};

/// True when two dumps describe the same schema, with the default options.
///
/// ```
/// assert!(sql_compare::compare(
///     "CREATE TYPE mood AS ENUM ('sad', 'happy'); -- a comment",
///     "create type MOOD as enum ('happy', 'sad');",
/// )?);
/// # Ok::<(), sql_compare::Error>(())
/// ```
///
/// # Errors
///
/// As [`Comparer::diff`].
pub fn compare(left: &str, right: &str) -> Result<bool> {
    Comparer::new().compare(left, right)
}

/// A dump's bytes as text, or an error that says where they stop being UTF-8 (byte offset,
/// line and column). [`compare_files`] and [`diff_files`] read files with it; use it for dumps
/// read from elsewhere (standard input, a pipe).
///
/// ```
/// let err = sql_compare::decode(b"SELECT 1;\nSELECT '\xff';").unwrap_err();
/// assert_eq!(err.to_string(), "2:9: invalid UTF-8 at byte offset 18");
/// assert_eq!(sql_compare::decode(b"SELECT 1;")?, "SELECT 1;");
/// # Ok::<(), sql_compare::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidUtf8`] at the first byte that is not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<&str> {
    crate::parse::decode(bytes)
}

/// [`compare`](compare()) on two files.
///
/// ```
/// assert!(sql_compare::compare_files("testdata/shop-models.sql", "testdata/shop-migrations.sql")?);
/// assert!(!sql_compare::compare_files("testdata/shop-models.sql", "testdata/shop-broken.sql")?);
/// # Ok::<(), sql_compare::Error>(())
/// ```
///
/// # Errors
///
/// As [`Comparer::diff_files`].
pub fn compare_files(left: impl AsRef<Path>, right: impl AsRef<Path>) -> Result<bool> {
    Comparer::new().compare_files(left, right)
}

/// The per-object differences between two dumps, with the default options.
///
/// ```
/// use sql_compare::{ChangeKind, ObjectKind};
///
/// let diff = sql_compare::diff(
///     "CREATE TABLE t (a int);",
///     "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);",
/// )?;
/// let table = &diff.changes()[0];
/// assert_eq!((table.change(), table.kind(), table.name()), (ChangeKind::Changed, ObjectKind::Table, "public.t"));
/// let index = &table.details()[0];
/// assert_eq!((index.change(), index.kind(), index.name()), (ChangeKind::Added, ObjectKind::Index, "public.t_a"));
/// assert_eq!(index.right()[0].lines().start(), 2);
/// # Ok::<(), sql_compare::Error>(())
/// ```
///
/// # Errors
///
/// As [`Comparer::diff`].
pub fn diff(left: &str, right: &str) -> Result<SchemaDiff> {
    Comparer::new().diff(left, right)
}

/// [`diff`](diff()) on two files; the report names them and points into them by line.
///
/// ```
/// let diff = sql_compare::diff_files("testdata/shop-models.sql", "testdata/shop-broken.sql")?;
/// assert_eq!(diff.changes()[0].name(), "public.orders");
///
/// let err = sql_compare::diff_files("testdata/no-such-file.sql", "testdata/shop-models.sql")
///     .unwrap_err();
/// assert!(err.to_string().starts_with("testdata/no-such-file.sql: "));
/// # Ok::<(), sql_compare::Error>(())
/// ```
///
/// # Errors
///
/// As [`Comparer::diff_files`].
pub fn diff_files(left: impl AsRef<Path>, right: impl AsRef<Path>) -> Result<SchemaDiff> {
    Comparer::new().diff_files(left, right)
}
