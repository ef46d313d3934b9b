//! The mouse: a click focuses the pane under it and selects what is there; the wheel scrolls.

use ratatui::layout::Position as Cell;

use super::panes::{LIBRARY_ROWS_PER_PAPER, Panes};
use super::{App, Effect, Focus, MarkerRef, Overlay};
use crate::action::Action;
use lunwen_core::view::SegKind;

impl App {
    /// A left click: focus the pane under it and select what is there.
    pub fn click(&mut self, column: u16, row: u16) -> Vec<Effect> {
        self.tracked(|app, _| app.click_at(column, row))
    }

    fn click_at(&mut self, column: u16, row: u16) {
        let at = Cell::new(column, row);
        if self.overlay == Overlay::Search {
            self.search_click(at);
            return;
        }
        if self.overlay != Overlay::None {
            self.overlay = Overlay::None;
            return;
        }
        if self.panes.library.contains(at) {
            self.focus = Focus::Library;
            let inner = Panes::list_inner(self.panes.library);
            if inner.contains(at) {
                let i = self.library_offset + usize::from((row - inner.y) / LIBRARY_ROWS_PER_PAPER);
                if i < self.papers.len() && i != self.current {
                    self.open(i);
                }
            }
        } else if self.panes.outline.contains(at) {
            self.focus = Focus::Outline;
            let inner = Panes::list_inner(self.panes.outline);
            if inner.contains(at) {
                let visible = self.doc.visible_nodes(self.folded());
                if let Some(&n) = visible.get(self.outline_offset() + usize::from(row - inner.y)) {
                    self.select_node(n);
                }
            }
        } else if self.panes.reader.contains(at) {
            self.focus = Focus::Reader;
            if let Some(m) = self.marker_at(column, row) {
                if let Some(v) = self.view_mut() {
                    v.marker = Some(m);
                }
                self.show_note();
            }
        }
    }

    /// The note marker drawn at a screen cell of the reader, if any.
    pub(super) fn marker_at(&self, column: u16, row: u16) -> Option<MarkerRef> {
        let text = self.panes.reader_text();
        if !text.contains(Cell::new(column, row)) {
            return None;
        }
        let line = self
            .layout
            .lines
            .get(self.top() + usize::from(row - text.y))?;
        let col = usize::from(column - text.x);
        let mut x = 0;
        for seg in &line.segs {
            let w = unicode_width::UnicodeWidthStr::width(seg.text.as_str());
            if (x..x + w).contains(&col) {
                return match seg.kind {
                    SegKind::Marker(marker) => Some(MarkerRef {
                        item: line.item,
                        marker,
                    }),
                    _ => None,
                };
            }
            x += w;
        }
        None
    }

    /// Mouse wheel over a pane scrolls it (three lines in the reader, one item elsewhere).
    pub fn wheel(&mut self, column: u16, row: u16, down: bool) -> Vec<Effect> {
        self.tracked(|app, fx| app.wheel_at(column, row, down, fx))
    }

    fn wheel_at(&mut self, column: u16, row: u16, down: bool, fx: &mut Vec<Effect>) {
        let at = Cell::new(column, row);
        let focus = if self.panes.library.contains(at) {
            Focus::Library
        } else if self.panes.outline.contains(at) {
            Focus::Outline
        } else {
            Focus::Reader
        };
        let saved = std::mem::replace(&mut self.focus, focus);
        let by = if focus == Focus::Reader { 3 } else { 1 };
        if self.overlay != Overlay::None {
            self.update_into(if down { Action::Down } else { Action::Up }, fx);
        } else {
            self.step(if down { by } else { -by });
        }
        self.focus = saved;
    }
}
