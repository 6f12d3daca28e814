//! Measures near-duplicate precision and recall, and time, on planted
//! synthetic merges (see `tidings_merge::synthetic`).
//!
//! ```sh
//! cargo run --release -p tidings-merge --example planted -- 10000 100000 1000000
//! ```
//!
//! Prints one Markdown table row per size: the figures in `docs/merge.md`.
//! `--seed=N` changes the data, `--threshold=X` the near-duplicate
//! threshold; `--sqlite` also times writing each timeline into a new SQLite
//! database and writing it again (nothing changes the second time).

use std::time::{Duration, Instant};

use tidings_merge::{sqlite, synthetic, MergeOptions, Merger};

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let mut sizes: Vec<usize> = Vec::new();
    let mut seed = 42;
    let mut options = MergeOptions::default();
    let mut with_sqlite = false;
    for arg in std::env::args().skip(1) {
        if let Some(s) = arg.strip_prefix("--seed=") {
            seed = s.parse().expect("--seed=N");
        } else if arg == "--sqlite" {
            with_sqlite = true;
        } else if let Some(t) = arg.strip_prefix("--threshold=") {
            options.threshold = t.parse().expect("--threshold=X");
        } else {
            sizes.push(arg.replace('_', "").parse().expect("a number of entries"));
        }
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    println!(
        "| entries | pages | posts | merged | near pairs | precision | recall | near precision | near recall | ledes P / R | add | finish | total | µs/entry | peak RSS |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let mut truth = synthetic::Truth::default();
        let mut merger = Merger::new(options.clone());
        let mut add = Duration::ZERO;
        let mut pages = 0;
        for page in synthetic::stream(n, seed) {
            truth.record(&page);
            let start = Instant::now();
            merger.add(&page.document);
            add += start.elapsed();
            pages += 1;
        }
        let start = Instant::now();
        let timeline = merger.finish();
        let finish = start.elapsed();
        let score = truth.score(&timeline);
        let total = add + finish;
        println!(
            "| {n} | {pages} | {} | {} | {} | {:.4} | {:.4} | {:.4} | {:.4} | {:.3} / {:.3} | {:.2} s | {:.2} s | {:.2} s | {:.1} | {:.0} MiB |",
            score.posts,
            score.merged,
            score.true_near_pairs,
            score.precision(),
            score.recall(),
            score.near_precision(),
            score.near_recall(),
            score.lede_precision(),
            score.lede_recall(),
            add.as_secs_f64(),
            finish.as_secs_f64(),
            total.as_secs_f64(),
            total.as_secs_f64() * 1e6 / n as f64,
            peak_rss_mib().unwrap_or(f64::NAN),
        );
        if with_sqlite {
            let path =
                std::env::temp_dir().join(format!("planted-{n}-{}.sqlite", std::process::id()));
            let _ = std::fs::remove_file(&path);
            let start = Instant::now();
            let first = sqlite::upsert(&timeline, &path).expect("first upsert");
            let first_time = start.elapsed();
            let start = Instant::now();
            let again = sqlite::upsert(&timeline, &path).expect("second upsert");
            let again_time = start.elapsed();
            assert!(again.is_unchanged(), "{again:?}");
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            println!(
                "|   sqlite | {} entries written in {:.2} s; re-run (no change) {:.2} s; {:.0} MiB file |",
                first.entries_added,
                first_time.as_secs_f64(),
                again_time.as_secs_f64(),
                size as f64 / (1024.0 * 1024.0)
            );
            let _ = std::fs::remove_file(&path);
        }
    }
}
