//! The HTML minutes: one self-contained page — no scripts, no external
//! resources (the style sheet and the charts are inline), print-ready on
//! A4 with a page break before each table. The same content as the
//! Markdown minutes, with charts of the balance of voices, the dimension
//! coverage and the IRM ratings (`charts.rs`).
//!
//! The page is built with maud, which escapes every spliced value: user
//! text can only ever be text, in an element or in a quoted attribute. The
//! only unescaped strings are this module's constant style sheet and
//! markup. Control characters are shown as their pictures, as in the
//! Markdown (`escape::visible_*`). `--anonymize` leaves out exactly what it
//! leaves out of the Markdown (`anonymize.rs`). Nothing depends on the
//! clock or on hash order: the same database gives the same bytes. Notes
//! stream from the store one (table, item, kind) at a time.

use super::Out;
use super::anonymize::{Anonymizer, Owner, attribution, may_name};
use super::charts;
use super::escape::{visible_block, visible_inline};
use super::strings::{Strings, kind_heading, long_date, strings};
use crate::domain::{Item, ItemKind, Lang, Note, NoteKind, Session, StakeholderGroup};
use crate::error::Result;
use crate::store::{Overview, Store, TableOverview};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The page's style: screen and print (A4), no external resources.
const STYLE: &str = r#"
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
:root { color: #111; background: #fff; }
body { font-family: "Segoe UI", Calibri, Arial, "Helvetica Neue", sans-serif; line-height: 1.45;
  max-width: 62rem; margin: 2rem auto; padding: 0 1.2rem; }
h1 { font-size: 1.9rem; margin: 0 0 .6rem; color: #1f4e79; }
h2 { font-size: 1.4rem; color: #1f4e79; border-bottom: 2px solid #1f4e79; padding-bottom: .15rem; margin-top: 2.2rem; }
h3 { font-size: 1.15rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; color: #333; }
h5 { font-size: .95rem; margin: .8rem 0 .3rem; color: #333; }
ul.meta { list-style: none; padding: 0; }
ul.meta ul { list-style: none; padding-left: 1.2rem; }
ul.notes { padding-left: 1.2rem; }
ul.notes li { margin-bottom: .45rem; }
.who { color: #444; font-size: .9rem; }
.none { color: #555; font-style: italic; }
.status { background: #f3f6f9; border-left: 3px solid #1f4e79; padding: .3rem .6rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #b8b8b8; padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; }
figure { margin: 1rem 0 1.4rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  section.table { break-before: page; page-break-before: always; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  li, tr, .status { break-inside: avoid; page-break-inside: avoid; }
}
"#;

/// What the page is made from: the overview's aggregates, and how to show
/// user text.
struct Page<'a> {
    store: &'a Store,
    session: &'a Session,
    lang: Lang,
    s: &'static Strings,
    anon: Option<Anonymizer>,
    /// Every name is left out (`--anonymize`), not only some.
    anonymize: bool,
    o: Overview,
    /// (table slot, item, kind) → notes.
    counts: BTreeMap<(usize, usize, NoteKind), u64>,
    /// With several table rounds: (table slot, round, item, kind) → notes.
    rounds: Option<RoundCounts>,
}

/// (table slot, round, item, kind) → notes.
type RoundCounts = BTreeMap<(usize, Option<u32>, usize, NoteKind), u64>;

impl Page<'_> {
    /// Text someone typed, without known names when anonymising.
    fn user<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match &self.anon {
            Some(a) => a.text(text),
            None => Cow::Borrowed(text),
        }
    }

    /// One line of user text as a reader sees it.
    fn line(&self, text: &str) -> String {
        visible_inline(&self.user(text))
    }

    /// "Actiepunt 3 — FAIR Woo dossiers (Open Informatie)".
    fn item_title(&self, item: &Item) -> String {
        let mut t = format!(
            "{} — {}",
            item.label(self.lang),
            visible_inline(&item.title)
        );
        if item.kind == ItemKind::PolicyQuestion
            && let Some(dim) = &item.dimension
        {
            let name = self
                .o
                .dimensions
                .iter()
                .find(|d| &d.key == dim)
                .map_or(dim.as_str(), |d| d.name.as_str());
            t.push_str(&format!(" ({})", visible_inline(name)));
        }
        t
    }

    fn place_name(&self, t: &TableOverview) -> String {
        match &t.table {
            Some(table) => self.line(&table.name),
            None => self.s.without_table.to_string(),
        }
    }

    fn group_labels(&self) -> Vec<String> {
        StakeholderGroup::ALL
            .iter()
            .map(|g| g.label(self.lang).to_string())
            .chain([self.s.no_group.to_string()])
            .collect()
    }

    /// Who said it: the group, and unless anonymised the participant's
    /// name and organisation.
    fn who(&self, note: &Note) -> Option<String> {
        let p = note
            .content
            .participant_id
            .as_deref()
            .and_then(|id| self.o.participant(id));
        let group = note
            .content
            .group
            .or(p.map(|p| p.group))
            .map(|g| g.label(self.lang).to_string());
        // Only a participant who agreed to be named is named.
        attribution(
            p.filter(|p| may_name(p, self.anonymize)),
            group,
            visible_inline,
        )
    }

    /// Owner and due date; for an action also what it still lacks.
    fn action_meta(&self, note: &Note) -> Vec<String> {
        let s = self.s;
        let mut meta = Vec::new();
        let owner = &note.content.owner;
        let action = note.content.kind == NoteKind::Action;
        match self.anon.as_ref().map(|a| a.owner(owner)) {
            None if !owner.trim().is_empty() => {
                meta.push(format!("{}: {}", s.owner, visible_inline(owner)));
            }
            Some(Owner::Group(g)) => meta.push(format!("{}: {}", s.owner, g.label(self.lang))),
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

    /// Who, dimensions, votes, owner and due date.
    fn note_meta(&self, note: &Note) -> Vec<String> {
        let mut meta: Vec<String> = self.who(note).into_iter().collect();
        if !note.content.tags.is_empty() {
            let dims = &self.o.dimensions;
            let mut tags: Vec<&String> = note.content.tags.iter().collect();
            tags.sort_by_key(|t| dims.iter().position(|d| &d.key == *t).unwrap_or(usize::MAX));
            let names: Vec<String> = tags
                .into_iter()
                .map(|t| {
                    let name = dims.iter().find(|d| &d.key == t).map_or(t, |d| &d.name);
                    visible_inline(name)
                })
                .collect();
            meta.push(format!("{}: {}", self.s.dimensions, names.join(", ")));
        }
        if note.votes_for > 0 || note.votes_against > 0 {
            meta.push(format!("+{} / −{}", note.votes_for, note.votes_against));
        }
        meta.extend(self.action_meta(note));
        meta
    }

    /// A note as a list item: its text (line breaks kept), then the rest.
    fn note(&self, text: &str, meta: &[String]) -> Markup {
        let shown = visible_block(&self.user(text));
        html! {
            li {
                @for (i, line) in shown.split('\n').enumerate() {
                    @if i > 0 { br; }
                    (line)
                }
                @if !meta.is_empty() {
                    br;
                    span.who { "— " (meta.join(" · ")) }
                }
            }
        }
    }
}

pub(super) fn write(
    store: &Store,
    session: &Session,
    lang: Lang,
    anonymize: bool,
    out: &mut Out<'_>,
) -> Result<()> {
    let o = store.overview(&session.id)?;
    // (table slot, item index) of a count.
    let place = |c: &crate::store::ExportCount| {
        let slot = match &c.table_id {
            None => o.tables.iter().position(|t| t.table.is_none()),
            Some(id) => o
                .tables
                .iter()
                .position(|t| t.table.as_ref().is_some_and(|t| &t.id == id)),
        };
        let item = o.items.iter().position(|i| i.id == c.item_id);
        slot.zip(item)
    };
    let mut counts = BTreeMap::new();
    for c in store.export_counts(&session.id)? {
        if let Some((slot, item)) = place(&c) {
            *counts.entry((slot, item, c.kind)).or_insert(0) += c.count;
        }
    }
    // With more than one table round, each table's notes are split by
    // round, as in the Markdown minutes.
    let rounds = if store.notes_in_several_rounds(&session.id)? {
        let mut rounds = BTreeMap::new();
        for (c, round) in store.export_round_counts(&session.id)? {
            if let Some((slot, item)) = place(&c) {
                *rounds.entry((slot, round, item, c.kind)).or_insert(0) += c.count;
            }
        }
        Some(rounds)
    } else {
        None
    };
    let page = Page {
        store,
        session,
        lang,
        s: strings(lang),
        anon: Anonymizer::for_export(store, session, lang, anonymize)?,
        anonymize,
        o,
        counts,
        rounds,
    };
    let title = page.line(&session.title);
    out.text(&html! { (DOCTYPE) }.into_string())?;
    out.text(&format!("\n<html lang=\"{}\">\n", lang.key()))?;
    let head = html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) }
            style { (PreEscaped(STYLE)) }
        }
    };
    out.text(&head.into_string())?;
    out.text("\n<body>\n")?;
    out.text(&header(&page, &title).into_string())?;
    out.text(&summary(&page).into_string())?;
    for t in 0..page.o.tables.len() {
        table_section(&page, t, out)?;
    }
    out.text(&ratings(&page).into_string())?;
    out.text(&coverage(&page).into_string())?;
    out.text(&no_input(&page).into_string())?;
    out.line("\n</body>\n</html>")
}

fn header(p: &Page<'_>, title: &str) -> Markup {
    let (s, session) = (p.s, p.session);
    let people = &p.o.participants;
    let tables: Vec<&crate::domain::Table> =
        p.o.tables.iter().filter_map(|t| t.table.as_ref()).collect();
    let location = p.line(&session.location);
    html! {
        header {
            h1 { (title) }
            ul.meta {
                li { strong { (s.date) ":" } " " (long_date(session.date, p.lang)) }
                @if !location.trim().is_empty() {
                    li { strong { (s.location) ":" } " " (location) }
                }
                @if !p.anonymize && !session.facilitator.trim().is_empty() {
                    li { strong { (s.facilitator) ":" } " " (visible_inline(&session.facilitator)) }
                }
                li {
                    strong { (s.agenda) ":" } " " (visible_inline(&session.agenda_name))
                    " (" (s.version) " " (visible_inline(&session.agenda_version)) ")"
                }
                li {
                    strong { (s.tables) ":" } " "
                    @if tables.is_empty() { (s.no_tables) } @else { (tables.len()) }
                    @if !tables.is_empty() {
                        ul {
                            @for t in &tables {
                                li {
                                    (p.line(&t.name))
                                    @if !p.anonymize && !t.host.trim().is_empty() {
                                        " (" (s.host) ": " (visible_inline(&t.host)) ")"
                                    }
                                }
                            }
                        }
                    }
                }
                @if p.anonymize {
                    li { strong { (s.anonymized) ":" } " " (s.anonymized_note) }
                }
                li {
                    strong { (s.participants) ":" } " "
                    @if people.is_empty() { (s.no_participants) } @else { (people.len()) }
                    @if !people.is_empty() {
                        ul {
                            @for (g, n) in StakeholderGroup::ALL.iter().zip(&p.o.present) {
                                @if *n > 0 { li { (g.label(p.lang)) ": " (n) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn summary(p: &Page<'_>) -> Markup {
    let s = p.s;
    let o = &p.o;
    let labels = p.group_labels();
    let names: Vec<String> = o.tables.iter().map(|t| p.place_name(t)).collect();
    let mut totals = vec![0u64; NoteKind::ALL.len()];
    for t in &o.tables {
        totals.iter_mut().zip(&t.kinds).for_each(|(a, n)| *a += n);
    }
    let voices = o.voices();
    let any_action = o.tables.iter().any(|t| !t.actions.is_empty());
    let incomplete = |n: &&Note| n.content.owner.trim().is_empty() || n.content.due.is_none();
    let listed = |kind: NoteKind, filter: &dyn Fn(&&Note) -> bool| -> Vec<Markup> {
        o.tables
            .iter()
            .flat_map(|t| {
                let notes = match kind {
                    NoteKind::Agreement => &t.agreements,
                    _ => &t.actions,
                };
                notes.iter().filter(filter).map(move |n| (t, n))
            })
            .map(|(t, n)| {
                let mut meta = p.action_meta(n);
                let item = o.items.iter().find(|i| i.id == n.item_id);
                let title = item.map(|i| p.item_title(i)).unwrap_or_default();
                meta.push(format!("{}: {title}", p.place_name(t)));
                p.note(&n.content.text, &meta)
            })
            .collect()
    };
    let agreements = listed(NoteKind::Agreement, &|_| true);
    let actions = listed(NoteKind::Action, &|_| true);
    let open_actions = listed(NoteKind::Action, &incomplete);
    html! {
        section.summary {
            h2 { (s.summary) }
            h3 { (s.notes_per_table) }
            table {
                thead { tr {
                    th { (s.table) }
                    @for k in NoteKind::ALL { th.n { (kind_heading(*k, p.lang)) } }
                    th.n { (s.total) }
                } }
                tbody {
                    @for (t, name) in o.tables.iter().zip(&names) {
                        tr {
                            td { (name) }
                            @for n in &t.kinds { td.n { (n) } }
                            td.n { (t.notes()) }
                        }
                    }
                    tr.total {
                        td { (s.total) }
                        @for n in &totals { td.n { (n) } }
                        td.n { (o.notes()) }
                    }
                }
            }
            h3 { (s.voices) }
            p { (s.voices_intro) }
            figure {
                figcaption { (s.voices_chart) }
                (charts::voices(s.voices_chart, &labels, &voices, &o.present, s.present_word))
            }
            @if !o.tables.is_empty() {
                figure {
                    figcaption { (s.voices_tables_chart) }
                    (charts::voices_per_table(
                        s.voices_tables_chart,
                        &names,
                        &o.tables.iter().map(|t| t.voices.clone()).collect::<Vec<_>>(),
                        &labels,
                    ))
                }
            }
            table {
                thead { tr {
                    th { (s.group) }
                    @for name in &names { th.n { (name) } }
                    th.n { (s.total) }
                    th.n { (s.participants) }
                } }
                tbody {
                    @for (g, label) in labels.iter().enumerate() {
                        @if g < StakeholderGroup::ALL.len() || voices[g] > 0 {
                            tr {
                                td { (label) }
                                @for t in &o.tables { td.n { (t.voices[g]) } }
                                td.n { (voices[g]) }
                                td.n { @if let Some(n) = o.present.get(g) { (n) } }
                            }
                        }
                    }
                    tr.total {
                        td { (s.total) }
                        @for t in &o.tables { td.n { (t.notes()) } }
                        td.n { (o.notes()) }
                        td.n { (o.participants.len()) }
                    }
                }
            }
            h3 { (s.agreements) }
            @if agreements.is_empty() { p.none { (s.no_agreements) } }
            @else { ul.notes { @for m in &agreements { (m) } } }
            h3 { (s.actions) }
            @if actions.is_empty() { p.none { (s.no_actions) } }
            @else { ul.notes { @for m in &actions { (m) } } }
            @if any_action {
                h3 { (s.incomplete_actions) }
                @if open_actions.is_empty() { p.none { (s.all_actions_complete) } }
                @else { ul.notes { @for m in &open_actions { (m) } } }
            }
        }
    }
}

/// Under an item's heading: its status in the action plan and its rating.
fn item_status(p: &Page<'_>, item: &Item) -> Option<Markup> {
    let s = p.s;
    let rating = p.o.ratings.iter().find(|r| r.item_id == item.id);
    if item.statuses.is_empty() && rating.is_none() {
        return None;
    }
    let statuses: Vec<&str> = item.statuses.iter().map(|st| st.label(p.lang)).collect();
    Some(html! {
        p.status {
            @if !statuses.is_empty() {
                strong { (s.status) ":" } " " (statuses.join(", "))
                @if !item.remark.trim().is_empty() { " — " (visible_inline(&item.remark)) }
                @if rating.is_some() { br; }
            }
            @if let Some(r) = rating {
                strong { (s.rating) ":" } " " (r.level.label(p.lang))
                @let comment = visible_block(&p.user(&r.comment));
                @for line in comment.split('\n').filter(|_| !comment.is_empty()) {
                    br; (line)
                }
            }
        }
    })
}

fn table_section(p: &Page<'_>, t: usize, out: &mut Out<'_>) -> Result<()> {
    let (s, o) = (p.s, &p.o);
    let table = &o.tables[t];
    let heading = match &table.table {
        Some(x) => format!("{} {} — {}", s.table, t + 1, p.line(&x.name)),
        None => s.notes_without_table.to_string(),
    };
    let host = table
        .table
        .as_ref()
        .map(|x| x.host.trim())
        .filter(|h| !h.is_empty() && !p.anonymize);
    out.text("\n<section class=\"table\">")?;
    out.text(
        &html! {
            h2 { (heading) }
            @if let Some(h) = host { p { (s.host_label) ": " (visible_inline(h)) } }
        }
        .into_string(),
    )?;
    if table.items.is_empty() {
        out.text(&html! { p.none { (s.no_notes) } }.into_string())?;
    }
    if let Some(rounds) = &p.rounds {
        table_rounds(p, t, rounds, out)?;
        return out.line("</section>");
    }
    for &i in &table.items {
        let item = &o.items[i];
        out.text(
            &html! {
                h3 { (p.item_title(item)) }
                @if let Some(st) = item_status(p, item) { (st) }
            }
            .into_string(),
        )?;
        let mut any = false;
        for kind in NoteKind::ALL {
            if !p.counts.contains_key(&(t, i, *kind)) {
                continue;
            }
            any = true;
            out.text(&html! { h4 { (kind_heading(*kind, p.lang)) } }.into_string())?;
            let table_id = table.table.as_ref().map(|x| x.id.as_str());
            notes_list(p, table_id, &item.id, *kind, None, out)?;
        }
        if !any {
            out.text(&html! { p.none { (s.no_notes) } }.into_string())?;
        }
    }
    out.line("</section>")
}

/// The notes of `kind` about an item at a table (of one round, if given),
/// as a list.
fn notes_list(
    p: &Page<'_>,
    table_id: Option<&str>,
    item_id: &str,
    kind: NoteKind,
    round: Option<Option<u32>>,
    out: &mut Out<'_>,
) -> Result<()> {
    out.text("<ul class=\"notes\">")?;
    p.store
        .for_each_export_note_of(&p.session.id, table_id, item_id, kind, round, |note| {
            out.text(
                &p.note(&note.content.text, &p.note_meta(&note))
                    .into_string(),
            )
        })?;
    out.text("</ul>")
}

/// A table's notes split by round (`h3`), then item and kind one level
/// deeper; its items without notes in any round are listed once, after
/// the rounds.
fn table_rounds(p: &Page<'_>, t: usize, rounds: &RoundCounts, out: &mut Out<'_>) -> Result<()> {
    let (s, table) = (p.s, &p.o.tables[t]);
    let table_id = table.table.as_ref().map(|x| x.id.as_str());
    // Notes outside a round first, then round 1, 2, … (as in Markdown).
    let here: Vec<(Option<u32>, usize, NoteKind)> = rounds
        .iter()
        .filter(|((slot, ..), _)| *slot == t)
        .map(|(&(_, round, item, kind), _)| (round, item, kind))
        .collect();
    let mut round_list: Vec<Option<u32>> = here.iter().map(|&(r, ..)| r).collect();
    round_list.dedup();
    for round in round_list {
        let title = match round {
            Some(n) => format!("{} {n}", s.round),
            None => s.outside_rounds.to_string(),
        };
        out.text(&html! { h3 { (title) } }.into_string())?;
        for &i in &table.items {
            let kinds: Vec<NoteKind> = NoteKind::ALL
                .iter()
                .copied()
                .filter(|k| here.contains(&(round, i, *k)))
                .collect();
            if kinds.is_empty() {
                continue;
            }
            let item = &p.o.items[i];
            out.text(
                &html! {
                    h4 { (p.item_title(item)) }
                    @if let Some(st) = item_status(p, item) { (st) }
                }
                .into_string(),
            )?;
            for kind in kinds {
                out.text(&html! { h5 { (kind_heading(kind, p.lang)) } }.into_string())?;
                notes_list(p, table_id, &item.id, kind, Some(round), out)?;
            }
        }
    }
    let unseen: Vec<&Item> = table
        .items
        .iter()
        .filter(|&&i| !here.iter().any(|&(_, item, _)| item == i))
        .map(|&i| &p.o.items[i])
        .collect();
    if !unseen.is_empty() {
        out.text(
            &html! {
                h3 { (s.no_input) }
                ul { @for item in &unseen { li { (p.item_title(item)) } } }
            }
            .into_string(),
        )?;
    }
    Ok(())
}

fn ratings(p: &Page<'_>) -> Markup {
    let (s, o) = (p.s, &p.o);
    let rated: Vec<(&Item, &crate::domain::Rating)> = o
        .ratings
        .iter()
        .filter_map(|r| Some((o.items.iter().find(|i| i.id == r.item_id)?, r)))
        .collect();
    let counts: Vec<u64> = crate::domain::IrmLevel::ALL
        .iter()
        .map(|l| rated.iter().filter(|(_, r)| r.level == *l).count() as u64)
        .collect();
    html! {
        section.ratings {
            h2 { (s.ratings) }
            @if rated.is_empty() {
                p.none { (s.no_ratings) }
            } @else {
                figure {
                    figcaption { (s.ratings_chart) }
                    (charts::ratings(s.ratings_chart, &counts, p.lang))
                }
                ul.notes {
                    @for (item, r) in &rated {
                        li {
                            (p.item_title(item)) ": " strong { (r.level.label(p.lang)) }
                            @let comment = visible_block(&p.user(&r.comment));
                            @for line in comment.split('\n').filter(|_| !comment.is_empty()) {
                                br; (line)
                            }
                        }
                    }
                }
            }
        }
    }
}

fn coverage(p: &Page<'_>) -> Markup {
    let (s, o) = (p.s, &p.o);
    let items: Vec<String> = o
        .items
        .iter()
        .map(|i| format!("{} — {}", i.label(p.lang), visible_inline(&i.title)))
        .collect();
    let dims: Vec<String> = o
        .dimensions
        .iter()
        .map(|d| visible_inline(&d.name))
        .collect();
    html! {
        section.coverage {
            h2 { (s.coverage) }
            @if dims.is_empty() {
                p.none { (s.no_dimensions) }
            } @else {
                figure {
                    figcaption { (s.coverage_intro) }
                    (charts::coverage(s.coverage_intro, &items, &dims, &o.coverage))
                }
            }
        }
    }
}

fn no_input(p: &Page<'_>) -> Markup {
    let (s, o) = (p.s, &p.o);
    let silent = o.silent_items();
    html! {
        section.no-input {
            h2 { (s.no_input) }
            @if silent.is_empty() {
                p.none { (s.all_had_input) }
            } @else {
                ul { @for i in &silent { li { (p.item_title(&o.items[*i])) } } }
            }
        }
    }
}
