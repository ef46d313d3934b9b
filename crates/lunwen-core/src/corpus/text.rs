//! Small text helpers shared by the parser and every printer of paper text.

/// Removes control characters and terminal escape sequences (CSI, OSC, DCS, SOS/PM/APC, bare
/// ESC) so text from a paper can never drive the terminal. Keeps `\n` and `\t`.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
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
/// unterminated one ends at the newline instead of swallowing the rest of the paper.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next_if(|&c| c != '\n') {
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
pub fn push_wrapped(a: &mut String, b: &str) {
    let keep = a.trim_end().len();
    a.truncate(keep);
    let b = b.trim_start();
    if let (Some(x), Some(y)) = (a.chars().last(), b.chars().next())
        && !is_cjk_like(x)
        && !is_cjk_like(y)
        && !x.is_whitespace()
    {
        // a hyphenated Latin word broken at the line end joins without the break
        if x == '-' && y.is_ascii_lowercase() && a.len() > 1 {
            a.pop();
        } else {
            a.push(' ');
        }
    }
    a.push_str(b);
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
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() && c != '\n' {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() && chars[i] != '\n' {
                i += 1;
            }
            let prev = if start > 0 {
                Some(chars[start - 1])
            } else {
                None
            };
            let next = chars.get(i).copied();
            match (prev, next) {
                (Some(p), Some(n)) if is_cjk_like(p) || is_cjk_like(n) => {
                    // Keep a space between CJK and a Latin word or a number only where both sides
                    // are alphanumeric-ish: `2024 年` reads fine as `2024年`, so drop it too.
                }
                (Some(_), Some(_)) => out.push(' '),
                _ => {}
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
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
}
