//! JSON Lines and JSON array output.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::PrettyFormatter;

use crate::{Document, ExportError};

/// Encodes `document` as one compact JSON line, newline included.
pub(super) fn encode_line<W: Write>(
    out: &mut W,
    document: &Document<'_>,
) -> Result<(), ExportError> {
    serde_json::to_writer(&mut *out, document)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// What opens an element of the pretty-printed top-level array: the
/// array itself before the first one, a comma before the others.
pub(super) fn element_prefix(first: bool) -> &'static [u8] {
    if first {
        b"[\n  "
    } else {
        b",\n  "
    }
}

/// Encodes `document` as an element of the pretty-printed top-level array,
/// without the [`element_prefix`] that goes before it.
///
/// Prefix, elements and [`write_end`] together are byte for byte what
/// `serde_json::to_writer_pretty` makes of the whole array (plus a final
/// newline), without holding the array.
pub(super) fn encode_element<W: Write>(
    out: &mut W,
    document: &Document<'_>,
) -> Result<(), ExportError> {
    let mut serializer =
        serde_json::Serializer::with_formatter(Indented(&mut *out), PrettyFormatter::new());
    document.serialize(&mut serializer)?;
    Ok(())
}

/// Closes the array: `]`, or `[]` when it was never opened.
pub(super) fn write_end<W: Write>(out: &mut W, documents: usize) -> Result<(), ExportError> {
    out.write_all(if documents == 0 { b"[]\n" } else { b"\n]\n" })?;
    Ok(())
}

/// Indents everything written through it by one level (two spaces) by
/// adding the indent after each newline.
///
/// Sound for serde_json output because JSON strings never contain a raw
/// newline (it is escaped as `\n`): every newline is layout.
struct Indented<'a, W>(&'a mut W);

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while let Some(newline) = buf.iter().position(|&b| b == b'\n') {
            let (line, rest) = buf.split_at(newline + 1);
            self.0.write_all(line)?;
            self.0.write_all(b"  ")?;
            buf = rest;
        }
        self.0.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
