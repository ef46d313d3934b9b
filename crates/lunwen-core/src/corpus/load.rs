//! Loading a corpus: every `.txt`/`.md` in a directory (or the bundled papers), decoded, parsed
//! and merged with its sidecar metadata. A file that cannot be read is reported and skipped;
//! nothing here panics on file contents.

use std::path::{Path, PathBuf};

use super::model::{Metadata, Paper};
use super::parse;
use super::text::sanitize;

/// The papers compiled into the binary: (file name, bytes, sidecar TOML).
const BUNDLED: &[(&str, &[u8], Option<&str>)] = include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// A file that was skipped or only partly used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub papers: Vec<Paper>,
    pub problems: Vec<LoadProblem>,
}

impl Corpus {
    /// The papers shipped inside the binary.
    pub fn bundled() -> Corpus {
        let mut corpus = Corpus::default();
        for (name, bytes, sidecar) in BUNDLED {
            corpus.add(name, bytes, sidecar.map(str::to_string));
        }
        corpus
    }

    /// Every paper in the given directories, in file-name order per directory.
    pub fn load_dirs(dirs: &[PathBuf]) -> Corpus {
        let mut corpus = Corpus::default();
        for dir in dirs {
            corpus.load_dir(dir);
        }
        corpus
    }

    fn load_dir(&mut self, dir: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.problems.push(LoadProblem {
                    file: dir.display().to_string(),
                    message: format!("cannot read corpus directory: {e}"),
                });
                return;
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| is_paper_file(p))
            .collect();
        files.sort();
        for path in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = match read_capped(&path, MAX_PAPER_BYTES) {
                Ok(Some(b)) => b,
                Ok(None) => continue,
                Err(e) => {
                    self.problems.push(LoadProblem {
                        file: path.display().to_string(),
                        message: format!("skipped: {e}"),
                    });
                    continue;
                }
            };
            let sidecar_path = path.with_extension("toml");
            let sidecar = match read_capped(&sidecar_path, MAX_SIDECAR_BYTES) {
                Ok(Some(b)) => match String::from_utf8(b) {
                    Ok(s) => Some(s),
                    Err(_) => {
                        self.problems.push(LoadProblem {
                            file: sidecar_path.display().to_string(),
                            message: "sidecar ignored: not UTF-8 text".into(),
                        });
                        None
                    }
                },
                Ok(None) => None,
                Err(e) => {
                    self.problems.push(LoadProblem {
                        file: sidecar_path.display().to_string(),
                        message: format!("sidecar ignored: {e}"),
                    });
                    None
                }
            };
            self.add(&name, &bytes, sidecar);
        }
    }

    fn add(&mut self, name: &str, bytes: &[u8], sidecar: Option<String>) {
        // File names are as untrusted as file contents: the id and name end up on screen.
        let name = sanitize(name);
        let name = name.as_str();
        let text = match decode_noted(bytes) {
            Ok(Decoded { text, note: None }) => text,
            Ok(Decoded {
                text,
                note: Some(note),
            }) => {
                self.problems.push(LoadProblem {
                    file: name.to_string(),
                    message: format!("partly read: {note}"),
                });
                text
            }
            Err(why) => {
                self.problems.push(LoadProblem {
                    file: name.to_string(),
                    message: format!("skipped: {why}"),
                });
                return;
            }
        };
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            self.problems.push(LoadProblem {
                file: name.to_string(),
                message: "skipped: empty file".into(),
            });
            return;
        }
        let id = name
            .rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_string();
        if self.papers.iter().any(|p| p.id == id) {
            self.problems.push(LoadProblem {
                file: name.to_string(),
                message: format!("skipped: a paper with id {id} is already loaded"),
            });
            return;
        }
        let mut paper = parse::parse(&id, name, &text);
        if let Some(sidecar) = sidecar {
            match toml::from_str::<Metadata>(&sidecar) {
                Ok(meta) => apply_metadata(&mut paper, meta),
                Err(e) => {
                    let message = format!("sidecar {id}.toml ignored: {}", e.message());
                    paper.warnings.push(message.clone());
                    self.problems.push(LoadProblem {
                        file: name.to_string(),
                        message,
                    });
                }
            }
        }
        self.papers.push(paper);
    }

    /// The paper whose id is `key` or starts with it, if exactly one does.
    pub fn find(&self, key: &str) -> Result<&Paper, String> {
        if let Some(p) = self.papers.iter().find(|p| p.id == key) {
            return Ok(p);
        }
        let hits: Vec<&Paper> = self
            .papers
            .iter()
            .filter(|p| p.id.starts_with(key))
            .collect();
        match hits.as_slice() {
            [one] => Ok(one),
            [] => Err(format!("no paper matches '{key}' (try `lunwen list`)")),
            many => Err(format!(
                "'{key}' matches {} papers: {}",
                many.len(),
                many.iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// Largest paper file read. A 50 MB paper takes about 300 MB of memory once parsed; a file many
/// times that is a mistake (a dump, a log) that would take the machine down with it.
const MAX_PAPER_BYTES: u64 = 200 << 20;

const MAX_SIDECAR_BYTES: u64 = 1 << 20;

/// The file's bytes; `None` if it does not exist; an error if it cannot be read or is larger
/// than `limit` (checked before reading, and again while reading in case it grows).
fn read_capped(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, String> {
    use std::io::Read as _;
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    let too_big = |len: u64| {
        format!(
            "{} MB is too large (the limit is {} MB)",
            len.div_ceil(1 << 20),
            limit >> 20
        )
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > limit {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(Some(bytes))
}

fn is_paper_file(p: &Path) -> bool {
    p.is_file()
        && matches!(
            p.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("txt" | "md")
        )
}

/// The sidecar says what the text lacks and overrides what the parser guessed.
fn apply_metadata(paper: &mut Paper, mut meta: Metadata) {
    // Sidecars travel with the papers and are as untrusted: TOML can spell any escape sequence.
    for field in [
        &mut meta.title,
        &mut meta.journal,
        &mut meta.volume,
        &mut meta.issue,
        &mut meta.pages,
        &mut meta.doi,
        &mut meta.url,
        &mut meta.language,
    ]
    .into_iter()
    .flatten()
    {
        *field = sanitize(field);
    }
    for author in meta.authors.iter_mut().flatten() {
        *author = sanitize(author);
    }
    if let Some(t) = &meta.title {
        paper.title = Some(t.clone());
    }
    if let Some(a) = &meta.authors {
        paper.authors = a.clone();
    }
    paper.metadata = meta;
}

/// Decodes a paper file: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when
/// the zero bytes give it away), or GB18030/GBK. Binary files and text that decodes to nothing
/// sensible are refused with a reason.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    decode_noted(bytes).map(|d| d.text)
}

/// A decoded file and, when it was only partly decodable, what was done about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// e.g. "3 invalid UTF-8 sequences replaced with �".
    pub note: Option<String>,
}

/// [`decode`], also saying when a damaged UTF-8 file was read with replacements rather than
/// refused: one bad byte from a PDF extractor should not hide a whole paper.
pub fn decode_noted(bytes: &[u8]) -> Result<Decoded, String> {
    let mut note = None;
    let text = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let (text, bad) = lossy_utf8(rest);
                note = Some(replaced(bad));
                text
            }
        }
    } else if let Some(enc) = utf16_encoding(bytes) {
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err("invalid UTF-16".into());
        }
        text.into_owned()
    } else if looks_binary(bytes) {
        return Err("binary file, not text".into());
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let (lossy, bad) = lossy_utf8(bytes);
                let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
                if mostly_utf8(&lossy, bad) {
                    note = Some(replaced(bad));
                    lossy
                } else if had_errors {
                    return Err("not UTF-8, UTF-16 or GB18030/GBK text".into());
                } else {
                    text.into_owned()
                }
            }
        }
    };
    Ok(Decoded {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        note,
    })
}

/// UTF-16 by its BOM, or BOM-less UTF-16 by where its zero bytes fall: the high byte of every
/// ASCII char (newlines, digits, punctuation) is zero on one side only.
fn utf16_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(b"\xff\xfe") {
        return Some(encoding_rs::UTF_16LE);
    }
    if bytes.starts_with(b"\xfe\xff") {
        return Some(encoding_rs::UTF_16BE);
    }
    let head = &bytes[..bytes.len().min(8192) & !1];
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    // Zeros on the other side are CJK chars such as 一 (U+4E00) and the ideographic space.
    if odd * 20 >= pairs && even * 2 < odd {
        Some(encoding_rs::UTF_16LE)
    } else if even * 20 >= pairs && odd * 2 < even {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// `bytes` as UTF-8 with each invalid sequence replaced by U+FFFD, and how many there were.
fn lossy_utf8(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push('\u{fffd}');
            bad += 1;
        }
    }
    (text, bad)
}

/// Damaged UTF-8 rather than another encoding: at least fifty good multi-byte chars per bad
/// sequence. GBK text read as UTF-8 has almost no good multi-byte chars at all.
fn mostly_utf8(lossy: &str, bad: usize) -> bool {
    let multibyte = lossy
        .chars()
        .filter(|&c| c.len_utf8() > 1 && c != '\u{fffd}')
        .count();
    multibyte >= 50 * bad
}

fn replaced(bad: usize) -> String {
    format!("{bad} invalid UTF-8 sequence(s) replaced with �")
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)))
        .count();
    head.contains(&0) || controls * 20 > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_corpus_has_the_four_seeds_with_sidecars() {
        let c = Corpus::bundled();
        assert_eq!(c.papers.len(), 4, "{:?}", c.problems);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let p = c.find("000").unwrap();
        assert_eq!(p.metadata.journal.as_deref(), Some("中州学刊"));
        assert_eq!(p.metadata.year, Some(2025));
        assert!(c.find("001").unwrap().metadata.journal.is_none());
    }

    #[test]
    fn find_by_prefix_reports_ambiguity() {
        let c = Corpus::bundled();
        assert!(c.find("00").unwrap_err().contains("matches 4 papers"));
        assert!(c.find("9").unwrap_err().contains("no paper"));
    }

    #[test]
    fn decode_handles_boms_and_gbk() {
        assert_eq!(decode(b"\xef\xbb\xbfabc").unwrap(), "abc");
        let (gbk, _, _) = encoding_rs::GBK.encode("新质生产力");
        assert_eq!(decode(&gbk).unwrap(), "新质生产力");
        let mut utf16 = vec![0xff, 0xfe];
        for u in "论文".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "论文");
        assert!(
            decode(b"\x00\x01\x02\x03ELF")
                .unwrap_err()
                .contains("binary")
        );
        assert_eq!(decode(b"a\r\nb").unwrap(), "a\nb");
    }

    #[test]
    fn bom_less_utf16_is_recognised_by_its_zero_bytes() {
        let text: String = include_str!("../../../../corpus/000_410c59112ba8e771.txt")
            .chars()
            .take(3000)
            .collect();
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), text.replace('\r', ""));
        assert_eq!(decode(&be).unwrap(), text.replace('\r', ""));
        assert!(decode(&[0, 1, 2, 0, 5, 0, 0, 0, 7, 8, 0, 0, 1, 1, 1, 0, 0, 3]).is_err());
    }

    #[test]
    fn damaged_utf8_is_read_with_a_note_but_gbk_is_not_mistaken_for_it() {
        let good = "新质生产力是推动高质量发展的内在要求。".repeat(10);
        let mut bytes = good.as_bytes().to_vec();
        bytes.remove(31); // cut the middle byte out of a char
        let d = decode_noted(&bytes).unwrap();
        assert_eq!(d.text.matches('\u{fffd}').count(), 1);
        assert!(d.text.ends_with("内在要求。"));
        assert_eq!(
            d.note.as_deref(),
            Some("1 invalid UTF-8 sequence(s) replaced with �")
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(&good);
        let d = decode_noted(&gbk).unwrap();
        assert_eq!((d.text.as_str(), d.note), (good.as_str(), None));
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice(&bytes);
        assert!(decode_noted(&bom).unwrap().note.is_some());
    }

    #[test]
    fn dir_with_bad_files_reports_and_continues() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("good.txt"), "标题\n\n正文。").unwrap();
        std::fs::write(dir.path().join("bin.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
        std::fs::write(dir.path().join("good.toml"), "journal = 3").unwrap();
        std::fs::write(dir.path().join("ignored.pdf"), "x").unwrap();
        let c = Corpus::load_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(c.papers.len(), 1);
        assert_eq!(c.problems.len(), 2, "{:?}", c.problems);
        assert!(
            c.problems
                .iter()
                .any(|p| p.file == "bin.txt" && p.message.contains("binary"))
        );
        assert!(
            c.problems
                .iter()
                .any(|p| p.message.contains("sidecar good.toml ignored"))
        );
    }
}
