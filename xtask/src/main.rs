//! `cargo xtask`: the developer commands of the Tidings workspace.
//!
//! `cargo xtask` is an alias (see `.cargo/config.toml`) for
//! `cargo run --quiet --package xtask --`. Run `cargo xtask help` for the
//! list of commands.

use std::env;
use std::ffi::OsString;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};
use serde_json::Value;
use xtask::score;

mod bench;
mod corpus;
mod fuzz;
mod release;
mod spark;

const HELP: &str = "\
usage: cargo xtask <command> [options]

commands:
  ci            cargo fmt --check, clippy (-D warnings), test, doc (-D warnings),
                then eval; stops at the first step that fails
  eval [GOLD_DIR] [--dumps DIR] [--json] [--per-doc] [--no-thresholds] [--save FILE]
                extract each gold document's dump (DIR/<id>.txt) in-process and
                score the output against GOLD_DIR, per document and in total;
                fails when a total falls below its threshold. --save writes the
                extracted documents to FILE as JSON Lines (for score.py).
                Without GOLD_DIR: every fixture set (seeds, synthetic, holdout,
                blind2), each against its own thresholds; with one, DIR
                defaults to that set's dumps (else tests/fixtures/seeds)
  score GOLD_DIR SYSTEM_OUTPUT [--per-doc] [--json]
                the reference scorer (shared/eval/score.py) ported to Rust: scores
                a JSON Lines file, a JSON file or a folder of .json files
  pyunicode [--check]
                regenerate (--check: compare) xtask/src/score/pyunicode.rs, the
                Unicode tables of the local python3 that the scorer port uses
  fuzz [TARGET…] [--seconds N] [--jobs N] [--seed-corpus]
                run the cargo-fuzz targets in fuzz/ (dump_parse, unglue, byline,
                pipeline; default all) for N seconds each (default 60), N at a
                time; --seed-corpus rewrites fuzz/corpus/ from the fixtures.
                Needs cargo-fuzz (`cargo install cargo-fuzz`)
  pathological [CASE…]
                time the pipeline on pathological inputs at full size and a
                tenth (rebuilt with --release); fails when time per MB grows >3x
  gen-corpus --size SIZE --out DIR [--seed N] [--single-file] [--jsonl]
                write a deterministic synthetic corpus (SIZE like 256MiB, 1GiB)
                recombined from the fixture dumps: files of 2–200 KB plus three
                large ones, NNNNNN_<16 hex>.txt in folders of 1,000
  bench [--corpus DIR] [--size SIZE] [--seed N] [--jobs N] [--runs N]
                throughput of `tidings extract` (-j 1 and -j N) against a
                read-split-escape floor on one corpus (generated into
                target/bench-corpus when not given): MB/s, documents/s, peak RSS
  spark-demo [--size SIZE] [--seed N]
                the PySpark example of docs/scale-out.md in local mode: pip-installs
                pyspark into target/spark-demo/venv (needs Java and python3 with pip),
                rdd.pipe()s a JSON Lines corpus (default 64MiB) through `tidings
                extract --input jsonl` and checks the output equals one local run's
  help          this text
";

/// Minimum totals of `cargo xtask eval` on the seed fixtures
/// (`tests/fixtures/gold` against the dumps of `tests/fixtures/seeds`).
///
/// One table per gold set: a set with other difficulties (say, synthetic
/// fixtures) gets its own table and its own line in [`THRESHOLD_TABLES`].
const SEED_THRESHOLDS: &[(&str, f64)] = &[
    // word tokens of all kept content, against the gold's
    ("content_f1", 0.99),
    // share of the gold's boilerplate/promo tokens kept out
    ("boiler_removed", 0.99),
    // entry headlines found (fuzzy, in order)
    ("headline_f1", 0.97),
    // gold entries whose matched entry has exactly the gold's paragraphs
    ("entry_acc", 0.90),
    // bylines: every author and time right
    ("author_acc", 1.0),
    ("time_acc", 1.0),
    // document fields: all right on every seed
    ("title_acc", 1.0),
    ("standfirst_acc", 1.0),
    ("date_acc", 1.0),
];

/// Minimum totals on the synthetic fixtures (`tests/fixtures/synthetic`):
/// hand-made pages in many publishers' layouts, the bar set by the
/// "extraction that generalises" issue.
const SYNTHETIC_THRESHOLDS: &[(&str, f64)] = &[
    ("content_f1", 0.97),
    ("boiler_removed", 0.95),
    ("headline_f1", 0.95),
    ("author_acc", 0.95),
    ("time_acc", 0.95),
];

/// Regression floors on the held-out sets (`tests/fixtures/holdout`,
/// `tests/fixtures/blind2`): written blind in publisher styles the rules
/// were not developed on. `holdout` was then used for development, so its
/// floors sit near what it scores; `blind2` never was, so its scores are
/// the honest estimate for unseen publishers and its floors only catch a
/// regression (a few points under what it scored when it was added).
const HOLDOUT_THRESHOLDS: &[(&str, f64)] = &[
    ("content_f1", 0.97),
    ("boiler_removed", 0.90),
    ("headline_f1", 0.95),
    ("author_acc", 0.95),
    ("time_acc", 0.95),
];
const BLIND2_THRESHOLDS: &[(&str, f64)] = &[
    ("content_f1", 0.90),
    ("boiler_removed", 0.45),
    ("headline_f1", 0.78),
    ("entry_acc", 0.62),
    ("author_acc", 0.38),
    ("time_acc", 0.52),
];

/// A named table of minimum totals: `(metric, minimum)`.
type Thresholds = (&'static str, &'static [(&'static str, f64)]);

/// A gold set in the repository: its gold folder, the folder of its dumps
/// (both relative to the workspace root) and its thresholds.
struct FixtureSet {
    gold: &'static str,
    dumps: &'static str,
    thresholds: Thresholds,
}

/// Every gold set `cargo xtask eval` checks when given no folder. A gold
/// folder given on the command line that is not listed here is held to the
/// seed table and read with the seed dumps unless `--dumps` says otherwise.
const FIXTURE_SETS: &[FixtureSet] = &[
    FixtureSet {
        gold: "tests/fixtures/gold",
        dumps: "tests/fixtures/seeds",
        thresholds: ("seed", SEED_THRESHOLDS),
    },
    FixtureSet {
        gold: "tests/fixtures/synthetic/gold",
        dumps: "tests/fixtures/synthetic/dumps",
        thresholds: ("synthetic", SYNTHETIC_THRESHOLDS),
    },
    FixtureSet {
        gold: "tests/fixtures/holdout/gold",
        dumps: "tests/fixtures/holdout/dumps",
        thresholds: ("holdout", HOLDOUT_THRESHOLDS),
    },
    FixtureSet {
        gold: "tests/fixtures/blind2/gold",
        dumps: "tests/fixtures/blind2/dumps",
        thresholds: ("blind2", BLIND2_THRESHOLDS),
    },
];

/// The fixture set whose gold folder is `gold_dir`, if any.
fn fixture_set(gold_dir: &Path) -> Option<&'static FixtureSet> {
    let root = workspace_root();
    let wanted = gold_dir
        .canonicalize()
        .unwrap_or_else(|_| gold_dir.to_path_buf());
    FIXTURE_SETS.iter().find(|set| {
        root.join(set.gold)
            .canonicalize()
            .is_ok_and(|d| d == wanted)
    })
}

/// The threshold table for a gold folder.
fn thresholds_for(gold_dir: &Path) -> Thresholds {
    fixture_set(gold_dir).map_or(("seed", SEED_THRESHOLDS), |set| set.thresholds)
}

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some((command, rest)) = args.split_first() else {
        print!("{HELP}");
        return Ok(());
    };
    match command.as_str() {
        "ci" => {
            no_more_args("ci", rest)?;
            ci()
        }
        "eval" => eval(&EvalArgs::parse(rest)?),
        "score" => score_command(rest),
        "pyunicode" => pyunicode(rest),
        "fuzz" => fuzz::fuzz(rest),
        "pathological" => fuzz::pathological(rest),
        "gen-corpus" => corpus::gen_corpus(rest),
        "bench" => bench::bench(rest),
        "spark-demo" => spark::spark_demo(rest),
        "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => bail!("unknown command `{other}`; `cargo xtask help` lists the commands"),
    }
}

fn no_more_args(command: &str, rest: &[String]) -> Result<()> {
    match rest.first() {
        Some(arg) => bail!("`cargo xtask {command}` takes no argument `{arg}`"),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------- ci

fn cargo() -> OsString {
    env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// `cargo xtask ci`: every check, in order, stopping at the first failure.
fn ci() -> Result<()> {
    type Step = (
        &'static str,
        &'static [&'static str],
        &'static [(&'static str, &'static str)],
    );
    const STEPS: &[Step] = &[
        ("fmt", &["fmt", "--all", "--check"], &[]),
        (
            "clippy",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            &[],
        ),
        ("test", &["test", "--workspace"], &[("INSTA_UPDATE", "no")]),
        (
            "doc",
            &["doc", "--workspace", "--no-deps"],
            &[("RUSTDOCFLAGS", "-D warnings")],
        ),
    ];
    let root = workspace_root();
    let cargo = cargo();
    let mut passed: Vec<&str> = Vec::new();
    let total = STEPS.len() + 1;
    for &(name, args, envs) in STEPS {
        println!("==> {name}");
        let status = Command::new(&cargo)
            .args(args)
            .envs(envs.iter().copied())
            .current_dir(&root)
            .status()
            .with_context(|| format!("ci: step `{name}`: cannot run {:?}", cargo))?;
        if !status.success() {
            bail!(
                "ci: step `{name}` failed ({status}): `cargo {}`; passed before it: {}",
                args.join(" "),
                list_or_none(&passed)
            );
        }
        passed.push(name);
    }
    println!("==> eval");
    eval(&EvalArgs::default()).map_err(|e| {
        e.context(format!(
            "ci: step `eval` failed; passed before it: {}",
            list_or_none(&passed)
        ))
    })?;
    passed.push("eval");
    println!(
        "ci: {} of {total} steps passed ({})",
        passed.len(),
        passed.join(", ")
    );
    Ok(())
}

fn list_or_none(steps: &[&str]) -> String {
    if steps.is_empty() {
        "none".to_string()
    } else {
        steps.join(", ")
    }
}

// ---------------------------------------------------------------- eval

#[derive(Debug, Clone)]
struct EvalArgs {
    /// `None`: every set in [`FIXTURE_SETS`].
    gold: Option<PathBuf>,
    /// `None`: the set's own dumps.
    dumps: Option<PathBuf>,
    json: bool,
    thresholds: bool,
    /// Where to write the extracted documents as JSON Lines, for the
    /// reference scorer.
    save: Option<PathBuf>,
}

impl Default for EvalArgs {
    fn default() -> Self {
        EvalArgs {
            gold: None,
            dumps: None,
            json: false,
            thresholds: true,
            save: None,
        }
    }
}

impl EvalArgs {
    fn parse(args: &[String]) -> Result<EvalArgs> {
        let mut out = EvalArgs::default();
        let mut gold: Option<PathBuf> = None;
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--json" => out.json = true,
                // rows per document are always printed by eval
                "--per-doc" => {}
                "--no-thresholds" => out.thresholds = false,
                "--dumps" => {
                    let dir = it.next().context("`--dumps` needs a folder")?;
                    out.dumps = Some(PathBuf::from(dir));
                }
                "--save" => {
                    let file = it.next().context("`--save` needs a file name")?;
                    out.save = Some(PathBuf::from(file));
                }
                flag if flag.starts_with("--") => {
                    if let Some(dir) = flag.strip_prefix("--dumps=") {
                        out.dumps = Some(PathBuf::from(dir));
                    } else {
                        bail!("eval: unknown option `{flag}`; see `cargo xtask help`");
                    }
                }
                path if gold.is_none() => gold = Some(PathBuf::from(path)),
                extra => bail!("eval: unexpected argument `{extra}`; see `cargo xtask help`"),
            }
        }
        out.gold = gold;
        Ok(out)
    }
}

/// Runs the pipeline on one dump; `None` (reported on stderr) when it
/// cannot be read or extracted.
fn extract(
    pipeline: &tidings::Pipeline,
    id: &str,
    path: &Path,
    source: &str,
) -> Result<Option<Value>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("eval: {id}: cannot read {source}: {e}; counted as missing");
            return Ok(None);
        }
    };
    let document =
        match panic::catch_unwind(AssertUnwindSafe(|| pipeline.extract_owned(source, &bytes))) {
            Ok(Ok(document)) => document,
            Ok(Err(e)) => {
                eprintln!("eval: {id}: extraction failed: {e}; counted as missing");
                return Ok(None);
            }
            Err(_) => {
                eprintln!("eval: {id}: extraction panicked (see above); counted as missing");
                return Ok(None);
            }
        };
    let value = serde_json::to_value(&document)
        .with_context(|| format!("eval: {id}: cannot serialise the document"))?;
    let out_id = value.get("id").map(score::py_str);
    if out_id.as_deref() != Some(id) {
        eprintln!("eval: {id}: the extracted document's id is {out_id:?}, so it is not matched with its gold");
    }
    Ok(Some(value))
}

/// `cargo xtask eval`: every fixture set, or the one gold folder given.
fn eval(args: &EvalArgs) -> Result<()> {
    let root = workspace_root();
    if let Some(gold) = &args.gold {
        let dumps = args.dumps.clone().unwrap_or_else(|| {
            root.join(fixture_set(gold).map_or("tests/fixtures/seeds", |set| set.dumps))
        });
        return eval_set(args, gold, &dumps);
    }
    let mut failures = Vec::new();
    for set in FIXTURE_SETS {
        println!("==> eval {} ({})", set.thresholds.0, set.gold);
        let dumps = args.dumps.clone().unwrap_or_else(|| root.join(set.dumps));
        if let Err(e) = eval_set(args, &root.join(set.gold), &dumps) {
            eprintln!("{e:#}");
            failures.push(set.thresholds.0);
        }
    }
    if !failures.is_empty() {
        bail!("eval: below thresholds on: {}", failures.join(", "));
    }
    Ok(())
}

/// Extracts every gold document's dump in-process, scores the documents
/// and checks the totals against the set's thresholds.
fn eval_set(args: &EvalArgs, gold: &Path, dumps: &Path) -> Result<()> {
    let root = workspace_root();
    let golds = score::load_gold_dir(gold).context("eval: cannot load the gold documents")?;
    if golds.is_empty() {
        bail!("eval: no gold document (*.json) in {}", gold.display());
    }
    let pipeline = tidings::Pipeline::default();
    let mut outputs = Vec::new();
    for g in &golds {
        let Some(id) = g.get("id").and_then(Value::as_str) else {
            eprintln!("eval: a gold document's id is not a string: {}", g["id"]);
            continue;
        };
        let path = dumps.join(format!("{id}.txt"));
        let source = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string();
        if let Some(document) = extract(&pipeline, id, &path, &source)? {
            outputs.push(document);
        }
    }
    if let Some(file) = &args.save {
        let mut jsonl = String::new();
        for document in &outputs {
            jsonl.push_str(&serde_json::to_string(document)?);
            jsonl.push('\n');
        }
        std::fs::write(file, jsonl)
            .with_context(|| format!("eval: cannot write {}", file.display()))?;
        eprintln!("eval: wrote the extracted documents to {}", file.display());
    }
    let report = score::score(&golds, &score::system_from_docs(outputs));
    if args.json {
        print!("{}", score::render_json(&report));
    } else {
        print!("{}", score::render_table(&report, true));
    }
    if args.thresholds {
        check_thresholds(&report.total, gold)?;
    }
    Ok(())
}

fn check_thresholds(total: &score::Summary, gold_dir: &Path) -> Result<()> {
    let (table, thresholds) = thresholds_for(gold_dir);
    let mut failures = Vec::new();
    for &(metric, min) in thresholds {
        match total.get(metric) {
            Some(value) if value < min => failures.push(format!(
                "{metric} = {value} is below the threshold {min:.2}"
            )),
            Some(_) => {}
            None => eprintln!(
                "eval: {metric} has nothing to measure on this gold set; threshold not checked"
            ),
        }
    }
    if !failures.is_empty() {
        bail!(
            "eval: {} of {} totals below the {table} thresholds:\n  {}",
            failures.len(),
            thresholds.len(),
            failures.join("\n  ")
        );
    }
    eprintln!(
        "eval: all {} totals meet the {table} thresholds",
        thresholds.len()
    );
    Ok(())
}

// ---------------------------------------------------------------- score

const SCORE_USAGE: &str = "\
usage: cargo xtask score GOLD_DIR SYSTEM_OUTPUT [--json] [--per-doc]
SYSTEM_OUTPUT: a JSON Lines file (one document per line), a JSON file holding
one document or a list of them, or a folder of per-document .json files.
Documents are matched by \"id\" (the dump file's stem).";

/// `cargo xtask score`: the reference scorer's command line.
fn score_command(args: &[String]) -> Result<()> {
    let mut json = false;
    let mut per_doc = false;
    let mut paths = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--json" => json = true,
            "--per-doc" => per_doc = true,
            flag if flag.starts_with("--") => {
                bail!("score: unknown option `{flag}`\n{SCORE_USAGE}")
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    let [gold_dir, system_path] = paths.as_slice() else {
        bail!("score: needs GOLD_DIR and SYSTEM_OUTPUT\n{SCORE_USAGE}");
    };
    let golds = score::load_gold_dir(gold_dir)?;
    let system = score::load_system(system_path)?;
    let report = score::score(&golds, &system);
    if json {
        print!("{}", score::render_json(&report));
    } else {
        print!("{}", score::render_table(&report, per_doc));
    }
    Ok(())
}

// ---------------------------------------------------------------- pyunicode

/// Prints `xtask/src/score/pyunicode.rs` from the Python that runs it.
const PYUNICODE_GENERATOR: &str = include_str!("score/gen_pyunicode.py");

/// `cargo xtask pyunicode [--check]`.
fn pyunicode(args: &[String]) -> Result<()> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => bail!("usage: cargo xtask pyunicode [--check]"),
    };
    let output = Command::new("python3")
        .args(["-c", PYUNICODE_GENERATOR])
        .output()
        .context("pyunicode: cannot run python3")?;
    if !output.status.success() {
        bail!(
            "pyunicode: python3 failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let generated =
        String::from_utf8(output.stdout).context("pyunicode: python3 printed non-UTF-8")?;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/score/pyunicode.rs");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if check {
        if current != generated {
            bail!(
                "pyunicode: {} differs from what this python3 gives; run `cargo xtask pyunicode`",
                path.display()
            );
        }
        println!("pyunicode: {} is up to date", path.display());
    } else if current == generated {
        println!("pyunicode: {} unchanged", path.display());
    } else {
        std::fs::write(&path, generated)
            .with_context(|| format!("pyunicode: cannot write {}", path.display()))?;
        println!("pyunicode: wrote {}", path.display());
    }
    Ok(())
}
