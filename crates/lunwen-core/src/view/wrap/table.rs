//! Tables laid out as tables: box-drawing borders, cells wrapped inside their column.

use unicode_width::UnicodeWidthStr;

use super::line::wrap;
use super::{Seg, SegKind, push_seg};

/// Lays out a table (rows by line, cells by tab) with box-drawing borders; cells wrap inside
/// their column. Too narrow for columns: rows as plain text, cells joined by ` │ `.
pub fn table(text: &str, width: usize) -> Vec<Vec<Seg>> {
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
        .collect();
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    if ncols == 0 {
        return Vec::new();
    }
    let mut widths = vec![1usize; ncols];
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(UnicodeWidthStr::width(*cell));
        }
    }
    let avail = width.saturating_sub(ncols + 1);
    if avail < ncols * 4 {
        let mut out = Vec::new();
        for row in &rows {
            out.extend(wrap(&row.join(" │ "), &[], width, (0, 2), SegKind::Text));
        }
        return out;
    }
    let mut total: usize = widths.iter().sum();
    while total > avail {
        if let Some(w) = widths.iter_mut().max() {
            *w -= 1;
        }
        total -= 1;
    }
    let rule = |l: char, m: char, r: char| {
        let mut s = String::new();
        s.push(l);
        for (i, w) in widths.iter().enumerate() {
            s.push_str(&"─".repeat(*w));
            s.push(if i + 1 == ncols { r } else { m });
        }
        vec![Seg {
            text: s,
            kind: SegKind::Rule,
        }]
    };
    let mut out = vec![rule('┌', '┬', '┐')];
    for (r, row) in rows.iter().enumerate() {
        let kind = if r == 0 {
            SegKind::Header
        } else {
            SegKind::Text
        };
        let cells: Vec<Vec<Vec<Seg>>> = (0..ncols)
            .map(|c| {
                wrap(
                    row.get(c).copied().unwrap_or(""),
                    &[],
                    widths[c],
                    (0, 0),
                    kind,
                )
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..height {
            let mut line = vec![Seg {
                text: "│".into(),
                kind: SegKind::Rule,
            }];
            for (c, cell) in cells.iter().enumerate() {
                let segs = cell.get(l).cloned().unwrap_or_default();
                let used: usize = segs
                    .iter()
                    .map(|s| UnicodeWidthStr::width(s.text.as_str()))
                    .sum();
                for s in segs {
                    push_seg(&mut line, s);
                }
                push_seg(
                    &mut line,
                    Seg {
                        text: " ".repeat(widths[c].saturating_sub(used)),
                        kind,
                    },
                );
                line.push(Seg {
                    text: "│".into(),
                    kind: SegKind::Rule,
                });
            }
            out.push(line);
        }
        if r == 0 && rows.len() > 1 {
            out.push(rule('├', '┼', '┤'));
        }
    }
    out.push(rule('└', '┴', '┘'));
    out
}
