//! The reading view: what the reader shows of a paper and where. [`Doc`] lays the paper out as
//! items in reading order with the section tree over them; [`Layout`] wraps it at one width;
//! [`placement`] says where each char of an item went. Pure data: the app scrolls it, the UI
//! draws it.

pub mod doc;
pub mod placement;
pub mod position;
pub mod v1_positions;
pub mod wrap;

pub use doc::{Doc, Item, ItemKind, Node};
pub use position::{Anchor, Position};
pub use wrap::{Layout, Line, Seg, SegKind};
