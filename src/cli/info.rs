//! `lunwen info`: a paper's bibliographic facts and who supplied each one, so a surprising
//! citation can be traced to the sidecar, the imported record or the text it came from.

use lunwen_core::corpus::text::sanitize;
use lunwen_core::corpus::{Corpus, FactField, FactSource, Paper};

/// Prints the facts of one paper, each with its source, then what is missing.
pub fn run_info(corpus: &Corpus, key: &str, json: bool) -> Result<(), String> {
    let paper = corpus.find(key)?;
    if json {
        let text = serde_json::to_string_pretty(&info_json(paper)).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print!("{}", info_text(paper));
    }
    Ok(())
}

/// How a source is named: the sidecar by its path.
fn source_name(paper: &Paper, source: &FactSource) -> String {
    paper.provenance.source_name(source)
}

fn info_text(paper: &Paper) -> String {
    let p = &paper.provenance;
    let mut out = format!("{}  {}\n", paper.id, sanitize(&paper.display_title()));
    if let Some(text) = &p.text {
        out.push_str(&format!(
            "  {:<12}{}\n",
            "text",
            sanitize(&text.to_string())
        ));
    }
    match &p.sidecar {
        Some(path) if path.is_file() => out.push_str(&format!(
            "  {:<12}{}\n",
            "sidecar",
            sanitize(&path.display().to_string())
        )),
        Some(path) => out.push_str(&format!(
            "  {:<12}none yet ({}; `lunwen edit {}` creates it)\n",
            "sidecar",
            sanitize(&path.display().to_string()),
            paper.id
        )),
        None => {}
    }
    if !p.collections.is_empty() {
        out.push_str(&format!(
            "  {:<12}{}\n",
            "collections",
            sanitize(&p.collections.join(", "))
        ));
    }
    out.push('\n');
    for &field in FactField::ALL {
        let Some(v) = paper.fact(field) else {
            continue;
        };
        let from = p
            .source(field)
            .map_or_else(|| "the paper's text".to_string(), |s| source_name(paper, s));
        out.push_str(&format!(
            "  {:<12}{}\n  {:<12}from {}\n",
            field.name(),
            sanitize(&v),
            "",
            sanitize(&from)
        ));
    }
    let missing = paper.missing_fields();
    if !missing.is_empty() {
        out.push_str(&format!("\n  missing: {}\n", missing.join(", ")));
    }
    out
}

fn info_json(paper: &Paper) -> serde_json::Value {
    let p = &paper.provenance;
    let facts: serde_json::Map<String, serde_json::Value> = FactField::ALL
        .iter()
        .filter_map(|&field| {
            let v = paper.fact(field)?;
            let from = p.source(field).map_or(serde_json::Value::Null, |s| {
                serde_json::Value::String(source_name(paper, s))
            });
            Some((
                field.name().to_string(),
                serde_json::json!({ "value": v, "from": from }),
            ))
        })
        .collect();
    serde_json::json!({
        "id": paper.id,
        "text": p.text.as_ref().map(|t| t.to_string()),
        "sidecar": p.sidecar.as_ref().map(|s| s.display().to_string()),
        "collections": p.collections,
        "facts": facts,
        "missing": paper.missing_fields(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lunwen_core::corpus::facts::{Origin, Provenance, TextOrigin};
    use std::path::PathBuf;

    fn paper() -> Paper {
        let mut p = Paper {
            id: "liu".into(),
            file: "liu.pdf".into(),
            title: Some("标题".into()),
            authors: vec!["刘博".into()],
            ..Paper::default()
        };
        p.metadata.journal = Some("中州学刊".into());
        p.metadata.year = Some(2025);
        p.provenance = Provenance {
            facts: vec![
                (FactField::Title, FactSource::Text),
                (FactField::Authors, FactSource::Text),
                (
                    FactField::Journal,
                    FactSource::Imported(Origin {
                        file: PathBuf::from("refs.bib"),
                        line: 3,
                        record: None,
                    }),
                ),
                (FactField::Year, FactSource::Sidecar),
            ],
            sidecar: Some(PathBuf::from("/nowhere/liu.toml")),
            text: Some(TextOrigin::Pdf(PathBuf::from("/papers/liu.pdf"))),
            ..Provenance::default()
        };
        p
    }

    #[test]
    fn each_fact_names_its_source() {
        let text = info_text(&paper());
        assert!(
            text.contains("  journal     中州学刊\n              from refs.bib:3\n"),
            "{text}"
        );
        assert!(
            text.contains("  year        2025\n              from sidecar /nowhere/liu.toml\n"),
            "{text}"
        );
        assert!(text.contains("from the paper's text"), "{text}");
        assert!(
            text.contains("/papers/liu.pdf (text by pdftotext)"),
            "{text}"
        );
        assert!(text.contains("`lunwen edit liu` creates it"), "{text}");
        let json = info_json(&paper());
        assert_eq!(json["facts"]["journal"]["from"], "refs.bib:3");
        assert_eq!(json["facts"]["year"]["value"], "2025");
        assert!(json["facts"].get("doi").is_none());
    }
}
