//! Micro-benchmarks of the dump format: `parse` of a seed dump and
//! `glue_points` on one long line. Run with `cargo bench -p tidings-dump`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seeds/001_e43319ad650490e2.txt"
    );
    std::fs::read_to_string(path).expect("the seed dump")
}

fn bench(c: &mut Criterion) {
    let text = seed();
    let mut group = c.benchmark_group("tidings-dump");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse seed 001", |b| {
        b.iter(|| tidings_dump::parse(black_box(&text)).expect("parses"))
    });
    // One long line: the seed's lines glued end to end, as scrapes do.
    let long: String = text.lines().skip(1).collect::<Vec<_>>().join("");
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("glue_points long line", |b| {
        b.iter(|| tidings_dump::glue_points(black_box(&long)).count())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
