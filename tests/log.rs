//! The log: a failing save is logged when it starts failing and when it
//! works again (with the number of retries), not on every retry; every line
//! is whole. (Its own test binary: the log is one per process.)

mod common;

use common::app::*;
use std::time::{Duration, Instant};
use tafel::app::Action;
use tafel::domain::Lang;
use tafel::store::Store;
use tempfile::TempDir;

#[test]
fn a_failing_save_is_logged_once_and_its_recovery_once() {
    let dir = TempDir::new().unwrap();
    let logs = dir.path().join("logs");
    let log = tafel::log::init(&logs).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&logs).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "logs/ is private");
    }
    let mut app = seeded_with(Store::open(&dir.path().join("t.db")).unwrap(), Lang::En);
    read_only(&app, true);
    let t0 = Instant::now();
    type_text(&mut app, "typed while the disk is read-only");
    // Fifty ticks of 200 ms: ten seconds of retries.
    for i in 0..50 {
        app.handle(Action::Tick, t0 + Duration::from_millis(1000 + 200 * i));
    }
    read_only(&app, false);
    app.handle(Action::Tick, t0 + Duration::from_secs(20));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.ends_with('\n'), "{text}");
    let errors: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("retrying quietly"))
        .collect();
    assert_eq!(errors.len(), 1, "{text}");
    assert!(
        errors[0].contains("readonly") || errors[0].contains("read-only"),
        "{text}"
    );
    let again: Vec<&str> = text.lines().filter(|l| l.contains("works again")).collect();
    assert_eq!(again.len(), 1, "{text}");
    assert!(again[0].contains("after 49 failed retries"), "{text}");
    for line in text.lines() {
        let stamp = line.split(' ').next().unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(stamp).is_ok(),
            "each line starts with its time: {line}"
        );
    }
}
