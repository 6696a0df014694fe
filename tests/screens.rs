//! Screen tests: the real app drawn into ratatui's TestBackend at 80×24 and
//! at a wide size. Snapshots live in tests/snapshots and were reviewed.

mod common;

use common::*;
use crossterm::event::KeyCode::{Char, Enter, Esc, F, Tab};
use insta::assert_snapshot;
use tafel::domain::Lang;

#[test]
fn sessions_empty_and_listed() {
    let app = app(Lang::En);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("No sessions yet."));
    assert!(
        screen.contains("n New") && screen.contains("? Help"),
        "{screen}"
    );
    assert_snapshot!("sessions_empty_80x24", screen);

    let app = seeded(Lang::Nl);
    let mut app = app;
    press(&mut app, Esc); // to notes
    press(&mut app, Char('s')); // set-up
    press(&mut app, Esc); // back to the session list
    let screen = render(&app, 80, 24);
    assert!(screen.contains("MSF najaar 2025"), "{screen}");
    assert!(screen.contains("2025-11-20"));
    assert_snapshot!("sessions_listed_nl_80x24", screen);
}

#[test]
fn setup_screen() {
    let mut app = seeded(Lang::En);
    press(&mut app, Esc);
    press(&mut app, Char('s'));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Tables (2)"));
    assert!(screen.contains("1. Open informatie · Anouk · "), "{screen}");
    let wide = render(&app, 160, 48);
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
    let mut app = seeded(Lang::Nl);
    type_text(&mut app, "Eerste notitie over dossiers");
    press(&mut app, Enter);
    let screen = render(&app, 80, 24);
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

    press(&mut app, Tab);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Beleidsvraag 2 — Monitoren open overheid"),
        "{screen}"
    );
    assert!(
        screen.contains("Open Informatie · Programma Open Overheid BZK"),
        "{screen}"
    );
    assert_snapshot!("run_pq_nl_80x24", screen);
    let wide = render(&app, 160, 48);
    assert!(
        wide.contains("Woo-dashboard"),
        "the whole question fits when wide: {wide}"
    );
    assert_snapshot!("run_pq_nl_160x48", wide);
}

#[test]
fn run_screen_shows_sub_questions_in_english_ui() {
    let mut app = seeded(Lang::En);
    app.reload_sessions();
    ctrl(&mut app, 'g');
    type_text(&mut app, "algoritmes");
    press(&mut app, Enter);
    let wide = render(&app, 160, 48);
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
    let mut app = seeded(Lang::En);
    press(&mut app, F(1));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Keys"));
    assert!(screen.contains("Enter / Ctrl+S"), "{screen}");
    assert!(screen.contains("Save note"));
    assert!(screen.contains("Alt+Enter"));
    assert_snapshot!("help_editor_en_80x24", screen);
    press(&mut app, Esc);
    assert!(app.state.overlay.is_none());
}

#[test]
fn new_session_form() {
    let mut app = app(Lang::Nl);
    press(&mut app, Char('n'));
    type_text(&mut app, "MSF");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Nieuwe sessie"));
    assert!(screen.contains("Titel"));
    assert!(screen.contains("Agendabestand (leeg: ingebouwd)"));
    press(&mut app, Tab);
    for _ in 0..12 {
        press(&mut app, crossterm::event::KeyCode::Backspace);
    }
    type_text(&mut app, "20-11-2025");
    press(&mut app, Enter);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Datum als JJJJ-MM-DD"),
        "bad date is explained: {screen}"
    );
    assert_snapshot!("form_bad_date_nl_80x24", screen);
}

#[test]
fn too_small_terminal_says_so() {
    let app = seeded(Lang::En);
    let screen = render(&app, 60, 20);
    assert!(
        screen.contains("Terminal too small (60×20, minimum 80×24)"),
        "{screen}"
    );
    let screen = render(&app, 10, 3);
    assert!(screen.contains("Terminal"), "{screen}");
}

#[test]
fn time_up_is_shown_without_blocking() {
    let mut app = seeded(Lang::En);
    let t0 = std::time::Instant::now();
    app.handle(
        tafel::app::Action::TimerToggle,
        t0 - std::time::Duration::from_secs(21 * 60),
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("TIME IS UP +01:0"), "{screen}");
    // Typing still works.
    type_text(&mut app, "still typing");
    assert_eq!(
        app.state.open.as_ref().unwrap().editor_text(),
        "still typing"
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let mut app = seeded(Lang::En);
    paste(
        &mut app,
        "evil \u{1b}]0;pwned\u{7} \u{1b}[2J\rX \u{202e}reversed",
    );
    press(&mut app, Enter);
    paste(&mut app, "still in the editor \u{1b}[31m");
    let screen = render(&app, 80, 24);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\r') && !screen.contains('\u{202e}'));
    // A pasted carriage return is a line break (terminals paste \n as \r).
    assert!(screen.contains("  evil ␛]0;pwned␇ ␛[2J "), "{screen}");
    assert!(screen.contains("  X �reversed"), "{screen}");
    assert!(screen.contains("still in the editor [31m"), "{screen}");
}
