//! `lunwen search`: the quick lookup while writing, and its JSON contract.

mod common;

use common::run as lunwen;

#[test]
fn json_hits_have_the_documented_shape_and_pinyin_positions() {
    let (ok, out, err) = lunwen(&["search", "xzscl", "--json", "--limit", "3"]);
    assert!(ok, "{err}");
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(hits.len(), 3);
    for h in &hits {
        for key in ["paper", "section", "text", "score", "positions"] {
            assert!(h.get(key).is_some(), "missing {key} in {h}");
        }
        let text: Vec<char> = h["text"].as_str().unwrap().chars().collect();
        let marked: String = h["positions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| text[p.as_u64().unwrap() as usize])
            .collect();
        assert_eq!(marked, "新质生产力");
    }
    assert!(err.contains("showing 3 of"), "{err}");
}

#[test]
fn paper_option_limits_the_search_and_query_words_join() {
    let (ok, out, err) = lunwen(&[
        "search",
        "一带一路",
        "合作",
        "--paper",
        "001",
        "--limit",
        "5",
    ]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(!lines.is_empty());
    for l in lines {
        assert!(l.starts_with("001_"), "{l}");
        assert!(l.contains('合') && l.contains('作'), "{l}");
    }
}

#[test]
fn typos_are_forgiven_and_reported() {
    let (ok, out, err) = lunwen(&["search", "新质生厂力", "--limit", "1"]);
    assert!(ok, "{err}");
    assert!(out.contains("新质生产力"), "{out}");
    assert!(err.contains("mistyped"), "{err}");
}

#[test]
fn nothing_found_and_bad_paper_are_clear() {
    let (ok, out, err) = lunwen(&["search", "量子纠缠态"]);
    assert!(ok, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("no match for '量子纠缠态'"), "{err}");
    let (ok, _, err) = lunwen(&["search", "新质", "--paper", "999"]);
    assert!(!ok);
    assert!(err.contains("no paper matches '999'"), "{err}");
    let (ok, _, err) = lunwen(&["search"]);
    assert!(!ok);
    assert!(err.contains("QUERY"), "{err}");
}
