//! The whole event loop in process: the bundled corpus on a test terminal, input typed by a
//! script that waits for the screen as a user would, the real index builder and search worker,
//! a fake clipboard, and a temporary data directory (never the user's).

use std::time::{Duration, SystemTime};

use ratatui::Terminal;

use super::{Services, event_loop};
use crate::app::App;
use crate::config::Config;
use crate::store::quotes::{QuoteLog, rfc3339};
use crate::store::state::{self, State};
use crate::testing::{Script, SharedScreen, Step};
use lunwen_core::corpus::Corpus;

/// What a run left behind.
struct Run {
    app: App,
    screen: SharedScreen,
    clipboard: Vec<String>,
    log: QuoteLog,
    data: tempfile::TempDir,
}

/// Runs the reader on the bundled papers at `w`×`h` until the script quits it.
fn run(w: u16, h: u16, saved: State, steps: Vec<Step>) -> Run {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let screen = SharedScreen::new(w, h);
    let mut terminal = Terminal::new(screen.clone()).unwrap_or_else(|e| match e {});
    let mut app = App::new(Corpus::bundled().papers, &Config::defaults(), &saved, w, h);
    // A desktop: the system clipboard (a fake) and OSC 52 both.
    let (mut copier, fake) = crate::testing::desktop_copier();
    let log = QuoteLog::new(data.path().join("quotes.jsonl"));
    let mut services = Services {
        copier: &mut copier,
        log: Some(&log),
        data_dir: Some(data.path()),
        saved,
    };
    let script = Script::new(&screen, steps);
    event_loop(&mut terminal, &mut app, script, &mut services).unwrap_or_else(|e| panic!("{e}"));
    Run {
        app,
        screen,
        clipboard: fake.texts(),
        log,
        data,
    }
}

#[test]
fn start_search_jump_copy_quit() {
    let before = rfc3339(SystemTime::now());
    let r = run(
        120,
        40,
        State::default(),
        vec![
            Step::Show("Papers 1/4"),
            Step::Keys("/"),
            Step::Paste("xzscl"),
            Step::Show("hits"),
            Step::Keys("down enter"),
            Step::Show("hit 2/"),
            Step::Keys("y"),
            Step::Show("copied sentence"),
            Step::Keys("q"),
        ],
    );
    let after = rfc3339(SystemTime::now());
    assert!(r.app.quit);
    // The jump put the sentence cursor on the hit, and `y` copied that sentence with its citation.
    let mark = r.app.search_mark().expect("the hit is still highlighted");
    let chars: Vec<char> = r.app.doc.items[mark.item].text.chars().collect();
    let sentence: String = chars[mark.sentence.clone()].iter().collect();
    assert_eq!(r.clipboard.len(), 1, "{:?}", r.clipboard);
    assert!(r.clipboard[0].contains(&sentence), "{:?}", r.clipboard);
    // The OSC 52 copy went out between frames, once.
    let raw = r.screen.raw();
    assert_eq!(raw.windows(5).filter(|w| w == b"\x1b]52;").count(), 1);
    // The quote log has the quote, stamped when it was copied.
    let logged = r.log.read().unwrap_or_else(|e| panic!("{e}")).records;
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].text, sentence);
    assert!(
        before <= logged[0].time && logged[0].time <= after,
        "{}",
        logged[0].time
    );
    // The state file in the data dir says where the reader was.
    let saved = state::load(r.data.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        saved.last_paper.as_deref(),
        r.app.paper().map(|p| p.id.as_str())
    );
    assert_eq!(saved, r.app.saved_state());
}

#[test]
fn an_idle_reader_draws_nothing_and_a_resize_lays_the_frame_out_again() {
    let r = run(
        120,
        40,
        State::default(),
        vec![
            Step::Show("Papers 1/4"),
            // The index arrives meanwhile; then nothing happens.
            Step::Pause(Duration::from_millis(400)),
            Step::Keys("G"),
            Step::Show("100%"),
            Step::Resize(80, 24),
            Step::Show("Papers 1/4"),
            Step::Keys("q"),
        ],
    );
    // First frame, the index arriving, `G`, the resize: a frame each, none while idle.
    assert!(r.screen.frames() <= 5, "{} frames", r.screen.frames());
    assert_eq!((r.app.size.width, r.app.size.height), (80, 24));
    let text = r.screen.text();
    assert_eq!(text.lines().count(), 24, "{text}");
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{text}"
    );
}

#[test]
fn the_terminal_going_away_ends_the_loop_and_saves() {
    let r = run(
        80,
        24,
        State::default(),
        vec![Step::Show("Papers 1/4"), Step::Keys("1 j")],
    );
    assert!(r.app.quit);
    let saved = state::load(r.data.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.last_paper.as_deref(), Some("001_0e3381bbf9580fea"));
    // Reopened on that state, the reader starts on the paper it was left on.
    let again = run(80, 24, saved, vec![Step::Show("Papers 2/4")]);
    assert_eq!(again.app.current, 1);
}
