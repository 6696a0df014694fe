//! Search over the notes and responses of every session (FTS5), and the
//! index through an upgrade and a snapshot.

mod common;

use common::memory::*;
use tafel::Error;
use tafel::domain::memory::{ResponseInput, SearchFilter};
use tafel::domain::{NoteKind, ResponseStatus};
use tafel::store::Store;
use tempfile::TempDir;

#[test]
fn search_finds_words_prefixes_and_responses_and_explains_bad_queries() {
    let mut store = Store::open_in_memory().unwrap();
    let march = meeting(&mut store, "Maart", date(2025, 3, 12));
    let june = meeting(&mut store, "Juni", date(2025, 6, 12));
    let woo = add(
        &mut store,
        &march,
        AP4,
        NoteKind::Idea,
        "Koppel dit aan de Woo.",
    );
    add(
        &mut store,
        &june,
        BV2,
        NoteKind::Concern,
        "De Woo-verzoeken stapelen op.",
    );
    let edited = add(&mut store, &june, AP4, NoteKind::Question, "Financiën?");
    let gone = add(&mut store, &june, AP4, NoteKind::Idea, "woo weg");
    store.delete_note(&gone.id).unwrap();
    store
        .respond(
            &woo.id,
            &ResponseInput {
                status: ResponseStatus::Adopted,
                reason: "Opgenomen in het programmaplan".into(),
                by: String::new(),
                on: date(2025, 4, 1),
            },
        )
        .unwrap();
    let all = SearchFilter::default();
    let hits = store.search("woo", &all).unwrap();
    let found: Vec<(&str, u32)> = hits
        .iter()
        .map(|h| (h.session.title.as_str(), h.note_number))
        .collect();
    assert_eq!(
        found,
        [("Juni", 1), ("Maart", 1)],
        "newest first, not the deleted one"
    );
    assert!(hits[0].snippet.iter().any(|p| p.hit && p.text == "Woo"));
    assert_eq!(hits[1].marked("«", "»"), "Koppel dit aan de «Woo».");
    assert_eq!(hits[1].item, AP4);
    assert_eq!(hits[0].kind, NoteKind::Concern);
    assert_eq!(store.search("wo*", &all).unwrap().len(), 2, "prefix");
    assert_eq!(
        store.search("financien", &all).unwrap().len(),
        1,
        "no diacritics"
    );
    assert_eq!(
        store.search("woo-verzoeken", &all).unwrap().len(),
        1,
        "a phrase"
    );
    assert_eq!(store.search("woo-verz*", &all).unwrap().len(), 1);
    let in_march = SearchFilter {
        session_id: Some(march.id.clone()),
        ..Default::default()
    };
    assert_eq!(store.search("woo", &in_march).unwrap().len(), 1);
    let at_bv2 = SearchFilter {
        item: Some(BV2),
        ..Default::default()
    };
    assert_eq!(store.search("woo", &at_bv2).unwrap()[0].session.id, june.id);
    let one = SearchFilter {
        limit: Some(1),
        ..Default::default()
    };
    assert_eq!(store.search("woo", &one).unwrap().len(), 1);

    // A response's reason is found, as a hit on its note.
    let r = store.search("programmaplan", &all).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].note_id, woo.id);
    assert_eq!(
        r[0].source,
        tafel::domain::memory::HitSource::Response(ResponseStatus::Adopted)
    );

    // Edits are indexed; the old text is gone; restoring brings it back.
    let mut input = edited.input();
    input.content.text = "Begroting?".into();
    store.update_note(&edited.id, &input).unwrap();
    assert!(store.search("financien", &all).unwrap().is_empty());
    assert_eq!(store.search("begroting", &all).unwrap().len(), 1);
    store.restore_note(&gone.id).unwrap();
    assert_eq!(store.search("woo", &all).unwrap().len(), 3);

    for bad in [
        "\"unbalanced",
        "NEAR(",
        "(((",
        "*",
        "AND",
        "woo OR",
        ")",
        "\"",
        "kolom:woo",
        "^",
        "NEAR(a b, x)",
    ] {
        match store.search(bad, &all) {
            Ok(_) => {}
            Err(Error::Invalid(msg)) => {
                assert!(
                    !msg.contains('\n') && msg.contains("cannot search"),
                    "{bad}: {msg}"
                )
            }
            Err(e) => panic!("{bad}: {e}"),
        }
    }
    assert!(matches!(store.search("  ", &all), Err(Error::Invalid(_))));
}

#[test]
fn search_never_panics_on_generated_queries() {
    let mut store = Store::open_in_memory().unwrap();
    let s = meeting(&mut store, "Maart", date(2025, 3, 12));
    add(
        &mut store,
        &s,
        AP4,
        NoteKind::Idea,
        "Koppel dit aan de Woo.",
    );
    let mut rng = tafel::demo::SplitMix64::new(12);
    let alphabet: Vec<char> = "woo\"()*:^+-NEAR ANDORNOT{}, é\u{0}\n".chars().collect();
    for _ in 0..2000 {
        let len = rng.below(12);
        let q: String = (0..len).map(|_| *rng.pick(&alphabet)).collect();
        match store.search(&q, &SearchFilter::default()) {
            Ok(_) | Err(Error::Invalid(_)) => {}
            Err(e) => panic!("{q:?}: {e}"),
        }
    }
}

#[test]
fn a_version_4_database_upgrades_in_place_with_its_notes_searchable() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v4.db");
    // Written with version 4's SQL, not today's code: 120 notes, a few
    // about the Woo, and an action.
    let sid = common::old_db::with_session(&path, 4, 120);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "UPDATE note SET text = 'Meer Woo-verzoeken digitaal' WHERE number IN (3, 30, 77)",
            [],
        )
        .unwrap();
        c.execute(
            "UPDATE note SET kind = 'action', owner = 'BZK' WHERE number = 5",
            [],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        tafel::store::SCHEMA_VERSION
    );
    assert_eq!(
        tafel::store::backup::list(&path).unwrap().len(),
        1,
        "backed up first"
    );
    let mut woo = 0;
    store
        .for_each_note(&sid, |n| {
            woo += u64::from(n.content.text.contains("Woo"));
            Ok(())
        })
        .unwrap();
    assert!(woo > 0);
    let hits = store.search("woo", &SearchFilter::default()).unwrap().len() as u64;
    assert_eq!(hits, woo, "the index was built from the existing notes");
    // The old session can be followed up.
    let next = store
        .follow_up(&sid, &new_session("Vervolg", date(2026, 2, 1)))
        .unwrap();
    assert!(!store.carried_actions(&next.id).unwrap().is_empty());
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_snapshot_keeps_the_search_index_and_the_ledgers() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("t.db");
    let mut store = Store::open(&path).unwrap();
    let s = meeting(&mut store, "Maart", date(2025, 3, 12));
    for i in 0..50 {
        let n = add(&mut store, &s, AP4, NoteKind::Idea, &format!("notitie {i}"));
        if i % 2 == 0 {
            store.delete_note(&n.id).unwrap();
        }
    }
    let keep = add(
        &mut store,
        &s,
        AP4,
        NoteKind::Idea,
        "Koppel dit aan de Woo.",
    );
    store
        .respond(
            &keep.id,
            &ResponseInput {
                status: ResponseStatus::Answered,
                reason: "Zie het dashboard".into(),
                by: String::new(),
                on: date(2025, 4, 1),
            },
        )
        .unwrap();
    let snapshot = tafel::store::backup::take(&store).unwrap();
    drop(store);
    let copy = Store::open(&snapshot).unwrap();
    let hits = copy
        .search("woo OR dashboard", &SearchFilter::default())
        .unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.note_id == keep.id));
    // FTS5's own check of the index against the notes it indexes.
    for table in ["note_fts", "response_fts"] {
        copy.connection()
            .execute(
                &format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"),
                [],
            )
            .unwrap();
    }
}

/// Notes inserted in bulk (the demo, imports) go into the search index in
/// one statement: every one of them is found, with its number.
#[test]
fn notes_inserted_in_bulk_are_searchable() {
    let mut store = Store::open_in_memory().unwrap();
    let s = meeting(&mut store, "Maart", date(2025, 3, 12));
    let first = add(&mut store, &s, AP4, NoteKind::Idea, "eerst los");
    let item = item_id(&store, &s, AP4);
    let bulk = (0..300).map(|i| {
        let text = if i % 3 == 0 {
            format!("bulkwoord nummer {i}")
        } else {
            format!("anders {i}")
        };
        let n = tafel::domain::NoteInput {
            item_id: item.clone(),
            content: tafel::domain::NoteContent {
                text,
                ..Default::default()
            },
            ..Default::default()
        };
        (tafel::domain::new_id(), n, chrono::Utc::now())
    });
    assert_eq!(store.insert_notes_bulk(&s.id, bulk).unwrap(), 300);
    let hits = store.search("bulkwoord", &SearchFilter::default()).unwrap();
    assert_eq!(hits.len(), 100);
    let mut numbers: Vec<u32> = hits.iter().map(|h| h.note_number).collect();
    numbers.sort();
    assert_eq!(numbers[0], first.number + 1);
    assert_eq!(numbers[99], first.number + 298);
    store
        .connection()
        .execute(
            "INSERT INTO note_fts (note_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
    // Nothing is left behind.
    let temp: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM temp.sqlite_schema WHERE name = 'bulk_note'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(temp, 0);
}
