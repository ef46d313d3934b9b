//! The reading view: what the reader shows of a paper and where. [`Doc`] lays the paper out as
//! items in reading order with the section tree over them; [`Layout`] wraps it at one width;
//! [`placement`] says where each char of an item went. Pure data: the app scrolls it, the UI
//! draws it.

pub mod doc;
pub mod legacy;
pub mod placement;
pub mod wrap;

pub use doc::{Anchor, Doc, Item, ItemKind, Node};
pub use wrap::{Layout, Line, Position, Seg, SegKind};
