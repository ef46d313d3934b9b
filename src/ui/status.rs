//! The status bar: paper, section path and position, or a message when there is one.

use super::Ui;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::action::Action;
use crate::app::Focus;
use crate::config::Context;
use lunwen_core::corpus::text::sanitize;

pub fn render(frame: &mut Frame, ui: &Ui) {
    let area = ui.panes.status;
    let width = usize::from(area.width);
    let help_keys = ui.app.keymap.keys_for(Context::Global, Action::Help);
    let pending = ui.app.pending_keys();
    let mut right = String::new();
    if !pending.is_empty() {
        right.push_str(&format!(" {pending}…"));
    }
    right.push_str(&format!(" {}% ", ui.app.percent()));
    if let Some(k) = help_keys.first() {
        right.push_str(&format!(" {k} help "));
    }
    let left_w = width.saturating_sub(right.width());
    let (left, style) = match &ui.app.status {
        Some(msg) => (format!(" {}", sanitize(msg)), ui.styles.status),
        None => {
            let paper = ui
                .app
                .paper()
                .map(|p| p.title.clone().unwrap_or_else(|| p.file.clone()))
                .unwrap_or_default();
            let path = ui.app.section_path().join(" › ");
            let focus = match ui.app.focus {
                Focus::Library => "papers",
                Focus::Outline => "sections",
                Focus::Reader => "reader",
            };
            let paper_w = (left_w / 3).max(8);
            let mut s = format!(" [{focus}] {}", fit(&sanitize(&paper), paper_w));
            if !path.is_empty() {
                s.push_str(" │ ");
                s.push_str(&sanitize(&path));
            }
            (s, ui.styles.status)
        }
    };
    let left = fit(&left, left_w);
    let pad = left_w.saturating_sub(left.width());
    let line = Line::from(vec![
        Span::styled(left, style),
        Span::styled(" ".repeat(pad), style),
        Span::styled(right, style),
    ]);
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line, area.width);
}
