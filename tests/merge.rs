//! Several laptops, one record, at the store: hand-outs, merges (numbers and
//! origins, conflicts, the delete rule, all or nothing, files refused and
//! left alone), and the properties: any order of merging gives the same
//! notes, ratings and participants, and merging twice is merging once.

mod common;

use common::laptops::{add, content, dump, edit, everything, handout, meeting, numbers, texts};
use proptest::prelude::*;
use std::path::Path;
use tafel::Error;
use tafel::domain::{IrmLevel, NoteKind, StakeholderGroup};
use tafel::store::{MIGRATIONS, PageAt, Store};
use tempfile::TempDir;

fn open(p: &Path) -> Store {
    Store::open(p).unwrap()
}

#[test]
fn a_handout_holds_the_session_and_opens_at_its_table() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let m = open(&main);
    add(&mut open(&main), &s, 0, NoteKind::Idea, "stays in main");
    let h = handout(&main, &s, "woo", "woo");
    let h = open(&h);
    assert_eq!(h.sessions().unwrap(), vec![m.session(&s.id).unwrap()]);
    assert_eq!(h.items(&s.id).unwrap(), m.items(&s.id).unwrap());
    assert_eq!(h.tables(&s.id).unwrap(), m.tables(&s.id).unwrap());
    assert_eq!(
        h.participants(&s.id).unwrap(),
        m.participants(&s.id).unwrap()
    );
    assert_eq!(h.dimensions(&s.id).unwrap(), m.dimensions(&s.id).unwrap());
    assert_eq!(h.programme(&s.id).unwrap(), m.programme(&s.id).unwrap());
    assert_eq!(h.themes(&s.id).unwrap(), m.themes(&s.id).unwrap());
    assert_eq!(dump(&h, "SELECT count(*) FROM note"), ["Integer(0)"]);
    let woo = m.tables(&s.id).unwrap()[1].clone();
    assert_eq!(h.handout_table(&s.id).unwrap(), Some(woo.id.clone()));
    let place = h.place(&s.id).unwrap().unwrap();
    assert_eq!(place.table_id, Some(woo.id.clone()));
    assert_eq!(place.item_id.as_ref(), woo.item_ids.first());
    assert_ne!(h.database_id().unwrap(), m.database_id().unwrap());
    assert_eq!(h.database_label().unwrap(), "Woo");
    assert_eq!(h.integrity_check().unwrap(), "ok");
}

#[test]
fn a_handout_never_replaces_a_file_and_names_unknown_tables() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let out = dir.path().join("there.db");
    std::fs::write(&out, "mine").unwrap();
    let mut m = open(&main);
    let e = m.handout(&s.id, None, &out).unwrap_err();
    assert_eq!(e.io_kind(), Some(std::io::ErrorKind::AlreadyExists), "{e}");
    assert_eq!(std::fs::read(&out).unwrap(), b"mine");
    let e = m
        .handout(&s.id, Some("Keuken"), &dir.path().join("k.db"))
        .unwrap_err();
    assert!(e.to_string().contains("no table `Keuken`"), "{e}");
    assert!(!dir.path().join("k.db").exists());
    // Nothing left behind: main.db, its WAL files, there.db.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn notes_arrive_with_new_numbers_and_their_origin() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let a = handout(&main, &s, "Data", "a");
    let b = handout(&main, &s, "Woo", "b");
    let mut m = open(&main);
    add(&mut m, &s, 0, NoteKind::Idea, "main 1");
    add(&mut m, &s, 0, NoteKind::Idea, "main 2");
    let mut la = open(&a);
    let a1 = add(&mut la, &s, 0, NoteKind::Concern, "a 1");
    add(&mut la, &s, 1, NoteKind::Question, "a 2");
    add(&mut la, &s, 1, NoteKind::Observation, "a 3");
    la.set_rating(
        &s.id,
        &la.items(&s.id).unwrap()[0].id,
        IrmLevel::Limited,
        "a",
    )
    .unwrap();
    la.create_participant(&s.id, Some("Cor"), None, StakeholderGroup::Bedrijfsleven)
        .unwrap();
    drop(la);
    let mut lb = open(&b);
    add(&mut lb, &s, 2, NoteKind::Idea, "b 1");
    add(&mut lb, &s, 3, NoteKind::Idea, "b 2");
    drop(lb);

    let r = m.merge_file(&a, false).unwrap();
    assert_eq!(r.summary(), "3 new notes, 1 participant, 1 rating");
    let r = m.merge_file(&b, false).unwrap();
    assert_eq!(r.summary(), "2 new notes");
    assert_eq!(numbers(&m, &s), [1, 2, 3, 4, 5, 6, 7]);
    let origins = m.note_origins(&s.id).unwrap();
    let o = &origins[&a1];
    assert_eq!((o.label.as_str(), o.number), ("Data", 1));
    assert_eq!(o.cite(), "Data #1");
    assert_eq!(m.note(&a1).unwrap().number, 3);
    assert_eq!(origins.len(), 5);
    let summary = &m.session_summaries().unwrap()[0];
    assert_eq!((summary.notes, summary.merged_from), (7, 2));
    // As the run screen reads them: a page of the item's notes.
    let item = &m.items(&s.id).unwrap()[0].id;
    let page = m.note_page(&s.id, item, &PageAt::Last, 128).unwrap();
    let cited: Vec<Option<String>> = page
        .notes
        .iter()
        .map(|n| n.origin.as_ref().map(|o| o.cite()))
        .collect();
    assert_eq!(cited, [None, None, Some("Data #1".to_string())]);
    // The minutes say it too, of the merged notes only.
    let session = m.session(&s.id).unwrap();
    let md = common::fixture::markdown(&m, &session, tafel::domain::Lang::Nl, false);
    let line_of = |text: &str| {
        let mut lines = md.lines();
        lines.find(|l| l.contains(text)).unwrap();
        lines.next().unwrap().to_string()
    };
    assert!(line_of("a 1").contains("genoteerd op Data #1"), "{md}");
    assert!(line_of("b 2").contains("genoteerd op Woo #2"), "{md}");
    assert!(!line_of("main 1").contains("genoteerd op"), "{md}");
    assert_eq!(md.matches("genoteerd op").count(), 5, "{md}");

    // Again: nothing new, nothing changed.
    let before = everything(&m);
    assert_eq!(m.merge_file(&a, false).unwrap().summary(), "nothing new");
    assert_eq!(m.merge_file(&b, false).unwrap().summary(), "nothing new");
    assert_eq!(everything(&m), before);

    // A laptop that merged main keeps the origins main knew.
    let mut lb = open(&b);
    let r = lb.merge_file(&main, false).unwrap();
    assert_eq!(r.notes, 5);
    let o = &lb.note_origins(&s.id).unwrap()[&a1];
    assert_eq!((o.label.as_str(), o.number), ("Data", 1));
}

#[test]
fn notes_into_an_empty_session_keep_their_numbers() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let a = handout(&main, &s, "Data", "a");
    let mut la = open(&a);
    for i in 0..4 {
        add(&mut la, &s, 0, NoteKind::Idea, &format!("a {i}"));
    }
    let gone = add(&mut la, &s, 0, NoteKind::Idea, "gone");
    add(&mut la, &s, 0, NoteKind::Idea, "last");
    la.delete_note(&gone).unwrap();
    drop(la);
    let mut m = open(&main);
    assert_eq!(m.merge_file(&a, false).unwrap().summary(), "5 new notes");
    assert_eq!(numbers(&m, &s), [1, 2, 3, 4, 6]);
    assert!(m.note(&gone).unwrap().deleted_at.is_some());
}

/// Main, and two laptops that both hold the note `id` (made on `a`).
fn shared_note(
    dir: &TempDir,
) -> (
    std::path::PathBuf,
    std::path::PathBuf,
    std::path::PathBuf,
    String,
) {
    let (main, s) = meeting(dir.path());
    let a = handout(&main, &s, "Data", "a");
    let b = handout(&main, &s, "Woo", "b");
    let id = add(&mut open(&a), &s, 0, NoteKind::Idea, "first words");
    open(&b).merge_file(&a, false).unwrap();
    (main, a, b, id)
}

#[test]
fn a_note_changed_on_one_laptop_is_no_conflict() {
    let dir = TempDir::new().unwrap();
    let (main, a, b, id) = shared_note(&dir);
    edit(&mut open(&a), &id, "better words");
    let mut m = open(&main);
    m.merge_file(&b, false).unwrap();
    let r = m.merge_file(&a, false).unwrap();
    assert_eq!(r.summary(), "1 updated");
    assert!(r.conflicts.is_empty());
    assert_eq!(m.note(&id).unwrap().content.text, "better words");
    // The older version from b does not come back, nor count as a conflict.
    let r = m.merge_file(&b, false).unwrap();
    assert_eq!(r.summary(), "nothing new");
    assert_eq!(m.note(&id).unwrap().content.text, "better words");
}

/// [`shared_note`], then changed on a ("a's words") and later on b
/// ("b's words, later").
fn changed_on_both(
    dir: &TempDir,
) -> (
    std::path::PathBuf,
    std::path::PathBuf,
    std::path::PathBuf,
    String,
) {
    let (main, a, b, id) = shared_note(dir);
    edit(&mut open(&a), &id, "a's words");
    std::thread::sleep(std::time::Duration::from_millis(5));
    edit(&mut open(&b), &id, "b's words, later");
    (main, a, b, id)
}

#[test]
fn a_note_changed_on_two_laptops_keeps_the_newest_and_the_other_aside() {
    let dir = TempDir::new().unwrap();
    let (main, a, b, id) = changed_on_both(&dir);
    let mut m = open(&main);
    let r = m.merge_file(&a, false).unwrap();
    assert!(r.conflicts.is_empty());
    let r = m.merge_file(&b, false).unwrap();
    assert_eq!(r.summary(), "1 updated, 1 conflict");
    let c = &r.conflicts[0];
    assert_eq!(
        (
            c.kept_text.as_str(),
            c.other_text.as_str(),
            c.other_from.as_str()
        ),
        ("b's words, later", "a's words", "this database")
    );
    assert_eq!(m.note(&id).unwrap().content.text, "b's words, later");
    assert_eq!(
        dump(&m, "SELECT text FROM note_conflict"),
        ["\"a's words\""]
    );
    // The version kept aside, as the run screen reads it: main's own copy
    // of a's words (it had merged a first).
    let other = m.other_versions(&id).unwrap();
    assert_eq!(other.len(), 1);
    assert_eq!(
        (
            other[0].from.as_deref(),
            other[0].text.as_str(),
            other[0].deleted
        ),
        (None, "a's words", false)
    );
    // Reported once: merging either again brings nothing.
    assert_eq!(m.merge_file(&a, false).unwrap().summary(), "nothing new");
    assert_eq!(m.merge_file(&b, false).unwrap().summary(), "nothing new");
    // The other way round (b takes a's): the same note, the same conflict.
    let mut o = open(&b);
    let r = o.merge_file(&a, false).unwrap();
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.conflicts[0].other_from, "Data");
    assert_eq!(o.note(&id).unwrap().content.text, "b's words, later");
    assert_eq!(
        o.other_versions(&id).unwrap()[0].from.as_deref(),
        Some("Data")
    );
    assert_eq!(
        dump(&o, "SELECT note_id, updated_at, text FROM note_conflict"),
        dump(&m, "SELECT note_id, updated_at, text FROM note_conflict")
    );
}

#[test]
fn a_deleted_note_stays_deleted_unless_changed_later_elsewhere() {
    // Deleted on a, untouched on b: deleted, no conflict.
    let dir = TempDir::new().unwrap();
    let (main, a, b, id) = shared_note(&dir);
    open(&a).delete_note(&id).unwrap();
    let mut m = open(&main);
    m.merge_file(&b, false).unwrap();
    let r = m.merge_file(&a, false).unwrap();
    assert_eq!(r.summary(), "1 deleted");
    assert!(m.note(&id).unwrap().deleted_at.is_some());
    m.merge_file(&b, false).unwrap();
    assert!(
        m.note(&id).unwrap().deleted_at.is_some(),
        "b's older version does not bring it back"
    );

    // Changed on b before the deletion on a: deleted; b's version kept aside.
    let dir = TempDir::new().unwrap();
    let (main, a, b, id) = shared_note(&dir);
    edit(&mut open(&b), &id, "b's edit, earlier");
    std::thread::sleep(std::time::Duration::from_millis(5));
    open(&a).delete_note(&id).unwrap();
    let mut m = open(&main);
    m.merge_file(&b, false).unwrap();
    let r = m.merge_file(&a, false).unwrap();
    assert_eq!(r.conflicts.len(), 1);
    assert!(r.conflicts[0].kept_deleted && !r.conflicts[0].other_deleted);
    assert!(m.note(&id).unwrap().deleted_at.is_some());

    // Changed on b after the deletion on a: it comes back, as b changed it.
    let dir = TempDir::new().unwrap();
    let (main, a, b, id) = shared_note(&dir);
    open(&a).delete_note(&id).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    edit(&mut open(&b), &id, "b's edit, later");
    let mut m = open(&main);
    m.merge_file(&a, false).unwrap();
    let r = m.merge_file(&b, false).unwrap();
    assert_eq!(r.conflicts.len(), 1);
    assert!(!r.conflicts[0].kept_deleted && r.conflicts[0].other_deleted);
    let n = m.note(&id).unwrap();
    assert!(n.deleted_at.is_none());
    assert_eq!(n.content.text, "b's edit, later");
}

#[test]
fn a_dry_run_and_a_failure_change_nothing() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let a = handout(&main, &s, "Data", "a");
    let mut la = open(&a);
    add(&mut la, &s, 0, NoteKind::Idea, "fine");
    la.create_participant(&s.id, Some("Cor"), None, StakeholderGroup::Anders)
        .unwrap();
    drop(la);
    let mut m = open(&main);
    let before = everything(&m);
    let r = m.merge_file(&a, true).unwrap();
    assert_eq!(r.summary(), "1 new note, 1 participant");
    assert!(r.dry_run);
    assert_eq!(everything(&m), before);

    // A note on an item that is not there: the merge fails at the notes,
    // after the participants, and takes everything back.
    {
        let c = rusqlite::Connection::open(&a).unwrap();
        c.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        c.execute(
            "INSERT INTO note (id, session_id, number, item_id, kind, text, created_at, updated_at)
             VALUES ('0190a000-0000-7000-8000-00000000dead', ?1, 99, 'no-such-item', 'idea', 'x',
                     '2025-11-20T10:00:00.000Z', '2025-11-20T10:00:00.000Z')",
            [&s.id],
        )
        .unwrap();
    }
    let e = m.merge_file(&a, false).unwrap_err();
    assert!(
        e.to_string().contains("this database was not changed"),
        "{e}"
    );
    assert!(e.to_string().starts_with(&a.display().to_string()), "{e}");
    assert_eq!(everything(&m), before);
    assert_eq!(m.participants(&s.id).unwrap().len(), 2);
}

#[test]
fn foreign_damaged_and_newer_files_are_refused_and_left_alone() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all, just some words".repeat(10)).unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let newer = dir.path().join("newer.db");
    let mut all = MIGRATIONS.to_vec();
    all.push("CREATE TABLE from_the_future (x);");
    drop(Store::open_with_migrations(&newer, &all).unwrap());
    let damaged = dir.path().join("damaged.db");
    {
        let a = handout(&main, &s, "Data", "src");
        let mut la = open(&a);
        for i in 0..300 {
            add(
                &mut la,
                &s,
                0,
                NoteKind::Idea,
                &format!("{i} {}", "woorden ".repeat(40)),
            );
        }
        drop(la);
        let mut bytes = std::fs::read(&a).unwrap();
        let half = bytes.len() / 2;
        for b in &mut bytes[half..half + 8192] {
            *b = 0x5a;
        }
        std::fs::write(&damaged, bytes).unwrap();
    }
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let mut m = open(&main);
    let before = everything(&m);
    for (file, what) in [
        (&text, "not a SQLite database"),
        (&foreign, "another application"),
        (&newer, "newer tafel"),
        (&damaged, "damaged"),
        (&empty, "not a SQLite database"),
    ] {
        let bytes = std::fs::read(file).unwrap();
        let e = m.merge_file(file, false).unwrap_err();
        let line = e.to_string();
        assert!(
            line.contains(what) && line.starts_with(&file.display().to_string()),
            "{line}"
        );
        assert_eq!(line.lines().count(), 1);
        assert_eq!(
            std::fs::read(file).unwrap(),
            bytes,
            "{} changed",
            file.display()
        );
        assert!(!Path::new(&format!("{}-wal", file.display())).exists());
        assert_eq!(everything(&m), before);
    }
    let e = m.merge_file(&main, false).unwrap_err();
    assert!(
        matches!(e, Error::Invalid(_)) && e.to_string().contains("itself"),
        "{e}"
    );
    let e = m
        .merge_file(&dir.path().join("missing.db"), false)
        .unwrap_err();
    assert_eq!(e.io_kind(), Some(std::io::ErrorKind::NotFound));
}

#[test]
fn an_older_file_is_upgraded_in_a_copy() {
    let dir = TempDir::new().unwrap();
    let old = dir.path().join("old.db");
    let id = common::old_db::with_session(&old, 6, 5);
    let bytes = std::fs::read(&old).unwrap();
    let (main, _) = meeting(dir.path());
    let mut m = open(&main);
    let r = m.merge_file(&old, false).unwrap();
    assert_eq!(r.summary(), "1 new session, 5 new notes");
    assert_eq!(std::fs::read(&old).unwrap(), bytes);
    assert!(
        !dir.path().join("backups").exists()
            || std::fs::read_dir(dir.path().join("backups"))
                .unwrap()
                .count()
                == 0
    );
    assert_eq!(m.session(&id).unwrap().title, "Oud");
}

/// One step of a laptop's morning.
#[derive(Debug, Clone)]
enum Step {
    Add {
        laptop: usize,
        item: usize,
        text: String,
    },
    Edit {
        laptop: usize,
        nth: usize,
        text: String,
    },
    Delete {
        laptop: usize,
        nth: usize,
    },
    Rate {
        laptop: usize,
        item: usize,
        level: usize,
    },
    Join {
        laptop: usize,
        name: String,
    },
    /// `laptop` merges `from` (so both then hold the same notes).
    Sync {
        laptop: usize,
        from: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let l = 0usize..4;
    prop_oneof![
        4 => (l.clone(), 0usize..4, "[a-z][a-z ]{0,11}").prop_map(|(laptop, item, text)| Step::Add { laptop, item, text }),
        2 => (l.clone(), 0usize..20, "[a-z]{1,8}").prop_map(|(laptop, nth, text)| Step::Edit { laptop, nth, text }),
        1 => (l.clone(), 0usize..20).prop_map(|(laptop, nth)| Step::Delete { laptop, nth }),
        1 => (l.clone(), 0usize..4, 0usize..5).prop_map(|(laptop, item, level)| Step::Rate { laptop, item, level }),
        1 => (l.clone(), "[A-Z][a-z]{2,6}").prop_map(|(laptop, name)| Step::Join { laptop, name }),
        1 => (l.clone(), 0usize..4).prop_map(|(laptop, from)| Step::Sync { laptop, from }),
    ]
}

/// Runs the steps on `n` hand-outs; returns their files.
fn morning(
    dir: &TempDir,
    n: usize,
    steps: &[Step],
) -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    let (main, s) = meeting(dir.path());
    let laptops: Vec<_> = (0..n)
        .map(|i| {
            handout(
                &main,
                &s,
                if i % 2 == 0 { "Data" } else { "Woo" },
                &format!("l{i}"),
            )
        })
        .collect();
    let mut stores: Vec<Store> = laptops.iter().map(|p| open(p)).collect();
    for st in steps {
        match st.clone() {
            Step::Add { laptop, item, text } => {
                add(&mut stores[laptop % n], &s, item, NoteKind::Idea, &text);
            }
            Step::Edit { laptop, nth, text } => {
                let store = &mut stores[laptop % n];
                let live = texts(
                    store,
                    "SELECT id FROM note WHERE deleted_at IS NULL ORDER BY id",
                );
                if let Some(id) = live.get(nth % live.len().max(1)).cloned() {
                    edit(store, &id, &text);
                }
            }
            Step::Delete { laptop, nth } => {
                let store = &mut stores[laptop % n];
                let live = texts(
                    store,
                    "SELECT id FROM note WHERE deleted_at IS NULL ORDER BY id",
                );
                if let Some(id) = live.get(nth % live.len().max(1)).cloned() {
                    store.delete_note(&id).unwrap();
                }
            }
            Step::Rate {
                laptop,
                item,
                level,
            } => {
                let store = &mut stores[laptop % n];
                let item = store.items(&s.id).unwrap()[item].id.clone();
                store
                    .set_rating(&s.id, &item, IrmLevel::ALL[level], "")
                    .unwrap();
            }
            Step::Join { laptop, name } => {
                stores[laptop % n]
                    .create_participant(&s.id, Some(&name), None, StakeholderGroup::Anders)
                    .unwrap();
            }
            Step::Sync { laptop, from } => {
                let (laptop, from) = (laptop % n, from % n);
                if laptop != from {
                    stores[laptop].merge_file(&laptops[from], false).unwrap();
                }
            }
        }
    }
    (main, laptops)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn any_order_of_merging_gives_the_same_record(
        n in 2usize..=4,
        steps in prop::collection::vec(step(), 1..30),
        order in Just((0..4usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let dir = TempDir::new().unwrap();
        let (main, laptops) = morning(&dir, n, &steps);
        let order: Vec<usize> = order.into_iter().filter(|i| *i < n).collect();
        // Main merges the laptops in order 0, 1, …; a copy of main in the
        // shuffled order; and the last laptop merges the others and main.
        let copy = dir.path().join("copy.db");
        std::fs::copy(&main, &copy).unwrap();
        let mut m = open(&main);
        for l in &laptops {
            m.merge_file(l, false).unwrap();
        }
        let mut c = open(&copy);
        for i in &order {
            c.merge_file(&laptops[*i], false).unwrap();
        }
        prop_assert_eq!(content(&m), content(&c));
        let last = &laptops[n - 1];
        let mut l = open(last);
        for other in laptops[..n - 1].iter().rev() {
            l.merge_file(other, false).unwrap();
        }
        l.merge_file(&main, false).unwrap();
        prop_assert_eq!(content(&l), content(&m));
        // Unique numbers, and twice is once.
        let nums = dump(&m, "SELECT session_id, number, count(*) FROM note GROUP BY 1, 2 HAVING count(*) > 1");
        prop_assert!(nums.is_empty(), "{:?}", nums);
        let before = everything(&m);
        for i in order.iter().rev() {
            let r = m.merge_file(&laptops[*i], false).unwrap();
            prop_assert_eq!(r.summary(), "nothing new");
        }
        prop_assert_eq!(everything(&m), before);
    }
}

#[test]
fn the_interface_says_where_notes_came_from() {
    let dir = TempDir::new().unwrap();
    let (main, s) = meeting(dir.path());
    let a = handout(&main, &s, "Data", "a");
    add(&mut open(&a), &s, 0, NoteKind::Idea, "van de laptop");
    add(&mut open(&main), &s, 0, NoteKind::Idea, "van hier");
    open(&main).merge_file(&a, false).unwrap();
    let mut app = common::driver::Driver::with_store(open(&main), tafel::domain::Lang::En);
    let screen = app.screen(120, 30);
    assert!(screen.contains("MSF · 1 laptop merged"), "{screen}");
    app.open_session();
    let screen = app.screen(160, 40);
    assert!(screen.contains("#2 Idea · from Data #1"), "{screen}");
    assert!(!screen.contains("#1 Idea · from"), "{screen}");
}

/// The run screen marks a note with a version kept aside, and Alt+V in the
/// notes list shows it, read-only.
#[test]
fn the_run_screen_shows_the_other_version_of_a_note() {
    use crossterm::event::KeyCode::Esc;
    let dir = TempDir::new().unwrap();
    let (main, a, b, _) = changed_on_both(&dir);
    let mut m = open(&main);
    m.merge_file(&a, false).unwrap();
    m.merge_file(&b, false).unwrap();
    let mut d = common::driver::Driver::with_store(m, tafel::domain::Lang::En);
    d.open_session();
    let screen = d.screen(120, 30);
    assert!(screen.contains("b's words, later"), "{screen}");
    assert!(screen.contains("⚠ 1 other version (Alt+V)"), "{screen}");
    // In the editor Alt+V does nothing; in the notes list it shows them.
    d.alt('v');
    assert!(!d.overlay_open());
    d.press(Esc).alt('v');
    let screen = d.screen(120, 30);
    assert!(
        screen.contains("Other versions of #1 (read-only)"),
        "{screen}"
    );
    assert!(screen.contains("this laptop ·"), "{screen}");
    assert!(screen.contains("  a's words"), "{screen}");
    d.press(Esc);
    assert!(!d.overlay_open());
    // A note without other versions has no mark and opens nothing.
    d.press(Esc)
        .type_text("nieuw")
        .press(crossterm::event::KeyCode::Enter);
    d.press(Esc);
    assert_eq!(d.selected_text().as_deref(), Some("nieuw"));
    d.alt('v');
    assert!(!d.overlay_open());
    assert_eq!(d.screen(120, 30).matches("⚠").count(), 1);
}
