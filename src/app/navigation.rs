//! Moving through the papers and the reading pane: opening a paper where it was left, scrolling
//! and paging the focused pane, and keeping the reading position across a resize.

use super::panes::{LIBRARY_ROWS_PER_PAPER, Panes};
use super::{App, Effect, Focus, keep_visible};
use crate::store::state::{Position, SavedPosition};
use lunwen_core::view::{Doc, Layout, v1_positions};
use ratatui::layout::Rect;

impl App {
    pub fn resize(&mut self, width: u16, height: u16) -> Vec<Effect> {
        self.tracked(|app, _| app.resize_to(width, height))
    }

    fn resize_to(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.panes = Panes::new(self.size, self.papers.len());
        let w = usize::from(self.panes.reader_text().width).max(1);
        if w != self.layout.width {
            self.layout = Layout::new(&self.doc, w);
        }
        self.scroll_to(self.top());
        self.keep_library_visible();
        self.keep_outline_visible();
    }

    /// Makes paper `i` the open one, where its view was left.
    pub(super) fn open(&mut self, i: usize) {
        let Some(paper) = self.papers.get(i) else {
            return;
        };
        if i != self.current {
            let doc = &self.doc;
            if let Some(v) = self.views.get_mut(self.current) {
                v.left_at = (v.pos != Position::default())
                    .then(|| doc.anchor(v.pos))
                    .flatten();
            }
        }
        self.current = i;
        self.doc = Doc::new(paper);
        self.layout = Layout::new(&self.doc, usize::from(self.panes.reader_text().width));
        let nodes = self.doc.nodes.len();
        let doc = &self.doc;
        if let Some(v) = self.views.get_mut(i) {
            if v.folded.len() != nodes {
                v.folded = vec![false; nodes];
            }
            // The state file's position, through this view: a paper whose text is gone opens at
            // the top.
            if let Some(saved) = v.from_file.take() {
                v.pos = match saved {
                    SavedPosition::At(a) => doc.position(a),
                    SavedPosition::Item(old) => {
                        v1_positions::v1_anchor(paper, doc, old).and_then(|a| doc.position(a))
                    }
                }
                .unwrap_or_default();
            }
        }
        self.scroll_to(self.top());
        self.keep_library_visible();
    }

    /// Rows a page-wise move covers in a pane.
    pub(super) fn page(&self, focus: Focus) -> isize {
        let rows = match focus {
            Focus::Reader => self.reader_height(),
            Focus::Library => {
                usize::from(Panes::list_inner(self.panes.library).height)
                    / usize::from(LIBRARY_ROWS_PER_PAPER)
            }
            Focus::Outline => usize::from(Panes::list_inner(self.panes.outline).height),
        };
        isize::try_from(rows.max(1)).unwrap_or(1)
    }

    pub(super) fn step(&mut self, by: isize) {
        match self.focus {
            Focus::Library => {
                let last = self.papers.len().saturating_sub(1);
                let i = self.current.saturating_add_signed(by).min(last);
                if i != self.current {
                    self.open(i);
                }
            }
            Focus::Outline => {
                let visible = self.doc.visible_nodes(self.folded());
                let Some(at) = visible.iter().position(|&n| n == self.outline_cursor()) else {
                    return;
                };
                let to = at
                    .saturating_add_signed(by)
                    .min(visible.len().saturating_sub(1));
                self.select_node(visible[to]);
            }
            Focus::Reader => self.scroll_to(self.top().saturating_add_signed(by)),
        }
    }

    /// Scrolls the reader so display line `top` is first, and moves the outline to follow. The
    /// last page stays full unless a jump already went further.
    pub fn scroll_to(&mut self, top: usize) {
        let max = self
            .layout
            .lines
            .len()
            .saturating_sub(self.reader_height())
            .max(self.top());
        self.set_top(top.min(max));
    }

    /// Puts display line `line` at the top even near the end, so a section or note jumped to is
    /// the one being read.
    pub fn jump_to(&mut self, line: usize) {
        self.set_top(line.min(self.layout.lines.len().saturating_sub(1)));
    }

    pub(super) fn set_top(&mut self, top: usize) {
        let pos = self.layout.position_of(top);
        let visible_node = self.doc.node_at(pos.item).map(|n| self.visible_ancestor(n));
        let height = self.reader_height();
        let layout = &self.layout;
        if let Some(v) = self.views.get_mut(self.current) {
            // Staying on the same line keeps the exact character, so resizing back and forth
            // does not creep up a line each time.
            if layout.line_at(v.pos) != top {
                v.pos = pos;
            }
            if let Some(n) = visible_node {
                v.outline_cursor = n;
            }
            // A selected marker scrolled off screen is no longer selected.
            if let Some(m) = v.marker
                && !(top..top + height)
                    .any(|l| layout.lines.get(l).is_some_and(|l| l.item == m.item))
            {
                v.marker = None;
            }
        }
        self.keep_outline_visible();
    }

    pub(super) fn keep_library_visible(&mut self) {
        let rows = usize::from(Panes::list_inner(self.panes.library).height)
            / usize::from(LIBRARY_ROWS_PER_PAPER);
        self.library_offset = keep_visible(self.library_offset, self.current, rows.max(1));
    }
}
