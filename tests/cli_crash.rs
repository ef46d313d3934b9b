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
