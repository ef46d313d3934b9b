//! `lunwen pick`: the search box alone, for quoting while writing. The same [`SearchState`] as
//! the reader's `/` (so the query line edits, the hits rank and `tab` extends the quote the same
//! way), keys from the same `[keymap.search]`; but `enter` ends the picker with the quotation of
//! the selected hit instead of jumping to it, and `esc` ends it with nothing.
//!
//! Like [`super::App`], the picker does no I/O: searches go out as [`Effect::Search`], and what
//! was picked is [`Picker::done`], for the caller to print, copy and log.

use ratatui::layout::Rect;

use super::passage::sentences_label;
use super::search::{Confirm, SearchState};
use super::sequence::{Next, Sequence};
use super::{Effect, Event};
use crate::action::Action;
use crate::config::{Config, Context, KeyPress, Keymap, Theme};
use crate::copy::{CopyRequest, Excerpt, Quoting, quote_request};
use lunwen_core::corpus::Paper;
use lunwen_core::corpus::citation::{Citer, Style};
use lunwen_core::corpus::punctuation::Punctuation;
use lunwen_core::search::Scope;

/// How the picker ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `enter` on a hit: its quotation, filled into the quote template.
    Picked(Box<CopyRequest>),
    /// `esc` (or the terminal went away, and why).
    Cancelled(Option<String>),
}

/// Where the parts of the picker go in its area, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PickLayout {
    pub input: Rect,
    pub list: Rect,
    /// The rule over the preview, naming the hit's paper; empty when there is no room.
    pub rule: Rect,
    pub preview: Rect,
    /// Keys, the citation style, messages.
    pub footer: Rect,
}

/// The picker's parts in `area`: the query line, the hits, a preview when there are at least
/// 10 rows (a little over a third of them), and the footer.
pub fn layout(area: Rect) -> PickLayout {
    let row = |y: u16, h: u16| Rect::new(area.x, y, area.width, h);
    let input = row(area.y, area.height.min(1));
    let footer_h = u16::from(area.height >= 3);
    let (list_h, rule_h, preview_h) =
        super::panes::search_rows(area.height.saturating_sub(1 + footer_h));
    let list = row(input.bottom(), list_h);
    let rule = row(list.bottom(), rule_h);
    let preview = row(rule.bottom(), preview_h);
    let footer = row(preview.bottom(), footer_h);
    PickLayout {
        input,
        list,
        rule,
        preview,
        footer,
    }
}

pub struct Picker {
    pub papers: Vec<Paper>,
    pub search: SearchState,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The area the picker is drawn in (the inline viewport), for paging through the hits.
    pub size: Rect,
    /// One-line message for the footer; cleared by the next key.
    pub status: Option<String>,
    /// Set once the picker is done; the caller stops then.
    pub done: Option<Outcome>,
    /// The keys help lists instead of the preview, while shown.
    pub help: bool,
    /// The paper searched alone while the scope is one paper: `--paper`'s, or the selected
    /// hit's when the scope was narrowed to it.
    scope_paper: usize,
    style: Style,
    citer: Citer,
    template: String,
    punctuation: Punctuation,
    pending: Sequence,
}

impl Picker {
    /// A picker over `papers` drawn in `size`, searching `paper` alone when given, with the
    /// query `query` typed already; and the search that query asks for.
    pub fn new(
        papers: Vec<Paper>,
        config: &Config,
        paper: Option<usize>,
        query: &str,
        size: Rect,
    ) -> (Picker, Vec<Effect>) {
        let citer = Citer::new(&papers, config.settings.citation);
        let mut picker = Picker {
            papers,
            search: SearchState::default(),
            keymap: config.keymap.clone(),
            theme: config.settings.theme.clone(),
            size,
            status: None,
            done: None,
            help: false,
            scope_paper: paper.unwrap_or(0),
            style: config.settings.citation_style,
            citer,
            template: config.settings.quote_template.clone(),
            punctuation: config.settings.quote_punctuation,
            pending: Sequence::default(),
        };
        picker.search.this_paper = paper.is_some();
        // Joined as the command line's words are, so `lunwen pick xin zhi` searches both.
        picker.search.query = query.split_whitespace().collect::<Vec<_>>().join(" ");
        picker.search.cursor = picker.search.query.chars().count();
        let mut fx = Vec::new();
        let scope = picker.scope();
        picker.search.want(scope, &mut fx);
        (picker, fx)
    }

    /// The citation style the quotation is written in.
    pub fn style(&self) -> Style {
        self.style
    }

    pub fn scope(&self) -> Scope {
        self.search.scope(self.scope_paper)
    }

    /// The paper searched alone, while the scope is one paper.
    pub fn scope_paper(&self) -> Option<&Paper> {
        if self.search.this_paper {
            self.papers.get(self.scope_paper)
        } else {
            None
        }
    }

    /// The picker is drawn in `area` from now on; the selected hit stays in view.
    pub fn resize(&mut self, area: Rect) {
        self.size = area;
        let rows = self.rows();
        self.search.offset = self.search.list_offset(rows);
    }

    /// Rows of the hit list.
    fn rows(&self) -> usize {
        usize::from(layout(self.size).list.height)
    }

    /// Whatever happened, in the order it happened: the event loop's one way in.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        let mut fx = Vec::new();
        match event {
            Event::Key(key) => self.key(key, &mut fx),
            Event::Paste(text) => {
                let scope = self.scope();
                self.search.paste(&text, scope, &mut fx);
            }
            // The picker leaves the mouse to the terminal (its text selection), so these come
            // only from a terminal that reports the mouse unasked: nothing to do with them.
            Event::Click { .. } | Event::Wheel { .. } => {}
            Event::Resize { width, height } => {
                self.resize(Rect::new(self.size.x, self.size.y, width, height));
            }
            Event::IndexReady(index) => self.search.index = Some(index),
            Event::SearchResults(results) => {
                if self.search.receive(results) {
                    self.confirm();
                }
            }
            Event::InputClosed(why) => self.done = Some(Outcome::Cancelled(why)),
        }
        fx
    }

    /// One key press: typed into the query when the search keys leave it free, else through the
    /// keymap (a key that breaks a pending sequence is tried again on its own).
    fn key(&mut self, key: KeyPress, fx: &mut Vec<Effect>) {
        self.status = None;
        let scope = self.scope();
        if self.pending.is_empty() && self.search.edit(key, &self.keymap, scope, fx) {
            return;
        }
        match self.pending.push(&self.keymap, Context::Search, key) {
            Next::Action(a) => self.update(a, fx),
            Next::Pending | Next::Unbound { retry: false } => {}
            Next::Unbound { retry: true } => self.key(key, fx),
        }
    }

    pub fn update(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let rows = self.rows();
        if self.search.move_selection(action, rows) {
            return;
        }
        match action {
            Action::ToggleScope => self.toggle_scope(fx),
            Action::ExtendSelection | Action::ShrinkSelection => {
                self.status = self
                    .search
                    .extend(&self.papers, action == Action::ExtendSelection);
            }
            Action::CycleStyle => {
                self.style = self.style.next();
                self.status = Some(format!("citation style: {}", self.style.label()));
            }
            Action::Confirm => self.confirm(),
            Action::Cancel | Action::Quit => self.done = Some(Outcome::Cancelled(None)),
            Action::Help => self.help = !self.help,
            // Reader actions: a user's keymap may put one in [keymap.search], where the
            // picker, having no reader, has nothing for it to do.
            _ => {}
        }
    }

    /// All papers, or the selected hit's paper alone (`--paper`'s while there is no hit).
    fn toggle_scope(&mut self, fx: &mut Vec<Effect>) {
        if !self.search.this_paper
            && let Some((_, unit)) = self.search.selected_hit()
        {
            self.scope_paper = unit.paper;
        }
        self.search.this_paper = !self.search.this_paper;
        let scope = self.scope();
        self.search.want(scope, fx);
        self.status = Some(match self.scope_paper() {
            Some(p) => format!("searching {} alone", p.display_title()),
            None => format!("searching all {} papers", self.papers.len()),
        });
    }

    fn confirm(&mut self) {
        match self.search.confirm() {
            Confirm::Hit(..) => match self.quotation() {
                Some(req) => self.done = Some(Outcome::Picked(Box::new(req))),
                None => self.status = Some("the hit is out of step with the corpus".into()),
            },
            Confirm::NoHits(query) => self.status = Some(format!("No hits for “{query}”")),
            // Picked as soon as the results come (see `handle`).
            Confirm::Later => {}
            Confirm::Blank => self.status = Some("type what to quote first".into()),
        }
    }

    /// The quotation of the selected hit as `enter` would write it: what it quotes (its
    /// sentence and those `tab` added) with the citation, through the quote template.
    pub fn quotation(&self) -> Option<CopyRequest> {
        let passage = self.search.passage(&self.papers)?;
        let (_, unit) = self.search.selected_hit()?;
        let paper = self.papers.get(unit.paper)?;
        let quoting = Quoting {
            citer: &self.citer,
            style: self.style,
            template: &self.template,
            punctuation: self.punctuation,
        };
        let text = passage.text();
        let what = sentences_label(passage.sentences);
        Some(quote_request(
            &quoting,
            &Excerpt {
                paper,
                block: passage.block(),
                page: passage.page(paper),
                text: &text,
                what: &what,
            },
        ))
    }
}

#[cfg(test)]
pub(crate) mod tests;
