//! A database file of two sessions with the same person in both, for the
//! access and erasure tests (`tafel person`, `tafel forget`).

use super::fixture::{item, note};
use chrono::NaiveDate;
use std::path::Path;
use tafel::agenda;
use tafel::domain::{
    IrmLevel, ItemKind, Lang, NewSession, NoteContent, NoteKind, StakeholderGroup,
};
use tafel::store::Store;

/// The person forgotten: in both sessions (same name and organisation).
pub const ANOUK: &str = "Anouk Vermeulen-Tjong";
pub const ANOUK_ORG: &str = "Stichting Kaasmakers Noord";
/// Only in the old session.
pub const KAREL: &str = "Karel Zwartjes";
pub const KAREL_ORG: &str = "Gemeente Ootmarsum";
/// Only in the new session.
pub const LOTTE: &str = "Lotte Brinkhuis";

/// Every word of Anouk's that must be gone after `forget`.
/// (An organisation's ordinary words, such as `Kaasmakers`, are not names:
/// the organisation is looked for as a whole and by its acronyms.)
pub const ANOUK_WORDS: &[&str] = &["Anouk", "Vermeulen", "Tjong", ANOUK_ORG];
/// Karel's, gone after `forget --older-than` the old session.
pub const KAREL_WORDS: &[&str] = &["Karel", "Zwartjes", KAREL_ORG];

/// What the fixture made.
pub struct People {
    pub old_session: String,
    pub new_session: String,
    /// Ids of the notes attributed to Anouk (both sessions, one deleted).
    pub anouk_notes: Vec<String>,
    /// Id of the action owned by "Anouk" (said by Karel).
    pub owned_action: String,
    /// Id of Karel's note that mentions Anouk.
    pub mention: String,
}

/// Creates the database at `path` (closed again, its WAL folded in).
pub fn create(path: &Path) -> People {
    let mut store = Store::open(path).unwrap();
    let people = fill(&mut store);
    drop(store);
    people
}

/// The two sessions: "Oud" (2023-01-10; Anouk, Karel; table host Anouk; a
/// rating comment and a draft that name her) and "Nieuw" (2025-11-20;
/// Anouk, Lotte).
pub fn fill(store: &mut Store) -> People {
    let mut session = |title: &str, date: (i32, u32, u32), facilitator: &str| {
        store
            .create_session(
                &NewSession {
                    title: title.into(),
                    date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
                    location: "Den Haag".into(),
                    facilitator: facilitator.into(),
                    language: Lang::Nl,
                },
                &agenda::bundled(),
            )
            .unwrap()
    };
    let old = session("Oud", (2023, 1, 10), "Fenna Faciliteert");
    let new = session("Nieuw", (2025, 11, 20), "Fenna Faciliteert");
    let mut anouk_notes = Vec::new();

    // The old session.
    let ap3 = item(store, &old, ItemKind::ActionPoint, 3);
    let t = store.create_table(&old.id, "Tafel 1", "Anouk", 20).unwrap();
    store.assign_item(&t.id, &ap3.id).unwrap();
    let anouk = store
        .create_participant(
            &old.id,
            Some(ANOUK),
            Some(ANOUK_ORG),
            StakeholderGroup::Overheid,
        )
        .unwrap();
    let karel = store
        .create_participant(
            &old.id,
            Some(KAREL),
            Some(KAREL_ORG),
            StakeholderGroup::Bedrijfsleven,
        )
        .unwrap();
    let w = Some(t.id.as_str());
    let add = |store: &mut Store, session: &str, text: &str, who: &str, kind, owner: &str| {
        let mut n = note(&ap3, w, kind, text);
        n.content.participant_id = Some(who.to_string());
        n.content.owner = owner.into();
        store.add_note(session, &n).unwrap().id
    };
    anouk_notes.push(add(
        store,
        &old.id,
        "De kaas moet open data worden.",
        &anouk.id,
        NoteKind::Idea,
        "",
    ));
    let gone = add(
        store,
        &old.id,
        "Een notitie die ze liever kwijt is.",
        &anouk.id,
        NoteKind::Concern,
        "",
    );
    store.delete_note(&gone).unwrap();
    anouk_notes.push(gone);
    let mention = add(
        store,
        &old.id,
        "Anouk Vermeulen-Tjong en Stichting Kaasmakers Noord hebben gelijk, zegt Karel Zwartjes van de Gemeente Ootmarsum.",
        &karel.id,
        NoteKind::Observation,
        "",
    );
    let owned_action = add(
        store,
        &old.id,
        "Register bijhouden.",
        &karel.id,
        NoteKind::Action,
        "Anouk",
    );
    store
        .set_rating(
            &old.id,
            &ap3.id,
            IrmLevel::Limited,
            "Volgens anouk en Karel loopt het.",
        )
        .unwrap();
    store
        .save_draft(
            &old.id,
            &ap3.id,
            &NoteContent {
                kind: NoteKind::Action,
                text: "Half getypt over Vermeulen-Tjong".into(),
                owner: "Anouk Vermeulen-Tjong".into(),
                ..Default::default()
            },
        )
        .unwrap();

    // The new session.
    let ap5 = item(store, &new, ItemKind::ActionPoint, 5);
    let anouk2 = store
        .create_participant(
            &new.id,
            Some(ANOUK),
            Some(ANOUK_ORG),
            StakeholderGroup::Overheid,
        )
        .unwrap();
    let lotte = store
        .create_participant(&new.id, Some(LOTTE), None, StakeholderGroup::Wetenschap)
        .unwrap();
    for (text, who) in [
        ("Weer over kaas.", &anouk2.id),
        ("Lotte Brinkhuis vindt dat ook.", &lotte.id),
    ] {
        let mut n = note(&ap5, None, NoteKind::Observation, text);
        n.content.participant_id = Some(who.clone());
        let id = store.add_note(&new.id, &n).unwrap().id;
        if *who == anouk2.id {
            anouk_notes.push(id);
        }
    }
    People {
        old_session: old.id,
        new_session: new.id,
        anouk_notes,
        owned_action,
        mention,
    }
}

/// The bytes of the database file and of its `-wal` (empty when there is
/// none).
pub fn file_bytes(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(w) = std::fs::read(&wal) {
        bytes.extend(w);
    }
    bytes
}

/// The words of `words` that occur in `bytes` (as typed or in lower case).
pub fn found_in(bytes: &[u8], words: &[&str]) -> Vec<String> {
    words
        .iter()
        .filter(|w| {
            [w.to_string(), w.to_lowercase()]
                .iter()
                .any(|v| bytes.windows(v.len()).any(|x| x == v.as_bytes()))
        })
        .map(|w| w.to_string())
        .collect()
}
