//! A PostgreSQL server for the integration tests: the library's scratch server, on the
//! superuser URL in `SQL_COMPARE_TEST_DATABASE_URL` or a throwaway cluster started from the
//! local binaries, stopped and removed when the test process ends (its watcher process does
//! that, since a static is never dropped).
//!
//! The throwaway cluster is private to the user that runs it: it lives in a fresh directory
//! with an unpredictable name and mode 0700, listens only on a Unix socket in that directory
//! (no TCP), and asks for a random password (SCRAM) that only the admin URL carries. When the
//! tests run as root the cluster runs as an unprivileged user (initdb refuses root), who owns
//! the directory.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sql_compare::{Scratch, ScratchDatabase, ScratchServer};

pub struct Server {
    scratch: ScratchServer,
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
    let scratch = match std::env::var("SQL_COMPARE_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Scratch::new().url(url),
        _ => Scratch::new(),
    };
    let scratch = scratch
        .start()
        .map_err(|e| format!("{e} (set SQL_COMPARE_TEST_DATABASE_URL, or install PostgreSQL)"))?;
    Ok(Server { scratch })
}

/// A database created for one test, dropped when done.
pub struct Database {
    pub url: String,
    _db: ScratchDatabase<'static>,
}

impl Server {
    pub fn admin_url(&self) -> &str {
        self.scratch.admin_url()
    }

    /// The library's scratch server.
    pub fn scratch(&self) -> &ScratchServer {
        &self.scratch
    }

    /// The throwaway cluster's private directory, which holds its socket; `None` for a shared
    /// server.
    pub fn socket_dir(&self) -> Option<&Path> {
        self.scratch.dir()
    }

    /// The superuser's password of the throwaway cluster; `None` for a shared server.
    pub fn password(&self) -> Option<&str> {
        self.scratch.password()
    }

    /// The OS user the throwaway cluster runs as, when the tests run as root.
    pub fn os_user(&self) -> Option<&str> {
        self.scratch.os_user()
    }

    /// The port of the throwaway cluster.
    pub fn port(&self) -> u16 {
        self.scratch.port()
    }

    pub fn create_database(&'static self, label: &str) -> Database {
        let db = self
            .scratch
            .create_database()
            .unwrap_or_else(|e| panic!("creating database {label}: {e}"));
        Database {
            url: db.url().to_string(),
            _db: db,
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
