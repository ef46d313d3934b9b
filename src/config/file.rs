//! Reading one config file (the embedded defaults or the user's) onto the settings and keymap
//! collected so far. Every problem is reported with the file's path and line.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::ConfigError;
use super::keymap::{Context, KeymapBuilder, Origin};
use super::keys::parse_sequence;
use super::settings::SettingsBuilder;
use super::suggest::did_you_mean;
use super::theme::{Color, Theme};
use crate::action::Action;
use crate::clipboard::ClipboardMode;
use lunwen_core::corpus::citation::{AuthorSeparator, PageDash, Style, check_template};
use lunwen_core::corpus::punctuation::Punctuation;

const TOP_LEVEL: &[&str] = &[
    "clipboard",
    "citation_style",
    "mouse",
    "corpus_dirs",
    "metadata_files",
    "zotero_dir",
    "quote_template",
    "quote_punctuation",
    "citation",
    "theme",
    "keymap",
];

/// The settings of `[citation]`.
const CITATION: &[&str] = &["note_zai", "note_author_separator", "note_page_dash"];

/// One file's text, where it came from, and what is needed to resolve its paths.
pub(crate) struct ConfigFile<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// The user's file (its bindings count as overrides) rather than the defaults.
    pub user: bool,
    pub home: Option<&'a Path>,
}

impl ConfigFile<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn error(&self, span: &Range<usize>, message: String) -> ConfigError {
        ConfigError {
            path: self.path.to_path_buf(),
            line: Some(self.line(span)),
            message,
        }
    }

    fn origin(&self, span: &Range<usize>) -> Origin {
        Origin {
            path: self.path.to_path_buf(),
            line: Some(self.line(span)),
            user: self.user,
        }
    }

    /// A TOML syntax error, naming the text at fault: "duplicate key 'mouse'".
    fn syntax_error(&self, e: &toml::de::Error) -> ConfigError {
        let message = e.message().trim();
        let snippet = e
            .span()
            .and_then(|s| self.text.get(s))
            .map(str::trim)
            .filter(|s| !s.is_empty() && !s.contains('\n') && s.chars().count() <= 40);
        let message = match snippet {
            Some(s) if message == "duplicate key" => {
                format!("duplicate key '{}'", s.escape_debug())
            }
            Some(s) => format!("{message} (at '{}')", s.escape_debug()),
            None => message.to_string(),
        };
        ConfigError {
            path: self.path.to_path_buf(),
            line: e.span().map(|s| self.line(&s)),
            message: format!("not valid TOML: {message}"),
        }
    }

    /// Applies this file; on failure returns the problem that comes first in the file.
    pub fn apply(
        &self,
        settings: &mut SettingsBuilder,
        keymap: &mut KeymapBuilder,
    ) -> Result<(), ConfigError> {
        let doc = DeTable::parse(self.text).map_err(|e| self.syntax_error(&e))?;
        let mut errors = Vec::new();
        for (key, value) in doc.get_ref() {
            let name = key.get_ref().as_ref();
            let result = match name {
                "clipboard" => self
                    .name_of(
                        value,
                        name,
                        ClipboardMode::from_name,
                        ClipboardMode::ALL.iter().map(|m| m.name()).collect(),
                    )
                    .map(|v| settings.clipboard = Some(v)),
                "citation_style" => self
                    .name_of(
                        value,
                        name,
                        Style::from_name,
                        Style::ALL.iter().map(|m| m.name()).collect(),
                    )
                    .map(|v| settings.citation_style = Some(v)),
                "mouse" => self.boolean(value, name).map(|v| settings.mouse = Some(v)),
                "corpus_dirs" => self
                    .dirs(value, name)
                    .map(|v| settings.corpus_dirs = Some(v)),
                "metadata_files" => self
                    .files(value, name)
                    .map(|v| settings.metadata_files = Some(v)),
                // Empty means unset: the defaults must give every setting a value.
                "zotero_dir" => self.string(value, name).and_then(|s| {
                    let dir = match s {
                        "" => None,
                        s => Some(
                            self.expand(s)
                                .map_err(|m| self.error(&value.span(), format!("{name}: {m}")))?,
                        ),
                    };
                    settings.zotero_dir = Some(dir);
                    Ok(())
                }),
                "quote_template" => self.string(value, name).and_then(|t| {
                    check_template(t).map_err(|m| self.error(&value.span(), m))?;
                    settings.quote_template = Some(t.to_string());
                    Ok(())
                }),
                "quote_punctuation" => self
                    .name_of(
                        value,
                        name,
                        Punctuation::from_name,
                        Punctuation::ALL.iter().map(|p| p.name()).collect(),
                    )
                    .map(|v| settings.quote_punctuation = Some(v)),
                "citation" => self.citation(value, settings, &mut errors),
                "theme" => self.theme(value, settings, &mut errors),
                "keymap" => self.keymap(value, keymap, &mut errors),
                other => Err(self.error(&key.span(), unknown("setting", other, TOP_LEVEL, "", ""))),
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        match errors.into_iter().min_by_key(ConfigError::sort_key) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn theme(
        &self,
        value: &Spanned<DeValue<'_>>,
        settings: &mut SettingsBuilder,
        errors: &mut Vec<ConfigError>,
    ) -> Result<(), ConfigError> {
        let table = self.table(value, "theme")?;
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            if name == "monochrome" {
                match self.boolean(value, "theme.monochrome") {
                    Ok(v) => {
                        settings.monochrome = Some(v);
                        settings.monochrome_from_user |= self.user;
                    }
                    Err(e) => errors.push(e),
                }
                continue;
            }
            let Some(&slot) = Theme::SLOTS.iter().find(|s| **s == name) else {
                let mut known = Theme::SLOTS.to_vec();
                known.push("monochrome");
                let message = misplaced(name, "[theme]")
                    .unwrap_or_else(|| unknown("theme colour", name, &known, " in [theme]", ""));
                errors.push(self.error(&key.span(), message));
                continue;
            };
            let what = format!("theme.{name}");
            let color = match value.get_ref() {
                DeValue::Integer(i) => i
                    .as_str()
                    .parse::<u8>()
                    .map(Color::Indexed)
                    .map_err(|_| format!("{what}: colour index must be 0 to 255")),
                DeValue::String(s) => Color::from_name(s).map_err(|m| format!("{what}: {m}")),
                other => Err(format!(
                    "{what}: expected a colour like \"blue\" or \"#1e90ff\", found {}",
                    a(other.type_str())
                )),
            };
            match color {
                Ok(c) => {
                    settings.colors.insert(slot, c);
                }
                Err(m) => errors.push(self.error(&value.span(), m)),
            }
        }
        Ok(())
    }

    /// `[citation]`: the 注释 variants.
    fn citation(
        &self,
        value: &Spanned<DeValue<'_>>,
        settings: &mut SettingsBuilder,
        errors: &mut Vec<ConfigError>,
    ) -> Result<(), ConfigError> {
        for (key, value) in self.table(value, "citation")? {
            let name = key.get_ref().as_ref();
            let what = format!("citation.{name}");
            let result = match name {
                "note_zai" => self
                    .boolean(value, &what)
                    .map(|v| settings.note_zai = Some(v)),
                "note_author_separator" => self
                    .name_of(
                        value,
                        &what,
                        AuthorSeparator::from_name,
                        AuthorSeparator::ALL.iter().map(|s| s.name()).collect(),
                    )
                    .map(|v| settings.note_author_separator = Some(v)),
                "note_page_dash" => self
                    .name_of(
                        value,
                        &what,
                        PageDash::from_name,
                        PageDash::ALL.iter().map(|d| d.name()).collect(),
                    )
                    .map(|v| settings.note_page_dash = Some(v)),
                other => Err(self.error(
                    &key.span(),
                    misplaced(other, "[citation]").unwrap_or_else(|| {
                        unknown("setting", other, CITATION, " in [citation]", "")
                    }),
                )),
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        Ok(())
    }

    fn keymap(
        &self,
        value: &Spanned<DeValue<'_>>,
        keymap: &mut KeymapBuilder,
        errors: &mut Vec<ConfigError>,
    ) -> Result<(), ConfigError> {
        let contexts: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
        for (key, value) in self.table(value, "keymap")? {
            let name = key.get_ref().as_ref();
            let Some(ctx) = Context::from_name(name) else {
                let message = if Action::from_name(name).is_some() {
                    format!(
                        "'{name}' is an action: put it in a context table such as \
                         [keymap.global] (contexts: {})",
                        contexts.join(", ")
                    )
                } else {
                    unknown(
                        "keymap context",
                        name,
                        &contexts,
                        "",
                        &format!("contexts: {}", contexts.join(", ")),
                    )
                };
                errors.push(self.error(&key.span(), message));
                continue;
            };
            let table = match self.table(value, &format!("keymap.{name}")) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            for (akey, avalue) in table {
                let aname = akey.get_ref().as_ref();
                match Action::from_name(aname) {
                    Some(action) => match self.keys(avalue, ctx, aname) {
                        Ok(keys) => keymap.set(ctx, action, keys, self.user),
                        Err(e) => errors.push(e),
                    },
                    None => {
                        let message = unknown_action(aname, avalue.get_ref(), ctx);
                        errors.push(self.error(&akey.span(), message));
                    }
                }
            }
        }
        Ok(())
    }

    /// `["j", "down"]`, or one key as a bare string.
    fn keys(
        &self,
        value: &Spanned<DeValue<'_>>,
        ctx: Context,
        action: &str,
    ) -> Result<Vec<(Vec<super::keys::KeyPress>, Origin)>, ConfigError> {
        let where_ = format!("'{action}' in [keymap.{}]", ctx.name());
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            DeValue::String(_) => vec![value],
            other => {
                return Err(self.error(
                    &value.span(),
                    format!(
                        "{where_}: expected a list of keys like [\"q\", \"ctrl-c\"], found {}",
                        a(other.type_str())
                    ),
                ));
            }
        };
        items
            .into_iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => parse_sequence(s)
                    .map(|seq| (seq, self.origin(&item.span())))
                    .map_err(|m| self.error(&item.span(), format!("{where_}: bad key: {m}"))),
                other => Err(self.error(
                    &item.span(),
                    format!(
                        "{where_}: each key must be a string like \"ctrl-d\", found {}",
                        a(other.type_str())
                    ),
                )),
            })
            .collect()
    }

    fn table<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        what: &str,
    ) -> Result<&'v DeTable<'i>, ConfigError> {
        match value.get_ref() {
            DeValue::Table(t) => Ok(t),
            other => Err(self.error(
                &value.span(),
                format!(
                    "{what}: expected a table [{what}], found {}",
                    a(other.type_str())
                ),
            )),
        }
    }

    fn string<'v>(
        &self,
        value: &'v Spanned<DeValue<'_>>,
        what: &str,
    ) -> Result<&'v str, ConfigError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s),
            other => Err(self.error(
                &value.span(),
                format!("{what}: expected a string, found {}", a(other.type_str())),
            )),
        }
    }

    fn boolean(&self, value: &Spanned<DeValue<'_>>, what: &str) -> Result<bool, ConfigError> {
        match value.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            other => Err(self.error(
                &value.span(),
                format!(
                    "{what}: expected true or false, found {}",
                    a(other.type_str())
                ),
            )),
        }
    }

    fn name_of<T>(
        &self,
        value: &Spanned<DeValue<'_>>,
        what: &str,
        from_name: fn(&str) -> Option<T>,
        choices: Vec<&'static str>,
    ) -> Result<T, ConfigError> {
        let s = self.string(value, what)?;
        from_name(s).ok_or_else(|| {
            self.error(
                &value.span(),
                format!(
                    "{what}: unknown value '{s}' (choose one of: {})",
                    choices.join(", ")
                ),
            )
        })
    }

    /// Directories: `~` is the home directory; relative paths are relative to this file.
    fn dirs(&self, value: &Spanned<DeValue<'_>>, what: &str) -> Result<Vec<PathBuf>, ConfigError> {
        self.paths(value, what, "directory", "directories like [\"~/papers\"]")
    }

    /// Files, read like [`ConfigFile::dirs`].
    fn files(&self, value: &Spanned<DeValue<'_>>, what: &str) -> Result<Vec<PathBuf>, ConfigError> {
        self.paths(value, what, "file", "files like [\"~/refs.bib\"]")
    }

    /// A list of paths, each a `kind`; `example` shows the expected shape in the error.
    fn paths(
        &self,
        value: &Spanned<DeValue<'_>>,
        what: &str,
        kind: &str,
        example: &str,
    ) -> Result<Vec<PathBuf>, ConfigError> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.error(
                &value.span(),
                format!(
                    "{what}: expected a list of {example}, found {}",
                    a(value.get_ref().type_str())
                ),
            ));
        };
        items
            .iter()
            .map(|item| {
                let s = self.string(item, what)?;
                if s.is_empty() {
                    return Err(self.error(&item.span(), format!("{what}: empty {kind} name")));
                }
                self.expand(s)
                    .map_err(|m| self.error(&item.span(), format!("{what}: {m}")))
            })
            .collect()
    }

    fn expand(&self, s: &str) -> Result<PathBuf, String> {
        if s.is_empty() {
            return Err("empty directory name".into());
        }
        let tilde_rest = if s == "~" {
            Some("")
        } else {
            s.strip_prefix("~/")
        };
        if let Some(rest) = tilde_rest {
            return match self.home {
                Some(home) => Ok(home.join(rest)),
                None => Err(format!("cannot expand '{s}': no home directory is known")),
            };
        }
        let path = PathBuf::from(s);
        if path.is_relative()
            && let Some(dir) = self.path.parent()
        {
            return Ok(dir.join(path));
        }
        Ok(path)
    }
}

/// "unknown action 'qiut' in [keymap.global] (did you mean 'quit'?)"; without a likely
/// candidate the parenthesis holds `otherwise` (or the list of known names).
fn unknown(kind: &str, name: &str, known: &[&str], place: &str, otherwise: &str) -> String {
    let hint = match did_you_mean(name, known) {
        Some(m) => format!("did you mean '{m}'?"),
        None if otherwise.is_empty() => format!("known: {}", known.join(", ")),
        None => otherwise.to_string(),
    };
    format!("unknown {kind} '{}'{place} ({hint})", name.escape_debug())
}

/// Why `name` in `[keymap.<ctx>]` is not an action, and what was probably meant.
fn unknown_action(name: &str, value: &DeValue<'_>, ctx: Context) -> String {
    let table = format!("[keymap.{}]", ctx.name());
    if let DeValue::String(v) = value
        && let Some(action) = Action::from_name(v)
    {
        // helix and others write `key = "action"`.
        let key = name.escape_debug();
        return format!(
            "'{key}' in {table}: write the action first, then its keys: {} = [\"{key}\"]",
            action.name()
        );
    }
    misplaced(name, &table).unwrap_or_else(|| {
        let actions: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        unknown(
            "action",
            name,
            &actions,
            &format!(" in {table}"),
            "`lunwen keys` lists the actions",
        )
    })
}

/// A top-level setting written below a table header, where TOML files it under that table.
fn misplaced(name: &str, table: &str) -> Option<String> {
    (TOP_LEVEL.contains(&name) && !matches!(name, "theme" | "keymap" | "citation")).then(|| {
        format!(
            "'{name}' is a top-level setting but sits under {table}: \
             move it above the first [table] line"
        )
    })
}

fn a(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {type_name}")
}
