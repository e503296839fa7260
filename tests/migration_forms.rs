//! Migration drafts against a real server, one schema change of each form the draft writes
//! instead of leaving it manual: both schemas loaded and dumped, the draft applied to a
//! database restored from the left dump, re-dumped and compared with the right dump. The
//! online form is applied as written, statement by statement outside one transaction.

mod common;

use common::pg::server;

/// How a draft is applied.
#[derive(Clone, Copy, PartialEq)]
enum Apply {
    /// The draft in one transaction.
    Transaction,
    /// The online draft as written: its own `BEGIN`/`COMMIT`, then the statements that run
    /// outside a transaction.
    Online,
}

/// Dumps of `left` and `right` loaded into two databases; the draft between them applied to
/// a database restored from the left dump, then `after` (what the manual notes say to write);
/// the result dumped and compared with the right dump. Returns the draft.
fn reaches(left: &str, right: &str, how: Apply, after: &str) -> Option<String> {
    let server = server()?;
    let dump = |sql: &str| {
        let db = server.create_database("side");
        sql_compare::psql(&db.url, sql).unwrap_or_else(|e| panic!("loading {sql}: {e}"));
        sql_compare::pg_dump(&db.url).unwrap()
    };
    let (a, b) = (dump(left), dump(right));
    let diff = sql_compare::diff(&a, &b).unwrap();
    assert!(!diff.is_empty(), "the schemas are equal:\n{left}\n{right}");
    let migration = diff
        .migration()
        .allow_unsafe(true)
        .online(how == Apply::Online);
    let draft = migration.to_string();
    let db = server.create_database("draft");
    sql_compare::psql(&db.url, &a).unwrap();
    // The rows the left side holds.
    if let Some(rows) = left.split("-- rows\n").nth(1) {
        sql_compare::psql(&db.url, rows).unwrap();
    }
    let applied = match how {
        Apply::Transaction => format!("BEGIN;\n{draft}\nCOMMIT;\n"),
        Apply::Online => draft.clone(),
    };
    sql_compare::psql(&db.url, &applied)
        .unwrap_or_else(|e| panic!("applying the draft: {e}\n{draft}"));
    if !after.is_empty() {
        sql_compare::psql(&db.url, after).unwrap_or_else(|e| panic!("{after}: {e}\n{draft}"));
    }
    let result = sql_compare::pg_dump(&db.url).unwrap();
    let d = sql_compare::diff(&result, &b).unwrap();
    assert!(d.is_empty(), "still differs:\n{d}\ndraft:\n{draft}");
    Some(draft)
}

#[test]
fn domain_constraints_not_null_and_defaults_are_altered() {
    let Some(draft) = reaches(
        "CREATE DOMAIN public.d AS integer NOT NULL DEFAULT 1 CONSTRAINT d_check CHECK (VALUE > 0) CONSTRAINT \"my c\" CHECK (VALUE < 100);
CREATE TABLE public.t (a public.d);
-- rows
INSERT INTO public.t VALUES (5);",
        "CREATE DOMAIN public.d AS integer DEFAULT 2 CONSTRAINT d_check CHECK (VALUE > 1) CONSTRAINT \"my c\" CHECK (VALUE < 100) CONSTRAINT \"d odd\" CHECK (VALUE % 2 = 1);
CREATE TABLE public.t (a public.d);",
        Apply::Transaction,
        "",
    ) else {
        return;
    };
    assert!(!draft.contains("-- manual:"), "{draft}");
    reaches(
        "CREATE DOMAIN public.d AS text;",
        "CREATE DOMAIN public.d AS text NOT NULL DEFAULT 'x';",
        Apply::Transaction,
        "",
    );
}

#[test]
fn enum_labels_renamed_and_removed() {
    let Some(draft) = reaches(
        "CREATE TYPE public.e AS ENUM ('a', 'b', 'c');
CREATE TABLE public.t (x public.e);
-- rows
INSERT INTO public.t VALUES ('b');",
        "CREATE TYPE public.e AS ENUM ('a', 'bee', 'c');
CREATE TABLE public.t (x public.e);",
        Apply::Transaction,
        "",
    ) else {
        return;
    };
    assert!(draft.contains("RENAME VALUE 'b' TO 'bee'"), "{draft}");
    // Removed and reordered labels, columns in two schemas, an array, defaults, odd names.
    let left = "CREATE SCHEMA \"Other\";
CREATE TYPE public.\"My E\" AS ENUM ('a', 'b', 'c', 'gone');
CREATE TABLE public.t (x public.\"My E\" DEFAULT 'c', y public.\"My E\"[] DEFAULT '{a}', z int);
CREATE TABLE \"Other\".\"u v\" (\"W x\" public.\"My E\" NOT NULL DEFAULT 'a'::public.\"My E\");
CREATE TABLE public.p (k public.\"My E\", n int) PARTITION BY LIST (n);
CREATE TABLE public.p_a PARTITION OF public.p FOR VALUES IN (1);
-- rows
INSERT INTO public.t VALUES ('a', '{a,c}', 1), ('c', NULL, 2);
INSERT INTO \"Other\".\"u v\" VALUES ('b');
INSERT INTO public.p VALUES ('a', 1);";
    let right = "CREATE SCHEMA \"Other\";
CREATE TYPE public.\"My E\" AS ENUM ('c', 'a', 'b');
CREATE TABLE public.t (x public.\"My E\" DEFAULT 'c', y public.\"My E\"[] DEFAULT '{a}', z int);
CREATE TABLE \"Other\".\"u v\" (\"W x\" public.\"My E\" NOT NULL DEFAULT 'a'::public.\"My E\");
CREATE TABLE public.p (k public.\"My E\", n int) PARTITION BY LIST (n);
CREATE TABLE public.p_a PARTITION OF public.p FOR VALUES IN (1);";
    let draft = reaches(left, right, Apply::Transaction, "").unwrap();
    assert!(!draft.contains("-- manual:"), "{draft}");
    // A routine that uses the type is dropped before the conversion and made again after.
    let draft = reaches(
        "CREATE TYPE public.e AS ENUM ('a', 'b');
CREATE FUNCTION public.f(x public.e) RETURNS int LANGUAGE sql AS 'select 1';",
        "CREATE TYPE public.e AS ENUM ('a');
CREATE FUNCTION public.f(x public.e) RETURNS int LANGUAGE sql AS 'select 1';",
        Apply::Transaction,
        "",
    )
    .unwrap();
    assert!(
        draft.contains("\nDROP FUNCTION public.f(public.e);\n"),
        "{draft}"
    );
    // A use the draft does not make again (a range type over it) leaves the type as it is,
    // with a note naming that use; the draft still runs.
    let server = server().unwrap();
    let db = server.create_database("enum user");
    let left = "CREATE TYPE public.e AS ENUM ('a', 'b');
CREATE TYPE public.r AS RANGE (subtype = public.e);";
    sql_compare::psql(&db.url, left).unwrap();
    let a = sql_compare::pg_dump(&db.url).unwrap();
    let b = a.replace(",\n    'b'", "");
    assert_ne!(a, b);
    let migration = sql_compare::diff(&a, &b).unwrap();
    let migration = migration.migration().allow_unsafe(true);
    let notes = migration.manual_notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("public.e") && notes[0].contains("public.r"),
        "{notes:?}"
    );
    let draft = migration.to_string();
    assert!(!draft.contains("DO $"), "{draft}");
    sql_compare::psql(&db.url, &format!("BEGIN;\n{draft}\nCOMMIT;")).unwrap();
    let after = sql_compare::pg_dump(&db.url).unwrap();
    assert!(sql_compare::compare(&a, &after).unwrap(), "{after}");
    // A default that used a removed label is replaced by the right one.
    reaches(
        "CREATE TYPE public.e AS ENUM ('a', 'b');
CREATE TABLE public.t (x public.e DEFAULT 'b');",
        "CREATE TYPE public.e AS ENUM ('a');
CREATE TABLE public.t (x public.e DEFAULT 'a');",
        Apply::Transaction,
        "",
    );
}

#[test]
fn collations_change_with_the_column_type_written_again() {
    reaches(
        "CREATE TABLE public.t (a text COLLATE \"C\", b text, c varchar(5) COLLATE \"C\");
-- rows
INSERT INTO public.t VALUES ('x', 'y', 'z');",
        "CREATE TABLE public.t (a text COLLATE \"POSIX\", b text COLLATE \"C\", c text);",
        Apply::Transaction,
        "",
    );
}

#[test]
fn sequence_options_go_back_to_their_defaults() {
    reaches(
        "CREATE SEQUENCE public.s AS integer START WITH 5 INCREMENT BY 2 MINVALUE 1 MAXVALUE 100 CACHE 10 CYCLE;
CREATE SEQUENCE public.down INCREMENT BY -1;",
        "CREATE SEQUENCE public.s;
CREATE SEQUENCE public.down MINVALUE -50 CYCLE;",
        Apply::Transaction,
        "",
    );
}

#[test]
fn row_security_both_switches_removed_or_swapped() {
    reaches(
        "CREATE TABLE public.t (a int);
ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.t FORCE ROW LEVEL SECURITY;
CREATE TABLE public.u (a int);
ALTER TABLE public.u ENABLE ROW LEVEL SECURITY;",
        "CREATE TABLE public.t (a int);
CREATE TABLE public.u (a int);
ALTER TABLE public.u FORCE ROW LEVEL SECURITY;",
        Apply::Transaction,
        "",
    );
}

#[test]
fn constraints_whose_names_need_quotes_are_replaced_by_name() {
    let Some(draft) = reaches(
        "CREATE TABLE public.t (a int, CONSTRAINT \"my check\" CHECK (a > 0), CONSTRAINT \"Up\" CHECK (a < 9));",
        "CREATE TABLE public.t (a int, CONSTRAINT \"my check\" CHECK (a > 1), CONSTRAINT \"Up\" CHECK (a < 10));",
        Apply::Transaction,
        "",
    ) else {
        return;
    };
    assert!(!draft.contains("-- manual:"), "{draft}");
}

#[test]
fn a_changed_partitioning_reaches_the_target_once_the_rows_are_moved() {
    let Some(draft) = reaches(
        "CREATE TABLE public.p (a integer, b integer) PARTITION BY RANGE (a);
CREATE TABLE public.q (a integer, b text);
-- rows
INSERT INTO public.q VALUES (1, 'x');",
        "CREATE TABLE public.p (a integer, b integer) PARTITION BY LIST (b);
CREATE TABLE public.q (a integer, b text) PARTITION BY RANGE (a);
CREATE TABLE public.q_all PARTITION OF public.q DEFAULT;",
        Apply::Transaction,
        // What the manual notes say to write.
        "INSERT INTO public.p SELECT * FROM public.p__old; DROP TABLE public.p__old;
INSERT INTO public.q SELECT * FROM public.q__old; DROP TABLE public.q__old;",
    ) else {
        return;
    };
    assert_eq!(draft.matches("-- manual:").count(), 2, "{draft}");
}

#[test]
fn the_online_form_reaches_the_target_statement_by_statement() {
    let left = "CREATE TABLE public.t (id int PRIMARY KEY, a int, \"B c\" text, n int);
CREATE INDEX t_a ON public.t (a);
CREATE INDEX t_gone ON public.t (n);
CREATE TABLE public.u (id int, t_id int);
CREATE TABLE public.gone (x int);
CREATE INDEX gone_x ON public.gone (x);
CREATE TABLE public.pp (a int, b int) PARTITION BY RANGE (a);
CREATE TABLE public.pp1 PARTITION OF public.pp FOR VALUES FROM (0) TO (10);
-- rows
INSERT INTO public.t VALUES (1, 1, 'x', 5), (2, 2, 'y', 6);
INSERT INTO public.u VALUES (1, 1);";
    let right =
        "CREATE TABLE public.t (id int PRIMARY KEY, a int, \"B c\" text NOT NULL, n int NOT NULL,
    CONSTRAINT \"n positive\" CHECK (n > 0));
CREATE INDEX t_a ON public.t (a, n);
CREATE UNIQUE INDEX \"T b\" ON public.t (\"B c\");
CREATE TABLE public.u (id int, t_id int REFERENCES public.t (id));
CREATE INDEX u_t ON public.u (t_id);
CREATE TABLE public.v (x int);
CREATE INDEX v_x ON public.v (x);
CREATE TABLE public.pp (a int, b int REFERENCES public.t (id)) PARTITION BY RANGE (a);
CREATE TABLE public.pp1 PARTITION OF public.pp FOR VALUES FROM (0) TO (10);
CREATE INDEX pp_a ON public.pp (a);";
    let Some(draft) = reaches(left, right, Apply::Online, "") else {
        return;
    };
    for s in [
        "\nBEGIN;\n",
        "\nCOMMIT;\n",
        "\nCREATE INDEX CONCURRENTLY t_a ON public.t USING btree (a, n);\n",
        "\nCREATE UNIQUE INDEX CONCURRENTLY \"T b\" ON public.t USING btree (\"B c\");\n",
        "\nDROP INDEX CONCURRENTLY public.t_a;\n",
        "\nDROP INDEX CONCURRENTLY IF EXISTS public.t_gone;\n",
        "\nALTER TABLE public.t VALIDATE CONSTRAINT \"n positive\";\n",
        "\nALTER TABLE public.u VALIDATE CONSTRAINT u_t_id_fkey;\n",
        "\nALTER TABLE public.t ALTER COLUMN \"B c\" SET NOT NULL;\n",
    ] {
        assert!(draft.contains(s), "{s} not in\n{draft}");
    }
    // Rows that break a constraint stop the validation, after the transaction committed.
    let server = server().unwrap();
    let db = server.create_database("online rows");
    sql_compare::psql(
        &db.url,
        "CREATE TABLE public.t (a int); INSERT INTO public.t VALUES (NULL);",
    )
    .unwrap();
    let a = sql_compare::pg_dump(&db.url).unwrap();
    let b = a.replace("    a integer\n", "    a integer NOT NULL\n");
    assert_ne!(a, b);
    let draft = sql_compare::diff(&a, &b)
        .unwrap()
        .migration()
        .online(true)
        .to_string();
    let e = sql_compare::psql(&db.url, &draft).unwrap_err().to_string();
    assert!(e.contains("is violated by some row"), "{e}\n{draft}");
}

#[test]
fn a_type_change_without_a_cast_is_a_note_saying_what_to_write() {
    let Some(draft) = reaches(
        "CREATE TYPE public.e1 AS ENUM ('a', 'b');
CREATE TYPE public.e2 AS ENUM ('b', 'a', 'c');
CREATE TABLE public.t (d date, e public.e1);
-- rows
INSERT INTO public.t VALUES ('2000-01-11', 'b');",
        "CREATE TYPE public.e1 AS ENUM ('a', 'b');
CREATE TYPE public.e2 AS ENUM ('b', 'a', 'c');
CREATE TABLE public.t (d integer, e public.e2);",
        Apply::Transaction,
        // The note's statement with the expression written.
        "ALTER TABLE public.t ALTER COLUMN d TYPE integer USING d - DATE '2000-01-01';",
    ) else {
        return;
    };
    assert!(
        draft.contains("-- manual: changed column public.t.d: PostgreSQL has no cast from date to integer: write ALTER TABLE public.t ALTER COLUMN d TYPE integer USING <expression turning d into integer>;"),
        "{draft}"
    );
}

#[test]
fn a_column_made_generated_or_given_another_expression_is_added_again() {
    reaches(
        "CREATE TABLE public.t (a int, g int, h int GENERATED ALWAYS AS (a + 1) STORED);
-- rows
INSERT INTO public.t (a, g) VALUES (1, 5);",
        "CREATE TABLE public.t (a int, g int GENERATED ALWAYS AS (a * 2) STORED, h int GENERATED ALWAYS AS (a + 2) STORED);",
        Apply::Transaction,
        "",
    );
}

#[test]
fn composite_type_attributes_are_added_dropped_and_retyped() {
    reaches(
        "CREATE TYPE public.ct AS (a integer, \"B\" text, gone date);",
        "CREATE TYPE public.ct AS (a bigint, \"B\" text, \"new one\" text COLLATE \"C\");",
        Apply::Transaction,
        "",
    );
}

#[test]
fn removed_column_settings_are_reset() {
    reaches(
        "CREATE TABLE public.t (a int, b text);
ALTER TABLE public.t ALTER COLUMN a SET STATISTICS 500;
ALTER TABLE public.t ALTER COLUMN a SET (n_distinct = 100);
ALTER TABLE public.t ALTER COLUMN b SET COMPRESSION pglz;",
        "CREATE TABLE public.t (a int, b text);",
        Apply::Transaction,
        "",
    );
}

#[test]
fn an_added_enum_label_the_draft_uses_reaches_the_target() {
    let left = "CREATE TYPE public.e AS ENUM ('a');
CREATE TABLE public.t (c public.e);
-- rows
INSERT INTO public.t VALUES ('a');";
    let right = "CREATE TYPE public.e AS ENUM ('a', 'x');
CREATE TABLE public.t (c public.e DEFAULT 'x', CONSTRAINT not_y CHECK (c <> 'x'::public.e OR c IS NULL));";
    reaches(left, right, Apply::Transaction, "");
    reaches(left, right, Apply::Online, "");
}

#[test]
fn table_logging_and_storage_parameters_change() {
    reaches(
        "CREATE TABLE public.t (a int) WITH (fillfactor = 70, autovacuum_enabled = false);
CREATE UNLOGGED TABLE public.u (a int);
-- rows
INSERT INTO public.t VALUES (1);",
        "CREATE UNLOGGED TABLE public.t (a int) WITH (fillfactor = 80);
CREATE TABLE public.u (a int);",
        Apply::Transaction,
        "",
    );
}
