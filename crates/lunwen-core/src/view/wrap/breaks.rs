//! The line-break rules: which characters may end or start a line (no line starts with closing
//! punctuation, none ends with opening punctuation, markers stay on their word), and the text cut
//! into the runs no break may fall inside.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Seg, SegKind, marker_label, push_seg};
use crate::corpus::Marker;
use crate::corpus::text::is_cjk_like;

/// Closing punctuation: never at the start of a line.
pub(super) fn is_close(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '］'
            | '｝'
            | '〗'
            | '．'
            | '％'
            | '·'
    )
}

/// Opening punctuation: never at the end of a line.
pub(super) fn is_open(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '“' | '‘' | '《' | '〈' | '【' | '〔' | '［' | '｛' | '〖'
    )
}

pub(super) fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Space,
    Newline,
    Open,
    Close,
    Marker,
    Dash(char),
    Other,
}

pub(super) struct Unit {
    pub(super) seg: Seg,
    pub(super) width: usize,
    pub(super) class: Class,
}

pub(super) fn units(text: &str, markers: &[Marker], base: SegKind) -> Vec<Unit> {
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by_key(|&i| markers[i].offset);
    let mut next_marker = order.into_iter().peekable();
    let mut out: Vec<Unit> = Vec::new();
    let mut word = String::new();
    let flush_word = |word: &mut String, out: &mut Vec<Unit>| {
        if !word.is_empty() {
            // OCR'd Chinese often has ASCII punctuation (`,` `:` `(`): it breaks like its
            // full-width twin when it touches the text around it.
            let class = match (word.chars().next(), word.chars().last()) {
                (Some(f), _) if ",.;:!?)]}%".contains(f) => Class::Close,
                (_, Some(l)) if "([{".contains(l) => Class::Open,
                _ => Class::Other,
            };
            out.push(Unit {
                width: UnicodeWidthStr::width(word.as_str()),
                seg: Seg {
                    text: std::mem::take(word),
                    kind: base,
                },
                class,
            });
        }
    };
    let push_markers =
        |at: Option<usize>,
         word: &mut String,
         out: &mut Vec<Unit>,
         next: &mut std::iter::Peekable<std::vec::IntoIter<usize>>| {
            while let Some(&m) = next.peek() {
                if at.is_some_and(|at| markers[m].offset > at) {
                    break;
                }
                next.next();
                flush_word(word, out);
                let text = marker_label(&crate::corpus::text::sanitize(&markers[m].label));
                out.push(Unit {
                    width: UnicodeWidthStr::width(text.as_str()),
                    seg: Seg {
                        text,
                        kind: SegKind::Marker(m),
                    },
                    class: Class::Marker,
                });
            }
        };
    for (i, c) in text.chars().enumerate() {
        push_markers(Some(i), &mut word, &mut out, &mut next_marker);
        if c == '\n' || c.is_whitespace() || is_cjk_like(c) {
            flush_word(&mut word, &mut out);
            let class = match c {
                '\n' => Class::Newline,
                c if c.is_whitespace() => Class::Space,
                c if is_close(c) => Class::Close,
                c if is_open(c) => Class::Open,
                '—' | '…' => Class::Dash(c),
                _ => Class::Other,
            };
            let (text, width) = match class {
                Class::Space | Class::Newline => (String::new(), 0),
                _ => (c.to_string(), char_width(c)),
            };
            out.push(Unit {
                seg: Seg { text, kind: base },
                width,
                class,
            });
        } else if c == '\t' {
            flush_word(&mut word, &mut out);
        } else {
            word.push(c);
        }
    }
    flush_word(&mut word, &mut out);
    push_markers(None, &mut word, &mut out, &mut next_marker);
    out
}

/// A run of units with no break allowed inside.
pub(super) struct Chunk {
    pub(super) segs: Vec<Seg>,
    pub(super) width: usize,
    pub(super) space_before: bool,
    pub(super) newline_before: bool,
}

pub(super) fn chunks(units: Vec<Unit>) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut space = false;
    let mut newline = false;
    let mut prev: Option<Class> = None;
    for u in units {
        match u.class {
            Class::Space => {
                space = true;
                continue;
            }
            Class::Newline => {
                newline = true;
                prev = None;
                continue;
            }
            _ => {}
        }
        // A stray space before closing punctuation (OCR) must not let it start a line.
        if space && !newline && u.class == Class::Close && !out.is_empty() {
            space = false;
            prev = Some(Class::Other);
        }
        let glue = !space
            && !newline
            && match (prev, u.class) {
                (None, _) => false,
                (_, Class::Close | Class::Marker) => true,
                (Some(Class::Open), _) => true,
                (Some(Class::Dash(a)), Class::Dash(b)) => a == b,
                _ => false,
            };
        prev = Some(u.class);
        match out.last_mut() {
            Some(last) if glue => {
                last.width += u.width;
                push_seg(&mut last.segs, u.seg);
            }
            _ => out.push(Chunk {
                segs: vec![u.seg],
                width: u.width,
                space_before: std::mem::take(&mut space),
                newline_before: std::mem::take(&mut newline),
            }),
        }
    }
    out
}
