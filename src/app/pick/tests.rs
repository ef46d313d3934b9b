use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::config::parse_sequence;
use crate::testing::{answer, search_request};
use lunwen_core::corpus::Corpus;
use lunwen_core::corpus::citation::quotation;
use lunwen_core::corpus::punctuation::quote_text;
use lunwen_core::search::SearchIndex;
use lunwen_core::testing::long_paper;

/// What the event loop does with the worker, in line: runs the last search `effects` ask for
/// and hands the results back.
pub(crate) fn serve(picker: &mut Picker, effects: Vec<Effect>) {
    let Some((query, scope)) = search_request(effects) else {
        return;
    };
    let Some(index) = picker.search.index.clone() else {
        return;
    };
    if let Some(results) = answer(&index, query, scope) {
        picker.handle(Event::SearchResults(results));
    }
}

/// Presses keys (`"x z s enter"`), serving each search as it is asked for.
pub(crate) fn press(picker: &mut Picker, keys: &str) {
    let keys = parse_sequence(keys).unwrap_or_else(|e| panic!("bad keys {keys:?}: {e}"));
    for k in keys {
        let fx = picker.handle(Event::Key(k));
        serve(picker, fx);
    }
}

/// A picker over `papers` with its index built, its first search answered.
pub(crate) fn picker_over(
    papers: Vec<Paper>,
    config: &Config,
    paper: Option<usize>,
    query: &str,
) -> Picker {
    let index = Arc::new(SearchIndex::build(&papers));
    let (mut p, fx) = Picker::new(papers, config, paper, query, Rect::new(0, 0, 100, 16));
    p.handle(Event::IndexReady(index));
    serve(&mut p, fx);
    p
}

/// A picker over the bundled papers, 100×16.
pub(crate) fn seeds_picker(query: &str) -> Picker {
    picker_over(Corpus::bundled().papers, &Config::defaults(), None, query)
}

fn picked(p: &Picker) -> &CopyRequest {
    match &p.done {
        Some(Outcome::Picked(req)) => req,
        other => panic!("not picked: {other:?}"),
    }
}

/// The sentence of hit `i` as the paper has it.
fn hit_sentence_text(p: &mut Picker, i: usize) -> String {
    let was = std::mem::replace(&mut p.search.selected, i);
    let text = p.search.passage(&p.papers).expect("a passage").text();
    p.search.selected = was;
    text
}

#[test]
fn enter_writes_the_selected_hit_with_its_citation_through_the_template() {
    let mut p = seeds_picker("");
    press(&mut p, "x z s c l down");
    assert_eq!(p.done, None);
    let second = hit_sentence_text(&mut p, 1);
    press(&mut p, "enter");
    let req = picked(&p);
    let citation = &req.citation;
    let quote = quote_text(&second, Punctuation::Normalize);
    assert_eq!(
        req.text,
        quotation(
            &Config::defaults().settings.quote_template,
            &quote,
            citation
        )
    );
    assert!(
        req.text.contains("[1]") && req.text.contains("[J]"),
        "{}",
        req.text
    );
    assert_eq!(req.what, "sentence");
    let record = req.record.as_ref().expect("a quote log record");
    assert_eq!(record.text, second.trim());
}

#[test]
fn a_query_from_the_command_line_is_typed_already() {
    let mut p = seeds_picker("xin  zhi");
    assert_eq!((p.search.query.as_str(), p.search.cursor), ("xin zhi", 7));
    assert!(p.search.shown().is_some_and(|r| r.total > 0));
    // typing goes on after it, not over it
    press(&mut p, "space s h e n g");
    assert_eq!(p.search.query, "xin zhi sheng");
}

#[test]
fn tab_quotes_more_and_the_quotation_says_so() {
    let mut p = picker_over(vec![long_paper()], &Config::defaults(), None, "第0段");
    press(&mut p, "tab tab");
    assert_eq!(p.status.as_deref(), Some("quoting 3 sentences"));
    press(&mut p, "tab shift-tab enter");
    let req = picked(&p);
    assert_eq!(req.what, "3 sentences");
    let record = req.record.as_ref().expect("a record");
    assert!(
        record.text.starts_with("第0段。以新质生产力"),
        "{}",
        record.text
    );
    assert_eq!(record.text.matches("合作水平。").count(), 2);
}

#[test]
fn ctrl_t_and_alt_t_cycle_the_citation_style_of_the_quotation() {
    let mut p = seeds_picker("xzscl");
    assert_eq!(p.style(), Style::GbT7714);
    press(&mut p, "ctrl-t");
    assert_eq!(p.status.as_deref(), Some("citation style: 注释"));
    press(&mut p, "alt-t alt-t");
    assert_eq!(p.style(), Style::Bibtex);
    press(&mut p, "ctrl-t ctrl-t enter");
    assert_eq!(picked(&p).citation.style, Style::ChineseNote);
}

#[test]
fn a_template_of_pandoc_or_the_quote_alone() {
    let mut config = Config::defaults();
    config.settings.quote_template = "{pandoc}".into();
    let mut p = picker_over(Corpus::bundled().papers, &config, None, "xzscl");
    press(&mut p, "enter");
    let text = &picked(&p).text;
    assert!(text.starts_with("[@") && text.ends_with(']'), "{text}");
    config.settings.quote_template = "{quote}".into();
    let mut p = picker_over(Corpus::bundled().papers, &config, None, "xzscl");
    let first = quote_text(&hit_sentence_text(&mut p, 0), Punctuation::Normalize);
    press(&mut p, "enter");
    assert_eq!(picked(&p).text, first);
}

#[test]
fn esc_and_ctrl_c_cancel_with_nothing() {
    for key in ["esc", "ctrl-c"] {
        let mut p = seeds_picker("xzscl");
        press(&mut p, key);
        assert_eq!(p.done, Some(Outcome::Cancelled(None)), "{key}");
    }
    let mut p = seeds_picker("");
    p.handle(Event::InputClosed(Some("the terminal went away".into())));
    assert_eq!(
        p.done,
        Some(Outcome::Cancelled(Some("the terminal went away".into())))
    );
}

#[test]
fn enter_before_the_results_picks_when_they_come_and_not_on_nothing() {
    let mut p = seeds_picker("");
    press(&mut p, "enter");
    assert_eq!(p.done, None);
    assert_eq!(p.status.as_deref(), Some("type what to quote first"));
    let mut asked = Vec::new();
    for k in ["x", "z", "enter"] {
        asked.extend(p.handle(Event::Key(k.parse().unwrap_or_else(|e| panic!("{e}")))));
    }
    assert_eq!(p.done, None, "no results yet");
    serve(&mut p, asked);
    assert!(matches!(p.done, Some(Outcome::Picked(_))));
    let mut p = seeds_picker("zzzzzzzz");
    press(&mut p, "enter");
    assert_eq!(p.done, None);
    assert_eq!(p.status.as_deref(), Some("No hits for “zzzzzzzz”"));
}

#[test]
fn one_paper_with_paper_and_ctrl_o_switches_to_all_and_to_the_hits_paper() {
    let papers = Corpus::bundled().papers;
    let n = papers.len();
    let mut p = picker_over(papers, &Config::defaults(), Some(2), "xzscl");
    let units = p.search.index.clone().unwrap_or_else(|| panic!("no index"));
    let papers_of = |p: &Picker| -> std::collections::BTreeSet<usize> {
        let r = p.search.shown().unwrap_or_else(|| panic!("no results"));
        r.hits.iter().map(|h| units.units()[h.unit].paper).collect()
    };
    assert_eq!(p.scope(), Scope::Paper(2));
    assert_eq!(papers_of(&p), [2].into());
    press(&mut p, "ctrl-o");
    assert_eq!(p.scope(), Scope::All);
    assert_eq!(p.status, Some(format!("searching all {n} papers")));
    assert!(papers_of(&p).len() > 1);
    // narrowed again: to the paper of the hit selected, not to --paper's
    let paper_of_selected = |p: &Picker| p.search.selected_hit().map(|(_, u)| u.paper);
    while paper_of_selected(&p) == Some(2) {
        press(&mut p, "down");
    }
    let other = paper_of_selected(&p).unwrap_or_else(|| panic!("no hit outside paper 2"));
    press(&mut p, "ctrl-o");
    assert_eq!(p.scope(), Scope::Paper(other));
    assert_eq!(papers_of(&p), [other].into());
    let title = p.papers[other].display_title();
    assert_eq!(p.status, Some(format!("searching {title} alone")));
}

#[test]
fn keys_come_from_the_configs_search_context() {
    let config = Config::from_user_toml(
        "[keymap.search]\nconfirm = [\"ctrl-y\"]\ncancel = [\"ctrl-g\"]\nextend_selection = [\"ctrl-l\"]\n",
        Path::new("test.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut p = picker_over(vec![long_paper()], &config, None, "第0段");
    press(&mut p, "esc enter");
    assert_eq!(p.done, None, "esc and enter are no longer bound");
    press(&mut p, "ctrl-l");
    assert_eq!(p.search.more, 1);
    press(&mut p, "ctrl-y");
    assert_eq!(picked(&p).what, "2 sentences");
    let mut p = picker_over(vec![long_paper()], &config, None, "第0段");
    press(&mut p, "ctrl-g");
    assert_eq!(p.done, Some(Outcome::Cancelled(None)));
}

#[test]
fn paging_moves_by_the_rows_of_the_list() {
    let mut p = seeds_picker("xzscl");
    let rows = usize::from(layout(p.size).list.height);
    assert!(rows >= 3, "{rows}");
    for _ in 0..rows {
        press(&mut p, "down");
    }
    assert_eq!(p.search.selected, rows);
    assert_eq!(p.search.list_offset(rows), 1, "the list scrolled one row");
    p.handle(Event::Resize {
        width: 100,
        height: 40,
    });
    assert_eq!(
        p.search
            .list_offset(usize::from(layout(p.size).list.height)),
        1
    );
}

#[test]
fn the_layout_keeps_the_query_line_and_drops_the_preview_first() {
    let l = layout(Rect::new(0, 5, 80, 16));
    assert_eq!((l.input.y, l.input.height), (5, 1));
    assert_eq!(l.footer.bottom(), 21);
    assert!(l.preview.height > 0 && l.list.height > 0);
    assert_eq!(
        l.input.height + l.list.height + l.rule.height + l.preview.height + l.footer.height,
        16
    );
    let small = layout(Rect::new(0, 0, 80, 8));
    assert_eq!((small.preview.height, small.rule.height), (0, 0));
    assert_eq!(small.list.height, 6);
    let tiny = layout(Rect::new(0, 0, 80, 2));
    assert_eq!(
        (tiny.input.height, tiny.list.height, tiny.footer.height),
        (1, 1, 0)
    );
}
