//! Collections as paths (`新质生产力/一带一路`), for filtering the paper list the way the
//! user organised the library.

use std::collections::HashMap;

use rusqlite::Connection;

use super::schema::Schema;
use crate::corpus::sources::meta::clean;

/// Deepest nesting followed: a cycle in `parentCollectionID` (a damaged database) must not
/// loop forever.
const MAX_DEPTH: usize = 64;

/// The library's collection paths. Collections in the trash, and their subcollections, are
/// left out.
pub(super) struct Collections {
    /// Every path, sorted.
    pub all: Vec<String>,
    /// Each item's paths, sorted, by `itemID`.
    pub per_item: HashMap<i64, Vec<String>>,
}

/// The collections of the library `conn` reads.
pub(super) fn read(conn: &Connection, schema: &Schema) -> rusqlite::Result<Collections> {
    let mut stmt =
        conn.prepare("SELECT collectionID, collectionName, parentCollectionID FROM collections")?;
    let rows: Vec<(i64, String, Option<i64>)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                r.get(2)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let trashed: Vec<i64> = if schema.has_deleted_collections {
        let mut stmt = conn.prepare("SELECT collectionID FROM deletedCollections")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        Vec::new()
    };
    let by_id: HashMap<i64, (String, Option<i64>)> = rows
        .into_iter()
        .map(|(id, name, parent)| (id, (name, parent)))
        .collect();
    let paths: HashMap<i64, String> = by_id
        .keys()
        .filter_map(|&id| path(id, &by_id, &trashed).map(|p| (id, p)))
        .collect();

    let mut all: Vec<String> = paths.values().cloned().collect();
    all.sort();
    all.dedup();

    let mut per_item: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare("SELECT collectionID, itemID FROM collectionItems")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(p) = paths.get(&r.get::<_, i64>(0)?) {
            per_item.entry(r.get(1)?).or_default().push(p.clone());
        }
    }
    for list in per_item.values_mut() {
        list.sort();
        list.dedup();
    }
    Ok(Collections { all, per_item })
}

/// `Parent/Child` for collection `id`; `None` when it or an ancestor is in the trash, an
/// ancestor is missing, or the chain does not end.
fn path(id: i64, by_id: &HashMap<i64, (String, Option<i64>)>, trashed: &[i64]) -> Option<String> {
    let mut names = Vec::new();
    let mut next = Some(id);
    while let Some(current) = next {
        if names.len() >= MAX_DEPTH || trashed.contains(&current) {
            return None;
        }
        let (name, parent) = by_id.get(&current)?;
        names.push(clean::text(name).unwrap_or_else(|| "(unnamed)".to_string()));
        next = *parent;
    }
    names.reverse();
    Some(names.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collections(rows: &[(i64, &str, Option<i64>)]) -> HashMap<i64, (String, Option<i64>)> {
        rows.iter()
            .map(|&(id, name, parent)| (id, (name.to_string(), parent)))
            .collect()
    }

    #[test]
    fn nested_paths() {
        let c = collections(&[
            (1, "新质生产力", None),
            (2, "一带一路", Some(1)),
            (3, "  ", Some(2)),
        ]);
        assert_eq!(path(2, &c, &[]).as_deref(), Some("新质生产力/一带一路"));
        assert_eq!(
            path(3, &c, &[]).as_deref(),
            Some("新质生产力/一带一路/(unnamed)")
        );
        assert_eq!(path(2, &c, &[1]), None, "parent in the trash");
    }

    #[test]
    fn cycles_and_orphans_end() {
        let c = collections(&[(1, "a", Some(2)), (2, "b", Some(1)), (3, "c", Some(99))]);
        assert_eq!(path(1, &c, &[]), None);
        assert_eq!(path(3, &c, &[]), None);
    }
}
