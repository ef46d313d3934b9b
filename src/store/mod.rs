//! What lunwen keeps in the data directory: the reading positions ([`state`]) and the quote
//! log ([`quotes`]).

use std::path::PathBuf;

pub mod quotes;
pub mod state;

/// The data directory: `over` if given, else the platform's.
pub fn data_dir(over: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(dir) = over.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir);
    }
    directories::ProjectDirs::from("", "", "lunwen")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            "no home directory to keep the quote log in; set LUNWEN_DATA_DIR".to_string()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_override_wins() {
        let d = data_dir(Some(PathBuf::from("/tmp/lunwen-test"))).unwrap();
        assert_eq!(d, PathBuf::from("/tmp/lunwen-test"));
        assert_ne!(data_dir(Some(PathBuf::new())).ok(), Some(PathBuf::new()));
    }
}
