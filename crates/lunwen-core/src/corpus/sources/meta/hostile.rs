//! Whatever a metadata file holds, reading it ends in entries or an error, never a panic:
//! random text built from the formats' own tokens, so the parsers get past their first line.

use proptest::prelude::*;

use super::{PaperKey, detect, formats, match_entries, parse};

/// Pieces of every format's syntax, and text that likes to break parsers.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("@article{k,".to_string()),
        Just("@string{j = {x}}".to_string()),
        Just("title = {".to_string()),
        Just("author = {张三 and 李四}".to_string()),
        Just("}".to_string()),
        Just("{".to_string()),
        Just(",".to_string()),
        Just("\"".to_string()),
        Just("$".to_string()),
        Just("\\\"".to_string()),
        Just("TY  - JOUR".to_string()),
        Just("AU  - ".to_string()),
        Just("ER  - ".to_string()),
        Just("%0 Journal Article".to_string()),
        Just("%A ".to_string()),
        Just("{Reference Type}: ".to_string()),
        Just("{Author}: 张三;李四;".to_string()),
        Just("[{\"author\": [{\"family\": ".to_string()),
        Just("\"issued\": {\"date-parts\": [[".to_string()),
        Just("]".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("——".to_string()),
        Just("34～41".to_string()),
        Just("2025-06-00".to_string()),
        Just("\u{1b}[31m".to_string()),
        "\\PC{0,8}",
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn no_parser_panics(text in hostile_text()) {
        let _ = detect(&text);
        let mut all = Vec::new();
        for parser in [
            formats::bibtex,
            formats::csl_json,
            formats::ris,
            formats::endnote,
            formats::noteexpress,
        ] {
            if let Ok(entries) = parser(&text) {
                for e in &entries {
                    prop_assert!(e.origin.line >= 1);
                    let escape_free = e.title.as_deref().is_none_or(|t| !t.contains('\u{1b}'));
                    prop_assert!(escape_free, "title kept an escape: {:?}", e.title);
                }
                all.extend(entries);
            }
        }
        let _ = parse(&text, None);
        let papers = [PaperKey { id: "p".into(), title: Some(text.clone()), doi: None }];
        let _ = match_entries(&papers, &all);
    }
}
