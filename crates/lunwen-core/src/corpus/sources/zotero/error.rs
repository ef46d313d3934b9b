//! Why a Zotero library could not be read, each case saying what the user can check.

use std::fmt;
use std::path::PathBuf;

/// A Zotero library that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoteroError {
    /// The directory does not exist, or holds nothing of Zotero's.
    NotAZoteroDir { dir: PathBuf },
    /// It is a Zotero data directory (it has `storage/` or backups) but `zotero.sqlite` is
    /// missing: a sync-only setup, or the wrong profile.
    NoDatabase { dir: PathBuf },
    /// The database exists but SQLite cannot read it (damaged, not a database, unreadable).
    Unreadable { file: PathBuf, reason: String },
    /// The database lacks tables or columns lunwen reads: a Zotero older than 5, or not a
    /// Zotero database at all.
    SchemaNotRecognised {
        file: PathBuf,
        version: Option<i64>,
        missing: Vec<String>,
    },
}

impl fmt::Display for ZoteroError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZoteroError::NotAZoteroDir { dir } => write!(
                f,
                "{} is not a Zotero data directory (it has no zotero.sqlite); \
                 Zotero shows its data directory under Settings → Advanced → Files and Folders",
                dir.display()
            ),
            ZoteroError::NoDatabase { dir } => write!(
                f,
                "{} looks like a Zotero data directory but has no zotero.sqlite",
                dir.display()
            ),
            ZoteroError::Unreadable { file, reason } => {
                write!(f, "cannot read {}: {reason}", file.display())
            }
            ZoteroError::SchemaNotRecognised {
                file,
                version,
                missing,
            } => {
                write!(
                    f,
                    "{} is not a Zotero database lunwen knows",
                    file.display()
                )?;
                if let Some(v) = version {
                    write!(f, " (schema version {v})")?;
                }
                write!(f, ": it lacks {}", missing.join(", "))
            }
        }
    }
}

impl std::error::Error for ZoteroError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_place() {
        let e = ZoteroError::Unreadable {
            file: PathBuf::from("/z/zotero.sqlite"),
            reason: "file is not a database".into(),
        };
        assert_eq!(
            e.to_string(),
            "cannot read /z/zotero.sqlite: file is not a database"
        );
        let e = ZoteroError::SchemaNotRecognised {
            file: PathBuf::from("z.sqlite"),
            version: Some(77),
            missing: vec![
                "creators.lastName".into(),
                "itemAttachments.parentItemID".into(),
            ],
        };
        assert_eq!(
            e.to_string(),
            "z.sqlite is not a Zotero database lunwen knows (schema version 77): \
             it lacks creators.lastName, itemAttachments.parentItemID"
        );
        let e = ZoteroError::NotAZoteroDir {
            dir: PathBuf::from("/tmp/x"),
        };
        assert!(
            e.to_string()
                .starts_with("/tmp/x is not a Zotero data directory")
        );
    }
}
