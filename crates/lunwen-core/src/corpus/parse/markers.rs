//! Stage 6a, markers: note and citation markers cut out of body text (`^[1-2]`, `<sup>①</sup>`,
//! `^①`, `^{④④}`, `[3]`, `[1]–[7]`, `¹`, a bare `①` after text), OCR-damaged ones where the
//! reference list says what they must be (`[4，` for `[4]`, `[1516]` for `[15,16]`), and
//! author–year citations (`(Smith, 2020)`, `(Liu et al. 2024a; Kim et al. 2025)`, `（张三，2019）`)
//! where the reference list is author–year. Also the labels notes and references start with.

use super::Ledger;
use crate::corpus::text::is_cjk;

/// What kind of list a marker points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// Bracketed numbers point into the reference list (参考文献).
    Reference,
    /// Circled numbers and superscripts point to footnotes or endnotes (注释).
    Note,
    /// An author–year citation.
    AuthorYear,
}

/// A marker cut out of a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMarker {
    pub offset: usize,
    /// Char offset in the text before extraction where the marker began.
    pub orig: usize,
    pub label: String,
    pub kind: MarkerKind,
    /// The note or reference numbers the label names (`7-9` → 7, 8, 9); empty if unreadable.
    pub numbers: Vec<u32>,
    /// Author–year citations: (surname, year with its letter) per work cited.
    pub works: Vec<(String, String)>,
}

/// What marker extraction needs to know about the paper.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Entries of a numbered reference list (0 if none).
    pub refs: u32,
    /// The reference list is author–year.
    pub author_year: bool,
}

/// Value of a circled number ①..⑳, ㉑..㉟, ㊱..㊿, ❶..❿.
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

fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

/// Cuts markers out of `text`. Returns the text without them, the markers with char offsets
/// into that text, and the (char position in `text`, chars removed) of each cut, for moving
/// other offsets along. The syntax around labels goes to the ledger as markup.
pub fn extract(
    text: &str,
    ctx: Context,
    ledger: &mut Ledger,
) -> (String, Vec<RawMarker>, Vec<(usize, usize)>) {
    // Most paragraphs have nothing a marker could start with.
    if !might_hold_marker(text, ctx) {
        return (text.to_string(), Vec::new(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut out_len = 0usize;
    let mut markers: Vec<RawMarker> = Vec::new();
    let mut cuts = Vec::new();
    // Text between possible markers is copied whole; each possible marker is read from a
    // window of the chars around it (the one before, and enough after for any marker).
    let mut byte = 0;
    let mut i = 0; // char index of `byte`
    let mut window: Vec<char> = Vec::with_capacity(WINDOW + 1);
    while let Some(p) = next_trigger(text, byte, ctx) {
        let seg = &text[byte..p];
        out.push_str(seg);
        let seg_chars = seg.chars().count();
        out_len += seg_chars;
        i += seg_chars;
        window.clear();
        let prev = text[..p].chars().next_back();
        window.extend(prev);
        let at = window.len();
        window.extend(text[p..].chars().take(WINDOW));
        let Some(mut m) = marker_at(&window, at, ctx) else {
            let c = window[at];
            out.push(c);
            out_len += 1;
            i += 1;
            byte = p + c.len_utf8();
            continue;
        };
        let consumed: String = window[at..at + m.len].iter().collect();
        let consumed_bytes = consumed.len();
        ledger.markup_diff(&consumed, &[&m.label]);
        byte = p + consumed_bytes;
        // `[1]–[7]` and `[8], [9]`: one citation.
        if m.kind == MarkerKind::Reference
            && let Some(prev) = markers.last_mut()
            && prev.kind == MarkerKind::Reference
            && let Some(joiner) = joiner_before(&out, prev.offset, out_len)
        {
            let jl = joiner.chars().count();
            let cut_at = out.len() - joiner.len();
            out.truncate(cut_at);
            out_len -= jl;
            cuts.push((i - jl, jl));
            let range = joiner.trim().starts_with(['-', '–', '—', '~']);
            if range
                && let (Some(&a), Some(&b)) = (prev.numbers.last(), m.numbers.first())
                && a < b
                && b - a < 50
            {
                prev.numbers.extend(a + 1..=b);
            } else {
                prev.numbers.append(&mut m.numbers);
            }
            // The joiner's marks move into the label.
            prev.label = format!("{}{}{}", prev.label, joiner.trim(), m.label);
            cuts.push((i, m.len));
            i += m.len;
            continue;
        }
        markers.push(RawMarker {
            offset: out_len,
            orig: i,
            label: m.label,
            kind: m.kind,
            numbers: m.numbers,
            works: m.works,
        });
        cuts.push((i, m.len));
        i += m.len;
    }
    out.push_str(&text[byte..]);
    (out, markers, cuts)
}

/// Chars a marker can span (an author–year parenthesis is the longest).
const WINDOW: usize = 250;

/// Byte offset of the next char from `from` that could start a marker.
fn next_trigger(text: &str, from: usize, ctx: Context) -> Option<usize> {
    let b = text.as_bytes();
    let paren = ctx.author_year;
    let mut i = from;
    while let Some(at) = crate::corpus::text::find_byte(b, i, |c| {
        (c == b'^')
            | (c == b'<')
            | (c == b'[')
            | (c == b'(') & paren
            | (c == 0xc2)
            | (c == 0xe2)
            | (c == 0xe3)
            | (c == 0xef)
    }) {
        let lead = b[at];
        if matches!(lead, b'^' | b'<' | b'[' | b'(') {
            return Some(at);
        }
        // The next bytes tell most other characters with these lead bytes apart: circled
        // numbers (E2 91, E2 9D, E3 89, E3 8A), superscripts (C2 B2/B3/B9, E2 81), `［` and
        // `（` (EF BC BB, EF BC 88).
        let second = b.get(at + 1).copied().unwrap_or(0);
        let third = b.get(at + 2).copied().unwrap_or(0);
        let maybe = match lead {
            0xc2 => matches!(second, 0xb2 | 0xb3 | 0xb9),
            0xe2 => matches!(second, 0x81 | 0x91 | 0x9d),
            0xe3 => matches!(second, 0x89 | 0x8a),
            _ => second == 0xbc && (third == 0xbb || paren && third == 0x88),
        };
        if maybe
            && let Some(ch) = text.get(at..).and_then(|t| t.chars().next())
            && (circled_value(ch).is_some()
                || superscript_digit(ch).is_some()
                || ch == '［'
                || paren && ch == '（')
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Whether `text` has a character a marker can start with, looked for on the bytes: `^ < [`,
/// `(` for author–year lists, and the lead bytes of `［ （`, circled numbers and superscripts.
fn might_hold_marker(text: &str, ctx: Context) -> bool {
    next_trigger(text, 0, ctx).is_some()
}

/// The text between two bracket citations when it only joins them: `–`, `-`, `, `.
fn joiner_before(out: &str, prev_offset: usize, out_len: usize) -> Option<String> {
    if out_len < prev_offset || out_len - prev_offset > 2 {
        return None;
    }
    let between: String = out.chars().skip(prev_offset).collect();
    let t = between.trim();
    matches!(t, "" | "–" | "-" | "—" | "~" | "," | "，" | "、").then_some(between)
}

/// Moves ascending char offsets in the original text to the text after the cuts, in one pass.
pub fn remap_sorted(offsets: &mut [(usize, u32)], cuts: &[(usize, usize)]) {
    let mut removed = 0;
    let mut k = 0;
    for o in offsets.iter_mut() {
        while k < cuts.len() && cuts[k].0 + cuts[k].1 <= o.0 {
            removed += cuts[k].1;
            k += 1;
        }
        // An offset inside a cut moves to where the cut began.
        let inside = if k < cuts.len() && cuts[k].0 < o.0 {
            o.0 - cuts[k].0
        } else {
            0
        };
        o.0 -= removed + inside;
    }
}

struct Found {
    len: usize,
    label: String,
    kind: MarkerKind,
    numbers: Vec<u32>,
    works: Vec<(String, String)>,
}

fn found(len: usize, label: String, kind: MarkerKind, numbers: Vec<u32>) -> Option<Found> {
    Some(Found {
        len,
        label,
        kind,
        numbers,
        works: Vec::new(),
    })
}

fn starts_with_at(chars: &[char], i: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, p)| chars.get(i + k) == Some(&p))
}

/// A bracket label the reference list can read: the numbers, or a run of two numbers written
/// together (`1516` for 15 and 16) when the list is shorter than the number.
fn bracket_or_split(inner: &str, ctx: Context) -> Vec<u32> {
    let n = bracket_numbers(inner);
    if ctx.refs == 0 || n.iter().all(|&x| x <= ctx.refs) {
        return n;
    }
    if inner.len() >= 2 && inner.len() <= 4 && inner.bytes().all(|b| b.is_ascii_digit()) {
        for k in 1..inner.len() {
            if let (Ok(a), Ok(b)) = (inner[..k].parse::<u32>(), inner[k..].parse::<u32>())
                && a >= 1
                && a < b
                && b <= ctx.refs
                && !inner[k..].starts_with('0')
            {
                return if b - a <= 10 {
                    (a..=b).collect()
                } else {
                    vec![a, b]
                };
            }
        }
    }
    n
}

/// Recognises one marker at `i`.
fn marker_at(chars: &[char], i: usize, ctx: Context) -> Option<Found> {
    let c = chars[i];
    if c == '^' {
        match chars.get(i + 1)? {
            '[' => {
                let close = (i + 2..chars.len().min(i + 24)).find(|&j| chars[j] == ']')?;
                let inner: String = chars[i + 2..close].iter().collect();
                return is_bracket_inner(&inner).then(|| {
                    let label = inner.replace(' ', "");
                    Found {
                        len: close + 1 - i,
                        numbers: bracket_or_split(&label, ctx),
                        label,
                        kind: MarkerKind::Reference,
                        works: Vec::new(),
                    }
                });
            }
            '{' => {
                let close = (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '}')?;
                let inner: String = chars[i + 2..close].iter().collect();
                if inner.is_empty() {
                    return None;
                }
                if is_bracket_inner(&inner) && inner.chars().all(|c| c.is_ascii_digit()) {
                    let n = bracket_or_split(&inner, ctx);
                    return found(close + 1 - i, inner, MarkerKind::Reference, n);
                }
                let n = label_number(&inner).into_iter().collect();
                return found(close + 1 - i, inner, MarkerKind::Note, n);
            }
            &n if circled_value(n).is_some() => {
                return found(
                    2,
                    n.to_string(),
                    MarkerKind::Note,
                    circled_value(n).into_iter().collect(),
                );
            }
            d if d.is_ascii_digit() => {
                let end = (i + 1..chars.len())
                    .take_while(|&j| chars[j].is_ascii_digit())
                    .last()?
                    + 1;
                if end - i - 1 <= 3 {
                    let label: String = chars[i + 1..end].iter().collect();
                    let n = label.parse().ok().into_iter().collect();
                    return found(end - i, label, MarkerKind::Note, n);
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
            let label = stripped.to_string();
            let n = bracket_or_split(&label, ctx);
            return found(consumed, label, MarkerKind::Reference, n);
        }
        let n: Vec<u32> = if inner.chars().all(|c| c.is_ascii_digit() || c == ',') {
            inner.split(',').filter_map(|p| p.parse().ok()).collect()
        } else {
            label_number(&inner).into_iter().collect()
        };
        return found(consumed, inner, MarkerKind::Note, n);
    }
    if c == '[' || c == '［' {
        let close_char = if c == '[' { ']' } else { '］' };
        let close = (i + 1..chars.len().min(i + 22)).find(|&j| chars[j] == close_char);
        if let Some(close) = close {
            let inner: String = chars[i + 1..close].iter().collect();
            // `[1](http…)` is a markdown link, not a marker
            if is_bracket_inner(&inner) && chars.get(close + 1) != Some(&'(') {
                let label = inner.replace(' ', "");
                let n = bracket_or_split(&label, ctx);
                return found(close + 1 - i, label, MarkerKind::Reference, n);
            }
        }
        // `[4，`: the closing bracket lost to OCR, in Chinese text, a number the list has.
        if ctx.refs > 0 && c == '[' {
            let digits = (i + 1..chars.len().min(i + 4))
                .take_while(|&j| chars[j].is_ascii_digit())
                .count();
            if (1..=3).contains(&digits)
                && let Some(&after) = chars.get(i + 1 + digits)
                && matches!(after, '，' | '。' | '、' | '；' | '：')
                && i > 0
                && !chars[i - 1].is_ascii_alphanumeric()
                && !chars[i - 1].is_whitespace()
            {
                let label: String = chars[i + 1..i + 1 + digits].iter().collect();
                let v: u32 = label.parse().ok()?;
                if (1..=ctx.refs).contains(&v) {
                    return found(1 + digits, label, MarkerKind::Reference, vec![v]);
                }
            }
        }
        return None;
    }
    if (c == '(' || c == '（') && ctx.author_year {
        return author_year_at(chars, i);
    }
    if let Some(d) = superscript_digit(c) {
        let mut label = String::from(d);
        let mut j = i + 1;
        while j < chars.len() {
            if let Some(d) = superscript_digit(chars[j]) {
                label.push(d);
            } else if chars[j] == '⁻' || chars[j] == '˒' {
                label.push(if chars[j] == '⁻' { '-' } else { ',' });
            } else {
                break;
            }
            j += 1;
        }
        let n = bracket_numbers(&label);
        let kind = if ctx.refs > 0 {
            MarkerKind::Reference
        } else {
            MarkerKind::Note
        };
        return found(j - i, label, kind, n);
    }
    if circled_value(c).is_some() && i > 0 && !chars[i - 1].is_whitespace() {
        // A bare circled number after text is a footnote call (`…合作文件①，`).
        return found(
            1,
            c.to_string(),
            MarkerKind::Note,
            circled_value(c).into_iter().collect(),
        );
    }
    None
}

/// `(Smith, 2020)`, `(Liu et al. 2024a; Kim et al. 2025)`, `(Atari and Henrich, 2023)`,
/// `（张三，2019）`, `（张三等，2019）`.
fn author_year_at(chars: &[char], i: usize) -> Option<Found> {
    let close_char = if chars[i] == '(' { ')' } else { '）' };
    let close = (i + 1..chars.len().min(i + 240))
        .find(|&j| chars[j] == close_char || chars[j] == '(' || chars[j] == '（')?;
    if chars[close] != close_char {
        return None;
    }
    let inner: String = chars[i + 1..close].iter().collect();
    let works = author_year(&inner)?;
    let label: String = chars[i..=close].iter().collect();
    Some(Found {
        len: close + 1 - i,
        label,
        kind: MarkerKind::AuthorYear,
        numbers: Vec::new(),
        works,
    })
}

/// The works an author–year parenthesis cites: (surname, year) each.
pub fn author_year(inner: &str) -> Option<Vec<(String, String)>> {
    let mut works = Vec::new();
    for item in inner.split([';', '；']) {
        let mut item = item.trim();
        for p in ["e.g.,", "e.g.", "see also", "see", "cf.", "i.e.,"] {
            if let Some(r) = item.strip_prefix(p) {
                item = r.trim();
            }
        }
        // The year is the last word, with a letter for a second work of that year.
        let (names, year) = item.rsplit_once([' ', ',', '，'])?;
        let year = year.trim();
        let digits = year.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = &year[digits..];
        if digits != 4 || suffix.len() > 1 || !suffix.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let y: u32 = year[..4].parse().ok()?;
        if !(1500..=2100).contains(&y) {
            return None;
        }
        let names = names.trim().trim_end_matches([',', '，']).trim();
        if names.is_empty() || names.chars().count() > 80 {
            return None;
        }
        let surname = if names.chars().next().is_some_and(is_cjk) {
            let s: String = names
                .chars()
                .take_while(|&c| is_cjk(c) && !matches!(c, '等' | '和' | '与' | '、' | '，'))
                .collect();
            if !(2..=4).contains(&s.chars().count()) {
                return None;
            }
            s
        } else {
            let first = names.split_whitespace().next()?;
            if !first.starts_with(|c: char| c.is_uppercase()) {
                return None;
            }
            // Names, `and`, `&`, `et al.` only.
            let ok = names.split_whitespace().all(|w| {
                w.starts_with(|c: char| c.is_uppercase())
                    || matches!(
                        w,
                        "and"
                            | "&"
                            | "et"
                            | "al."
                            | "al.,"
                            | "al"
                            | "van"
                            | "de"
                            | "der"
                            | "von"
                            | "la"
                            | "del"
                    )
            });
            if !ok {
                return None;
            }
            first.trim_end_matches([',', '.']).to_string()
        };
        works.push((surname, year.to_string()));
    }
    (!works.is_empty()).then_some(works)
}

/// A note or reference label at the start of a line: `①`, `<sup>①</sup>`, `④2 `, `[12]`, `［3］`.
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
    if first == '[' || first == '［' {
        let close_char = if first == '[' { ']' } else { '］' };
        let close = line.find(close_char)?;
        let inner = line[first.len_utf8()..close].trim();
        if is_bracket_inner(inner) && inner.chars().all(|c| c.is_ascii_digit()) {
            return Some((
                inner.to_string(),
                line[close + close_char.len_utf8()..].trim_start(),
            ));
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(s: &str) -> (String, Vec<RawMarker>) {
        let mut l = Ledger::default();
        let (t, m, _) = extract(s, Context::default(), &mut l);
        (t, m)
    }

    fn ex_ctx(s: &str, ctx: Context) -> (String, Vec<RawMarker>) {
        let mut l = Ledger::default();
        let (t, m, _) = extract(s, ctx, &mut l);
        (t, m)
    }

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
        let (t, m) = ex("界定^[1-2],新^[7-9]。他说^[11]从");
        assert_eq!(t, "界定,新。他说从");
        assert_eq!(
            m.iter()
                .map(|m| (m.offset, m.numbers.clone()))
                .collect::<Vec<_>>(),
            vec![(2, vec![1, 2]), (4, vec![7, 8, 9]), (7, vec![11])]
        );
        assert!(m.iter().all(|m| m.kind == MarkerKind::Reference));

        let (t, m) = ex("特征。<sup>①</sup>这与");
        assert_eq!(t, "特征。这与");
        assert_eq!(
            (m[0].offset, m[0].kind, m[0].numbers.clone()),
            (3, MarkerKind::Note, vec![1])
        );

        let (t, m) = ex("飞跃^{④⑦}从而^⑧，^{⑤6}。");
        assert_eq!(t, "飞跃从而，。");
        assert_eq!(
            m.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(),
            vec!["④⑦", "⑧", "⑤6"]
        );
        assert_eq!(m[2].numbers, vec![56]);

        let (t, m) = ex("展新质生产力。”[1] 党的");
        assert_eq!(t, "展新质生产力。” 党的");
        assert_eq!(m[0].numbers, vec![1]);

        let (t, m) = ex("合作文件①,覆盖");
        assert_eq!((t.as_str(), m.len()), ("合作文件,覆盖", 1));

        let (t, m) = ex("community [1]–[7]. Consequently, [8], [9] show");
        assert_eq!(t, "community . Consequently,  show");
        assert_eq!(m[0].numbers, (1..=7).collect::<Vec<_>>());
        assert_eq!(m[1].numbers, vec![8, 9]);

        let (t, m) = ex("the value¹² here");
        assert_eq!((t.as_str(), m[0].label.as_str()), ("the value here", "12"));
    }

    #[test]
    fn damaged_markers_read_with_the_reference_list() {
        let ctx = Context {
            refs: 17,
            author_year: false,
        };
        let (t, m) = ex_ctx("为浅层神经网络[4，包括", ctx);
        assert_eq!(
            (t.as_str(), m[0].numbers.clone()),
            ("为浅层神经网络，包括", vec![4])
        );
        let (_, m) = ex_ctx("模型[1516]的结构", ctx);
        assert_eq!(m[0].numbers, vec![15, 16]);
        let (t, m) = ex("为浅层神经网络[4，包括");
        assert!(m.is_empty() && t.contains("[4，"));
    }

    #[test]
    fn author_year_citations() {
        let ctx = Context {
            refs: 0,
            author_year: true,
        };
        let (t, m) = ex_ctx(
            "the MIMIC-III (Johnson et al. 2016) and MIMIC-IV (Johnson et al. 2023) datasets",
            ctx,
        );
        assert_eq!(t, "the MIMIC-III  and MIMIC-IV  datasets");
        assert_eq!(m[0].works, [("Johnson".to_string(), "2016".to_string())]);
        let (_, m) = ex_ctx("patients (Liu et al. 2024a; Kim et al. 2025).", ctx);
        assert_eq!(m[0].works.len(), 2);
        assert_eq!(m[0].works[0].1, "2024a");
        let (_, m) = ex_ctx("文献（张三，2019）指出", ctx);
        assert_eq!(m[0].works, [("张三".to_string(), "2019".to_string())]);
        let (t, m) = ex_ctx("a model (see below) in 2019 (n = 2020)", ctx);
        assert!(m.is_empty(), "{m:?}");
        assert_eq!(t, "a model (see below) in 2019 (n = 2020)");
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
            let (t, m) = ex(s);
            assert!(m.is_empty(), "{s}");
            assert_eq!(t, s);
        }
        // A bare ^② before a year keeps the year in the text
        let (t, m) = ex("力。^②2023年");
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
        assert_eq!(leading_label("［3］马克思"), Some(("3".into(), "马克思")));
        assert_eq!(leading_label("新质生产力"), None);
        assert_eq!(leading_label("[J]x"), None);
    }
}
