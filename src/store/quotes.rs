//! The quote log: every copied quotation, one JSON object per line, in the data directory.
//! `lunwen quotes` lists it and `lunwen quotes --check` re-finds each quote in the corpus, so a
//! researcher learns when a paper they quoted has changed under them.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use lunwen_core::corpus::citation::Style;
use lunwen_core::corpus::text::{fold_width, sanitize};
use lunwen_core::corpus::{Corpus, Paper};

/// File name of the log inside the data directory.
pub const LOG_FILE: &str = "quotes.jsonl";

/// One copied quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// When it was copied, RFC 3339 in UTC.
    pub time: String,
    /// Paper id (file stem).
    pub paper: String,
    /// Title at the time of copying, so the list reads well even if the paper is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Headings from the top down to the one holding the quote.
    #[serde(default)]
    pub section: Vec<String>,
    /// Index into the paper's `blocks` of the (first) paragraph quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// The quoted text, without template or citation.
    pub text: String,
    /// Citation style name (`gbt7714`, `note`, `apa`, `bibtex`).
    pub style: String,
}

/// What was quoted, before it is stamped with the time it went on the clipboard: the app builds
/// one without reading the clock, and whoever carries out the copy stamps it ([`Quote::at`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub paper: String,
    pub title: Option<String>,
    pub section: Vec<String>,
    pub paragraph: Option<usize>,
    pub text: String,
    pub style: String,
}

impl Quote {
    /// `text` quoted from block `paragraph` of `paper`.
    pub fn new(paper: &Paper, paragraph: Option<usize>, text: &str, style: Style) -> Quote {
        let section = paragraph
            .and_then(|i| paper.blocks.get(i))
            .and_then(|b| b.section)
            .filter(|&s| s < paper.outline.len())
            .map(|s| {
                paper
                    .section_path(Some(s))
                    .iter()
                    .map(|h| h.heading.clone())
                    .collect()
            })
            .unwrap_or_default();
        Quote {
            paper: paper.id.clone(),
            title: paper.title.clone(),
            section,
            paragraph,
            text: text.to_string(),
            style: style.name().to_string(),
        }
    }

    /// The log record of this quote, copied at `time`.
    pub fn at(self, time: SystemTime) -> QuoteRecord {
        QuoteRecord {
            time: rfc3339(time),
            paper: self.paper,
            title: self.title,
            section: self.section,
            paragraph: self.paragraph,
            text: self.text,
            style: self.style,
        }
    }
}

impl QuoteRecord {
    /// The record with every string passed through [`sanitize`]: the log is a plain file that
    /// an old version, a sync tool or an editor may have filled with anything, and all of it
    /// is printed (`quotes --json` too, where JSON escaping leaves C1 controls and bidi
    /// overrides alone).
    fn sanitized(self) -> QuoteRecord {
        QuoteRecord {
            time: sanitize(&self.time),
            paper: sanitize(&self.paper),
            title: self.title.as_deref().map(sanitize),
            section: self.section.iter().map(|s| sanitize(s)).collect(),
            paragraph: self.paragraph,
            text: sanitize(&self.text),
            style: sanitize(&self.style),
        }
    }
}

/// The records of a log, and the lines that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogContents {
    pub records: Vec<QuoteRecord>,
    /// `quotes.jsonl line 7: …, skipped` — never fatal.
    pub problems: Vec<LogProblem>,
}

/// A line of the log that holds no record; it is skipped, never fatal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{log} line {line}: {damage}, skipped")]
pub struct LogProblem {
    /// The log as it is named to the user (its path).
    pub log: String,
    /// 1-based.
    pub line: usize,
    pub damage: Damage,
}

/// What is wrong with a line of the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    /// The last line, cut short by a write that was interrupted: the next append starts afresh
    /// on a new line, so nothing else is lost.
    #[error("truncated record (an interrupted write)")]
    Truncated,
    /// A complete line that is not a record (edited by hand, written by something else), with
    /// the parser's reason.
    #[error("unreadable record: {0}")]
    Unreadable(String),
}

/// A quote log file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLog {
    path: PathBuf,
}

impl QuoteLog {
    pub fn new(path: impl Into<PathBuf>) -> QuoteLog {
        QuoteLog { path: path.into() }
    }

    /// The log in the data directory: `$LUNWEN_DATA_DIR/quotes.jsonl` if that is set, else the
    /// platform data directory (`~/.local/share/lunwen` on Linux).
    pub fn default_location() -> Result<QuoteLog, String> {
        super::data_dir(std::env::var_os("LUNWEN_DATA_DIR").map(PathBuf::from))
            .map(|d| QuoteLog::new(d.join(LOG_FILE)))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record as one line.
    ///
    /// Why a single `O_APPEND` write rather than rewrite-to-temp-and-rename: every append lands
    /// at the end even with two lunwen instances open (the kernel positions each `O_APPEND`
    /// write atomically), earlier lines are never rewritten so a crash cannot lose them, and the
    /// cost does not grow with the log. The one failure left, a crash mid-write, leaves a
    /// truncated last line: the reader reports and skips it, and the next append starts on a
    /// fresh line so the damage does not spread.
    pub fn append(&self, record: &QuoteRecord) -> Result<(), String> {
        let shown = self.path.display();
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(|e| format!("cannot open {shown}: {e}"))?;
        let mut line = Vec::new();
        if ends_mid_line(&mut file).map_err(|e| format!("cannot read {shown}: {e}"))? {
            line.push(b'\n');
        }
        serde_json::to_writer(&mut line, record).map_err(|e| format!("{shown}: {e}"))?;
        line.push(b'\n');
        file.write_all(&line)
            .and_then(|()| file.sync_data())
            .map_err(|e| format!("cannot write {shown}: {e}"))
    }

    /// Every readable record, oldest first. A missing log is an empty one.
    pub fn read(&self) -> Result<LogContents, String> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(LogContents::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", self.path.display())),
        };
        Ok(parse_log(&self.path.display().to_string(), &bytes))
    }
}

/// True when the file is not empty and its last byte is not a newline.
fn ends_mid_line(file: &mut std::fs::File) -> std::io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

fn parse_log(name: &str, bytes: &[u8]) -> LogContents {
    let mut contents = LogContents::default();
    let text = String::from_utf8_lossy(bytes);
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<QuoteRecord>(line) {
            Ok(r) => contents.records.push(r.sanitized()),
            Err(e) => {
                let damage = if i + 1 == lines.len() && !complete {
                    Damage::Truncated
                } else {
                    Damage::Unreadable(e.to_string())
                };
                contents.problems.push(LogProblem {
                    log: name.to_string(),
                    line: i + 1,
                    damage,
                });
            }
        }
    }
    contents
}

/// Whether a logged quote still reads as it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteStatus {
    /// Found in the paper it was copied from.
    Found,
    /// Not in its paper any more (or the paper is gone) but found in this one.
    Elsewhere(String),
    /// The paper is there but the quote is not in it, nor in any other paper.
    Changed,
    /// Neither the paper nor the quote is in the corpus.
    PaperGone,
}

/// Re-finds each record's text in the corpus, ignoring whitespace and full/half-width
/// differences (a re-wrapped or re-encoded paper still matches).
pub fn check(records: &[QuoteRecord], corpus: &Corpus) -> Vec<QuoteStatus> {
    let haystacks: Vec<(&str, String)> = corpus
        .papers
        .iter()
        .map(|p| (p.id.as_str(), haystack(p)))
        .collect();
    records
        .iter()
        .map(|r| {
            let needle = normalize(&r.text);
            let home = haystacks.iter().find(|(id, _)| *id == r.paper);
            if home.is_some_and(|(_, h)| h.contains(&needle)) {
                return QuoteStatus::Found;
            }
            if let Some((id, _)) = haystacks.iter().find(|(_, h)| h.contains(&needle)) {
                return QuoteStatus::Elsewhere((*id).to_string());
            }
            match home {
                Some(_) => QuoteStatus::Changed,
                None => QuoteStatus::PaperGone,
            }
        })
        .collect()
}

/// Everything of a paper a quote can come from. Body blocks are joined with nothing between
/// them so a quote spanning paragraphs is found; other parts are kept apart.
fn haystack(p: &Paper) -> String {
    let mut h = String::new();
    for b in &p.blocks {
        h.push_str(&normalize(&b.text));
    }
    let others = p
        .title
        .iter()
        .chain(p.abstract_text.iter())
        .chain(p.notes.iter().map(|n| &n.text))
        .chain(p.references.iter().map(|n| &n.text))
        .chain(p.back_matter.iter());
    for part in others {
        h.push('\u{0}');
        h.push_str(&normalize(part));
    }
    h
}

fn normalize(s: &str) -> String {
    s.chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// `2025-06-01T08:30:00Z` for a point in time (times before 1970 read as 1970).
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Year, month, day of a count of days since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lunwen_core::corpus::{Block, BlockKind, Heading};
    use std::time::Duration;

    fn at(secs: u64) -> String {
        rfc3339(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn rfc3339_by_hand_matches_the_calendar() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_709_251_199), "2024-02-29T23:59:59Z");
        assert_eq!(at(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(at(4_102_444_800), "2100-01-01T00:00:00Z");
    }

    fn sample_paper() -> Paper {
        let block = |section, text: &str| Block {
            kind: BlockKind::Paragraph,
            section,
            text: text.to_string(),
            markers: vec![],
            pages: Vec::new(),
        };
        Paper {
            id: "000_x".into(),
            title: Some("标题".into()),
            outline: vec![
                Heading {
                    level: 1,
                    heading: "一、问题的提出".into(),
                },
                Heading {
                    level: 2,
                    heading: "（一）现实逻辑".into(),
                },
            ],
            blocks: vec![
                block(None, "引言第一句。"),
                block(Some(1), "新质生产力是 创新起主导作用的先进生产力质态。"),
                block(Some(1), "第二段开头。第二段结尾用５Ｇ（一）。"),
            ],
            ..Paper::default()
        }
    }

    fn record(paper: &str, text: &str) -> QuoteRecord {
        QuoteRecord {
            time: at(0),
            paper: paper.into(),
            title: None,
            section: vec![],
            paragraph: None,
            text: text.into(),
            style: "gbt7714".into(),
        }
    }

    #[test]
    fn a_record_knows_its_section_path() {
        let r =
            Quote::new(&sample_paper(), Some(1), "新质生产力", Style::Apa).at(SystemTime::now());
        assert_eq!(r.section, vec!["一、问题的提出", "（一）现实逻辑"]);
        assert_eq!(r.style, "apa");
        assert_eq!(r.title.as_deref(), Some("标题"));
        assert!(r.time.ends_with('Z') && r.time.len() == 20, "{}", r.time);
        assert!(
            Quote::new(&sample_paper(), Some(0), "引言", Style::Apa)
                .section
                .is_empty()
        );
        assert!(
            Quote::new(&sample_paper(), Some(99), "x", Style::Apa)
                .section
                .is_empty()
        );
    }

    #[test]
    fn appended_records_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let log = QuoteLog::new(dir.path().join("nested/dir").join(LOG_FILE));
        assert_eq!(log.read().unwrap(), LogContents::default());
        let a = record("000_x", "甲“引号”\n换行");
        let b = record("001_y", "乙");
        log.append(&a).unwrap();
        log.append(&b).unwrap();
        let got = log.read().unwrap();
        assert_eq!(got.records, vec![a, b]);
        assert!(got.problems.is_empty());
        let raw = std::fs::read_to_string(log.path()).unwrap();
        assert_eq!(raw.lines().count(), 2);
    }

    #[test]
    fn a_truncated_last_line_is_reported_skipped_and_not_glued_to() {
        let dir = tempfile::tempdir().unwrap();
        let log = QuoteLog::new(dir.path().join(LOG_FILE));
        log.append(&record("000_x", "完整")).unwrap();
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(log.path())
            .unwrap();
        f.write_all(br#"{"time":"2025-01-01T00:00:00Z","paper":"0"#)
            .unwrap();
        let got = log.read().unwrap();
        assert_eq!(got.records.len(), 1);
        assert_eq!(got.problems.len(), 1);
        assert_eq!(
            (got.problems[0].line, &got.problems[0].damage),
            (2, &Damage::Truncated)
        );
        assert!(
            got.problems[0].to_string().contains("line 2: truncated"),
            "{:?}",
            got.problems
        );
        log.append(&record("000_x", "之后")).unwrap();
        let got = log.read().unwrap();
        assert_eq!(got.records.len(), 2);
        assert_eq!(got.records[1].text, "之后");
        assert!(matches!(got.problems[0].damage, Damage::Unreadable(_)));
        assert!(
            got.problems[0].to_string().contains("line 2: unreadable"),
            "{:?}",
            got.problems
        );
    }

    #[test]
    fn check_refinds_quotes_whitespace_insensitively() {
        let corpus = Corpus {
            papers: vec![
                sample_paper(),
                Paper {
                    id: "001_y".into(),
                    ..Paper::default()
                },
            ],
            problems: vec![],
        };
        let records = [
            record("000_x", "新质生产力是创新起主导作用的 先进生产力质态。"),
            record("000_x", "质态。第二段开头"),
            record("000_x", "已经删掉的一句。"),
            record("001_y", "引言第一句。"),
            record("009_gone", "不在任何地方。"),
            record("000_x", "结尾用5G(一)"),
        ];
        assert_eq!(
            check(&records, &corpus),
            vec![
                QuoteStatus::Found,
                QuoteStatus::Found,
                QuoteStatus::Changed,
                QuoteStatus::Elsewhere("000_x".into()),
                QuoteStatus::PaperGone,
                QuoteStatus::Found,
            ]
        );
    }
}
