//! `[[programme]]` in an agenda file: the blocks of the morning, checked
//! like the rest of the format, every error with its line and column.

use tafel::agenda::parse;
use tafel::domain::BlockKind;

const OK: &str = r#"[agenda]
name = "Test"
version = "1"

[[action_points]]
number = 1
title = "Een"
"#;

fn errors(programme: &str) -> Vec<String> {
    match parse("f.toml", &format!("{OK}{programme}")) {
        Ok(_) => vec![],
        Err(e) => e.to_string().lines().map(str::to_string).collect(),
    }
}

#[test]
fn a_programme_is_read_in_order() {
    let text = format!(
        "{OK}
[[programme]]
title = \"Inloop en opening\"
kind = \"plenary\"
start = \"10:30\"
minutes = 15

[[programme]]
title = \"Tafelronde 1\"
kind = \"tables\"
start = \"10:45\"
minutes = 25

[[programme]]
title = \"Pauze\"
kind = \"break\"
start = \"11:15\"
minutes = 10
"
    );
    let a = parse("f.toml", &text).unwrap();
    let kinds: Vec<BlockKind> = a.programme.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [BlockKind::Plenary, BlockKind::Tables, BlockKind::Break]
    );
    assert_eq!(a.programme[1].start.to_string(), "10:45:00");
    assert_eq!(a.programme[1].minutes, 25);
    assert!(a.warnings.is_empty());
    // Without one, no programme and no complaint.
    assert!(parse("f.toml", OK).unwrap().programme.is_empty());
}

#[test]
fn bad_times_kinds_and_minutes_are_errors_at_their_place() {
    let got = errors(
        "
[[programme]]
title = \"Opening\"
kind = \"lunch\"
start = \"25:00\"
minutes = 0
",
    );
    assert_eq!(
        got,
        [
            "f.toml:11:8: [[programme]]: unknown kind `lunch` (known: plenary, tables, break)",
            "f.toml:12:9: [[programme]]: `start` must be a time HH:MM, not `25:00`",
            "f.toml:13:11: [[programme]]: `minutes` must be 1 or more",
        ]
    );
    let got = errors("\n[[programme]]\ntitle = \"x\"\n");
    assert_eq!(got.len(), 3, "kind, start and minutes missing: {got:?}");
    assert!(
        got.iter()
            .all(|e| e.starts_with("f.toml:9:1: [[programme]]: missing field"))
    );
    let got = errors(
        "\n[[programme]]\ntitle = \"x\"\nkind = \"break\"\nstart = \"10:00\"\nminutes = 5\nroom = \"A\"\n",
    );
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("f.toml:14:1:") && got[0].contains("room"),
        "{got:?}"
    );
}

#[test]
fn overlapping_blocks_name_the_block_they_overlap() {
    let got = errors(
        "
[[programme]]
title = \"Opening\"
kind = \"plenary\"
start = \"10:30\"
minutes = 20

[[programme]]
title = \"Ronde 1\"
kind = \"tables\"
start = \"10:45\"
minutes = 25
",
    );
    assert_eq!(
        got,
        ["f.toml:18:9: [[programme]]: starts at 10:45, before the block on line 9 ends at 10:50"]
    );
}
