//! The `sql-compare` binary: exit statuses, formats, standard input, options and errors.
#![cfg(feature = "cli")]

mod common;

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

    let binary = temp("binary.sql", b"SELECT 1;\n\x00\x01\xfe\xff");
    let o = run(&[binary.to_str().unwrap(), MODELS]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).ends_with("binary.sql: 2:3: invalid UTF-8 at byte offset 12\n"),
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
    let help = stdout(&o);
    assert!(help.contains("Exit status: 0 when the schemas are equal"));
    for example in [
        "sql-compare models.sql migrated.sql",
        "sql-compare --format sql postgresql://user@prod/app postgresql://localhost/app",
        "In a CI job",
    ] {
        assert!(help.contains(example), "{example} not in --help");
    }
    let o = run(&["--version"]);
    assert_eq!(
        stdout(&o).trim(),
        format!("sql-compare {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn every_ignore_option_reaches_the_library() {
    let base = "CREATE TABLE t (a int);\n";
    let cases: &[(&str, &str)] = &[
        ("--ignore-privileges", "GRANT SELECT ON t TO r;"),
        ("--ignore-comments", "COMMENT ON TABLE t IS 'x';"),
        ("--ignore-data", "INSERT INTO t VALUES (1);"),
        ("--ignore-owners", "ALTER TABLE t OWNER TO r;"),
    ];
    let a = temp("ignore-a.sql", base.as_bytes());
    for (flag, extra) in cases {
        let b = temp("ignore-b.sql", format!("{base}{extra}\n").as_bytes());
        let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
        assert_eq!(run(&[a, b]).status.code(), Some(1), "{flag}");
        assert_eq!(run(&[flag, a, b]).status.code(), Some(0), "{flag}");
    }
}

#[test]
fn schema_option_keeps_only_those_schemas() {
    let a = temp(
        "schema-a.sql",
        b"CREATE TABLE app.t (a int);\nCREATE TABLE audit.log (a int);\n",
    );
    let b = temp(
        "schema-b.sql",
        b"CREATE TABLE app.t (a int);\nCREATE TABLE audit.log (a bigint);\n",
    );
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    assert_eq!(run(&[a, b]).status.code(), Some(1));
    assert_eq!(run(&["--schema", "app", a, b]).status.code(), Some(0));
    assert_eq!(
        run(&["--schema", "app", "--schema", "audit", a, b])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(run(&["--exclude", "audit.*", a, b]).status.code(), Some(0));
}

#[test]
fn color_is_chosen_by_the_flag_and_no_color() {
    let ansi = |o: &Output| stdout(o).contains("\x1b[");
    let always = run(&["--color", "always", MODELS, BROKEN]);
    assert!(ansi(&always));
    assert!(
        stdout(&always).contains("\x1b[31m    - testdata/shop-models.sql:93: total numeric(12,2)")
    );
    assert!(!ansi(&run(&["--color", "never", MODELS, BROKEN])));
    // Not a terminal here: auto means no colour.
    assert!(!ansi(&run(&[MODELS, BROKEN])));
    let o = bin()
        .args(["--color", "auto", MODELS, BROKEN])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!ansi(&o));
}

#[test]
fn sql_format_prints_a_migration_draft() {
    let o = run(&["--format", "sql", MODELS, BROKEN]);
    assert_eq!(o.status.code(), Some(1));
    let sql = stdout(&o);
    assert!(
        sql.starts_with("-- Migration draft from the left schema to the right one"),
        "{sql}"
    );
    // Destructive statements are printed commented out.
    assert!(
        sql.contains("\n-- unsafe: ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(10, 2) USING total::numeric(10, 2);\n"),
        "{sql}"
    );
    assert!(
        sql.contains("\n-- unsafe: DROP INDEX public.orders_customer_id_status_idx;\n"),
        "{sql}"
    );
    let back = run(&["--format", "sql", BROKEN, MODELS]);
    assert!(stdout(&back).contains("\nCREATE INDEX orders_customer_id_status_idx ON public.orders USING btree (customer_id, status);\n"));
    let o = run(&["--format", "sql", MODELS, MIGRATIONS]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), ""));
}

#[test]
fn live_databases_are_dumped_from_their_urls() {
    let Some(server) = common::pg::server() else {
        return;
    };
    let models = server.create_database("cli_models");
    let migrated = server.create_database("cli_migrated");
    let schema = std::fs::read_to_string(format!(
        "{}/testdata/schema.sql",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    sql_compare::psql(&models.url, &schema).unwrap();
    for file in common::pg::migrations() {
        sql_compare::psql(&migrated.url, &std::fs::read_to_string(file).unwrap()).unwrap();
    }
    let o = run(&[&models.url, &migrated.url]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));

    // A URL against a file, and a changed database.
    let dump = temp(
        "models-dump.sql",
        sql_compare::pg_dump(&models.url).unwrap().as_bytes(),
    );
    assert_eq!(
        run(&[dump.to_str().unwrap(), &migrated.url]).status.code(),
        Some(0)
    );
    sql_compare::psql(&migrated.url, "ALTER TABLE orders ADD COLUMN coupon text;").unwrap();
    let o = run(&[&models.url, &migrated.url]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("added column public.orders.coupon"),
        "{}",
        stdout(&o)
    );

    // The draft applied to the left database makes it equal to the right one.
    let o = run(&["--format", "sql", &models.url, &migrated.url]);
    sql_compare::psql(&models.url, &stdout(&o)).unwrap();
    assert_eq!(run(&[&models.url, &migrated.url]).status.code(), Some(0));

    // A database that cannot be reached: exit 2, one line with pg_dump's own message.
    let missing = models.url.replace("cli_models", "cli_no_such_database");
    let o = run(&[&missing, &migrated.url]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn two_database_urls_are_dumped_and_compared() {
    let Some(server) = common::pg::server() else {
        return;
    };
    let models = server.create_database("cli_models");
    sql_compare::psql(&models.url, &common::pg::testdata("schema.sql")).unwrap();
    let migrated = server.create_database("cli_migrated");
    for file in common::pg::migrations() {
        sql_compare::psql(&migrated.url, &std::fs::read_to_string(&file).unwrap()).unwrap();
    }
    let o = run(&[&models.url, &migrated.url]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));

    let other = server.create_database("cli_other");
    sql_compare::psql(&other.url, "CREATE TABLE t (a int);").unwrap();
    let o = run(&[&other.url, &models.url, "--ignore-owners"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\nremoved table public.t\n"), "{out}");
    assert!(out.starts_with("added table public.customers\n"), "{out}");
}

#[test]
fn names_with_quotes_are_escaped_once_in_every_format() {
    // The tables `a"b` and `a""b` on the left, only `a"b` (with a new column) on the right.
    let left = temp(
        "quotes-left.sql",
        br#"CREATE TABLE public."a""b" (id int);
CREATE TABLE public."a""""b" (id int);
"#,
    );
    let right = temp(
        "quotes-right.sql",
        br#"CREATE TABLE public."a""b" (id int, "n""o" text);
"#,
    );
    let (l, r) = (left.to_str().unwrap(), right.to_str().unwrap());
    let text = stdout(&run(&["--color", "never", l, r]));
    assert!(
        text.starts_with("removed table public.\"a\"\"\"\"b\"\n"),
        "{text}"
    );
    assert!(
        text.contains("\nchanged table public.\"a\"\"b\"\n"),
        "{text}"
    );
    assert!(
        text.contains("  added column public.\"a\"\"b\".\"n\"\"o\"\n"),
        "{text}"
    );

    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["--format", "json", l, r]))).unwrap();
    let names: Vec<&str> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, [r#"public."a""""b""#, r#"public."a""b""#]);
    assert_eq!(
        doc["changes"][1]["details"][0]["name"],
        r#"public."a""b"."n""o""#
    );

    let sql = stdout(&run(&["--format", "sql", l, r]));
    assert!(
        sql.contains("\n-- unsafe: DROP TABLE public.\"a\"\"\"\"b\";\n"),
        "{sql}"
    );
    assert!(
        sql.contains("\nALTER TABLE public.\"a\"\"b\" ADD COLUMN \"n\"\"o\" text;\n"),
        "{sql}"
    );
}
