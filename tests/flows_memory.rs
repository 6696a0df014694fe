//! The MSF's memory through the real keys: a follow-up meeting made from
//! the list of sessions carries the open actions; an action's status and a
//! reasoned response are set in the notes list; the item's past shows in
//! one line and Alt+H opens it; Ctrl+F searches every session.

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode;
use tafel::domain::memory::SearchFilter;
use tafel::domain::{ActionState, Lang, ResponseStatus};

/// A first meeting with an action and an idea on AP 3, then a follow-up
/// made with `c` on the list of sessions, open at AP 3.
fn follow_up() -> (Driver, String) {
    let mut d = Driver::with_session_and_tables(Lang::En);
    d.type_note("@sanne Action: 2026-01-15 ask the VNG to join")
        .save();
    d.type_note("Idea: one portal for all Woo requests").save();
    let first = d.session_id();
    d.setup().back_to_sessions();
    d.press(KeyCode::Char('c'));
    d.fill("MSF follow-up").confirm();
    assert_ne!(d.session_id(), first, "a new session is open");
    d.setup().start();
    d.go_to("AP 3");
    (d, first)
}

#[test]
fn a_follow_up_carries_the_open_action_and_shows_the_items_past() {
    let (d, first) = follow_up();
    let store = d.store();
    let sid = d.session_id();
    assert_eq!(
        store.follows(&sid).unwrap().as_deref(),
        Some(first.as_str())
    );
    assert_eq!(
        store.tables(&sid).unwrap().len(),
        2,
        "the tables came along"
    );
    let m = d.memory();
    assert_eq!(m.carried.len(), 1);
    assert_eq!(m.carried[0].note.content.text, "ask the VNG to join");
    assert_eq!(m.history.notes, 2);
    let screen = d.screen(120, 40);
    assert!(
        screen.contains(
            "Open action from 2025-11-20: ask the VNG to join — Sanne Bakker, 2026-01-15, open"
        ),
        "{screen}"
    );
    assert!(screen.contains("Before: 1 sessions, 2 notes"), "{screen}");
}

#[test]
fn alt_h_shows_what_was_said_before_read_only() {
    let (mut d, _) = follow_up();
    let before = d.stored_notes().len();
    d.alt('h');
    let screen = d.screen(120, 40);
    assert!(
        screen.contains("Said before about this item (read-only)"),
        "{screen}"
    );
    assert!(
        screen.contains("one portal for all Woo requests"),
        "{screen}"
    );
    d.type_text("x");
    d.press(KeyCode::Esc);
    assert!(!d.overlay_open());
    assert_eq!(d.stored_notes().len(), before, "reading changes nothing");
}

#[test]
fn alt_s_steps_an_actions_status_and_alt_a_records_a_response() {
    let mut d = Driver::with_session_and_tables(Lang::Nl);
    d.type_note("Actie: 2026-02-01 @sanne regel het").save();
    d.type_note("Idee: een portaal").save();
    let notes = d.stored_notes();
    let (action, idea) = (notes[0].id.clone(), notes[1].id.clone());
    d.notes().select(0);
    d.alt('s');
    assert_eq!(
        d.store().action_state(&action).unwrap(),
        ActionState::InProgress
    );
    d.alt('s');
    assert_eq!(d.store().action_state(&action).unwrap(), ActionState::Done);
    assert!(d.screen(120, 30).contains("afgerond"), "the list shows it");
    // Only an action has a status.
    d.notes().select(1);
    d.alt('s');
    assert!(d.status().unwrap().contains("Alleen een actie"));

    d.alt('a');
    d.fill("zzz")
        .next_field()
        .fill("Past in het plan")
        .confirm();
    assert!(d.overlay_open(), "an unknown status is refused in the form");
    assert!(d.store().latest_response(&idea).unwrap().is_none());
    d.fill("deels")
        .next_field()
        .next_field()
        .fill("BZK")
        .confirm();
    let r = d.store().latest_response(&idea).unwrap().expect("stored");
    assert_eq!(r.status, ResponseStatus::PartlyAdopted);
    assert_eq!(
        (r.reason.as_str(), r.by.as_str()),
        ("Past in het plan", "BZK")
    );
    assert!(d.screen(140, 30).contains("reactie: deels overgenomen"));
    // An action takes no response.
    d.notes().select(0);
    d.alt('a');
    assert!(!d.overlay_open());
}

#[test]
fn ctrl_f_searches_every_session_and_jumps_to_a_hit() {
    let (mut d, _) = follow_up();
    d.go_to("BV 2");
    d.type_note("The Woo portal again, now with a date").save();
    d.ctrl('f');
    d.type_text("woo*").press(KeyCode::Enter);
    let hits = d.search_hits().unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(
        d.store()
            .search("woo*", &SearchFilter::default())
            .unwrap()
            .len(),
        2
    );
    // The hit in this meeting: Enter goes there, the note selected.
    let here = hits.iter().position(|(t, _)| t == "MSF follow-up").unwrap();
    d.press_times(KeyCode::Down, here).press(KeyCode::Enter);
    assert!(!d.overlay_open());
    assert_eq!(d.current_label(), "policy_question 2");
    // The other meeting's hit opens read-only.
    d.ctrl('f');
    d.type_text("portal").press(KeyCode::Enter);
    let hits = d.search_hits().unwrap();
    let other = hits.iter().position(|(t, _)| t != "MSF follow-up").unwrap();
    d.press_times(KeyCode::Down, other).press(KeyCode::Enter);
    let screen = d.screen(120, 40);
    assert!(
        screen.contains("read-only") && screen.contains("one portal for all Woo requests"),
        "{screen}"
    );
    d.press(KeyCode::Esc);
    // A malformed query is explained, not a crash.
    d.ctrl('f');
    d.type_text("\"unbalanced").press(KeyCode::Enter);
    assert_eq!(d.search_hits().unwrap().len(), 0);
    let screen = d.screen(120, 40);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("unbalanced") || l.contains("quote")),
        "{screen}"
    );
}

#[test]
fn the_minutes_show_an_action_points_irm_ratings_over_time() {
    let mut store = tafel::store::Store::open_in_memory().unwrap();
    let sessions = tafel::demo::create_series(&mut store, 2, 40, 1, Lang::En).unwrap();
    let last = sessions.last().unwrap();
    let mut md = Vec::new();
    tafel::export::write_markdown(&store, last, Lang::En, false, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    let trails: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("**IRM over time:**"))
        .collect();
    assert!(!trails.is_empty(), "every rated action point has its trail");
    assert!(
        trails
            .iter()
            .all(|l| l.contains(" → ") && l.contains("2025")),
        "{trails:?}"
    );
    // The first meeting has no earlier rating: no trail there.
    let mut first = Vec::new();
    tafel::export::write_markdown(&store, &sessions[0], Lang::En, false, &mut first).unwrap();
    assert!(!String::from_utf8(first).unwrap().contains("IRM over time"));
}
