//! Everything a user can ask the TUI to do. Keys map to these in `config/default.toml`; the
//! doc line of each variant is its text in the help overlay, so keep it short and plain.

macro_rules! actions {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, )*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $( $(#[doc = $doc])+ $variant, )*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            /// The name used in the config file.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One line for the help overlay.
            pub fn help(self) -> &'static str {
                match self { $(Action::$variant => concat!($($doc),+).trim(),)* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    /// Quit lunwen
    Quit = "quit",
    /// Show or hide this help
    Help = "help",
    /// Show the paper's facts and where each came from
    Info = "info",
    /// Focus the next pane
    FocusNext = "focus_next",
    /// Focus the previous pane
    FocusPrev = "focus_prev",
    /// Focus the paper list
    FocusLibrary = "focus_library",
    /// Focus the section tree
    FocusOutline = "focus_outline",
    /// Focus the reading pane
    FocusReader = "focus_reader",
    /// Move down one line or item
    Down = "down",
    /// Move up one line or item
    Up = "up",
    /// Scroll down half a page
    HalfPageDown = "half_page_down",
    /// Scroll up half a page
    HalfPageUp = "half_page_up",
    /// Scroll down a page
    PageDown = "page_down",
    /// Scroll up a page
    PageUp = "page_up",
    /// Go to the top
    Top = "top",
    /// Go to the bottom
    Bottom = "bottom",
    /// Open the selected paper or section
    Open = "open",
    /// Fold or unfold the selected section
    ToggleFold = "toggle_fold",
    /// Fold the selected section (or go to its parent)
    Fold = "fold",
    /// Unfold the selected section (or go to its first child)
    Unfold = "unfold",
    /// Fold every section
    FoldAll = "fold_all",
    /// Unfold every section
    UnfoldAll = "unfold_all",
    /// Select the next note marker on screen
    NextMarker = "next_marker",
    /// Select the previous note marker on screen
    PrevMarker = "prev_marker",
    /// Show the note or reference of the selected marker
    ShowNote = "show_note",
    /// Go to the next sentence
    NextSentence = "next_sentence",
    /// Go to the previous sentence
    PrevSentence = "prev_sentence",
    /// Start or stop selecting a range of sentences
    VisualMode = "visual_mode",
    /// Copy the current sentence (or selection) with its citation
    Copy = "copy",
    /// Copy the current paragraph with its citation
    CopyParagraph = "copy_paragraph",
    /// Copy the citation of the current paper alone
    CopyCitation = "copy_citation",
    /// Switch to the next citation style
    CycleStyle = "cycle_style",
    /// Search the corpus
    Search = "search",
    /// Go to the next search hit
    SearchNext = "search_next",
    /// Go to the previous search hit
    SearchPrev = "search_prev",
    /// Search this paper only / the whole corpus
    ToggleScope = "toggle_scope",
    /// Quote one more sentence after the hit
    ExtendSelection = "extend_selection",
    /// Quote one sentence less
    ShrinkSelection = "shrink_selection",
    /// Confirm: jump to the selected hit
    Confirm = "confirm",
    /// Close the popup or cancel
    Cancel = "cancel",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_every_action_has_help() {
        for &a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
            assert!(!a.help().is_empty(), "{a:?} has no help text");
            assert!(!a.help().starts_with(' '));
        }
        assert_eq!(Action::from_name("no_such_action"), None);
    }
}
