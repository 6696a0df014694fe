//! The Markdown minutes of a session.
//!
//! Every piece of user text goes through [`super::escape`]; the only
//! unescaped text written is this module's own markup and the fixed strings
//! of [`super::strings`]. The notes are read once, one at a time, from
//! [`Store::for_each_note`]: that one pass writes the notes section, the
//! agreements and the actions into spools ([`super::spool`]) and counts the
//! notes per place, item and kind and the dimensions' tags per item. The
//! summary is then written from those counts and spools, followed by the
//! spooled notes section, so memory does not grow with the number of notes.
//! Nothing depends on the clock or on hash order: the same database gives
//! the same bytes. No ids or timestamps are shown.

use super::Out;
use super::escape::{block, inline};
use super::spool::Spool;
use super::strings::{Strings, kind_heading, long_date, strings};
use crate::domain::{Dimension, Item, ItemKind, Lang, Note, NoteKind, Participant, Session, Table};
use crate::error::{Error, Result};
use crate::store::Store;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where a note sits: at a table (index into the sorted tables) or at none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Table(usize),
    NoTable,
}

/// Everything about a session except its notes: small, read once.
struct Context<'a> {
    store: &'a Store,
    session: &'a Session,
    lang: Lang,
    s: &'static Strings,
    anonymize: bool,
    items: Vec<Item>,
    item_index: HashMap<String, usize>,
    tables: Vec<Table>,
    table_index: HashMap<String, usize>,
    /// Per table: its assigned items, as indices into `items`, in item order.
    table_items: Vec<Vec<usize>>,
    deleted_tables: HashSet<String>,
    dimensions: Vec<Dimension>,
    participants: HashMap<String, Participant>,
    participant_list: Vec<Participant>,
    /// (place, item index, kind) → number of notes; filled by [`notes`].
    counts: BTreeMap<(Place, usize, NoteKind), u64>,
    /// Per item (index into `items`): how many of its notes carry each
    /// dimension's key, in the order of `dimensions`; filled by [`notes`].
    tag_counts: Vec<Vec<u64>>,
}

impl<'a> Context<'a> {
    fn load(store: &'a Store, session: &'a Session, lang: Lang, anonymize: bool) -> Result<Self> {
        let mut items = store.items(&session.id)?;
        items.sort_by_key(|i| i.position);
        let item_index: HashMap<String, usize> = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.clone(), i))
            .collect();
        // The order of `Store::for_each_note`: table position, then id.
        let mut tables = store.tables(&session.id)?;
        tables.sort_by(|a, b| (a.position, &a.id).cmp(&(b.position, &b.id)));
        let table_index: HashMap<String, usize> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let table_items = tables
            .iter()
            .map(|t| {
                let mut v: Vec<usize> = t
                    .item_ids
                    .iter()
                    .filter_map(|id| item_index.get(id).copied())
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let participant_list = store.participants(&session.id)?;
        let participants = participant_list
            .iter()
            .map(|p| (p.id.clone(), p.clone()))
            .collect();
        let dimensions = store.dimensions(&session.id)?;
        let tag_counts = vec![vec![0; dimensions.len()]; items.len()];
        Ok(Context {
            store,
            session,
            lang,
            s: strings(lang),
            anonymize,
            items,
            item_index,
            tables,
            table_index,
            table_items,
            deleted_tables: store.deleted_table_ids(&session.id)?.into_iter().collect(),
            dimensions,
            participants,
            participant_list,
            counts: BTreeMap::new(),
            tag_counts,
        })
    }

    fn place_of(&self, note: &Note) -> Result<Option<Place>> {
        match &note.table_id {
            None => Ok(Some(Place::NoTable)),
            Some(id) => match self.table_index.get(id) {
                Some(&i) => Ok(Some(Place::Table(i))),
                None if self.deleted_tables.contains(id) => Ok(None),
                None => Err(Error::Invalid(format!(
                    "note {} refers to a table of another session",
                    note.number
                ))),
            },
        }
    }

    fn item_of(&self, note: &Note) -> Result<usize> {
        self.item_index.get(&note.item_id).copied().ok_or_else(|| {
            Error::Invalid(format!(
                "note {} refers to an item of another session",
                note.number
            ))
        })
    }

    fn dimension_name<'d>(&'d self, key: &'d str) -> &'d str {
        self.dimensions
            .iter()
            .find(|d| d.key == key)
            .map_or(key, |d| d.name.as_str())
    }

    /// "Actiepunt 3 — FAIR Woo dossiers", "Beleidsvraag 2 — Monitoren open
    /// overheid (Open Informatie)", as Markdown.
    fn item_title(&self, item: &Item) -> String {
        let mut t = format!(
            "{} — {}",
            inline(&item.label(self.lang)),
            inline(&item.title)
        );
        if item.kind == ItemKind::PolicyQuestion
            && let Some(dim) = &item.dimension
        {
            t.push_str(&format!(" ({})", inline(self.dimension_name(dim))));
        }
        t
    }

    fn table_title(&self, i: usize) -> String {
        format!(
            "{} {} — {}",
            self.s.table,
            i + 1,
            inline(&self.tables[i].name)
        )
    }

    fn place_name(&self, place: Place) -> String {
        match place {
            Place::Table(i) => inline(&self.tables[i].name),
            Place::NoTable => self.s.without_table.to_string(),
        }
    }

    /// Who said it: the stakeholder group, and unless anonymised the
    /// participant's name and organisation.
    fn who(&self, note: &Note) -> Option<String> {
        let p = note
            .content
            .participant_id
            .as_ref()
            .and_then(|id| self.participants.get(id));
        let group = note
            .content
            .group
            .or(p.map(|p| p.group))
            .map(|g| inline(g.label(self.lang)));
        if !self.anonymize
            && let Some(p) = p
        {
            let parts: Vec<String> = [&p.name, &p.organisation]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .map(|s| inline(s))
                .collect();
            if !parts.is_empty() {
                return Some(match group {
                    Some(g) => format!("{} ({g})", parts.join(", ")),
                    None => parts.join(", "),
                });
            }
        }
        group
    }

    /// The metadata line of a note: who, dimensions, votes, owner and due date.
    fn note_meta(&self, note: &Note) -> Vec<String> {
        let mut meta = Vec::new();
        meta.extend(self.who(note));
        if !note.content.tags.is_empty() {
            // In agenda order; tags that are no dimension last, as stored.
            let mut tags: Vec<&String> = note.content.tags.iter().collect();
            tags.sort_by_key(|t| {
                self.dimensions
                    .iter()
                    .position(|d| &d.key == *t)
                    .unwrap_or(usize::MAX)
            });
            let names: Vec<String> = tags
                .into_iter()
                .map(|t| inline(self.dimension_name(t)))
                .collect();
            meta.push(format!("{}: {}", self.s.dimensions, names.join(", ")));
        }
        if note.votes_for > 0 || note.votes_against > 0 {
            meta.push(format!("+{} / −{}", note.votes_for, note.votes_against));
        }
        meta.extend(self.action_meta(note));
        meta
    }

    fn action_meta(&self, note: &Note) -> Vec<String> {
        let mut meta = Vec::new();
        if !note.content.owner.trim().is_empty() {
            meta.push(format!("{}: {}", self.s.owner, inline(&note.content.owner)));
        }
        if let Some(due) = note.content.due {
            meta.push(format!("{} {}", self.s.due, long_date(due, self.lang)));
        }
        meta
    }

    fn count(&self, place: Place, item: usize) -> u64 {
        NoteKind::ALL
            .iter()
            .map(|k| self.counts.get(&(place, item, *k)).copied().unwrap_or(0))
            .sum()
    }

    fn places(&self) -> impl Iterator<Item = Place> + '_ {
        (0..self.tables.len())
            .map(Place::Table)
            .chain(std::iter::once(Place::NoTable))
    }
}

/// Writes a list item: the text (keeping its line breaks) and, on a line of
/// its own, the metadata.
fn list_item(out: &mut Out<'_>, text: &str, meta: &[String]) -> Result<()> {
    let body = block(text, "  ");
    let meta = meta.join(" · ");
    match (body.is_empty(), meta.is_empty()) {
        (false, true) => out.line(&format!("- {body}")),
        (false, false) => out.line(&format!("- {body}\\\n  — {meta}")),
        (true, _) => out.line(&format!("- — {meta}")),
    }
}

/// A GFM table; every cell must already be escaped (see `escape::inline`).
fn table(
    out: &mut Out<'_>,
    header: &[String],
    numeric_from: usize,
    rows: &[Vec<String>],
) -> Result<()> {
    out.line(&format!("| {} |", header.join(" | ")))?;
    let align: Vec<&str> = (0..header.len())
        .map(|i| if i >= numeric_from { "---:" } else { "---" })
        .collect();
    out.line(&format!("| {} |", align.join(" | ")))?;
    for row in rows {
        out.line(&format!("| {} |", row.join(" | ")))?;
    }
    out.blank()
}

pub(super) fn write(
    store: &Store,
    session: &Session,
    lang: Lang,
    anonymize: bool,
    out: &mut Out<'_>,
) -> Result<()> {
    store.with_temp_files(|| {
        let mut cx = Context::load(store, session, lang, anonymize)?;
        header(&cx, out)?;
        let pass = notes(&cx)?;
        cx.counts = pass.counts;
        cx.tag_counts = pass.tag_counts;
        summary(&cx, out, pass.agreements, pass.actions)?;
        pass.notes.copy_into(out)?;
        ratings(&cx, out)?;
        coverage(&cx, out)?;
        no_input(&cx, out)
    })
}

fn header(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    let (s, session) = (cx.s, cx.session);
    out.line(&format!("# {}", inline(&session.title)))?;
    out.blank()?;
    out.line(&format!(
        "- **{}:** {}",
        s.date,
        long_date(session.date, cx.lang)
    ))?;
    for (label, value) in [
        (s.location, &session.location),
        (s.facilitator, &session.facilitator),
    ] {
        if !value.trim().is_empty() {
            out.line(&format!("- **{label}:** {}", inline(value)))?;
        }
    }
    out.line(&format!(
        "- **{}:** {} ({} {})",
        s.agenda,
        inline(&session.agenda_name),
        s.version,
        inline(&session.agenda_version)
    ))?;
    if cx.tables.is_empty() {
        out.line(&format!("- **{}:** {}", s.tables, s.no_tables))?;
    } else {
        out.line(&format!("- **{}:** {}", s.tables, cx.tables.len()))?;
        for t in &cx.tables {
            if t.host.trim().is_empty() {
                out.line(&format!("  - {}", inline(&t.name)))?;
            } else {
                out.line(&format!(
                    "  - {} ({}: {})",
                    inline(&t.name),
                    s.host,
                    inline(&t.host)
                ))?;
            }
        }
    }
    if cx.anonymize {
        out.line(&format!("- **{}:** {}", s.anonymized, s.anonymized_note))?;
    }
    let people = &cx.participant_list;
    if people.is_empty() {
        out.line(&format!("- **{}:** {}", s.participants, s.no_participants))?;
    } else {
        out.line(&format!("- **{}:** {}", s.participants, people.len()))?;
        for g in crate::domain::StakeholderGroup::ALL {
            let n = people.iter().filter(|p| p.group == *g).count();
            if n > 0 {
                out.line(&format!("  - {}: {n}", inline(g.label(cx.lang))))?;
            }
        }
    }
    out.blank()
}

/// The summary: notes per table from the counts, then the agreements and
/// the actions spooled by [`notes`].
fn summary(cx: &Context<'_>, out: &mut Out<'_>, agreements: Spool, actions: Spool) -> Result<()> {
    let s = cx.s;
    out.line(&format!("## {}", s.summary))?;
    out.blank()?;

    out.line(&format!("### {}", s.notes_per_table))?;
    out.blank()?;
    let mut header = vec![s.table.to_string()];
    header.extend(
        NoteKind::ALL
            .iter()
            .map(|k| kind_heading(*k, cx.lang).to_string()),
    );
    header.push(s.total.to_string());
    let mut rows = Vec::new();
    let mut totals = vec![0u64; NoteKind::ALL.len()];
    for place in cx.places() {
        let per_kind: Vec<u64> = NoteKind::ALL
            .iter()
            .map(|k| {
                (0..cx.items.len())
                    .map(|i| cx.counts.get(&(place, i, *k)).copied().unwrap_or(0))
                    .sum()
            })
            .collect();
        if place == Place::NoTable && per_kind.iter().all(|n| *n == 0) {
            continue;
        }
        let mut row = vec![cx.place_name(place)];
        for (t, n) in totals.iter_mut().zip(&per_kind) {
            *t += n;
            row.push(n.to_string());
        }
        row.push(per_kind.iter().sum::<u64>().to_string());
        rows.push(row);
    }
    let mut row = vec![format!("**{}**", s.total)];
    row.extend(totals.iter().map(|n| format!("**{n}**")));
    row.push(format!("**{}**", totals.iter().sum::<u64>()));
    rows.push(row);
    table(out, &header, 1, &rows)?;

    for (spool, title, none) in [
        (agreements, s.agreements, s.no_agreements),
        (actions, s.actions, s.no_actions),
    ] {
        out.line(&format!("### {title}"))?;
        out.blank()?;
        if spool.is_empty() {
            out.line(&format!("*{none}*"))?;
        }
        spool.copy_into(out)?;
        out.blank()?;
    }
    Ok(())
}

/// Agreements and actions as the summary lists them: per kind, in the order
/// of the notes section (place, item, then number), each with its place and
/// item. Written while the notes stream by.
struct SummaryWriter {
    agreements: Spool,
    actions: Spool,
    /// The place and item of the last note listed, and their caption.
    context: Option<(Place, usize, String)>,
}

impl SummaryWriter {
    fn note(&mut self, cx: &Context<'_>, place: Place, item: usize, note: &Note) -> Result<()> {
        let spool = match note.content.kind {
            NoteKind::Agreement => &mut self.agreements,
            NoteKind::Action => &mut self.actions,
            _ => return Ok(()),
        };
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
        list_item(&mut spool.out(), &note.content.text, &meta)
    }
}

/// Writes the notes per table → item → kind while they stream from the
/// store; items at a table that have no notes get their heading and "no
/// notes", in the same item order.
struct NotesWriter<'c, 'o, 'w> {
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
}

impl NotesWriter<'_, '_, '_> {
    fn note(&mut self, place: Place, item: usize, note: &Note) -> Result<()> {
        if self.place != Some(place) {
            self.open_place(place)?;
        }
        if self.item != Some(item) {
            self.items_before(Some(item))?;
            self.item_heading(item)?;
        }
        if self.kind != Some(note.content.kind) {
            if self.kind.is_some() {
                self.out.blank()?;
            }
            self.out.line(&format!(
                "#### {}",
                kind_heading(note.content.kind, self.cx.lang)
            ))?;
            self.out.blank()?;
            self.kind = Some(note.content.kind);
        }
        list_item(self.out, &note.content.text, &self.cx.note_meta(note))
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
        let host = &cx.tables[i].host;
        if !host.trim().is_empty() {
            self.out
                .line(&format!("{}: {}", cx.s.host_label, inline(host)))?;
            self.out.blank()?;
        }
        self.place = Some(Place::Table(i));
        self.next_table = i + 1;
        self.cursor = 0;
        Ok(())
    }

    /// Ends the open section: the open table's remaining items get "no notes".
    fn close_place(&mut self) -> Result<()> {
        self.items_before(None)?;
        if let Some(Place::Table(i)) = self.place
            && self.item.is_none()
            && self.cx.table_items[i].is_empty()
        {
            self.no_notes()?;
        }
        self.place = None;
        self.item = None;
        self.kind = None;
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
        self.out
            .line(&format!("### {}", self.cx.item_title(&self.cx.items[item])))?;
        self.out.blank()?;
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

    fn finish(&mut self) -> Result<()> {
        self.close_place()?;
        while self.next_table < self.cx.tables.len() {
            self.open_table(self.next_table)?;
            self.close_place()?;
        }
        Ok(())
    }
}

/// What the one pass over the notes gives.
struct NotesPass {
    /// The notes section.
    notes: Spool,
    agreements: Spool,
    actions: Spool,
    counts: BTreeMap<(Place, usize, NoteKind), u64>,
    tag_counts: Vec<Vec<u64>>,
}

/// Reads every exported note once: writes the notes section and the
/// summary's agreements and actions into spools, and counts notes per
/// place, item and kind, and per item the notes carrying each dimension's
/// key (as a whole word of the stored, space-separated tags).
fn notes(cx: &Context<'_>) -> Result<NotesPass> {
    let mut section = Spool::new();
    let mut summary = SummaryWriter {
        agreements: Spool::new(),
        actions: Spool::new(),
        context: None,
    };
    let mut counts = BTreeMap::new();
    let mut tag_counts = cx.tag_counts.clone();
    let needles: Vec<String> = cx
        .dimensions
        .iter()
        .map(|d| format!(" {} ", d.key))
        .collect();
    let mut out = section.out();
    let mut w = NotesWriter {
        cx,
        out: &mut out,
        place: None,
        next_table: 0,
        cursor: 0,
        item: None,
        kind: None,
    };
    cx.store.for_each_note(&cx.session.id, |note| {
        let Some(place) = cx.place_of(&note)? else {
            return Ok(()); // at a deleted table
        };
        let item = cx.item_of(&note)?;
        *counts.entry((place, item, note.content.kind)).or_insert(0) += 1;
        if !needles.is_empty() {
            let tags = format!(" {} ", note.content.tags.join(" "));
            for (n, needle) in tag_counts[item].iter_mut().zip(&needles) {
                *n += u64::from(tags.contains(needle.as_str()));
            }
        }
        summary.note(cx, place, item, &note)?;
        w.note(place, item, &note)
    })?;
    w.finish()?;
    Ok(NotesPass {
        notes: section,
        agreements: summary.agreements,
        actions: summary.actions,
        counts,
        tag_counts,
    })
}

fn ratings(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    out.line(&format!("## {}", cx.s.ratings))?;
    out.blank()?;
    let ratings = cx.store.ratings(&cx.session.id)?;
    let mut any = false;
    for r in &ratings {
        let Some(&i) = cx.item_index.get(&r.item_id) else {
            continue;
        };
        any = true;
        let head = format!(
            "- {}: **{}**",
            cx.item_title(&cx.items[i]),
            inline(r.level.label(cx.lang))
        );
        let comment = block(&r.comment, "  ");
        if r.comment.trim().is_empty() {
            out.line(&head)?;
        } else {
            out.line(&format!("{head}\\\n  {comment}"))?;
        }
    }
    if !any {
        out.line(&format!("*{}*", cx.s.no_ratings))?;
    }
    out.blank()
}

fn coverage(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    out.line(&format!("## {}", cx.s.coverage))?;
    out.blank()?;
    if cx.dimensions.is_empty() {
        out.line(&format!("*{}*", cx.s.no_dimensions))?;
        return out.blank();
    }
    out.line(cx.s.coverage_intro)?;
    out.blank()?;
    let keys = cx.dimensions.len();
    let mut header = vec![cx.s.item.to_string()];
    header.extend(cx.dimensions.iter().map(|d| inline(&d.name)));
    let mut totals = vec![0u64; keys];
    let mut rows: Vec<Vec<String>> = cx
        .items
        .iter()
        .zip(&cx.tag_counts)
        .map(|(item, c)| {
            totals.iter_mut().zip(c).for_each(|(t, n)| *t += n);
            std::iter::once(cx.item_title(item))
                .chain(c.iter().map(u64::to_string))
                .collect()
        })
        .collect();
    rows.push(
        std::iter::once(format!("**{}**", cx.s.total))
            .chain(totals.iter().map(|n| format!("**{n}**")))
            .collect(),
    );
    table(out, &header, 1, &rows)
}

fn no_input(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    out.line(&format!("## {}", cx.s.no_input))?;
    out.blank()?;
    let mut any = false;
    for (i, item) in cx.items.iter().enumerate() {
        if cx.places().all(|p| cx.count(p, i) == 0) {
            any = true;
            out.line(&format!("- {}", cx.item_title(item)))?;
        }
    }
    if any {
        Ok(())
    } else {
        out.line(&format!("*{}*", cx.s.all_had_input))
    }
}
