//! Which imported entry describes which paper. A wrong match is worse than none — it would
//! cite one paper with another's journal — so every doubtful case is reported, not applied.

use std::collections::HashMap;

use super::entry::ImportedEntry;
use super::normalize::{distinctive, main_title, normalize_doi, normalize_title};

/// What a paper offers for matching: its id, and the title and DOI it has (parsed or from
/// its sidecar).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaperKey {
    pub id: String,
    pub title: Option<String>,
    pub doi: Option<String>,
}

/// How an entry was matched to a paper, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Same DOI.
    Doi,
    /// Same normalised title.
    Title,
    /// One title is the other's main title plus a subtitle (`主标题——副标题` against
    /// `主标题`), and that main title is long enough to identify the work.
    MainTitle,
}

/// A paper and the entry that describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperMatch {
    /// Index into the papers given to [`match_entries`].
    pub paper: usize,
    /// Index into the entries given to it.
    pub entry: usize,
    pub how: MatchKind,
}

/// An entry that matches several papers equally well; applied to none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmbiguousEntry {
    pub entry: usize,
    pub papers: Vec<usize>,
    pub how: MatchKind,
}

/// A paper that different entries match equally well, with different facts; none applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContestedPaper {
    pub paper: usize,
    pub entries: Vec<usize>,
    pub how: MatchKind,
}

/// The outcome of matching, everything by index into the inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchReport {
    /// At most one per paper, in paper order.
    pub matched: Vec<PaperMatch>,
    /// Entries that match no paper.
    pub unmatched: Vec<usize>,
    pub ambiguous: Vec<AmbiguousEntry>,
    pub contested: Vec<ContestedPaper>,
}

impl MatchReport {
    /// The match for paper `paper`, if it has one.
    pub fn for_paper(&self, paper: usize) -> Option<&PaperMatch> {
        self.matched.iter().find(|m| m.paper == paper)
    }
}

/// The keys one side offers, computed once.
struct Keys {
    doi: Option<String>,
    title: Option<String>,
    /// The main title, when the title has a subtitle and the main title is distinctive.
    main: Option<String>,
}

impl Keys {
    fn of(title: Option<&str>, doi: Option<&str>) -> Keys {
        let title_key = title.map(normalize_title).filter(|t| !t.is_empty());
        Keys {
            doi: doi.and_then(normalize_doi),
            main: title.and_then(main_title).filter(|m| distinctive(m)),
            title: title_key,
        }
    }

    /// How strongly these keys match `other`'s, if at all. Two different DOIs are two
    /// different works whatever their titles say.
    fn matches(&self, other: &Keys) -> Option<MatchKind> {
        match (&self.doi, &other.doi) {
            (Some(a), Some(b)) if a == b => return Some(MatchKind::Doi),
            (Some(_), Some(_)) => return None,
            _ => {}
        }
        let (a, b) = (self.title.as_ref()?, other.title.as_ref()?);
        if a == b {
            return Some(MatchKind::Title);
        }
        // Only one side may have the subtitle: two titles with different subtitles are
        // different papers (parts of a series).
        let one_sided = self.main.as_ref() == Some(b) || other.main.as_ref() == Some(a);
        one_sided.then_some(MatchKind::MainTitle)
    }
}

/// The papers by each key, so an entry is compared only with the papers that share one of
/// its keys: a library of thousands of entries against thousands of papers stays fast.
struct Index<'a> {
    by_doi: HashMap<&'a str, Vec<usize>>,
    by_title: HashMap<&'a str, Vec<usize>>,
    by_main: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn of(papers: &'a [Keys]) -> Index<'a> {
        let mut index = Index {
            by_doi: HashMap::new(),
            by_title: HashMap::new(),
            by_main: HashMap::new(),
        };
        for (i, k) in papers.iter().enumerate() {
            for (map, key) in [
                (&mut index.by_doi, &k.doi),
                (&mut index.by_title, &k.title),
                (&mut index.by_main, &k.main),
            ] {
                if let Some(key) = key {
                    map.entry(key.as_str()).or_default().push(i);
                }
            }
        }
        index
    }

    /// Papers that could match `keys`, in paper order, each once: every pair
    /// [`Keys::matches`] can accept shares a DOI, a title, or a title and a main title.
    fn candidates(&self, keys: &Keys) -> Vec<usize> {
        let lookups = [
            (&self.by_doi, &keys.doi),
            (&self.by_title, &keys.title),
            (&self.by_main, &keys.title),
            (&self.by_title, &keys.main),
        ];
        let mut out: Vec<usize> = lookups
            .into_iter()
            .filter_map(|(map, key)| map.get(key.as_deref()?))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Pairs papers with the entries that describe them: by DOI, else by normalised title, else
/// by main title when only one side has a subtitle. An entry matching several papers at its
/// best strength is ambiguous; a paper matched by several entries at the same strength takes
/// them only if they agree on every fact (the same record in two files).
pub fn match_entries(papers: &[PaperKey], entries: &[ImportedEntry]) -> MatchReport {
    let paper_keys: Vec<Keys> = papers
        .iter()
        .map(|p| Keys::of(p.title.as_deref(), p.doi.as_deref()))
        .collect();
    let index = Index::of(&paper_keys);
    let mut report = MatchReport::default();
    // Per paper: the entries that chose it, with how.
    let mut chosen: Vec<Vec<(usize, MatchKind)>> = vec![Vec::new(); papers.len()];
    for (ei, entry) in entries.iter().enumerate() {
        let keys = Keys::of(entry.title.as_deref(), entry.doi.as_deref());
        let hits: Vec<(usize, MatchKind)> = index
            .candidates(&keys)
            .into_iter()
            .filter_map(|pi| keys.matches(&paper_keys[pi]).map(|how| (pi, how)))
            .collect();
        let Some(best) = hits.iter().map(|&(_, how)| how).min() else {
            report.unmatched.push(ei);
            continue;
        };
        let best_papers: Vec<usize> = hits
            .iter()
            .filter(|&&(_, how)| how == best)
            .map(|&(pi, _)| pi)
            .collect();
        match best_papers.as_slice() {
            [one] => chosen[*one].push((ei, best)),
            _ => report.ambiguous.push(AmbiguousEntry {
                entry: ei,
                papers: best_papers,
                how: best,
            }),
        }
    }
    for (pi, candidates) in chosen.into_iter().enumerate() {
        let Some(best) = candidates.iter().map(|&(_, how)| how).min() else {
            continue;
        };
        let best_entries: Vec<usize> = candidates
            .iter()
            .filter(|&&(_, how)| how == best)
            .map(|&(ei, _)| ei)
            .collect();
        let first = best_entries[0];
        if best_entries
            .iter()
            .all(|&ei| entries[ei].same_facts(&entries[first]))
        {
            report.matched.push(PaperMatch {
                paper: pi,
                entry: first,
                how: best,
            });
        } else {
            report.contested.push(ContestedPaper {
                paper: pi,
                entries: best_entries,
                how: best,
            });
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(id: &str, title: Option<&str>, doi: Option<&str>) -> PaperKey {
        PaperKey {
            id: id.into(),
            title: title.map(str::to_string),
            doi: doi.map(str::to_string),
        }
    }

    fn entry(title: Option<&str>, doi: Option<&str>) -> ImportedEntry {
        let mut e = ImportedEntry::at_line(1);
        e.title = title.map(str::to_string);
        e.doi = doi.map(str::to_string);
        e
    }

    #[test]
    fn doi_first_case_and_prefix_insensitive() {
        let papers = [
            paper("a", Some("Some Title"), Some("https://doi.org/10.1/ABC")),
            paper("b", Some("Other"), None),
        ];
        let entries = [entry(Some("Completely different"), Some("10.1/abc"))];
        let r = match_entries(&papers, &entries);
        assert_eq!(
            r.matched,
            [PaperMatch {
                paper: 0,
                entry: 0,
                how: MatchKind::Doi
            }]
        );
    }

    #[test]
    fn titles_match_across_width_spacing_and_punctuation() {
        let papers = [paper(
            "000",
            Some("以新质生产力发展赋能高质量共建“一带一路”研究"),
            None,
        )];
        let entries = [entry(
            Some("以新质生产力发展赋能高质量共建\"一带一路\" 研究"),
            Some("10.5555/x"),
        )];
        let r = match_entries(&papers, &entries);
        assert_eq!(r.matched[0].how, MatchKind::Title);
        let papers = [paper("en", Some("Deep Learning: A Survey"), None)];
        let entries = [entry(Some("DEEP LEARNING — A SURVEY."), None)];
        assert_eq!(
            match_entries(&papers, &entries).matched[0].how,
            MatchKind::Title
        );
    }

    #[test]
    fn different_dois_veto_a_title_match() {
        let papers = [paper("a", Some("Same Title"), Some("10.1/a"))];
        let entries = [entry(Some("Same Title"), Some("10.1/b"))];
        let r = match_entries(&papers, &entries);
        assert!(r.matched.is_empty());
        assert_eq!(r.unmatched, [0]);
    }

    #[test]
    fn subtitle_on_one_side_only() {
        let full = "数字经济与区域创新——基于省级面板数据的实证研究";
        let papers = [paper("p", Some("数字经济与区域创新"), None)];
        let r = match_entries(&papers, &[entry(Some(full), None)]);
        assert_eq!(r.matched[0].how, MatchKind::MainTitle);
        // The other way round: the paper's text has the subtitle, the export does not.
        let papers = [paper("p", Some(full), None)];
        let r = match_entries(&papers, &[entry(Some("数字经济与区域创新"), None)]);
        assert_eq!(r.matched[0].how, MatchKind::MainTitle);
        // English, with a colon.
        let papers = [paper("p", Some("Attention Is All You Need"), None)];
        let r = match_entries(
            &papers,
            &[entry(Some("Attention is all you need: transformers"), None)],
        );
        assert_eq!(r.matched[0].how, MatchKind::MainTitle);
    }

    #[test]
    fn different_subtitles_and_short_main_titles_do_not_match() {
        let papers = [paper("p", Some("数字经济与区域创新——理论篇"), None)];
        let r = match_entries(&papers, &[entry(Some("数字经济与区域创新——实证篇"), None)]);
        assert_eq!(r.unmatched, [0]);
        let papers = [paper("p", Some("研究综述"), None)];
        let r = match_entries(&papers, &[entry(Some("研究综述：数字经济"), None)]);
        assert_eq!(r.unmatched, [0]);
        let papers = [paper("p", Some("Introduction"), None)];
        let r = match_entries(&papers, &[entry(Some("Introduction: a primer"), None)]);
        assert_eq!(r.unmatched, [0]);
    }

    #[test]
    fn an_entry_matching_two_papers_is_ambiguous() {
        let papers = [
            paper("a", Some("Same Title"), None),
            paper("b", Some("same title"), None),
        ];
        let r = match_entries(&papers, &[entry(Some("Same Title"), None)]);
        assert!(r.matched.is_empty());
        assert_eq!(
            r.ambiguous,
            [AmbiguousEntry {
                entry: 0,
                papers: vec![0, 1],
                how: MatchKind::Title
            }]
        );
    }

    #[test]
    fn the_stronger_match_wins_over_a_weaker_one() {
        let papers = [
            paper("a", Some("Title One"), Some("10.1/x")),
            paper("b", Some("Title One"), None),
        ];
        // By DOI it is paper a; paper b's equal title does not make it ambiguous.
        let r = match_entries(&papers, &[entry(Some("Title One"), Some("10.1/x"))]);
        assert_eq!(r.matched.len(), 1);
        assert_eq!(r.matched[0].paper, 0);
        assert_eq!(r.matched[0].how, MatchKind::Doi);
        assert!(r.ambiguous.is_empty());
    }

    #[test]
    fn two_entries_for_one_paper() {
        let papers = [paper("a", Some("Title One"), None)];
        let mut e1 = entry(Some("Title One"), None);
        e1.year = Some(2020);
        let mut same = e1.clone();
        same.origin.line = 50;
        let r = match_entries(&papers, &[e1.clone(), same]);
        assert_eq!(
            r.matched[0].entry, 0,
            "the same record twice is no conflict"
        );
        let mut other = e1.clone();
        other.year = Some(2021);
        let r = match_entries(&papers, &[e1.clone(), other]);
        assert!(r.matched.is_empty());
        assert_eq!(r.contested[0].entries, [0, 1]);
        // A DOI match beats a title match for the same paper.
        let papers = [paper("a", Some("Title One"), Some("10.1/x"))];
        let by_doi = entry(Some("Other wording"), Some("10.1/x"));
        let r = match_entries(&papers, &[e1, by_doi]);
        assert_eq!(r.matched[0].entry, 1);
        assert_eq!(r.matched[0].how, MatchKind::Doi);
    }

    #[test]
    fn thousands_against_thousands() {
        let papers: Vec<PaperKey> = (0..5000)
            .map(|i| {
                paper(
                    &i.to_string(),
                    Some(&format!("Paper number {i} on a topic")),
                    None,
                )
            })
            .collect();
        let entries: Vec<ImportedEntry> = (0..20_000)
            .map(|i| entry(Some(&format!("Paper number {i} on a topic")), None))
            .collect();
        let start = std::time::Instant::now();
        let r = match_entries(&papers, &entries);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(r.matched.len(), 5000);
        assert_eq!(r.unmatched.len(), 15_000);
    }

    #[test]
    fn untitled_papers_and_entries_match_nothing() {
        let papers = [paper("a", None, None), paper("b", Some("，"), None)];
        let r = match_entries(&papers, &[entry(None, None), entry(Some("。"), None)]);
        assert_eq!(r.unmatched, [0, 1]);
        assert_eq!(r.for_paper(0), None);
    }
}
