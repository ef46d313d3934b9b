//! The layering, checked from the sources: each module of `src/` and of the core imports only
//! layers below its own, and no two modules of one level import each other (directly or round a
//! cycle). Paths are read from every `crate::`, `super::` and `lunwen_core::` path in the code
//! (use lines and inline paths alike), comments and strings left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers of the `lunwen` crate, lowest first; a module may use modules of a lower layer.
const APP_LAYERS: &[&[&str]] = &[
    &["action", "clipboard", "crash", "log", "store"],
    &["config", "copy"],
    &["app"],
    &["ui"],
    &["tui"],
    &["cli"],
];

/// Layers of the core: corpus → search → view.
const CORE_LAYERS: &[&[&str]] = &[&["corpus"], &["search"], &["view"]];

/// Modules outside the layers: test support, which may use anything.
const FREE: &[&str] = &["testing"];

/// The source of a file with comments, string and char literals blanked out.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i + 1 < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'r' && (b[i + 1..].starts_with(b"\"") || b[i + 1..].starts_with(b"#")) {
            // raw string r"…" or r#"…"#
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                out.push('r');
                i += 1;
                continue;
            }
            i += 2 + hashes;
            let close: Vec<u8> = std::iter::once(b'"')
                .chain((0..hashes).map(|_| b'#'))
                .collect();
            while i < b.len() && !b[i..].starts_with(&close) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            i += 3;
        } else if b[i] == b'\'' && b.get(i + 1) == Some(&b'\\') {
            i += 2;
            while i < b.len() && b[i] != b'\'' {
                i += 1;
            }
            i += 1;
        } else {
            let c = src[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Every path in `code` that starts with `crate::`, `super::` or `lunwen_core::`, expanding
/// `use a::{b, c::{d}}` groups: each as its segments.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let at_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if at_word {
            for root in ["crate", "super", "lunwen_core"] {
                let r: Vec<char> = root.chars().collect();
                if chars[i..].starts_with(&r) && chars[i + r.len()..].starts_with(&[':', ':']) {
                    let (found, end) = tree(&chars, i);
                    out.extend(found);
                    i = end;
                    break;
                }
            }
        }
        i += 1;
    }
    out
}

/// Reads a path (with `{…}` groups) starting at `i`: the paths and where it ended.
fn tree(chars: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        let seg: String = chars[start..i].iter().collect();
        if !seg.is_empty() {
            prefix.push(seg);
        }
        if chars[i..].starts_with(&[':', ':']) {
            i += 2;
            if chars.get(i) == Some(&'{') {
                let mut out = Vec::new();
                i += 1;
                loop {
                    while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                        i += 1;
                    }
                    if chars.get(i) == Some(&'}') || i >= chars.len() {
                        return (out, i + 1);
                    }
                    let (inner, end) = tree(chars, i);
                    for p in inner {
                        out.push(prefix.iter().cloned().chain(p).collect());
                    }
                    if inner_empty(chars, i, end) {
                        out.push(prefix.clone());
                    }
                    i = end;
                    // skip `as name`
                    while chars.get(i).is_some_and(|c| *c != ',' && *c != '}') {
                        i += 1;
                    }
                }
            }
            continue;
        }
        return (vec![prefix], i);
    }
}

fn inner_empty(chars: &[char], start: usize, end: usize) -> bool {
    chars[start..end.min(chars.len())]
        .iter()
        .collect::<String>()
        .trim()
        .starts_with("self")
}

/// The module path of a source file below `src`: `app/search/tests.rs` → [app, search, tests].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Imports between modules: (importing module path, imported module path), resolved against
/// the module tree of the crate (`crate::` and `super::` paths; `lunwen_core::` as `core::…`).
fn imports(src: &Path, own: &str) -> BTreeSet<(Vec<String>, Vec<String>)> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    modules.insert(Vec::new());
    let mut out = BTreeSet::new();
    for file in &files {
        let from = module_of(src, file);
        let text = std::fs::read_to_string(file).unwrap_or_default();
        out.extend(edges(&from, &code_only(&text), &modules, own));
    }
    out
}

fn edges(
    from: &[String],
    code: &str,
    modules: &BTreeSet<Vec<String>>,
    own: &str,
) -> BTreeSet<(Vec<String>, Vec<String>)> {
    let mut out = BTreeSet::new();
    for path in paths(code) {
        let mut to: Vec<String> = Vec::new();
        let mut rest = path.as_slice();
        match rest.first().map(String::as_str) {
            Some("crate") => rest = &rest[1..],
            Some("lunwen_core") if own != "lunwen_core" => {
                out.insert((from.to_vec(), vec!["<core>".to_string()]));
                continue;
            }
            Some("super") => {
                to = from.to_vec();
                while rest.first().map(String::as_str) == Some("super") {
                    to.pop();
                    rest = &rest[1..];
                }
            }
            _ => continue,
        }
        // the longest module the path names
        for seg in rest {
            let mut next = to.clone();
            next.push(seg.clone());
            if modules.contains(&next) {
                to = next;
            } else {
                break;
            }
        }
        out.insert((from.to_vec(), to));
    }
    out
}

fn layer(layers: &[&[&str]], top: &str) -> Option<usize> {
    layers.iter().position(|l| l.contains(&top))
}

/// What is wrong with the imports: upward or sideways imports between the top-level modules,
/// and cycles between sibling modules anywhere.
fn problems(edges: &BTreeSet<(Vec<String>, Vec<String>)>, layers: &[&[&str]]) -> Vec<String> {
    let mut out = Vec::new();
    let mut siblings: BTreeMap<(Vec<String>, String), BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges {
        let (Some(f), Some(t)) = (from.first(), to.first()) else {
            continue;
        };
        if t == "<core>" || FREE.contains(&f.as_str()) || FREE.contains(&t.as_str()) {
            continue;
        }
        if f != t {
            match (layer(layers, f), layer(layers, t)) {
                (Some(a), Some(b)) if b >= a => out.push(format!(
                    "{} uses {}: {f} is not above {t}",
                    from.join("::"),
                    to.join("::")
                )),
                (None, _) | (_, None) => out.push(format!(
                    "{} uses {}: a module in no layer (add it to the layers)",
                    from.join("::"),
                    to.join("::")
                )),
                _ => {}
            }
        }
        // sibling edge at the level where the paths part: a::b::x → a::c::y is b → c in a
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        if common < from.len() && common < to.len() {
            siblings
                .entry((from[..common].to_vec(), from[common].clone()))
                .or_default()
                .insert(to[common].clone());
        }
    }
    // cycles among siblings
    let parents: BTreeSet<Vec<String>> = siblings.keys().map(|(p, _)| p.clone()).collect();
    for parent in parents {
        let graph: BTreeMap<&String, &BTreeSet<String>> = siblings
            .iter()
            .filter(|((p, _), _)| *p == parent)
            .map(|((_, m), to)| (m, to))
            .collect();
        for &start in graph.keys() {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<&String> = graph[start].iter().collect();
            while let Some(m) = stack.pop() {
                if m == start {
                    out.push(format!(
                        "import cycle through {}",
                        parent
                            .iter()
                            .chain([start])
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("::")
                    ));
                    break;
                }
                if seen.insert(m) {
                    stack.extend(graph.get(m).into_iter().flat_map(|s| s.iter()));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_app_crate_imports_only_downwards_and_has_no_cycle() {
    let edges = imports(&root().join("src"), "lunwen");
    assert!(edges.len() > 100, "only {} imports found", edges.len());
    let found = problems(&edges, APP_LAYERS);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_core_imports_only_downwards_and_has_no_cycle() {
    let edges = imports(&root().join("crates/lunwen-core/src"), "lunwen_core");
    assert!(edges.len() > 30, "only {} imports found", edges.len());
    let found = problems(&edges, CORE_LAYERS);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The check itself: an upward import, one hidden in a group or an inline path, and a cycle
/// between siblings are each found.
#[test]
fn the_check_finds_an_upward_import_and_a_cycle() {
    let modules: BTreeSet<Vec<String>> = [
        vec![],
        vec!["app".to_string()],
        vec!["app".to_string(), "search".to_string()],
        vec!["app".to_string(), "mouse".to_string()],
        vec!["ui".to_string()],
        vec!["ui".to_string(), "style".to_string()],
    ]
    .into_iter()
    .collect();
    let v = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let mut edges = BTreeSet::new();
    edges.extend(super_edges(
        &v("app"),
        "use crate::ui::style::Styles;",
        &modules,
    ));
    let found = problems(&edges, APP_LAYERS);
    assert_eq!(found, ["app uses ui::style: app is not above ui"]);
    let mut edges = BTreeSet::new();
    edges.extend(super_edges(
        &v("app::search"),
        "use crate::{config::Config, ui::{self, style}};",
        &modules,
    ));
    edges.extend(super_edges(
        &v("app::mouse"),
        "fn f() { crate::ui::render(); }",
        &modules,
    ));
    assert_eq!(
        problems(&edges, APP_LAYERS).len(),
        3,
        "{:?}",
        problems(&edges, APP_LAYERS)
    );
    let mut edges = BTreeSet::new();
    edges.extend(super_edges(
        &v("app::search"),
        "use super::mouse::Click;",
        &modules,
    ));
    edges.extend(super_edges(
        &v("app::mouse"),
        "use super::search::Hit; // crate::ui",
        &modules,
    ));
    assert_eq!(
        problems(&edges, APP_LAYERS),
        [
            "import cycle through app::mouse",
            "import cycle through app::search"
        ]
    );
}

fn super_edges(
    from: &[String],
    code: &str,
    modules: &BTreeSet<Vec<String>>,
) -> BTreeSet<(Vec<String>, Vec<String>)> {
    edges(from, &code_only(code), modules, "lunwen")
}
