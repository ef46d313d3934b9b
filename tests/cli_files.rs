//! Corpus files as users have them: every common encoding of Chinese text, broken and binary
//! files, empty files, big files and big directories, all through the built binary.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

const PAPER: &str = "数字经济赋能新质生产力发展研究\n\n张三 李四\n\n摘要：本文研究数字经济。\n\n一、引言\n\n新质生产力是推动高质量发展的内在要求。\n";

struct Run {
    ok: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(corpus: &Path, args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let out = common::lunwen(home.path())
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .output()
        .expect("run lunwen");
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stdout: common::text(&out.stdout),
        stderr: common::text(&out.stderr),
    }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// Guard: `decode` (BOM sniffing, UTF-16, GB18030 fallback). Without it every non-UTF-8 file is
/// skipped or shows mojibake titles.
#[test]
fn every_common_encoding_of_chinese_text_loads_with_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a_utf8.txt"), PAPER).unwrap();
    std::fs::write(
        d.join("b_bom.txt"),
        [b"\xef\xbb\xbf", PAPER.as_bytes()].concat(),
    )
    .unwrap();
    std::fs::write(d.join("c_utf16le.txt"), utf16(PAPER, false)).unwrap();
    std::fs::write(d.join("d_utf16be.txt"), utf16(PAPER, true)).unwrap();
    std::fs::write(d.join("e_gbk.txt"), encoding_rs::GBK.encode(PAPER).0).unwrap();
    // 𠀀 (U+20000) and € exist in GB18030 but not in GBK's two-byte table.
    let gb18030 = PAPER.replace("内在要求", "内在要求𠀀€");
    std::fs::write(
        d.join("f_gb18030.txt"),
        encoding_rs::GB18030.encode(&gb18030).0,
    )
    .unwrap();
    // Without a BOM, as some Windows tools save "Unicode" text.
    let bomless: Vec<u8> = utf16(PAPER, false)[2..].to_vec();
    std::fs::write(d.join("g_utf16_nobom.txt"), bomless).unwrap();
    let r = run(d, &["list"]);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(r.stderr, "", "no file should be skipped");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{}", r.stdout);
    for line in &lines {
        assert!(
            line.contains("  数字经济赋能新质生产力发展研究  "),
            "title lost or mangled: {line:?}"
        );
        assert!(!line.contains('\u{feff}'), "BOM leaked into {line:?}");
    }
    for id in [
        "a_utf8",
        "b_bom",
        "c_utf16le",
        "d_utf16be",
        "e_gbk",
        "g_utf16",
    ] {
        let r = run(d, &["export", "--json", id]);
        assert!(
            r.stdout.contains("新质生产力是推动高质量发展的内在要求。"),
            "{id}: {}",
            r.stdout
        );
    }
    let r = run(d, &["export", "--json", "f_gb18030"]);
    assert!(r.stdout.contains("内在要求𠀀€。"), "{}", r.stdout);
}

/// Guard: `looks_binary` and the UTF-16 check in `decode`, and `Corpus::add` reporting the
/// skip. Without them a binary file becomes a paper of mojibake. A Latin-1 file is no mojibake:
/// its encoding is detected and it reads as written.
#[test]
fn binary_and_undecodable_files_are_skipped_with_a_message_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), PAPER).unwrap();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06";
    std::fs::write(d.join("figure.txt"), png).unwrap();
    std::fs::write(
        d.join("latin1.txt"),
        b"caf\xe9 au lait, na\xefve r\xe9sum\xe9 \xff\xfe",
    )
    .unwrap();
    std::fs::write(d.join("broken16.txt"), [0xff, 0xfe, 0x00, 0xd8, 0x41]).unwrap();
    let r = run(d, &["list"]);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert!(r.stdout.starts_with("good  "));
    assert!(
        r.stdout.contains("latin1  café au lait, naïve résumé"),
        "{}",
        r.stdout
    );
    for (file, why) in [
        ("figure.txt", "binary file"),
        ("broken16.txt", "invalid UTF-16"),
    ] {
        let line = r
            .stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no message names {file}: {}", r.stderr));
        assert!(
            line.starts_with("lunwen: ") && line.contains(why) && line.contains("skipped"),
            "{line}"
        );
    }
}

/// Guard: `decode_noted`'s damaged-UTF-8 path. Without it one bad byte (a PDF extractor cutting
/// a char in two) hides the whole paper as "not UTF-8, UTF-16 or a legacy encoding".
#[test]
fn a_paper_with_a_damaged_byte_is_read_with_a_note_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let paper = include_str!("../corpus/000_410c59112ba8e771.txt");
    let mut bytes = paper.as_bytes().to_vec();
    let at = paper.find("研究").unwrap() + 1;
    bytes.remove(at);
    std::fs::write(dir.path().join("cut.txt"), bytes).unwrap();
    let r = run(dir.path(), &["list"]);
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.starts_with("cut  "), "{}", r.stdout);
    assert_eq!(
        r.stderr,
        "lunwen: cut.txt: partly read: 1 invalid UTF-8 sequence(s) replaced with �\n"
    );
}

/// Guard: `Corpus::add` refusing an empty file. Without it an empty paper with no title and no
/// text sits in the list.
#[test]
fn empty_and_blank_files_are_skipped_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), PAPER).unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(d.join("blank.md"), b" \n\r\n\t\n").unwrap();
    std::fs::write(d.join("bom_only.txt"), b"\xef\xbb\xbf").unwrap();
    let r = run(d, &["list"]);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    for file in ["empty.txt", "blank.md", "bom_only.txt"] {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.contains(file) && l.contains("empty")),
            "{file}: {}",
            r.stderr
        );
    }
}

/// Guard: `read_capped` in the loader. Without it a stray multi-gigabyte `.txt` (a dump, a log)
/// is read whole, and parsing it needs several times its size in memory.
#[test]
fn files_too_large_to_be_papers_are_skipped_unread() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), PAPER).unwrap();
    // Sparse: 3 GB on paper, nothing on disk. Reading it would take seconds and 3 GB of memory.
    let huge = std::fs::File::create(d.join("dump.txt")).unwrap();
    huge.set_len(3 << 30).unwrap();
    let sidecar = std::fs::File::create(d.join("good.toml")).unwrap();
    sidecar.set_len(2 << 20).unwrap();
    let start = Instant::now();
    let r = run(d, &["list"]);
    assert!(r.ok, "{}", r.stderr);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    let dump = r
        .stderr
        .lines()
        .find(|l| l.contains("dump.txt"))
        .unwrap_or("");
    assert!(
        dump.contains("skipped: 3072 MB is too large (the limit is 200 MB)"),
        "{}",
        r.stderr
    );
    let side = r
        .stderr
        .lines()
        .find(|l| l.contains("good.toml"))
        .unwrap_or("");
    assert!(
        side.contains("sidecar ignored: 2 MB is too large"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_corpus_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let r = run(&missing, &["list"]);
    assert!(r.ok);
    assert!(
        r.stderr.contains("nowhere") && r.stderr.contains("cannot read corpus directory"),
        "{}",
        r.stderr
    );
}

/// A paper of about `bytes` bytes built from the bundled seed, with numbered sections so the
/// parser does real work.
fn big_paper(bytes: usize) -> String {
    let seed = include_str!("../corpus/000_410c59112ba8e771.txt");
    let mut out = String::with_capacity(bytes + seed.len());
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&format!("\n\n{}. 第{}部分\n\n", i % 9 + 1, i));
        out.push_str(seed);
        i += 1;
    }
    out
}

/// One line of `bytes` bytes opening with a field label and dense with markers, links and
/// autolinks: the shapes that once made the parser rescan the line for each one.
fn long_line(bytes: usize) -> String {
    let unit = "DOI:10.1/x [链接](http://a.cn) <http://b.cn> 新质生产力^[1]，";
    let mut out = String::from("标题\n\n");
    while out.len() < bytes {
        out.push_str(unit);
    }
    out.push('\n');
    out
}

fn time_check(name: &str, text: &str, budget: Duration) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let start = Instant::now();
    let r = run(dir.path(), &["check"]);
    let took = start.elapsed();
    eprintln!("{name}: {} bytes checked in {took:?}", text.len());
    // `check` exits 1 exactly when it flags a paper (`!!`).
    let flagged = r.stdout.contains("\n!! ") || r.stdout.starts_with("!! ");
    assert_eq!(r.code, Some(i32::from(flagged)), "{}", r.stderr);
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.starts_with("ok ") || l.starts_with("!! "))
            .count(),
        1
    );
    assert!(took < budget, "{name} took {took:?} (budget {budget:?})");
}

/// Guard: the one-pass scans of a line (`strip_links`, `strip_autolinks`, `next_field_label`).
/// This 1 MB line takes about 0.2 s in a debug build; rescanning it per link and per label, as
/// the parser once did, takes about half a minute.
#[test]
fn a_one_megabyte_line_loads_in_linear_time() {
    time_check("line.txt", &long_line(1_000_000), Duration::from_secs(5));
}

#[test]
fn a_few_megabyte_paper_loads_quickly() {
    time_check("big.txt", &big_paper(2_000_000), Duration::from_secs(20));
}

/// A paper whose parts grow without end: one paragraph of `n` unfinished pieces full of note
/// markers that match no note, `n` notes, and a reference continued over `n` lines.
fn unending_paper(n: usize) -> String {
    let mut out = String::from("标题\n\n");
    for i in 0..n {
        out.push_str(&format!("正文第{i}段没有句号②\n\n"));
    }
    // One note fewer than markers, so they are not simply paired in order.
    out.push_str("注释\n\n");
    for i in 1..n {
        out.push_str(&format!("①注文{i}。\n"));
    }
    out.push_str("\n参考文献\n\n[1]甲\n");
    for i in 0..n {
        out.push_str(&format!("续行{i}\n"));
    }
    out
}

/// Guard: markers resolved through an index (`NoteIndex`), and paragraphs, notes and
/// references grown in place (`push_wrapped_counted`). About 6 s in a debug build (0.6 s in
/// release); each marker scanning every note and each piece re-copying the whole paragraph, as
/// the parser once did, takes over a minute at this size. The budget is a hang limit with room
/// for a loaded machine, not a speed target.
#[test]
fn a_paper_with_unending_parts_loads_in_linear_time() {
    time_check(
        "unending.txt",
        &unending_paper(60_000),
        Duration::from_secs(40),
    );
}

/// The 50 MB paper the issue names: about 5 s in a debug build. The budget only catches a
/// return of the quadratic scans (minutes at this size); speed itself is measured by
/// `scripts/measure_load.sh`.
#[test]
fn a_fifty_megabyte_paper_loads() {
    time_check("big.txt", &big_paper(50_000_000), Duration::from_secs(120));
}

/// Writes `n` distinct papers into `dir`, each the first `size` bytes of a bundled seed.
fn write_corpus(dir: &Path, n: usize, size: usize) {
    let seeds = [
        include_str!("../corpus/000_410c59112ba8e771.txt"),
        include_str!("../corpus/001_0e3381bbf9580fea.txt"),
        include_str!("../corpus/003_9cc47190004817c5.txt"),
        include_str!("../corpus/004_5425b47fff0c6ac1.txt"),
    ];
    for i in 0..n {
        let seed = seeds[i % seeds.len()];
        let end = (0..=size.min(seed.len()))
            .rev()
            .find(|&e| seed.is_char_boundary(e))
            .unwrap_or(0);
        let text = format!("第{i}篇 {}", &seed[..end]);
        std::fs::write(dir.join(format!("{i:04}.txt")), text).unwrap();
    }
}

#[test]
fn a_directory_of_a_thousand_papers_lists_them_all() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path(), 1000, 4000);
    let start = Instant::now();
    let r = run(dir.path(), &["list"]);
    eprintln!("1000 papers listed in {:?}", start.elapsed());
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1000);
    assert!(lines[0].starts_with("0000  第0篇"), "{}", lines[0]);
    assert!(lines[998].starts_with("0998  第998篇"), "{}", lines[998]);
    assert!(lines[999].starts_with("0999  "), "{}", lines[999]);
}
