//! Where a paper's facts came from. A citation is only as good as its journal and year, so
//! every fact remembers who supplied it — the sidecar the user wrote, an imported metadata file
//! or a Zotero library, or the paper's own text — and `lunwen info` can say why a citation says
//! what it says. This module only names sources; merging them is `sources::meta::merge`.

use std::fmt;
use std::path::PathBuf;

/// Where an imported record came from, so `lunwen info` can point at what supplied a fact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file read; empty until the caller that read the file fills it in (the parsers only
    /// see text).
    pub file: PathBuf,
    /// 1-based line where the record starts; 0 for a source without lines (a database).
    pub line: usize,
    /// The record's name inside a source without lines (a Zotero item key).
    pub record: Option<String>,
}

impl fmt::Display for Origin {
    /// `refs.ris:12`, `zotero.sqlite item ABCD1234`, or just the file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match (self.line, &self.record) {
            (0, Some(record)) => write!(f, "{file} item {record}"),
            (0, None) => write!(f, "{file}"),
            (line, _) if self.file.as_os_str().is_empty() => write!(f, "line {line}"),
            (line, _) => write!(f, "{file}:{line}"),
        }
    }
}

/// Who supplied a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactSource {
    /// The paper's sidecar TOML ([`Provenance::sidecar`] says where it is).
    Sidecar,
    /// An imported metadata file or library, at this record.
    Imported(Origin),
    /// The paper's own text, as the parser read it.
    Text,
}

impl fmt::Display for FactSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactSource::Sidecar => write!(f, "sidecar"),
            FactSource::Imported(origin) => write!(f, "{origin}"),
            FactSource::Text => write!(f, "the paper's text"),
        }
    }
}

/// One bibliographic fact, for asking where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactField {
    Title,
    Authors,
    Journal,
    Year,
    Volume,
    Issue,
    Pages,
    Doi,
    Url,
    Language,
    /// The citation key; only imported files have one.
    Key,
}

impl FactField {
    /// In the order `info` lists them.
    pub const ALL: &'static [FactField] = &[
        FactField::Title,
        FactField::Authors,
        FactField::Journal,
        FactField::Year,
        FactField::Volume,
        FactField::Issue,
        FactField::Pages,
        FactField::Doi,
        FactField::Url,
        FactField::Language,
        FactField::Key,
    ];

    /// The name sidecars and messages use (`journal`, `doi` …).
    pub fn name(self) -> &'static str {
        match self {
            FactField::Title => "title",
            FactField::Authors => "authors",
            FactField::Journal => "journal",
            FactField::Year => "year",
            FactField::Volume => "volume",
            FactField::Issue => "issue",
            FactField::Pages => "pages",
            FactField::Doi => "doi",
            FactField::Url => "url",
            FactField::Language => "language",
            FactField::Key => "key",
        }
    }
}

/// Where a paper's text was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOrigin {
    /// Compiled into the binary.
    Bundled,
    /// A text file (`.txt`, `.md`).
    File(PathBuf),
    /// A PDF, through `pdftotext`.
    Pdf(PathBuf),
    /// The full text Zotero extracted (`storage/KEY/.zotero-ft-cache`).
    ZoteroFullText(PathBuf),
}

impl fmt::Display for TextOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextOrigin::Bundled => write!(f, "bundled with lunwen"),
            TextOrigin::File(p) => write!(f, "{}", p.display()),
            TextOrigin::Pdf(p) => write!(f, "{} (text by pdftotext)", p.display()),
            TextOrigin::ZoteroFullText(p) => {
                write!(f, "{} (Zotero's full-text cache)", p.display())
            }
        }
    }
}

/// What a paper knows about the sources of its facts and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// For each fact the paper has, who supplied it, in [`FactField::ALL`] order.
    pub facts: Vec<(FactField, FactSource)>,
    /// The citation key an imported record gave (Better BibTeX's, a `.bib` entry's).
    pub key: Option<String>,
    /// Zotero collection paths (`Parent/Child`) the paper is filed in.
    pub collections: Vec<String>,
    /// Where this paper's sidecar is or would be (`lunwen edit` creates it there); `None` for
    /// a paper with no place for one (the bundled papers).
    pub sidecar: Option<PathBuf>,
    pub text: Option<TextOrigin>,
}

impl Provenance {
    /// How messages name `source`: the sidecar by its path, an import by its file and line.
    pub fn source_name(&self, source: &FactSource) -> String {
        match (source, &self.sidecar) {
            (FactSource::Sidecar, Some(path)) => format!("sidecar {}", path.display()),
            _ => source.to_string(),
        }
    }

    /// Who supplied `field`; `None` when nobody did.
    pub fn source(&self, field: FactField) -> Option<&FactSource> {
        self.facts.iter().find(|(f, _)| *f == field).map(|(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_names_file_line_or_record() {
        let mut o = Origin {
            file: PathBuf::from("refs.ris"),
            line: 12,
            record: None,
        };
        assert_eq!(o.to_string(), "refs.ris:12");
        o.line = 0;
        assert_eq!(o.to_string(), "refs.ris");
        o.record = Some("ABCD1234".into());
        assert_eq!(o.to_string(), "refs.ris item ABCD1234");
        o.file = PathBuf::new();
        o.line = 3;
        assert_eq!(o.to_string(), "line 3");
    }

    #[test]
    fn names_are_stable() {
        let names: Vec<&str> = FactField::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(
            names,
            [
                "title", "authors", "journal", "year", "volume", "issue", "pages", "doi", "url",
                "language", "key"
            ]
        );
    }

    #[test]
    fn source_finds_the_field() {
        let p = Provenance {
            facts: vec![
                (FactField::Title, FactSource::Text),
                (FactField::Year, FactSource::Sidecar),
            ],
            ..Provenance::default()
        };
        assert_eq!(p.source(FactField::Year), Some(&FactSource::Sidecar));
        assert_eq!(p.source(FactField::Journal), None);
        assert_eq!(FactSource::Text.to_string(), "the paper's text");
    }
}
