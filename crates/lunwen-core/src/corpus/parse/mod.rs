//! Rebuilds a [`Paper`] from raw OCR/markdown text: front matter, numbered headings, paragraphs
//! joined across wraps, page breaks and interrupting footnote/metadata blocks, notes and
//! references, and every marker resolved. Never fails: what it cannot do becomes a warning.

mod front;
mod headings;
mod lines;
mod markers;
mod resolve;

use headings::{Numbering, looks_like_heading, numbering};
use lines::{Piece, PieceKind, pieces, wrap_width};
use markers::{MarkerKind, RawMarker, extract, label_number, leading_label};

use super::model::{Block, BlockKind, Field, Heading, Marker, Note, Paper};
use super::text::{is_cjk, push_wrapped, push_wrapped_counted, sanitize, squash_spaces};

pub use markers::circled_value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Front,
    Body,
    Notes,
    References,
    Back,
}

/// A marker with where it stood in the file, for resolution once every note is known.
#[derive(Debug, Clone)]
struct MarkerSite {
    block: usize,
    index: usize,
    piece: usize,
    kind: MarkerKind,
    numbers: Vec<u32>,
}

/// A note with where it stood in the file.
#[derive(Debug, Clone)]
struct NoteSite {
    number: Option<u32>,
    piece: usize,
    endnote: bool,
}

/// A paragraph still being assembled from pieces.
#[derive(Debug, Default)]
struct Para {
    text: String,
    /// `text.chars().count()`, kept up to date so a long paragraph is not recounted per line.
    chars: usize,
    markers: Vec<(RawMarker, usize)>,
    last_line_len: usize,
}

impl Para {
    fn push(&mut self, text: &str, markers: Vec<RawMarker>, piece: usize, last_line_len: usize) {
        // Offsets are into `text`; joining drops its leading whitespace.
        let body = text.trim_start();
        let dropped = text[..text.len() - body.len()].chars().count();
        self.chars = push_wrapped_counted(&mut self.text, self.chars, body);
        let shift = self.chars - body.chars().count();
        // Joining trimmed the whitespace the text ended with: a marker that stood after it now
        // stands where the text ends (markers are in offset order, so only the last few move).
        for (m, _) in self.markers.iter_mut().rev() {
            if m.offset <= shift {
                break;
            }
            m.offset = shift;
        }
        self.markers.extend(markers.into_iter().map(|mut m| {
            m.offset = m.offset.saturating_sub(dropped) + shift;
            (m, piece)
        }));
        self.last_line_len = last_line_len;
    }

    /// Whether the paragraph ended: a sentence end, and in a hard-wrapped file a short last line.
    fn complete(&self, wrap: Option<usize>) -> bool {
        ends_sentence(&self.text) && wrap.is_none_or(|w| self.last_line_len * 5 < w * 4)
    }
}

/// Ends with sentence-final punctuation, closing quotes and brackets aside.
fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '）', ')', '】', '》', '"', '\'']);
    match t.chars().last() {
        Some('。' | '！' | '？' | '!' | '?' | '…' | '；' | ';') => true,
        Some('.') => t
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == ')'),
        _ => false,
    }
}

fn is_section_label(text: &str, labels: &[&str]) -> bool {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '【' | '】' | '[' | ']' | ':' | '：'))
        .collect();
    labels.iter().any(|l| compact.eq_ignore_ascii_case(l))
}

/// Captions of figures and tables: `图1 …`, `表 1 …`, `图1：…`.
fn is_caption(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some('图' | '表'))
        && chars
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit())
        && text.chars().count() <= 60
        && !text.contains('。')
}

/// English back matter of a Chinese paper (translated title, abstract, key words, another
/// paper's abstract).
fn is_foreign_back_matter(text: &str) -> bool {
    let lower = text.trim_start_matches(['*', ' ']).to_ascii_lowercase();
    if ["abstract", "key words", "keywords", "authors:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return true;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    cjk == 0 && letters > 0 && latin * 10 >= letters * 9 && text.split_whitespace().count() >= 4
}

struct Builder {
    paper: Paper,
    mode: Mode,
    wrap: Option<usize>,
    pending: Option<Para>,
    /// Captions and tables that interrupted an unfinished paragraph; placed after it.
    deferred: Vec<Block>,
    section: Option<usize>,
    /// A `N.` numbered paragraph was seen under the current heading: its `N.` siblings are
    /// paragraphs too.
    numbered_paragraphs: bool,
    /// After a `---` rule: page footnotes follow.
    footnote_area: bool,
    footnote_area_first: bool,
    markers: Vec<MarkerSite>,
    notes: Vec<NoteSite>,
    reference_numbers: Vec<Option<u32>>,
}

/// Parses one paper. Never fails: what cannot be recognised becomes a warning.
pub fn parse(id: &str, file: &str, raw: &str) -> Paper {
    let raw = sanitize(raw);
    let pieces = pieces(raw.trim_start_matches('\u{feff}'));
    let mut b = Builder {
        paper: Paper {
            id: id.to_string(),
            file: file.to_string(),
            ..Paper::default()
        },
        mode: Mode::Front,
        wrap: wrap_width(&pieces),
        pending: None,
        deferred: Vec::new(),
        section: None,
        numbered_paragraphs: false,
        footnote_area: false,
        footnote_area_first: false,
        markers: Vec::new(),
        notes: Vec::new(),
        reference_numbers: Vec::new(),
    };
    let mut i = 0;
    while i < pieces.len() {
        i = b.piece(&pieces, i);
    }
    b.flush();
    resolve::resolve(&mut b.paper, &b.markers, &b.notes, &b.reference_numbers);
    b.warn_about_gaps();
    b.paper
}

impl Builder {
    /// Handles piece `i`; returns the index of the next piece to handle.
    fn piece(&mut self, pieces: &[Piece], i: usize) -> usize {
        let piece = &pieces[i];
        match piece.kind {
            PieceKind::Rule => {
                if self.mode == Mode::Body {
                    self.footnote_area = true;
                    self.footnote_area_first = true;
                }
                return i + 1;
            }
            PieceKind::Table => {
                let block = Block {
                    kind: BlockKind::Table,
                    section: self.section,
                    text: piece.text.clone(),
                    markers: Vec::new(),
                };
                self.place(block);
                if self.mode == Mode::Front {
                    self.mode = Mode::Body;
                }
                return i + 1;
            }
            PieceKind::Text => {}
        }
        let text = piece.text.as_str();
        if is_section_label(text, &["注释", "注", "尾注", "Notes"]) {
            self.flush();
            self.mode = Mode::Notes;
            return i + 1;
        }
        if is_section_label(
            text,
            &["参考文献", "References", "Bibliography", "主要参考文献"],
        ) {
            self.flush();
            self.mode = Mode::References;
            return i + 1;
        }
        if front::is_editorial(text) {
            self.paper.back_matter.push(text.to_string());
            return i + 1;
        }
        if let Some(fields) = front::fields(text) {
            self.paper.front_matter.extend(
                fields
                    .into_iter()
                    .map(|(label, value)| Field { label, value }),
            );
            return i + 1;
        }
        match self.mode {
            Mode::Front => {
                if self.front(piece, pieces.get(i + 1)) {
                    return i + 1;
                }
                self.mode = Mode::Body;
                self.body(pieces, i)
            }
            Mode::Body => self.body(pieces, i),
            Mode::Notes => {
                self.note_line(piece, i);
                i + 1
            }
            Mode::References => {
                self.reference_line(piece);
                i + 1
            }
            Mode::Back => {
                self.paper.back_matter.push(text.to_string());
                i + 1
            }
        }
    }

    /// Title, byline, 摘要 and 关键词. Returns false at the first line that is none of them.
    fn front(&mut self, piece: &Piece, next: Option<&Piece>) -> bool {
        let text = piece.text.as_str();
        if let Some(a) = front::abstract_text(text) {
            self.paper.abstract_text = Some(a.to_string());
            return true;
        }
        if let Some(k) = front::keywords(text) {
            self.paper.keywords = k;
            return true;
        }
        let started = self.paper.title.is_some() || self.paper.abstract_text.is_some();
        if !started {
            // In a hard-wrapped file a full-width first line is the start of a paragraph.
            let full_line = self.wrap.is_some_and(|w| piece.last_line_len * 5 >= w * 4);
            let byline_follows = next.is_some_and(|n| front::authors(&n.raw).is_some());
            if front::looks_like_title(text)
                && numbering(text).is_none()
                && (!full_line || byline_follows)
            {
                self.paper.title = Some(text.to_string());
                return true;
            }
            return false;
        }
        if self.paper.authors.is_empty()
            && self.paper.abstract_text.is_none()
            && numbering(&piece.raw).is_none()
            && let Some(a) = front::authors(&piece.raw)
        {
            self.paper.authors = a;
            return true;
        }
        false
    }

    fn body(&mut self, pieces: &[Piece], i: usize) -> usize {
        let piece = &pieces[i];
        let text = piece.text.as_str();
        if let Some((label, rest)) = leading_label(text)
            && !text.starts_with('[')
        {
            self.add_note(&label, rest, i, false);
            self.footnote_area_first = false;
            return i + 1;
        }
        if self.footnote_area && self.footnote_area_first {
            // The unnumbered first footnote of a page: the paper's funding note.
            self.footnote_area_first = false;
            self.paper.front_matter.push(Field {
                label: "基金项目".into(),
                value: text.to_string(),
            });
            return i + 1;
        }
        self.footnote_area = false;
        if is_foreign_back_matter(text) {
            self.flush();
            self.mode = Mode::Back;
            self.paper.back_matter.push(text.to_string());
            return i + 1;
        }
        // Numbering is read before spaces are squashed: `0 引言` is a heading, `0引言` need not be.
        if let Some((kind, start)) = numbering(&piece.raw) {
            let heading = looks_like_heading(&piece.raw, kind, start)
                && !(kind == Numbering::Enumerated && self.numbered_paragraphs);
            if heading {
                return self.heading(pieces, i, kind);
            }
            if kind == Numbering::Enumerated {
                self.numbered_paragraphs = true;
            }
        }
        if is_caption(text) {
            // The space after `图1` is kept; captions are short enough for stray spaces not to matter.
            let (clean, _) = extract(&piece.raw.split_whitespace().collect::<Vec<_>>().join(" "));
            self.place(Block {
                kind: BlockKind::Caption,
                section: self.section,
                text: clean,
                markers: Vec::new(),
            });
            return i + 1;
        }
        let (clean, markers) = extract(text);
        let continues = self
            .pending
            .as_ref()
            .is_some_and(|p| !p.complete(self.wrap));
        if !continues {
            self.flush();
        }
        self.pending.get_or_insert_with(Para::default).push(
            &clean,
            markers,
            i,
            piece.last_line_len,
        );
        i + 1
    }

    fn heading(&mut self, pieces: &[Piece], i: usize, kind: Numbering) -> usize {
        self.flush();
        let mut text = match kind {
            Numbering::Decimal(_) => {
                let raw = pieces[i].raw.trim();
                let (number, rest) =
                    raw.split_at(raw.find(char::is_whitespace).unwrap_or(raw.len()));
                format!("{number} {}", squash_spaces(rest))
            }
            _ => pieces[i].text.clone(),
        };
        let mut next = i + 1;
        // A heading wrapped in a narrow file continues on a short line with no punctuation.
        if let Some(w) = self.wrap {
            let mut chars = text.chars().count();
            while chars * 5 >= w * 4
                && let Some(p) = pieces.get(next)
                && p.kind == PieceKind::Text
                && p.text.chars().count() * 4 < w * 3
                && !p
                    .text
                    .contains(['。', '，', '；', '：', '！', '？', ',', ';', ':'])
                && numbering(&p.text).is_none()
            {
                chars = push_wrapped_counted(&mut text, chars, &p.text);
                next += 1;
            }
        }
        let (clean, raw_markers) = extract(&text);
        let level = kind.level();
        self.paper.outline.push(Heading {
            level,
            heading: clean.clone(),
        });
        let idx = self.paper.outline.len() - 1;
        self.section = Some(idx);
        if level <= 2 {
            self.numbered_paragraphs = false;
        }
        self.push_block(
            BlockKind::Heading,
            clean,
            raw_markers.into_iter().map(|m| (m, i)).collect(),
        );
        next
    }

    fn note_line(&mut self, piece: &Piece, i: usize) {
        if let Some((label, rest)) = leading_label(&piece.text) {
            self.add_note(&label, rest, i, true);
            return;
        }
        let continues = piece.list
            || self
                .paper
                .notes
                .last()
                .is_some_and(|n| !ends_sentence(&n.text));
        match self.paper.notes.last_mut() {
            Some(last) if continues => push_wrapped(&mut last.text, &piece.text),
            _ => {
                self.mode = Mode::Back;
                self.paper.back_matter.push(piece.text.clone());
            }
        }
    }

    /// Adds a note, splitting a line that holds several (`①…。②…`) at the next number in sequence.
    fn add_note(&mut self, label: &str, rest: &str, piece: usize, endnote: bool) {
        let number = label_number(label);
        let next_label = number.and_then(|n| circled(n + 1));
        if let Some(next) = next_label
            && let Some(pos) = rest.find(next)
            && pos > 0
        {
            self.push_note(label, &rest[..pos], number, piece, endnote);
            let after = &rest[pos + next.len_utf8()..];
            self.add_note(&next.to_string(), after.trim_start(), piece, endnote);
            return;
        }
        self.push_note(label, rest, number, piece, endnote);
    }

    fn push_note(
        &mut self,
        label: &str,
        text: &str,
        number: Option<u32>,
        piece: usize,
        endnote: bool,
    ) {
        self.paper.notes.push(Note {
            label: label.to_string(),
            text: text.trim().to_string(),
        });
        self.notes.push(NoteSite {
            number,
            piece,
            endnote,
        });
    }

    fn reference_line(&mut self, piece: &Piece) {
        let text = piece.text.as_str();
        let labelled = leading_label(text)
            .map(|(l, r)| (l, r.to_string()))
            .or_else(|| {
                // `1. 作者.题名[J].` or `1 作者…`
                let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
                let rest = text[digits.len()..].trim_start_matches(['.', '．', ' ']);
                (!digits.is_empty() && digits.len() <= 3 && rest.len() < text.len() - digits.len())
                    .then(|| (digits.clone(), rest.to_string()))
            });
        if let Some((label, rest)) = labelled {
            self.reference_numbers.push(label_number(&label));
            self.paper.references.push(Note {
                label,
                text: rest.trim().to_string(),
            });
            return;
        }
        let continues = self
            .paper
            .references
            .last()
            .is_some_and(|r| !ends_sentence(&r.text));
        if piece.list && !continues {
            self.reference_numbers.push(None);
            let label = (self.paper.references.len() + 1).to_string();
            self.paper.references.push(Note {
                label,
                text: text.to_string(),
            });
            return;
        }
        match self.paper.references.last_mut() {
            Some(last) if continues => push_wrapped(&mut last.text, text),
            _ => {
                self.mode = Mode::Back;
                self.paper.back_matter.push(text.to_string());
            }
        }
    }

    /// Puts a caption or table after the paragraph it interrupted, or right away.
    fn place(&mut self, block: Block) {
        if self
            .pending
            .as_ref()
            .is_some_and(|p| !p.complete(self.wrap))
        {
            self.deferred.push(block);
        } else {
            self.flush();
            self.paper.blocks.push(block);
        }
    }

    fn flush(&mut self) {
        if let Some(p) = self.pending.take() {
            self.push_block(BlockKind::Paragraph, p.text, p.markers);
        }
        self.paper.blocks.append(&mut self.deferred);
    }

    fn push_block(&mut self, kind: BlockKind, text: String, markers: Vec<(RawMarker, usize)>) {
        let block = self.paper.blocks.len();
        let mut out = Vec::with_capacity(markers.len());
        for (index, (m, piece)) in markers.into_iter().enumerate() {
            self.markers.push(MarkerSite {
                block,
                index,
                piece,
                kind: m.kind,
                numbers: m.numbers,
            });
            out.push(Marker {
                offset: m.offset,
                label: m.label,
                targets: Vec::new(),
            });
        }
        self.paper.blocks.push(Block {
            kind,
            section: self.section,
            text,
            markers: out,
        });
    }

    fn warn_about_gaps(&mut self) {
        let p = &mut self.paper;
        if p.title.is_none() {
            p.warnings.push("no title found in the text".into());
        }
        if p.blocks.is_empty() {
            p.warnings.push("no body text found".into());
        }
        let unresolved = p
            .blocks
            .iter()
            .flat_map(|b| &b.markers)
            .filter(|m| m.targets.is_empty())
            .count();
        if unresolved > 0 {
            let why = if p.references.is_empty() && p.notes.is_empty() {
                " (the file has no notes or reference list)"
            } else {
                ""
            };
            p.warnings.push(format!(
                "{unresolved} note markers could not be resolved{why}"
            ));
        }
    }
}

/// The circled glyph for `n` (1..=50).
fn circled(n: u32) -> Option<char> {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32b1 + n - 36,
        _ => return None,
    };
    char::from_u32(code)
}

#[cfg(test)]
mod tests;
