//! Consent to be named (AVG/GDPR): a participant who chose "group only"
//! appears in no export — Markdown or JSON, anonymised or not — by name or
//! organisation, also not inside note texts, owners, table names or rating
//! comments; participants who agreed keep theirs. The choice is made in
//! set-up's participant form (through the real keys), shown in the list,
//! and participants of an older database stay named.

mod common;

use chrono::NaiveDate;
use common::driver::Driver;
use common::fixture::{item, json_bytes, markdown, note};
use crossterm::event::KeyCode;
use tafel::agenda;
use tafel::app::keys::Context;
use tafel::domain::{
    IrmLevel, ItemKind, Lang, Naming, NewSession, NoteKind, Session, StakeholderGroup,
};
use tafel::export::json;
use tafel::store::{SCHEMA_VERSION, Store};
use tempfile::TempDir;

/// Whether `needle` occurs in `hay` as whole words, ignoring case.
fn has_word(hay: &str, needle: &str) -> bool {
    let hay = hay.to_lowercase();
    let needle = needle.to_lowercase();
    hay.match_indices(&needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The group-only participant's words: none may be in any export.
const HIDDEN: &[&str] = &[
    "Bram Kuipers",
    "Bram",
    "Kuipers",
    "Stichting Ooststellingwerf Open",
    "SOO",
];

/// A session with a named participant (Anouk), a group-only one (Bram, of
/// an organisation with an acronym), and Bram everywhere text goes: his own
/// notes, a note of Anouk's, an owner, a table's name, a rating comment.
fn session(store: &mut Store) -> Session {
    let session = store
        .create_session(
            &NewSession {
                title: "MSF met Bram".into(),
                date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: "Den Haag".into(),
                facilitator: "Fenna Faciliteert".into(),
                language: Lang::Nl,
            },
            &agenda::bundled(),
        )
        .unwrap();
    let s = &session.id;
    let ap3 = item(store, &session, ItemKind::ActionPoint, 3);
    let t = store
        .create_table(s, "Tafel van Bram", "Hanna Host", 20)
        .unwrap();
    store.assign_item(&t.id, &ap3.id).unwrap();
    let anouk = store
        .create_participant_as(
            s,
            Some("Anouk de Vries"),
            Some("Ministerie van BZK"),
            StakeholderGroup::Overheid,
            Naming::Named,
        )
        .unwrap();
    let bram = store
        .create_participant_as(
            s,
            Some("Bram Kuipers"),
            Some("Stichting Ooststellingwerf Open (SOO)"),
            StakeholderGroup::MaatschappelijkeOrganisatie,
            Naming::GroupOnly,
        )
        .unwrap();
    let w = Some(t.id.as_str());
    let mut add = |text: &str, who: &str, owner: &str| {
        let mut n = note(
            &ap3,
            w,
            if owner.is_empty() {
                NoteKind::Idea
            } else {
                NoteKind::Action
            },
            text,
        );
        n.content.participant_id = Some(who.to_string());
        n.content.owner = owner.into();
        store.add_note(s, &n).unwrap()
    };
    add("Bram Kuipers: de SOO wil meedoen.", &bram.id, "");
    add("Eens met Bram; Anouk de Vries zegt het ook.", &anouk.id, "");
    add("Register openen.", &anouk.id, "Kuipers");
    add("Uitnodiging sturen.", &bram.id, "Anouk");
    store
        .set_rating(s, &ap3.id, IrmLevel::Limited, "Volgens bram loopt het.")
        .unwrap();
    session
}

fn exports(store: &Store, s: &Session) -> Vec<(&'static str, String)> {
    let json = |anon| String::from_utf8(json_bytes(store, s, anon)).unwrap();
    let html = |anon| {
        let mut out = Vec::new();
        tafel::export::write_html(store, s, Lang::Nl, anon, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    vec![
        ("HTML", html(false)),
        ("HTML, anonymised", html(true)),
        ("Markdown nl", markdown(store, s, Lang::Nl, false)),
        ("Markdown en", markdown(store, s, Lang::En, false)),
        ("JSON", json(false)),
        (
            "Markdown nl, anonymised",
            markdown(store, s, Lang::Nl, true),
        ),
        ("JSON, anonymised", json(true)),
    ]
}

#[test]
fn a_group_only_participant_is_in_no_export() {
    let mut store = Store::open_in_memory().unwrap();
    let s = session(&mut store);
    for (what, text) in exports(&store, &s) {
        for needle in HIDDEN {
            assert!(!has_word(&text, needle), "{needle:?} in {what}:\n{text}");
        }
    }
    // The named participant, the facilitator and the host stay (without
    // --anonymize), and Bram's notes are there with his group.
    let md = markdown(&store, &s, Lang::Nl, false);
    for named in [
        "Anouk de Vries, Ministerie van BZK",
        "Fenna Faciliteert",
        "Hanna Host",
    ] {
        assert!(md.contains(named), "{named} missing:\n{md}");
    }
    let r = common::markdown::read(&md);
    assert_eq!(r.headings[0].1, "MSF met [Maatschappelijke organisatie]");
    let items: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
    for want in [
        "[Maatschappelijke organisatie]: de [Maatschappelijke organisatie] wil meedoen.\n— Maatschappelijke organisatie",
        "Eens met [Maatschappelijke organisatie]; Anouk de Vries zegt het ook.\n— Anouk de Vries, Ministerie van BZK (Overheid)",
    ] {
        assert!(items.contains(&want), "{want:?} not in {items:#?}");
    }
    // An owner who is Bram becomes his group; one who is Anouk stays.
    assert!(
        md.contains("eigenaar: Maatschappelijke organisatie"),
        "{md}"
    );
    assert!(md.contains("eigenaar: Anouk"), "{md}");

    let doc = json::document(&store, &s, false).unwrap();
    let bram = doc
        .participants
        .iter()
        .find(|p| p.group == StakeholderGroup::MaatschappelijkeOrganisatie)
        .unwrap();
    assert_eq!((&bram.name, &bram.organisation), (&None, &None));
    let anouk = &doc.participants[0];
    assert_eq!(anouk.name.as_deref(), Some("Anouk de Vries"));
    assert_eq!(doc.session.facilitator, "Fenna Faciliteert");
    assert_eq!(doc.tables[0].host, "Hanna Host");
    assert_eq!(
        doc.tables[0].name,
        "Tafel van [Maatschappelijke organisatie]"
    );
    let owners: Vec<&str> = doc.notes.iter().map(|n| n.owner.as_str()).collect();
    assert_eq!(owners, ["", "", "Maatschappelijke organisatie", "Anouk"]);
    assert_eq!(
        doc.ratings[0].comment,
        "Volgens [Maatschappelijke organisatie] loopt het."
    );
}

#[test]
fn a_shared_first_name_goes_and_the_named_keep_their_full_name() {
    let mut store = Store::open_in_memory().unwrap();
    let s = session(&mut store);
    let ap3 = item(&store, &s, ItemKind::ActionPoint, 3);
    for (name, naming, group) in [
        ("Jan Smit", Naming::GroupOnly, StakeholderGroup::Wetenschap),
        ("Jan Bakker", Naming::Named, StakeholderGroup::Bedrijfsleven),
    ] {
        store
            .create_participant_as(&s.id, Some(name), None, group, naming)
            .unwrap();
    }
    store
        .add_note(
            &s.id,
            &note(
                &ap3,
                None,
                NoteKind::Observation,
                "Jan Bakker en Jan Smit; Jan, Smit, Bakker.",
            ),
        )
        .unwrap();
    let doc = json::document(&store, &s, false).unwrap();
    assert_eq!(
        doc.notes.last().unwrap().text,
        "Jan Bakker en [Wetenschap/kennisinstelling]; [naam], [Wetenschap/kennisinstelling], Bakker."
    );
}

#[test]
fn the_naming_choice_is_asked_in_set_up_and_shown_there() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    let sid = app.session_id();
    app.setup().add_participant_as(
        "Noor Visser",
        "Rathenau Instituut",
        StakeholderGroup::Wetenschap,
        Naming::Named,
    );
    app.setup().add_participant(
        "Piet Paalman",
        "Gemeente Ooststellingwerf",
        StakeholderGroup::Overheid,
    );
    let people = app.store().participants(&sid).unwrap();
    let namings: Vec<(&str, Naming)> = people
        .iter()
        .map(|p| (p.name.as_deref().unwrap(), p.naming))
        .collect();
    assert_eq!(
        namings,
        [
            ("Sanne Bakker", Naming::Named),
            ("Noor Visser", Naming::Named),
            ("Piet Paalman", Naming::GroupOnly),
        ]
    );

    // The question, after the group: group only is where Enter is.
    app.press(KeyCode::Char('p'))
        .fill("Eva")
        .confirm()
        .confirm();
    assert_eq!(app.context(), Context::Picker);
    let (choices, selected) = app.picker();
    assert_eq!(
        choices,
        [
            "Stakeholder group only (no name, no organisation)",
            "Name and organisation (the participant agrees)"
        ]
    );
    assert_eq!(selected.as_deref(), Some(choices[0].as_str()));
    assert!(app.screen(80, 24).contains("In minutes (GDPR)"));
    app.press(KeyCode::Esc);
    assert_eq!(
        app.store().participants(&sid).unwrap().len(),
        3,
        "Esc adds nobody"
    );

    // The list says who is group only.
    let wide = app.screen(220, 48);
    assert!(
        wide.contains(
            "Piet Paalman, Gemeente Ooststellingwerf, Government · group only in minutes"
        ),
        "{wide}"
    );
    assert!(wide.contains("Noor Visser, Rathenau Instituut, Academia/knowledge institute "));
    assert!(!wide.contains("Institute · group only"));

    // A note of Piet's: in the minutes by his group only.
    app.setup().table(0).start();
    app.type_note("@piet Idee: Piet Paalman wil open data")
        .save();
    let minutes = app.minutes();
    for gone in ["Piet", "Paalman", "Ooststellingwerf"] {
        assert!(!has_word(&minutes, gone), "{gone}:\n{minutes}");
    }
    assert!(
        minutes.contains("[Government] wil open data  \n  — Government"),
        "{minutes}"
    );

    // He agrees after all: P, the form and group as they are, then the
    // question, on his current choice.
    app.setup().participant(2).edit_participant_naming();
    assert_eq!(app.picker().1.as_deref(), Some(choices[0].as_str()));
    app.press(KeyCode::Down).confirm();
    let piet = &app.store().participants(&sid).unwrap()[2];
    assert_eq!(
        (piet.name.as_deref(), piet.naming),
        (Some("Piet Paalman"), Naming::Named)
    );
    let minutes = app.minutes();
    assert!(
        minutes.contains(
            "Piet Paalman wil open data  \n  — Piet Paalman, Gemeente Ooststellingwerf (Government)"
        ),
        "{minutes}"
    );
    // Asked again, the question starts on "named".
    app.setup().participant(2).edit_participant_naming();
    assert_eq!(app.picker().1.as_deref(), Some(choices[1].as_str()));
}

#[test]
fn a_version_6_database_upgrades_with_its_participants_named() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v6.db");
    let sid = common::old_db::with_session(&path, 6, 3);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO participant (id, session_id, name, organisation, stakeholder_group,
                 created_at, updated_at)
             VALUES ('0190a000-0000-7000-8000-00000000000a', ?1, 'Oude Deelnemer', 'VNG',
                 'overheid', '2025-11-20T09:00:00.000Z', '2025-11-20T09:00:00.000Z')",
            [&sid],
        )
        .unwrap();
        c.execute(
            "UPDATE note SET participant_id = '0190a000-0000-7000-8000-00000000000a' WHERE number = 1",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        tafel::store::backup::list(&path).unwrap().len(),
        1,
        "backed up before the upgrade"
    );
    let p = &s.participants(&sid).unwrap()[0];
    assert_eq!(p.naming, Naming::Named, "earlier participants stay named");
    // … so the minutes of an earlier session still name them.
    let session = s.session(&sid).unwrap();
    let md = markdown(&s, &session, Lang::Nl, false);
    assert!(
        md.contains("Notitie 1  \n  — Oude Deelnemer, VNG (Overheid)"),
        "{md}"
    );
    drop(s);
    // A row inserted without a choice is private.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute(
        "INSERT INTO participant (id, session_id, stakeholder_group, created_at, updated_at)
         VALUES ('0190a000-0000-7000-8000-00000000000b', ?1, 'anders', 'x', 'x')",
        [&sid],
    )
    .unwrap();
    let naming: String = c
        .query_row(
            "SELECT naming FROM participant WHERE id = '0190a000-0000-7000-8000-00000000000b'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(naming, "group_only");
}
