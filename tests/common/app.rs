//! Helpers that drive a bare `App` (no driver): for tests that run two
//! windows on one database or break the store underneath the app.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;
use tafel::app::{Action, App};
use tafel::domain::Lang;
use tafel::store::Store;
use tafel::ui::{View, theme::Theme};

pub fn app(lang: Lang) -> App {
    let mut app = App::new(Store::open_in_memory().unwrap(), lang).unwrap();
    app.state.clock = "14:05".into();
    app
}

pub fn press(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE), Instant::now());
}

pub fn alt(app: &mut App, c: char) {
    app.key(
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT),
        Instant::now(),
    );
}

pub fn ctrl(app: &mut App, c: char) {
    app.key(
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        Instant::now(),
    );
}

/// Types text key by key, as a person would.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.key(KeyEvent::new(KeyCode::Char(c), mods), Instant::now());
    }
}

pub fn paste(app: &mut App, text: &str) {
    app.handle(Action::Paste(text.into()), Instant::now());
}

/// Renders the current frame into a `w`×`h` test terminal and returns it as
/// text, one line per row.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let now = Instant::now();
    term.draw(|f| tafel::ui::draw(f, &View::new(&app.state, Theme::plain(), now)))
        .unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Creates a session through the store with two tables, one holding action
/// point 3 and policy question 2, the other action point 11.
pub fn seeded(lang: Lang) -> App {
    seeded_with(Store::open_in_memory().unwrap(), lang)
}

/// As [`seeded`], on the given store (e.g. an on-disk one).
pub fn seeded_with(store: Store, lang: Lang) -> App {
    let mut app = App::new(store, lang).unwrap();
    app.state.clock = "14:05".into();
    let agenda = tafel::agenda::bundled();
    let s = app
        .store
        .create_session(
            &tafel::domain::NewSession {
                title: "MSF najaar 2025".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: "Den Haag".into(),
                facilitator: "Fenna".into(),
                language: lang,
            },
            &agenda,
        )
        .unwrap();
    let items = app.store.items(&s.id).unwrap();
    let find = |k: tafel::domain::ItemKind, n: u32| {
        items
            .iter()
            .find(|i| i.kind == k && i.number == n)
            .unwrap()
            .id
            .clone()
    };
    let t1 = app
        .store
        .create_table(&s.id, "Open informatie", "Anouk", 20)
        .unwrap();
    let t2 = app
        .store
        .create_table(&s.id, "Open data", "Daan", 15)
        .unwrap();
    app.store
        .assign_item(&t1.id, &find(tafel::domain::ItemKind::ActionPoint, 3))
        .unwrap();
    app.store
        .assign_item(&t1.id, &find(tafel::domain::ItemKind::PolicyQuestion, 2))
        .unwrap();
    app.store
        .assign_item(&t2.id, &find(tafel::domain::ItemKind::ActionPoint, 11))
        .unwrap();
    app.store
        .create_participant(
            &s.id,
            Some("Sanne Bakker"),
            Some("Open State Foundation"),
            tafel::domain::StakeholderGroup::MaatschappelijkeOrganisatie,
        )
        .unwrap();
    app.reload_sessions();
    app.handle(Action::OpenSession, Instant::now());
    app
}

pub fn session_id(app: &App) -> String {
    app.state.open.as_ref().unwrap().session.id.clone()
}

/// The id of the item the run screen is on.
pub fn current_item_id(app: &App) -> String {
    app.current_item_id().expect("a session is open")
}

/// Makes every write to the app's database fail (or work again), as a
/// read-only file would.
pub fn read_only(app: &App, on: bool) {
    let pragma = if on {
        "PRAGMA query_only = ON"
    } else {
        "PRAGMA query_only = OFF"
    };
    app.store.connection().execute_batch(pragma).unwrap();
}
