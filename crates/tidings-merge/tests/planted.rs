//! Precision, recall and speed on planted synthetic merges.
//!
//! The small merge runs with the other tests. The large ones are ignored by
//! default; run them in release:
//!
//! ```sh
//! cargo test --release -p tidings-merge --test planted -- --ignored --nocapture
//! ```

use std::time::Instant;

use tidings_merge::{synthetic, Merger};

fn run(n: usize, seed: u64) -> synthetic::Score {
    let mut truth = synthetic::Truth::default();
    let mut merger = Merger::default();
    let start = Instant::now();
    for page in synthetic::stream(n, seed) {
        truth.record(&page);
        merger.add(&page.document);
    }
    let timeline = merger.finish();
    let elapsed = start.elapsed();
    let score = truth.score(&timeline);
    println!(
        "{n} entries: {} posts, {} merged, near pairs {}; P {:.4} R {:.4}; near P {:.4} R {:.4}; \
         ledes P {:.3} R {:.3}; {:.2} s (with generation)",
        score.posts,
        score.merged,
        score.true_near_pairs,
        score.precision(),
        score.recall(),
        score.near_precision(),
        score.near_recall(),
        score.lede_precision(),
        score.lede_recall(),
        elapsed.as_secs_f64()
    );
    score
}

fn assert_good(score: &synthetic::Score) {
    assert!(score.true_near_pairs > 0);
    assert!(score.near_precision() >= 0.99, "{score:?}");
    assert!(score.near_recall() >= 0.99, "{score:?}");
    assert!(
        score.precision() >= 0.99 && score.recall() >= 0.99,
        "{score:?}"
    );
    assert!(
        score.lede_precision() >= 0.95 && score.lede_recall() >= 0.95,
        "{score:?}"
    );
}

#[test]
fn planted_5k() {
    assert_good(&run(5_000, 11));
}

#[test]
#[ignore = "large: run in release with --ignored"]
fn planted_10k_100k_1m() {
    for n in [10_000, 100_000, 1_000_000] {
        let start = Instant::now();
        let score = run(n, 42);
        assert_good(&score);
        if n == 100_000 {
            // Near-linear: well under a minute in release.
            assert!(start.elapsed().as_secs() < 60);
        }
    }
}
