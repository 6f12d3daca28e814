//! dump → lines → verdicts → article → document.

use std::borrow::Cow;
use std::ops::Range;

use tidings_boilerplate::{RuleSet, Verdict};
use tidings_dump::{DocumentName, Dump, Line, ParseOptions};
use tidings_export::{push_entry_id, Document, Entry, Removed};
use tidings_segment::{Article, Piece, Role, SegmentOptions};

use crate::{stamp, ExtractError, Warning, LONG_LINE_BYTES};

/// Lines the segmenter sets aside are reported as removed by the rule
/// `segment/<role>` (`segment/alt-headline`, `segment/list-heading`…).
const SEGMENT_RULE_PREFIX: &str = "segment/";

/// The whole extraction, configured once and run on many inputs.
///
/// A `Pipeline` is cheap to share between threads: it holds only compiled
/// rules and flags.
#[derive(Debug, Clone)]
pub struct Pipeline {
    rules: Cow<'static, RuleSet>,
    explain: bool,
    parse: ParseOptions,
    max_line_bytes: usize,
}

/// Longest source line accepted, by default: 64 MiB.
pub const DEFAULT_MAX_LINE_BYTES: usize = 64 << 20;

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline {
            rules: Cow::Borrowed(RuleSet::builtin()),
            explain: false,
            parse: ParseOptions::default(),
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }
}

/// A document and what was noticed while making it.
#[derive(Debug)]
pub struct Extracted<R> {
    /// What the caller's closure returned for the document.
    pub value: R,
    /// Recoverable problems, such as bytes that were not UTF-8.
    pub warnings: Vec<Warning>,
}

impl Pipeline {
    /// A pipeline with these rules instead of the built-in ones.
    pub fn with_rules(rules: RuleSet) -> Pipeline {
        Pipeline {
            rules: Cow::Owned(rules),
            ..Pipeline::default()
        }
    }

    /// Whether documents list what was removed, and by which rule.
    pub fn explain(mut self, explain: bool) -> Pipeline {
        self.explain = explain;
        self
    }

    /// The longest source line accepted; a longer one fails the input with
    /// [`ExtractError::LineTooLong`].
    pub fn max_line_bytes(mut self, bytes: usize) -> Pipeline {
        self.max_line_bytes = bytes;
        self
    }

    /// Whether glued paragraphs are split (on by default).
    pub fn unglue(mut self, unglue: bool) -> Pipeline {
        self.parse.unglue = unglue;
        self
    }

    /// The rules in use.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Extracts one input and hands the document to `f`, which may write it
    /// out; the document borrows the input's text, so nothing is copied
    /// until the writer.
    ///
    /// `source_name` is the input as the user named it (a path, or `-`);
    /// the document id is its file stem.
    pub fn extract<R>(
        &self,
        source_name: &str,
        bytes: &[u8],
        f: impl FnOnce(&Document<'_>) -> R,
    ) -> Result<Extracted<R>, ExtractError> {
        self.extract_as(None, source_name, bytes, f)
    }

    /// Like [`Pipeline::extract`], with the document id given (a JSON
    /// Lines record's id) instead of taken from `source_name`'s stem.
    pub fn extract_as<R>(
        &self,
        id: Option<&str>,
        source_name: &str,
        bytes: &[u8],
        f: impl FnOnce(&Document<'_>) -> R,
    ) -> Result<Extracted<R>, ExtractError> {
        let dump_error = |error| ExtractError::Dump {
            source_name: source_name.to_string(),
            error,
        };
        let decoded = tidings_dump::decode(bytes).map_err(dump_error)?;
        let dump = tidings_dump::parse_with(&decoded.text, self.parse).map_err(dump_error)?;
        let mut warnings: Vec<Warning> = decoded.warnings.into_iter().map(Warning::Dump).collect();
        if bytes.is_empty() {
            warnings.push(Warning::Empty);
        }
        if let Some(first) = dump.markup.first() {
            let first_line = dump
                .lines
                .iter()
                .find(|l| l.span.start >= first.start)
                .map_or(1, |l| l.number);
            warnings.push(Warning::Markup {
                lines: dump.markup.len(),
                first_line,
                first_offset: first.start,
            });
        }
        for (line, offset, bytes) in source_lines(&dump) {
            if bytes > self.max_line_bytes {
                return Err(ExtractError::LineTooLong {
                    source_name: source_name.to_string(),
                    line,
                    offset,
                    bytes,
                    limit: self.max_line_bytes,
                });
            }
            if bytes > LONG_LINE_BYTES {
                warnings.push(Warning::LongLine { line, bytes });
            }
        }
        // The entries' ids and stamps, in one buffer that the document
        // borrows rather than three small strings of their own each.
        let mut stamps = String::new();
        let (mut document, ends) = self.unstamped_document(source_name, &dump, &mut stamps);
        stamp_entries(&mut document.entries, ends, |range| {
            Cow::Borrowed(&stamps[range])
        });
        if let Some(id) = id {
            document.id = Cow::Borrowed(id);
        }
        Ok(Extracted {
            value: f(&document),
            warnings,
        })
    }

    /// Like [`Pipeline::extract`], returning the document itself.
    pub fn extract_owned(
        &self,
        source_name: &str,
        bytes: &[u8],
    ) -> Result<Document<'static>, ExtractError> {
        Ok(self
            .extract(source_name, bytes, |d| d.clone().into_owned())?
            .value)
    }

    /// Runs boilerplate rules and the segmenter over a parsed dump; the
    /// article has its parts (the explain view) only if `parts`.
    pub(crate) fn analyse<'a>(&self, dump: &'a Dump<'a>, parts: bool) -> Analysis<'a> {
        // The stages read the lines themselves (`Line: AsRef<str>`): a
        // large page holds a few hundred thousand, and a list of their
        // texts would cost 16 bytes a line more.
        let mut lines: Vec<&Line<'a>> = Vec::with_capacity(dump.lines.len());
        lines.extend(dump.lines.iter().filter(|l| !l.text.is_empty()));
        let verdicts = self.rules.classify(&lines).verdicts;
        let kept: Vec<&Line<'a>> = lines
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| v.is_keep())
            .map(|(l, _)| *l)
            .collect();
        let article = tidings_segment::segment_with(&kept, SegmentOptions { parts });
        Analysis {
            lines,
            verdicts,
            kept,
            article,
        }
    }

    /// Builds the document of a parsed dump.
    pub fn document<'a>(&self, source_name: &'a str, dump: &'a Dump<'a>) -> Document<'a> {
        let mut stamps = String::new();
        let (mut document, ends) = self.unstamped_document(source_name, dump, &mut stamps);
        stamp_entries(&mut document.entries, ends, |range| {
            Cow::Owned(stamps[range].to_owned())
        });
        document
    }

    /// The document of a parsed dump, but for its entries' ids, times and
    /// published stamps: those are appended to `stamps`, where the ends
    /// (one per entry) say, for [`stamp_entries`] to fill in.
    fn unstamped_document<'a>(
        &self,
        source_name: &'a str,
        dump: &'a Dump<'a>,
        stamps: &mut String,
    ) -> (Document<'a>, Vec<StampEnds>) {
        let Analysis {
            lines,
            verdicts,
            kept,
            article,
        } = self.analyse(dump, self.explain);

        let header_date = dump.header.map(|h| h.date);
        let text = |piece: Piece<'a>| Cow::Borrowed(piece.text);
        // An id and, mostly, `HH:MM` and `YYYY-MM-DDTHH:MM:00`.
        stamps.reserve(article.entries.len() * 40);
        let mut ends = Vec::with_capacity(article.entries.len());
        let entries = article
            .entries
            .iter()
            .map(|e| {
                let headline = e.headline.map(text);
                let body: Vec<Cow<'a, str>> = e.body.iter().map(|&p| text(p)).collect();
                let byline = e.byline.map(|(_, b)| b);
                let time = byline.and_then(|b| b.time);
                let date = byline.and_then(|b| b.date).or(header_date);
                push_entry_id(headline.as_deref(), &body, stamps);
                let id = stamps.len();
                if let Some(t) = time {
                    stamp::push_time(stamps, t);
                }
                let time_end = stamps.len();
                if let Some((d, t)) = date.zip(time) {
                    stamp::push_published(stamps, d, t);
                }
                ends.push(StampEnds {
                    id,
                    time: time_end,
                    published: stamps.len(),
                });
                Entry {
                    // Filled in by `stamp_entries`.
                    id: Cow::Borrowed(""),
                    time: None,
                    published: None,
                    author: byline.and_then(|b| b.author).map(Cow::Borrowed),
                    zone: byline.and_then(|b| b.zone).map(Cow::Borrowed),
                    span: [kept[e.first_line].span.start, kept[e.last_line].span.end],
                    headline,
                    body,
                }
            })
            .collect();

        let removed = self
            .explain
            .then(|| removed_lines(&self.rules, &lines, &verdicts, &kept, &article));
        let stem = source_stem(source_name);
        let document = Document {
            id: Cow::Borrowed(DocumentName::from_stem(stem).id),
            source: Cow::Borrowed(source_name),
            date: header_date.map(|d| Cow::Owned(d.to_string())),
            title: article.title.map(text),
            standfirst: article.standfirst.map(text),
            summary: article.summary.iter().map(|&p| text(p)).collect(),
            key_points: article.key_points.iter().map(|&p| text(p)).collect(),
            entries,
            removed,
        };
        (document, ends)
    }
}

/// Where one entry's id, time and published stamp end in the buffer of
/// [`Pipeline::unstamped_document`]. Each starts where the one before it
/// ends, and an entry without a time or published stamp has an empty
/// one there (neither is ever written empty): three offsets an entry, as
/// a page can have tens of thousands of entries.
struct StampEnds {
    id: usize,
    time: usize,
    published: usize,
}

/// Gives each entry its id, time and published stamp, made by `stamp`
/// from where they lie in the buffer. The ends are used up, not held
/// while the document is written.
fn stamp_entries<'a>(
    entries: &mut [Entry<'a>],
    ends: Vec<StampEnds>,
    stamp: impl Fn(Range<usize>) -> Cow<'a, str>,
) {
    let mut start = 0;
    for (entry, ends) in entries.iter_mut().zip(ends) {
        let part = |from: usize, to: usize| (from < to).then(|| stamp(from..to));
        entry.id = stamp(start..ends.id);
        entry.time = part(ends.id, ends.time);
        entry.published = part(ends.time, ends.published);
        start = ends.published;
    }
}

/// What the stages made of a dump's non-blank lines.
pub(crate) struct Analysis<'a> {
    /// The non-blank lines, in order.
    pub lines: Vec<&'a Line<'a>>,
    /// One verdict per line of `lines`.
    pub verdicts: Vec<Verdict>,
    /// The lines boilerplate kept; the article's pieces index these.
    pub kept: Vec<&'a Line<'a>>,
    pub article: Article<'a>,
}

/// `(line number, first byte, length)` of every source line; the pieces of
/// an unglued line are added back together.
fn source_lines<'a>(dump: &'a Dump<'a>) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let mut lines = dump.lines.iter().peekable();
    std::iter::from_fn(move || {
        let first = lines.next()?;
        let mut end = first.span.end;
        while let Some(next) = lines.next_if(|l| l.number == first.number) {
            end = next.span.end;
        }
        Some((first.number, first.span.start, end - first.span.start))
    })
}

/// Every line that is not content, in source order, with the rule that
/// set it aside: boilerplate rules, then what the segmenter set aside
/// (decks, list headings, lone markers) as `segment/<role>`.
fn removed_lines<'a>(
    rules: &RuleSet,
    lines: &[&Line<'a>],
    verdicts: &[Verdict],
    kept: &[&Line<'a>],
    article: &Article<'_>,
) -> Vec<Removed<'a>> {
    let by_rules = lines.iter().zip(verdicts).filter_map(|(line, v)| match v {
        Verdict::Keep => None,
        Verdict::Drop(id) => Some(Removed {
            text: Cow::Owned(line.text.to_string()),
            rule: Cow::Owned(rules.rule(*id).name().to_string()),
            span: [line.span.start, line.span.end],
        }),
    });
    let by_segmenter = article
        .parts
        .iter()
        .filter(|part| !part.role.is_content() && part.role != Role::Byline)
        .map(|part| {
            let line = kept[part.piece.line];
            Removed {
                text: Cow::Owned(part.piece.text.to_string()),
                rule: Cow::Owned(format!("{SEGMENT_RULE_PREFIX}{}", part.role.name())),
                span: [line.span.start, line.span.end],
            }
        });
    let mut all: Vec<Removed<'a>> = by_rules.chain(by_segmenter).collect();
    all.sort_by_key(|r| r.span[0]);
    all
}

/// The file stem of a path given as text (`dir/001_ab.txt` → `001_ab`).
fn source_stem(source_name: &str) -> &str {
    let name = source_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(source_name);
    name.strip_suffix(".txt").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use tidings_export::entry_id;

    use super::*;

    const DUMP: &str = " date 2024-11-06 Ukraine-Russia war latest: Kyiv under attack\n\
        Air defences active over the capital, says mayor\n\
        Drones were shot down overnight.\n\
        Germany pledges €200m in winter aid\n\
        Germany will give Ukraine another €200m in aid.\n\
        Arpan Rai6 November 2024 04:16\n\
        Sirens in Lviv\n\
        Residents were told to take shelter.\n\
        Jane Doe7 November 2024 23:05\n\
        Talks resume\n\
        Delegations met again on Friday.\n";

    /// The ids and stamps from the shared buffer, whether borrowed from it
    /// (`extract`) or copied out (`document`), are those each entry makes
    /// on its own.
    #[test]
    fn stamps_from_the_shared_buffer_are_each_entrys_own() {
        let pipeline = Pipeline::default();
        let decoded = tidings_dump::decode(DUMP.as_bytes()).unwrap();
        let dump = tidings_dump::parse(&decoded.text).unwrap();
        let document = pipeline.document("a.txt", &dump);
        let extracted = pipeline.extract_owned("a.txt", DUMP.as_bytes()).unwrap();
        assert_eq!(document, extracted);

        let article = pipeline.analyse(&dump, false).article;
        assert_eq!(document.entries.len(), article.entries.len());
        assert!(
            document
                .entries
                .iter()
                .filter(|e| e.published.is_some())
                .count()
                >= 2
        );
        let header_date = dump.header.map(|h| h.date);
        for (entry, made) in document.entries.iter().zip(&article.entries) {
            let byline = made.byline.map(|(_, b)| b);
            let time = byline.and_then(|b| b.time);
            let date = byline.and_then(|b| b.date).or(header_date);
            let body: Vec<&str> = made.body.iter().map(|p| p.text).collect();
            let id = entry_id(made.headline.map(|p| p.text), &body);
            assert_eq!(entry.id, id);
            assert_eq!(entry.time, time.map(|t| t.to_string().into()));
            let published = date.zip(time).map(|(d, t)| format!("{d}T{t}:00").into());
            assert_eq!(entry.published, published);
        }
    }
}
