//! The error type of the writers.

use std::io;

/// Why writing a document failed.
///
/// I/O failures always surface as [`ExportError::Io`], whichever format was
/// being written, so a caller can test for
/// [`io::ErrorKind::BrokenPipe`] in one place. The underlying error is
/// available through [`std::error::Error::source`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Writing to the output failed.
    #[error("could not write the output")]
    Io(#[source] io::Error),
    /// A document could not be serialised as JSON (not an I/O failure).
    #[error("could not serialise a document as JSON")]
    Json(#[source] serde_json::Error),
    /// A CSV record could not be encoded (not an I/O failure).
    #[error("could not encode a CSV record")]
    Csv(#[source] csv::Error),
    /// [`Writer::write_encoded`](crate::Writer::write_encoded) was given a
    /// document encoded in another format than the writer's.
    #[error("a document encoded as {encoded} cannot be written as {writer}")]
    FormatMismatch {
        /// The writer's format.
        writer: crate::Format,
        /// The format the document was encoded in.
        encoded: crate::Format,
    },
}

impl From<io::Error> for ExportError {
    fn from(error: io::Error) -> Self {
        ExportError::Io(error)
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(error: serde_json::Error) -> Self {
        if error.is_io() {
            // Recovers the original `io::Error`.
            ExportError::Io(error.into())
        } else {
            ExportError::Json(error)
        }
    }
}

impl From<csv::Error> for ExportError {
    fn from(error: csv::Error) -> Self {
        if !error.is_io_error() {
            return ExportError::Csv(error);
        }
        match error.into_kind() {
            // Recovers the original `io::Error`.
            csv::ErrorKind::Io(io) => ExportError::Io(io),
            // `is_io_error` holds for the `Io` kind only.
            other => ExportError::Io(io::Error::other(format!("{other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_inside_json_errors_become_io() {
        let json = serde_json::Error::io(io::Error::new(io::ErrorKind::BrokenPipe, "pipe"));
        match ExportError::from(json) {
            ExportError::Io(e) => assert_eq!(e.kind(), io::ErrorKind::BrokenPipe),
            other => panic!("expected Io, got {other:?}"),
        }
    }

    #[test]
    fn io_errors_inside_csv_errors_become_io() {
        let csv = csv::Error::from(io::Error::new(io::ErrorKind::BrokenPipe, "pipe"));
        match ExportError::from(csv) {
            ExportError::Io(e) => assert_eq!(e.kind(), io::ErrorKind::BrokenPipe),
            other => panic!("expected Io, got {other:?}"),
        }
    }

    #[test]
    fn source_is_exposed() {
        use std::error::Error;
        let error = ExportError::from(io::Error::other("disk full"));
        assert_eq!(error.to_string(), "could not write the output");
        assert_eq!(
            error.source().map(|e| e.to_string()).as_deref(),
            Some("disk full")
        );
    }
}
