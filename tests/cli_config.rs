//! The config as a user meets it through the binary: exit codes and messages. Every run gets a
//! private HOME and XDG dirs so the real config is never read.

mod common;

use std::path::Path;
use std::process::Output;

use common::text;

fn lunwen(home: &Path, args: &[&str], config_var: Option<&Path>) -> Output {
    let mut cmd = common::lunwen(home);
    cmd.args(args);
    if let Some(p) = config_var {
        cmd.env("LUNWEN_CONFIG", p);
    }
    cmd.output().unwrap()
}

#[test]
fn a_typo_in_the_config_stops_every_command_with_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.toml");
    std::fs::write(
        &file,
        "[keymap.global]\nquit = [\"ctrl-q\"]\nqiut = [\"Q\"]\n",
    )
    .unwrap();
    let want = format!(
        "lunwen: {}:3: unknown action 'qiut' in [keymap.global] (did you mean 'quit'?)\n",
        file.display()
    );
    for args in [&["list"][..], &["keys"], &["config", "--check"]] {
        let mut with_flag = vec!["--config", file.to_str().unwrap()];
        with_flag.extend_from_slice(args);
        for out in [
            lunwen(home.path(), &with_flag, None),
            lunwen(home.path(), args, Some(&file)),
        ] {
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert_eq!(text(&out.stderr), want);
            assert!(out.stdout.is_empty());
        }
    }
    // Finding and reading the defaults must still work with a broken file.
    let out = lunwen(home.path(), &["config", "--path"], Some(&file));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), format!("{}\n", file.display()));
    let out = lunwen(home.path(), &["config", "--default"], Some(&file));
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("[keymap.global]"));
}

#[test]
fn keys_marks_the_users_rebinding() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.toml");
    std::fs::write(&file, "[keymap.global]\nquit = [\"ctrl-q\"]\n").unwrap();
    let out = lunwen(home.path(), &["keys"], Some(&file));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let quit = stdout.lines().find(|l| l.contains(" quit ")).unwrap();
    assert!(quit.starts_with("* quit"), "{quit}");
    assert!(
        quit.contains("ctrl-q") && !quit.contains("ctrl-c"),
        "{quit}"
    );
    assert!(stdout.ends_with(&format!("* set in {}\n", file.display())));
}

#[test]
fn no_user_file_means_defaults_and_nothing_is_written() {
    let home = tempfile::tempdir().unwrap();
    let out = lunwen(home.path(), &["config", "--path"], None);
    assert_eq!(out.status.code(), Some(0));
    let path = home.path().join("xdg").join("lunwen").join("config.toml");
    assert_eq!(text(&out.stdout), format!("{}\n", path.display()));
    assert!(text(&out.stderr).contains("no file there"));
    let out = lunwen(home.path(), &["config", "--check"], None);
    assert_eq!(out.status.code(), Some(0));
    let out = lunwen(home.path(), &["keys"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(!text(&out.stdout).contains("* "));
    assert!(
        !home.path().join("xdg").exists(),
        "lunwen wrote into the config dir"
    );
}

#[test]
fn config_corpus_dirs_are_used_below_flag_and_variable() {
    let home = tempfile::tempdir().unwrap();
    let papers = home.path().join("papers");
    std::fs::create_dir(&papers).unwrap();
    std::fs::write(papers.join("mine.txt"), "我的论文\n\n正文。\n").unwrap();
    let file = home.path().join("mine.toml");
    std::fs::write(&file, "corpus_dirs = [\"~/papers\"]\n").unwrap();
    let out = lunwen(home.path(), &["list"], Some(&file));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.starts_with("mine "), "{listed}");
    let out = lunwen(home.path(), &["list"], None);
    assert!(
        text(&out.stdout).lines().count() > 1,
        "bundled corpus without a config"
    );
}
