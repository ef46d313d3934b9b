//! Which format a metadata file is in, from what it holds: CNKI saves RIS, EndNote and
//! NoteExpress exports all as `.txt`, and people rename files, so the extension is only a hint.

use std::path::Path;

use super::{endnote, noteexpress, ris};

/// A metadata file format lunwen reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Bibtex,
    CslJson,
    Ris,
    EndNote,
    NoteExpress,
}

impl Format {
    /// How messages name the format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Bibtex => "BibTeX",
            Format::CslJson => "CSL-JSON",
            Format::Ris => "RIS",
            Format::EndNote => "EndNote",
            Format::NoteExpress => "NoteExpress",
        }
    }

    /// The format a file name suggests, for files whose content does not say (an empty
    /// export). `.txt` suggests nothing: CNKI uses it for three formats.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "bib" | "bibtex" | "biblatex" => Format::Bibtex,
            "json" | "csljson" => Format::CslJson,
            "ris" => Format::Ris,
            "enw" | "enl" => Format::EndNote,
            "net" | "ne" => Format::NoteExpress,
            _ => return None,
        })
    }
}

/// How many non-blank lines are looked at before giving up: a BibTeX file may open with a
/// long comment, but a file that shows no format that soon is not one of these.
const LOOK_AHEAD: usize = 200;

/// The format of `text`, judged from its first field lines; `None` for anything else.
pub fn detect(text: &str) -> Option<Format> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty())
        .take(LOOK_AHEAD);
    let first = lines.clone().next()?;
    if noteexpress::field_line(first).is_none()
        && (first.starts_with('[') || first.starts_with('{'))
    {
        return Some(Format::CslJson);
    }
    lines.find_map(|line| {
        let line = line.trim_end();
        if noteexpress::field_line(line).is_some() {
            Some(Format::NoteExpress)
        } else if ris::field_line(line).is_some_and(|(tag, _)| tag == "TY") {
            Some(Format::Ris)
        } else if endnote::field_line(line).is_some() {
            Some(Format::EndNote)
        } else if is_bibtex_entry(line) {
            Some(Format::Bibtex)
        } else {
            None
        }
    })
}

/// `@article{`, `@Book (`, `@string{` …: an `@`, a word, then an opening brace or parenthesis.
fn is_bibtex_entry(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('@') else {
        return false;
    };
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    word_end > 0 && rest[word_end..].trim_start().starts_with(['{', '('])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_fixture_is_recognised() {
        let cases = [
            (include_str!("testdata/zotero.bib"), Format::Bibtex),
            (include_str!("testdata/zotero.json"), Format::CslJson),
            (include_str!("testdata/zotero.ris"), Format::Ris),
            (include_str!("testdata/cnki.ris"), Format::Ris),
            (include_str!("testdata/cnki.enw"), Format::EndNote),
            (include_str!("testdata/cnki.net.txt"), Format::NoteExpress),
            (
                include_str!("testdata/wanfang.net.txt"),
                Format::NoteExpress,
            ),
        ];
        for (text, format) in cases {
            assert_eq!(
                detect(text),
                Some(format),
                "{}",
                &text[..40.min(text.len())]
            );
        }
    }

    #[test]
    fn comments_before_bibtex_and_other_text() {
        assert_eq!(
            detect("% This file was created with JabRef.\n%\n@Article{k,\n}"),
            Some(Format::Bibtex)
        );
        assert_eq!(detect("@Book (k, title = {x})"), Some(Format::Bibtex));
        assert_eq!(detect("Dear reader,\nthis is a letter.\n"), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("user@example.com {not bib}"), None);
    }

    #[test]
    fn extensions_are_hints() {
        assert_eq!(
            Format::from_extension(Path::new("a.BIB")),
            Some(Format::Bibtex)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.ris")),
            Some(Format::Ris)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.enw")),
            Some(Format::EndNote)
        );
        assert_eq!(Format::from_extension(Path::new("a.txt")), None);
        assert_eq!(Format::from_extension(Path::new("noext")), None);
    }
}
