//! APA 7th edition: the reference entry and the parenthetical citation.

use super::names::Name;
use super::{Facts, end_sentence};

/// APA: `Smith, J. R.`, `Dupont, J.-P.`, `Cai, W.`; Chinese names as written.
fn apa_name(name: &str) -> String {
    let n = match Name::parse(name) {
        Name::Cjk(n) => return n.to_string(),
        Name::Latin(n) => n,
    };
    let initials: Vec<String> = n
        .initials()
        .into_iter()
        .map(|cs| {
            cs.iter()
                .map(|c| format!("{c}."))
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect();
    if initials.is_empty() {
        n.surname
    } else {
        format!("{}, {}", n.surname, initials.join(" "))
    }
}

/// `(刘博 & 蔡文成, 2025, p. 36)`, `(Smith et al., 2019)`, `(韩永辉等, n.d.)`: surnames (Chinese
/// names whole), two joined by `&`, three or more as the first and `et al.` (`等`); the title
/// in quotation marks when there is no author.
pub(super) fn intext(f: &Facts, page: Option<u32>) -> String {
    let names: Vec<String> = f.authors.iter().map(|a| Name::parse(a).short()).collect();
    let who = match names.as_slice() {
        [] => format!("“{}”", f.title.unwrap_or_default()),
        [one] => one.clone(),
        [a, b] => format!("{a} & {b}"),
        [first, ..] if f.cjk_authors() => format!("{first}等"),
        [first, ..] => format!("{first} et al."),
    };
    let year = f.year.map_or_else(|| "n.d.".to_string(), |y| y.to_string());
    match page {
        Some(p) => format!("({who}, {year}, p. {p})"),
        None => format!("({who}, {year})"),
    }
}

/// `刘博, & 蔡文成. (2025). 以…研究. 中州学刊, 41(6), 34–41. https://doi.org/…`
pub(super) fn apa(f: &Facts) -> String {
    let mut out = String::new();
    if !f.authors.is_empty() {
        let names: Vec<String> = f.authors.iter().map(|a| apa_name(a)).collect();
        // APA 7 lists up to 20 authors; beyond that the first 19, an ellipsis, and the last.
        let list = match names.as_slice() {
            [one] => one.clone(),
            [init @ .., last] if names.len() <= 20 => format!("{}, & {last}", init.join(", ")),
            [.., last] => format!("{}, . . . {last}", names[..19].join(", ")),
            [] => String::new(),
        };
        out.push_str(&list);
        end_sentence(&mut out);
        out.push(' ');
    } else if let Some(t) = f.title {
        // With no author, APA moves the title into the author position.
        out.push_str(t);
        end_sentence(&mut out);
        out.push(' ');
    }
    match f.year {
        Some(y) => out.push_str(&format!("({y}).")),
        // `n.d.` is APA's own mark for "no date", not a made-up year.
        None => out.push_str("(n.d.)."),
    }
    if let (Some(t), false) = (f.title, f.authors.is_empty()) {
        out.push(' ');
        out.push_str(t);
        end_sentence(&mut out);
    }
    if let Some(j) = f.journal {
        out.push(' ');
        out.push_str(j);
        let mut vi = f.volume.unwrap_or_default().to_string();
        if let Some(i) = f.issue {
            vi.push_str(&format!("({i})"));
        }
        if !vi.is_empty() {
            out.push_str(", ");
            out.push_str(&vi);
        }
        if let Some(p) = &f.pages {
            out.push_str(", ");
            out.push_str(&p.with_dash("–"));
        }
        out.push('.');
    }
    if let Some(doi) = f.doi {
        out.push(' ');
        if doi.starts_with("http") {
            out.push_str(doi);
        } else {
            out.push_str("https://doi.org/");
            out.push_str(doi);
        }
    } else if let Some(url) = f.url {
        out.push(' ');
        out.push_str(url);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::citation::Style;
    use crate::corpus::citation::tests::{cite, western};

    #[test]
    fn apa_initials_ampersand_and_doi() {
        let p = western(&["John Robert Smith", "Jean-Pierre Dupont"]);
        assert_eq!(
            cite(&p, Style::Apa, None).text,
            "Smith, J. R., & Dupont, J.-P. (2019). The Geography of Growth: A Survey. \
             Journal of Economic Perspectives, 33(3), 3–26. https://doi.org/10.1257/jep.33.3.3"
        );
        let names: Vec<String> = (1..=22).map(|i| format!("Ann Name{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let many = cite(&western(&refs), Style::Apa, None).text;
        assert!(
            many.contains("Name19, A., . . . Name22, A. (2019)"),
            "{many}"
        );
        assert!(!many.contains("Name20"), "{many}");
    }

    #[test]
    fn apa_without_authors_moves_the_title_first() {
        let p = western(&[]);
        let c = cite(&p, Style::Apa, Some(5));
        assert!(c.text.starts_with(
            "The Geography of Growth: A Survey. (2019). Journal of Economic Perspectives, 33(3)"
        ));
        assert_eq!(
            c.intext,
            "(“The Geography of Growth: A Survey”, 2019, p. 5)"
        );
    }

    #[test]
    fn the_parenthetical_citation_names_surnames_and_the_page() {
        let p = western(&["John Smith", "Cai Wencheng"]);
        assert_eq!(
            cite(&p, Style::Apa, Some(7)).intext,
            "(Smith & Cai, 2019, p. 7)"
        );
        let p = western(&["John Smith", "Cai Wencheng", "Liu, Bo"]);
        assert_eq!(cite(&p, Style::Apa, None).intext, "(Smith et al., 2019)");
        assert!(
            cite(&p, Style::Apa, None)
                .text
                .starts_with("Smith, J., Cai, W., & Liu, B. (2019).")
        );
    }
}
