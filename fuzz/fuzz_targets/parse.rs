//! Decoding and parsing arbitrary file bytes never panics, and nothing unsafe for a terminal
//! survives into the paper.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lunwen_core::corpus::load::decode;
use lunwen_core::corpus::parse::parse;
use lunwen_core::corpus::text::sanitize;

fuzz_target!(|data: &[u8]| {
    let text = match decode(data) {
        Ok(t) => t,
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    };
    let paper = parse("fuzz", "fuzz.txt", &text);
    for b in &paper.blocks {
        assert_eq!(sanitize(&b.text), b.text);
        let len = b.text.chars().count();
        for m in &b.markers {
            assert!(m.offset <= len);
            for &t in &m.targets {
                assert!(paper.target_text(t).is_some());
            }
        }
        let _ = paper.section_path(b.section);
    }
});
