//! EndNote tagged ("Refer") files: `%0 Journal Article`, `%T …`, records separated by blank
//! lines. CNKI's "EndNote" export is this format.

use super::clean;
use super::entry::{EntryKind, ImportedEntry};
use super::error::ImportError;
use super::names;
use super::tagged::{self, Record, Syntax};

/// Every record of an EndNote tagged file that states something citable.
pub fn parse(text: &str) -> Result<Vec<ImportedEntry>, ImportError> {
    tagged::parse(text, &SYNTAX, entry)
}

const SYNTAX: Syntax = Syntax {
    name: "EndNote",
    field: field_line,
    start: "%0",
    end: None,
    blank_ends: true,
    example: "%0 Journal Article",
};

/// `%T Title` → `("%T", "Title")`: `%`, one tag character, then a space or the end of the
/// line. A BibTeX comment (`% text`, `%%`) is not a field line.
pub(super) fn field_line(line: &str) -> Option<(&str, &str)> {
    let mut chars = line.char_indices();
    if chars.next()?.1 != '%' {
        return None;
    }
    let (_, tag) = chars.next()?;
    if tag.is_whitespace() || tag == '%' || !tag.is_ascii() {
        return None;
    }
    let rest = &line[2..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    Some((&line[..2], rest.trim()))
}

fn entry(r: &Record) -> ImportedEntry {
    let mut e = ImportedEntry::at_line(r.line);
    e.kind = r.first(&["%0"]).map(kind).unwrap_or_default();
    e.title = r.first(&["%T"]).and_then(clean::text);
    // CNKI writes one `%A` a name; some exports put the whole list on one line.
    e.authors = names::authors(r.all("%A"));
    e.journal = r.first(&["%J", "%B"]).and_then(clean::text);
    e.year = r.first(&["%D", "%8"]).and_then(clean::year);
    e.volume = r.first(&["%V"]).and_then(clean::number);
    e.issue = r.first(&["%N"]).and_then(clean::number);
    e.pages = r.first(&["%P"]).and_then(clean::pages);
    e.url = r.first(&["%U"]).and_then(clean::url);
    e.doi = r.all("%R").find_map(clean::doi).or_else(|| {
        e.url
            .as_deref()
            .filter(|u| u.contains("doi.org/"))
            .and_then(clean::doi)
    });
    e.language = r.first(&["%G"]).and_then(clean::language);
    e.key = r.first(&["%F"]).and_then(clean::key);
    e
}

/// The kind of work an EndNote reference type names (`%0`, and NoteExpress's
/// `{Reference Type}`, which uses the same names).
pub(super) fn kind(ty: &str) -> EntryKind {
    match ty.trim().to_ascii_lowercase().as_str() {
        "journal article" | "magazine article" | "electronic article" => EntryKind::JournalArticle,
        "book" | "edited book" | "electronic book" => EntryKind::Book,
        "book section" | "electronic book section" => EntryKind::BookSection,
        "conference proceedings" | "conference paper" => EntryKind::ConferencePaper,
        "thesis" | "dissertation" => EntryKind::Thesis,
        "report" => EntryKind::Report,
        "newspaper article" => EntryKind::NewspaperArticle,
        "web page" | "electronic source" => EntryKind::Webpage,
        "patent" => EntryKind::Patent,
        "standard" => EntryKind::Standard,
        other => EntryKind::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sources::meta::fixtures;

    const CNKI: &str = include_str!("testdata/cnki.enw");

    #[test]
    fn field_lines() {
        assert_eq!(
            field_line("%0 Journal Article"),
            Some(("%0", "Journal Article"))
        );
        assert_eq!(field_line("%A 张三"), Some(("%A", "张三")));
        assert_eq!(field_line("%K"), Some(("%K", "")));
        assert_eq!(field_line("%@ 1003-0751"), Some(("%@", "1003-0751")));
        assert_eq!(field_line("% Encoding: UTF-8"), None);
        assert_eq!(field_line("%% comment"), None);
        assert_eq!(field_line("%comment"), None);
        assert_eq!(field_line("%中 x"), None);
    }

    #[test]
    fn cnki_export() {
        let got = parse(CNKI).expect("parses");
        assert_eq!(got.len(), 3);
        let a = &got[0];
        fixtures::assert_zhongzhou_2025(a);
        assert_eq!(a.kind, EntryKind::JournalArticle);
        assert_eq!(a.origin.line, 1);

        let b = &got[1];
        assert_eq!(
            b.authors,
            ["王伟", "李明", "赵晓燕"],
            "one-line list, padded names"
        );
        assert_eq!(b.volume.as_deref(), Some("44"));
        assert_eq!(b.pages.as_deref(), Some("112-128"));
        assert_eq!(b.doi.as_deref(), Some("10.5555/jjyj.2024.05.008"));
        assert_eq!(
            b.title.as_deref(),
            Some("数字经济与区域创新：基于省级面板数据的实证研究")
        );

        let c = &got[2];
        assert_eq!(c.kind, EntryKind::Thesis);
        assert_eq!(c.journal, None, "a thesis has a university, not a journal");
        assert_eq!(c.year, Some(2023));
        assert_eq!(c.doi, None, "%R that is not a DOI");
    }
}
