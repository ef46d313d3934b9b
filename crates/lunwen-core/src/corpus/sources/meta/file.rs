//! Reading a metadata file whatever its format and encoding, with errors and origins that
//! name the file.

use std::io::Read as _;
use std::path::Path;

use super::detect::{Format, detect};
use super::entry::ImportedEntry;
use super::error::ImportError;
use super::{bibtex, csl_json, endnote, noteexpress, ris};
use crate::corpus::decode::decode;

/// The entries of `text` in the format its content shows, or in `hint` (from the file name)
/// when the content shows none. Text in no known format is refused rather than guessed at;
/// an empty file has no entries (and is said to be in the hinted format, else BibTeX).
pub fn parse(
    text: &str,
    hint: Option<Format>,
) -> Result<(Format, Vec<ImportedEntry>), ImportError> {
    let format = match (detect(text), hint) {
        (Some(f), _) => f,
        (None, _) if text.trim_start_matches('\u{feff}').trim().is_empty() => {
            return Ok((hint.unwrap_or(Format::Bibtex), Vec::new()));
        }
        (None, Some(h)) => h,
        (None, None) => {
            return Err(ImportError::whole(
                "not a metadata file lunwen knows (BibTeX, CSL-JSON, RIS, EndNote, NoteExpress)",
            ));
        }
    };
    let parser = match format {
        Format::Bibtex => bibtex::parse,
        Format::CslJson => csl_json::parse,
        Format::Ris => ris::parse,
        Format::EndNote => endnote::parse,
        Format::NoteExpress => noteexpress::parse,
    };
    Ok((format, parser(text)?))
}

/// Largest metadata file read: a library of a hundred thousand entries is far smaller; a
/// bigger file is a mistake that should not take the machine's memory.
const MAX_BYTES: u64 = 64 << 20;

/// The entries of the file at `path`, decoded the way papers are (UTF-8 with or without BOM,
/// UTF-16, GB18030), each entry's origin naming the file.
pub fn parse_file(path: &Path) -> Result<(Format, Vec<ImportedEntry>), ImportError> {
    let in_file = |e: ImportError| e.in_file(path);
    let file = std::fs::File::open(path)
        .map_err(|e| in_file(ImportError::whole(format!("cannot read: {e}"))))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| in_file(ImportError::whole(format!("cannot read: {e}"))))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(in_file(ImportError::whole(format!(
            "larger than {} MB: not read",
            MAX_BYTES >> 20
        ))));
    }
    let text = decode(&bytes).map_err(|why| in_file(ImportError::whole(why)))?;
    let (format, mut entries) = parse(&text, Format::from_extension(path)).map_err(in_file)?;
    for e in &mut entries {
        e.origin.file = path.to_path_buf();
    }
    Ok((format, entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_over_extension() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("export.bib");
        std::fs::write(&path, include_str!("testdata/cnki.enw")).expect("write");
        let (format, entries) = parse_file(&path).expect("parses");
        assert_eq!(format, Format::EndNote);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].origin.file, path);
        assert_eq!(
            entries[0].origin.to_string(),
            format!("{}:1", path.display())
        );
    }

    #[test]
    fn gb18030_files_are_decoded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cnki.txt");
        let text = "{Reference Type}: Journal Article\r\n{Title}: 数字经济研究\r\n{Author}: 张三;李四;\r\n{Year}: 2024\r\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        std::fs::write(&path, &bytes).expect("write");
        let (format, entries) = parse_file(&path).expect("parses");
        assert_eq!(format, Format::NoteExpress);
        assert_eq!(entries[0].title.as_deref(), Some("数字经济研究"));
        assert_eq!(entries[0].authors, ["张三", "李四"]);
    }

    #[test]
    fn errors_name_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("broken.json");
        std::fs::write(&path, "[\n{\"title\": }\n]").expect("write");
        let err = parse_file(&path).expect_err("refused");
        assert_eq!(err.file.as_deref(), Some(path.as_path()));
        assert_eq!(err.line, Some(2));
        assert!(
            err.to_string()
                .starts_with(&format!("{}:2: ", path.display()))
        );

        let missing = dir.path().join("missing.ris");
        let err = parse_file(&missing).expect_err("refused");
        assert!(err.to_string().contains("cannot read"), "{err}");

        let prose = dir.path().join("notes.txt");
        std::fs::write(&prose, "just some notes\n").expect("write");
        let err = parse_file(&prose).expect_err("refused");
        assert!(err.to_string().contains("not a metadata file"), "{err}");
    }

    #[test]
    fn empty_files_have_no_entries() {
        assert_eq!(parse("\u{feff}\n", None).expect("parses").1, []);
        assert_eq!(
            parse("", Some(Format::Ris)).expect("parses"),
            (Format::Ris, Vec::new())
        );
    }
}
