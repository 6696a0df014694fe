//! Drafts belong to a window: two editors on one item never delete each
//! other's text, the text of a window that is gone comes back (once, to one
//! window), and a schema 3 database keeps its drafts when upgraded.

mod common;

use common::app::*;
use crossterm::event::KeyCode::{BackTab, Enter, Tab};
use std::path::Path;
use std::time::{Duration, Instant};
use tafel::app::{Action, App};
use tafel::domain::Lang;
use tafel::store::Store;
use tempfile::TempDir;

/// A second window on the database, on the same place as the first.
fn second_window(db: &Path) -> App {
    let mut app = App::new(Store::open(db).unwrap(), Lang::En).unwrap();
    app.handle(Action::OpenSession, Instant::now());
    app
}

/// Types `text` and lets the draft be stored.
fn type_and_keep(app: &mut App, text: &str) {
    let t0 = Instant::now();
    type_text(app, text);
    app.handle(Action::Tick, t0 + Duration::from_secs(2));
}

fn editor(app: &App) -> String {
    app.state.open.as_ref().unwrap().editor_text()
}

/// Goes to the next item and back: the item is opened again.
fn reopen(app: &mut App) {
    press(app, Tab);
    press(app, BackTab);
}

fn drafts(app: &App) -> Vec<String> {
    let mut texts: Vec<String> = app
        .store
        .drafts(&session_id(app))
        .unwrap()
        .into_iter()
        .map(|d| d.content.text)
        .collect();
    texts.sort();
    texts
}

#[test]
fn saving_in_one_window_keeps_the_other_windows_text_even_after_a_kill() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut a = seeded_with(Store::open(&db).unwrap(), Lang::En);
    let mut b = second_window(&db);
    let item = current_item_id(&a);
    assert_eq!(current_item_id(&b), item, "both on the same item");
    assert_ne!(a.store.window_id(), b.store.window_id());
    type_and_keep(&mut a, "from A");
    type_and_keep(&mut b, "from B");
    assert_eq!(drafts(&a), ["from A", "from B"]);
    press(&mut a, Enter);
    assert_eq!(
        a.store.notes_for_item(&item).unwrap()[0].content.text,
        "from A"
    );
    assert_eq!(drafts(&a), ["from B"], "A's save removed A's draft only");
    // B is killed: no shutdown, its lock goes with it.
    drop(b);
    reopen(&mut a);
    assert_eq!(editor(&a), "from B", "taken over by A");
    let status = a.state.status.clone().unwrap();
    assert!(status.text.contains("closed window"), "{}", status.text);
    press(&mut a, Enter);
    let texts: Vec<String> = a
        .store
        .notes_for_item(&item)
        .unwrap()
        .into_iter()
        .map(|n| n.content.text)
        .collect();
    assert_eq!(texts, ["from A", "from B"]);
    assert!(drafts(&a).is_empty());
}

#[test]
fn a_running_windows_text_is_not_taken() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut a = seeded_with(Store::open(&db).unwrap(), Lang::En);
    let mut b = second_window(&db);
    type_and_keep(&mut b, "still being typed in B");
    reopen(&mut a);
    assert_eq!(editor(&a), "");
    let c = second_window(&db);
    assert_eq!(editor(&c), "");
    assert_eq!(drafts(&a), ["still being typed in B"]);
    drop(c);
    // B goes on and saves it.
    press(&mut b, Enter);
    assert!(drafts(&a).is_empty());
}

#[test]
fn a_gone_windows_text_is_shown_once_to_one_window() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut a = seeded_with(Store::open(&db).unwrap(), Lang::En);
    let mut b = second_window(&db);
    type_and_keep(&mut b, "left behind");
    drop(b);
    let c = second_window(&db);
    assert_eq!(editor(&c), "left behind", "the new window takes it over");
    reopen(&mut a);
    assert_eq!(editor(&a), "", "not shown twice");
    assert_eq!(drafts(&a), ["left behind"], "kept, as C's");
}

#[test]
fn own_text_and_a_gone_windows_text_are_joined_not_replaced() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut a = seeded_with(Store::open(&db).unwrap(), Lang::En);
    let mut b = second_window(&db);
    type_and_keep(&mut a, "mine");
    type_and_keep(&mut b, "theirs");
    drop(b);
    reopen(&mut a);
    assert_eq!(editor(&a), "mine\n\ntheirs");
    assert_eq!(drafts(&a), ["mine\n\ntheirs"], "one draft, A's");
}

#[test]
fn on_opening_a_session_it_says_where_text_of_a_gone_window_waits() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let a = seeded_with(Store::open(&db).unwrap(), Lang::En);
    let mut b = second_window(&db);
    press(&mut b, Tab);
    type_and_keep(&mut b, "on the second item");
    let second = current_item_id(&b);
    // B quits normally (its place is saved on the second item); A is closed.
    b.shutdown();
    drop(b);
    drop(a);
    let mut c = App::new(Store::open(&db).unwrap(), Lang::En).unwrap();
    // Open on the first item: the draft waits on the second.
    c.store
        .save_place(
            &c.state.sessions[0].session.id,
            &tafel::store::Place::default(),
        )
        .unwrap();
    c.handle(Action::OpenSession, Instant::now());
    assert_ne!(current_item_id(&c), second);
    let status = c.state.status.clone().unwrap();
    assert!(status.text.contains("waits at"), "{}", status.text);
    press(&mut c, Tab);
    assert_eq!(current_item_id(&c), second);
    assert_eq!(editor(&c), "on the second item");
}

#[test]
fn a_schema_3_database_is_upgraded_in_place_after_a_backup_and_keeps_its_drafts() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("v3.db");
    // Written with version 3's SQL, not today's code: a session with one
    // table holding its first item, and a draft there.
    let sid = common::old_db::with_session(&db, 3, 5);
    let item = {
        let c = rusqlite::Connection::open(&db).unwrap();
        let item: String = c
            .query_row(
                "SELECT id FROM item WHERE session_id = ?1 ORDER BY position LIMIT 1",
                [&sid],
                |r| r.get(0),
            )
            .unwrap();
        c.execute(
            "INSERT INTO thematic_table (id, session_id, name, position, created_at, updated_at)
             VALUES ('t1', ?1, 'Tafel', 0, '2025-11-20T10:00:00.000Z', '2025-11-20T10:00:00.000Z')",
            [&sid],
        )
        .unwrap();
        c.execute(
            "INSERT INTO table_item (table_id, item_id, position) VALUES ('t1', ?1, 0)",
            [&item],
        )
        .unwrap();
        c.execute(
            "INSERT INTO draft (session_id, item_id, text, updated_at) VALUES (?1, ?2, 'half a thought', '2025-11-20T10:00:00.000Z')",
            [&sid, &item],
        )
        .unwrap();
        item
    };
    let s = Store::open(&db).unwrap();
    assert_eq!(s.schema_version().unwrap(), tafel::store::SCHEMA_VERSION);
    assert_eq!(
        s.draft(&sid, &item).unwrap().unwrap().content.text,
        "half a thought"
    );
    let backups = tafel::store::backup::list(&db).unwrap();
    assert_eq!(backups.len(), 1, "a backup of the version 3 file first");
    let old: i64 = rusqlite::Connection::open(&backups[0].path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old, 3);
    // Its draft belongs to no running window: the first to open it gets it.
    let mut app = App::new(s, Lang::En).unwrap();
    app.handle(Action::OpenSession, Instant::now());
    assert_eq!(current_item_id(&app), item);
    assert_eq!(editor(&app), "half a thought");
}

#[test]
fn two_processes_on_one_item_lose_nothing_when_one_is_killed() {
    use common::pty::*;
    let dir = TempDir::new().unwrap();
    let (db, sid) = new_session(&dir);
    let mut a = Tui::start(&db);
    open_and_run(&mut a);
    let mut b = Tui::start(&db);
    b.wait_for("E2E meeting");
    b.send(ENTER);
    b.wait_for("Action point 1 — Grip op eigen gegevens");
    a.type_slowly("words of window A");
    b.type_slowly("words of window B");
    wait_until(|| {
        let texts = draft_texts(&db, &sid);
        texts.contains(&"words of window A".to_string())
            && texts.contains(&"words of window B".to_string())
    });
    a.send(ENTER);
    a.wait_for("Saved #1");
    assert_eq!(draft_texts(&db, &sid), ["words of window B"]);
    b.sigkill();
    a.send(TAB);
    a.wait_for("Action point 2");
    a.send("\x1b[Z"); // Shift+Tab: back to the first item
    a.wait_for("words of window B");
    a.wait_for("closed window");
    a.send(ENTER);
    a.wait_for("Saved #2");
    a.send("\x11");
    assert!(a.wait_exit());
    let store = Store::open(&db).unwrap();
    let item = store.items(&sid).unwrap()[0].id.clone();
    let notes: Vec<String> = store
        .notes_for_item(&item)
        .unwrap()
        .into_iter()
        .map(|n| n.content.text)
        .collect();
    assert_eq!(notes, ["words of window A", "words of window B"]);
    assert!(store.drafts(&sid).unwrap().is_empty());
}

/// The drafts of a session, read without changing anything.
fn draft_texts(db: &Path, sid: &str) -> Vec<String> {
    let store = Store::open_read_only(db).unwrap();
    let mut texts: Vec<String> = store
        .drafts(sid)
        .unwrap()
        .into_iter()
        .map(|d| d.content.text)
        .collect();
    texts.sort();
    texts
}

/// Waits (up to 15 s) until `done`; a test of what happens, not of how fast.
fn wait_until(done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the condition was not met");
}
