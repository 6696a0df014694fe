//! Flow tests: key sequences through the real app, then what the database holds.

mod common;

use common::*;
use crossterm::event::KeyCode::{self, BackTab, Down, Enter, Esc, Tab, Up};
use std::time::{Duration, Instant};
use tafel::app::{Action, Focus, Screen};
use tafel::domain::{IrmLevel, ItemKind, Lang, NoteKind, StakeholderGroup};

fn current_label(app: &tafel::app::App) -> String {
    let open = app.state.open.as_ref().unwrap();
    let item = open.current_item().unwrap();
    format!("{} {}", item.kind.key(), item.number)
}

fn clear_field(app: &mut tafel::app::App) {
    for _ in 0..40 {
        press(app, KeyCode::Backspace);
    }
}

#[test]
fn create_a_session_set_up_two_tables_and_capture_everything() {
    let mut app = app(Lang::En);
    assert_eq!(app.state.screen, Screen::Sessions);

    // Create a session through the form (date defaults to today).
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "MSF spring");
    press(&mut app, Tab);
    clear_field(&mut app);
    type_text(&mut app, "2026-03-12");
    press(&mut app, Tab);
    type_text(&mut app, "Utrecht");
    press(&mut app, Tab);
    type_text(&mut app, "Fenna");
    press(&mut app, Enter);
    assert_eq!(app.state.screen, Screen::Setup, "{:?}", app.state.status);
    let sid = session_id(&app);
    let session = app.store.session(&sid).unwrap();
    assert_eq!(
        (session.title.as_str(), session.location.as_str()),
        ("MSF spring", "Utrecht")
    );
    assert_eq!(session.date.to_string(), "2026-03-12");

    // Two tables: the first with action point 3 and policy question 2,
    // the second with action point 3 too (an item may sit at two tables).
    press(&mut app, KeyCode::Char('a'));
    clear_field(&mut app);
    type_text(&mut app, "Open information");
    press(&mut app, Tab);
    type_text(&mut app, "Anouk");
    press(&mut app, Tab);
    clear_field(&mut app);
    type_text(&mut app, "15");
    press(&mut app, Enter);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, Enter); // default name "Table 2", 20 minutes
    let tables = app.store.tables(&sid).unwrap();
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

    press(&mut app, Up); // select the first table
    press(&mut app, Tab); // items pane
    press(&mut app, Down);
    press(&mut app, Down);
    press(&mut app, KeyCode::Char(' ')); // action point 3
    for _ in 0..16 {
        press(&mut app, Down); // down to policy question 2 (index 18)
    }
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, Tab); // participants
    press(&mut app, Tab); // tables
    press(&mut app, Down); // second table
    press(&mut app, Tab);
    for _ in 0..16 {
        press(&mut app, Up);
    }
    press(&mut app, KeyCode::Char(' ')); // action point 3 again
    let tables = app.store.tables(&sid).unwrap();
    let items = app.store.items(&sid).unwrap();
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
    press(&mut app, KeyCode::Char('p'));
    type_text(&mut app, "Sanne");
    press(&mut app, Tab);
    type_text(&mut app, "Rathenau");
    press(&mut app, Enter);
    press(&mut app, Down);
    press(&mut app, Down); // Academia
    press(&mut app, Enter);
    let people = app.store.participants(&sid).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].group, StakeholderGroup::Wetenschap);

    // Run: first stop is action point 3 at the first table.
    press(&mut app, Enter);
    assert_eq!(app.state.screen, Screen::Run);
    assert_eq!(current_label(&app), "action_point 3");

    // A note of every kind on the action point; the kind is remembered.
    let kinds = ['1', '2', '3', '4', '5'];
    for (i, k) in kinds.iter().enumerate() {
        alt(&mut app, *k);
        type_text(&mut app, &format!("Note {i} on AP3"));
        press(&mut app, Enter);
    }
    alt(&mut app, '6'); // action: asks owner and due date
    type_text(&mut app, "Follow up with VNG");
    press(&mut app, Enter);
    type_text(&mut app, "PROO");
    press(&mut app, Tab);
    type_text(&mut app, "2026-04-01");
    press(&mut app, Enter);
    let notes = app.store.notes_for_item(&ap3.id).unwrap();
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
        app.state.open.as_ref().unwrap().editor.meta.kind,
        NoteKind::Action,
        "kind remembered"
    );

    // Policy question 2: every kind again, with a group and tags.
    press(&mut app, Tab);
    assert_eq!(current_label(&app), "policy_question 2");
    alt(&mut app, 'g'); // first group: government
    alt(&mut app, 't');
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, Enter);
    for k in ['1', '2', '3', '4', '5'] {
        alt(&mut app, k);
        type_text(&mut app, &format!("Kind {k} on PQ2"));
        press(&mut app, Enter);
    }
    alt(&mut app, '6');
    type_text(&mut app, "Draft a monitor");
    press(&mut app, Enter);
    type_text(&mut app, "MCOIG");
    press(&mut app, Enter);
    let pq_notes = app.store.notes_for_item(&pq2.id).unwrap();
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
    press(&mut app, Esc);
    assert_eq!(app.state.open.as_ref().unwrap().focus, Focus::Notes);
    press(&mut app, Up); // the agreement (index 4)
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('-'));
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " (edited)");
    press(&mut app, Enter);
    let agreement = app.store.note(&pq_notes[4].id).unwrap();
    assert_eq!(agreement.content.text, "Kind 5 on PQ2 (edited)");
    assert_eq!((agreement.votes_for, agreement.votes_against), (2, 1));
    assert_eq!(
        agreement.number, pq_notes[4].number,
        "edit keeps the number"
    );
    press(&mut app, Esc); // back to the list, at the newest note (index 5)
    press(&mut app, Up);
    press(&mut app, Up);
    press(&mut app, Up); // the question (index 2)
    press(&mut app, KeyCode::Char('d'));
    assert!(
        app.store
            .note(&pq_notes[2].id)
            .unwrap()
            .deleted_at
            .is_some()
    );
    assert_eq!(app.store.notes_for_item(&pq2.id).unwrap().len(), 5);
    press(&mut app, KeyCode::Char('u'));
    assert!(
        app.store
            .note(&pq_notes[2].id)
            .unwrap()
            .deleted_at
            .is_none()
    );
    assert_eq!(app.store.notes_for_item(&pq2.id).unwrap().len(), 6);

    // Rate action point 3.
    press(&mut app, KeyCode::Char('p')); // previous item
    assert_eq!(current_label(&app), "action_point 3");
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, Down);
    press(&mut app, Down);
    press(&mut app, Down); // substantial
    type_text(&mut app, "Dossiers are published");
    press(&mut app, Enter);
    let r = app.store.rating(&sid, &ap3.id).unwrap().unwrap();
    assert_eq!(
        (r.level, r.comment.as_str()),
        (IrmLevel::Substantial, "Dossiers are published")
    );

    // Move between tables.
    press(&mut app, KeyCode::Char('i'));
    app.key(
        crossterm::event::KeyEvent::new(Down, crossterm::event::KeyModifiers::ALT),
        Instant::now(),
    );
    let open = app.state.open.as_ref().unwrap();
    assert_eq!(open.current_table().unwrap().name, "Table 2");
    assert_eq!(current_label(&app), "action_point 3");
    press(&mut app, BackTab);
    assert_eq!(
        app.state
            .open
            .as_ref()
            .unwrap()
            .current_table()
            .unwrap()
            .name,
        "Open information"
    );
    assert_eq!(current_label(&app), "policy_question 2");

    // Every note in the database, nothing lost: 6 + 6.
    assert_eq!(app.store.session_summaries().unwrap()[0].notes, 12);
}

#[test]
fn draft_is_saved_within_a_second_and_restored_on_the_item() {
    let mut app = seeded(Lang::Nl);
    let sid = session_id(&app);
    let item = current_item_id(&app);
    let t0 = Instant::now();
    for c in "Half gezegd".chars() {
        app.key(crossterm::event::KeyEvent::from(KeyCode::Char(c)), t0);
    }
    app.handle(Action::Tick, t0 + Duration::from_millis(100));
    assert_eq!(
        app.store.draft(&sid, &item).unwrap(),
        None,
        "not while typing"
    );
    app.handle(Action::Tick, t0 + Duration::from_millis(400));
    assert_eq!(
        app.store.draft(&sid, &item).unwrap().unwrap().text,
        "Half gezegd"
    );

    // Moving on keeps it per item; coming back restores it.
    press(&mut app, Tab);
    type_text(&mut app, "Ander item");
    press(&mut app, BackTab);
    assert_eq!(
        app.state.open.as_ref().unwrap().editor_text(),
        "Half gezegd"
    );
    press(&mut app, Tab);
    assert_eq!(app.state.open.as_ref().unwrap().editor_text(), "Ander item");

    // Saving the note removes the draft.
    press(&mut app, BackTab);
    press(&mut app, Enter);
    assert_eq!(app.store.draft(&sid, &item).unwrap(), None);
    assert_eq!(
        app.store.notes_for_item(&item).unwrap()[0].content.text,
        "Half gezegd"
    );
}

#[test]
fn continuous_typing_still_reaches_a_draft_within_a_second() {
    let mut app = seeded(Lang::En);
    let sid = session_id(&app);
    let item = current_item_id(&app);
    let t0 = Instant::now();
    for i in 0..20u64 {
        let at = t0 + Duration::from_millis(i * 60);
        app.key(crossterm::event::KeyEvent::from(KeyCode::Char('x')), at);
        app.handle(Action::Tick, at);
    }
    let d = app
        .store
        .draft(&sid, &item)
        .unwrap()
        .expect("saved while still typing");
    assert!(d.text.len() >= 15, "{}", d.text);
}

#[test]
fn shutdown_saves_the_draft_and_place_and_resume_returns_there() {
    let mut app = seeded(Lang::En);
    let sid = session_id(&app);
    press(&mut app, Tab); // policy question 2
    type_text(&mut app, "unsaved words");
    app.shutdown();
    let store = app.store;
    let mut app = tafel::app::App::new(store, Lang::En).unwrap();
    press(&mut app, KeyCode::Char('r')); // resume last
    assert_eq!(app.state.screen, Screen::Run);
    assert_eq!(session_id(&app), sid);
    assert_eq!(current_label(&app), "policy_question 2");
    assert_eq!(
        app.state.open.as_ref().unwrap().editor_text(),
        "unsaved words"
    );
}

#[test]
fn quitting_asks_only_when_an_edit_would_be_thrown_away() {
    let mut app = seeded(Lang::En);
    type_text(&mut app, "a note");
    press(&mut app, Enter);
    type_text(&mut app, "typed, not saved");
    ctrl(&mut app, 'q');
    assert!(app.state.quit, "a draft is kept, no question");

    let mut app = seeded(Lang::En);
    type_text(&mut app, "a note");
    press(&mut app, Enter);
    press(&mut app, Esc);
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " changed");
    ctrl(&mut app, 'q');
    assert!(!app.state.quit);
    assert!(app.state.overlay.is_some(), "asks");
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.state.quit);
    ctrl(&mut app, 'q');
    press(&mut app, KeyCode::Char('y'));
    assert!(app.state.quit);
}

#[test]
fn jump_by_number_or_title() {
    let mut app = seeded(Lang::Nl);
    ctrl(&mut app, 'g');
    type_text(&mut app, "11");
    press(&mut app, Enter);
    assert_eq!(current_label(&app), "action_point 11");
    ctrl(&mut app, 'g');
    type_text(&mut app, "monitor");
    press(&mut app, Enter);
    assert_eq!(current_label(&app), "policy_question 2");
}

#[test]
fn failed_save_keeps_the_text_and_says_why() {
    let mut app = seeded(Lang::En);
    type_text(&mut app, "must not be lost");
    // Make every write fail: the database becomes read-only underneath.
    read_only(&app, true);
    press(&mut app, Enter);
    let open = app.state.open.as_ref().unwrap();
    assert_eq!(open.editor_text(), "must not be lost");
    let status = app.state.status.clone().unwrap();
    assert_eq!(status.kind, tafel::app::StatusKind::Error);
    assert!(status.text.starts_with("Not saved"), "{}", status.text);
    read_only(&app, false);
    press(&mut app, Enter);
    let item = current_item_id(&app);
    assert_eq!(
        app.store.notes_for_item(&item).unwrap()[0].content.text,
        "must not be lost"
    );
    assert_eq!(app.state.open.as_ref().unwrap().editor_text(), "");
}

#[test]
fn paste_keeps_everything_including_escapes() {
    let mut app = seeded(Lang::En);
    let hostile = "line one\r\nline \u{1b}[31mtwo\u{7}\n漢字 👍 naïve";
    paste(&mut app, hostile);
    press(&mut app, Enter);
    let item = current_item_id(&app);
    assert_eq!(
        app.store.notes_for_item(&item).unwrap()[0].content.text,
        "line one\nline \u{1b}[31mtwo\u{7}\n漢字 👍 naïve"
    );
}

#[test]
fn quick_start_proposes_tables_by_dimension_and_status() {
    let mut app = app(Lang::Nl);
    let agenda = tafel::agenda::bundled();
    app.store
        .create_session(
            &tafel::domain::NewSession {
                title: "Leeg".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: String::new(),
                facilitator: String::new(),
                language: Lang::Nl,
            },
            &agenda,
        )
        .unwrap();
    app.reload_sessions();
    press(&mut app, Enter);
    assert_eq!(app.state.screen, Screen::Setup);
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('y'));
    let sid = session_id(&app);
    let tables = app.store.tables(&sid).unwrap();
    let names: Vec<(&str, usize)> = tables
        .iter()
        .map(|t| (t.name.as_str(), t.item_ids.len()))
        .collect();
    assert_eq!(
        names,
        [
            ("Open Data", 1),
            ("Open Informatie", 4),
            ("Open Algoritmen", 1),
            ("Actiepunten — doorgezet", 8),
            ("Actiepunten — afgerond", 9)
        ]
    );
    // Taking notes starts at the first table's first item.
    press(&mut app, Enter);
    assert_eq!(app.state.screen, Screen::Run);
    assert_eq!(current_label(&app), "policy_question 1");
    assert_eq!(
        app.state
            .open
            .as_ref()
            .unwrap()
            .current_table()
            .unwrap()
            .name,
        "Open Data"
    );
}

#[test]
fn export_key_writes_the_minutes_and_says_where() {
    let mut app = seeded(Lang::Nl);
    let dir = tempfile::TempDir::new().unwrap();
    app.state.export_dir = Some(dir.path().join("exports"));
    type_text(&mut app, "Een notitie voor de notulen");
    press(&mut app, Enter);
    ctrl(&mut app, 'e');
    let status = app.state.status.clone().unwrap();
    assert!(
        status.text.starts_with("Geëxporteerd naar "),
        "{}",
        status.text
    );
    let path = std::path::PathBuf::from(status.text.trim_start_matches("Geëxporteerd naar "));
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.contains("Een notitie voor de notulen"));
    assert!(md.starts_with("# "), "{md}");
    // A second export never overwrites the first.
    ctrl(&mut app, 'e');
    let second = app.state.status.clone().unwrap().text;
    assert!(second.ends_with("-2.md"), "{second}");
    assert!(path.exists());
}

#[test]
fn a_deleted_table_comes_back_with_undo() {
    let mut app = seeded(Lang::En);
    let sid = session_id(&app);
    type_text(&mut app, "said at the first table");
    press(&mut app, Enter);
    press(&mut app, Esc);
    press(&mut app, KeyCode::Char('s')); // set-up
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.store.tables(&sid).unwrap().len(), 1);
    press(&mut app, KeyCode::Char('u'));
    let tables = app.store.tables(&sid).unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].name, "Open informatie", "back in its place");
    assert_eq!(app.store.session_summaries().unwrap()[0].notes, 1);
}

#[test]
fn the_notes_list_changes_kind_group_tags_and_participant_of_a_saved_note() {
    let mut app = seeded(Lang::En);
    type_text(&mut app, "first");
    press(&mut app, Enter);
    press(&mut app, Esc);
    press(&mut app, KeyCode::Char('4')); // concern
    press(&mut app, KeyCode::Char('g')); // government
    press(&mut app, KeyCode::Char('g')); // civil society
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, Enter);
    let item = current_item_id(&app);
    let n = &app.store.notes_for_item(&item).unwrap()[0];
    assert_eq!(n.content.kind, NoteKind::Concern);
    assert_eq!(
        n.content.group,
        Some(StakeholderGroup::MaatschappelijkeOrganisatie)
    );
    assert_eq!(n.content.tags, ["open-aanpak"]);
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, Down); // Sanne Bakker
    press(&mut app, Enter);
    let n = &app.store.notes_for_item(&item).unwrap()[0];
    assert!(n.content.participant_id.is_some());
    assert_eq!(n.content.text, "first", "text untouched");
    let open = app.state.open.as_ref().unwrap();
    assert_eq!(
        (
            open.editor.meta.kind,
            open.editor.meta.group,
            open.editor.meta.tags.len()
        ),
        (NoteKind::Observation, None, 0),
        "the next note's settings are untouched"
    );
}

#[test]
fn a_session_is_edited_from_the_list_and_pages_of_notes_scroll() {
    let mut app = seeded(Lang::En);
    let sid = session_id(&app);
    for i in 0..25 {
        type_text(&mut app, &format!("note {i}"));
        press(&mut app, Enter);
    }
    press(&mut app, Esc);
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.state.open.as_ref().unwrap().note_sel, 4);
    assert!(render(&app, 80, 24).contains("▶ #5 Observation"));
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.state.open.as_ref().unwrap().note_sel, 14);

    press(&mut app, KeyCode::Char('s')); // set-up
    press(&mut app, Esc); // sessions
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "MSF autumn 2025");
    press(&mut app, Tab);
    press(&mut app, Tab);
    type_text(&mut app, " Centraal");
    press(&mut app, Enter);
    assert!(app.state.overlay.is_none());
    let s = app.store.session(&sid).unwrap();
    assert_eq!(
        (s.title.as_str(), s.location.as_str()),
        ("MSF autumn 2025", "Den Haag Centraal")
    );
    assert_eq!(s.date.to_string(), "2025-11-20", "untouched");
    assert!(render(&app, 80, 24).contains("MSF autumn 2025"));
}

#[test]
fn a_table_timer_survives_a_restart() {
    let mut app = seeded(Lang::En);
    let sid = session_id(&app);
    let t0 = Instant::now();
    app.handle(Action::TimerToggle, t0 - Duration::from_secs(90)); // started 90 s ago
    app.handle(Action::TimerToggle, t0); // paused: 90 s ran
    app.handle(Action::TimerToggle, t0); // running again
    let table = app
        .state
        .open
        .as_ref()
        .unwrap()
        .current_table()
        .unwrap()
        .id
        .clone();
    let stored = app.store.timers(&sid).unwrap();
    let mine = stored.iter().find(|t| t.table_id == table).unwrap();
    assert_eq!(mine.elapsed_ms, 90_000);
    assert!(mine.started_at.is_some(), "running");
    app.shutdown();

    let mut app = tafel::app::App::new(app.store, Lang::En).unwrap();
    press(&mut app, KeyCode::Char('r'));
    let timer = app.state.open.as_ref().unwrap().timer();
    assert!(timer.running(), "still running after the restart");
    let elapsed = timer.elapsed_at(Instant::now());
    assert!(
        elapsed >= Duration::from_secs(90) && elapsed < Duration::from_secs(100),
        "{elapsed:?}"
    );
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("18:30") || screen.contains("18:29"),
        "20-minute box, 1:30 gone: {screen}"
    );

    ctrl(&mut app, 't'); // pause
    app.key(
        crossterm::event::KeyEvent::new(KeyCode::Char('r'), crossterm::event::KeyModifiers::ALT),
        Instant::now(),
    );
    let stored = app.store.timers(&sid).unwrap();
    let mine = stored.iter().find(|t| t.table_id == table).unwrap();
    assert_eq!(
        (mine.elapsed_ms, mine.started_at),
        (0, None),
        "reset is stored too"
    );
}

#[test]
fn editing_another_note_never_throws_away_an_unsaved_edit() {
    let mut app = seeded(Lang::En);
    for t in ["one", "two"] {
        type_text(&mut app, t);
        press(&mut app, Enter);
    }
    press(&mut app, Esc);
    press(&mut app, KeyCode::Char('e')); // edit "two"
    type_text(&mut app, " changed");
    press(&mut app, Esc); // to the list, the edit still unsaved
    press(&mut app, Up);
    press(&mut app, KeyCode::Char('e')); // try to edit "one"
    let open = app.state.open.as_ref().unwrap();
    assert_eq!(open.editor_text(), "two changed", "the unsaved edit stays");
    assert_eq!(open.editor.editing.as_ref().unwrap().content.text, "two");
    assert!(app.state.status.is_some(), "says why");
}
