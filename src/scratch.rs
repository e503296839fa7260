//! Scratch databases: build a database from SQL files (migrations, models, a dump) and dump it
//! again, on a throwaway PostgreSQL cluster started from the local binaries or on a server
//! whose admin URL is given. No docker, no network.
//!
//! A throwaway cluster is private to the user that starts it: a fresh directory with an
//! unpredictable name and mode 0700 holds its data, its log and its socket; the server listens
//! on no TCP address and asks for a random password (SCRAM) that only the admin URL carries.
//! When the process runs as root the cluster runs as the `postgres` OS user (initdb refuses
//! root), or `nobody` where there is no `postgres`. A watcher process, in a process group of its
//! own and deaf to SIGHUP, SIGINT and SIGTERM, holds a pipe from this process: when the pipe
//! closes — the server dropped, or this process ending however it ends, SIGKILL included — it
//! stops the server (`pg_ctl stop -m immediate`) and removes the directory.

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::conninfo::{Conninfo, mask_in, redact};
use crate::error::{Error, ErrorKind, Result};
use crate::pg::{PgDump, command, failed, find_program, not_found, spawn_error, with_database};
use crate::tokenize::{Tok, statement_toks};

/// The environment variable that names a scratch server's admin URL for [`Scratch::from_env`]
/// and the command line's `--scratch`.
pub const SCRATCH_URL_ENV: &str = "SQL_COMPARE_SCRATCH_URL";

/// The port of a throwaway cluster: its socket directory alone tells it from other servers.
const PORT: u16 = 5432;

/// The name of a throwaway cluster's directory starts with this, followed by 16 random
/// characters (`a-z`, `2-7`).
pub const SCRATCH_DIR_PREFIX: &str = "sql-compare-pg-";

/// Settings of a throwaway cluster, for speed: nothing it holds needs to survive a crash. A
/// whole dump loads in one transaction, which holds a lock per table, index and sequence: the
/// default lock table (64 × max_connections) runs out at line 20,401 of the MusicBrainz dump;
/// 4096 × 20 slots take about 20 MB of shared memory.
const SETTINGS: &str = "
listen_addresses = ''
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
shared_buffers = 16MB
max_connections = 20
max_locks_per_transaction = 4096
autovacuum = off
jit = off
logging_collector = off
";

/// How to get a scratch server: a throwaway cluster (the default) or a given server.
///
/// ```no_run
/// use sql_compare::Scratch;
///
/// // SQL_COMPARE_SCRATCH_URL's server if set, else a throwaway cluster.
/// let server = Scratch::from_env().start()?;
/// let db = server.create_database()?;
/// db.load_path("db/migrations")?;
/// let dump = db.dump()?;
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Clone, Default)]
#[must_use]
pub struct Scratch {
    url: Option<String>,
    bin_dir: Option<PathBuf>,
    parent_dir: Option<PathBuf>,
}

impl fmt::Debug for Scratch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scratch")
            .field("url", &self.url.as_deref().map(redact))
            .field("bin_dir", &self.bin_dir)
            .field("parent_dir", &self.parent_dir)
            .finish()
    }
}

impl Scratch {
    /// A throwaway cluster, with the PostgreSQL programs found as [`find_program`] finds them
    /// (`$INITDB`, `$PG_CTL`, `PATH`, `/usr/lib/postgresql/*/bin`), in the temporary
    /// directory (`$TMPDIR`, else `/tmp`).
    pub fn new() -> Self {
        Self::default()
    }

    /// The server of `SQL_COMPARE_SCRATCH_URL` when that is set and not empty, else a
    /// throwaway cluster.
    pub fn from_env() -> Self {
        let url = std::env::var(SCRATCH_URL_ENV)
            .ok()
            .filter(|u| !u.is_empty());
        Self {
            url,
            ..Self::default()
        }
    }

    /// Uses the server at `admin_url` instead of starting one: its role needs `CREATEDB`, not
    /// `CREATEROLE` (roles that an input names and the server lacks are an error, never
    /// created). Scratch databases are created there with unique names and dropped when done.
    pub fn url(mut self, admin_url: impl Into<String>) -> Self {
        self.url = Some(admin_url.into());
        self
    }

    /// Takes `initdb` and `pg_ctl` from this directory.
    pub fn bin_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.bin_dir = Some(dir.into());
        self
    }

    /// Makes the cluster's private directory in `dir` instead of the temporary directory. The
    /// cluster's OS user must be able to enter `dir` (mode `o+x`) when the process is root.
    pub fn parent_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.parent_dir = Some(dir.into());
        self
    }

    /// Starts the throwaway cluster, or checks that the given server answers.
    ///
    /// # Errors
    ///
    /// Missing programs (`initdb`, `pg_ctl`, `psql`), a failed `initdb` or server start (with
    /// the end of the server's log), or a given server that refuses the connection
    /// ([`ErrorKind::Scratch`], [`ErrorKind::ProgramNotFound`], [`ErrorKind::ProgramFailed`]).
    pub fn start(self) -> Result<ScratchServer> {
        let started = Instant::now();
        let (admin_url, local) = match self.url {
            Some(url) => {
                query(&url, "SELECT 1", false)?;
                (url, None)
            }
            None => {
                let (url, local) = self.start_cluster()?;
                (url, Some(local))
            }
        };
        Ok(ScratchServer {
            admin_url,
            local,
            roles: Mutex::new(()),
            settings: OnceLock::new(),
            counter: AtomicU32::new(0),
            startup: started.elapsed(),
        })
    }

    fn program(&self, name: &str, env_var: &str) -> Result<PathBuf> {
        match &self.bin_dir {
            Some(dir) => Ok(dir.join(name)),
            None => find_program(name, env_var).ok_or_else(|| not_found(name, env_var)),
        }
    }

    fn start_cluster(&self) -> Result<(String, Local)> {
        let initdb = self.program("initdb", "INITDB")?;
        let pg_ctl = self.program("pg_ctl", "PG_CTL")?;
        // initdb refuses to run as root: the cluster then runs as an unprivileged user.
        let os_user = if is_root() {
            Some(unprivileged_user()?)
        } else {
            None
        };
        let parent = self.parent_dir.clone().unwrap_or_else(std::env::temp_dir);
        // unix_socket_directories is a comma-separated list: a comma, a backslash or a line
        // break in the path cannot be written there.
        let shown = parent.display().to_string();
        if shown.contains([',', '\\', '\n', '\r']) || parent.to_str().is_none() {
            return Err(scratch_error(format!(
                "{shown}: the cluster's directory cannot be made here: its path holds a comma, a \
                 backslash, a line break or bytes that are not UTF-8 (set TMPDIR or parent_dir \
                 to another directory)"
            )));
        }
        // From here on the watcher stops the server (if any) and removes the directory when
        // the pipe closes: when `Local` is dropped, on an error below included, or when this
        // process ends (it starts before the directory is made).
        let (dir, watcher) = private_dir(&parent, &pg_ctl, os_user.as_deref())?;
        let data = dir.join("data");
        let local = Local {
            watcher: Some(watcher),
            dir,
            password: random_hex(16)?,
            os_user,
        };
        let dir = local.dir.clone();
        // Root hands the cluster's user nothing by path in a directory that user owns: a
        // process with that uid could swap a name for a symlink to any file. The password
        // file is made and handed over (fchown) through its open handle while the directory
        // is still root's; the directory itself goes last, through its own handle.
        let owner = match &local.os_user {
            Some(user) => Some((user_id(user, "-u")?, user_id(user, "-g")?)),
            None => None,
        };
        let pwfile = dir.join("pwfile");
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&pwfile)
            .and_then(|mut f| {
                f.write_all(local.password.as_bytes())?;
                match owner {
                    Some((uid, gid)) => std::os::unix::fs::fchown(&f, Some(uid), Some(gid)),
                    None => Ok(()),
                }
            })
            .map_err(|e| scratch_error(format!("{}: {e}", pwfile.display())))?;
        if let Some((uid, gid)) = owner {
            std::fs::File::open(&dir)
                .and_then(|d| {
                    // The directory is still root's (mode 0700): nobody else could have
                    // replaced it, but check what the handle is before giving it away.
                    let m = d.metadata()?;
                    if !m.is_dir() || m.uid() != 0 {
                        return Err(std::io::Error::other("not the directory made here"));
                    }
                    std::os::unix::fs::fchown(&d, Some(uid), Some(gid))
                })
                .map_err(|e| scratch_error(format!("{}: {e}", dir.display())))?;
        }
        let initialised = local.run(
            local
                .as_user(&initdb)
                .arg("-D")
                .arg(&data)
                .arg(format!("--pwfile={}", pwfile.display()))
                .args([
                    "-U",
                    "postgres",
                    "--auth=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                    "--no-instructions",
                ]),
        );
        let _ = std::fs::remove_file(&pwfile);
        initialised.map_err(scratch_error)?;
        // The settings go in the configuration file, so that no path is quoted for a shell.
        let settings = format!(
            "{SETTINGS}unix_socket_directories = '{}'\nport = {PORT}\n",
            dir.display().to_string().replace('\'', "''"),
        );
        // Written as the cluster's user: the file is in a directory that user owns.
        let conf = data.join("postgresql.conf");
        append_as(&local, &conf, &settings)?;
        let log = dir.join("log");
        if let Err(e) = local.run(
            local
                .as_user(&pg_ctl)
                .arg("-D")
                .arg(&data)
                .args(["-w", "-t", "60", "-l"])
                .arg(&log)
                .arg("start"),
        ) {
            let tail = read_tail(&local, &log);
            return Err(scratch_error(format!("{e}; server log: {tail}")));
        }
        let url = format!(
            "postgresql:///postgres?host={}&port={PORT}&user=postgres&password={}",
            percent_encode(&dir.display().to_string()),
            local.password
        );
        Ok((url, local))
    }
}

/// A PostgreSQL server for scratch databases: a throwaway cluster (stopped and removed when
/// dropped) or a given server. Made by [`Scratch::start`]; shared between threads by
/// reference.
///
/// ```no_run
/// use sql_compare::{Comparer, ScratchServer, assert_schema_eq};
///
/// let server = ScratchServer::start()?;
/// let (models, migrated) = (server.create_database()?, server.create_database()?);
/// models.load_path("db/schema.sql")?;
/// migrated.load_path("db/migrations")?;
/// assert_schema_eq!(models.dump()?, migrated.dump()?, options = Comparer::new().exclude_migration_tables());
/// # Ok::<(), sql_compare::Error>(())
/// ```
pub struct ScratchServer {
    admin_url: String,
    local: Option<Local>,
    /// Role lookups and creation take turns: roles belong to the whole cluster.
    roles: Mutex<()>,
    /// The names of the server's settings (`pg_settings`), looked up once.
    settings: OnceLock<BTreeSet<String>>,
    counter: AtomicU32,
    startup: Duration,
}

/// A throwaway cluster: where it lives, how to get in, and what removes it.
struct Local {
    /// The private directory: socket, data directory (`data`) and server log (`log`).
    dir: PathBuf,
    /// The superuser's password.
    password: String,
    /// The cluster's OS user when the process runs as root.
    os_user: Option<String>,
    /// The cleanup watcher and the write end of its stdin, never written.
    watcher: Option<(Child, ChildStdin)>,
}

impl Local {
    /// A command for a PostgreSQL server program, run as the cluster's OS user with the
    /// server's environment ([`server_env`]).
    fn as_user(&self, program: &Path) -> Command {
        let mut c = match &self.os_user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(program);
                c
            }
            None => Command::new(program),
        };
        server_env(&mut c);
        c
    }
}

impl Local {
    /// Runs a start-up program (initdb, pg_ctl) in a process group of its own whose id the
    /// watcher is told (a line on its pipe) while it runs, and an empty line once it has
    /// ended: if this process dies meanwhile, the watcher ends the group before it removes
    /// the directory, and no initdb goes on writing there.
    fn run(&self, cmd: &mut Command) -> std::result::Result<(), String> {
        let child = cmd
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{cmd:?}: {e}"))?;
        let mut pipe = self.watcher.as_ref().map(|(_, stdin)| stdin);
        if let Some(p) = pipe.as_mut() {
            let _ = writeln!(p, "{}", child.id());
        }
        let out = child.wait_with_output();
        if let Some(p) = pipe.as_mut() {
            let _ = writeln!(p);
        }
        let out = out.map_err(|e| format!("{cmd:?}: {e}"))?;
        check(cmd, &out)
    }
}

impl Drop for Local {
    /// Closes the watcher's pipe and waits for it to stop the server and remove the directory.
    fn drop(&mut self) {
        if let Some((mut child, stdin)) = self.watcher.take() {
            drop(stdin);
            let _ = child.wait();
        }
    }
}

impl fmt::Debug for ScratchServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScratchServer")
            .field("admin_url", &redact(&self.admin_url))
            .field("dir", &self.dir())
            .field("os_user", &self.os_user())
            .finish_non_exhaustive()
    }
}

impl ScratchServer {
    /// A throwaway cluster: `Scratch::new().start()`.
    ///
    /// # Errors
    ///
    /// As [`Scratch::start`].
    pub fn start() -> Result<Self> {
        Scratch::new().start()
    }

    /// A superuser URL of the server (for a throwaway cluster, with its password: masked by
    /// [`redact`] and `Debug`, and given to programs through `PGPASSWORD`).
    pub fn admin_url(&self) -> &str {
        &self.admin_url
    }

    /// The throwaway cluster's private directory (which holds its socket); `None` for a given
    /// server.
    pub fn dir(&self) -> Option<&Path> {
        self.local.as_ref().map(|l| l.dir.as_path())
    }

    /// The superuser's password of the throwaway cluster; `None` for a given server.
    pub fn password(&self) -> Option<&str> {
        self.local.as_ref().map(|l| l.password.as_str())
    }

    /// The OS user the throwaway cluster runs as, when the process is root.
    pub fn os_user(&self) -> Option<&str> {
        self.local.as_ref().and_then(|l| l.os_user.as_deref())
    }

    /// The throwaway cluster's port (the socket is `DIR/.s.PGSQL.PORT`).
    pub fn port(&self) -> u16 {
        PORT
    }

    /// How long [`Scratch::start`] took.
    pub fn startup_time(&self) -> Duration {
        self.startup
    }

    /// Creates a database with a unique name (from `template0`), dropped when the returned
    /// value is.
    ///
    /// # Errors
    ///
    /// psql's message when `CREATE DATABASE` fails.
    pub fn create_database(&self) -> Result<ScratchDatabase<'_>> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let name = format!(
            "sqlcmp_{}_{n}_{}",
            std::process::id(),
            random_hex(4).unwrap_or_default()
        );
        crate::pg::run_psql(
            &self.admin_url,
            &format!("CREATE DATABASE {name} TEMPLATE template0;"),
            self.local.is_some(),
        )?;
        Ok(ScratchDatabase {
            url: with_database(&self.admin_url, &name),
            name,
            server: self,
        })
    }

    /// The rows of a query of one column (names), as the admin user sees them.
    fn names(&self, sql: &str) -> Result<BTreeSet<String>> {
        let rows = query(&self.admin_url, sql, self.local.is_some())?;
        Ok(rows.lines().map(str::to_string).collect())
    }

    /// The names of the server's settings.
    fn settings(&self) -> Result<&BTreeSet<String>> {
        if let Some(s) = self.settings.get() {
            return Ok(s);
        }
        let names = self.names("SELECT name FROM pg_settings")?;
        Ok(self.settings.get_or_init(|| names))
    }

    /// Makes sure the roles exist: creates the missing ones on a throwaway cluster, or names
    /// them in an error on a given server. Returns the roles created.
    fn ensure_roles(&self, roles: &BTreeSet<String>) -> Result<Vec<String>> {
        if roles.is_empty() {
            return Ok(Vec::new());
        }
        let _turn = self.roles.lock().unwrap_or_else(|p| p.into_inner());
        let existing = self.names("SELECT rolname FROM pg_roles")?;
        let missing: Vec<String> = roles.difference(&existing).cloned().collect();
        if missing.is_empty() {
            return Ok(missing);
        }
        if self.local.is_none() {
            return Err(Error::new(ErrorKind::MissingRoles { roles: missing }, None));
        }
        let sql: String = missing
            .iter()
            .map(|r| {
                let mut sql = String::from("CREATE ROLE ");
                let _ = crate::tokenize::write_ident(&mut sql, r);
                sql.push_str(";\n");
                sql
            })
            .collect();
        crate::pg::run_psql(&self.admin_url, &sql, true)?;
        Ok(missing)
    }
}

/// A database of a [`ScratchServer`], dropped (`DROP DATABASE … WITH (FORCE)`) when this
/// value is.
///
/// ```no_run
/// let server = sql_compare::Scratch::new().start()?;
/// let db = server.create_database()?;
/// let report = db.load_path("db/migrations")?;
/// println!("{} files; roles created: {:?}", report.files(), report.created_roles());
/// db.execute("ANALYZE;")?;
/// let dump = db.pg_dump().no_owner(true).run()?;
/// assert!(dump.contains("CREATE TABLE"));
/// # Ok::<(), sql_compare::Error>(())
/// ```
pub struct ScratchDatabase<'s> {
    url: String,
    name: String,
    server: &'s ScratchServer,
}

impl fmt::Debug for ScratchDatabase<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScratchDatabase")
            .field("url", &redact(&self.url))
            .finish_non_exhaustive()
    }
}

impl Drop for ScratchDatabase<'_> {
    fn drop(&mut self) {
        let _ = crate::pg::run_psql(
            &self.server.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE);", self.name),
            self.server.local.is_some(),
        );
    }
}

/// What loading SQL into a scratch database did besides running it.
///
/// ```no_run
/// let server = sql_compare::ScratchServer::start()?;
/// let db = server.create_database()?;
/// // A PostgreSQL 17 dump on PostgreSQL 15: its `SET transaction_timeout = 0;` is skipped.
/// let report = db.load_path("pg17-dump.sql")?;
/// assert_eq!(report.files(), 1);
/// assert_eq!(report.skipped_settings(), ["transaction_timeout"]);
/// # Ok::<(), sql_compare::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    files: usize,
    skipped_settings: Vec<String>,
    created_roles: Vec<String>,
}

impl LoadReport {
    /// How many files ran.
    pub fn files(&self) -> usize {
        self.files
    }

    /// The settings of `SET` statements that were skipped because the server does not know
    /// them (a PostgreSQL 17 dump's `transaction_timeout` on PostgreSQL 15), one per skipped
    /// statement.
    pub fn skipped_settings(&self) -> &[String] {
        &self.skipped_settings
    }

    /// The roles created because the SQL named them (`OWNER TO`, `GRANT … TO`) and the
    /// throwaway cluster lacked them.
    pub fn created_roles(&self) -> &[String] {
        &self.created_roles
    }
}

/// One SQL text to load, with the name that messages give it.
struct Script {
    name: String,
    text: String,
    /// Where psql runs, so that `\i` finds files beside the script.
    dir: Option<PathBuf>,
}

impl ScratchDatabase<'_> {
    /// The database's connection URL (with the server's password, if any).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs SQL as it is, with psql, stopping at the first error.
    ///
    /// # Errors
    ///
    /// As [`psql`](crate::psql).
    pub fn execute(&self, sql: &str) -> Result<()> {
        crate::pg::run_psql(&self.url, sql, self.server.local.is_some())
    }

    /// Loads SQL (a dump, a schema file, a migration), named `name` in messages: in one
    /// transaction, stopping at the first error. The SQL runs as a superuser of the server:
    /// load only inputs you would run yourself. Before it runs, psql meta-commands other than
    /// `\i`, `\ir`, `\include`, `\include_relative`, `\set`, `\echo`, `\restrict` and
    /// `\unrestrict` are refused (`\restrict`/`\unrestrict` are taken out where the local psql
    /// predates them, and then any other meta-command in that input is refused), `SET`
    /// statements of settings the server does not know are skipped (line numbers stay), and
    /// the roles it names but does not create are created (on a throwaway cluster). Files
    /// that `\i` includes are not checked.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::LoadFailed`] with the line psql reported and PostgreSQL's message, or
    /// with the line of a refused meta-command; [`ErrorKind::MissingRoles`] on a given server
    /// that lacks roles the SQL names.
    pub fn load(&self, sql: &str, name: &str) -> Result<LoadReport> {
        self.load_scripts(vec![Script {
            name: name.to_string(),
            text: sql.to_string(),
            dir: None,
        }])
    }

    /// Loads a SQL file, or the `*.sql` files of a directory in name order (each in its own
    /// transaction), as [`ScratchDatabase::load`] does.
    ///
    /// # Errors
    ///
    /// As [`ScratchDatabase::load`]; an unreadable file or directory, or a directory without
    /// `*.sql` files, is an error too.
    pub fn load_path(&self, path: impl AsRef<Path>) -> Result<LoadReport> {
        self.load_path_max(path, u64::MAX)
    }

    /// [`ScratchDatabase::load_path`], refusing more than `max_size` bytes of SQL in all (a
    /// file, or the `*.sql` files of a directory together) before any of it runs.
    ///
    /// # Errors
    ///
    /// As [`ScratchDatabase::load_path`]; more than `max_size` bytes is an
    /// [`ErrorKind::Io`] error (`InvalidData`) naming the path.
    pub fn load_path_max(&self, path: impl AsRef<Path>, max_size: u64) -> Result<LoadReport> {
        let path = path.as_ref();
        let files = if path.is_dir() {
            let files = sql_files(path)?;
            if files.is_empty() {
                return Err(Error::new(
                    ErrorKind::Io {
                        kind: std::io::ErrorKind::NotFound,
                        message: "no *.sql files in the directory".into(),
                    },
                    None,
                )
                .with_path(path));
            }
            files
        } else {
            vec![path.to_path_buf()]
        };
        let too_large = || {
            Error::new(
                ErrorKind::Io {
                    kind: std::io::ErrorKind::InvalidData,
                    message: format!("larger than the limit of {max_size} bytes"),
                },
                None,
            )
            .with_path(path)
        };
        // What is left of the limit: each read stops one byte past it, so that a file that
        // grows after its size was looked at is still caught.
        let mut left = max_size;
        let scripts = files
            .into_iter()
            .map(|file| {
                let mut bytes = Vec::new();
                std::fs::File::open(&file)
                    .and_then(|f| f.take(left.saturating_add(1)).read_to_end(&mut bytes))
                    .map_err(|e| Error::io(&file, e))?;
                left = left.checked_sub(bytes.len() as u64).ok_or_else(too_large)?;
                let text = crate::decode(&bytes)
                    .map_err(|e| e.with_path(&file))?
                    .to_string();
                Ok(Script {
                    name: file.display().to_string(),
                    text,
                    dir: file.parent().map(Path::to_path_buf),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        self.load_scripts(scripts)
    }

    fn load_scripts(&self, scripts: Vec<Script>) -> Result<LoadReport> {
        let mut report = LoadReport::default();
        let analyses: Vec<Analysis> = scripts.iter().map(|s| analyse(&s.text)).collect();
        // Nothing runs when any input holds a meta-command that is not run.
        for (script, analysis) in scripts.iter().zip(&analyses) {
            check_meta_commands(&script.name, &analysis.meta_commands)?;
            let cwd = script.dir.clone().unwrap_or_default();
            let mut checked = HashSet::new();
            check_included(
                &script.name,
                &cwd,
                &cwd,
                &analysis.meta_commands,
                0,
                &mut checked,
            )?;
        }
        // Roles that one file creates are no one's to create beforehand.
        let created: BTreeSet<String> = analyses
            .iter()
            .flat_map(|a| a.created_roles.iter().cloned())
            .collect();
        let named: BTreeSet<String> = analyses
            .iter()
            .flat_map(|a| a.named_roles.iter().cloned())
            .filter(|r| !created.contains(r))
            .collect();
        report.created_roles = self.server.ensure_roles(&named)?;
        let needs_settings = analyses.iter().any(|a| !a.settings.is_empty());
        let known = if needs_settings {
            Some(self.server.settings()?)
        } else {
            None
        };
        for (script, analysis) in scripts.iter().zip(&analyses) {
            let mut text = script.text.clone();
            for (range, setting) in &analysis.settings {
                if known.is_some_and(|k| !k.contains(setting)) {
                    blank(&mut text, range.clone());
                    report.skipped_settings.push(setting.clone());
                }
            }
            if !psql_knows_restrict() {
                for m in analysis.meta_commands.iter().filter(|m| m.is_restrict()) {
                    blank(&mut text, m.range.clone());
                }
            }
            self.run_script(&text, &script.name, script.dir.as_deref())?;
            report.files += 1;
        }
        Ok(report)
    }

    fn run_script(&self, sql: &str, name: &str, dir: Option<&Path>) -> Result<()> {
        let program = find_program("psql", "PSQL").ok_or_else(|| not_found("psql", "PSQL"))?;
        let conn = Conninfo::parse(&self.url);
        let local = self.server.local.is_some();
        let mut cmd = command(&program, &conn);
        client_env(&mut cmd, &conn, local);
        cmd.args([
            "-X",
            "-q",
            "--no-password",
            "--single-transaction",
            "-v",
            "ON_ERROR_STOP=1",
            "-f",
            "-",
        ])
        .arg(format!("--dbname={}", conn.without_password))
        .env(
            "PGOPTIONS",
            pgoptions(local, "-c client_min_messages=warning"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
        if let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            cmd.current_dir(d);
        }
        let mut child = cmd.spawn().map_err(|e| spawn_error(&program, &e))?;
        let stdin = child.stdin.take();
        let stderr = std::thread::scope(|s| {
            // psql may stop reading at an error; what it said matters then, not the write.
            s.spawn(move || {
                if let Some(mut stdin) = stdin {
                    let _ = stdin.write_all(sql.as_bytes());
                }
            });
            let mut buf = Vec::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_end(&mut buf);
            }
            buf
        });
        let status = child.wait().map_err(|e| spawn_error(&program, &e))?;
        if status.success() {
            return Ok(());
        }
        let text = mask_in(
            String::from_utf8_lossy(&stderr).trim(),
            conn.password.as_deref(),
        );
        match psql_error(&text) {
            Some((line, message)) => Err(Error::new(
                ErrorKind::LoadFailed {
                    file: name.to_string(),
                    line,
                    message,
                },
                None,
            )),
            None => Err(failed(&program, status.code(), text.as_bytes(), &conn)),
        }
    }

    /// A [`PgDump`] of this database, to add options to.
    pub fn pg_dump(&self) -> PgDump {
        let mut dump = PgDump::new(self.url.clone());
        dump.isolated = self.server.local.is_some();
        dump
    }

    /// `pg_dump --schema-only` of this database.
    ///
    /// # Errors
    ///
    /// As [`PgDump::run`].
    pub fn dump(&self) -> Result<String> {
        self.pg_dump().run()
    }
}

/// The first error PostgreSQL reported through psql: the line (of
/// `psql:FILE:LINE: ERROR:  message`) and `ERROR: message`, on one line. `None` for psql's own
/// failures (`psql: error: connection to server … failed`).
fn psql_error(stderr: &str) -> Option<(Option<u32>, String)> {
    for line in stderr.lines() {
        let Some(rest) = line.strip_prefix("psql:") else {
            continue;
        };
        for level in ["ERROR:", "FATAL:"] {
            if let Some(at) = rest.find(&format!(" {level}")) {
                let location = rest[..at].trim_end_matches(':');
                let number = location
                    .rsplit(':')
                    .next()
                    .and_then(|n| n.parse::<u32>().ok());
                let message = rest[at + 1 + level.len()..].trim();
                return Some((number, format!("{level} {message}")));
            }
        }
    }
    None
}

/// The `*.sql` files of a directory, in name order.
fn sql_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "sql") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// What a SQL text needs before it can load.
#[derive(Debug, Default, PartialEq, Eq)]
struct Analysis {
    /// Roles it names (owners, grantees, policy roles).
    named_roles: BTreeSet<String>,
    /// Roles it creates.
    created_roles: BTreeSet<String>,
    /// `SET name …` statements: byte range and setting name (lower case).
    settings: Vec<(std::ops::Range<usize>, String)>,
    /// psql meta-commands, outside strings, comments and `COPY … FROM stdin` data.
    meta_commands: Vec<Meta>,
}

/// A psql meta-command: `\name args…` up to the end of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Meta {
    /// From the backslash to the end of the line (the line break excluded).
    range: std::ops::Range<usize>,
    /// Its line, from 1.
    line: u32,
    /// Its name, without the backslash.
    name: String,
    /// Whether its arguments hold a backquote (psql runs backquoted text as a shell command).
    backquote: bool,
    /// What follows the name on its line.
    args: String,
    /// Why the input cannot be loaded at this place although no meta-command is named there
    /// (text psql would run that the check cannot see for sure).
    refuse: Option<&'static str>,
}

impl Meta {
    /// The arguments, trimmed (set by [`meta_commands`]).
    fn range_text_arg(&self) -> &str {
        self.args.trim()
    }

    fn is_restrict(&self) -> bool {
        matches!(self.name.as_str(), "restrict" | "unrestrict")
    }
}

/// The meta-commands that inputs may hold: including files beside them (migrations do),
/// echoes, and pg_dump's `\restrict`/`\unrestrict` guard. Any other one (`\!`, `\setenv`,
/// `\o`, `\w`, `\copy`, `\g`, `\c`…) could run programs or touch files as the calling user,
/// and is refused; so is `\set` (a variable's value is read again as psql input where `:name`
/// stands, meta-commands included), and a backquote (a shell command) or a backslash (a
/// second meta-command) in the arguments of an allowed one.
const ALLOWED_META_COMMANDS: &[&str] = &[
    "i",
    "ir",
    "include",
    "include_relative",
    "echo",
    "restrict",
    "unrestrict",
];

/// Refuses an input's meta-commands that are not run ([`ALLOWED_META_COMMANDS`]); when the
/// local psql predates `\restrict` (which is then taken out), refuses every other
/// meta-command of an input that holds one, since what `\restrict` guards is gone.
fn check_meta_commands(file: &str, metas: &[Meta]) -> Result<()> {
    let unguarded = !psql_knows_restrict() && metas.iter().any(Meta::is_restrict);
    for m in metas {
        let refused = m.refuse.is_some()
            || !ALLOWED_META_COMMANDS.contains(&m.name.as_str())
            || m.backquote
            || m.args.contains('\\')
            || (unguarded && !m.is_restrict());
        if refused {
            let message = match m.refuse {
                Some(why) => why.to_string(),
                None => format!("psql meta-command \\{} is not run by sql-compare", m.name),
            };
            return Err(Error::new(
                ErrorKind::LoadFailed {
                    file: file.to_string(),
                    line: Some(m.line),
                    message,
                },
                None,
            ));
        }
    }
    Ok(())
}

/// Checks the files that `\i`, `\ir`, `\include` and `\include_relative` name, and the files
/// they include in turn, as the input itself ([`check_meta_commands`]). `\i` names a file
/// from psql's directory `cwd`, `\ir` from the including file's `here`. A name psql would
/// build from a variable (`:name`), an unreadable file or includes deeper than 16 are
/// refused: what runs must have been checked. A file checked once (`checked`) is not read
/// again: a file included twice at every level would be read 2^16 times.
fn check_included(
    file: &str,
    cwd: &Path,
    here: &Path,
    metas: &[Meta],
    depth: u32,
    checked: &mut HashSet<PathBuf>,
) -> Result<()> {
    for m in metas {
        let relative = match m.name.as_str() {
            "i" | "include" => false,
            "ir" | "include_relative" => true,
            _ => continue,
        };
        let refuse = |why: &str| {
            Error::new(
                ErrorKind::LoadFailed {
                    file: file.to_string(),
                    line: Some(m.line),
                    message: format!("psql meta-command \\{}: {why}", m.name),
                },
                None,
            )
        };
        // The argument, as psql reads it: a word, or a single-quoted string.
        let arg = m.range_text_arg();
        let name = match arg.strip_prefix('\'') {
            Some(quoted) => match quoted.strip_suffix('\'') {
                Some(inner) if !inner.contains(['\'', '\\']) => inner.to_string(),
                _ => return Err(refuse("a quoted name sql-compare cannot check")),
            },
            None if arg.contains([':', '\\', '"', ' ', '\t']) || arg.is_empty() => {
                return Err(refuse("a name sql-compare cannot check"));
            }
            None => arg.to_string(),
        };
        if depth >= 16 {
            return Err(refuse("includes nested deeper than 16"));
        }
        let path = if relative {
            here.join(&name)
        } else {
            cwd.join(&name)
        };
        if !checked.insert(path.clone()) {
            continue;
        }
        let bytes =
            std::fs::read(&path).map_err(|e| refuse(&format!("{}: {e}", path.display())))?;
        let text = String::from_utf8_lossy(&bytes);
        let shown = path.display().to_string();
        let inner = meta_commands(&text);
        check_meta_commands(&shown, &inner)?;
        let next = path.parent().map(Path::to_path_buf).unwrap_or_default();
        check_included(&shown, cwd, &next, &inner, depth + 1, checked)?;
    }
    Ok(())
}

/// Whether the local psql knows `\restrict` (15.14, 16.10, 17.6, 14.19, 13.22 and later): it
/// then runs a dump's `\restrict KEY`, which keeps a hostile server from slipping
/// meta-commands into the dump. Asked once (`psql --version`).
fn psql_knows_restrict() -> bool {
    static KNOWS: OnceLock<bool> = OnceLock::new();
    *KNOWS.get_or_init(|| {
        let Some(program) = find_program("psql", "PSQL") else {
            return false;
        };
        let Ok(out) = Command::new(program).arg("--version").output() else {
            return false;
        };
        version_knows_restrict(&String::from_utf8_lossy(&out.stdout))
    })
}

/// `psql (PostgreSQL) 15.18 (Debian …)`: whether that version knows `\restrict`.
fn version_knows_restrict(version: &str) -> bool {
    let Some(number) = version
        .split_whitespace()
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    else {
        return false;
    };
    let mut parts = number
        .split(|c: char| !c.is_ascii_digit())
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    match major {
        13 => minor >= 22,
        14 => minor >= 19,
        15 => minor >= 14,
        16 => minor >= 10,
        17 => minor >= 6,
        m => m >= 18,
    }
}

/// The meta-commands of `sql` as psql finds them: a backslash outside quoted strings,
/// quoted identifiers, dollar quotes and comments, anywhere on a line; the lines of
/// `COPY … FROM stdin` data (up to `\.`) are data.
fn meta_commands(sql: &str) -> Vec<Meta> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1u32;
    let mut statement_start = 0;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80;
    let end_of_line = |from: usize| {
        b[from..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| from + p)
    };
    while i < b.len() {
        let c = b[i];
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                let leading = sql[statement_start..i].trim().is_empty();
                i = end_of_line(i);
                // A comment before a statement is not its first word (`COPY` must be).
                if leading {
                    statement_start = i;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let leading = sql[statement_start..i].trim().is_empty();
                let mut depth = 1;
                i += 2;
                while i < b.len() && depth > 0 {
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 1;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 1;
                    }
                    i += 1;
                }
                if leading {
                    statement_start = i.min(b.len());
                }
            }
            b'\'' | b'"' => {
                // E'…' strings take backslash escapes.
                let escapes =
                    c == b'\'' && matches!(prev, b'e' | b'E') && (i < 2 || !ident(b[i - 2]));
                i += 1;
                while i < b.len() {
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    if escapes && b[i] == b'\\' {
                        if b.get(i + 1) == Some(&b'\n') {
                            line += 1;
                        }
                        i += 2;
                        continue;
                    }
                    if b[i] == c {
                        if b.get(i + 1) == Some(&c) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'$' if !ident(prev) => {
                let tag_end = b[i + 1..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80))
                    .map(|p| i + 1 + p);
                let is_tag = tag_end
                    .is_some_and(|e| b[e] == b'$' && !b.get(i + 1).is_some_and(u8::is_ascii_digit));
                match tag_end.filter(|_| is_tag) {
                    Some(e) => {
                        let tag = &b[i..=e];
                        let body = e + 1;
                        let close = b[body..]
                            .windows(tag.len())
                            .position(|w| w == tag)
                            .map_or(b.len(), |p| body + p + tag.len());
                        line += b[i..close].iter().filter(|&&c| c == b'\n').count() as u32;
                        i = close;
                    }
                    None => i += 1,
                }
            }
            b';' => {
                let statement = sql[statement_start..i].trim().to_ascii_uppercase();
                let words: Vec<&str> = statement.split_whitespace().collect();
                i += 1;
                statement_start = i;
                let copy_in = words.first() == Some(&"COPY")
                    && words.windows(2).any(|w| w == ["FROM", "STDIN"]);
                if copy_in {
                    // What psql reads as data must be data: a plain `COPY name [(columns)]
                    // FROM stdin [options];` with nothing after it on its line. Anything else
                    // (a comment, a query, more text) could hide lines psql runs.
                    let rest_of_line = sql[i..end_of_line(i)].trim();
                    let refuse = if !plain_copy_from_stdin(&statement) {
                        Some("a COPY statement that sql-compare cannot tell from COPY … FROM stdin")
                    } else if !rest_of_line.is_empty() {
                        Some("text after COPY … FROM stdin; on its line")
                    } else {
                        None
                    };
                    if refuse.is_some() {
                        out.push(Meta {
                            range: i..i,
                            line,
                            name: String::new(),
                            backquote: false,
                            args: String::new(),
                            refuse,
                        });
                        return out;
                    }
                    // The data starts on the next line and ends at a line `\.`.
                    let mut at = end_of_line(i);
                    while at < b.len() {
                        line += 1;
                        let next = end_of_line(at + 1);
                        let text = &sql[at + 1..next];
                        at = next;
                        if text.trim_end_matches('\r') == "\\." {
                            break;
                        }
                    }
                    i = at;
                    statement_start = i;
                }
            }
            b'\\' => {
                let end = end_of_line(i);
                let text = &sql[i + 1..end];
                let name: String = text
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '\\')
                    .collect();
                out.push(Meta {
                    range: i..end,
                    line,
                    args: text[name.len()..].to_string(),
                    name,
                    backquote: text.contains('`'),
                    refuse: None,
                });
                i = end;
                statement_start = i;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether an upper-cased statement (without its `;`) is `COPY name [(columns)] FROM STDIN`,
/// possibly followed by options (`WITH (…)`, `(…)`, `CSV …`), with no comment, no quoted
/// text and no parenthesis but the column list and the options.
fn plain_copy_from_stdin(statement: &str) -> bool {
    if statement.contains("/*") || statement.contains("--") || statement.contains('\'') {
        return false;
    }
    let Some(at) = statement.rfind(" FROM STDIN") else {
        return false;
    };
    let (head, tail) = (&statement[..at], &statement[at + " FROM STDIN".len()..]);
    let Some(target) = head.strip_prefix("COPY ") else {
        return false;
    };
    let target = target.trim();
    let name_ok = match target.find('(') {
        None => true,
        Some(open) => target.ends_with(')') && !target[open + 1..].contains(['(']) && open > 0,
    };
    let tail = tail.trim();
    name_ok
        && !target.is_empty()
        && !target.starts_with('(')
        && (tail.is_empty()
            || !tail.contains(['(', ')'])
            || tail.starts_with("WITH")
            || tail.starts_with('('))
        && !tail.contains(" TO ")
        && !tail.contains(';')
}

/// Replaces `range` of `text` by spaces, keeping line breaks (and so line numbers).
fn blank(text: &mut String, range: std::ops::Range<usize>) {
    let blanked: String = text[range.clone()]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(range, &blanked);
}

fn analyse(sql: &str) -> Analysis {
    let mut a = Analysis {
        meta_commands: meta_commands(sql),
        ..Analysis::default()
    };
    // Text the statement splitter rejects goes to psql as it is, which says what is wrong.
    let Ok(statements) = crate::statements(sql) else {
        return a;
    };
    let base = sql.as_ptr() as usize;
    for statement in statements {
        let text = statement.text();
        let head: String = text
            .chars()
            .take(32)
            .collect::<String>()
            .to_ascii_uppercase();
        let interesting = ["ALTER ", "GRANT ", "REVOKE ", "CREATE ", "SET "]
            .iter()
            .any(|p| head.starts_with(p));
        if !interesting {
            continue;
        }
        let words = words(text);
        if head.starts_with("SET ") {
            if let Some(name) = set_name(&words) {
                let start = text.as_ptr() as usize - base;
                a.settings.push((start..start + text.len(), name));
            }
            continue;
        }
        roles_of(&words, &mut a.named_roles, &mut a.created_roles);
    }
    a
}

/// A token of a statement, for finding role names.
#[derive(Debug, PartialEq, Eq)]
enum Word {
    /// A word: its upper-case spelling when unquoted, and the name it stands for.
    Word {
        upper: Option<String>,
        name: String,
        depth: u32,
    },
    /// Anything else: a comma, a dot, a string…
    Other { comma: bool, dot: bool, depth: u32 },
}

impl Word {
    fn keyword(&self) -> Option<&str> {
        match self {
            Word::Word {
                upper: Some(u),
                depth: 0,
                ..
            } => Some(u),
            _ => None,
        }
    }
}

/// The tokens of one statement as [`Word`]s (none if it does not tokenize).
fn words(text: &str) -> Vec<Word> {
    let Some(toks) = statement_toks(text) else {
        return Vec::new();
    };
    let mut depth = 0u32;
    let mut out = Vec::with_capacity(toks.len());
    for tok in toks {
        let other = |comma, dot, depth| Word::Other { comma, dot, depth };
        out.push(match tok {
            Tok::Punct('(' | '[') => {
                depth += 1;
                other(false, false, depth - 1)
            }
            Tok::Punct(')' | ']') => {
                depth = depth.saturating_sub(1);
                other(false, false, depth)
            }
            Tok::Punct(c) => other(c == ',', c == '.', depth),
            // Folded as PostgreSQL folds unquoted names (ASCII only); a quoted name that
            // folding would not change reads as the same word.
            Tok::Keyword(w) => Word::Word {
                upper: Some(w.to_ascii_uppercase()),
                name: w.to_string(),
                depth,
            },
            Tok::Word(w) => Word::Word {
                upper: Some(w.to_ascii_uppercase()),
                name: w.to_string(),
                depth,
            },
            Tok::Quoted(name) => Word::Word {
                upper: None,
                name: name.to_string(),
                depth,
            },
            _ => other(false, false, depth),
        });
    }
    out
}

/// The setting of `SET [SESSION|LOCAL] name …`, unless it is a custom (dotted) one or
/// `SET TIME ZONE`, `SET ROLE`, `SET SESSION AUTHORIZATION`.
fn set_name(words: &[Word]) -> Option<String> {
    let mut i = 1;
    if matches!(
        words.get(i).and_then(Word::keyword),
        Some("SESSION" | "LOCAL")
    ) {
        i += 1;
    }
    let Some(Word::Word { name, upper, .. }) = words.get(i) else {
        return None;
    };
    if matches!(
        upper.as_deref(),
        Some(
            "TIME"
                | "ROLE"
                | "AUTHORIZATION"
                | "SESSION"
                | "TRANSACTION"
                | "CONSTRAINTS"
                | "CHARACTERISTICS"
        )
    ) {
        return None;
    }
    if matches!(words.get(i + 1), Some(Word::Other { dot: true, .. })) {
        return None;
    }
    Some(name.clone())
}

/// Words that stand for no role.
fn is_pseudo_role(upper: Option<&str>) -> bool {
    matches!(
        upper,
        Some("PUBLIC" | "CURRENT_USER" | "SESSION_USER" | "CURRENT_ROLE" | "GROUP")
    )
}

/// The roles listed from `words[from]` on: names separated by commas, up to anything else.
fn role_list(words: &[Word], from: usize, into: &mut BTreeSet<String>) {
    let mut i = from;
    while let Some(Word::Word { upper, name, .. }) = words.get(i) {
        if upper.as_deref() == Some("GROUP") {
            i += 1;
            continue;
        }
        if !is_pseudo_role(upper.as_deref()) && !name.starts_with("pg_") {
            into.insert(name.clone());
        }
        match words.get(i + 1) {
            Some(Word::Other { comma: true, .. }) => i += 2,
            _ => break,
        }
    }
}

/// The roles a statement names (`ALTER … OWNER TO r`, `GRANT … TO r`, `REVOKE … FROM r`,
/// `GRANT r TO r2`, `ALTER DEFAULT PRIVILEGES FOR ROLE r`, `CREATE POLICY … TO r`,
/// `CREATE SCHEMA … AUTHORIZATION r`, `GRANTED BY r`) and creates (`CREATE ROLE|USER|GROUP r`).
fn roles_of(words: &[Word], named: &mut BTreeSet<String>, created: &mut BTreeSet<String>) {
    let kw = |i: usize| words.get(i).and_then(Word::keyword);
    let first = kw(0).unwrap_or("");
    let second = kw(1).unwrap_or("");
    if first == "CREATE" && matches!(second, "ROLE" | "USER" | "GROUP") {
        if let Some(Word::Word { name, .. }) = words.get(2) {
            created.insert(name.clone());
        }
        return;
    }
    for i in 0..words.len() {
        match (kw(i), kw(i + 1)) {
            (Some("OWNER"), Some("TO")) => role_list(words, i + 2, named),
            (Some("FOR"), Some("ROLE" | "USER")) if first == "ALTER" => {
                role_list(words, i + 2, named);
            }
            (Some("GRANTED"), Some("BY")) => role_list(words, i + 2, named),
            (Some("AUTHORIZATION"), _) if first == "CREATE" => role_list(words, i + 1, named),
            _ => {}
        }
    }
    let is_grant = first == "GRANT" || (first == "ALTER" && second == "DEFAULT");
    let is_policy = first == "CREATE" && second == "POLICY";
    if is_grant || is_policy {
        // The grantees follow the last `TO` at the top level; a policy's roles its only one.
        if let Some(to) = (0..words.len()).rev().find(|&i| kw(i) == Some("TO")) {
            role_list(words, to + 1, named);
        }
        // `GRANT role TO role`: no ON, the granted roles come first.
        if first == "GRANT" && !(0..words.len()).any(|i| kw(i) == Some("ON")) {
            role_list(words, 1, named);
        }
    }
    if first == "REVOKE" || (first == "ALTER" && second == "DEFAULT") {
        if let Some(from) = (0..words.len()).rev().find(|&i| kw(i) == Some("FROM")) {
            role_list(words, from + 1, named);
        }
        if first == "REVOKE" && !(0..words.len()).any(|i| kw(i) == Some("ON")) {
            let start = if kw(1) == Some("ADMIN") { 4 } else { 1 };
            role_list(words, start, named);
        }
    }
}

/// Runs `sql` with `psql -At` on `url` and returns its output.
fn query(url: &str, sql: &str, local: bool) -> Result<String> {
    let program = find_program("psql", "PSQL").ok_or_else(|| not_found("psql", "PSQL"))?;
    let conn = Conninfo::checked(url)?;
    let mut cmd = command(&program, &conn);
    client_env(&mut cmd, &conn, local);
    let out = cmd
        .args([
            "-X",
            "-At",
            "--no-password",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
        ])
        .arg(format!("--dbname={}", conn.without_password))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| spawn_error(&program, &e))?;
    if !out.status.success() {
        return Err(failed(&program, out.status.code(), &out.stderr, &conn));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn scratch_error(message: String) -> Error {
    Error::new(ErrorKind::Scratch(message), None)
}

/// A new directory in `parent` with an unpredictable name, mode 0700 from its creation on,
/// and its cleanup watcher, started before the directory is made: a kill between the two
/// leaves nothing. When the name is taken (by someone who read it from the watcher's
/// arguments), that watcher is told to leave it (`abandon`) and another name is tried.
fn private_dir(
    parent: &Path,
    pg_ctl: &Path,
    os_user: Option<&str>,
) -> Result<(PathBuf, (Child, ChildStdin))> {
    loop {
        let dir = parent.join(format!("{SCRATCH_DIR_PREFIX}{}", random_name()?));
        let (mut child, mut stdin) = cleanup_watcher(&dir, &dir.join("data"), pg_ctl, os_user)?;
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => return Ok((dir, (child, stdin))),
            Err(e) => {
                let _ = writeln!(stdin, "abandon");
                drop(stdin);
                let _ = child.wait();
                if e.kind() != std::io::ErrorKind::AlreadyExists {
                    return Err(scratch_error(format!("{}: {e}", dir.display())));
                }
            }
        }
    }
}

/// Starts a shell, in a process group of its own (out of reach of a terminal's Ctrl-C) that
/// ignores SIGHUP, SIGINT and SIGTERM, and waits for end-of-file on its stdin; then ends the
/// process group of a start-up program still running (initdb, pg_ctl: the last line read,
/// when it is a number; [`Local::run`] writes it), waits up to 5 s for it to go, then stops
/// the server in `data` and removes `dir` — unless told `abandon` (`dir` was not made). The
/// `kill` program, not the shell's (dash's takes no process group), ends the group. A server still starting has no `postmaster.pid` yet:
/// the watcher gives it half a second to write one before stopping it. The paths are
/// arguments of the shell, not part of its script.
fn cleanup_watcher(
    dir: &Path,
    data: &Path,
    pg_ctl: &Path,
    os_user: Option<&str>,
) -> Result<(Child, ChildStdin)> {
    let script = r#"trap '' HUP INT TERM
group=
while read -r line; do
    [ "$line" = abandon ] && exit 0
    group=$line
done
case $group in
    ''|*[!0-9]*) ;;
    *)
        env kill -s TERM -- "-$group" 2>/dev/null
        n=0
        while env kill -s 0 -- "-$group" 2>/dev/null && [ $n -lt 100 ]; do
            sleep 0.05; n=$((n + 1))
        done
        env kill -s KILL -- "-$group" 2>/dev/null ;;
esac
stop() {
    if [ -n "$1" ]; then runuser -u "$1" -- "$2" -D "$3" stop -m immediate
    else "$2" -D "$3" stop -m immediate; fi
}
if [ -d "$3" ]; then
    [ -f "$3/postmaster.pid" ] || sleep 0.5
    stop "$@"
fi
rm -rf -- "$4""#;
    let mut watcher = Command::new("sh");
    server_env(&mut watcher);
    let mut child = watcher
        .args(["-c", script, "sql-compare-pg-cleanup"])
        .arg(os_user.unwrap_or(""))
        .arg(pg_ctl)
        .arg(data)
        .arg(dir)
        .process_group(0)
        .current_dir("/")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| scratch_error(format!("cannot start the cleanup watcher: {e}")))?;
    match child.stdin.take() {
        Some(stdin) => Ok((child, stdin)),
        None => Err(scratch_error("the cleanup watcher has no stdin".into())),
    }
}

/// Gives a program that starts or becomes the server (initdb, pg_ctl, the postmaster) or the
/// cleanup watcher only `PATH`, the C locale and `TZ` (when set): nothing else of this
/// process's environment, where secrets meant for production (`PGPASSWORD`, a database URL)
/// may be, reaches the server, whose superuser can read its environment
/// (`COPY … TO PROGRAM 'env'`).
fn server_env(cmd: &mut Command) {
    cmd.env_clear()
        .env(
            "PATH",
            std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()),
        )
        .env("LANG", "C")
        .env("LC_ALL", "C");
    if let Some(tz) = std::env::var_os("TZ") {
        cmd.env("TZ", tz);
    }
}

/// Variables of libpq and its programs (`PGPASSWORD`, `PGOPTIONS`, `PGSERVICE`…) that a
/// client of a throwaway cluster must not take from this process's environment: they are
/// meant for other servers. The cluster's URL says all a client needs (socket, user,
/// password); a given server's clients keep them, as the user may rely on them there.
fn client_env(cmd: &mut Command, conn: &Conninfo, local: bool) {
    if local {
        crate::pg::isolate(cmd, conn);
    }
}

/// `PGOPTIONS` for a client: this process's own, if a client may take it ([`client_env`]),
/// followed by `extra`.
fn pgoptions(local: bool, extra: &str) -> String {
    match std::env::var("PGOPTIONS") {
        Ok(own) if !local && !own.trim().is_empty() => format!("{own} {extra}"),
        _ => extra.to_string(),
    }
}

/// `text` with every byte but `A-Z a-z 0-9 - . _ ~ /` percent-encoded, for a URL's query.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `bytes` random bytes from `/dev/urandom`, in hexadecimal.
fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| scratch_error(format!("/dev/urandom: {e}")))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// 16 random characters of `a-z` and `2-7` (80 bits): nothing another user could guess, and
/// never a number such as a process id.
fn random_name() -> Result<String> {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut buf = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| scratch_error(format!("/dev/urandom: {e}")))?;
    Ok(buf
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect())
}

/// Whether this process runs as root: `/proc/self` belongs to the effective user.
fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn user_id(user: &str, which: &str) -> Result<u32> {
    let out = Command::new("id")
        .args([which, user])
        .output()
        .map_err(|e| scratch_error(format!("id {which} {user}: {e}")))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| scratch_error(format!("no user {user}")))
}

fn unprivileged_user() -> Result<String> {
    for user in ["postgres", "nobody"] {
        if user_id(user, "-u").is_ok() {
            return Ok(user.to_string());
        }
    }
    Err(scratch_error(
        "running as root and no unprivileged user (postgres, nobody) to run the cluster".into(),
    ))
}

/// Appends `text` to `file` as the cluster's user (through `tee -a`, the text on stdin), so
/// that root never writes by path in the cluster's directory.
fn append_as(local: &Local, file: &Path, text: &str) -> Result<()> {
    let err = |e: String| scratch_error(format!("{}: {e}", file.display()));
    let mut cmd = local.as_user(Path::new("tee"));
    let mut child = cmd
        .arg("-a")
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| err(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| err(e.to_string()))?;
    }
    let out = child.wait_with_output().map_err(|e| err(e.to_string()))?;
    if !out.status.success() {
        return Err(err(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    Ok(())
}

/// The last three lines of the server's log (of its last 4000 bytes), read as the cluster's
/// user (`tail -c 4000`): the log is in a directory that user owns, and root reading it by
/// path could read any file a symlink names.
fn read_tail(local: &Local, log: &Path) -> String {
    let out = local
        .as_user(Path::new("tail"))
        .args(["-c", "4000", "--"])
        .arg(log)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    let text = out
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let tail: Vec<&str> = text.lines().rev().take(3).collect();
    tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
}

/// An error naming the program and what it said, when it failed.
fn check(cmd: &Command, out: &std::process::Output) -> std::result::Result<(), String> {
    if !out.status.success() {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        let text: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        return Err(format!(
            "{} failed: {}",
            cmd.get_program().to_string_lossy(),
            text.join(" / ")
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(sql: &str) -> (Vec<String>, Vec<String>) {
        let a = analyse(sql);
        (
            a.named_roles.into_iter().collect(),
            a.created_roles.into_iter().collect(),
        )
    }

    #[test]
    fn the_roles_a_dump_names_are_found() {
        let sql = r#"
ALTER TABLE public.t OWNER TO app_owner;
ALTER SCHEMA s OWNER TO "Mixed Case";
GRANT SELECT ON TABLE public.t TO reader, PUBLIC;
GRANT ALL ON FUNCTION public.f(a integer) TO writer WITH GRANT OPTION;
REVOKE ALL ON SCHEMA public FROM old_role CASCADE;
GRANT admin TO alice;
ALTER DEFAULT PRIVILEGES FOR ROLE deployer IN SCHEMA public GRANT SELECT ON TABLES TO viewer;
CREATE POLICY p ON public.t AS PERMISSIVE FOR SELECT TO tenant, CURRENT_USER USING ((owner = CURRENT_USER));
CREATE SCHEMA s2 AUTHORIZATION schema_owner;
GRANT SELECT ON TABLE t TO GROUP staff;
ALTER TABLE t OWNER TO pg_database_owner;
ALTER TABLE t OWNER TO Émile;
CREATE ROLE made_here;
GRANT SELECT ON t TO made_here;
"#;
        let (named, created) = roles(sql);
        assert_eq!(
            named,
            [
                "Mixed Case",
                "admin",
                "alice",
                "app_owner",
                "deployer",
                "made_here",
                "old_role",
                "reader",
                "schema_owner",
                "staff",
                "tenant",
                "viewer",
                "writer",
                "Émile"
            ]
        );
        assert_eq!(created, ["made_here"]);
    }

    #[test]
    fn settings_and_meta_commands_are_found_and_blanked_in_place() {
        let sql = "\\restrict abc\nSET transaction_timeout = 0;\nSET search_path = x;\nSET app.tenant = '1';\nSET TIME ZONE 'UTC';\nCREATE FUNCTION f() RETURNS int\n    LANGUAGE sql SET work_mem TO '1MB'\n    AS $$ SELECT 1 $$;\n\\unrestrict abc\n";
        let a = analyse(sql);
        let names: Vec<&str> = a.settings.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["transaction_timeout", "search_path"]);
        let mut text = sql.to_string();
        blank(&mut text, a.settings[0].0.clone());
        for m in &a.meta_commands {
            blank(&mut text, m.range.clone());
        }
        assert_eq!(text.lines().count(), sql.lines().count());
        assert!(text.starts_with("             \n                            \nSET search_path"));
        assert!(!text.contains("restrict"));
    }

    #[test]
    fn meta_commands_are_found_outside_strings_comments_and_copy_data() {
        let sql = "SELECT 'a \\! no', E'b\\' \\! no', \"c \\! x\"\"\", $$ \\! no $$, $t$ \\! $t$;\n\
                   -- \\! no\n/* \\! /* nested */ \\! */ SELECT 1; \\g |id\n\
                   COPY t FROM stdin;\n\\! data\n\\.\n\\! id\n\\ir  next.sql\n\\set x `id`\n";
        let metas = meta_commands(sql);
        let found: Vec<(u32, &str, bool)> = metas
            .iter()
            .map(|m| (m.line, m.name.as_str(), m.backquote))
            .collect();
        assert_eq!(
            found,
            [
                (3, "g", false),
                (7, "!", false),
                (8, "ir", false),
                (9, "set", true)
            ]
        );
        let err = check_meta_commands("m.sql", &metas)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "m.sql:3: psql meta-command \\g is not run by sql-compare"
        );
        let ok =
            meta_commands("\\i a.sql\n\\echo hi\nCOPY public.t (a, b) FROM stdin;\n\\N\t1\n\\.\n");
        assert!(check_meta_commands("m.sql", &ok).is_ok());
        let backquote = meta_commands("\\echo `id`\n");
        assert!(check_meta_commands("m.sql", &backquote).is_err());
    }

    #[test]
    fn a_file_included_again_and_again_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.sql"),
            "\\i a.sql\n\\i a.sql\nSELECT 1;\n",
        )
        .unwrap();
        let metas = meta_commands("\\i a.sql\n");
        let mut checked = HashSet::new();
        check_included("m.sql", dir.path(), dir.path(), &metas, 0, &mut checked).unwrap();
        assert_eq!(checked.len(), 1);
        // What an included file holds is still refused.
        std::fs::write(dir.path().join("b.sql"), "\\! id\n").unwrap();
        let metas = meta_commands("\\i a.sql\n\\i b.sql\n");
        let err = check_included(
            "m.sql",
            dir.path(),
            dir.path(),
            &metas,
            0,
            &mut HashSet::new(),
        );
        assert!(err.unwrap_err().to_string().contains("\\! is not run"));
    }

    #[test]
    fn meta_commands_hidden_behind_allowed_ones_or_copy_are_refused() {
        let refused = |sql: &str| {
            check_meta_commands("m.sql", &meta_commands(sql))
                .unwrap_err()
                .to_string()
        };
        // A second command on an allowed one's line; a variable read again as input.
        assert!(
            refused("\\echo hi \\! touch /tmp/x\n").ends_with("\\echo is not run by sql-compare")
        );
        assert!(refused("\\set x '\\\\! touch /tmp/x'\n:x\n").contains("\\set is not run"));
        assert!(refused("\\set ON_ERROR_STOP 0\n").contains("\\set is not run"));
        // Text after COPY … FROM stdin; on its line, and a COPY that only looks like one.
        assert_eq!(
            refused("CREATE TABLE t (x int);\nCOPY t FROM stdin; \\! touch /tmp/x\n1\n\\.\n"),
            "m.sql:2: text after COPY … FROM stdin; on its line"
        );
        // A comment before a COPY does not hide it: its data is data, what follows is checked.
        let sql = "SELECT 1;\n-- c\nCOPY t FROM stdin;\nit's\n\\.\n\\! touch /tmp/x\n";
        assert_eq!(
            refused(sql),
            "m.sql:6: psql meta-command \\! is not run by sql-compare"
        );
        let sql = "SELECT 1;\n/* c */ COPY t FROM stdin;\nit's\n\\.\n\\! touch /tmp/x\n";
        assert_eq!(
            refused(sql),
            "m.sql:5: psql meta-command \\! is not run by sql-compare"
        );
        for sql in [
            "COPY t2 TO STDOUT /* FROM STDIN */;\n\\! touch /tmp/x\n",
            "COPY (SELECT x FROM stdin ) TO STDOUT;\n\\! touch /tmp/x\n",
        ] {
            assert!(refused(sql).contains("cannot tell from COPY"), "{sql}");
        }
        for ok in [
            "COPY public.t (a, b) FROM stdin;",
            "COPY t FROM stdin WITH (FORMAT csv);",
        ] {
            assert!(
                plain_copy_from_stdin(&ok.trim_end_matches(';').to_ascii_uppercase()),
                "{ok}"
            );
        }
    }

    #[test]
    fn psql_versions_that_know_restrict() {
        assert!(version_knows_restrict(
            "psql (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"
        ));
        assert!(version_knows_restrict("psql (PostgreSQL) 18.0"));
        assert!(!version_knows_restrict("psql (PostgreSQL) 15.13"));
        assert!(!version_knows_restrict("psql (PostgreSQL) 17.5"));
        assert!(!version_knows_restrict("psql (PostgreSQL) 12.22"));
    }

    #[test]
    fn socket_paths_are_percent_encoded() {
        assert_eq!(percent_encode("/tmp/a&b%41 c/d"), "/tmp/a%26b%2541%20c/d");
    }

    #[test]
    fn psql_errors_become_a_line_and_a_message() {
        let stderr = "psql:<stdin>:12: ERROR:  column \"nme\" does not exist\nLINE 1: SELECT nme FROM t;\n               ^";
        assert_eq!(
            psql_error(stderr),
            Some((Some(12), "ERROR: column \"nme\" does not exist".to_string()))
        );
        assert_eq!(psql_error("psql: error: connection to server failed"), None);
    }

    #[test]
    fn load_failures_read_as_file_line_message() {
        let err = Error::new(
            ErrorKind::LoadFailed {
                file: "migrations/002.sql".into(),
                line: Some(3),
                message: "ERROR: syntax error at or near \"TABLEE\"".into(),
            },
            None,
        );
        assert_eq!(
            err.to_string(),
            "migrations/002.sql:3: ERROR: syntax error at or near \"TABLEE\""
        );
        let err = Error::new(
            ErrorKind::MissingRoles {
                roles: vec!["app".into(), "reader".into()],
            },
            None,
        );
        assert_eq!(
            err.to_string(),
            "the scratch server lacks the roles app, reader that the input names (create them, or use a throwaway cluster)"
        );
    }
}
