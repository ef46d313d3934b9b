//! `lunwen pick` on the terminal: drawn on `/dev/tty` in rows under the cursor (like
//! `fzf --height`), never on stdout, which is left for the quotation, so the picker works inside
//! `$(…)`, vim's `:r !…` and pipes; and never on the alternate screen, so what the terminal
//! showed above the cursor stays put. The rows are cleared on the way out and the cursor is left
//! where they started, for the shell (or the editor) to go on there.
//!
//! [`pick_loop`] is the event loop of the picker, generic over the [`Screen`] it draws on and the
//! input, so tests run it whole on a test terminal; [`run`] is the real terminal around it.

use std::fs::File;
use std::io::{IsTerminal as _, Write as _};
use std::str::FromStr;
use std::sync::mpsc;

use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::event_loop::SearchLink;
use super::input::{EventSource, TerminalInput};
use crate::app::pick::{Outcome, Picker};
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
/// cleared at the end, with the cursor at the start of the first.
pub fn pick_loop<S: Screen, I: EventSource>(
    screen: &mut S,
    top: u16,
    height: Height,
    picker: &mut Picker,
    source: I,
    fx: Vec<Effect>,
) -> Result<(), String> {
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
    clear_from(&mut terminal, area.y)
}

/// The real terminal, through `/dev/tty`.
struct Tty {
    tty: File,
}

impl Screen for Tty {
    type Backend = CrosstermBackend<File>;

    fn size(&mut self) -> Result<Size, String> {
        let (width, height) = ratatui::crossterm::terminal::size()
            .map_err(|e| format!("cannot read the terminal's size: {e}"))?;
        Ok(Size::new(width, height))
    }

    fn viewport(&mut self, area: Rect) -> Result<Terminal<Self::Backend>, String> {
        let tty = self
            .tty
            .try_clone()
            .map_err(|e| format!("cannot write to the terminal: {e}"))?;
        Terminal::with_options(
            CrosstermBackend::new(tty),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .map_err(|e| format!("cannot start the terminal: {e}"))
    }
}

/// Leaves raw mode and bracketed paste, on every way out (panics included).
fn restore() {
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    if let Ok(mut tty) = File::options().write(true).open("/dev/tty") {
        let _ = ratatui::crossterm::execute!(
            tty,
            ratatui::crossterm::event::DisableBracketedPaste,
            ratatui::crossterm::cursor::Show
        );
    }
}

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    crate::crash::install_hook();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        // A worker that died would leave the picker waiting for it: end the process instead.
        if std::thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

/// The row of the terminal's cursor, asked of the terminal itself (a cursor position report).
/// crossterm asks on stdout; when stdout is not the terminal (`$(lunwen pick)`), stdout is
/// pointed at the terminal for the question, so the answer comes through crossterm's own input
/// reader and keys typed meanwhile are kept for the picker, not lost.
#[cfg(unix)]
fn cursor_row(tty: &File) -> std::io::Result<u16> {
    use std::os::fd::AsRawFd;
    if std::io::stdout().is_terminal() {
        return ratatui::crossterm::cursor::position().map(|(_, row)| row);
    }
    let _ = std::io::stdout().flush();
    // SAFETY: plain descriptor calls on descriptors this process owns; fd 1 is put back before
    // returning, and nothing writes to stdout in between but crossterm's question.
    unsafe {
        let saved = libc::dup(1);
        if saved < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if libc::dup2(tty.as_raw_fd(), 1) < 0 {
            let e = std::io::Error::last_os_error();
            libc::close(saved);
            return Err(e);
        }
        let row = ratatui::crossterm::cursor::position().map(|(_, row)| row);
        let _ = std::io::stdout().flush();
        libc::dup2(saved, 1);
        libc::close(saved);
        row
    }
}

/// Runs the picker on the terminal: opens `/dev/tty` (an error when there is none, as for a
/// process started without a controlling terminal), makes room for its rows under the cursor,
/// runs [`pick_loop`] there, and restores the terminal. The outcome; the caller writes it out.
#[cfg(unix)]
pub fn run(mut picker: Picker, fx: Vec<Effect>, height: Height) -> Result<Outcome, String> {
    let tty = File::options()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|e| format!("lunwen pick needs a terminal to draw on: /dev/tty: {e}"))?;
    install_panic_hook();
    ratatui::crossterm::terminal::enable_raw_mode()
        .map_err(|e| format!("cannot put the terminal in raw mode: {e}"))?;
    let guard = Guard;
    let mut screen = Tty {
        tty: tty
            .try_clone()
            .map_err(|e| format!("cannot write to the terminal: {e}"))?,
    };
    let size = screen.size()?;
    let rows = viewport_rows(height, size.height);
    // A terminal that does not report its cursor: drawn at the bottom, where a prompt usually is.
    let row = cursor_row(&tty).unwrap_or(size.height.saturating_sub(1));
    // Room under the cursor: each line feed at the bottom row scrolls the terminal up one line,
    // the lines above going to the scrollback as they would for any output.
    let mut out = &tty;
    let room = "\n".repeat(usize::from(rows.saturating_sub(1)));
    out.write_all(room.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to the terminal: {e}"))?;
    // A paste arrives whole, for the query, instead of as keys (a newline in it would pick).
    let _ = ratatui::crossterm::execute!(out, ratatui::crossterm::event::EnableBracketedPaste);
    let result = pick_loop(&mut screen, row, height, &mut picker, TerminalInput, fx);
    drop(guard);
    result?;
    Ok(picker
        .done
        .unwrap_or(Outcome::Cancelled(Some("the terminal closed".into()))))
}

/// `/dev/tty` is Unix's; elsewhere the picker has nowhere to draw.
#[cfg(not(unix))]
pub fn run(_picker: Picker, _fx: Vec<Effect>, _height: Height) -> Result<Outcome, String> {
    Err("lunwen pick needs a Unix terminal (/dev/tty)".into())
}

#[cfg(test)]
mod tests;
