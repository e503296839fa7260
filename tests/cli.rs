//! The `sql-compare` binary: exit statuses, formats, standard input, options and errors.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sql-compare"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const MODELS: &str = "testdata/shop-models.sql";
const MIGRATIONS: &str = "testdata/shop-migrations.sql";
const BROKEN: &str = "testdata/shop-broken.sql";

fn temp(name: &str, text: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sql-compare-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn equal_dumps_exit_0_and_print_nothing() {
    let o = run(&[MODELS, MIGRATIONS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn different_dumps_exit_1_with_a_report() {
    let o = run(&[MODELS, BROKEN]);
    assert_eq!(o.status.code(), Some(1));
    let expected = "\
changed table public.orders
  changed column public.orders.total
    - testdata/shop-models.sql:93: total numeric(12,2) DEFAULT 0 NOT NULL
    + testdata/shop-broken.sql:93: total numeric(10,2) DEFAULT 0 NOT NULL
  removed index public.orders_customer_id_status_idx
    - testdata/shop-models.sql:141: CREATE INDEX orders_customer_id_status_idx ON public.orders USING btree (customer_id, status);
1 object differs: 0 added, 0 removed, 1 changed
";
    assert_eq!(stdout(&o), expected);
}

#[test]
fn json_format_has_the_documented_shape() {
    let o = run(&["--format", "json", MODELS, BROKEN]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["equal"], false);
    let table = &doc["changes"][0];
    assert_eq!(table["change"], "changed");
    assert_eq!(table["kind"], "table");
    assert_eq!(table["name"], "public.orders");
    let column = &table["details"][0];
    assert_eq!(column["change"], "changed");
    assert_eq!(column["kind"], "column");
    assert_eq!(column["name"], "public.orders.total");
    assert_eq!(column["left"][0]["lines"], serde_json::json!([93, 93]));
    assert_eq!(
        column["right"][0]["text"],
        "total numeric(10,2) DEFAULT 0 NOT NULL"
    );
    assert_eq!(column["details"], serde_json::json!([]));
    let index = &table["details"][1];
    assert_eq!(
        (index["change"].as_str(), index["kind"].as_str()),
        (Some("removed"), Some("index"))
    );

    let o = run(&["--format", "json", MODELS, MIGRATIONS]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc, serde_json::json!({"equal": true, "changes": []}));
}

#[test]
fn standard_input_is_read_for_dash() {
    let models =
        std::fs::read_to_string(format!("{}/{MODELS}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let o = run_stdin(&[MIGRATIONS, "-"], &models);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_stdin(&["-", BROKEN], &models);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("- <stdin>:93: total numeric(12,2)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn options_reach_the_library() {
    let a = temp("owner-a.sql", b"CREATE TABLE t (a int, b int);\nALTER TABLE t OWNER TO x;\nSET lock_timeout = 0;\nCREATE TYPE e AS ENUM ('a', 'b');\nCREATE TABLE schema_migrations (v text);\n");
    let b = temp("owner-b.sql", b"CREATE TABLE t (b int, a int);\nALTER TABLE t OWNER TO y;\nCREATE TYPE e AS ENUM ('b', 'a');\n");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    assert_eq!(run(&[a, b]).status.code(), Some(1));
    let base = ["--ignore-owners", "--exclude", "schema_*"];
    let with = |extra: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args.extend_from_slice(&[a, b]);
        run(&args).status.code()
    };
    assert_eq!(with(&[]), Some(0));
    assert_eq!(with(&["--strict-column-order"]), Some(1));
    assert_eq!(with(&["--strict-enum-order"]), Some(1));
    assert_eq!(with(&["--compare-settings"]), Some(1));
    let o = run(&["--quiet", a, b]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(1), ""));
}

#[test]
fn errors_exit_2_with_one_line_naming_the_file() {
    let o = run(&["testdata/no-such-file.sql", MODELS]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("sql-compare: testdata/no-such-file.sql: "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    let bad = temp(
        "unterminated.sql",
        b"CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS 'oops;\n",
    );
    let o = run(&[MODELS, bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.ends_with("unterminated.sql: 2:23: unterminated quoted string\n"),
        "{err}"
    );

    let binary = temp("binary.sql", b"\x00\x01\xfe\xff");
    let o = run(&[binary.to_str().unwrap(), MODELS]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid UTF-8 at byte offset 2"),
        "{}",
        stderr(&o)
    );

    let o = run(&["testdata", MODELS]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1);

    let o = run(&[MODELS]);
    assert_eq!(o.status.code(), Some(2), "a missing argument is an error");
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Exit status: 0 when the schemas are equal"));
    let o = run(&["--version"]);
    assert_eq!(
        stdout(&o).trim(),
        format!("sql-compare {}", env!("CARGO_PKG_VERSION"))
    );
}
