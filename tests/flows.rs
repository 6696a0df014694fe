//! Flow tests: a facilitator's keys through the real app (see
//! `common::driver`), then what the database holds and the screen shows.

mod common;

use common::driver::Driver;
use common::markdown::bullets_under;
use std::time::{Duration, Instant};
use tafel::app::Screen;
use tafel::app::keys::Context;
use tafel::domain::{IrmLevel, ItemKind, Lang, NoteKind, StakeholderGroup};

#[test]
fn create_a_session_set_up_two_tables_and_capture_everything() {
    let mut app = Driver::new(Lang::En);
    assert_eq!(app.current_screen(), Screen::Sessions);

    // Create a session through the form (the date field starts at today).
    app.new_session("MSF spring", "2026-03-12", "Utrecht", "Fenna");
    assert_eq!(app.current_screen(), Screen::Setup, "{:?}", app.status());
    let sid = app.session_id();
    let session = app.store().session(&sid).unwrap();
    assert_eq!(
        (session.title.as_str(), session.location.as_str()),
        ("MSF spring", "Utrecht")
    );
    assert_eq!(session.date.to_string(), "2026-03-12");

    // Two tables: the first with action point 3 and policy question 2,
    // the second with action point 3 too (an item may sit at two tables).
    app.setup()
        .add_table("Open information", "Anouk", 15)
        .add_table_as_proposed(); // "Table 2", 20 minutes
    let tables = app.store().tables(&sid).unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(
        (
            tables[0].name.as_str(),
            tables[0].host.as_str(),
            tables[0].timebox_minutes
        ),
        ("Open information", "Anouk", 15)
    );
    assert_eq!(
        (tables[1].name.as_str(), tables[1].timebox_minutes),
        ("Table 2", 20)
    );

    app.setup()
        .table(0)
        .toggle_item(ItemKind::ActionPoint, 3)
        .toggle_item(ItemKind::PolicyQuestion, 2)
        .table(1)
        .toggle_item(ItemKind::ActionPoint, 3);
    let tables = app.store().tables(&sid).unwrap();
    let items = app.store().items(&sid).unwrap();
    let ap3 = items
        .iter()
        .find(|i| i.kind == ItemKind::ActionPoint && i.number == 3)
        .unwrap();
    let pq2 = items
        .iter()
        .find(|i| i.kind == ItemKind::PolicyQuestion && i.number == 2)
        .unwrap();
    assert_eq!(tables[0].item_ids, [ap3.id.clone(), pq2.id.clone()]);
    assert_eq!(tables[1].item_ids, std::slice::from_ref(&ap3.id));

    // Register a participant with a stakeholder group.
    app.setup()
        .add_participant("Sanne", "Rathenau", StakeholderGroup::Wetenschap);
    let people = app.store().participants(&sid).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].group, StakeholderGroup::Wetenschap);

    // Run at the first table: its first stop is action point 3.
    app.setup().table(0).start();
    assert_eq!(app.current_screen(), Screen::Run);
    assert_eq!(app.current_label(), "action_point 3");

    // A note of every kind on the action point; the kind is remembered.
    for (i, kind) in NoteKind::ALL[..5].iter().enumerate() {
        app.note_kind(*kind)
            .type_note(&format!("Note {i} on AP3"))
            .save();
    }
    app.note_kind(NoteKind::Action)
        .type_note("Follow up with VNG")
        .save()
        .action_details("PROO", "2026-04-01"); // an action asks owner and due date
    let notes = app.store().notes_for_item(&ap3.id).unwrap();
    let got: Vec<NoteKind> = notes.iter().map(|n| n.content.kind).collect();
    assert_eq!(got, NoteKind::ALL);
    let action = notes.last().unwrap();
    assert_eq!(
        (
            action.content.owner.as_str(),
            action.content.due.unwrap().to_string().as_str()
        ),
        ("PROO", "2026-04-01")
    );
    assert_eq!(action.table_id.as_deref(), Some(tables[0].id.as_str()));
    assert_eq!(
        app.next_note(),
        (NoteKind::Observation, None, vec![]),
        "the next note starts from the defaults"
    );

    // Policy question 2: every kind again, said by government and tagged —
    // the first note with keys, the others inline; nothing carries over.
    app.next_item();
    assert_eq!(app.current_label(), "policy_question 2");
    app.next_group() // the first group: government
        .tags(&[1, 2])
        .type_note("Kind 1 on PQ2")
        .save();
    assert_eq!(app.next_note(), (NoteKind::Observation, None, vec![]));
    for (i, word) in ["Idee", "Vraag", "Zorg", "Afspraak"].iter().enumerate() {
        app.type_note(&format!(
            "@overheid +data +informatie {word}: Kind {} on PQ2",
            i + 2
        ))
        .save();
    }
    app.type_note("@overheid +data +informatie Actie: Draft a monitor")
        .save()
        .action_details("MCOIG", "");
    let pq_notes = app.store().notes_for_item(&pq2.id).unwrap();
    assert_eq!(
        pq_notes.iter().map(|n| n.content.kind).collect::<Vec<_>>(),
        NoteKind::ALL
    );
    assert!(
        pq_notes
            .iter()
            .all(|n| n.content.group == Some(StakeholderGroup::Overheid))
    );
    assert!(
        pq_notes
            .iter()
            .all(|n| n.content.tags == ["open-data", "open-informatie"])
    );
    assert_eq!(pq_notes[5].content.due, None, "due date is optional");

    // Vote, edit, delete and undo in the notes list.
    app.notes();
    assert_eq!(app.context(), Context::Notes);
    assert_eq!(app.selected_note(), 5, "the list opens at the newest note");
    app.notes()
        .select(4) // the agreement
        .vote_for()
        .vote_for()
        .vote_against()
        .edit();
    app.type_note(" (edited)").save();
    let agreement = app.store().note(&pq_notes[4].id).unwrap();
    assert_eq!(agreement.content.text, "Kind 5 on PQ2 (edited)");
    assert_eq!((agreement.votes_for, agreement.votes_against), (2, 1));
    assert_eq!(
        agreement.number, pq_notes[4].number,
        "edit keeps the number"
    );
    app.notes();
    assert_eq!(app.selected_note(), 5, "back in the list, at the newest");
    app.notes().select(2).delete(); // the question
    let deleted_at = |app: &Driver| app.store().note(&pq_notes[2].id).unwrap().deleted_at;
    assert!(deleted_at(&app).is_some());
    assert_eq!(app.store().notes_for_item(&pq2.id).unwrap().len(), 5);
    app.notes().undo();
    assert!(deleted_at(&app).is_none());
    assert_eq!(app.store().notes_for_item(&pq2.id).unwrap().len(), 6);

    // Rate action point 3.
    app.notes().prev_item();
    assert_eq!(app.current_label(), "action_point 3");
    app.notes()
        .rate(IrmLevel::Substantial, "Dossiers are published");
    let r = app.store().rating(&sid, &ap3.id).unwrap().unwrap();
    assert_eq!(
        (r.level, r.comment.as_str()),
        (IrmLevel::Substantial, "Dossiers are published")
    );

    // Move between tables.
    app.notes().editor().next_table();
    assert_eq!(app.current_table(), "Table 2");
    assert_eq!(app.current_label(), "action_point 3");
    app.prev_item();
    assert_eq!(app.current_table(), "Open information");
    assert_eq!(app.current_label(), "policy_question 2");

    // Every note in the database, nothing lost: 6 + 6.
    assert_eq!(app.store().session_summaries().unwrap()[0].notes, 12);
}

#[test]
fn draft_is_saved_within_a_second_and_restored_on_the_item() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    let sid = app.session_id();
    let item = app.current_item_id();
    let t0 = Instant::now();
    app.at(t0).type_note("Half gezegd");
    app.at(t0 + Duration::from_millis(100)).tick();
    assert_eq!(
        app.store().draft(&sid, &item).unwrap(),
        None,
        "not while typing"
    );
    app.at(t0 + Duration::from_millis(400)).tick();
    assert_eq!(
        app.store()
            .draft(&sid, &item)
            .unwrap()
            .unwrap()
            .content
            .text,
        "Half gezegd"
    );

    // Moving on keeps it per item; coming back restores it.
    app.next_item().type_note("Ander item").prev_item();
    assert_eq!(app.editor_text(), "Half gezegd");
    app.next_item();
    assert_eq!(app.editor_text(), "Ander item");

    // Saving the note removes the draft.
    app.prev_item().save();
    assert_eq!(app.store().draft(&sid, &item).unwrap(), None);
    assert_eq!(app.stored_notes()[0].content.text, "Half gezegd");
}

#[test]
fn continuous_typing_still_reaches_a_draft_within_a_second() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    let sid = app.session_id();
    let item = app.current_item_id();
    let t0 = Instant::now();
    for i in 0..20u64 {
        app.at(t0 + Duration::from_millis(i * 60))
            .type_note("x")
            .tick();
    }
    let d = app
        .store()
        .draft(&sid, &item)
        .unwrap()
        .expect("saved while still typing");
    assert!(d.content.text.len() >= 15, "{}", d.content.text);
}

#[test]
fn shutdown_saves_the_draft_and_place_and_resume_returns_there() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    let sid = app.session_id();
    app.next_item() // policy question 2
        .type_note("unsaved words");
    let mut app = app.restart();
    app.resume();
    assert_eq!(app.current_screen(), Screen::Run);
    assert_eq!(app.session_id(), sid);
    assert_eq!(app.current_label(), "policy_question 2");
    assert_eq!(app.editor_text(), "unsaved words");
}

#[test]
fn quitting_asks_only_when_an_edit_would_be_thrown_away() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.type_note("a note")
        .save()
        .type_note("typed, not saved")
        .quit();
    assert!(app.has_quit(), "a draft is kept, no question");

    let mut app = Driver::with_session_and_tables(Lang::En);
    app.type_note("a note").save();
    app.notes().edit();
    app.type_note(" changed").quit();
    assert!(!app.has_quit());
    assert_eq!(app.context(), Context::Confirm, "asks");
    app.no();
    assert!(!app.has_quit());
    app.quit().yes();
    assert!(app.has_quit());
}

#[test]
fn jump_by_number_or_title() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.go_to("11");
    assert_eq!(app.current_label(), "action_point 11");
    app.go_to("monitor");
    assert_eq!(app.current_label(), "policy_question 2");
}

#[test]
fn failed_save_keeps_the_text_and_says_why() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    // Every write fails: the database becomes read-only underneath.
    app.type_note("must not be lost").read_only(true).save();
    assert_eq!(app.editor_text(), "must not be lost");
    let error = app.error().expect("an error in the status bar");
    assert!(error.starts_with("Not saved"), "{error}");
    app.read_only(false).save();
    assert_eq!(app.stored_notes()[0].content.text, "must not be lost");
    assert_eq!(app.editor_text(), "");
}

#[test]
fn paste_keeps_everything_including_escapes() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.paste("line one\r\nline \u{1b}[31mtwo\u{7}\n漢字 👍 naïve")
        .save();
    assert_eq!(
        app.stored_notes()[0].content.text,
        "line one\nline \u{1b}[31mtwo\u{7}\n漢字 👍 naïve"
    );
}

#[test]
fn export_key_writes_the_minutes_and_says_where() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    let dir = tempfile::TempDir::new().unwrap();
    app.export_to(dir.path().join("exports"));
    app.type_note("Een notitie voor de notulen").save().export();
    let status = app.status().unwrap();
    assert!(status.starts_with("Geëxporteerd naar "), "{status}");
    let path = std::path::PathBuf::from(status.trim_start_matches("Geëxporteerd naar "));
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.starts_with("# "), "{md}");
    assert_eq!(
        bullets_under(&md, "Actiepunt 3 — FAIR Woo dossiers"),
        ["Een notitie voor de notulen"]
    );
    assert_eq!(md, app.minutes(), "the file holds the session's minutes");
    // A second export never overwrites the first.
    app.export();
    let second = app.status().unwrap();
    assert!(second.ends_with("-2.md"), "{second}");
    assert!(path.exists());
}

#[test]
fn a_deleted_table_comes_back_with_undo() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    let sid = app.session_id();
    app.type_note("said at the first table").save();
    app.setup().delete_table();
    assert_eq!(app.store().tables(&sid).unwrap().len(), 1);
    app.setup().undo();
    let tables = app.store().tables(&sid).unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].name, "Open informatie", "back in its place");
    assert_eq!(app.store().session_summaries().unwrap()[0].notes, 1);
}

#[test]
fn the_notes_list_changes_kind_group_tags_and_participant_of_a_saved_note() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.type_note("first").save();
    app.notes()
        .kind(NoteKind::Concern)
        .next_group() // government
        .next_group() // civil society
        .tags(&[7]);
    let n = &app.stored_notes()[0];
    assert_eq!(n.content.kind, NoteKind::Concern);
    assert_eq!(
        n.content.group,
        Some(StakeholderGroup::MaatschappelijkeOrganisatie)
    );
    assert_eq!(n.content.tags, ["open-aanpak"]);
    app.notes().said_by("Sanne Bakker");
    let sanne = app.store().participants(&app.session_id()).unwrap()[0]
        .id
        .clone();
    let n = &app.stored_notes()[0];
    assert_eq!(n.content.participant_id.as_deref(), Some(sanne.as_str()));
    assert_eq!(n.content.text, "first", "text untouched");
    assert_eq!(
        app.next_note(),
        (NoteKind::Observation, None, vec![]),
        "the next note's settings are untouched"
    );
}

#[test]
fn a_session_is_edited_from_the_list_and_pages_of_notes_scroll() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    let sid = app.session_id();
    for i in 0..25 {
        app.type_note(&format!("note {i}")).save();
    }
    app.notes().page_up().page_up();
    assert_eq!(app.selected_note(), 4);
    assert!(app.screen(80, 24).contains("▶ #5 Observation"));
    app.notes().page_down();
    assert_eq!(app.selected_note(), 14);

    app.setup().back_to_sessions();
    app.edit_session()
        .fill("MSF autumn 2025")
        .next_field()
        .next_field()
        .press(crossterm::event::KeyCode::End) // keeps the location…
        .type_text(" Centraal") // …and adds to it
        .confirm();
    assert!(!app.overlay_open());
    let s = app.store().session(&sid).unwrap();
    assert_eq!(
        (s.title.as_str(), s.location.as_str()),
        ("MSF autumn 2025", "Den Haag Centraal")
    );
    assert_eq!(s.date.to_string(), "2025-11-20", "untouched");
    assert!(app.screen(80, 24).contains("MSF autumn 2025"));
}

#[test]
fn a_table_timer_survives_a_restart() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    let sid = app.session_id();
    let table = app.store().tables(&sid).unwrap()[0].id.clone();
    assert_eq!(app.current_table(), "Open informatie");
    let stored = |app: &Driver| {
        let timers = app.store().timers(&sid).unwrap();
        let mine = timers.into_iter().find(|t| t.table_id == table).unwrap();
        (mine.elapsed_ms, mine.started_at)
    };
    let t0 = Instant::now();
    app.at(t0 - Duration::from_secs(90)).toggle_timer(); // started 90 s ago
    app.at(t0)
        .toggle_timer() // paused: 90 s ran
        .toggle_timer(); // running again
    let (elapsed_ms, started_at) = stored(&app);
    assert_eq!(elapsed_ms, 90_000);
    assert!(started_at.is_some(), "running");

    let mut app = app.restart();
    app.resume();
    let (running, elapsed) = app.timer();
    assert!(running, "still running after the restart");
    assert!(
        elapsed >= Duration::from_secs(90) && elapsed < Duration::from_secs(100),
        "{elapsed:?}"
    );
    let screen = app.screen(80, 24);
    assert!(
        screen.contains("18:30") || screen.contains("18:29"),
        "20-minute box, 1:30 gone: {screen}"
    );

    app.toggle_timer() // pause
        .reset_timer();
    assert_eq!(stored(&app), (0, None), "reset is stored too");
}

#[test]
fn editing_another_note_never_throws_away_an_unsaved_edit() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    for t in ["one", "two"] {
        app.type_note(t).save();
    }
    app.notes().edit(); // "two", the newest
    app.type_note(" changed");
    app.notes() // the edit still unsaved
        .select(0)
        .edit(); // try to edit "one"
    assert_eq!(app.editor_text(), "two changed", "the unsaved edit stays");
    assert_eq!(app.editing().as_deref(), Some("two"));
    assert!(app.status().is_some(), "says why");
}
