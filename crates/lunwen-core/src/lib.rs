//! lunwen's core, with no terminal in it: the paper model and the parser that rebuilds it from
//! raw text (`corpus`, citations included), fuzzy search with pinyin (`search`), and the reading
//! view (`view`: a paper laid out as items, wrapped at a width, and where each char went).
//!
//! Layers, each using only those before it: `corpus` → `search` → `view`.
//!
//! Features: `testing` adds the `testing` module (hand-built papers for the tests of this crate
//! and of the app); `bench` adds `search::scaled` (a corpus scaled up for benchmarks).

pub mod corpus;
pub mod search;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod view;
