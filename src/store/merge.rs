//! Several laptops, one record: merging another tafel database into this
//! one, with SQLite itself (`ATTACH`, one transaction, upserts keyed by id).
//!
//! The other file is never opened by SQLite: it (and its `-wal`) is copied
//! into a temporary folder and the copy is checked, upgraded when it is of
//! an older schema, and attached. What arrives, and the rules:
//!
//! - rows of every kind are matched by id (a rating by its session and
//!   item); a row only the other has is added, one both have is resolved
//!   by `updated_at`, the newest wins (sessions, tables, participants,
//!   ratings, notes); rows that are only ever added (responses, status
//!   changes, carried actions, follow-up links) are added once;
//! - a note that arrives keeps its number when all the notes arriving in
//!   its session are above the highest number there; otherwise they get the
//!   next free numbers, in their old order. Either way each remembers its
//!   database of origin and its number there (`note_origin`);
//! - the same note changed on both sides: the newest version wins and the
//!   other is kept in `note_conflict` and reported — unless it is a
//!   version the winner was made from (`note_version`, kept by a trigger),
//!   which is older news, not a conflict. A deletion is a version like any
//!   other: a deleted note stays deleted unless it was changed later
//!   elsewhere. On equal times the larger content wins, so the result does
//!   not depend on the order of merging;
//! - programme blocks: new blocks are added; a block's start is the
//!   earliest and its end the latest either side recorded.
//!
//! Drafts, the place in a session and a hand-out's mark stay on the laptop.

use super::{Store, now, ts};
use crate::error::{Error, Result};
use rusqlite::{ErrorCode, OptionalExtension, Transaction, params};
use std::path::{Path, PathBuf};

pub use super::import::{ImportRows, StatusRow};

/// The schema name the other database is attached as.
const OTHER: &str = "merge_src";

/// What a merge brought (or, with `--dry-run`, would bring).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// The file merged.
    pub source: PathBuf,
    /// Its name (a hand-out's table, else the file's name).
    pub label: String,
    pub dry_run: bool,
    pub sessions: u64,
    pub sessions_updated: u64,
    /// New live notes.
    pub notes: u64,
    pub notes_updated: u64,
    pub notes_deleted: u64,
    pub conflicts: Vec<Conflict>,
    pub participants: u64,
    pub participants_updated: u64,
    pub tables: u64,
    pub tables_updated: u64,
    pub ratings: u64,
    pub responses: u64,
    pub status_changes: u64,
    pub carried_actions: u64,
    pub follow_ups: u64,
    pub programme: u64,
}

/// A note changed on two laptops: the version kept and the other one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub session_id: String,
    /// The note's number in this database.
    pub number: u32,
    pub kept_text: String,
    pub kept_at: String,
    pub kept_deleted: bool,
    pub other_text: String,
    pub other_at: String,
    pub other_deleted: bool,
    /// The database that held the other version.
    pub other_from: String,
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl MergeReport {
    /// One line: what arrived, e.g. "12 new notes, 3 updated, 1 conflict,
    /// 2 participants"; "nothing new" when nothing did.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let mut add = |n: u64, one: &str, many: &str| {
            if n > 0 {
                parts.push(plural(n, one, many));
            }
        };
        add(self.sessions, "new session", "new sessions");
        add(self.notes, "new note", "new notes");
        add(self.notes_updated, "updated", "updated");
        add(self.notes_deleted, "deleted", "deleted");
        add(self.conflicts.len() as u64, "conflict", "conflicts");
        add(self.participants, "participant", "participants");
        add(
            self.participants_updated,
            "participant changed",
            "participants changed",
        );
        add(self.tables, "table", "tables");
        add(self.tables_updated, "table changed", "tables changed");
        add(self.sessions_updated, "session changed", "sessions changed");
        add(self.ratings, "rating", "ratings");
        add(self.responses, "response", "responses");
        add(self.status_changes, "status change", "status changes");
        add(self.carried_actions, "carried action", "carried actions");
        add(self.follow_ups, "follow-up link", "follow-up links");
        add(self.programme, "programme time", "programme times");
        if parts.is_empty() {
            "nothing new".to_string()
        } else {
            parts.join(", ")
        }
    }

    /// Whether anything arrived.
    pub fn is_empty(&self) -> bool {
        self.summary() == "nothing new"
    }
}

/// The other database, copied into a temporary folder, checked, upgraded.
pub(super) struct Source {
    pub(super) _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub id: String,
    pub label: String,
    /// Columns of `note` the source does not know (a JSON export has no
    /// rounds): they are neither compared nor taken from it.
    pub(super) unknown: &'static [&'static str],
    /// The source shows a note less than it holds (a JSON export leaves
    /// out deleted participants): a version of the same time as ours is
    /// ours, seen through it — never newer, never a conflict.
    pub(super) lossy: bool,
}

/// `err` about the temporary copy, said about `file` (the user's).
/// What to do about a damaged file to merge (this database is untouched).
const HINT: &str = "nothing was merged; merge a sound copy of it (or one of its backups)";

fn about(file: &Path, err: Error) -> Error {
    let path = file.to_path_buf();
    match err {
        Error::NotADatabase { .. } => Error::NotADatabase { path },
        Error::ForeignDatabase { .. } => Error::ForeignDatabase { path },
        Error::Damaged { detail, .. } => Error::Damaged {
            path,
            detail,
            hint: HINT.into(),
        },
        Error::NewerSchema { found, known, .. } => Error::NewerSchema { path, found, known },
        Error::Io { error, .. } => Error::Io { path, error },
        Error::Sqlite(e) => match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Error::NotADatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => Error::Damaged {
                path,
                detail: "malformed".into(),
                hint: HINT.into(),
            },
            _ => Error::Invalid(format!("{}: cannot be read ({e})", file.display())),
        },
        other => other,
    }
}

impl Source {
    /// Copies `file` (and its `-wal`) into a temporary folder and opens the
    /// copy: refused (one line naming `file`) when it is not a tafel
    /// database, is damaged, or is of a newer schema; upgraded when older.
    pub(super) fn prepare(file: &Path) -> Result<Source> {
        let meta = std::fs::metadata(file).map_err(|e| Error::io(file, e))?;
        if meta.is_dir() {
            return Err(Error::IsADirectory { path: file.into() });
        }
        if meta.len() == 0 {
            return Err(Error::NotADatabase { path: file.into() });
        }
        super::check_header(file)?;
        let dir = tempfile::Builder::new()
            .prefix("tafel-merge-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let path = dir.path().join("other.db");
        std::fs::copy(file, &path).map_err(|e| Error::io(file, e))?;
        let wal = with_suffix(file, "-wal");
        if wal.exists() {
            std::fs::copy(&wal, with_suffix(&path, "-wal")).map_err(|e| Error::io(&wal, e))?;
        }
        // Read-only checks on the copy (its WAL included) before anything
        // would initialise it as a new database.
        {
            let c = rusqlite::Connection::open(&path).map_err(|e| about(file, e.into()))?;
            let read = |sql: &str| -> Result<i64> {
                c.query_row(sql, [], |r| r.get(0))
                    .map_err(|e| about(file, e.into()))
            };
            let app = read("PRAGMA application_id")?;
            let version = read("PRAGMA user_version")?;
            if app != super::APPLICATION_ID {
                return Err(Error::ForeignDatabase { path: file.into() });
            }
            if version > super::SCHEMA_VERSION {
                return Err(Error::NewerSchema {
                    path: file.into(),
                    found: version,
                    known: super::SCHEMA_VERSION,
                });
            }
            let check: String = c
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .map_err(|e| about(file, e.into()))?;
            if check != "ok" {
                return Err(Error::Damaged {
                    path: file.into(),
                    detail: check.lines().next().unwrap_or_default().to_string(),
                    hint: HINT.into(),
                });
            }
        }
        let store = Store::open(&path).map_err(|e| about(file, e))?;
        let id = store.database_id().map_err(|e| about(file, e))?;
        let mut label = store.database_label().map_err(|e| about(file, e))?;
        drop(store);
        if label.trim().is_empty() {
            label = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        Ok(Source {
            _dir: dir,
            path,
            id,
            label,
            unknown: &[],
            lossy: false,
        })
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The columns of `table` in this database's schema.
pub(super) fn columns(tx: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut st = tx.prepare(&format!("PRAGMA main.table_info({table})"))?;
    let rows = st.query_map([], |r| r.get::<_, String>("name"))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `a.c1, a.c2, …`
fn list(alias: &str, cols: &[&String]) -> String {
    cols.iter()
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One text that orders two versions of a row's content: `quote(a.c1) ||
/// ',' || …`.
fn sig(alias: &str, cols: &[&String]) -> String {
    if cols.is_empty() {
        return "''".to_string();
    }
    cols.iter()
        .map(|c| format!("quote({alias}.{c})"))
        .collect::<Vec<_>>()
        .join(" || ',' || ")
}

/// Rows of `table` the other database has and this one lacks (by `keys`)
/// are added; rows both have take the newer version (by `updated_at`; on
/// a tie the larger content), except for the columns in `local`. Returns
/// (added, updated).
fn newest_wins(
    tx: &Transaction<'_>,
    table: &str,
    keys: &[&str],
    local: &[&str],
) -> Result<(u64, u64)> {
    let cols = columns(tx, table)?;
    let all: Vec<&String> = cols.iter().collect();
    let set: Vec<&String> = cols
        .iter()
        .filter(|c| !keys.contains(&c.as_str()) && !local.contains(&c.as_str()))
        .collect();
    let content: Vec<&String> = set
        .iter()
        .copied()
        .filter(|c| c.as_str() != "updated_at")
        .collect();
    let key_match = keys
        .iter()
        .map(|k| format!("l.{k} = r.{k}"))
        .collect::<Vec<_>>()
        .join(" AND ");
    let added = tx.execute(
        &format!(
            "INSERT INTO main.{table} ({}) SELECT {} FROM {OTHER}.{table} r
             WHERE NOT EXISTS (SELECT 1 FROM main.{table} l WHERE {key_match})",
            plain(&cols),
            list("r", &all)
        ),
        [],
    )?;
    let assign = set
        .iter()
        .map(|c| format!("{c} = r.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let updated = tx.execute(
        &format!(
            "UPDATE main.{table} AS l SET {assign} FROM {OTHER}.{table} AS r
             WHERE {key_match} AND (r.updated_at > l.updated_at
                OR (r.updated_at = l.updated_at AND {} > {}))",
            sig("r", &content),
            sig("l", &content)
        ),
        [],
    )?;
    Ok((added as u64, updated as u64))
}

/// `c1, c2, …` of `table`, without an alias.
fn plain(cols: &[String]) -> String {
    cols.join(", ")
}

/// Adds the rows of `table` this database lacks; `filter` (SQL on `r`)
/// says which of the other's rows may come (their references exist).
fn add_missing(tx: &Transaction<'_>, table: &str, filter: &str) -> Result<u64> {
    let cols = columns(tx, table)?;
    let all: Vec<&String> = cols.iter().collect();
    Ok(tx.execute(
        &format!(
            "INSERT OR IGNORE INTO main.{table} ({}) SELECT {} FROM {OTHER}.{table} r WHERE {filter}",
            plain(&cols),
            list("r", &all)
        ),
        [],
    )? as u64)
}

impl Store {
    /// This database's own id (made once, by the schema upgrade).
    pub fn database_id(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT database_id FROM database_info WHERE id = 1",
            [],
            |r| r.get(0),
        )?)
    }

    /// This database's name for others (a hand-out's table), often empty.
    pub fn database_label(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT label FROM database_info WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or_default())
    }

    /// Merges the tafel database `file` into this one, in one transaction
    /// (see the module's rules); with `dry_run` the transaction is rolled
    /// back and only the report is made. `file` is never written to.
    pub fn merge_file(&mut self, file: &Path, dry_run: bool) -> Result<MergeReport> {
        if let (Some(me), Ok(other)) = (self.path.as_deref(), file.canonicalize())
            && me.canonicalize().ok().as_deref() == Some(other.as_path())
        {
            return Err(Error::Invalid(format!(
                "{}: is this database itself; nothing to merge",
                file.display()
            )));
        }
        let source = Source::prepare(file)?;
        self.merge_prepared(&source, file, true, dry_run)
    }

    /// Merges a prepared (temporary, checked) database; `shown` is the file
    /// named in messages. `record_origin`: notes that arrive remember the
    /// source as their database of origin (not for a JSON import).
    pub(super) fn merge_prepared(
        &mut self,
        source: &Source,
        shown: &Path,
        record_origin: bool,
        dry_run: bool,
    ) -> Result<MergeReport> {
        self.ensure_file()?;
        let own = self.database_id()?;
        let path = source.path.to_string_lossy().into_owned();
        self.conn
            .execute(&format!("ATTACH DATABASE ?1 AS {OTHER}"), [&path])?;
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let mut report = merge_tx(&tx, source, &own, record_origin)?;
            report.source = shown.to_path_buf();
            report.label = source.label.clone();
            report.dry_run = dry_run;
            if dry_run {
                tx.rollback()?;
            } else {
                tx.commit()?;
            }
            Ok(report)
        })();
        let _ = self.conn.execute_batch(
            "DROP TABLE IF EXISTS temp.merge_new; DROP TABLE IF EXISTS temp.merge_pair;
             DROP TABLE IF EXISTS temp.merge_conflict; DROP TABLE IF EXISTS temp.merge_table_won;
             DROP TABLE IF EXISTS temp.merge_table_kept;",
        );
        let detached = self.conn.execute(&format!("DETACH DATABASE {OTHER}"), []);
        let report = result.map_err(|e: Error| match e {
            Error::Sqlite(e) => Error::Invalid(format!(
                "{}: cannot be merged ({e}); this database was not changed",
                shown.display()
            )),
            e => e,
        })?;
        detached?;
        Ok(report)
    }
}

fn merge_tx(
    tx: &Transaction<'_>,
    source: &Source,
    own: &str,
    record_origin: bool,
) -> Result<MergeReport> {
    let mut r = MergeReport::default();
    // Sessions and their agenda.
    (r.sessions, r.sessions_updated) = newest_wins(tx, "session", &["id"], &[])?;
    for table in ["dimension", "item", "theme", "theme_item"] {
        add_missing(tx, table, "1")?;
    }
    // Tables: newest wins; a table whose other version won takes the other's
    // items, one whose own version won keeps its own, others get both.
    let table_content: Vec<String> = columns(tx, "thematic_table")?
        .into_iter()
        .filter(|c| {
            !matches!(
                c.as_str(),
                "id" | "updated_at" | "timer_elapsed_ms" | "timer_started_at"
            )
        })
        .collect();
    let tc: Vec<&String> = table_content.iter().collect();
    let (rs, ls) = (sig("r", &tc), sig("l", &tc));
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE merge_table_won AS SELECT r.id FROM {OTHER}.thematic_table r
           JOIN main.thematic_table l ON l.id = r.id
         WHERE r.updated_at > l.updated_at OR (r.updated_at = l.updated_at AND {rs} > {ls});
         CREATE TEMP TABLE merge_table_kept AS SELECT r.id FROM {OTHER}.thematic_table r
           JOIN main.thematic_table l ON l.id = r.id
         WHERE l.updated_at > r.updated_at OR (r.updated_at = l.updated_at AND {ls} > {rs});"
    ))?;
    (r.tables, r.tables_updated) = newest_wins(
        tx,
        "thematic_table",
        &["id"],
        &["timer_elapsed_ms", "timer_started_at"],
    )?;
    tx.execute(
        "DELETE FROM main.table_item WHERE table_id IN (SELECT id FROM temp.merge_table_won)",
        [],
    )?;
    add_missing(
        tx,
        "table_item",
        "r.table_id NOT IN (SELECT id FROM temp.merge_table_kept)",
    )?;
    (r.participants, r.participants_updated) = newest_wins(tx, "participant", &["id"], &[])?;
    // The programme: new blocks, and the times they ran.
    r.programme = add_missing(
        tx,
        "programme_block",
        "NOT EXISTS (SELECT 1 FROM main.programme_block l WHERE l.id = r.id)",
    )?;
    r.programme += tx.execute(
        &format!(
            "UPDATE main.programme_block AS l SET
                started_at = CASE WHEN l.started_at IS NULL OR r.started_at < l.started_at
                             THEN coalesce(r.started_at, l.started_at) ELSE l.started_at END,
                ended_at = CASE WHEN l.ended_at IS NULL OR r.ended_at > l.ended_at
                           THEN coalesce(r.ended_at, l.ended_at) ELSE l.ended_at END
             FROM {OTHER}.programme_block AS r
             WHERE l.id = r.id AND (
                (r.started_at IS NOT NULL AND (l.started_at IS NULL OR r.started_at < l.started_at))
                OR (r.ended_at IS NOT NULL AND (l.ended_at IS NULL OR r.ended_at > l.ended_at)))"
        ),
        [],
    )? as u64;
    merge_notes(tx, source, own, record_origin, &mut r)?;
    (r.ratings, _) = newest_wins(tx, "rating", &["session_id", "item_id"], &[])?;
    // Links and ledgers: only ever added, each once.
    r.follow_ups = add_missing(
        tx,
        "follow_up",
        "EXISTS (SELECT 1 FROM main.session s WHERE s.id = r.from_session_id)",
    )?;
    r.carried_actions = add_missing(
        tx,
        "carried_action",
        "EXISTS (SELECT 1 FROM main.note n WHERE n.id = r.note_id)
         AND EXISTS (SELECT 1 FROM main.item i WHERE i.id = r.item_id)",
    )?;
    r.status_changes = add_missing(
        tx,
        "action_status_change",
        "EXISTS (SELECT 1 FROM main.note n WHERE n.id = r.note_id)
         AND EXISTS (SELECT 1 FROM main.session s WHERE s.id = r.session_id)
         AND NOT EXISTS (SELECT 1 FROM main.action_status_change l WHERE l.id = r.id
            OR (l.note_id = r.note_id AND l.session_id = r.session_id AND l.status = r.status
                AND l.changed_on = r.changed_on))",
    )?;
    r.responses = add_missing(
        tx,
        "response",
        "EXISTS (SELECT 1 FROM main.note n WHERE n.id = r.note_id)
         AND NOT EXISTS (SELECT 1 FROM main.response l WHERE l.id = r.id
            OR (l.note_id = r.note_id AND l.status = r.status AND l.reason = r.reason
                AND l.given_by = r.given_by AND l.given_on = r.given_on))",
    )?;
    // Where notes came from: this source, and what it knew of others.
    if record_origin {
        tx.execute(
            "INSERT OR IGNORE INTO main.merged_database (database_id, label, merged_at)
             VALUES (?1, ?2, ?3)",
            params![source.id, source.label, ts(&now())],
        )?;
    }
    tx.execute(
        &format!(
            "INSERT OR IGNORE INTO main.merged_database (database_id, label, merged_at)
             SELECT database_id, label, merged_at FROM {OTHER}.merged_database WHERE database_id <> ?1"
        ),
        [own],
    )?;
    Ok(r)
}

fn merge_notes(
    tx: &Transaction<'_>,
    source: &Source,
    own: &str,
    record_origin: bool,
    r: &mut MergeReport,
) -> Result<()> {
    let cols = columns(tx, "note")?;
    let without_number: Vec<&String> = cols.iter().filter(|c| *c != "number").collect();
    let content: Vec<&String> = cols
        .iter()
        .filter(|c| {
            !matches!(
                c.as_str(),
                "id" | "session_id" | "number" | "item_id" | "created_at" | "updated_at"
            ) && !source.unknown.contains(&c.as_str())
        })
        .collect();
    // Notes that arrive, and their numbers here.
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE merge_new AS
         WITH arriving AS (
             SELECT r.id, r.session_id, r.number, r.deleted_at FROM {OTHER}.note r
             WHERE NOT EXISTS (SELECT 1 FROM main.note l WHERE l.id = r.id)),
         base AS (
             SELECT a.session_id,
                    (SELECT coalesce(max(l.number), 0) FROM main.note l
                     WHERE l.session_id = a.session_id) AS top,
                    min(a.number) AS low
             FROM arriving a GROUP BY a.session_id)
         SELECT a.id, a.number AS src_number, a.deleted_at IS NULL AS live,
                CASE WHEN b.low > b.top THEN a.number
                     ELSE b.top + row_number() OVER (PARTITION BY a.session_id ORDER BY a.number)
                END AS number
         FROM arriving a JOIN base b ON b.session_id = a.session_id;"
    ))?;
    tx.execute(
        &format!(
            "INSERT INTO main.note ({}, number) SELECT {}, m.number
             FROM {OTHER}.note r JOIN temp.merge_new m ON m.id = r.id
             ORDER BY r.session_id, m.number",
            without_number
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            list("r", &without_number)
        ),
        [],
    )?;
    r.notes = tx.query_row("SELECT count(*) FROM temp.merge_new WHERE live", [], |r| {
        r.get::<_, i64>(0)
    })? as u64;
    tx.execute(
        &format!(
            "INSERT OR IGNORE INTO main.note_origin (note_id, database_id, number)
             SELECT m.id, coalesce(o.database_id, ?1), coalesce(o.number, m.src_number)
             FROM temp.merge_new m LEFT JOIN {OTHER}.note_origin o ON o.note_id = m.id
             WHERE (o.note_id IS NOT NULL OR ?2) AND coalesce(o.database_id, ?1) <> ?3"
        ),
        params![source.id, record_origin, own],
    )?;
    // Notes both have, in two versions.
    let (rs, ls) = (sig("r", &content), sig("l", &content));
    let exact = i32::from(!source.lossy);
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE merge_pair AS
         SELECT id, l_ts, r_ts, l_sig <> r_sig AS changed, deletes,
                (r_ts > l_ts OR ({exact} AND r_ts = l_ts AND r_sig > l_sig)) AS remote
         FROM (SELECT l.id AS id, l.updated_at AS l_ts, r.updated_at AS r_ts,
                      {ls} AS l_sig, {rs} AS r_sig,
                      (l.deleted_at IS NULL AND r.deleted_at IS NOT NULL) AS deletes
               FROM {OTHER}.note r JOIN main.note l ON l.id = r.id)
         WHERE l_ts IS NOT r_ts OR l_sig IS NOT r_sig;
         CREATE TEMP TABLE merge_conflict AS
         SELECT p.id AS note_id, p.remote AS remote,
                CASE WHEN p.remote THEN p.l_ts ELSE p.r_ts END AS updated_at
         FROM temp.merge_pair p
         WHERE p.changed AND ({exact} OR p.l_ts <> p.r_ts) AND CASE WHEN p.remote
             THEN NOT EXISTS (SELECT 1 FROM {OTHER}.note_version v
                              WHERE v.note_id = p.id AND v.updated_at = p.l_ts)
             ELSE NOT EXISTS (SELECT 1 FROM main.note_version v
                              WHERE v.note_id = p.id AND v.updated_at = p.r_ts) END
           AND NOT EXISTS (SELECT 1 FROM main.note_conflict c WHERE c.note_id = p.id
                 AND c.updated_at = CASE WHEN p.remote THEN p.l_ts ELSE p.r_ts END);"
    ))?;
    // The losing versions: kept as conflicts …
    let kept = "note_id, updated_at, database_id, table_id, kind, text, participant_id, \
        stakeholder_group, tags, votes_for, votes_against, owner, due, round, deleted_at";
    let from = "n.id, n.updated_at, ?1, n.table_id, n.kind, n.text, n.participant_id, \
        n.stakeholder_group, n.tags, n.votes_for, n.votes_against, n.owner, n.due, n.round, n.deleted_at";
    tx.execute(
        &format!(
            "INSERT OR IGNORE INTO main.note_conflict ({kept}) SELECT {from} FROM main.note n
             JOIN temp.merge_conflict c ON c.note_id = n.id AND c.remote"
        ),
        [own],
    )?;
    tx.execute(
        &format!(
            "INSERT OR IGNORE INTO main.note_conflict ({kept}) SELECT {from} FROM {OTHER}.note n
             JOIN temp.merge_conflict c ON c.note_id = n.id AND NOT c.remote"
        ),
        [&source.id],
    )?;
    // … and known as seen, so a later merge does not report them again.
    tx.execute(
        "INSERT OR IGNORE INTO main.note_version (note_id, updated_at)
         SELECT id, r_ts FROM temp.merge_pair WHERE NOT remote",
        [],
    )?;
    let assign = content
        .iter()
        .map(|c| format!("{c} = r.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    tx.execute(
        &format!(
            "UPDATE main.note AS l SET {assign}, updated_at = r.updated_at
             FROM {OTHER}.note AS r
             WHERE l.id = r.id AND l.id IN (SELECT id FROM temp.merge_pair WHERE remote)"
        ),
        [],
    )?;
    (r.notes_updated, r.notes_deleted) = tx.query_row(
        "SELECT coalesce(sum(changed AND NOT deletes), 0), coalesce(sum(deletes), 0)
         FROM temp.merge_pair WHERE remote",
        [],
        |row| Ok((row.get::<_, i64>(0)? as u64, row.get::<_, i64>(1)? as u64)),
    )?;
    // What the other knew: earlier versions and conflicts.
    tx.execute(
        &format!(
            "INSERT OR IGNORE INTO main.note_version (note_id, updated_at)
             SELECT v.note_id, v.updated_at FROM {OTHER}.note_version v
             WHERE EXISTS (SELECT 1 FROM main.note l WHERE l.id = v.note_id)"
        ),
        [],
    )?;
    tx.execute(
        &format!(
            "INSERT OR IGNORE INTO main.note_conflict ({kept}) SELECT {kept} FROM {OTHER}.note_conflict c
             WHERE EXISTS (SELECT 1 FROM main.note l WHERE l.id = c.note_id)"
        ),
        [],
    )?;
    r.conflicts = conflicts(tx, source, own)?;
    Ok(())
}

/// The conflicts found by this merge, by session and number.
fn conflicts(tx: &Transaction<'_>, source: &Source, own: &str) -> Result<Vec<Conflict>> {
    let mut st = tx.prepare(
        "SELECT n.session_id, n.number, n.text, n.updated_at, n.deleted_at IS NOT NULL,
                k.text, k.updated_at, k.deleted_at IS NOT NULL, k.database_id
         FROM temp.merge_conflict c
           JOIN main.note n ON n.id = c.note_id
           JOIN main.note_conflict k ON k.note_id = c.note_id AND k.updated_at = c.updated_at
         ORDER BY n.session_id, n.number",
    )?;
    let rows = st.query_map([], |row| {
        let from: String = row.get(8)?;
        Ok(Conflict {
            session_id: row.get(0)?,
            number: row.get(1)?,
            kept_text: row.get(2)?,
            kept_at: row.get(3)?,
            kept_deleted: row.get(4)?,
            other_text: row.get(5)?,
            other_at: row.get(6)?,
            other_deleted: row.get(7)?,
            other_from: if from == own {
                "this database".to_string()
            } else if from == source.id {
                source.label.clone()
            } else {
                from
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
