//! The real terminal for the picker: `/dev/tty`, raw mode and bracketed paste restored on every
//! way out, and where the cursor is when the picker starts.

use std::fs::File;
use std::io::{IsTerminal as _, Write as _};
use std::os::fd::AsRawFd;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::{Height, Screen, pick_loop, viewport_rows};
use crate::app::Effect;
use crate::app::pick::{Outcome, Picker};
use crate::tui::input::TerminalInput;

/// The real terminal, through `/dev/tty`.
struct Tty {
    tty: File,
}

impl Screen for Tty {
    type Backend = CrosstermBackend<File>;

    fn size(&mut self) -> Result<Size, String> {
        // Asked of the terminal drawn on (crossterm would open /dev/tty again, or ask stdout).
        let mut ws = libc::winsize {
            ws_row: 0,
            ws_col: 0,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCGWINSZ fills the winsize it is given, on a descriptor this struct owns.
        let ok = unsafe { libc::ioctl(self.tty.as_raw_fd(), libc::TIOCGWINSZ, &mut ws) } == 0;
        if !ok || ws.ws_col == 0 || ws.ws_row == 0 {
            return Err(format!(
                "cannot read the terminal's size: {}",
                std::io::Error::last_os_error()
            ));
        }
        Ok(Size::new(ws.ws_col, ws.ws_row))
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

/// The terminal's cursor (column, row), asked of the terminal itself (a cursor position report).
/// crossterm asks on stdout; when stdout is not the terminal (`$(lunwen pick)`), stdout is
/// pointed at the terminal for the question, so the answer comes through crossterm's own input
/// reader and keys typed meanwhile are kept for the picker, not lost.
fn cursor_position(tty: &File) -> std::io::Result<(u16, u16)> {
    if std::io::stdout().is_terminal() {
        return ratatui::crossterm::cursor::position();
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
        let position = ratatui::crossterm::cursor::position();
        let _ = std::io::stdout().flush();
        libc::dup2(saved, 1);
        libc::close(saved);
        position
    }
}

/// The terminal to draw on: the controlling one. A process started without one (by Emacs's
/// `call-process`, by Neovim's `:!` and `system()`) has none; given the editor's terminal on
/// stdin it would draw, but the editor goes on reading that terminal's keys, so it is told to
/// run the picker in a terminal window instead.
fn open_terminal() -> Result<File, String> {
    File::options()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|e| {
            format!(
                "no terminal to draw the picker on (/dev/tty: {e}); run it in a terminal \
                 window (in Emacs and Neovim: a terminal buffer, see the README)"
            )
        })
}

/// Runs the picker on the terminal (see [`open_terminal`]), makes room for its rows under the cursor,
/// runs [`pick_loop`] there, and restores the terminal. The outcome; the caller writes it out.
pub fn run(mut picker: Picker, fx: Vec<Effect>, height: Height) -> Result<Outcome, String> {
    let tty = open_terminal()?;
    crate::tui::install_panic_hook(restore, None);
    ratatui::crossterm::terminal::enable_raw_mode()
        .map_err(|e| format!("cannot put the terminal in raw mode: {e}"))?;
    let guard = crate::tui::Guard(restore);
    let mut screen = Tty {
        tty: tty
            .try_clone()
            .map_err(|e| format!("cannot write to the terminal: {e}"))?,
    };
    let size = screen.size()?;
    let rows = viewport_rows(height, size.height);
    // A terminal that does not report its cursor: drawn at the bottom, where a prompt usually is.
    let (column, row) = cursor_position(&tty).unwrap_or((0, size.height.saturating_sub(1)));
    // A line with text before the cursor (a shell prompt, under a zsh widget or bash's
    // `bind -x`) is kept: the picker starts on the next one.
    let start = row + u16::from(column > 0);
    // Room under the cursor: each line feed at the bottom row scrolls the terminal up one line,
    // the lines above going to the scrollback as they would for any output.
    let mut out = &tty;
    let feeds = rows.saturating_sub(1) + u16::from(column > 0);
    let room = "\n".repeat(usize::from(feeds));
    out.write_all(room.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to the terminal: {e}"))?;
    // A paste arrives whole, for the query, instead of as keys (a newline in it would pick).
    let _ = ratatui::crossterm::execute!(out, ratatui::crossterm::event::EnableBracketedPaste);
    let result = pick_loop(&mut screen, start, height, &mut picker, TerminalInput, fx);
    // Back after the text on the cursor's line, where a shell's line editor left its cursor
    // and will redraw from.
    if let Ok(area) = &result
        && column > 0
    {
        let back = ratatui::crossterm::cursor::MoveTo(column, area.y.saturating_sub(1));
        let _ = ratatui::crossterm::execute!(out, back);
    }
    drop(guard);
    result?;
    Ok(picker
        .done
        .unwrap_or(Outcome::Cancelled(Some("the terminal closed".into()))))
}
