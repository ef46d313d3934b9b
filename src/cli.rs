//! Command-line interface: subcommands print to stdout; no subcommand opens the TUI.

mod quote;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{self, Config};
use crate::corpus::citation::Style;
use crate::corpus::text::sanitize;
use crate::corpus::{Corpus, Paper};
use crate::search::{Cancel, Scope, SearchIndex, report};

#[derive(Debug, Parser)]
#[command(
    name = "lunwen",
    version,
    about = "Read and quote a corpus of academic papers (论文)"
)]
pub struct Cli {
    /// Corpus directory (overrides LUNWEN_CORPUS and the config file)
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Config file (overrides LUNWEN_CONFIG and the default location)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Citation style for this session: gbt7714, note, apa or bibtex (default: citation_style in
    /// the config; `t` switches it in the reader)
    #[arg(long, value_parser = quote::parse_style)]
    pub style: Option<Style>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the papers of the corpus
    List,
    /// Print the section outline of a paper
    Outline {
        /// Paper id or a unique prefix of it
        paper: String,
    },
    /// Export a paper as JSON
    Export {
        /// Print JSON (the only format)
        #[arg(long, required = true)]
        json: bool,
        /// Paper id or a unique prefix of it
        paper: String,
    },
    /// Report missing bibliographic fields, unresolved markers, counts and how the text was
    /// shared out, per paper
    Check {
        /// Print each block of this paper with the kind it got and the rule that decided
        #[arg(long, value_name = "PAPER")]
        explain: Option<String>,
    },
    /// Print the citation of a paper
    Cite {
        /// Paper id or a unique prefix of it
        paper: String,
        /// Citation style: gbt7714, note, apa or bibtex (default: citation_style in the config)
        #[arg(long, value_parser = quote::parse_style)]
        style: Option<Style>,
    },
    /// Print the sentence best matching QUERY with its citation
    Quote {
        /// Words to search for (Chinese, pinyin or both); space-separated terms must all match
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Citation style: gbt7714, note, apa or bibtex (default: citation_style in the config)
        #[arg(long, value_parser = quote::parse_style)]
        style: Option<Style>,
        /// Also put it on the clipboard (as the config's `clipboard` says) and in the quote log
        #[arg(long)]
        copy: bool,
    },
    /// List the quote log (every copied quotation)
    Quotes {
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Re-find each logged quote in the corpus; fail if any no longer matches
        #[arg(long)]
        check: bool,
    },
    /// Fuzzy-search sentences, headings, titles and authors (pinyin works: `xzscl` finds 新质生产力)
    Search {
        /// What to look for; space-separated terms must all match
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Search only this paper (id or a unique prefix of it)
        #[arg(long, value_name = "ID")]
        paper: Option<String>,
        /// Print at most N hits
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Print a JSON list of {paper, section, text, score, positions}
        #[arg(long)]
        json: bool,
    },
    /// Print the keys in effect for each context (* marks your config's bindings)
    Keys,
    /// Show the default config, where the config file is, or check it
    Config(ConfigArgs),
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ConfigArgs {
    /// Print the built-in default config (a commented starting point for your own)
    #[arg(long)]
    pub default: bool,
    /// Print the path of the config file lunwen reads
    #[arg(long)]
    pub path: bool,
    /// Read the config file and report the first mistake in it, if any
    #[arg(long)]
    pub check: bool,
}

/// Exit status for a mistake in the config file.
const CONFIG_ERROR: u8 = 2;

pub fn run() -> ExitCode {
    crate::crash::install_hook();
    crate::crash::default_sigpipe();
    let cli = Cli::parse();
    if let Some(Command::Config(args)) = &cli.command {
        return run_config(&cli, args);
    }
    let mut config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("lunwen: {}", sanitize(&e.to_string()));
            return ExitCode::from(CONFIG_ERROR);
        }
    };
    if let Some(style) = cli.style {
        config.settings.citation_style = style;
    }
    if let Some(Command::Keys) = &cli.command {
        print!("{}", sanitize(&config::keys_report(&config)));
        return ExitCode::SUCCESS;
    }
    let corpus = load_corpus(&cli, &config);
    crate::crash::debug_panic("cli");
    for problem in &corpus.problems {
        eprintln!("lunwen: {}", sanitize(&problem.to_string()));
    }
    let result = match &cli.command {
        None => crate::tui::run(corpus, config),
        Some(Command::List) => {
            print_list(&corpus);
            Ok(())
        }
        Some(Command::Outline { paper }) => corpus.find(paper).map(print_outline),
        Some(Command::Export { paper, .. }) => corpus.find(paper).and_then(|p| {
            let json = crate::corpus::export::to_json(p);
            println!(
                "{}",
                serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?
            );
            Ok(())
        }),
        Some(Command::Check { explain: None }) => {
            print_check(&corpus);
            Ok(())
        }
        Some(Command::Check {
            explain: Some(paper),
        }) => corpus.find(paper).map(print_explain),
        Some(Command::Cite { paper, style }) => quote::run_cite(&corpus, &config, paper, *style),
        Some(Command::Quote { query, style, copy }) => {
            quote::run_quote(&corpus, &config, &query.join(" "), *style, *copy)
        }
        Some(Command::Quotes { json, check }) => quote::run_quotes(&corpus, *json, *check),
        Some(Command::Search {
            query,
            paper,
            limit,
            json,
        }) => search(&corpus, &query.join(" "), paper.as_deref(), *limit, *json),
        Some(Command::Keys | Command::Config(_)) => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("lunwen: {}", sanitize(&msg));
            ExitCode::FAILURE
        }
    }
}

/// `lunwen config`: works even when the config file is broken, so the user can find and fix it.
fn run_config(cli: &Cli, args: &ConfigArgs) -> ExitCode {
    if args.default {
        print!("{}", config::DEFAULT_TOML);
        return ExitCode::SUCCESS;
    }
    let env = config::Env::from_process();
    if args.path {
        return match config::locate(cli.config.as_deref(), &env) {
            Some(loc) => {
                println!("{}", loc.path.display());
                eprintln!("lunwen: {}", config::location_note(&loc));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "lunwen: no home directory is known; name a file with --config FILE or {}",
                    config::CONFIG_ENV
                );
                ExitCode::FAILURE
            }
        };
    }
    match Config::load_with(cli.config.as_deref(), &env) {
        Ok(c) => {
            match &c.source {
                Some(p) => println!("{}: ok", p.display()),
                None => println!("no config file; the built-in defaults are used"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lunwen: {}", sanitize(&e.to_string()));
            ExitCode::from(CONFIG_ERROR)
        }
    }
}

/// Corpus location: `--corpus DIR` > `LUNWEN_CORPUS` > the config's `corpus_dirs` > bundled.
fn load_corpus(cli: &Cli, config: &Config) -> Corpus {
    let dir = cli.corpus.clone().or_else(|| {
        std::env::var_os("LUNWEN_CORPUS")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    match dir {
        Some(dir) => Corpus::load_dirs(&[dir]),
        None if !config.settings.corpus_dirs.is_empty() => {
            Corpus::load_dirs(&config.settings.corpus_dirs)
        }
        None => Corpus::bundled(),
    }
}

fn search(
    corpus: &Corpus,
    query: &str,
    paper: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<(), String> {
    if query.trim().is_empty() {
        return Err("the search query is empty".into());
    }
    let scope = match paper {
        Some(key) => {
            let p = corpus.find(key)?;
            let idx = corpus
                .papers
                .iter()
                .position(|q| q.id == p.id)
                .ok_or_else(|| format!("paper {key} vanished"))?;
            Scope::Paper(idx)
        }
        None => Scope::All,
    };
    let index = SearchIndex::build(&corpus.papers);
    let found = index
        .search(query, scope, limit, &Cancel::never())
        .ok_or("search was cancelled")?;
    let records: Vec<_> = found
        .hits
        .iter()
        .filter_map(|h| report::record(&corpus.papers, &index, h))
        .collect();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&records).map_err(|e| e.to_string())?
        );
    } else {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        for r in &records {
            println!("{}", report::line(r, color));
        }
    }
    if found.typos && found.total > 0 {
        eprintln!("lunwen: no exact match; these hits allow one mistyped character");
    }
    if found.total == 0 {
        eprintln!("lunwen: no match for '{}'", sanitize(query));
    } else if found.total > records.len() {
        eprintln!(
            "lunwen: showing {} of {} hits (--limit)",
            records.len(),
            found.total
        );
    }
    Ok(())
}

fn print_list(corpus: &Corpus) {
    for p in &corpus.papers {
        let authors = if p.authors.is_empty() {
            "?".to_string()
        } else {
            p.authors.join(", ")
        };
        println!(
            "{}  {}  {}",
            p.id,
            sanitize(&p.display_title()),
            sanitize(&authors)
        );
    }
}

fn print_outline(p: &Paper) {
    println!("{}", sanitize(&p.display_title()));
    for h in &p.outline {
        let indent = "  ".repeat(usize::from(h.level));
        println!("{indent}{}", sanitize(&h.heading));
    }
}

/// `check --explain PAPER`: each block with its kind and the rule that decided it.
fn print_explain(p: &Paper) {
    println!("{}  {}", p.id, sanitize(&p.display_title()));
    for e in &p.explain {
        println!(
            "p{:<3} {:<16} {:<26} {}",
            e.page,
            sanitize(&e.kind),
            e.rule,
            sanitize(&e.excerpt)
        );
    }
}

fn print_check(corpus: &Corpus) {
    for p in &corpus.papers {
        let markers: Vec<_> = p.blocks.iter().flat_map(|b| &b.markers).collect();
        let unresolved = markers.iter().filter(|m| m.targets.is_empty()).count();
        let missing = p.missing_fields();
        let status = if missing.is_empty() && unresolved == 0 && p.warnings.is_empty() {
            "ok"
        } else {
            "!!"
        };
        println!("{status} {}  {}", p.id, sanitize(&p.display_title()));
        println!(
            "   {} headings, {} paragraphs, {} notes, {} references, {} markers ({} unresolved)",
            p.outline.len(),
            p.paragraphs().count(),
            p.notes.len(),
            p.references.len(),
            markers.len(),
            unresolved
        );
        let s = p.parts;
        if s.input > 0 {
            let pct = |n: usize| n * 100 / s.input;
            println!(
                "   text: front {}%, body {}%, notes {}%, references {}%, back {}%, furniture {}%, markup {}%, markers {}%",
                pct(s.front),
                pct(s.body),
                pct(s.notes),
                pct(s.references),
                pct(s.back),
                pct(s.furniture),
                pct(s.markup),
                pct(s.markers)
            );
        }
        if !missing.is_empty() {
            println!("   missing: {}", missing.join(", "));
        }
        for w in &p.warnings {
            println!("   warning: {}", sanitize(w));
        }
    }
}
