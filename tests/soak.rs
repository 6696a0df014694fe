//! Crash soak: the real binary in a pty, killed with SIGKILL at random
//! moments, many times. Every saved note and every draft older than a second
//! must survive, and the file must pass `PRAGMA integrity_check`.
//!
//! Takes minutes, so it is ignored by `cargo test`. Run it with
//! `cargo test --release --test soak -- --ignored --nocapture`
//! (rounds: `TAFEL_SOAK_ROUNDS`, default 20; seed: `TAFEL_SOAK_SEED`).

mod common;

use common::pty::*;
use std::time::{Duration, Instant};
use tafel::demo::SplitMix64;
use tafel::store::Store;
use tempfile::TempDir;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
#[ignore = "minutes long; run with --ignored"]
fn killed_at_random_moments_nothing_saved_is_lost() {
    let rounds = env_u64("TAFEL_SOAK_ROUNDS", 20);
    let mut rng = SplitMix64::new(env_u64("TAFEL_SOAK_SEED", 0x5eed));
    let dir = TempDir::new().unwrap();
    let (db, sid) = new_session(&dir);
    let mut saved: Vec<String> = Vec::new();
    let mut draft: Option<String> = None; // a draft that must be back
    for round in 0..rounds {
        let mut tui = Tui::start(&db);
        if round == 0 {
            open_and_run(&mut tui);
        } else {
            tui.wait_for("E2E meeting");
            tui.send("r");
            tui.wait_for("Action point 1 — Grip op eigen gegevens");
        }
        if let Some(d) = draft.take() {
            // The draft is back in the editor: save it as a note.
            tui.wait_for(&d);
            tui.send(ENTER);
            saved.push(d);
            tui.wait_for(&format!("Saved #{}", saved.len()));
        }
        for _ in 0..rng.below(3) {
            let text = format!("round {round} note {}", saved.len());
            tui.type_slowly(&text);
            tui.send(ENTER);
            saved.push(text);
            tui.wait_for(&format!("Saved #{}", saved.len()));
        }
        let typing = format!("round {round} draft {}", rng.below(1_000_000));
        tui.type_slowly(&typing);
        let last_key = Instant::now();
        std::thread::sleep(Duration::from_millis(rng.below(2_000) as u64));
        let old_enough = last_key.elapsed() > Duration::from_millis(1_000);
        tui.sigkill();

        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        let item = store.items(&sid).unwrap()[0].id.clone();
        let texts: Vec<String> = store
            .notes_for_item(&item)
            .unwrap()
            .into_iter()
            .map(|n| n.content.text)
            .collect();
        assert_eq!(texts, saved, "round {round}: every saved note, in order");
        let stored = store.draft(&sid, &item).unwrap().map(|d| d.content.text);
        if old_enough {
            assert_eq!(
                stored.as_deref(),
                Some(typing.as_str()),
                "round {round}: draft older than 1 s"
            );
        }
        // Whatever draft is stored comes back next round (a younger one may be partial).
        draft = stored.filter(|d| !d.is_empty());
        eprintln!(
            "round {round}: {} notes, draft {:?} (old enough: {old_enough})",
            saved.len(),
            draft
        );
    }
}
