//! The MSF's memory in the minutes and the JSON export: the carried actions
//! with their status at the end of the meeting, the status changes made in
//! it, the reasoned responses, and the names that anonymising leaves out.

mod common;

use common::memory::*;
use tafel::domain::memory::ResponseInput;
use tafel::domain::{ActionState, Lang, NoteKind, ResponseStatus, Session, StakeholderGroup};
use tafel::export::json;
use tafel::store::Store;

fn markdown(store: &Store, s: &Session, anonymize: bool) -> String {
    let mut out = Vec::new();
    tafel::export::write_markdown(store, s, Lang::Nl, anonymize, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// March with two actions and an idea; June, its follow-up, where one
/// action moves on; September, where it is done; a response to the idea.
fn three_meetings(store: &mut Store) -> (Session, Session, Session) {
    let march = meeting(store, "Maart", date(2025, 3, 12));
    let a = add(
        store,
        &march,
        AP4,
        NoteKind::Action,
        "Bram deelt de checklist",
    );
    add(store, &march, BV2, NoteKind::Action, "Monitor opzetten");
    let idea = add(store, &march, AP4, NoteKind::Idea, "Eén portaal voor Woo");
    store
        .respond(
            &idea.id,
            &ResponseInput {
                status: ResponseStatus::PartlyAdopted,
                reason: "Deels: het portaal komt, de API later".into(),
                by: "Gerrit Geeft".into(),
                on: date(2025, 4, 2),
            },
        )
        .unwrap();
    let mut june = new_session("Juni", date(2025, 6, 12));
    june.location = "Utrecht".into();
    let june = store.follow_up(&march.id, &june).unwrap();
    store
        .set_action_status(&a.id, ActionState::InProgress, &june.id, date(2025, 6, 12))
        .unwrap();
    let september = store
        .follow_up(&june.id, &new_session("September", date(2025, 9, 18)))
        .unwrap();
    store
        .set_action_status(&a.id, ActionState::Done, &september.id, date(2025, 9, 18))
        .unwrap();
    // Registered in March afterwards: a name June's own lists do not have.
    store
        .create_participant(
            &march.id,
            Some("Bram Boekhouder"),
            None,
            StakeholderGroup::Bedrijfsleven,
        )
        .unwrap();
    (march, june, september)
}

#[test]
fn the_minutes_show_carried_actions_as_they_stood_and_the_changes_made() {
    let mut store = Store::open_in_memory().unwrap();
    let (march, june, september) = three_meetings(&mut store);

    let md = markdown(&store, &june, false);
    let carried = md
        .split("## Acties uit eerdere bijeenkomsten")
        .nth(1)
        .expect("a section of carried actions")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(
        carried.contains("### Actiepunt 4 — Open Standaarden"),
        "{carried}"
    );
    assert!(carried.contains("### Beleidsvraag 2"), "{carried}");
    assert!(
        carried.contains(
            "— eigenaar: PROO · uiterlijk 15 januari 2026 · in uitvoering · uit de bijeenkomst van 12 maart 2025 (#1)"
        ),
        "June's minutes keep June's status, not September's: {carried}"
    );
    let changes = md
        .split("## Statuswijzigingen van acties in deze bijeenkomst")
        .nth(1)
        .unwrap();
    assert!(
        changes.contains("open → **in uitvoering** · 12 juni 2025 · Actiepunt 4"),
        "{changes}"
    );
    assert!(
        !md.contains("## Gemotiveerde reactie"),
        "June has no inputs with a response"
    );

    let md = markdown(&store, &september, false);
    assert!(md.contains("· afgerond · uit de bijeenkomst van 12 maart 2025 (#1)"));
    assert!(md.contains("in uitvoering → **afgerond**"));

    // March: no carried actions or changes, but the response to its idea.
    let md = markdown(&store, &march, false);
    assert!(!md.contains("## Acties uit eerdere"));
    assert!(!md.contains("## Statuswijzigingen"));
    let responses = md.split("## Gemotiveerde reactie").nth(1).unwrap();
    assert!(
        responses.contains("| deels overgenomen | 1 |"),
        "{responses}"
    );
    assert!(
        responses.contains("| nog zonder reactie | 0 |"),
        "{responses}"
    );
    assert!(responses.contains("| **Totaal** | **1** |"), "{responses}");
    assert!(
        responses.contains(
            "— Idee · **deels overgenomen**: Deels: het portaal komt, de API later · door Gerrit Geeft · 2 april 2025"
        ),
        "{responses}"
    );
    assert_eq!(markdown(&store, &march, false), md, "deterministic");
}

#[test]
fn anonymised_minutes_know_the_names_of_earlier_meetings_and_responders() {
    let mut store = Store::open_in_memory().unwrap();
    let (march, june, _) = three_meetings(&mut store);
    // Bram is a participant of March only; his name is in an action June
    // carries.
    assert!(store.participants(&june.id).unwrap().len() == 1);
    let md = markdown(&store, &june, true);
    assert!(!md.contains("Bram"), "{md}");
    assert!(md.contains("[Bedrijfsleven] deelt de checklist"), "{md}");
    let md = markdown(&store, &march, true);
    assert!(!md.contains("Gerrit"), "{md}");
    let doc = json::document(&store, &march, true).unwrap();
    assert_eq!(doc.responses[0].by, "");
}

#[test]
fn the_json_carries_the_memory() {
    let mut store = Store::open_in_memory().unwrap();
    let (march, june, september) = three_meetings(&mut store);
    let doc = json::document(&store, &september, false).unwrap();
    assert_eq!(doc.schema, "tafel-export/2");
    assert_eq!(doc.session.follows.as_deref(), Some(june.id.as_str()));
    assert_eq!(doc.carried_actions.len(), 2);
    let a = &doc.carried_actions[0];
    assert_eq!((a.session_id.as_str(), a.number), (march.id.as_str(), 1));
    assert_eq!(a.status, ActionState::Done);
    let steps: Vec<(ActionState, &str)> = a
        .status_trail
        .iter()
        .map(|s| (s.status, s.session_id.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (ActionState::InProgress, june.id.as_str()),
            (ActionState::Done, september.id.as_str())
        ]
    );
    assert_eq!(doc.status_changes.len(), 1);
    assert_eq!(doc.status_changes[0].from, ActionState::InProgress);
    assert_eq!(doc.status_changes[0].to, ActionState::Done);
    assert!(
        doc.carried_actions
            .iter()
            .all(|c| doc.items.iter().any(|i| i.id == c.item_id))
    );

    let doc = json::document(&store, &march, false).unwrap();
    assert!(doc.carried_actions.is_empty() && doc.session.follows.is_none());
    assert_eq!(doc.responses.len(), 1);
    assert_eq!(doc.responses[0].status, ResponseStatus::PartlyAdopted);
    let action = doc.notes.iter().find(|n| n.number == 1).unwrap();
    assert_eq!(action.status, Some(ActionState::Done));
    assert_eq!(action.status_trail.len(), 2);
    let idea = doc.notes.iter().find(|n| n.kind == NoteKind::Idea).unwrap();
    assert_eq!((idea.status, idea.status_trail.len()), (None, 0));
    // The streamed bytes are exactly the document.
    let mut bytes = Vec::new();
    tafel::export::write_json(&store, &march, false, &mut bytes).unwrap();
    let streamed: json::Document = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(streamed, doc);
}

#[test]
fn a_dossier_follows_one_item_and_the_report_sums_up_the_year() {
    use tafel::export::dossier::{DossierOptions, dossier_document};
    let mut store = Store::open_in_memory().unwrap();
    let (march, june, september) = three_meetings(&mut store);
    add(
        &mut store,
        &september,
        AP4,
        NoteKind::Concern,
        "Nog niet zichtbaar",
    );
    let opts = DossierOptions {
        item: AP4,
        from: None,
        to: None,
        format: tafel::export::ExportFormat::Markdown,
        output: None,
        force: false,
        anonymize: false,
        lang: Some(Lang::Nl),
    };
    let doc = dossier_document(&store, &opts).unwrap();
    let ids: Vec<&str> = doc.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [&march.id, &june.id, &september.id]);
    let texts: Vec<&str> = doc
        .sessions
        .iter()
        .flat_map(|s| s.notes.iter().map(|n| n.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            "Bram deelt de checklist",
            "Eén portaal voor Woo",
            "Nog niet zichtbaar"
        ],
        "AP 4's notes only, oldest first"
    );
    let action = &doc.sessions[0].notes[0];
    assert_eq!(action.status, Some(ActionState::Done));
    assert_eq!(action.status_trail.len(), 2);
    assert_eq!(doc.sessions[0].notes[1].responses.len(), 1);

    let mut md = Vec::new();
    tafel::export::dossier::run(&store, &opts, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("open → in uitvoering (2025-06-12) → afgerond (2025-09-18)"),
        "{md}"
    );
    let later = DossierOptions {
        from: Some(date(2025, 6, 1)),
        ..opts.clone()
    };
    assert_eq!(dossier_document(&store, &later).unwrap().sessions.len(), 2);

    let mut report = Vec::new();
    tafel::export::report::run(
        &store,
        &tafel::export::report::ReportOptions {
            year: 2025,
            output: None,
            force: false,
            lang: Some(Lang::En),
        },
        &mut report,
    )
    .unwrap();
    let report = String::from_utf8(report).unwrap();
    assert!(report.contains("**OGP minimum of two meetings a year:** met (3 meetings)"));
    assert!(
        report.contains("| 2025-03-12 | 1 | 1 | 100% | 0 | 1 | 0 | 0 | 0 |"),
        "{report}"
    );
    assert!(
        report.contains("| Opened in 2025 | Done in 2025 | Dropped in 2025 | In progress at the end of 2025 | Open at the end of 2025 |\n| ---: | ---: | ---: | ---: | ---: |\n| 2 | 1 | 0 | 0 | 1 |"),
        "{report}"
    );
}
