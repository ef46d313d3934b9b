//! Wrapping one text into lines of at most a width, by display width, keeping the break rules.

use unicode_width::UnicodeWidthStr;

use super::breaks::{char_width, chunks, is_close, units};
use super::{Seg, SegKind, push_seg};
use crate::corpus::Marker;

/// Takes the last character off a line, as a segment of its own.
fn pop_char(line: &mut Vec<Seg>) -> Option<Seg> {
    let last = line.last_mut()?;
    let c = last.text.pop()?;
    let kind = last.kind;
    if last.text.is_empty() {
        line.pop();
    }
    Some(Seg {
        text: c.to_string(),
        kind,
    })
}

/// Wraps text with markers to `width` columns. `indent` is (first line, other lines).
pub fn wrap(
    text: &str,
    markers: &[Marker],
    width: usize,
    indent: (usize, usize),
    base: SegKind,
) -> Vec<Vec<Seg>> {
    let width = width.max(1);
    let mut lines: Vec<Vec<Seg>> = Vec::new();
    let mut cur: Vec<Seg> = Vec::new();
    let mut cur_w = 0;
    let avail = |n: usize| {
        let ind = if n == 0 { indent.0 } else { indent.1 };
        width.saturating_sub(ind).max(1)
    };
    let flush = |lines: &mut Vec<Vec<Seg>>, cur: &mut Vec<Seg>, cur_w: &mut usize| {
        let ind = if lines.is_empty() { indent.0 } else { indent.1 };
        let mut line = Vec::with_capacity(cur.len() + 1);
        if ind > 0 && ind < width {
            line.push(Seg {
                text: " ".repeat(ind),
                kind: SegKind::Text,
            });
        }
        line.append(cur);
        lines.push(line);
        *cur_w = 0;
    };
    for chunk in chunks(units(text, markers, base)) {
        if chunk.newline_before {
            flush(&mut lines, &mut cur, &mut cur_w);
        }
        let sep = usize::from(chunk.space_before && cur_w > 0);
        if cur_w > 0 && cur_w + sep + chunk.width > avail(lines.len()) {
            flush(&mut lines, &mut cur, &mut cur_w);
        }
        if cur_w > 0 && sep == 1 {
            push_seg(
                &mut cur,
                Seg {
                    text: " ".into(),
                    kind: base,
                },
            );
            cur_w += 1;
        }
        if chunk.width <= avail(lines.len()) - cur_w.min(avail(lines.len())) {
            cur_w += chunk.width;
            for s in chunk.segs {
                push_seg(&mut cur, s);
            }
            continue;
        }
        // Wider than a whole line: split by character, at least one per line so it always ends.
        for s in chunk.segs {
            for c in s.text.chars() {
                let w = char_width(c);
                if cur_w > 0 && cur_w + w > avail(lines.len()) {
                    // Closing punctuation takes the character before it to the next line.
                    let carried = match cur.last().and_then(|s| s.text.chars().last()) {
                        Some(prev)
                            if is_close(c)
                                && char_width(prev) + w <= avail(lines.len() + 1)
                                && char_width(prev) < cur_w =>
                        {
                            pop_char(&mut cur)
                        }
                        _ => None,
                    };
                    flush(&mut lines, &mut cur, &mut cur_w);
                    if let Some(seg) = carried {
                        cur_w += UnicodeWidthStr::width(seg.text.as_str());
                        push_seg(&mut cur, seg);
                    }
                }
                push_seg(
                    &mut cur,
                    Seg {
                        text: c.to_string(),
                        kind: s.kind,
                    },
                );
                cur_w += w;
            }
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        flush(&mut lines, &mut cur, &mut cur_w);
    }
    lines
}
