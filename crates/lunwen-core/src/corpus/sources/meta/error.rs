//! Why a metadata file was refused, said so the user can find the place and fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// A metadata file that could not be read, with the place that stopped the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file, once the caller that read it has said which ([`ImportError::in_file`]).
    pub file: Option<PathBuf>,
    /// 1-based line of the problem, when there is one place to blame.
    pub line: Option<usize>,
    pub message: String,
}

impl ImportError {
    /// An error at `line` of the text being parsed.
    pub(super) fn at(line: usize, message: impl Into<String>) -> ImportError {
        ImportError {
            file: None,
            line: Some(line),
            message: message.into(),
        }
    }

    /// An error about the text as a whole.
    pub(super) fn whole(message: impl Into<String>) -> ImportError {
        ImportError {
            file: None,
            line: None,
            message: message.into(),
        }
    }

    /// The same error, naming the file it was found in.
    pub fn in_file(mut self, file: &Path) -> ImportError {
        self.file = Some(file.to_path_buf());
        self
    }
}

impl fmt::Display for ImportError {
    /// `refs.bib:12: expected a closing brace`, leaving out what is not known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{line}: {}", file.display(), self.message),
            (Some(file), None) => write!(f, "{}: {}", file.display(), self.message),
            (None, Some(line)) => write!(f, "line {line}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// 1-based line holding byte `offset` of `text` (offsets past the end count as the last line).
/// For one lookup; [`Lines`] answers many.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    Lines::of(text).line(offset)
}

/// Where each line of a text starts, so the lines of thousands of records are found without
/// rescanning the text for each.
pub(super) struct Lines {
    /// Byte offset of every line after the first.
    starts: Vec<usize>,
}

impl Lines {
    /// The line starts of `text`, found in one pass.
    pub(super) fn of(text: &str) -> Lines {
        Lines {
            starts: text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1)
                .collect(),
        }
    }

    /// 1-based line holding byte `offset`.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_what_is_known() {
        let e = ImportError::at(12, "expected `}`");
        assert_eq!(e.to_string(), "line 12: expected `}`");
        let e = e.in_file(Path::new("refs.bib"));
        assert_eq!(e.to_string(), "refs.bib:12: expected `}`");
        let e = ImportError::whole("not JSON").in_file(Path::new("a.json"));
        assert_eq!(e.to_string(), "a.json: not JSON");
        assert_eq!(ImportError::whole("empty").to_string(), "empty");
    }

    #[test]
    fn line_of_counts_newlines_before_offset() {
        let t = "a\nbb\nccc";
        assert_eq!(line_of(t, 0), 1);
        assert_eq!(line_of(t, 1), 1, "the newline ends its own line");
        assert_eq!(line_of(t, 2), 2);
        assert_eq!(line_of(t, 5), 3);
        assert_eq!(line_of(t, 999), 3);
        assert_eq!(line_of("", 0), 1);
    }
}
