//! Nothing lost: every non-space character of the input ends up in exactly one part of the
//! parsed paper (front matter, body, notes, references, back matter) or is accounted for as
//! removed furniture, markup syntax or a cut-out marker. `lunwen_core::corpus::parse::audit` compares
//! the multisets of characters (so a dropped or a duplicated character fails) and checks that
//! the part counts `lunwen check` prints add up to the input. Checked on generated inputs and on
//! all eighteen real papers (the four bundled seeds and the fourteen of the dev corpus).

use std::path::PathBuf;

use lunwen_core::corpus::load::decode;
use lunwen_core::corpus::parse::audit;
use proptest::prelude::*;

/// Pieces of paper text, with the structure the stages look at: pages (`\f`), folios and
/// running heads, labels and fields, headings, notes, references, markdown, HTML and math.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("\n".to_string()),
        2 => Just("\n\n".to_string()),
        2 => Just("\u{c}".to_string()),
        1 => Just("\n·187·\n".to_string()),
        1 => Just("\n— 7 —\n".to_string()),
        1 => Just("\n- 12 -\n".to_string()),
        1 => Just("\n某某学报 2020 年第 3 期\n".to_string()),
        3 => Just("。".to_string()),
        2 => Just("，".to_string()),
        1 => Just("；".to_string()),
        1 => Just("”".to_string()),
        1 => Just("“".to_string()),
        1 => Just(" ".to_string()),
        4 => Just("新质生产力的发展".to_string()),
        2 => Just("这是一行写满了宽度的硬换行中文文本内容".to_string()),
        1 => Just("The model is trained on".to_string()),
        1 => Just("①".to_string()),
        1 => Just("\n①".to_string()),
        1 => Just("[3]".to_string()),
        1 => Just("\n[12] ".to_string()),
        1 => Just("10] ".to_string()),
        1 => Just("[]".to_string()),
        1 => Just("<sup>2</sup>".to_string()),
        1 => Just("$^{1}$".to_string()),
        1 => Just("^[1]".to_string()),
        1 => Just("（张三，2019）".to_string()),
        1 => Just("(Smith, 2020)".to_string()),
        1 => Just("\n一、".to_string()),
        1 => Just("\n（二）".to_string()),
        1 => Just("\n1.1 ".to_string()),
        1 => Just("\n2) ".to_string()),
        1 => Just("\nI. INTRODUCTION\n".to_string()),
        1 => Just("\n# ".to_string()),
        1 => Just("\n## 3 Method\n".to_string()),
        1 => Just("\n摘 要：".to_string()),
        1 => Just("\n【摘要】".to_string()),
        1 => Just("\n关键词：".to_string()),
        1 => Just("\nAbstract: ".to_string()),
        1 => Just("\nKeywords: ".to_string()),
        1 => Just("\n中图分类号：TP391 文献标识码：A".to_string()),
        1 => Just("\n文章编号：1003-0751(2025)06-0034-08\n".to_string()),
        1 => Just("\n收稿日期：2020-01-02\n".to_string()),
        1 => Just("\n基金项目：".to_string()),
        1 => Just("\n作者简介：".to_string()),
        1 => Just("\nDOI:10.1000/xyz\n".to_string()),
        1 => Just("\n引用本文：".to_string()),
        1 => Just("\n参考文献\n".to_string()),
        1 => Just("\nReferences\n".to_string()),
        1 => Just("\n注释\n".to_string()),
        1 => Just("\n张三1，李四2*\n".to_string()),
        1 => Just("\n图1 ".to_string()),
        1 => Just("\n表 2 ".to_string()),
        1 => Just("\n$$\nx = y\n$$\n".to_string()),
        1 => Just("$a_1$".to_string()),
        1 => Just("\n```\ncode\n```\n".to_string()),
        1 => Just("<table><tr><td>1</td><td>甲</td></tr></table>".to_string()),
        1 => Just("\n| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        1 => Just("\n![](images/a.jpg)\n".to_string()),
        1 => Just("\n---\n".to_string()),
        1 => Just("**".to_string()),
        1 => Just("&amp;".to_string()),
        1 => Just("[x](http://y)".to_string()),
        1 => Just("\n0.35\n".to_string()),
        1 => Just("\u{3000}".to_string()),
        1 => "[a-z ]{1,8}",
        1 => "[0-9]{1,4}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_inputs_lose_nothing(t in text()) {
        if let Err(e) = audit(&t) {
            prop_assert!(false, "{e}\ninput: {t:?}");
        }
    }

    /// Long hard-wrapped pages, so that the wrap width, footnote areas and running heads are
    /// estimated at all (they need dozens of lines).
    #[test]
    fn generated_pages_lose_nothing(pages in prop::collection::vec(prop::collection::vec(token(), 30..60), 2..6)) {
        let mut t = String::new();
        for (p, page) in pages.iter().enumerate() {
            if p > 0 {
                t.push('\u{c}');
            }
            t.push_str("某某学报 2020 年第 3 期\n");
            for piece in page {
                t.push_str(piece);
                t.push_str("这是一行写满了宽度的硬换行中文文本内容的一部分\n");
            }
            t.push_str(&format!("·{}·\n", 40 + p));
        }
        if let Err(e) = audit(&t) {
            prop_assert!(false, "{e}\ninput: {t:?}");
        }
    }
}

fn papers() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut v = Vec::new();
    for dir in ["corpus", "tests/golden-dev/corpus"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

#[test]
fn real_papers_lose_nothing() {
    let papers = papers();
    assert_eq!(papers.len(), 18);
    let mut bad = Vec::new();
    for p in &papers {
        let text = decode(&std::fs::read(p).unwrap()).unwrap();
        if let Err(e) = audit(&text) {
            bad.push(format!("{}: {e}", p.display()));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_audit_sees_a_dropped_or_doubled_character() {
    use lunwen_core::corpus::parse::{audit_parsed, parse_audited};
    let raw = "题目\n\n摘要：甲乙丙。\n\n一、引言\n\n正文丁戊。\n\n参考文献\n\n[1] 某某. 书名[M]. 2020.\n";
    let (paper, ledger) = parse_audited("t", "t.txt", raw);
    assert_eq!(audit_parsed(raw, &paper, &ledger), Ok(()));
    let body = paper
        .blocks
        .iter()
        .position(|b| b.text.contains("丁戊"))
        .unwrap();
    // One character dropped from the body.
    let mut dropped = paper.clone();
    dropped.blocks[body].text = dropped.blocks[body].text.replace('戊', "");
    let e = audit_parsed(raw, &dropped, &ledger).unwrap_err();
    assert!(e.contains("'戊' lost 1"), "{e}");
    // A block counted twice.
    let mut doubled = paper.clone();
    doubled.blocks.push(doubled.blocks[body].clone());
    let e = audit_parsed(raw, &doubled, &ledger).unwrap_err();
    assert!(e.contains("'丁' duplicated 1"), "{e}");
}
