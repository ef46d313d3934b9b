//! A private tmux server for the real-terminal tests: one shell command in a pane, keys sent to
//! it, the pane read back. Where tmux is missing the tests skip, with a message, unless they are
//! required (`LUNWEN_E2E_REQUIRED=1` or `CI` set, as in `.ci/run`, which installs tmux): there a
//! missing tmux is a failure.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server running one shell command in a 100×30 pane.
pub struct Tmux {
    socket: String,
    _dir: tempfile::TempDir,
}

impl Tmux {
    pub fn start(name: &str, script: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                !super::e2e_required(),
                "tmux is required here (LUNWEN_E2E_REQUIRED or CI) for {name}"
            );
            eprintln!("tmux not installed: skipping the real-terminal test {name}");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("tmux.conf");
        // set-clipboard on: an OSC 52 reaching tmux would land in a paste buffer we can see.
        std::fs::write(
            &conf,
            "set -g set-clipboard on\nset -g allow-rename on\nset -g status off\n",
        )
        .unwrap();
        let socket = format!("lunwen-{name}-{}", std::process::id());
        let t = Tmux { socket, _dir: dir };
        let ok = t
            .cmd()
            .arg("-f")
            .arg(&conf)
            .args([
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
                "sh",
                "-c",
                script,
            ])
            .status()
            .unwrap()
            .success();
        assert!(ok, "tmux would not start");
        Some(t)
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    pub fn out(&self, args: &[&str]) -> String {
        let o = self.cmd().args(args).output().unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd().args(["send-keys", k]).status().unwrap();
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Types `text` as it is (`send-keys -l`: no key names).
    pub fn type_text(&self, text: &str) {
        self.cmd().args(["send-keys", "-l", text]).status().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// The visible pane with its colours (`-e`).
    pub fn screen(&self) -> String {
        self.out(&["capture-pane", "-p", "-e"])
    }

    pub fn wait_for(&self, what: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.out(&["capture-pane", "-p"]);
            if s.contains(what) {
                return s;
            }
            assert!(
                start.elapsed() < timeout,
                "'{what}' never appeared on the screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// Shell-quotes `s`.
pub fn q(s: &Path) -> String {
    format!("'{}'", s.display().to_string().replace('\'', "'\\''"))
}
