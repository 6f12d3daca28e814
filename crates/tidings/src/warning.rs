use std::fmt;

/// Lines longer than this are reported: a paragraph of a megabyte is
/// almost always a page whose line breaks were lost.
pub const LONG_LINE_BYTES: usize = 1 << 20;

/// Something worth telling the user about an input that was still
/// extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A problem the dump decoder recovered from (invalid UTF-8, …).
    Dump(tidings_dump::Warning),
    /// The input has no text at all.
    Empty,
    /// HTML tags or character references were taken out of some lines.
    Markup {
        /// How many source lines had markup.
        lines: usize,
        /// The first of them, 1-based.
        first_line: usize,
        /// Its byte offset.
        first_offset: usize,
    },
    /// A source line is very long, see [`LONG_LINE_BYTES`].
    LongLine {
        /// 1-based line number.
        line: usize,
        /// Its length in bytes.
        bytes: usize,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Dump(tidings_dump::Warning::InvalidUtf8 { offset, len, line }) => write!(
                f,
                "line {line}, byte {offset}: {len} byte(s) of invalid UTF-8 replaced by U+FFFD"
            ),
            Warning::Empty => write!(f, "the file is empty: no text to extract"),
            Warning::Markup {
                lines,
                first_line,
                first_offset,
            } => write!(
                f,
                "line {first_line}, byte {first_offset}: HTML markup removed from {lines} line(s); tags are never kept as text"
            ),
            Warning::LongLine { line, bytes } => write!(
                f,
                "line {line} is {bytes} bytes long; were its line breaks lost?"
            ),
        }
    }
}
