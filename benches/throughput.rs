//! Criterion benches: the bare sqlparser tokenizer over both sides of a pair (the baseline),
//! our splitter and parse of one side, and `diff` of the pair, in parallel (as the library
//! runs it) and on one CPU. Time and throughput in bytes per second.
//!
//! Inputs: the MusicBrainz and Danbooru pairs of `../shared/corpus` (skipped with a message
//! when the corpus is missing), and generated pairs of 10 MB a side, plus 50 MB a side when
//! `SQL_COMPARE_BENCH_LARGE=1`.
//!
//! ```sh
//! CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench throughput
//! SQL_COMPARE_BENCH_LARGE=1 cargo bench --bench throughput -- gen-50MB
//! ```

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{OneCpu, Pair};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

fn inputs() -> Vec<Pair> {
    let mut pairs = common::corpus_pairs();
    pairs.push(common::generated_pair(10));
    if common::large_enabled() {
        pairs.push(common::generated_pair(50));
    } else {
        eprintln!("skipped: the 50 MB pair (set SQL_COMPARE_BENCH_LARGE=1)");
    }
    pairs
}

fn bench(c: &mut Criterion) {
    for pair in inputs() {
        common::check(&pair);
        let mut g = c.benchmark_group(&pair.name);
        let both = pair.bytes() as u64;
        let one = pair.left.len() as u64;
        // Large inputs: fewer, flat samples, so that a run stays within minutes.
        if both > 10_000_000 {
            g.sample_size(10)
                .sampling_mode(SamplingMode::Flat)
                .measurement_time(Duration::from_secs(both / 1_000_000));
        } else if both > 1_000_000 {
            g.sample_size(20)
                .sampling_mode(SamplingMode::Flat)
                .measurement_time(Duration::from_secs(8));
        }
        g.throughput(Throughput::Bytes(both));
        g.bench_function("tokenizer-both", |b| {
            b.iter(|| {
                common::bare_tokenize(black_box(&pair.left))
                    + common::bare_tokenize(black_box(&pair.right))
            })
        });
        g.throughput(Throughput::Bytes(one));
        g.bench_function("tokenizer-left", |b| {
            b.iter(|| common::bare_tokenize(black_box(&pair.left)))
        });
        g.bench_function("split-left", |b| {
            b.iter(|| sql_compare::statements(black_box(&pair.left)).map(|s| s.len()))
        });
        g.bench_function("parse-left", |b| {
            b.iter(|| common::parse_one(black_box(&pair.left)))
        });
        g.throughput(Throughput::Bytes(both));
        g.bench_function("diff", |b| b.iter(|| common::diff(black_box(&pair))));
        if let Some(_pinned) = OneCpu::pin() {
            g.bench_function("diff-one-cpu", |b| {
                b.iter(|| common::diff(black_box(&pair)))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
