//! Metadata files applied to a loaded corpus: each file's entries are matched to the papers they
//! describe and fill what the text does not state, under whatever the sidecar says. Every doubt
//! is reported rather than applied, since a wrong match cites one paper with another's journal.

use std::path::PathBuf;

use super::facts::FactSource;
use super::load::{Corpus, LoadProblem, set_facts};
use super::model::{Metadata, Paper};
use super::sources::meta::{ImportedEntry, PaperKey, match_entries, merge, parse_file};
use super::text::sanitize;

/// How many unmatched entries a file's report names before it only counts the rest.
const NAMED_UNMATCHED: usize = 3;

/// Reads every file of `files` (in order; a file named twice is read once) and applies what
/// matches to the papers of `corpus` that no library supplied facts for yet (a Zotero item
/// brings its own record). Problems go to `corpus.problems`, by file.
pub fn apply_metadata_files(corpus: &mut Corpus, files: &[PathBuf]) {
    let mut seen = Vec::new();
    let mut entries: Vec<ImportedEntry> = Vec::new();
    let mut per_file: Vec<(PathBuf, usize)> = Vec::new();
    for path in files {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        match parse_file(path) {
            Ok((_, found)) => {
                per_file.push((path.clone(), found.len()));
                entries.extend(found);
            }
            Err(e) => corpus.problems.push(LoadProblem {
                file: path.display().to_string(),
                message: match e.line {
                    Some(line) => format!("metadata file skipped: line {line}: {}", e.message),
                    None => format!("metadata file skipped: {}", e.message),
                },
            }),
        }
    }
    if entries.is_empty() {
        return;
    }
    let open: Vec<usize> = (0..corpus.papers.len())
        .filter(|&i| !from_library(&corpus.papers[i]))
        .collect();
    let keys: Vec<PaperKey> = open
        .iter()
        .map(|&i| {
            let p = &corpus.papers[i];
            PaperKey {
                id: p.id.clone(),
                title: p.title.clone(),
                doi: p.metadata.doi.clone(),
            }
        })
        .collect();
    let report = match_entries(&keys, &entries);
    for m in &report.matched {
        apply_entry(&mut corpus.papers[open[m.paper]], &entries[m.entry]);
    }

    let title = |e: &ImportedEntry| sanitize(e.title.as_deref().unwrap_or("(untitled entry)"));
    for a in &report.ambiguous {
        let e = &entries[a.entry];
        let ids: Vec<&str> = a.papers.iter().map(|&i| keys[i].id.as_str()).collect();
        corpus.problems.push(LoadProblem {
            file: e.origin.to_string(),
            message: format!(
                "entry “{}” not applied: it matches {} papers equally ({})",
                title(e),
                ids.len(),
                ids.join(", ")
            ),
        });
    }
    for c in &report.contested {
        let places: Vec<String> = c
            .entries
            .iter()
            .map(|&i| entries[i].origin.to_string())
            .collect();
        corpus.problems.push(LoadProblem {
            file: corpus.papers[open[c.paper]].file.clone(),
            message: format!(
                "no imported metadata applied: entries that disagree all match it ({})",
                places.join(", ")
            ),
        });
    }
    // Unmatched entries are normal in a whole library's export; one line per file says how
    // many, naming the first few so a misspelt title can be found.
    let mut start = 0;
    for (path, count) in per_file {
        let range = start..start + count;
        start += count;
        let unmatched: Vec<&ImportedEntry> = report
            .unmatched
            .iter()
            .filter(|i| range.contains(i))
            .map(|&i| &entries[i])
            .collect();
        if unmatched.is_empty() {
            continue;
        }
        let mut named: Vec<String> = unmatched
            .iter()
            .take(NAMED_UNMATCHED)
            .map(|e| format!("“{}” (line {})", title(e), e.origin.line))
            .collect();
        if unmatched.len() > NAMED_UNMATCHED {
            named.push(format!("{} more", unmatched.len() - NAMED_UNMATCHED));
        }
        corpus.problems.push(LoadProblem {
            file: path.display().to_string(),
            message: format!(
                "{} of {count} entries match no paper: {}",
                unmatched.len(),
                named.join(", ")
            ),
        });
    }
}

/// Puts `entry` between the paper's sidecar and its text: it fills and overrides what the
/// text said, never what the sidecar says.
pub(crate) fn apply_entry(paper: &mut Paper, entry: &ImportedEntry) {
    let sidecar = layer(paper, &FactSource::Sidecar);
    let text = layer(paper, &FactSource::Text);
    set_facts(paper, merge(&sidecar, Some(entry), &text));
}

/// Whether a library (Zotero) already supplied this paper's facts: its records are named by
/// item, not by line.
fn from_library(paper: &Paper) -> bool {
    paper
        .provenance
        .facts
        .iter()
        .any(|(_, s)| matches!(s, FactSource::Imported(o) if o.record.is_some()))
}

/// The facts of `paper` that came from `source`, as one layer to merge again.
fn layer(paper: &Paper, source: &FactSource) -> Metadata {
    use super::facts::FactField as F;
    let from = |field: F| paper.provenance.source(field) == Some(source);
    let m = &paper.metadata;
    let pick = |field: F, v: &Option<String>| v.clone().filter(|_| from(field));
    Metadata {
        title: paper.title.clone().filter(|_| from(F::Title)),
        authors: Some(paper.authors.clone()).filter(|a| !a.is_empty() && from(F::Authors)),
        journal: pick(F::Journal, &m.journal),
        year: m.year.filter(|_| from(F::Year)),
        volume: pick(F::Volume, &m.volume),
        issue: pick(F::Issue, &m.issue),
        pages: pick(F::Pages, &m.pages),
        doi: pick(F::Doi, &m.doi),
        url: pick(F::Url, &m.url),
        language: pick(F::Language, &m.language),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::facts::FactField;

    const TITLE: &str = "以新质生产力发展赋能高质量共建“一带一路”研究";

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        dir
    }

    fn paper_text(title: &str) -> String {
        format!("{title}\n\n刘博 蔡文成\n\n一、引言\n\n新质生产力是推动高质量发展的内在要求。\n")
    }

    #[test]
    fn a_bib_in_the_corpus_fills_journal_and_year_under_the_sidecar() {
        let bib = "@article{liu2025,\n  title = {以新质生产力发展赋能高质量共建“一带一路”研究},\n  \
                   journal = {中州学刊},\n  year = {2025},\n  pages = {34--41},\n}\n\
                   @article{other,\n  title = {An Unrelated Paper},\n  year = {1999},\n}\n";
        let dir = dir_with(&[
            ("liu.txt", &paper_text(TITLE)),
            ("liu.toml", "pages = \"35-41\"\n"),
            ("refs.bib", bib),
        ]);
        let c = Corpus::load_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(c.papers.len(), 1, "{:?}", c.problems);
        let p = &c.papers[0];
        assert_eq!(p.metadata.journal.as_deref(), Some("中州学刊"));
        assert_eq!(p.metadata.year, Some(2025));
        assert_eq!(p.metadata.pages.as_deref(), Some("35-41"), "sidecar wins");
        assert_eq!(p.provenance.key.as_deref(), Some("liu2025"));
        let bib_path = dir.path().join("refs.bib");
        match p.provenance.source(FactField::Journal) {
            Some(FactSource::Imported(o)) => assert_eq!((&o.file, o.line), (&bib_path, 1)),
            other => panic!("journal from {other:?}"),
        }
        assert_eq!(
            p.provenance.source(FactField::Pages),
            Some(&FactSource::Sidecar)
        );
        assert!(!p.missing_fields().contains(&"journal"));
        let unmatched: Vec<&LoadProblem> = c
            .problems
            .iter()
            .filter(|p| p.message.contains("match no paper"))
            .collect();
        assert_eq!(unmatched.len(), 1, "{:?}", c.problems);
        assert!(unmatched[0].message.contains("An Unrelated Paper"));
    }

    #[test]
    fn an_entry_matching_two_papers_is_reported_and_not_applied() {
        let ris = format!("TY  - JOUR\nTI  - {TITLE}\nJO  - 中州学刊\nPY  - 2025\nER  - \n");
        let dir = dir_with(&[
            ("a.txt", &paper_text(TITLE)),
            ("b.txt", &paper_text(TITLE)),
            ("refs.ris", &ris),
        ]);
        let c = Corpus::load_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(c.papers.len(), 2);
        assert!(c.papers.iter().all(|p| p.metadata.journal.is_none()));
        assert!(
            c.problems
                .iter()
                .any(|p| p.message.contains("matches 2 papers equally (a, b)")),
            "{:?}",
            c.problems
        );
    }

    #[test]
    fn a_cnki_export_saved_as_txt_is_metadata_not_a_paper() {
        let net = format!(
            "{{Reference Type}}: Journal Article\n{{Title}}: {TITLE}\n{{Author}}: 刘博;蔡文成;\n\
             {{Journal}}: 中州学刊\n{{Year}}: 2025\n"
        );
        let dir = dir_with(&[("liu.txt", &paper_text(TITLE)), ("CNKI-export.txt", &net)]);
        let c = Corpus::load_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(c.papers.len(), 1, "{:?}", c.problems);
        assert_eq!(c.papers[0].metadata.journal.as_deref(), Some("中州学刊"));
        assert!(c.problems.is_empty(), "{:?}", c.problems);
    }

    #[test]
    fn a_broken_file_is_reported_by_name_and_the_rest_loads() {
        let dir = dir_with(&[
            ("liu.txt", &paper_text(TITLE)),
            ("broken.json", "[\n{\"title\": }\n]"),
        ]);
        let c = Corpus::load_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(c.papers.len(), 1);
        let problem = c
            .problems
            .iter()
            .find(|p| p.file.ends_with("broken.json"))
            .expect("reported");
        assert!(
            problem
                .message
                .starts_with("metadata file skipped: line 2: "),
            "{problem}"
        );
    }
}
