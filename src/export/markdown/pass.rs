//! The one pass over the notes. The minutes show the notes section after
//! the summary, but everything the summary and the coverage table need is
//! gathered while the notes section is written: so the notes are read once,
//! in the notes section's order, and that section is spooled
//! ([`crate::export::spool`]) until the summary before it has been written.

use super::lists::List;
use super::notes::NotesWriter;
use super::{Context, Place, list_item};
use crate::domain::{Note, NoteKind, StakeholderGroup};
use crate::error::{Error, Result};
use crate::export::Out;
use crate::export::spool::{NAME, Spool};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// What the one pass over the notes gives.
pub(super) struct Pass {
    /// The notes section, written.
    pub(super) notes: Spool,
    pub(super) agreements: List,
    pub(super) actions: List,
    /// The actions that lack an owner or a due date.
    pub(super) incomplete: List,
    /// (place, item index, kind) → number of notes.
    pub(super) counts: BTreeMap<(Place, usize, NoteKind), u64>,
    /// Notes per place (in the order of [`Context::places`]) and
    /// stakeholder group (the note's, else its speaker's; in the order of
    /// [`StakeholderGroup::ALL`], then a slot for "not recorded").
    pub(super) voices: Vec<Vec<u64>>,
    /// Per item (index into the context's items): how many of its notes
    /// carry each dimension's key, in the order of the dimensions.
    pub(super) tags: Vec<Vec<u64>>,
}

/// Reads every exported note once (notes at a deleted table are left out,
/// as everywhere in the minutes).
pub(super) fn read(cx: &Context<'_>) -> Result<Pass> {
    let store = cx.store;
    let by_round = store.notes_in_several_rounds(&cx.session.id)?;
    let mut groups: HashMap<String, Option<StakeholderGroup>> = store
        .participant_groups(&cx.session.id)?
        .into_iter()
        .map(|(id, g)| (id, Some(g)))
        .collect();
    // A tag is counted as the stored, space-separated tags hold it.
    let needles: Vec<String> = cx
        .dimensions
        .iter()
        .map(|d| format!(" {} ", d.key))
        .collect();
    let places = cx.tables.len() + 1;
    let mut pass = Pass {
        notes: Spool::new(),
        agreements: List::new(),
        actions: List::new(),
        incomplete: List::new(),
        counts: BTreeMap::new(),
        voices: vec![vec![0; StakeholderGroup::ALL.len() + 1]; places],
        tags: vec![vec![0; needles.len()]; cx.items.len()],
    };
    let mut lists = Lists {
        agreements: &mut pass.agreements,
        actions: &mut pass.actions,
        incomplete: &mut pass.incomplete,
        context: None,
        entry: Vec::new(),
    };
    let (counts, voices, tags) = (&mut pass.counts, &mut pass.voices, &mut pass.tags);
    let mut out = pass.notes.out();
    let mut notes = NotesWriter::new(cx, &mut out, by_round);
    store.for_each_note_ordered(&cx.session.id, by_round, |note| {
        let Some(place) = cx.place_of(&note)? else {
            return Ok(()); // at a deleted table
        };
        let item = cx.item_of(&note)?;
        *counts.entry((place, item, note.content.kind)).or_insert(0) += 1;
        let group = match note.content.group {
            Some(g) => Some(g),
            None => match &note.content.participant_id {
                None => None,
                Some(id) => speaker_group(cx, &mut groups, id)?,
            },
        };
        let slot = match place {
            Place::Table(i) => i,
            Place::NoTable => places - 1,
        };
        let g = group
            .and_then(|g| StakeholderGroup::ALL.iter().position(|x| *x == g))
            .unwrap_or(StakeholderGroup::ALL.len());
        voices[slot][g] += 1;
        if !needles.is_empty() {
            let stored = format!(" {} ", note.content.tags.join(" "));
            for (n, needle) in tags[item].iter_mut().zip(&needles) {
                *n += u64::from(stored.contains(needle.as_str()));
            }
        }
        lists.note(cx, place, item, &note)?;
        notes.note(place, item, &note)
    })?;
    notes.finish()?;
    Ok(pass)
}

/// The stakeholder group of the speaker `id` (also a deleted one), read
/// once per speaker.
fn speaker_group(
    cx: &Context<'_>,
    groups: &mut HashMap<String, Option<StakeholderGroup>>,
    id: &str,
) -> Result<Option<StakeholderGroup>> {
    if let Some(g) = groups.get(id) {
        return Ok(*g);
    }
    // A speaker of another session: as the store has them.
    let g = match cx.store.participant(id) {
        Ok(p) => Some(p.group),
        Err(Error::NotFound(_)) => None,
        Err(e) => return Err(e),
    };
    groups.insert(id.to_string(), g);
    Ok(g)
}

/// Writes the summary's lists while the notes stream by.
struct Lists<'p> {
    agreements: &'p mut List,
    actions: &'p mut List,
    incomplete: &'p mut List,
    /// The place and item of the last note listed, and their caption.
    context: Option<(Place, usize, String)>,
    /// The list item being written.
    entry: Vec<u8>,
}

impl Lists<'_> {
    fn note(&mut self, cx: &Context<'_>, place: Place, item: usize, note: &Note) -> Result<()> {
        let kind = note.content.kind;
        if kind != NoteKind::Agreement && kind != NoteKind::Action {
            return Ok(());
        }
        let context = match &self.context {
            Some((p, i, text)) if *p == place && *i == item => text.clone(),
            _ => {
                let text = format!(
                    "{}: {}",
                    cx.place_name(place),
                    cx.item_title(&cx.items[item])
                );
                self.context = Some((place, item, text.clone()));
                text
            }
        };
        let mut meta = cx.action_meta(note);
        meta.push(context);
        self.entry.clear();
        let mut out = Out {
            w: &mut self.entry,
            dest: Path::new(NAME),
        };
        list_item(&mut out, &cx.user(&note.content.text), &meta)?;
        let (number, entry) = (note.number, self.entry.as_slice());
        if kind == NoteKind::Agreement {
            return self.agreements.push(place, item, number, entry);
        }
        self.actions.push(place, item, number, entry)?;
        if note.content.owner.trim().is_empty() || note.content.due.is_none() {
            self.incomplete.push(place, item, number, entry)?;
        }
        Ok(())
    }
}
