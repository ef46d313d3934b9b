//! The reading pane: draws only the visible slice of the wrapped paper, headings styled by
//! level, markers as small labels (the selected one reversed), tables with their borders.

use super::Ui;
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{fit, pane_block};
use crate::app::{Focus, MarkerRef, Overlay};
use lunwen_core::view::doc::ItemKind;
use lunwen_core::view::wrap::SegKind;

fn item_style(ui: &Ui, kind: ItemKind) -> Style {
    let s = &ui.styles;
    match kind {
        ItemKind::Title => s.title,
        ItemKind::Heading(1) | ItemKind::Label => s.heading.add_modifier(Modifier::UNDERLINED),
        ItemKind::Heading(2) => s.heading,
        ItemKind::Heading(_) => s.heading.patch(s.emphasis),
        ItemKind::Byline => s.text.patch(s.emphasis),
        ItemKind::Field | ItemKind::Caption => s.dim,
        ItemKind::Paragraph | ItemKind::Table | ItemKind::Entry => s.text,
    }
}

pub fn render(frame: &mut Frame, ui: &Ui) {
    let area = ui.panes.reader;
    let focused = ui.app.focus == Focus::Reader && ui.app.overlay == Overlay::None;
    let title = ui
        .app
        .paper()
        .map(|p| format!(" {} ", fit(&p.display_title(), usize::from(area.width / 2))))
        .unwrap_or_default();
    let mut block = pane_block(ui, &title, focused);
    if focused {
        block = block.title_bottom(super::hints(
            ui,
            crate::config::Context::Reader,
            &[
                (crate::action::Action::NextMarker, "next marker"),
                (crate::action::Action::ShowNote, "note"),
            ],
            area.width,
        ));
    }
    frame.render_widget(block, area);
    let text = ui.panes.reader_text();
    let top = ui.app.top();
    let selected = ui.app.selected_marker();
    let buf = frame.buffer_mut();
    for (row, line) in ui
        .app
        .layout
        .lines
        .iter()
        .skip(top)
        .take(usize::from(text.height))
        .enumerate()
    {
        let Some(item) = ui.app.doc.items.get(line.item) else {
            continue;
        };
        let base = item_style(ui, item.kind);
        let spans: Vec<Span> = line
            .segs
            .iter()
            .map(|seg| {
                let style = match seg.kind {
                    SegKind::Text => base,
                    SegKind::Header => base.add_modifier(Modifier::BOLD),
                    SegKind::Rule => ui.styles.dim,
                    SegKind::Prefix => ui.styles.marker.add_modifier(Modifier::BOLD),
                    SegKind::Marker(m) => {
                        let here = MarkerRef {
                            item: line.item,
                            marker: m,
                        };
                        if selected == Some(here) {
                            ui.styles.selection.add_modifier(Modifier::BOLD)
                        } else {
                            ui.styles.marker
                        }
                    }
                };
                Span::styled(seg.text.as_str(), style)
            })
            .collect();
        let y = text.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(text.x, y, &Line::from(spans), text.width);
    }
    let total = ui.app.layout.lines.len();
    let visible = usize::from(text.height);
    if total > visible && area.height > 2 {
        let mut state = ScrollbarState::new(total.saturating_sub(visible))
            .position(top)
            .viewport_content_length(visible);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(None)
            .thumb_style(ui.styles.dim);
        let inner = area.inner(ratatui::layout::Margin {
            vertical: 1,
            horizontal: 0,
        });
        frame.render_stateful_widget(bar, inner, &mut state);
    }
}
