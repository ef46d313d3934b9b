//! `lunwen pick` on the terminal: drawn on `/dev/tty` in rows under the cursor (like
//! `fzf --height`), never on stdout, which is left for the quotation, so the picker works inside
//! `$(…)`, vim's `:r !…` and pipes; and never on the alternate screen, so what the terminal
//! showed above the cursor stays put. The rows are cleared on the way out and the cursor is left
//! where they started, for the shell (or the editor) to go on there.
//!
//! [`pick_loop`] is the event loop of the picker, generic over the [`Screen`] it draws on and the
//! input, so tests run it whole on a test terminal; [`run`] is the real terminal around it.

use std::str::FromStr;
use std::sync::mpsc;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType};
use ratatui::layout::{Position, Rect, Size};

use super::event_loop::SearchLink;
use super::input::EventSource;
use crate::app::pick::Picker;
use crate::app::{Effect, Event};

/// How many rows the picker takes: `--height 15` or `--height 40%` (of the terminal's rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Height {
    Rows(u16),
    Percent(u16),
}

impl FromStr for Height {
    type Err = String;

    fn from_str(s: &str) -> Result<Height, String> {
        let bad = || format!("'{s}' is not a height: give rows (15) or a percentage (40%)");
        let s = s.trim();
        match s.strip_suffix('%') {
            Some(p) => match p.parse::<u16>() {
                Ok(p @ 1..=100) => Ok(Height::Percent(p)),
                _ => Err(bad()),
            },
            None => match s.parse::<u16>() {
                Ok(n @ 1..) => Ok(Height::Rows(n)),
                _ => Err(bad()),
            },
        }
    }
}

/// Fewer rows than this and the picker has no room for a preview; a height asking for less
/// gets this many (fzf's `--min-height` is 10 too), the terminal permitting.
pub const MIN_ROWS: u16 = 10;

/// Rows the picker takes of a terminal `rows` high.
pub fn viewport_rows(height: Height, rows: u16) -> u16 {
    let want = match height {
        Height::Rows(n) => n,
        Height::Percent(p) => u16::try_from(u32::from(rows) * u32::from(p) / 100).unwrap_or(rows),
    };
    want.max(MIN_ROWS).min(rows).max(1)
}

/// The first of the picker's `height` rows, for the cursor on row `cursor` of a terminal `rows`
/// high: the cursor's row when they fit below it, else as low as they fit (the terminal has
/// scrolled up to make room, see [`run`]).
pub fn viewport_top(cursor: u16, rows: u16, height: u16) -> u16 {
    cursor.min(rows.saturating_sub(height))
}

/// A terminal the picker draws on, some of its rows at a time.
pub trait Screen {
    type Backend: Backend;
    /// Columns and rows of the whole terminal.
    fn size(&mut self) -> Result<Size, String>;
    /// A terminal drawing into `area` alone, whatever is outside it left as it is.
    fn viewport(&mut self, area: Rect) -> Result<Terminal<Self::Backend>, String>;
}

/// Clears the rows from `top` down and leaves the cursor at the start of `top`.
fn clear_from<B: Backend>(terminal: &mut Terminal<B>, top: u16) -> Result<(), String> {
    let backend = terminal.backend_mut();
    backend
        .set_cursor_position(Position::new(0, top))
        .and_then(|()| backend.clear_region(ClearType::AfterCursor))
        .and_then(|()| backend.show_cursor())
        .and_then(|()| backend.flush())
        .map_err(|e| format!("cannot clear the picker: {e}"))
}

/// Runs the picker until it is done: its rows start at row `top` of `screen` (and move up when
/// a resize leaves them no room), input comes from `source`, and `fx` are the effects the picker
/// asked for when it was made (the search of a query given on the command line). The rows are
/// cleared at the end, with the cursor at the start of the first; they are returned, as they
/// were last (a resize moves them).
pub fn pick_loop<S: Screen, I: EventSource>(
    screen: &mut S,
    top: u16,
    height: Height,
    picker: &mut Picker,
    source: I,
    fx: Vec<Effect>,
) -> Result<Rect, String> {
    let size = screen.size()?;
    let rows = viewport_rows(height, size.height);
    let mut area = Rect::new(0, viewport_top(top, size.height, rows), size.width, rows);
    picker.resize(area);
    let mut terminal = screen.viewport(area)?;
    // The rows may hold text (an editor's command line under the cursor): a frame draws only
    // the cells that differ from blank, so they are blanked first.
    clear_from(&mut terminal, area.y)?;
    let (tx, rx) = mpsc::channel();
    source
        .start(tx.clone())
        .map_err(|e| format!("cannot read the terminal: {e}"))?;
    let mut search = SearchLink::start(&picker.papers, picker.search.index.clone(), tx);
    let perform = |search: &mut SearchLink, fx: Vec<Effect>| {
        for effect in fx {
            // The picker asks only for searches; copies and saves are the reader's.
            if let Effect::Search { query, scope } = effect {
                search.submit(query, scope);
            }
        }
    };
    perform(&mut search, fx);
    let draw = |terminal: &mut Terminal<S::Backend>, picker: &Picker| {
        terminal
            .draw(|f| crate::ui::pick::render(f, picker))
            .map(drop)
            .map_err(|e| format!("cannot draw: {e}"))
    };
    draw(&mut terminal, picker)?;
    while picker.done.is_none() {
        // The search link holds a sender, so the channel stays open while the loop runs.
        let Ok(first) = rx.recv() else { break };
        let mut next = Some(first);
        let mut redraw = false;
        // Everything already queued is handled before one frame shows the outcome.
        while let Some(event) = next.take() {
            match &event {
                Event::SearchResults(r) if !picker.search.answers(r) => {}
                Event::Resize { width, height: h } => {
                    let rows = viewport_rows(height, *h);
                    let top = viewport_top(area.y, *h, rows);
                    clear_from(&mut terminal, top.min(h.saturating_sub(1)))?;
                    area = Rect::new(0, top, *width, rows);
                    picker.resize(area);
                    terminal = screen.viewport(area)?;
                    redraw = true;
                }
                _ => {
                    if let Event::IndexReady(index) = &event {
                        search.ready(index.clone());
                    }
                    let fx = picker.handle(event);
                    perform(&mut search, fx);
                    redraw = true;
                }
            }
            if picker.done.is_some() {
                break;
            }
            next = rx.try_recv().ok();
        }
        if redraw && picker.done.is_none() {
            draw(&mut terminal, picker)?;
        }
    }
    clear_from(&mut terminal, area.y)?;
    Ok(area)
}

#[cfg(unix)]
mod tty;
#[cfg(unix)]
pub use tty::run;

/// `/dev/tty` is Unix's; elsewhere the picker has nowhere to draw.
#[cfg(not(unix))]
pub fn run(
    _picker: Picker,
    _fx: Vec<Effect>,
    _height: Height,
) -> Result<crate::app::pick::Outcome, String> {
    Err("lunwen pick needs a Unix terminal (/dev/tty)".into())
}

#[cfg(test)]
mod tests;
