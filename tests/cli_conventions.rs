//! The conventions of a command-line tool: completions and a manual page, JSON where a script
//! reads the output, and exit statuses that say what happened.

mod common;

use common::run;

#[test]
fn completions_and_the_man_page_cover_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let (ok, out, err) = run(&["completions", shell]);
        assert!(ok, "{shell}: {err}");
        for word in ["cite", "info", "edit", "gbt7714"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    let (ok, man, err) = run(&["man"]);
    assert!(ok, "{err}");
    assert!(
        man.contains("\n.TH lunwen"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("zotero"));
    let (ok, _, err) = run(&["completions", "tcsh"]);
    assert!(!ok);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn json_output_for_scripts() {
    let parse = |args: &[&str]| -> serde_json::Value {
        let (ok, out, err) = run(args);
        assert!(ok || args[0] == "check", "{args:?}: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    };
    let list = parse(&["list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(4));
    assert_eq!(list[0]["journal"], "中州学刊");
    let outline = parse(&["outline", "000", "--json"]);
    assert!(outline["outline"][0]["heading"].is_string(), "{outline}");
    let cite = parse(&["cite", "000", "--json", "--style", "apa"]);
    assert_eq!(cite["style"], "apa");
    assert!(
        cite["citation"]
            .as_str()
            .is_some_and(|c| c.contains("(2025)"))
    );
    let check = parse(&["check", "--json"]);
    assert_eq!(check.as_array().map(Vec::len), Some(4));
    let keys = parse(&["keys", "--json"]);
    assert!(keys["global"].is_array());
}

#[test]
fn check_exits_1_when_it_reports_a_problem() {
    let (ok, out, _) = run(&["check"]);
    // The bundled papers include ones without a journal: check flags them.
    assert!(out.contains("!! "), "{out}");
    assert!(!ok);
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "数字经济研究\n\n张三\n\n一、引言\n\n正文。\n",
    )
    .expect("paper");
    std::fs::write(
        dir.path().join("a.toml"),
        "journal = \"经济研究\"\nyear = 2024\n",
    )
    .expect("sidecar");
    let corpus = dir.path().to_string_lossy();
    let (ok, out, err) = run(&["--corpus", &corpus, "check"]);
    assert!(ok, "{out}{err}");
    assert!(out.starts_with("ok a "), "{out}");
}

#[test]
fn lunwen_log_writes_a_log_file_in_the_data_directory() {
    let home = tempfile::tempdir().expect("home");
    let out = common::lunwen(home.path())
        .env("LUNWEN_LOG", "debug")
        .args(["--corpus", "/nonexistent-corpus", "list"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let log = std::fs::read_to_string(home.path().join("data/lunwen.log")).expect("log file");
    assert!(log.contains("info: 0 papers, 1 load problems"), "{log}");
    assert!(
        log.contains("warn: /nonexistent-corpus: cannot read corpus directory"),
        "{log}"
    );
    let quiet = tempfile::tempdir().expect("home");
    common::lunwen(quiet.path())
        .args(["list"])
        .output()
        .expect("run");
    assert!(!quiet.path().join("data/lunwen.log").exists());
}
