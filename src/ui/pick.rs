//! `lunwen pick`, drawn into the frame's area (an inline viewport under the shell prompt): the
//! query line, the hits and the preview of the quoted passage as the reader's search box draws
//! them ([`SearchView`]), and a footer with the citation style, the scope and the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::search::{SearchView, input_line, list, preview};
use super::style::Styles;
use crate::action::Action;
use crate::app::pick::{Picker, layout};
use crate::app::search::QUERY_EDITING_KEYS;
use crate::config::Context;
use lunwen_core::corpus::text::sanitize;

/// The keys of the picker, what each does in it, for its help (`f1`).
const PICK_KEYS: &[(Action, &str)] = &[
    (
        Action::Confirm,
        "write the quotation of the selected hit to stdout",
    ),
    (Action::Cancel, "quit, writing nothing (exit status 1)"),
    (Action::Down, "select the next hit"),
    (Action::Up, "select the previous hit"),
    (Action::PageDown, "down a page of hits"),
    (Action::PageUp, "up a page of hits"),
    (
        Action::ExtendSelection,
        "quote one more sentence after the hit",
    ),
    (Action::ShrinkSelection, "quote one sentence less"),
    (Action::CycleStyle, "switch to the next citation style"),
    (
        Action::ToggleScope,
        "search the selected hit's paper alone / every paper",
    ),
    (Action::Help, "show or hide these keys"),
];

pub fn render(frame: &mut Frame, picker: &Picker) {
    let area = frame.area();
    let styles = Styles::new(&picker.theme);
    let l = layout(area);
    let v = SearchView {
        search: &picker.search,
        papers: &picker.papers,
        keymap: &picker.keymap,
        styles: &styles,
    };
    input_line(frame, &v, l.input, "> ");
    if picker.help {
        let body = Rect::new(
            area.x,
            l.list.y,
            area.width,
            l.preview.bottom().saturating_sub(l.list.y),
        );
        help(frame, picker, &styles, body);
    } else {
        list(frame, &v, l.list);
        if l.preview.height > 0 {
            preview(frame, &v, l.rule, l.preview);
        }
    }
    footer(frame, picker, &styles, l.footer);
}

/// Left: the message of the last key, or what `enter` would write (style and how much); right:
/// the keys, as many as fit.
fn footer(frame: &mut Frame, picker: &Picker, styles: &Styles, area: Rect) {
    if area.height == 0 {
        return;
    }
    let scope = match picker.scope_paper() {
        Some(p) => sanitize(&p.display_title()),
        None => format!("all {} papers", picker.papers.len()),
    };
    let (left, left_style) = match &picker.status {
        Some(msg) => (sanitize(msg), styles.key),
        None => {
            let quoted = match picker.search.more {
                0 => String::new(),
                n => format!(" · {} sentences", n + 1),
            };
            (
                format!("{}{quoted} · {scope}", picker.style().label()),
                styles.dim,
            )
        }
    };
    let hints = super::key_hints(
        &picker.keymap,
        styles,
        Context::Search,
        &[
            (Action::Confirm, "quote"),
            (Action::ExtendSelection, "+sentence"),
            (Action::CycleStyle, "style"),
            (Action::ToggleScope, "scope"),
            (Action::Cancel, "cancel"),
            (Action::Help, "keys"),
        ],
        area.width
            .saturating_sub(u16::try_from(left.width().min(40)).unwrap_or(40) + 1),
    );
    let room = usize::from(area.width).saturating_sub(hints.width() + 1);
    let left = fit(&left, room);
    let pad = usize::from(area.width).saturating_sub(left.width() + hints.width());
    let mut spans = vec![Span::styled(left, left_style), Span::raw(" ".repeat(pad))];
    spans.extend(hints.spans);
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The picker's keys from the keymap, then the query line's editing keys.
fn help(frame: &mut Frame, picker: &Picker, styles: &Styles, area: Rect) {
    const KEY_COLUMN: usize = 22;
    let width = usize::from(area.width);
    let bound = PICK_KEYS.iter().filter_map(|&(action, what)| {
        let keys = picker.keymap.keys_for(Context::Search, action);
        (!keys.is_empty()).then(|| (keys.join(", "), what))
    });
    let editing = QUERY_EDITING_KEYS
        .iter()
        .map(|&(keys, what)| (keys.to_string(), what));
    let buf = frame.buffer_mut();
    for (row, (keys, what)) in bound
        .chain(editing)
        .take(usize::from(area.height))
        .enumerate()
    {
        let keys = fit(&keys, KEY_COLUMN - 1);
        let pad = KEY_COLUMN.saturating_sub(keys.width());
        let line = Line::from(vec![
            Span::raw("  "),
            Span::styled(keys, styles.key),
            Span::raw(" ".repeat(pad)),
            Span::styled(fit(what, width.saturating_sub(KEY_COLUMN + 2)), styles.text),
        ]);
        let y = area.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(area.x, y, &line, area.width);
    }
}

#[cfg(test)]
mod tests;
