//! The `lunwen export --json` contract other tools rely on.

use serde::Serialize;

use super::model::{Heading, Metadata, Note, Paper};

#[derive(Debug, Serialize)]
pub struct ExportPaper<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub authors: &'a [String],
    pub keywords: &'a [String],
    #[serde(rename = "abstract")]
    pub abstract_text: Option<&'a str>,
    pub outline: &'a [Heading],
    pub paragraphs: Vec<ExportParagraph<'a>>,
    pub notes: &'a [Note],
    pub references: &'a [Note],
    pub metadata: &'a Metadata,
}

#[derive(Debug, Serialize)]
pub struct ExportParagraph<'a> {
    pub section: Option<usize>,
    pub text: &'a str,
    pub markers: Vec<ExportMarker<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ExportMarker<'a> {
    pub offset: usize,
    pub label: &'a str,
    pub targets: Vec<&'a str>,
}

pub fn to_json(p: &Paper) -> ExportPaper<'_> {
    ExportPaper {
        id: &p.id,
        title: p.title.as_deref(),
        authors: &p.authors,
        keywords: &p.keywords,
        abstract_text: p.abstract_text.as_deref(),
        outline: &p.outline,
        paragraphs: p
            .paragraphs()
            .map(|b| ExportParagraph {
                section: b.section,
                text: &b.text,
                markers: b
                    .markers
                    .iter()
                    .map(|m| ExportMarker {
                        offset: m.offset,
                        label: &m.label,
                        targets: m.targets.iter().filter_map(|&t| p.target_text(t)).collect(),
                    })
                    .collect(),
            })
            .collect(),
        notes: &p.notes,
        references: &p.references,
        metadata: &p.metadata,
    }
}
