//! Bibliographic metadata a researcher already has, exported by a reference manager or a
//! database: BibTeX/BibLaTeX, CSL-JSON, RIS, EndNote tagged and NoteExpress files (CNKI and
//! Wanfang export the last three). Each format's parser turns a file into [`ImportedEntry`]s;
//! [`match_entries`] pairs them with papers and [`merge`] puts them under the sidecar and over
//! the text, remembering where every fact came from.
//!
//! Parsers take text, not bytes: decoding (BOM, GB18030 …) is [`parse_file`]'s job, or the
//! caller's. They never panic on what a file contains and name the line of what they refuse.

mod bibtex;
pub(super) mod clean;
mod csl_json;
mod detect;
mod endnote;
mod entry;
mod error;
mod file;
mod matching;
mod merge;
pub(super) mod names;
mod normalize;
mod noteexpress;
mod ris;
mod tagged;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod hostile;
#[cfg(test)]
mod pipeline;

pub use detect::{Format, detect};
pub use entry::{EntryKind, ImportedEntry, Origin};
pub use error::ImportError;
pub use file::{parse, parse_file};
pub use matching::{
    AmbiguousEntry, ContestedPaper, MatchKind, MatchReport, PaperKey, PaperMatch, match_entries,
};
pub use merge::{FactField, FactSource, Merged, merge};
pub use normalize::{normalize_doi, normalize_title};

/// The parser of each format, for callers that already know what a file holds.
pub mod formats {
    pub use super::bibtex::parse as bibtex;
    pub use super::csl_json::parse as csl_json;
    pub use super::endnote::parse as endnote;
    pub use super::noteexpress::parse as noteexpress;
    pub use super::ris::parse as ris;
}
