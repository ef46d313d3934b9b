//! Settings other than keys: theme, clipboard, citation style, mouse, corpus dirs, quote format.

use std::collections::HashMap;
use std::path::PathBuf;

use super::theme::{Color, Theme};
use crate::clipboard::ClipboardMode;
use lunwen_core::corpus::citation::{Citation, Style, quotation};

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
    /// What a copy puts on the clipboard; see [`Settings::fill_quote`].
    pub quote_template: String,
}

/// The placeholders `quote_template` may use.
pub const QUOTE_PLACEHOLDERS: &[&str] = &["quote", "citation"];

impl Settings {
    /// The clipboard text for a quotation: [`quotation`] with this `quote_template`.
    pub fn fill_quote(&self, quote: &str, citation: &Citation) -> String {
        quotation(&self.quote_template, quote, citation)
    }
}

/// Checks a quote template: every `{name}` must be a known placeholder.
pub(crate) fn check_quote_template(template: &str) -> Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0
            && after[name_len..].starts_with('}')
            && !QUOTE_PLACEHOLDERS.contains(&&after[..name_len])
        {
            let known: Vec<String> = QUOTE_PLACEHOLDERS
                .iter()
                .map(|p| format!("{{{p}}}"))
                .collect();
            return Err(format!(
                "unknown placeholder '{{{}}}' in quote_template (known: {})",
                &after[..name_len],
                known.join(", ")
            ));
        }
        rest = after;
    }
    Ok(())
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
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn with_template(t: &str) -> Settings {
        let mut colors = HashMap::new();
        for slot in Theme::SLOTS {
            colors.insert(*slot, Color::Reset);
        }
        Settings {
            theme: Theme::from_slots(false, &colors).unwrap(),
            clipboard: ClipboardMode::Auto,
            citation_style: Style::GbT7714,
            mouse: false,
            corpus_dirs: Vec::new(),
            metadata_files: Vec::new(),
            zotero_dir: None,
            quote_template: t.to_string(),
        }
    }

    #[rstest]
    #[case("“{quote}”\n{citation}", "“甲”\n[1] 乙")]
    #[case("{citation}: {quote}", "[1] 乙: 甲")]
    #[case("{ {quote} }{", "{ 甲 }{")]
    #[case("{quot}{quote", "{quot}{quote")]
    fn fills_quote_templates(#[case] template: &str, #[case] want: &str) {
        let citation = Citation {
            style: Style::GbT7714,
            text: "[1] 乙".into(),
            missing: Vec::new(),
        };
        assert_eq!(with_template(template).fill_quote("甲", &citation), want);
    }

    #[rstest]
    #[case("“{quote}”\n{citation}", None)]
    #[case("{ literal braces }", None)]
    #[case("{quote} {page}", Some("unknown placeholder '{page}'"))]
    fn checks_placeholders(#[case] template: &str, #[case] err: Option<&str>) {
        match (check_quote_template(template), err) {
            (Ok(()), None) => {}
            (Err(e), Some(want)) => assert!(e.contains(want), "{e}"),
            (got, want) => panic!("{template:?}: got {got:?}, want {want:?}"),
        }
    }
}
