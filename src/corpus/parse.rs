//! Rebuilds a [`Paper`] from raw OCR/markdown text.

use super::model::{Block, BlockKind, Paper};
use super::text::{sanitize, squash_spaces};

/// Parses one paper. Never fails: what cannot be recognised becomes a warning.
pub fn parse(id: &str, file: &str, raw: &str) -> Paper {
    let raw = sanitize(raw);
    let mut paper = Paper {
        id: id.to_string(),
        file: file.to_string(),
        ..Paper::default()
    };
    let mut blocks = raw
        .split("\n\n")
        .map(|b| squash_spaces(b.trim()))
        .filter(|b| !b.is_empty());
    paper.title = blocks.next();
    paper.blocks = blocks
        .map(|text| Block {
            kind: BlockKind::Paragraph,
            section: None,
            text,
            markers: Vec::new(),
        })
        .collect();
    paper
}
