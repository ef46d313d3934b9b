//! What can happen to the app: input from the terminal and answers from the threads that work
//! for it. The event loop gets them all from one channel and hands each to [`super::App::handle`].

use std::sync::Arc;

use lunwen_core::search::{SearchIndex, SearchResults};

use crate::config::KeyPress;

#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyPress),
    /// Text pasted into the terminal, whole (bracketed paste).
    Paste(String),
    /// A left click at a cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a cell.
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// The terminal's new size.
    Resize {
        width: u16,
        height: u16,
    },
    /// The search index over the corpus, built off the UI thread.
    IndexReady(Arc<SearchIndex>),
    /// The search worker's answer to an [`super::Effect::Search`].
    SearchResults(SearchResults),
    /// The terminal input has ended (the terminal went away, or reading it failed, with why):
    /// the app quits, and its state is saved.
    InputClosed(Option<String>),
}
