//! Search units: the pieces of a paper a hit can point at (a sentence, a heading, the title, an
//! author), built once when the corpus is loaded.

use std::ops::Range;

use crate::corpus::sentences::sentences;
use crate::corpus::{BlockKind, Location, Paper};

use super::fold::fold;
use super::pinyin::{PinyinTable, leading_letters, letter_bit, pair_bits};

/// Units longer than this many chars are cut, so matching one stays bounded (skim's matrix is
/// query × text) and a hit row still says where in a long sentence the match is.
pub const MAX_UNIT_CHARS: usize = 160;

/// What a unit is, for display (a popup can mark headings and titles differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Title,
    Author,
    Keyword,
    Heading,
    Sentence,
}

/// One searchable piece of text and where it sits.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Index of the paper in the slice the index was built from.
    pub paper: usize,
    pub kind: UnitKind,
    /// Which text of the paper the unit was cut from; `range` indexes its chars.
    pub source: Location,
    /// Char range of the unit in its source text.
    pub range: Range<usize>,
    /// Index into the paper's `outline` of the section the unit is in, when known.
    pub section: Option<usize>,
    /// The unit's text as in the paper.
    pub text: String,
    /// `text` folded for matching, when folding changed anything.
    folded: Option<String>,
    /// Reading set (see [`PinyinTable`]) of each char; empty when the text has no Han char.
    pub(crate) sets: Box<[u16]>,
    /// Letters that begin a reading of some char, or stand literally in the text.
    pub(crate) initials: u32,
    /// Letters that occur in a reading of some char, or literally in the text.
    pub(crate) letters: u32,
    /// Which chars the folded text holds, as a one-hash Bloom filter (see [`char_bit`]): a
    /// query char whose bit is clear is not in the text.
    pub(crate) chars: u128,
    /// Letter pairs (see [`pair_bits`]) of neighbouring chars, punctuation stepped over: what a
    /// char may begin a pinyin match with, then what the next one may.
    pub(crate) pairs: u128,
}

/// Bit of a char in the [`Unit`] char filter. Multiplying spreads neighbouring code points
/// (common Han chars sit close together) over the 128 bits.
pub fn char_bit(c: char) -> u128 {
    1 << ((u32::from(c).wrapping_mul(0x9e37_79b1) >> 25) & 127)
}

impl Unit {
    /// The text matching runs on: case and width folded, char-aligned with `text`.
    pub fn folded(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.text)
    }
}

/// The units of every paper, in document order per paper (title, authors, keywords, abstract,
/// body, notes, references), papers in slice order.
pub fn build_units(papers: &[Paper], table: &mut PinyinTable) -> Vec<Unit> {
    let mut units = Vec::new();
    for (p, paper) in papers.iter().enumerate() {
        let mut add = |kind, source, text: &str, section, split: bool| {
            let chars: Vec<char> = text.chars().collect();
            let ranges = if split {
                sentences(text)
            } else {
                std::iter::once(0..chars.len()).collect()
            };
            for r in ranges {
                for piece in cap(&chars, r) {
                    let mut piece = piece;
                    while piece.start < piece.end && chars[piece.start].is_whitespace() {
                        piece.start += 1;
                    }
                    while piece.end > piece.start && chars[piece.end - 1].is_whitespace() {
                        piece.end -= 1;
                    }
                    if !piece.is_empty() {
                        let t: String = chars[piece.clone()].iter().collect();
                        units.push(make_unit(p, kind, source, piece, section, &t, table));
                    }
                }
            }
        };
        add(
            UnitKind::Title,
            Location::Title,
            &paper.display_title(),
            None,
            false,
        );
        for (i, a) in paper.authors.iter().enumerate() {
            add(UnitKind::Author, Location::Author(i), a, None, false);
        }
        for (i, k) in paper.keywords.iter().enumerate() {
            add(UnitKind::Keyword, Location::Keyword(i), k, None, false);
        }
        if let Some(a) = &paper.abstract_text {
            add(UnitKind::Sentence, Location::Abstract, a, None, true);
        }
        for (i, b) in paper.blocks.iter().enumerate() {
            let kind = if b.kind == BlockKind::Heading {
                UnitKind::Heading
            } else {
                UnitKind::Sentence
            };
            add(
                kind,
                Location::Block(i),
                &b.text,
                b.section,
                b.kind != BlockKind::Heading,
            );
        }
        for (i, n) in paper.notes.iter().enumerate() {
            add(UnitKind::Sentence, Location::Note(i), &n.text, None, true);
        }
        for (i, r) in paper.references.iter().enumerate() {
            add(
                UnitKind::Sentence,
                Location::Reference(i),
                &r.text,
                None,
                false,
            );
        }
    }
    units
}

fn make_unit(
    paper: usize,
    kind: UnitKind,
    source: Location,
    range: Range<usize>,
    section: Option<usize>,
    text: &str,
    table: &mut PinyinTable,
) -> Unit {
    let folded = fold(text);
    let mut sets = Vec::with_capacity(range.len());
    let (mut initials, mut letters) = (0u32, 0u32);
    let mut any_han = false;
    let mut char_bits = 0u128;
    let mut pairs = 0u128;
    let mut prev_letters = 0u32;
    for c in folded.chars() {
        char_bits |= char_bit(c);
        let id = table.id(c);
        if let Some(l) = leading_letters(c, id, table) {
            pairs |= pair_bits(prev_letters, l);
            prev_letters = l;
        }
        any_han |= id != 0;
        sets.push(id);
        initials |= table.initials(id);
        letters |= table.letters(id);
        if c.is_ascii() {
            initials |= letter_bit(c as u8);
            letters |= letter_bit(c as u8);
        }
    }
    if !any_han {
        sets.clear();
    }
    Unit {
        paper,
        kind,
        source,
        range,
        section,
        folded: (folded != text).then_some(folded),
        text: text.to_string(),
        sets: sets.into_boxed_slice(),
        initials,
        letters,
        chars: char_bits,
        pairs,
    }
}

/// Cuts a sentence longer than [`MAX_UNIT_CHARS`] into pieces, each ending after a comma-like
/// mark where one falls in the second half of the allowance, else at the limit.
fn cap(chars: &[char], range: Range<usize>) -> Vec<Range<usize>> {
    if range.len() <= MAX_UNIT_CHARS {
        return vec![range];
    }
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > MAX_UNIT_CHARS {
        let limit = start + MAX_UNIT_CHARS;
        let cut = (start + MAX_UNIT_CHARS / 2..limit)
            .rev()
            .find(|&k| matches!(chars.get(k), Some('，' | ',' | '、' | '：' | ':' | ' ')))
            .map_or(limit, |k| k + 1);
        out.push(start..cut);
        start = cut;
    }
    out.push(start..range.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Location;
    use crate::corpus::{Block, Heading};

    pub(crate) fn paper() -> Paper {
        Paper {
            id: "p".into(),
            file: "p.txt".into(),
            title: Some("以新质生产力赋能发展".into()),
            authors: vec!["刘博".into(), "蔡文成".into()],
            outline: vec![Heading {
                level: 1,
                heading: "一、引言".into(),
            }],
            blocks: vec![
                Block {
                    kind: BlockKind::Heading,
                    section: Some(0),
                    text: "一、引言".into(),
                    markers: vec![],
                    pages: Vec::new(),
                },
                Block {
                    kind: BlockKind::Paragraph,
                    section: Some(0),
                    text: "发展新质生产力。推动ＧＤＰ增长！".into(),
                    markers: vec![],
                    pages: Vec::new(),
                },
            ],
            ..Paper::default()
        }
    }

    #[test]
    fn units_in_document_order_with_locations() {
        let mut table = PinyinTable::default();
        let units = build_units(&[paper()], &mut table);
        let got: Vec<(UnitKind, Location, &str, Option<usize>)> = units
            .iter()
            .map(|u| (u.kind, u.source, u.text.as_str(), u.section))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    UnitKind::Title,
                    Location::Title,
                    "以新质生产力赋能发展",
                    None
                ),
                (UnitKind::Author, Location::Author(0), "刘博", None),
                (UnitKind::Author, Location::Author(1), "蔡文成", None),
                (UnitKind::Heading, Location::Block(0), "一、引言", Some(0)),
                (
                    UnitKind::Sentence,
                    Location::Block(1),
                    "发展新质生产力。",
                    Some(0)
                ),
                (
                    UnitKind::Sentence,
                    Location::Block(1),
                    "推动ＧＤＰ增长！",
                    Some(0)
                ),
            ]
        );
        assert_eq!(units[5].range, 8..16);
        assert_eq!(units[5].folded(), "推动gdp增长!");
        assert_eq!(units[4].folded(), units[4].text);
        assert_eq!(units[4].sets.len(), 8);
        assert_ne!(units[5].initials & letter_bit(b'g'), 0);
    }

    #[test]
    fn long_sentences_are_capped_preferring_commas() {
        let text = format!("{}，{}。", "甲".repeat(100), "乙".repeat(150));
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let pieces = cap(&chars, 0..n);
        assert_eq!(pieces[0], 0..101, "cut after the comma");
        assert!(pieces.iter().all(|r| r.len() <= MAX_UNIT_CHARS));
        assert_eq!(pieces.last().map(|r| r.end), Some(n));
        let plain: Vec<char> = "丙".repeat(400).chars().collect();
        let pieces = cap(&plain, 0..400);
        assert_eq!(pieces, vec![0..160, 160..320, 320..400]);
    }
}
