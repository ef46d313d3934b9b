//! The `lunwen export --json` contract other tools rely on, and the other corpus subcommands.

mod common;

use common::run as lunwen;

#[test]
fn export_json_has_the_documented_shape() {
    let (ok, out, err) = lunwen(&["export", "--json", "000"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in [
        "id",
        "title",
        "authors",
        "keywords",
        "abstract",
        "outline",
        "paragraphs",
        "notes",
        "references",
        "metadata",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["id"], "000_410c59112ba8e771");
    assert_eq!(v["authors"], serde_json::json!(["刘博", "蔡文成"]));
    assert_eq!(v["metadata"]["journal"], "中州学刊");
    assert_eq!(
        v["outline"][0],
        serde_json::json!({"level": 1, "heading": "一、引言"})
    );
    let paras = v["paragraphs"].as_array().unwrap();
    // the untitled opening has no heading above it in 003; here the first paragraph is under 一、引言
    assert_eq!(paras[0]["section"], 0);
    // `…内涵界定^[1-2]` : offset is the char index in text where the marker stood
    let p = paras
        .iter()
        .find(|p| p["text"].as_str().unwrap().starts_with("当前学术界"))
        .unwrap();
    let m = &p["markers"][0];
    let text: Vec<char> = p["text"].as_str().unwrap().chars().collect();
    let offset = m["offset"].as_u64().unwrap() as usize;
    assert!(
        text[..offset]
            .iter()
            .collect::<String>()
            .ends_with("内涵界定")
    );
    assert_eq!(m["label"], "1-2");
    assert_eq!(m["targets"].as_array().unwrap().len(), 2);
    assert!(m["targets"][0].as_str().unwrap().starts_with("周文,许凌云"));
}

#[test]
fn export_of_untitled_paper_has_null_title_and_unresolved_markers() {
    let (ok, out, _) = lunwen(&["export", "--json", "004"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["title"].is_null());
    assert_eq!(v["paragraphs"][0]["section"], serde_json::Value::Null);
    assert_eq!(
        v["paragraphs"][0]["markers"][0]["targets"],
        serde_json::json!([])
    );
}

#[test]
fn check_reports_missing_fields_and_unresolved_markers() {
    let (_, out, _) = lunwen(&["check"]);
    assert!(out.contains("!! 004_5425b47fff0c6ac1"));
    assert!(out.contains("missing: title, authors, journal, year"));
    assert!(out.contains("27 unresolved"));
    assert!(out.contains("ok 000_410c59112ba8e771"));
    assert!(out.contains("missing: journal, year"), "001 has no journal");
}

#[test]
fn check_prints_each_part_share() {
    let (_, out, _) = lunwen(&["check"]);
    let shares: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("text: front"))
        .collect();
    assert_eq!(shares.len(), 4, "{out}");
    for key in [
        "body",
        "notes",
        "references",
        "back",
        "furniture",
        "markup",
        "markers",
    ] {
        assert!(
            shares[0].contains(&format!("{key} ")),
            "{key}: {}",
            shares[0]
        );
    }
}

#[test]
fn check_explain_prints_each_block_with_its_kind_and_rule() {
    let (ok, out, err) = lunwen(&["check", "--explain", "000"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("000_410c59112ba8e771"), "{out}");
    // page, kind, rule, excerpt
    let row = |kind: &str, rule: &str| {
        lines.iter().any(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            cols.len() >= 3 && cols[0] == "p1" && l.contains(kind) && cols.contains(&rule)
        })
    };
    assert!(row("title", "title"), "{out}");
    assert!(row("abstract", "abstract-label"), "{out}");
    assert!(row("heading 1", "numbered"), "{out}");
    assert!(row("paragraph", "text"), "{out}");
    assert!(lines.iter().any(|l| l.contains("reference")), "{out}");
    assert!(
        !out.contains("heading?"),
        "candidates are shown as what they became"
    );
    let (ok, _, err) = lunwen(&["check", "--explain", "nonesuch"]);
    assert!(!ok && !err.is_empty());
}

#[test]
fn paper_prefixes_must_be_unique() {
    let (ok, _, err) = lunwen(&["outline", "00"]);
    assert!(!ok);
    assert!(err.contains("matches 4 papers"), "{err}");
    let (ok, out, _) = lunwen(&["outline", "003"]);
    assert!(ok);
    assert!(out.contains("（三）加大人才培养力度"));
}

#[test]
fn user_corpus_dir_with_md_file_and_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.md"),
        "# 我的论文\n\n张 三\n\n一、引言\n\n正文。",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        "journal = \"测试学报\"\nyear = 2024\n",
    )
    .unwrap();
    let (ok, out, err) = lunwen(&["--corpus", dir.path().to_str().unwrap(), "list"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("mine") && out.contains("我的论文") && out.contains("张三"),
        "{out}"
    );
}
