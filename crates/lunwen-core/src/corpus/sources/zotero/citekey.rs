//! Citation keys: the ones the user's `.bib` files already use, so a quotation's BibTeX entry
//! cites with the same key. Better BibTeX keeps them in `better-bibtex.sqlite` beside the
//! library (in a `citationkey` table; versions before 6 in a JSON blob), newer Zotero in a
//! `citationKey` field, and pinned keys also sit in Extra as `Citation Key: …`.

use std::collections::HashMap;
use std::path::Path;

use super::items::{RawItem, extra_value};
use super::open;
use crate::corpus::sources::meta::clean;

/// Better BibTeX's keys by `itemID`: empty when the plugin is not installed. An unreadable
/// database gives an error message, for a warning: keys are a convenience, not a reason to
/// refuse the library.
pub(super) fn better_bibtex(dir: &Path) -> Result<HashMap<i64, String>, String> {
    let path = dir.join("better-bibtex.sqlite");
    if !path.is_file() {
        return Ok(HashMap::new());
    }
    let db = open::open(&path).map_err(|e| e.to_string())?;
    let conn = &db.conn;
    let table_exists = |name: &str| {
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get::<_, i64>(0),
        )
        .is_ok_and(|n| n > 0)
    };
    let read_failed = |e: rusqlite::Error| format!("cannot read {}: {e}", path.display());
    if table_exists("citationkey") {
        let mut stmt = conn
            .prepare("SELECT itemID, citationKey FROM citationkey")
            .map_err(read_failed)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .map_err(read_failed)?;
        let mut keys = HashMap::new();
        for row in rows {
            let (id, key) = row.map_err(read_failed)?;
            if let Some(key) = key.as_deref().and_then(clean::text) {
                keys.insert(id, key);
            }
        }
        return Ok(keys);
    }
    if table_exists("better-bibtex") {
        let blob: Option<String> = conn
            .query_row(
                "SELECT data FROM \"better-bibtex\" WHERE name = 'better-bibtex.citekey'",
                [],
                |r| r.get(0),
            )
            .ok();
        return Ok(blob.map(|b| legacy_keys(&b)).unwrap_or_default());
    }
    Ok(HashMap::new())
}

/// Keys from the JSON Better BibTeX 5 stored: `{"data": [{"itemID": 1, "citekey": "…"}]}`.
fn legacy_keys(json: &str) -> HashMap<i64, String> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
        return HashMap::new();
    };
    value
        .get("data")
        .and_then(serde_json::Value::as_array)
        .map(|rows| {
            rows.iter()
                .filter_map(|row| {
                    let id = row.get("itemID")?.as_i64()?;
                    let key = row.get("citekey")?.as_str().and_then(clean::text)?;
                    Some((id, key))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The item's citation key: Better BibTeX's, else Zotero's own `citationKey` field, else a
/// `Citation Key:` (or older `bibtex:`) line in Extra.
pub(super) fn key_for(item: &RawItem, better_bibtex: &HashMap<i64, String>) -> Option<String> {
    better_bibtex.get(&item.item_id).cloned().or_else(|| {
        item.fields
            .get("citationKey")
            .and_then(|k| clean::text(k))
            .or_else(|| {
                let extra = item.fields.get("extra")?;
                extra_value(extra, &["citation key", "bibtex"]).and_then(clean::text)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_json() {
        let keys = legacy_keys(
            r#"{"name": "better-bibtex.citekey", "data": [
                {"itemID": 3, "citekey": "wang2024shuzi", "pinned": false},
                {"itemID": "x"}, {"itemID": 4, "citekey": ""}]}"#,
        );
        assert_eq!(keys.len(), 1);
        assert_eq!(keys.get(&3).map(String::as_str), Some("wang2024shuzi"));
        assert!(legacy_keys("not json").is_empty());
    }

    #[test]
    fn precedence() {
        let mut item = RawItem {
            item_id: 7,
            ..RawItem::default()
        };
        item.fields
            .insert("extra".into(), "Citation Key: fromExtra".into());
        assert_eq!(
            key_for(&item, &HashMap::new()).as_deref(),
            Some("fromExtra")
        );
        item.fields.insert("citationKey".into(), "native".into());
        assert_eq!(key_for(&item, &HashMap::new()).as_deref(), Some("native"));
        let bbt = HashMap::from([(7, "bbt".to_string())]);
        assert_eq!(key_for(&item, &bbt).as_deref(), Some("bbt"));
        item.fields.clear();
        item.fields
            .insert("extra".into(), "bibtex: old_style".into());
        assert_eq!(
            key_for(&item, &HashMap::new()).as_deref(),
            Some("old_style")
        );
    }

    #[test]
    fn no_plugin_no_keys() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(better_bibtex(dir.path()), Ok(HashMap::new()));
        std::fs::write(
            dir.path().join("better-bibtex.sqlite"),
            b"garbage".repeat(200),
        )
        .expect("write");
        let err = better_bibtex(dir.path()).expect_err("unreadable");
        assert!(err.contains("better-bibtex.sqlite"), "{err}");
    }
}
