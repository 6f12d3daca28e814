//! The data model of an extracted live blog, and its writers.
//!
//! [Tidings](https://github.com/tidings-rs/tidings) turns scraped news
//! live-blog dumps into structured entries. This crate holds what comes out:
//! the serde types [`Document`], [`Entry`] and [`Removed`], the stable
//! [`entry_id`], and a streaming [`Writer`] for each output [`Format`]
//! (JSON Lines, JSON, CSV and Markdown).
//!
//! # The schema in brief
//!
//! One JSON object per document (one dump file), fields in this order:
//!
//! ```text
//! {"id": "001_e43319ad650490e2", "source": "dumps/001_e43319ad650490e2.txt",
//!  "date": "2024-11-05" | null, "title": str | null, "standfirst": str | null,
//!  "summary": [str], "key_points": [str],
//!  "entries": [{"id": str, "headline": str | null, "author": str | null,
//!               "time": "HH:MM" | null, "published": "YYYY-MM-DDTHH:MM:SS" | null,
//!               "body": [str], "span": [start_byte, end_byte]}],
//!  "removed": [{"text": str, "rule": str, "span": [start_byte, end_byte]}]}
//! ```
//!
//! Missing values are written as `null`, never omitted. `removed` is the one
//! exception: it appears only when the driver was asked to explain itself
//! (`--explain`). Spans are byte offsets into the decoded source text, end
//! exclusive. The full field-by-field description is in `docs/schema.md` of
//! the repository.
//!
//! Text fields are [`Cow<str>`](std::borrow::Cow), so a driver can write
//! documents that borrow from the source buffer without copying any text.
//!
//! # Example
//!
//! ```rust
//! use tidings_export::{entry_id, Document, Entry, Format, Writer};
//!
//! let body = ["Blasts were heard in the capital.".into()];
//! let document = Document {
//!     id: "001_e43319ad650490e2".into(),
//!     source: "dumps/001_e43319ad650490e2.txt".into(),
//!     title: Some("Ukraine-Russia war latest".into()),
//!     entries: vec![Entry {
//!         id: entry_id(Some("Blasts heard in Kyiv"), &body).into(),
//!         headline: Some("Blasts heard in Kyiv".into()),
//!         body: body.to_vec(),
//!         span: [120, 188],
//!         ..Entry::default()
//!     }],
//!     ..Document::default()
//! };
//!
//! // Pass a `BufWriter` when writing to a file or stdout.
//! let mut writer = Writer::new(Vec::new(), Format::Jsonl);
//! writer.write(&document)?;
//! let output = String::from_utf8(writer.finish()?)?;
//!
//! assert!(output.starts_with(
//!     r#"{"id":"001_e43319ad650490e2","source":"dumps/001_e43319ad650490e2.txt","date":null,"#
//! ));
//! assert!(output.contains(r#""headline":"Blasts heard in Kyiv","author":null,"#));
//! assert!(output.ends_with("\"span\":[120,188]}]}\n"));
//!
//! // Reading it back gives the same document.
//! let read: Document = serde_json::from_str(&output)?;
//! assert_eq!(read, document);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

mod error;
mod format;
mod id;
mod model;
mod writer;

pub use error::ExportError;
pub use format::{Format, ParseFormatError};
pub use id::{entry_id, push_entry_id};
pub use model::{Document, Entry, Removed};
pub use writer::{Encoded, Writer};

/// Compiles and runs the example in `README.md`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
