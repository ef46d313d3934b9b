//! Where a paper's text and bibliographic facts come from besides the paper file itself:
//! metadata exported by reference managers and databases ([`meta`]) and a Zotero library
//! ([`zotero`]). Both only read: nothing here writes to the files or databases it is given.

pub mod meta;
pub mod zotero;
