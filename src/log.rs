//! A log file for what the reader cannot print: a full-screen TUI owns the terminal, so its
//! copies, load problems and failures go to `lunwen.log` in the data directory instead of
//! stderr. Off unless `LUNWEN_LOG` names a level (`error`, `warn`, `info`, `debug`); nothing
//! here ever fails the program — a log that cannot be written is dropped.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// How much is logged, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warn,
    Info,
    Debug,
}

impl Level {
    pub fn from_name(name: &str) -> Option<Level> {
        match name.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Level::Error),
            "warn" | "warning" => Some(Level::Warn),
            "info" => Some(Level::Info),
            "debug" | "trace" => Some(Level::Debug),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Debug => "debug",
        }
    }
}

struct Log {
    level: Level,
    file: Mutex<std::fs::File>,
}

static LOG: OnceLock<Log> = OnceLock::new();

/// Opens `dir/lunwen.log` for appending when `LUNWEN_LOG` names a level; returns where it
/// logs, if it does. Only the first call counts.
pub fn init(dir: Option<&Path>) -> Option<PathBuf> {
    let level = std::env::var("LUNWEN_LOG")
        .ok()
        .and_then(|v| Level::from_name(&v))?;
    let path = dir?.join("lunwen.log");
    std::fs::create_dir_all(path.parent()?).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    LOG.set(Log {
        level,
        file: Mutex::new(file),
    })
    .ok()?;
    Some(path)
}

/// Logs `message` at `level`, if the log is on at that level. One line per message: the
/// seconds since the epoch, the process, the level.
pub fn log(level: Level, message: &str) {
    let Some(log) = LOG.get() else {
        return;
    };
    if level > log.level {
        return;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let line = format!(
        "{secs} [{}] {}: {}\n",
        std::process::id(),
        level.name(),
        message.replace('\n', " ")
    );
    if let Ok(mut file) = log.file.lock() {
        let _ = file.write_all(line.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_by_name_and_order() {
        assert_eq!(Level::from_name("DEBUG"), Some(Level::Debug));
        assert_eq!(Level::from_name("warning"), Some(Level::Warn));
        assert_eq!(Level::from_name("loud"), None);
        assert!(Level::Error < Level::Debug);
    }
}
