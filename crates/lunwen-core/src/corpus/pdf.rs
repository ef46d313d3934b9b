//! The text of a PDF, through poppler's `pdftotext`. Pure-Rust extractors cannot read the CID
//! fonts Chinese journals use (GBK-EUC-H, Identity-H), and Zotero extracts text the same way.
//! The program is run with a time limit and its output capped, so a hostile or huge PDF costs
//! at most that and never hangs the loader; pages stay apart as form feeds so a quote can say
//! which page it is on. The text is cached by the file's size, time and content, so a corpus
//! of PDFs is converted once.

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How `pdftotext` lays out what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading order as poppler reconstructs it (columns one after the other).
    Default,
    /// `-layout`: the physical layout, columns side by side.
    Layout,
    /// `-raw`: content stream order.
    Raw,
}

impl Mode {
    pub const ALL: &'static [Mode] = &[Mode::Default, Mode::Layout, Mode::Raw];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Default => "default",
            Mode::Layout => "layout",
            Mode::Raw => "raw",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.iter().copied().find(|m| m.name() == name)
    }

    fn flag(self) -> Option<&'static str> {
        match self {
            Mode::Default => None,
            Mode::Layout => Some("-layout"),
            Mode::Raw => Some("-raw"),
        }
    }
}

/// How PDFs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOptions {
    /// Where extracted text is kept between runs; `None` converts every time.
    pub cache_dir: Option<PathBuf>,
    pub mode: Mode,
    /// The `pdftotext` to run (tests point it elsewhere).
    pub program: PathBuf,
    /// Longest one PDF may take. A 600-page book converts in a few seconds.
    pub timeout: Duration,
}

impl Default for PdfOptions {
    fn default() -> PdfOptions {
        PdfOptions {
            cache_dir: None,
            // Chosen by measurement (score.py over the dev PDFs, README): the default mode
            // keeps each column's lines together, where -layout interleaves two columns.
            mode: Mode::Default,
            program: PathBuf::from("pdftotext"),
            timeout: Duration::from_secs(60),
        }
    }
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// `pdftotext` could not be started: not installed, or not on the PATH.
    NotInstalled,
    /// The PDF has pages but no text layer: a scan, which needs OCR first.
    NeedsOcr,
    /// `pdftotext` refused the file (damaged, encrypted …), with its first message.
    Failed(String),
    TimedOut(Duration),
    /// The text would be larger than any paper lunwen reads.
    TooLarge,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NotInstalled => write!(
                f,
                "PDFs are read with pdftotext, which is not installed (package poppler-utils)"
            ),
            PdfError::NeedsOcr => write!(
                f,
                "needs OCR: the PDF has no text layer (a scan); run it through OCR (e.g. ocrmypdf) first"
            ),
            PdfError::Failed(why) => write!(f, "pdftotext could not read it: {why}"),
            PdfError::TimedOut(limit) => {
                write!(f, "pdftotext took longer than {} s", limit.as_secs())
            }
            PdfError::TooLarge => write!(
                f,
                "its text is larger than {} MB, more than a paper",
                MAX_TEXT_BYTES >> 20
            ),
        }
    }
}

impl std::error::Error for PdfError {}

/// The largest text taken from one PDF, the loader's limit for a paper file.
const MAX_TEXT_BYTES: usize = 200 << 20;

/// Of `pdftotext`'s complaints, only the start is kept for the message.
const MAX_STDERR_BYTES: usize = 16 << 10;

/// Bumped when what is cached changes meaning, so old entries are not read as new ones.
const CACHE_VERSION: u32 = 1;

/// The text of the PDF at `path`, pages separated by form feeds (`\x0c`), from the cache when
/// the file has not changed since it was converted.
pub fn pdf_text(path: &Path, options: &PdfOptions) -> Result<String, PdfError> {
    let cached = options
        .cache_dir
        .as_deref()
        .and_then(|dir| cache_file(dir, path, options.mode));
    if let Some(file) = &cached
        && let Ok(bytes) = std::fs::read(file)
        && let Ok(text) = String::from_utf8(bytes)
    {
        return Ok(text);
    }
    let text = run_pdftotext(path, options)?;
    if let Some(file) = &cached {
        // A cache that cannot be written only costs the next run the conversion again.
        let _ = write_atomically(file, text.as_bytes());
    }
    Ok(text)
}

/// The text of a paper in a PDF: [`pdf_text`] in the options' mode, except that where the
/// default mode leaves most of the paper's note markers unresolved, `-raw` is tried too and
/// kept if its parse resolves more of them without losing headings. Poppler's reading-order
/// reconstruction can set a page's endnote labels apart from their text, which content-stream
/// order keeps together; on the dev PDFs that is one paper in four, and `-raw` reads the
/// others worse, so it is no default.
pub fn paper_text(path: &Path, options: &PdfOptions) -> Result<String, PdfError> {
    let text = pdf_text(path, options)?;
    if options.mode != Mode::Default {
        return Ok(text);
    }
    let first = super::parse::parse("", "", &text);
    let (markers, resolved) = marker_counts(&first);
    if markers == 0 || resolved * 2 >= markers {
        return Ok(text);
    }
    let raw_options = PdfOptions {
        mode: Mode::Raw,
        ..options.clone()
    };
    let Ok(raw) = pdf_text(path, &raw_options) else {
        return Ok(text);
    };
    let second = super::parse::parse("", "", &raw);
    let (_, raw_resolved) = marker_counts(&second);
    if raw_resolved > resolved && second.outline.len() >= first.outline.len() {
        Ok(raw)
    } else {
        Ok(text)
    }
}

/// A parse's note markers: how many, and how many resolve.
fn marker_counts(paper: &super::model::Paper) -> (usize, usize) {
    let markers = paper.blocks.iter().flat_map(|b| &b.markers);
    let (all, resolved) = markers.fold((0, 0), |(all, ok), m| {
        (all + 1, ok + usize::from(!m.targets.is_empty()))
    });
    (all, resolved)
}

/// Runs `pdftotext` on `path`, bounded in time and output.
fn run_pdftotext(path: &Path, options: &PdfOptions) -> Result<String, PdfError> {
    let arg = file_arg(path);
    let mut command = Command::new(&options.program);
    command.arg("-enc").arg("UTF-8");
    if let Some(flag) = options.mode.flag() {
        command.arg(flag);
    }
    command
        .arg(&arg)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match command.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(PdfError::NotInstalled),
        Err(e) => return Err(PdfError::Failed(format!("cannot start pdftotext: {e}"))),
    };
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    // Readers on threads, so a child that fills one pipe while the other is read never blocks.
    let out = std::thread::spawn(move || read_capped(stdout, MAX_TEXT_BYTES));
    let err = std::thread::spawn(move || read_capped(stderr, MAX_STDERR_BYTES));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= options.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Failed(format!("waiting for pdftotext: {e}")));
            }
        }
    };
    // The pipes close when the child is gone, so both readers finish.
    let (text, overflow) = out.join().unwrap_or_default();
    let (complaint, _) = err.join().unwrap_or_default();
    let Some(status) = status else {
        return Err(PdfError::TimedOut(options.timeout));
    };
    if overflow {
        return Err(PdfError::TooLarge);
    }
    if !status.success() {
        return Err(PdfError::Failed(
            reason(&complaint).unwrap_or_else(|| format!("it exited with {status}")),
        ));
    }
    let text = String::from_utf8_lossy(&text).into_owned();
    if !text.chars().any(|c| !c.is_whitespace() && c != '\u{c}') {
        return Err(PdfError::NeedsOcr);
    }
    Ok(text)
}

/// What `pdftotext` said went wrong: its first error line (warnings come before it, such as
/// "May not be a PDF file (continuing anyway)"), else its first line.
fn reason(stderr: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let line = lines
        .iter()
        .find(|l| l.contains("Error"))
        .or(lines.first())?;
    Some(super::text::sanitize(line).chars().take(200).collect())
}

/// `path` as an argument: a relative name starting with '-' would be read as an option.
fn file_arg(path: &Path) -> PathBuf {
    if path.to_string_lossy().starts_with('-') {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// Everything `pipe` gives up to `limit` bytes, and whether it had more; reading stops at the
/// limit, which closes the pipe and ends a writer that would go on.
fn read_capped<R: std::io::Read>(pipe: Option<R>, limit: usize) -> (Vec<u8>, bool) {
    let Some(pipe) = pipe else {
        return (Vec::new(), false);
    };
    let mut bytes = Vec::new();
    let mut taken = pipe.take(limit as u64 + 1);
    if taken.read_to_end(&mut bytes).is_err() {
        return (bytes, false);
    }
    let overflow = bytes.len() > limit;
    bytes.truncate(limit);
    (bytes, overflow)
}

/// The cache file for `path` as it is now, named by its size, modification time and a hash of
/// its first and last MiB (enough to tell a replaced file of equal size and time), the mode and
/// the cache version; `None` when the file cannot be looked at.
fn cache_file(dir: &Path, path: &Path, mode: Mode) -> Option<PathBuf> {
    use std::io::{Seek, SeekFrom};
    const SAMPLE: u64 = 1 << 20;
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let size = meta.len();
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let mut hash = Fnv::default();
    let mut buf = Vec::new();
    (&mut file).take(SAMPLE).read_to_end(&mut buf).ok()?;
    hash.write(&buf);
    if size > SAMPLE {
        buf.clear();
        file.seek(SeekFrom::Start(size.saturating_sub(SAMPLE).max(SAMPLE)))
            .ok()?;
        file.take(SAMPLE).read_to_end(&mut buf).ok()?;
        hash.write(&buf);
    }
    hash.write(&size.to_le_bytes());
    hash.write(&mtime.to_le_bytes());
    hash.write(mode.name().as_bytes());
    hash.write(&CACHE_VERSION.to_le_bytes());
    Some(dir.join(format!("{:016x}.txt", hash.0)))
}

/// FNV-1a, 64 bits: a hash whose value never changes between builds, unlike std's, so cache
/// names made by one version of lunwen are found by the next.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Writes through a temporary file and a rename, so a reader never sees half a cache entry.
fn write_atomically(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Whether `pdftotext` can be run here (for tests that need it, and `lunwen check`).
pub fn pdftotext_available(options: &PdfOptions) -> bool {
    Command::new(&options.program)
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::pdf::{PdfPage, pdftotext_or_skip, write_pdf};

    fn options(cache: Option<&Path>) -> PdfOptions {
        PdfOptions {
            cache_dir: cache.map(Path::to_path_buf),
            ..PdfOptions::default()
        }
    }

    #[test]
    fn pages_come_apart_as_form_feeds_and_are_cached() {
        if !pdftotext_or_skip("pages_come_apart_as_form_feeds_and_are_cached") {
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let pdf = dir.path().join("two pages.pdf");
        write_pdf(
            &pdf,
            &[
                PdfPage::lines(&["First page line."]),
                PdfPage::lines(&["Second page line."]),
            ],
        );
        let cache = dir.path().join("cache");
        let text = pdf_text(&pdf, &options(Some(&cache))).expect("text");
        let pages: Vec<&str> = text.split('\u{c}').collect();
        assert!(pages[0].contains("First page line."), "{text:?}");
        assert!(pages[1].contains("Second page line."), "{text:?}");
        let cached: Vec<_> = std::fs::read_dir(&cache).expect("cache dir").collect();
        assert_eq!(cached.len(), 1);
        // The cached text is what a second read returns, without pdftotext.
        let no_tool = PdfOptions {
            program: dir.path().join("no-such-program"),
            ..options(Some(&cache))
        };
        assert_eq!(pdf_text(&pdf, &no_tool).as_deref(), Ok(text.as_str()));
        // A changed file is converted again.
        write_pdf(&pdf, &[PdfPage::lines(&["Changed."])]);
        assert_eq!(pdf_text(&pdf, &no_tool), Err(PdfError::NotInstalled));
    }

    #[test]
    fn a_scan_needs_ocr_and_a_broken_file_says_why() {
        if !pdftotext_or_skip("a_scan_needs_ocr_and_a_broken_file_says_why") {
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let scan = dir.path().join("scan.pdf");
        write_pdf(&scan, &[PdfPage::blank(), PdfPage::blank()]);
        assert_eq!(pdf_text(&scan, &options(None)), Err(PdfError::NeedsOcr));
        let broken = dir.path().join("broken.pdf");
        std::fs::write(&broken, b"%PDF-1.4\nnot really\n").expect("write");
        match pdf_text(&broken, &options(None)) {
            Err(PdfError::Failed(why)) => assert!(why.starts_with("Syntax Error"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_name_like_an_option_is_passed_as_a_path() {
        assert_eq!(file_arg(Path::new("-x.pdf")), Path::new("./-x.pdf"));
        assert_eq!(file_arg(Path::new("/a/-x.pdf")), Path::new("/a/-x.pdf"));
        assert_eq!(file_arg(Path::new("a.pdf")), Path::new("a.pdf"));
    }

    #[test]
    fn a_missing_program_is_named_with_its_package() {
        let dir = tempfile::tempdir().expect("temp dir");
        let o = PdfOptions {
            program: dir.path().join("pdftotext"),
            ..options(None)
        };
        let err = pdf_text(&dir.path().join("a.pdf"), &o).expect_err("not installed");
        assert_eq!(err, PdfError::NotInstalled);
        assert!(err.to_string().contains("poppler-utils"));
    }

    #[cfg(unix)]
    #[test]
    fn a_converter_that_hangs_is_stopped_and_one_that_fails_is_quoted() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let script = |name: &str, body: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).expect("script");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
            p
        };
        let hang = PdfOptions {
            program: script("hang", "exec sleep 30"),
            timeout: Duration::from_millis(300),
            ..options(None)
        };
        let started = Instant::now();
        assert_eq!(
            pdf_text(Path::new("x.pdf"), &hang),
            Err(PdfError::TimedOut(Duration::from_millis(300)))
        );
        assert!(started.elapsed() < Duration::from_secs(10));
        let fail = PdfOptions {
            program: script("fail", "echo 'Syntax Error: bad xref' >&2; exit 1"),
            ..options(None)
        };
        assert_eq!(
            pdf_text(Path::new("x.pdf"), &fail),
            Err(PdfError::Failed("Syntax Error: bad xref".into()))
        );
    }
}
