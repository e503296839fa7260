//! Names that need quoting, on a real server: identifiers holding `"`, `'`, `;`, a newline,
//! spaces, upper case, non-ASCII letters and reserved words, as the names of schemas, tables,
//! columns, indexes, constraints, enum types and labels, sequences, views and functions. The
//! migration draft between two databases built with them reaches the right one, touches
//! only what differs, and with its unsafe statements withheld destroys nothing.

mod common;

use common::pg::server;
use sql_compare::{ChangeKind, Destructive, Migration, ObjectKind, SchemaDiff};

/// The left database: the tables `a"b` (its rows kept) and `a""b` (dropped on the right), and
/// objects of odd names that the right side keeps, drops, adds or changes.
const LEFT: &str = r#"
CREATE SCHEMA "sch""e;ma";
CREATE SCHEMA "select";
CREATE SCHEMA "Ünï 's";
CREATE TABLE public."a""b" (id integer);
INSERT INTO public."a""b" VALUES (1), (2), (3);
CREATE TABLE public."a""""b" (id integer);
INSERT INTO public."a""""b" VALUES (4);
CREATE TYPE "sch""e;ma"."Mood 'x'" AS ENUM ('ok', 'it''s', 'two
lines', 'é');
CREATE TABLE "sch""e;ma"."Tåble ß" (
    "user" integer,
    "col;umn" text,
    "Crème" text,
    "α β" integer,
    "order" "sch""e;ma"."Mood 'x'",
    "new
line" integer,
    "gone""x" integer,
    "ty'pe" integer
);
INSERT INTO "sch""e;ma"."Tåble ß" ("user", "ty'pe") VALUES (1, 2);
CREATE INDEX "idx ""q""" ON "sch""e;ma"."Tåble ß" ("user");
CREATE INDEX "new
line idx" ON "sch""e;ma"."Tåble ß" ("new
line");
ALTER TABLE "sch""e;ma"."Tåble ß" ADD CONSTRAINT "chk 'c'" CHECK ("user" > 0);
CREATE SEQUENCE "select"."seq;é";
CREATE SEQUENCE public."user";
CREATE VIEW "select"."view ""v""" AS SELECT "user", "Crème" FROM "sch""e;ma"."Tåble ß";
CREATE FUNCTION "select"."fn'é"("arg""x" integer) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TABLE "select"."order" ("Δέλτα" integer, "select" text);
CREATE INDEX "user" ON "select"."order" ("select");
"#;

/// The right database.
const RIGHT: &str = r#"
CREATE SCHEMA "sch""e;ma";
CREATE SCHEMA "select";
CREATE SCHEMA "new;schema";
CREATE TABLE public."a""b" (id integer, "n""o" text);
CREATE TYPE "sch""e;ma"."Mood 'x'" AS ENUM ('ok', 'it''s', 'Ünï ''q''', 'two
lines', 'é');
CREATE TABLE "sch""e;ma"."Tåble ß" (
    "user" integer,
    "col;umn" text,
    "Crème" text,
    "α β" integer,
    "order" "sch""e;ma"."Mood 'x'",
    "new
line" integer,
    "ty'pe" smallint,
    "nëw ""c""" text,
    straße integer
);
CREATE INDEX "Idx;2" ON "sch""e;ma"."Tåble ß" ("Crème");
ALTER TABLE "sch""e;ma"."Tåble ß" ADD CONSTRAINT "chk2 ""d""" CHECK ("α β" > 0);
CREATE SEQUENCE "select"."Seq ""2""";
CREATE SEQUENCE public."select";
CREATE TYPE "select"."user" AS ENUM ('select', 'order', 'us''er');
CREATE VIEW "select"."View;2" AS SELECT "user", "Crème" FROM "sch""e;ma"."Tåble ß";
CREATE VIEW "select"."from" AS SELECT 1 AS "order";
CREATE FUNCTION "select"."Fn ""2"""("arg""x" integer) RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$;
CREATE FUNCTION "select"."order"() RETURNS "select"."user" LANGUAGE sql AS $$ SELECT 'order'::"select"."user" $$;
CREATE TABLE "select"."order" ("Δέλτα" integer, "select" text);
CREATE INDEX "select" ON "select"."order" ("select");
ALTER TABLE "select"."order" ADD CONSTRAINT "user" CHECK ("Δέλτα" <> 0);
CREATE TABLE "new;schema"."T'" ("Ω" integer);
CREATE TABLE "new;schema"."two
lines" (x integer);
"#;

/// Every object and part the draft must change: (change, kind, name).
const CHANGED: &[(ChangeKind, ObjectKind, &str)] = &[
    (ChangeKind::Added, ObjectKind::Schema, r#""new;schema""#),
    (ChangeKind::Added, ObjectKind::Table, r#""new;schema"."T'""#),
    (
        ChangeKind::Added,
        ObjectKind::Table,
        "\"new;schema\".\"two\nlines\"",
    ),
    (
        ChangeKind::Changed,
        ObjectKind::Enum,
        r#""sch""e;ma"."Mood 'x'""#,
    ),
    (
        ChangeKind::Changed,
        ObjectKind::Definition,
        r#""sch""e;ma"."Mood 'x'""#,
    ),
    (
        ChangeKind::Changed,
        ObjectKind::Table,
        r#""sch""e;ma"."Tåble ß""#,
    ),
    (
        ChangeKind::Removed,
        ObjectKind::Column,
        r#""sch""e;ma"."Tåble ß"."gone""x""#,
    ),
    (
        ChangeKind::Added,
        ObjectKind::Column,
        r#""sch""e;ma"."Tåble ß"."nëw ""c""""#,
    ),
    (
        ChangeKind::Added,
        ObjectKind::Column,
        r#""sch""e;ma"."Tåble ß"."straße""#,
    ),
    (
        ChangeKind::Changed,
        ObjectKind::Column,
        r#""sch""e;ma"."Tåble ß"."ty'pe""#,
    ),
    (ChangeKind::Removed, ObjectKind::Constraint, r#""chk 'c'""#),
    (ChangeKind::Added, ObjectKind::Constraint, r#""chk2 ""d""""#),
    (
        ChangeKind::Added,
        ObjectKind::Index,
        r#""sch""e;ma"."Idx;2""#,
    ),
    (
        ChangeKind::Removed,
        ObjectKind::Index,
        r#""sch""e;ma"."idx ""q""""#,
    ),
    (
        ChangeKind::Removed,
        ObjectKind::Index,
        "\"sch\"\"e;ma\".\"new\nline idx\"",
    ),
    (
        ChangeKind::Added,
        ObjectKind::Function,
        r#""select"."Fn ""2"""(integer)"#,
    ),
    (
        ChangeKind::Added,
        ObjectKind::Sequence,
        r#""select"."Seq ""2""""#,
    ),
    (ChangeKind::Added, ObjectKind::View, r#""select"."View;2""#),
    (
        ChangeKind::Removed,
        ObjectKind::Function,
        r#""select"."fn'é"(integer)"#,
    ),
    (ChangeKind::Added, ObjectKind::View, r#""select"."from""#),
    (
        ChangeKind::Changed,
        ObjectKind::Table,
        r#""select"."order""#,
    ),
    (ChangeKind::Added, ObjectKind::Constraint, r#""user""#),
    (ChangeKind::Added, ObjectKind::Index, r#""select"."select""#),
    (ChangeKind::Removed, ObjectKind::Index, r#""select"."user""#),
    (
        ChangeKind::Added,
        ObjectKind::Function,
        r#""select"."order"()"#,
    ),
    (
        ChangeKind::Removed,
        ObjectKind::Sequence,
        r#""select"."seq;é""#,
    ),
    (ChangeKind::Added, ObjectKind::Enum, r#""select"."user""#),
    (
        ChangeKind::Removed,
        ObjectKind::View,
        r#""select"."view ""v""""#,
    ),
    (ChangeKind::Removed, ObjectKind::Schema, r#""Ünï 's""#),
    (ChangeKind::Removed, ObjectKind::Table, r#"public."a""""b""#),
    (ChangeKind::Changed, ObjectKind::Table, r#"public."a""b""#),
    (
        ChangeKind::Added,
        ObjectKind::Column,
        r#"public."a""b"."n""o""#,
    ),
    (
        ChangeKind::Added,
        ObjectKind::Sequence,
        r#"public."select""#,
    ),
    (
        ChangeKind::Removed,
        ObjectKind::Sequence,
        r#"public."user""#,
    ),
];

/// Fails (through psql) unless the table `table` (a quoted name) holds `rows` rows.
fn assert_rows(url: &str, table: &str, rows: i64) {
    let check = format!(
        "DO $$ BEGIN IF (SELECT count(*) FROM {table}) <> {rows} THEN RAISE EXCEPTION 'not {rows} rows'; END IF; END $$;"
    );
    sql_compare::psql(url, &check).unwrap_or_else(|e| panic!("{table}: {e}"));
}

/// Each change and each of its parts: (change, kind, name).
fn changes(d: &SchemaDiff) -> Vec<(ChangeKind, ObjectKind, String)> {
    let mut out = Vec::new();
    for c in d {
        out.push((c.change(), c.kind(), c.name().to_string()));
        for p in c.details() {
            out.push((p.change(), p.kind(), p.name().to_string()));
        }
    }
    out
}

/// The kinds of the destructive statements of a draft, sorted.
fn destructive_kinds(m: &Migration<'_>) -> Vec<Destructive> {
    let mut k: Vec<_> = m
        .statements()
        .iter()
        .filter_map(|s| s.destructive())
        .collect();
    k.sort();
    k
}

#[test]
fn drafts_between_odd_names_reach_the_right_schema_and_keep_rows() {
    let Some(server) = server() else { return };
    let (left_db, right_db, withheld_db) = (
        server.create_database("odd_left"),
        server.create_database("odd_right"),
        server.create_database("odd_withheld"),
    );
    sql_compare::psql(&left_db.url, LEFT).unwrap();
    sql_compare::psql(&withheld_db.url, LEFT).unwrap();
    sql_compare::psql(&right_db.url, RIGHT).unwrap();
    let left = sql_compare::pg_dump(&left_db.url).unwrap();
    let right = sql_compare::pg_dump(&right_db.url).unwrap();

    // Exactly the intended objects differ, each named once-escaped.
    let diff = sql_compare::diff(&left, &right).unwrap();
    let expected: Vec<(ChangeKind, ObjectKind, String)> = CHANGED
        .iter()
        .map(|&(c, k, n)| (c, k, n.to_string()))
        .collect();
    assert_eq!(changes(&diff), expected, "{diff}");
    let report = diff.to_string();
    assert!(
        report.contains(
            "\nchanged table public.\"a\"\"b\"\n  added column public.\"a\"\"b\".\"n\"\"o\"\n"
        ),
        "{report}"
    );
    assert!(
        report.contains("\nremoved table public.\"a\"\"\"\"b\"\n"),
        "{report}"
    );

    // Unsafe statements withheld: what they would destroy stays, everything else is done.
    let draft = diff.migration();
    let withheld_sql = draft.to_string();
    sql_compare::psql(&withheld_db.url, &withheld_sql)
        .unwrap_or_else(|e| panic!("{e}\n{withheld_sql}"));
    let withheld = sql_compare::pg_dump(&withheld_db.url).unwrap();
    let rest = sql_compare::diff(&withheld, &right).unwrap();
    let undone: Vec<_> = expected
        .iter()
        .filter(|(c, k, n)| match (c, k) {
            (ChangeKind::Removed, _) => true,
            (ChangeKind::Changed, ObjectKind::Column) => true,
            // The tables that still have parts to drop or change.
            (ChangeKind::Changed, ObjectKind::Table) => {
                n == r#""sch""e;ma"."Tåble ß""# || n == r#""select"."order""#
            }
            _ => false,
        })
        .cloned()
        .collect();
    assert_eq!(changes(&rest), undone, "{rest}");
    assert_rows(&withheld_db.url, r#"public."a""""b""#, 1);
    assert_rows(&withheld_db.url, r#""sch""e;ma"."Tåble ß""#, 1);
    // What is left to do is only what was withheld.
    let statements = rest.migration().statements();
    assert!(
        statements[1..].iter().all(|s| s.is_destructive()),
        "{statements:#?}"
    );
    assert_eq!(statements.len() - 1, draft.destructive_count());
    assert_eq!(
        destructive_kinds(&rest.migration()),
        destructive_kinds(&draft)
    );
    assert!(destructive_kinds(&draft).contains(&Destructive::ColumnType));
    assert!(destructive_kinds(&draft).contains(&Destructive::DropColumn));

    // Unsafe statements allowed: the right schema, the kept tables' rows still there.
    let live = draft.allow_unsafe(true).to_string();
    sql_compare::psql(&left_db.url, &live).unwrap_or_else(|e| panic!("{e}\n{live}"));
    let after = sql_compare::pg_dump(&left_db.url).unwrap();
    assert!(
        sql_compare::compare(&after, &right).unwrap(),
        "{}",
        sql_compare::diff(&after, &right).unwrap()
    );
    assert_eq!(
        changes(&sql_compare::diff(&left, &after).unwrap()),
        expected
    );
    assert_rows(&left_db.url, r#"public."a""b""#, 3);
    assert_rows(&left_db.url, r#""sch""e;ma"."Tåble ß""#, 1);
}

/// Names and literals that spell the keywords a draft edits: a comment holding ` IS ` and a
/// statement, a table named like `ENABLE`, a role named like `a TO b`.
const KEYWORDS_LEFT: &str = r#"
CREATE TABLE public."ENABLE_x" ("FORCE" integer);
ALTER TABLE public."ENABLE_x" ENABLE ROW LEVEL SECURITY;
ALTER TABLE public."ENABLE_x" FORCE ROW LEVEL SECURITY;
COMMENT ON TABLE public."ENABLE_x" IS 'NULL IS fine';
COMMENT ON COLUMN public."ENABLE_x"."FORCE" IS 'it IS; DROP TABLE public."ENABLE_x"; --';
GRANT SELECT ON TABLE public."ENABLE_x" TO "a TO b" WITH GRANT OPTION;
GRANT INSERT ON TABLE public."ENABLE_x" TO "x FROM y";
"#;

const KEYWORDS_RIGHT: &str = r#"
CREATE TABLE public."ENABLE_x" ("FORCE" integer);
"#;

#[test]
fn drafts_edit_keywords_not_names_or_literals_that_spell_them() {
    let Some(server) = server() else { return };
    let roles = r#"DO $$ BEGIN CREATE ROLE "a TO b"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "x FROM y"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"#;
    sql_compare::psql(server.admin_url(), roles).unwrap();
    let (left_db, right_db) = (
        server.create_database("kw_left"),
        server.create_database("kw_right"),
    );
    sql_compare::psql(&left_db.url, KEYWORDS_LEFT).unwrap();
    sql_compare::psql(&right_db.url, KEYWORDS_RIGHT).unwrap();
    let left = sql_compare::pg_dump(&left_db.url).unwrap();
    let right = sql_compare::pg_dump(&right_db.url).unwrap();

    // Each way, the live draft reaches the other side.
    for (from_url, from, to) in [
        (&right_db.url, &right, &left),
        (&left_db.url, &left, &right),
    ] {
        let diff = sql_compare::diff(from, to).unwrap();
        assert!(!diff.is_empty());
        let draft = diff.migration();
        if std::ptr::eq(from, &left) {
            // Lowering row-level security waits for the opt-in.
            assert_eq!(
                destructive_kinds(&draft),
                [Destructive::Security, Destructive::Security]
            );
        }
        let live = draft.allow_unsafe(true).to_string();
        assert!(!live.contains("DISABLE_x"), "{live}");
        sql_compare::psql(from_url, &live).unwrap_or_else(|e| panic!("{e}\n{live}"));
        let after = sql_compare::pg_dump(from_url).unwrap();
        assert!(
            sql_compare::compare(&after, to).unwrap(),
            "{}\n{live}",
            sql_compare::diff(&after, to).unwrap()
        );
    }
    // The table the comment's text names is still there.
    assert_rows(&left_db.url, r#"public."ENABLE_x""#, 0);
}
