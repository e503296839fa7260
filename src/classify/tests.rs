//! Unit tests of statement classification.
use super::settings_and_data::regclass_name;
use super::*;
use crate::split::split;
use crate::tokenize::tokenize;

fn classify(src: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut facts = Facts::default();
    for raw in split(src).unwrap() {
        let toks = tokenize(&raw).unwrap().toks;
        let mut c = Classifier {
            order: Order::default(),
            out: &mut out,
            facts: &mut facts,
        };
        c.statement(&toks, 0);
    }
    out.into_iter()
        .map(|e| {
            let parent = match e.parent {
                Parent::Key(k) => k.name.to_string(),
                Parent::IndexOf(i) => format!("index-of {i}"),
            };
            (parent, e.part.kind.to_string(), e.part.name.into_string())
        })
        .collect()
}

fn one(src: &str) -> (String, String, String) {
    let mut v = classify(src);
    assert_eq!(v.len(), 1, "{v:?}");
    v.remove(0)
}

fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

#[test]
fn create_table_splits_into_header_columns_and_constraints() {
    let v = classify(
        "CREATE TABLE public.a (id integer NOT NULL, n numeric(10,2), CONSTRAINT a_n CHECK (n > 0), PRIMARY KEY (id));",
    );
    assert_eq!(
        v,
        vec![
            t("public.a", "definition", ""),
            t("public.a", "column", "public.a.id"),
            t("public.a", "column", "public.a.n"),
            t("public.a", "constraint", "a_n"),
            t("public.a", "constraint", "primary key(id)"),
        ]
    );
}

#[test]
fn alter_table_statements_attach_to_their_table() {
    assert_eq!(
        one("ALTER TABLE ONLY public.a ADD CONSTRAINT a_pkey PRIMARY KEY (id);"),
        t("public.a", "constraint", "a_pkey")
    );
    assert_eq!(
        one(
            "ALTER TABLE ONLY public.a ALTER COLUMN id SET DEFAULT nextval('public.a_id_seq'::regclass);"
        ),
        t("public.a", "column", "public.a.id")
    );
    assert_eq!(
        one("ALTER TABLE public.a OWNER TO r;"),
        t("public.a", "owner", "")
    );
    assert_eq!(
        one("ALTER TABLE ONLY public.p ATTACH PARTITION public.c FOR VALUES IN (1);"),
        t("public.c", "partition", "public.p")
    );
    assert_eq!(
        one("ALTER TABLE public.a ENABLE ROW LEVEL SECURITY;"),
        t("public.a", "row security", "")
    );
    assert_eq!(
        one("ALTER TABLE public.a CLUSTER ON a_pkey;"),
        t("public.a", "cluster", "")
    );
    assert_eq!(
        one("ALTER TABLE ONLY public.a REPLICA IDENTITY FULL;"),
        t("public.a", "replica identity", "")
    );
    assert_eq!(
        one(
            "ALTER TABLE public.a ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.a_id_seq START WITH 1);"
        ),
        t("public.a", "column", "public.a.id")
    );
}

#[test]
fn indexes_triggers_policies_rules_belong_to_tables() {
    assert_eq!(
        one("CREATE UNIQUE INDEX i ON ONLY public.a USING btree (x);"),
        t("public.a", "index", "public.i")
    );
    assert_eq!(
        one(
            "CREATE TRIGGER tr BEFORE INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION public.f();"
        ),
        t("public.a", "trigger", "tr")
    );
    assert_eq!(
        one(
            "CREATE CONSTRAINT TRIGGER ct AFTER DELETE ON public.a DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION f();"
        ),
        t("public.a", "trigger", "ct")
    );
    assert_eq!(
        one("CREATE POLICY p ON public.a FOR SELECT USING (true);"),
        t("public.a", "policy", "p")
    );
    assert_eq!(
        one("CREATE RULE r AS ON INSERT TO public.v DO INSTEAD NOTHING;"),
        t("public.v", "rule", "r")
    );
    assert_eq!(
        one("ALTER INDEX public.p_pkey ATTACH PARTITION public.c_pkey;"),
        t("index-of public.c_pkey", "index", "public.c_pkey")
    );
}

#[test]
fn routines_are_keyed_by_argument_types() {
    assert_eq!(
        one(
            "CREATE FUNCTION public.f(a integer, b text DEFAULT 'x') RETURNS int LANGUAGE sql AS $$ select 1 $$;"
        ),
        t("public.f(integer, text)", "definition", "")
    );
    assert_eq!(
        one("ALTER FUNCTION public.f(a integer, b text) OWNER TO r;"),
        t("public.f(integer, text)", "owner", "")
    );
    assert_eq!(
        one("COMMENT ON FUNCTION public.f(a integer, b text) IS 'c';"),
        t("public.f(integer, text)", "comment", "")
    );
    assert_eq!(
        one("CREATE AGGREGATE public.group_concat(text) (SFUNC = f, STYPE = text);"),
        t("public.group_concat(text)", "definition", "")
    );
}

#[test]
fn other_statement_forms() {
    assert_eq!(
        one("SET statement_timeout = 0;"),
        t("statement_timeout", "setting", "")
    );
    assert_eq!(
        one("SELECT pg_catalog.set_config('search_path', '', false);"),
        t("search_path", "setting", "")
    );
    assert_eq!(
        one("SELECT pg_catalog.setval('public.a_id_seq', 1, false);"),
        t("public.a_id_seq", "data", "")
    );
    assert_eq!(
        one("INSERT INTO \"schema_migrations\" (version) VALUES ('1');"),
        t("public.schema_migrations", "data", "")
    );
    assert_eq!(
        one("COMMENT ON COLUMN public.a.id IS 'x';"),
        t("public.a", "comment", "column public.a.id")
    );
    assert_eq!(
        one("GRANT SELECT ON TABLE public.a TO r;"),
        t("public.a", "privileges", "")
    );
    assert_eq!(
        one("ALTER SEQUENCE public.s OWNED BY public.a.id;"),
        t("public.s", "owned by", "")
    );
    assert_eq!(
        one("ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA s GRANT SELECT ON TABLES TO x;"),
        t("for role r in schema s", "privileges", "")
    );
    assert_eq!(
        one("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;"),
        t("citext", "definition", "")
    );
    assert_eq!(
        one("CREATE TYPE public.e AS ENUM ('a', 'b');"),
        t("public.e", "definition", "")
    );
    assert_eq!(
        one("CREATE EVENT TRIGGER et ON sql_drop EXECUTE FUNCTION f();"),
        t("et", "definition", "")
    );
    assert_eq!(
        one("ALTER TEXT SEARCH CONFIGURATION public.c ADD MAPPING FOR asciiword WITH simple;"),
        t("public.c", "definition", "")
    );
    assert_eq!(one("hello world"), t("hello world", "definition", ""));
}

#[test]
fn regclass_strings_fold_like_identifiers() {
    assert_eq!(regclass_name("public.A_seq"), "public.a_seq");
    assert_eq!(regclass_name("\"Foo\".\"Bar\""), "\"Foo\".\"Bar\"");
}

#[test]
fn single_relation_views_do_not_depend_on_column_qualifiers() {
    let form = |src: &str| {
        let t = tokenize(&split(src).unwrap()[0]).unwrap().toks;
        let canon = super::single_relation_view(&t).map(|c| {
            c.tokens(&t)
                .map(std::borrow::Cow::into_owned)
                .collect::<Vec<_>>()
        });
        (canon, t)
    };
    let (a, _) = form("CREATE VIEW v AS SELECT s.id, f(s.x, 'y') AS z FROM app.s WHERE (s.id > 0)");
    let (b, _) = form("CREATE VIEW v AS SELECT id, f(x, 'y') AS z FROM app.s WHERE (id > 0)");
    assert!(a.is_some());
    assert_eq!(a, b);
    for several in [
        "CREATE VIEW v AS SELECT s.id FROM app.s JOIN app.t ON true",
        "CREATE VIEW v AS SELECT s.id FROM app.s, app.t",
        "CREATE VIEW v AS SELECT s.id FROM app.s s2",
        "CREATE VIEW v AS SELECT s.id FROM app.s UNION SELECT 1",
        "CREATE VIEW v AS SELECT (SELECT 1) FROM app.s",
    ] {
        assert!(form(several).0.is_none(), "{several}");
    }
}
