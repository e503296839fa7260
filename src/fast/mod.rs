//! The fast path: parses the two sides of a comparison together, and gives on each side
//! exactly what [`parse`] (the reference) gives, errors included. [`parse_pair`] is the one
//! entry; the tests below check the contract on every corpus dump and pair and on random input.
//!
//! The rule: two dumps of one schema are mostly the same statements, byte for byte (a changed
//! column order or a new index changes a few statements, not the other thousands), and a
//! statement's tokens depend on its text alone (they keep no location). So every distinct
//! statement text is tokenized once, whichever side it is on, and the statements that repeat
//! it share its tokens; a line found in more than one of those texts is tokenized once too
//! (see `lines`). On the MusicBrainz pair the whole comparison so costs 0.62× the
//! instructions of sqlparser's bare tokenizer over both inputs (`scripts/instructions.sh`).
//!
//! The schedule, in named steps that both schedules below run:
//!
//! 1. [`split_hashed`]: each side split into statements, each statement's text hashed;
//! 2. [`Plan::new`]: the distinct statement texts, and which one each statement is; then
//!    [`tokenize_texts`]: each tokenized, from its own text and the tokens of the lines found
//!    more than once;
//! 3. [`classify_side`]: each side classified, with the tokens of step 2.
//!
//! [`one_thread`] runs them one after the other. With two CPUs and a large input, `two` runs
//! the same steps on this thread and one helper thread: the right side split and classified by
//! the helper, step 2 shared out in chunks that each thread takes in turn.

pub(crate) mod common;
pub(crate) mod handoff;
pub(crate) mod hash;
pub(crate) mod lines;
mod two;

use std::sync::Arc;

use crate::classify::Order;
use crate::error::Error;
use crate::fast::handoff::Threads;
use crate::fast::hash::{FastHashMap, Hashed, hash_text};
use crate::fast::lines::{Cuts, Lexed};
use crate::parse::{Parsed, PresizedLists, classify, parse};
use crate::split::{RawStatement, split};

/// How many statements a thread tokenizes before it takes the next ones.
const LEX_CHUNK: usize = 64;

/// A dump's statements and the hash of each one's text, or the dump's first error.
type Split<'a> = Result<(Arc<Vec<RawStatement<'a>>>, Vec<u64>), Error>;

/// Parses both dumps. The results, errors included, are those of `parse` on each side.
pub(crate) fn parse_pair<'a>(
    left: &'a str,
    right: &'a str,
    order: Order,
    threads: Threads,
) -> Sides<'a> {
    if threads.two {
        if let Some(parsed) = two::parse_pair(left, right, order) {
            return parsed;
        }
    }
    one_thread(left, right, order)
}

/// Both sides parsed.
type Sides<'a> = (Result<Parsed<'a>, Error>, Result<Parsed<'a>, Error>);

/// The schedule on one thread (or when no second thread could be started): the steps one
/// after the other.
fn one_thread<'a>(left: &'a str, right: &'a str, order: Order) -> Sides<'a> {
    let (Ok((lraw, lhash)), Ok((rraw, rhash))) = (split_hashed(left), split_hashed(right)) else {
        // Bad input: parse each side on its own, which reports its first error.
        return (parse(left, order), parse(right, order));
    };
    let Plan {
        texts,
        left: left_ids,
        right: right_ids,
    } = Plan::new(&lraw, &lhash, &rraw, &rhash);
    drop((lhash, rhash));
    let done = tokenize_texts(texts);
    (
        classify_side(lraw, left_ids, &done, order),
        classify_side(rraw, right_ids, &done, order),
    )
}

/// Step 2 on one thread: the tokens of each distinct text, in order.
fn tokenize_texts(texts: Vec<&RawStatement<'_>>) -> Vec<Lexed> {
    let cuts = Cuts::new(&texts);
    let texts: Vec<(usize, &RawStatement<'_>)> = texts.into_iter().enumerate().collect();
    cuts.lex_all(&texts)
}

/// Step 3 for one side: its first error, if a statement's tokens are one (located in its
/// text), else its statements classified, each with its tokens from `done` (a statement's are anywhere in it: in a large dump, a cache miss each).
fn classify_side<'a>(
    raw: Arc<Vec<RawStatement<'a>>>,
    text_id: Vec<u32>,
    done: &[Lexed],
    order: Order,
) -> Result<Parsed<'a>, Error> {
    if done.iter().any(Result::is_err) {
        for (r, &t) in raw.iter().zip(&text_id) {
            if let Err(e) = &done[t as usize] {
                return Err((**e).clone().in_statement_at(r.start));
            }
        }
    }
    let lists = PresizedLists::new(&raw);
    let tokens = |_, t: u32| done[t as usize].as_ref().ok();
    Ok(classify(raw, tokens, text_id, order, lists))
}

/// The statements to tokenize, one per distinct text (the left side's first, in order), and
/// which of them gives each statement of each side its tokens.
struct Plan<'r, 'a> {
    texts: Vec<&'r RawStatement<'a>>,
    left: Vec<u32>,
    right: Vec<u32>,
}

impl<'r, 'a> Plan<'r, 'a> {
    fn new(
        left: &'r [RawStatement<'a>],
        left_hashes: &[u64],
        right: &'r [RawStatement<'a>],
        right_hashes: &[u64],
    ) -> Self {
        let mut texts: Vec<&'r RawStatement<'a>> = Vec::with_capacity(left.len() + right.len() / 4);
        let mut seen: FastHashMap<Hashed<'a>, u32> =
            FastHashMap::with_capacity_and_hasher(left.len(), Default::default());
        let mut text_id_of = |r: &'r RawStatement<'a>, hash: u64| -> u32 {
            // Meta-command lines and COPY rows add to a statement's tokens: those are its own.
            let shareable = r.meta_lines().is_empty() && r.copy_rows().is_empty();
            let next = texts.len() as u32;
            let t = if shareable {
                let text = Hashed { hash, text: r.text };
                *seen.entry(text).or_insert(next)
            } else {
                next
            };
            if t == next {
                texts.push(r);
            }
            t
        };
        let left = left
            .iter()
            .zip(left_hashes)
            .map(|(r, &h)| text_id_of(r, h))
            .collect();
        let right = right
            .iter()
            .zip(right_hashes)
            .map(|(r, &h)| text_id_of(r, h))
            .collect();
        Plan { texts, left, right }
    }
}

/// A dump's statements and a hash of each one's text.
fn split_hashed(src: &str) -> Split<'_> {
    let raw = split(src)?;
    let hashes = raw.iter().map(|r| hash_text(r.text)).collect();
    Ok((Arc::new(raw), hashes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, Location};
    use std::sync::Mutex;

    // The contract: `parse_pair`, on one thread and on two, gives on each side what `parse`
    // gives on it alone (`check`), on crafted inputs, on random ones (proptest) and on every
    // dump and pair of the corpus.

    /// Whether two parses are the same: statements, tokens, locations, entries or error.
    pub(super) fn same(a: &Result<Parsed<'_>, Error>, b: &Result<Parsed<'_>, Error>) -> bool {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                a.stmts.len() == b.stmts.len()
                    && (0..a.stmts.len() as u32).all(|k| {
                        let (x, y) = (a.stmt(k), b.stmt(k));
                        x.text == y.text
                            && x.start == y.start
                            && x.tokens.toks == y.tokens.toks
                            && (0..=x.tokens.toks.len()).all(|k| x.location(k) == y.location(k))
                    })
                    && format!("{:?}", a.entries) == format!("{:?}", b.entries)
            }
            (Err(a), Err(b)) => a == b,
            _ => false,
        }
    }

    fn check(left: &str, right: &str) {
        let order = Order::default();
        for two in [false, true] {
            let (l, r) = parse_pair(left, right, order, Threads { two });
            let (l_alone, r_alone) = (parse(left, order), parse(right, order));
            assert!(same(&l, &l_alone), "left of {left:?} / {right:?}");
            assert!(same(&r, &r_alone), "right of {left:?} / {right:?}");
        }
    }

    #[test]
    fn small_inputs_or_one_cpu_run_on_one_thread() {
        assert_eq!(Threads::for_input(100), Threads { two: false });
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(Threads::for_input(1 << 20), Threads { two: cpus > 1 });
        // A fuzz input (a few KiB) takes the two-thread path in fuzz builds only.
        assert_eq!(
            Threads::for_input(4096),
            Threads {
                two: cfg!(fuzzing) && cpus > 1
            }
        );
    }

    #[test]
    fn free_later_frees_on_another_thread_only_with_two_threads_outside_fuzz_builds() {
        struct Dropped(Arc<Mutex<Option<std::thread::ThreadId>>>);
        impl Drop for Dropped {
            fn drop(&mut self) {
                *self.0.lock().unwrap() = Some(std::thread::current().id());
            }
        }
        let here = std::thread::current().id();
        for two in [false, true] {
            let by = Arc::new(Mutex::new(None));
            Threads { two }.free_later(Dropped(Arc::clone(&by)));
            if !two || cfg!(fuzzing) {
                assert_eq!(*by.lock().unwrap(), Some(here), "two: {two}");
                continue;
            }
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while by.lock().unwrap().is_none() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            let by = by.lock().unwrap().expect("dropped");
            assert_ne!(by, here);
        }
    }

    #[test]
    fn shared_statements_parse_as_on_their_own() {
        let left = "SET search_path = app;\nCREATE TABLE t (a int);\n\n  CREATE INDEX i ON t (a);\nCOPY t (a) FROM stdin;\n1\n\\.\n";
        let right = "CREATE INDEX i ON t (a);\nCREATE TABLE t (a int);\nCREATE TABLE t (a int);\nCOPY t (a) FROM stdin;\n1\n\\.\nSET search_path = app;\n";
        check(left, right);
        check(right, left);
        check(left, left);
        check("", left);
        check("SELECT 1 /* x */;", "SELECT 1\n\\restrict k\n;");
    }

    #[test]
    fn errors_are_each_sides_own() {
        // The same bad statement at different places: each side's error says where it is.
        let (l, r) = parse_pair(
            "SELECT ._x;",
            "SELECT 1;\n  SELECT ._x;",
            Order::default(),
            Threads { two: true },
        );
        assert_eq!(l.unwrap_err().location(), Some(Location::new(1, 8)));
        assert_eq!(r.unwrap_err().location(), Some(Location::new(2, 10)));
        check("SELECT ._x;", "SELECT 1;\n  SELECT ._x;");
        // A split error on one side; the other side is still parsed.
        let (l, r) = parse_pair(
            "SELECT 'x",
            "SELECT 1;",
            Order::default(),
            Threads { two: true },
        );
        assert_eq!(l.unwrap_err().kind(), &ErrorKind::UnterminatedString);
        assert!(r.is_ok());
        check("SELECT 1;", "SELECT \"x");
    }

    #[test]
    fn texts_are_shared_only_when_equal() {
        let l = split("SELECT 1;\nSELECT 2;\nSELECT 1;").unwrap();
        let r = split("SELECT 2;\nSELECT 3;\nSELECT 1;").unwrap();
        let hashes = |raw: &[RawStatement<'_>]| -> Vec<u64> {
            raw.iter().map(|r| hash_text(r.text)).collect()
        };
        let plan = Plan::new(&l, &hashes(&l), &r, &hashes(&r));
        assert_eq!(plan.texts.len(), 3);
        assert_eq!(plan.left, [0, 1, 0]);
        assert_eq!(plan.right, [1, 2, 0]);
        // Every hash the same: texts still decide, and the plan is the same.
        let plan = Plan::new(&l, &[7; 3], &r, &[7; 3]);
        let texts: Vec<&str> = plan.texts.iter().map(|r| r.text).collect();
        assert_eq!(texts, ["SELECT 1;", "SELECT 2;", "SELECT 3;"]);
        assert_eq!(plan.left, [0, 1, 0]);
        assert_eq!(plan.right, [1, 2, 0]);
    }

    /// Statements of several lines with every kind of token that can span lines, each line
    /// found in another statement too.
    const CUT: &str = "CREATE TABLE t (\n    a text DEFAULT 'x\ny',\n    b int /* c\n  d */,\n    c int\n);
CREATE TABLE u (\n    c int,\n    a text DEFAULT 'x\ny',\n    e text DEFAULT E'\\\n',\n    f text DEFAULT $$\n$$\n);
CREATE TABLE v (\n    c int\n);
CREATE TRIGGER g AFTER INSERT ON t FOR EACH ROW EXECUTE\nPROCEDURE f();
CREATE TRIGGER h AFTER INSERT ON t FOR EACH ROW EXECUTE\nPROCEDURE f();
CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n    SELECT 1;\n    SELECT 2;\nEND;
CREATE FUNCTION f2() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n    SELECT 1;\n    SELECT 2;\nEND;
CREATE VIEW w AS\n SELECT a +\n- 1 AS x,\r\n \"Mixed\" -- note\n FROM t;
CREATE VIEW w2 AS\n SELECT a +\n- 1 AS x,\r\n \"Mixed\" -- note\n FROM t\n WHERE true;
";

    #[test]
    fn statements_cut_into_lines_tokenize_as_whole() {
        let stmts = split(CUT).unwrap();
        let texts: Vec<&RawStatement<'_>> = stmts.iter().collect();
        let cuts = Cuts::new(&texts);
        // Every statement is cut; a shared line ends in a `;` that does not end its statement.
        assert!(
            (0..texts.len()).all(|t| !cuts.pieces(t).is_empty()),
            "{cuts:?}"
        );
        assert!(cuts.shared.contains(&"    SELECT 1;\n"));
        assert!(cuts.shared.contains(&"    a text DEFAULT 'x\ny',\n"));
        check(CUT, "");
        check(CUT, CUT);
        check("SELECT 1;", CUT);
        // A line that does not tokenize: the statement is tokenized whole, for its error.
        let bad = "SELECT 1,\n  2;\nSELECT 3,\n._x,\n  2;\nSELECT 4,\n._x;";
        check(bad, "");
        check(bad, bad);
    }

    /// Pieces of SQL that can span lines or change how what follows them reads.
    const PIECES: &[&str] = &[
        "CREATE TABLE t (",
        "a int",
        ",",
        ")",
        ";",
        "'x'",
        "'x\ny'",
        "E'\\'",
        "E'a\\\nb'",
        "\"Q\"",
        "\"q\nr\"",
        "$$ body\n; $$",
        "$f$\n$$ $f$",
        "/* c\n */",
        "/* /* nested\n */ */",
        "-- note",
        "EXECUTE",
        "PROCEDURE",
        "f()",
        "a+",
        "-b",
        "._x",
        "1.",
        ".5",
        "x.1",
        "BEGIN ATOMIC",
        "SELECT 1;",
        "END",
        "COPY t FROM stdin",
        "\\x",
        "\r",
    ];

    proptest::proptest! {
        /// Random statements of those pieces, one on each side, split over lines at random:
        /// the lines that repeat are tokenized once, and every statement still parses (or
        /// fails) exactly as tokenized whole.
        #[test]
        fn random_statements_parse_as_on_their_own(
            picks in proptest::collection::vec((0..PIECES.len(), 0..4usize), 1..40),
            cut in 0..40usize,
        ) {
            let mut text = String::new();
            for (piece, gap) in picks {
                text.push_str(PIECES[piece]);
                text.push_str(["\n", " ", "\n  ", "\n\n"][gap]);
            }
            let cut = text.char_indices().nth(cut).map_or(text.len(), |(i, _)| i);
            let (left, right) = text.split_at(cut);
            let twice = format!("{text}\n{text}");
            check(&text, right);
            check(left, &twice);
        }
    }

    /// Runs `one` on every entry of `../shared/corpus/<dir>`, which says whether it could read
    /// and check it; at least one must be checked. Skipped, with a word on standard error,
    /// where there is no corpus; failed instead under `CI=true` (as `tests/common`'s
    /// `corpus_dir`).
    fn each_in_corpus(dir: &str, mut one: impl FnMut(&std::path::Path) -> bool) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus")
            .join(dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(!ci, "the corpus is missing: expected {}", dir.display());
            eprintln!("skipped: no corpus at {}", dir.display());
            return;
        };
        let checked = entries.flatten().filter(|e| one(&e.path())).count();
        assert!(checked > 0, "nothing checked in {}", dir.display());
    }

    #[test]
    fn corpus_dumps_parse_as_on_their_own() {
        each_in_corpus("dumps", |dump| {
            let text = std::fs::read_to_string(dump);
            text.map(|text| check(&text, "")).is_ok()
        });
    }

    #[test]
    fn corpus_pairs_parse_as_each_side_on_its_own() {
        each_in_corpus("pairs", |pair| {
            let read = |side: &str| std::fs::read_to_string(pair.join(side)).ok();
            let sides = read("a.dump.sql").zip(read("b.dump.sql"));
            sides.map(|(a, b)| check(&a, &b)).is_some()
        });
    }
}
