//! Terminal injection through the reader: the hostile corpus drawn in every pane and popup,
//! checked cell by cell (TestBackend) and byte by byte (the crossterm backend that writes to the
//! real terminal).

mod common;

use lunwen::action::Action;
use lunwen::app::App;
use lunwen::config::Config;
use lunwen::store::state::State;
use lunwen_core::corpus::Corpus;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use common::hostile::{acts_on_terminal, corpus_dir};

const W: u16 = 100;
const H: u16 = 36;

/// Screens worth looking at: each pane focused, the paper scrolled, every marker's note popup,
/// the help overlay.
fn walk(app: &mut App, papers: usize, mut look: impl FnMut(&App, &str)) {
    look(app, "start");
    for i in 0..papers {
        app.update(Action::FocusLibrary);
        app.update(Action::Top);
        for _ in 0..i {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        look(app, &format!("paper {i} open"));
        app.update(Action::FocusOutline);
        app.update(Action::UnfoldAll);
        look(app, &format!("paper {i} outline"));
        app.update(Action::FocusReader);
        for step in 0..6 {
            app.update(Action::NextMarker);
            app.update(Action::ShowNote);
            look(app, &format!("paper {i} note {step}"));
            app.update(Action::Cancel);
            app.update(Action::PageDown);
            look(app, &format!("paper {i} page {step}"));
        }
    }
    app.update(Action::Help);
    look(app, "help");
}

fn corpus() -> Corpus {
    let dir = corpus_dir();
    let c = Corpus::load_dirs(&[dir.path().to_path_buf()]);
    assert_eq!(c.papers.len(), PAPERS, "{:?}", c.problems);
    c
}

const PAPERS: usize = 4;

fn app() -> App {
    App::new(
        corpus().papers,
        &Config::defaults(),
        &State::default(),
        W,
        H,
    )
}

/// Guard: `sanitize` on everything the panes draw (ui/doc, library, note, status) on top of
/// the loader's. A control char in a cell is written to the terminal as is.
#[test]
fn no_cell_of_any_screen_holds_a_control_character() {
    let mut term = Terminal::new(TestBackend::new(W, H)).unwrap();
    let mut app = app();
    let mut screens = 0;
    let mut seen_text = false;
    walk(&mut app, PAPERS, |app, what| {
        term.draw(|f| lunwen::ui::render(f, app)).unwrap();
        let buf = term.backend().buffer();
        let mut screen = String::new();
        for cell in buf.content() {
            let sym = cell.symbol();
            for c in sym.chars() {
                assert!(!acts_on_terminal(c), "{what}: cell holds {c:?}");
            }
            screen.push_str(sym);
        }
        // ratatui drops control chars from cells by itself; what sanitize adds is that the
        // rest of a sequence (`[2J`, `]52;c;<payload>`) does not show up as text.
        for remnant in ["52;c;", "cm0gLXJmIH4=", "pwned", "[31;1m", "[2J", "$r"] {
            assert!(!screen.contains(remnant), "{what}: {remnant} on screen");
        }
        seen_text |= screen.contains('题') && screen.contains('注');
        screens += 1;
    });
    assert!(screens > 10);
    assert!(seen_text, "the hostile papers' text should be on screen");
}

/// Sink for the bytes the real backend would send to the terminal.
#[derive(Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every escape sequence in `bytes` is one ratatui itself writes: CSI with ASCII parameters
/// (cursor moves, SGR colours). No OSC (clipboard, title), DCS, BEL, BS, CR or C1.
fn assert_only_drawing_sequences(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("the backend writes UTF-8");
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let context = || &text[i.saturating_sub(30)..(i + 30).min(text.len())];
        if c == '\u{1b}' {
            let next = chars.next().map(|(_, c)| c);
            assert_eq!(
                next,
                Some('['),
                "ESC not starting a CSI at {i}: {:?}",
                context()
            );
            loop {
                match chars.next() {
                    Some((_, c)) if (' '..='?').contains(&c) => {}
                    Some((_, c)) if ('@'..='~').contains(&c) => break,
                    other => panic!("malformed CSI at {i} ({other:?}): {:?}", context()),
                }
            }
            continue;
        }
        assert!(
            !c.is_control() || c == '\n',
            "{c:?} written at {i}: {:?}",
            context()
        );
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
            "bidi control written at {i}"
        );
    }
    assert!(
        !text.contains("52;c;"),
        "an OSC 52 payload reached the terminal"
    );
    assert!(!text.contains("pwned"), "an OSC title reached the terminal");
}

#[test]
fn the_bytes_sent_to_the_terminal_are_only_drawing_sequences() {
    let sink = Sink::default();
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, W, H)),
    };
    let mut term = Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap();
    let mut app = app();
    walk(&mut app, PAPERS, |app, _| {
        term.draw(|f| lunwen::ui::render(f, app)).unwrap();
    });
    let bytes = sink.0.borrow();
    assert!(bytes.len() > 10_000, "only {} bytes drawn", bytes.len());
    assert_only_drawing_sequences(&bytes);
}
