//! Running PostgreSQL's own tools: `pg_dump` to get a schema dump from a live database, and
//! `psql` to apply SQL to one (for tests that build databases from migrations).

use std::ffi::OsString;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::conninfo::{Conninfo, mask_in, redact};
use crate::error::{Error, ErrorKind, Result};

/// Finds a PostgreSQL program: the path in the environment variable `env_var` if set, else on
/// `PATH`, else in the newest `/usr/lib/postgresql/*/bin` (where Debian and Ubuntu put them).
///
/// ```
/// // PG_DUMP=/opt/pg17/bin/pg_dump picks that one; else PATH, else /usr/lib/postgresql/*/bin.
/// if let Some(path) = sql_compare::find_program("pg_dump", "PG_DUMP") {
///     assert!(path.ends_with("pg_dump") || std::env::var_os("PG_DUMP").is_some());
/// }
/// ```
pub fn find_program(name: &str, env_var: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env_var).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let candidate = e.path().join("bin").join(name);
            candidate.is_file().then_some((version, candidate))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, p)| p)
}

pub(crate) fn not_found(program: &str, env_var: &str) -> Error {
    Error::new(
        ErrorKind::ProgramNotFound {
            program: program.to_string(),
            hint: format!("not on PATH, in ${env_var}, or under /usr/lib/postgresql/*/bin"),
        },
        None,
    )
}

/// What to tell a user whose server asked for a password that was not given: the programs
/// run with `--no-password`, so that they fail at once instead of prompting (in CI, forever).
const PASSWORD_HINT: &str = "give the password in the PGPASSWORD environment variable or in \
~/.pgpass (or in the URL, postgresql://user:PASSWORD@host/db, where ps shows it)";

pub(crate) fn failed(program: &Path, status: Option<i32>, stderr: &[u8], conn: &Conninfo) -> Error {
    let mut message = mask_in(
        String::from_utf8_lossy(stderr).trim(),
        conn.password.as_deref(),
    );
    if message.contains("no password supplied") {
        message.push_str(" (");
        message.push_str(PASSWORD_HINT);
        message.push(')');
    }
    Error::new(
        ErrorKind::ProgramFailed {
            program: program.display().to_string(),
            status,
            message,
        },
        None,
    )
}

pub(crate) fn spawn_error(program: &Path, err: &std::io::Error) -> Error {
    Error::new(
        ErrorKind::ProgramFailed {
            program: program.display().to_string(),
            status: None,
            message: err.to_string(),
        },
        None,
    )
}

/// `pg_dump --schema-only` of a database, with options.
///
/// ```no_run
/// let dump = sql_compare::PgDump::new("postgresql://postgres@localhost/app")
///     .no_owner(true)
///     .exclude_table("schema_migrations")
///     .run()?;
/// # Ok::<(), sql_compare::Error>(())
/// ```
///
/// The password of the URL (`user:PASSWORD@`, `?password=`, `password=` in a key=value string)
/// reaches pg_dump through the `PGPASSWORD` environment variable, never its command line,
/// and is masked (`***`) in errors and in `Debug`. pg_dump runs with `--no-password`: a
/// server that asks for a password nobody gave is an error at once, not a prompt.
#[derive(Clone, Default)]
pub struct PgDump {
    url: String,
    no_owner: bool,
    no_privileges: bool,
    exclude_tables: Vec<String>,
    schemas: Vec<String>,
    program: Option<PathBuf>,
    max_size: Option<u64>,
    /// pg_dump of a throwaway cluster: none of this process's `PG*` variables, which are meant
    /// for other servers (the URL says all it needs).
    pub(crate) isolated: bool,
}

impl fmt::Debug for PgDump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgDump")
            .field("url", &redact(&self.url))
            .field("no_owner", &self.no_owner)
            .field("no_privileges", &self.no_privileges)
            .field("exclude_tables", &self.exclude_tables)
            .field("schemas", &self.schemas)
            .field("program", &self.program)
            .field("max_size", &self.max_size)
            .finish()
    }
}

impl PgDump {
    /// A dump of the database at `url` (`postgresql://user@host:port/db`, or any connection
    /// string pg_dump accepts).
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ..Self::default()
        }
    }

    /// `--no-owner`: no `ALTER … OWNER TO`.
    #[must_use]
    pub fn no_owner(mut self, yes: bool) -> Self {
        self.no_owner = yes;
        self
    }

    /// `--no-privileges`: no `GRANT`/`REVOKE`.
    #[must_use]
    pub fn no_privileges(mut self, yes: bool) -> Self {
        self.no_privileges = yes;
        self
    }

    /// `--exclude-table=PATTERN` (pg_dump's patterns); repeatable.
    #[must_use]
    pub fn exclude_table(mut self, pattern: impl Into<String>) -> Self {
        self.exclude_tables.push(pattern.into());
        self
    }

    /// `--schema=NAME`: only this schema; repeatable.
    #[must_use]
    pub fn schema(mut self, name: impl Into<String>) -> Self {
        self.schemas.push(name.into());
        self
    }

    /// Runs this `pg_dump` program instead of searching for one.
    #[must_use]
    pub fn program(mut self, path: impl Into<PathBuf>) -> Self {
        self.program = Some(path.into());
        self
    }

    /// Stops reading pg_dump's output after `bytes` bytes and returns an error
    /// ([`ErrorKind::TooLarge`]) instead of holding a dump without end in memory.
    #[must_use]
    pub fn max_size(mut self, bytes: u64) -> Self {
        self.max_size = Some(bytes);
        self
    }

    /// The command-line arguments, without the program: never the password.
    fn args(&self, conn: &Conninfo) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec!["--schema-only".into(), "--no-password".into()];
        if self.no_owner {
            args.push("--no-owner".into());
        }
        if self.no_privileges {
            args.push("--no-privileges".into());
        }
        for t in &self.exclude_tables {
            args.push(format!("--exclude-table={t}").into());
        }
        for s in &self.schemas {
            args.push(format!("--schema={s}").into());
        }
        args.push(format!("--dbname={}", conn.without_password).into());
        args
    }

    /// Runs pg_dump and returns its output.
    ///
    /// # Errors
    ///
    /// A missing program, a failed connection or a non-zero exit is an error that carries
    /// pg_dump's own message (with the password masked); output beyond [`PgDump::max_size`]
    /// or not UTF-8 is an error too.
    pub fn run(&self) -> Result<String> {
        let program = match &self.program {
            Some(p) => p.clone(),
            None => {
                find_program("pg_dump", "PG_DUMP").ok_or_else(|| not_found("pg_dump", "PG_DUMP"))?
            }
        };
        let conn = Conninfo::checked(&self.url)?;
        let mut cmd = command(&program, &conn);
        if self.isolated {
            isolate(&mut cmd, &conn);
        }
        let mut child = cmd
            .args(self.args(&conn))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| spawn_error(&program, &e))?;
        let mut stderr = child.stderr.take();
        let errors = std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(e) = stderr.as_mut() {
                let _ = e.read_to_end(&mut buf);
            }
            buf
        });
        let mut stdout = Vec::new();
        let read = match child.stdout.take() {
            Some(out) => match self.max_size {
                Some(max) => out.take(max.saturating_add(1)).read_to_end(&mut stdout),
                None => {
                    let mut out = out;
                    out.read_to_end(&mut stdout)
                }
            },
            None => Ok(0),
        };
        let too_large = self.max_size.is_some_and(|max| stdout.len() as u64 > max);
        if too_large {
            let _ = child.kill();
        }
        let status = child.wait().map_err(|e| spawn_error(&program, &e))?;
        let stderr = errors.join().unwrap_or_default();
        if let Some(max) = self.max_size.filter(|_| too_large) {
            return Err(Error::new(ErrorKind::TooLarge { limit: max }, None));
        }
        read.map_err(|e| spawn_error(&program, &e))?;
        if !status.success() {
            return Err(failed(&program, status.code(), &stderr, &conn));
        }
        String::from_utf8(stdout).map_err(|e| {
            Error::new(
                ErrorKind::InvalidUtf8 {
                    offset: e.utf8_error().valid_up_to(),
                },
                None,
            )
        })
    }
}

/// A connection URL to another database of the same server: `url` with its database name
/// replaced by `database` (for tests that create scratch databases from a superuser URL).
///
/// ```
/// use sql_compare::with_database;
/// assert_eq!(with_database("postgresql://u@h:5432/app?sslmode=off", "scratch"), "postgresql://u@h:5432/scratch?sslmode=off");
/// assert_eq!(with_database("postgresql:///postgres?host=/tmp", "scratch"), "postgresql:///scratch?host=/tmp");
/// assert_eq!(with_database("postgres://h", "scratch"), "postgres://h/scratch");
/// // A `?` in the password is the password's, as libpq reads it.
/// assert_eq!(with_database("postgresql://u:p?w@h/app", "scratch"), "postgresql://u:p?w@h/scratch");
/// ```
pub fn with_database(url: &str, database: &str) -> String {
    match crate::conninfo::url_path(url) {
        Some((path, query)) => format!("{}/{database}{}", &url[..path], &url[query..]),
        // A key=value connection string: a later dbname wins.
        None => format!("{url} dbname={database}"),
    }
}

/// A command for a PostgreSQL program that connects with `conn`: its password, if any, in
/// `PGPASSWORD` (readable only by this user's processes), never on the command line.
pub(crate) fn command(program: &Path, conn: &Conninfo) -> Command {
    let mut cmd = Command::new(program);
    if let Some(password) = &conn.password {
        cmd.env("PGPASSWORD", password);
    }
    cmd
}

/// `pg_dump --schema-only` of the database at `url`, with pg_dump's defaults.
///
/// # Errors
///
/// As [`PgDump::run`].
///
/// ```no_run
/// let production = sql_compare::pg_dump("postgresql://ci@db.internal/app")?;
/// let tested = std::fs::read_to_string("schema.sql").expect("the schema CI tested");
/// assert!(sql_compare::compare(&tested, &production)?, "production drifted");
/// # Ok::<(), sql_compare::Error>(())
/// ```
pub fn pg_dump(url: &str) -> Result<String> {
    PgDump::new(url).run()
}

/// Applies SQL to the database at `url` with `psql` (found like pg_dump, through `$PSQL`),
/// stopping at the first error. The password travels as for [`PgDump`].
///
/// # Errors
///
/// A missing psql, a failed connection or the first failing statement, with psql's message
/// (the password masked).
///
/// ```no_run
/// let url = "postgresql://postgres@localhost/scratch";
/// sql_compare::psql(url, "CREATE TABLE t (a int);")?;
/// assert!(sql_compare::pg_dump(url)?.contains("CREATE TABLE public.t"));
/// # Ok::<(), sql_compare::Error>(())
/// ```
pub fn psql(url: &str, sql: &str) -> Result<()> {
    run_psql(url, sql, false)
}

/// This process's `PG*` variables taken out of `cmd`'s environment, for a client of a
/// throwaway cluster: they are meant for other servers, and the cluster's URL says all the
/// client needs (its password goes in `PGPASSWORD` again).
pub(crate) fn isolate(cmd: &mut Command, conn: &Conninfo) {
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("PG") {
            cmd.env_remove(name);
        }
    }
    if let Some(password) = &conn.password {
        cmd.env("PGPASSWORD", password);
    }
}

/// [`psql`], [`isolate`]d when `isolated`.
pub(crate) fn run_psql(url: &str, sql: &str, isolated: bool) -> Result<()> {
    let program = find_program("psql", "PSQL").ok_or_else(|| not_found("psql", "PSQL"))?;
    let conn = Conninfo::checked(url)?;
    let mut cmd = command(&program, &conn);
    if isolated {
        isolate(&mut cmd, &conn);
    }
    let mut child = cmd
        .args([
            "-X",
            "-q",
            "--no-password",
            "-v",
            "ON_ERROR_STOP=1",
            "-f",
            "-",
        ])
        .arg(format!("--dbname={}", conn.without_password))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(&program, &e))?;
    if let Some(mut stdin) = child.stdin.take() {
        // psql may exit early on an error; its message is what matters then.
        let _ = stdin.write_all(sql.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| spawn_error(&program, &e))?;
    if !out.status.success() {
        return Err(failed(&program, out.status.code(), &out.stderr, &conn));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pg_dump_arguments_follow_the_options_and_never_hold_the_password() {
        let dump = PgDump::new("postgresql://app:SECRET@db/prod")
            .no_owner(true)
            .no_privileges(true)
            .exclude_table("schema_migrations")
            .schema("app");
        let args = dump.args(&Conninfo::parse(&dump.url));
        let args: Vec<String> = args.into_iter().map(|a| a.into_string().unwrap()).collect();
        assert_eq!(
            args,
            [
                "--schema-only",
                "--no-password",
                "--no-owner",
                "--no-privileges",
                "--exclude-table=schema_migrations",
                "--schema=app",
                "--dbname=postgresql://app@db/prod"
            ]
        );
        let debug = format!("{dump:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(debug.contains("postgresql://app:***@db/prod"), "{debug}");
    }

    #[test]
    fn a_missing_program_is_an_error() {
        let err = PgDump::new("postgresql:///db")
            .program("/nonexistent/pg_dump")
            .run()
            .unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::ProgramFailed { .. }),
            "{err}"
        );
        assert!(
            err.to_string().starts_with("/nonexistent/pg_dump failed: "),
            "{err}"
        );
    }

    /// A stand-in for pg_dump: a shell script in a private directory (mode 0700, a name no
    /// other user can guess), kept as long as the returned directory lives.
    fn fake_program(script: &str) -> (tempfile::TempDir, PathBuf) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::Builder::new()
            .prefix("sql-compare-test-")
            .tempdir()
            .unwrap();
        let fake = dir.path().join("pg_dump");
        std::fs::write(&fake, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o700)).unwrap();
        (dir, fake)
    }

    #[test]
    fn pg_dump_failures_carry_its_message() {
        let (_dir, fake) =
            fake_program("echo 'pg_dump: error: connection to server failed' >&2\nexit 1");
        let err = PgDump::new("postgresql:///db")
            .program(&fake)
            .run()
            .unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::ProgramFailed {
                program: fake.display().to_string(),
                status: Some(1),
                message: "pg_dump: error: connection to server failed".into()
            }
        );
    }

    #[test]
    fn the_password_travels_in_the_environment_and_is_masked_in_errors() {
        // The stand-in prints its arguments and the password it was given, then fails.
        let (_dir, fake) =
            fake_program("echo \"args: $*\" >&2\necho \"env: $PGPASSWORD\" >&2\nexit 1");
        let err = PgDump::new("postgresql://app:S3cr%40t@db/prod")
            .program(&fake)
            .run()
            .unwrap_err();
        let ErrorKind::ProgramFailed { message, .. } = err.kind() else {
            panic!("{err}");
        };
        assert_eq!(
            message,
            "args: --schema-only --no-password --dbname=postgresql://app@db/prod\nenv: ***"
        );
        assert!(!format!("{err} {err:?}").contains("S3cr"), "{err:?}");
    }

    #[test]
    fn a_missing_password_says_how_to_give_one() {
        let (_dir, fake) = fake_program(
            "echo 'pg_dump: error: connection to server failed: fe_sendauth: no password supplied' >&2\nexit 1",
        );
        let err = PgDump::new("postgresql://app@db/prod")
            .program(&fake)
            .run()
            .unwrap_err()
            .to_string();
        assert!(err.contains("no password supplied"), "{err}");
        assert!(
            err.contains("PGPASSWORD") && err.contains("~/.pgpass"),
            "{err}"
        );
    }

    #[test]
    fn output_beyond_the_limit_stops_the_program() {
        let (_dir, fake) = fake_program("exec yes 'CREATE TABLE t (a int);'");
        let err = PgDump::new("postgresql:///db")
            .program(&fake)
            .max_size(100_000)
            .run()
            .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::TooLarge { limit: 100_000 });
    }
}
