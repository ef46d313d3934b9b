//! The paper list: title (or file name marked untitled), a warning mark when `check` would
//! complain, and a byline of authors, journal and year.

use super::Ui;
use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{fit, pane_block};
use crate::app::Focus;
use crate::app::panes::{LIBRARY_ROWS_PER_PAPER, Panes};
use lunwen_core::corpus::Paper;
use lunwen_core::corpus::text::sanitize;

fn byline(p: &Paper) -> String {
    let mut parts = Vec::new();
    if !p.authors.is_empty() {
        parts.push(p.authors.join("、"));
    }
    match (&p.metadata.journal, p.metadata.year) {
        (Some(j), Some(y)) => parts.push(format!("《{j}》{y}")),
        (Some(j), None) => parts.push(format!("《{j}》")),
        (None, Some(y)) => parts.push(y.to_string()),
        (None, None) => {}
    }
    if parts.is_empty() {
        parts.push(if p.title.is_some() {
            // The file name at least tells papers apart.
            p.file.clone()
        } else {
            "(no bibliographic data)".into()
        });
    }
    sanitize(&parts.join(" · "))
}

pub fn render(frame: &mut Frame, ui: &Ui) {
    let area = ui.panes.library;
    let focused = ui.app.focus == Focus::Library && ui.app.overlay == crate::app::Overlay::None;
    let title = format!(" Papers {}/{} ", ui.app.current + 1, ui.app.papers.len());
    let mut block = pane_block(ui, &title, focused);
    if focused {
        block = block.title_bottom(super::hints(
            ui,
            crate::config::Context::Library,
            &[(crate::action::Action::Open, "read")],
            area.width,
        ));
    }
    frame.render_widget(block, area);
    let inner = Panes::list_inner(area);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height / LIBRARY_ROWS_PER_PAPER);
    let buf = frame.buffer_mut();
    for (row, (i, p)) in ui
        .app
        .papers
        .iter()
        .enumerate()
        .skip(ui.app.library_offset)
        .take(rows)
        .enumerate()
    {
        let selected = i == ui.app.current;
        let base = if selected && focused {
            ui.styles.selection
        } else if selected {
            ui.styles.selection_unfocused
        } else {
            ui.styles.text
        };
        let mark = if p.has_problems() {
            Span::styled("!", ui.styles.error)
        } else {
            Span::raw(" ")
        };
        let title = fit(&sanitize(&p.display_title()), width.saturating_sub(2));
        let pad = width.saturating_sub(2 + unicode_width::UnicodeWidthStr::width(title.as_str()));
        let first = Line::from(vec![
            mark,
            Span::raw(" "),
            Span::styled(title, base),
            Span::styled(" ".repeat(pad), base),
        ]);
        let second = Line::from(Span::styled(
            format!("  {}", fit(&byline(p), width.saturating_sub(2))),
            ui.styles.dim,
        ));
        let y = inner.y + u16::try_from(row).unwrap_or(0) * LIBRARY_ROWS_PER_PAPER;
        buf.set_line(inner.x, y, &first, inner.width);
        if y + 1 < inner.y + inner.height {
            buf.set_line(inner.x, y + 1, &second, inner.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lunwen_core::testing::sample_paper;

    #[test]
    fn problems_and_byline() {
        let mut p = sample_paper();
        // the sample has an unresolved marker and no journal
        assert!(p.has_problems());
        p.metadata.journal = Some("中州学刊".into());
        p.metadata.year = Some(2025);
        for b in &mut p.blocks {
            b.markers.retain(|m| !m.targets.is_empty());
        }
        assert!(!p.has_problems());
        assert_eq!(byline(&p), "刘博、蔡文成 · 《中州学刊》2025");
    }
}
