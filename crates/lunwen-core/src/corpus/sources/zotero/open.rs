//! Opening a database Zotero may hold open with an exclusive lock, without ever writing to it.
//!
//! While Zotero runs, a normal open fails with "database is locked". SQLite's `immutable=1`
//! reads the file without taking locks, which is right as long as nothing is pending beside
//! it. A non-empty `-wal` holds committed rows not yet copied into the main file, and a
//! `-journal` means a write is in progress; `immutable=1` ignores both, so then the files are
//! copied to a private directory and the copy is opened, where SQLite applies the WAL or rolls
//! the unfinished write back. Nothing is ever opened for writing in the library directory.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::{Connection, OpenFlags};
use tempfile::TempDir;

use super::error::ZoteroError;

/// How the database was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadMode {
    /// In place, with `immutable=1`.
    Immutable,
    /// From a private copy, because changes were pending beside the file.
    Copy,
}

/// An open, read-only view of a database; the copy it reads, if any, lives as long as it.
pub(super) struct Database {
    pub conn: Connection,
    pub mode: ReadMode,
    /// Kept so the copy is deleted only after the connection closes (fields drop in order).
    _copy: Option<TempDir>,
}

/// Files SQLite keeps beside a database while changes are pending.
const SIDE_FILES: &[&str] = &["-wal", "-journal"];

/// `zotero.sqlite` + `-wal` → `zotero.sqlite-wal`.
fn side_file(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A rollback journal begins with these bytes while it holds a write in progress. SQLite in
/// exclusive locking mode, as Zotero runs it, keeps the file between writes with this header
/// zeroed, so the file's presence alone means nothing.
const JOURNAL_MAGIC: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

/// A WAL file's header; frames (committed pages not yet in the main file) follow it.
const WAL_HEADER_BYTES: u64 = 32;

/// Whether a WAL with frames or a journal with a write in progress sits beside `db`.
fn changes_pending(db: &Path) -> bool {
    use std::io::Read as _;
    let wal_has_frames = std::fs::metadata(side_file(db, "-wal"))
        .is_ok_and(|m| m.is_file() && m.len() > WAL_HEADER_BYTES);
    let journal_is_hot = std::fs::File::open(side_file(db, "-journal")).is_ok_and(|f| {
        let mut head = [0u8; 8];
        f.take(8).read_exact(&mut head).is_ok() && head == JOURNAL_MAGIC
    });
    wal_has_frames || journal_is_hot
}

/// The database at `db`, read in place when nothing is pending beside it, else from a copy.
pub(super) fn open(db: &Path) -> Result<Database, ZoteroError> {
    let unreadable = |reason: String| ZoteroError::Unreadable {
        file: db.to_path_buf(),
        reason,
    };
    if !changes_pending(db)
        && let Ok(conn) = open_immutable(db)
        && probe(&conn).is_ok()
    {
        return Ok(Database {
            conn,
            mode: ReadMode::Immutable,
            _copy: None,
        });
    }
    let (copy, path) = copy_with_side_files(db).map_err(unreadable)?;
    let conn = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| unreadable(e.to_string()))?;
    // The copy is writable only so SQLite can apply its WAL or roll back its journal.
    conn.pragma_update(None, "query_only", true)
        .map_err(|e| unreadable(e.to_string()))?;
    probe(&conn).map_err(|e| unreadable(e.to_string()))?;
    Ok(Database {
        conn,
        mode: ReadMode::Copy,
        _copy: Some(copy),
    })
}

/// `db` opened read-only through a `file:` URI with `immutable=1`.
fn open_immutable(db: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        format!("file:{}?immutable=1", uri_path(db)),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Forces SQLite to read the file: opening is lazy, so a damaged file or a non-database only
/// fails here.
fn probe(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
}

/// The path as a URI path: bytes other than unreserved characters and `/` percent-encoded, so
/// `?`, `#` or `%` in a directory name cannot end the path or start a parameter.
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes: Vec<u8> = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes: Vec<u8> = {
        // Windows paths become `/C:/Users/…`, the form SQLite's URIs take.
        let s = path.to_string_lossy().replace('\\', "/");
        if s.starts_with('/') {
            s
        } else {
            format!("/{s}")
        }
        .into_bytes()
    };
    let mut out = String::with_capacity(bytes.len());
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (cfg!(not(unix)) && b == b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Size and modification time of the database and its side files, to notice a write that
/// happened while they were being copied.
fn stamps(db: &Path) -> Vec<Option<(u64, SystemTime)>> {
    std::iter::once(db.to_path_buf())
        .chain(SIDE_FILES.iter().map(|s| side_file(db, s)))
        .map(|p| {
            let m = std::fs::metadata(p).ok()?;
            Some((m.len(), m.modified().ok()?))
        })
        .collect()
}

/// How often the copy is retaken when Zotero wrote during it.
const COPY_ATTEMPTS: usize = 3;

/// A private copy of `db` and its side files, taken again when they changed meanwhile so the
/// database and its WAL come from the same moment.
fn copy_with_side_files(db: &Path) -> Result<(TempDir, PathBuf), String> {
    let dir = tempfile::Builder::new()
        .prefix("lunwen-zotero-")
        .tempdir()
        .map_err(|e| format!("cannot make a directory to copy it to: {e}"))?;
    let name = db.file_name().unwrap_or(db.as_os_str());
    let target = dir.path().join(name);
    for _ in 0..COPY_ATTEMPTS {
        let before = stamps(db);
        std::fs::copy(db, &target).map_err(|e| format!("cannot copy it: {e}"))?;
        for suffix in SIDE_FILES {
            let from = side_file(db, suffix);
            let to = side_file(&target, suffix);
            match std::fs::copy(&from, &to) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let _ = std::fs::remove_file(&to);
                }
                Err(e) => return Err(format!("cannot copy {}: {e}", from.display())),
            }
        }
        if stamps(db) == before {
            break;
        }
    }
    Ok((dir, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_what_ends_a_path() {
        assert_eq!(
            uri_path(Path::new("/home/a b/Zotero?#%/zotero.sqlite")),
            "/home/a%20b/Zotero%3F%23%25/zotero.sqlite"
        );
        assert_eq!(
            uri_path(Path::new("/数据/zotero.sqlite")),
            "/%E6%95%B0%E6%8D%AE/zotero.sqlite"
        );
    }

    #[test]
    fn side_files_are_named_after_the_database() {
        assert_eq!(
            side_file(Path::new("/z/zotero.sqlite"), "-wal"),
            PathBuf::from("/z/zotero.sqlite-wal")
        );
    }

    #[test]
    fn garbage_is_unreadable_and_names_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("zotero.sqlite");
        std::fs::write(&db, b"this is not a database, just some bytes".repeat(100)).expect("write");
        match open(&db) {
            Err(ZoteroError::Unreadable { file, reason }) => {
                assert_eq!(file, db);
                assert!(reason.contains("not a database"), "{reason}");
            }
            Err(other) => panic!("unexpected error {other}"),
            Ok(_) => panic!("garbage opened as a database"),
        }
    }
}
