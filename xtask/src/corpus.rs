//! `cargo xtask gen-corpus`: a deterministic synthetic corpus of dumps for
//! the throughput benchmark (`cargo xtask bench`).
//!
//! The corpus recombines the fixture dumps (`tests/fixtures/{seeds,
//! synthetic/dumps,holdout/dumps,blind2/dumps}`): each document takes the
//! opening lines (title, standfirst) of one fixture and entries cut from
//! any fixture, shuffled; headlines and some body lines get two words
//! swapped, bylines get other names and times, and the layout varies (line
//! ends, blank lines between paragraphs, with or without the `date`
//! header). File sizes are log-uniform between 2 and 200 KB, plus three
//! very large files (20 MB each on a 1 GiB corpus, a fiftieth of the size
//! each on smaller ones). The same size and seed give the same bytes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use std::time::Instant;

use anyhow::{bail, Context, Result};

/// The fixture folders the corpus is built from (relative to the root).
const FIXTURE_DIRS: &[&str] = &[
    "tests/fixtures/seeds",
    "tests/fixtures/synthetic/dumps",
    "tests/fixtures/holdout/dumps",
    "tests/fixtures/blind2/dumps",
];

/// Written last into a generated folder: its presence says the corpus is
/// complete (and with which options).
pub const MANIFEST: &str = "corpus.manifest";

const MIN_FILE: f64 = 2_000.0;
const MAX_FILE: f64 = 200_000.0;
const LARGE_FILES: u64 = 3;
const LARGE_FILE_MAX: u64 = 20_000_000;
const JSONL_PART: usize = 64 << 20;

const HELP: &str =
    "usage: cargo xtask gen-corpus --size SIZE --out DIR [--seed N] [--single-file] [--jsonl]";

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub size: u64,
    pub out: PathBuf,
    pub seed: u64,
    pub single_file: bool,
    pub jsonl: bool,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub files: u64,
    pub documents: u64,
    pub bytes: u64,
    pub largest: u64,
}

/// Reads `1GiB`, `256MiB`, `100MB`, `64k`, `12345`.
pub fn parse_size(text: &str) -> Result<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num: f64 = num
        .parse()
        .with_context(|| format!("`{text}` is not a size (say 256MiB or 1GiB)"))?;
    let mult: f64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => bail!("`{text}`: unknown unit `{unit}` (B, kB, MB, GB, KiB, MiB, GiB)"),
    };
    Ok((num * mult) as u64)
}

/// `cargo xtask gen-corpus …`.
pub fn gen_corpus(args: &[String]) -> Result<()> {
    let mut size = None;
    let mut out = None;
    let mut seed = 1;
    let mut single_file = false;
    let mut jsonl = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--size" => size = Some(parse_size(it.next().context(HELP)?)?),
            "--out" => out = Some(PathBuf::from(it.next().context(HELP)?)),
            "--seed" => {
                seed = it
                    .next()
                    .context(HELP)?
                    .parse()
                    .context("`--seed` needs a number")?
            }
            "--single-file" => single_file = true,
            "--jsonl" => jsonl = true,
            other => bail!("gen-corpus: unknown argument `{other}`\n{HELP}"),
        }
    }
    let (Some(size), Some(out)) = (size, out) else {
        bail!("gen-corpus: needs --size and --out\n{HELP}");
    };
    // Generation is byte pushing: a debug build is ten times slower.
    let out = std::path::absolute(&out)?;
    let mut rest: Vec<String> = args.to_vec();
    if let Some(i) = rest.iter().position(|a| a == "--out") {
        rest[i + 1] = out.display().to_string();
    }
    if crate::release::rerun_in_release("gen-corpus", &rest)? {
        return Ok(());
    }
    let options = Options {
        size,
        out,
        seed,
        single_file,
        jsonl,
    };
    let started = Instant::now();
    let stats = generate(&options)?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "gen-corpus: {} documents in {} files, {:.1} MB (largest {:.1} MB) in {} in {:.2} s ({:.0} MB/s)",
        stats.documents,
        stats.files,
        stats.bytes as f64 / 1e6,
        stats.largest as f64 / 1e6,
        options.out.display(),
        secs,
        stats.bytes as f64 / 1e6 / secs
    );
    Ok(())
}

/// SplitMix64: small, fast, and good enough to shuffle text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The fixtures cut into pieces to recombine.
struct Pool {
    /// The first lines of each fixture (title, standfirst), header removed.
    leads: Vec<Vec<String>>,
    /// Runs of lines from one short (headline- or byline-like) line to the
    /// next: roughly one entry each.
    chunks: Vec<Vec<String>>,
}

const FIRST: &[&str] = &[
    "Tom", "Arpan", "Maya", "Lucy", "Daniel", "Sofia", "Kwame", "Priya", "Oliver", "Hannah",
    "Mateo", "Aisha", "Jonas", "Elena", "Samuel", "Mei", "Yusuf", "Clara", "Rhys", "Ines",
];
const LAST: &[&str] = &[
    "Watling",
    "Rai",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Castillo",
    "Nakamura",
    "Brennan",
    "Haddad",
    "Petrov",
    "Achebe",
    "Fischer",
    "Kowalski",
    "Duarte",
    "Osei",
    "Varga",
    "Hughes",
    "Sato",
];

impl Pool {
    fn load(root: &Path) -> Result<Pool> {
        let mut files = Vec::new();
        for dir in FIXTURE_DIRS {
            let dir = root.join(dir);
            for entry in
                fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?
            {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "txt") {
                    files.push(path);
                }
            }
        }
        files.sort();
        let mut leads = Vec::new();
        let mut chunks = Vec::new();
        for path in files {
            let bytes = fs::read(&path)?;
            let text = String::from_utf8_lossy(&bytes);
            let mut lines: Vec<String> = text
                .lines()
                .map(|l| l.trim_end_matches('\r').to_string())
                .filter(|l| !l.trim().is_empty())
                .collect();
            if lines.is_empty() {
                continue;
            }
            let first = lines[0].trim_start();
            if let Some(rest) = first.strip_prefix("date ") {
                // `date YYYY-MM-DD title…`: keep the title.
                let title = rest.get(10..).unwrap_or("").trim_start().to_string();
                lines[0] = title;
                if lines[0].is_empty() {
                    lines.remove(0);
                }
            }
            let lead = lines.len().min(3);
            leads.push(lines[..lead].to_vec());
            let mut chunk: Vec<String> = Vec::new();
            for line in &lines[lead..] {
                let short = line.len() < 100 && !line.ends_with('.');
                if (short && chunk.len() >= 2) || chunk.len() >= 15 {
                    chunks.push(std::mem::take(&mut chunk));
                }
                chunk.push(line.clone());
            }
            if !chunk.is_empty() {
                chunks.push(chunk);
            }
        }
        if leads.is_empty() || chunks.is_empty() {
            bail!(
                "gen-corpus: no fixture dumps found under {}",
                root.display()
            );
        }
        Ok(Pool { leads, chunks })
    }
}

/// How a document lays out its lines.
#[derive(Clone, Copy)]
struct Layout {
    crlf: bool,
    blank_between: bool,
    header: bool,
}

/// Builds documents into a reused buffer.
struct Builder<'p> {
    pool: &'p Pool,
    rng: Rng,
    words: Vec<(usize, usize)>,
}

impl Builder<'_> {
    /// One document of about `target` bytes, appended to `out`.
    fn document(&mut self, target: usize, out: &mut Vec<u8>) {
        let start = out.len();
        let layout = Layout {
            crlf: self.rng.chance(0.1),
            blank_between: self.rng.chance(0.3),
            header: self.rng.chance(0.85),
        };
        if layout.header {
            let (y, m, d) = (
                2023 + self.rng.below(3),
                1 + self.rng.below(12),
                1 + self.rng.below(28),
            );
            write!(out, " date {y}-{m:02}-{d:02} ").unwrap();
        }
        let lead = self.rng.pick(&self.pool.leads);
        for line in lead {
            self.line(line, true, layout, out);
        }
        while out.len() - start < target {
            let chunk = self.rng.pick(&self.pool.chunks);
            for line in chunk {
                self.line(line, false, layout, out);
            }
        }
    }

    fn line(&mut self, line: &str, lead: bool, layout: Layout, out: &mut Vec<u8>) {
        let short = line.len() < 100;
        if short && !lead && looks_like_byline(line) {
            self.byline(line, out);
        } else if (short && self.rng.chance(0.5)) || self.rng.chance(0.2) {
            self.swapped(line, out);
        } else {
            out.extend_from_slice(line.as_bytes());
        }
        let eol: &[u8] = if layout.crlf { b"\r\n" } else { b"\n" };
        out.extend_from_slice(eol);
        if layout.blank_between && !short {
            out.extend_from_slice(eol);
        }
    }

    /// The line with two neighbouring words swapped.
    fn swapped(&mut self, line: &str, out: &mut Vec<u8>) {
        self.words.clear();
        let bytes = line.as_bytes();
        let mut start = 0;
        for i in memchr::memchr_iter(b' ', bytes) {
            if i > start {
                self.words.push((start, i));
            }
            start = i + 1;
        }
        if start < bytes.len() {
            self.words.push((start, bytes.len()));
        }
        if self.words.len() < 3 {
            out.extend_from_slice(bytes);
            return;
        }
        let w = self.rng.below(self.words.len() - 1);
        let (a, b) = (self.words[w], self.words[w + 1]);
        out.extend_from_slice(&bytes[..a.0]);
        out.extend_from_slice(&bytes[b.0..b.1]);
        out.extend_from_slice(&bytes[a.1..b.0]);
        out.extend_from_slice(&bytes[a.0..a.1]);
        out.extend_from_slice(&bytes[b.1..]);
    }

    /// A byline-like line with another name (when it starts with one) and
    /// other digits in its time.
    fn byline(&mut self, line: &str, out: &mut Vec<u8>) {
        let digit = line.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        let name = &line[..digit];
        let words: Vec<&str> = name.split_whitespace().collect();
        let rest = if (2..=3).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !name.ends_with(' ')
        {
            // `Tom Watling6 November 2024 04:00`: a glued name.
            out.extend_from_slice(self.rng.pick(FIRST).as_bytes());
            out.push(b' ');
            out.extend_from_slice(self.rng.pick(LAST).as_bytes());
            &line[digit..]
        } else {
            line
        };
        // New minutes (and hours for 24-hour `HH:MM` / `HH.MM`) keep the shape.
        let b = rest.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if i + 2 < b.len()
                && (b[i] == b':' || b[i] == b'.')
                && i > 0
                && b[i - 1].is_ascii_digit()
                && b[i + 1].is_ascii_digit()
                && b[i + 2].is_ascii_digit()
            {
                out.push(b[i]);
                let minute = self.rng.below(60);
                out.push(b'0' + (minute / 10) as u8);
                out.push(b'0' + (minute % 10) as u8);
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
    }
}

fn looks_like_byline(line: &str) -> bool {
    let b = line.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit()
            && (w[1] == b':' || w[1] == b'.')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    })
}

fn hex_key(rng: &mut Rng) -> String {
    format!("{:016x}", rng.next())
}

/// Generates the corpus into `options.out` (created; files already there
/// with the same names are overwritten).
pub fn generate(options: &Options) -> Result<Stats> {
    let pool = Pool::load(&crate::workspace_root())?;
    fs::create_dir_all(&options.out)
        .with_context(|| format!("cannot create {}", options.out.display()))?;
    let mut builder = Builder {
        pool: &pool,
        rng: Rng(options.seed ^ 0x7469_6469_6e67_7321),
        words: Vec::new(),
    };
    let mut stats = Stats::default();
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut jsonl = JsonlSink::new(&options.out);

    if options.single_file {
        builder.document(options.size as usize, &mut buf);
        let name = format!("{:06}_{}.txt", 0, hex_key(&mut builder.rng));
        emit(options, &mut jsonl, &mut stats, None, &name, &buf)?;
    } else {
        let large = (options.size / 50).min(LARGE_FILE_MAX);
        let mut next_large = 1;
        let (lo, hi) = (MIN_FILE.ln(), MAX_FILE.ln());
        let mut seq: u64 = 0;
        while stats.bytes < options.size {
            let target = if next_large <= LARGE_FILES
                && stats.bytes >= options.size * next_large / (LARGE_FILES + 1)
            {
                next_large += 1;
                large as usize
            } else {
                (lo + (hi - lo) * builder.rng.unit()).exp() as usize
            };
            buf.clear();
            builder.document(target, &mut buf);
            let name = format!("{seq:06}_{}.txt", hex_key(&mut builder.rng));
            let sub = format!("{:03}", seq / 1000);
            emit(options, &mut jsonl, &mut stats, Some(&sub), &name, &buf)?;
            seq += 1;
        }
    }
    if options.jsonl {
        stats.files = jsonl.finish()?;
    }
    fs::write(
        options.out.join(MANIFEST),
        format!(
            "size={} seed={} single_file={} jsonl={} documents={} files={} bytes={} largest={}\n",
            options.size,
            options.seed,
            options.single_file,
            options.jsonl,
            stats.documents,
            stats.files,
            stats.bytes,
            stats.largest
        ),
    )?;
    Ok(stats)
}

fn emit(
    options: &Options,
    jsonl: &mut JsonlSink,
    stats: &mut Stats,
    sub: Option<&str>,
    name: &str,
    text: &[u8],
) -> Result<()> {
    stats.documents += 1;
    stats.bytes += text.len() as u64;
    stats.largest = stats.largest.max(text.len() as u64);
    if options.jsonl {
        let id = name.trim_end_matches(".txt");
        return jsonl.record(id, text, options.seed);
    }
    let dir = match sub {
        Some(sub) => options.out.join(sub),
        None => options.out.clone(),
    };
    if sub.is_some() && !dir.is_dir() {
        fs::create_dir_all(&dir)?;
    }
    let path = dir.join(name);
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    stats.files += 1;
    Ok(())
}

/// JSON Lines output: `part-NNNN.jsonl` files of about 64 MiB.
struct JsonlSink {
    dir: PathBuf,
    buf: Vec<u8>,
    parts: u64,
}

impl JsonlSink {
    fn new(dir: &Path) -> JsonlSink {
        JsonlSink {
            dir: dir.to_path_buf(),
            buf: Vec::new(),
            parts: 0,
        }
    }

    fn record(&mut self, id: &str, text: &[u8], seed: u64) -> Result<()> {
        let text = std::str::from_utf8(text).context("generated text is not UTF-8")?;
        self.buf.extend_from_slice(b"{\"id\":");
        serde_json::to_writer(&mut self.buf, id)?;
        self.buf.extend_from_slice(b",\"text\":");
        serde_json::to_writer(&mut self.buf, text)?;
        writeln!(
            self.buf,
            ",\"metadata\":{{\"source\":\"tidings-gen-corpus\",\"seed\":{seed},\"bytes\":{}}}}}",
            text.len()
        )?;
        if self.buf.len() >= JSONL_PART {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let path = self.dir.join(format!("part-{:04}.jsonl", self.parts));
        fs::write(&path, &self.buf).with_context(|| format!("cannot write {}", path.display()))?;
        self.buf.clear();
        self.parts += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<u64> {
        self.flush()?;
        Ok(self.parts)
    }
}
