//! The Markdown minutes of a session.
//!
//! Every piece of user text goes through [`super::escape`]; the only
//! unescaped text written is this module's own markup and the fixed strings
//! of [`super::strings`]. The notes are read once, one at a time, in the
//! notes section's order (`pass.rs`): that pass writes the notes section
//! into a spool ([`super::spool`]) and gathers what the summary and the
//! coverage table need (counts, voices, tag counts, the lists of agreements
//! and actions); then the sections are written in their order, the spooled
//! notes section in its place. So memory does not grow with the number of
//! notes. Nothing depends on the clock or on hash order: the same database
//! gives the same bytes. No ids or timestamps are shown.

use super::Out;
use super::anonymize::{Anonymizer, Owner, attribution, may_name};
use super::escape::{HARD_BREAK, block, inline};
use super::strings::{Strings, long_date, strings};
use crate::domain::{
    Dimension, Item, ItemKind, Lang, Note, NoteKind, Participant, Rating, Session, Table,
};
use crate::error::{Error, Result};
use crate::store::Store;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The summary's lists of agreements and actions, in the summary's order.
mod lists;
/// The sections of the MSF's memory: carried actions, status changes,
/// reasoned responses.
mod memory;
/// The notes per table, item and kind.
mod notes;
/// The one pass over the notes.
mod pass;
/// The summary: notes per table, the balance of voices, the lists.
mod summary;

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
    /// Set when names are left out: all of them (`--anonymize`), or those
    /// of the participants who chose to be named by their group only.
    anon: Option<Anonymizer>,
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
    /// (place, item index, kind) → number of notes; filled by the pass
    /// over the notes (`pass.rs`).
    counts: BTreeMap<(Place, usize, NoteKind), u64>,
    /// The ratings, in the store's (item) order.
    ratings: Vec<Rating>,
    /// Item index → its rating in `ratings`.
    rating_of: HashMap<usize, usize>,
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
        let ratings = store.ratings(&session.id)?;
        let rating_of = ratings
            .iter()
            .enumerate()
            .filter_map(|(r, rating)| Some((*item_index.get(&rating.item_id)?, r)))
            .collect();
        let anon = Anonymizer::for_export(store, session, lang, anonymize)?;
        Ok(Context {
            store,
            session,
            lang,
            s: strings(lang),
            anon,
            items,
            item_index,
            tables,
            table_index,
            table_items,
            deleted_tables: store.deleted_table_ids(&session.id)?.into_iter().collect(),
            dimensions: store.dimensions(&session.id)?,
            participants,
            participant_list,
            counts: BTreeMap::new(),
            ratings,
            rating_of,
        })
    }

    /// Every name is left out (`--anonymize`).
    fn anonymize(&self) -> bool {
        self.anon.as_ref().is_some_and(Anonymizer::is_full)
    }

    /// A person's name typed into a field of its own (facilitator, host):
    /// nothing when anonymising, else without the names left out.
    fn person<'t>(&self, name: &'t str) -> Cow<'t, str> {
        if self.anonymize() {
            Cow::Borrowed("")
        } else {
            self.user(name)
        }
    }

    /// Text someone typed, without known names when anonymising.
    fn user<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match &self.anon {
            Some(a) => a.text(text),
            None => Cow::Borrowed(text),
        }
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
            inline(&self.user(&self.tables[i].name))
        )
    }

    fn place_name(&self, place: Place) -> String {
        match place {
            Place::Table(i) => inline(&self.user(&self.tables[i].name)),
            Place::NoTable => self.s.without_table.to_string(),
        }
    }

    /// Who said it: the stakeholder group, and unless anonymised the
    /// participant's name and organisation if they chose to be named.
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
        attribution(p.filter(|p| may_name(p, self.anonymize())), group, inline)
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
        if let Some(origin) = &note.origin {
            // Another laptop: its name (a hand-out's table, a file's name)
            // and the note's number there.
            meta.push(format!(
                "{} {}",
                self.s.taken_on,
                inline(&self.user(&origin.cite()))
            ));
        }
        meta
    }

    /// Owner and due date; for an action also what it still lacks of them.
    fn action_meta(&self, note: &Note) -> Vec<String> {
        let s = self.s;
        let mut meta = Vec::new();
        let owner = &note.content.owner;
        let action = note.content.kind == NoteKind::Action;
        match self.anon.as_ref().map(|a| a.owner(owner)) {
            None | Some(Owner::AsTyped) if !owner.trim().is_empty() => {
                meta.push(format!("{}: {}", s.owner, inline(&self.user(owner))));
            }
            Some(Owner::Group(g)) => {
                meta.push(format!("{}: {}", s.owner, inline(g.label(self.lang))));
            }
            Some(Owner::Withheld) => meta.push(s.owner_withheld.to_string()),
            _ if action => meta.push(s.no_owner_yet.to_string()),
            _ => {}
        }
        match note.content.due {
            Some(due) => meta.push(format!("{} {}", s.due, long_date(due, self.lang))),
            None if action => meta.push(s.no_due_yet.to_string()),
            None => {}
        }
        meta
    }

    /// Under an item's heading: its status in the action plan (with the
    /// plan's remark) and its IRM rating with the comment, as one Markdown
    /// paragraph; `None` when it has neither.
    fn item_status(&self, item: usize) -> Option<String> {
        let (s, it) = (self.s, &self.items[item]);
        let mut lines = Vec::new();
        if !it.statuses.is_empty() {
            let labels: Vec<&str> = it.statuses.iter().map(|st| st.label(self.lang)).collect();
            let mut line = format!("**{}:** {}", s.status, inline(&labels.join(", ")));
            if !it.remark.trim().is_empty() {
                line.push_str(&format!(" — {}", inline(&it.remark)));
            }
            lines.push(line);
        }
        if let Some(&r) = self.rating_of.get(&item) {
            let r = &self.ratings[r];
            lines.push(format!(
                "**{}:** {}",
                s.rating,
                inline(r.level.label(self.lang))
            ));
            let comment = block(&self.user(&r.comment), "");
            if !comment.is_empty() {
                lines.push(comment);
            }
        }
        if let Some(trail) = self.rating_trail(it) {
            lines.push(trail);
        }
        (!lines.is_empty()).then(|| lines.join(HARD_BREAK))
    }

    /// An action point's IRM ratings over the meetings up to this one, when
    /// there was more than one: "beperkt (2025-11) → substantieel (2026-03)".
    fn rating_trail(&self, it: &Item) -> Option<String> {
        let item = crate::domain::memory::ItemRef {
            kind: it.kind,
            number: it.number,
        };
        let trail = self
            .store
            .rating_trail(&self.session.agenda_name, item, self.session.date)
            .ok()?;
        if trail.len() < 2 {
            return None;
        }
        let steps: Vec<String> = trail
            .iter()
            .map(|(s, level)| format!("{} ({})", level.label(self.lang), s.date.format("%Y-%m")))
            .collect();
        Some(format!(
            "**{}:** {}",
            self.s.rating_trail,
            inline(&steps.join(" → "))
        ))
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
    let mut line =
        String::with_capacity(body.len() + 16 + meta.iter().map(|m| m.len() + 4).sum::<usize>());
    line.push_str("- ");
    if !body.is_empty() {
        line.push_str(&body);
        if meta.is_empty() {
            return out.line(&line);
        }
        line.push_str(HARD_BREAK);
        line.push_str("  ");
    }
    line.push_str("— ");
    for (i, m) in meta.iter().enumerate() {
        if i > 0 {
            line.push_str(" · ");
        }
        line.push_str(m);
    }
    out.line(&line)
}

/// A GFM table; every cell must already be escaped (see `escape::inline`).
/// Also the dossier's and the annual report's.
pub(super) fn table(
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
        let pass = pass::read(&cx)?;
        cx.counts = pass.counts;
        header(&cx, out)?;
        programme(&cx, out)?;
        summary::summary(
            &cx,
            out,
            &pass.voices,
            [pass.agreements, pass.actions, pass.incomplete],
        )?;
        memory::carried(&cx, out)?;
        memory::status_changes(&cx, out)?;
        pass.notes.copy_into(out)?;
        ratings(&cx, out)?;
        memory::responses(&cx, out)?;
        coverage(&cx, out, &pass.tags)?;
        no_input(&cx, out)
    })
}

/// The programme: each block's planned start and minutes beside when it
/// actually started and how long it took. Left out without a programme.
fn programme(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    let blocks = cx.store.programme(&cx.session.id)?;
    if blocks.is_empty() {
        return Ok(());
    }
    let s = cx.s;
    out.line(&format!("## {}", s.programme))?;
    out.blank()?;
    let local = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&chrono::Local);
    let rows: Vec<Vec<String>> = blocks
        .iter()
        .map(|b| {
            let kind = match crate::domain::programme::round_of(&blocks, &b.id) {
                Some(n) => format!("{} {n}", s.round),
                None => b.plan.kind.label(cx.lang).to_string(),
            };
            let started = b
                .started_at
                .map(|t| local(t).format("%H:%M").to_string())
                .unwrap_or_default();
            let took = match (b.started_at, b.ended_at) {
                (Some(a), Some(e)) => (e - a).num_minutes().to_string(),
                _ => String::new(),
            };
            vec![
                b.plan.start.format("%H:%M").to_string(),
                inline(&cx.user(&b.plan.title)),
                kind,
                b.plan.minutes.to_string(),
                started,
                took,
            ]
        })
        .collect();
    let header = [
        s.col_planned,
        s.col_block,
        s.col_kind,
        s.col_minutes,
        s.col_started,
        s.col_took,
    ]
    .map(str::to_string);
    table(out, &header, 3, &rows)
}

fn header(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    let (s, session) = (cx.s, cx.session);
    out.line(&format!("# {}", inline(&cx.user(&session.title))))?;
    out.blank()?;
    out.line(&format!(
        "- **{}:** {}",
        s.date,
        long_date(session.date, cx.lang)
    ))?;
    for (label, value) in [
        (s.location, cx.user(&session.location)),
        (s.facilitator, cx.person(&session.facilitator)),
    ] {
        if !value.trim().is_empty() {
            out.line(&format!("- **{label}:** {}", inline(&value)))?;
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
            let name = inline(&cx.user(&t.name));
            let host = cx.person(&t.host);
            if host.trim().is_empty() {
                out.line(&format!("  - {name}"))?;
            } else {
                out.line(&format!("  - {name} ({}: {})", s.host, inline(&host)))?;
            }
        }
    }
    if cx.anonymize() {
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

fn ratings(cx: &Context<'_>, out: &mut Out<'_>) -> Result<()> {
    out.line(&format!("## {}", cx.s.ratings))?;
    out.blank()?;
    let mut any = false;
    for r in &cx.ratings {
        let Some(&i) = cx.item_index.get(&r.item_id) else {
            continue;
        };
        any = true;
        let head = format!(
            "- {}: **{}**",
            cx.item_title(&cx.items[i]),
            inline(r.level.label(cx.lang))
        );
        let comment = block(&cx.user(&r.comment), "  ");
        if r.comment.trim().is_empty() {
            out.line(&head)?;
        } else {
            out.line(&format!("{head}{HARD_BREAK}  {comment}"))?;
        }
    }
    if !any {
        out.line(&format!("*{}*", cx.s.no_ratings))?;
    }
    out.blank()
}

/// The coverage table; `tags` from the pass over the notes.
fn coverage(cx: &Context<'_>, out: &mut Out<'_>, tags: &[Vec<u64>]) -> Result<()> {
    out.line(&format!("## {}", cx.s.coverage))?;
    out.blank()?;
    if cx.dimensions.is_empty() {
        out.line(&format!("*{}*", cx.s.no_dimensions))?;
        return out.blank();
    }
    out.line(cx.s.coverage_intro)?;
    out.blank()?;
    let mut header = vec![cx.s.item.to_string()];
    header.extend(cx.dimensions.iter().map(|d| inline(&d.name)));
    let mut totals = vec![0u64; cx.dimensions.len()];
    let mut rows: Vec<Vec<String>> = cx
        .items
        .iter()
        .zip(tags)
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
