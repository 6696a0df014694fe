//! Commands that only read never write: `list`, `export` and `check` create
//! no folder or database, convert no empty file, and leave `-wal` and `-shm`
//! exactly as they were — on a missing path, an empty file, a garbage
//! `-wal`, the leftovers of a killed tafel, an older schema, and beside a
//! running tafel.

mod common;

use common::cli::{stderr, stdout, tafel};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;
use tafel::store::Store;
use tempfile::TempDir;

/// Every file and folder under `dir`: its bytes (files) and modification time.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Option<Vec<u8>>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let meta = e.metadata().unwrap();
            let bytes = if meta.is_dir() {
                todo.push(e.path());
                None
            } else {
                Some(std::fs::read(e.path()).unwrap())
            };
            out.insert(e.path(), (bytes, meta.modified().unwrap()));
        }
    }
    out
}

fn names(t: &BTreeMap<PathBuf, (Option<Vec<u8>>, SystemTime)>) -> Vec<String> {
    t.keys().map(|p| p.display().to_string()).collect()
}

/// Runs every read-only command on `db` and checks that nothing under `dir`
/// changed; returns the outputs of `list` and `export`.
fn read_all(dir: &Path, db: &Path) -> (Output, Output) {
    let before = tree(dir);
    let list = tafel(db, &["list"]);
    let export = tafel(db, &["export", "--format", "json"]);
    let check = tafel(db, &["check"]);
    let after = tree(dir);
    assert_eq!(names(&before), names(&after), "no file came or went");
    assert!(before == after, "no file changed (bytes and times)");
    for o in [&list, &export, &check] {
        assert!(stderr(o).lines().count() <= 1, "one line: {}", stderr(o));
    }
    (list, export)
}

fn demo(db: &Path, notes: &str) {
    let o = tafel(db, &["demo", "--notes", notes]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_missing_database_is_an_error_and_nothing_is_created() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("typo/dir/x.db");
    let before = tree(dir.path());
    for args in [&["list"][..], &["export"], &["check"]] {
        let o = tafel(&db, args);
        assert!(!o.status.success(), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&db.display().to_string()), "{err}");
        assert!(err.contains("tafel new"), "says how to make one: {err}");
    }
    assert!(tree(dir.path()) == before, "no folder, no database");
}

#[test]
fn an_empty_file_is_not_converted() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    let before = tree(dir.path());
    for args in [&["list"][..], &["export"], &["check"]] {
        let o = tafel(&db, args);
        assert!(!o.status.success(), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("empty"), "{err}");
    }
    assert!(tree(dir.path()) == before);
    assert_eq!(std::fs::read(&db).unwrap().len(), 0);
}

#[test]
fn a_garbage_wal_is_left_alone_and_the_database_is_read() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    demo(&db, "25");
    let garbage: Vec<u8> = (0..9000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(dir.path().join("t.db-wal"), &garbage).unwrap();
    let (list, export) = read_all(dir.path(), &db);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(stdout(&list).contains("     25  "), "{}", stdout(&list));
    assert!(export.status.success(), "{}", stderr(&export));
    assert_eq!(std::fs::read(dir.path().join("t.db-wal")).unwrap(), garbage);
}

#[test]
fn a_closed_database_gets_no_wal_or_shm() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    demo(&db, "10");
    let (list, export) = read_all(dir.path(), &db);
    assert!(list.status.success() && export.status.success());
    let check = tafel(&db, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stdout(&check).contains("ok"), "{}", stdout(&check));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only t.db"
    );
}

#[test]
fn the_leftovers_of_a_killed_tafel_are_read_and_kept() {
    // A writer whose changes are committed in its -wal but not yet in the
    // file; its files are copied while it runs, as a kill would leave them.
    let live = TempDir::new().unwrap();
    let db = live.path().join("t.db");
    demo(&db, "10");
    let store = Store::open(&db).unwrap();
    store
        .connection()
        .execute_batch("PRAGMA wal_autocheckpoint = 0")
        .unwrap();
    let sid = store.sessions().unwrap()[0].id.clone();
    let item = store.items(&sid).unwrap()[0].id.clone();
    let mut store = store;
    for i in 0..5 {
        let mut n = tafel::domain::NoteInput::default();
        n.content.text = format!("only in the wal {i}");
        n.item_id = item.clone();
        store.add_note(&sid, &n).unwrap();
    }
    let dir = TempDir::new().unwrap();
    for f in ["t.db", "t.db-wal", "t.db-shm"] {
        std::fs::copy(live.path().join(f), dir.path().join(f)).unwrap();
    }
    drop(store);
    let copied = dir.path().join("t.db");
    let (list, export) = read_all(dir.path(), &copied);
    assert!(stdout(&list).contains("     15  "), "{}", stdout(&list));
    assert!(stdout(&export).contains("only in the wal 4"));
    // Without its -shm, too.
    std::fs::remove_file(dir.path().join("t.db-shm")).unwrap();
    let (list, _) = read_all(dir.path(), &copied);
    assert!(stdout(&list).contains("     15  "), "{}", stdout(&list));
}

#[test]
fn an_older_schema_is_read_without_upgrading_the_file() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("old.db");
    // Written with version 2's SQL, not today's code.
    common::old_db::with_session(&db, 2, 12);
    let (list, export) = read_all(dir.path(), &db);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(stdout(&list).contains("     12  "), "{}", stdout(&list));
    assert!(export.status.success(), "{}", stderr(&export));
    let s = Store::open_read_only(&db).unwrap();
    assert_eq!(s.schema_version().unwrap(), tafel::store::SCHEMA_VERSION);
    drop(s);
    let raw =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let v: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 2, "the file itself is not upgraded");
}

#[test]
fn a_read_only_store_refuses_writes() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    demo(&db, "3");
    let before = tree(dir.path());
    let mut s = Store::open_read_only(&db).unwrap();
    let sid = s.sessions().unwrap()[0].id.clone();
    assert!(s.create_table(&sid, "no", "", 10).is_err());
    drop(s);
    assert!(tree(dir.path()) == before);
}

#[test]
fn other_files_are_refused_unchanged() {
    let dir = TempDir::new().unwrap();
    type Make = dyn Fn(&Path);
    let cases: [(&str, &Make); 3] = [
        ("text.db", &|p| {
            std::fs::write(p, "not a database at all, just text").unwrap()
        }),
        ("foreign.db", &|p| {
            rusqlite::Connection::open(p)
                .unwrap()
                .execute_batch("CREATE TABLE other (x)")
                .unwrap()
        }),
        ("newer.db", &|p| {
            rusqlite::Connection::open(p)
                .unwrap()
                .execute_batch(&format!(
                    "PRAGMA application_id = {}; CREATE TABLE f (x); PRAGMA user_version = 99;",
                    tafel::store::APPLICATION_ID
                ))
                .unwrap()
        }),
    ];
    for (name, make) in cases {
        let db = dir.path().join(name);
        make(&db);
        let (list, export) = read_all(dir.path(), &db);
        for o in [list, export] {
            assert!(!o.status.success(), "{name}");
            assert!(stderr(&o).contains(name), "{name}: {}", stderr(&o));
        }
    }
    let o = tafel(dir.path(), &["list"]);
    assert!(stderr(&o).contains("directory"), "{}", stderr(&o));
}

#[test]
fn beside_a_running_tafel_the_latest_notes_are_read() {
    use common::pty::*;
    let dir = TempDir::new().unwrap();
    let (db, _) = new_session(&dir);
    let mut tui = Tui::start(&db);
    open_and_run(&mut tui);
    tui.type_slowly("saved by the running tafel");
    tui.send(ENTER);
    tui.wait_for("Saved #1");
    let list = tafel(&db, &["list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(
        stdout(&list).contains("      1  E2E meeting"),
        "{}",
        stdout(&list)
    );
    let export = tafel(&db, &["export"]);
    assert!(stdout(&export).contains("saved by the running tafel"));
    tui.send("\x11");
    assert!(tui.wait_exit());
}
