//! Snapshots of `lunwen pick` in an inline viewport under a shell prompt, on the bundled papers,
//! with the highlighted cells listed under each screen.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::app::pick::Picker;
use crate::app::pick::tests::{press, seeds_picker};
use crate::config::Config;
use crate::testing::{listing, styled_runs, view};
use lunwen_core::corpus::Corpus;

/// What the shell showed before the picker: its rows must stay as they were.
const SHELL: [&str; 3] = ["$ cd paper", "$ x=$(lunwen pick)", ""];

/// The picker drawn in a `w`×`h` viewport under [`SHELL`], on a terminal `h + 3` rows high.
fn draw(picker: &mut Picker, w: u16, h: u16) -> Buffer {
    let blank = " ".repeat(usize::from(w));
    let lines = SHELL
        .iter()
        .map(|l| format!("{l:w$}", w = usize::from(w)))
        .chain((0..h).map(|_| blank.clone()));
    let backend = TestBackend::with_lines(lines);
    let area = Rect::new(0, 3, w, h);
    picker.size = area;
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    let mut t = match Terminal::with_options(backend, options) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    if let Err(e) = t.draw(|f| crate::ui::pick::render(f, picker)) {
        match e {}
    }
    let buf = t.backend().buffer().clone();
    for (y, line) in SHELL.iter().enumerate() {
        let row: String = (0..w)
            .map(|x| buf[(x, y as u16)].symbol().to_string())
            .collect();
        let shown: String = line.chars().take(usize::from(w)).collect();
        assert_eq!(
            row.trim_end(),
            shown,
            "row {y} above the viewport was drawn over"
        );
    }
    buf
}

/// The runs of cells drawn with `style`'s background, one a line.
fn runs(buf: &Buffer, style: Style) -> String {
    listing(&styled_runs(buf, style))
}

fn shot(picker: &mut Picker, w: u16, h: u16) -> String {
    let buf = draw(picker, w, h);
    let styles = crate::ui::style::Styles::new(&picker.theme);
    format!(
        "{}\nselected and quoted:\n{}{}matched:\n{}",
        view(&buf),
        runs(&buf, styles.selection),
        runs(&buf, styles.visual),
        runs(&buf, styles.matched)
    )
}

#[test]
fn pinyin_query_second_hit() {
    let mut p = seeds_picker("");
    press(&mut p, "x z s c l down");
    let s = shot(&mut p, 100, 16);
    assert!(s.contains("> xzscl"), "{s}");
    assert!(s.contains("GB/T 7714 · all 4 papers"), "{s}");
    insta::assert_snapshot!("pick_pinyin_100x16", s);
}

#[test]
fn extended_quote_in_another_style() {
    let mut p = seeds_picker("xzscl");
    press(&mut p, "down down tab ctrl-t");
    let s = shot(&mut p, 100, 16);
    assert!(s.contains("citation style: 注释"), "{s}");
    press(&mut p, "down up");
    let s = shot(&mut p, 100, 16);
    assert!(
        s.contains("注释 · all 4 papers"),
        "a new hit quotes its sentence alone\n{s}"
    );
    press(&mut p, "tab");
    press(&mut p, "ctrl-a");
    let s = shot(&mut p, 100, 16);
    assert!(s.contains("注释 · 2 sentences · all 4 papers"), "{s}");
    insta::assert_snapshot!("pick_extended_note_100x16", s);
}

#[test]
fn help_lists_the_keys_of_the_keymap() {
    let mut p = seeds_picker("xzscl");
    press(&mut p, "f1");
    let s = shot(&mut p, 100, 16);
    for line in [
        "enter                 write the quotation of the selected hit to stdout",
        "esc, ctrl-c, ctrl-g   quit, writing nothing (exit status 1)",
        "tab                   quote one more sentence after the hit",
        "ctrl-t, alt-t         switch to the next citation style",
    ] {
        assert!(s.contains(line), "{line}\n{s}");
    }
    press(&mut p, "f1");
    assert!(!shot(&mut p, 100, 16).contains("write the quotation"));
}

#[test]
fn before_the_index_and_with_one_paper() {
    let papers = Corpus::bundled().papers;
    let title = papers[1].display_title();
    let (mut p, _) = Picker::new(
        papers,
        &Config::defaults(),
        Some(1),
        "新质",
        Rect::new(0, 0, 100, 12),
    );
    let s = shot(&mut p, 100, 12);
    assert!(s.contains("> 新质") && s.contains("indexing…"), "{s}");
    let start: String = title.chars().take(6).collect();
    assert!(s.contains(&format!("GB/T 7714 · {start}")), "{s}");
}

#[test]
fn any_size_draws_inside_the_viewport() {
    let mut p = seeds_picker("xzscl");
    press(&mut p, "tab");
    for (w, h) in [
        (10, 1),
        (20, 2),
        (30, 3),
        (40, 6),
        (60, 10),
        (80, 24),
        (200, 50),
    ] {
        let s = shot(&mut p, w, h);
        assert!(s.contains("> xzscl") || w < 10, "{w}x{h}\n{s}");
    }
}
