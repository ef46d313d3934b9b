//! Support for `scripts/bench-search.sh`: writes the search units of the bundled or the scaled
//! corpus one per line (for `fzf --filter`), and times lunwen's own search on them.
//!
//! ```text
//! search_units dump  bundled|scaled FILE
//! search_units time  bundled|scaled RUNS QUERY...
//! ```
//!
//! Built with the `bench` feature: `cargo run --release --features bench --example search_units`.
//!
//! `time` prints, per query: the query, the median wall time in ms, the number of hits, and
//! the CPU time per search in ms summed over threads (10 ms resolution over all runs).

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use lunwen_core::corpus::Corpus;
use lunwen_core::search::scaled::scaled;
use lunwen_core::search::{Cancel, Scope, SearchIndex};

/// Copies of the bundled papers in the scaled corpus.
const SCALE: usize = 200;
/// Hits asked for, as a popup would show.
const LIMIT: usize = 50;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("search_units: {e}");
            ExitCode::FAILURE
        }
    }
}

/// CPU time of this process (all threads, user + system) in 10 ms clock ticks, from
/// `/proc/self/stat`; `None` where that file does not exist.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the `(comm)`: state is field 3, utime 14, stime 15
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn run(args: &[String]) -> Result<(), String> {
    let usage = "usage: search_units dump bundled|scaled FILE | time bundled|scaled RUNS QUERY...";
    let (cmd, which, rest) = match args {
        [cmd, which, rest @ ..] => (cmd.as_str(), which.as_str(), rest),
        _ => return Err(usage.into()),
    };
    let bundled = Corpus::bundled().papers;
    let papers = match which {
        "bundled" => bundled,
        "scaled" => scaled(&bundled, SCALE),
        _ => return Err(usage.into()),
    };
    let started = Instant::now();
    let index = SearchIndex::build(&papers);
    let build = started.elapsed();
    match (cmd, rest) {
        ("dump", [file]) => {
            let mut out = std::io::BufWriter::new(
                std::fs::File::create(file).map_err(|e| format!("{file}: {e}"))?,
            );
            for u in index.units() {
                writeln!(out, "{}", u.text.replace('\n', " ")).map_err(|e| e.to_string())?;
            }
            out.flush().map_err(|e| e.to_string())?;
            eprintln!(
                "{} units, {} chars, index built in {:.0} ms",
                index.units().len(),
                index
                    .units()
                    .iter()
                    .map(|u| u.text.chars().count())
                    .sum::<usize>(),
                build.as_secs_f64() * 1e3
            );
            Ok(())
        }
        ("time", [runs, queries @ ..]) if !queries.is_empty() => {
            let runs: usize = runs
                .parse()
                .map_err(|_| format!("RUNS must be a number: {runs}"))?;
            for q in queries {
                let mut times = Vec::with_capacity(runs);
                let mut total = 0;
                let cpu_before = cpu_ticks();
                for _ in 0..runs.max(1) {
                    let t = Instant::now();
                    let found = index
                        .search(q, Scope::All, LIMIT, &Cancel::never())
                        .ok_or("cancelled")?;
                    times.push(t.elapsed().as_secs_f64() * 1e3);
                    total = found.total;
                }
                let cpu_ms = cpu_ticks()
                    .zip(cpu_before)
                    .map(|(after, before)| (after - before) as f64 * 10.0 / runs.max(1) as f64);
                times.sort_by(f64::total_cmp);
                let cpu = cpu_ms.map_or("?".to_string(), |ms| format!("{ms:.0}"));
                println!("{q}\t{:.2}\t{total}\t{cpu}", times[times.len() / 2]);
            }
            Ok(())
        }
        _ => Err(usage.into()),
    }
}
