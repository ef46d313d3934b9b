//! Loading a corpus: every `.txt`/`.md` in a directory (or the bundled papers), decoded, parsed
//! and merged with its sidecar metadata. A file that cannot be read is reported and skipped;
//! nothing here panics on file contents.

use std::path::{Path, PathBuf};

pub use super::decode::{Decoded, decode, decode_noted};
use super::facts::{Provenance, TextOrigin};
use super::model::{Metadata, Paper};
use super::parse;
use super::pdf::{PdfOptions, paper_text};
use super::sources::meta::{Format, Merged, detect, merge};
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
            let provenance = Provenance {
                text: Some(TextOrigin::Bundled),
                ..Provenance::default()
            };
            corpus.add(name, bytes, sidecar.map(str::to_string), provenance);
        }
        corpus.papers.iter_mut().for_each(fill_printed_pages);
        corpus
    }

    /// Every paper in the given directories, in file-name order per directory: text files
    /// and, through `pdf`, PDFs. Metadata exports found among them (`.bib`, `.ris`, a CNKI
    /// `.txt` …) are not papers: they are added to `metadata_files` for the caller to apply.
    pub(crate) fn read_dirs(
        dirs: &[PathBuf],
        pdf: &PdfOptions,
        metadata_files: &mut Vec<PathBuf>,
    ) -> Corpus {
        let mut corpus = Corpus::default();
        for dir in dirs {
            corpus.load_dir(dir, pdf, metadata_files);
        }
        corpus
    }

    fn load_dir(&mut self, dir: &Path, pdf: &PdfOptions, metadata_files: &mut Vec<PathBuf>) {
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
        let mut files: Vec<(PathBuf, FileKind)> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter_map(|p| file_kind(&p).map(|k| (p, k)))
            .collect();
        files.sort();
        for (path, kind) in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let read = match kind {
                FileKind::Metadata => {
                    metadata_files.push(path);
                    continue;
                }
                FileKind::Pdf => paper_text(&path, pdf)
                    .map(|t| Some(PaperText::Text(t)))
                    .map_err(|e| e.to_string()),
                FileKind::Text => {
                    read_capped(&path, MAX_PAPER_BYTES).map(|b| b.map(PaperText::Bytes))
                }
            };
            let text = match read {
                Ok(Some(PaperText::Bytes(b))) if is_metadata_export(&b) => {
                    metadata_files.push(path);
                    continue;
                }
                Ok(Some(text)) => text,
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
            let sidecar = self.read_sidecar(&sidecar_path);
            let provenance = Provenance {
                text: Some(match kind {
                    FileKind::Pdf => TextOrigin::Pdf(path.clone()),
                    _ => TextOrigin::File(path.clone()),
                }),
                sidecar: Some(sidecar_path),
                ..Provenance::default()
            };
            match text {
                PaperText::Bytes(bytes) => self.add(&name, &bytes, sidecar, provenance),
                PaperText::Text(text) => {
                    self.add_text(&name, None, text, sidecar, provenance);
                }
            }
        }
    }

    /// The sidecar at `path`, if there is one that can be read; problems are reported.
    pub(crate) fn read_sidecar(&mut self, path: &Path) -> Option<String> {
        match read_capped(path, MAX_SIDECAR_BYTES) {
            Ok(Some(b)) => match String::from_utf8(b) {
                Ok(s) => Some(s),
                Err(_) => {
                    self.problems.push(LoadProblem {
                        file: path.display().to_string(),
                        message: "sidecar ignored: not UTF-8 text".into(),
                    });
                    None
                }
            },
            Ok(None) => None,
            Err(e) => {
                self.problems.push(LoadProblem {
                    file: path.display().to_string(),
                    message: format!("sidecar ignored: {e}"),
                });
                None
            }
        }
    }

    fn add(&mut self, name: &str, bytes: &[u8], sidecar: Option<String>, provenance: Provenance) {
        // File names are as untrusted as file contents: the id and name end up on screen.
        let shown = sanitize(name);
        let text = match decode_noted(bytes) {
            Ok(Decoded { text, note: None }) => text,
            Ok(Decoded {
                text,
                note: Some(note),
            }) => {
                self.problems.push(LoadProblem {
                    file: shown,
                    message: format!("partly read: {note}"),
                });
                text
            }
            Err(why) => {
                self.problems.push(LoadProblem {
                    file: shown,
                    message: format!("skipped: {why}"),
                });
                return;
            }
        };
        self.add_text(name, None, text, sidecar, provenance);
    }

    /// Parses a paper's text and merges its sidecar in. `id` defaults to the file stem.
    pub(crate) fn add_text(
        &mut self,
        name: &str,
        id: Option<String>,
        text: String,
        sidecar: Option<String>,
        provenance: Provenance,
    ) -> Option<&mut Paper> {
        // File names are as untrusted as file contents: the id and name end up on screen.
        let name = sanitize(name);
        let name = name.as_str();
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            self.problems.push(LoadProblem {
                file: name.to_string(),
                message: "skipped: empty file".into(),
            });
            return None;
        }
        let id = id.map(|i| sanitize(&i)).unwrap_or_else(|| {
            name.rsplit_once('.')
                .map_or(name, |(stem, _)| stem)
                .to_string()
        });
        if self.papers.iter().any(|p| p.id == id) {
            self.problems.push(LoadProblem {
                file: name.to_string(),
                message: format!("skipped: a paper with id {id} is already loaded"),
            });
            return None;
        }
        let mut paper = parse::parse(&id, name, &text);
        paper.provenance = provenance;
        let meta = sidecar.and_then(|sidecar| match toml::from_str::<Metadata>(&sidecar) {
            Ok(meta) => Some(meta),
            Err(e) => {
                let message = format!("sidecar {id}.toml ignored: {}", e.message());
                paper.warnings.push(message.clone());
                self.problems.push(LoadProblem {
                    file: name.to_string(),
                    message,
                });
                None
            }
        });
        apply_metadata(&mut paper, meta);
        self.papers.push(paper);
        self.papers.last_mut()
    }

    /// The paper whose id is `key`, else whose citation key is `key`, else whose id starts
    /// with it, if exactly one does.
    pub fn find(&self, key: &str) -> Result<&Paper, String> {
        if let Some(p) = self.papers.iter().find(|p| p.id == key) {
            return Ok(p);
        }
        if let Some(p) = self.find_by_key(key) {
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

/// What a file in a corpus directory is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FileKind {
    /// `.txt`, `.md`: a paper, or a metadata export CNKI saved as `.txt`.
    Text,
    Pdf,
    /// `.bib`, `.json`, `.ris`, `.enw`, `.net` …: bibliographic records.
    Metadata,
}

fn file_kind(p: &Path) -> Option<FileKind> {
    let ext = p.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" => Some(FileKind::Text),
        "pdf" => Some(FileKind::Pdf),
        _ => Format::from_extension(p).map(|_| FileKind::Metadata),
    }
}

/// A paper's content as read: bytes to decode, or text a converter already gave.
enum PaperText {
    Bytes(Vec<u8>),
    Text(String),
}

/// Whether a `.txt` is a metadata export rather than a paper: CNKI saves RIS, EndNote and
/// NoteExpress exports as `.txt`, each starting with a field line of its format. A paper never
/// starts with `TY  - `, `%0 ` or `{Reference Type}:`; BibTeX and JSON are left to their own
/// extensions, since a paper may well start with `[` or `@`.
fn is_metadata_export(bytes: &[u8]) -> bool {
    let mut head = &bytes[..bytes.len().min(4096)];
    // Cut at a line end, so no multi-byte character is cut in two.
    if head.len() < bytes.len()
        && let Some(end) = head.iter().rposition(|&b| b == b'\n')
    {
        head = &head[..end];
    }
    let Ok(text) = decode(head) else {
        return false;
    };
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty());
    first.is_some_and(|line| {
        matches!(
            detect(line),
            Some(Format::Ris | Format::EndNote | Format::NoteExpress)
        )
    })
}

/// The sidecar says what the text lacks and overrides what the parser guessed; each fact
/// remembers which of the two it came from.
fn apply_metadata(paper: &mut Paper, meta: Option<Metadata>) {
    let mut meta = meta.unwrap_or_default();
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
    // What the text states about itself (`文章编号`, running heads, the title and byline) fills
    // what the sidecar leaves out; the sidecar wins field by field.
    let text = text_facts(paper);
    set_facts(paper, merge(&meta, None, &text));
}

/// Printed pages counted from the first page of the paper's page range (sidecar, import or
/// text) when the folios did not tell them. Called once the facts are settled: an imported
/// record may bring the range.
pub(crate) fn fill_printed_pages(paper: &mut Paper) {
    if paper.page_count >= 2
        && paper.printed_pages.iter().all(Option::is_none)
        && let Some(first) = paper
            .metadata
            .pages
            .as_deref()
            .and_then(|p| p.split(['-', '–', '—']).next())
            .and_then(|a| a.trim().parse::<u32>().ok())
    {
        paper.printed_pages = (0..paper.page_count)
            .map(|p| first.checked_add(p))
            .collect();
    }
}

/// What the paper's text states about itself, in the shape the sources are merged in.
pub(crate) fn text_facts(paper: &Paper) -> Metadata {
    Metadata {
        title: paper.title.clone(),
        authors: (!paper.authors.is_empty()).then(|| paper.authors.clone()),
        ..paper.metadata.clone()
    }
}

/// Puts merged facts on the paper: title and authors where the reader and citations look for
/// them, the rest in `metadata`, and every fact's source in the provenance.
pub(crate) fn set_facts(paper: &mut Paper, merged: Merged) {
    let Merged {
        mut metadata,
        key,
        sources,
    } = merged;
    paper.title = metadata.title.take();
    paper.authors = metadata.authors.take().unwrap_or_default();
    paper.metadata = metadata;
    paper.provenance.facts = sources;
    if key.is_some() {
        paper.provenance.key = key;
    }
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
    fn dir_with_bad_files_reports_and_continues() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("good.txt"), "标题\n\n正文。").unwrap();
        std::fs::write(dir.path().join("bin.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
        std::fs::write(dir.path().join("good.toml"), "journal = 3").unwrap();
        std::fs::write(dir.path().join("notes.docx"), "x").unwrap();
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
