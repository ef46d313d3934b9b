//! Searching on a worker thread so the UI never waits: each `submit` supersedes the previous
//! query, which stops at its next cancel check, and a query extending the last finished one
//! only searches that one's matches. Results come back through the searcher
//! ([`Searcher::try_recv`]) or go wherever the caller says ([`Searcher::with_sink`]: the TUI's one
//! event channel).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::index::{Cancel, Hit, Scope, SearchIndex};

/// What the worker sends back for the latest query.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// The generation `submit` returned for this query.
    pub generation: u64,
    pub query: String,
    pub scope: Scope,
    /// Best hits first, at most the searcher's limit.
    pub hits: Vec<Hit>,
    /// How many units matched in all.
    pub total: usize,
    /// The hits only match with one typo'd char per term.
    pub typos: bool,
    /// Time the worker spent on this query.
    pub elapsed: Duration,
}

struct Job {
    generation: u64,
    query: String,
    scope: Scope,
}

/// The last finished search, kept to narrow the next one.
struct Previous {
    query: String,
    scope: Scope,
    matched: Vec<u32>,
    typos: bool,
}

/// A search worker over one index. Dropping it stops the thread.
pub struct Searcher {
    generation: Arc<AtomicU64>,
    jobs: Option<Sender<Job>>,
    /// Where results come back when no sink was given.
    results: Option<Receiver<SearchResults>>,
    thread: Option<JoinHandle<()>>,
}

impl Searcher {
    /// Starts the worker; each search returns at most `limit` hits.
    pub fn new(index: Arc<SearchIndex>, limit: usize) -> Searcher {
        let (result_tx, results) = mpsc::channel();
        let mut searcher = Searcher::with_sink(index, limit, move |r| result_tx.send(r).is_ok());
        searcher.results = Some(results);
        searcher
    }

    /// Starts the worker handing the results of the latest query to `sink` (those of a query
    /// superseded meanwhile are dropped); `sink` returns false once nobody listens, which stops
    /// the worker.
    pub fn with_sink(
        index: Arc<SearchIndex>,
        limit: usize,
        mut sink: impl FnMut(SearchResults) -> bool + Send + 'static,
    ) -> Searcher {
        let generation = Arc::new(AtomicU64::new(0));
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let current = generation.clone();
        let thread = std::thread::Builder::new()
            .name("lunwen-search".into())
            .spawn(move || work(&index, limit, &current, &job_rx, &mut sink))
            .ok();
        Searcher {
            generation,
            jobs: Some(jobs),
            results: None,
            thread,
        }
    }

    /// Asks for `query` over `scope`, cancelling whatever is running. Returns the generation
    /// its results will carry.
    pub fn submit(&self, query: &str, scope: Scope) -> u64 {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(jobs) = &self.jobs {
            // A send error means the worker is gone; `try_recv` then simply yields nothing.
            let _ = jobs.send(Job {
                generation,
                query: query.to_string(),
                scope,
            });
        }
        generation
    }

    /// The newest results, if any arrived since the last call; results of superseded queries
    /// are dropped. Never blocks.
    pub fn try_recv(&self) -> Option<SearchResults> {
        let mut newest = None;
        let results = self.results.as_ref()?;
        while let Ok(r) = results.try_recv() {
            newest = Some(r);
        }
        newest.filter(|r: &SearchResults| r.generation == self.generation.load(Ordering::SeqCst))
    }

    /// Waits up to `timeout` for the results of the latest query (for the CLI and tests).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<SearchResults> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let r = self.results.as_ref()?.recv_timeout(left).ok()?;
            if r.generation == self.generation.load(Ordering::SeqCst) {
                return Some(r);
            }
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn work(
    index: &SearchIndex,
    limit: usize,
    current: &Arc<AtomicU64>,
    jobs: &Receiver<Job>,
    sink: &mut dyn FnMut(SearchResults) -> bool,
) {
    let mut previous: Option<Previous> = None;
    while let Ok(mut job) = jobs.recv() {
        // Only the newest queued query matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let cancel = Cancel::new(current.clone(), job.generation);
        if cancel.is_cancelled() {
            continue;
        }
        let started = Instant::now();
        let narrow = previous
            .as_ref()
            .filter(|p| p.scope == job.scope && !p.typos && extends(&job.query, &p.query));
        let found = match narrow {
            // Typo-tolerant hits need not be among the previous matches: search afresh.
            Some(p) => match index.search_within(&job.query, &p.matched, limit, &cancel) {
                Some(f) if f.total == 0 => index.search(&job.query, job.scope, limit, &cancel),
                other => other,
            },
            None => index.search(&job.query, job.scope, limit, &cancel),
        };
        let Some(found) = found else {
            continue;
        };
        let elapsed = started.elapsed();
        previous = Some(Previous {
            query: job.query.clone(),
            scope: job.scope,
            matched: found.matched,
            typos: found.typos,
        });
        if cancel.is_cancelled() {
            continue;
        }
        let sent = sink(SearchResults {
            generation: job.generation,
            query: job.query,
            scope: job.scope,
            hits: found.hits,
            total: found.total,
            typos: found.typos,
            elapsed,
        });
        if !sent {
            return;
        }
    }
}

/// Does every unit matching `new` also match `old`? True when `new` only adds chars to the
/// end of `old` (same terms, the last one longer, or more terms), as typing does.
fn extends(new: &str, old: &str) -> bool {
    !old.trim().is_empty() && new.starts_with(old.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, BlockKind, Paper};

    fn index() -> Arc<SearchIndex> {
        let blocks = (0..400)
            .map(|i| Block {
                kind: BlockKind::Paragraph,
                section: None,
                text: format!("第{i}段发展新质生产力。数字经济第{i}句。"),
                markers: vec![],
                pages: Vec::new(),
            })
            .collect();
        let paper = Paper {
            id: "p".into(),
            title: Some("新质生产力".into()),
            blocks,
            ..Paper::default()
        };
        Arc::new(SearchIndex::build(&[paper]))
    }

    const WAIT: Duration = Duration::from_secs(10);

    #[test]
    fn results_carry_the_latest_generation_only() {
        let searcher = Searcher::new(index(), 5);
        let first = searcher.submit("数字", Scope::All);
        let second = searcher.submit("xzscl", Scope::All);
        assert!(second > first);
        let r = searcher.recv_timeout(WAIT).unwrap();
        assert_eq!(r.generation, second);
        assert_eq!(r.query, "xzscl");
        assert_eq!(r.hits.len(), 5);
        assert_eq!(r.total, 401);
        assert!(searcher.try_recv().is_none());
    }

    #[test]
    fn growing_query_narrows_and_agrees_with_a_full_search() {
        let idx = index();
        let searcher = Searcher::new(idx.clone(), 50);
        searcher.submit("新质", Scope::All);
        let wide = searcher.recv_timeout(WAIT).unwrap();
        searcher.submit("新质生产力 第12", Scope::All);
        let narrow = searcher.recv_timeout(WAIT).unwrap();
        let full = idx
            .search("新质生产力 第12", Scope::All, 50, &Cancel::never())
            .unwrap();
        assert_eq!(narrow.hits, full.hits);
        assert_eq!(narrow.total, full.total);
        assert!(narrow.total < wide.total);
    }

    #[test]
    fn scope_change_searches_afresh() {
        let searcher = Searcher::new(index(), 5);
        searcher.submit("数字", Scope::Paper(0));
        let a = searcher.recv_timeout(WAIT).unwrap();
        searcher.submit("数字经济", Scope::Paper(1));
        let b = searcher.recv_timeout(WAIT).unwrap();
        assert_eq!(a.total, 400);
        assert_eq!(b.total, 0);
    }

    #[test]
    fn extends_follows_typing() {
        assert!(extends("新质生", "新质"));
        assert!(extends("新质 生", "新质"));
        assert!(extends("新质 生", "新质 "));
        assert!(!extends("新", "新质"));
        assert!(!extends("x新质", "新质"));
        assert!(!extends("新质", ""));
    }
}
