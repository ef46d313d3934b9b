//! The whole way from an export to a citable paper: each format's file, matched to the paper
//! it describes and merged under its sidecar, supplies the journal and year the text lacks.

use std::path::Path;

use super::{
    FactField, FactSource, MatchKind, PaperKey, fixtures, match_entries, merge, parse_file,
};
use crate::corpus::model::Metadata;

/// The paper as the parser sees it: a title and authors from the text, no journal or year.
fn paper_text() -> (PaperKey, Metadata) {
    let title = fixtures::TITLE;
    let key = PaperKey {
        id: "000_410c59112ba8e771".into(),
        title: Some(title.into()),
        doi: None,
    };
    let text = Metadata {
        title: Some(title.into()),
        authors: Some(vec!["刘博".into(), "蔡文成".into()]),
        ..Metadata::default()
    };
    (key, text)
}

#[test]
fn every_format_fills_journal_and_year() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/corpus/sources/meta/testdata");
    let other = PaperKey {
        id: "other".into(),
        title: Some("An unrelated paper about something else entirely".into()),
        doi: None,
    };
    for name in [
        "zotero.bib",
        "zotero.json",
        "cnki.ris",
        "cnki.enw",
        "cnki.net.txt",
    ] {
        let path = dir.join(name);
        let (_, entries) = parse_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let (key, text) = paper_text();
        let report = match_entries(&[other.clone(), key], &entries);
        let m = report
            .for_paper(1)
            .unwrap_or_else(|| panic!("{name}: no match in {report:?}"));
        assert_eq!(m.how, MatchKind::Title, "{name}");
        assert!(report.for_paper(0).is_none(), "{name}");
        assert!(
            report.ambiguous.is_empty() && report.contested.is_empty(),
            "{name}"
        );

        let sidecar = Metadata::default();
        let merged = merge(&sidecar, Some(&entries[m.entry]), &text);
        assert_eq!(
            merged.metadata.journal.as_deref(),
            Some("中州学刊"),
            "{name}"
        );
        assert_eq!(merged.metadata.year, Some(2025), "{name}");
        assert_eq!(merged.metadata.pages.as_deref(), Some("34-41"), "{name}");
        match merged.source(FactField::Journal) {
            Some(FactSource::Imported(origin)) => {
                assert_eq!(origin.file, path, "{name}");
                assert!(origin.line >= 1, "{name}");
            }
            other => panic!("{name}: journal from {other:?}"),
        }
        assert_eq!(
            merged.source(FactField::Title),
            Some(&FactSource::Imported(entries[m.entry].origin.clone()))
        );
        assert_eq!(merged.metadata.authors, text.authors, "{name}");
    }
}

#[test]
fn unmatched_entries_are_reported() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/corpus/sources/meta/testdata");
    let (_, entries) = parse_file(&dir.join("zotero.bib")).unwrap_or_else(|e| panic!("{e}"));
    let (key, _) = paper_text();
    let report = match_entries(&[key], &entries);
    assert_eq!(report.matched.len(), 1);
    assert_eq!(report.unmatched.len(), entries.len() - 1);
}
