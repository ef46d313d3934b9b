//! Citation strings for a paper in the styles researchers are asked for.

/// A citation style. Names are what the config file and `--style` accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// GB/T 7714-2015 reference-list entry.
    GbT7714,
    /// Chinese note style (注释).
    ChineseNote,
    /// APA 7th edition.
    Apa,
    /// BibTeX `@article` entry.
    Bibtex,
}

impl Style {
    pub const ALL: &'static [Style] = &[
        Style::GbT7714,
        Style::ChineseNote,
        Style::Apa,
        Style::Bibtex,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Style::GbT7714 => "gbt7714",
            Style::ChineseNote => "note",
            Style::Apa => "apa",
            Style::Bibtex => "bibtex",
        }
    }

    pub fn from_name(name: &str) -> Option<Style> {
        Style::ALL.iter().copied().find(|s| s.name() == name)
    }

    /// The style after this one, for cycling in the app.
    pub fn next(self) -> Style {
        let i = Style::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Style::ALL[(i + 1) % Style::ALL.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_names_round_trip_and_cycle() {
        for &s in Style::ALL {
            assert_eq!(Style::from_name(s.name()), Some(s));
        }
        assert_eq!(Style::Bibtex.next(), Style::GbT7714);
        assert_eq!(Style::from_name("mla"), None);
    }
}
