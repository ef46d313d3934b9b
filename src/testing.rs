//! Fixtures shared by this crate's tests: the bundled corpus as an app, and what the app's effects
//! ask for. The core's fixtures (hand-built papers) are in `lunwen_core::testing`.

use std::sync::Arc;

use crate::app::{App, Effect};
use crate::config::Config;
use crate::copy::CopyRequest;
use crate::store::state::State;
use lunwen_core::corpus::Corpus;
use lunwen_core::search::{Scope, SearchIndex};

/// The app over the bundled papers, fresh (no saved state), sized `w`×`h`.
pub fn seeds(w: u16, h: u16) -> App {
    App::new(
        Corpus::bundled().papers,
        &Config::defaults(),
        &State::default(),
        w,
        h,
    )
}

/// `app` with its search index built, as the event loop gives it once the builder is done.
pub fn with_index(mut app: App) -> App {
    let index = Arc::new(SearchIndex::build(&app.papers));
    app.set_search_index(index);
    app
}

/// The last copy `effects` ask for.
pub fn copy_request(effects: impl IntoIterator<Item = Effect>) -> Option<CopyRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Copy(req) => Some(req),
            _ => None,
        })
        .last()
}

/// The last search `effects` ask for.
pub fn search_request(effects: impl IntoIterator<Item = Effect>) -> Option<(String, Scope)> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Search { query, scope } => Some((query, scope)),
            _ => None,
        })
        .last()
}
