//! The throwaway cluster of `common/pg.rs` is private: a directory no one else can enter, no
//! TCP, a password no one else knows, and nothing left behind when the test process ends.
//!
//! Each test skips itself on a shared server (`SQL_COMPARE_TEST_DATABASE_URL`).

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::pg::{Server, server};
use sql_compare::find_program;

/// The throwaway cluster, or `None` (after saying why) when there is none or it is shared.
fn local() -> Option<&'static Server> {
    let server = server()?;
    if server.socket_dir().is_none() {
        eprintln!("skipped: the server is shared, not a throwaway cluster");
        return None;
    }
    Some(server)
}

/// The admin URL with its password taken out.
fn url_without_password(server: &Server) -> String {
    let password = server.password().unwrap();
    let url = server.admin_url();
    let part = format!("&password={password}");
    assert!(url.contains(&part), "{url}");
    url.replace(&part, "")
}

/// `psql -At --no-password -c SQL URL`, run by `runuser -u USER` when a user is given, with
/// `PGPASSWORD` set to `password` or unset, and no password file.
fn psql(user: Option<&str>, url: &str, password: Option<&str>, sql: &str) -> Output {
    let program = find_program("psql", "PSQL").expect("psql");
    let mut cmd = match user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.args(["-u", u, "--"]).arg(program);
            c
        }
        None => Command::new(program),
    };
    cmd.args(["-X", "-At", "--no-password", "-c", sql, "--dbname", url])
        .env_remove("PGPASSWORD")
        .env("PGPASSFILE", "/nonexistent/pgpass")
        .current_dir("/")
        .stdin(Stdio::null());
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
    cmd.output().expect("running psql")
}

fn show(server: &Server, setting: &str) -> String {
    let o = psql(
        None,
        &url_without_password(server),
        server.password(),
        &format!("SHOW {setting}"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().trim_end().to_string()
}

fn uid_of(user: &str) -> u32 {
    let o = Command::new("id").args(["-u", user]).output().unwrap();
    String::from_utf8(o.stdout).unwrap().trim().parse().unwrap()
}

fn current_uid() -> u32 {
    let o = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8(o.stdout).unwrap().trim().parse().unwrap()
}

#[test]
fn the_directory_is_new_private_and_owned_by_the_cluster_user() {
    let Some(server) = local() else { return };
    let dir = server.socket_dir().unwrap();
    let meta = std::fs::metadata(dir).unwrap();
    assert!(meta.is_dir());
    assert_eq!(
        meta.permissions().mode() & 0o7777,
        0o700,
        "{}",
        dir.display()
    );
    let owner = server.os_user().map_or_else(current_uid, uid_of);
    assert_eq!(meta.uid(), owner, "{}", dir.display());

    let name = dir.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("sql-compare-pg-"), "{name}");
    // A random suffix of 16 letters and digits 2-7 (80 bits), not a number someone could guess.
    let suffix = &name["sql-compare-pg-".len()..];
    assert_eq!(suffix.len(), 16, "{name}");
    assert!(
        suffix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b)),
        "{name}"
    );

    // The password file given to initdb is gone; the socket is there, for its owner only.
    assert!(!dir.join("pwfile").exists());
    let socket = dir.join(format!(".s.PGSQL.{}", server.port()));
    let socket_meta = std::fs::metadata(&socket).unwrap();
    assert_eq!(socket_meta.permissions().mode() & 0o777, 0o700);
    assert_eq!(socket_meta.uid(), owner);
}

#[test]
fn the_server_listens_only_on_its_private_socket() {
    let Some(server) = local() else { return };
    let dir = server.socket_dir().unwrap();
    assert_eq!(show(server, "listen_addresses"), "");
    assert_eq!(
        show(server, "unix_socket_directories"),
        dir.to_str().unwrap()
    );
    assert_eq!(show(server, "unix_socket_permissions"), "0700");
    // What the postmaster really bound: line 6 of postmaster.pid is its first TCP address,
    // empty when it has none; line 5 its socket directory.
    let pid_file = std::fs::read_to_string(dir.join("data/postmaster.pid")).unwrap();
    let lines: Vec<&str> = pid_file.lines().collect();
    assert_eq!(lines[4], dir.to_str().unwrap(), "{pid_file}");
    assert_eq!(lines[5], "", "{pid_file}");
    // No connection over TCP, with the right password.
    let tcp = format!(
        "postgresql://postgres@127.0.0.1:{}/postgres?connect_timeout=5",
        server.port()
    );
    let o = psql(None, &tcp, server.password(), "SELECT 1");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Connection refused"), "{err}");
}

#[test]
fn a_connection_without_the_password_is_refused() {
    let Some(server) = local() else { return };
    let url = url_without_password(server);

    let o = psql(None, &url, None, "SELECT 1");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no password supplied"), "{err}");

    let o = psql(None, &url, Some("not-the-password"), "SELECT 1");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("password authentication failed for user \"postgres\""),
        "{err}"
    );

    // The same command with the password gets in, and the admin URL alone does too.
    let o = psql(None, &url, server.password(), "SELECT 1");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "1\n");
    let o = psql(None, server.admin_url(), None, "SELECT 1");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn another_os_user_cannot_reach_the_socket_even_with_the_password() {
    let Some(server) = local() else { return };
    let Some(owner) = server.os_user() else {
        eprintln!("skipped: switching OS users needs root");
        return;
    };
    if owner == "nobody" {
        eprintln!("skipped: the cluster itself runs as nobody");
        return;
    }
    let url = url_without_password(server);
    let o = psql(Some("nobody"), &url, server.password(), "SELECT 1");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Permission denied"), "{err}");

    // The same command as the cluster's own user gets in.
    let o = psql(Some(owner), &url, server.password(), "SELECT 1");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Run in a child test process by `a_killed_test_process_leaves_nothing_behind`: starts a
/// cluster, prints its directory, postmaster pid and password, and waits to be killed.
#[test]
#[ignore = "a helper that the test below runs in a child process"]
fn helper_start_a_cluster_and_wait() {
    if std::env::var_os("SQL_COMPARE_CLUSTER_CHILD").is_none() {
        return;
    }
    let server = server().expect("a cluster");
    let dir = server.socket_dir().expect("a throwaway cluster");
    let pid_file = std::fs::read_to_string(dir.join("data/postmaster.pid")).unwrap();
    println!(
        "cluster dir={} pid={} password={}",
        dir.display(),
        pid_file.lines().next().unwrap(),
        server.password().unwrap()
    );
    std::thread::sleep(Duration::from_secs(120));
}

#[test]
fn a_killed_test_process_leaves_nothing_behind() {
    if local().is_none() {
        return;
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "helper_start_a_cluster_and_wait",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env("SQL_COMPARE_CLUSTER_CHILD", "1")
        .env_remove("SQL_COMPARE_TEST_DATABASE_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let found = loop {
        line.clear();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break None;
        }
        if let Some(rest) = line.trim_end().strip_prefix("cluster ") {
            break Some(rest.to_string());
        }
    };
    let Some(found) = found else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the child printed no cluster");
    };
    let field = |key: &str| -> String {
        found
            .split(' ')
            .find_map(|f| f.strip_prefix(&format!("{key}=")))
            .unwrap()
            .to_string()
    };
    let dir = PathBuf::from(field("dir"));
    let postmaster = PathBuf::from(format!("/proc/{}", field("pid")));
    let password = field("password");
    assert!(dir.is_dir() && postmaster.exists());
    assert_ne!(dir, server().unwrap().socket_dir().unwrap());

    // No process carries the child's password on its command line (initdb, pg_ctl, the
    // server, the cleanup watcher).
    let carriers: Vec<String> = common::command_lines()
        .into_iter()
        .filter(|c| c.contains(&password))
        .collect();
    assert!(carriers.is_empty(), "{carriers:?}");

    // SIGKILL: no destructor, no atexit; the cleanup must come from outside the process.
    child.kill().unwrap();
    child.wait().unwrap();
    // A process is gone when /proc no longer has it, or has only its zombie (the postmaster's
    // parent is init, which in a container may not reap it).
    let gone = |p: &Path| {
        std::fs::read_to_string(p.join("stat")).map_or(true, |s| {
            s.rsplit(") ").next().unwrap_or("").starts_with('Z')
        })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while (dir.exists() || !gone(&postmaster)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(gone(&postmaster), "the server still runs");
    assert!(!dir.exists(), "{} is still there", dir.display());
}
