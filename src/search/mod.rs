//! Fuzzy search across the corpus, with pinyin.
//!
//! [`SearchIndex::build`] cuts every paper into [`Unit`]s (sentences, headings, titles,
//! authors); [`SearchIndex::search`] ranks the units matching a query; [`Searcher`] runs
//! searches on a worker thread for the TUI, cancelling a search as soon as a newer query comes.

pub mod fold;
mod index;
pub mod matcher;
pub mod pinyin;
pub mod report;
pub mod scaled;
pub mod units;
mod worker;

pub use index::{Cancel, Found, Hit, Scope, SearchIndex};
pub use units::{Source, Unit, UnitKind};
pub use worker::{SearchResults, Searcher};
