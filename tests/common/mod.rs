//! Running the built binary in tests: every run gets a private HOME and XDG dirs, so the user's
//! real config, state and quote log are never read or written.

#![allow(dead_code)]

pub mod hostile;
pub mod tmux;

use std::path::Path;
use std::process::Command;

/// A `lunwen` command isolated in `home`; its data directory (reading positions and quote log)
/// is `home/data`.
pub fn lunwen(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lunwen"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("xdg"))
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_STATE_HOME", home.join("xdg-state"))
        .env("LUNWEN_DATA_DIR", home.join("data"))
        .env_remove("LUNWEN_CONFIG")
        .env_remove("LUNWEN_CORPUS")
        .env_remove("LUNWEN_STATE_DIR")
        .env_remove("NO_COLOR");
    cmd
}

/// Must the end-to-end tests, whose outside tools (tmux, pandoc, vim) may be missing, run here?
/// Where `LUNWEN_E2E_REQUIRED=1` or `CI` is set (`.ci/run`, which installs them): there a
/// missing tool is a failure, elsewhere the test is skipped with a message.
pub fn e2e_required() -> bool {
    std::env::var("LUNWEN_E2E_REQUIRED").is_ok_and(|v| v == "1") || std::env::var_os("CI").is_some()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `lunwen ARGS` isolated in a fresh temp home: (success, stdout, stderr).
pub fn run(args: &[&str]) -> (bool, String, String) {
    let home = tempfile::tempdir().expect("temp home");
    let out = lunwen(home.path()).args(args).output().expect("run lunwen");
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}
