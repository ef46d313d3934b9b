//! lunwen (论文): read and quote a corpus of academic papers.
//!
//! Domain code (`corpus`, `search`, `config`) knows nothing about the terminal; the TUI lives in
//! `app`, `ui` and the binary.

pub mod action;
pub mod app;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod copy;
pub mod crash;
pub mod store;
#[cfg(test)]
pub(crate) mod testing;
pub mod tui;
pub mod ui;
