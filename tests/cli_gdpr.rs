//! `tafel person` and `tafel forget`, the real binary: without a terminal
//! `forget` shows what it would change and refuses unless `--yes`; on a
//! terminal "n" cancels; bad input (unknown or ambiguous names, a bad
//! `--older-than`) is one line on stderr, a non-zero exit, and the database
//! file unchanged byte for byte.

mod common;

use common::people::*;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn tafel(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tafel"))
        .args(args)
        .env("TAFEL_DB", db)
        .env("LANG", "C")
        .env_remove("TAFEL_CONFIG")
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn one_line_error(o: &Output) -> String {
    assert!(!o.status.success());
    let e = text(&o.stderr);
    assert_eq!(e.lines().count(), 1, "one line: {e}");
    e
}

fn db() -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("tafel.db");
    create(&path);
    (dir, path)
}

#[test]
fn bad_input_is_one_line_and_changes_nothing() {
    let (_dir, db) = db();
    let before = file_bytes(&db);
    for (args, want) in [
        (vec!["person", "Piet"], "nobody called `Piet`"),
        (vec!["person", "ka"], "`ka` could be 2 people"),
        (vec!["forget", "Piet", "--yes"], "nobody called `Piet`"),
        (vec!["forget", "ka", "--yes"], "`ka` could be 2 people"),
        (
            vec!["forget", "--older-than", "24x", "--yes"],
            "--older-than `24x`: not a duration (24m, 90d, 2y) or a date (YYYY-MM-DD)",
        ),
        (
            vec!["forget", "--older-than", "2025-02-30", "--yes"],
            "not a duration",
        ),
    ] {
        let o = tafel(&db, &args);
        let e = one_line_error(&o);
        assert!(e.contains(want), "{args:?}: {e}");
        assert!(before == file_bytes(&db), "{args:?} changed the file");
    }
    let e = text(&tafel(&db, &["person", "ka"]).stderr);
    assert!(
        e.contains(ANOUK) && e.contains(KAREL),
        "lists the candidates: {e}"
    );
}

#[test]
fn without_a_terminal_forget_shows_the_plan_and_refuses() {
    let (_dir, db) = db();
    let before = file_bytes(&db);
    let o = tafel(&db, &["forget", "anouk"]);
    let e = one_line_error(&o);
    assert!(e.contains("not forgotten, nothing was changed"), "{e}");
    let out = text(&o.stdout);
    assert!(
        out.contains("2023-01-10 Oud:") && out.contains("2025-11-20 Nieuw:"),
        "{out}"
    );
    assert!(
        out.contains("participant record: name and organisation removed"),
        "{out}"
    );
    assert!(before == file_bytes(&db));
}

#[test]
fn on_a_terminal_no_cancels() {
    let (_dir, db) = db();
    let before = file_bytes(&db);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tafel"));
    cmd.args(["forget", "Anouk"]);
    cmd.env("TAFEL_DB", &db);
    cmd.env("LANG", "C");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let s = seen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            s.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while !seen.lock().unwrap().contains("[y/N]") {
        assert!(
            Instant::now() < deadline,
            "no question: {}",
            seen.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    writer.write_all(b"n\r").unwrap();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success());
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        seen.lock().unwrap().contains("nothing was changed"),
        "{}",
        seen.lock().unwrap()
    );
    drop(pty.master);
    assert!(
        before == file_bytes(&db),
        "cancelled: the file is unchanged"
    );
}

#[test]
fn person_writes_a_private_file_and_forget_yes_erases() {
    let (dir, db) = db();
    let file = dir.path().join("anouk.json");
    let o = tafel(
        &db,
        &[
            "person",
            "vermeulen",
            "--format",
            "json",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(json["notes"].as_array().unwrap().len(), 3);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = tafel(&db, &["person", "vermeulen", "-o", file.to_str().unwrap()]);
    assert!(one_line_error(&again).contains("already exists"));
    let md = tafel(&db, &["person", "Anouk", "--lang", "nl"]);
    assert!(
        text(&md.stdout).starts_with("# Persoonsgegevens: Anouk"),
        "{}",
        text(&md.stdout)
    );

    let o = tafel(&db, &["forget", "Anouk", "--yes"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("Forgotten: Anouk Vermeulen-Tjong"), "{out}");
    assert!(out.contains("Exports are not changed"), "{out}");
    assert_eq!(
        found_in(&file_bytes(&db), ANOUK_WORDS),
        Vec::<String>::new()
    );
    let gone = tafel(&db, &["person", "Anouk"]);
    assert!(one_line_error(&gone).contains("nobody called `Anouk`"));
    // Every export of every session, also the JSON.
    for format in ["markdown", "json"] {
        for session in ["Oud", "Nieuw"] {
            let id = session_id(&db, session);
            let o = tafel(&db, &["export", &id, "--format", format]);
            assert!(o.status.success());
            assert_eq!(found_in(&o.stdout, ANOUK_WORDS), Vec::<String>::new());
        }
    }
    // Retention: the old session loses Karel too.
    let o = tafel(&db, &["forget", "--older-than", "2024-01-01", "--yes"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let bytes = file_bytes(&db);
    assert_eq!(found_in(&bytes, KAREL_WORDS), Vec::<String>::new());
    assert_eq!(found_in(&bytes, &[LOTTE]).len(), 1);
}

fn session_id(db: &Path, title: &str) -> String {
    let list = text(&tafel(db, &["list"]).stdout);
    list.lines()
        .find(|l| l.trim_end().ends_with(title))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string()
}
