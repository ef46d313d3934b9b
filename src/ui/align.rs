//! Which char of an item's text each char of its wrapped lines shows, so a char range of the
//! paper (a search hit, a sentence) can be restyled where the reader drew it.
//!
//! Wrapping keeps the text's non-blank chars in order and only drops, collapses or adds blanks
//! and adds markers and labels, so walking both in step is enough; no offsets need to be kept
//! through the wrapper.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;

use super::wrap::{Seg, SegKind};

/// For each char of each line (in seg order), the index of the text char it shows; `None` for
/// markers, labels, borders, indents and chars the wrapper made up.
pub fn align<'a>(
    lines: impl IntoIterator<Item = &'a [Seg]>,
    text: &str,
) -> Vec<Vec<Option<usize>>> {
    let src: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut out = Vec::new();
    for segs in lines {
        let mut map = Vec::new();
        let mut mapped_on_line = false;
        for seg in segs {
            let shows_text = matches!(seg.kind, SegKind::Text | SegKind::Header);
            for c in seg.text.chars() {
                if !shows_text {
                    map.push(None);
                    continue;
                }
                if c.is_whitespace() {
                    // A blank between words stands for the blanks skipped next; an indent for none.
                    map.push(mapped_on_line.then_some(at).filter(|&i| i < src.len()));
                    continue;
                }
                let mut k = at;
                while k < src.len() && src[k].is_whitespace() {
                    k += 1;
                }
                if src.get(k) == Some(&c) {
                    map.push(Some(k));
                    at = k + 1;
                    mapped_on_line = true;
                } else {
                    map.push(None);
                }
            }
        }
        out.push(map);
    }
    out
}

/// The line of `map` (as [`align`] returns) that shows text char `char_index`, or the first line
/// after it when that char is not shown.
pub fn line_showing(map: &[Vec<Option<usize>>], char_index: usize) -> Option<usize> {
    map.iter()
        .position(|line| line.iter().flatten().any(|&i| i >= char_index))
}

/// How to draw the chars of a hit: the sentence, and the matched chars inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    pub sentence: Range<usize>,
    /// Text char indices of the matched chars, sorted.
    pub matched: Vec<usize>,
    pub sentence_style: Style,
    pub matched_style: Style,
}

impl Marks {
    fn style_of(&self, i: usize) -> Option<Style> {
        if self.matched.binary_search(&i).is_ok() {
            Some(self.sentence_style.patch(self.matched_style))
        } else if self.sentence.contains(&i) {
            Some(self.sentence_style)
        } else {
            None
        }
    }
}

/// Restyles the chars of `spans` that `map` ties to marked text chars; other chars keep their
/// style. A blank is marked only between two marked chars, so a sentence's highlight does not
/// spill onto the space after it.
pub fn restyle<'a>(spans: Vec<Span<'a>>, map: &[Option<usize>], marks: &Marks) -> Vec<Span<'a>> {
    let chars: Vec<(char, Style)> = spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect();
    let styled: Vec<Style> = chars
        .iter()
        .enumerate()
        .map(|(n, &(c, base))| {
            let own = map.get(n).copied().flatten();
            let mark = match own {
                Some(i) if c.is_whitespace() => {
                    let before = n
                        .checked_sub(1)
                        .and_then(|p| map.get(p).copied().flatten())
                        .and_then(|j| marks.style_of(j));
                    before.and(marks.style_of(i))
                }
                Some(i) => marks.style_of(i),
                None => None,
            };
            mark.map_or(base, |m| base.patch(m))
        })
        .collect();
    let mut out: Vec<Span<'a>> = Vec::new();
    let mut run = String::new();
    let mut run_style = None;
    for ((c, _), style) in chars.into_iter().zip(styled) {
        if run_style != Some(style) && !run.is_empty() {
            out.push(Span::styled(
                std::mem::take(&mut run),
                run_style.unwrap_or_default(),
            ));
        }
        run_style = Some(style);
        run.push(c);
    }
    if !run.is_empty() {
        out.push(Span::styled(run, run_style.unwrap_or_default()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Marker;
    use crate::ui::wrap::wrap;
    use ratatui::style::Modifier;

    fn marks(sentence: Range<usize>, matched: Vec<usize>) -> Marks {
        Marks {
            sentence,
            matched,
            sentence_style: Style::new().add_modifier(Modifier::REVERSED),
            matched_style: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    #[test]
    fn wrapped_chars_map_back_across_lines_blanks_and_markers() {
        let text = "发展  新质生产力。Digital\teconomy 推动增长。";
        let markers = [Marker {
            offset: 9,
            label: "1".into(),
            targets: vec![],
        }];
        let lines = wrap(text, &markers, 8, (2, 0), SegKind::Text);
        let map = align(lines.iter().map(Vec::as_slice), text);
        let src: Vec<char> = text.chars().collect();
        for (segs, m) in lines.iter().zip(&map) {
            let shown: Vec<char> = segs.iter().flat_map(|s| s.text.chars()).collect();
            assert_eq!(shown.len(), m.len());
            for (c, i) in shown.iter().zip(m) {
                if let Some(i) = i
                    && !c.is_whitespace()
                {
                    assert_eq!(src[*i], *c);
                }
            }
        }
        let mapped: Vec<usize> = map.iter().flatten().flatten().copied().collect();
        let non_blank: Vec<usize> = (0..src.len())
            .filter(|&i| !src[i].is_whitespace())
            .collect();
        assert!(non_blank.iter().all(|i| mapped.contains(i)), "{map:?}");
        assert_eq!(map[0][0], None, "the indent shows no text");
        let marker_line = lines
            .iter()
            .position(|l| l.iter().any(|s| matches!(s.kind, SegKind::Marker(_))))
            .unwrap();
        assert!(map[marker_line].contains(&None));
        assert_eq!(line_showing(&map, 0), Some(0));
        assert_eq!(line_showing(&map, src.len() - 1), Some(map.len() - 1));
        assert_eq!(line_showing(&map, src.len()), None);
    }

    #[test]
    fn restyle_marks_the_sentence_and_its_matches_but_not_the_blank_after() {
        let text = "ab cd. ef";
        let spans = vec![Span::raw("ab cd. "), Span::raw("ef")];
        let segs = [Seg {
            text: "ab cd. ef".into(),
            kind: SegKind::Text,
        }];
        let map = align([segs.as_slice()], text);
        let m = marks(0..6, vec![3]);
        let out = restyle(spans, &map[0], &m);
        let runs: Vec<(&str, Style)> = out.iter().map(|s| (s.content.as_ref(), s.style)).collect();
        assert_eq!(
            runs,
            vec![
                ("ab ", m.sentence_style),
                ("c", m.sentence_style.patch(m.matched_style)),
                ("d.", m.sentence_style),
                (" ef", Style::new()),
            ]
        );
    }
}
