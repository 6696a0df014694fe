//! Screen tests: the real app drawn into ratatui's TestBackend at 80×24 and
//! at a wide size. Snapshots live in tests/snapshots and were reviewed.

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode::{Char, Enter, Esc, F, Tab};
use insta::assert_snapshot;
use tafel::domain::Lang;

#[test]
fn sessions_empty_and_listed() {
    let app = Driver::new(Lang::En);
    let screen = app.screen(80, 24);
    assert!(screen.contains("No sessions yet."));
    assert!(
        screen.contains("n New") && screen.contains("? Help"),
        "{screen}"
    );
    assert_snapshot!("sessions_empty_80x24", screen);

    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.setup().back_to_sessions();
    let screen = app.screen(80, 24);
    assert!(screen.contains("MSF najaar 2025"), "{screen}");
    assert!(screen.contains("2025-11-20"));
    assert_snapshot!("sessions_listed_nl_80x24", screen);
}

#[test]
fn setup_screen() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.setup();
    let screen = app.screen(80, 24);
    assert!(screen.contains("Tables (2)"));
    assert!(screen.contains("1. Open informatie · Anouk · "), "{screen}");
    let wide = app.screen(160, 48);
    assert!(
        wide.contains("1. Open informatie · Anouk · 20 min · 2 items"),
        "{wide}"
    );
    assert!(screen.contains("[x] AP 3 FAIR Woo dossiers"), "{screen}");
    assert!(screen.contains("Participants (1)"));
    assert!(
        wide.contains("Sanne Bakker, Open State Foundation, Civil society"),
        "{wide}"
    );
    assert_snapshot!("setup_en_80x24", screen);
    assert_snapshot!("setup_en_160x48", wide);
}

#[test]
fn run_screen_on_an_action_point_and_a_policy_question() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.type_note("Eerste notitie over dossiers").save();
    let screen = app.screen(80, 24);
    assert!(
        screen.contains("Actiepunt 3 — FAIR Woo dossiers"),
        "{screen}"
    );
    assert!(screen.contains("Status: afgerond"));
    assert!(screen.contains("#1 Observatie"));
    assert!(screen.contains("Eerste notitie over dossiers"));
    assert!(
        screen.contains("Opgeslagen #1"),
        "status bar says it was saved: {screen}"
    );
    assert!(screen.contains("20:00 (pauze)"), "{screen}");
    assert_snapshot!("run_ap_nl_80x24", screen);

    app.next_item();
    let screen = app.screen(80, 24);
    assert!(
        screen.contains("Beleidsvraag 2 — Monitoren open overheid"),
        "{screen}"
    );
    assert!(
        screen.contains("Open Informatie · Programma Open Overheid BZK"),
        "{screen}"
    );
    assert_snapshot!("run_pq_nl_80x24", screen);
    let wide = app.screen(160, 48);
    assert!(
        wide.contains("Woo-dashboard"),
        "the whole question fits when wide: {wide}"
    );
    assert_snapshot!("run_pq_nl_160x48", wide);
}

#[test]
fn run_screen_shows_sub_questions_in_english_ui() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.go_to("algoritmes");
    let wide = app.screen(160, 48);
    assert!(
        wide.contains("Policy question 6 — Transparantie over algoritmes"),
        "{wide}"
    );
    assert!(wide.contains("A. Wat willen burgers weten?"), "{wide}");
    assert!(wide.contains("C. Op welke manier"), "{wide}");
    assert!(wide.contains("Kortom:"), "{wide}");
}

#[test]
fn help_overlay_lists_every_key_of_the_screen() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.press(F(1));
    let screen = app.screen(80, 24);
    assert!(screen.contains("Keys"));
    assert!(screen.contains("Enter / Ctrl+S"), "{screen}");
    assert!(screen.contains("Save note"));
    assert!(screen.contains("Alt+Enter"));
    assert_snapshot!("help_editor_en_80x24", screen);
    app.press(Esc);
    assert!(!app.overlay_open());
}

#[test]
fn new_session_form() {
    let mut app = Driver::new(Lang::Nl);
    app.press(Char('n'));
    app.type_text("MSF");
    let screen = app.screen(80, 24);
    assert!(screen.contains("Nieuwe sessie"));
    assert!(screen.contains("Titel"));
    assert!(screen.contains("Agendabestand (leeg: ingebouwd)"));
    app.press(Tab);
    app.press_times(crossterm::event::KeyCode::Backspace, 12);
    app.type_text("20-11-2025");
    app.press(Enter);
    let screen = app.screen(80, 24);
    assert!(
        screen.contains("Datum als JJJJ-MM-DD"),
        "bad date is explained: {screen}"
    );
    assert_snapshot!("form_bad_date_nl_80x24", screen);
}

#[test]
fn too_small_terminal_says_so() {
    let app = Driver::with_session_and_tables(Lang::En);
    let screen = app.screen(60, 20);
    assert!(
        screen.contains("Terminal too small (60×20, minimum 80×24)"),
        "{screen}"
    );
    let screen = app.screen(10, 3);
    assert!(screen.contains("Terminal"), "{screen}");
}

#[test]
fn time_up_is_shown_without_blocking() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    let t0 = std::time::Instant::now();
    app.at(t0 - std::time::Duration::from_secs(21 * 60))
        .toggle_timer() // started 21 minutes ago
        .at(t0);
    let screen = app.screen(80, 24);
    assert!(screen.contains("TIME IS UP +01:0"), "{screen}");
    // Typing still works.
    app.type_note("still typing");
    assert_eq!(app.editor_text(), "still typing");
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.paste("evil \u{1b}]0;pwned\u{7} \u{1b}[2J\rX \u{202e}reversed")
        .save();
    app.paste("still in the editor \u{1b}[31m");
    let screen = app.screen(80, 24);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\r') && !screen.contains('\u{202e}'));
    // A pasted carriage return is a line break (terminals paste \n as \r).
    assert!(screen.contains("  evil ␛]0;pwned␇ ␛[2J "), "{screen}");
    assert!(screen.contains("  X �reversed"), "{screen}");
    assert!(screen.contains("still in the editor [31m"), "{screen}");
}
