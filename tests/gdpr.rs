//! Access and erasure (AVG/GDPR), through the library on a database file:
//! `person` finds exactly one person's records and notes across sessions;
//! `forget` leaves no byte of their name or organisation in the database
//! file or its WAL (also not in a full-text index), nor in any export,
//! keeps the notes with their stakeholder group, and changes nothing when
//! refused; `--older-than` forgets only older sessions; `--backups`
//! removes the backups that hold the name.

mod common;

use chrono::NaiveDate;
use common::fixture::{json_bytes, markdown};
use common::people::*;
use std::path::PathBuf;
use tafel::domain::{Lang, Naming, NoteKind, StakeholderGroup};
use tafel::gdpr::forget::{ForgetOptions, Target};
use tafel::gdpr::{self, report};
use tafel::store::Store;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn db() -> (TempDir, PathBuf, People) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("tafel.db");
    let people = create(&path);
    (dir, path, people)
}

/// Runs `tafel forget` on an open store, answering `answer` if asked;
/// returns what it printed.
fn forget(
    store: &mut Store,
    target: Target,
    yes: bool,
    answer: bool,
) -> (String, tafel::Result<()>) {
    let mut out = Vec::new();
    let opts = ForgetOptions {
        target,
        yes,
        backups: false,
    };
    let r = gdpr::forget::run(store, &opts, today(), &mut out, &mut |_| Ok(answer));
    (String::from_utf8(out).unwrap(), r)
}

/// Every export of every session, as text.
fn all_exports(store: &Store) -> String {
    let mut all = String::new();
    for s in store.sessions().unwrap() {
        for anon in [false, true] {
            all += &markdown(store, &s, Lang::Nl, anon);
            all += &markdown(store, &s, Lang::En, anon);
            all += &String::from_utf8(json_bytes(store, &s, anon)).unwrap();
        }
    }
    all
}

#[test]
fn person_finds_exactly_their_records_and_notes() {
    let (_dir, path, people) = db();
    let store = Store::open(&path).unwrap();
    let anouk = gdpr::find(&store, "anouk").unwrap();
    assert_eq!(anouk.records.len(), 2, "one record in each session");
    // The same person by surname, by organisation, by the start of a word.
    for q in [
        "Vermeulen",
        "tjong",
        "kaasm",
        "Stichting Kaasmakers Noord",
        "ANOUK VERMEULEN-TJONG",
    ] {
        assert_eq!(gdpr::find(&store, q).unwrap(), anouk, "{q}");
    }
    let access = report::access(&store, anouk, Lang::Nl).unwrap();
    let mut got: Vec<&str> = access.notes.iter().map(|n| n.id.as_str()).collect();
    let mut want: Vec<&str> = people.anouk_notes.iter().map(String::as_str).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "exactly her notes, the deleted one too");
    let owned: Vec<&str> = access.owned.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(owned, [people.owned_action.as_str()]);
    assert!(
        access
            .mentions
            .iter()
            .any(|m| m.id == people.mention && m.field == "note"),
        "{:?}",
        access.mentions
    );
    assert!(access.mentions.iter().any(|m| m.field == "table host"));
    assert!(access.mentions.iter().any(|m| m.field == "rating comment"));
    assert!(access.mentions.iter().any(|m| m.field == "draft"));

    let json: serde_json::Value = serde_json::from_str(&access.json().unwrap()).unwrap();
    assert_eq!(json["schema"], "tafel-person/1");
    assert_eq!(json["person"]["name"], ANOUK);
    let ids: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ids.iter()
            .all(|id| people.anouk_notes.iter().any(|a| a == id))
    );
    assert_eq!(json["participants"][0]["naming"], "named");
    assert_eq!(json["responses"], serde_json::json!([]));

    let md = access.markdown(Lang::En);
    assert!(
        md.starts_with("# Personal data: Anouk Vermeulen-Tjong (Stichting Kaasmakers Noord)\n"),
        "{md}"
    );
    for text in [
        "De kaas moet open data worden",
        "Weer over kaas",
        "Register bijhouden",
    ] {
        assert!(md.contains(text), "{text}:\n{md}");
    }
    assert!(md.contains("deleted"), "the deleted note is marked");
    assert!(
        !md.contains("Lotte Brinkhuis vindt"),
        "nobody else's notes:\n{md}"
    );
}

#[test]
fn unknown_and_ambiguous_names_are_one_line_errors() {
    let (_dir, path, _) = db();
    let store = Store::open(&path).unwrap();
    let e = gdpr::find(&store, "Piet").unwrap_err().to_string();
    assert!(e.starts_with("nobody called `Piet`"), "{e}");
    assert!(
        e.contains(KAREL) && e.contains(LOTTE),
        "lists the candidates: {e}"
    );
    assert!(!e.contains('\n'));
    // "ka": Karel and Kaasmakers (Anouk's organisation).
    let e = gdpr::find(&store, "ka").unwrap_err().to_string();
    assert!(e.starts_with("`ka` could be 2 people: "), "{e}");
    assert!(
        e.contains(ANOUK) && e.contains(KAREL) && !e.contains(LOTTE),
        "{e}"
    );
    assert!(!e.contains('\n'));
    // A whole word beats the start of one: "karel" is Karel alone.
    assert_eq!(
        gdpr::find(&store, "karel").unwrap().name.as_deref(),
        Some(KAREL)
    );
}

#[test]
fn forget_leaves_no_byte_of_the_name_and_keeps_the_notes_with_their_group() {
    let (_dir, path, people) = db();
    let mut store = Store::open(&path).unwrap();
    let notes_before = count_notes(&store);
    assert_eq!(
        found_in(&file_bytes(&path), ANOUK_WORDS).len(),
        ANOUK_WORDS.len(),
        "the test looks for what is there"
    );
    let (out, r) = forget(&mut store, Target::Person("anouk".into()), true, false);
    r.unwrap();
    assert!(
        out.contains("participant record: name and organisation removed"),
        "{out}"
    );
    assert!(out.contains("Forgotten: Anouk Vermeulen-Tjong (Stichting Kaasmakers Noord) (2 participant records in 2 sessions)"), "{out}");
    assert!(out.contains("Exports are not changed"), "{out}");

    // The store still open: the file and its WAL as they are now.
    let bytes = file_bytes(&path);
    assert_eq!(found_in(&bytes, ANOUK_WORDS), Vec::<String>::new());
    assert_eq!(found_in(&bytes, &[KAREL, LOTTE]).len(), 2, "others stay");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let exports = all_exports(&store);
    assert_eq!(
        found_in(exports.as_bytes(), ANOUK_WORDS),
        Vec::<String>::new()
    );

    // The notes stay, with her group; her records stay, without a name.
    assert_eq!(count_notes(&store), notes_before);
    for id in &people.anouk_notes {
        let n = store.note(id).unwrap();
        assert_eq!(
            n.content.group,
            Some(StakeholderGroup::Overheid),
            "{}",
            n.content.text
        );
    }
    for p in store.all_participants().unwrap() {
        if p.group == StakeholderGroup::Overheid {
            assert_eq!(
                (p.name, p.organisation, p.naming),
                (None, None, Naming::GroupOnly)
            );
        }
    }
    let mention = store.note(&people.mention).unwrap();
    assert_eq!(
        mention.content.text,
        "[Overheid] en [Overheid] hebben gelijk, zegt Karel Zwartjes van de Gemeente Ootmarsum."
    );
    assert_eq!(
        store.note(&people.owned_action).unwrap().content.owner,
        "Overheid"
    );
    assert_eq!(
        store.tables(&people.old_session).unwrap()[0].host,
        "[Overheid]"
    );
    let drafts = store.drafts(&people.old_session).unwrap();
    assert_eq!(drafts[0].content.text, "Half getypt over [Overheid]");
    assert_eq!(drafts[0].content.owner, "Overheid");
    // Forgotten is forgotten.
    assert!(gdpr::find(&store, "anouk").is_err());
    drop(store);
    assert_eq!(
        found_in(&file_bytes(&path), ANOUK_WORDS),
        Vec::<String>::new()
    );
}

#[test]
fn a_full_text_index_is_rebuilt_and_keeps_nothing() {
    // The full-text index of the notes (schema 10): external content, kept
    // in sync by triggers.
    let (_dir, path, _) = db();
    let mut store = Store::open(&path).unwrap();
    let hits = |s: &Store, q: &str| -> i64 {
        s.connection()
            .query_row(
                "SELECT count(*) FROM note_fts WHERE note_fts MATCH ?1",
                [q],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(hits(&store, "anouk"), 1);
    forget(&mut store, Target::Person("Anouk".into()), true, false)
        .1
        .unwrap();
    assert_eq!(hits(&store, "anouk"), 0);
    assert_eq!(hits(&store, "Overheid"), 1, "the index has the new text");
    assert_eq!(
        found_in(&file_bytes(&path), ANOUK_WORDS),
        Vec::<String>::new()
    );
}

#[test]
fn text_in_a_table_this_tafel_does_not_know_is_reported() {
    let (_dir, path, people) = db();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE remark (id TEXT PRIMARY KEY, note_id TEXT, reason TEXT NOT NULL) STRICT;",
        )
        .unwrap();
        c.execute(
            "INSERT INTO remark VALUES ('r1', ?1, 'Zoals Anouk vroeg')",
            [&people.mention],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let (out, r) = forget(&mut store, Target::Person("Anouk".into()), false, false);
    assert!(r.is_err());
    assert!(
        out.contains(
            "warning: remark.reason (1 rows) holds the name, and this tafel does not erase it"
        ),
        "{out}"
    );
}

#[test]
fn a_refused_forget_changes_nothing() {
    let (_dir, path, _) = db();
    let before = file_bytes(&path);
    let mut store = Store::open(&path).unwrap();
    let (out, r) = forget(&mut store, Target::Person("Anouk".into()), false, false);
    let e = r.unwrap_err().to_string();
    assert!(e.contains("not forgotten, nothing was changed"), "{e}");
    assert!(!e.contains('\n'));
    // It showed what it would have done.
    assert!(out.contains("2023-01-10 Oud:"), "{out}");
    assert!(out.contains("table host: [Overheid]"), "{out}");
    assert!(out.contains("owner of note #"), "{out}");
    drop(store);
    assert!(
        before == file_bytes(&path),
        "the file is byte for byte the same"
    );
    // So is one with a bad duration.
    let mut store = Store::open(&path).unwrap();
    let (_, r) = forget(
        &mut store,
        Target::OlderThan("24 maanden".into()),
        true,
        false,
    );
    let e = r.unwrap_err().to_string();
    assert!(
        e.starts_with("--older-than `24 maanden`: not a duration"),
        "{e}"
    );
    drop(store);
    assert!(before == file_bytes(&path));
}

#[test]
fn older_than_forgets_only_the_older_sessions() {
    let (_dir, path, people) = db();
    let mut store = Store::open(&path).unwrap();
    let (out, r) = forget(&mut store, Target::OlderThan("24m".into()), true, false);
    r.unwrap();
    assert!(
        out.contains("everyone in 1 session dated before 2024-03-01"),
        "{out}"
    );
    assert!(!out.contains("Nieuw"), "{out}");
    let bytes = file_bytes(&path);
    assert_eq!(found_in(&bytes, KAREL_WORDS), Vec::<String>::new());
    assert_eq!(
        found_in(&bytes, &[LOTTE, ANOUK]).len(),
        2,
        "the new session keeps its names"
    );
    let old: Vec<_> = store
        .all_participants()
        .unwrap()
        .into_iter()
        .filter(|p| p.session_id == people.old_session)
        .collect();
    assert!(
        old.iter()
            .all(|p| p.name.is_none() && p.organisation.is_none())
    );
    let new = store.participants(&people.new_session).unwrap();
    assert!(new.iter().all(|p| p.name.is_some()));
    // The minutes stay, the names go: as an anonymised export.
    let s = store.session(&people.old_session).unwrap();
    assert_eq!(s.facilitator, "");
    assert_eq!(store.tables(&s.id).unwrap()[0].host, "");
    let n = store.note(&people.mention).unwrap();
    assert_eq!(n.content.kind, NoteKind::Observation);
    assert_eq!(
        n.content.text,
        "[Overheid] en [Overheid] hebben gelijk, zegt [Bedrijfsleven] van de [Bedrijfsleven]."
    );
    assert_eq!(n.content.group, Some(StakeholderGroup::Bedrijfsleven));
    assert_eq!(
        store.note(&people.owned_action).unwrap().content.owner,
        "Overheid"
    );
    // A date works the same; nothing older is left.
    let (out, r) = forget(
        &mut store,
        Target::OlderThan("2024-03-01".into()),
        true,
        false,
    );
    r.unwrap();
    assert!(out.contains("nothing to forget"), "{out}");
}

#[test]
fn backups_that_hold_the_name_are_removed_with_backups() {
    let (_dir, path, _) = db();
    let mut store = Store::open(&path).unwrap();
    let old = tafel::store::backup::take(&store).unwrap();
    let (out, r) = forget(&mut store, Target::Person("Lotte".into()), true, false);
    r.unwrap();
    assert!(
        out.contains("Still holding the name: 1 of the 1 backups"),
        "{out}"
    );
    assert!(old.exists(), "without --backups they stay");
    let mut printed = Vec::new();
    let opts = ForgetOptions {
        target: Target::Person("Anouk".into()),
        yes: true,
        backups: true,
    };
    gdpr::forget::run(&mut store, &opts, today(), &mut printed, &mut |_| Ok(false)).unwrap();
    let printed = String::from_utf8(printed).unwrap();
    assert!(
        printed.contains("Backups: 1 of 1 held the name and were overwritten and removed"),
        "{printed}"
    );
    assert!(!old.exists());
    let left = tafel::store::backup::list(&path).unwrap();
    assert_eq!(left.len(), 1, "a fresh backup of the erased database");
    let bytes = std::fs::read(&left[0].path).unwrap();
    assert_eq!(found_in(&bytes, ANOUK_WORDS), Vec::<String>::new());
    assert_eq!(
        found_in(&bytes, &[LOTTE]),
        Vec::<String>::new(),
        "forgotten before"
    );
}

fn count_notes(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap()
}

/// Karel's note that mentions Anouk, made an idea (only ideas, concerns,
/// questions and agreements get a response), answered by `by` on day
/// `day` of January 2025.
fn respond(
    store: &mut Store,
    people: &People,
    reason: &str,
    by: &str,
    day: u32,
) -> tafel::domain::memory::Response {
    let mut note = store.note(&people.mention).unwrap().input();
    note.content.kind = NoteKind::Idea;
    store.update_note(&people.mention, &note).unwrap();
    store
        .respond(
            &people.mention,
            &tafel::domain::memory::ResponseInput {
                status: tafel::domain::ResponseStatus::Adopted,
                reason: reason.into(),
                by: by.into(),
                on: NaiveDate::from_ymd_opt(2025, 1, day).unwrap(),
            },
        )
        .unwrap()
}

#[test]
fn forget_erases_the_name_from_reasoned_responses_too() {
    let (_dir, path, people) = db();
    let mut store = Store::open(&path).unwrap();
    respond(&mut store, &people, "Zoals Anouk vroeg", ANOUK, 1);
    let (out, r) = forget(&mut store, Target::Person("Anouk".into()), true, false);
    r.unwrap();
    assert!(!out.contains("does not erase"), "{out}");
    let left = store.latest_response(&people.mention).unwrap().unwrap();
    assert!(
        !left.reason.contains("Anouk") && !left.by.contains("Anouk"),
        "{left:?}"
    );
    drop(store);
    assert!(found_in(&file_bytes(&path), ANOUK_WORDS).is_empty());
}

#[test]
fn person_lists_the_responses_they_gave() {
    let (_dir, path, people) = db();
    let mut store = Store::open(&path).unwrap();
    let hers = respond(&mut store, &people, "Opgenomen in het werkplan", ANOUK, 2);
    respond(&mut store, &people, "Eerst besproken", "Karel Zwartjes", 1);
    let anouk = gdpr::find(&store, "anouk").unwrap();
    let access = report::access(&store, anouk, Lang::En).unwrap();
    let ids: Vec<&str> = access
        .responses
        .iter()
        .map(|(_, r)| r.id.as_str())
        .collect();
    assert_eq!(ids, [hers.id.as_str()], "hers, not Karel's");
    assert_eq!(access.responses[0].0.id, people.mention);

    let json: serde_json::Value = serde_json::from_str(&access.json().unwrap()).unwrap();
    let r = &json["responses"][0];
    assert_eq!(r["given_by"], ANOUK);
    assert_eq!(r["reason"], "Opgenomen in het werkplan");
    assert_eq!(r["status"], "adopted");
    assert_eq!(r["given_on"], "2025-01-02");
    assert_eq!(json["responses"].as_array().unwrap().len(), 1);

    let md = access.markdown(Lang::En);
    let section = md
        .split("## Responses by this person (1)")
        .nth(1)
        .expect(&md);
    assert!(section.contains("Opgenomen in het werkplan"), "{section}");
    assert!(
        section.contains("given by: Anouk Vermeulen-Tjong, 2025-01-02"),
        "{section}"
    );
    assert!(!section.contains("Eerst besproken"), "{section}");
}

/// The other version of a note changed on two laptops (kept by `tafel
/// merge`) is in the access report and erased with the rest.
#[test]
fn the_other_version_of_a_merged_note_is_reported_and_erased() {
    let (_dir, path, people) = db();
    let mut store = Store::open(&path).unwrap();
    let note = store.note(&people.mention).unwrap();
    store
        .connection()
        .execute(
            "INSERT INTO note_conflict (note_id, updated_at, database_id, kind, text, owner)
             VALUES (?1, '2020-01-01T00:00:00.000Z', 'laptop', 'action',
                     'Anouk Vermeulen-Tjong belt de gemeente', 'Anouk')",
            [&note.id],
        )
        .unwrap();
    let anouk = gdpr::find(&store, "anouk").unwrap();
    let access = report::access(&store, anouk, Lang::En).unwrap();
    let other: Vec<(&str, Option<u32>)> = access
        .mentions
        .iter()
        .filter(|m| m.field.ends_with("(other version)"))
        .map(|m| (m.field, m.number))
        .collect();
    assert_eq!(
        other,
        [
            ("note (other version)", Some(note.number)),
            ("owner (other version)", Some(note.number))
        ]
    );

    let (out, r) = forget(&mut store, Target::Person("Anouk".into()), true, false);
    r.unwrap();
    assert!(!out.contains("does not erase"), "{out}");
    let (text, owner): (String, String) = store
        .connection()
        .query_row("SELECT text, owner FROM note_conflict", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(
        !text.contains("Anouk") && !text.contains("Vermeulen"),
        "{text}"
    );
    assert!(text.ends_with("belt de gemeente"), "{text}");
    assert!(!owner.contains("Anouk"), "{owner}");
    drop(store);
    assert!(found_in(&file_bytes(&path), ANOUK_WORDS).is_empty());
}
