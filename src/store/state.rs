//! The reading position of each paper, remembered across runs in a small JSON file in the data
//! dir. Written atomically (temp file + rename) so a crash never leaves half a file; a corrupt
//! file is reported and ignored, never fatal.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE: &str = "state.json";

pub use lunwen_core::view::{Anchor, Position};

/// Where a paper was left, as the state file holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SavedPosition {
    /// Named by the text on top (`{"at": {"in": "block", "index": 12}, "offset": 40,
    /// "line": 0}`), valid whatever the reading view shows around it.
    At(Anchor),
    /// Written by lunwen 0.1: an item index into that version's reading view
    /// (`{"item": 26, "offset": 40, "line": 0}`); read through
    /// [`lunwen_core::view::v1_positions`] when the paper is opened, and saved as `At` from then on.
    Item(Position),
}

impl From<Anchor> for SavedPosition {
    fn from(a: Anchor) -> SavedPosition {
        SavedPosition::At(a)
    }
}

impl From<Position> for SavedPosition {
    fn from(p: Position) -> SavedPosition {
        SavedPosition::Item(p)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Id of the paper open at exit.
    #[serde(default)]
    pub last_paper: Option<String>,
    /// Position per paper id.
    #[serde(default)]
    pub papers: BTreeMap<String, SavedPosition>,
}

/// The data directory the quote log also lives in: `LUNWEN_DATA_DIR`, else the older
/// `LUNWEN_STATE_DIR`, else the platform data dir (`~/.local/share/lunwen` on Linux).
pub fn dir() -> Option<PathBuf> {
    let over = std::env::var_os("LUNWEN_DATA_DIR")
        .filter(|d| !d.is_empty())
        .or_else(|| std::env::var_os("LUNWEN_STATE_DIR"))
        .map(PathBuf::from);
    super::data_dir(over).ok()
}

/// Why the state file could not be used. A missing file is no error: it is a fresh start.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file is there but could not be read (permissions, a directory in its place, I/O).
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file was read but does not hold a state (cut short by a crash, edited by hand); it
    /// is ignored, and the next save replaces it.
    #[error(
        "{}: ignored, not a valid state file (line {line}, column {column}): {source}",
        path.display()
    )]
    Damaged {
        path: PathBuf,
        line: usize,
        column: usize,
        source: serde_json::Error,
    },
}

/// Reads the state file in `dir`. A missing file is a fresh start; an unreadable or damaged one
/// is an error naming the file, for the status bar.
pub fn load(dir: &Path) -> Result<State, LoadError> {
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
        Err(source) => return Err(LoadError::Unreadable { path, source }),
    };
    serde_json::from_str(&text).map_err(|source| LoadError::Damaged {
        line: source.line(),
        column: source.column(),
        path,
        source,
    })
}

/// Writes the state file atomically, creating `dir` if needed.
pub fn save(dir: &Path, state: &State) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&json)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dir.join(FILE))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    } else {
        remove_stale_temps(dir);
    }
    result
}

/// Removes temp files that killed instances left behind (each instance writes its own, named
/// by pid). Only old ones: a live instance's temp file exists for milliseconds.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let stale = std::time::Duration::from_secs(600);
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(&format!("{FILE}.")) && name.ends_with(".tmp");
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > stale);
        if ours && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_missing_file_is_fresh() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), State::default());
        let mut s = State {
            last_paper: Some("001_x".into()),
            ..State::default()
        };
        s.papers.insert(
            "001_x".into(),
            Position {
                item: 7,
                offset: 40,
                line: 0,
            }
            .into(),
        );
        let nested = dir.path().join("a/b");
        save(&nested, &s).unwrap();
        assert_eq!(load(&nested).unwrap(), s);
        let leftovers: Vec<_> = std::fs::read_dir(&nested)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn temp_files_of_killed_instances_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(format!("{FILE}.4242.tmp"));
        let fresh = dir.path().join(format!("{FILE}.4343.tmp"));
        let other = dir.path().join("notes.4242.tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, "{").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for p in [&stale, &other] {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(hour_ago).unwrap();
        }
        save(dir.path(), &State::default()).unwrap();
        assert!(!stale.exists(), "a stale temp file is left");
        assert!(fresh.exists(), "a live instance's temp file was removed");
        assert!(other.exists(), "a file that is not ours was removed");
    }

    #[test]
    fn a_state_path_that_cannot_be_read_is_unreadable_not_damaged() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(FILE)).unwrap();
        let err = load(dir.path()).unwrap_err();
        assert!(matches!(err, LoadError::Unreadable { .. }), "{err}");
        assert!(
            err.to_string().starts_with(&format!(
                "{}: cannot read: ",
                dir.path().join(FILE).display()
            )),
            "{err}"
        );
    }

    #[test]
    fn corrupt_or_truncated_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{\"papers\": {\"a\": {\"item\": 3").unwrap();
        let err = load(dir.path()).unwrap_err();
        assert!(matches!(err, LoadError::Damaged { line: 1, .. }), "{err}");
        let err = err.to_string();
        assert!(
            err.contains("state.json") && err.contains("line 1"),
            "{err}"
        );
        std::fs::write(dir.path().join(FILE), "[1,2]").unwrap();
        assert!(matches!(load(dir.path()), Err(LoadError::Damaged { .. })));
    }
}
