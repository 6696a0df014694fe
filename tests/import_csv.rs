//! `tafel import --csv FILE --session SESSION` through the real binary:
//! commas or semicolons, a BOM, quoted line breaks, Dutch and English
//! values; every bad row reported with the line it starts on, and nothing
//! written unless every row is good.

mod common;

use common::cli::tafel;
use common::laptops::{meeting, texts};
use std::path::Path;
use tafel::store::Store;
use tempfile::TempDir;

/// (kind, text, group, participant name, tags, owner, due, table name) of
/// every note, by number.
fn notes(db: &Path) -> Vec<String> {
    let store = Store::open(db).unwrap();
    texts(
        &store,
        "SELECT n.kind || '|' || n.text || '|' || coalesce(n.stakeholder_group, '') || '|'
                || coalesce(p.name, '') || '|' || n.tags || '|' || n.owner || '|'
                || coalesce(n.due, '') || '|' || coalesce(t.name, '') || '|' || i.kind || i.number
         FROM note n JOIN item i ON i.id = n.item_id
           LEFT JOIN participant p ON p.id = n.participant_id
           LEFT JOIN thematic_table t ON t.id = n.table_id
         ORDER BY n.number",
    )
}

#[test]
fn semicolons_a_bom_quoted_line_breaks_and_dutch_values() {
    let dir = TempDir::new().unwrap();
    let (db, s) = meeting(dir.path());
    let file = dir.path().join("oogst.csv");
    let csv = "\u{feff}Punt;Soort;Tekst;Groep;Deelnemer;Tags;Eigenaar;Deadline;Tafel\r\n\
        AP 1;Idee;\"Meer open data;\r\nbij gemeenten\";Overheid;Anouk de Vries;;;;Data\r\n\
        ap2;actie;Wie doet wat;;Bram;;BZK;15-01-2026;data\r\n\
        ;;;;;;;;\r\n\
        AP 3;ZORG;\"Hij zei \"\"nee\"\"\";Wetenschap;;;;;Woo\r\n";
    std::fs::write(&file, csv).unwrap();
    let sid = &s.id[..13];
    let o = tafel(
        &db,
        &[
            "import",
            "--csv",
            file.to_str().unwrap(),
            "--session",
            sid,
            "--dry-run",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("would bring 3 notes")
    );
    assert!(notes(&db).is_empty());
    let o = tafel(
        &db,
        &["import", "--csv", file.to_str().unwrap(), "--session", sid],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        format!(
            "{}: 3 notes imported into MSF (2025-11-20)\n",
            file.display()
        )
    );
    assert_eq!(
        notes(&db),
        [
            "idea|Meer open data;\r\nbij gemeenten|overheid|Anouk de Vries||||Data|action_point1",
            "action|Wie doet wat|wetenschap|Bram Bakker||BZK|2026-01-15|Data|action_point2",
            "concern|Hij zei \"nee\"|wetenschap|||||Woo|action_point3",
        ]
    );
}

#[test]
fn commas_english_names_keys_and_tags() {
    let dir = TempDir::new().unwrap();
    let (db, s) = meeting(dir.path());
    let dims = Store::open(&db).unwrap().dimensions(&s.id).unwrap();
    let file = dir.path().join("harvest.csv");
    let csv = format!(
        "text,item,kind,group,tags\n\
         \"first, with a comma\",PQ 2,question,civil society,{}\n\
         second,BV 2,concern,MAATSCHAPPELIJKE_ORGANISATIE,\"{};{}\"\n\
         third,AP 4,,academia,\n",
        dims[0].key, dims[0].name, dims[1].key
    );
    std::fs::write(&file, csv).unwrap();
    let o = tafel(
        &db,
        &[
            "import",
            "--csv",
            file.to_str().unwrap(),
            "--session",
            &s.id,
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let n = notes(&db);
    assert_eq!(n.len(), 3);
    assert_eq!(
        n[0],
        format!(
            "question|first, with a comma|maatschappelijke_organisatie||{}||||policy_question2",
            dims[0].key
        )
    );
    assert!(
        n[1].contains(&format!("|{} {}|", dims[0].key, dims[1].key)),
        "{}",
        n[1]
    );
    assert!(
        n[2].starts_with("observation|third|wetenschap|"),
        "{}",
        n[2]
    );
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let (db, s) = meeting(dir.path());
    let file = dir.path().join("slecht.csv");
    let csv = "item;kind;text;group;participant;tags;owner;due;table\n\
        AP 1;idee;goed;;;;;;\n\
        AP 99;idee;onbekend punt;;;;;;\n\
        AP 1;droom;onbekende soort;;;;;;\n\
        \"AP 1\";idee;\"een tekst\nover twee regels\";marsmannetjes;;;;;\n\
        AP 1;idee;onbekende deelnemer;;Zoë Zonderling;;;;\n\
        AP 1;actie;slechte datum;;;;;31-02-2026;\n\
        AP 1;idee;;;;;;;\n\
        AP 1;idee;onbekende tag;;;geen-dimensie;;;\n\
        AP 1;idee;onbekende tafel;;;;;;Keuken\n\
        AP 1;idee;te veel;;;;;;;extra\n\
        ;idee;geen punt;;;;;;\n\
        AP 2;idee;ook goed;;;;;;\n";
    std::fs::write(&file, csv).unwrap();
    let before = std::fs::read(&db).unwrap();
    let o = tafel(
        &db,
        &[
            "import",
            "--csv",
            file.to_str().unwrap(),
            "--session",
            &s.id,
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let f = file.display().to_string();
    let err = String::from_utf8(o.stderr).unwrap();
    let expected = [
        format!("{f}:3: unknown item `AP 99`"),
        format!(
            "{f}:4: unknown kind `droom` (observation, idea, question, concern, agreement, action)"
        ),
        format!("{f}:5: unknown group `marsmannetjes`"),
        format!("{f}:7: unknown participant `Zoë Zonderling`"),
        format!("{f}:8: bad date `31-02-2026` (due: YYYY-MM-DD or DD-MM-YYYY)"),
        format!("{f}:9: missing text"),
        format!("{f}:10: unknown tag `geen-dimensie`"),
        format!("{f}:11: unknown table `Keuken`"),
        format!("{f}:12: 10 fields, the header has 9"),
        format!("{f}:13: missing item"),
        format!("{f}: 10 bad rows; nothing imported"),
    ];
    assert_eq!(err.lines().collect::<Vec<_>>(), expected, "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(notes(&db).is_empty());
}

#[test]
fn bad_headers_files_and_arguments_are_refused() {
    let dir = TempDir::new().unwrap();
    let (db, s) = meeting(dir.path());
    let before = std::fs::read(&db).unwrap();
    let run = |name: &str, bytes: &[u8], session: Option<&str>| -> String {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let mut args = vec!["import", "--csv", file.to_str().unwrap()];
        if let Some(s) = session {
            args.extend(["--session", s]);
        }
        let o = tafel(&db, &args);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{name} wrote");
        String::from_utf8(o.stderr).unwrap()
    };
    let sid = Some(s.id.as_str());
    let e = run("a.csv", b"item,tekst,opmerking\nAP 1,x,y\n", sid);
    assert!(e.contains("a.csv:1: unknown column `opmerking`"), "{e}");
    let e = run("b.csv", b"text\nx\n", sid);
    assert!(e.contains("b.csv:1: no `item` column"), "{e}");
    let e = run("c.csv", b"item,text\nAP 1,caf\xe9\n", sid);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("c.csv:2: not UTF-8"), "{e}");
    let e = run("d.csv", b"item,text\nAP 1,x\n", None);
    assert!(e.contains("--csv needs --session"), "{e}");
    let e = run("e.csv", b"item,text\nAP 1,x\n", Some("nope"));
    assert!(e.contains("no session with id `nope`"), "{e}");
}
