//! Store operations of the TUI, each beside its baseline: raw SQLite doing
//! the same reads or the same committed write, in the same process on the
//! same file (the demo database of `common::database`: 100,000 notes, one
//! item with ≈ 6,300). Run: `cargo bench --bench store`; for ratios of
//! interleaved runs (less sensitive to a busy machine) see
//! `cargo bench --bench ratios`.
//!
//! Each group lists `baseline` and `tafel`: compare their medians.

mod common;

use common::*;
use tafel::app::Effect;
use tafel::app::runner::run;
use tafel::domain::NoteInput;
use tafel::store::Store;

fn main() {
    divan::main();
}

/// A note as the editor sends it.
fn note(item: &str, i: u64) -> NoteInput {
    let mut n = NoteInput::default();
    n.content.text = format!("benchmark note {i}");
    n.item_id = item.to_string();
    n
}

/// Saving a note: one transaction committed with synchronous=FULL.
#[divan::bench_group(sample_count = 100)]
mod save_note {
    use super::*;

    /// INSERT + COMMIT of the same row on the store's connection, into the
    /// same session and item (so into the same pages).
    #[divan::bench]
    fn baseline(b: divan::Bencher) {
        let (_dir, path) = copy_of_database();
        let store = Store::open(&path).unwrap();
        let (session, item) = session_and_item(&store);
        let mut number = next_number(&store, &session);
        b.bench_local(|| {
            raw_insert_note(
                store.connection(),
                &session,
                &item,
                number,
                "benchmark note",
            );
            number += 1;
        });
    }

    /// `Effect::AddNote` through the runner (what Enter in the editor does).
    #[divan::bench]
    fn tafel(b: divan::Bencher) {
        let (_dir, path) = copy_of_database();
        let mut store = Store::open(&path).unwrap();
        let (session, item) = session_and_item(&store);
        let mut i = 0;
        b.bench_local(|| {
            i += 1;
            let effect = Effect::AddNote {
                session_id: session.clone(),
                note: note(&item, i),
            };
            run(&mut store, effect).unwrap()
        });
    }
}

/// Moving to the next item: reading its ≈ 6,300 notes and its draft.
#[divan::bench_group(sample_count = 30)]
mod next_item {
    use super::*;

    #[divan::bench]
    fn baseline(b: divan::Bencher) {
        let store = Store::open(&database()).unwrap();
        let (session, item) = session_and_item(&store);
        b.bench_local(|| raw_load_item(store.connection(), &session, &item));
    }

    /// `Effect::LoadItem` through the runner (the place is saved by a
    /// follow-up effect, measured in `save_place`).
    #[divan::bench]
    fn tafel(b: divan::Bencher) {
        let mut store = Store::open(&database()).unwrap();
        let (session, item) = session_and_item(&store);
        b.bench_local(|| {
            let effect = Effect::LoadItem {
                session_id: session.clone(),
                stop: 0,
                item_id: item.clone(),
                at: tafel::store::PageAt::Last,
                select: None,
                save_place: true,
            };
            run(&mut store, effect).unwrap()
        });
    }
}

/// Opening a session: everything it shows, then its first item (the reads
/// of `Effect::OpenSession` and of the `Effect::LoadItem` that follows).
/// Opening starts a backup in the background; each sample waits for the
/// one before to finish (untimed), so no two overlap.
#[divan::bench_group(sample_count = 20, sample_size = 1)]
mod open_session {
    use super::*;
    use std::cell::RefCell;

    #[divan::bench]
    fn baseline(b: divan::Bencher) {
        let store = Store::open(&database()).unwrap();
        let (session, item) = session_and_item(&store);
        b.bench_local(|| raw_open_session(store.connection(), &session, &item));
    }

    #[divan::bench]
    fn tafel(b: divan::Bencher) {
        let (_dir, path) = copy_of_database();
        let store = RefCell::new(Store::open(&path).unwrap());
        let (session, item) = session_and_item(&store.borrow());
        b.with_inputs(|| {
            // The previous sample's backup, finished before timing.
            if let Some(result) = store.borrow_mut().finished_backup(true) {
                result.unwrap();
            }
            settle_backups(&path);
        })
        .bench_local_values(|()| {
            let mut store = store.borrow_mut();
            let opened = run(
                &mut store,
                Effect::OpenSession {
                    id: session.clone(),
                    fresh: false,
                },
            )
            .unwrap();
            let loaded = run(
                &mut store,
                Effect::LoadItem {
                    session_id: session.clone(),
                    stop: 0,
                    item_id: item.clone(),
                    at: tafel::store::PageAt::Last,
                    select: None,
                    save_place: true,
                },
            )
            .unwrap();
            (opened, loaded)
        });
    }
}

/// The place, saved after each move (a committed write): tafel against an
/// upsert of the same row on a raw connection.
#[divan::bench_group(sample_count = 50)]
mod save_place {
    use super::*;

    #[divan::bench]
    fn baseline(b: divan::Bencher) {
        let (_dir, path) = copy_of_database();
        let store = Store::open(&path).unwrap();
        let (session, item) = session_and_item(&store);
        // A different scroll each time: an unchanged row is not written.
        let mut scroll = 0;
        b.bench_local(|| {
            scroll += 1;
            raw_save_place(store.connection(), &session, &item, scroll)
        });
    }

    #[divan::bench]
    fn tafel(b: divan::Bencher) {
        let (_dir, path) = copy_of_database();
        let mut store = Store::open(&path).unwrap();
        let (session, item) = session_and_item(&store);
        let mut scroll = 0;
        b.bench_local(|| {
            scroll += 1;
            let effect = Effect::SavePlace {
                session_id: session.clone(),
                place: tafel::store::Place {
                    table_id: None,
                    item_id: Some(item.clone()),
                    scroll,
                },
            };
            run(&mut store, effect).unwrap()
        });
    }
}
