//! CSL-JSON, as Zotero, Better BibTeX, citeproc tools and Crossref write it: an array of
//! items, each with `title`, `author: [{family, given} | {literal}]`, `issued: {date-parts}` ….
//! Values are read loosely (numbers or strings, one string or an array of them) because
//! exporters disagree on those details.

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::clean;
use super::entry::{EntryKind, ImportedEntry};
use super::error::{ImportError, Lines};
use super::names;

/// Every item of a CSL-JSON file (an array of items, or a single item) that states something
/// citable.
pub fn parse(text: &str) -> Result<Vec<ImportedEntry>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    // Items are kept raw first so each one's line can be found from where it sits in `text`.
    let raw: Vec<&RawValue> = if trimmed.starts_with('[') {
        serde_json::from_str(text).map_err(json_error)?
    } else {
        vec![serde_json::from_str(text).map_err(json_error)?]
    };
    let lines = Lines::of(text);
    let mut out = Vec::new();
    for item in raw {
        let line = lines.line(offset_in(text, item.get()));
        let value: Value = serde_json::from_str(item.get()).map_err(json_error)?;
        let Value::Object(map) = value else {
            return Err(ImportError::at(line, "a CSL-JSON item must be an object"));
        };
        let e = entry(&map, line);
        if e.has_facts() {
            out.push(e);
        }
    }
    Ok(out)
}

/// Byte offset of `part`, a slice of `whole`, inside it.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

fn json_error(e: serde_json::Error) -> ImportError {
    let mut message = e.to_string();
    // serde_json appends " at line L column C"; the line goes in its own field.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    ImportError {
        file: None,
        line: (e.line() > 0).then_some(e.line()),
        message: format!("not valid CSL-JSON: {message}"),
    }
}

fn entry(item: &Map<String, Value>, line: usize) -> ImportedEntry {
    let mut e = ImportedEntry::at_line(line);
    let text = |name: &str| item.get(name).and_then(string);
    e.kind = text("type").as_deref().map(kind).unwrap_or_default();
    e.key = text("citation-key")
        .or_else(|| text("id"))
        .as_deref()
        .and_then(clean::key);
    e.title = text("title").as_deref().and_then(clean::text);
    e.authors = item
        .get("author")
        .and_then(Value::as_array)
        .map(|people| people.iter().filter_map(person).collect())
        .unwrap_or_default();
    e.journal = text("container-title")
        .or_else(|| text("collection-title"))
        .as_deref()
        .and_then(clean::text);
    e.year = item.get("issued").and_then(year);
    e.volume = text("volume").as_deref().and_then(clean::number);
    e.issue = text("issue")
        .or_else(|| text("number"))
        .as_deref()
        .and_then(clean::number);
    e.pages = text("page").as_deref().and_then(clean::pages);
    e.doi = text("DOI").as_deref().and_then(clean::doi);
    e.url = text("URL").as_deref().and_then(clean::url);
    e.language = text("language").as_deref().and_then(clean::language);
    e
}

/// A string from a string, a number, or the first of an array of them (Crossref writes
/// `"container-title": ["…"]`).
fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(string),
        _ => None,
    }
}

/// One author: `{family, given}` (with particles), or `{literal}` for single-field names
/// such as most Chinese names and institutions.
fn person(v: &Value) -> Option<String> {
    let field = |name: &str| v.get(name).and_then(string).unwrap_or_default();
    if let Some(literal) = v.get("literal").and_then(string) {
        return names::name(&literal);
    }
    let particle = [field("dropping-particle"), field("non-dropping-particle")]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let family = if particle.is_empty() {
        field("family")
    } else {
        format!("{particle} {}", field("family"))
    };
    names::from_parts(&family, &field("given"))
}

/// The year of a CSL date: `{"date-parts": [[2025, 6]]}` (numbers or strings), or
/// `{"raw": "2025-06"}` / `{"literal": "2025年"}` from exporters that do not split dates.
fn year(v: &Value) -> Option<u32> {
    let from_parts = v
        .get("date-parts")
        .and_then(Value::as_array)
        .and_then(|parts| parts.first())
        .and_then(Value::as_array)
        .and_then(|first| first.first())
        .and_then(string)
        .and_then(|y| clean::year(&y));
    from_parts
        .or_else(|| v.get("raw").and_then(string).and_then(|s| clean::year(&s)))
        .or_else(|| {
            v.get("literal")
                .and_then(string)
                .and_then(|s| clean::year(&s))
        })
        .or_else(|| string(v).and_then(|s| clean::year(&s)))
}

/// The kind of work a CSL `type` names.
fn kind(ty: &str) -> EntryKind {
    match ty {
        "article-journal" | "article-magazine" | "article" => EntryKind::JournalArticle,
        "book" => EntryKind::Book,
        "chapter" => EntryKind::BookSection,
        "paper-conference" => EntryKind::ConferencePaper,
        "thesis" => EntryKind::Thesis,
        "report" => EntryKind::Report,
        "article-newspaper" => EntryKind::NewspaperArticle,
        "webpage" | "post-weblog" => EntryKind::Webpage,
        "patent" => EntryKind::Patent,
        "standard" => EntryKind::Standard,
        other => EntryKind::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sources::meta::fixtures;

    const ZOTERO: &str = include_str!("testdata/zotero.json");

    #[test]
    fn zotero_export() {
        let got = parse(ZOTERO).expect("parses");
        assert_eq!(got.len(), 3);
        let a = &got[0];
        fixtures::assert_zhongzhou_2025(a);
        assert_eq!(a.key.as_deref(), Some("liu2025xinzhi"));
        assert_eq!(a.language.as_deref(), Some("zh-CN"));
        assert_eq!(a.origin.line, 2);

        let b = &got[1];
        assert_eq!(b.key, None, "Zotero's URI ids are not citation keys");
        assert_eq!(
            b.authors,
            ["Chen, Li", "van der Berg, Anna", "Smith, John A."]
        );
        assert_eq!(b.journal.as_deref(), Some("Journal of Documentation"));
        assert_eq!(b.year, Some(2021));
        assert_eq!(b.volume.as_deref(), Some("77"));
        assert_eq!(b.doi.as_deref(), Some("10.5555/jd.2021.0158"));
        assert_eq!(b.kind, EntryKind::JournalArticle);

        let c = &got[2];
        assert_eq!(c.year, Some(2019), "string date parts");
        assert_eq!(c.journal.as_deref(), Some("China Quarterly"), "array title");
        assert_eq!(c.volume.as_deref(), Some("12"), "number volume");
        assert_eq!(c.authors, ["王伟"], "family and given in Chinese");
    }

    #[test]
    fn single_item_and_dates() {
        let got =
            parse(r#"{"id": "k1", "title": "T", "issued": {"raw": "2020-01"}}"#).expect("parses");
        assert_eq!(got[0].year, Some(2020));
        assert_eq!(got[0].key.as_deref(), Some("k1"));
        let got = parse(r#"[{"title": "T", "issued": {"literal": "2018年"}}]"#).expect("parses");
        assert_eq!(got[0].year, Some(2018));
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("[\n{\"title\": \"a\"},\n{\"title\": }\n]").expect_err("refused");
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.starts_with("not valid CSL-JSON"),
            "{}",
            err.message
        );
        let err = parse("[\n1\n]").expect_err("refused");
        assert_eq!(err.line, Some(2));
        assert_eq!(parse("[]").expect("parses"), []);
    }
}
