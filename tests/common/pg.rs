//! A PostgreSQL server for the integration tests: the superuser URL in
//! `SQL_COMPARE_TEST_DATABASE_URL`, or a throwaway cluster started here with `initdb` and
//! `pg_ctl`, stopped and removed when the test process ends.
//!
//! The throwaway cluster is private to the user that runs it: it lives in a fresh directory
//! with an unpredictable name and mode 0700, listens only on a Unix socket in that directory
//! (no TCP), and asks for a random password (SCRAM) that only the admin URL carries. When the
//! tests run as root the cluster runs as an unprivileged user (initdb refuses root), who owns
//! the directory.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use sql_compare::{find_program, with_database};

/// The port of a throwaway cluster; its socket directory alone tells it from other servers.
const PORT: u16 = 5432;

pub struct Server {
    /// A superuser connection URL to some database of the server.
    admin_url: String,
    /// Whether the databases made here must be dropped (a server we did not start).
    shared: bool,
    /// The throwaway cluster started here, `None` for a shared server.
    local: Option<Local>,
}

/// A throwaway cluster: where it lives, how to get in, and what removes it.
struct Local {
    /// The private directory: socket, data directory (`data`) and server log (`log`).
    dir: PathBuf,
    /// The superuser's password.
    password: String,
    /// The cluster's OS user when the tests run as root.
    os_user: Option<String>,
    /// The write end of the cleanup watcher's stdin, never written: the watcher stops the
    /// server and removes `dir` when it reads end-of-file, that is when this process ends.
    _watcher: ChildStdin,
}

/// The server for this test process, or `None` (after saying why) when there is none. Under
/// `CI=true` having none is a failure.
pub fn server() -> Option<&'static Server> {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    match SERVER.get_or_init(start) {
        Ok(s) => Some(s),
        Err(why) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("no PostgreSQL server for the tests under CI: {why}");
            }
            eprintln!("skipped: no PostgreSQL server: {why}");
            None
        }
    }
}

fn start() -> Result<Server, String> {
    if let Ok(url) = std::env::var("SQL_COMPARE_TEST_DATABASE_URL") {
        if !url.is_empty() {
            return Ok(Server {
                admin_url: url,
                shared: true,
                local: None,
            });
        }
    }
    let initdb = find_program("initdb", "INITDB")
        .ok_or("initdb not found (set SQL_COMPARE_TEST_DATABASE_URL, or install PostgreSQL)")?;
    let pg_ctl = find_program("pg_ctl", "PG_CTL").ok_or("pg_ctl not found")?;
    // initdb refuses to run as root: run the cluster as an unprivileged user.
    let os_user = if is_root() {
        Some(unprivileged_user()?)
    } else {
        None
    };
    // A new directory with a random name, that no one else can have made, mode 0700 from its
    // creation on (tempfile's default would be 0777 less the umask).
    let dir = tempfile::Builder::new()
        .prefix("sql-compare-pg-")
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir()
        .map_err(|e| format!("cannot make the cluster's directory: {e}"))?
        .keep();
    let data = dir.join("data");
    // From here on the watcher stops the server (if any) and removes the directory when this
    // process ends, or as soon as `watcher` is dropped on an error below.
    let watcher = cleanup_watcher(&dir, &data, &pg_ctl, os_user.as_deref())?;
    let password = random_hex(16)?;
    let pwfile = dir.join("pwfile");
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&pwfile)
        .and_then(|mut f| f.write_all(password.as_bytes()))
        .map_err(|e| format!("{}: {e}", pwfile.display()))?;
    if let Some(user) = &os_user {
        run(Command::new("chown").arg("-R").arg(user).arg(&dir))?;
    }
    let as_user = |program: &Path| -> Command {
        match &os_user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(program);
                c
            }
            None => Command::new(program),
        }
    };
    let initialised = run(as_user(&initdb)
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
        ]));
    std::fs::remove_file(&pwfile).map_err(|e| format!("{}: {e}", pwfile.display()))?;
    initialised?;
    // The settings go in the configuration file, so that no path is quoted for a shell.
    let settings = format!(
        "\nlisten_addresses = ''\nunix_socket_directories = '{}'\nunix_socket_permissions = 0700\nport = {PORT}\nfsync = off\n",
        dir.display().to_string().replace('\'', "''"),
    );
    std::fs::OpenOptions::new()
        .append(true)
        .open(data.join("postgresql.conf"))
        .and_then(|mut f| f.write_all(settings.as_bytes()))
        .map_err(|e| format!("{}/postgresql.conf: {e}", data.display()))?;
    run(as_user(&pg_ctl)
        .arg("-D")
        .arg(&data)
        .args(["-w", "-l"])
        .arg(dir.join("log"))
        .arg("start"))?;
    Ok(Server {
        admin_url: format!(
            "postgresql:///postgres?host={}&port={PORT}&user=postgres&password={password}",
            dir.display()
        ),
        shared: false,
        local: Some(Local {
            dir,
            password,
            os_user,
            _watcher: watcher,
        }),
    })
}

/// Starts a shell, in a process group of its own (out of reach of a terminal's Ctrl-C), that
/// waits for end-of-file on its stdin, then stops the server in `data` and removes `dir`. The
/// paths are arguments of the shell, not part of its script. The returned pipe end must live
/// as long as the cluster: the kernel closes it when this process ends, however it ends.
fn cleanup_watcher(
    dir: &Path,
    data: &Path,
    pg_ctl: &Path,
    os_user: Option<&str>,
) -> Result<ChildStdin, String> {
    let script = r#"trap '' HUP INT TERM
while read -r _; do :; done
if [ -n "$1" ]; then runuser -u "$1" -- "$2" -D "$3" stop -m immediate; else "$2" -D "$3" stop -m immediate; fi
rm -rf -- "$4""#;
    let mut child = Command::new("sh")
        .args(["-c", script, "sql-compare-pg-cleanup"])
        .arg(os_user.unwrap_or(""))
        .arg(pg_ctl)
        .arg(data)
        .arg(dir)
        .process_group(0)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the cleanup watcher: {e}"))?;
    Ok(child.stdin.take().expect("piped stdin"))
}

/// `bytes` random bytes from `/dev/urandom`, in hexadecimal.
fn random_hex(bytes: usize) -> Result<String, String> {
    use std::io::Read;
    let mut buf = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| format!("/dev/urandom: {e}"))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn unprivileged_user() -> Result<String, String> {
    for user in ["postgres", "nobody"] {
        if Command::new("id")
            .arg("-u")
            .arg(user)
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Ok(user.to_string());
        }
    }
    Err("running as root and no unprivileged user (postgres, nobody) to run the cluster".into())
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    Ok(())
}

/// A database created for one test, dropped at the end when the server is shared.
pub struct Database {
    pub url: String,
    name: String,
    server: &'static Server,
}

impl Server {
    pub fn admin_url(&self) -> &str {
        &self.admin_url
    }

    /// The throwaway cluster's private directory, which holds its socket; `None` for a shared
    /// server.
    pub fn socket_dir(&self) -> Option<&Path> {
        self.local.as_ref().map(|l| l.dir.as_path())
    }

    /// The superuser's password of the throwaway cluster; `None` for a shared server.
    pub fn password(&self) -> Option<&str> {
        self.local.as_ref().map(|l| l.password.as_str())
    }

    /// The OS user the throwaway cluster runs as, when the tests run as root.
    pub fn os_user(&self) -> Option<&str> {
        self.local.as_ref().and_then(|l| l.os_user.as_deref())
    }

    /// The port of the throwaway cluster.
    pub fn port(&self) -> u16 {
        PORT
    }

    pub fn create_database(&'static self, label: &str) -> Database {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("sqlcmp_{}_{n}_{label}", std::process::id());
        sql_compare::psql(&self.admin_url, &format!("CREATE DATABASE {name};"))
            .unwrap_or_else(|e| panic!("creating database {name}: {e}"));
        Database {
            url: with_database(&self.admin_url, &name),
            name,
            server: self,
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if self.server.shared {
            let _ = sql_compare::psql(
                &self.server.admin_url,
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE);", self.name),
            );
        }
    }
}

/// The files of `testdata/migrations`, in order.
pub fn migrations() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/migrations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

pub fn testdata(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
