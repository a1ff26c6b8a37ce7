//! The crate's error type.

use crate::dict::DictError;
use std::path::PathBuf;
use thiserror::Error;

/// Anything that can go wrong while building a [`Linter`](crate::Linter).
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A dictionary line is malformed.
    #[error(transparent)]
    Dict(#[from] DictError),
    /// A dictionary file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// A dictionary file is not valid UTF-8.
    #[error("{}: not valid UTF-8 at byte {offset}", path.display())]
    Utf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A builder setting names something that does not exist.
    #[error("{0}")]
    Config(String),
    /// A setting names a rule, family or category that does not exist.
    #[error("unknown {kind} `{name}` (valid: {valid})")]
    Unknown {
        /// What was expected: `rule or family`, `category`, ….
        kind: &'static str,
        /// The name given.
        name: String,
        /// The valid names, comma-separated.
        valid: String,
    },
}
