//! A Zotero library, read in place while Zotero may be running: its items with their
//! bibliographic facts, each item's best attachment file, and the collections it is in.
//! Nothing is ever written to the library, even when Zotero holds it locked ([`ReadMode`]).

mod attachments;
mod citekey;
mod collections;
mod error;
mod items;
mod open;
mod schema;

#[cfg(test)]
mod library_tests;
/// A Zotero data directory built for tests (feature `testing`).
#[cfg(any(test, feature = "testing"))]
pub mod testlib;

use std::path::{Path, PathBuf};

pub use attachments::Attachment;
pub use error::ZoteroError;
pub use open::ReadMode;

use super::meta::{ImportedEntry, Origin};

/// One regular item of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoteroItem {
    /// `items.itemID`: stable while the library lives, not across libraries.
    pub item_id: i64,
    /// The item key (`ABCD1234`), as Zotero's links and API name items.
    pub key: String,
    /// Zotero's item type (`journalArticle`, `bookSection` …).
    pub item_type: String,
    /// Title, creators, publication …; `entry.key` is the citation key where one is known,
    /// `entry.origin` the database (line 0: a database has no lines).
    pub entry: ImportedEntry,
    /// The file to read the text from, if the item has one.
    pub attachment: Option<Attachment>,
    /// Collection paths (`Parent/Child`) the item is filed in, sorted.
    pub collections: Vec<String>,
}

/// What was read from a Zotero data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoteroLibrary {
    pub dir: PathBuf,
    /// Regular items, in `itemID` (creation) order.
    pub items: Vec<ZoteroItem>,
    /// Every collection path, sorted: the choices of a collection filter.
    pub collections: Vec<String>,
    pub read_from: ReadMode,
    /// The `userdata` schema version, where the database records it.
    pub schema_version: Option<i64>,
    /// What could not be read without making the library unreadable (Better BibTeX's keys).
    pub warnings: Vec<String>,
}

/// Names Zotero gives files in its data directory, which tell one from any other directory.
const ZOTERO_MARKERS: &[&str] = &["storage", "zotero.sqlite.bak", "better-bibtex.sqlite"];

/// The library in `dir` (a Zotero data directory, or its `zotero.sqlite`). It is read whole
/// and closed again: the copy a locked, busy database needs lives only during this call.
pub fn read_library(dir: &Path) -> Result<ZoteroLibrary, ZoteroError> {
    let dir = if dir.is_file() {
        dir.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        dir.to_path_buf()
    };
    let db_path = dir.join("zotero.sqlite");
    if !db_path.is_file() {
        let looks_like_zotero = dir.is_dir() && ZOTERO_MARKERS.iter().any(|m| dir.join(m).exists());
        return Err(if looks_like_zotero {
            ZoteroError::NoDatabase { dir }
        } else {
            ZoteroError::NotAZoteroDir { dir }
        });
    }
    let db = open::open(&db_path)?;
    let failed = |e: rusqlite::Error| ZoteroError::Unreadable {
        file: db_path.clone(),
        reason: e.to_string(),
    };
    let schema =
        schema::check(&db.conn).map_err(|(version, missing)| ZoteroError::SchemaNotRecognised {
            file: db_path.clone(),
            version,
            missing,
        })?;
    let raw_items = items::read(&db.conn, &schema).map_err(failed)?;
    let mut best = attachments::best(&db.conn, &dir).map_err(failed)?;
    let mut filed = collections::read(&db.conn, &schema).map_err(failed)?;
    let read_from = db.mode;
    drop(db);

    let mut warnings = Vec::new();
    let keys = citekey::better_bibtex(&dir).unwrap_or_else(|why| {
        warnings.push(format!("Better BibTeX citation keys not read: {why}"));
        Default::default()
    });
    let items = raw_items
        .iter()
        .map(|raw| ZoteroItem {
            item_id: raw.item_id,
            key: raw.key.clone(),
            item_type: raw.item_type.clone(),
            entry: ImportedEntry {
                key: citekey::key_for(raw, &keys),
                origin: Origin {
                    file: db_path.clone(),
                    line: 0,
                    record: Some(raw.key.clone()),
                },
                ..items::facts(raw)
            },
            attachment: best.remove(&raw.item_id),
            collections: filed.per_item.remove(&raw.item_id).unwrap_or_default(),
        })
        .collect();
    Ok(ZoteroLibrary {
        dir,
        items,
        collections: filed.all,
        read_from,
        schema_version: schema.version,
        warnings,
    })
}
