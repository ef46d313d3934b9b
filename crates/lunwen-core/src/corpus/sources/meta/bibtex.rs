//! BibTeX and BibLaTeX, read with the `biblatex` crate (braces, `@string` abbreviations,
//! month macros, LaTeX accents, crossrefs), then cleaned like every other format.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use biblatex::{
    Bibliography, ChunksExt, Entry, EntryType, Pair, ParseError, Person, RawBibliography, RawChunk,
    Spanned,
};

use super::clean;
use super::entry::{EntryKind, ImportedEntry};
use super::error::{ImportError, Lines, line_of};
use super::names;
use crate::corpus::text::is_cjk;

/// Every entry of a `.bib` file that states something citable, in file order.
pub fn parse(text: &str) -> Result<Vec<ImportedEntry>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_nesting(text)?;
    // The crate is not ours to audit line by line; a panic in it on some input must not take
    // the reader down, so it becomes an error like any other.
    let parsed = catch_unwind(AssertUnwindSafe(|| -> Result<_, ParseError> {
        let mut raw = RawBibliography::parse(text)?;
        define_missing_abbreviations(&mut raw);
        let starts: HashMap<String, usize> = raw
            .entries
            .iter()
            .map(|e| (e.v.key.v.to_string(), e.span.start))
            .collect();
        Ok((Bibliography::from_raw(raw)?, starts))
    }));
    let (bibliography, starts) = match parsed {
        Ok(Ok(ok)) => ok,
        Ok(Err(e)) => {
            return Err(ImportError::at(
                line_of(text, e.span.start),
                format!("not valid BibTeX: {}", e.kind),
            ));
        }
        Err(_) => return Err(ImportError::whole("not valid BibTeX: the parser gave up")),
    };
    let lines = Lines::of(text);
    let mut out: Vec<ImportedEntry> = bibliography
        .iter()
        .map(|e| {
            let start = starts.get(&e.key).copied().unwrap_or(0);
            entry(e, lines.line(start))
        })
        .filter(ImportedEntry::has_facts)
        .collect();
    out.sort_by_key(|e| e.origin.line);
    Ok(out)
}

/// Deepest brace nesting accepted. Real files protect a word or two (`{{NASA}}`, `{\"u}`);
/// the crate's time grows faster than the depth, so a file nested thousands deep would hang
/// the reader rather than fail.
const MAX_NESTING: usize = 64;

/// Refuses text whose braces nest deeper than [`MAX_NESTING`], naming the line.
fn check_nesting(text: &str) -> Result<(), ImportError> {
    let mut depth = 0usize;
    let mut escaped = false;
    for (offset, c) in text.char_indices() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '{' if !escaped => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(ImportError::at(
                        line_of(text, offset),
                        format!("not valid BibTeX: braces nested more than {MAX_NESTING} deep"),
                    ));
                }
            }
            '}' if !escaped => depth = depth.saturating_sub(1),
            _ => {}
        }
        escaped = false;
    }
    Ok(())
}

/// Month macros the crate knows without a definition.
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Defines every `@string` abbreviation the file uses but does not define as empty, the way
/// BibTeX itself treats them: files split their `@string`s into another file (journal
/// abbreviation lists), and one missing macro should cost a field, not the whole file.
fn define_missing_abbreviations(raw: &mut RawBibliography<'_>) {
    let defined: Vec<&str> = raw.abbreviations.iter().map(|p| p.key.v).collect();
    let used = raw
        .entries
        .iter()
        .flat_map(|e| e.v.fields.iter())
        .chain(raw.abbreviations.iter())
        .flat_map(|pair| pair.value.v.iter())
        .filter_map(|chunk| match chunk.v {
            RawChunk::Abbreviation(name) => Some(name),
            RawChunk::Normal(_) => None,
        });
    let mut missing: Vec<&str> = used
        .filter(|name| {
            !defined.contains(name) && !MONTHS.contains(&name.to_ascii_lowercase().as_str())
        })
        .collect();
    missing.sort_unstable();
    missing.dedup();
    for name in missing {
        raw.abbreviations.push(Pair::new(
            Spanned::detached(name),
            Spanned::detached(Vec::new()),
        ));
    }
}

fn entry(e: &Entry, line: usize) -> ImportedEntry {
    let field = |name: &str| e.get(name).map(|chunks| chunks.format_verbatim());
    let mut out = ImportedEntry::at_line(line);
    out.kind = kind(&e.entry_type);
    out.key = clean::text(&e.key);
    out.title = field("title")
        .as_deref()
        .and_then(clean::text)
        .map(
            |title| match field("subtitle").as_deref().and_then(clean::text) {
                Some(sub) if title.chars().any(is_cjk) => format!("{title}：{sub}"),
                Some(sub) => format!("{title}: {sub}"),
                None => title,
            },
        );
    out.authors = authors(e);
    out.journal = ["journaltitle", "journal", "booktitle"]
        .iter()
        .find_map(|f| field(f).as_deref().and_then(clean::text));
    out.year = ["date", "year"]
        .iter()
        .find_map(|f| field(f).as_deref().and_then(clean::year));
    out.volume = field("volume").as_deref().and_then(clean::number);
    out.issue = ["number", "issue"]
        .iter()
        .find_map(|f| field(f).as_deref().and_then(clean::number));
    out.pages = field("pages").as_deref().and_then(clean::pages);
    out.doi = field("doi").as_deref().and_then(clean::doi);
    out.url = field("url").as_deref().and_then(clean::url);
    out.language = ["langid", "language"]
        .iter()
        .find_map(|f| field(f).as_deref().and_then(clean::language));
    out
}

/// The `author` field as names. `and` separates BibTeX names, but Chinese exports and
/// hand-written files also write `{张三，李四}` or `{张三; 李四}`: a field the crate reads as one
/// person that splits as a Chinese list is taken as that list.
fn authors(e: &Entry) -> Vec<String> {
    let Some(chunks) = e.get("author") else {
        return Vec::new();
    };
    let people: Vec<Person> = e.author().unwrap_or_default();
    if people.len() <= 1 {
        let raw = chunks.format_verbatim();
        if names::split_list(&raw).len() > 1 {
            return names::authors([raw.as_str()]);
        }
    }
    let names: Vec<String> = people.iter().filter_map(person).collect();
    names::authors(names.iter().map(String::as_str))
}

/// `von Neumann, John, Jr.` → `von Neumann Jr., John`; a single-part name (most Chinese
/// names, `{{中国社会科学院}}`) as written.
fn person(p: &Person) -> Option<String> {
    let family = [p.prefix.as_str(), p.name.as_str(), p.suffix.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    names::from_parts(&family, &p.given_name)
}

/// The kind of work an entry type names.
fn kind(t: &EntryType) -> EntryKind {
    match t {
        EntryType::Article | EntryType::SuppPeriodical => EntryKind::JournalArticle,
        EntryType::Book | EntryType::MvBook | EntryType::Collection => EntryKind::Book,
        EntryType::InBook | EntryType::InCollection | EntryType::BookInBook => {
            EntryKind::BookSection
        }
        EntryType::InProceedings | EntryType::Proceedings => EntryKind::ConferencePaper,
        EntryType::Thesis | EntryType::MastersThesis | EntryType::PhdThesis => EntryKind::Thesis,
        EntryType::Report | EntryType::TechReport => EntryKind::Report,
        EntryType::Online => EntryKind::Webpage,
        EntryType::Patent => EntryKind::Patent,
        EntryType::Unknown(name) if name == "standard" => EntryKind::Standard,
        EntryType::Unknown(name) if name == "newspaper" => EntryKind::NewspaperArticle,
        EntryType::Unknown(name) => EntryKind::Other(name.clone()),
        other => EntryKind::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sources::meta::fixtures;

    const ZOTERO: &str = include_str!("testdata/zotero.bib");

    #[test]
    fn export_with_chinese_and_english_entries() {
        let got = parse(ZOTERO).expect("parses");
        assert_eq!(got.len(), 4);
        let a = &got[0];
        fixtures::assert_zhongzhou_2025(a);
        assert_eq!(a.key.as_deref(), Some("liu2025xinzhi"));
        assert_eq!(a.language.as_deref(), Some("zh"), "langid chinese");
        assert_eq!(a.kind, EntryKind::JournalArticle);
        assert_eq!(a.origin.line, 4);

        let b = &got[1];
        assert_eq!(
            b.title.as_deref(),
            Some("Measuring Quotation Practices in Chinese Social Science Journals"),
            "protected title"
        );
        assert_eq!(
            b.authors,
            ["Chen, Li", "van der Berg, Anna", "Smith, John A."]
        );
        assert_eq!(b.journal.as_deref(), Some("Journal of Documentation"));
        assert_eq!(b.year, Some(2021));
        assert_eq!(b.volume.as_deref(), Some("77"));
        assert_eq!(b.issue.as_deref(), Some("4"));
        assert_eq!(b.pages.as_deref(), Some("881-902"));
        assert_eq!(b.doi.as_deref(), Some("10.5555/jd.2021.0158"));
        assert_eq!(b.language.as_deref(), Some("en"));

        let c = &got[2];
        assert_eq!(c.authors, ["王伟", "李明"], "comma-separated Chinese list");
        assert_eq!(c.journal.as_deref(), Some("经济研究"), "from @string");
        assert_eq!(
            c.title.as_deref(),
            Some("数字经济与区域创新：基于省级面板数据")
        );
        assert_eq!(c.issue.as_deref(), Some("5"), "issue field");

        let d = &got[3];
        assert_eq!(d.kind, EntryKind::ConferencePaper);
        assert_eq!(
            d.journal.as_deref(),
            Some("Proceedings of ACL"),
            "booktitle"
        );
        assert_eq!(d.authors, ["Müller, Jürgen"], "LaTeX accents");
        assert_eq!(d.year, Some(2019));
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("@article{a,\n  title = {x},\n  year = {2020\n}\n").expect_err("refused");
        assert!(err.line.is_some(), "{err}");
        assert!(
            err.message.starts_with("not valid BibTeX"),
            "{}",
            err.message
        );
        let err = parse("@article{a, title={x}}\n\n@article{a, title={y}}\n").expect_err("dup");
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("a"), "{}", err.message);
    }

    #[test]
    fn undefined_abbreviations_cost_only_their_field() {
        let got = parse("@article{a, title = {T}, journal = jdoc, month = jun, year = 2020}")
            .expect("parses");
        assert_eq!(got[0].journal, None);
        assert_eq!(got[0].year, Some(2020));
        assert_eq!(got[0].title.as_deref(), Some("T"));
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let deep = format!(
            "@article{{a,\n title = {{{}{}}}}}",
            "{".repeat(100_000),
            "}".repeat(100_000)
        );
        let err = parse(&deep).expect_err("refused");
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("nested"), "{}", err.message);
        let protected = "@article{a, title = {{The {NASA} {\\\"u}ber {C}ase}}}";
        assert_eq!(parse(protected).expect("parses").len(), 1);
    }

    #[test]
    fn large_libraries_parse_in_linear_time() {
        // Finding each entry's line by rescanning the text made 10,000 entries take minutes.
        let text: String = (0..4000)
            .map(|i| format!("@article{{k{i},\n  title = {{Title {i}}},\n  year = {{2020}}\n}}\n"))
            .collect();
        let start = std::time::Instant::now();
        let got = parse(&text).expect("parses");
        assert!(
            start.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(got.len(), 4000);
        assert_eq!(got[3999].origin.line, 3999 * 4 + 1);
    }

    #[test]
    fn empty_and_comment_only_files() {
        assert_eq!(parse("").expect("parses"), []);
        assert_eq!(
            parse("% just a comment\n@comment{x}\n").expect("parses"),
            []
        );
    }
}
