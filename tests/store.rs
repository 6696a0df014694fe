//! Store tests, each run on an in-memory and an on-disk database.

mod common;

use chrono::NaiveDate;
use std::collections::HashSet;
use tafel::Error;
use tafel::agenda;
use tafel::domain::NoteContent;
use tafel::domain::{IrmLevel, ItemKind, Lang, NewSession, NoteInput, NoteKind, StakeholderGroup};
use tafel::store::{Place, SCHEMA_VERSION, Store};
use tempfile::TempDir;

fn new_session() -> NewSession {
    NewSession {
        title: "MSF najaar".into(),
        date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
        location: "Den Haag".into(),
        facilitator: "Fenna".into(),
        language: Lang::Nl,
    }
}

/// Runs `f` on a fresh in-memory store and a fresh on-disk store.
fn both(f: impl Fn(&mut Store)) {
    let mut mem = Store::open_in_memory().unwrap();
    f(&mut mem);
    let dir = TempDir::new().unwrap();
    let mut disk = Store::open(&dir.path().join("t.db")).unwrap();
    f(&mut disk);
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

/// The place is saved without waiting for the disk; everything after it is
/// committed with `synchronous=FULL` again, also when saving it failed.
#[test]
fn saving_the_place_leaves_every_other_commit_durable() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("tafel.db");
    let mut s = Store::open(&path).unwrap();
    let session = s
        .create_session(&new_session(), &agenda::bundled())
        .unwrap();
    let sync = |s: &Store| -> i64 {
        s.connection()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap()
    };
    let place = Place {
        table_id: None,
        item_id: Some(s.items(&session.id).unwrap()[2].id.clone()),
        scroll: 7,
    };
    s.save_place(&session.id, &place).unwrap();
    assert_eq!(sync(&s), 2, "synchronous=FULL after the place");
    assert!(s.save_place("no such session", &place).is_err());
    assert_eq!(sync(&s), 2, "synchronous=FULL after a failed place");
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.place(&session.id).unwrap(), Some(place));
}

#[test]
fn empty_file_is_migrated_and_reopens_with_its_data() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("sub/dir/tafel.db");
    let id = {
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        s.create_session(&new_session(), &agenda::bundled())
            .unwrap()
            .id
    };
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.session(&id).unwrap().title, "MSF najaar");
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let mode: String = s
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = s
        .connection()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = s
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn a_zero_byte_file_becomes_a_database() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
}

#[cfg(unix)]
#[test]
fn new_database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("p.db");
    let mut s = Store::open(&path).unwrap();
    s.create_session(&new_session(), &agenda::bundled())
        .unwrap();
    for p in [path.clone(), dir.path().join("p.db-wal")] {
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", p.display());
    }
}

#[test]
fn session_copies_the_agenda() {
    both(|s| {
        let session = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        assert_eq!(session.agenda_name, "Actieplan Open Overheid 2023-2027");
        assert_eq!(session.created_at, session.updated_at);
        let items = s.items(&session.id).unwrap();
        assert_eq!(
            items
                .iter()
                .filter(|i| i.kind == ItemKind::ActionPoint)
                .count(),
            17
        );
        assert_eq!(
            items
                .iter()
                .filter(|i| i.kind == ItemKind::PolicyQuestion)
                .count(),
            6
        );
        let q6 = items
            .iter()
            .find(|i| i.kind == ItemKind::PolicyQuestion && i.number == 6)
            .unwrap();
        assert_eq!(q6.sub_questions.len(), 3);
        assert_eq!(q6.dimension.as_deref(), Some("open-algoritmen"));
        assert_eq!(s.dimensions(&session.id).unwrap().len(), 7);
        let mut changed = new_session();
        changed.title = "MSF voorjaar".into();
        s.update_session(&session.id, &changed).unwrap();
        let again = s.session(&session.id).unwrap();
        assert_eq!(again.title, "MSF voorjaar");
        assert!(again.updated_at >= again.created_at);
    });
}

#[test]
fn sessions_resolve_by_prefix_and_newest_first() {
    both(|s| {
        assert!(matches!(s.resolve_session(None), Err(Error::NoSessions)));
        let a = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        let mut later = new_session();
        later.date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let b = s.create_session(&later, &agenda::bundled()).unwrap();
        assert_eq!(s.resolve_session(None).unwrap().id, b.id);
        assert_eq!(s.resolve_session(Some(&a.id)).unwrap().id, a.id);
        assert!(matches!(
            s.resolve_session(Some("nope")),
            Err(Error::UnknownSession(_))
        ));
        // UUID v7 ids of sessions made in the same millisecond share a prefix.
        assert!(matches!(
            s.resolve_session(Some("0")),
            Err(Error::AmbiguousSession(_))
        ));
        let list = s.session_summaries().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].session.id, b.id);
        assert_eq!(list[0].items, 23);
    });
}

#[test]
fn tables_are_created_renamed_reordered_deleted_and_restored() {
    both(|s| {
        let session = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        let items = s.items(&session.id).unwrap();
        let a = s
            .create_table(&session.id, "Tafel A", "Host A", 20)
            .unwrap();
        let b = s.create_table(&session.id, "Tafel B", "", 30).unwrap();
        assert_eq!((a.position, b.position), (0, 1));
        s.update_table(&a.id, "Open informatie", "Host Z", 25)
            .unwrap();
        let a2 = s.table(&a.id).unwrap();
        assert_eq!(
            (a2.name.as_str(), a2.host.as_str(), a2.timebox_minutes),
            ("Open informatie", "Host Z", 25)
        );
        s.move_table(&b.id, -1).unwrap();
        let names: Vec<String> = s
            .tables(&session.id)
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names, ["Tafel B", "Open informatie"]);
        // An item may sit at several tables.
        s.assign_item(&a.id, &items[0].id).unwrap();
        s.assign_item(&a.id, &items[17].id).unwrap();
        s.assign_item(&a.id, &items[0].id).unwrap(); // no duplicate
        s.assign_item(&b.id, &items[0].id).unwrap();
        assert_eq!(
            s.table(&a.id).unwrap().item_ids,
            [items[0].id.clone(), items[17].id.clone()]
        );
        assert_eq!(s.table(&b.id).unwrap().item_ids, [items[0].id.clone()]);
        s.unassign_item(&a.id, &items[0].id).unwrap();
        assert_eq!(s.table(&a.id).unwrap().item_ids, [items[17].id.clone()]);
        s.delete_table(&b.id).unwrap();
        assert_eq!(s.tables(&session.id).unwrap().len(), 1);
        assert!(s.table_deleted_at(&b.id).unwrap().is_some());
        s.restore_table(&b.id).unwrap();
        assert_eq!(s.tables(&session.id).unwrap().len(), 2);
        assert!(matches!(
            s.update_table(&a.id, "  ", "", 1),
            Err(Error::Invalid(_))
        ));
    });
}

#[test]
fn participants_crud_and_soft_delete() {
    both(|s| {
        let session = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        let p = s
            .create_participant(
                &session.id,
                Some("Sanne"),
                Some(" "),
                StakeholderGroup::Wetenschap,
            )
            .unwrap();
        assert_eq!(p.name.as_deref(), Some("Sanne"));
        assert_eq!(p.organisation, None, "blank organisation is stored as none");
        let anon = s
            .create_participant(&session.id, None, None, StakeholderGroup::Anders)
            .unwrap();
        assert_eq!(anon.name, None);
        s.update_participant(
            &p.id,
            Some("Sanne B."),
            Some("Rathenau"),
            StakeholderGroup::Wetenschap,
        )
        .unwrap();
        assert_eq!(
            s.participant(&p.id).unwrap().organisation.as_deref(),
            Some("Rathenau")
        );
        s.delete_participant(&p.id).unwrap();
        assert_eq!(s.participants(&session.id).unwrap().len(), 1);
        assert!(s.participant(&p.id).unwrap().deleted_at.is_some());
        s.restore_participant(&p.id).unwrap();
        assert_eq!(s.participants(&session.id).unwrap().len(), 2);
    });
}

#[test]
fn notes_crud_votes_soft_delete_and_restore() {
    both(|s| {
        let session = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        let items = s.items(&session.id).unwrap();
        let table = s.create_table(&session.id, "T", "", 20).unwrap();
        let p = s
            .create_participant(&session.id, Some("A"), None, StakeholderGroup::Overheid)
            .unwrap();
        s.save_draft(
            &session.id,
            &items[2].id,
            &tafel::domain::NoteContent::plain("half getypt"),
        )
        .unwrap();
        let mut input = NoteInput {
            item_id: items[2].id.clone(),
            table_id: Some(table.id.clone()),
            votes_for: 2,
            votes_against: 0,
            round: None,
            content: NoteContent {
                kind: NoteKind::Action,
                text: "Regel een vervolg\nmet de VNG".into(),
                participant_id: Some(p.id.clone()),
                group: Some(StakeholderGroup::Overheid),
                tags: vec!["open-data".into(), "open-aanpak".into(), "open-data".into()],
                owner: "PROO".into(),
                due: NaiveDate::from_ymd_opt(2026, 1, 15),
            },
        };
        let n1 = s.add_note(&session.id, &input).unwrap();
        assert_eq!(n1.number, 1);
        assert_eq!(n1.content.text, "Regel een vervolg\nmet de VNG");
        assert_eq!(
            n1.content.tags,
            ["open-data", "open-aanpak"],
            "duplicate tag dropped"
        );
        assert_eq!(n1.content.owner, "PROO");
        assert_eq!(n1.content.due, NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(
            s.draft(&session.id, &items[2].id).unwrap(),
            None,
            "saving clears the draft"
        );
        let n2 = s
            .add_note(&session.id, &note(&items[2].id, "tweede"))
            .unwrap();
        assert_eq!(n2.number, 2);
        assert_ne!(n1.id, n2.id);

        input.content.text = "aangepast".into();
        input.content.kind = NoteKind::Agreement;
        let edited = s.update_note(&n1.id, &input).unwrap();
        assert_eq!(
            (edited.content.text.as_str(), edited.content.kind),
            ("aangepast", NoteKind::Agreement)
        );
        assert_eq!(edited.number, 1);
        assert!(edited.updated_at >= edited.created_at);
        let voted = s.vote_note(&n2.id, 1, 0).unwrap();
        assert_eq!(voted.votes_for, 1);
        let voted = s.vote_note(&n2.id, -5, 0).unwrap();
        assert_eq!(voted.votes_for, 0, "votes never go below zero");

        s.delete_note(&n1.id).unwrap();
        assert_eq!(s.notes_for_item(&items[2].id).unwrap().len(), 1);
        assert!(
            s.note(&n1.id).unwrap().deleted_at.is_some(),
            "still in the file"
        );
        assert!(matches!(s.delete_note(&n1.id), Err(Error::NotFound(_))));
        s.restore_note(&n1.id).unwrap();
        let texts: Vec<String> = s
            .notes_for_item(&items[2].id)
            .unwrap()
            .into_iter()
            .map(|n| n.content.text)
            .collect();
        assert_eq!(texts, ["aangepast", "tweede"]);
        assert_eq!(
            s.note_counts(&session.id).unwrap().per_item[&items[2].id],
            2
        );
        assert!(matches!(
            s.add_note(&session.id, &note(&items[2].id, "  \n")),
            Err(Error::Invalid(_))
        ));
    });
}

#[test]
fn ratings_are_one_per_item_and_replaced() {
    both(|s| {
        let session = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        let items = s.items(&session.id).unwrap();
        let r = s
            .set_rating(&session.id, &items[0].id, IrmLevel::Limited, "traag")
            .unwrap();
        let r2 = s
            .set_rating(&session.id, &items[0].id, IrmLevel::Complete, "klaar")
            .unwrap();
        assert_eq!(r.id, r2.id);
        assert_eq!(
            (r2.level, r2.comment.as_str()),
            (IrmLevel::Complete, "klaar")
        );
        s.set_rating(&session.id, &items[1].id, IrmLevel::NotStarted, "")
            .unwrap();
        assert_eq!(s.ratings(&session.id).unwrap().len(), 2);
        s.clear_rating(&session.id, &items[1].id).unwrap();
        assert_eq!(s.ratings(&session.id).unwrap().len(), 1);
    });
}

#[test]
fn drafts_and_place() {
    both(|s| {
        let session = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        let items = s.items(&session.id).unwrap();
        s.save_draft(
            &session.id,
            &items[0].id,
            &tafel::domain::NoteContent::plain("één"),
        )
        .unwrap();
        s.save_draft(
            &session.id,
            &items[0].id,
            &tafel::domain::NoteContent::plain("één twee"),
        )
        .unwrap();
        assert_eq!(
            s.draft(&session.id, &items[0].id)
                .unwrap()
                .unwrap()
                .content
                .text,
            "één twee"
        );
        assert_eq!(s.drafts(&session.id).unwrap().len(), 1);
        s.save_draft(
            &session.id,
            &items[0].id,
            &tafel::domain::NoteContent::plain(""),
        )
        .unwrap();
        assert_eq!(s.draft(&session.id, &items[0].id).unwrap(), None);
        assert_eq!(s.last_used_session().unwrap(), None);
        let place = Place {
            table_id: None,
            item_id: Some(items[3].id.clone()),
            scroll: 4,
        };
        s.save_place(&session.id, &place).unwrap();
        assert_eq!(s.place(&session.id).unwrap(), Some(place));
        assert_eq!(s.last_used_session().unwrap(), Some(session.id.clone()));
    });
}

#[test]
fn ids_are_unique_and_timestamps_set() {
    both(|s| {
        let session = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        let items = s.items(&session.id).unwrap();
        let mut ids = HashSet::new();
        assert!(ids.insert(session.id.clone()));
        for it in &items {
            assert!(ids.insert(it.id.clone()));
        }
        for i in 0..200 {
            let n = s
                .add_note(&session.id, &note(&items[i % 23].id, "x"))
                .unwrap();
            assert!(ids.insert(n.id.clone()), "duplicate id");
            assert!(n.created_at.timestamp() > 1_700_000_000);
        }
        let t = s.create_table(&session.id, "T", "", 1).unwrap();
        assert!(ids.insert(t.id));
        assert!(t.created_at.timestamp() > 1_700_000_000);
    });
}

#[test]
fn foreign_keys_are_enforced() {
    both(|s| {
        let session = s
            .create_session(&new_session(), &agenda::bundled())
            .unwrap();
        let bogus = note("no-such-item", "x");
        assert!(matches!(
            s.add_note(&session.id, &bogus),
            Err(Error::Sqlite(_))
        ));
        let items = s.items(&session.id).unwrap();
        let t = s.create_table(&session.id, "T", "", 1).unwrap();
        assert!(s.assign_item(&t.id, "no-such-item").is_err());
        assert!(s.assign_item("no-such-table", &items[0].id).is_err());
        assert!(
            s.set_rating("no-such-session", &items[0].id, IrmLevel::Limited, "")
                .is_err()
        );
    });
}

// --- files tafel must refuse, untouched ---

fn refused_untouched(bytes: &[u8], expect: impl Fn(&Error) -> bool) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("x.db");
    std::fs::write(&path, bytes).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(expect(&err), "unexpected error: {err}");
    assert!(!err.to_string().contains('\n'), "one line: {err}");
    assert!(err.to_string().contains("x.db"), "names the file: {err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "file changed");
    let extra: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(extra.len(), 1, "no -wal/-shm left beside it");
}

#[test]
fn a_non_database_file_is_refused_unchanged() {
    refused_untouched(b"these are my meeting notes, not a database\n", |e| {
        matches!(e, Error::NotADatabase { .. })
    });
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    refused_untouched(&random, |e| matches!(e, Error::NotADatabase { .. }));
}

fn database_bytes(setup: impl FnOnce(&rusqlite::Connection)) -> Vec<u8> {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("src.db");
    let c = rusqlite::Connection::open(&path).unwrap();
    setup(&c);
    drop(c);
    std::fs::read(&path).unwrap()
}

#[test]
fn a_newer_schema_is_refused_unchanged() {
    let bytes = database_bytes(|c| {
        c.execute_batch(&format!(
            "PRAGMA application_id = {}; CREATE TABLE future (x); PRAGMA user_version = {};",
            tafel::store::APPLICATION_ID,
            SCHEMA_VERSION + 1
        ))
        .unwrap();
    });
    refused_untouched(
        &bytes,
        |e| matches!(e, Error::NewerSchema { found, .. } if *found == SCHEMA_VERSION + 1),
    );
}

#[test]
fn another_applications_database_is_refused_unchanged() {
    let bytes = database_bytes(|c| {
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
            .unwrap();
    });
    refused_untouched(&bytes, |e| matches!(e, Error::ForeignDatabase { .. }));
}

#[test]
fn a_truncated_database_is_refused_unchanged() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("full.db");
    {
        let mut s = Store::open(&path).unwrap();
        tafel::demo::create(&mut s, 500, 1, Lang::Nl).unwrap();
        s.connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    refused_untouched(&bytes[..bytes.len() / 2], |e| {
        matches!(e, Error::Damaged { .. })
    });
}

#[test]
fn a_directory_is_refused() {
    let dir = TempDir::new().unwrap();
    assert!(matches!(
        Store::open(dir.path()),
        Err(Error::IsADirectory { .. })
    ));
}

// --- the upgrade path, with a pretend next schema version ---

fn with_next(step: &'static str) -> Vec<&'static str> {
    let mut all = tafel::store::MIGRATIONS.to_vec();
    all.push(step);
    all
}

#[test]
fn an_upgrade_runs_one_step_in_a_transaction_after_a_backup() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    let id = {
        let mut s = Store::open(&path).unwrap();
        s.create_session(&new_session(), &agenda::bundled())
            .unwrap()
            .id
    };
    let next = with_next("ALTER TABLE session ADD COLUMN weather TEXT NOT NULL DEFAULT 'rain';");
    let s = Store::open_with_migrations(&path, &next).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION + 1);
    let weather: String = s
        .connection()
        .query_row("SELECT weather FROM session WHERE id = ?1", [&id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(weather, "rain");
    let backups = tafel::store::backup::list(&path).unwrap();
    assert_eq!(
        backups.len(),
        1,
        "a snapshot of the old schema was taken first"
    );
    let old = Store::open(&backups[0].path).unwrap();
    assert_eq!(old.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(old.session(&id).unwrap().title, "MSF najaar");
}

#[test]
fn a_failing_upgrade_step_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut s = Store::open(&path).unwrap();
        s.create_session(&new_session(), &agenda::bundled())
            .unwrap();
    }
    let broken = with_next("CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);");
    assert!(Store::open_with_migrations(&path, &broken).is_err());
    let s = Store::open(&path).unwrap();
    assert_eq!(
        s.schema_version().unwrap(),
        SCHEMA_VERSION,
        "version unchanged"
    );
    let half: i64 = s
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'half'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(half, 0, "the step was rolled back whole");
    assert_eq!(s.sessions().unwrap().len(), 1);
}

#[test]
fn a_version_one_database_is_upgraded_to_the_current_schema() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v1.db");
    let id = common::old_db::with_session(&path, 1, 50);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.session_summaries().unwrap()[0].notes, 50);
    assert_eq!(s.session(&id).unwrap().language, Lang::Nl);
    let plan: String = s
        .connection()
        .query_row(
            "EXPLAIN QUERY PLAN SELECT item_id, count(*) FROM note WHERE session_id = ?1 AND deleted_at IS NULL GROUP BY item_id",
            [&id],
            |r| r.get(3),
        )
        .unwrap();
    assert!(
        plan.contains("note_live"),
        "counts use the new index: {plan}"
    );
    assert_eq!(
        tafel::store::backup::list(&path).unwrap().len(),
        1,
        "backed up before the upgrade"
    );
}
