//! Stage 3, classify: what a unit is, by its own form: a section label (摘要, 参考文献,
//! References …), a labelled field (收稿日期, 基金项目, DOI …), a caption, a byline, an
//! affiliation, an author bio, an editor's line, a numbered heading candidate. Each answer comes
//! with a short rule name for `check --explain`. Which heading candidates are headings, and at
//! what level, is decided here for the whole body at once ([`outline`]): the level is the depth
//! in the paper's own numbering hierarchy (一、 > （一） > 1. ; 1 > 1.1 > 1.1.1 ; I. > A. > 1)).

use super::headings::{Numbered, Style, numbering};
use crate::corpus::text::is_cjk;

/// Whether the first letter of `text` (after brackets and marks) could begin a label: a quick
/// test that spares most lines the full comparison.
fn might_be_label(text: &str) -> bool {
    let first = text.chars().find(|c| {
        !c.is_whitespace() && !matches!(c, '*' | '■' | '●' | '【' | '[' | '［' | '#' | '（' | '(')
    });
    first.is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        "摘内提关参主引注尾附致结余小作特".contains(c) || "arsknbwlei".contains(c)
    })
}

/// Sections a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Abstract,
    Keywords,
    References,
    Notes,
    Appendix,
    Acknowledgments,
    /// An unnumbered closing section (结论, 结语, 余论, Conclusion in a numbered paper).
    Closing,
    /// Author biographies (特邀作者简介).
    Bios,
}

/// Labels and the section they open. Spaces between the characters of a label are ignored
/// (`参 考 文 献`, `摘 要`), and so are brackets around it and a colon after it.
const LABELS: &[(&str, Section)] = &[
    ("摘要", Section::Abstract),
    ("内容提要", Section::Abstract),
    ("内容摘要", Section::Abstract),
    ("提要", Section::Abstract),
    ("abstract", Section::Abstract),
    ("résumé", Section::Abstract),
    ("summary", Section::Abstract),
    ("关键词", Section::Keywords),
    ("关键字", Section::Keywords),
    ("keywords", Section::Keywords),
    ("keyword", Section::Keywords),
    ("keywords", Section::Keywords),
    ("indexterms", Section::Keywords),
    ("参考文献", Section::References),
    ("主要参考文献", Section::References),
    ("参考资料", Section::References),
    ("引用作品", Section::References),
    ("references", Section::References),
    ("reference", Section::References),
    ("bibliography", Section::References),
    ("workscited", Section::References),
    ("literaturecited", Section::References),
    ("注释", Section::Notes),
    ("注", Section::Notes),
    ("尾注", Section::Notes),
    ("notes", Section::Notes),
    ("endnotes", Section::Notes),
    ("附录", Section::Appendix),
    ("appendix", Section::Appendix),
    ("appendices", Section::Appendix),
    ("致谢", Section::Acknowledgments),
    ("致 谢", Section::Acknowledgments),
    ("acknowledgments", Section::Acknowledgments),
    ("acknowledgment", Section::Acknowledgments),
    ("acknowledgements", Section::Acknowledgments),
    ("acknowledgement", Section::Acknowledgments),
    ("limitation", Section::Closing),
    ("limitations", Section::Closing),
    ("结论", Section::Closing),
    ("结语", Section::Closing),
    ("结束语", Section::Closing),
    ("余论", Section::Closing),
    ("小结", Section::Closing),
    ("作者简介", Section::Bios),
    ("特邀作者简介", Section::Bios),
];

/// `text` without spaces, brackets and a trailing colon, lower-cased; a bracketed translation
/// after the label (`注释［Notes］`, `参考文献（References）`) is dropped.
fn label_key(text: &str) -> String {
    let mut t = text.trim();
    for (open, close) in [('［', '］'), ('[', ']'), ('（', '）'), ('(', ')')] {
        if let Some(p) = t.find(open)
            && p > 0
            && t.trim_end().ends_with(close)
            && t[..p].chars().any(|c| !c.is_whitespace())
        {
            let inner = &t[p + open.len_utf8()..t.trim_end().len() - close.len_utf8()];
            if inner.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
                t = &t[..p];
            }
        }
    }
    t.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '【' | '】'
                        | '['
                        | ']'
                        | '［'
                        | '］'
                        | ':'
                        | '：'
                        | '*'
                        | '■'
                        | '#'
                        | '“'
                        | '”'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The section a label line opens: the line is the label alone (`参考文献`, `# REFERENCES`,
/// `【注释】`, `附录 A`, `结论：`).
pub fn section_label(text: &str) -> Option<Section> {
    // Labels are short: most lines are not one, and are told so cheaply.
    if text.len() > 120 || !might_be_label(text) {
        return None;
    }
    let k = label_key(text);
    if k.is_empty() || k.chars().count() > 24 {
        return None;
    }
    if let Some(&(_, s)) = LABELS.iter().find(|(l, _)| *l == k) {
        return Some(s);
    }
    // `附录A`, `Appendix B`, `APPENDIX A: Proofs` are appendix labels.
    for p in ["附录", "appendix"] {
        if let Some(rest) = k.strip_prefix(p)
            && (rest.chars().count() <= 2 || rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
            && rest.chars().count() <= 20
        {
            return Some(Section::Appendix);
        }
    }
    // `结论：…` with a title, `余论：反思…`.
    for p in ["结论", "结语", "余论", "结束语"] {
        if text.trim().starts_with(p)
            && text.trim()[p.len()..].trim_start().starts_with(['：', ':'])
            && text.chars().count() <= 30
            && !text.contains('。')
        {
            return Some(Section::Closing);
        }
    }
    None
}

/// A label with its content on the same line: `摘 要：…`, `【关键词】…`, `ABSTRACT …`,
/// `Key words: …`, `INDEX TERMS …`, `References Bodenreider, O. 2004. …`. Returns the section
/// and the byte offset where the content starts.
pub fn front_label(text: &str) -> Option<(Section, usize)> {
    if !might_be_label(text) {
        return None;
    }
    let t = text.trim_start_matches(['*', '■', '●', '【', '[', ' ']);
    let skipped = text.len() - t.len();
    let mut compact = String::new();
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            if compact.is_empty() {
                continue;
            }
            // `Key words`, `INDEX TERMS`, `摘 要`: spaces inside a label.
            let end = i;
            if let Some(s) = label_end(&compact, &t[end..]) {
                return Some((s.0, skipped + end + s.1));
            }
            continue;
        }
        compact.extend(c.to_lowercase());
        if compact.chars().count() > 14 {
            return None;
        }
        let end = i + c.len_utf8();
        if let Some(s) = label_end(&compact, &t[end..]) {
            return Some((s.0, skipped + end + s.1));
        }
    }
    None
}

/// Whether `compact` is a front label and what follows (`rest`) separates content from it.
fn label_end(compact: &str, rest: &str) -> Option<(Section, usize)> {
    let (_, s) = LABELS.iter().find(|(l, s)| {
        *l == compact
            && matches!(
                s,
                Section::Abstract | Section::Keywords | Section::References
            )
    })?;
    let sep_len = rest.len()
        - rest
            .trim_start_matches(['】', ']', '］', ':', '：', ' ', '　', '—', '*', '.'])
            .len();
    let sep = &rest[..sep_len];
    let content = &rest[sep_len..];
    if content.trim().is_empty() {
        return None;
    }
    let has_colon = sep.contains([':', '：', '】', ']', '］', '—']);
    let latin = compact.is_ascii();
    let ok = match s {
        Section::References => {
            // `References Bodenreider, O. 2004.`: only when an entry follows.
            sep.contains(' ')
                && content.starts_with(|c: char| c.is_uppercase() || c == '[')
                && content
                    .chars()
                    .take(200)
                    .collect::<String>()
                    .contains(|c: char| c.is_ascii_digit())
        }
        _ => {
            has_colon
                || !latin && sep.contains(' ')
                || latin && sep.contains(' ') && compact_is_upper(rest, compact)
        }
    };
    ok.then_some((*s, sep_len))
}

/// `ABSTRACT Significant …`: an upper-case label without a colon.
fn compact_is_upper(_rest: &str, _compact: &str) -> bool {
    true
}

/// Labels of metadata fields (longest first where one is the start of another).
const FIELDS: &[&str] = &[
    "中图法分类号",
    "中图分类号",
    "分类号",
    "文献标识码",
    "文献标志码",
    "文章编号",
    "收稿日期",
    "修回日期",
    "修订日期",
    "定稿日期",
    "录用日期",
    "接受日期",
    "在线出版日期",
    "网络出版日期",
    "网络首发日期",
    "网络首发",
    "出版确认",
    "出版日期",
    "基金项目",
    "项目基金",
    "资助项目",
    "作者简介",
    "作者单位",
    "通讯作者",
    "通信作者",
    "引用本文",
    "本文引用格式",
    "引用格式",
    "题目",
    "作者",
    "DOI",
    "doi",
    "Received",
    "Accepted",
    "Revised",
    "Published",
    "Manuscript received",
    "Corresponding author",
    "Digital Object Identifier",
    "Foundation item",
    "Foundation items",
    "Biography",
    "Biographies",
    "Citation",
    "Title",
    "Authors",
    "Author",
    "Affiliation",
    "Affiliations",
    // Funding statements of English papers.
    "This work was supported",
    "This work was partially supported",
    "This work was funded",
    "This research was supported",
    "This research was funded",
    "This work is supported",
    "Supported by",
    "Funding",
];

/// Labels that need a colon after them (they are also ordinary words).
const COLON_ONLY: &[&str] = &[
    "题目",
    "作者",
    "Title",
    "Authors",
    "Author",
    "Citation",
    "Affiliation",
    "Affiliations",
    "Published",
    "Accepted",
    "Revised",
    "Biography",
    "Biographies",
];

/// The field label a line starts with (within its first few characters: OCR doubles some,
/// `收稿收稿日期`), and the byte offset where its value starts.
pub fn field_label(text: &str) -> Option<(&'static str, usize, usize)> {
    let t = text.trim_start_matches(['■', '●', '▲', '*', '【', '[', ' ', '（', '(']);
    let lead = text.len() - t.len();
    // A label starts within the first few characters with one of these letters.
    if !t
        .chars()
        .take(4)
        .any(|c| "中分文收修定录接在网出基项资作通引本题DdRAPMCFBTS".contains(c))
    {
        return None;
    }
    let starts: Vec<(usize, char)> = t.char_indices().take(4).collect();
    for &label in FIELDS {
        let first = label.chars().next().unwrap_or(' ');
        let Some(pos) = starts
            .iter()
            .filter(|&&(_, c)| c == first)
            .map(|&(i, _)| i)
            .find(|&i| t[i..].starts_with(label))
        else {
            continue;
        };
        let after = &t[pos + label.len()..];
        let sep_len = after.len()
            - after
                .trim_start_matches(['】', ']', ':', '：', ' ', '　', '*'])
                .len();
        let sep = &after[..sep_len];
        let colon = sep.contains([':', '：', '】', ']']);
        if COLON_ONLY.contains(&label) && !colon {
            continue;
        }
        // `Received January 2, 2022` needs no colon; Chinese labels take a space too.
        let latin_word_label = label.starts_with(|c: char| c.is_ascii_uppercase());
        let ok = colon
            || sep.contains([' ', '　']) && !after[sep_len..].is_empty()
            || label == "DOI" && after.starts_with(|c: char| c.is_ascii_digit());
        if !ok {
            continue;
        }
        if latin_word_label
            && !colon
            && !matches!(
                label,
                "Received" | "Digital Object Identifier" | "Manuscript received" | "DOI"
            )
            && !label.contains(' ')
        {
            continue;
        }
        return Some((label, lead + pos, lead + pos + label.len() + sep_len));
    }
    None
}

pub fn field_start(text: &str) -> bool {
    field_label(text).is_some()
}

/// Fields in one line: `中图分类号: F124 文献标识码: A 文章编号: …` gives three. Returns
/// (label, value, byte range of the label with its separator) in order; text before the first
/// label is returned as `lead`.
pub fn split_fields(text: &str) -> (Option<&str>, Vec<(&'static str, &str)>) {
    let mut out = Vec::new();
    let Some((mut label, start, mut value_at)) = field_label(text) else {
        return (None, out);
    };
    let lead = (start > 0).then(|| &text[..start]);
    loop {
        let rest = &text[value_at..];
        match next_field(rest) {
            Some((i, next, len)) => {
                out.push((label, &rest[..i]));
                label = next;
                value_at += i + len;
            }
            None => {
                out.push((label, rest));
                break;
            }
        }
    }
    (lead, out)
}

/// The next `LABEL:` (or `LABEL ` for Chinese labels) inside `rest`: (offset, label, length
/// with separator). One forward scan.
pub fn next_field(rest: &str) -> Option<(usize, &'static str, usize)> {
    for (i, c) in rest.char_indices().skip(1) {
        if !"中分文收修定录接在网出基项资作通引本题DRAPMCFBTS".contains(c) {
            continue;
        }
        for &label in FIELDS {
            if !rest[i..].starts_with(label) || COLON_ONLY.contains(&label) && !label.is_ascii() {
                continue;
            }
            let after = &rest[i + label.len()..];
            let sep_len = after.len()
                - after
                    .trim_start_matches(['】', ']', ':', '：', ' ', '　', '*'])
                    .len();
            let sep = &after[..sep_len];
            let ok = sep.contains([':', '：'])
                || !label.is_ascii() && sep.contains(' ') && label.chars().count() >= 4;
            if ok && !(label.is_ascii() && COLON_ONLY.contains(&label)) {
                return Some((i, label, label.len() + sep_len));
            }
        }
    }
    None
}

/// Production notes of the journal (责任编辑, 责编, 编辑：…): short lines no part of the paper.
pub fn editorial(text: &str) -> bool {
    let n = text.chars().count();
    n <= 40
        && (text.contains("责任编辑")
            || text.contains("责编")
            || text.contains("校对")
            || text.contains("截稿")
            || text
                .trim_start_matches(['（', '(', '■'])
                .starts_with("编辑")
                && text.contains(['：', ':', ' ']))
}

/// A caption's opening: `图1`, `图 2-3`, `表一、`, `（图一、`, `Fig. 3`, `Figure 2:`, `FIGURE 4.`,
/// `Table 1`, `TABLE 2.`, `Tab.1`, `Algorithm 1`, `续表`.
pub fn caption_start(text: &str) -> bool {
    let t = text.trim_start_matches(['（', '(', '*']);
    for p in ["图", "表", "附图", "附表", "续表"] {
        if let Some(rest) = t.strip_prefix(p) {
            if p == "续表" {
                return true;
            }
            let rest = rest.trim_start();
            let mut c = rest.chars();
            return match c.next() {
                Some(d) if d.is_ascii_digit() => true,
                Some(d) if "一二三四五六七八九十".contains(d) => rest
                    .chars()
                    .find(|x| !"一二三四五六七八九十".contains(*x))
                    .is_some_and(|x| matches!(x, '、' | '：' | ' ' | '　' | '.')),
                Some(d) if d.is_ascii_uppercase() => c.next().is_some_and(|x| x.is_ascii_digit()),
                _ => false,
            };
        }
    }
    for p in [
        "Fig.",
        "Fig ",
        "Figure ",
        "FIGURE ",
        "FIG.",
        "Table ",
        "TABLE ",
        "Tab.",
        "Tab ",
        "Algorithm ",
        "Scheme ",
        "Chart ",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim_start().starts_with(|c: char| {
                c.is_ascii_digit()
                    || c.is_ascii_uppercase()
                        && rest.trim_start()[1..].starts_with(|d: char| d.is_ascii_digit())
            });
        }
    }
    false
}

/// A figure's part caption: `(a) 转子转速`, `（b）…`.
pub fn subcaption(text: &str) -> bool {
    let t = text.trim();
    let mut c = t.chars();
    matches!(c.next(), Some('(' | '（'))
        && c.next().is_some_and(|x| x.is_ascii_lowercase())
        && matches!(c.next(), Some(')' | '）'))
        && t.chars().count() <= 80
        && !t.contains('。')
}

/// An equation number left where a formula was lost: `(1)`, `(2) (3)`.
pub fn equation_number(text: &str) -> bool {
    let t = text.trim();
    // Cheap rejections first: paragraphs come here too.
    if t.len() > 48 || !t.starts_with(['(', '（']) {
        return false;
    }
    !t.is_empty()
        && t.split_whitespace().all(|w| {
            let inner = w
                .strip_prefix(['(', '（'])
                .and_then(|w| w.strip_suffix([')', '）']));
            inner.is_some_and(|i| {
                !i.is_empty()
                    && i.len() <= 4
                    && i.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
            })
        })
}

/// Share of CJK among letters.
pub fn cjk_share(text: &str) -> f32 {
    let (cjk, letters) = letter_counts(text);
    if letters == 0 {
        0.0
    } else {
        cjk as f32 / letters as f32
    }
}

/// (CJK letters, all letters) of `text`; the common cases without Unicode tables.
fn letter_counts(text: &str) -> (usize, usize) {
    let mut cjk = 0usize;
    let mut letters = 0usize;
    // The language of a block shows in its first few hundred characters.
    for c in text.chars().take(400) {
        if cjk > 40 {
            // Chinese enough to decide every question asked of these counts.
            return (cjk, letters.max(cjk));
        }
        if c.is_ascii() {
            letters += usize::from(c.is_ascii_alphabetic());
        } else if crate::corpus::text::is_han(c)
            || matches!(c, '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}')
        {
            cjk += 1;
            letters += 1;
        } else if !is_cjk(c) && c.is_alphabetic() {
            letters += 1;
        }
    }
    (cjk, letters)
}

/// Mostly Latin letters: a block in another language than a Chinese paper's.
pub fn latin(text: &str) -> bool {
    let (cjk, letters) = letter_counts(text);
    letters >= 3 && (cjk as f32) < 0.1 * letters as f32
}

/// Mostly CJK.
pub fn chinese(text: &str) -> bool {
    cjk_share(text) >= 0.3
}

/// An author biography: `柴华(1993)，男，…`, `李莉（2002—），学士，…`, `JUNHYUNG KANG received
/// the B.S. degree …`.
pub fn bio(text: &str) -> bool {
    let t = text.trim();
    if !t.starts_with(|c: char| c.is_ascii_uppercase() || crate::corpus::text::is_han(c)) {
        return false;
    }
    let name: String = t
        .chars()
        .take_while(|c| is_cjk(*c) && c.is_alphabetic())
        .collect();
    let n = name.chars().count();
    if (2..=4).contains(&n) {
        let rest = t[name.len()..].trim_start();
        if let Some(r) = rest.strip_prefix(['(', '（']) {
            return r.chars().take(4).all(|c| c.is_ascii_digit()) && r.chars().count() >= 4;
        }
        return false;
    }
    if !t.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    // English: a name in capitals, then what a bio says.
    let words: Vec<&str> = t.split_whitespace().take(6).collect();
    let caps = words
        .iter()
        .take_while(|w| {
            w.chars()
                .all(|c| c.is_ascii_uppercase() || c == '.' || c == '-')
        })
        .count();
    (2..=4).contains(&caps)
        && words
            .get(caps)
            .is_some_and(|w| matches!(*w, "received" | "is" | "was" | "joined" | "has" | "holds"))
}

/// An institution line of the byline: `(1. 山西大学 …`, `1. 中国科学技术大学，安徽 合肥 230026`,
/// `（长江水利委员会水文局，湖北武汉430010）`, `$^{1}$ Department of …`, `1School of …`.
pub fn affiliation(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 400 {
        return false;
    }
    const WORDS: &[&str] = &[
        "大学",
        "学院",
        "研究所",
        "研究院",
        "研究中心",
        "实验室",
        "公司",
        "委员会",
        "学校",
        "医院",
        "中心",
        "局",
        "University",
        "Institute",
        "College",
        "School",
        "Department",
        "Laboratory",
        "Lab",
        "Academy",
        "Center",
        "Centre",
        "Corporation",
        "Inc.",
        "Hospital",
        "Faculty",
    ];
    let has_word = WORDS.iter().any(|w| t.contains(w));
    let opens = t.starts_with(['(', '（'])
        || t.starts_with("$^")
        || t.starts_with("<sup>")
        || t.starts_with(|c: char| c.is_ascii_digit());
    let postcode = t
        .as_bytes()
        .windows(6)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    has_word && (opens || postcode) && !t.contains('。')
}

/// Journal issue lines at the head of a paper: `第 71 卷 第 1 期 2018 年 4 月`,
/// `Vol. 71 No. 1 Apr. 2018.117-128`, `ISSN 1006-6047, CN 32-1318/TM`.
pub fn issue_line(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 80 {
        return false;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    (compact.contains('卷') && compact.contains('期') && compact.starts_with('第'))
        || t.starts_with("Vol.")
        || t.starts_with("Vol ")
        || t.starts_with("ISSN")
        || t.starts_with("CN ")
        || compact.contains("年第")
            && compact.contains('期')
            && compact.starts_with(|c: char| c.is_ascii_digit())
            && compact.chars().count() <= 30
}

/// The body heading hierarchy: for each candidate (in document order), its level, or `None`
/// when it is not a heading after all.
#[derive(Debug, Clone)]
pub struct Cand {
    pub num: Option<Numbered>,
    /// Marked as a heading by the converter (`#`).
    pub marked: bool,
    /// A numbered paragraph (a sentence after `1.`): its numbered siblings are paragraphs too.
    pub sentence: bool,
}

/// English section names that stand at the top of an unnumbered paper.
const TOP_SECTIONS: &[&str] = &[
    "introduction",
    "related work",
    "related works",
    "background",
    "preliminaries",
    "preliminary",
    "method",
    "methods",
    "methodology",
    "approach",
    "proposed method",
    "model",
    "experiments",
    "experiment",
    "experimental results",
    "results",
    "evaluation",
    "evaluations",
    "discussion",
    "analysis",
    "conclusion",
    "conclusions",
    "limitations",
    "future work",
];

/// A top-level section name, alone or joined to another (`Preliminaries and Notations`).
pub fn top_section(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    TOP_SECTIONS.iter().any(|s| {
        t == *s
            || t.strip_prefix(s)
                .is_some_and(|r| r.starts_with(" and ") || r.starts_with(" & "))
    })
}

/// `Experiments Experimental Settings`: a converter merged a section heading and its first
/// subsection. Returns the byte offset where the subsection starts.
pub fn merged_heading(text: &str) -> Option<usize> {
    let t = text.trim();
    let first = t.split_whitespace().next()?;
    if !top_section(first) || first.len() == t.len() {
        return None;
    }
    let rest = t[first.len()..].trim_start();
    (rest.starts_with(|c: char| c.is_uppercase())
        && !top_section(t)
        && rest.split_whitespace().count() <= 6)
        .then(|| t.len() - rest.len())
}

/// Title Case without final punctuation: an unnumbered English heading.
pub fn title_case(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 || t.ends_with(['.', ',', ';', ':']) || !latin(t) {
        return false;
    }
    const SMALL: &[&str] = &[
        "a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "via", "vs", "vs.", "or",
        "by", "from", "at",
    ];
    words[0].starts_with(|c: char| c.is_uppercase())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic())
                || SMALL.contains(&w.to_lowercase().as_str())
        })
}

/// Style identity for the hierarchy: decimal depths are their own styles, `1.` joins the
/// decimal family in a paper that also numbers `1.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    S(Style),
}

/// Levels for the candidates.
pub fn outline(cands: &[Cand]) -> Vec<Option<u8>> {
    let has_decimal_sub = cands.iter().any(|c| {
        c.num
            .as_ref()
            .is_some_and(|n| matches!(n.style, Style::Decimal(d) if d >= 2))
    });
    let has_decimal_top = cands
        .iter()
        .any(|c| c.num.as_ref().is_some_and(|n| n.style == Style::Decimal(1)));
    let key = |n: &Numbered| -> Key {
        match n.style {
            Style::Enum if has_decimal_sub && !has_decimal_top => Key::S(Style::Decimal(1)),
            s => Key::S(s),
        }
    };
    let mut out = vec![None; cands.len()];
    // (style, last number) for each open level.
    let mut stack: Vec<(Key, u32)> = Vec::new();
    // Depth under which `1.` items are numbered paragraphs.
    let mut enum_paragraphs: Option<usize> = None;
    for (i, c) in cands.iter().enumerate() {
        let Some(n) = &c.num else { continue };
        let k = key(n);
        let v = n.value();
        if c.sentence {
            if n.style == Style::Enum {
                enum_paragraphs = Some(
                    stack
                        .iter()
                        .position(|(s, _)| *s == k)
                        .unwrap_or(stack.len()),
                );
            }
            continue;
        }
        if n.style == Style::Enum
            && enum_paragraphs.is_some_and(|d| {
                d == stack
                    .iter()
                    .position(|(s, _)| *s == k)
                    .unwrap_or(stack.len())
            })
        {
            continue;
        }
        let pos = stack.iter().position(|(s, _)| *s == k);
        let accepted = match pos {
            Some(p) => {
                let last = stack[p].1;
                // Appendices number afresh with letters (`A` after `6`).
                let letter_restart = n.letter && v == 1;
                let ok = v == last + 1
                    || v == last
                    || letter_restart
                    || c.marked && v > last && v <= last + 3;
                // A decimal number must sit under its parent (`2.1` under `2`).
                let parent_ok = match n.style {
                    Style::Decimal(d) if d >= 2 && p >= 1 => {
                        let parent = n.parts[n.parts.len() - 2];
                        stack[p - 1].1 == parent || c.marked
                    }
                    _ => true,
                };
                if ok && parent_ok {
                    stack.truncate(p + 1);
                    stack[p].1 = v;
                    Some(p + 1)
                } else {
                    None
                }
            }
            None => {
                let first = v <= 1 || c.marked && stack.is_empty() && v <= 2;
                let parent_ok = match n.style {
                    Style::Decimal(d) if d >= 2 => {
                        let parent = n.parts[n.parts.len() - 2];
                        stack.last().is_some_and(|&(_, l)| l == parent) || c.marked
                    }
                    _ => true,
                };
                if first && parent_ok {
                    stack.push((k, v));
                    Some(stack.len())
                } else {
                    None
                }
            }
        };
        if let Some(level) = accepted {
            if enum_paragraphs.is_some_and(|d| d + 1 >= level && n.style != Style::Enum) {
                enum_paragraphs = None;
            }
            out[i] = u8::try_from(level).ok();
        }
    }
    out
}

/// Levels for an unnumbered paper's `#` headings: a top-level section name is level 1, the
/// headings under it level 2.
pub fn unnumbered_levels(texts: &[&str]) -> Vec<u8> {
    let mut seen_top = false;
    texts
        .iter()
        .map(|t| {
            if top_section(t) {
                seen_top = true;
                1
            } else if seen_top {
                2
            } else {
                1
            }
        })
        .collect()
}

/// Whether the line reads as a heading candidate at all, and with which numbering.
pub fn numbered_heading(text: &str, marked: bool) -> Option<(Numbered, bool)> {
    let n = numbering(text)?;
    if n.style == Style::Paren {
        return None;
    }
    let rest = &text[n.start..];
    let ok = super::headings::heading_text(rest, n.style, marked)
        && !(n.glued && !marked && matches!(n.style, Style::Decimal(1)))
        && (!n.letter || marked);
    Some((n, ok))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(section_label("参 考 文 献"), Some(Section::References));
        assert_eq!(section_label("# 参考文献："), Some(Section::References));
        assert_eq!(
            section_label("参考文献（References）"),
            Some(Section::References)
        );
        assert_eq!(section_label("注释［Notes］"), Some(Section::Notes));
        assert_eq!(section_label("【注释】"), Some(Section::Notes));
        assert_eq!(section_label("REFERENCES"), Some(Section::References));
        assert_eq!(section_label("附录A"), Some(Section::Appendix));
        assert_eq!(section_label("APPENDIX"), Some(Section::Appendix));
        assert_eq!(section_label("结论："), Some(Section::Closing));
        assert_eq!(
            section_label("余论：反思某某话语的影响"),
            Some(Section::Closing)
        );
        assert_eq!(section_label("参考文献综述的方法很多。"), None);
        assert_eq!(section_label("注意"), None);
    }

    #[test]
    fn front_labels() {
        fn f(t: &str) -> Option<(Section, &str)> {
            front_label(t).map(|(s, at)| (s, &t[at..]))
        }
        assert_eq!(f("摘 要:发展新质"), Some((Section::Abstract, "发展新质")));
        assert_eq!(f("摘 要：当前"), Some((Section::Abstract, "当前")));
        assert_eq!(f("【内容提要】发展"), Some((Section::Abstract, "发展")));
        assert_eq!(
            f("摘 要 近半个世纪以来"),
            Some((Section::Abstract, "近半个世纪以来"))
        );
        assert_eq!(
            f("ABSTRACT Significant advances"),
            Some((Section::Abstract, "Significant advances"))
        );
        assert_eq!(
            f("Key words: new quality"),
            Some((Section::Keywords, "new quality"))
        );
        assert_eq!(
            f("INDEX TERMS Object detection, satellites."),
            Some((Section::Keywords, "Object detection, satellites."))
        );
        assert_eq!(
            f("关键词 后殖民主义理论 认同政治"),
            Some((Section::Keywords, "后殖民主义理论 认同政治"))
        );
        assert_eq!(
            f("References Bodenreider, O. 2004. The"),
            Some((Section::References, "Bodenreider, O. 2004. The"))
        );
        assert_eq!(f("References to the past"), None);
        assert_eq!(f("摘取"), None);
    }

    #[test]
    fn fields() {
        let (lead, f) =
            split_fields("中图分类号: F124 文献标识码: A 文章编号: 1003-0751(2025)06-0034-08");
        assert!(lead.is_none());
        assert_eq!(
            f,
            [
                ("中图分类号", "F124 "),
                ("文献标识码", "A "),
                ("文章编号", "1003-0751(2025)06-0034-08")
            ]
        );
        assert_eq!(split_fields("收稿收稿日期： 20XX").1[0].0, "收稿日期");
        assert_eq!(split_fields("中图分类号 I0").1, [("中图分类号", "I0")]);
        assert_eq!(
            split_fields("■收稿日期：2018-02-20").1,
            [("收稿日期", "2018-02-20")]
        );
        assert_eq!(split_fields("Received January 2, 2022").1[0].0, "Received");
        assert!(field_label("作者认为这是对的").is_none());
        assert!(field_label("This work was supported in part by the Institute").is_some());
        assert!(field_label("Title of the work").is_none());
        assert!(field_label("基于中国视角").is_none());
        assert!(editorial("（责任编辑：林木）"));
        assert!(editorial("编辑：郑毅"));
        assert!(!editorial(
            "编辑部的工作流程很长，需要很多步骤，这句话是正文的一部分而已。"
        ));
    }

    #[test]
    fn captions_bios_affiliations() {
        for c in [
            "图1含PV的单机无穷大系统模型",
            "表 1 数据集划分",
            "表一、法国家庭数量②",
            "（图一、INSEE：某某所①）",
            "Fig. 1 Single machine",
            "FIGURE 2. Basic",
            "Table 2: Results",
            "Tab.1 Runoff",
            "Algorithm 1 Training",
        ] {
            assert!(caption_start(c), "{c}");
        }
        for c in ["图书馆", "表明了", "Figures show", "Tablet"] {
            assert!(!caption_start(c), "{c}");
        }
        assert!(subcaption("(a) 转子转速 $\\omega$"));
        assert!(equation_number("(2) (3)"));
        assert!(!equation_number("(1)遗忘门。"));
        assert!(bio("李莉（2002—），学士，主要研究领域为推荐系统。"));
        assert!(bio("柴华(1993)，男，硕士研究生"));
        assert!(bio(
            "JUNHYUNG KANG received the B.S. degree in mechanical engineering"
        ));
        assert!(!bio("李莉认为这个方法很好。"));
        assert!(affiliation(
            "(1. 山西大学 电力与建筑学院, 山西省 太原市 030006;"
        ));
        assert!(affiliation("1. 中国科学技术大学，安徽 合肥 230026"));
        assert!(affiliation(
            "$^{1}$ Department of Artificial Intelligence, Sungkyunkwan University"
        ));
        assert!(!affiliation("1. 在中国的大学里，学生很多。"));
        assert!(issue_line("第 71 卷 第 1 期 2018 年 4 月"));
        assert!(issue_line("Vol. 71 No. 1 Apr. 2018.117-128"));
        assert!(issue_line("2016 年第 4 期（总第 14 期）"));
        assert!(!issue_line("2016 年我国经济增长较快。"));
    }

    fn cand(text: &str, marked: bool) -> Cand {
        let (n, ok) = numbered_heading(text, marked).unwrap();
        Cand {
            num: Some(n),
            marked,
            sentence: !ok,
        }
    }

    #[test]
    fn levels_are_depths_in_the_papers_own_hierarchy() {
        let c: Vec<Cand> = [
            "一、引言",
            "二、逻辑",
            "（一）理论",
            "1. 再结合",
            "2. 创新",
            "（二）历史",
            "三、维度",
        ]
        .iter()
        .map(|t| cand(t, false))
        .collect();
        assert_eq!(
            outline(&c),
            [
                Some(1),
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1)
            ]
        );
        let c: Vec<Cand> = [
            "I. INTRODUCTION",
            "II. METHODS",
            "A. EFFICIENT",
            "1) REDUCING",
            "2) SEARCH",
            "B. SMALL",
            "III. DATA",
        ]
        .iter()
        .map(|t| cand(t, true))
        .collect();
        assert_eq!(
            outline(&c),
            [
                Some(1),
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1)
            ]
        );
        let c: Vec<Cand> = [
            "1 Introduction",
            "2 Method",
            "2.1 Data",
            "3 Results",
            "A Corpus Details",
            "A.1 Lengths",
            "B Models",
        ]
        .iter()
        .map(|t| cand(t, true))
        .collect();
        assert_eq!(
            outline(&c),
            [
                Some(1),
                Some(1),
                Some(2),
                Some(1),
                Some(1),
                Some(2),
                Some(1)
            ]
        );
        // 一、 > 1. without （一）
        let c: Vec<Cand> = ["一、变迁", "二、婚姻", "1. 概念", "2. 并存", "三、生活"]
            .iter()
            .map(|t| cand(t, false))
            .collect();
        assert_eq!(outline(&c), [Some(1), Some(1), Some(2), Some(2), Some(1)]);
    }

    #[test]
    fn out_of_sequence_numbers_and_numbered_paragraphs_are_not_headings() {
        let c: Vec<Cand> = ["1 引言", "7 实验", "2 方法"]
            .iter()
            .map(|t| cand(t, false))
            .collect();
        assert_eq!(outline(&c), [Some(1), None, Some(1)]);
        let c: Vec<Cand> = [
            "一、总论",
            "（一）内涵",
            "1. 在中国式现代化背景下，可以分析。",
            "2. 新质生产力作为进程中的",
            "（二）路径",
            "1. 生产力理论的再结合",
        ]
        .iter()
        .map(|t| cand(t, false))
        .collect();
        assert_eq!(
            outline(&c),
            [Some(1), Some(2), None, None, Some(2), Some(3)]
        );
    }

    #[test]
    fn unnumbered_english_headings() {
        assert_eq!(
            unnumbered_levels(&[
                "Introduction",
                "Related Work",
                "Medication Recommendation",
                "Method",
                "Case Study"
            ]),
            [1, 1, 2, 1, 2]
        );
        assert_eq!(
            merged_heading("Experiments Experimental Settings"),
            Some(12)
        );
        assert_eq!(merged_heading("Related Work"), None);
        assert!(title_case("Hyperparameter Analysis"));
        assert!(!title_case("The model is trained."));
    }
}
