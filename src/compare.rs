//! The options ([`Comparer`]) and the entry that runs the stages in order: decode (for
//! files), parse both sides (`fast::parse_pair`, which gives what `parse::parse` gives on each),
//! diff, then free the parsed sides, or keep them in the diff when the dumps differ.

use std::path::Path;

use crate::classify::Order;
use crate::diff::change::{SchemaDiff, Sources};
use crate::diff::{Options, diff};
use crate::error::{Error, Result, Side};
use crate::fast::handoff::Threads;
use crate::fast::parse_pair;
use crate::parse::decode;

/// Tables that migration tools keep their own bookkeeping in. Their definitions and rows say
/// which migrations ran, not what the schema is; [`Comparer::exclude_migration_tables`]
/// leaves them out.
pub const MIGRATION_TABLES: &[&str] = &[
    "alembic_version",
    "schema_migrations",
    "ar_internal_metadata",
    "_sqlx_migrations",
    "refinery_schema_history",
    "__diesel_schema_migrations",
    "flyway_schema_history",
];

/// Compares dumps with options; [`compare`](crate::compare()) and [`diff`](crate::diff()) use
/// the defaults.
///
/// The defaults ignore the order of columns in `CREATE TABLE`, of enum labels, of privileges
/// in a `GRANT`, and of statements; they compare owners, privileges and comments, and leave
/// out session settings (`SET …`, `set_config`).
///
/// ```
/// use sql_compare::Comparer;
///
/// let left = "CREATE TABLE t (a int);\nALTER TABLE t OWNER TO alice;";
/// let right = "CREATE TABLE t (a int);\nALTER TABLE t OWNER TO bob;";
/// assert!(!Comparer::new().compare(left, right)?);
/// assert!(Comparer::new().ignore_owners(true).compare(left, right)?);
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparer {
    pub(crate) options: Options,
}

impl Comparer {
    /// A comparer with the default options.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the order of enum labels significant. PostgreSQL sorts enum values by label
    /// order, so a different order is a real difference for `ORDER BY`; it is ignored by
    /// default because `ALTER TYPE … ADD VALUE` puts new labels last while a fresh
    /// `CREATE TYPE` lists them where the models do.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let (a, b) = (
    ///     "CREATE TYPE mood AS ENUM ('sad', 'happy');",
    ///     "CREATE TYPE mood AS ENUM ('happy', 'sad');",
    /// );
    /// assert!(Comparer::new().compare(a, b)?);
    /// assert!(!Comparer::new().strict_enum_order(true).compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn strict_enum_order(mut self, yes: bool) -> Self {
        self.options.strict_enum_order = yes;
        self
    }

    /// Makes the order of columns in `CREATE TABLE` significant (it shows in `SELECT *` and
    /// positional `INSERT`). Ignored by default, since `ALTER TABLE … ADD COLUMN` always
    /// appends.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let (a, b) = ("CREATE TABLE t (a int, b text);", "CREATE TABLE t (b text, a int);");
    /// assert!(Comparer::new().compare(a, b)?);
    /// assert!(!Comparer::new().strict_column_order(true).compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn strict_column_order(mut self, yes: bool) -> Self {
        self.options.strict_column_order = yes;
        self
    }

    /// Leaves out `ALTER … OWNER TO` statements.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let a = "CREATE TABLE t (a int);\nALTER TABLE t OWNER TO alice;";
    /// let b = "CREATE TABLE t (a int);";
    /// assert!(!Comparer::new().compare(a, b)?);
    /// assert!(Comparer::new().ignore_owners(true).compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn ignore_owners(mut self, yes: bool) -> Self {
        self.options.ignore_owners = yes;
        self
    }

    /// Leaves out `GRANT`, `REVOKE` and `ALTER DEFAULT PRIVILEGES`.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let a = "CREATE TABLE t (a int);\nGRANT SELECT ON TABLE t TO reader;";
    /// let b = "CREATE TABLE t (a int);";
    /// assert!(!Comparer::new().compare(a, b)?);
    /// assert!(Comparer::new().ignore_privileges(true).compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn ignore_privileges(mut self, yes: bool) -> Self {
        self.options.ignore_privileges = yes;
        self
    }

    /// Leaves out `COMMENT ON` statements.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let a = "CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS 'orders';";
    /// let b = "CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS 'all orders';";
    /// assert!(!Comparer::new().compare(a, b)?);
    /// assert!(Comparer::new().ignore_comments(true).compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn ignore_comments(mut self, yes: bool) -> Self {
        self.options.ignore_comments = yes;
        self
    }

    /// Compares session settings (`SET name = …`, `SELECT pg_catalog.set_config(…)`), which
    /// are left out by default: they differ between pg_dump versions, not between schemas.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let a = "SET statement_timeout = 0;\nCREATE TABLE t (a int);";
    /// let b = "SET statement_timeout = '5s';\nCREATE TABLE t (a int);";
    /// assert!(Comparer::new().compare(a, b)?);
    /// assert!(!Comparer::new().compare_settings(true).compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn compare_settings(mut self, yes: bool) -> Self {
        self.options.compare_settings = yes;
        self
    }

    /// Leaves out data: `INSERT` rows, `COPY` data blocks and `SELECT pg_catalog.setval(…)`.
    /// Data is compared by default (a Rails dump's `schema_migrations` rows, for example).
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let a = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);";
    /// let b = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (2);";
    /// assert!(!Comparer::new().compare(a, b)?);
    /// assert!(Comparer::new().ignore_data(true).compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn ignore_data(mut self, yes: bool) -> Self {
        self.options.ignore_data = yes;
        self
    }

    /// Compares only the objects of schema `name` (and the schema itself), as
    /// `pg_dump --schema` would dump them; `*` is a wildcard. May be repeated. Unqualified
    /// names count as `public`; objects outside schemas (extensions, settings…) are left out.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let a = "CREATE TABLE app.t (a int);\nCREATE TABLE audit.log (a int);";
    /// let b = "CREATE TABLE app.t (a int);\nCREATE TABLE audit.log (a bigint);";
    /// assert!(!Comparer::new().compare(a, b)?);
    /// assert!(Comparer::new().schema("app").compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn schema(mut self, name: impl Into<String>) -> Self {
        self.options.schemas.push(name.into());
        self
    }

    /// Leaves out every object whose name matches `pattern`, where `*` matches any run of
    /// characters. A pattern without a `.` also matches unqualified names, so
    /// `schema_migrations` matches `public.schema_migrations`. An excluded table takes its
    /// columns, constraints, indexes, rows and owned sequences with it. May be repeated.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let a = "CREATE TABLE t (a int);\nCREATE TABLE tmp_1 (a int);";
    /// let b = "CREATE TABLE t (a int);\nCREATE TABLE tmp_2 (a int);";
    /// assert!(!Comparer::new().compare(a, b)?);
    /// assert!(Comparer::new().exclude("tmp_*").compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn exclude(mut self, pattern: impl Into<String>) -> Self {
        self.options.exclude.push(pattern.into());
        self
    }

    /// Excludes the bookkeeping tables of common migration tools ([`MIGRATION_TABLES`]).
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let a = "CREATE TABLE t (a int);\nCREATE TABLE schema_migrations (version text);";
    /// let b = "CREATE TABLE t (a int);";
    /// assert!(!Comparer::new().compare(a, b)?);
    /// assert!(Comparer::new().exclude_migration_tables().compare(a, b)?);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    #[must_use]
    pub fn exclude_migration_tables(mut self) -> Self {
        self.options
            .exclude
            .extend(MIGRATION_TABLES.iter().map(|s| s.to_string()));
        self
    }

    pub(crate) fn order(&self) -> Order {
        Order {
            strict_enum_order: self.options.strict_enum_order,
            strict_column_order: self.options.strict_column_order,
        }
    }

    /// True when the two dumps describe the same schema.
    ///
    /// # Errors
    ///
    /// Text that does not tokenize (an unterminated string, quoted identifier, dollar-quoted
    /// body or block comment, or what PostgreSQL's lexer would reject), with the side and the
    /// line and column where it starts.
    pub fn compare(&self, left: &str, right: &str) -> Result<bool> {
        Ok(self.diff(left, right)?.is_empty())
    }

    /// The per-object differences between two dumps. With two CPUs or more and inputs of
    /// 64 KiB or more, the work is shared out between two threads, and the memory of the
    /// parsed dumps is freed on a third after this returns.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let diff = Comparer::new()
    ///     .exclude("audit_*")
    ///     .diff("CREATE TABLE audit_log (a int);", "CREATE TABLE t (a int);")?;
    /// assert_eq!(diff.changes()[0].name(), "public.t");
    /// assert_eq!(diff.len(), 1);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Text that does not tokenize (an unterminated string, quoted identifier, dollar-quoted
    /// body or block comment, or what PostgreSQL's lexer would reject), with the side and the
    /// line and column where it starts.
    pub fn diff(&self, left: &str, right: &str) -> Result<SchemaDiff> {
        self.run(left, right, Error::with_side)
    }

    /// The stages in order (see the map in the crate's docs): both sides split, tokenized,
    /// normalized and classified (`fast::parse_pair`, which gives on each side what
    /// `parse::parse` gives), an error marked with its side by `on_side`; the two compared.
    /// Then, for equal dumps, the parsed sides freed: freeing the tokens of a large dump costs
    /// a good part of reading it, so with two CPUs it happens on a thread of its own, after
    /// this returns. For dumps that differ they are kept in the diff instead (`Sources`, see
    /// `Parsed::keep`): a migration draft builds its graph of both sides from them, without
    /// parsing again, and they are freed, the same way, with the last clone of the diff.
    /// Keeping them raises neither the peak memory (the statements' texts are copied once
    /// the list of statements is freed) nor the instructions: a comparison of MusicBrainz's
    /// standalone and master schemas takes 288 M with them kept.
    fn run(
        &self,
        left: &str,
        right: &str,
        on_side: impl Fn(Error, Side) -> Error,
    ) -> Result<SchemaDiff> {
        let threads = Threads::for_input(left.len() + right.len());
        let (l, r) = parse_pair(left, right, self.order(), threads);
        let l = l.map_err(|e| on_side(e, Side::Left))?;
        let r = r.map_err(|e| on_side(e, Side::Right))?;
        let mut changes = diff(&l, &r, &self.options, threads);
        if changes.is_empty() {
            threads.free_later((l.into_owned(), r.into_owned()));
        } else {
            // What a migration draft reads, kept instead of freed: it builds its graph of
            // both sides from these without parsing the dumps again.
            // (None for dumps of 4 GiB of statements or more: a draft then orders its
            // statements by phase.)
            changes.sources = l
                .keep(left)
                .zip(r.keep(right))
                .map(|(l, r)| Sources::new(l, r));
        }
        Ok(changes)
    }

    /// [`Comparer::compare`] on two files.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let same = Comparer::new()
    ///     .exclude_migration_tables()
    ///     .compare_files("testdata/shop-models.sql", "testdata/shop-migrations.sql")?;
    /// assert!(same);
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A file that cannot be read ([`ErrorKind::Io`](crate::ErrorKind::Io), its
    /// [`io::Error`](std::io::Error) as `source()`), that is not UTF-8, or whose text does not
    /// tokenize; the error names the file and, for its text, the line and column.
    pub fn compare_files(&self, left: impl AsRef<Path>, right: impl AsRef<Path>) -> Result<bool> {
        Ok(self.diff_files(left, right)?.is_empty())
    }

    /// [`Comparer::diff`] on two files; errors name the file. The report labels lines with
    /// the file names.
    ///
    /// ```
    /// use sql_compare::Comparer;
    ///
    /// let diff = Comparer::new()
    ///     .ignore_owners(true)
    ///     .diff_files("testdata/shop-models.sql", "testdata/shop-broken.sql")?;
    /// assert!(diff.to_string().contains("testdata/shop-broken.sql:93: total numeric(10,2)"));
    /// # Ok::<(), sql_compare::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A file that cannot be read ([`ErrorKind::Io`](crate::ErrorKind::Io), its
    /// [`io::Error`](std::io::Error) as `source()`), that is not UTF-8, or whose text does not
    /// tokenize; the error names the file and, for its text, the line and column.
    pub fn diff_files(
        &self,
        left: impl AsRef<Path>,
        right: impl AsRef<Path>,
    ) -> Result<SchemaDiff> {
        let (lp, rp) = (left.as_ref(), right.as_ref());
        let lb = std::fs::read(lp).map_err(|e| Error::io(lp, e))?;
        let rb = std::fs::read(rp).map_err(|e| Error::io(rp, e))?;
        let ls = decode(&lb).map_err(|e| e.with_path(lp))?;
        let rs = decode(&rb).map_err(|e| e.with_path(rp))?;
        let path = |side| if side == Side::Left { lp } else { rp };
        let changes = self.run(ls, rs, |e, side| e.with_path(path(side)))?;
        Ok(changes.with_labels(lp.display().to_string(), rp.display().to_string()))
    }
}
