//! Running the pipeline over a batch: reading inputs within limits (dump
//! files, or JSON Lines records), taking a deterministic shard of them,
//! extracting on every core with the output in input order, and reporting
//! failures without stopping.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex, MutexGuard, PoisonError};

use serde::Deserialize;
use tidings_export::{Encoded, ExportError, Writer};
use xxhash_rust::xxh3::xxh3_64;

use crate::budget::{Budget, Limits};
use crate::inputs::Input;
use crate::memory;
use crate::{ExtractError, Pipeline, Warning};

/// Most bytes of one input that are read, by default: 2 GiB. Memory use is
/// a small multiple of the largest input, so this bounds it.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 2 << 30;

/// Inputs in flight per thread when extracting on several threads (read,
/// being extracted, or extracted and waiting for their turn to be
/// written): enough to keep every thread busy while one input takes long,
/// few enough that memory holds a handful of documents.
const IN_FLIGHT_PER_THREAD: usize = 4;

/// Input bytes in flight when extracting on several threads (see
/// [`crate::budget`]); a larger input runs beside small ones only.
const IN_FLIGHT_BYTES: u64 = 24 << 20;

/// The part of [`IN_FLIGHT_BYTES`] that a large input leaves to small
/// ones, so that the other threads keep working beside it.
const IN_FLIGHT_RESERVE: u64 = 8 << 20;

/// The inputs of a batch, read lazily (see [`items`]).
pub type Items<'a> = Box<dyn Iterator<Item = Result<Item, ExtractError>> + Send + 'a>;

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
            // Room for the whole file at once: `take` hides the size from
            // `read_to_end`, which would otherwise double its buffer up to
            // twice the file. The file may grow while it is read: never
            // read past the limit.
            bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
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
pub fn items(inputs: &[Input], options: Options) -> Items<'_> {
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
fn records(input: &Input, options: Options) -> Items<'_> {
    let name = input.name();
    let reader: Box<dyn BufRead + Send> = match input {
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
/// With `jobs` > 1 items are extracted and encoded on `jobs` threads while
/// this thread writes them, still in input order; a few items per thread,
/// and a few tens of MiB of them, are held at once: an input larger than
/// that runs beside small ones only.
pub fn run<W: Write + Send>(
    pipeline: &Pipeline,
    items: impl Iterator<Item = Result<Item, ExtractError>> + Send,
    options: Options,
    writer: &mut Writer<W>,
    on_event: impl FnMut(Event<'_>),
) -> Result<Report, ExportError> {
    if options.jobs <= 1 {
        run_serial(pipeline, items, options, writer, on_event)
    } else {
        run_parallel(pipeline, items, options, writer, on_event)
    }
}

fn run_serial<W: Write>(
    pipeline: &Pipeline,
    items: impl Iterator<Item = Result<Item, ExtractError>>,
    options: Options,
    writer: &mut Writer<W>,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Report, ExportError> {
    let mut report = Report::default();
    for item in items {
        let large = item.as_ref().is_ok_and(is_large);
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
        if large {
            memory::release_freed_memory();
        }
        if !record(&mut report, done, options.fail_fast, &mut on_event) {
            break;
        }
    }
    Ok(report)
}

/// An item extracted on a worker thread: its name, its document, and its
/// warnings.
type Extraction = (String, Handed, Vec<Warning>);

/// What a worker did with a document.
enum Handed {
    /// Its turn had come: it was written straight to the output.
    Written(Result<(), ExportError>),
    /// Encoded, to be written in its turn (or why encoding failed).
    Encoded(Result<Encoded, ExportError>),
}

/// An item on its way through the threads: its place in the input order,
/// what it was charged against the [`Budget`], and the item or what came
/// of it.
struct Queued<T> {
    index: usize,
    charge: u64,
    value: T,
}

/// The parallel [`run`]: a reader thread reads items as the [`Budget`]
/// allows, the workers extract and encode them, and this thread puts them
/// back in input order, writes them and releases their charge. Memory holds
/// a bounded count and size of items however slow one of them is.
///
/// A worker whose document's turn has come when it is extracted (every
/// item before it is written, so this thread waits for it alone) writes it
/// straight to the output instead. A large input is usually in that case,
/// as the small ones before it finish first; its encoding, a little larger
/// than the input, is then never held in memory.
fn run_parallel<W: Write + Send>(
    pipeline: &Pipeline,
    items: impl Iterator<Item = Result<Item, ExtractError>> + Send,
    options: Options,
    writer: &mut Writer<W>,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Report, ExportError> {
    let budget = Budget::new(Limits {
        items: options.jobs * IN_FLIGHT_PER_THREAD,
        bytes: IN_FLIGHT_BYTES,
        reserve: IN_FLIGHT_RESERVE,
    });
    let format = writer.format();
    let writer = Mutex::new(writer);
    // How many items, from the first, are written (or reported failed).
    let written = AtomicUsize::new(0);
    // Never full: the budget keeps at most `items` in the queue.
    let (queue, work) =
        mpsc::sync_channel::<Queued<Result<Item, ExtractError>>>(budget.limits().items);
    let work = Mutex::new(work);
    let (finished, results) = mpsc::channel::<Queued<Result<Extraction, ExtractError>>>();

    std::thread::scope(|scope| {
        // However this thread leaves (the end, a failure with `fail_fast`,
        // an output error), the reader stops, and then the workers, before
        // the scope joins them.
        let _close = CloseOnDrop(&budget);
        let budget = &budget;
        scope.spawn(move || {
            // An item is admitted once read, when its size is known; the
            // reader holds at most that one item beyond the budget.
            for (index, item) in items.enumerate() {
                let bytes = item.as_ref().map_or(0, |item| item.bytes.len() as u64);
                let charge = budget.limits().charge(bytes);
                if !budget.admit(charge) {
                    break;
                }

                if queue
                    .send(Queued {
                        index,
                        charge,
                        value: item,
                    })
                    .is_err()
                {
                    break;
                }
            }
        });
        let (writer, written) = (&writer, &written);
        for _ in 0..options.jobs {
            let (work, finished) = (&work, finished.clone());
            scope.spawn(move || loop {
                // A poisoned lock means another worker panicked: stop too.
                let next = match work.lock() {
                    Ok(work) => work.recv(),
                    Err(_) => break,
                };
                let Ok(Queued {
                    index,
                    charge,
                    value,
                }) = next
                else {
                    break;
                };
                let large = value.as_ref().is_ok_and(is_large);
                let value = value.and_then(|item| {
                    let done = pipeline.extract_as(
                        item.id.as_deref(),
                        &item.name,
                        &item.bytes,
                        |doc| {
                            if written.load(Ordering::Acquire) == index {
                                Handed::Written(lock(writer).write(doc))
                            } else {
                                Handed::Encoded(Encoded::new(format, doc))
                            }
                        },
                    )?;
                    Ok((item.name, done.value, done.warnings))
                });
                if large {
                    memory::release_freed_memory();
                }
                if finished
                    .send(Queued {
                        index,
                        charge,
                        value,
                    })
                    .is_err()
                {
                    break;
                }
            });
        }
        drop(finished);

        let mut report = Report::default();
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for done in results {
            waiting.insert(done.index, done);
            while let Some(Queued { charge, value, .. }) = waiting.remove(&next) {
                next += 1;
                let done = match value {
                    Ok((name, handed, warnings)) => {
                        match handed {
                            Handed::Written(result) => result?,
                            Handed::Encoded(encoded) => lock(writer).write_encoded(&encoded?)?,
                        }
                        Ok((name, warnings))
                    }
                    Err(error) => Err(error),
                };
                if !record(&mut report, done, options.fail_fast, &mut on_event) {
                    return Ok(report);
                }
                budget.release(charge);
                written.store(next, Ordering::Release);
            }
        }
        Ok(report)
    })
}

/// Whether an input is large enough for its memory to be handed back to
/// the system once it is extracted (see [`crate::memory`]).
fn is_large(item: &Item) -> bool {
    item.bytes.len() as u64 >= memory::LARGE_INPUT_BYTES
}

/// Locks the shared output. A worker that panicked while writing leaves it
/// poisoned; the scope reports that panic, so the output is used as is.
fn lock<'a, T>(writer: &'a Mutex<T>) -> MutexGuard<'a, T> {
    writer.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Closes the budget when dropped.
struct CloseOnDrop<'a>(&'a Budget);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

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

#[cfg(test)]
mod tests {
    use tidings_export::Format;

    use super::*;

    /// `count` small dumps; every `bad_every`-th one is binary and fails.
    fn items(count: usize, bad_every: usize) -> Vec<Result<Item, ExtractError>> {
        (0..count)
            .map(|i| {
                let bytes = if bad_every > 0 && i % bad_every == bad_every - 1 {
                    b"\x00\x01\x02 not a dump".to_vec()
                } else {
                    format!(
                        "Page {i} live\n10:0{}\nPost number {i}\nIt happened at the port. \
                         Officials said {i} ships were turned away.\n",
                        i % 10
                    )
                    .into_bytes()
                };
                Ok(Item {
                    name: format!("dump-{i}.txt"),
                    id: None,
                    bytes,
                })
            })
            .collect()
    }

    /// Output bytes, extracted names in order, and the report.
    fn run_batch(
        jobs: usize,
        format: Format,
        fail_fast: bool,
        count: usize,
        bad_every: usize,
    ) -> (Vec<u8>, Vec<String>, Report) {
        let options = Options {
            jobs,
            fail_fast,
            ..Options::default()
        };
        let mut writer = Writer::new(Vec::new(), format);
        let mut events = Vec::new();
        let report = run(
            &Pipeline::default(),
            items(count, bad_every).into_iter(),
            options,
            &mut writer,
            |event| {
                events.push(match event {
                    Event::Extracted { name, .. } => name.to_string(),
                    Event::Failed { error } => format!("failed {}", error.source_name()),
                })
            },
        )
        .unwrap();
        (writer.finish().unwrap(), events, report)
    }

    #[test]
    fn parallel_batch_writes_and_reports_in_serial_order() {
        for format in [Format::Jsonl, Format::Json, Format::Csv, Format::Markdown] {
            let serial = run_batch(1, format, false, 40, 7);
            assert_eq!(serial.2.extracted, 35);
            assert_eq!(serial.2.failures.len(), 5);
            for jobs in [2, 3, 8] {
                let parallel = run_batch(jobs, format, false, 40, 7);
                assert_eq!(parallel.0, serial.0, "{format} with {jobs} jobs");
                assert_eq!(parallel.1, serial.1, "{format} with {jobs} jobs");
                assert_eq!(parallel.2.failures, serial.2.failures);
            }
        }
    }

    /// The first input's turn has come as soon as it is extracted, so a
    /// worker writes it itself; the others may be encoded first. Either
    /// way the output is what one thread writes.
    #[test]
    fn documents_written_by_workers_and_encoded_ones_interleave_in_order() {
        for format in [Format::Jsonl, Format::Json, Format::Csv, Format::Markdown] {
            for (count, bad_every) in [(1, 0), (3, 2), (12, 5)] {
                let serial = run_batch(1, format, false, count, bad_every);
                let parallel = run_batch(2, format, false, count, bad_every);
                assert_eq!(parallel.0, serial.0, "{format}, {count} inputs");
                assert_eq!(parallel.1, serial.1, "{format}, {count} inputs");
            }
        }
    }

    #[test]
    fn parallel_batch_stops_at_the_first_failure_with_fail_fast() {
        let (output, events, report) = run_batch(3, Format::Jsonl, true, 40, 7);
        assert!(report.stopped_early);
        assert_eq!(report.extracted, 6);
        assert_eq!(events.last().map(String::as_str), Some("failed dump-6.txt"));
        assert_eq!(output, run_batch(1, Format::Jsonl, true, 40, 7).0);
    }

    #[test]
    fn parallel_batch_of_nothing_writes_nothing() {
        let (output, events, report) = run_batch(4, Format::Json, false, 0, 0);
        assert_eq!(output, b"[]\n");
        assert!(events.is_empty() && report.extracted == 0);
    }
}
