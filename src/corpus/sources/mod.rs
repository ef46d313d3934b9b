//! Where a paper's text and bibliographic facts come from besides the paper file itself:
//! metadata exported by reference managers and databases ([`meta`]). It only reads: nothing
//! here writes to the files it is given.

pub mod meta;
