//! Databases as an older tafel wrote them: the schema of an early version
//! (its migrations) and rows inserted with that version's SQL, not with
//! today's code (which writes today's tables).

use rusqlite::{Connection, params};
use std::path::Path;
use tafel::store::{MIGRATIONS, Store};

/// A database at schema `version` holding one session "Oud" of the bundled
/// agenda with `notes` notes (on its items in turn). Returns the session id.
pub fn with_session(path: &Path, version: usize, notes: usize) -> String {
    drop(Store::open_with_migrations(path, &MIGRATIONS[..version]).unwrap());
    let c = Connection::open(path).unwrap();
    let id = "0190a000-0000-7000-8000-000000000001".to_string();
    let t = "2025-11-20T09:00:00.000Z";
    c.execute(
        "INSERT INTO session (id, title, date, location, facilitator, language, agenda_name,
             agenda_version, created_at, updated_at)
         VALUES (?1, 'Oud', '2025-11-20', 'Den Haag', 'Fenna', 'nl', ?2, ?3, ?4, ?4)",
        params![
            id,
            "Actieplan Open Overheid 2023-2027",
            "2025-herijking.1",
            t
        ],
    )
    .unwrap();
    let agenda = tafel::agenda::bundled();
    for (i, d) in agenda.dimensions.iter().enumerate() {
        c.execute(
            "INSERT INTO dimension (session_id, key, name, description, position)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, d.key, d.name, d.description, i as i64],
        )
        .unwrap();
    }
    let items = agenda.items(&id);
    for it in &items {
        c.execute(
            "INSERT INTO item (id, session_id, kind, number, title, dimension, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                it.id,
                id,
                it.kind.key(),
                it.number,
                it.title,
                it.dimension,
                it.position
            ],
        )
        .unwrap();
    }
    for n in 0..notes {
        c.execute(
            "INSERT INTO note (id, session_id, number, item_id, kind, text, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'observation', ?5, ?6, ?6)",
            params![
                format!("0190a000-0000-7000-8000-1{n:011}"),
                id,
                n as i64 + 1,
                items[n % items.len()].id,
                format!("Notitie {}", n + 1),
                t
            ],
        )
        .unwrap();
    }
    id
}
