//! The runner: carries out one `Effect` against the store and returns its
//! `Outcome`. A thin I/O adapter: it reads no state and changes none (that
//! is `update`'s job), and it is the only TUI code that uses the store.
//! Split by concern: sessions, set-up, export; notes are one call each.

mod export;
mod memory;
mod session;
mod setup;

use super::effect::{Effect, Outcome};
use super::state::NOTES_PAGE_READ;
use crate::error::{Error, Result};
use crate::store::Store;

/// Runs one effect.
pub fn run(store: &mut Store, effect: Effect) -> Result<Outcome> {
    // A database file removed or replaced underneath is an error, not a
    // silently new, empty database.
    store.ensure_file()?;
    // A damaged database is never written again: the effect is handed back,
    // to be done in a recovery database.
    if !matches!(effect, Effect::Recover { .. })
        && let Some(detail) = store.damage(effect.writes())
    {
        return Ok(Outcome::Damaged {
            detail,
            retry: Box::new(effect),
        });
    }
    let retry = effect.clone();
    match carry_out(store, effect) {
        Err(Error::Sqlite(e)) if crate::store::is_damage(&e) => {
            let detail = e.to_string();
            store.mark_damaged(detail.clone());
            Ok(Outcome::Damaged {
                detail,
                retry: Box::new(retry),
            })
        }
        other => other,
    }
}

fn carry_out(store: &mut Store, effect: Effect) -> Result<Outcome> {
    match effect {
        Effect::LoadSessions { keep_selection } => session::list(store, keep_selection),
        Effect::OpenSession { id, fresh } => session::open(store, &id, fresh),
        Effect::CreateSession {
            fields,
            agenda,
            programme,
        } => session::create(store, &fields, agenda, programme),
        Effect::UpdateSession { id, fields } => {
            store.update_session(&id, &fields)?;
            Ok(Outcome::SessionUpdated)
        }
        Effect::SavePlace { session_id, place } => {
            store.save_place(&session_id, &place)?;
            Ok(Outcome::Stored)
        }
        Effect::CloseSession => Ok(Outcome::CloseSession),
        Effect::Quit => Ok(Outcome::Quit),
        Effect::PollBackup => Ok(session::poll_backup(store)),
        Effect::PollCheck => Ok(Outcome::Checked {
            running: store.check_running(),
        }),
        Effect::Recover { detail } => session::recover(store, detail),
        Effect::SaveTimer { timer } => {
            store.save_timer(&timer)?;
            Ok(Outcome::Stored)
        }
        Effect::LoadItem {
            session_id,
            stop,
            item_id,
            at,
            select,
            save_place,
        } => {
            let page = Box::new(store.note_page(&session_id, &item_id, &at, NOTES_PAGE_READ)?);
            // This window's draft, and those of windows that are gone.
            let opened = store.open_draft(&session_id, &item_id)?;
            let memory = Box::new(memory::of_item(store, &session_id, &item_id)?);
            Ok(Outcome::ItemLoaded {
                stop,
                item_id,
                page,
                draft: opened.content,
                memory,
                taken_over: opened.taken_over,
                select,
                save_place,
            })
        }
        Effect::LoadNotes {
            session_id,
            item_id,
            at,
        } => {
            let page = Box::new(store.note_page(&session_id, &item_id, &at, NOTES_PAGE_READ)?);
            Ok(Outcome::NotesPage { item_id, at, page })
        }
        Effect::SaveDraft {
            session_id,
            item_id,
            draft,
        } => {
            store.save_draft(&session_id, &item_id, &draft)?;
            Ok(Outcome::DraftSaved)
        }
        Effect::ClearDraft {
            session_id,
            item_id,
        } => {
            store.clear_draft(&session_id, &item_id)?;
            Ok(Outcome::Stored)
        }
        Effect::AddNote { session_id, note } => {
            Ok(Outcome::NoteAdded(store.add_note(&session_id, &note)?))
        }
        Effect::UpdateNote { id, note } => Ok(Outcome::NoteUpdated(store.update_note(&id, &note)?)),
        Effect::DeleteNote { id } => {
            store.delete_note(&id)?;
            Ok(Outcome::NoteDeleted(id))
        }
        Effect::RestoreNote { id } => {
            store.restore_note(&id)?;
            Ok(Outcome::NoteRestored(store.note(&id)?))
        }
        Effect::Vote {
            id,
            for_delta,
            against_delta,
            undo,
        } => Ok(Outcome::Voted {
            note: store.vote_note(&id, for_delta, against_delta)?,
            for_delta,
            against_delta,
            undo,
        }),
        Effect::SetRating {
            session_id,
            item_id,
            level,
            comment,
        } => Ok(Outcome::Rated(store.set_rating(
            &session_id,
            &item_id,
            level,
            &comment,
        )?)),
        Effect::Export {
            session_id,
            dir,
            format,
        } => Ok(Outcome::Exported(export::file_in(
            store,
            &session_id,
            &dir,
            format,
        )?)),
        Effect::Setup { session_id, op } => setup::run(store, &session_id, op),
        Effect::FollowUp { from, fields } => {
            let session = store.follow_up(&from, &fields)?;
            Ok(Outcome::SessionCreated { id: session.id })
        }
        Effect::SetActionState {
            session_id,
            note_id,
            state,
            on,
        } => {
            store.set_action_status(&note_id, state, &session_id, on)?;
            Ok(Outcome::ActionState { note_id, state })
        }
        Effect::Respond { note_id, input } => {
            Ok(Outcome::Responded(store.respond(&note_id, &input)?))
        }
        Effect::Search { query } => memory::search(store, &query),
        Effect::LoadEarlier {
            session_id,
            item_id,
        } => Ok(Outcome::Earlier(
            store.earlier_notes(&session_id, &item_id)?,
        )),
        Effect::LoadVersions { note_id, number } => Ok(Outcome::Versions {
            number,
            versions: store.other_versions(&note_id)?,
        }),
        Effect::ReadNote { note_id, session } => Ok(Outcome::NoteRead {
            session,
            note: Box::new(store.note(&note_id)?),
        }),
        Effect::Programme { session_id, op } => {
            use super::effect::ProgrammeOp;
            match &op {
                ProgrammeOp::Add(b) => store.add_block(&session_id, b)?,
                ProgrammeOp::Update(id, b) => store.update_block(id, b)?,
                ProgrammeOp::Delete(id) => store.delete_block(id)?,
                ProgrammeOp::Move { id, delta } => store.move_block(id, *delta)?,
                ProgrammeOp::Start { id, at } => {
                    store.start_block(&session_id, id.as_deref(), *at)?
                }
            }
            Ok(Outcome::Programme(op, store.programme(&session_id)?))
        }
        Effect::LoadOverview { session_id } => {
            Ok(Outcome::Overview(Box::new(store.overview(&session_id)?)))
        }
    }
}
