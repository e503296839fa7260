//! `sql-compare LEFT RIGHT`: compare two pg_dump schema dumps; exit 0 when equal, 1 when
//! different, 2 on error, as diff(1) does.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use serde_json::{Value, json};
use sql_compare::{Change, Comparer, Error, SchemaDiff, Snippet};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// A report grouped by object, with -/+ lines and a summary line.
    Text,
    /// A JSON document: {"equal": bool, "changes": [...]}.
    Json,
}

/// Compare two PostgreSQL schema dumps (pg_dump --schema-only output).
///
/// Exit status: 0 when the schemas are equal, 1 when they differ, 2 on error.
#[derive(Debug, Parser)]
#[command(
    version,
    after_help = "Examples:\n  sql-compare models.sql migrations.sql\n  pg_dump --schema-only app | sql-compare expected.sql -\n  sql-compare --ignore-owners --format json a.sql b.sql"
)]
struct Args {
    /// The left (old) dump: a file, or - for standard input.
    left: String,
    /// The right (new) dump: a file, or - for standard input.
    right: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Ignore ALTER … OWNER TO.
    #[arg(long)]
    ignore_owners: bool,
    /// Ignore GRANT, REVOKE and ALTER DEFAULT PRIVILEGES.
    #[arg(long)]
    ignore_privileges: bool,
    /// Ignore COMMENT ON.
    #[arg(long)]
    ignore_comments: bool,
    /// Make the order of enum labels significant.
    #[arg(long)]
    strict_enum_order: bool,
    /// Make the order of columns in CREATE TABLE significant.
    #[arg(long)]
    strict_column_order: bool,
    /// Compare session settings (SET …, set_config).
    #[arg(long)]
    compare_settings: bool,
    /// Leave out objects whose name matches PATTERN (* is a wildcard); repeatable.
    #[arg(long, value_name = "PATTERN")]
    exclude: Vec<String>,
    /// Print nothing; only the exit status tells.
    #[arg(long, short)]
    quiet: bool,
}

fn read_input(path: &str) -> Result<String, String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("<stdin>: {e}"))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| format!("{path}: {}", e.to_string().to_lowercase()))?
    };
    String::from_utf8(bytes).map_err(|e| {
        let name = if path == "-" { "<stdin>" } else { path };
        format!(
            "{name}: invalid UTF-8 at byte offset {}",
            e.utf8_error().valid_up_to()
        )
    })
}

fn label(path: &str) -> String {
    if path == "-" {
        "<stdin>".into()
    } else {
        path.into()
    }
}

fn run(args: &Args) -> Result<SchemaDiff, String> {
    let mut comparer = Comparer::new()
        .ignore_owners(args.ignore_owners)
        .ignore_privileges(args.ignore_privileges)
        .ignore_comments(args.ignore_comments)
        .strict_enum_order(args.strict_enum_order)
        .strict_column_order(args.strict_column_order)
        .compare_settings(args.compare_settings);
    for p in &args.exclude {
        comparer = comparer.exclude(p);
    }
    let left = read_input(&args.left)?;
    let right = read_input(&args.right)?;
    let named = |e: Error| {
        let side = match e.side() {
            Some(sql_compare::Side::Right) => &args.right,
            _ => &args.left,
        };
        let loc = e.location().map(|l| format!("{l}: ")).unwrap_or_default();
        format!("{}: {loc}{}", label(side), e.kind())
    };
    let diff = comparer.diff(&left, &right).map_err(named)?;
    Ok(diff.with_labels(label(&args.left), label(&args.right)))
}

fn snippets_json(snippets: &[Snippet]) -> Value {
    snippets
        .iter()
        .map(|s| json!({"lines": [s.lines.start, s.lines.end], "text": s.text}))
        .collect()
}

fn change_json(c: &Change) -> Value {
    json!({
        "change": c.change().as_str(),
        "kind": c.kind().as_str(),
        "name": c.name(),
        "left": snippets_json(c.left()),
        "right": snippets_json(c.right()),
        "details": c.details().iter().map(change_json).collect::<Vec<_>>(),
    })
}

fn main() -> ExitCode {
    let args = Args::parse();
    let diff = match run(&args) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("sql-compare: {msg}");
            return ExitCode::from(2);
        }
    };
    if !args.quiet {
        let out = match args.format {
            Format::Text => diff.to_string(),
            Format::Json => {
                let doc = json!({
                    "equal": diff.is_empty(),
                    "changes": diff.changes().iter().map(change_json).collect::<Vec<_>>(),
                });
                format!("{doc:#}\n")
            }
        };
        let mut stdout = std::io::stdout().lock();
        if stdout
            .write_all(out.as_bytes())
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return ExitCode::from(2);
        }
    }
    if diff.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
