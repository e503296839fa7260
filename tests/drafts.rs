//! Migration drafts verified on a real server, at scale: every pair of `testdata/drafts/`
//! (schema changes written from PostgreSQL 15's documentation, see its README.md) and the
//! corpus's migra pairs. For each pair both sides are loaded into empty databases and dumped,
//! the draft computed from the two dumps is applied in one transaction to the left database,
//! which is dumped again and compared with the right dump.
//!
//! The pairs listed in `testdata/drafts/expected.txt` must reach their target; a pair that
//! newly does is printed, and `SQL_COMPARE_BLESS=1` rewrites the list from the run. Other
//! variables: `SQL_COMPARE_DRAFTS=text` runs only the pairs whose id contains `text` (the list
//! is then only checked, never rewritten), `SQL_COMPARE_DRAFTS_THREADS=n` (default 4),
//! `SQL_COMPARE_DRAFTS_FRESH=1` (fresh databases for every pair instead of each worker's two
//! databases emptied between pairs), and
//! `SQL_COMPARE_DRAFTS_REPORT=path` writes the grouped report and every pair's outcome
//! there (`scripts/draft-report.sh` does that and prints it).

mod common;
mod drafts_support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use common::corpus_dir;
use common::pg::server;
use drafts_support::{Outcome, Pair, Slot, Source, parse_pairs, report, run_pair};

fn drafts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/drafts")
}

/// The pairs of `testdata/drafts/*.sql`, then the corpus's migra pairs (when the corpus is
/// there).
fn all_pairs() -> Vec<Pair> {
    let dir = drafts_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .filter(|p| p.file_name().is_some_and(|n| n != "roles.sql"))
        .collect();
    files.sort();
    let mut pairs = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let topic = file.file_stem().unwrap().to_string_lossy().to_string();
        pairs.extend(
            parse_pairs(&topic, &text).unwrap_or_else(|e| panic!("{}: {e}", file.display())),
        );
    }
    let mut seen = BTreeSet::new();
    for p in &pairs {
        assert!(seen.insert(p.id.clone()), "two pairs are named {}", p.id);
    }
    if let Some(corpus) = corpus_dir() {
        let mut migra: Vec<PathBuf> = std::fs::read_dir(corpus.join("pairs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("migra-")
            })
            .collect();
        migra.sort();
        for dir in migra {
            let name = dir.file_name().unwrap().to_string_lossy().to_string();
            pairs.push(Pair {
                id: format!("migra/{}", name.trim_start_matches("migra-")),
                topic: "migra".into(),
                expect_manual: false,
                comparer: Default::default(),
                source: Source::Dumps(dir),
            });
        }
    }
    pairs
}

fn read_expected(path: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn drafts_reach_their_target() {
    let Some(server) = server() else { return };
    let roles = std::fs::read_to_string(drafts_dir().join("roles.sql")).unwrap();
    sql_compare::psql(server.admin_url(), &roles).expect("creating the pairs' roles");

    let filter = std::env::var("SQL_COMPARE_DRAFTS").unwrap_or_default();
    let pairs: Vec<Pair> = all_pairs()
        .into_iter()
        .filter(|p| p.id.contains(&filter))
        .collect();
    let threads: usize = std::env::var("SQL_COMPARE_DRAFTS_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4)
        .max(1);

    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let mut slot = Slot::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(pair) = pairs.get(i) else { break };
                    let outcome = run_pair(server.scratch(), pair, &mut slot);
                    results.lock().unwrap().push((i, outcome));
                }
            });
        }
    });
    let elapsed = start.elapsed();
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);
    let outcomes: Vec<(&Pair, Outcome)> =
        results.into_iter().map(|(i, o)| (&pairs[i], o)).collect();

    // Pairs that are wrong themselves: a side that does not load, or two sides that dump alike.
    let broken: Vec<String> = outcomes
        .iter()
        .filter_map(|(p, o)| match o {
            Outcome::Broken(why) => Some(format!("{}: {why}", p.id)),
            _ => None,
        })
        .collect();

    let text = report(&outcomes, elapsed, threads);
    eprintln!("{}", text.summary);
    if let Ok(path) = std::env::var("SQL_COMPARE_DRAFTS_REPORT") {
        std::fs::write(&path, format!("{}\n{}", text.summary, text.details))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    assert!(
        broken.is_empty(),
        "pairs that are wrong:\n{}",
        broken.join("\n")
    );

    // The regression gate.
    let expected_path = drafts_dir().join("expected.txt");
    let expected = read_expected(&expected_path);
    let reached: BTreeSet<String> = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Ok))
        .map(|(p, _)| p.id.clone())
        .collect();
    let ran: BTreeSet<&str> = pairs.iter().map(|p| p.id.as_str()).collect();
    let bless = std::env::var("SQL_COMPARE_BLESS").is_ok_and(|v| v == "1");
    if bless && filter.is_empty() {
        // Migra pairs that did not run (no corpus) keep their line.
        let mut list: BTreeSet<String> = expected
            .iter()
            .filter(|id| !ran.contains(id.as_str()))
            .cloned()
            .collect();
        list.extend(reached.iter().cloned());
        let mut out = String::from(
            "# The pairs whose draft reaches the target (tests/drafts.rs fails when one no longer does).\n# Rewritten by SQL_COMPARE_BLESS=1 cargo test --all-features --test drafts; do not edit by hand.\n",
        );
        for id in &list {
            out.push_str(id);
            out.push('\n');
        }
        std::fs::write(&expected_path, out).unwrap();
        eprintln!("wrote {} ({} pairs)", expected_path.display(), list.len());
        return;
    }
    let newly: Vec<&String> = reached
        .iter()
        .filter(|id| !expected.contains(*id))
        .collect();
    if !newly.is_empty() {
        eprintln!(
            "newly reaching the target (run with SQL_COMPARE_BLESS=1 to add them to {}):\n  {}",
            expected_path.display(),
            newly
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        );
    }
    let is_migra = |id: &str| id.starts_with("migra/");
    let mut regressed = Vec::new();
    for id in &expected {
        if !ran.contains(id.as_str()) {
            // A pair of testdata that is gone is an error; a migra pair needs the corpus.
            if filter.is_empty() && !is_migra(id) {
                regressed.push(format!("{id}: listed in expected.txt but no such pair"));
            }
            continue;
        }
        if !reached.contains(id) {
            let (_, o) = outcomes.iter().find(|(p, _)| &p.id == id).unwrap();
            regressed.push(format!("{id}: {}", o.describe()));
        }
    }
    // What README says of the set: a pair that needs a human ends in a `-- manual:` note, and
    // no draft fails in psql.
    for (p, o) in &outcomes {
        if p.expect_manual && o.class() != "manual" {
            regressed.push(format!(
                "{}: expected a -- manual: note: {}",
                p.id,
                o.describe()
            ));
        }
        if matches!(o, Outcome::Fails { .. }) {
            regressed.push(format!(
                "{}: the draft fails in psql: {}",
                p.id,
                o.describe()
            ));
        }
    }
    assert!(
        regressed.is_empty(),
        "pairs that reached their target no longer do, or miss as they must not:\n{}",
        regressed.join("\n\n")
    );
}
