//! Hostile text in every field of a session (Markdown structure, HTML,
//! control characters, very long lines) comes out of the Markdown export
//! literally: no markup, no HTML, every table intact.

mod common;

use chrono::NaiveDate;
use common::fixture::*;
use common::markdown::*;
use tafel::agenda;
use tafel::domain::{IrmLevel, ItemKind, Lang, NewSession, NoteKind, Session, StakeholderGroup};
use tafel::export::escape::{block, inline, visible_block, visible_inline};
use tafel::store::Store;

/// Every way typed text could turn into Markdown structure or HTML, and
/// text that must survive as it is.
fn hostile_notes() -> Vec<String> {
    let mut v: Vec<String> = [
        "# Kop 1",
        "## Kop 2 ##",
        "###### zes",
        "#geen kop",
        "- lijstje",
        "+ plus",
        "* ster",
        "> citaat",
        ">> dubbel citaat",
        "1. genummerd",
        "1) ook genummerd",
        "2023. een jaartal",
        "---",
        "***",
        "___",
        "- - -",
        "===",
        "Setext kop\n===",
        "Setext kop\n---",
        "a | b | c",
        "| a | b |\n| --- | --- |\n| 1 | 2 |",
        "a | b\n--- | ---\nc | d",
        "`code` en ``dubbel ` tick``",
        "```\nfence\n```",
        "~~~rust\nfence\n~~~",
        "<script>alert(1)</script>",
        "<!-- commentaar -->",
        "<!-- niet gesloten",
        "<b>vet</b> <img src=x onerror=alert(1)>",
        "<div>\n*blok*\n</div>",
        "<?php echo 1; ?>",
        "<![CDATA[ x ]]>",
        "<https://example.org> en https://example.org en www.example.org",
        "mail@example.org en <mail@example.org>",
        "*nadruk* en **sterk** en _ook_ en __dit__ en ***allebei***",
        "snake_case_naam en 2*3*4 en a*b*c",
        "[link](https://example.org) en [ref][1]\n\n[1]: https://evil.example",
        "[ref]\n\n[ref]: /url \"titel\"",
        "![plaatje](https://example.org/x.png)",
        "&amp; &lt;b&gt; &#65; &#x41; &copy; &nbsp; &bogus; & los",
        "regel met twee spaties  \nvolgende",
        "eindigt op backslash\\\nvolgende",
        "eindigt op backslash\\",
        "\\* al ge-escaped \\_ \\\\",
        "    vier spaties: code?",
        "\tinspringen met tab",
        "   drie spaties",
        "achter spaties   ",
        "achter tab\t",
        "~~doorgehaald~~ en ~sub~ en ^sup^",
        "$math$ en $$display$$ en \\(x\\)",
        "[^1] voetnoot\n\n[^1]: tekst",
        "- [ ] taak\n- [x] klaar",
        "term\n: definitie",
        "[[wikilink]] en [[a|b]]",
        "# Kop {#id .class}",
        "\"aanhalingstekens\" en 'enkele' -- en --- en ...",
        "emoji 👍🏽 👨‍👩‍👧 🇳🇱 ❤️",
        "rechts-naar-links: שלום עולם و مرحبا بالعالم 123",
        "combinerend: e\u{301} n\u{303} a\u{30a}\u{323} ǹ̈",
        "controle: \u{0}nul \u{7}bel \u{1b}[31mrood\u{1b}[0m \u{8}bs \u{7f}del \u{85}nel \u{9b}csi \u{c}ff \u{b}vt",
        "crlf\r\nregel\rcr",
        "lege\n\nregel ertussen",
        "\n\nbegint en eindigt met lege regels\n\n",
        "spaties\n   \nals regel",
        "+++\ntoml: front\n+++",
        "---\nyaml: front\n---",
        "\\",
        "&",
        "a\u{a0}b nbsp, \u{2028} lijnscheiding, \u{200b}zero width",
        "1\\. al ontsnapt",
        "foo\n    code in vervolgregel",
        "tekst\n> citaat in vervolgregel\n- lijst in vervolgregel\n# kop in vervolgregel\n1. genummerd\n<div>x</div>",
        "| begint met pijp",
        "eindigt met pijp |",
        "\\|",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    v.push(format!("{}einde", "lange regel met woorden ".repeat(800)));
    v.push("x".repeat(20_000));
    v
}

const HOSTILE_TITLE: &str = "# Titel | met <b>html</b> & `code`\n===";
const HOSTILE_TABLE: &str = "Tafel | met # pijp\n---";
const HOSTILE_HOST: &str = "`host` <script>x</script>";
const HOSTILE_NAME: &str = "<b>Jan</b> | *de* _Vries_\\";
const HOSTILE_ORG: &str = "Org & Co <!-- x -->\n|---|";
const HOSTILE_OWNER: &str = "*eigenaar* | <i>x</i> [a](b)";
const HOSTILE_COMMENT: &str = "# opmerking\n- met lijst\n| en | tabel |";
const HOSTILE_DIMENSION: &str = "Open | Data <i>";
const HOSTILE_AGENDA: &str = "<i>Agenda</i> | [x](y)";
const HOSTILE_ITEM: &str = "FAIR | Woo *dossiers* <u>";

fn hostile_session(store: &mut Store) -> Session {
    let session = store
        .create_session(
            &NewSession {
                title: HOSTILE_TITLE.into(),
                date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: "[link](javascript:alert(1))".into(),
                facilitator: "  ingesprongen  ".into(),
                language: Lang::Nl,
            },
            &agenda::bundled(),
        )
        .unwrap();
    let c = store.connection();
    c.execute(
        "UPDATE session SET agenda_name = ?1, agenda_version = ?2",
        [HOSTILE_AGENDA, "`1.0` ![v](x)"],
    )
    .unwrap();
    c.execute(
        "UPDATE dimension SET name = ?1 WHERE key = 'open-data'",
        [HOSTILE_DIMENSION],
    )
    .unwrap();
    c.execute(
        "UPDATE item SET title = ?1 WHERE kind = 'action_point' AND number = 3",
        [HOSTILE_ITEM],
    )
    .unwrap();
    let ap3 = item(store, &session, ItemKind::ActionPoint, 3);
    let table = store
        .create_table(&session.id, HOSTILE_TABLE, HOSTILE_HOST, 20)
        .unwrap();
    store.assign_item(&table.id, &ap3.id).unwrap();
    let who = store
        .create_participant(
            &session.id,
            Some(HOSTILE_NAME),
            Some(HOSTILE_ORG),
            StakeholderGroup::Anders,
        )
        .unwrap();
    for (i, text) in hostile_notes().iter().enumerate() {
        let kind = NoteKind::ALL[i % NoteKind::ALL.len()];
        store
            .add_note(&session.id, &{
                let mut n = note(&ap3, Some(&table.id), kind, text);
                n.content.participant_id = Some(who.id.clone());
                n.content.tags = vec!["open-data".into()];
                n.content.owner = if kind == NoteKind::Action {
                    HOSTILE_OWNER.into()
                } else {
                    String::new()
                };
                n
            })
            .unwrap();
    }
    store
        .add_note(
            &session.id,
            &note(&ap3, None, NoteKind::Idea, "<b>zonder</b> | tafel"),
        )
        .unwrap();
    store
        .set_rating(&session.id, &ap3.id, IrmLevel::Limited, HOSTILE_COMMENT)
        .unwrap();
    store.session(&session.id).unwrap()
}

#[test]
fn hostile_text_comes_out_literally() {
    let mut store = Store::open_in_memory().unwrap();
    let session = hostile_session(&mut store);
    let md = markdown(&store, &session, Lang::Nl, false);
    assert_no_html(&md);
    let r = read(&md);
    assert_clean(&r);
    assert_tables_intact(&md, &r);

    let item = format!("Actiepunt 3 — {}", visible_inline(HOSTILE_ITEM));
    let mut expected: Vec<(u8, String)> = vec![
        (1, visible_inline(HOSTILE_TITLE)),
        (2, "Samenvatting".into()),
        (3, "Notities per tafel".into()),
        (3, "Stemmen per stakeholdergroep".into()),
        (3, "Afspraken".into()),
        (3, "Acties".into()),
        // The hostile actions have no due date.
        (3, "Acties nog zonder eigenaar of datum".into()),
        (2, format!("Tafel 1 — {}", visible_inline(HOSTILE_TABLE))),
        (3, item.clone()),
    ];
    for k in [
        "Observaties",
        "Ideeën",
        "Vragen",
        "Zorgen",
        "Afspraken",
        "Acties",
    ] {
        expected.push((4, k.into()));
    }
    expected.extend([
        (2, "Notities zonder tafel".into()),
        (3, item.clone()),
        (4, "Ideeën".into()),
        (2, "IRM-beoordeling van de actiepunten".into()),
        (2, "Dekking van de dimensies".into()),
        (2, "Agendapunten zonder inbreng".into()),
    ]);
    assert_eq!(r.headings, expected);

    for text in hostile_notes() {
        assert_note_shown(&r, &text);
    }
    assert_note_shown(&r, "<b>zonder</b> | tafel");

    // Tables: the cells hold the literal names.
    let counts = &r.tables[0];
    assert_eq!(counts[1][0], visible_inline(HOSTILE_TABLE));
    assert_eq!(counts[2][0], "Zonder tafel");
    let n = hostile_notes().len() + 1;
    assert_eq!(counts[3][NoteKind::ALL.len() + 1], n.to_string());
    // Voices: the hostile table name heads a column; one speaker, Anders.
    let voices = &r.tables[1];
    assert_eq!(voices[0][1], visible_inline(HOSTILE_TABLE));
    let anders = voices
        .iter()
        .find(|row| row[0] == "Anders")
        .expect("Anders");
    assert_eq!(anders[1], (n - 1).to_string());
    let cov = &r.tables[2];
    assert_eq!(cov[0][1], visible_inline(HOSTILE_DIMENSION));
    let row = cov.iter().find(|row| row[0] == item).expect("item row");
    assert_eq!(row[1], (n - 1).to_string());
    for row in &cov[1..] {
        assert!(row[1..].iter().all(|c| c.parse::<u64>().is_ok()), "{row:?}");
    }

    // Metadata, hosts, owners, comments: literal.
    let all: String = r
        .items
        .iter()
        .map(|i| i.text.as_str())
        .chain(r.headings.iter().map(|h| h.1.as_str()))
        .collect::<Vec<_>>()
        .join("\n");
    let who = format!(
        "{}, {} (Anders)",
        visible_inline(HOSTILE_NAME),
        visible_inline(HOSTILE_ORG)
    );
    for want in [
        format!("Locatie: {}", visible_inline("[link](javascript:alert(1))")),
        format!(
            "Agenda: {} (versie {})",
            visible_inline(HOSTILE_AGENDA),
            visible_inline("`1.0` ![v](x)")
        ),
        format!("Facilitator: {}", visible_inline("  ingesprongen  ")),
        format!(
            "{} (tafelhost: {})",
            visible_inline(HOSTILE_TABLE),
            visible_inline(HOSTILE_HOST)
        ),
        format!("— {who} · dimensies: {}", visible_inline(HOSTILE_DIMENSION)),
        format!("eigenaar: {}", visible_inline(HOSTILE_OWNER)),
        format!("{item}: Beperkt\n{}", visible_block(HOSTILE_COMMENT)),
    ] {
        assert!(all.contains(&want), "not shown literally: {want:?}");
    }
    assert!(md.contains(&format!("Tafelhost: {}", inline(HOSTILE_HOST))));
    // Under the item's heading, the rating's comment is a literal paragraph.
    assert!(md.contains(&format!(
        "**IRM-beoordeling:** Beperkt  \n{}\n",
        block(HOSTILE_COMMENT, "")
    )));

    let anon = markdown(&store, &session, Lang::Nl, true);
    assert!(!anon.contains("Jan"));
    assert!(!anon.contains("Org"));
}

/// The hostile session's minutes read by pandoc's GFM reader, where pandoc
/// is installed: every note is shown as typed, nothing becomes markup.
#[test]
fn hostile_text_comes_out_literally_in_pandoc() {
    if !common::pandoc::available("hostile_text_comes_out_literally_in_pandoc") {
        return;
    }
    let mut store = Store::open_in_memory().unwrap();
    let session = hostile_session(&mut store);
    let md = markdown(&store, &session, Lang::Nl, false);
    let r = common::pandoc::read(&md);
    // The minutes' own italics ("Geen notities.") are the only markup.
    let unexpected: Vec<&String> = r
        .unexpected
        .iter()
        .filter(|u| !u.starts_with("Emph"))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
    let norm = common::pandoc::normalize;
    let items: Vec<String> = r.items.iter().map(|i| norm(i)).collect();
    for text in hostile_notes() {
        if text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
            continue; // pandoc composes `e` + U+0301 into `é`: not markup
        }
        let want = norm(&visible_block(&text));
        assert!(
            items
                .iter()
                .any(|i| *i == want || i.starts_with(&format!("{want}\n— "))),
            "not shown literally by pandoc: {want:?}"
        );
    }
    let title = norm(&visible_inline(HOSTILE_TITLE));
    assert_eq!(r.headings[0], (1, title));
}

/// The HTML minutes of the hostile session: inert, and showing exactly the
/// Markdown's headings and list items — every hostile text, as text.
#[test]
fn hostile_text_comes_out_literally_in_html() {
    let mut store = Store::open_in_memory().unwrap();
    let session = hostile_session(&mut store);
    for anonymize in [false, true] {
        let mut out = Vec::new();
        tafel::export::write_html(&store, &session, Lang::Nl, anonymize, &mut out).unwrap();
        let doc = String::from_utf8(out).unwrap();
        let page = common::html::parse(&doc);
        common::html::assert_safe(&doc, &page);
        let md = read(&markdown(&store, &session, Lang::Nl, anonymize));
        let md_items: Vec<&str> = md.items.iter().map(|i| i.text.as_str()).collect();
        let html_items: Vec<&str> = page.items.iter().map(String::as_str).collect();
        assert_eq!(html_items, md_items, "anonymised {anonymize}");
        let md_headings: Vec<&str> = md.headings.iter().map(|h| h.1.as_str()).collect();
        assert_eq!(page.headings, md_headings, "anonymised {anonymize}");
    }
}
