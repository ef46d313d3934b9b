//! Small text helpers shared by the parser and every printer of paper text.

/// Removes control characters and terminal escape sequences (CSI, OSC, DCS, SOS/PM/APC, bare
/// ESC) so text from a paper can never drive the terminal. Keeps `\n` and `\t`.
pub fn sanitize(s: &str) -> String {
    sanitize_keeping(s, false)
}

/// [`sanitize`], keeping form feeds (the page breaks of `pdftotext` output) too.
pub fn sanitize_pages(s: &str) -> String {
    sanitize_keeping(s, true)
}

/// Whether `s` may hold an unsafe character, looked for on the bytes: C0 controls but `\n`,
/// `\t` (and `\f` when kept), DEL, the C1 controls (`C2 80`–`C2 9F`), the bidi controls
/// (`E2 80 AA`–`AE`, `E2 81 A6`–`A9`).
fn may_be_unsafe(s: &str, keep_ff: bool) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'\n' | b'\t' => false,
        0x0c => !keep_ff,
        0..=0x1f | 0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|&n| (0x80..=0x9f).contains(&n)),
        0xe2 => matches!(b.get(i + 1), Some(0x80 | 0x81)),
        _ => false,
    })
}

fn sanitize_keeping(s: &str, keep_ff: bool) -> String {
    if !may_be_unsafe(s, keep_ff)
        || !s
            .chars()
            .any(|c| is_unsafe(c) && !(keep_ff && c == '\u{c}'))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \), or the end of the line
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                // Other escapes: intermediates (space to `/`) and a final byte (`0` to `~`), as
                // in `ESC c` or `ESC ( B`. Anything else after a lone ESC is text and stays.
                Some(_) => {
                    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
                    chars.next_if(|c| ('0'..='~').contains(c));
                }
                None => {}
            },
            // 8-bit CSI / OSC / DCS etc.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' | '\t' => out.push(c),
            '\u{c}' if keep_ff => out.push(c),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// CSI: parameters and intermediates (space to `?`) and a final byte (`@` to `~`). A malformed
/// one ends at the first other char, which stays: a stray `ESC [` in OCR output must not eat
/// the text after it.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// The body of a string sequence. Text files have no business spreading one over lines, so an
/// unterminated one ends at the newline (or page break) instead of swallowing the rest of the
/// paper.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next_if(|&c| c != '\n' && c != '\u{c}') {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        // bidi overrides and isolates can reorder what the user sees
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True for characters of CJK scripts (Han, kana, hangul, CJK punctuation and full-width forms).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{2fdf}'
        | '\u{3000}'..='\u{303f}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3100}'..='\u{312f}'
        | '\u{3190}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}'
        | '\u{20000}'..='\u{2fa1f}')
}

/// CJK characters plus the curly quotes, dashes and dots Chinese text uses, which wrap like CJK
/// punctuation: no space joins them to a neighbour, and a line may break on either side of one.
pub fn is_cjk_like(c: char) -> bool {
    is_cjk(c) || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Joins two pieces of wrapped text: no space between CJK neighbours, one space between Latin
/// words, nothing doubled.
pub fn join_wrapped(a: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + b.len() + 1);
    out.push_str(a);
    push_wrapped(&mut out, b);
    out
}

/// [`join_wrapped`] in place: appends `b` to `a`. Building a long paragraph line by line with
/// this stays linear; re-joining into a fresh string each time is quadratic on big files.
/// Returns true when it dropped the hyphen of a word broken at the line end.
pub fn push_wrapped(a: &mut String, b: &str) -> bool {
    let keep = a.trim_end().len();
    a.truncate(keep);
    let b = b.trim_start();
    let mut dropped = false;
    if let (Some(x), Some(y)) = (a.chars().last(), b.chars().next())
        && !is_cjk_like(x)
        && !is_cjk_like(y)
        && !x.is_whitespace()
    {
        // a hyphenated Latin word broken at the line end joins without the break
        if x == '-' && y.is_ascii_lowercase() && a.len() > 1 {
            a.pop();
            dropped = true;
        } else {
            a.push(' ');
        }
    }
    a.push_str(b);
    dropped
}

/// [`push_wrapped`] keeping `a`'s char count in `chars`. Returns the char offset in `a` where
/// `b`'s (leading-whitespace-trimmed) text begins, and whether a line-end hyphen was dropped.
pub fn join_counted(a: &mut String, chars: &mut usize, b: &str) -> (usize, bool) {
    let keep = a.trim_end().len();
    if keep < a.len() {
        *chars -= a[keep..].chars().count();
        a.truncate(keep);
    }
    let b = b.trim_start();
    let mut dropped = false;
    if let (Some(x), Some(y)) = (a.chars().last(), b.chars().next())
        && !is_cjk_like(x)
        && !is_cjk_like(y)
    {
        if x == '-' && y.is_ascii_lowercase() && a.len() > 1 {
            a.pop();
            *chars -= 1;
            dropped = true;
        } else {
            a.push(' ');
            *chars += 1;
        }
    }
    let start = *chars;
    a.push_str(b);
    *chars += b.chars().count();
    (start, dropped)
}

/// [`push_wrapped`] for a caller that keeps `a`'s char count (`a_chars`); returns the new count
/// without recounting all of `a`.
pub fn push_wrapped_counted(a: &mut String, a_chars: usize, b: &str) -> usize {
    // Joining touches only trailing whitespace and at most one char (a hyphen) before it.
    let trimmed = a.trim_end();
    let stable = trimmed.len() - trimmed.chars().last().map_or(0, char::len_utf8);
    let stable_chars = a_chars - a[stable..].chars().count();
    push_wrapped(a, b);
    stable_chars + a[stable..].chars().count()
}

/// Removes spaces that line wrapping left between CJK characters (`刘 博` → `刘博`,
/// `高质量 共建` → `高质量共建`) and collapses other runs of whitespace to one space.
pub fn squash_spaces(s: &str) -> String {
    let Some(first) = next_space(s, 0) else {
        return s.to_string();
    };
    let mut out = String::with_capacity(s.len());
    // Copies runs of text whole; decides each run of whitespace by its neighbours.
    let mut seg = 0;
    let mut at = Some(first);
    while let Some((start, mut end)) = at {
        // The whole run of spaces.
        while let Some((s2, e2)) = next_space(s, end).filter(|&(s2, _)| s2 == end) {
            end = e2;
            let _ = s2;
        }
        out.push_str(&s[seg..start]);
        let prev = s[..start].chars().next_back();
        let next = s[end..].chars().next();
        // Keep a space only between two non-CJK neighbours: `2024 年` reads fine as `2024年`,
        // `in the` needs its space.
        if let (Some(p), Some(n)) = (prev, next)
            && !is_cjk_like(p)
            && !is_cjk_like(n)
        {
            out.push(' ');
        }
        seg = end;
        at = next_space(s, end);
    }
    out.push_str(&s[seg..]);
    out
}

/// The next whitespace character other than `\n` at or after byte `from`: (start, end).
/// Looked for on the bytes; only lead bytes that can start a space are decoded.
fn next_space(s: &str, from: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => return Some((i, i + 1)),
            // The first two bytes of every other space: `C2 A0`, `C2 85`, `E1 9A`, `E2 80`,
            // `E2 81`, `E3 80`.
            lead @ (0xc2 | 0xe1 | 0xe2 | 0xe3)
                if matches!(
                    (lead, b.get(i + 1).copied().unwrap_or(0)),
                    (0xc2, 0xa0 | 0x85) | (0xe1, 0x9a) | (0xe2, 0x80 | 0x81) | (0xe3, 0x80)
                ) =>
            {
                if let Some(c) = s[i..].chars().next()
                    && c.is_whitespace()
                {
                    return Some((i, i + c.len_utf8()));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Position of the first byte at or after `from` for which `hit` holds. Tests 32 bytes at a
/// time without branching inside a block (vectorized), then finds the byte in the block.
pub fn find_byte(b: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from;
    while i + 32 <= b.len() {
        let block = &b[i..i + 32];
        if block.iter().fold(false, |acc, &c| acc | hit(c)) {
            return block.iter().position(|&c| hit(c)).map(|k| i + k);
        }
        i += 32;
    }
    b.get(i..)?.iter().position(|&c| hit(c)).map(|k| i + k)
}

/// A Han character (the CJK ideographs, their extensions and compatibility forms).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}')
}

/// Folds full-width ASCII forms and the ideographic space to their half-width twins.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_escapes_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m"), "ared");
        assert_eq!(sanitize("x\u{1b}]52;c;aGk=\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]0;title\u{1b}\\y"), "xy");
        assert_eq!(sanitize("x\u{1b}Pq#0\u{1b}\\y"), "xy");
        assert_eq!(sanitize("a\u{8}b\rc\u{7}d"), "abcd");
        assert_eq!(sanitize("lone\u{1b}"), "lone");
        assert_eq!(sanitize("中文\t保留\n"), "中文\t保留\n");
        assert_eq!(sanitize("a\u{202e}b"), "ab");
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("a\u{1b}cb\u{1b}(Bc\u{1b}7d"), "abcd");
        assert_eq!(
            sanitize("字\u{1b}中文"),
            "字中文",
            "a lone ESC takes no text with it"
        );
        assert_eq!(
            sanitize("a\u{1b}[中文"),
            "a中文",
            "a malformed CSI keeps the text"
        );
        assert_eq!(sanitize("a\u{1b}]52;c;x\n下一行"), "a\n下一行");
    }

    #[test]
    fn join_wrapped_cjk_and_latin() {
        assert_eq!(join_wrapped("发展新质", "生产力"), "发展新质生产力");
        assert_eq!(
            join_wrapped("new quality", "productivity"),
            "new quality productivity"
        );
        assert_eq!(join_wrapped("high-", "quality"), "highquality");
        assert_eq!(join_wrapped("“一带一", "路”"), "“一带一路”");
    }

    #[test]
    fn squash_spaces_between_cjk() {
        assert_eq!(squash_spaces("刘 博"), "刘博");
        assert_eq!(
            squash_spaces("高质量 共建“一带一路”"),
            "高质量共建“一带一路”"
        );
        assert_eq!(squash_spaces("in  the   Belt"), "in the Belt");
        assert_eq!(squash_spaces("在 5G 技术"), "在5G技术");
        assert_eq!(squash_spaces(" 前后 "), "前后");
    }

    #[test]
    fn fold_width_maps_full_width() {
        assert_eq!(fold_width('Ａ'), 'A');
        assert_eq!(fold_width('（'), '(');
        assert_eq!(fold_width('，'), ',');
        assert_eq!(fold_width('中'), '中');
    }

    #[test]
    fn sanitize_pages_keeps_form_feeds_and_nothing_else_unsafe() {
        assert_eq!(sanitize_pages("a\u{c}b\u{1b}[1mc\u{7}"), "a\u{c}bc");
        assert_eq!(sanitize("a\u{c}b"), "ab");
        // An unterminated OSC string ends at the page break, not at the end of the paper.
        assert_eq!(sanitize_pages("x\u{1b}]0;t\u{c}y"), "x\u{c}y");
        for s in ["\u{85}", "\u{202e}", "\u{2067}", "\u{7f}", "\u{1}"] {
            assert_eq!(sanitize_pages(&format!("a{s}b")), "ab", "{s:?}");
        }
        assert_eq!(sanitize_pages("纯文本\u{2028}"), "纯文本\u{2028}");
    }

    #[test]
    fn find_byte_finds_the_first_hit_in_and_after_blocks() {
        let mut b = vec![b'a'; 100];
        assert_eq!(find_byte(&b, 0, |c| c == b'x'), None);
        for at in [0, 31, 32, 63, 64, 99] {
            b[at] = b'x';
            assert_eq!(find_byte(&b, 0, |c| c == b'x'), Some(at));
            assert_eq!(find_byte(&b, at + 1, |c| c == b'x'), None);
            b[at] = b'a';
        }
        assert_eq!(find_byte(&b, 200, |c| c == b'a'), None);
    }
}
