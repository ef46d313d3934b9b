//! APA 7th edition.

use super::names::{WesternName, is_cjk_name};
use super::{Facts, end_sentence};

/// APA: `Smith, J. R.`, `Dupont, J.-P.`; Chinese names as written.
fn apa_name(name: &str) -> String {
    if is_cjk_name(name) {
        return name.to_string();
    }
    let n = WesternName::parse(name);
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

/// `刘博, & 蔡文成. (2025). 以…研究. 中州学刊, 41(6), 34–41. https://doi.org/…`
pub(super) fn apa(f: &Facts) -> String {
    if f.uncitable() {
        return String::new();
    }
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
    use crate::corpus::citation::tests::western;
    use crate::corpus::citation::{Style, cite};

    #[test]
    fn apa_initials_ampersand_and_doi() {
        let p = western(&["John Robert Smith", "Jean-Pierre Dupont"]);
        assert_eq!(
            cite(&p, Style::Apa).text,
            "Smith, J. R., & Dupont, J.-P. (2019). The Geography of Growth: A Survey. \
             Journal of Economic Perspectives, 33(3), 3–26. https://doi.org/10.1257/jep.33.3.3"
        );
        let names: Vec<String> = (1..=22).map(|i| format!("Ann Name{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let many = cite(&western(&refs), Style::Apa).text;
        assert!(
            many.contains("Name19, A., . . . Name22, A. (2019)"),
            "{many}"
        );
        assert!(!many.contains("Name20"), "{many}");
    }

    #[test]
    fn apa_without_authors_moves_the_title_first() {
        let p = western(&[]);
        assert!(cite(&p, Style::Apa).text.starts_with(
            "The Geography of Growth: A Survey. (2019). Journal of Economic Perspectives, 33(3)"
        ));
    }
}
