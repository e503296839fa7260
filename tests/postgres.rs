//! The real workflow against a real PostgreSQL server: one database built by running the
//! migrations of `testdata/migrations` in order, another from `testdata/schema.sql`, both
//! dumped with `pg_dump --schema-only`, compared with `assert_schema_eq!`.
//!
//! The server comes from `SQL_COMPARE_TEST_DATABASE_URL` (a superuser URL), or is a
//! throwaway cluster started by the tests (see `common/pg.rs`).

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::pg::{Database, migrations, server, testdata};
use sql_compare::{ChangeKind, Comparer, ErrorKind, ObjectKind, PgDump, assert_schema_eq};

/// Applies the migrations in order, each after `edit` has had its say (`None` leaves it out).
fn migrate(db: &Database, edit: impl Fn(&str, String) -> Option<String>) {
    for file in migrations() {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let sql = std::fs::read_to_string(&file).unwrap();
        if let Some(sql) = edit(&name, sql) {
            sql_compare::psql(&db.url, &sql).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

fn models_dump() -> Option<String> {
    let server = server()?;
    let models = server.create_database("models");
    sql_compare::psql(&models.url, &testdata("schema.sql")).unwrap();
    Some(sql_compare::pg_dump(&models.url).unwrap())
}

/// The failure message of an `assert_schema_eq!` that must fail.
fn failure(left: &str, right: &str) -> String {
    let err = catch_unwind(AssertUnwindSafe(|| assert_schema_eq!(left, right)))
        .expect_err("the schemas should differ");
    err.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn migrations_build_the_same_schema_as_the_models() {
    let Some(models) = models_dump() else { return };
    let db = server().unwrap().create_database("migrated");
    migrate(&db, |_, sql| Some(sql));
    let migrated = sql_compare::pg_dump(&db.url).unwrap();

    // The dumps really differ as text: restrict keys, column order, enum label order.
    assert_ne!(models, migrated);
    let restrict = |d: &str| {
        d.lines()
            .find(|l| l.starts_with("\\restrict "))
            .map(str::to_string)
    };
    assert!(restrict(&models).is_some());
    assert_ne!(restrict(&models), restrict(&migrated));
    let before = |d: &str, a: &str, b: &str| d.find(a).unwrap() < d.find(b).unwrap();
    assert!(before(
        &models,
        "display_name character varying(120)",
        "created_at timestamp"
    ));
    assert!(!before(
        &migrated,
        "display_name character varying(120)",
        "created_at timestamp"
    ));
    assert!(before(&models, "'shipped',", "'cancelled'"));
    assert!(!before(&migrated, "'shipped'", "'cancelled'"));

    assert_schema_eq!(models, migrated);
}

#[test]
fn a_missing_migration_is_named_in_the_failure() {
    let Some(models) = models_dump() else { return };
    let db = server().unwrap().create_database("missing");
    migrate(&db, |name, sql| (!name.starts_with("003")).then_some(sql));
    let msg = failure(&models, &sql_compare::pg_dump(&db.url).unwrap());
    assert!(msg.contains("changed table public.orders\n"), "{msg}");
    assert!(
        msg.contains("removed index public.orders_customer_id_status_idx\n"),
        "{msg}"
    );
    // pg_dump's output exists only in memory: no line numbers.
    assert!(
        msg.contains(
            "\n    - CREATE INDEX orders_customer_id_status_idx ON public.orders USING btree (customer_id, status);\n"
        ),
        "{msg}"
    );
    assert!(
        msg.contains("1 object differs: 0 added, 0 removed, 1 changed\n"),
        "{msg}"
    );
    // The migration to write: right (the migrated database) into left (the models).
    assert!(
        msg.ends_with(
            "SQL that would turn right (right) into left (left), from SchemaDiff::migration:\n  CREATE INDEX orders_customer_id_status_idx ON public.orders USING btree (customer_id, status);"
        ),
        "{msg}"
    );
}

#[test]
fn a_migration_with_a_wrong_type_is_named_in_the_failure() {
    let Some(models) = models_dump() else { return };
    let db = server().unwrap().create_database("wrongtype");
    migrate(&db, |name, sql| {
        Some(if name.starts_with("001") {
            sql.replace("character varying(120)", "text")
        } else {
            sql
        })
    });
    let msg = failure(&models, &sql_compare::pg_dump(&db.url).unwrap());
    assert!(
        msg.contains(
            "changed table public.customers\n  changed column public.customers.display_name\n"
        ),
        "{msg}"
    );
    assert!(
        msg.contains("\n    type character varying(120) → text\n"),
        "{msg}"
    );
    assert!(
        msg.contains("\n  ALTER TABLE public.customers ALTER COLUMN display_name TYPE character varying(120) USING display_name::character varying(120);"),
        "{msg}"
    );
}

#[test]
fn one_database_dumped_twice_is_equal_and_owners_can_be_ignored() {
    let Some(server) = server() else { return };
    let db = server.create_database("twice");
    migrate(&db, |_, sql| Some(sql));
    let first = sql_compare::pg_dump(&db.url).unwrap();
    let second = PgDump::new(&db.url).run().unwrap();
    assert_ne!(first, second, "the restrict keys differ");
    assert_schema_eq!(first, second);

    let no_owner = PgDump::new(&db.url).no_owner(true).run().unwrap();
    let d = sql_compare::diff(&first, &no_owner).unwrap();
    assert!(!d.is_empty());
    for object in d.changes() {
        assert_eq!(object.change(), ChangeKind::Changed, "{d}");
        for part in object.details() {
            assert_eq!(
                (part.kind(), part.change()),
                (ObjectKind::Owner, ChangeKind::Removed),
                "{d}"
            );
        }
    }
    assert_schema_eq!(
        first,
        no_owner,
        options = Comparer::new().ignore_owners(true)
    );
}

#[test]
fn pg_dump_errors_carry_pg_dumps_message() {
    let Some(server) = server() else { return };
    let db = server.create_database("exists");
    let missing = sql_compare::with_database(&db.url, "sqlcmp_does_not_exist");
    let err = sql_compare::pg_dump(&missing).unwrap_err();
    match err.kind() {
        ErrorKind::ProgramFailed {
            status, message, ..
        } => {
            assert_eq!(*status, Some(1));
            assert!(message.contains("does not exist"), "{message}");
        }
        other => panic!("unexpected error: {other}"),
    }
}
