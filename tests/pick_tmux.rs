//! `lunwen pick` in a real terminal, where writers run it: inside `$(…)` in a shell, with stdin
//! not a terminal, and from vim's `:r !`. tmux runs the shell, keys are typed into the pane, and
//! what the picker wrote (to a file, so the test reads it byte for byte), its exit status and
//! the pane after it are checked. Skipped where tmux (or vim) is missing, unless required (see
//! `common::e2e_required`).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::tmux::{Tmux, q};

/// The second hit for `xzscl` on the bundled papers, as the default `quote_template` writes it:
/// the sentence with its punctuation made right for a Chinese paper, its GB/T 7714 marker, and
/// the reference entry on the next line.
const SECOND_HIT: &str = "“从本质上看，新质生产力的发展有利于我国构建以国内大循环为主体、国内国际双循环相互促进的新发展格局。”[1]\n刘博, 蔡文成. 以新质生产力发展赋能高质量共建“一带一路”研究[J]. 中州学刊, 2025(6): 34-41.";

const WAIT: Duration = Duration::from_secs(20);

/// Shell lines that isolate lunwen in `home` (config, data, quote log) and put it on the PATH.
fn isolated(home: &Path) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_lunwen"));
    format!(
        "export HOME={h} XDG_CONFIG_HOME={h}/xdg XDG_DATA_HOME={h}/xdg-data LUNWEN_DATA_DIR={h}/data \
         TERM=xterm-256color PATH={dir}:\"$PATH\"; unset LUNWEN_CONFIG LUNWEN_CORPUS LUNWEN_STATE_DIR DISPLAY",
        h = q(home),
        dir = q(bin.parent().unwrap_or(Path::new("/"))),
    )
}

/// Runs `command` in a shell in tmux after two lines of output, then says how it ended (`EXIT=`)
/// and waits, so the pane can be read.
fn shell(name: &str, home: &Path, command: &str) -> Option<Tmux> {
    let script = format!(
        "{}; printf 'one\\ntwo\\n'; {command}; echo \"EXIT=$?\"; echo DONE; sleep 60",
        isolated(home)
    );
    Tmux::start(name, &script)
}

/// Types the query, waits for its hits, selects the second and picks it.
fn pick_second_hit(t: &Tmux) {
    t.wait_for("Type to search", WAIT);
    t.type_text("xzscl");
    t.wait_for(" hits", WAIT);
    t.keys(&["Down"]);
    t.wait_for("一、引言", WAIT);
    t.keys(&["Enter"]);
}

fn logged(home: &Path) -> usize {
    std::fs::read_to_string(home.join("data/quotes.jsonl"))
        .map(|s| s.lines().count())
        .unwrap_or(0)
}

#[test]
fn dollar_paren_pick_is_exactly_the_quotation_and_its_citation() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("x.txt");
    let command = format!(
        "x=$(lunwen pick); s=$?; printf '%s' \"$x\" > {}; (exit $s)",
        q(&out)
    );
    let Some(t) = shell("dollar", home.path(), &command) else {
        return;
    };
    let during = t.wait_for("Type to search", WAIT);
    let lines: Vec<&str> = during.lines().collect();
    assert_eq!(
        &lines[..2],
        ["one", "two"],
        "drawn under the output:\n{during}"
    );
    // (tmux trims a row's trailing blanks: an empty query line reads `>` until the hit count
    // is drawn at its right end)
    assert!(
        lines[2].starts_with('>'),
        "the query line on the next row:\n{during}"
    );
    pick_second_hit(&t);
    let end = t.wait_for("DONE", WAIT);
    assert!(end.contains("EXIT=0"), "{end}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), SECOND_HIT);
    // The picker's rows are gone; the shell goes on where they started.
    let lines: Vec<&str> = end.lines().collect();
    assert_eq!(&lines[..4], ["one", "two", "EXIT=0", "DONE"], "{end}");
    assert!(!end.contains("enter quote"), "{end}");
    assert_eq!(logged(home.path()), 1, "the pick is in the quote log");
}

#[test]
fn esc_writes_nothing_and_exits_1_even_with_stdin_not_a_terminal() {
    for (name, redirect) in [("esc", ""), ("nostdin", " </dev/null")] {
        let home = tempfile::tempdir().unwrap();
        let out = home.path().join("x.txt");
        let command = format!(
            "x=$(lunwen pick xzscl{redirect}); s=$?; printf '%s' \"$x\" > {}; (exit $s)",
            q(&out)
        );
        let Some(t) = shell(name, home.path(), &command) else {
            return;
        };
        t.wait_for(" hits", WAIT);
        t.keys(&["Escape"]);
        let end = t.wait_for("DONE", WAIT);
        assert!(end.contains("EXIT=1"), "{name}: {end}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "", "{name}");
        assert_eq!(logged(home.path()), 0, "{name}");
        assert!(!end.contains(" hits"), "{name}: {end}");
        // stdin from /dev/null: the keys came from the terminal all the same
        let home = tempfile::tempdir().unwrap();
        let command = format!(
            "x=$(lunwen pick{redirect}); printf '%s' \"$x\" > {}",
            q(&out)
        );
        drop(t);
        let Some(t) = shell(&format!("{name}-pick"), home.path(), &command) else {
            return;
        };
        pick_second_hit(&t);
        let end = t.wait_for("DONE", WAIT);
        assert!(end.contains("EXIT=0"), "{name}: {end}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), SECOND_HIT, "{name}");
    }
}

#[test]
fn vim_reads_the_pick_into_the_buffer() {
    if Command::new("vim").arg("--version").output().is_err() {
        assert!(
            !common::e2e_required(),
            "vim is required here (LUNWEN_E2E_REQUIRED or CI)"
        );
        eprintln!("vim not installed: skipping vim_reads_the_pick_into_the_buffer");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let draft = home.path().join("draft.txt");
    std::fs::write(&draft, "引文：\n").unwrap();
    let command = format!("vim -u NONE -i NONE -n -N {}", q(&draft));
    let Some(t) = shell("vim", home.path(), &command) else {
        return;
    };
    t.wait_for("draft.txt", WAIT);
    t.type_text(":r !lunwen pick --template '{quote}'");
    t.keys(&["Enter"]);
    pick_second_hit(&t);
    // vim redraws with the quote under the line the cursor was on
    let screen = t.wait_for("从本质上看", WAIT);
    assert!(!screen.contains("enter quote"), "{screen}");
    t.type_text(":wq");
    t.keys(&["Enter"]);
    let end = t.wait_for("DONE", WAIT);
    assert!(end.contains("EXIT=0"), "{end}");
    assert_eq!(
        std::fs::read_to_string(&draft).unwrap(),
        "引文：\n从本质上看，新质生产力的发展有利于我国构建以国内大循环为主体、国内国际双循环相互促进的新发展格局。\n"
    );
    assert_eq!(logged(home.path()), 1);
}

/// The first ```LANG block of the README's `lunwen pick` section: the recipes tested here are
/// the ones the README gives.
fn recipe(lang: &str) -> String {
    let readme = include_str!("../README.md");
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("Quoting while writing"))
        .expect("the README's lunwen pick section");
    let open = format!("```{lang}\n");
    let start = section.find(&open).map(|i| i + open.len());
    let start = start.unwrap_or_else(|| panic!("no ```{lang} recipe"));
    let end = section[start..].find("```").expect("the recipe's end") + start;
    section[start..end].to_string()
}

/// Is `tool` installed? A missing one skips the test, except where the tests are required.
fn installed(tool: &str, test: &str) -> bool {
    if Command::new(tool).arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        !common::e2e_required(),
        "{tool} is required here (LUNWEN_E2E_REQUIRED or CI)"
    );
    eprintln!("{tool} not installed: skipping {test}");
    false
}

/// The second hit as `“{quote}”{intext}` writes it: the first line of [`SECOND_HIT`].
fn second_hit_inline() -> &'static str {
    SECOND_HIT.lines().next().unwrap_or_default()
}

#[test]
fn the_readmes_vim_mappings() {
    if !installed("vim", "the_readmes_vim_mappings") {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let vimrc = home.path().join("vimrc");
    std::fs::write(&vimrc, recipe("vim")).unwrap();
    let draft = home.path().join("draft.txt");
    std::fs::write(&draft, "引文：\n").unwrap();
    let command = format!("vim -u {} -i NONE -n -N {}", q(&vimrc), q(&draft));
    let Some(t) = shell("vimrc", home.path(), &command) else {
        return;
    };
    t.wait_for("draft.txt", WAIT);
    // insert mode: ctrl-x q puts the quote at the cursor; esc in the picker puts nothing
    t.type_text("A正如所说，");
    t.keys(&["C-x", "q"]);
    pick_second_hit(&t);
    t.wait_for("正如所说，“从本质上看", WAIT);
    t.keys(&["C-x", "q"]);
    t.wait_for("Type to search", WAIT);
    t.keys(&["Escape"]);
    t.wait_for("-- INSERT --", WAIT);
    // normal mode: \q reads the quotation and its citation in under the line
    t.keys(&["Escape"]);
    t.type_text("\\q");
    pick_second_hit(&t);
    t.wait_for("中州学刊", WAIT);
    t.type_text(":wq");
    t.keys(&["Enter"]);
    t.wait_for("DONE", WAIT);
    assert_eq!(
        std::fs::read_to_string(&draft).unwrap(),
        format!("引文：正如所说，{}\n{SECOND_HIT}\n", second_hit_inline())
    );
}

/// Runs `shell_command` (an interactive shell with the README's recipe loaded, prompt `pick$ `),
/// then on its command line: `echo `, the recipe's key (ctrl-x q), the second hit, ` > out`,
/// enter; and checks what the echo wrote.
fn command_line_recipe(name: &str, home: &Path, shell_command: &str) {
    let out = home.join("out.txt");
    let Some(t) = shell(name, home, shell_command) else {
        return;
    };
    t.wait_for("pick$", WAIT);
    t.type_text("echo ");
    t.keys(&["C-x", "q"]);
    pick_second_hit(&t);
    t.wait_for("echo '“从本质上看", WAIT);
    // esc in the picker leaves the command line as it was
    t.keys(&["C-x", "q"]);
    t.wait_for("Type to search", WAIT);
    t.keys(&["Escape"]);
    t.type_text(&format!(" > {}", q(&out)));
    t.keys(&["Enter"]);
    t.type_text("exit");
    t.keys(&["Enter"]);
    let end = t.wait_for("DONE", WAIT);
    assert!(end.contains("EXIT=0"), "{name}: {end}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap_or_default(),
        format!("{}\n", second_hit_inline()),
        "{name}"
    );
}

#[test]
fn the_readmes_zsh_widget() {
    if !installed("zsh", "the_readmes_zsh_widget") {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let dot = home.path().join("zdot");
    std::fs::create_dir_all(&dot).unwrap();
    std::fs::write(
        dot.join(".zshrc"),
        format!("PS1='pick$ '\n{}", recipe("zsh")),
    )
    .unwrap();
    let command = format!("ZDOTDIR={} zsh -i", q(&dot));
    command_line_recipe("zsh", home.path(), &command);
}

#[test]
fn the_readmes_bash_binding() {
    let home = tempfile::tempdir().unwrap();
    let rc = home.path().join("bashrc");
    std::fs::write(&rc, format!("PS1='pick$ '\n{}", recipe("bash"))).unwrap();
    let command = format!("bash --rcfile {} -i", q(&rc));
    command_line_recipe("bash", home.path(), &command);
}
