//! The HTML minutes, read back with a WHATWG tokenizer: one inert,
//! self-contained page — no script, no event handler, no external URL —
//! with charts, the same content as the Markdown minutes (also anonymised),
//! every note's text as text, and the same bytes for the same data.

mod common;

use common::fixture::*;
use common::html::{Page, assert_safe, parse};
use common::markdown::read;
use tafel::domain::{ItemKind, Lang, NoteKind, StakeholderGroup};
use tafel::export::escape::visible_block;
use tafel::export::{self, ExportFormat, ExportOptions};
use tafel::store::Store;

fn html(store: &Store, session: &tafel::domain::Session, lang: Lang, anonymize: bool) -> String {
    let mut out = Vec::new();
    export::write_html(store, session, lang, anonymize, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Whether some list item shows `text` (alone or before its metadata).
fn shown(page: &Page, text: &str) -> bool {
    let want = visible_block(text);
    page.items.iter().any(|i| {
        *i == want
            || i.strip_prefix(want.as_str())
                .is_some_and(|rest| rest.starts_with("\n— "))
    })
}

#[test]
fn the_page_is_inert_self_contained_and_has_charts() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let doc = html(&store, &session, Lang::Nl, false);
    let page = parse(&doc);
    assert_safe(&doc, &page);
    // Voices (all tables, per table), coverage, ratings.
    assert_eq!(page.count("svg"), 4);
    assert!(page.styles.contains("@media print"));
    assert!(page.styles.contains("size: A4"));
    assert!(page.styles.contains("break-before: page"));
    assert_eq!(
        page.elements
            .iter()
            .filter(|(n, a)| n == "section" && a.iter().any(|(k, v)| k == "class" && v == "table"))
            .count(),
        4,
        "a section (and page) per table, and one for the notes at no table"
    );
    assert!(
        page.headings
            .contains(&"Tafel 1 — Open informatie en Woo".to_string())
    );
    assert!(
        page.headings
            .contains(&"Stemmen per stakeholdergroep".to_string())
    );
    for text in [
        "De FAIR-checklist wordt nog weinig gebruikt.",
        "Maak één portaal voor alle Woo-dossiers.\nMet een API erbij.",
        "Na afloop nagekomen: het meerjarenplan is gepubliceerd.",
    ] {
        assert!(shown(&page, text), "{text:?} not in {:#?}", page.items);
    }
    assert!(
        !doc.contains("VERWIJDERD"),
        "deleted notes and tables stay out"
    );
    // English labels with --lang.
    let en = parse(&html(&store, &session, Lang::En, false));
    assert!(
        en.headings
            .contains(&"Voices per stakeholder group".to_string())
    );
    assert!(doc.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
}

/// The page has exactly the Markdown's headings and list items — notes
/// with who said them, agreements and actions with owner and place,
/// ratings, items without input — named and anonymised, in both languages.
#[test]
fn the_page_says_what_the_markdown_says_also_anonymised() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    for lang in [Lang::Nl, Lang::En] {
        for anonymize in [false, true] {
            let md = read(&markdown(&store, &session, lang, anonymize));
            let page = parse(&html(&store, &session, lang, anonymize));
            let md_items: Vec<&str> = md.items.iter().map(|i| i.text.as_str()).collect();
            let html_items: Vec<&str> = page.items.iter().map(String::as_str).collect();
            assert_eq!(html_items, md_items, "{lang:?}, anonymised {anonymize}");
            let md_headings: Vec<&str> = md.headings.iter().map(|h| h.1.as_str()).collect();
            assert_eq!(
                page.headings, md_headings,
                "{lang:?}, anonymised {anonymize}"
            );
        }
    }
    let anon = html(&store, &session, Lang::Nl, true);
    for name in [
        "Anouk",
        "Vries",
        "Lotte",
        "Jansen",
        "Fenna",
        "Hanna",
        "Open State",
    ] {
        assert!(!anon.contains(name), "{name} in the anonymised page");
    }
    let named = html(&store, &session, Lang::Nl, false);
    for name in [
        "Anouk de Vries",
        "Lotte Jansen",
        "Fenna Faciliteert",
        "Hanna Host",
    ] {
        assert!(named.contains(name), "{name} missing from the named page");
    }
}

const HOSTILE: &[&str] = &[
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    "&amp; &lt;b&gt; & los &#x3C;script&#x3E;",
    "</li></ul></section><script src=\"https://evil.example/x.js\"></script>",
    "<style>body{background:url(https://evil.example/t.png)}</style>",
    "<!-- open comment",
    "<a href=\"javascript:alert(1)\">klik</a> <iframe src=//evil.example>",
    "regel één\nregel <b>twee</b>\n\"aanhalingstekens\" en 'enkele'",
    "]]></title><title>x",
    "controle: \u{0}\u{1b}[31m\u{7f}\u{85}",
];

#[test]
fn hostile_text_is_text_everywhere() {
    let mut store = Store::open_in_memory().unwrap();
    let session = store
        .create_session(
            &tafel::domain::NewSession {
                title: "<script>alert(1)</script> & \"titel\"".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: "<img src=x onerror=alert(2)>".into(),
                facilitator: "' onclick='x".into(),
                language: Lang::Nl,
            },
            &tafel::agenda::bundled(),
        )
        .unwrap();
    store
        .connection()
        .execute(
            "UPDATE dimension SET name = '<b onmouseover=x>Data</b>' WHERE key = 'open-data'",
            [],
        )
        .unwrap();
    let ap3 = item(&store, &session, ItemKind::ActionPoint, 3);
    let t = store
        .create_table(&session.id, "</svg><script>t</script>", "<i>host</i>", 20)
        .unwrap();
    store.assign_item(&t.id, &ap3.id).unwrap();
    let who = store
        .create_participant(
            &session.id,
            Some("<b>Jan</b> \"de\" Vries"),
            Some("Org & <Co>"),
            StakeholderGroup::Anders,
        )
        .unwrap();
    for (i, text) in HOSTILE.iter().enumerate() {
        let kind = NoteKind::ALL[i % NoteKind::ALL.len()];
        let mut n = note(&ap3, Some(&t.id), kind, text);
        n.content.participant_id = Some(who.id.clone());
        n.content.tags = vec!["open-data".into()];
        n.content.owner = "<u>owner</u> & co".into();
        n.votes_for = i as u32;
        store.add_note(&session.id, &n).unwrap();
    }
    store
        .set_rating(
            &session.id,
            &ap3.id,
            tafel::domain::IrmLevel::Limited,
            "<script>r</script>",
        )
        .unwrap();
    let session = store.session(&session.id).unwrap();
    for anonymize in [false, true] {
        let doc = html(&store, &session, Lang::Nl, anonymize);
        let page = parse(&doc);
        assert_safe(&doc, &page);
        assert!(page.count("svg") >= 2);
        assert!(page.count("b") == 0 && page.count("i") == 0 && page.count("u") == 0);
        for text in HOSTILE {
            assert!(
                shown(&page, text),
                "{text:?} not shown as text (anonymised {anonymize})"
            );
        }
        assert_eq!(
            page.headings[0], "<script>alert(1)</script> & \"titel\"",
            "the title, as text"
        );
        assert!(
            page.headings
                .iter()
                .any(|h| h == "Tafel 1 — </svg><script>t</script>"),
            "{:?}",
            page.headings
        );
    }
}

#[test]
fn the_page_is_deterministic() {
    let make = || {
        let mut store = Store::open_in_memory().unwrap();
        let session = tafel::demo::create(&mut store, 300, 4, Lang::Nl).unwrap();
        (
            html(&store, &session, Lang::Nl, false),
            html(&store, &session, Lang::En, true),
        )
    };
    let (a, b) = (make(), make());
    assert_eq!(a.0, b.0, "two databases, the same page");
    assert_eq!(a.1, b.1);
    let page = parse(&a.0);
    assert_safe(&a.0, &page);
    assert!(page.count("svg") >= 3);
}

#[test]
fn the_command_writes_the_page_to_a_file() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let path = dir.path().join("notulen.html");
    let opts = ExportOptions {
        session: None,
        format: ExportFormat::Html,
        output: Some(path.clone()),
        force: false,
        anonymize: true,
        lang: Some(Lang::En),
    };
    export::run(&store, &opts, &mut std::io::sink()).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, html(&store, &session, Lang::En, true));
    assert!(
        export::run(&store, &opts, &mut std::io::sink()).is_err(),
        "not overwritten"
    );
    assert_eq!(
        export::default_file_name(&session, ExportFormat::Html),
        "2025-11-20-msf-bijeenkomst-herijking.html"
    );
}

/// With more than one table round, each table's notes are split by round
/// (as in the Markdown minutes): round headings, items and kinds one level
/// deeper, every note once, and the items a table did not discuss listed
/// once after its rounds.
#[test]
fn the_page_splits_a_tables_notes_by_round_when_there_were_rounds() {
    let mut store = Store::open_in_memory().unwrap();
    let s = tafel::demo::create(&mut store, 60, 1, Lang::Nl).unwrap();
    let text = html(&store, &s, Lang::Nl, false);
    let page = parse(&text);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    let tables: Vec<&str> = text.split("<section class=\"table\">").skip(1).collect();
    assert_eq!(tables.len(), 4);
    for t in &tables {
        let t = t.split("</section>").next().unwrap();
        let r1 = t.find("<h3>Ronde 1</h3>").expect(t);
        let r2 = t.find("<h3>Ronde 2</h3>").expect(t);
        assert!(r1 < r2, "{t}");
        assert!(
            t.contains("<h4>Actiepunt") || t.contains("<h4>Beleidsvraag"),
            "{t}"
        );
        assert!(
            !t.contains("<h3>Actiepunt") && !t.contains("<h3>Beleidsvraag"),
            "{t}"
        );
        assert!(!t.contains("Geen notities."), "{t}");
        if let Some(rest) = t.split("<h3>Agendapunten zonder inbreng</h3>").nth(1) {
            assert!(rest.starts_with("<ul><li>"), "{t}");
            assert!(!rest.contains("<h3>"), "after the rounds: {t}");
        }
    }
    // Every note of the session is in exactly one table section, once.
    let mut all = Vec::new();
    store
        .for_each_note(&s.id, |n| {
            all.push(n.content.text);
            Ok(())
        })
        .unwrap();
    assert_eq!(all.len(), 60);
    let sections = parse(&tables.concat());
    for n in &all {
        let want = visible_block(n);
        let times = sections
            .items
            .iter()
            .filter(|i| {
                **i == want
                    || i.strip_prefix(want.as_str())
                        .is_some_and(|rest| rest.starts_with("\n— "))
            })
            .count();
        assert_eq!(times, all.iter().filter(|m| *m == n).count(), "{n}");
    }
}
