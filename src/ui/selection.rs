//! The sentence cursor and the visual selection, painted over the reading pane once it is drawn,
//! and the `VISUAL` badge on the pane's bottom border while visual mode is on.

use super::Ui;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::paint::{Drawn, paint_run};
use crate::action::Action;
use crate::app::Highlight;
use crate::config::Context;
use lunwen_core::view::placement;

pub fn render(frame: &mut Frame, ui: &Ui) {
    let text = ui.panes.reader_text();
    let buf = frame.buffer_mut();
    for (item, range, kind) in ui.app.highlights() {
        let style = match kind {
            Highlight::Cursor => ui.styles.selection,
            Highlight::Visual => ui.styles.visual,
        };
        let Some(it) = ui.app.doc.items.get(item) else {
            continue;
        };
        let at = Drawn {
            layout: &ui.app.layout,
            top: ui.app.top(),
            area: text,
            item,
            text: &it.text,
        };
        let placed = placement::place(&ui.app.layout, item, &it.text);
        paint_run(buf, &at, &placed, range, style);
    }
    if ui.app.visual_anchor().is_some() {
        badge(frame, ui);
    }
}

/// ` VISUAL  3 sentences  y copy  esc cancel ` on the right of the reader's top border, clear of
/// the title (which takes at most half of it) and of the key hints below; the key hints, then
/// the count, are left out when the border is too short.
fn badge(frame: &mut Frame, ui: &Ui) {
    let area = ui.panes.reader;
    if area.height < 2 {
        return;
    }
    let n = ui.app.selected_sentences();
    let mut spans = vec![Span::styled(" VISUAL ", ui.styles.selection)];
    let count = Span::styled(
        format!(" {n} sentence{} ", if n == 1 { "" } else { "s" }),
        ui.styles.dim,
    );
    let mut keys = Vec::new();
    for (action, what) in [(Action::Copy, "copy"), (Action::Cancel, "cancel")] {
        if let Some(key) = ui.app.keymap.hint(Context::Reader, action) {
            keys.push(Span::styled(format!(" {key}"), ui.styles.key));
            keys.push(Span::styled(format!(" {what} "), ui.styles.dim));
        }
    }
    let room = usize::from(area.width / 2).saturating_sub(2);
    let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    if width(&spans) + count.width() <= room {
        spans.push(count);
        if width(&spans) + width(&keys) <= room {
            spans.extend(keys);
        }
    }
    let line = Line::from(spans).style(Style::default());
    let Ok(w) = u16::try_from(line.width()) else {
        return;
    };
    if usize::from(w) > room {
        return;
    }
    frame
        .buffer_mut()
        .set_line(area.right() - 1 - w, area.y, &line, w);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;

    use crate::app::{App, press};
    use crate::clipboard::{ClipboardMode, Copier, Environment};
    use crate::config::Config;
    use crate::store::state::State;
    use lunwen_core::testing::long_paper;

    fn app(w: u16, h: u16) -> App {
        App::new(
            vec![long_paper()],
            &Config::defaults(),
            &State::default(),
            w,
            h,
        )
    }

    /// The screen as text, then each row's painted stretches: `=` for the cursor's sentence,
    /// `~` for the rest of the visual selection.
    fn screen(app: &App) -> String {
        let mut t = match Terminal::new(TestBackend::new(app.size.width, app.size.height)) {
            Ok(t) => t,
            Err(e) => match e {},
        };
        if let Err(e) = t.draw(|f| crate::ui::render(f, app)) {
            match e {}
        }
        let buf = t.backend().buffer();
        let mut out = crate::ui::tests::view(buf);
        out.push_str("--- highlighted\n");
        for y in 0..buf.area.height {
            let marks = marks(buf, app, y);
            if marks.trim().is_empty() {
                continue;
            }
            out.push_str(&format!("{y:>3} {}\n", marks.trim_end()));
        }
        out
    }

    fn marks(buf: &Buffer, app: &App, y: u16) -> String {
        let text = app.panes.reader_text();
        let mut lead = 0;
        (0..buf.area.width)
            .map(|x| {
                // The backend leaves the cell after a wide char alone: it takes the char's style.
                if unicode_width::UnicodeWidthStr::width(buf[(x, y)].symbol()) > 1 {
                    lead = x;
                }
                let at = if x == lead + 1 { lead } else { x };
                let style = buf[(at, y)].style();
                if !text.contains(ratatui::layout::Position::new(x, y)) {
                    ' '
                } else if style.bg == crate::ui::style::Styles::new(&app.theme).selection.bg
                    && style.fg == crate::ui::style::Styles::new(&app.theme).selection.fg
                {
                    '='
                } else if style.bg == crate::ui::style::Styles::new(&app.theme).visual.bg {
                    '~'
                } else {
                    ' '
                }
            })
            .collect()
    }

    #[test]
    fn a_visual_selection_across_paragraphs() {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = app(w, h);
            press(&mut a, "s s v s s");
            let s = screen(&a);
            assert!(s.contains(" VISUAL  3 sentences "), "{s}");
            assert!(s.contains("~~~") && s.contains("==="), "{s}");
            insta::assert_snapshot!(format!("visual_selection_{w}x{h}"), s);
        }
    }

    #[test]
    fn the_status_bar_after_a_copy() {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = app(w, h);
            let req = crate::testing::copy_request(press(&mut a, "s s y"))
                .unwrap_or_else(|| panic!("no copy asked for"));
            // No display and no SSH: OSC 52 alone, as over a plain terminal.
            let mut copier = Copier::new(ClipboardMode::Auto, Environment::default());
            let done =
                crate::copy::perform(&mut copier, None, &req).unwrap_or_else(|e| panic!("{e}"));
            a.status = Some(done.status);
            let s = screen(&a);
            assert!(
                s.contains("copied sentence + GB/T 7714 citation via OSC 52"),
                "{s}"
            );
            insta::assert_snapshot!(format!("copied_status_{w}x{h}"), s);
        }
    }
}
