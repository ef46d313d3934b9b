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
    /// Physical pages of the file (form feeds + 1).
    pub page_count: u32,
    /// Printed page number of each physical page, where the text tells it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub printed_pages: Vec<Option<u32>>,
    /// The paper's title, abstract and keywords in another language.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub foreign_matter: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub back_matter: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct ExportParagraph<'a> {
    pub section: Option<usize>,
    pub text: &'a str,
    pub markers: Vec<ExportMarker<'a>>,
    /// Where pages begin in `text` (files with page breaks only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<ExportPage>,
}

#[derive(Debug, Serialize)]
pub struct ExportPage {
    /// Char offset into the paragraph's `text`.
    pub offset: usize,
    /// Physical page, 1-based.
    pub page: u32,
    /// The number printed on that page, if the text tells it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed: Option<u32>,
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
                pages: b
                    .pages
                    .iter()
                    .map(|&(offset, page)| ExportPage {
                        offset,
                        page,
                        printed: p.printed_page_of(page),
                    })
                    .collect(),
            })
            .collect(),
        notes: &p.notes,
        references: &p.references,
        metadata: &p.metadata,
        page_count: p.page_count,
        printed_pages: if p.page_count >= 2 {
            p.printed_pages.clone()
        } else {
            Vec::new()
        },
        foreign_matter: &p.foreign_matter,
        back_matter: &p.back_matter,
    }
}
