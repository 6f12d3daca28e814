//! The streaming [`Writer`].

mod csv;
mod json;
mod markdown;

use std::io::Write;

use crate::{Document, ExportError, Format};

/// Streams documents to an [`io::Write`](std::io::Write) in one [`Format`].
///
/// Each call to [`write`](Writer::write) serialises one document straight
/// into the output; nothing of earlier documents is kept, so memory stays
/// constant however many documents are written. Call
/// [`finish`](Writer::finish) once at the end: it closes the JSON array (or
/// writes the CSV header of an empty run), flushes, and hands the output
/// back.
///
/// The writer issues many small writes and does not buffer them itself: pass
/// a [`BufWriter`](std::io::BufWriter) (or a `Vec<u8>`) unless `W` is already
/// buffered. [`finish`](Writer::finish) flushes `W`.
///
/// After an error the output is incomplete and the writer should be dropped.
///
/// # Example
///
/// ```
/// use std::io::BufWriter;
/// use tidings_export::{Document, Format, Writer};
///
/// let mut writer = Writer::new(BufWriter::new(Vec::new()), Format::Json);
/// writer.write(&Document { id: "a".into(), ..Document::default() })?;
/// writer.write(&Document { id: "b".into(), ..Document::default() })?;
/// let bytes = writer.finish()?.into_inner().map_err(|e| e.into_error())?;
///
/// let docs: Vec<Document<'static>> = serde_json::from_slice(&bytes)?;
/// assert_eq!(docs.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Writer<W: Write> {
    out: W,
    state: State,
    documents: usize,
}

/// What each format keeps between documents.
enum State {
    Jsonl,
    Json,
    Csv(csv::CsvRows),
    Markdown,
}

impl<W: Write> Writer<W> {
    /// Creates a writer of `format` onto `out`. Nothing is written yet.
    pub fn new(out: W, format: Format) -> Self {
        let state = match format {
            Format::Jsonl => State::Jsonl,
            Format::Json => State::Json,
            Format::Csv => State::Csv(csv::CsvRows::default()),
            Format::Markdown => State::Markdown,
        };
        Writer {
            out,
            state,
            documents: 0,
        }
    }

    /// The format this writer writes.
    pub fn format(&self) -> Format {
        match self.state {
            State::Jsonl => Format::Jsonl,
            State::Json => Format::Json,
            State::Csv(_) => Format::Csv,
            State::Markdown => Format::Markdown,
        }
    }

    /// The number of documents written so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// A shared reference to the output.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// Writes one document.
    ///
    /// # Errors
    ///
    /// [`ExportError::Io`] when the output fails; [`ExportError::Json`] or
    /// [`ExportError::Csv`] when the document cannot be encoded.
    pub fn write(&mut self, document: &Document<'_>) -> Result<(), ExportError> {
        let first = self.documents == 0;
        match &mut self.state {
            State::Jsonl => json::write_line(&mut self.out, document)?,
            State::Json => json::write_element(&mut self.out, document, first)?,
            State::Csv(rows) => rows.write_document(&mut self.out, document)?,
            State::Markdown => markdown::write_page(&mut self.out, document, first)?,
        }
        self.documents += 1;
        Ok(())
    }

    /// Ends the output, flushes it and returns it.
    ///
    /// JSON: writes the closing `]` (or `[]` when no document was written).
    /// CSV: writes the header row if no entry was ever written, so the output
    /// is always a CSV file with a header.
    ///
    /// # Errors
    ///
    /// [`ExportError::Io`] when writing or flushing fails.
    pub fn finish(mut self) -> Result<W, ExportError> {
        match &mut self.state {
            State::Jsonl | State::Markdown => {}
            State::Json => json::write_end(&mut self.out, self.documents)?,
            State::Csv(rows) => rows.finish(&mut self.out)?,
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> std::fmt::Debug for Writer<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("format", &self.format())
            .field("documents", &self.documents)
            .finish_non_exhaustive()
    }
}
