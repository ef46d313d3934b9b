//! `lunwen cite`: the citation of one paper; `lunwen bib`: the bibliography of the corpus.

use crate::config::Config;
use lunwen_core::corpus::citation::{Citer, Format, Style};
use lunwen_core::corpus::{Corpus, Paper};

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

/// `--format` values of `lunwen bib`.
pub fn parse_format(s: &str) -> Result<Format, String> {
    one_of("bibliography format", s, Format::ALL, Format::name)
}

/// The value of `all` named `s`, or `unknown {what} '{s}' (one of: …)`.
fn one_of<T: Copy>(
    what: &str,
    s: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, String> {
    all.iter().copied().find(|&v| name(v) == s).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|&v| name(v)).collect();
        format!("unknown {what} '{s}' (one of: {})", names.join(", "))
    })
}

/// The citations of the corpus, with the config's variants.
pub fn citer(corpus: &Corpus, config: &Config) -> Citer {
    Citer::new(&corpus.papers, config.settings.citation)
}

/// Prints the citation of one paper (its in-text form after it, when the style has one); what
/// it lacks goes to stderr.
pub fn run_cite(
    corpus: &Corpus,
    config: &Config,
    key: &str,
    style: Option<Style>,
    json: bool,
) -> Result<(), String> {
    let paper = corpus.find(key)?;
    let style = style.unwrap_or(config.settings.citation_style);
    let c = citer(corpus, config).cite(paper, style, None);
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
    if let Some(nothing) = c.nothing_to_cite() {
        return Err(format!("{}: {nothing}", paper.id));
    }
    println!("{}", c.text);
    if let Some(note) = c.missing_note() {
        eprintln!("lunwen: {}: {note}", paper.id);
    }
    Ok(())
}

/// Prints the bibliography of `keys` (every paper when empty) in `format`. Papers with nothing
/// to cite are named on stderr; one named on the command line makes it fail.
pub fn run_bib(
    corpus: &Corpus,
    config: &Config,
    keys: &[String],
    format: Format,
) -> Result<(), String> {
    let papers: Vec<&Paper> = if keys.is_empty() {
        corpus.papers.iter().collect()
    } else {
        keys.iter()
            .map(|k| corpus.find(k))
            .collect::<Result<_, _>>()?
    };
    let bib = citer(corpus, config).bibliography(&papers, format);
    print!("{}", bib.text);
    for (id, why) in &bib.skipped {
        eprintln!("lunwen: {id}: {why}; left out");
    }
    if !keys.is_empty() && !bib.skipped.is_empty() {
        return Err(format!(
            "{} of the papers named {} nothing to cite",
            bib.skipped.len(),
            if bib.skipped.len() == 1 {
                "has"
            } else {
                "have"
            }
        ));
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
