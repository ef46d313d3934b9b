//! What a crash tells the user: the panic message, then that it is a bug and where to report
//! it. The subcommands get this hook as it is; the reader puts its own on top, which restores
//! the terminal first.

use std::sync::Once;

/// The line printed after a panic message.
pub fn report_note() -> String {
    let repo = option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty());
    format!(
        "lunwen crashed; this is a bug. Please report it{} with the message above and what you were doing.",
        repo.map(|r| format!(" at {r}/issues"))
            .unwrap_or_else(|| " to the lunwen issue tracker".into())
    )
}

/// Installs the hook once: the default message (with its location), then [`report_note`].
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            previous(info);
            eprintln!("\n{}", report_note());
        }));
    });
}

/// Lets a closed pipe end the process quietly, as it does `cat` and `grep`: Rust ignores
/// SIGPIPE, so `lunwen list | head -1` would otherwise die in `println!` with a panic.
pub fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of a signal, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Test hook for the crash message of the subcommands (tests/cli_files.rs); debug builds only.
pub fn debug_panic(place: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("LUNWEN_DEBUG_PANIC").as_deref() == Ok(place) {
        panic!("LUNWEN_DEBUG_PANIC={place}: crashing on purpose");
    }
    #[cfg(not(debug_assertions))]
    let _ = place;
}
