//! The plenary, through the key map: F8 opens an overview of every table,
//! Tab walks its sections, Enter presents one table (or item) at a time,
//! Esc goes back — and nothing typed is lost on the way.

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode;
use tafel::app::keys::Context;
use tafel::app::{Part, Screen, Section, SlidesBy};
use tafel::domain::{Lang, NoteKind};
use tafel::store::Store;

/// A demo meeting of 80 notes at four tables, opened on the run screen.
fn demo(lang: Lang) -> Driver {
    let mut store = Store::open_in_memory().unwrap();
    tafel::demo::create(&mut store, 80, 1, lang).unwrap();
    let mut d = Driver::with_store(store, lang);
    d.open_session();
    d
}

#[test]
fn f8_opens_the_overview_and_esc_goes_back_where_you_were() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    app.next_item().type_note("half getypt");
    app.overview();
    assert_eq!(app.current_screen(), Screen::Overview);
    // What was being typed is stored as a draft before the screen changes.
    let draft = app
        .store()
        .draft(&app.session_id(), &app.current_item_id())
        .unwrap()
        .expect("a draft");
    assert_eq!(draft.content.text, "half getypt");
    app.press(KeyCode::Esc);
    assert_eq!(app.current_screen(), Screen::Run);
    assert_eq!(app.context(), Context::Editor);
    assert_eq!(app.current_label(), "policy_question 2");
    assert_eq!(app.editor_text(), "half getypt");
    // From the notes list too; F8 again closes it.
    app.notes();
    app.overview();
    app.press(KeyCode::F(8));
    assert_eq!(app.current_screen(), Screen::Run);
}

#[test]
fn the_overview_shows_what_every_table_stored() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.note_kind(NoteKind::Agreement)
        .type_note("Publish the checklist")
        .save();
    app.note_kind(NoteKind::Action)
        .type_note("Share the FAIR guide")
        .save()
        .action_details("Bram", "2026-02-01");
    app.type_note("Dossiers are hard to find").save();
    app.notes().select(2).vote_for().vote_for();
    app.next_table();
    app.next_group().type_note("Open data needs funding").save();
    app.overview();
    assert_eq!(app.overview_lists(), [(1, 1, 1), (0, 0, 0)]);
    let screen = app.screen(160, 48);
    for want in [
        "Plenary — MSF najaar 2025",
        "2025-11-20 · notes: 4 · tables: 2 · participants: 1",
        "Table 1 — Open informatie · host: Anouk · notes: 3",
        "Most votes",
        "Dossiers are hard to find",
        "AP 3 · +2 −0",
        "Publish the checklist",
        "Share the FAIR guide",
        "AP 3 · owner Bram · due 2026-02-01",
        // Policy question 2 sits at the first table and got nothing.
        "Without input: PQ 2 Monitoren open overheid",
        "Table 2 — Open data · host: Daan · notes: 1",
    ] {
        assert!(screen.contains(want), "{want:?} not in\n{screen}");
    }
    // The first group (Government) said one thing; three notes have none.
    let voices = screen
        .lines()
        .find(|l| l.contains("│Government"))
        .expect("a bar for Government");
    assert!(voices.contains("█") && voices.contains(" 1 "), "{voices}");

    // It is read again each time: a note added since shows up.
    app.press(KeyCode::Esc);
    app.type_note("One more").save();
    app.overview();
    assert!(
        app.screen(160, 48)
            .contains("Open data · host: Daan · notes: 2")
    );
}

#[test]
fn tab_walks_the_sections_and_scrolling_stops_at_the_ends() {
    let mut app = demo(Lang::Nl);
    let mut ov = app.overview();
    assert_eq!(ov.section(), None, "the summary is on top");
    ov.next_section();
    assert_eq!(ov.section(), Some(Section::Voices));
    let mut seen = vec![ov.section().unwrap()];
    for _ in 0..10 {
        ov.next_section();
        seen.push(ov.section().unwrap());
    }
    assert_eq!(
        seen,
        [
            Section::Voices,
            Section::Table(0),
            Section::Table(1),
            Section::Table(2),
            Section::Table(3),
            Section::Coverage,
            Section::NoInput,
            // The last section: Tab stays.
            Section::NoInput,
            Section::NoInput,
            Section::NoInput,
            Section::NoInput,
        ]
    );
    ov.prev_section();
    assert_eq!(ov.section(), Some(Section::Coverage));
    ov.end().down(3);
    assert_eq!(ov.driver().overview_top(), Part::NoInput, "the last part");
    ov.home().up(2);
    assert_eq!(ov.driver().overview_top(), Part::Summary);
    ov.down(2);
    assert_eq!(ov.section(), Some(Section::Voices));
    // The screen follows: the voices' heading is the first line.
    let screen = ov.driver().screen(80, 24);
    assert!(
        screen
            .lines()
            .nth(1)
            .unwrap()
            .contains("Stemmen per stakeholdergroep"),
        "{screen}"
    );
}

#[test]
fn presentation_steps_through_tables_and_items_without_chrome() {
    let mut app = demo(Lang::Nl);
    let mut p = app.overview().present();
    assert_eq!(p.driver().presenting(), Some((SlidesBy::Table, 0, 4)));
    let screen = p.driver().screen(80, 24);
    assert!(
        screen.contains("Tafel 1 — Open informatie en Woo"),
        "{screen}"
    );
    assert!(screen.contains("Afspraken"), "{screen}");
    assert!(screen.trim_end().ends_with("1/4"), "{screen}");
    assert!(
        !screen.contains("F1") && !screen.contains("14:05") && !screen.contains('┌'),
        "no footer, status bar or frame: {screen}"
    );
    p.next().next();
    assert_eq!(p.driver().presenting(), Some((SlidesBy::Table, 2, 4)));
    assert!(
        p.driver()
            .screen(80, 24)
            .contains("Tafel 3 — Algoritmen en democratie")
    );
    p.next().next().next();
    assert_eq!(
        p.driver().presenting(),
        Some((SlidesBy::Table, 3, 4)),
        "stops"
    );
    p.prev();
    assert_eq!(p.driver().presenting(), Some((SlidesBy::Table, 2, 4)));
    // Per item: at the same table, its first item with something to show.
    p.switch();
    let (by, slide, n) = p.driver().presenting().unwrap();
    assert_eq!(by, SlidesBy::Item);
    assert!(n > 4, "{n} items with agreements, actions or votes");
    let screen = p.driver().screen(160, 48);
    assert!(
        screen.contains("Tafel 3 — Algoritmen en democratie"),
        "{screen}"
    );
    assert!(screen.contains(&format!("per agendapunt · {}/{n}", slide + 1)));
    p.last();
    assert_eq!(p.driver().presenting(), Some((SlidesBy::Item, n - 1, n)));
    p.switch();
    assert_eq!(p.driver().presenting(), Some((SlidesBy::Table, 3, 4)));
    // Esc: the overview; Esc again: taking notes.
    let app = p.back();
    assert_eq!(app.context(), Context::Overview);
    assert!(app.screen(80, 24).contains("F1 Hulp"));
    app.press(KeyCode::Esc);
    assert_eq!(app.context(), Context::Editor);
}

#[test]
fn help_and_quit_work_in_the_overview_and_in_presentation() {
    let mut app = demo(Lang::En);
    app.overview();
    app.press(KeyCode::F(1));
    let screen = app.screen(80, 24);
    assert!(screen.contains("Present (per table or item)"), "{screen}");
    assert!(screen.contains("Next section"), "{screen}");
    app.press(KeyCode::Esc);
    assert_eq!(app.context(), Context::Overview);
    app.press(KeyCode::Enter);
    app.press(KeyCode::F(1));
    assert!(app.screen(80, 24).contains("Per table / per item"));
    app.press(KeyCode::Esc);
    assert_eq!(app.context(), Context::Present);
    app.ctrl('q');
    assert!(app.has_quit());
}

#[test]
fn an_empty_session_has_an_overview_and_a_slide_that_says_so() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    app.overview();
    let screen = app.screen(80, 24);
    assert!(screen.contains("notes: 0"), "{screen}");
    app.press(KeyCode::Enter);
    let screen = app.screen(80, 24);
    assert!(screen.contains("Table 1 — Open informatie"), "{screen}");
    assert!(
        screen.contains("No agreements, actions or votes yet."),
        "{screen}"
    );
    app.press(KeyCode::Tab);
    // No item has anything: every item is a slide.
    assert_eq!(app.presenting(), Some((SlidesBy::Item, 0, 3)));
}

#[test]
fn ctrl_e_asks_markdown_or_html_and_writes_it() {
    let mut app = Driver::with_session_and_tables(Lang::Nl);
    let dir = tempfile::TempDir::new().unwrap();
    app.export_to(dir.path().join("exports"));
    app.type_note("Een notitie voor de notulen").save();
    // Markdown is the first choice: Ctrl+E, Enter as before.
    app.export();
    assert!(app.status().unwrap().ends_with(".md"), "{:?}", app.status());
    app.export_html();
    let status = app.status().unwrap();
    let path = std::path::PathBuf::from(status.trim_start_matches("Geëxporteerd naar "));
    assert_eq!(path.extension().unwrap(), "html", "{status}");
    let page = std::fs::read_to_string(&path).unwrap();
    let session = app.store().session(&app.session_id()).unwrap();
    let mut want = Vec::new();
    tafel::export::write_html(app.store(), &session, Lang::Nl, false, &mut want).unwrap();
    assert_eq!(
        page.as_bytes(),
        want,
        "the file holds the session's HTML minutes"
    );
    // From the overview too, never over the first.
    app.overview();
    app.export_html();
    assert!(
        app.status().unwrap().ends_with("-2.html"),
        "{:?}",
        app.status()
    );
    assert_eq!(app.context(), Context::Overview);
    // Esc in the choice writes nothing.
    app.ctrl('e').press(KeyCode::Esc);
    assert_eq!(app.context(), Context::Overview);
    assert_eq!(
        std::fs::read_dir(dir.path().join("exports"))
            .unwrap()
            .count(),
        3
    );
}
