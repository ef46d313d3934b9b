//! `lunwen pick`'s mistakes, which it reports before it draws anything: each ends with exit
//! status 2 (1 is kept for "nothing picked"), a message, and nothing on stdout. Each run is
//! without a controlling terminal, so the message is on stderr (with one, and stderr not it,
//! the message goes to the terminal). The picking itself: tests/pick_tmux.rs.

mod common;

use std::process::Output;

/// Runs `lunwen pick ARGS` isolated, in a session of its own with no controlling terminal, as an
/// editor's `:!` starts it (Neovim, Emacs).
fn pick(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("temp home");
    let mut cmd = common::lunwen(home.path());
    cmd.arg("pick").args(args);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        // SAFETY: setsid is async-signal-safe; it only makes the child a session leader with
        // no controlling terminal.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
    }
    cmd.output().expect("run lunwen pick")
}

fn fails_with(out: &Output, message: &str) {
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(message), "{err}");
    assert!(out.stdout.is_empty(), "{}", common::text(&out.stdout));
}

#[test]
fn mistakes_are_said_before_drawing() {
    fails_with(
        &pick(&["--template", "{quote} {nope}"]),
        "unknown placeholder '{nope}' in --template",
    );
    fails_with(&pick(&["--paper", "zzz"]), "zzz");
    fails_with(&pick(&["--height", "0"]), "'0' is not a height");
    fails_with(&pick(&["--height", "150%"]), "'150%' is not a height");
}

#[cfg(unix)]
#[test]
fn without_a_terminal_it_says_where_to_run_it() {
    let out = pick(&["xzscl"]);
    fails_with(&out, "no terminal to draw the picker on (/dev/tty: ");
    assert!(common::text(&out.stderr).contains("terminal buffer, see the README"));
}
