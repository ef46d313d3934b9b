//! A state file written by an older lunwen (positions as indices into its reading view) still
//! opens every paper on the same text, at every size.

use lunwen::action::Action;
use lunwen::app::App;
use lunwen::config::Config;
use lunwen::store::state;
use lunwen_core::corpus::Corpus;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/state-v1");

// That version's positions are indices into its own view of the paper, so they name the text
// it showed only where today's parser reads the paper into the same blocks; the parser rewrite
// changed 001 (its `其他内容` became notes), 003 (its English abstract became a part of its
// own, moving the table) and 004 (its paragraphs are joined across page breaks now). 000 must
// still open on the very text that version showed; the others on some line of the paper.
#[test]
fn an_old_state_file_opens_each_paper_on_the_same_text() {
    let dir = fixture_dir();
    let saved = state::load(dir.path()).unwrap();
    let rows = top_lines(&saved);
    let same = rows.iter().filter(|r| r.shown == r.expected).count();
    assert_eq!(same, 3, "{rows:#?}");
    for r in rows.iter().filter(|r| r.shown == r.expected) {
        assert!(r.id.starts_with("000"), "{r:?}");
    }
}

/// Once the reader has been through every paper, it saves the positions named by their text,
/// and those open on the same text again.
#[test]
fn an_old_state_file_is_saved_anchored_to_the_text_and_still_opens_there() {
    let dir = fixture_dir();
    let old = state::load(dir.path()).unwrap();
    let before = top_lines(&old);
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
    // 001's position named an item past the end of today's view of it: dropped, not guessed.
    assert_eq!(text.matches("\"at\"").count(), 3, "{text}");
    let after = top_lines(&state::load(dir.path()).unwrap());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.shown, a.shown, "{} at {}", b.id, b.size);
    }
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

/// One row of `top_lines.tsv` and what the reader shows today.
#[derive(Debug)]
struct Row {
    size: String,
    id: String,
    expected: String,
    shown: String,
}

/// Opens each paper of each row of the fixture at its size with `saved`.
fn top_lines(saved: &state::State) -> Vec<Row> {
    let papers = Corpus::bundled().papers;
    let expected = std::fs::read_to_string(format!("{FIXTURE}/top_lines.tsv")).unwrap();
    let mut rows = Vec::new();
    for row in expected.lines() {
        let cols: Vec<&str> = row.splitn(4, '\t').collect();
        let [size, id, _line, text] = cols[..] else {
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
        rows.push(Row {
            size: size.into(),
            id: id.into(),
            expected: text.into(),
            shown: app.layout.lines[app.top()].text(),
        });
    }
    assert_eq!(rows.len(), 12);
    rows
}
