//! What the reading pane shows of a paper, in reading order: title and byline, front matter, body
//! blocks, notes, references and back matter, each an [`Item`]; and the section tree over them.

use super::position::{Anchor, Position};
use crate::corpus::text::sanitize;
use crate::corpus::{BlockKind, Location, Marker, Paper, Part};

/// How an item is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Title,
    /// Authors, journal and year under the title.
    Byline,
    /// A labelled front-matter field (分类号 …), drawn dim.
    Field,
    /// A heading lunwen adds for front and back matter (摘要, 注释 …).
    Label,
    /// A body heading of the given level (1 = top).
    Heading(u8),
    Paragraph,
    Table,
    Caption,
    /// A note or reference entry, drawn with its label as a hanging prefix.
    Entry,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// Which text of the paper the item shows, from its first char.
    pub source: Location,
    pub text: String,
    pub markers: Vec<Marker>,
    /// Label drawn before the text (note number, reference number).
    pub prefix: Option<String>,
    /// For an item showing a list (the authors in the byline, the keywords), where each element
    /// after the first starts in `text`.
    pub starts: Vec<usize>,
}

/// One node of the section tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub label: String,
    /// Nesting depth, 0 for top-level nodes.
    pub depth: usize,
    /// Index of the item the node starts at.
    pub item: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub items: Vec<Item>,
    pub nodes: Vec<Node>,
}

impl Doc {
    pub fn new(paper: &Paper) -> Doc {
        let mut doc = Doc::default();
        doc.push(ItemKind::Title, Location::Title, paper.display_title());
        let byline = byline(paper);
        if !byline.is_empty() {
            doc.push(ItemKind::Byline, Location::Author(0), byline);
            doc.list_starts(&paper.authors, 1);
        }
        for (i, f) in paper.front_matter.iter().enumerate() {
            doc.push(
                ItemKind::Field,
                Location::Field(i),
                format!("{}：{}", f.label, f.value),
            );
        }
        if let Some(a) = &paper.abstract_text {
            doc.label(Part::Abstract);
            doc.push(ItemKind::Paragraph, Location::Abstract, a.clone());
        }
        if !paper.keywords.is_empty() {
            doc.label(Part::Keywords);
            doc.push(
                ItemKind::Paragraph,
                Location::Keyword(0),
                paper.keywords.join("；"),
            );
            doc.list_starts(&paper.keywords, 1);
        }
        // The paper's own title and abstract in another language: a node of their own.
        if !paper.foreign_matter.is_empty() {
            let english = paper
                .foreign_matter
                .iter()
                .all(|t| !t.chars().any(crate::corpus::text::is_cjk));
            doc.label(if english {
                Part::English
            } else {
                Part::Foreign
            });
            for (i, t) in paper.foreign_matter.iter().enumerate() {
                doc.push(ItemKind::Paragraph, Location::Foreign(i), t.clone());
            }
        }
        doc.body(paper);
        if !paper.notes.is_empty() {
            doc.label(Part::Notes);
            for (i, n) in paper.notes.iter().enumerate() {
                doc.entry(Location::Note(i), &n.label, &n.text);
            }
        }
        if !paper.references.is_empty() {
            doc.label(Part::References);
            for (i, n) in paper.references.iter().enumerate() {
                doc.entry(Location::Reference(i), &format!("[{}]", n.label), &n.text);
            }
        }
        if !paper.back_matter.is_empty() {
            doc.label(Part::BackMatter);
            for (i, t) in paper.back_matter.iter().enumerate() {
                doc.push(ItemKind::Paragraph, Location::BackMatter(i), t.clone());
            }
        }
        doc
    }

    fn body(&mut self, paper: &Paper) {
        // Depth of a heading = how many open headings of a smaller level enclose it, so a paper
        // that jumps from level 1 to level 3 still nests one step.
        let mut open: Vec<u8> = Vec::new();
        for (i, b) in paper.blocks.iter().enumerate() {
            let kind = match b.kind {
                BlockKind::Heading => {
                    let level = b
                        .section
                        .and_then(|s| paper.outline.get(s))
                        .map_or(1, |h| h.level);
                    while open.last().is_some_and(|&l| l >= level) {
                        open.pop();
                    }
                    self.nodes.push(Node {
                        label: b.text.clone(),
                        depth: open.len(),
                        item: self.items.len(),
                    });
                    open.push(level);
                    ItemKind::Heading(level)
                }
                BlockKind::Paragraph => {
                    if i == 0 {
                        // Text before the first heading still needs a place in the tree.
                        self.nodes.push(Node {
                            label: "正文".into(),
                            depth: 0,
                            item: self.items.len(),
                        });
                    }
                    ItemKind::Paragraph
                }
                BlockKind::Table | BlockKind::Formula | BlockKind::Code => ItemKind::Table,
                BlockKind::Caption | BlockKind::Figure => ItemKind::Caption,
                BlockKind::Label => ItemKind::Label,
            };
            self.items.push(Item {
                kind,
                source: Location::Block(i),
                text: b.text.clone(),
                markers: b.markers.clone(),
                prefix: None,
                starts: Vec::new(),
            });
        }
    }

    fn push(&mut self, kind: ItemKind, source: Location, text: String) {
        self.items.push(Item {
            kind,
            source,
            text: sanitize(&text),
            markers: Vec::new(),
            prefix: None,
            starts: Vec::new(),
        });
    }

    /// Records where each of `parts` (joined by a one-char separator) starts in the last item.
    fn list_starts(&mut self, parts: &[String], sep: usize) {
        let mut at = 0;
        let mut starts = Vec::new();
        for p in parts.iter().take(parts.len().saturating_sub(1)) {
            at += sanitize(p).chars().count() + sep;
            starts.push(at);
        }
        if let Some(item) = self.items.last_mut() {
            item.starts = starts;
        }
    }

    fn label(&mut self, part: Part) {
        self.nodes.push(Node {
            label: part.label().into(),
            depth: 0,
            item: self.items.len(),
        });
        self.push(ItemKind::Label, Location::Label(part), part.label().into());
    }

    fn entry(&mut self, source: Location, label: &str, text: &str) {
        self.items.push(Item {
            kind: ItemKind::Entry,
            source,
            text: sanitize(text),
            markers: Vec::new(),
            prefix: Some(sanitize(label)),
            starts: Vec::new(),
        });
    }

    /// Where the text at `at` starts in the view: its item and the char offset in the item's
    /// text. The one place that maps a location of the model onto the reading view.
    pub fn find(&self, at: Location) -> Option<(usize, usize)> {
        let (first, k) = match at {
            Location::Author(k) => (Location::Author(0), k),
            Location::Keyword(k) => (Location::Keyword(0), k),
            other => (other, 0),
        };
        let item = self.items.iter().position(|it| it.source == first)?;
        let offset = match k {
            0 => 0,
            k => *self.items[item].starts.get(k - 1)?,
        };
        Some((item, offset))
    }

    /// The location and char offset in it of char `offset` of item `item`: the inverse of
    /// [`Doc::find`].
    pub fn locate(&self, item: usize, offset: usize) -> Option<(Location, usize)> {
        let it = self.items.get(item)?;
        let k = it.starts.partition_point(|&s| s <= offset);
        let start = if k == 0 { 0 } else { it.starts[k - 1] };
        let at = match it.source {
            Location::Author(_) => Location::Author(k),
            Location::Keyword(_) => Location::Keyword(k),
            other => other,
        };
        Some((at, offset - start))
    }

    /// A position in this view, named by text.
    pub fn anchor(&self, pos: Position) -> Option<Anchor> {
        let (at, offset) = self.locate(pos.item, pos.offset)?;
        Some(Anchor {
            at,
            offset,
            line: pos.line,
        })
    }

    /// The position in this view of an anchor; `None` when the paper no longer has its text.
    pub fn position(&self, anchor: Anchor) -> Option<Position> {
        let (item, start) = self.find(anchor.at)?;
        Some(Position {
            item,
            offset: start + anchor.offset,
            line: anchor.line,
        })
    }

    /// Index of the node whose section contains `item` (the last node starting at or before it).
    pub fn node_at(&self, item: usize) -> Option<usize> {
        self.nodes.iter().rposition(|n| n.item <= item)
    }

    /// True when the node has children (the next node is deeper).
    pub fn has_children(&self, node: usize) -> bool {
        match (self.nodes.get(node), self.nodes.get(node + 1)) {
            (Some(n), Some(next)) => next.depth > n.depth,
            _ => false,
        }
    }

    /// Index of the parent node, if any.
    pub fn parent(&self, node: usize) -> Option<usize> {
        let depth = self.nodes.get(node)?.depth;
        self.nodes[..node].iter().rposition(|n| n.depth < depth)
    }

    /// Nodes not hidden inside a folded ancestor, in order.
    pub fn visible_nodes(&self, folded: &[bool]) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut hide_deeper_than: Option<usize> = None;
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(d) = hide_deeper_than {
                if n.depth > d {
                    continue;
                }
                hide_deeper_than = None;
            }
            out.push(i);
            if folded.get(i).copied().unwrap_or(false) && self.has_children(i) {
                hide_deeper_than = Some(n.depth);
            }
        }
        out
    }
}

fn byline(paper: &Paper) -> String {
    let mut parts = Vec::new();
    if !paper.authors.is_empty() {
        parts.push(paper.authors.join("　"));
    }
    if let Some(j) = &paper.metadata.journal {
        parts.push(format!("《{j}》"));
    }
    if let Some(y) = paper.metadata.year {
        let mut y = y.to_string();
        if let Some(i) = &paper.metadata.issue {
            y.push_str(&format!("年第{i}期"));
        }
        parts.push(y);
    }
    parts.join("  ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Block;
    use crate::testing::sample_paper;

    #[test]
    fn tree_has_front_body_and_back_nodes_nested_by_level() {
        let doc = Doc::new(&sample_paper());
        let labels: Vec<(usize, &str)> = doc
            .nodes
            .iter()
            .map(|n| (n.depth, n.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                (0, "摘要"),
                (0, "关键词"),
                (0, "一、引言"),
                (0, "二、理论逻辑"),
                (1, "（一）生产力范畴"),
                (1, "（二）实践逻辑"),
                (0, "三、结语"),
                (0, "注释"),
                (0, "参考文献"),
            ]
        );
        for n in &doc.nodes {
            assert!(doc.items[n.item].text.contains(n.label.as_str()));
        }
    }

    #[test]
    fn translated_front_matter_is_a_node_of_its_own_before_the_body() {
        let mut paper = sample_paper();
        paper.foreign_matter = vec!["Research on Something".into(), "Abstract: It is.".into()];
        paper.back_matter = vec!["责任编辑：某某".into()];
        let doc = Doc::new(&paper);
        let labels: Vec<&str> = doc.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels[..3], ["摘要", "关键词", "English"]);
        assert_eq!(labels[3], "一、引言");
        assert_eq!(labels.last(), Some(&"其他内容"));
        let english = doc.nodes[2].item;
        assert_eq!(doc.items[english + 1].source, Location::Foreign(0));
    }

    #[test]
    fn folding_hides_children_only() {
        let doc = Doc::new(&sample_paper());
        let mut folded = vec![false; doc.nodes.len()];
        assert_eq!(doc.visible_nodes(&folded).len(), 9);
        folded[3] = true;
        assert_eq!(doc.visible_nodes(&folded), [0, 1, 2, 3, 6, 7, 8]);
        // folding a leaf hides nothing
        folded = vec![false; doc.nodes.len()];
        folded[4] = true;
        assert_eq!(doc.visible_nodes(&folded).len(), 9);
        assert_eq!(doc.parent(5), Some(3));
        assert_eq!(doc.parent(3), None);
        assert!(doc.has_children(3) && !doc.has_children(4));
    }

    #[test]
    fn text_before_first_heading_gets_a_body_node() {
        let paper = Paper {
            title: Some("标题".into()),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                section: None,
                text: "正文第一段。".into(),
                markers: Vec::new(),
                pages: Vec::new(),
            }],
            ..Paper::default()
        };
        let doc = Doc::new(&paper);
        assert_eq!(doc.nodes.len(), 1);
        assert_eq!(doc.nodes[0].label, "正文");
        assert_eq!(doc.node_at(doc.items.len() - 1), Some(0));
        assert_eq!(doc.node_at(0), None);
    }
}
