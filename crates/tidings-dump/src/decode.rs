//! Turning the bytes of a dump file into text.

use std::borrow::Cow;

use memchr::memchr;

use crate::lines::count_breaks;
use crate::{DumpError, Warning};

/// How many leading bytes are sampled for the control-character share.
pub const CONTROL_SAMPLE: usize = 8 * 1024;

/// The sample is never counted as shorter than this, so that a short file
/// needs more than `CONTROL_SAMPLE_FLOOR / 100` control bytes to be rejected.
pub const CONTROL_SAMPLE_FLOOR: usize = 1024;

/// Decoded bytes of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text: borrowed from the input when it was valid UTF-8.
    pub text: Cow<'a, str>,
    /// One [`Warning::InvalidUtf8`] per invalid sequence, in input order.
    pub warnings: Vec<Warning>,
}

/// A control byte that makes text look binary: C0 controls other than tab,
/// line feed, carriage return and form feed, and DEL.
fn is_suspicious_control(b: u8) -> bool {
    // Without branches, so that counting them compiles to vector code.
    let c0 = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c);
    c0 | (b == 0x7f)
}

/// 1-based line of byte `offset` (lines end at `\n`, `\r\n` or a lone `\r`).
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + count_breaks(bytes.get(..offset).unwrap_or(bytes))
}

/// Checks that `bytes` look like text; see [`decode`].
fn check_text(bytes: &[u8]) -> Result<(), DumpError> {
    if let Some(offset) = memchr(0, bytes) {
        return Err(DumpError::Binary {
            line: line_of(bytes, offset),
            offset,
            reason: "NUL byte".to_owned(),
        });
    }
    let sample = bytes.get(..CONTROL_SAMPLE).unwrap_or(bytes);
    // Text usually has no such byte at all: a branch-free OR over the
    // sample (vector code) says so before anything is counted.
    let any = sample
        .iter()
        .fold(false, |seen, &b| seen | is_suspicious_control(b));
    if !any {
        return Ok(());
    }
    let count = sample.iter().filter(|&&b| is_suspicious_control(b)).count();
    let Some((first, &byte)) = sample
        .iter()
        .enumerate()
        .find(|&(_, &b)| is_suspicious_control(b))
    else {
        return Ok(());
    };
    let base = sample.len().max(CONTROL_SAMPLE_FLOOR);
    if count * 100 > base {
        return Err(DumpError::Binary {
            line: line_of(bytes, first),
            offset: first,
            reason: format!(
                "{count} control bytes in the first {} bytes (more than 1%), \
                 the first is 0x{byte:02x}",
                sample.len()
            ),
        });
    }
    Ok(())
}

/// Decodes the bytes of a dump file.
///
/// * A UTF-16 byte-order mark (`FF FE` or `FE FF`) is refused with
///   [`DumpError::Utf16`].
/// * Bytes that are not text are refused with [`DumpError::Binary`]: any NUL
///   byte, or more than 1% of control bytes (C0 controls other than `\t`,
///   `\n`, `\r`, `\x0c`; and DEL) among the first [`CONTROL_SAMPLE`] bytes,
///   the sample counting as at least [`CONTROL_SAMPLE_FLOOR`] bytes. The error
///   names the first offending byte.
/// * Valid UTF-8 is borrowed as is (a UTF-8 BOM stays in the text:
///   [`parse`](crate::parse) handles it); empty input is an empty dump.
/// * Otherwise every invalid sequence becomes one U+FFFD (exactly as
///   [`String::from_utf8_lossy`] does) and gets a [`Warning::InvalidUtf8`]
///   with its offset in `bytes`, its length and its 1-based line.
///
/// ```
/// use tidings_dump::{decode, Warning};
///
/// let ok = decode(b"Kyiv\n").unwrap();
/// assert_eq!(ok.text, "Kyiv\n");
/// assert!(ok.warnings.is_empty());
///
/// let lossy = decode(b"Kyiv\nKharkiv \xff").unwrap();
/// assert_eq!(lossy.text, "Kyiv\nKharkiv \u{fffd}");
/// assert_eq!(lossy.warnings, [Warning::InvalidUtf8 { offset: 13, len: 1, line: 2 }]);
///
/// assert!(decode(b"PK\x03\x04\x00\x00").is_err());
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DumpError> {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some("UTF-16LE"),
        [0xFE, 0xFF, ..] => Some("UTF-16BE"),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        return Err(DumpError::Utf16 {
            line: 1,
            offset: 0,
            encoding,
        });
    }
    check_text(bytes)?;
    if let Some(offset) = crate::markup::document_start(bytes) {
        return Err(DumpError::Html {
            line: 1 + crate::lines::count_breaks(&bytes[..offset]),
            offset,
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            warnings: Vec::new(),
        });
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut warnings = Vec::new();
    let mut offset = 0;
    // Breaks counted in bytes[..counted].
    let mut counted = 0;
    let mut line = 1;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        offset += chunk.valid().len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            // Invalid sequences never contain ASCII, so no \r\n straddles
            // the points where counting stops and resumes.
            line += count_breaks(bytes.get(counted..offset).unwrap_or_default());
            counted = offset;
            text.push(char::REPLACEMENT_CHARACTER);
            warnings.push(Warning::InvalidUtf8 {
                offset,
                len: invalid.len(),
                line,
            });
            offset += invalid.len();
        }
    }
    Ok(Decoded {
        text: Cow::Owned(text),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_borrowed() {
        let bytes = "Ukraine’s “army”\r\n".as_bytes();
        let d = decode(bytes).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.text, "Ukraine’s “army”\r\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn empty_input_is_an_empty_dump() {
        let d = decode(b"").unwrap();
        assert_eq!(d.text, "");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_bom_stays() {
        let d = decode(b"\xEF\xBB\xBFtext").unwrap();
        assert_eq!(d.text, "\u{feff}text");
    }

    #[test]
    fn invalid_sequences_are_replaced_and_reported() {
        // \xff: invalid byte; \xe2\x80: truncated 3-byte sequence (one
        // replacement for both bytes); \xc3(: bad continuation.
        let bytes = b"ab\xff\ncd\r\ne\xe2\x80f\rg\xc3(";
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, String::from_utf8_lossy(bytes));
        assert_eq!(d.text, "ab\u{fffd}\ncd\r\ne\u{fffd}f\rg\u{fffd}(");
        assert_eq!(
            d.warnings,
            [
                Warning::InvalidUtf8 {
                    offset: 2,
                    len: 1,
                    line: 1
                },
                Warning::InvalidUtf8 {
                    offset: 9,
                    len: 2,
                    line: 3
                },
                Warning::InvalidUtf8 {
                    offset: 14,
                    len: 1,
                    line: 4
                },
            ]
        );
    }

    #[test]
    fn consecutive_invalid_bytes_get_one_warning_each() {
        let d = decode(b"\x80\x80x").unwrap();
        assert_eq!(d.text, "\u{fffd}\u{fffd}x");
        assert_eq!(d.warnings.len(), 2);
        assert_eq!(
            d.warnings[1],
            Warning::InvalidUtf8 {
                offset: 1,
                len: 1,
                line: 1
            }
        );
    }

    #[test]
    fn latin1_text_matches_from_utf8_lossy() {
        let bytes = b"Caf\xe9 au lait\nna\xefve \xe0 Kyiv\n";
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, String::from_utf8_lossy(bytes));
        let lines: Vec<usize> = d
            .warnings
            .iter()
            .map(|Warning::InvalidUtf8 { line, .. }| *line)
            .collect();
        assert_eq!(lines, [1, 2, 2]);
    }

    #[test]
    fn nul_bytes_are_binary() {
        let e = decode(b"line one\nline\x00 two").unwrap_err();
        assert_eq!(
            e,
            DumpError::Binary {
                line: 2,
                offset: 13,
                reason: "NUL byte".into()
            }
        );
        assert!(e.to_string().starts_with("line 2, byte 13: not a dump"));
        // Even far past the control sample.
        let mut big = vec![b'a'; 100_000];
        big[99_999] = 0;
        assert!(matches!(
            decode(&big),
            Err(DumpError::Binary { offset: 99_999, .. })
        ));
    }

    #[test]
    fn many_control_bytes_are_binary() {
        let mut bytes = b"header\n".to_vec();
        bytes.extend(std::iter::repeat_n(b"ab\x01\x02".as_slice(), 20).flatten());
        let e = decode(&bytes).unwrap_err();
        match e {
            DumpError::Binary { line, offset, .. } => {
                assert_eq!(line, 2);
                assert_eq!(offset, 9);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_few_control_bytes_are_tolerated() {
        // 10 stray controls in a short file: under 1% of the 1 KiB floor.
        let mut bytes = b"text\x1b".repeat(10);
        bytes.extend_from_slice(b"\ttab\x0cform feed\r\n");
        assert!(decode(&bytes).is_ok());
        // A full 8 KiB sample needs 82 control bytes (more than 81.92).
        let mut bytes = vec![b'a'; 9000];
        for i in 0..81 {
            bytes[i * 100] = 0x07;
        }
        assert!(decode(&bytes).is_ok());
        bytes[8100] = 0x07;
        bytes[8150] = 0x07;
        assert!(decode(&bytes).is_err());
        // Controls after the sample are not counted.
        let mut bytes = vec![b'a'; 9000];
        for b in &mut bytes[8192..] {
            *b = 0x01;
        }
        assert!(decode(&bytes).is_ok());
    }

    #[test]
    fn utf16_boms_are_refused() {
        assert_eq!(
            decode(b"\xff\xfed\x00a\x00"),
            Err(DumpError::Utf16 {
                line: 1,
                offset: 0,
                encoding: "UTF-16LE"
            })
        );
        assert_eq!(
            decode(b"\xfe\xff\x00d\x00a"),
            Err(DumpError::Utf16 {
                line: 1,
                offset: 0,
                encoding: "UTF-16BE"
            })
        );
        // A lone 0xFF is just invalid UTF-8.
        assert_eq!(decode(b"\xff").unwrap().warnings.len(), 1);
    }
}
