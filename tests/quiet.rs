//! Privacy and quiet failure: private folders, a status bar that says when
//! text is stored again, and no command acting unseen while the terminal is
//! too small to show it.

mod common;

use common::app::*;
use crossterm::event::KeyCode::{Enter, Esc, Tab};
use std::time::{Duration, Instant};
use tafel::app::{Action, App, Focus, StatusKind};
use tafel::domain::Lang;
use tafel::store::Store;
use tempfile::TempDir;

fn on_disk(dir: &TempDir) -> App {
    seeded_with(Store::open(&dir.path().join("t.db")).unwrap(), Lang::En)
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn exports_and_backups_folders_are_private_even_when_they_existed() {
    let dir = TempDir::new().unwrap();
    let exports = dir.path().join("exports");
    // Made by an older tafel, readable by everyone.
    std::fs::create_dir(&exports).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&exports, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut app = on_disk(&dir);
    app.state.export_dir = Some(exports.clone());
    ctrl(&mut app, 'e');
    press(&mut app, crossterm::event::KeyCode::Enter); // Markdown
    let status = app.state.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Info, "{}", status.text);
    assert_eq!(mode(&exports), 0o700);
    let fresh = dir.path().join("new").join("exports");
    app.state.export_dir = Some(fresh.clone());
    ctrl(&mut app, 'e');
    press(&mut app, crossterm::event::KeyCode::Enter); // Markdown
    assert_eq!(mode(&fresh), 0o700);
    tafel::store::backup::take(&app.store).unwrap();
    assert_eq!(mode(&dir.path().join("backups")), 0o700);
}

#[test]
fn the_not_saved_message_goes_once_the_text_is_stored() {
    let dir = TempDir::new().unwrap();
    let mut app = on_disk(&dir);
    read_only(&app, true);
    let t0 = Instant::now();
    type_text(&mut app, "typed during an outage");
    app.handle(Action::Tick, t0 + Duration::from_secs(2));
    let st = app.state.status.clone().expect("a message");
    assert_eq!(st.kind, StatusKind::Error);
    assert!(st.text.starts_with("Not saved"), "{}", st.text);
    // Still failing: the message stays.
    app.handle(Action::Tick, t0 + Duration::from_secs(3));
    assert!(app.state.status.is_some());
    read_only(&app, false);
    app.handle(Action::Tick, t0 + Duration::from_secs(4));
    assert_eq!(
        app.state.status, None,
        "the draft is stored: no more warning"
    );
    let (sid, item) = (session_id(&app), current_item_id(&app));
    assert_eq!(
        app.store.draft(&sid, &item).unwrap().unwrap().content.text,
        "typed during an outage"
    );
}

#[test]
fn another_message_is_not_cleared_by_a_stored_draft() {
    let dir = TempDir::new().unwrap();
    let mut app = on_disk(&dir);
    read_only(&app, true);
    let t0 = Instant::now();
    type_text(&mut app, "x");
    app.handle(Action::Tick, t0 + Duration::from_secs(2));
    read_only(&app, false);
    app.state.info("something else");
    app.handle(Action::Tick, t0 + Duration::from_secs(4));
    assert_eq!(app.state.status.unwrap().text, "something else");
}

#[test]
fn while_too_small_typing_is_kept_and_nothing_else_acts() {
    let dir = TempDir::new().unwrap();
    let mut app = on_disk(&dir);
    let (sid, item) = (session_id(&app), current_item_id(&app));
    app.handle(Action::Resize(60, 20), Instant::now());
    assert!(app.state.too_small());
    type_text(&mut app, "typed blind");
    press(&mut app, Enter); // would save the note
    press(&mut app, Tab); // would move on
    alt(&mut app, '2'); // would change the kind
    press(&mut app, Esc); // would focus the notes
    let open = app.state.open.as_ref().unwrap();
    assert_eq!(
        open.editor_text(),
        "typed blind",
        "the text is in the editor"
    );
    assert_eq!(current_item_id(&app), item, "did not move");
    assert_eq!(open.focus, Focus::Editor);
    assert_eq!(open.editor.meta.kind, tafel::domain::NoteKind::Observation);
    assert!(
        app.store.notes_for_item(&item).unwrap().is_empty(),
        "not saved"
    );
    // The draft is still stored.
    app.handle(Action::Tick, Instant::now() + Duration::from_secs(2));
    assert_eq!(
        app.store.draft(&sid, &item).unwrap().unwrap().content.text,
        "typed blind"
    );
    // Big enough again: keys act.
    app.handle(Action::Resize(100, 30), Instant::now());
    press(&mut app, Enter);
    let notes = app.store.notes_for_item(&item).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].content.text, "typed blind");
}

#[test]
fn while_too_small_quitting_still_works_and_stores_the_draft() {
    let dir = TempDir::new().unwrap();
    let mut app = on_disk(&dir);
    let (sid, item) = (session_id(&app), current_item_id(&app));
    app.handle(Action::Resize(79, 24), Instant::now());
    type_text(&mut app, "last words");
    ctrl(&mut app, 'q');
    assert!(app.state.quit);
    assert_eq!(
        app.store.draft(&sid, &item).unwrap().unwrap().content.text,
        "last words"
    );
}

#[test]
fn on_the_sessions_screen_too_small_keys_do_nothing() {
    let mut app = common::app::app(Lang::En);
    app.handle(Action::Resize(40, 10), Instant::now());
    press(&mut app, crossterm::event::KeyCode::Char('n')); // new session form
    assert!(app.state.overlay.is_none());
    press(&mut app, crossterm::event::KeyCode::Char('q'));
    assert!(app.state.quit);
}
