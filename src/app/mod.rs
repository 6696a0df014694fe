//! The application: state, actions, key map, the pure `update`, and the
//! runner that carries out its effects. Data flows one way:
//! key → `keys::action_for` → `Action` → `update` (no I/O) → `Effect`s →
//! `runner::run` (store) → `Outcome` → `update::outcome` → `State` → `ui::draw`.

pub mod action;
pub mod effect;
pub mod keys;
pub mod runner;
mod state;
pub mod update;

pub use action::Action;
pub use effect::{Effect, Outcome};
pub use state::*;
pub use update::{Now, update};

use crate::store::Store;
use std::collections::VecDeque;
use std::time::Instant;

/// State plus the store it reads and writes: what the terminal loop and the
/// flow tests drive. The only place that reads the wall clock for `update`.
pub struct App {
    pub state: State,
    pub store: Store,
    /// While effects keep failing: what was logged, and how many failed
    /// since (each tick retries the draft, so this is not logged each time).
    failing: Option<Failing>,
}

/// A run of failures, logged once when it starts and once when it ends.
struct Failing {
    message: String,
    retries: u32,
}

impl App {
    /// Opens on the list of sessions, as a window of its own: its drafts
    /// are its own (see `store::window`).
    pub fn new(mut store: Store, lang: crate::domain::Lang) -> crate::Result<App> {
        store.claim_window()?;
        let mut app = App {
            state: State::new(lang),
            store,
            failing: None,
        };
        app.state.checking = app.store.check_running();
        app.run(
            vec![Effect::LoadSessions {
                keep_selection: false,
            }],
            now(Instant::now()),
        );
        Ok(app)
    }

    /// Handles one action at time `at`: update, then its effects.
    pub fn handle(&mut self, action: Action, at: Instant) {
        self.handle_at(action, now(at));
    }

    /// Handles one action at a given instant and wall-clock time (tests
    /// inject the clock through this).
    pub fn handle_at(&mut self, action: Action, now: Now) {
        let effects = update(&mut self.state, action, now);
        self.run(effects, now);
    }

    /// Runs effects in order; each outcome is applied by `update::outcome`
    /// (its follow-ups run next). The first failure skips the rest, which
    /// depend on it, and `update::failed` says so.
    pub fn run(&mut self, effects: Vec<Effect>, now: Now) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let writes = effect.writes();
            match runner::run(&mut self.store, effect) {
                Ok(outcome) => {
                    if writes {
                        self.recovered();
                    }
                    let next = update::outcome(&mut self.state, outcome, now);
                    for e in next.into_iter().rev() {
                        queue.push_front(e);
                    }
                }
                Err(e) => {
                    self.log_failure(&e.to_string());
                    let skipped: Vec<Effect> = queue.drain(..).collect();
                    update::failed(&mut self.state, &e.to_string(), &skipped);
                    return;
                }
            }
        }
    }

    /// Logs a failure once: the first of a run, or one that says something
    /// new; the same failure again (the draft retried every tick) is counted.
    fn log_failure(&mut self, message: &str) {
        match &mut self.failing {
            Some(f) if f.message == message => f.retries += 1,
            _ => {
                crate::log::write(&format!("error (retrying quietly): {message}"));
                self.failing = Some(Failing {
                    message: message.to_string(),
                    retries: 0,
                });
            }
        }
    }

    /// A write worked: a run of failures, if any, has ended.
    fn recovered(&mut self) {
        if let Some(f) = self.failing.take() {
            crate::log::write(&format!(
                "writing works again, after {} failed retries of: {}",
                f.retries, f.message
            ));
        }
    }

    /// Reads the list of sessions again (after sessions were made through
    /// the store directly).
    pub fn reload_sessions(&mut self) {
        let effect = Effect::LoadSessions {
            keep_selection: false,
        };
        self.run(vec![effect], now(Instant::now()));
    }

    /// The id of the item the run screen is on, if a session is open.
    pub fn current_item_id(&self) -> Option<String> {
        let open = self.state.open.as_ref()?;
        open.current_item().map(|i| i.id.clone())
    }

    /// Handles a key press.
    pub fn key(&mut self, key: crossterm::event::KeyEvent, at: Instant) {
        if let Some(action) = keys::action_for(self.state.context(), key) {
            self.handle(action, at);
        }
    }

    /// Saves what must not be lost before the process ends: the draft being
    /// typed and the place in the session (each tried, whatever the other did).
    pub fn shutdown(&mut self) {
        let now = now(Instant::now());
        for effect in update::flush(&mut self.state) {
            self.run(vec![effect], now);
        }
        if let Some(Err(e)) = self.store.finished_backup(true) {
            crate::log::write(&format!("backup failed: {e}"));
        }
    }
}

fn now(at: Instant) -> Now {
    Now {
        at,
        wall: chrono::Local::now(),
    }
}
