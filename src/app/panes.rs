//! Where each pane and the search popup go for a terminal size. Pure geometry: the app needs it to
//! wrap and page the reader and to route mouse clicks; the UI lays each frame out with it.

use ratatui::layout::{Margin, Rect};

/// Smallest terminal the full layout works in; below it a short message is shown instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Rows one paper takes in the library (title line, byline).
pub const LIBRARY_ROWS_PER_PAPER: u16 = 2;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub library: Rect,
    pub outline: Rect,
    pub reader: Rect,
    pub status: Rect,
    /// True when the terminal is smaller than [`MIN_WIDTH`]×[`MIN_HEIGHT`].
    pub too_small: bool,
}

impl Panes {
    pub fn new(area: Rect, papers: usize) -> Panes {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Panes {
                too_small: true,
                ..Panes::default()
            };
        }
        let body_h = area.height - 1;
        let left_w = (area.width * 3 / 10).clamp(20, 40);
        let wanted = u16::try_from(papers)
            .unwrap_or(u16::MAX)
            .saturating_mul(LIBRARY_ROWS_PER_PAPER)
            .saturating_add(2);
        let library_h = wanted.clamp(4, body_h / 2);
        Panes {
            library: Rect::new(area.x, area.y, left_w, library_h),
            outline: Rect::new(area.x, area.y + library_h, left_w, body_h - library_h),
            reader: Rect::new(area.x + left_w, area.y, area.width - left_w, body_h),
            status: Rect::new(area.x, area.y + body_h, area.width, 1),
            too_small: false,
        }
    }

    /// Text area inside the reader's border and one column of padding on each side.
    pub fn reader_text(&self) -> Rect {
        inner(self.reader, 2)
    }

    /// Row area inside a bordered pane.
    pub fn list_inner(rect: Rect) -> Rect {
        inner(rect, 1)
    }
}

/// Where the parts of the popup go for a terminal of `size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PopupLayout {
    pub outer: Rect,
    pub input: Rect,
    pub list: Rect,
    /// The line between list and preview, naming the selected hit's paper and section.
    pub rule: Rect,
    pub preview: Rect,
}

pub fn popup_layout(size: Rect) -> PopupLayout {
    // Over the panes; the status bar below stays visible.
    let body = Rect::new(size.x, size.y, size.width, size.height.saturating_sub(1));
    let outer = centered(
        body,
        body.width.saturating_sub(4).min(150),
        body.height.saturating_sub(2),
    );
    let inner = outer.inner(Margin::new(1, 1));
    let row = |y: u16, h: u16| Rect::new(inner.x, y, inner.width, h);
    let input = row(inner.y, inner.height.min(1));
    let rest = inner.height.saturating_sub(1);
    let preview_h = if rest >= 8 { (rest - 1) * 2 / 5 } else { 0 };
    let rule_h = u16::from(preview_h > 0);
    let list_h = rest - preview_h - rule_h;
    let list = row(inner.y + input.height, list_h);
    let rule = row(list.bottom(), rule_h);
    let preview = row(rule.bottom(), preview_h);
    PopupLayout {
        outer,
        input,
        list,
        rule,
        preview,
    }
}

/// A rect of at most `width`×`height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn inner(r: Rect, pad_x: u16) -> Rect {
    Rect::new(
        r.x.saturating_add(pad_x),
        r.y.saturating_add(1),
        r.width.saturating_sub(pad_x * 2),
        r.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_or_report_too_small() {
        for (w, h) in [(80, 24), (120, 40), (40, 10), (300, 100)] {
            let p = Panes::new(Rect::new(0, 0, w, h), 4);
            assert!(!p.too_small);
            assert_eq!(p.library.width + p.reader.width, w);
            assert_eq!(p.library.height + p.outline.height + 1, h);
            assert_eq!(p.reader.height + 1, h);
            assert!(p.reader_text().width >= 10);
        }
        assert!(Panes::new(Rect::new(0, 0, 39, 24), 4).too_small);
        assert!(Panes::new(Rect::new(0, 0, 1, 1), 4).too_small);
        let many = Panes::new(Rect::new(0, 0, 80, 24), 500);
        assert!(many.outline.height >= many.library.height - 1);
    }
}
