//! The event loop: one channel that the input thread, the index builder and the search worker
//! all send into; the loop waits on it (no polling), hands each event to the app, carries out the
//! effects the app returns, and draws a frame when something changed. Generic over the backend
//! and the event source, so tests run it whole on ratatui's `TestBackend` with scripted input.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};

use super::input::EventSource;
use crate::app::{App, Effect, Event};
use crate::clipboard::{Copier, write_osc52};
use crate::copy::perform;
use crate::store::quotes::QuoteLog;
use crate::store::state::{self, State};
use lunwen_core::corpus::Paper;
use lunwen_core::search::{Scope, SearchIndex, Searcher};

/// How long input must pause before the reading position is saved, so a burst of scrolling
/// writes once and a dropped SSH connection loses at most this much.
pub const IDLE_SAVE: Duration = Duration::from_secs(2);

/// A backend that can also take raw bytes for the terminal between frames (the OSC 52 sequence
/// of a copy), which ratatui's `Backend` has no call for.
pub trait RawOutput {
    fn write_raw(&mut self, bytes: &[u8]) -> std::io::Result<()>;
}

impl<W: std::io::Write> RawOutput for CrosstermBackend<W> {
    fn write_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        write_osc52(self, bytes)
    }
}

/// A test terminal has no clipboard: the bytes go nowhere.
impl RawOutput for TestBackend {
    fn write_raw(&mut self, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
}

/// What the loop needs to carry out the app's effects.
pub struct Services<'a> {
    pub copier: &'a mut Copier,
    pub log: Option<&'a QuoteLog>,
    /// Where the state file is kept; `None`: reading positions are not saved.
    pub data_dir: Option<&'a Path>,
    /// The state as last read or written, so an unchanged state is not written again.
    pub saved: State,
}

impl Services<'_> {
    /// Writes the app's state if it differs from what the file holds. The error is a message
    /// for the status bar.
    fn save(&mut self, app: &App) -> Result<(), String> {
        let Some(dir) = self.data_dir else {
            return Ok(());
        };
        let now = app.saved_state();
        if now != self.saved {
            state::save(dir, &now)
                .map_err(|e| format!("cannot save reading positions in {}: {e}", dir.display()))?;
            self.saved = now;
        }
        Ok(())
    }
}

/// The search side: the index is built on its own thread so the reader (or the picker) opens at
/// once, then a worker answers queries. Both send into the loop's channel.
pub(super) struct SearchLink {
    events: Sender<Event>,
    searcher: Option<Searcher>,
    /// A search asked for before the index was ready.
    waiting: Option<(String, Scope)>,
}

impl SearchLink {
    /// Starts on `papers`, with their `index` when it is built already.
    pub(super) fn start(
        papers: &[Paper],
        index: Option<Arc<SearchIndex>>,
        events: Sender<Event>,
    ) -> SearchLink {
        let mut link = SearchLink {
            events,
            searcher: None,
            waiting: None,
        };
        match index {
            Some(index) => link.ready(index),
            None => {
                let papers = papers.to_vec();
                let tx = link.events.clone();
                let _ = std::thread::Builder::new()
                    .name("lunwen-index".into())
                    .spawn(move || {
                        let _ = tx.send(Event::IndexReady(Arc::new(SearchIndex::build(&papers))));
                    });
            }
        }
        link
    }

    /// The index is built: start the worker, and run the search that waited for it.
    pub(super) fn ready(&mut self, index: Arc<SearchIndex>) {
        let tx = self.events.clone();
        self.searcher = Some(Searcher::with_sink(
            index,
            crate::app::search::HIT_LIMIT,
            move |r| tx.send(Event::SearchResults(r)).is_ok(),
        ));
        if let Some((query, scope)) = self.waiting.take() {
            self.submit(query, scope);
        }
    }

    pub(super) fn submit(&mut self, query: String, scope: Scope) {
        match &self.searcher {
            Some(s) => {
                s.submit(&query, scope);
            }
            None => self.waiting = Some((query, scope)),
        }
    }
}

/// The loop's state between events.
struct Turn<'s, 'a> {
    services: &'s mut Services<'a>,
    search: SearchLink,
    /// OSC 52 bytes of a copy, written after the frame that reports it.
    osc52: Vec<u8>,
    /// The state changed since it was last saved.
    unsaved: bool,
}

impl Turn<'_, '_> {
    /// Hands one event to the app and carries out what it asks for. False when the event
    /// changed nothing on screen.
    fn handle(&mut self, app: &mut App, event: Event) -> bool {
        match &event {
            Event::SearchResults(r) if !app.wants(r) => return false,
            Event::IndexReady(index) => self.search.ready(index.clone()),
            _ => {}
        }
        let effects = app.handle(event);
        self.perform(app, effects);
        true
    }

    fn perform(&mut self, app: &mut App, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Copy(req) => match perform(self.services.copier, self.services.log, &req) {
                    Ok(done) => {
                        crate::log::log(crate::log::Level::Debug, &done.status);
                        app.status = Some(done.status);
                        self.osc52.extend(done.osc52);
                    }
                    Err(e) => {
                        crate::log::log(crate::log::Level::Warn, &format!("not copied: {e}"));
                        app.status = Some(format!("not copied: {e}"));
                    }
                },
                Effect::Search { query, scope } => self.search.submit(query, scope),
                Effect::Save => self.unsaved = true,
            }
        }
    }

    /// Saves the state; true when that failed, which the status bar now says.
    fn save(&mut self, app: &mut App) -> bool {
        self.unsaved = false;
        let failed = self.services.save(app).err();
        let said = failed.is_some();
        if failed.is_some() {
            app.status = failed;
        }
        said
    }

    /// Lays the app out for the terminal's size as it is now, draws, then writes the OSC 52
    /// bytes of the copies the frame reports, so they never land inside a frame.
    fn draw<B: Backend + RawOutput>(
        &mut self,
        terminal: &mut Terminal<B>,
        app: &mut App,
    ) -> Result<(), String> {
        if let Ok(size) = terminal.size()
            && (size.width, size.height) != (app.size.width, app.size.height)
        {
            let effects = app.resize(size.width, size.height);
            self.perform(app, effects);
        }
        terminal
            .draw(|f| crate::ui::render(f, app))
            .map_err(|e| format!("cannot draw: {e}"))?;
        let osc52 = std::mem::take(&mut self.osc52);
        terminal
            .backend_mut()
            .write_raw(&osc52)
            .map_err(|e| format!("OSC 52: {e}"))
    }
}

/// Runs the app until it quits: input from `source`, frames to `terminal`, effects through
/// `services`. Waits for an event as long as it takes, or, while the state is unsaved, until
/// input has paused for [`IDLE_SAVE`]. Saves the state on the way out.
pub fn event_loop<B: Backend + RawOutput, S: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    source: S,
    services: &mut Services,
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    source
        .start(tx.clone())
        .map_err(|e| format!("cannot read the terminal: {e}"))?;
    let mut turn = Turn {
        services,
        search: SearchLink::start(&app.papers, app.search.index.clone(), tx),
        osc52: Vec::new(),
        unsaved: false,
    };
    turn.draw(terminal, app)?;
    debug_panic();
    while !app.quit {
        let first = if turn.unsaved {
            match rx.recv_timeout(IDLE_SAVE) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    if turn.save(app) {
                        turn.draw(terminal, app)?;
                    }
                    continue;
                }
            }
        } else {
            // The loop holds a sender (for the search worker), so the channel stays open.
            match rx.recv() {
                Ok(event) => event,
                Err(_) => break,
            }
        };
        // Everything already queued is handled before one frame shows the outcome.
        let mut redraw = turn.handle(app, first);
        while !app.quit
            && let Ok(event) = rx.try_recv()
        {
            redraw |= turn.handle(app, event);
        }
        if redraw && !app.quit {
            turn.draw(terminal, app)?;
        }
    }
    turn.save(app);
    Ok(())
}

/// Test hook for the panic hook (tests/tui_tmux.rs); debug builds only. `thread` panics in a
/// background thread, as a search worker could.
fn debug_panic() {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_worker_answers_the_popup_while_the_loop_keeps_going() {
        let mut app = crate::testing::seeds(80, 24);
        let (tx, rx) = mpsc::channel();
        let mut link = SearchLink::start(&app.papers, None, tx);
        // What the loop does with the link: hand it the app's searches, hand the app its answers.
        let serve = |link: &mut SearchLink, effects: Vec<Effect>| {
            for e in effects {
                if let Effect::Search { query, scope } = e {
                    link.submit(query, scope);
                }
            }
        };
        let fx = crate::app::press(&mut app, "/ x z s");
        serve(&mut link, fx);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut typed_more = false;
        while std::time::Instant::now() < deadline {
            let Ok(event) = rx.recv_timeout(Duration::from_millis(50)) else {
                continue;
            };
            if let Event::IndexReady(index) = &event {
                link.ready(index.clone());
            }
            let fx = app.handle(event);
            serve(&mut link, fx);
            if app.search_shown().is_some() {
                if typed_more {
                    break;
                }
                // the longer query is searched within these hits by the worker
                let fx = crate::app::press(&mut app, "c l");
                serve(&mut link, fx);
                typed_more = true;
            }
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
        use crate::app::search::tests::type_keys;
        use ratatui::layout::Rect;
        use ratatui::{TerminalOptions, Viewport};
        let mut app = crate::testing::indexed_seeds(120, 40);
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
    fn frame_bytes<R>(act: impl Fn(&mut App) -> R) -> usize {
        use ratatui::layout::Rect;
        use ratatui::{TerminalOptions, Viewport};
        let mut app = crate::testing::seeds(120, 40);
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
            &State::default(),
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
        let mut services = Services {
            copier: &mut copier,
            log: Some(&log),
            data_dir: None,
            saved: State::default(),
        };
        let (tx, _rx) = mpsc::channel();
        let mut turn = Turn {
            services: &mut services,
            search: SearchLink {
                events: tx,
                searcher: None,
                waiting: None,
            },
            osc52: Vec::new(),
            unsaved: false,
        };
        turn.draw(&mut t, &mut app)
            .unwrap_or_else(|e| panic!("{e}"));
        rec.0.borrow_mut().clear();
        let effects = crate::app::press(&mut app, keys);
        turn.perform(&mut app, effects);
        turn.draw(&mut t, &mut app)
            .unwrap_or_else(|e| panic!("{e}"));
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
            &app.citer().cite(
                &app.papers[0],
                lunwen_core::corpus::citation::Style::GbT7714,
                None,
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
