//! A PostgreSQL server for the integration tests: the superuser URL in
//! `SQL_COMPARE_TEST_DATABASE_URL`, or a throwaway cluster started here with `initdb` and
//! `pg_ctl` in a temporary directory, on a Unix socket, stopped and removed when the test
//! process ends.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use sql_compare::{find_program, with_database};

pub struct Server {
    /// A superuser connection URL to some database of the server.
    admin_url: String,
    /// Whether the databases made here must be dropped (a server we did not start).
    shared: bool,
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
            });
        }
    }
    let initdb = find_program("initdb", "INITDB")
        .ok_or("initdb not found (set SQL_COMPARE_TEST_DATABASE_URL, or install PostgreSQL)")?;
    let pg_ctl = find_program("pg_ctl", "PG_CTL").ok_or("pg_ctl not found")?;
    let dir = std::env::temp_dir().join(format!("sql-compare-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let data = dir.join("data");
    // initdb refuses to run as root: run the cluster as an unprivileged user.
    let user = if is_root() {
        Some(unprivileged_user()?)
    } else {
        None
    };
    if let Some(user) = &user {
        run(Command::new("chown").arg("-R").arg(user).arg(&dir))?;
    }
    let as_user = |program: &Path| -> Command {
        match &user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(program);
                c
            }
            None => Command::new(program),
        }
    };
    run(as_user(&initdb).arg("-D").arg(&data).args([
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    ]))?;
    let options = format!(
        "-k {} -c listen_addresses='' -c fsync=off -p 5432",
        dir.display()
    );
    run(as_user(&pg_ctl)
        .arg("-D")
        .arg(&data)
        .args(["-o", &options, "-w", "-l"])
        .arg(dir.join("log"))
        .arg("start"))?;
    // Stop and remove the cluster when this test process ends, however it ends.
    let stop = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {runuser}'{pg_ctl}' -D '{data}' stop -m immediate >/dev/null 2>&1; rm -rf '{dir}'",
        pid = std::process::id(),
        runuser = user
            .as_ref()
            .map(|u| format!("runuser -u {u} -- "))
            .unwrap_or_default(),
        pg_ctl = pg_ctl.display(),
        data = data.display(),
        dir = dir.display(),
    );
    Command::new("sh")
        .args(["-c", &stop])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the cleanup watcher: {e}"))?;
    Ok(Server {
        admin_url: format!(
            "postgresql:///postgres?host={}&port=5432&user=postgres",
            dir.display()
        ),
        shared: false,
    })
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
