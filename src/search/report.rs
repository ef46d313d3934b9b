//! Hits as the CLI prints them: a line per hit for people, JSON for scripts.

use serde::Serialize;

use crate::corpus::Paper;
use crate::corpus::text::sanitize;

use super::index::{Hit, SearchIndex};
use super::units::{Source, Unit};

/// SGR codes around highlighted chars when printing to a terminal.
const HIGHLIGHT_ON: &str = "\u{1b}[1;31m";
const HIGHLIGHT_OFF: &str = "\u{1b}[0m";

/// One hit of `lunwen search --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HitRecord {
    /// Paper id.
    pub paper: String,
    /// Where in the paper: the section path (`一、引言 › （一）背景`), or `title`, `author`,
    /// `keyword`, `abstract`, `note ①`, `reference 3`; `null` for body text before any heading.
    pub section: Option<String>,
    pub text: String,
    pub score: i64,
    /// Char indices into `text` of the matched chars.
    pub positions: Vec<usize>,
}

/// Where a unit sits in its paper, for people (see [`HitRecord::section`]).
pub fn place(paper: &Paper, unit: &Unit) -> Option<String> {
    match unit.source {
        Source::Title => Some("title".into()),
        Source::Author(_) => Some("author".into()),
        Source::Keyword(_) => Some("keyword".into()),
        Source::Abstract => Some("abstract".into()),
        Source::Note(i) => Some(match paper.notes.get(i) {
            Some(n) => format!("note {}", n.label),
            None => "note".into(),
        }),
        Source::Reference(i) => Some(format!("reference {}", i + 1)),
        Source::Block(_) => {
            let section = unit.section.filter(|&s| s < paper.outline.len());
            let path = paper.section_path(section);
            (!path.is_empty()).then(|| {
                path.iter()
                    .map(|h| h.heading.as_str())
                    .collect::<Vec<_>>()
                    .join(" › ")
            })
        }
    }
}

/// The JSON record of a hit; `None` when the hit does not belong to this index and papers.
pub fn record(papers: &[Paper], index: &SearchIndex, hit: &Hit) -> Option<HitRecord> {
    let unit = index.unit(hit.unit)?;
    let paper = papers.get(unit.paper)?;
    Some(HitRecord {
        paper: paper.id.clone(),
        section: place(paper, unit),
        text: unit.text.clone(),
        score: hit.score,
        positions: hit.positions.clone(),
    })
}

/// `paper  section  text`, sanitized, the matched chars in bold red when `color`. Only the
/// innermost heading of the section path is shown, to keep the line short.
pub fn line(record: &HitRecord, color: bool) -> String {
    let section = record
        .section
        .as_deref()
        .and_then(|s| s.rsplit(" › ").next())
        .unwrap_or("-");
    let mut out = format!("{}  {}  ", sanitize(&record.paper), sanitize(section));
    let mut marks = record.positions.iter().peekable();
    let mut lit = false;
    for (i, c) in record.text.chars().enumerate() {
        let on = marks.next_if_eq(&&i).is_some();
        if color && on != lit {
            out.push_str(if on { HIGHLIGHT_ON } else { HIGHLIGHT_OFF });
            lit = on;
        }
        // per char, so a stripped control char cannot shift the highlight
        out.push_str(&sanitize(c.encode_utf8(&mut [0; 4])));
    }
    if lit {
        out.push_str(HIGHLIGHT_OFF);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, BlockKind, Heading, Note};
    use crate::search::{Cancel, Scope};

    fn paper() -> Paper {
        let block = |kind, section, text: &str| Block {
            kind,
            section,
            text: text.into(),
            markers: vec![],
            pages: Vec::new(),
        };
        Paper {
            id: "p1".into(),
            title: Some("题目".into()),
            outline: vec![
                Heading {
                    level: 1,
                    heading: "一、引言".into(),
                },
                Heading {
                    level: 2,
                    heading: "（一）背景".into(),
                },
            ],
            blocks: vec![
                block(BlockKind::Paragraph, None, "前言新质。"),
                block(BlockKind::Heading, Some(0), "一、引言"),
                block(BlockKind::Heading, Some(1), "（一）背景"),
                block(BlockKind::Paragraph, Some(1), "发展新质\u{1b}[2J生产力。"),
            ],
            notes: vec![Note {
                label: "①".into(),
                text: "注释新质。".into(),
                page: None,
            }],
            ..Paper::default()
        }
    }

    #[test]
    fn records_name_paper_and_section_path() {
        let papers = vec![paper()];
        let index = SearchIndex::build(&papers);
        let found = index
            .search("新质", Scope::All, 10, &Cancel::never())
            .unwrap();
        let mut places: Vec<Option<String>> = found
            .hits
            .iter()
            .filter_map(|h| record(&papers, &index, h))
            .map(|r| r.section)
            .collect();
        places.sort();
        assert_eq!(
            places,
            vec![
                None,
                Some("note ①".to_string()),
                Some("一、引言 › （一）背景".to_string())
            ]
        );
    }

    #[test]
    fn line_highlights_and_sanitizes() {
        let r = HitRecord {
            paper: "p1".into(),
            section: Some("一、引言 › （一）背景".into()),
            text: "发展新质\u{1b}[2J生产力".into(),
            score: 1,
            positions: vec![2, 3, 10],
        };
        assert_eq!(line(&r, false), "p1  （一）背景  发展新质[2J生产力");
        assert_eq!(
            line(&r, true),
            "p1  （一）背景  发展\u{1b}[1;31m新质\u{1b}[0m[2J生产\u{1b}[1;31m力\u{1b}[0m"
        );
    }
}
