//! The quoting subcommands: `cite`, `quote` and `quotes`.

use super::search as report;
use crate::clipboard::{Copier, CopyPath, Environment, write_osc52_to_tty};
use crate::config::Config;
use crate::quotelog::{QuoteLog, QuoteRecord, QuoteStatus, check};
use crate::quoting::quote_request;
use lunwen_core::corpus::citation::{Style, cite};
use lunwen_core::corpus::sentences::{sentences, slice_chars};
use lunwen_core::corpus::text::sanitize;
use lunwen_core::corpus::{Corpus, Paper};
use lunwen_core::search::{Cancel, Scope, SearchIndex, Source, UnitKind};

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
    let (text, block) = match unit.source {
        Source::Block(i) => (paper.blocks.get(i).map(|b| b.text.as_str()), Some(i)),
        Source::Abstract => (paper.abstract_text.as_deref(), None),
        Source::Note(i) => (paper.notes.get(i).map(|n| n.text.as_str()), None),
        Source::Reference(i) => (paper.references.get(i).map(|n| n.text.as_str()), None),
        _ => (None, None),
    };
    // A unit may be a piece of a long sentence; the quote is the whole sentence around it.
    let sentence = text
        .and_then(|t| {
            sentences(t)
                .into_iter()
                .find(|r| r.contains(&unit.range.start))
                .map(|r| slice_chars(t, r).to_string())
        })
        .unwrap_or_else(|| unit.text.clone());
    Ok(Found {
        paper,
        block,
        place: report::place(paper, unit),
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
    let mut copier = Copier::new(config.settings.clipboard, Environment::current());
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
        Some(r) => log.append(r),
        None => Ok(()),
    });
    if let Err(e) = logged {
        eprintln!("lunwen: the quote was copied but not logged: {e}");
    }
    Ok(())
}

/// Lists the quote log; with `check`, says for each quote whether the corpus still has it and
/// fails when any is not where it was.
pub fn run_quotes(corpus: &Corpus, json: bool, do_check: bool) -> Result<(), String> {
    let log = QuoteLog::default_location()?;
    let contents = log.read()?;
    for p in &contents.problems {
        eprintln!("lunwen: {}", sanitize(p));
    }
    let statuses = if do_check {
        Some(check(&contents.records, corpus))
    } else {
        None
    };
    if json {
        let items: Vec<Checked> = contents
            .records
            .iter()
            .enumerate()
            .map(|(i, record)| {
                let st = statuses.as_ref().and_then(|s| s.get(i)).map(status_name);
                Checked {
                    record,
                    status: st.map(|(name, _)| name),
                    found_in: st.and_then(|(_, other)| other),
                }
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&items).map_err(|e| e.to_string())?
        );
    } else {
        if contents.records.is_empty() {
            eprintln!("lunwen: no quotes logged yet ({})", log.path().display());
        }
        for (i, r) in contents.records.iter().enumerate() {
            let mut head = format!("{}  {}", r.time, r.paper);
            if let Some(t) = &r.title {
                head.push_str("  ");
                head.push_str(t);
            }
            if let Some(st) = statuses.as_ref().and_then(|s| s.get(i)) {
                head = format!("{} {head}", status_label(st));
            }
            println!("{}", sanitize(&head));
            if !r.section.is_empty() {
                println!("    {}", sanitize(&r.section.join(" › ")));
            }
            println!("    “{}”", sanitize(&r.text).replace('\n', "\n    "));
        }
    }
    if let Some(statuses) = statuses {
        let bad = statuses
            .iter()
            .filter(|s| **s != QuoteStatus::Found)
            .count();
        if bad > 0 {
            return Err(format!(
                "{bad} of {} logged quotes no longer match the corpus",
                statuses.len()
            ));
        }
        if !json && !statuses.is_empty() {
            eprintln!("lunwen: all {} logged quotes found", statuses.len());
        }
    }
    Ok(())
}

/// A log record as `quotes --json` prints it: the record's own fields, then the check result.
#[derive(serde::Serialize)]
struct Checked<'a> {
    #[serde(flatten)]
    record: &'a QuoteRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    found_in: Option<&'a str>,
}

fn status_name(s: &QuoteStatus) -> (&'static str, Option<&str>) {
    match s {
        QuoteStatus::Found => ("found", None),
        QuoteStatus::Elsewhere(id) => ("elsewhere", Some(id)),
        QuoteStatus::Changed => ("changed", None),
        QuoteStatus::PaperGone => ("paper_gone", None),
    }
}

fn status_label(s: &QuoteStatus) -> String {
    match s {
        QuoteStatus::Found => "ok     ".to_string(),
        QuoteStatus::Elsewhere(id) => format!("MOVED to {id}:"),
        QuoteStatus::Changed => "CHANGED".to_string(),
        QuoteStatus::PaperGone => "GONE   ".to_string(),
    }
}
