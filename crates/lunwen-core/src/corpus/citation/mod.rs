//! Citation strings for a paper in the styles researchers are asked for, and the quotation
//! (quote + citation) that goes to the clipboard.
//!
//! Nothing here invents a value: a field the paper lacks is left out of the string so no empty
//! slot shows (`[J]. , (): .`), and is listed in [`Citation::missing`] for the status message.
//! A paper with no title, no authors and no journal has nothing citable: the prose styles give an
//! empty string (the quotation is then the quote alone) and BibTeX gives an entry holding only
//! what is known, keyed by the paper id.
//!
//! This module holds what every style shares: the [`Style`] names, the facts a citation is built
//! from and the ones missing, the dispatch to a style, and the quotation template. Each style
//! writes its string in its own module (`gbt7714`, `note`, `apa`, `bibtex`), with personal names
//! in Latin script read by `names`.

mod apa;
mod bibtex;
mod gbt7714;
mod names;
mod note;

use super::model::Paper;
use super::text::{is_cjk, sanitize};

/// A citation style. Names are what the config file and `--style` accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// GB/T 7714-2015 reference-list entry.
    GbT7714,
    /// Chinese note style (注释).
    ChineseNote,
    /// APA 7th edition.
    Apa,
    /// BibTeX `@article` entry.
    Bibtex,
}

impl Style {
    pub const ALL: &'static [Style] = &[
        Style::GbT7714,
        Style::ChineseNote,
        Style::Apa,
        Style::Bibtex,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Style::GbT7714 => "gbt7714",
            Style::ChineseNote => "note",
            Style::Apa => "apa",
            Style::Bibtex => "bibtex",
        }
    }

    pub fn from_name(name: &str) -> Option<Style> {
        Style::ALL.iter().copied().find(|s| s.name() == name)
    }

    /// How the status bar names the style.
    pub fn label(self) -> &'static str {
        match self {
            Style::GbT7714 => "GB/T 7714",
            Style::ChineseNote => "注释",
            Style::Apa => "APA",
            Style::Bibtex => "BibTeX",
        }
    }

    /// The style after this one, for cycling in the app.
    pub fn next(self) -> Style {
        let i = Style::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Style::ALL[(i + 1) % Style::ALL.len()]
    }
}

/// A citation of one paper in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub style: Style,
    /// The citation; empty when the paper has nothing citable (see the module docs).
    pub text: String,
    /// Fields the citation needs that the paper lacks, in a fixed order (`title`, `authors`,
    /// `journal`, `year`, then `issue` and `pages` when there is a journal to locate them in).
    pub missing: Vec<&'static str>,
}

impl Citation {
    /// `missing journal, year` for a status bar; `None` when nothing is missing.
    pub fn missing_note(&self) -> Option<String> {
        (!self.missing.is_empty()).then(|| format!("missing {}", self.missing.join(", ")))
    }
}

/// The citation of `paper` in `style`.
pub fn cite(paper: &Paper, style: Style) -> Citation {
    let facts = Facts::of(paper);
    let text = match style {
        Style::GbT7714 => gbt7714::gbt7714(&facts),
        Style::ChineseNote => note::chinese_note(&facts),
        Style::Apa => apa::apa(&facts),
        Style::Bibtex => bibtex::bibtex(&facts, &paper.id),
    };
    Citation {
        style,
        text: sanitize(&text),
        missing: facts.missing(),
    }
}

/// The facts a citation of `paper` needs that nobody supplied, a blank one counting as missing:
/// `title`, `authors`, `journal`, `year`, then `issue` and `pages` when there is a journal to
/// locate them in. The one definition behind every citation's [`Citation::missing`] and
/// `check`'s [`Paper::missing_fields`].
pub fn missing_facts(paper: &Paper) -> Vec<&'static str> {
    Facts::of(paper).missing()
}

/// Facts that identify the work; without one, `check` flags the paper.
const IDENTIFYING: &[&str] = &["title", "authors", "journal", "year"];

impl Paper {
    /// Bibliographic problems `check` reports (and the paper list marks): the facts identifying
    /// the work that nobody supplied, as [`missing_facts`] counts them.
    pub fn missing_fields(&self) -> Vec<&'static str> {
        missing_facts(self)
            .into_iter()
            .filter(|f| IDENTIFYING.contains(f))
            .collect()
    }
}

/// The fields a citation is built from, trimmed, with empty strings read as absent.
struct Facts<'a> {
    title: Option<&'a str>,
    authors: Vec<&'a str>,
    journal: Option<&'a str>,
    year: Option<u32>,
    volume: Option<&'a str>,
    issue: Option<&'a str>,
    pages: Option<Pages<'a>>,
    doi: Option<&'a str>,
    url: Option<&'a str>,
    language: &'a str,
}

impl<'a> Facts<'a> {
    fn of(paper: &'a Paper) -> Facts<'a> {
        let m = &paper.metadata;
        let present = |s: &'a Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty());
        Facts {
            title: present(&paper.title),
            authors: paper
                .authors
                .iter()
                .map(|a| a.trim())
                .filter(|a| !a.is_empty())
                .collect(),
            journal: present(&m.journal),
            year: m.year,
            volume: present(&m.volume),
            issue: present(&m.issue),
            pages: present(&m.pages).map(Pages::parse),
            doi: present(&m.doi),
            url: present(&m.url),
            language: present(&m.language).unwrap_or("zh"),
        }
    }

    fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.title.is_none() {
            missing.push("title");
        }
        if self.authors.is_empty() {
            missing.push("authors");
        }
        if self.journal.is_none() {
            missing.push("journal");
        }
        if self.year.is_none() {
            missing.push("year");
        }
        // An issue or page range only means something inside a journal; without one, asking
        // for them would be noise.
        if self.journal.is_some() {
            if self.volume.is_none() && self.issue.is_none() {
                missing.push("issue");
            }
            if self.pages.is_none() {
                missing.push("pages");
            }
        }
        missing
    }

    /// Nothing identifies the work: prose styles then print nothing rather than stray punctuation.
    fn uncitable(&self) -> bool {
        self.title.is_none() && self.authors.is_empty() && self.journal.is_none()
    }

    /// Chinese-language entry conventions (`等` rather than `et al.`) follow the authors' script.
    fn cjk_authors(&self) -> bool {
        self.authors.first().is_some_and(|a| a.chars().any(is_cjk))
    }
}

/// A page range split into its ends, so each style can print its own dash.
struct Pages<'a> {
    first: &'a str,
    last: Option<&'a str>,
}

impl<'a> Pages<'a> {
    fn parse(s: &'a str) -> Pages<'a> {
        match s.split_once(['-', '–', '—', '~', '～', '－']) {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Pages {
                first: a.trim(),
                last: Some(b.trim_start_matches(['-', '–', '—']).trim()),
            },
            _ => Pages {
                first: s.trim_matches(['-', '–', '—', ' ']),
                last: None,
            },
        }
    }

    fn with_dash(&self, dash: &str) -> String {
        match self.last {
            Some(last) => format!("{}{dash}{last}", self.first),
            None => self.first.to_string(),
        }
    }
}

/// Appends `.` unless the text already ends a sentence.
fn end_sentence(s: &mut String) {
    if !s.ends_with(['.', '?', '!', '？', '！', '。']) {
        s.push('.');
    }
}

/// Fills a quotation template: `{quote}` and `{citation}` are replaced, any other text (other
/// braces included) is kept as written; the config checks templates when it loads them. A line
/// whose placeholders all came out empty (the citation of a paper with nothing citable) is
/// dropped, so the clipboard gets no dangling blank line. Inside `“{quote}”` the quote's own
/// double quotes become single ones. Both values are sanitized: the clipboard is pasted into
/// terminals too.
pub fn quotation(template: &str, quote: &str, citation: &Citation) -> String {
    let mut quote = sanitize(quote.trim());
    if template.contains("“{quote}”") {
        // Quotes inside Chinese quotation marks alternate (GB/T 15834): “…‘一带一路’…”.
        quote = quote
            .chars()
            .map(|c| match c {
                '“' => '‘',
                '”' => '’',
                '‘' => '“',
                '’' => '”',
                c => c,
            })
            .collect();
    }
    let cite = sanitize(citation.text.trim());
    // Each rendered line, whether it had placeholders, and whether any of them was non-empty.
    let mut lines: Vec<(String, bool, bool)> = vec![(String::new(), false, false)];
    let push_text = |lines: &mut Vec<(String, bool, bool)>, t: &str| {
        let mut parts = t.split('\n');
        if let (Some(first), Some(line)) = (parts.next(), lines.last_mut()) {
            line.0.push_str(first);
        }
        for part in parts {
            lines.push((part.to_string(), false, false));
        }
    };
    let mut rest = template;
    loop {
        let next = [("{quote}", quote.as_str()), ("{citation}", cite.as_str())]
            .into_iter()
            .filter_map(|(slot, value)| rest.find(slot).map(|at| (at, slot, value)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, slot, value)) = next else {
            push_text(&mut lines, rest);
            break;
        };
        push_text(&mut lines, &rest[..at]);
        if let Some(line) = lines.last_mut() {
            line.1 = true;
            line.2 |= !value.is_empty();
            // A multi-line value keeps its own line breaks inside the current template line.
            line.0.push_str(value);
        }
        rest = &rest[at + slot.len()..];
    }
    lines
        .into_iter()
        .filter(|(_, has_slot, filled)| !has_slot || *filled)
        .map(|(l, _, _)| l)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_names_round_trip_and_cycle() {
        for &s in Style::ALL {
            assert_eq!(Style::from_name(s.name()), Some(s));
        }
        assert_eq!(Style::Bibtex.next(), Style::GbT7714);
        assert_eq!(Style::from_name("mla"), None);
    }

    use crate::corpus::{Metadata, Paper};

    pub(super) fn western(authors: &[&str]) -> Paper {
        Paper {
            id: "w".into(),
            title: Some("The Geography of Growth: A Survey".into()),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            metadata: Metadata {
                journal: Some("Journal of Economic Perspectives".into()),
                year: Some(2019),
                volume: Some("33".into()),
                issue: Some("3".into()),
                pages: Some("3–26".into()),
                doi: Some("10.1257/jep.33.3.3".into()),
                language: Some("en".into()),
                ..Metadata::default()
            },
            ..Paper::default()
        }
    }

    #[test]
    fn chinese_gbt_uses_deng_after_three_and_note_style_names_one() {
        let mut p = western(&["张三", "李四", "王五", "赵六"]);
        p.title = Some("标题".into());
        p.metadata.journal = Some("期刊".into());
        p.metadata.doi = None;
        assert!(
            cite(&p, Style::GbT7714)
                .text
                .starts_with("张三, 李四, 王五, 等. 标题[J]. 期刊, 2019, 33(3): 3-26.")
        );
        assert_eq!(
            cite(&p, Style::ChineseNote).text,
            "张三等：《标题》，载《期刊》2019年第33卷第3期，第3-26页。"
        );
    }

    proptest::proptest! {
        #[test]
        fn quotations_never_carry_control_characters(
            quote in "\\PC{0,60}[\u{1b}\u{7}\u{9b}\r]?\\PC{0,20}",
            title in "\\PC{0,30}[\u{1b}\u{202e}]?",
            s in 0usize..4,
        ) {
            let p = Paper { title: Some(title), ..Paper::default() };
            let c = cite(&p, Style::ALL[s]);
            let q = quotation("“{quote}”\n{citation}", &quote, &c);
            proptest::prop_assert!(
                !q.chars().any(|ch| (ch.is_control() && ch != '\n' && ch != '\t') || ch == '\u{202e}'),
                "{:?}", q
            );
        }
    }

    #[test]
    fn pages_print_with_each_styles_dash() {
        assert_eq!(Pages::parse("34-41").with_dash("–"), "34–41");
        assert_eq!(Pages::parse("34～41").with_dash("--"), "34--41");
        assert_eq!(Pages::parse("e102").with_dash("-"), "e102");
    }

    #[test]
    fn templates_are_checked_and_filled() {
        let c = Citation {
            style: Style::GbT7714,
            text: "甲. 乙[J].".into(),
            missing: vec![],
        };
        assert_eq!(
            quotation("{quote}——{citation}", "句子。", &c),
            "句子。——甲. 乙[J]."
        );
        assert_eq!(quotation("{{quote}} {page}", "x", &c), "{x} {page}");
        assert_eq!(quotation("{citation}：{quote}\n", "x", &c), "甲. 乙[J].：x");
        let empty = Citation {
            text: String::new(),
            ..c.clone()
        };
        assert_eq!(
            quotation("“{quote}”\n——{citation}\n注", "x", &empty),
            "“x”\n注"
        );
        // paper text cannot smuggle a terminal escape into the clipboard
        assert_eq!(quotation("{quote}", "a\u{1b}]52;c;eA==\u{7}b", &c), "ab");
    }
}

#[cfg(test)]
mod missing_tests {
    use super::*;

    /// `check` and a citation count a blank field as missing alike.
    #[test]
    fn blank_fields_are_missing_for_check_and_cite_alike() {
        let mut p = Paper {
            title: Some("  ".into()),
            authors: vec![" ".into()],
            ..Paper::default()
        };
        p.metadata.journal = Some("\t".into());
        p.metadata.year = Some(2024);
        assert_eq!(p.missing_fields(), ["title", "authors", "journal"]);
        assert_eq!(cite(&p, Style::Apa).missing, p.missing_fields());
        p.metadata.journal = Some("中州学刊".into());
        assert_eq!(p.missing_fields(), ["title", "authors"]);
        assert_eq!(
            cite(&p, Style::Apa).missing,
            ["title", "authors", "issue", "pages"]
        );
    }
}
