//! Command-line interface: subcommands print to stdout; no subcommand opens the TUI.

mod cite;
mod config;
mod edit;
mod info;
mod keys;
mod pick;
mod quote;
mod quotes;
mod search;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use lunwen_core::corpus::citation::Style;
use lunwen_core::corpus::pdf::PdfOptions;
use lunwen_core::corpus::text::sanitize;
use lunwen_core::corpus::{Corpus, Paper, Sources};

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
    /// Also open a Zotero library, read only: --zotero=DIR, or --zotero alone for zotero_dir in
    /// the config, else ~/Zotero
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        num_args = 0..=1,
        require_equals = true
    )]
    pub zotero: Option<Option<PathBuf>>,
    /// Only the papers filed in this Zotero collection (or one below it), e.g. "Thesis/Chapter 2"
    #[arg(long, global = true, value_name = "NAME")]
    pub collection: Option<String>,
    /// Citation style for this session (default: citation_style in the config; `t` switches it
    /// in the reader)
    #[arg(long, value_parser = cite::style_parser())]
    pub style: Option<Style>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the papers of the corpus
    List {
        /// Print a JSON list of {id, title, authors, journal, year, file}
        #[arg(long)]
        json: bool,
    },
    /// Print the section outline of a paper
    Outline {
        /// Paper id or a unique prefix of it
        paper: String,
        /// Print JSON: {id, title, outline: [{level, heading}]}
        #[arg(long)]
        json: bool,
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
    /// shared out, per paper; exits 1 when any paper has a problem
    Check {
        /// Print each block of this paper with the kind it got and the rule that decided
        #[arg(long, value_name = "PAPER")]
        explain: Option<String>,
        /// Print a JSON list, one object per paper
        #[arg(long)]
        json: bool,
    },
    /// Show a paper's bibliographic facts and where each came from (sidecar, imported file,
    /// Zotero, or the text)
    Info {
        /// Paper id, a unique prefix of it, or its citation key
        paper: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Edit a paper's sidecar (its facts that override all others) in $VISUAL or $EDITOR,
    /// creating it first with what is known
    Edit {
        /// Paper id, a unique prefix of it, or its citation key
        paper: String,
    },
    /// Print the citation of a paper
    Cite {
        /// Paper id, a unique prefix of it, or its citation key
        paper: String,
        /// Print JSON: {paper, style, citation, missing}
        #[arg(long)]
        json: bool,
        /// Citation style (default: citation_style in the config)
        #[arg(long, value_parser = cite::style_parser())]
        style: Option<Style>,
    },
    /// Print the bibliography of the corpus (or of the papers named) for LaTeX, Pandoc or Zotero
    Bib {
        /// bibtex, csl-json or ris
        #[arg(long, value_parser = cite::parse_format, default_value = "bibtex")]
        format: lunwen_core::corpus::citation::Format,
        /// Paper ids or unique prefixes (default: every paper)
        papers: Vec<String>,
    },
    /// Print the sentence best matching QUERY with its citation
    Quote {
        /// Words to search for (Chinese, pinyin or both); space-separated terms must all match
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Citation style (default: citation_style in the config)
        #[arg(long, value_parser = cite::style_parser())]
        style: Option<Style>,
        /// Also put it on the clipboard (as the config's `clipboard` says) and in the quote log
        #[arg(long)]
        copy: bool,
    },
    /// Pick a quotation in a search box drawn under the cursor, and write it to stdout (for
    /// editors: `:r !lunwen pick`, `$(lunwen pick)`); esc exits 1 with nothing written
    Pick {
        /// What to search for to begin with (Chinese, pinyin or both); typing goes on after it
        query: Vec<String>,
        /// Search only this paper (id or a unique prefix of it); ctrl-o searches all of them
        #[arg(long, value_name = "ID")]
        paper: Option<String>,
        /// Citation style to begin with: gbt7714, note, apa or bibtex (ctrl-t switches it)
        #[arg(long, value_parser = cite::style_parser())]
        style: Option<Style>,
        /// What to write, instead of the config's quote_template: '{pandoc}', '{quote}' …
        #[arg(long, value_name = "TEMPLATE")]
        template: Option<String>,
        /// Also put the quotation on the clipboard (as the config's `clipboard` says)
        #[arg(long)]
        copy: bool,
        /// Rows to draw in: a number, or a percentage of the terminal's (100% for a popup)
        #[arg(long, value_name = "ROWS|PCT%", default_value = "40%")]
        height: crate::tui::pick::Height,
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
    Keys {
        /// Print JSON: {context: [{action, keys, user, help}]}
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script: `lunwen completions bash > ~/.local/share/bash-completion/completions/lunwen`
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `lunwen man | man -l -`
    Man,
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
pub(crate) const CONFIG_ERROR: u8 = 2;

/// Exit status of `lunwen check` when it reported a problem with a paper.
const CHECK_PROBLEMS: u8 = 1;

pub fn run() -> ExitCode {
    crate::crash::install_hook();
    crate::crash::default_sigpipe();
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Config(args)) => return config::run(&cli, args),
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "lunwen", &mut std::io::stdout());
            return ExitCode::SUCCESS;
        }
        Some(Command::Man) => {
            let man = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            return match man.render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("lunwen: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        _ => {}
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
    if let Some(Command::Keys { json }) = &cli.command {
        if *json {
            println!("{}", keys::keys_json(&config));
        } else {
            print!("{}", sanitize(&keys::keys_report(&config)));
        }
        return ExitCode::SUCCESS;
    }
    use crate::log::{Level, log};
    crate::log::init(crate::store::state::dir().as_deref());
    if let Some(path) = &config.source {
        log(Level::Info, &format!("config {}", path.display()));
    }
    let corpus = load_corpus(&cli, &config);
    crate::crash::debug_panic("cli");
    log(
        Level::Info,
        &format!(
            "{} papers, {} load problems",
            corpus.papers.len(),
            corpus.problems.len()
        ),
    );
    // The picker says load problems in its footer: on stderr they could land in an editor's
    // buffer.
    if let Some(Command::Pick {
        query,
        paper,
        style,
        template,
        copy,
        height,
    }) = &cli.command
    {
        let args = pick::PickArgs {
            query,
            paper: paper.as_deref(),
            style: *style,
            template: template.as_deref(),
            copy: *copy,
            height: *height,
        };
        return pick::run_pick(corpus, config, &args);
    }
    for problem in &corpus.problems {
        log(Level::Warn, &sanitize(&problem.to_string()));
        eprintln!("lunwen: {}", sanitize(&problem.to_string()));
    }
    let result = match &cli.command {
        None => crate::tui::run(corpus, config),
        Some(Command::List { json }) => {
            print_list(&corpus, *json);
            Ok(())
        }
        Some(Command::Outline { paper, json }) => {
            corpus.find(paper).map(|p| print_outline(p, *json))
        }
        Some(Command::Export { paper, .. }) => corpus.find(paper).and_then(|p| {
            let json = lunwen_core::corpus::export::to_json(p);
            println!(
                "{}",
                serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?
            );
            Ok(())
        }),
        Some(Command::Check {
            explain: Some(paper),
            ..
        }) => corpus.find(paper).map(print_explain),
        Some(Command::Check {
            explain: None,
            json,
        }) => {
            let problems = print_check(&corpus, *json);
            if problems > 0 {
                // The report is the output; the status says it found something.
                return ExitCode::from(CHECK_PROBLEMS);
            }
            Ok(())
        }
        Some(Command::Info { paper, json }) => info::run_info(&corpus, paper, *json),
        Some(Command::Edit { paper }) => edit::run_edit(&corpus, paper),
        Some(Command::Cite { paper, style, json }) => {
            cite::run_cite(&corpus, &config, paper, *style, *json)
        }
        Some(Command::Bib { format, papers }) => cite::run_bib(&corpus, &config, papers, *format),
        Some(Command::Quote { query, style, copy }) => {
            quote::run_quote(&corpus, &config, &query.join(" "), *style, *copy)
        }
        Some(Command::Quotes { json, check }) => quotes::run_quotes(&corpus, *json, *check),
        Some(Command::Search {
            query,
            paper,
            limit,
            json,
        }) => search::run_search(&corpus, &query.join(" "), paper.as_deref(), *limit, *json),
        Some(
            Command::Keys { .. }
            | Command::Config(_)
            | Command::Completions { .. }
            | Command::Man
            | Command::Pick { .. },
        ) => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            log(Level::Error, &sanitize(&msg));
            eprintln!("lunwen: {}", sanitize(&msg));
            ExitCode::FAILURE
        }
    }
}

/// What the corpus is opened from. Papers: `--corpus DIR` > `LUNWEN_CORPUS` > the config's
/// `corpus_dirs`; a Zotero library with `--zotero` or the config's `zotero_dir`; the bundled
/// papers when neither gives anything.
fn load_corpus(cli: &Cli, config: &Config) -> Corpus {
    let settings = &config.settings;
    let dirs = cli
        .corpus
        .clone()
        .or_else(|| {
            std::env::var_os("LUNWEN_CORPUS")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .map_or_else(|| settings.corpus_dirs.clone(), |dir| vec![dir]);
    let zotero = match &cli.zotero {
        Some(Some(dir)) => Some(dir.clone()),
        Some(None) => settings
            .zotero_dir
            .clone()
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join("Zotero"))),
        None => settings.zotero_dir.clone(),
    };
    let mut corpus = if dirs.is_empty() && zotero.is_none() {
        Corpus::bundled()
    } else {
        // Converted PDFs and Zotero papers' sidecars live in the data directory: never in
        // Zotero's, which is only read, nor in a corpus directory the user may keep tidy.
        let data = crate::store::state::dir();
        Corpus::open(&Sources {
            dirs,
            metadata_files: settings.metadata_files.clone(),
            zotero,
            zotero_sidecars: data.as_ref().map(|d| d.join("zotero-sidecars")),
            pdf: PdfOptions {
                cache_dir: data.as_ref().map(|d| d.join("pdf-text")),
                ..PdfOptions::default()
            },
        })
    };
    if let Some(name) = &cli.collection {
        let inside = |c: &String| c == name || c.starts_with(&format!("{name}/"));
        let mut known: Vec<&String> = corpus
            .papers
            .iter()
            .flat_map(|p| &p.provenance.collections)
            .collect();
        known.sort();
        known.dedup();
        let message = format!(
            "no paper is filed in collection '{name}' (collections: {})",
            if known.is_empty() {
                "none; collections come from a Zotero library".to_string()
            } else {
                known
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
        corpus
            .papers
            .retain(|p| p.provenance.collections.iter().any(inside));
        if corpus.papers.is_empty() {
            corpus.problems.push(lunwen_core::corpus::LoadProblem {
                file: "--collection".into(),
                message,
            });
        }
    }
    corpus
}

fn print_list(corpus: &Corpus, json: bool) {
    if json {
        let papers: Vec<serde_json::Value> = corpus
            .papers
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id,
                    "title": p.title,
                    "authors": p.authors,
                    "journal": p.metadata.journal,
                    "year": p.metadata.year,
                    "file": p.file,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(papers));
        return;
    }
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

fn print_outline(p: &Paper, json: bool) {
    if json {
        let outline: Vec<serde_json::Value> = p
            .outline
            .iter()
            .map(|h| serde_json::json!({ "level": h.level, "heading": h.heading }))
            .collect();
        let value = serde_json::json!({ "id": p.id, "title": p.title, "outline": outline });
        println!("{value}");
        return;
    }
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

/// Prints the check report; returns how many papers have a problem.
fn print_check(corpus: &Corpus, json: bool) -> usize {
    let mut flagged = 0;
    let mut rows = Vec::new();
    for p in &corpus.papers {
        let markers: Vec<_> = p.blocks.iter().flat_map(|b| &b.markers).collect();
        let unresolved = markers.iter().filter(|m| m.targets.is_empty()).count();
        let missing = p.missing_fields();
        let problem = p.has_problems();
        flagged += usize::from(problem);
        if json {
            rows.push(serde_json::json!({
                "id": p.id,
                "title": p.title,
                "ok": !problem,
                "headings": p.outline.len(),
                "paragraphs": p.paragraphs().count(),
                "notes": p.notes.len(),
                "references": p.references.len(),
                "markers": markers.len(),
                "unresolved_markers": unresolved,
                "missing": missing,
                "warnings": p.warnings,
                "parts": p.parts,
            }));
            continue;
        }
        let status = if problem { "!!" } else { "ok" };
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
    if json {
        println!("{}", serde_json::Value::Array(rows));
    }
    flagged
}
