//! An item's past across sessions, and what the dossier and the year's
//! report read.
//!
//! Each session has its own copy of the agenda, so "the same item" in two
//! sessions is the item with the same kind and number ([`ItemRef`]) in a
//! session of the same agenda (by its name). "Earlier" is by the session's
//! date, then by when it was created.

use super::notes::{COLUMNS as NOTE_COLUMNS, from_row as note_from_row};
use super::{Store, parse_date, parse_key};
use crate::domain::memory::{EarlierNote, ItemHistory, ItemRef, SessionHead};
use crate::domain::{
    ActionState, Id, IrmLevel, Item, ItemKind, Note, Rating, ResponseStatus, Session,
    StakeholderGroup,
};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

/// The notes tafel shows (as the export does): live, and not at a deleted
/// table. For a note aliased `n`.
pub(super) const SHOWN: &str = "n.deleted_at IS NULL AND (n.table_id IS NULL OR EXISTS \
    (SELECT 1 FROM thematic_table t WHERE t.id = n.table_id AND t.deleted_at IS NULL))";

/// The order of an action's status changes, latest first: by the day it
/// was made, then by when it was recorded (for a change aliased `c`).
pub(super) const LATEST_CHANGE_FIRST: &str = "c.changed_on DESC, c.created_at DESC, c.id DESC";

/// The order of a note's responses, latest first (aliased `r`).
pub(super) const LATEST_RESPONSE_FIRST: &str = "r.given_on DESC, r.created_at DESC, r.id DESC";

/// A column expression: the status now of the action whose id is `note`.
pub(super) fn state_sql(note: &str) -> String {
    format!(
        "coalesce((SELECT c.status FROM action_status_change c WHERE c.note_id = {note}
                   ORDER BY {LATEST_CHANGE_FIRST} LIMIT 1), 'open')"
    )
}

/// The columns of a [`SessionHead`] of the session aliased `alias`, named
/// `{prefix}_id`, `{prefix}_title`, `{prefix}_date`.
pub(super) fn head_columns(alias: &str, prefix: &str) -> String {
    format!(
        "{alias}.id AS {prefix}_id, {alias}.title AS {prefix}_title, {alias}.date AS {prefix}_date"
    )
}

/// A [`SessionHead`] from the columns of [`head_columns`].
pub(super) fn head_from_row(r: &Row<'_>, prefix: &str) -> rusqlite::Result<SessionHead> {
    Ok(SessionHead {
        id: r.get(format!("{prefix}_id").as_str())?,
        title: r.get(format!("{prefix}_title").as_str())?,
        date: parse_date(&r.get::<_, String>(format!("{prefix}_date").as_str())?)?,
    })
}

/// Sessions of agenda `?1` earlier than a session of date `?2` created at
/// `?3`, for a session aliased `s`.
const EARLIER: &str = "s.agenda_name = ?1 AND (s.date < ?2 OR (s.date = ?2 AND s.created_at < ?3))";

/// The item of kind `?4` and number `?5` of the session aliased `s`.
/// `CROSS JOIN` keeps SQLite's order: the few sessions first, then their
/// item, then (`NOTES_OF_ITEM`) its notes. Left to choose, without
/// statistics, it scanned every live note of the file first (200 ms at
/// 100,000 notes, on every item the run screen opened).
const SAME_ITEM: &str =
    "CROSS JOIN item i ON i.session_id = s.id AND i.kind = ?4 AND i.number = ?5";

/// The notes of the item aliased `i`, joined after it (see [`SAME_ITEM`]).
const NOTES_OF_ITEM: &str = "CROSS JOIN note n ON n.item_id = i.id";

/// One session of a dossier: the session, its copy of the item, and the
/// item's rating there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierSession {
    pub session: Session,
    pub item: Item,
    pub rating: Option<Rating>,
}

/// An action and its status at some date (see [`Store::actions_at`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionAt {
    pub note_id: Id,
    /// The date of the meeting where it was noted.
    pub noted_on: NaiveDate,
    pub state: ActionState,
    /// The day of the change that gave it that status (none: never changed).
    pub since: Option<NaiveDate>,
}

/// What one meeting brought in, for the year's report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearCounts {
    /// Participants registered (not deleted), per stakeholder group.
    pub participants: Vec<(StakeholderGroup, u64)>,
    /// Notes per stakeholder group of the speaker (`None`: not known).
    pub notes_by_group: Vec<(Option<StakeholderGroup>, u64)>,
    /// Ideas, concerns, questions and agreements: what can get a response.
    pub inputs: u64,
    /// Of those, how many have a response, per status of their latest one.
    pub responses: Vec<(ResponseStatus, u64)>,
}

impl Store {
    /// The shortest prefix of the session id `id` (at least 8 characters)
    /// that no other session's id starts with: how `tafel` names a session
    /// on the command line, and a note as `PREFIX#NUMBER`. (Ids made in
    /// the same minute share their first 8 characters.)
    pub fn short_session_id(&self, id: &str) -> Result<String> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM session WHERE id <> ?1")?;
        let common = st
            .query_map([id], |r| r.get::<_, String>(0))?
            .map(|other| {
                other.map(|o| {
                    id.chars()
                        .zip(o.chars())
                        .take_while(|(a, b)| a == b)
                        .count()
                })
            })
            .try_fold(0, |most, n| n.map(|n| most.max(n)))?;
        Ok(id.chars().take((common + 1).max(8)).collect())
    }

    /// `PREFIX#NUMBER` for note `number` of session `id` (see
    /// [`Store::short_session_id`]).
    pub fn note_ref(&self, session_id: &str, number: u32) -> Result<String> {
        Ok(format!("{}#{number}", self.short_session_id(session_id)?))
    }

    /// A session and the kind and number of one of its items.
    fn session_and_item(&self, session_id: &str, item_id: &str) -> Result<(Session, ItemRef)> {
        let session = self.session(session_id)?;
        let item = self
            .conn
            .query_row(
                "SELECT kind, number FROM item WHERE id = ?1 AND session_id = ?2",
                [item_id, session_id],
                |r| {
                    Ok(ItemRef {
                        kind: parse_key(&r.get::<_, String>("kind")?, ItemKind::from_key)?,
                        number: r.get("number")?,
                    })
                },
            )
            .optional()?
            .ok_or(Error::NotFound("item"))?;
        Ok((session, item))
    }

    /// An item's past before `session_id`, in one line: the earlier
    /// sessions of the same agenda with notes about it, their number of
    /// notes, the last IRM rating before this session and the date of its
    /// meeting, and the item's actions from earlier sessions that are open
    /// or in progress now.
    pub fn item_history(&self, session_id: &str, item_id: &str) -> Result<ItemHistory> {
        let (me, item) = self.session_and_item(session_id, item_id)?;
        let p = params![
            me.agenda_name,
            me.date.to_string(),
            super::ts(&me.created_at),
            item.kind.key(),
            item.number
        ];
        let (sessions, notes): (u32, u64) = self.conn.query_row(
            &format!(
                "SELECT count(DISTINCT s.id) AS sessions, count(*) AS notes
                 FROM session s {SAME_ITEM} {NOTES_OF_ITEM}
                 WHERE {EARLIER} AND {SHOWN}"
            ),
            p,
            |r| Ok((r.get("sessions")?, r.get::<_, i64>("notes")? as u64)),
        )?;
        let last_session = self
            .conn
            .query_row(
                &format!(
                    "SELECT {} FROM session s {SAME_ITEM}
                     WHERE {EARLIER} AND EXISTS (SELECT 1 FROM note n WHERE n.item_id = i.id AND {SHOWN})
                     ORDER BY s.date DESC, s.created_at DESC LIMIT 1",
                    head_columns("s", "head")
                ),
                p,
                |r| head_from_row(r, "head"),
            )
            .optional()?;
        let last_rating = self
            .conn
            .query_row(
                &format!(
                    "SELECT r.level, s.date FROM session s {SAME_ITEM}
                     JOIN rating r ON r.item_id = i.id
                     WHERE {EARLIER} ORDER BY s.date DESC, s.created_at DESC LIMIT 1"
                ),
                p,
                |r| {
                    Ok((
                        parse_key(&r.get::<_, String>("level")?, IrmLevel::from_key)?,
                        parse_date(&r.get::<_, String>("date")?)?,
                    ))
                },
            )
            .optional()?;
        let open_actions: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM session s {SAME_ITEM} {NOTES_OF_ITEM}
                 WHERE {EARLIER} AND {SHOWN} AND n.kind = 'action'
                   AND {} IN ('open', 'in_progress')",
                state_sql("n.id")
            ),
            p,
            |r| r.get(0),
        )?;
        Ok(ItemHistory {
            sessions,
            last_session,
            notes,
            last_rating,
            open_actions: open_actions as u64,
        })
    }

    /// The notes about an item in earlier sessions of the same agenda,
    /// newest first (by session, then by number), each with the status now
    /// of an action and the latest response.
    pub fn earlier_notes(&self, session_id: &str, item_id: &str) -> Result<Vec<EarlierNote>> {
        let (me, item) = self.session_and_item(session_id, item_id)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {NOTE_COLUMNS}, {}, CASE WHEN n.kind = 'action' THEN {} END AS state
             FROM session s {SAME_ITEM} {NOTES_OF_ITEM}
             WHERE {EARLIER} AND {SHOWN}
             ORDER BY s.date DESC, s.created_at DESC, n.number DESC",
            head_columns("s", "head"),
            state_sql("n.id")
        ))?;
        let rows = st.query_map(
            params![
                me.agenda_name,
                me.date.to_string(),
                super::ts(&me.created_at),
                item.kind.key(),
                item.number
            ],
            |r| {
                let state: Option<String> = r.get("state")?;
                Ok(EarlierNote {
                    session: head_from_row(r, "head")?,
                    note: note_from_row(r)?,
                    state: state
                        .as_deref()
                        .map(|s| parse_key(s, ActionState::from_key))
                        .transpose()?,
                    response: None,
                })
            },
        )?;
        let mut notes: Vec<EarlierNote> = rows.collect::<rusqlite::Result<_>>()?;
        for n in &mut notes {
            n.response = self.latest_response(&n.note.id)?;
        }
        Ok(notes)
    }

    /// The sessions of a dossier of `item`, oldest first: those dated from
    /// `from` to `to` (both included, when given) of the agenda of the
    /// newest such session that has the item, each with its copy of the
    /// item and the item's rating there. Empty when no session has it.
    pub fn dossier_sessions(
        &self,
        item: ItemRef,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DossierSession>> {
        let range = "(?3 IS NULL OR s.date >= ?3) AND (?4 IS NULL OR s.date <= ?4)";
        let (kind, from, to) = (
            item.kind.key(),
            from.map(|d| d.to_string()),
            to.map(|d| d.to_string()),
        );
        let agenda: Option<String> = self
            .conn
            .query_row(
                &format!(
                    "SELECT s.agenda_name FROM session s
                     JOIN item i ON i.session_id = s.id AND i.kind = ?1 AND i.number = ?2
                     WHERE {range} ORDER BY s.date DESC, s.created_at DESC LIMIT 1"
                ),
                params![kind, item.number, from, to],
                |r| r.get(0),
            )
            .optional()?;
        let Some(agenda) = agenda else {
            return Ok(Vec::new());
        };
        let mut st = self.conn.prepare(&format!(
            "SELECT s.id AS session_id, i.id AS item_id FROM session s
             JOIN item i ON i.session_id = s.id AND i.kind = ?1 AND i.number = ?2
             WHERE {range} AND s.agenda_name = ?5
             ORDER BY s.date, s.created_at, s.id"
        ))?;
        let ids: Vec<(String, String)> = st
            .query_map(params![kind, item.number, from, to, agenda], |r| {
                Ok((r.get("session_id")?, r.get("item_id")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|(sid, iid)| {
                let item = self
                    .items(&sid)?
                    .into_iter()
                    .find(|i| i.id == iid)
                    .ok_or(Error::NotFound("item"))?;
                Ok(DossierSession {
                    rating: self.rating(&sid, &iid)?,
                    session: self.session(&sid)?,
                    item,
                })
            })
            .collect()
    }

    /// The notes tafel shows about one item of a session, in number order.
    pub fn shown_notes_of_item(&self, item_id: &str) -> Result<Vec<Note>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM note n WHERE n.item_id = ?1 AND {SHOWN} ORDER BY n.number"
        ))?;
        let rows = st.query_map([item_id], note_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The sessions dated from `from` to `to` (both included), oldest first.
    pub fn sessions_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Session>> {
        let mut all = self.sessions()?;
        all.retain(|s| s.date >= from && s.date <= to);
        all.reverse(); // sessions() is newest first
        Ok(all)
    }

    /// What one meeting brought in: attendance and notes per stakeholder
    /// group, and its inputs with their responses.
    pub fn year_counts(&self, session_id: &str) -> Result<YearCounts> {
        let mut participants = Vec::new();
        for g in StakeholderGroup::ALL {
            let n: i64 = self.conn.query_row(
                "SELECT count(*) FROM participant
                 WHERE session_id = ?1 AND deleted_at IS NULL AND stakeholder_group = ?2",
                params![session_id, g.key()],
                |r| r.get(0),
            )?;
            participants.push((*g, n as u64));
        }
        let mut st = self.conn.prepare(&format!(
            "SELECT coalesce(n.stakeholder_group, p.stakeholder_group) AS grp, count(*) AS notes
             FROM note n LEFT JOIN participant p ON p.id = n.participant_id
             WHERE n.session_id = ?1 AND {SHOWN} GROUP BY grp"
        ))?;
        let notes_by_group = st
            .query_map([session_id], |r| {
                let g: Option<String> = r.get("grp")?;
                Ok((
                    g.as_deref()
                        .map(|g| parse_key(g, StakeholderGroup::from_key))
                        .transpose()?,
                    r.get::<_, i64>("notes")? as u64,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare(&format!(
            "SELECT (SELECT r.status FROM response r WHERE r.note_id = n.id
                     ORDER BY {LATEST_RESPONSE_FIRST} LIMIT 1) AS latest
             FROM note n
             WHERE n.session_id = ?1 AND {SHOWN}
               AND n.kind IN ('idea', 'concern', 'question', 'agreement')"
        ))?;
        let latest: Vec<Option<String>> = st
            .query_map([session_id], |r| r.get("latest"))?
            .collect::<rusqlite::Result<_>>()?;
        let responses = ResponseStatus::ALL
            .iter()
            .map(|s| {
                let n = latest.iter().flatten().filter(|l| *l == s.key()).count();
                (*s, n as u64)
            })
            .collect();
        Ok(YearCounts {
            participants,
            notes_by_group,
            inputs: latest.len() as u64,
            responses,
        })
    }

    /// Every action noted in a meeting up to `date` (shown, still an
    /// action), with its status at the end of that day.
    pub fn actions_at(&self, date: NaiveDate) -> Result<Vec<ActionAt>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT n.id AS note_id, s.date AS noted_on,
                    (SELECT c.status || ' ' || c.changed_on FROM action_status_change c
                     WHERE c.note_id = n.id AND c.changed_on <= ?1
                     ORDER BY {LATEST_CHANGE_FIRST} LIMIT 1) AS latest
             FROM note n JOIN session s ON s.id = n.session_id
             WHERE s.date <= ?1 AND n.kind = 'action' AND {SHOWN}
             ORDER BY s.date, n.number"
        ))?;
        let rows = st.query_map([date.to_string()], |r| {
            let latest: Option<String> = r.get("latest")?;
            let (state, since) = match latest.as_deref().and_then(|l| l.split_once(' ')) {
                Some((state, on)) => (
                    parse_key(state, ActionState::from_key)?,
                    Some(parse_date(on)?),
                ),
                None => (ActionState::Open, None),
            };
            Ok(ActionAt {
                note_id: r.get("note_id")?,
                noted_on: parse_date(&r.get::<_, String>("noted_on")?)?,
                state,
                since,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ratings of action point `item` in the sessions of `agenda` up to
    /// `date`, oldest first, each with its session.
    pub fn rating_trail(
        &self,
        agenda: &str,
        item: ItemRef,
        date: NaiveDate,
    ) -> Result<Vec<(SessionHead, IrmLevel)>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {}, r.level FROM session s
             JOIN item i ON i.session_id = s.id AND i.kind = ?2 AND i.number = ?3
             JOIN rating r ON r.item_id = i.id
             WHERE s.agenda_name = ?1 AND s.date <= ?4
             ORDER BY s.date, s.created_at",
            head_columns("s", "head")
        ))?;
        let rows = st.query_map(
            params![agenda, item.kind.key(), item.number, date.to_string()],
            |r| {
                Ok((
                    head_from_row(r, "head")?,
                    parse_key(&r.get::<_, String>("level")?, IrmLevel::from_key)?,
                ))
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
