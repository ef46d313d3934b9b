//! Section numbering: the forms papers number their sections with, read from the start of a
//! line. Which numbered lines are headings, and at what level, is decided for the whole paper
//! in [`super::classify`]: the level is the depth in the paper's own hierarchy, not the form.

use crate::corpus::text::is_cjk;

/// A numbering form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// 第一章, 第1部分, 第二篇
    Chapter,
    /// 第一节
    Section,
    /// 一、
    Cn,
    /// （一）
    CnParen,
    /// `1`, `1.1`, `1.1.1` (and appendix `A`, `A.1`): the depth is the number of parts.
    Decimal(u8),
    /// `1.` `1、` `1．`: one number and a point; a heading or a numbered paragraph.
    Enum,
    /// （1） (1)
    Paren,
    /// 1） 1)
    RParen,
    /// I. II. IV.
    Roman,
    /// A. B.
    Letter,
}

/// The numbering a line starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    pub style: Style,
    /// The numbers read (`2.3.1` → [2, 3, 1]; `三、` → [3]; `B.2` → [2, 2]).
    pub parts: Vec<u32>,
    /// Byte offset in the line where the text after the number begins.
    pub start: usize,
    /// No space between the number and the text (`0引言`, `1.2材料`).
    pub glued: bool,
    /// The number is a capital letter (`A`, `B.1`): an appendix.
    pub letter: bool,
}

impl Numbered {
    /// The last number (`2.3.1` → 1).
    pub fn value(&self) -> u32 {
        self.parts.last().copied().unwrap_or(0)
    }
}

const CN_DIGITS: &str = "零〇一二三四五六七八九";

/// Value of a Chinese numeral up to 99: 一 = 1, 十二 = 12, 二十一 = 21.
pub fn cn_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut current = 0u32;
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = CN_DIGITS.chars().position(|x| x == c) {
            let d = if d == 0 { 0 } else { d as u32 - 1 };
            current = d;
            any = true;
        } else if c == '十' {
            // Saturating: a line of nothing but 十 is still not a numeral to overflow on.
            total = total.saturating_add(if any && current > 0 { current * 10 } else { 10 });
            current = 0;
            any = true;
        } else if c == '两' {
            current = 2;
            any = true;
        } else {
            return None;
        }
    }
    any.then_some(total.saturating_add(current))
}

fn is_cn_numeral(c: char) -> bool {
    CN_DIGITS.contains(c) || c == '十' || c == '百'
}

fn roman_value(s: &str) -> Option<u32> {
    const R: [&str; 20] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    R.iter().position(|r| *r == s).map(|p| p as u32 + 1)
}

/// Skips spaces after a number; returns the byte offset of the text.
fn text_start(line: &str, at: usize) -> usize {
    at + (line[at..].len() - line[at..].trim_start().len())
}

/// The numbering `line` starts with, if any.
pub fn numbering(line: &str) -> Option<Numbered> {
    let first = line.chars().next()?;
    let n = |style, parts: Vec<u32>, at: usize, letter| {
        let start = text_start(line, at);
        Some(Numbered {
            style,
            parts,
            start,
            glued: start == at && at < line.len(),
            letter,
        })
    };
    // 第一章 / 第1节
    if let Some(rest) = line.strip_prefix('第') {
        let num: String = rest
            .chars()
            .take_while(|c| is_cn_numeral(*c) || c.is_ascii_digit())
            .collect();
        let after = &rest[num.len()..];
        let value = cn_value(&num).or_else(|| num.parse().ok())?;
        for (unit, style) in [
            ("章", Style::Chapter),
            ("部分", Style::Chapter),
            ("篇", Style::Chapter),
            ("节", Style::Section),
        ] {
            if let Some(t) = after.strip_prefix(unit) {
                let at = line.len() - t.len();
                let t2 = t.trim_start_matches(['、', '：', ':', ' ', '　']);
                return n(
                    style,
                    vec![value],
                    line.len() - t2.len().min(t.len()),
                    false,
                )
                .map(|mut x| {
                    x.glued = at == x.start && at < line.len();
                    x
                });
            }
        }
        return None;
    }
    if is_cn_numeral(first) {
        let num: String = line.chars().take_while(|c| is_cn_numeral(*c)).collect();
        if num.chars().count() > 3 {
            return None;
        }
        let value = cn_value(&num)?;
        let rest = &line[num.len()..];
        let sep = rest.chars().next();
        if matches!(sep, Some('、' | '．')) {
            return n(Style::Cn, vec![value], num.len() + sep?.len_utf8(), false);
        }
        return None;
    }
    if matches!(first, '（' | '(') {
        let inner_start = first.len_utf8();
        let rest = &line[inner_start..];
        let inner: String = rest
            .chars()
            .take_while(|c| is_cn_numeral(*c) || c.is_ascii_digit())
            .collect();
        let after = &rest[inner.len()..];
        let close = after.chars().next();
        if inner.is_empty() || !matches!(close, Some('）' | ')')) {
            return None;
        }
        let at = inner_start + inner.len() + close?.len_utf8();
        if inner.chars().all(|c| c.is_ascii_digit()) {
            if inner.len() > 2 {
                return None;
            }
            return n(Style::Paren, vec![inner.parse().ok()?], at, false);
        }
        if inner.chars().count() > 3 {
            return None;
        }
        return n(Style::CnParen, vec![cn_value(&inner)?], at, false);
    }
    if first.is_ascii_digit() {
        return arabic(line, n);
    }
    if first.is_ascii_uppercase() {
        // Roman numerals and letters, followed by a point and a space: `IV. RESULTS`, `A. DATA`.
        let word: String = line
            .chars()
            .take_while(|c| c.is_ascii_uppercase())
            .collect();
        let rest = &line[word.len()..];
        if let Some(after) = rest.strip_prefix('.')
            && after.starts_with(' ')
        {
            if let Some(v) = roman_value(&word) {
                // `I.` could be a letter too, but a paper that says `I.` means the numeral.
                return n(Style::Roman, vec![v], word.len() + 1, false);
            }
            if word.len() == 1 {
                let v = u32::from(word.as_bytes()[0] - b'A') + 1;
                return n(Style::Letter, vec![v], word.len() + 1, false);
            }
            return None;
        }
        // Appendix numbers: `A Title`, `A.1 Title`.
        if word.len() == 1 {
            let v = u32::from(word.as_bytes()[0] - b'A') + 1;
            if let Some(after) = rest.strip_prefix('.')
                && after.starts_with(|c: char| c.is_ascii_digit())
            {
                let mut parts = vec![v];
                let mut at = word.len() + 1;
                loop {
                    let digits = line[at..].bytes().take_while(u8::is_ascii_digit).count();
                    if digits == 0 || digits > 2 {
                        return None;
                    }
                    parts.push(line[at..at + digits].parse().ok()?);
                    at += digits;
                    if line[at..].starts_with('.')
                        && line[at + 1..].starts_with(|c: char| c.is_ascii_digit())
                    {
                        at += 1;
                        continue;
                    }
                    break;
                }
                if !line[at..].starts_with(' ') {
                    return None;
                }
                let depth = u8::try_from(parts.len()).ok()?;
                return n(Style::Decimal(depth), parts, at, true);
            }
            if rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_ascii_uppercase()) {
                return n(Style::Decimal(1), vec![v], word.len(), true);
            }
        }
    }
    None
}

fn arabic(
    line: &str,
    n: impl Fn(Style, Vec<u32>, usize, bool) -> Option<Numbered>,
) -> Option<Numbered> {
    let b = line.as_bytes();
    let mut parts = Vec::new();
    let mut i = 0;
    loop {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        parts.push(line[i..i + digits].parse().ok()?);
        i += digits;
        let rest = &line[i..];
        let next = rest.chars().next();
        let after = next.map(|c| &rest[c.len_utf8()..]);
        match next {
            Some('.' | '．')
                if after.is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit())) =>
            {
                i += next?.len_utf8();
                if parts.len() >= 4 {
                    return None;
                }
            }
            Some('.' | '．' | '、') if parts.len() == 1 => {
                // `1.5倍` is a number, not a numbering.
                return n(Style::Enum, parts, i + next?.len_utf8(), false);
            }
            Some('.' | '．') if after.is_some_and(|a| a.starts_with(' ')) => {
                let depth = u8::try_from(parts.len()).ok()?;
                return n(Style::Decimal(depth), parts, i + 1, false);
            }
            Some(')' | '）') if parts.len() == 1 => {
                return n(Style::RParen, parts, i + next?.len_utf8(), false);
            }
            Some(c) if c.is_whitespace() => {
                let depth = u8::try_from(parts.len()).ok()?;
                return n(Style::Decimal(depth), parts, i, false);
            }
            Some(c)
                if is_cjk(c) && !matches!(c, '、' | '，' | '。' | '：' | '；' | '）' | '％') =>
            {
                let depth = u8::try_from(parts.len()).ok()?;
                return n(Style::Decimal(depth), parts, i, false);
            }
            Some(c) if c.is_ascii_uppercase() && parts.len() >= 2 => {
                let depth = u8::try_from(parts.len()).ok()?;
                return n(Style::Decimal(depth), parts, i, false);
            }
            None if parts.len() >= 2 || line.len() <= 2 => {
                let depth = u8::try_from(parts.len()).ok()?;
                return n(Style::Decimal(depth), parts, i, false);
            }
            _ => return None,
        }
    }
}

/// Characters that end or split a sentence.
const SENTENCE_PUNCT: &[char] = &['。', '，', '；', '！', '！', ',', ';', '!'];

/// Words a Chinese heading cannot end on: a line ending so is a wrapped sentence.
const DANGLING_ENDS: &[char] = &[
    '的', '和', '与', '及', '在', '对', '是', '了', '而', '或', '以', '把', '被', '将', '从', '为',
];

/// Does the text after a number read as a heading? `marked`: the converter marked the line as
/// a heading (`#`), which allows the punctuation headings sometimes carry (`2.1 第一阶段：…`,
/// `5 Benchmarking: Traditionalism, Authority, and …`).
pub fn heading_text(text: &str, style: Style, marked: bool) -> bool {
    let text = text.trim();
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().last().unwrap_or(first);
    let chars = text.chars().count();
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let latin_words = text.split_whitespace().count();
    if cjk == 0 {
        // English: a capital after the number, no sentence end, not too long.
        return (first.is_uppercase() || first.is_ascii_digit() || first == '"' || first == '“')
            && !matches!(last, '.' | ';' | ',')
            && latin_words <= 20
            && chars <= 160
            && (marked || !text.contains(". "));
    }
    if chars > 60 || text.contains('。') || matches!(last, '：' | ':' | '，' | ',' | '；' | '、')
    {
        return false;
    }
    if !(is_cjk(first)
        || first.is_ascii_alphanumeric()
        || matches!(first, '“' | '"' | '《' | '（' | '(' | '‘'))
    {
        return false;
    }
    match style {
        Style::Cn | Style::CnParen | Style::Chapter | Style::Section => true,
        // `I. Jensen（丹麦）` in a Chinese table: Latin numbering goes with Latin headings.
        Style::Roman | Style::Letter if !marked => false,
        _ => {
            if marked {
                return !matches!(last, '。' | '.');
            }
            chars <= 40 && !text.contains(SENTENCE_PUNCT) && !DANGLING_ENDS.contains(&last)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(line: &str) -> Option<(Style, Vec<u32>, &str)> {
        let n = numbering(line)?;
        Some((n.style, n.parts.clone(), &line[n.start..]))
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(style("一、引言"), Some((Style::Cn, vec![1], "引言")));
        assert_eq!(style("十二、结论"), Some((Style::Cn, vec![12], "结论")));
        assert_eq!(style("二、 婚姻"), Some((Style::Cn, vec![2], "婚姻")));
        assert_eq!(style("（三）路径"), Some((Style::CnParen, vec![3], "路径")));
        assert_eq!(style("(一) 背景"), Some((Style::CnParen, vec![1], "背景")));
        assert_eq!(
            style("第二章 方法"),
            Some((Style::Chapter, vec![2], "方法"))
        );
        assert_eq!(style("第3节 数据"), Some((Style::Section, vec![3], "数据")));
        assert_eq!(style("三、"), Some((Style::Cn, vec![3], "")));
        assert_eq!(style("一是，提升"), None);
        assert_eq!(style("一方面"), None);
        assert_eq!(cn_value("二十一"), Some(21));
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(style("1. 生产"), Some((Style::Enum, vec![1], "生产")));
        assert_eq!(style("2、方法"), Some((Style::Enum, vec![2], "方法")));
        assert_eq!(style("0 引言"), Some((Style::Decimal(1), vec![0], "引言")));
        assert_eq!(style("0引言"), Some((Style::Decimal(1), vec![0], "引言")));
        assert_eq!(
            style("2.3.1 样本"),
            Some((Style::Decimal(3), vec![2, 3, 1], "样本"))
        );
        assert_eq!(
            style("1.2材料"),
            Some((Style::Decimal(2), vec![1, 2], "材料"))
        );
        assert_eq!(
            style("1) REDUCING"),
            Some((Style::RParen, vec![1], "REDUCING"))
        );
        assert_eq!(
            style("1）功率平衡约束。"),
            Some((Style::RParen, vec![1], "功率平衡约束。"))
        );
        assert_eq!(
            style("(1)遗忘门。"),
            Some((Style::Paren, vec![1], "遗忘门。"))
        );
        assert_eq!(
            style("3 Methodology"),
            Some((Style::Decimal(1), vec![3], "Methodology"))
        );
        assert_eq!(style("2020年"), None);
        assert_eq!(style("3552 亿元"), None);
        assert_eq!(style("1: Require"), None);
        assert_eq!(style("1,2 程明月"), None);
    }

    #[test]
    fn latin_forms() {
        assert_eq!(style("IV. FUTURE"), Some((Style::Roman, vec![4], "FUTURE")));
        assert_eq!(style("B. SMALL"), Some((Style::Letter, vec![2], "SMALL")));
        assert_eq!(
            style("A.1 Distribution"),
            Some((Style::Decimal(2), vec![1, 1], "Distribution"))
        );
        assert_eq!(
            style("C Dictionary Details"),
            Some((Style::Decimal(1), vec![3], "Dictionary Details"))
        );
        assert!(numbering("A Historical").unwrap().letter);
        assert_eq!(style("As for"), None);
        assert_eq!(style("INDEX TERMS"), None);
    }

    #[test]
    fn heading_texts() {
        assert!(heading_text(
            "生产力理论与世界市场理论的再结合",
            Style::Enum,
            false
        ));
        assert!(!heading_text(
            "在中国式现代化背景下，可通过辩证唯物主义视角深入分析。",
            Style::Enum,
            false
        ));
        assert!(!heading_text(
            "新质生产力作为中国式现代化进程中的",
            Style::Enum,
            false
        ));
        assert!(heading_text(
            "第一阶段：基于预训练语言模型的序列推荐",
            Style::Decimal(2),
            true
        ));
        assert!(!heading_text("功率平衡约束。", Style::RParen, true));
        assert!(heading_text("REDUCING COMPUTATION", Style::RParen, true));
        assert!(heading_text(
            "Benchmarking: Traditionalism, Authority, and Attitude toward Reform",
            Style::Decimal(1),
            true
        ));
        assert!(!heading_text(
            "w/o HGCN removes the hypergraph convolution",
            Style::RParen,
            false
        ));
        assert!(heading_text(
            "犯罪对象为“妇女”或“幼女”，在立法上忽视男性的性自主权利",
            Style::CnParen,
            false
        ));
        assert!(heading_text(
            "2020年长江上游来水来沙特性",
            Style::Decimal(1),
            true
        ));
    }
}
