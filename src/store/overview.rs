//! Read-only queries for the plenary, when the tables report back: what
//! each table found (notes by kind, the top-voted notes, agreements and
//! actions, items without input), whose voices were recorded (notes per
//! stakeholder group, and participants per group), and which dimensions
//! were covered. The TUI's overview, the HTML minutes and the figures of the
//! Markdown minutes all read these.
//!
//! The notes counted are those an export shows: live, and not at a deleted
//! table (see `export_queries`). Every query is an aggregate or reads a
//! bounded set (agreements, actions, a few top-voted notes per item), so an
//! overview costs the same for ten notes or a million.

use super::export_queries::EXPORTED;
use super::notes::{COLUMNS, from_row};
use super::{Store, parse_key};
use crate::domain::{
    Dimension, Id, Item, Note, NoteKind, Participant, Rating, Session, StakeholderGroup, Table,
};
use crate::error::Result;
use std::collections::HashMap;

/// How many top-voted notes an overview keeps per table and per item.
pub const TOP_NOTES: usize = 5;

/// Notes per stakeholder group at one table: the group of the note, or
/// else of its speaker; `None` when neither was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceCount {
    pub table_id: Option<Id>,
    pub group: Option<StakeholderGroup>,
    pub count: u64,
}

/// Everything the plenary looks at, for one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub session: Session,
    /// In agenda order.
    pub items: Vec<Item>,
    pub dimensions: Vec<Dimension>,
    /// Registered participants (not deleted), for speakers' names.
    pub participants: Vec<Participant>,
    /// Participants per group, in the order of [`StakeholderGroup::ALL`].
    pub present: Vec<u64>,
    /// The tables in order, then the notes at no table (when there are any).
    pub tables: Vec<TableOverview>,
    /// Per item (as `items`): notes tagged with each dimension (as
    /// `dimensions`).
    pub coverage: Vec<Vec<u64>>,
    pub ratings: Vec<Rating>,
}

/// What one table found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOverview {
    /// `None`: the notes taken at no table.
    pub table: Option<Table>,
    /// Notes per kind, in the order of [`NoteKind::ALL`].
    pub kinds: Vec<u64>,
    /// Notes per stakeholder group, in the order of
    /// [`StakeholderGroup::ALL`], then the notes without a group.
    pub voices: Vec<u64>,
    /// The table's items and any other item with notes there (indices into
    /// [`Overview::items`], in agenda order); at no table, the items with
    /// notes there.
    pub items: Vec<usize>,
    /// Notes per item of `items`.
    pub item_notes: Vec<u64>,
    /// The most voted-for notes (net votes, then votes for), at most
    /// [`TOP_NOTES`], only notes with a vote for.
    pub top: Vec<Note>,
    /// The same per item of `items`.
    pub item_top: Vec<Vec<Note>>,
    /// In item order, then by number.
    pub agreements: Vec<Note>,
    pub actions: Vec<Note>,
}

impl TableOverview {
    pub fn notes(&self) -> u64 {
        self.kinds.iter().sum()
    }

    /// The table's items that received no input (indices into the items).
    pub fn silent(&self) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .zip(&self.item_notes)
            .filter(|(_, n)| **n == 0)
            .map(|(i, _)| *i)
    }
}

impl Overview {
    /// Notes per stakeholder group over all tables (then without a group).
    pub fn voices(&self) -> Vec<u64> {
        let mut all = vec![0; StakeholderGroup::ALL.len() + 1];
        for t in &self.tables {
            all.iter_mut().zip(&t.voices).for_each(|(a, n)| *a += n);
        }
        all
    }

    pub fn notes(&self) -> u64 {
        self.tables.iter().map(TableOverview::notes).sum()
    }

    /// Items that received no input at any table.
    pub fn silent_items(&self) -> Vec<usize> {
        let mut heard = vec![false; self.items.len()];
        for t in &self.tables {
            for (i, n) in t.items.iter().zip(&t.item_notes) {
                heard[*i] |= *n > 0;
            }
        }
        (0..self.items.len()).filter(|i| !heard[*i]).collect()
    }

    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// The stakeholder group of a note: its own, else its speaker's.
    pub fn group_of(&self, note: &Note) -> Option<StakeholderGroup> {
        note.content.group.or_else(|| {
            let id = note.content.participant_id.as_deref()?;
            self.participant(id).map(|p| p.group)
        })
    }
}

/// Index of a group in `StakeholderGroup::ALL`, or the last slot for none.
fn group_slot(g: Option<StakeholderGroup>) -> usize {
    g.and_then(|g| StakeholderGroup::ALL.iter().position(|x| *x == g))
        .unwrap_or(StakeholderGroup::ALL.len())
}

impl Store {
    /// Exported notes counted per table and stakeholder group (the note's
    /// group, else its speaker's, also a deleted speaker's). Unordered.
    pub fn voice_counts(&self, session_id: &str) -> Result<Vec<VoiceCount>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT n.table_id, coalesce(n.stakeholder_group, p.stakeholder_group), count(*)
             FROM note n LEFT JOIN participant p ON p.id = n.participant_id
             WHERE {EXPORTED} GROUP BY 1, 2"
        ))?;
        let rows = st.query_map([session_id], |r| {
            let group: Option<String> = r.get(1)?;
            Ok(VoiceCount {
                table_id: r.get(0)?,
                group: group
                    .as_deref()
                    .map(|g| parse_key(g, StakeholderGroup::from_key))
                    .transpose()?,
                count: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The exported agreements and actions of a session, and its
    /// top-voted notes (at most [`TOP_NOTES`] per table and item, with a
    /// vote for), in number order.
    fn plenary_notes(&self, session_id: &str) -> Result<Vec<Note>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM (
                SELECT n.*, row_number() OVER (
                    PARTITION BY n.table_id, n.item_id
                    ORDER BY n.votes_for - n.votes_against DESC, n.votes_for DESC, n.number
                ) AS rank
                FROM note n WHERE {EXPORTED} AND n.votes_for > 0
             ) n WHERE n.rank <= {TOP_NOTES}
             UNION
             SELECT {COLUMNS} FROM note n
             WHERE {EXPORTED} AND n.kind IN ('agreement', 'action')
             ORDER BY 3"
        ))?;
        let rows = st.query_map([session_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything the plenary looks at (see [`Overview`]). Read-only.
    pub fn overview(&self, session_id: &str) -> Result<Overview> {
        let session = self.session(session_id)?;
        let items = self.items(session_id)?;
        let item_index: HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.as_str(), i))
            .collect();
        let tables = self.tables(session_id)?;
        let participants = self.participants(session_id)?;
        let present = StakeholderGroup::ALL
            .iter()
            .map(|g| participants.iter().filter(|p| p.group == *g).count() as u64)
            .collect();
        // One slot per table, then the notes at no table.
        let slot_of = |table_id: &Option<Id>| match table_id {
            None => Some(tables.len()),
            Some(id) => tables.iter().position(|t| &t.id == id),
        };
        let mut out: Vec<TableOverview> = tables
            .iter()
            .map(|t| Some(t.clone()))
            .chain([None])
            .map(|table| {
                let at: Vec<usize> = table
                    .as_ref()
                    .map(|t| {
                        t.item_ids
                            .iter()
                            .filter_map(|id| item_index.get(id.as_str()).copied())
                            .collect()
                    })
                    .unwrap_or_default();
                TableOverview {
                    table,
                    kinds: vec![0; NoteKind::ALL.len()],
                    voices: vec![0; StakeholderGroup::ALL.len() + 1],
                    item_notes: Vec::new(),
                    item_top: Vec::new(),
                    items: at,
                    top: Vec::new(),
                    agreements: Vec::new(),
                    actions: Vec::new(),
                }
            })
            .collect();
        let counts = self.export_counts(session_id)?;
        // Items with notes at a table they are not (or no longer) assigned
        // to belong to it too; at no table, those are all its items.
        for c in &counts {
            if let (Some(slot), Some(&item)) =
                (slot_of(&c.table_id), item_index.get(c.item_id.as_str()))
            {
                out[slot].items.push(item);
            }
        }
        for t in &mut out {
            t.items.sort_unstable();
            t.items.dedup();
            t.item_notes = vec![0; t.items.len()];
            t.item_top = vec![Vec::new(); t.items.len()];
        }
        for c in &counts {
            let (Some(slot), Some(&item)) =
                (slot_of(&c.table_id), item_index.get(c.item_id.as_str()))
            else {
                continue;
            };
            let t = &mut out[slot];
            let k = NoteKind::ALL.iter().position(|k| *k == c.kind).unwrap_or(0);
            t.kinds[k] += c.count;
            if let Some(pos) = t.items.iter().position(|i| *i == item) {
                t.item_notes[pos] += c.count;
            }
        }
        for v in self.voice_counts(session_id)? {
            if let Some(slot) = slot_of(&v.table_id) {
                out[slot].voices[group_slot(v.group)] += v.count;
            }
        }
        for note in self.plenary_notes(session_id)? {
            let (Some(slot), Some(&item)) = (
                slot_of(&note.table_id),
                item_index.get(note.item_id.as_str()),
            ) else {
                continue;
            };
            let t = &mut out[slot];
            if note.votes_for > 0 {
                if let Some(pos) = t.items.iter().position(|i| *i == item) {
                    t.item_top[pos].push(note.clone());
                }
                t.top.push(note.clone());
            }
            match note.content.kind {
                NoteKind::Agreement => t.agreements.push(note),
                NoteKind::Action => t.actions.push(note),
                _ => {}
            }
        }
        let item_of = |n: &Note| item_index.get(n.item_id.as_str()).copied();
        for t in &mut out {
            t.top.sort_by(by_votes);
            t.top.truncate(TOP_NOTES);
            for list in &mut t.item_top {
                list.sort_by(by_votes);
                list.truncate(TOP_NOTES);
            }
            t.agreements.sort_by_key(|n| (item_of(n), n.number));
            t.actions.sort_by_key(|n| (item_of(n), n.number));
        }
        if out.last().is_some_and(|t| t.notes() == 0) {
            out.pop();
        }
        let dimensions = self.dimensions(session_id)?;
        let keys: Vec<String> = dimensions.iter().map(|d| d.key.clone()).collect();
        let mut coverage = vec![vec![0; keys.len()]; items.len()];
        for (item_id, counts) in self.export_tag_counts(session_id, &keys)? {
            if let Some(&i) = item_index.get(item_id.as_str()) {
                coverage[i] = counts;
            }
        }
        Ok(Overview {
            ratings: self.ratings(session_id)?,
            session,
            items,
            dimensions,
            participants,
            present,
            tables: out,
            coverage,
        })
    }
}

/// Most net votes first, then most votes for, then the oldest.
fn by_votes(a: &Note, b: &Note) -> std::cmp::Ordering {
    let net = |n: &Note| i64::from(n.votes_for) - i64::from(n.votes_against);
    net(b)
        .cmp(&net(a))
        .then(b.votes_for.cmp(&a.votes_for))
        .then(a.number.cmp(&b.number))
}

#[cfg(test)]
mod tests {
    use crate::domain::{Lang, NewSession, NoteContent, NoteInput, NoteKind, StakeholderGroup};
    use crate::store::Store;

    #[test]
    fn an_overview_counts_what_the_export_shows() {
        let mut store = Store::open_in_memory().unwrap();
        let s = store
            .create_session(
                &NewSession {
                    title: "t".into(),
                    date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                    location: String::new(),
                    facilitator: String::new(),
                    language: Lang::Nl,
                },
                &crate::agenda::bundled(),
            )
            .unwrap();
        let items = store.items(&s.id).unwrap();
        let (a, b) = (&items[0], &items[1]);
        let t = store.create_table(&s.id, "a", "", 20).unwrap();
        store.assign_item(&t.id, &a.id).unwrap();
        store.assign_item(&t.id, &b.id).unwrap();
        let gone = store.create_table(&s.id, "weg", "", 20).unwrap();
        let p = store
            .create_participant(&s.id, Some("Sanne"), None, StakeholderGroup::Wetenschap)
            .unwrap();
        let add = |store: &mut Store, table: Option<&str>, kind, votes: (u32, u32), who: bool| {
            store
                .add_note(
                    &s.id,
                    &NoteInput {
                        item_id: a.id.clone(),
                        table_id: table.map(str::to_string),
                        content: NoteContent {
                            kind,
                            text: "x".into(),
                            participant_id: who.then(|| p.id.clone()),
                            tags: vec!["open-data".into()],
                            ..Default::default()
                        },
                        votes_for: votes.0,
                        votes_against: votes.1,
                        round: None,
                    },
                )
                .unwrap()
        };
        let low = add(&mut store, Some(&t.id), NoteKind::Idea, (1, 0), true);
        let high = add(&mut store, Some(&t.id), NoteKind::Idea, (4, 1), false);
        add(&mut store, Some(&t.id), NoteKind::Action, (0, 0), false);
        add(&mut store, None, NoteKind::Agreement, (0, 0), false);
        add(
            &mut store,
            Some(&gone.id),
            NoteKind::Agreement,
            (9, 0),
            false,
        );
        let deleted = add(&mut store, Some(&t.id), NoteKind::Agreement, (0, 0), true);
        store.delete_note(&deleted.id).unwrap();
        store.delete_table(&gone.id).unwrap();

        let o = store.overview(&s.id).unwrap();
        assert_eq!(o.tables.len(), 2, "the table, and the notes at no table");
        let at = &o.tables[0];
        assert_eq!(at.notes(), 3);
        assert_eq!(at.kinds, [0, 2, 0, 0, 0, 1]);
        let mut voices = vec![0; 7];
        voices[2] = 1; // Wetenschap, through the speaker
        voices[6] = 2; // no group
        assert_eq!(at.voices, voices);
        let top: Vec<u32> = at.top.iter().map(|n| n.number).collect();
        assert_eq!(top, [high.number, low.number]);
        assert_eq!(at.item_top[0].len(), 2);
        assert_eq!(at.actions.len(), 1);
        assert!(at.agreements.is_empty());
        assert_eq!(at.silent().collect::<Vec<_>>(), [1], "the second item");
        assert!(o.tables[1].table.is_none());
        assert_eq!(o.tables[1].agreements.len(), 1);
        assert_eq!(o.notes(), 4);
        assert_eq!(o.present[2], 1);
        assert_eq!(
            o.coverage[0][o
                .dimensions
                .iter()
                .position(|d| d.key == "open-data")
                .unwrap()],
            4
        );
        assert!(o.silent_items().contains(&1) && !o.silent_items().contains(&0));
    }
}
