//! The MSF's memory in the store: follow-up meetings and carried actions,
//! action status over time, the reasoned response ledger, an item's
//! history, and the schema steps that add them. (Search: `memory_search.rs`.)

mod common;

use common::memory::*;
use tafel::Error;
use tafel::agenda;
use tafel::domain::memory::{ItemRef, NoteRef, ResponseInput, state_as_of};
use tafel::domain::{ActionState, ItemKind, NoteKind, ResponseStatus, StakeholderGroup};
use tafel::store::Store;

#[test]
fn the_bundled_sqlite_has_fts5_and_the_new_tables_exist() {
    let store = Store::open_in_memory().unwrap();
    let fts5: i64 = store
        .connection()
        .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fts5, 1, "rusqlite's bundled SQLite is built with FTS5");
    for table in [
        "follow_up",
        "carried_action",
        "action_status_change",
        "response",
        "note_fts",
        "response_fts",
    ] {
        assert_eq!(count(&store, table), 0, "{table}");
    }
}

#[test]
fn a_follow_up_has_the_agenda_tables_and_participants_but_no_notes() {
    let mut store = Store::open_in_memory().unwrap();
    let march = meeting(&mut store, "Maart", date(2025, 3, 12));
    let extra = store.create_table(&march.id, "Weg", "", 10).unwrap();
    store.delete_table(&extra.id).unwrap();
    let gone = store
        .create_participant(&march.id, Some("Weg"), None, StakeholderGroup::Anders)
        .unwrap();
    store.delete_participant(&gone.id).unwrap();
    add(&mut store, &march, AP4, NoteKind::Idea, "Een idee");
    let june = store
        .follow_up(&march.id, &new_session("Juni", date(2025, 6, 12)))
        .unwrap();
    assert_eq!(store.follows(&june.id).unwrap(), Some(march.id.clone()));
    assert_eq!(store.follows(&march.id).unwrap(), None);
    assert_eq!(june.agenda_name, march.agenda_name);
    let items = store.items(&june.id).unwrap();
    assert_eq!(items.len(), 23);
    assert!(items.iter().all(|i| i.session_id == june.id));
    assert_eq!(store.dimensions(&june.id).unwrap().len(), 7);
    let tables = store.tables(&june.id).unwrap();
    assert_eq!(tables.len(), 1, "the deleted table stays behind");
    assert_eq!(
        (
            tables[0].name.as_str(),
            tables[0].host.as_str(),
            tables[0].timebox_minutes
        ),
        ("Data", "Hanna Host", 25)
    );
    let at_table: Vec<ItemRef> = tables[0]
        .item_ids
        .iter()
        .map(|id| ItemRef::of(items.iter().find(|i| &i.id == id).unwrap()))
        .collect();
    assert_eq!(at_table, [AP4, BV2]);
    let people = store.participants(&june.id).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name.as_deref(), Some("Anouk de Vries"));
    assert_eq!(store.session_summaries().unwrap()[0].notes, 0);
    assert!(matches!(
        store.follow_up("nope", &new_session("x", date(2025, 6, 1))),
        Err(Error::UnknownSession(_))
    ));
    assert!(
        store
            .follow_up(&march.id, &new_session(" ", date(2025, 6, 1)))
            .is_err()
    );
}

#[test]
fn open_actions_are_carried_along_the_chain_once_and_stop_when_done_or_dropped() {
    let mut store = Store::open_in_memory().unwrap();
    let march = meeting(&mut store, "Maart", date(2025, 3, 12));
    let a = add(&mut store, &march, AP4, NoteKind::Action, "A: blijft open");
    let b = add(
        &mut store,
        &march,
        AP4,
        NoteKind::Action,
        "B: in uitvoering",
    );
    let c = add(&mut store, &march, BV2, NoteKind::Action, "C: afgerond");
    let d = add(&mut store, &march, AP4, NoteKind::Action, "D: vervalt");
    let e = add(&mut store, &march, AP4, NoteKind::Action, "E: verwijderd");
    add(&mut store, &march, AP4, NoteKind::Idea, "geen actie");
    store.delete_note(&e.id).unwrap();
    let on = date(2025, 3, 12);
    store
        .set_action_status(&b.id, ActionState::InProgress, &march.id, on)
        .unwrap();
    store
        .set_action_status(&c.id, ActionState::Done, &march.id, on)
        .unwrap();

    let june = store
        .follow_up(&march.id, &new_session("Juni", date(2025, 6, 12)))
        .unwrap();
    assert_eq!(
        carried_texts(&store, &june),
        ["A: blijft open", "B: in uitvoering", "D: vervalt"]
    );
    let carried = store.carried_actions(&june.id).unwrap();
    assert_eq!(carried[1].state, ActionState::InProgress);
    assert_eq!(carried[0].item, AP4);
    assert_eq!(carried[0].item_id, item_id(&store, &june, AP4));
    assert_eq!(carried[0].origin.id, march.id);
    assert_eq!(carried[0].note.content.owner, "PROO");
    assert_eq!(
        store
            .carried_actions_at(&june.id, &item_id(&store, &june, BV2))
            .unwrap(),
        []
    );

    // In June: D is dropped, and a new action is agreed.
    store
        .set_action_status(&d.id, ActionState::Dropped, &june.id, date(2025, 6, 12))
        .unwrap();
    add(&mut store, &june, BV2, NoteKind::Action, "F: nieuw in juni");
    let september = store
        .follow_up(&june.id, &new_session("September", date(2025, 9, 18)))
        .unwrap();
    assert_eq!(
        carried_texts(&store, &september),
        ["A: blijft open", "B: in uitvoering", "F: nieuw in juni"],
        "A is carried again, not twice; D stopped; F is June's own"
    );
    // One action, one trail: a change in September shows in June's list too.
    store
        .set_action_status(&a.id, ActionState::Done, &september.id, date(2025, 9, 18))
        .unwrap();
    let june_a = &store.carried_actions(&june.id).unwrap()[0];
    assert_eq!(june_a.state, ActionState::Done);
    assert_eq!(
        state_as_of(&june_a.trail, &june.id, june.date),
        ActionState::Open,
        "at the end of June it was still open"
    );
    assert_eq!(count(&store, "carried_action"), 6);
    assert_eq!(
        store.carried_origins(&september.id).unwrap(),
        [march.id.clone(), june.id.clone()]
    );
}

#[test]
fn an_action_status_is_a_trail_of_changes_and_refusals_write_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let march = meeting(&mut store, "Maart", date(2025, 3, 12));
    let action = add(&mut store, &march, AP4, NoteKind::Action, "Rapport delen");
    let idea = add(&mut store, &march, AP4, NoteKind::Idea, "Een idee");
    let june = store
        .follow_up(&march.id, &new_session("Juni", date(2025, 6, 12)))
        .unwrap();
    assert_eq!(store.action_state(&action.id).unwrap(), ActionState::Open);
    let change = store
        .set_action_status(
            &action.id,
            ActionState::InProgress,
            &june.id,
            date(2025, 6, 12),
        )
        .unwrap();
    assert_eq!(change.made_in.id, june.id);
    assert_eq!(change.on, date(2025, 6, 12));
    store
        .set_action_status(&action.id, ActionState::Done, &june.id, date(2025, 6, 13))
        .unwrap();
    let trail = store.action_trail(&action.id).unwrap();
    let statuses: Vec<ActionState> = trail.iter().map(|c| c.status).collect();
    assert_eq!(statuses, [ActionState::InProgress, ActionState::Done]);
    assert_eq!(store.action_state(&action.id).unwrap(), ActionState::Done);
    assert_eq!(
        state_as_of(&trail, &march.id, march.date),
        ActionState::Open
    );
    assert_eq!(
        state_as_of(&trail, &june.id, june.date),
        ActionState::Done,
        "a change made in the meeting counts for it, also a day later"
    );

    let changes = store.status_changes_in(&june.id).unwrap();
    let seen: Vec<(ActionState, ActionState)> = changes
        .iter()
        .map(|c| (c.previous, c.change.status))
        .collect();
    assert_eq!(
        seen,
        [
            (ActionState::Open, ActionState::InProgress),
            (ActionState::InProgress, ActionState::Done)
        ]
    );
    assert_eq!(changes[0].origin.id, march.id);
    assert_eq!(changes[0].item, AP4);
    assert!(store.status_changes_in(&march.id).unwrap().is_empty());

    let before = count(&store, "action_status_change");
    let refused = [
        store.set_action_status(&action.id, ActionState::Done, &june.id, date(2025, 6, 14)),
        store.set_action_status(&idea.id, ActionState::Done, &june.id, date(2025, 6, 14)),
        store.set_action_status(&action.id, ActionState::Open, &june.id, date(2025, 1, 1)),
        store.set_action_status(&action.id, ActionState::Open, "nope", date(2025, 6, 14)),
        store.set_action_status("nope", ActionState::Open, &june.id, date(2025, 6, 14)),
    ];
    for r in refused {
        let e = r.unwrap_err().to_string();
        assert!(!e.contains('\n'), "{e}");
    }
    assert_eq!(count(&store, "action_status_change"), before);
    // Before the meeting where it was agreed: refused, whatever the day.
    let earlier = meeting(&mut store, "Januari", date(2025, 1, 10));
    assert!(
        store
            .set_action_status(
                &action.id,
                ActionState::Open,
                &earlier.id,
                date(2025, 6, 14)
            )
            .is_err()
    );
    store.delete_note(&action.id).unwrap();
    assert!(
        store
            .set_action_status(&action.id, ActionState::Open, &june.id, date(2025, 6, 14))
            .is_err()
    );
    assert_eq!(count(&store, "action_status_change"), before);
}

#[test]
fn notes_are_named_session_hash_number() {
    let mut store = Store::open_in_memory().unwrap();
    let a = meeting(&mut store, "A", date(2025, 3, 12));
    let b = meeting(&mut store, "B", date(2025, 6, 12));
    let note = add(&mut store, &a, AP4, NoteKind::Idea, "idee");
    let short = store.short_session_id(&a.id).unwrap();
    assert!(short.len() >= 8 && a.id.starts_with(&short));
    assert!(!b.id.starts_with(&short), "{short} names one session");
    let r = NoteRef::parse(&store.note_ref(&a.id, note.number).unwrap()).unwrap();
    let (s, n) = store.resolve_note(&r).unwrap();
    assert_eq!((s.id, n.id), (a.id.clone(), note.id.clone()));
    let missing = NoteRef {
        session: short.clone(),
        number: 99,
    };
    let e = store.resolve_note(&missing).unwrap_err().to_string();
    assert!(e.contains("no note #99"), "{e}");
    store.delete_note(&note.id).unwrap();
    assert!(store.resolve_note(&r).is_err(), "a deleted note is gone");
}

#[test]
fn responses_are_a_ledger_whose_latest_counts() {
    let mut store = Store::open_in_memory().unwrap();
    let s = meeting(&mut store, "Maart", date(2025, 3, 12));
    let idea = add(&mut store, &s, AP4, NoteKind::Idea, "Eén portaal");
    let question = add(&mut store, &s, BV2, NoteKind::Question, "Wie meet?");
    let observation = add(&mut store, &s, AP4, NoteKind::Observation, "Het regent");
    let action = add(&mut store, &s, AP4, NoteKind::Action, "Doen");
    let input = |status, reason: &str, on| ResponseInput {
        status,
        reason: reason.into(),
        by: " Programmateam ".into(),
        on,
    };
    let first = store
        .respond(
            &idea.id,
            &input(
                ResponseStatus::UnderConsideration,
                "Komt in de herijking",
                date(2025, 4, 1),
            ),
        )
        .unwrap();
    assert_eq!(first.by, "Programmateam", "trimmed");
    store
        .respond(
            &idea.id,
            &input(ResponseStatus::Adopted, "In het werkplan", date(2025, 5, 1)),
        )
        .unwrap();
    store
        .respond(
            &question.id,
            &input(ResponseStatus::Answered, "De VNG-monitor", date(2025, 4, 2)),
        )
        .unwrap();
    let ledger: Vec<ResponseStatus> = store
        .responses(&idea.id)
        .unwrap()
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(
        ledger,
        [ResponseStatus::UnderConsideration, ResponseStatus::Adopted]
    );
    assert_eq!(
        store.latest_response(&idea.id).unwrap().unwrap().status,
        ResponseStatus::Adopted
    );
    assert_eq!(store.latest_response(&observation.id).unwrap(), None);
    assert_eq!(store.session_responses(&s.id).unwrap().len(), 3);
    assert_eq!(
        store.response_givers(std::slice::from_ref(&s.id)).unwrap(),
        ["Programmateam"]
    );
    let counts = store.year_counts(&s.id).unwrap();
    assert_eq!(counts.inputs, 2, "the idea and the question");
    assert!(counts.responses.contains(&(ResponseStatus::Adopted, 1)));
    assert!(counts.responses.contains(&(ResponseStatus::Answered, 1)));

    let before = count(&store, "response");
    for (note, reason) in [
        (&observation.id, "x"),
        (&action.id, "x"),
        (&idea.id, "  "),
        (&"nope".to_string(), "x"),
    ] {
        let e = store
            .respond(
                note,
                &input(ResponseStatus::Adopted, reason, date(2025, 5, 2)),
            )
            .unwrap_err()
            .to_string();
        assert!(!e.contains('\n'), "{e}");
    }
    assert_eq!(count(&store, "response"), before, "nothing written");
}

#[test]
fn an_item_history_counts_earlier_sessions_of_the_same_agenda() {
    let mut store = Store::open_in_memory().unwrap();
    let march = meeting(&mut store, "Maart", date(2025, 3, 12));
    add(&mut store, &march, AP4, NoteKind::Idea, "maart 1");
    let open = add(&mut store, &march, AP4, NoteKind::Action, "maart actie");
    let rated = item_id(&store, &march, AP4);
    store
        .set_rating(&march.id, &rated, tafel::domain::IrmLevel::Limited, "")
        .unwrap();
    let june = store
        .follow_up(&march.id, &new_session("Juni", date(2025, 6, 12)))
        .unwrap();
    add(&mut store, &june, AP4, NoteKind::Concern, "juni 1");
    let gone = add(&mut store, &june, AP4, NoteKind::Idea, "juni weg");
    store.delete_note(&gone.id).unwrap();
    add(&mut store, &june, BV2, NoteKind::Idea, "ander item");
    let september = store
        .follow_up(&june.id, &new_session("September", date(2025, 9, 18)))
        .unwrap();
    let ap4 = item_id(&store, &september, AP4);

    let h = store.item_history(&september.id, &ap4).unwrap();
    assert_eq!(h.sessions, 2);
    assert_eq!(h.notes, 3);
    assert_eq!(h.last_session.unwrap().id, june.id);
    assert_eq!(
        h.last_rating,
        Some((tafel::domain::IrmLevel::Limited, date(2025, 3, 12)))
    );
    assert_eq!(h.open_actions, 1);
    store
        .set_action_status(
            &open.id,
            ActionState::Done,
            &september.id,
            date(2025, 9, 18),
        )
        .unwrap();
    assert_eq!(
        store
            .item_history(&september.id, &ap4)
            .unwrap()
            .open_actions,
        0
    );

    let earlier = store.earlier_notes(&september.id, &ap4).unwrap();
    let texts: Vec<&str> = earlier
        .iter()
        .map(|e| e.note.content.text.as_str())
        .collect();
    assert_eq!(texts, ["juni 1", "maart actie", "maart 1"], "newest first");
    assert_eq!(earlier[1].state, Some(ActionState::Done));
    assert_eq!(earlier[0].state, None);

    // The first meeting has no past; another agenda's AP 4 is not this one.
    let first = store.item_history(&march.id, &rated).unwrap();
    assert_eq!((first.sessions, first.notes, first.open_actions), (0, 0, 0));
    let other = store
        .create_session(
            &new_session("Eigen agenda", date(2025, 12, 1)),
            &agenda::load(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/docs/example-agenda.toml"
            )))
            .unwrap(),
        )
        .unwrap();
    if let Some(i) = store
        .items(&other.id)
        .unwrap()
        .iter()
        .find(|i| i.kind == ItemKind::ActionPoint)
    {
        assert_eq!(store.item_history(&other.id, &i.id).unwrap().sessions, 0);
    }
}
