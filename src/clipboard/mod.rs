//! Putting text on the user's clipboard, locally (arboard) and over SSH (OSC 52).

mod osc52;
mod system;

pub use osc52::{OSC52_MAX_TEXT, SCREEN_CHUNK, osc52_sequence, write_osc52, write_osc52_to_tty};
pub use system::{ClipboardCommand, FakeClipboard, clipboard_commands};
use system::{open_arboard, open_command};

/// Which path a copy takes. `auto` picks by environment; the others force one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClipboardMode {
    Auto,
    System,
    Osc52,
    Off,
}

impl ClipboardMode {
    pub const ALL: &'static [ClipboardMode] = &[
        ClipboardMode::Auto,
        ClipboardMode::System,
        ClipboardMode::Osc52,
        ClipboardMode::Off,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ClipboardMode::Auto => "auto",
            ClipboardMode::System => "system",
            ClipboardMode::Osc52 => "osc52",
            ClipboardMode::Off => "off",
        }
    }

    pub fn from_name(name: &str) -> Option<ClipboardMode> {
        ClipboardMode::ALL
            .iter()
            .copied()
            .find(|m| m.name() == name)
    }
}

/// Somewhere text can be put for pasting.
pub trait Clipboard: Send {
    fn set_text(&mut self, text: &str) -> Result<(), String>;
}

/// The terminal multiplexer between lunwen and the terminal, which decides how OSC 52 must be
/// wrapped to get through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    Tmux,
    Screen,
}

/// What the process environment says about where lunwen runs. Built from the real environment
/// by [`Environment::current`], or from any lookup in tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `SSH_TTY` or `SSH_CONNECTION` is set.
    pub ssh: bool,
    /// `TMUX` is set, or `TERM` names tmux.
    pub tmux: bool,
    /// `STY` is set (GNU screen).
    pub screen: bool,
    /// A desktop clipboard is reachable: `DISPLAY` or `WAYLAND_DISPLAY` is set, or the platform
    /// always has one (macOS, Windows).
    pub display: bool,
    /// `WAYLAND_DISPLAY` is set: `wl-copy` is the command that reaches the compositor.
    pub wayland: bool,
    /// `DISPLAY` is set: `xclip` or `xsel` reach the X server (or XWayland).
    pub x11: bool,
}

impl Environment {
    pub fn current() -> Environment {
        let native = cfg!(any(target_os = "macos", windows));
        Environment::from_lookup(|k| std::env::var(k).ok(), native)
    }

    /// `get` answers for an environment variable; `native_clipboard` is whether the platform has
    /// a clipboard without a display server.
    pub fn from_lookup(
        get: impl Fn(&str) -> Option<String>,
        native_clipboard: bool,
    ) -> Environment {
        let set = |k: &str| get(k).is_some_and(|v| !v.is_empty());
        let term = get("TERM").unwrap_or_default();
        Environment {
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            tmux: set("TMUX") || term.starts_with("tmux"),
            screen: set("STY"),
            display: native_clipboard || set("DISPLAY") || set("WAYLAND_DISPLAY"),
            wayland: set("WAYLAND_DISPLAY"),
            x11: set("DISPLAY"),
        }
    }

    /// `TERM=screen*` alone is not taken as GNU screen: tmux used that name for years, and over
    /// SSH neither `TMUX` nor `STY` is forwarded; the plain sequence is the safer bet then.
    pub fn multiplexer(&self) -> Multiplexer {
        if self.tmux {
            Multiplexer::Tmux
        } else if self.screen {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }
}

/// A path a copy took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyPath {
    /// The desktop clipboard (arboard).
    System,
    /// An OSC 52 sequence for the terminal.
    Osc52,
}

/// What a copy did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyReport {
    /// Paths that took the text, in the order tried.
    pub paths: Vec<CopyPath>,
    /// Bytes the caller must write to the terminal, between frames (never inside one, where they
    /// would interleave with drawing); empty when OSC 52 is not used.
    pub osc52: Vec<u8>,
    /// Paths that were tried and failed, or skipped, and why.
    pub notes: Vec<String>,
}

impl CopyReport {
    /// `system clipboard + OSC 52`, for the status bar.
    pub fn describe(&self) -> String {
        self.paths
            .iter()
            .map(|p| match p {
                CopyPath::System => "system clipboard",
                CopyPath::Osc52 => "OSC 52",
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// Opens the desktop clipboard; called at most once per success.
pub type SystemOpener = Box<dyn FnMut() -> Result<Box<dyn Clipboard>, String> + Send>;

/// The copy chain. `auto`: over SSH, OSC 52 alone; on a desktop, the system clipboard and OSC 52
/// both; with no display, OSC 52 alone. `system`, `osc52` force one path; `off` copies nothing.
///
/// One system clipboard is opened lazily, only when a display exists, and kept for the life of
/// the copier: on X11 the content is served by its owner and vanishes when the owner goes.
pub struct Copier {
    mode: ClipboardMode,
    env: Environment,
    system: Option<Box<dyn Clipboard>>,
    open_system: SystemOpener,
    /// In `auto`, a system clipboard that could not be opened (Wayland without XWayland, a
    /// display that refuses us) is not retried on every copy, nor reported every time.
    system_unavailable: bool,
}

impl Copier {
    /// A copier for a program that stays running (the reader): arboard for the system
    /// clipboard (X11, Wayland through the data-control protocol, macOS, Windows), else the
    /// clipboard command of the session (`wl-copy`, `xclip`, `xsel`) where arboard cannot reach
    /// the compositor (GNOME offers no data-control).
    pub fn new(mode: ClipboardMode, env: Environment) -> Copier {
        let commands = clipboard_commands(&env);
        let open = move || {
            open_arboard().or_else(|arboard| {
                open_command(&commands).map_err(|none| format!("{arboard}; {none}"))
            })
        };
        Copier::with_opener(mode, env, Box::new(open))
    }

    /// A copier for a command that exits right after the copy (`lunwen quote --copy`): on X11
    /// and Wayland the clipboard is served by the program that set it, so only a clipboard
    /// command, which leaves a process behind to serve it, keeps the text after lunwen exits.
    /// Without one the system clipboard is not used and the note says only OSC 52 carried it;
    /// macOS and Windows keep what arboard sets.
    pub fn lasting(mode: ClipboardMode, env: Environment) -> Copier {
        if cfg!(any(target_os = "macos", windows)) {
            return Copier::new(mode, env);
        }
        let commands = clipboard_commands(&env);
        let open = move || {
            open_command(&commands).map_err(|none| {
                format!(
                    "{none}, so the text would not outlast lunwen (install wl-clipboard or xclip)"
                )
            })
        };
        Copier::with_opener(mode, env, Box::new(open))
    }

    /// A copier whose system clipboard comes from `open` (a fake in tests).
    pub fn with_opener(mode: ClipboardMode, env: Environment, open: SystemOpener) -> Copier {
        Copier {
            mode,
            env,
            system: None,
            open_system: open,
            system_unavailable: false,
        }
    }

    pub fn mode(&self) -> ClipboardMode {
        self.mode
    }

    pub fn set_mode(&mut self, mode: ClipboardMode) {
        self.mode = mode;
        self.system_unavailable = false;
    }

    pub fn environment(&self) -> &Environment {
        &self.env
    }

    /// Puts `text` on the clipboard by the paths the mode and environment call for. Fails only
    /// when no path took the text; the error says why for each path tried.
    pub fn copy(&mut self, text: &str) -> Result<CopyReport, String> {
        let mut report = CopyReport::default();
        match self.mode {
            ClipboardMode::Off => {
                return Err("copying is off (clipboard = \"off\" in the config)".to_string());
            }
            ClipboardMode::System => {
                self.set_system(text)
                    .map_err(|e| format!("system clipboard: {e}"))?;
                report.paths.push(CopyPath::System);
            }
            ClipboardMode::Osc52 => {
                report.osc52 = self.osc52(text)?;
                report.paths.push(CopyPath::Osc52);
            }
            ClipboardMode::Auto => {
                if !self.env.ssh && self.env.display && !self.system_unavailable {
                    let opened_before = self.system.is_some();
                    match self.set_system(text) {
                        Ok(()) => report.paths.push(CopyPath::System),
                        Err(e) => {
                            self.system_unavailable = !opened_before;
                            report.notes.push(format!("system clipboard: {e}"));
                        }
                    }
                }
                match self.osc52(text) {
                    Ok(bytes) => {
                        report.osc52 = bytes;
                        report.paths.push(CopyPath::Osc52);
                    }
                    Err(e) => report.notes.push(e),
                }
                if report.paths.is_empty() {
                    return Err(report.notes.join("; "));
                }
            }
        }
        Ok(report)
    }

    fn osc52(&self, text: &str) -> Result<Vec<u8>, String> {
        if text.len() > OSC52_MAX_TEXT {
            return Err(format!(
                "OSC 52: {} KB is more than terminals accept ({} KB); copy a shorter passage",
                text.len().div_ceil(1000),
                OSC52_MAX_TEXT / 1000
            ));
        }
        let mux = self.env.multiplexer();
        Ok(match mux {
            // tmux with `set-clipboard on` takes the plain sequence itself (into its buffer, and
            // on to the outer terminal); the passthrough copy reaches the outer terminal when
            // `allow-passthrough` is on instead. Each is dropped harmlessly where it does not apply.
            Multiplexer::Tmux => {
                let mut bytes = osc52_sequence(text, Multiplexer::None);
                bytes.extend(osc52_sequence(text, Multiplexer::Tmux));
                bytes
            }
            other => osc52_sequence(text, other),
        })
    }

    fn set_system(&mut self, text: &str) -> Result<(), String> {
        if self.system.is_none() {
            self.system = Some((self.open_system)()?);
        }
        let Some(clip) = self.system.as_mut() else {
            return Err("no system clipboard".to_string());
        };
        let result = clip.set_text(text);
        if result.is_err() {
            // A clipboard that failed (display gone) is reopened on the next copy.
            self.system = None;
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn env(vars: &[(&str, &str)]) -> Environment {
        Environment::from_lookup(
            |k| {
                vars.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            },
            false,
        )
    }

    /// A copier whose system clipboard is `fake`, counting how often it was opened.
    fn copier(
        mode: ClipboardMode,
        env: Environment,
        fake: FakeClipboard,
    ) -> (Copier, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        let opened = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = opened.clone();
        let open: SystemOpener = Box::new(move || {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(Box::new(fake.clone()) as Box<dyn Clipboard>)
        });
        (Copier::with_opener(mode, env, open), opened)
    }

    #[test]
    fn osc52_bytes_exactly() {
        // "论文" is e8 ae ba e6 96 87, base64 6K665paH
        assert_eq!(
            osc52_sequence("论文", Multiplexer::None),
            b"\x1b]52;c;6K665paH\x1b\\".to_vec()
        );
        assert_eq!(
            osc52_sequence("论文", Multiplexer::Tmux),
            b"\x1bPtmux;\x1b\x1b]52;c;6K665paH\x1b\x1b\\\x1b\\".to_vec()
        );
        assert_eq!(
            osc52_sequence("论文", Multiplexer::Screen),
            b"\x1bP\x1b]52;c;6K665paH\x07\x1b\\".to_vec()
        );
        assert_eq!(
            osc52_sequence("", Multiplexer::None),
            b"\x1b]52;c;\x1b\\".to_vec()
        );
    }

    #[test]
    fn screen_sequence_is_cut_into_small_dcs_strings() {
        let text = "新".repeat(1000); // 3000 bytes, 4000 of base64
        let bytes = osc52_sequence(&text, Multiplexer::Screen);
        let mut chunks = 0;
        let mut inner = Vec::new();
        for (i, w) in bytes.windows(2).enumerate() {
            if w == b"\x1bP" {
                let body = &bytes[i + 2..];
                let end = body
                    .windows(2)
                    .position(|w| w == b"\x1b\\")
                    .unwrap_or(body.len());
                assert!(end <= SCREEN_CHUNK, "chunk of {end} bytes");
                inner.extend_from_slice(&body[..end]);
                chunks += 1;
            }
        }
        assert_eq!(chunks, (8 + 4000usize).div_ceil(SCREEN_CHUNK));
        let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        assert_eq!(
            inner,
            [b"\x1b]52;c;".as_slice(), b64.as_bytes(), b"\x07"].concat()
        );
    }

    #[test]
    fn environment_is_read_from_the_variables() {
        let e = env(&[
            ("SSH_CONNECTION", "1.2.3.4 5 6.7.8.9 22"),
            ("TMUX", "/tmp/t,1,0"),
        ]);
        assert!(e.ssh && e.tmux && !e.display);
        assert_eq!(e.multiplexer(), Multiplexer::Tmux);
        assert_eq!(
            env(&[("STY", "123.pts")]).multiplexer(),
            Multiplexer::Screen
        );
        assert_eq!(
            env(&[("TERM", "tmux-256color")]).multiplexer(),
            Multiplexer::Tmux
        );
        assert_eq!(
            env(&[("TERM", "screen-256color")]).multiplexer(),
            Multiplexer::None
        );
        assert!(env(&[("WAYLAND_DISPLAY", "wayland-0")]).display);
        assert!(!env(&[("DISPLAY", "")]).display);
        assert!(Environment::from_lookup(|_| None, true).display);
    }

    #[test]
    fn auto_over_ssh_uses_osc52_alone() {
        let fake = FakeClipboard::new();
        let e = env(&[("SSH_TTY", "/dev/pts/3"), ("DISPLAY", "localhost:10.0")]);
        let (mut c, opened) = copier(ClipboardMode::Auto, e, fake.clone());
        let r = c.copy("论文").unwrap();
        assert_eq!(r.paths, vec![CopyPath::Osc52]);
        assert_eq!(r.osc52, osc52_sequence("论文", Multiplexer::None));
        assert_eq!(opened.load(std::sync::atomic::Ordering::SeqCst), 0);
        assert!(fake.texts().is_empty());
    }

    #[test]
    fn auto_on_a_desktop_uses_both_and_keeps_one_clipboard() {
        let fake = FakeClipboard::new();
        let (mut c, opened) = copier(ClipboardMode::Auto, env(&[("DISPLAY", ":0")]), fake.clone());
        let r = c.copy("一").unwrap();
        assert_eq!(r.paths, vec![CopyPath::System, CopyPath::Osc52]);
        assert_eq!(r.describe(), "system clipboard + OSC 52");
        c.copy("二").unwrap();
        assert_eq!(fake.texts(), vec!["一", "二"]);
        assert_eq!(opened.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn auto_with_no_display_uses_osc52_alone_wrapped_for_tmux() {
        let (mut c, opened) = copier(
            ClipboardMode::Auto,
            env(&[("TMUX", "/tmp/t,1,0")]),
            FakeClipboard::new(),
        );
        let r = c.copy("论文").unwrap();
        assert_eq!(r.paths, vec![CopyPath::Osc52]);
        let mut expected = osc52_sequence("论文", Multiplexer::None);
        expected.extend(osc52_sequence("论文", Multiplexer::Tmux));
        assert_eq!(r.osc52, expected);
        assert_eq!(opened.load(std::sync::atomic::Ordering::SeqCst), 0);
    }

    #[test]
    fn auto_falls_back_to_osc52_when_the_system_clipboard_fails() {
        let (mut c, _) = copier(
            ClipboardMode::Auto,
            env(&[("DISPLAY", ":0")]),
            FakeClipboard::failing("X11 server went away"),
        );
        let r = c.copy("论文").unwrap();
        assert_eq!(r.paths, vec![CopyPath::Osc52]);
        assert_eq!(r.notes, vec!["system clipboard: X11 server went away"]);
    }

    #[test]
    fn a_system_clipboard_that_cannot_be_opened_is_reported_once() {
        let opened = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = opened.clone();
        let open: SystemOpener = Box::new(move || {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Err("no X11 server".to_string())
        });
        let mut c = Copier::with_opener(
            ClipboardMode::Auto,
            env(&[("WAYLAND_DISPLAY", "w-0")]),
            open,
        );
        assert_eq!(
            c.copy("一").unwrap().notes,
            vec!["system clipboard: no X11 server"]
        );
        let r = c.copy("二").unwrap();
        assert_eq!(r.paths, vec![CopyPath::Osc52]);
        assert!(r.notes.is_empty());
        assert_eq!(opened.load(std::sync::atomic::Ordering::SeqCst), 1);
        // forcing the system clipboard tries again and says why it fails
        c.set_mode(ClipboardMode::System);
        assert_eq!(c.copy("三").unwrap_err(), "system clipboard: no X11 server");
        assert_eq!(opened.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[test]
    fn forced_modes_take_one_path() {
        let fake = FakeClipboard::new();
        let (mut c, _) = copier(
            ClipboardMode::System,
            env(&[("SSH_TTY", "/dev/pts/1")]),
            fake.clone(),
        );
        let r = c.copy("甲").unwrap();
        assert_eq!(r.paths, vec![CopyPath::System]);
        assert!(r.osc52.is_empty());
        assert_eq!(fake.texts(), vec!["甲"]);

        let (mut c, opened) = copier(
            ClipboardMode::Osc52,
            env(&[("DISPLAY", ":0")]),
            fake.clone(),
        );
        assert_eq!(c.copy("乙").unwrap().paths, vec![CopyPath::Osc52]);
        assert_eq!(opened.load(std::sync::atomic::Ordering::SeqCst), 0);

        c.set_mode(ClipboardMode::Off);
        assert!(c.copy("丙").unwrap_err().contains("off"));

        let (mut c, _) = copier(
            ClipboardMode::System,
            Environment::default(),
            FakeClipboard::failing("no display"),
        );
        assert_eq!(c.copy("丁").unwrap_err(), "system clipboard: no display");
    }

    #[test]
    fn payloads_too_large_for_osc52_are_refused_with_a_message() {
        let big = "字".repeat(OSC52_MAX_TEXT / 3 + 1);
        let (mut c, _) = copier(
            ClipboardMode::Auto,
            Environment::default(),
            FakeClipboard::new(),
        );
        let err = c.copy(&big).unwrap_err();
        assert!(err.contains("OSC 52") && err.contains("74 KB"), "{err}");
        let fits = "x".repeat(OSC52_MAX_TEXT);
        assert!(c.copy(&fits).is_ok());
        // on a desktop the system clipboard still takes it, and the report says OSC 52 was skipped
        let (mut c, _) = copier(
            ClipboardMode::Auto,
            env(&[("DISPLAY", ":0")]),
            FakeClipboard::new(),
        );
        let r = c.copy(&big).unwrap();
        assert_eq!(r.paths, vec![CopyPath::System]);
        assert!(r.osc52.is_empty());
        assert!(r.notes[0].contains("more than terminals accept"));
    }

    /// What a terminal behind the multiplexer would receive: the unwrapped OSC 52 payload.
    fn unwrap_payload(bytes: &[u8], mux: Multiplexer) -> Vec<u8> {
        let inner: Vec<u8> = match mux {
            Multiplexer::None => bytes.to_vec(),
            Multiplexer::Tmux => {
                let body = &bytes[b"\x1bPtmux;".len()..bytes.len() - 2];
                let mut out = Vec::new();
                let mut i = 0;
                while i < body.len() {
                    // every ESC of the wrapped sequence is doubled
                    if body[i] == 0x1b {
                        assert_eq!(
                            body.get(i + 1),
                            Some(&0x1b),
                            "lone ESC inside tmux passthrough"
                        );
                        i += 1;
                    }
                    out.push(body[i]);
                    i += 1;
                }
                out
            }
            Multiplexer::Screen => {
                let mut out = Vec::new();
                let mut rest = bytes;
                while !rest.is_empty() {
                    assert!(rest.starts_with(b"\x1bP"));
                    let end = rest.windows(2).position(|w| w == b"\x1b\\").unwrap();
                    assert!(end - 2 <= SCREEN_CHUNK);
                    out.extend_from_slice(&rest[2..end]);
                    rest = &rest[end + 2..];
                }
                out
            }
        };
        let start = b"\x1b]52;c;".len();
        let end = inner.len() - if mux == Multiplexer::Screen { 1 } else { 2 };
        assert!(inner.starts_with(b"\x1b]52;c;"));
        base64::engine::general_purpose::STANDARD
            .decode(&inner[start..end])
            .unwrap()
    }

    proptest::proptest! {
        #[test]
        fn every_wrapping_delivers_the_text_intact(text in "\\PC{0,400}", m in 0usize..3) {
            let mux = [Multiplexer::None, Multiplexer::Tmux, Multiplexer::Screen][m];
            let bytes = osc52_sequence(&text, mux);
            proptest::prop_assert_eq!(unwrap_payload(&bytes, mux), text.as_bytes());
        }
    }

    #[test]
    fn the_limit_is_the_longest_text_whose_sequence_fits_100000_bytes() {
        let len = |n: usize| osc52_sequence(&"x".repeat(n), Multiplexer::None).len();
        assert!(len(OSC52_MAX_TEXT) <= 100_000);
        assert!(len(OSC52_MAX_TEXT + 1) > 100_000);
    }
}
