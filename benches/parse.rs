//! Parsing the whole bundled corpus (target: under 10 ms in release for all four papers).

use criterion::{Criterion, criterion_group, criterion_main};
use lunwen_core::corpus::Corpus;

fn bench(c: &mut Criterion) {
    c.bench_function("load+parse bundled corpus (4 papers)", |b| {
        b.iter(|| std::hint::black_box(Corpus::bundled()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
