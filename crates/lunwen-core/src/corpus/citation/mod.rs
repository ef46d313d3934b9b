//! Citations of a paper in the styles researchers are asked for, the cite keys and
//! bibliographies writing tools import, and the quotation (quote + citation) that goes to the
//! clipboard.
//!
//! Nothing here invents a value: a field the paper lacks is left out of the string so no empty
//! slot shows (`[J]. , (): .`), and is listed in [`Citation::missing`] for the status message.
//! A paper without a title has nothing citable: every style, BibTeX included, gives an empty
//! citation (the quotation is then the quote alone) and the message names what is missing.
//!
//! Every style has a form with the page of a quotation and one without ([`Citer::cite`] takes
//! the page as an `Option`): 注释 cites `第36页` instead of the article's range, and the in-text
//! forms carry it (`[1]36`, `(刘博 & 蔡文成, 2025, p. 36)`, `\cite[36]{liu2025yi}`,
//! `[@liu2025yi, p. 36]`); the reference entries keep the article's range.
//!
//! This module holds what every style shares: the [`Style`] names, the facts a citation is built
//! from and the ones missing, and the dispatch to a style. Each style writes its string in its
//! own module (`gbt7714`, `note`, `apa`, `bibtex`), personal names are read by `names`, cite keys
//! made by `keys`, the 注释 variants are `variants`; `bibliography` (with `csl_json` and `ris`)
//! writes a corpus for reference managers, and `quotation` fills the clipboard template.

mod apa;
mod bibliography;
mod bibtex;
mod csl_json;
mod gbt7714;
mod keys;
mod names;
mod note;
mod quotation;
mod ris;
mod variants;

pub use bibliography::{Bibliography, Format};
pub use quotation::{PLACEHOLDERS, check_template, quotation};
pub use variants::{AuthorSeparator, PageDash, Variants};

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

/// A citation of one paper in one style, for a quotation from page `page` or for the whole work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub style: Style,
    /// The citation: the note (注释) or the reference entry; empty when the paper has nothing
    /// citable.
    pub text: String,
    /// The style's citation in the running text: `[1]36` (GB/T 7714, the number is the
    /// manuscript's to give), `(刘博 & 蔡文成, 2025, p. 36)`, `\cite[36]{liu2025yi}` (BibTeX);
    /// empty for 注释, whose note is the citation, and when there is nothing to cite.
    pub intext: String,
    /// The paper's cite key, unique in the corpus; empty when there is nothing to cite.
    pub key: String,
    /// The page cited, when the quotation's page is known.
    pub page: Option<u32>,
    /// Fields the citation needs that the paper lacks, in a fixed order (`title`, `authors`,
    /// `journal`, `year`, then `issue` and `pages` when there is a journal to locate them in).
    pub missing: Vec<&'static str>,
}

impl Citation {
    /// `missing journal, year` for a status bar; `None` when nothing is missing.
    pub fn missing_note(&self) -> Option<String> {
        (!self.missing.is_empty()).then(|| format!("missing {}", self.missing.join(", ")))
    }

    /// Whether there is a citation at all (a paper without a title has none).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// `nothing to cite (missing title, authors)`, the one message for a paper without a
    /// citation; `None` when there is one.
    pub fn nothing_to_cite(&self) -> Option<String> {
        self.is_empty().then(|| match self.missing_note() {
            Some(m) => format!("nothing to cite ({m})"),
            None => "nothing to cite".to_string(),
        })
    }

    /// Pandoc's citation: `[@liu2025yi, p. 36]`, `[@liu2025yi]`; empty without a key.
    pub fn pandoc(&self) -> String {
        match (self.key.is_empty(), self.page) {
            (true, _) => String::new(),
            (false, Some(p)) => format!("[@{}, p. {p}]", self.key),
            (false, None) => format!("[@{}]", self.key),
        }
    }

    /// LaTeX's citation: `\cite[36]{liu2025yi}`, `\cite{liu2025yi}`; empty without a key.
    pub fn latex(&self) -> String {
        match (self.key.is_empty(), self.page) {
            (true, _) => String::new(),
            (false, Some(p)) => format!("\\cite[{p}]{{{}}}", self.key),
            (false, None) => format!("\\cite{{{}}}", self.key),
        }
    }
}

/// Citations of the papers of one corpus: their cite keys (unique across it) and the 注释
/// variants of the config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citer {
    keys: keys::Keys,
    pub variants: Variants,
}

impl Citer {
    pub fn new(papers: &[Paper], variants: Variants) -> Citer {
        Citer {
            keys: keys::Keys::of(papers),
            variants,
        }
    }

    /// The citation of `paper` in `style`; with `page`, of a quotation on that page (printed
    /// page number), else of the whole work.
    pub fn cite(&self, paper: &Paper, style: Style, page: Option<u32>) -> Citation {
        let facts = Facts::of(paper);
        let missing = facts.missing();
        if facts.uncitable() {
            return Citation {
                style,
                text: String::new(),
                intext: String::new(),
                key: String::new(),
                page,
                missing,
            };
        }
        let key = self.keys.get(paper, &facts);
        let (text, intext) = match style {
            Style::GbT7714 => (gbt7714::gbt7714(&facts), gbt7714::intext(page)),
            Style::ChineseNote => (note::note(&facts, page, &self.variants), String::new()),
            Style::Apa => (apa::apa(&facts), apa::intext(&facts, page)),
            Style::Bibtex => (bibtex::bibtex(&facts, &key), String::new()),
        };
        let mut citation = Citation {
            style,
            text: sanitize(&text),
            intext: sanitize(&intext),
            key: sanitize(&key),
            page,
            missing,
        };
        if style == Style::Bibtex {
            citation.intext = citation.latex();
        }
        citation
    }

    /// The cite key of `paper`; `None` when it has nothing to cite.
    pub fn key(&self, paper: &Paper) -> Option<String> {
        let facts = Facts::of(paper);
        (!facts.uncitable()).then(|| sanitize(&self.keys.get(paper, &facts)))
    }
}

/// Facts that identify the work; without one, `check` flags the paper.
const IDENTIFYING: &[&str] = &["title", "authors", "journal", "year"];

impl Paper {
    /// Bibliographic problems `check` reports (and the paper list marks): the facts identifying
    /// the work that nobody supplied, counted as every citation's [`Citation::missing`] counts
    /// them (a blank field is a missing one).
    pub fn missing_fields(&self) -> Vec<&'static str> {
        Facts::of(self)
            .missing()
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
    /// The BCP 47 tag of the sidecar, else `zh` for a title in Chinese script; `None` when
    /// neither tells.
    language: Option<&'a str>,
}

impl<'a> Facts<'a> {
    fn of(paper: &'a Paper) -> Facts<'a> {
        let m = &paper.metadata;
        let present = |s: &'a Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let title = present(&paper.title);
        let authors: Vec<&str> = paper
            .authors
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .collect();
        let in_cjk = title.map_or_else(
            || authors.first().is_some_and(|a| a.chars().any(is_cjk)),
            |t| t.chars().any(is_cjk),
        );
        Facts {
            title,
            authors,
            journal: present(&m.journal),
            year: m.year,
            volume: present(&m.volume),
            issue: present(&m.issue),
            pages: present(&m.pages).map(Pages::parse),
            doi: present(&m.doi),
            url: present(&m.url),
            language: present(&m.language).or(in_cjk.then_some("zh")),
        }
    }

    /// The one rule for what a citation lacks, behind [`Citation::missing`] and
    /// [`Paper::missing_fields`].
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

    /// A work without a title cannot be cited: every style then gives nothing rather than an
    /// entry nobody could find the work by.
    fn uncitable(&self) -> bool {
        self.title.is_none()
    }

    /// Chinese-language entry conventions (`等` rather than `et al.`) follow the authors' script.
    fn cjk_authors(&self) -> bool {
        self.authors.first().is_some_and(|a| a.chars().any(is_cjk))
    }

    /// A work in a language of Latin script (or another that is not Chinese, Japanese or
    /// Korean): the 注释 style cites it as the journals cite foreign works. Without a language
    /// tag, a title in Latin script says so.
    fn foreign(&self) -> bool {
        match self.language {
            Some(tag) => !matches!(primary_language(tag).as_str(), "zh" | "ja" | "ko"),
            None => self.title.is_some(),
        }
    }
}

/// `zh` of `zh-Hans-CN`, lower-cased.
fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Metadata;

    /// The citation of a paper cited on its own (its key by the rule, default variants).
    pub(super) fn cite(paper: &Paper, style: Style, page: Option<u32>) -> Citation {
        Citer::new(std::slice::from_ref(paper), Variants::default()).cite(paper, style, page)
    }

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
    fn style_names_round_trip_and_cycle() {
        for &s in Style::ALL {
            assert_eq!(Style::from_name(s.name()), Some(s));
        }
        assert_eq!(Style::Bibtex.next(), Style::GbT7714);
        assert_eq!(Style::from_name("mla"), None);
    }

    #[test]
    fn chinese_gbt_uses_deng_after_three_and_note_style_names_one() {
        let mut p = western(&["张三", "李四", "王五", "赵六"]);
        p.title = Some("标题".into());
        p.metadata.journal = Some("期刊".into());
        p.metadata.doi = None;
        p.metadata.language = None;
        assert!(
            cite(&p, Style::GbT7714, None)
                .text
                .starts_with("张三, 李四, 王五, 等. 标题[J]. 期刊, 2019, 33(3): 3-26.")
        );
        assert_eq!(
            cite(&p, Style::ChineseNote, None).text,
            "张三等：《标题》，载《期刊》2019年第33卷第3期，第3-26页。"
        );
    }

    #[test]
    fn pages_print_with_each_styles_dash() {
        assert_eq!(Pages::parse("34-41").with_dash("–"), "34–41");
        assert_eq!(Pages::parse("34～41").with_dash("--"), "34--41");
        assert_eq!(Pages::parse("e102").with_dash("-"), "e102");
    }

    #[test]
    fn pandoc_and_latex_forms_carry_the_page() {
        let c = cite(&western(&["John Smith"]), Style::Apa, Some(7));
        assert_eq!(c.key, "smith2019geography");
        assert_eq!(c.pandoc(), "[@smith2019geography, p. 7]");
        assert_eq!(c.latex(), "\\cite[7]{smith2019geography}");
        let c = cite(&western(&["John Smith"]), Style::Apa, None);
        assert_eq!(c.pandoc(), "[@smith2019geography]");
        assert_eq!(c.latex(), "\\cite{smith2019geography}");
    }

    #[test]
    fn an_untitled_paper_has_nothing_to_cite_in_any_style() {
        let mut p = western(&["John Smith"]);
        p.title = None;
        for &style in Style::ALL {
            let c = cite(&p, style, Some(3));
            assert!(
                c.is_empty() && c.intext.is_empty() && c.key.is_empty(),
                "{c:?}"
            );
            assert_eq!(c.pandoc(), "");
            assert_eq!(
                c.nothing_to_cite().as_deref(),
                Some("nothing to cite (missing title)")
            );
        }
    }

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
        assert_eq!(cite(&p, Style::Apa, None).missing, p.missing_fields());
        p.metadata.journal = Some("中州学刊".into());
        assert_eq!(p.missing_fields(), ["title", "authors"]);
        assert_eq!(
            cite(&p, Style::Apa, None).missing,
            ["title", "authors", "issue", "pages"]
        );
    }
}
