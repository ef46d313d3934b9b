//! The library's regular items — not attachments, notes or annotations, not in the trash, not
//! from feeds — with their fields and creators, turned into [`ImportedEntry`] facts.

use std::collections::HashMap;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::schema::Schema;
use crate::corpus::sources::meta::{EntryKind, ImportedEntry, clean, names};

/// Item types that are parts of other items, never works of their own.
const CHILD_TYPES: &[&str] = &["attachment", "note", "annotation"];

/// Fields read, by Zotero's field names. The publication is whichever of the type-specific
/// container fields the item type has.
const TITLE: &[&str] = &["title", "caseName", "nameOfAct", "subject"];
const PUBLICATION: &[&str] = &[
    "publicationTitle",
    "proceedingsTitle",
    "bookTitle",
    "websiteTitle",
    "blogTitle",
    "forumTitle",
    "encyclopediaTitle",
    "dictionaryTitle",
];
const OTHER_FIELDS: &[&str] = &[
    "date",
    "volume",
    "issue",
    "pages",
    "DOI",
    "url",
    "language",
    "extra",
    "citationKey",
];

/// One regular item as stored: its field values by name and its creators in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct RawItem {
    pub item_id: i64,
    pub key: String,
    pub item_type: String,
    pub fields: HashMap<String, String>,
    /// `(creatorType, name)` in `orderIndex` order.
    pub creators: Vec<(String, String)>,
    /// The item type's primary creator type, when the schema says.
    pub primary_creator: Option<String>,
}

/// Every regular item, in `itemID` order.
pub(super) fn read(conn: &Connection, schema: &Schema) -> rusqlite::Result<Vec<RawItem>> {
    let feed_filter = if schema.has_feed_items {
        "AND i.itemID NOT IN (SELECT itemID FROM feedItems)"
    } else {
        ""
    };
    let primary = if schema.has_item_type_creator_types {
        "(SELECT ct.creatorType FROM itemTypeCreatorTypes itc
          JOIN creatorTypes ct ON ct.creatorTypeID = itc.creatorTypeID
          WHERE itc.itemTypeID = i.itemTypeID AND itc.primaryField = 1 LIMIT 1)"
    } else {
        "NULL"
    };
    let placeholders = vec!["?"; CHILD_TYPES.len()].join(", ");
    let sql = format!(
        "SELECT i.itemID, i.key, t.typeName, {primary}
         FROM items i JOIN {types} t ON t.itemTypeID = i.itemTypeID
         WHERE t.typeName NOT IN ({placeholders})
           AND i.itemID NOT IN (SELECT itemID FROM deletedItems) {feed_filter}
         ORDER BY i.itemID",
        types = schema.item_types,
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut items: Vec<RawItem> = stmt
        .query_map(rusqlite::params_from_iter(CHILD_TYPES), |r| {
            Ok(RawItem {
                item_id: r.get(0)?,
                key: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                item_type: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                primary_creator: r.get(3)?,
                ..RawItem::default()
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.item_id, i))
        .collect();

    let wanted: Vec<&str> = TITLE
        .iter()
        .chain(PUBLICATION)
        .chain(OTHER_FIELDS)
        .copied()
        .collect();
    let sql = format!(
        "SELECT d.itemID, f.fieldName, v.value
         FROM itemData d
         JOIN itemDataValues v ON v.valueID = d.valueID
         JOIN {fields} f ON f.fieldID = d.fieldID
         WHERE f.fieldName IN ({})",
        vec!["?"; wanted.len()].join(", "),
        fields = schema.fields,
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&wanted))?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let (Some(name), Some(value)) = (r.get::<_, Option<String>>(1)?, text(r.get_ref(2)?))
        else {
            continue;
        };
        items[i].fields.entry(name).or_insert(value);
    }

    let mut stmt = conn.prepare(
        "SELECT ic.itemID, ct.creatorType, c.firstName, c.lastName, c.fieldMode
         FROM itemCreators ic
         JOIN creators c ON c.creatorID = ic.creatorID
         JOIN creatorTypes ct ON ct.creatorTypeID = ic.creatorTypeID
         ORDER BY ic.itemID, ic.orderIndex",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let creator_type: String = r.get::<_, Option<String>>(1)?.unwrap_or_default();
        let first = r.get_ref(2).ok().and_then(text).unwrap_or_default();
        let last = r.get_ref(3).ok().and_then(text).unwrap_or_default();
        let single_field = r.get::<_, Option<i64>>(4)?.unwrap_or(0) == 1;
        if let Some(name) = creator_name(&first, &last, single_field) {
            items[i].creators.push((creator_type, name));
        }
    }
    Ok(items)
}

/// A stored value as text: `itemDataValues.value` has no type, and Zotero stores numbers it
/// was given as numbers (a volume `12` is an integer there).
fn text(v: ValueRef<'_>) -> Option<String> {
    match v {
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
        ValueRef::Null | ValueRef::Blob(_) => None,
    }
}

/// A creator's name. `fieldMode = 1` is Zotero's single-field mode, how Chinese names and
/// institutions are usually stored: the whole name is in `lastName`.
fn creator_name(first: &str, last: &str, single_field: bool) -> Option<String> {
    if single_field {
        names::name(last)
    } else {
        names::from_parts(last, first)
    }
}

/// The item's facts. Authors are its `author` creators in order; an item with none (an
/// edited book, a film) is credited to its type's primary creators, else its editors.
pub(super) fn facts(item: &RawItem) -> ImportedEntry {
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| item.fields.get(*n).filter(|v| !v.trim().is_empty()))
            .map(String::as_str)
    };
    let by_type = |t: &str| -> Vec<&str> {
        item.creators
            .iter()
            .filter(|(ct, _)| ct == t)
            .map(|(_, n)| n.as_str())
            .collect()
    };
    let mut authors = by_type("author");
    if authors.is_empty()
        && let Some(primary) = &item.primary_creator
    {
        authors = by_type(primary);
    }
    if authors.is_empty() {
        authors = by_type("editor");
    }
    let extra = field(&["extra"]).unwrap_or_default();
    ImportedEntry {
        kind: kind(&item.item_type),
        title: field(TITLE).and_then(clean::text),
        authors: names::authors(authors),
        journal: field(PUBLICATION).and_then(clean::text),
        year: field(&["date"]).and_then(clean::year),
        volume: field(&["volume"]).and_then(clean::number),
        issue: field(&["issue"]).and_then(clean::number),
        pages: field(&["pages"]).and_then(clean::pages),
        // Item types without a DOI field (book sections before Zotero 7) keep it in Extra.
        doi: field(&["DOI"])
            .and_then(clean::doi)
            .or_else(|| extra_value(extra, &["doi"]).and_then(clean::doi)),
        url: field(&["url"]).and_then(clean::url),
        language: field(&["language"]).and_then(clean::language),
        ..ImportedEntry::default()
    }
}

/// The value of the first `Name: value` line of Extra whose name is one of `names` (compared
/// without case). Zotero and Better BibTeX keep fields the item type lacks there.
pub(super) fn extra_value<'a>(extra: &'a str, names: &[&str]) -> Option<&'a str> {
    extra.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        let name = name.trim().to_ascii_lowercase();
        (names.contains(&name.as_str()) && !value.trim().is_empty()).then(|| value.trim())
    })
}

/// The kind of work a Zotero item type is.
fn kind(item_type: &str) -> EntryKind {
    match item_type {
        "journalArticle" | "magazineArticle" | "preprint" => EntryKind::JournalArticle,
        "book" => EntryKind::Book,
        "bookSection" | "encyclopediaArticle" | "dictionaryEntry" => EntryKind::BookSection,
        "conferencePaper" => EntryKind::ConferencePaper,
        "thesis" => EntryKind::Thesis,
        "report" => EntryKind::Report,
        "newspaperArticle" => EntryKind::NewspaperArticle,
        "webpage" | "blogPost" | "forumPost" => EntryKind::Webpage,
        "patent" => EntryKind::Patent,
        "standard" => EntryKind::Standard,
        other => EntryKind::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(fields: &[(&str, &str)], creators: &[(&str, &str)]) -> RawItem {
        RawItem {
            item_id: 1,
            key: "ABCD1234".into(),
            item_type: "journalArticle".into(),
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            creators: creators
                .iter()
                .map(|(t, n)| (t.to_string(), n.to_string()))
                .collect(),
            primary_creator: Some("author".into()),
        }
    }

    #[test]
    fn names_by_field_mode() {
        assert_eq!(creator_name("", "刘博", true).as_deref(), Some("刘博"));
        assert_eq!(creator_name("伟", "王", false).as_deref(), Some("王伟"));
        assert_eq!(
            creator_name("Li", "Chen", false).as_deref(),
            Some("Chen, Li")
        );
        assert_eq!(
            creator_name("", "World Health Organization", true).as_deref(),
            Some("World Health Organization")
        );
        assert_eq!(creator_name("", "", false), None);
    }

    #[test]
    fn facts_from_fields() {
        let e = facts(&item(
            &[
                ("title", "以新质生产力发展赋能高质量共建“一带一路”研究"),
                ("publicationTitle", "中州学刊"),
                ("date", "2025-06-00 2025年6月"),
                ("issue", "06"),
                ("pages", "34—41"),
                ("language", "zh-CN"),
            ],
            &[
                ("author", "刘博"),
                ("editor", "某编辑"),
                ("author", "蔡文成"),
            ],
        ));
        assert_eq!(e.authors, ["刘博", "蔡文成"], "editors are not authors");
        assert_eq!(e.journal.as_deref(), Some("中州学刊"));
        assert_eq!(e.year, Some(2025));
        assert_eq!(e.issue.as_deref(), Some("6"));
        assert_eq!(e.pages.as_deref(), Some("34-41"));
        assert_eq!(e.language.as_deref(), Some("zh-CN"));
    }

    #[test]
    fn publication_falls_back_to_proceedings_and_books() {
        let e = facts(&item(&[("proceedingsTitle", "Proceedings of ACL")], &[]));
        assert_eq!(e.journal.as_deref(), Some("Proceedings of ACL"));
        let e = facts(&item(
            &[("bookTitle", "Handbook"), ("websiteTitle", "Site")],
            &[],
        ));
        assert_eq!(e.journal.as_deref(), Some("Handbook"));
    }

    #[test]
    fn without_authors_the_primary_creators_then_editors() {
        let mut i = item(&[("title", "Film")], &[("director", "Zhang Yimou")]);
        i.item_type = "film".into();
        i.primary_creator = Some("director".into());
        assert_eq!(facts(&i).authors, ["Zhang Yimou"]);
        let i = item(&[("title", "Edited")], &[("editor", "Huang, James")]);
        assert_eq!(facts(&i).authors, ["Huang, James"]);
    }

    #[test]
    fn doi_from_extra() {
        let e = facts(&item(
            &[("extra", "Citation Key: x\nDOI: 10.5555/hcl.2014.ch1")],
            &[],
        ));
        assert_eq!(e.doi.as_deref(), Some("10.5555/hcl.2014.ch1"));
        assert_eq!(
            extra_value("a: 1\ncitation key:  k2 \n", &["citation key"]),
            Some("k2")
        );
        assert_eq!(extra_value("no colon here", &["doi"]), None);
    }
}
