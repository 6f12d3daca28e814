//! Loading the hand-made fixtures of `tests/fixtures/merge`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tidings_export::Document;
use tidings_merge::{MergeOptions, MergedEntry, Merger, Timeline};

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/merge")
        .join(format!("{name}.json"))
}

/// The documents of a fixture (a JSON array of documents).
pub fn fixture(name: &str) -> Vec<Document<'static>> {
    let text = std::fs::read_to_string(fixture_path(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

pub fn merge_docs(documents: &[Document<'_>], options: MergeOptions) -> Timeline {
    let mut merger = Merger::new(options);
    for document in documents {
        merger.add(document);
    }
    merger.finish()
}

pub fn merge(name: &str) -> Timeline {
    merge_docs(&fixture(name), MergeOptions::default())
}

pub fn headlined<'t>(timeline: &'t Timeline, headline: &str) -> &'t MergedEntry {
    let found: Vec<&MergedEntry> = timeline
        .entries
        .iter()
        .filter(|e| e.headline.as_deref() == Some(headline))
        .collect();
    assert_eq!(found.len(), 1, "{headline}: {found:#?}");
    found[0]
}
