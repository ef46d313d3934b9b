//! Fuzzy search across the corpus, with pinyin.
//!
//! [`SearchIndex::build`] cuts every paper into [`Unit`]s (sentences, headings, titles,
//! authors); [`SearchIndex::search`] ranks the units matching a query; [`Searcher`] runs
//! searches on a worker thread for the TUI, cancelling a search as soon as a newer query comes.
//!
//! A [`Hit`] names a unit; the unit says where it sits (`paper`, `source`: the
//! [`Location`](crate::corpus::Location) of its text, char `range` in that text, `section`),
//! and the hit's `positions` are char indices into the unit's `text`, so in a block the matched
//! chars are at `unit.range.start + p`.
//!
//! ```
//! use lunwen_core::corpus::{Block, BlockKind, Location, Paper};
//! use lunwen_core::search::{Cancel, Scope, SearchIndex};
//!
//! let paper = Paper {
//!     id: "p".into(),
//!     blocks: vec![Block {
//!         kind: BlockKind::Paragraph,
//!         section: None,
//!         text: "引言。发展新质生产力。".into(),
//!         markers: vec![],
//!         pages: vec![],
//!     }],
//!     ..Paper::default()
//! };
//! let index = SearchIndex::build(&[paper]);
//! let found = index.search("xzscl", Scope::All, 10, &Cancel::never()).unwrap();
//! let hit = &found.hits[0];
//! let unit = &index.units()[hit.unit];
//! assert_eq!(unit.source, Location::Block(0));
//! assert_eq!(unit.text, "发展新质生产力。");
//! assert_eq!(unit.range, 3..11);
//! assert_eq!(hit.positions, vec![2, 3, 4, 5, 6]);
//! ```

pub mod fold;
mod hits;
mod index;
pub mod matcher;
pub mod pinyin;
/// Corpus scaling for benchmarks (feature `bench`).
#[cfg(feature = "bench")]
pub mod scaled;
pub mod units;
mod worker;

pub use hits::{Place, hit_sentence, place};
pub use index::{Cancel, Found, Hit, Scope, SearchIndex};
pub use units::{Unit, UnitKind};
pub use worker::{SearchResults, Searcher};
