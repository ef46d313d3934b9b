//! BibTeX `@article` entries under the paper's cite key (`liu2025yi`, see `keys`).

use super::names::Name;
use super::{Facts, primary_language};

/// The fields of an entry, in order, each value as BibTeX reads it; fields the paper lacks are
/// left out.
fn fields(f: &Facts) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !f.authors.is_empty() {
        let names: Vec<String> = f
            .authors
            .iter()
            .map(|a| bib_escape(&Name::parse(a).inverted()))
            .collect();
        fields.push(("author", names.join(" and ")));
    }
    if let Some(t) = f.title {
        fields.push(("title", bib_escape(t)));
    }
    if let Some(j) = f.journal {
        fields.push(("journal", bib_escape(j)));
    }
    if let Some(y) = f.year {
        fields.push(("year", y.to_string()));
    }
    if let Some(v) = f.volume {
        fields.push(("volume", bib_escape(v)));
    }
    if let Some(i) = f.issue {
        fields.push(("number", bib_escape(i)));
    }
    if let Some(p) = &f.pages {
        fields.push(("pages", bib_escape(&p.with_dash("--"))));
    }
    if let Some(d) = f.doi {
        fields.push(("doi", bib_verbatim(d)));
    }
    if let Some(u) = f.url {
        fields.push(("url", bib_verbatim(u)));
    }
    if let Some(lang) = f.language.and_then(langid) {
        fields.push(("langid", lang.to_string()));
    }
    fields
}

/// An `@article` entry keyed `key`.
pub(super) fn bibtex(f: &Facts, key: &str) -> String {
    let mut out = format!("@article{{{key},\n");
    for (name, value) in fields(f) {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    out.push('}');
    out
}

/// biblatex `langid` for a BCP 47 tag; unknown languages get no `langid` rather than a guess.
fn langid(tag: &str) -> Option<&'static str> {
    Some(match primary_language(tag).as_str() {
        "zh" => "chinese",
        "en" => "english",
        "ja" => "japanese",
        "ko" => "korean",
        "de" => "german",
        "fr" => "french",
        "ru" => "russian",
        "es" => "spanish",
        "it" => "italian",
        _ => return None,
    })
}

/// Escapes the characters LaTeX treats specially.
fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// DOI and URL fields are read verbatim by biblatex, so backslash escapes would be kept
/// literally; only braces, which would unbalance the entry, are percent-encoded.
fn bib_verbatim(s: &str) -> String {
    s.replace('{', "%7B").replace('}', "%7D")
}

#[cfg(test)]
mod tests {
    use crate::corpus::citation::Style;
    use crate::corpus::citation::tests::{cite, western};

    #[test]
    fn bibtex_escapes_specials_and_keys_latin_titles() {
        let mut p = western(&["Smith, John"]);
        p.title = Some("The 50% rule & {braces} in R_t".into());
        let c = cite(&p, Style::Bibtex, None);
        let b = &c.text;
        assert!(b.starts_with("@article{smith201950,\n"), "{b}");
        assert!(
            b.contains("title = {The 50\\% rule \\& \\{braces\\} in R\\_t},"),
            "{b}"
        );
        assert!(b.contains("author = {Smith, John},"), "{b}");
        assert!(b.contains("doi = {10.1257/jep.33.3.3},"), "{b}");
        assert!(b.contains("langid = {english},"), "{b}");
        assert_eq!(c.intext, "\\cite{smith201950}");
        assert_eq!(
            cite(&p, Style::Bibtex, Some(4)).intext,
            "\\cite[4]{smith201950}"
        );
    }

    #[test]
    fn pinyin_names_are_written_surname_first() {
        let p = western(&["Cai Wencheng", "Bo Liu"]);
        let b = cite(&p, Style::Bibtex, None).text;
        assert!(b.starts_with("@article{cai2019geography,\n"), "{b}");
        assert!(b.contains("author = {Cai, Wencheng and Liu, Bo},"), "{b}");
    }
}
