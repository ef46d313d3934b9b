//! Opening what a researcher has: corpus directories (text files, PDFs, metadata exports among
//! them), metadata files named elsewhere, and a Zotero library, as one corpus. Whatever cannot
//! be used is reported by name and skipped; the rest opens.

use std::path::{Path, PathBuf};

use super::decode::decode;
use super::facts::{Provenance, TextOrigin};
use super::import::{apply_entry, apply_metadata_files};
use super::load::{Corpus, LoadProblem};
use super::pdf::{PdfOptions, pdf_text};
use super::sources::zotero::{ZoteroItem, read_library};

/// Everything a corpus is opened from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// Directories of papers.
    pub dirs: Vec<PathBuf>,
    /// Metadata files named outside the directories (the config's `metadata_files`).
    pub metadata_files: Vec<PathBuf>,
    /// A Zotero data directory (or its `zotero.sqlite`).
    pub zotero: Option<PathBuf>,
    /// Where the sidecars of Zotero's papers live: never inside Zotero's own directory, which
    /// lunwen only reads.
    pub zotero_sidecars: Option<PathBuf>,
    pub pdf: PdfOptions,
}

/// Largest Zotero full-text cache read, the loader's limit for a paper.
const MAX_FULL_TEXT_BYTES: u64 = 200 << 20;

impl Corpus {
    /// The corpus of `sources`: the directories' papers, then the library's items, then the
    /// metadata files applied to the papers no library describes.
    pub fn open(sources: &Sources) -> Corpus {
        let mut found = Vec::new();
        let mut corpus = Corpus::read_dirs(&sources.dirs, &sources.pdf, &mut found);
        if let Some(dir) = &sources.zotero {
            corpus.add_zotero(dir, sources);
        }
        found.extend(sources.metadata_files.iter().cloned());
        apply_metadata_files(&mut corpus, &found);
        corpus
    }

    /// Every paper in the given directories, with the metadata files among them applied, and
    /// PDFs converted without a cache.
    pub fn load_dirs(dirs: &[PathBuf]) -> Corpus {
        Corpus::open(&Sources {
            dirs: dirs.to_vec(),
            ..Sources::default()
        })
    }

    fn add_zotero(&mut self, dir: &Path, sources: &Sources) {
        let library = match read_library(dir) {
            Ok(l) => l,
            Err(e) => {
                self.problem(dir, format!("Zotero library not opened: {e}"));
                return;
            }
        };
        for warning in &library.warnings {
            self.problem(&library.dir, warning.clone());
        }
        for item in &library.items {
            self.add_zotero_item(item, sources);
        }
    }

    fn add_zotero_item(&mut self, item: &ZoteroItem, sources: &Sources) {
        let label = item_label(item);
        let Some(attachment) = &item.attachment else {
            self.problem_str(&label, "skipped: no attached file to read".into());
            return;
        };
        let file = attachment.path.clone();
        let name = file
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| item.key.clone(), |n| n.to_string_lossy().into_owned());
        let read = if let Some(cache) = &attachment.full_text_cache {
            read_text(cache).map(|t| (t, TextOrigin::ZoteroFullText(cache.clone())))
        } else {
            match (&file, attachment.exists) {
                (Some(path), true) if attachment.is_pdf() => pdf_text(path, &sources.pdf)
                    .map(|t| (t, TextOrigin::Pdf(path.clone())))
                    .map_err(|e| e.to_string()),
                (Some(path), true) if is_text_file(path) => {
                    read_text(path).map(|t| (t, TextOrigin::File(path.clone())))
                }
                (Some(path), true) => Err(format!(
                    "{} is neither a PDF nor a text file, and Zotero has no full text of it",
                    path.display()
                )),
                (Some(path), false) => Err(format!(
                    "its file {} is missing (not synced?)",
                    path.display()
                )),
                (None, _) => Err(format!(
                    "its file {} is relative to Zotero's base directory, which lunwen cannot see",
                    attachment.stored_path
                )),
            }
        };
        let (text, origin) = match read {
            Ok(r) => r,
            Err(why) => {
                self.problem_str(&label, format!("skipped: {why}"));
                return;
            }
        };
        let sidecar_path = sources
            .zotero_sidecars
            .as_ref()
            .map(|d| d.join(format!("{}.toml", item.key)));
        let sidecar = sidecar_path.as_deref().and_then(|p| self.read_sidecar(p));
        let provenance = Provenance {
            text: Some(origin),
            sidecar: sidecar_path,
            collections: item.collections.clone(),
            ..Provenance::default()
        };
        if let Some(paper) = self.add_text(&name, Some(item.key.clone()), text, sidecar, provenance)
        {
            apply_entry(paper, &item.entry);
        }
    }

    fn problem(&mut self, file: &Path, message: String) {
        self.problem_str(&file.display().to_string(), message);
    }

    fn problem_str(&mut self, file: &str, message: String) {
        self.problems.push(LoadProblem {
            file: file.to_string(),
            message,
        });
    }

    /// The paper with citation key `key`, if exactly one has it.
    pub fn find_by_key(&self, key: &str) -> Option<&super::model::Paper> {
        let mut hits = self
            .papers
            .iter()
            .filter(|p| p.provenance.key.as_deref() == Some(key));
        match (hits.next(), hits.next()) {
            (Some(p), None) => Some(p),
            _ => None,
        }
    }
}

/// How reports name an item: its title, or its key when it has none.
fn item_label(item: &ZoteroItem) -> String {
    match &item.entry.title {
        Some(t) => format!("Zotero item “{t}”"),
        None => format!("Zotero item {}", item.key),
    }
}

fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

/// A text file whatever its encoding, within the paper size limit.
fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FULL_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_FULL_TEXT_BYTES {
        return Err(format!("{} is too large to be a paper", path.display()));
    }
    decode(&bytes).map_err(|why| format!("{}: {why}", path.display()))
}
