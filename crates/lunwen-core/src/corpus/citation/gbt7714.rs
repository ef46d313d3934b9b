//! GB/T 7714-2015, the reference-list entry Chinese journals ask for.

use super::names::{WesternName, is_cjk_name};
use super::{Facts, end_sentence};

/// GB/T 7714: `SMITH J R`; Chinese names as written.
fn gbt_name(name: &str) -> String {
    if is_cjk_name(name) {
        return name.to_string();
    }
    let n = WesternName::parse(name);
    let mut out = n.surname.to_uppercase();
    for initials in n.initials() {
        for c in initials {
            out.push(' ');
            out.push(c);
        }
    }
    out
}

/// `刘博, 蔡文成. 以…研究[J]. 中州学刊, 2025, 41(6): 34-41. DOI:10.xxx.`
pub(super) fn gbt7714(f: &Facts) -> String {
    if f.uncitable() {
        return String::new();
    }
    let mut parts: Vec<String> = Vec::new();
    if !f.authors.is_empty() {
        let mut names: Vec<String> = f.authors.iter().take(3).map(|a| gbt_name(a)).collect();
        if f.authors.len() > 3 {
            names.push(if f.cjk_authors() { "等" } else { "et al" }.to_string());
        }
        parts.push(names.join(", "));
    }
    // The document-type mark belongs to the title; alone it would be a dangling `[J]`.
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
    use crate::corpus::citation::tests::western;
    use crate::corpus::citation::{Style, cite};

    #[test]
    fn western_names_in_gbt_are_surname_then_initials_and_et_al_after_three() {
        let p = western(&[
            "John Robert Smith",
            "Doe, Jane",
            "Jean-Pierre Dupont",
            "Ludwig van Beethoven",
        ]);
        assert_eq!(
            cite(&p, Style::GbT7714).text,
            "SMITH J R, DOE J, DUPONT J P, et al. The Geography of Growth: A Survey[J]. \
             Journal of Economic Perspectives, 2019, 33(3): 3-26. DOI:10.1257/jep.33.3.3."
        );
    }
}
