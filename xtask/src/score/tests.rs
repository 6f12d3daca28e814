//! The scorer against the in-repo gold fixtures and perturbed copies of them.
//!
//! The expected figures were obtained on the development machine with
//! python3 3.11.7 and the reference scorer:
//!
//! ```text
//! XTASK_DUMP_PERTURBED=/tmp/perturbed cargo test -p xtask -- --ignored dump_perturbed
//! for f in /tmp/perturbed/*.jsonl; do
//!     python3 ../shared/eval/score.py tests/fixtures/gold "$f" --json
//! done
//! ```
//!
//! and pasted here (`total` of each `--json` report); they must agree to
//! 1e-9.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::*;

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/gold")
}

fn golds() -> Vec<Value> {
    load_gold_dir(&gold_dir()).expect("gold fixtures load")
}

/// A gold document as a system would write it: without `_optional` and
/// `_removed`.
fn as_output(g: &Value) -> Value {
    let mut d = g.clone();
    let o = d.as_object_mut().expect("gold is an object");
    o.remove("_optional");
    o.remove("_removed");
    d
}

fn doc<'a>(docs: &'a mut [Value], prefix: &str) -> &'a mut Value {
    docs.iter_mut()
        .find(|d| d["id"].as_str().is_some_and(|id| id.starts_with(prefix)))
        .expect("fixture present")
}

fn entries_of(d: &mut Value) -> &mut Vec<Value> {
    d["entries"].as_array_mut().expect("entries")
}

/// One perturbation: a name and what it does to the system output.
type Perturbation = (&'static str, fn(&mut Vec<Value>));

/// The perturbed system outputs, each built from the gold fixtures.
fn perturbations() -> Vec<Perturbation> {
    vec![
        ("identity", |_| {}),
        ("drop_entry", |docs| {
            entries_of(doc(docs, "001")).remove(2);
        }),
        ("headline_typo", |docs| {
            let e = &mut entries_of(doc(docs, "000"))[0];
            e["headline"] =
                json!("Putin issuing Russian uniform to North Korean troops, says the Pentagon");
        }),
        ("headline_rewritten", |docs| {
            let e = &mut entries_of(doc(docs, "004"))[1];
            e["headline"] = json!("Washington pledges to equip Kyiv against Russia");
        }),
        ("headlines_lost", |docs| {
            // like seed 000's page: two entries lost their headlines
            let es = entries_of(doc(docs, "000"));
            es[3]["headline"] = Value::Null;
            es[5]["headline"] = Value::Null;
        }),
        ("paragraph_moved", |docs| {
            let es = entries_of(doc(docs, "002"));
            let p = es[2]["body"].as_array_mut().expect("body").remove(0);
            es[0]["body"].as_array_mut().expect("body").push(p);
        }),
        ("wrong_author", |docs| {
            let es = entries_of(doc(docs, "002"));
            es[0]["author"] = json!("Tom Watling");
            es[4]["author"] = Value::Null;
            es[5]["time"] = json!("02:01");
        }),
        ("boilerplate_kept", |docs| {
            // the donation appeal kept as summary paragraphs, and text the
            // gold marks optional kept too
            for (id, removed, optional) in [("001", 0..5, 0..1), ("003", 0..2, 0..3)] {
                let gold = golds()
                    .into_iter()
                    .find(|g| g["id"].as_str().unwrap().starts_with(id))
                    .unwrap();
                let d = doc(docs, id);
                let summary = d["summary"].as_array_mut().expect("summary");
                summary.extend(
                    gold["_removed"].as_array().unwrap()[removed]
                        .iter()
                        .cloned(),
                );
                summary.extend(
                    gold["_optional"].as_array().unwrap()[optional]
                        .iter()
                        .cloned(),
                );
            }
        }),
        ("fields_wrong", |docs| {
            doc(docs, "004")["title"] = json!("Ukraine war latest");
            doc(docs, "000")["date"] = Value::Null;
            doc(docs, "001")["standfirst"] = json!("“Significant number” of North Korean troops");
        }),
        ("entry_split", |docs| {
            let es = entries_of(doc(docs, "004"));
            let mut tail = es[0].clone();
            let body = es[0]["body"].as_array_mut().expect("body");
            let rest: Vec<Value> = body.drain(3..).collect();
            tail["headline"] = Value::Null;
            tail["body"] = Value::Array(rest);
            es.insert(1, tail);
        }),
        ("missing_document", |docs| {
            docs.retain(|d| !d["id"].as_str().is_some_and(|id| id.starts_with("003")));
        }),
        ("quotes_and_spaces", |docs| {
            // norm() makes these equal to the gold
            for d in docs.iter_mut() {
                for e in entries_of(d) {
                    if let Some(h) = e["headline"].as_str() {
                        e["headline"] = json!(format!(
                            "  {}\u{a0}",
                            h.replace('\u{2019}', "'").to_uppercase()
                        ));
                    }
                }
            }
        }),
        ("everything", |docs| {
            for (name, f) in perturbations() {
                if !matches!(name, "identity" | "everything" | "quotes_and_spaces") {
                    f(docs);
                }
            }
        }),
    ]
}

fn system_of(docs: Vec<Value>) -> HashMap<String, Value> {
    system_from_docs(docs)
}

fn perturbed(name: &str) -> Vec<Value> {
    let f = perturbations()
        .into_iter()
        .find(|(n, _)| *n == name)
        .expect("known perturbation")
        .1;
    let mut docs: Vec<Value> = golds().iter().map(as_output).collect();
    f(&mut docs);
    docs
}

/// Writes each perturbed output as JSON Lines to `$XTASK_DUMP_PERTURBED`,
/// for the reference scorer.
#[test]
#[ignore = "development helper: writes the perturbed outputs for score.py"]
fn dump_perturbed() {
    let dir =
        PathBuf::from(std::env::var("XTASK_DUMP_PERTURBED").expect("XTASK_DUMP_PERTURBED is set"));
    fs::create_dir_all(&dir).unwrap();
    for (name, _) in perturbations() {
        let lines: Vec<String> = perturbed(name)
            .iter()
            .map(|d| serde_json::to_string(d).unwrap())
            .collect();
        fs::write(dir.join(format!("{name}.jsonl")), lines.join("\n") + "\n").unwrap();
    }
}

/// (perturbation, docs, missing, metrics in `Summary::metrics` order)
type Expected = (&'static str, u64, u64, [Option<f64>; 13]);

// python3 ../shared/eval/score.py tests/fixtures/gold /tmp/perturbed/NAME.jsonl --json
// → "total": content_p, content_r, content_f1, boiler_removed, headline_p,
//   headline_r, headline_f1, entry_acc, author_acc, time_acc, title_acc,
//   standfirst_acc, date_acc
const EXPECTED: &[Expected] = &[
    (
        "identity",
        5,
        0,
        [
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "drop_entry",
        5,
        0,
        [
            Some(1.0),
            Some(0.9694853499316837),
            Some(0.9845062822785785),
            Some(1.0),
            Some(1.0),
            Some(0.9772727272727273),
            Some(0.9885057471264368),
            Some(0.9772727272727273),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "headline_typo",
        5,
        0,
        [
            Some(0.9996964177292046),
            Some(0.9998481858205557),
            Some(0.9997722960151804),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "headline_rewritten",
        5,
        0,
        [
            Some(0.99908828445525),
            Some(0.9981782298466677),
            Some(0.9986330498177399),
            Some(1.0),
            Some(0.9772727272727273),
            Some(0.9772727272727273),
            Some(0.9772727272727273),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "headlines_lost",
        5,
        0,
        [
            Some(1.0),
            Some(0.9959010171550022),
            Some(0.9979462995360158),
            Some(1.0),
            Some(1.0),
            Some(0.9545454545454546),
            Some(0.9767441860465117),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "paragraph_moved",
        5,
        0,
        [
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(0.9545454545454546),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "wrong_author",
        5,
        0,
        [
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(0.8),
            Some(0.9),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "boilerplate_kept",
        5,
        0,
        [
            Some(0.9655526238639696),
            Some(1.0),
            Some(0.9824744574539489),
            Some(0.5213849287169043),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "fields_wrong",
        5,
        0,
        [
            Some(0.999544142227625),
            Some(0.9986336723850008),
            Some(0.9990886998784934),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(0.8),
            Some(0.8),
            Some(0.8),
        ],
    ),
    (
        "entry_split",
        5,
        0,
        [
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(0.9772727272727273),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "missing_document",
        5,
        1,
        [
            Some(1.0),
            Some(0.8453013511461971),
            Some(0.9161661867544221),
            Some(1.0),
            Some(1.0),
            Some(0.8409090909090909),
            Some(0.9135802469135803),
            Some(0.8409090909090909),
            Some(1.0),
            Some(1.0),
            Some(0.8),
            Some(0.8),
            Some(1.0),
        ],
    ),
    (
        "quotes_and_spaces",
        5,
        0,
        [
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ],
    ),
    (
        "everything",
        5,
        1,
        [
            Some(0.975960662902932),
            Some(0.8135721876423258),
            Some(0.8873985759231661),
            Some(0.7515274949083504),
            Some(0.9705882352941176),
            Some(0.75),
            Some(0.846153846153846),
            Some(0.75),
            Some(0.8),
            Some(0.9),
            Some(0.6),
            Some(0.6),
            Some(0.8),
        ],
    ),
];

fn check_total(name: &str, got: &Summary, docs: u64, missing: u64, expected: &[Option<f64>; 13]) {
    assert_eq!(
        (got.docs, got.missing),
        (docs, missing),
        "{name}: docs, missing"
    );
    for ((key, g), e) in got.metrics().iter().zip(expected) {
        match (g, e) {
            (Some(g), Some(e)) => {
                assert!((g - e).abs() < 1e-9, "{name}: {key} = {g}, python says {e}")
            }
            (g, e) => assert_eq!(g, e, "{name}: {key}"),
        }
    }
}

#[test]
fn gold_against_itself_is_perfect() {
    let golds = golds();
    assert_eq!(golds.len(), 5);
    let system = system_of(golds.clone());
    let report = score(&golds, &system);
    for (key, v) in report.total.metrics() {
        assert_eq!(v, Some(1.0), "total {key}");
    }
    for (id, s) in &report.docs {
        for (key, v) in s.metrics() {
            // a share with nothing to count (no author in the doc) is None
            assert!(v.is_none() || v == Some(1.0), "{id}: {key} = {v:?}");
        }
    }
    assert_eq!(report.total.missing, 0);
}

#[test]
fn perturbed_outputs_score_like_python() {
    assert_eq!(
        EXPECTED.len(),
        perturbations().len(),
        "an expectation per perturbation"
    );
    let golds = golds();
    for (name, docs, missing, expected) in EXPECTED {
        let report = score(&golds, &system_of(perturbed(name)));
        check_total(name, &report.total, *docs, *missing, expected);
    }
}

#[test]
fn table_is_the_scripts() {
    let golds = golds();
    let report = score(&golds, &system_of(perturbed("everything")));
    // python3 ../shared/eval/score.py tests/fixtures/gold /tmp/perturbed/everything.jsonl --per-doc
    let expected = include_str!("../../tests/data/everything.table.txt");
    assert_eq!(render_table(&report, true), expected);
    let expected_total: String = expected
        .lines()
        .filter(|l| !l.starts_with("00"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(render_table(&report, false), expected_total);
}

#[test]
fn json_is_the_scripts() {
    let golds = golds();
    let report = score(&golds, &system_of(perturbed("everything")));
    // python3 ../shared/eval/score.py tests/fixtures/gold /tmp/perturbed/everything.jsonl --json
    let expected = include_str!("../../tests/data/everything.json");
    assert_eq!(render_json(&report), expected);
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-score-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn loads_system_output_in_every_shape() {
    let golds = golds();
    let docs = perturbed("everything");
    let want = score(&golds, &system_of(docs.clone()));
    let dir = temp_dir("load");

    // JSON Lines, with blank lines and CRLF
    let jsonl = dir.join("out.jsonl");
    let lines: Vec<String> = docs
        .iter()
        .map(|d| serde_json::to_string(d).unwrap())
        .collect();
    fs::write(&jsonl, lines.join("\r\n\r\n") + "\n").unwrap();
    assert_eq!(score(&golds, &load_system(&jsonl).unwrap()), want);

    // one JSON list
    let list = dir.join("out.json");
    fs::write(&list, serde_json::to_string_pretty(&docs).unwrap()).unwrap();
    assert_eq!(score(&golds, &load_system(&list).unwrap()), want);

    // a folder of .json files: one document each, but one file holds a list
    let folder = dir.join("docs");
    fs::create_dir_all(&folder).unwrap();
    for d in &docs[..docs.len() - 2] {
        let name = format!("{}.json", d["id"].as_str().unwrap());
        fs::write(folder.join(name), serde_json::to_string(d).unwrap()).unwrap();
    }
    fs::write(
        folder.join("zz.json"),
        serde_json::to_string(&docs[docs.len() - 2..]).unwrap(),
    )
    .unwrap();
    fs::write(folder.join("notes.txt"), "not a document").unwrap();
    assert_eq!(score(&golds, &load_system(&folder).unwrap()), want);

    // a single document: the others are missing
    let one = dir.join("one.json");
    fs::write(&one, serde_json::to_string(&docs[0]).unwrap()).unwrap();
    let report = score(&golds, &load_system(&one).unwrap());
    assert_eq!((report.total.docs, report.total.missing), (5, 4));

    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_system_output_is_an_error() {
    let dir = temp_dir("bad");
    let bad = dir.join("bad.jsonl");
    fs::write(&bad, "{\"id\": \"a\"}\n{oops\n").unwrap();
    assert!(load_system(&bad).is_err());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn documents_without_id_are_ignored_and_ids_are_python_str() {
    let system = system_from_docs(vec![
        json!({"title": "x"}),
        json!([1]),
        json!({"id": 7}),
        json!({"id": "a"}),
    ]);
    let mut keys: Vec<&String> = system.keys().collect();
    keys.sort();
    assert_eq!(keys, ["7", "a"]);
    assert_eq!(py_str(&json!(1.0)), "1.0");
    assert_eq!(py_str(&json!(true)), "True");
}

#[test]
fn prf_and_summary_edge_cases() {
    assert_eq!(prf(0, 0, 0), (1.0, 1.0, 1.0));
    assert_eq!(prf(0, 0, 5), (0.0, 0.0, 0.0));
    assert_eq!(prf(0, 3, 0), (0.0, 1.0, 0.0));
    let s = Summary::of(&Counts::default());
    assert_eq!(s.boiler_removed, None);
    assert_eq!(s.entry_acc, None);
    assert_eq!(fmt_metric(None), "  -  ");
    // Python's f"{v:.3f}" rounds exact ties to even, like Rust's {:.3}
    assert_eq!(fmt_metric(Some(0.0625)), "0.062");
    assert_eq!(fmt_metric(Some(0.9375)), "0.938");
    assert_eq!(fmt_metric(Some(0.3125)), "0.312");
    assert_eq!(fmt_metric(Some(2.0 / 3.0)), "0.667");
    assert_eq!(fmt_metric(Some(0.0005)), "0.001"); // 0.0005 is a bit above 5e-4 in binary
}

#[test]
fn optional_text_is_forgiven_and_removed_text_is_counted() {
    let gold = json!({
        "id": "d", "title": "A title", "standfirst": null, "date": null,
        "summary": ["one two three"], "key_points": [], "entries": [],
        "_optional": ["four five", null], "_removed": ["six seven", "six"]
    });
    let sys = json!({"id": "d", "title": "A title", "summary": ["one two three four six six"]});
    let report = score(&[gold], &system_from_docs(vec![sys]));
    let c = report.counts;
    // tokens: gold {a, title, one, two, three}; system adds four (optional:
    // forgiven) and six six (removed: both leak, rb has six twice)
    assert_eq!((c.c_gold, c.c_sys, c.c_tp), (5, 7, 5));
    assert_eq!((c.b_gold, c.b_leak), (3, 2));
}

#[test]
fn headline_tie_break_prefers_candidates_after_the_last_match() {
    // gold headlines h0, h1; the system has h1 twice, before and after h0's
    // match: equal ratios, so the one after `start` wins
    let e = |h: &str| json!({"headline": h, "body": []});
    let gold = json!({"id": "d", "entries": [e("alpha beta gamma"), e("delta epsilon zeta")]});
    let sys = json!({"id": "d", "entries": [e("delta epsilon zeta"), e("alpha beta gamma"), e("delta epsilon zeta")]});
    let g = entries(&gold);
    let s = entries(&sys);
    let pairs = match_headlines(&g, &s);
    assert_eq!(pairs.get(&0), Some(&1));
    assert_eq!(pairs.get(&1), Some(&2));
}
