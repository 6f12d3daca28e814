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
}
