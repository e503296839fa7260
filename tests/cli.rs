//! The `sql-compare` binary: exit statuses, formats, standard input, options and errors.
#![cfg(feature = "cli")]

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sql-compare"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs the command. A `password=` query parameter in an argument (the test cluster's URLs
/// carry one) goes to the child in `PGPASSWORD` instead, so that no password is on its
/// command line while it runs.
fn run(args: &[&str]) -> Output {
    let mut cmd = bin();
    for arg in args {
        let Some(at) = arg
            .find("password=")
            .filter(|&i| i > 0 && arg.contains("://"))
        else {
            cmd.arg(arg);
            continue;
        };
        let end = arg[at..].find('&').map_or(arg.len(), |i| at + i);
        cmd.env("PGPASSWORD", &arg[at + "password=".len()..end]);
        let (before, after) = (&arg[..at - 1], &arg[end..]);
        let after = match (arg.as_bytes()[at - 1], after.strip_prefix('&')) {
            (b'?', Some(rest)) => format!("?{rest}"),
            _ => after.to_string(),
        };
        cmd.arg(format!("{before}{after}"));
    }
    cmd.output().unwrap()
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Written from a thread, while the output is read; a command that refuses its input
    // before reading it closes the pipe (broken pipe), which is not a failure here.
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || match stdin.write_all(input.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("{e}"),
        _ => {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
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

/// A file private to this user (mode 0600, an unpredictable name ending in `name`), removed
/// when dropped.
fn temp(name: &str, text: &[u8]) -> tempfile::TempPath {
    let mut file = tempfile::Builder::new()
        .prefix("sql-compare-cli-")
        .suffix(&format!("-{name}"))
        .tempfile()
        .unwrap();
    file.write_all(text).unwrap();
    file.into_temp_path()
}

/// A stand-in for pg_dump in a private directory: it appends its command line and whether
/// it was given a password to `calls`, then prints the dump named by the URL's database
/// (`…/<db>` reads `<dir>/<db>.sql`).
fn fake_pg_dump() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::Builder::new()
        .prefix("sql-compare-cli-")
        .tempdir()
        .unwrap();
    let script = dir.path().join("pg_dump");
    let body = format!(
        "#!/bin/sh\n\
         echo \"$*\" >> '{dir}/calls'\n\
         echo \"password given: ${{PGPASSWORD:+yes}}\" >> '{dir}/calls'\n\
         for a in \"$@\"; do case \"$a\" in --dbname=*) db=\"${{a##*/}}\"; db=\"${{db%%\\?*}}\";; esac; done\n\
         if [ -f '{dir}/'\"$db\".sql ]; then cat '{dir}/'\"$db\".sql; exit 0; fi\n\
         echo \"pg_dump: error: database \\\"$db\\\" does not exist (password was $PGPASSWORD)\" >&2\n\
         exit 1\n",
        dir = dir.path().display()
    );
    std::fs::write(&script, body).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    dir
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
- left: testdata/shop-models.sql
+ right: testdata/shop-broken.sql
changed table public.orders
  changed column public.orders.total
    type numeric(12,2) → numeric(10,2)
    - testdata/shop-models.sql:93: total numeric(12,2) DEFAULT 0 NOT NULL
    + testdata/shop-broken.sql:93: total numeric(10,2) DEFAULT 0 NOT NULL
  removed index public.orders_customer_id_status_idx
    - testdata/shop-models.sql:141: CREATE INDEX orders_customer_id_status_idx ON public.orders USING btree (customer_id, status);
1 object differs: 0 added, 0 removed, 1 changed
";
    assert_eq!(stdout(&o), expected);
}

/// The JSON Schema of `--format json`, compiled once per test.
fn report_schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(format!(
        "{}/schema/report.schema.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// Parses `--format json` output and checks it against the schema.
fn valid_json(o: &Output) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
    let errors: Vec<String> = report_schema()
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{doc:#}");
    doc
}

#[test]
fn json_format_has_the_documented_shape() {
    let o = run(&["--format", "json", MODELS, BROKEN]);
    assert_eq!(o.status.code(), Some(1));
    let doc = valid_json(&o);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["equal"], false);
    assert_eq!(
        doc["counts"],
        serde_json::json!({"added": 0, "removed": 0, "changed": 1})
    );
    assert_eq!(
        doc["labels"],
        serde_json::json!({"left": MODELS, "right": BROKEN})
    );
    let table = &doc["changes"][0];
    assert_eq!(table["change"], "changed");
    assert_eq!(table["kind"], "table");
    assert_eq!(table["name"], "public.orders");
    assert_eq!(table["notes"], serde_json::json!([]));
    let column = &table["details"][0];
    assert_eq!(column["change"], "changed");
    assert_eq!(column["kind"], "column");
    assert_eq!(column["name"], "public.orders.total");
    assert_eq!(
        column["notes"],
        serde_json::json!([{
            "aspect": "type",
            "left": "numeric(12,2)",
            "right": "numeric(10,2)",
            "text": "type numeric(12,2) → numeric(10,2)"
        }])
    );
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
    let doc = valid_json(&o);
    assert_eq!(
        doc,
        serde_json::json!({
            "version": 1,
            "equal": true,
            "labels": {"left": MODELS, "right": MIGRATIONS},
            "counts": {"added": 0, "removed": 0, "changed": 0},
            "changes": []
        })
    );
}

#[test]
fn json_output_matches_its_schema_for_every_kind_of_change() {
    // Added, removed and changed objects, notes of several aspects, a side without line
    // numbers (standard input).
    let left = temp(
        "json-left.sql",
        b"CREATE TYPE public.status AS ENUM (\n    'new',\n    'shipped'\n);\nCREATE TABLE public.t (\n    id integer NOT NULL,\n    note text\n);\nALTER TABLE public.t OWNER TO a;\nCREATE TABLE public.gone (a int);\n",
    );
    let right = "CREATE TYPE public.status AS ENUM (\n    'new',\n    'shipped',\n    'refunded'\n);\nCREATE TABLE public.t (\n    id bigint,\n    note text DEFAULT ''::text\n);\nALTER TABLE public.t OWNER TO b;\nCREATE TABLE public.t2 (a int);\nCREATE TABLE public.t10 (a int);\n";
    let o = run_stdin(&["--format", "json", left.to_str().unwrap(), "-"], right);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = valid_json(&o);
    assert_eq!(
        doc["counts"],
        serde_json::json!({"added": 2, "removed": 1, "changed": 2})
    );
    let names: Vec<&str> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "public.gone",
            "public.status",
            "public.t",
            "public.t2",
            "public.t10"
        ]
    );
    let label = &doc["changes"][1]["details"][0];
    assert_eq!(
        label["notes"][0]["text"],
        "label 'refunded' added after 'shipped'"
    );
    assert_eq!(label["left"][0]["lines"], serde_json::json!([1, 4]));
    assert_eq!(label["right"][0]["lines"], serde_json::Value::Null);
    let texts: Vec<&str> = doc["changes"][2]["details"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["notes"].as_array().unwrap())
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "type integer → bigint",
            "nullability NOT NULL → NULL",
            "default none → ''::text",
            "owner a → b"
        ]
    );
    // The schema rejects what it does not describe.
    let mut wrong = doc.clone();
    wrong["version"] = serde_json::json!(2);
    assert!(!report_schema().is_valid(&wrong));
}

#[test]
fn migration_tables_are_left_out_on_request() {
    let a = temp(
        "mig-a.sql",
        b"CREATE TABLE t (a int);\nCREATE TABLE schema_migrations (version text);\nINSERT INTO schema_migrations VALUES ('1');\nCREATE TABLE public.flyway_schema_history (n int);\n",
    );
    let b = temp("mig-b.sql", b"CREATE TABLE t (a int);\n");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    assert_eq!(run(&[a, b]).status.code(), Some(1));
    let o = run(&["--exclude-migration-tables", a, b]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    assert!(stdout(&run(&["--help"])).contains("--exclude-migration-tables"));
}

#[test]
fn standard_input_is_read_for_dash() {
    let models =
        std::fs::read_to_string(format!("{}/{MODELS}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let o = run_stdin(&[MIGRATIONS, "-"], &models);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_stdin(&["-", BROKEN], &models);
    assert_eq!(o.status.code(), Some(1));
    // Standard input is no file to look in: no line numbers on its side.
    let out = stdout(&o);
    assert!(
        out.starts_with("- left: <stdin>\n+ right: testdata/shop-broken.sql\n"),
        "{out}"
    );
    assert!(!out.contains("<stdin>:"), "{out}");
    assert!(
        out.contains("    + testdata/shop-broken.sql:93: total numeric(10,2)"),
        "{out}"
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
    assert_eq!(o.status.code(), Some(3), "destructive statements withheld");
    assert_eq!(
        stderr(&o),
        "sql-compare: 2 destructive statements withheld (commented out after \"-- unsafe:\"); \
         --unsafe writes them\n"
    );
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
    // With --unsafe they are live, and the status is 1 as for any difference.
    let o = run(&["--format", "sql", "--unsafe", MODELS, BROKEN]);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(1), ""));
    let live = stdout(&o);
    assert!(
        live.contains("\nDROP INDEX public.orders_customer_id_status_idx;\n"),
        "{live}"
    );
    assert!(!live.contains("-- unsafe:"), "{live}");
    // The view on the retyped column goes first and comes back after.
    let at = |s: &str| live.find(s).unwrap_or_else(|| panic!("{s} not in\n{live}"));
    assert!(at("DROP VIEW public.paid_orders;") < at("ALTER COLUMN total TYPE"));
    assert!(at("ALTER COLUMN total TYPE") < at("CREATE VIEW public.paid_orders"));
    assert_eq!(
        run(&["--format", "sql", "--quiet", MODELS, BROKEN])
            .status
            .code(),
        Some(3)
    );
    // Nothing destructive: 1, even without --unsafe.
    let back = run(&["--format", "sql", BROKEN, MODELS]);
    assert_eq!(back.status.code(), Some(1), "{}", stdout(&back));
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
    let missing = sql_compare::with_database(&models.url, "cli_no_such_database");
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
    assert!(
        out.contains("\nadded table public.customers\n  + CREATE TABLE public.customers ("),
        "{out}"
    );
}

#[test]
fn passwords_stay_off_command_lines_reports_and_errors() {
    let fake = fake_pg_dump();
    std::fs::write(fake.path().join("left.sql"), "CREATE TABLE t (a int);\n").unwrap();
    std::fs::write(
        fake.path().join("right.sql"),
        "CREATE TABLE t (a bigint);\n",
    )
    .unwrap();
    let pg_dump = fake.path().join("pg_dump");
    let with_fake = |args: &[&str]| {
        bin()
            .env("PG_DUMP", &pg_dump)
            .env_remove("PGPASSWORD")
            .args(args)
            .output()
            .unwrap()
    };
    let left = "postgresql://app:Sup3r-Secret@db.example/left";
    let right = "postgresql://app@db.example/right?password=Sup3r-Secret&sslmode=disable";
    for format in ["text", "json", "sql"] {
        let o = with_fake(&["--format", format, "--unsafe", left, right]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(!stdout(&o).contains("Sup3r"), "{}", stdout(&o));
    }
    let o = with_fake(&[left, right]);
    assert!(
        stdout(&o).contains("- left: postgresql://app:***@db.example/left\n"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o)
            .contains("+ right: postgresql://app@db.example/right?password=***&sslmode=disable\n"),
        "{}",
        stdout(&o)
    );
    // pg_dump's output is gone: no line numbers point into it.
    assert!(
        stdout(&o).contains("\n    type int → bigint\n1 object"),
        "{}",
        stdout(&o)
    );
    let calls = std::fs::read_to_string(fake.path().join("calls")).unwrap();
    assert!(!calls.contains("Sup3r"), "{calls}");
    assert!(calls.contains("--no-password"), "{calls}");
    assert!(
        calls.contains("--dbname=postgresql://app@db.example/left"),
        "{calls}"
    );
    assert!(
        calls.contains("--dbname=postgresql://app@db.example/right?sslmode=disable"),
        "{calls}"
    );
    assert!(
        !calls.contains("password given: \n"),
        "every run had its password: {calls}"
    );

    // An error names the input with its password masked, also where pg_dump repeats it.
    let o = with_fake(&["postgresql://app:Sup3r-Secret@db.example/missing", right]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(!err.contains("Sup3r"), "{err}");
    assert!(
        err.starts_with("sql-compare: postgresql://app:***@db.example/missing: "),
        "{err}"
    );
    assert!(err.contains("(password was ***)"), "{err}");
}

#[test]
fn standard_input_stands_for_one_side_only() {
    let o = run_stdin(&["-", "-"], "CREATE TABLE t (a int);\n");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "sql-compare: standard input (-) can stand for one side only: it can be read once\n"
    );
}

#[test]
fn an_empty_input_is_an_error_unless_allowed() {
    let empty = temp("empty.sql", b"");
    let empty = empty.to_str().unwrap();
    let o = run(&[empty, MODELS]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "sql-compare: {empty} is empty: pg_dump output never is"
        )),
        "{err}"
    );
    let o = run_stdin(&[MODELS, "-"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<stdin> is empty"), "{}", stderr(&o));

    let o = run(&["--allow-empty", empty, MODELS]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("added table public.orders"));
    let o = run(&["--allow-empty", empty, empty]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn inputs_beyond_the_size_limit_are_refused() {
    let o = run(&["--max-input-size", "1K", MODELS, MIGRATIONS]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!("sql-compare: {MODELS}: larger than the limit of 1 KiB (--max-input-size)\n")
    );
    // A stream without end: reading stops at the limit.
    let o = run(&["--max-input-size", "2M", "/dev/zero", MODELS]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "sql-compare: /dev/zero: larger than the limit of 2 MiB (--max-input-size)\n"
    );
    let big = "SELECT 1;\n".repeat(300);
    let small = temp("small.sql", b"SELECT 1;\n");
    let small = small.to_str().unwrap();
    let o = run_stdin(&["--max-input-size", "2999", small, "-"], &big);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("<stdin>: larger than the limit of 2999 bytes"),
        "{}",
        stderr(&o)
    );
    // At the limit exactly: compared (and different: 300 statements against one).
    let o = run_stdin(&["--max-input-size", "3000", "-", small], &big);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(1), ""));
    let o = run(&["--max-input-size", "lots", MODELS, MIGRATIONS]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a size"), "{}", stderr(&o));
}

#[test]
fn a_database_password_is_used_but_never_shown() {
    let Some(server) = common::pg::server() else {
        return;
    };
    let Some(socket) = server.socket_dir() else {
        eprintln!("skipped: a shared server's authentication is not ours to know");
        return;
    };
    let db = server.create_database("cli_password");
    let role = format!("sqlcmp_pw_{}", std::process::id());
    let password = "Pa55-w0rd:with@odd/chars";
    sql_compare::psql(
        &db.url,
        &format!(
            "CREATE ROLE {role} LOGIN PASSWORD '{password}'; CREATE TABLE t (a int); \
             GRANT SELECT ON t TO {role};"
        ),
    )
    .unwrap();
    let encoded = password
        .replace(':', "%3A")
        .replace('@', "%40")
        .replace('/', "%2F");
    let database = db
        .url
        .split('?')
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    let url = |password: &str| {
        let auth = if password.is_empty() {
            role.clone()
        } else {
            format!("{role}:{password}")
        };
        format!(
            "postgresql://{auth}@/{database}?host={}&port={}",
            socket.display(),
            server.port()
        )
    };
    // No password file, no PGPASSWORD: only the URL can give one.
    let cli = |args: &[&str]| {
        bin()
            .env_remove("PGPASSWORD")
            .env("PGPASSFILE", "/nonexistent/pgpass")
            .args(args)
            .output()
            .unwrap()
    };

    let good = url(&encoded);
    let o = cli(&["--ignore-owners", &good, &db.url]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let wrong = url("not-the-password");
    let o = cli(&[&wrong, &db.url]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(
        err.starts_with(&format!("sql-compare: postgresql://{role}:***@/")),
        "{err}"
    );
    assert!(!err.contains("not-the-password"), "{err}");

    // No password at all: an error at once that says how to give one, not a prompt.
    let started = std::time::Instant::now();
    let o = cli(&[&url(""), &db.url]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("no password supplied"), "{err}");
    assert!(
        err.contains("PGPASSWORD") && err.contains("~/.pgpass"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));

    // The library's psql and pg_dump take the same road and mask the same way.
    let e = sql_compare::pg_dump(&wrong).unwrap_err();
    assert!(!format!("{e} {e:?}").contains("not-the-password"), "{e:?}");
    sql_compare::psql(&db.url, &format!("DROP OWNED BY {role}; DROP ROLE {role};")).unwrap();
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
        text.contains("\nremoved table public.\"a\"\"\"\"b\"\n"),
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

#[test]
fn the_documented_json_example_is_real_output() {
    let doc = std::fs::read_to_string(format!(
        "{}/docs/json-output.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let start = doc.find("```json\n").unwrap() + "```json\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let o = run(&["--format", "json", MODELS, BROKEN]);
    assert_eq!(stdout(&o), example);
    valid_json(&o);
}

#[test]
fn urls_are_masked_in_usage_errors_and_refused_when_libpq_would_split_the_password() {
    let o = run(&[MODELS, MIGRATIONS, "postgresql://u:Sup3r-Secret@h/db"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(!err.contains("Sup3r"), "{err}");
    assert!(err.contains("postgresql://u:***@h/db"), "{err}");

    let o = run(&[
        "--format=postgresql://u:Sup3r-Secret@h/db",
        MODELS,
        MIGRATIONS,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("Sup3r"), "{}", stderr(&o));
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let arg = std::ffi::OsStr::from_bytes(b"postgresql://u:Sup3r-Secret@h/db\xff");
        let o = bin().arg(arg).args([MODELS, MIGRATIONS]).output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(!stderr(&o).contains("Sup3r"), "{}", stderr(&o));
    }

    // An unencoded @ would leave part of the password on pg_dump's command line.
    let o = run(&["postgresql://u:Sup3r@Secret@h/db", MODELS]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(!err.contains("Sup3r") && !err.contains("Secret"), "{err}");
    assert!(err.contains("must be percent-encoded"), "{err}");
}

#[test]
fn sql_format_counts_manual_notes_and_writes_the_online_form() {
    let left = temp(
        "left.sql",
        b"CREATE TABLE public.t (a date, b integer);\nCREATE TABLE public.u (a integer);\n",
    );
    let right = temp(
        "right.sql",
        b"CREATE TABLE public.t (a integer, b integer NOT NULL);\nCREATE TABLE public.u (a integer);\nCREATE INDEX u_a ON public.u USING btree (a);\n",
    );
    let (l, r) = (left.to_str().unwrap(), right.to_str().unwrap());
    let o = run(&["--format", "sql", l, r]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "sql-compare: 1 change left to do by hand (\"-- manual:\" note in the draft)\n"
    );
    let sql = stdout(&o);
    assert!(
        sql.contains(
            "\n-- manual: changed column public.t.a: PostgreSQL has no cast from date to integer"
        ),
        "{sql}"
    );
    assert!(
        sql.contains("\n-- hazard: takes a SHARE lock (blocks writes); scans the table\nCREATE INDEX u_a ON public.u USING btree (a);\n"),
        "{sql}"
    );
    let o = run(&["--format", "sql", "--online", "--quiet", l, r]);
    assert_eq!(
        (o.status.code(), stdout(&o).as_str(), stderr(&o).as_str()),
        (Some(1), "", "")
    );
    let online = stdout(&run(&["--format", "sql", "--online", l, r]));
    for s in [
        "\nSET lock_timeout = '5s';\n",
        "\nBEGIN;\n",
        "\nALTER TABLE public.t ADD CONSTRAINT b_not_null CHECK (b IS NOT NULL) NOT VALID;\n",
        "\nCOMMIT;\n",
        "\nCREATE INDEX CONCURRENTLY u_a ON public.u USING btree (a);\n",
    ] {
        assert!(online.contains(s), "{s} not in\n{online}");
    }
}
