//! Fixtures shared by this crate's tests: the bundled corpus as an app, and what the app's effects
//! ask for. The core's fixtures (hand-built papers) are in `lunwen_core::testing`.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};

use crate::app::{App, Effect, Event};
use crate::clipboard::{Clipboard, ClipboardMode, Copier, Environment, FakeClipboard};
use crate::config::{Config, parse_sequence};
use crate::copy::CopyRequest;
use crate::store::state::State;
use crate::tui::{EventSource, RawOutput};
use lunwen_core::corpus::Corpus;
use lunwen_core::search::{Scope, SearchIndex};

/// The app over the bundled papers, fresh (no saved state), sized `w`×`h`.
pub fn seeds(w: u16, h: u16) -> App {
    App::new(
        Corpus::bundled().papers,
        &Config::defaults(),
        &State::default(),
        w,
        h,
    )
}

/// `app` with its search index built, as the event loop gives it once the builder is done.
pub fn with_index(mut app: App) -> App {
    let index = Arc::new(SearchIndex::build(&app.papers));
    app.set_search_index(index);
    app
}

/// The app over the bundled papers with its search index built, sized `w`×`h`.
pub fn indexed_seeds(w: u16, h: u16) -> App {
    with_index(seeds(w, h))
}

/// A copier on a desktop (`auto`: the system clipboard and OSC 52) whose system clipboard is a
/// fake, and the fake, to see what landed on it.
pub fn desktop_copier() -> (Copier, FakeClipboard) {
    let fake = FakeClipboard::new();
    let shared = fake.clone();
    let env = Environment {
        display: true,
        ..Environment::default()
    };
    let copier = Copier::with_opener(
        ClipboardMode::Auto,
        env,
        Box::new(move || Ok(Box::new(shared.clone()) as Box<dyn Clipboard>)),
    );
    (copier, fake)
}

/// The last copy `effects` ask for.
pub fn copy_request(effects: impl IntoIterator<Item = Effect>) -> Option<CopyRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Copy(req) => Some(req),
            _ => None,
        })
        .last()
}

/// The last search `effects` ask for.
pub fn search_request(effects: impl IntoIterator<Item = Effect>) -> Option<(String, Scope)> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Search { query, scope } => Some((query, scope)),
            _ => None,
        })
        .last()
}

/// The screen as text: one line per row, the cell after a wide character skipped.
pub fn view(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            line.push_str(cell.symbol());
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A test terminal that a script on another thread can look at while the event loop draws into
/// it; it keeps the raw bytes (OSC 52) written between frames and counts the frames.
#[derive(Clone)]
pub struct SharedScreen {
    backend: Arc<Mutex<TestBackend>>,
    raw: Arc<Mutex<Vec<u8>>>,
    frames: Arc<Mutex<usize>>,
}

impl SharedScreen {
    pub fn new(width: u16, height: u16) -> SharedScreen {
        SharedScreen {
            backend: Arc::new(Mutex::new(TestBackend::new(width, height))),
            raw: Arc::default(),
            frames: Arc::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TestBackend> {
        self.backend.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The screen as text (see [`view`]).
    pub fn text(&self) -> String {
        view(self.lock().buffer())
    }

    /// Resizes the terminal, as a user dragging the window does.
    pub fn resize(&self, width: u16, height: u16) {
        self.lock().resize(width, height);
    }

    /// Everything written between frames.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Frames drawn so far.
    pub fn frames(&self) -> usize {
        self.frames.lock().map(|f| *f).unwrap_or(0)
    }
}

impl Backend for SharedScreen {
    type Error = std::convert::Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.lock().draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.lock().hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.lock().show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.lock().get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.lock().set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.lock().clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.lock().clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.lock().size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.lock().window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        if let Ok(mut f) = self.frames.lock() {
            *f += 1;
        }
        self.lock().flush()
    }
}

impl RawOutput for SharedScreen {
    fn write_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if let Ok(mut raw) = self.raw.lock() {
            raw.extend_from_slice(bytes);
        }
        Ok(())
    }
}

/// One step of a [`Script`].
pub enum Step {
    /// Keys as a user types them: `"/ x z s enter"`.
    Keys(&'static str),
    Paste(&'static str),
    /// The terminal is resized to `width`×`height`, and the loop draws a frame at that size.
    Resize(u16, u16),
    /// Waits until the screen shows this text.
    Show(&'static str),
    /// Waits this long (to see that nothing happens meanwhile).
    Pause(Duration),
}

/// Scripted input for the event loop, typed from its own thread as a user would: each key once
/// the screen shows what the script waits for. A wait that runs out ends the input, with the
/// screen in the message, so the test fails saying where.
pub struct Script {
    screen: SharedScreen,
    steps: Vec<Step>,
}

/// How long a [`Step::Show`] waits.
const SHOW_TIMEOUT: Duration = Duration::from_secs(30);

impl Script {
    pub fn new(screen: &SharedScreen, steps: Vec<Step>) -> Script {
        Script {
            screen: screen.clone(),
            steps,
        }
    }

    fn run(self, tx: &Sender<Event>) -> Result<(), String> {
        let send = |e: Event| tx.send(e).map_err(|_| "the loop is gone".to_string());
        for step in self.steps {
            match step {
                Step::Keys(keys) => {
                    for k in parse_sequence(keys)? {
                        send(Event::Key(k))?;
                    }
                }
                Step::Paste(text) => send(Event::Paste(text.into()))?,
                // The resized buffer still holds the old frame, reflowed, so later `Show` steps
                // could match it; the step ends when the loop has drawn at the new size.
                Step::Resize(width, height) => {
                    let drawn = self.screen.frames();
                    self.screen.resize(width, height);
                    send(Event::Resize { width, height })?;
                    let deadline = Instant::now() + SHOW_TIMEOUT;
                    while self.screen.frames() == drawn {
                        if Instant::now() > deadline {
                            return Err(format!("no frame was drawn at {width}×{height}"));
                        }
                        std::thread::sleep(Duration::from_millis(5));
                    }
                }
                Step::Show(text) => {
                    let deadline = Instant::now() + SHOW_TIMEOUT;
                    while !self.screen.text().contains(text) {
                        if Instant::now() > deadline {
                            return Err(format!(
                                "the screen never showed {text:?}:\n{}",
                                self.screen.text()
                            ));
                        }
                        std::thread::sleep(Duration::from_millis(5));
                    }
                }
                Step::Pause(d) => std::thread::sleep(d),
            }
        }
        Ok(())
    }
}

impl EventSource for Script {
    fn start(self, events: Sender<Event>) -> std::io::Result<()> {
        std::thread::Builder::new()
            .name("lunwen-script".into())
            .spawn(move || {
                let why = self.run(&events).err();
                let _ = events.send(Event::InputClosed(why));
            })
            .map(drop)
    }
}
