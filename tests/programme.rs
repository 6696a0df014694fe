//! The morning's programme: blocks in the store, the next-block key that
//! starts and stops the table timers, rounds recorded on notes, the
//! programme view, and the status bar's standing from an injected clock.

mod common;

use common::driver::Driver;
use crossterm::event::KeyCode;
use tafel::domain::programme::{PlannedBlock, parse_time};
use tafel::domain::{BlockKind, Lang};

fn plan() -> Vec<PlannedBlock> {
    let b = |title: &str, kind, start: &str, minutes| PlannedBlock {
        title: title.into(),
        kind,
        start: parse_time(start).unwrap(),
        minutes,
    };
    vec![
        b("Opening", BlockKind::Plenary, "10:30", 15),
        b("Ronde 1", BlockKind::Tables, "10:45", 25),
        b("Pauze", BlockKind::Break, "11:10", 10),
        b("Ronde 2", BlockKind::Tables, "11:20", 25),
    ]
}

/// A session with tables and the plan above, opened on the run screen.
fn with_programme(lang: Lang) -> Driver {
    let mut d = Driver::with_session_and_tables(lang);
    let sid = d.session_id();
    d.store_mut().set_programme(&sid, &plan()).unwrap();
    let mut d = d.restart();
    d.resume();
    d
}

#[test]
fn the_store_keeps_the_blocks_in_order_and_one_running() {
    let mut d = with_programme(Lang::Nl);
    let sid = d.session_id();
    let s = d.store_mut();
    let blocks = s.programme(&sid).unwrap();
    assert_eq!(blocks.len(), 4);
    s.move_block(&blocks[3].id, -1).unwrap();
    let titles = |s: &tafel::store::Store| -> Vec<String> {
        s.programme(&sid)
            .unwrap()
            .into_iter()
            .map(|b| b.plan.title)
            .collect()
    };
    assert_eq!(titles(s), ["Opening", "Ronde 1", "Ronde 2", "Pauze"]);
    s.move_block(&blocks[0].id, -1).unwrap();
    assert_eq!(titles(s)[0], "Opening", "the first stays first");
    let t = |hm: &str| {
        chrono::NaiveDate::from_ymd_opt(2025, 11, 20)
            .unwrap()
            .and_time(parse_time(hm).unwrap())
            .and_utc()
    };
    s.start_block(&sid, Some(&blocks[0].id), t("10:32"))
        .unwrap();
    s.start_block(&sid, Some(&blocks[1].id), t("10:50"))
        .unwrap();
    let now = s.programme(&sid).unwrap();
    assert_eq!(
        now[0].ended_at,
        Some(t("10:50")),
        "starting one ends the other"
    );
    assert!(now[1].running() && !now[0].running());
    assert_eq!(now.iter().filter(|b| b.running()).count(), 1);
    s.start_block(&sid, None, t("11:20")).unwrap();
    assert!(s.programme(&sid).unwrap().iter().all(|b| !b.running()));
    s.delete_block(&blocks[2].id).unwrap();
    assert!(s.delete_block(&blocks[2].id).is_err(), "gone is gone");
    assert_eq!(s.programme(&sid).unwrap().len(), 3);
}

#[test]
fn an_agenda_programme_is_copied_into_a_new_session() {
    let text = format!(
        "{}\n[[programme]]\ntitle = \"Opening\"\nkind = \"plenary\"\nstart = \"10:30\"\nminutes = 15\n",
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/example-agenda.toml"
        ))
        .unwrap()
    );
    let agenda = tafel::agenda::parse("a.toml", &text).unwrap();
    let mut s = tafel::store::Store::open_in_memory().unwrap();
    let session = s
        .create_session(
            &tafel::domain::NewSession {
                title: "t".into(),
                date: chrono::NaiveDate::from_ymd_opt(2026, 1, 22).unwrap(),
                location: String::new(),
                facilitator: String::new(),
                language: Lang::Nl,
            },
            &agenda,
        )
        .unwrap();
    let p = s.programme(&session.id).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].plan.title.as_str(), p[0].plan.minutes),
        ("Opening", 15)
    );
}

#[test]
fn the_next_block_key_runs_the_rounds_and_notes_remember_theirs() {
    let mut d = with_programme(Lang::En);
    d.alt('n'); // the opening
    assert!(d.status().unwrap().contains("Opening"), "{:?}", d.status());
    assert!(!d.timer().0, "a plenary block starts no table timer");
    d.type_note("before the tables").save();
    d.alt('n'); // round 1
    assert!(d.timer().0, "round 1 starts the table timers");
    d.type_note("in round one").save();
    d.alt('n'); // the break
    assert!(!d.timer().0, "the break stops them");
    d.alt('n'); // round 2
    assert!(d.timer().0);
    assert!(d.timer().1 < std::time::Duration::from_secs(5), "from zero");
    d.type_note("in round two").save();
    let rounds: Vec<(String, Option<u32>)> = d
        .stored_notes()
        .into_iter()
        .map(|n| (n.content.text, n.round))
        .collect();
    assert_eq!(
        rounds,
        [
            ("before the tables".to_string(), None),
            ("in round one".to_string(), Some(1)),
            ("in round two".to_string(), Some(2)),
        ]
    );
    // An edited note keeps its round.
    d.notes().select(1).edit();
    d.type_note(" (edited)").save();
    assert_eq!(d.stored_notes()[1].round, Some(1));
    // The last block ends the programme; the key then says it is done.
    d.alt('n');
    assert!(
        d.programme()
            .iter()
            .all(|b| b.started_at.is_some() && !b.running())
    );
    d.alt('n');
    assert!(d.status().unwrap().contains("done"), "{:?}", d.status());
}

#[test]
fn the_programme_view_adds_edits_moves_and_deletes_blocks() {
    let mut d = with_programme(Lang::En);
    d.alt('o');
    assert!(d.screen(100, 30).contains("Ronde 1 · round 1"));
    d.type_text("a");
    d.fill("Afsluiting")
        .next_field()
        .fill("plenary")
        .next_field()
        .fill("25:00")
        .confirm();
    assert!(
        d.screen(100, 30).contains("A time as HH:MM"),
        "a bad time is refused in its field"
    );
    d.fill("11:45").confirm();
    let p = d.programme();
    assert_eq!(p.len(), 5);
    assert_eq!(p[4].plan.title, "Afsluiting");
    assert_eq!(p[4].plan.kind, BlockKind::Plenary);
    d.key(KeyCode::Char('K'), crossterm::event::KeyModifiers::SHIFT);
    assert_eq!(d.programme()[3].plan.title, "Afsluiting");
    d.press(KeyCode::Delete);
    assert_eq!(d.programme().len(), 4);
    assert!(d.programme().iter().all(|b| b.plan.title != "Afsluiting"));
    d.press(KeyCode::Esc);
    assert!(!d.overlay_open());
    // From set-up too.
    d.setup();
    d.type_text("o");
    assert!(d.screen(100, 30).contains("Programme"));
}

#[test]
fn the_status_bar_says_how_far_behind_the_plan_from_the_clock() {
    let mut d = with_programme(Lang::En);
    let sid = d.session_id();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    let local = |hm: &str| {
        date.and_time(parse_time(hm).unwrap())
            .and_local_timezone(chrono::Local)
            .single()
            .unwrap()
            .to_utc()
    };
    let blocks = d.store().programme(&sid).unwrap();
    d.store_mut()
        .start_block(&sid, Some(&blocks[0].id), local("10:33"))
        .unwrap();
    let mut d = d.restart();
    d.resume();
    d.tick_at(date, "10:36");
    let screen = d.screen(120, 30);
    assert!(
        screen.contains("Opening: 12 min · 3 min behind"),
        "{screen}"
    );
    d.tick_at(date, "10:52");
    let screen = d.screen(120, 30);
    assert!(
        screen.contains("Opening: time is up +4 · 7 min behind"),
        "{screen}"
    );
    // The view lists planned and actual times.
    d.alt('o');
    let screen = d.screen(120, 30);
    assert!(
        screen.contains("10:30     15  Opening · plenary"),
        "{screen}"
    );
    assert!(screen.contains("10:33–"), "{screen}");
    assert!(screen.contains("7 min behind"), "{screen}");
}

#[test]
fn a_session_of_another_day_is_not_behind_its_plan() {
    let mut d = with_programme(Lang::En);
    let other_day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    d.tick_at(other_day, "10:50");
    let screen = d.screen(120, 30);
    assert!(
        !screen.contains("behind") && !screen.contains("ahead"),
        "{screen}"
    );
    // On the day itself it is.
    let day = chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    d.tick_at(day, "10:50");
    assert!(d.screen(120, 30).contains("20 min behind"));
}

#[test]
fn the_minutes_group_a_tables_notes_by_round_when_there_were_rounds() {
    let mut store = tafel::store::Store::open_in_memory().unwrap();
    let s = tafel::demo::create(&mut store, 60, 1, Lang::Nl).unwrap();
    let mut md = Vec::new();
    tafel::export::write_markdown(&store, &s, Lang::Nl, false, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    // The programme table, with both rounds.
    let programme = md.split("## Programma").nth(1).unwrap();
    assert!(
        programme.contains("| Tafelronde 1 | Ronde 1 |"),
        "{programme}"
    );
    assert!(
        programme.contains("| Tafelronde 2 | Ronde 2 |"),
        "{programme}"
    );
    // Each table: round 1, then round 2, items one level deeper.
    let tables: Vec<&str> = md.split("\n## Tafel ").skip(1).collect();
    assert_eq!(tables.len(), 4);
    for t in tables {
        let r1 = t.find("\n### Ronde 1\n").expect("round 1");
        let r2 = t.find("\n### Ronde 2\n").expect("round 2");
        assert!(r1 < r2);
        assert!(t.contains("\n#### Actiepunt") || t.contains("\n#### Beleidsvraag"));
        assert!(!t.contains("\n### Actiepunt") && !t.contains("\n### Beleidsvraag"));
        // Items a table did not discuss: listed once after its rounds, not
        // as "no notes" in every round.
        assert!(!t.contains("Geen notities."), "{t}");
        if let Some(rest) = t.split("\n### Agendapunten zonder inbreng\n").nth(1) {
            assert!(rest.trim_start().starts_with("- "), "{t}");
            assert!(!rest.contains("\n### "), "after the rounds: {t}");
        }
    }
    // Without rounds (or with one), nothing changes: items stay at ###.
    let mut plain = tafel::store::Store::open_in_memory().unwrap();
    let d = Driver::with_session_and_tables(Lang::Nl);
    drop(d);
    let s2 = plain
        .create_session(
            &tafel::domain::NewSession {
                title: "Zonder rondes".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: String::new(),
                facilitator: String::new(),
                language: Lang::Nl,
            },
            &tafel::agenda::bundled(),
        )
        .unwrap();
    let item = plain.items(&s2.id).unwrap()[0].id.clone();
    let table = plain.create_table(&s2.id, "T", "", 20).unwrap();
    plain.assign_item(&table.id, &item).unwrap();
    let mut n = tafel::domain::NoteInput {
        item_id: item.clone(),
        table_id: Some(table.id.clone()),
        ..Default::default()
    };
    n.content.text = "één ronde".into();
    n.round = Some(1);
    plain.add_note(&s2.id, &n).unwrap();
    let mut md = Vec::new();
    tafel::export::write_markdown(&plain, &s2, Lang::Nl, false, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(!md.contains("### Ronde"), "{md}");
    assert!(md.contains("\n### Actiepunt 1"), "{md}");
}

/// `tafel new --from` (a follow-up meeting) copies the programme as planned:
/// titles, kinds, times and order, without the earlier meeting's actual
/// start and end times.
#[test]
fn a_follow_up_meeting_copies_the_programme_as_planned() {
    let mut store = tafel::store::Store::open_in_memory().unwrap();
    let new = |title: &str, day| tafel::domain::NewSession {
        title: title.into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, day, 12).unwrap(),
        location: String::new(),
        facilitator: String::new(),
        language: Lang::Nl,
    };
    let march = store
        .create_session(&new("Maart", 3), &tafel::agenda::bundled())
        .unwrap();
    store.set_programme(&march.id, &plan()).unwrap();
    let first = store.programme(&march.id).unwrap()[0].id.clone();
    store
        .start_block(&march.id, Some(&first), chrono::Utc::now())
        .unwrap();
    assert!(store.programme(&march.id).unwrap()[0].started_at.is_some());
    let june = store.follow_up(&march.id, &new("Juni", 6)).unwrap();
    let copied = store.programme(&june.id).unwrap();
    let plans: Vec<PlannedBlock> = copied.iter().map(|b| b.plan.clone()).collect();
    assert_eq!(plans, plan());
    assert!(
        copied
            .iter()
            .all(|b| b.started_at.is_none() && b.ended_at.is_none())
    );
    assert!(copied.iter().all(|b| b.session_id == june.id));
    // The earlier meeting's programme is untouched.
    assert_eq!(store.programme(&march.id).unwrap().len(), plan().len());
}
