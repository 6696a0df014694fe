//! Fault injection: full disk, read-only and vanished files, two writers,
//! hostile text, bad agenda files. Nothing typed may be lost or changed.

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode;
use std::time::{Duration, Instant};
use tafel::app::ConfirmPurpose;
use tafel::app::keys::Context;
use tafel::domain::{IrmLevel, Lang, NoteKind};
use tafel::store::Store;
use tempfile::TempDir;

fn on_disk(dir: &TempDir) -> (std::path::PathBuf, Driver) {
    let db = dir.path().join("t.db");
    let app = Driver::with_session_and_tables_on(Store::open(&db).unwrap(), Lang::En);
    (db, app)
}

fn current_notes(app: &Driver) -> Vec<String> {
    app.stored_notes()
        .into_iter()
        .map(|n| n.content.text)
        .collect()
}

fn assert_kept(app: &Driver, text: &str) {
    assert_eq!(app.editor_text(), text, "text stays in the editor");
    let error = app.error().expect("an error in the status bar");
    assert!(error.starts_with("Not saved"), "{error}");
}

#[test]
fn disk_full_keeps_the_note_and_saves_once_there_is_room() {
    let dir = TempDir::new().unwrap();
    let (_db, mut app) = on_disk(&dir);
    // Fill the "disk": no page may be added to the file.
    let pages: i64 = app
        .store()
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    app.store()
        .connection()
        .execute_batch(&format!("PRAGMA max_page_count = {pages}"))
        .unwrap();
    let big = "a long contribution ".repeat(2_000);
    app.paste(&big).save();
    assert_kept(&app, &big);
    let error = app.error().unwrap();
    assert!(error.contains("full"), "{error}");
    assert!(current_notes(&app).is_empty());
    // Room again: the same key saves it.
    app.store()
        .connection()
        .execute_batch("PRAGMA max_page_count = 1073741823")
        .unwrap();
    app.save();
    assert_eq!(current_notes(&app), [big]);
    assert_eq!(app.editor_text(), "");
}

#[test]
fn a_read_only_database_keeps_the_draft_in_the_editor() {
    let dir = TempDir::new().unwrap();
    let (_db, mut app) = on_disk(&dir);
    app.read_only(true);
    let t0 = Instant::now();
    app.type_note("draft during an outage");
    app.at(t0 + Duration::from_secs(2)).tick();
    assert_kept(&app, "draft during an outage");
    app.read_only(false);
    // The failed draft save is retried on the next tick.
    app.at(t0 + Duration::from_secs(4)).tick();
    let sid = app.session_id();
    let item = app.current_item_id();
    assert_eq!(
        app.store()
            .draft(&sid, &item)
            .unwrap()
            .unwrap()
            .content
            .text,
        "draft during an outage"
    );
}

#[test]
fn a_database_removed_underneath_is_noticed_and_nothing_is_written_into_the_void() {
    let dir = TempDir::new().unwrap();
    let (db, mut app) = on_disk(&dir);
    app.type_note("before").save();
    let moved = dir.path().join("moved-away.db");
    std::fs::rename(&db, &moved).unwrap();
    app.type_note("while it was gone").save();
    assert_kept(&app, "while it was gone");
    let error = app.error().unwrap();
    assert!(error.contains("removed or replaced"), "{error}");
    std::fs::rename(&moved, &db).unwrap();
    app.save();
    assert_eq!(current_notes(&app), ["before", "while it was gone"]);
    drop(app);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let n: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
}

#[test]
fn two_writers_never_lose_a_note() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let (sid, item) = {
        let mut s = Store::open(&db).unwrap();
        let session = tafel::demo::create(&mut s, 0, 1, Lang::Nl).unwrap();
        let item = s.items(&session.id).unwrap()[0].id.clone();
        (session.id, item)
    };
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (db, sid, item) = (db.clone(), sid.clone(), item.clone());
            std::thread::spawn(move || {
                let mut s = Store::open(&db).unwrap();
                for i in 0..300 {
                    let input = {
                        let mut n = tafel::domain::NoteInput::default();
                        n.content.text = format!("writer {w} note {i}");
                        n.item_id = item.clone();
                        n
                    };
                    s.add_note(&sid, &input).unwrap();
                    if i % 50 == 0 {
                        s.save_draft(
                            &sid,
                            &item,
                            &tafel::domain::NoteContent::plain(format!("draft {w} {i}")),
                        )
                        .unwrap();
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let s = Store::open(&db).unwrap();
    let notes = s.notes_for_item(&item).unwrap();
    assert_eq!(notes.len(), 600);
    let numbers: std::collections::HashSet<u32> = notes.iter().map(|n| n.number).collect();
    assert_eq!(numbers.len(), 600, "numbers unique");
    for w in 0..2 {
        for i in 0..300 {
            assert!(
                notes
                    .iter()
                    .any(|n| n.content.text == format!("writer {w} note {i}"))
            );
        }
    }
}

#[test]
fn the_tui_shows_notes_of_another_process_when_it_reloads_the_item() {
    let dir = TempDir::new().unwrap();
    let (db, mut app) = on_disk(&dir);
    let sid = app.session_id();
    let item = app.current_item_id();
    let mut other = Store::open(&db).unwrap();
    other
        .add_note(&sid, &{
            let mut n = tafel::domain::NoteInput::default();
            n.content.text = "from the second laptop".into();
            n.item_id = item;
            n
        })
        .unwrap();
    app.next_item().prev_item();
    assert!(app.screen(100, 30).contains("from the second laptop"));
}

#[test]
fn hostile_text_is_stored_exactly_and_drawn_safely() {
    let mut app = Driver::with_session_and_tables(Lang::En);
    let long_line = "ж".repeat(10_000);
    let megabyte = "0123456789abcdef\n".repeat(64 * 1024);
    let cases = [
        "nul\u{0}inside".to_string(),
        "\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{1b}[?1049h".to_string(),
        "zero\u{200b}width \u{202e}bidi\u{2066}iso\u{2069}".to_string(),
        "e\u{301}\u{301}\u{301} 👨‍👩‍👧 漢字 مرحبا".to_string(),
        long_line.clone(),
        megabyte.clone(),
    ];
    for c in &cases {
        app.paste(c).save();
        let screen = app.screen(80, 24);
        let drawn = screen.replace('\n', "");
        assert!(
            !drawn.chars().any(tafel::text::is_unsafe),
            "unsafe character drawn: {drawn}"
        );
        assert_eq!(screen.lines().count(), 24);
    }
    let stored = current_notes(&app);
    assert_eq!(stored.len(), cases.len());
    assert_eq!(stored[0], "nul\u{0}inside", "NUL kept");
    assert_eq!(stored[4], long_line);
    assert_eq!(stored[5].len(), megabyte.len());
    assert_eq!(stored[5], megabyte);
    for (s, c) in stored.iter().zip(&cases) {
        assert_eq!(s, c);
    }
}

#[test]
fn bad_agenda_files_are_one_line_each_and_untouched() {
    let dir = TempDir::new().unwrap();
    let run = |path: &std::path::Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tafel"))
            .args(["agenda", "check"])
            .arg(path)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{}", path.display());
        String::from_utf8(out.stderr).unwrap()
    };
    let cases: [(&str, &[u8], &str); 6] = [
        ("empty.toml", b"", ":1:1: missing table `[agenda]`"),
        ("random.toml", &[0x9f, 0x00, 0xff, 0x13, 0x37], ":1:1: file is not valid UTF-8"),
        ("not-toml.toml", b"this is = = not toml\n", ":1:"),
        ("types.toml", b"[agenda]\nname = 3\nversion = \"1\"\n", ":2:8: invalid type"),
        ("dup-dim.toml", b"[agenda]\nname=\"a\"\nversion=\"1\"\n[[dimensions]]\nkey=\"x\"\nname=\"X\"\n[[dimensions]]\nkey=\"x\"\nname=\"Y\"\n", ":8:5: duplicate dimension key `x` (first used on line 5)"),
        ("bad-ref.toml", b"[agenda]\nname=\"a\"\nversion=\"1\"\n[[policy_questions]]\nnumber=1\ntitle=\"t\"\nquestion=\"q\"\ndimension=\"nope\"\n", ":8:11: unknown dimension `nope`"),
    ];
    for (name, bytes, expect) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let err = run(&p);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(expect), "{name}: {err}");
        assert!(err.starts_with(&p.display().to_string()), "{name}: {err}");
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{name} unchanged");
    }
    let err = run(dir.path());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.to_lowercase().contains("directory"), "{err}");
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_one_line_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("secret.toml");
    std::fs::write(&p, "[agenda]\nname=\"a\"\nversion=\"1\"\n").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        eprintln!("skipped: running as root, permissions are not enforced");
        return;
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tafel"))
        .args(["agenda", "check"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("ermission"), "{err}");
}

#[test]
fn moving_on_while_the_draft_cannot_be_stored_keeps_you_and_your_text() {
    let dir = TempDir::new().unwrap();
    let (_db, mut app) = on_disk(&dir);
    let sid = app.session_id();
    let first = app.current_item_id();
    app.type_note("words on the first item")
        .read_only(true)
        .next_item();
    assert_eq!(app.current_item_id(), first, "did not move");
    assert_kept(&app, "words on the first item");
    app.read_only(false).next_item();
    assert_ne!(
        app.current_item_id(),
        first,
        "moved once the draft was stored"
    );
    assert_eq!(app.editor_text(), "");
    let draft = app.store().draft(&sid, &first).unwrap().unwrap();
    assert_eq!(
        draft.content.text, "words on the first item",
        "stored on its own item"
    );
}

#[test]
fn quitting_while_the_draft_cannot_be_stored_asks_first() {
    let dir = TempDir::new().unwrap();
    let (_db, mut app) = on_disk(&dir);
    app.type_note("last words").read_only(true).quit();
    assert!(!app.has_quit());
    assert_eq!(app.question(), Some(ConfirmPurpose::QuitLosingDraft));
    app.no();
    assert!(!app.has_quit());
    assert_eq!(app.editor_text(), "last words");
    app.read_only(false).quit();
    assert!(app.has_quit(), "quits once the draft is stored");
    let sid = app.session_id();
    let item = app.current_item_id();
    assert_eq!(
        app.store()
            .draft(&sid, &item)
            .unwrap()
            .unwrap()
            .content
            .text,
        "last words"
    );
}

#[test]
fn a_failed_rating_or_action_keeps_what_was_typed_in_its_form() {
    let dir = TempDir::new().unwrap();
    let (_db, mut app) = on_disk(&dir);
    app.read_only(true);
    app.notes().rate(IrmLevel::ALL[0], "careful comment");
    assert_eq!(
        app.rating_comment().as_deref(),
        Some("careful comment"),
        "the rating window stays, with the comment"
    );
    app.press(KeyCode::Esc); // gives the rating up
    app.notes().editor();
    app.note_kind(NoteKind::Action)
        .type_note("an action")
        .save()
        .action_details("PROO", "");
    assert_eq!(app.context(), Context::Form, "form kept");
    app.read_only(false).confirm();
    assert!(!app.overlay_open());
    let notes = app.stored_notes();
    assert_eq!(
        (
            notes[0].content.text.as_str(),
            notes[0].content.owner.as_str()
        ),
        ("an action", "PROO")
    );
}
