//! Sentence boundaries in a block of paper text.
//!
//! Search indexes sentences, the reader steps from sentence to sentence and copy quotes whole
//! sentences, so all three agree on one definition: a sentence ends at `。！？…` (and at their
//! ASCII twins where they clearly end a sentence) and takes along the closing quotes and
//! brackets that follow: `…发展新质生产力。”` is one sentence and the next starts after `”`. A
//! short quotation does not end the sentence around it on its own stops (`他说：“要发展。要进步。”`
//! is one sentence); `；` ends none. Sentences never cross a block (a heading, a label, another
//! paragraph), since they are cut from one block's text, nor a line break.

use std::ops::Range;

/// A quotation longer than this many chars is treated as unbalanced OCR rather than a quote, so
/// one stray `“` cannot swallow the rest of a paragraph.
const MAX_QUOTE_CHARS: usize = 200;

/// Char ranges (indices into `text.chars()`) of the sentences of `text`, in order.
///
/// Ranges never start or end with whitespace, never overlap, and together cover every
/// non-whitespace char of `text`. A line break always ends a sentence (table rows, verse).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote_close: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if quote_close == Some(i) {
            quote_close = None;
            // A quotation that ends on a sentence stop ends the sentence with it.
            if i > 0 && is_stop(chars[i - 1]) && c != '》' {
                let mut e = i + 1;
                while e < chars.len() && is_closer(chars[e]) {
                    e += 1;
                }
                push_trimmed(&chars, start..e, &mut out);
                start = e;
                i = e;
                continue;
            }
        } else if quote_close.is_none()
            && let Some(close) = closing_quote(c)
        {
            quote_close = find_close(&chars, i + 1, c, close);
        }
        let end = if c == '\n' {
            quote_close = None;
            Some(i)
        } else if quote_close.is_none() && ends_sentence(&chars, i) {
            let mut e = i + 1;
            // `……` and `?!` runs, then the closing quotes/brackets that belong to the sentence
            while e < chars.len() && (is_terminator(chars[e]) || is_closer(chars[e])) {
                e += 1;
            }
            Some(e)
        } else {
            None
        };
        match end {
            Some(e) => {
                push_trimmed(&chars, start..e, &mut out);
                start = e;
                i = e.max(i + 1);
            }
            None => i += 1,
        }
    }
    push_trimmed(&chars, start..chars.len(), &mut out);
    out
}

/// The sentence holding char `at`; when `at` falls on whitespace between sentences, the one
/// after it (or the last one, past the end). `None` only for text without a sentence.
pub fn sentence_at(text: &str, at: usize) -> Option<Range<usize>> {
    let all = sentences(text);
    let last = all.last().cloned();
    all.into_iter().find(|r| at < r.end).or(last)
}

/// The text of `range` (char indices into `text`).
pub fn slice_chars(text: &str, range: Range<usize>) -> &str {
    let mut idx = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let start = idx.nth(range.start).unwrap_or(text.len());
    let len = range.end.saturating_sub(range.start);
    let end = if len == 0 {
        start
    } else {
        idx.nth(len - 1).unwrap_or(text.len())
    };
    &text[start..end]
}

fn push_trimmed(chars: &[char], range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let (mut s, mut e) = (range.start, range.end);
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if s < e {
        out.push(s..e);
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '!' | '?' | '．')
}

/// Full stops that end a quotation's last sentence.
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '!' | '?' | '．' | '.')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〉' | '"' | '\''
    )
}

fn ends_sentence(chars: &[char], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    match chars[i] {
        '。' | '！' | '？' | '…' | '．' => true,
        // ASCII `!?` in Chinese running text stand for the full-width marks (OCR swaps them);
        // in Latin text they end a sentence only before a space.
        '!' | '?' => {
            prev.is_some_and(is_han) || next.is_none_or(|n| n.is_whitespace() || is_han(n))
        }
        // `.` ends a sentence after a word and before a space or the end, so `3.5`, `www.x.cn`
        // and `[J].改革` stay whole.
        '.' => {
            prev.is_some_and(|p| p.is_alphabetic() || is_closer(p))
                && next.is_none_or(char::is_whitespace)
        }
        _ => false,
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn closing_quote(c: char) -> Option<char> {
    match c {
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        '《' => Some('》'),
        _ => None,
    }
}

/// Index of the quote's closing mark if it comes soon enough (and before a line break).
fn find_close(chars: &[char], from: usize, open: char, close: char) -> Option<usize> {
    let end = chars.len().min(from + MAX_QUOTE_CHARS);
    let mut depth = 0usize;
    for (k, &c) in chars[from..end].iter().enumerate() {
        if c == '\n' {
            return None;
        }
        if c == open && open != close {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(from + k);
            }
            depth -= 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|r| slice_chars(text, r))
            .collect()
    }

    #[test]
    fn splits_at_chinese_terminators() {
        assert_eq!(
            split("发展新质生产力。推动高质量发展！为什么？因为……如此；结束"),
            vec![
                "发展新质生产力。",
                "推动高质量发展！",
                "为什么？",
                "因为……",
                "如此；结束"
            ]
        );
    }

    #[test]
    fn keeps_short_quotes_whole_and_takes_closing_quote() {
        assert_eq!(
            split("他说：“要发展。要进步。”然后离开。“好。”"),
            vec!["他说：“要发展。要进步。”", "然后离开。", "“好。”"]
        );
        // A quotation inside a sentence that does not stop there stays inside it.
        assert_eq!(
            split("他说“要发展”，然后离开。"),
            vec!["他说“要发展”，然后离开。"]
        );
        // The sentence a quotation ends takes its closing quote; the next starts after it.
        assert_eq!(
            split("总书记指出：“发展新质生产力。”[1] 全会强调：“要因地制宜。”[2] 显而易见。"),
            vec![
                "总书记指出：“发展新质生产力。”",
                "[1] 全会强调：“要因地制宜。”",
                "[2] 显而易见。"
            ]
        );
        assert_eq!(
            split("书名《论发展。》很好。"),
            vec!["书名《论发展。》很好。"]
        );
    }

    #[test]
    fn unbalanced_quote_does_not_swallow_the_paragraph() {
        let long = "长".repeat(MAX_QUOTE_CHARS + 10);
        let text = format!("“开头。{long}。结尾。");
        let parts = split(&text);
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert_eq!(parts[0], "“开头。");
    }

    #[test]
    fn ascii_periods_only_end_latin_sentences() {
        assert_eq!(
            split("增长3.5个百分点。见www.gov.cn网站。"),
            vec!["增长3.5个百分点。", "见www.gov.cn网站。"]
        );
        assert_eq!(
            split("New quality. Productive forces! Really"),
            vec!["New quality.", "Productive forces!", "Really"]
        );
        assert_eq!(
            split("[1]刘洋.深刻理解[J].改革"),
            vec!["[1]刘洋.深刻理解[J].改革"]
        );
        assert_eq!(split("要求;提高"), vec!["要求;提高"]);
        assert_eq!(split("第一；第二。"), vec!["第一；第二。"]);
    }

    #[test]
    fn line_breaks_end_sentences_and_whitespace_is_trimmed() {
        assert_eq!(
            split("  第一行\n 第二行。 \n\n"),
            vec!["第一行", "第二行。"]
        );
        assert!(sentences("").is_empty());
        assert!(sentences(" \n ").is_empty());
    }

    #[test]
    fn ranges_are_char_indices() {
        let text = "甲。乙丙。";
        assert_eq!(sentences(text), vec![0..2, 2..5]);
        assert_eq!(slice_chars(text, 2..5), "乙丙。");
        assert_eq!(slice_chars(text, 5..5), "");
        assert_eq!(slice_chars(text, 3..99), "丙。");
    }

    #[test]
    fn sentence_at_finds_the_enclosing_or_next_sentence() {
        let text = "甲乙。 丙丁。";
        assert_eq!(sentence_at(text, 0), Some(0..3));
        assert_eq!(sentence_at(text, 2), Some(0..3));
        assert_eq!(
            sentence_at(text, 3),
            Some(4..7),
            "the space belongs to the next"
        );
        assert_eq!(sentence_at(text, 6), Some(4..7));
        assert_eq!(sentence_at(text, 99), Some(4..7));
        assert_eq!(sentence_at("  ", 0), None);
    }

    proptest::proptest! {
        #[test]
        fn ranges_cover_all_non_space_text_in_order(text in "[甲乙。！“”\"a. \n;?]{0,60}") {
            let ranges = sentences(&text);
            let chars: Vec<char> = text.chars().collect();
            let mut prev_end = 0;
            let mut covered = vec![false; chars.len()];
            for r in &ranges {
                proptest::prop_assert!(r.start >= prev_end && r.start < r.end);
                proptest::prop_assert!(!chars[r.start].is_whitespace());
                proptest::prop_assert!(!chars[r.end - 1].is_whitespace());
                for k in r.clone() {
                    covered[k] = true;
                }
                prev_end = r.end;
            }
            for (k, c) in chars.iter().enumerate() {
                proptest::prop_assert!(covered[k] || c.is_whitespace(), "char {} uncovered", k);
            }
        }
    }
}
