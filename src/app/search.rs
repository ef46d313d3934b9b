//! The search popup: the query being edited, the results the worker sent for it, the jump to a
//! hit and `n`/`N` afterwards. The event loop owns the worker: each new query is an
//! [`Effect::Search`], and the results come back through [`App::search_results`], so the app
//! stays free of threads and I/O.

use std::ops::Range;
use std::sync::Arc;

use super::{App, Effect, Focus, Overlay};
use crate::action::Action;
use crate::config::{Context, KeyCode, KeyPress, Resolved};
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

/// The popup's state; lives on while the popup is closed, so `/` reopens on the last query.
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

impl App {
    /// Gives the app the corpus index (built off the UI thread by the event loop).
    pub fn set_search_index(&mut self, index: Arc<SearchIndex>) {
        self.search.index = Some(index);
    }

    /// Results from the worker; dropped unless they answer the query the popup now shows.
    pub fn search_results(&mut self, results: SearchResults) -> Vec<Effect> {
        self.tracked(|app, _| {
            if !app.wants(&results) {
                return;
            }
            app.search.results = Some(results);
            app.search.selected = 0;
            app.search.offset = 0;
            if std::mem::take(&mut app.search.confirm_when_ready) && app.overlay == Overlay::Search
            {
                app.confirm_search();
            }
        })
    }

    /// Would these results be shown? False for the answer to a query since superseded (the
    /// event loop skips drawing for those).
    pub fn wants(&self, results: &SearchResults) -> bool {
        self.answers(results)
    }

    /// True while the popup waits for results (or for the index).
    pub fn search_pending(&self) -> bool {
        self.overlay == Overlay::Search
            && self.search_shown().is_none()
            && self.search.wanted.is_some()
    }

    /// The results for the query as it stands, if they have come.
    pub fn search_shown(&self) -> Option<&SearchResults> {
        let r = self.search.results.as_ref()?;
        self.answers(r).then_some(r)
    }

    /// Are these results for the query and scope the popup shows?
    fn answers(&self, r: &SearchResults) -> bool {
        self.search
            .wanted
            .as_ref()
            .is_some_and(|(q, scope)| *q == r.query && *scope == r.scope)
    }

    pub fn search_scope(&self) -> Scope {
        if self.search.this_paper {
            Scope::Paper(self.current)
        } else {
            Scope::All
        }
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
        self.want(fx);
        // Back on the hit `n`/`N` left the reader at, when the list is the one it came from.
        if let Some((r, at)) = &self.search.jumped
            && self.answers(r)
        {
            self.search.selected = *at;
            let rows = usize::from(super::panes::popup_layout(self.size).list.height);
            self.search.offset = self.search_list_offset(rows);
        }
    }

    /// Records the query and scope now shown, asking for a search when they changed.
    fn want(&mut self, fx: &mut Vec<Effect>) {
        let query = self.search.query.trim();
        let wanted = (!query.is_empty()).then(|| (self.search.query.clone(), self.search_scope()));
        if wanted != self.search.wanted {
            self.search.confirm_when_ready = false;
            if let Some((query, scope)) = wanted.clone() {
                fx.push(Effect::Search { query, scope });
            }
            self.search.wanted = wanted;
            self.search.selected = 0;
            self.search.offset = 0;
        }
    }

    /// Text editing in the query line, for keys the search keymap leaves free (listed for the
    /// help overlay in [`QUERY_EDITING_KEYS`]). True when the key was used.
    pub(super) fn search_edit(&mut self, key: KeyPress, fx: &mut Vec<Effect>) -> bool {
        if self.keymap.resolve(Context::Search, &[key]) != Resolved::Unbound {
            return false;
        }
        let s = &mut self.search;
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
        self.want(fx);
        true
    }

    /// Pasted text goes into the query, lines joined by spaces; elsewhere it is ignored.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        self.tracked(|app, fx| app.paste_into(text, fx))
    }

    fn paste_into(&mut self, text: &str, fx: &mut Vec<Effect>) {
        if self.overlay != Overlay::Search {
            return;
        }
        let s = &mut self.search;
        let mut chars: Vec<char> = if std::mem::take(&mut s.replace) {
            s.cursor = 0;
            Vec::new()
        } else {
            s.query.chars().collect()
        };
        let at = s.cursor.min(chars.len());
        let pasted: Vec<char> = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        s.cursor = at + pasted.len();
        chars.splice(at..at, pasted);
        s.query = chars.into_iter().collect();
        self.want(fx);
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
        let i = self.search_list_offset(rows) + usize::from(at.y - l.list.y);
        let hits = self.search.results.as_ref().map_or(0, |r| r.hits.len());
        if i >= hits {
            return;
        }
        if i == self.search.selected {
            self.confirm_search();
        } else {
            self.search.selected = i;
            self.search.offset = self.search_list_offset(rows);
        }
    }

    /// Actions while the popup is open.
    pub(super) fn search_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let hits = self.search.results.as_ref().map_or(0, |r| r.hits.len());
        let last = hits.saturating_sub(1);
        let rows = usize::from(super::panes::popup_layout(self.size).list.height);
        let s = &mut self.search;
        match action {
            Action::Down => s.selected = (s.selected + 1).min(last),
            Action::Up => s.selected = s.selected.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => s.selected = (s.selected + 10).min(last),
            Action::PageUp | Action::HalfPageUp => s.selected = s.selected.saturating_sub(10),
            Action::Top => s.selected = 0,
            Action::Bottom => s.selected = last,
            Action::ToggleScope => {
                s.this_paper = !s.this_paper;
                self.want(fx);
                return;
            }
            Action::Confirm => self.confirm_search(),
            Action::Cancel => self.overlay = Overlay::None,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Quit => self.quit = true,
            _ => {}
        }
        self.search.offset = self.search_list_offset(rows);
    }

    /// Keeps the selected row inside a list of `rows` rows (the renderer knows the height).
    pub fn search_list_offset(&self, rows: usize) -> usize {
        super::keep_visible(self.search.offset, self.search.selected, rows.max(1))
    }

    fn confirm_search(&mut self) {
        let Some(results) = self.search_shown().cloned() else {
            if self.search.wanted.is_none() {
                self.overlay = Overlay::None;
            } else {
                self.search.confirm_when_ready = true;
            }
            return;
        };
        if results.hits.is_empty() {
            self.status = Some(format!("No hits for “{}”", results.query.trim()));
            return;
        }
        let i = self.search.selected.min(results.hits.len() - 1);
        self.overlay = Overlay::None;
        self.search.jumped = Some((results, i));
        self.go_to_hit();
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
