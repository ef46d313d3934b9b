//! RIS (`TY  - JOUR` … `ER  - `), as Zotero, EndNote, CNKI, Wanfang and most publishers
//! export it.

use super::clean;
use super::entry::{EntryKind, ImportedEntry};
use super::error::ImportError;
use super::names;
use super::tagged::{self, Record, Syntax};

/// Every record of a RIS file that states something citable.
pub fn parse(text: &str) -> Result<Vec<ImportedEntry>, ImportError> {
    tagged::parse(text, &SYNTAX, entry)
}

const SYNTAX: Syntax = Syntax {
    name: "RIS",
    field: field_line,
    start: "TY",
    end: Some("ER"),
    blank_ends: false,
    example: "TY  - JOUR",
};

/// `TI  - Title` → `("TI", "Title")`. The standard puts two spaces before the hyphen; exports
/// also write one or none, and `ER  -` has nothing after it.
pub(super) fn field_line(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    if bytes.len() < 3
        || !bytes[0].is_ascii_uppercase()
        || !(bytes[1].is_ascii_uppercase() || bytes[1].is_ascii_digit())
    {
        return None;
    }
    let rest = &line[2..];
    let after_spaces = rest.trim_start_matches(' ');
    if rest.len() - after_spaces.len() > 3 {
        return None;
    }
    let value = after_spaces.strip_prefix('-')?;
    if !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    Some((&line[..2], value.trim()))
}

fn entry(r: &Record) -> ImportedEntry {
    let mut e = ImportedEntry::at_line(r.line);
    e.kind = r.first(&["TY"]).map(kind).unwrap_or_default();
    e.title = r.first(&["TI", "T1", "CT"]).and_then(clean::text);
    e.authors = names::authors(r.all_of_first(&["AU", "A1"]));
    e.journal = r
        .first(&["T2", "JF", "JO", "BT", "JA", "J2"])
        .and_then(clean::text);
    e.year = r.first(&["PY", "Y1", "DA"]).and_then(clean::year);
    e.volume = r.first(&["VL"]).and_then(clean::number);
    e.issue = r.first(&["IS"]).and_then(clean::number);
    e.pages = clean::page_range(r.first(&["SP"]), r.first(&["EP"]));
    e.url = r.first(&["UR", "L2"]).and_then(clean::url);
    // No `DO`: older exports put the DOI in `M3` or `N1`, or only in a doi.org URL.
    e.doi = r
        .first(&["DO", "DI"])
        .and_then(clean::doi)
        .or_else(|| r.all("M3").find_map(clean::doi))
        .or_else(|| {
            e.url
                .as_deref()
                .filter(|u| u.contains("doi.org/"))
                .and_then(clean::doi)
        });
    e.language = r.first(&["LA"]).and_then(clean::language);
    e.key = r.first(&["ID"]).and_then(clean::key);
    e
}

/// The kind of work a `TY` code names.
fn kind(ty: &str) -> EntryKind {
    match ty.trim().to_ascii_uppercase().as_str() {
        "JOUR" | "JFULL" | "MGZN" | "EJOUR" | "INPR" => EntryKind::JournalArticle,
        "BOOK" | "EBOOK" | "EDBOOK" => EntryKind::Book,
        "CHAP" | "ECHAP" => EntryKind::BookSection,
        "CONF" | "CPAPER" => EntryKind::ConferencePaper,
        "THES" => EntryKind::Thesis,
        "RPRT" => EntryKind::Report,
        "NEWS" => EntryKind::NewspaperArticle,
        "ELEC" | "WEB" | "BLOG" => EntryKind::Webpage,
        "PAT" => EntryKind::Patent,
        "STAND" => EntryKind::Standard,
        other => EntryKind::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sources::meta::fixtures;

    const ZOTERO: &str = include_str!("testdata/zotero.ris");
    const CNKI: &str = include_str!("testdata/cnki.ris");

    #[test]
    fn field_lines() {
        assert_eq!(field_line("TY  - JOUR"), Some(("TY", "JOUR")));
        assert_eq!(field_line("TI - One space"), Some(("TI", "One space")));
        assert_eq!(field_line("ER  -"), Some(("ER", "")));
        assert_eq!(field_line("A1  - 张三"), Some(("A1", "张三")));
        assert_eq!(field_line("Ab  - x"), None);
        assert_eq!(field_line("TI  -x"), None);
        assert_eq!(field_line("TI      - far"), None);
        assert_eq!(field_line("wrapped text"), None);
    }

    #[test]
    fn zotero_export() {
        let got = parse(ZOTERO).expect("parses");
        assert_eq!(got.len(), 2);
        let a = &got[0];
        assert_eq!(a.kind, EntryKind::JournalArticle);
        assert_eq!(
            a.title.as_deref(),
            Some("Measuring Quotation Practices in Chinese Social Science Journals")
        );
        assert_eq!(a.authors, ["Chen, Li", "Wang, Fang", "Smith, John A."]);
        assert_eq!(a.journal.as_deref(), Some("Journal of Documentation"));
        assert_eq!(a.year, Some(2021));
        assert_eq!(a.volume.as_deref(), Some("77"));
        assert_eq!(a.issue.as_deref(), Some("4"));
        assert_eq!(a.pages.as_deref(), Some("881-902"));
        assert_eq!(a.doi.as_deref(), Some("10.5555/jd.2021.0158"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.origin.line, 1);
        let b = &got[1];
        assert_eq!(b.kind, EntryKind::BookSection);
        assert_eq!(
            b.journal.as_deref(),
            Some("The Handbook of Chinese Linguistics")
        );
        assert_eq!(b.authors, ["Duanmu, San"], "editors are not authors");
        assert_eq!(
            b.doi.as_deref(),
            Some("10.5555/hcl.2014.ch1"),
            "from the URL"
        );
        assert!(b.origin.line > 1);
    }

    #[test]
    fn cnki_export() {
        let got = parse(CNKI).expect("parses");
        assert_eq!(got.len(), 2);
        let a = &got[0];
        fixtures::assert_zhongzhou_2025(a);
        let b = &got[1];
        assert_eq!(b.authors, ["许雅琼", "张银萍"], "transliterations dropped");
        assert_eq!(b.pages.as_deref(), Some("49-51"));
        assert_eq!(
            b.doi.as_deref(),
            Some("10.19347/j.cnki.2096-1413.202001019")
        );
        assert_eq!(b.language.as_deref(), Some("zh"));
    }

    #[test]
    fn empty_records_and_garbage() {
        assert_eq!(parse("TY  - JOUR\nER  - \n").expect("parses"), []);
        assert_eq!(parse("").expect("parses"), []);
        let err = parse("Some heading\nTY  - JOUR\n").expect_err("refused");
        assert_eq!(err.line, Some(1));
    }
}
