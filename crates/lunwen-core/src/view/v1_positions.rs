//! Reading positions as lunwen 0.1 saved them: an index into that version's reading view. Kept
//! so an old state file still opens every paper at the same place.

use crate::corpus::{Location, Paper, Part};

use super::doc::Doc;
use super::position::{Anchor, Position};

/// The location shown by item `item` of lunwen 0.1's reading view of `paper`: title, byline,
/// front-matter fields, then 摘要 and the abstract, 关键词 and the keywords, the body blocks,
/// 注释 and the notes, 参考文献 and the references, 其他内容 and the back matter. This order is
/// frozen: it is what old state files mean, whatever the view does today.
pub fn v1_location(paper: &Paper, item: usize) -> Option<Location> {
    let m = &paper.metadata;
    let has_byline = !paper.authors.is_empty() || m.journal.is_some() || m.year.is_some();
    let mut items = vec![Location::Title];
    if has_byline {
        items.push(Location::Author(0));
    }
    items.extend((0..paper.front_matter.len()).map(Location::Field));
    if paper.abstract_text.is_some() {
        items.extend([Location::Label(Part::Abstract), Location::Abstract]);
    }
    if !paper.keywords.is_empty() {
        items.extend([Location::Label(Part::Keywords), Location::Keyword(0)]);
    }
    items.extend((0..paper.blocks.len()).map(Location::Block));
    let mut part = |part: Part, n: usize, at: fn(usize) -> Location| {
        if n > 0 {
            items.push(Location::Label(part));
            items.extend((0..n).map(at));
        }
    };
    part(Part::Notes, paper.notes.len(), Location::Note);
    part(
        Part::References,
        paper.references.len(),
        Location::Reference,
    );
    part(
        Part::BackMatter,
        paper.back_matter.len(),
        Location::BackMatter,
    );
    items.get(item).copied()
}

/// A position saved by lunwen 0.1 (`item` of its reading view, `offset` chars into the item's
/// text, `line`) as an anchor, through today's view `doc` of the same paper.
pub fn v1_anchor(paper: &Paper, doc: &Doc, old: Position) -> Option<Anchor> {
    let (item, start) = doc.find(v1_location(paper, old.item)?)?;
    doc.anchor(Position {
        item,
        offset: start + old.offset,
        line: old.line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Today's view still has 0.1's items in 0.1's order, once the part 0.1 did not have (the
    /// paper in another language) is left out; if it changes, the frozen order above keeps old
    /// files meaning what they meant.
    #[test]
    fn the_v1_order_is_todays_view_of_every_seed() {
        let mut papers = crate::corpus::Corpus::bundled().papers;
        papers.push(crate::testing::long_paper());
        for paper in &papers {
            let doc = Doc::new(paper);
            let v1: Vec<_> = doc
                .items
                .iter()
                .filter(|item| {
                    !matches!(
                        item.source,
                        Location::Foreign(_)
                            | Location::Label(Part::English)
                            | Location::Label(Part::Foreign)
                    )
                })
                .collect();
            for (i, item) in v1.iter().enumerate() {
                assert_eq!(
                    v1_location(paper, i),
                    Some(item.source),
                    "{} item {i}",
                    paper.id
                );
            }
            assert_eq!(v1_location(paper, v1.len()), None);
        }
    }
}
