//! `lunwen cite`: the citation of one paper.

use crate::config::Config;
use lunwen_core::corpus::Corpus;
use lunwen_core::corpus::citation::{Style, cite};

/// `--style` values, with the list of names in the error.
pub fn parse_style(s: &str) -> Result<Style, String> {
    Style::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Style::ALL.iter().map(|s| s.name()).collect();
        format!(
            "unknown citation style '{s}' (one of: {})",
            names.join(", ")
        )
    })
}

/// Prints the citation of one paper; what it lacks goes to stderr.
pub fn run_cite(
    corpus: &Corpus,
    config: &Config,
    key: &str,
    style: Option<Style>,
) -> Result<(), String> {
    let paper = corpus.find(key)?;
    let style = style.unwrap_or(config.settings.citation_style);
    let c = cite(paper, style);
    if c.text.is_empty() {
        return Err(format!(
            "{}: nothing to cite ({})",
            paper.id,
            c.missing_note().unwrap_or_default()
        ));
    }
    println!("{}", c.text);
    if let Some(note) = c.missing_note() {
        eprintln!("lunwen: {}: {note}", paper.id);
    }
    Ok(())
}
