//! Any config text either loads or is refused with an error naming the file; never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use lunwen::config::{Config, Env};

fuzz_target!(|s: &str| {
    let env = Env::default();
    if let Err(e) = Config::from_user_toml_with(s, Path::new("fuzz.toml"), &env) {
        assert!(e.to_string().starts_with("fuzz.toml") || e.to_string().starts_with("<default"));
    }
});
