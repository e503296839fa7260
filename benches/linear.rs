//! Criterion benches: `diff` of one-line inputs (many statements, literals, comments, quoted
//! identifiers) and of many-line inputs of tiny statements, at 1× and 10× the size, against a
//! copy whose last `1` is a `2`. The time at 10× should be about ten times the time at 1×
//! (issue 15; `tests/hostile.rs` checks it loosely in every test run).
//!
//! ```sh
//! CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench linear
//! ```

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A shape of input: its name, and the input of `n` items.
type Shape = (&'static str, fn(usize) -> String);

const SHAPES: &[Shape] = &[
    ("one-line-statements", |n| "SELECT 1; ".repeat(n)),
    ("one-line-literals", |n| {
        let mut s = String::from("INSERT INTO t VALUES ");
        for k in 0..n {
            let _ = write!(s, "({k}, 'v{k}'),");
        }
        s.push_str("(0, '');");
        s
    }),
    ("one-line-comments", |n| {
        format!("{}SELECT 1;", "/* c */ ".repeat(n))
    }),
    ("one-line-quoted-identifiers", |n| {
        let cols: Vec<String> = (0..n).map(|k| format!("\"a{k}\" int")).collect();
        format!("CREATE TABLE t ({});", cols.join(", "))
    }),
    ("one-line-quoted-names", |n| {
        let cols: Vec<String> = (0..n).map(|k| format!("\"x{k}\"")).collect();
        format!("SELECT {};", cols.join(","))
    }),
    ("tiny-statements", |n| "SELECT 1;\n".repeat(n)),
];

/// Items at 1×.
const N: usize = 20_000;

fn bench(c: &mut Criterion) {
    for &(name, make) in SHAPES {
        let mut g = c.benchmark_group(name);
        g.sample_size(10).measurement_time(Duration::from_secs(5));
        for times in [1, 10] {
            let text = make(N * times);
            let at = text.rfind('1').expect("every shape has a 1");
            let changed = format!("{}2{}", &text[..at], &text[at + 1..]);
            g.throughput(Throughput::Bytes((text.len() + changed.len()) as u64));
            g.bench_function(format!("{times}x"), |b| {
                b.iter(|| sql_compare::diff(black_box(&text), black_box(&changed)).map(|d| d.len()))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
