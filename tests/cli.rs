//! The real `tafel` binary, run without a terminal.

use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

fn tafel(args: &[&str], env_db: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tafel"));
    cmd.args(args).env_remove("TAFEL_DB").env("LANG", "C");
    if let Some(db) = env_db {
        cmd.env("TAFEL_DB", db);
    }
    cmd.output().expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn db_flag_and_env_are_honoured() {
    let dir = TempDir::new().unwrap();
    let by_flag = dir.path().join("flag/a.db");
    let by_env = dir.path().join("env/b.db");
    let o = tafel(
        &[
            "--db",
            by_flag.to_str().unwrap(),
            "new",
            "--title",
            "Via vlag",
        ],
        Some(&by_env),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(by_flag.exists(), "--db wins over TAFEL_DB");
    assert!(!by_env.exists());
    let o = tafel(
        &["new", "--title", "Via env", "--date", "2025-11-20"],
        Some(&by_env),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(by_env.exists());
    let list = tafel(&["list"], Some(&by_env));
    let out = stdout(&list);
    assert!(
        out.contains("Via env") && !out.contains("Via vlag"),
        "{out}"
    );
    assert!(out.contains("2025-11-20"), "{out}");
}

#[test]
fn new_prints_an_id_that_list_shows_with_counts() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let o = tafel(
        &[
            "new",
            "--title",
            "MSF",
            "--location",
            "Utrecht",
            "--facilitator",
            "F",
        ],
        Some(&db),
    );
    let id = stdout(&o).trim().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let o = tafel(&["list"], Some(&db));
    let line = stdout(&o).lines().nth(1).unwrap().to_string();
    assert!(line.starts_with(&id), "{line}");
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&cols[2..6], ["0", "23", "0", "MSF"]);
}

#[test]
fn demo_then_list() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let o = tafel(&["demo", "--notes", "1500", "--seed", "3"], Some(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = tafel(&["list"], Some(&db));
    let line = stdout(&o).lines().nth(1).unwrap().to_string();
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&cols[2..5], ["4", "23", "1500"], "{line}");
}

#[test]
fn agenda_check_ok_and_errors() {
    let dir = TempDir::new().unwrap();
    let bundled = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/agendas/actieplan-open-overheid-2023-2027.toml"
    );
    let o = tafel(&["agenda", "check", bundled], None);
    assert!(o.status.success());
    assert!(
        stdout(&o)
            .contains("17 action points, 6 policy questions, 7 dimensions, 13 advices, 4 themes")
    );
    assert_eq!(
        stderr(&o),
        "",
        "every item of the bundled agenda is in a theme"
    );

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[agenda]\nname = \"x\"\nversion = \"1\"\n\n[[action_points]]\nnumber = 1\ntitle = \"a\"\nstatus = [\"bezig\"]\n\n[[action_points]]\nnumber = 1\ntitle = \"b\"\n",
    )
    .unwrap();
    let before = std::fs::read(&bad).unwrap();
    let o = tafel(&["agenda", "check", bad.to_str().unwrap()], None);
    assert!(!o.status.success());
    let b = bad.display().to_string();
    assert_eq!(
        stderr(&o),
        format!(
            "{b}:8:11: unknown status `bezig` (known: afgerond, doorgezet)\n{b}:11:10: duplicate action point number 1 (first used on line 6)\n"
        )
    );
    assert_eq!(std::fs::read(&bad).unwrap(), before);

    std::fs::write(&bad, b"[agenda]\nname = \"\xff\xfe\"\n").unwrap();
    let o = tafel(&["agenda", "check", bad.to_str().unwrap()], None);
    assert!(!o.status.success());
    assert_eq!(stderr(&o), format!("{b}:2:9: file is not valid UTF-8\n"));

    let o = tafel(
        &[
            "agenda",
            "check",
            dir.path().join("missing.toml").to_str().unwrap(),
        ],
        None,
    );
    assert!(!o.status.success());
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn agenda_check_warns_of_an_item_in_no_theme_and_refuses_an_unknown_one() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("themes.toml");
    let head = "[agenda]\nname = \"x\"\nversion = \"1\"\n\n[[action_points]]\nnumber = 1\ntitle = \"a\"\n\n[[action_points]]\nnumber = 2\ntitle = \"b\"\n\n[[themes]]\nname = \"T\"\n";
    std::fs::write(&file, format!("{head}action_points = [1]\n")).unwrap();
    let f = file.display().to_string();
    let o = tafel(&["agenda", "check", &f], None);
    assert!(o.status.success(), "a warning is not an error");
    assert_eq!(
        stderr(&o),
        format!("{f}:10:10: warning: action point 2 is in no theme\n")
    );
    assert!(
        stdout(&o).contains(": ok — x (1): 2 action points"),
        "{}",
        stdout(&o)
    );

    std::fs::write(&file, format!("{head}action_points = [1, 2, 3]\n")).unwrap();
    let o = tafel(&["agenda", "check", &f], None);
    assert!(!o.status.success());
    assert_eq!(
        stderr(&o),
        format!(
            "{f}:15:24: theme `T`: unknown action point 3 (not among [[action_points]] numbers)\n"
        )
    );
}

#[test]
fn agenda_show_prints_bundled_or_file() {
    let o = tafel(&["agenda", "show"], None);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Transparantie over algoritmes"));
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/example-agenda.toml");
    let o = tafel(&["agenda", "show", "--agenda", example], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Actiepunten (2)"), "{}", stdout(&o));
}

#[test]
fn new_with_own_agenda() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/example-agenda.toml");
    let o = tafel(&["new", "--title", "Eigen", "--agenda", example], Some(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let line = stdout(&tafel(&["list"], Some(&db)))
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    assert!(
        line.split_whitespace().nth(3) == Some("3"),
        "2 points + 1 question: {line}"
    );
}

#[test]
fn bad_input_gets_one_line_and_non_zero_exit() {
    let dir = TempDir::new().unwrap();
    let not_db = dir.path().join("notes.txt");
    std::fs::write(&not_db, "just text").unwrap();
    for args in [
        vec!["--db", not_db.to_str().unwrap(), "list"],
        vec!["--db", dir.path().to_str().unwrap(), "list"],
        vec!["--db", not_db.to_str().unwrap(), "export"],
    ] {
        let o = tafel(&args, None);
        assert!(!o.status.success(), "{args:?}");
        let e = stderr(&o);
        assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
        assert!(e.starts_with("tafel: "), "{e}");
        assert!(!e.contains("panicked") && !e.contains("backtrace"), "{e}");
    }
    assert_eq!(std::fs::read(&not_db).unwrap(), b"just text");

    // A command that only reads makes no database (see tests/readonly.rs)…
    let empty = dir.path().join("empty.db");
    let o = tafel(&["list"], Some(&empty));
    assert!(!o.status.success() && !empty.exists());
    // …but an empty list of one that exists is not an error.
    assert!(tafel(&["backup", "now"], Some(&empty)).status.success());
    let o = tafel(&["list"], Some(&empty));
    assert!(o.status.success(), "an empty list is not an error");
    assert!(stdout(&o).contains("no sessions yet"));
}

#[cfg(unix)]
#[test]
fn unwritable_db_folder_is_one_line() {
    let o = tafel(&["--db", "/proc/tafel-cannot/x.db", "list"], None);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("/proc/tafel-cannot"), "{e}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    assert!(
        tafel(&["demo", "--notes", "50"], Some(&db))
            .status
            .success()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_tafel"))
        .args(["export"])
        .env("TAFEL_DB", &db)
        .env("LANG", "C")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // Close the reading end before tafel writes: every write is a broken pipe.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}
