//! Nothing is lost silently: every byte of a dump is accounted for.
//!
//! A property test over generated dumps (10,000 cases) and a check of every
//! fixture assert that the header, kept lines, removed lines (by rule),
//! blank lines and line breaks tile the decoded text, with nothing left
//! over.

use std::path::Path;

use proptest::prelude::*;
use tidings::{Accounting, Pipeline};

fn account(text: &str) -> Accounting {
    let dump = tidings_dump::parse(text).expect("generated dumps have valid headers");
    Pipeline::default().account(&dump)
}

fn assert_balanced(a: &Accounting, what: &str) {
    assert_eq!(a.unaccounted, 0, "{what}: {a:?}");
    let sum = a.bom + a.header + a.kept + a.metadata + a.removed_total() + a.blank + a.line_breaks;
    assert_eq!(sum, a.total, "{what}: parts do not add up: {a:?}");
}

/// One line of a generated dump: the shapes real dumps have, and odd ones.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        // Headlines and paragraphs.
        "[A-Z][a-z]{2,8}( [a-z]{2,8}){2,8}",
        "[A-Z][a-z]{2,8}( [a-z]{2,8}){5,20}\\.",
        // Glued paragraphs and abbreviations.
        "[A-Z][a-z]{2,8} [a-z]{3,8}\\.[A-Z][a-z]{2,8} [a-z]{2,8}\\.",
        Just("The U.S. Army said No.10 was 1.5km away.".to_string()),
        // Bylines and stamps.
        Just("Arpan Rai6 November 2024 04:16".to_string()),
        Just("10:22 - Troops crossed the river at dawn.".to_string()),
        Just("published at 09:15 GMT".to_string()),
        Just("[Updated 11:11 p.m. ET]".to_string()),
        // Chrome and lists.
        Just("Comments".to_string()),
        Just("Share".to_string()),
        Just("Your support helps us to tell the story".to_string()),
        Just("Key events".to_string()),
        Just("• Item one of the list".to_string()),
        Just("•".to_string()),
        Just("1. The latest headlines".to_string()),
        // Whitespace, invisible characters, markup.
        Just(String::new()),
        Just("   \t ".to_string()),
        Just("\u{a0}Indented\u{200b} text\u{a0}\u{a0}here ".to_string()),
        Just("<p>Roads &amp; rails</p><p>Schools shut.</p>".to_string()),
        // Anything printable.
        "\\PC{0,60}",
    ]
}

fn dump() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        proptest::option::of((2000u16..2030, 1u8..13, 1u8..29)),
        proptest::collection::vec((line(), prop_oneof!["\n", "\r\n", "\r"]), 0..30),
        any::<bool>(),
    )
        .prop_map(|(bom, header, lines, final_break)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            if let Some((y, m, d)) = header {
                text.push_str(&format!(" date {y:04}-{m:02}-{d:02} "));
            }
            let n = lines.len();
            for (i, (line, end)) in lines.into_iter().enumerate() {
                text.push_str(&line);
                if i + 1 < n || final_break {
                    text.push_str(&end);
                }
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn every_byte_of_a_generated_dump_is_accounted_for(text in dump()) {
        let a = account(&text);
        prop_assert_eq!(a.unaccounted, 0, "{:?}", a);
        let sum = a.bom + a.header + a.kept + a.metadata + a.removed_total() + a.blank + a.line_breaks;
        prop_assert_eq!(sum, a.total);
    }
}

#[test]
fn every_fixture_is_accounted_for() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut seen = 0;
    for set in ["seeds", "synthetic/dumps", "holdout/dumps"] {
        for entry in std::fs::read_dir(root.join(set)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let decoded = tidings_dump::decode(&bytes).unwrap();
            assert_balanced(&account(&decoded.text), &path.display().to_string());
            seen += 1;
        }
    }
    assert!(seen >= 47, "fixtures found: {seen}");
}

#[test]
fn accounting_names_the_rules() {
    let text = "Storm live: roads shut\nCrews are working.\nComments\n";
    let a = account(text);
    assert_eq!(a.removed.get("generic/comments-heading"), Some(&8));
    assert_eq!(a.line_breaks, 3);
    assert_balanced(&a, "small page");
}
