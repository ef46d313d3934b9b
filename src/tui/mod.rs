//! The terminal side: raw mode and the alternate screen (restored on every exit path, panics
//! included), the state file read at start, and the event loop ([`event_loop`]) between them.
//! Input comes from an [`EventSource`] ([`input`]).

pub mod event_loop;
pub mod input;
pub mod pick;

#[cfg(test)]
mod full_loop;

use std::io::{IsTerminal as _, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

pub use event_loop::{RawOutput, Services, event_loop};
pub use input::{EventSource, TerminalInput, key_press};

use crate::app::App;
use crate::clipboard::{Copier, Environment};
use crate::config::Config;
use crate::store::quotes::QuoteLog;
use crate::store::state;
use lunwen_core::corpus::Corpus;

/// Leaves raw mode and the alternate screen. Safe to call twice.
fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Runs its restore function when dropped, so `?` and early returns cannot leave the terminal
/// raw.
struct Guard(fn());

impl Drop for Guard {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// A panic hook that restores the terminal first (`restore`), then prints the message and
/// `note`. The terminal is restored by then: a reader or picker whose worker died (search) would
/// go on drawing into the user's shell, or wait for it forever, so a panic off the main thread
/// ends the process; only the main thread unwinds to a clean exit.
fn install_panic_hook(restore: fn(), note: Option<&'static str>) {
    crate::crash::install_hook();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        if let Some(note) = note {
            eprintln!("{note}");
        }
        if std::thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

/// The status-bar line for files that were skipped or partly read: the first one named (a
/// user who just dropped a file in wants to see which and why), the rest counted.
pub(crate) fn problems_notice(problems: &[lunwen_core::corpus::LoadProblem]) -> Option<String> {
    let first = problems.first()?;
    Some(match problems.len() {
        1 => first.to_string(),
        n => format!(
            "{first}; {} more file problem(s), `lunwen check` lists them",
            n - 1
        ),
    })
}

/// Runs the full-screen reader on `corpus` until the user quits.
pub fn run(corpus: Corpus, config: Config) -> Result<(), String> {
    if !stdout().is_terminal() {
        return Err(
            "the reader needs a terminal; use `lunwen list` or `lunwen export` in scripts".into(),
        );
    }
    if corpus.papers.is_empty() {
        return Err("no papers to read (give a directory of .txt, .md or .pdf papers with --corpus, or a Zotero library with --zotero)".into());
    }
    let dir = state::dir();
    let mut notice = Vec::new();
    let saved = match dir.as_deref().map(state::load) {
        Some(Ok(s)) => s,
        // Damaged or unreadable alike: said in the status bar, and the reader starts afresh.
        Some(Err(e)) => {
            notice.push(e.to_string());
            state::State::default()
        }
        None => {
            notice.push("no data directory found: reading positions will not be saved".into());
            state::State::default()
        }
    };
    if let Some(note) = problems_notice(&corpus.problems) {
        notice.push(note);
    }
    let mouse = config.settings.mouse;
    // One copier for the whole session: on X11 the clipboard content lives as long as its owner.
    let mut copier = Copier::new(config.settings.clipboard, Environment::current());
    let log = QuoteLog::default_location().ok();

    install_panic_hook(
        restore_terminal,
        Some("Your reading positions up to a few seconds ago are saved."),
    );
    enable_raw_mode().map_err(|e| format!("cannot put the terminal in raw mode: {e}"))?;
    let guard = Guard(restore_terminal);
    execute!(stdout(), EnterAlternateScreen, cursor::Hide)
        .map_err(|e| format!("cannot switch to the alternate screen: {e}"))?;
    // A paste arrives whole: text for the search box, never a string of commands (a `q` in it
    // would quit). Terminals without bracketed paste just type it.
    let _ = execute!(stdout(), EnableBracketedPaste);
    if mouse {
        execute!(stdout(), EnableMouseCapture)
            .map_err(|e| format!("cannot enable the mouse: {e}"))?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))
        .map_err(|e| format!("cannot start the terminal: {e}"))?;
    let size = terminal.size().map_err(|e| e.to_string())?;
    let mut app = App::new(corpus.papers, &config, &saved, size.width, size.height);
    if !notice.is_empty() {
        app.status = Some(notice.join("; "));
    }
    let mut services = Services {
        copier: &mut copier,
        log: log.as_ref(),
        data_dir: dir.as_deref(),
        saved,
    };
    let result = event_loop(&mut terminal, &mut app, TerminalInput, &mut services);
    drop(terminal);
    drop(guard);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_files_are_named_in_the_notice() {
        use lunwen_core::corpus::LoadProblem;
        let p = |f: &str| LoadProblem {
            file: f.into(),
            message: "skipped: binary file, not text".into(),
        };
        assert_eq!(problems_notice(&[]), None);
        assert_eq!(
            problems_notice(&[p("scan.txt")]).as_deref(),
            Some("scan.txt: skipped: binary file, not text")
        );
        let two = problems_notice(&[p("a.txt"), p("b.txt")]).unwrap_or_default();
        assert!(
            two.starts_with("a.txt: skipped") && two.contains("1 more"),
            "{two}"
        );
    }
}
