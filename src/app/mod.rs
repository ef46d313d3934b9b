//! The TUI's state and how events change it. No I/O and no clock: the event loop (`tui`) hands
//! each [`Event`] to [`App::handle`], carries out the [`Effect`]s it returns (copies, searches,
//! saves), and draws the state with `ui::render`.

mod effect;
mod event;
mod markers;
mod mouse;
mod navigation;
mod outline;
pub mod panes;
pub mod passage;
pub mod pick;
mod selection;
mod sequence;

use ratatui::layout::Rect;

pub use effect::Effect;
pub use event::Event;
pub use passage::SentenceRef;
pub use selection::Highlight;

use crate::action::Action;
use crate::app::panes::Panes;
use crate::config::{Config, Context, KeyPress, Keymap};
use crate::store::state::{Position, SavedPosition, State};
use lunwen_core::corpus::Paper;
use lunwen_core::view::Anchor;
use lunwen_core::view::doc::Doc;
use lunwen_core::view::wrap::Layout;
use sequence::Next;

pub mod search;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Library,
    Outline,
    Reader,
}

/// What is drawn over the panes. Later features (search, messages) add variants here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    /// The current paper's facts and their sources.
    Info {
        scroll: usize,
    },
    Note {
        marker: MarkerRef,
        scroll: usize,
    },
    Search,
}

/// A note marker: item of the reading view and index into its markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerRef {
    pub item: usize,
    pub marker: usize,
}

/// Where the user is reading: paper index and the top line's place in its reading view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingPosition {
    pub paper: usize,
    pub pos: Position,
}

/// Per-paper view state, kept while switching papers.
#[derive(Debug, Clone, Default)]
struct PaperView {
    /// Where the paper is read, in its reading view (valid once the paper has been opened).
    pos: Position,
    /// What the state file said, until the paper is opened and it becomes `pos`.
    from_file: Option<SavedPosition>,
    /// Where the paper was left when another was opened, for the state file.
    left_at: Option<Anchor>,
    folded: Vec<bool>,
    outline_cursor: usize,
    outline_offset: usize,
    marker: Option<MarkerRef>,
}

pub struct App {
    pub papers: Vec<Paper>,
    pub focus: Focus,
    pub overlay: Overlay,
    /// One-line message for the status bar (load problems, "copied …"); cleared by the next key.
    pub status: Option<String>,
    pub quit: bool,
    /// Index of the open paper.
    pub current: usize,
    pub library_offset: usize,
    /// The open paper as the reader shows it, and wrapped at the reader's width.
    pub doc: Doc,
    pub layout: Layout,
    pub panes: Panes,
    pub size: Rect,
    pub keymap: Keymap,
    /// Colours and emphasis the UI draws with.
    pub theme: crate::config::Theme,
    /// Keys of a multi-key sequence typed so far (`g` of `g g`).
    pending: sequence::Sequence,
    views: Vec<PaperView>,
    pub search: search::SearchState,
    selection: selection::Selection,
    citation_style: lunwen_core::corpus::citation::Style,
    /// Citations of the corpus: cite keys and the config's 注释 variants.
    citer: lunwen_core::corpus::citation::Citer,
    quote_template: String,
    quote_punctuation: lunwen_core::corpus::punctuation::Punctuation,
}

impl App {
    /// An app over `papers`, opened where `saved` says the user left off, sized `width`×`height`.
    pub fn new(papers: Vec<Paper>, config: &Config, saved: &State, width: u16, height: u16) -> App {
        let views = papers
            .iter()
            .map(|p| PaperView {
                from_file: saved.papers.get(&p.id).copied(),
                ..PaperView::default()
            })
            .collect();
        let current = saved
            .last_paper
            .as_ref()
            .and_then(|id| papers.iter().position(|p| &p.id == id))
            .unwrap_or(0);
        let citer = lunwen_core::corpus::citation::Citer::new(&papers, config.settings.citation);
        let mut app = App {
            papers,
            focus: Focus::Reader,
            overlay: Overlay::None,
            status: None,
            quit: false,
            current,
            library_offset: 0,
            doc: Doc::default(),
            layout: Layout::new(&Doc::default(), 1),
            panes: Panes::default(),
            size: Rect::new(0, 0, width, height),
            keymap: config.keymap.clone(),
            theme: config.settings.theme.clone(),
            pending: sequence::Sequence::default(),
            views,
            search: search::SearchState::default(),
            selection: selection::Selection::default(),
            citation_style: config.settings.citation_style,
            citer,
            quote_template: config.settings.quote_template.clone(),
            quote_punctuation: config.settings.quote_punctuation,
        };
        app.panes = Panes::new(app.size, app.papers.len());
        app.open(current);
        app
    }

    /// What to write to the state file: each paper's position named by the text on top, so it
    /// holds whatever the reading view adds or drops around it.
    pub fn saved_state(&self) -> State {
        let saved = |(i, v): (usize, &PaperView)| -> Option<SavedPosition> {
            if i == self.current {
                (v.pos != Position::default())
                    .then(|| self.doc.anchor(v.pos))
                    .flatten()
                    .map(SavedPosition::At)
            } else {
                v.from_file.or(v.left_at.map(SavedPosition::At))
            }
        };
        State {
            last_paper: self.paper().map(|p| p.id.clone()),
            papers: self
                .papers
                .iter()
                .zip(self.views.iter().enumerate().map(saved))
                .filter_map(|(p, s)| Some((p.id.clone(), s?)))
                .collect(),
        }
    }

    pub fn paper(&self) -> Option<&Paper> {
        self.papers.get(self.current)
    }

    pub fn reading_position(&self) -> ReadingPosition {
        ReadingPosition {
            paper: self.current,
            pos: self.view().map(|v| v.pos).unwrap_or_default(),
        }
    }

    /// Index into `Paper::blocks` of the body block at the top of the reader, if it is one.
    pub fn reading_block(&self) -> Option<usize> {
        self.doc
            .items
            .get(self.reading_position().pos.item)?
            .source
            .block()
    }

    fn view(&self) -> Option<&PaperView> {
        self.views.get(self.current)
    }

    fn view_mut(&mut self) -> Option<&mut PaperView> {
        self.views.get_mut(self.current)
    }

    /// First display line shown in the reader.
    pub fn top(&self) -> usize {
        self.layout.line_at(self.reading_position().pos)
    }

    /// Rows of text the reader shows.
    pub fn reader_height(&self) -> usize {
        usize::from(self.panes.reader_text().height).max(1)
    }

    /// Percentage read: how far the bottom of the screen is through the paper.
    pub fn percent(&self) -> usize {
        let total = self.layout.lines.len().max(1);
        ((self.top() + self.reader_height()).min(total) * 100) / total
    }

    pub fn folded(&self) -> &[bool] {
        self.view().map_or(&[], |v| v.folded.as_slice())
    }

    pub fn outline_cursor(&self) -> usize {
        self.view().map_or(0, |v| v.outline_cursor)
    }

    pub fn outline_offset(&self) -> usize {
        self.view().map_or(0, |v| v.outline_offset)
    }

    pub fn selected_marker(&self) -> Option<MarkerRef> {
        self.view().and_then(|v| v.marker)
    }

    /// Printed page of the reading position (the top line), where the paper tells it: the page
    /// a quotation from here cites.
    pub fn printed_page(&self) -> Option<u32> {
        let pos = self.reading_position().pos;
        let (at, offset) = self.doc.locate(pos.item, pos.offset)?;
        self.paper()?.printed_page_at(at, offset)
    }

    /// Node path from the top of the tree to the section being read.
    pub fn section_path(&self) -> Vec<&str> {
        let mut path = Vec::new();
        let mut node = self.doc.node_at(self.reading_position().pos.item);
        while let Some(n) = node {
            path.push(self.doc.nodes[n].label.as_str());
            node = self.doc.parent(n);
        }
        path.reverse();
        path
    }

    /// The keymap context keys are looked up in now.
    pub fn context(&self) -> Context {
        match (self.overlay, self.focus) {
            (Overlay::Help { .. } | Overlay::Info { .. } | Overlay::Note { .. }, _) => {
                Context::Popup
            }
            (Overlay::Search, _) => Context::Search,
            (Overlay::None, Focus::Library) => Context::Library,
            (Overlay::None, Focus::Outline) => Context::Outline,
            (Overlay::None, Focus::Reader) => Context::Reader,
        }
    }

    /// Keys typed so far of an unfinished sequence, for the status bar.
    pub fn pending_keys(&self) -> String {
        crate::config::sequence_to_string(self.pending.keys())
    }

    /// Runs one key press through the keymap; a key that breaks a pending sequence is tried
    /// again on its own.
    pub fn handle_key(&mut self, key: KeyPress) -> Vec<Effect> {
        self.tracked(|app, fx| app.key_into(key, fx))
    }

    fn key_into(&mut self, key: KeyPress, fx: &mut Vec<Effect>) {
        self.status = None;
        if self.overlay == Overlay::Search && self.pending.is_empty() && self.search_edit(key, fx) {
            return;
        }
        let ctx = self.context();
        match self.pending.push(&self.keymap, ctx, key) {
            Next::Action(a) => self.update_into(a, fx),
            Next::Pending | Next::Unbound { retry: false } => {}
            Next::Unbound { retry: true } => self.key_into(key, fx),
        }
        self.settle_search_mark();
    }

    /// Whatever happened, in the order it happened: the event loop's one way in.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) => self.handle_key(key),
            Event::Paste(text) => self.paste(&text),
            Event::Click { column, row } => self.click(column, row),
            Event::Wheel { column, row, down } => self.wheel(column, row, down),
            Event::Resize { width, height } => self.resize(width, height),
            Event::IndexReady(index) => {
                self.set_search_index(index);
                Vec::new()
            }
            Event::SearchResults(results) => self.search_results(results),
            Event::InputClosed(why) => {
                self.quit = true;
                self.status = why;
                Vec::new()
            }
        }
    }

    /// Runs `f` on the app with somewhere to put the effects it asks for, and adds
    /// [`Effect::Save`] when what the state file holds changed.
    fn tracked(&mut self, f: impl FnOnce(&mut App, &mut Vec<Effect>)) -> Vec<Effect> {
        let before = (self.current, self.reading_position());
        let mut fx = Vec::new();
        f(self, &mut fx);
        if (self.current, self.reading_position()) != before {
            fx.push(Effect::Save);
        }
        fx
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.tracked(|app, fx| app.update_into(action, fx))
    }

    fn update_into(&mut self, action: Action, fx: &mut Vec<Effect>) {
        if self.overlay != Overlay::None && self.update_overlay(action, fx) {
            return;
        }
        if self.selection_intercept(action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Info => self.overlay = Overlay::Info { scroll: 0 },
            Action::Cancel => {
                if let Some(v) = self.view_mut() {
                    v.marker = None;
                }
            }
            Action::FocusNext => {
                self.focus = match self.focus {
                    Focus::Library => Focus::Outline,
                    Focus::Outline => Focus::Reader,
                    Focus::Reader => Focus::Library,
                }
            }
            Action::FocusPrev => {
                self.focus = match self.focus {
                    Focus::Library => Focus::Reader,
                    Focus::Outline => Focus::Library,
                    Focus::Reader => Focus::Outline,
                }
            }
            Action::FocusLibrary => self.focus = Focus::Library,
            Action::FocusOutline => self.focus = Focus::Outline,
            Action::FocusReader => self.focus = Focus::Reader,
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::HalfPageDown => self.step(self.page(Focus::Reader) / 2),
            Action::HalfPageUp => self.step(-(self.page(Focus::Reader) / 2)),
            Action::PageDown => self.step(self.page(self.focus)),
            Action::PageUp => self.step(-self.page(self.focus)),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Open => match self.focus {
                Focus::Library | Focus::Outline => self.focus = Focus::Reader,
                Focus::Reader => self.show_note(),
            },
            Action::ToggleFold => {
                let c = self.outline_cursor();
                let folded = self.folded().get(c).copied().unwrap_or(false);
                self.set_fold(c, !folded);
            }
            Action::Fold => self.fold(),
            Action::Unfold => self.unfold(),
            Action::FoldAll => self.fold_all(true),
            Action::UnfoldAll => self.fold_all(false),
            Action::NextMarker => self.step_marker(true),
            Action::PrevMarker => self.step_marker(false),
            Action::ShowNote => self.show_note(),
            Action::NextSentence
            | Action::PrevSentence
            | Action::VisualMode
            | Action::Copy
            | Action::CopyParagraph
            | Action::CopyCitation
            | Action::CycleStyle => self.selection_action(action, fx),
            Action::Search => self.open_search(fx),
            Action::SearchNext => self.step_hit(true),
            Action::SearchPrev => self.step_hit(false),
            // Search-box actions: the search popup takes them (see `update_overlay`).
            Action::ToggleScope
            | Action::ExtendSelection
            | Action::ShrinkSelection
            | Action::Confirm => {}
        }
    }

    /// Actions while a popup is open; returns false for those the panes handle as usual.
    fn update_overlay(&mut self, action: Action, fx: &mut Vec<Effect>) -> bool {
        if self.overlay == Overlay::Search {
            self.search_action(action, fx);
            return true;
        }
        let scroll = match &mut self.overlay {
            Overlay::Help { scroll } | Overlay::Info { scroll } | Overlay::Note { scroll, .. } => {
                scroll
            }
            Overlay::None | Overlay::Search => return false,
        };
        match action {
            Action::Down => *scroll += 1,
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => *scroll += 10,
            Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            // Rendering clamps the scroll to the text.
            Action::Bottom => *scroll = usize::MAX / 2,
            Action::Confirm => {
                let note = match self.overlay {
                    Overlay::Note { marker, .. } => Some(marker),
                    _ => None,
                };
                self.overlay = Overlay::None;
                if let Some(m) = note {
                    self.follow_marker(m);
                }
            }
            Action::Cancel | Action::Open => self.overlay = Overlay::None,
            Action::Help if matches!(self.overlay, Overlay::Help { .. }) => {
                self.overlay = Overlay::None
            }
            Action::ShowNote if matches!(self.overlay, Overlay::Note { .. }) => {
                self.overlay = Overlay::None
            }
            Action::Info if matches!(self.overlay, Overlay::Info { .. }) => {
                self.overlay = Overlay::None
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Info => self.overlay = Overlay::Info { scroll: 0 },
            Action::Quit => self.quit = true,
            // Stepping markers with the note open moves the popup to the next note.
            Action::NextMarker | Action::PrevMarker => {
                self.overlay = Overlay::None;
                self.step_marker(action == Action::NextMarker);
                self.show_note();
            }
            _ => {}
        }
        true
    }
}

/// Scroll offset that keeps row `cursor` inside a window of `rows`, moving as little as possible.
fn keep_visible(offset: usize, cursor: usize, rows: usize) -> usize {
    if cursor < offset {
        cursor
    } else if cursor >= offset + rows {
        cursor + 1 - rows
    } else {
        offset
    }
}

/// Feeds a space-separated key string (`"tab j j enter"`, `"z M"`, `"ctrl-d"`) through the
/// keymap, as a user typing it would.
#[cfg(test)]
pub(crate) fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let keys =
        crate::config::parse_sequence(keys).unwrap_or_else(|e| panic!("bad keys {keys:?}: {e}"));
    keys.into_iter().flat_map(|k| app.handle_key(k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::panes::LIBRARY_ROWS_PER_PAPER;
    use lunwen_core::corpus::Location;
    use lunwen_core::testing::long_paper;
    use lunwen_core::view::wrap::SegKind;

    fn app() -> App {
        let mut second = long_paper();
        second.id = "t02".into();
        second.title = None;
        App::new(
            vec![long_paper(), second],
            &Config::defaults(),
            &State::default(),
            80,
            24,
        )
    }

    #[test]
    fn scrolling_moves_the_outline_and_the_outline_moves_the_reader() {
        let mut a = app();
        assert_eq!(a.top(), 0);
        a.update(Action::FocusOutline);
        a.update(Action::Down);
        a.update(Action::Down);
        let node = a.outline_cursor();
        assert_eq!(a.doc.nodes[node].label, "一、引言");
        assert_eq!(a.reading_position().pos.item, a.doc.nodes[node].item);
        assert_eq!(a.section_path(), ["一、引言"]);
        a.update(Action::FocusReader);
        let before = a.outline_cursor();
        for _ in 0..200 {
            a.update(Action::Down);
            if a.outline_cursor() != before {
                break;
            }
        }
        assert!(a.outline_cursor() > before);
        assert!(a.reading_block().is_some());
    }

    #[test]
    fn scrolling_clamps_at_both_ends() {
        let mut a = app();
        a.update(Action::Bottom);
        let bottom = a.top();
        assert_eq!(bottom + a.reader_height(), a.layout.lines.len());
        assert_eq!(a.percent(), 100);
        a.update(Action::Down);
        assert_eq!(a.top(), bottom);
        a.update(Action::Top);
        assert_eq!(a.top(), 0);
        a.update(Action::Up);
        assert_eq!(a.top(), 0);
    }

    #[test]
    fn fold_all_moves_the_cursor_to_the_visible_ancestor() {
        let mut a = app();
        a.update(Action::FocusOutline);
        let sub = a
            .doc
            .nodes
            .iter()
            .position(|n| n.label == "（二）实践逻辑")
            .unwrap();
        a.select_node(sub);
        a.update(Action::FoldAll);
        assert_eq!(a.doc.nodes[a.outline_cursor()].label, "二、理论逻辑");
        assert_eq!(a.doc.visible_nodes(a.folded()).len(), 7);
        a.update(Action::Unfold);
        assert_eq!(a.doc.visible_nodes(a.folded()).len(), 9);
        a.update(Action::Unfold);
        assert_eq!(a.doc.nodes[a.outline_cursor()].label, "（一）生产力范畴");
        a.update(Action::Fold);
        assert_eq!(a.doc.nodes[a.outline_cursor()].label, "二、理论逻辑");
        a.update(Action::ToggleFold);
        assert!(a.folded()[a.outline_cursor()]);
    }

    #[test]
    fn markers_step_on_screen_and_open_notes() {
        let mut a = app();
        a.update(Action::Bottom);
        a.update(Action::NextMarker);
        assert!(
            a.status
                .as_deref()
                .is_some_and(|s| s.contains("No note markers"))
        );
        let line = a
            .layout
            .lines
            .iter()
            .position(|l| l.segs.iter().any(|s| matches!(s.kind, SegKind::Marker(_))))
            .unwrap();
        a.scroll_to(line);
        a.update(Action::ShowNote);
        let Overlay::Note { marker, .. } = a.overlay else {
            panic!("no note popup: {:?}", a.overlay);
        };
        assert_eq!(a.doc.items[marker.item].markers[marker.marker].label, "①");
        a.update(Action::Cancel);
        assert_eq!(a.overlay, Overlay::None);
        assert_eq!(a.selected_marker(), Some(marker));
    }

    #[test]
    fn library_switches_papers_and_keeps_each_position() {
        let mut a = app();
        a.update(Action::PageDown);
        let first_top = a.top();
        assert!(first_top > 0);
        a.update(Action::FocusLibrary);
        a.update(Action::Down);
        assert_eq!(a.current, 1);
        assert_eq!(a.top(), 0);
        assert!(a.doc.items[0].text.contains("untitled"));
        a.update(Action::Up);
        assert_eq!(a.top(), first_top);
        let saved = a.saved_state();
        assert_eq!(saved.last_paper.as_deref(), Some("t01"));
        let b = App::new(a.papers.clone(), &Config::defaults(), &saved, 80, 24);
        assert_eq!(b.top(), first_top);
    }

    /// Reopened in a wider terminal, the reader starts on the line holding the character that
    /// was on top, not on the line with the same number inside the paragraph.
    #[test]
    fn a_saved_position_opens_on_the_same_text_at_another_width() {
        let mut a = app();
        press(&mut a, "3");
        // Down to the third line of a paragraph.
        while a.top() - a.layout.first_line(a.reading_position().pos.item) < 2 {
            press(&mut a, "j");
            assert!(a.top() < 500, "no paragraph of three lines");
        }
        let at = a.reading_position();
        let line_in_item = a.top() - a.layout.first_line(at.pos.item);
        let b = App::new(
            a.papers.clone(),
            &Config::defaults(),
            &a.saved_state(),
            160,
            40,
        );
        assert_eq!(b.reading_position(), at);
        let top = &b.layout.lines[b.top()];
        let next = &b.layout.lines[b.top() + 1];
        assert_eq!(top.item, at.pos.item);
        assert!(
            top.start <= at.pos.offset && (next.item != at.pos.item || at.pos.offset < next.start)
        );
        assert!(b.top() - b.layout.first_line(at.pos.item) < line_in_item);
    }

    #[test]
    fn resize_keeps_the_item_being_read_and_survives_tiny_sizes() {
        let mut a = app();
        a.update(Action::PageDown);
        let item = a.reading_position().pos.item;
        a.resize(120, 40);
        assert_eq!(a.reading_position().pos.item, item);
        // Back and forth between widths comes back to the very same line.
        a.resize(60, 30);
        for _ in 0..4 {
            a.update(Action::Down);
        }
        let (top, at) = (a.top(), a.reading_position());
        for (w, h) in [(120, 40), (45, 30), (60, 30)] {
            a.resize(w, h);
        }
        assert_eq!((a.top(), a.reading_position()), (top, at));
        for (w, h) in [(1, 1), (0, 0), (39, 9), (80, 24)] {
            a.resize(w, h);
            a.update(Action::Down);
            a.update(Action::NextMarker);
        }
    }

    #[test]
    fn mouse_click_focuses_and_selects() {
        let mut a = app();
        let lib = Panes::list_inner(a.panes.library);
        a.click(lib.x + 1, lib.y + LIBRARY_ROWS_PER_PAPER);
        assert_eq!((a.focus, a.current), (Focus::Library, 1));
        let out = Panes::list_inner(a.panes.outline);
        a.click(out.x + 1, out.y + 2);
        assert_eq!(a.focus, Focus::Outline);
        assert_eq!(a.doc.nodes[a.outline_cursor()].label, "一、引言");
        let r = a.panes.reader_text();
        a.wheel(r.x, r.y, true);
        assert_eq!(a.focus, Focus::Outline);
        assert!(a.top() > 0);
        // clicking a marker opens its note
        press(&mut a, "3 g g");
        let (row, line) = a
            .layout
            .lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.segs.iter().any(|s| matches!(s.kind, SegKind::Marker(_))))
            .unwrap();
        let col: usize = line
            .segs
            .iter()
            .take_while(|s| !matches!(s.kind, SegKind::Marker(_)))
            .map(|s| unicode_width::UnicodeWidthStr::width(s.text.as_str()))
            .sum();
        a.click(r.x, r.y + row as u16);
        assert_eq!(a.overlay, Overlay::None);
        a.click(r.x + col as u16, r.y + row as u16);
        assert!(matches!(a.overlay, Overlay::Note { .. }));
        a.update(Action::Help);
        assert!(matches!(a.overlay, Overlay::Help { .. }));
    }

    #[test]
    fn keys_drive_focus_library_and_reader() {
        let mut a = app();
        press(&mut a, "tab j j enter");
        assert_eq!((a.focus, a.current), (Focus::Reader, 1));
        press(&mut a, "G");
        assert_eq!(a.percent(), 100);
        press(&mut a, "g g");
        assert_eq!(a.top(), 0);
        press(&mut a, "ctrl-d");
        let half = a.top();
        assert_eq!(half, a.reader_height() / 2);
        // a broken sequence drops the prefix and runs the key on its own
        press(&mut a, "g j");
        assert_eq!(a.top(), half + 1);
        assert_eq!(a.pending_keys(), "");
        press(&mut a, "g");
        assert_eq!(a.pending_keys(), "g");
        press(&mut a, "esc");
        press(&mut a, "shift-tab shift-tab");
        assert_eq!(a.focus, Focus::Library);
        press(&mut a, "q");
        assert!(a.quit);
    }

    #[test]
    fn keys_fold_and_unfold_the_tree() {
        let mut a = app();
        press(&mut a, "2 z M");
        assert_eq!(a.doc.visible_nodes(a.folded()).len(), 7);
        press(&mut a, "g g j j j space");
        assert_eq!(a.doc.nodes[a.outline_cursor()].label, "二、理论逻辑");
        assert_eq!(a.doc.visible_nodes(a.folded()).len(), 9);
        press(&mut a, "l enter");
        assert_eq!(a.focus, Focus::Reader);
        assert_eq!(a.section_path(), ["二、理论逻辑", "（一）生产力范畴"]);
        press(&mut a, "2 h h");
        assert_eq!(a.doc.nodes[a.outline_cursor()].label, "二、理论逻辑");
        assert!(a.folded()[a.outline_cursor()]);
        press(&mut a, "z R");
        assert!(a.folded().iter().all(|f| !f));
    }

    #[test]
    fn keys_open_a_note_and_follow_it() {
        let mut a = app();
        press(&mut a, "3 ] enter");
        assert!(matches!(a.overlay, Overlay::Note { .. }));
        assert_eq!(a.context(), Context::Popup);
        press(&mut a, "j k q");
        assert_eq!(a.overlay, Overlay::None);
        assert!(!a.quit, "q closes the popup, it does not quit");
        press(&mut a, "enter enter");
        assert_eq!(a.overlay, Overlay::None);
        let item = &a.doc.items[a.reading_position().pos.item];
        assert_eq!(item.source, Location::Note(0));
        assert_eq!(a.section_path(), ["注释"]);
    }

    #[test]
    fn keys_on_the_seed_papers_open_each_one() {
        let corpus = lunwen_core::corpus::Corpus::bundled();
        let n = corpus.papers.len();
        let mut a = App::new(
            corpus.papers,
            &Config::defaults(),
            &State::default(),
            120,
            40,
        );
        press(&mut a, "1 g g");
        for i in 0..n {
            assert_eq!(a.current, i);
            press(&mut a, "enter pgdn pgdn");
            assert!(a.top() > 0, "paper {i} does not scroll");
            press(&mut a, "1 j");
        }
        let saved = a.saved_state();
        assert_eq!(saved.papers.len(), n);
    }
}
