//! Markdown output: a readable page per document.
//!
//! Text is escaped minimally: only what would change the page's structure
//! (a line read as a heading, list item, quote, rule, code fence, table of
//! links or HTML) or break the emphasis around the standfirst and bylines.
//! Everything else is written as it is.

use std::io::{self, Write};

use crate::{Document, Entry};

/// Between two pages.
pub(super) const PAGE_BREAK: &[u8] = b"\n---\n\n";
/// Between the parts of a byline.
const BYLINE_SEPARATOR: &str = " · ";

/// Writes one document as a Markdown page; [`PAGE_BREAK`] goes between
/// pages.
pub(super) fn write_page<W: Write>(out: &mut W, document: &Document<'_>) -> io::Result<()> {
    let title = non_empty(document.title.as_deref())
        .or_else(|| non_empty(Some(&document.id)))
        .unwrap_or("(untitled document)");
    out.write_all(b"# ")?;
    write_heading_text(out, title)?;
    out.write_all(b"\n")?;

    if let Some(standfirst) = non_empty(document.standfirst.as_deref()) {
        out.write_all(b"\n")?;
        write_emphasised(out, standfirst)?;
        out.write_all(b"\n")?;
    }
    if let Some(date) = non_empty(document.date.as_deref()) {
        out.write_all(b"\nDate: ")?;
        write_inline(out, date, Context::Line)?;
        out.write_all(b"\n")?;
    }

    if has_text(&document.summary) {
        out.write_all(b"\n## Summary\n")?;
        write_paragraphs(out, &document.summary)?;
    }
    if has_text(&document.key_points) {
        out.write_all(b"\n## Key points\n\n")?;
        for point in paragraphs(&document.key_points) {
            out.write_all(b"- ")?;
            write_block(out, point, "  ")?;
        }
    }
    if !document.entries.is_empty() {
        out.write_all(b"\n## Entries\n")?;
        for entry in &document.entries {
            write_entry(out, entry)?;
        }
    }
    Ok(())
}

fn write_entry<W: Write>(out: &mut W, entry: &Entry<'_>) -> io::Result<()> {
    out.write_all(b"\n### ")?;
    match non_empty(entry.headline.as_deref()) {
        Some(headline) => write_heading_text(out, headline)?,
        None => out.write_all(b"(untitled entry)")?,
    }
    out.write_all(b"\n")?;

    let byline = [&entry.author, &entry.time, &entry.published]
        .into_iter()
        .filter_map(|part| non_empty(part.as_deref()));
    let mut wrote_byline = false;
    for (i, part) in byline.enumerate() {
        out.write_all(if i == 0 {
            b"\n*"
        } else {
            BYLINE_SEPARATOR.as_bytes()
        })?;
        write_inline(out, part, Context::Emphasis)?;
        wrote_byline = true;
    }
    if wrote_byline {
        out.write_all(b"*\n")?;
    }

    write_paragraphs(out, &entry.body)
}

/// Writes each non-blank paragraph as a block preceded by a blank line.
fn write_paragraphs<W: Write, S: AsRef<str>>(out: &mut W, texts: &[S]) -> io::Result<()> {
    for paragraph in paragraphs(texts) {
        out.write_all(b"\n")?;
        write_block(out, paragraph, "")?;
    }
    Ok(())
}

/// The non-blank texts, trimmed.
fn paragraphs<S: AsRef<str>>(texts: &[S]) -> impl Iterator<Item = &str> {
    texts
        .iter()
        .filter_map(|text| non_empty(Some(text.as_ref())))
}

fn has_text<S: AsRef<str>>(texts: &[S]) -> bool {
    paragraphs(texts).next().is_some()
}

/// `text` trimmed, unless it is missing or blank.
fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

/// Writes a paragraph (or list item) of one or more lines, each ending in a
/// newline. Lines after the first are prefixed with `indent`; blank lines are
/// dropped so the text stays one block; leading and trailing whitespace of
/// each line is dropped so it cannot turn into an indented code block or a
/// hard break.
fn write_block<W: Write>(out: &mut W, text: &str, indent: &str) -> io::Result<()> {
    let lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    for (i, line) in lines.enumerate() {
        if i > 0 {
            out.write_all(indent.as_bytes())?;
        }
        if let Some(at) = line_start_escape(line) {
            write_inline(out, &line[..at], Context::Line)?;
            out.write_all(b"\\")?;
            write_inline(out, &line[at..], Context::Line)?;
        } else {
            write_inline(out, line, Context::Line)?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes heading text: one line, and a trailing run of `#` after a space
/// escaped so it is not taken for the optional closing sequence.
fn write_heading_text<W: Write>(out: &mut W, text: &str) -> io::Result<()> {
    let body = text.trim_end_matches('#');
    let closing = body.is_empty() || body.ends_with([' ', '\t']);
    if closing && body.len() < text.len() {
        write_inline(out, body, Context::Line)?;
        out.write_all(b"\\")?;
        write_inline(out, &text[body.len()..], Context::Line)
    } else {
        write_inline(out, text, Context::Line)
    }
}

/// Writes `text` between `*` as one emphasised line.
fn write_emphasised<W: Write>(out: &mut W, text: &str) -> io::Result<()> {
    out.write_all(b"*")?;
    write_inline(out, text, Context::Emphasis)?;
    out.write_all(b"*")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Ordinary text.
    Line,
    /// Inside `*…*`: a `*` or a final backslash would end or break it.
    Emphasis,
}

/// Writes one line of inline text: line breaks become spaces; a `<` that
/// could open raw HTML or an autolink is escaped, as is a backslash that
/// would otherwise escape the character after it; inside emphasis, `*` is
/// escaped too.
fn write_inline<W: Write>(out: &mut W, text: &str, context: Context) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut done = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let replacement: &[u8] = match b {
            b'\r' if next == Some(b'\n') => b"",
            b'\r' | b'\n' => b" ",
            b'<' if next.is_some_and(|n| n.is_ascii_alphabetic() || b"/!?".contains(&n)) => b"\\<",
            b'\\' if next.map_or(context == Context::Emphasis, |n| n.is_ascii_punctuation()) => {
                b"\\\\"
            }
            b'*' if context == Context::Emphasis => b"\\*",
            _ => continue,
        };
        out.write_all(&bytes[done..i])?;
        out.write_all(replacement)?;
        done = i + 1;
    }
    out.write_all(&bytes[done..])
}

/// Where to insert a backslash so that `line` (trimmed, non-empty), placed at
/// the start of a line, is read as paragraph text rather than as block
/// structure.
fn line_start_escape(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    let after = |n: usize| bytes.get(n).copied();
    let blank_or_end = |b: Option<u8>| matches!(b, None | Some(b' ' | b'\t'));
    let only = |c: u8, min: usize, spaces: bool| {
        let count = bytes.iter().filter(|&&b| b == c).count();
        count >= min
            && bytes
                .iter()
                .all(|&b| b == c || (spaces && matches!(b, b' ' | b'\t')))
    };

    let escape_first = match first {
        // ATX heading: one to six `#` and then a space or the end.
        b'#' => {
            let run = bytes.iter().take_while(|&&b| b == b'#').count();
            run <= 6 && blank_or_end(after(run))
        }
        // Block quote.
        b'>' => true,
        // Bullet list item, or a thematic break / setext underline.
        b'-' | b'+' | b'*' => {
            blank_or_end(after(1))
                || only(first, 3, true)
                || (first == b'-' && only(b'-', 1, false))
        }
        b'_' => only(b'_', 3, true),
        // Setext heading underline.
        b'=' => only(b'=', 1, false),
        // Code fence.
        b'`' | b'~' => bytes.starts_with(if first == b'`' { b"```" } else { b"~~~" }),
        // Link reference definition: `[label]: destination`.
        b'[' => line.contains("]:"),
        // Ordered list item: up to nine digits, `.` or `)`, then a space or
        // the end. The backslash goes before the punctuation.
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            return (digits <= 9
                && matches!(after(digits), Some(b'.' | b')'))
                && blank_or_end(after(digits + 1)))
            .then_some(digits);
        }
        _ => false,
    };
    escape_first.then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> String {
        let mut out = Vec::new();
        write_block(&mut out, text, "  ").unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn line_starts_that_would_be_structure_are_escaped() {
        for (text, expected) in [
            ("# Not a heading", "\\# Not a heading\n"),
            ("###### six", "\\###### six\n"),
            ("####### seven", "####### seven\n"),
            ("#hashtag", "#hashtag\n"),
            ("> quoted", "\\> quoted\n"),
            ("- item", "\\- item\n"),
            ("+ item", "\\+ item\n"),
            ("* item", "\\* item\n"),
            ("-5 degrees", "-5 degrees\n"),
            ("*emphasis* here", "*emphasis* here\n"),
            ("---", "\\---\n"),
            ("* * *", "\\* * *\n"),
            ("___", "\\___\n"),
            ("__init__", "__init__\n"),
            ("==", "\\==\n"),
            ("== x", "== x\n"),
            ("--", "\\--\n"),
            ("```rust", "\\```rust\n"),
            ("~~~", "\\~~~\n"),
            ("[1]: http://example.com", "\\[1]: http://example.com\n"),
            ("[link](x)", "[link](x)\n"),
            ("1. First", "1\\. First\n"),
            ("2024) x", "2024\\) x\n"),
            ("2024. x", "2024\\. x\n"),
            ("1234567890. x", "1234567890. x\n"),
            ("3.5 million", "3.5 million\n"),
            ("10:00", "10:00\n"),
            ("Plain text.", "Plain text.\n"),
        ] {
            assert_eq!(block(text), expected, "for {text:?}");
        }
    }

    #[test]
    fn every_line_of_a_block_is_checked() {
        assert_eq!(
            block("first\n- second\r\n\n    # third  "),
            "first\n  \\- second\n  \\# third\n"
        );
    }

    #[test]
    fn inline_escapes() {
        let inline = |text: &str, context| {
            let mut out = Vec::new();
            write_inline(&mut out, text, context).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            inline("a < b <b> </i> <!-- <?", Context::Line),
            "a < b \\<b> \\</i> \\<!-- \\<?"
        );
        assert_eq!(inline("C:\\dir \\* \\", Context::Line), "C:\\dir \\\\* \\");
        assert_eq!(inline("a * b \\", Context::Emphasis), "a \\* b \\\\");
        assert_eq!(inline("one\r\ntwo\nthree", Context::Line), "one two three");
    }

    #[test]
    fn heading_closing_sequence() {
        let heading = |text: &str| {
            let mut out = Vec::new();
            write_heading_text(&mut out, text).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(heading("We're #1"), "We're #1");
        assert_eq!(heading("Trending #"), "Trending \\#");
        assert_eq!(heading("##"), "\\##");
        assert_eq!(heading("C#"), "C#");
    }
}
