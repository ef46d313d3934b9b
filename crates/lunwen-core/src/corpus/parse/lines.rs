//! Stage 1, lines: the text as physical lines, each with its page (form feeds `\f` in
//! `pdftotext` output start a page), with page furniture taken out and counted: running heads
//! and feet repeated across pages, folios (`18`, `·187·`, `— 7 —`, `- 12 -`), and short lines a
//! converter repeats through a file without pages (`# 财经纵横`). Page footnotes at the foot of
//! a page are marked so the body reads past them. Also estimates the width the text was
//! hard-wrapped at, and decides where a wrapped line ends a paragraph ([`ends_unit`]).

use std::collections::HashMap;

use unicode_width::UnicodeWidthStr;

use super::Ledger;
use super::headings::numbering;
use super::markers::leading_label;
use crate::corpus::text::is_cjk;

/// One physical line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// Trimmed on both sides.
    pub text: &'a str,
    /// 1-based physical page.
    pub page: u32,
    /// Display width of `text` (a CJK character counts 2).
    pub width: u16,
    /// Leading whitespace columns.
    pub lead: u16,
    /// A blank line, a page break or removed furniture stands before it.
    pub gap_before: bool,
    /// The first line of its page.
    pub page_start: bool,
    /// Ends in a markdown hard break (two trailing spaces): the next line is a new item.
    pub hard_break: bool,
    /// Part of the page-footnote area at the foot of its page.
    pub foot: bool,
}

/// The lines of a paper with what the page analysis learnt.
#[derive(Debug, Default)]
pub struct Lines<'a> {
    pub lines: Vec<Line<'a>>,
    pub page_count: u32,
    /// The last page with any text on it.
    pub last_page: u32,
    /// Printed page per physical page, from the folios.
    pub folios: Vec<Option<u32>>,
    /// Running heads and feet taken out, one group per page (for the metadata stage).
    pub heads: Vec<Vec<&'a str>>,
    /// Width the text was hard-wrapped at (display columns), if it was.
    pub wrap: Option<u16>,
    /// `pdftotext -raw` style: lines also break after commas and quotes, so a visual line is
    /// several physical lines.
    pub raw_mode: bool,
    /// Blank lines stand between paragraphs only (not after most lines, as in a file
    /// double-spaced by its converter): one after a sentence end ends a paragraph.
    pub blank_lines_mean: bool,
}

/// Display width: ASCII and the CJK blocks without the width tables, the rest with them.
fn width(s: &str) -> u16 {
    let mut w = 0usize;
    for c in s.chars() {
        w += if c.is_ascii() {
            usize::from(!c.is_ascii_control())
        } else if matches!(c, '\u{3000}'..='\u{9fff}' | '\u{ff01}'..='\u{ff60}' | '\u{ac00}'..='\u{d7a3}')
        {
            2
        } else {
            UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str)
        };
    }
    u16::try_from(w).unwrap_or(u16::MAX)
}

/// Splits `text` (form feeds kept) into lines, takes out furniture (recorded in `ledger`) and
/// marks page footnotes.
pub fn lines<'a>(text: &'a str, ledger: &mut Ledger) -> Lines<'a> {
    let mut all: Vec<Line<'a>> = Vec::new();
    let mut page = 1u32;
    let mut gap = true;
    let mut page_start = true;
    for line in text.split('\n') {
        // A form feed starts a page wherever it stands in the line.
        for (k, raw) in line.split('\u{c}').enumerate() {
            if k > 0 {
                page += 1;
                gap = true;
                page_start = true;
            }
            let hard_break = raw.ends_with("  ") || raw.ends_with('\\') && !raw.ends_with("\\\\");
            let trimmed_start = raw.trim_start_matches(|c: char| c.is_whitespace());
            let lead = width(&raw[..raw.len() - trimmed_start.len()]);
            let t = trimmed_start.trim_end();
            if t.is_empty() {
                gap = true;
                continue;
            }
            all.push(Line {
                text: t,
                page,
                width: width(t),
                lead,
                gap_before: gap,
                page_start,
                hard_break,
                foot: false,
            });
            gap = false;
            page_start = false;
        }
    }
    // `pdftotext` ends every page with a form feed: nothing after the last one is no page.
    if page > 1
        && text
            .rsplit('\u{c}')
            .next()
            .is_some_and(|tail| tail.trim().is_empty())
    {
        page -= 1;
    }
    let mut out = Lines {
        page_count: page,
        last_page: all.last().map_or(1, |l| l.page),
        folios: vec![None; page as usize],
        heads: vec![Vec::new(); page as usize],
        ..Lines::default()
    };
    let mut keep = vec![true; all.len()];
    if page >= 2 {
        page_furniture(&all, &mut keep, &mut out);
    } else {
        repeated_lines(&all, &mut keep);
    }
    let mut removed_gap = false;
    for (line, k) in all.into_iter().zip(&keep) {
        if *k {
            let mut line = line;
            line.gap_before |= removed_gap;
            removed_gap = false;
            out.lines.push(line);
        } else {
            ledger.furniture(line.text);
            removed_gap = true;
        }
    }
    if page >= 2 {
        mark_footnotes(&mut out.lines);
    }
    out.wrap = wrap_width(&out.lines);
    out.raw_mode = out.wrap.is_some_and(|w| raw_mode(&out.lines, w));
    // A file with a blank line after most lines says nothing with them.
    let gaps = out.lines.iter().filter(|l| l.gap_before).count();
    out.blank_lines_mean = gaps * 2 < out.lines.len();
    out
}

/// Text with digits collapsed to `#` and whitespace removed: running heads differ only in
/// their page numbers.
fn head_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else {
            k.push(c);
        }
    }
    k
}

/// A page number as printed: `18`, `·187·`, `·118 ·`, `— 7 —`, `- 12 -`, `[3]` is not one.
pub fn folio(s: &str) -> Option<u32> {
    let t = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '·' | '•' | '-' | '—' | '–' | '－' | '・' | '‧')
    });
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Only decorations may surround the digits.
    t.parse().ok()
}

fn has_sentence_punct(s: &str) -> bool {
    s.contains(['。', '，', '；', '！', '？', ',', ';', '!', '?'])
}

/// Running heads and folios of a paper with pages: lines in the top or bottom few lines of a
/// page that recur on many pages, and page numbers there.
fn page_furniture<'a>(all: &[Line<'a>], keep: &mut [bool], out: &mut Lines<'a>) {
    let pages = out.page_count as usize;
    // Line indices per page.
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); pages];
    for (i, l) in all.iter().enumerate() {
        by_page[l.page as usize - 1].push(i);
    }
    let zone = |idx: &Vec<usize>| -> Vec<usize> {
        let n = idx.len();
        let head = n.div_ceil(3).min(4);
        let foot = n.div_ceil(3).min(3);
        let mut z: Vec<usize> = idx[..head.min(n)].to_vec();
        for &i in &idx[n.saturating_sub(foot)..] {
            if !z.contains(&i) {
                z.push(i);
            }
        }
        z
    };
    let mut zones: Vec<Vec<usize>> = by_page.iter().map(zone).collect();
    let head_candidate = |t: &str| {
        folio(t).is_none()
            && t.chars().count() <= 60
            && !t.contains(['。', '，'])
            && leading_label(t).is_none()
            && head_key(t).chars().filter(|c| *c != '#').count() >= 2
    };
    // Pages per head key, in the zones and anywhere on the page.
    let mut seen: HashMap<String, Vec<u32>> = HashMap::new();
    let mut anywhere: HashMap<String, Vec<u32>> = HashMap::new();
    for (p, idx) in by_page.iter().enumerate() {
        for &i in idx {
            let t = all[i].text;
            if !head_candidate(t) {
                continue;
            }
            let k = head_key(t);
            let in_zone = zones[p].contains(&i);
            for (map, yes) in [(&mut seen, in_zone), (&mut anywhere, true)] {
                if !yes {
                    continue;
                }
                let v = map.entry(k.clone()).or_default();
                if v.last() != Some(&(p as u32)) {
                    v.push(p as u32);
                }
            }
        }
    }
    // Converters that follow the content stream (`pdftotext -raw`) put the running head where
    // it was drawn, often between the body and the footnotes: a line of a few words that comes
    // back on a third of the pages or more (odd or even pages carry one head each) is a
    // running head wherever it stands (a body line does not repeat so, though a quoted word
    // cut out as its own line may: six letters at least), and its page's zone takes it in.
    let every = pages.div_ceil(3).max(3);
    for (k, v) in &anywhere {
        if v.len() >= every && k.chars().filter(|c| c.is_alphanumeric()).count() >= 6 {
            for &p in v {
                for &i in &by_page[p as usize] {
                    if head_key(all[i].text) == *k && !zones[p as usize].contains(&i) {
                        zones[p as usize].push(i);
                    }
                }
            }
            seen.insert(k.clone(), v.clone());
        }
    }
    let threshold = (pages * 3).div_ceil(10).max(2);
    let is_head = |k: &str| seen.get(k).is_some_and(|v| v.len() >= threshold);
    // Folios: the printed number minus the page index agrees on most pages.
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for (p, z) in zones.iter().enumerate() {
        for &i in z {
            if let Some(n) = folio(all[i].text) {
                *offsets.entry(i64::from(n) - p as i64).or_default() += 1;
            }
        }
    }
    let offset = offsets
        .iter()
        .max_by_key(|&(o, n)| (*n, -o))
        .filter(|&(_, n)| *n >= (pages / 3).max(2))
        .map(|(o, _)| *o);
    // A number that stays the same from page to page (`02`, the issue in a running head) is
    // furniture too, not a folio.
    let mut constant: HashMap<u32, Vec<u32>> = HashMap::new();
    for (p, z) in zones.iter().enumerate() {
        for &i in z {
            if let Some(n) = folio(all[i].text) {
                let v = constant.entry(n).or_default();
                if v.last() != Some(&(p as u32)) {
                    v.push(p as u32);
                }
            }
        }
    }
    constant.retain(|_, v| v.len() >= threshold);
    if let Some(o) = offset {
        for p in 0..pages {
            let n = p as i64 + o;
            out.folios[p] = u32::try_from(n).ok().filter(|&n| n > 0);
        }
    }
    for (p, z) in zones.iter().enumerate() {
        // Page 1 may start with the title the odd pages repeat as their head: a lone match
        // there that reads as a title stays.
        let matches: Vec<usize> = z
            .iter()
            .copied()
            .filter(|&i| is_head(&head_key(all[i].text)))
            .collect();
        for &i in z {
            let t = all[i].text;
            if let Some(n) = folio(t) {
                let decorated = t.chars().any(|c| !c.is_ascii_digit() && !c.is_whitespace());
                if offset.is_some_and(|o| i64::from(n) == p as i64 + o)
                    || decorated
                    || constant.contains_key(&n)
                {
                    keep[i] = false;
                }
                continue;
            }
            if !matches.contains(&i) {
                continue;
            }
            let title_like = p == 0
                && matches.len() == 1
                && !t.chars().any(|c| c.is_ascii_digit())
                && t.chars().count() >= 6;
            if !title_like {
                keep[i] = false;
                out.heads[p].push(t);
            }
        }
    }
}

/// In a file without pages: a short standalone line the converter repeats three times or more
/// (a column head, a running head) is furniture.
fn repeated_lines(all: &[Line<'_>], keep: &mut [bool]) {
    let standalone = |i: usize| {
        all[i].gap_before && all.get(i + 1).is_none_or(|n| n.gap_before)
            || all[i].text.starts_with('#')
    };
    let key = |t: &str| t.trim_start_matches('#').trim().to_string();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (i, l) in all.iter().enumerate() {
        if l.text.len() > 130 || !standalone(i) {
            continue;
        }
        let k = key(l.text);
        let n = k.chars().count();
        // Short plain fragments such as `质生产力` recur as the tails of wrapped headings; a
        // converter's `#` line repeated is a column head at any length.
        let min = if l.text.starts_with('#') { 2 } else { 6 };
        if !(min..=40).contains(&n) || !standalone(i) {
            continue;
        }
        *counts.entry(k).or_default() += 1;
    }
    counts.retain(|k, n| {
        *n >= 3
            && k.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && !has_sentence_punct(k)
            && !k.contains(['：', ':', '|', '$', '<', '[', '!'])
            && numbering(k).is_none()
            && leading_label(k).is_none()
            && folio(k).is_none()
            && !k
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '%')
    });
    if counts.is_empty() {
        return;
    }
    for (i, l) in all.iter().enumerate() {
        if l.text.len() <= 130 && standalone(i) && counts.contains_key(&key(l.text)) {
            keep[i] = false;
        }
    }
}

/// Value of a note label at the start of a footnote line: `①`, `[1]`, `<sup>1</sup>`.
fn foot_label(t: &str) -> Option<u32> {
    let (label, _) = leading_label(t)?;
    super::markers::label_number(&label)
}

/// Marks the page-footnote area of each page: from the last line at the foot of the page that
/// starts with note label 1 (footnotes restart on every page) or with the next number of a
/// running count, when that label was called earlier on the page and the area is the smaller
/// part of the page.
fn mark_footnotes(lines: &mut [Line<'_>]) {
    let mut start = 0;
    let mut next_running = 1u32;
    while start < lines.len() {
        let page = lines[start].page;
        let end = lines[start..]
            .iter()
            .position(|l| l.page != page)
            .map_or(lines.len(), |k| start + k);
        let chars: Vec<usize> = lines[start..end]
            .iter()
            .map(|l| l.text.chars().count())
            .collect();
        let total: usize = chars.iter().sum();
        // The last note 1 (footnotes restart on every page), else the next of a running count.
        let mut restart = None;
        let mut running = None;
        let mut before = 0;
        for (k, l) in lines[start..end].iter().enumerate() {
            if let Some(n) = foot_label(l.text)
                && before * 5 >= total * 2
                && called_before(&lines[start..start + k], l.text)
            {
                if n == 1 {
                    restart = Some(k);
                } else if n == next_running && running.is_none() {
                    running = Some(k);
                }
            }
            before += chars[k];
        }
        let mut zone = restart.or(running);
        // Endnotes under a label are no footnotes; a note whose label is of another series
        // than the entries under it (`①` below `[17]`) is the page's footnote all the same.
        if let Some(z) = zone
            && let Some(at) = lines[start..start + z].iter().position(|l| {
                matches!(
                    super::classify::section_label(l.text),
                    Some(super::classify::Section::Notes | super::classify::Section::References)
                )
            })
        {
            let circled = |t: &str| {
                leading_label(t).is_some_and(|(l, _)| {
                    l.chars()
                        .next()
                        .and_then(super::markers::circled_value)
                        .is_some()
                })
            };
            let kind = circled(lines[start + z].text);
            let same_series = lines[start + at + 1..start + z]
                .iter()
                .any(|l| leading_label(l.text).is_some() && circled(l.text) == kind);
            if same_series || !kind {
                zone = None;
            }
        }
        // Labels printed apart from their texts: the texts above the first label are notes too.
        if let Some(z) = zone
            && leading_label(lines[start + z].text).is_some_and(|(_, r)| r.trim().is_empty())
        {
            let mut k = z;
            while k > 0 {
                // Short pieces belong to the note above them, if there is one.
                let mut m = k;
                while m > 0 && short_piece(lines[start + m - 1].text) {
                    m -= 1;
                }
                if m > 0 && note_like(lines[start + m - 1].text) {
                    k = m - 1;
                } else {
                    break;
                }
            }
            if lines[start..start + k]
                .iter()
                .map(|l| l.text.chars().count())
                .sum::<usize>()
                * 5
                >= total * 2
            {
                zone = Some(k);
            }
        }
        if let Some(z) = zone {
            let mut last = 0;
            for l in &mut lines[start + z..end] {
                l.foot = true;
                if let Some(n) = foot_label(l.text) {
                    last = last.max(n);
                }
            }
            next_running = last + 1;
        }
        start = end;
    }
}

/// A line of a footnote's text: a label alone, a citation (a book title, a publisher, an
/// issue, a page), or a short piece of one.
fn note_like(t: &str) -> bool {
    if leading_label(t).is_some() {
        return true;
    }
    let cites = t.contains('《')
        || t.contains('》')
        || t.contains("出版社")
        || t.contains("年第")
        || t.contains(" 页")
        || t.contains("页。")
        || t.contains("pp.")
        || t.contains("p. ")
        || t.contains("http");
    cites
        && (t.ends_with(['。', '.', '”', '》'])
            || t.ends_with(|c: char| c.is_ascii_digit())
            || t.contains("年第"))
}

fn short_piece(t: &str) -> bool {
    t.chars().count() <= 6 && leading_label(t).is_none()
}

/// The label that starts `note_line` occurs earlier on the page, as a marker.
fn called_before(body: &[Line<'_>], note_line: &str) -> bool {
    let Some((label, _)) = leading_label(note_line) else {
        return false;
    };
    let bracket = format!("[{label}]");
    body.iter().any(|l| {
        l.text.contains(label.as_str()) && (label.chars().count() == 1 || l.text.contains(&bracket))
    })
}

/// Lines that belong to structures, not to wrapped prose.
fn structural(t: &str) -> bool {
    t.starts_with(['#', '|', '<', '$', '!', '`', '>', '-', '*', '•', '['])
}

/// The width a file was hard-wrapped at: the width most lines crowd up to, when enough do.
pub fn wrap_width(lines: &[Line<'_>]) -> Option<u16> {
    let mut hist = vec![0usize; 257];
    let mut total = 0;
    for l in lines.iter().filter(|l| !l.foot && !structural(l.text)) {
        total += 1;
        if (16..=256).contains(&l.width) {
            hist[usize::from(l.width)] += 1;
        }
    }
    let (best, count) = (19..=200)
        .map(|w| (w, hist[w - 3..=w].iter().sum::<usize>()))
        .max_by_key(|&(w, c)| (c, std::cmp::Reverse(w)))?;
    // The widest line of the crowd is the margin.
    let margin = (best - 3..=best)
        .rev()
        .find(|&w| hist[w] > 0)
        .unwrap_or(best);
    (count >= 30 && count * 100 >= total * 8).then_some(margin as u16)
}

/// Lines broken after commas and quotes as well as at the margin (`pdftotext -raw`).
fn raw_mode(lines: &[Line<'_>], wrap: u16) -> bool {
    let mut n = 0;
    let mut comma = 0;
    for l in lines.iter().filter(|l| !structural(l.text)) {
        n += 1;
        if l.width * 10 < wrap * 7 && l.text.ends_with(['，', '、', ',', '“', '”', '（']) {
            comma += 1;
        }
    }
    n >= 30 && comma * 4 >= n
}

/// Ends with sentence-final punctuation, closing quotes and brackets aside.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches([
        '”', '’', '」', '』', '）', ')', '】', '》', '"', '\'', '］', ']', '*',
    ]);
    match t.chars().last() {
        Some('。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '：' | ':' | '．') => true,
        Some('.') => t
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_alphanumeric() || c == ')' || c == '$' || is_cjk(c)),
        _ => false,
    }
}

/// The state of a unit of text being built from wrapped lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Run {
    /// Width accumulated on the current visual line (raw mode joins several physical lines).
    pub visual: u16,
}

/// Whether the unit that `a` belongs to ends after `a`, given the next text line `b`: a short
/// line (or visual line) that ends a sentence ends its paragraph; in a file that is not
/// hard-wrapped, every line break does. `b_item`: `b` starts an item of its own (a heading, a
/// label, a note), which always begins a unit.
pub fn ends_unit(
    a: &Line<'_>,
    b: &Line<'_>,
    b_item: bool,
    lines: &Lines<'_>,
    run: &mut Run,
) -> bool {
    if b_item || a.hard_break {
        return true;
    }
    let Some(w) = lines.wrap else {
        return true;
    };
    // A blank line after a sentence end, on the same page, ends a paragraph however full
    // the line before it.
    if lines.blank_lines_mean
        && b.gap_before
        && !b.page_start
        && a.page == b.page
        && ends_sentence(a.text)
        && !a.text.ends_with(['：', ':'])
    {
        return true;
    }
    // From a line with no Chinese to a line that starts in Chinese: another block (the end of
    // an English abstract, an author note in English).
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}');
    if !a.text.chars().any(han)
        && a.text
            .split_whitespace()
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .count()
            >= 3
        && b.text.chars().next().is_some_and(han)
    {
        return true;
    }
    let visual = if lines.raw_mode {
        run.visual.saturating_add(a.width)
    } else {
        a.width
    };
    // Two short lines that together fill one line, the second going on mid-sentence: one
    // printed line the converter cut in two (`…有所变化。` / `“移民”长期以来…向非西方`).
    let sum = a.width.saturating_add(b.width);
    if !lines.raw_mode
        && !b.gap_before
        && u32::from(b.width) * 10 <= u32::from(w) * 9
        && u32::from(a.width) * 5 >= u32::from(w)
        && sum + 6 >= w
        && sum <= w + 2
        && !ends_sentence(b.text)
        && !b.text.ends_with(['，', ',', '、'])
    {
        return false;
    }
    // A line far short of the margin ends a unit: a heading, a title, a byline, the last
    // line of a paragraph; a paragraph the layout narrowed is joined again by the assembler.
    if !lines.raw_mode && u32::from(a.width) * 10 < u32::from(w) * 6 {
        return true;
    }
    let full = visual + 4 >= w;
    run.visual = if full || !lines.raw_mode { 0 } else { visual };
    // A colon at the end of a line introduces what follows (a quotation, a list).
    let end = ends_sentence(a.text) && !a.text.ends_with(['：', ':']);
    if end && !full {
        run.visual = 0;
        return true;
    }
    // A much longer line is not wrapped text: a paragraph written on one line.
    if end && b.width > w.saturating_mul(3) / 2 {
        run.visual = 0;
        return true;
    }
    // An indented line after a sentence end starts a paragraph.
    b.lead >= 2 && b.lead > a.lead && end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(l: &Lines<'a>) -> Vec<&'a str> {
        l.lines.iter().map(|l| l.text).collect()
    }

    #[test]
    fn pages_come_from_form_feeds() {
        let mut ledger = Ledger::default();
        let l = lines("甲\n乙\n\u{c}丙\n\n丁\n\u{c}", &mut ledger);
        // The form feed that ends the last page opens none.
        assert_eq!(l.page_count, 2);
        let pages: Vec<u32> = l.lines.iter().map(|l| l.page).collect();
        assert_eq!(pages, [1, 1, 2, 2]);
        assert!(l.lines[2].page_start && l.lines[2].gap_before);
        assert!(l.lines[3].gap_before && !l.lines[3].page_start);
    }

    #[test]
    fn folios_and_running_heads_go_and_give_printed_pages() {
        let mut text = String::new();
        for p in 0..5 {
            if p > 0 {
                text.push('\u{c}');
            }
            text.push_str("某某学报 2020 年第 3 期\n\n");
            text.push_str(&format!(
                "正文第{p}页的第一行文字，内容不同。\n正文第{p}页的第二行。\n"
            ));
            text.push_str(&format!("·{}·\n", 41 + p));
        }
        let mut ledger = Ledger::default();
        let l = lines(&text, &mut ledger);
        assert_eq!(l.lines.len(), 10, "{:?}", texts(&l));
        assert!(l.lines.iter().all(|l| l.text.starts_with("正文")));
        assert_eq!(l.folios, [Some(41), Some(42), Some(43), Some(44), Some(45)]);
        assert_eq!(l.heads[0], ["某某学报 2020 年第 3 期"]);
        assert_eq!(
            ledger.counts.furniture,
            5 * "某某学报2020年第3期·41·".chars().count()
        );
    }

    #[test]
    fn a_title_repeated_as_odd_page_head_stays_on_page_one() {
        let mut text = String::from("论某某问题的研究\n作者\n正文一。\n\u{c}");
        for p in 0..4 {
            let head = if p % 2 == 0 {
                "某刊 2015 年第 6 期"
            } else {
                "论某某问题的研究"
            };
            text.push_str(&format!("{head}\n正文{p}。\n\u{c}"));
        }
        let mut ledger = Ledger::default();
        let l = lines(&text, &mut ledger);
        assert_eq!(l.lines[0].text, "论某某问题的研究");
        assert_eq!(
            l.lines.iter().filter(|l| l.text.contains("论某某")).count(),
            1
        );
    }

    #[test]
    fn a_running_head_in_the_middle_of_pages_is_furniture() {
        // `pdftotext -raw` draws the head between the body and the footnotes.
        let mut text = String::new();
        for p in 0..6 {
            text.push_str(&format!("正文第{p}页开头的一行，写得很长很长。\n"));
            text.push_str(&format!("正文第{p}页中间的一行，写得很长很长。\n"));
            text.push_str(&format!("正文第{p}页又一行，写得很长很长的。\n"));
            text.push_str(&format!("正文第{p}页再一行，写得很长很长的。\n"));
            if p % 2 == 1 {
                text.push_str("某某学报 Journal of Something\n");
            }
            text.push_str(&format!("正文第{p}页后面的一行，写得很长。\n"));
            text.push_str(&format!("正文第{p}页后面又一行，写得很长。\n"));
            text.push_str(&format!("正文第{p}页最后的一行，写得很长。\n"));
            text.push_str(&format!("正文第{p}页真正最后一行，写得很长。\n\u{c}"));
        }
        let mut ledger = Ledger::default();
        let l = lines(&text, &mut ledger);
        assert!(
            l.lines.iter().all(|l| l.text.starts_with("正文")),
            "{:?}",
            texts(&l)
        );
        assert_eq!(l.heads[1], ["某某学报 Journal of Something"]);
        // A short line that comes back on a few pages only stays.
        let mut text = String::new();
        for p in 0..8 {
            text.push_str(&format!("正文第{p}页开头的一行，写得很长很长。\n"));
            text.push_str(&format!("正文第{p}页中间的一行，写得很长很长。\n"));
            text.push_str(&format!("正文第{p}页又一行，写得很长很长的。\n"));
            text.push_str(&format!("正文第{p}页再一行，写得很长很长的。\n"));
            if p < 2 {
                text.push_str("图 1 某某结构示意\n");
            }
            if p % 2 == 0 {
                text.push_str("“某某词语”\n");
            }
            text.push_str(&format!("正文第{p}页后面的一行，写得很长。\n"));
            text.push_str(&format!("正文第{p}页后面又一行，写得很长。\n"));
            text.push_str(&format!("正文第{p}页最后的一行，写得很长。\n"));
            text.push_str(&format!("正文第{p}页真正最后一行，写得很长。\n\u{c}"));
        }
        let l = lines(&text, &mut ledger);
        assert_eq!(
            l.lines.iter().filter(|l| l.text.starts_with("图")).count(),
            2
        );
        assert_eq!(l.lines.iter().filter(|l| l.text == "“某某词语”").count(), 4);
    }

    #[test]
    fn folio_shapes() {
        assert_eq!(folio("·187·"), Some(187));
        assert_eq!(folio("·118 ·"), Some(118));
        assert_eq!(folio("— 7 —"), Some(7));
        assert_eq!(folio("- 12 -"), Some(12));
        assert_eq!(folio("29"), Some(29));
        assert_eq!(folio("[3]"), None);
        assert_eq!(folio("第3页"), None);
        assert_eq!(folio("2020年"), None);
    }

    #[test]
    fn repeated_standalone_lines_without_pages_are_furniture() {
        let raw = "甲。\n\n# 财经纵横\n\n乙。\n\n# 财经纵横\n\n丙。\n\n# 财经纵横\n";
        let mut ledger = Ledger::default();
        let l = lines(raw, &mut ledger);
        assert_eq!(texts(&l), ["甲。", "乙。", "丙。"]);
        assert!(l.lines[1].gap_before);
    }

    #[test]
    fn page_footnotes_are_marked() {
        let mut text = String::new();
        for p in 0..3 {
            text.push_str("正文说了一件事①，还有很多别的话要说，所以这一行写得很长很长很长。\n");
            text.push_str("又一行正文，写得也很长很长，写满了一整行的宽度才换到下一行去。\n");
            text.push_str("①某某：《某书》，某出版社，2000 年，第 3 页。\n");
            text.push_str(&format!("{}\n\u{c}", p + 1));
        }
        let mut ledger = Ledger::default();
        let l = lines(&text, &mut ledger);
        let foot: Vec<bool> = l.lines.iter().map(|l| l.foot).collect();
        assert_eq!(foot, [false, false, true].repeat(3));
    }

    #[test]
    fn wrap_width_is_where_lines_crowd() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!("这是第{i:02}行文字，长度几乎相同的硬换行文本\n"));
        }
        let mut ledger = Ledger::default();
        let l = lines(&text, &mut ledger);
        assert_eq!(l.wrap, l.lines.iter().map(|l| l.width).max());
        let long: String = (0..40)
            .map(|i| format!("{}{i}。\n\n", "长段落".repeat(30 + i)))
            .collect();
        assert_eq!(lines(&long, &mut ledger).wrap, None);
    }

    #[test]
    fn short_sentence_end_ends_a_unit() {
        let mut text = String::new();
        for _ in 0..40 {
            text.push_str("这是一行写满了宽度的硬换行中文文本内容的一部分\n");
        }
        text.push_str("短句。\n下一段开始了。\n");
        let mut ledger = Ledger::default();
        let l = lines(&text, &mut ledger);
        let n = l.lines.len();
        let mut run = Run::default();
        assert!(!ends_unit(&l.lines[0], &l.lines[1], false, &l, &mut run));
        assert!(ends_unit(
            &l.lines[n - 2],
            &l.lines[n - 1],
            false,
            &l,
            &mut run
        ));
        assert!(ends_unit(&l.lines[0], &l.lines[1], true, &l, &mut run));
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("发展。"));
        assert!(ends_sentence("他说：“要发展。”"));
        assert!(ends_sentence("as follows:"));
        assert!(ends_sentence("the end."));
        assert!(!ends_sentence("同时,发展新质"));
        assert!(!ends_sentence("3.5"));
    }

    #[test]
    fn a_number_the_same_on_every_page_is_furniture() {
        // `02` (the issue in a running head) stays the same; the folios count up.
        let mut text = String::new();
        for p in 0..4 {
            if p > 0 {
                text.push('\u{c}');
            }
            text.push_str(&format!(
                "Some Monthly Vol. 52\n02\n正文第{p}页的第一行文字。\n正文第{p}页的第二行。\n{}\n",
                129 + p
            ));
        }
        let mut ledger = Ledger::default();
        let l = lines(&text, &mut ledger);
        assert!(
            l.lines.iter().all(|l| l.text.starts_with("正文")),
            "{:?}",
            texts(&l)
        );
        assert_eq!(l.folios, [Some(129), Some(130), Some(131), Some(132)]);
    }

    /// Forty lines 39 columns wide, then `tail`.
    fn wrapped(tail: &str) -> String {
        let mut raw = String::new();
        for i in 0..40 {
            let lead = ['甲', '乙', '丙', '丁', '戊'][i % 5];
            raw.push_str(&format!("{lead}是第{i:03}行写满宽度的硬换行中文文本内容\n"));
        }
        raw.push_str(tail);
        raw
    }

    fn unit_ends(raw: &str, a: &str) -> bool {
        let mut ledger = Ledger::default();
        let l = lines(raw, &mut ledger);
        let i = l.lines.iter().position(|x| x.text == a).unwrap();
        ends_unit(&l.lines[i], &l.lines[i + 1], false, &l, &mut Run::default())
    }

    #[test]
    fn two_short_lines_that_fill_one_are_one_line() {
        // 20 + 18 columns of a 39-column line: a line the converter cut at a quote mark.
        let raw = wrapped(
            "另外，方向有所变化。\n“移民”长期以来都与\n某概念相关联，如今也在向别处转移。\n",
        );
        assert!(!unit_ends(&raw, "另外，方向有所变化。"));
        // A short line alone after a sentence end still ends its paragraph.
        let raw = wrapped("另外，方向有所变化。\n新的一段从这里开始写起来，写满这一行的宽度\n");
        assert!(unit_ends(&raw, "另外，方向有所变化。"));
    }

    #[test]
    fn a_blank_line_after_a_sentence_end_ends_a_paragraph_where_blank_lines_are_rare() {
        let raw = wrapped(
            "这是一行写满了宽度的文字他们的研究完了。\n\n下一段的文字写满了宽度的一行内容在此\n",
        );
        assert!(unit_ends(&raw, "这是一行写满了宽度的文字他们的研究完了。"));
        // Double-spaced by the converter: a blank line after every line says nothing.
        let doubled = raw.replace('\n', "\n\n");
        assert!(!unit_ends(
            &doubled,
            "这是一行写满了宽度的文字他们的研究完了。"
        ));
    }

    #[test]
    fn a_circled_note_below_a_numbered_reference_list_is_a_footnote() {
        let mut text = String::new();
        text.push_str(&wrapped("正文说到这里，然后接着往下说完。\n"));
        text.push_str("\u{c}正文第二页的第一行①，这里写满了一整行的宽度\n");
        for i in 0..12 {
            text.push_str(&format!("正文第二页的第{i:02}行，这里写满了一整行的宽度\n"));
        }
        text.push_str("结束。\n参考文献\n[1] 甲. 书一. 2018.\n[2] 乙. 书二. 2019.\n①访谈某某教授，访谈时间：2018 年 2 月 11 日。\n");
        text.push_str("\u{c}第三页正文①的引用，写到这一行的末尾\n①另一条注。\n");
        let mut ledger = Ledger::default();
        let l = lines(&text, &mut ledger);
        let foot: Vec<&str> = l.lines.iter().filter(|l| l.foot).map(|l| l.text).collect();
        assert!(foot.iter().any(|t| t.starts_with("①访谈")), "{foot:?}");
        assert!(!foot.iter().any(|t| t.starts_with("[1]")), "{foot:?}");
    }
}
