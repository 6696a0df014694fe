//! An item with a thousand notes, through the real key map: the run screen
//! holds only the notes around what it shows, and every key that moves,
//! deletes, restores or adds a note still shows and acts on the right one.

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode::{Delete, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};
use tafel::domain::{Lang, NoteContent, NoteInput, new_id};

const NOTES: usize = 1000;

fn text(i: usize) -> String {
    format!("Opmerking {:04}", i + 1)
}

/// The driver's session with 1,000 notes on its first item, reopened
/// where it was left (the newest notes shown).
fn long_item() -> Driver {
    let mut d = Driver::with_session_and_tables(Lang::Nl);
    let (session, item) = (d.session_id(), d.current_item_id());
    let notes = (0..NOTES).map(|i| {
        let input = NoteInput {
            item_id: item.clone(),
            content: NoteContent {
                text: text(i),
                ..Default::default()
            },
            ..Default::default()
        };
        (new_id(), input, chrono::Utc::now())
    });
    d.store_mut().insert_notes_bulk(&session, notes).unwrap();
    let mut d = d.restart();
    d.resume();
    d
}

/// The window stays small, and the selected note is the one at its
/// position, loaded and on the screen.
#[track_caller]
fn shows_selected(d: &Driver, at: usize) {
    assert_eq!(d.selected_note(), at);
    assert_eq!(d.selected_text().as_deref(), Some(text(at).as_str()));
    assert!(
        d.note_window().loaded().len() <= 3 * 128,
        "{}",
        d.note_window().loaded().len()
    );
    assert!(d.screen(100, 30).contains(&text(at)), "{at} not on screen");
}

#[test]
fn an_opened_item_reads_only_its_newest_notes() {
    let d = long_item();
    assert_eq!(d.note_window().len(), NOTES);
    assert_eq!(d.note_window().loaded().len(), 128);
    let screen = d.screen(100, 30);
    assert!(screen.contains(&format!("({NOTES})")), "{screen}");
    assert!(screen.contains(&text(NOTES - 1)), "{screen}");
    assert!(!screen.contains(&text(0)));
}

#[test]
fn moving_through_the_list_reads_pages_as_needed() {
    let mut d = long_item();
    d.press(Esc);
    shows_selected(&d, NOTES - 1);
    d.press(Home);
    shows_selected(&d, 0);
    // Down through the first notes one at a time, then by tens to the end.
    for i in 1..=300 {
        d.press(Down);
        shows_selected(&d, i);
    }
    let mut at = 300;
    while at < NOTES - 1 {
        d.press(PageDown);
        at = (at + 10).min(NOTES - 1);
        shows_selected(&d, at);
    }
    // And back up by tens past where the list started, then one by one.
    for _ in 0..80 {
        d.press(PageUp);
        at -= 10;
        shows_selected(&d, at);
    }
    while at > 0 {
        d.press(Up);
        at -= 1;
        shows_selected(&d, at);
    }
    d.press(End);
    shows_selected(&d, NOTES - 1);
}

#[test]
fn a_note_deleted_far_up_comes_back_in_its_place() {
    let mut d = long_item();
    d.press(Esc).press(Home).press_times(Down, 150);
    shows_selected(&d, 150);
    d.press(Delete);
    assert_eq!(d.note_window().len(), NOTES - 1);
    assert_eq!(d.selected_text(), Some(text(151)));
    d.press(End);
    assert_eq!(d.selected_text(), Some(text(NOTES - 1)));
    // Ctrl+Z far from it: its page is read again and it is selected.
    d.ctrl('z');
    assert_eq!(d.note_window().len(), NOTES);
    shows_selected(&d, 150);
    assert!(d.stored_notes().iter().all(|n| n.deleted_at.is_none()));
}

#[test]
fn a_note_saved_while_the_list_shows_its_top_appears_at_the_bottom() {
    let mut d = long_item();
    d.press(Esc).press(Home);
    shows_selected(&d, 0);
    d.press(Esc).type_text("Nieuw aan het eind").press(Enter);
    assert_eq!(d.note_window().len(), NOTES + 1);
    let screen = d.screen(100, 30);
    assert!(screen.contains("Nieuw aan het eind"), "{screen}");
    assert!(screen.contains(&text(NOTES - 1)), "{screen}");
    d.press(Esc);
    assert_eq!(d.selected_note(), NOTES);
    assert_eq!(d.selected_text().as_deref(), Some("Nieuw aan het eind"));
}

#[test]
fn a_search_hit_far_up_the_item_is_read_and_selected() {
    let mut d = long_item();
    let item = d.current_item_id();
    // From this item: its page is read, the note selected.
    d.ctrl('f').type_text("0042").press(Enter);
    assert_eq!(d.search_hits().unwrap().len(), 1);
    d.press(Enter);
    shows_selected(&d, 41);
    // From another item: the move reads the page around it.
    d.press(Esc).press(Tab);
    assert_ne!(d.current_item_id(), item);
    d.ctrl('f').type_text("0500").press(Enter);
    d.press(Enter);
    assert_eq!(d.current_item_id(), item);
    shows_selected(&d, 499);
}

/// Every write waits for the check for damage, which takes a while on a
/// large file: the place reached waits for it instead of the screen.
#[test]
fn while_the_check_runs_the_place_is_saved_after_it() {
    let mut d = Driver::with_session_and_tables(Lang::Nl);
    let session = d.session_id();
    let first = d.current_item_id();
    let stored = |d: &Driver| d.store().place(&session).unwrap().unwrap().item_id;
    assert_eq!(stored(&d), Some(first.clone()));
    d.checking().press(Tab);
    let second = d.current_item_id();
    assert_ne!(second, first);
    assert_eq!(stored(&d), Some(first), "saved while the check ran");
    d.tick();
    assert_eq!(stored(&d), Some(second.clone()));
    // Without a check running, the place is saved with the move.
    d.press(Tab);
    assert_eq!(stored(&d), Some(d.current_item_id()));
}
