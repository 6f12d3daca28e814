//! The stream formats: merged JSON Lines, flat entries, JSON-LD.

mod common;

use std::collections::BTreeSet;

use common::{fixture, merge, merge_docs};
use serde_json::Value;
use tidings_merge::{
    write, write_entries, write_jsonl, write_jsonld, Format, MergeError, MergeOptions,
};

fn all_fixtures() -> tidings_merge::Timeline {
    let documents: Vec<_> = [
        "exact_dup",
        "near_dup",
        "headline_recovery",
        "lede_recovery",
        "ordering",
    ]
    .iter()
    .flat_map(|name| fixture(name))
    .collect();
    merge_docs(&documents, MergeOptions::default())
}

fn lines(bytes: Vec<u8>) -> Vec<Value> {
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.is_empty() || text.ends_with('\n'));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_is_one_merged_entry_per_line() {
    let timeline = all_fixtures();
    let mut out = Vec::new();
    write_jsonl(&timeline, &mut out).unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    let records = lines(out);
    assert_eq!(records.len(), timeline.entries.len());
    let first = text.lines().next().unwrap();
    assert!(first.starts_with(r#"{"id":""#), "{first}");
    let keys: Vec<&str> = records[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "body",
        "first_published",
        "headline",
        "id",
        "ids",
        "last_published",
        "published",
        "sources",
        "time",
        "versions",
        "author",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
    // Field order: as in the struct.
    let order = [
        "\"id\"",
        "\"headline\"",
        "\"author\"",
        "\"time\"",
        "\"published\"",
        "\"body\"",
        "\"versions\"",
        "\"first_published\"",
        "\"last_published\"",
        "\"ids\"",
        "\"sources\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| first.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{first}");
    // Reading a line back gives the entry's public fields.
    for (record, entry) in records.iter().zip(&timeline.entries) {
        let read: tidings_merge::MergedEntry = serde_json::from_value(record.clone()).unwrap();
        assert_eq!(read.id, entry.id);
        assert_eq!(read.sources, entry.sources);
        assert_eq!(read.versions, entry.sources.len());
    }
}

#[test]
fn entries_are_flat_records() {
    let timeline = merge("lede_recovery");
    let mut out = Vec::new();
    write_entries(&timeline, &mut out).unwrap();
    let records = lines(out);
    assert_eq!(records.len(), 3);
    for record in &records {
        let object = record.as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys.iter().copied().collect::<BTreeSet<_>>(),
            [
                "id",
                "headline",
                "author",
                "time",
                "published",
                "date",
                "text",
                "versions",
                "first_published",
                "last_published",
                "document_id",
                "document_ids",
                "title",
                "blog"
            ]
            .into_iter()
            .collect()
        );
        for (key, value) in object {
            match key.as_str() {
                "document_ids" => assert!(value.as_array().unwrap().iter().all(Value::is_string)),
                _ => assert!(!value.is_object() && !value.is_array(), "{key} is not flat"),
            }
        }
        assert_eq!(record["title"], "Stadium decision live");
    }
    let stadium = records
        .iter()
        .find(|r| r["headline"] == "Stadium approved by council")
        .unwrap();
    assert_eq!(stadium["document_id"], "103_dddd000000000001");
    assert_eq!(
        stadium["document_ids"],
        serde_json::json!(["103_dddd000000000001", "103_dddd000000000002"])
    );
    assert_eq!(stadium["versions"], 2);
    assert!(stadium["text"]
        .as_str()
        .unwrap()
        .contains("\n\nThe club says"));
}

/// The schema.org vocabulary the JSON-LD may use (and the JSON-LD keywords).
const ALLOWED_KEYS: &[&str] = &[
    "@context",
    "@graph",
    "@type",
    "identifier",
    "headline",
    "description",
    "articleBody",
    "datePublished",
    "dateModified",
    "author",
    "name",
    "liveBlogUpdate",
    "coverageStartTime",
    "coverageEndTime",
];
const ALLOWED_TYPES: &[&str] = &["LiveBlogPosting", "BlogPosting", "Person"];

fn check_terms(value: &Value, keys: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                assert!(
                    ALLOWED_KEYS.contains(&key.as_str()),
                    "`{key}` is not an allowed term"
                );
                keys.insert(key.clone());
                if key == "@type" {
                    let name = value.as_str().unwrap();
                    assert!(ALLOWED_TYPES.contains(&name), "type `{name}`");
                }
                check_terms(value, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| check_terms(v, keys)),
        _ => {}
    }
}

#[test]
fn jsonld_parses_and_uses_only_schema_org_terms() {
    let timeline = all_fixtures();
    let mut out = Vec::new();
    write_jsonld(&timeline, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.ends_with("}\n"));
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["@context"], "https://schema.org");
    let mut keys = BTreeSet::new();
    check_terms(&value, &mut keys);
    for term in [
        "liveBlogUpdate",
        "articleBody",
        "datePublished",
        "author",
        "headline",
    ] {
        assert!(keys.contains(term), "{term} is used");
    }
    // Every term the crate says it uses is in the allow-list.
    for term in tidings_merge::JSONLD_TERMS {
        assert!(
            ALLOWED_KEYS.contains(term) || ALLOWED_TYPES.contains(term),
            "{term}"
        );
    }

    // One LiveBlogPosting per blog; every merged entry once, in order.
    let blogs = value["@graph"].as_array().unwrap();
    assert_eq!(blogs.len(), timeline.blogs.len());
    let mut identifiers = Vec::new();
    for blog in blogs {
        assert_eq!(blog["@type"], "LiveBlogPosting");
        for update in blog["liveBlogUpdate"].as_array().unwrap() {
            assert_eq!(update["@type"], "BlogPosting");
            identifiers.push(update["identifier"].as_str().unwrap().to_string());
        }
    }
    let mut expected: Vec<String> = timeline.entries.iter().map(|e| e.id.clone()).collect();
    assert_eq!(identifiers.len(), expected.len());
    identifiers.sort();
    expected.sort();
    assert_eq!(identifiers, expected);

    let budget = blogs
        .iter()
        .find(|b| b["headline"] == "Budget day live")
        .unwrap();
    let update = &budget["liveBlogUpdate"][1];
    assert_eq!(
        update["headline"],
        "Minister unveils budget with tax threshold rise"
    );
    assert_eq!(update["datePublished"], "2025-04-09T11:02:00");
    assert_eq!(
        update["author"],
        serde_json::json!({"@type": "Person", "name": "Ivo Brandt"})
    );
    assert!(update["articleBody"].as_str().unwrap().contains("\n\n"));
    assert_eq!(budget["coverageStartTime"], "2025-04-09T11:02:00");
    assert_eq!(budget["coverageEndTime"], "2025-04-09T12:30:00");
}

#[test]
fn write_dispatches_on_the_format() {
    let timeline = merge("exact_dup");
    for format in [Format::Jsonl, Format::Entries, Format::JsonLd] {
        let mut out = Vec::new();
        write(&timeline, format, &mut out).unwrap();
        assert!(!out.is_empty(), "{format}");
    }
    let error = write(&timeline, Format::Sqlite, Vec::new()).unwrap_err();
    assert!(matches!(error, MergeError::NotAStream));
}
