//! `lunwen cite`: the citation of one paper.

use crate::config::Config;
use lunwen_core::corpus::Corpus;
use lunwen_core::corpus::citation::{Style, cite};

/// A citation style as a command-line value, so `--help` and the completions list the styles
/// (with their labels) and a wrong one is answered with the names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StyleArg(pub Style);

/// Every style, in the core's order; `ValueEnum` needs them as values of this type.
const STYLE_ARGS: [StyleArg; 4] = [
    StyleArg(Style::ALL[0]),
    StyleArg(Style::ALL[1]),
    StyleArg(Style::ALL[2]),
    StyleArg(Style::ALL[3]),
];

impl clap::ValueEnum for StyleArg {
    fn value_variants<'a>() -> &'a [Self] {
        &STYLE_ARGS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()).help(self.0.label()))
    }
}

/// The parser of `--style`: a [`StyleArg`], handed on as the core's [`Style`].
pub fn style_parser() -> impl clap::builder::TypedValueParser<Value = Style> {
    use clap::builder::TypedValueParser as _;
    clap::builder::EnumValueParser::<StyleArg>::new().map(|s| s.0)
}

/// Prints the citation of one paper; what it lacks goes to stderr.
pub fn run_cite(
    corpus: &Corpus,
    config: &Config,
    key: &str,
    style: Option<Style>,
    json: bool,
) -> Result<(), String> {
    let paper = corpus.find(key)?;
    let style = style.unwrap_or(config.settings.citation_style);
    let c = cite(paper, style);
    if json {
        let value = serde_json::json!({
            "paper": paper.id,
            "style": style.name(),
            "citation": c.text,
            "missing": c.missing,
        });
        println!("{value}");
        return Ok(());
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_is_a_value_once() {
        let names: Vec<&str> = STYLE_ARGS.iter().map(|s| s.0.name()).collect();
        let all: Vec<&str> = Style::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(names, all);
    }
}
