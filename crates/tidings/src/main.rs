//! The `tidings` command.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use tidings::inputs::{self, Input};
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
}

/// Exit codes: 0 every input extracted; 1 some input failed (the others were
/// still processed); 2 usage error or nothing could run.
const EXIT_PARTIAL: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Explain(args) => explain::run(&args.path, &args.rules, &args.color),
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
    let mut failures = problems.len();
    for problem in &problems {
        eprintln!("tidings: {problem}");
    }

    let output = Output::open(args.output.as_deref())?;
    let mut writer = Writer::new(output, args.format);
    for input in &inputs {
        let bytes = match read(input) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("tidings: {}: {e}", input.name());
                failures += 1;
                continue;
            }
        };
        match pipeline.extract(input.name(), &bytes, |doc| writer.write(doc)) {
            Ok(done) => {
                report_warnings(input.name(), &done.warnings);
                done.value.map_err(export_error)?;
            }
            Err(e) => {
                eprintln!("tidings: {e}");
                failures += 1;
            }
        }
    }
    writer.finish().map_err(export_error)?.commit()?;

    if failures > 0 {
        eprintln!(
            "tidings: {failures} input(s) failed; {} extracted",
            inputs.len() + problems.len() - failures
        );
        return Ok(ExitCode::from(EXIT_PARTIAL));
    }
    Ok(ExitCode::SUCCESS)
}

fn pipeline(args: &ExtractArgs) -> Result<Pipeline> {
    Ok(pipeline_with_rules(&args.rules)?.explain(args.explain))
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
        let bytes = super::read(&input).with_context(|| format!("cannot read {path}"))?;
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

fn read(input: &Input) -> io::Result<Vec<u8>> {
    match input {
        Input::File { path, .. } => std::fs::read(path),
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes)?;
            Ok(bytes)
        }
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
    Stdout(BufWriter<io::Stdout>),
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
    fn open(target: Option<&Path>) -> Result<Output> {
        let Some(target) = target else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout())));
        };
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

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File {
                file: Some(file), ..
            } => file.write(buf),
            Output::File { file: None, .. } => Err(io::ErrorKind::BrokenPipe.into()),
        }
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
