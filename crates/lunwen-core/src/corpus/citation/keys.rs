//! Cite keys: `liu2025yi` (first author's surname in pinyin, year, first syllable or word of the
//! title), unique across a corpus. Papers that would share a key keep it in the order of their
//! ids, the first as it is and the others with `a`, `b`, … after it, so adding a paper never
//! changes the key of one that sorts before it, and a key once pasted into a manuscript keeps
//! pointing at the same paper.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Facts;
use super::names::{Name, chinese_surname_pinyin, plain_pinyin};
use crate::corpus::model::Paper;
use crate::corpus::text::is_cjk;

/// The keys of a corpus's citable papers, by paper id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Keys {
    by_id: HashMap<String, String>,
}

impl Keys {
    pub(super) fn of(papers: &[Paper]) -> Keys {
        let mut natural: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for p in papers {
            let facts = Facts::of(p);
            if !facts.uncitable() {
                natural
                    .entry(natural_key(&facts, &p.id))
                    .or_default()
                    .push(&p.id);
            }
        }
        let mut taken: HashSet<String> = natural.keys().cloned().collect();
        let mut by_id = HashMap::new();
        for (key, mut ids) in natural {
            ids.sort_unstable();
            ids.dedup();
            let mut ids = ids.into_iter();
            if let Some(first) = ids.next() {
                by_id.insert(first.to_string(), key.clone());
            }
            let mut n = 0;
            for id in ids {
                let suffixed = loop {
                    let candidate = format!("{key}{}", suffix(n));
                    n += 1;
                    if taken.insert(candidate.clone()) {
                        break candidate;
                    }
                };
                by_id.insert(id.to_string(), suffixed);
            }
        }
        Keys { by_id }
    }

    /// The key of `paper`: its corpus key, or for a paper outside the corpus the key by the rule.
    pub(super) fn get(&self, paper: &Paper, facts: &Facts) -> String {
        self.by_id
            .get(&paper.id)
            .cloned()
            .unwrap_or_else(|| natural_key(facts, &paper.id))
    }
}

/// `a` … `z`, then `aa`, `ab`, …
fn suffix(n: usize) -> String {
    let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
    if n < 26 {
        letter(n).to_string()
    } else {
        format!("{}{}", suffix(n / 26 - 1), letter(n))
    }
}

/// `liu2025yi`: first author's surname in pinyin, year, first syllable of the title. With none
/// of the three known, the paper id (made key-safe) is the key, so the entry is still usable.
fn natural_key(f: &Facts, paper_id: &str) -> String {
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

fn surname_key(name: &str) -> String {
    match Name::parse(name) {
        Name::Cjk(n) => chinese_surname_pinyin(n),
        Name::Latin(n) => ascii_word(&n.surname),
    }
}

/// Lower-case ASCII letters and digits of a word (accented letters are dropped).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Metadata;

    fn paper(id: &str, title: &str, author: &str, year: u32) -> Paper {
        Paper {
            id: id.into(),
            title: Some(title.into()),
            authors: vec![author.into()],
            metadata: Metadata {
                year: Some(year),
                ..Metadata::default()
            },
            ..Paper::default()
        }
    }

    #[test]
    fn keys_read_surnames_as_surnames() {
        assert_eq!(surname_key("曾国藩"), "zeng");
        assert_eq!(surname_key("单田芳"), "shan");
        assert_eq!(surname_key("欧阳修"), "ouyang");
        assert_eq!(surname_key("吕思勉"), "lv");
        assert_eq!(surname_key("Ludwig van Beethoven"), "vanbeethoven");
        assert_eq!(surname_key("Cai Wencheng"), "cai");
        assert_eq!(title_key("“一带一路”倡议"), "yi");
        assert_eq!(title_key("A Survey of 新质生产力"), "survey");
    }

    #[test]
    fn clashing_keys_get_suffixes_in_id_order_and_stay_unique() {
        let papers = vec![
            paper("b", "以新质生产力", "刘博", 2025),
            paper("a", "一带一路", "刘洋", 2025),
            paper("c", "以……", "柳青", 2025),
            // its own key is what the others' suffix would make: the suffix skips it
            paper("d", "Yia", "Liu, Bo", 2025),
            paper("e", "无年份", "王五", 0),
        ];
        let keys = Keys::of(&papers);
        let key = |i: usize| keys.get(&papers[i], &Facts::of(&papers[i]));
        assert_eq!(key(1), "liu2025yi");
        assert_eq!(key(0), "liu2025yib");
        assert_eq!(key(2), "liu2025yic");
        assert_eq!(key(3), "liu2025yia");
        let all: HashSet<String> = (0..papers.len()).map(key).collect();
        assert_eq!(all.len(), papers.len());
        // a paper added later with a greater id leaves the others' keys alone
        let mut more = papers.clone();
        more.push(paper("f", "议", "刘", 2025));
        let again = Keys::of(&more);
        for p in &papers {
            assert_eq!(again.get(p, &Facts::of(p)), keys.get(p, &Facts::of(p)));
        }
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
        assert_eq!(suffix(27), "ab");
    }
}
