//! Stage 4, assemble: the document grammar. Front matter (title, byline, affiliations,
//! abstract, keywords, labelled fields, the same in another language, a CNKI cover page), then
//! the body, which *resumes* after every interruption: a paragraph cut by a page break, a
//! table, a figure, page footnotes or a 收稿日期/基金项目/作者简介 block goes on where the text
//! goes on. Notes and references after their labels; back matter only after the references or
//! at a clearly labelled end (an English abstract, 责任编辑, author bios). Text nothing
//! recognises stays where it stood, as body.

mod body;
mod front_matter;
mod notes;
mod references;

use super::Ledger;
use super::blocks::{Shape, Unit, damaged_ref_label, side_label, starts_item};
use super::classify::{
    Cand, Section, affiliation, bio, caption_start, chinese, editorial, equation_number,
    field_label, front_label, issue_line, latin, merged_heading, numbered_heading, outline,
    section_label, split_fields, subcaption, title_case, unnumbered_levels,
};
use super::front::{authors, keywords, looks_like_title};
use super::headings::{Style, numbering};
use super::lines::{Lines, ends_sentence};
use super::markers::{Context, RawMarker, extract, label_number, leading_label, remap_sorted};
use super::resolve::{self, MarkerSite, NoteSite};
use crate::corpus::model::{Block, BlockKind, Explained, Field, Heading, Marker, Note, Paper};
use crate::corpus::text::{is_cjk, join_counted, push_wrapped, squash_spaces};

/// Joins wrapped text, counting a dropped line-end hyphen as markup.
fn joinl(ledger: &mut Ledger, a: &mut String, b: &str) {
    if push_wrapped(a, b) {
        ledger.markup("-");
    }
}

/// A body block being built.
#[derive(Debug, Clone)]
struct Item {
    kind: BlockKind,
    text: String,
    chars: usize,
    pages: Vec<(usize, u32)>,
    /// (char offset, unit index) where each unit's text begins: the order markers had.
    seams: Vec<(usize, usize)>,
    last_width: u16,
    last_page: u32,
    /// Index into the heading candidates.
    cand: Option<usize>,
}

impl Item {
    fn new(kind: BlockKind, u: &Unit, unit: usize) -> Item {
        Item {
            kind,
            text: u.text.clone(),
            chars: u.chars,
            pages: u.pages.clone(),
            seams: vec![(0, unit)],
            last_width: u.last_width,
            last_page: u.pages.last().map_or(1, |p| p.1),
            cand: None,
        }
    }

    fn append(&mut self, u: &Unit, unit: usize, ledger: &mut Ledger) {
        let (start, dropped) = join_counted(&mut self.text, &mut self.chars, &u.text);
        if dropped {
            ledger.markup("-");
        }
        for &(o, p) in &u.pages {
            if self.pages.last().is_none_or(|l| l.1 != p) {
                self.pages.push((start + o, p));
            }
        }
        self.seams.push((start, unit));
        self.last_width = u.last_width;
        self.last_page = u.pages.last().map_or(self.last_page, |p| p.1);
    }

    /// Takes a whole item in, as one more run of the same paragraph.
    fn absorb(&mut self, other: Item, ledger: &mut Ledger) {
        let (start, dropped) = join_counted(&mut self.text, &mut self.chars, &other.text);
        if dropped {
            ledger.markup("-");
        }
        for (o, p) in other.pages {
            if self.pages.last().is_none_or(|l| l.1 != p) {
                self.pages.push((start + o, p));
            }
        }
        self.seams
            .extend(other.seams.into_iter().map(|(o, u)| (start + o, u)));
        self.last_width = other.last_width;
        self.last_page = other.last_page;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Refs,
    Notes,
    Back,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefStyle {
    Numbered,
    AuthorYear,
}

struct RefItem {
    label: String,
    number: Option<u32>,
    text: String,
    page: u32,
    /// The entry is in CJK.
    cjk: bool,
}

struct NoteItem {
    label: String,
    number: Option<u32>,
    text: String,
    page: u32,
    unit: usize,
    /// A page footnote (restarting per page).
    foot: bool,
    endnote: bool,
}

struct Asm<'a> {
    units: Vec<Unit>,
    lines: &'a Lines<'a>,
    ledger: &'a mut Ledger,
    paper: Paper,
    zh: bool,
    items: Vec<Item>,
    deferred: Vec<Item>,
    pending: Option<Item>,
    cands: Vec<Cand>,
    /// Heading candidates by the unnumbered rule (`#` lines, Title Case lines).
    plain_cands: Vec<usize>,
    notes: Vec<NoteItem>,
    refs: Vec<RefItem>,
    ref_style: Option<RefStyle>,
    /// A reference label printed alone, waiting for its text.
    waiting_label: Option<(String, Option<u32>, u32)>,
    mode: Mode,
    /// After a `---` rule in the body: page footnotes follow (markdown).
    foot_area: bool,
    foot_area_first: bool,
    /// Foreign-language runs after the front: unit index → group.
    foreign: Vec<Option<usize>>,
    /// The front matter had translated parts.
    front_foreign: bool,
    explain: Vec<Explained>,
    /// The entry of `explain` each unit got first.
    explained_at: Vec<Option<usize>>,
    /// Levels of the headings, in order.
    level_list: Vec<u8>,
    /// The unit before was a label broken inside its bracket.
    open_label: bool,
}

fn excerpt(t: &str) -> String {
    let (head, more) = match t.char_indices().nth(36) {
        Some((b, _)) => (&t[..b], true),
        None => (t, false),
    };
    let mut s = head.replace(['\n', '\t'], " ");
    if more {
        s.push('…');
    }
    s
}

pub fn assemble(
    id: &str,
    file: &str,
    lines: &Lines<'_>,
    units: Vec<Unit>,
    ledger: &mut Ledger,
) -> Paper {
    let zh = is_chinese_paper(&units);
    let n = units.len();
    let mut a = Asm {
        units,
        lines,
        ledger,
        paper: Paper {
            id: id.to_string(),
            file: file.to_string(),
            page_count: lines.page_count,
            ..Paper::default()
        },
        zh,
        items: Vec::new(),
        deferred: Vec::new(),
        pending: None,
        cands: Vec::new(),
        plain_cands: Vec::new(),
        notes: Vec::new(),
        refs: Vec::new(),
        ref_style: None,
        waiting_label: None,
        mode: Mode::Body,
        foot_area: false,
        foot_area_first: false,
        foreign: vec![None; n],
        front_foreign: false,
        explain: Vec::with_capacity(n),
        explained_at: vec![None; n],
        level_list: Vec::new(),
        open_label: false,
    };
    let start = a.front();
    a.front_foreign = !a.paper.foreign_matter.is_empty();
    a.find_foreign_runs(start);
    for i in start..n {
        a.unit(i);
    }
    a.flush();
    a.finish()
}

fn is_chinese_paper(units: &[Unit]) -> bool {
    let mut cjk = 0usize;
    let mut latin = 0usize;
    for u in units
        .iter()
        .filter(|u| matches!(u.shape, Shape::Text | Shape::Hash(_) | Shape::Foot))
    {
        for c in u.text.chars() {
            if c.is_ascii_alphabetic() {
                latin += 1;
            } else if crate::corpus::text::is_han(c) {
                cjk += 1;
            }
        }
    }
    cjk * 3 >= latin
}

impl Asm<'_> {
    fn explain(&mut self, i: usize, kind: impl Into<String>, rule: &'static str) {
        let u = &self.units[i];
        if let Some(slot) = self.explained_at.get_mut(i)
            && slot.is_none()
        {
            *slot = Some(self.explain.len());
        }
        self.explain.push(Explained {
            page: u.page(),
            kind: kind.into(),
            rule,
            excerpt: excerpt(&u.text),
        });
    }

    /// Another language than the paper's.
    fn foreign_text(&self, t: &str) -> bool {
        if self.zh { latin(t) } else { chinese(t) }
    }

    fn wrap(&self) -> Option<u16> {
        self.lines.wrap
    }

    fn unit(&mut self, i: usize) {
        if self.label_tail(i) && self.units[i].text.is_empty() {
            self.explain(i, "label", "label-continues");
            return;
        }
        let before = self.explain.len();
        self.unit_inner(i);
        // `注释［` / `Notes］…`: a label the layout broke inside its bracketed translation.
        self.open_label = self.explain.len() > before
            && self.explain.last().is_some_and(|e| e.kind == "label")
            && self.units[i]
                .text
                .trim_end()
                .ends_with(['［', '[', '（', '(']);
    }

    /// Takes the rest of a broken label (`Works Cited］`) off the start of unit `i`.
    fn label_tail(&mut self, i: usize) -> bool {
        if !std::mem::take(&mut self.open_label) {
            return false;
        }
        let t = &self.units[i].text;
        let Some(p) = t.find(['］', ']', '）', ')']) else {
            return false;
        };
        let head = &t[..p];
        if p == 0
            || head.chars().count() > 30
            || !head.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
        {
            return false;
        }
        let close = t[p..].chars().next().map_or(1, char::len_utf8);
        let cut = t[..p + close].to_string();
        self.ledger.markup(&cut);
        let rest = t[p + close..].trim_start().to_string();
        let u = &mut self.units[i];
        u.chars = rest.chars().count();
        u.text = rest;
        let shift = cut.chars().count();
        for pg in &mut u.pages {
            pg.0 = pg.0.saturating_sub(shift);
        }
        u.raw = None;
        true
    }

    fn unit_inner(&mut self, i: usize) {
        let shape = self.units[i].shape;
        if shape == Shape::Foot {
            self.foot_note(i);
            return;
        }
        if let Some(g) = self.foreign[i] {
            let t = self.units[i].text.clone();
            if g == 0 && !self.front_foreign {
                self.foreign(i, &t, "translated-front-matter");
            } else {
                self.paper.back_matter.push(t);
                self.explain(i, "back matter", "another-papers-abstract");
            }
            return;
        }
        match self.mode {
            Mode::Body => self.body(i),
            Mode::Refs => self.reference(i),
            Mode::Notes => self.endnote(i),
            Mode::Back => self.after(i),
        }
    }

    /// Builds a block of `kind` from unit `i`.
    fn item(&self, kind: BlockKind, i: usize) -> Item {
        Item::new(kind, &self.units[i], i)
    }

    fn pending_open(&self, next: &Unit) -> bool {
        let Some(p) = &self.pending else {
            return false;
        };
        if p.kind != BlockKind::Paragraph {
            return false;
        }
        if !ends_sentence(&p.text) {
            return true;
        }
        // A full last line at the foot of a page: the paragraph may go on overleaf.
        self.wrap()
            .is_some_and(|w| p.last_width + 4 >= w && next.page() > p.last_page)
    }

    fn flush(&mut self) {
        if let Some(p) = self.pending.take() {
            self.items.push(p);
        }
        self.items.append(&mut self.deferred);
    }

    /// A caption, table or figure: after the paragraph it interrupts.
    fn place(&mut self, item: Item) {
        let open = self
            .pending
            .as_ref()
            .is_some_and(|p| p.kind == BlockKind::Paragraph && !ends_sentence(&p.text))
            || self.pending.as_ref().is_some_and(|p| {
                p.kind == BlockKind::Paragraph && self.wrap().is_some_and(|w| p.last_width + 4 >= w)
            });
        if open {
            self.deferred.push(item);
        } else {
            self.flush();
            self.items.push(item);
        }
    }

    fn finish(mut self) -> Paper {
        if let Some((l, n, p)) = self.waiting_label.take() {
            self.refs.push(RefItem {
                label: l,
                number: n,
                text: String::new(),
                page: p,
                cjk: false,
            });
        }
        self.headings();
        let ctx = Context {
            refs: if self.ref_style == Some(RefStyle::Numbered) {
                self.refs
                    .iter()
                    .filter_map(|r| r.number)
                    .max()
                    .unwrap_or(self.refs.len() as u32)
            } else {
                0
            },
            author_year: self.ref_style == Some(RefStyle::AuthorYear),
        };
        // Blocks, with markers cut out.
        let mut section: Option<usize> = None;
        let mut headings_seen = 0usize;
        let mut sites: Vec<MarkerSite> = Vec::new();
        let paged = self.lines.page_count >= 2;
        let items = std::mem::take(&mut self.items);
        for it in items {
            // What a heading candidate finally became, for `check --explain`.
            if it.cand.is_some()
                && let Some(&(_, unit)) = it.seams.first()
                && let Some(e) = self.explained_at.get(unit).copied().flatten()
                && let Some(entry) = self.explain.get_mut(e)
                && entry.kind == "heading?"
            {
                entry.kind = match it.kind {
                    BlockKind::Heading => format!(
                        "heading {}",
                        self.level_list.get(headings_seen).copied().unwrap_or(1)
                    ),
                    BlockKind::Label => "label".to_string(),
                    _ => "paragraph".to_string(),
                };
                if it.kind != BlockKind::Heading {
                    entry.rule = "not-in-outline";
                }
            }
            if it.kind == BlockKind::Heading {
                section = Some(headings_seen);
                headings_seen += 1;
            }
            let extract_markers = matches!(
                it.kind,
                BlockKind::Paragraph | BlockKind::Heading | BlockKind::Caption | BlockKind::Label
            );
            let (text, raw, cuts) = if extract_markers {
                extract(&it.text, ctx, self.ledger)
            } else {
                (it.text.clone(), Vec::new(), Vec::new())
            };
            let block = self.paper.blocks.len();
            let mut markers = Vec::with_capacity(raw.len());
            for (index, m) in raw.into_iter().enumerate() {
                let orig = m.orig;
                let unit = it.seams[it
                    .seams
                    .partition_point(|&(o, _)| o <= orig)
                    .saturating_sub(1)]
                .1;
                let page = page_at(&it.pages, orig);
                sites.push(MarkerSite {
                    block,
                    index,
                    unit,
                    page,
                    kind: m.kind,
                    numbers: m.numbers.clone(),
                    works: m.works.clone(),
                });
                markers.push(marker(m));
            }
            let pages = if paged {
                let mut p = it.pages.clone();
                remap_sorted(&mut p, &cuts);
                p.dedup_by_key(|x| x.1);
                p
            } else {
                Vec::new()
            };
            self.paper.blocks.push(Block {
                kind: it.kind,
                section,
                text,
                markers,
                pages,
            });
        }
        // Candidates that went back into the sentence they cut.
        for e in &mut self.explain {
            if e.kind == "heading?" {
                e.kind = "paragraph".to_string();
                e.rule = "rejoins-sentence";
            }
        }
        // Heading levels were stored in the outline by `headings`.
        let levels = std::mem::take(&mut self.level_list);
        let mut k = 0;
        for b in &self.paper.blocks {
            if b.kind == BlockKind::Heading {
                let level = levels.get(k).copied().unwrap_or(1);
                self.paper.outline.push(Heading {
                    level,
                    heading: b.text.clone(),
                });
                k += 1;
            }
        }
        // Notes and references.
        let note_sites: Vec<NoteSite> = self
            .notes
            .iter()
            .map(|n| NoteSite {
                number: n.number,
                page: n.page,
                unit: n.unit,
                foot: n.foot,
                endnote: n.endnote,
                bracket: n.label.chars().all(|c| c.is_ascii_digit()),
            })
            .collect();
        for n in std::mem::take(&mut self.notes) {
            self.paper.notes.push(Note {
                label: n.label,
                text: n.text,
                page: paged.then_some(n.page),
            });
        }
        let mut ref_numbers = Vec::new();
        let mut ref_texts: Vec<String> = Vec::new();
        for r in std::mem::take(&mut self.refs) {
            ref_numbers.push(r.number);
            ref_texts.push(r.text.clone());
            self.paper.references.push(Note {
                label: r.label,
                text: r.text,
                page: paged.then_some(r.page),
            });
        }
        resolve::resolve(&mut self.paper, &sites, &note_sites, &ref_numbers);
        self.paper.explain = std::mem::take(&mut self.explain);
        self.paper
    }

    /// Decides the heading candidates: levels by the numbering hierarchy, or for an
    /// unnumbered paper the `#` lines by section names.
    fn headings(&mut self) {
        let levels = outline(&self.cands);
        let numbered = levels.iter().filter(|l| l.is_some()).count();
        let mut list = Vec::new();
        let mut items = std::mem::take(&mut self.items);
        if numbered >= 2 || self.plain_cands.is_empty() {
            for it in &mut items {
                match it.cand {
                    Some(usize::MAX) => {
                        it.kind = if ends_sentence(&it.text) {
                            BlockKind::Paragraph
                        } else {
                            BlockKind::Label
                        };
                    }
                    Some(c) => match levels.get(c).copied().flatten() {
                        Some(l) => list.push(l),
                        None => {
                            it.kind = if it.text.chars().count() > 30 || ends_sentence(&it.text) {
                                BlockKind::Paragraph
                            } else {
                                BlockKind::Label
                            }
                        }
                    },
                    None => {}
                }
            }
        } else {
            // Unnumbered: numbered candidates stay what they were, `#` lines become headings.
            let mut out: Vec<Item> = Vec::with_capacity(items.len());
            let mut texts: Vec<String> = Vec::new();
            for mut it in items {
                match it.cand {
                    Some(usize::MAX)
                        if section_label(&it.text).is_none()
                            && (title_case(&it.text)
                                || !latin(&it.text) && it.text.chars().count() <= 30) =>
                    {
                        if let Some(at) = merged_heading(&it.text) {
                            let second = it.text[at..].to_string();
                            let first = it.text[..at].trim_end().to_string();
                            let first_chars = first.chars().count();
                            let mut h2 = it.clone();
                            it.text = first;
                            it.chars = first_chars;
                            it.kind = BlockKind::Heading;
                            texts.push(it.text.clone());
                            out.push(it);
                            h2.chars = second.chars().count();
                            h2.text = second;
                            h2.kind = BlockKind::Heading;
                            h2.pages.truncate(1);
                            h2.seams.truncate(1);
                            texts.push(h2.text.clone());
                            out.push(h2);
                            continue;
                        }
                        it.kind = BlockKind::Heading;
                        texts.push(it.text.clone());
                        out.push(it);
                    }
                    Some(usize::MAX) => {
                        it.kind = BlockKind::Label;
                        out.push(it);
                    }
                    Some(c) => {
                        if levels.get(c).copied().flatten().is_some() {
                            it.kind = BlockKind::Heading;
                            texts.push(it.text.clone());
                        } else {
                            it.kind = BlockKind::Paragraph;
                        }
                        out.push(it);
                    }
                    None => out.push(it),
                }
            }
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            list = unnumbered_levels(&refs);
            items = out;
        }
        self.items = rejoin_rejected(items, self.ledger);
        self.level_list = list;
    }
}

/// A numbered line that did not become a heading, standing between the two halves of a
/// sentence (`…妇女解放运动、` / `20 世纪 60` / `年代的新左派运动…`), goes back into the
/// paragraph it interrupted, and so does the rest of that paragraph.
fn rejoin_rejected(items: Vec<Item>, ledger: &mut Ledger) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut open = false;
    for it in items {
        let rejected = it.cand.is_some_and(|c| c != usize::MAX) && it.kind != BlockKind::Heading;
        let mid = |p: &Item| p.kind == BlockKind::Paragraph && !ends_sentence(&p.text);
        let join = match out.last() {
            Some(prev) if mid(prev) => {
                rejected && matches!(it.kind, BlockKind::Paragraph | BlockKind::Label)
                    || open && it.kind == BlockKind::Paragraph && it.cand.is_none()
            }
            _ => false,
        };
        if join && let Some(prev) = out.last_mut() {
            let mut it = it;
            if rejected {
                // Spaced as running text, not as a heading's number and title.
                let text = squash_spaces(&it.text);
                if text.len() != it.text.len() {
                    it.chars = text.chars().count();
                    it.pages.truncate(1);
                    it.seams.truncate(1);
                    it.text = text;
                }
            }
            prev.absorb(it, ledger);
            open = rejected;
            continue;
        }
        open = false;
        out.push(it);
    }
    out
}

fn marker(m: RawMarker) -> Marker {
    Marker {
        offset: m.offset,
        label: m.label,
        targets: Vec::new(),
    }
}

fn page_at(pages: &[(usize, u32)], offset: usize) -> u32 {
    crate::corpus::model::page_in(pages, offset).unwrap_or(1)
}

#[cfg(test)]
mod tests;
