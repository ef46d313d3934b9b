//! The search popup (query line, result list, preview of the hit's paragraph) and the hit
//! highlight in the reading pane after a jump.

use super::Ui;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::paint::{Drawn, paint};
use super::{fit, popup};
use crate::action::Action;
use crate::app::panes::popup_layout;

use crate::config::Context;
use lunwen_core::corpus::Location;
use lunwen_core::corpus::text::sanitize;
use lunwen_core::corpus::{BlockKind, Paper};
use lunwen_core::search::{self, Hit, Place, Scope, Unit, hit_sentence};
use lunwen_core::view::doc::{Doc, Item, ItemKind};
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
    input_line(frame, ui, l.input);
    list(frame, ui, l.list);
    if l.preview.height > 0 {
        preview(frame, ui, l.rule, l.preview);
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
fn count(ui: &Ui) -> String {
    if ui.app.search.index.is_none() {
        return "indexing…".into();
    }
    if ui.app.search.query.trim().is_empty() {
        return String::new();
    }
    match ui.app.search_shown() {
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

fn input_line(frame: &mut Frame, ui: &Ui, area: Rect) {
    let width = usize::from(area.width);
    let count = count(ui);
    let count_w = count.width() + 1;
    let prompt = "/ ";
    let avail = width.saturating_sub(prompt.len() + count_w + 1).max(1);
    let chars: Vec<char> = ui.app.search.query.chars().map(printable).collect();
    let cursor = ui.app.search.cursor.min(chars.len());
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
    let query_style = if ui.app.search.replace {
        ui.styles.selection
    } else {
        ui.styles.text
    };
    let pad = width.saturating_sub(prompt.len() + used + count.width());
    let line = Line::from(vec![
        Span::styled(prompt, ui.styles.key),
        Span::styled(shown, query_style),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, ui.styles.dim),
    ]);
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line, area.width);
    let x = area.x + u16::try_from(prompt.len() + w(&chars[start..cursor])).unwrap_or(0);
    // The terminal cursor sits in the query, where input methods open their candidate window.
    frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

fn list(frame: &mut Frame, ui: &Ui, area: Rect) {
    let width = usize::from(area.width);
    let buf = frame.buffer_mut();
    if ui.app.search.query.trim().is_empty() {
        hint_lines(
            buf,
            ui,
            area,
            &[
                "Type to search sentences, headings, titles and authors.",
                "Chinese or pinyin: 新质生产力, xinzhi, xzscl; spaces between words.",
            ],
        );
        return;
    }
    let (Some(index), Some(results)) =
        (ui.app.search.index.as_ref(), ui.app.search.results.as_ref())
    else {
        return;
    };
    if results.hits.is_empty() && ui.app.search_shown().is_some() {
        let scope_hint = match ui.app.keymap.hint(Context::Search, Action::ToggleScope) {
            Some(key) if ui.app.search.this_paper => {
                format!("Only this paper was searched: {key} searches all papers.")
            }
            _ => "Try fewer characters, or pinyin initials (xzscl for 新质生产力).".into(),
        };
        hint_lines(
            buf,
            ui,
            area,
            &[
                &format!("No hits for “{}”.", sanitize(ui.app.search.query.trim())),
                &scope_hint,
            ],
        );
        return;
    }
    let rows = usize::from(area.height);
    let offset = ui.app.search_list_offset(rows);
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
        let Some(paper) = ui.app.papers.get(unit.paper) else {
            continue;
        };
        let selected = i == ui.app.search.selected;
        let (base, paper_style, place_style) = if selected {
            let s = ui.styles.selection;
            (s, s, s)
        } else {
            (ui.styles.text, ui.styles.dim, ui.styles.heading)
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
            ui.styles.matched,
        ));
        let y = area.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
}

fn hint_lines(buf: &mut ratatui::buffer::Buffer, ui: &Ui, area: Rect, lines: &[&str]) {
    for (row, text) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(
            area.x,
            y,
            &Line::styled(fit(text, usize::from(area.width)), ui.styles.dim),
            area.width,
        );
    }
}

/// The selected hit, with its unit and paper.
fn selected<'a>(ui: &Ui<'a>) -> Option<(&'a Hit, &'a Unit, &'a Paper)> {
    let results = ui.app.search.results.as_ref()?;
    let hit = results.hits.get(ui.app.search.selected)?;
    let unit = ui.app.search.index.as_ref()?.unit(hit.unit)?;
    let paper = ui.app.papers.get(unit.paper)?;
    Some((hit, unit, paper))
}

fn preview(frame: &mut Frame, ui: &Ui, rule: Rect, area: Rect) {
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    let Some((hit, unit, paper)) = selected(ui).filter(|_| !ui.app.search.query.trim().is_empty())
    else {
        buf.set_line(
            rule.x,
            rule.y,
            &Line::styled("─".repeat(width), ui.styles.border),
            rule.width,
        );
        return;
    };
    let mut label = format!(" {} ", sanitize(&paper.display_title()));
    let path = paper.section_path(unit.section.filter(|&s| s < paper.outline.len()));
    if matches!(unit.source, Location::Block(_)) && !path.is_empty() {
        let path: Vec<&str> = path.iter().map(|h| h.heading.as_str()).collect();
        label = format!(
            " {} › {} ",
            sanitize(&paper.display_title()),
            sanitize(&path.join(" › "))
        );
    } else if !matches!(unit.source, Location::Block(_)) {
        label = format!(
            " {} › {} ",
            sanitize(&paper.display_title()),
            place(paper, unit)
        );
    }
    let label = fit(&label, width.saturating_sub(4));
    let rule_line = Line::from(vec![
        Span::styled("──", ui.styles.border),
        Span::styled(label.clone(), ui.styles.title),
        Span::styled(
            "─".repeat(width.saturating_sub(2 + label.width())),
            ui.styles.border,
        ),
    ]);
    buf.set_line(rule.x, rule.y, &rule_line, rule.width);
    let Some(raw) = paper.text_at(unit.source) else {
        return;
    };
    let text = sanitize(&raw);
    // Laid out as the reader lays it out (paragraph indent, tables), so the preview reads the same.
    let kind = match unit.source {
        Location::Block(i) => match paper.blocks.get(i).map(|b| b.kind) {
            Some(BlockKind::Paragraph) => ItemKind::Paragraph,
            Some(BlockKind::Table) => ItemKind::Table,
            _ => ItemKind::Caption,
        },
        Location::Abstract | Location::Note(_) => ItemKind::Paragraph,
        _ => ItemKind::Caption,
    };
    let doc = Doc {
        items: vec![Item {
            kind,
            source: unit.source,
            text: text.clone(),
            markers: Vec::new(),
            prefix: None,
            starts: Vec::new(),
        }],
        nodes: Vec::new(),
    };
    let layout = Layout::new(&doc, width);
    let sentence = hit_sentence(paper, unit);
    let matched: Vec<usize> = hit.positions.iter().map(|p| unit.range.start + p).collect();
    let rows = usize::from(area.height);
    let at = placement::lines_of(&layout, 0, &text, sentence.clone()).map_or(0, |(l, _)| l);
    let top = at
        .saturating_sub(rows / 3)
        .min(layout.lines.len().saturating_sub(rows));
    for (row, line) in layout.lines.iter().skip(top).take(rows).enumerate() {
        let spans: Vec<Span> = line
            .segs
            .iter()
            .map(|s| Span::styled(s.text.as_str(), ui.styles.text))
            .collect();
        let y = area.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
    let drawn = Drawn {
        layout: &layout,
        top,
        area,
        item: 0,
        text: &text,
    };
    paint(buf, ui, &drawn, sentence, &matched);
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
        ui,
        &at,
        mark.sentence.clone(),
        &mark.matched,
    );
}

#[cfg(test)]
mod tests;
