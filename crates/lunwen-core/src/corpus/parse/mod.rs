//! Rebuilds a [`Paper`] from the raw text of a paper: plain OCR text (hard-wrapped or not),
//! `pdftotext` output with form feeds, running heads and page footnotes, and MinerU-style
//! markdown. Never fails: what it cannot do becomes a warning.
//!
//! The stages, each in its own file with its own tests:
//! 1. [`lines`]: physical lines with their pages; page furniture out; the wrap width.
//! 2. [`blocks`]: markdown/HTML structure, and lines grouped into units (paragraph candidates).
//! 3. [`classify`]: what each unit is by its form (labels, fields, captions, heading
//!    candidates), and the heading hierarchy.
//! 4. [`assemble`]: the document grammar: front matter, a body that resumes after every
//!    interruption, notes, references, back matter.
//! 5. [`metadata`]: the facts the text states about itself (文章编号, running heads, 引用本文).
//! 6. [`markers`] and [`resolve`]: note and citation markers, resolved to notes and references.
//!
//! Nothing is lost: every non-space character of the input ends in the paper (front matter,
//! body, notes, references, back matter, a marker label) or in the [`Ledger`] (furniture,
//! markup), which [`audit`] checks.

mod assemble;
mod blocks;
mod classify;
mod front;
mod headings;
mod lines;
mod markers;
mod metadata;
mod resolve;

use std::collections::HashMap;

use super::model::Paper;

pub use markers::circled_value;

/// What the parser took out of the text and where it went, so every character is accounted
/// for. Counts always; the texts themselves only when auditing.
#[derive(Debug, Default)]
pub struct Ledger {
    keep: bool,
    pub counts: LedgerCounts,
    /// Furniture, markup and synthesized text, when `keep`.
    pub furniture_text: String,
    pub markup_text: String,
    pub synth_text: String,
    /// Markup counted twice and given back (a joiner that became part of a label).
    pub unmarkup_text: String,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LedgerCounts {
    pub furniture: usize,
    pub markup: usize,
    /// Characters the parser wrote that were not in the input (decoded HTML entities).
    pub synth: usize,
}

/// Non-whitespace characters of `s`, counted on the bytes: every UTF-8 lead byte is a char,
/// less the whitespace ones (ASCII, NBSP, NEL, the U+2000 spaces, U+3000).
fn visible(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0usize;
    // Lead bytes that are not ASCII whitespace, summed in byte-wide lanes a chunk at a time
    // (the compiler vectorizes this; a chunk of 255 cannot overflow a lane).
    for chunk in b.chunks(255) {
        let mut acc = 0u8;
        for &c in chunk {
            acc += u8::from(((c as i8) >= -0x40) & (c != b' ') & (c.wrapping_sub(9) >= 5));
        }
        n += usize::from(acc);
    }
    // Less the other spaces (NBSP, NEL, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
    // U+205F, U+3000): rare, and only after one of four lead bytes.
    let mut i = 0;
    while let Some(k) = b[i..]
        .iter()
        .position(|&c| matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3))
    {
        let at = i + k;
        let space = match (b[at], b.get(at + 1).copied(), b.get(at + 2).copied()) {
            (0xc2, Some(0xa0 | 0x85), _) => true,
            (0xe3, Some(0x80), Some(0x80)) => true,
            (0xe1, Some(0x9a), Some(0x80)) => true,
            (0xe2, Some(0x80), Some(x)) => {
                (0x80..=0x8a).contains(&x) || matches!(x, 0xa8 | 0xa9 | 0xaf)
            }
            (0xe2, Some(0x81), Some(0x9f)) => true,
            _ => false,
        };
        n -= usize::from(space);
        i = at + 1;
    }
    n
}

impl Ledger {
    fn keeping() -> Ledger {
        Ledger {
            keep: true,
            ..Ledger::default()
        }
    }

    /// Page furniture taken out: running heads, folios, converter duplicates.
    pub fn furniture(&mut self, s: &str) {
        self.counts.furniture += visible(s);
        if self.keep {
            self.furniture_text.push_str(s);
        }
    }

    /// Syntax taken out: markdown and HTML, label words, separators.
    pub fn markup(&mut self, s: &str) {
        self.counts.markup += visible(s);
        if self.keep {
            self.markup_text.push_str(s);
        }
    }

    /// Gives back markup recorded earlier that ended up in the paper after all.
    pub fn unmarkup(&mut self, s: &str) {
        self.counts.markup = self.counts.markup.saturating_sub(visible(s));
        if self.keep {
            self.unmarkup_text.push_str(s);
        }
    }

    /// A character the parser wrote that the input did not have (`"` for `&quot;`).
    pub fn synth(&mut self, c: char) {
        self.counts.synth += 1;
        if self.keep {
            self.synth_text.push(c);
        }
    }

    /// A label the parser gives something the text did not label (`作者单位` for an
    /// affiliation line).
    pub fn synth_str(&mut self, s: &str) {
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            self.synth(c);
        }
    }

    /// `source` was read into `kept` (names out of a byline, a value out of a field): what is
    /// left over is markup. A kept character the source lacks shows as a negative count in
    /// the audit.
    pub fn markup_diff(&mut self, source: &str, kept: &[&str]) {
        if source.len() > 96 {
            return self.markup_diff_long(source, kept);
        }
        let mut left: Vec<char> = source.chars().filter(|c| !c.is_whitespace()).collect();
        let mut missing = String::new();
        for k in kept {
            for c in k.chars().filter(|c| !c.is_whitespace()) {
                match left.iter().position(|&x| x == c) {
                    Some(p) => {
                        left.remove(p);
                    }
                    None => missing.push(c),
                }
            }
        }
        if !left.is_empty() {
            let left: String = left.into_iter().collect();
            self.markup(&left);
        }
        // Kept text the source did not have: surfaces in the audit.
        for c in missing.chars() {
            self.synth(c);
        }
    }
}

impl Ledger {
    /// [`Ledger::markup_diff`] by counting, for long sources.
    fn markup_diff_long(&mut self, source: &str, kept: &[&str]) {
        let mut counts: HashMap<char, i64> = HashMap::new();
        for c in source.chars().filter(|c| !c.is_whitespace()) {
            *counts.entry(c).or_default() += 1;
        }
        for k in kept {
            for c in k.chars().filter(|c| !c.is_whitespace()) {
                *counts.entry(c).or_default() -= 1;
            }
        }
        let mut left = String::new();
        for c in source.chars().filter(|c| !c.is_whitespace()) {
            if let Some(n) = counts.get_mut(&c)
                && *n > 0
            {
                left.push(c);
                *n -= 1;
            }
        }
        self.markup(&left);
        let mut missing: Vec<(char, i64)> = counts.into_iter().filter(|&(_, n)| n < 0).collect();
        missing.sort_unstable();
        for (c, n) in missing {
            for _ in n..0 {
                self.synth(c);
            }
        }
    }
}

/// Parses one paper. Never fails: what cannot be recognised becomes a warning.
pub fn parse(id: &str, file: &str, raw: &str) -> Paper {
    parse_with(id, file, raw, Ledger::default()).0
}

/// [`parse`], keeping the text of what the ledger took out.
pub fn parse_audited(id: &str, file: &str, raw: &str) -> (Paper, Ledger) {
    parse_with(id, file, raw, Ledger::keeping())
}

/// Control characters go, form feeds (page breaks) stay.
fn clean(raw: &str) -> String {
    super::text::sanitize_pages(raw)
}

fn parse_with(id: &str, file: &str, raw: &str, mut ledger: Ledger) -> (Paper, Ledger) {
    let text = clean(raw);
    let body = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            ledger.markup("\u{feff}");
            rest
        }
        None => text.as_str(),
    };
    let lines = lines::lines(body, &mut ledger);
    let units = blocks::blocks(&lines, &mut ledger);
    let mut paper = assemble::assemble(id, file, &lines, units, &mut ledger);
    metadata::metadata(&mut paper, &lines);
    paper.parts = parts(&paper, &ledger);
    warn_about_gaps(&mut paper);
    (paper, ledger)
}

/// Counts the paper's parts.
/// The input is what the parts add up to (the audit checks that they do).
fn parts(p: &Paper, ledger: &Ledger) -> super::model::Parts {
    let mut front = visible(p.title.as_deref().unwrap_or(""))
        + visible(p.abstract_text.as_deref().unwrap_or(""));
    front += p.authors.iter().map(|a| visible(a)).sum::<usize>();
    front += p.keywords.iter().map(|a| visible(a)).sum::<usize>();
    front += p
        .front_matter
        .iter()
        .map(|f| visible(&f.label) + visible(&f.value))
        .sum::<usize>();
    front += p.foreign_matter.iter().map(|a| visible(a)).sum::<usize>();
    let body: usize = p.blocks.iter().map(|b| visible(&b.text)).sum();
    let markers: usize = p
        .blocks
        .iter()
        .flat_map(|b| &b.markers)
        .map(|m| visible(&m.label))
        .sum();
    let notes: usize = p
        .notes
        .iter()
        .map(|n| visible(&n.label) + visible(&n.text))
        .sum();
    let references: usize = p
        .references
        .iter()
        .map(|n| visible(&n.label) + visible(&n.text))
        .sum();
    let back: usize = p.back_matter.iter().map(|a| visible(a)).sum();
    let input = (front
        + body
        + notes
        + references
        + back
        + markers
        + ledger.counts.furniture
        + ledger.counts.markup)
        .saturating_sub(ledger.counts.synth);
    super::model::Parts {
        input,
        front,
        body,
        notes,
        references,
        back,
        furniture: ledger.counts.furniture,
        markup: ledger.counts.markup,
        markers,
    }
}

/// The texts of a paper's parts, for [`audit`].
pub fn part_texts(p: &Paper) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    v.extend(p.title.as_deref());
    v.extend(p.abstract_text.as_deref());
    v.extend(p.authors.iter().map(String::as_str));
    v.extend(p.keywords.iter().map(String::as_str));
    for f in &p.front_matter {
        v.push(&f.label);
        v.push(&f.value);
    }
    v.extend(p.foreign_matter.iter().map(String::as_str));
    for b in &p.blocks {
        v.push(&b.text);
        v.extend(b.markers.iter().map(|m| m.label.as_str()));
    }
    for n in p.notes.iter().chain(&p.references) {
        v.push(&n.label);
        v.push(&n.text);
    }
    v.extend(p.back_matter.iter().map(String::as_str));
    v
}

/// Checks that every non-space character of `raw` ended in exactly one part of the paper or
/// in the ledger: the multisets must be equal. Returns a description of the difference.
pub fn audit(raw: &str) -> Result<(), String> {
    let (paper, ledger) = parse_audited("audit", "audit.txt", raw);
    audit_parsed(raw, &paper, &ledger)
}

/// [`audit`] of a paper already parsed from `raw` with [`parse_audited`].
pub fn audit_parsed(raw: &str, paper: &Paper, ledger: &Ledger) -> Result<(), String> {
    let text = clean(raw);
    let mut counts: HashMap<char, i64> = HashMap::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_default() += 1;
    }
    for c in ledger.synth_text.chars().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_default() += 1;
    }
    for c in ledger.unmarkup_text.chars().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_default() += 1;
    }
    let out = part_texts(paper);
    for t in out
        .iter()
        .copied()
        .chain([ledger.furniture_text.as_str(), ledger.markup_text.as_str()])
    {
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            *counts.entry(c).or_default() -= 1;
        }
    }
    let mut lost: Vec<(char, i64)> = counts.into_iter().filter(|&(_, n)| n != 0).collect();
    // The counts `lunwen check` prints add up to the input too.
    let input = visible(&text);
    if lost.is_empty() && paper.parts.input == input {
        return Ok(());
    }
    if lost.is_empty() {
        return Err(format!(
            "parts add up to {} characters, the input has {input}",
            paper.parts.input
        ));
    }
    lost.sort_unstable();
    let show: Vec<String> = lost
        .iter()
        .take(20)
        .map(|(c, n)| {
            if *n > 0 {
                format!("{c:?} lost {n}")
            } else {
                format!("{c:?} duplicated {}", -n)
            }
        })
        .collect();
    Err(show.join(", "))
}

fn warn_about_gaps(p: &mut Paper) {
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
    // The body should hold most of a paper; a parse that put it elsewhere says so.
    let parts = p.parts;
    let text = parts.front + parts.body + parts.notes + parts.references + parts.back;
    if text >= 2000 && parts.body * 10 < text * 4 {
        p.warnings.push(format!(
            "the body holds only {}% of the text",
            parts.body * 100 / text.max(1)
        ));
    }
    if text >= 2000 && parts.back * 5 > text {
        p.warnings.push(format!(
            "{}% of the text is back matter",
            parts.back * 100 / text.max(1)
        ));
    }
}

#[cfg(test)]
mod tests;
