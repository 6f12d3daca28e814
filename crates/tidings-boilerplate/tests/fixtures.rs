//! The built-in packs on every fixture page: the synthetic set (30 pages in
//! many publishers' styles), the real seeds (The Independent) and the
//! held-out set (12 pages in publisher styles the packs were first written
//! without: New York Times, AP, Al Jazeera, Telegraph, Daily Mail, ABC
//! Australia, NDTV, Euronews, FT, Bloomberg, ESPN, NewsBreak).
//!
//! Each dump's non-blank lines (trimmed, whitespace collapsed, without the
//! ` date YYYY-MM-DD ` header, with the Independent's glued appeal line
//! split) go through `RuleSet::builtin().classify`, and the verdicts are
//! held against the hand-written gold:
//!
//! - every `_removed` text that is a whole line must be dropped, except the
//!   list headings (`Key Points`, `Key events`, `Here’s what to know:`…,
//!   the crate's [`LIST_HEADINGS`]), which this crate keeps for the
//!   segmenter; the share dropped must reach 1.0 on the synthetic set and
//!   the seeds, and [`HOLDOUT_MIN_REMOVED`] on the held-out set;
//! - no other line may be dropped: content (title, standfirst, summary, key
//!   points, headlines, bodies), list headings, bylines, time stamps and
//!   bare list markers are all outside `_removed`. `_optional` lines are
//!   free either way.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tidings_boilerplate::context::LIST_HEADINGS;
use tidings_boilerplate::{RuleSet, Verdict};

/// The share of the held-out set's whole-line `_removed` texts (list
/// headings aside) that must be dropped. The packs drop all of them now;
/// the margin lets a rule found too eager on other pages be narrowed
/// without failing this test, which must not become a reason to tune the
/// packs on these pages.
const HOLDOUT_MIN_REMOVED: f64 = 0.95;

/// Whether a gold `_removed` line is a list heading, which the segmenter
/// reads and this crate keeps (`Here’s what to know:`, `To remember :`).
fn is_list_heading(line: &str) -> bool {
    let key = line.trim().trim_end_matches(':').trim_end().to_lowercase();
    LIST_HEADINGS.contains(&key.as_str())
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The dump's lines as the driver hands them over.
fn page_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let mut line = raw;
        if n == 0 {
            if let Some(rest) = line.strip_prefix(" date ") {
                if rest.len() >= 11 && rest.as_bytes()[10] == b' ' {
                    line = &rest[11..];
                }
            }
        }
        let line = collapse(line);
        if line.is_empty() {
            continue;
        }
        // The Independent's appeal glues its closing sentence to the lede.
        const GLUED: &str = "Your support makes all the difference.";
        match line.strip_prefix(GLUED) {
            Some(rest) if !rest.is_empty() => {
                out.push(GLUED.to_string());
                out.push(rest.to_string());
            }
            _ => out.push(line),
        }
    }
    out
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items
            .iter()
            .filter_map(|s| s.as_str().map(collapse))
            .collect(),
        Value::String(s) => vec![collapse(s)],
        _ => Vec::new(),
    }
}

/// Where a gold text sits, for failure messages.
fn content_fields(gold: &Value) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for (key, label) in [
        ("title", "title"),
        ("standfirst", "standfirst"),
        ("summary", "summary"),
        ("key_points", "key point"),
    ] {
        out.extend(strings(&gold[key]).into_iter().map(|s| (s, label)));
    }
    for entry in gold["entries"].as_array().into_iter().flatten() {
        out.extend(
            strings(&entry["headline"])
                .into_iter()
                .map(|s| (s, "headline")),
        );
        out.extend(strings(&entry["body"]).into_iter().map(|s| (s, "body")));
        out.extend(strings(&entry["author"]).into_iter().map(|s| (s, "author")));
    }
    out
}

#[derive(Default)]
struct Tally {
    removed_total: usize,
    removed_dropped: usize,
    misses: Vec<String>,
    content_drops: Vec<String>,
}

fn check_set(dumps: &Path, gold_dir: &Path) -> Tally {
    let rules = RuleSet::builtin();
    let mut tally = Tally::default();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dumps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no dumps in {}", dumps.display());
    for path in paths {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(gold_dir.join(format!("{stem}.json"))).unwrap(),
        )
        .unwrap();
        let lines = page_lines(&text);
        let verdicts = rules.classify(&lines).verdicts;
        let removed: HashSet<String> = strings(&gold["_removed"]).into_iter().collect();
        let optional: HashSet<String> = strings(&gold["_optional"]).into_iter().collect();
        let content = content_fields(&gold);
        let id = &stem[..3];
        for (line, verdict) in lines.iter().zip(&verdicts) {
            let why = match verdict {
                Verdict::Keep => String::new(),
                Verdict::Drop(rule) => rules.rule(*rule).name().to_string(),
            };
            let heading = is_list_heading(line);
            if removed.contains(line) && !heading {
                tally.removed_total += 1;
                if verdict.is_keep() {
                    tally.misses.push(format!("{id}: kept {line:?}"));
                } else {
                    tally.removed_dropped += 1;
                }
            } else if !verdict.is_keep() && !optional.contains(line) {
                let what = content
                    .iter()
                    .find(|(t, _)| line == t || line.ends_with(t.as_str()))
                    .map_or(
                        if heading {
                            "list heading"
                        } else {
                            "byline, stamp or marker"
                        },
                        |(_, label)| label,
                    );
                tally
                    .content_drops
                    .push(format!("{id}: dropped {what} {line:?} by {why}"));
            }
        }
    }
    tally
}

fn report(name: &str, t: &Tally) -> f64 {
    let share = t.removed_dropped as f64 / t.removed_total.max(1) as f64;
    println!(
        "{name}: dropped {}/{} whole-line _removed texts ({:.3}); content lines dropped: {}",
        t.removed_dropped,
        t.removed_total,
        share,
        t.content_drops.len()
    );
    for m in &t.misses {
        println!("  miss  {m}");
    }
    for d in &t.content_drops {
        println!("  WRONG {d}");
    }
    share
}

#[test]
fn synthetic_pages() {
    let root = fixtures().join("synthetic");
    let t = check_set(&root.join("dumps"), &root.join("gold"));
    let share = report("synthetic", &t);
    assert!(
        t.content_drops.is_empty(),
        "content dropped on synthetic pages:\n{}",
        t.content_drops.join("\n")
    );
    assert!(
        t.misses.is_empty(),
        "removed share {share:.3} < 1.0 on the synthetic pages; kept:\n{}",
        t.misses.join("\n")
    );
}

#[test]
fn seed_pages() {
    let root = fixtures();
    let t = check_set(&root.join("seeds"), &root.join("gold"));
    let share = report("seeds", &t);
    assert!(
        t.content_drops.is_empty(),
        "content dropped on seed pages:\n{}",
        t.content_drops.join("\n")
    );
    assert!(
        t.misses.is_empty(),
        "removed share {share:.3} < 1.0 on the seeds; kept:\n{}",
        t.misses.join("\n")
    );
}

#[test]
fn holdout_pages() {
    let root = fixtures().join("holdout");
    let t = check_set(&root.join("dumps"), &root.join("gold"));
    let share = report("holdout", &t);
    assert!(
        t.content_drops.is_empty(),
        "content dropped on held-out pages:\n{}",
        t.content_drops.join("\n")
    );
    assert!(
        share >= HOLDOUT_MIN_REMOVED,
        "removed share {share:.3} < {HOLDOUT_MIN_REMOVED} on the held-out pages; kept:\n{}",
        t.misses.join("\n")
    );
}
