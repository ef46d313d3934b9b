//! Colours of the interface as the config names them. The TUI maps [`Color`] to its terminal
//! library; nothing here knows about the terminal.

use std::collections::HashMap;
use std::fmt;

use super::suggest::did_you_mean;

/// A colour: the terminal's own (`reset`), one of the 16 named ANSI colours, an entry of the
/// 256-colour palette, or true colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    Indexed(u8),
    Rgb(u8, u8, u8),
}

const NAMES: &[(Color, &str)] = &[
    (Color::Reset, "reset"),
    (Color::Black, "black"),
    (Color::Red, "red"),
    (Color::Green, "green"),
    (Color::Yellow, "yellow"),
    (Color::Blue, "blue"),
    (Color::Magenta, "magenta"),
    (Color::Cyan, "cyan"),
    (Color::Gray, "gray"),
    (Color::DarkGray, "dark_gray"),
    (Color::LightRed, "light_red"),
    (Color::LightGreen, "light_green"),
    (Color::LightYellow, "light_yellow"),
    (Color::LightBlue, "light_blue"),
    (Color::LightMagenta, "light_magenta"),
    (Color::LightCyan, "light_cyan"),
    (Color::White, "white"),
];

impl Color {
    /// Parses `blue`, `light_blue` (also `LightBlue`, `light-blue`), `grey`, `default`,
    /// `#1e90ff`, `#19f` and a 256-colour index `"236"`.
    pub fn from_name(s: &str) -> Result<Color, String> {
        let s = s.trim();
        if let Some(hex) = s.strip_prefix('#') {
            return parse_hex(hex).ok_or_else(|| {
                format!("bad colour '{s}' (write #rrggbb or #rgb with hex digits)")
            });
        }
        if let Ok(n) = s.parse::<u16>() {
            return u8::try_from(n)
                .map(Color::Indexed)
                .map_err(|_| format!("colour index {n} is out of range (0 to 255)"));
        }
        let folded: String = s
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .replace("grey", "gray");
        if folded == "default" {
            return Ok(Color::Reset);
        }
        if let Some((c, _)) = NAMES.iter().find(|(_, n)| n.replace('_', "") == folded) {
            return Ok(*c);
        }
        let names: Vec<&str> = NAMES.iter().map(|(_, n)| *n).collect();
        let hint = did_you_mean(s, &names)
            .map(|m| format!("did you mean '{m}'? "))
            .unwrap_or_default();
        Err(format!(
            "unknown colour '{s}' ({hint}use a name like 'blue', 'light_blue', 'reset', \
             a palette index like '236' or '#rrggbb')"
        ))
    }
}

fn parse_hex(hex: &str) -> Option<Color> {
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize, len: usize| u8::from_str_radix(&hex[i..i + len], 16).ok();
    match hex.len() {
        6 => Some(Color::Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => Some(Color::Rgb(
            digit(0, 1)? * 17,
            digit(1, 1)? * 17,
            digit(2, 1)? * 17,
        )),
        _ => None,
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Indexed(n) => write!(f, "{n}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
            named => {
                let name = NAMES
                    .iter()
                    .find(|(c, _)| c == named)
                    .map_or("reset", |(_, n)| n);
                f.write_str(name)
            }
        }
    }
}

macro_rules! theme {
    ($( $(#[doc = $doc:literal])+ $slot:ident, )*) => {
        /// The colour of each part of the interface. With `monochrome` set the TUI uses no
        /// colour at all, only bold, reverse and underline.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme {
            /// No colours: set by a non-empty `NO_COLOR` unless the config says otherwise.
            pub monochrome: bool,
            $( $(#[doc = $doc])+ pub $slot: Color, )*
        }

        impl Theme {
            /// The colour slot names, as `[theme]` keys.
            pub const SLOTS: &'static [&'static str] = &[$(stringify!($slot)),*];

            /// A theme from a complete set of slots, or the name of the first one missing.
            pub(crate) fn from_slots(
                monochrome: bool,
                slots: &HashMap<&'static str, Color>,
            ) -> Result<Theme, &'static str> {
                Ok(Theme {
                    monochrome,
                    $( $slot: *slots.get(stringify!($slot)).ok_or(stringify!($slot))?, )*
                })
            }
        }
    };
}

theme! {
    /// Body text of the reading pane and lists.
    text,
    /// Secondary text: authors, counts, key hints.
    dim,
    /// Pane titles and paper titles.
    title,
    /// Borders of panes without focus.
    border,
    /// Border of the focused pane.
    border_focus,
    /// Section headings in the reading pane and tree.
    heading,
    /// Foreground of the selected item or current sentence.
    selection_fg,
    /// Background of the selected item or current sentence.
    selection_bg,
    /// Background of a visual-mode selection.
    visual_bg,
    /// Note markers such as ① or [3].
    marker,
    /// Foreground of search matches.
    match_fg,
    /// Background of search matches.
    match_bg,
    /// Foreground of the status bar.
    status_fg,
    /// Background of the status bar.
    status_bg,
    /// Key names in the help overlay and hints.
    key,
    /// Error and warning messages.
    error,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("blue", Color::Blue, "blue")]
    #[case("LightBlue", Color::LightBlue, "light_blue")]
    #[case("light-blue", Color::LightBlue, "light_blue")]
    #[case("dark_grey", Color::DarkGray, "dark_gray")]
    #[case("default", Color::Reset, "reset")]
    #[case("reset", Color::Reset, "reset")]
    #[case("#1E90ff", Color::Rgb(0x1e, 0x90, 0xff), "#1e90ff")]
    #[case("#19f", Color::Rgb(0x11, 0x99, 0xff), "#1199ff")]
    #[case("236", Color::Indexed(236), "236")]
    fn parses_colours(#[case] text: &str, #[case] want: Color, #[case] shown: &str) {
        assert_eq!(Color::from_name(text), Ok(want));
        assert_eq!(want.to_string(), shown);
        assert_eq!(Color::from_name(shown), Ok(want));
    }

    #[rstest]
    #[case("grean", "did you mean 'green'?")]
    #[case("#12345", "write #rrggbb")]
    #[case("#gg0000", "write #rrggbb")]
    #[case("256", "out of range")]
    #[case("chartreuse", "unknown colour 'chartreuse'")]
    fn rejects_bad_colours(#[case] text: &str, #[case] message: &str) {
        let err = Color::from_name(text).unwrap_err();
        assert!(err.contains(message), "{text}: {err}");
    }
}
