//! `lunwen search`, and its hits as the CLI prints them: a line per hit for people, JSON for
//! scripts.

use std::io::IsTerminal;

use serde::Serialize;

use lunwen_core::corpus::text::sanitize;
use lunwen_core::corpus::{Corpus, Paper};
use lunwen_core::search::{self, Cancel, Hit, Place, Scope, SearchIndex, Unit};

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
    match search::place(paper, unit) {
        Place::Title => Some("title".into()),
        Place::Author => Some("author".into()),
        Place::Keyword => Some("keyword".into()),
        Place::Abstract => Some("abstract".into()),
        Place::Note("") => Some("note".into()),
        Place::Note(label) => Some(format!("note {label}")),
        Place::Reference("") => Some("reference".into()),
        Place::Reference(label) => Some(format!("reference {label}")),
        Place::Body(path) => (!path.is_empty()).then(|| path.join(" › ")),
        Place::Other => None,
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

/// `lunwen search`: the hits for `query` across the corpus or in one paper, a line each or as
/// JSON; what was left out (`--limit`) or found only with a typo goes to stderr.
pub fn run_search(
    corpus: &Corpus,
    query: &str,
    paper: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<(), String> {
    if query.trim().is_empty() {
        return Err("the search query is empty".into());
    }
    let scope = match paper {
        Some(key) => {
            let p = corpus.find(key)?;
            let idx = corpus
                .papers
                .iter()
                .position(|q| q.id == p.id)
                .ok_or_else(|| format!("paper {key} vanished"))?;
            Scope::Paper(idx)
        }
        None => Scope::All,
    };
    let index = SearchIndex::build(&corpus.papers);
    let found = index
        .search(query, scope, limit, &Cancel::never())
        .ok_or("search was cancelled")?;
    let records: Vec<_> = found
        .hits
        .iter()
        .filter_map(|h| record(&corpus.papers, &index, h))
        .collect();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&records).map_err(|e| e.to_string())?
        );
    } else {
        let color = std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        for r in &records {
            println!("{}", line(r, color));
        }
    }
    if found.typos && found.total > 0 {
        eprintln!("lunwen: no exact match; these hits allow one mistyped character");
    }
    if found.total == 0 {
        eprintln!("lunwen: no match for '{}'", sanitize(query));
    } else if found.total > records.len() {
        eprintln!(
            "lunwen: showing {} of {} hits (--limit)",
            records.len(),
            found.total
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lunwen_core::corpus::{Block, BlockKind, Heading, Note};
    use lunwen_core::search::{Cancel, Scope};

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
