//! Papers: the model, the parser that rebuilds it from raw text, and loading a corpus.

pub mod citation;
pub mod decode;
pub mod export;
pub mod facts;
mod import;
pub mod load;
pub mod location;
pub mod model;
pub mod open;
pub mod parse;
pub mod pdf;
pub mod punctuation;
pub mod sentences;
pub mod sources;
pub mod text;

pub use facts::{FactField, FactSource, Provenance, TextOrigin};
pub use load::{Corpus, LoadProblem};
pub use location::{Location, Part};
pub use model::{
    Block, BlockKind, Explained, Field, Heading, Marker, Metadata, Note, Paper, Parts, Target,
};
pub use open::Sources;
