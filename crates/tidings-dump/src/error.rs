//! Errors and warnings.

/// Something odd in the input that did not stop decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// `len` bytes at `offset` were not UTF-8 and were replaced by U+FFFD.
    ///
    /// `offset` is a byte offset into the *original* bytes and `line` is the
    /// 1-based line they sit on (lines end at `\n`, `\r\n` or a lone `\r`).
    InvalidUtf8 {
        /// Byte offset of the invalid sequence in the original bytes.
        offset: usize,
        /// Length in bytes of the invalid sequence (1 to 3).
        len: usize,
        /// 1-based line of the invalid sequence.
        line: usize,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::InvalidUtf8 { offset, len, line } => write!(
                f,
                "line {line}, byte {offset}: {len} byte(s) of invalid UTF-8 replaced by U+FFFD"
            ),
        }
    }
}

/// Why a dump could not be decoded or parsed.
///
/// Every message names the 1-based line and the byte offset of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DumpError {
    /// The bytes are not text: they contain a NUL byte, or too many control
    /// characters (see [`decode`](crate::decode)).
    #[error("line {line}, byte {offset}: not a dump: {reason}")]
    Binary {
        /// 1-based line of the first offending byte.
        line: usize,
        /// Byte offset of the first offending byte.
        offset: usize,
        /// What was found.
        reason: String,
    },
    /// Line 1 has the shape of a header (`date YYYY-MM-DD`) but the date does
    /// not exist (e.g. `2024-13-40`, `2023-02-29`).
    #[error("line {line}, byte {offset}: impossible date in header: {found:?}")]
    InvalidDate {
        /// Always 1: the header sits on line 1.
        line: usize,
        /// Byte offset of the first digit of the date in the decoded text.
        offset: usize,
        /// The `YYYY-MM-DD` text that was found.
        found: String,
    },
    /// The file is an HTML document, not a text dump.
    #[error("line {line}, byte {offset}: this is an HTML document, not a text dump: extract its text first")]
    Html {
        /// 1-based line of the opening tag.
        line: usize,
        /// Byte offset of the opening tag.
        offset: usize,
    },
    /// The bytes start with a UTF-16 byte-order mark. Dumps are UTF-8 only.
    #[error(
        "line {line}, byte {offset}: {encoding} byte-order mark: UTF-16 is not supported, \
         re-encode the dump as UTF-8"
    )]
    Utf16 {
        /// Always 1.
        line: usize,
        /// Always 0: the byte-order mark is the first thing in the file.
        offset: usize,
        /// `"UTF-16LE"` (`FF FE`) or `"UTF-16BE"` (`FE FF`).
        encoding: &'static str,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_line_and_offset() {
        let e = DumpError::InvalidDate {
            line: 1,
            offset: 6,
            found: "2024-13-40".into(),
        };
        assert_eq!(
            e.to_string(),
            "line 1, byte 6: impossible date in header: \"2024-13-40\""
        );
        let e = DumpError::Utf16 {
            line: 1,
            offset: 0,
            encoding: "UTF-16LE",
        };
        assert!(e.to_string().starts_with("line 1, byte 0: UTF-16LE"));
        let w = Warning::InvalidUtf8 {
            offset: 3,
            len: 1,
            line: 2,
        };
        assert_eq!(
            w.to_string(),
            "line 2, byte 3: 1 byte(s) of invalid UTF-8 replaced by U+FFFD"
        );
    }
}
