//! What a merge produces: [`Timeline`], [`MergedEntry`], [`Source`]…

use serde::{Deserialize, Serialize};

use crate::sketch::Sketch;
use crate::Order;

/// The merged timeline: every distinct entry once, in time order, with where
/// it was seen. Made by [`Merger::finish`](crate::Merger::finish).
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The order of [`entries`](Timeline::entries).
    pub order: Order,
    /// The near-duplicate threshold the merge used.
    pub threshold: f64,
    /// The documents merged, in the order they were added.
    pub documents: Vec<DocumentInfo>,
    /// The blogs: groups of documents that are snapshots or pages of one live
    /// blog (they share an entry, a lede paragraph or their title), sorted by
    /// id.
    pub blogs: Vec<Blog>,
    /// The merged entries, in timeline order.
    pub entries: Vec<MergedEntry>,
    /// Counts of what the merge did.
    pub stats: MergeStats,
}

/// What is kept of a merged document: its metadata and lede, not its
/// entries (those are in the [`MergedEntry`]s that list it as a source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// The document id (the dump file's stem).
    pub id: String,
    /// The dump file as the user named it.
    pub source: String,
    /// The date of the page, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The page title.
    pub title: Option<String>,
    /// The page standfirst.
    pub standfirst: Option<String>,
    /// The lede (summary) paragraphs.
    pub summary: Vec<String>,
    /// How many entries the page had.
    pub entries: usize,
    /// The index of its blog in [`Timeline::blogs`].
    pub blog: usize,
}

/// One live blog: the documents that are snapshots or pages of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blog {
    /// The blog id: the smallest id of its documents.
    pub id: String,
    /// The ids of its documents, sorted.
    pub documents: Vec<String>,
    /// The title of its latest titled document (by date, then id).
    pub title: Option<String>,
    /// The standfirst of that same document.
    pub standfirst: Option<String>,
}

/// One distinct entry of the timeline: the version chosen among its copies,
/// and where the copies were seen.
///
/// Serialised (one per line by [`write_jsonl`](crate::write_jsonl)) with its
/// fields in this order; `zone` is left out when unknown, every other missing
/// value is `null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedEntry {
    /// The entry id of the chosen version (see [`tidings_export::entry_id`]).
    pub id: String,
    /// The headline: the chosen version's, or, when it has none, that of the
    /// best copy that has one.
    pub headline: Option<String>,
    /// The author, from the chosen version or else the best copy naming one.
    pub author: Option<String>,
    /// The local time `HH:MM`, from the chosen version or the best copy with
    /// a time (with its `published` and `zone`).
    pub time: Option<String>,
    /// `YYYY-MM-DDTHH:MM:SS`, from the same copy as `time`.
    pub published: Option<String>,
    /// The printed time-zone label, from the same copy as `time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The body paragraphs of the chosen version.
    pub body: Vec<String>,
    /// How many copies were seen: entries, plus lede runs recognised as this
    /// entry. Equal to `sources.len()`.
    pub versions: usize,
    /// The earliest `published` among the copies.
    pub first_published: Option<String>,
    /// The latest `published` among the copies.
    pub last_published: Option<String>,
    /// The distinct entry ids of the copies (the chosen one first, then in
    /// the order of [`sources`](MergedEntry::sources)).
    pub ids: Vec<String>,
    /// Every copy: document, entry index or lede paragraphs, byte span.
    pub sources: Vec<Source>,
    /// The index of the entry's blog in [`Timeline::blogs`].
    #[serde(skip)]
    pub blog: usize,
    /// The day used to order the entry: the date of `published`, else the
    /// earliest date of the pages it was seen on.
    #[serde(skip)]
    pub(crate) day: Option<String>,
    /// The MinHash signature of the chosen version.
    #[serde(skip)]
    pub(crate) sketch: Option<Sketch>,
}

impl MergedEntry {
    /// The day of the entry, `YYYY-MM-DD`: the date of
    /// [`published`](MergedEntry::published), else the earliest date of the
    /// pages it was seen on, else `None`.
    pub fn date(&self) -> Option<&str> {
        self.day.as_deref()
    }

    /// The body paragraphs joined by a blank line.
    pub fn text(&self) -> String {
        self.body.join("\n\n")
    }
}

/// Where a copy of an entry was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The document id.
    pub document: String,
    /// The entry id of this copy (for a lede run:
    /// `entry_id(None, paragraphs)`).
    pub id: String,
    /// An entry of the page, or a run of its lede paragraphs.
    pub role: Role,
    /// The entry's index in the page's `entries`, or the index of the first
    /// lede paragraph of the run in its `summary`.
    pub index: usize,
    /// The entry's byte span in the page (see `docs/schema.md`); `None` for a
    /// lede run, whose paragraphs carry no span.
    pub span: Option<[usize; 2]>,
    /// For a lede run, `[first, end)`: the paragraphs of the `summary` it
    /// covers; `None` for an entry.
    pub paragraphs: Option<[usize; 2]>,
    /// The copy's `published`.
    pub published: Option<String>,
}

/// What a [`Source`] is in its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// An entry of the page.
    Entry,
    /// A run of lede (summary) paragraphs that repeats the entry's body.
    Summary,
}

impl Role {
    /// `entry` or `summary`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Entry => "entry",
            Role::Summary => "summary",
        }
    }
}

/// Counts of what a merge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MergeStats {
    /// Documents merged.
    pub documents: usize,
    /// Documents ignored because a document with the same id was already
    /// added.
    pub duplicate_documents: usize,
    /// Entries read (copies).
    pub copies: usize,
    /// Copies with an entry id seen before.
    pub exact_duplicates: usize,
    /// Distinct entry ids merged into another entry as near-duplicates (or
    /// as copies that lost their headline).
    pub near_duplicates: usize,
    /// Lede runs recognised as copies of an entry.
    pub ledes_recovered: usize,
    /// Merged entries whose chosen version had no headline and got one from
    /// another copy.
    pub headlines_recovered: usize,
    /// Merged entries in the timeline.
    pub entries: usize,
}
