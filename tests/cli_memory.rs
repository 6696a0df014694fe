//! The MSF's memory through the real binary: `new --from`, `action`,
//! `respond`, `dossier`, `search`, `report` and `demo --sessions`, and
//! their bad inputs (one line on stderr, a non-zero exit, the database
//! byte for byte as it was).

mod common;

use common::cli::{stderr, stdout, tafel};
use std::path::{Path, PathBuf};
use tafel::domain::NoteKind;
use tafel::domain::memory::{ItemRef, SearchFilter};
use tafel::store::Store;
use tempfile::TempDir;

fn ok(db: &Path, args: &[&str]) -> String {
    let o = tafel(db, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// Runs a command that must fail: one line on stderr, exit 1, and the
/// database file unchanged. Returns the line.
fn refused(db: &Path, args: &[&str]) -> String {
    let before = std::fs::read(db).unwrap();
    let o = tafel(db, args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout(&o));
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
    assert!(e.starts_with("tafel: ") && !e.contains("panicked"), "{e}");
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "{args:?} wrote to the database"
    );
    e
}

/// A database with two demo meetings (a follow-up of the first); their ids.
fn two_meetings(dir: &TempDir) -> (PathBuf, String, String) {
    let db = dir.path().join("t.db");
    let out = ok(
        &db,
        &["--lang", "nl", "demo", "--sessions", "2", "--notes", "200"],
    );
    let ids: Vec<&str> = out.lines().collect();
    assert_eq!(ids.len(), 2, "{out}");
    (db, ids[0].to_string(), ids[1].to_string())
}

/// `PREFIX#NUMBER` of the first live note of `kind` in a session.
fn note_of(db: &Path, session: &str, kind: NoteKind) -> String {
    let store = Store::open(db).unwrap();
    let mut found = None;
    store
        .for_each_export_note_by_number(session, |n| {
            if found.is_none() && n.content.kind == kind {
                found = Some(n.number);
            }
            Ok(())
        })
        .unwrap();
    store.note_ref(session, found.unwrap()).unwrap()
}

#[test]
fn demo_sessions_are_follow_ups_a_dossier_report_and_search_span() {
    let dir = TempDir::new().unwrap();
    let (db, first, second) = two_meetings(&dir);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.follows(&second).unwrap(), Some(first.clone()));
    assert!(!store.carried_actions(&second).unwrap().is_empty());

    // The dossier of AP 4 has every AP 4 note of both meetings.
    let md = ok(&db, &["dossier", "AP 4"]);
    let mut ap4 = 0;
    for session in [&first, &second] {
        let item = store
            .items(session)
            .unwrap()
            .into_iter()
            .find(|i| ItemRef::of(i) == ItemRef::parse("ap4").unwrap())
            .unwrap();
        for note in store.shown_notes_of_item(&item.id).unwrap() {
            ap4 += 1;
            let first_line = note.content.text.lines().next().unwrap();
            let escaped = tafel::export::escape::inline(first_line);
            assert!(md.contains(&escaped), "{first_line}");
        }
    }
    assert!(ap4 >= 4, "AP 4 has notes in both meetings");
    assert!(
        md.starts_with("# Dossier: Actiepunt 4 — Open Standaarden"),
        "{md}"
    );
    for heading in [
        "## Overzicht",
        "## Per stakeholdergroep",
        "## Verloop van de IRM-beoordeling",
        "## Acties en hun status",
        "## Wat er per bijeenkomst is gezegd",
        "### 28 augustus 2025",
        "### 20 november 2025",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert_eq!(
        ok(&db, &["dossier", "ap4"]),
        md,
        "deterministic, any spelling"
    );

    // The year's report lists both meetings with attendance by group.
    let report = ok(&db, &["--lang", "en", "report", "--year", "2025"]);
    assert!(
        report.contains("OGP minimum of two meetings a year:** met (2 meetings)"),
        "{report}"
    );
    for date in ["| 2025-08-28 |", "| 2025-11-20 |"] {
        assert!(report.matches(date).count() >= 4, "{date}: {report}");
    }
    assert!(
        report.contains("| Date | Government | Civil society |"),
        "{report}"
    );
    assert!(report.contains("## Reasoned responses to the inputs"));
    assert!(report.contains("## IRM ratings at the last meeting of the year (20 November 2025)"));
    let none = ok(&db, &["report", "--year", "2024"]);
    assert!(none.contains("not met (0"), "{none}");

    // A search finds a word in both meetings.
    let hits = ok(&db, &["search", "woo"]);
    assert!(
        hits.contains("2025-08-28") && hits.contains("2025-11-20"),
        "{hits}"
    );
    assert!(hits.lines().all(|l| l.contains("«Woo»")), "{hits}");
    let only_ap4 = ok(&db, &["search", "woo*", "--item", "AP 4"]);
    assert!(
        only_ap4.lines().all(|l| l.contains(" · AP 4 · ")),
        "{only_ap4}"
    );
    let only_first = ok(&db, &["search", "woo", "--session", &first]);
    assert!(!only_first.contains("2025-11-20"), "{only_first}");
    assert!(ok(&db, &["search", "zzzyzzy"]).starts_with("nothing found"));
    assert_eq!(
        hits.lines().count(),
        store.search("woo", &SearchFilter::default()).unwrap().len()
    );
}

#[test]
fn new_from_continues_a_meeting_and_its_minutes_show_the_carried_actions() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let first = ok(&db, &["--lang", "nl", "demo", "--notes", "150"]);
    let first = first.trim();
    let id = ok(
        &db,
        &[
            "new",
            "--from",
            &first[..13],
            "--title",
            "MSF voorjaar",
            "--date",
            "2026-03-12",
        ],
    );
    let id = id.trim();
    assert_eq!(id.len(), 36);
    let list = ok(&db, &["list"]);
    assert!(
        list.contains("2026-03-12") && list.contains("MSF voorjaar"),
        "{list}"
    );
    let store = Store::open(&db).unwrap();
    let session = store.session(id).unwrap();
    assert_eq!(session.location, "Den Haag", "from the earlier session");
    assert_eq!(store.tables(id).unwrap().len(), 4);
    assert_eq!(store.participants(id).unwrap().len(), 10);
    let carried = store.carried_actions(id).unwrap();
    assert!(!carried.is_empty());

    let md = ok(&db, &["export", id]);
    assert!(md.contains("## Acties uit eerdere bijeenkomsten"), "{md}");
    assert!(
        md.contains("uit de bijeenkomst van 20 november 2025"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["export", id, "--format", "json"])).unwrap();
    assert_eq!(json["schema"], "tafel-export/2");
    assert_eq!(json["session"]["follows"], first);
    assert_eq!(
        json["carried_actions"].as_array().unwrap().len(),
        carried.len()
    );
    // A version-1 export (none of version 2's fields) still reads.
    let mut v1 = json.clone();
    v1["schema"] = "tafel-export/1".into();
    for field in ["carried_actions", "status_changes", "responses"] {
        v1.as_object_mut().unwrap().remove(field);
    }
    v1["session"].as_object_mut().unwrap().remove("follows");
    for note in v1["notes"].as_array_mut().unwrap() {
        let note = note.as_object_mut().unwrap();
        note.remove("status");
        note.remove("status_trail");
    }
    let old: tafel::export::json::Document = serde_json::from_value(v1).unwrap();
    assert!(old.carried_actions.is_empty() && old.session.follows.is_none());

    // Without --title the earlier title is kept; --from and --agenda exclude each other.
    let again = ok(&db, &["new", "--from", first]);
    assert_eq!(
        store.session(again.trim()).unwrap().title,
        "MSF-bijeenkomst herijking (demo, seed 1)"
    );
    refused(&db, &["new", "--from", "ffffffff"]);
    let o = tafel(&db, &["new", "--from", first, "--agenda", "x.toml"]);
    assert!(!o.status.success());
}

#[test]
fn action_changes_a_status_and_its_bad_inputs_write_nothing() {
    let dir = TempDir::new().unwrap();
    let (db, first, second) = two_meetings(&dir);
    let action = note_of(&db, &second, NoteKind::Action);
    let out = ok(
        &db,
        &[
            "action",
            &action,
            "--status",
            "in_progress",
            "--date",
            "2025-11-21",
        ],
    );
    assert!(
        out.starts_with(&format!("{action}: open → in progress (2025-11-21, ")),
        "{out}"
    );
    let out = ok(
        &db,
        &["--lang", "nl", "action", &action, "--status", "afgerond"],
    );
    assert!(out.contains("in uitvoering → afgerond"), "{out}");
    let md = ok(&db, &["export", &second]);
    assert!(md.contains("## Statuswijzigingen van acties in deze bijeenkomst"));
    assert!(md.contains("open → **in uitvoering**"), "{md}");

    let idea = note_of(&db, &first, NoteKind::Idea);
    let missing = format!("{}#9999", &second[..13]);
    for (args, says) in [
        (
            vec!["action", &action, "--status", "klaar"],
            "unknown status `klaar`",
        ),
        (vec!["action", &action, "--status", "done"], "already"),
        (
            vec!["action", &missing, "--status", "done"],
            "no note #9999",
        ),
        (
            vec!["action", "ffffffff#1", "--status", "done"],
            "no session",
        ),
        (
            vec!["action", "zonder-hekje", "--status", "done"],
            "SESSION#NUMBER",
        ),
        (vec!["action", &idea, "--status", "done"], "not an action"),
        (
            vec!["action", &action, "--status", "open", "--session", "ffff"],
            "no session",
        ),
        (
            vec!["action", &action, "--status", "open", "--date", "gisteren"],
            "YYYY-MM-DD",
        ),
    ] {
        let e = refused(&db, &args);
        assert!(e.contains(says), "{args:?}: {e}");
    }
}

#[test]
fn respond_records_a_reasoned_response_and_its_bad_inputs_write_nothing() {
    let dir = TempDir::new().unwrap();
    let (db, first, _) = two_meetings(&dir);
    let question = note_of(&db, &first, NoteKind::Question);
    let out = ok(
        &db,
        &[
            "respond",
            &question,
            "--status",
            "answered",
            "--reason",
            "Zie de Woo-index",
            "--by",
            "Programmateam Open Overheid",
            "--date",
            "2025-12-01",
        ],
    );
    assert_eq!(out, format!("{question}: answered (2025-12-01)\n"));
    let md = ok(&db, &["export", &first]);
    assert!(md.contains("## Gemotiveerde reactie"), "{md}");
    assert!(md.contains("**beantwoord**: Zie de Woo-index · door Programmateam Open Overheid"));
    let hit = ok(&db, &["search", "woo-index"]);
    assert!(hit.contains("response: answered"), "{hit}");
    let anon = ok(&db, &["export", &first, "--anonymize"]);
    assert!(
        !anon.contains("Programmateam"),
        "the giver is a name tafel knows"
    );

    let observation = note_of(&db, &first, NoteKind::Observation);
    for (args, says) in [
        (
            vec!["respond", &question, "--status", "maybe", "--reason", "x"],
            "unknown response status `maybe`",
        ),
        (
            vec![
                "respond",
                &observation,
                "--status",
                "adopted",
                "--reason",
                "x",
            ],
            "only ideas, concerns",
        ),
        (
            vec!["respond", &question, "--status", "adopted", "--reason", " "],
            "needs a reason",
        ),
        (
            vec![
                "respond",
                "ffffffff#1",
                "--status",
                "adopted",
                "--reason",
                "x",
            ],
            "no session",
        ),
    ] {
        let e = refused(&db, &args);
        assert!(e.contains(says), "{args:?}: {e}");
    }
}

#[test]
fn dossier_formats_files_and_bad_inputs() {
    let dir = TempDir::new().unwrap();
    let (db, _, _) = two_meetings(&dir);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["dossier", "BV 2", "--format", "json"])).unwrap();
    assert_eq!(json["schema"], "tafel-dossier/1");
    assert_eq!(json["item"]["kind"], "policy_question");
    assert_eq!(json["sessions"].as_array().unwrap().len(), 2);
    let doc: tafel::export::dossier::DossierDocument =
        serde_json::from_value(json.clone()).unwrap();
    assert!(doc.sessions.iter().all(|s| !s.notes.is_empty()));

    let only_second = ok(
        &db,
        &[
            "dossier",
            "PQ 2",
            "--from",
            "2025-09-01",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&only_second).unwrap();
    assert_eq!(v["sessions"].as_array().unwrap().len(), 1);

    let anon = ok(&db, &["dossier", "AP 4", "--anonymize"]);
    assert!(
        !anon.contains("Anouk") && !anon.contains("Noor Hendriks"),
        "{anon}"
    );
    assert!(anon.contains("Geanonimiseerd"));

    let file = dir.path().join("ap4.md");
    assert_eq!(
        ok(&db, &["dossier", "AP 4", "-o", file.to_str().unwrap()]),
        ""
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("# Dossier")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let e = refused(&db, &["dossier", "AP 4", "-o", file.to_str().unwrap()]);
    assert!(e.contains("--force"), "{e}");
    ok(
        &db,
        &["dossier", "AP 4", "-o", file.to_str().unwrap(), "--force"],
    );

    for (args, says) in [
        (vec!["dossier", "AP 99"], "no session has AP 99"),
        (vec!["dossier", "XY 4"], "not an item"),
        (
            vec!["dossier", "AP 4", "--from", "2030-01-01"],
            "no session dated 2030-01-01",
        ),
        (vec!["dossier", "AP 4", "--to", "morgen"], "YYYY-MM-DD"),
    ] {
        let e = refused(&db, &args);
        assert!(e.contains(says), "{args:?}: {e}");
    }
    assert!(!dir.path().join("missing.md").exists());
}

#[test]
fn search_and_report_bad_inputs_are_one_line() {
    let dir = TempDir::new().unwrap();
    let (db, _, _) = two_meetings(&dir);
    for query in ["\"unbalanced", "NEAR(", "(((", "woo OR", "   "] {
        let e = refused(&db, &["search", query]);
        assert!(e.contains("search"), "{query}: {e}");
    }
    refused(&db, &["search", "woo", "--session", "ffffffff"]);
    refused(&db, &["search", "woo", "--item", "AP"]);
    let e = refused(&db, &["report", "--year", "twintig"]);
    assert!(e.contains("--year"), "{e}");
    let file = dir.path().join("jaar.md");
    ok(
        &db,
        &["report", "--year", "2025", "-o", file.to_str().unwrap()],
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("| 2025-08-28 |")
    );
    refused(
        &db,
        &["report", "--year", "2025", "-o", file.to_str().unwrap()],
    );
    refused(&db, &["demo", "--sessions", "0"]);
}
