//! The MSF's memory: an item's past and its notes' statuses and responses,
//! and search.

use crate::app::effect::Outcome;
use crate::app::state::ItemMemory;
use crate::domain::memory::SearchFilter;
use crate::error::{Error, Result};
use crate::store::Store;

/// What the run screen shows of an item's past, read with its notes (the
/// statuses and responses of the notes come with each page of them).
pub(super) fn of_item(store: &Store, session_id: &str, item_id: &str) -> Result<ItemMemory> {
    Ok(ItemMemory {
        history: store.item_history(session_id, item_id)?,
        carried: store.carried_actions_at(session_id, item_id)?,
        ..Default::default()
    })
}

/// Search hits; a query the index cannot read is said, not an error.
pub(super) fn search(store: &Store, query: &str) -> Result<Outcome> {
    let filter = SearchFilter {
        limit: Some(200),
        ..Default::default()
    };
    match store.search(query, &filter) {
        Ok(hits) => Ok(Outcome::Hits(Ok(hits))),
        Err(Error::Invalid(why)) => Ok(Outcome::Hits(Err(why))),
        Err(e) => Err(e),
    }
}
