//! The five real seed dumps, extracted with `tidings::Pipeline` and merged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tidings_export::{entry_id, Document};
use tidings_merge::{MergeOptions, MergedEntry, Merger, Order, Role, Timeline};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn seeds() -> Vec<Document<'static>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5);
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            tidings::Pipeline::default()
                .extract_owned(&p.to_string_lossy(), &bytes)
                .unwrap()
        })
        .collect()
}

fn merge(options: MergeOptions) -> Timeline {
    let mut merger = Merger::new(options);
    for document in seeds() {
        assert!(merger.add(&document));
    }
    merger.finish()
}

const D0: &str = "000_7ffaee336a8ab785";
const D1: &str = "001_e43319ad650490e2";
const D3: &str = "003_359a1f66ad2c91be";

fn by_headline<'t>(timeline: &'t Timeline, start: &str) -> &'t MergedEntry {
    let found: Vec<&MergedEntry> = timeline
        .entries
        .iter()
        .filter(|e| e.headline.as_deref().is_some_and(|h| h.starts_with(start)))
        .collect();
    assert_eq!(found.len(), 1, "{start}: {found:#?}");
    found[0]
}

fn documents(entry: &MergedEntry, role: Role) -> Vec<&str> {
    entry
        .sources
        .iter()
        .filter(|s| s.role == role)
        .map(|s| s.document.as_str())
        .collect()
}

#[test]
fn thirty_eight_distinct_headlined_entries() {
    let timeline = merge(MergeOptions::default());
    assert_eq!(timeline.entries.len(), 38);
    assert!(timeline.entries.iter().all(|e| e.headline.is_some()));
    let stats = timeline.stats;
    assert_eq!(stats.documents, 5);
    assert_eq!(stats.copies, 44);
    assert_eq!(stats.exact_duplicates, 5);
    assert_eq!(stats.near_duplicates, 1);
    assert_eq!(stats.ledes_recovered, 2);
    assert_eq!(stats.entries, 38);
    let versions: usize = timeline.entries.iter().map(|e| e.versions).sum();
    assert_eq!(versions, 44 + 2);
}

#[test]
fn seeds_000_and_001_share_five_entries() {
    let timeline = merge(MergeOptions::default());
    for start in [
        "Putin issuing Russian uniforms",
        "Germany pledges €200m",
        "Putin meets North Korean foreign minister",
        "Russian governor of region battered",
        "More than 10,000 North Korean troops",
    ] {
        let entry = by_headline(&timeline, start);
        assert_eq!(documents(entry, Role::Entry), [D0, D1], "{start}");
        assert_eq!(entry.versions, 2);
        assert_eq!(entry.ids.len(), 1, "{start}: an exact duplicate");
    }
    let shared = timeline
        .entries
        .iter()
        .filter(|e| {
            let docs = documents(e, Role::Entry);
            docs.contains(&D0) && docs.contains(&D1)
        })
        .count();
    assert_eq!(shared, 5);
}

#[test]
fn uk_presidency_entry_is_one_entry_lightly_edited() {
    let timeline = merge(MergeOptions::default());
    let entry = by_headline(&timeline, "UK becomes president of the UN Security Council");
    assert_eq!(documents(entry, Role::Entry), [D1, D3]);
    // The two copies differ (`that`/`which`, `role of`/`role as`), so two ids.
    let entry_ids: Vec<&str> = entry
        .sources
        .iter()
        .filter(|s| s.role == Role::Entry)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(entry_ids.len(), 2);
    assert_ne!(entry_ids[0], entry_ids[1]);
    assert!(entry.ids.contains(&entry.id));
    // And 000 carries it in its lede, without the headline.
    assert_eq!(documents(entry, Role::Summary), [D0]);
    assert_eq!(entry.versions, 3);
}

#[test]
fn lede_of_000_holds_two_entries_of_001() {
    let timeline = merge(MergeOptions::default());
    let european = by_headline(&timeline, "First European nation discusses");
    let uk = by_headline(&timeline, "UK becomes president");
    let lede = |e: &MergedEntry| {
        let sources: Vec<_> = e
            .sources
            .iter()
            .filter(|s| s.role == Role::Summary)
            .collect();
        assert_eq!(sources.len(), 1);
        (
            sources[0].document.clone(),
            sources[0].paragraphs.unwrap(),
            sources[0].span,
        )
    };
    assert_eq!(lede(european), (D0.to_string(), [6, 12], None));
    assert_eq!(lede(uk), (D0.to_string(), [12, 17], None));
    assert_eq!(european.body.len(), 6);
    assert_eq!(documents(european, Role::Entry), [D1]);
    // Not emitted separately: no entry is headless, and no other entry has
    // 000's lede as a source.
    let lede_sources: usize = timeline
        .entries
        .iter()
        .map(|e| documents(e, Role::Summary).len())
        .sum();
    assert_eq!(lede_sources, 2);

    // Without lede recovery, the entries have one copy less.
    let plain = merge(MergeOptions {
        recover_ledes: false,
        ..MergeOptions::default()
    });
    assert_eq!(by_headline(&plain, "First European nation").versions, 1);
    assert_eq!(plain.entries.len(), 38);
}

#[derive(Deserialize)]
struct Gold {
    id: String,
    entries: Vec<GoldEntry>,
}

#[derive(Deserialize)]
struct GoldEntry {
    headline: Option<String>,
    body: Vec<String>,
}

#[test]
fn every_gold_entry_maps_to_exactly_one_merged_entry() {
    let timeline = merge(MergeOptions::default());
    let mut golds = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("gold")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        golds.push(serde_json::from_str::<Gold>(&text).unwrap());
    }
    let headlined: usize = golds
        .iter()
        .map(|g| g.entries.iter().filter(|e| e.headline.is_some()).count())
        .sum();
    assert_eq!(headlined, 44);

    let mut hits: HashMap<&str, usize> = HashMap::new();
    for gold in &golds {
        for (index, entry) in gold.entries.iter().enumerate() {
            let id = entry_id(entry.headline.as_deref(), &entry.body);
            // The merged entries that have this gold entry as a copy: by its
            // id, or at its place in its page.
            let matches: Vec<&MergedEntry> = timeline
                .entries
                .iter()
                .filter(|e| {
                    e.ids.contains(&id)
                        || e.sources.iter().any(|s| {
                            s.role == Role::Entry && s.document == gold.id && s.index == index
                        })
                })
                .collect();
            assert_eq!(matches.len(), 1, "{}#{index} {:?}", gold.id, entry.headline);
            assert_eq!(
                matches[0].headline,
                entry.headline.clone().map(|h| h.to_string())
            );
            *hits.entry(matches[0].id.as_str()).or_default() += 1;
        }
    }
    assert_eq!(hits.len(), 38, "every merged entry is a gold entry");
    assert_eq!(hits.values().sum::<usize>(), 44);
}

#[test]
fn order_is_by_time_then_page_order_and_oldest_is_the_reverse() {
    let newest = merge(MergeOptions::default());
    // 002 is the only page with full timestamps (6 November, newest first).
    let first: Vec<&str> = newest.entries[..3]
        .iter()
        .map(|e| e.published.as_deref().unwrap())
        .collect();
    assert_eq!(
        first,
        [
            "2024-11-06T04:16:00",
            "2024-11-06T04:00:00",
            "2024-11-06T03:49:00"
        ]
    );
    let published: Vec<&str> = newest
        .entries
        .iter()
        .filter_map(|e| e.published.as_deref())
        .collect();
    assert!(published.windows(2).all(|w| w[0] >= w[1]));
    // Within 001 (undated), page order is kept: its two first entries come
    // before the entries it shares with 000, in page order.
    let position = |start: &str| {
        newest
            .entries
            .iter()
            .position(|e| e.headline.as_deref().unwrap().starts_with(start))
            .unwrap()
    };
    assert!(position("Ukraine repels second overnight") < position("South Korea and EU worry"));
    assert!(position("South Korea and EU worry") < position("First European nation"));
    assert!(position("First European nation") < position("UK becomes president"));
    assert!(position("UK becomes president") < position("Putin issuing Russian uniforms"));
    assert!(position("Putin issuing Russian uniforms") < position("Germany pledges"));
    // 004 is dated 22 October: older than everything of 5 November.
    assert!(position("US conducts long-range bomber") < position("Ukraine slams UN chief"));

    let oldest = merge(MergeOptions {
        order: Order::Oldest,
        ..MergeOptions::default()
    });
    let mut reversed: Vec<&str> = oldest.entries.iter().map(|e| e.id.as_str()).collect();
    reversed.reverse();
    let ids: Vec<&str> = newest.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, reversed);

    // Stable across runs.
    let again = merge(MergeOptions::default());
    assert_eq!(again, newest);
}

#[test]
fn seeds_make_two_blogs() {
    let timeline = merge(MergeOptions::default());
    let blogs: Vec<Vec<&str>> = timeline
        .blogs
        .iter()
        .map(|b| b.documents.iter().map(|d| &d[..3]).collect())
        .collect();
    // 002 and 003 share their lede; 001 shares entries with 000 and 003.
    assert_eq!(blogs, [vec!["000", "001", "002", "003"], vec!["004"]]);
}
