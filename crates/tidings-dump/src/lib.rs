//! The live-blog dump format of Tidings: decoding, the header grammar, lines
//! with byte spans, ungluing and Unicode normalisation.
//!
//! A *dump* is one scraped news live-blog page per UTF-8 text file, one
//! paragraph per line. This crate turns its bytes into a [`Dump`]: an
//! optional byte-order mark, an optional header giving the page's date, and
//! every line (blank ones included) with its normalised text, its 1-based
//! source line number and its byte [`Span`] in the decoded text. Later
//! stages (boilerplate removal, segmentation into entries) work on these
//! lines.
//!
//! # The format in brief
//!
//! * Line 1 may start with a header ` date YYYY-MM-DD ` (optional spaces or
//!   tabs, the word `date`, the date, then spaces or the line end). The rest
//!   of line 1 is its first content line. A header-shaped prefix with a date
//!   that does not exist is an error ([`DumpError::InvalidDate`]).
//! * Lines end at `\n`, `\r\n` or a lone `\r`; the final line end is optional.
//! * The scraper sometimes glues two paragraphs together with no line break
//!   (`…all the difference.Ukraine is repelling…`). [`parse`] splits such
//!   lines at *glue points* (see [`glue_points`] for the exact rule) into
//!   several [`Line`]s sharing one line number.
//! * Each line's text is [`normalize`]d: invisible characters removed,
//!   whitespace runs collapsed and trimmed, NFC. It borrows from the source
//!   whenever nothing had to change.
//! * Spans tile the text: the BOM span, the header span, every line span and
//!   the line-break bytes between them cover the text exactly, in order.
//!
//! The full description, with every quirk of the real samples, is in
//! `docs/format.md` at the root of the repository.
//!
//! # Example
//!
//! ```rust
//! use tidings_dump::{decode, parse, Date, Span};
//!
//! let bytes = b" date 2024-11-05 Ukraine-Russia latest\n\
//!               \n\
//!               Your support makes all the difference.Ukraine is repelling attacks.\r\n";
//! let decoded = decode(bytes)?;
//! let dump = parse(&decoded.text)?;
//!
//! let header = dump.header.expect("line 1 has a header");
//! assert_eq!(header.date, Date::new(2024, 11, 5).unwrap());
//! assert_eq!(header.date.to_string(), "2024-11-05");
//! assert_eq!(header.span, Span { start: 0, end: 17 });
//!
//! let lines: Vec<(usize, &str)> = dump
//!     .lines
//!     .iter()
//!     .map(|line| (line.number, line.text.as_ref()))
//!     .collect();
//! assert_eq!(
//!     lines,
//!     [
//!         (1, "Ukraine-Russia latest"),
//!         (2, ""),
//!         (3, "Your support makes all the difference."),
//!         (3, "Ukraine is repelling attacks."),
//!     ]
//! );
//! // Line 1's content starts where the header ends.
//! assert_eq!(dump.lines[0].span.start, header.span.end);
//! // The two unglued pieces are adjacent.
//! assert_eq!(dump.lines[2].span.end, dump.lines[3].span.start);
//! # Ok::<(), tidings_dump::DumpError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::borrow::Cow;
use std::ops::Range;

mod date;
mod decode;
mod error;
mod header;
mod lines;
mod markup;
mod name;
mod normalize;
mod scan;
mod tiling;
mod unglue;

pub use date::{Date, ParseDateError};
pub use decode::{decode, Decoded, CONTROL_SAMPLE, CONTROL_SAMPLE_FLOOR};
pub use error::{DumpError, Warning};
pub use name::DocumentName;
pub use normalize::{is_collapsed_space, is_removed_char, normalize};
pub use unglue::{glue_points, GluePoints, ABBREVIATIONS};

/// Compiles and runs the example in README.md.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// A byte range `start..end` into the decoded text of a dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes (0 when `end <= start`).
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The span as a `Range`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The text the span covers in `text`, or `None` when it is out of
    /// bounds or not on char boundaries.
    pub fn of<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.range())
    }
}

impl From<Span> for Range<usize> {
    fn from(span: Span) -> Range<usize> {
        span.range()
    }
}

/// The optional ` date YYYY-MM-DD ` header at the start of line 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The date it gives.
    pub date: Date,
    /// The bytes of the header itself, including the spaces around it.
    pub span: Span,
}

/// One paragraph of the dump, after ungluing and normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// NFC, whitespace collapsed and trimmed, invisible characters removed.
    /// Borrowed from the source whenever it needed no change.
    pub text: Cow<'a, str>,
    /// Where the raw line (or the unglued piece of it) sits in the source.
    pub span: Span,
    /// 1-based number of the source line it came from.
    pub number: usize,
}

impl Line<'_> {
    /// Whether the normalised text is empty (a blank or whitespace-only line).
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// The normalised text, so that lines go straight to the stages that read
/// text (`RuleSet::classify`, `segment`) without a list of their texts.
impl AsRef<str> for Line<'_> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// A parsed dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dump<'a> {
    /// The decoded text the spans point into.
    pub source: &'a str,
    /// A leading U+FEFF, when present.
    pub bom: Option<Span>,
    /// The header, when line 1 has one.
    pub header: Option<Header>,
    /// Every line, blank ones included (with empty text), in source order.
    pub lines: Vec<Line<'a>>,
    /// Source lines from which HTML tags or character references were
    /// removed (see the `markup` rules in docs/format.md), for the caller
    /// to report: a dump should not carry markup.
    pub markup: Vec<Span>,
}

impl<'a> Dump<'a> {
    /// The header's date, if any.
    pub fn date(&self) -> Option<Date> {
        self.header.map(|h| h.date)
    }

    /// The lines that are not blank.
    pub fn content_lines(&self) -> impl Iterator<Item = &Line<'a>> {
        self.lines.iter().filter(|line| !line.is_blank())
    }
}

/// Knobs for [`parse_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Split lines at glue points (see [`glue_points`]). On by default.
    pub unglue: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { unglue: true }
    }
}

/// Parses decoded text with the default [`ParseOptions`] (ungluing on).
///
/// See [`parse_with`].
pub fn parse(text: &str) -> Result<Dump<'_>, DumpError> {
    parse_with(text, ParseOptions::default())
}

/// Parses decoded text into a [`Dump`].
///
/// A leading U+FEFF becomes [`Dump::bom`]; the header, if line 1 has one,
/// [`Dump::header`]; then every line, split on `\n`, `\r\n` and lone `\r`,
/// becomes one [`Line`] (or several, when `options.unglue` and the line has
/// glue points), blank lines included. Line 1's span starts where the header
/// ends. Empty text (or a lone BOM) has no lines.
///
/// The only error is [`DumpError::InvalidDate`]: a header-shaped line 1 whose
/// date does not exist.
///
/// ```
/// use tidings_dump::{parse_with, ParseOptions};
///
/// let text = "One.Two\r\nThree";
/// let glued = parse_with(text, ParseOptions { unglue: false })?;
/// assert_eq!(glued.lines.len(), 2);
/// assert_eq!(glued.lines[0].text, "One.Two");
/// # Ok::<(), tidings_dump::DumpError>(())
/// ```
pub fn parse_with(text: &str, options: ParseOptions) -> Result<Dump<'_>, DumpError> {
    let bom = text
        .starts_with('\u{feff}')
        .then(|| Span::new(0, '\u{feff}'.len_utf8()));
    let start = bom.map_or(0, |b| b.end);
    let header = header::parse_header(text, start)?;
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(line_capacity(bytes));
    let mut markup_lines = Vec::new();
    let mut markup_bytes = markup::markup_bytes(bytes);
    let mut glue_candidates = unglue::glue_candidates(bytes);
    for (index, raw) in lines::RawLines::new(bytes, start).enumerate() {
        let number = index + 1;
        let line_start = match header {
            Some(h) if number == 1 => h.span.end,
            _ => raw.start,
        };
        let Some(raw_text) = text.get(line_start..raw.end) else {
            // Unreachable: line starts and ends are char boundaries.
            continue;
        };
        let has_markup = markup_bytes.any_in(line_start, raw.end) && markup::has_markup(raw_text);
        if has_markup {
            markup_lines.push(Span::new(line_start, raw.end));
        }
        // One scan of the line serves the normalisation of all its
        // pieces, which most lines need nothing of.
        let flags = scan::or_pairs(raw_text.as_bytes(), normalize::plain_flags);
        let mut push = |from: usize, to: usize| {
            if let Some(piece) = raw_text.get(from..to) {
                let text = if has_markup {
                    Cow::Owned(normalize(&markup::strip(piece)).into_owned())
                } else {
                    normalize::normalize_in_line(piece, flags)
                };
                lines.push(Line {
                    text,
                    span: Span::new(line_start + from, line_start + to),
                    number,
                });
            }
        };
        let mut points: Vec<usize> = Vec::new();
        if options.unglue && glue_candidates.any_in(line_start, raw.end) {
            points.extend(unglue::glue_points_of_candidate(raw_text));
        }
        if has_markup {
            points.extend(markup::block_breaks(raw_text));
            points.sort_unstable();
            points.dedup();
        }
        let mut from = 0;
        for point in points {
            push(from, point);
            from = point;
        }
        push(from, raw_text.len());
    }
    Ok(Dump {
        source: text,
        bom,
        header,
        lines,
        markup: markup_lines,
    })
}

/// How many [`Line`]s to make room for: one per `\n`, plus a little for
/// unglued pieces and lone `\r` line ends.
///
/// The `Vec` of lines is the largest thing `parse` allocates (48 bytes a
/// line). Reserving one per `\n` alone is short by the few unglued pieces,
/// and growing then doubles the capacity: a 40 MB dump of typical pages
/// ended up holding room for twice its lines.
fn line_capacity(bytes: &[u8]) -> usize {
    let newlines = memchr::memchr_iter(b'\n', bytes).count();
    newlines + newlines / 16 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that BOM, header, line spans and line breaks tile `dump.source`.
    pub(crate) fn assert_tiles(dump: &Dump<'_>) {
        if let Err(problem) = dump.check_tiling() {
            panic!("{problem}");
        }
    }

    fn texts<'a>(dump: &'a Dump<'_>) -> Vec<(usize, &'a str)> {
        dump.lines
            .iter()
            .map(|l| (l.number, l.text.as_ref()))
            .collect()
    }

    #[test]
    fn empty_input() {
        let dump = parse("").unwrap();
        assert!(dump.lines.is_empty());
        assert_eq!(dump.bom, None);
        assert_eq!(dump.header, None);
        assert_tiles(&dump);
        let dump = parse("\u{feff}").unwrap();
        assert!(dump.lines.is_empty());
        assert_eq!(dump.bom, Some(Span::new(0, 3)));
        assert_tiles(&dump);
    }

    #[test]
    fn header_and_first_line() {
        let text = " date 2024-11-05 Ukraine-Russia latest: North Korea\nUS says";
        let dump = parse(text).unwrap();
        assert_eq!(dump.date(), Date::new(2024, 11, 5));
        assert_eq!(dump.header.unwrap().span, Span::new(0, 17));
        assert_eq!(
            texts(&dump),
            [(1, "Ukraine-Russia latest: North Korea"), (2, "US says")]
        );
        assert_eq!(dump.lines[0].span, Span::new(17, 51));
        assert_tiles(&dump);
    }

    #[test]
    fn no_header() {
        let dump = parse("date night is when we talk\nmore").unwrap();
        assert_eq!(dump.header, None);
        assert_eq!(dump.lines[0].text, "date night is when we talk");
        assert_eq!(dump.lines[0].span, Span::new(0, 26));
        assert_tiles(&dump);
    }

    #[test]
    fn header_alone_gives_an_empty_line_one() {
        for text in [" date 2024-10-22 ", "date 2024-10-22", "date 2024-10-22\n"] {
            let dump = parse(text).unwrap();
            assert!(dump.header.is_some());
            assert_eq!(texts(&dump), [(1, "")], "{text:?}");
            assert_tiles(&dump);
        }
        let dump = parse("date 2024-10-22\r\nsecond").unwrap();
        assert_eq!(texts(&dump), [(1, ""), (2, "second")]);
        assert_tiles(&dump);
    }

    #[test]
    fn bom_and_header() {
        let text = "\u{feff}\t date 2024-10-22  Your support helps us\r\nNext";
        let dump = parse(text).unwrap();
        assert_eq!(dump.bom, Some(Span::new(0, 3)));
        assert_eq!(dump.header.unwrap().span, Span::new(3, 22));
        assert_eq!(texts(&dump), [(1, "Your support helps us"), (2, "Next")]);
        assert_tiles(&dump);
        // A BOM without a header: line 1 starts after the BOM.
        let dump = parse("\u{feff}Hello").unwrap();
        assert_eq!(dump.lines[0].span, Span::new(3, 8));
        assert_eq!(dump.lines[0].text, "Hello");
        assert_tiles(&dump);
    }

    #[test]
    fn invalid_header_date_is_an_error() {
        assert_eq!(
            parse("\u{feff} date 2024-02-30 x"),
            Err(DumpError::InvalidDate {
                line: 1,
                offset: 9,
                found: "2024-02-30".into()
            })
        );
    }

    #[test]
    fn blank_lines_are_kept() {
        let dump = parse("a\n\n  \t\nb\u{a0}\n").unwrap();
        assert_eq!(texts(&dump), [(1, "a"), (2, ""), (3, ""), (4, "b")]);
        assert!(dump.lines[2].is_blank());
        assert_eq!(dump.content_lines().count(), 2);
        assert_tiles(&dump);
    }

    #[test]
    fn line_ends() {
        let dump = parse("a\nb\r\nc\rd").unwrap();
        assert_eq!(texts(&dump), [(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        assert_eq!(dump.lines[3].span, Span::new(7, 8));
        assert_tiles(&dump);
    }

    #[test]
    fn spans_include_the_raw_spaces() {
        let text = "  padded line  \nnext";
        let dump = parse(text).unwrap();
        assert_eq!(dump.lines[0].span, Span::new(0, 15));
        assert_eq!(dump.lines[0].text, "padded line");
        assert!(matches!(dump.lines[0].text, Cow::Borrowed(_)));
        assert_tiles(&dump);
    }

    #[test]
    fn unglued_pieces_share_a_number_and_tile_the_line() {
        let text = "Intro\n  the difference.Ukraine is repelling.“Next” one  \nEnd";
        let dump = parse(text).unwrap();
        assert_eq!(
            texts(&dump),
            [
                (1, "Intro"),
                (2, "the difference."),
                (2, "Ukraine is repelling."),
                (2, "“Next” one"),
                (3, "End"),
            ]
        );
        assert_eq!(dump.lines[1].span.start, 6);
        assert_eq!(dump.lines[3].span.end, text.find("\nEnd").unwrap());
        assert_tiles(&dump);
        let dump = parse_with(text, ParseOptions { unglue: false }).unwrap();
        assert_eq!(dump.lines.len(), 3);
        assert_tiles(&dump);
    }

    /// A block tag splits its line whether or not glued text is split:
    /// ungluing adds cuts to a line, and keeps every cut made without it.
    #[test]
    fn markup_breaks_split_a_line_with_or_without_ungluing() {
        let text = "Rain all day.<p>Floods in the south.Roads are closed.\nEnd";
        let glued = parse_with(text, ParseOptions { unglue: false }).unwrap();
        assert_eq!(
            texts(&glued),
            [
                (1, "Rain all day."),
                (1, "Floods in the south.Roads are closed."),
                (2, "End"),
            ]
        );
        let unglued = parse(text).unwrap();
        assert_eq!(
            texts(&unglued),
            [
                (1, "Rain all day."),
                (1, "Floods in the south."),
                (1, "Roads are closed."),
                (2, "End"),
            ]
        );
        assert_eq!(glued.lines[1].span.start, unglued.lines[1].span.start);
        assert_eq!(glued.lines[1].span.end, unglued.lines[2].span.end);
        assert_tiles(&glued);
        assert_tiles(&unglued);
    }

    #[test]
    fn header_line_is_unglued_too() {
        let dump = parse(" date 2024-11-05 Title.Lede").unwrap();
        assert_eq!(texts(&dump), [(1, "Title."), (1, "Lede")]);
        assert_eq!(dump.lines[0].span.start, 17);
        assert_tiles(&dump);
    }

    #[test]
    fn text_is_normalised_and_borrowed_when_clean() {
        let text = "Kyiv’s  mayor\u{200b}\nClean line";
        let dump = parse(text).unwrap();
        assert_eq!(dump.lines[0].text, "Kyiv’s mayor");
        assert!(matches!(dump.lines[0].text, Cow::Owned(_)));
        assert!(matches!(dump.lines[1].text, Cow::Borrowed(_)));
    }

    #[test]
    fn odd_inputs_tile() {
        for text in [
            "",
            "\n",
            "\r",
            "\r\n",
            "\n\n\n",
            "\r\r\n\n\r",
            "\u{feff}",
            "\u{feff}\n",
            "\u{feff}\u{feff}x",
            "date 2024-11-05",
            " date 2024-11-05 \r\n\r\n",
            "\u{feff}date 2024-11-05\tA.B\rC.D\r\n",
            "x.Y.Z!W?“Q”.R",
            "é.É\u{301}\n😀.Ä\r",
            "no final newline",
            "   \n\t\n",
            "a\u{85}b\u{2028}c\n",
        ] {
            let dump = parse(text).unwrap();
            assert_tiles(&dump);
            let dump = parse_with(text, ParseOptions { unglue: false }).unwrap();
            assert_tiles(&dump);
        }
    }

    /// What `parse` must give line by line, from the public pieces: the
    /// raw line split at its glue points, each piece normalised.
    fn assert_lines_as_pieces(text: &str) {
        let Ok(dump) = parse(text) else {
            return;
        };
        assert_tiles(&dump);
        let mut index = 0;
        while let Some(first) = dump.lines.get(index) {
            let same: Vec<&Line<'_>> = dump.lines[index..]
                .iter()
                .take_while(|l| l.number == first.number)
                .collect();
            index += same.len();
            let last = same[same.len() - 1];
            if dump.markup.iter().any(|m| m.start == first.span.start) {
                continue;
            }
            let raw = &text[first.span.start..last.span.end];
            let mut expected_ends: Vec<usize> = glue_points(raw).collect();
            expected_ends.push(raw.len());
            let ends: Vec<usize> = same.iter().map(|l| l.span.end - first.span.start).collect();
            assert_eq!(ends, expected_ends, "{raw:?}");
            for line in same {
                let piece = &text[line.span.range()];
                normalize::assert_same_normalisation(&line.text, &normalize(piece), piece);
            }
        }
    }

    #[test]
    fn lines_are_the_normalised_pieces() {
        for text in [
            "Plain line.\nTwo  spaces\n  Indented.Glued\r\nTab\there\rKyiv’s\u{a0}x\n",
            " date 2024-11-05 Title.Lede\n<p>One.</p><p>Two.</p>\nFish &amp; chips.Next",
            "a\u{301}.B\n\u{200b}\n\n.\n!X\n",
        ] {
            assert_lines_as_pieces(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_are_the_normalised_pieces_of_random_text(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', 'b', 'A', 'Z', ' ', ' ', '\t', '\n', '\r', '.', '!', '?', '"', '\'',
                    ')', '“', '’', 'é', '\u{301}', '\u{a0}', '\u{200b}', '\u{1}', '<', '>',
                    'p', '/', '&', ';',
                ]),
                0..80,
            ),
        ) {
            assert_lines_as_pieces(&chars.into_iter().collect::<String>());
        }
    }

    #[test]
    fn span_helpers() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
        assert!(Span::new(5, 5).is_empty());
        assert_eq!(Span::new(5, 2).len(), 0);
        assert_eq!(s.of("abcdefg"), Some("cde"));
        assert_eq!(Span::new(0, 1).of("é"), None);
        assert_eq!(Span::new(0, 9).of("é"), None);
        assert_eq!(Range::from(s), 2..5);
    }
}
