//! The output formats.

use std::fmt;
use std::str::FromStr;

/// An output format of [`Writer`](crate::Writer).
///
/// Parsed from and displayed as its lowercase name: `jsonl`, `json`, `csv`,
/// `markdown` (`md` is accepted as an alias when parsing; case is ignored).
///
/// ```
/// use tidings_export::Format;
///
/// assert_eq!("md".parse::<Format>().unwrap(), Format::Markdown);
/// assert_eq!(Format::default().to_string(), "jsonl");
/// assert_eq!(Format::NAMES.join(", "), "jsonl, json, csv, markdown");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// JSON Lines: one compact JSON document per line (the default).
    #[default]
    Jsonl,
    /// One pretty-printed JSON array of documents (`[]` when there are none).
    Json,
    /// CSV (RFC 4180) with a header row and one row per entry.
    Csv,
    /// A readable Markdown page per document, pages separated by `---`.
    Markdown,
}

impl Format {
    /// Every format, in the order of [`Format::NAMES`].
    pub const ALL: [Format; 4] = [Format::Jsonl, Format::Json, Format::Csv, Format::Markdown];

    /// The canonical names of [`Format::ALL`], for CLI help and completion.
    pub const NAMES: [&'static str; 4] = ["jsonl", "json", "csv", "markdown"];

    /// The canonical name, as accepted by [`FromStr`] and written by
    /// [`Display`](fmt::Display).
    pub const fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
        }
    }

    /// The usual file extension, without the dot: `jsonl`, `json`, `csv`,
    /// `md`.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            other => other.name(),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Format {
    type Err = ParseFormatError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("md") {
            return Ok(Format::Markdown);
        }
        Format::ALL
            .into_iter()
            .find(|format| s.eq_ignore_ascii_case(format.name()))
            .ok_or_else(|| ParseFormatError {
                input: s.to_owned(),
            })
    }
}

/// The error of parsing an unknown [`Format`] name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown output format `{input}` (expected one of: jsonl, json, csv, markdown)")]
pub struct ParseFormatError {
    input: String,
}

impl ParseFormatError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (format, name) in Format::ALL.into_iter().zip(Format::NAMES) {
            assert_eq!(format.name(), name);
            assert_eq!(format.to_string(), name);
            assert_eq!(name.parse::<Format>(), Ok(format));
        }
    }

    #[test]
    fn aliases_and_case() {
        assert_eq!("md".parse(), Ok(Format::Markdown));
        assert_eq!("MD".parse(), Ok(Format::Markdown));
        assert_eq!("JSONL".parse(), Ok(Format::Jsonl));
        assert_eq!(Format::Markdown.extension(), "md");
        assert_eq!(Format::Jsonl.extension(), "jsonl");
    }

    #[test]
    fn unknown_names() {
        let error = "yaml".parse::<Format>().unwrap_err();
        assert_eq!(error.input(), "yaml");
        assert_eq!(
            error.to_string(),
            "unknown output format `yaml` (expected one of: jsonl, json, csv, markdown)"
        );
        assert!("".parse::<Format>().is_err());
        assert!(" json".parse::<Format>().is_err());
    }

    #[test]
    fn default_is_jsonl() {
        assert_eq!(Format::default(), Format::Jsonl);
    }
}
