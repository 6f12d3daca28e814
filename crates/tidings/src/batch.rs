//! Running the pipeline over a batch of inputs: reading within limits,
//! reporting failures without stopping, and writing every document.

use std::io::{self, Read, Write};

use tidings_export::{ExportError, Writer};

use crate::inputs::Input;
use crate::{ExtractError, Pipeline, Warning};

/// Most bytes of one input that are read, by default: 2 GiB. Memory use is
/// a small multiple of the largest input, so this bounds it.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 2 << 30;

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            fail_fast: false,
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

/// Extracts every input in order and writes each document as soon as it is
/// made, so memory holds one input at a time. A failing input is reported
/// through `on_event` and the batch goes on (unless `fail_fast`); only an
/// output error stops it.
pub fn run<W: Write>(
    pipeline: &Pipeline,
    inputs: &[Input],
    options: Options,
    writer: &mut Writer<W>,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Report, ExportError> {
    let mut report = Report::default();
    for input in inputs {
        let outcome = read(input, options.max_file_bytes)
            .and_then(|bytes| pipeline.extract(input.name(), &bytes, |doc| writer.write(doc)));
        match outcome {
            Ok(done) => {
                done.value?;
                report.extracted += 1;
                on_event(Event::Extracted {
                    name: input.name(),
                    warnings: &done.warnings,
                });
            }
            Err(error) => {
                on_event(Event::Failed { error: &error });
                report
                    .failures
                    .push((input.name().to_string(), error.to_string()));
                if options.fail_fast {
                    report.stopped_early = true;
                    break;
                }
            }
        }
    }
    Ok(report)
}
