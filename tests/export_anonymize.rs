//! `--anonymize`: a session with names in every field — facilitator, hosts,
//! participants (also a deleted one), owners who are participants and who
//! are not, the session's title and location, table names, rating comments
//! and note texts — exports without any of them, in Markdown (both
//! languages) and JSON, while the export without `--anonymize` has them all.

mod common;

use chrono::NaiveDate;
use common::fixture::*;
use common::markdown::*;
use tafel::agenda;
use tafel::domain::{IrmLevel, ItemKind, Lang, NewSession, NoteKind, Session, StakeholderGroup};
use tafel::export::json;
use tafel::store::Store;

/// People: searched as a whole and word by word (words of two letters or
/// more that are not a particle such as "van").
const PEOPLE: &[&str] = &[
    "Wouter Zwanenburg",      // facilitator
    "Hendrika Oosterhuis",    // host
    "Bram Kuipers-Lindqvist", // host
    "Anaïs Dijkgraaf",        // participant, Overheid
    "Joris van Zuylen",       // participant, Wetenschap
    "Zoë Çelik",              // participant, Maatschappelijke organisatie
    "Jan Overvecht",          // participant, Actiehouder
    "Ruud Nijenhuis",         // participant, deleted
];

/// Organisations: searched as a whole and by acronym (their other words
/// are ordinary words).
const ORGANISATIONS: &[&str] = &[
    "Stichting Beeldbank Zeeland", // Anaïs
    "Gemeente Ooststellingwerf",   // Joris
    "Kwartiermakers Collectief",   // an organisation without a person
    "KMC",                         // … and its acronym
];

/// A free-text owner who is no participant: searched as typed.
const OWNER: &str = "Pieternel Vlasblom";

/// Every string that must not be in an anonymised export, each matched
/// case-insensitively as whole words.
fn needles() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in PEOPLE {
        out.push(p.to_string());
        for w in p.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() >= 2 && w != "van" {
                out.push(w.to_string());
            }
        }
    }
    out.extend(ORGANISATIONS.iter().map(|s| s.to_string()));
    out.push(OWNER.into());
    // Typed without their diacritics, the names are found too.
    out.extend(["Anais", "Zoe", "Celik"].map(String::from));
    out
}

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

fn named_session(store: &mut Store) -> Session {
    let session = store
        .create_session(
            &NewSession {
                title: "MSF met Wouter Zwanenburg en Anaïs".into(),
                date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: "Bij Joris van Zuylen thuis".into(),
                facilitator: "Wouter Zwanenburg".into(),
                language: Lang::Nl,
            },
            &agenda::bundled(),
        )
        .unwrap();
    let s = &session.id;
    let ap3 = item(store, &session, ItemKind::ActionPoint, 3);
    let ap5 = item(store, &session, ItemKind::ActionPoint, 5);
    let t1 = store
        .create_table(s, "Tafel van Hendrika", "Hendrika Oosterhuis", 25)
        .unwrap();
    store.assign_item(&t1.id, &ap3.id).unwrap();
    let t2 = store
        .create_table(s, "Bram en Zoë", "Bram Kuipers-Lindqvist", 25)
        .unwrap();
    store.assign_item(&t2.id, &ap5.id).unwrap();

    let mut person = |name: Option<&str>, org: Option<&str>, group| {
        store.create_participant(s, name, org, group).unwrap()
    };
    let anais = person(
        Some("Anaïs Dijkgraaf"),
        Some("Stichting Beeldbank Zeeland"),
        StakeholderGroup::Overheid,
    );
    let joris = person(
        Some("Joris van Zuylen"),
        Some("Gemeente Ooststellingwerf"),
        StakeholderGroup::Wetenschap,
    );
    let zoe = person(
        Some("Zoë Çelik"),
        None,
        StakeholderGroup::MaatschappelijkeOrganisatie,
    );
    person(Some("Jan Overvecht"), None, StakeholderGroup::Actiehouder);
    person(
        None,
        Some("Kwartiermakers Collectief (KMC)"),
        StakeholderGroup::Bedrijfsleven,
    );
    let ruud = person(Some("Ruud Nijenhuis"), None, StakeholderGroup::Actiehouder);

    let (w1, w2) = (Some(t1.id.as_str()), Some(t2.id.as_str()));
    let mut add = |n| store.add_note(s, &n).unwrap();
    add({
        let mut n = note(
            &ap3,
            w1,
            NoteKind::Observation,
            "Anaïs Dijkgraaf zegt dat ANAIS en de Stichting Beeldbank Zeeland het register bijhouden.",
        );
        n.content.participant_id = Some(anais.id.clone());
        n
    });
    add({
        let mut n = note(
            &ap3,
            w1,
            NoteKind::Question,
            "zoe celik vraagt: heeft Wouter dit met hendrika en Oosterhuis besproken?",
        );
        n.content.participant_id = Some(zoe.id.clone());
        n
    });
    add(note(
        &ap3,
        w1,
        NoteKind::Concern,
        "In januari sprak Jan Overvecht met Joris; Jan-rapport volgt.\nRuud Nijenhuis was er niet.",
    ));
    // Owners: a participant's first name, surname and organisation; the
    // acronym of one inside a longer owner; and someone tafel knows only
    // as an owner.
    for (text, owner, due) in [
        ("Register publiceren.", "Joris", Some((2026, 2, 1))),
        ("Beeldbank openen.", "Dijkgraaf", None),
        ("Gemeenten uitnodigen.", "Gemeente Ooststellingwerf", None),
        ("Werkgroep starten.", "KMC-werkgroep", Some((2026, 3, 1))),
        ("Subsidie aanvragen; Pieternel Vlasblom belt.", OWNER, None),
        ("Iemand zoeken.", "", None),
    ] {
        add({
            let mut n = note(&ap5, w2, NoteKind::Action, text);
            n.content.owner = owner.into();
            n.content.due = due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            n.content.participant_id = Some(joris.id.clone());
            n
        });
    }
    add({
        let mut n = note(
            &ap5,
            w2,
            NoteKind::Idea,
            "Vraag het Kwartiermakers Collectief, of KMC.",
        );
        n.content.participant_id = Some(ruud.id.clone());
        n.content.group = Some(StakeholderGroup::Actiehouder);
        n
    });
    store.delete_participant(&ruud.id).unwrap();
    store
        .set_rating(
            s,
            &ap3.id,
            IrmLevel::Limited,
            "Volgens Hendrika en Bram loopt het.\nZoë Çelik is tevreden.",
        )
        .unwrap();
    store
        .set_rating(
            s,
            &ap5.id,
            IrmLevel::Complete,
            "Met dank aan Kuipers-Lindqvist.",
        )
        .unwrap();
    session
}

fn json_text(store: &Store, session: &Session, anonymize: bool) -> String {
    String::from_utf8(json_bytes(store, session, anonymize)).unwrap()
}

#[test]
fn anonymised_exports_contain_no_known_name() {
    let mut store = Store::open_in_memory().unwrap();
    let session = named_session(&mut store);
    let anonymised = [
        ("Markdown nl", markdown(&store, &session, Lang::Nl, true)),
        ("Markdown en", markdown(&store, &session, Lang::En, true)),
        ("JSON", json_text(&store, &session, true)),
    ];
    for needle in needles() {
        for (what, text) in &anonymised {
            assert!(
                !has_word(text, &needle),
                "{needle:?} in the anonymised {what}:\n{text}"
            );
        }
    }
    // Without --anonymize every name is there as typed (the deleted
    // participant's only in the text of a note).
    let named = markdown(&store, &session, Lang::Nl, false) + &json_text(&store, &session, false);
    for name in PEOPLE.iter().chain(ORGANISATIONS).chain([&OWNER]) {
        assert!(
            has_word(&named, name),
            "{name:?} missing from the named export"
        );
    }
}

#[test]
fn names_become_groups_or_a_marker_and_the_rest_stays() {
    let mut store = Store::open_in_memory().unwrap();
    let session = named_session(&mut store);
    let md = markdown(&store, &session, Lang::Nl, true);
    let r = read(&md);
    assert_clean(&r);
    assert_no_html(&md);
    assert_eq!(r.headings[0].1, "MSF met [naam] en [Overheid]");
    assert!(md.contains("- **Locatie:** Bij [Wetenschap/kennisinstelling] thuis"));
    assert!(!md.contains("Facilitator"));
    assert!(!md.contains("Tafelhost"));
    assert!(
        r.headings
            .iter()
            .any(|h| h.1 == "Tafel 1 — Tafel van [naam]")
    );
    assert!(
        r.headings
            .iter()
            .any(|h| h.1 == "Tafel 2 — [naam] en [Maatschappelijke organisatie]")
    );
    let items: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
    for want in [
        // Participant names (also a first name alone and in capitals, and
        // the organisation) become the group; whole words only: "januari"
        // stays, the "Jan" of "Jan-rapport" goes.
        "[Overheid] zegt dat [Overheid] en de [Overheid] het register bijhouden.\n— Overheid",
        "[Maatschappelijke organisatie] vraagt: heeft [naam] dit met [naam] en [naam] besproken?\n— Maatschappelijke organisatie",
        "In januari sprak [Actiehouder] met [Wetenschap/kennisinstelling]; [Actiehouder]-rapport volgt.\n[Actiehouder] was er niet.",
        // Owners: a participant's group, or withheld.
        "Register publiceren.\n— Wetenschap/kennisinstelling · eigenaar: Wetenschap/kennisinstelling · uiterlijk 1 februari 2026",
        "Beeldbank openen.\n— Wetenschap/kennisinstelling · eigenaar: Overheid · nog geen datum",
        "Gemeenten uitnodigen.\n— Wetenschap/kennisinstelling · eigenaar: Wetenschap/kennisinstelling · nog geen datum",
        "Werkgroep starten.\n— Wetenschap/kennisinstelling · eigenaar: Bedrijfsleven · uiterlijk 1 maart 2026",
        "Subsidie aanvragen; [naam] belt.\n— Wetenschap/kennisinstelling · eigenaar weggelaten · nog geen datum",
        "Iemand zoeken.\n— Wetenschap/kennisinstelling · nog geen eigenaar · nog geen datum",
        // A deleted participant's note keeps its group.
        "Vraag het [Bedrijfsleven], of [Bedrijfsleven].\n— Actiehouder",
    ] {
        assert!(items.contains(&want), "{want:?} not in {items:#?}");
    }
    // Rating comments, in the overview and under the item's heading.
    assert!(md.contains(
        "Volgens [naam] en [naam] loopt het.  \n  [Maatschappelijke organisatie] is tevreden."
    ));
    assert!(md.contains("**IRM-beoordeling:** Voltooid  \nMet dank aan [naam]."));

    // English minutes: English markers and labels.
    let en = markdown(&store, &session, Lang::En, true);
    assert!(en.contains("[name] belt.  \n  — Academia/knowledge institute · owner withheld"));
    assert!(en.starts_with("# MSF met [name] en \\[Government]\n"));
}

#[test]
fn anonymised_json_keeps_only_groups() {
    let mut store = Store::open_in_memory().unwrap();
    let session = named_session(&mut store);
    let doc = json::document(&store, &session, true).unwrap();
    assert!(doc.anonymized);
    assert_eq!(doc.session.facilitator, "");
    assert_eq!(doc.session.title, "MSF met [naam] en [Overheid]");
    assert!(doc.tables.iter().all(|t| t.host.is_empty()));
    assert_eq!(doc.tables[0].name, "Tafel van [naam]");
    assert!(
        doc.participants
            .iter()
            .all(|p| p.name.is_none() && p.organisation.is_none())
    );
    let owners: Vec<&str> = doc
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Action)
        .map(|n| n.owner.as_str())
        .collect();
    assert_eq!(
        owners,
        [
            "Wetenschap/kennisinstelling",
            "Overheid",
            "Wetenschap/kennisinstelling",
            "Bedrijfsleven",
            "eigenaar weggelaten",
            "",
        ]
    );
    // The text keeps its line breaks; only the names change.
    assert_eq!(
        doc.notes[2].text,
        "In januari sprak [Actiehouder] met [Wetenschap/kennisinstelling]; [Actiehouder]-rapport volgt.\n[Actiehouder] was er niet."
    );
    assert_eq!(
        doc.ratings[0].comment,
        "Volgens [naam] en [naam] loopt het.\n[Maatschappelijke organisatie] is tevreden."
    );
    // The streamed bytes are this document.
    let streamed: json::Document =
        serde_json::from_slice(&json_bytes(&store, &session, true)).unwrap();
    assert_eq!(streamed, doc);
    // Deterministic.
    assert_eq!(
        json_bytes(&store, &session, true),
        json_bytes(&store, &session, true)
    );
}
