//! Personal names, read once so each style can write them its own way: names in Chinese script
//! are written as they are; names in Latin script are split into surname and given names, with
//! pinyin names (`Cai Wencheng`, `LIU Bo`, `Liu, Bo`) read family name first and Western ones
//! (`John R. Smith`, `Smith, John`, `Bo Liu`) given names first.

use std::collections::HashSet;
use std::sync::OnceLock;

use pinyin::ToPinyin;

use crate::corpus::text::is_cjk;

/// A personal name as a citation needs it.
pub(super) enum Name<'a> {
    /// In Chinese (or other CJK) script: written as it is.
    Cjk(&'a str),
    /// In Latin script.
    Latin(LatinName<'a>),
}

/// A name in Latin script, split so initials can be made.
pub(super) struct LatinName<'a> {
    pub(super) surname: String,
    pub(super) given: Vec<&'a str>,
    /// A Chinese name in pinyin: written family name first, initials by syllable (GB/T 7714:
    /// `CAI W C`).
    pub(super) pinyin: bool,
}

/// Lower-case words that belong to the surname when they precede it (`van Gogh`, `de la Cruz`).
const SURNAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le",
];

impl<'a> Name<'a> {
    pub(super) fn parse(name: &'a str) -> Name<'a> {
        let name = name.trim();
        if name.chars().any(is_cjk) {
            return Name::Cjk(name);
        }
        Name::Latin(LatinName::parse(name))
    }

    /// The name a citation in the text uses: the surname, or a Chinese name whole (`刘博`).
    pub(super) fn short(&self) -> String {
        match self {
            Name::Cjk(n) => n.to_string(),
            Name::Latin(n) => n.surname.clone(),
        }
    }

    /// The name in the order its bearer writes it: `John R. Smith`, `Cai Wencheng`, `刘博`.
    pub(super) fn natural(&self) -> String {
        match self {
            Name::Cjk(n) => n.to_string(),
            Name::Latin(n) if n.given.is_empty() => n.surname.clone(),
            Name::Latin(n) if n.pinyin => format!("{} {}", n.surname, n.given.join(" ")),
            Name::Latin(n) => format!("{} {}", n.given.join(" "), n.surname),
        }
    }

    /// `Surname, Given` (the one BibTeX and RIS form that cannot be misread); CJK names as
    /// written.
    pub(super) fn inverted(&self) -> String {
        match self {
            Name::Cjk(n) => n.to_string(),
            Name::Latin(n) if n.given.is_empty() => n.surname.clone(),
            Name::Latin(n) => format!("{}, {}", n.surname, n.given.join(" ")),
        }
    }

    /// Family and given name apart, for a name in Latin script (CSL-JSON); `None` for a name in
    /// Chinese script, which is cited whole (`刘博`, never `刘`).
    pub(super) fn family_given(&self) -> Option<(String, Option<String>)> {
        match self {
            Name::Cjk(_) => None,
            Name::Latin(n) => Some((
                n.surname.clone(),
                Some(n.given.join(" ")).filter(|g| !g.is_empty()),
            )),
        }
    }
}

impl<'a> LatinName<'a> {
    /// `Smith, John R.`, `John R. Smith`, `Cai Wencheng`, `Liu, Bo`.
    fn parse(name: &'a str) -> LatinName<'a> {
        if let Some((surname, given)) = name.split_once(',') {
            let surname = surname.trim();
            let given: Vec<&str> = given.split_whitespace().collect();
            let pinyin = is_pinyin_surname(surname) && given.iter().all(|g| is_pinyin_word(g));
            return LatinName {
                surname: surname.to_string(),
                given,
                pinyin,
            };
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        if let Some(n) = pinyin_family_first(&words) {
            return n;
        }
        let Some((last, rest)) = words.split_last() else {
            return LatinName {
                surname: String::new(),
                given: Vec::new(),
                pinyin: false,
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
        // `Bo LIU`: capitals mark the surname, which is written `Liu`
        surname.push_str(&capitalised(last));
        LatinName {
            surname,
            given: rest[..cut].to_vec(),
            pinyin: false,
        }
    }

    /// Initial letters of the given names; `Jean-Pierre` gives two.
    pub(super) fn initials(&self) -> Vec<Vec<char>> {
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

    /// Initials as GB/T 7714 writes them: one per given name, or for a pinyin name one per
    /// syllable (`Wencheng` → `W C`).
    pub(super) fn gbt_initials(&self) -> Vec<char> {
        if !self.pinyin {
            return self.initials().into_iter().flatten().collect();
        }
        self.given
            .iter()
            .flat_map(|g| g.split('-'))
            .flat_map(|w| {
                let lower = w.to_ascii_lowercase();
                syllables(&lower)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|s| s.chars().next())
                    .map(|c| c.to_ascii_uppercase())
                    .collect::<Vec<char>>()
            })
            .collect()
    }
}

/// `Cai Wencheng`, `LIU Bo`, `Zhang Yu Xi`: a pinyin surname first and pinyin after it. When
/// the last word could be the surname too (`Liu Bo` / `Bo Liu`), a surname in capitals decides,
/// else the more common surname.
fn pinyin_family_first<'a>(words: &[&'a str]) -> Option<LatinName<'a>> {
    let (&first, rest) = words.split_first()?;
    let &last = rest.last()?;
    if rest.len() > 2 || !is_pinyin_surname(first) || !rest.iter().all(|w| is_pinyin_word(w)) {
        return None;
    }
    let capitals = |w: &str| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
    let western_too =
        is_pinyin_surname(last) && words[..words.len() - 1].iter().all(|w| is_pinyin_word(w));
    if western_too && !capitals(first) {
        if capitals(last) {
            return None;
        }
        if surname_rank(last) < surname_rank(first) {
            return None;
        }
    }
    Some(LatinName {
        surname: capitalised(first),
        given: rest.to_vec(),
        pinyin: true,
    })
}

/// `LIU` → `Liu`; other spellings as they are.
fn capitalised(word: &str) -> String {
    if word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
        let lower = word.to_ascii_lowercase();
        let mut chars = lower.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        word.to_string()
    }
}

/// Common Chinese surnames in pinyin, most common first (the order decides `Liu Bo` / `Bo Liu`),
/// then compound ones.
const PINYIN_SURNAMES: &[&str] = &[
    "wang",
    "li",
    "zhang",
    "liu",
    "chen",
    "yang",
    "huang",
    "zhao",
    "wu",
    "zhou",
    "xu",
    "sun",
    "ma",
    "zhu",
    "hu",
    "guo",
    "he",
    "gao",
    "lin",
    "luo",
    "zheng",
    "liang",
    "xie",
    "song",
    "tang",
    "han",
    "feng",
    "deng",
    "cao",
    "peng",
    "zeng",
    "xiao",
    "tian",
    "dong",
    "yuan",
    "pan",
    "yu",
    "jiang",
    "cai",
    "du",
    "ye",
    "cheng",
    "su",
    "wei",
    "lv",
    "lyu",
    "ding",
    "ren",
    "shen",
    "yao",
    "lu",
    "cui",
    "zhong",
    "tan",
    "fan",
    "jin",
    "shi",
    "liao",
    "jia",
    "xia",
    "fu",
    "fang",
    "bai",
    "zou",
    "meng",
    "xiong",
    "qin",
    "qiu",
    "yin",
    "xue",
    "yan",
    "duan",
    "lei",
    "hou",
    "long",
    "tao",
    "gu",
    "mao",
    "hao",
    "gong",
    "shao",
    "wan",
    "qian",
    "dai",
    "mo",
    "kong",
    "xiang",
    "chang",
    "niu",
    "qi",
    "ge",
    "ling",
    "ni",
    "ou",
    "zhan",
    "guan",
    "kang",
    "shan",
    "geng",
    "ouyang",
    "sima",
    "zhuge",
    "shangguan",
    "situ",
    "dongfang",
    "huangfu",
    "murong",
    "gongsun",
];

fn surname_rank(word: &str) -> usize {
    let w = word.to_ascii_lowercase();
    PINYIN_SURNAMES
        .iter()
        .position(|s| *s == w)
        .unwrap_or(usize::MAX)
}

fn is_pinyin_surname(word: &str) -> bool {
    surname_rank(word) != usize::MAX
}

/// A word that is pinyin syllables run together (`Wencheng`, `Si-yi`, `Xi'an`).
fn is_pinyin_word(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower
        .split(['-', '\''])
        .all(|part| !part.is_empty() && syllables(part).is_some())
}

/// The longest word read as pinyin: a given name of four syllables fits; a longer word is no
/// name (and backtracking over it could take long).
const MAX_PINYIN_WORD: usize = 24;

/// `wencheng` → `["wen", "cheng"]`; `None` when it is not pinyin. Longest syllables first, with
/// backtracking (`xian` is one syllable, `xinan` is `xi`+`nan`).
fn syllables(word: &str) -> Option<Vec<&str>> {
    if word.is_empty() {
        return Some(Vec::new());
    }
    if word.len() > MAX_PINYIN_WORD {
        return None;
    }
    let set = pinyin_syllables();
    let max = word.len().min(6);
    (1..=max).rev().find_map(|n| {
        let head = word.get(..n)?;
        if !set.contains(head) {
            return None;
        }
        let mut rest = syllables(&word[n..])?;
        rest.insert(0, head);
        Some(rest)
    })
}

/// Every toneless pinyin syllable, read from the pinyin table of the CJK ideographs (`ü` as
/// `v`, as keyboards type it, and as `u`).
fn pinyin_syllables() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::new();
        for c in ('\u{4e00}'..='\u{9fff}').filter_map(|c| c.to_pinyin()) {
            let plain = c.plain();
            set.insert(plain.replace('ü', "v"));
            set.insert(plain.replace('ü', "u"));
        }
        set.insert("lyu".to_string());
        set
    })
}

/// Compound Chinese surnames, with their readings.
pub(super) const COMPOUND_SURNAMES: &[(&str, &str)] = &[
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
pub(super) const SURNAME_READINGS: &[(char, &str)] = &[
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

/// Chars of the surname at the start of a Chinese name: two for a compound surname (in a name
/// of three chars or more), else one.
fn chinese_surname_len(name: &str) -> usize {
    let compound =
        name.chars().count() >= 3 && COMPOUND_SURNAMES.iter().any(|(s, _)| name.starts_with(s));
    if compound { 2 } else { 1 }
}

/// Plain pinyin of one character, ASCII only (`ü` as `v`, the usual keyboard spelling).
pub(super) fn plain_pinyin(c: char) -> Option<String> {
    c.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// The surname of a Chinese name in pinyin, read as a surname (`曾` is `zeng`, `欧阳` `ouyang`).
pub(super) fn chinese_surname_pinyin(name: &str) -> String {
    if chinese_surname_len(name) == 2
        && let Some((_, py)) = COMPOUND_SURNAMES.iter().find(|(s, _)| name.starts_with(s))
    {
        return (*py).to_string();
    }
    let Some(first) = name.chars().next() else {
        return String::new();
    };
    SURNAME_READINGS
        .iter()
        .find(|(c, _)| *c == first)
        .map(|(_, py)| (*py).to_string())
        .or_else(|| plain_pinyin(first))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(name: &str) -> (String, Vec<String>, bool) {
        match Name::parse(name) {
            Name::Latin(n) => (
                n.surname,
                n.given.iter().map(|g| g.to_string()).collect(),
                n.pinyin,
            ),
            Name::Cjk(_) => panic!("{name} read as CJK"),
        }
    }

    #[test]
    fn pinyin_names_keep_the_family_name_first() {
        assert_eq!(
            latin("Cai Wencheng"),
            ("Cai".into(), vec!["Wencheng".into()], true)
        );
        assert_eq!(latin("LIU Bo"), ("Liu".into(), vec!["Bo".into()], true));
        assert_eq!(latin("Liu Bo"), ("Liu".into(), vec!["Bo".into()], true));
        assert_eq!(latin("Liu, Bo"), ("Liu".into(), vec!["Bo".into()], true));
        assert_eq!(latin("Zhang Yu Xi").0, "Zhang");
        assert_eq!(latin("Ouyang Xiu").0, "Ouyang");
        assert_eq!(
            latin("Han Si-yi"),
            ("Han".into(), vec!["Si-yi".into()], true)
        );
    }

    #[test]
    fn western_names_and_western_order_pinyin_keep_the_surname_last() {
        assert_eq!(latin("Bo Liu"), ("Liu".into(), vec!["Bo".into()], false));
        assert_eq!(latin("Wencheng Cai").0, "Cai");
        assert_eq!(latin("Bo LIU").0, "Liu");
        assert_eq!(
            latin("John Smith"),
            ("Smith".into(), vec!["John".into()], false)
        );
        assert_eq!(latin("Anna Li").0, "Li");
        assert_eq!(latin("Ludwig van Beethoven").0, "van Beethoven");
        assert_eq!(
            latin("Smith, John R."),
            ("Smith".into(), vec!["John".into(), "R.".into()], false)
        );
        assert_eq!(latin("Long John Silver").0, "Silver");
    }

    #[test]
    fn gbt_initials_are_by_syllable_for_pinyin() {
        let Name::Latin(n) = Name::parse("Cai Wencheng") else {
            panic!()
        };
        assert_eq!(n.gbt_initials(), ['W', 'C']);
        let Name::Latin(n) = Name::parse("Jean-Pierre Dupont") else {
            panic!()
        };
        assert_eq!(n.gbt_initials(), ['J', 'P']);
    }

    #[test]
    fn names_in_each_order() {
        assert_eq!(Name::parse("Smith, John").natural(), "John Smith");
        assert_eq!(Name::parse("Liu, Bo").natural(), "Liu Bo");
        assert_eq!(Name::parse("Cai Wencheng").inverted(), "Cai, Wencheng");
        assert_eq!(
            Name::parse("Cai Wencheng").family_given(),
            Some(("Cai".into(), Some("Wencheng".into())))
        );
        assert_eq!(Name::parse("刘博").family_given(), None);
        assert_eq!(Name::parse("刘博").short(), "刘博");
        assert_eq!(chinese_surname_pinyin("曾国藩"), "zeng");
        assert_eq!(chinese_surname_pinyin("欧阳修"), "ouyang");
        assert_eq!(chinese_surname_pinyin("吕思勉"), "lv");
    }

    #[test]
    fn syllables_split_with_backtracking() {
        assert_eq!(syllables("wencheng"), Some(vec!["wen", "cheng"]));
        assert_eq!(syllables("xian"), Some(vec!["xian"]));
        assert_eq!(syllables("john"), None);
        // a long word is no name, and is not searched
        assert_eq!(syllables(&"xian".repeat(40)), None);
        assert!(
            pinyin_syllables().len() > 380,
            "{}",
            pinyin_syllables().len()
        );
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
}
