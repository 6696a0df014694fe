//! A database of every earlier schema version upgrades in place, keeping
//! its sessions, notes and drafts.

mod common;

use tafel::domain::NoteKind;
use tafel::store::{SCHEMA_VERSION, Store};
use tempfile::TempDir;

#[test]
fn every_earlier_version_upgrades_in_place_with_its_notes_and_drafts() {
    for version in 1..SCHEMA_VERSION as usize {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join(format!("v{version}.db"));
        // Written with that version's SQL, not today's code.
        let sid = common::old_db::with_session(&path, version, 30);
        let item = {
            let c = rusqlite::Connection::open(&path).unwrap();
            let item: String = c
                .query_row(
                    "SELECT id FROM item WHERE session_id = ?1 ORDER BY position LIMIT 1",
                    [&sid],
                    |r| r.get(0),
                )
                .unwrap();
            // A draft as that version wrote it: text only.
            c.execute(
                "INSERT INTO draft (session_id, item_id, text, updated_at)
                 VALUES (?1, ?2, 'half getypt', '2025-11-20T10:00:00.000Z')",
                [&sid, &item],
            )
            .unwrap();
            item
        };
        let s = Store::open(&path).unwrap();
        assert_eq!(
            s.schema_version().unwrap(),
            SCHEMA_VERSION,
            "from v{version}"
        );
        assert_eq!(
            s.session_summaries().unwrap()[0].notes,
            30,
            "from v{version}"
        );
        let draft = s.draft(&sid, &item).unwrap().expect("the draft is kept");
        assert_eq!(draft.content.text, "half getypt");
        assert_eq!(
            draft.content.kind,
            NoteKind::Observation,
            "older drafts read as defaults"
        );
        assert_eq!(draft.content.tags, Vec::<String>::new());
        assert_eq!(
            tafel::store::backup::list(&path).unwrap().len(),
            1,
            "backed up before the upgrade from v{version}"
        );
    }
}
