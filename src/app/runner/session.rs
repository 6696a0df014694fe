//! Sessions: list, open, create, and the background backup.

use crate::app::effect::{Loaded, Outcome, RecoveryInfo};
use crate::domain::NewSession;
use crate::error::Result;
use crate::store::Store;
use std::path::PathBuf;

pub(super) fn list(store: &Store, keep_selection: bool) -> Result<Outcome> {
    Ok(Outcome::Sessions {
        rows: store.session_summaries()?,
        last_used: store.last_used_session()?,
        keep_selection,
    })
}

/// Reads everything a session shows. A snapshot is taken each time a
/// session is opened, in the background so the first frame does not wait.
pub(super) fn open(store: &mut Store, id: &str, fresh: bool) -> Result<Outcome> {
    let session = store.session(id)?;
    let backup_started = store.start_backup();
    let sid = session.id.clone();
    Ok(Outcome::Opened(Box::new(Loaded {
        items: store.items(&sid)?,
        tables: store.tables(&sid)?,
        dimensions: store.dimensions(&sid)?,
        themes: store.themes(&sid)?,
        programme: store.programme(&sid)?,
        participants: store.participants(&sid)?,
        ratings: store.ratings(&sid)?,
        counts: store.note_counts(&sid)?.per_item,
        timers: store.timers(&sid)?,
        place: store.place(&sid)?,
        waiting_drafts: store.items_with_drafts_of_gone_windows(&sid)?,
        session,
        backup_started,
        fresh,
    })))
}

/// A bad agenda file is reported in the form (first line of the error).
pub(super) fn create(
    store: &mut Store,
    fields: &NewSession,
    agenda: Option<PathBuf>,
    programme: Vec<crate::domain::programme::PlannedBlock>,
) -> Result<Outcome> {
    let mut agenda = match crate::agenda::load_or_bundled(agenda.as_deref()) {
        Ok(a) => a,
        Err(e) => {
            let first = e.to_string().lines().next().unwrap_or_default().to_string();
            return Ok(Outcome::AgendaRejected(first));
        }
    };
    if agenda.programme.is_empty() {
        agenda.programme = programme;
    }
    let session = store.create_session(fields, &agenda)?;
    Ok(Outcome::SessionCreated { id: session.id })
}

pub(super) fn poll_backup(store: &mut Store) -> Outcome {
    let done = store.finished_backup(false).map(|result| match result {
        Ok(path) => {
            crate::log::write(&format!("backup {}", path.display()));
            Ok(path)
        }
        Err(e) => {
            crate::log::write(&format!("backup failed: {e}"));
            Err(e.to_string())
        }
    });
    Outcome::Backup(done)
}

/// The database is damaged: a recovery database beside it takes its place
/// (the damaged store is closed without writing to it).
pub(super) fn recover(store: &mut Store, detail: String) -> Result<Outcome> {
    let damaged = store.path().map(PathBuf::from).unwrap_or_default();
    crate::log::write(&format!("{}: damaged: {detail}", damaged.display()));
    let recovery = store.create_recovery()?;
    crate::log::write(&format!(
        "notes now go to the recovery database {}",
        recovery.path.display()
    ));
    let hint = crate::store::restore_hint(&damaged);
    let mut recovery_store = recovery.store;
    // The same window, so its drafts (copied along) stay its own.
    store.pass_window_to(&mut recovery_store);
    drop(std::mem::replace(store, recovery_store));
    let merge = format!(
        "tafel --db {} merge {}",
        crate::fsutil::shell_word(&damaged),
        crate::fsutil::shell_word(&recovery.path)
    );
    Ok(Outcome::Recovering(Box::new(RecoveryInfo {
        merge,
        damaged,
        detail,
        file: recovery.path,
        hint,
        lost: recovery.lost.iter().map(|t| t.to_string()).collect(),
    })))
}
