//! The popup for a note marker: the resolved note or reference text, or why there is none.

use super::Ui;
use ratatui::Frame;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{centered, popup, scrolled_body};
use crate::action::Action;
use crate::app::MarkerRef;
use crate::config::Context;
use lunwen_core::corpus::Target;
use lunwen_core::corpus::text::sanitize;
use lunwen_core::view::wrap::{SegKind, marker_label, wrap};

/// The popup's text, wrapped to `width`.
pub fn lines(ui: &Ui, marker: MarkerRef, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let Some(m) = ui
        .app
        .doc
        .items
        .get(marker.item)
        .and_then(|i| i.markers.get(marker.marker))
    else {
        return out;
    };
    let label = sanitize(&m.label);
    let para = |text: &str, out: &mut Vec<Line<'static>>| {
        for segs in wrap(text, &[], width, (0, 0), SegKind::Text) {
            let s: String = segs.into_iter().map(|s| s.text).collect();
            out.push(Line::styled(s, ui.styles.text));
        }
    };
    if m.targets.is_empty() {
        para(
            &format!(
                "Marker {label} is unresolved: no note or reference of this paper carries that label."
            ),
            &mut out,
        );
    }
    for (n, &t) in m.targets.iter().enumerate() {
        if n > 0 {
            out.push(Line::default());
        }
        let paper = ui.app.paper();
        let (head, entry) = match t {
            Target::Note(i) => ("注释", paper.and_then(|p| p.notes.get(i))),
            Target::Reference(i) => ("参考文献", paper.and_then(|p| p.references.get(i))),
        };
        match entry {
            Some(e) => {
                let shown = match t {
                    Target::Note(_) => sanitize(&e.label),
                    Target::Reference(_) => format!("[{}]", sanitize(&e.label)),
                };
                out.push(Line::styled(
                    format!("{head} {shown}"),
                    ui.styles.heading.add_modifier(Modifier::BOLD),
                ));
                para(&sanitize(&e.text), &mut out);
            }
            None => para(
                &format!("Marker {label} points to a {head} entry that is missing."),
                &mut out,
            ),
        }
    }
    out
}

pub fn render(frame: &mut Frame, ui: &Ui, marker: MarkerRef, scroll: usize) {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(72);
    let text_w = usize::from(width.saturating_sub(4)).max(1);
    let mut body = lines(ui, marker, text_w);
    let keys = |a| {
        ui.app
            .keymap
            .keys_for(Context::Popup, a)
            .first()
            .cloned()
            .unwrap_or_default()
    };
    let hint = [
        (keys(Action::Cancel), "close"),
        (keys(Action::Confirm), "go to the entry"),
        (keys(Action::NextMarker), "next marker"),
    ]
    .into_iter()
    .filter(|(k, _)| !k.is_empty())
    .flat_map(|(k, what)| {
        [
            Span::styled(k, ui.styles.key),
            Span::styled(format!(" {what}  "), ui.styles.dim),
        ]
    })
    .collect::<Vec<_>>();
    body.push(Line::default());
    body.push(Line::from(hint));
    let max_h = (area.height * 3 / 5).max(5);
    let height = u16::try_from(body.len() + 2).unwrap_or(u16::MAX).min(max_h);
    let rect = centered(area, width, height);
    let label = ui
        .app
        .doc
        .items
        .get(marker.item)
        .and_then(|i| i.markers.get(marker.marker))
        .map(|m| marker_label(&sanitize(&m.label)))
        .unwrap_or_default();
    let inner = popup(frame, ui, rect, &format!(" Note {label} "));
    scrolled_body(frame, inner, &body, scroll);
}
