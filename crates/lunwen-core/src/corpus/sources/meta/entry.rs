//! One bibliographic record as a metadata file states it, whatever the file's format.

use std::path::PathBuf;

pub use crate::corpus::facts::Origin;
use crate::corpus::model::Metadata;

/// What kind of work a record describes. Citation styles print works differently (GB/T 7714
/// marks them `[J]`, `[M]`, `[C]`, `[D]` …), so the kind is kept even where lunwen only cites
/// articles today.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A journal or magazine article.
    #[default]
    JournalArticle,
    Book,
    /// A chapter or section in an edited book.
    BookSection,
    ConferencePaper,
    Thesis,
    Report,
    NewspaperArticle,
    Webpage,
    Patent,
    Standard,
    /// Any other type, as the file names it (`misc`, `GEN`, `Case` …).
    Other(String),
}

/// A bibliographic record read from a metadata file or a Zotero library. Every text field is
/// cleaned (control characters removed, whitespace collapsed) and `None` rather than empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedEntry {
    /// BibTeX-style citation key (`liu2025zhongguo`), where the file has one.
    pub key: Option<String>,
    pub title: Option<String>,
    /// In the order the file lists them; Chinese names as written (`张三`), others as
    /// `Family, Given` when the file separates the parts.
    pub authors: Vec<String>,
    /// Journal, proceedings or book the work appeared in.
    pub journal: Option<String>,
    pub year: Option<u32>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    /// `34-41`, or a single page.
    pub pages: Option<String>,
    /// Without any `https://doi.org/` or `doi:` prefix.
    pub doi: Option<String>,
    pub url: Option<String>,
    /// BCP 47 tag (`zh`, `en`, `zh-CN`).
    pub language: Option<String>,
    pub kind: EntryKind,
    pub origin: Origin,
}

impl ImportedEntry {
    /// An empty record starting at `line`, for a parser to fill in.
    pub(super) fn at_line(line: usize) -> ImportedEntry {
        ImportedEntry {
            origin: Origin {
                file: PathBuf::new(),
                line,
                record: None,
            },
            ..ImportedEntry::default()
        }
    }

    /// The facts in the shape sidecars and papers use, so the three sources can be merged.
    pub fn to_metadata(&self) -> Metadata {
        Metadata {
            title: self.title.clone(),
            authors: (!self.authors.is_empty()).then(|| self.authors.clone()),
            journal: self.journal.clone(),
            year: self.year,
            volume: self.volume.clone(),
            issue: self.issue.clone(),
            pages: self.pages.clone(),
            doi: self.doi.clone(),
            url: self.url.clone(),
            language: self.language.clone(),
        }
    }

    /// Whether the record states anything a citation could use; records that do not (an
    /// empty `TY  - JOUR` … `ER  -`) are dropped by the parsers.
    pub(super) fn has_facts(&self) -> bool {
        self.title.is_some()
            || !self.authors.is_empty()
            || self.journal.is_some()
            || self.year.is_some()
            || self.doi.is_some()
    }

    /// The same facts, ignoring where they came from: two files holding one record agree.
    pub(super) fn same_facts(&self, other: &ImportedEntry) -> bool {
        ImportedEntry {
            origin: Origin::default(),
            ..self.clone()
        } == ImportedEntry {
            origin: Origin::default(),
            ..other.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_leaves_absent_authors_absent() {
        let mut e = ImportedEntry::at_line(1);
        assert_eq!(e.to_metadata().authors, None);
        e.authors = vec!["张三".into()];
        e.year = Some(2025);
        let m = e.to_metadata();
        assert_eq!(m.authors, Some(vec!["张三".to_string()]));
        assert_eq!(m.year, Some(2025));
    }

    #[test]
    fn same_facts_ignores_origin() {
        let mut a = ImportedEntry::at_line(1);
        a.title = Some("T".into());
        let mut b = a.clone();
        b.origin.line = 40;
        assert!(a.same_facts(&b));
        b.year = Some(2020);
        assert!(!a.same_facts(&b));
    }
}
