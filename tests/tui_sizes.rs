//! The reader at every terminal size a user can produce, down to nothing: no panic (an
//! arithmetic underflow or an out-of-range slice in a layout), whatever is on screen.

mod common;

use lunwen::action::Action;
use lunwen::app::App;
use lunwen::config::Config;
use lunwen::store::state::State;
use lunwen_core::corpus::Corpus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ACTIONS: &[Action] = &[
    Action::Open,
    Action::NextMarker,
    Action::ShowNote,
    Action::Down,
    Action::Cancel,
    Action::PageDown,
    Action::Bottom,
    Action::FocusOutline,
    Action::UnfoldAll,
    Action::Bottom,
    Action::ToggleFold,
    Action::FocusLibrary,
    Action::Bottom,
    Action::Help,
    Action::PageDown,
    Action::Help,
    Action::Top,
];

fn exercise(papers: Vec<lunwen_core::corpus::Paper>, sizes: &[(u16, u16)]) {
    let mut app = App::new(papers, &Config::defaults(), &State::default(), 80, 24);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for &(w, h) in sizes {
        term.backend_mut().resize(w, h);
        app.resize(w, h);
        for &a in ACTIONS {
            app.update(a);
            term.draw(|f| lunwen::ui::render(f, &app))
                .unwrap_or_else(|e| panic!("{w}x{h} after {a:?}: {e}"));
        }
    }
}

const SIZES: &[(u16, u16)] = &[
    (0, 0),
    (1, 1),
    (2, 1),
    (1, 40),
    (3, 2),
    (10, 3),
    (20, 5),
    (39, 11),
    (80, 24),
    (400, 3),
    (3, 200),
    (500, 150),
    (0, 10),
    (10, 0),
];

/// Exercises the layout's size checks (the too-small screen) and the panes' arithmetic; no bug
/// found so far, kept so a new pane cannot bring one in.
#[test]
fn the_bundled_corpus_draws_at_every_size() {
    exercise(Corpus::bundled().papers, SIZES);
}

#[test]
fn the_hostile_corpus_draws_at_every_size() {
    let dir = common::hostile::corpus_dir();
    let corpus = Corpus::load_dirs(&[dir.path().to_path_buf()]);
    exercise(corpus.papers, SIZES);
}

/// A paper that is one enormous line, and one with nothing in it but a title.
#[test]
fn extreme_papers_draw_at_every_size() {
    let long = format!("标题\n\n{}\n", "新质生产力^[1]。".repeat(20_000));
    let papers = vec![
        lunwen_core::corpus::parse::parse("long", "long.txt", &long),
        lunwen_core::corpus::parse::parse("title", "title.txt", "只有标题\n"),
    ];
    exercise(papers, &[(1, 1), (20, 5), (80, 24), (3, 200)]);
}
