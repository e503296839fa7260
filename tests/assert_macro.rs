//! `assert_schema_eq!`: passes, fails with the exact report (the sides named, changes told in
//! the words of the schema, the SQL to write), cuts long reports and writes them whole to a
//! file, reports parse errors with side, line and column, and takes labels, options and
//! messages. `assert_schema_snapshot!`: compares with a file, and writes it when blessed.

use sql_compare::{Comparer, assert_schema_eq, assert_schema_snapshot};

const MODELS: &str = "CREATE TABLE public.orders (\n    id bigint NOT NULL,\n    note text,\n    total numeric(12,2)\n);\nALTER TABLE public.orders OWNER TO shop;\n";
const MIGRATED: &str = "CREATE TABLE public.orders (\n    id bigint NOT NULL,\n    total numeric(12,2),\n    note text\n);\nALTER TABLE public.orders OWNER TO app;\n";
const WRONG_TYPE: &str = "CREATE TABLE public.orders (\n    id bigint NOT NULL,\n    total numeric(10,2),\n    note text\n);\nALTER TABLE public.orders OWNER TO shop;\n";

#[test]
fn passes_when_only_order_differs() {
    let owned: String = MIGRATED.replace("app", "shop");
    assert_schema_eq!(MODELS, owned);
    assert_schema_eq!(MODELS.to_string(), &owned, "with a message {}", 1);
    assert_schema_eq!(
        MODELS,
        MIGRATED,
        options = Comparer::new().ignore_owners(true)
    );
    assert_schema_eq!(
        MODELS,
        MIGRATED,
        options = Comparer::new().ignore_owners(true),
        "msg {}",
        2,
    );
}

/// The message of a panic that `f` makes.
fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(f).expect_err("the assertion passed");
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(p) => p.downcast_ref::<&str>().unwrap().to_string(),
    }
}

#[test]
#[should_panic(expected = "assertion failed: the schemas differ
- left: MODELS
+ right: WRONG_TYPE
changed table public.orders
  changed column public.orders.total
    type numeric(12,2) → numeric(10,2)
1 object differs: 0 added, 0 removed, 1 changed
SQL that would turn right (WRONG_TYPE) into left (MODELS), from SchemaDiff::migration:
  ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12, 2);")]
fn fails_with_the_report() {
    assert_schema_eq!(MODELS, WRONG_TYPE);
}

#[test]
fn the_whole_message_reads_as_the_schema_changed() {
    let models = "CREATE TYPE public.status AS ENUM (\n    'new',\n    'paid',\n    'shipped'\n);\n\
                  CREATE TABLE public.orders (\n    id bigint NOT NULL,\n    status public.status DEFAULT 'new'::public.status NOT NULL\n);\n";
    let migrated = "CREATE TYPE public.status AS ENUM (\n    'new',\n    'paid',\n    'sent'\n);\n\
                    CREATE TABLE public.orders (\n    id integer NOT NULL,\n    status public.status\n);\n\
                    CREATE TABLE public.t10 (a int);\nCREATE TABLE public.t2 (a int);\n";
    let message = panic_message(|| {
        assert_schema_eq!(
            models,
            migrated,
            labels = ("models", "migrations"),
            "after migration {}",
            7
        )
    });
    let expected = "\
assertion failed: the schemas differ: after migration 7
- left: models
+ right: migrations
changed table public.orders
  changed column public.orders.id
    type bigint → integer
  changed column public.orders.status
    default 'new'::public.status → none
    nullability NOT NULL → NULL
changed enum public.status
  changed definition public.status
    label 'sent' added after 'paid'
    label 'shipped' removed (it was after 'paid')
added table public.t2
  + CREATE TABLE public.t2 (a int);
added table public.t10
  + CREATE TABLE public.t10 (a int);
4 objects differ: 2 added, 0 removed, 2 changed
SQL that would turn right (migrations) into left (models), from SchemaDiff::migration:
  DROP TABLE public.t2;
  DROP TABLE public.t10;
  ALTER TYPE public.status RENAME VALUE 'sent' TO 'shipped';
  ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'new'::public.status;
  ALTER TABLE public.orders ALTER COLUMN status SET NOT NULL;
  ALTER TABLE public.orders ALTER COLUMN id TYPE bigint USING id::bigint;";
    assert_eq!(message, expected);
}

/// A dump read from a database, as a test suite would get it.
fn dump(text: &str) -> Result<String, sql_compare::Error> {
    Ok(text.to_string())
}

fn compare_with_a_fallible_dump() -> Result<(), sql_compare::Error> {
    let migrated = WRONG_TYPE.to_string();
    assert_schema_eq!(MODELS, dump(&migrated)?);
    Ok(())
}

#[test]
#[should_panic(expected = "assertion failed: the schemas differ
- left: MODELS
+ right: dump(&migrated)?
changed table public.orders")]
fn the_sides_are_named_by_their_expressions() {
    compare_with_a_fallible_dump().unwrap();
}

#[test]
#[should_panic(expected = "assertion failed: the schemas differ: after migration 002
- left: MODELS
+ right: MIGRATED
changed table public.orders
  changed owner public.orders
    owner shop → app
1 object differs: 0 added, 0 removed, 1 changed
SQL that would turn right (MIGRATED) into left (MODELS), from SchemaDiff::migration:
  ALTER TABLE public.orders OWNER TO shop;")]
fn fails_with_the_message_first() {
    assert_schema_eq!(MODELS, MIGRATED, "after migration {:03}", 2);
}

#[test]
#[should_panic(expected = "assertion failed: the schemas differ: strict
- left: models
+ right: migrated
changed table public.orders
  changed column order public.orders
    - (id, note, total)
    + (id, total, note)
")]
fn options_and_message() {
    let strict = Comparer::new()
        .strict_column_order(true)
        .ignore_owners(true);
    assert_schema_eq!(
        MODELS,
        MIGRATED,
        labels = ("models", "migrated"),
        options = strict,
        "strict"
    );
}

#[test]
fn labels_and_options_without_a_message() {
    assert_schema_eq!(
        MODELS,
        MIGRATED,
        labels = ("models", String::from("migrated")),
        options = Comparer::new().ignore_owners(true),
    );
    assert_schema_eq!(MODELS, MODELS, labels = ("a", "b"));
}

#[test]
#[should_panic(
    expected = "assertion failed: the right dump does not parse at 2:23: unterminated quoted string"
)]
fn a_dump_that_does_not_parse_says_which_side_and_where() {
    assert_schema_eq!("SELECT 1;", "SELECT 1;\nCOMMENT ON TABLE t IS 'x");
}

#[test]
fn long_reports_are_cut_and_written_whole_to_a_file() {
    let many: String = (0..100)
        .map(|i| format!("CREATE TABLE t{i} (a int);\n"))
        .collect();
    let message = panic_message(|| assert_schema_eq!("", many));
    assert!(
        message.contains(
            "  + CREATE TABLE t19 (a int);\n… 160 more lines not shown\n100 objects differ: 100 added, 0 removed, 0 changed\n"
        ),
        "{message}"
    );
    assert!(
        message.contains("  DROP TABLE public.t90;\n  … 90 more lines of SQL not shown\n"),
        "{message}"
    );
    assert!(message.lines().count() <= 60, "{message}");
    let path = message
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("the whole report: "))
        .unwrap_or_else(|| panic!("no file named: {message}"));
    let path = std::path::Path::new(path);
    assert!(
        path.ends_with("sql-compare/long_reports_are_cut_and_written_whole_to_a_file.txt"),
        "{}",
        path.display()
    );
    let whole = std::fs::read_to_string(path).unwrap();
    // Natural order, every table, all the SQL, no cut and no colour.
    assert!(
        whole.contains(
            "added table public.t9\n  + CREATE TABLE t9 (a int);\nadded table public.t10\n"
        )
    );
    assert!(whole.contains("added table public.t99\n"));
    assert!(whole.contains("  DROP TABLE public.t0;\n"));
    assert!(!whole.contains("not shown"), "{whole}");
    assert!(!whole.contains('\x1b'));
    assert!(
        whole.starts_with("assertion failed: the schemas differ\n- left: \"\"\n+ right: many\n")
    );
}

#[test]
fn short_reports_write_no_file() {
    let message = panic_message(|| assert_schema_eq!(MODELS, WRONG_TYPE));
    assert!(!message.contains("the whole report"), "{message}");
}

/// A folder for snapshots, standing for a crate's `CARGO_MANIFEST_DIR`.
fn snapshot_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("sql-compare-snapshot-")
        .tempdir()
        .unwrap()
}

fn snapshot(dir: &std::path::Path, dump: &str, bless: bool) {
    sql_compare::__schema_snapshot(
        &Comparer::new(),
        dump,
        "dump",
        dir.to_str().unwrap(),
        "db/schema.sql",
        None,
        bless,
    );
}

#[test]
fn snapshots_are_written_when_blessed_and_compared_otherwise() {
    let dir = snapshot_dir();
    let file = dir.path().join("db/schema.sql");

    // Missing: fails, saying how to write it.
    let message = panic_message(|| snapshot(dir.path(), MODELS, false));
    assert!(
        message.starts_with("assertion failed: the schema snapshot db/schema.sql does not exist ("),
        "{message}"
    );
    assert!(
        message.ends_with(
            "\nto write it, run the tests with SQL_COMPARE_BLESS=1, then look at `git diff db/schema.sql` and commit it"
        ),
        "{message}"
    );
    assert!(!file.exists());

    // Blessed: written, folder and all; then it passes without blessing.
    snapshot(dir.path(), MODELS, true);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MODELS);
    snapshot(dir.path(), MODELS, false);
    // Order does not count, and an equal schema leaves the file as it is, even blessed.
    snapshot(dir.path(), &MIGRATED.replace("app", "shop"), true);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MODELS);

    // A difference: the report, the snapshot's lines (a file the reader has), the hint.
    let message = panic_message(|| snapshot(dir.path(), WRONG_TYPE, false));
    let expected = "\
assertion failed: the schema differs from the snapshot db/schema.sql
- left: db/schema.sql
+ right: dump
changed table public.orders
  changed column public.orders.total
    type numeric(12,2) → numeric(10,2)
    - db/schema.sql:4: total numeric(12,2)
1 object differs: 0 added, 0 removed, 1 changed
SQL that would turn right (dump) into left (db/schema.sql), from SchemaDiff::migration:
  ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12, 2);
to accept the dump as the new snapshot, run the tests with SQL_COMPARE_BLESS=1, then look at `git diff db/schema.sql` and commit it";
    assert_eq!(message, expected);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MODELS);

    // Blessed: rewritten.
    snapshot(dir.path(), WRONG_TYPE, true);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), WRONG_TYPE);
    snapshot(dir.path(), WRONG_TYPE, false);
}

#[test]
fn a_snapshot_that_does_not_parse_is_named() {
    let dir = snapshot_dir();
    std::fs::create_dir_all(dir.path().join("db")).unwrap();
    std::fs::write(dir.path().join("db/schema.sql"), "SELECT 'x").unwrap();
    let message = panic_message(|| snapshot(dir.path(), MODELS, true));
    assert_eq!(
        message,
        "assertion failed: the left snapshot does not parse at 1:8: unterminated quoted string"
    );
    // A good snapshot and a dump that does not parse: the dump is named.
    std::fs::write(dir.path().join("db/schema.sql"), MODELS).unwrap();
    let message = panic_message(|| snapshot(dir.path(), "SELECT 'y", false));
    assert!(
        message.starts_with("assertion failed: the right dump does not parse"),
        "{message}"
    );
}

#[test]
fn the_snapshot_macro_reads_a_committed_file() {
    // Relative to this crate's CARGO_MANIFEST_DIR; equal, so blessing would not rewrite it.
    let dump = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/shop-migrations.sql"
    ))
    .unwrap();
    assert_schema_snapshot!(dump, "testdata/shop-models.sql");
    assert_schema_snapshot!(
        dump,
        "testdata/shop-models.sql",
        options = Comparer::new().ignore_owners(true)
    );
    assert_schema_snapshot!(&dump, "testdata/shop-models.sql", "with a message {}", 1);
    assert_schema_snapshot!(
        dump,
        "testdata/shop-models.sql",
        options = Comparer::new(),
        "with a message {}",
        2,
    );
}

/// Run by `bless_runs_in_a_child_process`, with the environment that test gives it.
#[test]
#[ignore = "run by bless_runs_in_a_child_process"]
fn snapshot_child() {
    let (Some(path), Some(dump)) = (
        std::env::var_os("SNAPSHOT_CHILD_PATH"),
        std::env::var_os("SNAPSHOT_CHILD_DUMP"),
    ) else {
        return;
    };
    let path = path.into_string().unwrap();
    assert_schema_snapshot!(dump.into_string().unwrap(), path);
}

#[test]
fn bless_runs_in_a_child_process() {
    let dir = snapshot_dir();
    let file = dir.path().join("db/schema.sql");
    let child = |dump: &str, bless: bool| {
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args(["--exact", "snapshot_child", "--ignored", "--test-threads=1"])
            .env("SNAPSHOT_CHILD_PATH", &file)
            .env("SNAPSHOT_CHILD_DUMP", dump)
            .env_remove("SQL_COMPARE_BLESS");
        if bless {
            cmd.env("SQL_COMPARE_BLESS", "1");
        }
        cmd.output().unwrap()
    };
    let o = child(MODELS, false);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("run the tests with SQL_COMPARE_BLESS=1"));
    let o = child(MODELS, true);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MODELS);
    assert!(
        child(MIGRATED.replace("app", "shop").as_str(), false)
            .status
            .success()
    );
    let o = child(WRONG_TYPE, false);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("type numeric(12,2) → numeric(10,2)"));
    assert!(child(WRONG_TYPE, true).status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), WRONG_TYPE);
}

/// Where the panic that `f` makes says it happened, seen through a panic hook. The hook is
/// the process's: the tests that set one take turns, and other tests that panic meanwhile, on
/// their own threads, must not overwrite what this one sees.
fn panic_location(f: impl FnOnce() + std::panic::UnwindSafe) -> (String, u32) {
    static HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let location = std::sync::Arc::new(std::sync::Mutex::new(None));
    let seen = location.clone();
    let previous = std::panic::take_hook();
    let this_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == this_thread {
            *seen.lock().unwrap() = info.location().map(|l| (l.file().to_string(), l.line()));
        }
    }));
    let result = std::panic::catch_unwind(f);
    std::panic::set_hook(previous);
    assert!(result.is_err());
    location.lock().unwrap().clone().unwrap()
}

#[test]
fn the_failure_points_at_the_caller() {
    // #[track_caller] makes the panic location the macro call.
    let expected_line = line!() + 2;
    let (file, line) = panic_location(|| {
        assert_schema_eq!("CREATE TABLE a (x int);", "");
    });
    assert!(file.ends_with("assert_macro.rs"), "{file}");
    assert_eq!(line, expected_line);
}

#[test]
fn a_snapshot_failure_points_at_the_caller() {
    if std::env::var_os("SQL_COMPARE_BLESS").is_some() {
        return; // blessing would write the file instead of failing
    }
    let dir = snapshot_dir();
    let missing = dir.path().join("db/none.sql");
    let expected_line = line!() + 2;
    let (file, line) = panic_location(|| {
        assert_schema_snapshot!(MODELS, missing.to_str().unwrap());
    });
    assert!(!missing.exists());
    assert!(file.ends_with("assert_macro.rs"), "{file}");
    assert_eq!(line, expected_line);
}
