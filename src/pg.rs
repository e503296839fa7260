//! Running PostgreSQL's own tools: `pg_dump` to get a schema dump from a live database, and
//! `psql` to apply SQL to one (for tests that build databases from migrations).

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, ErrorKind, Result};

/// Finds a PostgreSQL program: the path in the environment variable `env_var` if set, else on
/// `PATH`, else in the newest `/usr/lib/postgresql/*/bin` (where Debian and Ubuntu put them).
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

fn not_found(program: &str, env_var: &str) -> Error {
    Error::new(
        ErrorKind::ProgramNotFound {
            program: program.to_string(),
            hint: format!("not on PATH, in ${env_var}, or under /usr/lib/postgresql/*/bin"),
        },
        None,
    )
}

fn failed(program: &Path, status: Option<i32>, stderr: &[u8]) -> Error {
    let message = String::from_utf8_lossy(stderr).trim().to_string();
    Error::new(
        ErrorKind::ProgramFailed {
            program: program.display().to_string(),
            status,
            message,
        },
        None,
    )
}

fn spawn_error(program: &Path, err: &std::io::Error) -> Error {
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
#[derive(Debug, Clone, Default)]
pub struct PgDump {
    url: String,
    no_owner: bool,
    no_privileges: bool,
    exclude_tables: Vec<String>,
    schemas: Vec<String>,
    program: Option<PathBuf>,
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
    pub fn no_owner(mut self, yes: bool) -> Self {
        self.no_owner = yes;
        self
    }

    /// `--no-privileges`: no `GRANT`/`REVOKE`.
    pub fn no_privileges(mut self, yes: bool) -> Self {
        self.no_privileges = yes;
        self
    }

    /// `--exclude-table=PATTERN` (pg_dump's patterns); repeatable.
    pub fn exclude_table(mut self, pattern: impl Into<String>) -> Self {
        self.exclude_tables.push(pattern.into());
        self
    }

    /// `--schema=NAME`: only this schema; repeatable.
    pub fn schema(mut self, name: impl Into<String>) -> Self {
        self.schemas.push(name.into());
        self
    }

    /// Runs this `pg_dump` program instead of searching for one.
    pub fn program(mut self, path: impl Into<PathBuf>) -> Self {
        self.program = Some(path.into());
        self
    }

    /// The command-line arguments, without the program.
    fn args(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec!["--schema-only".into()];
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
        args.push(format!("--dbname={}", self.url).into());
        args
    }

    /// Runs pg_dump and returns its output. A missing program, a failed connection or a
    /// non-zero exit is an error that carries pg_dump's own message.
    pub fn run(&self) -> Result<String> {
        let program = match &self.program {
            Some(p) => p.clone(),
            None => {
                find_program("pg_dump", "PG_DUMP").ok_or_else(|| not_found("pg_dump", "PG_DUMP"))?
            }
        };
        let out = Command::new(&program)
            .args(self.args())
            .stdin(Stdio::null())
            .output()
            .map_err(|e| spawn_error(&program, &e))?;
        if !out.status.success() {
            return Err(failed(&program, out.status.code(), &out.stderr));
        }
        String::from_utf8(out.stdout).map_err(|e| {
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
/// ```
pub fn with_database(url: &str, database: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        // A key=value connection string: a later dbname wins.
        return format!("{url} dbname={database}");
    };
    let authority = scheme_end + 3;
    let query = url.find('?').unwrap_or(url.len());
    let path = url[authority..query]
        .find('/')
        .map_or(query, |i| authority + i);
    format!("{}/{database}{}", &url[..path], &url[query..])
}

/// `pg_dump --schema-only` of the database at `url`, with pg_dump's defaults.
pub fn pg_dump(url: &str) -> Result<String> {
    PgDump::new(url).run()
}

/// Applies SQL to the database at `url` with `psql` (found like pg_dump, through `$PSQL`),
/// stopping at the first error, which is returned with psql's message.
pub fn psql(url: &str, sql: &str) -> Result<()> {
    let program = find_program("psql", "PSQL").ok_or_else(|| not_found("psql", "PSQL"))?;
    let mut child = Command::new(&program)
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"])
        .arg(format!("--dbname={url}"))
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
        return Err(failed(&program, out.status.code(), &out.stderr));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pg_dump_arguments_follow_the_options() {
        let args = PgDump::new("postgresql:///db")
            .no_owner(true)
            .no_privileges(true)
            .exclude_table("schema_migrations")
            .schema("app")
            .args();
        let args: Vec<String> = args.into_iter().map(|a| a.into_string().unwrap()).collect();
        assert_eq!(
            args,
            [
                "--schema-only",
                "--no-owner",
                "--no-privileges",
                "--exclude-table=schema_migrations",
                "--schema=app",
                "--dbname=postgresql:///db"
            ]
        );
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

    #[test]
    fn pg_dump_failures_carry_its_message() {
        // `false` stands in for a pg_dump that fails without a message; `sh -c` for one that
        // explains itself.
        let dir = std::env::temp_dir().join(format!("sql-compare-pg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fake = dir.join("pg_dump");
        std::fs::write(
            &fake,
            "#!/bin/sh\necho 'pg_dump: error: connection to server failed' >&2\nexit 1\n",
        )
        .unwrap();
        let _ = Command::new("chmod").arg("+x").arg(&fake).status();
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
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
