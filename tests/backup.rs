//! Backups: snapshots on open, pruning to ten, listing, restoring.

mod common;

use common::driver::Driver;
use std::process::Command;
use tafel::domain::Lang;
use tafel::store::Store;
use tafel::store::backup;
use tempfile::TempDir;

fn notes(store: &Store) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT count(*) FROM note WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn snapshots_are_consistent_private_and_pruned_to_ten() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut store = Store::open(&db).unwrap();
    tafel::demo::create(&mut store, 300, 1, Lang::Nl).unwrap();
    let first = backup::take(&store).unwrap();
    assert!(first.starts_with(dir.path().join("backups")));
    let copy = Store::open(&first).unwrap();
    assert_eq!(notes(&copy), 300);
    assert_eq!(copy.integrity_check().unwrap(), "ok");
    drop(copy);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&first).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    for i in 0..12 {
        // A change between snapshots (an unchanged database is not copied again).
        let session = store.sessions().unwrap()[0].id.clone();
        let item = store.items(&session).unwrap()[0].id.clone();
        let note = {
            let mut n = tafel::domain::NoteInput::default();
            n.content.text = format!("change {i}");
            n.item_id = item;
            n
        };
        store.add_note(&session, &note).unwrap();
        backup::take(&store).unwrap();
    }
    let list = backup::list(&db).unwrap();
    assert_eq!(list.len(), backup::KEEP);
    assert!(
        list.windows(2).all(|w| w[0].path > w[1].path),
        "newest first"
    );
    assert!(!first.exists(), "the oldest were removed");
}

#[test]
fn an_unchanged_database_is_not_snapshotted_twice() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut store = Store::open(&db).unwrap();
    tafel::demo::create(&mut store, 100, 1, Lang::Nl).unwrap();
    let first = backup::take(&store).unwrap();
    for _ in 0..15 {
        assert_eq!(backup::take(&store).unwrap(), first, "the same snapshot");
    }
    assert_eq!(backup::list(&db).unwrap().len(), 1);
    tafel::demo::create(&mut store, 1, 2, Lang::Nl).unwrap();
    let second = backup::take(&store).unwrap();
    assert_ne!(second, first);
    assert_eq!(backup::list(&db).unwrap().len(), 2);
}

#[test]
fn restore_replaces_content_and_keeps_what_it_replaced() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut store = Store::open(&db).unwrap();
    tafel::demo::create(&mut store, 100, 1, Lang::Nl).unwrap();
    let snap = backup::take(&store).unwrap();
    tafel::demo::create(&mut store, 50, 2, Lang::Nl).unwrap();
    assert_eq!(notes(&store), 150);
    let replaced = backup::restore(&mut store, &snap).unwrap();
    assert_eq!(notes(&store), 100);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let old = Store::open(&replaced).unwrap();
    assert_eq!(notes(&old), 150, "what was replaced is itself backed up");
    drop(store);
    assert_eq!(notes(&Store::open(&db).unwrap()), 100, "persisted");
}

#[test]
fn restore_refuses_bad_files_and_touches_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut store = Store::open(&db).unwrap();
    tafel::demo::create(&mut store, 10, 1, Lang::Nl).unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    assert!(matches!(
        backup::restore(&mut store, &junk),
        Err(tafel::Error::NotADatabase { .. })
    ));
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE x (y)")
        .unwrap();
    let before = std::fs::read(&foreign).unwrap();
    assert!(matches!(
        backup::restore(&mut store, &foreign),
        Err(tafel::Error::ForeignDatabase { .. })
    ));
    assert_eq!(std::fs::read(&foreign).unwrap(), before);
    assert!(backup::restore(&mut store, &dir.path().join("missing.db")).is_err());
    assert!(!dir.path().join("missing.db").exists(), "not created");
    assert_eq!(notes(&store), 10);
    assert!(
        backup::list(&db).unwrap().is_empty(),
        "nothing was replaced, nothing backed up"
    );
}

#[test]
fn cli_backup_now_list_and_restore_needs_confirmation() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tafel"))
            .args(args)
            .env("TAFEL_DB", &db)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    assert!(run(&["demo", "--notes", "20"]).status.success());
    let out = run(&["backup", "now"]);
    assert!(out.status.success());
    let snap = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let listed = String::from_utf8(run(&["backup", "list"]).stdout).unwrap();
    assert!(listed.contains(&snap), "{listed}");
    assert!(run(&["demo", "--notes", "5"]).status.success());

    let out = run(&["backup", "restore", &snap]);
    assert!(!out.status.success(), "no terminal, no --yes: refused");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("not restored")
    );
    let count = |db: &std::path::Path| notes(&Store::open(db).unwrap());
    assert_eq!(count(&db), 25);

    let out = run(&["backup", "restore", &snap, "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&db), 20);
}

#[test]
fn opening_a_session_in_the_tui_takes_a_backup() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let mut store = Store::open(&db).unwrap();
    tafel::demo::create(&mut store, 10, 1, Lang::En).unwrap();
    let mut app = Driver::with_store(store, Lang::En);
    assert!(backup::list(&db).unwrap().is_empty());
    app.open_session();
    assert!(app.backup_running(), "taken in the background");
    let made = app
        .store_mut()
        .finished_backup(true)
        .expect("one was started")
        .unwrap();
    assert_eq!(backup::list(&db).unwrap()[0].path, made);
    let copy = Store::open(&made).unwrap();
    assert_eq!(notes(&copy), 10);
}
