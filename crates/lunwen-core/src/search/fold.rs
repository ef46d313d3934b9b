//! Folding text for matching: case and full-width forms, one char in, one char out, so a match
//! position in the folded text is the same char index in the original.

use crate::corpus::text::fold_width;

/// The folded form of one char: half-width, lower case. Chars whose lower case is several chars
/// (`İ`) stay as they are, keeping positions aligned.
pub fn fold_char(c: char) -> char {
    let c = fold_width(c);
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// `s` folded char by char; has exactly as many chars as `s`.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_width_keeping_length() {
        assert_eq!(fold("ＡＩ与Ｒ＆Ｄ，GDP"), "ai与r&d,gdp");
        assert_eq!(fold("Ünïcode ΣΑ"), "ünïcode σα");
        let odd = "İx";
        assert_eq!(fold(odd).chars().count(), odd.chars().count());
        assert_eq!(fold("　新质"), " 新质");
    }
}
