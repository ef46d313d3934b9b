//! A corpus's bibliography for reference managers and writing tools (`lunwen bib`): BibTeX for
//! LaTeX, CSL-JSON for Pandoc (`--citeproc`) and Zotero, RIS for Zotero, EndNote and
//! NoteExpress, all under the same cite keys as the quotations.

use super::{Citer, Facts, bibtex, csl_json, ris};
use crate::corpus::model::Paper;
use crate::corpus::text::sanitize;

/// A bibliography format. Names are what `lunwen bib --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bibtex,
    CslJson,
    Ris,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Bibtex, Format::CslJson, Format::Ris];

    pub fn name(self) -> &'static str {
        match self {
            Format::Bibtex => "bibtex",
            Format::CslJson => "csl-json",
            Format::Ris => "ris",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// The entries of some papers in one format, and the papers left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bibliography {
    pub text: String,
    /// Papers with nothing to cite, and what they lack: (paper id, `nothing to cite (missing
    /// title, …)`).
    pub skipped: Vec<(String, String)>,
}

impl Citer {
    /// The bibliography of `papers` in `format`; papers without a title are left out and listed.
    pub fn bibliography(&self, papers: &[&Paper], format: Format) -> Bibliography {
        let mut entries = Vec::new();
        let mut skipped = Vec::new();
        for p in papers {
            let facts = Facts::of(p);
            if facts.uncitable() {
                let c = self.cite(p, super::Style::Bibtex, None);
                skipped.push((p.id.clone(), c.nothing_to_cite().unwrap_or_default()));
                continue;
            }
            let key = sanitize(&self.keys.get(p, &facts));
            entries.push((facts, key));
        }
        let text = match format {
            Format::Bibtex => entries
                .iter()
                .map(|(f, key)| sanitize(&bibtex::bibtex(f, key)) + "\n")
                .collect::<Vec<_>>()
                .join("\n"),
            Format::CslJson => csl_json::csl_json(&entries),
            Format::Ris => entries
                .iter()
                .map(|(f, key)| ris::ris(f, key))
                .collect::<String>(),
        };
        Bibliography { text, skipped }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::citation::Variants;
    use crate::corpus::citation::tests::western;

    #[test]
    fn every_format_writes_the_citable_papers_and_lists_the_rest() {
        let a = western(&["John Smith", "刘博"]);
        let mut b = western(&["John Smith"]);
        b.id = "x".into();
        let mut untitled = western(&["John Smith"]);
        untitled.id = "u".into();
        untitled.title = None;
        let papers = [a, b, untitled];
        let citer = Citer::new(&papers, Variants::default());
        let refs: Vec<&Paper> = papers.iter().collect();
        for &format in Format::ALL {
            let bib = citer.bibliography(&refs, format);
            assert_eq!(
                bib.skipped,
                [(
                    "u".to_string(),
                    "nothing to cite (missing title)".to_string()
                )]
            );
            // the two papers share a key by the rule: the second by id gets `a`
            assert!(bib.text.contains("smith2019geography"), "{}", bib.text);
            assert!(bib.text.contains("smith2019geographya"), "{}", bib.text);
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        let bib = citer.bibliography(&refs, Format::Bibtex).text;
        assert!(bib.starts_with("@article{smith2019geography,\n"), "{bib}");
        assert!(bib.ends_with("}\n"), "{bib}");
        assert_eq!(bib.matches("@article{").count(), 2);
    }
}
