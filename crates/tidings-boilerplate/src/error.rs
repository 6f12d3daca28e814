use thiserror::Error;

/// Why a rule pack could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    /// The TOML itself is malformed or has unknown keys.
    #[error("{origin}: {message}")]
    Syntax {
        /// Where the text came from.
        origin: String,
        /// The TOML parser's message, with line and column.
        message: String,
    },
    /// A rule breaks the format's constraints.
    #[error("{origin}: pack {pack:?}, rule {rule:?}: {message}")]
    Invalid {
        /// Where the text came from.
        origin: String,
        /// The pack's name.
        pack: String,
        /// The rule's name (empty for the pack itself).
        rule: String,
        /// What is wrong.
        message: String,
    },
    /// A `pattern` is not a valid regular expression.
    #[error("pack {pack:?}, rule {rule:?}: bad pattern: {message}")]
    Pattern {
        /// The pack's name.
        pack: String,
        /// The rule's name.
        rule: String,
        /// The regex compiler's message.
        message: String,
    },
}
