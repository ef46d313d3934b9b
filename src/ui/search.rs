//! The search popup (query line, result list, preview of the hit's paragraph) and the hit
//! highlight in the reading pane after a jump.

use std::ops::Range;

use super::Ui;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::paint::{Drawn, paint, paint_run};
use super::style::Styles;
use super::{fit, popup};
use crate::action::Action;
use crate::app::panes::popup_layout;
use crate::app::search::SearchState;
use crate::config::{Context, Keymap};
use lunwen_core::corpus::Location;
use lunwen_core::corpus::Paper;
use lunwen_core::corpus::text::sanitize;
use lunwen_core::search::{self, Place, Scope, Unit};
use lunwen_core::view::doc::Doc;
use lunwen_core::view::placement;
use lunwen_core::view::wrap::Layout;

/// Where a unit sits, short: the innermost heading, or the part of the paper (标题, 摘要 …).
pub fn place(paper: &Paper, unit: &Unit) -> String {
    let s = match search::place(paper, unit) {
        Place::Title => "标题".into(),
        Place::Author => "作者".into(),
        Place::Keyword => "关键词".into(),
        Place::Abstract => "摘要".into(),
        Place::Note("") => "注释".into(),
        Place::Note(label) => format!("注释 {label}"),
        Place::Reference("") => "参考文献".into(),
        Place::Reference(label) => format!("参考文献 [{label}]"),
        Place::Body(path) => path.last().map_or_else(|| "正文".into(), |h| h.to_string()),
        Place::Other => "正文".into(),
    };
    sanitize(&s)
}

/// `s` cut to `width` columns and padded with blanks to exactly `width`.
fn cell(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let pad = width.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(pad))
}

/// A char as it may be printed on one cell run: controls and line breaks become blanks.
fn printable(c: char) -> char {
    if c.is_control() { ' ' } else { c }
}

/// The sentence of a hit row in `width` columns with its matched chars in `matched`: when the
/// first match would fall off the right edge, the row starts a little before it behind `…`.
/// Never splits a wide char; pads to exactly `width`.
fn sentence_spans(
    text: &str,
    positions: &[usize],
    width: usize,
    base: Style,
    matched: Style,
) -> Vec<Span<'static>> {
    let chars: Vec<char> = text.chars().map(printable).collect();
    let w = |c: &char| c.width().unwrap_or(0);
    let total: usize = chars.iter().map(w).sum();
    let mut start = 0;
    if total > width
        && let (Some(&first), Some(&last)) = (positions.first(), positions.last())
    {
        let upto: usize = chars.iter().take(last + 1).map(w).sum();
        if upto + 1 > width {
            start = first.saturating_sub(4).min(chars.len());
            // Near the end, show as much of the sentence before the match as fits.
            let mut tail: usize = chars[start..].iter().map(w).sum();
            while start > 0 && tail + w(&chars[start - 1]) < width {
                start -= 1;
                tail += w(&chars[start]);
            }
        }
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let push = |s: String, style: Style, spans: &mut Vec<Span<'static>>| match spans.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(&s),
        _ => spans.push(Span::styled(s, style)),
    };
    if start > 0 && width > 0 {
        push("…".into(), base, &mut spans);
        used += 1;
    }
    let rest: usize = chars[start..].iter().map(w).sum();
    let room = if used + rest > width {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut cut = false;
    for (i, c) in chars.iter().enumerate().skip(start) {
        let cw = w(c);
        if used + cw > room {
            cut = true;
            break;
        }
        let style = if positions.binary_search(&i).is_ok() {
            base.patch(matched)
        } else {
            base
        };
        push(c.to_string(), style, &mut spans);
        used += cw;
    }
    if cut && used < width {
        push("…".into(), base, &mut spans);
        used += 1;
    }
    push(" ".repeat(width.saturating_sub(used)), base, &mut spans);
    spans
}

/// What the search box is drawn from: the search, the papers its hits are in, the keys and the
/// styles. The reader's `/` popup and `lunwen pick` draw the same query line, hit list and
/// preview from one of these.
pub struct SearchView<'a> {
    pub search: &'a SearchState,
    pub papers: &'a [Paper],
    pub keymap: &'a Keymap,
    pub styles: &'a Styles,
}

impl<'a> SearchView<'a> {
    /// The reader's search popup.
    fn of(ui: &'a Ui) -> SearchView<'a> {
        SearchView {
            search: &ui.app.search,
            papers: &ui.app.papers,
            keymap: &ui.app.keymap,
            styles: &ui.styles,
        }
    }
}

pub fn render(frame: &mut Frame, ui: &Ui) {
    let l = popup_layout(frame.area());
    if l.outer.width < 10 || l.outer.height < 3 {
        return;
    }
    let scope = match ui.app.search_scope() {
        Scope::All => format!(" Search all {} papers ", ui.app.papers.len()),
        Scope::Paper(_) => " Search this paper ".to_string(),
    };
    popup(frame, ui, l.outer, &scope);
    let other_scope = if ui.app.search.this_paper {
        "all papers"
    } else {
        "this paper"
    };
    let hints = super::hints(
        ui,
        Context::Search,
        &[
            (Action::Confirm, "jump"),
            (Action::ToggleScope, other_scope),
            (Action::ExtendSelection, "+sentence"),
            (Action::Down, "next"),
            (Action::Cancel, "close"),
        ],
        l.outer.width.saturating_sub(2),
    );
    frame.buffer_mut().set_line(
        l.outer.x + 1,
        l.outer.bottom() - 1,
        &hints_padded(ui, hints, l.outer.width.saturating_sub(2)),
        l.outer.width.saturating_sub(2),
    );
    let v = SearchView::of(ui);
    input_line(frame, &v, l.input, "/ ");
    list(frame, &v, l.list);
    if l.preview.height > 0 {
        preview(frame, &v, l.rule, l.preview);
    }
}

/// Right-aligns a hint line by padding it on the left with the (thick, focused) border.
fn hints_padded(ui: &Ui, hints: Line<'static>, width: u16) -> Line<'static> {
    let used = hints.width();
    let mut spans = vec![Span::styled(
        "━".repeat(usize::from(width).saturating_sub(used)),
        ui.styles.border_focus,
    )];
    spans.extend(hints.spans);
    Line::from(spans)
}

/// What the count on the query line says.
fn count(v: &SearchView) -> String {
    if v.search.index.is_none() {
        return "indexing…".into();
    }
    if v.search.query.trim().is_empty() {
        return String::new();
    }
    match v.search.shown() {
        None => "searching…".into(),
        Some(r) if r.total == 0 => "no hits".into(),
        Some(r) => {
            let mut s = if r.total > r.hits.len() {
                format!("best {} of {} hits", r.hits.len(), r.total)
            } else if r.total == 1 {
                "1 hit".into()
            } else {
                format!("{} hits", r.total)
            };
            if r.typos {
                s.push_str(", one typo allowed");
            }
            s
        }
    }
}

/// The query after `prompt`, scrolled to keep the cursor in view, with the count on the right;
/// the terminal cursor goes where the next char is typed.
pub(super) fn input_line(frame: &mut Frame, v: &SearchView, area: Rect, prompt: &str) {
    let width = usize::from(area.width);
    let mut count = count(v);
    // In a narrow box the query needs the room more than the count does.
    if width < prompt.width() + count.width() + 1 + 10 {
        count.clear();
    }
    let count_w = count.width() + 1;
    let avail = width.saturating_sub(prompt.width() + count_w + 1).max(1);
    let chars: Vec<char> = v.search.query.chars().map(printable).collect();
    let cursor = v.search.cursor.min(chars.len());
    let w = |cs: &[char]| cs.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    // Scroll a long query so the cursor stays in view.
    let mut start = 0;
    while start < cursor && w(&chars[start..cursor]) + 1 > avail {
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for &c in &chars[start..] {
        let cw = c.width().unwrap_or(0);
        if used + cw > avail {
            break;
        }
        shown.push(c);
        used += cw;
    }
    let query_style = if v.search.replace {
        v.styles.selection
    } else {
        v.styles.text
    };
    let pad = width.saturating_sub(prompt.width() + used + count.width());
    let line = Line::from(vec![
        Span::styled(prompt.to_string(), v.styles.key),
        Span::styled(shown, query_style),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, v.styles.dim),
    ]);
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line, area.width);
    let x = area.x + u16::try_from(prompt.width() + w(&chars[start..cursor])).unwrap_or(0);
    // The terminal cursor sits in the query, where input methods open their candidate window.
    frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

/// The hits, one row each (paper, place, the sentence with its matched chars), the selected one
/// highlighted; or a hint when there is no query or no hit.
pub(super) fn list(frame: &mut Frame, v: &SearchView, area: Rect) {
    let width = usize::from(area.width);
    let buf = frame.buffer_mut();
    if v.search.query.trim().is_empty() {
        hint_lines(
            buf,
            v,
            area,
            &[
                "Type to search sentences, headings, titles and authors.",
                "Chinese or pinyin: 新质生产力, xinzhi, xzscl; spaces between words.",
            ],
        );
        return;
    }
    let (Some(index), Some(results)) = (v.search.index.as_ref(), v.search.results.as_ref()) else {
        return;
    };
    if results.hits.is_empty() && v.search.shown().is_some() {
        let scope_hint = match v.keymap.hint(Context::Search, Action::ToggleScope) {
            Some(key) if v.search.this_paper => {
                format!("Only one paper was searched: {key} searches all papers.")
            }
            _ => "Try fewer characters, or pinyin initials (xzscl for 新质生产力).".into(),
        };
        hint_lines(
            buf,
            v,
            area,
            &[
                &format!("No hits for “{}”.", sanitize(v.search.query.trim())),
                &scope_hint,
            ],
        );
        return;
    }
    let rows = usize::from(area.height);
    let offset = v.search.list_offset(rows);
    let paper_w = (width / 6).clamp(6, 24);
    let section_w = (width / 6).clamp(6, 24);
    let text_w = width.saturating_sub(paper_w + section_w + 2);
    for (row, (i, hit)) in results
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .enumerate()
    {
        let Some(unit) = index.unit(hit.unit) else {
            continue;
        };
        let Some(paper) = v.papers.get(unit.paper) else {
            continue;
        };
        let selected = i == v.search.selected;
        let (base, paper_style, place_style) = if selected {
            let s = v.styles.selection;
            (s, s, s)
        } else {
            (v.styles.text, v.styles.dim, v.styles.heading)
        };
        let mut spans = vec![
            Span::styled(
                cell(&sanitize(&paper.display_title()), paper_w),
                paper_style,
            ),
            Span::styled(" ", base),
            Span::styled(cell(&place(paper, unit), section_w), place_style),
            Span::styled(" ", base),
        ];
        spans.extend(sentence_spans(
            &unit.text,
            &hit.positions,
            text_w,
            base,
            v.styles.matched,
        ));
        let y = area.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
}

fn hint_lines(buf: &mut ratatui::buffer::Buffer, v: &SearchView, area: Rect, lines: &[&str]) {
    for (row, text) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(
            area.x,
            y,
            &Line::styled(fit(text, usize::from(area.width)), v.styles.dim),
            area.width,
        );
    }
}

/// The rule's label: the selected hit's paper and where in it.
fn preview_label(paper: &Paper, unit: &Unit) -> String {
    let title = sanitize(&paper.display_title());
    let path = paper.section_path(unit.section.filter(|&s| s < paper.outline.len()));
    match unit.source {
        Location::Block(_) if !path.is_empty() => {
            let path: Vec<&str> = path.iter().map(|h| h.heading.as_str()).collect();
            format!(" {title} › {} ", sanitize(&path.join(" › ")))
        }
        Location::Block(_) => format!(" {title} "),
        _ => format!(" {title} › {} ", place(paper, unit)),
    }
}

/// The selected hit in its paragraph, as the reader lays it out: the sentences the hit quotes
/// (its own, and those `tab` added, into the paragraphs after it) painted, the matched chars
/// over them; under a rule naming the paper and section.
pub(super) fn preview(frame: &mut Frame, v: &SearchView, rule: Rect, area: Rect) {
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    let selected = v
        .search
        .selected_hit()
        .filter(|_| !v.search.query.trim().is_empty())
        .and_then(|(_, unit)| Some((unit, v.papers.get(unit.paper)?)));
    let passage = selected.and_then(|_| v.search.passage(v.papers));
    let (Some((unit, paper)), Some(passage)) = (selected, passage) else {
        buf.set_line(
            rule.x,
            rule.y,
            &Line::styled("─".repeat(width), v.styles.border),
            rule.width,
        );
        return;
    };
    let label = fit(&preview_label(paper, unit), width.saturating_sub(4));
    let rule_line = Line::from(vec![
        Span::styled("──", v.styles.border),
        Span::styled(label.clone(), v.styles.title),
        Span::styled(
            "─".repeat(width.saturating_sub(2 + label.width())),
            v.styles.border,
        ),
    ]);
    buf.set_line(rule.x, rule.y, &rule_line, rule.width);
    // The paragraphs quoted from, alone: laid out at the preview's width as the reader would.
    let first = passage.hit.0;
    let last = passage
        .pieces
        .last()
        .map_or(first, |(item, _)| *item)
        .max(first);
    let doc = Doc {
        items: passage.doc.items[first..=last.min(passage.doc.items.len() - 1)].to_vec(),
        nodes: Vec::new(),
    };
    let layout = Layout::new(&doc, width);
    let rows = usize::from(area.height);
    let (hit_item, sentence) = (0, passage.hit.1.clone());
    let line_of = |item: usize, range: Range<usize>, last: bool| {
        let text = &doc.items[item].text;
        placement::lines_of(&layout, item, text, range)
            .map(|(a, b)| if last { b } else { a })
            .unwrap_or_else(|| layout.first_line(item))
    };
    // A little of the paragraph above the hit; further down when the quote would run off the
    // bottom, but never past the hit's first line.
    let at = line_of(hit_item, sentence.clone(), false);
    let end = passage
        .pieces
        .last()
        .map_or(at, |(item, r)| line_of(item - first, r.clone(), true));
    let mut top = at.saturating_sub(rows / 3);
    if end >= top + rows {
        top = (end + 1 - rows).min(at);
    }
    let top = top.min(layout.lines.len().saturating_sub(rows));
    for (row, line) in layout.lines.iter().skip(top).take(rows).enumerate() {
        let Some(item) = doc.items.get(line.item) else {
            continue;
        };
        let spans = super::reader::line_spans(v.styles, item.kind, line, |_| None);
        let y = area.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
    for (item, range) in &passage.pieces {
        let item = item - first;
        let text = &doc.items[item].text;
        let drawn = Drawn {
            layout: &layout,
            top,
            area,
            item,
            text,
        };
        let placed = placement::place(&layout, item, text);
        paint_run(buf, &drawn, &placed, range.clone(), v.styles.visual);
    }
    let drawn = Drawn {
        layout: &layout,
        top,
        area,
        item: hit_item,
        text: &doc.items[hit_item].text,
    };
    paint(buf, v.styles, &drawn, sentence, &passage.matched);
}

/// The hit a jump landed on, in the reading pane, until the reader moves.
pub fn render_mark(frame: &mut Frame, ui: &Ui) {
    let Some(mark) = ui.app.search_mark() else {
        return;
    };
    let Some(item) = ui.app.doc.items.get(mark.item) else {
        return;
    };
    let at = Drawn {
        layout: &ui.app.layout,
        top: ui.app.top(),
        area: ui.panes.reader_text(),
        item: mark.item,
        text: &item.text,
    };
    paint(
        frame.buffer_mut(),
        &ui.styles,
        &at,
        mark.sentence.clone(),
        &mark.matched,
    );
}

#[cfg(test)]
mod tests;
