//! The real `tidings` binary, run as users run it.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use tidings_tests::{run_with_stdin, tidings};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds")
}

fn run(args: &[&str]) -> Output {
    tidings().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn jsonl(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn extracts_a_folder_in_sorted_order_as_json_lines() {
    let out = run(&["extract", seeds().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = jsonl(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "000_7ffaee336a8ab785",
            "001_e43319ad650490e2",
            "002_15be3586bea34bf9",
            "003_359a1f66ad2c91be",
            "004_f6dc33e3377c0940"
        ]
    );
    assert!(
        docs.iter().all(|d| d.get("removed").is_none()),
        "removed only with --explain"
    );
    assert!(docs[0]["source"]
        .as_str()
        .unwrap()
        .ends_with("000_7ffaee336a8ab785.txt"));
}

#[test]
fn every_format_writes_what_it_promises() {
    let dir = seeds();
    let dir = dir.to_str().unwrap();

    let json = run(&["extract", dir, "--format", "json"]);
    assert!(json.status.success());
    let docs: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(docs.as_array().unwrap().len(), 5);

    let csv = run(&["extract", dir, "--format", "csv"]);
    assert!(csv.status.success());
    let text = stdout(&csv);
    assert!(
        text.starts_with("document_id,"),
        "{}",
        &text[..80.min(text.len())]
    );
    assert!(text.contains("Arpan Rai"));

    let md = run(&["extract", dir, "--format", "markdown"]);
    assert!(md.status.success());
    assert!(
        stdout(&md).contains("# Ukraine-Russia latest: North Korea soldiers in Russia targeted")
    );

    let bad = run(&["extract", dir, "--format", "yaml"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn explain_lists_each_removed_line_with_its_rule() {
    let file = seeds().join("003_359a1f66ad2c91be.txt");
    let out = run(&["extract", "--explain", file.to_str().unwrap()]);
    assert!(out.status.success());
    let doc = &jsonl(&out)[0];
    let removed = doc["removed"].as_array().unwrap();
    let rule_of = |text: &str| {
        removed
            .iter()
            .find(|r| r["text"] == text)
            .map(|r| r["rule"].as_str().unwrap().to_string())
    };
    assert_eq!(
        rule_of("Comments").as_deref(),
        Some("generic/comments-heading")
    );
    assert_eq!(
        rule_of("In pics: Russia bombs Ukraine’s capital and Kharkiv").as_deref(),
        Some("generic/media-promo")
    );
    assert_eq!(
        rule_of("Your support helps us to tell the story").as_deref(),
        Some("independent/donation-appeal")
    );
}

#[test]
fn output_file_is_written_whole_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    let out = run(&[
        "extract",
        seeds().to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&target).unwrap();
    assert_eq!(text.lines().count(), 5);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out.jsonl"]);
}

#[test]
fn reads_standard_input() {
    let out = run_with_stdin(
        &["extract", "-"],
        b"Talks resume in Geneva\nDelegations met again this morning.\n",
    );
    assert!(out.status.success());
    let doc = &jsonl(&out)[0];
    assert_eq!(doc["source"], "-");
    assert_eq!(doc["title"], "Talks resume in Geneva");
}

#[test]
fn user_rule_packs_apply_and_bad_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mine.toml");
    std::fs::write(
        &pack,
        "[pack]\nname = \"mine\"\n[[rule]]\nname = \"ukraine-drone\"\nmatch = { prefix = [\"Ukraine repels\"] }\n",
    )
    .unwrap();
    let file = seeds().join("001_e43319ad650490e2.txt");
    let out = run(&[
        "extract",
        "--explain",
        "--rules",
        pack.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &jsonl(&out)[0];
    assert!(doc["removed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["rule"] == "mine/ukraine-drone"));

    std::fs::write(
        &pack,
        "[pack]\nname = \"mine\"\n[[rule]]\nname = \"x\"\nmatch = { pattern = [\"(\"] }\n",
    )
    .unwrap();
    let out = run(&[
        "extract",
        "--rules",
        pack.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad pattern"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

/// A folder with one good dump and one bad input of each kind.
struct Batch {
    dir: tempfile::TempDir,
}

impl Batch {
    fn new() -> Batch {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            seeds().join("002_15be3586bea34bf9.txt"),
            dir.path().join("002_good.txt"),
        )
        .unwrap();
        Batch { dir }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_string()
    }

    fn good(&self) -> String {
        self.dir
            .path()
            .join("002_good.txt")
            .to_str()
            .unwrap()
            .to_string()
    }
}

/// Runs a batch of `bad` then the good dump; checks that the good one was
/// still extracted and returns the run.
fn batch_with(bad: &str, good: &str) -> Output {
    let out = run(&["extract", bad, good]);
    let docs = jsonl(&out);
    assert!(
        docs.iter().any(|d| d["id"] == "002_good"),
        "the good dump was not extracted: {}",
        stderr(&out)
    );
    out
}

#[test]
fn a_missing_path_is_reported_and_the_batch_goes_on() {
    let batch = Batch::new();
    let missing = batch.dir.path().join("nope.txt");
    let out = batch_with(missing.to_str().unwrap(), &batch.good());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope.txt"), "{}", stderr(&out));
}

#[test]
fn a_folder_without_dumps_is_reported() {
    let batch = Batch::new();
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.md"), "not a dump").unwrap();
    let out = batch_with(empty.path().to_str().unwrap(), &batch.good());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no *.txt dumps"), "{}", stderr(&out));
}

#[test]
fn an_empty_file_gives_an_empty_document_and_a_warning() {
    let batch = Batch::new();
    let empty = batch.file("003_empty.txt", b"");
    let out = batch_with(&empty, &batch.good());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("003_empty.txt") && stderr(&out).contains("empty"),
        "{}",
        stderr(&out)
    );
    let docs = jsonl(&out);
    assert_eq!(docs[0]["id"], "003_empty");
    assert_eq!(docs[0]["entries"].as_array().unwrap().len(), 0);
}

#[test]
fn a_binary_file_is_refused_with_its_offset() {
    let batch = Batch::new();
    let binary = batch.file("bin.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00");
    let out = batch_with(&binary, &batch.good());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bin.txt") && err.contains("byte"), "{err}");
    assert!(err.contains("1 input(s) failed"), "{err}");
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_the_byte() {
    let batch = Batch::new();
    let latin1 = batch.file(
        "004_latin1.txt",
        b"Caf\xe9 owners protest new rules\nThey say costs are too high.\n",
    );
    let out = batch_with(&latin1, &batch.good());
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("004_latin1.txt") && err.contains("byte 3"),
        "{err}"
    );
    let docs = jsonl(&out);
    assert_eq!(docs[0]["title"], "Caf\u{fffd} owners protest new rules");
}

#[test]
fn an_impossible_header_date_is_refused() {
    let batch = Batch::new();
    let bad = batch.file(
        "005_date.txt",
        b" date 2024-13-40 Title of the blog\nBody.\n",
    );
    let out = batch_with(&bad, &batch.good());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("005_date.txt") && err.contains("2024-13-40") && err.contains("line 1"),
        "{err}"
    );
}

#[test]
fn a_fifty_megabyte_single_line_is_processed() {
    let batch = Batch::new();
    let sentence = "Officials said the situation remained tense but stable overnight. ";
    let line = sentence.repeat(50 * 1024 * 1024 / sentence.len());
    let big = batch.file("006_big.txt", line.as_bytes());
    let out = batch_with(&big, &batch.good());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("006_big.txt") && err.contains("long"), "{err}");
    let docs = jsonl(&out);
    assert_eq!(docs[0]["id"], "006_big");
}

#[test]
fn explain_shows_every_line_with_its_fate_plain_when_piped() {
    let file = seeds().join("002_15be3586bea34bf9.txt");
    let out = run(&["explain", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour codes when piped");
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 41, "one row per non-blank line of 002");
    assert!(
        rows[0].trim_start().starts_with("1  summary"),
        "{}",
        rows[0]
    );
    let byline = rows
        .iter()
        .find(|r| r.contains("Arpan Rai6 November 2024 04:16"))
        .unwrap();
    assert!(
        byline.contains("byline") && byline.contains("#1"),
        "{byline}"
    );

    let file = seeds().join("003_359a1f66ad2c91be.txt");
    let out = run(&["explain", "--color", "always", file.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains('\u{1b}'), "colour when asked");
    assert!(text.contains("removed independent/donation-appeal"));
    assert!(text.contains("alt-headline"));
}

#[test]
fn explain_refuses_a_bad_file_clearly() {
    let batch = Batch::new();
    let binary = batch.file("bin.txt", b"\x00\x01\x02binary");
    let out = run(&["explain", &binary]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bin.txt"), "{}", stderr(&out));
}

#[test]
fn parallel_runs_write_what_a_serial_run_writes_in_the_same_order() {
    let dir = seeds();
    let dir = dir.to_str().unwrap();
    let serial = run(&["extract", "--jobs", "1", dir]);
    let parallel = run(&["extract", "--jobs", "3", dir]);
    assert!(serial.status.success() && parallel.status.success());
    assert_eq!(stdout(&serial), stdout(&parallel));
}

#[test]
fn shards_cover_every_input_exactly_once() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/synthetic/dumps");
    let dir = dir.to_str().unwrap();
    let all = jsonl(&run(&["extract", dir]));
    let mut ids: Vec<String> = Vec::new();
    for i in 0..4 {
        let shard = run(&[
            "extract",
            "--shard-index",
            &i.to_string(),
            "--num-shards",
            "4",
            dir,
        ]);
        assert!(shard.status.success());
        ids.extend(
            jsonl(&shard)
                .iter()
                .map(|d| d["id"].as_str().unwrap().to_string()),
        );
    }
    let mut want: Vec<String> = all
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    want.sort();
    assert_eq!(ids, want);
    let bad = run(&["extract", "--shard-index", "4", "--num-shards", "4", dir]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn json_lines_records_in_and_documents_with_their_ids_out() {
    let records = [
        serde_json::json!({"id": "rec-1", "text": "Storm live: roads shut\nCrews are working overnight.", "metadata": {"url": "x"}}),
        serde_json::json!({"id": 42, "text": "Talks resume in Geneva\nDelegations met again."}),
    ];
    let mut input: String = records.iter().map(|r| format!("{r}\n")).collect();
    input.push_str("{\"not\": \"a record\"}\n");
    let out = run_with_stdin(&["extract", "--input", "jsonl", "-"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1), "the bad record is a failure");
    assert!(
        stderr(&out).contains("-: line 3: not a {\"id\", \"text\"} record"),
        "{}",
        stderr(&out)
    );
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "rec-1");
    assert_eq!(docs[0]["title"], "Storm live: roads shut");
    assert_eq!(docs[1]["id"], "42");
}

#[test]
fn merge_writes_one_timeline_and_updates_a_database_in_place() {
    let dir = seeds();
    let dir = dir.to_str().unwrap();
    let out = run(&["merge", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entries = jsonl(&out);
    assert_eq!(entries.len(), 38, "the five seeds hold 38 distinct entries");

    let jsonld = run(&["merge", dir, "--format", "jsonld"]);
    let graph: Value = serde_json::from_str(&stdout(&jsonld)).unwrap();
    assert_eq!(graph["@context"], "https://schema.org");

    let db_dir = tempfile::tempdir().unwrap();
    let db = db_dir.path().join("archive.db");
    let db = db.to_str().unwrap();
    let first = run(&["merge", dir, "--format", "sqlite", "-o", db]);
    assert!(
        stderr(&first).contains("38 entries added"),
        "{}",
        stderr(&first)
    );
    let again = run(&["merge", dir, "--format", "sqlite", "-o", db]);
    assert!(
        stderr(&again).contains("0 entries added, 0 updated, 38 in all"),
        "{}",
        stderr(&again)
    );

    let no_db = run(&["merge", dir, "--format", "sqlite"]);
    assert_eq!(no_db.status.code(), Some(2));
}
