//! Key presses as the config file writes them, independent of any terminal library: the TUI
//! converts its key events into [`KeyPress`] and looks them up in the keymap.
//!
//! Accepted spellings: `j`, `G`, `?`, `ctrl-d`, `alt-enter`, `shift-tab`, `f5`, `space`, `esc`,
//! `pgdn`, and vim's `<C-d>`, `<CR>`, `<S-Tab>`, `<lt>`. Modifiers and key names ignore case;
//! single characters do not (`g` and `G` differ).

use std::fmt;
use std::str::FromStr;

use super::suggest::did_you_mean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyPress {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// Names of the non-character keys: (canonical name, other accepted spellings).
const NAMED: &[(KeyCode, &str, &[&str])] = &[
    (KeyCode::Enter, "enter", &["return", "cr"]),
    (KeyCode::Esc, "esc", &["escape"]),
    (KeyCode::Tab, "tab", &[]),
    (KeyCode::Backspace, "backspace", &["bs"]),
    (KeyCode::Delete, "delete", &["del"]),
    (KeyCode::Insert, "insert", &["ins"]),
    (KeyCode::Up, "up", &[]),
    (KeyCode::Down, "down", &[]),
    (KeyCode::Left, "left", &[]),
    (KeyCode::Right, "right", &[]),
    (KeyCode::Home, "home", &[]),
    (KeyCode::End, "end", &[]),
    (KeyCode::PageUp, "pgup", &["pageup"]),
    (KeyCode::PageDown, "pgdn", &["pagedown", "pgdown"]),
];

/// Characters that are awkward to write alone, by name (vim's `<lt>`, `<Bar>`, ...).
const CHAR_NAMES: &[(char, &str, &[&str])] = &[
    (' ', "space", &["spc"]),
    ('<', "lt", &[]),
    ('|', "bar", &[]),
    ('\\', "bslash", &["backslash"]),
];

const HIGHEST_F: u8 = 24;

impl KeyPress {
    pub const fn new(code: KeyCode) -> KeyPress {
        KeyPress {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Canonical form used for lookup: for Char keys shift is folded into the char ('G', not
    /// shift-g), `shift-tab` == BackTab, space is Char(' '). Terminals cannot tell ctrl-d from
    /// ctrl-shift-d, so ctrl letters are always lower case.
    pub fn normalized(self) -> KeyPress {
        let mut k = self;
        match k.code {
            KeyCode::Char(c) if k.ctrl && c.is_ascii_alphabetic() => {
                k.code = KeyCode::Char(c.to_ascii_lowercase());
                k.shift = false;
            }
            KeyCode::Char(c) => {
                if k.shift {
                    k.code = KeyCode::Char(upper(c));
                }
                k.shift = false;
            }
            KeyCode::Tab if k.shift => {
                k.code = KeyCode::BackTab;
                k.shift = false;
            }
            KeyCode::BackTab => k.shift = false,
            _ => {}
        }
        k
    }

    /// A character typed without ctrl or alt: text input in the search box, never a global key
    /// there.
    pub fn is_plain_char(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }
}

fn upper(c: char) -> char {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let k = self.normalized();
        if k.ctrl {
            f.write_str("ctrl-")?;
        }
        if k.alt {
            f.write_str("alt-")?;
        }
        if k.shift {
            f.write_str("shift-")?;
        }
        match k.code {
            KeyCode::Char(c) => match CHAR_NAMES.iter().find(|(ch, _, _)| *ch == c) {
                // `<` and friends read fine alone; only space needs its name.
                Some((' ', name, _)) => f.write_str(name),
                _ => write!(f, "{c}"),
            },
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => match NAMED.iter().find(|(c, _, _)| *c == code) {
                Some((_, name, _)) => f.write_str(name),
                None => write!(f, "{code:?}"),
            },
        }
    }
}

impl FromStr for KeyPress {
    type Err = String;

    fn from_str(s: &str) -> Result<KeyPress, String> {
        if s.is_empty() {
            return Err("empty key".into());
        }
        if s.len() > 2 && s.starts_with('<') && s.ends_with('>') {
            return parse_vim(s);
        }
        let mut rest = s;
        // The code is filled in once the modifiers are peeled off.
        let mut key = KeyPress::new(KeyCode::Char(' '));
        // Peel `mod-` prefixes; a trailing `-` after a modifier is the minus key itself.
        while let Some((head, tail)) = rest.split_once('-') {
            if head.is_empty() || tail.is_empty() {
                break;
            }
            match head.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => key.ctrl = true,
                "alt" | "meta" => key.alt = true,
                "shift" => key.shift = true,
                other => {
                    let hint = did_you_mean(other, &["ctrl", "alt", "shift"])
                        .map(|m| format!("did you mean '{m}-'? "))
                        .unwrap_or_default();
                    return Err(format!(
                        "unknown modifier '{head}-' in '{s}' ({hint}use ctrl-, alt- or shift-)"
                    ));
                }
            }
            rest = tail;
        }
        key.code = parse_code(rest).map_err(|why| {
            if rest == s {
                why
            } else {
                format!("{why} in '{s}'")
            }
        })?;
        finish(key, s)
    }
}

/// `<C-d>`, `<A-CR>`, `<S-Tab>`, `<Space>`, `<lt>`: vim's key notation.
fn parse_vim(s: &str) -> Result<KeyPress, String> {
    let inner = &s[1..s.len() - 1];
    let mut key = KeyPress::new(KeyCode::Char(' '));
    let mut rest = inner;
    while rest.len() > 2 && rest.as_bytes()[1] == b'-' {
        match rest.as_bytes()[0].to_ascii_lowercase() {
            b'c' => key.ctrl = true,
            b'a' | b'm' => key.alt = true,
            b's' => key.shift = true,
            _ => {
                return Err(format!(
                    "unknown modifier '{}-' in '{s}' (use C-, A-, M- or S-)",
                    &rest[..1]
                ));
            }
        }
        rest = &rest[2..];
    }
    key.code = parse_code(rest).map_err(|why| format!("{why} in '{s}'"))?;
    finish(key, s)
}

fn parse_code(name: &str) -> Result<KeyCode, String> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_control() {
            return Err(format!(
                "control character U+{:04X} is not a key name",
                c as u32
            ));
        }
        return Ok(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    for (code, canonical, aliases) in NAMED {
        if lower == *canonical || aliases.contains(&lower.as_str()) {
            return Ok(*code);
        }
    }
    for (c, canonical, aliases) in CHAR_NAMES {
        if lower == *canonical || aliases.contains(&lower.as_str()) {
            return Ok(KeyCode::Char(*c));
        }
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|d| d.parse::<u8>().ok()) {
        if (1..=HIGHEST_F).contains(&n) {
            return Ok(KeyCode::F(n));
        }
        return Err(format!("no function key '{name}' (f1 to f{HIGHEST_F})"));
    }
    let known: Vec<&str> = NAMED
        .iter()
        .map(|(_, n, _)| *n)
        .chain(CHAR_NAMES.iter().map(|(_, n, _)| *n))
        .collect();
    let hint = match did_you_mean(&lower, &known) {
        Some(m) => format!("did you mean '{m}'?"),
        None if name.chars().all(|c| !c.is_whitespace()) && name.chars().count() <= 3 => {
            let spaced: Vec<String> = name.chars().map(String::from).collect();
            format!(
                "for a sequence of keys put spaces between them: '{}'",
                spaced.join(" ")
            )
        }
        None => {
            "a key is one character or a name like enter, esc, tab, space, up, pgdn, f5".to_string()
        }
    };
    Err(format!("unknown key '{}' ({hint})", name.escape_debug()))
}

fn finish(key: KeyPress, original: &str) -> Result<KeyPress, String> {
    if let KeyCode::Char(c) = key.code {
        // shift-1 would never match: the terminal reports the '!' it produced.
        if key.shift && !c.is_alphabetic() && c != ' ' {
            return Err(format!(
                "'{original}': shift only applies to letters and named keys; \
                 write the shifted character itself (e.g. '?' rather than 'shift-/')"
            ));
        }
    }
    let key = key.normalized();
    // Terminals send these as the same byte as another key, so a binding would never fire.
    if key.ctrl
        && let KeyCode::Char(c @ ('i' | 'm' | '[')) = key.code
    {
        let same = match c {
            'i' => "tab",
            'm' => "enter",
            _ => "esc",
        };
        return Err(format!(
            "'{original}' reaches lunwen as '{same}' in most terminals; bind '{same}' instead"
        ));
    }
    Ok(key)
}

/// A space-separated sequence of keys, e.g. `"g g"` → two presses.
pub fn parse_sequence(s: &str) -> Result<Vec<KeyPress>, String> {
    let keys = s
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<Vec<KeyPress>, String>>()?;
    if keys.is_empty() {
        return Err("empty key (write 'space' for the space bar)".into());
    }
    Ok(keys)
}

/// The canonical string of a sequence; parses back with [`parse_sequence`].
pub fn sequence_to_string(keys: &[KeyPress]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn key(code: KeyCode, ctrl: bool, alt: bool, shift: bool) -> KeyPress {
        KeyPress {
            code,
            ctrl,
            alt,
            shift,
        }
    }
    fn ch(c: char) -> KeyPress {
        KeyPress::new(KeyCode::Char(c))
    }

    #[rstest]
    #[case("j", ch('j'), "j")]
    #[case("G", ch('G'), "G")]
    #[case("shift-g", ch('G'), "G")]
    #[case("?", ch('?'), "?")]
    #[case("-", ch('-'), "-")]
    #[case("ctrl--", key(KeyCode::Char('-'), true, false, false), "ctrl--")]
    #[case("<", ch('<'), "<")]
    #[case("<lt>", ch('<'), "<")]
    #[case("<Bar>", ch('|'), "|")]
    #[case("论", ch('论'), "论")]
    #[case("ctrl-d", key(KeyCode::Char('d'), true, false, false), "ctrl-d")]
    #[case("Ctrl-D", key(KeyCode::Char('d'), true, false, false), "ctrl-d")]
    #[case("ctrl-shift-d", key(KeyCode::Char('d'), true, false, false), "ctrl-d")]
    #[case("<C-d>", key(KeyCode::Char('d'), true, false, false), "ctrl-d")]
    #[case("<c-D>", key(KeyCode::Char('d'), true, false, false), "ctrl-d")]
    #[case("alt-enter", key(KeyCode::Enter, false, true, false), "alt-enter")]
    #[case("meta-x", key(KeyCode::Char('x'), false, true, false), "alt-x")]
    #[case("alt-X", key(KeyCode::Char('X'), false, true, false), "alt-X")]
    #[case("<M-CR>", key(KeyCode::Enter, false, true, false), "alt-enter")]
    #[case("<A-j>", key(KeyCode::Char('j'), false, true, false), "alt-j")]
    #[case("ctrl-alt-x", key(KeyCode::Char('x'), true, true, false), "ctrl-alt-x")]
    #[case("shift-tab", KeyPress::new(KeyCode::BackTab), "shift-tab")]
    #[case("<S-Tab>", KeyPress::new(KeyCode::BackTab), "shift-tab")]
    #[case(
        "ctrl-shift-tab",
        key(KeyCode::BackTab, true, false, false),
        "ctrl-shift-tab"
    )]
    #[case("shift-up", key(KeyCode::Up, false, false, true), "shift-up")]
    #[case("f5", KeyPress::new(KeyCode::F(5)), "f5")]
    #[case("F12", KeyPress::new(KeyCode::F(12)), "f12")]
    #[case("<F1>", KeyPress::new(KeyCode::F(1)), "f1")]
    #[case("space", ch(' '), "space")]
    #[case("<Space>", ch(' '), "space")]
    #[case(
        "ctrl-space",
        key(KeyCode::Char(' '), true, false, false),
        "ctrl-space"
    )]
    #[case("esc", KeyPress::new(KeyCode::Esc), "esc")]
    #[case("Escape", KeyPress::new(KeyCode::Esc), "esc")]
    #[case("<Esc>", KeyPress::new(KeyCode::Esc), "esc")]
    #[case("enter", KeyPress::new(KeyCode::Enter), "enter")]
    #[case("return", KeyPress::new(KeyCode::Enter), "enter")]
    #[case("<CR>", KeyPress::new(KeyCode::Enter), "enter")]
    #[case("pgdn", KeyPress::new(KeyCode::PageDown), "pgdn")]
    #[case("PageDown", KeyPress::new(KeyCode::PageDown), "pgdn")]
    #[case("pgup", KeyPress::new(KeyCode::PageUp), "pgup")]
    #[case("bs", KeyPress::new(KeyCode::Backspace), "backspace")]
    #[case("del", KeyPress::new(KeyCode::Delete), "delete")]
    #[case("home", KeyPress::new(KeyCode::Home), "home")]
    #[case("end", KeyPress::new(KeyCode::End), "end")]
    #[case("insert", KeyPress::new(KeyCode::Insert), "insert")]
    fn parses_and_prints_canonically(
        #[case] text: &str,
        #[case] want: KeyPress,
        #[case] canonical: &str,
    ) {
        let got: KeyPress = text.parse().unwrap();
        assert_eq!(got, want, "{text}");
        assert_eq!(got.to_string(), canonical);
        let again: KeyPress = canonical.parse().unwrap();
        assert_eq!(again, got, "canonical form {canonical} must round-trip");
    }

    #[rstest]
    #[case("", "empty key")]
    #[case(
        "cntrl-q",
        "unknown modifier 'cntrl-' in 'cntrl-q' (did you mean 'ctrl-'?"
    )]
    #[case("hyper-q", "unknown modifier 'hyper-'")]
    #[case("pgdwn", "unknown key 'pgdwn' (did you mean 'pgdn'?)")]
    #[case(
        "ctrl-entr",
        "unknown key 'entr' (did you mean 'enter'?) in 'ctrl-entr'"
    )]
    #[case("gg", "for a sequence of keys put spaces between them: 'g g'")]
    #[case("f0", "no function key 'f0'")]
    #[case("f25", "no function key 'f25'")]
    #[case(
        "ctrl-i",
        "'ctrl-i' reaches lunwen as 'tab' in most terminals; bind 'tab' instead"
    )]
    #[case("<C-m>", "'<C-m>' reaches lunwen as 'enter'")]
    #[case("ctrl-[", "as 'esc'")]
    #[case("shift-1", "write the shifted character itself")]
    #[case("ctrl-shift-1", "write the shifted character itself")]
    #[case("\u{1b}[31m", "unknown key '\\u{1b}[31m'")]
    #[case("<X-d>", "unknown modifier 'X-' in '<X-d>'")]
    #[case("<Foo>", "unknown key 'Foo'")]
    #[case("\u{7}", "control character U+0007")]
    fn rejects_bad_key_strings(#[case] text: &str, #[case] message: &str) {
        let err = text.parse::<KeyPress>().unwrap_err();
        assert!(err.contains(message), "{text:?}: got {err:?}");
    }

    #[rstest]
    #[case("g g", vec![ch('g'), ch('g')], "g g")]
    #[case("  z   M ", vec![ch('z'), ch('M')], "z M")]
    #[case("<C-w> j", vec![key(KeyCode::Char('w'), true, false, false), ch('j')], "ctrl-w j")]
    #[case("space", vec![ch(' ')], "space")]
    fn sequences_round_trip(#[case] text: &str, #[case] want: Vec<KeyPress>, #[case] shown: &str) {
        let got = parse_sequence(text).unwrap();
        assert_eq!(got, want);
        assert_eq!(sequence_to_string(&got), shown);
        assert_eq!(parse_sequence(shown).unwrap(), got);
    }

    #[rstest]
    #[case("")]
    #[case("   ")]
    #[case("g qq")]
    fn rejects_bad_sequences(#[case] text: &str) {
        assert!(parse_sequence(text).is_err(), "{text:?}");
    }

    #[rstest]
    // What a terminal reports for shifted keys, and what the keymap stores.
    #[case(key(KeyCode::Char('G'), false, false, true), ch('G'))]
    #[case(key(KeyCode::Char('g'), false, false, true), ch('G'))]
    #[case(key(KeyCode::Char('?'), false, false, true), ch('?'))]
    #[case(key(KeyCode::Tab, false, false, true), KeyPress::new(KeyCode::BackTab))]
    #[case(
        key(KeyCode::BackTab, false, false, true),
        KeyPress::new(KeyCode::BackTab)
    )]
    #[case(
        key(KeyCode::Char('D'), true, false, true),
        key(KeyCode::Char('d'), true, false, false)
    )]
    #[case(
        key(KeyCode::Up, false, false, true),
        key(KeyCode::Up, false, false, true)
    )]
    fn normalizes_terminal_events(#[case] raw: KeyPress, #[case] want: KeyPress) {
        assert_eq!(raw.normalized(), want);
        assert_eq!(want.normalized(), want);
    }

    proptest::proptest! {
        #[test]
        fn display_always_parses_back(
            c in proptest::char::any(),
            ctrl: bool, alt: bool, shift: bool,
        ) {
            let k = key(KeyCode::Char(c), ctrl, alt, shift).normalized();
            let same_as_other_key = ctrl && matches!(c, 'i' | 'm' | '[' | 'I' | 'M');
            if (!c.is_control() && !c.is_whitespace() || c == ' ') && !same_as_other_key {
                let shown = k.to_string();
                let back: KeyPress = shown.parse().map_err(|e| {
                    proptest::test_runner::TestCaseError::fail(format!("{shown:?}: {e}"))
                })?;
                proptest::prop_assert_eq!(back, k);
            }
        }
    }
}
