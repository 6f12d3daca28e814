//! Tidings: turn scraped news live-blog dumps into clean, structured entries.
//!
//! This crate ties the workspace's libraries together:
//!
//! | stage | crate |
//! |---|---|
//! | bytes → lines with spans | [`tidings_dump`] |
//! | lines → keep/drop verdicts | [`tidings_boilerplate`] |
//! | kept lines → article | [`tidings_segment`] |
//! | article → JSON Lines, JSON, CSV, Markdown | [`tidings_export`] |
//!
//! [`Pipeline`] runs them on one input; [`inputs`] turns the paths a user
//! gives into the ordered list of inputs of a batch. The `tidings` binary
//! is a thin command line over both.
//!
//! # Example
//!
//! ```
//! use tidings::Pipeline;
//!
//! let dump = " date 2024-11-06 Ukraine-Russia war latest: Kyiv under attack\n\
//!             Air defences active over the capital, says mayor\n\
//!             Drones were shot down overnight.\n\
//!             Germany pledges €200m in winter aid\n\
//!             Germany will give Ukraine another €200m in aid.\n\
//!             Arpan Rai6 November 2024 04:16\n\
//!             Comments\n";
//! let doc = Pipeline::default().explain(true).extract_owned("001_e43319ad650490e2.txt", dump.as_bytes())?;
//! assert_eq!(doc.id, "001_e43319ad650490e2");
//! assert_eq!(doc.date.as_deref(), Some("2024-11-06"));
//! assert_eq!(doc.summary, ["Drones were shot down overnight."]);
//! let entry = &doc.entries[0];
//! assert_eq!(entry.headline.as_deref(), Some("Germany pledges €200m in winter aid"));
//! assert_eq!(entry.author.as_deref(), Some("Arpan Rai"));
//! assert_eq!(entry.published.as_deref(), Some("2024-11-06T04:16:00"));
//! let removed = doc.removed.as_ref().unwrap();
//! assert_eq!(removed[0].rule, "generic/comments-heading");
//! # Ok::<(), tidings::ExtractError>(())
//! ```

#![warn(missing_docs)]

mod account;
pub mod batch;
mod budget;
mod error;
pub mod inputs;
pub mod memory;
mod pipeline;
mod stamp;
mod trace;
mod warning;

pub use account::Accounting;
pub use error::ExtractError;
pub use pipeline::{Extracted, Pipeline, DEFAULT_MAX_LINE_BYTES};
pub use trace::{Fate, TraceRow};
pub use warning::{Warning, LONG_LINE_BYTES};
