//! Styles painted over text already drawn, placed through the view's [`placement`]: a run of
//! chars (the sentence cursor, a visual selection) and a search hit (its sentence, then the
//! matched chars), in the reader and in the search popup's preview.

use super::Ui;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use lunwen_core::view::placement;
use lunwen_core::view::wrap::Layout;

/// What to paint: `layout` drawn into `area` from display line `top`, and item `item` of it,
/// whose text is `text`.
pub struct Drawn<'a> {
    pub layout: &'a Layout,
    pub top: usize,
    pub area: Rect,
    pub item: usize,
    pub text: &'a str,
}

/// Paints the sentence (from its first char to the end of its last on each line, so blanks and
/// markers inside it are painted too) and then each matched char's cells.
pub fn paint(buf: &mut Buffer, ui: &Ui, at: &Drawn, sentence: Range<usize>, matched: &[usize]) {
    let placed = placement::place(at.layout, at.item, at.text);
    paint_run(buf, at, &placed, sentence, ui.styles.selection);
    for p in matched
        .iter()
        .filter_map(|&i| placed.get(i).copied().flatten())
    {
        cells(buf, at, p.line, p.col..p.col + p.width, ui.styles.matched);
    }
}

/// Paints the chars `range` of the item with `style`: on each display line from the first char
/// to the end of the last, so the blanks and markers between them are painted too.
pub fn paint_run(
    buf: &mut Buffer,
    at: &Drawn,
    placed: &[Option<placement::Placed>],
    range: Range<usize>,
    style: Style,
) {
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for p in placed.get(range).into_iter().flatten().flatten() {
        match runs.last_mut() {
            Some((line, _, end)) if *line == p.line => *end = p.col + p.width,
            _ => runs.push((p.line, p.col, p.col + p.width)),
        }
    }
    for (line, start, end) in runs {
        cells(buf, at, line, start..end, style);
    }
}

fn cells(buf: &mut Buffer, at: &Drawn, line: usize, cols: Range<usize>, style: Style) {
    let rows = usize::from(at.area.height);
    if line < at.top || line >= at.top + rows {
        return;
    }
    let y = at.area.y + u16::try_from(line - at.top).unwrap_or(u16::MAX);
    for col in cols.start..cols.end.min(usize::from(at.area.width)) {
        let x = at.area.x + u16::try_from(col).unwrap_or(u16::MAX);
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_style(style);
        }
    }
}
