//! Unit tests of migration drafts.
fn draft(a: &str, b: &str) -> String {
    crate::diff(a, b).unwrap().migration().to_string()
}

#[test]
fn equal_schemas_need_no_migration() {
    assert_eq!(
        draft("CREATE TABLE t (a int);", "CREATE TABLE t (a int);"),
        ""
    );
}

#[test]
fn drops_come_before_creates_and_tables_before_their_indexes() {
    let sql = draft(
        "CREATE TABLE old (a int);\nCREATE VIEW v AS SELECT 1;",
        "CREATE TABLE new (a int);\nCREATE INDEX new_a ON new (a);\nCREATE FUNCTION public.f(x integer) RETURNS int LANGUAGE sql AS $$ select 1 $$;",
    );
    let pos = |s: &str| sql.find(s).unwrap_or_else(|| panic!("{s} not in\n{sql}"));
    assert!(pos("DROP VIEW public.v;") < pos("DROP TABLE public.old;"));
    assert!(pos("DROP TABLE public.old;") < pos("CREATE FUNCTION public.f"));
    assert!(pos("CREATE FUNCTION public.f") < pos("CREATE TABLE new"));
    assert!(pos("CREATE TABLE new") < pos("CREATE INDEX new_a"));
}

#[test]
fn removed_routines_are_dropped_with_their_argument_types() {
    let sql = draft(
        "CREATE FUNCTION public.f(a integer, b text) RETURNS int LANGUAGE sql AS $$ select 1 $$;",
        "",
    );
    assert!(
        sql.contains("DROP FUNCTION public.f(integer, text);"),
        "{sql}"
    );
}

#[test]
fn changed_columns_defaults_and_constraints() {
    let sql = draft(
        "CREATE TABLE t (a int DEFAULT 1, b text NOT NULL);\nALTER TABLE ONLY t ADD CONSTRAINT k CHECK (a > 0);",
        "CREATE TABLE t (a int, b text);\nALTER TABLE ONLY t ADD CONSTRAINT k CHECK (a > 1);",
    );
    for s in [
        "ALTER TABLE public.t ALTER COLUMN a DROP DEFAULT;",
        "ALTER TABLE public.t ALTER COLUMN b DROP NOT NULL;",
        "ALTER TABLE public.t DROP CONSTRAINT k;",
        "ALTER TABLE ONLY t ADD CONSTRAINT k CHECK (a > 1);",
    ] {
        assert!(sql.contains(s), "{s} not in\n{sql}");
    }
    assert!(sql.find("DROP CONSTRAINT k").unwrap() < sql.find("ADD CONSTRAINT k").unwrap());
}

#[test]
fn changed_views_functions_sequences_and_enums() {
    let sql = draft(
        "CREATE VIEW v AS SELECT 1 AS a;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ select 1 $$;\nCREATE SEQUENCE s AS integer START WITH 1;\nCREATE TYPE e AS ENUM ('a', 'c');",
        "CREATE VIEW v AS SELECT 2 AS a;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ select 2 $$;\nCREATE SEQUENCE s START WITH 1;\nCREATE TYPE e AS ENUM ('a', 'b', 'c', 'd');",
    );
    for s in [
        "CREATE OR REPLACE VIEW v AS SELECT 2 AS a;",
        "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ select 2 $$;",
        "ALTER SEQUENCE public.s as bigint start with 1;",
        "ALTER TYPE public.e ADD VALUE 'b' BEFORE 'c';",
        "ALTER TYPE public.e ADD VALUE 'd';",
    ] {
        assert!(sql.contains(s), "{s} not in\n{sql}");
    }
}

#[test]
fn what_cannot_be_expressed_is_marked_manual() {
    let sql = draft(
        "CREATE TYPE e AS ENUM ('a', 'b');",
        "CREATE TYPE e AS ENUM ('a');",
    );
    assert!(
        sql.contains("-- manual: changed definition public.e: enum labels were removed or renamed"),
        "{sql}"
    );
    let sql = draft(
        "CREATE TABLE t (a int);",
        "CREATE TABLE t (a int) PARTITION BY RANGE (a);",
    );
    assert!(
        sql.contains("-- manual: changed definition public.t"),
        "{sql}"
    );
}

#[test]
fn privileges_are_revoked_and_granted() {
    let sql = draft(
        "GRANT SELECT, INSERT ON TABLE public.t TO a WITH GRANT OPTION;",
        "GRANT SELECT ON TABLE public.t TO b;",
    );
    assert!(
        sql.contains("REVOKE SELECT, INSERT ON TABLE public.t FROM a;"),
        "{sql}"
    );
    assert!(
        sql.contains("GRANT SELECT ON TABLE public.t TO b;"),
        "{sql}"
    );
    assert!(sql.find("REVOKE").unwrap() < sql.find("GRANT SELECT ON TABLE public.t TO b").unwrap());
}
