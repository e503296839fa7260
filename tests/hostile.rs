//! Hostile and broken input: text that is not SQL, unterminated literals, huge and deeply
//! nested statements, huge dumps. Nothing may panic, overflow the stack or be silently dropped;
//! errors say where. The large cases must finish in a few seconds in a debug build (which is
//! what keeps them linear); the 100 MB dump is `#[ignore]`d.

mod common;

use std::fmt::Write as _;

use sql_compare::{ChangeKind, Comparer, ErrorKind, Location, ObjectKind, SchemaDiff, Side};

fn equal(a: &str, b: &str) {
    let d = sql_compare::diff(a, b).unwrap();
    assert!(d.is_empty(), "expected equal, got:\n{d}");
    assert!(sql_compare::diff(b, a).unwrap().is_empty());
}

fn different(a: &str, b: &str) -> SchemaDiff {
    let d = sql_compare::diff(a, b).unwrap();
    assert!(!d.is_empty(), "expected a difference");
    assert_eq!(sql_compare::diff(b, a).unwrap(), d.clone().mirror());
    d
}

/// The names of every change and of every detail of every change.
fn names(d: &SchemaDiff) -> Vec<String> {
    d.changes()
        .iter()
        .flat_map(|c| std::iter::once(c).chain(c.details()))
        .map(|c| c.name().to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Text that is not a schema.

#[test]
fn keyword_free_text_is_not_an_empty_schema() {
    let d = different("hello world", "");
    assert_eq!(d.len(), 1);
    let c = &d.changes()[0];
    assert_eq!(c.change(), ChangeKind::Removed);
    assert_eq!(c.kind(), ObjectKind::Other);
    assert_eq!(c.left()[0].text(), "hello world");
    different("hello world", "goodbye world");
    different("hello world", "-- hello world");
    // Still compared as tokens: case and spacing of words do not matter.
    equal("hello world", "HELLO\n   World;");
}

#[test]
fn a_trailing_comma_is_not_an_error_and_not_equal() {
    let with = "CREATE TABLE public.t (\n    a integer,\n    b text,\n);";
    let without = "CREATE TABLE public.t (\n    a integer,\n    b text\n);";
    assert!(sql_compare::statements(with).is_ok());
    let d = different(without, with);
    assert_eq!(d.changes()[0].name(), "public.t");
    // Not to be confused with a missing column either.
    different(
        "CREATE TABLE public.t (a integer, );",
        "CREATE TABLE public.t ();",
    );
}

#[test]
fn empty_and_comment_only_files_are_an_empty_schema() {
    let empties = [
        "",
        "\n\n  \t\r\n",
        "-- only a comment",
        "-- a comment without a newline at the end; it has a semicolon",
        "/* a block */\n/* /* nested */ block */\n-- and a line\n",
        ";;;\n;",
        "\\restrict abc\n\\unrestrict abc\n",
        // Settings are not compared by default: a pg_dump header alone is an empty schema.
        "--\n-- PostgreSQL database dump\n--\n\n\\restrict k\n\nSET statement_timeout = 0;\n\
         SELECT pg_catalog.set_config('search_path', '', false);\n\n\\unrestrict k\n",
    ];
    for a in empties {
        for b in empties {
            equal(a, b);
        }
        assert!(sql_compare::compare(a, "").unwrap());
        different(a, "CREATE TABLE t (a int);");
    }
}

#[test]
fn crlf_line_endings_and_tabs_do_not_matter() {
    let lf = "CREATE TABLE public.t (\n    a integer,\n    b text\n);\nCOMMENT ON TABLE public.t IS 'x';\n";
    equal(lf, &lf.replace('\n', "\r\n"));
    equal(lf, &lf.replace("    ", "\t"));
}

// ---------------------------------------------------------------------------------------------
// Errors say what and where.

#[test]
fn unterminated_literals_are_errors_at_their_line_and_column() {
    let cases: &[(&str, ErrorKind, Location)] = &[
        // A quote inside a `--` comment does not count; the one on line 3 does.
        (
            "CREATE TABLE t (a int);\n-- it's a comment\nCOMMENT ON TABLE t IS 'never closed;\nSELECT 1;\n",
            ErrorKind::UnterminatedString,
            Location::new(3, 23),
        ),
        // Columns count characters, not bytes; a tab is one.
        (
            "SELECT 'é';\n\tSELECT 'ünï",
            ErrorKind::UnterminatedString,
            Location::new(2, 9),
        ),
        // `\'` escapes the quote in an E'' string.
        (
            "SELECT 1;\nSELECT E'it\\'s",
            ErrorKind::UnterminatedString,
            Location::new(2, 9),
        ),
        (
            "SELECT 1;\r\nSELECT 'x",
            ErrorKind::UnterminatedString,
            Location::new(2, 8),
        ),
        (
            "CREATE TABLE \"ünï\" (a int);\n  CREATE TABLE \"Never (a int);",
            ErrorKind::UnterminatedQuotedIdentifier,
            Location::new(2, 16),
        ),
        (
            "CREATE FUNCTION f() RETURNS int\n    LANGUAGE sql\n    AS $body$ SELECT 1 $bod$;\n",
            ErrorKind::UnterminatedDollarQuote {
                tag: "$body$".into(),
            },
            Location::new(3, 8),
        ),
        (
            "SELECT 1;\nSELECT $$ a $ b $",
            ErrorKind::UnterminatedDollarQuote { tag: "$$".into() },
            Location::new(2, 8),
        ),
        (
            "SELECT 1; /* outer /* inner */ still open\n",
            ErrorKind::UnterminatedBlockComment,
            Location::new(1, 11),
        ),
        (
            "SELECT 'é'; -- x\n\n   /* /* */",
            ErrorKind::UnterminatedBlockComment,
            Location::new(3, 4),
        ),
    ];
    for (text, kind, loc) in cases {
        let err = sql_compare::diff("", text).unwrap_err();
        assert_eq!(err.kind(), kind, "{text:?}");
        assert_eq!(err.location(), Some(*loc), "{text:?}");
        assert_eq!(err.side(), Some(Side::Right), "{text:?}");
        assert!(
            err.to_string().starts_with(&format!("right: {loc}: ")),
            "{err}"
        );
        let err = sql_compare::diff(text, "CREATE TABLE t (a int);").unwrap_err();
        assert_eq!(err.side(), Some(Side::Left));
        assert_eq!(err.location(), Some(*loc), "{text:?}");
        let err = sql_compare::statements(text).unwrap_err();
        assert_eq!((err.kind(), err.location()), (kind, Some(*loc)));
    }
}

#[test]
fn unterminated_literals_in_files_name_the_file() {
    let dir = scratch_dir("unterminated");
    let good = dir.join("good.sql");
    let bad = dir.join("bad.sql");
    std::fs::write(&good, "CREATE TABLE t (a int);\n").unwrap();
    std::fs::write(&bad, "CREATE TABLE t (a int);\nSELECT 'x;\n").unwrap();
    let err = sql_compare::diff_files(&good, &bad).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::UnterminatedString);
    assert_eq!(err.path(), Some(bad.as_path()));
    assert_eq!(err.location(), Some(Location::new(2, 8)));
    assert!(
        err.to_string()
            .ends_with("bad.sql: 2:8: unterminated quoted string"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn files_that_are_not_utf8_are_errors_naming_file_and_offset() {
    let dir = scratch_dir("binary");
    let good = dir.join("good.sql");
    std::fs::write(&good, "CREATE TABLE t (a int);\n").unwrap();
    // A Latin-1 é on line 2, and binary data.
    let latin1 = dir.join("latin1.sql");
    std::fs::write(&latin1, b"CREATE TABLE t (a int);\n-- caf\xe9\n").unwrap();
    let err = sql_compare::diff_files(&good, &latin1).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { offset: 30 });
    assert_eq!(err.path(), Some(latin1.as_path()));
    assert_eq!(err.location(), Some(Location::new(2, 7)));
    let binary = dir.join("binary.bin");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    std::fs::write(&binary, &bytes).unwrap();
    let err = sql_compare::compare_files(&binary, &good).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { offset: 128 });
    assert_eq!(err.path(), Some(binary.as_path()));
    assert!(
        err.to_string().contains("invalid UTF-8 at byte offset 128"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("sql-compare-hostile-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------------------------------------
// Odd but valid text: no panic, and the same text is equal to itself.

#[test]
fn odd_text_does_not_panic() {
    let long_ident = "x".repeat(100_000);
    let cases: Vec<String> = vec![
        "\0\u{1}\u{7f}".into(),
        "SELECT \0;".into(),
        "\u{feff}CREATE TABLE t (a int);".into(),
        "CREATE TABLE 😀 (🙂 int);".into(),
        format!("CREATE TABLE {long_ident} ({long_ident} int);"),
        format!("CREATE TABLE \"{long_ident}\" (a int);"),
        "\\".into(),
        "\\\n;\n\\\\".into(),
        "COPY t FROM stdin;\n1\n".into(),
        "COPY t FROM stdin;".into(),
        "COPY t FROM stdin;\n\\.".into(),
        "SELECT $a$ $b$ $a$;".into(),
        "SELECT a$b$c, $1, $$$$;".into(),
        "SELECT 1.2.3e4e5 0x1g X'zz' B'102';".into(),
        ")))(((;;".into(),
        "CREATE TABLE t (((;".into(),
        "CREATE TABLE t ();".into(),
        "CREATE TABLE;".into(),
        "CREATE;".into(),
        "ALTER TABLE ONLY;".into(),
        "ALTER TABLE ONLY t ADD CONSTRAINT;".into(),
        "COMMENT ON COLUMN x IS 'a';".into(),
        "GRANT ON TO;".into(),
        "GRANT SELECT ON TABLE a, TO b;".into(),
        "CREATE FUNCTION f( RETURNS int AS $$ x $$;".into(),
        "CREATE TYPE e AS ENUM (;".into(),
        "CREATE INDEX ON;".into(),
        "SELECT pg_catalog.setval(;".into(),
        "CREATE FUNCTION f() BEGIN ATOMIC SELECT 1; SELECT 2;".into(),
        "CREATE PROCEDURE p() BEGIN ATOMIC END; END; END;".into(),
        "INSERT INTO;".into(),
        "SET;".into(),
        "\\restrict\n".into(),
    ];
    for text in &cases {
        let d = sql_compare::diff(text, text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert!(d.is_empty(), "{text:?} differs from itself:\n{d}");
        let d = sql_compare::diff(text, "").unwrap();
        assert_eq!(sql_compare::diff("", text).unwrap(), d.mirror());
    }
}

/// Found by the fuzz targets (a panic in `lex::tokenize`, fixed in 5a828a2): a psql
/// meta-command line with trailing whitespace inside the last statement of a dump, when that
/// statement has no `;`.
#[test]
fn fuzz_meta_command_with_trailing_space_in_the_last_statement() {
    for text in [
        "SELECT 1\n\\x \n",
        "SELECT 1\n\\x\t",
        "CREATE TABLE t (a int\n\\q \n",
    ] {
        let d = sql_compare::diff(text, text).unwrap();
        assert!(d.is_empty());
        // The meta-command is not SQL: the statement is what is left.
        assert!(sql_compare::diff(text, "").is_ok());
    }
    equal("SELECT 1\n\\x \n", "SELECT 1");
}

// ---------------------------------------------------------------------------------------------
// Big and deep.

#[test]
fn a_1600_column_table() {
    const TYPES: &[&str] = &[
        "integer",
        "numeric(12,2)",
        "character varying(40)",
        "text[]",
        "timestamp with time zone",
    ];
    let mut table = String::from("CREATE TABLE public.wide (\n");
    for k in 0..1600 {
        let ty = TYPES[k % TYPES.len()];
        let default = if k % 7 == 0 {
            " DEFAULT round(1.5, 2)"
        } else {
            ""
        };
        let sep = if k + 1 < 1600 { "," } else { "" };
        let _ = writeln!(table, "    c{k} {ty}{default} NOT NULL{sep}");
    }
    table.push_str(");\n");
    assert_eq!(sql_compare::statements(&table).unwrap().len(), 1);
    let shuffled = common::shuffle_columns(&table, &mut common::Rng::new(1600));
    assert!(shuffled != table, "the shuffle moved nothing");
    equal(&table, &shuffled);
    let changed = table.replace("    c1234 ", "    c1234 bigint, c1234_old ");
    let d = different(&table, &changed);
    assert!(names(&d).contains(&"public.wide.c1234".to_string()), "{d}");
    assert!(
        !Comparer::new()
            .strict_column_order(true)
            .compare(&table, &shuffled)
            .unwrap()
    );
}

#[test]
fn a_10000_label_enum() {
    let mut labels: Vec<String> = (0..10_000)
        .map(|k| format!("'label {k:05}, it''s'"))
        .collect();
    let ordered = format!(
        "CREATE TYPE public.big AS ENUM (\n    {}\n);",
        labels.join(",\n    ")
    );
    common::Rng::new(10_000).shuffle(&mut labels);
    let shuffled = format!(
        "CREATE TYPE public.big AS ENUM (\n    {}\n);",
        labels.join(",\n    ")
    );
    equal(&ordered, &shuffled);
    assert!(
        !Comparer::new()
            .strict_enum_order(true)
            .compare(&ordered, &shuffled)
            .unwrap()
    );
    labels.pop();
    let shorter = format!("CREATE TYPE public.big AS ENUM ({});", labels.join(", "));
    let d = different(&ordered, &shorter);
    assert_eq!(d.changes()[0].name(), "public.big");
}

fn nested_check(depth: usize, inner: &str) -> String {
    format!(
        "CREATE TABLE public.deep (\n    x integer,\n    CONSTRAINT deep_x_check CHECK ({}{inner}{})\n);",
        "(".repeat(depth),
        ")".repeat(depth)
    )
}

#[test]
fn deeply_nested_parentheses() {
    let a = nested_check(500, "x > 0");
    equal(&a, &a.replace("\n    ", " "));
    let d = different(&a, &nested_check(500, "x > 1"));
    assert!(names(&d).contains(&"deep_x_check".to_string()), "{d}");
    different(&a, &nested_check(499, "x > 0"));
    // Far deeper than a parser that recursed could take; the change at the bottom is found.
    let very = nested_check(100_000, "x > 0");
    let d = only_change(&very, &nested_check(100_000, "x > 1"), "public.deep");
    assert_eq!(d.changes()[0].details()[0].name(), "deep_x_check");
    // Unbalanced: everything after the first `(` is one statement; no panic.
    let open = format!("CREATE TABLE t {};\nSELECT 1;", "(".repeat(100_000));
    equal(&open, &open);
    let close = format!("CREATE TABLE t {};\nSELECT 1;", ")".repeat(100_000));
    equal(&close, &close);
}

#[test]
fn deeply_nested_block_comments() {
    let depth = 100_000;
    let comment = format!("{}x{}", "/* ".repeat(depth), " */".repeat(depth));
    equal(
        &format!("{comment}\nCREATE TABLE t (a int);"),
        "CREATE TABLE t (a int);",
    );
    let err = sql_compare::diff(
        &format!("{}{}", "/*".repeat(depth), "*/".repeat(depth - 1)),
        "",
    )
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::UnterminatedBlockComment);
    assert_eq!(err.location(), Some(Location::new(1, 1)));
}

const TEN_MB: usize = 10 * 1024 * 1024;

/// One diff only (these inputs are big): exactly one object differs, and it is `object`.
fn only_change(a: &str, b: &str, object: &str) -> SchemaDiff {
    let d = sql_compare::diff(a, b).unwrap();
    let found: Vec<&str> = d.changes().iter().map(|c| c.name()).collect();
    assert_eq!(found, vec![object]);
    d
}

#[test]
fn a_10_mb_insert_statement() {
    let mut insert = String::with_capacity(TEN_MB + 100);
    insert.push_str("INSERT INTO public.t (id, name, price) VALUES\n");
    let mut k = 0;
    while insert.len() < TEN_MB {
        if k > 0 {
            insert.push_str(",\n");
        }
        let _ = write!(insert, "({k}, 'row {k}; it''s', {k}.5)");
        k += 1;
    }
    insert.push(';');
    assert_eq!(sql_compare::statements(&insert).unwrap().len(), 1);
    // One row changed, deep inside: found, and nothing else differs.
    let changed = insert.replacen("'row 177777; it''s'", "'row 177777; it''z'", 1);
    assert!(changed != insert, "the change was not made");
    let d = only_change(&insert, &changed, "public.t");
    assert_eq!(d.changes()[0].details()[0].kind(), ObjectKind::Data);
}

#[test]
fn a_10_mb_check_constraint() {
    let mut check = String::with_capacity(TEN_MB + 200);
    check.push_str(
        "CREATE TABLE public.t (\n    x integer,\n    CONSTRAINT t_x_check CHECK ((x = ANY (ARRAY[",
    );
    let mut k = 0;
    while check.len() < TEN_MB {
        if k > 0 {
            check.push_str(", ");
        }
        let _ = write!(check, "({k})");
        k += 1;
    }
    check.push_str("])))\n);");
    // Two items swapped inside the list: the constraint differs, nothing else.
    let swapped = check.replacen("(700000), (700001)", "(700001), (700000)", 1);
    assert!(swapped != check, "the change was not made");
    let d = only_change(&check, &swapped, "public.t");
    let details: Vec<&str> = d.changes()[0].details().iter().map(|c| c.name()).collect();
    assert_eq!(details, vec!["t_x_check"]);
}

#[test]
fn a_10_mb_dump_equals_its_shuffled_copy() {
    let dump = common::generated_dump(TEN_MB, 10);
    assert!(dump.len() >= TEN_MB);
    let shuffled = common::shuffle_dump(&dump, 10);
    assert!(dump != shuffled, "the shuffle moved nothing");
    let d = sql_compare::diff(&dump, &shuffled).unwrap();
    assert!(d.is_empty(), "{}", sql_compare::Summary(&d));
}

#[test]
fn a_change_in_a_shuffled_generated_dump_is_found() {
    let dump = common::generated_dump(1024 * 1024, 1);
    let shuffled = common::shuffle_dump(&dump, 1);
    // The first column c0 met in the shuffled text becomes a uuid; nothing else changes.
    let line = shuffled.find("\n    c0 ").unwrap() + 1;
    let end = line + shuffled[line..].find('\n').unwrap();
    let comma = if shuffled[..end].ends_with(',') {
        ","
    } else {
        ""
    };
    let changed = format!(
        "{}    c0 uuid{comma}{}",
        &shuffled[..line],
        &shuffled[end..]
    );
    let table = shuffled[..line].rfind("CREATE TABLE ").unwrap() + "CREATE TABLE ".len();
    let name = shuffled[table..].split(' ').next().unwrap();
    let d = only_change(&dump, &changed, name);
    let details: Vec<&str> = d.changes()[0].details().iter().map(|c| c.name()).collect();
    assert_eq!(details, vec![format!("{name}.c0")]);
}

#[test]
#[ignore = "100 MB: run with `cargo test --release --test hostile -- --ignored`"]
fn a_100_mb_dump_equals_its_shuffled_copy() {
    let dump = common::generated_dump(100 * 1024 * 1024, 100);
    let shuffled = common::shuffle_dump(&dump, 100);
    let d = sql_compare::diff(&dump, &shuffled).unwrap();
    assert!(d.is_empty(), "{}", sql_compare::Summary(&d));
    let changed = shuffled.replacen(
        "ALTER TABLE public.t77777 OWNER TO app;",
        "ALTER TABLE public.t77777 OWNER TO root;",
        1,
    );
    assert!(changed != shuffled, "the change was not made");
    only_change(&dump, &changed, "public.t77777");
}

// ---------------------------------------------------------------------------------------------
// Linear on any shape of input: one line of many statements, literals, comments or quoted
// identifiers takes about ten times as long at ten times the size (a column counted from the
// start of its line for every statement made 800 KB of `SELECT 1; ` on one line take 6.7 s).

/// A shape of input: its name, and the input of `n` items.
type Shape = (&'static str, fn(usize) -> String);

/// The shapes of one-line input.
fn one_line_shapes() -> Vec<Shape> {
    vec![
        ("statements", |n| "SELECT 1; ".repeat(n)),
        ("literals", |n| {
            let mut s = String::from("INSERT INTO t VALUES ");
            for k in 0..n {
                let _ = write!(s, "({k}, 'v{k}'),");
            }
            s.push_str("(0, '');");
            s
        }),
        ("comments", |n| format!("{}SELECT 1;", "/* c */ ".repeat(n))),
        ("quoted identifiers", |n| {
            let cols: Vec<String> = (0..n).map(|k| format!("\"a{k}\" int")).collect();
            format!("CREATE TABLE t ({});", cols.join(", "))
        }),
        ("quoted names", |n| {
            let cols: Vec<String> = (0..n).map(|k| format!("\"x{k}\"")).collect();
            format!("SELECT {};", cols.join(","))
        }),
    ]
}

/// The shortest of `runs` times of comparing `text` with a copy whose last `1` is a `2`.
fn time_diff(text: &str, runs: usize) -> std::time::Duration {
    let at = text.rfind('1').unwrap();
    let changed = format!("{}2{}", &text[..at], &text[at + 1..]);
    time_diff_with(text, &changed, runs)
}

/// The shortest of `runs` times of comparing `text` with `changed` and writing the report.
fn time_diff_with(text: &str, changed: &str, runs: usize) -> std::time::Duration {
    (0..runs)
        .map(|_| {
            let t = std::time::Instant::now();
            let d = sql_compare::diff(text, changed).unwrap();
            assert!(!d.to_string().is_empty());
            t.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn one_line_inputs_take_linear_time() {
    const N: usize = 5_000;
    for (shape, make) in one_line_shapes() {
        let small = make(N);
        let large = make(10 * N);
        assert!(!large.contains('\n'));
        let t1 = time_diff(&small, 3);
        let t10 = time_diff(&large, 3);
        // 10× the input in at most 30× the time (and 20 ms: a short run is mostly noise).
        let bound = t1 * 30 + std::time::Duration::from_millis(20);
        assert!(
            t10 <= bound,
            "{shape}: {} bytes in {t1:?}, {} bytes in {t10:?}",
            small.len(),
            large.len()
        );
    }
}

#[test]
fn a_one_line_table_whose_every_column_changed_takes_linear_time() {
    // Every column shown in the report: where each starts in the line was found by counting
    // from the start of the statement (20,000 columns took 9.7 s in a release build).
    let table = |n: usize, ty: &str| {
        let cols: Vec<String> = (0..n).map(|k| format!("\"a{k}\" {ty}")).collect();
        format!("CREATE TABLE t ({});", cols.join(", "))
    };
    const N: usize = 2_000;
    let t1 = time_diff_with(&table(N, "int"), &table(N, "bigint"), 3);
    let t10 = time_diff_with(&table(10 * N, "int"), &table(10 * N, "bigint"), 3);
    let bound = t1 * 30 + std::time::Duration::from_millis(20);
    assert!(t10 <= bound, "{N} columns in {t1:?}, {} in {t10:?}", 10 * N);
}

// ---------------------------------------------------------------------------------------------
// Memory: the peak of a comparison is bounded by the input. Measured in a process of its own
// (this test binary run again for one test), from the kernel's high-water mark of its
// resident memory (Linux only).

/// Inputs of about `bytes` bytes that cost the most memory a byte: tiny statements, one
/// table of many columns, one statement of many literals on one line.
fn memory_shapes(bytes: usize) -> Vec<(&'static str, String)> {
    let cols: Vec<String> = (0..bytes / 16).map(|k| format!("    c{k} int")).collect();
    let mut insert = String::from("INSERT INTO t VALUES ");
    let mut k = 0;
    while insert.len() < bytes {
        let _ = write!(insert, "({k}),");
        k += 1;
    }
    insert.push_str("(0);");
    vec![
        ("tiny statements", "SELECT 1;\n".repeat(bytes / 10)),
        ("indexes", "CREATE INDEX i ON t (a);\n".repeat(bytes / 25)),
        (
            "wide table",
            format!("CREATE TABLE t (\n{}\n);\n", cols.join(",\n")),
        ),
        ("one-line literals", insert),
    ]
}

const MEMORY_CHILD: &str = "SQL_COMPARE_MEMORY_CHILD";

/// Run by `peak_memory_is_bounded_by_the_input` in a process of its own: compares shape
/// number `$SQL_COMPARE_MEMORY_CHILD` with a changed copy and prints its peak memory.
/// Ignored in ordinary runs, where it would measure nothing.
#[test]
#[ignore = "a child of peak_memory_is_bounded_by_the_input"]
fn memory_child() {
    let Some(shape) = std::env::var(MEMORY_CHILD).ok() else {
        return;
    };
    let shape: usize = shape.parse().unwrap();
    let (_, text) = memory_shapes(4 * 1024 * 1024).swap_remove(shape);
    // The last statement changed: `(a)` → `(z)`, `int` → `inz`.
    let at = text.rfind(|c: char| c.is_ascii_alphanumeric()).unwrap();
    let changed = format!("{}z{}", &text[..at], &text[at + 1..]);
    let before = std::fs::read_to_string("/proc/self/status").unwrap();
    let d = sql_compare::diff(&text, &changed).unwrap();
    assert!(!d.is_empty());
    let after = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb = |status: &str, key: &str| -> u64 {
        let line = status.lines().find(|l| l.starts_with(key)).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    println!(
        "peak {} before {} input {}",
        kb(&after, "VmHWM:") * 1024,
        kb(&before, "VmRSS:") * 1024,
        text.len()
    );
}

#[test]
#[cfg(target_os = "linux")]
fn peak_memory_is_bounded_by_the_input() {
    for (k, (shape, _)) in memory_shapes(0).iter().enumerate() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "memory_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(MEMORY_CHILD, k.to_string())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{shape}: {stdout}");
        let at = stdout.find("peak ").unwrap();
        let n: Vec<u64> = stdout[at..]
            .split_whitespace()
            .skip(1)
            .step_by(2)
            .take(3)
            .map(|x| x.parse().unwrap())
            .collect();
        let (peak, before, input) = (n[0], n[1], n[2]);
        // What the comparison added to the process, against ONE input (a copy of each side
        // is part of it): at most 30× for every shape. Measured in a debug build, as
        // multiples of one input: 27.0× (tiny statements), 21.2× (indexes), 29.4× (the wide
        // table) and 24.3× (one-line literals).
        let bound: u64 = 30;
        let used = peak.saturating_sub(before);
        eprintln!("{shape}: {:.1}× one input", used as f64 / input as f64);
        assert!(
            used <= bound * input,
            "{shape}: {used} bytes at the peak for {input} bytes of input a side"
        );
    }
}
