//! Tafel beside its baselines, interleaved: each round times the baseline
//! and then tafel, on the same file in the same process, so that a busy
//! machine slows both alike. Prints medians, the ratio of the medians and
//! the goal (issue 11). Run: `cargo bench --bench ratios`
//! (`TAFEL_ROUNDS=N` for more rounds; default 41).
//!
//! The whole-process comparisons (`tafel export`, `tafel list` against
//! `sqlite3`) are in `scripts/compare.sh`.

mod common;

use common::*;
use std::time::{Duration, Instant};
use tafel::app::Effect;
use tafel::app::runner::run;
use tafel::domain::NoteInput;
use tafel::store::{Place, Store};

fn main() {
    // `cargo bench` passes `--bench`; nothing else is understood.
    let rounds: usize = std::env::var("TAFEL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(41);
    database();
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!(
            "load average: {} (other work slows both sides alike)",
            load.join(" ")
        );
    }
    println!(
        "{:<34} {:>11} {:>11} {:>7}  {:<20} {:>11}",
        "measure (median of interleaved runs)", "tafel", "baseline", "ratio", "goal", "tafel best"
    );
    save_note(rounds * 5, "FULL");
    save_note(rounds * 5, "OFF");
    save_place(rounds * 5);
    next_item(rounds);
    open_session(rounds);
    note_counts(rounds);
    first_frame(rounds);
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn report(name: &str, tafel: Vec<Duration>, baseline: Vec<Duration>, goal: &str) {
    let best = *tafel.iter().min().expect("runs");
    let (t, b) = (median(tafel), median(baseline));
    println!(
        "{name:<34} {:>11} {:>11} {:>6.2}×  {goal:<20} {:>11}",
        format!("{t:.1?}"),
        format!("{b:.1?}"),
        t.as_secs_f64() / b.as_secs_f64(),
        format!("{best:.1?}"),
    );
}

/// Times `f` once.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    timed(f).0
}

/// Times `f` once, and returns what it returned.
fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let value = std::hint::black_box(f());
    (start.elapsed(), value)
}

/// `sync`: tafel's `FULL`, or `OFF` to take the disk out and compare the
/// CPU time alone.
fn save_note(rounds: usize, sync: &str) {
    let (_dir, path) = copy_of_database();
    let mut store = Store::open(&path).unwrap();
    store
        .connection()
        .execute_batch(&format!("PRAGMA synchronous = {sync}"))
        .unwrap();
    let (session, item) = session_and_item(&store);
    // Both write the same session and item, so they touch the same pages;
    // the baseline takes the number after tafel's last.
    let mut next = next_number(&store, &session);
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for i in 0..rounds + 5 {
        let bt =
            time(|| raw_insert_note(store.connection(), &session, &item, next, "benchmark note"));
        let mut n = NoteInput::default();
        n.content.text = "benchmark note".into();
        n.item_id = item.clone();
        let effect = Effect::AddNote {
            session_id: session.clone(),
            note: n,
        };
        let (tt, outcome) = timed(|| run(&mut store, effect).unwrap());
        let tafel::app::Outcome::NoteAdded(note) = outcome else {
            panic!("not saved")
        };
        next = i64::from(note.number) + 1;
        if i >= 5 {
            b.push(bt);
            t.push(tt);
        }
    }
    if sync == "FULL" {
        report("save a note (synchronous=FULL)", t, b, "≤ 1.1×");
    } else {
        report("  CPU alone (synchronous=OFF)", t, b, "");
    }
}

fn save_place(rounds: usize) {
    let (_dir, path) = copy_of_database();
    let mut store = Store::open(&path).unwrap();
    let (session, item) = session_and_item(&store);
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for i in 0..rounds + 5 {
        // A different scroll each time: an unchanged row is not written.
        let bt = time(|| raw_save_place(store.connection(), &session, &item, 2 * i as u32));
        let effect = Effect::SavePlace {
            session_id: session.clone(),
            place: Place {
                table_id: None,
                item_id: Some(item.clone()),
                scroll: 2 * i as u32 + 1,
            },
        };
        let tt = time(|| run(&mut store, effect).unwrap());
        if i >= 5 {
            b.push(bt);
            t.push(tt);
        }
    }
    report("save the place (synchronous=NORMAL)", t, b, "—");
}

fn load_item(session: &str, item: &str) -> Effect {
    Effect::LoadItem {
        session_id: session.to_string(),
        stop: 0,
        item_id: item.to_string(),
        at: tafel::store::PageAt::Last,
        select: None,
        save_place: true,
    }
}

fn next_item(rounds: usize) {
    let path = database();
    let mut store = Store::open(&path).unwrap();
    let (session, item) = session_and_item(&store);
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for i in 0..rounds + 2 {
        let bt = time(|| raw_load_item(store.connection(), &session, &item));
        let tt = time(|| run(&mut store, load_item(&session, &item)).unwrap());
        if i >= 2 {
            b.push(bt);
            t.push(tt);
        }
    }
    report("next item: reads (6,300 notes)", t, b, "≤ 2 ms (tui)");
}

fn open_session(rounds: usize) {
    let (_dir, path) = copy_of_database();
    let mut store = Store::open(&path).unwrap();
    let (session, item) = session_and_item(&store);
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for i in 0..rounds + 2 {
        let bt = time(|| raw_open_session(store.connection(), &session, &item));
        let tt = time(|| {
            let open = Effect::OpenSession {
                id: session.clone(),
                fresh: false,
            };
            (
                run(&mut store, open).unwrap(),
                run(&mut store, load_item(&session, &item)).unwrap(),
            )
        });
        // The backup this open started, finished before the next round.
        if let Some(result) = store.finished_backup(true) {
            result.unwrap();
        }
        settle_backups(&path);
        if i >= 2 {
            b.push(bt);
            t.push(tt);
        }
    }
    report("open a session: reads", t, b, "");
}

/// What schema step 0005 saves each open: the counts read from
/// `note_count` against counting the notes.
fn note_counts(rounds: usize) {
    let store = Store::open(&database()).unwrap();
    let (session, _) = session_and_item(&store);
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for i in 0..rounds + 2 {
        let bt = time(|| raw_count_notes(store.connection(), &session));
        let tt = time(|| store.note_counts(&session).unwrap());
        if i >= 2 {
            b.push(bt);
            t.push(tt);
        }
    }
    report("  note counts (baseline: count)", t, b, "");
}

/// From opening the file to the first frame of the run screen, as
/// `tafel` starts: `Store::open_with_background_check`, the list of sessions, opening the
/// session, its first item, saving the place, drawing. Baseline: opening a
/// raw connection with the same settings and running the same reads.
fn first_frame(rounds: usize) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use tafel::app::{Action, App};
    use tafel::ui::{View, theme::Theme};
    let (_dir, path) = copy_of_database();
    let (session, item) = session_and_item(&Store::open(&path).unwrap());
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for i in 0..rounds + 2 {
        let bt = time(|| {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.busy_timeout(Duration::from_secs(10)).unwrap();
            conn.execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            )
            .unwrap();
            raw_open_session(&conn, &session, &item)
        });
        let mut app = None;
        let tt = time(|| {
            // As `tafel` opens it: the check for damage in the background.
            let store = Store::open_with_background_check(&path).unwrap();
            let mut a = App::new(store, tafel::domain::Lang::Nl).unwrap();
            a.handle(Action::OpenSession, Instant::now());
            let now = Instant::now();
            term.draw(|f| tafel::ui::draw(f, &View::new(&a.state, Theme::plain(), now)))
                .unwrap();
            app = Some(a);
        });
        // Its check, and (dropping the app) its backup, finish untimed.
        if let Some(a) = app.as_mut() {
            assert_eq!(a.store.damage(true), None);
        }
        drop(app);
        settle_backups(&path);
        if i >= 2 {
            b.push(bt);
            t.push(tt);
        }
    }
    report("open a session to its first frame", t, b, "≤ 15 ms");
}
