//! Places in a paper as the reader shows it: [`Position`] in one reading view (item, char offset,
//! tied line), [`Anchor`] the same place named by the text, for anything kept beyond the view
//! (saved reading positions).

use serde::{Deserialize, Serialize};

use crate::corpus::Location;

/// A place in the reading view, independent of the width it is wrapped at: the item and how far
/// into its text the line starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub item: usize,
    /// Characters of the item above the top line.
    #[serde(default)]
    pub offset: usize,
    /// Lines further down among those starting at the same character (blank lines and table
    /// borders hold none); almost always 0.
    #[serde(default)]
    pub line: usize,
}

/// A place in a paper named by its text, valid in any reading view at any width: the char
/// `offset` of the text at `at`, and `line` display lines further among those starting there
/// (see [`Position`]). What the reading positions are saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub at: Location,
    #[serde(default)]
    pub offset: usize,
    #[serde(default)]
    pub line: usize,
}
