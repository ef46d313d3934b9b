//! The desktop clipboard (arboard), and a fake one for tests.

use super::Clipboard;

/// The desktop clipboard through arboard (X11 on Linux/BSD, native on macOS and Windows).
struct SystemClipboard(arboard::Clipboard);

impl Clipboard for SystemClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        self.0.set_text(text).map_err(|e| e.to_string())
    }
}

pub(super) fn open_arboard() -> Result<Box<dyn Clipboard>, String> {
    arboard::Clipboard::new()
        .map(|c| Box::new(SystemClipboard(c)) as Box<dyn Clipboard>)
        .map_err(|e| e.to_string())
}

/// A clipboard in memory, for tests (of this crate and of the app): it records every text set,
/// and can be told to fail. Clones share the record.
#[derive(Debug, Clone, Default)]
pub struct FakeClipboard {
    texts: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    failure: Option<String>,
}

impl FakeClipboard {
    pub fn new() -> FakeClipboard {
        FakeClipboard::default()
    }

    /// A clipboard whose every `set_text` fails with `message`.
    pub fn failing(message: &str) -> FakeClipboard {
        FakeClipboard {
            failure: Some(message.to_string()),
            ..FakeClipboard::default()
        }
    }

    /// Every text set so far, oldest first.
    pub fn texts(&self) -> Vec<String> {
        self.texts.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

impl Clipboard for FakeClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        if let Some(f) = &self.failure {
            return Err(f.clone());
        }
        self.texts
            .lock()
            .map_err(|_| "fake clipboard poisoned".to_string())?
            .push(text.to_string());
        Ok(())
    }
}
