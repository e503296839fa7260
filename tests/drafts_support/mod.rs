//! The pairs of `testdata/drafts/` (their format is in that folder's README.md), how one pair
//! is run on a server, and the report of a run.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sql_compare::{Comparer, ErrorKind, ScratchDatabase, ScratchServer};

/// One schema change to verify.
pub struct Pair {
    /// `topic/name` (the file's name without `.sql`, then the pair's name), or `migra/name`.
    pub id: String,
    pub topic: String,
    /// Marked `-- expect: manual`: no draft can make the change without a human decision.
    pub expect_manual: bool,
    /// The comparison options of `-- options:` (the defaults otherwise), used for the draft's
    /// diff and for the check of the result.
    pub comparer: Comparer,
    pub source: Source,
}

/// The comparison options a pair may name after `-- options:`, separated by spaces or commas.
pub fn comparer_with(options: &str) -> Result<Comparer, String> {
    let mut c = Comparer::new();
    for o in options
        .split(|ch: char| ch == ',' || ch.is_whitespace())
        .filter(|o| !o.is_empty())
    {
        c = match o {
            "strict-enum-order" => c.strict_enum_order(true),
            "strict-column-order" => c.strict_column_order(true),
            _ => {
                return Err(format!(
                    "unknown option `{o}` (strict-enum-order, strict-column-order)"
                ));
            }
        };
    }
    Ok(c)
}

pub enum Source {
    /// The SQL of each side, loaded into a fresh database and dumped.
    Sql { left: String, right: String },
    /// A corpus pair's folder with `a.dump.sql` and `b.dump.sql`: the left one is restored,
    /// the right one is the target as it is.
    Dumps(PathBuf),
}

/// Parses a file of pairs: each starts with `-- pair: name`, may say `-- expect: manual` and
/// `-- options: …` (comparison options, [`comparer_with`]), and has up to three sections, `-- both` (loaded first on both sides), `-- left` and `-- right`.
/// Lines before the first pair are the file's description.
pub fn parse_pairs(topic: &str, text: &str) -> Result<Vec<Pair>, String> {
    struct Building {
        name: String,
        expect_manual: bool,
        comparer: Option<Comparer>,
        both: String,
        left: String,
        right: String,
    }
    fn finish(topic: &str, b: Building, out: &mut Vec<Pair>) -> Result<(), String> {
        if b.left.trim().is_empty() && b.right.trim().is_empty() {
            return Err(format!(
                "pair {}: no `-- left` or `-- right` section",
                b.name
            ));
        }
        out.push(Pair {
            id: format!("{topic}/{}", b.name),
            topic: topic.to_string(),
            expect_manual: b.expect_manual,
            comparer: b.comparer.unwrap_or_default(),
            source: Source::Sql {
                left: format!("{}{}", b.both, b.left),
                right: format!("{}{}", b.both, b.right),
            },
        });
        Ok(())
    }
    let mut out = Vec::new();
    let mut current: Option<Building> = None;
    // 0 before any section, 1 both, 2 left, 3 right.
    let mut section = 0;
    for (n, line) in text.lines().enumerate() {
        let marker = line.trim_end();
        if let Some(name) = marker.strip_prefix("-- pair: ") {
            if let Some(b) = current.take() {
                finish(topic, b, &mut out)?;
            }
            let name = name.trim();
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(format!(
                    "line {}: a pair's name is lower-case letters, digits and `-`",
                    n + 1
                ));
            }
            current = Some(Building {
                name: name.to_string(),
                expect_manual: false,
                comparer: None,
                both: String::new(),
                left: String::new(),
                right: String::new(),
            });
            section = 0;
            continue;
        }
        let Some(b) = current.as_mut() else { continue };
        match marker {
            "-- expect: manual" if section == 0 => b.expect_manual = true,
            _ if section == 0 && b.comparer.is_none() && marker.starts_with("-- options:") => {
                let c = comparer_with(&marker["-- options:".len()..])
                    .map_err(|e| format!("line {}: {e}", n + 1))?;
                b.comparer = Some(c);
            }
            "-- both" if section == 0 => section = 1,
            "-- left" if section < 2 => section = 2,
            "-- right" if section < 3 => section = 3,
            _ if marker.starts_with("-- expect:")
                || marker.starts_with("-- options:")
                || ["-- both", "-- left", "-- right"].contains(&marker) =>
            {
                return Err(format!("line {}: `{marker}` out of place", n + 1));
            }
            _ => {
                let target = match section {
                    1 => &mut b.both,
                    2 => &mut b.left,
                    3 => &mut b.right,
                    _ if marker.is_empty() || marker.starts_with("--") => continue,
                    _ => return Err(format!("line {}: SQL before a section", n + 1)),
                };
                target.push_str(line);
                target.push('\n');
            }
        }
    }
    if let Some(b) = current.take() {
        finish(topic, b, &mut out)?;
    }
    Ok(out)
}

/// What became of one pair.
pub enum Outcome {
    /// The draft applied and the re-dump equals the target.
    Ok,
    /// The pair itself is wrong: a side does not load, or both sides dump alike.
    Broken(String),
    /// The library sees no difference between the two sides' dumps.
    Undetected,
    /// psql stopped at a statement of the draft.
    Fails {
        message: String,
        statement: String,
        manual: Vec<String>,
        draft: String,
    },
    /// The draft applied, but the re-dump still differs from the target.
    Differs {
        diff: Vec<String>,
        kinds: Vec<String>,
        manual: Vec<String>,
        draft: String,
    },
}

impl Outcome {
    fn manual(&self) -> &[String] {
        match self {
            Outcome::Fails { manual, .. } | Outcome::Differs { manual, .. } => manual,
            _ => &[],
        }
    }

    /// `ok`, `manual` (missed with `-- manual:` notes in the draft), `fails`, `differs`,
    /// `undetected` or `broken`.
    pub fn class(&self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Broken(_) => "broken",
            Outcome::Undetected => "undetected",
            _ if !self.manual().is_empty() => "manual",
            Outcome::Fails { .. } => "fails",
            Outcome::Differs { .. } => "differs",
        }
    }

    /// Several lines: the class, then why, then the draft.
    pub fn describe(&self) -> String {
        let mut s = String::from(self.class());
        match self {
            Outcome::Ok | Outcome::Undetected => {}
            Outcome::Broken(why) => {
                let _ = write!(s, ": {why}");
            }
            Outcome::Fails {
                message,
                statement,
                manual,
                draft,
            } => {
                let _ = write!(s, ": {message}\n  at: {statement}");
                for m in manual {
                    let _ = write!(s, "\n  {m}");
                }
                let _ = write!(s, "\n  draft:\n{}", indent(draft));
            }
            Outcome::Differs {
                diff,
                manual,
                draft,
                ..
            } => {
                let _ = write!(s, ": still differs:\n{}", indent(&diff.join("\n")));
                for m in manual {
                    let _ = write!(s, "\n  {m}");
                }
                let _ = write!(s, "\n  draft:\n{}", indent(draft));
            }
        }
        s
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A dump without pg_dump's random `\restrict` key lines.
fn without_restrict(dump: &str) -> String {
    dump.lines()
        .filter(|l| !l.starts_with("\\restrict") && !l.starts_with("\\unrestrict"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The time spent in each phase of the pairs, summed over the threads.
static PHASES: Mutex<BTreeMap<&'static str, Duration>> = Mutex::new(BTreeMap::new());

/// Runs `f`, adding its time to `phase`.
fn timed<T>(phase: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    *PHASES.lock().unwrap().entry(phase).or_default() += start.elapsed();
    out
}

/// Empties a database that a pair used, so that the next pair starts from what a fresh
/// database holds: drops event triggers, extensions (but PL/pgSQL), schemas (but the system
/// ones and `public`) and what `public` holds; puts back `public`'s owner, privileges and
/// comment; removes default privileges. It then fails if anything a pair could have made is
/// left (any catalog row past the first user OID, 16384), and the database is replaced by a
/// fresh one.
const RESET: &str = r#"
SET client_min_messages = warning;
DO $reset$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT evtname FROM pg_event_trigger LOOP
        EXECUTE format('DROP EVENT TRIGGER IF EXISTS %I', r.evtname);
    END LOOP;
    FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
        EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
    END LOOP;
    FOR r IN SELECT nspname FROM pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public')
               AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%' LOOP
        EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
    END LOOP;
    FOR r IN SELECT relname, relkind FROM pg_class
             WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f') LOOP
        EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
            CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
            r.relname);
    END LOOP;
    FOR r IN SELECT oid FROM pg_proc WHERE pronamespace = 'public'::regnamespace LOOP
        BEGIN
            EXECUTE format('DROP ROUTINE IF EXISTS public.%I(%s) CASCADE',
                (SELECT proname FROM pg_proc WHERE oid = r.oid),
                pg_get_function_identity_arguments(r.oid));
        EXCEPTION WHEN others THEN
            NULL;
        END;
    END LOOP;
    FOR r IN SELECT t.typname, t.typtype FROM pg_type t LEFT JOIN pg_class c ON c.oid = t.typrelid
             WHERE t.typnamespace = 'public'::regnamespace
               AND (t.typtype IN ('e', 'r', 'd') OR (t.typtype = 'c' AND c.relkind = 'c')) LOOP
        EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
            CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.typname);
    END LOOP;
END
$reset$;
ALTER SCHEMA public OWNER TO pg_database_owner;
UPDATE pg_namespace SET nspacl = (SELECT initprivs FROM pg_init_privs
    WHERE objoid = 'public'::regnamespace AND classoid = 'pg_namespace'::regclass AND objsubid = 0)
    WHERE nspname = 'public';
COMMENT ON SCHEMA public IS 'standard public schema';
DELETE FROM pg_default_acl;
DO $check$
BEGIN
    IF EXISTS (SELECT FROM pg_class WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_type WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_proc WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_namespace WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_extension WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_constraint WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_trigger WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_policy WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_rewrite WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_attrdef WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_enum WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_collation WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_operator WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_opclass WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_opfamily WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_cast WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_conversion WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_language WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_am WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_transform WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_ts_config WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_ts_dict WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_statistic_ext WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_foreign_data_wrapper WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_foreign_server WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_publication WHERE oid >= 16384)
        OR EXISTS (SELECT FROM pg_event_trigger)
        OR EXISTS (SELECT FROM pg_default_acl)
        OR EXISTS (SELECT FROM pg_init_privs WHERE objoid >= 16384)
        OR EXISTS (SELECT FROM pg_description WHERE objoid >= 16384)
        OR EXISTS (SELECT FROM pg_seclabel WHERE objoid >= 16384)
        OR (SELECT nspowner FROM pg_namespace WHERE nspname = 'public') <> 'pg_database_owner'::regrole
        OR (SELECT nspacl FROM pg_namespace WHERE nspname = 'public') IS DISTINCT FROM
            (SELECT initprivs FROM pg_init_privs WHERE objoid = 'public'::regnamespace
                AND classoid = 'pg_namespace'::regclass AND objsubid = 0)
        OR (SELECT nspacl FROM pg_namespace WHERE nspname = 'public') IS NULL
    THEN
        RAISE EXCEPTION 'the database was not emptied';
    END IF;
END
$check$;
"#;

/// A worker's two databases, emptied between pairs ([`RESET`]) rather than dropped and
/// created again (which costs more than a pair's other steps together). With
/// `SQL_COMPARE_DRAFTS_FRESH=1` every pair gets fresh databases.
#[derive(Default)]
pub struct Slot {
    left: Option<ScratchDatabase<'static>>,
    right: Option<ScratchDatabase<'static>>,
}

impl Slot {
    fn take(
        db: &mut Option<ScratchDatabase<'static>>,
        server: &'static ScratchServer,
    ) -> Result<ScratchDatabase<'static>, String> {
        let fresh = std::env::var("SQL_COMPARE_DRAFTS_FRESH").is_ok_and(|v| v == "1");
        if let Some(used) = db.take() {
            if !fresh && timed("empty database", || used.execute(RESET)).is_ok() {
                return Ok(used);
            }
            timed("drop database", || drop(used));
        }
        timed("create database", || server.create_database())
            .map_err(|e| format!("creating a database: {e}"))
    }
}

/// Runs one pair on `server`, in `slot`'s databases.
pub fn run_pair(server: &'static ScratchServer, pair: &Pair, slot: &mut Slot) -> Outcome {
    timed("total", || run_pair_timed(server, pair, slot))
}

fn run_pair_timed(server: &'static ScratchServer, pair: &Pair, slot: &mut Slot) -> Outcome {
    let left_db = match Slot::take(&mut slot.left, server) {
        Ok(db) => db,
        Err(e) => return Outcome::Broken(e),
    };
    let outcome = run_on(server, pair, &left_db, slot);
    slot.left = Some(left_db);
    outcome
}

fn run_on(
    server: &'static ScratchServer,
    pair: &Pair,
    left_db: &ScratchDatabase<'static>,
    slot: &mut Slot,
) -> Outcome {
    let (left_dump, right_dump) = match &pair.source {
        Source::Sql { left, right } => {
            if let Err(e) = timed("load a side", || left_db.load(left, "left")) {
                return Outcome::Broken(format!("the left side does not load: {e}"));
            }
            let right_db = match Slot::take(&mut slot.right, server) {
                Ok(db) => db,
                Err(e) => return Outcome::Broken(e),
            };
            let loaded = timed("load a side", || right_db.load(right, "right"));
            let dumps = timed("pg_dump", || (left_db.dump(), right_db.dump()));
            slot.right = Some(right_db);
            if let Err(e) = loaded {
                return Outcome::Broken(format!("the right side does not load: {e}"));
            }
            let (l, r) = match dumps {
                (Ok(l), Ok(r)) => (l, r),
                (Err(e), _) | (_, Err(e)) => return Outcome::Broken(format!("pg_dump: {e}")),
            };
            if without_restrict(&l) == without_restrict(&r) {
                return Outcome::Broken("both sides dump alike".into());
            }
            (l, r)
        }
        Source::Dumps(dir) => {
            let read = |f: &str| std::fs::read_to_string(dir.join(f));
            let (Ok(a), Ok(b)) = (read("a.dump.sql"), read("b.dump.sql")) else {
                return Outcome::Broken(format!("{}: unreadable dumps", dir.display()));
            };
            if let Err(e) = timed("load a side", || left_db.load(&a, "a.dump.sql")) {
                return Outcome::Broken(format!("a.dump.sql does not restore: {e}"));
            }
            (a, b)
        }
    };
    let d = match timed("diff", || pair.comparer.diff(&left_dump, &right_dump)) {
        Ok(d) => d,
        Err(e) => return Outcome::Broken(format!("comparing the dumps: {e}")),
    };
    if d.is_empty() {
        // A corpus pair may be two dumps of one schema (migra's `-migrated` fixtures): the
        // empty draft is right. Two sides written to differ must not compare equal.
        return match pair.source {
            Source::Dumps(_) => Outcome::Ok,
            Source::Sql { .. } => Outcome::Undetected,
        };
    }
    let migration = d.migration().allow_unsafe(true);
    let draft = migration.to_string();
    let mut manual = migration.manual_notes();
    manual.dedup();
    if let Err(e) = timed("apply the draft", || left_db.load(&draft, "draft")) {
        let (message, statement) = match e.kind() {
            ErrorKind::LoadFailed { line, message, .. } => (
                message.clone(),
                line.map(|l| statement_at(&draft, l)).unwrap_or_default(),
            ),
            _ => (e.to_string(), String::new()),
        };
        return Outcome::Fails {
            message,
            statement,
            manual,
            draft,
        };
    }
    let after = match timed("pg_dump", || left_db.dump()) {
        Ok(a) => a,
        Err(e) => return Outcome::Broken(format!("pg_dump after the draft: {e}")),
    };
    let rest = match timed("diff", || pair.comparer.diff(&after, &right_dump)) {
        Ok(d) => d,
        Err(e) => return Outcome::Broken(format!("comparing the result: {e}")),
    };
    if rest.is_empty() {
        return Outcome::Ok;
    }
    let mut kinds = Vec::new();
    for c in rest.iter() {
        let top = format!("{} {}", c.change(), c.kind());
        if c.details().is_empty() {
            kinds.push(top);
        } else {
            for d in c.details() {
                kinds.push(format!("{top}: {} {}", d.change(), d.kind()));
            }
        }
    }
    kinds.sort();
    kinds.dedup();
    Outcome::Differs {
        diff: rest
            .to_string()
            .lines()
            .take(12)
            .map(str::to_string)
            .collect(),
        kinds,
        manual,
        draft,
    }
}

/// The draft's statement that spans `line` (psql reports the line a statement ends on).
fn statement_at(draft: &str, line: u32) -> String {
    let Ok(statements) = sql_compare::statements(draft) else {
        return String::new();
    };
    statements
        .iter()
        .find(|s| s.lines().start() <= line && line <= s.lines().end())
        .or_else(|| statements.iter().rev().find(|s| s.lines().end() <= line))
        .map(|s| s.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The statement's form: its first upper-case keywords (`ALTER TABLE ALTER COLUMN`).
fn form(statement: &str) -> String {
    statement
        .split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .take(10)
        .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .take(5)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A psql message with the names in it replaced by `…`, so that alike failures group: quoted
/// names, qualified names, numbers, and the lower-case words of the failing statement.
fn normalize(message: &str, statement: &str) -> String {
    let words: Vec<&str> = statement
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && w.chars().any(|c| c.is_lowercase()))
        .collect();
    let mut out = String::new();
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            for d in chars.by_ref() {
                if d == '"' {
                    break;
                }
            }
            out.push_str("\"…\"");
        } else if c.is_alphanumeric() || c == '_' {
            let mut w = String::from(c);
            while let Some(&d) = chars.peek() {
                if d.is_alphanumeric() || d == '_' || d == '.' {
                    w.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            let trailing_dot = w.ends_with('.');
            let core = w.trim_end_matches('.');
            if core.contains('.')
                || core.chars().all(|c| c.is_ascii_digit())
                || words.contains(&core)
            {
                out.push('…');
            } else {
                out.push_str(core);
            }
            if trailing_dot {
                out.push('.');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The text of a `-- manual:` note without the object's name: its change, kind and why.
fn manual_key(note: &str) -> String {
    let rest = note.trim_start_matches("-- manual:").trim();
    let why = rest.rsplit_once(": ").map(|(_, w)| w).unwrap_or(rest);
    let change = rest.split_whitespace().next().unwrap_or_default();
    format!("{change} …: {why}")
}

pub struct Report {
    pub summary: String,
    pub details: String,
}

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        "-".into()
    } else {
        format!("{:.1} %", n as f64 * 100.0 / of as f64)
    }
}

/// The run's figures, the misses' reasons grouped, and every missed pair's details.
pub fn report(outcomes: &[(&Pair, Outcome)], elapsed: Duration, threads: usize) -> Report {
    let mut s = String::new();
    let total = outcomes.len();
    let reached = outcomes
        .iter()
        .filter(|o| matches!(o.1, Outcome::Ok))
        .count();
    let own = outcomes.iter().filter(|(p, _)| p.topic != "migra").count();
    let auto: Vec<_> = outcomes
        .iter()
        .filter(|(p, _)| !p.expect_manual && p.topic != "migra")
        .collect();
    let auto_ok = auto.iter().filter(|o| matches!(o.1, Outcome::Ok)).count();
    let human: Vec<_> = outcomes.iter().filter(|(p, _)| p.expect_manual).collect();
    let human_ok = human.iter().filter(|o| matches!(o.1, Outcome::Ok)).count();
    let human_noted = human
        .iter()
        .filter(|(_, o)| !matches!(o, Outcome::Ok) && !o.manual().is_empty())
        .count();
    let migra: Vec<_> = outcomes
        .iter()
        .filter(|(p, _)| p.topic == "migra")
        .collect();
    let migra_ok = migra.iter().filter(|o| matches!(o.1, Outcome::Ok)).count();
    let _ = writeln!(
        s,
        "== migration drafts: {total} pairs ({own} of testdata/drafts, {} migra), {:.1} s on {threads} threads",
        migra.len(),
        elapsed.as_secs_f64()
    );
    let _ = writeln!(
        s,
        "reach the target: {reached} of {total} ({})",
        pct(reached, total)
    );
    let _ = writeln!(
        s,
        "testdata/drafts, automatable (not `expect: manual`): {auto_ok} of {} ({})",
        auto.len(),
        pct(auto_ok, auto.len())
    );
    let _ = writeln!(
        s,
        "testdata/drafts, `expect: manual`: {} pairs, {human_ok} reached anyway, {human_noted} of the others with a `-- manual:` note",
        human.len()
    );
    let _ = writeln!(
        s,
        "migra pairs of the corpus: {migra_ok} of {} ({})",
        migra.len(),
        pct(migra_ok, migra.len())
    );

    let phases = PHASES.lock().unwrap();
    let _ = writeln!(s, "time per phase, summed over the threads:");
    for (phase, d) in phases.iter() {
        let _ = writeln!(s, "  {phase:<16} {:8.1} s", d.as_secs_f64());
    }

    let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
    for (p, o) in outcomes {
        let class = if p.expect_manual && !matches!(o, Outcome::Ok) {
            "needs a human (expect: manual)"
        } else {
            o.class()
        };
        *classes.entry(class).or_default() += 1;
    }
    let _ = writeln!(s, "\noutcomes:");
    for (class, n) in &classes {
        let _ = writeln!(s, "  {n:4}  {class}");
    }

    let mut topics: BTreeMap<&str, (usize, usize, usize, usize)> = BTreeMap::new();
    for (p, o) in outcomes {
        let t = topics.entry(p.topic.as_str()).or_default();
        t.0 += 1;
        if matches!(o, Outcome::Ok) {
            t.1 += 1;
        }
        if !p.expect_manual {
            t.2 += 1;
            if matches!(o, Outcome::Ok) {
                t.3 += 1;
            }
        }
    }
    let _ = writeln!(
        s,
        "\nby topic (reached/pairs, and of the automatable ones):"
    );
    for (topic, (n, k, an, ak)) in &topics {
        let _ = writeln!(
            s,
            "  {topic:<16} {k:4}/{n:<4} {:>8}   automatable {ak:4}/{an:<4} {:>8}",
            pct(*k, *n),
            pct(*ak, *an)
        );
    }

    // Reasons, for the automatable misses (and migra's).
    let missed: Vec<_> = outcomes
        .iter()
        .filter(|(p, o)| !p.expect_manual && !matches!(o, Outcome::Ok))
        .collect();
    let mut errors: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut kinds: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut notes: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut other: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (p, o) in &missed {
        match o {
            Outcome::Fails {
                message, statement, ..
            } => errors
                .entry(format!(
                    "{}: {}",
                    form(statement),
                    normalize(message, statement)
                ))
                .or_default()
                .push(&p.id),
            Outcome::Differs { kinds: k, .. } => {
                for k in k {
                    kinds.entry(k.clone()).or_default().push(&p.id);
                }
            }
            o => other.entry(o.class()).or_default().push(&p.id),
        }
        let mut keys: Vec<String> = o.manual().iter().map(|m| manual_key(m)).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            notes.entry(k).or_default().push(&p.id);
        }
    }
    let group = |s: &mut String, title: &str, map: Vec<(String, Vec<&str>)>| {
        let mut map = map;
        map.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let _ = writeln!(s, "\n{title}: {}", if map.is_empty() { "none" } else { "" });
        for (key, ids) in map {
            let shown: Vec<&str> = ids.iter().take(4).copied().collect();
            let more = if ids.len() > 4 {
                format!(", +{}", ids.len() - 4)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "  {:4}  {key}\n        ({}{more})",
                ids.len(),
                shown.join(", ")
            );
        }
    };
    group(
        &mut s,
        "psql errors of the automatable misses, grouped (statement form: message)",
        errors.into_iter().collect(),
    );
    group(
        &mut s,
        "differences left after the draft, by object kind",
        kinds.into_iter().collect(),
    );
    group(
        &mut s,
        "`-- manual:` notes in the automatable misses' drafts",
        notes.into_iter().collect(),
    );
    group(
        &mut s,
        "other misses",
        other.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    );
    // The pairs that need a human: whether their drafts say so.
    // An undetected one compares equal with its options: its change may need `-- options:`.
    let mut silent: Vec<String> = human
        .iter()
        .filter(|(_, o)| !matches!(o, Outcome::Ok) && o.manual().is_empty())
        .map(|(p, o)| match o {
            Outcome::Undetected => format!("{} (undetected)", p.id),
            _ => p.id.clone(),
        })
        .collect();
    silent.sort();
    let _ = writeln!(
        s,
        "\n`expect: manual` pairs whose draft has no `-- manual:` note: {}",
        if silent.is_empty() {
            "none".to_string()
        } else {
            format!("{}\n  {}", silent.len(), silent.join("\n  "))
        }
    );

    let mut details = String::from("\n== every pair that does not reach its target\n");
    for (p, o) in outcomes {
        if !matches!(o, Outcome::Ok) {
            let tag = if p.expect_manual {
                " [expect: manual]"
            } else {
                ""
            };
            let _ = writeln!(details, "\n--- {}{tag}: {}", p.id, o.describe());
        }
    }
    Report {
        summary: s,
        details,
    }
}
