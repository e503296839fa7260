//! Scratch databases on a real PostgreSQL: directories of migrations and models built and
//! compared, `--reload`, failing migrations, a given admin URL, a PostgreSQL 17 dump into the
//! installed server, and nothing left behind after a run, an interrupted one included.
#![cfg(feature = "cli")]

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::pg::server;
use sql_compare::{Comparer, SCRATCH_DIR_PREFIX, assert_schema_eq};

const MIGRATIONS: &str = "testdata/scratch/migrations";
const MODELS: &str = "testdata/scratch/models";
const SCHEMA: &str = "testdata/scratch/schema.sql";

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sql-compare"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SQL_COMPARE_SCRATCH_URL")
        .stdin(Stdio::null());
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Whether a throwaway cluster can start here (PostgreSQL's programs are installed), or a
/// shared server is given; otherwise the tests say why and pass (CI installs PostgreSQL, and
/// there a missing server fails `server()`).
fn have_postgres() -> bool {
    server().is_some()
}

/// A fresh directory for one CLI run's `TMPDIR`: its scratch cluster's directory is made
/// there, so that what it leaves behind can be seen. Mode 0755: the cluster's OS user must
/// enter it when the tests run as root.
fn tmpdir() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("sql-compare-scratch-test-")
        .tempdir()
        .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// Runs the CLI with `TMPDIR` set to a fresh directory and checks that the directory is empty
/// afterwards (no scratch cluster left) and that no server of it still runs.
fn run_clean(args: &[&str]) -> Output {
    let tmp = tmpdir();
    let out = bin().args(args).env("TMPDIR", tmp.path()).output().unwrap();
    assert_nothing_left(tmp.path());
    out
}

/// Within 30 s: `tmp` holds no scratch directory and no process names a path under it.
fn assert_nothing_left(tmp: &Path) {
    let needle = tmp.to_str().unwrap().to_string();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left: Vec<PathBuf> = std::fs::read_dir(tmp)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        let processes: Vec<String> = common::command_lines()
            .into_iter()
            .filter(|c| c.contains(&needle))
            .collect();
        if left.is_empty() && processes.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            panic!("left behind: {left:?}, processes {processes:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_library_builds_models_and_migrations_and_they_match() {
    let Some(server) = server() else { return };
    let scratch = server.scratch();
    let models = scratch.create_database().unwrap();
    let report = models.load_path(testdata(MODELS)).unwrap();
    assert_eq!(report.files(), 2, "README.txt is not SQL");
    let migrated = scratch.create_database().unwrap();
    assert_eq!(migrated.load_path(testdata(MIGRATIONS)).unwrap().files(), 3);
    assert_schema_eq!(
        models.dump().unwrap(),
        migrated.dump().unwrap(),
        options = Comparer::new().exclude_migration_tables()
    );
    // A database is dropped with its value.
    let name = models.name().to_string();
    drop(models);
    let list = sql_compare::PgDump::new(sql_compare::with_database(server.admin_url(), &name))
        .run()
        .unwrap_err();
    assert!(list.to_string().contains("does not exist"), "{list}");
}

/// A path of the test data, from the crate's directory.
fn testdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn migrations_and_models_directories_compare_equal_on_a_throwaway_cluster() {
    if !have_postgres() {
        return;
    }
    let o = run_clean(&["--timings", MIGRATIONS, MODELS]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let err = text(&o.stderr);
    assert!(err.contains("timings: cluster start "), "{err}");
    assert!(
        err.contains("left: read ") && err.contains(", load "),
        "{err}"
    );

    // A hand-written schema file, reloaded, against the migrations.
    let o = run_clean(&["--reload", SCHEMA, MIGRATIONS]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    // Without --reload the file is compared as written, and differs from pg_dump's layout.
    let o = run_clean(&[SCHEMA, MIGRATIONS]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
}

#[test]
fn a_type_that_differs_is_named_by_its_column() {
    if !have_postgres() {
        return;
    }
    let o = run_clean(&[
        "--reload",
        "testdata/scratch/schema-wrong-type.sql",
        MIGRATIONS,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("changed column public.invoices.amount\n    type integer → numeric(12,2)"),
        "{out}"
    );
    assert!(out.contains("1 object differs"), "{out}");
}

#[test]
fn a_broken_migration_exits_2_naming_its_file_and_line() {
    if !have_postgres() {
        return;
    }
    let o = run_clean(&["testdata/scratch/broken", MODELS]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    let err = text(&o.stderr);
    assert_eq!(
        err,
        "sql-compare: testdata/scratch/broken/001-add-account-name.sql:3: ERROR: relation \"acounts\" does not exist\n"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_pg17_dump_loads_into_the_installed_server() {
    if !have_postgres() {
        return;
    }
    let dump = "testdata/scratch/pg17-dump.sql";
    let o = run_clean(&["--reload", dump, dump]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let err = text(&o.stderr);
    let skipped = format!(
        "sql-compare: {dump}: skipped 1 SET of a setting this server does not know (transaction_timeout)\n"
    );
    assert_eq!(err.matches(&skipped).count(), 2, "{err}");
    // The roles it names exist after the first side made them.
    assert_eq!(
        err.matches("created the roles it names in the throwaway cluster (app_owner, app_reader)")
            .count(),
        1,
        "{err}"
    );

    // Reloaded, it equals the models that the migrations build, but for owners and grants.
    let o = run_clean(&[
        "--reload",
        "--ignore-owners",
        "--ignore-privileges",
        dump,
        MIGRATIONS,
        "--exclude",
        "invoice*",
    ]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    assert!(out.contains("changed table public.accounts"), "{out}");
    assert!(out.contains("removed policy"), "{out}");
}

#[test]
fn a_given_admin_url_holds_the_scratch_databases_and_lacks_roles_by_name() {
    let Some(server) = server() else { return };
    let admin = server.admin_url();
    let o = run_clean(&["--scratch", admin, MIGRATIONS, MODELS]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    // The environment variable does the same.
    let tmp = tmpdir();
    let o = bin()
        .args(["--reload", SCHEMA, MIGRATIONS])
        .env("SQL_COMPARE_SCRATCH_URL", admin)
        .env("TMPDIR", tmp.path())
        // No cluster is started for it: one would fail without initdb.
        .env("INITDB", "/nonexistent/initdb")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );

    // Roles are not made on a given server: they are named in the error. The password of
    // the URL never shows.
    let o = run_clean(&[
        "--scratch",
        admin,
        "--reload",
        "testdata/scratch/pg17-dump.sql",
        SCHEMA,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    let err = text(&o.stderr);
    assert!(
        err.contains("testdata/scratch/pg17-dump.sql: the scratch server lacks the roles app_owner, app_reader that the input names"),
        "{err}"
    );
    if let Some(password) = server.password() {
        assert!(!err.contains(password), "{err}");
    }

    // The scratch databases are gone.
    // The scratch databases of the CLI runs are gone (this process's own are named after it).
    let others = format!(
        "FROM pg_database WHERE datname LIKE 'sqlcmp\\_%' AND datname NOT LIKE 'sqlcmp\\_{}\\_%'",
        std::process::id()
    );
    sql_compare::psql(
        admin,
        &format!(
            "DO $$ BEGIN IF EXISTS (SELECT {others}) THEN \
             RAISE EXCEPTION 'left behind: %', (SELECT string_agg(datname, ', ') {others}); \
             END IF; END $$;"
        ),
    )
    .unwrap();
}

#[test]
fn reload_makes_the_musicbrainz_reload_pair_equal_while_the_offline_comparison_is_strict() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    if !have_postgres() {
        return;
    }
    let pair = corpus.join("pairs/reload-musicbrainz");
    let (a, b) = (pair.join("a.dump.sql"), pair.join("b.dump.sql"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = run_clean(&[a, b]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).ends_with("3 objects differ: 0 added, 0 removed, 3 changed\n"),
        "{}",
        text(&o.stdout)
    );
    let o = run_clean(&["--reload", "--timings", a, b]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
}

/// Starts the CLI on a migration that sleeps, in a process group of its own (as a shell
/// starts a job), and waits until its scratch server is up and the load has begun.
fn start_slow_run(tmp: &Path) -> Child {
    let child = bin()
        .args(["testdata/scratch/slow", MODELS])
        .env("TMPDIR", tmp)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let sleeping = common::command_lines()
            .iter()
            .any(|c| c.starts_with("postgres: ") && c.contains("SELECT"));
        let started = std::fs::read_dir(tmp)
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.path().join("data/postmaster.pid").exists());
        if started && sleeping {
            break;
        }
        assert!(Instant::now() < deadline, "the slow run never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The directory is the cluster's and carries the prefix.
    let names: Vec<String> = std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with(SCRATCH_DIR_PREFIX)),
        "{names:?}"
    );
    child
}

fn signal(how: &[&str]) {
    let status = Command::new("kill").args(how).status().unwrap();
    assert!(status.success(), "kill {how:?}");
}

#[test]
fn an_interrupted_run_leaves_no_server_and_no_directory() {
    if !have_postgres() {
        return;
    }
    // Ctrl-C in a terminal: SIGINT to the whole process group (the CLI, psql, runuser…).
    // SIGTERM to the CLI alone. SIGKILL to the CLI alone: no destructor runs.
    for how in ["INT", "TERM", "KILL"] {
        let tmp = tmpdir();
        let mut child = start_slow_run(tmp.path());
        let pid = child.id().to_string();
        match how {
            "INT" => signal(&["-s", "INT", "--", &format!("-{pid}")]),
            other => signal(&["-s", other, &pid]),
        }
        let status = child.wait().unwrap();
        assert!(!status.success(), "{how}: {status:?}");
        let mut err = String::new();
        let _ = BufReader::new(child.stderr.take().unwrap()).read_line(&mut err);
        assert!(!err.contains("panicked"), "{how}: {err}");
        assert_nothing_left(tmp.path());
    }
}

#[test]
fn an_unprivileged_user_runs_the_cli_with_its_own_cluster() {
    if !have_postgres() {
        return;
    }
    let root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    if !root {
        // Not root: every other CLI test here already runs unprivileged.
        return;
    }
    // The binary and the test data must be readable by nobody: every directory above them
    // enterable by others.
    let readable = |p: &Path| {
        p.ancestors()
            .all(|a| std::fs::metadata(a).is_ok_and(|m| m.permissions().mode() & 0o005 == 0o005))
    };
    let exe = Path::new(env!("CARGO_BIN_EXE_sql-compare"));
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join(MODELS);
    if !readable(exe.parent().unwrap()) || !readable(&data) {
        eprintln!("skipped: the binary or the test data is not readable by nobody");
        return;
    }
    let tmp = tmpdir();
    let chown = Command::new("chown")
        .args(["nobody"])
        .arg(tmp.path())
        .status()
        .unwrap();
    assert!(chown.success());
    let o = Command::new("runuser")
        .args(["-u", "nobody", "--"])
        .arg(exe)
        .args([MIGRATIONS, MODELS])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TMPDIR", tmp.path())
        .env_remove("SQL_COMPARE_SCRATCH_URL")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    assert_nothing_left(tmp.path());
}

#[test]
fn a_dropped_server_is_gone_at_once_and_a_panic_drops_it() {
    if !have_postgres() {
        return;
    }
    let tmp = tmpdir();
    let server = sql_compare::Scratch::new()
        .parent_dir(tmp.path())
        .start()
        .unwrap();
    let dir = server.dir().unwrap().to_path_buf();
    assert!(dir.join("data/postmaster.pid").exists());
    assert!(server.startup_time() < Duration::from_secs(10));
    let debug = format!("{server:?}");
    assert!(!debug.contains(server.password().unwrap()), "{debug}");
    drop(server);
    // Drop waits for the watcher: the directory is gone when it returns.
    assert!(!dir.exists(), "{}", dir.display());

    let result = std::panic::catch_unwind(|| {
        let server = sql_compare::Scratch::new()
            .parent_dir(tmp.path())
            .start()
            .unwrap();
        let db = server.create_database().unwrap();
        db.execute("CREATE TABLE t (a int);").unwrap();
        panic!("a failing test");
    });
    assert!(result.is_err());
    assert_nothing_left(tmp.path());
}

#[test]
fn a_directory_without_sql_files_is_an_error() {
    let Some(server) = server() else { return };
    let db = server.scratch().create_database().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let err = db.load_path(empty.path()).unwrap_err().to_string();
    assert!(err.ends_with(": no *.sql files in the directory"), "{err}");
}

/// A migration that reads the server's environment (`COPY … FROM PROGRAM 'env'`) and fails
/// when it holds `leak-test-secret`.
const ENV_PROBE: &str = r#"CREATE TABLE leak_env (line text);
COPY leak_env FROM PROGRAM 'env' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02');
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM leak_env WHERE line LIKE 'PATH=%') THEN
        RAISE EXCEPTION 'the probe read no environment';
    END IF;
    IF EXISTS (SELECT FROM leak_env WHERE line LIKE '%leak-test-secret%') THEN
        RAISE EXCEPTION 'leaked: %',
            (SELECT string_agg(line, ' ') FROM leak_env WHERE line LIKE '%leak-test-secret%');
    END IF;
END $$;
DROP TABLE leak_env;
"#;

#[test]
fn the_throwaway_cluster_and_its_clients_get_none_of_the_callers_environment() {
    if !have_postgres() {
        return;
    }
    let inputs = tempfile::tempdir().unwrap();
    std::fs::set_permissions(inputs.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let probe = inputs.path().join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::write(probe.join("001_probe.sql"), ENV_PROBE).unwrap();
    let probe = probe.to_str().unwrap();
    let tmp = tmpdir();
    // Secrets meant for production, and libpq settings that would break a client of the
    // throwaway cluster (psql or pg_dump) if it took them.
    let o = bin()
        .args([probe, probe])
        .env("TMPDIR", tmp.path())
        .env("PGPASSWORD", "leak-test-secret")
        .env("SOMETHING_SECRET", "leak-test-secret")
        .env(
            "PRODUCTION_DATABASE_URL",
            "postgresql://app:leak-test-secret@db/prod",
        )
        .env("PGUSER", "leak-test-secret")
        .env("PGDATABASE", "leak-test-secret")
        .env("PGOPTIONS", "-c work_mem=leak-test-secret")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    assert_nothing_left(tmp.path());
}

#[test]
fn a_run_killed_while_its_cluster_starts_leaves_nothing() {
    if !have_postgres() {
        return;
    }
    // SIGKILL to the CLI alone while initdb or pg_ctl runs: the watcher ends them before it
    // removes the directory.
    for delay in [20, 50, 100, 200, 400, 800] {
        let tmp = tmpdir();
        let mut child = bin()
            .args([MIGRATIONS, MODELS])
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        signal(&["-s", "KILL", &child.id().to_string()]);
        let _ = child.wait();
        assert_nothing_left(tmp.path());
    }
}

#[test]
fn a_temporary_directory_with_url_characters_works_and_one_with_a_comma_is_refused() {
    if !have_postgres() {
        return;
    }
    let tmp = tmpdir();
    let odd = tmp.path().join("a&b%41 c");
    std::fs::create_dir(&odd).unwrap();
    std::fs::set_permissions(&odd, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = sql_compare::Scratch::new()
        .parent_dir(&odd)
        .start()
        .unwrap();
    let db = server.create_database().unwrap();
    db.execute("CREATE TABLE t (a int);").unwrap();
    assert!(db.dump().unwrap().contains("CREATE TABLE public.t"));
    drop(db);
    drop(server);
    let comma = tmp.path().join("a,b");
    std::fs::create_dir(&comma).unwrap();
    let err = sql_compare::Scratch::new()
        .parent_dir(&comma)
        .start()
        .unwrap_err()
        .to_string();
    assert!(err.contains("holds a comma"), "{err}");
    assert!(!err.contains("scratch server: scratch server:"), "{err}");
    std::fs::remove_dir(&comma).unwrap();
    std::fs::remove_dir(&odd).unwrap();
    assert_nothing_left(tmp.path());
}

#[test]
fn the_size_limit_bounds_a_directorys_sql_files_together() {
    if !have_postgres() {
        return;
    }
    let total: u64 = std::fs::read_dir(MIGRATIONS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let largest: u64 = std::fs::read_dir(MIGRATIONS)
        .unwrap()
        .map(|e| std::fs::metadata(e.unwrap().path()).unwrap().len())
        .max()
        .unwrap();
    // Each file fits, all of them do not.
    assert!(largest < total - 1);
    let limit = (total - 1).to_string();
    let o = run_clean(&["--max-input-size", &limit, MIGRATIONS, MODELS]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains(&format!("larger than the limit of {limit} bytes")),
        "{}",
        text(&o.stderr)
    );
    // Refused before loading, not only when the dump is read.
    assert!(!text(&o.stderr).contains("the dump"), "{}", text(&o.stderr));
}

/// Writes `files` (paths under a migration directory `m`, texts where `{marker}` stands for a
/// file that a shell escape would create) and checks that comparing the directory exits 2 with
/// `refusal` before anything runs.
fn refuses_before_running(files: &[(&str, &str)], refusal: &str) {
    if !have_postgres() {
        return;
    }
    let inputs = tempfile::tempdir().unwrap();
    std::fs::set_permissions(inputs.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = inputs.path().join("m");
    let marker = inputs.path().join("ran");
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = text.replace("{marker}", &marker.display().to_string());
        std::fs::write(path, text).unwrap();
    }
    let dir = dir.to_str().unwrap();
    let o = run_clean(&[dir, dir]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains(refusal), "{}", text(&o.stderr));
    assert!(!marker.exists());
}

#[test]
fn a_shell_escape_in_a_migration_is_refused_before_anything_runs() {
    refuses_before_running(
        &[
            ("001.sql", "CREATE TABLE t (a int);\n"),
            ("002.sql", "SELECT 1;\n\\! touch {marker}\n"),
        ],
        "002.sql:2: psql meta-command \\! is not run by sql-compare",
    );
}

#[test]
fn a_shell_escape_in_an_included_file_is_refused_too() {
    refuses_before_running(
        &[
            ("001.sql", "\\ir lib/a.inc\n"),
            ("lib/a.inc", "\\ir b.inc\n"),
            ("lib/b.inc", "CREATE TABLE t (a int);\n\\! touch {marker}\n"),
        ],
        "b.inc:2: psql meta-command \\! is not run by sql-compare",
    );
}
