//! The commands of the MSF's memory: follow-up meetings (`new --from`),
//! action status, reasoned responses, dossiers, search and the year's
//! report. Arguments are read here, not by clap's parsers, so that every
//! bad value is one line on stderr (`tafel: …`) and nothing is written.

use super::{Cli, FormatArg, stdout_err};
use crate::domain::memory::{ItemRef, NoteRef, ResponseInput, SearchFilter};
use crate::domain::{ActionState, Lang, NewSession, ResponseStatus};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct ActionArgs {
    /// The action: SESSION#NUMBER (a session id or unique prefix, `#`, the
    /// note's number; `tafel search` shows them).
    pub note: String,
    /// open, in_progress, done or dropped (Dutch: open, in uitvoering,
    /// afgerond, vervallen).
    #[arg(long)]
    pub status: String,
    /// The meeting in which the change is made (default: the most recent
    /// session).
    #[arg(long, value_name = "SESSION")]
    pub session: Option<String>,
    /// The day of the change, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct RespondArgs {
    /// The idea, concern, question or agreement: SESSION#NUMBER.
    pub note: String,
    /// adopted, partly_adopted, not_adopted, under_consideration or
    /// answered (Dutch: overgenomen, deels overgenomen, niet overgenomen,
    /// in overweging, beantwoord).
    #[arg(long)]
    pub status: String,
    /// Why: what was done with it, or the answer.
    #[arg(long)]
    pub reason: String,
    /// Who gives the response.
    #[arg(long, value_name = "NAME", default_value = "")]
    pub by: String,
    /// The day of the response, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct DossierArgs {
    /// The item as on screen: `AP 4`, `ap4`, `BV 2`, `PQ 2`.
    pub item: String,
    /// Only sessions on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only sessions on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: FormatArg,
    /// Write to FILE (atomically, mode 0600) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing FILE.
    #[arg(long)]
    pub force: bool,
    /// Leave out the names and organisations tafel knows.
    #[arg(long)]
    pub anonymize: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Words (all must occur), "a phrase", a prefix (woo*), AND, OR, NOT.
    pub query: String,
    /// Only this session (id or unique prefix).
    #[arg(long)]
    pub session: Option<String>,
    /// Only this item, in every session (`AP 4`, `BV 2` …).
    #[arg(long)]
    pub item: Option<String>,
    /// At most this many hits.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// The year, e.g. 2025.
    #[arg(long)]
    pub year: String,
    /// Write to FILE (atomically, mode 0600) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing FILE.
    #[arg(long)]
    pub force: bool,
}

/// What `tafel new --from` was given.
pub struct NewFrom<'a> {
    pub from: &'a str,
    pub title: Option<&'a str>,
    pub date: Option<NaiveDate>,
    pub location: Option<&'a str>,
    pub facilitator: Option<&'a str>,
}

fn date_arg(flag: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Invalid(format!(
            "{flag} `{}` is not a date of the form YYYY-MM-DD",
            crate::text::one_line(s)
        ))
    })
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn item_arg(s: &str) -> Result<ItemRef> {
    ItemRef::parse(s).ok_or_else(|| {
        Error::Invalid(format!(
            "`{}` is not an item: write it as on screen, e.g. `AP 4`, `ap4`, `BV 2` or `PQ 2`",
            crate::text::one_line(s)
        ))
    })
}

/// A value of a closed set by its key (`in_progress`, also `in-progress`)
/// or its label in either language (`in uitvoering`), any case.
fn closed_set<T: Copy>(
    what: &str,
    s: &str,
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
) -> Result<T> {
    let norm = |x: &str| x.trim().to_lowercase().replace(['-', ' '], "_");
    let wanted = norm(s);
    all.iter()
        .copied()
        .find(|v| {
            norm(key(*v)) == wanted
                || norm(label(*v, Lang::Nl)) == wanted
                || norm(label(*v, Lang::En)) == wanted
        })
        .ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|v| key(*v)).collect();
            Error::Invalid(format!(
                "unknown {what} `{}` (known: {})",
                crate::text::one_line(s),
                known.join(", ")
            ))
        })
}

/// `tafel new --from SESSION`: a follow-up meeting; prints its id.
pub fn new_from(cli: &Cli, args: &NewFrom<'_>, out: &mut dyn Write) -> Result<()> {
    let mut store = super::open_store(cli)?;
    let from = store.resolve_session(Some(args.from))?;
    let session = store.follow_up(
        &from.id,
        &NewSession {
            title: args.title.unwrap_or(&from.title).to_string(),
            date: args.date.unwrap_or_else(today),
            location: args.location.unwrap_or(&from.location).to_string(),
            facilitator: args.facilitator.unwrap_or(&from.facilitator).to_string(),
            language: cli.lang.map(Lang::from).unwrap_or(from.language),
        },
    )?;
    writeln!(out, "{}", session.id).map_err(stdout_err)
}

/// `tafel action NOTE --status STATUS`.
pub fn action(cli: &Cli, args: &ActionArgs, out: &mut dyn Write) -> Result<()> {
    let lang = super::ui_lang(cli.lang);
    let note_ref = NoteRef::parse(&args.note).map_err(Error::Invalid)?;
    let status = closed_set(
        "status",
        &args.status,
        ActionState::ALL,
        ActionState::key,
        ActionState::label,
    )?;
    let on = args
        .date
        .as_deref()
        .map(|d| date_arg("--date", d))
        .transpose()?
        .unwrap_or_else(today);
    let mut store = super::open_store(cli)?;
    let (session, note) = store.resolve_note(&note_ref)?;
    let made_in = store.resolve_session(args.session.as_deref())?;
    let before = store.action_state(&note.id)?;
    let change = store.set_action_status(&note.id, status, &made_in.id, on)?;
    writeln!(
        out,
        "{}: {} → {} ({}, {})",
        store.note_ref(&session.id, note.number)?,
        before.label(lang),
        change.status.label(lang),
        change.on,
        crate::text::one_line(&made_in.title)
    )
    .map_err(stdout_err)
}

/// `tafel respond NOTE --status STATUS --reason TEXT [--by NAME]`.
pub fn respond(cli: &Cli, args: &RespondArgs, out: &mut dyn Write) -> Result<()> {
    let lang = super::ui_lang(cli.lang);
    let note_ref = NoteRef::parse(&args.note).map_err(Error::Invalid)?;
    let status = closed_set(
        "response status",
        &args.status,
        ResponseStatus::ALL,
        ResponseStatus::key,
        ResponseStatus::label,
    )?;
    let on = args
        .date
        .as_deref()
        .map(|d| date_arg("--date", d))
        .transpose()?
        .unwrap_or_else(today);
    let mut store = super::open_store(cli)?;
    let (session, note) = store.resolve_note(&note_ref)?;
    let response = store.respond(
        &note.id,
        &ResponseInput {
            status,
            reason: args.reason.clone(),
            by: args.by.clone(),
            on,
        },
    )?;
    writeln!(
        out,
        "{}: {} ({})",
        store.note_ref(&session.id, note.number)?,
        response.status.label(lang),
        response.on
    )
    .map_err(stdout_err)
}

/// `tafel dossier ITEM`.
pub fn dossier(cli: &Cli, args: &DossierArgs, out: &mut dyn Write) -> Result<()> {
    let item = item_arg(&args.item)?;
    let from = args
        .from
        .as_deref()
        .map(|d| date_arg("--from", d))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|d| date_arg("--to", d))
        .transpose()?;
    let store = super::open_store(cli)?;
    crate::export::dossier::run(
        &store,
        &crate::export::dossier::DossierOptions {
            item,
            from,
            to,
            format: match args.format {
                FormatArg::Markdown => crate::export::ExportFormat::Markdown,
                FormatArg::Json => crate::export::ExportFormat::Json,
                FormatArg::Html => {
                    return Err(Error::Invalid(
                        "a dossier is written as Markdown or JSON (--format markdown|json)".into(),
                    ));
                }
            },
            output: args.output.clone(),
            force: args.force,
            anonymize: args.anonymize,
            lang: cli.lang.map(Lang::from),
        },
        out,
    )
}

/// `tafel search QUERY`: one line per hit.
pub fn search(cli: &Cli, args: &SearchArgs, out: &mut dyn Write) -> Result<()> {
    let lang = super::ui_lang(cli.lang);
    let item = args.item.as_deref().map(item_arg).transpose()?;
    let store = super::open_store(cli)?;
    let session_id = match &args.session {
        Some(s) => Some(store.resolve_session(Some(s))?.id),
        None => None,
    };
    let hits = store.search(
        &args.query,
        &SearchFilter {
            session_id,
            item,
            limit: Some(args.limit),
        },
    )?;
    if hits.is_empty() {
        return writeln!(
            out,
            "nothing found for `{}`",
            crate::text::one_line(&args.query)
        )
        .map_err(stdout_err);
    }
    let mut short = std::collections::HashMap::new();
    for hit in &hits {
        if !short.contains_key(&hit.session.id) {
            let prefix = store.short_session_id(&hit.session.id)?;
            short.insert(hit.session.id.clone(), prefix);
        }
        let kind = match hit.source {
            crate::domain::memory::HitSource::Note => hit.kind.label(lang).to_string(),
            crate::domain::memory::HitSource::Response(status) => format!(
                "{}, {}: {}",
                hit.kind.label(lang),
                response_word(lang),
                status.label(lang)
            ),
        };
        writeln!(
            out,
            "{}  {} · {} · {}#{} · {} · {}",
            hit.session.date,
            crate::text::one_line(&hit.session.title),
            hit.item.short_label(lang),
            short[&hit.session.id],
            hit.note_number,
            kind,
            crate::text::one_line(&hit.marked("«", "»"))
        )
        .map_err(stdout_err)?;
    }
    Ok(())
}

fn response_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "reactie",
        Lang::En => "response",
    }
}

/// `tafel report --year YYYY`.
pub fn report(cli: &Cli, args: &ReportArgs, out: &mut dyn Write) -> Result<()> {
    let year: i32 = args
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1000..=9999).contains(y))
        .ok_or_else(|| {
            Error::Invalid(format!(
                "--year `{}` is not a year such as 2025",
                crate::text::one_line(&args.year)
            ))
        })?;
    let store = super::open_store(cli)?;
    crate::export::report::run(
        &store,
        &crate::export::report::ReportOptions {
            year,
            output: args.output.clone(),
            force: args.force,
            lang: cli.lang.map(Lang::from),
        },
        out,
    )
}
