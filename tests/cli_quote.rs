//! The quoting subcommands run as a user would: `cite`, `quote`, `quotes [--json] [--check]`.
//! Every run gets its own config file and data directory, so the real ones are never touched.
//! Expectations use only the sidecar metadata and sentences of the bundled seeds, so they hold
//! while the parser improves.

mod common;

use std::path::Path;
use std::process::Output;

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new(config: &str) -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        Sandbox { dir }
    }

    fn log(&self) -> std::path::PathBuf {
        self.dir.path().join("data/quotes.jsonl")
    }

    fn run(&self, args: &[&str]) -> Output {
        let home = self.dir.path();
        common::lunwen(home)
            .args(args)
            .env("LUNWEN_CONFIG", home.join("config.toml"))
            .env("LUNWEN_DATA_DIR", home.join("data"))
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    }
}

fn stdout(o: &Output) -> String {
    common::text(&o.stdout)
}

fn stderr(o: &Output) -> String {
    common::text(&o.stderr)
}

#[test]
fn cite_prints_each_style_and_says_what_is_missing() {
    let s = Sandbox::new("");
    let gbt = s.run(&["cite", "000", "--style", "gbt7714"]);
    assert!(gbt.status.success(), "{}", stderr(&gbt));
    // the parser's goldens (tests/golden) fix title and authors, the sidecar the rest
    assert_eq!(
        stdout(&gbt),
        "刘博, 蔡文成. 以新质生产力发展赋能高质量共建“一带一路”研究[J]. 中州学刊, 2025(6): 34-41.\n"
    );
    let apa = s.run(&["cite", "000", "--style", "apa"]);
    assert!(stdout(&apa).contains("(2025)") && stdout(&apa).contains("中州学刊, (6), 34–41."));
    let bib = s.run(&["cite", "003", "--style", "bibtex"]);
    assert!(stdout(&bib).starts_with("@article{"), "{}", stdout(&bib));
    assert!(stdout(&bib).contains("journal = {当代中国与世界},"));
    assert!(
        stderr(&bib).contains("missing") && stderr(&bib).contains("pages"),
        "{}",
        stderr(&bib)
    );
    let none = s.run(&["cite", "001", "--style", "note"]);
    assert!(stderr(&none).contains("journal, year"), "{}", stderr(&none));
    assert!(!stdout(&none).contains("载《"), "{}", stdout(&none));
}

#[test]
fn cite_takes_its_default_style_from_the_config() {
    let s = Sandbox::new("citation_style = \"note\"\n");
    let o = s.run(&["cite", "000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("》，载《中州学刊》2025年第6期，第34-41页。"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn cite_refuses_what_cannot_be_cited_and_bad_input() {
    let s = Sandbox::new("");
    // A paper with no title, authors or journal (one bare sentence; 004 of the seeds once
    // parsed like that). A blank file would not do: it is skipped at load.
    let corpus = s.dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("blank.txt"),
        "这是一段没有标题的正文，也没有作者和期刊。\n",
    )
    .unwrap();
    let corpus = corpus.to_string_lossy().into_owned();
    let o = s.run(&["--corpus", &corpus, "cite", "blank", "--style", "apa"]);
    assert!(!o.status.success());
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("nothing to cite"), "{}", stderr(&o));
    let o = s.run(&["cite", "000", "--style", "mla"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("gbt7714, note, apa, bibtex"),
        "{}",
        stderr(&o)
    );
    let o = s.run(&["cite", "9"]);
    assert!(stderr(&o).contains("no paper matches"), "{}", stderr(&o));
    let bad = Sandbox::new("citation_style = \"mla\"\n");
    let o = bad.run(&["cite", "000"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("config.toml:1"), "{}", stderr(&o));
}

#[test]
fn quote_prints_the_best_sentence_with_its_citation() {
    let s = Sandbox::new("quote_template = \"{quote}——{citation}\"\n");
    let o = s.run(&["quote", "中美全面战略竞争", "--style", "gbt7714"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let (quote, citation) = out.trim_end().split_once("——").unwrap();
    assert!(
        quote.contains("中美全面战略竞争蕴含着诸多矛盾和冲突"),
        "{out}"
    );
    assert!(citation.ends_with("[J]. 当代中国与世界, 2024(2)."), "{out}");
    assert!(stderr(&o).contains("from 003_"), "{}", stderr(&o));
    assert!(!s.log().exists(), "printing alone does not log");
    let words = s.run(&["quote", "中美", "矛盾和冲突", "--style", "gbt7714"]);
    assert_eq!(stdout(&words), out, "several words are one query");
    let o = s.run(&["quote", "量子纠缠不存在"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no sentence matches"));
}

fn write_log(path: &Path, lines: &[&str]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, lines.join("\n")).unwrap();
}

#[test]
fn quotes_lists_and_checks_the_log() {
    let s = Sandbox::new("");
    let o = s.run(&["quotes", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "[]");
    write_log(
        &s.log(),
        &[
            r#"{"time":"2026-01-01T00:00:00Z","paper":"003_9cc47190004817c5","section":[],"text":"中美全面战略竞争 蕴含着诸多矛盾和冲突。","style":"gbt7714"}"#,
            r#"{"time":"2026-01-02T00:00:00Z","paper":"000_410c59112ba8e771","section":[],"text":"这句话从来不在论文里。","style":"apa"}"#,
            r#"{"time":"2026-01-03T00:00:00Z","paper":"zzz_gone","section":[],"text":"也不在。","style":"apa"}"#,
            r#"{"time":"2026-01-04T00:00:00Z","paper":"00"#,
        ],
    );
    let list = s.run(&["quotes"]);
    assert!(list.status.success());
    assert_eq!(
        stdout(&list).matches("2026-01-0").count(),
        3,
        "{}",
        stdout(&list)
    );
    assert!(
        stderr(&list).contains("line 4: truncated"),
        "{}",
        stderr(&list)
    );

    let checked = s.run(&["quotes", "--check"]);
    assert!(!checked.status.success());
    let out = stdout(&checked);
    assert!(out.contains("ok      2026-01-01"), "{out}");
    assert!(out.contains("CHANGED 2026-01-02"), "{out}");
    assert!(out.contains("GONE    2026-01-03"), "{out}");
    assert!(stderr(&checked).contains("2 of 3 logged quotes no longer match"));

    let json = s.run(&["quotes", "--json", "--check"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let statuses: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["found", "changed", "paper_gone"]);
}

#[test]
fn a_session_style_before_the_command_overrides_the_config() {
    let s = Sandbox::new("citation_style = \"gbt7714\"\n");
    let apa = s.run(&["--style", "apa", "cite", "000"]);
    assert!(apa.status.success(), "{}", stderr(&apa));
    assert!(stdout(&apa).contains("(2025)"), "{}", stdout(&apa));
    // the command's own --style still wins
    let note = s.run(&["--style", "apa", "cite", "000", "--style", "note"]);
    assert!(stdout(&note).ends_with("。\n"), "{}", stdout(&note));
    let bad = s.run(&["--style", "mla"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("[possible values: gbt7714, note, apa, bibtex]"),
        "{}",
        stderr(&bad)
    );
}

/// A quote from a `pdftotext` paper (form feeds, a printed page number on each page) cites the
/// page it stands on: the fourth page of an article that starts on page 129.
#[test]
fn quote_cites_the_printed_page_of_a_paged_paper() {
    let s = Sandbox::new("");
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden-dev/corpus");
    let out = s.run(&["--corpus", corpus, "quote", "取代英国成为最重要的超级大国"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("超级大国。”[1]132\n"), "{text}");
    assert!(text.contains("129-141"), "{text}");
    assert!(!stderr(&out).contains("page unknown"), "{}", stderr(&out));
    // a logged quote's page is listed with its section
    write_log(
        &s.log(),
        &[
            r#"{"time":"2026-01-01T00:00:00Z","paper":"hs_houxue_footnotes","section":["一、美国人文研究的历史回顾"],"page":132,"text":"取代英国成为最重要的超级大国。","style":"gbt7714"}"#,
        ],
    );
    let list = s.run(&["--corpus", corpus, "quotes"]);
    assert!(
        stdout(&list).contains("    一、美国人文研究的历史回顾 · p.132\n"),
        "{}",
        stdout(&list)
    );
}
