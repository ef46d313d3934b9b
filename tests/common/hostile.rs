//! A corpus built to attack the terminal: a paper, its sidecar and a file name full of escape
//! sequences and control characters, and the check that output holds none of them.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

/// Every family: CSI (7- and 8-bit), OSC 52 clipboard write (BEL- and ST-terminated), OSC title,
/// DCS, SOS/PM/APC, bare ESC, BEL, BS, CR, DEL, NUL-free C0, C1 controls, bidi overrides.
const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}[31;1m红\u{1b}[0m",
    "\u{9b}2J",
    "\u{1b}]52;c;cm0gLXJmIH4=\u{7}",
    "\u{1b}]52;c;cm0gLXJmIH4=\u{1b}\\",
    "\u{9d}52;c;cm0gLXJmIH4=\u{9c}",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}Pq#0;2;0;0;0\u{1b}\\",
    "\u{90}1$r\u{9c}",
    "\u{1b}X sos \u{1b}\\",
    "\u{1b}^ pm \u{1b}\\",
    "\u{1b}_ apc \u{1b}\\",
    "\u{1b}",
    "\u{1b}c",
    "\u{7}",
    "\u{8}\u{8}\u{8}",
    "\r",
    "\u{7f}",
    "\u{5}\u{1a}\u{1c}",
    "\u{85}\u{8d}\u{9f}",
    "\u{202e}\u{2066}\u{2069}\u{202a}",
];

fn hostile(text: &str) -> String {
    HOSTILE.iter().map(|h| format!("{text}{h}")).collect()
}

/// The paper: every part the parser recognises carries every escape family.
pub fn hostile_paper() -> String {
    format!(
        "{title}\n\n{byline}\n\n摘要：{abs}\n\n关键词：{kw}；数字经济\n\n一、{h1}\n\n{para}^[1]。\n\n（一）{h2}\n\n{para2}①。\n\n---\n① {note}\n\n参考文献\n\n[1] {reference}.\n",
        title = hostile("恶意标题"),
        byline = "张三 李四",
        abs = hostile("摘要文字"),
        kw = hostile("关键词"),
        h1 = hostile("引言"),
        para = hostile("正文"),
        h2 = hostile("小节"),
        para2 = hostile("第二段"),
        note = hostile("注文"),
        reference = hostile("文献"),
    )
}

fn toml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            c if c.is_control() || c as u32 >= 0x80 => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn hostile_sidecar() -> String {
    let field = |s: &str| format!("\"{}\"", toml_escaped(&hostile(s)));
    format!(
        "title = {}\nauthors = [{}, {}]\njournal = {}\nyear = 2024\nvolume = {}\ndoi = {}\nurl = {}\n",
        field("题名"),
        field("作者甲"),
        field("作者乙"),
        field("期刊"),
        field("卷"),
        field("10.1/x"),
        field("http://a.cn"),
    )
}

/// Controls other than newline and tab, and the bidi overrides and isolates that reorder text.
pub fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Bytes and characters no terminal output of lunwen may contain.
pub fn assert_inert(what: &str, bytes: &[u8]) {
    for (i, &b) in bytes.iter().enumerate() {
        assert!(
            b >= 0x20 && b != 0x7f || b == b'\n' || b == b'\t',
            "{what}: byte {b:#04x} at {i}: {:?}",
            String::from_utf8_lossy(&bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())])
        );
    }
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    for c in text.chars() {
        assert!(!acts_on_terminal(c), "{what}: {c:?} in output");
    }
}

pub fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("evil.txt"), hostile_paper()).unwrap();
    std::fs::write(d.join("evil.toml"), hostile_sidecar()).unwrap();
    // The same paper, unannounced, as GBK and as UTF-16 (escape bytes survive every decoding).
    std::fs::write(
        d.join("evil_gbk.txt"),
        encoding_rs::GB18030.encode(&hostile_paper()).0,
    )
    .unwrap();
    // A file name is untrusted too.
    let name = OsStr::from_bytes(b"name\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b.txt");
    std::fs::write(d.join(name), "标题\n\n正文。\n").unwrap();
    // A sidecar that fails to parse: its error message quotes the hostile text.
    std::fs::write(d.join("badside.txt"), "标题\n\n正文。\n").unwrap();
    std::fs::write(
        d.join("badside.toml"),
        "title = \"\u{1b}]52;c;cm0gLXJmIH4=\u{7}\"\n\u{1b}[2J = 1\n",
    )
    .unwrap();
    dir
}
