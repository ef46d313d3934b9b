//! Each item's best file: where its PDF is and whether Zotero has already extracted the text.
//! Nothing is read from the files here; a later step extracts text from what this reports.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// An attachment file of a regular item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The attachment item's key: its folder name under `storage/`.
    pub key: String,
    pub content_type: Option<String>,
    /// Where the file is, when that can be known: `storage/<KEY>/NAME` for a stored file, the
    /// path itself for a linked one. `None` for a path relative to Zotero's "base directory"
    /// (`attachments:…`), which only Zotero's preferences name.
    pub path: Option<PathBuf>,
    /// The `path` column as Zotero stores it (`storage:paper.pdf`), for messages.
    pub stored_path: String,
    /// Whether `path` names an existing file.
    pub exists: bool,
    /// `storage/<KEY>/.zotero-ft-cache`, Zotero's extracted full text, when it exists.
    pub full_text_cache: Option<PathBuf>,
}

impl Attachment {
    /// A PDF by its content type or, when Zotero did not record one, its file name.
    pub fn is_pdf(&self) -> bool {
        self.content_type.as_deref() == Some("application/pdf")
            || self
                .stored_path
                .rsplit('.')
                .next()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("pdf"))
    }
}

/// `linkMode` of a link to a web page: no file at all.
const LINKED_URL: i64 = 3;

/// For every parent item, its best attachment: a PDF over other files, a file that exists
/// over one that does not, one with Zotero's full text over one without, then the oldest.
/// Attachments in the trash are ignored.
pub(super) fn best(conn: &Connection, dir: &Path) -> rusqlite::Result<HashMap<i64, Attachment>> {
    let mut stmt = conn.prepare(
        "SELECT a.itemID, a.parentItemID, i.key, a.contentType, a.path, a.linkMode
         FROM itemAttachments a JOIN items i ON i.itemID = a.itemID
         WHERE a.parentItemID IS NOT NULL
           AND a.itemID NOT IN (SELECT itemID FROM deletedItems)
         ORDER BY a.itemID",
    )?;
    let mut rows = stmt.query([])?;
    let mut best: HashMap<i64, (i64, Attachment)> = HashMap::new();
    while let Some(r) = rows.next()? {
        let item_id: i64 = r.get(0)?;
        let parent: i64 = r.get(1)?;
        let link_mode: Option<i64> = r.get(5)?;
        let (Some(key), Some(stored)) = (
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(4)?,
        ) else {
            continue;
        };
        if link_mode == Some(LINKED_URL) || stored.trim().is_empty() {
            continue;
        }
        let candidate = attachment(dir, key, r.get(3)?, stored);
        let better = match best.get(&parent) {
            Some((id, current)) => rank(&candidate, item_id) > rank(current, *id),
            None => true,
        };
        if better {
            best.insert(parent, (item_id, candidate));
        }
    }
    Ok(best
        .into_iter()
        .map(|(parent, (_, a))| (parent, a))
        .collect())
}

/// Ordering key for choosing among a parent's attachments; greater is better.
fn rank(a: &Attachment, item_id: i64) -> (bool, bool, bool, i64) {
    (a.is_pdf(), a.exists, a.full_text_cache.is_some(), -item_id)
}

/// An attachment as found on disk.
fn attachment(dir: &Path, key: String, content_type: Option<String>, stored: String) -> Attachment {
    let folder = dir.join("storage").join(&key);
    let path = resolve(&folder, &stored);
    let cache = folder.join(".zotero-ft-cache");
    Attachment {
        exists: path.as_deref().is_some_and(Path::is_file),
        full_text_cache: cache.is_file().then_some(cache),
        key,
        content_type: content_type.filter(|c| !c.trim().is_empty()),
        path,
        stored_path: stored,
    }
}

/// The file a stored `path` names: `storage:NAME` inside the attachment's folder, an absolute
/// path as it is. Base-relative (`attachments:…`) and other relative paths cannot be resolved
/// from the database alone.
fn resolve(folder: &Path, stored: &str) -> Option<PathBuf> {
    if let Some(name) = stored.strip_prefix("storage:") {
        // A name is one path component; anything else would leave the attachment's folder.
        let name = Path::new(name);
        let mut parts = name.components();
        return match (parts.next(), parts.next()) {
            (Some(std::path::Component::Normal(n)), None) => Some(folder.join(n)),
            _ => None,
        };
    }
    let path = Path::new(stored);
    path.is_absolute().then(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_paths_resolve_inside_the_storage_folder() {
        let folder = Path::new("/z/storage/ABCD1234");
        assert_eq!(
            resolve(folder, "storage:刘博 - 2025.pdf"),
            Some(folder.join("刘博 - 2025.pdf"))
        );
        assert_eq!(
            resolve(folder, "/home/u/papers/a.pdf"),
            Some(PathBuf::from("/home/u/papers/a.pdf"))
        );
        assert_eq!(resolve(folder, "attachments:papers/a.pdf"), None);
        assert_eq!(resolve(folder, "storage:../../etc/passwd"), None);
        assert_eq!(resolve(folder, "relative/a.pdf"), None);
    }

    #[test]
    fn pdf_by_type_or_name() {
        let mut a = Attachment {
            key: "K".into(),
            content_type: None,
            path: None,
            stored_path: "storage:paper.PDF".into(),
            exists: false,
            full_text_cache: None,
        };
        assert!(a.is_pdf());
        a.stored_path = "storage:page.html".into();
        assert!(!a.is_pdf());
        a.content_type = Some("application/pdf".into());
        assert!(a.is_pdf());
    }
}
