//! Putting the three sources of a paper's facts together: the sidecar the user wrote wins,
//! then an imported file, then what the parser read from the text. Each fact remembers its
//! source, so `lunwen info` can say why a citation says what it says.

use super::entry::ImportedEntry;
pub use crate::corpus::facts::{FactField, FactSource};
use crate::corpus::model::Metadata;

/// The merged facts, and for each one present the source that supplied it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    pub metadata: Metadata,
    pub key: Option<String>,
    /// In [`FactField::ALL`] order; fields nobody supplied are absent.
    pub sources: Vec<(FactField, FactSource)>,
}

impl Merged {
    /// Who supplied `field`; `None` when nobody did.
    pub fn source(&self, field: FactField) -> Option<&FactSource> {
        self.sources
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, s)| s)
    }
}

/// Field by field, the first source that has a value: `sidecar`, then `imported` (with its
/// origin), then `text`. Empty strings and empty author lists count as absent, so a sidecar
/// line `journal = ""` does not hide the imported journal.
pub fn merge(sidecar: &Metadata, imported: Option<&ImportedEntry>, text: &Metadata) -> Merged {
    let imported_meta = imported.map(ImportedEntry::to_metadata).unwrap_or_default();
    let imported_source = imported.map(|e| FactSource::Imported(e.origin.clone()));
    let mut layers = vec![(sidecar, FactSource::Sidecar)];
    if let Some(source) = &imported_source {
        layers.push((&imported_meta, source.clone()));
    }
    layers.push((text, FactSource::Text));

    let mut sources = Vec::new();
    let s = &mut sources;
    let metadata = Metadata {
        title: pick(&layers, FactField::Title, s, |m| present(&m.title)),
        authors: pick(&layers, FactField::Authors, s, |m| {
            m.authors
                .clone()
                .filter(|names| names.iter().any(|n| !n.trim().is_empty()))
        }),
        journal: pick(&layers, FactField::Journal, s, |m| present(&m.journal)),
        year: pick(&layers, FactField::Year, s, |m| m.year),
        volume: pick(&layers, FactField::Volume, s, |m| present(&m.volume)),
        issue: pick(&layers, FactField::Issue, s, |m| present(&m.issue)),
        pages: pick(&layers, FactField::Pages, s, |m| present(&m.pages)),
        doi: pick(&layers, FactField::Doi, s, |m| present(&m.doi)),
        url: pick(&layers, FactField::Url, s, |m| present(&m.url)),
        language: pick(&layers, FactField::Language, s, |m| present(&m.language)),
    };
    let mut key = None;
    if let (Some(entry), Some(source)) = (imported, imported_source)
        && let Some(k) = present(&entry.key)
    {
        key = Some(k);
        sources.push((FactField::Key, source));
    }
    Merged {
        metadata,
        key,
        sources,
    }
}

/// The value of the first layer that has one for `field`, noting that layer as its source.
fn pick<T>(
    layers: &[(&Metadata, FactSource)],
    field: FactField,
    sources: &mut Vec<(FactField, FactSource)>,
    get: impl Fn(&Metadata) -> Option<T>,
) -> Option<T> {
    layers.iter().find_map(|(meta, source)| {
        let value = get(meta)?;
        sources.push((field, source.clone()));
        Some(value)
    })
}

/// A trimmed value; blank counts as absent.
fn present(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn imported() -> ImportedEntry {
        let mut e = ImportedEntry::at_line(12);
        e.origin.file = PathBuf::from("refs.ris");
        e.key = Some("liu2025".into());
        e.title = Some("Imported title".into());
        e.authors = vec!["刘博".into(), "蔡文成".into()];
        e.journal = Some("中州学刊".into());
        e.year = Some(2025);
        e.issue = Some("6".into());
        e.pages = Some("34-41".into());
        e
    }

    #[test]
    fn sidecar_over_imported_over_text() {
        let sidecar = Metadata {
            year: Some(2024),
            journal: Some("  ".into()),
            ..Metadata::default()
        };
        let text = Metadata {
            title: Some("Text title".into()),
            authors: Some(vec!["刘 博".into()]),
            volume: Some("41".into()),
            ..Metadata::default()
        };
        let e = imported();
        let m = merge(&sidecar, Some(&e), &text);
        assert_eq!(m.metadata.year, Some(2024));
        assert_eq!(m.source(FactField::Year), Some(&FactSource::Sidecar));
        let from_file = FactSource::Imported(e.origin.clone());
        assert_eq!(
            m.metadata.journal.as_deref(),
            Some("中州学刊"),
            "blank sidecar value"
        );
        assert_eq!(m.source(FactField::Journal), Some(&from_file));
        assert_eq!(m.metadata.title.as_deref(), Some("Imported title"));
        assert_eq!(m.source(FactField::Title), Some(&from_file));
        assert_eq!(
            m.metadata.authors,
            Some(vec!["刘博".into(), "蔡文成".into()])
        );
        assert_eq!(m.metadata.volume.as_deref(), Some("41"));
        assert_eq!(m.source(FactField::Volume), Some(&FactSource::Text));
        assert_eq!(m.metadata.doi, None);
        assert_eq!(m.source(FactField::Doi), None);
        assert_eq!(m.key.as_deref(), Some("liu2025"));
        assert_eq!(m.source(FactField::Key), Some(&from_file));
        let order: Vec<FactField> = m.sources.iter().map(|(f, _)| *f).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|f| FactField::ALL.iter().position(|x| x == f));
        assert_eq!(order, sorted, "sources listed in ALL order");
    }

    #[test]
    fn without_an_import_the_text_fills_in() {
        let text = Metadata {
            title: Some("T".into()),
            authors: Some(vec![String::new()]),
            ..Metadata::default()
        };
        let m = merge(&Metadata::default(), None, &text);
        assert_eq!(m.metadata.title.as_deref(), Some("T"));
        assert_eq!(m.source(FactField::Title), Some(&FactSource::Text));
        assert_eq!(m.metadata.authors, None, "a list of blank names is no list");
        assert_eq!(m.key, None);
        assert_eq!(m.sources.len(), 1);
    }
}
