//! Resolving markers to notes and references once the whole paper has been read.

use std::collections::HashMap;

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
    // Looked up once per marker: scanning every note for every marker is quadratic on big papers.
    let notes = NoteIndex::new(notes);
    let mut ref_index: HashMap<u32, usize> = HashMap::new();
    for (i, r) in refs.iter().enumerate() {
        if let Some(n) = r {
            ref_index.entry(*n).or_insert(i);
        }
    }
    for (k, m) in note_markers.iter().enumerate() {
        let target = if by_order {
            Some(k)
        } else {
            m.numbers.first().and_then(|&n| notes.find(n, m.piece))
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
            if let Some(&r) = ref_index.get(&n) {
                targets.push(Target::Reference(r));
            } else if refs.is_empty()
                && let Some(t) = notes.find(n, m.piece)
            {
                // papers that number their endnotes [1], [2] … under 注释
                targets.push(Target::Note(t));
            }
        }
        paper.blocks[m.block].markers[m.index].targets = targets;
    }
}

/// Notes by number, each list in file order (pieces ascend with the note index).
struct NoteIndex(HashMap<u32, Vec<(usize, usize)>>);

impl NoteIndex {
    fn new(notes: &[NoteSite]) -> NoteIndex {
        let mut map: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
        for (i, n) in notes.iter().enumerate() {
            if let Some(number) = n.number {
                map.entry(number).or_default().push((n.piece, i));
            }
        }
        NoteIndex(map)
    }

    /// Footnotes restart at ① on every page: a marker means the first note with its number after
    /// it, or failing that the nearest one before it.
    fn find(&self, number: u32, piece: usize) -> Option<usize> {
        let sites = self.0.get(&number)?;
        let after = sites.partition_point(|&(p, _)| p <= piece);
        if let Some(&(_, i)) = sites.get(after) {
            return Some(i);
        }
        sites[..after]
            .iter()
            .rev()
            .find(|&&(p, _)| p < piece)
            .map(|&(_, i)| i)
    }
}
