//! sanshen (三审) reviews Chinese text before it is published: typos (错别字), sensitive
//! expressions (敏感词), leaders' names and titles (领导职务称呼) and official-document format
//! (规范). It is built for the people who run government websites and new-media accounts and
//! for the publishing tools they use.
//!
//! One automaton holds every dictionary pattern of every family and scans the text once; each
//! family then judges its own candidates, and expensive work such as word segmentation runs
//! only around the candidates that need it.
//!
//! ```
//! use sanshen::{Family, Linter, Span};
//!
//! let linter = Linter::new();
//! let text = "各单位要再接再励，认真布署。";
//! let findings = linter.check(text);
//! assert_eq!(findings.len(), 2);
//! assert_eq!(findings[0].family, Family::Typo);
//! assert_eq!(findings[0].span, Span::new(12, 24));
//! assert_eq!(&text[findings[0].span], "再接再励");
//! assert_eq!(findings[0].suggestions, ["再接再厉"]);
//! assert_eq!((findings[1].line, findings[1].column), (1, 12));
//! assert_eq!(linter.fix(text).text, "各单位要再接再厉，认真部署。");
//! ```
//!
//! # Dictionaries
//!
//! The shipped dictionaries are plain UTF-8 files under `dictionaries/`, embedded at compile
//! time; [`LinterBuilder::add_dictionary_file`] loads more of the same format at run time.
//!
//! # Crate features
//!
//! - `cli` (default): the `sanshen` binary and its dependencies. Library users can turn it off
//!   with `default-features = false`.
//! - `office` (on with `cli`): [`office`], the text of `.docx` and `.odt` documents read from
//!   bytes, with a map back to parts, paragraphs and table cells.
//! - `pdf` (on with `cli`): [`pdf`], the text layer of a PDF read from bytes, with a map back
//!   to pages and lines.
//! - `config` (in `cli`): [`config`], parsing the `sanshen.toml` settings file for any front.
//! - `serve` (default): `sanshen serve`, the HTTP service (axum on tokio).
//! - `model` (default, and in `cli`): the statistical typo model ([`model`], rule
//!   `typo/model`, about 6 MB of tables embedded), which then runs by default;
//!   [`LinterBuilder::model`]`(false)` or the rule's selector `model` turns it off. Without the
//!   feature the model is off, and asking for it with `model(true)` is a build error; the
//!   WebAssembly package leaves it out.
//! - `full-segmenter`: [`LinterBuilder::full_segmenter`], word-boundary checks with jieba's
//!   full dictionary (5 MB embedded). Off by default: the compact lexicon cuts the same around
//!   the shipped entries.
//!
//! # Portability
//!
//! The library reads no clock, files or threads on its default path, and builds for
//! `wasm32-unknown-unknown` with `default-features = false`. [`Linter::check`] checks as of the
//! date given to [`LinterBuilder::as_of`], or else as of the roster's own date
//! ([`Linter::roster_date`]); [`Date::today`] (Beijing time) is there for fronts that have a
//! clock.

#![forbid(unsafe_code)]

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod address;
mod builder;
mod bytes;
mod chars;
#[cfg(feature = "config")]
pub mod config;
mod date;
mod decision;
pub mod dict;
pub mod document;
mod error;
mod finding;
mod fingerprint;
mod fix;
mod hash;
mod index;
mod linter;
pub mod markup;
mod matcher;
pub mod model;
mod names;
mod normalize;
#[cfg(feature = "office")]
pub mod office;
#[cfg(feature = "pdf")]
pub mod pdf;
mod record;
pub mod registry;
mod reply;
mod review;
mod roster;
mod rules;
mod scratch;
mod segment;
mod settings;
mod severity;
mod source;
mod span;
mod store;
#[cfg(test)]
mod test_rng;

pub use date::Date;
pub use decision::{Decision, Stage, Verdict};
pub use document::Markup;
pub use error::Error;
pub use finding::{Evasion, Family, Finding, Severity};
pub use fingerprint::{context, Fingerprinter, CONTEXT_CHARS};
pub use fix::{apply_fixes, Fixed};
pub use linter::{Linter, LinterBuilder};
#[doc(hidden)]
pub use matcher::BareWalk;
#[doc(hidden)]
pub use matcher::MatcherEngine;
pub use record::{Cell, Explanation, Record, Utf16Counter};
pub use reply::{is_reply, is_reply_type, ABUSE_CATEGORY, REPLY_TYPES, TYPE_FIELDS};
pub use roster::{validate_roster, RosterProblem, ROSTER_STALE_AFTER_DAYS};
pub use source::{Source, SourceKind};
pub use span::Span;
pub use store::AutomatonStore;
