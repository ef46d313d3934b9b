//! Matching one query against one unit: `fuzzy-matcher`'s skim algorithm on the folded text,
//! and pinyin for ASCII terms; the better score wins.
//!
//! A query is whitespace-separated terms that must all match (as in fzf). A unit is first
//! checked cheaply ([`Query::bound`]: are the term's chars close together in the text? can the
//! pinyin automaton get through?), which also bounds its score, so skim's quadratic scoring
//! only runs on units that match and could still make the hits shown.

use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::fold;
use super::pinyin::{PinyinQuery, PinyinTable};
use super::units::{Unit, char_bit};

/// Most a pinyin match can score (see `PinyinQuery::find`), per query char it could consume
/// one text char with: 16 a char plus 4 per adjacency, and one head bonus of 16 (the extra,
/// less the adjacency the first char lacks).
const PINYIN_MAX_PER_CHAR: i64 = 20;
const PINYIN_MAX_EXTRA: i64 = 12;
/// Score taken off a hit that only matches with one query char dropped.
const TYPO_PENALTY: i64 = 24;
/// Terms shorter than this are not relaxed: dropping a char of `ab` matches nearly anything.
const MIN_TYPO_TERM: usize = 3;
/// The same for all-ASCII terms, whose letters say less (`zzz` less `z` is two initials that
/// half the corpus has).
const MIN_TYPO_TERM_ASCII: usize = 5;
/// Longer terms (a pasted sentence) get no typo variants: one per char would make the
/// fallback search quadratic in the query.
const MAX_TYPO_TERM: usize = 32;

/// A compiled query.
pub struct Query {
    terms: Vec<Term>,
    skim: SkimMatcherV2,
}

/// One term, with the variants a typo-tolerant search tries (each with one char dropped).
struct Term {
    exact: Variant,
    typos: Vec<Variant>,
}

struct Variant {
    text: String,
    chars: Vec<char>,
    pinyin: Option<PinyinQuery>,
    /// Longest stretch of text (in chars) a literal match may spread over.
    max_span: usize,
    /// `char_bit` of every char: a unit whose filter lacks one cannot match literally.
    chars_filter: u128,
}

impl Variant {
    fn new(text: String) -> Variant {
        let chars: Vec<char> = text.chars().collect();
        let m = chars.len();
        // Chinese chars are nearly words: 新质生产力 strewn over a long sentence is noise, so
        // a match may skip at most as many chars as it matches. Latin abbreviations (`hqd` for
        // high-quality development) need more room.
        let max_span = if text.is_ascii() {
            3 * m + 10
        } else {
            2 * m.max(2)
        };
        Variant {
            chars_filter: chars.iter().fold(0, |f, &c| f | char_bit(c)),
            pinyin: PinyinQuery::new(&text),
            chars,
            text,
            max_span,
        }
    }
}

/// Score and highlight of a unit: `positions` are sorted char indices into `Unit::text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub score: i64,
    pub positions: Vec<usize>,
}

impl Query {
    /// Compiles `query`; `None` when it has no term (empty or blank).
    pub fn new(query: &str) -> Option<Query> {
        let folded = fold(query);
        let terms: Vec<Term> = folded
            .split_whitespace()
            .map(|t| {
                let chars: Vec<char> = t.chars().collect();
                let mut typos: Vec<Variant> = Vec::new();
                let min = if t.is_ascii() {
                    MIN_TYPO_TERM_ASCII
                } else {
                    MIN_TYPO_TERM
                };
                if (min..=MAX_TYPO_TERM).contains(&chars.len()) {
                    for skip in 0..chars.len() {
                        let text: String = chars
                            .iter()
                            .enumerate()
                            .filter(|&(k, _)| k != skip)
                            .map(|(_, c)| c)
                            .collect();
                        if !typos.iter().any(|v| v.text == text) {
                            typos.push(Variant::new(text));
                        }
                    }
                }
                Term {
                    exact: Variant::new(t.to_string()),
                    typos,
                }
            })
            .collect();
        if terms.is_empty() {
            return None;
        }
        Some(Query {
            terms,
            skim: SkimMatcherV2::default().ignore_case(),
        })
    }

    /// Sharpens the pinyin prefilters with what the index's readings allow.
    pub fn refine(&mut self, table: &PinyinTable) {
        for term in &mut self.terms {
            for v in std::iter::once(&mut term.exact).chain(&mut term.typos) {
                if let Some(q) = &mut v.pinyin {
                    q.refine(table);
                }
            }
        }
    }

    /// Can typo tolerance apply (some term long enough)?
    pub fn has_typo_variants(&self) -> bool {
        self.terms.iter().any(|t| !t.typos.is_empty())
    }

    /// The unit's score, or `None` when some term does not match. With `typos`, a term also
    /// matches with one of its chars dropped, at a lower score.
    pub fn score(&self, unit: &Unit, table: &PinyinTable, typos: bool) -> Option<i64> {
        let mut total = 0;
        for term in &self.terms {
            total += self.term(term, unit, table, typos, false)?.score;
        }
        Some(total)
    }

    /// Does the unit match, and if so, the highest score it could get: the cheap tests only,
    /// no skim. Matches exactly when [`score`](Self::score) is `Some`, never below it.
    pub fn bound(&self, unit: &Unit, table: &PinyinTable, typos: bool) -> Option<i64> {
        let mut total = 0;
        for term in &self.terms {
            total += match self.variant_bound(&term.exact, unit, table) {
                Some(b) => b,
                None if typos => {
                    term.typos
                        .iter()
                        .filter_map(|v| self.variant_bound(v, unit, table))
                        .max()?
                        - TYPO_PENALTY
                }
                None => return None,
            };
        }
        Some(total)
    }

    fn variant_bound(&self, v: &Variant, unit: &Unit, table: &PinyinTable) -> Option<i64> {
        let m = v.chars.len() as i64;
        let literal = self
            .literal_match(v, unit)
            .then(|| skim_bound(&v.chars, unit.folded()));
        let pinyin = v
            .pinyin
            .as_ref()
            .filter(|q| {
                self.pinyin_may_match(q, unit) && q.is_match(unit.folded(), &unit.sets, table)
            })
            .map(|_| PINYIN_MAX_PER_CHAR * m + PINYIN_MAX_EXTRA);
        literal.max(pinyin)
    }

    fn literal_match(&self, v: &Variant, unit: &Unit) -> bool {
        unit.chars & v.chars_filter == v.chars_filter
            && has_tight_match(&v.chars, unit.folded(), v.max_span)
    }

    fn pinyin_may_match(&self, q: &PinyinQuery, unit: &Unit) -> bool {
        !unit.sets.is_empty()
            && q.may_match(unit.initials, unit.letters, unit.pairs, |c| {
                unit.folded().contains(c)
            })
    }

    /// Score and highlighted chars of the unit.
    pub fn locate(&self, unit: &Unit, table: &PinyinTable, typos: bool) -> Option<Located> {
        let mut total = 0;
        let mut positions = Vec::new();
        for term in &self.terms {
            let m = self.term(term, unit, table, typos, true)?;
            total += m.score;
            positions.extend(m.positions);
        }
        positions.sort_unstable();
        positions.dedup();
        Some(Located {
            score: total,
            positions,
        })
    }

    fn term(
        &self,
        term: &Term,
        unit: &Unit,
        table: &PinyinTable,
        typos: bool,
        with_positions: bool,
    ) -> Option<Located> {
        let exact = self.variant(&term.exact, unit, table, with_positions);
        if exact.is_some() || !typos {
            return exact;
        }
        term.typos
            .iter()
            .filter_map(|v| self.variant(v, unit, table, with_positions))
            .max_by_key(|m| m.score)
            .map(|m| Located {
                score: m.score - TYPO_PENALTY,
                positions: m.positions,
            })
    }

    fn variant(
        &self,
        v: &Variant,
        unit: &Unit,
        table: &PinyinTable,
        with_positions: bool,
    ) -> Option<Located> {
        let text = unit.folded();
        let literal = if self.literal_match(v, unit) {
            if with_positions {
                self.skim
                    .fuzzy(text, &v.text, true)
                    .map(|(score, positions)| Located { score, positions })
            } else {
                self.skim
                    .fuzzy(text, &v.text, false)
                    .map(|(score, _)| Located {
                        score,
                        positions: Vec::new(),
                    })
            }
        } else {
            None
        };
        let pinyin = v.pinyin.as_ref().and_then(|q| {
            if !self.pinyin_may_match(q, unit) {
                return None;
            }
            q.find(text, &unit.sets, table).map(|m| Located {
                score: m.score,
                positions: m.positions,
            })
        });
        match (literal, pinyin) {
            (Some(l), Some(p)) => Some(if p.score > l.score { p } else { l }),
            (l, p) => l.or(p),
        }
    }
}

/// The highest score `SkimMatcherV2` (default config, text and pattern folded, so no upper
/// case) can give `pattern` in `text`. Its recurrence gives the first matched char
/// 16 − 1 + its in-place bonus, every later one 16 + max(4, its in-place bonus), and gaps only
/// subtract; in-place bonuses are 8 after a start or hard separator (doubled at the very start),
/// 7 after a soft separator, 0 within a word. So only the bonuses where the pattern's chars
/// stand count. A repeated pattern char can pick up a neighbour's bonus, so then every later
/// char gets the largest possible. Checked against skim itself by the tests below.
fn skim_bound(pattern: &[char], text: &str) -> i64 {
    let Some((&first, rest)) = pattern.split_first() else {
        return 0;
    };
    let mut first_bonus = 0;
    let mut rest_bonus = 4;
    let mut prev = None;
    for (col, c) in text.chars().enumerate() {
        let bonus = skim_in_place_bonus(prev, c) * if col == 0 { 2 } else { 1 };
        if c == first {
            first_bonus = first_bonus.max(bonus);
        }
        if rest.contains(&c) {
            rest_bonus = rest_bonus.max(bonus);
        }
        prev = Some(c);
    }
    let repeats = pattern
        .iter()
        .enumerate()
        .any(|(i, c)| pattern[..i].contains(c));
    if repeats {
        rest_bonus = 16;
    }
    15 + first_bonus + rest.len() as i64 * (16 + rest_bonus)
}

/// Skim's bonus for matching `c` after `prev` (`None` at the start), for folded text.
fn skim_in_place_bonus(prev: Option<char>, c: char) -> i64 {
    let hard = |p: char| {
        matches!(
            p,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}'
        )
    };
    let soft = |p: char| matches!(p, '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~');
    match prev {
        None => 8,
        Some(p) if hard(p) => 8,
        Some(p) if soft(p) => 7,
        // camel case (6) needs an upper-case `c`, which folded text has not
        _ if c.is_ascii_uppercase() => 6,
        _ => 0,
    }
}

/// Are `needle`'s chars found in order in `hay`, within a stretch of at most `max_span`
/// chars? Tries each minimal window in turn: the earliest end of a match from some point,
/// then the latest start for that end.
fn has_tight_match(needle: &[char], hay: &str, max_span: usize) -> bool {
    let Some(&last) = needle.last() else {
        return true;
    };
    let mut from = 0;
    loop {
        let mut want = needle.iter();
        let mut next = want.next();
        let mut end = None;
        for (b, c) in hay[from..].char_indices() {
            if Some(&c) == next {
                next = want.next();
                if next.is_none() {
                    end = Some(from + b + c.len_utf8());
                    break;
                }
            }
        }
        let Some(end) = end else {
            return false;
        };
        let mut back = needle.iter().rev().peekable();
        let mut span = 0;
        let mut start = end - last.len_utf8();
        for (b, c) in hay[..end].char_indices().rev() {
            span += 1;
            if back.next_if_eq(&&c).is_some() && back.peek().is_none() {
                start = b;
                break;
            }
        }
        if span <= max_span {
            return true;
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::units::build_units;

    fn unit_for(text: &str, table: &mut PinyinTable) -> Unit {
        let paper = crate::corpus::Paper {
            title: Some(text.to_string()),
            ..Default::default()
        };
        build_units(&[paper], table).remove(0)
    }

    fn locate(query: &str, text: &str, typos: bool) -> Option<Located> {
        let mut table = PinyinTable::default();
        let unit = unit_for(text, &mut table);
        let q = Query::new(query)?;
        let located = q.locate(&unit, &table, typos);
        assert_eq!(
            located.as_ref().map(|l| l.score),
            q.score(&unit, &table, typos),
            "score and locate agree"
        );
        located
    }

    fn positions(query: &str, text: &str) -> Option<Vec<usize>> {
        locate(query, text, false).map(|l| l.positions)
    }

    #[test]
    fn exact_substring_and_fuzzy_subsequence() {
        assert_eq!(positions("生产力", "发展新质生产力"), Some(vec![4, 5, 6]));
        assert_eq!(positions("新生力", "发展新质生产力"), Some(vec![2, 4, 6]));
        assert_eq!(positions("力生", "发展新质生产力"), None);
        let exact = locate("生产力", "新质生产力", false).map(|l| l.score);
        let scattered = locate("生产力", "生活的产出能力", false).map(|l| l.score);
        assert!(exact > scattered, "{exact:?} {scattered:?}");
    }

    #[test]
    fn full_width_and_case_fold_both_ways() {
        assert_eq!(positions("gdp", "人均ＧＤＰ增长"), Some(vec![2, 3, 4]));
        assert_eq!(positions("ＧＤＰ", "人均gdp增长"), Some(vec![2, 3, 4]));
        assert_eq!(
            positions("Belt", "the BELT and road"),
            Some(vec![4, 5, 6, 7])
        );
    }

    #[test]
    fn pinyin_highlights_land_on_the_chinese_chars() {
        let text = "以新质生产力赋能";
        for q in ["xzscl", "xinzhishengchanli", "xinzscl", "xz生产力"] {
            assert_eq!(positions(q, text), Some(vec![1, 2, 3, 4, 5]), "{q}");
        }
        assert_eq!(positions("fn", text), Some(vec![6, 7]));
    }

    #[test]
    fn chinese_matches_must_stay_close_together() {
        assert_eq!(positions("新质生产力", "新的质量在生产中出现能力"), None);
        assert!(has_tight_match(&['新', '力'], "新质生产力", 5));
        assert!(!has_tight_match(&['新', '力'], "新质生产力", 4));
        // the first window is too wide, a later one fits
        assert!(has_tight_match(&['新', '力'], "新...........新质力", 3));
        assert!(!has_tight_match(&['新', '力'], "力新", 9));
        assert!(has_tight_match(&[], "", 0));
        assert_eq!(
            positions("hqd", "high-quality development"),
            Some(vec![0, 5, 13])
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        #[test]
        fn skim_never_scores_above_the_bound(
            text in "[新质生产力的 ,.(a1b)\\[:\\-_~/|{]{1,60}",
            pattern in "[新质生产力的,.(a1b)\\[:\\-_~/|{]{1,7}",
        ) {
            let skim = SkimMatcherV2::default().ignore_case();
            let chars: Vec<char> = pattern.chars().collect();
            for with_positions in [false, true] {
                if let Some((score, _)) = skim.fuzzy(&text, &pattern, with_positions) {
                    let bound = skim_bound(&chars, &text);
                    proptest::prop_assert!(score <= bound, "{} > {}", score, bound);
                }
            }
        }

        #[test]
        fn refined_pinyin_filters_drop_no_match(
            text in "[新质生产力行长的中国银绿 ,“”xzsa1]{1,24}",
            query in "[xzscli hangyn]{1,9}",
        ) {
            let mut table = PinyinTable::default();
            let paper = crate::corpus::Paper {
                title: Some(text),
                ..Default::default()
            };
            let units = build_units(&[paper], &mut table);
            if let (Some(unit), Some(plain)) = (units.first(), Query::new(&query)) {
                let mut refined = Query::new(&query).unwrap();
                refined.refine(&table);
                proptest::prop_assert_eq!(
                    refined.bound(unit, &table, false).is_some(),
                    plain.score(unit, &table, false).is_some()
                );
            }
        }

        #[test]
        fn bound_matches_exactly_when_score_does_and_is_never_below(
            text in "[新质生产力的 ,.(A-Za-z]{0,30}",
            query in "[新质生产力xzscl ]{1,8}",
            typos: bool,
        ) {
            let mut table = PinyinTable::default();
            let paper = crate::corpus::Paper {
                title: Some(text),
                ..Default::default()
            };
            let units = build_units(&[paper], &mut table);
            if let (Some(unit), Some(q)) = (units.first(), Query::new(&query)) {
                let bound = q.bound(unit, &table, typos);
                let score = q.score(unit, &table, typos);
                proptest::prop_assert_eq!(bound.is_some(), score.is_some());
                if let (Some(b), Some(s)) = (bound, score) {
                    proptest::prop_assert!(s <= b, "score {} above bound {}", s, b);
                }
            }
        }
    }

    #[test]
    fn skim_bound_is_tight_for_a_phrase_at_the_start() {
        let skim = SkimMatcherV2::default().ignore_case();
        for (text, pattern) in [
            ("新质生产力是", "新质生产力"),
            ("的力量", "力"),
            ("他说,新质", "新质"),
        ] {
            let chars: Vec<char> = pattern.chars().collect();
            assert_eq!(
                skim.fuzzy(text, pattern, false).map(|(s, _)| s),
                Some(skim_bound(&chars, text)),
                "{text} / {pattern}"
            );
        }
    }

    #[test]
    fn all_terms_must_match() {
        assert_eq!(
            positions("xzscl 赋能", "以新质生产力赋能"),
            Some(vec![1, 2, 3, 4, 5, 6, 7])
        );
        assert_eq!(positions("xzscl 合作", "以新质生产力赋能"), None);
        assert!(Query::new("  ").is_none());
    }

    #[test]
    fn typos_match_only_when_asked_and_score_lower() {
        let text = "发展新质生产力";
        assert_eq!(positions("新质生厂力", text), None);
        let typo = locate("新质生厂力", text, true);
        assert_eq!(
            typo.as_ref().map(|l| l.positions.clone()),
            Some(vec![2, 3, 4, 6])
        );
        let exact = locate("新质生产力", text, true).map(|l| l.score);
        assert!(typo.map(|l| l.score) < exact);
        assert!(locate("xzsccl", text, true).is_some(), "pinyin typo");
        assert!(
            locate("ab", "xyz", true).is_none(),
            "short terms are never relaxed"
        );
        assert!(locate("新质生厂", text, true).is_some());
        assert!(
            locate("xzscxl", text, true).is_some(),
            "long ASCII terms are relaxed"
        );
        assert!(
            locate("xzsl", text, true).is_none(),
            "short ASCII terms are never relaxed"
        );
        let pasted = "新".repeat(MAX_TYPO_TERM + 1);
        assert!(!Query::new(&pasted).unwrap().has_typo_variants());
    }
}
