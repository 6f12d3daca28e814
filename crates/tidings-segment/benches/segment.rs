//! Micro-benchmark of `segment` on a seed page's lines (the non-blank
//! lines of the parsed dump; the seed pages carry little chrome, so this is
//! close to the lines boilerplate keeps). Run with
//! `cargo bench -p tidings-segment`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seeds/001_e43319ad650490e2.txt"
    );
    let text = std::fs::read_to_string(path).expect("the seed dump");
    let dump = tidings_dump::parse(&text).expect("parses");
    let lines: Vec<&str> = dump
        .lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| &*l.text)
        .collect();
    let mut group = c.benchmark_group("tidings-segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("segment seed 001", |b| {
        b.iter(|| tidings_segment::segment(black_box(&lines)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
