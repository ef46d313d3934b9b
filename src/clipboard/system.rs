//! The desktop clipboard (arboard, or a clipboard command), and a fake one for tests.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Clipboard, Environment};

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

/// A program that takes text on its standard input and serves it as the clipboard, staying in
/// the background after lunwen exits (`wl-copy`, `xclip`, `xsel` all fork to do so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClipboardCommand {
    pub program: PathBuf,
    pub args: Vec<String>,
}

impl ClipboardCommand {
    fn new(program: &str, args: &[&str]) -> ClipboardCommand {
        ClipboardCommand {
            program: PathBuf::from(program),
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn name(&self) -> String {
        self.program.display().to_string()
    }
}

/// The clipboard commands that can reach this session's clipboard, best first: `wl-copy` on
/// Wayland, `xclip` then `xsel` on X11 (also XWayland under Wayland).
pub fn clipboard_commands(env: &Environment) -> Vec<ClipboardCommand> {
    let mut out = Vec::new();
    if env.wayland {
        out.push(ClipboardCommand::new(
            "wl-copy",
            &["--type", "text/plain;charset=utf-8"],
        ));
    }
    if env.x11 {
        out.push(ClipboardCommand::new(
            "xclip",
            &["-selection", "clipboard", "-in"],
        ));
        out.push(ClipboardCommand::new("xsel", &["--clipboard", "--input"]));
    }
    out
}

/// How long a clipboard command may take to take the text and go to the background.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(3);

/// A clipboard set by running a command for each copy.
struct CommandClipboard(ClipboardCommand);

impl Clipboard for CommandClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        run_clipboard_command(&self.0, text)
    }
}

/// Runs `command` with `text` on its input. Its output goes nowhere: the process it leaves to
/// serve the clipboard would otherwise hold lunwen's stdout open (`lunwen quote --copy | cat`
/// would not end).
pub(super) fn run_clipboard_command(command: &ClipboardCommand, text: &str) -> Result<(), String> {
    let name = command.name();
    let mut child = Command::new(&command.program)
        .args(&command.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{name}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| format!("{name}: {e}"))?;
    }
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("{name} failed ({status})")),
            Ok(None) if started.elapsed() > COMMAND_TIMEOUT => {
                // Still running: it serves the clipboard itself rather than forking. It has the
                // text; it is reaped on a thread so it leaves no zombie behind.
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("{name}: {e}")),
        }
    }
}

/// The first of `commands` that is installed, as a clipboard.
pub(super) fn open_command(commands: &[ClipboardCommand]) -> Result<Box<dyn Clipboard>, String> {
    let found = commands.iter().find(|c| on_path(&c.program));
    match found {
        Some(c) => Ok(Box::new(CommandClipboard(c.clone()))),
        None if commands.is_empty() => Err("no display for a clipboard command".to_string()),
        None => {
            let names: Vec<String> = commands.iter().map(ClipboardCommand::name).collect();
            Err(format!("no clipboard command found ({})", names.join(", ")))
        }
    }
}

/// Whether `program` names an executable file, directly or on the PATH.
fn on_path(program: &std::path::Path) -> bool {
    if program.components().count() > 1 {
        return program.is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_follow_the_session() {
        let names = |env: Environment| -> Vec<String> {
            clipboard_commands(&env)
                .iter()
                .map(ClipboardCommand::name)
                .collect()
        };
        let wayland = Environment {
            wayland: true,
            display: true,
            ..Environment::default()
        };
        assert_eq!(names(wayland), ["wl-copy"]);
        let both = Environment {
            wayland: true,
            x11: true,
            display: true,
            ..Environment::default()
        };
        assert_eq!(names(both), ["wl-copy", "xclip", "xsel"]);
        assert!(names(Environment::default()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_command_gets_the_text_and_a_missing_one_is_named() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("clipboard");
        let script = dir.path().join("fake-copy");
        std::fs::write(&script, format!("#!/bin/sh\ncat > '{}'\n", out.display())).expect("script");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let command = ClipboardCommand {
            program: script,
            args: Vec::new(),
        };
        let mut clip = open_command(&[command]).expect("found");
        clip.set_text("“引文”\n[1] 刘博").expect("copied");
        assert_eq!(
            std::fs::read_to_string(&out).expect("written"),
            "“引文”\n[1] 刘博"
        );
        let missing = ClipboardCommand {
            program: dir.path().join("wl-copy"),
            args: Vec::new(),
        };
        let err = open_command(&[missing]).err().unwrap_or_default();
        assert!(err.starts_with("no clipboard command found ("), "{err}");
    }
}
