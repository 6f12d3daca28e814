use thiserror::Error;

/// Why one input could not be extracted.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// The bytes are not a dump (binary, impossible header date, …).
    #[error("{source_name}: {error}")]
    Dump {
        /// The input as the user named it.
        source_name: String,
        /// What the dump parser found, with line and byte offset.
        #[source]
        error: tidings_dump::DumpError,
    },
    /// The input could not be read.
    #[error("{source_name}: {error}")]
    Read {
        /// The input as the user named it.
        source_name: String,
        /// The operating system's reason.
        #[source]
        error: std::io::Error,
    },
    /// The input is larger than the configured limit; it was not read.
    #[error("{source_name}: {bytes} bytes is more than the limit of {limit} bytes (raise it with --max-file-size)")]
    TooLarge {
        /// The input as the user named it.
        source_name: String,
        /// Its size, or the bytes read before giving up.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// A JSON Lines record is not a `{"id", "text"}` record.
    #[error("{source_name}: line {line}: {message}")]
    Record {
        /// The JSON Lines input.
        source_name: String,
        /// 1-based line of the record.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A line is longer than the configured limit.
    #[error("{source_name}: line {line}, byte {offset}: the line is {bytes} bytes, more than the limit of {limit} (raise it with --max-line-length)")]
    LineTooLong {
        /// The input as the user named it.
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// Byte offset of the line's start.
        offset: usize,
        /// Its length.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl ExtractError {
    /// The input the error is about, as the user named it.
    pub fn source_name(&self) -> &str {
        match self {
            ExtractError::Dump { source_name, .. }
            | ExtractError::Read { source_name, .. }
            | ExtractError::TooLarge { source_name, .. }
            | ExtractError::Record { source_name, .. }
            | ExtractError::LineTooLong { source_name, .. } => source_name,
        }
    }
}
