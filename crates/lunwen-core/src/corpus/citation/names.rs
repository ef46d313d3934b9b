//! Personal names in Latin script, read into surname and given names so each style can write
//! them its own way; names in Chinese script are written as they are.

use crate::corpus::text::is_cjk;

/// A personal name in Latin script, split so initials can be made.
pub(super) struct WesternName<'a> {
    pub(super) surname: String,
    pub(super) given: Vec<&'a str>,
}

/// Lower-case words that belong to the surname when they precede it (`van Gogh`, `de la Cruz`).
const SURNAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le",
];

impl<'a> WesternName<'a> {
    /// `Smith, John R.` or `John R. Smith`.
    pub(super) fn parse(name: &'a str) -> WesternName<'a> {
        if let Some((surname, given)) = name.split_once(',') {
            return WesternName {
                surname: surname.trim().to_string(),
                given: given.split_whitespace().collect(),
            };
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some((last, rest)) = words.split_last() else {
            return WesternName {
                surname: String::new(),
                given: Vec::new(),
            };
        };
        let mut cut = rest.len();
        while cut > 0 && SURNAME_PARTICLES.contains(&rest[cut - 1]) {
            cut -= 1;
        }
        let mut surname = rest[cut..].join(" ");
        if !surname.is_empty() {
            surname.push(' ');
        }
        surname.push_str(last);
        WesternName {
            surname,
            given: rest[..cut].to_vec(),
        }
    }

    /// Initial letters of the given names; `Jean-Pierre` gives two.
    pub(super) fn initials(&self) -> Vec<Vec<char>> {
        self.given
            .iter()
            .map(|g| {
                g.split('-')
                    .filter_map(|part| part.chars().find(|c| c.is_alphabetic()))
                    .flat_map(char::to_uppercase)
                    .collect::<Vec<char>>()
            })
            .filter(|i| !i.is_empty())
            .collect()
    }
}

pub(super) fn is_cjk_name(name: &str) -> bool {
    name.chars().any(is_cjk)
}
