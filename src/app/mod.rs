//! The application: state, actions, key map, the pure `update`, and the
//! effects that touch the store. Data flows one way:
//! key → `keys::action_for` → `Action` → `update` (no I/O) → `Effect`s →
//! `effects::apply` (store) → `State` → `ui::draw`.

pub mod action;
pub mod effects;
pub mod keys;
mod state;
mod update;

pub use action::Action;
pub use effects::Effect;
pub use state::*;
pub use update::{participant_label, update};

use crate::error::Result;
use crate::store::Store;
use std::time::Instant;

/// State plus the store it reads and writes: what the terminal loop and the
/// flow tests drive.
pub struct App {
    pub state: State,
    pub store: Store,
}

impl App {
    /// Opens on the list of sessions.
    pub fn new(store: Store, lang: crate::domain::Lang) -> Result<App> {
        let mut app = App {
            state: State::new(lang),
            store,
        };
        effects::apply(&mut app.store, &mut app.state, Effect::LoadSessions);
        Ok(app)
    }

    /// Handles one action at time `now`: update, then run the effects in
    /// order, stopping at the first that fails (later ones depend on it).
    pub fn handle(&mut self, action: Action, now: Instant) {
        for effect in update(&mut self.state, action, now) {
            if !effects::apply(&mut self.store, &mut self.state, effect) {
                break;
            }
        }
    }

    /// The id of the item the run screen is on, if a session is open.
    pub fn current_item_id(&self) -> Option<String> {
        let open = self.state.open.as_ref()?;
        open.current_item().map(|i| i.id.clone())
    }

    /// Handles a key press.
    pub fn key(&mut self, key: crossterm::event::KeyEvent, now: Instant) {
        if let Some(action) = keys::action_for(self.state.context(), key) {
            self.handle(action, now);
        }
    }

    /// Saves what must not be lost before the process ends: the draft being
    /// typed and the place in the session.
    pub fn shutdown(&mut self) {
        for effect in update::flush(&mut self.state) {
            effects::apply(&mut self.store, &mut self.state, effect);
        }
        if let Some(Err(e)) = self.store.finished_backup(true) {
            crate::log::write(&format!("backup failed: {e}"));
        }
    }
}
