//! The reader against libraries built from Zotero's schema: what it reads, what it leaves
//! out, how it gets past Zotero's lock, and that it never changes a byte of the library.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::{Connection, OpenFlags};

use super::testlib::{self, TestLibrary};
use super::{ReadMode, ZoteroError, ZoteroItem, ZoteroLibrary, read_library};
use crate::corpus::sources::meta::EntryKind;

fn read(lib: &TestLibrary) -> ZoteroLibrary {
    read_library(&lib.dir()).unwrap_or_else(|e| panic!("{e}"))
}

fn by_key<'a>(library: &'a ZoteroLibrary, key: &str) -> &'a ZoteroItem {
    library
        .items
        .iter()
        .find(|i| i.key == key)
        .unwrap_or_else(|| panic!("no item {key}"))
}

/// Every file of the directory with its size, modification time and bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (SystemTime, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let meta = entry.metadata().expect("metadata");
                let bytes = std::fs::read(&path).expect("read file");
                out.insert(path, (meta.modified().expect("mtime"), bytes));
            }
        }
    }
    out
}

#[test]
fn reads_the_regular_items_in_order() {
    let lib = testlib::build(0);
    let library = read(&lib);
    let keys: Vec<&str> = library.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            testlib::LIU,
            testlib::CHEN,
            testlib::WANG,
            testlib::MUELLER,
            testlib::DUANMU
        ],
        "no attachments, notes, trashed or feed items"
    );
    assert_eq!(library.read_from, ReadMode::Immutable);
    assert_eq!(library.schema_version, Some(123));
    assert!(library.warnings.is_empty(), "{:?}", library.warnings);
}

#[test]
fn chinese_item_with_full_text() {
    let lib = testlib::build(0);
    let library = read(&lib);
    let item = by_key(&library, testlib::LIU);
    let e = &item.entry;
    assert_eq!(item.item_type, "journalArticle");
    assert_eq!(e.kind, EntryKind::JournalArticle);
    assert_eq!(
        e.title.as_deref(),
        Some("以新质生产力发展赋能高质量共建“一带一路”研究")
    );
    assert_eq!(e.authors, ["刘博", "蔡文成"], "single-field names");
    assert_eq!(e.journal.as_deref(), Some("中州学刊"));
    assert_eq!(e.year, Some(2025));
    assert_eq!(e.issue.as_deref(), Some("6"));
    assert_eq!(e.pages.as_deref(), Some("34-41"));
    assert_eq!(e.language.as_deref(), Some("zh-CN"));
    assert_eq!(e.key.as_deref(), Some("liu2025xinzhi"), "Better BibTeX");
    assert_eq!(e.origin.file, lib.db());
    assert_eq!(e.origin.line, 0);
    assert_eq!(
        item.collections,
        ["新质生产力/一带一路"],
        "nested collection"
    );

    let a = item.attachment.as_ref().expect("attachment");
    assert_eq!(a.key, testlib::LIU_PDF);
    assert!(a.is_pdf() && a.exists);
    let folder = lib.dir().join("storage").join(testlib::LIU_PDF);
    assert_eq!(
        a.path.as_deref(),
        Some(
            folder
                .join("刘博和蔡文成 - 2025 - 以新质生产力发展赋能高质量共建一带一路研究.pdf")
                .as_path()
        )
    );
    assert_eq!(
        a.full_text_cache.as_deref(),
        Some(folder.join(".zotero-ft-cache").as_path())
    );
}

#[test]
fn english_item_with_only_a_pdf() {
    let lib = testlib::build(0);
    let library = read(&lib);
    let item = by_key(&library, testlib::CHEN);
    let e = &item.entry;
    assert_eq!(e.authors, ["Chen, Li", "Wang, Fang", "Smith, John A."]);
    assert_eq!(e.journal.as_deref(), Some("Journal of Documentation"));
    assert_eq!(e.year, Some(2021));
    assert_eq!(e.volume.as_deref(), Some("77"), "stored as an integer");
    assert_eq!(e.issue.as_deref(), Some("4"));
    assert_eq!(e.pages.as_deref(), Some("881-902"));
    assert_eq!(e.doi.as_deref(), Some("10.5555/jd.2021.0158"));
    assert_eq!(
        e.url.as_deref(),
        Some("https://doi.org/10.5555/jd.2021.0158")
    );
    assert_eq!(e.key.as_deref(), Some("chen2021measuring"), "from Extra");
    assert_eq!(
        item.collections,
        ["Methods"],
        "the trashed collection is gone"
    );
    let a = item.attachment.as_ref().expect("attachment");
    assert_eq!(a.key, testlib::CHEN_PDF);
    assert!(a.exists);
    assert_eq!(a.full_text_cache, None);
}

#[test]
fn scanned_pdf_is_preferred_over_a_snapshot_with_text() {
    let lib = testlib::build(0);
    let library = read(&lib);
    let item = by_key(&library, testlib::WANG);
    assert_eq!(
        item.entry.authors,
        ["王伟", "李明"],
        "two-field Chinese names"
    );
    assert_eq!(item.entry.issue.as_deref(), Some("5"));
    assert_eq!(item.entry.key.as_deref(), Some("wang2024shuzi"));
    assert_eq!(item.collections, ["新质生产力"]);
    let a = item.attachment.as_ref().expect("attachment");
    assert_eq!(
        a.key,
        testlib::WANG_SCAN,
        "a PDF, though it has no text layer"
    );
    assert_eq!(a.content_type.as_deref(), Some("application/pdf"));
    assert!(a.exists);
    assert_eq!(a.full_text_cache, None);
    let bytes = std::fs::read(a.path.as_deref().expect("path")).expect("read scan");
    assert_eq!(bytes, testlib::SCAN_PDF);
}

#[test]
fn conference_paper_with_linked_file_and_native_key() {
    let lib = testlib::build(0);
    let library = read(&lib);
    let item = by_key(&library, testlib::MUELLER);
    let e = &item.entry;
    assert_eq!(e.kind, EntryKind::ConferencePaper);
    assert_eq!(e.authors, ["Müller, Jürgen"], "the editor is not an author");
    assert_eq!(e.journal.as_deref(), Some("Proceedings of ACL"));
    assert_eq!(e.year, Some(2019));
    assert_eq!(e.pages.as_deref(), Some("112-120"));
    assert_eq!(e.key.as_deref(), Some("mueller2019parsing"));
    let a = item.attachment.as_ref().expect("attachment");
    assert_eq!(a.key, testlib::MUELLER_LINKED);
    assert_eq!(
        a.path.as_deref(),
        Some(lib.root.path().join("elsewhere/mueller2019.pdf").as_path())
    );
    assert!(a.exists);
}

#[test]
fn book_section_creators_in_order_and_doi_from_extra() {
    let lib = testlib::build(0);
    let library = read(&lib);
    let item = by_key(&library, testlib::DUANMU);
    let e = &item.entry;
    assert_eq!(e.kind, EntryKind::BookSection);
    assert_eq!(e.authors, ["Duanmu, San", "Lin, Yen-Hwei"], "by orderIndex");
    assert_eq!(
        e.journal.as_deref(),
        Some("The Handbook of Chinese Linguistics")
    );
    assert_eq!(e.year, Some(2014));
    assert_eq!(e.doi.as_deref(), Some("10.5555/hcl.2014.ch1"));
    assert_eq!(e.key, None);
    assert_eq!(item.attachment, None, "a note is not an attachment");
    assert!(item.collections.is_empty());
}

#[test]
fn collections_list_every_live_path() {
    let lib = testlib::build(0);
    assert_eq!(
        read(&lib).collections,
        ["Methods", "新质生产力", "新质生产力/一带一路"]
    );
}

#[test]
fn field_and_type_ids_do_not_matter() {
    let a = testlib::build(0);
    let b = testlib::build(1000);
    let items = |lib: &TestLibrary| -> Vec<ZoteroItem> {
        read(lib)
            .items
            .into_iter()
            .map(|mut i| {
                i.entry.origin = Default::default();
                i.attachment = None;
                i
            })
            .collect()
    };
    assert_eq!(items(&a), items(&b));
}

#[test]
fn a_schema_without_the_combined_tables_reads_the_same() {
    let lib = testlib::build(0);
    let full = read(&lib).items.len();
    let conn = Connection::open(lib.db()).expect("open");
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; DELETE FROM fieldsCombined; DROP TABLE itemTypesCombined;",
    )
    .expect("drop");
    drop(conn);
    let library = read(&lib);
    assert_eq!(library.items.len(), full);
    assert_eq!(library.items[0].entry.journal.as_deref(), Some("中州学刊"));
}

#[test]
fn reading_changes_nothing_in_the_library() {
    let lib = testlib::build(0);
    let before = snapshot(&lib.dir());
    read(&lib);
    assert_eq!(
        snapshot(&lib.dir()),
        before,
        "no file written, created or touched"
    );
}

#[test]
fn an_exclusive_lock_does_not_stop_the_reader() {
    let lib = testlib::build(0);
    // What Zotero does: exclusive locking mode, here with a write transaction holding it.
    let zotero = Connection::open(lib.db()).expect("open");
    zotero
        .execute_batch(
            "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;
             UPDATE items SET synced = 1 WHERE itemID = 1; COMMIT; BEGIN EXCLUSIVE;",
        )
        .expect("lock");
    let plain = Connection::open_with_flags(lib.db(), OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open read-only");
    plain
        .busy_timeout(std::time::Duration::ZERO)
        .expect("no waiting");
    let blocked = plain.query_row("SELECT count(*) FROM items", [], |r| r.get::<_, i64>(0));
    assert!(blocked.is_err(), "an ordinary reader is locked out");

    let journal = PathBuf::from(format!("{}-journal", lib.db().display()));
    assert!(
        journal.exists(),
        "exclusive mode keeps the journal between writes"
    );

    let library = read(&lib);
    assert_eq!(
        library.read_from,
        ReadMode::Immutable,
        "a kept, idle journal is no write"
    );
    assert_eq!(library.items.len(), 5);
    zotero.execute_batch("ROLLBACK").expect("unlock");
}

/// A new journal article, added through `conn`.
fn add_item(conn: &Connection, id: i64, key: &str, title: &str) {
    conn.execute_batch(&format!(
        "INSERT INTO items (itemID, itemTypeID, libraryID, key)
             SELECT {id}, itemTypeID, 1, '{key}' FROM itemTypes WHERE typeName = 'journalArticle';
         INSERT INTO itemDataValues (value) VALUES ('{title}');
         INSERT INTO itemData SELECT {id}, fieldID,
             (SELECT valueID FROM itemDataValues WHERE value = '{title}')
             FROM fields WHERE fieldName = 'title';"
    ))
    .expect("add item");
}

#[test]
fn rows_still_in_the_wal_are_read_from_a_copy() {
    let lib = testlib::build(0);
    let zotero = Connection::open(lib.db()).expect("open");
    let mode: String = zotero
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .expect("wal");
    assert_eq!(mode, "wal");
    zotero
        .execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA locking_mode = EXCLUSIVE;")
        .expect("pragmas");
    add_item(&zotero, 9, "N3WW4L9X", "只在WAL里的新条目");
    let wal = PathBuf::from(format!("{}-wal", lib.db().display()));
    assert!(
        std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0),
        "live WAL"
    );

    // Reading the main file alone would miss the new item.
    let uri = format!("file:{}?immutable=1", lib.db().display());
    let immutable = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .expect("immutable");
    let in_main_file: i64 = immutable
        .query_row("SELECT count(*) FROM items WHERE itemID = 9", [], |r| {
            r.get(0)
        })
        .unwrap_or(0);
    assert_eq!(in_main_file, 0, "not yet checkpointed");
    drop(immutable);

    let before = snapshot(&lib.dir());
    let library = read(&lib);
    assert_eq!(library.read_from, ReadMode::Copy);
    let added = by_key(&library, "N3WW4L9X");
    assert_eq!(added.entry.title.as_deref(), Some("只在WAL里的新条目"));
    assert_eq!(library.items.len(), 6);
    assert_eq!(
        snapshot(&lib.dir()),
        before,
        "neither the database nor its WAL changed"
    );
    drop(zotero);
}

#[test]
fn a_write_in_progress_is_rolled_back_in_the_copy() {
    let lib = testlib::build(0);
    let committed = std::fs::read(lib.db()).expect("read db");
    let zotero = Connection::open(lib.db()).expect("open");
    // A tiny cache makes SQLite write changed pages into the main file before the commit,
    // the moment a reader of the file alone would see half a transaction.
    zotero
        .execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = 1; BEGIN;")
        .expect("begin");
    add_item(&zotero, 9, "UNF1N15H", "未提交的条目");
    for i in 0..300 {
        zotero
            .execute(
                "INSERT INTO itemDataValues (value) VALUES (?1)",
                [format!("{i:04} {}", "填充".repeat(200))],
            )
            .expect("fill");
    }
    let journal = PathBuf::from(format!("{}-journal", lib.db().display()));
    assert!(
        std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0),
        "hot journal"
    );
    let during = std::fs::read(lib.db()).expect("read db");
    assert_ne!(during, committed, "uncommitted pages are in the main file");

    let library = read(&lib);
    assert_eq!(library.read_from, ReadMode::Copy);
    assert_eq!(library.items.len(), 5, "the unfinished write is not seen");
    zotero.execute_batch("ROLLBACK").expect("rollback");
}

#[test]
fn the_database_file_itself_may_be_named() {
    let lib = testlib::build(0);
    let library = read_library(&lib.db()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(library.dir, lib.dir());
    assert_eq!(library.items.len(), 5);
}

#[test]
fn directories_that_are_not_libraries() {
    let root = tempfile::tempdir().expect("temp dir");
    let missing = root.path().join("missing");
    assert_eq!(
        read_library(&missing),
        Err(ZoteroError::NotAZoteroDir {
            dir: missing.clone()
        })
    );
    assert_eq!(
        read_library(root.path()),
        Err(ZoteroError::NotAZoteroDir {
            dir: root.path().to_path_buf()
        })
    );
    std::fs::create_dir(root.path().join("storage")).expect("storage");
    assert_eq!(
        read_library(root.path()),
        Err(ZoteroError::NoDatabase {
            dir: root.path().to_path_buf()
        })
    );
    std::fs::write(root.path().join("zotero.sqlite"), b"not sqlite".repeat(100)).expect("write");
    assert!(matches!(
        read_library(root.path()),
        Err(ZoteroError::Unreadable { file, .. }) if file == root.path().join("zotero.sqlite")
    ));
}

#[test]
fn an_old_schema_is_named_not_misread() {
    let root = tempfile::tempdir().expect("temp dir");
    let conn = Connection::open(root.path().join("zotero.sqlite")).expect("create");
    conn.execute_batch(
        "CREATE TABLE version (schema TEXT PRIMARY KEY, version INT NOT NULL);
         INSERT INTO version VALUES ('userdata', 77);
         CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT, key TEXT);
         CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, creatorDataID INT);",
    )
    .expect("old schema");
    drop(conn);
    match read_library(root.path()) {
        Err(ZoteroError::SchemaNotRecognised {
            version, missing, ..
        }) => {
            assert_eq!(version, Some(77));
            assert!(
                missing.iter().any(|m| m == "creators.lastName"),
                "{missing:?}"
            );
        }
        other => panic!("expected a schema error, got {other:?}"),
    }
}

#[test]
fn an_unreadable_better_bibtex_database_is_only_a_warning() {
    let lib = testlib::build(0);
    std::fs::write(
        lib.dir().join("better-bibtex.sqlite"),
        b"garbage".repeat(300),
    )
    .expect("write");
    let library = read(&lib);
    assert_eq!(library.items.len(), 5);
    assert_eq!(library.warnings.len(), 1);
    assert!(library.warnings[0].contains("better-bibtex.sqlite"));
    let liu = by_key(&library, testlib::LIU);
    assert_eq!(liu.entry.key, None);
    let chen = by_key(&library, testlib::CHEN);
    assert_eq!(chen.entry.key.as_deref(), Some("chen2021measuring"));
}
