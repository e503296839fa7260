use super::*;
use crate::compare::Comparer;
use crate::fast::parse_pair;

/// The differences with the common statements set aside, after checking that they are
/// those of comparing every statement.
fn checked_diff(left: &str, right: &str, comparer: &Comparer) -> SchemaDiff {
    let threads = Threads::for_input(left.len() + right.len());
    let (l, r) = parse_pair(left, right, comparer.order(), threads);
    let (l, r) = (l.unwrap(), r.unwrap());
    let fast = diff(&l, &r, &comparer.options, threads);
    let (lnone, rnone) = (vec![false; l.stmts.len()], vec![false; r.stmts.len()]);
    let full = diff_apart_from(&l, &lnone, &r, &rnone, &comparer.options, threads);
    assert_eq!(fast, full, "{left}\n----\n{right}");
    fast
}

fn details(d: &SchemaDiff) -> Vec<(ChangeKind, ObjectKind, String)> {
    let mut out = Vec::new();
    for c in d.changes() {
        out.push((c.change, c.kind, c.name.clone()));
        for x in &c.details {
            out.push((x.change, x.kind, x.name.clone()));
        }
    }
    out
}

#[test]
fn a_part_in_a_common_statement_is_on_both_sides() {
    // The common GRANT makes the other one a change of the privileges, not an addition.
    let d = checked_diff(
        "CREATE TABLE public.t (a int);\nGRANT SELECT ON TABLE public.t TO u;\n",
        "CREATE TABLE public.t (a int);\nGRANT SELECT ON TABLE public.t TO u;\nGRANT INSERT ON TABLE public.t TO v;\n",
        &Comparer::new(),
    );
    let d = details(&d);
    assert_eq!(d.len(), 2, "{d:?}");
    assert_eq!(d[0].0, ChangeKind::Changed);
    assert_eq!(d[1].0, ChangeKind::Changed, "{d:?}");
}

#[test]
fn an_object_of_common_statements_is_on_both_sides() {
    // Only the comment is left of the table on the right: the table is changed, not
    // removed, and its kind comes from its common statement too.
    let left = "CREATE VIEW public.v AS SELECT 1;\nALTER TABLE public.v OWNER TO a;\nCOMMENT ON VIEW public.v IS 'x';\n";
    let right = "CREATE VIEW public.v AS SELECT 1;\nALTER TABLE public.v OWNER TO b;\n";
    let d = details(&checked_diff(left, right, &Comparer::new()));
    assert_eq!(
        d[0],
        (ChangeKind::Changed, ObjectKind::View, "public.v".into())
    );
    let d = details(&checked_diff(
        "CREATE TABLE public.t (a int);\nCOMMENT ON TABLE public.t IS 'x';\n",
        "COMMENT ON TABLE public.t IS 'x';\n",
        &Comparer::new(),
    ));
    assert_eq!(d[0].0, ChangeKind::Changed, "{d:?}");
    assert!(d[1..].iter().all(|x| x.0 == ChangeKind::Removed), "{d:?}");
}

/// Statements about a few objects that overlap: the same parts stated twice, objects
/// stated in pieces, names read in other schemas.
const POOL: &[&str] = &[
    "SET search_path = s",
    "SET search_path = public",
    "CREATE TABLE t (a int, b text)",
    "CREATE TABLE t (b text, a int)",
    "CREATE TABLE t (a bigint)",
    "CREATE TABLE public.t (a int, b text)",
    "ALTER TABLE t OWNER TO x",
    "ALTER TABLE public.t OWNER TO y",
    "COMMENT ON TABLE t IS 'c'",
    "COMMENT ON COLUMN public.t.a IS 'd'",
    "GRANT SELECT ON TABLE t TO u",
    "GRANT INSERT ON TABLE public.t TO u",
    "REVOKE ALL ON TABLE t FROM PUBLIC",
    "CREATE INDEX i ON public.t USING btree (a)",
    "ALTER INDEX public.i SET (fillfactor = 50)",
    "COMMENT ON INDEX public.i IS 'e'",
    "CREATE VIEW v AS SELECT 1",
    "ALTER TABLE v OWNER TO x",
    "CREATE SEQUENCE q",
    "ALTER SEQUENCE q OWNED BY public.t.a",
    "CREATE TYPE e AS ENUM ('a', 'b')",
    "CREATE TYPE public.e AS ENUM ('b', 'a')",
    "ALTER TABLE ONLY public.t ADD CONSTRAINT k PRIMARY KEY (a)",
];

proptest::proptest! {
    #[test]
    fn common_statements_change_nothing_on_random_dumps(
        left in proptest::collection::vec(0..POOL.len(), 0..12),
        right in proptest::collection::vec(0..POOL.len(), 0..12),
        ignore_owners: bool,
        strict: bool,
    ) {
        let dump = |picks: &[usize]| picks.iter().map(|&k| format!("{};\n", POOL[k])).collect::<String>();
        let opts = Comparer::new().ignore_owners(ignore_owners).strict_column_order(strict).strict_enum_order(strict);
        checked_diff(&dump(&left), &dump(&right), &opts);
    }
}

#[test]
fn common_statements_change_nothing_on_the_corpus_pairs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pairs");
    let Ok(pairs) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no corpus at {}", dir.display());
        return;
    };
    let mut checked = 0;
    for pair in pairs.flatten() {
        let read = |side: &str| std::fs::read_to_string(pair.path().join(side)).ok();
        let Some((a, b)) = read("a.dump.sql").zip(read("b.dump.sql")) else {
            continue;
        };
        for opts in [
            Comparer::new(),
            Comparer::new().ignore_owners(true).ignore_privileges(true),
            Comparer::new()
                .strict_column_order(true)
                .exclude("public.*"),
        ] {
            checked_diff(&a, &b, &opts);
            // One side against a part of the other: most objects differ or are missing.
            let half = &b[..b.len() / 2];
            // Cut before the comment that pg_dump writes above an object.
            let half = &half[..half.rfind("\n--\n-- ").unwrap_or(0)];
            checked_diff(&a, half, &opts);
        }
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn names_are_quoted_once_as_quote_ident_quotes_them() {
    let left = r#"CREATE SCHEMA "S""q";
CREATE TABLE "S""q"."a""b" ("c""d" integer, "É" text, "order" int, é int);
CREATE TABLE public."a""""b" (x int);
CREATE INDEX "i""x" ON public."a""""b" (x);
ALTER TABLE ONLY public."a""""b" ADD CONSTRAINT "k""1" CHECK (x > 0);
CREATE FUNCTION "S""q"."f""n"("a""b" integer) RETURNS int LANGUAGE sql AS $$ select 1 $$;
"#;
    let right = r#"CREATE SCHEMA "S""q";
CREATE TABLE "S""q"."a""b" ("c""d" bigint, "É" text, "order" int, é int);
CREATE TABLE public."a""""b" (x int);
"#;
    let d = checked_diff(left, right, &Comparer::new());
    assert_eq!(
        details(&d),
        [
            (
                ChangeKind::Changed,
                ObjectKind::Table,
                r#""S""q"."a""b""#.to_string()
            ),
            (
                ChangeKind::Changed,
                ObjectKind::Column,
                r#""S""q"."a""b"."c""d""#.to_string()
            ),
            (
                ChangeKind::Removed,
                ObjectKind::Function,
                r#""S""q"."f""n"(integer)"#.to_string()
            ),
            (
                ChangeKind::Changed,
                ObjectKind::Table,
                r#"public."a""""b""#.to_string()
            ),
            (
                ChangeKind::Removed,
                ObjectKind::Constraint,
                r#""k""1""#.to_string()
            ),
            (
                ChangeKind::Removed,
                ObjectKind::Index,
                r#"public."i""x""#.to_string()
            ),
        ]
    );
    let report = d.to_string();
    assert!(
        report.contains(r#"changed column "S""q"."a""b"."c""d""#),
        "{report}"
    );
    assert!(
        report.contains(r#"removed index public."i""x""#),
        "{report}"
    );
}
