//! The scorer's rules (`/work/shared/tools/score.py`) ported to Rust, run on the dev corpus copied
//! into `tests/golden-dev/` (papers in `corpus/`, hand-checked facts in `facts/`, both byte-identical
//! copies of the shared set) and on the four bundled seeds (`corpus/` + `tests/golden/`).
//!
//! Each paper is scored on the same JSON `lunwen export --json` prints. A paper must be *usable*
//! (the scorer's usable facts all hold) and every other fact must hold too, except the misses listed
//! in [`KNOWN_MISSES`] with their reason. The list is checked both ways: a fact that fails and is not
//! listed fails the test, and so does a listed fact that now holds (take it off the list).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lunwen_core::corpus::Corpus;
use serde_json::Value;

/// Facts known not to hold: (paper, fact, why). `usable` would mean the whole paper fails.
const KNOWN_MISSES: &[(&str, &str, &str)] = &[(
    "cs_hardwrap_seqrec",
    "joined",
    "two-column text read across: the tail of the 3.5 paragraph (`0.58%，说明 Mini-BERT …`) is \
     printed after table 4, the 3.6 heading and the first lines of the 3.6 paragraph, and the 3.6 \
     paragraph's own rest after that; which open paragraph a displaced piece continues is a \
     question of sense, not of layout (the facts file calls both passages hard by design)",
)];

/// The targets for the dev corpus: usable papers, heading F1, body coverage, references,
/// markers.
const TARGETS: (usize, f64, f64, f64, f64) = (13, 0.95, 0.98, 0.95, 0.90);

// ---- the scorer's rules ----------------------------------------------------------------------

/// `score.py`'s `norm`: note marks out, full-width ASCII folded, whitespace out, the listed
/// full-width punctuation folded, lower case.
fn norm(s: &str) -> String {
    let s = strip_marks(s);
    let folded: String = s
        .chars()
        .map(|c| {
            if ('！'..='～').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '；' => ';',
            '，' => ',',
            '！' => '!',
            '？' => '?',
            '［' | '【' => '[',
            '］' | '】' => ']',
            '．' => '.',
            '、' => ',',
            c => c,
        })
        .collect();
    folded.to_lowercase()
}

/// `MARKS`: `^[…]`, `^{…}`, `<sup>…</sup>`, `^①`, runs of superscript digits.
fn strip_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let skip = if let Some(r) = rest.strip_prefix("^[") {
            r.find(']').map(|e| 2 + e + 1)
        } else if let Some(r) = rest.strip_prefix("^{") {
            r.find('}').map(|e| 2 + e + 1)
        } else if let Some(r) = rest.strip_prefix("<sup>") {
            r.find("</sup>").map(|e| 5 + e + 6)
        } else if let Some(r) = rest.strip_prefix('^') {
            r.chars()
                .next()
                .filter(|c| ('①'..='⑳').contains(c) || ('㉑'..='㉟').contains(c))
                .map(|c| 1 + c.len_utf8())
        } else if "¹²³⁴⁵⁶⁷⁸⁹⁰⁻".contains(c) {
            Some(c.len_utf8())
        } else {
            None
        };
        match skip {
            Some(n) => rest = &rest[n..],
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn strs(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Python's `str()` of a JSON value as the scorer compares metadata.
fn py_str_json(v: Option<&Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::Null) => "None".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.into(),
        Some(v) => v.to_string(),
    }
}

fn py_str_toml(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Boolean(b) => if *b { "True" } else { "False" }.into(),
        v => v.to_string(),
    }
}

#[derive(Default)]
struct Figures {
    f1: f64,
    coverage: (usize, usize),
    refs: Option<(usize, usize)>,
    markers: Option<(usize, usize)>,
}

struct Scored {
    facts: BTreeMap<&'static str, (bool, String)>,
    usable: bool,
    fig: Figures,
}

fn score(doc: &Value, g: &toml::Table) -> Scored {
    let mut facts: BTreeMap<&'static str, (bool, String)> = BTreeMap::new();
    let mut fig = Figures::default();
    let gs = |k: &str| g.get(k).and_then(toml::Value::as_str).unwrap_or("");
    let paras: Vec<String> = arr(&doc["paragraphs"])
        .iter()
        .map(|p| norm(s(&p["text"])))
        .collect();
    let body = paras.join("\n");

    facts.insert(
        "title",
        (
            norm(s(&doc["title"])) == norm(gs("title")),
            format!("{}", doc["title"]),
        ),
    );
    let got_a: Vec<String> = arr(&doc["authors"]).iter().map(|a| norm(s(a))).collect();
    let want_a: Vec<String> = strs(g.get("authors")).iter().map(|a| norm(a)).collect();
    facts.insert("authors", (got_a == want_a, format!("{}", doc["authors"])));
    if !gs("abstract_starts").is_empty() {
        let a = s(&doc["abstract"]);
        facts.insert(
            "abstract",
            (
                norm(a).starts_with(&norm(gs("abstract_starts"))),
                a.chars().take(30).collect(),
            ),
        );
    }
    let want_k = strs(g.get("keywords"));
    if !want_k.is_empty() {
        let got: Vec<String> = arr(&doc["keywords"]).iter().map(|k| norm(s(k))).collect();
        let want: Vec<String> = want_k.iter().map(|k| norm(k)).collect();
        facts.insert("keywords", (got == want, format!("{}", doc["keywords"])));
    }

    let want: Vec<(i64, String)> = strs(g.get("headings"))
        .iter()
        .map(|h| {
            let (l, t) = h.split_once(' ').expect("`LEVEL TEXT`");
            (l.parse().expect("level"), norm(t))
        })
        .collect();
    let got: Vec<(i64, String)> = arr(&doc["outline"])
        .iter()
        .map(|o| (o["level"].as_i64().unwrap_or(0), norm(s(&o["heading"]))))
        .collect();
    let want_t: Vec<&String> = want.iter().map(|(_, t)| t).collect();
    let got_t: Vec<&String> = got.iter().map(|(_, t)| t).collect();
    let hit = got_t.iter().filter(|t| want_t.contains(t)).count();
    let prec = if got_t.is_empty() {
        if want_t.is_empty() { 1.0 } else { 0.0 }
    } else {
        hit as f64 / got_t.len() as f64
    };
    let rec = if want_t.is_empty() {
        1.0
    } else {
        want_t.iter().filter(|t| got_t.contains(t)).count() as f64 / want_t.len() as f64
    };
    let lv_w: BTreeMap<&String, i64> = want.iter().map(|(l, t)| (t, *l)).collect();
    let lv_ok = got.iter().all(|(l, t)| lv_w.get(t).is_none_or(|w| w == l));
    let missing: Vec<_> = want_t
        .iter()
        .filter(|t| !got_t.contains(t))
        .take(2)
        .collect();
    let extra: Vec<_> = got_t
        .iter()
        .filter(|t| !want_t.contains(t))
        .take(2)
        .collect();
    facts.insert(
        "headings",
        (
            prec >= 0.9 && rec >= 0.9 && lv_ok,
            format!("P={prec:.2} R={rec:.2} levels_ok={lv_ok} missing={missing:?} extra={extra:?}"),
        ),
    );
    fig.f1 = f1(prec, rec);

    let bc = strs(g.get("body_contains"));
    let found: Vec<bool> = bc
        .iter()
        .map(|x| paras.iter().any(|p| p.contains(&norm(x))))
        .collect();
    fig.coverage = (found.iter().filter(|&&b| b).count(), bc.len());
    let first_missing = bc
        .iter()
        .zip(&found)
        .find(|(_, ok)| !**ok)
        .map(|(x, _)| x.clone());
    facts.insert(
        "body",
        (
            found.iter().all(|&b| b),
            format!(
                "{}/{}; first missing: {first_missing:?}",
                fig.coverage.0,
                bc.len()
            ),
        ),
    );

    let jn = strs(g.get("joined"));
    if !jn.is_empty() {
        let bad: Vec<&String> = jn
            .iter()
            .filter(|x| !paras.iter().any(|p| p.contains(&norm(x))))
            .collect();
        facts.insert("joined", (bad.is_empty(), format!("not joined: {bad:?}")));
    }
    if let Some(ps) = g.get("paragraph").and_then(toml::Value::as_array) {
        let mut bad = Vec::new();
        for p in ps {
            let st = norm(p.get("starts").and_then(|v| v.as_str()).unwrap_or(""));
            let en = norm(p.get("ends").and_then(|v| v.as_str()).unwrap_or(""));
            if !paras.iter().any(|x| x.starts_with(&st) && x.ends_with(&en)) {
                bad.push(st.chars().take(16).collect::<String>());
            }
        }
        facts.insert("paragraphs", (bad.is_empty(), format!("{bad:?}")));
    }

    let nib: Vec<String> = strs(g.get("not_in_body"))
        .into_iter()
        .filter(|n| !norm(n).is_empty() && body.contains(&norm(n)))
        .collect();
    facts.insert("not_in_body", (nib.is_empty(), format!("leaked: {nib:?}")));

    if let Some(w) = g.get("references").and_then(toml::Value::as_integer) {
        let n = arr(&doc["references"]).len();
        fig.refs = Some((n, w as usize));
        let ok = (n as f64 - w as f64).abs() <= (0.1 * w as f64).max(0.0);
        facts.insert("references", (ok, format!("{n} found, {w} true")));
    }
    if let Some(w) = g.get("notes").and_then(toml::Value::as_integer) {
        let n = arr(&doc["notes"]).len();
        let ok = (n as f64 - w as f64).abs() <= (0.1 * w as f64).max(0.0);
        facts.insert("notes", (ok, format!("{n} found, {w} true")));
    }
    if let Some(rs) = g.get("reference").and_then(toml::Value::as_array) {
        let mut bad = Vec::new();
        for r in rs {
            let label = norm(r.get("label").and_then(|v| v.as_str()).unwrap_or(""));
            let starts = norm(r.get("starts").and_then(|v| v.as_str()).unwrap_or(""));
            let ok = arr(&doc["references"])
                .iter()
                .any(|x| norm(s(&x["label"])) == label && norm(s(&x["text"])).starts_with(&starts));
            if !ok {
                bad.push(label);
            }
        }
        facts.insert("ref_entries", (bad.is_empty(), format!("{bad:?}")));
    }

    if let Some(mk) = g
        .get("marker")
        .and_then(toml::Value::as_array)
        .filter(|m| !m.is_empty())
    {
        let mut mok = 0;
        for m in mk {
            let after = norm(m.get("after").and_then(|v| v.as_str()).unwrap_or(""));
            let target = norm(m.get("target").and_then(|v| v.as_str()).unwrap_or(""));
            let ok = arr(&doc["paragraphs"]).iter().any(|p| {
                let t = s(&p["text"]);
                arr(&p["markers"]).iter().any(|x| {
                    let off = x["offset"].as_u64().unwrap_or(0) as usize;
                    let before: String = t.chars().take(off).collect();
                    norm(&before).ends_with(&after)
                        && arr(&x["targets"])
                            .iter()
                            .any(|y| norm(s(y)).contains(&target))
                })
            });
            mok += usize::from(ok);
        }
        fig.markers = Some((mok, mk.len()));
        facts.insert(
            "markers",
            (
                mok as f64 >= 0.8 * mk.len() as f64,
                format!("{mok}/{} resolve right", mk.len()),
            ),
        );
    }

    if let Some(md) = g
        .get("metadata")
        .and_then(toml::Value::as_table)
        .filter(|m| !m.is_empty())
    {
        let dm = &doc["metadata"];
        let bad: Vec<&String> = md
            .iter()
            .filter(|(k, v)| norm(&py_str_json(dm.get(k.as_str()))) != norm(&py_str_toml(v)))
            .map(|(k, _)| k)
            .collect();
        facts.insert(
            "metadata",
            (bad.is_empty(), format!("wrong or missing: {bad:?}")),
        );
    }

    let usable_keys = [
        "title",
        "authors",
        "abstract",
        "keywords",
        "headings",
        "body",
        "not_in_body",
        "references",
        "markers",
    ];
    let usable = usable_keys.iter().all(|k| facts.get(k).is_none_or(|f| f.0));
    Scored { facts, usable, fig }
}

// ---- running it --------------------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Scores every `facts/*.toml` against the papers of `corpus`; returns the report lines and the
/// failures (facts that fail unlisted, listed misses that hold).
fn run(corpus: &Path, facts: &Path, known: &[(&str, &str, &str)]) -> (Vec<Scored>, Vec<String>) {
    let lib = Corpus::load_dirs(&[corpus.to_path_buf()]);
    assert!(lib.problems.is_empty(), "load problems: {:?}", lib.problems);
    let mut goldens: Vec<PathBuf> = std::fs::read_dir(facts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    goldens.sort();
    assert!(!goldens.is_empty(), "no facts in {}", facts.display());
    let mut out = Vec::new();
    let mut failures = Vec::new();
    for path in goldens {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let g: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let paper = lib.find(&stem).unwrap_or_else(|e| panic!("{stem}: {e}"));
        let doc = serde_json::to_value(lunwen_core::corpus::export::to_json(paper)).unwrap();
        let scored = score(&doc, &g);
        let listed = |fact: &str| known.iter().any(|(p, f, _)| *p == stem && *f == fact);
        if !scored.usable && !listed("usable") {
            failures.push(format!("{stem}: not usable"));
        }
        if scored.usable && listed("usable") {
            failures.push(format!("{stem}: usable now; take it off the list"));
        }
        for (fact, (ok, detail)) in &scored.facts {
            match (ok, listed(fact)) {
                (false, false) => failures.push(format!("{stem}: {fact} fails: {detail}")),
                (true, true) => failures.push(format!(
                    "{stem}: {fact} holds now; take it off the known misses"
                )),
                _ => {}
            }
        }
        for (p, f, _) in known.iter().filter(|(p, _, _)| *p == stem) {
            if *f != "usable" && !scored.facts.contains_key(f) {
                failures.push(format!(
                    "{p}: listed miss `{f}` is not a fact of this paper"
                ));
            }
        }
        out.push(scored);
    }
    for (p, _, _) in known {
        if !corpus
            .read_dir()
            .unwrap()
            .any(|e| e.unwrap().path().file_stem().is_some_and(|s| s == *p))
        {
            failures.push(format!("{p}: listed but not in the corpus"));
        }
    }
    (out, failures)
}

fn pct(x: (usize, usize)) -> f64 {
    if x.1 == 0 {
        1.0
    } else {
        x.0 as f64 / x.1 as f64
    }
}

#[test]
fn dev_corpus_meets_the_scorer() {
    let dir = root().join("tests/golden-dev");
    let (scored, mut failures) = run(&dir.join("corpus"), &dir.join("facts"), KNOWN_MISSES);
    let n = scored.len();
    let usable = scored.iter().filter(|s| s.usable).count();
    let f1 = scored.iter().map(|s| s.fig.f1).sum::<f64>() / n as f64;
    let sum = |f: &dyn Fn(&Figures) -> Option<(usize, usize)>| {
        scored
            .iter()
            .filter_map(|s| f(&s.fig))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    };
    let cov = sum(&|f| Some(f.coverage));
    let refs = sum(&|f| f.refs.map(|(n, w)| (n.min(w), w)));
    let mk = sum(&|f| f.markers);
    let (t_usable, t_f1, t_cov, t_refs, t_mk) = TARGETS;
    let summary = format!(
        "{usable}/{n} usable; heading F1 {f1:.2}; body coverage {:.0}%; references {:.0}%; markers {:.0}%",
        100.0 * pct(cov),
        100.0 * pct(refs),
        100.0 * pct(mk)
    );
    if usable < t_usable || f1 < t_f1 || pct(cov) < t_cov || pct(refs) < t_refs || pct(mk) < t_mk {
        failures.push(format!("below the targets: {summary}"));
    }
    assert!(
        failures.is_empty(),
        "{summary}\n  {}",
        failures.join("\n  ")
    );
}

#[test]
fn seeds_keep_every_fact() {
    let (scored, failures) = run(&root().join("corpus"), &root().join("tests/golden"), &[]);
    assert_eq!(scored.len(), 4);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn dev_copy_is_complete() {
    // Every paper has its facts and every fact file its paper.
    let dir = root().join("tests/golden-dev");
    let stems = |d: &str| {
        let mut v: Vec<String> = std::fs::read_dir(dir.join(d))
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .path()
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(stems("corpus"), stems("facts"));
    assert_eq!(stems("corpus").len(), 14);
}

#[test]
fn norm_follows_the_scorer() {
    assert_eq!(norm("（一） 研究^[1] 背景<sup>②</sup>¹²"), "(一)研究背景");
    assert_eq!(norm("ＡＢ，Ｃ：ｄ、e"), "ab,c:d,e");
    assert_eq!(norm("x^①y^{3}z【1】"), "xyz[1]");
}

/// The dev PDFs (`tests/golden-dev/pdf/`, copies of `shared/pdf-dev`) read through pdftotext
/// score as their texts do: every one usable, the same facts holding. One of the four needs
/// `-raw` for its endnotes (see `pdf::paper_text`); in default mode alone it is not usable.
#[test]
fn dev_pdfs_read_as_well_as_their_texts() {
    if !lunwen_core::testing::pdf::pdftotext_or_skip("dev_pdfs_read_as_well_as_their_texts") {
        return;
    }
    let dir = root().join("tests/golden-dev");
    let facts = tempfile::tempdir().expect("temp dir");
    let mut stems = Vec::new();
    for entry in std::fs::read_dir(dir.join("pdf")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let name = format!("{stem}.toml");
        std::fs::copy(dir.join("facts").join(&name), facts.path().join(&name)).unwrap();
        stems.push(stem);
    }
    assert_eq!(stems.len(), 4);
    let (scored, failures) = run(&dir.join("pdf"), facts.path(), &[]);
    assert!(scored.iter().all(|s| s.usable), "{}", failures.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
