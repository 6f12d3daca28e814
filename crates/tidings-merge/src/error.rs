//! The error type of the writers and of the SQLite output.

use std::io;
use std::path::PathBuf;

/// Why writing a merged timeline failed.
///
/// I/O failures of the stream writers always surface as [`MergeError::Io`],
/// so a caller can test for [`io::ErrorKind::BrokenPipe`] in one place.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// Writing to the output failed.
    #[error("could not write the output")]
    Io(#[source] io::Error),
    /// A record could not be serialised as JSON (not an I/O failure).
    #[error("could not serialise a merged entry as JSON")]
    Json(#[source] serde_json::Error),
    /// The database could not be opened, read or updated. Nothing was
    /// changed: the update is one transaction.
    #[error("SQLite database {path}: {context}")]
    Sqlite {
        /// The database file (empty for a connection passed in).
        path: PathBuf,
        /// What was being done.
        context: &'static str,
        /// The SQLite error.
        #[source]
        error: rusqlite::Error,
    },
    /// The file is a SQLite database with another schema (its
    /// `PRAGMA user_version` is not one this crate writes).
    #[error(
        "SQLite database {path}: schema version {found}, but this tidings-merge writes version {expected}; \
         use a new file"
    )]
    SchemaVersion {
        /// The database file.
        path: PathBuf,
        /// The `user_version` found.
        found: i64,
        /// The version this crate writes.
        expected: i64,
    },
    /// [`Format::Sqlite`](crate::Format::Sqlite) was passed to
    /// [`write()`](crate::write()): a database needs a file path
    /// ([`sqlite::upsert`](crate::sqlite::upsert)).
    #[error("the sqlite format is written to a file with sqlite::upsert, not to a stream")]
    NotAStream,
}

impl From<io::Error> for MergeError {
    fn from(error: io::Error) -> Self {
        MergeError::Io(error)
    }
}

impl From<serde_json::Error> for MergeError {
    fn from(error: serde_json::Error) -> Self {
        if error.is_io() {
            MergeError::Io(error.into())
        } else {
            MergeError::Json(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_inside_json_becomes_io() {
        let json = serde_json::Error::io(io::Error::new(io::ErrorKind::BrokenPipe, "pipe"));
        match MergeError::from(json) {
            MergeError::Io(e) => assert_eq!(e.kind(), io::ErrorKind::BrokenPipe),
            other => panic!("expected Io, got {other:?}"),
        }
    }
}
