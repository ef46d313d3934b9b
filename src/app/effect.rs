//! What the app asks of the world. The app only changes its own state; whatever touches the world
//! (the clipboard, files, threads, the clock) comes back from it as an [`Effect`] for the event
//! loop to carry out, so the app can be driven and checked without a terminal.

use lunwen_core::search::Scope;

use crate::copy::CopyRequest;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put a quotation or a citation on the clipboard (a quotation goes in the quote log too,
    /// stamped with the time it is copied), then say in the status bar what happened.
    Copy(CopyRequest),
    /// Search `query` over `scope` on the search worker; the results come back as
    /// [`super::Event::SearchResults`]. A newer search supersedes this one.
    Search { query: String, scope: Scope },
    /// What the state file holds (the open paper, a reading position) changed: save it. The loop
    /// decides when (today: once input has paused), so a burst of scrolling writes once.
    Save,
}
