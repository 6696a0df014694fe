//! Drafts (text being typed, autosaved) and the place to resume a session.

use super::{Store, now, parse_ts, ts};
use crate::domain::{Draft, NoteContent};
use crate::error::Result;
use rusqlite::{OptionalExtension, Row, params};

const COLUMNS: &str = "session_id, item_id, text, content, updated_at";

/// A draft from a row of [`COLUMNS`]. Its `content` column holds the note's
/// content without the text, as JSON; a draft from before version 4 has
/// `{}`, which reads as the defaults.
fn from_row(r: &Row<'_>) -> rusqlite::Result<Draft> {
    let json: String = r.get("content")?;
    let mut content: NoteContent = serde_json::from_str(&json).unwrap_or_default();
    content.text = r.get("text")?;
    Ok(Draft {
        session_id: r.get("session_id")?,
        item_id: r.get("item_id")?,
        content,
        updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
    })
}

const PLACE_COLUMNS: &str = "table_id, item_id, scroll";

/// A place from a row of [`PLACE_COLUMNS`].
fn place_from_row(r: &Row<'_>) -> rusqlite::Result<Place> {
    Ok(Place {
        table_id: r.get("table_id")?,
        item_id: r.get("item_id")?,
        scroll: r.get("scroll")?,
    })
}

/// Where the facilitator was in a session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub table_id: Option<String>,
    pub item_id: Option<String>,
    pub scroll: u32,
}

/// A draft's content without its text, as stored in `content`.
fn meta_json(draft: &NoteContent) -> Result<String> {
    let meta = NoteContent {
        text: String::new(),
        ..draft.clone()
    };
    serde_json::to_string(&meta).map_err(|e| crate::Error::Invalid(format!("draft: {e}")))
}

/// The draft an item opens with: this window's own note, and the text of
/// windows that are gone, taken over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenedDraft {
    /// The text (own, then taken over) with the own draft's kind, speaker,
    /// tags … (or the first taken-over one's).
    pub content: Option<NoteContent>,
    /// How many drafts of gone windows were taken over into `text`.
    pub taken_over: usize,
}

/// Between texts of several windows joined into one draft.
const JOIN: &str = "\n\n";

impl Store {
    /// Stores the note being typed for an item (its text, kind, speaker,
    /// tags …) as this window's draft; an empty text removes it. Other
    /// windows' drafts of the item stay.
    pub fn save_draft(
        &mut self,
        session_id: &str,
        item_id: &str,
        draft: &NoteContent,
    ) -> Result<()> {
        if draft.text.is_empty() {
            return self.clear_draft(session_id, item_id);
        }
        let json = meta_json(draft)?;
        self.conn
            .prepare_cached(&format!(
                "INSERT INTO draft ({COLUMNS}, window_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (session_id, item_id, window_id) DO UPDATE SET text = ?3, content = ?4, updated_at = ?5"
            ))?
            .execute(params![session_id, item_id, draft.text, json, ts(&now()), self.window.id])?;
        Ok(())
    }

    /// The newest draft of an item, of any window.
    pub fn draft(&self, session_id: &str, item_id: &str) -> Result<Option<Draft>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM draft WHERE session_id = ?1 AND item_id = ?2
                     ORDER BY updated_at DESC LIMIT 1"
                ),
                [session_id, item_id],
                from_row,
            )
            .optional()?)
    }

    /// All drafts of a session, of every window.
    pub fn drafts(&self, session_id: &str) -> Result<Vec<Draft>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM draft WHERE session_id = ?1"
        ))?;
        let rows = st.query_map([session_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes this window's draft of an item.
    pub fn clear_draft(&mut self, session_id: &str, item_id: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM draft WHERE session_id = ?1 AND item_id = ?2 AND window_id = ?3",
            params![session_id, item_id, self.window.id],
        )?;
        Ok(())
    }

    /// The draft an item opens with in this window: its own, followed by
    /// the drafts of windows that are gone (oldest first, each after an
    /// empty line), which become this window's in the same transaction — so
    /// a gone window's text is shown once, to one window, and never lost.
    /// Drafts of windows still running stay theirs.
    pub fn open_draft(&mut self, session_id: &str, item_id: &str) -> Result<OpenedDraft> {
        let me = self.window.id.clone();
        let others: Vec<String> = {
            let mut st = self.conn.prepare_cached(
                "SELECT window_id FROM draft WHERE session_id = ?1 AND item_id = ?2 AND window_id <> ?3",
            )?;
            let ids = st.query_map(params![session_id, item_id, me], |r| r.get(0))?;
            ids.collect::<rusqlite::Result<_>>()?
        };
        let db = self.path.clone();
        let gone: Vec<String> = others
            .into_iter()
            .filter(|w| !self.window.is_alive(db.as_deref(), w))
            .collect();
        self.transaction(|tx| {
            let mut st = tx.prepare_cached(&format!(
                "SELECT {COLUMNS}, window_id FROM draft WHERE session_id = ?1 AND item_id = ?2
                 ORDER BY window_id <> ?3, updated_at"
            ))?;
            let rows: Vec<(String, NoteContent)> = st
                .query_map(params![session_id, item_id, me], |r| {
                    Ok((r.get("window_id")?, from_row(r)?.content))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let own = rows.iter().find(|(w, _)| *w == me).map(|(_, c)| c.clone());
            // Read again inside the transaction: another window may have
            // taken them over meanwhile.
            let taken: Vec<&(String, NoteContent)> =
                rows.iter().filter(|(w, _)| gone.contains(w)).collect();
            if taken.is_empty() {
                return Ok(OpenedDraft {
                    content: own,
                    taken_over: 0,
                });
            }
            let text = own
                .iter()
                .chain(taken.iter().map(|(_, c)| c))
                .map(|c| c.text.clone())
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>()
                .join(JOIN);
            let content = NoteContent {
                text,
                ..own.clone().unwrap_or_else(|| taken[0].1.clone())
            };
            for (w, _) in &taken {
                tx.execute(
                    "DELETE FROM draft WHERE session_id = ?1 AND item_id = ?2 AND window_id = ?3",
                    params![session_id, item_id, w],
                )?;
            }
            tx.execute(
                &format!(
                    "INSERT INTO draft ({COLUMNS}, window_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (session_id, item_id, window_id) DO UPDATE SET text = ?3, content = ?4, updated_at = ?5"
                ),
                params![session_id, item_id, content.text, meta_json(&content)?, ts(&now()), me],
            )?;
            Ok(OpenedDraft {
                content: Some(content),
                taken_over: taken.len(),
            })
        })
    }

    /// Items of a session with a draft of a window that is gone (to say,
    /// on opening the session, that text is waiting there).
    pub fn items_with_drafts_of_gone_windows(&self, session_id: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT item_id, window_id FROM draft WHERE session_id = ?1 AND window_id <> ?2",
        )?;
        let rows: Vec<(String, String)> = st
            .query_map(params![session_id, self.window.id], |r| {
                Ok((r.get("item_id")?, r.get("window_id")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let db = self.path.as_deref();
        let mut items: Vec<String> = rows
            .into_iter()
            .filter(|(_, w)| !self.window.is_alive(db, w))
            .map(|(i, _)| i)
            .collect();
        items.sort();
        items.dedup();
        Ok(items)
    }

    /// Remembers where the facilitator is, to resume there. The place is
    /// no part of the record, and it changes with every item: it is
    /// committed without waiting for the disk (`synchronous=NORMAL`, one
    /// fsync less on every move; WAL keeps the commit whole). A killed
    /// process keeps it, as the system has it; a power cut may take it back
    /// to an earlier place, until the next note, draft or quit, whose
    /// commits (`synchronous=FULL` again) bring it to the disk with them.
    pub fn save_place(&mut self, session_id: &str, place: &Place) -> Result<()> {
        self.exec("PRAGMA synchronous = NORMAL", [])?;
        let saved = self.exec(
            &format!(
                "INSERT INTO place (session_id, {PLACE_COLUMNS}, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (session_id) DO UPDATE SET table_id = ?2, item_id = ?3, scroll = ?4, updated_at = ?5"
            ),
            params![session_id, place.table_id, place.item_id, place.scroll, ts(&now())],
        );
        self.exec("PRAGMA synchronous = FULL", [])?;
        saved.map(|_| ())
    }

    pub fn place(&self, session_id: &str) -> Result<Option<Place>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {PLACE_COLUMNS} FROM place WHERE session_id = ?1"),
                [session_id],
                place_from_row,
            )
            .optional()?)
    }

    /// The session used most recently (by its saved place), if any.
    pub fn last_used_session(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT session_id FROM place ORDER BY updated_at DESC LIMIT 1",
                [],
                |r| r.get("session_id"),
            )
            .optional()?)
    }
}
