//! Citation strings for a paper in the styles researchers are asked for, and the quotation
//! (quote + citation) that goes to the clipboard.
//!
//! Nothing here invents a value: a field the paper lacks is left out of the string so no empty
//! slot shows (`[J]. , (): .`), and is listed in [`Citation::missing`] for the status message.
//! A paper with no title, no authors and no journal has nothing citable: the prose styles give an
//! empty string (the quotation is then the quote alone) and BibTeX gives an entry holding only
//! what is known, keyed by the paper id.

use pinyin::ToPinyin;

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
        Style::GbT7714 => gbt7714(&facts),
        Style::ChineseNote => chinese_note(&facts),
        Style::Apa => apa(&facts),
        Style::Bibtex => bibtex(&facts, &paper.id),
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

/// A personal name in Latin script, split so initials can be made.
struct WesternName<'a> {
    surname: String,
    given: Vec<&'a str>,
}

/// Lower-case words that belong to the surname when they precede it (`van Gogh`, `de la Cruz`).
const SURNAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le",
];

impl<'a> WesternName<'a> {
    /// `Smith, John R.` or `John R. Smith`.
    fn parse(name: &'a str) -> WesternName<'a> {
        if let Some((surname, given)) = name.split_once(',') {
            return WesternName {
                surname: surname.trim().to_string(),
                given: given.split_whitespace().collect(),
            };
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some((last, rest)) = words.split_last() else {
            return WesternName {
                surname: String::new(),
                given: Vec::new(),
            };
        };
        let mut cut = rest.len();
        while cut > 0 && SURNAME_PARTICLES.contains(&rest[cut - 1]) {
            cut -= 1;
        }
        let mut surname = rest[cut..].join(" ");
        if !surname.is_empty() {
            surname.push(' ');
        }
        surname.push_str(last);
        WesternName {
            surname,
            given: rest[..cut].to_vec(),
        }
    }

    /// Initial letters of the given names; `Jean-Pierre` gives two.
    fn initials(&self) -> Vec<Vec<char>> {
        self.given
            .iter()
            .map(|g| {
                g.split('-')
                    .filter_map(|part| part.chars().find(|c| c.is_alphabetic()))
                    .flat_map(char::to_uppercase)
                    .collect::<Vec<char>>()
            })
            .filter(|i| !i.is_empty())
            .collect()
    }
}

fn is_cjk_name(name: &str) -> bool {
    name.chars().any(is_cjk)
}

/// GB/T 7714: `SMITH J R`; Chinese names as written.
fn gbt_name(name: &str) -> String {
    if is_cjk_name(name) {
        return name.to_string();
    }
    let n = WesternName::parse(name);
    let mut out = n.surname.to_uppercase();
    for initials in n.initials() {
        for c in initials {
            out.push(' ');
            out.push(c);
        }
    }
    out
}

/// APA: `Smith, J. R.`, `Dupont, J.-P.`; Chinese names as written.
fn apa_name(name: &str) -> String {
    if is_cjk_name(name) {
        return name.to_string();
    }
    let n = WesternName::parse(name);
    let initials: Vec<String> = n
        .initials()
        .into_iter()
        .map(|cs| {
            cs.iter()
                .map(|c| format!("{c}."))
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect();
    if initials.is_empty() {
        n.surname
    } else {
        format!("{}, {}", n.surname, initials.join(" "))
    }
}

/// Appends `.` unless the text already ends a sentence.
fn end_sentence(s: &mut String) {
    if !s.ends_with(['.', '?', '!', '？', '！', '。']) {
        s.push('.');
    }
}

/// `刘博, 蔡文成. 以…研究[J]. 中州学刊, 2025, 41(6): 34-41. DOI:10.xxx.`
fn gbt7714(f: &Facts) -> String {
    if f.uncitable() {
        return String::new();
    }
    let mut parts: Vec<String> = Vec::new();
    if !f.authors.is_empty() {
        let mut names: Vec<String> = f.authors.iter().take(3).map(|a| gbt_name(a)).collect();
        if f.authors.len() > 3 {
            names.push(if f.cjk_authors() { "等" } else { "et al" }.to_string());
        }
        parts.push(names.join(", "));
    }
    // The document-type mark belongs to the title; alone it would be a dangling `[J]`.
    if let Some(t) = f.title {
        parts.push(format!("{t}[J]"));
    }
    let mut locator = String::new();
    if let Some(y) = f.year {
        locator.push_str(&y.to_string());
        if f.volume.is_some() {
            locator.push_str(", ");
        }
    }
    if let Some(v) = f.volume {
        locator.push_str(v);
    }
    if let Some(i) = f.issue {
        locator.push_str(&format!("({i})"));
    }
    let mut source = f.journal.unwrap_or_default().to_string();
    if !locator.is_empty() {
        if !source.is_empty() {
            source.push_str(", ");
        }
        source.push_str(&locator);
    }
    if let (Some(p), false) = (&f.pages, source.is_empty()) {
        source.push_str(": ");
        source.push_str(&p.with_dash("-"));
    }
    if !source.is_empty() {
        parts.push(source);
    }
    if let Some(doi) = f.doi {
        parts.push(format!("DOI:{doi}"));
    }
    let mut out = parts.join(". ");
    end_sentence(&mut out);
    out
}

/// `刘博、蔡文成：《以…研究》，载《中州学刊》2025年第6期，第34-41页。`
fn chinese_note(f: &Facts) -> String {
    if f.uncitable() {
        return String::new();
    }
    let mut out = String::new();
    if !f.authors.is_empty() {
        // Note style names one author then 等 when there are more than three.
        let names = if f.authors.len() > 3 {
            let etal = if f.cjk_authors() { "等" } else { " et al." };
            format!("{}{etal}", f.authors[0])
        } else {
            f.authors.join("、")
        };
        out.push_str(&names);
        out.push('：');
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = f.title {
        // A title inside 《》 writes its own inner titles with single angle brackets.
        let inner = t.replace('《', "〈").replace('》', "〉");
        parts.push(format!("《{inner}》"));
    }
    let mut source = String::new();
    if let Some(j) = f.journal {
        source.push_str(&format!(
            "载《{}》",
            j.replace('《', "〈").replace('》', "〉")
        ));
    }
    if let Some(y) = f.year {
        source.push_str(&format!("{y}年"));
    }
    if let Some(v) = f.volume {
        source.push_str(&format!("第{v}卷"));
    }
    if let Some(i) = f.issue {
        source.push_str(&format!("第{i}期"));
    }
    if !source.is_empty() {
        parts.push(source);
        if let Some(p) = &f.pages {
            parts.push(format!("第{}页", p.with_dash("-")));
        }
    }
    out.push_str(&parts.join("，"));
    out.push('。');
    out
}

/// `刘博, & 蔡文成. (2025). 以…研究. 中州学刊, 41(6), 34–41. https://doi.org/…`
fn apa(f: &Facts) -> String {
    if f.uncitable() {
        return String::new();
    }
    let mut out = String::new();
    if !f.authors.is_empty() {
        let names: Vec<String> = f.authors.iter().map(|a| apa_name(a)).collect();
        // APA 7 lists up to 20 authors; beyond that the first 19, an ellipsis, and the last.
        let list = match names.as_slice() {
            [one] => one.clone(),
            [init @ .., last] if names.len() <= 20 => format!("{}, & {last}", init.join(", ")),
            [.., last] => format!("{}, . . . {last}", names[..19].join(", ")),
            [] => String::new(),
        };
        out.push_str(&list);
        end_sentence(&mut out);
        out.push(' ');
    } else if let Some(t) = f.title {
        // With no author, APA moves the title into the author position.
        out.push_str(t);
        end_sentence(&mut out);
        out.push(' ');
    }
    match f.year {
        Some(y) => out.push_str(&format!("({y}).")),
        // `n.d.` is APA's own mark for "no date", not a made-up year.
        None => out.push_str("(n.d.)."),
    }
    if let (Some(t), false) = (f.title, f.authors.is_empty()) {
        out.push(' ');
        out.push_str(t);
        end_sentence(&mut out);
    }
    if let Some(j) = f.journal {
        out.push(' ');
        out.push_str(j);
        let mut vi = f.volume.unwrap_or_default().to_string();
        if let Some(i) = f.issue {
            vi.push_str(&format!("({i})"));
        }
        if !vi.is_empty() {
            out.push_str(", ");
            out.push_str(&vi);
        }
        if let Some(p) = &f.pages {
            out.push_str(", ");
            out.push_str(&p.with_dash("–"));
        }
        out.push('.');
    }
    if let Some(doi) = f.doi {
        out.push(' ');
        if doi.starts_with("http") {
            out.push_str(doi);
        } else {
            out.push_str("https://doi.org/");
            out.push_str(doi);
        }
    } else if let Some(url) = f.url {
        out.push(' ');
        out.push_str(url);
    }
    out
}

/// An `@article` entry; fields the paper lacks are left out.
fn bibtex(f: &Facts, paper_id: &str) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !f.authors.is_empty() {
        let names: Vec<String> = f
            .authors
            .iter()
            .map(|a| {
                if is_cjk_name(a) {
                    bib_escape(a)
                } else {
                    // `Last, First` is the one BibTeX name form that cannot be misread.
                    let n = WesternName::parse(a);
                    if n.given.is_empty() {
                        bib_escape(&n.surname)
                    } else {
                        bib_escape(&format!("{}, {}", n.surname, n.given.join(" ")))
                    }
                }
            })
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
    if let Some(lang) = langid(f.language) {
        fields.push(("langid", lang.to_string()));
    }
    let mut out = format!("@article{{{},\n", bibtex_key(f, paper_id));
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    out.push('}');
    out
}

/// biblatex `langid` for a BCP 47 tag; unknown languages get no `langid` rather than a guess.
fn langid(tag: &str) -> Option<&'static str> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    Some(match primary.as_str() {
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

/// Compound Chinese surnames, with their readings.
const COMPOUND_SURNAMES: &[(&str, &str)] = &[
    ("欧阳", "ouyang"),
    ("司马", "sima"),
    ("上官", "shangguan"),
    ("诸葛", "zhuge"),
    ("东方", "dongfang"),
    ("皇甫", "huangfu"),
    ("尉迟", "yuchi"),
    ("公孙", "gongsun"),
    ("慕容", "murong"),
    ("令狐", "linghu"),
    ("长孙", "zhangsun"),
    ("宇文", "yuwen"),
    ("司徒", "situ"),
    ("司空", "sikong"),
    ("夏侯", "xiahou"),
    ("轩辕", "xuanyuan"),
    ("端木", "duanmu"),
    ("独孤", "dugu"),
    ("南宫", "nangong"),
    ("西门", "ximen"),
    ("万俟", "moqi"),
    ("呼延", "huyan"),
    ("闻人", "wenren"),
    ("申屠", "shentu"),
    ("澹台", "tantai"),
    ("钟离", "zhongli"),
    ("宗政", "zongzheng"),
    ("濮阳", "puyang"),
    ("单于", "chanyu"),
];

/// Characters read differently as surnames than in running text.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('区', "ou"),
    ('仇', "qiu"),
    ('解', "xie"),
    ('朴', "piao"),
    ('查', "zha"),
    ('乐', "yue"),
    ('盖', "ge"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('种', "chong"),
    ('覃', "qin"),
    ('员', "yun"),
    ('召', "shao"),
    ('秘', "bi"),
    ('繁', "po"),
    ('藏', "zang"),
    ('重', "chong"),
    ('薄', "bo"),
    ('阚', "kan"),
];

/// Plain pinyin of one character, ASCII only (`ü` as `v`, the usual keyboard spelling).
fn plain_pinyin(c: char) -> Option<String> {
    c.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

fn surname_key(name: &str) -> String {
    if is_cjk_name(name) {
        let name = name.trim();
        if name.chars().count() >= 3
            && let Some((_, py)) = COMPOUND_SURNAMES.iter().find(|(s, _)| name.starts_with(s))
        {
            return (*py).to_string();
        }
        let Some(first) = name.chars().next() else {
            return String::new();
        };
        return SURNAME_READINGS
            .iter()
            .find(|(c, _)| *c == first)
            .map(|(_, py)| (*py).to_string())
            .or_else(|| plain_pinyin(first))
            .unwrap_or_default();
    }
    ascii_word(&WesternName::parse(name).surname)
}

/// Lower-case ASCII letters and digits of a word (accents dropped with their letters' bases
/// kept where they are plain ASCII).
fn ascii_word(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// First syllable of a Chinese title, or first significant word of a Latin one.
fn title_key(title: &str) -> String {
    let Some(start) = title.find(|c: char| c.is_alphanumeric()) else {
        return String::new();
    };
    let rest = &title[start..];
    let Some(first) = rest.chars().next() else {
        return String::new();
    };
    if let Some(py) = plain_pinyin(first) {
        return py;
    }
    const STOP: &[&str] = &["a", "an", "the"];
    rest.split(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .map(ascii_word)
        .find(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .unwrap_or_default()
}

/// `liu2025yi`: first author's surname in pinyin, year, first syllable of the title. With none of
/// the three known, the paper id (made key-safe) is the key, so the entry is still usable.
fn bibtex_key(f: &Facts, paper_id: &str) -> String {
    let mut key = f
        .authors
        .first()
        .map(|a| surname_key(a))
        .unwrap_or_default();
    if let Some(y) = f.year {
        key.push_str(&y.to_string());
    }
    key.push_str(&f.title.map(title_key).unwrap_or_default());
    if key.is_empty() {
        key = paper_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '.'))
            .collect();
    }
    if key.is_empty() {
        key.push_str("paper");
    }
    key
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

    fn western(authors: &[&str]) -> Paper {
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
    fn western_names_in_gbt_are_surname_then_initials_and_et_al_after_three() {
        let p = western(&[
            "John Robert Smith",
            "Doe, Jane",
            "Jean-Pierre Dupont",
            "Ludwig van Beethoven",
        ]);
        assert_eq!(
            cite(&p, Style::GbT7714).text,
            "SMITH J R, DOE J, DUPONT J P, et al. The Geography of Growth: A Survey[J]. \
             Journal of Economic Perspectives, 2019, 33(3): 3-26. DOI:10.1257/jep.33.3.3."
        );
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

    #[test]
    fn apa_initials_ampersand_and_doi() {
        let p = western(&["John Robert Smith", "Jean-Pierre Dupont"]);
        assert_eq!(
            cite(&p, Style::Apa).text,
            "Smith, J. R., & Dupont, J.-P. (2019). The Geography of Growth: A Survey. \
             Journal of Economic Perspectives, 33(3), 3–26. https://doi.org/10.1257/jep.33.3.3"
        );
        let names: Vec<String> = (1..=22).map(|i| format!("Ann Name{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let many = cite(&western(&refs), Style::Apa).text;
        assert!(
            many.contains("Name19, A., . . . Name22, A. (2019)"),
            "{many}"
        );
        assert!(!many.contains("Name20"), "{many}");
    }

    #[test]
    fn apa_without_authors_moves_the_title_first() {
        let p = western(&[]);
        assert!(cite(&p, Style::Apa).text.starts_with(
            "The Geography of Growth: A Survey. (2019). Journal of Economic Perspectives, 33(3)"
        ));
    }

    #[test]
    fn bibtex_escapes_specials_and_keys_latin_titles() {
        let mut p = western(&["Smith, John"]);
        p.title = Some("The 50% rule & {braces} in R_t".into());
        let b = cite(&p, Style::Bibtex).text;
        assert!(b.starts_with("@article{smith201950,\n"), "{b}");
        assert!(
            b.contains("title = {The 50\\% rule \\& \\{braces\\} in R\\_t},"),
            "{b}"
        );
        assert!(b.contains("author = {Smith, John},"), "{b}");
        assert!(b.contains("doi = {10.1257/jep.33.3.3},"), "{b}");
        assert!(b.contains("langid = {english},"), "{b}");
    }

    #[test]
    fn surname_readings_only_list_characters_read_differently() {
        let same: Vec<char> = SURNAME_READINGS
            .iter()
            .filter(|(c, py)| plain_pinyin(*c).as_deref() == Some(*py))
            .map(|(c, _)| *c)
            .collect();
        assert!(same.is_empty(), "{same:?}");
    }

    #[test]
    fn bibtex_keys_read_surnames_as_surnames() {
        assert_eq!(surname_key("曾国藩"), "zeng");
        assert_eq!(surname_key("单田芳"), "shan");
        assert_eq!(surname_key("欧阳修"), "ouyang");
        assert_eq!(surname_key("吕思勉"), "lv");
        assert_eq!(surname_key("Ludwig van Beethoven"), "vanbeethoven");
        assert_eq!(title_key("“一带一路”倡议"), "yi");
        assert_eq!(title_key("A Survey of 新质生产力"), "survey");
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
