//! Where wrapping put each char of an item's text: the link between a char range of the model
//! (a sentence) and the cells of the reading pane, for highlighting and for scrolling a sentence
//! into view.
//!
//! Wrapping keeps every non-whitespace char of the text, in order, in the item's `Text` segments;
//! it only collapses or drops whitespace and adds markers, indents and prefixes in segments of
//! their own. So the n-th non-whitespace char of the text is the n-th non-whitespace char of those
//! segments.

use unicode_width::UnicodeWidthChar;

use super::wrap::{Layout, SegKind};

/// The cell a char was drawn at: display line of the layout, column, and width in columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub line: usize,
    pub col: usize,
    pub width: usize,
}

/// For each char of `text`, the text of item `item`, where `layout` drew it. `None` for
/// whitespace, and for every char after one the layout does not show as expected (a layout that
/// drew the item some other way, such as a table), so a mismatch highlights too little, never
/// the wrong cells.
pub fn place(layout: &Layout, item: usize, text: &str) -> Vec<Option<Placed>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![None; chars.len()];
    let Some(&first) = layout.item_start.get(item) else {
        return out;
    };
    let mut next = 0;
    for (line, l) in layout.lines.iter().enumerate().skip(first) {
        if l.item != item {
            break;
        }
        let mut col = 0;
        for seg in &l.segs {
            for c in seg.text.chars() {
                let width = c.width().unwrap_or(0);
                if seg.kind == SegKind::Text && !c.is_whitespace() {
                    while chars.get(next).is_some_and(|t| t.is_whitespace()) {
                        next += 1;
                    }
                    if chars.get(next) != Some(&c) {
                        return out;
                    }
                    out[next] = Some(Placed { line, col, width });
                    next += 1;
                }
                col += width;
            }
        }
    }
    out
}

/// First and last display line of the chars `range` of `text` (item `item`), if any is drawn.
pub fn lines_of(
    layout: &Layout,
    item: usize,
    text: &str,
    range: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let placed = place(layout, item, text);
    let mut drawn = placed.get(range)?.iter().flatten();
    let first = drawn.next()?.line;
    let last = drawn.last().map_or(first, |p| p.line);
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, BlockKind, Marker, Paper};
    use crate::view::doc::Doc;

    fn paper(text: &str, markers: Vec<Marker>) -> Paper {
        Paper {
            id: "t".into(),
            title: Some("题".into()),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                section: None,
                text: text.into(),
                markers,
                pages: Vec::new(),
            }],
            ..Paper::default()
        }
    }

    /// The text drawn in the cells a placement names, read back from the layout.
    fn drawn_at(layout: &Layout, p: Placed) -> String {
        let mut col = 0;
        for seg in &layout.lines[p.line].segs {
            for c in seg.text.chars() {
                if col == p.col {
                    return c.to_string();
                }
                col += c.width().unwrap_or(0);
            }
        }
        String::new()
    }

    #[test]
    fn every_visible_char_is_placed_where_it_is_drawn() {
        let text =
            "新质生产力是  创新起主导作用的先进生产力质态。It has   Latin words, too；\n末行。";
        let markers = vec![Marker {
            label: "①".into(),
            offset: 5,
            targets: Vec::new(),
        }];
        let doc = Doc::new(&paper(text, markers));
        let item = doc
            .items
            .iter()
            .position(|i| i.text == text)
            .unwrap_or_else(|| panic!("no paragraph item"));
        for width in [7, 12, 30, 80] {
            let layout = Layout::new(&doc, width);
            let placed = place(&layout, item, text);
            for (c, p) in text.chars().zip(&placed) {
                match p {
                    Some(p) => assert_eq!(drawn_at(&layout, *p), c.to_string(), "width {width}"),
                    None => assert!(c.is_whitespace(), "{c:?} not placed at width {width}"),
                }
            }
            let (first, last) = lines_of(&layout, item, text, 0..text.chars().count())
                .unwrap_or_else(|| panic!("nothing placed"));
            assert_eq!(first, layout.item_start[item]);
            assert!(last > first, "width {width} fits all on one line?");
        }
    }

    #[test]
    fn a_layout_of_other_text_places_nothing_after_the_mismatch() {
        let doc = Doc::new(&paper("甲乙丙。", Vec::new()));
        let layout = Layout::new(&doc, 40);
        let item = doc.items.len() - 1;
        let placed = place(&layout, item, "甲乙丁。");
        assert!(placed[1].is_some());
        assert!(placed[2..].iter().all(Option::is_none));
        assert_eq!(place(&layout, 999, "甲").len(), 1);
    }
}
