//! Every fixed string of the Markdown export, in Dutch and English, kept
//! together so a translation is checked in one place. Labels of closed sets
//! (note kinds, stakeholder groups, IRM levels, item kinds) come from
//! `domain::kinds`; only what the export adds is here.

use crate::domain::{Lang, NoteKind};

pub struct Strings {
    pub date: &'static str,
    pub location: &'static str,
    pub facilitator: &'static str,
    pub agenda: &'static str,
    /// "versie 2025-herijking.1"
    pub version: &'static str,
    pub tables: &'static str,
    pub host: &'static str,
    /// Capitalised, before the host of a table section.
    pub host_label: &'static str,
    pub participants: &'static str,
    pub anonymized: &'static str,
    pub anonymized_note: &'static str,
    pub summary: &'static str,
    pub notes_per_table: &'static str,
    /// The figure of notes per stakeholder group per table.
    pub voices: &'static str,
    pub voices_intro: &'static str,
    pub group: &'static str,
    /// Notes whose group was not recorded.
    pub no_group: &'static str,
    pub table: &'static str,
    pub total: &'static str,
    pub without_table: &'static str,
    pub agreements: &'static str,
    pub no_agreements: &'static str,
    pub actions: &'static str,
    pub no_actions: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    /// Instead of an owner no participant has (anonymised).
    pub owner_withheld: &'static str,
    /// Instead of a name that is no participant's (anonymised); a
    /// participant's name becomes their group in brackets.
    pub name_marker: &'static str,
    /// The summary's list of actions that still miss an owner or a date.
    pub incomplete_actions: &'static str,
    pub all_actions_complete: &'static str,
    pub no_owner_yet: &'static str,
    pub no_due_yet: &'static str,
    /// Under an action point's heading: its status in the action plan and
    /// its IRM rating.
    pub status: &'static str,
    pub rating: &'static str,
    pub dimensions: &'static str,
    pub no_tables: &'static str,
    pub no_participants: &'static str,
    pub no_notes: &'static str,
    pub notes_without_table: &'static str,
    pub ratings: &'static str,
    pub no_ratings: &'static str,
    pub coverage: &'static str,
    pub coverage_intro: &'static str,
    pub item: &'static str,
    pub no_dimensions: &'static str,
    pub no_input: &'static str,
    pub all_had_input: &'static str,
    pub months: [&'static str; 12],
}

pub const NL: Strings = Strings {
    date: "Datum",
    location: "Locatie",
    facilitator: "Facilitator",
    agenda: "Agenda",
    version: "versie",
    tables: "Tafels",
    host: "tafelhost",
    host_label: "Tafelhost",
    participants: "Deelnemers",
    anonymized: "Geanonimiseerd",
    anonymized_note: "de namen en organisaties die tafel kent (van deelnemers, facilitator, tafelhosts en eigenaren van acties) zijn weggelaten, ook waar ze in een tekst staan",
    summary: "Samenvatting",
    notes_per_table: "Notities per tafel",
    voices: "Stemmen per stakeholdergroep",
    voices_intro: "Per tafel: het aantal notities van elke stakeholdergroep (van de notitie, anders van wie het zei); en hoeveel deelnemers van elke groep er waren.",
    group: "Stakeholdergroep",
    no_group: "Niet vastgelegd",
    table: "Tafel",
    total: "Totaal",
    without_table: "Zonder tafel",
    agreements: "Afspraken",
    no_agreements: "Geen afspraken.",
    actions: "Acties",
    no_actions: "Geen acties.",
    owner: "eigenaar",
    due: "uiterlijk",
    owner_withheld: "eigenaar weggelaten",
    name_marker: "[naam]",
    incomplete_actions: "Acties nog zonder eigenaar of datum",
    all_actions_complete: "Alle acties hebben een eigenaar en een datum.",
    no_owner_yet: "nog geen eigenaar",
    no_due_yet: "nog geen datum",
    status: "Status",
    rating: "IRM-beoordeling",
    dimensions: "dimensies",
    no_tables: "geen",
    no_participants: "geen geregistreerd",
    no_notes: "Geen notities.",
    notes_without_table: "Notities zonder tafel",
    ratings: "IRM-beoordeling van de actiepunten",
    no_ratings: "Geen beoordelingen.",
    coverage: "Dekking van de dimensies",
    coverage_intro: "Per agendapunt: het aantal notities dat met elke dimensie is gelabeld.",
    item: "Agendapunt",
    no_dimensions: "Deze agenda heeft geen dimensies.",
    no_input: "Agendapunten zonder inbreng",
    all_had_input: "Alle agendapunten hebben inbreng gekregen.",
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
};

pub const EN: Strings = Strings {
    date: "Date",
    location: "Location",
    facilitator: "Facilitator",
    agenda: "Agenda",
    version: "version",
    tables: "Tables",
    host: "host",
    host_label: "Host",
    participants: "Participants",
    anonymized: "Anonymised",
    anonymized_note: "the names and organisations tafel knows (of participants, facilitator, hosts and action owners) are left out, also where they occur in a text",
    summary: "Summary",
    notes_per_table: "Notes per table",
    voices: "Voices per stakeholder group",
    voices_intro: "Per table: the number of notes of each stakeholder group (the note's, else the speaker's); and how many participants of each group there were.",
    group: "Stakeholder group",
    no_group: "Not recorded",
    table: "Table",
    total: "Total",
    without_table: "Without a table",
    agreements: "Agreements",
    no_agreements: "No agreements.",
    actions: "Actions",
    no_actions: "No actions.",
    owner: "owner",
    due: "due",
    owner_withheld: "owner withheld",
    name_marker: "[name]",
    incomplete_actions: "Actions without an owner or due date yet",
    all_actions_complete: "Every action has an owner and a due date.",
    no_owner_yet: "no owner yet",
    no_due_yet: "no due date yet",
    status: "Status",
    rating: "IRM rating",
    dimensions: "dimensions",
    no_tables: "none",
    no_participants: "none registered",
    no_notes: "No notes.",
    notes_without_table: "Notes without a table",
    ratings: "IRM completion ratings of the action points",
    no_ratings: "No ratings.",
    coverage: "Coverage of the dimensions",
    coverage_intro: "Per item: the number of notes tagged with each dimension.",
    item: "Item",
    no_dimensions: "This agenda has no dimensions.",
    no_input: "Items without input",
    all_had_input: "Every item received input.",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The heading over the notes of one kind: a plural.
pub fn kind_heading(kind: NoteKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (NoteKind::Observation, Lang::Nl) => "Observaties",
        (NoteKind::Idea, Lang::Nl) => "Ideeën",
        (NoteKind::Question, Lang::Nl) => "Vragen",
        (NoteKind::Concern, Lang::Nl) => "Zorgen",
        (NoteKind::Agreement, Lang::Nl) => "Afspraken",
        (NoteKind::Action, Lang::Nl) => "Acties",
        (NoteKind::Observation, Lang::En) => "Observations",
        (NoteKind::Idea, Lang::En) => "Ideas",
        (NoteKind::Question, Lang::En) => "Questions",
        (NoteKind::Concern, Lang::En) => "Concerns",
        (NoteKind::Agreement, Lang::En) => "Agreements",
        (NoteKind::Action, Lang::En) => "Actions",
    }
}

/// "20 november 2025" / "20 November 2025".
pub fn long_date(date: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        date.day(),
        strings(lang).months[date.month0() as usize],
        date.year()
    )
}
