//! `lunwen quote`: the sentence best matching a query, with its citation, optionally copied.

use crate::clipboard::{Copier, CopyPath, Environment, write_osc52_to_tty};
use crate::config::Config;
use crate::copy::{CopyRequest, Excerpt, Quoting, quote_request};
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
    /// Printed page the sentence starts on, where the paper tells it.
    pub page: Option<u32>,
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
    let range = hit_sentence(paper, unit);
    let sentence = paper
        .text_at(unit.source)
        .map(|t| slice_chars(&t, range.clone()).to_string())
        .unwrap_or_else(|| unit.text.clone());
    Ok(Found {
        paper,
        block: unit.source.block(),
        page: paper.printed_page_at(unit.source, range.start),
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
    let citer = super::cite::citer(corpus, config);
    let quoting = Quoting {
        citer: &citer,
        style,
        template: &config.settings.quote_template,
        punctuation: config.settings.quote_punctuation,
    };
    let req = quote_request(
        &quoting,
        &Excerpt {
            paper: found.paper,
            block: found.block,
            page: found.page,
            text: &found.sentence,
            what: "sentence",
        },
    );
    println!("{}", req.text);
    let mut whence = found.paper.id.clone();
    if let Some(place) = &found.place {
        whence.push_str(" › ");
        whence.push_str(&sanitize(place));
    }
    eprintln!("lunwen: from {whence}");
    if let Some(note) = req.citation.nothing_to_cite() {
        eprintln!("lunwen: {note}");
    } else if let Some(note) = req.citation.missing_note() {
        eprintln!("lunwen: citation {note}");
    }
    if let Some(note) = &req.page_note {
        eprintln!("lunwen: {note}");
    }
    if !copy {
        return Ok(());
    }
    for note in copy_text(config, &req.text)? {
        eprintln!("lunwen: {note}");
    }
    if let Some(note) = log_quote(&req) {
        eprintln!("lunwen: {note}");
    }
    Ok(())
}

/// Puts `text` on the clipboard, as the config's `clipboard` says: what happened, one note a
/// line (`copied 85 chars via OSC 52`), or why nothing was copied.
pub(super) fn copy_text(config: &Config, text: &str) -> Result<Vec<String>, String> {
    let mut copier = Copier::lasting(config.settings.clipboard, Environment::current());
    let mut report = copier.copy(text)?;
    // Unlike the app, the CLI has no frames to wait for: the sequence goes out at once, to the
    // terminal itself since stdout may be a pipe.
    if let Err(e) = write_osc52_to_tty(&report.osc52) {
        report.paths.retain(|p| *p != CopyPath::Osc52);
        report.notes.push(e);
    }
    if report.paths.is_empty() {
        let mut why = report.notes;
        why.push("nothing was copied".to_string());
        return Err(why.join("; "));
    }
    let mut notes = report.notes.clone();
    notes.push(format!(
        "copied {} chars via {}",
        text.chars().count(),
        report.describe()
    ));
    Ok(notes)
}

/// Appends the quotation's quote to the quote log, stamped now; a note when that failed.
pub(super) fn log_quote(req: &CopyRequest) -> Option<String> {
    let quote = req.record.as_ref()?;
    QuoteLog::default_location()
        .and_then(|log| log.append(&quote.clone().at(std::time::SystemTime::now())))
        .err()
        .map(|e| format!("the quote was not logged: {e}"))
}
