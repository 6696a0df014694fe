//! `tafel person NAME`: everything tafel holds about one person, across all
//! sessions, to answer a request for access (AVG/GDPR art. 15) — their
//! participant records, every note attributed to them (also deleted ones),
//! the actions they own, and every other place their name or organisation
//! occurs (exactly what `tafel forget` would rewrite), and the reasoned
//! responses they gave. As Markdown to read or JSON (`tafel-person/1`) to
//! hand over.

use super::{Person, person_erasure};
use crate::domain::memory::Response;
use crate::domain::{
    Lang, Naming, Note, NoteKind, Participant, ResponseStatus, Session, StakeholderGroup,
};
use crate::error::{Error, Result};
use crate::export::anonymize::Owner;
use crate::export::escape::{block, inline};
use crate::store::Store;
use crate::store::forget::Field;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// The value of the report's `schema` field.
pub const SCHEMA: &str = "tafel-person/1";

/// A place other than their own records where the name occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub session_id: String,
    /// `note`, `rating comment`, `session title`, …
    pub field: &'static str,
    /// The row's id (a draft's: its item's).
    pub id: String,
    /// A note's number.
    pub number: Option<u32>,
    pub text: String,
}

/// Everything tafel holds about one person.
#[derive(Debug, Clone)]
pub struct Access {
    pub person: Person,
    /// The sessions any of the below is in, by date.
    pub sessions: Vec<Session>,
    /// Notes attributed to them (any of their records), also deleted ones.
    pub notes: Vec<Note>,
    /// Actions whose owner names them.
    pub owned: Vec<Note>,
    pub mentions: Vec<Mention>,
    /// Reasoned responses they gave (named in "given by"), with the note
    /// each answers, by session.
    pub responses: Vec<(Note, Response)>,
    /// Item id → "Actiepunt 3 — FAIR Woo dossiers".
    items: HashMap<String, String>,
}

/// Collects what tafel holds about `person`.
pub fn access(store: &Store, person: Person, lang: Lang) -> Result<Access> {
    let ids: Vec<String> = person.records.iter().map(|r| r.id.clone()).collect();
    let notes = store.notes_of_participants(&ids)?;
    let mut owned = Vec::new();
    let mut mentions = Vec::new();
    let mut responses = Vec::new();
    let mut sessions = Vec::new();
    let mut items = HashMap::new();
    let mut all = store.sessions()?;
    all.sort_by(|a, b| (a.date, &a.created_at, &a.id).cmp(&(b.date, &b.created_at, &b.id)));
    for s in all {
        let erase = person_erasure(store, &s, &person)?;
        let mine: Vec<Note> = store
            .owned_actions(&s.id)?
            .into_iter()
            .filter(|n| {
                matches!(
                    erase.owner_kind(&n.content.owner),
                    Owner::Group(_) | Owner::Withheld
                )
            })
            .collect();
        let plan = store.plan_erasure(&s.id, &[], &erase)?;
        let given = plan
            .changes
            .iter()
            .filter(|c| c.field == Field::ResponseBy)
            .map(|c| store.response_and_note(&c.key))
            .collect::<Result<Vec<_>>>()?;
        let here: Vec<Mention> = plan
            .changes
            .into_iter()
            .filter(|c| c.field != Field::NoteOwner)
            .map(|c| Mention {
                session_id: s.id.clone(),
                field: c.field.label(),
                id: c.key,
                number: c.number,
                text: c.before,
            })
            .collect();
        let involved = !person.records_in(&s.id).is_empty()
            || !mine.is_empty()
            || !here.is_empty()
            || notes.iter().any(|n| n.session_id == s.id);
        if involved {
            for it in store.items(&s.id)? {
                items.insert(it.id.clone(), format!("{} — {}", it.label(lang), it.title));
            }
            owned.extend(mine);
            mentions.extend(here);
            responses.extend(given);
            sessions.push(s);
        }
    }
    Ok(Access {
        person,
        sessions,
        notes,
        owned,
        mentions,
        responses,
        items,
    })
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    person: JsonPerson<'a>,
    sessions: Vec<JsonSession<'a>>,
    participants: Vec<JsonRecord<'a>>,
    notes: Vec<JsonNote<'a>>,
    owned_actions: Vec<JsonNote<'a>>,
    mentions: &'a [Mention],
    responses: Vec<JsonResponse<'a>>,
}

#[derive(Serialize)]
struct JsonResponse<'a> {
    id: &'a str,
    session_id: &'a str,
    note_id: &'a str,
    note_number: u32,
    item: &'a str,
    status: ResponseStatus,
    reason: &'a str,
    given_by: &'a str,
    given_on: NaiveDate,
    created_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct JsonPerson<'a> {
    name: Option<&'a str>,
    organisation: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSession<'a> {
    id: &'a str,
    title: &'a str,
    date: NaiveDate,
    facilitator: &'a str,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    id: &'a str,
    session_id: &'a str,
    name: Option<&'a str>,
    organisation: Option<&'a str>,
    group: StakeholderGroup,
    naming: Naming,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    deleted_at: Option<DateTime<Utc>>,
}

fn record(r: &Participant) -> JsonRecord<'_> {
    JsonRecord {
        id: &r.id,
        session_id: &r.session_id,
        name: r.name.as_deref(),
        organisation: r.organisation.as_deref(),
        group: r.group,
        naming: r.naming,
        created_at: r.created_at,
        updated_at: r.updated_at,
        deleted_at: r.deleted_at,
    }
}

#[derive(Serialize)]
struct JsonNote<'a> {
    id: &'a str,
    session_id: &'a str,
    number: u32,
    item: &'a str,
    kind: NoteKind,
    text: &'a str,
    participant_id: Option<&'a str>,
    group: Option<StakeholderGroup>,
    tags: &'a [String],
    owner: &'a str,
    due: Option<NaiveDate>,
    votes_for: u32,
    votes_against: u32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    deleted_at: Option<DateTime<Utc>>,
}

impl Access {
    fn item(&self, id: &str) -> &str {
        self.items.get(id).map_or("", String::as_str)
    }

    fn json_note<'a>(&'a self, n: &'a Note) -> JsonNote<'a> {
        JsonNote {
            id: &n.id,
            session_id: &n.session_id,
            number: n.number,
            item: self.item(&n.item_id),
            kind: n.content.kind,
            text: &n.content.text,
            participant_id: n.content.participant_id.as_deref(),
            group: n.content.group,
            tags: &n.content.tags,
            owner: &n.content.owner,
            due: n.content.due,
            votes_for: n.votes_for,
            votes_against: n.votes_against,
            created_at: n.created_at,
            updated_at: n.updated_at,
            deleted_at: n.deleted_at,
        }
    }

    /// The report as JSON (`tafel-person/1`), one line per top-level field.
    pub fn json(&self) -> Result<String> {
        let doc = JsonReport {
            schema: SCHEMA,
            person: JsonPerson {
                name: self.person.name.as_deref(),
                organisation: self.person.organisation.as_deref(),
            },
            sessions: self
                .sessions
                .iter()
                .map(|s| JsonSession {
                    id: &s.id,
                    title: &s.title,
                    date: s.date,
                    facilitator: &s.facilitator,
                })
                .collect(),
            participants: self.person.records.iter().map(record).collect(),
            notes: self.notes.iter().map(|n| self.json_note(n)).collect(),
            owned_actions: self.owned.iter().map(|n| self.json_note(n)).collect(),
            mentions: &self.mentions,
            responses: self
                .responses
                .iter()
                .map(|(n, r)| JsonResponse {
                    id: &r.id,
                    session_id: &n.session_id,
                    note_id: &n.id,
                    note_number: n.number,
                    item: self.item(&n.item_id),
                    status: r.status,
                    reason: &r.reason,
                    given_by: &r.by,
                    given_on: r.on,
                    created_at: r.created_at,
                })
                .collect(),
        };
        let value = serde_json::to_value(&doc)
            .map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))?;
        let mut out = String::from("{");
        if let serde_json::Value::Object(fields) = value {
            let n = fields.len();
            for (i, (k, v)) in fields.into_iter().enumerate() {
                out.push_str(&serde_json::to_string(&k).unwrap_or_default());
                out.push(':');
                out.push_str(&serde_json::to_string(&v).unwrap_or_default());
                out.push_str(if i + 1 < n { ",\n" } else { "}\n" });
            }
        }
        Ok(out)
    }

    /// The report as Markdown, in `lang`.
    pub fn markdown(&self, lang: Lang) -> String {
        let t = words(lang);
        let mut out = String::new();
        let mut line = |s: &str| {
            out.push_str(s);
            out.push('\n');
        };
        line(&format!("# {}: {}", t.title, inline(&self.person.label())));
        line("");
        line(t.intro);
        line("");
        let session = |id: &str| -> String {
            self.sessions
                .iter()
                .find(|s| s.id == id)
                .map(|s| format!("{} {}", s.date, inline(&s.title)))
                .unwrap_or_default()
        };

        line(&format!("## {} ({})", t.records, self.person.records.len()));
        line("");
        line(&format!("| {} |", t.record_columns.join(" | ")));
        line(&format!("|{}", " --- |".repeat(t.record_columns.len())));
        for r in &self.person.records {
            let cells = [
                session(&r.session_id),
                inline(r.name.as_deref().unwrap_or("")),
                inline(r.organisation.as_deref().unwrap_or("")),
                inline(r.group.label(lang)),
                inline(r.naming.label(lang)),
                r.created_at.format("%Y-%m-%d").to_string(),
                r.deleted_at
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ];
            line(&format!("| {} |", cells.join(" | ")));
        }
        line("");

        let notes = |out: &mut dyn FnMut(&str), title: &str, notes: &[Note]| {
            out(&format!("## {title} ({})", notes.len()));
            out("");
            if notes.is_empty() {
                out(&format!("*{}*", t.none));
                out("");
                return;
            }
            let mut current = None;
            for n in notes {
                if current != Some(&n.session_id) {
                    current = Some(&n.session_id);
                    out(&format!("### {}", session(&n.session_id)));
                    out("");
                }
                let mut meta = vec![
                    format!("#{}", n.number),
                    inline(n.content.kind.label(lang)),
                    inline(self.item(&n.item_id)),
                ];
                if !n.content.owner.trim().is_empty() {
                    meta.push(format!("{}: {}", t.owner, inline(&n.content.owner)));
                }
                if let Some(d) = n.content.due {
                    meta.push(d.to_string());
                }
                if n.deleted_at.is_some() {
                    meta.push(t.deleted.to_string());
                }
                out(&format!(
                    "- {}\\\n  — {}",
                    block(&n.content.text, "  "),
                    meta.join(" · ")
                ));
            }
            out("");
        };
        let mut push = |s: &str| line(s);
        notes(&mut push, t.notes, &self.notes);
        notes(&mut push, t.owned, &self.owned);

        line(&format!("## {} ({})", t.mentions, self.mentions.len()));
        line("");
        line(t.mentions_intro);
        line("");
        for m in &self.mentions {
            let what = match m.number {
                Some(n) => format!("{} #{n}", m.field),
                None => m.field.to_string(),
            };
            line(&format!(
                "- {} · {}: {}",
                session(&m.session_id),
                what,
                block(&m.text, "  ")
            ));
        }
        if self.mentions.is_empty() {
            line(&format!("*{}*", t.none));
        }
        line("");
        line(&format!("## {} ({})", t.responses, self.responses.len()));
        line("");
        line(t.responses_intro);
        line("");
        for (n, r) in &self.responses {
            line(&format!(
                "- {} · #{} {} ({}) · {}: {}\\\n  — {}: {}, {}",
                session(&n.session_id),
                n.number,
                inline(n.content.kind.label(lang)),
                inline(self.item(&n.item_id)),
                inline(r.status.label(lang)),
                block(&r.reason, "  "),
                t.given_by,
                inline(&r.by),
                r.on
            ));
        }
        if self.responses.is_empty() {
            line(&format!("*{}*", t.none));
        }
        out
    }
}

struct Words {
    title: &'static str,
    intro: &'static str,
    records: &'static str,
    record_columns: [&'static str; 7],
    notes: &'static str,
    owned: &'static str,
    owner: &'static str,
    deleted: &'static str,
    mentions: &'static str,
    mentions_intro: &'static str,
    responses: &'static str,
    responses_intro: &'static str,
    given_by: &'static str,
    none: &'static str,
}

fn words(lang: Lang) -> &'static Words {
    const NL: Words = Words {
        title: "Persoonsgegevens",
        intro: "Alles wat tafel in deze database over deze persoon bewaart, uit alle sessies (ook verwijderde notities).",
        records: "Als deelnemer geregistreerd",
        record_columns: [
            "Sessie",
            "Naam",
            "Organisatie",
            "Stakeholdergroep",
            "In verslagen",
            "Geregistreerd",
            "Verwijderd",
        ],
        notes: "Notities van deze persoon",
        owned: "Acties met deze persoon als eigenaar",
        owner: "eigenaar",
        deleted: "verwijderd",
        mentions: "Elders genoemd",
        mentions_intro: "Tekst waarin de naam of organisatie voorkomt (wat `tafel forget` zou herschrijven); dezelfde naam kan ook iemand anders zijn.",
        responses: "Reacties van deze persoon",
        responses_intro: "Beredeneerde reacties op inbreng, met deze persoon als gever (de tekst zelf staat ook onder \"Elders genoemd\").",
        given_by: "gegeven door",
        none: "Geen.",
    };
    const EN: Words = Words {
        title: "Personal data",
        intro: "Everything tafel keeps about this person in this database, from every session (deleted notes included).",
        records: "Registered as a participant",
        record_columns: [
            "Session",
            "Name",
            "Organisation",
            "Stakeholder group",
            "In minutes",
            "Registered",
            "Deleted",
        ],
        notes: "Notes by this person",
        owned: "Actions this person owns",
        owner: "owner",
        deleted: "deleted",
        mentions: "Mentioned elsewhere",
        mentions_intro: "Text in which the name or organisation occurs (what `tafel forget` would rewrite); the same name may also be someone else.",
        responses: "Responses by this person",
        responses_intro: "Reasoned responses to input, given by this person (the text also appears under \"Mentioned elsewhere\").",
        given_by: "given by",
        none: "None.",
    };
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}
