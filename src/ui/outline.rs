//! The section tree of the open paper, with fold marks; the cursor follows the reading position.

use super::Ui;
use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{fit, pane_block};
use crate::app::panes::Panes;
use crate::app::{Focus, Overlay};

pub fn render(frame: &mut Frame, ui: &Ui) {
    let area = ui.panes.outline;
    let focused = ui.app.focus == Focus::Outline && ui.app.overlay == Overlay::None;
    let mut block = pane_block(ui, " Sections ", focused);
    if focused {
        block = block.title_bottom(super::hints(
            ui,
            crate::config::Context::Outline,
            &[
                (crate::action::Action::ToggleFold, "fold"),
                (crate::action::Action::FoldAll, "fold all"),
                (crate::action::Action::UnfoldAll, "unfold all"),
            ],
            area.width,
        ));
    }
    frame.render_widget(block, area);
    let inner = Panes::list_inner(area);
    let width = usize::from(inner.width);
    let folded = ui.app.folded();
    let visible = ui.app.doc.visible_nodes(folded);
    let buf = frame.buffer_mut();
    if visible.is_empty() {
        let line = Line::styled(fit("(no sections found)", width), ui.styles.dim);
        buf.set_line(inner.x, inner.y, &line, inner.width);
        return;
    }
    for (row, &n) in visible
        .iter()
        .skip(ui.app.outline_offset())
        .take(usize::from(inner.height))
        .enumerate()
    {
        let node = &ui.app.doc.nodes[n];
        let glyph = if !ui.app.doc.has_children(n) {
            "  "
        } else if folded.get(n).copied().unwrap_or(false) {
            "▸ "
        } else {
            "▾ "
        };
        let indent = "  ".repeat(node.depth.min(width / 4));
        let label_w = width.saturating_sub(indent.len() + 2);
        let label = fit(&node.label, label_w);
        let style = if n == ui.app.outline_cursor() {
            if focused {
                ui.styles.selection
            } else {
                ui.styles.selection_unfocused
            }
        } else if node.depth == 0 {
            ui.styles.heading
        } else {
            ui.styles.text
        };
        let pad = label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let line = Line::from(vec![
            Span::raw(indent),
            Span::styled(glyph, ui.styles.dim),
            Span::styled(label, style),
            Span::styled(" ".repeat(pad), style),
        ]);
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}
