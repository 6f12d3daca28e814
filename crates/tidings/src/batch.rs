//! Running the pipeline over a batch: reading inputs within limits (dump
//! files, or JSON Lines records), taking a deterministic shard of them,
//! extracting on every core with the output in input order, and reporting
//! failures without stopping.

use std::io::{self, BufRead, BufReader, Read, Write};

use rayon::prelude::*;
use serde::Deserialize;
use tidings_export::{Document, ExportError, Writer};
use xxhash_rust::xxh3::xxh3_64;

use crate::inputs::Input;
use crate::{ExtractError, Pipeline, Warning};

/// Most bytes of one input that are read, by default: 2 GiB. Memory use is
/// a small multiple of the largest input, so this bounds it.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 2 << 30;

/// Inputs read per round when extracting on several threads: enough to
/// keep every thread busy, few enough to bound memory.
const ITEMS_PER_THREAD: usize = 8;

/// What the inputs hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Each input is one dump.
    #[default]
    Dumps,
    /// Each input is JSON Lines of records `{"id": …, "text": …,
    /// "metadata": {…}}` (the document format of datatrove and dolma); each
    /// record's text is one dump, and its document keeps the record's id.
    Jsonl,
}

/// A deterministic share of the inputs: those whose stable hash (of the
/// path as given, or of the record id) is `index` modulo `count`. The
/// shards of `0..count` together hold every input exactly once, whatever
/// machine runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, `0..count`.
    pub index: u64,
    /// How many shards the work is split into.
    pub count: u64,
}

impl Shard {
    /// Does the input or record named `key` belong to this shard?
    pub fn holds(&self, key: &str) -> bool {
        self.count <= 1 || xxh3_64(key.as_bytes()) % self.count == self.index
    }
}

/// One dump to extract: read from a file, standard input, or a record.
#[derive(Debug)]
pub struct Item {
    /// The name used in messages and as `source`.
    pub name: String,
    /// The document id, when the input says it (a record's id); otherwise
    /// the name's file stem.
    pub id: Option<String>,
    /// The dump's bytes.
    pub bytes: Vec<u8>,
}

/// What happened to one input, as it happens.
#[derive(Debug)]
pub enum Event<'a> {
    /// The input was extracted, with these warnings.
    Extracted {
        /// The input's name.
        name: &'a str,
        /// Recoverable problems.
        warnings: &'a [Warning],
    },
    /// The input was not extracted.
    Failed {
        /// Why; the message names the input.
        error: &'a ExtractError,
    },
}

/// How a batch went.
#[derive(Debug, Default)]
pub struct Report {
    /// Inputs extracted and written.
    pub extracted: usize,
    /// Inputs that failed: `(name, reason)`, in order.
    pub failures: Vec<(String, String)>,
    /// `fail_fast` stopped the batch at the first failure.
    pub stopped_early: bool,
}

/// Knobs of a batch.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Inputs larger than this are refused without being read.
    pub max_file_bytes: u64,
    /// Stop at the first input that fails.
    pub fail_fast: bool,
    /// What the inputs hold.
    pub format: InputFormat,
    /// Only this share of the inputs, if set.
    pub shard: Option<Shard>,
    /// Threads extracting at once; 1 extracts on the calling thread.
    pub jobs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            fail_fast: false,
            format: InputFormat::Dumps,
            shard: None,
            jobs: 1,
        }
    }
}

/// Reads one input whole, refusing one larger than `max_bytes`.
pub fn read(input: &Input, max_bytes: u64) -> Result<Vec<u8>, ExtractError> {
    let name = input.name();
    let read_error = |error| ExtractError::Read {
        source_name: name.to_string(),
        error,
    };
    let too_large = |bytes| ExtractError::TooLarge {
        source_name: name.to_string(),
        bytes,
        limit: max_bytes,
    };
    let mut bytes = Vec::new();
    match input {
        Input::File { path, .. } => {
            let mut file = std::fs::File::open(path).map_err(read_error)?;
            let meta = file.metadata().map_err(read_error)?;
            if meta.is_dir() {
                return Err(read_error(io::Error::other("is a directory, not a dump")));
            }
            if meta.len() > max_bytes {
                return Err(too_large(meta.len()));
            }
            // The file may grow while it is read: never read past the limit.
            (&mut file)
                .take(max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(read_error)?;
        }
        Input::Stdin => {
            io::stdin()
                .lock()
                .take(max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(read_error)?;
        }
    }
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A JSON Lines record, as datatrove and dolma write them.
#[derive(Debug, Deserialize)]
struct Record {
    id: serde_json::Value,
    text: String,
}

/// The dumps of a batch, one at a time, read lazily so that memory holds
/// only what is being extracted.
pub fn items<'a>(
    inputs: &'a [Input],
    options: Options,
) -> Box<dyn Iterator<Item = Result<Item, ExtractError>> + 'a> {
    match options.format {
        InputFormat::Dumps => Box::new(
            inputs
                .iter()
                .filter(move |input| options.shard.is_none_or(|s| s.holds(input.name())))
                .map(move |input| {
                    read(input, options.max_file_bytes).map(|bytes| Item {
                        name: input.name().to_string(),
                        id: None,
                        bytes,
                    })
                }),
        ),
        InputFormat::Jsonl => {
            Box::new(inputs.iter().flat_map(move |input| records(input, options)))
        }
    }
}

/// The records of one JSON Lines input.
fn records(
    input: &Input,
    options: Options,
) -> Box<dyn Iterator<Item = Result<Item, ExtractError>> + '_> {
    let name = input.name();
    let reader: Box<dyn BufRead> = match input {
        Input::File { path, .. } => match std::fs::File::open(path) {
            Ok(file) => Box::new(BufReader::new(file)),
            Err(error) => {
                return Box::new(std::iter::once(Err(ExtractError::Read {
                    source_name: name.to_string(),
                    error,
                })))
            }
        },
        Input::Stdin => Box::new(BufReader::new(io::stdin())),
    };
    let limit = options.max_file_bytes;
    Box::new(reader.lines().enumerate().filter_map(move |(index, line)| {
        let number = index + 1;
        let record_error = |message: String| ExtractError::Record {
            source_name: name.to_string(),
            line: number,
            message,
        };
        let line = match line {
            Ok(line) => line,
            Err(error) => return Some(Err(record_error(error.to_string()))),
        };
        if line.trim().is_empty() {
            return None;
        }
        if line.len() as u64 > limit {
            return Some(Err(record_error(format!(
                "the record is {} bytes, more than the limit of {limit}",
                line.len()
            ))));
        }
        let record: Record = match serde_json::from_str(&line) {
            Ok(record) => record,
            Err(e) => {
                return Some(Err(record_error(format!(
                    "not a {{\"id\", \"text\"}} record: {e}"
                ))))
            }
        };
        let id = match record.id {
            serde_json::Value::String(id) => id,
            other => other.to_string(),
        };
        if options.shard.is_some_and(|s| !s.holds(&id)) {
            return None;
        }
        Some(Ok(Item {
            name: format!("{name}:{number}"),
            id: Some(id),
            bytes: record.text.into_bytes(),
        }))
    }))
}

/// Extracts every item in order and writes each document in that order. A
/// failing item is reported through `on_event` and the batch goes on
/// (unless `fail_fast`); only an output error stops it.
///
/// With `jobs` > 1 items are read in rounds and extracted on a thread pool;
/// the documents are still written in input order, and memory holds one
/// round at a time.
pub fn run<W: Write>(
    pipeline: &Pipeline,
    items: impl Iterator<Item = Result<Item, ExtractError>>,
    options: Options,
    writer: &mut Writer<W>,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Report, ExportError> {
    let mut report = Report::default();
    if options.jobs <= 1 {
        for item in items {
            let outcome = item.and_then(|item| {
                pipeline
                    .extract_as(item.id.as_deref(), &item.name, &item.bytes, |doc| {
                        writer.write(doc)
                    })
                    .map(|done| (item.name, done))
            });
            let done = match outcome {
                Ok((name, done)) => {
                    done.value?;
                    Ok((name, done.warnings))
                }
                Err(error) => Err(error),
            };
            if !record(&mut report, done, options.fail_fast, &mut on_event) {
                break;
            }
        }
        return Ok(report);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| ExportError::Io(io::Error::other(e)))?;
    let mut items = items.peekable();
    while items.peek().is_some() {
        let round: Vec<Result<Item, ExtractError>> = items
            .by_ref()
            .take(options.jobs * ITEMS_PER_THREAD)
            .collect();
        let extracted: Vec<Result<Extraction, ExtractError>> = pool.install(|| {
            round
                .into_par_iter()
                .map(|item| {
                    let item = item?;
                    let done =
                        pipeline.extract_as(item.id.as_deref(), &item.name, &item.bytes, |d| {
                            d.clone().into_owned()
                        })?;
                    Ok((item.name, done.value, done.warnings))
                })
                .collect()
        });
        for outcome in extracted {
            let done = match outcome {
                Ok((name, document, warnings)) => {
                    writer.write(&document)?;
                    Ok((name, warnings))
                }
                Err(error) => Err(error),
            };
            if !record(&mut report, done, options.fail_fast, &mut on_event) {
                return Ok(report);
            }
        }
    }
    Ok(report)
}

/// An item extracted on a worker thread: its name, its document (owned, to
/// cross back to the writing thread) and its warnings.
type Extraction = (String, Document<'static>, Vec<Warning>);

/// Counts and reports one outcome; false when the batch must stop.
fn record(
    report: &mut Report,
    outcome: Result<(String, Vec<Warning>), ExtractError>,
    fail_fast: bool,
    on_event: &mut impl FnMut(Event<'_>),
) -> bool {
    match outcome {
        Ok((name, warnings)) => {
            report.extracted += 1;
            on_event(Event::Extracted {
                name: &name,
                warnings: &warnings,
            });
            true
        }
        Err(error) => {
            on_event(Event::Failed { error: &error });
            let name = error.source_name().to_string();
            report.failures.push((name, error.to_string()));
            if fail_fast {
                report.stopped_early = true;
            }
            !fail_fast
        }
    }
}
