//! The real binary on a database file, for the command-line tests: its
//! `--db`, no `TAFEL_DB` from the environment, `LANG=C`.

use std::path::Path;
use std::process::{Command, Output};

/// `tafel --db DB ARGS…`, run to its end.
pub fn tafel(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tafel"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TAFEL_DB")
        .env("LANG", "C")
        .output()
        .expect("runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}
