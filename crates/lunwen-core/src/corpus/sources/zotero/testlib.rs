//! A Zotero data directory for tests, in a temporary directory, built from Zotero's own table
//! definitions (`testdata/userdata.sql`): six items the way Zotero stores them, Chinese and
//! English, one in the trash, plus the attachments, notes, collections and Better BibTeX keys
//! around them. Never anything near a real `~/Zotero`.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ToSql, params};
use tempfile::TempDir;

/// The item types, creator types and fields the library uses, by Zotero's names. Their ids
/// are this file's own, shifted by the builder's offset: the reader must join by name.
const ITEM_TYPES: &[&str] = &[
    "journalArticle",
    "bookSection",
    "conferencePaper",
    "attachment",
    "note",
    "annotation",
];
const CREATOR_TYPES: &[&str] = &["author", "editor", "contributor"];
const FIELDS: &[&str] = &[
    "title",
    "abstractNote",
    "publicationTitle",
    "proceedingsTitle",
    "bookTitle",
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

/// Item keys, as Zotero spells them (eight characters of its alphabet).
pub const LIU: &str = "Q7KZ3M2A";
pub const CHEN: &str = "C3N8WQ5R";
pub const WANG: &str = "W9B4ZK7E";
pub const MUELLER: &str = "P4GV8N3K";
pub const DUANMU: &str = "D2XJ7R4N";
pub const TRASHED: &str = "T7MZ4Q6P";
/// Attachment keys: their folders under `storage/`.
pub const LIU_PDF: &str = "8VJ4PD2X";
pub const CHEN_PDF: &str = "M2T6HX9B";
pub const WANG_SCAN: &str = "S5YD3L8Q";
pub const WANG_SNAPSHOT: &str = "H6RF2C9T";
pub const MUELLER_LINKED: &str = "L8KC5W2M";

/// A PDF with pages but no text layer: what a scan looks like to a text extractor.
pub const SCAN_PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n\
trailer << /Root 1 0 R >>\n%%EOF\n";

/// Zotero's extracted text of the first item: what Zotero writes to `.zotero-ft-cache`, one
/// stream of lines with no page breaks.
pub const LIU_FULL_TEXT: &str = "以新质生产力发展赋能高质量共建“一带一路”研究\n刘博 蔡文成\n\n\
一、引言\n\n发展新质生产力是推动高质量发展的内在要求和重要着力点。\n共建“一带一路”为新质生产力提供了广阔的实践空间。\n\n\
二、结语\n\n以新质生产力赋能共建“一带一路”，需要在创新合作中持续推进。\n";

/// The sentence on the second page of the English item's PDF, for tests that quote it.
pub const CHEN_PAGE_TWO: &str = "Quotation counts rise with the length of the review.";

/// The English item's PDF: three pages with a text layer, so `pdftotext` gives its pages.
pub fn chen_pdf() -> Vec<u8> {
    use crate::testing::pdf::{PdfPage, pdf_bytes};
    pdf_bytes(&[
        PdfPage::lines(&[
            "Measuring Quotation Practices in Chinese Social Science Journals",
            "",
            "Li Chen, Fang Wang, John A. Smith",
            "",
            "1 Introduction",
            "",
            "Journals differ in how often their articles quote earlier work.",
        ]),
        PdfPage::lines(&["2 Results", "", CHEN_PAGE_TWO]),
        PdfPage::lines(&[
            "3 Conclusion",
            "",
            "Quotation practice is a habit of the field.",
        ]),
    ])
}

/// A built library: `root` holds `Zotero/` (the data directory) and `elsewhere/` (a linked
/// file outside it).
pub struct TestLibrary {
    pub root: TempDir,
}

impl TestLibrary {
    /// The Zotero data directory.
    pub fn dir(&self) -> PathBuf {
        self.root.path().join("Zotero")
    }

    /// Its `zotero.sqlite`.
    pub fn db(&self) -> PathBuf {
        self.dir().join("zotero.sqlite")
    }
}

/// The standard test library, type and field ids counted from `id_offset`.
pub fn build(id_offset: i64) -> TestLibrary {
    let root = tempfile::tempdir().expect("temp dir");
    let lib = TestLibrary { root };
    let dir = lib.dir();
    std::fs::create_dir_all(dir.join("storage")).expect("storage dir");
    std::fs::create_dir_all(lib.root.path().join("elsewhere")).expect("elsewhere dir");
    let conn = Connection::open(lib.db()).expect("create zotero.sqlite");
    // The trimmed schema leaves out tables only foreign keys point to (fieldFormats,
    // charsets); no row here refers to them, but SQLite checks that they exist.
    conn.pragma_update(None, "foreign_keys", false)
        .expect("foreign keys off");
    conn.execute_batch(include_str!("testdata/userdata.sql"))
        .expect("Zotero's schema");
    conn.execute_batch("BEGIN").expect("begin");
    Builder {
        conn: &conn,
        offset: id_offset,
        dir: &dir,
    }
    .fill(lib.root.path());
    conn.execute_batch("COMMIT").expect("commit");
    drop(conn);
    better_bibtex(&dir);
    lib
}

struct Builder<'a> {
    conn: &'a Connection,
    offset: i64,
    dir: &'a Path,
}

impl Builder<'_> {
    fn exec(&self, sql: &str, params: &[&dyn ToSql]) {
        self.conn
            .execute(sql, params)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    fn id(&self, list: &[&str], name: &str) -> i64 {
        let i = list
            .iter()
            .position(|n| *n == name)
            .unwrap_or_else(|| panic!("no {name}"));
        self.offset + 1 + i as i64
    }

    fn fill(&self, root: &Path) {
        self.exec("INSERT INTO version VALUES ('userdata', 123)", &[]);
        self.exec(
            "INSERT INTO libraries (libraryID, type, editable, filesEditable) VALUES (1, 'user', 1, 1), (2, 'feed', 0, 0)",
            &[],
        );
        for (i, name) in ITEM_TYPES.iter().enumerate() {
            let id = self.offset + 1 + i as i64;
            self.exec(
                "INSERT INTO itemTypes (itemTypeID, typeName, display) VALUES (?1, ?2, 1)",
                params![id, name],
            );
            self.exec(
                "INSERT INTO itemTypesCombined VALUES (?1, ?2, 1, 0)",
                params![id, name],
            );
        }
        for (i, name) in CREATOR_TYPES.iter().enumerate() {
            self.exec(
                "INSERT INTO creatorTypes VALUES (?1, ?2)",
                params![self.offset + 1 + i as i64, name],
            );
        }
        for t in ["journalArticle", "bookSection", "conferencePaper"] {
            self.exec(
                "INSERT INTO itemTypeCreatorTypes VALUES (?1, ?2, 1)",
                params![self.id(ITEM_TYPES, t), self.id(CREATOR_TYPES, "author")],
            );
        }
        for (i, name) in FIELDS.iter().enumerate() {
            let id = self.offset + 1 + i as i64;
            self.exec(
                "INSERT INTO fields VALUES (?1, ?2, NULL)",
                params![id, name],
            );
            self.exec(
                "INSERT INTO fieldsCombined VALUES (?1, ?2, NULL, NULL, 0)",
                params![id, name],
            );
        }
        self.items(root);
        self.collections();
    }

    fn item(&self, id: i64, item_type: &str, key: &str, library: i64) {
        self.exec(
            "INSERT INTO items (itemID, itemTypeID, libraryID, key) VALUES (?1, ?2, ?3, ?4)",
            params![id, self.id(ITEM_TYPES, item_type), library, key],
        );
    }

    /// A field value, stored the way Zotero stores it: one row per distinct value.
    fn field(&self, item: i64, name: &str, value: &dyn ToSql) {
        self.exec(
            "INSERT OR IGNORE INTO itemDataValues (value) VALUES (?1)",
            &[value],
        );
        let value_id: i64 = self
            .conn
            .query_row(
                "SELECT valueID FROM itemDataValues WHERE value = ?1",
                [value],
                |r| r.get(0),
            )
            .expect("value id");
        self.exec(
            "INSERT INTO itemData VALUES (?1, ?2, ?3)",
            params![item, self.id(FIELDS, name), value_id],
        );
    }

    /// A creator at `order`; `first = None` is Zotero's single-field mode.
    fn creator(&self, item: i64, order: i64, kind: &str, last: &str, first: Option<&str>) {
        let mode = if first.is_some() { 0 } else { 1 };
        let first = first.unwrap_or("");
        self.exec(
            "INSERT OR IGNORE INTO creators (firstName, lastName, fieldMode) VALUES (?1, ?2, ?3)",
            params![first, last, mode],
        );
        let creator: i64 = self
            .conn
            .query_row(
                "SELECT creatorID FROM creators WHERE firstName = ?1 AND lastName = ?2 AND fieldMode = ?3",
                params![first, last, mode],
                |r| r.get(0),
            )
            .expect("creator id");
        self.exec(
            "INSERT INTO itemCreators VALUES (?1, ?2, ?3, ?4)",
            params![item, creator, self.id(CREATOR_TYPES, kind), order],
        );
    }

    /// An attachment item; `file` bytes are written where a stored file lives.
    #[allow(clippy::too_many_arguments)]
    fn attachment(
        &self,
        id: i64,
        parent: i64,
        key: &str,
        content_type: &str,
        link_mode: i64,
        path: &str,
        file: Option<&[u8]>,
        full_text: Option<&str>,
    ) {
        self.item(id, "attachment", key, 1);
        self.exec(
            "INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, parent, link_mode, content_type, path],
        );
        let folder = self.dir.join("storage").join(key);
        std::fs::create_dir_all(&folder).expect("attachment folder");
        if let (Some(bytes), Some(name)) = (file, path.strip_prefix("storage:")) {
            std::fs::write(folder.join(name), bytes).expect("attachment file");
        }
        if let Some(text) = full_text {
            std::fs::write(folder.join(".zotero-ft-cache"), text).expect("full-text cache");
        }
    }

    fn items(&self, root: &Path) {
        // 1. Chinese article, single-field names, PDF with Zotero's full text, nested collection.
        self.item(1, "journalArticle", LIU, 1);
        self.field(1, "title", &"以新质生产力发展赋能高质量共建“一带一路”研究");
        self.field(1, "publicationTitle", &"中州学刊");
        self.field(1, "date", &"2025-06-00 2025-06");
        self.field(1, "issue", &"6");
        self.field(1, "pages", &"34-41");
        self.field(1, "language", &"zh-CN");
        self.field(
            1,
            "abstractNote",
            &"发展新质生产力是推动高质量发展的内在要求和重要着力点。",
        );
        self.creator(1, 0, "author", "刘博", None);
        self.creator(1, 1, "author", "蔡文成", None);
        self.attachment(
            101,
            1,
            LIU_PDF,
            "application/pdf",
            0,
            "storage:刘博和蔡文成 - 2025 - 以新质生产力发展赋能高质量共建一带一路研究.pdf",
            Some(b"%PDF-1.5\n(text layer)\n%%EOF\n"),
            Some(LIU_FULL_TEXT),
        );

        // 2. English article, two-field names, only a PDF, key in Extra, volume stored as a number.
        self.item(2, "journalArticle", CHEN, 1);
        self.field(
            2,
            "title",
            &"Measuring Quotation Practices in Chinese Social Science Journals",
        );
        self.field(2, "publicationTitle", &"Journal of Documentation");
        self.field(2, "date", &"2021-06-15 2021-06-15");
        self.field(2, "volume", &77_i64);
        self.field(2, "issue", &"4");
        self.field(2, "pages", &"881-902");
        self.field(2, "DOI", &"10.5555/jd.2021.0158");
        self.field(2, "url", &"https://doi.org/10.5555/jd.2021.0158");
        self.field(2, "language", &"en");
        self.field(
            2,
            "extra",
            &"Citation Key: chen2021measuring\ntex.ids: chen2021",
        );
        self.creator(2, 0, "author", "Chen", Some("Li"));
        self.creator(2, 1, "author", "Wang", Some("Fang"));
        self.creator(2, 2, "author", "Smith", Some("John A."));
        self.attachment(
            102,
            2,
            CHEN_PDF,
            "application/pdf",
            0,
            "storage:Chen et al. - 2021 - Measuring Quotation Practices.pdf",
            Some(&chen_pdf()),
            None,
        );

        // 3. Chinese article, names in two fields, a scanned PDF and an HTML snapshot with text.
        self.item(3, "journalArticle", WANG, 1);
        self.field(
            3,
            "title",
            &"数字经济与区域创新——基于省级面板数据的实证研究",
        );
        self.field(3, "publicationTitle", &"经济研究");
        self.field(3, "date", &"2024-05-00 2024年5月");
        self.field(3, "volume", &"44");
        self.field(3, "issue", &"05");
        self.creator(3, 0, "author", "王", Some("伟"));
        self.creator(3, 1, "author", "李", Some("明"));
        self.attachment(
            103,
            3,
            WANG_SCAN,
            "application/pdf",
            0,
            "storage:王伟 - 2024 - 数字经济与区域创新.pdf",
            Some(SCAN_PDF),
            None,
        );
        self.attachment(
            104,
            3,
            WANG_SNAPSHOT,
            "text/html",
            1,
            "storage:snapshot.html",
            Some(b"<html><body>snapshot</body></html>"),
            Some("数字经济与区域创新 snapshot text"),
        );

        // 4. Conference paper with an editor, Zotero's own citationKey field, a linked PDF.
        self.item(4, "conferencePaper", MUELLER, 1);
        self.field(
            4,
            "title",
            &"Parsing Citations in Mixed-Script Bibliographies",
        );
        self.field(4, "proceedingsTitle", &"Proceedings of ACL");
        self.field(4, "date", &"2019-07-00 July 2019");
        self.field(4, "pages", &"112–120");
        self.field(4, "citationKey", &"mueller2019parsing");
        self.creator(4, 0, "author", "Müller", Some("Jürgen"));
        self.creator(4, 1, "editor", "Smith", Some("Jane"));
        let linked = root.join("elsewhere").join("mueller2019.pdf");
        std::fs::write(&linked, b"%PDF-1.4\n%%EOF\n").expect("linked file");
        self.attachment(
            105,
            4,
            MUELLER_LINKED,
            "application/pdf",
            2,
            &linked.to_string_lossy(),
            None,
            None,
        );

        // 5. Book section: creators stored out of order, DOI only in Extra, a note, no file.
        self.item(5, "bookSection", DUANMU, 1);
        self.field(5, "title", &"Tone Sandhi in Mandarin");
        self.field(5, "bookTitle", &"The Handbook of Chinese Linguistics");
        self.field(5, "date", &"2014-00-00 2014");
        self.field(5, "pages", &"1-30");
        self.field(5, "extra", &"DOI: 10.5555/hcl.2014.ch1");
        self.creator(5, 2, "editor", "Huang", Some("C.-T. James"));
        self.creator(5, 1, "author", "Lin", Some("Yen-Hwei"));
        self.creator(5, 0, "author", "Duanmu", Some("San"));
        self.item(106, "note", "N3TE5K8Q", 1);
        self.exec(
            "INSERT INTO itemNotes VALUES (106, 5, '<p>读书笔记</p>', '读书笔记')",
            &[],
        );

        // 6. In the trash, with its attachment: must not be read.
        self.item(6, "journalArticle", TRASHED, 1);
        self.field(6, "title", &"已删除的论文");
        self.creator(6, 0, "author", "张三", None);
        self.attachment(
            107,
            6,
            "Z9Z9Z9Z9",
            "application/pdf",
            0,
            "storage:deleted.pdf",
            Some(b"%PDF-1.4\n%%EOF\n"),
            None,
        );
        self.exec("INSERT INTO deletedItems (itemID) VALUES (6)", &[]);

        // Not an item of the user's library: an RSS feed's.
        self.item(8, "journalArticle", "F33D1TEM", 2);
        self.field(8, "title", &"A feed item");
        self.exec(
            "INSERT INTO feedItems (itemID, guid) VALUES (8, 'urn:feed:1')",
            &[],
        );
    }

    fn collections(&self) {
        let rows: &[(i64, &str, Option<i64>, &str)] = &[
            (1, "新质生产力", None, "COLL0001"),
            (2, "一带一路", Some(1), "COLL0002"),
            (3, "Methods", None, "COLL0003"),
            (4, "Old", None, "COLL0004"),
        ];
        for &(id, name, parent, key) in rows {
            self.exec(
                "INSERT INTO collections (collectionID, collectionName, parentCollectionID, libraryID, key) VALUES (?1, ?2, ?3, 1, ?4)",
                params![id, name, parent, key],
            );
        }
        self.exec(
            "INSERT INTO deletedCollections (collectionID) VALUES (4)",
            &[],
        );
        for (collection, item) in [(2, 1), (1, 3), (3, 2), (3, 4), (4, 2), (2, 6)] {
            self.exec(
                "INSERT INTO collectionItems (collectionID, itemID) VALUES (?1, ?2)",
                params![collection, item],
            );
        }
    }
}

/// `better-bibtex.sqlite` with keys for items 1 and 3, the way the plugin stores them.
fn better_bibtex(dir: &Path) {
    let conn = Connection::open(dir.join("better-bibtex.sqlite")).expect("create bbt db");
    conn.execute_batch(include_str!("testdata/better-bibtex.sql"))
        .expect("bbt schema");
    conn.execute(
        "INSERT INTO citationkey VALUES (1, ?1, 1, 'liu2025xinzhi', 0), (3, ?2, 1, 'wang2024shuzi', 1)",
        params![LIU, WANG],
    )
    .expect("bbt keys");
}
