//! Whole-screen snapshots on `TestBackend`, on the bundled seed papers and on a hand-built paper
//! with every part (notes, references, a table, nested sections).

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::{App, Focus, Overlay, press};
use crate::config::Config;
use crate::store::state::State;
use crate::testing::seeds;
use lunwen_core::testing::long_paper;

pub(super) use crate::testing::view;

pub(super) fn screen(app: &App) -> String {
    let mut t = match Terminal::new(TestBackend::new(app.size.width, app.size.height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    if let Err(e) = t.draw(|f| super::render(f, app)) {
        match e {}
    }
    view(t.backend().buffer())
}

fn sample(w: u16, h: u16) -> App {
    let mut other = long_paper();
    other.id = "t02".into();
    other.title = None;
    App::new(
        vec![long_paper(), other],
        &Config::defaults(),
        &State::default(),
        w,
        h,
    )
}

#[test]
fn seed_startup() {
    insta::assert_snapshot!("seed_startup_80x24", screen(&seeds(80, 24)));
    insta::assert_snapshot!("seed_startup_120x40", screen(&seeds(120, 40)));
}

#[test]
fn seed_reading_mid_paper() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = seeds(w, h);
        press(&mut app, "1 j j 3");
        let total = app.layout.lines.len();
        while app.top() < total / 2 {
            press(&mut app, "pgdn");
        }
        let p = app.percent();
        assert!((40..=80).contains(&p), "{p}% is not mid-paper");
        insta::assert_snapshot!(format!("seed_reading_mid_{w}x{h}"), screen(&app));
    }
}

#[test]
fn seed_tree_folded_and_unfolded() {
    let mut app = seeds(120, 40);
    press(&mut app, "2 z M");
    insta::assert_snapshot!("seed_tree_folded_120x40", screen(&app));
    press(&mut app, "z R");
    insta::assert_snapshot!("seed_tree_unfolded_120x40", screen(&app));
}

#[test]
fn help_is_generated_from_the_keymap() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = seeds(w, h);
        press(&mut app, "?");
        let s = screen(&app);
        assert!(s.contains("Show or hide this help"), "{s}");
        insta::assert_snapshot!(format!("help_{w}x{h}"), s);
    }
    let mut app = seeds(120, 40);
    press(&mut app, "? G");
    insta::assert_snapshot!("help_scrolled_120x40", screen(&app));
    press(&mut app, "esc");
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn too_small_terminal_shows_a_message_and_nothing_panics() {
    insta::assert_snapshot!("too_small_30x8", screen(&seeds(30, 8)));
    let mut app = sample(80, 24);
    press(&mut app, "3 ] enter");
    for w in [1u16, 2, 5, 20, 39, 40, 41, 60] {
        for h in [1u16, 2, 5, 9, 10, 11, 24] {
            app.resize(w, h);
            screen(&app);
            press(&mut app, "j ? esc");
        }
    }
}

#[test]
fn sample_tree_folded_and_unfolded() {
    let mut app = sample(80, 24);
    press(&mut app, "2 z M");
    insta::assert_snapshot!("sample_tree_folded_80x24", screen(&app));
    press(&mut app, "j j j l");
    insta::assert_snapshot!("sample_tree_one_unfolded_80x24", screen(&app));
    press(&mut app, "z R");
    insta::assert_snapshot!("sample_tree_unfolded_80x24", screen(&app));
}

#[test]
fn sample_note_popup() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = sample(w, h);
        press(&mut app, "3 ] enter");
        assert!(matches!(app.overlay, Overlay::Note { .. }));
        let s = screen(&app);
        assert!(s.contains("求是"), "{s}");
        insta::assert_snapshot!(format!("sample_note_{w}x{h}"), s);
    }
}

#[test]
fn unresolved_marker_says_so() {
    let mut app = sample(120, 40);
    let node = app
        .doc
        .nodes
        .iter()
        .position(|n| n.label == "（二）实践逻辑")
        .unwrap_or_default();
    app.scroll_to(app.layout.first_line(app.doc.nodes[node].item));
    press(&mut app, "3 ]");
    let marker = app
        .selected_marker()
        .map(|m| app.doc.items[m.item].markers[m.marker].label.clone());
    assert_eq!(marker.as_deref(), Some("9"));
    press(&mut app, "enter");
    let s = screen(&app);
    assert!(s.contains("unresolved"), "{s}");
}

#[test]
fn sample_table_and_headings() {
    let mut app = sample(120, 40);
    press(&mut app, "2 j j j j");
    assert_eq!(app.focus, Focus::Outline);
    insta::assert_snapshot!("sample_section_with_table_120x40", screen(&app));
}

#[test]
fn seed_note_popup() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = seeds(w, h);
        // The first paper with a resolved marker, opened through the library.
        let Some(paper) = app.papers.iter().position(|p| {
            p.blocks
                .iter()
                .any(|b| b.markers.iter().any(|m| !m.targets.is_empty()))
        }) else {
            panic!("no seed paper has a resolved note marker");
        };
        press(&mut app, "1 g g");
        for _ in 0..paper {
            press(&mut app, "j");
        }
        press(&mut app, "3");
        let line = app
            .layout
            .lines
            .iter()
            .position(|l| {
                l.segs.iter().any(|s| match s.kind {
                    lunwen_core::view::wrap::SegKind::Marker(m) => {
                        !app.doc.items[l.item].markers[m].targets.is_empty()
                    }
                    _ => false,
                })
            })
            .unwrap_or_default();
        app.scroll_to(line);
        press(&mut app, "] enter");
        let Overlay::Note { marker, .. } = app.overlay else {
            panic!("no popup");
        };
        assert!(
            !app.doc.items[marker.item].markers[marker.marker]
                .targets
                .is_empty()
        );
        let s = screen(&app);
        assert!(!s.contains("unresolved"), "{s}");
        insta::assert_snapshot!(format!("seed_note_{w}x{h}"), s);
    }
}

/// The status bar gives the printed page of the top line, once the paper has pages and tells
/// their numbers; the title above the first page has none.
#[test]
fn the_status_bar_shows_the_printed_page_of_the_top_line() {
    let mut paper = long_paper();
    paper.page_count = 2;
    paper.printed_pages = vec![Some(34), Some(35)];
    let last = paper.blocks.len() - 1;
    for (i, b) in paper.blocks.iter_mut().enumerate() {
        b.pages = vec![(0, if i < last / 2 { 1 } else { 2 })];
    }
    let mut app = App::new(vec![paper], &Config::defaults(), &State::default(), 80, 24);
    let status = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    assert!(!status(&app).contains(" p."), "{}", status(&app));
    app.update(crate::action::Action::FocusReader);
    press(&mut app, "G");
    assert!(status(&app).contains(" p.35 "), "{}", status(&app));
}

#[test]
fn the_info_popup_shows_each_fact_with_its_source() {
    let mut app = seeds(120, 40);
    press(&mut app, "i");
    assert!(matches!(app.overlay, Overlay::Info { .. }));
    let s = screen(&app);
    assert!(s.contains("Facts and sources"), "{s}");
    // The first seed's journal comes from its sidecar, its title from its text.
    assert!(s.contains("中州学刊"), "{s}");
    assert!(s.contains("from sidecar"), "{s}");
    assert!(s.contains("from the paper's text"), "{s}");
    assert!(s.contains("text: bundled with lunwen"), "{s}");
    press(&mut app, "i");
    assert_eq!(app.overlay, Overlay::None);
    press(&mut app, "i esc");
    assert_eq!(app.overlay, Overlay::None);
}
