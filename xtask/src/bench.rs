//! `cargo xtask bench`: throughput of `tidings extract` against a floor
//! program, on one synthetic corpus (see `corpus.rs`), in one run.
//!
//! Three programs read the same files, after one untimed pass that warms
//! the page cache:
//!
//! - the floor (`xtask bench --floor DIR`, a release build of this xtask):
//!   reads each file, validates UTF-8, splits lines with memchr and writes
//!   every line as a JSON string to a `BufWriter` on `/dev/null`;
//! - `tidings extract DIR --format jsonl -j 1`, stdout to `/dev/null`;
//! - the same with `-j N` (default: every core).
//!
//! Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the maximum
//! resident set size of the child in KiB); without it RSS is not reported.

use std::env;
use std::fs;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::{corpus, release};

const GNU_TIME: &str = "/usr/bin/time";

const HELP: &str =
    "usage: cargo xtask bench [--corpus DIR] [--size SIZE] [--seed N] [--jobs N] [--runs N]";

struct Args {
    corpus: Option<PathBuf>,
    size: u64,
    seed: u64,
    jobs: usize,
    runs: usize,
}

/// One measured run.
struct Measure {
    name: String,
    threads: usize,
    wall: f64,
    rss_kib: Option<u64>,
}

/// `cargo xtask bench …`.
pub fn bench(args: &[String]) -> Result<()> {
    if let [flag, dir] = args {
        if flag == "--floor" {
            return floor(Path::new(dir));
        }
    }
    let mut parsed = Args {
        corpus: None,
        size: corpus::parse_size("256MiB")?,
        seed: 1,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        runs: 1,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .with_context(|| format!("`{arg}` needs a value\n{HELP}"))
        };
        match arg.as_str() {
            "--corpus" => parsed.corpus = Some(PathBuf::from(value()?)),
            "--size" => parsed.size = corpus::parse_size(value()?)?,
            "--seed" => parsed.seed = value()?.parse().context("`--seed` needs a number")?,
            "--jobs" => parsed.jobs = value()?.parse().context("`--jobs` needs a number")?,
            "--runs" => parsed.runs = value()?.parse().context("`--runs` needs a number")?,
            other => bail!("bench: unknown argument `{other}`\n{HELP}"),
        }
    }
    let root = crate::workspace_root();
    let mut rest = args.to_vec();
    if let Some(i) = rest.iter().position(|a| a == "--corpus") {
        rest[i + 1] = std::path::absolute(&rest[i + 1])?.display().to_string();
    }
    if release::rerun_in_release("bench", &rest)? {
        return Ok(());
    }

    let tidings = release::build_tidings("bench")?;

    let dir = match &parsed.corpus {
        Some(dir) => dir.clone(),
        None => {
            let dir = root.join(format!(
                "target/bench-corpus/{}-seed{}",
                parsed.size, parsed.seed
            ));
            if dir.join(corpus::MANIFEST).is_file() {
                println!("==> bench: reusing the corpus in {}", dir.display());
            } else {
                println!("==> bench: generating the corpus in {}", dir.display());
                let started = Instant::now();
                let stats = corpus::generate(&corpus::Options {
                    size: parsed.size,
                    out: dir.clone(),
                    seed: parsed.seed,
                    single_file: false,
                    jsonl: false,
                })?;
                let secs = started.elapsed().as_secs_f64();
                println!(
                    "bench: {} files, {:.1} MB in {secs:.2} s ({:.0} MB/s)",
                    stats.files,
                    stats.bytes as f64 / 1e6,
                    stats.bytes as f64 / 1e6 / secs
                );
            }
            dir
        }
    };

    let files = dump_files(&dir)?;
    if files.is_empty() {
        bail!("bench: no *.txt file under {}", dir.display());
    }
    // Untimed pass: warms the page cache and sizes the corpus.
    let mut bytes = 0u64;
    let mut largest = 0u64;
    let mut buf = Vec::new();
    for path in &files {
        buf.clear();
        fs::File::open(path)?.read_to_end(&mut buf)?;
        bytes += buf.len() as u64;
        largest = largest.max(buf.len() as u64);
    }
    let docs = files.len();
    println!(
        "==> bench: {} documents, {:.1} MB, largest {:.1} MB; page cache warmed",
        docs,
        bytes as f64 / 1e6,
        largest as f64 / 1e6
    );
    let gnu_time = Path::new(GNU_TIME).is_file();
    if !gnu_time {
        println!("bench: {GNU_TIME} not found: peak RSS not measured");
    }

    let me = env::current_exe().context("bench: cannot find this program")?;
    let dir_arg = dir.display().to_string();
    let jobs_all = parsed.jobs.to_string();
    let floor_args = ["bench".to_string(), "--floor".to_string(), dir_arg.clone()];
    let extract = |jobs: &str| -> Vec<String> {
        ["extract", &dir_arg, "--format", "jsonl", "-j", jobs]
            .map(String::from)
            .to_vec()
    };
    let plans: Vec<(String, usize, &Path, Vec<String>)> = vec![
        ("floor".into(), 1, me.as_path(), floor_args.to_vec()),
        ("extract".into(), 1, tidings.as_path(), extract("1")),
        (
            "extract".into(),
            parsed.jobs,
            tidings.as_path(),
            extract(&jobs_all),
        ),
    ];
    let mut results = Vec::new();
    for (name, threads, program, args) in &plans {
        let mut best: Option<Measure> = None;
        for _ in 0..parsed.runs.max(1) {
            let m = measure(name, *threads, program, args, gnu_time)?;
            println!(
                "bench: {name} -j {threads}: {:.2} s, {:.1} MB/s",
                m.wall,
                bytes as f64 / 1e6 / m.wall
            );
            if best.as_ref().is_none_or(|b| m.wall < b.wall) {
                best = Some(m);
            }
        }
        results.extend(best);
    }

    println!();
    println!(
        "corpus: {} ({docs} documents, {:.1} MB, largest file {:.1} MB)",
        dir.display(),
        bytes as f64 / 1e6,
        largest as f64 / 1e6
    );
    println!("| program | threads | wall s | MB/s | documents/s | peak RSS MiB |");
    println!("|---|---:|---:|---:|---:|---:|");
    for m in &results {
        println!(
            "| {} | {} | {:.2} | {:.1} | {:.0} | {} |",
            m.name,
            m.threads,
            m.wall,
            bytes as f64 / 1e6 / m.wall,
            docs as f64 / m.wall,
            m.rss_kib
                .map_or("n/a".to_string(), |k| format!("{:.1}", k as f64 / 1024.0))
        );
    }
    let (floor, one, all) = (&results[0], &results[1], &results[2]);
    let rss_budget = 64.0 + 2.0 * largest as f64 / (1024.0 * 1024.0);
    println!();
    println!(
        "extract -j 1 / floor: {:.3} (target >= 0.5)",
        floor.wall / one.wall
    );
    println!(
        "extract -j {} / -j 1: {:.2} (target >= 1.7 on 2 cores)",
        all.threads,
        one.wall / all.wall
    );
    for m in &results[1..] {
        if let Some(k) = m.rss_kib {
            println!(
                "peak RSS -j {}: {:.1} MiB (target <= 64 MiB + 2 x largest file = {rss_budget:.1} MiB)",
                m.threads,
                k as f64 / 1024.0
            );
        }
    }
    Ok(())
}

/// Runs `program args` with stdout on `/dev/null`, timed, under GNU time
/// when there is one.
fn measure(
    name: &str,
    threads: usize,
    program: &Path,
    args: &[String],
    gnu_time: bool,
) -> Result<Measure> {
    let rss_file = env::temp_dir().join(format!("tidings-bench-rss-{}", std::process::id()));
    let mut command = if gnu_time {
        let mut c = Command::new(GNU_TIME);
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(program);
        c
    } else {
        Command::new(program)
    };
    command
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let output = command
        .output()
        .with_context(|| format!("bench: cannot run {}", program.display()))?;
    let wall = started.elapsed().as_secs_f64();
    if !output.status.success() {
        bail!(
            "bench: {name} -j {threads} failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let rss_kib = if gnu_time {
        let text = fs::read_to_string(&rss_file).unwrap_or_default();
        let _ = fs::remove_file(&rss_file);
        text.lines().last().and_then(|l| l.trim().parse().ok())
    } else {
        None
    };
    Ok(Measure {
        name: name.to_string(),
        threads,
        wall,
        rss_kib,
    })
}

/// Every `*.txt` under `dir`, in sorted order (as `tidings extract` walks).
fn dump_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).with_context(|| format!("cannot read {}", d.display()))? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The floor: read, validate UTF-8, split lines (memchr), write each line
/// as a JSON string. What any extractor must at least do.
fn floor(dir: &Path) -> Result<()> {
    let files = dump_files(dir)?;
    let devnull = fs::OpenOptions::new().write(true).open("/dev/null")?;
    let mut out = BufWriter::with_capacity(1 << 16, devnull);
    let mut buf = Vec::new();
    let mut lines = 0u64;
    for path in &files {
        buf.clear();
        fs::File::open(path)?.read_to_end(&mut buf)?;
        let text = std::str::from_utf8(&buf)
            .with_context(|| format!("{} is not UTF-8", path.display()))?;
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
            if end < start {
                continue;
            }
            let line = text[start..end].trim_end_matches('\r');
            serde_json::to_writer(&mut out, line)?;
            out.write_all(b"\n")?;
            lines += 1;
            start = end + 1;
        }
    }
    out.flush()?;
    eprintln!("floor: {} files, {lines} lines", files.len());
    Ok(())
}
