//! `cargo xtask spark-demo`: the Apache Spark example of docs/scale-out.md,
//! run in local mode and checked against a single-machine run.
//!
//! 1. checks that Java runs (Spark needs it), creates or reuses a Python
//!    venv in `target/spark-demo/venv` and installs PySpark from PyPI into
//!    it ([`PYSPARK`]);
//! 2. builds `tidings` in release;
//! 3. generates a JSON Lines corpus (`corpus.rs`, `--jsonl`) into
//!    `target/spark-demo/corpus-<bytes>-seed<N>`, or reuses it;
//! 4. runs the PySpark driver (`spark_demo.py`, written next to them) with
//!    `local[2]`: `sc.textFile` of the records, `rdd.pipe` through
//!    `tidings extract --input jsonl -j 1 -`, `saveAsTextFile`;
//! 5. runs `tidings extract --input jsonl -j 2` once on the same files;
//! 6. compares the two outputs document by document, by id: every field
//!    but `source` must be equal (`source` names the record by input and
//!    line: `part-0000.jsonl:7` in one run, `-:3` (the line of the
//!    partition's stdin) under Spark).
//!
//! Not part of `cargo xtask ci`: it downloads PySpark and takes minutes. It
//! re-runs itself in release mode, like `bench` and `gen-corpus`.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::env;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::{corpus, release};

/// The PySpark release installed into the venv: 3.5 runs on Java 8, 11
/// and 17.
const PYSPARK: &str = "3.5.9";
/// Where Spark runs: in this process's JVM, two task threads.
const MASTER: &str = "local[2]";
/// Threads of the single-machine run, as many as `MASTER` has.
const SINGLE_JOBS: &str = "2";
/// The PySpark driver, written to `target/spark-demo/spark_demo.py`.
const SCRIPT: &str = include_str!("spark_demo.py");
/// Differences shown field by field before giving up.
const SHOWN_DIFFERENCES: usize = 3;

const HELP: &str = "usage: cargo xtask spark-demo [--size SIZE] [--seed N]";

/// `cargo xtask spark-demo …`.
pub fn spark_demo(args: &[String]) -> Result<()> {
    let mut size = corpus::parse_size("64MiB")?;
    let mut seed: u64 = 1;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .with_context(|| format!("`{arg}` needs a value\n{HELP}"))
        };
        match arg.as_str() {
            "--size" => size = corpus::parse_size(value()?)?,
            "--seed" => seed = value()?.parse().context("`--seed` needs a number")?,
            "-h" | "--help" => {
                println!("{HELP}");
                return Ok(());
            }
            other => bail!("spark-demo: unknown argument `{other}`\n{HELP}"),
        }
    }
    let started = Instant::now();
    // Generating the corpus and comparing ~100 MB of JSON take ten times
    // longer in a debug build.
    if release::rerun_in_release("spark-demo", args)? {
        return Ok(());
    }
    let target = release::target_dir();
    let demo = target.join("spark-demo");
    fs::create_dir_all(&demo).with_context(|| format!("cannot create {}", demo.display()))?;

    println!("==> spark-demo: checking Java");
    let java = java_version()?;
    println!("spark-demo: {java}");

    println!("==> spark-demo: Python venv with pyspark {PYSPARK}");
    let python = python_with_pyspark(&demo)?;

    let tidings = release::build_tidings("spark-demo")?;

    let corpus_dir = demo.join(format!("corpus-{size}-seed{seed}"));
    if corpus_dir.join(corpus::MANIFEST).is_file() {
        println!(
            "==> spark-demo: reusing the corpus in {}",
            corpus_dir.display()
        );
    } else {
        println!(
            "==> spark-demo: generating the corpus in {}",
            corpus_dir.display()
        );
        let generating = Instant::now();
        let stats = corpus::generate(&corpus::Options {
            size,
            out: corpus_dir.clone(),
            seed,
            single_file: false,
            jsonl: true,
        })?;
        println!(
            "spark-demo: {} records in {} files, {:.1} MB of dumps, in {:.2} s",
            stats.documents,
            stats.files,
            stats.bytes as f64 / 1e6,
            generating.elapsed().as_secs_f64()
        );
    }
    let parts = jsonl_parts(&corpus_dir)?;
    let (records, record_bytes) = count_records(&parts)?;
    println!(
        "spark-demo: input: {records} records, {:.1} MB of JSON Lines in {} files",
        record_bytes as f64 / 1e6,
        parts.len()
    );

    let script = demo.join("spark_demo.py");
    fs::write(&script, SCRIPT).with_context(|| format!("cannot write {}", script.display()))?;
    let spark_out = demo.join("out-spark");
    if spark_out.exists() {
        fs::remove_dir_all(&spark_out)
            .with_context(|| format!("cannot remove {}", spark_out.display()))?;
    }
    println!("==> spark-demo: PySpark {MASTER}: rdd.pipe through tidings extract --input jsonl");
    let spark_started = Instant::now();
    let output = Command::new(&python)
        .arg(&script)
        .arg("--tidings")
        .arg(&tidings)
        .arg("--output")
        .arg(&spark_out)
        .args(["--master", MASTER])
        .args(&parts)
        .env("PYSPARK_PYTHON", &python)
        .env("PYSPARK_DRIVER_PYTHON", &python)
        .current_dir(&demo)
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("spark-demo: cannot run {}", python.display()))?;
    let spark_secs = spark_started.elapsed().as_secs_f64();
    // The driver prints one line (versions, partitions, job time); Spark
    // logs on stderr.
    let spark_line = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !spark_line.is_empty() {
        println!("spark_demo.py: {spark_line}");
    }
    if !output.status.success() {
        let inputs: Vec<String> = parts.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "spark-demo: the PySpark job failed ({}); Spark's log is above. To run it by hand: \
             cd {} && rm -rf {out} && PYSPARK_PYTHON={py} {py} spark_demo.py --tidings {} --output {out} {}",
            output.status,
            demo.display(),
            tidings.display(),
            inputs.join(" "),
            out = spark_out.display(),
            py = python.display(),
        );
    }
    let spark_files = spark_parts(&spark_out)?;

    println!("==> spark-demo: single machine: tidings extract --input jsonl -j {SINGLE_JOBS}");
    let single_out = demo.join("out-single.jsonl");
    let single_started = Instant::now();
    let output = Command::new(&tidings)
        .args(["extract", "--input", "jsonl", "-j", SINGLE_JOBS, "--quiet"])
        .arg("-o")
        .arg(&single_out)
        .arg("--force")
        .args(&parts)
        .output()
        .with_context(|| format!("spark-demo: cannot run {}", tidings.display()))?;
    let single_secs = single_started.elapsed().as_secs_f64();
    if !output.status.success() {
        bail!(
            "spark-demo: the single-machine run failed ({}; 1: some record failed, 2: usage):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }

    println!("==> spark-demo: comparing the documents by id (all fields but `source`)");
    let comparing = Instant::now();
    let single = index_documents(&single_out)?;
    if single.len() != records {
        bail!(
            "spark-demo: the single-machine run wrote {} documents for {records} records",
            single.len()
        );
    }
    let comparison = compare(&single, &spark_files)?;
    let compare_secs = comparing.elapsed().as_secs_f64();

    println!();
    println!("{java}; spark_demo.py: {spark_line}");
    println!(
        "input: {records} records, {:.1} MB of JSON Lines in {} files ({})",
        record_bytes as f64 / 1e6,
        parts.len(),
        corpus_dir.display()
    );
    println!(
        "spark: {} documents in {} part files, {spark_secs:.2} s (wall, JVM start included)",
        comparison.spark_documents,
        spark_files.len()
    );
    println!(
        "single machine (-j {SINGLE_JOBS}): {} documents, {single_secs:.2} s",
        single.len()
    );
    println!(
        "comparison: {compare_secs:.2} s; total {:.2} s",
        started.elapsed().as_secs_f64()
    );

    if !comparison.is_same() {
        for (id, fields) in field_differences(&single_out, &comparison.shown)? {
            eprintln!("spark-demo: document {id}: differs in {fields}");
        }
        bail!(
            "spark-demo: the outputs differ: {} documents with other content, {} missing from \
             Spark's output, {} only in Spark's output, {} ids written more than once by Spark \
             (examples: {})",
            comparison.different,
            comparison.missing.len(),
            comparison.extra,
            comparison.duplicates,
            comparison.examples.join(", ")
        );
    }
    println!(
        "same output: the {} documents of Spark equal the single run's, by id",
        single.len()
    );
    Ok(())
}

/// The first line of `java -version` (`$JAVA_HOME/bin/java` when
/// `JAVA_HOME` is set, as Spark does).
fn java_version() -> Result<String> {
    let java = env::var_os("JAVA_HOME").map_or_else(
        || PathBuf::from("java"),
        |home| Path::new(&home).join("bin/java"),
    );
    let hint = "Spark needs a Java runtime (8, 11 or 17 for pyspark 3.5): install one \
                (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME";
    let output = match Command::new(&java).arg("-version").output() {
        Ok(output) => output,
        Err(e) => bail!(
            "spark-demo: cannot run `{} -version`: {e}. {hint}",
            java.display()
        ),
    };
    let text = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!(
            "spark-demo: `{} -version` failed ({}): {}. {hint}",
            java.display(),
            output.status,
            text.trim()
        );
    }
    let first = text.lines().next().unwrap_or("java").trim().to_string();
    let major = first
        .split('"')
        .nth(1)
        .map(|v| v.strip_prefix("1.").unwrap_or(v))
        .and_then(|v| v.split(['.', '-', '+']).next())
        .and_then(|v| v.parse::<u32>().ok());
    if let Some(major) = major {
        if ![8, 11, 17].contains(&major) {
            println!(
                "spark-demo: warning: Java {major}; pyspark {PYSPARK} supports Java 8, 11 and 17"
            );
        }
    }
    Ok(first)
}

/// The venv's python with pyspark [`PYSPARK`] installed: the venv is
/// created with `python3 -m venv` when absent, pyspark installed with pip
/// when it is not that version.
fn python_with_pyspark(demo: &Path) -> Result<PathBuf> {
    let venv = demo.join("venv");
    let python = venv.join("bin/python");
    if !python.is_file() {
        println!("spark-demo: python3 -m venv {}", venv.display());
        let output = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .output()
            .context("spark-demo: cannot run python3 (PySpark 3.5 needs Python 3.8 or later)")?;
        if !output.status.success() {
            let _ = fs::remove_dir_all(&venv);
            bail!(
                "spark-demo: `python3 -m venv {}` failed ({}): {}\n\
                 (Debian/Ubuntu: `apt-get install python3-venv`)",
                venv.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
    }
    let pip = Command::new(&python)
        .args(["-m", "pip", "--version"])
        .output()
        .with_context(|| format!("spark-demo: cannot run {}", python.display()))?;
    if !pip.status.success() {
        bail!(
            "spark-demo: pip is missing from the venv {} ({}): {}\n\
             Install pip (Debian/Ubuntu: `apt-get install python3-pip python3-venv`), \
             then remove {} so that it is created again",
            venv.display(),
            pip.status,
            String::from_utf8_lossy(&pip.stderr).trim(),
            venv.display()
        );
    }
    let installed = Command::new(&python)
        .args(["-c", "import pyspark; print(pyspark.__version__)"])
        .output()
        .with_context(|| format!("spark-demo: cannot run {}", python.display()))?;
    let version = String::from_utf8_lossy(&installed.stdout)
        .trim()
        .to_string();
    if installed.status.success() && version == PYSPARK {
        println!(
            "spark-demo: pyspark {version} already in {}",
            venv.display()
        );
        return Ok(python);
    }
    println!("spark-demo: pip install pyspark=={PYSPARK} (about 320 MB from PyPI)");
    let installing = Instant::now();
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg(format!("pyspark=={PYSPARK}"))
        .status()
        .with_context(|| format!("spark-demo: cannot run {} -m pip", python.display()))?;
    if !status.success() {
        bail!(
            "spark-demo: `pip install pyspark=={PYSPARK}` failed ({status}); is PyPI reachable? \
             pip's message is above"
        );
    }
    println!(
        "spark-demo: pyspark {PYSPARK} installed in {:.1} s",
        installing.elapsed().as_secs_f64()
    );
    Ok(python)
}

/// The corpus's `part-NNNN.jsonl` files, sorted.
fn jsonl_parts(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut parts = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot read {}", dir.display()))?
            .path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("part-") && name.ends_with(".jsonl") {
            parts.push(path);
        }
    }
    parts.sort();
    if parts.is_empty() {
        bail!("spark-demo: no part-*.jsonl in {}", dir.display());
    }
    Ok(parts)
}

/// Spark's `part-NNNNN` output files, sorted; fails without `_SUCCESS`.
fn spark_parts(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.join("_SUCCESS").is_file() {
        bail!(
            "spark-demo: Spark reported success but wrote no {}",
            dir.join("_SUCCESS").display()
        );
    }
    let mut parts = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot read {}", dir.display()))?
            .path();
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("part-"))
        {
            parts.push(path);
        }
    }
    parts.sort();
    Ok(parts)
}

/// Records (non-blank lines, as `tidings` counts them) and bytes.
fn count_records(parts: &[PathBuf]) -> Result<(usize, u64)> {
    let mut records = 0;
    let mut bytes = 0;
    for part in parts {
        let text = fs::read(part).with_context(|| format!("cannot read {}", part.display()))?;
        bytes += text.len() as u64;
        records += text
            .split(|&b| b == b'\n')
            .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
            .count();
    }
    Ok((records, bytes))
}

/// A document's id and its content without `source`, as canonical JSON.
fn canonical(line: &str, file: &Path, number: usize) -> Result<(String, String)> {
    let mut value: Value = serde_json::from_str(line).with_context(|| {
        format!(
            "spark-demo: {}:{number}: not a JSON document",
            file.display()
        )
    })?;
    let object = value
        .as_object_mut()
        .with_context(|| format!("spark-demo: {}:{number}: not a JSON object", file.display()))?;
    object.remove("source");
    let id = match object.get("id") {
        Some(Value::String(id)) => id.clone(),
        _ => bail!(
            "spark-demo: {}:{number}: the document has no string id",
            file.display()
        ),
    };
    let text = serde_json::to_string(&value)?;
    Ok((id, text))
}

fn digest(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Calls `f(id, canonical text)` on each document of a JSON Lines file.
fn each_document(file: &Path, mut f: impl FnMut(String, String) -> Result<()>) -> Result<()> {
    let reader = BufReader::new(
        fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    for (index, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", file.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let (id, text) = canonical(&line, file, index + 1)?;
        f(id, text)?;
    }
    Ok(())
}

/// The single run's documents: id → digest of the canonical text.
fn index_documents(file: &Path) -> Result<HashMap<String, u64>> {
    let mut index = HashMap::new();
    each_document(file, |id, text| {
        if index.insert(id.clone(), digest(&text)).is_some() {
            bail!(
                "spark-demo: {}: id {id} appears twice (record ids must be unique)",
                file.display()
            );
        }
        Ok(())
    })?;
    Ok(index)
}

#[derive(Default)]
struct Comparison {
    spark_documents: usize,
    different: usize,
    extra: usize,
    duplicates: usize,
    missing: Vec<String>,
    /// A few ids that differ, for the message.
    examples: Vec<String>,
    /// The first differing documents of Spark's output: id → text.
    shown: HashMap<String, String>,
}

impl Comparison {
    fn is_same(&self) -> bool {
        self.different == 0 && self.extra == 0 && self.duplicates == 0 && self.missing.is_empty()
    }

    fn example(&mut self, id: &str) {
        if self.examples.len() < SHOWN_DIFFERENCES {
            self.examples.push(id.to_string());
        }
    }
}

/// Spark's output against the single run's index.
fn compare(single: &HashMap<String, u64>, spark_files: &[PathBuf]) -> Result<Comparison> {
    let mut out = Comparison::default();
    let mut seen: HashSet<String> = HashSet::new();
    for file in spark_files {
        each_document(file, |id, text| {
            out.spark_documents += 1;
            if !seen.insert(id.clone()) {
                out.duplicates += 1;
                out.example(&id);
                return Ok(());
            }
            match single.get(&id) {
                None => {
                    out.extra += 1;
                    out.example(&id);
                }
                Some(&expected) if expected != digest(&text) => {
                    out.different += 1;
                    out.example(&id);
                    if out.shown.len() < SHOWN_DIFFERENCES {
                        out.shown.insert(id, text);
                    }
                }
                Some(_) => {}
            }
            Ok(())
        })?;
    }
    out.missing = single
        .keys()
        .filter(|id| !seen.contains(*id))
        .cloned()
        .collect();
    out.missing.sort();
    for id in out.missing.clone() {
        out.example(&id);
    }
    Ok(out)
}

/// For each of Spark's differing documents, the top-level fields in which
/// it differs from the single run's.
fn field_differences(
    single_out: &Path,
    shown: &HashMap<String, String>,
) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    if shown.is_empty() {
        return Ok(out);
    }
    each_document(single_out, |id, text| {
        let Some(spark_text) = shown.get(&id) else {
            return Ok(());
        };
        let ours: Value = serde_json::from_str(&text)?;
        let theirs: Value = serde_json::from_str(spark_text)?;
        let (Some(ours), Some(theirs)) = (ours.as_object(), theirs.as_object()) else {
            return Ok(());
        };
        let mut fields: Vec<&str> = ours
            .keys()
            .chain(theirs.keys())
            .filter(|k| ours.get(*k) != theirs.get(*k))
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        fields.dedup();
        out.push((id, fields.join(", ")));
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder of this test process, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir =
                env::temp_dir().join(format!("tidings-spark-test-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("scratch folder");
            Scratch(dir)
        }

        fn file(&self, name: &str, lines: &[&str]) -> PathBuf {
            let path = self.0.join(name);
            fs::write(&path, lines.join("\n") + "\n").expect("scratch file");
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    const A: &str = r#"{"id":"a","source":"in/part-0000.jsonl:1","title":"A","entries":[]}"#;
    const B: &str = r#"{"id":"b","source":"in/part-0000.jsonl:2","title":"B","entries":[]}"#;
    const A_SPARK: &str = r#"{"id":"a","source":"-:1","title":"A","entries":[]}"#;
    const B_SPARK: &str = r#"{"id":"b","source":"-:1","title":"B","entries":[]}"#;

    fn run(name: &str, spark: &[&[&str]]) -> (Comparison, Vec<(String, String)>) {
        let scratch = Scratch::new(name);
        let single_out = scratch.file("single.jsonl", &[A, B]);
        let single = index_documents(&single_out).expect("index");
        let files: Vec<PathBuf> = spark
            .iter()
            .enumerate()
            .map(|(i, lines)| scratch.file(&format!("part-{i:05}"), lines))
            .collect();
        let comparison = compare(&single, &files).expect("compare");
        let fields = field_differences(&single_out, &comparison.shown).expect("fields");
        (comparison, fields)
    }

    #[test]
    fn same_documents_in_any_order_and_source_are_the_same() {
        let (c, _) = run("same", &[&[B_SPARK], &[A_SPARK]]);
        assert!(c.is_same());
        assert_eq!(c.spark_documents, 2);
    }

    #[test]
    fn other_content_missing_extra_and_repeated_documents_differ() {
        let other = r#"{"id":"a","source":"-:1","title":"Z","entries":[]}"#;
        let (c, fields) = run("other", &[&[other, B_SPARK]]);
        assert_eq!(c.different, 1);
        assert_eq!(fields, vec![("a".to_string(), "title".to_string())]);

        let (c, _) = run("missing", &[&[A_SPARK]]);
        assert_eq!(c.missing, vec!["b".to_string()]);

        let extra = r#"{"id":"c","source":"-:3","title":"C","entries":[]}"#;
        let (c, _) = run("extra", &[&[A_SPARK, B_SPARK], &[extra]]);
        assert_eq!((c.extra, c.is_same()), (1, false));

        let (c, _) = run("twice", &[&[A_SPARK, B_SPARK], &[A_SPARK]]);
        assert_eq!((c.duplicates, c.is_same()), (1, false));
    }
}
