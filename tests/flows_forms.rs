//! Flow tests of forms and lists: a pre-filled field is replaced by what
//! is typed, Ctrl+U empties a field, lists move with ↑/↓ and filter with
//! letters — through the real key map (see `common::driver`).

mod common;

use common::driver::Driver;
use crossterm::event::{KeyCode, KeyModifiers};
use tafel::app::keys::Context;
use tafel::domain::{IrmLevel, Lang, StakeholderGroup};

/// The stored tables as (name, host, minutes).
fn tables(app: &Driver) -> Vec<(String, String, u32)> {
    app.store()
        .tables(&app.session_id())
        .unwrap()
        .into_iter()
        .map(|t| (t.name, t.host, t.timebox_minutes))
        .collect()
}

#[test]
fn typing_replaces_a_prefilled_field() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.setup();
    app.press(KeyCode::Char('a')); // "Table 3", no host, 20 minutes
    assert_eq!(app.form_field(), "Table 3");
    app.type_text("Woo");
    assert_eq!(app.form_field(), "Woo", "typed over, not after");
    app.next_field().type_text("Anouk");
    app.next_field();
    assert_eq!(app.form_field(), "20");
    app.type_text("15");
    assert_eq!(app.form_field(), "15");
    // Back in a field: its text is selected again.
    app.next_field().type_text("Woo en open informatie");
    app.confirm();
    assert_eq!(
        tables(&app)[2],
        ("Woo en open informatie".into(), "Anouk".into(), 15)
    );
}

#[test]
fn moving_the_cursor_keeps_the_prefilled_text() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.setup().table(0);
    app.press(KeyCode::Char('e'));
    app.press(KeyCode::End).type_text(" en Woo");
    assert_eq!(app.form_field(), "Open informatie en Woo");
    app.press(KeyCode::Home).type_text("Tafel ");
    assert_eq!(app.form_field(), "Tafel Open informatie en Woo");
    app.confirm();
    assert_eq!(tables(&app)[0].0, "Tafel Open informatie en Woo");
}

#[test]
fn ctrl_u_clears_the_field() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.setup().table(1);
    app.press(KeyCode::Char('e')).next_field(); // the host, "Daan"
    assert_eq!(app.form_field(), "Daan");
    app.ctrl('u');
    assert_eq!(app.form_field(), "");
    app.next_field().press(KeyCode::End); // minutes, "15", not selected
    app.ctrl('u').type_text("25").confirm();
    assert_eq!(tables(&app)[1], ("Open data".into(), String::new(), 25));
}

#[test]
fn a_rejected_field_is_selected_for_the_correction() {
    let mut app = Driver::new(Lang::En);
    app.press(KeyCode::Char('n'));
    app.type_text("MSF thematic").next_field();
    app.type_text("tomorrow"); // replaces today's date
    assert_eq!(app.form_field(), "tomorrow");
    app.confirm();
    assert!(app.overlay_open(), "the form stays with the error");
    assert_eq!(app.form_field(), "tomorrow");
    app.type_text("2026-01-05").confirm();
    assert_eq!(app.context(), Context::Setup, "{:?}", app.status());
    let session = app.store().session(&app.session_id()).unwrap();
    assert_eq!(session.date.to_string(), "2026-01-05");
}

#[test]
fn a_list_moves_with_arrows_and_filters_with_letters() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.setup();
    app.press(KeyCode::Char('p')).type_text("Lotte").confirm();
    assert_eq!(app.context(), Context::Picker);
    let screen = app.screen(80, 24);
    assert!(
        screen.contains("↑/↓ move · type to filter · Enter chooses"),
        "the hint says how: {screen}"
    );
    let (all, first) = app.picker();
    assert_eq!(all.len(), StakeholderGroup::ALL.len());
    assert_eq!(first.as_deref(), Some("Government"));
    app.press(KeyCode::End);
    assert_eq!(app.picker().1.as_deref(), Some("Other"));
    app.press(KeyCode::Home).press(KeyCode::Down);
    assert_eq!(app.picker().1.as_deref(), Some("Civil society"));
    app.type_text("a");
    let (shown, selected) = app.picker();
    assert_eq!(
        shown,
        ["Academia/knowledge institute", "Action holder"],
        "letters filter (and never act as keys)"
    );
    assert_eq!(selected.as_deref(), Some("Academia/knowledge institute"));
    app.press(KeyCode::Down);
    assert_eq!(app.picker().1.as_deref(), Some("Action holder"));
    app.ctrl('u');
    assert_eq!(app.picker().0.len(), StakeholderGroup::ALL.len());
    app.type_text("acad").confirm();
    // Then the naming question: Enter keeps "group only".
    app.confirm();
    let people = app.store().participants(&app.session_id()).unwrap();
    let lotte = people
        .iter()
        .find(|p| p.name.as_deref() == Some("Lotte"))
        .unwrap();
    assert_eq!(lotte.group, StakeholderGroup::Wetenschap);
}

#[test]
fn a_rating_comment_is_replaced_by_typing_and_cleared_with_ctrl_u() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    let sid = app.session_id();
    let item = app.current_item_id();
    app.notes().rate(IrmLevel::Limited, "Eerste indruk");
    app.notes().rate(IrmLevel::Limited, "Na de tafel");
    let r = app.store().rating(&sid, &item).unwrap().unwrap();
    assert_eq!(r.comment, "Na de tafel", "typed over the old comment");
    app.ctrl('r');
    assert_eq!(app.rating_comment().as_deref(), Some("Na de tafel"));
    app.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.rating_comment().as_deref(), Some(""));
    app.press(KeyCode::Esc);
}

/// The IRM rating is the item's, not a note's: Alt+I opens it from the
/// editor too, and the hint under the item names the key that works where
/// the keyboard is (a plain `r` in the notes list starts typing a note).
#[test]
fn alt_i_rates_the_action_point_from_the_editor_and_the_hint_says_so() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    assert!(app.screen(100, 30).contains("IRM: not rated yet (Alt+I)"));
    app.alt('i');
    assert_eq!(app.rating_comment().as_deref(), Some(""));
    app.press(KeyCode::Esc);
    assert!(!app.overlay_open());
    app.press(KeyCode::Esc); // the notes list
    assert!(app.screen(100, 30).contains("IRM: not rated yet (Ctrl+R)"));
    app.alt('i');
    assert!(app.rating_comment().is_some());
    app.press(KeyCode::Esc);
    // `r` there is text for a new note, never a rating.
    app.press(KeyCode::Char('r'));
    assert!(!app.overlay_open());
    assert_eq!(app.editor_text(), "r");
}
