//! Errors from reading dictionaries.

use thiserror::Error;

/// A dictionary line that could not be read, with where it is.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{file}:{line}: {kind}")]
pub struct DictError {
    /// The file (or the name given to a string source).
    pub file: String,
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub kind: DictErrorKind,
}

/// What is wrong with a dictionary line.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum DictErrorKind {
    /// An entry came before any `!family` directive.
    #[error("entry before any `!family` directive")]
    NoFamily,
    /// A `!` line that is not a known directive.
    #[error("unknown directive `{0}` (expected !family, !category, !severity or !as-of)")]
    UnknownDirective(String),
    /// A directive without its value.
    #[error("directive `!{0}` needs a value")]
    DirectiveValue(String),
    /// `!family` with an unknown name.
    #[error("unknown family `{0}` (expected typo, sensitive, allow, protected, leader, roster, title, institution, confusable, word, fold or repeat)")]
    UnknownFamily(String),
    /// Too few tab-separated fields.
    #[error("expected at least {expected} tab-separated fields, found {found}")]
    FieldCount {
        /// How many the family needs.
        expected: usize,
        /// How many the line has.
        found: usize,
    },
    /// An empty field where text is required.
    #[error("empty {0}")]
    Empty(&'static str),
    /// Leading or trailing white space in a field.
    #[error("{0} has leading or trailing white space")]
    Whitespace(&'static str),
    /// An attribute column without `=`.
    #[error("attribute `{0}` is not of the form key=value")]
    NotAttribute(String),
    /// An attribute this family does not know.
    #[error("unknown attribute `{key}` for family {family}")]
    UnknownAttribute {
        /// The attribute's key.
        key: String,
        /// The family of the line.
        family: &'static str,
    },
    /// An attribute with a value it cannot take.
    #[error("invalid value `{value}` for attribute `{key}`: {reason}")]
    BadValue {
        /// The attribute's key.
        key: String,
        /// The value given.
        value: String,
        /// What would be accepted.
        reason: String,
    },
    /// A suggestion equal to the pattern it replaces.
    #[error("suggestion `{0}` equals the pattern")]
    SuggestionIsPattern(String),
}
