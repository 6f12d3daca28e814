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

/// Encodes the rows of `document`, one per entry (none for a document
/// without entries), without the header.
///
/// `body` is scratch space for the joined body of each row.
pub(super) fn encode_rows<W: Write>(
    out: &mut W,
    body: &mut String,
    document: &Document<'_>,
) -> Result<(), ExportError> {
    let mut encoder = encoder(out);
    for entry in &document.entries {
        encode_row(&mut encoder, body, document, entry)?;
    }
    encoder.flush()?;
    Ok(())
}

/// The header row, encoded.
pub(super) fn header() -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    let mut encoder = encoder(&mut out);
    encoder.write_record(HEADER)?;
    encoder.flush()?;
    drop(encoder);
    Ok(out)
}

fn encoder<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// Encodes the row of `entry`, joining its body in `body`.
fn encode_row<W: Write>(
    encoder: &mut csv::Writer<W>,
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
