//! What the faster store paths must keep: a save reads back exactly what it
//! stored and leaves nothing half done when it fails; the note counts kept
//! by triggers (schema step 0005) always equal counting the notes, also
//! after an upgrade of an existing file. (How fast is measured in
//! `benches/`, never here.)

mod common;

use chrono::NaiveDate;
use std::collections::HashMap;
use tafel::agenda;
use tafel::demo::SplitMix64;
use tafel::domain::{Lang, NewSession, NoteInput, NoteKind};
use tafel::store::{SCHEMA_VERSION, Store};
use tempfile::TempDir;

fn new_session() -> NewSession {
    NewSession {
        title: "MSF".into(),
        date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
        location: String::new(),
        facilitator: String::new(),
        language: Lang::Nl,
    }
}

fn note(item_id: &str, text: &str) -> NoteInput {
    NoteInput {
        item_id: item_id.into(),
        content: tafel::domain::NoteContent {
            text: text.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Live notes per item of a session, counted from the notes themselves.
fn counted(store: &Store, session_id: &str) -> HashMap<String, u64> {
    let mut st = store
        .connection()
        .prepare(
            "SELECT item_id, count(*) FROM note WHERE session_id = ?1 AND deleted_at IS NULL
             GROUP BY item_id",
        )
        .unwrap();
    st.query_map([session_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn assert_counts_agree(store: &Store, session_id: &str) {
    let expected = counted(store, session_id);
    assert_eq!(store.note_counts(session_id).unwrap().per_item, expected);
    let total: u64 = expected.values().sum();
    let summary = store
        .session_summaries()
        .unwrap()
        .into_iter()
        .find(|s| s.session.id == session_id)
        .unwrap();
    assert_eq!(summary.notes, total);
}

#[test]
fn a_saved_note_is_returned_as_stored_and_its_draft_is_gone() {
    let mut store = Store::open_in_memory().unwrap();
    let s = store
        .create_session(&new_session(), &agenda::bundled())
        .unwrap();
    let item = store.items(&s.id).unwrap()[0].id.clone();
    store
        .save_draft(
            &s.id,
            &item,
            &tafel::domain::NoteContent::plain("half typed"),
        )
        .unwrap();
    let mut input = note(&item, "  Een notitie\nmet twee regels ");
    input.content.kind = NoteKind::Action;
    input.content.tags = vec!["b".into(), "a".into(), "b".into(), " ".into()];
    input.content.owner = "BZK".into();
    input.content.due = NaiveDate::from_ymd_opt(2026, 3, 1);
    input.votes_for = 2;
    let saved = store.add_note(&s.id, &input).unwrap();
    assert_eq!(saved, store.note(&saved.id).unwrap());
    assert_eq!(saved.content.tags, ["b", "a"]);
    assert_eq!(saved.number, 1);
    assert_eq!(store.draft(&s.id, &item).unwrap(), None);
    let next = store.add_note(&s.id, &note(&item, "twee")).unwrap();
    assert_eq!(next.number, 2);
}

#[test]
fn a_failed_save_leaves_no_transaction_open_and_keeps_the_draft() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let s = store
        .create_session(&new_session(), &agenda::bundled())
        .unwrap();
    let item = store.items(&s.id).unwrap()[0].id.clone();
    store.add_note(&s.id, &note(&item, "een")).unwrap();
    store
        .save_draft(&s.id, &item, &tafel::domain::NoteContent::plain("bewaard"))
        .unwrap();
    // An item that does not exist: the INSERT fails on its foreign key.
    assert!(store.add_note(&s.id, &note("no-such-item", "x")).is_err());
    assert!(store.connection().is_autocommit(), "rolled back");
    assert_eq!(
        store.draft(&s.id, &item).unwrap().unwrap().content.text,
        "bewaard"
    );
    let again = store.add_note(&s.id, &note(&item, "twee")).unwrap();
    assert_eq!(again.number, 2, "the failed save took no number");
    assert_counts_agree(&store, &s.id);
}

#[test]
fn note_counts_follow_every_change() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let s = store
        .create_session(&new_session(), &agenda::bundled())
        .unwrap();
    let other = store
        .create_session(&new_session(), &agenda::bundled())
        .unwrap();
    let items: Vec<String> = store
        .items(&s.id)
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .take(4)
        .collect();
    let table = store.create_table(&s.id, "t", "", 20).unwrap();
    let mut rng = SplitMix64::new(11);
    let mut live: Vec<String> = Vec::new();
    let mut deleted: Vec<String> = Vec::new();
    for step in 0..300 {
        match rng.below(10) {
            0..=4 => {
                let item: &String = rng.pick(&items);
                let mut n = note(item, &format!("notitie {step}"));
                if rng.below(2) == 0 {
                    n.table_id = Some(table.id.clone());
                }
                live.push(store.add_note(&s.id, &n).unwrap().id);
            }
            5 | 6 if !live.is_empty() => {
                let id = live.swap_remove(rng.below(live.len()));
                store.delete_note(&id).unwrap();
                deleted.push(id);
            }
            7 if !deleted.is_empty() => {
                let id = deleted.swap_remove(rng.below(deleted.len()));
                store.restore_note(&id).unwrap();
                live.push(id);
            }
            8 if !live.is_empty() => {
                let id = rng.pick(&live).clone();
                let mut input = store.note(&id).unwrap().input();
                input.content.text.push_str(" (bewerkt)");
                store.update_note(&id, &input).unwrap();
                store.vote_note(&id, 1, 0).unwrap();
            }
            _ => {
                // Deleting and restoring a table does not change the counts
                // (they count notes at any table).
                store.delete_table(&table.id).unwrap();
                assert_counts_agree(&store, &s.id);
                store.restore_table(&table.id).unwrap();
            }
        }
        assert_counts_agree(&store, &s.id);
    }
    let bulk = (0..50).map(|i| {
        let mut n = note(&items[i % items.len()], &format!("bulk {i}"));
        n.table_id = Some(table.id.clone());
        (tafel::domain::new_id(), n, chrono::Utc::now())
    });
    store.insert_notes_bulk(&s.id, bulk).unwrap();
    assert_counts_agree(&store, &s.id);
    assert_counts_agree(&store, &other.id);
    assert!(store.note_counts(&other.id).unwrap().per_item.is_empty());
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_version_three_file_is_upgraded_in_place_with_its_counts() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v3.db");
    // Written with version 3's SQL, not today's code: 401 notes, one of
    // them deleted.
    let id = common::old_db::with_session(&path, 3, 401);
    let deleted = {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.query_row(
            "UPDATE note SET deleted_at = '2025-11-20T10:00:00.000Z' WHERE number = 401 RETURNING id",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
    };
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_counts_agree(&s, &id);
    assert_eq!(s.session_summaries().unwrap()[0].notes, 400);
    // The triggers work on the upgraded file.
    s.restore_note(&deleted).unwrap();
    assert_counts_agree(&s, &id);
    assert_eq!(s.session_summaries().unwrap()[0].notes, 401);
    let backups = tafel::store::backup::list(&path).unwrap();
    assert_eq!(backups.len(), 1, "backed up before the upgrade");
    let old =
        Store::open_with_migrations(&backups[0].path, &tafel::store::MIGRATIONS[..3]).unwrap();
    assert_eq!(
        old.schema_version().unwrap(),
        3,
        "the backup is the old file"
    );
    assert_eq!(s.integrity_check().unwrap(), "ok");
}
