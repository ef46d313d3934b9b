//! Putting text on the user's clipboard, locally (arboard) and over SSH (OSC 52).

/// Which path a copy takes. `auto` picks by environment; the others force one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClipboardMode {
    Auto,
    System,
    Osc52,
    Off,
}

impl ClipboardMode {
    pub const ALL: &'static [ClipboardMode] = &[
        ClipboardMode::Auto,
        ClipboardMode::System,
        ClipboardMode::Osc52,
        ClipboardMode::Off,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ClipboardMode::Auto => "auto",
            ClipboardMode::System => "system",
            ClipboardMode::Osc52 => "osc52",
            ClipboardMode::Off => "off",
        }
    }

    pub fn from_name(name: &str) -> Option<ClipboardMode> {
        ClipboardMode::ALL
            .iter()
            .copied()
            .find(|m| m.name() == name)
    }
}
