//! Micro-benchmarks of tidings-export: JSON Lines writing of one document
//! built from a seed page's lines (an entry per five lines), and the entry
//! ids of those entries. Run with `cargo bench -p tidings-export`.
//!
//! The document is written both into a `Vec` and through a `BufWriter`, as
//! the driver writes to its output.

use std::borrow::Cow;
use std::hint::black_box;
use std::io::{self, BufWriter};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tidings_export::{entry_id, Document, Entry, Format, Writer};

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seeds/001_e43319ad650490e2.txt"
    );
    let text = std::fs::read_to_string(path).expect("the seed dump");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let entries = lines
        .chunks(5)
        .map(|chunk| {
            let body: Vec<Cow<'_, str>> = chunk[1..].iter().map(|&l| l.into()).collect();
            Entry {
                id: entry_id(Some(chunk[0]), &body).into(),
                headline: Some(chunk[0].into()),
                author: Some("Tom Watling".into()),
                time: Some("04:00".into()),
                body,
                span: [0, 1],
                ..Entry::default()
            }
        })
        .collect();
    let document = Document {
        id: "001_e43319ad650490e2".into(),
        source: "tests/fixtures/seeds/001_e43319ad650490e2.txt".into(),
        title: Some(lines[0].into()),
        entries,
        ..Document::default()
    };
    let mut group = c.benchmark_group("tidings-export");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("entry_id seed 001 entries", |b| {
        b.iter(|| {
            for chunk in black_box(&lines).chunks(5) {
                black_box(entry_id(Some(chunk[0]), &chunk[1..]));
            }
        })
    });
    group.bench_function("jsonl seed 001 document", |b| {
        let mut buf = Vec::with_capacity(2 * text.len());
        b.iter(|| {
            buf.clear();
            let mut writer = Writer::new(&mut buf, Format::Jsonl);
            writer.write(black_box(&document)).expect("writes");
            writer.finish().expect("finishes");
        })
    });
    group.bench_function("jsonl seed 001 document, buffered output", |b| {
        let mut out = BufWriter::new(io::sink());
        b.iter(|| {
            let mut writer = Writer::new(&mut out, Format::Jsonl);
            writer.write(black_box(&document)).expect("writes");
            writer.finish().expect("finishes");
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
