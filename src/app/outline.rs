//! The section tree: selecting a section shows it in the reader, and folding hides its children.

use super::panes::Panes;
use super::{App, keep_visible};

impl App {
    /// Selects an outline node and shows its section in the reader.
    pub(super) fn select_node(&mut self, node: usize) {
        let Some(item) = self.doc.nodes.get(node).map(|n| n.item) else {
            return;
        };
        self.jump_to(self.layout.first_line(item));
    }

    /// The node itself, or its nearest ancestor not hidden by a fold.
    pub(super) fn visible_ancestor(&self, node: usize) -> usize {
        let folded = self.folded();
        let mut n = node;
        let mut p = self.doc.parent(n);
        let mut shown = n;
        while let Some(parent) = p {
            if folded.get(parent).copied().unwrap_or(false) {
                shown = parent;
            }
            n = parent;
            p = self.doc.parent(n);
        }
        shown
    }

    pub(super) fn set_fold(&mut self, node: usize, fold: bool) {
        if !self.doc.has_children(node) {
            return;
        }
        if let Some(v) = self.view_mut()
            && let Some(f) = v.folded.get_mut(node)
        {
            *f = fold;
        }
        self.keep_outline_visible();
    }

    pub(super) fn fold(&mut self) {
        let c = self.outline_cursor();
        if self.doc.has_children(c) && !self.folded().get(c).copied().unwrap_or(false) {
            self.set_fold(c, true);
        } else if let Some(p) = self.doc.parent(c) {
            self.select_node(p);
        }
    }

    pub(super) fn unfold(&mut self) {
        let c = self.outline_cursor();
        if !self.doc.has_children(c) {
            return;
        }
        if self.folded().get(c).copied().unwrap_or(false) {
            self.set_fold(c, false);
        } else {
            self.select_node(c + 1);
        }
    }

    pub(super) fn fold_all(&mut self, fold: bool) {
        let nodes = self.doc.nodes.len();
        let has: Vec<bool> = (0..nodes).map(|n| self.doc.has_children(n)).collect();
        if let Some(v) = self.view_mut() {
            v.folded = has.iter().map(|&h| h && fold).collect();
        }
        let c = self.outline_cursor();
        let shown = self.visible_ancestor(c);
        if let Some(v) = self.view_mut() {
            v.outline_cursor = shown;
        }
        self.keep_outline_visible();
    }

    pub(super) fn keep_outline_visible(&mut self) {
        let rows = usize::from(Panes::list_inner(self.panes.outline).height).max(1);
        let visible = self.doc.visible_nodes(self.folded());
        let at = visible
            .iter()
            .position(|&n| n == self.outline_cursor())
            .unwrap_or(0);
        if let Some(v) = self.view_mut() {
            v.outline_offset =
                keep_visible(v.outline_offset, at, rows).min(visible.len().saturating_sub(rows));
        }
    }
}
