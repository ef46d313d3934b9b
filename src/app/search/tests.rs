use std::time::Duration;

use super::*;
use crate::app::press;
use crate::config::{Config, parse_sequence};
use crate::store::state::State;
use crate::testing::{copy_request, indexed_seeds, search_request, with_index};
use lunwen_core::corpus::Location;
use lunwen_core::search::Cancel;
use lunwen_core::testing::long_paper;

/// What the event loop does with the worker, done in line: run the last search `effects` ask
/// for and hand the results back.
pub(crate) fn serve(app: &mut App, effects: Vec<Effect>) {
    let Some((query, scope)) = search_request(effects) else {
        return;
    };
    let Some(index) = app.search.index.clone() else {
        return;
    };
    if let Some(found) = index.search(&query, scope, HIT_LIMIT, &Cancel::never()) {
        app.search_results(SearchResults {
            generation: 0,
            query,
            scope,
            hits: found.hits,
            total: found.total,
            typos: found.typos,
            elapsed: Duration::ZERO,
        });
    }
}

/// Presses keys as `app::press` does, serving each search as it is asked for; returns the last
/// search asked for.
pub(crate) fn type_keys(app: &mut App, keys: &str) -> Option<(String, Scope)> {
    let keys = parse_sequence(keys).unwrap_or_else(|e| panic!("bad keys {keys:?}: {e}"));
    let mut asked = None;
    for k in keys {
        let effects = app.handle_key(k);
        asked = search_request(effects.clone()).or(asked);
        serve(app, effects);
    }
    asked
}

/// Two copies of the hand-built paper: every hit of the first has a twin in the second.
fn twins() -> App {
    let mut second = long_paper();
    second.id = "t02".into();
    with_index(App::new(
        vec![long_paper(), second],
        &Config::defaults(),
        &State::default(),
        80,
        24,
    ))
}

/// The chars of the highlighted hit in the reader's item text.
fn marked(app: &App) -> (String, String) {
    let m = app.search_mark().expect("a hit is highlighted");
    let chars: Vec<char> = app.doc.items[m.item].text.chars().collect();
    let sentence = chars[m.sentence.clone()].iter().collect();
    let matched = m.matched.iter().map(|&i| chars[i]).collect();
    (sentence, matched)
}

fn shown(app: &App) -> &SearchResults {
    app.search_shown().expect("results are shown")
}

#[test]
fn pinyin_query_lists_hits_and_enter_jumps_to_the_sentence() {
    let mut a = indexed_seeds(120, 40);
    type_keys(&mut a, "/ x z s c l");
    assert_eq!(a.overlay, Overlay::Search);
    assert_eq!(a.context(), Context::Search);
    assert_eq!(a.search.query, "xzscl");
    let r = shown(&a);
    assert!(r.total > 10, "{}", r.total);
    type_keys(&mut a, "down down enter");
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.focus, Focus::Reader);
    let (sentence, matched) = marked(&a);
    assert_eq!(matched, "新质生产力");
    assert!(sentence.contains("新质生产力"), "{sentence}");
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("hit 3/")));
    // the sentence's first line is on screen
    let m = a.search_mark().cloned().unwrap();
    let top = a.top();
    let on_screen = (top..top + a.reader_height()).any(|l| a.layout.lines[l].item == m.item);
    assert!(on_screen);
}

#[test]
fn chinese_query_opens_the_paper_of_the_hit() {
    let mut a = indexed_seeds(80, 24);
    let hits = {
        type_keys(&mut a, "/ 新 质 生 产 力");
        shown(&a).hits.clone()
    };
    let index = a.search.index.clone().unwrap();
    let row = hits
        .iter()
        .position(|h| index.units()[h.unit].paper != a.current)
        .expect("a hit in another paper");
    let paper = index.units()[hits[row].unit].paper;
    for _ in 0..row {
        type_keys(&mut a, "down");
    }
    type_keys(&mut a, "enter");
    assert_eq!(a.current, paper);
    assert_eq!(marked(&a).1, "新质生产力");
}

#[test]
fn n_and_shift_n_step_through_the_hits_and_wrap() {
    let mut a = twins();
    type_keys(&mut a, "/ 生 产 力 enter");
    let n = shown(&a).hits.len();
    assert!(n >= 4, "{n}");
    assert_eq!(a.status.as_deref(), Some(format!("hit 1/{n}").as_str()));
    let first = a.search_mark().cloned();
    type_keys(&mut a, "n");
    assert_eq!(a.status.as_deref(), Some(format!("hit 2/{n}").as_str()));
    assert_ne!(a.search_mark().cloned(), first);
    type_keys(&mut a, "N N");
    assert_eq!(a.status.as_deref(), Some(format!("hit {n}/{n}").as_str()));
    type_keys(&mut a, "n");
    assert_eq!(a.status.as_deref(), Some(format!("hit 1/{n}").as_str()));
    assert_eq!(marked(&a).1, "生产力");
    // hits of the second paper open it
    let mut papers = std::collections::BTreeSet::new();
    for _ in 0..n {
        papers.insert(a.current);
        type_keys(&mut a, "n");
    }
    assert_eq!(papers.len(), 2);
}

#[test]
fn n_without_a_search_says_how_to_search() {
    let mut a = twins();
    type_keys(&mut a, "n");
    assert!(a.status.as_deref().is_some_and(|s| s.contains("press /")));
    type_keys(&mut a, "/ z z z z z z z z enter");
    assert_eq!(
        a.overlay,
        Overlay::Search,
        "enter on no hits keeps the popup"
    );
    assert!(a.status.as_deref().is_some_and(|s| s.contains("No hits")));
}

#[test]
fn the_highlight_lasts_until_the_reader_moves() {
    let mut a = twins();
    type_keys(&mut a, "/ 生 产 力 enter");
    assert!(a.search_mark().is_some());
    type_keys(&mut a, "?");
    type_keys(&mut a, "esc");
    assert!(a.search_mark().is_some(), "help does not move the reader");
    type_keys(&mut a, "j");
    assert!(a.search_mark().is_none());
    type_keys(&mut a, "k");
    assert!(
        a.search_mark().is_none(),
        "gone for good, not back on return"
    );
}

#[test]
fn scope_toggle_searches_only_the_open_paper_and_back() {
    let mut a = twins();
    type_keys(&mut a, "/ 生 产 力");
    let all = shown(&a).total;
    assert_eq!(a.search_scope(), Scope::All);
    type_keys(&mut a, "tab");
    assert_eq!(a.search_scope(), Scope::Paper(0));
    let r = shown(&a);
    assert_eq!(r.total * 2, all);
    let index = a.search.index.clone().unwrap();
    assert!(r.hits.iter().all(|h| index.units()[h.unit].paper == 0));
    type_keys(&mut a, "ctrl-t");
    assert_eq!(shown(&a).total, all);
}

#[test]
fn esc_closes_without_moving_and_slash_reopens_the_query_selected() {
    let mut a = twins();
    let before = a.reading_position();
    type_keys(&mut a, "/ 生 产 down esc");
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.reading_position(), before);
    assert!(a.search_mark().is_none());
    let asked = type_keys(&mut a, "/");
    assert_eq!(a.search.query, "生产");
    assert!(a.search.replace);
    assert!(asked.is_none(), "results are still good");
    assert!(a.search_shown().is_some());
    type_keys(&mut a, "力");
    assert_eq!(a.search.query, "力");
    type_keys(&mut a, "esc /");
    type_keys(&mut a, "end 量");
    assert_eq!(a.search.query, "力量", "a movement keeps the query");
    type_keys(&mut a, "esc / backspace");
    assert_eq!(a.search.query, "");
    assert!(a.search_shown().is_none());
}

#[test]
fn query_line_editing() {
    let mut a = twins();
    type_keys(&mut a, "/ a b c left backspace");
    assert_eq!((a.search.query.as_str(), a.search.cursor), ("ac", 1));
    type_keys(&mut a, "home delete x end space 新 质");
    assert_eq!(a.search.query, "xc 新质");
    type_keys(&mut a, "ctrl-w");
    assert_eq!((a.search.query.as_str(), a.search.cursor), ("xc ", 3));
    type_keys(&mut a, "q j k");
    assert_eq!(
        a.search.query, "xc qjk",
        "letters type, they do not run keys"
    );
    assert!(!a.quit);
    type_keys(&mut a, "left left ctrl-u");
    assert_eq!((a.search.query.as_str(), a.search.cursor), ("jk", 0));
    type_keys(&mut a, "ctrl-e ctrl-b ctrl-h");
    assert_eq!(a.search.query, "k");
}

#[test]
fn results_of_a_superseded_query_are_dropped() {
    let mut a = twins();
    type_keys(&mut a, "/");
    let stale = search_request(a.handle_key("生".parse().unwrap())).unwrap();
    let fresh = a.handle_key("产".parse().unwrap());
    let index = a.search.index.clone().unwrap();
    let found = index
        .search(&stale.0, stale.1, HIT_LIMIT, &Cancel::never())
        .unwrap();
    a.search_results(SearchResults {
        generation: 1,
        query: stale.0,
        scope: stale.1,
        hits: found.hits,
        total: found.total,
        typos: false,
        elapsed: Duration::ZERO,
    });
    assert!(a.search_pending());
    assert!(a.search_shown().is_none());
    serve(&mut a, fresh);
    assert!(!a.search_pending());
    assert_eq!(shown(&a).query, "生产");
}

#[test]
fn a_typo_still_finds_the_phrase() {
    let mut a = indexed_seeds(80, 24);
    type_keys(&mut a, "/ 新 质 生 厂 力");
    let r = shown(&a);
    assert!(r.typos);
    assert!(r.total > 0);
}

#[test]
fn hit_sentence_is_the_whole_sentence_of_a_capped_piece() {
    let long = format!("开头。{}，{}。结尾。", "甲".repeat(100), "新质".repeat(80));
    let mut paper = long_paper();
    paper.blocks[1].text = long.clone();
    let index = SearchIndex::build(std::slice::from_ref(&paper));
    let unit = index
        .units()
        .iter()
        .find(|u| u.source == Location::Block(1) && u.text.starts_with("新质"))
        .unwrap();
    let s = hit_sentence(&paper, unit);
    assert_eq!(s, 3..long.chars().count() - 3);
    assert!(s.start < unit.range.start);
}

#[test]
fn enter_before_the_results_jumps_when_they_come() {
    let mut a = twins();
    let mut asked = Vec::new();
    for k in ["/", "生", "产", "力", "enter"] {
        asked.extend(a.handle_key(k.parse().unwrap()));
    }
    assert_eq!(a.overlay, Overlay::Search);
    serve(&mut a, asked);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(marked(&a).1, "生产力");
    // typing after enter asks for something else: no jump then
    type_keys(&mut a, "/");
    let mut asked = Vec::new();
    for k in ["x", "enter", "z"] {
        asked.extend(a.handle_key(k.parse().unwrap()));
    }
    serve(&mut a, asked);
    assert_eq!(a.search.query, "xz");
    assert_eq!(a.overlay, Overlay::Search);
}

#[test]
fn reopening_after_n_selects_the_hit_the_reader_is_on() {
    let mut a = twins();
    type_keys(&mut a, "/ 生 产 力 enter n n /");
    assert_eq!(a.search.selected, 2);
    type_keys(&mut a, "enter");
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("hit 3/")));
}

#[test]
fn paste_fills_the_query_and_is_ignored_elsewhere() {
    let mut a = twins();
    a.paste("q");
    assert!(!a.quit);
    assert_eq!(a.search.query, "");
    type_keys(&mut a, "/ x");
    let asked = a.paste("新质\n生产\u{1b}力 ");
    assert_eq!(a.search.query, "x新质 生产力");
    assert_eq!(a.search.cursor, 7);
    serve(&mut a, asked);
    assert!(a.search_shown().is_some());
}

#[test]
fn clicks_select_then_jump_and_outside_closes() {
    let mut a = twins();
    type_keys(&mut a, "/ 生 产 力");
    let list = crate::app::panes::popup_layout(a.size).list;
    a.click(list.x + 2, list.y + 1);
    assert_eq!((a.search.selected, a.overlay), (1, Overlay::Search));
    a.click(list.x + 2, list.y + 1);
    assert_eq!(a.overlay, Overlay::None);
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("hit 2/")));
    type_keys(&mut a, "/");
    a.click(0, 0);
    assert_eq!(a.overlay, Overlay::None);
}

#[test]
fn after_a_jump_y_quotes_the_hit_sentence() {
    let mut a = indexed_seeds(120, 40);
    type_keys(&mut a, "/ x z s c l down down enter");
    let (sentence, _) = marked(&a);
    let cursor = a
        .sentence_cursor()
        .expect("the sentence cursor is on the hit");
    assert_eq!(cursor.item, a.search_mark().map(|m| m.item).unwrap());
    let req = copy_request(press(&mut a, "y")).expect("y asks for a copy");
    assert!(req.text.contains(&sentence), "{}", req.text);
    // a hit outside the body (the title) has no sentence cursor but is still highlighted
    type_keys(&mut a, "/ ctrl-u");
    let asked = a.paste(&a.papers[1].display_title());
    serve(&mut a, asked);
    type_keys(&mut a, "enter");
    assert_eq!(a.current, 1);
    assert!(a.search_mark().is_some());
}
