//! Multi-key sequences (`g g`): the keys typed so far, and what one more makes of them. The
//! reader and `lunwen pick` run their keys through one of these, so a sequence works, and
//! breaks, the same in both.

use crate::action::Action;
use crate::config::{Context, KeyPress, Keymap, Resolved};

/// The keys of an unfinished sequence (`g` of `g g`).
#[derive(Debug, Default)]
pub(crate) struct Sequence {
    keys: Vec<KeyPress>,
}

/// What a key press came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    Action(Action),
    /// The keys so far begin a sequence: the next key decides.
    Pending,
    /// Nothing is bound to them; `retry`: the key broke a sequence, and is to be tried again
    /// on its own (`g` then `j` is `j`).
    Unbound {
        retry: bool,
    },
}

impl Sequence {
    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub(crate) fn keys(&self) -> &[KeyPress] {
        &self.keys
    }

    /// Adds `key` and looks the keys up in `keymap`'s `ctx`; the sequence is done unless
    /// [`Next::Pending`].
    pub(crate) fn push(&mut self, keymap: &Keymap, ctx: Context, key: KeyPress) -> Next {
        self.keys.push(key);
        match keymap.resolve(ctx, &self.keys) {
            Resolved::Action(a) => {
                self.keys.clear();
                Next::Action(a)
            }
            Resolved::Pending => Next::Pending,
            Resolved::Unbound => {
                let retry = self.keys.len() > 1;
                self.keys.clear();
                Next::Unbound { retry }
            }
        }
    }
}
