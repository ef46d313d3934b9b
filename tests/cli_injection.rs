//! Terminal injection through the CLI: a paper, its sidecar and its file name full of escape
//! sequences and control characters must not put one byte a terminal acts on into stdout or
//! stderr of any subcommand.

mod common;

use std::path::Path;

use common::hostile::{assert_inert, corpus_dir};

fn run(corpus: &Path, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let home = tempfile::tempdir().unwrap();
    let out = common::lunwen(home.path())
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
