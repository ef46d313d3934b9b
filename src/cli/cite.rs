//! `lunwen cite`: the citation of one paper; `lunwen bib`: the bibliography of the corpus.

use crate::config::Config;
use lunwen_core::corpus::citation::{Citer, Format, Style};
use lunwen_core::corpus::{Corpus, Paper};

/// `--style` values, with the list of names in the error.
pub fn parse_style(s: &str) -> Result<Style, String> {
    one_of("citation style", s, Style::ALL, Style::name)
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
) -> Result<(), String> {
    let paper = corpus.find(key)?;
    let style = style.unwrap_or(config.settings.citation_style);
    let c = citer(corpus, config).cite(paper, style, None);
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
