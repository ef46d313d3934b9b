//! The forms of the 注释 style that Chinese journals differ in (`[citation]` in the config):
//! `载` before the journal or not, the dash of a page range, and what separates authors.

/// How a 注释 citation of a Chinese work is written. The default is the commonest form:
/// `刘博、蔡文成：《…》，载《中州学刊》2025年第6期，第34-41页。`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variants {
    /// `载《中州学刊》` (true) or `《中州学刊》`.
    pub note_zai: bool,
    pub note_author_separator: AuthorSeparator,
    pub note_page_dash: PageDash,
}

impl Default for Variants {
    fn default() -> Variants {
        Variants {
            note_zai: true,
            note_author_separator: AuthorSeparator::Dunhao,
            note_page_dash: PageDash::Hyphen,
        }
    }
}

/// What separates the authors of a 注释 citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorSeparator {
    /// `刘博、蔡文成`
    Dunhao,
    /// `刘博，蔡文成`
    Comma,
}

impl AuthorSeparator {
    pub const ALL: &'static [AuthorSeparator] = &[AuthorSeparator::Dunhao, AuthorSeparator::Comma];

    /// The separator itself, which is also its name in the config.
    pub fn name(self) -> &'static str {
        match self {
            AuthorSeparator::Dunhao => "、",
            AuthorSeparator::Comma => "，",
        }
    }

    pub fn from_name(name: &str) -> Option<AuthorSeparator> {
        AuthorSeparator::ALL
            .iter()
            .copied()
            .find(|s| s.name() == name)
    }
}

/// The dash of a page range in a 注释 citation: `第34-41页`, `第34—41页`, `第34～41页`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageDash {
    Hyphen,
    EmDash,
    Tilde,
}

impl PageDash {
    pub const ALL: &'static [PageDash] = &[PageDash::Hyphen, PageDash::EmDash, PageDash::Tilde];

    /// The dash itself, which is also its name in the config.
    pub fn name(self) -> &'static str {
        match self {
            PageDash::Hyphen => "-",
            PageDash::EmDash => "—",
            PageDash::Tilde => "～",
        }
    }

    pub fn from_name(name: &str) -> Option<PageDash> {
        PageDash::ALL.iter().copied().find(|s| s.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &s in AuthorSeparator::ALL {
            assert_eq!(AuthorSeparator::from_name(s.name()), Some(s));
        }
        for &d in PageDash::ALL {
            assert_eq!(PageDash::from_name(d.name()), Some(d));
        }
        assert_eq!(PageDash::from_name("~"), None);
    }
}
