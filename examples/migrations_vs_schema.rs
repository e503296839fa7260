//! The migrations-vs-models workflow against a real server: build one database by running
//! `testdata/migrations/*.sql` in order and another from `testdata/schema.sql`, dump both with
//! `pg_dump --schema-only`, and compare.
//!
//! ```sh
//! cargo run --example migrations_vs_schema -- postgresql://postgres@localhost/postgres
//! ```
//!
//! The URL must be a superuser's (it creates and drops two scratch databases).

use std::path::Path;
use std::process::ExitCode;

use sql_compare::{Comparer, PgDump, psql, with_database};

fn build(
    admin: &str,
    name: &str,
    files: &[std::path::PathBuf],
) -> Result<String, Box<dyn std::error::Error>> {
    psql(
        admin,
        &format!("DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name};"),
    )?;
    let url = with_database(admin, name);
    for file in files {
        psql(&url, &std::fs::read_to_string(file)?)
            .map_err(|e| format!("{}: {e}", file.display()))?;
    }
    let dump = PgDump::new(&url).run()?;
    psql(admin, &format!("DROP DATABASE {name};"))?;
    Ok(dump)
}

fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let Some(admin) = std::env::args().nth(1) else {
        eprintln!("usage: migrations_vs_schema SUPERUSER_URL");
        return Ok(ExitCode::from(2));
    };
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut migrations: Vec<_> = std::fs::read_dir(testdata.join("migrations"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    migrations.sort();

    let migrated = build(&admin, "sql_compare_example_migrated", &migrations)?;
    let models = build(
        &admin,
        "sql_compare_example_models",
        &[testdata.join("schema.sql")],
    )?;

    let diff = Comparer::new()
        .exclude_migration_tables()
        .diff(&models, &migrated)?;
    if diff.is_empty() {
        println!("the migrations build the same schema as the models");
        Ok(ExitCode::SUCCESS)
    } else {
        print!("{diff}");
        Ok(ExitCode::from(1))
    }
}
