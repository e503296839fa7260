//! Compare two dump files and print the report, as `sql-compare` does:
//!
//! ```sh
//! cargo run --example compare_files -- testdata/shop-models.sql testdata/shop-broken.sql
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [left, right] = args.as_slice() else {
        eprintln!("usage: compare_files LEFT.sql RIGHT.sql");
        return ExitCode::from(2);
    };
    match sql_compare::Comparer::new()
        .exclude_migration_tables()
        .diff_files(left, right)
    {
        Ok(diff) if diff.is_empty() => {
            println!("{left} and {right} describe the same schema");
            ExitCode::SUCCESS
        }
        Ok(diff) => {
            print!("{diff}");
            ExitCode::from(1)
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}
