//! Opening what a researcher has: corpus directories (text files, PDFs, metadata exports among
//! them), metadata files named elsewhere, and a Zotero library, as one corpus. Whatever cannot
//! be used is reported by name and skipped; the rest opens.

use std::path::{Path, PathBuf};

use super::decode::decode;
use super::facts::{Provenance, TextOrigin};
use super::import::{apply_entry, apply_metadata_files};
use super::load::{Corpus, LoadProblem, fill_printed_pages};
use super::pdf::{PdfOptions, paper_text};
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
        corpus.papers.iter_mut().for_each(fill_printed_pages);
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
                (Some(path), true) if attachment.is_pdf() => paper_text(path, &sources.pdf)
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
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FULL_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_FULL_TEXT_BYTES {
        return Err(format!("{} is too large to be a paper", path.display()));
    }
    decode(&bytes).map_err(|why| format!("{}: {why}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::facts::{FactField, FactSource};
    use crate::corpus::sources::zotero::testlib;
    use crate::testing::pdf::{PdfPage, pdftotext_or_skip, write_pdf};

    #[test]
    fn a_pdf_in_a_corpus_dir_is_a_paper_and_a_scan_is_reported() {
        if !pdftotext_or_skip("a_pdf_in_a_corpus_dir_is_a_paper_and_a_scan_is_reported") {
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        write_pdf(
            &dir.path().join("study.pdf"),
            &[
                PdfPage::lines(&[
                    "A Study of Reading",
                    "",
                    "1 Introduction",
                    "",
                    "First page.",
                ]),
                PdfPage::lines(&["Second page text goes on here."]),
            ],
        );
        write_pdf(&dir.path().join("scan.pdf"), &[PdfPage::blank()]);
        std::fs::write(
            dir.path().join("study.toml"),
            "journal = \"期刊\"\nyear = 2024\n",
        )
        .expect("sidecar");
        let c = Corpus::load_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(c.papers.len(), 1, "{:?}", c.problems);
        let p = &c.papers[0];
        assert_eq!(p.id, "study");
        assert_eq!(p.metadata.journal.as_deref(), Some("期刊"));
        assert_eq!(
            p.provenance.text,
            Some(TextOrigin::Pdf(dir.path().join("study.pdf")))
        );
        // Wherever the parser puts it, the second page's text is read.
        let text: Vec<&str> = (p.blocks.iter().map(|b| b.text.as_str()))
            .chain(p.back_matter.iter().map(String::as_str))
            .collect();
        assert!(
            text.iter().any(|t| t.contains("Second page text")),
            "{p:#?}"
        );
        assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
        assert!(c.problems[0].file.ends_with("scan.pdf"));
        assert!(c.problems[0].message.contains("needs OCR"));
    }

    #[test]
    fn without_pdftotext_each_pdf_is_named_with_the_package_and_the_rest_opens() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.pdf"), b"%PDF-1.4\n").expect("pdf");
        std::fs::write(dir.path().join("b.pdf"), b"%PDF-1.4\n").expect("pdf");
        std::fs::write(dir.path().join("c.txt"), "标题\n\n正文。\n").expect("txt");
        let sources = Sources {
            dirs: vec![dir.path().to_path_buf()],
            pdf: PdfOptions {
                program: dir.path().join("no-pdftotext-here"),
                ..PdfOptions::default()
            },
            ..Sources::default()
        };
        let c = Corpus::open(&sources);
        assert_eq!(c.papers.len(), 1);
        assert_eq!(c.problems.len(), 2, "{:?}", c.problems);
        for (problem, name) in c.problems.iter().zip(["a.pdf", "b.pdf"]) {
            assert!(problem.file.ends_with(name), "{problem}");
            assert!(problem.message.contains("poppler-utils"), "{problem}");
        }
    }

    #[test]
    fn a_zotero_library_opens_with_its_facts_over_the_text() {
        let lib = testlib::build(0);
        let sidecars = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            sidecars.path().join(format!("{}.toml", testlib::LIU)),
            "volume = \"41\"\n",
        )
        .expect("sidecar");
        let sources = Sources {
            zotero: Some(lib.dir()),
            zotero_sidecars: Some(sidecars.path().to_path_buf()),
            ..Sources::default()
        };
        let c = Corpus::open(&sources);
        let liu = c
            .papers
            .iter()
            .find(|p| p.id == testlib::LIU)
            .unwrap_or_else(|| panic!("{:?}", c.problems));
        assert_eq!(
            liu.title.as_deref(),
            Some("以新质生产力发展赋能高质量共建“一带一路”研究")
        );
        assert_eq!(liu.authors, ["刘博", "蔡文成"]);
        assert_eq!(liu.metadata.journal.as_deref(), Some("中州学刊"));
        assert_eq!(liu.metadata.year, Some(2025));
        assert_eq!(liu.metadata.volume.as_deref(), Some("41"));
        assert_eq!(
            liu.provenance.source(FactField::Volume),
            Some(&FactSource::Sidecar)
        );
        match liu.provenance.source(FactField::Journal) {
            Some(FactSource::Imported(o)) => {
                assert_eq!(o.record.as_deref(), Some(testlib::LIU));
                assert_eq!(o.file, lib.db());
            }
            other => panic!("journal from {other:?}"),
        }
        assert_eq!(liu.provenance.key.as_deref(), Some("liu2025xinzhi"));
        assert_eq!(liu.provenance.collections, ["新质生产力/一带一路"]);
        assert!(matches!(
            liu.provenance.text,
            Some(TextOrigin::ZoteroFullText(_))
        ));
        assert!(
            liu.paragraphs().any(|b| b.text.contains("内在要求")),
            "the full text is parsed: {liu:#?}"
        );
        assert_eq!(
            c.find_by_key("liu2025xinzhi").map(|p| p.id.as_str()),
            Some(testlib::LIU)
        );

        // Every item that does not open says why, by title.
        let said = |title: &str, why: &str| {
            assert!(
                c.problems
                    .iter()
                    .any(|p| p.file.contains(title) && p.message.contains(why)),
                "{title}: {why} not in {:?}",
                c.problems
            )
        };
        said("Tone Sandhi in Mandarin", "no attached file");
        assert!(!c.papers.iter().any(|p| p.id == testlib::TRASHED));
        if pdftotext_or_skip("a_zotero_library_opens_with_its_facts_over_the_text") {
            let chen = c
                .papers
                .iter()
                .find(|p| p.id == testlib::CHEN)
                .unwrap_or_else(|| panic!("{:?}", c.problems));
            assert_eq!(chen.authors, ["Chen, Li", "Wang, Fang", "Smith, John A."]);
            assert_eq!(chen.metadata.volume.as_deref(), Some("77"));
            assert!(matches!(chen.provenance.text, Some(TextOrigin::Pdf(_))));
            // Pages from pdftotext's form feeds, printed numbers from Zotero's range (881-902):
            // the sentence on the PDF's second page is on printed page 882.
            assert_eq!(chen.page_count, 3, "{chen:#?}");
            let (block, offset) = chen
                .blocks
                .iter()
                .enumerate()
                .find_map(|(i, b)| {
                    b.text
                        .find(testlib::CHEN_PAGE_TWO)
                        .map(|at| (i, b.text[..at].chars().count()))
                })
                .unwrap_or_else(|| panic!("page two's sentence not in the body: {chen:#?}"));
            assert_eq!(
                chen.printed_page_at(crate::corpus::Location::Block(block), offset),
                Some(882)
            );
            said("数字经济与区域创新", "needs OCR");
            said(
                "Parsing Citations in Mixed-Script",
                "pdftotext could not read it",
            );
            assert_eq!(c.papers.len(), 2, "{:?}", c.problems);
        }
    }

    #[test]
    fn a_directory_that_is_not_zotero_is_reported_and_the_corpus_still_opens() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "标题\n\n正文。\n").expect("txt");
        let c = Corpus::open(&Sources {
            dirs: vec![dir.path().to_path_buf()],
            zotero: Some(dir.path().join("nowhere")),
            ..Sources::default()
        });
        assert_eq!(c.papers.len(), 1);
        assert!(
            c.problems[0]
                .message
                .starts_with("Zotero library not opened: "),
            "{:?}",
            c.problems
        );
    }
}
