//! Which text of a paper: the one name the reading view, the search, the saved reading positions
//! (and later highlights and marks) use for a place in a paper, so none of them depends on how
//! another lays the paper out.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::model::Paper;

/// One text of a paper. A char offset or range that comes with it indexes the chars of
/// [`Paper::text_at`] that location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "in", content = "index", rename_all = "snake_case")]
pub enum Location {
    /// `Paper::display_title()`.
    Title,
    /// `Paper::authors[i]`. The reader's byline (the authors, then journal and year) starts
    /// with the first, and is found at `Author(0)` even when there are none.
    Author(usize),
    /// `Paper::front_matter[i]`, as `label：value`.
    Field(usize),
    /// The heading lunwen puts over a part of the paper.
    Label(Part),
    /// `Paper::abstract_text`.
    Abstract,
    /// `Paper::keywords[i]` (the reader joins them with `；`).
    Keyword(usize),
    /// `Paper::blocks[i].text`.
    Block(usize),
    /// `Paper::notes[i].text`.
    Note(usize),
    /// `Paper::references[i].text`.
    Reference(usize),
    /// `Paper::back_matter[i]`.
    BackMatter(usize),
    /// `Paper::foreign_matter[i]`: the paper's title, abstract or keywords in another language.
    Foreign(usize),
}

impl Location {
    /// The index into `Paper::blocks` when this is a body block.
    pub fn block(self) -> Option<usize> {
        match self {
            Location::Block(i) => Some(i),
            _ => None,
        }
    }
}

/// A part of a paper that the reader gives a heading of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Abstract,
    Keywords,
    Notes,
    References,
    BackMatter,
    /// Foreign matter all in Latin script.
    English,
    /// Foreign matter in some other script.
    Foreign,
}

impl Part {
    /// The heading, as the reader and the section tree show it.
    pub fn label(self) -> &'static str {
        match self {
            Part::Abstract => "摘要",
            Part::Keywords => "关键词",
            Part::Notes => "注释",
            Part::References => "参考文献",
            Part::BackMatter => "其他内容",
            Part::English => "English",
            Part::Foreign => "外文",
        }
    }
}

impl Paper {
    /// The text at `at`; `None` when the paper has no such text.
    pub fn text_at(&self, at: Location) -> Option<Cow<'_, str>> {
        Some(match at {
            Location::Title => Cow::Owned(self.display_title()),
            Location::Author(i) => Cow::Borrowed(self.authors.get(i)?.as_str()),
            Location::Field(i) => {
                let f = self.front_matter.get(i)?;
                Cow::Owned(format!("{}：{}", f.label, f.value))
            }
            Location::Label(part) => Cow::Borrowed(part.label()),
            Location::Abstract => Cow::Borrowed(self.abstract_text.as_deref()?),
            Location::Keyword(i) => Cow::Borrowed(self.keywords.get(i)?.as_str()),
            Location::Block(i) => Cow::Borrowed(self.blocks.get(i)?.text.as_str()),
            Location::Note(i) => Cow::Borrowed(self.notes.get(i)?.text.as_str()),
            Location::Reference(i) => Cow::Borrowed(self.references.get(i)?.text.as_str()),
            Location::BackMatter(i) => Cow::Borrowed(self.back_matter.get(i)?.as_str()),
            Location::Foreign(i) => Cow::Borrowed(self.foreign_matter.get(i)?.as_str()),
        })
    }
}

impl Paper {
    /// The printed page the char `offset` of the text at `at` stands on, where the file has page
    /// breaks and the text tells the page numbers: what a quotation's page is. Body text knows
    /// the page of each char; a note or reference, the page its entry starts on.
    pub fn printed_page_at(&self, at: Location, offset: usize) -> Option<u32> {
        match at {
            Location::Block(i) => self.printed_page(i, offset),
            Location::Note(i) => self.printed_page_of(self.notes.get(i)?.page?),
            Location::Reference(i) => self.printed_page_of(self.references.get(i)?.page?),
            _ => None,
        }
    }
}
