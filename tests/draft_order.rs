//! Migration drafts ordered by the objects' dependencies, applied on a real server: each case
//! loads a left and a right schema into two databases, dumps both, applies the draft from the
//! left dump to the left database in one transaction and checks that it then dumps to the
//! right schema.

mod common;

use common::pg::server;

/// The draft from `left` to `right` (both loaded and dumped first), applied to the left
/// database: the draft when the result dumps to the right schema, else a panic that says
/// what went wrong.
fn migrate(left: &str, right: &str) -> Option<String> {
    let server = server()?;
    let l = server.create_database("left");
    let r = server.create_database("right");
    sql_compare::psql(&l.url, left).unwrap_or_else(|e| panic!("loading the left schema: {e}"));
    sql_compare::psql(&r.url, right).unwrap_or_else(|e| panic!("loading the right schema: {e}"));
    let a = sql_compare::pg_dump(&l.url).unwrap();
    let b = sql_compare::pg_dump(&r.url).unwrap();
    let draft = sql_compare::diff(&a, &b)
        .unwrap()
        .migration()
        .allow_unsafe(true)
        .to_string();
    assert!(!draft.is_empty(), "no draft: the schemas are the same");
    let one = format!("BEGIN;\n{draft}\nCOMMIT;\n");
    if let Err(e) = sql_compare::psql(&l.url, &one) {
        panic!("applying the draft: {e}\n{draft}");
    }
    let after = sql_compare::pg_dump(&l.url).unwrap();
    let d = sql_compare::diff(&after, &b).unwrap();
    assert!(d.is_empty(), "still differs:\n{d}\ndraft:\n{draft}");
    Some(draft)
}

/// Where `s` is in `draft`, which must have it.
fn at(draft: &str, s: &str) -> usize {
    draft
        .find(s)
        .unwrap_or_else(|| panic!("{s:?} not in\n{draft}"))
}

#[test]
fn a_sequence_owned_by_a_dropped_table_or_column_is_not_dropped_again() {
    let Some(draft) = migrate(
        "CREATE TABLE t (id serial, a int);
         CREATE TABLE u (id int, n serial);",
        "CREATE TABLE u (id int);",
    ) else {
        return;
    };
    assert!(!draft.contains("DROP SEQUENCE"), "{draft}");
}

#[test]
fn a_default_is_dropped_before_the_sequence_it_uses() {
    let Some(draft) = migrate(
        "CREATE SEQUENCE s;
         CREATE TABLE t (id int DEFAULT nextval('s'));",
        "CREATE TABLE t (id int);",
    ) else {
        return;
    };
    assert!(at(&draft, "DROP DEFAULT") < at(&draft, "DROP SEQUENCE public.s;"));
}

#[test]
fn a_sequence_changes_owner_before_its_old_owner_is_dropped() {
    migrate(
        "CREATE TABLE t (id int);
         CREATE SEQUENCE s OWNED BY t.id;",
        "CREATE TABLE u (id int);
         CREATE SEQUENCE s OWNED BY u.id;",
    );
}

#[test]
fn a_foreign_key_follows_the_unique_constraint_it_references() {
    let Some(draft) = migrate(
        "CREATE TABLE a (id int NOT NULL);
         CREATE TABLE b (a_id int);",
        "CREATE TABLE a (id int NOT NULL CONSTRAINT a_id_key UNIQUE);
         CREATE TABLE b (a_id int REFERENCES a (id));
         CREATE TABLE c (x int NOT NULL);
         CREATE UNIQUE INDEX c_x ON c (x);
         CREATE TABLE d (x int REFERENCES c (x));",
    ) else {
        return;
    };
    assert!(at(&draft, "a_id_key") < at(&draft, "b_a_id_fkey"));
    assert!(at(&draft, "CREATE UNIQUE INDEX c_x") < at(&draft, "d_x_fkey"));
}

#[test]
fn a_foreign_key_is_dropped_before_the_key_it_references() {
    migrate(
        "CREATE TABLE a (id int PRIMARY KEY);
         CREATE TABLE b (a_id int REFERENCES a (id));",
        "CREATE TABLE a (id int);
         CREATE TABLE b (a_id int);",
    );
}

#[test]
fn a_comment_is_not_removed_from_what_is_dropped() {
    let Some(draft) = migrate(
        "CREATE TABLE t (a int, b int CONSTRAINT k CHECK (b > 0));
         COMMENT ON COLUMN t.a IS 'gone';
         COMMENT ON CONSTRAINT k ON t IS 'gone too';
         CREATE INDEX i ON t (b);
         COMMENT ON INDEX i IS 'and this';",
        "CREATE TABLE t (b int);",
    ) else {
        return;
    };
    assert!(!draft.contains("IS NULL"), "{draft}");
}

#[test]
fn a_type_is_dropped_after_the_columns_stop_using_it() {
    migrate(
        "CREATE TYPE mood AS ENUM ('sad', 'happy');
         CREATE DOMAIN positive AS int CHECK (VALUE > 0);
         CREATE TABLE t (a mood, b positive);",
        "CREATE TABLE t (a text, b int);",
    );
}

#[test]
fn a_function_is_created_before_the_default_check_and_domain_that_call_it() {
    let Some(draft) = migrate(
        "CREATE TABLE t (a int);",
        "CREATE FUNCTION zz_one() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;
         CREATE FUNCTION zz_pos(x int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x > 0 $$;
         CREATE DOMAIN d AS int CHECK (zz_pos(VALUE));
         CREATE TABLE t (a int DEFAULT zz_one() CHECK (zz_pos(a)), b d);",
    ) else {
        return;
    };
    assert!(at(&draft, "CREATE FUNCTION public.zz_pos") < at(&draft, "CREATE DOMAIN"));
}

#[test]
fn an_identity_is_dropped_before_its_not_null() {
    migrate(
        "CREATE TABLE t (a int GENERATED ALWAYS AS IDENTITY);",
        "CREATE TABLE t (a int);",
    );
}

#[test]
fn a_column_added_to_a_partitioned_table_is_added_to_it_alone() {
    let Some(draft) = migrate(
        "CREATE TABLE p (a int, gone text) PARTITION BY RANGE (a);
         CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
        "CREATE TABLE p (a int, b text) PARTITION BY RANGE (a);
         CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
    ) else {
        return;
    };
    assert!(!draft.contains("public.p1 ADD COLUMN"), "{draft}");
    assert!(!draft.contains("public.p1 DROP COLUMN"), "{draft}");
}

#[test]
fn a_partition_index_is_attached_after_its_partition() {
    let Some(draft) = migrate(
        "CREATE TABLE p (a int) PARTITION BY RANGE (a);
         CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
        "CREATE TABLE p (a int) PARTITION BY RANGE (a);
         CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
         CREATE TABLE p2 (a int);
         ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (10) TO (20);
         CREATE INDEX p_a ON p (a);",
    ) else {
        return;
    };
    assert!(
        at(&draft, "ATTACH PARTITION public.p2") < at(&draft, "ATTACH PARTITION public.p2_a_idx")
    );
}

#[test]
fn a_dropped_partitioned_index_takes_the_partitions_indexes_which_are_made_again() {
    migrate(
        "CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);
         CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
         CREATE INDEX p_a ON p (a);",
        "CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);
         CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
         CREATE INDEX p_a ON p (b);",
    );
}

#[test]
fn a_view_whose_columns_change_is_made_again_with_what_depends_on_it() {
    let Some(draft) = migrate(
        "CREATE TABLE t (a int, b int, c int);
         CREATE VIEW v AS SELECT a, b FROM t;
         CREATE VIEW w AS SELECT b FROM v;
         COMMENT ON VIEW w IS 'on v';
         CREATE ROLE zz_reader_order;
         GRANT SELECT ON w TO zz_reader_order;",
        "CREATE TABLE t (a int, b int, c int);
         CREATE VIEW v AS SELECT b, c FROM t;
         CREATE VIEW w AS SELECT b FROM v;
         COMMENT ON VIEW w IS 'on v';
         DO $$ BEGIN CREATE ROLE zz_reader_order; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
         GRANT SELECT ON w TO zz_reader_order;",
    ) else {
        return;
    };
    assert!(at(&draft, "DROP VIEW public.w;") < at(&draft, "DROP VIEW public.v;"));
    assert!(at(&draft, "CREATE VIEW public.v") < at(&draft, "CREATE VIEW public.w"));
}

#[test]
fn a_column_whose_type_changes_takes_its_views_out_and_back() {
    migrate(
        "CREATE TABLE t (a int DEFAULT 1, b text DEFAULT '1');
         CREATE VIEW v AS SELECT a FROM t;
         CREATE MATERIALIZED VIEW m AS SELECT a FROM v;
         CREATE INDEX m_a ON m (a);",
        "CREATE TABLE t (a bigint DEFAULT 1, b integer DEFAULT 1);
         CREATE VIEW v AS SELECT a FROM t;
         CREATE MATERIALIZED VIEW m AS SELECT a FROM v;
         CREATE INDEX m_a ON m (a);",
    );
}

#[test]
fn a_function_whose_result_changes_is_dropped_and_made_again() {
    migrate(
        "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
         CREATE VIEW v AS SELECT f(1) AS one;",
        "CREATE FUNCTION f(x int) RETURNS bigint LANGUAGE sql AS $$ SELECT x::bigint $$;
         CREATE VIEW v AS SELECT f(1) AS one;",
    );
}

#[test]
fn a_materialized_view_is_made_again_with_its_indexes_and_dependents() {
    migrate(
        "CREATE TABLE t (a int);
         CREATE MATERIALIZED VIEW m AS SELECT a FROM t;
         CREATE INDEX m_a ON m (a);
         CREATE VIEW v AS SELECT a FROM m;",
        "CREATE TABLE t (a int);
         CREATE MATERIALIZED VIEW m AS SELECT a, 1 AS one FROM t;
         CREATE INDEX m_a ON m (a);
         CREATE VIEW v AS SELECT a FROM m;",
    );
}

#[test]
fn a_function_made_again_takes_the_constraints_and_indexes_that_use_it_along() {
    let Some(draft) = migrate(
        "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x $$;
         CREATE TABLE t (a int CONSTRAINT positive CHECK (f(a) > 0));
         CREATE INDEX t_f ON t (f(a));",
        "CREATE FUNCTION f(x int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x::bigint $$;
         CREATE TABLE t (a int CONSTRAINT positive CHECK (f(a) > 0));
         CREATE INDEX t_f ON t (f(a));",
    ) else {
        return;
    };
    assert!(
        at(&draft, "DROP CONSTRAINT positive;") < at(&draft, "DROP FUNCTION public.f(integer);")
    );
    assert!(at(&draft, "DROP INDEX public.t_f;") < at(&draft, "DROP FUNCTION public.f(integer);"));
}

#[test]
fn tables_that_reference_each_other_and_an_extension_are_dropped() {
    migrate(
        "CREATE EXTENSION IF NOT EXISTS cube;
         CREATE TABLE a (id int PRIMARY KEY, b_id int, c public.cube);
         CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));
         ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);
         CREATE SCHEMA s;
         CREATE TABLE s.t (x int);
         CREATE TABLE keep (id int);",
        "CREATE TABLE keep (id int);",
    );
}

/// Applies the draft between two dumps to a database restored from the first, and compares
/// the result with a database restored from the second (PostgreSQL prints some expressions
/// back otherwise than a dump wrote them), owners aside (`noowner` dumps have none; the
/// test's databases have its user's).
fn apply_dumps(a: &str, b: &str) {
    let Some(server) = server() else { return };
    let db = server.create_database("dumps");
    sql_compare::psql(&db.url, a).unwrap();
    let target = server.create_database("target");
    sql_compare::psql(&target.url, b).unwrap();
    let b = &sql_compare::pg_dump(&target.url).unwrap();
    let draft = sql_compare::diff(a, b)
        .unwrap()
        .migration()
        .allow_unsafe(true)
        .to_string();
    if let Err(e) = sql_compare::psql(&db.url, &format!("BEGIN;\n{draft}\nCOMMIT;\n")) {
        panic!("applying the draft: {e}");
    }
    let after = sql_compare::pg_dump(&db.url).unwrap();
    let d = sql_compare::Comparer::new()
        .ignore_owners(true)
        .diff(&after, b)
        .unwrap();
    assert!(d.is_empty(), "still differs:\n{d}");
}

#[test]
fn the_musicbrainz_schema_is_created_from_nothing_and_dropped_to_nothing() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let mb = std::fs::read_to_string(corpus.join("dumps/pg15-musicbrainz.noowner.sql")).unwrap();
    let empty = "SET client_encoding = 'UTF8';\n";
    apply_dumps(empty, &mb);
    apply_dumps(&mb, empty);
}
