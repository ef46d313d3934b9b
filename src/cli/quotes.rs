//! `lunwen quotes`: the quote log, optionally re-found in the corpus.

use crate::store::quotes::{QuoteLog, QuoteRecord, QuoteStatus, check};
use lunwen_core::corpus::Corpus;
use lunwen_core::corpus::text::sanitize;

/// Lists the quote log; with `check`, says for each quote whether the corpus still has it and
/// fails when any is not where it was.
pub fn run_quotes(corpus: &Corpus, json: bool, do_check: bool) -> Result<(), String> {
    let log = QuoteLog::default_location()?;
    let contents = log.read()?;
    for p in &contents.problems {
        eprintln!("lunwen: {}", sanitize(&p.to_string()));
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
