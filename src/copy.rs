//! Copying a quotation or a citation, end to end: what the app asks for ([`CopyRequest`], built
//! without I/O or the clock, so `App::update` can make one), and carrying it out ([`perform`]:
//! clipboard, quote log stamped with the time of the copy, status message) in the event loop,
//! which then writes the OSC 52 bytes between frames.

use crate::clipboard::{Copier, CopyPath};
use crate::store::quotes::{Quote, QuoteLog};
use lunwen_core::corpus::Paper;
use lunwen_core::corpus::citation::{Citation, Style, cite, quotation};

/// One copy the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRequest {
    /// What goes on the clipboard.
    pub text: String,
    /// What was copied, for the status bar: `sentence`, `paragraph`, `3 sentences`, `citation`.
    pub what: String,
    pub citation: Citation,
    /// The quote log entry; `None` for a citation alone.
    pub record: Option<Quote>,
}

/// A quotation of `quote` from block `block` of `paper`, filled into `template`.
pub fn quote_request(
    paper: &Paper,
    block: Option<usize>,
    quote: &str,
    what: &str,
    style: Style,
    template: &str,
) -> CopyRequest {
    let citation = cite(paper, style);
    CopyRequest {
        text: quotation(template, quote, &citation),
        what: what.to_string(),
        record: Some(Quote::new(paper, block, quote, style)),
        citation,
    }
}

/// The citation of `paper` alone; an error when the paper has nothing citable.
pub fn citation_request(paper: &Paper, style: Style) -> Result<CopyRequest, String> {
    let citation = cite(paper, style);
    if citation.text.is_empty() {
        return Err(format!(
            "nothing to cite: {}",
            citation.missing_note().unwrap_or_default()
        ));
    }
    Ok(CopyRequest {
        text: citation.text.clone(),
        what: "citation".to_string(),
        record: None,
        citation,
    })
}

/// A copy carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// `copied sentence + GB/T 7714 citation via OSC 52 · missing journal, year`.
    pub status: String,
    /// Bytes for the terminal, to write between frames; empty when OSC 52 was not used.
    pub osc52: Vec<u8>,
}

/// Puts the request on the clipboard and, when it is a quotation, in the log. A log that cannot
/// be written does not undo the copy; the status says so.
pub fn perform(
    copier: &mut Copier,
    log: Option<&QuoteLog>,
    req: &CopyRequest,
) -> Result<Copied, String> {
    let report = copier.copy(&req.text)?;
    let mut status = match (&req.record, req.citation.text.is_empty()) {
        (None, _) => format!("copied {} citation", req.citation.style.label()),
        (Some(_), true) => format!("copied {} (no citation)", req.what),
        (Some(_), false) => format!(
            "copied {} + {} citation",
            req.what,
            req.citation.style.label()
        ),
    };
    status.push_str(" via ");
    status.push_str(&report.describe());
    if let Some(note) = req.citation.missing_note() {
        status.push_str(" · ");
        status.push_str(&note);
    }
    for note in &report.notes {
        status.push_str(" · ");
        status.push_str(note);
    }
    if let (Some(quote), Some(log)) = (&req.record, log)
        && let Err(e) = log.append(&quote.clone().at(std::time::SystemTime::now()))
    {
        status.push_str(" · not logged: ");
        status.push_str(&e);
    }
    let osc52 = if report.paths.contains(&CopyPath::Osc52) {
        report.osc52
    } else {
        Vec::new()
    };
    Ok(Copied { status, osc52 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clipboard::{
        Clipboard, ClipboardMode, Environment, FakeClipboard, Multiplexer, osc52_sequence,
    };
    use lunwen_core::corpus::Metadata;

    fn paper() -> Paper {
        Paper {
            id: "001_x".into(),
            title: Some("发展新质生产力".into()),
            authors: vec!["韩永辉".into()],
            metadata: Metadata::default(),
            ..Paper::default()
        }
    }

    fn copier(mode: ClipboardMode, env: Environment, fake: &FakeClipboard) -> Copier {
        let fake = fake.clone();
        Copier::with_opener(
            mode,
            env,
            Box::new(move || Ok(Box::new(fake.clone()) as Box<dyn Clipboard>)),
        )
    }

    #[test]
    fn a_quotation_is_copied_logged_and_described() {
        let dir = tempfile::tempdir().unwrap();
        let log = QuoteLog::new(dir.path().join("quotes.jsonl"));
        let fake = FakeClipboard::new();
        let env = Environment {
            display: true,
            ..Environment::default()
        };
        let mut c = copier(ClipboardMode::Auto, env, &fake);
        let req = quote_request(
            &paper(),
            None,
            "一句话。",
            "sentence",
            Style::GbT7714,
            "“{quote}”\n{citation}",
        );
        let done = perform(&mut c, Some(&log), &req).unwrap();
        assert_eq!(
            done.status,
            "copied sentence + GB/T 7714 citation via system clipboard + OSC 52 · missing journal, year"
        );
        assert_eq!(fake.texts(), vec!["“一句话。”\n韩永辉. 发展新质生产力[J]."]);
        assert_eq!(
            done.osc52,
            osc52_sequence(&fake.texts()[0], Multiplexer::None)
        );
        let logged = log.read().unwrap().records;
        assert_eq!(logged.len(), 1);
        assert_eq!(logged[0].text, "一句话。");
        assert_eq!(logged[0].style, "gbt7714");
    }

    #[test]
    fn a_citation_alone_is_not_logged_and_an_empty_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let log = QuoteLog::new(dir.path().join("quotes.jsonl"));
        let fake = FakeClipboard::new();
        let mut c = copier(ClipboardMode::System, Environment::default(), &fake);
        let req = citation_request(&paper(), Style::ChineseNote).unwrap();
        let done = perform(&mut c, Some(&log), &req).unwrap();
        assert!(
            done.status
                .starts_with("copied 注释 citation via system clipboard"),
            "{}",
            done.status
        );
        assert!(done.osc52.is_empty());
        assert_eq!(fake.texts(), vec!["韩永辉：《发展新质生产力》。"]);
        assert!(!log.path().exists());
        let blank = Paper::default();
        assert!(
            citation_request(&blank, Style::Apa)
                .unwrap_err()
                .contains("missing title, authors")
        );
    }

    #[test]
    fn a_log_that_cannot_be_written_does_not_undo_the_copy() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("file"), "").unwrap();
        let log = QuoteLog::new(dir.path().join("file/quotes.jsonl"));
        let fake = FakeClipboard::new();
        let mut c = copier(ClipboardMode::Osc52, Environment::default(), &fake);
        let req = quote_request(
            &Paper::default(),
            None,
            "句。",
            "sentence",
            Style::Apa,
            "“{quote}”\n{citation}",
        );
        let done = perform(&mut c, Some(&log), &req).unwrap();
        assert!(
            done.status
                .starts_with("copied sentence (no citation) via OSC 52"),
            "{}",
            done.status
        );
        assert!(
            done.status.contains("not logged: cannot"),
            "{}",
            done.status
        );
        assert_eq!(done.osc52, osc52_sequence("“句。”", Multiplexer::None));
    }
}
