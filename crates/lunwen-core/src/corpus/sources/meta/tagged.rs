//! Line-tagged record files (RIS `TI  - `, EndNote `%T `, NoteExpress `{Title}: `): one field
//! a line, records one after another. The formats differ only in how a line names its tag and
//! how a record starts and ends, so the reading is shared.

use super::entry::ImportedEntry;
use super::error::ImportError;

/// One record: its fields in file order, tags as the file spells them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Record {
    /// 1-based line of the record's first field.
    pub line: usize,
    pub fields: Vec<(String, String)>,
}

impl Record {
    /// The first non-empty value of the first tag in `tags` that has one: `tags` lists the
    /// fields that can hold a fact, best first.
    pub fn first(&self, tags: &[&str]) -> Option<&str> {
        tags.iter().find_map(|t| {
            self.fields
                .iter()
                .find(|(tag, v)| tag == t && !v.trim().is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    /// Every value of `tag`, in order (authors, one a line).
    pub fn all<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(t, _)| t == tag)
            .map(|(_, v)| v.as_str())
    }

    /// The values of the first tag in `tags` that occurs at all (RIS `AU` over `A1`, so a
    /// file that writes both does not list everyone twice).
    pub fn all_of_first<'a>(&'a self, tags: &'a [&'a str]) -> Vec<&'a str> {
        tags.iter()
            .map(|t| self.all(t).collect::<Vec<_>>())
            .find(|v| v.iter().any(|s| !s.trim().is_empty()))
            .unwrap_or_default()
    }
}

/// How one format writes its lines.
pub(super) struct Syntax {
    /// The format's name, for messages.
    pub name: &'static str,
    /// `(tag, value)` when the line is a field line.
    pub field: fn(&str) -> Option<(&str, &str)>,
    /// The tag that opens a record (`TY`, `%0`, `Reference Type`).
    pub start: &'static str,
    /// The tag that closes one (RIS `ER`), if any.
    pub end: Option<&'static str>,
    /// Whether a blank line closes a record (EndNote, NoteExpress).
    pub blank_ends: bool,
    /// What the first field line should look like, for the error when it does not.
    pub example: &'static str,
}

/// Every record of `text` that states something citable, as `entry` reads it: the whole
/// parser of a line-tagged format, given its syntax and its field mapping.
pub(super) fn parse(
    text: &str,
    syntax: &Syntax,
    entry: fn(&Record) -> ImportedEntry,
) -> Result<Vec<ImportedEntry>, ImportError> {
    Ok(records(text, syntax)?
        .iter()
        .map(entry)
        .filter(ImportedEntry::has_facts)
        .collect())
}

/// The records of `text`. A line that is not a field line continues the field before it
/// (exports wrap long abstracts); a field line with no record open opens one, so a missing
/// `%0` or `TY` costs nothing; only text before the first field is refused, naming its line.
pub(super) fn records(text: &str, syntax: &Syntax) -> Result<Vec<Record>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut current: Option<Record> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if syntax.blank_ends
                && let Some(r) = current.take()
            {
                out.push(r);
            }
            continue;
        }
        match (syntax.field)(line) {
            Some((tag, value)) => {
                if tag == syntax.start
                    && let Some(r) = current.take()
                {
                    out.push(r);
                }
                if syntax.end == Some(tag) {
                    if let Some(r) = current.take() {
                        out.push(r);
                    }
                    continue;
                }
                current
                    .get_or_insert_with(|| Record {
                        line: line_no,
                        fields: Vec::new(),
                    })
                    .fields
                    .push((tag.to_string(), value.trim().to_string()));
            }
            None => match current.as_mut().and_then(|r| r.fields.last_mut()) {
                Some((_, value)) => {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(line.trim());
                }
                None => {
                    return Err(ImportError::at(
                        line_no,
                        format!(
                            "not a {} field line (expected something like `{}`)",
                            syntax.name, syntax.example
                        ),
                    ));
                }
            },
        }
    }
    out.extend(current);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(line: &str) -> Option<(&str, &str)> {
        let (tag, value) = line.split_once(": ")?;
        (tag.len() == 1).then_some((tag, value))
    }

    const SYNTAX: Syntax = Syntax {
        name: "test",
        field,
        start: "S",
        end: Some("E"),
        blank_ends: false,
        example: "S: x",
    };

    #[test]
    fn records_open_close_and_continue() {
        let text = "\u{feff}S: a\r\nT: long\r\nwrapped  \r\nE: \r\n\r\nT: implicit\nS: b\nT: c";
        let got = records(text, &SYNTAX).expect("parses");
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].line, 1);
        assert_eq!(got[0].first(&["T"]), Some("long wrapped"));
        assert_eq!(got[1].line, 6);
        assert_eq!(got[1].first(&["T"]), Some("implicit"));
        assert_eq!(got[2].first(&["S"]), Some("b"));
    }

    #[test]
    fn blank_lines_end_records_when_the_format_says_so() {
        let syntax = Syntax {
            blank_ends: true,
            end: None,
            ..SYNTAX
        };
        let got = records("T: a\n\nT: b\n", &syntax).expect("parses");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].line, 3);
    }

    #[test]
    fn text_before_any_field_is_refused_with_its_line() {
        let err = records("\n\nhello\nT: a", &SYNTAX).expect_err("refused");
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("S: x"), "{}", err.message);
    }

    #[test]
    fn first_and_all() {
        let r = Record {
            line: 1,
            fields: vec![
                ("A1".into(), "x".into()),
                ("AU".into(), "".into()),
                ("AU".into(), "y".into()),
                ("AU".into(), "z".into()),
                ("TI".into(), " ".into()),
                ("T1".into(), "title".into()),
            ],
        };
        assert_eq!(r.first(&["TI", "T1"]), Some("title"));
        assert_eq!(r.first(&["XX"]), None);
        assert_eq!(r.all_of_first(&["AU", "A1"]), ["", "y", "z"]);
        assert_eq!(r.all_of_first(&["ZZ", "A1"]), ["x"]);
    }
}
