//! The library against real pg_dump output in `../shared/corpus`: every dump equals itself
//! and a shuffled copy, every pair gets the verdict of `INDEX.tsv`, migra pairs report only
//! objects their `expected.sql` touches, and the hard EQUAL pairs report exactly the objects
//! their NOTE.md names.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{corpus_dir, shuffle_dump};
use sql_compare::{Comparer, SchemaDiff};

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every dump in the corpus: `dumps/*.sql` and both sides of every pair.
fn all_dumps(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(corpus.join("dumps")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for pair in fs::read_dir(corpus.join("pairs")).unwrap() {
        let pair = pair.unwrap().path();
        for dir in [pair.clone(), pair.join("noowner")] {
            for side in ["a.dump.sql", "b.dump.sql"] {
                if dir.join(side).is_file() {
                    files.push(dir.join(side));
                }
            }
        }
    }
    files.retain(|f| f.extension().is_some_and(|e| e == "sql"));
    files.sort();
    files
}

struct Row {
    pair: String,
    plain: String,
    noowner: String,
}

fn index(corpus: &Path) -> Vec<Row> {
    read(&corpus.join("INDEX.tsv"))
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Row {
                pair: cols[0].to_string(),
                plain: cols[1].to_string(),
                noowner: cols.get(2).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

fn names(diff: &SchemaDiff) -> BTreeSet<String> {
    diff.changes()
        .iter()
        .map(|c| c.name().to_string())
        .collect()
}

#[test]
fn every_dump_equals_itself_and_a_shuffled_copy() {
    let Some(corpus) = corpus_dir() else { return };
    let files = all_dumps(&corpus);
    assert!(files.len() > 100, "only {} dumps found", files.len());
    for (k, file) in files.iter().enumerate() {
        let dump = read(file);
        let same = sql_compare::diff(&dump, &dump).unwrap();
        assert!(
            same.is_empty(),
            "{} differs from itself:\n{same}",
            file.display()
        );
        let shuffled = shuffle_dump(&dump, k as u64 + 1);
        assert_ne!(shuffled, dump);
        let d = sql_compare::diff(&dump, &shuffled).unwrap();
        assert!(
            d.is_empty(),
            "{} differs from its shuffled copy:\n{d}",
            file.display()
        );
    }
}

#[test]
fn every_statement_form_in_the_corpus_is_attached_to_an_object() {
    let Some(corpus) = corpus_dir() else { return };
    let all = Comparer::new().compare_settings(true);
    for file in all_dumps(&corpus) {
        let d = all.diff("", &read(&file)).unwrap();
        for c in d.changes() {
            assert!(
                !matches!(
                    c.kind(),
                    sql_compare::ObjectKind::Other | sql_compare::ObjectKind::Index
                ),
                "{}: a statement was not attached to an object: {} {}",
                file.display(),
                c.kind(),
                c.name()
            );
        }
    }
}

/// Pairs whose verdict needs more than this issue covers (other pg_dump versions, Rails
/// trailers): see the cross-version tests.
const CROSS_VERSION: &[&str] = &["EQUAL_MODULO_NOTED", "DIFFERENT_ACL_ONLY"];

/// EQUAL pairs that differ in how PostgreSQL printed an expression, with the objects their
/// NOTE.md's Expected verdict paragraph names.
const HARD_EQUAL: &[(&str, &[&str])] = &[
    (
        "reload-musicbrainz",
        &[
            "musicbrainz.editor_collection_type",
            "musicbrainz.release_event",
            "musicbrainz.series_type",
        ],
    ),
    (
        "xversion-pagila-pg15beta2-vs-pg17",
        &[
            "public.payment",
            "public.payment_p2022_01",
            "public.payment_p2022_02",
            "public.payment_p2022_03",
            "public.payment_p2022_04",
            "public.payment_p2022_05",
            "public.payment_p2022_06",
            "public.payment_p2022_07",
        ],
    ),
];

#[test]
fn every_pair_gets_its_verdict() {
    let Some(corpus) = corpus_dir() else { return };
    let mut checked = 0;
    for row in index(&corpus) {
        for (dir, verdict) in [
            (corpus.join("pairs").join(&row.pair), &row.plain),
            (
                corpus.join("pairs").join(&row.pair).join("noowner"),
                &row.noowner,
            ),
        ] {
            if verdict.is_empty() || !dir.join("a.dump.sql").is_file() {
                continue;
            }
            let (a, b) = (read(&dir.join("a.dump.sql")), read(&dir.join("b.dump.sql")));
            let d = sql_compare::diff(&a, &b).unwrap();
            let where_ = dir.display();
            // The comparison is symmetric.
            assert_eq!(
                sql_compare::diff(&b, &a).unwrap(),
                d.clone().mirror(),
                "{where_}"
            );
            if CROSS_VERSION.contains(&verdict.as_str()) {
                continue;
            }
            if let Some((_, expected)) = HARD_EQUAL.iter().find(|(p, _)| *p == row.pair) {
                let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
                assert_eq!(names(&d), expected, "{where_}:\n{d}");
                checked += 1;
                continue;
            }
            match verdict.as_str() {
                "EQUAL" => assert!(d.is_empty(), "{where_} should be equal:\n{d}"),
                "EQUAL_IGNORING_COLUMN_ORDER" => {
                    assert!(d.is_empty(), "{where_} should be equal:\n{d}");
                    let strict = Comparer::new().strict_column_order(true);
                    assert!(!strict.compare(&a, &b).unwrap(), "{where_}: column order");
                }
                "EQUAL_IGNORING_ENUM_ORDER" => {
                    assert!(d.is_empty(), "{where_} should be equal:\n{d}");
                    let strict = Comparer::new().strict_enum_order(true);
                    assert!(!strict.compare(&a, &b).unwrap(), "{where_}: enum order");
                }
                "DIFFERENT" => assert!(!d.is_empty(), "{where_} should differ"),
                other => panic!("{where_}: unknown verdict {other}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} pairs checked");
}

#[test]
fn hard_pairs_are_named_by_their_notes() {
    let Some(corpus) = corpus_dir() else { return };
    for (pair, objects) in HARD_EQUAL {
        let note = read(&corpus.join("pairs").join(pair).join("NOTE.md"));
        let verdict = note
            .split("**Expected verdict:**")
            .nth(1)
            .unwrap_or_else(|| panic!("{pair}: NOTE.md has no Expected verdict"));
        for object in *objects {
            let table = object.rsplit('.').next().unwrap();
            // pagila's note writes the partitions as `payment_p2022_01` … `_07`.
            let short = table.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
            assert!(
                verdict.contains(table) || verdict.contains(short),
                "{pair}: NOTE.md does not name {object}"
            );
        }
    }
}

/// The identifiers an `expected.sql` migration touches: every dotted name in it, quoted or not,
/// as written and by its last component.
fn touched(sql: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut parts: Vec<String> = Vec::new();
    let mut chars = sql.chars().peekable();
    let flush = |parts: &mut Vec<String>, out: &mut BTreeSet<String>| {
        if !parts.is_empty() {
            for k in 0..parts.len() {
                out.insert(parts[k..].join("."));
                out.insert(parts[..=k].join("."));
            }
            parts.clear();
        }
    };
    let mut after_dot = false;
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut id = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                id.push(c);
            }
            if !after_dot {
                flush(&mut parts, &mut out);
            }
            parts.push(id);
            after_dot = false;
        } else if c.is_alphanumeric() || c == '_' {
            let mut id = String::from(c.to_ascii_lowercase());
            while let Some(&n) = chars.peek() {
                if n.is_alphanumeric() || n == '_' {
                    id.push(n.to_ascii_lowercase());
                    chars.next();
                } else {
                    break;
                }
            }
            if !after_dot {
                flush(&mut parts, &mut out);
            }
            parts.push(id);
            after_dot = false;
        } else if c == '.' && !parts.is_empty() {
            after_dot = true;
        } else {
            flush(&mut parts, &mut out);
            after_dot = false;
        }
    }
    flush(&mut parts, &mut out);
    out
}

/// A routine's name without its argument list (`public.f(integer)` → `public.f`); quoted
/// names may contain parentheses.
fn without_arguments(name: &str) -> &str {
    let mut quoted = false;
    for (i, c) in name.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => return &name[..i],
            _ => {}
        }
    }
    name
}

#[test]
fn migra_pairs_report_only_objects_their_migration_touches() {
    let Some(corpus) = corpus_dir() else { return };
    let mut checked = 0;
    for row in index(&corpus)
        .iter()
        .filter(|r| r.pair.starts_with("migra-"))
    {
        let dir = corpus.join("pairs").join(&row.pair);
        let Ok(expected) = fs::read_to_string(dir.join("expected.sql")) else {
            continue;
        };
        // An empty migration (the `-migrated` pairs) names nothing; INDEX.tsv judges those.
        if expected.trim().is_empty() {
            continue;
        }
        let touched = touched(&expected);
        // Compare as migra did: its flags are in NOTE.md.
        let note = read(&dir.join("NOTE.md"));
        let flags = note
            .lines()
            .find_map(|l| l.strip_prefix("**migra flags used by its own test for this fixture:**"))
            .unwrap_or("")
            .trim();
        if note.contains("treat expected.sql as informational") {
            continue;
        }
        let mut comparer = Comparer::new().ignore_privileges(!flags.contains("--with-privileges"));
        let mut schemas: Vec<&str> = Vec::new();
        if let Some(rest) = flags.strip_prefix("--exclude_schema") {
            for schema in rest.split_whitespace() {
                comparer = comparer.exclude(schema).exclude(format!("{schema}.*"));
            }
        }
        if let Some(rest) = flags.strip_prefix("--schema") {
            if rest.contains(',') {
                // `--schema a,b` (a fork's option): migra compares schema a of one database
                // with schema b of the other, which is not what a dump comparison does.
                continue;
            }
            schemas = vec![rest.trim()];
        }
        if flags.contains("--create-extensions-only") {
            schemas.push("");
        }
        let a = read(&dir.join("a.dump.sql"));
        let d = comparer.diff(&a, &read(&dir.join("b.dump.sql"))).unwrap();
        for change in d.changes() {
            // `--schema S`: migra looks only inside S. `--create-extensions-only`: only at
            // extensions to create.
            let in_scope = |c: &sql_compare::Change| {
                schemas.is_empty()
                    || (schemas == [""]
                        && c.kind() == sql_compare::ObjectKind::Extension
                        && c.change() == sql_compare::ChangeKind::Added)
                    || schemas
                        .iter()
                        .any(|s| !s.is_empty() && c.name().starts_with(&format!("{s}.")))
            };
            if !in_scope(change) {
                continue;
            }
            // The object, or one of its parts that differ (an index of a table), is named.
            let is_touched = |name: &str| {
                let name = without_arguments(name).replace('"', "");
                let last = name.rsplit('.').next().unwrap_or_default().to_string();
                touched.contains(&name) || touched.contains(&last)
            };
            assert!(
                is_touched(change.name()) || change.details().iter().any(|p| is_touched(p.name())),
                "{}: {} {} {} is not in expected.sql\n{d}",
                row.pair,
                change.change(),
                change.kind(),
                change.name()
            );
        }
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} migra pairs checked");
}

#[test]
fn every_pair_reports_in_words_both_ways() {
    let Some(corpus) = corpus_dir() else { return };
    let mut notes = 0;
    let mut pairs: Vec<PathBuf> = fs::read_dir(corpus.join("pairs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pairs.sort();
    for pair in pairs {
        let (a, b) = (pair.join("a.dump.sql"), pair.join("b.dump.sql"));
        if !a.is_file() || !b.is_file() {
            continue;
        }
        for (l, r) in [(&a, &b), (&b, &a)] {
            let d = sql_compare::diff_files(l, r).unwrap();
            let text = d.to_string();
            if d.is_empty() {
                assert_eq!(text, "");
                continue;
            }
            // The sides are named, and lines point into the files by line.
            assert!(
                text.starts_with(&format!("- left: {}\n", l.display())),
                "{text}"
            );
            let (left_line, right_line) =
                (format!("- {}:", l.display()), format!("+ {}:", r.display()));
            assert!(
                text.contains(&left_line) || text.contains(&right_line),
                "no line points into a file in\n{text}"
            );
            fn walk(c: &sql_compare::Change, notes: &mut usize, where_: &Path) {
                for n in c.notes() {
                    assert_ne!(n.left(), n.right(), "{}: {n}", where_.display());
                    *notes += 1;
                }
                for d in c.details() {
                    walk(d, notes, where_);
                }
            }
            for c in d.changes() {
                walk(c, &mut notes, &pair);
            }
        }
    }
    assert!(notes > 20, "only {notes} notes");
}
