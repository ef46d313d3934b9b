//! From raw text to pieces: lines stripped of markdown noise, wrapped lines of one block joined,
//! running page headers dropped, tables grouped. Also detects files hard-wrapped at a narrow width.

use std::collections::HashMap;

use super::headings::numbering;
use super::markers::leading_label;
use crate::corpus::text::{push_wrapped, squash_spaces};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Text,
    /// Rows of a markdown table, one per line, cells separated by `\t`.
    Table,
    /// A `---` rule: in these files it opens a block of page footnotes.
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub text: String,
    /// The text before spaces were squashed: bylines need them (`刘 博 蔡文成`).
    pub raw: String,
    /// It was a markdown list item (`- …`): in note and reference lists such an item without a
    /// label continues the previous entry.
    pub list: bool,
    /// Length in chars of the last raw line, for paragraph ends in hard-wrapped files.
    pub last_line_len: usize,
}

/// Markdown emphasis, heading hashes, escapes and links reduced to their text.
pub fn strip_markdown(line: &str) -> String {
    let s = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .replace("**", "")
        .replace("\\_", "_")
        .replace("\\\\", "\\");
    strip_autolinks(&strip_links(&s))
}

/// `[text](url)` → `text` (the seeds repeat the URL as the text), in one pass: rescanning the
/// line after each link is quadratic on a long line full of them.
fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Byte offsets in `out` of the `[`s not yet closed by a `](`, and of those that opened a
    // link, to drop at the end (removing each at once would be quadratic for nested links).
    let mut opens: Vec<usize> = Vec::new();
    let mut link_opens: Vec<usize> = Vec::new();
    let mut rest = s;
    // Once no `)` is left, no later `](` can close a link; stop looking.
    let mut closable = true;
    while let Some(c) = rest.chars().next() {
        if closable
            && rest.starts_with("](")
            && let Some(&start) = opens.last()
        {
            match rest.find(')') {
                Some(close) => {
                    opens.pop();
                    link_opens.push(start);
                    rest = &rest[close + 1..];
                    continue;
                }
                None => closable = false,
            }
        }
        if c == '[' {
            opens.push(out.len());
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if link_opens.is_empty() {
        return out;
    }
    link_opens.sort_unstable();
    let mut kept = String::with_capacity(out.len());
    let mut from = 0;
    for at in link_opens {
        kept.push_str(&out[from..at]);
        from = at + 1;
    }
    kept.push_str(&out[from..]);
    kept
}

/// `<http://…>` → `http://…`.
fn strip_autolinks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find("<http") {
        let Some(len) = rest[a..].find('>') else {
            break;
        };
        out.push_str(&rest[..a]);
        out.push_str(&rest[a + 1..a + len]);
        rest = &rest[a + len + 1..];
    }
    out.push_str(rest);
    out
}

fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && (t.chars().all(|c| c == '-')
            || t.chars().all(|c| c == '*')
            || t.chars().all(|c| c == '_'))
}

fn is_table_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.len() > 1
}

fn table_cells(line: &str) -> Option<String> {
    let t = line.trim().trim_matches('|');
    if t.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
        return None; // the header separator row
    }
    Some(
        t.split('|')
            .map(|c| squash_spaces(c.trim()))
            .collect::<Vec<_>>()
            .join("\t"),
    )
}

/// Lines a new piece must start at even without a blank line before them.
fn starts_item(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with('#')
        || leading_label(t).is_some()
        || numbering(&strip_markdown(t)).is_some()
        || is_rule(t)
        || is_table_row(t)
}

/// Running headers: the same short line printed on every page.
fn running_headers(lines: &[&str]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in lines {
        let t = l.trim();
        // Short fragments such as `质生产力` recur as the tails of wrapped headings.
        if (6..=40).contains(&t.chars().count()) {
            *counts.entry(t.to_string()).or_default() += 1;
        }
    }
    counts.retain(|line, n| {
        *n >= 3
            && !line.contains(['。', '，', ','])
            && !is_rule(line)
            && !is_table_row(line)
            && numbering(line).is_none()
            && leading_label(line).is_none()
    });
    counts
}

pub fn pieces(raw: &str) -> Vec<Piece> {
    let lines: Vec<&str> = raw.lines().collect();
    let headers = running_headers(&lines);
    let mut out: Vec<Piece> = Vec::new();
    let mut in_block = false;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            in_block = false;
            continue;
        }
        if headers.contains_key(t) || t.starts_with("![") {
            continue;
        }
        if is_rule(t) {
            out.push(Piece {
                kind: PieceKind::Rule,
                text: String::new(),
                raw: String::new(),
                list: false,
                last_line_len: 0,
            });
            in_block = false;
            continue;
        }
        if is_table_row(t) {
            let cells = table_cells(t);
            match out.last_mut() {
                Some(p) if in_block && p.kind == PieceKind::Table => {
                    if let Some(c) = cells {
                        p.text.push('\n');
                        p.text.push_str(&c);
                    }
                }
                _ => out.push(Piece {
                    kind: PieceKind::Table,
                    text: cells.unwrap_or_default(),
                    raw: t.to_string(),
                    list: false,
                    last_line_len: 0,
                }),
            }
            in_block = true;
            continue;
        }
        let list = t.starts_with("- ") || t.starts_with("* ");
        let body = if list { &t[2..] } else { t };
        let raw = strip_markdown(body);
        let text = squash_spaces(&raw);
        let len = text.chars().count();
        match out.last_mut() {
            Some(p) if in_block && p.kind == PieceKind::Text && !starts_item(t) => {
                push_wrapped(&mut p.text, &text);
                p.raw.push(' ');
                p.raw.push_str(&raw);
                p.last_line_len = len;
            }
            _ => out.push(Piece {
                kind: PieceKind::Text,
                text,
                raw,
                list,
                last_line_len: len,
            }),
        }
        in_block = true;
    }
    out.retain(|p| p.kind != PieceKind::Text || !p.text.is_empty());
    out
}

/// The width a file was hard-wrapped at, if it was: most lines short and about equally long.
pub fn wrap_width(pieces: &[Piece]) -> Option<usize> {
    let mut lens: Vec<usize> = pieces
        .iter()
        .filter(|p| p.kind == PieceKind::Text)
        .map(|p| p.text.chars().count())
        .collect();
    if lens.len() < 30 {
        return None;
    }
    lens.sort_unstable();
    let median = lens[lens.len() / 2];
    let p80 = lens[lens.len() * 4 / 5];
    (median <= 40 && p80 <= 50).then_some(p80.max(8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_noise_goes() {
        assert_eq!(strip_markdown("## **二、标题**"), "二、标题");
        assert_eq!(
            strip_markdown("① [https://a.cn/x\\_1.htm](https://a.cn/x_1.htm)。"),
            "① https://a.cn/x_1.htm。"
        );
        assert_eq!(
            strip_markdown("新华网, <http://www.news.cn/c.html>, 2024"),
            "新华网, http://www.news.cn/c.html, 2024"
        );
    }

    #[test]
    fn blocks_join_and_items_split() {
        let p = pieces(
            "第一行\n第二行\n\n- [1]甲.\n- [2]乙.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n① 注",
        );
        let kinds: Vec<_> = p.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (PieceKind::Text, "第一行第二行"),
                (PieceKind::Text, "[1]甲."),
                (PieceKind::Text, "[2]乙."),
                (PieceKind::Table, "a\tb\n1\t2"),
                (PieceKind::Rule, ""),
                (PieceKind::Text, "①注"),
            ]
        );
        assert!(p[1].list);
    }

    #[test]
    fn running_headers_are_dropped() {
        let raw = "甲\n\n论文页眉的标题\n\n乙\n\n论文页眉的标题\n\n丙\n\n论文页眉的标题\n";
        let p = pieces(raw);
        assert_eq!(
            p.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            ["甲", "乙", "丙"]
        );
    }

    #[test]
    fn narrow_files_are_detected() {
        let narrow: String = (0..40)
            .map(|_| "发展新质生产力是习近平新时代中国特\n\n")
            .collect();
        assert_eq!(
            wrap_width(&pieces(&narrow)),
            None,
            "identical lines are running headers"
        );
        let narrow: String = (0..40)
            .map(|i| format!("发展新质生产力是习近平新时代中国{i}\n\n"))
            .collect();
        assert!(wrap_width(&pieces(&narrow)).is_some());
        let wide: String = (0..40)
            .map(|i| format!("{}{i}。\n\n", "长段落".repeat(30)))
            .collect();
        assert_eq!(wrap_width(&pieces(&wide)), None);
    }
}
