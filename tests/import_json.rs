//! `tafel import FILE.json`: an export comes back as itself (export →
//! import into an empty database → export gives the same bytes, a
//! property), a version-1 export is read, importing into a database that
//! holds the session merges, and bad files are one line that changes
//! nothing.

mod common;

use chrono::NaiveDate;
use common::cli::tafel;
use common::laptops::{add, everything, meeting};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use tafel::domain::memory::ResponseInput;
use tafel::domain::{
    ActionState, IrmLevel, NoteContent, NoteInput, NoteKind, ResponseStatus, Session,
    StakeholderGroup,
};
use tafel::import::json;
use tafel::store::Store;
use tempfile::TempDir;

fn export(store: &Store, s: &Session) -> Vec<u8> {
    let mut out = Vec::new();
    tafel::export::write_json(store, s, false, &mut out).unwrap();
    out
}

fn import(store: &mut Store, file: &Path) -> tafel::store::MergeReport {
    let rows = json::rows(json::read(file).unwrap());
    store.import_rows(&rows, file, false).unwrap()
}

/// A note as the generator makes it.
#[derive(Debug, Clone)]
struct Gen {
    item: usize,
    kind: usize,
    text: String,
    who: usize,
    tags: bool,
    votes: (u32, u32),
    due: Option<u32>,
    edit: Option<String>,
    delete: bool,
    status: Vec<usize>,
    respond: bool,
}

fn gen_note() -> impl Strategy<Value = Gen> {
    (
        (0usize..4, 0usize..6, "\\PC{1,30}", 0usize..4, any::<bool>()),
        (
            (0u32..3, 0u32..3),
            prop::option::of(1u32..28),
            prop::option::of("[a-z][a-zé\n\"\\\\]{0,10}"),
        ),
        (
            prop::bool::weighted(0.15),
            prop::collection::vec(1usize..4, 0..3),
            any::<bool>(),
        ),
    )
        .prop_map(
            |((item, kind, text, who, tags), (votes, due, edit), (delete, status, respond))| Gen {
                item,
                kind,
                text,
                who,
                tags,
                votes,
                due,
                edit,
                delete,
                status,
                respond,
            },
        )
}

/// A meeting holding the generated notes, with ratings, status changes,
/// responses, a deleted participant and a deleted table.
fn build(dir: &Path, notes: &[Gen], ratings: &[(usize, usize)]) -> (PathBuf, Session) {
    let (main, s) = meeting(dir);
    let mut st = Store::open(&main).unwrap();
    let gone = st
        .create_participant(&s.id, Some("Weg"), None, StakeholderGroup::Anders)
        .unwrap();
    let spare = st.create_table(&s.id, "Reserve", "", 10).unwrap();
    let people = st.participants(&s.id).unwrap();
    let items = st.items(&s.id).unwrap();
    let dims = st.dimensions(&s.id).unwrap();
    let tables = st.tables(&s.id).unwrap();
    for g in notes {
        let kind = NoteKind::ALL[g.kind];
        let input = NoteInput {
            item_id: items[g.item].id.clone(),
            table_id: tables.get(g.item / 2).map(|t| t.id.clone()),
            content: NoteContent {
                kind,
                text: if g.text.trim().is_empty() {
                    "x".into()
                } else {
                    g.text.clone()
                },
                participant_id: people.get(g.who).map(|p| p.id.clone()),
                group: people.get(g.who).map(|p| p.group),
                tags: if g.tags {
                    vec![dims[0].key.clone()]
                } else {
                    vec![]
                },
                owner: if kind == NoteKind::Action {
                    "BZK".into()
                } else {
                    String::new()
                },
                due: g.due.map(|d| NaiveDate::from_ymd_opt(2026, 2, d).unwrap()),
            },
            votes_for: g.votes.0,
            votes_against: g.votes.1,
            round: Some(1),
        };
        let n = st.add_note(&s.id, &input).unwrap();
        if let Some(e) = &g.edit {
            let mut i = n.input();
            i.content.text = e.clone();
            st.update_note(&n.id, &i).unwrap();
        }
        if kind == NoteKind::Action {
            let mut last = ActionState::Open;
            for (day, k) in g.status.iter().enumerate() {
                let state = ActionState::ALL[*k];
                if state != last {
                    let on = NaiveDate::from_ymd_opt(2025, 11, 20 + day as u32).unwrap();
                    st.set_action_status(&n.id, state, &s.id, on).unwrap();
                    last = state;
                }
            }
        }
        if g.respond && tafel::domain::memory::takes_response(kind) {
            let input = ResponseInput {
                status: ResponseStatus::UnderConsideration,
                reason: format!("omdat {}", g.text.chars().take(5).collect::<String>()),
                by: "PROO".into(),
                on: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
            };
            st.respond(&n.id, &input).unwrap();
        }
        if g.delete {
            st.delete_note(&n.id).unwrap();
        }
    }
    for (item, level) in ratings {
        st.set_rating(&s.id, &items[*item].id, IrmLevel::ALL[*level], "zo")
            .unwrap();
    }
    st.delete_participant(&gone.id).unwrap();
    st.delete_table(&spare.id).unwrap();
    (main, s)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_gives_the_same_bytes(
        notes in prop::collection::vec(gen_note(), 0..25),
        ratings in prop::collection::vec((0usize..4, 0usize..5), 0..4),
    ) {
        let dir = TempDir::new().unwrap();
        let (main, s) = build(dir.path(), &notes, &ratings);
        let first = export(&Store::open(&main).unwrap(), &s);
        let file = dir.path().join("export.json");
        std::fs::write(&file, &first).unwrap();
        let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
        import(&mut empty, &file);
        let again = export(&empty, &s);
        prop_assert_eq!(String::from_utf8(again).unwrap(), String::from_utf8(first).unwrap());
        // Into the database it came from: nothing changes.
        let mut m = Store::open(&main).unwrap();
        let before = everything(&m);
        let r = import(&mut m, &file);
        prop_assert_eq!(r.summary(), "nothing new");
        prop_assert_eq!(everything(&m), before);
        // Twice into the new one: nothing new.
        prop_assert_eq!(import(&mut empty, &file).summary(), "nothing new");
    }
}

#[test]
fn a_version_1_export_is_read() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let mut st = Store::open(&main).unwrap();
    add(&mut st, &s, 0, NoteKind::Idea, "een idee");
    add(&mut st, &s, 1, NoteKind::Action, "een actie");
    let mut v: serde_json::Value = serde_json::from_slice(&export(&st, &s)).unwrap();
    v["schema"] = "tafel-export/1".into();
    for f in ["carried_actions", "status_changes", "responses"] {
        v.as_object_mut().unwrap().remove(f);
    }
    v["session"].as_object_mut().unwrap().remove("follows");
    for n in v["notes"].as_array_mut().unwrap() {
        n.as_object_mut().unwrap().remove("status");
        n.as_object_mut().unwrap().remove("status_trail");
    }
    let file = dir.path().join("v1.json");
    std::fs::write(&file, serde_json::to_vec(&v).unwrap()).unwrap();
    let mut other = Store::open(&dir.path().join("other.db")).unwrap();
    let r = import(&mut other, &file);
    assert_eq!(
        r.summary(),
        "1 new session, 2 new notes, 2 participants, 2 tables"
    );
    assert_eq!(export(&other, &s), export(&st, &s));
}

#[test]
fn importing_a_session_held_here_merges_it() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let mut st = Store::open(&main).unwrap();
    let kept = add(&mut st, &s, 0, NoteKind::Idea, "hier");
    drop(st);
    let copy = dir.path().join("copy.db");
    std::fs::copy(&main, &copy).unwrap();
    // Elsewhere (a copy of the file): one note more, one changed.
    let mut c = Store::open(&copy).unwrap();
    add(&mut c, &s, 1, NoteKind::Concern, "daar");
    common::laptops::edit(&mut c, &kept, "hier, beter gezegd");
    let file = dir.path().join("copy.json");
    std::fs::write(&file, export(&c, &s)).unwrap();
    let mut m = Store::open(&main).unwrap();
    let r = import(&mut m, &file);
    // An export carries no note's earlier versions: ours, older and
    // different, is kept aside as a conflict rather than assumed seen.
    assert_eq!(r.summary(), "1 new note, 1 updated, 1 conflict");
    assert_eq!(r.conflicts[0].other_text, "hier");
    assert_eq!(m.note(&kept).unwrap().content.text, "hier, beter gezegd");
    assert_eq!(export(&m, &s), export(&c, &s));
    assert!(
        m.note_origins(&s.id).unwrap().is_empty(),
        "a JSON import is no laptop"
    );
}

#[test]
fn the_command_imports_and_refuses_bad_files_in_one_line() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    add(
        &mut Store::open(&main).unwrap(),
        &s,
        0,
        NoteKind::Idea,
        "idee",
    );
    let o = tafel(&main, &["export", &s.id, "--format", "json"]);
    let good = dir.path().join("good.json");
    std::fs::write(&good, &o.stdout).unwrap();
    let anon = dir.path().join("anon.json");
    let o = tafel(&main, &["export", &s.id, "--format", "json", "--anonymize"]);
    std::fs::write(&anon, &o.stdout).unwrap();
    let newer = dir.path().join("newer.json");
    std::fs::write(
        &newer,
        String::from_utf8(o.stdout.clone())
            .unwrap()
            .replace("tafel-export/2", "tafel-export/9"),
    )
    .unwrap();
    let foreign = dir.path().join("foreign.json");
    std::fs::write(&foreign, "{\"name\": \"iets anders\"}").unwrap();
    let broken = dir.path().join("broken.json");
    let text = String::from_utf8(std::fs::read(&good).unwrap()).unwrap();
    std::fs::write(
        &broken,
        text.replacen("\"kind\":\"idea\"", "\"kind\":\"droom\"", 1),
    )
    .unwrap();

    let db = dir.path().join("new.db");
    let out = tafel(&db, &["import", good.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "dry run, nothing written: {} would bring 1 new session, 1 new note, 2 participants, 2 tables\n",
            good.display()
        )
    );
    let before = std::fs::read(&db).unwrap();
    for (file, what) in [
        (&anon, "anonymised"),
        (&newer, "newer than this tafel reads"),
        (&foreign, "not a tafel JSON export"),
        (&broken, ":1"),
        (&dir.path().join("missing.json"), "missing.json"),
    ] {
        let o = tafel(&db, &["import", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let e = String::from_utf8(o.stderr).unwrap();
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(e.starts_with("tafel: ") && e.contains(what), "{e}");
        assert_eq!(std::fs::read(&db).unwrap(), before);
    }
    let broken_line =
        String::from_utf8(tafel(&db, &["import", broken.to_str().unwrap()]).stderr).unwrap();
    assert!(
        broken_line.contains("broken.json:") && broken_line.contains("droom"),
        "{broken_line}"
    );
    let out = tafel(&db, &["import", good.to_str().unwrap()]);
    assert!(out.status.success());
    let out = tafel(&db, &["export", &s.id, "--format", "json"]);
    assert_eq!(out.stdout, std::fs::read(&good).unwrap());
}
