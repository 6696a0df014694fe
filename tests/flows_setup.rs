//! Flow tests of set-up for a thematic morning: the quick start's tables,
//! starting at the chosen table, moving items, long lists and the filter —
//! through the real key map (see `common::driver`).

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode;
use std::collections::HashMap;
use tafel::app::keys::Context;
use tafel::app::{Pane, Screen};
use tafel::domain::{ItemKind, Lang};
use tafel::store::Store;

/// The stored tables as (name, ["action_point 3", …]).
fn tables(app: &Driver) -> Vec<(String, Vec<String>)> {
    let sid = app.session_id();
    let items = app.store().items(&sid).unwrap();
    let label: HashMap<&str, String> = items
        .iter()
        .map(|i| (i.id.as_str(), format!("{} {}", i.kind.key(), i.number)))
        .collect();
    app.store()
        .tables(&sid)
        .unwrap()
        .into_iter()
        .map(|t| {
            let at = t.item_ids.iter().map(|id| label[id.as_str()].clone());
            (t.name, at.collect())
        })
        .collect()
}

fn labels(list: &[&str]) -> Vec<String> {
    list.iter()
        .map(|l| {
            let (code, n) = l.split_once(' ').unwrap();
            let kind = if code == "AP" {
                "action_point"
            } else {
                "policy_question"
            };
            format!("{kind} {n}")
        })
        .collect()
}

#[test]
fn quick_start_makes_the_thematic_tables_of_the_bundled_agenda() {
    let mut app = Driver::with_bare_session(Lang::Nl);
    app.open_session();
    assert_eq!(app.current_screen(), Screen::Setup);
    app.setup().quick_start();
    let got = tables(&app);
    assert_eq!(
        got,
        [
            (
                "Woo en open informatie".to_string(),
                labels(&[
                    "AP 2", "AP 5", "AP 6", "AP 9", "AP 10", "AP 14", "BV 2", "BV 3", "BV 4"
                ])
            ),
            (
                "Data, standaarden en open source".to_string(),
                labels(&["AP 1", "AP 3", "AP 4", "AP 11", "AP 12", "AP 13", "BV 1"])
            ),
            (
                "Algoritmen en democratie".to_string(),
                labels(&["AP 7", "AP 15", "BV 5", "BV 6"])
            ),
            (
                "Participatie en cultuur".to_string(),
                labels(&["AP 8", "AP 16", "AP 17"])
            ),
        ]
    );
    // Every item of the agenda at exactly one table.
    let mut seated: Vec<String> = got.into_iter().flat_map(|(_, items)| items).collect();
    seated.sort();
    let mut all = app.items_shown();
    all.sort();
    assert_eq!(all.len(), 23);
    assert_eq!(seated, all);
}

#[test]
fn quick_start_without_themes_makes_a_table_per_dimension() {
    let mut store = Store::open_in_memory().unwrap();
    let mut agenda = tafel::agenda::bundled();
    agenda.themes.clear();
    store
        .create_session(
            &tafel::domain::NewSession {
                title: "Zonder thema's".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: String::new(),
                facilitator: String::new(),
                language: Lang::Nl,
            },
            &agenda,
        )
        .unwrap();
    let mut app = Driver::with_store(store, Lang::Nl);
    app.open_session().setup().quick_start();
    let got: Vec<(String, usize)> = tables(&app)
        .into_iter()
        .map(|(name, items)| (name, items.len()))
        .collect();
    let want = [
        ("Open Data", 1),
        ("Open Informatie", 4),
        ("Open Algoritmen", 1),
        ("Actiepunten", 17),
    ];
    assert_eq!(got, want.map(|(n, c)| (n.to_string(), c)));
}

#[test]
fn enter_starts_at_the_selected_table() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.setup().table(1).start();
    assert_eq!(app.current_screen(), Screen::Run);
    assert_eq!(app.current_table(), "Open data");
    assert_eq!(app.current_label(), "action_point 11");

    // Back to set-up and Enter again: the same table, the same item.
    app.prev_item(); // policy question 2 at the first table
    app.setup();
    assert_eq!(
        app.setup_selection(),
        (Pane::Tables, 0),
        "on the run's table"
    );
    app.setup().start();
    assert_eq!(app.current_table(), "Open informatie");
    assert_eq!(app.current_label(), "policy_question 2", "where it was");

    // A table without items: Enter says so and stays in set-up.
    app.setup().add_table("Leeg", "", 10).table(2).start();
    assert_eq!(app.current_screen(), Screen::Setup);
    let status = app.status().unwrap();
    assert!(status.contains("„Leeg”: nog geen items"), "{status}");
}

#[test]
fn m_moves_an_item_to_the_selected_table_only() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    // Space seats action point 11 at a second table too…
    app.setup()
        .table(0)
        .toggle_item(ItemKind::ActionPoint, 11)
        .toggle_item(ItemKind::ActionPoint, 4);
    let both = tables(&app);
    assert!(both[0].1.contains(&"action_point 11".to_string()));
    assert!(both[1].1.contains(&"action_point 11".to_string()));
    // …m takes it off the others.
    app.setup()
        .table(1)
        .move_item(ItemKind::ActionPoint, 3)
        .move_item(ItemKind::ActionPoint, 4)
        .table(0)
        .move_item(ItemKind::ActionPoint, 11);
    assert_eq!(
        tables(&app),
        [
            ("Open informatie".to_string(), labels(&["BV 2", "AP 11"])),
            ("Open data".to_string(), labels(&["AP 3", "AP 4"])),
        ]
    );
    // m on an item already (only) here changes nothing.
    app.setup().move_item(ItemKind::ActionPoint, 11);
    assert_eq!(tables(&app)[0].1, labels(&["BV 2", "AP 11"]));
}

#[test]
fn home_end_and_pages_move_through_the_lists() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.setup().items();
    app.press(KeyCode::End);
    assert_eq!(app.selected_item().as_deref(), Some("policy_question 6"));
    assert_eq!(app.setup_selection(), (Pane::Items, 22));
    app.press(KeyCode::PageUp);
    assert_eq!(app.setup_selection(), (Pane::Items, 12));
    app.press(KeyCode::Home);
    assert_eq!(app.selected_item().as_deref(), Some("action_point 1"));
    app.press(KeyCode::PageDown).press(KeyCode::PageDown);
    assert_eq!(app.setup_selection(), (Pane::Items, 20));
    app.press(KeyCode::PageDown);
    assert_eq!(app.setup_selection(), (Pane::Items, 22), "stops at the end");
    app.press(KeyCode::PageUp)
        .press(KeyCode::PageUp)
        .press(KeyCode::PageUp);
    assert_eq!(app.setup_selection(), (Pane::Items, 0), "and at the top");
    // The tables pane too.
    app.setup().table(0);
    app.press(KeyCode::End);
    assert_eq!(app.setup_selection(), (Pane::Tables, 1));
    app.press(KeyCode::Home);
    assert_eq!(app.setup_selection(), (Pane::Tables, 0));
}

#[test]
fn typing_filters_the_items_and_the_keys_act_on_what_is_shown() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.setup();
    let screen = app.screen(80, 24);
    assert!(screen.contains("/ Filter"), "the footer says how: {screen}");
    app.setup().filter("woo");
    assert_eq!(
        app.items_shown(),
        ["action_point 3", "action_point 9", "policy_question 4"]
    );
    let screen = app.screen(80, 24);
    assert!(screen.contains("Zoek: woo"), "{screen}");
    // Space and m work on the filtered list.
    app.setup()
        .table(1)
        .toggle_item(ItemKind::ActionPoint, 9)
        .move_item(ItemKind::PolicyQuestion, 4);
    assert_eq!(tables(&app)[1].1, labels(&["AP 11", "AP 9", "BV 4"]));

    // A number, a label as shown, or both words.
    for (typed, want) in [
        ("3", vec!["action_point 3", "policy_question 3"]),
        ("bv2", vec!["policy_question 2"]),
        ("ap 1", vec!["action_point 1"]),
        ("pq6", vec!["policy_question 6"]),
        ("open data", vec!["action_point 11"]),
        ("xyz", vec![]),
    ] {
        app.setup().filter(typed);
        assert_eq!(app.items_shown(), want, "{typed}");
    }
    let screen = app.screen(80, 24);
    assert!(screen.contains("Niets gevonden."), "{screen}");

    // While typing: ↓ moves, Ctrl+U empties the filter, Esc clears it and
    // keeps the selected item.
    app.press(KeyCode::Char('/'));
    assert_eq!(app.context(), Context::SetupFilter);
    app.ctrl('u');
    assert_eq!(app.items_shown().len(), 23);
    app.type_text("open").press(KeyCode::Down); // AP 2 Openbaarheidscentrum, then AP 4
    assert_eq!(app.selected_item().as_deref(), Some("action_point 4"));
    app.press(KeyCode::Esc);
    assert_eq!(app.context(), Context::Setup);
    assert_eq!(app.items_shown().len(), 23);
    assert_eq!(app.selected_item().as_deref(), Some("action_point 4"));

    // Esc with a filter set clears it before it leaves set-up.
    app.setup().filter("woo");
    app.press(KeyCode::Esc);
    assert_eq!(app.current_screen(), Screen::Setup);
    assert_eq!(app.items_shown().len(), 23);
    app.press(KeyCode::Esc);
    assert_eq!(app.current_screen(), Screen::Sessions);
}
