//! `sql-compare LEFT RIGHT`: compare two pg_dump schema dumps; exit 0 when equal, 1 when
//! different, 2 on error, as diff(1) does.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

use sql_compare::{
    Change, Comparer, Error, ErrorKind, PgDump, SchemaDiff, Scratch, ScratchServer, Side, Snippet,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A report grouped by object, with -/+ lines and a summary line.
    Text,
    /// A JSON document: {"version": 1, "equal": bool, "counts": {...}, "changes": [...]}
    /// (schema/report.schema.json).
    Json,
    /// A migration draft that would turn LEFT into RIGHT, for review.
    Sql,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

const EXAMPLES: &str = "\
Examples:
  Two dump files:
    sql-compare models.sql migrated.sql

  Two live databases (dumped with pg_dump --schema-only), with the SQL to align them:
    sql-compare --format sql postgresql://user@prod/app postgresql://localhost/app

  Do the migrations build the models' schema? Each directory's *.sql files run in name
  order into a database of a throwaway PostgreSQL cluster (no docker, no DATABASE_URL):
    sql-compare db/migrations/ db/models/

  A hand-written schema against the migrations, both printed by the same server:
    sql-compare --reload db/schema.sql db/migrations/

  In a CI job: fail the build when the migrations do not build the models' schema:
    sql-compare --ignore-owners --exclude-migration-tables --reload db/structure.sql db/migrations/

Exit status: 0 when the schemas are equal, 1 when they differ, 2 on error, 3 when
--format sql withheld destructive statements (--unsafe writes them).";

/// Compare two PostgreSQL schema dumps (pg_dump --schema-only output) or live databases,
/// and report per object what differs.
#[derive(Debug, Parser)]
#[command(version, after_help = EXAMPLES)]
struct Args {
    /// The left (old) schema: a dump file, a directory of SQL files (its *.sql files run in
    /// name order into a scratch database, which is dumped), - for standard input, or a
    /// postgres:// URL.
    left: String,
    /// The right (new) schema, as LEFT.
    right: String,
    /// Load every input (dump files, SQL files, directories, URLs) into a scratch database and
    /// dump it again before comparing, so that one server prints both sides.
    #[arg(long)]
    reload: bool,
    /// The admin URL of a server for the scratch databases (created with unique names and
    /// dropped); default: $SQL_COMPARE_SCRATCH_URL, else a throwaway cluster started from the
    /// local PostgreSQL binaries and removed at the end.
    #[arg(long, value_name = "URL")]
    scratch: Option<String>,
    /// Print on standard error how long the cluster start, loading, dumping and comparing took.
    #[arg(long)]
    timings: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// When to colour the text report.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
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
    /// Ignore data: INSERT rows, COPY blocks, setval calls.
    #[arg(long)]
    ignore_data: bool,
    /// Leave out the bookkeeping tables of migration tools (schema_migrations,
    /// alembic_version, flyway_schema_history, _sqlx_migrations…), with their rows.
    #[arg(long)]
    exclude_migration_tables: bool,
    /// Leave out objects whose name matches PATTERN (* is a wildcard), with their columns,
    /// indexes, rows and owned sequences; repeatable.
    #[arg(long, value_name = "PATTERN")]
    exclude: Vec<String>,
    /// Compare only the objects of schema NAME; repeatable.
    #[arg(long, value_name = "NAME")]
    schema: Vec<String>,
    /// With --format sql: write destructive statements (drops, column type changes, row
    /// deletions) live. Without it they are written commented out after `-- unsafe:` and the
    /// exit status is 3.
    #[arg(long = "unsafe")]
    allow_unsafe: bool,
    /// With --format sql: write the online-safe forms (CREATE/DROP INDEX CONCURRENTLY after
    /// the transaction, constraints added NOT VALID then validated, SET NOT NULL through a
    /// validated check, lock and statement timeouts). Do not run such a draft in a single
    /// transaction.
    #[arg(long)]
    online: bool,
    /// Print nothing; only the exit status tells.
    #[arg(long, short)]
    quiet: bool,
    /// Accept an empty (0-byte) input as an empty schema; by default it is an error, since
    /// pg_dump never writes an empty dump (a failed `pg_dump > file` does).
    #[arg(long)]
    allow_empty: bool,
    /// Refuse inputs larger than SIZE bytes (suffixes K, M, G for KiB, MiB, GiB); reading stops
    /// at the limit.
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = parse_size)]
    max_input_size: u64,
}

/// A size in bytes: a number with an optional K, M or G (powers of 1024) suffix.
fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("not a size: {text:?} (bytes, or a number with K, M or G)"))
}

/// A size for people: `1 GiB`, `512 KiB`, `1000 bytes`.
fn show_size(bytes: u64) -> String {
    for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] {
        if bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

fn is_url(input: &str) -> bool {
    input.starts_with("postgres://") || input.starts_with("postgresql://")
}

fn read_input(path: &str, args: &Args) -> Result<String, String> {
    let limit = args.max_input_size;
    let too_large = || {
        format!(
            "{}: larger than the limit of {} (--max-input-size)",
            label(path),
            show_size(limit)
        )
    };
    if is_url(path) {
        let mut dump = PgDump::new(path).max_size(limit);
        for s in &args.schema {
            dump = dump.schema(s);
        }
        return dump.run().map_err(|e| match e.kind() {
            sql_compare::ErrorKind::TooLarge { .. } => too_large(),
            _ => format!("{}: {e}", label(path)),
        });
    }
    let io_error = |e: std::io::Error| format!("{}: {}", label(path), e.to_string().to_lowercase());
    let bytes = if path == "-" {
        read_limited(std::io::stdin().lock(), 0, limit).map_err(io_error)?
    } else {
        let file = std::fs::File::open(path).map_err(io_error)?;
        // A regular file's size is known before reading it.
        let size = file.metadata().map_err(io_error)?;
        if size.is_file() && size.len() > limit {
            return Err(too_large());
        }
        let expected = if size.is_file() { size.len() } else { 0 };
        read_limited(file, expected, limit).map_err(io_error)?
    };
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    if bytes.is_empty() && !args.allow_empty {
        return Err(format!(
            "{} is empty: pg_dump output never is (--allow-empty compares it as an empty schema)",
            label(path)
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        // Where the text stops being UTF-8, as line and column too.
        let err = sql_compare::decode(e.as_bytes()).err();
        let at = err.as_ref().and_then(Error::location);
        let loc = at.map(|l| format!("{l}: ")).unwrap_or_default();
        let offset = e.utf8_error().valid_up_to();
        format!(
            "{}: {loc}invalid UTF-8 at byte offset {offset}",
            label(path)
        )
    })
}

/// Reads at most `limit + 1` bytes (one more tells that there were more), never holding more
/// memory than that: `read_to_end` would double its buffer past the limit (2 GiB for a 1 GiB
/// limit on `/dev/zero`).
fn read_limited(mut from: impl Read, expected: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    let cap = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut bytes: Vec<u8> = Vec::with_capacity(
        usize::try_from(expected.saturating_add(1))
            .unwrap_or(0)
            .min(cap),
    );
    let mut chunk = vec![0u8; 64 * 1024];
    while bytes.len() < cap {
        let want = chunk.len().min(cap - bytes.len());
        let n = match from.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if bytes.len() + n > bytes.capacity() {
            // Doubling, but never past the limit.
            let grown = (bytes.capacity() * 2).max(bytes.len() + n).min(cap);
            bytes.reserve_exact(grown - bytes.len());
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    Ok(bytes)
}

/// How an input is named in messages and reports: never with its password.
fn label(path: &str) -> String {
    if path == "-" {
        "<stdin>".into()
    } else {
        sql_compare::redact(path).into_owned()
    }
}

fn run(args: &Args) -> Result<SchemaDiff, String> {
    let mut comparer = Comparer::new()
        .ignore_owners(args.ignore_owners)
        .ignore_privileges(args.ignore_privileges)
        .ignore_comments(args.ignore_comments)
        .strict_enum_order(args.strict_enum_order)
        .strict_column_order(args.strict_column_order)
        .compare_settings(args.compare_settings)
        .ignore_data(args.ignore_data);
    for p in &args.exclude {
        comparer = comparer.exclude(p);
    }
    if args.exclude_migration_tables {
        comparer = comparer.exclude_migration_tables();
    }
    for s in &args.schema {
        comparer = comparer.schema(s);
    }
    if args.left == "-" && args.right == "-" {
        return Err(
            "standard input (-) can stand for one side only: it can be read once".to_string(),
        );
    }
    let mut timings = Timings::default();
    let needs_scratch = [&args.left, &args.right]
        .iter()
        .any(|input| via_scratch(input, args));
    // The scratch server lives until `run` returns: dropping it stops and removes a throwaway
    // cluster (and so does its watcher process if this process is killed).
    let server = if needs_scratch {
        let scratch = match &args.scratch {
            Some(url) => Scratch::new().url(url),
            None => Scratch::from_env(),
        };
        let server = scratch.start().map_err(|e| e.to_string())?;
        timings.start = Some(server.startup_time());
        Some(server)
    } else {
        None
    };
    // Both inputs at once: two pg_dump runs, or two loads, take half the time.
    let (left, right) = std::thread::scope(|s| {
        let left = s.spawn(|| build_side(&args.left, args, server.as_ref()));
        let right = build_side(&args.right, args, server.as_ref());
        let left = left.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (left, right)
    });
    let (left, right) = (left?, right?);
    for side in [&left, &right] {
        if !args.quiet {
            for line in &side.notes {
                eprintln!("sql-compare: {line}");
            }
        }
    }
    timings.sides = [left.times, right.times];
    let compare_start = Instant::now();
    let (left, right) = (left.dump, right.dump);
    let named = |e: Error| {
        let side = match e.side() {
            Some(sql_compare::Side::Right) => &args.right,
            _ => &args.left,
        };
        let loc = e.location().map(|l| format!("{l}: ")).unwrap_or_default();
        format!("{}: {loc}{}", label(side), e.kind())
    };
    let mut diff = comparer
        .diff(&left, &right)
        .map_err(named)?
        .with_labels(label(&args.left), label(&args.right));
    // Line numbers point into files only: pg_dump's output and standard input are gone.
    for (input, side) in [(&args.left, Side::Left), (&args.right, Side::Right)] {
        if is_url(input) || input == "-" || via_scratch(input, args) {
            diff = diff.hide_line_numbers(side);
        }
    }
    timings.compare = compare_start.elapsed();
    if let Some(server) = server {
        let stopping = Instant::now();
        drop(server);
        timings.stop = Some(stopping.elapsed());
    }
    if args.timings {
        eprintln!("sql-compare: timings: {}", timings.show());
    }
    Ok(diff)
}

/// Whether an input goes through a scratch database: a directory always, anything with
/// `--reload`.
fn via_scratch(input: &str, args: &Args) -> bool {
    args.reload || is_dir_input(input)
}

/// Whether an input names a directory of SQL files.
fn is_dir_input(input: &str) -> bool {
    input != "-" && !is_url(input) && Path::new(input).is_dir()
}

/// How long the phases of a run took.
#[derive(Debug, Default)]
struct Timings {
    start: Option<Duration>,
    sides: [SideTimes; 2],
    compare: Duration,
    stop: Option<Duration>,
}

#[derive(Debug, Default, Clone, Copy)]
struct SideTimes {
    read: Duration,
    /// Creating the scratch database and running the SQL into it.
    load: Option<Duration>,
    dump: Option<Duration>,
}

impl Timings {
    fn show(&self) -> String {
        let secs = |d: Duration| format!("{:.2} s", d.as_secs_f64());
        let mut parts = Vec::new();
        if let Some(start) = self.start {
            parts.push(format!("cluster start {}", secs(start)));
        }
        for (name, side) in ["left", "right"].iter().zip(&self.sides) {
            let mut p = format!("{name}: read {}", secs(side.read));
            if let Some(load) = side.load {
                p.push_str(&format!(", load {}", secs(load)));
            }
            if let Some(dump) = side.dump {
                p.push_str(&format!(", dump {}", secs(dump)));
            }
            parts.push(p);
        }
        parts.push(format!("compare {}", secs(self.compare)));
        if let Some(stop) = self.stop {
            parts.push(format!("cleanup {}", secs(stop)));
        }
        parts.join("; ")
    }
}

/// One side of a comparison, ready to compare.
struct Built {
    dump: String,
    times: SideTimes,
    /// What to say on standard error (skipped settings, created roles).
    notes: Vec<String>,
}

/// Reads an input, and when it goes through a scratch database, loads it there and dumps it.
fn build_side(input: &str, args: &Args, server: Option<&ScratchServer>) -> Result<Built, String> {
    let started = Instant::now();
    let mut times = SideTimes::default();
    let server = match server {
        Some(s) if via_scratch(input, args) => s,
        _ => {
            let dump = read_input(input, args)?;
            times.read = started.elapsed();
            return Ok(Built {
                dump,
                times,
                notes: Vec::new(),
            });
        }
    };
    let name = label(input);
    let named = |e: Error| match e.kind() {
        ErrorKind::LoadFailed { .. } => e.to_string(),
        _ => format!("{name}: {e}"),
    };
    let is_dir = is_dir_input(input);
    let text = if is_dir {
        None
    } else {
        Some(read_input(input, args)?)
    };
    times.read = started.elapsed();
    let loading = Instant::now();
    let db = server.create_database().map_err(named)?;
    let report = match &text {
        // --max-input-size bounds a directory's *.sql files together.
        None => db.load_path_max(input, args.max_input_size),
        Some(text) => db.load(text, &name),
    }
    .map_err(named)?;
    times.load = Some(loading.elapsed());
    let dumping = Instant::now();
    let mut dump = db.pg_dump().max_size(args.max_input_size);
    for s in &args.schema {
        dump = dump.schema(s);
    }
    let dump = dump.run().map_err(|e| match e.kind() {
        ErrorKind::TooLarge { .. } => format!(
            "{name}: the dump of its scratch database is larger than the limit of {} (--max-input-size)",
            show_size(args.max_input_size)
        ),
        _ => format!("{name}: {e}"),
    })?;
    times.dump = Some(dumping.elapsed());
    let mut notes = Vec::new();
    let skipped = report.skipped_settings();
    if !skipped.is_empty() {
        let mut names: Vec<&str> = skipped.iter().map(String::as_str).collect();
        names.sort_unstable();
        names.dedup();
        let n = skipped.len();
        let s = if n == 1 { "" } else { "s" };
        notes.push(format!(
            "{name}: skipped {n} SET{s} of a setting this server does not know ({})",
            names.join(", ")
        ));
    }
    let created = report.created_roles();
    if !created.is_empty() {
        let s = if created.len() == 1 { "" } else { "s" };
        notes.push(format!(
            "{name}: created the role{s} it names in the throwaway cluster ({})",
            created.join(", ")
        ));
    }
    Ok(Built { dump, times, notes })
}

/// The JSON document of `--format json`, described by schema/report.schema.json.
fn report_json(diff: &SchemaDiff) -> Value {
    let counts = diff.counts();
    let (left, right) = diff.labels().unwrap_or_default();
    json!({
        "version": 1,
        "equal": diff.is_empty(),
        "labels": {"left": left, "right": right},
        "counts": {
            "added": counts.added(),
            "removed": counts.removed(),
            "changed": counts.changed(),
        },
        "changes": diff.changes().iter().map(|c| change_json(diff, c)).collect::<Vec<_>>(),
    })
}

/// Snippets with their lines, or `null` lines where they point into no file.
fn snippets_json(snippets: &[Snippet], lines: bool) -> Value {
    snippets
        .iter()
        .map(|s| {
            let at = lines.then_some([s.lines().start(), s.lines().end()]);
            json!({"lines": at, "text": s.text()})
        })
        .collect()
}

fn change_json(diff: &SchemaDiff, c: &Change) -> Value {
    let notes: Vec<Value> = c
        .notes()
        .iter()
        .map(|n| json!({"aspect": n.aspect(), "left": n.left(), "right": n.right(), "text": n.to_string()}))
        .collect();
    json!({
        "change": c.change().as_str(),
        "kind": c.kind().as_str(),
        "name": c.name(),
        "notes": notes,
        "left": snippets_json(c.left(), diff.has_line_numbers(Side::Left)),
        "right": snippets_json(c.right(), diff.has_line_numbers(Side::Right)),
        "details": c.details().iter().map(|d| change_json(diff, d)).collect::<Vec<_>>(),
    })
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // clap quotes arguments it refuses (a third URL, say): masked like any label.
            let mut text = e.render().to_string();
            for arg in std::env::args_os().skip(1) {
                let arg = arg.to_string_lossy();
                // The whole argument, and the value of an `--option=value`.
                let value = arg.split_once('=').map_or("", |(_, v)| v);
                for part in [&*arg, value] {
                    if let std::borrow::Cow::Owned(masked) = sql_compare::redact(part) {
                        text = text.replace(part, &masked);
                    }
                }
            }
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let diff = match run(&args) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("sql-compare: {msg}");
            return ExitCode::from(2);
        }
    };
    // One draft for its text and its counts: its plan is made once.
    let draft = diff
        .migration()
        .allow_unsafe(args.allow_unsafe)
        .online(args.online);
    if !args.quiet {
        let out = match args.format {
            Format::Text => {
                let color = match args.color {
                    Color::Always => true,
                    Color::Never => false,
                    Color::Auto => {
                        std::io::stdout().is_terminal()
                            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    }
                };
                diff.report().color(color).to_string()
            }
            Format::Sql => draft.to_string(),
            Format::Json => format!("{:#}\n", report_json(&diff)),
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
        return ExitCode::SUCCESS;
    }
    let manual = if args.format == Format::Sql {
        draft.manual_count()
    } else {
        0
    };
    if manual > 0 && !args.quiet {
        let s = if manual == 1 { "" } else { "s" };
        eprintln!(
            "sql-compare: {manual} change{s} left to do by hand (\"-- manual:\" note{s} in the draft)"
        );
    }
    let withheld = if args.format == Format::Sql && !args.allow_unsafe {
        draft.destructive_count()
    } else {
        0
    };
    if withheld > 0 {
        if !args.quiet {
            let s = if withheld == 1 { "" } else { "s" };
            eprintln!(
                "sql-compare: {withheld} destructive statement{s} withheld (commented out after \
                 \"-- unsafe:\"); --unsafe writes them"
            );
        }
        return ExitCode::from(3);
    }
    ExitCode::from(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_one_byte_past_the_limit_and_holds_no_more() {
        for (expected, limit) in [(0, 1_000_000), (0, 70_000), (500, 1_000_000)] {
            let bytes = read_limited(std::io::repeat(b'x'), expected, limit).unwrap_or_default();
            assert_eq!(bytes.len() as u64, limit + 1);
            assert!(bytes.capacity() as u64 <= limit + 1, "{}", bytes.capacity());
        }
        let short = read_limited(&b"SELECT 1;"[..], 9, 100).unwrap_or_default();
        assert_eq!(short, b"SELECT 1;");
    }
}
