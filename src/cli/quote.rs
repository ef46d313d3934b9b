//! `lunwen quote`: the sentence best matching a query, with its citation, optionally copied.

use crate::clipboard::{Copier, CopyPath, Environment, write_osc52_to_tty};
use crate::config::Config;
use crate::copy::quote_request;
use crate::store::quotes::QuoteLog;
use lunwen_core::corpus::citation::Style;
use lunwen_core::corpus::sentences::slice_chars;
use lunwen_core::corpus::text::sanitize;
use lunwen_core::corpus::{Corpus, Paper};
use lunwen_core::search::{Cancel, Scope, SearchIndex, UnitKind, hit_sentence};

/// The sentence best matching a query: its paper, block (when in the body) and text.
pub struct Found<'a> {
    pub paper: &'a Paper,
    pub block: Option<usize>,
    /// Where in the paper, for people: a section path, `abstract`, `note ①` …
    pub place: Option<String>,
    pub sentence: String,
}

/// Searches the corpus for `query` and returns the whole sentence of the best sentence hit.
pub fn best_sentence<'a>(corpus: &'a Corpus, query: &str) -> Result<Found<'a>, String> {
    let index = SearchIndex::build(&corpus.papers);
    let found = index
        .search(query, Scope::All, 200, &Cancel::never())
        .ok_or_else(|| "search was cancelled".to_string())?;
    let unit = found
        .hits
        .iter()
        .filter_map(|h| index.unit(h.unit))
        .find(|u| u.kind == UnitKind::Sentence)
        .ok_or_else(|| format!("no sentence matches '{}'", sanitize(query)))?;
    let paper = corpus
        .papers
        .get(unit.paper)
        .ok_or_else(|| "search index out of step with the corpus".to_string())?;
    // A unit may be a piece of a long sentence; the quote is the whole sentence around it.
    let sentence = paper
        .text_at(unit.source)
        .map(|t| slice_chars(&t, hit_sentence(paper, unit)).to_string())
        .unwrap_or_else(|| unit.text.clone());
    Ok(Found {
        paper,
        block: unit.source.block(),
        place: super::search::place(paper, unit),
        sentence,
    })
}

/// Prints the best-matching sentence with its citation, and with `copy` puts it on the
/// clipboard and in the quote log.
pub fn run_quote(
    corpus: &Corpus,
    config: &Config,
    query: &str,
    style: Option<Style>,
    copy: bool,
) -> Result<(), String> {
    let style = style.unwrap_or(config.settings.citation_style);
    let found = best_sentence(corpus, query)?;
    let req = quote_request(
        found.paper,
        found.block,
        &found.sentence,
        "sentence",
        style,
        &config.settings.quote_template,
    );
    println!("{}", req.text);
    let mut whence = found.paper.id.clone();
    if let Some(place) = &found.place {
        whence.push_str(" › ");
        whence.push_str(&sanitize(place));
    }
    eprintln!("lunwen: from {whence}");
    if let Some(note) = req.citation.missing_note() {
        eprintln!("lunwen: citation {note}");
    }
    if !copy {
        return Ok(());
    }
    let mut copier = Copier::lasting(config.settings.clipboard, Environment::current());
    let mut report = copier.copy(&req.text)?;
    // Unlike the app, the CLI has no frames to wait for: the sequence goes out at once, to the
    // terminal itself since stdout may be a pipe.
    if let Err(e) = write_osc52_to_tty(&report.osc52) {
        report.paths.retain(|p| *p != CopyPath::Osc52);
        report.notes.push(e);
    }
    for note in &report.notes {
        eprintln!("lunwen: {note}");
    }
    if report.paths.is_empty() {
        return Err("nothing was copied".to_string());
    }
    eprintln!(
        "lunwen: copied {} chars via {}",
        req.text.chars().count(),
        report.describe()
    );
    let logged = QuoteLog::default_location().and_then(|log| match &req.record {
        Some(quote) => log.append(&quote.clone().at(std::time::SystemTime::now())),
        None => Ok(()),
    });
    if let Err(e) = logged {
        eprintln!("lunwen: the quote was copied but not logged: {e}");
    }
    Ok(())
}
