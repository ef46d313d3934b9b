//! What the reading pane shows of a paper, in reading order: title and byline, front matter, body
//! blocks, notes, references and back matter, each an [`Item`]; and the section tree over them.

use crate::corpus::text::sanitize;
use crate::corpus::{BlockKind, Marker, Paper};

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

/// Where an item's text comes from in the [`Paper`], so later features (copy, search) can map a
/// reading position back to the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Front,
    Abstract,
    Keywords,
    /// Index into `Paper::blocks`.
    Block(usize),
    Note(usize),
    Reference(usize),
    BackMatter(usize),
    /// Index into `Paper::foreign_matter`.
    Foreign(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    pub source: Source,
    pub text: String,
    pub markers: Vec<Marker>,
    /// Label drawn before the text (note number, reference number).
    pub prefix: Option<String>,
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
        doc.push(ItemKind::Title, Source::Front, paper.display_title());
        let byline = byline(paper);
        if !byline.is_empty() {
            doc.push(ItemKind::Byline, Source::Front, byline);
        }
        for f in &paper.front_matter {
            doc.push(
                ItemKind::Field,
                Source::Front,
                format!("{}：{}", f.label, f.value),
            );
        }
        if let Some(a) = &paper.abstract_text {
            doc.label("摘要", 0);
            doc.push(ItemKind::Paragraph, Source::Abstract, a.clone());
        }
        if !paper.keywords.is_empty() {
            doc.label("关键词", 0);
            doc.push(
                ItemKind::Paragraph,
                Source::Keywords,
                paper.keywords.join("；"),
            );
        }
        // The paper's own title and abstract in another language: a node of their own.
        if !paper.foreign_matter.is_empty() {
            let english = paper
                .foreign_matter
                .iter()
                .all(|t| !t.chars().any(crate::corpus::text::is_cjk));
            doc.label(if english { "English" } else { "外文" }, 0);
            for (i, t) in paper.foreign_matter.iter().enumerate() {
                doc.push(ItemKind::Paragraph, Source::Foreign(i), t.clone());
            }
        }
        doc.body(paper);
        if !paper.notes.is_empty() {
            doc.label("注释", 0);
            for (i, n) in paper.notes.iter().enumerate() {
                doc.entry(Source::Note(i), &n.label, &n.text);
            }
        }
        if !paper.references.is_empty() {
            doc.label("参考文献", 0);
            for (i, n) in paper.references.iter().enumerate() {
                doc.entry(Source::Reference(i), &format!("[{}]", n.label), &n.text);
            }
        }
        if !paper.back_matter.is_empty() {
            doc.label("其他内容", 0);
            for (i, t) in paper.back_matter.iter().enumerate() {
                doc.push(ItemKind::Paragraph, Source::BackMatter(i), t.clone());
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
                source: Source::Block(i),
                text: b.text.clone(),
                markers: b.markers.clone(),
                prefix: None,
            });
        }
    }

    fn push(&mut self, kind: ItemKind, source: Source, text: String) {
        self.items.push(Item {
            kind,
            source,
            text: sanitize(&text),
            markers: Vec::new(),
            prefix: None,
        });
    }

    fn label(&mut self, label: &str, depth: usize) {
        self.nodes.push(Node {
            label: label.into(),
            depth,
            item: self.items.len(),
        });
        self.push(ItemKind::Label, Source::Front, label.into());
    }

    fn entry(&mut self, source: Source, label: &str, text: &str) {
        self.items.push(Item {
            kind: ItemKind::Entry,
            source,
            text: sanitize(text),
            markers: Vec::new(),
            prefix: Some(sanitize(label)),
        });
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
pub(crate) mod tests {
    use super::*;
    use crate::corpus::{Block, Heading, Note, Target};

    /// A small paper with every part the reader draws, for tests across the UI.
    pub(crate) fn sample_paper() -> Paper {
        let para = |section, text: &str, markers: Vec<Marker>| Block {
            kind: BlockKind::Paragraph,
            section,
            text: text.into(),
            markers,
            pages: Vec::new(),
        };
        let heading = |section: usize, text: &str| Block {
            kind: BlockKind::Heading,
            section: Some(section),
            text: text.into(),
            markers: Vec::new(),
            pages: Vec::new(),
        };
        let long = "新质生产力是创新起主导作用，摆脱传统经济增长方式、生产力发展路径，具有高科技、高效能、高质量特征，符合新发展理念的先进生产力质态。";
        Paper {
            id: "t01".into(),
            file: "t01.txt".into(),
            title: Some("以新质生产力赋能高质量共建“一带一路”研究".into()),
            authors: vec!["刘博".into(), "蔡文成".into()],
            keywords: vec!["新质生产力".into(), "一带一路".into()],
            abstract_text: Some("发展新质生产力是推动高质量发展的内在要求和重要着力点。".into()),
            outline: vec![
                Heading { level: 1, heading: "一、引言".into() },
                Heading { level: 1, heading: "二、理论逻辑".into() },
                Heading { level: 2, heading: "（一）生产力范畴".into() },
                Heading { level: 2, heading: "（二）实践逻辑".into() },
                Heading { level: 1, heading: "三、结语".into() },
            ],
            blocks: vec![
                heading(0, "一、引言"),
                para(
                    Some(0),
                    &format!("习近平指出，“{long}”这一论断意义重大。"),
                    vec![Marker {
                        offset: 8 + long.chars().count(),
                        label: "①".into(),
                        targets: vec![Target::Note(0)],
                    }],
                ),
                heading(1, "二、理论逻辑"),
                heading(2, "（一）生产力范畴"),
                para(
                    Some(2),
                    &format!("{long}{long}"),
                    vec![Marker {
                        offset: 10,
                        label: "3".into(),
                        targets: vec![Target::Reference(0)],
                    }],
                ),
                Block {
                    kind: BlockKind::Table,
                    section: Some(2),
                    text: "指标\t2023年\t2024年\n研发投入（亿元）\t33357\t36130".into(),
                    markers: Vec::new(),
                    pages: Vec::new(),
                },
                heading(3, "（二）实践逻辑"),
                para(
                    Some(3),
                    long,
                    vec![Marker {
                        offset: 4,
                        label: "9".into(),
                        targets: Vec::new(),
                    }],
                ),
                heading(4, "三、结语"),
                para(Some(4), long, Vec::new()),
            ],
            notes: vec![Note {
                label: "①".into(),
                text: "习近平：《发展新质生产力是推动高质量发展的内在要求和重要着力点》，《求是》2024年第11期。".into(),
                page: None,
            }],
            references: vec![Note {
                label: "3".into(),
                text: "蔡文成.新质生产力的理论逻辑[J].中州学刊,2024(3):1-8.".into(),
                page: None,
            }],
            ..Paper::default()
        }
    }

    /// The sample with its last section made long enough to scroll through at any test size.
    pub(crate) fn long_paper() -> Paper {
        let mut p = sample_paper();
        let filler = "以新质生产力发展赋能高质量共建“一带一路”，要从生产力范畴加强对认知体系的阐释，以科技创新为支撑提升合作水平。";
        for n in 0..40 {
            p.blocks.push(Block {
                kind: BlockKind::Paragraph,
                section: Some(4),
                text: format!("第{n}段。{filler}{filler}"),
                markers: Vec::new(),
                pages: Vec::new(),
            });
        }
        p
    }

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
        assert_eq!(doc.items[english + 1].source, Source::Foreign(0));
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
