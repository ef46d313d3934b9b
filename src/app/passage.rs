//! Sentences of a reading view as a quotation is made of them: which items have sentences to
//! select, the sentence after or before one (across paragraphs), the char ranges of a run of
//! them, and the passage a search hit starts, grown sentence by sentence. The reader's sentence
//! cursor and visual selection, the search popup's preview and `lunwen pick` all use these, so
//! a quote is the same run of sentences wherever it is made.

use std::ops::Range;

use lunwen_core::corpus::sentences::{sentences, slice_chars};
use lunwen_core::corpus::{Location, Paper};
use lunwen_core::search::{Hit, Unit, hit_sentence};
use lunwen_core::view::doc::{Doc, ItemKind};

/// A sentence of a reading view: item and index among its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SentenceRef {
    pub item: usize,
    pub index: usize,
}

/// Items whose sentences can be selected: the paragraphs of the body and the abstract.
pub fn selectable(doc: &Doc, item: usize) -> bool {
    doc.items.get(item).is_some_and(|i| {
        i.kind == ItemKind::Paragraph && matches!(i.source, Location::Block(_) | Location::Abstract)
    })
}

/// The sentences of an item, as char ranges of its text; none for an item that is not
/// [`selectable`].
pub fn item_sentences(doc: &Doc, item: usize) -> Vec<Range<usize>> {
    if !selectable(doc, item) {
        return Vec::new();
    }
    sentences(&doc.items[item].text)
}

/// The sentence after (or before) `s` in reading order, across paragraphs.
pub fn neighbour(doc: &Doc, s: SentenceRef, forward: bool) -> Option<SentenceRef> {
    if forward {
        if s.index + 1 < item_sentences(doc, s.item).len() {
            return Some(SentenceRef {
                index: s.index + 1,
                ..s
            });
        }
        (s.item + 1..doc.items.len())
            .find(|&i| !item_sentences(doc, i).is_empty())
            .map(|item| SentenceRef { item, index: 0 })
    } else {
        if s.index > 0 {
            return Some(SentenceRef {
                index: s.index - 1,
                ..s
            });
        }
        (0..s.item).rev().find_map(|item| {
            let n = item_sentences(doc, item).len();
            n.checked_sub(1).map(|index| SentenceRef { item, index })
        })
    }
}

/// Char ranges, per item, of the sentences from `from` to `to`, both included.
pub fn span(doc: &Doc, from: SentenceRef, to: SentenceRef) -> Vec<(usize, Range<usize>)> {
    (from.item..=to.item)
        .filter_map(|item| {
            let all = item_sentences(doc, item);
            let first = if item == from.item { from.index } else { 0 };
            let last = if item == to.item {
                to.index
            } else {
                all.len().checked_sub(1)?
            };
            Some((item, all.get(first)?.start..all.get(last)?.end))
        })
        .collect()
}

/// How many sentences there are from `from` to `to`, both included.
pub fn count_sentences(doc: &Doc, from: SentenceRef, to: SentenceRef) -> usize {
    (from.item..=to.item)
        .map(|item| {
            let n = item_sentences(doc, item).len();
            let first = if item == from.item { from.index } else { 0 };
            let last = if item == to.item { to.index + 1 } else { n };
            last.min(n).saturating_sub(first)
        })
        .sum()
}

/// The text of char ranges of items, one paragraph per line: what a quotation quotes.
pub fn text_of(doc: &Doc, pieces: &[(usize, Range<usize>)]) -> String {
    pieces
        .iter()
        .filter_map(|(item, range)| Some(slice_chars(&doc.items.get(*item)?.text, range.clone())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where a quote of `pieces` starts in the paper: the location and char offset of its first
/// char, which names its paragraph and its printed page.
pub fn start_of(doc: &Doc, pieces: &[(usize, Range<usize>)]) -> Option<(Location, usize)> {
    let (item, range) = pieces.first()?;
    doc.locate(*item, range.start)
}

/// `sentence`, `3 sentences`: what a quote of `n` sentences is, for messages.
pub fn sentences_label(n: usize) -> String {
    if n == 1 {
        "sentence".to_string()
    } else {
        format!("{n} sentences")
    }
}

/// What a search hit quotes: its sentence and the `more` sentences after it, in the reading view
/// of its paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The reading view of the hit's paper.
    pub doc: Doc,
    /// Char ranges, per item of `doc`, of what is quoted, in reading order.
    pub pieces: Vec<(usize, Range<usize>)>,
    /// Sentences quoted.
    pub sentences: usize,
    /// The hit's own sentence (item and char range), and its matched chars (char indices into
    /// that item's text).
    pub hit: (usize, Range<usize>),
    pub matched: Vec<usize>,
    /// True when `more` asked for sentences past the end of the paper, or the hit is not in
    /// body text (a heading, a note), which quotes itself alone.
    pub short: bool,
}

impl Passage {
    /// The passage of `hit` on `unit` of `paper`, with up to `more` sentences after the hit's.
    pub fn of_hit(paper: &Paper, unit: &Unit, hit: &Hit, more: usize) -> Option<Passage> {
        let doc = Doc::new(paper);
        let (item, offset) = doc.find(unit.source)?;
        let sentence = hit_sentence(paper, unit);
        let sentence = sentence.start + offset..sentence.end + offset;
        let matched = hit
            .positions
            .iter()
            .map(|p| offset + unit.range.start + p)
            .collect();
        let start = item_sentences(&doc, item)
            .iter()
            .position(|r| r.contains(&sentence.start));
        let (pieces, sentences, short) = match start {
            Some(index) => {
                let from = SentenceRef { item, index };
                let mut to = from;
                let mut short = false;
                for _ in 0..more {
                    match neighbour(&doc, to, true) {
                        Some(next) => to = next,
                        None => {
                            short = true;
                            break;
                        }
                    }
                }
                (span(&doc, from, to), count_sentences(&doc, from, to), short)
            }
            None => (vec![(item, sentence.clone())], 1, more > 0),
        };
        Some(Passage {
            doc,
            pieces,
            sentences,
            hit: (item, sentence),
            matched,
            short,
        })
    }

    /// The quoted text as the paper has it, one paragraph per line.
    pub fn text(&self) -> String {
        text_of(&self.doc, &self.pieces)
    }

    /// Index into `Paper::blocks` of the first paragraph quoted, when in the body.
    pub fn block(&self) -> Option<usize> {
        start_of(&self.doc, &self.pieces)?.0.block()
    }

    /// Printed page of the first char quoted, where `paper` (the hit's) tells it.
    pub fn page(&self, paper: &Paper) -> Option<u32> {
        let (at, offset) = start_of(&self.doc, &self.pieces)?;
        paper.printed_page_at(at, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lunwen_core::search::{Cancel, Scope, SearchIndex};
    use lunwen_core::testing::long_paper;

    fn first_hit(paper: &Paper, query: &str) -> (Unit, Hit) {
        let index = SearchIndex::build(std::slice::from_ref(paper));
        let found = index
            .search(query, Scope::All, 10, &Cancel::never())
            .unwrap_or_else(|| panic!("cancelled"));
        let hit = found
            .hits
            .first()
            .cloned()
            .unwrap_or_else(|| panic!("no hit"));
        let unit = index
            .unit(hit.unit)
            .cloned()
            .unwrap_or_else(|| panic!("no unit"));
        (unit, hit)
    }

    #[test]
    fn a_passage_grows_sentence_by_sentence_across_paragraphs() {
        // long_paper's paragraphs are "第n段。" and the same sentence twice: the hit on 第0段
        // is a paragraph's first sentence, three sentences from the next paragraph.
        let paper = long_paper();
        let (unit, hit) = first_hit(&paper, "第0段");
        let grown = |more| {
            Passage::of_hit(&paper, &unit, &hit, more).unwrap_or_else(|| panic!("no passage"))
        };
        let one = grown(0);
        assert_eq!(
            (one.text().as_str(), one.sentences, one.short),
            ("第0段。", 1, false)
        );
        let para = grown(2);
        assert_eq!((para.sentences, para.pieces.len()), (3, 1));
        assert!(
            para.text().starts_with("第0段。以新质生产力") && para.text().ends_with("合作水平。")
        );
        let next = grown(3);
        assert_eq!(
            (next.sentences, next.pieces.len()),
            (4, 2),
            "on into the next paragraph"
        );
        assert_eq!(next.text(), format!("{}\n第1段。", para.text()));
        assert_eq!(next.block(), para.block());
        assert_eq!(one.hit, next.hit, "the hit's sentence stays where it is");
        // past the end of the paper it stops, and says so
        let all = grown(10_000);
        assert!(all.short && all.sentences > 4 && all.text().ends_with("合作水平。"));
    }

    #[test]
    fn a_heading_quotes_itself_alone() {
        let paper = long_paper();
        let (unit, hit) = first_hit(&paper, "一、引言");
        let p = Passage::of_hit(&paper, &unit, &hit, 2).unwrap_or_else(|| panic!("no passage"));
        assert_eq!(
            (p.text().as_str(), p.sentences, p.short),
            ("一、引言", 1, true)
        );
        assert_eq!(sentences_label(1), "sentence");
        assert_eq!(sentences_label(3), "3 sentences");
    }
}
