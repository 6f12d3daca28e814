//! The five sample dumps, end to end: reviewed snapshots of every extracted
//! document, and direct checks against the hand-made gold.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tidings::Pipeline;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn seeds() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert_eq!(
        paths.len(),
        5,
        "the five seed dumps are in tests/fixtures/seeds"
    );
    paths
}

fn extract(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let name = format!("seeds/{}", path.file_name().unwrap().to_string_lossy());
    let doc = Pipeline::default()
        .explain(true)
        .extract_owned(&name, &bytes)
        .unwrap();
    serde_json::to_value(doc).unwrap()
}

fn gold(id: &str) -> Value {
    let text = std::fs::read_to_string(fixtures().join("gold").join(format!("{id}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn snapshots_of_every_seed() {
    for path in seeds() {
        let doc = extract(&path);
        let id = doc["id"].as_str().unwrap().to_string();
        insta::assert_json_snapshot!(id, doc);
    }
}

#[test]
fn titles_standfirsts_dates_and_summaries_match_the_gold() {
    for path in seeds() {
        let doc = extract(&path);
        let gold = gold(doc["id"].as_str().unwrap());
        for key in ["title", "standfirst", "date"] {
            assert_eq!(doc[key], gold[key], "{key} of {}", gold["id"]);
        }
        assert_eq!(
            strings(&doc["summary"]),
            strings(&gold["summary"]),
            "summary of {}",
            gold["id"]
        );
    }
}

#[test]
fn every_gold_entry_is_extracted_with_its_byline() {
    for path in seeds() {
        let doc = extract(&path);
        let gold = gold(doc["id"].as_str().unwrap());
        let got = doc["entries"].as_array().unwrap();
        let want = gold["entries"].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "entry count of {}", gold["id"]);
        for (g, w) in got.iter().zip(want) {
            for key in ["headline", "author", "time", "published"] {
                assert_eq!(g[key], w[key], "{key} in {}", gold["id"]);
            }
            assert_eq!(
                strings(&g["body"]),
                strings(&w["body"]),
                "body of {} in {}",
                w["headline"],
                gold["id"]
            );
        }
    }
}

#[test]
fn nothing_the_gold_removes_is_kept_as_content() {
    for path in seeds() {
        let doc = extract(&path);
        let gold = gold(doc["id"].as_str().unwrap());
        let removed: Vec<String> = doc["removed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap().to_string())
            .collect();
        for text in strings(&gold["_removed"]) {
            assert!(
                removed.contains(&text),
                "{:?} of {} should be removed",
                text,
                gold["id"]
            );
        }
    }
}

#[test]
fn entry_spans_point_at_their_text_in_the_source() {
    for path in seeds() {
        let source = std::fs::read_to_string(&path).unwrap();
        let doc = extract(&path);
        for entry in doc["entries"].as_array().unwrap() {
            let span = entry["span"].as_array().unwrap();
            let (start, end) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            let text = &source[start..end];
            if let Some(headline) = entry["headline"].as_str() {
                assert!(text.contains(headline), "span of {headline:?}");
            }
            for paragraph in strings(&entry["body"]) {
                assert!(
                    text.contains(&paragraph),
                    "span of a paragraph of {:?}",
                    entry["headline"]
                );
            }
        }
    }
}

#[test]
fn the_same_entry_in_two_dumps_has_one_id() {
    // Seeds 000 and 001 share the `Germany pledges €200m…` entry.
    let ids = |path: &Path| -> Vec<(String, String)> {
        extract(path)["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["headline"].as_str().unwrap_or("").to_string(),
                    e["id"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let paths = seeds();
    let (a, b) = (ids(&paths[0]), ids(&paths[1]));
    let find = |v: &[(String, String)]| {
        v.iter()
            .find(|(h, _)| h == "Germany pledges €200m in winter aid for Ukraine")
            .map(|(_, id)| id.clone())
            .unwrap()
    };
    assert_eq!(find(&a), find(&b));
    let unique: std::collections::HashSet<&String> = a.iter().map(|(_, id)| id).collect();
    assert_eq!(unique.len(), a.len(), "ids differ within a document");
}
