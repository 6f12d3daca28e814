//! What a merge can be asked to do: [`MergeOptions`], [`Order`], [`Format`].

use std::fmt;
use std::str::FromStr;

/// The order of the merged timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Order {
    /// Newest entry first (the order live blogs print), the default.
    #[default]
    Newest,
    /// Oldest entry first: exactly the reverse of [`Order::Newest`].
    Oldest,
}

impl Order {
    /// The name used on the command line: `newest` or `oldest`.
    pub fn name(self) -> &'static str {
        match self {
            Order::Newest => "newest",
            Order::Oldest => "oldest",
        }
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name given is not an [`Order`] or a [`Format`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{name}`; expected one of: {expected}")]
pub struct ParseNameError {
    what: &'static str,
    name: String,
    expected: &'static str,
}

impl FromStr for Order {
    type Err = ParseNameError;

    fn from_str(name: &str) -> Result<Order, ParseNameError> {
        match name.to_ascii_lowercase().as_str() {
            "newest" | "newest-first" | "desc" => Ok(Order::Newest),
            "oldest" | "oldest-first" | "asc" => Ok(Order::Oldest),
            _ => Err(ParseNameError {
                what: "order",
                name: name.to_string(),
                expected: "newest, oldest",
            }),
        }
    }
}

/// How entries are merged.
///
/// Build it with struct update syntax so that fields added later keep your
/// code compiling:
///
/// ```
/// use tidings_merge::{MergeOptions, Order};
/// let options = MergeOptions { order: Order::Oldest, ..MergeOptions::default() };
/// assert_eq!(options.threshold, 0.5);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOptions {
    /// The order of the timeline (newest first by default).
    pub order: Order,
    /// Two entries are near-duplicates when the Jaccard similarity of their
    /// sets of 3-word shingles is at least this (default `0.5`; see
    /// `docs/merge.md` for why). `1.0` or more merges exact duplicates (and
    /// copies that lost their headline) only.
    pub threshold: f64,
    /// Whether lede (summary) paragraphs that repeat the body of a headlined
    /// entry are recognised as copies of that entry (default `true`).
    pub recover_ledes: bool,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            order: Order::Newest,
            threshold: 0.5,
            recover_ledes: true,
        }
    }
}

/// The output formats of a merged timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// One merged entry per line, with its copies' sources
    /// ([`write_jsonl`](crate::write_jsonl)); the default.
    #[default]
    Jsonl,
    /// One flat record per merged entry, for data frames
    /// ([`write_entries`](crate::write_entries)).
    Entries,
    /// schema.org JSON-LD: a `LiveBlogPosting` per blog
    /// ([`write_jsonld`](crate::write_jsonld)).
    JsonLd,
    /// A SQLite database, updated in place
    /// ([`sqlite::upsert`](crate::sqlite::upsert)).
    Sqlite,
}

impl Format {
    /// Every format, in the order of their names.
    pub const ALL: [Format; 4] = [
        Format::Jsonl,
        Format::Entries,
        Format::JsonLd,
        Format::Sqlite,
    ];

    /// The name used on the command line: `jsonl`, `entries`, `jsonld` or
    /// `sqlite`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Entries => "entries",
            Format::JsonLd => "jsonld",
            Format::Sqlite => "sqlite",
        }
    }

    /// Whether the format is written to a stream ([`write()`](crate::write()));
    /// `false` for [`Format::Sqlite`], which needs a file path.
    pub fn is_stream(self) -> bool {
        self != Format::Sqlite
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = ParseNameError;

    fn from_str(name: &str) -> Result<Format, ParseNameError> {
        match name.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "entries" => Ok(Format::Entries),
            "jsonld" | "json-ld" => Ok(Format::JsonLd),
            "sqlite" | "sqlite3" | "db" => Ok(Format::Sqlite),
            _ => Err(ParseNameError {
                what: "merge format",
                name: name.to_string(),
                expected: "jsonl, entries, jsonld, sqlite",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>().unwrap(), format);
        }
        for order in [Order::Newest, Order::Oldest] {
            assert_eq!(order.to_string().parse::<Order>().unwrap(), order);
        }
        assert_eq!("JSON-LD".parse::<Format>().unwrap(), Format::JsonLd);
        let error = "csv".parse::<Format>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown merge format `csv`; expected one of: jsonl, entries, jsonld, sqlite"
        );
        assert!("sideways".parse::<Order>().is_err());
    }
}
