//! Killing lunwen with SIGKILL while it writes its state file loses at most the write in
//! flight. The writer is this test binary re-run as a child (`writer_child`), saving a large
//! state in a loop and reporting each finished save on stdout.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lunwen::state::{self, Position, State};

const DIR_VAR: &str = "LUNWEN_TEST_KILL_DIR";

/// A state of about 2 MB, so a save takes a while and a kill can land in the middle of it.
fn big_state(round: u64) -> State {
    let papers: BTreeMap<String, Position> = (0..40_000)
        .map(|i| {
            (
                format!("{i:06}_paper_with_a_long_identifier"),
                Position {
                    item: i,
                    line: round as usize,
                },
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

/// Guard: `state::save` writing a temp file, syncing it and renaming it over the old one. With
/// a file written in place (`serde_json::to_writer` into `File::create`, the obvious code) a
/// reader or a kill catches it half written.
#[test]
fn sigkill_mid_write_loses_at_most_the_last_write() {
    let exe = std::env::current_exe().unwrap();
    for attempt in 0..6u32 {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_VAR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
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
        // While it saves, the file must always hold a complete state: what a kill at that
        // instant would leave behind.
        let mut last = 0u64;
        let started = Instant::now();
        while last < 3 + u64::from(attempt % 3) {
            while let Ok(n) = rx.try_recv() {
                last = n;
            }
            let when = format!("attempt {attempt}, during save {}", last + 1);
            if let Some(round) = round_on_disk(dir.path(), &when) {
                assert!(round <= last + 1, "{when}: the file holds save {round}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "child too slow"
            );
        }
        std::thread::sleep(Duration::from_millis(u64::from(attempt) * 7 % 20));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        while let Ok(n) = rx.try_recv() {
            last = n;
        }
        let when = format!("attempt {attempt}, after SIGKILL");
        let round = round_on_disk(dir.path(), &when).expect("a state file");
        assert!(
            round == last || round == last + 1,
            "{when}: the file holds save {round}, the child had finished {last}"
        );
    }
}
