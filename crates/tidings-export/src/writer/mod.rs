//! The streaming [`Writer`].

mod csv;
mod json;
mod markdown;

use std::io::{BufWriter, Write};

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
/// A document is encoded through a small buffer of the writer's own and
/// reaches `W` in a few large writes, all before [`write`](Writer::write)
/// returns; `W` is flushed only by [`finish`](Writer::finish) (and by the
/// CSV encoder after each document). A
/// [`BufWriter`](std::io::BufWriter) around a file or stdout still pays
/// for the separators between documents.
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
    format: Format,
    documents: usize,
    /// Whether the CSV header has been written: before the first row, or
    /// at the end of a run without rows.
    csv_header_written: bool,
    /// Reused for the joined body of each CSV row.
    csv_body: String,
}

impl<W: Write> Writer<W> {
    /// Creates a writer of `format` onto `out`. Nothing is written yet.
    pub fn new(out: W, format: Format) -> Self {
        Writer {
            out,
            format,
            documents: 0,
            csv_header_written: false,
            csv_body: String::new(),
        }
    }

    /// The format this writer writes.
    pub fn format(&self) -> Format {
        self.format
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
        self.write_separator(!document.entries.is_empty())?;
        // serde_json writes every quote, comma and key on its own; through
        // the driver's `dyn Write` hundreds of thousands of such calls cost
        // more than gathering them. `into_inner` hands the rest on without
        // flushing `W`, and a larger document is still streamed.
        let mut staged = BufWriter::with_capacity(STAGED_BYTES, &mut self.out);
        if let Err(error) = encode(self.format, &mut staged, &mut self.csv_body, document) {
            // Dropped, a `BufWriter` would still write the half document
            // it holds; `into_parts` lets it go unwritten.
            let _ = staged.into_parts();
            return Err(error);
        }
        staged.into_inner().map_err(|error| error.into_error())?;
        self.documents += 1;
        Ok(())
    }

    /// Writes one document encoded earlier by [`Encoded::new`], perhaps on
    /// another thread: the output is the same as [`Writer::write`] of the
    /// document at this point.
    ///
    /// # Errors
    ///
    /// [`ExportError::Io`] when the output fails;
    /// [`ExportError::FormatMismatch`] when `encoded` is in another format.
    pub fn write_encoded(&mut self, encoded: &Encoded) -> Result<(), ExportError> {
        if encoded.format != self.format {
            return Err(ExportError::FormatMismatch {
                writer: self.format,
                encoded: encoded.format,
            });
        }
        self.write_separator(!encoded.bytes.is_empty())?;
        self.out.write_all(&encoded.bytes)?;
        self.documents += 1;
        Ok(())
    }

    /// What goes before the next document: the JSON array's opening or a
    /// comma, the CSV header before the first rows, a Markdown page break.
    fn write_separator(&mut self, has_csv_rows: bool) -> Result<(), ExportError> {
        let first = self.documents == 0;
        match self.format {
            Format::Jsonl => {}
            Format::Json => self.out.write_all(json::element_prefix(first))?,
            Format::Csv => {
                if has_csv_rows {
                    self.write_csv_header()?;
                }
            }
            Format::Markdown => {
                if !first {
                    self.out.write_all(markdown::PAGE_BREAK)?;
                }
            }
        }
        Ok(())
    }

    fn write_csv_header(&mut self) -> Result<(), ExportError> {
        if !self.csv_header_written {
            self.out.write_all(&csv::header()?)?;
            self.csv_header_written = true;
        }
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
        match self.format {
            Format::Jsonl | Format::Markdown => {}
            Format::Json => json::write_end(&mut self.out, self.documents)?,
            Format::Csv => self.write_csv_header()?,
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One document encoded in a [`Format`] on its own, to be written later by
/// [`Writer::write_encoded`].
///
/// Encoding is most of the cost of writing; a batch on many threads can
/// encode each document where it was extracted and keep only the bytes,
/// then write them in input order on one thread. What goes between
/// documents (the JSON array's commas, the CSV header, Markdown's page
/// breaks) is left to the writer.
///
/// ```
/// use tidings_export::{Document, Encoded, Format, Writer};
///
/// let document = Document { id: "a".into(), ..Document::default() };
/// let encoded = Encoded::new(Format::Jsonl, &document)?;
/// let mut writer = Writer::new(Vec::new(), Format::Jsonl);
/// writer.write_encoded(&encoded)?;
/// let mut direct = Writer::new(Vec::new(), Format::Jsonl);
/// direct.write(&document)?;
/// assert_eq!(writer.finish()?, direct.finish()?);
/// # Ok::<(), tidings_export::ExportError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Encoded {
    format: Format,
    bytes: Vec<u8>,
}

impl Encoded {
    /// Encodes `document` in `format`.
    ///
    /// # Errors
    ///
    /// [`ExportError::Json`] or [`ExportError::Csv`] when the document
    /// cannot be encoded.
    pub fn new(format: Format, document: &Document<'_>) -> Result<Encoded, ExportError> {
        let mut bytes = Vec::new();
        encode(format, &mut bytes, &mut String::new(), document)?;
        Ok(Encoded { format, bytes })
    }

    /// The format of the encoding.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Bytes of the encoding (what it holds in memory).
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the encoding is empty (a CSV document without entries).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Encodes `document` in `format` onto `out`, without what goes between
/// documents (see [`Writer::write_separator`]). `csv_body` is scratch
/// space for the CSV body column.
fn encode<W: Write>(
    format: Format,
    out: &mut W,
    csv_body: &mut String,
    document: &Document<'_>,
) -> Result<(), ExportError> {
    match format {
        Format::Jsonl => json::encode_line(out, document),
        Format::Json => json::encode_element(out, document),
        Format::Csv => csv::encode_rows(out, csv_body, document),
        Format::Markdown => Ok(markdown::write_page(out, document)?),
    }
}

/// Bytes of a document gathered before they are handed to the output.
const STAGED_BYTES: usize = 32 << 10;

impl<W: Write> std::fmt::Debug for Writer<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("format", &self.format())
            .field("documents", &self.documents)
            .finish_non_exhaustive()
    }
}
