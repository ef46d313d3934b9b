//! Copying a quotation or a citation, end to end: what the app asks for ([`CopyRequest`], built
//! without I/O or the clock, so `App::update` can make one), and carrying it out ([`perform`]:
//! clipboard, quote log stamped with the time of the copy, status message) in the event loop,
//! which then writes the OSC 52 bytes between frames.
//!
//! A quotation is the quoted text with its punctuation as it goes into a Chinese paper
//! ([`quote_text`], unless the config says `quote_punctuation = "verbatim"`) and the citation of
//! its page, filled into `quote_template`.

use crate::clipboard::{Copier, CopyPath};
use crate::store::quotes::{Quote, QuoteLog};
use lunwen_core::corpus::Paper;
use lunwen_core::corpus::citation::{Citation, Citer, Style, quotation};
use lunwen_core::corpus::punctuation::{Punctuation, quote_text};

/// How copies are made: the corpus's citations, the style in use, and the config's template
/// and punctuation.
#[derive(Debug, Clone, Copy)]
pub struct Quoting<'a> {
    pub citer: &'a Citer,
    pub style: Style,
    pub template: &'a str,
    pub punctuation: Punctuation,
}

/// What is quoted: the text as the paper has it (paragraphs one per line), where it is from,
/// and what it is for the status bar (`sentence`, `paragraph`, `3 sentences`).
#[derive(Debug, Clone, Copy)]
pub struct Excerpt<'a> {
    pub paper: &'a Paper,
    /// Index into `Paper::blocks` of the (first) paragraph quoted, when in the body.
    pub block: Option<usize>,
    /// Printed page number of the quote's first character, where the paper tells it.
    pub page: Option<u32>,
    pub text: &'a str,
    pub what: &'a str,
}

/// One copy the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRequest {
    /// What goes on the clipboard.
    pub text: String,
    /// What was copied, for the status bar: `sentence`, `paragraph`, `3 sentences`, `citation`.
    pub what: String,
    pub citation: Citation,
    /// For a quotation whose page is not known: what the citation cites instead, for the status
    /// bar (`page unknown: cites the article's pages 34-41`).
    pub page_note: Option<String>,
    /// The quote log entry; `None` for a citation alone.
    pub record: Option<Quote>,
}

/// A quotation of `excerpt`, filled into the template.
pub fn quote_request(quoting: &Quoting, excerpt: &Excerpt) -> CopyRequest {
    let paper = excerpt.paper;
    let citation = quoting.citer.cite(paper, quoting.style, excerpt.page);
    let quote = quote_text(excerpt.text, quoting.punctuation);
    let page_note = (excerpt.page.is_none() && !citation.is_empty()).then(|| {
        match paper.metadata.pages.as_deref().map(str::trim) {
            Some(range) if !range.is_empty() => {
                format!("page unknown: cites the article's pages {range}")
            }
            _ => "page unknown".to_string(),
        }
    });
    CopyRequest {
        text: quotation(quoting.template, &quote, &citation),
        what: excerpt.what.to_string(),
        record: Some(Quote::new(
            paper,
            excerpt.block,
            excerpt.page,
            excerpt.text.trim(),
            quoting.style,
        )),
        page_note,
        citation,
    }
}

/// The citation of `paper` alone; an error when the paper has nothing to cite.
pub fn citation_request(citer: &Citer, paper: &Paper, style: Style) -> Result<CopyRequest, String> {
    let citation = citer.cite(paper, style, None);
    if let Some(nothing) = citation.nothing_to_cite() {
        return Err(nothing);
    }
    Ok(CopyRequest {
        text: citation.text.clone(),
        what: "citation".to_string(),
        record: None,
        page_note: None,
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
    let mut status = match (&req.record, req.citation.is_empty()) {
        (None, _) => format!("copied {} citation", req.citation.style.label()),
        (Some(_), true) => format!("copied {} without a citation", req.what),
        (Some(_), false) => format!(
            "copied {} + {} citation",
            req.what,
            req.citation.style.label()
        ),
    };
    status.push_str(" via ");
    status.push_str(&report.describe());
    let lacks = req
        .citation
        .nothing_to_cite()
        .or_else(|| req.citation.missing_note());
    for note in lacks.iter().chain(&req.page_note).chain(&report.notes) {
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
    use lunwen_core::corpus::citation::Variants;

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

    fn request(paper: &Paper, style: Style, text: &str, page: Option<u32>) -> CopyRequest {
        let citer = Citer::new(std::slice::from_ref(paper), Variants::default());
        let quoting = Quoting {
            citer: &citer,
            style,
            template: "“{quote}”{intext}\n{citation}",
            punctuation: Punctuation::Normalize,
        };
        quote_request(
            &quoting,
            &Excerpt {
                paper,
                block: None,
                page,
                text,
                what: "sentence",
            },
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
        let req = request(&paper(), Style::GbT7714, "一句话,两个分句;", None);
        let done = perform(&mut c, Some(&log), &req).unwrap();
        assert_eq!(
            done.status,
            "copied sentence + GB/T 7714 citation via system clipboard + OSC 52 \
             · missing journal, year · page unknown"
        );
        // the clipboard gets the clean punctuation, the log the text as the paper has it
        assert_eq!(
            fake.texts(),
            vec!["“一句话，两个分句。”[1]\n韩永辉. 发展新质生产力[J]."]
        );
        assert_eq!(
            done.osc52,
            osc52_sequence(&fake.texts()[0], Multiplexer::None)
        );
        let logged = log.read().unwrap().records;
        assert_eq!(logged.len(), 1);
        assert_eq!(logged[0].text, "一句话,两个分句;");
        assert_eq!(logged[0].style, "gbt7714");
    }

    #[test]
    fn a_quotation_with_its_page_says_nothing_of_pages() {
        let mut p = paper();
        p.metadata.pages = Some("34-41".into());
        let req = request(&p, Style::ChineseNote, "句。", None);
        assert_eq!(
            req.page_note.as_deref(),
            Some("page unknown: cites the article's pages 34-41")
        );
        let req = request(&p, Style::ChineseNote, "句。", Some(36));
        assert_eq!(req.page_note, None);
        assert_eq!(req.text, "“句。”\n韩永辉：《发展新质生产力》，第36页。");
    }

    #[test]
    fn a_citation_alone_is_not_logged_and_an_empty_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let log = QuoteLog::new(dir.path().join("quotes.jsonl"));
        let fake = FakeClipboard::new();
        let mut c = copier(ClipboardMode::System, Environment::default(), &fake);
        let p = paper();
        let citer = Citer::new(std::slice::from_ref(&p), Variants::default());
        let req = citation_request(&citer, &p, Style::ChineseNote).unwrap();
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
        for &style in Style::ALL {
            assert_eq!(
                citation_request(&citer, &blank, style).unwrap_err(),
                "nothing to cite (missing title, authors, journal, year)"
            );
        }
    }

    #[test]
    fn a_log_that_cannot_be_written_does_not_undo_the_copy() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("file"), "").unwrap();
        let log = QuoteLog::new(dir.path().join("file/quotes.jsonl"));
        let fake = FakeClipboard::new();
        let mut c = copier(ClipboardMode::Osc52, Environment::default(), &fake);
        let req = request(&Paper::default(), Style::Apa, "句。", None);
        let done = perform(&mut c, Some(&log), &req).unwrap();
        assert!(
            done.status.starts_with(
                "copied sentence without a citation via OSC 52 \
                 · nothing to cite (missing title, authors, journal, year)"
            ),
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
