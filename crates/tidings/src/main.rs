//! The `tidings` command.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use tidings::batch;
use tidings::inputs;
use tidings::{Pipeline, Warning};
use tidings_boilerplate::{RulePack, RuleSet};
use tidings_export::{ExportError, Format, Writer};

/// Turn scraped news live-blog dumps into clean, structured entries.
#[derive(Debug, Parser)]
#[command(name = "tidings", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract title, summary and entries from dumps.
    Extract(ExtractArgs),
    /// Show every line of one dump with its role or the rule that removed
    /// it, why, and its entry number.
    Explain(ExplainArgs),
    /// Account for every byte of each dump: kept, removed (by rule), header,
    /// line breaks, and unaccounted (which must be 0).
    Check(CheckArgs),
    /// Extract every input, then merge their entries into one deduplicated
    /// timeline (exact and near duplicates, lost headlines and ledes
    /// recovered).
    Merge(MergeArgs),
}

#[derive(Debug, clap::Args)]
struct MergeArgs {
    /// Dump files, folders (walked for *.txt, sorted), or - for standard input.
    #[arg(default_value = "-")]
    paths: Vec<String>,
    /// Output: jsonl (one merged entry per line), entries (flat records for
    /// pandas, polars, DuckDB), jsonld (schema.org LiveBlogPosting) or
    /// sqlite (needs -o; an existing database is updated in place).
    #[arg(long, short = 'f', default_value = "jsonl")]
    format: tidings_merge::Format,
    /// Newest entries first (default) or oldest first.
    #[arg(long, default_value = "newest")]
    order: tidings_merge::Order,
    /// Write here instead of standard output (the SQLite database with
    /// --format sqlite).
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Replace the file named by -o if it exists (not needed for sqlite).
    #[arg(long)]
    force: bool,
    /// Extra boilerplate rule pack (TOML); may be repeated.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// What the inputs hold: dump files, or JSON Lines records.
    #[arg(long, value_name = "KIND", default_value = "dumps", value_parser = ["dumps", "jsonl"])]
    input: String,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// The dump to explain, or - for standard input.
    path: String,
    /// Extra boilerplate rule pack (TOML); may be repeated.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Colour: auto (on a terminal), always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Dump files, folders (walked for *.txt, sorted), or - for standard input.
    #[arg(default_value = "-")]
    paths: Vec<String>,
    /// Output format: jsonl, json, csv or markdown.
    #[arg(long, short = 'f', default_value = "jsonl")]
    format: Format,
    /// Write here instead of standard output (replaced only once the run has
    /// written everything).
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Extra boilerplate rule pack (TOML); may be repeated. Its rules are
    /// tried before the built-in ones.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Add to each document what was removed, and by which rule.
    #[arg(long)]
    explain: bool,
    /// Replace the file named by -o if it exists.
    #[arg(long)]
    force: bool,
    /// Stop at the first input that fails (by default a bad input is
    /// reported and the batch goes on).
    #[arg(long)]
    fail_fast: bool,
    /// What the inputs hold: dump files, or JSON Lines records
    /// {"id", "text", "metadata"} (datatrove/dolma) whose texts are dumps.
    #[arg(long, value_name = "KIND", default_value = "dumps", value_parser = ["dumps", "jsonl"])]
    input: String,
    /// Threads extracting at once (default: every core). Output order is
    /// the input order whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Extract only shard I of --num-shards (by a stable hash of each path
    /// or record id): N runs with I = 0..N cover every input exactly once.
    #[arg(long, value_name = "I", requires = "num_shards")]
    shard_index: Option<u64>,
    /// How many shards the inputs are split into.
    #[arg(long, value_name = "N", requires = "shard_index")]
    num_shards: Option<u64>,
    /// No progress bar (it is only ever drawn on a terminal).
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, clap::Args)]
struct LimitArgs {
    /// Refuse inputs larger than this (bytes; K, M, G suffixes allowed).
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = parse_size)]
    max_file_size: u64,
    /// Refuse inputs with a line longer than this (bytes; K, M, G allowed).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_line_length: u64,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Dump files, folders (walked for *.txt, sorted), or - for standard input.
    #[arg(default_value = "-")]
    paths: Vec<String>,
    /// Extra boilerplate rule pack (TOML); may be repeated.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// `4096`, `64K`, `64M`, `2G` (powers of 1024; `KiB`/`KB` alike).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size such as 4096, 64K, 64M or 2G"))?;
    let shift = match unit
        .trim()
        .to_ascii_uppercase()
        .trim_end_matches("IB")
        .trim_end_matches('B')
    {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return Err(format!("{text:?}: unknown unit; use K, M, G or T")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("{text:?} is too large"))
}

/// Exit codes: 0 every input extracted; 1 some input failed (the others were
/// still processed); 2 usage error or nothing could run.
const EXIT_PARTIAL: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    tidings::memory::return_large_blocks_to_the_system();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Explain(args) => explain::run(&args.path, &args.rules, &args.color),
        Command::Check(args) => check(args),
        Command::Merge(args) => merge(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tidings: error: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let pipeline = pipeline(&args)?;
    let (inputs, problems) = inputs::collect(&args.paths);
    for problem in &problems {
        eprintln!("tidings: {problem}");
    }
    if args.fail_fast && !problems.is_empty() {
        return Ok(ExitCode::from(EXIT_PARTIAL));
    }
    let output = Output::open(args.output.as_deref(), args.force)?;
    let mut writer = Writer::new(output, args.format);
    let shard = match (args.shard_index, args.num_shards) {
        (Some(index), Some(count)) if index < count => Some(batch::Shard { index, count }),
        (Some(index), Some(count)) => {
            anyhow::bail!("--shard-index {index} must be below --num-shards {count}")
        }
        _ => None,
    };
    let options = batch::Options {
        max_file_bytes: args.limits.max_file_size,
        fail_fast: args.fail_fast,
        format: input_format(&args.input),
        shard,
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .max(1),
    };
    let progress = progress_bar(&inputs, options, args.quiet);
    let report = batch::run(
        &pipeline,
        batch::items(&inputs, options),
        options,
        &mut writer,
        |event| {
            progress.inc(1);
            progress.suspend(|| match event {
                batch::Event::Extracted { name, warnings } => report_warnings(name, warnings),
                batch::Event::Failed { error } => eprintln!("tidings: {error}"),
            });
        },
    )
    .map_err(export_error)?;
    progress.finish_and_clear();
    writer.finish().map_err(export_error)?.commit()?;

    let failures: Vec<String> = problems
        .iter()
        .map(ToString::to_string)
        .chain(report.failures.iter().map(|(_, reason)| reason.clone()))
        .collect();
    if failures.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "tidings: {} input(s) failed; {} extracted{}:",
        failures.len(),
        report.extracted,
        if report.stopped_early {
            " (stopped at the first failure: --fail-fast)"
        } else {
            ""
        }
    );
    for failure in &failures {
        eprintln!("  {failure}");
    }
    Ok(ExitCode::from(EXIT_PARTIAL))
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let pipeline = pipeline_with_rules(&args.rules)?.max_line_bytes(line_limit(&args.limits));
    let (inputs, problems) = inputs::collect(&args.paths);
    let mut failed = problems.len();
    for problem in &problems {
        eprintln!("tidings: {problem}");
    }
    let mut out = io::stdout().lock();
    for input in &inputs {
        let accounting = batch::read(input, args.limits.max_file_size).and_then(|bytes| {
            let dump_error = |error| tidings::ExtractError::Dump {
                source_name: input.name().to_string(),
                error,
            };
            let decoded = tidings_dump::decode(&bytes).map_err(dump_error)?;
            let dump = tidings_dump::parse(&decoded.text).map_err(dump_error)?;
            Ok(pipeline.account(&dump))
        });
        match accounting {
            Ok(a) => {
                let removed: Vec<String> = a
                    .removed
                    .iter()
                    .map(|(rule, n)| format!("{rule} {n}"))
                    .collect();
                writeln!(
                    out,
                    "{}: {} bytes: kept {}, metadata {}, removed {}{}, header {}, bom {}, blank {}, line breaks {}, unaccounted {}",
                    input.name(),
                    a.total,
                    a.kept,
                    a.metadata,
                    a.removed_total(),
                    if removed.is_empty() { String::new() } else { format!(" ({})", removed.join(", ")) },
                    a.header,
                    a.bom,
                    a.blank,
                    a.line_breaks,
                    a.unaccounted,
                )?;
                if a.unaccounted > 0 {
                    eprintln!(
                        "tidings: {}: {} bytes unaccounted for: this is a bug in Tidings",
                        input.name(),
                        a.unaccounted
                    );
                    failed += 1;
                }
            }
            Err(e) => {
                eprintln!("tidings: {e}");
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PARTIAL)
    })
}

fn merge(args: MergeArgs) -> Result<ExitCode> {
    let pipeline = pipeline_with_rules(&args.rules)?.max_line_bytes(line_limit(&args.limits));
    let sqlite_target = match (args.format, &args.output) {
        (tidings_merge::Format::Sqlite, Some(path)) => Some(path.clone()),
        (tidings_merge::Format::Sqlite, None) => {
            anyhow::bail!("--format sqlite needs -o DATABASE")
        }
        _ => None,
    };
    let (inputs, problems) = inputs::collect(&args.paths);
    for problem in &problems {
        eprintln!("tidings: {problem}");
    }
    let options = batch::Options {
        max_file_bytes: args.limits.max_file_size,
        format: input_format(&args.input),
        ..batch::Options::default()
    };
    let mut merger = tidings_merge::Merger::new(tidings_merge::MergeOptions {
        order: args.order,
        ..tidings_merge::MergeOptions::default()
    });
    let mut failures = problems.len();
    for item in batch::items(&inputs, options) {
        let done = item.and_then(|item| {
            pipeline
                .extract_as(item.id.as_deref(), &item.name, &item.bytes, |doc| {
                    merger.add(doc);
                })
                .map(|done| (item.name, done.warnings))
        });
        match done {
            Ok((name, warnings)) => report_warnings(&name, &warnings),
            Err(e) => {
                eprintln!("tidings: {e}");
                failures += 1;
            }
        }
    }
    let timeline = merger.finish();
    if let Some(path) = sqlite_target {
        let report = tidings_merge::sqlite::upsert(&timeline, &path)?;
        eprintln!(
            "tidings: {}: {} entries added, {} updated, {} in all",
            path.display(),
            report.entries_added,
            report.entries_updated,
            report.entries_total
        );
    } else {
        let mut output = Output::open(args.output.as_deref(), args.force)?;
        tidings_merge::write(&timeline, args.format, &mut output)?;
        output.commit()?;
    }
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PARTIAL)
    })
}

/// A progress bar on stderr for long runs: inputs done, rate and ETA.
/// Hidden when stderr is not a terminal, with `--quiet`, and for JSON
/// Lines input (whose record count is not known in advance).
fn progress_bar(
    inputs: &[inputs::Input],
    options: batch::Options,
    quiet: bool,
) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let shown = !quiet && io::stderr().is_terminal() && options.format == batch::InputFormat::Dumps;
    if !shown {
        return indicatif::ProgressBar::hidden();
    }
    let total = inputs
        .iter()
        .filter(|i| options.shard.is_none_or(|s| s.holds(i.name())))
        .count();
    let bar = indicatif::ProgressBar::new(total as u64);
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {pos}/{len} inputs [{bar:30}] {per_sec} ETA {eta}",
    )
    .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

/// The `--input` value (clap accepts only `dumps` and `jsonl`).
fn input_format(input: &str) -> batch::InputFormat {
    if input == "jsonl" {
        batch::InputFormat::Jsonl
    } else {
        batch::InputFormat::Dumps
    }
}

fn line_limit(limits: &LimitArgs) -> usize {
    usize::try_from(limits.max_line_length).unwrap_or(usize::MAX)
}

fn pipeline(args: &ExtractArgs) -> Result<Pipeline> {
    Ok(pipeline_with_rules(&args.rules)?
        .explain(args.explain)
        .max_line_bytes(line_limit(&args.limits)))
}

/// The built-in rules, with the user's packs first.
fn pipeline_with_rules(rules: &[PathBuf]) -> Result<Pipeline> {
    Ok(if rules.is_empty() {
        Pipeline::default()
    } else {
        let packs = rules
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read rule pack {}", path.display()))?;
                Ok(RulePack::from_toml(&text, &path.display().to_string())?)
            })
            .collect::<Result<Vec<_>>>()?;
        Pipeline::with_rules(RuleSet::with_builtin(packs)?)
    })
}

mod explain {
    //! `tidings explain`: one aligned row per line, coloured by fate.

    use std::io::Write;
    use std::path::PathBuf;
    use std::process::ExitCode;

    use anstyle::{AnsiColor, Style};
    use anyhow::{Context, Result};
    use tidings::inputs::Input;
    use tidings::{Fate, TraceRow};
    use tidings_segment::Role;

    pub fn run(path: &str, rules: &[PathBuf], color: &str) -> Result<ExitCode> {
        let pipeline = super::pipeline_with_rules(rules)?;
        let input = if path == "-" {
            Input::Stdin
        } else {
            Input::File {
                path: PathBuf::from(path),
                name: path.to_string(),
            }
        };
        let bytes = tidings::batch::read(&input, tidings::batch::DEFAULT_MAX_FILE_BYTES)?;
        let decoded = tidings_dump::decode(&bytes).with_context(|| path.to_string())?;
        let dump = tidings_dump::parse(&decoded.text).with_context(|| path.to_string())?;
        let rows = pipeline.trace(&dump);

        let choice = match color {
            "always" => anstream::ColorChoice::Always,
            "never" => anstream::ColorChoice::Never,
            _ => anstream::ColorChoice::Auto,
        };
        let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
        let width = rows.iter().map(|r| label(r).len()).max().unwrap_or(0);
        for row in &rows {
            let style = style(&row.fate);
            let entry = match row.fate {
                Fate::Role { entry: Some(e), .. } => format!("#{}", e + 1),
                _ => String::new(),
            };
            let reason = match &row.fate {
                Fate::Role { reason, .. } => *reason,
                Fate::Removed { .. } => "boilerplate rule",
                Fate::Header => "the dump's date header",
            };
            let dim = Style::new().dimmed();
            writeln!(
                out,
                "{:>5}  {style}{:<width$}{style:#}  {:>4}  {}  {dim}({reason}){dim:#}",
                row.line,
                label(row),
                entry,
                shortened(row.text),
            )?;
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }

    /// Most characters of a line shown, so that the reason after it stays
    /// in view.
    const SHOWN_CHARS: usize = 90;

    fn shortened(text: &str) -> std::borrow::Cow<'_, str> {
        match text.char_indices().nth(SHOWN_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]).into(),
            None => text.into(),
        }
    }

    fn label(row: &TraceRow<'_>) -> String {
        match &row.fate {
            Fate::Header => "header".to_string(),
            Fate::Removed { rule } => format!("removed {rule}"),
            Fate::Role { role, .. } => role.name().to_string(),
        }
    }

    fn style(fate: &Fate) -> Style {
        if matches!(
            fate,
            Fate::Role {
                role: Role::Body,
                ..
            }
        ) {
            // Body is most of a page: leave it in the terminal's own colour.
            return Style::new();
        }
        let color = match fate {
            Fate::Header => AnsiColor::Blue,
            Fate::Removed { .. } => AnsiColor::Red,
            Fate::Role { role, .. } => match role {
                Role::Title | Role::Standfirst => AnsiColor::Magenta,
                Role::Headline => AnsiColor::Green,
                Role::Byline => AnsiColor::Cyan,
                Role::Summary | Role::KeyPoint => AnsiColor::Yellow,
                Role::Body => AnsiColor::BrightWhite,
                Role::AltHeadline | Role::ListHeading | Role::Marker => AnsiColor::Red,
            },
        };
        Style::new().fg_color(Some(color.into()))
    }
}

fn report_warnings(name: &str, warnings: &[Warning]) {
    for warning in warnings {
        eprintln!("tidings: warning: {name}: {warning}");
    }
}

fn export_error(e: ExportError) -> anyhow::Error {
    anyhow::Error::new(e).context("cannot write output")
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<ExportError>().is_some_and(
                |x| matches!(x, ExportError::Io(io) if io.kind() == io::ErrorKind::BrokenPipe),
            )
    })
}

/// Standard output, or a file written under a temporary name beside its
/// final one and renamed into place once complete, so an interrupted run
/// never leaves a truncated file that looks whole.
enum Output {
    Stdout(BufWriter<Box<dyn Write + Send>>),
    File {
        file: Option<BufWriter<File>>,
        temporary: PathBuf,
        target: PathBuf,
    },
}

impl Drop for Output {
    /// A run that stops before [`Output::commit`] leaves no temporary file.
    fn drop(&mut self) {
        if let Output::File {
            file: Some(_),
            temporary,
            ..
        } = self
        {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

impl Output {
    fn open(target: Option<&Path>, force: bool) -> Result<Output> {
        let Some(target) = target else {
            return Ok(Output::Stdout(BufWriter::new(stdout_unscanned())));
        };
        if target.exists() && !force {
            anyhow::bail!("{} exists; pass --force to replace it", target.display());
        }
        let name = target
            .file_name()
            .with_context(|| format!("{} is not a file name", target.display()))?;
        let mut temporary_name = std::ffi::OsString::from(".");
        temporary_name.push(name);
        temporary_name.push(format!(".tmp-{}", std::process::id()));
        let temporary = target.with_file_name(temporary_name);
        let file = File::create(&temporary)
            .with_context(|| format!("cannot create {}", temporary.display()))?;
        Ok(Output::File {
            file: Some(BufWriter::new(file)),
            temporary,
            target: target.to_path_buf(),
        })
    }

    fn commit(mut self) -> Result<()> {
        match &mut self {
            Output::Stdout(out) => Ok(out.flush()?),
            Output::File {
                file,
                temporary,
                target,
            } => {
                if let Some(buffered) = file.take() {
                    let file = buffered.into_inner().map_err(|e| e.into_error())?;
                    file.sync_all()?;
                }
                std::fs::rename(&*temporary, &*target)
                    .with_context(|| format!("cannot move output into {}", target.display()))
            }
        }
    }
}

/// Standard output without std's line buffering: `Stdout` searches every
/// write (each of the `BufWriter`'s flushes) for its last newline and
/// splits it there, which costs a scan of all the output for nothing, as
/// the output is flushed whole at the end. On Unix a duplicate of its
/// descriptor writes to the same place unscanned; nothing else writes to
/// standard output while it is in use, so the order holds. Elsewhere, or
/// if the descriptor cannot be duplicated, std's `Stdout` as it is.
fn stdout_unscanned() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(File::from(fd));
        }
    }
    Box::new(io::stdout())
}

impl Output {
    /// Where the bytes go; an output already committed takes no more.
    fn sink(&mut self) -> io::Result<&mut dyn Write> {
        match self {
            Output::Stdout(out) => Ok(out),
            Output::File {
                file: Some(file), ..
            } => Ok(file),
            Output::File { file: None, .. } => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.sink()?.write(buf)
    }

    // Forwarded whole: the writers hand over a document's pieces, which
    // the buffered output copies in one go (or passes straight through).
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.sink()?.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File {
                file: Some(file), ..
            } => file.flush(),
            Output::File { file: None, .. } => Ok(()),
        }
    }
}
