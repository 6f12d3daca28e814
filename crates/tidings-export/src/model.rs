//! The serde data model: [`Document`], [`Entry`] and [`Removed`].

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// One extracted live blog: everything Tidings found in one dump file.
///
/// Text fields are [`Cow<'a, str>`] so a driver can serialise text that
/// borrows from the decoded source buffer without copying it. Call
/// [`Document::into_owned`] to keep a document after that buffer is gone.
///
/// The field order below is the JSON field order, and it is part of the output
/// contract (see `docs/schema.md`). Optional fields are written as `null`,
/// never omitted; only [`removed`](Document::removed) is left out when it is
/// `None`.
///
/// Deserialising always yields owned text (`Cow::Owned`), so
/// `Document<'static>` implements [`serde::de::DeserializeOwned`] and can be
/// read with `serde_json::from_reader`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Document<'a> {
    /// The document id: the dump file's stem, e.g. `001_e43319ad650490e2`.
    pub id: Cow<'a, str>,
    /// The path of the dump file, as it was given to the driver.
    pub source: Cow<'a, str>,
    /// The date of the live blog as `YYYY-MM-DD`, or `None` when the dump
    /// does not carry one.
    pub date: Option<Cow<'a, str>>,
    /// The page title, or `None` when the page has none.
    pub title: Option<Cow<'a, str>>,
    /// The standfirst (the one-paragraph subtitle under the title), if any.
    pub standfirst: Option<Cow<'a, str>>,
    /// The summary (lede) paragraphs before the first entry, in order.
    pub summary: Vec<Cow<'a, str>>,
    /// The "key points" bullets, in order.
    pub key_points: Vec<Cow<'a, str>>,
    /// The live-blog entries, in source order.
    pub entries: Vec<Entry<'a>>,
    /// The text dropped as boilerplate, with the rule that dropped it.
    ///
    /// Present only when asked for (`--explain`); `None` is not written at
    /// all, while `Some(vec![])` is written as `"removed": []`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<Removed<'a>>>,
}

/// One live-blog entry (one post): an optional headline and byline, and the
/// body paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Entry<'a> {
    /// The stable entry id, see [`entry_id`](crate::entry_id).
    pub id: Cow<'a, str>,
    /// The entry headline, or `None` for an entry without one.
    pub headline: Option<Cow<'a, str>>,
    /// The author named in the byline, if any.
    pub author: Option<Cow<'a, str>>,
    /// The local time of the entry as `HH:MM` (24-hour), if any.
    pub time: Option<Cow<'a, str>>,
    /// The full publication timestamp as `YYYY-MM-DDTHH:MM:SS` (no zone), when
    /// both a date and a time are known.
    pub published: Option<Cow<'a, str>>,
    /// The time-zone label printed with the time (`GMT`, `BST`, `ET`…), as
    /// printed; times are never converted. Omitted from the output when
    /// the page prints none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Cow<'a, str>>,
    /// The body paragraphs, in order.
    pub body: Vec<Cow<'a, str>>,
    /// `[start_byte, end_byte]`: byte offsets into the decoded source text,
    /// end exclusive. The span runs from the first byte of the entry's first
    /// line (headline, byline or body) to the last byte of its last line.
    pub span: [usize; 2],
}

/// A piece of source text dropped as boilerplate, reported under `--explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Removed<'a> {
    /// The dropped text.
    pub text: Cow<'a, str>,
    /// The name of the rule that dropped it.
    pub rule: Cow<'a, str>,
    /// `[start_byte, end_byte]` of the dropped text in the decoded source,
    /// end exclusive.
    pub span: [usize; 2],
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

fn owned_opt(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.map(owned)
}

fn owned_vec(texts: Vec<Cow<'_, str>>) -> Vec<Cow<'static, str>> {
    texts.into_iter().map(owned).collect()
}

impl Document<'_> {
    /// Detaches the document from the buffer it borrows from, copying every
    /// borrowed string (owned strings are moved, not copied).
    pub fn into_owned(self) -> Document<'static> {
        Document {
            id: owned(self.id),
            source: owned(self.source),
            date: owned_opt(self.date),
            title: owned_opt(self.title),
            standfirst: owned_opt(self.standfirst),
            summary: owned_vec(self.summary),
            key_points: owned_vec(self.key_points),
            entries: self.entries.into_iter().map(Entry::into_owned).collect(),
            removed: self
                .removed
                .map(|removed| removed.into_iter().map(Removed::into_owned).collect()),
        }
    }
}

impl Entry<'_> {
    /// Detaches the entry from the buffer it borrows from, copying every
    /// borrowed string.
    pub fn into_owned(self) -> Entry<'static> {
        Entry {
            id: owned(self.id),
            headline: owned_opt(self.headline),
            author: owned_opt(self.author),
            time: owned_opt(self.time),
            published: owned_opt(self.published),
            zone: owned_opt(self.zone),
            body: owned_vec(self.body),
            span: self.span,
        }
    }
}

impl Removed<'_> {
    /// Detaches the record from the buffer it borrows from, copying every
    /// borrowed string.
    pub fn into_owned(self) -> Removed<'static> {
        Removed {
            text: owned(self.text),
            rule: owned(self.rule),
            span: self.span,
        }
    }
}
