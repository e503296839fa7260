//! Dumps of one schema by different pg_dump and PostgreSQL versions compare equal: each
//! spelling of equal meaning, each one that is not, and the cross-version pairs of the corpus.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::corpus_dir;
use sql_compare::{ChangeKind, Comparer, ObjectKind, SchemaDiff, compare, diff};

fn equal(a: &str, b: &str) {
    let d = diff(a, b).unwrap();
    assert!(d.is_empty(), "expected equal:\n{a}\n---\n{b}\n---\n{d}");
}

fn different(a: &str, b: &str) -> SchemaDiff {
    let d = diff(a, b).unwrap();
    assert!(!d.is_empty(), "expected different:\n{a}\n---\n{b}");
    d
}

#[test]
fn owner_spellings_of_pg_dump_15_and_16() {
    for (create, kind) in [
        ("CREATE SEQUENCE public.s START WITH 1;", "SEQUENCE"),
        ("CREATE VIEW public.s AS SELECT 1;", "VIEW"),
        (
            "CREATE MATERIALIZED VIEW public.s AS SELECT 1 WITH NO DATA;",
            "MATERIALIZED VIEW",
        ),
    ] {
        equal(
            &format!("{create}\nALTER TABLE public.s OWNER TO app;"),
            &format!("{create}\nALTER {kind} public.s OWNER TO app;"),
        );
        different(
            &format!("{create}\nALTER TABLE public.s OWNER TO app;"),
            &format!("{create}\nALTER {kind} public.s OWNER TO other;"),
        );
    }
}

#[test]
fn session_settings_are_ignored_by_default() {
    let old = "SET default_with_oids = false;\nSET xmloption = content;\nSET search_path = public, pg_catalog;\nCREATE TABLE public.t (a int);";
    let new = "SET default_table_access_method = heap;\nSET transaction_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.t (a int);";
    equal(old, new);
    let d = Comparer::new()
        .compare_settings(true)
        .diff(old, new)
        .unwrap();
    let names: BTreeSet<&str> = d.changes().iter().map(|c| c.name()).collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "default_table_access_method",
            "default_with_oids",
            "search_path",
            "transaction_timeout",
            "xmloption"
        ])
    );
}

#[test]
fn sequences_without_as_are_bigint() {
    let seq = |with: &str| {
        format!(
            "CREATE SEQUENCE public.s{with}\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;"
        )
    };
    equal(&seq(""), &seq("\n    AS bigint"));
    let d = different(&seq(""), &seq("\n    AS integer"));
    assert_eq!(d.changes()[0].name(), "public.s");
}

#[test]
fn the_plpgsql_preamble_of_pg_dump_9() {
    equal(
        "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;\nCOMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';\nCREATE TABLE public.t (a int);",
        "CREATE TABLE public.t (a int);",
    );
    // Other extensions still count.
    different(
        "CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;",
        "",
    );
}

#[test]
fn unqualified_names_are_in_public() {
    equal(
        "CREATE TABLE users (id integer NOT NULL, team integer);
ALTER TABLE ONLY users ALTER COLUMN id SET DEFAULT nextval('users_id_seq'::regclass);
ALTER TABLE ONLY users ADD CONSTRAINT users_team_fkey FOREIGN KEY (team) REFERENCES teams(id);
CREATE INDEX users_team ON users USING btree (team);
COMMENT ON COLUMN users.id IS 'key';
CREATE TRIGGER t AFTER INSERT ON users FOR EACH ROW EXECUTE PROCEDURE audit();",
        "CREATE TABLE public.users (id integer NOT NULL, team integer);
ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_team_fkey FOREIGN KEY (team) REFERENCES public.teams(id);
CREATE INDEX users_team ON public.users USING btree (team);
COMMENT ON COLUMN public.users.id IS 'key';
CREATE TRIGGER t AFTER INSERT ON public.users FOR EACH ROW EXECUTE FUNCTION public.audit();",
    );
    // A name in another schema is not the same one.
    different(
        "ALTER TABLE ONLY users ADD CONSTRAINT f FOREIGN KEY (team) REFERENCES teams(id);",
        "ALTER TABLE ONLY public.users ADD CONSTRAINT f FOREIGN KEY (team) REFERENCES app.teams(id);",
    );
    // Old dumps set search_path to the schema they create objects in.
    equal(
        "SET search_path = app, pg_catalog;\nCREATE TABLE t (a int);",
        "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE app.t (a int);",
    );
    // Sequence defaults name their sequence in a regclass literal, relative to the same schema.
    equal(
        "SET search_path = app, pg_catalog;\nCREATE TABLE t (id integer DEFAULT nextval('t_id_seq'::regclass));",
        "CREATE TABLE app.t (id integer DEFAULT nextval('app.t_id_seq'::regclass));",
    );
    different(
        "SET search_path = app, pg_catalog;\nCREATE TABLE t (id integer DEFAULT nextval('t_id_seq'::regclass));",
        "CREATE TABLE app.t (id integer DEFAULT nextval('public.t_id_seq'::regclass));",
    );
    // Statements of unknown forms, and unnamed indexes, are keyed by their text, read the same
    // way.
    equal(
        "SELECT f('public.s'::regclass);",
        "SELECT f('s'::regclass);",
    );
    equal(
        "CREATE TABLE app.t (a int);\nCREATE INDEX ON app.t USING btree (a, app.f(a));",
        "CREATE TABLE app.t (a int);\nCREATE INDEX ON app.t USING btree (a, f(a));",
    );
}

#[test]
fn execute_procedure_is_execute_function() {
    equal(
        "CREATE TRIGGER t BEFORE UPDATE ON public.a FOR EACH ROW EXECUTE PROCEDURE public.touch();",
        "CREATE TRIGGER t BEFORE UPDATE ON public.a FOR EACH ROW EXECUTE FUNCTION public.touch();",
    );
    equal(
        "CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE PROCEDURE public.f();",
        "CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION public.f();",
    );
}

#[test]
fn data_is_compared_unless_ignored() {
    let schema = "CREATE TABLE public.t (a int);\nCREATE SEQUENCE public.s;\n";
    let with = |data: &str| format!("{schema}{data}");
    for data in [
        "INSERT INTO public.t VALUES (1);",
        "COPY public.t (a) FROM stdin;\n1\n\\.\n",
        "SELECT pg_catalog.setval('public.s', 42, true);",
    ] {
        let d = different(schema, &with(data));
        assert!(
            d.changes()
                .iter()
                .flat_map(|c| c.details())
                .all(|p| p.kind() == ObjectKind::Data),
            "{d}"
        );
        assert!(
            Comparer::new()
                .ignore_data(true)
                .compare(schema, &with(data))
                .unwrap()
        );
    }
}

#[test]
fn restrict_keys_and_header_comments_never_matter() {
    equal(
        "--\n-- PostgreSQL database dump\n--\n\n\\restrict AbC\n\n-- Dumped from database version 13.4\n-- Dumped by pg_dump version 13.4\n\n--\n-- Name: t; Type: TABLE; Schema: public; Owner: app\n--\n\nCREATE TABLE public.t (a int);\n\n\\unrestrict AbC\n",
        "\\restrict XyZ\n-- Dumped from database version 17.0\n-- Dumped by pg_dump version 17.0\nCREATE TABLE public.t (a int);\n\\unrestrict XyZ\n",
    );
}

#[test]
fn the_rails_trailer_is_data_of_schema_migrations() {
    let schema = "CREATE TABLE public.schema_migrations (version character varying NOT NULL);\n";
    let rails = format!(
        "{schema}SET search_path TO \"$user\", public;\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20200101000000'),\n('20200102000000');\n\n\n"
    );
    let d = different(schema, &rails);
    assert_eq!(d.len(), 1);
    assert_eq!(d.changes()[0].name(), "public.schema_migrations");
    assert_eq!(
        d.changes()[0]
            .details()
            .iter()
            .map(|p| (p.change(), p.kind()))
            .collect::<Vec<_>>(),
        [(ChangeKind::Added, ObjectKind::Data)]
    );
    assert!(
        Comparer::new()
            .exclude("schema_migrations")
            .compare(schema, &rails)
            .unwrap()
    );
    assert!(
        Comparer::new()
            .exclude_migration_tables()
            .compare("", &rails)
            .unwrap()
    );
}

#[test]
fn spellings_that_differ_in_meaning_still_differ() {
    // A different owner, sequence type, schema or function is a real difference.
    different(
        "ALTER TABLE public.t OWNER TO a;",
        "ALTER SEQUENCE public.t OWNER TO b;",
    );
    different(
        "CREATE SEQUENCE public.s AS integer;",
        "CREATE SEQUENCE public.s AS smallint;",
    );
    different("CREATE TABLE app.t (a int);", "CREATE TABLE t (a int);");
    different(
        "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();",
        "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION g();",
    );
    // A view that joins keeps its qualifiers.
    different(
        "CREATE VIEW v AS SELECT a.id FROM a JOIN b ON true;",
        "CREATE VIEW v AS SELECT b.id FROM a JOIN b ON true;",
    );
}

#[test]
fn single_relation_views_as_postgresql_16_prints_them() {
    equal(
        "CREATE VIEW vault.d AS\n SELECT secrets.id,\n    secrets.name\n   FROM vault.secrets;",
        "CREATE VIEW vault.d AS\n SELECT id,\n    name\n   FROM vault.secrets;",
    );
}

// ---- The corpus -------------------------------------------------------------------------

fn pair_diff(dir: &Path, comparer: &Comparer) -> SchemaDiff {
    comparer
        .diff_files(dir.join("a.dump.sql"), dir.join("b.dump.sql"))
        .unwrap()
}

/// The kinds of the parts (or, for added/removed objects, of the objects) a diff reports.
fn kinds(d: &SchemaDiff) -> BTreeSet<ObjectKind> {
    d.changes()
        .iter()
        .flat_map(|c| {
            if c.details().is_empty() {
                vec![c.kind()]
            } else {
                c.details().iter().map(|p| p.kind()).collect()
            }
        })
        .collect()
}

/// What each cross-version pair may differ in with the default options, and the option that
/// makes it equal, as its NOTE.md's Expected verdict says.
fn expectations() -> Vec<(&'static str, Comparer, &'static [ObjectKind])> {
    use ObjectKind::*;
    let rails = || Comparer::new().exclude("schema_migrations");
    vec![
        ("roundtrip-danbooru", rails(), &[Data]),
        ("roundtrip-e-petitions", rails(), &[Data]),
        ("roundtrip-gisia-ci", rails(), &[Data]),
        ("roundtrip-gisia-main", rails(), &[Data]),
        ("roundtrip-gisia-queue", rails(), &[Data]),
        ("roundtrip-osm", rails(), &[Data]),
        (
            "roundtrip-synapse-main",
            Comparer::new().ignore_data(true),
            &[Data],
        ),
        (
            "roundtrip-graphile-starter",
            Comparer::new().ignore_privileges(true),
            &[Privileges],
        ),
        ("xversion-supabase-15-vs-16", Comparer::new(), &[]),
    ]
}

#[test]
fn cross_version_pairs_report_only_what_their_notes_name() {
    let Some(corpus) = corpus_dir() else { return };
    for (pair, option, allowed) in expectations() {
        let dir = corpus.join("pairs").join(pair);
        let d = pair_diff(&dir, &Comparer::new());
        let found = kinds(&d);
        assert!(
            found.iter().all(|k| allowed.contains(k)),
            "{pair}: reports {found:?}, its note names only {allowed:?}:\n{d}"
        );
        assert_eq!(found.is_empty(), allowed.is_empty(), "{pair}:\n{d}");
        let with = pair_diff(&dir, &option);
        assert!(with.is_empty(), "{pair} with its option:\n{with}");
    }
}

#[test]
fn rails_pairs_differ_only_in_schema_migrations() {
    let Some(corpus) = corpus_dir() else { return };
    for pair in [
        "roundtrip-danbooru",
        "roundtrip-e-petitions",
        "roundtrip-gisia-ci",
        "roundtrip-gisia-main",
        "roundtrip-gisia-queue",
        "roundtrip-osm",
    ] {
        let d = pair_diff(&corpus.join("pairs").join(pair), &Comparer::new());
        let names: Vec<&str> = d.changes().iter().map(|c| c.name()).collect();
        assert_eq!(names, ["public.schema_migrations"], "{pair}:\n{d}");
        assert!(
            pair_diff(
                &corpus.join("pairs").join(pair),
                &Comparer::new().exclude_migration_tables()
            )
            .is_empty()
        );
    }
}

#[test]
fn original_dumps_equal_their_pg15_redumps() {
    let Some(corpus) = corpus_dir() else { return };
    let dumps = corpus.join("dumps");
    for (orig, redump, option) in [
        // The originals were dumped without owners; the re-dumps of the restored databases
        // have them.
        (
            "orig-danbooru-structure.sql",
            "pg15-rt-danbooru.sql",
            Comparer::new()
                .exclude_migration_tables()
                .ignore_owners(true),
        ),
        (
            "orig-osm-structure.sql",
            "pg15-rt-osm.sql",
            Comparer::new()
                .exclude_migration_tables()
                .ignore_owners(true),
        ),
        (
            "orig-graphile-starter-schema.sql",
            "pg15-rt-graphile-starter.sql",
            Comparer::new().ignore_privileges(true).ignore_owners(true),
        ),
    ] {
        let d = option
            .diff_files(dumps.join(orig), dumps.join(redump))
            .unwrap();
        assert!(d.is_empty(), "{orig} vs {redump}:\n{d}");
        assert!(
            !compare(
                &std::fs::read_to_string(dumps.join(orig)).unwrap(),
                &std::fs::read_to_string(dumps.join(redump)).unwrap()
            )
            .unwrap()
        );
    }
}
