//! Whole-file behaviour: the shipped defaults, merging a user file, and every error message.

use super::*;
use crate::action::Action;
use rstest::rstest;

#[test]
fn defaults_parse() {
    let c = Config::defaults();
    assert_eq!(c.source, None);
    assert_eq!(
        c.keymap.resolve(Context::Global, &[key("q")]),
        Resolved::Action(Action::Quit)
    );
}

fn key(s: &str) -> KeyPress {
    s.parse().unwrap()
}
