//! Turning a field value as an export writes it into the form a citation prints: the same
//! cleaning for every format, so `05`, `34--41` or `DOI: 10.…` read alike wherever they came
//! from.

use crate::corpus::text::{fold_width, sanitize};

/// The value with control characters and escapes removed and whitespace runs (line breaks
/// included) collapsed to one space; `None` when nothing is left. Metadata files travel with
/// papers and are as untrusted: a title must not be able to drive the terminal.
pub(in super::super) fn text(s: &str) -> Option<String> {
    let clean = sanitize(s);
    let collapsed = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// The first year in the value: `2025`, `2025-06-12`, `2025年6月`, `June 2025`, Zotero's
/// `2025-06-00 2025年6月`. A year is four digits standing alone, from 1000 to 2999, so
/// `0000-00-00` and issue numbers like `20250612` are not mistaken for one.
pub(in super::super) fn year(s: &str) -> Option<u32> {
    let folded: Vec<char> = s.chars().map(fold_width).collect();
    let mut i = 0;
    while i < folded.len() {
        if !folded[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < folded.len() && folded[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 {
            let run: String = folded[start..i].iter().collect();
            if let Ok(y) = run.parse::<u32>()
                && (1000..=2999).contains(&y)
            {
                return Some(y);
            }
        }
    }
    None
}

/// A volume or issue number: `05` → `5` (CNKI pads issues; citations print `(5)`), full-width
/// digits folded; anything else (`S1`, `Spring`, `3-4`) as written.
pub(in super::super) fn number(s: &str) -> Option<String> {
    let t: String = text(s)?.chars().map(fold_width).collect();
    if t.chars().all(|c| c.is_ascii_digit()) {
        let trimmed = t.trim_start_matches('0');
        return Some(if trimmed.is_empty() { "0" } else { trimmed }.to_string());
    }
    Some(t)
}

/// Dashes exports put between two pages: hyphen, en and em dash, the horizontal bar, minus,
/// the tildes and wave dashes of Chinese typesetting (`34～41`, `34〜41`).
fn is_range_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '~' | '～' | '〜' | '－'
    )
}

/// A page range with one hyphen: `34--41`, `34—41`, `34～41`, `pp. 34 - 41` → `34-41`.
/// Other text (`e1234`, `34-41+56`) is kept, with only its dashes normalised.
pub(in super::super) fn pages(s: &str) -> Option<String> {
    let t: String = text(s)?.chars().map(fold_width).collect();
    let t = t
        .strip_prefix("pp.")
        .or_else(|| t.strip_prefix("p."))
        .unwrap_or(&t)
        .trim();
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if is_range_dash(c) {
            while chars.next_if(|&n| is_range_dash(n)).is_some() {}
            while out.ends_with(' ') {
                out.pop();
            }
            while chars.next_if(|&n| n == ' ').is_some() {}
            out.push('-');
        } else {
            out.push(c);
        }
    }
    let out = out.trim_matches('-').trim().to_string();
    (!out.is_empty()).then_some(out)
}

/// A range from separate first and last pages (RIS `SP`/`EP`), which some exports fill with
/// the whole range already, or with the same page twice.
pub(super) fn page_range(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let first = first.and_then(pages);
    let last = last.and_then(pages);
    match (first, last) {
        (Some(f), Some(l)) if f.contains('-') || f == l => Some(f),
        (Some(f), Some(l)) => Some(format!("{f}-{l}")),
        (Some(f), None) => Some(f),
        (None, Some(l)) => Some(l),
        (None, None) => None,
    }
}

/// The bare DOI (`10.1234/abc`) from `https://doi.org/10.1234/abc`, `doi:10.1234/abc`,
/// `DOI：10.1234/abc`; `None` for values that are not DOIs (EndNote's `%R` also holds other
/// identifiers).
pub(in super::super) fn doi(s: &str) -> Option<String> {
    let t: String = text(s)?.chars().map(fold_width).collect();
    let mut rest = t.trim();
    let lower = rest.to_ascii_lowercase();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi.org/",
        "doi:",
        "doi ",
    ] {
        if lower.starts_with(prefix) {
            rest = rest[prefix.len()..].trim_start();
            break;
        }
    }
    let doi = rest.split_whitespace().next()?;
    (doi.starts_with("10.") && doi.contains('/')).then(|| doi.to_string())
}

/// The first URL of the value (some exports list several, separated by spaces).
pub(in super::super) fn url(s: &str) -> Option<String> {
    text(s)?.split_whitespace().next().map(str::to_string)
}

/// A BCP 47 tag from what exports write: `zh`, `zh-CN`, `chi`, `Chinese`, `中文`, `english`,
/// `eng` … A value that is neither a known name nor shaped like a tag is dropped rather than
/// stored where a tag is expected.
pub(in super::super) fn language(s: &str) -> Option<String> {
    let t = text(s)?;
    let lower = t.to_lowercase();
    let known = match lower.as_str() {
        "chi" | "zho" | "chinese" | "中文" | "汉语" | "漢語" | "简体中文" | "pinyin" => {
            "zh"
        }
        "eng" | "english" | "英文" | "英语" | "american" | "british" => "en",
        "jpn" | "japanese" | "日文" | "日语" => "ja",
        "kor" | "korean" | "韩文" | "朝鲜文" => "ko",
        "ger" | "deu" | "german" | "ngerman" | "德文" => "de",
        "fre" | "fra" | "french" | "法文" => "fr",
        "rus" | "russian" | "俄文" => "ru",
        "spa" | "spanish" => "es",
        _ => "",
    };
    if !known.is_empty() {
        return Some(known.to_string());
    }
    let tag_like = t.len() <= 35
        && t.split(['-', '_']).enumerate().all(|(i, part)| {
            let len_ok = if i == 0 {
                (2..=3).contains(&part.len())
            } else {
                (1..=8).contains(&part.len())
            };
            len_ok && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    tag_like.then(|| {
        let mut parts = t.split(['-', '_']);
        let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
        std::iter::once(primary)
            .chain(parts.map(str::to_string))
            .collect::<Vec<_>>()
            .join("-")
    })
}

/// A citation key from a field that only sometimes holds one (RIS `ID`, EndNote `%F`, CSL
/// `id`): one word with a letter in it and none of the characters that end a BibTeX key or
/// make a path (`{}(),"#%'=\/`). Record numbers (`1`) and Zotero's URI ids are not keys;
/// `liu2025xinzhi`, `Smith:2020.a` and `张三2020` are.
pub(in super::super) fn key(s: &str) -> Option<String> {
    let t = text(s)?;
    let ok = t.chars().count() <= 100
        && t.chars().any(char::is_alphabetic)
        && !t
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "{}(),\"#%'=\\/".contains(c));
    ok.then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_collapses_and_sanitizes() {
        assert_eq!(text("  a \r\n b\t c "), Some("a b c".into()));
        assert_eq!(text("x\u{1b}[31my"), Some("xy".into()));
        assert_eq!(text(" \n "), None);
    }

    #[test]
    fn year_inside_dates() {
        assert_eq!(year("2025"), Some(2025));
        assert_eq!(year("2025-06-12"), Some(2025));
        assert_eq!(year("2025/06/12/"), Some(2025));
        assert_eq!(year("2025年6月"), Some(2025));
        assert_eq!(year("２０２４年"), Some(2024));
        assert_eq!(year("June 2017"), Some(2017));
        assert_eq!(year("2025-06-00 2025年6月"), Some(2025));
        assert_eq!(year("0000-00-00 Spring 2019"), Some(2019));
        assert_eq!(year("20250612"), None);
        assert_eq!(year("no date"), None);
        assert_eq!(year("vol 12"), None);
    }

    #[test]
    fn numbers_lose_padding_only() {
        assert_eq!(number("05"), Some("5".into()));
        assert_eq!(number("０６"), Some("6".into()));
        assert_eq!(number("41"), Some("41".into()));
        assert_eq!(number("00"), Some("0".into()));
        assert_eq!(number("S1"), Some("S1".into()));
        assert_eq!(number(" "), None);
    }

    #[test]
    fn page_dashes() {
        for raw in [
            "34-41",
            "34--41",
            "34—41",
            "34～41",
            "34~41",
            "34–41",
            "34 - 41",
            "pp. 34-41",
            "３４－４１",
        ] {
            assert_eq!(pages(raw), Some("34-41".into()), "{raw}");
        }
        assert_eq!(pages("e1234"), Some("e1234".into()));
        assert_eq!(pages("34-41+56"), Some("34-41+56".into()));
        assert_eq!(pages("161"), Some("161".into()));
        assert_eq!(pages("-"), None);
    }

    #[test]
    fn ranges_from_first_and_last() {
        assert_eq!(page_range(Some("34"), Some("41")), Some("34-41".into()));
        assert_eq!(page_range(Some("34-41"), Some("41")), Some("34-41".into()));
        assert_eq!(page_range(Some("7"), Some("7")), Some("7".into()));
        assert_eq!(page_range(Some("7"), None), Some("7".into()));
        assert_eq!(page_range(None, Some("9")), Some("9".into()));
        assert_eq!(page_range(None, None), None);
    }

    #[test]
    fn doi_prefixes() {
        for raw in [
            "10.1234/abc.5",
            "https://doi.org/10.1234/abc.5",
            "http://dx.doi.org/10.1234/abc.5",
            "doi:10.1234/abc.5",
            "DOI: 10.1234/abc.5",
            "DOI：10.1234/abc.5",
            " 10.1234/abc.5 ",
        ] {
            assert_eq!(doi(raw), Some("10.1234/abc.5".into()), "{raw}");
        }
        assert_eq!(doi("ISBN 978-7-01"), None);
        assert_eq!(doi("10.1234"), None);
    }

    #[test]
    fn languages_to_tags() {
        assert_eq!(language("chi"), Some("zh".into()));
        assert_eq!(language("Chinese"), Some("zh".into()));
        assert_eq!(language("中文"), Some("zh".into()));
        assert_eq!(language("english"), Some("en".into()));
        assert_eq!(language("zh-CN"), Some("zh-CN".into()));
        assert_eq!(language("EN_us"), Some("en-us".into()));
        assert_eq!(language("Some language"), None);
    }

    #[test]
    fn keys_are_keys() {
        assert_eq!(key("liu2025zhongguo"), Some("liu2025zhongguo".into()));
        assert_eq!(key("Smith:2020.a"), Some("Smith:2020.a".into()));
        assert_eq!(key("1"), None);
        assert_eq!(key("http://zotero.org/users/1/items/AB"), None);
        assert_eq!(key("two words"), None);
        assert_eq!(key("张三2020"), Some("张三2020".into()));
        assert_eq!(key("a{b"), None);
    }
}
