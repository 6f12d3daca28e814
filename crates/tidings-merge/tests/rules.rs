//! One hand-made fixture per merge rule (`tests/fixtures/merge/*.json`).

mod common;

use common::{fixture, headlined, merge, merge_docs};
use tidings_merge::{MergeOptions, Order, Role};

#[test]
fn exact_duplicates_share_an_id_and_merge() {
    let timeline = merge("exact_dup");
    assert_eq!(timeline.entries.len(), 3);
    let ferry = headlined(&timeline, "Ferry runs aground outside harbour");
    assert_eq!(ferry.versions, 2);
    assert_eq!(ferry.ids, std::slice::from_ref(&ferry.id));
    let documents: Vec<(&str, usize)> = ferry
        .sources
        .iter()
        .map(|s| (s.document.as_str(), s.index))
        .collect();
    assert_eq!(
        documents,
        [("100_aaaa000000000001", 0), ("100_aaaa000000000002", 1)]
    );
    assert_eq!(
        ferry.sources[1].span,
        Some(fixture("exact_dup")[1].entries[1].span)
    );
    assert_eq!(timeline.stats.exact_duplicates, 1);
    assert_eq!(timeline.stats.near_duplicates, 0);
    assert_eq!(
        ferry.first_published.as_deref(),
        Some("2025-03-02T07:10:00")
    );
    assert_eq!(ferry.last_published, ferry.first_published);
}

#[test]
fn near_duplicates_merge_and_keep_the_longest_version() {
    let timeline = merge("near_dup");
    assert_eq!(timeline.entries.len(), 2, "{:#?}", timeline.entries);
    let budget = headlined(&timeline, "Minister unveils budget with tax threshold rise");
    assert_eq!(budget.versions, 3);
    assert_eq!(budget.ids.len(), 3, "a word changed, then a sentence added");
    assert!(budget.body[2].ends_with("The vote on the budget is expected next Thursday."));
    assert!(budget.body[1].contains("roughly 1.2 billion"));
    // The chosen version's id is its own.
    let chosen = &fixture("near_dup")[2].entries[1];
    assert_eq!(budget.id, chosen.id);
    // The follow-up quoting a paragraph of the budget entry stays apart.
    let banks = headlined(&timeline, "Banks warn over budget levy");
    assert_eq!(banks.versions, 2);
    assert_eq!(timeline.stats.near_duplicates, 2);

    // At threshold 1 only exact duplicates merge.
    let strict = merge_docs(
        &fixture("near_dup"),
        MergeOptions {
            threshold: 1.0,
            ..MergeOptions::default()
        },
    );
    assert_eq!(strict.entries.len(), 4);
}

#[test]
fn lost_headlines_are_recovered() {
    let timeline = merge("headline_recovery");
    assert_eq!(timeline.entries.len(), 2, "{:#?}", timeline.entries);
    // A one-sentence body: joined by equal bodies.
    let landslip = headlined(&timeline, "Landslip closes Ardmore line");
    assert_eq!(landslip.versions, 2);
    // The headless copy is the longer version (a paragraph added): its body
    // is kept and the headline comes from the other copy.
    let fire = headlined(&timeline, "Large fire at Westgate recycling plant");
    assert_eq!(fire.body.len(), 4);
    assert_eq!(fire.versions, 2);
    assert_eq!(fire.id, fixture("headline_recovery")[1].entries[1].id);
    assert_eq!(timeline.stats.headlines_recovered, 1);
    assert!(timeline.entries.iter().all(|e| e.headline.is_some()));
}

#[test]
fn a_lede_repeating_an_entry_becomes_that_entry() {
    let timeline = merge("lede_recovery");
    assert_eq!(timeline.entries.len(), 3);
    let stadium = headlined(&timeline, "Stadium approved by council");
    assert_eq!(stadium.versions, 2);
    let lede = &stadium.sources[1];
    assert_eq!(lede.document, "103_dddd000000000002");
    assert_eq!(lede.role, Role::Summary);
    assert_eq!(lede.index, 1);
    assert_eq!(lede.paragraphs, Some([1, 4]));
    assert_eq!(lede.span, None);
    assert_eq!(
        lede.id,
        tidings_export::entry_id(None, &fixture("lede_recovery")[1].summary[1..4])
    );
    // One paragraph of a four-paragraph entry is a summary, not a copy.
    let transport = headlined(&timeline, "Transport plan for match days");
    assert_eq!(transport.versions, 1);
    assert_eq!(timeline.stats.ledes_recovered, 1);
}

#[test]
fn order_by_published_then_page_order() {
    let newest = merge("ordering");
    let headlines: Vec<&str> = newest
        .entries
        .iter()
        .map(|e| e.headline.as_deref().unwrap())
        .collect();
    assert_eq!(
        headlines,
        [
            "Count under way",                       // 2 May 00:30
            "Polls close in the mayoral election",   // 1 May 22:00, seen twice
            "Untimed update",                        // above the 13:40 post on its page
            "Timed update",                          // 13:40
            "Turnout running higher than last time", // 13:10
            "Third post",                            // no date: last, in page order
            "Second post",
            "First post",
        ]
    );
    let oldest = merge_docs(
        &fixture("ordering"),
        MergeOptions {
            order: Order::Oldest,
            ..MergeOptions::default()
        },
    );
    let mut reversed: Vec<&str> = oldest
        .entries
        .iter()
        .map(|e| e.headline.as_deref().unwrap())
        .collect();
    reversed.reverse();
    assert_eq!(headlines, reversed);
    assert_eq!(oldest.order, Order::Oldest);
}

#[test]
fn the_result_does_not_depend_on_the_order_documents_are_added() {
    for name in [
        "exact_dup",
        "near_dup",
        "headline_recovery",
        "lede_recovery",
        "ordering",
    ] {
        let documents = fixture(name);
        let forward = merge_docs(&documents, MergeOptions::default());
        let mut reversed = documents.clone();
        reversed.reverse();
        let backward = merge_docs(&reversed, MergeOptions::default());
        assert_eq!(forward.entries, backward.entries, "{name}");
        assert_eq!(forward.blogs, backward.blogs, "{name}");
    }
}

#[test]
fn a_document_added_twice_counts_once() {
    let documents = fixture("exact_dup");
    let mut merger = tidings_merge::Merger::default();
    assert!(merger.add(&documents[0]));
    assert!(!merger.add(&documents[0]));
    assert!(merger.add(&documents[1]));
    let timeline = merger.finish();
    assert_eq!(timeline.stats.duplicate_documents, 1);
    assert_eq!(timeline.stats.documents, 2);
    assert_eq!(
        headlined(&timeline, "Ferry runs aground outside harbour").versions,
        2
    );
}

#[test]
fn an_empty_merge_is_empty() {
    let timeline = tidings_merge::Merger::default().finish();
    assert!(timeline.entries.is_empty() && timeline.blogs.is_empty());
    let mut out = Vec::new();
    tidings_merge::write_jsonl(&timeline, &mut out).unwrap();
    assert!(out.is_empty());
}
