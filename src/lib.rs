//! lunwen (论文): read and quote a corpus of academic papers.
//!
//! The paper model, parser, citations, search and reading view are the terminal-free
//! `lunwen_core` crate. This crate is the app around it, in layers that each use only those
//! below (checked by `tests/architecture.rs`):
//!
//! 1. `action`, `clipboard`, `crash`, `log` (the log file), `store` (state file, quote log)
//! 2. `config`, `copy` (a copy request and carrying it out)
//! 3. `app`: the state and how events change it, returning effects; no I/O, no clock
//! 4. `ui`: pure drawing of the app into a frame
//! 5. `tui`: the terminal and the event loop that carries out the effects
//! 6. `cli`: the subcommands, and the reader when there is none

pub mod action;
pub mod app;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod copy;
pub mod crash;
pub mod log;
pub mod store;
#[cfg(test)]
pub(crate) mod testing;
pub mod tui;
pub mod ui;
