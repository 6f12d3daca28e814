//! `cargo xtask fuzz` (the cargo-fuzz targets in `fuzz/`) and
//! `cargo xtask pathological` (linearity on pathological inputs).
//!
//! Both are plain Rust over `std::process::Command`: `fuzz` installs
//! nothing, it checks that `cargo fuzz` is there and says how to get it.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use crate::{cargo, workspace_root};
use anyhow::{bail, Context, Result};

/// The fuzz targets of `fuzz/fuzz_targets/`, in the order they run.
pub const TARGETS: &[&str] = &["dump_parse", "unglue", "byline", "pipeline"];

/// Seconds each target runs when `--seconds` is not given.
const DEFAULT_SECONDS: u64 = 60;

/// The seed corpus of one target: at most this many files…
const CORPUS_MAX_FILES: usize = 300;
/// …and this many bytes (four targets: well under 2 MB in all).
const CORPUS_MAX_BYTES: usize = 450 * 1024;
/// Longest fixture line taken as a seed of a line target.
const LINE_SEED_MAX_BYTES: usize = 1024;

/// Where the seeds of the corpora come from, relative to the root.
const SEED_SOURCES: &[&str] = &["tests/fixtures/seeds", "tests/fixtures/synthetic/dumps"];

const FUZZ_USAGE: &str = "\
usage: cargo xtask fuzz [TARGET…] [--seconds N] [--jobs N]
       cargo xtask fuzz [TARGET…] --seed-corpus
targets: dump_parse, unglue, byline, pipeline (default: all four)";

// ---------------------------------------------------------------- fuzz

#[derive(Debug)]
struct FuzzArgs {
    targets: Vec<&'static str>,
    seconds: u64,
    jobs: usize,
    seed_corpus: bool,
    help: bool,
}

impl FuzzArgs {
    fn parse(args: &[String]) -> Result<FuzzArgs> {
        let mut out = FuzzArgs {
            targets: Vec::new(),
            seconds: DEFAULT_SECONDS,
            jobs: 1,
            seed_corpus: false,
            help: false,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if arg.starts_with("--") => (flag, Some(value.to_string())),
                _ => (arg.as_str(), None),
            };
            let mut value = |name: &str| -> Result<u64> {
                let v = match &inline {
                    Some(v) => v.clone(),
                    None => it
                        .next()
                        .with_context(|| format!("`{name}` needs a number\n{FUZZ_USAGE}"))?
                        .clone(),
                };
                v.parse::<u64>()
                    .ok()
                    .filter(|&n| n > 0)
                    .with_context(|| format!("`{name} {v}`: not a positive number"))
            };
            match flag {
                "--seconds" => out.seconds = value("--seconds")?,
                "--jobs" => out.jobs = usize::try_from(value("--jobs")?)?,
                "--seed-corpus" => out.seed_corpus = true,
                "-h" | "--help" => out.help = true,
                other if other.starts_with('-') => {
                    bail!("fuzz: unknown option `{other}`\n{FUZZ_USAGE}")
                }
                name => {
                    let Some(&target) = TARGETS.iter().find(|&&t| t == name) else {
                        bail!("fuzz: no target `{name}`\n{FUZZ_USAGE}");
                    };
                    if !out.targets.contains(&target) {
                        out.targets.push(target);
                    }
                }
            }
        }
        if out.targets.is_empty() {
            out.targets = TARGETS.to_vec();
        }
        Ok(out)
    }
}

/// `cargo xtask fuzz`.
pub fn fuzz(args: &[String]) -> Result<()> {
    let args = FuzzArgs::parse(args)?;
    if args.help {
        println!("{FUZZ_USAGE}");
        return Ok(());
    }
    let root = workspace_root();
    let fuzz_dir = root.join("fuzz");
    if args.seed_corpus {
        return seed_corpora(&root, &args.targets);
    }
    check_cargo_fuzz()?;
    let missing: Vec<&'static str> = args
        .targets
        .iter()
        .copied()
        .filter(|t| {
            fs::read_dir(fuzz_dir.join("corpus").join(t)).map_or(true, |mut d| d.next().is_none())
        })
        .collect();
    if !missing.is_empty() {
        seed_corpora(&root, &missing)?;
    }

    println!("==> fuzz: building the targets (cargo fuzz build, release + debug assertions, ASan)");
    let started = Instant::now();
    let status = fuzz_command(&root)
        .args(["build", "--fuzz-dir", "fuzz"])
        .status()
        .context("fuzz: cannot run `cargo fuzz build`")?;
    if !status.success() {
        bail!("fuzz: `cargo fuzz build --fuzz-dir fuzz` failed ({status})");
    }
    println!("fuzz: built in {:.0} s", started.elapsed().as_secs_f64());

    println!(
        "==> fuzz: {} for {} s each, {} at a time",
        args.targets.join(", "),
        args.seconds,
        args.jobs
    );
    let mut queue = args.targets.iter().copied();
    let mut running: Vec<Run> = Vec::new();
    let mut reports: Vec<Report> = Vec::new();
    loop {
        while running.len() < args.jobs {
            let Some(target) = queue.next() else { break };
            running.push(Run::start(&root, target, args.seconds)?);
        }
        if running.is_empty() {
            break;
        }
        thread::sleep(Duration::from_millis(200));
        let mut index = 0;
        while index < running.len() {
            if let Some(status) = running[index].child.try_wait()? {
                let run = running.swap_remove(index);
                let report = run.finish(status.success())?;
                report.print();
                reports.push(report);
            } else {
                index += 1;
            }
        }
    }

    let failed: Vec<&Report> = reports.iter().filter(|r| !r.ok).collect();
    if failed.is_empty() {
        println!(
            "fuzz: {} target(s) ran clean: {}",
            reports.len(),
            reports
                .iter()
                .map(|r| format!("{} ({} execs)", r.target, r.execs.as_deref().unwrap_or("?")))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(());
    }
    let lines: Vec<String> = failed
        .iter()
        .map(|r| {
            format!(
                "{}: {} (log: {}){}",
                r.target,
                r.artifact.as_deref().map_or_else(
                    || "no crash artifact written (see the log)".to_string(),
                    |a| format!("crash artifact {a}")
                ),
                r.log.display(),
                r.panic
                    .as_deref()
                    .map_or_else(String::new, |p| format!("\n    {p}"))
            )
        })
        .collect();
    bail!(
        "fuzz: {} of {} target(s) found a problem:\n  {}\nreproduce with \
         `RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET --fuzz-dir fuzz ARTIFACT`, minimise with \
         `RUSTC_BOOTSTRAP=1 cargo fuzz tmin TARGET --fuzz-dir fuzz ARTIFACT`, and keep the \
         input in fuzz/regressions/TARGET/",
        failed.len(),
        reports.len(),
        lines.join("\n  ")
    )
}

/// `cargo fuzz …` in the workspace root, with the nightly features the
/// build needs unlocked on a stable toolchain.
fn fuzz_command(root: &Path) -> Command {
    let mut command = Command::new(cargo());
    command
        .arg("fuzz")
        .env("RUSTC_BOOTSTRAP", "1")
        .current_dir(root);
    command
}

fn check_cargo_fuzz() -> Result<()> {
    let output = Command::new(cargo()).args(["fuzz", "--version"]).output();
    match output {
        Ok(out) if out.status.success() => {
            print!("fuzz: using {}", String::from_utf8_lossy(&out.stdout));
            Ok(())
        }
        _ => bail!(
            "fuzz: `cargo fuzz --version` failed: cargo-fuzz is not installed.\n\
             Install it with `cargo install cargo-fuzz` (CI: `cargo install cargo-fuzz --locked`), \
             then run `cargo xtask fuzz` again."
        ),
    }
}

/// One target being fuzzed.
struct Run {
    target: &'static str,
    child: Child,
    log: PathBuf,
    started: Instant,
}

impl Run {
    fn start(root: &Path, target: &'static str, seconds: u64) -> Result<Run> {
        let fuzz_dir = root.join("fuzz");
        // libFuzzer writes the inputs it finds to its first corpus folder:
        // a scratch one, so that the committed seeds stay as they are.
        let work = fuzz_dir.join("work").join("corpus").join(target);
        fs::create_dir_all(&work)
            .with_context(|| format!("fuzz: cannot create {}", work.display()))?;
        let log = fuzz_dir.join("work").join(format!("{target}.log"));
        let file = fs::File::create(&log)
            .with_context(|| format!("fuzz: cannot write {}", log.display()))?;
        let mut command = fuzz_command(root);
        command
            .args(["run", target, "--fuzz-dir", "fuzz"])
            .arg(&work)
            .arg(fuzz_dir.join("corpus").join(target));
        let regressions = fuzz_dir.join("regressions").join(target);
        if regressions.is_dir() {
            command.arg(&regressions);
        }
        command
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .args(["-rss_limit_mb=2048", "-timeout=10", "-print_final_stats=1"])
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file);
        let child = command
            .spawn()
            .with_context(|| format!("fuzz: cannot start `cargo fuzz run {target}`"))?;
        println!("fuzz: {target}: started (log: {})", log.display());
        Ok(Run {
            target,
            child,
            log,
            started: Instant::now(),
        })
    }

    fn finish(self, ok: bool) -> Result<Report> {
        let text = fs::read(&self.log)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let after = |prefix: &str| {
            text.lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix(prefix).map(|v| v.trim().to_string()))
        };
        let artifact = after("Test unit written to ")
            .or_else(|| text.lines().rev().find_map(artifact_in_line));
        let execs = after("stat::number_of_executed_units:");
        // `thread '…' panicked at FILE:LINE:COL:` and the message under it.
        let panic = {
            let lines: Vec<&str> = text.lines().collect();
            lines
                .iter()
                .position(|l| l.contains("panicked at"))
                .map(|i| lines[i..(i + 2).min(lines.len())].join(" "))
        };
        let coverage = text
            .lines()
            .rev()
            .find(|l| l.starts_with('#') && l.contains("cov:"))
            .and_then(|l| l.split_whitespace().skip_while(|w| *w != "cov:").nth(1))
            .map(str::to_string);
        let tail: Vec<&str> = if ok {
            Vec::new()
        } else {
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(60)..].to_vec()
        };
        Ok(Report {
            target: self.target,
            ok,
            seconds: self.started.elapsed().as_secs_f64(),
            execs,
            coverage,
            artifact,
            panic,
            tail: tail.join("\n"),
            log: self.log,
        })
    }
}

/// A path under `artifacts/` named in a libFuzzer line, if any.
fn artifact_in_line(line: &str) -> Option<String> {
    line.split_whitespace()
        .find(|w| w.contains("/artifacts/") && !w.ends_with('/'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '"').to_string())
}

/// What one target's run came to.
struct Report {
    target: &'static str,
    ok: bool,
    seconds: f64,
    execs: Option<String>,
    coverage: Option<String>,
    artifact: Option<String>,
    /// The panic line and message, when the target panicked.
    panic: Option<String>,
    tail: String,
    log: PathBuf,
}

impl Report {
    fn print(&self) {
        let execs = self.execs.as_deref().unwrap_or("?");
        let cov = self.coverage.as_deref().unwrap_or("?");
        if self.ok {
            println!(
                "fuzz: {}: ok: {execs} execs in {:.0} s, cov {cov}",
                self.target, self.seconds
            );
        } else {
            eprintln!(
                "fuzz: {}: FAILED after {:.0} s ({execs} execs); the end of its log:\n{}\n\
                 fuzz: {}: crash artifact: {}",
                self.target,
                self.seconds,
                self.tail,
                self.target,
                self.artifact
                    .as_deref()
                    .unwrap_or("none found (see the log)")
            );
        }
    }
}

// ---------------------------------------------------------------- seed corpus

/// Whether a target takes whole dumps (else single lines).
fn takes_whole_files(target: &str) -> bool {
    matches!(target, "dump_parse" | "pipeline")
}

/// Hand-made seeds for the quirks the fixtures lack.
fn extra_seeds(target: &str) -> Vec<Vec<u8>> {
    let texts: &[&[u8]] = match target {
        "dump_parse" | "pipeline" => &[
            b"",
            b"\xef\xbb\xbf",
            b"\xef\xbb\xbf\t date 2024-10-22  Your support helps us\r\nNext.Line\rEnd",
            b" date 2024-02-29 Leap.Day\n\n",
            b" date 2024-02-30 x",
            b"date 2024-11-05",
            b"a\r\r\n\n\rb\xff\xfe c\xc3",
            b"x.Y.Z!W?\xe2\x80\x9cQ\xe2\x80\x9d.R\n\xc3\xa9.\xc3\x89\xcc\x81\n",
            b"Kyiv\xe2\x80\x99s  mayor\xe2\x80\x8b\n\xc2\xa0\n",
            b"Title\nStandfirst here\nArpan Rai6 November 2024 04:16\n10:22 - Troops crossed\n",
        ],
        "unglue" => &[
            b"Your support makes all the difference.Ukraine is repelling",
            b"One here.Two there!Three where?Four.",
            b"He said \"go.\"Then \xe2\x80\x9cNext\xe2\x80\x9d.\xe2\x80\x98Q",
            b"The U.S.Army, 1.5, Mr.Smith, e.g.It and independent.co.uk",
            b"won!!!)]\xe2\x80\x9dNext what?!\"Yes",
        ],
        "byline" => &[
            b"Arpan Rai6 November 2024 04:16",
            b"Tom Watling, 5 Nov 2024, 23:00",
            b"23:24 , James Reynolds",
            b"[Updated 11:11 p.m. ET]",
            b"Posted at 9.15am GMT",
            b"Wed, Nov 6, 2024 at 12 noon",
            b"1730871360000",
            b"35m ago",
            b"By Jane Doe",
            b"From CNN\xe2\x80\x99s Rachel Kwan",
            b"0005 \xe2\x80\x93 DONE DEAL \xe2\x80\x93 Smith signs",
            b"2024-11-06 17.05 BST",
        ],
        _ => &[],
    };
    texts.iter().map(|t| t.to_vec()).collect()
}

/// Lines of a fixture, split as the dump format splits them.
fn fixture_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .flat_map(|l| l.split('\r'))
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

/// How useful a fixture line is as a seed of a line target (higher first).
fn line_priority(target: &str, line: &str) -> u8 {
    match target {
        // a mark with no space after it: a glue candidate
        "unglue" => {
            let bytes = line.as_bytes();
            let glued = bytes.windows(2).any(|w| {
                matches!(w[0], b'.' | b'!' | b'?') && !w[1].is_ascii_whitespace() && w[1] != b'.'
            });
            u8::from(glued) * 2 + u8::from(line.contains(['.', '!', '?']))
        }
        // digits or a lead-in: stamp-like
        "byline" => {
            let short = line.len() <= 80;
            let stamp = line.bytes().any(|b| b.is_ascii_digit())
                || line.starts_with("By ")
                || line.starts_with("From ");
            u8::from(stamp) * 2 + u8::from(short)
        }
        _ => 0,
    }
}

/// 64-bit FNV-1a, as a stable file name for a seed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `cargo xtask fuzz --seed-corpus`: (re)writes `fuzz/corpus/TARGET/` from
/// the fixtures, whole files or single lines, plus a few hand-made seeds.
fn seed_corpora(root: &Path, targets: &[&'static str]) -> Result<()> {
    let mut files: Vec<(String, String)> = Vec::new();
    for source in SEED_SOURCES {
        let dir = root.join(source);
        let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
            .with_context(|| format!("fuzz: cannot read {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let text = fs::read_to_string(&path)
                .with_context(|| format!("fuzz: cannot read {}", path.display()))?;
            files.push((path.display().to_string(), text));
        }
    }
    for &target in targets {
        let mut seeds: Vec<Vec<u8>> = extra_seeds(target);
        if takes_whole_files(target) {
            seeds.extend(files.iter().map(|(_, text)| text.as_bytes().to_vec()));
        } else {
            let mut lines: Vec<(u8, usize, &str)> = files
                .iter()
                .flat_map(|(_, text)| fixture_lines(text))
                .filter(|l| l.len() <= LINE_SEED_MAX_BYTES)
                .enumerate()
                .map(|(i, l)| (line_priority(target, l), i, l))
                .collect();
            // best first, then in fixture order
            lines.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            seeds.extend(lines.into_iter().map(|(_, _, l)| l.as_bytes().to_vec()));
        }
        let dir = root.join("fuzz").join("corpus").join(target);
        fs::create_dir_all(&dir)
            .with_context(|| format!("fuzz: cannot create {}", dir.display()))?;
        let mut kept: HashSet<String> = HashSet::new();
        let mut bytes = 0;
        for seed in seeds {
            if kept.len() == CORPUS_MAX_FILES {
                break;
            }
            if bytes + seed.len() > CORPUS_MAX_BYTES {
                continue;
            }
            let name = format!("{:016x}", fnv1a(&seed));
            if !kept.insert(name.clone()) {
                continue;
            }
            bytes += seed.len();
            fs::write(dir.join(&name), &seed)
                .with_context(|| format!("fuzz: cannot write {}", dir.join(&name).display()))?;
        }
        // Drop the seeds of an older run that are no longer wanted.
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_file() && !kept.contains(&name) {
                fs::remove_file(entry.path())?;
            }
        }
        println!(
            "fuzz: {target}: {} seed(s), {} bytes in {}",
            kept.len(),
            bytes,
            dir.strip_prefix(root).unwrap_or(&dir).display()
        );
    }
    Ok(())
}

// ---------------------------------------------------------------- pathological

/// The largest per-MB slowdown from 1/10 size to full size before a case
/// counts as blowing up (linear is 1).
const MAX_RATIO: f64 = 3.0;

/// One pathological input, built in memory at full size (`part` 1) or a
/// fraction of it (`part` 10: a tenth).
struct Case {
    name: &'static str,
    what: &'static str,
    build: fn(part: usize) -> Vec<u8>,
}

const CASES: &[Case] = &[
    Case {
        name: "prose",
        what: "one 50 MB line of prose",
        build: prose_line,
    },
    Case {
        name: "tiny-lines",
        what: "1 M one-character lines",
        build: tiny_lines,
    },
    Case {
        name: "headlines",
        what: "100 k headline-like lines",
        build: headlines,
    },
    Case {
        name: "glue",
        what: "a 10 MB line of `a.B` glue",
        build: glue_line,
    },
    Case {
        name: "bylines",
        what: "100 k lines `Name6 November 2024 04:16`",
        build: bylines,
    },
];

/// A small deterministic generator (64-bit LCG), so the inputs are the
/// same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.next(words.len())]
    }
}

fn prose_line(part: usize) -> Vec<u8> {
    const SENTENCES: &[&str] = &[
        "Air defences were active over the capital for several hours overnight, the mayor said.",
        "Officials in the region said that the talks would continue into the evening.",
        "The minister told reporters that no decision had been taken on further aid.",
        "Residents described hearing a series of loud explosions before dawn.",
        "Rescue workers are still searching the rubble of a damaged apartment block.",
        "The foreign ministry has summoned the ambassador to explain the remarks.",
        "Analysts say the move is unlikely to change the course of the negotiations.",
    ];
    let size = 50_000_000 / part;
    let mut out = String::with_capacity(size + 128);
    let mut rng = Lcg(1);
    while out.len() < size {
        out.push_str(rng.pick(SENTENCES));
        out.push(' ');
    }
    out.truncate(size);
    out.into_bytes()
}

fn tiny_lines(part: usize) -> Vec<u8> {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;!?-";
    let lines = 1_000_000 / part;
    let mut out = Vec::with_capacity(lines * 2);
    for i in 0..lines {
        out.push(CHARS[i % CHARS.len()]);
        out.push(b'\n');
    }
    out
}

fn headlines(part: usize) -> Vec<u8> {
    const WHO: &[&str] = &[
        "Germany",
        "Ukraine",
        "Kyiv mayor",
        "UN chief",
        "Nato allies",
        "Zelensky",
        "The Kremlin",
        "South Korea",
        "EU leaders",
        "Poland",
    ];
    const DOES: &[&str] = &[
        "pledges",
        "rejects",
        "warns over",
        "welcomes",
        "condemns",
        "calls for",
        "denies",
        "announces",
        "questions",
        "backs",
    ];
    const WHAT: &[&str] = &[
        "winter aid package",
        "new sanctions",
        "drone attacks on energy grid",
        "ceasefire proposal",
        "troop deployment",
        "grain export deal",
        "air defence request",
        "peace summit plan",
        "prisoner exchange",
        "loan guarantee",
    ];
    const WHERE: &[&str] = &[
        "",
        " in Kharkiv",
        " after talks",
        " amid tensions",
        " for Odesa",
        " at summit",
    ];
    let lines = 100_000 / part;
    let mut rng = Lcg(2);
    let mut out = String::new();
    for _ in 0..lines {
        out.push_str(&format!(
            "{} {} {}{}\n",
            rng.pick(WHO),
            rng.pick(DOES),
            rng.pick(WHAT),
            rng.pick(WHERE)
        ));
    }
    out.into_bytes()
}

fn glue_line(part: usize) -> Vec<u8> {
    b"a.B".repeat(10_000_000 / 3 / part)
}

fn bylines(part: usize) -> Vec<u8> {
    const NAMES: &[&str] = &[
        "Arpan Rai",
        "Tom Watling",
        "Jane Doe",
        "Ursula von der Leyen",
        "Jean-Luc O’Neill",
        "Maria Kowalska",
    ];
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let lines = 100_000 / part;
    let mut rng = Lcg(3);
    let mut out = String::new();
    for _ in 0..lines {
        out.push_str(&format!(
            "{}{} {} 2024 {:02}:{:02}\n",
            rng.pick(NAMES),
            1 + rng.next(28),
            rng.pick(MONTHS),
            rng.next(24),
            rng.next(60)
        ));
    }
    out.into_bytes()
}

/// One timed extraction, run on its own thread so that a blow-up can be
/// given up on: `Err(limit)` when it took longer than `limit`.
fn time_extract(
    pipeline: &tidings::Pipeline,
    bytes: &Arc<Vec<u8>>,
    limit: Option<Duration>,
) -> Result<Result<(f64, usize), Duration>> {
    let (tx, rx) = mpsc::channel();
    let pipeline = pipeline.clone();
    let input = Arc::clone(bytes);
    thread::spawn(move || {
        let started = Instant::now();
        let result = pipeline
            .extract("pathological.txt", &input, |doc| doc.entries.len())
            .map(|e| e.value);
        let _ = tx.send((started.elapsed().as_secs_f64(), result));
    });
    let received = match limit {
        Some(limit) => match rx.recv_timeout(limit) {
            Ok(r) => r,
            Err(mpsc::RecvTimeoutError::Timeout) => return Ok(Err(limit)),
            Err(e) => bail!("pathological: the extraction thread died: {e}"),
        },
        None => rx
            .recv()
            .context("pathological: the extraction thread died (panicked?)")?,
    };
    let (seconds, entries) = received;
    let entries = entries.context("pathological: extraction failed")?;
    Ok(Ok((seconds, entries)))
}

/// `cargo xtask pathological [CASE…]`: times `Pipeline::extract` on each
/// pathological input at full size and at a tenth, in release mode, and
/// fails when the time per MB grows more than [`MAX_RATIO`] times.
pub fn pathological(args: &[String]) -> Result<()> {
    for arg in args {
        if !CASES.iter().any(|c| c.name == arg) {
            bail!(
                "pathological: no case `{arg}`; the cases: {}",
                CASES.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
            );
        }
    }
    if crate::release::rerun_in_release("pathological", args)? {
        return Ok(());
    }
    let pipeline = tidings::Pipeline::default();
    // Warm up: the built-in rules are compiled on first use.
    pipeline
        .extract("warm-up.txt", b"Title\nA line.\n", |_| ())
        .context("pathological: warm-up failed")?;

    println!(
        "{:<52} {:>8} {:>8} {:>9} | {:>8} {:>8} {:>9} | {:>6}",
        "case", "MB", "s", "s/MB", "MB/10", "s", "s/MB", "ratio"
    );
    let mut failures = Vec::new();
    for case in CASES
        .iter()
        .filter(|c| args.is_empty() || args.iter().any(|a| a == c.name))
    {
        let tenth = Arc::new((case.build)(10));
        let tenth_mb = tenth.len() as f64 / 1e6;
        let mut tenth_s = f64::INFINITY;
        for _ in 0..3 {
            let Ok((s, _)) = time_extract(&pipeline, &tenth, None)? else {
                unreachable!("no limit")
            };
            tenth_s = tenth_s.min(s);
        }
        drop(tenth);
        let tenth_per_mb = tenth_s / tenth_mb;

        let full = Arc::new((case.build)(1));
        let full_mb = full.len() as f64 / 1e6;
        // Past this the ratio is above MAX_RATIO whatever happens next.
        let limit = Duration::from_secs_f64((MAX_RATIO * tenth_per_mb * full_mb).max(0.5));
        let mut full_s = f64::INFINITY;
        let mut entries = 0;
        let mut gave_up = None;
        for _ in 0..2 {
            match time_extract(&pipeline, &full, Some(limit))? {
                Ok((s, n)) => {
                    full_s = full_s.min(s);
                    entries = n;
                }
                Err(limit) => {
                    gave_up = Some(limit);
                    break;
                }
            }
        }
        let label = format!("{} ({})", case.name, case.what);
        if let Some(limit) = gave_up {
            println!(
                "{label:<52} {full_mb:>8.2} {:>8} {:>9} | {tenth_mb:>8.2} {tenth_s:>8.3} {tenth_per_mb:>9.4} | {:>6}",
                format!(">{:.1}", limit.as_secs_f64()),
                "?",
                format!(">{MAX_RATIO}")
            );
            // The runaway thread keeps a core busy: stop here.
            bail!(
                "pathological: {}: gave up after {:.1} s at full size: more than {MAX_RATIO} \
                 times the per-MB time of a tenth ({tenth_s:.3} s for {tenth_mb:.2} MB)",
                case.name,
                limit.as_secs_f64()
            );
        }
        let full_per_mb = full_s / full_mb;
        let ratio = full_per_mb / tenth_per_mb;
        println!(
            "{label:<52} {full_mb:>8.2} {full_s:>8.3} {full_per_mb:>9.4} | {tenth_mb:>8.2} {tenth_s:>8.3} {tenth_per_mb:>9.4} | {ratio:>6.2}   ({entries} entries)"
        );
        if ratio > MAX_RATIO {
            failures.push(format!("{} (ratio {ratio:.2})", case.name));
        }
    }
    if !failures.is_empty() {
        bail!(
            "pathological: time per MB grows more than {MAX_RATIO}x from a tenth to full size \
             (super-linear): {}",
            failures.join(", ")
        );
    }
    println!("pathological: every case within {MAX_RATIO}x of linear");
    Ok(())
}
