//! What a hit is about, for every surface that shows one (the reader's jump, the popup, the
//! CLI): where its unit sits in the paper, and the whole sentence around it.

use std::ops::Range;

use crate::corpus::sentences::sentence_at;
use crate::corpus::{Location, Paper};

use super::units::Unit;

/// Where a unit sits in its paper. Each surface words it in its own language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place<'a> {
    Title,
    Author,
    Keyword,
    Abstract,
    /// A note, with its label as printed (`①`).
    Note(&'a str),
    /// A reference list entry, with its label as printed (`3`).
    Reference(&'a str),
    /// Body text: the headings from the top down to the section it is in; empty before the
    /// first heading.
    Body(Vec<&'a str>),
    /// Elsewhere (front matter, back matter).
    Other,
}

/// Where `unit` sits in `paper`.
pub fn place<'a>(paper: &'a Paper, unit: &Unit) -> Place<'a> {
    match unit.source {
        Location::Title => Place::Title,
        Location::Author(_) => Place::Author,
        Location::Keyword(_) => Place::Keyword,
        Location::Abstract => Place::Abstract,
        Location::Note(i) => Place::Note(paper.notes.get(i).map_or("", |n| n.label.as_str())),
        Location::Reference(i) => {
            Place::Reference(paper.references.get(i).map_or("", |n| n.label.as_str()))
        }
        Location::Block(_) => Place::Body(
            paper
                .section_path(unit.section.filter(|&s| s < paper.outline.len()))
                .into_iter()
                .map(|h| h.heading.as_str())
                .collect(),
        ),
        Location::Field(_)
        | Location::Label(_)
        | Location::BackMatter(_)
        | Location::Foreign(_) => Place::Other,
    }
}

/// The sentence a hit on `unit` is in, as a char range of the unit's text
/// ([`Paper::text_at`] its location): the whole sentence when the unit is a piece of a long
/// one, in texts cut into sentences (abstract, body, notes); the unit itself elsewhere.
pub fn hit_sentence(paper: &Paper, unit: &Unit) -> Range<usize> {
    let split = matches!(
        unit.source,
        Location::Abstract | Location::Block(_) | Location::Note(_)
    );
    if !split {
        return unit.range.clone();
    }
    paper
        .text_at(unit.source)
        .and_then(|t| sentence_at(&t, unit.range.start))
        .filter(|s| s.start <= unit.range.start && unit.range.end <= s.end)
        .unwrap_or_else(|| unit.range.clone())
}
