//! Note markers in running text (`^[1-2]`, `<sup>①</sup>`, `^①`, `^{④④}`, `[3]`) and the labels of
//! the notes and references they point to.

/// What kind of list a marker points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// Bracketed numbers point into the reference list (参考文献).
    Reference,
    /// Circled numbers and superscripts point to footnotes or endnotes (注释).
    Note,
}

/// A marker cut out of a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMarker {
    pub offset: usize,
    pub label: String,
    pub kind: MarkerKind,
    /// The note or reference numbers the label names (`7-9` → 7, 8, 9); empty if unreadable.
    pub numbers: Vec<u32>,
}

/// Value of a circled number ①..⑳, ㉑..㉟, ㊱..㊿.
pub fn circled_value(c: char) -> Option<u32> {
    let v = c as u32;
    match c {
        '\u{2460}'..='\u{2473}' => Some(v - 0x2460 + 1),
        '\u{3251}'..='\u{325f}' => Some(v - 0x3251 + 21),
        '\u{32b1}'..='\u{32bf}' => Some(v - 0x32b1 + 36),
        '\u{2776}'..='\u{277f}' => Some(v - 0x2776 + 1),
        _ => None,
    }
}

/// Number a note label stands for: `①` → 1, `④2` → 42 (OCR splits two-digit circled numbers
/// into a circled digit and a plain one), `12` → 12, `④④` → 44.
pub fn label_number(label: &str) -> Option<u32> {
    let label = label.trim();
    let mut chars = label.chars();
    let first = chars.next()?;
    if let Some(v) = circled_value(first) {
        let rest: String = chars.collect();
        if rest.is_empty() {
            return Some(v);
        }
        if let Some(second) = rest.chars().next().and_then(circled_value)
            && rest.chars().count() == 1
        {
            // `④④` (44), `⑤⑩` (OCR of 50): read the second glyph's last digit
            return Some(v * 10 + second % 10);
        }
        if rest.len() == 1
            && let Some(d) = rest.chars().next().and_then(|c| c.to_digit(10))
        {
            return Some(v * 10 + d);
        }
        return None;
    }
    label.parse().ok()
}

/// Numbers named by a bracket label: `1`, `1-2`, `7–9`, `1,3`.
fn bracket_numbers(inner: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for part in inner.split([',', '，', '、']) {
        let part = part.trim();
        if let Some((a, b)) = part.split_once(['-', '–', '—', '~']) {
            if let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>())
                && a <= b
                && b - a < 50
            {
                out.extend(a..=b);
            }
        } else if let Ok(n) = part.parse() {
            out.push(n);
        }
    }
    out
}

fn is_bracket_inner(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 20
        && s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && s.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '-' | '–' | '—' | ',' | '，' | '、' | ' ' | '~')
        })
}

/// Cuts markers out of `text`. Returns the text without them and the markers with char offsets
/// into that text. A space the marker leaves between two words of CJK text is dropped too.
pub fn extract(text: &str) -> (String, Vec<RawMarker>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut out_len = 0usize;
    let mut markers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((len, label, kind)) = marker_at(&chars, i) {
            let numbers = match kind {
                MarkerKind::Reference => bracket_numbers(&label),
                MarkerKind::Note => label_number(&label).into_iter().collect(),
            };
            markers.push(RawMarker {
                offset: out_len,
                label,
                kind,
                numbers,
            });
            i += len;
            continue;
        }
        out.push(chars[i]);
        out_len += 1;
        i += 1;
    }
    (out, markers)
}

fn starts_with_at(chars: &[char], i: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, p)| chars.get(i + k) == Some(&p))
}

/// Recognises one marker at `i`: (chars consumed, label, kind).
fn marker_at(chars: &[char], i: usize) -> Option<(usize, String, MarkerKind)> {
    let c = chars[i];
    if c == '^' {
        match chars.get(i + 1)? {
            '[' => {
                let close = (i + 2..chars.len().min(i + 24)).find(|&j| chars[j] == ']')?;
                let inner: String = chars[i + 2..close].iter().collect();
                return is_bracket_inner(&inner)
                    .then(|| (close + 1 - i, inner.replace(' ', ""), MarkerKind::Reference));
            }
            '{' => {
                let close = (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '}')?;
                let inner: String = chars[i + 2..close].iter().collect();
                if inner.is_empty() {
                    return None;
                }
                if is_bracket_inner(&inner) && inner.chars().all(|c| c.is_ascii_digit()) {
                    return Some((close + 1 - i, inner, MarkerKind::Reference));
                }
                return Some((close + 1 - i, inner, MarkerKind::Note));
            }
            &n if circled_value(n).is_some() => return Some((2, n.to_string(), MarkerKind::Note)),
            d if d.is_ascii_digit() => {
                let end = (i + 1..chars.len())
                    .take_while(|&j| chars[j].is_ascii_digit())
                    .last()?
                    + 1;
                if end - i - 1 <= 3 {
                    return Some((
                        end - i,
                        chars[i + 1..end].iter().collect(),
                        MarkerKind::Note,
                    ));
                }
                return None;
            }
            _ => return None,
        }
    }
    if c == '<' && starts_with_at(chars, i, "<sup>") {
        let start = i + 5;
        let close =
            (start..chars.len().min(start + 20)).find(|&j| starts_with_at(chars, j, "</sup>"))?;
        let inner: String = chars[start..close]
            .iter()
            .collect::<String>()
            .trim()
            .to_string();
        if inner.is_empty() {
            return None;
        }
        let consumed = close + 6 - i;
        if let Some(stripped) = inner.strip_prefix('[').and_then(|s| s.strip_suffix(']'))
            && is_bracket_inner(stripped)
        {
            return Some((consumed, stripped.to_string(), MarkerKind::Reference));
        }
        return Some((consumed, inner, MarkerKind::Note));
    }
    if c == '[' {
        let close = (i + 1..chars.len().min(i + 22)).find(|&j| chars[j] == ']')?;
        let inner: String = chars[i + 1..close].iter().collect();
        // `[1](http…)` is a markdown link, not a marker
        if is_bracket_inner(&inner) && chars.get(close + 1) != Some(&'(') {
            return Some((close + 1 - i, inner.replace(' ', ""), MarkerKind::Reference));
        }
        return None;
    }
    if circled_value(c).is_some() && i > 0 && !chars[i - 1].is_whitespace() {
        // A bare circled number after text is a footnote call (`…合作文件①，`).
        return Some((1, c.to_string(), MarkerKind::Note));
    }
    None
}

/// A note or reference label at the start of a line: `①`, `<sup>①</sup>`, `④2 `, `[12]`, `12.`.
/// Returns the label and the rest of the line.
pub fn leading_label(line: &str) -> Option<(String, &str)> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix("<sup>") {
        let (inner, after) = rest.split_once("</sup>")?;
        let inner = inner.trim().trim_start_matches('[').trim_end_matches(']');
        if inner.is_empty() || inner.chars().count() > 4 {
            return None;
        }
        return Some((inner.to_string(), after.trim_start()));
    }
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if circled_value(first).is_some() {
        let after_first = first.len_utf8();
        let rest = &line[after_first..];
        // `④2 刘姝璠`: a plain digit then a space continues the number
        let mut rc = rest.chars();
        if let (Some(d), Some(sp)) = (rc.next(), rc.next())
            && d.is_ascii_digit()
            && sp.is_whitespace()
        {
            return Some((line[..after_first + 1].to_string(), rest[1..].trim_start()));
        }
        return Some((first.to_string(), rest.trim_start()));
    }
    if first == '[' {
        let close = line.find(']')?;
        let inner = &line[1..close];
        if is_bracket_inner(inner) && inner.chars().all(|c| c.is_ascii_digit()) {
            return Some((inner.to_string(), line[close + 1..].trim_start()));
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circled_and_ocr_labels() {
        assert_eq!(label_number("①"), Some(1));
        assert_eq!(label_number("⑳"), Some(20));
        assert_eq!(label_number("㉑"), Some(21));
        assert_eq!(label_number("㊿"), Some(50));
        assert_eq!(label_number("④2"), Some(42));
        assert_eq!(label_number("④④"), Some(44));
        assert_eq!(label_number("⑤⑩"), Some(50));
        assert_eq!(label_number("12"), Some(12));
        assert_eq!(label_number("x"), None);
    }

    #[test]
    fn extracts_every_marker_form() {
        let (t, m) = extract("界定^[1-2],新^[7-9]。他说^[11]从");
        assert_eq!(t, "界定,新。他说从");
        assert_eq!(
            m.iter()
                .map(|m| (m.offset, m.numbers.clone()))
                .collect::<Vec<_>>(),
            vec![(2, vec![1, 2]), (4, vec![7, 8, 9]), (7, vec![11])]
        );
        assert!(m.iter().all(|m| m.kind == MarkerKind::Reference));

        let (t, m) = extract("特征。<sup>①</sup>这与");
        assert_eq!(t, "特征。这与");
        assert_eq!(
            (m[0].offset, m[0].kind, m[0].numbers.clone()),
            (3, MarkerKind::Note, vec![1])
        );

        let (t, m) = extract("飞跃^{④⑦}从而^⑧，^{⑤6}。");
        assert_eq!(t, "飞跃从而，。");
        assert_eq!(
            m.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(),
            vec!["④⑦", "⑧", "⑤6"]
        );
        assert_eq!(m[2].numbers, vec![56]);

        let (t, m) = extract("展新质生产力。”[1] 党的");
        assert_eq!(t, "展新质生产力。” 党的");
        assert_eq!(m[0].numbers, vec![1]);

        let (t, m) = extract("合作文件①,覆盖");
        assert_eq!((t.as_str(), m.len()), ("合作文件,覆盖", 1));
    }

    #[test]
    fn not_markers() {
        for s in [
            "[J]",
            "[https://x](https://x)",
            "[M].北京",
            "^x",
            "2^",
            "<sup></sup>",
        ] {
            let (t, m) = extract(s);
            assert!(m.is_empty(), "{s}");
            assert_eq!(t, s);
        }
        // A bare ^② before a year keeps the year in the text
        let (t, m) = extract("力。^②2023年");
        assert_eq!((t.as_str(), m[0].label.as_str()), ("力。2023年", "②"));
    }

    #[test]
    fn leading_labels() {
        assert_eq!(
            leading_label("① 贺颖、倪红福"),
            Some(("①".into(), "贺颖、倪红福"))
        );
        assert_eq!(
            leading_label("<sup>②</sup> 李晓华"),
            Some(("②".into(), "李晓华"))
        );
        assert_eq!(leading_label("④2 刘姝璠"), Some(("④2".into(), "刘姝璠")));
        assert_eq!(leading_label("①2023年"), Some(("①".into(), "2023年")));
        assert_eq!(leading_label("[12]马克思"), Some(("12".into(), "马克思")));
        assert_eq!(leading_label("新质生产力"), None);
        assert_eq!(leading_label("[J]x"), None);
    }
}
