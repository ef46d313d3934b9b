//! The section tree of the open paper, with fold marks; the cursor follows the reading position.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{fit, pane_block};
use crate::app::panes::Panes;
use crate::app::{App, Focus, Overlay};

pub fn render(frame: &mut Frame, app: &App) {
    let area = app.panes.outline;
    let focused = app.focus == Focus::Outline && app.overlay == Overlay::None;
    let mut block = pane_block(app, " Sections ", focused);
    if focused {
        block = block.title_bottom(super::hints(
            app,
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
    let folded = app.folded();
    let visible = app.doc.visible_nodes(folded);
    let buf = frame.buffer_mut();
    if visible.is_empty() {
        let line = Line::styled(fit("(no sections found)", width), app.styles.dim);
        buf.set_line(inner.x, inner.y, &line, inner.width);
        return;
    }
    for (row, &n) in visible
        .iter()
        .skip(app.outline_offset())
        .take(usize::from(inner.height))
        .enumerate()
    {
        let node = &app.doc.nodes[n];
        let glyph = if !app.doc.has_children(n) {
            "  "
        } else if folded.get(n).copied().unwrap_or(false) {
            "▸ "
        } else {
            "▾ "
        };
        let indent = "  ".repeat(node.depth.min(width / 4));
        let label_w = width.saturating_sub(indent.len() + 2);
        let label = fit(&node.label, label_w);
        let style = if n == app.outline_cursor() {
            if focused {
                app.styles.selection
            } else {
                app.styles.selection_unfocused
            }
        } else if node.depth == 0 {
            app.styles.heading
        } else {
            app.styles.text
        };
        let pad = label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let line = Line::from(vec![
            Span::raw(indent),
            Span::styled(glyph, app.styles.dim),
            Span::styled(label, style),
            Span::styled(" ".repeat(pad), style),
        ]);
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}
