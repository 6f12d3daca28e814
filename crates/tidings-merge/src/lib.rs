//! Merge many scraped snapshots of live blogs into one deduplicated timeline.
//!
//! A live blog is scraped many times while it runs, and each scrape is
//! paginated, so a collection of dumps holds the same entries many times
//! over: sometimes exactly, sometimes lightly edited between scrapes,
//! sometimes with the headline lost in one copy or the body repeated in the
//! page's lede. This crate turns the [`Document`](tidings_export::Document)s
//! that [Tidings](https://github.com/tidings-rs/tidings) extracts into one
//! [`Timeline`]: every distinct entry once, in time order, with where it was
//! seen.
//!
//! - **Exact duplicates** share an entry id ([`tidings_export::entry_id`]).
//! - **Near-duplicates** (a word changed, a sentence added, a paragraph
//!   split) are found with MinHash signatures over 3-word shingles and LSH
//!   banding, then confirmed by their exact Jaccard similarity (at least
//!   [`MergeOptions::threshold`], 0.5 by default). Merging is near-linear in
//!   the number of entries: no two entries are compared unless their
//!   signatures share a band.
//! - **Lost headlines** are recovered: a copy without a headline whose body
//!   matches a headlined copy is that entry, and the merged entry has the
//!   headline.
//! - **Ledes** are recovered: a run of lede (summary) paragraphs that repeats
//!   the body of a headlined entry is a copy of that entry.
//! - Each merged entry keeps the **longest version**, how many copies were
//!   seen (`versions`), every copy's document and span (`sources`), and the
//!   first and last `published` seen.
//!
//! The timeline is written as merged JSON Lines ([`write_jsonl`]), flat
//! records for data frames ([`write_entries`]), schema.org JSON-LD
//! ([`write_jsonld`]) or into a SQLite database with full-text search,
//! updated in place and idempotently ([`sqlite::upsert`]). The algorithm,
//! its thresholds and measured accuracy and speed are in `docs/merge.md` of
//! the repository.
//!
//! # Example
//!
//! ```
//! use tidings_export::{entry_id, Document, Entry};
//! use tidings_merge::{write_jsonl, MergeOptions, Merger, Order};
//!
//! // Two scrapes of one blog: the second has an edited copy of the post.
//! fn page(id: &str, body: &str, time: &str) -> Document<'static> {
//!     let headline = "Germany pledges €200m in winter aid for Ukraine";
//!     let body = vec![body.to_string().into()];
//!     Document {
//!         id: id.to_string().into(),
//!         source: format!("dumps/{id}.txt").into(),
//!         date: Some("2024-11-05".into()),
//!         entries: vec![Entry {
//!             id: entry_id(Some(headline), &body).into(),
//!             headline: Some(headline.into()),
//!             time: Some(time.to_string().into()),
//!             published: Some(format!("2024-11-05T{time}:00").into()),
//!             body,
//!             span: [100, 300],
//!             ..Entry::default()
//!         }],
//!         ..Document::default()
//!     }
//! }
//! let first = page(
//!     "000_7ffaee336a8ab785",
//!     "Germany will give Ukraine another €200m in aid to see it through the winter, \
//!      its foreign minister said on a visit to Kyiv.",
//!     "09:12",
//! );
//! let second = page(
//!     "001_e43319ad650490e2",
//!     "Germany will give Ukraine another €200m in aid to help it through the winter, \
//!      its foreign minister said on a visit to Kyiv on Monday.",
//!     "09:12",
//! );
//!
//! let mut merger = Merger::new(MergeOptions { order: Order::Newest, ..MergeOptions::default() });
//! merger.add(&first);
//! merger.add(&second);
//! let timeline = merger.finish();
//!
//! assert_eq!(timeline.entries.len(), 1);
//! let entry = &timeline.entries[0];
//! assert_eq!(entry.versions, 2);
//! assert!(entry.body[0].ends_with("on Monday.")); // the longest version
//! assert_eq!(entry.sources[0].document, "000_7ffaee336a8ab785");
//! assert_eq!(timeline.stats.near_duplicates, 1);
//!
//! let mut out = Vec::new();
//! write_jsonl(&timeline, &mut out)?;
//! let line = String::from_utf8(out)?;
//! assert!(line.starts_with(r#"{"id":""#));
//! assert!(line.contains(r#""versions":2,"first_published":"2024-11-05T09:12:00","#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Wiring it into a command line takes a few lines: parse [`Format`] and
//! [`Order`] from their names, [`add`](Merger::add) each extracted document,
//! then [`write()`] the timeline to a stream or [`sqlite::upsert`] it into a
//! file.

#![warn(missing_docs)]

mod error;
mod merger;
mod options;
mod sketch;
pub mod sqlite;
pub mod synthetic;
mod text;
mod timeline;
mod unionfind;
mod write;

pub use error::MergeError;
pub use merger::Merger;
pub use options::{Format, MergeOptions, Order, ParseNameError};
pub use timeline::{Blog, DocumentInfo, MergeStats, MergedEntry, Role, Source, Timeline};
pub use write::{write, write_entries, write_jsonl, write_jsonld, JSONLD_TERMS};

/// Compiles and runs the example in `README.md`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
