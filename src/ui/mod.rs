//! Drawing the app: pure functions from the app's state to a frame, one file per pane or popup.
//! Each frame is laid out from the area it is drawn into (`frame.area()`), never from a size the
//! app remembers, so a frame drawn just after a resize still fits.

mod help;
mod info;
mod library;
mod note;
mod outline;
mod paint;
pub mod pick;
mod reader;
pub mod search;
mod selection;
mod status;
pub mod style;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::action::Action;
use crate::app::panes::{Panes, centered};
use crate::app::{App, Overlay};
use crate::config::{Context, Keymap};
use style::Styles;

/// What one frame is drawn from: the app, the styles of its theme, and where each pane goes in
/// the frame's area.
pub struct Ui<'a> {
    pub app: &'a App,
    pub styles: Styles,
    pub panes: Panes,
}

impl<'a> Ui<'a> {
    /// The app as it is drawn into `area`.
    pub fn new(app: &'a App, area: Rect) -> Ui<'a> {
        Ui {
            app,
            styles: Styles::new(&app.theme),
            panes: Panes::new(area, app.papers.len()),
        }
    }
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let ui = Ui::new(app, frame.area());
    let ui = &ui;
    if ui.panes.too_small {
        too_small(frame, ui);
        return;
    }
    library::render(frame, ui);
    outline::render(frame, ui);
    reader::render(frame, ui);
    selection::render(frame, ui);
    search::render_mark(frame, ui);
    status::render(frame, ui);
    match ui.app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help::render(frame, ui, scroll),
        Overlay::Note { marker, scroll } => note::render(frame, ui, marker, scroll),
        Overlay::Info { scroll } => info::render(frame, ui, scroll),
        Overlay::Search => search::render(frame, ui),
    }
}

fn too_small(frame: &mut Frame, ui: &Ui) {
    let area = frame.area();
    let msg = format!(
        "Terminal too small: lunwen needs {}×{}, this one is {}×{}.",
        crate::app::panes::MIN_WIDTH,
        crate::app::panes::MIN_HEIGHT,
        area.width,
        area.height
    );
    let y = area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(
        Paragraph::new(msg)
            .style(ui.styles.error)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// A pane's border, highlighted when it has focus.
fn pane_block<'a>(ui: &Ui, title: &'a str, focused: bool) -> Block<'a> {
    let (style, kind) = if focused {
        (ui.styles.border_focus, BorderType::Thick)
    } else {
        (ui.styles.border, BorderType::Plain)
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(style)
        .title(Line::styled(title, ui.styles.title))
}

/// Key hints for a focused pane's bottom border, from the keymap: as many as fit in `width`.
fn hints(ui: &Ui, ctx: Context, actions: &[(Action, &str)], width: u16) -> Line<'static> {
    key_hints(&ui.app.keymap, &ui.styles, ctx, actions, width)
}

/// Key hints from `keymap`'s `ctx`, right-aligned: as many as fit in `width`.
fn key_hints(
    keymap: &Keymap,
    styles: &Styles,
    ctx: Context,
    actions: &[(Action, &str)],
    width: u16,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 2;
    for &(action, what) in actions {
        let Some(key) = keymap.hint(ctx, action) else {
            continue;
        };
        let w = key.width() + what.width() + 3;
        if used + w > usize::from(width) {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), styles.key));
        spans.push(Span::styled(format!(" {what} "), styles.dim));
    }
    Line::from(spans).right_aligned()
}

/// Cuts `s` to at most `width` display columns, ending in `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut out = String::with_capacity(s.len().min(width * 4));
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Clears and frames a popup; returns its inner area.
fn popup(frame: &mut Frame, ui: &Ui, rect: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, rect);
    // A wide character just left of the popup would overhang its border on a real terminal.
    if rect.x > 0 {
        let buf = frame.buffer_mut();
        for y in rect.y..rect.bottom() {
            let cell = &mut buf[(rect.x - 1, y)];
            if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    let block = pane_block(ui, title, true);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Draws `body` inside a popup's inner area with one column of padding, starting at line `scroll`
/// (clamped so the last page stays full).
fn scrolled_body(frame: &mut Frame, inner: Rect, body: &[ratatui::text::Line<'_>], scroll: usize) {
    let inner = inner.inner(ratatui::layout::Margin {
        vertical: 0,
        horizontal: 1,
    });
    let visible = usize::from(inner.height);
    let scroll = scroll.min(body.len().saturating_sub(visible));
    let buf = frame.buffer_mut();
    for (row, line) in body.iter().skip(scroll).take(visible).enumerate() {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(inner.x, y, line, inner.width);
    }
}

#[cfg(test)]
mod tests;
