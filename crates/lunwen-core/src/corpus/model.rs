//! The document model every other part of lunwen reads: one [`Paper`] per file.

use serde::Serialize;

use super::facts::{FactField, Provenance};

/// One paper of the corpus, as the parser rebuilt it from the raw text, with its sidecar
/// metadata merged in.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Paper {
    /// File stem; unique within a corpus.
    pub id: String,
    /// File name the paper was read from (for messages).
    pub file: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub keywords: Vec<String>,
    pub abstract_text: Option<String>,
    /// Labelled front-matter fields other than the above, in file order
    /// (分类号, 文章编号, 收稿日期, 基金项目, 作者简介 …).
    pub front_matter: Vec<Field>,
    /// Numbered body headings in document order.
    pub outline: Vec<Heading>,
    /// Body blocks in document order (headings included, so the reader can draw them in place).
    pub blocks: Vec<Block>,
    /// Endnotes and page footnotes, in file order.
    pub notes: Vec<Note>,
    /// Entries of the reference list (参考文献).
    pub references: Vec<Note>,
    /// Text after the body that is not part of it (author bios, other papers' abstracts, editor
    /// lines, text after the reference list that is no appendix), kept so nothing is silently lost.
    pub back_matter: Vec<String>,
    /// The paper's own title, byline, abstract and keywords in another language (the English
    /// front matter of a Chinese paper), wherever the file prints them.
    pub foreign_matter: Vec<String>,
    pub metadata: Metadata,
    /// Physical pages in the file (form feeds + 1); 1 when the file has no page breaks.
    pub page_count: u32,
    /// The printed page number of each physical page (index 0 = page 1), where the text tells
    /// it: folios such as `·187·` removed from the pages, or the first page from the metadata.
    pub printed_pages: Vec<Option<u32>>,
    /// How the non-space characters of the input were shared out (`lunwen check`).
    pub parts: Parts,
    /// Each block the parser saw, with the kind it gave it and the rule that decided
    /// (`lunwen check --explain`).
    #[serde(skip)]
    pub explain: Vec<Explained>,
    /// What the parser could not do; never fatal.
    pub warnings: Vec<String>,
    /// Where the text and each bibliographic fact came from (`lunwen info`).
    #[serde(skip)]
    pub provenance: Provenance,
}

/// Non-space characters of the input by the part they ended up in. They add up to the input:
/// nothing is dropped without being counted as furniture, markup or a marker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Parts {
    pub input: usize,
    pub front: usize,
    pub body: usize,
    pub notes: usize,
    pub references: usize,
    pub back: usize,
    /// Running heads, folios, repeated lines, converter duplicates.
    pub furniture: usize,
    /// Markdown/HTML/LaTeX syntax and separators around extracted fields (`#`, `**`, `<td>`,
    /// `：` after a label, affiliation marks in a byline).
    pub markup: usize,
    /// Note markers cut out of the text (`[1]`, `①`, `<sup>2</sup>`).
    pub markers: usize,
}

/// One block as the parser classified it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// Physical page (1-based) the block starts on.
    pub page: u32,
    /// What it became: `heading 2`, `paragraph`, `reference`, `furniture` …
    pub kind: String,
    /// The short name of the rule that decided.
    pub rule: &'static str,
    /// The start of its text.
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 = `一、` or `1`, 2 = `（一）` or `1.1`, 3 = `1.` or `1.1.1`.
    pub level: u8,
    /// The heading as printed, numbering included.
    pub heading: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A body heading; `section` is its own index in `outline`.
    Heading,
    Paragraph,
    /// A table; `text` holds its rows, one per line, cells separated by `\t`.
    Table,
    /// A figure or table caption (图1 …, 表 1 …).
    Caption,
    /// A display formula (`$$…$$`), or the equation number left of a lost one.
    Formula,
    /// A code listing (a fenced block).
    Code,
    /// Text inside a figure that the converter spilled out (axis labels, chart words).
    Figure,
    /// An unnumbered section label in the body (附录, Acknowledgments, 结论：): not a heading,
    /// and no sentence crosses it.
    Label,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Index into `outline` of the heading this block falls under; `None` before the first.
    pub section: Option<usize>,
    /// Text with markers removed.
    pub text: String,
    pub markers: Vec<Marker>,
    /// Where physical pages begin inside `text`: (char offset, 1-based page index), the first
    /// entry at offset 0 for the page the block starts on. Empty when the file has no page
    /// breaks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<(usize, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    /// Char index into the block's `text` where the marker stood.
    pub offset: usize,
    /// The marker as printed, e.g. `1-2`, `①`, `7`.
    pub label: String,
    /// What it resolved to; empty when unresolved.
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "lowercase")]
pub enum Target {
    Note(usize),
    Reference(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The label as printed (`①`, `1`, `④2` …).
    pub label: String,
    pub text: String,
    /// Physical page (1-based) the entry starts on, when the file has page breaks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// Bibliographic facts: what the sidecar TOML says, over what the parser found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// BCP 47 language of the paper; `zh` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Paper {
    /// The value of one bibliographic fact as `lunwen info` shows it (authors joined by `; `);
    /// `None` when the paper lacks it. [`Provenance::source`] says who supplied it.
    pub fn fact(&self, field: FactField) -> Option<String> {
        let m = &self.metadata;
        match field {
            FactField::Title => self.title.clone(),
            FactField::Authors => (!self.authors.is_empty()).then(|| self.authors.join("; ")),
            FactField::Journal => m.journal.clone(),
            FactField::Year => m.year.map(|y| y.to_string()),
            FactField::Volume => m.volume.clone(),
            FactField::Issue => m.issue.clone(),
            FactField::Pages => m.pages.clone(),
            FactField::Doi => m.doi.clone(),
            FactField::Url => m.url.clone(),
            FactField::Language => m.language.clone(),
            FactField::Key => self.provenance.key.clone(),
        }
    }

    /// Title to show: the parsed or sidecar title, or the file name marked untitled.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => format!("{} (untitled)", self.file),
        }
    }

    /// What `lunwen check` flags, and the paper list marks with `!`: identifying facts nobody
    /// supplied ([`Paper::missing_fields`]), parser warnings, markers that resolve to nothing.
    pub fn has_problems(&self) -> bool {
        !self.missing_fields().is_empty()
            || !self.warnings.is_empty()
            || self
                .blocks
                .iter()
                .flat_map(|b| &b.markers)
                .any(|m| m.targets.is_empty())
    }

    /// Body paragraphs only (no headings, tables or captions).
    pub fn paragraphs(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
    }

    /// Text of a marker target.
    pub fn target_text(&self, target: Target) -> Option<&str> {
        match target {
            Target::Note(i) => self.notes.get(i).map(|n| n.text.as_str()),
            Target::Reference(i) => self.references.get(i).map(|n| n.text.as_str()),
        }
    }

    /// Headings from the top down to the one containing `section` (for status bars and citations).
    pub fn section_path(&self, section: Option<usize>) -> Vec<&Heading> {
        let Some(mut idx) = section else {
            return Vec::new();
        };
        let mut path = vec![&self.outline[idx]];
        let mut level = self.outline[idx].level;
        while idx > 0 {
            idx -= 1;
            if self.outline[idx].level < level {
                level = self.outline[idx].level;
                path.push(&self.outline[idx]);
            }
        }
        path.reverse();
        path
    }

    /// Physical page (1-based) at char `offset` of block `block`; `None` when the file has no
    /// page breaks or the block does not exist.
    pub fn page_at(&self, block: usize, offset: usize) -> Option<u32> {
        page_in(&self.blocks.get(block)?.pages, offset)
    }

    /// Printed page number at char `offset` of block `block`, where the text tells it.
    pub fn printed_page(&self, block: usize, offset: usize) -> Option<u32> {
        let page = self.page_at(block, offset)?;
        self.printed_page_of(page)
    }

    /// Printed page number of physical page `page` (1-based).
    pub fn printed_page_of(&self, page: u32) -> Option<u32> {
        self.printed_pages
            .get(usize::try_from(page).ok()?.checked_sub(1)?)
            .copied()
            .flatten()
    }
}

/// The page char `offset` stands on, from a text's page starts (`Block::pages`): the last start
/// at or before it, or the first page when the offset comes before them all; `None` when the
/// text has no page starts.
pub(crate) fn page_in(pages: &[(usize, u32)], offset: usize) -> Option<u32> {
    let i = pages.partition_point(|&(o, _)| o <= offset);
    pages[..i].last().or(pages.first()).map(|&(_, p)| p)
}
