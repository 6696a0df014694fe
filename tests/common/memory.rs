//! A small session for the tests of the MSF's memory: meetings with AP 4
//! and BV 2 at one table, and notes added by item and kind.

use chrono::NaiveDate;
use tafel::agenda;
use tafel::domain::memory::ItemRef;
use tafel::domain::{
    ItemKind, Lang, NewSession, Note, NoteContent, NoteInput, NoteKind, Session, StakeholderGroup,
};
use tafel::store::Store;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn new_session(title: &str, on: NaiveDate) -> NewSession {
    NewSession {
        title: title.into(),
        date: on,
        location: "Den Haag".into(),
        facilitator: "Fenna".into(),
        language: Lang::Nl,
    }
}

pub const AP4: ItemRef = ItemRef {
    kind: ItemKind::ActionPoint,
    number: 4,
};
pub const BV2: ItemRef = ItemRef {
    kind: ItemKind::PolicyQuestion,
    number: 2,
};

/// A meeting with one table (AP 4 and BV 2 at it) and one participant.
pub fn meeting(store: &mut Store, title: &str, on: NaiveDate) -> Session {
    let s = store
        .create_session(&new_session(title, on), &agenda::bundled())
        .unwrap();
    let t = store.create_table(&s.id, "Data", "Hanna Host", 25).unwrap();
    for r in [AP4, BV2] {
        store.assign_item(&t.id, &item_id(store, &s, r)).unwrap();
    }
    store
        .create_participant(
            &s.id,
            Some("Anouk de Vries"),
            Some("Ministerie van BZK"),
            StakeholderGroup::Overheid,
        )
        .unwrap();
    s
}

pub fn item_id(store: &Store, s: &Session, r: ItemRef) -> String {
    store
        .items(&s.id)
        .unwrap()
        .into_iter()
        .find(|i| i.kind == r.kind && i.number == r.number)
        .unwrap()
        .id
}

pub fn add(store: &mut Store, s: &Session, r: ItemRef, kind: NoteKind, text: &str) -> Note {
    let input = NoteInput {
        item_id: item_id(store, s, r),
        table_id: store.tables(&s.id).unwrap().first().map(|t| t.id.clone()),
        content: NoteContent {
            kind,
            text: text.into(),
            owner: if kind == NoteKind::Action {
                "PROO".into()
            } else {
                String::new()
            },
            due: (kind == NoteKind::Action).then(|| date(2026, 1, 15)),
            ..Default::default()
        },
        ..Default::default()
    };
    store.add_note(&s.id, &input).unwrap()
}

pub fn count(store: &Store, table: &str) -> i64 {
    store
        .connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

pub fn carried_texts(store: &Store, s: &Session) -> Vec<String> {
    store
        .carried_actions(&s.id)
        .unwrap()
        .into_iter()
        .map(|a| a.note.content.text)
        .collect()
}
