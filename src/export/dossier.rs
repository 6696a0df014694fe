//! `tafel dossier ITEM`: everything said about one agenda item across the
//! sessions of its agenda, oldest first — notes by kind and stakeholder
//! group, the actions with their status trail, the IRM ratings over time
//! and the reasoned responses — as Markdown, or as JSON
//! (`tafel-dossier/1`, `docs/export-json.md`). What an action holder
//! brings to a monitoring moment instead of a quarterly form.
//!
//! Every piece of user text goes through [`super::escape`] (and, with
//! `--anonymize`, through the [`Anonymizer`] of all sessions in the
//! dossier). Deterministic: the same database gives the same bytes.

use super::anonymize::{Anonymizer, Owner};
use super::escape::{block, inline};
use super::markdown::table;
use super::memory_strings::{MemoryStrings, memory_strings};
use super::strings::{Strings, kind_heading, long_date, strings};
use super::{ExportFormat, Out};
use crate::domain::memory::{ItemRef, Response, StatusChange};
use crate::domain::{
    ActionState, IrmLevel, ItemKind, Lang, Note, NoteKind, Participant, ResponseStatus,
    StakeholderGroup,
};
use crate::error::{Error, Result};
use crate::store::{DossierSession, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The value of the dossier's top-level `schema` field.
pub const SCHEMA: &str = "tafel-dossier/1";

/// What `tafel dossier` was asked for.
#[derive(Debug, Clone)]
pub struct DossierOptions {
    pub item: ItemRef,
    /// Only sessions on or after this date.
    pub from: Option<NaiveDate>,
    /// Only sessions on or before this date.
    pub to: Option<NaiveDate>,
    pub format: ExportFormat,
    /// Write to this file (atomically, mode 0600) instead of `out`.
    pub output: Option<PathBuf>,
    pub force: bool,
    pub anonymize: bool,
    /// Language of the Markdown (default: the newest session's).
    pub lang: Option<Lang>,
}

/// One session of the dossier with what it holds about the item.
struct Part {
    ds: DossierSession,
    notes: Vec<Note>,
    /// Note id → its status changes, oldest first (actions that changed).
    trails: HashMap<String, Vec<StatusChange>>,
    /// Note id → its responses, oldest first.
    responses: HashMap<String, Vec<Response>>,
    participants: HashMap<String, Participant>,
}

/// Everything the dossier shows, read once.
struct Dossier {
    item: ItemRef,
    parts: Vec<Part>,
    anon: Option<Anonymizer>,
    lang: Lang,
}

impl Dossier {
    fn load(store: &Store, opts: &DossierOptions) -> Result<Dossier> {
        let sessions = store.dossier_sessions(opts.item, opts.from, opts.to)?;
        if sessions.is_empty() {
            let label = opts.item.short_label(opts.lang.unwrap_or(Lang::En));
            let range = match (opts.from, opts.to) {
                (None, None) => String::new(),
                (f, t) => format!(
                    " dated {} to {}",
                    f.map_or("…".into(), |d| d.to_string()),
                    t.map_or("…".into(), |d| d.to_string())
                ),
            };
            return Err(Error::Invalid(format!(
                "no session{range} has {label} (see `tafel agenda show`)"
            )));
        }
        let lang = opts
            .lang
            .unwrap_or(sessions.last().expect("not empty").session.language);
        let anon = if opts.anonymize {
            let all: Vec<_> = sessions.iter().map(|d| d.session.clone()).collect();
            Some(Anonymizer::load_all(store, &all, lang)?)
        } else {
            None
        };
        let mut parts = Vec::new();
        for ds in sessions {
            let notes = store.shown_notes_of_item(&ds.item.id)?;
            let mut trails = store.status_trails(&ds.session.id)?;
            trails.retain(|id, _| notes.iter().any(|n| &n.id == id));
            let mut responses: HashMap<String, Vec<Response>> = HashMap::new();
            for (note, r) in store.session_responses(&ds.session.id)? {
                if note.item_id == ds.item.id {
                    responses.entry(note.id).or_default().push(r);
                }
            }
            let participants = store
                .participants(&ds.session.id)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect();
            parts.push(Part {
                ds,
                notes,
                trails,
                responses,
                participants,
            });
        }
        Ok(Dossier {
            item: opts.item,
            parts,
            anon,
            lang,
        })
    }

    fn user<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match &self.anon {
            Some(a) => a.text(text),
            None => Cow::Borrowed(text),
        }
    }

    /// The newest session's copy of the item.
    fn newest(&self) -> &Part {
        self.parts.last().expect("a dossier has a session")
    }

    fn s(&self) -> &'static Strings {
        strings(self.lang)
    }

    fn m(&self) -> &'static MemoryStrings {
        memory_strings(self.lang)
    }

    /// The speaker's stakeholder group: the note's, else the participant's.
    fn group(&self, part: &Part, note: &Note) -> Option<StakeholderGroup> {
        note.content.group.or_else(|| {
            note.content
                .participant_id
                .as_ref()
                .and_then(|id| part.participants.get(id))
                .map(|p| p.group)
        })
    }

    /// Who said it, as Markdown: name, organisation and group, or (with
    /// `--anonymize`, or without a participant) the group.
    fn who(&self, part: &Part, note: &Note) -> Option<String> {
        let group = self.group(part, note).map(|g| inline(g.label(self.lang)));
        let p = note
            .content
            .participant_id
            .as_ref()
            .and_then(|id| part.participants.get(id))
            // Only a participant who agreed to be named is named.
            .filter(|p| super::anonymize::may_name(p, false));
        super::anonymize::attribution(p.filter(|_| self.anon.is_none()), group, inline)
    }

    fn owner(&self, owner: &str) -> Option<String> {
        let s = self.s();
        match self.anon.as_ref().map(|a| a.owner(owner)) {
            None if !owner.trim().is_empty() => Some(format!("{}: {}", s.owner, inline(owner))),
            Some(Owner::Group(g)) => Some(format!("{}: {}", s.owner, inline(g.label(self.lang)))),
            Some(Owner::Withheld) => Some(s.owner_withheld.to_string()),
            _ => None,
        }
    }
}

/// Writes a list item: the text (keeping its line breaks) and, on a line of
/// its own, the metadata.
pub(super) fn list_item(out: &mut Out<'_>, text: &str, meta: &[String]) -> Result<()> {
    let body = block(text, "  ");
    let meta = meta.join(" · ");
    match (body.is_empty(), meta.is_empty()) {
        (false, true) => out.line(&format!("- {body}")),
        (false, false) => out.line(&format!("- {body}\\\n  — {meta}")),
        (true, _) => out.line(&format!("- — {meta}")),
    }
}

/// "open → in uitvoering (2025-11-20) → afgerond (2026-02-12)", as
/// Markdown.
fn trail_text(trail: &[StatusChange], lang: Lang) -> String {
    std::iter::once(inline(ActionState::Open.label(lang)))
        .chain(
            trail
                .iter()
                .map(|c| format!("{} ({})", inline(c.status.label(lang)), c.on)),
        )
        .collect::<Vec<_>>()
        .join(" → ")
}

/// "Beperkt (2025-08) → Substantieel (2025-11)", as Markdown.
fn rating_trail_text(ratings: &[(NaiveDate, IrmLevel)], lang: Lang) -> String {
    ratings
        .iter()
        .map(|(d, l)| format!("{} ({})", inline(l.label(lang)), d.format("%Y-%m")))
        .collect::<Vec<_>>()
        .join(" → ")
}

fn markdown(d: &Dossier, out: &mut Out<'_>) -> Result<()> {
    let (s, m, lang) = (d.s(), d.m(), d.lang);
    let newest = d.newest();
    out.line(&format!(
        "# {}: {} — {}",
        m.dossier,
        inline(&d.item.label(lang)),
        inline(&newest.ds.item.title)
    ))?;
    out.blank()?;
    out.line(&format!(
        "- **{}:** {} ({} {})",
        s.agenda,
        inline(&newest.ds.session.agenda_name),
        s.version,
        inline(&newest.ds.session.agenda_version)
    ))?;
    let first = &d.parts[0].ds.session;
    out.line(&format!(
        "- **{}:** {} {} {} {}",
        m.period,
        m.period_from,
        long_date(first.date, lang),
        m.period_to,
        long_date(newest.ds.session.date, lang)
    ))?;
    out.line(&format!("- **{}:** {}", m.sessions, d.parts.len()))?;
    if d.anon.is_some() {
        out.line(&format!("- **{}:** {}", s.anonymized, s.anonymized_note))?;
    }
    out.blank()?;
    overview(d, out)?;
    by_group(d, out)?;
    ratings(d, out)?;
    actions(d, out)?;
    responses(d, out)?;
    sessions(d, out)
}

fn session_title(d: &Dossier, part: &Part) -> String {
    format!(
        "{} — {}",
        long_date(part.ds.session.date, d.lang),
        inline(&d.user(&part.ds.session.title))
    )
}

fn overview(d: &Dossier, out: &mut Out<'_>) -> Result<()> {
    let (s, m, lang) = (d.s(), d.m(), d.lang);
    out.line(&format!("## {}", m.overview))?;
    out.blank()?;
    let mut header = vec![s.date.to_string(), m.meeting.to_string()];
    header.extend(
        NoteKind::ALL
            .iter()
            .map(|k| kind_heading(*k, lang).to_string()),
    );
    header.push(s.total.to_string());
    let rated = d.item.kind == ItemKind::ActionPoint;
    if rated {
        header.push(s.rating.to_string());
    }
    let mut totals = vec![0u64; NoteKind::ALL.len()];
    let mut rows = Vec::new();
    for part in &d.parts {
        let mut row = vec![
            part.ds.session.date.to_string(),
            inline(&d.user(&part.ds.session.title)),
        ];
        for (k, t) in NoteKind::ALL.iter().zip(totals.iter_mut()) {
            let n = part.notes.iter().filter(|n| n.content.kind == *k).count() as u64;
            *t += n;
            row.push(n.to_string());
        }
        row.push(part.notes.len().to_string());
        if rated {
            row.push(
                part.ds
                    .rating
                    .as_ref()
                    .map_or_else(|| m.not_rated.to_string(), |r| inline(r.level.label(lang))),
            );
        }
        rows.push(row);
    }
    let mut row = vec![format!("**{}**", s.total), String::new()];
    row.extend(totals.iter().map(|n| format!("**{n}**")));
    row.push(format!("**{}**", totals.iter().sum::<u64>()));
    if rated {
        row.push(String::new());
    }
    rows.push(row);
    table(out, &header, 2, &rows)
}

fn by_group(d: &Dossier, out: &mut Out<'_>) -> Result<()> {
    let (s, m, lang) = (d.s(), d.m(), d.lang);
    out.line(&format!("## {}", m.by_group))?;
    out.blank()?;
    let mut header = vec![m.group.to_string()];
    header.extend(d.parts.iter().map(|p| p.ds.session.date.to_string()));
    header.push(s.total.to_string());
    let groups: Vec<Option<StakeholderGroup>> = StakeholderGroup::ALL
        .iter()
        .copied()
        .map(Some)
        .chain(std::iter::once(None))
        .collect();
    let mut rows = Vec::new();
    for g in groups {
        let counts: Vec<u64> = d
            .parts
            .iter()
            .map(|p| p.notes.iter().filter(|n| d.group(p, n) == g).count() as u64)
            .collect();
        let total: u64 = counts.iter().sum();
        if g.is_none() && total == 0 {
            continue;
        }
        let mut row = vec![g.map_or(m.unknown_group.to_string(), |g| inline(g.label(lang)))];
        row.extend(counts.iter().map(u64::to_string));
        row.push(total.to_string());
        rows.push(row);
    }
    table(out, &header, 1, &rows)
}

fn ratings(d: &Dossier, out: &mut Out<'_>) -> Result<()> {
    let rated: Vec<&Part> = d.parts.iter().filter(|p| p.ds.rating.is_some()).collect();
    if rated.is_empty() {
        return Ok(());
    }
    out.line(&format!("## {}", d.m().rating_trail))?;
    out.blank()?;
    let trail: Vec<(NaiveDate, IrmLevel)> = rated
        .iter()
        .filter_map(|p| Some((p.ds.session.date, p.ds.rating.as_ref()?.level)))
        .collect();
    out.line(&rating_trail_text(&trail, d.lang))?;
    out.blank()?;
    for p in rated {
        let r = p.ds.rating.as_ref().expect("rated");
        let head = format!(
            "- {}: **{}**",
            long_date(p.ds.session.date, d.lang),
            inline(r.level.label(d.lang))
        );
        let comment = block(&d.user(&r.comment), "  ");
        if comment.is_empty() {
            out.line(&head)?;
        } else {
            out.line(&format!("{head}\\\n  {comment}"))?;
        }
    }
    out.blank()
}

fn actions(d: &Dossier, out: &mut Out<'_>) -> Result<()> {
    let (s, m, lang) = (d.s(), d.m(), d.lang);
    out.line(&format!("## {}", m.actions_and_status))?;
    out.blank()?;
    let mut any = false;
    for part in &d.parts {
        for note in part
            .notes
            .iter()
            .filter(|n| n.content.kind == NoteKind::Action)
        {
            any = true;
            let mut meta = Vec::new();
            meta.extend(d.owner(&note.content.owner));
            if let Some(due) = note.content.due {
                meta.push(format!("{} {}", s.due, long_date(due, lang)));
            }
            meta.push(format!(
                "{} {} (#{})",
                m.noted,
                long_date(part.ds.session.date, lang),
                note.number
            ));
            let trail = part.trails.get(&note.id).map(Vec::as_slice).unwrap_or(&[]);
            meta.push(trail_text(trail, lang));
            list_item(out, &d.user(&note.content.text), &meta)?;
        }
    }
    if !any {
        out.line(&format!("*{}*", s.no_actions))?;
    }
    out.blank()
}

fn responses(d: &Dossier, out: &mut Out<'_>) -> Result<()> {
    let (m, lang) = (d.m(), d.lang);
    if d.parts.iter().all(|p| p.responses.is_empty()) {
        return Ok(());
    }
    out.line(&format!("## {}", m.responses))?;
    out.blank()?;
    for part in &d.parts {
        for note in &part.notes {
            let Some(rs) = part.responses.get(&note.id) else {
                continue;
            };
            let mut meta = vec![
                note.content.kind.label(lang).to_string(),
                format!(
                    "{} {} (#{})",
                    m.noted,
                    long_date(part.ds.session.date, lang),
                    note.number
                ),
            ];
            for r in rs {
                let mut line = format!(
                    "**{}** ({}): {}",
                    r.status.label(lang),
                    r.on,
                    inline(&d.user(&r.reason))
                );
                if d.anon.is_none() && !r.by.trim().is_empty() {
                    line.push_str(&format!(" — {} {}", m.by, inline(&r.by)));
                }
                meta.push(line);
            }
            list_item(out, &d.user(&note.content.text), &meta)?;
        }
    }
    out.blank()
}

fn sessions(d: &Dossier, out: &mut Out<'_>) -> Result<()> {
    let (s, m, lang) = (d.s(), d.m(), d.lang);
    out.line(&format!("## {}", m.session_notes))?;
    out.blank()?;
    for part in &d.parts {
        out.line(&format!("### {}", session_title(d, part)))?;
        out.blank()?;
        if part.notes.is_empty() {
            out.line(&format!("*{}*", s.no_notes))?;
            out.blank()?;
            continue;
        }
        for kind in NoteKind::ALL {
            let notes: Vec<&Note> = part
                .notes
                .iter()
                .filter(|n| n.content.kind == *kind)
                .collect();
            if notes.is_empty() {
                continue;
            }
            out.line(&format!("#### {}", kind_heading(*kind, lang)))?;
            out.blank()?;
            for note in notes {
                let mut meta = Vec::new();
                meta.extend(d.who(part, note));
                if note.votes_for > 0 || note.votes_against > 0 {
                    meta.push(format!("+{} / −{}", note.votes_for, note.votes_against));
                }
                if *kind == NoteKind::Action {
                    meta.extend(d.owner(&note.content.owner));
                    if let Some(due) = note.content.due {
                        meta.push(format!("{} {}", s.due, long_date(due, lang)));
                    }
                    let trail = part.trails.get(&note.id).map(Vec::as_slice).unwrap_or(&[]);
                    meta.push(
                        trail
                            .last()
                            .map_or(ActionState::Open, |c| c.status)
                            .label(lang)
                            .to_string(),
                    );
                }
                if let Some(r) = part.responses.get(&note.id).and_then(|rs| rs.last()) {
                    meta.push(format!("{}: {}", m.response, r.status.label(lang)));
                }
                list_item(out, &d.user(&note.content.text), &meta)?;
            }
            out.blank()?;
        }
    }
    Ok(())
}

/// The JSON of a dossier (`tafel-dossier/1`). [`run`] writes exactly this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierDocument {
    pub schema: String,
    pub anonymized: bool,
    pub item: DossierItem,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sessions: Vec<DossierSessionJson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierItem {
    pub kind: ItemKind,
    pub number: u32,
    /// As in the newest session.
    pub title: String,
    pub agenda: super::json::JsonAgenda,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierSessionJson {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    /// The item's id in this session.
    pub item_id: String,
    pub rating: Option<DossierRating>,
    pub notes: Vec<DossierNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierRating {
    pub level: IrmLevel,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierNote {
    pub id: String,
    pub number: u32,
    pub kind: NoteKind,
    pub text: String,
    /// The speaker's stakeholder group (the note's, else the participant's).
    pub group: Option<StakeholderGroup>,
    /// The speaker's name and organisation (`null` when not known or
    /// anonymized).
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub tags: Vec<String>,
    pub votes_for: u32,
    pub votes_against: u32,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// Actions: the status now and every change.
    pub status: Option<ActionState>,
    pub status_trail: Vec<super::json::JsonStatusStep>,
    pub responses: Vec<DossierResponse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierResponse {
    pub status: ResponseStatus,
    pub reason: String,
    pub by: String,
    pub on: NaiveDate,
}

fn document(d: &Dossier, opts: &DossierOptions) -> DossierDocument {
    let newest = d.newest();
    let anon = d.anon.as_ref();
    let user = |t: &str| d.user(t).into_owned();
    DossierDocument {
        schema: SCHEMA.to_string(),
        anonymized: anon.is_some(),
        item: DossierItem {
            kind: d.item.kind,
            number: d.item.number,
            title: newest.ds.item.title.clone(),
            agenda: super::json::JsonAgenda {
                name: newest.ds.session.agenda_name.clone(),
                version: newest.ds.session.agenda_version.clone(),
            },
        },
        from: opts.from,
        to: opts.to,
        sessions: d
            .parts
            .iter()
            .map(|p| DossierSessionJson {
                id: p.ds.session.id.clone(),
                title: user(&p.ds.session.title),
                date: p.ds.session.date,
                item_id: p.ds.item.id.clone(),
                rating: p.ds.rating.as_ref().map(|r| DossierRating {
                    level: r.level,
                    comment: user(&r.comment),
                }),
                notes: p
                    .notes
                    .iter()
                    .map(|n| {
                        let person = n
                            .content
                            .participant_id
                            .as_ref()
                            .and_then(|id| p.participants.get(id))
                            .filter(|q| anon.is_none() && super::anonymize::may_name(q, false));
                        let trail = p.trails.get(&n.id).map(Vec::as_slice).unwrap_or(&[]);
                        let action = n.content.kind == NoteKind::Action;
                        DossierNote {
                            id: n.id.clone(),
                            number: n.number,
                            kind: n.content.kind,
                            text: user(&n.content.text),
                            group: d.group(p, n),
                            name: person.and_then(|p| p.name.clone()),
                            organisation: person.and_then(|p| p.organisation.clone()),
                            tags: n.content.tags.clone(),
                            votes_for: n.votes_for,
                            votes_against: n.votes_against,
                            owner: match anon {
                                Some(a) => a.owner_text(&n.content.owner),
                                None => n.content.owner.clone(),
                            },
                            due: n.content.due,
                            status: action
                                .then(|| trail.last().map_or(ActionState::Open, |c| c.status)),
                            status_trail: trail
                                .iter()
                                .map(|c| super::json::JsonStatusStep {
                                    status: c.status,
                                    on: c.on,
                                    session_id: c.made_in.id.clone(),
                                })
                                .collect(),
                            responses: p
                                .responses
                                .get(&n.id)
                                .map(|rs| {
                                    rs.iter()
                                        .map(|r| DossierResponse {
                                            status: r.status,
                                            reason: user(&r.reason),
                                            by: if anon.is_some() {
                                                String::new()
                                            } else {
                                                r.by.clone()
                                            },
                                            on: r.on,
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The dossier as a value (for tests and tools); [`run`] writes it.
pub fn dossier_document(store: &Store, opts: &DossierOptions) -> Result<DossierDocument> {
    Ok(document(&Dossier::load(store, opts)?, opts))
}

fn write(d: &Dossier, opts: &DossierOptions, out: &mut Out<'_>) -> Result<()> {
    match opts.format {
        // The CLI refuses HTML for a dossier; Markdown is the readable one.
        ExportFormat::Markdown | ExportFormat::Html => markdown(d, out),
        ExportFormat::Json => {
            let dest = out.dest;
            serde_json::to_writer(&mut *out, &document(d, opts)).map_err(|e| {
                if e.is_io() {
                    Error::io(dest, e.into())
                } else {
                    Error::Invalid(format!("cannot write JSON: {e}"))
                }
            })?;
            out.blank()
        }
    }
}

/// `tafel dossier`: to stdout or, with `-o`, to a file (atomically, mode
/// 0600, an existing file only with `--force`). Reads first: an unknown
/// item writes nothing.
pub fn run(store: &Store, opts: &DossierOptions, out: &mut dyn Write) -> Result<()> {
    let d = Dossier::load(store, opts)?;
    match &opts.output {
        None => write(
            &d,
            opts,
            &mut Out {
                w: out,
                dest: Path::new("<stdout>"),
            },
        ),
        Some(path) => super::write_file(path, opts.force, |out| write(&d, opts, out)).map(|_| ()),
    }
}
