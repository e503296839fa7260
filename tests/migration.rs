//! `SchemaDiff::migration()` against a real server: for each migra pair of the corpus, a
//! database restored from the left dump, with the draft applied, dumps to the right schema.

mod common;

use std::path::Path;

use common::corpus_dir;
use common::pg::server;

/// The migra pairs whose every change the draft covers (see README, "Migration drafts").
const COVERED: &[&str] = &[
    "migra-collations-migrated",
    "migra-constraints",
    "migra-constraints-migrated",
    "migra-dependencies",
    "migra-dependencies-migrated",
    "migra-dependencies2-migrated",
    "migra-dependencies3",
    "migra-dependencies3-migrated",
    "migra-dependencies4",
    "migra-dependencies4-migrated",
    "migra-enumdefaults",
    "migra-enumdefaults-migrated",
    "migra-enumdeps",
    "migra-enumdeps-migrated",
    "migra-everything-migrated",
    "migra-excludeschema",
    "migra-excludeschema-migrated",
    "migra-extversions",
    "migra-extversions-migrated",
    "migra-generated",
    "migra-generated-migrated",
    "migra-generated_added",
    "migra-identitycols",
    "migra-identitycols-migrated",
    "migra-inherit",
    "migra-inherit2",
    "migra-inherit2-migrated",
    "migra-partitioning-migrated",
    "migra-pr-comments",
    "migra-pr-comments-migrated",
    "migra-pr-commentswithdep",
    "migra-pr-commentswithdep-migrated",
    "migra-pr-diffrentschemas",
    "migra-pr-enumwithfuncdep",
    "migra-pr-enumwithfuncdep-migrated",
    "migra-pr-excludemultipleschema",
    "migra-pr-excludemultipleschema-migrated",
    "migra-pr-excludesingleschema",
    "migra-pr-excludesingleschema-migrated",
    "migra-pr-privilegesnontable",
    "migra-pr-privilegesnontable-migrated",
    "migra-pr-viewownertracking",
    "migra-pr-viewownertracking-migrated",
    "migra-privileges",
    "migra-privileges-migrated",
    "migra-rls",
    "migra-rls-migrated",
    "migra-rls2",
    "migra-rls2-migrated",
    "migra-seq",
    "migra-seq-migrated",
    "migra-singleschema",
    "migra-singleschema-migrated",
    "migra-singleschema_ext",
    "migra-triggers",
    "migra-triggers-migrated",
    "migra-triggers2",
    "migra-triggers2-migrated",
    "migra-triggers3",
    "migra-triggers3-migrated",
];

/// Restores `left`, applies the draft, and compares the result with `right`: `Ok(())` when
/// equal, else what went wrong.
fn apply(pair: &Path) -> Result<(), String> {
    let server = server().ok_or("no server")?;
    let a = std::fs::read_to_string(pair.join("a.dump.sql")).map_err(|e| e.to_string())?;
    let b = std::fs::read_to_string(pair.join("b.dump.sql")).map_err(|e| e.to_string())?;
    let draft = sql_compare::diff(&a, &b)
        .map_err(|e| e.to_string())?
        .migration()
        .allow_unsafe(true)
        .to_string();
    let db = server.create_database("draft");
    sql_compare::psql(&db.url, &a).map_err(|e| format!("restoring the left dump: {e}"))?;
    sql_compare::psql(&db.url, &draft).map_err(|e| format!("applying the draft: {e}\n{draft}"))?;
    let after = sql_compare::pg_dump(&db.url).map_err(|e| e.to_string())?;
    let d = sql_compare::diff(&after, &b).map_err(|e| e.to_string())?;
    if d.is_empty() {
        Ok(())
    } else {
        Err(format!("still differs:\n{d}\ndraft:\n{draft}"))
    }
}

#[test]
fn drafts_turn_the_left_dump_into_the_right_one() {
    let Some(corpus) = corpus_dir() else { return };
    let Some(server) = server() else { return };
    // The roles migra's fixtures grant to.
    let roles = "DO $$ BEGIN CREATE ROLE schemainspect_test_role; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE schemainspect_test_role2; EXCEPTION WHEN duplicate_object THEN NULL; END $$;";
    sql_compare::psql(server.admin_url(), roles).unwrap();
    let mut report = Vec::new();
    let mut pairs: Vec<_> = std::fs::read_dir(corpus.join("pairs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("migra-")
        })
        .collect();
    pairs.sort();
    let mut covered_seen = 0;
    for pair in pairs {
        let name = pair.file_name().unwrap().to_string_lossy().to_string();
        let result = apply(&pair);
        if COVERED.contains(&name.as_str()) {
            covered_seen += 1;
            if let Err(e) = &result {
                panic!("{name}: {e}");
            }
        }
        let outcome = match &result {
            Ok(()) => "ok",
            Err(e) => e.lines().next().unwrap_or_default(),
        };
        report.push(format!("{name}: {outcome}"));
    }
    eprintln!("{}", report.join("\n"));
    assert_eq!(
        covered_seen,
        COVERED.len(),
        "a covered pair is missing from the corpus"
    );
}
