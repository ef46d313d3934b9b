//! Snapshots of the search popup and of the reader after a jump, with the highlighted cells
//! listed under each screen (the text snapshot alone cannot show colour).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::search::tests::type_keys;
use crate::testing::indexed_seeds;
use crate::ui::tests::view;

use super::sentence_spans;

fn draw(app: &App) -> Buffer {
    let mut t = match Terminal::new(TestBackend::new(app.size.width, app.size.height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    if let Err(e) = t.draw(|f| super::super::render(f, app)) {
        match e {}
    }
    t.backend().buffer().clone()
}

/// Per row, the runs of cells drawn with `style`'s background: `row 3: 新质生产力`.
fn runs(buf: &Buffer, style: Style) -> Vec<(u16, String)> {
    let Some(bg) = style.bg else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut run = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            // The cell after a wide char is part of it.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            if cell.bg == bg {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                out.push((y, std::mem::take(&mut run)));
            }
        }
        if !run.is_empty() {
            out.push((y, run));
        }
    }
    out
}

fn listing(runs: &[(u16, String)]) -> String {
    runs.iter()
        .map(|(y, s)| format!("row {y}: {s}\n"))
        .collect()
}

fn snapshot(app: &App) -> (String, Vec<(u16, String)>) {
    let buf = draw(app);
    let matched = runs(&buf, crate::ui::style::Styles::new(&app.theme).matched);
    let shot = format!("{}\nmatched:\n{}", view(&buf), listing(&matched));
    (shot, matched)
}

/// Rows of the result list: every highlighted run there is the whole phrase.
fn list_runs_are(app: &App, matched: &[(u16, String)], phrase: &str) {
    let list = super::popup_layout(app.size).list;
    let in_list: Vec<&String> = matched
        .iter()
        .filter(|(y, _)| (list.y..list.bottom()).contains(y))
        .map(|(_, s)| s)
        .collect();
    assert!(in_list.len() >= 3, "{matched:?}");
    assert!(in_list.iter().all(|s| s.as_str() == phrase), "{in_list:?}");
}

#[test]
fn popup_with_a_chinese_query() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = indexed_seeds(w, h);
        type_keys(&mut app, "/ 新 质 生 产 力 down down");
        let (shot, matched) = snapshot(&app);
        list_runs_are(&app, &matched, "新质生产力");
        insta::assert_snapshot!(format!("popup_chinese_{w}x{h}"), shot);
    }
}

#[test]
fn popup_with_a_pinyin_query() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = indexed_seeds(w, h);
        type_keys(&mut app, "/ x z s c l");
        let (shot, matched) = snapshot(&app);
        list_runs_are(&app, &matched, "新质生产力");
        insta::assert_snapshot!(format!("popup_pinyin_{w}x{h}"), shot);
    }
}

#[test]
fn reader_after_a_jump_highlights_the_sentence() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = indexed_seeds(w, h);
        type_keys(&mut app, "/ x z s c l down down enter");
        let buf = draw(&app);
        let sentence = runs(&buf, crate::ui::style::Styles::new(&app.theme).selection);
        let matched = runs(&buf, crate::ui::style::Styles::new(&app.theme).matched);
        let reader = app.panes.reader_text();
        let lit: String = matched
            .iter()
            .filter(|(y, _)| (reader.y..reader.bottom()).contains(y))
            .map(|(_, s)| s.as_str())
            .collect();
        assert_eq!(lit, "新质生产力");
        assert!(!sentence.is_empty());
        let shot = format!(
            "{}\nsentence:\n{}matched:\n{}",
            view(&buf),
            listing(&sentence),
            listing(&matched)
        );
        insta::assert_snapshot!(format!("reader_after_jump_{w}x{h}"), shot);
    }
}

#[test]
fn popup_states_and_tiny_terminals() {
    let mut app = indexed_seeds(80, 24);
    type_keys(&mut app, "/");
    assert!(view(&draw(&app)).contains("Chinese or pinyin"));
    type_keys(&mut app, "z z z z z z z z z");
    assert!(view(&draw(&app)).contains("No hits for “zzzzzzzzz”"));
    type_keys(&mut app, "ctrl-u 新 质 生 厂 力");
    assert!(view(&draw(&app)).contains("one typo allowed"));
    type_keys(&mut app, "tab");
    assert!(view(&draw(&app)).contains("Search this paper"));
    // a long query scrolls, keeping the cursor in view; small sizes draw without panicking
    type_keys(&mut app, &"新 ".repeat(60));
    for (w, h) in [(40, 10), (41, 11), (45, 12), (60, 15), (200, 60)] {
        app.resize(w, h);
        let s = view(&draw(&app));
        assert!(s.contains("新新"), "{w}x{h}\n{s}");
    }
}

fn row(text: &str, positions: &[usize], width: usize) -> (String, String) {
    let lit = Style::new().bg(ratatui::style::Color::Yellow);
    let spans = sentence_spans(text, positions, width, Style::new(), lit);
    let all: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let matched = spans
        .iter()
        .filter(|s| s.style == lit)
        .map(|s| s.content.as_ref())
        .collect();
    assert_eq!(all.width(), width, "{all:?}");
    (all, matched)
}

#[test]
fn rows_fit_the_width_and_keep_the_match_in_view() {
    let text = format!("{}新质生产力{}", "甲".repeat(30), "乙".repeat(30));
    let (all, matched) = row(&text, &[30, 31, 32, 33, 34], 21);
    assert_eq!(matched, "新质生产力");
    assert!(
        all.starts_with('…') && all.trim_end().ends_with('…'),
        "{all}"
    );
    // a match near the end shows as much as fits before it
    let text = format!("{}新质生产力。", "甲".repeat(40));
    let (all, _) = row(&text, &[40, 41, 42, 43, 44], 21);
    assert_eq!(all, format!("…{}新质生产力。", "甲".repeat(4)));
    // an odd width never splits a wide char: the last cell is blank
    let (all, matched) = row("新质生产力发展", &[0, 1], 10);
    assert_eq!((all.as_str(), matched.as_str()), ("新质生产… ", "新质"));
    assert_eq!(row("新质生产力发展", &[0, 1], 9).0, "新质生产…");
    let (all, _) = row("ab新", &[], 3);
    assert_eq!(all, "ab…");
    assert_eq!(row("新", &[0], 0).0, "");
}
