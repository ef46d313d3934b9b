//! The info popup: the current paper's bibliographic facts, each with who supplied it (its
//! sidecar, an imported file or Zotero, or its own text), what a citation lacks, and where the
//! text was read from; what `lunwen info` prints, for the paper being read.

use ratatui::Frame;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{Ui, centered, popup, scrolled_body};
use crate::action::Action;
use crate::config::Context;
use lunwen_core::corpus::FactField;
use lunwen_core::corpus::text::sanitize;
use lunwen_core::view::wrap::{SegKind, wrap};

/// The popup's text, wrapped to `width`.
pub fn lines(ui: &Ui, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let Some(paper) = ui.app.paper() else {
        return out;
    };
    let wrapped = |text: &str, indent: usize, style, out: &mut Vec<Line<'static>>| {
        let room = width.saturating_sub(indent).max(1);
        for segs in wrap(text, &[], room, (0, 0), SegKind::Text) {
            let s: String = segs.into_iter().map(|s| s.text).collect();
            out.push(Line::styled(format!("{}{s}", " ".repeat(indent)), style));
        }
    };
    let p = &paper.provenance;
    for &field in FactField::ALL {
        let Some(value) = paper.fact(field) else {
            continue;
        };
        out.push(Line::styled(
            field.name().to_string(),
            ui.styles.heading.add_modifier(Modifier::BOLD),
        ));
        wrapped(&sanitize(&value), 2, ui.styles.text, &mut out);
        let from = p
            .source(field)
            .map_or_else(|| "the paper's text".to_string(), |s| p.source_name(s));
        wrapped(
            &format!("from {}", sanitize(&from)),
            2,
            ui.styles.dim,
            &mut out,
        );
    }
    let missing = paper.missing_fields();
    if !missing.is_empty() {
        out.push(Line::default());
        wrapped(
            &format!("missing: {}", missing.join(", ")),
            0,
            ui.styles.error,
            &mut out,
        );
    }
    out.push(Line::default());
    if let Some(text) = &p.text {
        wrapped(
            &sanitize(&format!("text: {text}")),
            0,
            ui.styles.dim,
            &mut out,
        );
    }
    if !p.collections.is_empty() {
        wrapped(
            &sanitize(&format!("collections: {}", p.collections.join(", "))),
            0,
            ui.styles.dim,
            &mut out,
        );
    }
    if let Some(sidecar) = &p.sidecar {
        let shown = sidecar.display().to_string();
        let note = if sidecar.is_file() {
            format!("sidecar: {shown}")
        } else {
            format!(
                "sidecar: none yet; `lunwen edit {}` creates {shown}",
                paper.id
            )
        };
        wrapped(&sanitize(&note), 0, ui.styles.dim, &mut out);
    }
    out
}

pub fn render(frame: &mut Frame, ui: &Ui, scroll: usize) {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(80);
    let text_w = usize::from(width.saturating_sub(4)).max(1);
    let mut body = lines(ui, text_w);
    let close = ui
        .app
        .keymap
        .keys_for(Context::Popup, Action::Cancel)
        .first()
        .cloned()
        .unwrap_or_default();
    body.push(Line::default());
    body.push(Line::from(vec![
        Span::styled(close, ui.styles.key),
        Span::styled(" close", ui.styles.dim),
    ]));
    let max_h = (area.height * 4 / 5).max(5);
    let height = u16::try_from(body.len() + 2).unwrap_or(u16::MAX).min(max_h);
    let rect = centered(area, width, height);
    let inner = popup(frame, ui, rect, " Facts and sources ");
    scrolled_body(frame, inner, &body, scroll);
}
