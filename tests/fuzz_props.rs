//! Property tests standing in for fuzzing in `cargo test` (the `fuzz/` targets run the same
//! checks for longer under cargo fuzz). Inputs are built from tokens the parsers care about so a
//! few hundred cases reach the interesting paths; inputs that once crashed live in
//! `tests/regressions/` and run on every `cargo test`.

use std::path::Path;

use lunwen::config::{Config, Env, parse_sequence, sequence_to_string};
use lunwen_core::corpus::load::decode;
use lunwen_core::corpus::parse::parse;
use lunwen_core::corpus::text::sanitize;
use lunwen_core::corpus::{Paper, Target};
use lunwen_core::search::{Cancel, Scope, SearchIndex};
use proptest::prelude::*;

/// Pieces of paper text: CJK, markers, labels, markdown, tables, rules, escapes and controls.
fn paper_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("。".to_string()),
        Just("，".to_string()),
        Just(" ".to_string()),
        Just("-".to_string()),
        Just("新质生产力".to_string()),
        Just("发展".to_string()),
        Just("①".to_string()),
        Just("㉑".to_string()),
        Just("^[1-2]".to_string()),
        Just("^{④⑦}".to_string()),
        Just("^①".to_string()),
        Just("^12".to_string()),
        Just("[3]".to_string()),
        Just("<sup>②</sup>".to_string()),
        Just("<sup>[1]</sup>".to_string()),
        Just("[x](http://y)".to_string()),
        Just("<http://a.cn>".to_string()),
        Just("](".to_string()),
        Just("**".to_string()),
        Just("## ".to_string()),
        Just("一、".to_string()),
        Just("（一）".to_string()),
        Just("1.1 ".to_string()),
        Just("2. ".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("---".to_string()),
        Just("- ".to_string()),
        Just("注释".to_string()),
        Just("参考文献".to_string()),
        Just("摘要：".to_string()),
        Just("关键词：".to_string()),
        Just("DOI:".to_string()),
        Just("中图分类号：".to_string()),
        Just("作者简介:".to_string()),
        Just("图1 ".to_string()),
        Just("Abstract: a b c d".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
        Just("\u{1b}P".to_string()),
        Just("\u{9b}".to_string()),
        Just("\r".to_string()),
        Just("\u{8}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{3000}".to_string()),
        "[a-z ]{1,6}",
        "[0-9]{1,4}",
        any::<char>().prop_map(String::from),
    ]
}

fn paper_text() -> impl Strategy<Value = String> {
    prop::collection::vec(paper_token(), 0..80).prop_map(|v| v.concat())
}

/// What every parsed paper must satisfy, whatever the input.
fn check_paper(p: &Paper) {
    let mut texts: Vec<&str> = vec![&p.id, &p.file];
    texts.extend(p.title.as_deref());
    texts.extend(p.abstract_text.as_deref());
    texts.extend(p.authors.iter().map(String::as_str));
    texts.extend(p.keywords.iter().map(String::as_str));
    texts.extend(p.outline.iter().map(|h| h.heading.as_str()));
    texts.extend(p.blocks.iter().map(|b| b.text.as_str()));
    texts.extend(p.notes.iter().map(|n| n.text.as_str()));
    texts.extend(p.notes.iter().map(|n| n.label.as_str()));
    texts.extend(p.references.iter().map(|n| n.text.as_str()));
    texts.extend(p.back_matter.iter().map(String::as_str));
    texts.extend(p.front_matter.iter().map(|f| f.value.as_str()));
    for t in texts {
        assert_eq!(sanitize(t), t, "unsanitized text in the paper: {t:?}");
    }
    for b in &p.blocks {
        let len = b.text.chars().count();
        if let Some(s) = b.section {
            assert!(s < p.outline.len(), "section {s} out of range");
        }
        let _ = p.section_path(b.section);
        for m in &b.markers {
            assert!(m.offset <= len, "marker offset {} past {len}", m.offset);
            for &t in &m.targets {
                let ok = match t {
                    Target::Note(i) => i < p.notes.len(),
                    Target::Reference(i) => i < p.references.len(),
                };
                assert!(ok, "dangling target {t:?}");
            }
        }
    }
}

/// Pieces of key strings.
fn key_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ctrl-".to_string()),
        Just("alt-".to_string()),
        Just("shift-".to_string()),
        Just("C-".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("<C-".to_string()),
        Just("<S-Tab>".to_string()),
        Just("<lt>".to_string()),
        Just(" ".to_string()),
        Just("-".to_string()),
        Just("f".to_string()),
        Just("enter".to_string()),
        Just("space".to_string()),
        Just("tab".to_string()),
        Just("pgdn".to_string()),
        "[a-zA-Z0-9?/\\[\\]]",
        "f[0-9]{1,3}",
        any::<char>().prop_map(String::from),
    ]
}

fn key_text() -> impl Strategy<Value = String> {
    prop::collection::vec(key_token(), 0..8).prop_map(|v| v.concat())
}

/// Config text from real keys, tables and values, plus noise.
fn config_line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("clipboard"),
        Just("citation_style"),
        Just("mouse"),
        Just("corpus_dirs"),
        Just("quote_template"),
        Just("monochrome"),
        Just("text"),
        Just("selection_bg"),
        Just("down"),
        Just("quit"),
        Just("search"),
        Just("j"),
        Just("nonsense"),
    ];
    let value = prop_oneof![
        Just("\"auto\"".to_string()),
        Just("\"osc52\"".to_string()),
        Just("true".to_string()),
        Just("3".to_string()),
        Just("[]".to_string()),
        Just("[\"~/papers\", \"../x\"]".to_string()),
        Just("\"{quote} {citation}\"".to_string()),
        Just("\"{quote\"".to_string()),
        Just("\"#ff00ff\"".to_string()),
        Just("\"236\"".to_string()),
        Just("\"999\"".to_string()),
        Just("[\"j\", \"g g\"]".to_string()),
        Just("[\"ctrl-i\"]".to_string()),
        Just("{ a = 1 }".to_string()),
        key_text().prop_map(|k| format!("[{k:?}]")),
        "\"[ -~]{0,12}\"",
    ];
    prop_oneof![
        (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        Just("[theme]".to_string()),
        Just("[keymap.global]".to_string()),
        Just("[keymap.reader]".to_string()),
        Just("[keymap.nowhere]".to_string()),
        Just("[keymap]".to_string()),
        Just("# comment".to_string()),
        "[ -~]{0,20}",
    ]
}

fn config_text() -> impl Strategy<Value = String> {
    prop::collection::vec(config_line(), 0..12).prop_map(|v| v.join("\n"))
}

fn check_config(text: &str) {
    let path = Path::new("fuzz.toml");
    match Config::from_user_toml_with(text, path, &Env::default()) {
        Ok(c) => assert_eq!(c.source.as_deref(), Some(path)),
        Err(e) => {
            let shown = e.to_string();
            assert!(
                shown.starts_with("fuzz.toml") || shown.starts_with("<default config>"),
                "error does not name the file: {shown}"
            );
            assert!(!e.message.trim().is_empty(), "empty message for {text:?}");
        }
    }
}

fn check_keys(s: &str) {
    if let Ok(keys) = parse_sequence(s) {
        let printed = sequence_to_string(&keys);
        let again = parse_sequence(&printed)
            .unwrap_or_else(|e| panic!("{s:?} printed as {printed:?}, which fails: {e}"));
        assert_eq!(again, keys, "{s:?} → {printed:?}");
    }
}

fn check_decode(bytes: &[u8]) {
    if let Ok(text) = decode(bytes) {
        assert!(!text.contains('\r'), "CR survived decoding");
        check_paper(&parse("p", "p.txt", &text));
    }
}

/// Pieces of search queries: Chinese, pinyin, initials, punctuation, spaces.
fn query_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("新质".to_string()),
        Just("生产力".to_string()),
        Just("xzscl".to_string()),
        Just("xinzhi".to_string()),
        Just("shengchanli".to_string()),
        Just(" ".to_string()),
        Just("①".to_string()),
        Just("^[".to_string()),
        Just("ＡＢ".to_string()),
        "[a-z]{1,5}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..6).prop_map(|v| v.concat())
}

fn check_search(text: &str, query: &str) {
    let papers = vec![parse("p", "p.txt", text), parse("q", "q.txt", query)];
    let index = SearchIndex::build(&papers);
    for scope in [Scope::All, Scope::Paper(0), Scope::Paper(5)] {
        let Some(found) = index.search(query, scope, 5, &Cancel::never()) else {
            panic!("a search that cannot be cancelled was");
        };
        assert!(found.hits.len() <= 5 && found.hits.len() <= found.total);
        for hit in &found.hits {
            let unit = index
                .unit(hit.unit)
                .unwrap_or_else(|| panic!("hit on unit {} of {}", hit.unit, index.units().len()));
            let len = unit.text.chars().count();
            assert!(
                hit.positions.iter().all(|&p| p < len),
                "{query:?}: positions {:?} past {len}",
                hit.positions
            );
        }
        let again = index.search_within(query, &found.matched, 5, &Cancel::never());
        assert!(again.is_some());
    }
}

proptest! {
    // 400 cases keep `cargo test` quick; PROPTEST_CASES=50000 makes a longer fuzzing run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn parse_never_panics_and_keeps_its_invariants(text in paper_text()) {
        check_paper(&parse("p", "p.txt", &text));
    }

    #[test]
    fn decode_then_parse_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_decode(&bytes);
    }

    #[test]
    fn decode_then_parse_encoded_text(text in paper_text(), enc in 0..4usize) {
        let bytes = match enc {
            0 => encoding_rs::GB18030.encode(&text).0.into_owned(),
            1 => [&b"\xff\xfe"[..], &text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat(),
            2 => [&b"\xfe\xff"[..], &text.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<_>>()].concat(),
            _ => [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat(),
        };
        check_decode(&bytes);
    }

    #[test]
    fn sanitize_leaves_nothing_a_terminal_acts_on(s in paper_text()) {
        let clean = sanitize(&s);
        prop_assert!(
            !clean.chars().any(|c| (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{clean:?}"
        );
        prop_assert_eq!(sanitize(&clean), clean.clone());
    }

    #[test]
    fn key_strings_parse_or_explain(s in key_text()) {
        check_keys(&s);
    }

    #[test]
    fn search_any_query_over_any_paper(text in paper_text(), query in query_text()) {
        check_search(&text, &query);
    }

    #[test]
    fn config_text_loads_or_names_the_file(text in config_text()) {
        check_config(&text);
    }
}

/// Inputs fuzzing found and edge cases worth replaying (`tests/regressions/README.md`).
#[test]
fn regression_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut seen = 0;
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "README.md" {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = String::from_utf8_lossy(&bytes);
        match name.split('-').next() {
            Some("parse") => check_decode(&bytes),
            Some("keys") => check_keys(&text),
            Some("config") => check_config(&text),
            Some("search") => check_search(&text, &text),
            _ => continue,
        }
        seen += 1;
    }
    assert!(seen > 0, "no regression inputs in {}", dir.display());
}
