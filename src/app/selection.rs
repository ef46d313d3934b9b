//! The sentence cursor of the reading pane, the visual selection, and the copies they ask for.
//!
//! The cursor is hidden until a sentence key, `v` or a copy uses it. From then on it stays where
//! it is while it is on screen; a scroll that takes it off screen drops it (outside visual mode),
//! and the next use starts again from the first sentence at the top of the screen. Sentences are
//! those of [`lunwen_core::corpus::sentences`], in the paragraphs of the body and the abstract.
//!
//! Copies are not carried out here (the app does no I/O): each is an [`Effect::Copy`] for the
//! event loop.

use std::ops::Range;

use super::{App, Effect, Focus};
use crate::action::Action;
use crate::copy::{citation_request, quote_request};
use lunwen_core::corpus::Location;
use lunwen_core::corpus::sentences::{sentences, slice_chars};
use lunwen_core::view::doc::ItemKind;
use lunwen_core::view::placement;

/// A sentence of the open paper: item of the reading view and index among its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SentenceRef {
    pub item: usize,
    pub index: usize,
}

/// Cursor and visual anchor, for the paper `paper`; another paper open means neither.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Selection {
    paper: usize,
    cursor: Option<SentenceRef>,
    anchor: Option<SentenceRef>,
}

/// How a highlighted stretch of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// The sentence under the cursor.
    Cursor,
    /// The rest of a visual selection.
    Visual,
}

impl App {
    /// The sentence under the cursor, if the cursor is shown.
    pub fn sentence_cursor(&self) -> Option<SentenceRef> {
        let c = (self.selection.paper == self.current)
            .then_some(self.selection.cursor)
            .flatten()?;
        // Off screen it is gone (the next action drops it), unless visual mode holds it.
        (self.selection.anchor.is_some() || self.on_screen(c)).then_some(c)
    }

    /// Where visual mode started, while it is on.
    pub fn visual_anchor(&self) -> Option<SentenceRef> {
        (self.selection.paper == self.current)
            .then_some(self.selection.anchor)
            .flatten()
    }

    /// The citation style copies use now.
    pub fn citation_style(&self) -> lunwen_core::corpus::citation::Style {
        self.citation_style
    }

    /// Char ranges of items to highlight, in reading order: the visual selection, then the
    /// cursor's sentence over it.
    pub fn highlights(&self) -> Vec<(usize, Range<usize>, Highlight)> {
        let mut out = Vec::new();
        let Some(cursor) = self.sentence_cursor() else {
            return out;
        };
        if let Some(anchor) = self.visual_anchor() {
            for (item, range) in self.span(anchor.min(cursor), anchor.max(cursor)) {
                out.push((item, range, Highlight::Visual));
            }
        }
        if let Some(range) = self.sentence_range(cursor) {
            out.push((cursor.item, range, Highlight::Cursor));
        }
        out
    }

    /// Sentences in the visual selection (1 for the cursor alone), for the status line.
    pub fn selected_sentences(&self) -> usize {
        match (self.visual_anchor(), self.sentence_cursor()) {
            (Some(a), Some(c)) => self.count_sentences(a.min(c), a.max(c)),
            _ => 1,
        }
    }

    /// Handles keys that mean something else while a sentence is selected; true when it did.
    /// Also drops a cursor that a scroll took off screen, or that belongs to another paper.
    pub(super) fn selection_intercept(&mut self, action: Action) -> bool {
        if self.selection.paper != self.current {
            self.selection = Selection {
                paper: self.current,
                ..Selection::default()
            };
        }
        if self.selection.anchor.is_none()
            && let Some(c) = self.selection.cursor
            && !self.on_screen(c)
        {
            self.selection.cursor = None;
        }
        if self.selection.anchor.is_none() || self.focus != Focus::Reader {
            return false;
        }
        match action {
            Action::Down => self.move_cursor(true),
            Action::Up => self.move_cursor(false),
            Action::Cancel => self.selection.anchor = None,
            _ => return false,
        }
        true
    }

    /// Sentence motion, visual mode, copies and the citation style.
    pub(super) fn selection_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::NextSentence => self.move_cursor(true),
            Action::PrevSentence => self.move_cursor(false),
            Action::VisualMode => {
                self.selection.anchor = match self.selection.anchor {
                    Some(_) => None,
                    None => self.cursor_or_first(),
                };
            }
            Action::Copy => self.copy_sentences(fx),
            Action::CopyParagraph => self.copy_paragraphs(fx),
            Action::CopyCitation => {
                let Some(paper) = self.paper() else { return };
                match citation_request(paper, self.citation_style) {
                    Ok(req) => fx.push(Effect::Copy(req)),
                    Err(e) => self.status = Some(e),
                }
            }
            Action::CycleStyle => {
                self.citation_style = self.citation_style.next();
                self.status = Some(format!(
                    "citation style: {} (for the next copy)",
                    self.citation_style.label()
                ));
            }
            _ => {}
        }
    }

    /// Puts the sentence cursor on the sentence of `item` holding char `at`, as a jump to a
    /// search hit does; false when the item has no sentences to select (title, notes …).
    pub(super) fn put_cursor_at(&mut self, item: usize, at: usize) -> bool {
        let Some(index) = self
            .item_sentences(item)
            .iter()
            .position(|r| r.contains(&at))
        else {
            return false;
        };
        self.selection = Selection {
            paper: self.current,
            cursor: Some(SentenceRef { item, index }),
            anchor: None,
        };
        true
    }

    fn selectable(&self, item: usize) -> bool {
        self.doc.items.get(item).is_some_and(|i| {
            i.kind == ItemKind::Paragraph
                && matches!(i.source, Location::Block(_) | Location::Abstract)
        })
    }

    fn item_sentences(&self, item: usize) -> Vec<Range<usize>> {
        if !self.selectable(item) {
            return Vec::new();
        }
        sentences(&self.doc.items[item].text)
    }

    fn sentence_range(&self, s: SentenceRef) -> Option<Range<usize>> {
        self.item_sentences(s.item).get(s.index).cloned()
    }

    /// First and last display line of a sentence.
    fn sentence_lines(&self, s: SentenceRef) -> Option<(usize, usize)> {
        let range = self.sentence_range(s)?;
        placement::lines_of(&self.layout, s.item, &self.doc.items[s.item].text, range)
    }

    fn on_screen(&self, s: SentenceRef) -> bool {
        let top = self.top();
        self.sentence_lines(s)
            .is_some_and(|(first, last)| last >= top && first < top + self.reader_height())
    }

    /// The first sentence starting on screen, else the next one below, else the last above.
    fn first_on_screen(&self) -> Option<SentenceRef> {
        let top = self.top();
        let start = self.layout.lines.get(top).map_or(0, |l| l.item);
        let below = (start..self.doc.items.len()).find_map(|item| {
            (0..self.item_sentences(item).len())
                .map(|index| SentenceRef { item, index })
                .find(|&s| {
                    self.sentence_lines(s)
                        .is_some_and(|(first, _)| first >= top)
                })
        });
        below.or_else(|| {
            (0..=start.min(self.doc.items.len().saturating_sub(1)))
                .rev()
                .find_map(|item| {
                    let n = self.item_sentences(item).len();
                    n.checked_sub(1).map(|index| SentenceRef { item, index })
                })
        })
    }

    fn cursor_or_first(&mut self) -> Option<SentenceRef> {
        if self.selection.cursor.is_none() {
            self.selection.cursor = self.first_on_screen();
            if let Some(c) = self.selection.cursor {
                self.reveal(c);
            }
        }
        self.selection.cursor
    }

    /// The sentence after (or before) `s` in reading order, across paragraphs.
    fn neighbour(&self, s: SentenceRef, forward: bool) -> Option<SentenceRef> {
        if forward {
            if s.index + 1 < self.item_sentences(s.item).len() {
                return Some(SentenceRef {
                    index: s.index + 1,
                    ..s
                });
            }
            (s.item + 1..self.doc.items.len())
                .find(|&i| !self.item_sentences(i).is_empty())
                .map(|item| SentenceRef { item, index: 0 })
        } else {
            if s.index > 0 {
                return Some(SentenceRef {
                    index: s.index - 1,
                    ..s
                });
            }
            (0..s.item).rev().find_map(|item| {
                let n = self.item_sentences(item).len();
                n.checked_sub(1).map(|index| SentenceRef { item, index })
            })
        }
    }

    fn move_cursor(&mut self, forward: bool) {
        let Some(c) = self.selection.cursor else {
            self.cursor_or_first();
            return;
        };
        match self.neighbour(c, forward) {
            Some(n) => {
                self.selection.cursor = Some(n);
                self.reveal(n);
            }
            None => {
                self.status = Some(
                    if forward {
                        "last sentence of the paper"
                    } else {
                        "first sentence of the paper"
                    }
                    .into(),
                )
            }
        }
    }

    /// Scrolls as little as needed to show a sentence, its start first when it is taller than
    /// the screen.
    fn reveal(&mut self, s: SentenceRef) {
        let Some((first, last)) = self.sentence_lines(s) else {
            return;
        };
        let top = self.top();
        let height = self.reader_height();
        if first < top {
            self.scroll_to(first);
        } else if last >= top + height {
            self.scroll_to((last + 1 - height).min(first));
        }
    }

    /// Char ranges, per item, of the sentences from `from` to `to`, both included.
    fn span(&self, from: SentenceRef, to: SentenceRef) -> Vec<(usize, Range<usize>)> {
        (from.item..=to.item)
            .filter_map(|item| {
                let all = self.item_sentences(item);
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

    fn count_sentences(&self, from: SentenceRef, to: SentenceRef) -> usize {
        (from.item..=to.item)
            .map(|item| {
                let n = self.item_sentences(item).len();
                let first = if item == from.item { from.index } else { 0 };
                let last = if item == to.item { to.index + 1 } else { n };
                last.min(n).saturating_sub(first)
            })
            .sum()
    }

    /// `y`: the visual selection (ending visual mode), else the cursor's sentence.
    fn copy_sentences(&mut self, fx: &mut Vec<Effect>) {
        let Some(cursor) = self.cursor_or_first() else {
            self.status = Some("no sentence to copy: this paper has no body text".into());
            return;
        };
        let (from, to) = match self.selection.anchor.take() {
            Some(a) => (a.min(cursor), a.max(cursor)),
            None => (cursor, cursor),
        };
        let n = self.count_sentences(from, to);
        let what = if n == 1 {
            "sentence".to_string()
        } else {
            format!("{n} sentences")
        };
        self.request_quote(self.span(from, to), &what, fx);
    }

    /// `Y`: the paragraph under the cursor, or every paragraph the visual selection touches.
    fn copy_paragraphs(&mut self, fx: &mut Vec<Effect>) {
        let Some(cursor) = self.cursor_or_first() else {
            self.status = Some("no paragraph to copy: this paper has no body text".into());
            return;
        };
        let (from, to) = match self.selection.anchor.take() {
            Some(a) => (a.min(cursor), a.max(cursor)),
            None => (cursor, cursor),
        };
        let whole: Vec<(usize, Range<usize>)> = (from.item..=to.item)
            .filter_map(|item| {
                let all = self.item_sentences(item);
                Some((item, all.first()?.start..all.last()?.end))
            })
            .collect();
        let what = match whole.len() {
            1 => "paragraph".to_string(),
            n => format!("{n} paragraphs"),
        };
        self.request_quote(whole, &what, fx);
    }

    /// A quotation of char ranges of items, one paragraph per line.
    fn request_quote(&self, pieces: Vec<(usize, Range<usize>)>, what: &str, fx: &mut Vec<Effect>) {
        let Some(paper) = self.papers.get(self.current) else {
            return;
        };
        let quote = pieces
            .iter()
            .map(|(item, range)| slice_chars(&self.doc.items[*item].text, range.clone()))
            .collect::<Vec<_>>()
            .join("\n");
        let block = pieces
            .first()
            .and_then(|(item, _)| self.doc.items[*item].source.block());
        fx.push(Effect::Copy(quote_request(
            paper,
            block,
            &quote,
            what,
            self.citation_style,
            &self.quote_template,
        )));
    }
}

#[cfg(test)]
mod tests;
