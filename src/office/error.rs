//! What can go wrong reading an office document.

/// An office document that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not a ZIP package, or the package is damaged.
    #[error("not a readable ZIP package: {0}")]
    Package(String),
    /// A part the format requires is missing.
    #[error("missing part {0}")]
    MissingPart(String),
    /// A part is larger than a document can reasonably be (a ZIP bomb).
    #[error("part {part} is larger than {limit} bytes unpacked")]
    TooLarge {
        /// The part.
        part: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A part is not well-formed XML.
    #[error("{part}: byte {position}: malformed XML: {message}")]
    Xml {
        /// The part.
        part: String,
        /// Byte offset in the part.
        position: u64,
        /// What is wrong.
        message: String,
    },
}
