//! HTML that slipped through a scraper.
//!
//! Dumps are text, but scrapers sometimes leave markup behind. Tidings never
//! emits a tag as text, and never drops one silently:
//!
//! - a whole HTML document (one that opens with `<!DOCTYPE html>` or
//!   `<html>`) is refused by [`decode`](crate::decode) with
//!   [`DumpError::Html`](crate::DumpError::Html): convert it to text first;
//! - stray tags and entities inside a text dump are taken out: a line is
//!   split after each block-level tag (`</p>`, `<br>`, `</li>`…), tags of
//!   known HTML elements are removed (with the content of `<script>` and
//!   `<style>` elements on the same line), and character references such as
//!   `&amp;` and `&#8217;` are decoded. Each line cleaned this way is listed
//!   in [`Dump::markup`](crate::Dump::markup), which the caller reports.

use std::borrow::Cow;

use crate::scan::Hits;

/// HTML element names whose tags are removed. Anything else in angle
/// brackets (`<3`, `a < b > c`, `<Name>`) is text.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "iframe",
    "img",
    "li",
    "main",
    "mark",
    "nav",
    "noscript",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "script",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "video",
];

/// Elements that end a paragraph: a line is split after their tags.
const BLOCKS: &[&str] = &[
    "article",
    "blockquote",
    "br",
    "div",
    "dd",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "p",
    "section",
    "tr",
];

/// A tag found in a line: its byte range and element name.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
}

/// The tags of known elements in `line`, in order.
fn tags(line: &str) -> impl Iterator<Item = Tag<'_>> + '_ {
    memchr::memchr_iter(b'<', line.as_bytes()).filter_map(move |start| {
        let rest = line.get(start + 1..)?;
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = rest.get(..name_len)?;
        let after = rest.as_bytes().get(name_len).copied()?;
        if !matches!(after, b'>' | b' ' | b'/' | b'\t') {
            return None;
        }
        let lower = name.to_ascii_lowercase();
        let known = ELEMENTS.iter().find(|e| **e == lower)?;
        let close = rest[name_len..].find('>')?;
        // A `<` inside the tag means this was not a tag after all.
        if rest[name_len..name_len + close].contains('<') {
            return None;
        }
        let end = start + 1 + usize::from(closing) + name_len + close + 1;
        Some(Tag {
            start,
            end,
            name: known,
            closing,
        })
    })
}

/// Does the line hold markup worth cleaning? Cheap: one byte search rules
/// out almost every line.
pub(crate) fn has_markup(line: &str) -> bool {
    let bytes = line.as_bytes();
    if memchr::memchr2(b'<', b'&', bytes).is_none() {
        return false;
    }
    (memchr::memchr(b'<', bytes).is_some() && tags(line).next().is_some())
        || (memchr::memchr(b'&', bytes).is_some() && line.contains(';'))
            && html_escape::decode_html_entities(line) != line
}

/// The `<` and `&` bytes of a text, visited in order, to rule out markup in
/// the (many) lines that have neither without searching each one: a whole
/// dump usually has none, so one search covers every line.
pub(crate) fn markup_bytes(bytes: &[u8]) -> Hits<'_, impl Fn(&[u8], usize) -> Option<usize>> {
    Hits::new(bytes, |bytes, from| {
        let rest = bytes.get(from..)?;
        memchr::memchr2(b'<', b'&', rest).map(|rel| from + rel)
    })
}

/// Byte offsets where a block-level tag ends a paragraph: after a closing
/// tag (`</p>`) or a `<br>`/`<hr>`, and before an opening tag (`<p>`), never
/// at either end of the line.
pub(crate) fn block_breaks(line: &str) -> Vec<usize> {
    let mut points: Vec<usize> = tags(line)
        .filter(|t| BLOCKS.contains(&t.name))
        .map(|t| {
            if t.closing || matches!(t.name, "br" | "hr") {
                t.end
            } else {
                t.start
            }
        })
        .filter(|&p| p > 0 && p < line.len())
        .collect();
    points.dedup();
    points
}

/// The text of `piece` without tags (and without the content of script and
/// style elements), with character references decoded.
pub(crate) fn strip(piece: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(piece.len());
    let mut from = 0;
    let mut skip_until: Option<&str> = None;
    for tag in tags(piece) {
        if tag.start < from {
            continue;
        }
        match skip_until {
            Some(name) if tag.closing && tag.name == name => skip_until = None,
            Some(_) => continue,
            None => {
                out.push_str(&piece[from..tag.start]);
                if !tag.closing && matches!(tag.name, "script" | "style") {
                    skip_until = Some(tag.name);
                }
            }
        }
        from = tag.end;
    }
    if skip_until.is_none() {
        out.push_str(&piece[from..]);
    }
    match html_escape::decode_html_entities(&out) {
        Cow::Borrowed(_) => Cow::Owned(out),
        Cow::Owned(decoded) => Cow::Owned(decoded),
    }
}

/// Does the text open like an HTML document? Returns the offset of the
/// opening tag.
pub(crate) fn document_start(text: &[u8]) -> Option<usize> {
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)?;
    let head = text.get(start..start + 15.min(text.len() - start))?;
    let lower = head.to_ascii_lowercase();
    (lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_known_tags_and_decodes_entities() {
        assert_eq!(
            strip("<p>Troops <b>crossed</b> the river.</p>"),
            "Troops crossed the river."
        );
        assert_eq!(
            strip("Fish &amp; chips &#8217;n&rsquo; peas"),
            "Fish & chips ’n’ peas"
        );
        assert_eq!(
            strip("Text<script>var a = 1 < 2;</script> more"),
            "Text more"
        );
        assert_eq!(strip(r#"<a href="/x">Read</a>"#), "Read");
    }

    #[test]
    fn leaves_angle_brackets_that_are_not_tags() {
        for text in ["I <3 Kyiv", "a < b and b > c", "<Name> reports", "x<p"] {
            assert!(!has_markup(text), "{text}");
        }
        assert!(has_markup("Troops <em>advance</em>"));
        assert!(has_markup("Fish &amp; chips"));
        assert!(!has_markup("Fish & chips; peas"));
    }

    #[test]
    fn splits_after_block_tags() {
        let line = "<p>One.</p><p>Two.</p>";
        assert_eq!(block_breaks(line), [11]);
        assert_eq!(&line[..11], "<p>One.</p>");
        assert_eq!(block_breaks("Line<br>next"), [8]);
        assert_eq!(block_breaks("Text<p>More"), [4]);
        assert!(block_breaks("<b>bold</b> text").is_empty());
    }

    #[test]
    fn markup_bytes_are_found_per_range() {
        let text = b"ab<c&&d e";
        let mut found = markup_bytes(text);
        assert!(!found.any_in(0, 2));
        assert!(found.any_in(0, 3));
        assert!(found.any_in(3, 5));
        assert!(found.any_in(5, 6));
        assert!(!found.any_in(6, 9));
        assert!(!found.any_in(9, 9));
        assert!(!markup_bytes(b"").any_in(0, 0));
    }

    #[test]
    fn documents() {
        assert_eq!(document_start(b"  <!DOCTYPE html><html>"), Some(2));
        assert_eq!(document_start(b"<HTML lang=en>"), Some(0));
        assert_eq!(document_start(b"The <html> tag is old"), None);
        assert_eq!(document_start(b""), None);
    }
}
