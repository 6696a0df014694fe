//! How fast the TUI answers on a large session: a demo database of 100,000
//! notes, plus 2,000 more on the first stop's item (≈ 6,300 there). Run:
//! `cargo bench --bench tui`. Store operations beside raw SQLite:
//! `benches/store.rs`, `benches/ratios.rs`.

mod common;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;
use tafel::app::{Action, App, Effect};
use tafel::domain::Lang;
use tafel::store::Store;
use tafel::ui::{View, theme::Theme};

fn main() {
    divan::main();
}

/// The app with the session open on its first stop; the backup that
/// opening started is finished before this returns, so it never runs
/// while a bench samples.
fn open_app() -> App {
    let mut app = open_app_now();
    // The check for damage done, and the place it held back saved.
    assert_eq!(app.store.damage(true), None);
    app.handle(Action::Tick, Instant::now());
    if let Some(result) = app.store.finished_backup(true) {
        result.unwrap();
    }
    common::settle_backups(&common::database());
    app
}

/// Opens the database as `tafel` does (the check for damage in the
/// background) and the last session.
fn open_app_now() -> App {
    let store = Store::open_with_background_check(&common::database()).unwrap();
    let mut app = App::new(store, Lang::Nl).unwrap();
    app.handle(Action::OpenSession, Instant::now());
    app
}

/// An app whose background check is waited for when it is dropped (after
/// the sample), so no two checks overlap.
struct Opened(App);

impl Drop for Opened {
    fn drop(&mut self) {
        let _ = self.0.store.damage(true);
    }
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    let now = Instant::now();
    term.draw(|f| tafel::ui::draw(f, &View::new(&app.state, Theme::plain(), now)))
        .unwrap();
}

/// From opening the database to the first frame of the run screen (the
/// session's backup runs in the background meanwhile).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn open_session_first_frame(b: divan::Bencher) {
    common::database();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // The app is returned so that dropping it (which waits for the
    // background backup) is not timed: divan drops outputs after a sample,
    // and one iteration a sample means no two backups overlap; the last
    // one is on the disk before the next sample starts.
    b.with_inputs(|| common::settle_backups(&common::database()))
        .bench_local_values(|()| {
            let app = open_app_now();
            draw(&mut term, &app);
            Opened(app)
        });
}

/// One keystroke in the editor on the item with 2,100 notes: update + draw.
#[divan::bench(args = [(80, 24), (200, 60)])]
fn keystroke_update_and_draw(b: divan::Bencher, size: (u16, u16)) {
    let mut app = open_app();
    assert!(app.state.open.as_ref().unwrap().notes.len() >= 2_000);
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    b.bench_local(|| {
        app.key(KeyEvent::from(KeyCode::Char('a')), Instant::now());
        draw(&mut term, &app);
    });
}

/// Moving between two items (each move loads the item's notes).
#[divan::bench]
fn next_item_and_draw(b: divan::Bencher) {
    let mut app = open_app();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut forward = true;
    b.bench_local(|| {
        app.handle(
            if forward {
                Action::NextItem
            } else {
                Action::PrevItem
            },
            Instant::now(),
        );
        forward = !forward;
        draw(&mut term, &app);
    });
}

/// Saving a note: one committed transaction with synchronous=FULL.
#[divan::bench(sample_count = 50)]
fn save_note_committed(b: divan::Bencher) {
    let mut app = open_app();
    let item_id = app.current_item_id().unwrap();
    b.bench_local(|| {
        let note = {
            let mut n = tafel::domain::NoteInput::default();
            n.content.text = "benchmark".into();
            n.item_id = item_id.clone();
            n
        };
        let session_id = app.state.open.as_ref().unwrap().session.id.clone();
        tafel::app::runner::run(&mut app.store, Effect::AddNote { session_id, note }).unwrap();
    });
}
