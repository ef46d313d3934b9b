//! BibTeX `@article` entries, keyed `liu2025yi` (surname in pinyin, year, first syllable).

use pinyin::ToPinyin;

use super::Facts;
use super::names::{WesternName, is_cjk_name};
use crate::corpus::text::is_cjk;

/// An `@article` entry; fields the paper lacks are left out.
pub(super) fn bibtex(f: &Facts, paper_id: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::citation::tests::western;
    use crate::corpus::citation::{Style, cite};

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
}
