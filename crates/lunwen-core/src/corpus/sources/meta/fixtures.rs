//! The record most fixtures share — paper 000 of the bundled corpus, as CNKI and Zotero
//! export it — and the check that a parser read it right.

use super::entry::ImportedEntry;

/// Its title as printed.
pub(super) const TITLE: &str = "以新质生产力发展赋能高质量共建“一带一路”研究";

/// Asserts that `e` states the record's facts, whichever format they were read from:
/// single-field Chinese names, padded issue `06` as `6`, pages with one hyphen.
pub(super) fn assert_zhongzhou_2025(e: &ImportedEntry) {
    assert_eq!(e.title.as_deref(), Some(TITLE));
    assert_eq!(e.authors, ["刘博", "蔡文成"]);
    assert_eq!(e.journal.as_deref(), Some("中州学刊"));
    assert_eq!(e.year, Some(2025));
    assert_eq!(e.issue.as_deref(), Some("6"));
    assert_eq!(e.pages.as_deref(), Some("34-41"));
}
