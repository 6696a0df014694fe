//! `tafel export` through the real binary.

mod common;

use common::cli::{stderr, stdout, tafel};
use std::path::Path;
use tempfile::TempDir;

/// A database with a Dutch demo session of 120 notes; returns its id.
fn demo(dir: &TempDir) -> (std::path::PathBuf, String) {
    let db = dir.path().join("t.db");
    let o = tafel(&db, &["--lang", "nl", "demo", "--notes", "120"]);
    assert!(o.status.success(), "{}", stderr(&o));
    (db, stdout(&o).trim().to_string())
}

#[test]
fn markdown_to_stdout_in_the_session_language_or_lang() {
    let dir = TempDir::new().unwrap();
    let (db, id) = demo(&dir);
    let o = tafel(&db, &["export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.starts_with("# MSF-bijeenkomst herijking"), "{md}");
    assert!(md.contains("## Samenvatting"));
    assert!(md.contains("## Tafel 1 — Open informatie en Woo"));
    assert_eq!(stderr(&o), "");

    // The same session by id prefix, in English because of --lang.
    let o = tafel(&db, &["--lang", "en", "export", &id[..8]]);
    assert!(o.status.success(), "{}", stderr(&o));
    let en = stdout(&o);
    assert!(en.contains("## Summary") && !en.contains("## Samenvatting"));

    // Deterministic.
    assert_eq!(stdout(&tafel(&db, &["export"])), md);
}

#[test]
fn json_to_stdout_parses_and_anonymises() {
    let dir = TempDir::new().unwrap();
    let (db, id) = demo(&dir);
    let o = tafel(&db, &["export", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "tafel-export/2");
    assert_eq!(v["session"]["id"], id.as_str());
    assert_eq!(v["notes"].as_array().unwrap().len(), 120);
    assert!(stdout(&o).contains("Anouk de Vries"));

    let o = tafel(&db, &["export", "--format", "json", "--anonymize"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["anonymized"], true);
    for p in v["participants"].as_array().unwrap() {
        assert!(p["name"].is_null() && p["organisation"].is_null(), "{p}");
        assert!(p["group"].is_string());
    }
    let md = stdout(&tafel(&db, &["export", "--anonymize"]));
    assert!(!md.contains("Anouk de Vries") && !md.contains("Ministerie van BZK"));
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn output_file_is_private_and_not_overwritten_without_force() {
    let dir = TempDir::new().unwrap();
    let (db, _) = demo(&dir);
    let file = dir.path().join("notulen.md");
    let f = file.to_str().unwrap();

    let o = tafel(&db, &["export", "-o", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "", "nothing on stdout with -o");
    let first = std::fs::read(&file).unwrap();
    assert_eq!(first, tafel(&db, &["export"]).stdout);
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);

    // Again, JSON this time: refused, file unchanged, one line naming it.
    let o = tafel(&db, &["export", "--format", "json", "-o", f]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("notulen.md") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), first);

    // With --force it is replaced.
    let o = tafel(
        &db,
        &["export", "--format", "json", "--force", "--output", f],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(v["schema"], "tafel-export/2");
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);

    // Nothing else was left in the folder (no temporary files).
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("t.db"))
        .collect();
    names.sort();
    assert_eq!(names, ["notulen.md"]);
}

#[test]
fn unknown_session_is_one_line_and_a_failure() {
    let dir = TempDir::new().unwrap();
    let (db, _) = demo(&dir);
    let file = dir.path().join("x.md");
    let o = tafel(
        &db,
        &["export", "no-such-session", "-o", file.to_str().unwrap()],
    );
    assert!(!o.status.success());
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no-such-session"), "{err}");
    assert!(!file.exists());

    // An empty database: a one-line hint, no output.
    let empty = dir.path().join("empty.db");
    let o = tafel(&empty, &["export"]);
    assert!(!o.status.success());
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn missing_folder_is_reported_with_the_file() {
    let dir = TempDir::new().unwrap();
    let (db, _) = demo(&dir);
    let file = dir.path().join("no/such/folder/x.md");
    let o = tafel(&db, &["export", "-o", file.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("x.md"), "{err}");
}

#[test]
fn html_minutes_to_a_private_file_or_stdout() {
    let dir = TempDir::new().unwrap();
    let (db, _) = demo(&dir);
    let file = dir.path().join("notulen.html");
    let o = tafel(
        &db,
        &["export", "--format", "html", "-o", file.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&file), 0o600);
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"),
        "{page}"
    );
    assert!(page.contains("<svg"));
    // The same page on stdout, in English and anonymised when asked.
    let o = tafel(
        &db,
        &["--lang", "en", "export", "--format", "html", "--anonymize"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let en = stdout(&o);
    assert!(en.contains("<html lang=\"en\">") && en.contains("Voices per stakeholder group"));
    assert!(!en.contains("Anouk"), "anonymised");
}
