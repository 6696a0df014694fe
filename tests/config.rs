//! `config.toml`: the facilitator's defaults. Absent → the defaults; present
//! → applied to new sessions; broken → one line naming line and column, and
//! tafel carries on with the defaults.

use std::path::Path;
use std::process::{Command, Output};
use tafel::store::Store;
use tempfile::TempDir;

fn tafel(dir: &Path, config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tafel"))
        .args(args)
        .env("TAFEL_DB", dir.join("t.db"))
        .env("TAFEL_CONFIG", config)
        .env("LANG", "C")
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const CONFIG: &str = r#"language = "nl"
facilitator = "Noor Hendriks"
timebox_minutes = 25
theme = "high-contrast"

[[programme]]
title = "Opening"
kind = "plenary"
start = "10:30"
minutes = 15

[[programme]]
title = "Ronde 1"
kind = "tables"
start = "10:45"
minutes = 25
"#;

#[test]
fn without_a_file_the_defaults_apply() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nope/config.toml");
    let o = tafel(dir.path(), &missing, &["config", "path"]);
    assert!(o.status.success());
    assert_eq!(text(&o.stdout).trim(), missing.display().to_string());
    let o = tafel(dir.path(), &missing, &["config", "show"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let shown = text(&o.stdout);
    assert!(
        shown.contains("not there; the defaults are used"),
        "{shown}"
    );
    assert!(shown.contains("timebox_minutes = 20") && shown.contains("theme = \"default\""));
    assert!(!missing.exists(), "reading the config creates nothing");
}

#[test]
fn a_config_sets_language_facilitator_and_programme_of_new_sessions() {
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let o = tafel(dir.path(), &config, &["config", "show"]);
    let shown = text(&o.stdout);
    assert!(
        shown.contains("(read)") && shown.contains("facilitator = \"Noor Hendriks\""),
        "{shown}"
    );
    assert!(shown.contains("theme = \"high-contrast\"") && shown.contains("[[programme]]"));

    let o = tafel(dir.path(), &config, &["new", "--title", "MSF januari"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let id = text(&o.stdout).trim().to_string();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    let s = store.session(&id).unwrap();
    assert_eq!(s.facilitator, "Noor Hendriks");
    assert_eq!(s.language, tafel::domain::Lang::Nl);
    let p = store.programme(&id).unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].plan.title, "Ronde 1");
    // A flag still wins.
    let o = tafel(
        dir.path(),
        &config,
        &[
            "--lang",
            "en",
            "new",
            "--title",
            "x",
            "--facilitator",
            "Sam",
        ],
    );
    let s = Store::open(&dir.path().join("t.db"))
        .unwrap()
        .session(text(&o.stdout).trim())
        .unwrap();
    assert_eq!(
        (s.facilitator.as_str(), s.language),
        ("Sam", tafel::domain::Lang::En)
    );
}

#[test]
fn a_broken_config_is_one_line_and_ignored() {
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    for (bad, want) in [
        (
            "language = \"fr\"\n",
            ":1:12: `language` must be \"nl\" or \"en\"",
        ),
        ("theme = \"neon\"\n", ":1:9: unknown theme `neon`"),
        ("timebox = 20\n", ":1:1: unknown field `timebox`"),
        ("language = \n", ":1:"),
        (
            "[[programme]]\ntitle = \"x\"\nkind = \"tables\"\nstart = \"9:70\"\nminutes = 5\n",
            ":4:9: [[programme]]: `start` must be a time HH:MM",
        ),
    ] {
        std::fs::write(&config, bad).unwrap();
        let o = tafel(dir.path(), &config, &["new", "--title", "Toch"]);
        assert!(o.status.success(), "tafel carries on: {}", text(&o.stderr));
        let err = text(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!("{}{want}", config.display())),
            "{bad:?}: {err}"
        );
        assert!(err.contains("using the defaults"), "{err}");
        let o = tafel(dir.path(), &config, &["config", "show"]);
        assert!(text(&o.stdout).contains("ignored:"));
    }
}
