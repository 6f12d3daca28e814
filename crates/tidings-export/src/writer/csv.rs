//! CSV output: one row per entry.

use std::io::Write;

use crate::{Document, Entry, ExportError};

/// The header row.
const HEADER: [&str; 12] = [
    "document_id",
    "source",
    "date",
    "title",
    "entry_id",
    "headline",
    "author",
    "time",
    "published",
    "body",
    "span_start",
    "span_end",
];

/// What joins the body paragraphs in the `body` column.
const PARAGRAPH_BREAK: &str = "\n\n";

/// The CSV state kept between documents.
///
/// The `csv` crate only encodes the rows of one document, into a reused
/// buffer, which is then copied to the output. The output itself is written
/// here, so its failures surface as [`ExportError::Io`].
#[derive(Default)]
pub(super) struct CsvRows {
    /// Reused for the encoded rows of each document.
    encoded: Vec<u8>,
    /// Reused for the joined body of each row.
    body: String,
    header_written: bool,
}

impl CsvRows {
    /// Writes one row per entry of `document` (none for a document without
    /// entries), preceded by the header if these are the first rows.
    pub(super) fn write_document<W: Write>(
        &mut self,
        out: &mut W,
        document: &Document<'_>,
    ) -> Result<(), ExportError> {
        if document.entries.is_empty() {
            return Ok(());
        }
        self.emit(out, |encoder, body| {
            document
                .entries
                .iter()
                .try_for_each(|entry| encode_row(encoder, body, document, entry))
        })
    }

    /// Writes the header if no row was ever written, so that even an empty
    /// run is a CSV file with a header.
    pub(super) fn finish<W: Write>(&mut self, out: &mut W) -> Result<(), ExportError> {
        if self.header_written {
            return Ok(());
        }
        self.emit(out, |_, _| Ok(()))
    }

    /// Encodes the header (the first time) and then the rows of `encode`
    /// into the buffer, and copies the buffer to `out`.
    fn emit<W: Write>(
        &mut self,
        out: &mut W,
        encode: impl FnOnce(&mut Encoder<'_>, &mut String) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        self.encoded.clear();
        let mut encoder = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut self.encoded);
        if !self.header_written {
            encoder.write_record(HEADER)?;
            self.header_written = true;
        }
        encode(&mut encoder, &mut self.body)?;
        encoder.flush()?;
        drop(encoder);
        out.write_all(&self.encoded)?;
        Ok(())
    }
}

/// A CSV encoder into the reused buffer.
type Encoder<'a> = csv::Writer<&'a mut Vec<u8>>;

/// Encodes the row of `entry`, joining its body in `body`.
fn encode_row(
    encoder: &mut Encoder<'_>,
    body: &mut String,
    document: &Document<'_>,
    entry: &Entry<'_>,
) -> Result<(), ExportError> {
    body.clear();
    for (i, paragraph) in entry.body.iter().enumerate() {
        if i > 0 {
            body.push_str(PARAGRAPH_BREAK);
        }
        body.push_str(paragraph);
    }
    let mut start = Decimal::default();
    let mut end = Decimal::default();
    encoder.write_record([
        document.id.as_bytes(),
        document.source.as_bytes(),
        or_empty(&document.date),
        or_empty(&document.title),
        entry.id.as_bytes(),
        or_empty(&entry.headline),
        or_empty(&entry.author),
        or_empty(&entry.time),
        or_empty(&entry.published),
        body.as_bytes(),
        start.format(entry.span[0]),
        end.format(entry.span[1]),
    ])?;
    Ok(())
}

/// A missing value is an empty field.
fn or_empty<'a>(value: &'a Option<std::borrow::Cow<'_, str>>) -> &'a [u8] {
    value.as_deref().map_or(&[], str::as_bytes)
}

/// A stack buffer for formatting a `usize` in decimal without allocating.
#[derive(Default)]
struct Decimal([u8; 20]);

impl Decimal {
    fn format(&mut self, mut n: usize) -> &[u8] {
        let mut i = self.0.len();
        loop {
            i -= 1;
            // `n % 10` is a single digit, so the cast cannot truncate.
            self.0[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                return &self.0[i..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal() {
        for n in [0, 7, 10, 1234, usize::MAX] {
            assert_eq!(Decimal::default().format(n), n.to_string().as_bytes());
        }
    }
}
