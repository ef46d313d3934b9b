//! Per-query search time on the bundled corpus and on a scaled one (the bundled papers
//! repeated 200 times with variation), for the five fixed queries of issue 5.
//! `scripts/bench-search.sh` compares the same queries with `fzf --filter`.
//!
//! Needs the `bench` feature (the scaled corpus): `cargo bench --bench search --features bench`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lunwen_core::corpus::Corpus;
use lunwen_core::search::scaled::scaled;
use lunwen_core::search::{Cancel, Scope, SearchIndex};

/// Chinese, pinyin initials, a typo (厂 for 产), one char, and a phrase the corpus lacks.
const QUERIES: [(&str, &str); 5] = [
    ("chinese", "新质生产力"),
    ("pinyin", "xzscl"),
    ("typo", "新质生厂力"),
    ("one-char", "力"),
    ("no-hit", "量子纠缠态"),
];
const SCALE: usize = 200;
const LIMIT: usize = 50;

fn bench(c: &mut Criterion) {
    let bundled = Corpus::bundled().papers;
    let corpora = [
        ("bundled", SearchIndex::build(&bundled)),
        ("scaled", SearchIndex::build(&scaled(&bundled, SCALE))),
    ];
    let never = Cancel::never();
    for (name, index) in &corpora {
        let mut group = c.benchmark_group(format!("search/{name}"));
        if *name == "scaled" {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(3));
        }
        for (label, query) in QUERIES {
            group.bench_with_input(BenchmarkId::from_parameter(label), query, |b, q| {
                b.iter(|| index.search(black_box(q), Scope::All, LIMIT, &never))
            });
        }
        group.finish();
    }
    c.bench_function("index/build-bundled", |b| {
        b.iter(|| SearchIndex::build(black_box(&bundled)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
