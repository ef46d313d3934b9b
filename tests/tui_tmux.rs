//! The reader in a real terminal: tmux runs the binary, keys are sent to it, and the pane, its
//! title, tmux's paste buffers and the tty modes are inspected afterwards. Skipped (with a
//! message) where tmux is not installed, except where it is required (see `common::tmux`).

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::tmux::{Tmux, q};

/// A shell script running lunwen isolated in `home`, then reporting how it ended and the tty
/// modes it left behind.
fn script(home: &Path, corpus: &Path, extra_env: &str) -> String {
    format!(
        "export HOME={h} XDG_CONFIG_HOME={h}/xdg XDG_DATA_HOME={h}/data LUNWEN_STATE_DIR={h}/state TERM=xterm-256color {extra_env}; \
         unset LUNWEN_CONFIG LUNWEN_CORPUS; \
         {bin} --corpus {c}; echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' '; echo MODES; sleep 60",
        h = q(home),
        bin = q(Path::new(env!("CARGO_BIN_EXE_lunwen"))),
        c = q(corpus),
    )
}

/// Every escape sequence on a `capture-pane -e` screen is SGR (colours); anything else came
/// from the paper.
fn assert_only_colours(screen: &str) {
    let mut rest = screen;
    while let Some(at) = rest.find('\u{1b}') {
        let seq = &rest[at..];
        assert!(
            seq.starts_with("\u{1b}["),
            "non-CSI escape on screen: {seq:.40?}"
        );
        let end = seq[2..]
            .find(|c: char| ('@'..='~').contains(&c))
            .map(|i| i + 2)
            .unwrap_or_else(|| panic!("unterminated CSI: {seq:.40?}"));
        assert_eq!(&seq[end..=end], "m", "non-SGR sequence {:?}", &seq[..=end]);
        rest = &seq[end + 1..];
    }
    for remnant in ["52;c;", "cm0gLXJmIH4=", "pwned", "[31;1m", "[2J"] {
        assert!(
            !screen.contains(remnant),
            "escape remnant {remnant} on screen"
        );
    }
    for c in screen.chars() {
        assert!(
            !c.is_control() || c == '\n' || c == '\u{1b}',
            "{c:?} on screen"
        );
    }
}

fn state_dir(home: &Path) -> PathBuf {
    home.join("state")
}

/// Guards: sanitizing (parser, loader, ui) seen from a real terminal. An OSC 52 in the paper
/// that reached tmux would fill a paste buffer; an OSC 0 would retitle the pane.
#[test]
fn a_hostile_corpus_cannot_touch_the_clipboard_title_or_screen() {
    let corpus = common::hostile::corpus_dir();
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("hostile", &script(home.path(), corpus.path(), "")) else {
        return;
    };
    let title_before = t.out(&["display", "-p", "#{pane_title}"]);
    t.wait_for("题名", Duration::from_secs(20));
    // Open each paper, page through it, open notes, show help.
    for _ in 0..4 {
        t.keys(&[
            "Enter", "m", "Enter", "Escape", "Space", "m", "Enter", "Escape",
        ]);
        t.keys(&["Space", "Space", "Space", "1", "j"]);
        assert_only_colours(&t.screen());
    }
    // Search the corpus: hit rows quote the hostile text.
    t.keys(&["/", "z", "h", "e", "n", "g", "w", "e", "n"]);
    std::thread::sleep(Duration::from_millis(500));
    assert_only_colours(&t.screen());
    t.keys(&["Enter"]);
    assert_only_colours(&t.screen());
    t.keys(&["/", "题", "名"]);
    std::thread::sleep(Duration::from_millis(500));
    assert_only_colours(&t.screen());
    t.keys(&["Escape", "Escape"]);
    t.keys(&["?"]);
    assert_only_colours(&t.screen());
    t.keys(&["?", "q"]);
    let end = t.wait_for("MODES", Duration::from_secs(20));
    assert!(end.contains("EXIT=0"), "{end}");
    assert_eq!(t.out(&["list-buffers"]), "", "an OSC 52 reached tmux");
    assert_eq!(t.out(&["display", "-p", "#{pane_title}"]), title_before);
    assert!(!end.contains("pwned"));
}

/// Guard: copies are built from sanitized paper text and sent base64-encoded in OSC 52, so a
/// hostile paper cannot put control characters on the clipboard, break out of the sequence, or
/// into the quote log.
#[test]
fn copying_from_a_hostile_paper_puts_only_clean_text_on_the_clipboard() {
    let corpus = common::hostile::corpus_dir();
    let home = tempfile::tempdir().unwrap();
    let conf = home.path().join("xdg/lunwen");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(conf.join("config.toml"), "clipboard = \"osc52\"\n").unwrap();
    // Outside tmux's passthrough, so tmux itself takes the OSC 52 into a paste buffer.
    let Some(t) = Tmux::start("copy", &script(home.path(), corpus.path(), "; unset TMUX")) else {
        return;
    };
    t.wait_for("题名", Duration::from_secs(20));
    // A sentence and a paragraph from each paper.
    t.keys(&["Enter", "y", "Y"]);
    for _ in 0..3 {
        t.keys(&["1", "j", "Enter", "y", "Y"]);
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_only_colours(&t.screen());
    t.keys(&["q"]);
    let end = t.wait_for("MODES", Duration::from_secs(20));
    assert!(end.contains("EXIT=0"), "{end}");
    let names = t.out(&["list-buffers", "-F", "#{buffer_name}"]);
    let copies: Vec<String> = names
        .lines()
        .map(|b| t.out(&["show-buffer", "-b", b]))
        .collect();
    assert!(copies.len() >= 4, "copies missing: {copies:?}\n{end}");
    for c in &copies {
        common::hostile::assert_inert("clipboard", c.as_bytes());
    }
    assert!(
        copies
            .iter()
            .any(|c| c.contains("题名题名红") && c.contains("期刊期刊红")),
        "no copy from the hostile paper: {copies:?}"
    );
    let log = std::fs::read(home.path().join("data/lunwen/quotes.jsonl")).unwrap_or_default();
    assert!(!log.is_empty(), "the copy should be logged");
    common::hostile::assert_inert("quote log", &log);
}

/// Guard: the panic hook in `tui::run` (restore the terminal, then print the message and where
/// to report). Without it the shell is left raw (`-icanon -echo`) in the alternate screen.
#[test]
fn a_panic_restores_the_terminal_and_says_where_to_report_it() {
    let home = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a.txt"), "标题\n\n正文。\n").unwrap();
    let Some(t) = Tmux::start(
        "panic",
        &script(home.path(), corpus.path(), "LUNWEN_DEBUG_PANIC=1"),
    ) else {
        return;
    };
    let end = t.wait_for("MODES", Duration::from_secs(20));
    assert!(end.contains("EXIT=101"), "{end}");
    assert!(
        end.contains("crashing on purpose"),
        "panic message missing:\n{end}"
    );
    assert!(end.contains("lunwen crashed; this is a bug"), "{end}");
    assert!(end.contains("report"), "{end}");
    assert!(
        end.contains("icanon echo"),
        "terminal left in raw mode:\n{end}"
    );
    assert!(!end.contains("-icanon") && !end.contains("-echo "), "{end}");
    assert_eq!(t.out(&["display", "-p", "#{alternate_on}"]).trim(), "0");
}

/// Guard: the panic hook ending the process when a background thread panics. Without it the
/// hook restores the terminal and the reader goes on drawing into the restored shell.
#[test]
fn a_panic_in_a_background_thread_ends_the_reader_cleanly() {
    let home = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a.txt"), "标题\n\n正文。\n").unwrap();
    let Some(t) = Tmux::start(
        "thread",
        &script(home.path(), corpus.path(), "LUNWEN_DEBUG_PANIC=thread"),
    ) else {
        return;
    };
    let end = t.wait_for("MODES", Duration::from_secs(20));
    assert!(end.contains("EXIT=101"), "{end}");
    assert!(end.contains("crashing on purpose in a thread"), "{end}");
    assert!(end.contains("lunwen crashed; this is a bug"), "{end}");
    assert!(end.contains("icanon echo"), "terminal left raw:\n{end}");
    assert_eq!(t.out(&["display", "-p", "#{alternate_on}"]).trim(), "0");
}

/// Guard: `state::load` reporting and ignoring a corrupt file. Without it the reader refuses to
/// start (or panics) until the user finds and deletes the file.
#[test]
fn a_corrupt_state_file_is_reported_and_the_reader_still_starts() {
    let home = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a.txt"), "标题\n\n正文。\n").unwrap();
    let dir = state_dir(home.path());
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("state.json"), "{\"papers\": {\"a\": {\"it").unwrap();
    let Some(t) = Tmux::start("state", &script(home.path(), corpus.path(), "")) else {
        return;
    };
    let screen = t.wait_for("正文", Duration::from_secs(20));
    assert!(
        screen.contains("state.json") && screen.contains("not a valid state file"),
        "{screen}"
    );
    t.keys(&["j", "q"]);
    let end = t.wait_for("MODES", Duration::from_secs(20));
    assert!(end.contains("EXIT=0"), "{end}");
    // The next save replaced the broken file with a good one.
    let text = std::fs::read_to_string(dir.join("state.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(v.get("papers").is_some(), "{text}");
}

/// The new-user trial: a GBK paper and a binary file dropped into a corpus directory. Guards:
/// `decode`'s GBK fallback (the paper opens with its title) and the start-up notice naming the
/// skipped file (`tui::problems_notice`).
#[test]
fn a_dropped_gbk_paper_opens_and_the_binary_file_is_named() {
    let home = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let paper = include_str!("../corpus/003_9cc47190004817c5.txt");
    std::fs::write(
        corpus.path().join("中美战略竞争_gbk.txt"),
        encoding_rs::GBK.encode(paper).0,
    )
    .unwrap();
    let png = [&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], &[0u8; 64]].concat();
    std::fs::write(corpus.path().join("scan.txt"), png).unwrap();
    let Some(t) = Tmux::start("trial", &script(home.path(), corpus.path(), "")) else {
        return;
    };
    // The status bar is drawn after the panes: waiting for the title alone can catch a frame
    // half drawn.
    let screen = t.wait_for(
        "scan.txt: skipped: binary file, not text",
        Duration::from_secs(20),
    );
    assert!(
        screen.contains("中美战略竞争背景下中国新质生产力发展的战略路径"),
        "{screen}"
    );
    t.keys(&["q"]);
    assert!(
        t.wait_for("MODES", Duration::from_secs(20))
            .contains("EXIT=0")
    );
}
