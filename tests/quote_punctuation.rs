//! The punctuation of quotations on real sentences from the seeds and the dev corpus
//! (tests/fixtures/punctuation.txt): each normalises to what a Chinese paper prints, keeps no
//! half-width comma between CJK characters, and leaves numbers, Latin words, URLs and formulas
//! exactly as they were. `verbatim` changes nothing.

use lunwen_core::corpus::citation::{Citer, Style, Variants, quotation};
use lunwen_core::corpus::punctuation::{Punctuation, quote_text};
use lunwen_core::corpus::text::is_cjk;

struct Case {
    source: String,
    input: String,
    expected: String,
}

fn cases() -> Vec<Case> {
    let path = format!(
        "{}/tests/fixtures/punctuation.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    let mut source = String::new();
    let mut input: Option<String> = None;
    for line in text.lines() {
        if let Some(s) = line.strip_prefix("# ") {
            source = s.to_string();
        } else if let Some(s) = line.strip_prefix("< ") {
            input = Some(s.to_string());
        } else if let Some(s) = line.strip_prefix("> ") {
            let input = input
                .take()
                .unwrap_or_else(|| panic!("{source}: `>` without `<`"));
            out.push(Case {
                source: source.clone(),
                input,
                expected: s.to_string(),
            });
        }
    }
    assert!(out.len() >= 15, "only {} cases in {path}", out.len());
    out
}

/// Runs of ASCII letters and digits, and the TeX formulas and URLs, in order.
fn kept(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut rest = s;
    while let Some(at) = rest.find('$') {
        let after = &rest[at + 1..];
        let Some(end) = after.find('$') else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out.extend(
        s.split_whitespace()
            .filter_map(|w| w.find("http").map(|at| w[at..].to_string())),
    );
    out
}

#[test]
fn real_sentences_normalise_to_what_a_chinese_paper_prints() {
    for case in cases() {
        let got = quote_text(&case.input, Punctuation::Normalize);
        assert_eq!(got, case.expected, "{}", case.source);
        assert_eq!(
            quote_text(&case.input, Punctuation::Verbatim),
            case.input,
            "{}",
            case.source
        );
    }
}

#[test]
fn no_half_width_comma_stays_between_cjk_and_numbers_urls_formulas_are_kept() {
    for case in cases() {
        let got = quote_text(&case.input, Punctuation::Normalize);
        let chars: Vec<char> = got.chars().collect();
        for w in chars.windows(3) {
            assert!(
                !(is_cjk(w[0]) && w[1] == ',' && is_cjk(w[2])),
                "{}: {got}",
                case.source
            );
        }
        for w in chars.windows(2) {
            assert!(
                !(is_cjk(w[0]) && matches!(w[1], ',' | ':' | ';' | '(' | ')')
                    || matches!(w[0], ',' | ':' | ';' | '(' | ')') && is_cjk(w[1])),
                "{}: a half-width mark beside Chinese in {got}",
                case.source
            );
        }
        assert_eq!(kept(&got), kept(&case.input), "{}", case.source);
    }
}

/// The whole copy: the clean quote inside the template, with the citation of a Chinese paper.
#[test]
fn a_real_quotation_pastes_clean() {
    let paper = lunwen_core::testing::cited_paper();
    let citer = Citer::new(std::slice::from_ref(&paper), Variants::default());
    let c = citer.cite(&paper, Style::ChineseNote, Some(36));
    let quote = quote_text(
        "在新发展阶段,以新质生产力发展赋能高质量共建“一带一路”,具有明晰的理论逻辑;",
        Punctuation::Normalize,
    );
    assert_eq!(
        quotation("“{quote}”{intext}\n{citation}", &quote, &c),
        "“在新发展阶段，以新质生产力发展赋能高质量共建‘一带一路’，具有明晰的理论逻辑。”\n\
         刘博、蔡文成：《以新质生产力发展赋能高质量共建“一带一路”研究》，载《中州学刊》2025年第6期，第36页。"
    );
}

/// Every sentence of the bundled seeds, as the reader's sentence cursor quotes it.
#[test]
fn no_sentence_of_the_seeds_keeps_a_half_width_comma_between_cjk() {
    use lunwen_core::corpus::Corpus;
    use lunwen_core::corpus::sentences::{sentences, slice_chars};
    let corpus = Corpus::bundled();
    let mut seen = 0;
    for p in &corpus.papers {
        for b in p.paragraphs() {
            for r in sentences(&b.text) {
                let got = quote_text(slice_chars(&b.text, r), Punctuation::Normalize);
                let chars: Vec<char> = got.chars().collect();
                assert!(
                    !chars
                        .windows(3)
                        .any(|w| is_cjk(w[0]) && w[1] == ',' && is_cjk(w[2])),
                    "{}: {got}",
                    p.id
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 500, "{seen} sentences");
}
