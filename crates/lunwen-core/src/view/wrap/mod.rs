//! Wrapping a [`Doc`] into display lines for one width: by display width (unicode-width), with
//! the Chinese line-break rules (no line starts with closing punctuation, none ends with opening
//! punctuation, markers stay on their word), and tables laid out as tables. Done once per width;
//! the reader then draws only the visible slice.

use unicode_width::UnicodeWidthStr;

mod breaks;
mod line;
mod table;

pub use line::wrap;
pub use table::table;

use super::doc::{Doc, Item, ItemKind};
use super::position::Position;

/// How a piece of a line is drawn; the item kind of the line decides the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegKind {
    Text,
    /// A note marker: index into the item's `markers`.
    Marker(usize),
    /// A note or reference label before its entry.
    Prefix,
    /// Table borders.
    Rule,
    /// A table header cell.
    Header,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    pub kind: SegKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The item this line belongs to (blank spacer lines belong to the item above).
    pub item: usize,
    /// Characters of the item drawn on its lines above this one: a place in the text that,
    /// unlike the line number, survives a change of width.
    pub start: usize,
    pub segs: Vec<Seg>,
}

impl Line {
    pub fn text(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A document wrapped at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    /// First line of each item.
    pub item_start: Vec<usize>,
}

/// Markers print as superscripts when they are numbers, else as printed (①).
pub fn marker_label(label: &str) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if !label.is_empty()
        && label
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ','))
    {
        label
            .chars()
            .map(|c| match c {
                '0'..='9' => SUP[c as usize - '0' as usize],
                ',' => '˒',
                _ => '⁻',
            })
            .collect()
    } else {
        label.to_string()
    }
}

/// Appends a segment, merging it into the previous one when they are drawn alike.
pub(super) fn push_seg(segs: &mut Vec<Seg>, seg: Seg) {
    if seg.text.is_empty() {
        return;
    }
    match segs.last_mut() {
        Some(last) if last.kind == seg.kind && !matches!(seg.kind, SegKind::Marker(_)) => {
            last.text.push_str(&seg.text)
        }
        _ => segs.push(seg),
    }
}

/// Columns a paragraph's first line is indented by: two CJK characters, as printed papers do.
const PARA_INDENT: usize = 4;

fn item_lines(item: &Item, width: usize) -> Vec<Vec<Seg>> {
    match item.kind {
        ItemKind::Paragraph => wrap(
            &item.text,
            &item.markers,
            width,
            (PARA_INDENT, 0),
            SegKind::Text,
        ),
        ItemKind::Table => table(&item.text, width),
        ItemKind::Entry => {
            let prefix = item.prefix.clone().unwrap_or_default();
            let pw = UnicodeWidthStr::width(prefix.as_str()) + 1;
            let hang = if pw * 3 > width { 0 } else { pw };
            let mut lines = wrap(
                &item.text,
                &item.markers,
                width,
                (hang, hang),
                SegKind::Text,
            );
            if let Some(first) = lines.first_mut() {
                if hang > 0 && !first.is_empty() && first[0].text.trim().is_empty() {
                    first.remove(0);
                }
                first.insert(
                    0,
                    Seg {
                        text: format!("{prefix} "),
                        kind: SegKind::Prefix,
                    },
                );
            }
            lines
        }
        _ => wrap(&item.text, &item.markers, width, (0, 0), SegKind::Text),
    }
}

/// Whether a blank line follows the item (entries and front-matter fields sit close together).
fn gap_after(item: &Item, next: Option<&Item>) -> bool {
    !matches!(
        (item.kind, next.map(|n| n.kind)),
        (_, None)
            | (ItemKind::Entry, Some(ItemKind::Entry))
            | (ItemKind::Byline | ItemKind::Field, Some(ItemKind::Field))
            | (ItemKind::Label, _)
    )
}

impl Layout {
    pub fn new(doc: &Doc, width: usize) -> Layout {
        let width = width.max(1);
        let mut lines = Vec::new();
        let mut item_start = Vec::with_capacity(doc.items.len());
        for (i, item) in doc.items.iter().enumerate() {
            item_start.push(lines.len());
            let mut start = 0;
            for segs in item_lines(item, width) {
                let drawn = chars_of(&segs);
                lines.push(Line {
                    item: i,
                    start,
                    segs,
                });
                start += drawn;
            }
            if gap_after(item, doc.items.get(i + 1)) {
                lines.push(Line {
                    item: i,
                    start,
                    segs: Vec::new(),
                });
            }
        }
        Layout {
            width,
            lines,
            item_start,
        }
    }

    /// First display line of item `item`, clamped to the document.
    pub fn first_line(&self, item: usize) -> usize {
        match self.item_range(item) {
            Some(range) => range.start.min(self.lines.len().saturating_sub(1)),
            None => self.lines.len().saturating_sub(1),
        }
    }

    /// Display line of a reading position: the line showing character `offset` of the item,
    /// so the same text is on top at any width.
    pub fn line_at(&self, pos: Position) -> usize {
        let Some(range) = self.item_range(pos.item).filter(|r| !r.is_empty()) else {
            return self.first_line(pos.item);
        };
        let first = range.start;
        let lines = &self.lines[range];
        let k = lines.partition_point(|l| l.start < pos.offset);
        match lines.get(k) {
            Some(l) if l.start == pos.offset => {
                let same = lines[k..].partition_point(|l| l.start == pos.offset);
                first + k + pos.line.min(same - 1)
            }
            _ => first + k.saturating_sub(1),
        }
    }

    /// The reading position of display line `line` (past the end: the last item's start).
    pub fn position_of(&self, line: usize) -> Position {
        let Some(l) = self.lines.get(line) else {
            return Position {
                item: self.item_start.len().saturating_sub(1),
                ..Position::default()
            };
        };
        let first = self.item_start[l.item];
        let tied = self.lines[first..line]
            .iter()
            .rev()
            .take_while(|o| o.start == l.start)
            .count();
        Position {
            item: l.item,
            offset: l.start,
            line: tied,
        }
    }

    /// Display lines of item `item`; `None` past the last item.
    fn item_range(&self, item: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.item_start.get(item)?;
        let end = self
            .item_start
            .get(item + 1)
            .copied()
            .unwrap_or(self.lines.len());
        Some(start..end.max(start))
    }
}

/// Characters of a line's text, not counting table borders (whose length depends on width).
fn chars_of(segs: &[Seg]) -> usize {
    segs.iter()
        .filter(|s| s.kind != SegKind::Rule)
        .map(|s| s.text.chars().count())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::breaks::{is_close, is_open};
    use super::*;
    use crate::corpus::{Marker, Target};
    use crate::testing::sample_paper;
    use proptest::prelude::*;

    fn texts(lines: &[Vec<Seg>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    fn plain(text: &str, width: usize) -> Vec<String> {
        texts(&wrap(text, &[], width, (0, 0), SegKind::Text))
    }

    #[test]
    fn cjk_wraps_by_display_width() {
        assert_eq!(plain("新质生产力发展", 6), ["新质生", "产力发", "展"]);
        assert_eq!(plain("新质生产力发展", 7), ["新质生", "产力发", "展"]);
        assert_eq!(
            plain("in the Belt and Road", 8),
            ["in the", "Belt and", "Road"]
        );
        assert_eq!(plain("5G技术", 4), ["5G技", "术"]);
    }

    #[test]
    fn no_line_starts_with_closing_or_ends_with_opening_punctuation() {
        // Width 6 would put "，" at the start of line two; it moves up with its character.
        assert_eq!(plain("新质生，产力", 6), ["新质", "生，产", "力"]);
        assert_eq!(plain("甲乙“丙丁”", 6), ["甲乙", "“丙丁”"]);
        assert_eq!(plain("甲乙（丙）", 6), ["甲乙", "（丙）"]);
        assert_eq!(plain("甲乙丙——丁", 7), ["甲乙丙", "——丁"]);
        assert_eq!(plain("甲乙丙,丁", 6), ["甲乙", "丙,丁"]);
        assert_eq!(plain("甲乙丙(丁)", 7), ["甲乙丙", "(丁)"]);
    }

    #[test]
    fn markers_stay_with_the_preceding_word() {
        let markers = [Marker {
            offset: 3,
            label: "12".into(),
            targets: vec![Target::Note(0)],
        }];
        let lines = wrap("甲乙丙丁", &markers, 6, (0, 0), SegKind::Text);
        assert_eq!(texts(&lines), ["甲乙", "丙¹²丁"]);
        assert_eq!(lines[1][1].kind, SegKind::Marker(0));
        assert_eq!(marker_label("①"), "①");
        assert_eq!(marker_label("1-2"), "¹⁻²");
    }

    #[test]
    fn overlong_words_are_split_and_narrow_widths_terminate() {
        assert_eq!(plain("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(plain("abcdef。", 6), ["abcde", "f。"]);
        assert_eq!(plain("中文", 1), ["中", "文"]);
        assert_eq!(plain("", 10), [""]);
    }

    #[test]
    fn table_draws_borders_and_wraps_cells() {
        let t = texts(&table("指标\t2023年\n研发投入（亿元）\t33357", 40));
        assert_eq!(
            t,
            [
                "┌────────────────┬──────┐",
                "│指标            │2023年│",
                "├────────────────┼──────┤",
                "│研发投入（亿元）│33357 │",
                "└────────────────┴──────┘",
            ]
        );
        let narrow = texts(&table("指标\t2023年\n研发投入（亿元）\t33357", 16));
        assert!(
            narrow
                .iter()
                .all(|l| UnicodeWidthStr::width(l.as_str()) <= 16),
            "{narrow:?}"
        );
        assert!(narrow[0].starts_with('┌'));
        let tiny = texts(&table("a\tb\tc", 6));
        assert_eq!(tiny, ["a │ b", "  │ c"]);
    }

    #[test]
    fn layout_maps_lines_to_items_and_back() {
        let doc = Doc::new(&sample_paper());
        let layout = Layout::new(&doc, 30);
        assert_eq!(layout.item_start.len(), doc.items.len());
        let first_para = doc
            .items
            .iter()
            .position(|i| i.kind == ItemKind::Paragraph)
            .unwrap();
        assert!(
            layout.lines[layout.item_start[first_para]]
                .text()
                .starts_with("    ")
        );
    }

    /// Every line, spacer lines and table borders included (lines that start at the same
    /// character), must be reachable from its position, or scrolling gets stuck on it.
    #[test]
    fn every_line_of_the_seeds_round_trips_through_its_position() {
        for paper in crate::corpus::Corpus::bundled().papers {
            let doc = Doc::new(&paper);
            for width in [1, 9, 30, 77] {
                let layout = Layout::new(&doc, width);
                for (i, l) in layout.lines.iter().enumerate() {
                    let pos = layout.position_of(i);
                    assert_eq!((pos.item, pos.offset), (l.item, l.start));
                    assert_eq!(layout.line_at(pos), i, "{} @{width}: {pos:?}", paper.id);
                }
                let end = layout.position_of(layout.lines.len());
                assert_eq!(layout.line_at(end), layout.first_line(doc.items.len() - 1));
            }
        }
    }

    /// A position saved at one width shows the same text on top at another: the line it lands
    /// on holds the character it names.
    #[test]
    fn a_position_keeps_its_text_across_widths() {
        let paper = crate::corpus::Corpus::bundled().papers.remove(2);
        let doc = Doc::new(&paper);
        let narrow = Layout::new(&doc, 30);
        let wide = Layout::new(&doc, 90);
        let mut moved = 0;
        for line in (0..narrow.lines.len()).step_by(7) {
            let pos = narrow.position_of(line);
            let at = wide.line_at(pos);
            let l = &wide.lines[at];
            assert_eq!(l.item, pos.item);
            let next = wide.lines.get(at + 1).filter(|n| n.item == l.item);
            assert!(
                l.start <= pos.offset && next.is_none_or(|n| pos.offset < n.start),
                "{pos:?} landed on {l:?}"
            );
            moved +=
                usize::from(at - wide.first_line(pos.item) != line - narrow.first_line(pos.item));
        }
        // Most positions inside long paragraphs are on another line of the item when wider.
        assert!(moved > 10, "{moved}");
    }

    #[test]
    fn seed_papers_keep_the_line_break_rules_at_every_width() {
        for paper in crate::corpus::Corpus::bundled().papers {
            let doc = Doc::new(&paper);
            for width in [30, 52, 77, 114] {
                let layout = Layout::new(&doc, width);
                for line in &layout.lines {
                    let text = line.text();
                    let trimmed = text.trim();
                    let w = UnicodeWidthStr::width(text.as_str());
                    assert!(w <= width, "{}: {text:?} is {w} > {width}", paper.id);
                    let kind = doc.items[line.item].kind;
                    if kind == ItemKind::Table {
                        continue;
                    }
                    if let Some(first) = trimmed.chars().next() {
                        assert!(
                            !is_close(first),
                            "{} @{width}: starts with {first}: {text} in {:?}",
                            paper.id,
                            doc.items[line.item]
                        );
                    }
                    if let Some(last) = trimmed.chars().last() {
                        assert!(
                            !is_open(last),
                            "{} @{width}: ends with {last}: {text}",
                            paper.id
                        );
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_and_keep_every_character(
            text in "[新质生产力，。“”（）ab 12]{0,80}",
            width in 2usize..30,
        ) {
            let lines = plain(&text, width);
            for l in &lines {
                prop_assert!(UnicodeWidthStr::width(l.as_str()) <= width.max(2), "{l:?} > {width}");
            }
            let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
            let orig: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(joined, orig);
        }
    }
}
