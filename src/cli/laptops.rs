//! Several laptops, one record: `handout`, `merge` and `import`. Every bad
//! value or file is one line on stderr (`tafel: …`; a CSV harvest: one line
//! per bad row) and nothing is written.

use super::{Cli, stdout_err};
use crate::error::{Error, Result};
use crate::store::{MergeReport, Store};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct HandoutArgs {
    /// The session (id or unique prefix).
    pub session: String,
    /// The table this laptop is for (its name): the hand-out opens there.
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// The new database file (never replaces an existing one).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, clap::Args)]
pub struct MergeArgs {
    /// Another tafel database (a hand-out brought back, a copy); it is
    /// read, never changed.
    pub file: PathBuf,
    /// Say what would arrive, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// A JSON export of tafel (`tafel export --format json`), or with
    /// --csv a CSV harvest of notes.
    pub file: PathBuf,
    /// FILE is CSV: a header row naming columns from item, kind, text,
    /// group, participant, tags, owner, due, table (item and text needed).
    #[arg(long)]
    pub csv: bool,
    /// With --csv: the session the notes belong to (id or unique prefix).
    #[arg(long, value_name = "SESSION")]
    pub session: Option<String>,
    /// Say what would arrive, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn handout(cli: &Cli, args: &HandoutArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = super::open_store(cli)?;
    let session = store.resolve_session(Some(&args.session))?;
    let h = store.handout(&session.id, args.table.as_deref(), &args.output)?;
    let table = h
        .table
        .as_deref()
        .map(|t| format!(", table {}", crate::text::one_line(t)))
        .unwrap_or_default();
    writeln!(
        out,
        "{}: hand-out of {} ({}{table}); open it with `tafel --db {}`, bring it back with `tafel merge {}`",
        h.path.display(),
        crate::text::one_line(&session.title),
        session.date,
        h.path.display(),
        h.path.display()
    )
    .map_err(stdout_err)
}

pub fn merge(cli: &Cli, args: &MergeArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = super::open_store(cli)?;
    let report = store.merge_file(&args.file, args.dry_run)?;
    print_report(&store, &report, out)
}

pub fn import(cli: &Cli, args: &ImportArgs, out: &mut dyn Write) -> Result<()> {
    if args.csv {
        return import_csv(cli, args, out);
    }
    if args.session.is_some() {
        return Err(Error::Invalid(
            "--session is for --csv; a JSON export names its own session".into(),
        ));
    }
    // Read and check the file before the database is even opened.
    let doc = crate::import::json::read(&args.file)?;
    let rows = crate::import::json::rows(doc);
    let mut store = super::open_store(cli)?;
    let report = store.import_rows(&rows, &args.file, args.dry_run)?;
    print_report(&store, &report, out)
}

fn import_csv(cli: &Cli, args: &ImportArgs, out: &mut dyn Write) -> Result<()> {
    let Some(session) = &args.session else {
        return Err(Error::Invalid(format!(
            "{}: --csv needs --session SESSION (the session the notes belong to)",
            args.file.display()
        )));
    };
    let mut store = super::open_store(cli)?;
    let session = store.resolve_session(Some(session))?;
    let items = store.items(&session.id)?;
    let dimensions = store.dimensions(&session.id)?;
    let participants = store.participants(&session.id)?;
    let tables = store.tables(&session.id)?;
    let notes = crate::import::csv::read(
        &args.file,
        &crate::import::csv::Target {
            session: &session,
            items: &items,
            dimensions: &dimensions,
            participants: &participants,
            tables: &tables,
        },
    )?;
    let n = notes.len();
    let what = format!("{n} {}", if n == 1 { "note" } else { "notes" });
    if args.dry_run {
        return writeln!(
            out,
            "dry run, nothing written: {} would bring {what} into {} ({})",
            args.file.display(),
            crate::text::one_line(&session.title),
            session.date
        )
        .map_err(stdout_err);
    }
    let at = crate::store::now();
    store.insert_notes_bulk(
        &session.id,
        notes
            .into_iter()
            .map(|input| (crate::domain::new_id(), input, at)),
    )?;
    writeln!(
        out,
        "{}: {what} imported into {} ({})",
        args.file.display(),
        crate::text::one_line(&session.title),
        session.date
    )
    .map_err(stdout_err)
}

/// The summary line, then one line per conflict.
fn print_report(store: &Store, r: &MergeReport, out: &mut dyn Write) -> Result<()> {
    let head = if r.dry_run {
        format!(
            "dry run, nothing written: {} would bring {}",
            r.source.display(),
            r.summary()
        )
    } else {
        format!("{}: {}", r.source.display(), r.summary())
    };
    writeln!(out, "{head}").map_err(stdout_err)?;
    for c in &r.conflicts {
        let session: String = store
            .session(&c.session_id)
            .map(|s| s.id)
            .unwrap_or_else(|_| c.session_id.clone())
            .chars()
            .take(8)
            .collect();
        let state = |deleted: bool, text: &str| {
            if deleted {
                format!("deleted: \"{}\"", excerpt(text))
            } else {
                format!("\"{}\"", excerpt(text))
            }
        };
        writeln!(
            out,
            "conflict {session}#{}: kept {} ({}); the other version {} ({}, from {}) is kept aside",
            c.number,
            state(c.kept_deleted, &c.kept_text),
            c.kept_at,
            state(c.other_deleted, &c.other_text),
            c.other_at,
            crate::text::one_line(&c.other_from)
        )
        .map_err(stdout_err)?;
    }
    Ok(())
}

/// The start of a note's text, on one line.
fn excerpt(text: &str) -> String {
    let line = crate::text::one_line(text);
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>())
    } else {
        line
    }
}
