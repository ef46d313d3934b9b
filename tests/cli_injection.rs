//! Terminal injection through the CLI: a paper, its sidecar and its file name full of escape
//! sequences and control characters must not put one byte a terminal acts on into stdout or
//! stderr of any subcommand.

mod common;

use std::path::Path;

use common::hostile::{assert_inert, corpus_dir};

fn run(corpus: &Path, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let home = tempfile::tempdir().unwrap();
    run_in(home.path(), corpus, args)
}

fn run_in(home: &Path, corpus: &Path, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let out = common::lunwen(home)
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .output()
        .expect("run lunwen");
    (out.stdout, out.stderr)
}

/// Guards: `sanitize` in the parser (paper text), in the loader (sidecar metadata, ids and file
/// names) and at every CLI print (messages). Each is needed: the body alone catches the paper,
/// not the sidecar title or the file name.
#[test]
fn no_subcommand_prints_a_control_character_from_a_hostile_corpus() {
    let dir = corpus_dir();
    let (list, err) = run(dir.path(), &["list"]);
    assert_inert("list stdout", &list);
    assert_inert("list stderr", &err);
    let list = String::from_utf8_lossy(&list);
    assert_eq!(list.lines().count(), 4, "{list}");
    assert!(list.contains("evil  题名题名红题名"), "{list}");
    for args in [
        &["check"][..],
        &["outline", "evil"],
        &["outline", "evil_gbk"],
        &["export", "--json", "evil"],
        &["export", "--json", "evil_gbk"],
        &["export", "--json", "name"],
        &["outline", "\u{1b}[2J"],
        &["export", "--json", "no\u{1b}]52;c;eA==\u{7}such"],
        &["search", "正文"],
        &["search", "题名"],
        &["search", "zhengwen"],
        &["search", "--json", "注文"],
        &["search", "文献", "--paper", "evil"],
        &["search", "\u{1b}]52;c;eA==\u{7}"],
        &["search", "--paper", "\u{1b}[2J", "正文"],
        &["cite", "evil"],
        &["cite", "evil", "--style", "note"],
        &["cite", "evil", "--style", "apa"],
        &["cite", "evil", "--style", "bibtex"],
        &["cite", "name"],
        &["quote", "正文"],
        &["quote", "注文", "--style", "bibtex"],
        &["quote", "\u{1b}]0;pwned\u{7}"],
    ] {
        let (out, err) = run(dir.path(), args);
        assert_inert(&format!("{args:?} stdout"), &out);
        assert_inert(&format!("{args:?} stderr"), &err);
    }
}

/// JSON escapes C0 controls itself, but not C1 controls or bidi overrides: the model must hold
/// none of them, so a consumer printing a field cannot be attacked either.
#[test]
fn exported_json_strings_hold_no_control_characters() {
    let dir = corpus_dir();
    let (out, err) = run(dir.path(), &["export", "--json", "evil"]);
    assert_inert("export stderr", &err);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    fn walk(v: &serde_json::Value, strings: &mut usize) {
        match v {
            serde_json::Value::String(s) => {
                *strings += 1;
                assert_inert(&format!("json string {s:?}"), s.as_bytes());
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, strings)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, strings)),
            _ => {}
        }
    }
    let mut strings = 0;
    walk(&v, &mut strings);
    assert!(
        strings > 10,
        "the export should carry the hostile fields: {v}"
    );
    let text = v.to_string();
    for part in ["题名", "期刊", "正文", "注文", "文献"] {
        assert!(text.contains(part), "{part} lost: {text}");
    }
}

/// Guard: `sanitize` when the quote log is printed. The log is plain JSON lines in the data
/// dir: an old, synced or hand-edited one can hold anything.
#[test]
fn a_hostile_quote_log_prints_inert() {
    let dir = corpus_dir();
    let home = tempfile::tempdir().unwrap();
    // Where the isolated run helper points LUNWEN_DATA_DIR.
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let evil = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[2J\u{9b}31m\u{202e}\r\u{8}";
    let record = serde_json::json!({
        "time": format!("2025-06-01T08:30:00Z{evil}"),
        "paper": format!("evil{evil}"),
        "title": format!("题名{evil}"),
        "section": [format!("一、引言{evil}")],
        "paragraph": 3,
        "text": format!("正文{evil}正文"),
        "style": format!("gbt7714{evil}"),
    });
    let log = format!("{record}\n{{\"broken{evil}\n{record}\n{{\"torn{evil}");
    std::fs::write(data.join("quotes.jsonl"), log).unwrap();
    for args in [
        &["quotes"][..],
        &["quotes", "--check"],
        &["quotes", "--json"],
    ] {
        let (out, err) = run_in(home.path(), dir.path(), args);
        assert!(!out.is_empty(), "{args:?} printed nothing");
        assert_inert(&format!("{args:?} stdout"), &out);
        assert_inert(&format!("{args:?} stderr"), &err);
    }
}
