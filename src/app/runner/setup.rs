//! Set-up changes: tables, items at tables, participants. Each is written,
//! then the set-up is read again so the screen shows what is stored.

use crate::app::effect::{Outcome, Setup, SetupOp};
use crate::error::Result;
use crate::store::Store;

pub(super) fn run(store: &mut Store, session_id: &str, op: SetupOp) -> Result<Outcome> {
    match &op {
        SetupOp::CreateTable {
            name,
            host,
            minutes,
        } => {
            store.create_table(session_id, name, host, *minutes)?;
        }
        SetupOp::UpdateTable {
            id,
            name,
            host,
            minutes,
        } => store.update_table(id, name, host, *minutes)?,
        SetupOp::DeleteTable(id) => store.delete_table(id)?,
        SetupOp::RestoreTable(id) => store.restore_table(id)?,
        SetupOp::MoveTable { id, delta } => store.move_table(id, *delta)?,
        SetupOp::ToggleAssign { table_id, item_id } => {
            if store.table(table_id)?.item_ids.contains(item_id) {
                store.unassign_item(table_id, item_id)?;
            } else {
                store.assign_item(table_id, item_id)?;
            }
        }
        SetupOp::MoveItem { table_id, item_id } => store.move_item(table_id, item_id)?,
        SetupOp::CreateTables(tables) => {
            for (name, items) in tables {
                let t = store.create_table(session_id, name, "", 20)?;
                for item in items {
                    store.assign_item(&t.id, item)?;
                }
            }
        }
        SetupOp::CreateParticipant {
            name,
            organisation,
            group,
            naming,
        } => {
            store.create_participant_as(
                session_id,
                Some(name),
                Some(organisation),
                *group,
                *naming,
            )?;
        }
        SetupOp::UpdateParticipant {
            id,
            name,
            organisation,
            group,
            naming,
        } => store.update_participant_as(id, Some(name), Some(organisation), *group, *naming)?,
        SetupOp::DeleteParticipant(id) => store.delete_participant(id)?,
    }
    Ok(Outcome::SetupChanged(
        op,
        Box::new(Setup {
            tables: store.tables(session_id)?,
            participants: store.participants(session_id)?,
            counts: store.note_counts(session_id)?.per_item,
        }),
    ))
}
