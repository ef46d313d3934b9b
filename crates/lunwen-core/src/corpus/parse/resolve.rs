//! Stage 6b, resolve: markers to notes and references once the whole paper is read. Page
//! footnotes restart on every page, so a marker means the note with its number on its own
//! page; bracket numbers mean a page footnote where the page has one so labelled, else the
//! reference list; author–year citations mean the entry with that surname and year.

use std::collections::HashMap;

use super::markers::MarkerKind;
use crate::corpus::model::{Paper, Target};

/// A marker with where it stood.
#[derive(Debug, Clone)]
pub struct MarkerSite {
    pub block: usize,
    pub index: usize,
    /// Unit index (document order) of the text it stood in.
    pub unit: usize,
    pub page: u32,
    pub kind: MarkerKind,
    pub numbers: Vec<u32>,
    pub works: Vec<(String, String)>,
}

/// A note with where it stood.
#[derive(Debug, Clone)]
pub struct NoteSite {
    pub number: Option<u32>,
    pub page: u32,
    pub unit: usize,
    /// A page footnote.
    pub foot: bool,
    /// Under a 注释 label.
    pub endnote: bool,
    /// Labelled with a plain number (`[1]`), not a circled one.
    pub bracket: bool,
}

pub fn resolve(
    paper: &mut Paper,
    markers: &[MarkerSite],
    notes: &[NoteSite],
    refs: &[Option<u32>],
) {
    let note_markers: Vec<&MarkerSite> = markers
        .iter()
        .filter(|m| m.kind == MarkerKind::Note)
        .collect();
    // OCR damages circled-number glyphs in endnote papers (㉕ printed as ⑧); when every note is
    // an endnote and the counts agree, order is the reliable key.
    let by_order =
        !notes.is_empty() && notes.iter().all(|n| n.endnote) && note_markers.len() == notes.len();
    let index = NoteIndex::new(notes, notes.iter().any(|n| n.foot));
    let mut ref_index: HashMap<u32, usize> = HashMap::new();
    for (i, r) in refs.iter().enumerate() {
        if let Some(n) = r {
            ref_index.entry(*n).or_insert(i);
        }
    }
    let bracket_feet = notes.iter().any(|n| n.foot && n.bracket);
    for (k, m) in note_markers.iter().enumerate() {
        let target = if by_order {
            Some(k)
        } else {
            m.numbers
                .first()
                .and_then(|&n| index.find(n, m.page, m.unit, false))
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
            if bracket_feet && let Some(t) = index.on_page(n, m.page) {
                targets.push(Target::Note(t));
            } else if let Some(&r) = ref_index.get(&n) {
                targets.push(Target::Reference(r));
            } else if refs.is_empty()
                && let Some(t) = index.find(n, m.page, m.unit, true)
            {
                // papers that number their endnotes [1], [2] … under 注释
                targets.push(Target::Note(t));
            }
        }
        paper.blocks[m.block].markers[m.index].targets = targets;
    }
    let years = AuthorYear::new(paper);
    for m in markers.iter().filter(|m| m.kind == MarkerKind::AuthorYear) {
        let targets: Vec<Target> = m
            .works
            .iter()
            .filter_map(|(name, year)| years.find(name, year))
            .map(Target::Reference)
            .collect();
        paper.blocks[m.block].markers[m.index].targets = targets;
    }
}

/// Notes by number, each list in document order.
struct NoteIndex {
    map: HashMap<u32, Vec<(u32, usize, usize)>>,
    /// The notes are page footnotes: a page says which note a marker means.
    paged: bool,
}

impl NoteIndex {
    fn new(notes: &[NoteSite], paged: bool) -> NoteIndex {
        let mut map: HashMap<u32, Vec<(u32, usize, usize)>> = HashMap::new();
        for (i, n) in notes.iter().enumerate() {
            if let Some(number) = n.number {
                map.entry(number).or_default().push((n.page, n.unit, i));
            }
        }
        NoteIndex { map, paged }
    }

    /// The note with `number` printed on `page`.
    fn on_page(&self, number: u32, page: u32) -> Option<usize> {
        self.map
            .get(&number)?
            .iter()
            .find(|&&(p, _, _)| p == page)
            .map(|&(_, _, i)| i)
    }

    /// A marker means the note with its number on its own page, else the first after it, or
    /// failing that the nearest before it.
    fn find(&self, number: u32, page: u32, unit: usize, _bracket: bool) -> Option<usize> {
        let sites = self.map.get(&number)?;
        if self.paged
            && let Some(i) = self.on_page(number, page)
        {
            return Some(i);
        }
        let after = sites.partition_point(|&(_, u, _)| u <= unit);
        if let Some(&(_, _, i)) = sites.get(after) {
            return Some(i);
        }
        sites[..after]
            .iter()
            .rev()
            .find(|&&(_, u, _)| u < unit)
            .map(|&(_, _, i)| i)
    }
}

/// Author–year entries by year, with the words of their author part.
struct AuthorYear {
    by_year: HashMap<String, Vec<(usize, String)>>,
}

impl AuthorYear {
    fn new(paper: &Paper) -> AuthorYear {
        let mut by_year: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        for (i, r) in paper.references.iter().enumerate() {
            if let Some((at, year)) = first_year(&r.text) {
                let authors = r.text[..at].to_string();
                by_year
                    .entry(year.clone())
                    .or_default()
                    .push((i, authors.clone()));
                // `2024a` also answers a citation that says only 2024.
                if year.len() == 5 {
                    by_year
                        .entry(year[..4].to_string())
                        .or_default()
                        .push((i, authors));
                }
            }
        }
        AuthorYear { by_year }
    }

    fn find(&self, name: &str, year: &str) -> Option<usize> {
        let cands = self.by_year.get(year)?;
        cands
            .iter()
            .find(|(_, a)| {
                a.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
                    .any(|w| w == name)
                    || a.contains(name) && !name.is_ascii()
            })
            .map(|&(i, _)| i)
    }
}

/// The first year in an entry (19xx / 20xx, with a letter for a second work of that year):
/// (byte offset, year).
fn first_year(t: &str) -> Option<(usize, String)> {
    let b = t.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let letter = b.get(i + 4).filter(|c| {
                c.is_ascii_lowercase() && b.get(i + 5).is_none_or(|d| !d.is_ascii_alphabetic())
            });
            let year = match letter {
                Some(&l) => format!("{}{}", &t[i..i + 4], l as char),
                None => t[i..i + 4].to_string(),
            };
            return Some((i, year));
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_entries() {
        assert_eq!(
            first_year("Liu, H.; Zhao, N. 2024a. Chiral"),
            Some((18, "2024a".into()))
        );
        assert_eq!(
            first_year("Greg Anderson. 2001. To change china"),
            Some((15, "2001".into()))
        );
        assert_eq!(first_year("no year 12345"), None);
    }
}
