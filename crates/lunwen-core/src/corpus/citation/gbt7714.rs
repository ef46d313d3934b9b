//! GB/T 7714-2015, the reference-list entry Chinese journals ask for, and its numbered mark in
//! the text.

use super::names::Name;
use super::{Facts, end_sentence};

/// GB/T 7714: `SMITH J R`, pinyin names `CAI W C` (an initial per syllable); Chinese names as
/// written.
fn gbt_name(name: &str) -> String {
    let n = match Name::parse(name) {
        Name::Cjk(n) => return n.to_string(),
        Name::Latin(n) => n,
    };
    let mut out = n.surname.to_uppercase();
    for c in n.gbt_initials() {
        out.push(' ');
        out.push(c);
    }
    out
}

/// The mark in the text, numbered in order of citation (顺序编码制), the page cited after the
/// brackets: `[1]36`, `[1]`. lunwen cannot know where the work stands in a manuscript's
/// reference list, so the number is `1` for the writer to renumber.
pub(super) fn intext(page: Option<u32>) -> String {
    match page {
        Some(p) => format!("[1]{p}"),
        None => "[1]".to_string(),
    }
}

/// `刘博, 蔡文成. 以…研究[J]. 中州学刊, 2025, 41(6): 34-41. DOI:10.xxx.` The entry locates the
/// article (its page range); the page of a quotation goes in the mark in the text.
pub(super) fn gbt7714(f: &Facts) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !f.authors.is_empty() {
        let mut names: Vec<String> = f.authors.iter().take(3).map(|a| gbt_name(a)).collect();
        if f.authors.len() > 3 {
            names.push(if f.cjk_authors() { "等" } else { "et al" }.to_string());
        }
        parts.push(names.join(", "));
    }
    if let Some(t) = f.title {
        parts.push(format!("{t}[J]"));
    }
    let mut locator = String::new();
    if let Some(y) = f.year {
        locator.push_str(&y.to_string());
        if f.volume.is_some() {
            locator.push_str(", ");
        }
    }
    if let Some(v) = f.volume {
        locator.push_str(v);
    }
    if let Some(i) = f.issue {
        locator.push_str(&format!("({i})"));
    }
    let mut source = f.journal.unwrap_or_default().to_string();
    if !locator.is_empty() {
        if !source.is_empty() {
            source.push_str(", ");
        }
        source.push_str(&locator);
    }
    if let (Some(p), false) = (&f.pages, source.is_empty()) {
        source.push_str(": ");
        source.push_str(&p.with_dash("-"));
    }
    if !source.is_empty() {
        parts.push(source);
    }
    if let Some(doi) = f.doi {
        parts.push(format!("DOI:{doi}"));
    }
    let mut out = parts.join(". ");
    end_sentence(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::citation::Style;
    use crate::corpus::citation::tests::{cite, western};

    #[test]
    fn western_names_in_gbt_are_surname_then_initials_and_et_al_after_three() {
        let p = western(&[
            "John Robert Smith",
            "Doe, Jane",
            "Jean-Pierre Dupont",
            "Ludwig van Beethoven",
        ]);
        assert_eq!(
            cite(&p, Style::GbT7714, None).text,
            "SMITH J R, DOE J, DUPONT J P, et al. The Geography of Growth: A Survey[J]. \
             Journal of Economic Perspectives, 2019, 33(3): 3-26. DOI:10.1257/jep.33.3.3."
        );
    }

    #[test]
    fn pinyin_names_keep_the_family_name_and_an_initial_per_syllable() {
        let p = western(&["Liu, Bo", "Cai Wencheng", "John Smith"]);
        assert!(
            cite(&p, Style::GbT7714, None)
                .text
                .starts_with("LIU B, CAI W C, SMITH J. The Geography"),
            "{}",
            cite(&p, Style::GbT7714, None).text
        );
    }

    #[test]
    fn the_mark_in_the_text_carries_the_page() {
        let p = western(&["John Smith"]);
        assert_eq!(cite(&p, Style::GbT7714, Some(7)).intext, "[1]7");
        assert_eq!(cite(&p, Style::GbT7714, None).intext, "[1]");
    }
}
