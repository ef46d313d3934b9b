//! Embeds the bundled corpus (`corpus/*.txt|md` and their sidecar `.toml`) in the binary, so an
//! installed lunwen works anywhere without the repository beside it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // The corpus lives at the top of the repository, beside the app that bundles it.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".txt") || n.ends_with(".md"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("&[\n");
    for name in &names {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let paper = dir.join(name);
        let sidecar = dir.join(format!("{stem}.toml"));
        println!("cargo:rerun-if-changed={}", paper.display());
        let sidecar_expr = if sidecar.exists() {
            println!("cargo:rerun-if-changed={}", sidecar.display());
            format!("Some(include_str!({:?}))", sidecar.display().to_string())
        } else {
            "None".to_string()
        };
        let _ = writeln!(
            out,
            "    ({name:?}, include_bytes!({:?}), {sidecar_expr}),",
            paper.display().to_string()
        );
    }
    out.push(']');
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("bundled.rs");
    std::fs::write(dest, out).expect("write bundled.rs");
}
