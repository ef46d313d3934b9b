//! The effective keymap: which key sequence runs which action in each context.
//!
//! Lookup rule: the bindings of the focused context are looked up first, then `global`. A
//! context may deliberately shadow a global key (the `popup` context's `q` closes the popup
//! instead of quitting). In the `search` context a plain character (no ctrl or alt) is typed into
//! the query, so it is never looked up in `global` and cannot be bound there.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::ConfigError;
use super::keys::{KeyPress, sequence_to_string};
use crate::action::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Library,
    Outline,
    Reader,
    Search,
    Popup,
}

impl Context {
    pub const ALL: &'static [Context] = &[
        Context::Global,
        Context::Library,
        Context::Outline,
        Context::Reader,
        Context::Search,
        Context::Popup,
    ];

    /// The name of its `[keymap.<name>]` table.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Library => "library",
            Context::Outline => "outline",
            Context::Reader => "reader",
            Context::Search => "search",
            Context::Popup => "popup",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.iter().copied().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Action(Action),
    /// The keys so far begin a longer sequence: wait for the next key.
    Pending,
    Unbound,
}

/// Where a binding was written, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub user: bool,
}

#[derive(Debug, Clone)]
struct Binding {
    action: Action,
    keys: Vec<Vec<KeyPress>>,
    overridden: bool,
}

#[derive(Debug, Clone, Default)]
struct ContextMap {
    /// In `Action::ALL` order.
    bindings: Vec<Binding>,
    exact: HashMap<Vec<KeyPress>, Action>,
    prefixes: HashSet<Vec<KeyPress>>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    contexts: Vec<ContextMap>,
}

impl Keymap {
    /// What `keys` (the presses since the last resolved action) do in `ctx`.
    pub fn resolve(&self, ctx: Context, keys: &[KeyPress]) -> Resolved {
        if keys.is_empty() {
            return Resolved::Unbound;
        }
        let keys: Vec<KeyPress> = keys.iter().map(|k| k.normalized()).collect();
        let own = self.lookup(ctx, &keys);
        if own != Resolved::Unbound || ctx == Context::Global {
            return own;
        }
        if ctx == Context::Search && keys[0].is_plain_char() {
            return Resolved::Unbound;
        }
        self.lookup(Context::Global, &keys)
    }

    fn lookup(&self, ctx: Context, keys: &[KeyPress]) -> Resolved {
        let map = &self.contexts[ctx.index()];
        if let Some(&a) = map.exact.get(keys) {
            Resolved::Action(a)
        } else if map.prefixes.contains(keys) {
            Resolved::Pending
        } else {
            Resolved::Unbound
        }
    }

    /// Display strings of the keys bound to `action` in `ctx` (falling back to global), e.g.
    /// ["j", "down"]. Global keys shadowed by the context are left out: they would not work.
    pub fn keys_for(&self, ctx: Context, action: Action) -> Vec<String> {
        let mut out = Vec::new();
        let mut push_working = |from: Context| {
            let Some(b) = self.contexts[from.index()]
                .bindings
                .iter()
                .find(|b| b.action == action)
            else {
                return;
            };
            for seq in &b.keys {
                let shown = sequence_to_string(seq);
                if self.resolve(ctx, seq) == Resolved::Action(action) && !out.contains(&shown) {
                    out.push(shown);
                }
            }
        };
        push_working(ctx);
        if ctx != Context::Global {
            push_working(Context::Global);
        }
        out
    }

    /// The first key of `action` in `ctx`, for one-key hints such as "? help".
    pub fn hint(&self, ctx: Context, action: Action) -> Option<String> {
        self.keys_for(ctx, action).into_iter().next()
    }

    /// Every action that some key runs in `ctx` (its own bindings or global ones it does not
    /// shadow), with those keys, in Action::ALL order: the rows of the help overlay.
    pub fn effective(&self, ctx: Context) -> Vec<(Action, Vec<String>)> {
        Action::ALL
            .iter()
            .map(|&a| (a, self.keys_for(ctx, a)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }

    /// (action, key strings, overridden by the user) for one context, in Action::ALL order.
    /// Actions the user unbound are listed with no keys.
    pub fn bindings(&self, ctx: Context) -> Vec<(Action, Vec<String>, bool)> {
        self.contexts[ctx.index()]
            .bindings
            .iter()
            .map(|b| {
                let keys = b.keys.iter().map(|k| sequence_to_string(k)).collect();
                (b.action, keys, b.overridden)
            })
            .collect()
    }
}

/// Collects bindings layer by layer (defaults, then the user file) and checks the result.
#[derive(Debug, Default)]
pub(crate) struct KeymapBuilder {
    entries: HashMap<(Context, Action), Entry>,
}

#[derive(Debug)]
struct Entry {
    keys: Vec<(Vec<KeyPress>, Origin)>,
    overridden: bool,
}

impl KeymapBuilder {
    /// Sets the keys of `action` in `ctx`, replacing whatever an earlier layer gave it; an
    /// empty list unbinds it.
    pub fn set(
        &mut self,
        ctx: Context,
        action: Action,
        keys: Vec<(Vec<KeyPress>, Origin)>,
        user: bool,
    ) {
        self.entries.insert(
            (ctx, action),
            Entry {
                keys,
                overridden: user,
            },
        );
    }

    /// The keymap, or the first problem in file order: a key bound twice in one context, or a
    /// key that is both a binding and the start of a longer sequence.
    pub fn build(self) -> Result<Keymap, ConfigError> {
        let mut contexts = vec![ContextMap::default(); Context::ALL.len()];
        let mut errors = Vec::new();
        for &ctx in Context::ALL {
            let map = &mut contexts[ctx.index()];
            let mut owner: HashMap<&[KeyPress], (Action, &Origin)> = HashMap::new();
            for &action in Action::ALL {
                let Some(entry) = self.entries.get(&(ctx, action)) else {
                    continue;
                };
                for (seq, origin) in &entry.keys {
                    if ctx == Context::Search && seq[0].is_plain_char() {
                        errors.push(ConfigError::at(
                            origin,
                            format!(
                                "'{}' for '{}' in [keymap.search]: plain characters are typed \
                                 into the search query; use a named key or ctrl-/alt-",
                                sequence_to_string(seq),
                                action.name()
                            ),
                        ));
                        continue;
                    }
                    if let Some(&(other, other_origin)) = owner.get(seq.as_slice()) {
                        errors.push(twice_error(
                            ctx,
                            seq,
                            (action, origin),
                            (other, other_origin),
                            &self.entries,
                        ));
                        continue;
                    }
                    owner.insert(seq, (action, origin));
                    map.exact.insert(seq.clone(), action);
                }
                map.bindings.push(Binding {
                    action,
                    keys: entry.keys.iter().map(|(k, _)| k.clone()).collect(),
                    overridden: entry.overridden,
                });
            }
            for seq in owner.keys() {
                for len in 1..seq.len() {
                    map.prefixes.insert(seq[..len].to_vec());
                }
            }
            for (seq, &(action, origin)) in &owner {
                for (longer, &(other, other_origin)) in &owner {
                    if longer.len() > seq.len() && longer.starts_with(seq) {
                        let (at, not_at) = blame(origin, other_origin);
                        let mut message = format!(
                            "'{}' ({}) in [keymap.{}] is also the first key of '{}' ({}); \
                             a key cannot both run an action and start a sequence",
                            sequence_to_string(seq),
                            action.name(),
                            ctx.name(),
                            sequence_to_string(longer),
                            other.name()
                        );
                        if at.user && !not_at.user {
                            let theirs = if std::ptr::eq(at, origin) {
                                other
                            } else {
                                action
                            };
                            message.push_str(&free_hint(&self.entries, ctx, theirs, seq));
                        }
                        errors.push(ConfigError::at(at, message));
                    }
                }
            }
        }
        match errors.into_iter().min_by_key(ConfigError::sort_key) {
            Some(e) => Err(e),
            None => Ok(Keymap { contexts }),
        }
    }
}

/// The origin to report: the user's line over a default's, else the later line.
fn blame<'a>(a: &'a Origin, b: &'a Origin) -> (&'a Origin, &'a Origin) {
    match (a.user, b.user) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ if a.line >= b.line => (a, b),
        _ => (b, a),
    }
}

fn twice_error(
    ctx: Context,
    seq: &[KeyPress],
    (action, origin): (Action, &Origin),
    (other, other_origin): (Action, &Origin),
    entries: &HashMap<(Context, Action), Entry>,
) -> ConfigError {
    let key = sequence_to_string(seq);
    let table = format!("[keymap.{}]", ctx.name());
    if action == other {
        return ConfigError::at(
            origin,
            format!("'{key}' is listed twice for '{}' in {table}", action.name()),
        );
    }
    let (at, not_at) = blame(origin, other_origin);
    let (mine, theirs) = if std::ptr::eq(at, origin) {
        (action, other)
    } else {
        (other, action)
    };
    if at.user && !not_at.user {
        return ConfigError::at(
            at,
            format!(
                "'{key}' for '{}' in {table} is already bound to '{}' by the default config{}",
                mine.name(),
                theirs.name(),
                free_hint(entries, ctx, theirs, seq)
            ),
        );
    }
    ConfigError::at(
        at,
        format!(
            "'{key}' is bound to both '{}' and '{}' in {table}",
            theirs.name(),
            mine.name()
        ),
    )
}

/// How to free `seq` from a default binding of `theirs`: "; rebind that too, e.g. top = [...]"
/// listing its other keys.
fn free_hint(
    entries: &HashMap<(Context, Action), Entry>,
    ctx: Context,
    theirs: Action,
    seq: &[KeyPress],
) -> String {
    let rest: Vec<String> = entries
        .get(&(ctx, theirs))
        .map(|e| {
            e.keys
                .iter()
                .filter(|(k, _)| !k.starts_with(seq) && !seq.starts_with(k))
                .map(|(k, _)| format!("\"{}\"", sequence_to_string(k)))
                .collect()
        })
        .unwrap_or_default();
    format!(
        "; rebind that too, e.g. {} = [{}] in [keymap.{}]",
        theirs.name(),
        rest.join(", "),
        ctx.name()
    )
}
