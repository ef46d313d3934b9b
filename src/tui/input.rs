//! Where the event loop's input comes from: an [`EventSource`] sends it into the loop's channel
//! from a thread of its own. [`TerminalInput`] reads the terminal (crossterm); tests use a
//! scripted source instead, so the whole loop runs in process.

use std::sync::mpsc::Sender;

use ratatui::crossterm::event::{
    self, Event as Term, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::app::Event;
use crate::config::{KeyCode, KeyPress};

/// A source of input events for the event loop.
pub trait EventSource {
    /// Starts sending events into `events`, from a thread of the source's own, until a send
    /// fails (the loop is gone) or there is no more input; then it sends
    /// [`Event::InputClosed`].
    fn start(self, events: Sender<Event>) -> std::io::Result<()>;
}

/// The terminal lunwen runs in, read with crossterm on the `lunwen-input` thread.
pub struct TerminalInput;

impl EventSource for TerminalInput {
    fn start(self, events: Sender<Event>) -> std::io::Result<()> {
        std::thread::Builder::new()
            .name("lunwen-input".into())
            .spawn(move || {
                loop {
                    let next = match event::read() {
                        Ok(ev) => convert(ev),
                        Err(e) => Some(Event::InputClosed(Some(format!(
                            "cannot read the terminal: {e}"
                        )))),
                    };
                    let Some(next) = next else { continue };
                    let last = matches!(next, Event::InputClosed(_));
                    if events.send(next).is_err() || last {
                        return;
                    }
                }
            })
            .map(drop)
    }
}

/// The app's event for a terminal event; `None` for those it has no use for (key releases,
/// focus changes, keys lunwen has no name for).
pub fn convert(ev: Term) -> Option<Event> {
    Some(match ev {
        Term::Key(k) if k.kind != KeyEventKind::Release => Event::Key(key_press(k)?),
        Term::Resize(width, height) => Event::Resize { width, height },
        Term::Paste(text) => Event::Paste(text),
        Term::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Event::Click {
                column: m.column,
                row: m.row,
            },
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Event::Wheel {
                column: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            },
            _ => return None,
        },
        _ => return None,
    })
}

/// Converts a crossterm key event into the keymap's key press; keys lunwen has no name for are
/// ignored.
pub fn key_press(ev: KeyEvent) -> Option<KeyPress> {
    use ratatui::crossterm::event::KeyCode as K;
    let code = match ev.code {
        K::Char(c) => KeyCode::Char(c),
        K::Enter => KeyCode::Enter,
        K::Esc => KeyCode::Esc,
        K::Tab => KeyCode::Tab,
        K::BackTab => KeyCode::BackTab,
        K::Backspace => KeyCode::Backspace,
        K::Delete => KeyCode::Delete,
        K::Insert => KeyCode::Insert,
        K::Up => KeyCode::Up,
        K::Down => KeyCode::Down,
        K::Left => KeyCode::Left,
        K::Right => KeyCode::Right,
        K::Home => KeyCode::Home,
        K::End => KeyCode::End,
        K::PageUp => KeyCode::PageUp,
        K::PageDown => KeyCode::PageDown,
        K::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(
        KeyPress {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
            shift: ev.modifiers.contains(KeyModifiers::SHIFT),
        }
        .normalized(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode as K;

    #[test]
    fn key_events_become_keymap_presses() {
        let ev = |code, m| KeyEvent::new(code, m);
        assert_eq!(
            key_press(ev(K::Char('G'), KeyModifiers::SHIFT)),
            Some("G".parse().unwrap())
        );
        assert_eq!(
            key_press(ev(K::Char('d'), KeyModifiers::CONTROL)),
            Some("ctrl-d".parse().unwrap())
        );
        assert_eq!(
            key_press(ev(K::BackTab, KeyModifiers::SHIFT)),
            Some("shift-tab".parse().unwrap())
        );
        assert_eq!(
            key_press(ev(K::Char(' '), KeyModifiers::NONE)),
            Some("space".parse().unwrap())
        );
        assert_eq!(key_press(ev(K::CapsLock, KeyModifiers::NONE)), None);
    }
}
