use ratatui::{TerminalOptions, Viewport};

use super::*;
use crate::app::pick::Outcome;
use crate::config::Config;
use crate::testing::{Script, SharedScreen, Step};
use lunwen_core::corpus::Corpus;

impl Screen for SharedScreen {
    type Backend = SharedScreen;

    fn size(&mut self) -> Result<Size, String> {
        Backend::size(self).map_err(|e| match e {})
    }

    fn viewport(&mut self, area: Rect) -> Result<Terminal<SharedScreen>, String> {
        Terminal::with_options(
            self.clone(),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .map_err(|e| match e {})
    }
}

/// A test terminal `w`×`h` showing a shell session on its first rows.
fn shell(w: u16, h: u16, lines: &[&str]) -> SharedScreen {
    let mut screen = SharedScreen::new(w, h);
    let cells: Vec<(u16, u16, ratatui::buffer::Cell)> = lines
        .iter()
        .enumerate()
        .flat_map(|(y, line)| {
            line.chars().enumerate().map(move |(x, c)| {
                let mut cell = ratatui::buffer::Cell::default();
                cell.set_char(c);
                (x as u16, y as u16, cell)
            })
        })
        .collect();
    screen
        .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
        .unwrap_or_else(|e| match e {});
    screen
}

/// Runs the picker on the bundled papers from row `top` of `screen` until the script is done.
fn run(screen: &SharedScreen, top: u16, height: Height, steps: Vec<Step>) -> Picker {
    let size = Rect::new(0, 0, 1, 1);
    let (mut picker, fx) = Picker::new(
        Corpus::bundled().papers,
        &Config::defaults(),
        None,
        "",
        size,
    );
    let script = Script::new(screen, steps);
    let mut s = screen.clone();
    pick_loop(&mut s, top, height, &mut picker, script, fx).unwrap_or_else(|e| panic!("{e}"));
    picker
}

const SESSION: &[&str] = &["$ cd paper", "$ x=$(lunwen pick)"];

#[test]
fn heights_parse_as_rows_or_a_percentage() {
    assert_eq!("15".parse(), Ok(Height::Rows(15)));
    assert_eq!(" 40% ".parse(), Ok(Height::Percent(40)));
    assert_eq!("100%".parse(), Ok(Height::Percent(100)));
    for bad in ["0", "0%", "101%", "-3", "x", "%", ""] {
        let e = bad.parse::<Height>().err().unwrap_or_default();
        assert!(e.contains("not a height"), "{bad}: {e}");
    }
}

#[test]
fn the_viewport_takes_its_share_of_rows_and_fits_under_the_cursor() {
    assert_eq!(viewport_rows(Height::Percent(40), 50), 20);
    assert_eq!(
        viewport_rows(Height::Percent(40), 20),
        MIN_ROWS,
        "at least 10 rows"
    );
    assert_eq!(viewport_rows(Height::Rows(5), 40), MIN_ROWS);
    assert_eq!(
        viewport_rows(Height::Rows(30), 24),
        24,
        "at most the terminal"
    );
    assert_eq!(viewport_rows(Height::Percent(100), 7), 7);
    // on the cursor's row when there is room, else as low as it fits
    assert_eq!(viewport_top(3, 40, 16), 3);
    assert_eq!(viewport_top(30, 40, 16), 24);
    assert_eq!(viewport_top(39, 40, 40), 0);
}

#[test]
fn typing_picking_and_clearing_leave_the_rows_above_alone() {
    let screen = shell(100, 30, SESSION);
    let p = run(
        &screen,
        2,
        Height::Percent(40),
        vec![
            Step::Show("> "),
            Step::Keys("x z s c l"),
            Step::Show(" hits"),
            Step::Keys("down tab"),
            Step::Show("quoting 2 sentences"),
            Step::Keys("enter"),
        ],
    );
    let Some(Outcome::Picked(req)) = &p.done else {
        panic!("not picked: {:?}", p.done);
    };
    assert_eq!(req.what, "2 sentences");
    assert_eq!(
        p.size,
        Rect::new(0, 2, 100, 12),
        "40% of 30 rows, under the prompt"
    );
    let text = screen.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(&lines[..2], SESSION, "the session above is as it was");
    assert!(
        lines[2..].iter().all(|l| l.is_empty()),
        "the picker's rows are cleared:\n{text}"
    );
    let mut screen = screen;
    let cursor = screen.get_cursor_position().unwrap_or_else(|e| match e {});
    assert_eq!(
        cursor,
        Position::new(0, 2),
        "the cursor where the picker started"
    );
}

#[test]
fn esc_ends_with_nothing_picked() {
    let screen = shell(80, 24, SESSION);
    let p = run(
        &screen,
        2,
        Height::Rows(12),
        vec![Step::Keys("x z s"), Step::Show("hits"), Step::Keys("esc")],
    );
    assert_eq!(p.done, Some(Outcome::Cancelled(None)));
    assert_eq!(screen.text().lines().filter(|l| !l.is_empty()).count(), 2);
}

#[test]
fn a_resize_keeps_the_picker_on_screen_under_the_session() {
    let screen = shell(100, 30, SESSION);
    let p = run(
        &screen,
        20,
        Height::Rows(12),
        vec![
            Step::Keys("x z s c l"),
            Step::Show(" hits"),
            Step::Resize(60, 20),
            Step::Show(" hits"),
            Step::Keys("enter"),
        ],
    );
    // 12 rows from row 18 would have fitted in 30 rows; in 20 they start at row 8
    assert_eq!(p.size, Rect::new(0, 8, 60, 12));
    assert!(matches!(p.done, Some(Outcome::Picked(_))));
    // (the test terminal reflows its rows on a resize, as tmux does: the session's text moved)
    let text = screen.text();
    assert!(
        text.lines().skip(8).all(str::is_empty),
        "the picker's rows are cleared:\n{text}"
    );
    assert!(text.contains("$ cd paper"), "{text}");
}

#[test]
fn text_on_the_rows_it_takes_is_blanked_first() {
    // vim's command line is on the cursor's row when `:r !lunwen pick` starts
    let screen = shell(100, 30, &["~", "~", ":r !lunwen pick --template '{quote}'"]);
    let p = run(
        &screen,
        2,
        Height::Rows(12),
        vec![
            Step::Keys("x z s c l"),
            // the query line shows the query and nothing of the command line after it
            Step::Show("> xzscl                    "),
            Step::Keys("esc"),
        ],
    );
    assert_eq!(p.done, Some(Outcome::Cancelled(None)));
}
