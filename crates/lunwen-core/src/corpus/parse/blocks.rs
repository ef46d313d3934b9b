//! Stage 2, blocks: the lines grouped into units. Markdown and HTML structure becomes one unit
//! each (tables, `$$…$$` display math, code fences, images, `<div>` captions, rules, `#` lines,
//! list items); runs of prose lines become one unit per paragraph (see [`ends_unit`]); runs of
//! short unpunctuated lines are the cells of a table or the labels of a figure that a
//! converter printed one per line. Page footnotes become one unit per note. Markup syntax goes
//! to the ledger.

use super::Ledger;
use super::classify::{caption_start, field_start, section_label};
use super::headings::{heading_text, numbering};
use super::lines::{Line, Lines, Run, ends_sentence, ends_unit};
use super::markers::{circled_value, leading_label};
use crate::corpus::text::{is_cjk, join_counted, squash_spaces};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Prose.
    Text,
    /// A `#` line (the count of `#`s means nothing about the level).
    Hash(u8),
    /// A list item (`- `, `• `).
    Bullet,
    /// A blockquote line.
    Quote,
    /// An image (all markup).
    Image,
    /// A table: rows on lines, cells separated by tabs.
    Table,
    /// Table cells or figure labels printed one per line.
    Cells,
    /// `$$…$$` display math.
    Math,
    /// A fenced code block.
    Code,
    /// A `---` rule.
    Rule,
    /// Text inside an HTML `<div>` (a caption).
    Html,
    /// One page footnote.
    Foot,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub shape: Shape,
    /// Text, spaces a wrap left between CJK characters removed.
    pub text: String,
    /// The text with its spaces as printed (bylines need them: `刘 博 蔡文成`); only for the
    /// first units of a paper and short ones.
    pub raw: Option<String>,
    /// `text.chars().count()`.
    pub chars: usize,
    /// (char offset, page) where pages begin in `text`; the first at 0.
    pub pages: Vec<(usize, u32)>,
    pub lines: u16,
    pub last_width: u16,
    /// A blank line, page break or furniture stands before it.
    pub gap_before: bool,
    /// Among the first units of the paper: keeps its raw text whatever its length.
    front: bool,
}

impl Unit {
    fn new(shape: Shape, line: &Line<'_>) -> Unit {
        Unit {
            shape,
            text: String::new(),
            raw: None,
            chars: 0,
            pages: vec![(0, line.page)],
            lines: 0,
            last_width: line.width,
            gap_before: line.gap_before,
            front: false,
        }
    }

    pub fn page(&self) -> u32 {
        self.pages.first().map_or(1, |p| p.1)
    }

    /// Appends one line of prose.
    fn push_line(&mut self, line: &Line<'_>, text: &str, keep_raw: bool, ledger: &mut Ledger) {
        let squashed = squash_spaces(text);
        let (start, dropped) = join_counted(&mut self.text, &mut self.chars, &squashed);
        if dropped {
            ledger.markup("-");
        }
        if self.pages.last().is_some_and(|&(_, p)| p != line.page) {
            self.pages.push((start, line.page));
        }
        // A unit that started with its raw text keeps it while it is short (headings, labels,
        // bylines); a long paragraph drops it.
        let keep_raw = self.front
            || keep_raw
                && (self.raw.is_some() || self.lines == 0)
                && self
                    .raw
                    .as_ref()
                    .is_none_or(|r| r.len() + text.len() <= 600);
        if !keep_raw {
            self.raw = None;
        }
        if keep_raw {
            // Joined as the text is (a line-end hyphen goes in both), spaces kept.
            let raw = self.raw.get_or_insert_with(String::new);
            if raw.is_empty() {
                raw.push_str(text);
            } else {
                crate::corpus::text::push_wrapped(raw, text);
            }
        }
        self.lines = self.lines.saturating_add(1);
        self.last_width = line.width;
    }
}

/// Units that keep their raw spacing (front matter is at the start).
const RAW_UNITS: usize = 150;

/// Groups the lines into units.
pub fn blocks(lines: &Lines<'_>, ledger: &mut Ledger) -> Vec<Unit> {
    let ls = &lines.lines;
    let mut out: Vec<Unit> = Vec::new();
    let fused = split_labels(ls);
    let runs = Runs::new(ls, lines);
    let mut carry: Option<u16> = None;
    let mut i = 0;
    while i < ls.len() {
        let keep_raw = out.len() < RAW_UNITS;
        let line = &ls[i];
        if line.foot {
            i = footnotes(ls, i, &mut out, ledger);
            continue;
        }
        let t = line.text;
        if let Some(next) = structure(ls, i, &mut out, ledger) {
            i = next;
            continue;
        }
        if let Some(next) = cells(ls, i, &runs, &mut out, ledger) {
            i = next;
            continue;
        }
        // A lone note label displaced onto its own line joins the text it belongs to.
        if lone_circled(t) {
            i = lone_label(ls, i, &mut out, ledger);
            continue;
        }
        // Prose: one unit until the paragraph ends.
        let shape = Shape::Text;
        let mut unit = Unit::new(shape, line);
        unit.front = keep_raw;
        let first = fused.get(&i).map_or(t.to_string(), Clone::clone);
        let first = clean_inline(&first, ledger);
        unit.push_line(line, &first, true, ledger);
        // In `pdftotext -raw` text a visual line comes in pieces; the first line of a paragraph
        // is indented by two characters the text no longer shows, and a paragraph broken off at
        // a lifted note label goes on where its visual line stood.
        let mut run = Run::default();
        if lines.raw_mode {
            run.visual = carry.take().unwrap_or(4);
        }
        let mut j = i + 1;
        // `一、` alone on its line, its title on the next (a hard-wrapped file).
        let numbering_only =
            lines.wrap.is_some() && numbering(t).is_some_and(|n| n.start >= t.len());
        // A numbered heading line ends its unit, or goes on to one short unpunctuated line when
        // it filled the line (`一、坚持…的价值` / `遵循`).
        let heading_first = !numbering_only
            && numbering(t).is_some()
            && super::classify::numbered_heading(
                &t.split_whitespace().collect::<Vec<_>>().join(" "),
                false,
            )
            .is_some_and(|(_, ok)| ok);
        if heading_first {
            if let (Some(w), Some(b)) = (lines.wrap, ls.get(j))
                && !b.foot
                && !is_structural(b.text)
                && !starts_item(b.text)
                && u32::from(line.width) * 5 >= u32::from(w) * 4
                && u32::from(b.width) * 4 < u32::from(w) * 3
                && !b.text.contains(['。', '，', '；', '：', ',', ';', ':'])
            {
                let text = clean_inline(b.text, ledger);
                unit.push_line(b, &text, true, ledger);
                j += 1;
            }
            out.push(unit);
            i = j;
            continue;
        }
        while j < ls.len() {
            let b = &ls[j];
            if b.foot
                || is_structural(b.text)
                || lone_circled(b.text) && !continues_after_label(ls, j)
            {
                break;
            }
            let a = &ls[j - 1];
            if lone_circled(b.text) {
                // label inside a paragraph: handled when reached
                if lines.raw_mode {
                    carry = Some(next_visual(run.visual, a.width, b.width, lines.wrap));
                }
                break;
            }
            let text = fused.get(&j).map_or(b.text.to_string(), Clone::clone);
            // After a full line that ends mid-sentence, only a heading or a label starts anew:
            // `…通过了《刑法修正案` / `（九）》，本修正案…` and `…如` / `图1所示` go on.
            let mid_sentence =
                lines.wrap.is_some_and(|w| a.width + 4 >= w) && !ends_sentence(a.text);
            let item = starts_item(&text) && (!mid_sentence || strong_item(&text));
            let heading_tail = numbering_only && j == i + 1 && !item && b.width <= 80;
            // A section label (`参考文献`, `结 语`) is a line of its own.
            if j == i + 1 && section_label(&first).is_some() {
                break;
            }
            // A keywords or field line short of the margin is complete: what follows is another
            // field, or the body.
            if (lines.wrap.is_some_and(|w| a.width + 4 < w)
                || lines.blank_lines_mean && b.gap_before)
                && !lines.raw_mode
                && (j == i + 1
                    && super::classify::front_label(a.text)
                        .is_some_and(|(s, _)| s == super::classify::Section::Keywords)
                    || field_start(ls[i].text))
            {
                break;
            }
            if !heading_tail && ends_unit(a, b, item, lines, &mut run) {
                break;
            }
            if runs.end(j).is_some() {
                break;
            }
            let text = clean_inline(&text, ledger);
            unit.push_line(b, &text, true, ledger);
            j += 1;
        }
        if !unit.text.is_empty() {
            out.push(unit);
        }
        i = j;
    }
    dedupe(&mut out, ledger);
    out
}

/// Width of the visual line after a piece of width `a` and a label of width `label`, starting
/// from `visual` (a new visual line once it is full).
fn next_visual(visual: u16, a: u16, label: u16, wrap: Option<u16>) -> u16 {
    let v = visual.saturating_add(a);
    let v = if wrap.is_some_and(|w| v + 4 >= w) {
        0
    } else {
        v
    };
    v.saturating_add(label)
}

/// Whether the label line at `j` is followed by more prose (so the paragraph goes on).
fn continues_after_label(ls: &[Line<'_>], j: usize) -> bool {
    ls.get(j + 1)
        .is_some_and(|n| !n.foot && !is_structural(n.text))
}

/// A line that is one circled number (a note call the layout lifted off its line).
fn lone_circled(t: &str) -> bool {
    let mut c = t.chars();
    matches!((c.next(), c.next()), (Some(x), None) if circled_value(x).is_some())
}

/// Places a lone note label where it belongs: at the gap it left in the next line (a space
/// between CJK characters), else at the end of the paragraph it interrupts.
fn lone_label(ls: &[Line<'_>], i: usize, out: &mut Vec<Unit>, ledger: &mut Ledger) -> usize {
    let label = ls[i].text;
    let next = ls.get(i + 1).filter(|n| !n.foot && !is_structural(n.text));
    if let Some(n) = next
        && let Some(gap) = marker_gap(n.text)
    {
        // Rebuild the next line with the label in its gap and let the prose loop take it.
        let text = format!("{}{label}{}", &n.text[..gap], &n.text[gap..]);
        let mut unit = Unit::new(Shape::Text, n);
        unit.gap_before = ls[i].gap_before;
        let cleaned = clean_inline(&text, ledger);
        unit.push_line(n, &cleaned, true, ledger);
        // Continue the paragraph the label interrupted, if it did.
        if let Some(prev) = out.last_mut()
            && prev.shape == Shape::Text
            && !ends_sentence(&prev.text)
            && !side_label(prev)
        {
            let (shift, dropped) = join_counted(&mut prev.text, &mut prev.chars, &unit.text);
            if dropped {
                ledger.markup("-");
            }
            for p in &unit.pages {
                if prev.pages.last().is_none_or(|l| l.1 != p.1) {
                    prev.pages.push((shift + p.0, p.1));
                }
            }
            if let Some(r) = prev.raw.as_mut() {
                crate::corpus::text::push_wrapped(r, unit.raw.as_deref().unwrap_or(&unit.text));
            }
            prev.lines = prev.lines.saturating_add(1);
            prev.last_width = n.width;
        } else {
            out.push(unit);
        }
        return i + 2;
    }
    match out.last_mut() {
        Some(prev) if matches!(prev.shape, Shape::Text | Shape::Foot) => {
            prev.text.push_str(label);
            prev.chars += 1;
            if let Some(r) = prev.raw.as_mut() {
                r.push_str(label);
            }
        }
        _ => {
            let mut unit = Unit::new(Shape::Text, &ls[i]);
            unit.push_line(&ls[i], label, true, ledger);
            out.push(unit);
        }
    }
    i + 1
}

/// `B 思想史`: a short line on its own, no punctuation, a few Chinese characters: a label set
/// beside the text (a figure's words), not a piece of the sentence around it.
pub fn side_label(u: &Unit) -> bool {
    u.shape == Shape::Text
        && u.lines == 1
        && u.chars <= 10
        && u.text.chars().filter(|&c| crate::corpus::text::is_han(c)).count() >= 2
        && !u.text.chars().any(|c| {
            c.is_ascii_punctuation() && c != '-' || !is_cjk(c) && !c.is_alphanumeric() && !c.is_whitespace()
                || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}')
        })
        && numbering(&u.text).is_none()
        && !caption_start(&u.text)
        && section_label(&u.text).is_none()
}

/// Byte offset of the gap a lifted note label left: a space after a CJK character or symbol
/// and before a CJK character.
fn marker_gap(t: &str) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in t.char_indices() {
        if c == ' '
            && let Some(p) = prev
            && !p.is_ascii_alphanumeric()
            && !p.is_whitespace()
            && !matches!(p, '(' | '[' | '（')
            && t[i + 1..].chars().next().is_some_and(is_cjk)
        {
            return Some(i);
        }
        prev = Some(c);
    }
    None
}

/// Punctuation that closes or continues what came before.
const CLOSING: &[char] = &[
    '》', '〉', '）', ')', '」', '』', '”', '’', '，', '。', '、', '；', '：', '！', '？', ',',
    '.', ';', ':', '!', '?', '】', ']',
];

/// Lines a new unit must start at even without a blank line before them.
pub fn starts_item(t: &str) -> bool {
    if let Some(n) = numbering(t) {
        let rest = &t[n.start..];
        let plain_number = matches!(n.style, super::headings::Style::Decimal(1)) && !n.letter;
        // `（九）》，本修正案…`: what follows a number never opens with closing punctuation; that
        // is a wrapped sentence whose line happens to begin with a bracketed numeral.
        let closes = rest.trim_start().starts_with(CLOSING);
        if !closes && (!plain_number || heading_text(rest, n.style, false)) {
            return true;
        }
    }
    leading_label(t).is_some()
        || damaged_ref_label(t)
        || section_label(t).is_some()
        || super::classify::front_label(t).is_some()
        || field_start(t)
        || caption_start(t)
        || t.starts_with(['•', '●', '■'])
        || t.starts_with("- ")
}

/// An item no sentence runs into: a numbered heading, a section label, a labelled field, a
/// label alone.
fn strong_item(t: &str) -> bool {
    // A label printed alone on its line (`[17]`) heads the entry after it.
    leading_label(t).is_some_and(|(_, rest)| rest.trim().is_empty())
        || section_label(t).is_some()
        || super::classify::front_label(t).is_some()
        || field_start(t)
        || numbering(t).is_some_and(|n| {
            !matches!(
                n.style,
                super::headings::Style::Enum
                    | super::headings::Style::Paren
                    | super::headings::Style::RParen
            ) && heading_text(&t[n.start..], n.style, false)
        })
}

/// `10] …`: a reference label that lost its opening bracket.
pub fn damaged_ref_label(t: &str) -> bool {
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&d) && t[d..].starts_with(']')
}

fn is_structural(t: &str) -> bool {
    t.starts_with("```")
        || t.starts_with("$$")
        || t.starts_with("\\[")
        || t.starts_with("<table")
        || t.starts_with("<div")
        || t.starts_with("<img")
        || t.starts_with("![")
        || t.starts_with('|') && t.len() > 1
        || t.starts_with('#')
        || t.starts_with("> ")
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("• ")
        || is_rule(t)
}

fn is_rule(t: &str) -> bool {
    t.len() >= 3
        && (t.bytes().all(|c| c == b'-')
            || t.bytes().all(|c| c == b'*')
            || t.bytes().all(|c| c == b'_'))
}

/// Builds a structural unit at line `i`; returns the next line index.
fn structure(ls: &[Line<'_>], i: usize, out: &mut Vec<Unit>, ledger: &mut Ledger) -> Option<usize> {
    let line = &ls[i];
    let t = line.text;
    // Fenced code.
    if let Some(after) = t.strip_prefix("```") {
        ledger.markup("```");
        ledger.markup(after);
        let mut unit = Unit::new(Shape::Code, line);
        let mut j = i + 1;
        let mut body = String::new();
        while j < ls.len() && !ls[j].text.starts_with("```") {
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(ls[j].text);
            j += 1;
        }
        if j < ls.len() {
            ledger.markup(ls[j].text);
            j += 1;
        }
        set_text(&mut unit, body);
        out.push(unit);
        return Some(j);
    }
    // Display math.
    if t.starts_with("$$") || t.starts_with("\\[") {
        let (open, close) = if t.starts_with("$$") {
            ("$$", "$$")
        } else {
            ("\\[", "\\]")
        };
        let mut unit = Unit::new(Shape::Math, line);
        let mut body = String::new();
        let first = &t[open.len()..];
        ledger.markup(open);
        let mut j = i;
        if let Some(inner) = first.strip_suffix(close) {
            ledger.markup(close);
            body.push_str(inner.trim());
            j += 1;
        } else {
            body.push_str(first.trim());
            j += 1;
            while j < ls.len() {
                let l = ls[j].text;
                if let Some(inner) = l.strip_suffix(close) {
                    ledger.markup(close);
                    if !inner.trim().is_empty() {
                        if !body.is_empty() {
                            body.push('\n');
                        }
                        body.push_str(inner.trim());
                    }
                    j += 1;
                    break;
                }
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(l);
                j += 1;
                if j - i > 200 {
                    break;
                }
            }
        }
        set_text(&mut unit, body);
        out.push(unit);
        return Some(j);
    }
    // HTML tables and divs, possibly over several lines.
    if t.starts_with("<table") || t.starts_with("<div") {
        let end_tag = if t.starts_with("<table") {
            "</table>"
        } else {
            "</div>"
        };
        let mut j = i;
        let mut html = String::new();
        while j < ls.len() {
            if !html.is_empty() {
                html.push('\n');
            }
            html.push_str(ls[j].text);
            j += 1;
            if ls[j - 1].text.contains(end_tag) || j - i > 400 {
                break;
            }
        }
        let (shape, text) = if end_tag == "</table>" {
            (Shape::Table, html_table(&html, ledger))
        } else if html.contains("<img") {
            ledger.markup(&html);
            (Shape::Image, String::new())
        } else {
            (Shape::Html, strip_tags(&html, ledger))
        };
        let mut unit = Unit::new(shape, line);
        set_text(&mut unit, squash_spaces(&text.replace('\n', " ")));
        if shape == Shape::Table {
            unit.text = text;
            unit.chars = unit.text.chars().count();
        }
        if shape != Shape::Image || !out.last().is_some_and(|u| u.shape == Shape::Image) {
            out.push(unit);
        }
        return Some(j);
    }
    if t.starts_with("![") || t.starts_with("<img") {
        let end = if t.starts_with("![") {
            t.find(')').map_or(t.len(), |p| p + 1)
        } else {
            t.find('>').map_or(t.len(), |p| p + 1)
        };
        ledger.markup(&t[..end]);
        let rest = t[end..].trim();
        let unit = Unit::new(Shape::Image, line);
        out.push(unit);
        if !rest.is_empty() {
            let mut u = Unit::new(Shape::Text, line);
            let cleaned = clean_inline(rest, ledger);
            u.push_line(line, &cleaned, true, ledger);
            out.push(u);
        }
        return Some(i + 1);
    }
    if t.starts_with('|') && t.len() > 1 {
        let mut j = i;
        let mut rows: Vec<String> = Vec::new();
        while j < ls.len() && ls[j].text.starts_with('|') {
            if let Some(r) = pipe_row(ls[j].text, ledger) {
                rows.push(r);
            }
            j += 1;
        }
        let mut unit = Unit::new(Shape::Table, line);
        unit.text = rows.join("\n");
        unit.chars = unit.text.chars().count();
        out.push(unit);
        return Some(j);
    }
    if is_rule(t) {
        ledger.markup(t);
        out.push(Unit::new(Shape::Rule, line));
        return Some(i + 1);
    }
    let (shape, body) = if let Some(rest) = t.strip_prefix('#') {
        let hashes = 1 + rest.bytes().take_while(|&b| b == b'#').count();
        ledger.markup(&t[..hashes]);
        (
            Shape::Hash(u8::try_from(hashes).unwrap_or(6)),
            t[hashes..].trim(),
        )
    } else if let Some(rest) = t.strip_prefix("> ") {
        ledger.markup(">");
        (Shape::Quote, rest)
    } else if let Some(rest) = ["- ", "* ", "• "].iter().find_map(|p| t.strip_prefix(p)) {
        ledger.markup(&t[..t.len() - rest.len()]);
        (Shape::Bullet, rest)
    } else {
        return None;
    };
    let mut unit = Unit::new(shape, line);
    let cleaned = clean_inline(body, ledger);
    unit.push_line(line, &cleaned, true, ledger);
    let mut j = i + 1;
    // A `#` heading wrapped in a hard-wrapped file continues on a short unpunctuated line;
    // a list item on the lines that follow it.
    if matches!(shape, Shape::Hash(_) | Shape::Bullet | Shape::Quote) {
        while let Some(b) = ls.get(j) {
            let wrapped_heading = matches!(shape, Shape::Hash(_))
                && !b.gap_before
                && !b.foot
                && !is_structural(b.text)
                && !starts_item(b.text)
                && b.width * 2 < ls[j - 1].width
                && !b.text.contains(['。', '，', '；', '：', '.', ',', ';'])
                && ls[j - 1].width >= 30;
            let wrapped_item = matches!(shape, Shape::Bullet | Shape::Quote)
                && !b.gap_before
                && !b.foot
                && !is_structural(b.text)
                && !starts_item(b.text)
                && !ls[j - 1].hard_break;
            if !(wrapped_heading || wrapped_item) {
                break;
            }
            let cleaned = clean_inline(b.text, ledger);
            unit.push_line(b, &cleaned, true, ledger);
            j += 1;
        }
    }
    if !unit.text.is_empty() || shape == Shape::Bullet {
        out.push(unit);
    }
    Some(j)
}

fn set_text(unit: &mut Unit, text: String) {
    unit.chars = text.chars().count();
    unit.text = text;
}

/// `| a | b |` → `a\tb`; the separator row → `None`.
fn pipe_row(line: &str, ledger: &mut Ledger) -> Option<String> {
    let t = line.trim();
    let inner = t.trim_matches('|');
    if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
        ledger.markup(t);
        return None;
    }
    let cells: Vec<String> = inner.split('|').map(|c| squash_spaces(c.trim())).collect();
    ledger.markup(&"|".repeat(t.matches('|').count()));
    let row = cells.join("\t");
    Some(row)
}

/// Decodes the HTML entities converters write, counting the change.
fn entities(s: &str, ledger: &mut Ledger) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let table = [
            ("&quot;", '"'),
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&#39;", '\''),
            ("&apos;", '\''),
            ("&nbsp;", ' '),
        ];
        if let Some((e, c)) = table.iter().find(|(e, _)| rest.starts_with(e)) {
            ledger.markup(e);
            if !c.is_whitespace() {
                ledger.synth(*c);
            }
            out.push(*c);
            rest = &rest[e.len()..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Text of an HTML fragment: tags go to the ledger, entities are decoded.
fn strip_tags(html: &str, ledger: &mut Ledger) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(p) = rest.find('<') {
        out.push_str(&rest[..p]);
        match rest[p..].find('>') {
            Some(q) => {
                ledger.markup(&rest[p..p + q + 1]);
                rest = &rest[p + q + 1..];
            }
            None => {
                out.push_str(&rest[p..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    entities(&out, ledger)
}

/// `<table>…</table>` → rows on lines, cells separated by tabs.
fn html_table(html: &str, ledger: &mut Ledger) -> String {
    let mut rows: Vec<String> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_cell = false;
    let mut rest = html;
    while let Some(p) = rest.find('<') {
        if in_cell {
            cell.push_str(&rest[..p]);
        } else {
            // text outside cells (rare): keep it as a cell of its own
            let outside = rest[..p].trim();
            if !outside.is_empty() {
                row.push(outside.to_string());
            }
            ledger.markup(&rest[..p].replace(outside, ""));
        }
        let Some(q) = rest[p..].find('>') else {
            cell.push_str(&rest[p..]);
            rest = "";
            break;
        };
        let tag = &rest[p..p + q + 1];
        ledger.markup(tag);
        let name = tag
            .trim_start_matches(['<', '/'])
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = tag.starts_with("</");
        match (name.as_str(), closing) {
            ("td" | "th", false) => {
                in_cell = true;
                cell.clear();
            }
            ("td" | "th", true) => {
                in_cell = false;
                let c = entities(&squash_spaces(cell.trim()), ledger);
                row.push(c);
                cell.clear();
            }
            ("tr", true) => {
                rows.push(row.join("\t"));
                row.clear();
            }
            ("br", _) if in_cell => cell.push(' '),
            _ => {}
        }
        rest = &rest[p + q + 1..];
    }
    if in_cell && !cell.trim().is_empty() {
        row.push(entities(&squash_spaces(cell.trim()), ledger));
    }
    let tail = rest.trim();
    if !tail.is_empty() {
        row.push(tail.to_string());
    }
    if !row.is_empty() {
        rows.push(row.join("\t"));
    }
    rows.join("\n")
}

/// A run of table cells or figure labels at line `i`: four or more short lines without
/// sentence punctuation, one at least with a digit.
fn cells(
    ls: &[Line<'_>],
    i: usize,
    runs: &Runs,
    out: &mut Vec<Unit>,
    ledger: &mut Ledger,
) -> Option<usize> {
    let end = runs.end(i)?;
    let mut unit = Unit::new(Shape::Cells, &ls[i]);
    let mut text = String::new();
    for l in &ls[i..end] {
        if unit.pages.last().is_some_and(|&(_, p)| p != l.page) {
            unit.pages.push((unit.chars, l.page));
        }
        if !text.is_empty() {
            text.push('\n');
            unit.chars += 1;
        }
        let c = clean_inline(l.text, ledger);
        unit.chars += c.chars().count();
        text.push_str(&c);
        unit.lines = unit.lines.saturating_add(1);
    }
    unit.text = text;
    out.push(unit);
    Some(end)
}

/// `单位：万户 百分比 单位：万户 百分比`: a row of short Chinese cells set apart by spaces.
fn row_line(t: &str) -> bool {
    t.split_whitespace().count() >= 3
        && t.split_whitespace().all(|w| w.chars().count() <= 8)
        && t.chars().any(is_cjk)
        && !t.contains(['。', '，', '；', '！', '？', ','])
}

fn cell_line(l: &Line<'_>, lines: &Lines<'_>) -> bool {
    let short = match lines.wrap {
        Some(w) => l.width <= (w * 7 / 20).max(12),
        None => l.width <= 16,
    };
    if !short {
        return lines.wrap.is_some()
            && !l.foot
            && l.text.contains(' ')
            && row_line(l.text)
            && !starts_item(l.text);
    }
    !l.foot
        && !is_structural(l.text)
        && !l
            .text
            .contains(['。', '，', '；', '：', ',', ';', '！', '？'])
        && (!starts_item(l.text) || bare_number(l.text))
        && !lone_circled(l.text)
}

/// `0.35`, `-12.5%`, `1e-3`: a number standing alone is a value, not the numbering of an item.
fn bare_number(t: &str) -> bool {
    let t = t.trim();
    t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes().any(|b| b == b'.')
        && !t.ends_with('.')
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'%' | b'-' | b'+' | b'e' | b'E'))
}

/// Where runs of cell lines and of narrow lines end, for every line, computed once from the
/// end (asking at each line would rescan a long run again and again).
pub struct Runs {
    /// End (exclusive) of the run of cell lines starting here, and whether it holds a digit.
    cell_end: Vec<usize>,
    cell_digit: Vec<bool>,
    /// End of the run of narrow lines starting here, and how many of them are cells.
    narrow_end: Vec<usize>,
    narrow_cells: Vec<usize>,
}

impl Runs {
    fn new(ls: &[Line<'_>], lines: &Lines<'_>) -> Runs {
        let n = ls.len();
        let mut r = Runs {
            cell_end: vec![0; n],
            cell_digit: vec![false; n],
            narrow_end: vec![0; n],
            narrow_cells: vec![0; n],
        };
        let narrow = |l: &Line<'_>| match lines.wrap {
            Some(w) if !lines.raw_mode => {
                u32::from(l.width) * 10 < u32::from(w) * 6
                    && !l.foot
                    && !is_structural(l.text)
                    && !starts_item(l.text)
                    && !lone_circled(l.text)
            }
            _ => false,
        };
        let mut is_cell: Vec<bool> = ls.iter().map(|l| cell_line(l, lines)).collect();
        // A short numbered line between two cell lines with figures (`0.5` / `1.5 Steam` /
        // `0.45`) is a cell of the same table: a heading is not set amid the values.
        let digit = |l: &Line<'_>| l.text.bytes().any(|b| b.is_ascii_digit());
        for j in 1..n.saturating_sub(1) {
            if !is_cell[j]
                && is_cell[j - 1]
                && is_cell[j + 1]
                && digit(&ls[j - 1])
                && digit(&ls[j + 1])
                && !ls[j].foot
                && ls[j].width <= 16
                && starts_item(ls[j].text)
                && !ls[j].text.contains(['。', '，', '；', '：', ',', ';'])
            {
                is_cell[j] = true;
            }
        }
        for j in (0..n).rev() {
            let cell = is_cell[j];
            let digit = ls[j].text.chars().any(|c| c.is_ascii_digit());
            // In a file that is not hard-wrapped, cells come one per line without blank lines.
            let cell_next = j + 1 < n
                && (lines.wrap.is_some() || !ls[j + 1].gap_before)
                && r.cell_end[j + 1] > j + 1;
            if cell {
                r.cell_end[j] = if cell_next { r.cell_end[j + 1] } else { j + 1 };
                r.cell_digit[j] = digit || cell_next && r.cell_digit[j + 1];
            } else {
                r.cell_end[j] = j;
            }
            if narrow(&ls[j]) {
                let next = j + 1 < n && ls[j + 1].page == ls[j].page && r.narrow_end[j + 1] > j + 1;
                r.narrow_end[j] = if next { r.narrow_end[j + 1] } else { j + 1 };
                r.narrow_cells[j] =
                    usize::from(cell) + if next { r.narrow_cells[j + 1] } else { 0 };
            } else {
                r.narrow_end[j] = j;
            }
        }
        r
    }

    /// A table whose cells hold phrases (six or more lines none of which reaches the margin,
    /// two in five of them short cells), or a run of four or more cell lines with a digit.
    fn end(&self, i: usize) -> Option<usize> {
        let n = self.narrow_end[i] - i;
        if n >= 6 && self.narrow_cells[i] * 5 >= n * 2 {
            return Some(self.narrow_end[i]);
        }
        (self.cell_end[i] >= i + 4 && self.cell_digit[i]).then_some(self.cell_end[i])
    }
}

/// Page footnotes from line `i` (one page's footnote area). A label starts a note and the
/// lines after it continue it; where labels are printed alone, apart from their texts (`[3]` /
/// `[4]` below, texts above), the texts are grouped by sentence ends and paired with the labels
/// in number order, the last texts with the labels (an unnumbered author note comes first).
fn footnotes(ls: &[Line<'_>], i: usize, out: &mut Vec<Unit>, ledger: &mut Ledger) -> usize {
    let page = ls[i].page;
    let mut j = i;
    while j < ls.len() && ls[j].foot && ls[j].page == page {
        j += 1;
    }
    let texts: Vec<String> = ls[i..j]
        .iter()
        .map(|l| clean_inline(l.text, ledger))
        .collect();
    let lone = |t: &str| leading_label(t).is_some_and(|(_, rest)| rest.trim().is_empty());
    if !texts.iter().any(|t| lone(t)) {
        // One note per label; lines without one continue it.
        let mut notes: Vec<Unit> = Vec::new();
        for (l, t) in ls[i..j].iter().zip(&texts) {
            match notes.last_mut() {
                Some(u) if leading_label(t).is_none() => u.push_line(l, t, true, ledger),
                _ => {
                    let mut u = Unit::new(Shape::Foot, l);
                    u.push_line(l, t, true, ledger);
                    notes.push(u);
                }
            }
        }
        out.extend(notes);
        return j;
    }
    // Labels apart from their texts.
    let mut labels: Vec<(u32, usize)> = Vec::new();
    let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    let mut open = false;
    for (k, t) in texts.iter().enumerate() {
        if lone(t) {
            let n = leading_label(t)
                .and_then(|(l, _)| super::markers::label_number(&l))
                .unwrap_or(u32::MAX);
            labels.push((n, k));
            open = false;
            continue;
        }
        if leading_label(t).is_some() {
            groups.push((Some(k), vec![k]));
        } else if open {
            if let Some(g) = groups.last_mut() {
                g.1.push(k);
            }
        } else {
            groups.push((None, vec![k]));
        }
        open = !ends_sentence(t) || t.ends_with(['：', ':']);
    }
    labels.sort_by_key(|&(n, k)| (n, k));
    let unlabelled: Vec<usize> = (0..groups.len())
        .filter(|&g| groups[g].0.is_none())
        .collect();
    let skip = unlabelled.len().saturating_sub(labels.len());
    let mut label_of: Vec<Option<usize>> = vec![None; groups.len()];
    for (pair, &g) in unlabelled.iter().skip(skip).enumerate() {
        label_of[g] = Some(labels[pair].1);
    }
    let paired = unlabelled.len() - skip;
    for (g, (_, lines_of)) in groups.iter().enumerate() {
        let first = &ls[i + lines_of[0]];
        let mut u = Unit::new(Shape::Foot, first);
        if let Some(lk) = label_of[g] {
            u.push_line(&ls[i + lk], &texts[lk], true, ledger);
        }
        for &k in lines_of {
            u.push_line(&ls[i + k], &texts[k], true, ledger);
        }
        out.push(u);
    }
    // Labels left without a text.
    for &(_, lk) in &labels[paired..] {
        let mut u = Unit::new(Shape::Foot, &ls[i + lk]);
        u.push_line(&ls[i + lk], &texts[lk], true, ledger);
        out.push(u);
    }
    j
}

/// A label split across lines by a two-column layout: `单` / `摘` / `波 周夏宇` / `要：…`.
/// Returns the lines to read with the label char moved to where the rest of the label is.
fn split_labels(ls: &[Line<'_>]) -> std::collections::HashMap<usize, String> {
    let mut fused = std::collections::HashMap::new();
    let n = ls.len().min(60);
    for i in 0..n {
        let t = ls[i].text;
        let rest = match t {
            "摘" => "要",
            "关" => "键词",
            _ => continue,
        };
        if let Some(j) = (i + 1..(i + 4).min(ls.len())).find(|&j| ls[j].text.starts_with(rest)) {
            fused.insert(i, String::new());
            fused.insert(j, format!("{t}{}", ls[j].text));
        }
    }
    fused
}

/// Markdown emphasis, escapes, links and autolinks reduced to their text; the syntax goes to
/// the ledger.
pub fn clean_inline(line: &str, ledger: &mut Ledger) -> String {
    if !line.contains(['*', '\\', '[', '<', '_', '&']) {
        return line.to_string();
    }
    let mut s = line.to_string();
    if s.contains("**") {
        let n = s.matches("**").count();
        ledger.markup(&"**".repeat(n));
        s = s.replace("**", "");
    }
    if s.contains('\\') {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\'
                && let Some(&n) = chars.peek()
                && matches!(n, '_' | '*' | '\\' | '#' | '[' | ']' | '|' | '~' | '`')
            {
                ledger.markup("\\");
                out.push(n);
                chars.next();
                continue;
            }
            out.push(c);
        }
        s = out;
    }
    if s.contains("](") {
        s = strip_links(&s, ledger);
    }
    if s.contains("<http") {
        s = strip_autolinks(&s, ledger);
    }
    if s.contains("<br") {
        for tag in ["<br/>", "<br />", "<br>"] {
            let n = s.matches(tag).count();
            if n > 0 {
                ledger.markup(&tag.repeat(n));
                s = s.replace(tag, " ");
            }
        }
    }
    if s.contains('&') {
        s = entities(&s, ledger);
    }
    s
}

/// `[text](url)` → `text`, in one pass.
fn strip_links(s: &str, ledger: &mut Ledger) -> String {
    let mut out = String::with_capacity(s.len());
    let mut opens: Vec<usize> = Vec::new();
    let mut link_opens: Vec<usize> = Vec::new();
    let mut rest = s;
    let mut closable = true;
    while let Some(c) = rest.chars().next() {
        if closable
            && rest.starts_with("](")
            && let Some(&start) = opens.last()
        {
            match rest.find(')') {
                Some(close) => {
                    opens.pop();
                    link_opens.push(start);
                    ledger.markup(&rest[..close + 1]);
                    rest = &rest[close + 1..];
                    continue;
                }
                None => closable = false,
            }
        }
        if c == '[' {
            opens.push(out.len());
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if link_opens.is_empty() {
        return out;
    }
    link_opens.sort_unstable();
    let mut kept = String::with_capacity(out.len());
    let mut from = 0;
    for at in link_opens {
        kept.push_str(&out[from..at]);
        ledger.markup("[");
        from = at + 1;
    }
    kept.push_str(&out[from..]);
    kept
}

/// `<http://…>` → `http://…`.
fn strip_autolinks(s: &str, ledger: &mut Ledger) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find("<http") {
        let Some(len) = rest[a..].find('>') else {
            break;
        };
        out.push_str(&rest[..a]);
        out.push_str(&rest[a + 1..a + len]);
        ledger.markup("<>");
        rest = &rest[a + len + 1..];
    }
    out.push_str(rest);
    out
}

/// A converter's duplicate: a unit identical to the one before it.
fn dedupe(units: &mut Vec<Unit>, ledger: &mut Ledger) {
    let same = |a: &str, b: &str| {
        a.chars()
            .filter(|c| !c.is_whitespace())
            .eq(b.chars().filter(|c| !c.is_whitespace()))
    };
    let mut keep = vec![true; units.len()];
    let mut prev: Option<usize> = None;
    for i in 0..units.len() {
        let u = &units[i];
        if matches!(
            u.shape,
            Shape::Image | Shape::Rule | Shape::Cells | Shape::Table | Shape::Math | Shape::Foot
        ) {
            prev = None;
            continue;
        }
        if let Some(p) = prev
            && u.chars >= 6
            && units[p].chars.abs_diff(u.chars) <= u.chars / 4 + 2
            && units[p].text.chars().rev().find(|c| !c.is_whitespace())
                == u.text.chars().rev().find(|c| !c.is_whitespace())
            && same(&units[p].text, &u.text)
        {
            keep[i] = false;
            ledger.furniture(&units[i].text);
            continue;
        }
        prev = Some(i);
    }
    // Prefer the `#` version of a duplicated heading: it came second.
    for i in 1..units.len() {
        if !keep[i]
            && matches!(units[i].shape, Shape::Hash(_))
            && units[i - 1].shape == Shape::Text
            && keep[i - 1]
        {
            units.swap(i - 1, i);
        }
    }
    let mut k = keep.into_iter();
    units.retain(|_| k.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse::lines::lines;

    fn units(raw: &str) -> Vec<(Shape, String)> {
        let mut ledger = Ledger::default();
        let l = lines(raw, &mut ledger);
        blocks(&l, &mut ledger)
            .into_iter()
            .map(|u| (u.shape, u.text))
            .collect()
    }

    #[test]
    fn markdown_structures_are_units() {
        let u = units(
            "# 标题\n\n正文第一段。\n\n$$\nx = 1\n$$\n\n<table><tr><td>a</td><td>b</td></tr></table>\n\n![](images/x.jpg)  \n图1 示意图\n\n```\ncode\n```\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        );
        let shapes: Vec<Shape> = u.iter().map(|u| u.0).collect();
        assert_eq!(
            shapes,
            [
                Shape::Hash(1),
                Shape::Text,
                Shape::Math,
                Shape::Table,
                Shape::Image,
                Shape::Text,
                Shape::Code,
                Shape::Rule,
                Shape::Table
            ]
        );
        assert_eq!(u[2].1, "x = 1");
        assert_eq!(u[3].1, "a\tb");
        assert_eq!(u[8].1, "a\tb\n1\t2");
    }

    #[test]
    fn hard_wrapped_lines_join_until_a_short_sentence_end() {
        let mut raw = String::new();
        for i in 0..40 {
            raw.push_str(&format!("这是第{i:02}行文字长度几乎相同的硬换行文本\n"));
        }
        raw.push_str("最后一行。\n下一段的开头。\n");
        let u = units(&raw);
        assert_eq!(u.len(), 2, "{u:?}");
        assert!(u[0].1.ends_with("文本最后一行。"));
    }

    #[test]
    fn a_lone_label_goes_into_the_gap_it_left() {
        let raw = "甲乙丙丁戊己庚辛壬癸，甲乙丙丁戊己庚辛壬癸，甲乙丙\n①\n\n丁戊己。 庚辛壬癸。\n";
        let u = units(raw);
        assert_eq!(
            u[0].1,
            "甲乙丙丁戊己庚辛壬癸，甲乙丙丁戊己庚辛壬癸，甲乙丙丁戊己。①庚辛壬癸。"
        );
    }

    #[test]
    fn cell_runs_and_labels_split_over_lines() {
        let u = units("年份\n1999\n2000\n数量\n23\n\n正文继续写下去。");
        assert_eq!(u[0].0, Shape::Cells);
        assert_eq!(u[1].1, "正文继续写下去。");
        let u = units("题目\n单\n摘\n\n波 周夏宇\n\n要：本文研究。");
        assert!(u.iter().any(|u| u.1 == "摘要：本文研究。"), "{u:?}");
    }

    #[test]
    fn duplicates_collapse_and_html_entities_decode() {
        let u = units("2.1.1 BERT 模型框架\n\n# 2.1.1 BERT 模型框架\n\n正文。");
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].0, Shape::Hash(1));
        let u = units("<table><tr><td>&quot;a&quot;</td></tr></table>");
        assert_eq!(u[0].1, "\"a\"");
    }

    #[test]
    fn inline_markdown_goes() {
        let mut l = Ledger::default();
        assert_eq!(clean_inline("**二、标题**", &mut l), "二、标题");
        assert_eq!(
            clean_inline("① [https://a.cn/x\\_1.htm](https://a.cn/x_1.htm)。", &mut l),
            "① https://a.cn/x_1.htm。"
        );
        assert_eq!(
            clean_inline("新华网, <http://www.news.cn/c.html>, 2024", &mut l),
            "新华网, http://www.news.cn/c.html, 2024"
        );
    }

    /// Forty lines of a hard-wrapped file, 21 characters each, then `tail`.
    fn wrapped(tail: &str) -> String {
        let mut raw = String::new();
        for i in 0..40 {
            let lead = ['甲', '乙', '丙', '丁', '戊'][i % 5];
            raw.push_str(&format!("{lead}是第{i:03}行写满宽度的硬换行中文文本内容\n"));
        }
        raw.push_str(tail);
        raw
    }

    #[test]
    fn a_bracketed_numeral_that_closes_a_title_starts_no_item() {
        // `（九）》，…` goes on the sentence before it; `（九）标题` would start a heading.
        assert!(!starts_item("（九）》，本修正案在减少适用死刑罪名"));
        assert!(starts_item("（九）刑法修正案的内容"));
        let u = units(&wrapped(
            "这一年的会议上表决通过了《刑法修正案\n（九）》，本修正案在减少适用死刑罪名方面\n有重大突破。\n",
        ));
        assert_eq!(u.len(), 1, "{u:?}");
        assert!(
            u[0].1
                .ends_with("《刑法修正案（九）》，本修正案在减少适用死刑罪名方面有重大突破。"),
            "{u:?}"
        );
    }

    #[test]
    fn after_a_full_line_mid_sentence_only_strong_items_break() {
        // `[3]认为` after a full line that ends mid-sentence is a citation, `[17]` alone a label.
        let u = units(&wrapped(
            "这是一行写满了宽度的文字他们的研究者\n[3]认为这里的结论是对的。\n",
        ));
        assert_eq!(u.len(), 1, "{u:?}");
        let u = units(&wrapped(
            "这是一行写满了宽度的文字他们的研究者\n[17]\n某某. 书名. 2019.\n",
        ));
        assert!(u.iter().any(|(_, t)| t == "[17]"), "{u:?}");
    }

    #[test]
    fn bare_numbers_and_numbered_cells_between_figures_are_a_table() {
        let u = units(
            "表2 参数设置\n数据集\nρ\nML-1M\n0.35\n0.5\n1.5 Steam\n0.45\n0.7\n1.5 YooChoose\n0.35\n\n正文继续写下去，这是一个句子。",
        );
        assert_eq!(u[1].0, Shape::Cells, "{u:?}");
        assert!(
            u[1].1.contains("1.5 Steam") && u[1].1.contains("0.45"),
            "{u:?}"
        );
        assert!(bare_number("0.35") && bare_number("-12.5%") && bare_number("2.5e-3"));
        assert!(!bare_number("3.") && !bare_number("1.1 数据") && !bare_number("12"));
    }

    #[test]
    fn side_labels_are_short_unpunctuated_chinese_lines() {
        let side = |t: &str| {
            let line = Line {
                text: t,
                page: 1,
                width: 0,
                lead: 0,
                gap_before: true,
                page_start: false,
                hard_break: false,
                foot: false,
            };
            let mut u = Unit::new(Shape::Text, &line);
            u.text = t.to_string();
            u.chars = t.chars().count();
            u.lines = 1;
            side_label(&u)
        };
        assert!(side("B 思想史"));
        assert!(side("大历史"));
        assert!(!side("思想史。"));
        assert!(!side("图1 思想史"));
        assert!(!side("一、引言"));
        assert!(!side("x = 1"));
        assert!(!side("这一行有太多的字了不是标签"));
    }

    #[test]
    fn in_raw_text_a_paragraph_first_line_counts_its_lost_indent() {
        // `pdftotext -raw`: lines break at commas too; a visual line is 21 characters, the
        // first of a paragraph two short of it for its indent.
        let mut raw = String::new();
        for i in 0..30 {
            let lead = ['甲', '乙', '丙', '丁', '戊'][i % 5];
            // 43 columns wide: a visual line of 21 characters and a Latin letter.
            let full = format!("{lead}{}a", "文".repeat(20));
            raw.push_str(&format!(
                "{full}\n{full}\n写到这里断开，\n接着写满这一行剩下的宽度内容\n"
            ));
        }
        raw.push_str("二、理论渊源\n早期的西方理论一直是在某种模式的预设之\n下，\n思考问题的解决办法并且一直在讨论这个。\n20 世纪以来，\n思潮不断质疑。\n");
        let u = units(&raw);
        let last = &u.last().unwrap().1;
        assert!(
            last.starts_with("早期") && last.contains("讨论这个。20世纪以来"),
            "{u:?}"
        );
    }
}
