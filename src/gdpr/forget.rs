//! `tafel forget NAME` and `tafel forget --older-than AGE`: erasure that
//! reaches the disk (AVG/GDPR art. 17), and retention.
//!
//! 1. Plan: per session, every field whose text changes (read only).
//! 2. Show the plan; ask, unless `--yes` (no terminal and no `--yes`:
//!    refuse, nothing changed).
//! 3. Apply in one transaction with `secure_delete`, clear the participant
//!    records (their notes keep their stakeholder group), rebuild any
//!    full-text index, empty the WAL and `VACUUM` (`Store::erase`).
//! 4. Say what still holds the name: backups (with `--backups` they are
//!    overwritten and removed, and a fresh backup of the erased database is
//!    taken), exports in `exports/` and any copies handed out (never
//!    touched), and text in tables this tafel does not know.

use super::{Person, find, person_erasure, person_finder, session_erasure};
use crate::domain::Session;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::forget::{Field, SessionErasure};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Whom to forget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One person (`NAME`, matched as `@name`).
    Person(String),
    /// Everyone in sessions dated before the cutoff (`--older-than`).
    OlderThan(String),
}

/// What `tafel forget` was asked.
#[derive(Debug, Clone)]
pub struct ForgetOptions {
    pub target: Target,
    /// Do not ask.
    pub yes: bool,
    /// Also remove the backups that hold the name.
    pub backups: bool,
}

/// The plan for every session concerned, with what the output calls it.
struct Plan {
    what: String,
    sessions: Vec<(Session, SessionErasure)>,
    /// Strings whose bytes mark a backup or an export as holding the name.
    needles: Vec<String>,
    /// Text in tables this tafel does not erase: (table.column, rows).
    unknown: Vec<(String, usize)>,
}

/// Runs `tafel forget`; `confirm` asks a question on the terminal (false
/// without one). Output goes to `out`.
pub fn run(
    store: &mut Store,
    opts: &ForgetOptions,
    today: NaiveDate,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> Result<bool>,
) -> Result<()> {
    let plan = match &opts.target {
        Target::Person(name) => person_plan(store, &find(store, name)?)?,
        Target::OlderThan(spec) => retention_plan(store, super::cutoff(spec, today)?)?,
    };
    let w = |out: &mut dyn Write, s: &str| {
        writeln!(out, "{s}").map_err(|e| Error::io(Path::new("<stdout>"), e))
    };
    if plan.sessions.is_empty() {
        return w(out, &format!("{}: nothing to forget", plan.what));
    }
    w(out, &preview(&plan))?;
    for (col, rows) in &plan.unknown {
        w(
            out,
            &format!(
                "warning: {col} ({rows} rows) holds the name, and this tafel does not erase it"
            ),
        )?;
    }
    out.flush()
        .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
    if !opts.yes && !confirm(&format!("Forget {}? [y/N] ", plan.what))? {
        return Err(Error::Invalid(format!(
            "{}: not forgotten, nothing was changed (confirm with y on a terminal, or pass --yes)",
            plan.what
        )));
    }
    store.ensure_alone()?;
    let erasures: Vec<SessionErasure> = plan.sessions.iter().map(|(_, e)| e.clone()).collect();
    store.erase(&erasures)?;
    w(
        out,
        &format!(
            "Forgotten: {}. The database file was rewritten (secure_delete, WAL emptied, VACUUM): the old text is gone from it.",
            plan.what
        ),
    )?;
    let db = store.path().map(Path::to_path_buf);
    if let Some(db) = db {
        let backups = crate::store::backup::list(&db)?;
        let holding: Vec<PathBuf> = backups
            .iter()
            .map(|b| b.path.clone())
            .filter(|p| holds(p, &plan.needles))
            .collect();
        if opts.backups {
            for p in &holding {
                shred(p).map_err(|e| Error::io(p, e))?;
            }
            let fresh = if holding.is_empty() {
                None
            } else {
                Some(crate::store::backup::take(store)?)
            };
            w(
                out,
                &format!(
                    "Backups: {} of {} held the name and were overwritten and removed{}.",
                    holding.len(),
                    backups.len(),
                    fresh.map_or(String::new(), |f| format!(
                        "; a new backup of the erased database is {}",
                        f.display()
                    ))
                ),
            )?;
        } else if !holding.is_empty() {
            w(
                out,
                &format!(
                    "Still holding the name: {} of the {} backups in {} — run again with --backups to remove them.",
                    holding.len(),
                    backups.len(),
                    crate::store::backup::dir_for(&db).display()
                ),
            )?;
        }
        let exports = files_holding(
            &crate::fsutil::beside_db(&db, crate::fsutil::EXPORTS),
            &plan.needles,
        );
        let listed = if exports.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = exports.iter().map(|p| p.display().to_string()).collect();
            format!(" — these in exports/ do: {}", names.join(", "))
        };
        w(
            out,
            &format!(
                "Exports are not changed: minutes exported before, and copies handed out, may still hold the name{listed}."
            ),
        )?;
    }
    Ok(())
}

/// The erasure of one person in every session.
fn person_plan(store: &Store, person: &Person) -> Result<Plan> {
    let mut sessions = Vec::new();
    for s in store.sessions()? {
        let erase = person_erasure(store, &s, person)?;
        let plan = store.plan_erasure(&s.id, &person.records_in(&s.id), &erase)?;
        if !plan.is_empty() {
            sessions.push((s, plan));
        }
    }
    sessions.sort_by(|(a, _), (b, _)| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let needles = [&person.name, &person.organisation]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let finder = person_finder(person);
    let unknown = unknown_text(store, |text| finder.finds(text))?;
    let records = person.records.len();
    Ok(Plan {
        what: format!(
            "{} ({records} participant record{} in {} session{})",
            person.label(),
            if records == 1 { "" } else { "s" },
            sessions.len(),
            if sessions.len() == 1 { "" } else { "s" }
        ),
        sessions,
        needles,
        unknown,
    })
}

/// The erasure of everyone in the sessions dated before `cutoff`.
fn retention_plan(store: &Store, cutoff: NaiveDate) -> Result<Plan> {
    let participants = store.all_participants()?;
    let mut sessions = Vec::new();
    let mut needles = Vec::new();
    for s in store.sessions()?.into_iter().filter(|s| s.date < cutoff) {
        let ids: Vec<String> = participants
            .iter()
            .filter(|p| p.session_id == s.id && (p.name.is_some() || p.organisation.is_some()))
            .map(|p| p.id.clone())
            .collect();
        for p in participants.iter().filter(|p| p.session_id == s.id) {
            needles.extend(p.name.iter().chain(&p.organisation).cloned());
        }
        needles.push(s.facilitator.clone());
        needles.extend(store.tables(&s.id)?.into_iter().map(|t| t.host));
        let erase = session_erasure(store, &s)?;
        let plan = store.plan_erasure(&s.id, &ids, &erase)?;
        if !plan.is_empty() {
            sessions.push((s, plan));
        }
    }
    sessions.sort_by(|(a, _), (b, _)| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let unknown = if sessions.is_empty() {
        Vec::new()
    } else {
        // Which rows of an unknown table belong to an old session is not
        // known: report every one of its text columns that has text.
        unknown_text(store, |text| !text.trim().is_empty())?
    };
    Ok(Plan {
        what: format!(
            "everyone in {} session{} dated before {cutoff}",
            sessions.len(),
            if sessions.len() == 1 { "" } else { "s" }
        ),
        sessions,
        needles,
        unknown,
    })
}

/// Text columns of tables this tafel does not erase with a value `found`
/// finds: (table.column, rows).
fn unknown_text(store: &Store, found: impl Fn(&str) -> bool) -> Result<Vec<(String, usize)>> {
    let mut out = Vec::new();
    for (table, column) in store.unknown_text_columns()? {
        let mut n = 0;
        store.for_each_text_value(&table, &column, |v| {
            if found(v) {
                n += 1;
            }
        })?;
        if n > 0 {
            out.push((format!("{table}.{column}"), n));
        }
    }
    Ok(out)
}

/// What will change, one line per field.
fn preview(plan: &Plan) -> String {
    let mut out = format!(
        "tafel forget: {}. Names become the stakeholder group ([Overheid]) or [naam]/[name]; the notes stay.\n",
        plan.what
    );
    for (s, e) in &plan.sessions {
        out.push_str(&format!(
            "{} {}:\n",
            s.date,
            crate::text::one_line(&s.title)
        ));
        if !e.participants.is_empty() {
            out.push_str(&format!(
                "  participant record{}: name and organisation removed ({})\n",
                if e.participants.len() == 1 { "" } else { "s" },
                e.participants.len()
            ));
        }
        for c in &e.changes {
            let what = match c.number {
                Some(n) if c.field == Field::NoteOwner => format!("owner of note #{n}"),
                Some(n) => format!("{} #{n}", c.field.label()),
                None => c.field.label().to_string(),
            };
            let after = if c.field == Field::DraftContent {
                "(owner rewritten)".to_string()
            } else if c.after.is_empty() {
                "(emptied)".to_string()
            } else {
                cut(&crate::text::one_line(&c.after), 100)
            };
            out.push_str(&format!("  {what}: {after}\n"));
        }
    }
    out.pop();
    out
}

fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Whether the file's bytes hold one of `needles` (as typed, or in lower
/// case). Needles shorter than three characters are not looked for.
fn holds(path: &Path, needles: &[String]) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    needles
        .iter()
        .map(|n| n.trim())
        .filter(|n| n.chars().count() >= 3)
        .any(|n| {
            [n.to_string(), n.to_lowercase()]
                .iter()
                .any(|v| contains(&bytes, v.as_bytes()))
        })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The files directly in `dir` that hold one of `needles`.
fn files_holding(dir: &Path, needles: &[String]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && holds(p, needles))
        .collect();
    out.sort();
    out
}

/// Overwrites a file with zeros, syncs it and removes it. On an SSD or a
/// copy-on-write file system the old blocks may survive: full-disk
/// encryption is what protects them.
fn shred(path: &Path) -> std::io::Result<()> {
    let len = std::fs::metadata(path)?.len();
    let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    f.sync_all()?;
    drop(f);
    std::fs::remove_file(path)
}
