//! The note style (注释), as footnotes in Chinese journals cite a paper: a Chinese work in the
//! Chinese form, a foreign one as the journals' rules for foreign works say (the form of its own
//! language: names in their own order, the title in quotation marks, `vol.`, `no.`, `pp.`; no
//! italics in plain text).

use super::names::Name;
use super::variants::Variants;
use super::{Facts, end_sentence};

/// The note for `f`; with `page`, the page of a quotation instead of the article's range.
pub(super) fn note(f: &Facts, page: Option<u32>, v: &Variants) -> String {
    if f.foreign() {
        foreign(f, page)
    } else {
        chinese(f, page, v)
    }
}

/// `刘博、蔡文成：《以…研究》，载《中州学刊》2025年第6期，第34-41页。` (`第36页` for a
/// quotation).
fn chinese(f: &Facts, page: Option<u32>, v: &Variants) -> String {
    let mut out = String::new();
    if !f.authors.is_empty() {
        // Note style names one author then 等 when there are more than three.
        let names = if f.authors.len() > 3 {
            let etal = if f.cjk_authors() { "等" } else { " et al." };
            format!("{}{etal}", f.authors[0])
        } else {
            f.authors.join(v.note_author_separator.name())
        };
        out.push_str(&names);
        out.push('：');
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = f.title {
        // A title inside 《》 writes its own inner titles with single angle brackets.
        parts.push(format!("《{}》", inner_titles(t)));
    }
    let mut source = String::new();
    if let Some(j) = f.journal {
        if v.note_zai {
            source.push('载');
        }
        source.push_str(&format!("《{}》", inner_titles(j)));
    }
    if let Some(y) = f.year {
        source.push_str(&format!("{y}年"));
    }
    if let Some(vol) = f.volume {
        source.push_str(&format!("第{vol}卷"));
    }
    if let Some(i) = f.issue {
        source.push_str(&format!("第{i}期"));
    }
    let range = f.pages.as_ref().filter(|_| !source.is_empty());
    if !source.is_empty() {
        parts.push(source);
    }
    match (page, range) {
        (Some(p), _) => parts.push(format!("第{p}页")),
        (None, Some(r)) => parts.push(format!("第{}页", r.with_dash(v.note_page_dash.name()))),
        (None, None) => {}
    }
    out.push_str(&parts.join("，"));
    out.push('。');
    out
}

fn inner_titles(t: &str) -> String {
    t.replace('《', "〈").replace('》', "〉")
}

/// `John Smith and Cai Wencheng, “Title,” Journal, vol. 33, no. 3, 2019, pp. 3-26.` (`p. 7` for
/// a quotation).
fn foreign(f: &Facts, page: Option<u32>) -> String {
    let names: Vec<String> = f.authors.iter().map(|a| Name::parse(a).natural()).collect();
    let authors = match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] if names.len() <= 3 => format!("{} and {last}", init.join(", ")),
        [first, ..] => format!("{first} et al."),
    };
    let mut rest: Vec<String> = Vec::new();
    if let Some(j) = f.journal {
        rest.push(j.to_string());
    }
    if let Some(v) = f.volume {
        rest.push(format!("vol. {v}"));
    }
    if let Some(i) = f.issue {
        rest.push(format!("no. {i}"));
    }
    if let Some(y) = f.year {
        rest.push(y.to_string());
    }
    match (page, &f.pages) {
        (Some(p), _) => rest.push(format!("p. {p}")),
        (None, Some(r)) if r.last.is_some() => rest.push(format!("pp. {}", r.with_dash("-"))),
        (None, Some(r)) => rest.push(format!("p. {}", r.first)),
        (None, None) => {}
    }
    let mut out = String::new();
    if !authors.is_empty() {
        out.push_str(&authors);
        out.push_str(", ");
    }
    let title = f.title.unwrap_or_default();
    // The comma or full stop after the title goes inside its quotation marks, unless the title
    // ends in its own mark.
    let own_mark = title.ends_with(['?', '!']);
    match (rest.is_empty(), own_mark) {
        (true, true) => out.push_str(&format!("“{title}”")),
        (true, false) => out.push_str(&format!("“{title}.”")),
        (false, true) => out.push_str(&format!("“{title}” {}", rest.join(", "))),
        (false, false) => out.push_str(&format!("“{title},” {}", rest.join(", "))),
    }
    if !rest.is_empty() {
        end_sentence(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::Metadata;
    use crate::corpus::citation::tests::{cite, western};
    use crate::corpus::citation::{AuthorSeparator, Citer, PageDash, Style, Variants};
    use crate::testing::cited_paper;

    #[test]
    fn the_variants_chinese_journals_use() {
        let p = cited_paper();
        let with = |v: Variants, page| {
            Citer::new(std::slice::from_ref(&p), v)
                .cite(&p, Style::ChineseNote, page)
                .text
        };
        let plain = Variants {
            note_zai: false,
            note_author_separator: AuthorSeparator::Comma,
            note_page_dash: PageDash::EmDash,
        };
        assert_eq!(
            with(plain, None),
            "刘博，蔡文成：《以新质生产力发展赋能高质量共建“一带一路”研究》，《中州学刊》2025年第6期，第34—41页。"
        );
        let tilde = Variants {
            note_page_dash: PageDash::Tilde,
            ..Variants::default()
        };
        assert!(with(tilde, None).ends_with("载《中州学刊》2025年第6期，第34～41页。"));
        assert!(with(tilde, Some(36)).ends_with("载《中州学刊》2025年第6期，第36页。"));
    }

    #[test]
    fn foreign_works_are_cited_in_their_own_form() {
        let p = western(&["Liu, Bo", "Cai Wencheng", "John Smith"]);
        assert_eq!(
            cite(&p, Style::ChineseNote, None).text,
            "Liu Bo, Cai Wencheng and John Smith, “The Geography of Growth: A Survey,” \
             Journal of Economic Perspectives, vol. 33, no. 3, 2019, pp. 3-26."
        );
        assert_eq!(
            cite(&p, Style::ChineseNote, Some(7)).text,
            "Liu Bo, Cai Wencheng and John Smith, “The Geography of Growth: A Survey,” \
             Journal of Economic Perspectives, vol. 33, no. 3, 2019, p. 7."
        );
        let mut alone = western(&["Smith, John", "A B", "C D", "E F"]);
        alone.metadata = Metadata::default();
        alone.title = Some("Why Growth?".into());
        assert_eq!(
            cite(&alone, Style::ChineseNote, None).text,
            "John Smith et al., “Why Growth?”"
        );
    }
}
