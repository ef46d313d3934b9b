//! A panic in a subcommand: the message, where it happened, that it is a bug and where to
//! report it, and nothing on stdout but what was printed before.

mod common;

/// Guard: `crash::install_hook` in `cli::run`. Without it a crash prints Rust's bare panic
/// message and nothing says it is a bug or where to report it.
#[test]
fn a_crash_in_a_subcommand_says_it_is_a_bug_and_where_to_report_it() {
    let home = tempfile::tempdir().unwrap();
    let out = common::lunwen(home.path())
        .env("LUNWEN_DEBUG_PANIC", "cli")
        .arg("list")
        .output()
        .unwrap();
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(101), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains("crashing on purpose"), "{err}");
    assert!(
        err.contains("src/crash.rs"),
        "the location is part of the message: {err}"
    );
    assert!(
        err.contains("lunwen crashed; this is a bug. Please report it"),
        "{err}"
    );
    common::hostile::assert_inert("crash stderr", &out.stderr);
}

/// Guard: `crash::default_sigpipe`. Without it `lunwen export … | head` panics in `println!`
/// ("failed printing to stdout: Broken pipe") and reports a bug that is not one.
#[test]
fn a_reader_closing_the_pipe_early_is_not_a_crash() {
    use std::io::{BufRead as _, BufReader};
    use std::os::unix::process::ExitStatusExt as _;
    use std::process::Stdio;
    let home = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let paragraph = "新质生产力是推动高质量发展的内在要求。".repeat(40);
    let paper: String = (0..2000)
        .map(|i| format!("{i}号段落{paragraph}\n\n"))
        .collect();
    std::fs::write(corpus.path().join("big.txt"), format!("标题\n\n{paper}")).unwrap();
    let mut child = common::lunwen(home.path())
        .arg("--corpus")
        .arg(corpus.path())
        .args(["export", "--json", "big"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first.trim(), "{");
    // The reader is gone: the rest of the (several MB) output has nowhere to go.
    let out = child.wait_with_output().unwrap();
    let err = common::text(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("this is a bug"), "{err}");
    assert!(
        out.status.success() || out.status.signal() == Some(libc::SIGPIPE),
        "{:?}",
        out.status
    );
}
