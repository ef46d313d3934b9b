//! Fuzzy search across the corpus, with pinyin.
//!
//! [`SearchIndex::build`] cuts every paper into [`Unit`]s (sentences, headings, titles,
//! authors); [`SearchIndex::search`] ranks the units matching a query; [`Searcher`] runs
//! searches on a worker thread for the TUI, cancelling a search as soon as a newer query comes.
//!
//! A [`Hit`] names a unit; the unit says where it sits (`paper`, `source`, char `range` in the
//! source text, `section`), and the hit's `positions` are char indices into the unit's `text`,
//! so in a block the matched chars are at `unit.range.start + p`.
//!
//! ```
//! use lunwen::corpus::{Block, BlockKind, Paper};
//! use lunwen::search::{Cancel, Scope, SearchIndex, Source};
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
//! assert_eq!(unit.source, Source::Block(0));
//! assert_eq!(unit.text, "发展新质生产力。");
//! assert_eq!(unit.range, 3..11);
//! assert_eq!(hit.positions, vec![2, 3, 4, 5, 6]);
//! ```

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
