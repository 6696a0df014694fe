//! The Markdown minutes of a session, parsed back with pulldown-cmark (every
//! extension on): heading tree, tables, anonymisation, determinism, an empty
//! and a large session, and the reviewed snapshots.

mod common;

use chrono::NaiveDate;
use common::fixture::*;
use common::markdown::*;
use tafel::agenda;
use tafel::domain::{IrmLevel, ItemKind, Lang, NewSession, NoteKind};
use tafel::export::json;
use tafel::store::Store;

#[test]
fn markdown_has_the_expected_heading_tree() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let md = markdown(&store, &session, Lang::Nl, false);
    let r = read(&md);
    assert_clean(&r);
    let h: Vec<(u8, &str)> = r.headings.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(
        h,
        [
            (1, "MSF-bijeenkomst herijking"),
            (2, "Samenvatting"),
            (3, "Notities per tafel"),
            (3, "Stemmen per stakeholdergroep"),
            (3, "Afspraken"),
            (3, "Acties"),
            (3, "Acties nog zonder eigenaar of datum"),
            (2, "Tafel 1 — Open informatie en Woo"),
            (3, "Actiepunt 3 — FAIR Woo dossiers"),
            (4, "Observaties"),
            (4, "Ideeën"),
            (4, "Vragen"),
            (4, "Afspraken"),
            (4, "Acties"),
            (
                3,
                "Actiepunt 5 — Meerjarenplan Openbaarheid en Informatiehuishouding Rijksoverheid"
            ),
            (
                3,
                "Beleidsvraag 2 — Monitoren open overheid (Open Informatie)"
            ),
            (4, "Zorgen"),
            (2, "Tafel 2 — Participatie"),
            (3, "Actiepunt 1 — Grip op eigen gegevens"),
            (4, "Ideeën"),
            (4, "Zorgen"),
            (4, "Acties"),
            (2, "Tafel 3 — Lege tafel"),
            (2, "Notities zonder tafel"),
            (
                3,
                "Actiepunt 5 — Meerjarenplan Openbaarheid en Informatiehuishouding Rijksoverheid"
            ),
            (4, "Observaties"),
            (2, "IRM-beoordeling van de actiepunten"),
            (2, "Dekking van de dimensies"),
            (2, "Agendapunten zonder inbreng"),
        ]
    );
    assert_tables_intact(&md, &r);
    // Notes per table: header, three tables, without a table, total.
    let counts = &r.tables[0];
    assert_eq!(counts.len(), 6);
    assert_eq!(counts[0].len(), 2 + NoteKind::ALL.len());
    assert_eq!(
        counts[4],
        ["Zonder tafel", "1", "0", "0", "0", "0", "0", "1"]
    );
    assert_eq!(counts[5], ["Totaal", "2", "2", "1", "2", "1", "2", "10"]);
    // Voices: a row per group (and the notes without one), a column per
    // table, the total and the participants of each group.
    let voices = &r.tables[1];
    assert_eq!(
        voices[0],
        [
            "Stakeholdergroep",
            "Open informatie en Woo",
            "Participatie",
            "Lege tafel",
            "Zonder tafel",
            "Totaal",
            "Deelnemers"
        ]
    );
    assert_eq!(voices[1], ["Overheid", "2", "0", "0", "0", "2", "1"]);
    assert_eq!(voices[7], ["Niet vastgelegd", "1", "2", "0", "1", "4", ""]);
    assert_eq!(voices[8], ["Totaal", "6", "3", "0", "1", "10", "3"]);
    // Coverage: every item × the 7 dimensions.
    let cov = &r.tables[2];
    assert_eq!(cov.len(), 1 + 23 + 1);
    assert_eq!(cov[24], ["Totaal", "2", "1", "0", "0", "0", "1", "0"]);
    assert_eq!(cov[0].len(), 1 + 7);
    assert_eq!(cov[0][1], "Open Data");
    let ap3 = cov
        .iter()
        .find(|r| r[0].starts_with("Actiepunt 3 "))
        .unwrap();
    assert_eq!(ap3[1..], ["2", "1", "0", "0", "0", "0", "0"]);

    assert!(
        !md.contains("VERWIJDERD"),
        "deleted notes and tables stay out"
    );
    assert!(!md.contains("Willem Weg"), "deleted participants stay out");
    for text in [
        "Maak één portaal voor alle Woo-dossiers.\nMet een API erbij.",
        "Na afloop nagekomen: het meerjarenplan is gepubliceerd.",
    ] {
        assert_note_shown(&r, text);
    }
    let item_texts: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
    assert!(item_texts.contains(
        &"De FAIR-checklist wordt nog weinig gebruikt.\n— Anouk de Vries, Ministerie van BZK (Overheid) · dimensies: Open Data, Open Informatie · +3 / −1"
    ), "{item_texts:#?}");
    assert!(item_texts.contains(&"Kosten voor kleine gemeenten.\n— Bedrijfsleven"));
    assert!(item_texts.contains(&"Overheid: 1"));
}

#[test]
fn the_summary_lists_agreements_and_actions_with_where_they_were_said() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let md = markdown(&store, &session, Lang::Nl, false);
    // The first "Afspraken" and "Acties" are the summary's.
    assert_eq!(
        bullets_under(&md, "Afspraken"),
        [
            "BZK deelt de checklist met alle departementen.\n— Open informatie en Woo: Actiepunt 3 — FAIR Woo dossiers"
        ]
    );
    assert_eq!(
        bullets_under(&md, "Acties"),
        [
            "Rondvraag onder gebruikers organiseren.\n— eigenaar: BZK, directie DS · uiterlijk 15 januari 2026 · Open informatie en Woo: Actiepunt 3 — FAIR Woo dossiers",
            "Voorbeelden verzamelen.\n— eigenaar: PROO · nog geen datum · Participatie: Actiepunt 1 — Grip op eigen gegevens",
        ]
    );
    // The action without a due date once more, under its own heading.
    assert_eq!(
        bullets_under(&md, "Acties nog zonder eigenaar of datum"),
        [
            "Voorbeelden verzamelen.\n— eigenaar: PROO · nog geen datum · Participatie: Actiepunt 1 — Grip op eigen gegevens",
        ]
    );
    // A note at no table has a section of its own; an empty table says so.
    assert_eq!(
        bullets_under(&md, "Notities zonder tafel"),
        ["Na afloop nagekomen: het meerjarenplan is gepubliceerd."]
    );
    let empty = section(&md, "Tafel 3 — Lege tafel");
    assert!(empty.contains("*Geen notities.*"), "{empty}");
    assert!(bullets_under(&md, "Tafel 3 — Lege tafel").is_empty());
}

#[test]
fn each_action_point_shows_its_status_and_rating_under_its_heading() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    // Action point 15 is "afgerond" and "doorgezet", with a remark; at a
    // table of its own without notes, rated with a two-line comment.
    let ap15 = item(&store, &session, ItemKind::ActionPoint, 15);
    let t = store.create_table(&session.id, "Baten", "", 20).unwrap();
    store.assign_item(&t.id, &ap15.id).unwrap();
    store
        .set_rating(
            &session.id,
            &ap15.id,
            IrmLevel::Limited,
            "Eerste lijn.\n# tweede",
        )
        .unwrap();
    let md = markdown(&store, &session, Lang::Nl, false);
    assert_clean(&read(&md));
    let heading = "Actiepunt 15 — Maatschappelijke baten van transparantie";
    assert_eq!(
        section(&md, heading),
        format!(
            "### {heading}\n\n\
             **Status:** afgerond, doorgezet — NB Eind 2024 is een tussenevaluatie opgeleverd, \
             het eindrapport wordt op een nader tijdstip in 2025 opgeleverd.  \n\
             **IRM-beoordeling:** Beperkt  \n\
             Eerste lijn.  \n\
             \\# tweede\n\n\
             *Geen notities.*\n\n"
        )
    );
    // The ratings overview stays.
    assert!(md.contains(&format!("- {heading}: **Beperkt**  \n  Eerste lijn")));
    // A policy question has neither.
    let pq2 = section(
        &md,
        "Beleidsvraag 2 — Monitoren open overheid (Open Informatie)",
    );
    assert!(!pq2.contains("Status") && !pq2.contains("IRM"), "{pq2}");
    let en = markdown(&store, &session, Lang::En, false);
    assert!(en.contains("**Status:** completed, continued — NB"));
    assert!(en.contains("**IRM rating:** Limited  \n"));
}

#[test]
fn anonymised_markdown_keeps_groups_only() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let named = markdown(&store, &session, Lang::Nl, false);
    let anon = markdown(&store, &session, Lang::Nl, true);
    for name in [
        "Anouk de Vries",
        "Ministerie van BZK",
        "Open State Foundation",
        "Lotte Jansen",
    ] {
        assert!(named.contains(name), "{name}");
        assert!(!anon.contains(name), "{name} in the anonymised export");
    }
    let r = read(&anon);
    assert_clean(&r);
    assert!(r.items.iter().any(|i| i.text
        == "De FAIR-checklist wordt nog weinig gebruikt.\n— Overheid · dimensies: Open Data, Open Informatie · +3 / −1"));
}

#[test]
fn markdown_is_deterministic_across_databases() {
    let mut a = Store::open_in_memory().unwrap();
    let mut b = Store::open_in_memory().unwrap();
    let sa = fixture(&mut a, Lang::Nl);
    let sb = fixture(&mut b, Lang::Nl);
    assert_ne!(sa.id, sb.id);
    for lang in [Lang::Nl, Lang::En] {
        for anon in [false, true] {
            let x = markdown(&a, &sa, lang, anon);
            assert_eq!(x, markdown(&a, &sa, lang, anon));
            assert_eq!(
                x,
                markdown(&b, &sb, lang, anon),
                "ids or times leak into the Markdown"
            );
        }
    }
}

#[test]
fn snapshots() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    insta::assert_snapshot!("markdown_nl", markdown(&store, &session, Lang::Nl, false));
    insta::assert_snapshot!(
        "markdown_nl_anonymized",
        markdown(&store, &session, Lang::Nl, true)
    );
    insta::assert_snapshot!("markdown_en", markdown(&store, &session, Lang::En, false));
    insta::assert_snapshot!(
        "markdown_en_anonymized",
        markdown(&store, &session, Lang::En, true)
    );
}

#[test]
fn an_empty_session_exports() {
    let mut store = Store::open_in_memory().unwrap();
    let session = store
        .create_session(
            &NewSession {
                title: "Leeg".into(),
                date: NaiveDate::from_ymd_opt(2025, 1, 2).unwrap(),
                location: String::new(),
                facilitator: String::new(),
                language: Lang::En,
            },
            &agenda::bundled(),
        )
        .unwrap();
    let md = markdown(&store, &session, Lang::En, false);
    let r = read(&md);
    assert_clean(&r);
    assert_tables_intact(&md, &r);
    assert!(md.contains("- **Tables:** none"));
    assert!(md.contains("*No agreements.*"));
    assert!(!md.contains("Location"));
    let doc: json::Document = serde_json::from_slice(&json_bytes(&store, &session, false)).unwrap();
    assert!(doc.notes.is_empty());
}

#[test]
fn many_notes_are_each_shown_once() {
    let mut store = Store::open_in_memory().unwrap();
    let session = tafel::demo::create(&mut store, 3000, 3, Lang::Nl).unwrap();
    let md = markdown(&store, &session, Lang::Nl, false);
    let r = read(&md);
    assert_clean(&r);
    assert_tables_intact(&md, &r);
    // Every note is shown once in the table sections, agreements and
    // actions once more in the summary.
    let mut expected = 0;
    // The demo has two table rounds: a table's notes are split by round.
    let mut rounds = std::collections::BTreeSet::new();
    let mut discussed = std::collections::BTreeSet::new();
    store
        .for_each_note(&session.id, |n| {
            expected += if matches!(n.content.kind, NoteKind::Agreement | NoteKind::Action) {
                2
            } else {
                1
            };
            if let Some(t) = &n.table_id {
                rounds.insert((t.clone(), n.round));
                discussed.insert((t.clone(), n.item_id.clone()));
            }
            Ok(())
        })
        .unwrap();
    assert!(rounds.iter().any(|r| r.1 == Some(2)), "two rounds");
    // Metadata: date, location, facilitator, agenda, tables + 4, people + 6;
    // 17 ratings; every item had input; each item a table did not discuss
    // is listed once under its table.
    assert!(md.contains("*Alle agendapunten hebben inbreng gekregen.*"));
    let tables = store.tables(&session.id).unwrap();
    let undiscussed = |t: &tafel::domain::Table| {
        t.item_ids
            .iter()
            .filter(|i| !discussed.contains(&(t.id.clone(), (*i).clone())))
            .count()
    };
    let listed: usize = tables.iter().map(undiscussed).sum();
    assert_eq!(r.items.len(), expected + 4 + 5 + 7 + 17 + listed);
    // Each table's section: one heading per round it has notes in, and one
    // for the items it did not discuss, if any. The summary's: notes per
    // table, voices, agreements, actions, actions without owner or date.
    let h3 = r.headings.iter().filter(|h| h.0 == 3).count();
    let sections = rounds.len() + tables.iter().filter(|t| undiscussed(t) > 0).count();
    assert_eq!(h3, 5 + sections);
    assert_eq!(
        r.headings
            .iter()
            .filter(|h| h.0 == 3 && h.1 == "Agendapunten zonder inbreng")
            .count(),
        tables.iter().filter(|t| undiscussed(t) > 0).count()
    );
}

/// The minutes read as plain text: the demo meeting (Dutch and English,
/// named and anonymised) has at most one backslash per 20 lines.
#[test]
fn demo_minutes_have_few_backslashes() {
    for lang in [Lang::Nl, Lang::En] {
        let mut store = Store::open_in_memory().unwrap();
        let session = tafel::demo::create(&mut store, 200, 1, lang).unwrap();
        for anonymize in [false, true] {
            let md = markdown(&store, &session, lang, anonymize);
            let lines = md.lines().count();
            let backslashes = md.matches('\\').count();
            assert!(
                backslashes * 20 <= lines,
                "{lang:?}, anonymised {anonymize}: {backslashes} backslashes in {lines} lines"
            );
            assert_clean(&read(&md));
        }
    }
}

/// What the minutes spool comes back whole and in order, also far beyond
/// the 256 KiB a spool keeps in memory: the notes section (written before
/// the summary, shown after it) and the summary's lists (gathered round by
/// round, listed per table and item by number).
#[test]
fn large_minutes_come_back_whole_and_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    let session = tafel::demo::create(&mut store, 16_000, 5, Lang::Nl).unwrap();
    let md = markdown(&store, &session, Lang::Nl, false);
    let s = tafel::export::strings::strings(Lang::Nl);
    // The lists: each kind's notes in the order of `for_each_note`.
    let (mut agreements, mut actions, mut incomplete) = (vec![], vec![], vec![]);
    store
        .for_each_note(&session.id, |n| {
            let text = n.content.text.clone();
            match n.content.kind {
                NoteKind::Agreement => agreements.push(text),
                NoteKind::Action => {
                    if n.content.owner.trim().is_empty() || n.content.due.is_none() {
                        incomplete.push(text.clone());
                    }
                    actions.push(text);
                }
                _ => {}
            }
            Ok(())
        })
        .unwrap();
    for (heading, expected) in [
        (s.agreements, &agreements),
        (s.actions, &actions),
        (s.incomplete_actions, &incomplete),
    ] {
        let shown = bullets_under(&md, heading);
        assert_eq!(shown.len(), expected.len(), "{heading}");
        for (b, text) in shown.iter().zip(expected.iter()) {
            assert!(
                b.starts_with(text.as_str()),
                "{heading}: {b:?} is not {text:?}"
            );
        }
    }
    assert!(section(&md, s.agreements).len() > 2 * (256 << 10));
    // The notes section: every note, in the order the store streams them
    // (split by round), under the tables' headings.
    let mut tables = store.tables(&session.id).unwrap();
    tables.sort_by(|a, b| (a.position, &a.id).cmp(&(b.position, &b.id)));
    let notes: String = tables
        .iter()
        .enumerate()
        .map(|(i, t)| section(&md, &format!("{} {} — {}", s.table, i + 1, t.name)))
        .collect();
    assert!(notes.len() > 4 * (256 << 10));
    let bullets = read(&notes).items;
    let mut at = 0;
    let mut shown = 0;
    store
        .for_each_note_ordered(&session.id, true, |n| {
            if n.table_id.is_none() {
                return Ok(());
            }
            let from = at;
            while at < bullets.len() && !bullets[at].text.starts_with(&n.content.text) {
                at += 1;
            }
            assert!(
                at < bullets.len(),
                "note {} not after bullet {from}",
                n.number
            );
            at += 1;
            shown += 1;
            Ok(())
        })
        .unwrap();
    assert!(shown > 15_000, "{shown}");
}
