//! Export of a session through the library API: the Markdown is parsed back
//! with pulldown-cmark (every extension on) and checked for structure and
//! literal text; the JSON is read back through serde.

use chrono::NaiveDate;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use tafel::agenda;
use tafel::domain::NoteContent;
use tafel::domain::{
    IrmLevel, Item, ItemKind, Lang, NewSession, NoteInput, NoteKind, Session, StakeholderGroup,
};
use tafel::export::escape::{block, inline, visible_block, visible_inline};
use tafel::export::{self, ExportFormat, json};
use tafel::store::Store;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Reading Markdown back.

/// What a reader sees of a Markdown document.
#[derive(Debug, Default)]
struct Rendered {
    headings: Vec<(u8, String)>,
    /// Tables → rows (header first) → cell texts.
    tables: Vec<Vec<Vec<String>>>,
    items: Vec<RenderedItem>,
    /// Raw HTML, code, block quotes, rules … anything the export never
    /// writes on purpose.
    unexpected: Vec<String>,
}

#[derive(Debug, Default)]
struct RenderedItem {
    text: String,
    /// Inline markup inside the item (emphasis, links, …).
    markup: Vec<String>,
}

enum Target {
    Heading(usize),
    Cell,
    Item(usize),
}

fn render(md: &str) -> Rendered {
    let mut r = Rendered::default();
    let mut stack: Vec<Target> = Vec::new();
    let push_text = |r: &mut Rendered, stack: &[Target], s: &str| match stack.last() {
        Some(Target::Heading(i)) => r.headings[*i].1.push_str(s),
        Some(Target::Cell) => r
            .tables
            .last_mut()
            .unwrap()
            .last_mut()
            .unwrap()
            .last_mut()
            .unwrap()
            .push_str(s),
        Some(Target::Item(i)) => r.items[*i].text.push_str(s),
        None => {}
    };
    for event in Parser::new_ext(md, Options::all()) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    r.headings.push((level as u8, String::new()));
                    stack.push(Target::Heading(r.headings.len() - 1));
                }
                Tag::Table(_) => r.tables.push(Vec::new()),
                Tag::TableHead | Tag::TableRow => r.tables.last_mut().unwrap().push(Vec::new()),
                Tag::TableCell => {
                    r.tables
                        .last_mut()
                        .unwrap()
                        .last_mut()
                        .unwrap()
                        .push(String::new());
                    stack.push(Target::Cell);
                }
                Tag::Item => {
                    r.items.push(RenderedItem::default());
                    stack.push(Target::Item(r.items.len() - 1));
                }
                Tag::Paragraph | Tag::List(_) => {}
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. } => {
                    let m = format!("{tag:?}");
                    if let Some(Target::Item(i)) = stack.last() {
                        r.items[*i].markup.push(m);
                    } else if !matches!(tag, Tag::Strong | Tag::Emphasis) {
                        r.unexpected.push(m);
                    }
                }
                other => r.unexpected.push(format!("{other:?}")),
            },
            Event::End(TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item) => {
                stack.pop();
            }
            Event::End(_) => {}
            Event::Text(t) => push_text(&mut r, &stack, &t),
            Event::SoftBreak => push_text(&mut r, &stack, " "),
            Event::HardBreak => push_text(&mut r, &stack, "\n"),
            other => r.unexpected.push(format!("{other:?}")),
        }
    }
    r
}

/// The number of unescaped `|` in a line of Markdown source.
fn pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
    }
    n
}

/// Every GFM table in the source has the same number of columns on every
/// line, and the parser sees them all.
fn assert_tables_intact(md: &str, r: &Rendered) {
    let mut in_table: Option<usize> = None;
    let mut count = 0;
    for line in md.lines() {
        if line.starts_with('|') {
            let p = pipes(line);
            match in_table {
                None => {
                    in_table = Some(p);
                    count += 1;
                }
                Some(q) => assert_eq!(p, q, "a table line with other columns: {line}"),
            }
        } else {
            in_table = None;
        }
    }
    assert_eq!(count, r.tables.len(), "tables in the source vs parsed");
    for t in &r.tables {
        let width = t[0].len();
        assert!(t.iter().all(|row| row.len() == width), "{t:?}");
    }
}

/// No raw HTML anywhere: no HTML block, no inline HTML.
fn assert_no_html(md: &str) {
    let html: Vec<String> = Parser::new_ext(md, Options::all())
        .filter(|e| {
            matches!(
                e,
                Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock)
            )
        })
        .map(|e| format!("{e:?}"))
        .collect();
    assert!(html.is_empty(), "raw HTML in the export: {html:?}");
}

fn assert_clean(r: &Rendered) {
    assert!(
        r.unexpected.is_empty(),
        "unexpected Markdown: {:?}",
        r.unexpected
    );
}

/// Some list item shows exactly `text`, alone or followed by its metadata
/// line, with no markup.
fn assert_note_shown(r: &Rendered, text: &str) {
    let want = visible_block(text);
    let found = r.items.iter().any(|i| {
        i.markup.is_empty()
            && (i.text == want
                || i.text
                    .strip_prefix(want.as_str())
                    .is_some_and(|rest| rest.starts_with("\n— ")))
    });
    assert!(found, "note not shown literally: {want:?}");
}

// ---------------------------------------------------------------------------
// Sessions to export.

fn item(store: &Store, session: &Session, kind: ItemKind, number: u32) -> Item {
    store
        .items(&session.id)
        .unwrap()
        .into_iter()
        .find(|i| i.kind == kind && i.number == number)
        .unwrap()
}

fn note(item: &Item, table: Option<&str>, kind: NoteKind, text: &str) -> NoteInput {
    NoteInput {
        item_id: item.id.clone(),
        table_id: table.map(str::to_string),
        content: NoteContent {
            kind,
            text: text.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A small session with every feature: tables with and without host and
/// items, named, half-named and deleted participants, every note kind,
/// tags, votes, owners and dates, a multi-line note, a note without a table,
/// a deleted note, a note at a deleted table, ratings with and without
/// comment.
fn fixture(store: &mut Store, lang: Lang) -> Session {
    let session = store
        .create_session(
            &NewSession {
                title: "MSF-bijeenkomst herijking".into(),
                date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
                location: "Den Haag, Nieuwspoort".into(),
                facilitator: "Fenna Faciliteert".into(),
                language: lang,
            },
            &agenda::bundled(),
        )
        .unwrap();
    let s = &session.id;
    let ap1 = item(store, &session, ItemKind::ActionPoint, 1);
    let ap3 = item(store, &session, ItemKind::ActionPoint, 3);
    let ap5 = item(store, &session, ItemKind::ActionPoint, 5);
    let pq2 = item(store, &session, ItemKind::PolicyQuestion, 2);

    let woo = store
        .create_table(s, "Open informatie en Woo", "Hanna Host", 25)
        .unwrap();
    for i in [&pq2, &ap5, &ap3] {
        store.assign_item(&woo.id, &i.id).unwrap();
    }
    let part = store.create_table(s, "Participatie", "", 20).unwrap();
    store.assign_item(&part.id, &ap1.id).unwrap();
    store.create_table(s, "Lege tafel", "Iemand", 20).unwrap();
    let gone = store.create_table(s, "Weggehaalde tafel", "", 20).unwrap();
    store.assign_item(&gone.id, &ap1.id).unwrap();

    let anouk = store
        .create_participant(
            s,
            Some("Anouk de Vries"),
            Some("Ministerie van BZK"),
            StakeholderGroup::Overheid,
        )
        .unwrap();
    let osf = store
        .create_participant(
            s,
            None,
            Some("Open State Foundation"),
            StakeholderGroup::MaatschappelijkeOrganisatie,
        )
        .unwrap();
    let lotte = store
        .create_participant(s, Some("Lotte Jansen"), None, StakeholderGroup::Wetenschap)
        .unwrap();
    let weg = store
        .create_participant(
            s,
            Some("Willem Weg"),
            Some("Weg BV"),
            StakeholderGroup::Bedrijfsleven,
        )
        .unwrap();

    let w = Some(woo.id.as_str());
    let p = Some(part.id.as_str());
    let mut add = |n: NoteInput| store.add_note(s, &n).unwrap();
    add({
        let mut n = note(
            &ap3,
            w,
            NoteKind::Observation,
            "De FAIR-checklist wordt nog weinig gebruikt.",
        );
        n.content.participant_id = Some(anouk.id.clone());
        n.content.group = Some(StakeholderGroup::Overheid);
        n.content.tags = vec!["open-informatie".into(), "open-data".into()];
        n.votes_for = 3;
        n.votes_against = 1;
        n
    });
    add({
        let mut n = note(
            &ap3,
            w,
            NoteKind::Idea,
            "Maak één portaal voor alle Woo-dossiers.\nMet een API erbij.",
        );
        n.content.group = Some(StakeholderGroup::Actiehouder);
        n.content.tags = vec!["open-data".into()];
        n
    });
    add(note(
        &ap3,
        w,
        NoteKind::Question,
        "Wie beheert de metadata?",
    ));
    add({
        let mut n = note(
            &ap3,
            w,
            NoteKind::Agreement,
            "BZK deelt de checklist met alle departementen.",
        );
        n.content.group = Some(StakeholderGroup::Overheid);
        n
    });
    add({
        let mut n = note(
            &ap3,
            w,
            NoteKind::Action,
            "Rondvraag onder gebruikers organiseren.",
        );
        n.content.participant_id = Some(osf.id.clone());
        n.content.group = Some(StakeholderGroup::MaatschappelijkeOrganisatie);
        n.content.owner = "BZK, directie DS".into();
        n.content.due = NaiveDate::from_ymd_opt(2026, 1, 15);
        n
    });
    add({
        let mut n = note(
            &pq2,
            w,
            NoteKind::Concern,
            "Monitoring meet nu vooral output, geen effect.",
        );
        n.content.participant_id = Some(lotte.id.clone());
        n.content.group = Some(StakeholderGroup::Wetenschap);
        n.content.tags = vec!["open-cultuur".into()];
        n
    });
    add(NoteInput {
        votes_for: 2,
        ..note(&ap1, p, NoteKind::Idea, "Een inzage-app per gemeente.")
    });
    add({
        let mut n = note(&ap1, p, NoteKind::Action, "Voorbeelden verzamelen.");
        n.content.owner = "PROO".into();
        n
    });
    add({
        let mut n = note(&ap1, p, NoteKind::Concern, "Kosten voor kleine gemeenten.");
        n.content.participant_id = Some(weg.id.clone());
        n.content.group = Some(StakeholderGroup::Bedrijfsleven);
        n
    });
    add(note(
        &ap5,
        None,
        NoteKind::Observation,
        "Na afloop nagekomen: het meerjarenplan is gepubliceerd.",
    ));
    let deleted = add(note(&ap5, w, NoteKind::Idea, "VERWIJDERDE NOTITIE"));
    add(note(
        &ap1,
        Some(gone.id.as_str()),
        NoteKind::Idea,
        "NOTITIE AAN VERWIJDERDE TAFEL",
    ));
    store.delete_note(&deleted.id).unwrap();
    store.delete_table(&gone.id).unwrap();
    store.delete_participant(&weg.id).unwrap();

    store
        .set_rating(
            s,
            &ap3.id,
            IrmLevel::Substantial,
            "Checklist staat, gebruik nog beperkt.\nVolgend jaar meten.",
        )
        .unwrap();
    store
        .set_rating(s, &ap1.id, IrmLevel::Complete, "")
        .unwrap();
    session
}

fn markdown(store: &Store, session: &Session, lang: Lang, anonymize: bool) -> String {
    let mut out = Vec::new();
    export::write_markdown(store, session, lang, anonymize, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn json_bytes(store: &Store, session: &Session, anonymize: bool) -> Vec<u8> {
    let mut out = Vec::new();
    export::write_json(store, session, anonymize, &mut out).unwrap();
    out
}

// ---------------------------------------------------------------------------
// The small session.

#[test]
fn markdown_has_the_expected_heading_tree() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let md = markdown(&store, &session, Lang::Nl, false);
    let r = render(&md);
    assert_clean(&r);
    let h: Vec<(u8, &str)> = r.headings.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(
        h,
        [
            (1, "MSF-bijeenkomst herijking"),
            (2, "Samenvatting"),
            (3, "Notities per tafel"),
            (3, "Afspraken"),
            (3, "Acties"),
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
    // Coverage: every item × the 7 dimensions.
    let cov = &r.tables[1];
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
    let r = render(&anon);
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

/// Replaces every UUID by `id-N` in order of first appearance.
fn normalise_ids(s: &str) -> String {
    let is_uuid = |w: &[u8]| {
        w.len() == 36
            && w.iter().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            })
    };
    let bytes = s.as_bytes();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if i + 36 <= bytes.len() && is_uuid(&bytes[i..i + 36]) {
            let id = &s[i..i + 36];
            let n = seen.len() + 1;
            let n = *seen.entry(id).or_insert(n);
            out.push_str(&format!("id-{n}"));
            i += 36;
        } else {
            let c = s[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[test]
fn json_snapshot() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let t = "2025-11-20T12:00:00.000Z";
    for table in ["session", "thematic_table", "participant", "note", "rating"] {
        store
            .connection()
            .execute(
                &format!("UPDATE {table} SET created_at = ?1, updated_at = ?1"),
                [t],
            )
            .unwrap();
    }
    let session = store.session(&session.id).unwrap();
    let out = String::from_utf8(json_bytes(&store, &session, false)).unwrap();
    insta::assert_snapshot!("json", normalise_ids(&out));
}

#[test]
fn json_round_trips_through_serde() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    for anon in [false, true] {
        let bytes = json_bytes(&store, &session, anon);
        let doc: json::Document = serde_json::from_slice(&bytes).unwrap();
        let expected = json::document(&store, &session, anon).unwrap();
        assert_eq!(doc, expected);
        // The streamed bytes are exactly serde's view of the struct.
        let streamed: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(streamed, serde_json::to_value(&expected).unwrap());
        assert_eq!(doc.schema, "tafel-export/1");
        assert_eq!(doc.anonymized, anon);
        assert_eq!(doc.notes.len(), 10);
        assert_eq!(doc.tables.len(), 3);
        assert_eq!(doc.participants.len(), 3);
        assert_eq!(doc.items.len(), 23);
        assert_eq!(doc.dimensions.len(), 7);
        assert_eq!(doc.ratings.len(), 2);
        let names: Vec<Option<&str>> = doc.participants.iter().map(|p| p.name.as_deref()).collect();
        if anon {
            assert!(
                doc.participants
                    .iter()
                    .all(|p| p.name.is_none() && p.organisation.is_none())
            );
            assert!(!String::from_utf8_lossy(&bytes).contains("Anouk"));
        } else {
            assert_eq!(names, [Some("Anouk de Vries"), None, Some("Lotte Jansen")]);
        }
        // The note of the deleted participant keeps its group, not the link.
        let cost = doc
            .notes
            .iter()
            .find(|n| n.text.starts_with("Kosten"))
            .unwrap();
        assert_eq!(cost.participant_id, None);
        assert_eq!(cost.group, Some(StakeholderGroup::Bedrijfsleven));
        // In number order.
        assert!(doc.notes.windows(2).all(|w| w[0].number < w[1].number));
    }
}

// ---------------------------------------------------------------------------
// Hostile text.

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
    let r = render(&md);
    assert_clean(&r);
    assert_tables_intact(&md, &r);

    let item = format!("Actiepunt 3 — {}", visible_inline(HOSTILE_ITEM));
    let mut expected: Vec<(u8, String)> = vec![
        (1, visible_inline(HOSTILE_TITLE)),
        (2, "Samenvatting".into()),
        (3, "Notities per tafel".into()),
        (3, "Afspraken".into()),
        (3, "Acties".into()),
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
    let cov = &r.tables[1];
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

    let anon = markdown(&store, &session, Lang::Nl, true);
    assert!(!anon.contains("Jan"));
    assert!(!anon.contains("Org"));
}

// ---------------------------------------------------------------------------
// The escape functions, on many generated strings.

/// SplitMix64: small, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "a",
    "Z",
    "9",
    "1.",
    "1)",
    "- ",
    "+ ",
    "* ",
    "# ",
    "> ",
    "|",
    "\\",
    "`",
    "```",
    "~~~",
    "~",
    "*",
    "**",
    "_",
    "__",
    "=",
    "---",
    "===",
    "<",
    ">",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<?",
    "<![CDATA[",
    "&",
    "&amp;",
    "&#65;",
    "&#x41;",
    "&nbsp;",
    ";",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "[^1]",
    "[[",
    "]]",
    "{#x}",
    "$",
    "$$",
    "^",
    ":",
    "http://x.y",
    "www.x.y",
    "a@b.c",
    "'",
    "\"",
    "...",
    "!",
    "?",
    ",",
    "%",
    "/",
    "@",
    "é",
    "e\u{301}",
    "\u{30a}",
    "👍🏽",
    "👨‍👩‍👧",
    "🇳🇱",
    "שלום",
    "مرحبا",
    "\u{202e}",
    "\u{200d}",
    "\u{0}",
    "\u{1b}",
    "\u{7}",
    "\u{c}",
    "\u{b}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\u{a0}",
    "\u{2028}",
    "\u{3000}",
    "漢字",
];

fn generated(rng: &mut Rng) -> String {
    let n = rng.below(24);
    (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

#[test]
fn escaping_renders_back_to_the_input() {
    let mut rng = Rng(42);
    for round in 0..4000 {
        let s = generated(&mut rng);
        let ctx = format!("round {round}, input {s:?}");

        // A list item (notes), with a metadata line after it.
        let md = format!("- {}\\\n  — meta\n", block(&s, "  "));
        assert_no_html(&md);
        let r = render(&md);
        assert!(r.unexpected.is_empty(), "{ctx}: {:?}", r.unexpected);
        assert_eq!(r.items.len(), 1, "{ctx}: {md:?}");
        assert!(
            r.items[0].markup.is_empty(),
            "{ctx}: {:?}",
            r.items[0].markup
        );
        let want = visible_block(&s);
        if want.is_empty() {
            assert_eq!(block(&s, "  "), "", "{ctx}");
        } else {
            assert_eq!(r.items[0].text, format!("{want}\n— meta"), "{ctx}: {md:?}");
        }

        // A list item of its own, and after a heading.
        let md = format!("## x\n\n- {}\n", block(&s, "  "));
        let r = render(&md);
        assert!(r.unexpected.is_empty(), "{ctx}: {:?}", r.unexpected);
        assert_eq!(r.headings.len(), 1, "{ctx}");
        assert_eq!(r.items.len(), 1, "{ctx}");
        assert_eq!(r.items[0].text, want, "{ctx}: {md:?}");

        // A heading.
        let md = format!("# {}\n\n### a {} b\n", inline(&s), inline(&s));
        let r = render(&md);
        assert!(r.unexpected.is_empty(), "{ctx}: {:?}", r.unexpected);
        let one = visible_inline(&s);
        assert_eq!(
            r.headings,
            [(1, one.clone()), (3, format!("a {one} b"))],
            "{ctx}: {md:?}"
        );

        // A table cell, first and last.
        let md = format!(
            "| h | {} |\n| --- | --- |\n| {} | x |\n",
            inline(&s),
            inline(&s)
        );
        let r = render(&md);
        assert!(r.unexpected.is_empty(), "{ctx}: {:?}", r.unexpected);
        assert_eq!(r.tables.len(), 1, "{ctx}");
        assert_tables_intact(&md, &r);
        assert_eq!(
            r.tables[0],
            [
                vec!["h".to_string(), one.clone()],
                vec![one.clone(), "x".into()]
            ],
            "{ctx}: {md:?}"
        );
    }
}

#[test]
fn visible_text_is_the_input_when_it_has_nothing_to_replace() {
    for s in [
        "a # b",
        "x | y",
        "emoji 👍🏽",
        "שלום",
        "  leading",
        "trailing\t",
    ] {
        assert_eq!(visible_block(s), s);
        assert_eq!(visible_inline(s), s);
    }
    assert_eq!(visible_block("a\r\nb"), "a\nb");
    assert_eq!(visible_inline("a\nb"), "a / b");
    assert_eq!(visible_inline("\u{1b}\u{0}\u{7f}\u{9b}"), "␛␀␡\u{fffd}");
}

// ---------------------------------------------------------------------------
// Files.

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_to_file_is_private_atomic_and_refuses_to_overwrite() {
    let mut store = Store::open_in_memory().unwrap();
    let session = fixture(&mut store, Lang::Nl);
    let dir = TempDir::new().unwrap();
    let name = export::default_file_name(&session, ExportFormat::Markdown);
    assert_eq!(name, "2025-11-20-msf-bijeenkomst-herijking.md");
    assert_eq!(
        export::default_file_name(&session, ExportFormat::Json),
        "2025-11-20-msf-bijeenkomst-herijking.json"
    );
    let path = dir.path().join(&name);
    let written = export::export_to_file(
        &store,
        &session.id,
        ExportFormat::Markdown,
        &path,
        false,
        false,
        None,
    )
    .unwrap();
    assert_eq!(written, path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, markdown(&store, &session, Lang::Nl, false));
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    // Not again without force: an error naming the file, file unchanged.
    let err = export::export_to_file(
        &store,
        &session.id,
        ExportFormat::Json,
        &path,
        false,
        false,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains(&name) && err.contains("--force"), "{err}");
    assert!(!err.contains('\n'));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // With force, replaced (and still private), in the language asked for.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    export::export_to_file(
        &store,
        &session.id,
        ExportFormat::Markdown,
        &path,
        true,
        true,
        Some(Lang::En),
    )
    .unwrap();
    let replaced = std::fs::read_to_string(&path).unwrap();
    assert_eq!(replaced, markdown(&store, &session, Lang::En, true));
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [name]);

    // A failing export leaves nothing.
    let missing = dir.path().join("no/such/dir/x.md");
    assert!(
        export::export_to_file(
            &store,
            &session.id,
            ExportFormat::Markdown,
            &missing,
            false,
            false,
            None
        )
        .is_err()
    );
    let err = export::export_to_file(
        &store,
        "nope",
        ExportFormat::Markdown,
        &path,
        true,
        false,
        None,
    )
    .unwrap_err();
    assert!(matches!(err, tafel::Error::UnknownSession(_)), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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
    let r = render(&md);
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
    let r = render(&md);
    assert_clean(&r);
    assert_tables_intact(&md, &r);
    // Every note is shown once in the table sections, agreements and
    // actions once more in the summary.
    let mut expected = 0;
    store
        .for_each_note(&session.id, |n| {
            expected += if matches!(n.content.kind, NoteKind::Agreement | NoteKind::Action) {
                2
            } else {
                1
            };
            Ok(())
        })
        .unwrap();
    // Metadata: date, location, facilitator, agenda, tables + 4, people + 6;
    // 17 ratings; every item had input.
    assert!(md.contains("*Alle agendapunten hebben inbreng gekregen.*"));
    assert_eq!(r.items.len(), expected + 4 + 5 + 7 + 17);
    // Each table's section lists each of its items once.
    let h3 = r.headings.iter().filter(|h| h.0 == 3).count();
    let seats: usize = store
        .tables(&session.id)
        .unwrap()
        .iter()
        .map(|t| t.item_ids.len())
        .sum();
    assert_eq!(h3, 3 + seats);
}
