//! Screen tests of the plenary overview and of presentation mode, drawn
//! into ratatui's TestBackend. Snapshots live in tests/snapshots and were
//! reviewed.

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode::{End, Enter, Right, Tab};
use insta::assert_snapshot;
use ratatui::style::{Color, Modifier};
use tafel::domain::Lang;
use tafel::store::Store;

/// A demo meeting of 80 notes at four tables, on its overview.
fn overview(lang: Lang) -> Driver {
    let mut store = Store::open_in_memory().unwrap();
    tafel::demo::create(&mut store, 80, 1, lang).unwrap();
    let mut d = Driver::with_store(store, lang);
    d.open_session();
    d.overview();
    d
}

#[test]
fn overview_in_dutch() {
    let mut app = overview(Lang::Nl);
    let screen = app.screen(80, 24);
    assert!(
        screen.contains("Plenair — MSF-bijeenkomst herijking"),
        "{screen}"
    );
    assert!(screen.contains("Stemmen per stakeholdergroep"), "{screen}");
    assert!(screen.contains("Maatschappelijke o…"), "{screen}");
    assert!(screen.contains("Aanw."), "{screen}");
    assert_snapshot!("overview_nl_80x24", screen);
    let wide = app.screen(160, 48);
    assert!(wide.contains("Maatschappelijke organisatie "), "{wide}");
    assert!(wide.contains("1. Open informatie"), "{wide}");
    assert_snapshot!("overview_nl_160x48", wide);
    // The heat map, further down.
    app.press(End);
    for _ in 0..2 {
        app.press(crossterm::event::KeyCode::BackTab);
    }
    let heat = app.screen(80, 24);
    assert!(heat.contains("Dekking van de dimensies"), "{heat}");
    assert!(
        heat.contains("1 Open Data"),
        "numbered columns at 80: {heat}"
    );
    assert_snapshot!("overview_coverage_nl_80x24", heat);
}

#[test]
fn overview_in_english() {
    let app = overview(Lang::En);
    let screen = app.screen(80, 24);
    assert!(screen.contains("Plenary — "), "{screen}");
    assert!(screen.contains("Voices per stakeholder group"), "{screen}");
    assert!(screen.contains("Enter Present"), "{screen}");
    assert_snapshot!("overview_en_80x24", screen);
    let wide = app.screen(160, 48);
    assert!(wide.contains("Most votes"), "{wide}");
    assert_snapshot!("overview_en_160x48", wide);
}

#[test]
fn presentation_mode() {
    let mut app = overview(Lang::Nl);
    app.press(Enter);
    let slide = app.screen(80, 24);
    assert!(
        slide.contains("Tafel 1 — Open informatie en Woo"),
        "{slide}"
    );
    assert_snapshot!("present_table_nl_80x24", slide);
    app.press(Tab).press(Right);
    let wide = app.screen(160, 48);
    assert!(wide.contains("per agendapunt · 2/"), "{wide}");
    assert_snapshot!("present_item_nl_160x48", wide);

    let mut app = overview(Lang::En);
    app.press(Enter).press(Right);
    let slide = app.screen(120, 30);
    assert!(
        slide.contains("Table 2 — Data, standaarden en open source"),
        "{slide}"
    );
    assert_snapshot!("present_table_en_120x30", slide);
}

#[test]
fn presentation_stays_high_contrast_with_and_without_colour() {
    let mut app = overview(Lang::En);
    app.press(Enter);
    for color in [false, true] {
        let buf = app.frame(80, 24, color);
        // The title row: reversed and bold, in the terminal's own colours.
        let title = &buf[(3, 1)];
        assert!(
            title.modifier.contains(Modifier::REVERSED | Modifier::BOLD),
            "{title:?}"
        );
        // No dim or coloured text anywhere on the slide.
        for cell in buf.content.iter().filter(|c| c.symbol() != " ") {
            assert_eq!(cell.fg, Color::Reset, "colour {color}: {cell:?}");
            assert_eq!(cell.bg, Color::Reset, "colour {color}: {cell:?}");
        }
    }
}
