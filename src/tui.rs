//! The terminal side: raw mode and the alternate screen (restored on every exit path, panics
//! included), the event loop, and the state file read at start and written on the way out.

use std::io::{IsTerminal as _, Stdout, Write, stdout};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::app::App;
use crate::clipboard::{Copier, Environment, write_osc52};
use crate::config::{Config, KeyCode, KeyPress};
use crate::copy::perform;
use crate::store::quotes::QuoteLog;
use crate::store::state;
use lunwen_core::corpus::Corpus;
use lunwen_core::search::{SearchIndex, Searcher};

/// How long the loop waits for input before saving the reading position, so a dropped SSH
/// connection loses at most this much.
const IDLE_SAVE: Duration = Duration::from_secs(2);

/// How often the loop looks for search results while the popup waits for them.
const SEARCH_POLL: Duration = Duration::from_millis(15);

/// The search side of the event loop: the index is built on its own thread so the reader opens
/// at once, then a worker answers queries while the loop keeps drawing.
struct SearchLink {
    index: Option<Receiver<Arc<SearchIndex>>>,
    searcher: Option<Searcher>,
}

impl SearchLink {
    fn start(papers: Vec<lunwen_core::corpus::Paper>) -> SearchLink {
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("lunwen-index".into())
            .spawn(move || {
                let _ = tx.send(Arc::new(SearchIndex::build(&papers)));
            });
        SearchLink {
            index: spawned.ok().map(|_| rx),
            searcher: None,
        }
    }

    /// Hands the app a finished index, new queries to the worker and its results to the app.
    /// True when the app changed and needs drawing.
    fn pump(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        if self.searcher.is_none()
            && let Some(index) = self.index.as_ref().and_then(|rx| rx.try_recv().ok())
        {
            app.set_search_index(index.clone());
            self.searcher = Some(Searcher::new(index, crate::app::search::HIT_LIMIT));
            self.index = None;
            changed = true;
        }
        let Some(searcher) = &self.searcher else {
            return changed;
        };
        if let Some((query, scope)) = app.take_search_request() {
            searcher.submit(&query, scope);
        }
        if let Some(results) = searcher.try_recv() {
            app.search_results(results);
            changed = true;
        }
        changed
    }
}

/// Converts a crossterm key event into the keymap's key press; keys lunwen has no name for are
/// ignored.
pub fn key_press(ev: KeyEvent) -> Option<KeyPress> {
    use ratatui::crossterm::event::KeyCode as K;
    let code = match ev.code {
        K::Char(c) => KeyCode::Char(c),
        K::Enter => KeyCode::Enter,
        K::Esc => KeyCode::Esc,
        K::Tab => KeyCode::Tab,
        K::BackTab => KeyCode::BackTab,
        K::Backspace => KeyCode::Backspace,
        K::Delete => KeyCode::Delete,
        K::Insert => KeyCode::Insert,
        K::Up => KeyCode::Up,
        K::Down => KeyCode::Down,
        K::Left => KeyCode::Left,
        K::Right => KeyCode::Right,
        K::Home => KeyCode::Home,
        K::End => KeyCode::End,
        K::PageUp => KeyCode::PageUp,
        K::PageDown => KeyCode::PageDown,
        K::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(
        KeyPress {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
            shift: ev.modifiers.contains(KeyModifiers::SHIFT),
        }
        .normalized(),
    )
}

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

/// Restores the terminal when dropped, so `?` and early returns cannot leave it raw.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    crate::crash::install_hook();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
        eprintln!("Your reading positions up to a few seconds ago are saved.");
        // The terminal is restored already; a reader whose worker died (search) would go on
        // drawing into the user's shell. Only the main thread unwinds to a clean exit.
        if std::thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

/// The status-bar line for files that were skipped or partly read: the first one named (a
/// user who just dropped a file in wants to see which and why), the rest counted.
fn problems_notice(problems: &[lunwen_core::corpus::LoadProblem]) -> Option<String> {
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
        return Err("no papers to read (give a directory of .txt/.md papers with --corpus)".into());
    }
    let dir = state::dir();
    let mut notice = Vec::new();
    let saved = match dir.as_deref().map(state::load) {
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            notice.push(e);
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

    install_panic_hook();
    enable_raw_mode().map_err(|e| format!("cannot put the terminal in raw mode: {e}"))?;
    let guard = Guard;
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
    let mut copies = Copies {
        copier: &mut copier,
        log: log.as_ref(),
    };
    let link = SearchLink::start(app.papers.clone());
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut copies,
        link,
        dir.as_deref(),
        saved,
    );
    drop(terminal);
    drop(guard);
    result
}

/// Where the app's copies go.
struct Copies<'a> {
    copier: &'a mut Copier,
    log: Option<&'a QuoteLog>,
}

/// Carries out the copy the last input asked for, draws the frame (its status bar saying what
/// was copied), and only then writes the OSC 52 bytes, so they never land inside a frame.
fn frame<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &mut App,
    copies: &mut Copies,
) -> Result<(), String> {
    let osc52 = match app.take_copy_request() {
        Some(req) => match perform(copies.copier, copies.log, &req) {
            Ok(done) => {
                app.status = Some(done.status);
                done.osc52
            }
            Err(e) => {
                app.status = Some(format!("not copied: {e}"));
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    terminal
        .draw(|f| crate::ui::render(f, app))
        .map_err(|e| format!("cannot draw: {e}"))?;
    write_osc52(terminal.backend_mut(), &osc52).map_err(|e| format!("OSC 52: {e}"))
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    copies: &mut Copies,
    mut link: SearchLink,
    dir: Option<&std::path::Path>,
    mut last_saved: state::State,
) -> Result<(), String> {
    let mut save = |app: &App| -> Result<(), String> {
        let Some(dir) = dir else { return Ok(()) };
        let now = app.saved_state();
        if now != last_saved {
            state::save(dir, &now)
                .map_err(|e| format!("cannot save reading positions in {}: {e}", dir.display()))?;
            last_saved = now;
        }
        Ok(())
    };
    loop {
        link.pump(app);
        frame(terminal, app, copies)?;
        // Test hook for the panic hook (tests/tui_tmux.rs); debug builds only. `thread` panics
        // in a background thread, as a search worker could.
        #[cfg(debug_assertions)]
        match std::env::var("LUNWEN_DEBUG_PANIC").as_deref() {
            Ok("thread") => {
                let _ = std::thread::Builder::new()
                    .name("lunwen-debug".into())
                    .spawn(|| panic!("LUNWEN_DEBUG_PANIC=thread: crashing on purpose in a thread"));
            }
            Ok(_) => panic!("LUNWEN_DEBUG_PANIC is set: crashing on purpose inside the event loop"),
            Err(_) => {}
        }
        // While a search runs, wake up often to show its results; keys still come first.
        let waiting = app.search_pending();
        let ready = event::poll(if waiting { SEARCH_POLL } else { IDLE_SAVE })
            .map_err(|e| e.to_string())?;
        if !ready && waiting {
            continue;
        }
        if !ready {
            if let Err(e) = save(app) {
                app.status = Some(e);
            }
            continue;
        }
        match event::read().map_err(|e| e.to_string())? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if let Some(key) = key_press(k) {
                    app.handle_key(key);
                }
            }
            Event::Resize(w, h) => app.resize(w, h),
            Event::Paste(text) => app.paste(&text),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => app.click(m.column, m.row),
                MouseEventKind::ScrollDown => app.wheel(m.column, m.row, true),
                MouseEventKind::ScrollUp => app.wheel(m.column, m.row, false),
                _ => {}
            },
            _ => {}
        }
        if app.quit {
            return save(app);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode as K;

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

    #[test]
    fn key_events_become_keymap_presses() {
        let ev = |code, m| KeyEvent::new(code, m);
        assert_eq!(
            key_press(ev(K::Char('G'), KeyModifiers::SHIFT)),
            Some("G".parse().unwrap())
        );
        assert_eq!(
            key_press(ev(K::Char('d'), KeyModifiers::CONTROL)),
            Some("ctrl-d".parse().unwrap())
        );
        assert_eq!(
            key_press(ev(K::BackTab, KeyModifiers::SHIFT)),
            Some("shift-tab".parse().unwrap())
        );
        assert_eq!(
            key_press(ev(K::Char(' '), KeyModifiers::NONE)),
            Some("space".parse().unwrap())
        );
        assert_eq!(key_press(ev(K::CapsLock, KeyModifiers::NONE)), None);
    }

    #[test]
    fn the_worker_answers_the_popup_while_the_loop_keeps_going() {
        let mut app = App::new(
            Corpus::bundled().papers,
            &Config::defaults(),
            &state::State::default(),
            80,
            24,
        );
        let mut link = SearchLink::start(app.papers.clone());
        crate::app::press(&mut app, "/ x z s");
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut typed_more = false;
        while std::time::Instant::now() < deadline {
            link.pump(&mut app);
            if app.search_shown().is_some() {
                if typed_more {
                    break;
                }
                // the longer query is searched within these hits by the worker
                crate::app::press(&mut app, "c l");
                typed_more = true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if let Some(r) = app.search_shown() {
            eprintln!(
                "worker: {:?} for {:?} within the previous hits",
                r.elapsed, r.query
            );
        }
        let shown = app.search_shown().map(|r| (r.query.clone(), r.total));
        assert!(
            shown.as_ref().is_some_and(|(q, n)| q == "xzscl" && *n > 10),
            "{shown:?}"
        );
        assert!(!app.search_pending());
    }

    #[test]
    fn typing_into_the_popup_sends_little() {
        use crate::app::search::tests::{seeds, type_keys};
        use ratatui::layout::Rect;
        use ratatui::{TerminalOptions, Viewport};
        let mut app = seeds(120, 40);
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        };
        let counter = Counter::default();
        let mut t = Terminal::with_options(CrosstermBackend::new(counter.clone()), options)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut bytes = |app: &App| {
            let before = counter.0.get();
            t.draw(|f| crate::ui::render(f, app))
                .unwrap_or_else(|e| panic!("{e}"));
            counter.0.get() - before
        };
        bytes(&app);
        type_keys(&mut app, "/");
        let open = bytes(&app);
        type_keys(&mut app, "x z s c");
        bytes(&app);
        type_keys(&mut app, "l");
        let key = bytes(&app);
        type_keys(&mut app, "down");
        let down = bytes(&app);
        assert!(open < 40_000, "opening the popup sent {open} bytes");
        assert!(key < 30_000, "a keystroke sent {key} bytes");
        assert!(down < 12_000, "moving the selection sent {down} bytes");
        eprintln!("popup bytes: open {open}, keystroke {key}, next hit {down}");
    }

    /// Counts the bytes written through it.
    #[derive(Clone, Default)]
    struct Counter(std::rc::Rc<std::cell::Cell<usize>>);

    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.set(self.0.get() + buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Bytes the real backend writes for one frame after `act`, at 120×40.
    fn frame_bytes(act: impl Fn(&mut App)) -> usize {
        use ratatui::layout::Rect;
        use ratatui::{TerminalOptions, Viewport};
        let mut app = App::new(
            Corpus::bundled().papers,
            &Config::defaults(),
            &state::State::default(),
            120,
            40,
        );
        app.update(crate::action::Action::PageDown);
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        };
        let counter = Counter::default();
        let mut t = Terminal::with_options(CrosstermBackend::new(counter.clone()), options)
            .unwrap_or_else(|e| panic!("{e}"));
        t.draw(|f| crate::ui::render(f, &app))
            .unwrap_or_else(|e| panic!("{e}"));
        let before = counter.0.get();
        act(&mut app);
        t.draw(|f| crate::ui::render(f, &app))
            .unwrap_or_else(|e| panic!("{e}"));
        counter.0.get() - before
    }

    /// Records everything written through it.
    #[derive(Clone, Default)]
    struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn find(hay: &[u8], needle: &[u8]) -> Vec<usize> {
        (0..hay.len().saturating_sub(needle.len()) + 1)
            .filter(|&i| hay[i..].starts_with(needle))
            .collect()
    }

    /// One key, then one turn of the loop on a recording terminal with no display (OSC 52 only).
    fn turn(mode: crate::clipboard::ClipboardMode, keys: &str) -> (App, Vec<u8>) {
        use ratatui::layout::Rect;
        use ratatui::{TerminalOptions, Viewport};
        let mut app = App::new(
            vec![lunwen_core::testing::long_paper()],
            &Config::defaults(),
            &state::State::default(),
            100,
            30,
        );
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 100, 30)),
        };
        let rec = Recorder::default();
        let mut t = Terminal::with_options(CrosstermBackend::new(rec.clone()), options)
            .unwrap_or_else(|e| panic!("{e}"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let log = QuoteLog::new(dir.path().join("quotes.jsonl"));
        let mut copier = Copier::new(mode, crate::clipboard::Environment::default());
        let mut copies = Copies {
            copier: &mut copier,
            log: Some(&log),
        };
        frame(&mut t, &mut app, &mut copies).unwrap_or_else(|e| panic!("{e}"));
        rec.0.borrow_mut().clear();
        crate::app::press(&mut app, keys);
        frame(&mut t, &mut app, &mut copies).unwrap_or_else(|e| panic!("{e}"));
        let logged = log.read().map(|l| l.records.len()).unwrap_or(0);
        assert_eq!(
            logged,
            usize::from(!app.status.as_deref().unwrap_or("").starts_with("not"))
        );
        let bytes = rec.0.borrow().clone();
        (app, bytes)
    }

    #[test]
    fn osc52_is_written_after_the_frame_that_reports_the_copy() {
        let (app, bytes) = turn(crate::clipboard::ClipboardMode::Auto, "y");
        let status = app.status.clone().unwrap_or_default();
        assert!(
            status.starts_with("copied sentence + GB/T 7714 citation via OSC 52"),
            "{status}"
        );
        let text = lunwen_core::corpus::citation::quotation(
            &Config::defaults().settings.quote_template,
            "发展新质生产力是推动高质量发展的内在要求和重要着力点。",
            &lunwen_core::corpus::citation::cite(
                &app.papers[0],
                lunwen_core::corpus::citation::Style::GbT7714,
            ),
        );
        let osc = crate::clipboard::osc52_sequence(&text, crate::clipboard::Multiplexer::None);
        assert_eq!(
            find(&bytes, &osc),
            [bytes.len() - osc.len()],
            "once, and last"
        );
        let drawn = find(&bytes, "copied sentence".as_bytes());
        assert_eq!(drawn.len(), 1, "the status bar is drawn in the same turn");
        assert!(drawn[0] < bytes.len() - osc.len());
        assert_eq!(find(&bytes, b"\x1b]52;").len(), 1);
    }

    #[test]
    fn a_refused_copy_says_why_and_writes_no_osc52() {
        let (app, bytes) = turn(crate::clipboard::ClipboardMode::Off, "y");
        assert_eq!(
            app.status.as_deref(),
            Some("not copied: copying is off (clipboard = \"off\" in the config)")
        );
        assert!(find(&bytes, b"\x1b]52;").is_empty());
        assert!(!find(&bytes, b"not copied").is_empty());
    }

    #[test]
    fn frames_send_only_what_changed() {
        let idle = frame_bytes(|_| {});
        let focus = frame_bytes(|a| a.update(crate::action::Action::FocusNext));
        let scroll = frame_bytes(|a| a.update(crate::action::Action::Down));
        assert!(idle < 64, "an unchanged frame sent {idle} bytes");
        assert!(focus < 4_000, "a focus change sent {focus} bytes");
        assert!(scroll < 24_000, "a one-line scroll sent {scroll} bytes");
        eprintln!("bytes per frame: idle {idle}, focus change {focus}, one-line scroll {scroll}");
    }
}
