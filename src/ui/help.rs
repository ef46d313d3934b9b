//! The help overlay, generated from the effective keymap: every bound action per context.

use super::Ui;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{centered, fit, popup, scrolled_body};

use crate::config::Context;

const KEY_COLUMN: usize = 18;

/// The help text, one line per binding, under a heading per context.
pub fn lines(ui: &Ui, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for &ctx in Context::ALL {
        let rows: Vec<(String, &'static str)> = ui
            .app
            .keymap
            .bindings(ctx)
            .into_iter()
            .filter(|(_, keys, _)| !keys.is_empty())
            .map(|(action, keys, _)| (keys.join(", "), action.help()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(
            match ctx {
                Context::Global => "Everywhere",
                Context::Library => "Paper list",
                Context::Outline => "Section tree",
                Context::Reader => "Reading pane",
                Context::Search => "Search",
                Context::Popup => "Popups",
            },
            ui.styles.heading,
        ));
        let rows = rows.into_iter().chain(
            (ctx == Context::Search)
                .then_some(crate::app::search::QUERY_EDITING_KEYS)
                .into_iter()
                .flatten()
                .map(|&(keys, help)| (keys.to_string(), help)),
        );
        for (keys, help) in rows {
            let keys = fit(&keys, KEY_COLUMN - 1);
            let pad = KEY_COLUMN.saturating_sub(keys.width());
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, ui.styles.key),
                Span::raw(" ".repeat(pad)),
                Span::styled(
                    fit(help, width.saturating_sub(KEY_COLUMN + 2)),
                    ui.styles.text,
                ),
            ]));
        }
    }
    out
}

pub fn render(frame: &mut Frame, ui: &Ui, scroll: usize) {
    let area = frame.area();
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(72),
        area.height.saturating_sub(2),
    );
    let inner = popup(frame, ui, rect, " Help — keys from your keymap ");
    // one column of padding each side, as scrolled_body draws it
    let body = lines(ui, usize::from(inner.width.saturating_sub(2)));
    scrolled_body(frame, inner, &body, scroll);
}
