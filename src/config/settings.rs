//! Settings other than keys: theme, clipboard, citation style and variants, mouse, corpus dirs,
//! quote format and punctuation.

use std::collections::HashMap;
use std::path::PathBuf;

use super::theme::{Color, Theme};
use crate::clipboard::ClipboardMode;
use lunwen_core::corpus::citation::{AuthorSeparator, PageDash, Style, Variants};
use lunwen_core::corpus::punctuation::Punctuation;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub theme: Theme,
    pub clipboard: ClipboardMode,
    pub citation_style: Style,
    /// Mouse capture; off by default so the terminal's own text selection keeps working.
    pub mouse: bool,
    /// Directories of papers, `~` expanded; empty means the bundled corpus.
    pub corpus_dirs: Vec<PathBuf>,
    /// Metadata exports (BibTeX, CSL-JSON, RIS …) applied to the papers besides those found in
    /// the corpus directories.
    pub metadata_files: Vec<PathBuf>,
    /// A Zotero data directory opened with the corpus; `None` unless set.
    pub zotero_dir: Option<PathBuf>,
    /// What a copy puts on the clipboard (`lunwen_core::corpus::citation::quotation`).
    pub quote_template: String,
    /// Whether a quotation's punctuation is made right for a Chinese paper.
    pub quote_punctuation: Punctuation,
    /// The 注释 variants (`[citation]`).
    pub citation: Variants,
}

/// Settings collected layer by layer; every field must be set by the defaults.
#[derive(Debug, Default)]
pub(crate) struct SettingsBuilder {
    pub clipboard: Option<ClipboardMode>,
    pub citation_style: Option<Style>,
    pub mouse: Option<bool>,
    pub corpus_dirs: Option<Vec<PathBuf>>,
    pub metadata_files: Option<Vec<PathBuf>>,
    pub zotero_dir: Option<Option<PathBuf>>,
    pub quote_template: Option<String>,
    pub quote_punctuation: Option<Punctuation>,
    pub note_zai: Option<bool>,
    pub note_author_separator: Option<AuthorSeparator>,
    pub note_page_dash: Option<PageDash>,
    pub colors: HashMap<&'static str, Color>,
    pub monochrome: Option<bool>,
    /// Whether the user file named `monochrome`; if not, `NO_COLOR` decides.
    pub monochrome_from_user: bool,
}

impl SettingsBuilder {
    /// The settings, or the name of a setting no layer gave.
    pub fn build(self, no_color: bool) -> Result<Settings, String> {
        let missing = |name: &str| format!("missing setting '{name}'");
        let default_mono = self.monochrome.ok_or_else(|| missing("theme.monochrome"))?;
        let monochrome = if self.monochrome_from_user {
            default_mono
        } else {
            default_mono || no_color
        };
        Ok(Settings {
            theme: Theme::from_slots(monochrome, &self.colors)
                .map_err(|slot| missing(&format!("theme.{slot}")))?,
            clipboard: self.clipboard.ok_or_else(|| missing("clipboard"))?,
            citation_style: self
                .citation_style
                .ok_or_else(|| missing("citation_style"))?,
            mouse: self.mouse.ok_or_else(|| missing("mouse"))?,
            corpus_dirs: self.corpus_dirs.ok_or_else(|| missing("corpus_dirs"))?,
            metadata_files: self
                .metadata_files
                .ok_or_else(|| missing("metadata_files"))?,
            zotero_dir: self.zotero_dir.ok_or_else(|| missing("zotero_dir"))?,
            quote_template: self
                .quote_template
                .ok_or_else(|| missing("quote_template"))?,
            quote_punctuation: self
                .quote_punctuation
                .ok_or_else(|| missing("quote_punctuation"))?,
            citation: Variants {
                note_zai: self.note_zai.ok_or_else(|| missing("citation.note_zai"))?,
                note_author_separator: self
                    .note_author_separator
                    .ok_or_else(|| missing("citation.note_author_separator"))?,
                note_page_dash: self
                    .note_page_dash
                    .ok_or_else(|| missing("citation.note_page_dash"))?,
            },
        })
    }
}
