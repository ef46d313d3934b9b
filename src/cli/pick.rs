//! `lunwen pick`: the picker on the terminal, and what it picked on stdout.
//!
//! Exit status as fzf's: 0 with the quotation written, 1 when nothing was picked (`esc`), 2 for
//! an error. stdout carries the quotation alone, and stderr, which an editor may read into the
//! buffer along with stdout (vim's `:r !` does), only what went wrong.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use crate::app::pick::{Outcome, Picker};
use crate::config::Config;
use crate::tui::pick::Height;
use lunwen_core::corpus::Corpus;
use lunwen_core::corpus::citation::{Style, check_template};
use lunwen_core::corpus::text::sanitize;
use ratatui::layout::Rect;

/// What `lunwen pick` was asked for.
pub struct PickArgs<'a> {
    pub query: &'a [String],
    pub paper: Option<&'a str>,
    pub style: Option<Style>,
    pub template: Option<&'a str>,
    pub copy: bool,
    pub height: Height,
}

/// Exit status when nothing was picked.
const NOTHING_PICKED: u8 = 1;
/// Exit status for an error.
const ERROR: u8 = 2;

/// Says `msg` where the user sees it and no editor reads it: on stderr when that is the terminal,
/// else on the terminal itself (under vim's `:r !` stderr goes into the buffer); with no
/// terminal at all (started by Neovim's `:!`, without one), stderr is all there is.
fn tell(msg: &str) {
    let line = format!("lunwen: {}\n", sanitize(msg));
    if !std::io::stderr().is_terminal()
        && let Ok(mut tty) = std::fs::File::options().write(true).open("/dev/tty")
        && tty.write_all(line.as_bytes()).is_ok()
    {
        return;
    }
    eprint!("{line}");
}

pub fn run_pick(corpus: Corpus, mut config: Config, args: &PickArgs) -> ExitCode {
    let fail = |msg: &str| {
        tell(msg);
        ExitCode::from(ERROR)
    };
    if let Some(template) = args.template {
        if let Err(e) = check_template(template) {
            return fail(&e.replace("in quote_template", "in --template"));
        }
        config.settings.quote_template = template.to_string();
    }
    if let Some(style) = args.style {
        config.settings.citation_style = style;
    }
    if corpus.papers.is_empty() {
        return fail("no papers to pick from (give a directory of .txt/.md papers with --corpus)");
    }
    let paper = match args.paper.map(|id| corpus.find(id)) {
        None => None,
        Some(Ok(p)) => corpus.papers.iter().position(|q| q.id == p.id),
        Some(Err(e)) => return fail(&e),
    };
    let notice = crate::tui::problems_notice(&corpus.problems);
    let (mut picker, fx) = Picker::new(
        corpus.papers,
        &config,
        paper,
        &args.query.join(" "),
        Rect::default(),
    );
    picker.status = notice;
    let req = match crate::tui::pick::run(picker, fx, args.height) {
        Ok(Outcome::Picked(req)) => req,
        Ok(Outcome::Cancelled(why)) => {
            if let Some(why) = why {
                tell(&why);
            }
            return ExitCode::from(NOTHING_PICKED);
        }
        Err(e) => return fail(&e),
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{}", req.text).and_then(|()| out.flush()) {
        return fail(&format!("cannot write the quotation: {e}"));
    }
    if let Some(note) = super::quote::log_quote(&req) {
        tell(&note);
    }
    if args.copy {
        match super::quote::copy_text(&config, &req.text) {
            // Said only on a terminal: in an editor's buffer it would be noise.
            Ok(notes) if std::io::stderr().is_terminal() => {
                for note in notes {
                    tell(&note);
                }
            }
            Ok(_) => {}
            // The quotation is out on stdout all the same: a warning, not a failure.
            Err(e) => tell(&format!("not copied: {e}")),
        }
    }
    ExitCode::SUCCESS
}
