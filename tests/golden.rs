//! Golden tests: the hand-checked facts of `tests/golden/*.toml` (copied from shared/golden) about
//! each bundled paper must hold for what the parser builds. Comparison rules from the README there:
//! whitespace ignored, full-width and half-width punctuation equal, markers not part of text.

use lunwen_core::corpus::text::fold_width;
use lunwen_core::corpus::{BlockKind, Corpus, Paper};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Golden {
    file: String,
    title: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    abstract_starts: Option<String>,
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    joined: Vec<String>,
    #[serde(default)]
    not_in_body: Vec<String>,
    notes: Option<usize>,
    references: Option<usize>,
    #[serde(default)]
    paragraph: Vec<ParagraphFact>,
    #[serde(default)]
    marker: Vec<MarkerFact>,
}

#[derive(Debug, Deserialize)]
struct ParagraphFact {
    starts: String,
    ends: String,
}

#[derive(Debug, Deserialize)]
struct MarkerFact {
    after: String,
    target: String,
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_width)
        .collect()
}

fn load(stem: &str) -> (Golden, Paper) {
    let path = format!("{}/tests/golden/{stem}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let golden: Golden = toml::from_str(&text).unwrap();
    let corpus = Corpus::bundled();
    let id = golden.file.trim_end_matches(".txt");
    let paper = corpus.find(id).unwrap().clone();
    (golden, paper)
}

fn body(p: &Paper) -> Vec<String> {
    p.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| norm(&b.text))
        .collect()
}

fn check(stem: &str) {
    let (g, p) = load(stem);
    let mut failures: Vec<String> = Vec::new();
    let mut fail = |m: String| failures.push(m);

    let want_title = g.title.as_deref().filter(|t| !t.is_empty()).map(norm);
    if p.title.as_deref().map(norm) != want_title {
        fail(format!("title: got {:?}, want {want_title:?}", p.title));
    }
    if p.authors.iter().map(|a| norm(a)).collect::<Vec<_>>()
        != g.authors.iter().map(|a| norm(a)).collect::<Vec<_>>()
    {
        fail(format!(
            "authors: got {:?}, want {:?}",
            p.authors, g.authors
        ));
    }
    if p.keywords.iter().map(|a| norm(a)).collect::<Vec<_>>()
        != g.keywords.iter().map(|a| norm(a)).collect::<Vec<_>>()
    {
        fail(format!(
            "keywords: got {:?}, want {:?}",
            p.keywords, g.keywords
        ));
    }
    if let Some(a) = &g.abstract_starts
        && !p
            .abstract_text
            .as_deref()
            .map(norm)
            .unwrap_or_default()
            .starts_with(&norm(a))
    {
        fail(format!("abstract: got {:?}", p.abstract_text));
    }
    let got: Vec<String> = p
        .outline
        .iter()
        .map(|h| format!("{}{}", h.level, norm(&h.heading)))
        .collect();
    let want: Vec<String> = g.headings.iter().map(|h| norm(h)).collect();
    if got != want {
        let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        let extra: Vec<_> = got.iter().filter(|x| !want.contains(x)).collect();
        fail(format!(
            "headings differ: missing {missing:?}, extra {extra:?}"
        ));
    }
    let paras = body(&p);
    for f in &g.paragraph {
        let (s, e) = (norm(&f.starts), norm(&f.ends));
        if !paras.iter().any(|t| t.starts_with(&s) && t.ends_with(&e)) {
            let near: Vec<_> = paras
                .iter()
                .filter(|t| t.starts_with(&s))
                .map(|t| t.chars().rev().take(30).collect::<String>())
                .collect();
            fail(format!(
                "no paragraph {s:?} … {e:?}; same start ends (reversed): {near:?}"
            ));
        }
    }
    for j in &g.joined {
        if !paras.iter().any(|t| t.contains(&norm(j))) {
            fail(format!("not joined in one paragraph: {j:?}"));
        }
    }
    for n in &g.not_in_body {
        if let Some(t) = paras.iter().find(|t| t.contains(&norm(n))) {
            fail(format!(
                "{n:?} is in body paragraph {:?}",
                t.chars().take(40).collect::<String>()
            ));
        }
    }
    for m in &g.marker {
        let after = norm(&m.after);
        let found = p
            .paragraphs()
            .flat_map(|b| b.markers.iter().map(move |mk| (b, mk)))
            .find(|(b, mk)| {
                let prefix: String = b.text.chars().take(mk.offset).collect();
                norm(&prefix).ends_with(&after)
            });
        match found {
            None => fail(format!("no marker after {after:?}")),
            Some((_, mk)) => {
                let texts: Vec<String> = mk
                    .targets
                    .iter()
                    .filter_map(|&t| p.target_text(t))
                    .map(norm)
                    .collect();
                if !texts.iter().any(|t| t.contains(&norm(&m.target))) {
                    fail(format!(
                        "marker {} after {after:?} resolves to {texts:?}, want {:?}",
                        mk.label, m.target
                    ));
                }
            }
        }
    }
    if let Some(n) = g.notes
        && p.notes.len() != n
    {
        fail(format!("notes: got {}, want {n}", p.notes.len()));
    }
    if let Some(n) = g.references
        && p.references.len() != n
    {
        fail(format!("references: got {}, want {n}", p.references.len()));
    }
    assert!(failures.is_empty(), "{stem}:\n  {}", failures.join("\n  "));
}

#[test]
fn golden_000() {
    check("000_410c59112ba8e771");
}

#[test]
fn golden_001() {
    check("001_0e3381bbf9580fea");
}

#[test]
fn golden_003() {
    check("003_9cc47190004817c5");
}

#[test]
fn golden_004() {
    check("004_5425b47fff0c6ac1");
}
