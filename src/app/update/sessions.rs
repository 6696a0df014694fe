//! The list of sessions.

use super::{Now, forms, help};
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::state::*;
use crate::i18n::strings;

pub(super) fn update(state: &mut State, action: Action, now: Now) -> Vec<Effect> {
    let n = state.sessions.len();
    match action {
        Action::Up => state.session_sel = state.session_sel.saturating_sub(1),
        Action::Down => state.session_sel = (state.session_sel + 1).min(n.saturating_sub(1)),
        Action::OpenSession => {
            if let Some(s) = state.sessions.get(state.session_sel) {
                return vec![Effect::OpenSession {
                    id: s.session.id.clone(),
                    fresh: false,
                }];
            }
            state.overlay = Some(forms::new_session(
                state.lang,
                now,
                state.defaults.facilitator.as_deref().unwrap_or(""),
            ));
        }
        Action::ResumeLast => {
            let id = state
                .last_used
                .clone()
                .or_else(|| state.sessions.first().map(|s| s.session.id.clone()));
            match id {
                Some(id) => return vec![Effect::OpenSession { id, fresh: false }],
                None => state.info(strings(state.lang).sessions.no_sessions),
            }
        }
        Action::NewSession => {
            state.overlay = Some(forms::new_session(
                state.lang,
                now,
                state.defaults.facilitator.as_deref().unwrap_or(""),
            ))
        }
        Action::EditSession => {
            if let Some(row) = state.sessions.get(state.session_sel) {
                state.overlay = Some(forms::edit_session(state.lang, &row.session));
            }
        }
        Action::FollowUp => super::memory::follow_up(state, now),
        Action::Help => state.overlay = Some(help(state)),
        Action::Quit => return vec![Effect::Quit],
        _ => {}
    }
    vec![]
}
