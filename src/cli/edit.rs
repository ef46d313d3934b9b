//! `lunwen edit`: a paper's sidecar in the user's editor. The sidecar is where a researcher
//! corrects what the text or an import got wrong; it wins over every other source. A missing
//! one is created first, holding what is known as comments, so nothing needs to be looked up.

use std::path::Path;
use std::process::Command;

use lunwen_core::corpus::{Corpus, FactField, Metadata, Paper};

/// Opens (creating) the sidecar of `key` in `$VISUAL` or `$EDITOR` and, once the editor
/// returns, checks what was written.
pub fn run_edit(corpus: &Corpus, key: &str) -> Result<(), String> {
    let paper = corpus.find(key)?;
    let Some(path) = &paper.provenance.sidecar else {
        return Err(format!(
            "{}: the bundled papers have no sidecar; copy the paper into a corpus directory to \
             give it one",
            paper.id
        ));
    };
    if !path.exists() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(path, template(paper))
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    }
    let editor = editor().ok_or_else(|| {
        format!(
            "set VISUAL or EDITOR to the editor to use; the sidecar is {}",
            path.display()
        )
    })?;
    run_editor(&editor, path)?;
    check(path)
}

/// The editor command: `$VISUAL`, else `$EDITOR` (each may carry arguments, `code -w`).
fn editor() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
}

fn run_editor(editor: &str, path: &Path) -> Result<(), String> {
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or(editor);
    let status = Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| format!("cannot run the editor '{editor}': {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the editor '{editor}' failed ({status}); {} is as it left it",
            path.display()
        ))
    }
}

/// Reports a sidecar the loader would ignore, so the mistake is seen now rather than as a
/// warning next time.
fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    toml::from_str::<Metadata>(&text)
        .map(|_| ())
        .map_err(|e| format!("{} will be ignored: {}", path.display(), e.message()))
}

/// A new sidecar: every field commented out, holding the value the paper has now (from its
/// text or an import) or an empty one for what is missing.
fn template(paper: &Paper) -> String {
    let mut out = format!(
        "# Facts about {} that override what its text and imported metadata say.\n\
         # Remove the '#' in front of a line to set that field; `lunwen info {}` shows where\n\
         # each value comes from now.\n\n",
        paper.id, paper.id
    );
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let m = &paper.metadata;
    for &field in FactField::ALL {
        let value = match field {
            FactField::Title => paper.title.as_deref().map(quote),
            FactField::Authors => (!paper.authors.is_empty()).then(|| {
                let names: Vec<String> = paper.authors.iter().map(|a| quote(a)).collect();
                format!("[{}]", names.join(", "))
            }),
            FactField::Journal => m.journal.as_deref().map(quote),
            FactField::Year => m.year.map(|y| y.to_string()),
            FactField::Volume => m.volume.as_deref().map(quote),
            FactField::Issue => m.issue.as_deref().map(quote),
            FactField::Pages => m.pages.as_deref().map(quote),
            FactField::Doi => m.doi.as_deref().map(quote),
            FactField::Url => m.url.as_deref().map(quote),
            FactField::Language => m.language.as_deref().map(quote),
            // Sidecars do not set citation keys: they come from the imported record.
            FactField::Key => continue,
        };
        let empty = match field {
            FactField::Authors => "[]".to_string(),
            FactField::Year => "2024".to_string(),
            _ => "\"\"".to_string(),
        };
        out.push_str(&format!(
            "# {} = {}\n",
            field.name(),
            value.unwrap_or(empty)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_parses_once_a_line_is_uncommented() {
        let mut p = Paper {
            id: "liu".into(),
            title: Some("“一带一路”研究 \"quoted\"".into()),
            authors: vec!["刘博".into(), "蔡文成".into()],
            ..Paper::default()
        };
        p.metadata.year = Some(2025);
        let t = template(&p);
        assert!(toml::from_str::<Metadata>(&t).is_ok(), "all comments: {t}");
        let uncommented: String = t
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|l| l.contains(" = "))
                    .unwrap_or("")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let m: Metadata =
            toml::from_str(&uncommented).unwrap_or_else(|e| panic!("{e}: {uncommented}"));
        assert_eq!(m.title, p.title);
        assert_eq!(m.authors, Some(p.authors.clone()));
        assert_eq!(m.year, Some(2025));
        assert_eq!(m.journal.as_deref(), Some(""));
    }
}
