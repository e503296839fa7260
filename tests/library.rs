//! The public API against the behaviours the library promises: what is ignored, what is not,
//! how statements are attached to objects, options, errors.

use pretty_assertions::assert_eq;
use sql_compare::{ChangeKind, Comparer, ErrorKind, Location, ObjectKind, Side, compare, diff};

fn equal(a: &str, b: &str) {
    let d = diff(a, b).unwrap();
    assert!(d.is_empty(), "expected equal:\n{a}\n---\n{b}\n---\n{d}");
    assert!(diff(b, a).unwrap().is_empty());
}

fn different(a: &str, b: &str) -> sql_compare::SchemaDiff {
    let d = diff(a, b).unwrap();
    assert!(!d.is_empty(), "expected different:\n{a}\n---\n{b}");
    assert_eq!(diff(b, a).unwrap(), d.clone().mirror());
    d
}

/// (change, kind, name) of every top-level change.
fn summary(d: &sql_compare::SchemaDiff) -> Vec<(ChangeKind, ObjectKind, String)> {
    d.changes()
        .iter()
        .map(|c| (c.change(), c.kind(), c.name().to_string()))
        .collect()
}

fn details(d: &sql_compare::SchemaDiff) -> Vec<(ChangeKind, ObjectKind, String)> {
    d.changes()
        .iter()
        .flat_map(|c| c.details())
        .map(|c| (c.change(), c.kind(), c.name().to_string()))
        .collect()
}

#[test]
fn whitespace_comments_and_keyword_case_do_not_matter() {
    equal(
        "CREATE TABLE public.a (id integer NOT NULL, name text);",
        "-- header\ncreate   table PUBLIC.A (\n  id INTEGER not null, -- the key\n  /* the name */ name TEXT\n)  ;  -- trailing",
    );
    equal("SELECT 1", "SELECT 1;");
}

#[test]
fn restrict_keys_and_meta_commands_do_not_matter() {
    equal(
        "\\restrict abc\nCREATE TABLE t (a int);\n\\unrestrict abc\n",
        "\\restrict xyz\n\\connect app\nCREATE TABLE t (a int);\n\\unrestrict xyz\n",
    );
}

#[test]
fn backslashes_inside_literals_are_text() {
    different(
        "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$\nselect 'a'\n$$;",
        "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$\n\\restrict x\nselect 'a'\n$$;",
    );
}

#[test]
fn tokens_are_never_glued_together() {
    different("CREATE TABLE t (a bc);", "CREATE TABLE t (ab c);");
    different(
        "CREATE TABLE t (a int DEFAULT 12);",
        "CREATE TABLE t (a int DEFAULT 1 2);",
    );
}

#[test]
fn quoted_identifiers_equal_bare_ones_only_when_folding_keeps_them() {
    equal(
        "CREATE TABLE \"actor\" (\"id\" int);",
        "CREATE TABLE actor (id int);",
    );
    different(
        "CREATE TABLE \"Actor\" (id int);",
        "CREATE TABLE actor (id int);",
    );
    equal(
        "CREATE TABLE Actor (id int);",
        "CREATE TABLE actor (id int);",
    );
}

#[test]
fn literals_keep_their_exact_text() {
    different(
        "CREATE TABLE t (a text DEFAULT 'X');",
        "CREATE TABLE t (a text DEFAULT 'x');",
    );
    different(
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT  1 $$;",
    );
}

#[test]
fn column_order_is_ignored_in_every_form_of_create_table() {
    for head in [
        "CREATE TABLE t",
        "CREATE UNLOGGED TABLE t",
        "CREATE TEMP TABLE t",
        "CREATE TABLE IF NOT EXISTS t",
        "CREATE FOREIGN TABLE t",
    ] {
        equal(
            &format!(
                "{head} (a numeric(10,2), b int DEFAULT f(1, 2), CONSTRAINT c CHECK (b = ANY (ARRAY[1, 2])));"
            ),
            &format!(
                "{head} (CONSTRAINT c CHECK (b = ANY (ARRAY[1, 2])), b int DEFAULT f(1, 2), a numeric(10,2));"
            ),
        );
    }
    equal(
        "CREATE TABLE p1 PARTITION OF p (a DEFAULT 1, CONSTRAINT k CHECK (a > 0)) FOR VALUES IN (1);",
        "CREATE TABLE p1 PARTITION OF p (CONSTRAINT k CHECK (a > 0), a DEFAULT 1) FOR VALUES IN (1);",
    );
}

#[test]
fn commas_inside_parentheses_never_split_a_column() {
    // Swapping the arguments of two columns' types or checks is a real difference.
    different(
        "CREATE TABLE t (a numeric(10,2), b numeric(4,1));",
        "CREATE TABLE t (a numeric(10,1), b numeric(4,2));",
    );
    different(
        "CREATE TABLE t (a int CHECK (a IN (1, 2)), b int CHECK (b IN (3, 4)));",
        "CREATE TABLE t (a int CHECK (a IN (1, 3)), b int CHECK (b IN (2, 4)));",
    );
}

#[test]
fn enum_label_order_is_ignored_unless_strict() {
    let a = "CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');";
    let b = "CREATE TYPE public.mood AS ENUM ('happy', 'sad', 'ok');";
    equal(a, b);
    let strict = Comparer::new().strict_enum_order(true);
    assert!(!strict.compare(a, b).unwrap());
    different(a, "CREATE TYPE public.mood AS ENUM ('sad', 'ok');");
}

#[test]
fn column_order_is_significant_when_asked() {
    let a = "CREATE TABLE t (a int, b int);";
    let b = "CREATE TABLE t (b int, a int);";
    let strict = Comparer::new().strict_column_order(true);
    let d = strict.diff(a, b).unwrap();
    assert_eq!(
        details(&d),
        vec![(
            ChangeKind::Changed,
            ObjectKind::ColumnOrder,
            "public.t".into()
        )]
    );
    assert!(strict.compare(a, a).unwrap());
}

#[test]
fn privilege_lists_are_unordered() {
    equal(
        "GRANT SELECT, INSERT ON TABLE public.a TO r;",
        "GRANT INSERT, SELECT ON TABLE public.a TO r;",
    );
    different(
        "GRANT SELECT, INSERT ON TABLE public.a TO r;",
        "GRANT SELECT ON TABLE public.a TO r;",
    );
}

#[test]
fn ordered_lists_keep_their_order() {
    different("CREATE INDEX i ON t (a, b);", "CREATE INDEX i ON t (b, a);");
    different(
        "ALTER TABLE ONLY t ADD CONSTRAINT k PRIMARY KEY (a, b);",
        "ALTER TABLE ONLY t ADD CONSTRAINT k PRIMARY KEY (b, a);",
    );
    different(
        "CREATE TABLE t (a int, b int) PARTITION BY RANGE (a, b);",
        "CREATE TABLE t (a int, b int) PARTITION BY RANGE (b, a);",
    );
    different(
        "CREATE TABLE t (a int) INHERITS (p, q);",
        "CREATE TABLE t (a int) INHERITS (q, p);",
    );
    different(
        "CREATE TYPE c AS (x int, y text);",
        "CREATE TYPE c AS (y text, x int);",
    );
    different(
        "CREATE FUNCTION f(a int, b text) RETURNS int LANGUAGE sql AS $$ select 1 $$;",
        "CREATE FUNCTION f(b text, a int) RETURNS int LANGUAGE sql AS $$ select 1 $$;",
    );
    different(
        "CREATE VIEW v AS SELECT a, b FROM t;",
        "CREATE VIEW v AS SELECT b, a FROM t;",
    );
}

#[test]
fn statement_order_is_ignored_but_counts_are_not() {
    equal(
        "CREATE TABLE a (x int);\nCREATE TABLE b (y int);",
        "CREATE TABLE b (y int);\nCREATE TABLE a (x int);",
    );
    let d = different(
        "GRANT SELECT ON TABLE a TO r;\nGRANT SELECT ON TABLE a TO r;",
        "GRANT SELECT ON TABLE a TO r;",
    );
    assert_eq!(
        details(&d),
        vec![(
            ChangeKind::Changed,
            ObjectKind::Privileges,
            "public.a".into()
        )]
    );
}

#[test]
fn a_changed_table_says_which_columns_and_constraints_changed() {
    let a = "CREATE TABLE public.a (\n    id integer NOT NULL,\n    gone text,\n    n text\n);\nALTER TABLE ONLY public.a\n    ADD CONSTRAINT a_pkey PRIMARY KEY (id);\n";
    let b = "CREATE TABLE public.a (\n    id bigint NOT NULL,\n    n text,\n    added date\n);\nALTER TABLE ONLY public.a\n    ADD CONSTRAINT a_pkey PRIMARY KEY (id, n);\n";
    let d = different(a, b);
    assert_eq!(
        summary(&d),
        vec![(ChangeKind::Changed, ObjectKind::Table, "public.a".into())]
    );
    assert_eq!(
        details(&d),
        vec![
            (
                ChangeKind::Added,
                ObjectKind::Column,
                "public.a.added".into()
            ),
            (
                ChangeKind::Removed,
                ObjectKind::Column,
                "public.a.gone".into()
            ),
            (
                ChangeKind::Changed,
                ObjectKind::Column,
                "public.a.id".into()
            ),
            (ChangeKind::Changed, ObjectKind::Constraint, "a_pkey".into()),
        ]
    );
    let id = &d.changes()[0].details()[2];
    assert_eq!(id.left()[0].text(), "id integer NOT NULL");
    assert_eq!(id.right()[0].text(), "id bigint NOT NULL");
    assert_eq!(
        (id.left()[0].lines().start(), id.right()[0].lines().start()),
        (2, 2)
    );
    let pk = &d.changes()[0].details()[3];
    assert_eq!(
        (pk.left()[0].lines().start(), pk.left()[0].lines().end()),
        (6, 7)
    );
}

#[test]
fn statements_are_attached_to_their_objects() {
    let base = "CREATE TABLE public.a (id integer);";
    let cases: &[(&str, ObjectKind, &str)] = &[
        (
            "ALTER TABLE ONLY public.a ADD CONSTRAINT a_pkey PRIMARY KEY (id);",
            ObjectKind::Constraint,
            "a_pkey",
        ),
        (
            "ALTER TABLE ONLY public.a ALTER COLUMN id SET DEFAULT 1;",
            ObjectKind::Column,
            "public.a.id",
        ),
        (
            "COMMENT ON COLUMN public.a.id IS 'x';",
            ObjectKind::Comment,
            "column public.a.id",
        ),
        (
            "GRANT SELECT ON TABLE public.a TO r;",
            ObjectKind::Privileges,
            "public.a",
        ),
        (
            "ALTER TABLE public.a OWNER TO r;",
            ObjectKind::Owner,
            "public.a",
        ),
        (
            "CREATE UNIQUE INDEX i ON ONLY public.a USING btree (id);",
            ObjectKind::Index,
            "public.i",
        ),
        (
            "CREATE TRIGGER t BEFORE INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION f();",
            ObjectKind::Trigger,
            "t",
        ),
        (
            "CREATE POLICY p ON public.a USING (true);",
            ObjectKind::Policy,
            "p",
        ),
        (
            "ALTER TABLE public.a ENABLE ROW LEVEL SECURITY;",
            ObjectKind::RowSecurity,
            "public.a",
        ),
        (
            "ALTER TABLE public.a CLUSTER ON i;",
            ObjectKind::Cluster,
            "public.a",
        ),
        (
            "ALTER TABLE ONLY public.a REPLICA IDENTITY FULL;",
            ObjectKind::ReplicaIdentity,
            "public.a",
        ),
        (
            "INSERT INTO public.a (id) VALUES (1);",
            ObjectKind::Data,
            "public.a",
        ),
        (
            "ALTER TABLE public.a ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.a_id_seq);",
            ObjectKind::Column,
            "public.a.id",
        ),
    ];
    for (stmt, kind, name) in cases {
        let d = different(base, &format!("{base}\n{stmt}"));
        assert_eq!(
            summary(&d),
            vec![(ChangeKind::Changed, ObjectKind::Table, "public.a".into())],
            "{stmt}"
        );
        // The column exists on both sides: what is added to it changes it.
        let change = if *kind == ObjectKind::Column {
            ChangeKind::Changed
        } else {
            ChangeKind::Added
        };
        assert_eq!(
            details(&d),
            vec![(change, *kind, name.to_string())],
            "{stmt}"
        );
        let part = &d.changes()[0].details()[0];
        assert_eq!(part.right()[0].text(), *stmt, "{stmt}");
        assert_eq!(part.right()[0].lines().start(), 2, "{stmt}");
    }
}

#[test]
fn top_level_objects_have_their_kinds() {
    let cases: &[(&str, ObjectKind, &str)] = &[
        (
            "CREATE SEQUENCE public.s START WITH 1;",
            ObjectKind::Sequence,
            "public.s",
        ),
        (
            "CREATE VIEW public.v AS SELECT 1;",
            ObjectKind::View,
            "public.v",
        ),
        (
            "CREATE MATERIALIZED VIEW public.m AS SELECT 1 WITH NO DATA;",
            ObjectKind::MaterializedView,
            "public.m",
        ),
        (
            "CREATE FUNCTION public.f(a integer, OUT b text) RETURNS text LANGUAGE sql AS $$ select '' $$;",
            ObjectKind::Function,
            "public.f(integer)",
        ),
        (
            "CREATE PROCEDURE public.p(IN a int) LANGUAGE sql AS $$ $$;",
            ObjectKind::Procedure,
            "public.p(int)",
        ),
        (
            "CREATE AGGREGATE public.g(text) (SFUNC = f, STYPE = text);",
            ObjectKind::Aggregate,
            "public.g(text)",
        ),
        (
            "CREATE TYPE public.e AS ENUM ('a');",
            ObjectKind::Enum,
            "public.e",
        ),
        (
            "CREATE TYPE public.c AS (x int);",
            ObjectKind::Type,
            "public.c",
        ),
        (
            "CREATE DOMAIN public.d AS int;",
            ObjectKind::Domain,
            "public.d",
        ),
        ("CREATE SCHEMA app;", ObjectKind::Schema, "app"),
        (
            "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;",
            ObjectKind::Extension,
            "citext",
        ),
        (
            "CREATE COLLATION public.c (provider = icu, locale = 'und');",
            ObjectKind::Collation,
            "public.c",
        ),
        (
            "CREATE TEXT SEARCH CONFIGURATION public.ts (PARSER = pg_catalog.\"default\");",
            ObjectKind::TextSearchConfiguration,
            "public.ts",
        ),
        (
            "CREATE EVENT TRIGGER et ON ddl_command_end EXECUTE FUNCTION f();",
            ObjectKind::EventTrigger,
            "et",
        ),
        (
            "CREATE PUBLICATION pub FOR ALL TABLES;",
            ObjectKind::Publication,
            "pub",
        ),
        (
            "SET statement_timeout = 0;",
            ObjectKind::Setting,
            "statement_timeout",
        ),
        (
            "CREATE OPERATOR public.=== (FUNCTION = f, LEFTARG = text, RIGHTARG = text);",
            ObjectKind::Operator,
            "public.===(text, text)",
        ),
        (
            "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO r;",
            ObjectKind::DefaultPrivileges,
            "in schema s",
        ),
        ("hello world", ObjectKind::Other, "hello world"),
    ];
    let all = Comparer::new().compare_settings(true);
    for (stmt, kind, name) in cases {
        let d = all.diff("", stmt).unwrap();
        assert_eq!(
            summary(&d),
            vec![(ChangeKind::Added, *kind, name.to_string())],
            "{stmt}"
        );
        assert_eq!(d.changes()[0].right()[0].text(), stmt.trim_end(), "{stmt}");
    }
}

#[test]
fn overloads_are_different_objects_and_owner_spellings_the_same() {
    let f = |args: &str| {
        format!("CREATE FUNCTION public.f({args}) RETURNS int LANGUAGE sql AS $$ select 1 $$;")
    };
    let d = different(
        &f("a integer"),
        &format!("{}\n{}", f("a integer"), f("a text")),
    );
    assert_eq!(
        summary(&d),
        vec![(
            ChangeKind::Added,
            ObjectKind::Function,
            "public.f(text)".into()
        )]
    );
    // pg_dump 15 and 16 spell the owner of a sequence differently.
    equal(
        "CREATE SEQUENCE public.s;\nALTER TABLE public.s OWNER TO r;",
        "CREATE SEQUENCE public.s;\nALTER SEQUENCE public.s OWNER TO r;",
    );
}

#[test]
fn unknown_statements_are_compared_not_dropped() {
    different("", "hello world");
    different("DO $$ BEGIN END $$;", "DO $$ BEGIN NULL; END $$;");
    equal("", "-- only a comment\n/* and another */\n");
    equal("", "");
}

#[test]
fn owners_privileges_comments_and_settings_options() {
    let a = "CREATE TABLE t (a int);\nALTER TABLE t OWNER TO x;\nGRANT SELECT ON t TO r;\nCOMMENT ON TABLE t IS 'a';\nSET lock_timeout = 0;";
    let b = "CREATE TABLE t (a int);\nALTER TABLE t OWNER TO y;\nCOMMENT ON TABLE t IS 'b';";
    let d = different(a, b);
    assert_eq!(
        details(&d),
        vec![
            (ChangeKind::Changed, ObjectKind::Comment, "public.t".into()),
            (
                ChangeKind::Removed,
                ObjectKind::Privileges,
                "public.t".into()
            ),
            (ChangeKind::Changed, ObjectKind::Owner, "public.t".into()),
        ]
    );
    let lenient = Comparer::new()
        .ignore_owners(true)
        .ignore_privileges(true)
        .ignore_comments(true);
    assert!(lenient.compare(a, b).unwrap());
    let with_settings = lenient.compare_settings(true);
    let d = with_settings.diff(a, b).unwrap();
    assert_eq!(
        summary(&d),
        vec![(
            ChangeKind::Removed,
            ObjectKind::Setting,
            "lock_timeout".into()
        )]
    );
}

#[test]
fn excluded_objects_take_their_parts_rows_and_sequences_with_them() {
    let a = "CREATE TABLE public.t (a int);";
    let b = "CREATE TABLE public.t (a int);
CREATE TABLE public.schema_migrations (version character varying NOT NULL);
CREATE SEQUENCE public.schema_migrations_id_seq;
ALTER SEQUENCE public.schema_migrations_id_seq OWNED BY public.schema_migrations.version;
ALTER TABLE ONLY public.schema_migrations ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);
CREATE INDEX sm_idx ON public.schema_migrations (version);
INSERT INTO \"schema_migrations\" (version) VALUES ('20240101000000'), ('20240102000000');
COPY public.schema_migrations (version) FROM stdin;
20240103000000
\\.
";
    different(a, b);
    assert!(
        Comparer::new()
            .exclude("schema_migrations")
            .compare(a, b)
            .unwrap()
    );
    assert!(
        Comparer::new()
            .exclude("public.schema_*")
            .compare(a, b)
            .unwrap()
    );
    assert!(
        Comparer::new()
            .exclude_migration_tables()
            .compare(a, b)
            .unwrap()
    );
    assert!(
        !Comparer::new()
            .exclude("public.other")
            .compare(a, b)
            .unwrap()
    );
}

#[test]
fn copy_rows_are_data_of_their_table() {
    let a = "COPY public.t (a) FROM stdin;\n1\n2\n\\.\n";
    let b = "COPY public.t (a) FROM stdin;\n2\n1\n\\.\n";
    equal(a, b);
    let d = different(a, "COPY public.t (a) FROM stdin;\n1\n3\n\\.\n");
    assert_eq!(
        details(&d),
        vec![(ChangeKind::Changed, ObjectKind::Data, "public.t".into())]
    );
    let data = &d.changes()[0].details()[0];
    assert_eq!(
        (data.left()[0].text(), data.left()[0].lines().start()),
        ("2", 3)
    );
    assert_eq!(
        (data.right()[0].text(), data.right()[0].lines().start()),
        ("3", 3)
    );
}

#[test]
fn index_statements_without_a_table_find_it() {
    let a = "CREATE TABLE public.p (a int) PARTITION BY RANGE (a);
CREATE TABLE public.c (a int);
ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (a);
ALTER TABLE ONLY public.c ADD CONSTRAINT c_pkey PRIMARY KEY (a);";
    let b = format!(
        "{a}\nALTER INDEX public.p_pkey ATTACH PARTITION public.c_pkey;\nCOMMENT ON INDEX public.c_pkey IS 'x';"
    );
    let d = different(a, &b);
    assert_eq!(
        summary(&d),
        vec![(ChangeKind::Changed, ObjectKind::Table, "public.c".into())]
    );
    assert_eq!(
        details(&d),
        vec![
            (ChangeKind::Added, ObjectKind::Index, "public.c_pkey".into()),
            (
                ChangeKind::Added,
                ObjectKind::Comment,
                "index public.c_pkey".into()
            ),
        ]
    );
}

#[test]
fn the_diff_is_symmetric() {
    let a = "CREATE TABLE a (x int); CREATE TABLE b (y int); CREATE INDEX i ON a (x);";
    let b = "CREATE TABLE a (x bigint); CREATE TABLE c (y int);";
    let ab = diff(a, b).unwrap();
    let ba = diff(b, a).unwrap();
    assert_eq!(ba, ab.clone().mirror());
    assert_eq!(
        summary(&ab),
        vec![
            (ChangeKind::Changed, ObjectKind::Table, "public.a".into()),
            (ChangeKind::Removed, ObjectKind::Table, "public.b".into()),
            (ChangeKind::Added, ObjectKind::Table, "public.c".into()),
        ]
    );
}

#[test]
fn bad_input_is_an_error_with_side_line_and_column() {
    let cases: &[(&str, ErrorKind, Location, &str)] = &[
        (
            "SELECT 1;\n SELECT 'abc",
            ErrorKind::UnterminatedString,
            Location::new(2, 9),
            "right: 2:9: unterminated quoted string",
        ),
        (
            "CREATE TABLE \"t (a int);",
            ErrorKind::UnterminatedQuotedIdentifier,
            Location::new(1, 14),
            "right: 1:14: unterminated quoted identifier",
        ),
        (
            "CREATE FUNCTION f() AS $$ select",
            ErrorKind::UnterminatedDollarQuote { tag: "$$".into() },
            Location::new(1, 24),
            "right: 1:24: unterminated dollar-quoted string $$",
        ),
        (
            "/* never closed",
            ErrorKind::UnterminatedBlockComment,
            Location::new(1, 1),
            "right: 1:1: unterminated block comment",
        ),
        // What the scanner lets through and the tokenizer rejects, in the crate's words.
        (
            "SELECT 1;\nSELECT E'\\u12';",
            ErrorKind::InvalidEscape,
            Location::new(2, 8),
            "right: 2:8: invalid escape in quoted string",
        ),
        (
            "SELECT 1;\n  SELECT ._x;",
            ErrorKind::UnexpectedCharacter('_'),
            Location::new(2, 10),
            "right: 2:10: unexpected character '_'",
        ),
        (
            "SELECT a |& b;",
            ErrorKind::UnknownOperator {
                operator: "|&".into(),
            },
            Location::new(1, 10),
            "right: 1:10: unknown operator |&",
        ),
    ];
    for (text, kind, loc, msg) in cases {
        let err = diff("", text).unwrap_err();
        assert_eq!(err.kind(), kind);
        assert_eq!(err.location(), Some(*loc));
        assert_eq!(err.side(), Some(Side::Right));
        assert_eq!(err.to_string(), *msg);
        let err = compare(text, "").unwrap_err();
        assert_eq!(err.side(), Some(Side::Left));
    }
}

#[test]
fn files_are_read_and_errors_name_them() {
    let tmp = tempfile::Builder::new()
        .prefix("sql-compare-test-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let good = dir.join("good.sql");
    let bad = dir.join("bad.sql");
    std::fs::write(&good, "CREATE TABLE t (a int);\n").unwrap();
    std::fs::write(
        &bad,
        b"CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS '\xff';\n",
    )
    .unwrap();
    assert!(sql_compare::compare_files(&good, &good).unwrap());

    let err = sql_compare::diff_files(&good, &bad).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { offset: 47 });
    assert_eq!(err.path(), Some(bad.as_path()));
    assert_eq!(err.location(), Some(Location::new(2, 24)));
    assert!(
        err.to_string()
            .ends_with("bad.sql: 2:24: invalid UTF-8 at byte offset 47"),
        "{err}"
    );

    let missing = dir.join("missing.sql");
    let err = sql_compare::diff_files(&missing, &good).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::Io {
            kind: std::io::ErrorKind::NotFound,
            ..
        }
    ));
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(err.path(), Some(missing.as_path()));

    let d = sql_compare::diff_files(&good, dir.join("good.sql")).unwrap();
    assert!(d.is_empty());
    std::fs::write(&bad, "CREATE TABLE t (a bigint);\n").unwrap();
    let d = sql_compare::diff_files(&good, &bad).unwrap();
    assert!(d.to_string().contains("bad.sql:1: a bigint"), "{d}");
}

#[test]
fn an_empty_table_element_is_not_dropped() {
    different(
        "CREATE TABLE foo (id int, name text);",
        "CREATE TABLE foo (id int, name text, );",
    );
}

#[test]
fn schemas_and_data_can_be_left_out() {
    let a = "CREATE SCHEMA app;\nCREATE TABLE app.t (a int);\nCREATE TABLE public.u (a int);\nCREATE FUNCTION app.f(app.t) RETURNS int LANGUAGE sql AS $$ select 1 $$;\nCREATE EXTENSION hstore;\nINSERT INTO app.t VALUES (1);";
    let b = "CREATE SCHEMA app;\nCREATE TABLE app.t (a int);\nCREATE TABLE public.u (a bigint);\nCREATE FUNCTION app.f(app.t) RETURNS int LANGUAGE sql AS $$ select 1 $$;\nINSERT INTO app.t VALUES (2);";
    let d = different(a, b);
    assert_eq!(
        summary(&d),
        vec![
            (ChangeKind::Changed, ObjectKind::Table, "app.t".into()),
            (ChangeKind::Removed, ObjectKind::Extension, "hstore".into()),
            (ChangeKind::Changed, ObjectKind::Table, "public.u".into()),
        ]
    );
    let app = Comparer::new().schema("app");
    assert_eq!(
        summary(&app.diff(a, b).unwrap()),
        vec![(ChangeKind::Changed, ObjectKind::Table, "app.t".into())]
    );
    assert!(app.clone().ignore_data(true).compare(a, b).unwrap());
    let public = Comparer::new().schema("pub*");
    assert_eq!(
        summary(&public.diff(a, b).unwrap()),
        vec![(ChangeKind::Changed, ObjectKind::Table, "public.u".into())]
    );
    // Unqualified names count as public.
    assert!(
        !Comparer::new()
            .schema("public")
            .compare("CREATE TABLE u (a int);", "")
            .unwrap()
    );
    assert!(
        Comparer::new()
            .schema("app")
            .compare("CREATE TABLE u (a int);", "")
            .unwrap()
    );
}

#[test]
fn objects_and_parts_sort_in_natural_order() {
    let tables: String = [0, 1, 10, 100, 2]
        .iter()
        .map(|i| format!("CREATE TABLE t{i} (c10 int, c2 int, c1 int);\n"))
        .collect();
    let d = sql_compare::diff("", &tables).unwrap();
    let names: Vec<&str> = d.changes().iter().map(|c| c.name()).collect();
    assert_eq!(
        names,
        [
            "public.t0",
            "public.t1",
            "public.t2",
            "public.t10",
            "public.t100"
        ]
    );
    let d = sql_compare::diff(
        "CREATE TABLE t (c0 int);",
        "CREATE TABLE t (c0 int, c10 int, c2 int, c1 int);",
    )
    .unwrap();
    let parts: Vec<&str> = d.changes()[0].details().iter().map(|c| c.name()).collect();
    assert_eq!(parts, ["public.t.c1", "public.t.c2", "public.t.c10"]);
}
