//! A session to export with every feature the minutes show, and the
//! exports of a session as text or bytes.

use chrono::NaiveDate;
use tafel::agenda;
use tafel::domain::{
    IrmLevel, Item, ItemKind, Lang, NewSession, NoteContent, NoteInput, NoteKind, Session,
    StakeholderGroup,
};
use tafel::export;
use tafel::store::Store;

/// The agenda item `kind` `number` of a session.
pub fn item(store: &Store, session: &Session, kind: ItemKind, number: u32) -> Item {
    store
        .items(&session.id)
        .unwrap()
        .into_iter()
        .find(|i| i.kind == kind && i.number == number)
        .unwrap()
}

/// A note of `kind` on `item` at `table`, nothing else set.
pub fn note(item: &Item, table: Option<&str>, kind: NoteKind, text: &str) -> NoteInput {
    NoteInput {
        item_id: item.id.clone(),
        table_id: table.map(str::to_string),
        content: NoteContent {
            kind,
            text: text.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A small session with every feature: tables with and without host and
/// items, named, half-named and deleted participants, every note kind,
/// tags, votes, owners and dates, a multi-line note, a note without a table,
/// a deleted note, a note at a deleted table, ratings with and without
/// comment.
pub fn fixture(store: &mut Store, lang: Lang) -> Session {
    let session = store
        .create_session(
            &NewSession {
                title: "MSF-bijeenkomst herijking".into(),
                date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: "Den Haag, Nieuwspoort".into(),
                facilitator: "Fenna Faciliteert".into(),
                language: lang,
            },
            &agenda::bundled(),
        )
        .unwrap();
    let s = &session.id;
    let ap1 = item(store, &session, ItemKind::ActionPoint, 1);
    let ap3 = item(store, &session, ItemKind::ActionPoint, 3);
    let ap5 = item(store, &session, ItemKind::ActionPoint, 5);
    let pq2 = item(store, &session, ItemKind::PolicyQuestion, 2);

    let woo = store
        .create_table(s, "Open informatie en Woo", "Hanna Host", 25)
        .unwrap();
    for i in [&pq2, &ap5, &ap3] {
        store.assign_item(&woo.id, &i.id).unwrap();
    }
    let part = store.create_table(s, "Participatie", "", 20).unwrap();
    store.assign_item(&part.id, &ap1.id).unwrap();
    store.create_table(s, "Lege tafel", "Iemand", 20).unwrap();
    let gone = store.create_table(s, "Weggehaalde tafel", "", 20).unwrap();
    store.assign_item(&gone.id, &ap1.id).unwrap();

    let anouk = store
        .create_participant(
            s,
            Some("Anouk de Vries"),
            Some("Ministerie van BZK"),
            StakeholderGroup::Overheid,
        )
        .unwrap();
    let osf = store
        .create_participant(
            s,
            None,
            Some("Open State Foundation"),
            StakeholderGroup::MaatschappelijkeOrganisatie,
        )
        .unwrap();
    let lotte = store
        .create_participant(s, Some("Lotte Jansen"), None, StakeholderGroup::Wetenschap)
        .unwrap();
    let weg = store
        .create_participant(
            s,
            Some("Willem Weg"),
            Some("Weg BV"),
            StakeholderGroup::Bedrijfsleven,
        )
        .unwrap();

    let w = Some(woo.id.as_str());
    let p = Some(part.id.as_str());
    let mut add = |n: NoteInput| store.add_note(s, &n).unwrap();
    add({
        let mut n = note(
            &ap3,
            w,
            NoteKind::Observation,
            "De FAIR-checklist wordt nog weinig gebruikt.",
        );
        n.content.participant_id = Some(anouk.id.clone());
        n.content.group = Some(StakeholderGroup::Overheid);
        n.content.tags = vec!["open-informatie".into(), "open-data".into()];
        n.votes_for = 3;
        n.votes_against = 1;
        n
    });
    add({
        let mut n = note(
            &ap3,
            w,
            NoteKind::Idea,
            "Maak één portaal voor alle Woo-dossiers.\nMet een API erbij.",
        );
        n.content.group = Some(StakeholderGroup::Actiehouder);
        n.content.tags = vec!["open-data".into()];
        n
    });
    add(note(
        &ap3,
        w,
        NoteKind::Question,
        "Wie beheert de metadata?",
    ));
    add({
        let mut n = note(
            &ap3,
            w,
            NoteKind::Agreement,
            "BZK deelt de checklist met alle departementen.",
        );
        n.content.group = Some(StakeholderGroup::Overheid);
        n
    });
    add({
        let mut n = note(
            &ap3,
            w,
            NoteKind::Action,
            "Rondvraag onder gebruikers organiseren.",
        );
        n.content.participant_id = Some(osf.id.clone());
        n.content.group = Some(StakeholderGroup::MaatschappelijkeOrganisatie);
        n.content.owner = "BZK, directie DS".into();
        n.content.due = NaiveDate::from_ymd_opt(2026, 1, 15);
        n
    });
    add({
        let mut n = note(
            &pq2,
            w,
            NoteKind::Concern,
            "Monitoring meet nu vooral output, geen effect.",
        );
        n.content.participant_id = Some(lotte.id.clone());
        n.content.group = Some(StakeholderGroup::Wetenschap);
        n.content.tags = vec!["open-cultuur".into()];
        n
    });
    add(NoteInput {
        votes_for: 2,
        ..note(&ap1, p, NoteKind::Idea, "Een inzage-app per gemeente.")
    });
    add({
        let mut n = note(&ap1, p, NoteKind::Action, "Voorbeelden verzamelen.");
        n.content.owner = "PROO".into();
        n
    });
    add({
        let mut n = note(&ap1, p, NoteKind::Concern, "Kosten voor kleine gemeenten.");
        n.content.participant_id = Some(weg.id.clone());
        n.content.group = Some(StakeholderGroup::Bedrijfsleven);
        n
    });
    add(note(
        &ap5,
        None,
        NoteKind::Observation,
        "Na afloop nagekomen: het meerjarenplan is gepubliceerd.",
    ));
    let deleted = add(note(&ap5, w, NoteKind::Idea, "VERWIJDERDE NOTITIE"));
    add(note(
        &ap1,
        Some(gone.id.as_str()),
        NoteKind::Idea,
        "NOTITIE AAN VERWIJDERDE TAFEL",
    ));
    store.delete_note(&deleted.id).unwrap();
    store.delete_table(&gone.id).unwrap();
    store.delete_participant(&weg.id).unwrap();

    store
        .set_rating(
            s,
            &ap3.id,
            IrmLevel::Substantial,
            "Checklist staat, gebruik nog beperkt.\nVolgend jaar meten.",
        )
        .unwrap();
    store
        .set_rating(s, &ap1.id, IrmLevel::Complete, "")
        .unwrap();
    session
}

/// The session's Markdown export, as text.
pub fn markdown(store: &Store, session: &Session, lang: Lang, anonymize: bool) -> String {
    let mut out = Vec::new();
    export::write_markdown(store, session, lang, anonymize, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The session's JSON export, as bytes.
pub fn json_bytes(store: &Store, session: &Session, anonymize: bool) -> Vec<u8> {
    let mut out = Vec::new();
    export::write_json(store, session, anonymize, &mut out).unwrap();
    out
}
