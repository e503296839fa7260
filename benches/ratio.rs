//! Prints the ratios issue 5 asks for, from real runs timed with `Instant` (median and minimum
//! of N interleaved runs):
//! `diff` against the bare sqlparser tokenizer over both inputs, in parallel and on one CPU;
//! against the bare tokenizer over the pair's distinct statement texts (`diff` tokenizes each
//! of them once, and a line that repeats among them once too); and how the time grows from a
//! 1 MB pair to a 10 MB (and 50 MB) pair, measured one after the other (`growth` measures that
//! with the pairs interleaved).
//!
//! ```sh
//! CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench ratio
//! SQL_COMPARE_BENCH_LARGE=1 CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench ratio
//! # Write the generated pairs as files (for the CLI, /usr/bin/time -v, a profiler):
//! CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench ratio -- --write-generated /tmp/gen
//! # Run one step once on two files, e.g. under valgrind --tool=callgrind or dhat:
//! #   tokenizer (bare sqlparser over A then B), split (A), parse (A), diff (A and B)
//! $(ls -t /tmp/target-bench/release/deps/ratio-* | head -1) --once diff A B
//! ```

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::usage::Usage;
use common::{OneCpu, Pair};

/// The times of one step over the runs: their median and their minimum. On a loaded machine
/// the minimum is the better estimate of the step's own cost (other processes only add time).
#[derive(Clone, Copy)]
struct Stat {
    median: Duration,
    min: Duration,
}

fn stat(mut times: Vec<Duration>) -> Stat {
    times.sort();
    Stat {
        median: times[times.len() / 2],
        min: times[0],
    }
}

fn time(f: impl FnOnce() -> usize) -> Duration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

struct Row {
    name: String,
    left: usize,
    both: usize,
    runs: usize,
    tok_left: Stat,
    tok_both: Stat,
    split_left: Stat,
    parse_left: Stat,
    diff: Stat,
    diff_one_cpu: Option<Stat>,
    /// Bytes of the statements of both sides, and of their distinct texts.
    stmt_bytes: usize,
    distinct_bytes: usize,
    /// The bare tokenizer over each distinct statement text, one after the other (`diff`
    /// tokenizes less: a line that repeats among those texts, once).
    tok_distinct: Stat,
    /// CPU time of one `diff` (both threads), the mean over the runs: unlike wall-clock time it
    /// does not depend on how much of the machine other processes leave free.
    diff_cpu: Option<Duration>,
}

/// Times every step `runs` times, the steps interleaved (one run of each in turn), so that a
/// change of load on the machine falls on all of them alike. One untimed warm-up round first.
fn measure(pair: &Pair, runs: usize) -> Row {
    common::check(pair);
    let can_pin = OneCpu::pin().is_some();
    let distinct = common::distinct_statements(pair);
    let mut t: [Vec<Duration>; 7] = Default::default();
    let mut cpu = Some(Duration::ZERO);
    for round in 0..=runs {
        let mut one = [
            time(|| common::bare_tokenize(&pair.left)),
            time(|| common::bare_tokenize(&pair.left) + common::bare_tokenize(&pair.right)),
            time(|| sql_compare::statements(&pair.left).map_or(0, |s| s.len())),
            time(|| common::parse_one(&pair.left)),
            Duration::ZERO,
            Duration::ZERO,
            time(|| common::bare_tokenize_each(&distinct.texts)),
        ];
        let before = Usage::now();
        one[4] = time(|| common::diff(pair));
        // `diff` frees its parsed dumps on a thread of its own after it returns. Wait as long
        // again (freeing costs far less than parsing), so that the CPU time counts that work
        // and it does not run into the next step's timing.
        std::thread::sleep(one[4]);
        if round > 0 {
            cpu = match (cpu, before, Usage::now()) {
                (Some(sum), Some(a), Some(b)) => Some(sum + a.until(b).cpu),
                _ => None,
            };
        }
        if can_pin {
            let _pinned = OneCpu::pin();
            one[5] = time(|| common::diff(pair));
        }
        if round > 0 {
            for (v, d) in t.iter_mut().zip(one) {
                v.push(d);
            }
        }
    }
    let [
        tok_left,
        tok_both,
        split_left,
        parse_left,
        diff,
        diff_one_cpu,
        tok_distinct,
    ] = t.map(stat);
    Row {
        name: pair.name.clone(),
        left: pair.left.len(),
        both: pair.bytes(),
        runs,
        tok_left,
        tok_both,
        split_left,
        parse_left,
        diff,
        diff_one_cpu: can_pin.then_some(diff_one_cpu),
        stmt_bytes: distinct.all_bytes,
        distinct_bytes: distinct.texts.iter().map(|t| t.len()).sum(),
        tok_distinct,
        diff_cpu: cpu.map(|c| c / runs as u32),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn mbs(bytes: usize, d: Duration) -> String {
    format!("{:.1}", bytes as f64 / 1e6 / d.as_secs_f64())
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}

fn cell(bytes: usize, d: Duration) -> String {
    format!("{} ms ({} MB/s)", ms(d), mbs(bytes, d))
}

fn print_tables(rows: &[Row]) {
    for (title, pick) in [
        ("medians", (|s: Stat| s.median) as fn(Stat) -> Duration),
        (
            "minimums (less sensitive to other load on the machine)",
            |s: Stat| s.min,
        ),
    ] {
        println!();
        println!(
            "Times: {title} of N runs; MB/s in 10^6 bytes per second; `both` = the two sides together."
        );
        println!(
            "| pair | MB (both) | N | tokenizer, both sides one after the other | split left | parse left (≈) | parse left / tokenizer left | diff, 2 threads | diff, 1 CPU | diff / tokenizer | diff 1 CPU / tokenizer |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for r in rows {
            let one = r
                .diff_one_cpu
                .map_or_else(|| "n/a".to_string(), |d| cell(r.both, pick(d)));
            let one_ratio = r.diff_one_cpu.map_or_else(
                || "n/a".to_string(),
                |d| format!("{:.2}×", ratio(pick(d), pick(r.tok_both))),
            );
            println!(
                "| {} | {:.2} | {} | {} | {} | {} | {:.2}× | {} | {} | {:.2}× | {} |",
                r.name,
                r.both as f64 / 1e6,
                r.runs,
                cell(r.both, pick(r.tok_both)),
                cell(r.left, pick(r.split_left)),
                cell(r.left, pick(r.parse_left)),
                ratio(pick(r.parse_left), pick(r.tok_left)),
                cell(r.both, pick(r.diff)),
                one,
                ratio(pick(r.diff), pick(r.tok_both)),
                one_ratio,
            );
        }
    }

    println!();
    println!(
        "Distinct statement texts: a text that appears more than once (on either side) is tokenized once by `diff`. \
         A line that repeats among the distinct texts is tokenized once too, so the bare tokenizer over each \
         distinct text, one after the other, is more tokenizing than `diff` does; the rest of `diff` is \
         splitting, classifying and matching (medians)."
    );
    println!(
        "| pair | statements, both sides | distinct texts | share | bare tokenizer over the distinct texts | diff 1 CPU / that | diff 2 threads / that |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let tok = r.tok_distinct.median;
        let one = r.diff_one_cpu.map_or_else(
            || "n/a".to_string(),
            |d| format!("{:.2}×", ratio(d.median, tok)),
        );
        println!(
            "| {} | {:.2} MB | {:.2} MB | {:.0} % | {} | {} | {:.2}× |",
            r.name,
            r.stmt_bytes as f64 / 1e6,
            r.distinct_bytes as f64 / 1e6,
            100.0 * r.distinct_bytes as f64 / r.stmt_bytes.max(1) as f64,
            cell(r.distinct_bytes, tok),
            one,
            ratio(r.diff.median, tok),
        );
    }
    println!();
    println!(
        "CPU time of diff (both threads together; user + system, mean of N runs, 10 ms ticks). \
         It grows with the work done whatever else runs, so it serves the linearity check below; it \
         is not the sequential cost: two threads running at once slow each other down (shared \
         caches and memory bandwidth), so it is above the one-CPU wall time."
    );
    println!(
        "| pair | diff CPU time | MB/s of CPU time | diff CPU time / tokenizer both sides (minimum wall time) |"
    );
    println!("|---|---:|---:|---:|");
    for r in rows {
        if let Some(c) = r.diff_cpu {
            println!(
                "| {} | {} | {} | {:.2}× |",
                r.name,
                ms(c),
                mbs(r.both, c),
                ratio(c, r.tok_both.min)
            );
        }
    }

    if let Some(mb) = rows.iter().find(|r| r.name == "order-musicbrainz-columns") {
        println!();
        println!("Targets on the MusicBrainz pair (issue 5), from the medians (and the minimums):");
        if let Some(d) = mb.diff_one_cpu {
            let x = ratio(d.median, mb.tok_both.median);
            let y = ratio(d.min, mb.tok_both.min);
            println!(
                "- diff on one CPU / tokenizer over both inputs = {x:.2}× ({y:.2}×); target ≤ 1.30×: {} ({})",
                verdict(x <= 1.3),
                verdict(y <= 1.3)
            );
        }
        let x = ratio(mb.diff.median, mb.tok_both.median);
        let y = ratio(mb.diff.min, mb.tok_both.min);
        println!(
            "- diff on two threads / tokenizer over both inputs = {x:.2}× ({y:.2}×); target ≤ 0.75×: {} ({})",
            verdict(x <= 0.75),
            verdict(y <= 0.75)
        );
    }

    // Linearity: every generated pair against the ~1 MB ones.
    let bases: Vec<&Row> = rows
        .iter()
        .filter(|r| r.name == "gen-1MB" || r.name == "order-musicbrainz-columns")
        .collect();
    let big: Vec<&Row> = rows
        .iter()
        .filter(|r| r.name.starts_with("gen-") && r.name != "gen-1MB")
        .collect();
    if !bases.is_empty() && !big.is_empty() {
        println!();
        println!(
            "Linearity: diff time of a large pair / diff time of a ~1 MB pair, from the medians (and the minimums). \
             `per byte` is the time ratio divided by the size ratio: 1.00 is exactly linear. The pairs are measured \
             one after the other, minutes apart, so the machine's drift over those minutes is in the ratio too: \
             `cargo bench --bench growth` measures it with the pairs interleaved (issue 5's target is checked there)."
        );
        println!(
            "| large pair | against | size ratio | time ratio, 2 threads | per byte | time ratio, 1 CPU | per byte | CPU time ratio | per byte |"
        );
        println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for r in &big {
            for base in &bases {
                let size = r.both as f64 / base.both as f64;
                let t = ratio(r.diff.median, base.diff.median);
                let tm = ratio(r.diff.min, base.diff.min);
                let (t1, p1) = match (r.diff_one_cpu, base.diff_one_cpu) {
                    (Some(a), Some(b)) => {
                        let x = ratio(a.median, b.median);
                        let y = ratio(a.min, b.min);
                        (
                            format!("{x:.1}× ({y:.1}×)"),
                            format!("{:.2} ({:.2})", x / size, y / size),
                        )
                    }
                    _ => ("n/a".into(), "n/a".into()),
                };
                let c = match (r.diff_cpu, base.diff_cpu) {
                    (Some(a), Some(b)) => Some(ratio(a, b)),
                    _ => None,
                };
                let (tc, pc) = c.map_or_else(
                    || ("n/a".into(), "n/a".into()),
                    |c| (format!("{c:.1}×"), format!("{:.2}", c / size)),
                );
                println!(
                    "| {} | {} | {size:.1}× | {t:.1}× ({tm:.1}×) | {:.2} ({:.2}) | {t1} | {p1} | {tc} | {pc} |",
                    r.name,
                    base.name,
                    t / size,
                    tm / size,
                );
            }
        }
    }
}

fn write_generated(dir: &str) {
    let dir = std::path::Path::new(dir);
    let mut sizes = vec![1, 10];
    if common::large_enabled() {
        sizes.push(50);
    }
    for mb in sizes {
        let pair = common::generated_pair(mb);
        let sub = dir.join(&pair.name);
        std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{}: {e}", sub.display()));
        for (side, text) in [("a.dump.sql", &pair.left), ("b.dump.sql", &pair.right)] {
            let path = sub.join(side);
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        println!(
            "wrote {} ({} + {} bytes)",
            sub.display(),
            pair.left.len(),
            pair.right.len()
        );
    }
}

/// `--once WHAT A B`: one step, once, on two files (for a profiler).
fn once(what: &str, a: &str, b: &str) {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let pair = Pair {
        name: "once".into(),
        left: read(a),
        right: read(b),
        expect_equal: None,
    };
    let n = match what {
        "tokenizer" => common::bare_tokenize(&pair.left) + common::bare_tokenize(&pair.right),
        "split" => sql_compare::statements(&pair.left).map_or(0, |s| s.len()),
        "parse" => common::parse_one(&pair.left),
        "diff" => common::diff(&pair),
        _ => panic!("--once tokenizer|split|parse|diff A B"),
    };
    println!("{what}: {n}");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, what, a, b, ..] = args.as_slice() {
        if flag == "--once" {
            once(what, a, b);
            return;
        }
    }
    if let Some(k) = args.iter().position(|a| a == "--write-generated") {
        let dir = args.get(k + 1).map_or("target/generated", String::as_str);
        write_generated(dir);
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        // `cargo test --benches`: a quick check that everything runs, no timing.
        let pair = common::generated_pair(1);
        common::check(&pair);
        println!("ratio: smoke test passed (run `cargo bench --bench ratio` for the numbers)");
        return;
    }
    println!("load average before: {}", load());
    let mut pairs = common::corpus_pairs();
    pairs.push(common::generated_pair(1));
    pairs.push(common::generated_pair(10));
    if common::large_enabled() {
        pairs.push(common::generated_pair(50));
    } else {
        eprintln!("skipped: the 50 MB pair (set SQL_COMPARE_BENCH_LARGE=1)");
    }
    let mut rows = Vec::new();
    for pair in &pairs {
        // About 30 MB of input per variant, 5 to 31 runs (the large pairs are the noisiest).
        let runs = (30_000_000 / pair.bytes()).clamp(5, 31) | 1;
        let row = measure(pair, runs);
        eprintln!(
            "{}: diff {} ms, tokenizer {} ms (medians; load {})",
            row.name,
            ms(row.diff.median),
            ms(row.tok_both.median),
            load()
        );
        rows.push(row);
    }
    print_tables(&rows);
    println!();
    println!("load average after: {}", load());
}
