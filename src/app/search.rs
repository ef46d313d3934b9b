//! The search: the query being edited, the results the worker sent for it, the selected hit and
//! how much of its paragraph is quoted ([`SearchState`], the one definition that the reader's
//! `/` popup and `lunwen pick` both drive), and in the reader the jump to a hit and `n`/`N`
//! afterwards. The event loop owns the worker: each new query is an [`Effect::Search`], and the
//! results come back through [`App::search_results`], so the app stays free of threads and I/O.

use std::ops::Range;
use std::sync::Arc;

use super::passage::Passage;
use super::{App, Effect, Focus, Overlay};
use crate::action::Action;
use crate::config::{Context, KeyCode, KeyPress, Keymap, Resolved};
use lunwen_core::corpus::Paper;
use lunwen_core::search::{Hit, Scope, SearchIndex, SearchResults, Unit, hit_sentence};
use lunwen_core::view::placement;

/// The fixed line-editing keys of the query line, for the help overlay; `search_edit` is the
/// code that handles them. A binding in `[keymap.search]` takes precedence over these.
pub const QUERY_EDITING_KEYS: &[(&str, &str)] = &[
    (
        "left, right, ctrl-b, ctrl-f",
        "Move the cursor in the query",
    ),
    (
        "home, end, ctrl-a, ctrl-e",
        "Go to the start or end of the query",
    ),
    (
        "backspace, ctrl-h",
        "Delete the character before the cursor",
    ),
    ("delete, ctrl-d", "Delete the character under the cursor"),
    ("ctrl-w, alt-backspace", "Delete the word before the cursor"),
    ("ctrl-u", "Delete to the start of the query"),
];

/// Hits the worker keeps per query: more than anyone pages through, few enough to rank fast.
pub const HIT_LIMIT: usize = 500;

/// The search's state; in the reader it lives on while the popup is closed, so `/` reopens on
/// the last query.
#[derive(Debug, Default)]
pub struct SearchState {
    pub query: String,
    /// Cursor in the query, as a char index.
    pub cursor: usize,
    /// The whole query is selected (just reopened): typing replaces it.
    pub replace: bool,
    /// Only the open paper, not the whole corpus.
    pub this_paper: bool,
    /// The corpus index, once the event loop has built it.
    pub index: Option<Arc<SearchIndex>>,
    /// Query and scope the results should be for; `None` for a blank query.
    wanted: Option<(String, Scope)>,
    pub results: Option<SearchResults>,
    /// Selected row of the result list, and the first row shown.
    pub selected: usize,
    pub offset: usize,
    /// Sentences quoted after the selected hit's own (`tab` adds one, `shift-tab` takes it off).
    pub more: usize,
    /// Results the last jump came from, and which of their hits the reader is on: `n`/`N` step
    /// through these even after the query is edited and the popup cancelled.
    jumped: Option<(SearchResults, usize)>,
    mark: Option<Mark>,
    /// `confirm` came before the results: jump as soon as they do.
    confirm_when_ready: bool,
}

/// The hit sentence the reader highlights until the reading position moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub paper: usize,
    pub item: usize,
    /// Char range of the sentence in the item's text.
    pub sentence: Range<usize>,
    /// Matched chars, as char indices into the item's text.
    pub matched: Vec<usize>,
    at: super::ReadingPosition,
}

/// What confirming the selected hit comes to.
#[derive(Debug, Clone)]
pub enum Confirm {
    /// This hit of these results.
    Hit(SearchResults, usize),
    /// The results have no hit; the query, for the message.
    NoHits(String),
    /// The results have not come yet: confirmed as soon as they do.
    Later,
    /// The query is blank.
    Blank,
}

impl SearchState {
    /// The scope searches are for: the paper `current` alone, or the whole corpus.
    pub fn scope(&self, current: usize) -> Scope {
        if self.this_paper {
            Scope::Paper(current)
        } else {
            Scope::All
        }
    }

    /// Are these results for the query and scope shown?
    pub fn answers(&self, r: &SearchResults) -> bool {
        self.wanted
            .as_ref()
            .is_some_and(|(q, scope)| *q == r.query && *scope == r.scope)
    }

    /// The results for the query as it stands, if they have come.
    pub fn shown(&self) -> Option<&SearchResults> {
        let r = self.results.as_ref()?;
        self.answers(r).then_some(r)
    }

    /// True while a query waits for its results (or for the index).
    pub fn waiting(&self) -> bool {
        self.shown().is_none() && self.wanted.is_some()
    }

    /// Takes results from the worker when they answer the query shown; true when a confirm was
    /// waiting for them (see [`Confirm::Later`]).
    pub fn receive(&mut self, results: SearchResults) -> bool {
        if !self.answers(&results) {
            return false;
        }
        self.results = Some(results);
        self.restart();
        std::mem::take(&mut self.confirm_when_ready)
    }

    /// Records the query and scope now shown, asking for a search when they changed.
    pub(super) fn want(&mut self, scope: Scope, fx: &mut Vec<Effect>) {
        let query = self.query.trim();
        let wanted = (!query.is_empty()).then(|| (self.query.clone(), scope));
        if wanted != self.wanted {
            self.confirm_when_ready = false;
            if let Some((query, scope)) = wanted.clone() {
                fx.push(Effect::Search { query, scope });
            }
            self.wanted = wanted;
            self.restart();
        }
    }

    /// A new list: its first hit selected and shown, quoting its sentence alone.
    fn restart(&mut self) {
        self.selected = 0;
        self.offset = 0;
        self.more = 0;
    }

    /// Selects hit `i`; another hit than before quotes its sentence alone.
    fn select(&mut self, i: usize) {
        if i != self.selected {
            self.more = 0;
        }
        self.selected = i;
    }

    /// Text editing in the query line, for keys `keymap`'s search context leaves free (listed
    /// for the help overlay in [`QUERY_EDITING_KEYS`]); searches over `scope`. True when the key
    /// was used.
    pub(super) fn edit(
        &mut self,
        key: KeyPress,
        keymap: &Keymap,
        scope: Scope,
        fx: &mut Vec<Effect>,
    ) -> bool {
        if keymap.resolve(Context::Search, &[key]) != Resolved::Unbound {
            return false;
        }
        let s = self;
        let mut chars: Vec<char> = s.query.chars().collect();
        let replace = std::mem::take(&mut s.replace);
        let k = key.normalized();
        match (k.code, k.ctrl, k.alt) {
            (KeyCode::Char(c), false, false) => {
                if replace {
                    chars.clear();
                    s.cursor = 0;
                }
                chars.insert(s.cursor.min(chars.len()), c);
                s.cursor += 1;
            }
            (KeyCode::Backspace, _, false) | (KeyCode::Char('h'), true, false) => {
                if replace {
                    chars.clear();
                    s.cursor = 0;
                } else if s.cursor > 0 {
                    s.cursor -= 1;
                    chars.remove(s.cursor);
                }
            }
            (KeyCode::Delete, _, _) | (KeyCode::Char('d'), true, false) => {
                if replace {
                    chars.clear();
                    s.cursor = 0;
                } else if s.cursor < chars.len() {
                    chars.remove(s.cursor);
                }
            }
            (KeyCode::Left, _, _) | (KeyCode::Char('b'), true, false) => {
                s.cursor = s.cursor.saturating_sub(1)
            }
            (KeyCode::Right, _, _) | (KeyCode::Char('f'), true, false) => {
                s.cursor = (s.cursor + 1).min(chars.len())
            }
            (KeyCode::Home, _, _) | (KeyCode::Char('a'), true, false) => s.cursor = 0,
            (KeyCode::End, _, _) | (KeyCode::Char('e'), true, false) => s.cursor = chars.len(),
            (KeyCode::Char('u'), true, false) => {
                chars.drain(..s.cursor.min(chars.len()));
                s.cursor = 0;
            }
            // ctrl-w: the word before the cursor and the blanks after it, as in a shell.
            (KeyCode::Char('w'), true, false) | (KeyCode::Backspace, _, true) => {
                let end = s.cursor.min(chars.len());
                let mut start = end;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                chars.drain(start..end);
                s.cursor = start;
            }
            _ => {
                s.replace = replace;
                return false;
            }
        }
        s.query = chars.into_iter().collect();
        s.want(scope, fx);
        true
    }

    /// Pasted text goes into the query at the cursor, lines joined by spaces.
    pub(super) fn paste(&mut self, text: &str, scope: Scope, fx: &mut Vec<Effect>) {
        let mut chars: Vec<char> = if std::mem::take(&mut self.replace) {
            self.cursor = 0;
            Vec::new()
        } else {
            self.query.chars().collect()
        };
        let at = self.cursor.min(chars.len());
        let pasted: Vec<char> = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        self.cursor = at + pasted.len();
        chars.splice(at..at, pasted);
        self.query = chars.into_iter().collect();
        self.want(scope, fx);
    }

    /// Moves the selection for a list action, in a list of `rows` rows; false for any other.
    pub(super) fn move_selection(&mut self, action: Action, rows: usize) -> bool {
        let hits = self.results.as_ref().map_or(0, |r| r.hits.len());
        let last = hits.saturating_sub(1);
        let at = self.selected;
        let to = match action {
            Action::Down => (at + 1).min(last),
            Action::Up => at.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => (at + 10).min(last),
            Action::PageUp | Action::HalfPageUp => at.saturating_sub(10),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        self.select(to);
        self.offset = self.list_offset(rows);
        true
    }

    /// Selects row `row` of a list of `rows` rows showing the results; true when that row was
    /// selected already (a second click confirms it).
    pub(super) fn click_row(&mut self, row: usize, rows: usize) -> Option<bool> {
        let i = self.list_offset(rows) + row;
        let hits = self.results.as_ref().map_or(0, |r| r.hits.len());
        if i >= hits {
            return None;
        }
        if i == self.selected {
            return Some(true);
        }
        self.select(i);
        self.offset = self.list_offset(rows);
        Some(false)
    }

    /// Keeps the selected row inside a list of `rows` rows (the renderer knows the height).
    pub fn list_offset(&self, rows: usize) -> usize {
        super::keep_visible(self.offset, self.selected, rows.max(1))
    }

    /// What confirming the selected hit comes to now; [`Confirm::Later`] is remembered, so
    /// [`SearchState::receive`] says when the results come.
    pub(super) fn confirm(&mut self) -> Confirm {
        let Some(results) = self.shown().cloned() else {
            if self.wanted.is_none() {
                return Confirm::Blank;
            }
            self.confirm_when_ready = true;
            return Confirm::Later;
        };
        if results.hits.is_empty() {
            return Confirm::NoHits(results.query.trim().to_string());
        }
        let i = self.selected.min(results.hits.len() - 1);
        Confirm::Hit(results, i)
    }

    /// The selected hit of the results shown, with its unit.
    pub fn selected_hit(&self) -> Option<(&Hit, &Unit)> {
        let results = self.shown()?;
        let hit = results.hits.get(self.selected)?;
        let unit = self.index.as_ref()?.unit(hit.unit)?;
        Some((hit, unit))
    }

    /// What the selected hit quotes: its sentence and [`SearchState::more`] after it.
    pub fn passage(&self, papers: &[Paper]) -> Option<Passage> {
        let (hit, unit) = self.selected_hit()?;
        Passage::of_hit(papers.get(unit.paper)?, unit, hit, self.more)
    }

    /// `tab` / `shift-tab`: one sentence more or less in the quote of the selected hit. The
    /// message when it cannot change.
    pub(super) fn extend(&mut self, papers: &[Paper], forward: bool) -> Option<String> {
        if forward {
            self.more += 1;
            match self.passage(papers) {
                None => {
                    self.more -= 1;
                    Some("no hit selected".into())
                }
                Some(p) if p.short => {
                    self.more -= 1;
                    Some(if p.sentences == 1 && self.more == 0 {
                        "only a sentence of body text can be extended".into()
                    } else {
                        "last sentence of the paper".into()
                    })
                }
                Some(p) => Some(format!(
                    "quoting {}",
                    super::passage::sentences_label(p.sentences)
                )),
            }
        } else if self.more == 0 {
            Some("quoting the hit's sentence alone".into())
        } else {
            self.more -= 1;
            Some(format!(
                "quoting {}",
                super::passage::sentences_label(self.more + 1)
            ))
        }
    }
}

impl App {
    /// Gives the app the corpus index (built off the UI thread by the event loop).
    pub fn set_search_index(&mut self, index: Arc<SearchIndex>) {
        self.search.index = Some(index);
    }

    /// Results from the worker; dropped unless they answer the query the popup now shows.
    pub fn search_results(&mut self, results: SearchResults) -> Vec<Effect> {
        self.tracked(|app, _| {
            if app.search.receive(results) && app.overlay == Overlay::Search {
                app.confirm_search();
            }
        })
    }

    /// Would these results be shown? False for the answer to a query since superseded (the
    /// event loop skips drawing for those).
    pub fn wants(&self, results: &SearchResults) -> bool {
        self.search.answers(results)
    }

    /// True while the popup waits for results (or for the index).
    pub fn search_pending(&self) -> bool {
        self.overlay == Overlay::Search && self.search.waiting()
    }

    /// The results for the query as it stands, if they have come.
    pub fn search_shown(&self) -> Option<&SearchResults> {
        self.search.shown()
    }

    pub fn search_scope(&self) -> Scope {
        self.search.scope(self.current)
    }

    /// The highlighted hit sentence, while the reader is still where the jump left it.
    pub fn search_mark(&self) -> Option<&Mark> {
        self.search
            .mark
            .as_ref()
            .filter(|m| m.paper == self.current && m.at == self.reading_position())
    }

    /// Clears the hit highlight once the reader has moved.
    pub(super) fn settle_search_mark(&mut self) {
        if self.search.mark.is_some() && self.search_mark().is_none() {
            self.search.mark = None;
        }
    }

    /// Opens the popup on the last query, selected so that typing replaces it.
    pub(super) fn open_search(&mut self, fx: &mut Vec<Effect>) {
        self.overlay = Overlay::Search;
        self.search.replace = !self.search.query.is_empty();
        self.search.cursor = self.search.query.chars().count();
        let scope = self.search_scope();
        self.search.want(scope, fx);
        // Back on the hit `n`/`N` left the reader at, when the list is the one it came from.
        if let Some((r, at)) = &self.search.jumped
            && self.search.answers(r)
        {
            self.search.selected = *at;
            let rows = usize::from(super::panes::popup_layout(self.size).list.height);
            self.search.offset = self.search.list_offset(rows);
        }
    }

    /// Text editing in the query line (see [`SearchState::edit`]). True when the key was used.
    pub(super) fn search_edit(&mut self, key: KeyPress, fx: &mut Vec<Effect>) -> bool {
        let scope = self.search_scope();
        self.search.edit(key, &self.keymap, scope, fx)
    }

    /// Pasted text goes into the query, lines joined by spaces; elsewhere it is ignored.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        self.tracked(|app, fx| {
            if app.overlay == Overlay::Search {
                let scope = app.search_scope();
                app.search.paste(text, scope, fx);
            }
        })
    }

    /// A click in the popup selects a hit, a click on the selected one jumps to it, and a click
    /// outside closes the popup.
    pub(super) fn search_click(&mut self, at: ratatui::layout::Position) {
        let l = super::panes::popup_layout(self.size);
        if !l.outer.contains(at) {
            self.overlay = Overlay::None;
            return;
        }
        if !l.list.contains(at) {
            return;
        }
        let rows = usize::from(l.list.height);
        if self.search.click_row(usize::from(at.y - l.list.y), rows) == Some(true) {
            self.confirm_search();
        }
    }

    /// Actions while the popup is open.
    pub(super) fn search_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let rows = usize::from(super::panes::popup_layout(self.size).list.height);
        if self.search.move_selection(action, rows) {
            return;
        }
        match action {
            Action::ToggleScope => {
                self.search.this_paper = !self.search.this_paper;
                let scope = self.search_scope();
                self.search.want(scope, fx);
            }
            Action::ExtendSelection | Action::ShrinkSelection => {
                let forward = action == Action::ExtendSelection;
                self.status = self.search.extend(&self.papers, forward);
            }
            Action::CycleStyle => self.selection_action(action, fx),
            Action::Confirm => self.confirm_search(),
            Action::Cancel => self.overlay = Overlay::None,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Keeps the selected row inside a list of `rows` rows (the renderer knows the height).
    pub fn search_list_offset(&self, rows: usize) -> usize {
        self.search.list_offset(rows)
    }

    fn confirm_search(&mut self) {
        match self.search.confirm() {
            Confirm::Hit(results, i) => {
                let more = self.search.more;
                self.overlay = Overlay::None;
                self.search.jumped = Some((results, i));
                self.go_to_hit();
                // A quote extended in the popup is the visual selection after the jump.
                if more > 0 && self.search.mark.is_some() {
                    self.select_following(more);
                }
            }
            Confirm::NoHits(query) => self.status = Some(format!("No hits for “{query}”")),
            Confirm::Later => {}
            Confirm::Blank => self.overlay = Overlay::None,
        }
    }

    /// `n` / `N`: the next or previous hit of the last jump, wrapping.
    pub(super) fn step_hit(&mut self, forward: bool) {
        let Some((results, at)) = &mut self.search.jumped else {
            self.status = Some("No search yet: press / to search".into());
            return;
        };
        let n = results.hits.len();
        *at = if forward {
            (*at + 1) % n
        } else {
            (*at + n - 1) % n
        };
        self.go_to_hit();
    }

    /// Opens the paper of the current jump hit, scrolls its sentence into view with a little of
    /// the paragraph above, and highlights it.
    fn go_to_hit(&mut self) {
        let Some((results, at)) = &self.search.jumped else {
            return;
        };
        let (n, total, at) = (results.hits.len(), results.total, *at);
        let Some(hit) = results.hits.get(at).cloned() else {
            return;
        };
        let Some(unit) = self
            .search
            .index
            .as_ref()
            .and_then(|ix| ix.unit(hit.unit))
            .cloned()
        else {
            return;
        };
        if unit.paper != self.current {
            self.open(unit.paper);
        }
        self.focus = Focus::Reader;
        let mut status = format!("hit {}/{n}", at + 1);
        if total > n {
            status.push_str(&format!(" (best {n} of {total})"));
        }
        self.status = Some(status);
        self.search.mark = None;
        let Some(paper) = self.papers.get(unit.paper) else {
            return;
        };
        let Some((item, offset)) = self.doc.find(unit.source) else {
            return;
        };
        let sentence = hit_sentence(paper, &unit);
        let sentence = sentence.start + offset..sentence.end + offset;
        let matched = matched_chars(&unit, &hit, offset);
        let Some(text) = self.doc.items.get(item).map(|it| it.text.as_str()) else {
            return;
        };
        let first = self.layout.first_line(item);
        let line = placement::lines_of(&self.layout, item, text, sentence.clone())
            .map_or(first, |(l, _)| l);
        // A little of the paragraph above the sentence, when there is some.
        let context = line.saturating_sub(first).min(self.reader_height() / 3);
        self.jump_to(line - context);
        // On a body sentence the sentence cursor moves there too, so `y` quotes the hit.
        self.put_cursor_at(item, sentence.start);
        self.search.mark = Some(Mark {
            paper: unit.paper,
            item,
            sentence,
            matched,
            at: self.reading_position(),
        });
    }
}

/// Matched chars of a hit as char indices into the item text, given the source's offset there.
fn matched_chars(unit: &Unit, hit: &Hit, offset: usize) -> Vec<usize> {
    hit.positions
        .iter()
        .map(|p| offset + unit.range.start + p)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
