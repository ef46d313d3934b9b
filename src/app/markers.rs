//! Note markers on screen: stepping through them, the note popup, and following a marker to its
//! note or reference entry.

use super::{App, Focus, MarkerRef, Overlay};
use lunwen_core::corpus::Location;
use lunwen_core::view::{ItemKind, SegKind};

impl App {
    /// Markers on the lines the reader shows, in reading order.
    pub fn markers_on_screen(&self) -> Vec<MarkerRef> {
        let top = self.top();
        let mut out: Vec<MarkerRef> = Vec::new();
        for line in self
            .layout
            .lines
            .iter()
            .skip(top)
            .take(self.reader_height())
        {
            for seg in &line.segs {
                if let SegKind::Marker(m) = seg.kind {
                    let r = MarkerRef {
                        item: line.item,
                        marker: m,
                    };
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
        }
        out
    }

    pub(super) fn step_marker(&mut self, forward: bool) {
        let on_screen = self.markers_on_screen();
        if on_screen.is_empty() {
            self.status = Some("No note markers on this screen".into());
            return;
        }
        let current = self
            .selected_marker()
            .and_then(|m| on_screen.iter().position(|&x| x == m));
        let n = on_screen.len();
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        if let Some(v) = self.view_mut() {
            v.marker = Some(on_screen[next]);
        }
    }

    pub(super) fn show_note(&mut self) {
        if self.selected_marker().is_none() {
            self.step_marker(true);
        }
        if let Some(marker) = self.selected_marker() {
            self.overlay = Overlay::Note { marker, scroll: 0 };
        }
    }

    /// Scrolls the reader to the note or reference entry a marker points to.
    pub(super) fn follow_marker(&mut self, m: MarkerRef) {
        let Some(&target) = self
            .doc
            .items
            .get(m.item)
            .and_then(|i| i.markers.get(m.marker))
            .and_then(|mk| mk.targets.first())
        else {
            self.status = Some("This marker points nowhere: it is unresolved".into());
            return;
        };
        let source = match target {
            lunwen_core::corpus::Target::Note(i) => Location::Note(i),
            lunwen_core::corpus::Target::Reference(i) => Location::Reference(i),
        };
        if let Some(item) = self
            .doc
            .items
            .iter()
            .position(|it| it.kind == ItemKind::Entry && it.source == source)
        {
            self.jump_to(self.layout.first_line(item));
            self.focus = Focus::Reader;
        }
    }
}
