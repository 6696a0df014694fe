//! The minutes' notes: per table (and per round, when there were more
//! than one), item and kind, written while they stream by in the one pass
//! over the notes (`pass.rs`).

use super::{Context, Place, list_item};
use crate::domain::{Note, NoteKind};
use crate::error::Result;
use crate::export::Out;
use crate::export::escape::inline;
use crate::export::strings::kind_heading;

/// Writes the notes per table → item → kind while they stream from the
/// store; items at a table that have no notes get their heading and "no
/// notes", in the same item order.
pub(super) struct NotesWriter<'c, 'o, 'w> {
    cx: &'c Context<'c>,
    out: &'o mut Out<'w>,
    /// The place whose section is open.
    place: Option<Place>,
    /// The next table whose section has not been written.
    next_table: usize,
    /// Of the open table's assigned items: how many have been written.
    cursor: usize,
    item: Option<usize>,
    kind: Option<NoteKind>,
    /// With more than one table round: the round whose part of the open
    /// table is written (`Some(None)`: notes taken outside a round).
    by_round: bool,
    round: Option<Option<u32>>,
    /// Split by round: the open table's items that got notes.
    seen: Vec<usize>,
}

impl NotesWriter<'_, '_, '_> {
    /// "####" for an item, one deeper when a table is split by round.
    fn hashes(&self, level: usize) -> String {
        "#".repeat(level + usize::from(self.by_round))
    }

    /// Writes `note`, found at `place` about the item `item` (an index
    /// into the context's items); notes come in the order of
    /// [`crate::store::Store::for_each_note_ordered`] with `by_round`.
    pub(super) fn note(&mut self, place: Place, item: usize, note: &Note) -> Result<()> {
        if self.place != Some(place) {
            self.open_place(place)?;
        }
        if self.by_round && self.round != Some(note.round) {
            // A new round of this table: the last round's remaining items
            // first, then this round's items again, each once.
            if self.round.is_some() {
                self.items_before(None)?;
            }
            let title = match note.round {
                Some(n) => format!("{} {n}", self.cx.s.round),
                None => self.cx.s.outside_rounds.to_string(),
            };
            self.out.line(&format!("### {title}"))?;
            self.out.blank()?;
            self.round = Some(note.round);
            self.cursor = 0;
            self.item = None;
            self.kind = None;
        }
        if self.item != Some(item) {
            self.items_before(Some(item))?;
            self.item_heading(item)?;
            if !self.seen.contains(&item) {
                self.seen.push(item);
            }
        }
        if self.kind != Some(note.content.kind) {
            if self.kind.is_some() {
                self.out.blank()?;
            }
            let h = self.hashes(4);
            self.out.line(&format!(
                "{h} {}",
                kind_heading(note.content.kind, self.cx.lang)
            ))?;
            self.out.blank()?;
            self.kind = Some(note.content.kind);
        }
        list_item(
            self.out,
            &self.cx.user(&note.content.text),
            &self.cx.note_meta(note),
        )
    }

    /// Closes the open section and opens `place`'s, writing the sections of
    /// the tables in between (they have no notes).
    fn open_place(&mut self, place: Place) -> Result<()> {
        self.close_place()?;
        let upto = match place {
            Place::Table(i) => i,
            Place::NoTable => self.cx.tables.len(),
        };
        while self.next_table < upto {
            self.open_table(self.next_table)?;
            self.close_place()?;
        }
        match place {
            Place::Table(i) => self.open_table(i),
            Place::NoTable => {
                self.out
                    .line(&format!("## {}", self.cx.s.notes_without_table))?;
                self.out.blank()?;
                self.place = Some(Place::NoTable);
                Ok(())
            }
        }
    }

    fn open_table(&mut self, i: usize) -> Result<()> {
        let cx = self.cx;
        self.out.line(&format!("## {}", cx.table_title(i)))?;
        self.out.blank()?;
        let host = cx.person(&cx.tables[i].host);
        if !host.trim().is_empty() {
            self.out
                .line(&format!("{}: {}", cx.s.host_label, inline(&host)))?;
            self.out.blank()?;
        }
        self.place = Some(Place::Table(i));
        self.next_table = i + 1;
        self.cursor = 0;
        self.seen.clear();
        Ok(())
    }

    /// Ends the open section: the open table's remaining items get "no notes".
    fn close_place(&mut self) -> Result<()> {
        self.items_before(None)?;
        if self.by_round
            && let Some(Place::Table(t)) = self.place
        {
            // Split by round, items without notes are listed once, after
            // the rounds, rather than as "no notes" in every round.
            let cx = self.cx;
            let unseen: Vec<usize> = cx.table_items[t]
                .iter()
                .copied()
                .filter(|i| !self.seen.contains(i))
                .collect();
            if !unseen.is_empty() {
                self.out.line(&format!("### {}", cx.s.no_input))?;
                self.out.blank()?;
                for i in unseen {
                    self.out
                        .line(&format!("- {}", cx.item_title(&cx.items[i])))?;
                }
                self.out.blank()?;
            }
        }
        if let Some(Place::Table(i)) = self.place
            && self.item.is_none()
            && self.cx.table_items[i].is_empty()
        {
            self.no_notes()?;
        }
        self.place = None;
        self.item = None;
        self.kind = None;
        self.round = None;
        Ok(())
    }

    /// Ends the open item, then writes the open table's assigned items that
    /// come before `item` (all of them for `None`) with "no notes".
    fn items_before(&mut self, item: Option<usize>) -> Result<()> {
        if self.item.is_some() {
            self.out.blank()?;
        }
        let Some(Place::Table(t)) = self.place else {
            return Ok(());
        };
        if self.by_round {
            return Ok(()); // see close_place
        }
        let assigned = &self.cx.table_items[t];
        while let Some(&next) = assigned.get(self.cursor) {
            if item.is_some_and(|i| next > i) {
                break;
            }
            self.cursor += 1;
            if Some(next) == item || Some(next) == self.item {
                continue;
            }
            self.item_heading(next)?;
            self.no_notes()?;
        }
        Ok(())
    }

    fn item_heading(&mut self, item: usize) -> Result<()> {
        self.out.line(&format!(
            "{} {}",
            self.hashes(3),
            self.cx.item_title(&self.cx.items[item])
        ))?;
        self.out.blank()?;
        if let Some(status) = self.cx.item_status(item) {
            self.out.line(&status)?;
            self.out.blank()?;
        }
        self.item = Some(item);
        self.kind = None;
        Ok(())
    }

    fn no_notes(&mut self) -> Result<()> {
        self.out.line(&format!("*{}*", self.cx.s.no_notes))?;
        self.out.blank()?;
        self.item = None;
        Ok(())
    }

    /// Writes what follows the last note: the rest of the open table, and
    /// the tables after it.
    pub(super) fn finish(&mut self) -> Result<()> {
        self.close_place()?;
        while self.next_table < self.cx.tables.len() {
            self.open_table(self.next_table)?;
            self.close_place()?;
        }
        Ok(())
    }
}

impl<'c, 'o, 'w> NotesWriter<'c, 'o, 'w> {
    /// A writer of the notes section into `out`, split by round when
    /// `by_round`.
    pub(super) fn new(cx: &'c Context<'c>, out: &'o mut Out<'w>, by_round: bool) -> Self {
        NotesWriter {
            cx,
            out,
            place: None,
            next_table: 0,
            cursor: 0,
            item: None,
            kind: None,
            by_round,
            round: None,
            seen: Vec::new(),
        }
    }
}
