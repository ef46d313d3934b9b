//! Configuration: `config/default.toml` (embedded, the only source of defaults) overlaid by the
//! user's file. A missing user file is normal; a partial one overrides only what it names; any
//! mistake in it is an error with the file's path and line, never a silent fall-back.

mod file;
mod keymap;
pub mod keys;
mod settings;
mod suggest;
mod theme;

use std::fmt;
use std::path::{Path, PathBuf};

pub use keymap::{Context, Keymap, Resolved};
pub use keys::{KeyCode, KeyPress, parse_sequence, sequence_to_string};
pub use settings::{QUOTE_PLACEHOLDERS, Settings};
pub use theme::{Color, Theme};

use file::ConfigFile;
use keymap::KeymapBuilder;
use settings::SettingsBuilder;

/// The shipped configuration, printed by `lunwen config --default`.
pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

/// How the embedded defaults are named in error messages.
pub const DEFAULT_PATH: &str = "<default config>";

/// Environment variable naming the config file.
pub const CONFIG_ENV: &str = "LUNWEN_CONFIG";

#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub settings: Settings,
    /// The user file that was read, if any.
    pub source: Option<PathBuf>,
}

/// A mistake in a config file: `<path>:<line>: <message>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl ConfigError {
    pub(crate) fn at(origin: &keymap::Origin, message: String) -> ConfigError {
        ConfigError {
            path: origin.path.clone(),
            line: origin.line,
            message,
        }
    }

    /// Errors are reported first-in-file: the defaults before the user's file, then by line.
    pub(crate) fn sort_key(&self) -> (bool, usize) {
        (self.path != Path::new(DEFAULT_PATH), self.line.unwrap_or(0))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// What the process environment contributes; passed explicitly so tests control it.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    pub home: Option<PathBuf>,
    /// The value of `LUNWEN_CONFIG`, if set and not empty.
    pub config_var: Option<PathBuf>,
    /// The platform config directory for lunwen (`~/.config/lunwen` on Linux).
    pub config_dir: Option<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        Env {
            no_color: non_empty("NO_COLOR").is_some(),
            home: directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()),
            config_var: non_empty(CONFIG_ENV).map(PathBuf::from),
            config_dir: directories::ProjectDirs::from("", "", "lunwen")
                .map(|d| d.config_dir().to_path_buf()),
        }
    }
}

/// Where the user config is looked for, and why there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// "--config", "LUNWEN_CONFIG" or "default location".
    pub reason: &'static str,
    /// Named explicitly, so a missing file is an error rather than "use the defaults".
    pub required: bool,
}

/// `--config FILE` > `LUNWEN_CONFIG` > the platform config dir; `None` if there is no home.
pub fn locate(explicit: Option<&Path>, env: &Env) -> Option<Location> {
    if let Some(p) = explicit {
        return Some(Location {
            path: p.to_path_buf(),
            reason: "--config",
            required: true,
        });
    }
    if let Some(p) = &env.config_var {
        return Some(Location {
            path: p.clone(),
            reason: CONFIG_ENV,
            required: true,
        });
    }
    env.config_dir.as_ref().map(|d| Location {
        path: d.join("config.toml"),
        reason: "default location",
        required: false,
    })
}

impl Config {
    /// The embedded default.toml alone; a test proves it parses.
    pub fn defaults() -> Config {
        match Config::build(None, &Env::default()) {
            Ok(c) => c,
            Err(e) => panic!("bug: the embedded config/default.toml is invalid: {e}"),
        }
    }

    /// The defaults overlaid by the user file found by [`locate`] with the process environment.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        Config::load_with(explicit, &Env::from_process())
    }

    pub fn load_with(explicit: Option<&Path>, env: &Env) -> Result<Config, ConfigError> {
        let Some(loc) = locate(explicit, env) else {
            return Config::build(None, env);
        };
        let text = match std::fs::read(&loc.path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| ConfigError {
                path: loc.path.clone(),
                line: None,
                message: "not UTF-8 text".into(),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !loc.required => {
                return Config::build(None, env);
            }
            Err(e) => {
                return Err(ConfigError {
                    path: loc.path.clone(),
                    line: None,
                    message: format!("cannot read config file (named by {}): {e}", loc.reason),
                });
            }
        };
        Config::build(Some((&text, &loc.path)), env)
    }

    /// The defaults overlaid by `text`, reported as `path` in errors.
    pub fn from_user_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
        Config::build(Some((text, path)), &Env::from_process())
    }

    pub fn from_user_toml_with(text: &str, path: &Path, env: &Env) -> Result<Config, ConfigError> {
        Config::build(Some((text, path)), env)
    }

    fn build(user: Option<(&str, &Path)>, env: &Env) -> Result<Config, ConfigError> {
        let mut settings = SettingsBuilder::default();
        let mut keymap = KeymapBuilder::default();
        let home = env.home.as_deref();
        ConfigFile {
            path: Path::new(DEFAULT_PATH),
            text: DEFAULT_TOML,
            user: false,
            home,
        }
        .apply(&mut settings, &mut keymap)?;
        if let Some((text, path)) = user {
            ConfigFile {
                path,
                text,
                user: true,
                home,
            }
            .apply(&mut settings, &mut keymap)?;
        }
        let settings = settings
            .build(env.no_color)
            .map_err(|message| ConfigError {
                path: PathBuf::from(DEFAULT_PATH),
                line: None,
                message,
            })?;
        Ok(Config {
            keymap: keymap.build()?,
            settings,
            source: user.map(|(_, p)| p.to_path_buf()),
        })
    }
}

#[cfg(test)]
mod tests;
