//! What the database's schema has, checked before anything is read, so an old or foreign
//! database gets one clear message instead of a failing query.
//!
//! Field and item-type names are joined by name, never by id: ids differ between schema
//! versions. Zotero 5 and later keep the global schema's rows in `fields`/`itemTypes` and the
//! same plus custom ones in `fieldsCombined`/`itemTypesCombined`; either may be what a given
//! database fills, so both are read.

use rusqlite::Connection;

/// Columns lunwen reads, table by table; a database missing any is not one it knows.
const REQUIRED: &[(&str, &[&str])] = &[
    ("items", &["itemID", "itemTypeID", "key"]),
    ("itemData", &["itemID", "fieldID", "valueID"]),
    ("itemDataValues", &["valueID", "value"]),
    (
        "creators",
        &["creatorID", "firstName", "lastName", "fieldMode"],
    ),
    (
        "itemCreators",
        &["itemID", "creatorID", "creatorTypeID", "orderIndex"],
    ),
    ("creatorTypes", &["creatorTypeID", "creatorType"]),
    ("deletedItems", &["itemID"]),
    (
        "itemAttachments",
        &["itemID", "parentItemID", "contentType", "path", "linkMode"],
    ),
    (
        "collections",
        &["collectionID", "collectionName", "parentCollectionID"],
    ),
    ("collectionItems", &["collectionID", "itemID"]),
];

/// The parts of the schema that vary between Zotero versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Schema {
    /// `userdata` schema version from the `version` table, where it has one.
    pub version: Option<i64>,
    /// A subquery giving `(fieldID, fieldName)` for every field the database names.
    pub fields: String,
    /// A subquery giving `(itemTypeID, typeName)`.
    pub item_types: String,
    /// Items of RSS feeds (Zotero 5+); they are not the user's library.
    pub has_feed_items: bool,
    /// Collections in the trash (Zotero 7).
    pub has_deleted_collections: bool,
    /// The primary creator type of each item type (an artwork's artist, a film's director).
    pub has_item_type_creator_types: bool,
}

/// The schema of `conn`, or what it lacks.
pub(super) fn check(conn: &Connection) -> Result<Schema, (Option<i64>, Vec<String>)> {
    let version = conn
        .query_row(
            "SELECT version FROM version WHERE schema = 'userdata'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .ok();
    let columns = |table: &str| -> Vec<String> {
        conn.prepare("SELECT name FROM pragma_table_info(?1)")
            .and_then(|mut s| {
                s.query_map([table], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap_or_default()
    };
    let has_table = |table: &str| !columns(table).is_empty();

    let mut missing = Vec::new();
    for (table, wanted) in REQUIRED {
        let have = columns(table);
        if have.is_empty() {
            missing.push(format!("table {table}"));
            continue;
        }
        missing.extend(
            wanted
                .iter()
                .filter(|c| !have.iter().any(|h| h == *c))
                .map(|c| format!("{table}.{c}")),
        );
    }
    let fields = union_of(
        &[
            ("fields", "fieldID, fieldName"),
            ("fieldsCombined", "fieldID, fieldName"),
        ],
        &has_table,
    );
    let item_types = union_of(
        &[
            ("itemTypes", "itemTypeID, typeName"),
            ("itemTypesCombined", "itemTypeID, typeName"),
        ],
        &has_table,
    );
    if fields.is_none() {
        missing.push("table fields".into());
    }
    if item_types.is_none() {
        missing.push("table itemTypes".into());
    }
    match (fields, item_types) {
        (Some(fields), Some(item_types)) if missing.is_empty() => Ok(Schema {
            version,
            fields,
            item_types,
            has_feed_items: has_table("feedItems"),
            has_deleted_collections: has_table("deletedCollections"),
            has_item_type_creator_types: has_table("itemTypeCreatorTypes"),
        }),
        _ => Err((version, missing)),
    }
}

/// `(SELECT cols FROM a UNION SELECT cols FROM b)` over the tables that exist; `None` when
/// none does.
fn union_of(tables: &[(&str, &str)], has_table: &dyn Fn(&str) -> bool) -> Option<String> {
    let selects: Vec<String> = tables
        .iter()
        .filter(|(t, _)| has_table(t))
        .map(|(t, cols)| format!("SELECT {cols} FROM {t}"))
        .collect();
    (!selects.is_empty()).then(|| format!("({})", selects.join(" UNION ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(sql: &str) -> Connection {
        let conn = Connection::open_in_memory().expect("memory db");
        conn.execute_batch(sql).expect("schema");
        conn
    }

    #[test]
    fn zotero_7_schema_is_known() {
        let conn = db(include_str!("testdata/userdata.sql"));
        conn.execute("INSERT INTO version VALUES ('userdata', 123)", [])
            .expect("version");
        let s = check(&conn).expect("known");
        assert_eq!(s.version, Some(123));
        assert!(s.fields.contains("fieldsCombined") && s.fields.contains("FROM fields "));
        assert!(s.has_feed_items && s.has_deleted_collections && s.has_item_type_creator_types);
    }

    #[test]
    fn without_combined_tables_the_plain_ones_serve() {
        let conn = db(include_str!("testdata/userdata.sql"));
        conn.execute_batch(
            "DROP TABLE fieldsCombined; DROP TABLE itemTypesCombined; DROP TABLE feedItems;
             DROP TABLE deletedCollections; DROP TABLE itemTypeCreatorTypes;",
        )
        .expect("drop");
        let s = check(&conn).expect("known");
        assert_eq!(s.fields, "(SELECT fieldID, fieldName FROM fields)");
        assert!(!s.has_feed_items && !s.has_deleted_collections);
    }

    #[test]
    fn zotero_4_schema_is_refused_with_what_it_lacks() {
        // Zotero 4 kept names in creatorData and attachments' parent in sourceItemID.
        let conn = db(
            "CREATE TABLE version (schema TEXT PRIMARY KEY, version INT NOT NULL);
             INSERT INTO version VALUES ('userdata', 77);
             CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT, key TEXT);
             CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, creatorDataID INT);
             CREATE TABLE itemAttachments (itemID INTEGER PRIMARY KEY, sourceItemID INT,
                 linkMode INT, mimeType TEXT, path TEXT);",
        );
        let (version, missing) = check(&conn).expect_err("refused");
        assert_eq!(version, Some(77));
        for m in [
            "creators.lastName",
            "itemAttachments.parentItemID",
            "itemAttachments.contentType",
            "table itemData",
            "table fields",
        ] {
            assert!(missing.iter().any(|x| x == m), "{m} in {missing:?}");
        }
    }
}
