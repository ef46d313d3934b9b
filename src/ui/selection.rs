//! The sentence cursor and the visual selection, painted over the reading pane once it is drawn,
//! and the `VISUAL` badge on the pane's bottom border while visual mode is on.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::charmap;
use crate::action::Action;
use crate::app::{App, Highlight};
use crate::config::Context;

pub fn render(frame: &mut Frame, app: &App) {
    let text = app.panes.reader_text();
    let top = app.top();
    let rows = usize::from(text.height);
    let buf = frame.buffer_mut();
    for (item, range, kind) in app.highlights() {
        let style = match kind {
            Highlight::Cursor => app.styles.selection,
            Highlight::Visual => app.styles.visual,
        };
        let Some(it) = app.doc.items.get(item) else {
            continue;
        };
        let placed = charmap::place(&app.layout, item, &it.text);
        // The highlighted chars on one line are a contiguous run: paint from the first to the
        // end of the last, so the spaces and markers between them are painted too.
        let mut runs: Vec<(usize, usize, usize)> = Vec::new();
        for p in placed.get(range).into_iter().flatten().flatten() {
            match runs.last_mut() {
                Some((line, _, end)) if *line == p.line => *end = p.col + p.width,
                _ => runs.push((p.line, p.col, p.col + p.width)),
            }
        }
        for (line, start, end) in runs {
            if line < top || line >= top + rows {
                continue;
            }
            let y = text.y + u16::try_from(line - top).unwrap_or(u16::MAX);
            for col in start..end.min(usize::from(text.width)) {
                let x = text.x + u16::try_from(col).unwrap_or(u16::MAX);
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_style(style);
                }
            }
        }
    }
    if app.visual_anchor().is_some() {
        badge(frame, app);
    }
}

/// ` VISUAL 3 sentences  y copy  esc cancel ` on the left of the reader's bottom border.
fn badge(frame: &mut Frame, app: &App) {
    let area = app.panes.reader;
    if area.height < 2 || area.width < 4 {
        return;
    }
    let n = app.selected_sentences();
    let mut spans = vec![
        Span::styled(" VISUAL ", app.styles.selection),
        Span::styled(
            format!(" {n} sentence{} ", if n == 1 { "" } else { "s" }),
            app.styles.dim,
        ),
    ];
    for (action, what) in [(Action::Copy, "copy"), (Action::Cancel, "cancel")] {
        if let Some(key) = app.keymap.hint(Context::Reader, action) {
            spans.push(Span::styled(format!(" {key}"), app.styles.key));
            spans.push(Span::styled(format!(" {what} "), app.styles.dim));
        }
    }
    frame.buffer_mut().set_line(
        area.x + 1,
        area.bottom() - 1,
        &Line::from(spans).style(Style::default()),
        area.width / 2,
    );
}
