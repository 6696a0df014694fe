//! The agenda's themes stored with a session, the upgrade to the schema
//! that holds them, and moving an item between thematic tables.

mod common;

use chrono::NaiveDate;
use tafel::agenda;
use tafel::domain::{ItemKind, Lang, NewSession};
use tafel::store::{SCHEMA_VERSION, Store};
use tempfile::TempDir;

fn new_session() -> NewSession {
    NewSession {
        title: "MSF thematisch".into(),
        date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
        location: String::new(),
        facilitator: String::new(),
        language: Lang::Nl,
    }
}

/// The themes of a session as (name, ["AP 2", "BV 3", …]).
fn themes(s: &Store, session_id: &str) -> Vec<(String, Vec<String>)> {
    let items = s.items(session_id).unwrap();
    s.themes(session_id)
        .unwrap()
        .into_iter()
        .map(|t| {
            let labels = t
                .item_ids
                .iter()
                .map(|id| {
                    let i = items.iter().find(|i| &i.id == id).unwrap();
                    let code = if i.kind == ItemKind::ActionPoint {
                        "AP"
                    } else {
                        "BV"
                    };
                    format!("{code} {}", i.number)
                })
                .collect();
            (t.name, labels)
        })
        .collect()
}

#[test]
fn a_session_keeps_the_themes_of_its_agenda() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&dir.path().join("t.db")).unwrap();
    let session = s
        .create_session(&new_session(), &agenda::bundled())
        .unwrap();
    let got = themes(&s, &session.id);
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Woo en open informatie",
            "Data, standaarden en open source",
            "Algoritmen en democratie",
            "Participatie en cultuur"
        ]
    );
    assert_eq!(got[2].1, ["AP 7", "AP 15", "BV 5", "BV 6"], "in file order");
    assert_eq!(
        got.iter().map(|(_, items)| items.len()).sum::<usize>(),
        23,
        "every item in a theme"
    );

    // Another agenda without themes: none, and the first session's stay.
    let mut plain = agenda::bundled();
    plain.themes.clear();
    let other = s.create_session(&new_session(), &plain).unwrap();
    assert!(s.themes(&other.id).unwrap().is_empty());
    assert_eq!(themes(&s, &session.id), got);
}

#[test]
fn an_item_is_in_one_theme_of_a_session_at_most() {
    let mut s = Store::open_in_memory().unwrap();
    let mut a = agenda::bundled();
    a.themes[1].action_points.push(2); // also in the first theme
    assert!(s.create_session(&new_session(), &a).is_err());
    assert!(s.sessions().unwrap().is_empty(), "nothing half-made");
}

#[test]
fn a_database_from_before_themes_is_upgraded() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v3.db");
    let old = common::old_db::with_session(&path, 3, 5);
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    assert!(
        s.themes(&old).unwrap().is_empty(),
        "a session made before keeps its agenda as it was copied: no themes"
    );
    assert_eq!(s.session_summaries().unwrap()[0].notes, 5);
    let new = s
        .create_session(&new_session(), &agenda::bundled())
        .unwrap();
    assert_eq!(s.themes(&new.id).unwrap().len(), 4);
    assert_eq!(
        tafel::store::backup::list(&path).unwrap().len(),
        1,
        "backed up before the upgrade"
    );
}

#[test]
fn moving_an_item_seats_it_at_one_table_only() {
    let mut s = Store::open_in_memory().unwrap();
    let session = s
        .create_session(&new_session(), &agenda::bundled())
        .unwrap();
    let items = s.items(&session.id).unwrap();
    let (a, b) = (&items[0].id, &items[1].id);
    let t1 = s.create_table(&session.id, "Een", "", 20).unwrap();
    let t2 = s.create_table(&session.id, "Twee", "", 20).unwrap();
    let t3 = s.create_table(&session.id, "Drie", "", 20).unwrap();
    s.assign_item(&t1.id, a).unwrap();
    s.assign_item(&t2.id, a).unwrap();
    s.assign_item(&t3.id, b).unwrap();
    s.move_item(&t3.id, a).unwrap();
    let at = |s: &Store| -> Vec<Vec<String>> {
        s.tables(&session.id)
            .unwrap()
            .into_iter()
            .map(|t| t.item_ids)
            .collect()
    };
    assert_eq!(at(&s), [vec![], vec![], vec![b.clone(), a.clone()]]);
    // Moving it where it is changes nothing.
    s.move_item(&t3.id, a).unwrap();
    assert_eq!(at(&s), [vec![], vec![], vec![b.clone(), a.clone()]]);
    // A deleted table keeps what it had, for when it is restored.
    s.assign_item(&t1.id, b).unwrap();
    s.delete_table(&t1.id).unwrap();
    s.move_item(&t2.id, b).unwrap();
    s.restore_table(&t1.id).unwrap();
    assert_eq!(at(&s), [vec![b.clone()], vec![b.clone()], vec![a.clone()]]);
}
