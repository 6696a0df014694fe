//! `tafel handout` and `tafel merge` through the real binary: what they
//! print, and that bad files are one line with both databases left byte
//! for byte as they were.

mod common;

use common::cli::tafel;
use common::laptops::{add, edit, handout, meeting};
use std::path::Path;
use tafel::domain::NoteKind;
use tafel::store::{MIGRATIONS, Store};
use tempfile::TempDir;

fn ok(db: &Path, args: &[&str]) -> String {
    let o = tafel(db, args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{args:?}: {err}");
    String::from_utf8(o.stdout).unwrap()
}

/// A command that must fail with one line, leaving `files` as they were.
fn refused(db: &Path, args: &[&str], files: &[&Path]) -> String {
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let o = tafel(db, args);
    assert_eq!(o.status.code(), Some(1), "{args:?}");
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
    assert!(e.starts_with("tafel: ") && !e.contains("panicked"), "{e}");
    for (f, b) in files.iter().zip(before) {
        assert_eq!(std::fs::read(f).unwrap(), b, "{} changed", f.display());
    }
    e
}

#[test]
fn handout_writes_a_new_database_and_never_replaces_one() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let out = dir.path().join("tafel-data.db");
    let o = ok(
        &main,
        &[
            "handout",
            &s.id[..13],
            "--table",
            "data",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        o.contains("hand-out of MSF") && o.contains("table Data"),
        "{o}"
    );
    assert!(o.contains(&format!("tafel --db {}", out.display())), "{o}");
    let list = ok(&out, &["list"]);
    assert!(list.contains(&s.id), "{list}");
    let e = refused(
        &main,
        &["handout", &s.id, "-o", out.to_str().unwrap()],
        &[&main, &out],
    );
    assert!(e.contains("already exists"), "{e}");
    let other = dir.path().join("x.db");
    let e = refused(
        &main,
        &[
            "handout",
            &s.id,
            "--table",
            "Keuken",
            "-o",
            other.to_str().unwrap(),
        ],
        &[&main],
    );
    assert!(e.contains("no table `Keuken`"), "{e}");
    assert!(!other.exists());
    refused(
        &main,
        &["handout", "nope", "-o", other.to_str().unwrap()],
        &[&main],
    );
    assert!(!other.exists());
}

#[test]
fn merge_says_what_arrived_and_lists_conflicts() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let a = handout(&main, &s, "Data", "a");
    let b = handout(&main, &s, "Woo", "b");
    let shared = add(
        &mut Store::open(&a).unwrap(),
        &s,
        0,
        NoteKind::Idea,
        "samen",
    );
    Store::open(&b).unwrap().merge_file(&a, false).unwrap();
    edit(
        &mut Store::open(&a).unwrap(),
        &shared,
        "zo zegt tafel a het",
    );
    std::thread::sleep(std::time::Duration::from_millis(5));
    {
        let mut lb = Store::open(&b).unwrap();
        edit(&mut lb, &shared, "zo zegt tafel b het");
        add(&mut lb, &s, 2, NoteKind::Concern, "nog een zorg");
        lb.create_participant(
            &s.id,
            Some("Cor"),
            None,
            tafel::domain::StakeholderGroup::Anders,
        )
        .unwrap();
    }
    let a_str = a.to_str().unwrap();
    let b_str = b.to_str().unwrap();
    assert_eq!(
        ok(&main, &["merge", a_str]),
        format!("{a_str}: 1 new note\n")
    );
    // A dry run prints what would come and writes nothing.
    let before = std::fs::read(&main).unwrap();
    let dry = ok(&main, &["merge", b_str, "--dry-run"]);
    assert!(dry.starts_with(&format!(
        "dry run, nothing written: {b_str} would bring 1 new note, 1 updated, 1 conflict, 1 participant\n"
    )), "{dry}");
    assert_eq!(std::fs::read(&main).unwrap(), before);
    let out = ok(&main, &["merge", b_str]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("{b_str}: 1 new note, 1 updated, 1 conflict, 1 participant")
    );
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[1].starts_with(&format!(
            "conflict {}#1: kept \"zo zegt tafel b het\"",
            &s.id[..8]
        )) && lines[1].contains("the other version \"zo zegt tafel a het\"")
            && lines[1].contains("from this database"),
        "{}",
        lines[1]
    );
    assert_eq!(
        ok(&main, &["merge", b_str]),
        format!("{b_str}: nothing new\n")
    );
    assert_eq!(
        ok(&main, &["merge", a_str]),
        format!("{a_str}: nothing new\n")
    );
    let list = ok(&main, &["list"]);
    assert!(list.contains("       2  MSF"), "{list}");
}

#[test]
fn bad_files_are_one_line_and_nothing_changes() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let text = dir.path().join("notes.db");
    std::fs::write(
        &text,
        "Dit is geen database, maar een boodschappenlijstje.\n".repeat(5),
    )
    .unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soep');")
        .unwrap();
    let newer = dir.path().join("newer.db");
    let mut all = MIGRATIONS.to_vec();
    all.push("CREATE TABLE later (x);");
    drop(Store::open_with_migrations(&newer, &all).unwrap());
    let truncated = dir.path().join("truncated.db");
    {
        let a = handout(&main, &s, "Data", "full");
        let mut la = Store::open(&a).unwrap();
        for i in 0..200 {
            add(
                &mut la,
                &s,
                0,
                NoteKind::Idea,
                &format!("{i} {}", "tekst ".repeat(50)),
            );
        }
        drop(la);
        let bytes = std::fs::read(&a).unwrap();
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    }
    for (file, what) in [
        (&text, "not a SQLite database"),
        (&foreign, "another application"),
        (&newer, "newer tafel"),
        (&truncated, "damaged or truncated"),
    ] {
        let e = refused(&main, &["merge", file.to_str().unwrap()], &[&main, file]);
        assert!(
            e.contains(what) && e.contains(&file.display().to_string()),
            "{e}"
        );
    }
    let e = refused(&main, &["merge", main.to_str().unwrap()], &[&main]);
    assert!(e.contains("itself"), "{e}");
    refused(&main, &["merge", "/nonexistent/x.db"], &[&main]);
}

#[test]
fn a_failure_in_the_middle_leaves_this_database_as_it_was() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let a = handout(&main, &s, "Data", "a");
    {
        let mut la = Store::open(&a).unwrap();
        add(&mut la, &s, 0, NoteKind::Idea, "goed");
        la.create_participant(
            &s.id,
            Some("Cor"),
            None,
            tafel::domain::StakeholderGroup::Anders,
        )
        .unwrap();
    }
    {
        let c = rusqlite::Connection::open(&a).unwrap();
        c.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        c.execute(
            "INSERT INTO note (id, session_id, number, item_id, kind, text, created_at, updated_at)
             VALUES ('0190a000-0000-7000-8000-00000000beef', ?1, 50, 'weg', 'idea', 'kapot',
                     '2025-11-20T10:00:00.000Z', '2025-11-20T10:00:00.000Z')",
            [&s.id],
        )
        .unwrap();
    }
    let e = refused(&main, &["merge", a.to_str().unwrap()], &[&main, &a]);
    assert!(
        e.contains("cannot be merged") && e.contains("not changed"),
        "{e}"
    );
}
