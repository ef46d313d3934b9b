//! Recognising numbered headings. The level comes from the numbering alone (markdown `#` depth in
//! the raw files is inconsistent): `一、` = 1, `（一）` = 2, `1.` = 3; decimal `1` / `1.1` /
//! `1.1.1` (science papers) = 1 / 2 / 3.

const CN_NUMERALS: &str = "一二三四五六七八九十百零〇";

/// Characters that end or split a sentence; a heading never contains these.
const SENTENCE_PUNCT: &[char] = &['。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?'];

/// Words a heading cannot end on: a line ending so is a wrapped sentence, not a heading.
const DANGLING_ENDS: &[char] = &[
    '的', '和', '与', '及', '在', '对', '是', '了', '而', '或', '以', '把', '被', '将', '从',
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// 一、
    Chinese,
    /// （一）
    ChineseParen,
    /// 1. (enumerated; may be a numbered paragraph instead)
    Enumerated,
    /// 1, 1.1, 1.1.1
    Decimal(u8),
}

impl Numbering {
    pub fn level(self) -> u8 {
        match self {
            Numbering::Chinese => 1,
            Numbering::ChineseParen => 2,
            Numbering::Enumerated => 3,
            Numbering::Decimal(n) => n,
        }
    }
}

/// The numbering a line starts with, and the char index where its text begins.
pub fn numbering(line: &str) -> Option<(Numbering, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let first = *chars.first()?;
    if CN_NUMERALS.contains(first) {
        let n = chars
            .iter()
            .take_while(|c| CN_NUMERALS.contains(**c))
            .count();
        if n <= 3 && matches!(chars.get(n), Some('、' | '．')) {
            return Some((Numbering::Chinese, n + 1));
        }
        return None;
    }
    if matches!(first, '（' | '(') {
        let n = chars[1..]
            .iter()
            .take_while(|c| CN_NUMERALS.contains(**c))
            .count();
        if (1..=3).contains(&n) && matches!(chars.get(n + 1), Some('）' | ')')) {
            return Some((Numbering::ChineseParen, n + 2));
        }
        return None;
    }
    if first.is_ascii_digit() {
        let mut i = 0;
        let mut parts = 0u8;
        loop {
            let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || digits > 2 {
                return None;
            }
            parts += 1;
            i += digits;
            match chars.get(i) {
                Some('.' | '．') if chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => i += 1,
                Some('.' | '．' | '、') if parts == 1 => {
                    return Some((Numbering::Enumerated, i + 1));
                }
                Some(c) if c.is_whitespace() => {
                    return (parts <= 4).then_some((Numbering::Decimal(parts), i + 1));
                }
                Some(c) if parts >= 2 && !c.is_ascii_digit() && !c.is_ascii_punctuation() => {
                    return (parts <= 4).then_some((Numbering::Decimal(parts), i));
                }
                _ => return None,
            }
        }
    }
    None
}

/// Does `line` (markdown noise already removed) read as a heading with this numbering?
/// `max_len` bounds the length: headings are short.
pub fn looks_like_heading(line: &str, kind: Numbering, text_start: usize) -> bool {
    let len = line.chars().count();
    let text: String = line.chars().skip(text_start).collect();
    let text = text.trim();
    let Some(first) = text.chars().next() else {
        return false;
    };
    let max_len = match kind {
        Numbering::Chinese | Numbering::ChineseParen => 60,
        _ => 40,
    };
    if len > max_len || text.contains('。') {
        return false;
    }
    match kind {
        Numbering::Chinese | Numbering::ChineseParen => true,
        Numbering::Enumerated | Numbering::Decimal(_) => {
            let last = text.chars().last().unwrap_or(first);
            !text.contains(SENTENCE_PUNCT)
                && !DANGLING_ENDS.contains(&last)
                && (super::super::text::is_cjk(first)
                    || first.is_uppercase()
                    || matches!(first, '“' | '"' | '《'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(line: &str) -> Option<u8> {
        let (kind, start) = numbering(line)?;
        looks_like_heading(line, kind, start).then(|| kind.level())
    }

    #[test]
    fn levels_come_from_numbering() {
        assert_eq!(heading("一、引言"), Some(1));
        assert_eq!(heading("十二、结论"), Some(1));
        assert_eq!(heading("（一）以新质生产力发展赋能"), Some(2));
        assert_eq!(heading("(三)以新质生产力"), Some(2));
        assert_eq!(heading("1. 生产力理论与世界市场理论的再结合"), Some(3));
        assert_eq!(heading("2.构建双循环新发展格局的必然要求"), Some(3));
        assert_eq!(heading("3. “分工优化—多边市场”循环"), Some(3));
        assert_eq!(heading("0 引言"), Some(1));
        assert_eq!(heading("1.1 实验设计"), Some(2));
        assert_eq!(heading("2.3.1 样本选择"), Some(3));
        assert_eq!(heading("1.2材料"), Some(2));
    }

    #[test]
    fn numbered_paragraphs_and_numbers_are_not_headings() {
        assert_eq!(
            heading("1. 在中国式现代化背景下，可通过辩证唯物主义视角深入分析。"),
            None
        );
        assert_eq!(heading("3. 新质生产力作为中国式现代化进程中的"), None);
        assert_eq!(heading("2013年，习近平总书记提出了倡议。"), None);
        assert_eq!(heading("3552 亿元，芯片出口增速明显超过进口增速。"), None);
        assert_eq!(heading("2022 年，我国数据产量达 8.1ZB"), None);
        assert_eq!(heading("一是，提升创新能力。"), None);
        assert_eq!(heading("（1）材料"), None);
        assert_eq!(heading("123. 太长的编号"), None);
    }
}
