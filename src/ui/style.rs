//! The styles the panes draw with, made once from the configured theme. Monochrome (NO_COLOR or
//! the config) uses only bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Color as ThemeColor, Theme};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Styles {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub heading: Style,
    /// Secondary emphasis (byline, minor headings): italic, or nothing in monochrome.
    pub emphasis: Style,
    pub selection: Style,
    /// The selection in a pane without focus.
    pub selection_unfocused: Style,
    /// The sentences of a visual selection other than the one under the cursor.
    pub visual: Style,
    pub marker: Style,
    /// Matched characters of a search hit.
    pub matched: Style,
    pub status: Style,
    pub key: Style,
    pub error: Style,
}

fn color(c: ThemeColor) -> Color {
    match c {
        ThemeColor::Reset => Color::Reset,
        ThemeColor::Black => Color::Black,
        ThemeColor::Red => Color::Red,
        ThemeColor::Green => Color::Green,
        ThemeColor::Yellow => Color::Yellow,
        ThemeColor::Blue => Color::Blue,
        ThemeColor::Magenta => Color::Magenta,
        ThemeColor::Cyan => Color::Cyan,
        ThemeColor::Gray => Color::Gray,
        ThemeColor::DarkGray => Color::DarkGray,
        ThemeColor::LightRed => Color::LightRed,
        ThemeColor::LightGreen => Color::LightGreen,
        ThemeColor::LightYellow => Color::LightYellow,
        ThemeColor::LightBlue => Color::LightBlue,
        ThemeColor::LightMagenta => Color::LightMagenta,
        ThemeColor::LightCyan => Color::LightCyan,
        ThemeColor::White => Color::White,
        ThemeColor::Indexed(i) => Color::Indexed(i),
        ThemeColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl Styles {
    pub fn new(theme: &Theme) -> Styles {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if theme.monochrome {
            let reverse = Style::new().add_modifier(Modifier::REVERSED);
            return Styles {
                text: Style::new(),
                dim: Style::new(),
                title: bold,
                border: Style::new(),
                border_focus: bold,
                heading: bold,
                emphasis: Style::new(),
                selection: reverse,
                selection_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
                visual: Style::new().add_modifier(Modifier::UNDERLINED),
                marker: Style::new().add_modifier(Modifier::UNDERLINED),
                // Reverse is taken by the selection, which a match can sit inside.
                matched: bold.add_modifier(Modifier::UNDERLINED),
                status: reverse,
                key: bold,
                error: bold,
            };
        }
        let fg = |c| Style::new().fg(color(c));
        Styles {
            text: fg(theme.text),
            dim: fg(theme.dim),
            title: fg(theme.title).add_modifier(Modifier::BOLD),
            border: fg(theme.border),
            border_focus: fg(theme.border_focus),
            heading: fg(theme.heading).add_modifier(Modifier::BOLD),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            selection: fg(theme.selection_fg).bg(color(theme.selection_bg)),
            selection_unfocused: fg(theme.selection_fg)
                .bg(color(theme.selection_bg))
                .add_modifier(Modifier::DIM),
            visual: fg(theme.text).bg(color(theme.visual_bg)),
            marker: fg(theme.marker),
            matched: fg(theme.match_fg).bg(color(theme.match_bg)),
            status: fg(theme.status_fg).bg(color(theme.status_bg)),
            key: fg(theme.key).add_modifier(Modifier::BOLD),
            error: fg(theme.error).add_modifier(Modifier::BOLD),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_uses_no_colour_and_only_bold_reverse_underline() {
        let mut theme = crate::config::Config::defaults().settings.theme;
        theme.monochrome = true;
        let s = Styles::new(&theme);
        let allowed = Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED;
        for style in [
            s.text,
            s.dim,
            s.title,
            s.border,
            s.border_focus,
            s.heading,
            s.emphasis,
            s.selection,
            s.selection_unfocused,
            s.visual,
            s.marker,
            s.matched,
            s.status,
            s.key,
            s.error,
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
            assert!(allowed.contains(style.add_modifier), "{style:?}");
        }
        theme.monochrome = false;
        assert!(Styles::new(&theme).heading.fg.is_some());
    }
}
