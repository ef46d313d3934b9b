use super::*;
use crate::config::Config;
use crate::copy::CopyRequest;
use crate::copy::perform;
use crate::store::state::State;
use lunwen_core::corpus::citation::{Style, cite};
use lunwen_core::testing::long_paper;

thread_local! {
    /// The copy the keys pressed last asked for, until a test carries it out.
    static ASKED: std::cell::RefCell<Option<CopyRequest>> = const { std::cell::RefCell::new(None) };
}

/// Presses keys as `app::press` does, keeping the copy they ask for as the event loop would until
/// it carries it out.
fn press(app: &mut App, keys: &str) {
    if let Some(req) = crate::testing::copy_request(crate::app::press(app, keys)) {
        ASKED.set(Some(req));
    }
}

/// The copy asked for and not yet carried out.
trait Asked {
    fn take_copy_request(&mut self) -> Option<CopyRequest>;
}

impl Asked for App {
    fn take_copy_request(&mut self) -> Option<CopyRequest> {
        ASKED.take()
    }
}

fn app() -> App {
    let mut other = long_paper();
    other.id = "t02".into();
    App::new(
        vec![long_paper(), other],
        &Config::defaults(),
        &State::default(),
        80,
        24,
    )
}

/// Carries out the app's pending copy as the event loop would, on a desktop whose clipboard is
/// a fake: what landed on the clipboard, and the status message.
fn clip(app: &mut App) -> (String, String) {
    let req = app
        .take_copy_request()
        .unwrap_or_else(|| panic!("no copy was asked for; status {:?}", app.status));
    let (mut copier, fake) = crate::testing::desktop_copier();
    let done = perform(&mut copier, None, &req).unwrap_or_else(|e| panic!("{e}"));
    let texts = fake.texts();
    assert_eq!(texts.len(), 1, "{texts:?}");
    (texts[0].clone(), done.status)
}

fn cursor_text(a: &App) -> String {
    let c = a
        .sentence_cursor()
        .unwrap_or_else(|| panic!("no sentence cursor"));
    let range = a
        .sentence_range(c)
        .unwrap_or_else(|| panic!("cursor on no sentence"));
    slice_chars(&a.doc.items[c.item].text, range).to_string()
}

const ABSTRACT: &str = "发展新质生产力是推动高质量发展的内在要求和重要着力点。";

#[test]
fn the_cursor_appears_on_the_first_sentence_on_screen_and_steps_through_paragraphs() {
    let mut a = app();
    assert_eq!(a.sentence_cursor(), None);
    assert!(a.highlights().is_empty());
    press(&mut a, "s");
    assert_eq!(cursor_text(&a), ABSTRACT);
    press(&mut a, "s");
    // a quotation that ends on a full stop ends the sentence it closes, its quote mark with it
    assert!(cursor_text(&a).starts_with("习近平指出，“新质生产力"));
    assert!(cursor_text(&a).ends_with("质态。”"));
    press(&mut a, "s");
    assert_eq!(cursor_text(&a), "这一论断意义重大。");
    press(&mut a, "s");
    let third = a.sentence_cursor();
    assert_eq!(third.map(|c| c.index), Some(0));
    assert!(cursor_text(&a).starts_with("新质生产力是创新起主导作用"));
    press(&mut a, "s S");
    assert_eq!(a.sentence_cursor(), third);
    press(&mut a, "S S S S");
    assert_eq!(cursor_text(&a), ABSTRACT);
    assert_eq!(a.status.as_deref(), Some("first sentence of the paper"));
    let item = a.sentence_cursor().map_or(usize::MAX, |c| c.item);
    assert_eq!(
        a.highlights(),
        [(item, 0..ABSTRACT.chars().count(), Highlight::Cursor)]
    );
}

#[test]
fn stepping_scrolls_to_keep_the_cursor_on_screen_to_the_last_sentence() {
    let mut a = app();
    let mut seen = Vec::new();
    for _ in 0..200 {
        press(&mut a, ")");
        let c = a
            .sentence_cursor()
            .unwrap_or_else(|| panic!("cursor lost at {:?}", seen.last()));
        assert!(a.on_screen(c), "{c:?} is off screen at top {}", a.top());
        if seen.last() == Some(&c) {
            break;
        }
        seen.push(c);
    }
    assert_eq!(a.status.as_deref(), Some("last sentence of the paper"));
    assert!(a.top() > 0);
    assert!(
        cursor_text(&a).ends_with("提升合作水平。"),
        "{}",
        cursor_text(&a)
    );
    // 1 abstract + 2 + 2 + 1 + 1 body sentences + 40 filler paragraphs of 3
    assert_eq!(seen.len(), 7 + 40 * 3);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_scroll_that_takes_the_cursor_off_screen_drops_it() {
    let mut a = app();
    press(&mut a, "s s j");
    let kept = a.sentence_cursor();
    assert!(kept.is_some(), "a one-line scroll keeps it");
    press(&mut a, "pgdn");
    assert_eq!(a.sentence_cursor(), None);
    assert!(a.highlights().is_empty());
    press(&mut a, "pgdn s");
    let c = a
        .sentence_cursor()
        .unwrap_or_else(|| panic!("no cursor after s"));
    let (first, _) = a
        .sentence_lines(c)
        .unwrap_or_else(|| panic!("cursor not drawn"));
    assert!(first >= a.top() && first < a.top() + a.reader_height());
    // no sentence starts above it on screen
    let prev = a.neighbour(c, false).and_then(|p| a.sentence_lines(p));
    assert!(prev.is_some_and(|(f, _)| f < a.top()), "{prev:?}");
}

#[test]
fn y_copies_the_sentence_with_its_citation() {
    let mut a = app();
    press(&mut a, "y");
    assert_eq!(cursor_text(&a), ABSTRACT, "y shows what it copied");
    let (text, status) = clip(&mut a);
    let citation = cite(&a.papers[0], Style::GbT7714);
    assert!(!citation.text.is_empty());
    assert_eq!(text, format!("“{ABSTRACT}”\n{}", citation.text));
    assert_eq!(
        status,
        "copied sentence + GB/T 7714 citation via system clipboard + OSC 52 · missing journal, year"
    );
    assert_eq!(a.take_copy_request(), None, "a request is taken once");
}

#[test]
fn v_then_moves_then_y_copies_the_range_and_ends_visual_mode() {
    let mut a = app();
    press(&mut a, "s v");
    assert!(a.visual_anchor().is_some());
    assert_eq!(a.selected_sentences(), 1);
    press(&mut a, "j s s");
    assert_eq!(a.selected_sentences(), 4);
    let kinds: Vec<Highlight> = a.highlights().iter().map(|h| h.2).collect();
    assert_eq!(
        kinds,
        [
            Highlight::Visual,
            Highlight::Visual,
            Highlight::Visual,
            Highlight::Cursor
        ]
    );
    press(&mut a, "y");
    assert_eq!(a.visual_anchor(), None);
    let (text, status) = clip(&mut a);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0], format!("“{ABSTRACT}"));
    assert!(
        lines[1].starts_with("习近平指出，‘新质生产力"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("新质生产力是创新起主导作用"));
    assert!(
        lines[2].ends_with("质态。”"),
        "only the first sentence of the paragraph"
    );
    assert!(status.starts_with("copied 4 sentences + GB/T 7714 citation"));
}

#[test]
fn visual_mode_extends_backwards_and_esc_cancels_it() {
    let mut a = app();
    press(&mut a, "s s s v k k");
    assert_eq!(a.selected_sentences(), 3);
    assert_eq!(cursor_text(&a), ABSTRACT);
    press(&mut a, "esc");
    assert_eq!(a.visual_anchor(), None);
    assert_eq!(cursor_text(&a), ABSTRACT, "esc keeps the cursor");
    let top = a.top();
    press(&mut a, "j");
    assert_eq!(a.top(), top + 1, "out of visual mode j scrolls again");
    press(&mut a, "v v");
    assert_eq!(a.visual_anchor(), None, "v toggles");
}

#[test]
fn paragraph_copy_takes_the_whole_paragraph() {
    let mut a = app();
    press(&mut a, "s s s s Y");
    let (text, status) = clip(&mut a);
    let para = &a.papers[0].blocks[4].text;
    assert!(text.starts_with(&format!("“{para}”\n")), "{text}");
    assert!(status.starts_with("copied paragraph + GB/T 7714 citation"));
    press(&mut a, "S S S v s s s s Y");
    let (text, status) = clip(&mut a);
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(status.starts_with("copied 3 paragraphs"), "{status}");
}

#[test]
fn citation_alone_and_style_cycling() {
    let mut a = app();
    press(&mut a, "c");
    let (text, status) = clip(&mut a);
    assert_eq!(text, cite(&a.papers[0], Style::GbT7714).text);
    assert!(
        status.starts_with("copied GB/T 7714 citation via"),
        "{status}"
    );
    press(&mut a, "t");
    assert_eq!(a.citation_style(), Style::ChineseNote);
    assert_eq!(
        a.status.as_deref(),
        Some("citation style: 注释 (for the next copy)")
    );
    press(&mut a, "c");
    let (text, _) = clip(&mut a);
    assert_eq!(text, cite(&a.papers[0], Style::ChineseNote).text);
    press(&mut a, "t t y");
    assert_eq!(a.citation_style(), Style::Bibtex);
    let (text, status) = clip(&mut a);
    assert!(text.contains("@article{"), "{text}");
    assert!(status.starts_with("copied sentence + BibTeX citation"));
    press(&mut a, "t");
    assert_eq!(a.citation_style(), Style::GbT7714);
}

#[test]
fn another_paper_starts_without_a_cursor_and_an_empty_paper_copies_nothing() {
    let mut a = app();
    press(&mut a, "s v s");
    press(&mut a, "1 j 3");
    assert_eq!(a.current, 1);
    assert_eq!((a.sentence_cursor(), a.visual_anchor()), (None, None));
    let mut empty = App::new(
        vec![lunwen_core::corpus::Paper::default()],
        &Config::defaults(),
        &State::default(),
        80,
        24,
    );
    press(&mut empty, "y");
    assert_eq!(empty.take_copy_request(), None);
    assert!(
        empty
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("no sentence to copy"))
    );
    press(&mut empty, "c");
    assert!(
        empty
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("nothing to cite"))
    );
}

#[test]
fn the_quote_template_comes_from_the_config() {
    let mut config = Config::defaults();
    config.settings.quote_template = "{citation}：{quote}".into();
    let mut a = App::new(vec![long_paper()], &config, &State::default(), 80, 24);
    press(&mut a, "y");
    let (text, _) = clip(&mut a);
    assert_eq!(
        text,
        format!("{}：{ABSTRACT}", cite(&a.papers[0], Style::GbT7714).text)
    );
}
