//! Author names as exports write them: Chinese lists in one field (`张三;李四;`, `张三，李四`),
//! family and given parts in separate fields, English transliterations listed beside the
//! Chinese names (Wanfang's RIS), padding spaces inside two-character names (`王  伟`).

use pinyin::ToPinyinMulti;

use super::clean;
use crate::corpus::text::{fold_width, is_cjk, squash_spaces};

/// The authors of one record from the raw values of its author fields, in order: lists
/// split, names cleaned, transliterations of names already listed in Chinese dropped.
pub(in super::super) fn authors<'a>(raw: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let names: Vec<String> = raw
        .into_iter()
        .flat_map(split_list)
        .filter_map(|n| name(&n))
        .collect();
    drop_transliterations(names)
}

/// One field value split into names. `;` `；` `，` `、` always separate names (no name contains
/// them); an ASCII `,` separates them only when every part is Chinese, since in `Smith, John`
/// it separates family from given name.
pub(super) fn split_list(s: &str) -> Vec<String> {
    let parts: Vec<&str> = s
        .split([';', '；', '，', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .into_iter()
        .flat_map(|p| {
            let pieces: Vec<&str> = p
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            if pieces.len() > 1 && pieces.iter().all(|x| is_chinese_name(x)) {
                pieces.into_iter().map(str::to_string).collect()
            } else {
                vec![p.to_string()]
            }
        })
        .collect()
}

/// A name made of CJK characters only (spaces and the middle dot of transliterated foreign
/// names allowed): such a name has no family/given comma.
fn is_chinese_name(s: &str) -> bool {
    s.chars().any(is_cjk)
        && s.chars()
            .all(|c| is_cjk(c) || c.is_whitespace() || c == '·')
}

/// One name, cleaned: affiliation marks stripped (`张三[1]`, `张三1,2`, `张三*`), spaces
/// between Chinese characters removed, full-width Latin letters folded.
pub(in super::super) fn name(s: &str) -> Option<String> {
    let t = clean::text(s)?;
    let mut t: &str = &t;
    loop {
        let before = t.len();
        t = t.trim_end_matches(['*', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰']);
        if let Some(stripped) = t.strip_suffix(']')
            && let Some((head, mark)) = stripped.rsplit_once('[')
            && mark
                .chars()
                .all(|c| c.is_ascii_digit() || ",-– ".contains(c))
        {
            t = head;
        }
        if t.chars().any(is_cjk) {
            t = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',');
        }
        t = t.trim_end();
        if t.len() == before {
            break;
        }
    }
    let folded: String = t.chars().map(fold_width).collect();
    let out = if folded.chars().any(is_cjk) {
        squash_spaces(&folded)
    } else {
        folded
    };
    let out = out.trim().to_string();
    (!out.is_empty()).then_some(out)
}

/// A name from separate family and given parts (CSL-JSON, Zotero, BibTeX): Chinese names run
/// together as written (`张` + `三` → `张三`), others as `Family, Given`.
pub(in super::super) fn from_parts(family: &str, given: &str) -> Option<String> {
    let family = name(family);
    let given = name(given);
    match (family, given) {
        (Some(f), Some(g)) if f.chars().any(is_cjk) && g.chars().all(|c| !c.is_ascii()) => {
            Some(format!("{f}{g}"))
        }
        (Some(f), Some(g)) => Some(format!("{f}, {g}")),
        (Some(f), None) => Some(f),
        (None, Some(g)) => Some(g),
        (None, None) => None,
    }
}

/// The list without Latin names that spell, in pinyin, a Chinese name of the same list
/// (`许雅琼` and `XU Ya-qiong`): some exports list each author twice, and a citation would
/// then name everyone twice. A Latin name that is not such a spelling is a co-author and stays.
fn drop_transliterations(names: Vec<String>) -> Vec<String> {
    let chinese: Vec<&String> = names.iter().filter(|n| n.chars().any(is_cjk)).collect();
    if chinese.is_empty() || chinese.len() == names.len() {
        return names;
    }
    let spelled: Vec<bool> = names
        .iter()
        .map(|n| !n.chars().any(is_cjk) && chinese.iter().any(|c| is_pinyin_of(n, c)))
        .collect();
    names
        .into_iter()
        .zip(spelled)
        .filter(|(_, s)| !s)
        .map(|(n, _)| n)
        .collect()
}

/// Whether the Latin name spells the Chinese one in toneless pinyin, family name first or
/// last (`XU Ya-qiong`, `Yaqiong Xu`, `Xu, Yaqiong` for `许雅琼`; one- or two-character
/// family names), taking every reading of characters with several.
fn is_pinyin_of(latin: &str, chinese: &str) -> bool {
    let letters: String = latin
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ü' { 'v' } else { c })
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    let chars: Vec<char> = chinese.chars().filter(|&c| is_cjk(c)).collect();
    if letters.is_empty() || !(2..=4).contains(&chars.len()) {
        return false;
    }
    let Some(readings) = chars
        .iter()
        .map(|&c| readings(c))
        .collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    (0..=2.min(chars.len() - 1)).any(|family_len| {
        let mut order: Vec<&Vec<String>> = readings[family_len..].iter().collect();
        order.extend(&readings[..family_len]);
        spells(&letters, &order)
    })
}

/// Toneless readings of one character, with `ü` written the ways Latin text writes it.
fn readings(c: char) -> Option<Vec<String>> {
    let multi = c.to_pinyin_multi()?;
    let mut out = Vec::new();
    for p in multi {
        let plain = p.plain();
        if plain.contains(['ü', 'v']) {
            for u in ["u", "v", "yu"] {
                out.push(plain.replace(['ü', 'v'], u));
            }
        } else {
            out.push(plain.to_string());
        }
    }
    Some(out)
}

/// Whether `letters` is exactly one reading of each character in turn.
fn spells(letters: &str, chars: &[&Vec<String>]) -> bool {
    let n = letters.len();
    // reachable[i]: the first k characters can spell letters[..i], for the k of this round.
    let mut reachable = vec![false; n + 1];
    reachable[0] = true;
    for readings in chars {
        let mut next = vec![false; n + 1];
        for (i, _) in reachable.iter().enumerate().filter(|(_, r)| **r) {
            for r in readings.iter() {
                if letters[i..].starts_with(r.as_str()) {
                    next[i + r.len()] = true;
                }
            }
        }
        reachable = next;
    }
    reachable[n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_lists_split_on_every_separator() {
        assert_eq!(split_list("潘紫麟;刘庆鹏;"), ["潘紫麟", "刘庆鹏"]);
        assert_eq!(split_list("张三；李四"), ["张三", "李四"]);
        assert_eq!(split_list("张三，李四、王五"), ["张三", "李四", "王五"]);
        assert_eq!(split_list("张三,李四"), ["张三", "李四"]);
        assert_eq!(split_list("Smith, John"), ["Smith, John"]);
        assert_eq!(
            split_list("Smith, John; Doe, Jane"),
            ["Smith, John", "Doe, Jane"]
        );
    }

    #[test]
    fn names_lose_marks_and_padding() {
        assert_eq!(name("王  伟").as_deref(), Some("王伟"));
        assert_eq!(name("王　伟").as_deref(), Some("王伟"));
        assert_eq!(name("江文杰[1]").as_deref(), Some("江文杰"));
        assert_eq!(name("张三1,2").as_deref(), Some("张三"));
        assert_eq!(name("张三*").as_deref(), Some("张三"));
        assert_eq!(name(" Smith,  John ").as_deref(), Some("Smith, John"));
        assert_eq!(name("Ｓｍｉｔｈ").as_deref(), Some("Smith"));
        assert_eq!(name("Louis XIV").as_deref(), Some("Louis XIV"));
        assert_eq!(name(" "), None);
    }

    #[test]
    fn parts_join_by_script() {
        assert_eq!(from_parts("张", "三").as_deref(), Some("张三"));
        assert_eq!(from_parts("欧阳", "修").as_deref(), Some("欧阳修"));
        assert_eq!(from_parts("Smith", "John").as_deref(), Some("Smith, John"));
        assert_eq!(from_parts("Zhang", "San").as_deref(), Some("Zhang, San"));
        assert_eq!(from_parts("刘博", "").as_deref(), Some("刘博"));
        assert_eq!(from_parts("", "Plato").as_deref(), Some("Plato"));
        assert_eq!(from_parts("", ""), None);
    }

    #[test]
    fn transliterations_of_listed_names_are_dropped() {
        let got = authors(["许雅琼", "张银萍", "XU Ya-qiong", "ZHANG Yin-ping"]);
        assert_eq!(got, ["许雅琼", "张银萍"]);
        assert_eq!(authors(["许雅琼", "Yaqiong Xu"]), ["许雅琼"]);
        assert_eq!(authors(["欧阳修", "Xiu Ouyang"]), ["欧阳修"]);
        // 曾 reads zeng and ceng; 吕 is written lv, lu or lyu.
        assert_eq!(authors(["曾伟", "Zeng Wei"]), ["曾伟"]);
        assert_eq!(authors(["吕明", "LYU Ming"]), ["吕明"]);
        assert_eq!(authors(["吕明", "Lü Ming"]), ["吕明"]);
    }

    #[test]
    fn foreign_coauthors_stay() {
        assert_eq!(authors(["张三", "John Smith"]), ["张三", "John Smith"]);
        assert_eq!(authors(["Smith, John"]), ["Smith, John"]);
        assert_eq!(authors(["张三", "Zhang Si"]), ["张三", "Zhang Si"]);
    }
}
