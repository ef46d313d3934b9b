//! Resolving markers to notes and references once the whole paper has been read.

use super::markers::MarkerKind;
use super::{MarkerSite, NoteSite};
use crate::corpus::model::{Paper, Target};

pub(super) fn resolve(
    paper: &mut Paper,
    markers: &[MarkerSite],
    notes: &[NoteSite],
    refs: &[Option<u32>],
) {
    let note_markers: Vec<&MarkerSite> = markers
        .iter()
        .filter(|m| m.kind == MarkerKind::Note)
        .collect();
    // OCR damages circled-number glyphs in endnote papers (㉕ printed as ⑧, 52 as ⑤4); when every
    // note is an endnote and the counts agree, order is the reliable key.
    let by_order =
        !notes.is_empty() && notes.iter().all(|n| n.endnote) && note_markers.len() == notes.len();
    for (k, m) in note_markers.iter().enumerate() {
        let target = if by_order {
            Some(k)
        } else {
            m.numbers.first().and_then(|&n| note_for(notes, n, m.piece))
        };
        if let Some(t) = target {
            paper.blocks[m.block].markers[m.index]
                .targets
                .push(Target::Note(t));
        }
    }
    for m in markers.iter().filter(|m| m.kind == MarkerKind::Reference) {
        let mut targets: Vec<Target> = Vec::new();
        for &n in &m.numbers {
            if let Some(r) = refs.iter().position(|&r| r == Some(n)) {
                targets.push(Target::Reference(r));
            } else if refs.is_empty()
                && let Some(t) = note_for(notes, n, m.piece)
            {
                // papers that number their endnotes [1], [2] … under 注释
                targets.push(Target::Note(t));
            }
        }
        paper.blocks[m.block].markers[m.index].targets = targets;
    }
}

/// Footnotes restart at ① on every page: a marker means the first note with its number after it,
/// or failing that the nearest one before it.
fn note_for(notes: &[NoteSite], number: u32, piece: usize) -> Option<usize> {
    notes
        .iter()
        .position(|n| n.number == Some(number) && n.piece > piece)
        .or_else(|| {
            notes
                .iter()
                .rposition(|n| n.number == Some(number) && n.piece < piece)
        })
}
