//! `lunwen config`: the default file, where the file is, and whether it is valid.

use std::process::ExitCode;

use super::{CONFIG_ERROR, Cli, ConfigArgs};
use crate::config::{self, Config, Location};
use lunwen_core::corpus::text::sanitize;

/// `lunwen config`: works even when the config file is broken, so the user can find and fix it.
pub fn run(cli: &Cli, args: &ConfigArgs) -> ExitCode {
    if args.default {
        print!("{}", config::DEFAULT_TOML);
        return ExitCode::SUCCESS;
    }
    let env = config::Env::from_process();
    if args.path {
        return match config::locate(cli.config.as_deref(), &env) {
            Some(loc) => {
                println!("{}", loc.path.display());
                eprintln!("lunwen: {}", location_note(&loc));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "lunwen: no home directory is known; name a file with --config FILE or {}",
                    config::CONFIG_ENV
                );
                ExitCode::FAILURE
            }
        };
    }
    match Config::load_with(cli.config.as_deref(), &env) {
        Ok(c) => {
            match &c.source {
                Some(p) => println!("{}: ok", p.display()),
                None => println!("no config file; the built-in defaults are used"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lunwen: {}", sanitize(&e.to_string()));
            ExitCode::from(CONFIG_ERROR)
        }
    }
}

/// What `lunwen config --path` says beside the path.
pub fn location_note(loc: &Location) -> String {
    let exists = loc.path.is_file();
    match (loc.required, exists) {
        (false, true) => "default location".to_string(),
        (true, true) => format!("named by {}", loc.reason),
        (true, false) => format!("named by {}, but there is no such file", loc.reason),
        (false, false) => "default location; no file there, so the built-in defaults apply \
             (`lunwen config --default` prints them)"
            .to_string(),
    }
}
