//! Pinyin matching: an ASCII query finds Chinese text by full pinyin, by initials or by any mix
//! (`xzscl`, `xinzhi`, `xinzscl` and `xz生产力` all find 新质生产力).
//!
//! Every Han char may consume any non-empty prefix of any of its readings (heteronyms included),
//! other chars consume themselves, and punctuation or spaces in the text may be stepped over.
//! The match is contiguous in the text: typing the sound of a phrase means that phrase, and a
//! scattered match of five initials in a long sentence would be noise. The test runs as a
//! bit-parallel automaton (shift-and) over the query positions, so it costs a few word
//! operations per char of text.

use std::collections::HashMap;

use pinyin::ToPinyinMulti;

/// Longest query term matched by pinyin: one bit per query position in a `u64` state.
pub const MAX_PINYIN_QUERY: usize = 63;

/// Readings of the Han chars seen so far, interned so a unit stores one `u16` per char.
#[derive(Debug, Clone)]
pub struct PinyinTable {
    /// Readings of each set, plain lower-case ASCII, separated by spaces; set 0 has none.
    sets: Vec<Box<[u8]>>,
    /// Letters (bit `b - b'a'`) that begin some reading of the set.
    initials: Vec<u32>,
    /// Letters that occur anywhere in some reading of the set.
    letters: Vec<u32>,
    ids: HashMap<char, u16>,
    by_readings: HashMap<Box<[u8]>, u16>,
}

impl Default for PinyinTable {
    fn default() -> Self {
        PinyinTable {
            sets: vec![Box::default()],
            initials: vec![0],
            letters: vec![0],
            ids: HashMap::new(),
            by_readings: HashMap::new(),
        }
    }
}

impl PinyinTable {
    /// The reading set of `c`, or 0 when it has no pinyin (not Han, or unknown to the table).
    pub fn id(&mut self, c: char) -> u16 {
        if c.is_ascii() {
            return 0;
        }
        if let Some(&id) = self.ids.get(&c) {
            return id;
        }
        let id = match readings_of(c) {
            Some(r) => self.intern(r),
            None => 0,
        };
        self.ids.insert(c, id);
        id
    }

    fn intern(&mut self, readings: Vec<u8>) -> u16 {
        let key = readings.into_boxed_slice();
        if let Some(&id) = self.by_readings.get(&key) {
            return id;
        }
        // Distinct reading sets number a few thousand; past u16 we stop learning new ones.
        let Ok(id) = u16::try_from(self.sets.len()) else {
            return 0;
        };
        let mut initials = 0;
        let mut letters = 0;
        for r in key.split(|&b| b == b' ') {
            if let Some(&b) = r.first() {
                initials |= letter_bit(b);
            }
            letters |= r.iter().fold(0, |m, &b| m | letter_bit(b));
        }
        self.sets.push(key.clone());
        self.initials.push(initials);
        self.letters.push(letters);
        self.by_readings.insert(key, id);
        id
    }

    /// Readings of set `id`, each plain lower-case ASCII.
    pub fn readings(&self, id: u16) -> impl Iterator<Item = &[u8]> {
        self.sets
            .get(usize::from(id))
            .map_or(&[][..], |s| &s[..])
            .split(|&b| b == b' ')
            .filter(|r| !r.is_empty())
    }

    /// Does some char seen so far have a reading starting with `prefix`?
    pub fn any_reading_starts_with(&self, prefix: &[u8]) -> bool {
        self.sets
            .iter()
            .any(|set| set.split(|&b| b == b' ').any(|r| r.starts_with(prefix)))
    }

    pub fn initials(&self, id: u16) -> u32 {
        self.initials.get(usize::from(id)).copied().unwrap_or(0)
    }

    pub fn letters(&self, id: u16) -> u32 {
        self.letters.get(usize::from(id)).copied().unwrap_or(0)
    }
}

/// Bit of an ASCII letter in the 26-bit letter masks; 0 for anything else.
pub fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

/// Bit of the ordered letter pair (`a`, `b`), given as letter masks of one letter each or more:
/// every pair of a letter of `a` and a letter of `b`, hashed into 128 bits.
pub fn pair_bits(a: u32, b: u32) -> u128 {
    let mut bits = 0u128;
    for x in (0..26u32).filter(|x| a & (1 << x) != 0) {
        for y in (0..26u32).filter(|y| b & (1 << y) != 0) {
            bits |= 1 << (((x * 26 + y).wrapping_mul(0x9e37_79b1) >> 25) & 127);
        }
    }
    bits
}

/// Letters a char can begin a pinyin match with: the initials of its readings, or itself.
/// `None` for chars a match steps over.
pub fn leading_letters(c: char, set: u16, table: &PinyinTable) -> Option<u32> {
    if set == 0 && is_skippable(c) {
        return None;
    }
    let literal = if c.is_ascii() { letter_bit(c as u8) } else { 0 };
    Some(table.initials(set) | literal)
}

/// All plain readings of `c`, space separated. `ü` is offered both as `v` (how pinyin input
/// methods type it) and as `u`.
fn readings_of(c: char) -> Option<Vec<u8>> {
    let multi = c.to_pinyin_multi()?;
    let mut out: Vec<Vec<u8>> = Vec::new();
    for p in multi {
        let plain = p.plain();
        let variants: Vec<String> = if plain.contains('ü') {
            vec![plain.replace('ü', "v"), plain.replace('ü', "u")]
        } else {
            vec![plain.to_string()]
        };
        for v in variants {
            let bytes: Vec<u8> = v.bytes().filter(u8::is_ascii_lowercase).collect();
            if !bytes.is_empty() && !out.contains(&bytes) {
                out.push(bytes);
            }
        }
    }
    if out.is_empty() {
        return None;
    }
    Some(out.join(&b' '))
}

/// A query term compiled for pinyin matching.
#[derive(Debug, Clone)]
pub struct PinyinQuery {
    chars: Vec<char>,
    /// For each ASCII byte, the query positions holding it.
    ascii: [u64; 128],
    /// The same for the non-ASCII chars of a mixed query (`xz生产力`).
    other: Vec<(char, u64)>,
    /// The query's first char: the text must offer it as an initial or literally.
    first: char,
    /// `letter_bit(first)`: a reading can only start a match if it begins with this letter.
    first_bit: u32,
    /// Pairs (first letter, letter a following char starts with) any match needs, as
    /// [`pair_bits`]; `None` when the query is too short or not all letters to tell.
    pairs: Option<u128>,
    /// Could one char consume the whole query? Then the pair filter does not apply. Assumed
    /// until [`PinyinQuery::refine`] looks at the readings.
    whole_in_one: bool,
}

/// Where a pinyin match lies: the text chars it consumed and its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinyinMatch {
    pub score: i64,
    pub positions: Vec<usize>,
}

impl PinyinQuery {
    /// Compiles a folded query term; `None` when pinyin cannot apply (no ASCII letter, or too
    /// long for the automaton).
    pub fn new(term: &str) -> Option<PinyinQuery> {
        let chars: Vec<char> = term.chars().collect();
        if chars.is_empty()
            || chars.len() > MAX_PINYIN_QUERY
            || !chars.iter().any(char::is_ascii_lowercase)
        {
            return None;
        }
        let mut ascii = [0u64; 128];
        let mut other: Vec<(char, u64)> = Vec::new();
        for (j, &c) in chars.iter().enumerate() {
            let bit = 1u64 << j;
            if c.is_ascii() {
                ascii[c as usize] |= bit;
            } else if let Some(e) = other.iter_mut().find(|(o, _)| *o == c) {
                e.1 |= bit;
            } else {
                other.push((c, bit));
            }
        }
        // The first char consumes 1 to 6 letters (the longest syllables, `zhuang`), so the
        // next consumed char starts with one of the following 6.
        let follow = &chars[1..chars.len().min(7)];
        let pairs = (chars.len() > 1
            && chars[0].is_ascii_lowercase()
            && follow.iter().all(char::is_ascii_lowercase))
        .then(|| {
            follow.iter().fold(0, |bits, &c| {
                bits | pair_bits(letter_bit(chars[0] as u8), letter_bit(c as u8))
            })
        });
        Some(PinyinQuery {
            pairs,
            whole_in_one: chars.len() <= 6,
            first_bit: if chars[0].is_ascii() {
                letter_bit(chars[0] as u8)
            } else {
                0
            },
            first: chars[0],
            chars,
            ascii,
            other,
        })
    }

    fn mask(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |(_, m)| *m)
        }
    }

    /// Lets the pair filter work for short queries that no single reading starts with.
    pub fn refine(&mut self, table: &PinyinTable) {
        if self.whole_in_one {
            let bytes: Option<Vec<u8>> = self
                .chars
                .iter()
                .map(|&c| c.is_ascii_lowercase().then_some(c as u8))
                .collect();
            self.whole_in_one = bytes.is_none_or(|b| table.any_reading_starts_with(&b));
        }
    }

    /// Quick rejection: can the unit (its letter masks and letter pairs) possibly match?
    pub fn may_match(
        &self,
        initials: u32,
        letters: u32,
        pairs: u128,
        has_char: impl Fn(char) -> bool,
    ) -> bool {
        if let Some(need) = self.pairs
            && !self.whole_in_one
            && pairs & need == 0
        {
            return false;
        }
        let first_ok = if self.first.is_ascii_lowercase() {
            initials & letter_bit(self.first as u8) != 0
        } else {
            has_char(self.first)
        };
        first_ok
            && self
                .chars
                .iter()
                .all(|&c| !c.is_ascii_lowercase() || letters & letter_bit(c as u8) != 0)
    }

    /// The state after reading `c` (reading set `set`) in state `d`: bit `j` set when some
    /// contiguous stretch of text ending here consumes exactly the first `j` query chars.
    fn step(&self, d: u64, c: char, set: u16, table: &PinyinTable) -> u64 {
        // Most of the time no match is under way: then only a reading starting with the
        // query's first letter can begin one, and most chars have none.
        if d == 1 && table.initials(set) & self.first_bit == 0 {
            let literal = if c.is_ascii() {
                self.ascii[c as usize]
            } else if self.other.is_empty() {
                0
            } else {
                self.mask(c)
            };
            return 1 | ((literal & 1) << 1);
        }
        let mut next = 1 | ((d & self.mask(c)) << 1);
        if set != 0 {
            for reading in table.readings(set) {
                let mut s = d;
                for &b in reading {
                    s = (s & self.ascii[usize::from(b)]) << 1;
                    if s == 0 {
                        break;
                    }
                    next |= s;
                }
            }
        } else if is_skippable(c) {
            next |= d;
        }
        next
    }

    /// Does the text (folded chars with their reading sets) contain a match?
    pub fn is_match(&self, text: &str, sets: &[u16], table: &PinyinTable) -> bool {
        let done = 1u64 << self.chars.len();
        let mut d = 1u64;
        for (c, &set) in text.chars().zip(sets) {
            d = self.step(d, c, set, table);
            if d & done != 0 {
                return true;
            }
        }
        false
    }

    /// The first match in the text with the chars it consumed (for highlighting) and a score on
    /// the scale of `fuzzy-matcher`'s skim scores, so the two can be compared.
    pub fn find(&self, text: &str, sets: &[u16], table: &PinyinTable) -> Option<PinyinMatch> {
        let m = self.chars.len();
        let done = 1u64 << m;
        // Most units handed here do not match: find that out before allocating anything.
        let mut d = 1u64;
        let end = text.chars().zip(sets).position(|(c, &set)| {
            d = self.step(d, c, set, table);
            d & done != 0
        })?;
        let chars: Vec<char> = text.chars().take(end + 1).collect();
        let mut history = Vec::with_capacity(end + 1);
        let mut d = 1u64;
        for (&c, &set) in chars.iter().zip(sets) {
            d = self.step(d, c, set, table);
            history.push(d);
        }
        let mut positions = Vec::new();
        let mut skipped = 0i64;
        let mut j = m;
        let mut i = end;
        loop {
            let prev = if i == 0 { 1 } else { history[i - 1] };
            let has = |k: usize| prev & (1u64 << k) != 0;
            let c = chars[i];
            let set = sets.get(i).copied().unwrap_or(0);
            let mut consumed = None;
            if self.chars[j - 1] == c && has(j - 1) {
                consumed = Some(1);
            }
            for reading in table.readings(set) {
                let longest = (1..=reading.len().min(j)).rev().find(|&l| {
                    has(j - l)
                        && self.chars[j - l..j]
                            .iter()
                            .copied()
                            .eq(reading[..l].iter().map(|&b| char::from(b)))
                });
                if let Some(l) = longest
                    && consumed.is_none_or(|k| l > k)
                {
                    consumed = Some(l);
                }
            }
            match consumed {
                Some(l) => {
                    positions.push(i);
                    j -= l;
                }
                None if set == 0 && is_skippable(c) && has(j) => skipped += 1,
                None => return None,
            }
            if j == 0 {
                break;
            }
            i = i.checked_sub(1)?;
        }
        positions.reverse();
        let start = *positions.first()?;
        let count = positions.len() as i64;
        // Skim's scale: 16 per matched char, a bonus of 4 for each char following a matched one,
        // a head bonus when the match starts the text or follows a separator, small gap costs.
        let head = start == 0 || chars.get(start - 1).is_some_and(|&p| is_skippable(p));
        let score = 16 * count + 4 * (count - 1) + if head { 16 } else { 0 } - 3 * skipped;
        Some(PinyinMatch { score, positions })
    }
}

/// Chars a pinyin match may step over: spaces and punctuation, not letters, digits or Han.
fn is_skippable(c: char) -> bool {
    !c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(query: &str, text: &str) -> Option<Vec<usize>> {
        let mut table = PinyinTable::default();
        let sets: Vec<u16> = text.chars().map(|c| table.id(c)).collect();
        let q = PinyinQuery::new(query)?;
        let found = q.find(text, &sets, &table);
        assert_eq!(found.is_some(), q.is_match(text, &sets, &table));
        found.map(|m| m.positions)
    }

    #[test]
    fn initials_full_and_mixed_pinyin() {
        let text = "发展新质生产力是要求";
        let want = Some(vec![2, 3, 4, 5, 6]);
        assert_eq!(find("xzscl", text), want);
        assert_eq!(find("xinzhishengchanli", text), want);
        assert_eq!(find("xinzscl", text), want);
        assert_eq!(find("xz生产力", text), want);
        assert_eq!(find("xinzhi", text), Some(vec![2, 3]));
        assert_eq!(find("xinzh", text), Some(vec![2, 3]));
        assert_eq!(find("xzsl", text), None, "not contiguous");
        assert_eq!(find("xyz", text), None);
    }

    #[test]
    fn heteronyms_and_u_umlaut() {
        // 行 reads xing and hang; 银行 is yinhang
        assert_eq!(find("yinhang", "中国银行"), Some(vec![2, 3]));
        assert_eq!(find("xingdong", "行动"), Some(vec![0, 1]));
        assert_eq!(find("lvse", "绿色"), Some(vec![0, 1]));
        assert_eq!(find("luse", "绿色"), Some(vec![0, 1]));
    }

    #[test]
    fn steps_over_punctuation_but_not_letters() {
        // 共建“一带一路”: the quote is skipped and not highlighted
        assert_eq!(
            find("gjydyl", "高质量共建“一带一路”"),
            Some(vec![3, 4, 6, 7, 8, 9])
        );
        assert_eq!(find("zgxd", "中国 现代"), Some(vec![0, 1, 3, 4]));
        assert_eq!(find("zgxd", "中国a现代"), None);
    }

    #[test]
    fn literal_ascii_still_matches_and_non_pinyin_queries_are_refused() {
        assert_eq!(
            find("gdp", "人均GDP增长".to_lowercase().as_str()),
            Some(vec![2, 3, 4])
        );
        assert!(PinyinQuery::new("新质").is_none());
        assert!(PinyinQuery::new(&"a".repeat(MAX_PINYIN_QUERY + 1)).is_none());
    }

    #[test]
    fn score_prefers_a_match_at_the_start() {
        let mut table = PinyinTable::default();
        let mut score = |text: &str| {
            let sets: Vec<u16> = text.chars().map(|c| table.id(c)).collect();
            PinyinQuery::new("xz")
                .and_then(|q| q.find(text, &sets, &table))
                .map(|m| m.score)
        };
        let head = score("新质");
        let tail = score("的新质");
        assert!(head > tail, "{head:?} {tail:?}");
    }

    #[test]
    fn masks_reject_impossible_units() {
        let mut table = PinyinTable::default();
        let id = table.id('新');
        assert_ne!(id, 0);
        assert_eq!(table.id('a'), 0);
        assert_eq!(table.id('。'), 0);
        let q = PinyinQuery::new("xin").unwrap();
        assert!(q.may_match(table.initials(id), table.letters(id), 0, |_| false));
        let q = PinyinQuery::new("zin").unwrap();
        assert!(!q.may_match(table.initials(id), table.letters(id), 0, |_| false));
    }

    #[test]
    fn pair_filter_needs_the_first_two_sounds_side_by_side() {
        let mut table = PinyinTable::default();
        let pairs = |text: &str, table: &mut PinyinTable| {
            let mut prev = 0;
            let mut bits = 0;
            for c in text.chars() {
                let set = table.id(c);
                if let Some(l) = leading_letters(c, set, table) {
                    bits |= pair_bits(prev, l);
                    prev = l;
                }
            }
            bits
        };
        let near = pairs("新，质", &mut table);
        let apart = pairs("新的质", &mut table);
        let mut q = PinyinQuery::new("xzs").unwrap();
        assert!(q.whole_in_one, "assumed until refined");
        q.refine(&table);
        assert!(!q.whole_in_one);
        assert!(q.may_match(!0, !0, near, |_| true));
        assert!(!q.may_match(!0, !0, apart, |_| true));
        let mut xin = PinyinQuery::new("xin").unwrap();
        xin.refine(&table);
        assert!(xin.whole_in_one, "新 alone reads xin");
        assert!(xin.may_match(!0, !0, 0, |_| true));
    }
}
