//! Killing lunwen with SIGKILL while it writes its state file or appends to its quote log loses
//! at most the write in flight. The writer is this test binary re-run as a child
//! (`writer_child`, `quote_writer_child`), writing in a loop and reporting each finished write
//! on stdout.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lunwen::store::quotes::{QuoteLog, QuoteRecord};
use lunwen::store::state::{self, Position, SavedPosition, State};

const DIR_VAR: &str = "LUNWEN_TEST_KILL_DIR";

/// A state of about 2 MB, so a save takes a while and a kill can land in the middle of it.
fn big_state(round: u64) -> State {
    let papers: BTreeMap<String, SavedPosition> = (0..40_000)
        .map(|i| {
            (
                format!("{i:06}_paper_with_a_long_identifier"),
                Position {
                    item: i,
                    offset: round as usize,
                    line: 0,
                }
                .into(),
            )
        })
        .collect();
    State {
        last_paper: Some(round.to_string()),
        papers,
    }
}

/// The round the state file in `dir` holds; panics if it is not a complete state.
fn round_on_disk(dir: &Path, when: &str) -> Option<u64> {
    match state::load(dir) {
        Ok(s) if s == State::default() => None,
        Ok(s) => {
            let round = s.last_paper.as_deref().and_then(|r| r.parse().ok());
            let round = round.unwrap_or_else(|| panic!("{when}: no round in the state file"));
            assert!(s == big_state(round), "{when}: mixed contents");
            Some(round)
        }
        Err(e) => panic!("{when}: {e}"),
    }
}

/// Not a test on its own: the child process of `sigkill_mid_write_loses_at_most_the_last_write`.
#[test]
#[ignore = "helper run as a child process by sigkill_mid_write_loses_at_most_the_last_write"]
fn writer_child() {
    let dir = std::env::var_os(DIR_VAR).expect("run by the sigkill test");
    let mut out = std::io::stdout();
    for round in 1.. {
        state::save(Path::new(&dir), &big_state(round)).expect("save");
        writeln!(out, "saved {round}").unwrap();
        out.flush().unwrap();
    }
}

/// A quote of about 1 MB tagged with its round, so an append takes a while.
fn big_quote(round: u64) -> QuoteRecord {
    QuoteRecord {
        time: "2025-06-01T08:30:00Z".into(),
        paper: format!("paper{round}"),
        title: Some("题名".into()),
        section: vec!["一、引言".into()],
        paragraph: Some(round as usize),
        text: format!("{round}:{}", "新质生产力".repeat(70_000)),
        style: "gbt7714".into(),
    }
}

/// Not a test on its own: the child process of `sigkill_mid_append_loses_at_most_the_last_quote`.
#[test]
#[ignore = "helper run as a child process by sigkill_mid_append_loses_at_most_the_last_quote"]
fn quote_writer_child() {
    let dir = std::env::var_os(DIR_VAR).expect("run by the sigkill test");
    let log = QuoteLog::new(Path::new(&dir).join("quotes.jsonl"));
    let mut out = std::io::stdout();
    for round in 1.. {
        log.append(&big_quote(round)).expect("append");
        writeln!(out, "saved {round}").unwrap();
        out.flush().unwrap();
    }
}

/// A child process writing in a loop, and the rounds it reported finished.
struct Writer {
    child: std::process::Child,
    rounds: mpsc::Receiver<u64>,
    last: u64,
}

impl Writer {
    /// The last round reported so far.
    fn poll(&mut self) -> u64 {
        while let Ok(n) = self.rounds.try_recv() {
            self.last = n;
        }
        self.last
    }

    /// SIGKILLs the child; returns the last round it reported finished.
    fn kill(mut self) -> u64 {
        self.child.kill().unwrap(); // SIGKILL on Unix
        self.child.wait().unwrap();
        // The reader ends with the child's stdout, after sending every round it saw.
        while let Ok(n) = self.rounds.recv() {
            self.last = n;
        }
        self.last
    }
}

/// Spawns `helper` writing into `dir`.
fn spawn_writer(helper: &str, dir: &Path) -> Writer {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(&exe)
        .args([
            "--ignored",
            "--exact",
            helper,
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DIR_VAR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rounds) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(n) = line
                .strip_prefix("saved ")
                .and_then(|n| n.parse::<u64>().ok())
                && tx.send(n).is_err()
            {
                break;
            }
        }
    });
    Writer {
        child,
        rounds,
        last: 0,
    }
}

/// Guard: `QuoteLog::append` adding one line with one `O_APPEND` write (earlier lines are never
/// rewritten) and starting on a fresh line after a torn one. Rewriting the log in place loses
/// every earlier quote to a kill at the wrong moment.
#[test]
fn sigkill_mid_append_loses_at_most_the_last_quote() {
    let dir = tempfile::tempdir().unwrap();
    let log = QuoteLog::new(dir.path().join("quotes.jsonl"));
    let mut kept = 0usize;
    for attempt in 0..4u32 {
        let mut writer = spawn_writer("quote_writer_child", dir.path());
        let started = Instant::now();
        while writer.poll() < 2 + u64::from(attempt % 2) {
            let c = log.read().unwrap();
            // Everything appended before is there; only the line being written may be torn.
            assert!(
                c.records.len() >= kept,
                "attempt {attempt}: earlier quotes lost"
            );
            assert!(c.problems.len() <= attempt as usize + 1, "{:?}", c.problems);
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "child too slow"
            );
        }
        std::thread::sleep(Duration::from_millis(u64::from(attempt) * 5 % 15));
        let last = writer.kill();
        let c = log.read().unwrap();
        let this_run = c.records.len() - kept;
        assert!(
            this_run as u64 == last || this_run as u64 == last + 1,
            "attempt {attempt}: {this_run} quotes in the log, the child had finished {last}"
        );
        for (k, r) in c.records[kept..].iter().enumerate() {
            assert_eq!(
                r,
                &big_quote(k as u64 + 1),
                "attempt {attempt}: record {k} changed"
            );
        }
        kept = c.records.len();
    }
    // A torn line stays reported, never fatal, and later appends read fine after it.
    log.append(&big_quote(1)).unwrap();
    let c = log.read().unwrap();
    assert_eq!(c.records.len(), kept + 1);
    assert!(
        c.problems.iter().all(|p| p.to_string().contains("skipped")),
        "{:?}",
        c.problems
    );
}

/// Guard: `state::save` writing a temp file, syncing it and renaming it over the old one. With
/// a file written in place (`serde_json::to_writer` into `File::create`, the obvious code) a
/// reader or a kill catches it half written.
#[test]
fn sigkill_mid_write_loses_at_most_the_last_write() {
    for attempt in 0..6u32 {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = spawn_writer("writer_child", dir.path());
        // While it saves, the file must always hold a complete state: what a kill at that
        // instant would leave behind. (Reports of finished saves lag, so no bound on the round
        // here.)
        let started = Instant::now();
        while writer.poll() < 3 + u64::from(attempt % 3) {
            round_on_disk(dir.path(), &format!("attempt {attempt}, while saving"));
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "child too slow"
            );
        }
        std::thread::sleep(Duration::from_millis(u64::from(attempt) * 7 % 20));
        let last = writer.kill();
        let when = format!("attempt {attempt}, after SIGKILL");
        let round = round_on_disk(dir.path(), &when).expect("a state file");
        assert!(
            round == last || round == last + 1,
            "{when}: the file holds save {round}, the child had finished {last}"
        );
    }
}
