//! NoteExpress files: `{Reference Type}: Journal Article`, `{Title}: …`, records separated by
//! blank lines. CNKI and Wanfang both export this format.

use super::clean;
use super::endnote;
use super::entry::ImportedEntry;
use super::error::ImportError;
use super::names;
use super::tagged::{self, Record, Syntax};

/// Every record of a NoteExpress file that states something citable.
pub fn parse(text: &str) -> Result<Vec<ImportedEntry>, ImportError> {
    tagged::parse(text, &SYNTAX, entry)
}

const SYNTAX: Syntax = Syntax {
    name: "NoteExpress",
    field: field_line,
    start: "Reference Type",
    end: None,
    blank_ends: true,
    example: "{Reference Type}: Journal Article",
};

/// `{Title}: value` → `("Title", "value")`; the colon may be full-width and the space after
/// it missing, as some exporters write it.
pub(super) fn field_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('{')?;
    let (tag, after) = rest.split_once('}')?;
    if tag.is_empty() || tag.contains('{') {
        return None;
    }
    let value = after
        .strip_prefix(':')
        .or_else(|| after.strip_prefix('：'))?;
    Some((tag.trim(), value.trim()))
}

fn entry(r: &Record) -> ImportedEntry {
    let mut e = ImportedEntry::at_line(r.line);
    e.kind = r
        .first(&["Reference Type"])
        .map(endnote::kind)
        .unwrap_or_default();
    e.title = r.first(&["Title"]).and_then(clean::text);
    // `{Translated Author}` holds the same people in Latin script: not more authors.
    e.authors = names::authors(r.all("Author"));
    e.journal = r
        .first(&["Journal", "Source", "Secondary Title"])
        .and_then(clean::text);
    e.year = r.first(&["Year", "Date"]).and_then(clean::year);
    e.volume = r.first(&["Volume"]).and_then(clean::number);
    e.issue = r.first(&["Issue", "Number"]).and_then(clean::number);
    e.pages = r.first(&["Pages"]).and_then(clean::pages);
    e.url = r.first(&["URL"]).and_then(clean::url);
    e.doi = r.first(&["DOI"]).and_then(clean::doi);
    e.language = r.first(&["Language"]).and_then(clean::language);
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sources::meta::fixtures;

    const CNKI: &str = include_str!("testdata/cnki.net.txt");
    const WANFANG: &str = include_str!("testdata/wanfang.net.txt");

    #[test]
    fn field_lines() {
        assert_eq!(
            field_line("{Reference Type}: Journal Article"),
            Some(("Reference Type", "Journal Article"))
        );
        assert_eq!(field_line("{Title}:无空格"), Some(("Title", "无空格")));
        assert_eq!(field_line("{Year}：2020"), Some(("Year", "2020")));
        assert_eq!(field_line("{Keywords}:"), Some(("Keywords", "")));
        assert_eq!(field_line("{\"id\": 1}"), None);
        assert_eq!(field_line("{}: x"), None);
        assert_eq!(field_line("plain text"), None);
    }

    #[test]
    fn cnki_export() {
        let got = parse(CNKI).expect("parses");
        assert_eq!(got.len(), 2);
        let a = &got[0];
        fixtures::assert_zhongzhou_2025(a);
        assert_eq!(
            a.authors,
            ["刘博", "蔡文成"],
            "`;`-separated with a trailing `;`"
        );
        let b = &got[1];
        assert_eq!(b.authors, ["Smith, John", "Doe, Jane"]);
        assert_eq!(b.journal.as_deref(), Some("Nature Machine Intelligence"));
        assert_eq!(b.origin.line, 16);
    }

    #[test]
    fn wanfang_export() {
        let got = parse(WANFANG).expect("parses");
        assert_eq!(got.len(), 1);
        let a = &got[0];
        assert_eq!(
            a.authors,
            ["许雅琼", "张银萍"],
            "translated authors are not authors"
        );
        assert_eq!(a.journal.as_deref(), Some("临床医学研究与实践"));
        assert_eq!(a.volume.as_deref(), Some("5"));
        assert_eq!(a.issue.as_deref(), Some("1"));
        assert_eq!(a.pages.as_deref(), Some("49-51"));
        assert_eq!(
            a.doi.as_deref(),
            Some("10.19347/j.cnki.2096-1413.202001019")
        );
        assert_eq!(a.language.as_deref(), Some("zh"), "`chi`");
        assert!(
            a.url
                .as_deref()
                .is_some_and(|u| u.starts_with("http://www.wanfangdata.com.cn/"))
        );
    }
}
