//! A state file written by an older lunwen (positions as indices into its reading view) still
//! opens every paper on the same text, at every size.

use lunwen::action::Action;
use lunwen::app::App;
use lunwen::config::Config;
use lunwen::store::state;
use lunwen_core::corpus::Corpus;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/state-v1");

#[test]
fn an_old_state_file_opens_each_paper_on_the_same_text() {
    let dir = fixture_dir();
    let saved = state::load(dir.path()).unwrap();
    check_top_lines(&saved);
}

/// Once the reader has been through every paper, it saves the positions named by their text,
/// and those open on the same text again.
#[test]
fn an_old_state_file_is_saved_anchored_to_the_text_and_still_opens_there() {
    let dir = fixture_dir();
    let old = state::load(dir.path()).unwrap();
    let papers = Corpus::bundled().papers;
    let mut app = App::new(papers.clone(), &Config::defaults(), &old, 100, 30);
    app.update(Action::FocusLibrary);
    for _ in 1..papers.len() {
        app.update(Action::Down);
    }
    app.update(Action::Top);
    state::save(dir.path(), &app.saved_state()).unwrap();
    let text = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
    assert!(!text.contains("\"item\""), "{text}");
    assert_eq!(text.matches("\"at\"").count(), 4, "{text}");
    check_top_lines(&state::load(dir.path()).unwrap());
}

/// A data dir holding the old state file.
fn fixture_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        format!("{FIXTURE}/state.json"),
        dir.path().join("state.json"),
    )
    .unwrap();
    dir
}

fn check_top_lines(saved: &state::State) {
    let papers = Corpus::bundled().papers;
    let expected = std::fs::read_to_string(format!("{FIXTURE}/top_lines.tsv")).unwrap();
    let mut checked = 0;
    for row in expected.lines() {
        let cols: Vec<&str> = row.splitn(4, '\t').collect();
        let [size, id, line, text] = cols[..] else {
            panic!("bad row {row:?}");
        };
        let (w, h) = size.split_once('x').unwrap();
        let mut app = App::new(
            papers.clone(),
            &Config::defaults(),
            saved,
            w.parse().unwrap(),
            h.parse().unwrap(),
        );
        assert_eq!(
            app.paper().map(|p| p.id.as_str()),
            Some("000_410c59112ba8e771")
        );
        let i = papers.iter().position(|p| p.id == id).unwrap();
        app.update(Action::FocusLibrary);
        app.update(Action::Top);
        for _ in 0..i {
            app.update(Action::Down);
        }
        assert_eq!(app.layout.lines[app.top()].text(), text, "{id} at {size}");
        assert_eq!(app.top().to_string(), line, "{id} at {size}");
        checked += 1;
    }
    assert_eq!(checked, 12);
}
