//! What a researcher already has, through the built binary: metadata exports beside the papers
//! (BibTeX, CSL-JSON, RIS, NoteExpress), a Zotero library, `lunwen info` saying where each fact
//! came from, and `lunwen edit` for the sidecar that overrides them all.

mod common;

use std::path::Path;

use lunwen_core::corpus::sources::zotero::testlib;

const TITLE: &str = "数字经济赋能新质生产力发展研究";
const PAPER: &str = "数字经济赋能新质生产力发展研究\n\n张三 李四\n\n摘要：本文研究数字经济。\n\n一、引言\n\n新质生产力是推动高质量发展的内在要求。\n";

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn run_in(home: &Path, args: &[&str]) -> Run {
    let out = common::lunwen(home)
        .args(args)
        .output()
        .expect("run lunwen");
    Run {
        ok: out.status.success(),
        stdout: common::text(&out.stdout),
        stderr: common::text(&out.stderr),
    }
}

fn corpus_with(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("szjj.txt"), PAPER).expect("paper");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("file");
    }
    dir
}

fn check(corpus: &Path) -> String {
    let home = tempfile::tempdir().expect("home");
    let corpus = corpus.to_string_lossy();
    run_in(home.path(), &["--corpus", &corpus, "check"]).stdout
}

/// The same record in each format a database or reference manager exports.
fn exports() -> Vec<(&'static str, String)> {
    vec![
        (
            "refs.bib",
            format!(
                "@article{{zhang2024,\n  title = {{{TITLE}}},\n  author = {{张三 and 李四}},\n  journal = {{经济研究}},\n  year = {{2024}},\n}}\n"
            ),
        ),
        (
            "refs.json",
            format!(
                "[{{\"id\": \"zhang2024\", \"type\": \"article-journal\", \"title\": \"{TITLE}\", \"container-title\": \"经济研究\", \"issued\": {{\"date-parts\": [[2024, 5]]}}}}]"
            ),
        ),
        (
            "refs.ris",
            format!(
                "TY  - JOUR\nTI  - {TITLE}\nAU  - 张三\nAU  - 李四\nJO  - 经济研究\nPY  - 2024\nER  - \n"
            ),
        ),
        (
            "CNKI-noteexpress.txt",
            format!(
                "{{Reference Type}}: Journal Article\n{{Title}}: {TITLE}\n{{Author}}: 张三;李四;\n{{Journal}}: 经济研究\n{{Year}}: 2024\n"
            ),
        ),
    ]
}

#[test]
fn each_export_fills_journal_and_year_so_check_stops_asking() {
    let bare = corpus_with(&[]);
    assert!(
        check(bare.path()).contains("missing: journal, year"),
        "{}",
        check(bare.path())
    );
    for (name, text) in exports() {
        let dir = corpus_with(&[(name, text)]);
        let out = check(dir.path());
        assert!(!out.contains("missing"), "{name}: {out}");
        let home = tempfile::tempdir().expect("home");
        let corpus = dir.path().to_string_lossy();
        let info = run_in(home.path(), &["--corpus", &corpus, "info", "szjj"]);
        assert!(info.ok, "{name}: {}", info.stderr);
        let journal_from = format!(
            "  journal     经济研究\n              from {}",
            dir.path().join(name).display()
        );
        assert!(
            info.stdout.contains(&journal_from),
            "{name}: {}",
            info.stdout
        );
        assert!(
            info.stdout
                .contains("  title       数字经济赋能新质生产力发展研究\n"),
            "{name}: {}",
            info.stdout
        );
        let cite = run_in(home.path(), &["--corpus", &corpus, "cite", "szjj"]);
        assert!(
            cite.stdout.contains("经济研究, 2024"),
            "{name}: {}",
            cite.stdout
        );
    }
}

#[test]
fn a_config_names_metadata_files_kept_elsewhere() {
    let dir = corpus_with(&[]);
    let elsewhere = tempfile::tempdir().expect("dir");
    let (_, bib) = exports().remove(0);
    std::fs::write(elsewhere.path().join("library.bib"), bib).expect("bib");
    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "corpus_dirs = [{:?}]\nmetadata_files = [{:?}]\n",
            dir.path(),
            elsewhere.path().join("library.bib")
        ),
    )
    .expect("config");
    let out = run_in(
        home.path(),
        &["--config", &config.to_string_lossy(), "check"],
    );
    assert!(out.ok, "{}", out.stderr);
    assert!(!out.stdout.contains("missing"), "{}", out.stdout);
}

#[test]
fn edit_creates_the_sidecar_and_its_facts_win() {
    let (_, ris) = exports().remove(2);
    let dir = corpus_with(&[("refs.ris", ris)]);
    let home = tempfile::tempdir().expect("home");
    // An "editor" that sets the year the way a person would: uncomment the line, change it.
    let editor = home.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/^# year = .*/year = 2023/' \"$1\"\n",
    )
    .expect("editor");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let corpus = dir.path().to_string_lossy();
    let out = common::lunwen(home.path())
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .args(["--corpus", &corpus, "edit", "szjj"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let sidecar = std::fs::read_to_string(dir.path().join("szjj.toml")).expect("created");
    assert!(sidecar.contains("# journal = \"经济研究\""), "{sidecar}");
    assert!(sidecar.contains("\nyear = 2023\n"), "{sidecar}");
    let info = run_in(home.path(), &["--corpus", &corpus, "info", "szjj"]);
    assert!(
        info.stdout.contains(&format!(
            "  year        2023\n              from sidecar {}",
            dir.path().join("szjj.toml").display()
        )),
        "{}",
        info.stdout
    );

    // A mistake the editor leaves is reported at once, with a failing status.
    std::fs::write(&editor, "#!/bin/sh\necho 'yeer = 1' >> \"$1\"\n").expect("editor");
    let out = common::lunwen(home.path())
        .env("EDITOR", &editor)
        .args(["--corpus", &corpus, "edit", "szjj"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(
        common::text(&out.stderr).contains("will be ignored"),
        "{}",
        common::text(&out.stderr)
    );
}

#[test]
fn a_zotero_library_opens_with_its_titles_authors_keys_and_collections() {
    let lib = testlib::build(0);
    let home = tempfile::tempdir().expect("home");
    let zotero = format!("--zotero={}", lib.dir().display());
    let list = run_in(home.path(), &[&zotero, "list"]);
    assert!(list.ok, "{}", list.stderr);
    assert!(
        list.stdout.contains(&format!(
            "{}  以新质生产力发展赋能高质量共建“一带一路”研究  刘博, 蔡文成",
            testlib::LIU
        )),
        "{}",
        list.stdout
    );
    assert!(
        list.stderr.contains("Tone Sandhi in Mandarin"),
        "{}",
        list.stderr
    );
    let cite = run_in(home.path(), &[&zotero, "cite", "liu2025xinzhi"]);
    assert!(cite.ok, "{}", cite.stderr);
    assert_eq!(
        cite.stdout.trim(),
        "刘博, 蔡文成. 以新质生产力发展赋能高质量共建“一带一路”研究[J]. 中州学刊, 2025(6): 34-41."
    );
    let info = run_in(home.path(), &[&zotero, "info", "liu2025xinzhi"]);
    assert!(
        info.stdout.contains(&format!(
            "from {} item {}",
            lib.db().display(),
            testlib::LIU
        )),
        "{}",
        info.stdout
    );
    assert!(
        info.stdout.contains("collections 新质生产力/一带一路"),
        "{}",
        info.stdout
    );
    let filtered = run_in(
        home.path(),
        &[&zotero, "--collection", "新质生产力", "list"],
    );
    assert_eq!(filtered.stdout.lines().count(), 1, "{}", filtered.stdout);
    let none = run_in(home.path(), &[&zotero, "--collection", "Nope", "list"]);
    assert!(
        none.stderr
            .contains("no paper is filed in collection 'Nope' (collections: "),
        "{}",
        none.stderr
    );

    // Zotero's papers keep their sidecars in lunwen's data directory, not in Zotero's.
    let editor = home.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\necho 'volume = \"41\"' >> \"$1\"\n").expect("editor");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let out = common::lunwen(home.path())
        .env("EDITOR", &editor)
        .args([zotero.as_str(), "edit", testlib::LIU])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    assert!(
        home.path()
            .join(format!("data/zotero-sidecars/{}.toml", testlib::LIU))
            .is_file()
    );
    let cite = run_in(home.path(), &[&zotero, "cite", "liu2025xinzhi"]);
    assert!(
        cite.stdout.contains("中州学刊, 2025, 41(6): 34-41"),
        "{}",
        cite.stdout
    );
    let missing = run_in(home.path(), &["--zotero=/nonexistent", "list"]);
    assert!(
        missing
            .stderr
            .contains("Zotero library not opened: /nonexistent is not a Zotero data directory"),
        "{}",
        missing.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_bare_zotero_flag_opens_the_configured_library_else_the_one_in_home() {
    let lib = testlib::build(0);
    let home = tempfile::tempdir().expect("home");
    std::os::unix::fs::symlink(lib.dir(), home.path().join("Zotero")).expect("link");
    let list = run_in(home.path(), &["--zotero", "list"]);
    assert!(list.ok, "{}", list.stderr);
    assert!(list.stdout.contains(testlib::LIU), "{}", list.stdout);
    // The subcommand's own flag, after it, works too.
    let after = run_in(home.path(), &["list", "--zotero"]);
    assert_eq!(after.stdout, list.stdout);
    // zotero_dir in the config opens it without the flag, and the flag alone uses it.
    let config = home.path().join("config.toml");
    std::fs::write(&config, format!("zotero_dir = {:?}\n", lib.dir())).expect("config");
    std::fs::remove_file(home.path().join("Zotero")).expect("unlink");
    let cfg = config.to_string_lossy();
    for args in [
        &["--config", &cfg, "list"][..],
        &["--config", &cfg, "--zotero", "list"],
    ] {
        let r = run_in(home.path(), args);
        assert!(
            r.stdout.contains(testlib::LIU),
            "{args:?}: {}{}",
            r.stdout,
            r.stderr
        );
    }
}
