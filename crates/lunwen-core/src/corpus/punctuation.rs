//! The punctuation of a quotation as a Chinese paper prints it.
//!
//! OCR and PDF conversion leave half-width marks in Chinese text (`发展,推动`, `指出:`,
//! `模型(PCA-Attention-LSTM)`, `"一带一路"`, `……` as `...`). The reader shows the text as the
//! file has it; what goes into a paper is [`normalize`]d:
//!
//! - `, . : ; ? !` next to CJK text become `，。：；？！` (a `.` only after a Chinese character, so
//!   `3.5%`, `U.S.`, `et al.` and `1.生产力` keep theirs; none between digits: `1,234`, `12:30`);
//! - brackets `( )` become `（ ）` when they hold Chinese or stand next to it (the journals' rule:
//!   `模型（PCA-Attention-LSTM）`), but not after a letter or digit (`f(x)`, `2025(6)`) nor
//!   around a formula (`(a+b)`) unless they hold Chinese;
//! - ASCII quotes `"…"` and `'…'` touching Chinese become curly ones, and every quotation mark
//!   that pairs up is written by its depth (GB/T 15834: `“…‘…’…”`);
//! - `...` (three dots or more) and a lone `…` next to Chinese become `……`;
//! - spaces around full-width punctuation go (`政治” ，植根` → `政治”，植根`).
//!
//! Latin words, numbers (`1.94亿t`, `2015-2017`, `1,234`), URLs and formulas (`$…$`, `\(…\)`)
//! are left as they are. Lines are normalised one by one: a quotation of several paragraphs has
//! one per line.

use super::text::is_cjk;

/// How far (in chars) a mark looks on either side for the text it stands in; also what keeps a
/// line of thousands of marks from costing the square of its length.
const REACH: usize = 32;

/// The longest TeX formula (in chars) read as one; an opening `$` or `\(` with no close within
/// it is text.
const MAX_FORMULA: usize = 400;

/// How many open quotations a closing mark looks through for its own.
const MAX_NESTING: usize = 16;

/// What a copy does to the punctuation of the quoted text (`quote_punctuation` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Punctuation {
    /// [`normalize`], and a quote cut at `；` or `，` ends with `。`.
    Normalize,
    /// The text exactly as the paper has it.
    Verbatim,
}

impl Punctuation {
    pub const ALL: &'static [Punctuation] = &[Punctuation::Normalize, Punctuation::Verbatim];

    pub fn name(self) -> &'static str {
        match self {
            Punctuation::Normalize => "normalize",
            Punctuation::Verbatim => "verbatim",
        }
    }

    pub fn from_name(name: &str) -> Option<Punctuation> {
        Punctuation::ALL.iter().copied().find(|p| p.name() == name)
    }
}

/// The quoted text as it goes into a paper: trimmed, and with [`Punctuation::Normalize`]
/// normalised and properly ended — a quote is a whole statement, so one that stops at a clause
/// mark (`；，、`, the sentence units may end there) ends with `。` (`.` in Latin text).
pub fn quote_text(text: &str, mode: Punctuation) -> String {
    let text = text.trim();
    match mode {
        Punctuation::Verbatim => text.to_string(),
        Punctuation::Normalize => {
            let mut out = normalize(text);
            end_statement(&mut out);
            out
        }
    }
}

/// Replaces a trailing clause mark (`；`, `，`, `、`) with the full stop of the text's script.
fn end_statement(s: &mut String) {
    let chinese = s.chars().any(is_chinese_text);
    let stop = match s.chars().last() {
        Some('；' | '，' | '、') => '。',
        Some(';' | ',') if chinese => '。',
        Some(';' | ',') => '.',
        _ => return,
    };
    s.pop();
    s.push(stop);
}

/// `text` with the punctuation of Chinese text made full-width (see the module docs).
pub fn normalize(text: &str) -> String {
    text.split('\n')
        .map(normalize_line)
        .collect::<Vec<_>>()
        .join("\n")
}

fn normalize_line(line: &str) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    let protected = protected(&chars);
    brackets(&mut chars, &protected);
    quotes(&mut chars, &protected);
    let (chars, protected) = marks(&chars, &protected);
    spaces(&chars, &protected)
}

/// Chars that are not prose: URLs and TeX formulas, left exactly as they are.
fn protected(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let end = url_end(chars, i).or_else(|| formula_end(chars, i));
        match end {
            Some(end) if end > i => {
                out[i..end].iter_mut().for_each(|p| *p = true);
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// `chars` from `i` on begin with `s` (ASCII letters in any case).
fn starts_with(chars: &[char], i: usize, s: &str) -> bool {
    (i..)
        .zip(s.chars())
        .all(|(k, c)| chars.get(k).map(char::to_ascii_lowercase) == Some(c))
}

/// End of a URL starting at `i`: `http://`, `https://` or `www.` up to a space or Chinese, less
/// the punctuation that ends the sentence around it.
fn url_end(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && chars[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    if !["http://", "https://", "www."]
        .iter()
        .any(|p| starts_with(chars, i, p))
    {
        return None;
    }
    let mut end = i;
    while end < chars.len() && !chars[end].is_whitespace() && !is_cjk(chars[end]) {
        end += 1;
    }
    while end > i
        && matches!(
            chars[end - 1],
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"'
        )
    {
        end -= 1;
    }
    Some(end)
}

/// End of a TeX formula starting at `i`: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` on this line.
fn formula_end(chars: &[char], i: usize) -> Option<usize> {
    let (open, close) = if starts_with(chars, i, "$$") {
        ("$$", "$$")
    } else if chars[i] == '$' {
        ("$", "$")
    } else if starts_with(chars, i, "\\(") {
        ("\\(", "\\)")
    } else if starts_with(chars, i, "\\[") {
        ("\\[", "\\]")
    } else {
        return None;
    };
    let from = i + open.chars().count();
    (from..chars.len().min(from + MAX_FORMULA))
        .find(|&k| starts_with(chars, k, close))
        .map(|k| k + close.chars().count())
}

/// Quotation marks and brackets: looked through when asking what text a mark stands next to.
fn is_wrapper(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】'
    )
}

/// The text of a line being normalised: its chars, and which are protected (URLs, formulas).
#[derive(Clone, Copy)]
struct Line<'a> {
    chars: &'a [char],
    protected: &'a [bool],
}

impl Line<'_> {
    /// Looked through when asking what text a mark stands in: spaces, quotation marks,
    /// brackets, punctuation of either width (`发?,展`: both marks are in Chinese, and stay so
    /// once made full-width), and formulas and URLs (which are no language).
    fn see_through(&self, k: usize) -> bool {
        let c = self.chars[k];
        c.is_whitespace()
            || is_wrapper(c)
            || matches!(c, ',' | '.' | ':' | ';' | '?' | '!' | '…')
            || is_full_width_mark(c)
            || self.protected.get(k).copied().unwrap_or(false)
    }

    /// The nearest char before `i` that is text (see [`Line::see_through`]).
    fn text_before(&self, i: usize) -> Option<char> {
        let i = i.min(self.chars.len());
        (i.saturating_sub(REACH)..i)
            .rev()
            .find(|&k| !self.see_through(k))
            .map(|k| self.chars[k])
    }

    /// The nearest char after `i` that is text.
    fn text_after(&self, i: usize) -> Option<char> {
        (i + 1..self.chars.len().min(i + 1 + REACH))
            .find(|&k| !self.see_through(k))
            .map(|k| self.chars[k])
    }

    fn cjk_before(&self, i: usize) -> bool {
        self.text_before(i).is_some_and(is_cjk)
    }

    fn cjk_after(&self, i: usize) -> bool {
        self.text_after(i).is_some_and(is_cjk)
    }

    fn cjk_beside(&self, i: usize) -> bool {
        self.cjk_before(i) || self.cjk_after(i)
    }

    /// A full-width mark is the next thing on either side, past spaces and half-width marks
    /// (`，,，`).
    fn beside_full_width_mark(&self, i: usize) -> bool {
        let skip = |k: &usize| {
            let c = self.chars[*k];
            c.is_whitespace() || matches!(c, ',' | '.' | ':' | ';' | '?' | '!')
        };
        let before = (i.saturating_sub(REACH)..i).rev().find(|k| !skip(k));
        let after = (i + 1..self.chars.len().min(i + 1 + REACH)).find(|k| !skip(k));
        [before, after]
            .into_iter()
            .flatten()
            .any(|k| is_full_width_mark(self.chars[k]) && !self.protected[k])
    }
}

/// Operators that make a bracket's content a formula: `(a+b)`, `(x=1)`.
fn is_formula(content: &[char]) -> bool {
    content.iter().any(|&c| {
        matches!(
            c,
            '=' | '+' | '*' | '/' | '^' | '<' | '>' | '|' | '\\' | '_' | '±' | '×' | '÷'
        ) || ('\u{2200}'..='\u{22ff}').contains(&c)
    })
}

/// `( )` → `（ ）` where Chinese text holds or surrounds them; a pair with one full-width half
/// gets the other.
fn brackets(chars: &mut [char], protected: &[bool]) {
    let mut open: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    let mut lone = Vec::new();
    for i in 0..chars.len() {
        if protected[i] {
            continue;
        }
        match chars[i] {
            '(' | '（' => open.push(i),
            ')' | '）' => match open.pop() {
                Some(o) => pairs.push((o, i)),
                None => lone.push(i),
            },
            _ => {}
        }
    }
    lone.extend(open);
    let line = Line { chars, protected };
    let chinese = ChineseCount::of(chars);
    // After a letter or digit a bracket belongs to what it follows: `f(x)`, `2025(6)`.
    let glued = |o: usize| o > 0 && chars[o - 1].is_ascii_alphanumeric();
    let mut full: Vec<usize> = Vec::new();
    for (o, c) in pairs {
        let content = &chars[o + 1..c];
        if chinese.any(o + 1..c)
            || chars[o] == '（'
            || chars[c] == '）'
            || (!glued(o) && (line.cjk_before(o) || line.cjk_after(c)) && !is_formula(content))
        {
            full.extend([o, c]);
        }
    }
    for i in lone {
        if line.cjk_beside(i) && !(chars[i] == '(' && glued(i)) {
            full.push(i);
        }
    }
    for i in full {
        chars[i] = match chars[i] {
            '(' => '（',
            ')' => '）',
            c => c,
        };
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    CurlyDouble,
    CurlySingle,
    AsciiDouble,
    AsciiSingle,
}

impl Quote {
    /// Double or single.
    fn family(self) -> bool {
        matches!(self, Quote::CurlyDouble | Quote::AsciiDouble)
    }
}

/// A quotation: where it opens, where it closes (`None`: past the end of the line), its marks.
struct Span {
    open: usize,
    close: Option<usize>,
    kind: Quote,
}

/// A letter or digit of a Latin (or other non-CJK) word.
fn is_latin(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// `'` or `’` inside a word: `China's`, `don’t`.
fn is_apostrophe(chars: &[char], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|p| is_latin(chars[p]))
        && chars.get(i + 1).is_some_and(|&c| is_latin(c))
}

/// Pairs the quotation marks of a line: curly ones by their shapes, ASCII ones by order (a mark
/// closes the open quotation of its kind, else opens one when text follows it). Also returns
/// the ASCII marks that close a quotation opened before the line (`…研究中"，传统的`).
fn quote_spans(chars: &[char], protected: &[bool]) -> (Vec<Span>, Vec<usize>) {
    let mut spans: Vec<Span> = Vec::new();
    let mut lone: Vec<usize> = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // indices into `spans`
    // Closes the innermost open quotation that `first` accepts, or the innermost one of its
    // family (double or single) opened inside it: once the ASCII marks are curly, that is the
    // one the mark would close.
    let close = |spans: &mut Vec<Span>, open: &mut Vec<usize>, first: &dyn Fn(Quote) -> bool, i| {
        let reach = open.len().saturating_sub(MAX_NESTING);
        let Some(mut pos) = open[reach..]
            .iter()
            .rposition(|&s| first(spans[s].kind))
            .map(|p| p + reach)
        else {
            return false;
        };
        let family = spans[open[pos]].kind.family();
        if let Some(top) = open[pos..]
            .iter()
            .rposition(|&s| spans[s].kind.family() == family)
        {
            pos += top;
        }
        let s = open[pos];
        open.truncate(pos);
        spans[s].close = Some(i);
        true
    };
    let double = |q: Quote| q.family();
    let single = |q: Quote| !q.family();
    let ascii_double = |q: Quote| q == Quote::AsciiDouble;
    let ascii_single = |q: Quote| q == Quote::AsciiSingle;
    for i in 0..chars.len() {
        if protected[i] {
            continue;
        }
        // a mark before text opens a quotation; one before a space or punctuation closes one
        let opens_text = chars.get(i + 1).is_some_and(|&c| {
            !c.is_whitespace()
                && !is_full_width_mark(c)
                && !matches!(c, ',' | '.' | ':' | ';' | '?' | '!' | ')' | ']')
        });
        let kind = match chars[i] {
            '“' => Some(Quote::CurlyDouble),
            '‘' if !is_apostrophe(chars, i) => Some(Quote::CurlySingle),
            // a curly closing mark closes the innermost quotation of its family, curly or not
            '”' => {
                close(&mut spans, &mut open, &double, i);
                None
            }
            '’' if !is_apostrophe(chars, i) => {
                close(&mut spans, &mut open, &single, i);
                None
            }
            '"' if !close(&mut spans, &mut open, &ascii_double, i) => {
                if opens_text {
                    Some(Quote::AsciiDouble)
                } else {
                    lone.push(i);
                    None
                }
            }
            '\'' if !is_apostrophe(chars, i) && !close(&mut spans, &mut open, &ascii_single, i) => {
                let after_word = i.checked_sub(1).is_some_and(|p| is_latin(chars[p]));
                match (opens_text, after_word) {
                    (true, false) => Some(Quote::AsciiSingle),
                    (false, false) => {
                        lone.push(i);
                        None
                    }
                    // `students'`: an apostrophe
                    (_, true) => None,
                }
            }
            _ => None,
        };
        if let Some(kind) = kind {
            open.push(spans.len());
            spans.push(Span {
                open: i,
                close: None,
                kind,
            });
        }
    }
    (spans, lone)
}

/// ASCII quotes in Chinese text become curly, and paired quotation marks alternate by depth:
/// `“` outside, `‘` inside, `“` inside that.
fn quotes(chars: &mut [char], protected: &[bool]) {
    let (spans, lone) = quote_spans(chars, protected);
    let line = Line { chars, protected };
    let chinese = ChineseCount::of(chars);
    let end = |s: &Span| s.close.unwrap_or(chars.len());
    // Which quotations are written with curly marks: all curly ones, ASCII ones in Chinese text.
    let curly: Vec<bool> = spans
        .iter()
        .map(|s| match s.kind {
            Quote::CurlyDouble | Quote::CurlySingle => true,
            Quote::AsciiDouble | Quote::AsciiSingle => {
                chinese.any(s.open + 1..end(s))
                    || line.cjk_before(s.open)
                    || s.close.is_some_and(|c| line.cjk_after(c))
            }
        })
        .collect();
    // How many curly quotations hold char `i` (opened before it, closed after it): a running
    // sum of +1 after each opening and -1 at each closing.
    let mut delta = vec![0i64; chars.len() + 1];
    for (s, _) in spans.iter().zip(&curly).filter(|(_, c)| **c) {
        delta[s.open + 1] += 1;
        delta[end(s)] -= 1;
    }
    let mut inside = Vec::with_capacity(chars.len());
    let mut sum = 0i64;
    for d in &delta[..chars.len()] {
        sum += d;
        inside.push(sum);
    }
    let depth = |i: usize| inside.get(i).copied().unwrap_or(0);
    let mut marks: Vec<(usize, char)> = Vec::new();
    for &i in &lone {
        if line.cjk_beside(i) {
            marks.push((i, if depth(i) % 2 == 0 { '”' } else { '’' }));
        }
    }
    for (k, s) in spans.iter().enumerate() {
        if !curly[k] {
            continue;
        }
        let (open, close) = if depth(s.open) % 2 == 0 {
            ('“', '”')
        } else {
            ('‘', '’')
        };
        // An unclosed curly quotation keeps its mark: its other end is outside this text.
        if s.close.is_some() || matches!(s.kind, Quote::AsciiDouble | Quote::AsciiSingle) {
            marks.push((s.open, open));
        }
        if let Some(c) = s.close {
            marks.push((c, close));
        }
    }
    for (i, c) in marks {
        chars[i] = c;
    }
}

/// `, . : ; ? !` and ellipses; returns the new text and what of it is protected.
fn marks(chars: &[char], protected: &[bool]) -> (Vec<char>, Vec<bool>) {
    let line = Line { chars, protected };
    let mut out = Vec::with_capacity(chars.len());
    let mut out_protected = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if protected[i] {
            out.push(c);
            out_protected.push(true);
            i += 1;
            continue;
        }
        // a run of dots and ellipsis chars
        if c == '.' || c == '…' {
            let run = chars[i..]
                .iter()
                .zip(&protected[i..])
                .take_while(|&(&d, &p)| matches!(d, '.' | '…') && !p)
                .count();
            let has_ellipsis = chars[i..i + run].contains(&'…');
            let last = i + run - 1;
            let in_chinese = line.cjk_before(i) || line.cjk_after(last);
            if (has_ellipsis || run >= 3) && in_chinese {
                out.extend(['…', '…']);
                out_protected.extend([false, false]);
                i += run;
                continue;
            }
            if run == 1 && c == '.' {
                let next = chars.get(i + 1).copied();
                let stop = line.cjk_before(i)
                    && line.text_after(i).is_none_or(is_cjk)
                    && !next.is_some_and(|n| n.is_ascii_alphanumeric());
                out.push(if stop { '。' } else { '.' });
                out_protected.push(false);
                i += 1;
                continue;
            }
            out.extend(&chars[i..i + run]);
            out_protected.extend(std::iter::repeat_n(false, run));
            i += run;
            continue;
        }
        let full = match c {
            ',' => Some('，'),
            ':' => Some('：'),
            ';' => Some('；'),
            '?' => Some('？'),
            '!' => Some('！'),
            _ => None,
        };
        let convert = full.is_some()
            && !(i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            && (line.cjk_beside(i) || line.beside_full_width_mark(i));
        out.push(match full {
            Some(f) if convert => f,
            _ => c,
        });
        out_protected.push(false);
        i += 1;
    }
    (out, out_protected)
}

/// Running count of Chinese text chars in a line, to ask whether a stretch holds any in one step.
struct ChineseCount(Vec<usize>);

impl ChineseCount {
    fn of(chars: &[char]) -> ChineseCount {
        let mut counts = Vec::with_capacity(chars.len() + 1);
        let mut n = 0;
        counts.push(0);
        for &c in chars {
            n += usize::from(is_chinese_text(c));
            counts.push(n);
        }
        ChineseCount(counts)
    }

    fn any(&self, range: std::ops::Range<usize>) -> bool {
        let at = |i: usize| self.0.get(i).or(self.0.last()).copied().unwrap_or(0);
        range.start < range.end && at(range.end) > at(range.start)
    }
}

/// A CJK char that is text rather than punctuation.
fn is_chinese_text(c: char) -> bool {
    is_cjk(c) && !is_full_width_mark(c)
}

/// Full-width punctuation, which takes no space on either side.
fn is_full_width_mark(c: char) -> bool {
    matches!(c, '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301f}')
        || matches!(c, '\u{ff01}'..='\u{ff65}') && !c.is_alphanumeric()
}

/// Drops spaces beside full-width punctuation, and between a curly quotation mark and Chinese.
fn spaces(chars: &[char], protected: &[bool]) -> String {
    let mut out = String::with_capacity(chars.len() * 3);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() || protected[i] {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() && !protected[i] {
            i += 1;
        }
        let (prev, next) = (
            start.checked_sub(1).map(|p| chars[p]),
            chars.get(i).copied(),
        );
        let curly = |c: char| matches!(c, '“' | '”' | '‘' | '’');
        let ascii_quote = |c: char| matches!(c, '"' | '\'');
        let drop = match (prev, next) {
            // an ASCII quote left as it is keeps its spaces: they tell whether it opens or closes
            (Some(p), Some(n)) if ascii_quote(p) || ascii_quote(n) => false,
            (Some(p), Some(n)) => {
                is_full_width_mark(p)
                    || is_full_width_mark(n)
                    || curly(p) && is_cjk(n)
                    || is_cjk(p) && curly(n)
            }
            _ => false,
        };
        if !drop {
            out.extend(&chars[start..i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_colons_and_stops_in_chinese_become_full_width() {
        assert_eq!(
            normalize("在新发展阶段,以新质生产力发展赋能高质量共建“一带一路”,具有明晰的理论逻辑."),
            "在新发展阶段，以新质生产力发展赋能高质量共建“一带一路”，具有明晰的理论逻辑。"
        );
        assert_eq!(
            normalize("他指出:要发展;为什么?好!"),
            "他指出：要发展；为什么？好！"
        );
        assert_eq!(
            normalize("截至2023年底,102个国家"),
            "截至2023年底，102个国家"
        );
        assert_eq!(
            normalize("输沙量为1.94亿t,较多年均值偏少"),
            "输沙量为1.94亿t，较多年均值偏少"
        );
        assert_eq!(normalize("思想理论, 自然也被"), "思想理论，自然也被");
    }

    #[test]
    fn numbers_latin_words_and_abbreviations_keep_their_marks() {
        for s in [
            "增长3.5%,达到1,234人",
            "The U.S. and China, et al. agree: yes.",
            "1.生产力理论与世界市场理论的再结合",
            "2015-2017年",
            "比例为1:2",
            "时间12:30",
            "见www.gov.cn网站",
            "[J].改革",
        ] {
            let n = normalize(s);
            for word in s.split(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '%') {
                assert!(n.contains(word), "{s:?} → {n:?} lost {word:?}");
            }
        }
        assert_eq!(normalize("增长3.5%,达到1,234人"), "增长3.5%，达到1,234人");
        assert_eq!(
            normalize("The U.S. and China, et al. agree: yes."),
            "The U.S. and China, et al. agree: yes."
        );
        assert_eq!(normalize("1.生产力理论"), "1.生产力理论");
        assert_eq!(normalize("比例为1:2,时间12:30"), "比例为1:2，时间12:30");
        assert_eq!(normalize("[J].改革"), "[J].改革");
        assert_eq!(normalize("在2015,2017年"), "在2015,2017年");
    }

    #[test]
    fn urls_and_formulas_are_left_alone() {
        assert_eq!(
            normalize("网址:http://www.insee.fr/fr/themes/a,b.asp?x=1,查看"),
            "网址：http://www.insee.fr/fr/themes/a,b.asp?x=1，查看"
        );
        assert_eq!(
            normalize("其中, $I_{d}^{*}$ , $x(t)$ 分别为"),
            "其中，$I_{d}^{*}$，$x(t)$ 分别为"
        );
        assert_eq!(normalize("设\\(a,b\\)为"), "设\\(a,b\\)为");
    }

    #[test]
    fn brackets_next_to_chinese_become_full_width() {
        assert_eq!(
            normalize("优化长短时记忆模型(PCA-Attention-LSTM)的消费行业"),
            "优化长短时记忆模型（PCA-Attention-LSTM）的消费行业"
        );
        assert_eq!(normalize("(1)推动发展"), "（1）推动发展");
        assert_eq!(normalize("转速(或频率)"), "转速（或频率）");
        assert_eq!(normalize("GDP(国内生产总值)"), "GDP（国内生产总值）");
        assert_eq!(normalize("认同（或身份)政治"), "认同（或身份）政治");
        // after a letter or a digit, or round a formula: as they are
        assert_eq!(normalize("函数f(x)的值"), "函数f(x)的值");
        assert_eq!(
            normalize("中州学刊,2025(6):34-41"),
            "中州学刊，2025(6):34-41"
        );
        assert_eq!(normalize("设(a+b)为"), "设(a+b)为");
        assert_eq!(
            normalize("see (Smith, 2019) here"),
            "see (Smith, 2019) here"
        );
        assert_eq!(
            normalize("模型(PCA-Attention-LSTM),并"),
            "模型（PCA-Attention-LSTM），并"
        );
    }

    #[test]
    fn ascii_quotes_become_curly_by_depth() {
        assert_eq!(normalize("他说\"要发展\"然后"), "他说“要发展”然后");
        assert_eq!(
            normalize("所谓\"marketplace of ideas\"是"),
            "所谓“marketplace of ideas”是"
        );
        assert_eq!(normalize("“共建\"一带一路\"倡议”"), "“共建‘一带一路’倡议”");
        assert_eq!(
            normalize("\"共建“一带一路”倡议\"是"),
            "“共建‘一带一路’倡议”是"
        );
        assert_eq!(normalize("称为'双循环'格局"), "称为“双循环”格局");
        // English keeps its own: apostrophes, quotes in Latin text
        assert_eq!(
            normalize("China's \"new\" rise, students' work"),
            "China's \"new\" rise, students' work"
        );
        // a quotation opened here and closed after the quoted sentence, and one closed here
        assert_eq!(normalize("他说:\"要发展。"), "他说：“要发展。");
        assert_eq!(normalize("的研究中\"，传统的"), "的研究中”，传统的");
        assert_eq!(normalize("“甲\"乙\"，丙"), "“甲‘乙’，丙");
    }

    #[test]
    fn ellipses_in_chinese_are_two_ellipsis_chars() {
        assert_eq!(normalize("理论逻辑...时代趋势"), "理论逻辑……时代趋势");
        assert_eq!(normalize("理论逻辑......时代趋势"), "理论逻辑……时代趋势");
        assert_eq!(normalize("理论逻辑…时代趋势"), "理论逻辑……时代趋势");
        assert_eq!(normalize("理论逻辑……时代趋势"), "理论逻辑……时代趋势");
        assert_eq!(normalize("and so on... then"), "and so on... then");
    }

    #[test]
    fn spaces_around_full_width_marks_go() {
        assert_eq!(
            normalize("核心是 “认同（或身份）政治” ，植根于"),
            "核心是“认同（或身份）政治”，植根于"
        );
        assert_eq!(normalize("（ 责任编辑： 王嘉军）"), "（责任编辑：王嘉军）");
        assert_eq!(normalize("2018 年 4 月"), "2018 年 4 月");
    }

    #[test]
    fn a_quote_ends_as_a_statement() {
        assert_eq!(
            quote_text("具有明晰的理论逻辑；", Punctuation::Normalize),
            "具有明晰的理论逻辑。"
        );
        assert_eq!(quote_text("要发展,", Punctuation::Normalize), "要发展。");
        assert_eq!(
            quote_text("太原市 030006;", Punctuation::Normalize),
            "太原市 030006。"
        );
        assert_eq!(quote_text("函数为：", Punctuation::Normalize), "函数为：");
        assert_eq!(
            quote_text("an open clause;", Punctuation::Normalize),
            "an open clause."
        );
        assert_eq!(
            quote_text(" 发展,推动； ", Punctuation::Verbatim),
            "发展,推动；"
        );
    }

    #[test]
    fn paragraphs_are_normalised_line_by_line() {
        assert_eq!(normalize("甲,乙\n丙,丁"), "甲，乙\n丙，丁");
    }

    /// Paper text is hostile: a line of thousands of marks costs about its length, not its square.
    #[test]
    fn long_runs_of_marks_take_linear_time() {
        let started = std::time::Instant::now();
        for unit in ["(", "发(", "“", "“’", "\\(", "$", " ,", "\"", "'发", "…"] {
            let line = unit.repeat(60_000 / unit.chars().count());
            let n = normalize(&line);
            assert!(n.chars().count() <= 2 * line.chars().count());
        }
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn mode_names_round_trip() {
        for &p in Punctuation::ALL {
            assert_eq!(Punctuation::from_name(p.name()), Some(p));
        }
    }

    proptest::proptest! {
        #[test]
        fn no_half_width_comma_between_chinese_and_latin_runs_survive(
            text in "[发展，,.:;?!()\"'a-c0-9 “”…%]{0,40}"
        ) {
            let n = normalize(&text);
            let chars: Vec<char> = n.chars().collect();
            for w in chars.windows(3) {
                proptest::prop_assert!(
                    !(is_cjk(w[0]) && w[1] == ',' && is_cjk(w[2])),
                    "{:?} → {:?}", text, n
                );
            }
            // Latin letters and digits are never touched, in order
            let latin = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>();
            proptest::prop_assert_eq!(latin(&text), latin(&n));
        }

        /// Normalised text is normal. (Quotation marks of both shapes left open at random can
        /// pair up differently once curly; quotes here are ASCII ones.)
        #[test]
        fn normalising_twice_changes_nothing(text in "[发展，,.:;?!()\"a-c0-9 …%]{0,40}") {
            let n = normalize(&text);
            proptest::prop_assert_eq!(normalize(&n), n.clone(), "{:?}", text);
        }
    }
}
