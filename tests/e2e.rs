//! End-to-end: the real `tafel` binary in a pseudo-terminal, its screen
//! parsed by vt100, the database checked afterwards.

mod common;

use common::pty::*;
use std::time::Duration;
use tafel::store::Store;
use tempfile::TempDir;

#[test]
fn typed_notes_are_in_the_database_after_quitting() {
    let dir = TempDir::new().unwrap();
    let (db, sid) = new_session(&dir);
    let mut tui = Tui::start(&db);
    open_and_run(&mut tui);
    tui.type_slowly("Eerste punt: meer open data");
    tui.send(ENTER);
    tui.wait_for("Saved #1");
    tui.send("\x1b2"); // Alt+2: idea
    tui.type_slowly("Idee met één accent");
    tui.send(ENTER);
    tui.wait_for("Saved #2");
    tui.send(TAB);
    tui.wait_for("Action point 2 — Openbaarheidscentrum Amsterdam");
    // The kind chosen for the idea does not carry over to the next item.
    tui.type_slowly("Op het tweede punt");
    tui.send(ENTER);
    tui.wait_for("Saved #3");
    // Inline capture: the kind word is read and left out of the text.
    tui.type_slowly("Vraag: wie betaalt?");
    tui.wait_for("New note · Question");
    tui.send(ENTER);
    tui.wait_for("Saved #4");
    tui.send("\x11"); // Ctrl+Q
    assert!(tui.wait_exit(), "clean exit");

    let store = Store::open(&db).unwrap();
    let mut notes = Vec::new();
    store
        .for_each_note(&sid, |n| {
            notes.push((n.content.kind.key().to_string(), n.content.text));
            Ok(())
        })
        .unwrap();
    assert_eq!(
        notes,
        [
            (
                "observation".to_string(),
                "Eerste punt: meer open data".to_string()
            ),
            ("idea".to_string(), "Idee met één accent".to_string()),
            ("observation".to_string(), "Op het tweede punt".to_string()),
            ("question".to_string(), "wie betaalt?".to_string()),
        ]
    );
}

#[test]
fn a_killed_process_loses_no_typed_text() {
    let dir = TempDir::new().unwrap();
    let (db, sid) = new_session(&dir);
    let mut tui = Tui::start(&db);
    open_and_run(&mut tui);
    tui.type_slowly("saved note");
    tui.send(ENTER);
    tui.wait_for("Saved #1");
    tui.type_slowly("half a sentence, then the battery dies");
    std::thread::sleep(Duration::from_millis(1200));
    tui.sigkill();

    {
        let store = Store::open(&dir.path().join("e2e.db")).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let items = store.items(&sid).unwrap();
        let draft = store
            .draft(&sid, &items[0].id)
            .unwrap()
            .expect("draft survived SIGKILL");
        assert_eq!(draft.content.text, "half a sentence, then the battery dies");
        assert_eq!(store.notes_for_item(&items[0].id).unwrap().len(), 1);
    }

    let mut tui = Tui::start(&db);
    tui.wait_for("E2E meeting");
    tui.send("r"); // resume
    tui.wait_for("half a sentence, then the battery dies");
    tui.send(ENTER);
    tui.wait_for("Saved #2");
    tui.send("\x11");
    assert!(tui.wait_exit());
}

#[test]
fn pasted_escape_sequences_do_not_break_the_screen() {
    let dir = TempDir::new().unwrap();
    let (db, sid) = new_session(&dir);
    let mut tui = Tui::start(&db);
    open_and_run(&mut tui);
    let hostile = "before \x1b[2J\x1b[H\x1b]0;owned\x07\x1b[31mRED after";
    tui.send(&format!("\x1b[200~{hostile}\x1b[201~"));
    tui.send(ENTER);
    tui.wait_for("Saved #1");
    let screen = tui.contents();
    // The frame is intact: the agenda, the item and the footer are still there
    // and the clear-screen in the note did not wipe them.
    assert!(screen.contains("Agenda"), "{screen}");
    assert!(
        screen.contains("Action point 1 — Grip op eigen gegevens"),
        "{screen}"
    );
    assert!(
        screen.contains("before ␛[2J␛[H␛]0;owned␇␛[31mRED after"),
        "{screen}"
    );
    tui.send("\x11");
    assert!(tui.wait_exit());
    let store = Store::open(&db).unwrap();
    let items = store.items(&sid).unwrap();
    assert_eq!(
        store.notes_for_item(&items[0].id).unwrap()[0].content.text,
        hostile,
        "stored exactly"
    );
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_restores_the_terminal_and_says_where_the_report_is() {
    let dir = TempDir::new().unwrap();
    let (db, _) = new_session(&dir);
    let mut tui = Tui::start_with(&db, &[("TAFEL_DEBUG_PANIC", "1")]);
    let _ = tui.wait_exit();
    tui.wait_for("Report:");
    let screen = tui.screen.lock().unwrap();
    assert!(
        !screen.screen().alternate_screen(),
        "back on the normal screen"
    );
    let text = screen.screen().contents();
    assert!(
        text.contains("your saved notes and drafts are safe"),
        "{text}"
    );
    assert!(
        !text.contains("stack backtrace"),
        "no backtrace on the screen: {text}"
    );
    let reports: Vec<_> = std::fs::read_dir(dir.path().join("logs"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("panic-"))
        .collect();
    assert_eq!(reports.len(), 1);
    let report = std::fs::read_to_string(reports[0].path()).unwrap();
    assert!(report.contains("TAFEL_DEBUG_PANIC is set"), "{report}");
    let shown = reports[0].path().display().to_string();
    assert!(
        text.replace('\n', "").contains(&shown),
        "the path is printed: {text}"
    );
}
