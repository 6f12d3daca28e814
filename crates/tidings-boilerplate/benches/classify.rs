//! Micro-benchmark of `RuleSet::builtin().classify` on a seed page's lines.
//! Run with `cargo bench -p tidings-boilerplate`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tidings_boilerplate::RuleSet;

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seeds/001_e43319ad650490e2.txt"
    );
    let text = std::fs::read_to_string(path).expect("the seed dump");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let rules = RuleSet::builtin();
    // Compile the rules before timing.
    black_box(rules.classify(&lines));
    let mut group = c.benchmark_group("tidings-boilerplate");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("classify seed 001", |b| {
        b.iter(|| rules.classify(black_box(&lines)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
