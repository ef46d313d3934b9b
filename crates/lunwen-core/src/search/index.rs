//! The search index over a corpus and the ranked search on it.

use std::collections::BinaryHeap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::corpus::Paper;

use super::matcher::Query;
use super::pinyin::PinyinTable;
use super::units::{Unit, build_units};

/// How many units are matched between two looks at the cancel flag.
const CANCEL_CHECK_EVERY: usize = 512;
/// Below this many candidates a second thread costs more than it saves.
const PARALLEL_MIN_UNITS: usize = 20_000;
/// Cap on matching threads per search, so a big machine does not spawn dozens for nothing.
const MAX_THREADS: usize = 4;

/// What scoring a run of candidates yields.
#[derive(Debug, Default)]
struct Chunk {
    /// Every matching unit, in candidate order.
    matched: Vec<u32>,
    /// The best `limit` of them with their scores, in no order.
    best: Vec<(i64, u32)>,
}

/// A scored unit ordered so that the heap's greatest is the worst kept: lowest score, then
/// latest in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Worst(i64, u32);

impl Ord for Worst {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The units a search looks at: a scope's range, or the matches of a previous query.
#[derive(Debug, Clone)]
enum Candidates<'a> {
    Range(Range<usize>),
    List(&'a [u32]),
}

impl Candidates<'_> {
    fn len(&self) -> usize {
        match self {
            Candidates::Range(r) => r.len(),
            Candidates::List(l) => l.len(),
        }
    }

    /// The candidates at positions `part` (`part` lies within `0..len()`).
    fn slice(&self, part: Range<usize>) -> Self {
        match self {
            Candidates::Range(r) => Candidates::Range(r.start + part.start..r.start + part.end),
            Candidates::List(l) => Candidates::List(l.get(part).unwrap_or(&[])),
        }
    }
}

/// Which part of the corpus to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Only the paper with this index (into the slice the index was built from).
    Paper(usize),
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the unit in [`SearchIndex::units`].
    pub unit: usize,
    pub score: i64,
    /// Matched chars to highlight: sorted char indices into the unit's `text`.
    pub positions: Vec<usize>,
}

/// The outcome of one search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The best hits, best first; ties in document order.
    pub hits: Vec<Hit>,
    /// How many units matched in all (`hits` holds at most `limit` of them).
    pub total: usize,
    /// Every matching unit, in index order: a longer query only needs to look at these.
    pub matched: Vec<u32>,
    /// True when nothing matched exactly and these hits tolerate one typo'd char per term.
    pub typos: bool,
}

/// Lets a running search notice that it is no longer wanted: it is cancelled once the shared
/// generation counter moves past the generation it was started for.
#[derive(Debug, Clone)]
pub struct Cancel {
    current: Arc<AtomicU64>,
    mine: u64,
}

impl Cancel {
    /// A search that runs to the end.
    pub fn never() -> Cancel {
        Cancel {
            current: Arc::new(AtomicU64::new(0)),
            mine: 0,
        }
    }

    /// Cancelled as soon as `current` differs from `mine`.
    pub fn new(current: Arc<AtomicU64>, mine: u64) -> Cancel {
        Cancel { current, mine }
    }

    pub fn is_cancelled(&self) -> bool {
        self.current.load(Ordering::Relaxed) != self.mine
    }
}

/// Every unit of a corpus, ready to be searched. Build once per load; share it behind an `Arc`.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    units: Vec<Unit>,
    /// Unit range of each paper (units are grouped by paper).
    papers: Vec<Range<usize>>,
    table: PinyinTable,
}

impl SearchIndex {
    pub fn build(papers: &[Paper]) -> SearchIndex {
        let mut table = PinyinTable::default();
        let units = build_units(papers, &mut table);
        let mut ranges = vec![0..0; papers.len()];
        for (i, u) in units.iter().enumerate() {
            let r = &mut ranges[u.paper];
            if r.start == r.end {
                *r = i..i + 1;
            } else {
                r.end = i + 1;
            }
        }
        SearchIndex {
            units,
            papers: ranges,
            table,
        }
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    pub fn unit(&self, i: usize) -> Option<&Unit> {
        self.units.get(i)
    }

    /// Ranks the units of `scope` matching `query`: at most `limit` hits, best first, ties in
    /// document order. A query with no exact match is retried allowing one typo per term.
    /// `None` when `cancel` fired first; a blank query finds nothing.
    pub fn search(
        &self,
        query: &str,
        scope: Scope,
        limit: usize,
        cancel: &Cancel,
    ) -> Option<Found> {
        let range = match scope {
            Scope::All => 0..self.units.len(),
            Scope::Paper(p) => self.papers.get(p).cloned().unwrap_or(0..0),
        };
        self.run(query, Candidates::Range(range), limit, cancel)
    }

    /// Like [`search`](Self::search) but only over `candidates` (unit indices in ascending
    /// order), typically the `matched` of a query this one extends, and without the typo
    /// fallback (typo'd hits need not be among the candidates).
    pub fn search_within(
        &self,
        query: &str,
        candidates: &[u32],
        limit: usize,
        cancel: &Cancel,
    ) -> Option<Found> {
        let Some(mut q) = Query::new(query) else {
            return Some(Found::default());
        };
        q.refine(&self.table);
        self.rank(&q, Candidates::List(candidates), limit, false, cancel)
    }

    fn run(
        &self,
        query: &str,
        candidates: Candidates<'_>,
        limit: usize,
        cancel: &Cancel,
    ) -> Option<Found> {
        let Some(mut q) = Query::new(query) else {
            return Some(Found::default());
        };
        q.refine(&self.table);
        let found = self.rank(&q, candidates.clone(), limit, false, cancel)?;
        if found.total > 0 || !q.has_typo_variants() {
            return Some(found);
        }
        self.rank(&q, candidates, limit, true, cancel)
    }

    /// Matches the candidates and keeps the best `limit`, on several threads when there are
    /// many. Chunks are contiguous, so concatenated matches stay in candidate order.
    fn score_all(
        &self,
        q: &Query,
        candidates: Candidates<'_>,
        limit: usize,
        typos: bool,
        cancel: &Cancel,
    ) -> Option<Chunk> {
        let n = candidates.len();
        let threads = if n >= PARALLEL_MIN_UNITS {
            std::thread::available_parallelism()
                .map_or(1, |p| p.get())
                .min(MAX_THREADS)
        } else {
            1
        };
        if threads <= 1 {
            return self.score_chunk(q, candidates, limit, typos, cancel);
        }
        let chunk = n.div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let part = candidates.slice(t * chunk..((t + 1) * chunk).min(n));
                    s.spawn(move || self.score_chunk(q, part, limit, typos, cancel))
                })
                .collect();
            let mut all = Chunk::default();
            for h in handles {
                match h.join() {
                    Ok(part) => {
                        let part = part?;
                        all.matched.extend(part.matched);
                        all.best.extend(part.best);
                    }
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            Some(all)
        })
    }

    /// Every match of the chunk, and its best `limit` with their scores. Skim only scores a
    /// unit that could still make the best `limit`: units come in document order, so one whose
    /// bound does not beat the worst kept score could at most tie, and lose the tie.
    fn score_chunk(
        &self,
        q: &Query,
        candidates: Candidates<'_>,
        limit: usize,
        typos: bool,
        cancel: &Cancel,
    ) -> Option<Chunk> {
        let mut matched = Vec::new();
        let mut best: BinaryHeap<Worst> = BinaryHeap::with_capacity(limit.min(4096) + 1);
        let mut visit = |n: usize, i: u32| {
            if n.is_multiple_of(CANCEL_CHECK_EVERY) && cancel.is_cancelled() {
                return false;
            }
            let Some(unit) = self.units.get(i as usize) else {
                return true;
            };
            let Some(bound) = q.bound(unit, &self.table, typos) else {
                return true;
            };
            matched.push(i);
            let full = best.len() >= limit;
            if full && best.peek().is_none_or(|w| bound <= w.0) {
                return true;
            }
            if let Some(score) = q.score(unit, &self.table, typos) {
                best.push(Worst(score, i));
                if best.len() > limit {
                    best.pop();
                }
            }
            true
        };
        let finished = match candidates {
            Candidates::Range(r) => r.enumerate().all(|(n, i)| visit(n, i as u32)),
            Candidates::List(l) => l.iter().enumerate().all(|(n, &i)| visit(n, i)),
        };
        finished.then(|| Chunk {
            matched,
            best: best.into_iter().map(|w| (w.0, w.1)).collect(),
        })
    }

    fn rank(
        &self,
        q: &Query,
        candidates: Candidates<'_>,
        limit: usize,
        typos: bool,
        cancel: &Cancel,
    ) -> Option<Found> {
        let Chunk { matched, best } = self.score_all(q, candidates, limit, typos, cancel)?;
        let mut scored = best;
        let total = matched.len();
        let by_rank = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if limit < scored.len() {
            if limit == 0 {
                scored.clear();
            } else {
                scored.select_nth_unstable_by(limit - 1, by_rank);
                scored.truncate(limit);
            }
        }
        scored.sort_unstable_by(by_rank);
        let hits = scored
            .into_iter()
            .filter_map(|(score, i)| {
                let located = q.locate(&self.units[i as usize], &self.table, typos)?;
                Some(Hit {
                    unit: i as usize,
                    score,
                    positions: located.positions,
                })
            })
            .collect();
        Some(Found {
            hits,
            total,
            matched,
            typos,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, BlockKind, Corpus};

    fn paper(id: &str, title: &str, paragraphs: &[&str]) -> Paper {
        Paper {
            id: id.into(),
            title: Some(title.into()),
            blocks: paragraphs
                .iter()
                .map(|t| Block {
                    kind: BlockKind::Paragraph,
                    section: None,
                    text: t.to_string(),
                    markers: vec![],
                    pages: Vec::new(),
                })
                .collect(),
            ..Paper::default()
        }
    }

    fn papers() -> Vec<Paper> {
        vec![
            paper(
                "a",
                "新质生产力研究",
                &["发展新质生产力是要求。生产关系也要变。", "共建“一带一路”。"],
            ),
            paper("b", "数字经济", &["数字经济赋能新质生产力。新的质量。"]),
        ]
    }

    fn texts(index: &SearchIndex, found: &Found) -> Vec<String> {
        found
            .hits
            .iter()
            .map(|h| index.units()[h.unit].text.clone())
            .collect()
    }

    #[test]
    fn ranks_by_score_then_document_order() {
        let index = SearchIndex::build(&papers());
        let found = index
            .search("新质生产力", Scope::All, 10, &Cancel::never())
            .unwrap();
        assert_eq!(
            texts(&index, &found),
            vec![
                "新质生产力研究",
                "发展新质生产力是要求。",
                "数字经济赋能新质生产力。"
            ]
        );
        assert_eq!(found.total, 3);
        assert!(!found.typos);
        let scores: Vec<i64> = found.hits.iter().map(|h| h.score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
        let limited = index
            .search("新质生产力", Scope::All, 2, &Cancel::never())
            .unwrap();
        assert_eq!(limited.hits, found.hits[..2]);
        assert_eq!(limited.total, 3);
    }

    #[test]
    fn pinyin_hits_carry_positions_on_the_han_chars() {
        let index = SearchIndex::build(&papers());
        let found = index
            .search("xzscl", Scope::All, 10, &Cancel::never())
            .unwrap();
        assert_eq!(found.total, 3);
        let hit = found
            .hits
            .iter()
            .find(|h| index.units()[h.unit].text == "数字经济赋能新质生产力。")
            .unwrap();
        assert_eq!(hit.positions, vec![6, 7, 8, 9, 10]);
    }

    #[test]
    fn scope_limits_to_one_paper() {
        let index = SearchIndex::build(&papers());
        let found = index
            .search("新质生产力", Scope::Paper(1), 10, &Cancel::never())
            .unwrap();
        assert_eq!(texts(&index, &found), vec!["数字经济赋能新质生产力。"]);
        assert!(found.hits.iter().all(|h| index.units()[h.unit].paper == 1));
        let none = index
            .search("新质", Scope::Paper(7), 10, &Cancel::never())
            .unwrap();
        assert_eq!(none.total, 0);
    }

    #[test]
    fn typo_fallback_only_when_nothing_matches() {
        let index = SearchIndex::build(&papers());
        let found = index
            .search("数字经齐", Scope::All, 10, &Cancel::never())
            .unwrap();
        assert!(found.typos);
        assert!(texts(&index, &found).contains(&"数字经济".to_string()));
        let none = index
            .search("区块链技术", Scope::All, 10, &Cancel::never())
            .unwrap();
        assert_eq!(none.total, 0);
    }

    #[test]
    fn narrowing_within_previous_hits_gives_the_same_answer() {
        let index = SearchIndex::build(&papers());
        let never = Cancel::never();
        let first = index.search("生产", Scope::All, 10, &never).unwrap();
        let full = index.search("生产力", Scope::All, 10, &never).unwrap();
        let narrowed = index
            .search_within("生产力", &first.matched, 10, &never)
            .unwrap();
        assert_eq!(full, narrowed);
        assert!(first.total > full.total);
    }

    #[test]
    fn parallel_scoring_equals_one_thread_in_order() {
        let text: Vec<String> = (0..PARALLEL_MIN_UNITS)
            .map(|i| format!("第{i}句新质生产力。"))
            .collect();
        let refs: Vec<&str> = text.iter().map(String::as_str).collect();
        let index = SearchIndex::build(&[paper("big", "大", &refs)]);
        let never = Cancel::never();
        let q = Query::new("第12 力").unwrap();
        let all = Candidates::Range(0..index.units().len());
        let parallel = index.score_all(&q, all.clone(), 7, false, &never).unwrap();
        let single = index.score_chunk(&q, all, 7, false, &never).unwrap();
        assert_eq!(parallel.matched, single.matched);
        assert!(parallel.matched.len() > 100);
        let ranked = |mut best: Vec<(i64, u32)>| {
            best.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            best.truncate(7);
            best
        };
        assert_eq!(ranked(parallel.best), ranked(single.best));
    }

    #[test]
    fn pruned_ranking_equals_scoring_every_match() {
        let corpus = Corpus::bundled();
        let index = SearchIndex::build(&corpus.papers);
        let never = Cancel::never();
        for query in [
            "新质生产力",
            "xzscl",
            "力",
            "发展 合作",
            "gjydyl",
            "新质生厂力",
        ] {
            let q = Query::new(query).unwrap();
            for limit in [1, 5, 50] {
                let found = index.search(query, Scope::All, limit, &never).unwrap();
                let mut all: Vec<(i64, usize)> = index
                    .units()
                    .iter()
                    .enumerate()
                    .filter_map(|(i, u)| q.score(u, &index.table, found.typos).map(|s| (s, i)))
                    .collect();
                assert_eq!(found.total, all.len(), "{query}");
                all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                all.truncate(limit);
                let got: Vec<(i64, usize)> = found.hits.iter().map(|h| (h.score, h.unit)).collect();
                assert_eq!(got, all, "{query} limit {limit}");
            }
        }
    }

    #[test]
    fn a_cancelled_search_returns_none() {
        let index = SearchIndex::build(&papers());
        let generation = Arc::new(AtomicU64::new(1));
        let cancel = Cancel::new(generation.clone(), 1);
        assert!(index.search("新质", Scope::All, 10, &cancel).is_some());
        generation.store(2, Ordering::Relaxed);
        assert!(index.search("新质", Scope::All, 10, &cancel).is_none());
    }

    #[test]
    fn bundled_corpus_finds_its_key_phrase_by_chinese_and_pinyin() {
        let corpus = Corpus::bundled();
        let index = SearchIndex::build(&corpus.papers);
        let never = Cancel::never();
        for q in ["新质生产力", "xzscl", "xinzhishengchanli"] {
            let found = index.search(q, Scope::All, 5, &never).unwrap();
            assert!(found.total > 10, "{q}: {}", found.total);
            for h in &found.hits {
                let chars: Vec<char> = index.units()[h.unit].text.chars().collect();
                let lit: String = h.positions.iter().map(|&p| chars[p]).collect();
                assert_eq!(lit, "新质生产力", "{q}");
            }
        }
    }
}
