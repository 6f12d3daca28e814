//! Splitting text into raw lines on `\n`, `\r\n` and lone `\r`.

use memchr::{memchr2, memchr2_iter};

/// One raw line: `start..end` excludes the terminator, `next` is where the
/// following line starts (`end` plus the terminator's length: 0, 1 or 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawLine {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

/// Iterator over the raw lines of `bytes[pos..]`, with absolute offsets.
///
/// An empty remainder has no lines; a final terminator does not open an
/// extra empty line (`"a\n"` is one line, `"a\n\n"` two).
#[derive(Debug, Clone)]
pub(crate) struct RawLines<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> RawLines<'a> {
    pub(crate) fn new(bytes: &'a [u8], pos: usize) -> Self {
        RawLines { bytes, pos }
    }
}

impl Iterator for RawLines<'_> {
    type Item = RawLine;

    fn next(&mut self) -> Option<RawLine> {
        let rest = self.bytes.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let start = self.pos;
        let line = match memchr2(b'\n', b'\r', rest) {
            Some(rel) => {
                let end = start + rel;
                let crlf =
                    self.bytes.get(end) == Some(&b'\r') && self.bytes.get(end + 1) == Some(&b'\n');
                let next = end + if crlf { 2 } else { 1 };
                RawLine { start, end, next }
            }
            None => RawLine {
                start,
                end: self.bytes.len(),
                next: self.bytes.len(),
            },
        };
        self.pos = line.next;
        Some(line)
    }
}

/// Number of line breaks in `bytes`: each `\n`, `\r\n` or lone `\r` counts
/// once. A `\r` at the very end of `bytes` counts as a lone `\r`.
pub(crate) fn count_breaks(bytes: &[u8]) -> usize {
    memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        RawLines::new(s.as_bytes(), 0)
            .map(|l| &s[l.start..l.end])
            .collect()
    }

    #[test]
    fn splits_on_all_line_ends() {
        assert_eq!(split("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(split("a\n\nb"), ["a", "", "b"]);
        assert_eq!(split("a\r\rb"), ["a", "", "b"]);
        assert_eq!(split("a\n\r\nb"), ["a", "", "b"]);
        // "\n\r" is two breaks: \n then a lone \r.
        assert_eq!(split("a\n\rb"), ["a", "", "b"]);
    }

    #[test]
    fn final_newline_is_optional() {
        assert_eq!(split("a\nb"), ["a", "b"]);
        assert_eq!(split("a\nb\n"), ["a", "b"]);
        assert_eq!(split("a\nb\r\n"), ["a", "b"]);
        assert_eq!(split("a\nb\r"), ["a", "b"]);
        assert_eq!(split("a\nb\n\n"), ["a", "b", ""]);
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(split("").is_empty());
        assert_eq!(split("\n"), [""]);
        assert_eq!(split("\r\n"), [""]);
        assert_eq!(split("  "), ["  "]);
        assert_eq!(split("\n\n"), ["", ""]);
    }

    #[test]
    fn offsets_and_next() {
        let lines: Vec<RawLine> = RawLines::new(b"ab\r\ncd\ref", 0).collect();
        assert_eq!(
            lines,
            [
                RawLine {
                    start: 0,
                    end: 2,
                    next: 4
                },
                RawLine {
                    start: 4,
                    end: 6,
                    next: 7
                },
                RawLine {
                    start: 7,
                    end: 9,
                    next: 9
                },
            ]
        );
        let from_middle: Vec<RawLine> = RawLines::new(b"ab\ncd", 1).collect();
        assert_eq!(from_middle[0].start, 1);
        assert_eq!(from_middle.len(), 2);
        assert_eq!(RawLines::new(b"ab", 7).count(), 0);
    }

    #[test]
    fn counts_breaks_like_the_splitter() {
        for s in [
            "",
            "a",
            "a\n",
            "a\r\nb",
            "a\rb\r",
            "\r\n\r\n",
            "\n\r",
            "a\n\nb\r\r\n",
        ] {
            let n = split(s).len();
            let breaks = count_breaks(s.as_bytes());
            let ends_with_break = s.ends_with('\n') || s.ends_with('\r');
            let expected = if s.is_empty() || ends_with_break {
                n
            } else {
                n - 1
            };
            assert_eq!(breaks, expected, "{s:?}");
        }
    }
}
