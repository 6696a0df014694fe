//! `tafel report --year YYYY`: the year's evidence for the OGP point of
//! contact and the IRM, as Markdown tables — meetings held (and whether
//! OGP's minimum of two a year is met), attendance per stakeholder group
//! per meeting (participants and notes), inputs by kind, the share of
//! inputs with a reasoned response, actions opened, done and dropped, and
//! the IRM ratings at the year's last meeting.
//!
//! Every meeting dated in the year counts, of any agenda. Deterministic:
//! the same database gives the same bytes.

use super::Out;
use super::escape::inline;
use super::markdown::table;
use super::memory_strings::memory_strings;
use super::strings::{kind_heading, long_date, strings};
use crate::domain::memory::ItemRef;
use crate::domain::{ActionState, ItemKind, Lang, NoteKind, Session, StakeholderGroup};
use crate::error::{Error, Result};
use crate::store::{Store, YearCounts};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// OGP's minimum number of MSF meetings a year.
pub const OGP_MINIMUM_MEETINGS: usize = 2;

/// What `tafel report` was asked for.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub year: i32,
    /// Write to this file (atomically, mode 0600) instead of `out`.
    pub output: Option<PathBuf>,
    pub force: bool,
    /// Language (default: that of the year's last meeting; English when
    /// there is none).
    pub lang: Option<Lang>,
}

/// One meeting of the year, with its counts.
struct Meeting {
    session: Session,
    tables: usize,
    counts: YearCounts,
    /// Notes per kind.
    kinds: Vec<u64>,
}

impl Meeting {
    fn notes(&self) -> u64 {
        self.kinds.iter().sum()
    }

    fn participants(&self) -> u64 {
        self.counts.participants.iter().map(|(_, n)| n).sum()
    }
}

fn pct(part: u64, whole: u64) -> String {
    match (part * 100 + whole / 2).checked_div(whole) {
        Some(p) => format!("{p}%"),
        None => "–".into(),
    }
}

fn write(
    store: &Store,
    year: i32,
    lang: Lang,
    meetings: &[Meeting],
    out: &mut Out<'_>,
) -> Result<()> {
    let (s, m) = (strings(lang), memory_strings(lang));
    out.line(&format!("# MSF {year}: {}", m.report_title))?;
    out.blank()?;

    // Meetings.
    out.line(&format!("## {}", m.meetings))?;
    out.blank()?;
    let met = if meetings.len() >= OGP_MINIMUM_MEETINGS {
        m.met
    } else {
        m.not_met
    };
    out.line(&format!(
        "- **{}:** {met} ({} {})",
        m.ogp_minimum,
        meetings.len(),
        m.meetings.to_lowercase()
    ))?;
    out.blank()?;
    if meetings.is_empty() {
        out.line(&format!("*{}*", m.no_meetings))?;
        return out.blank();
    }
    let rows: Vec<Vec<String>> = meetings
        .iter()
        .map(|mt| {
            vec![
                mt.session.date.to_string(),
                inline(&mt.session.title),
                mt.tables.to_string(),
                mt.participants().to_string(),
                mt.notes().to_string(),
            ]
        })
        .collect();
    table(
        out,
        &[
            s.date.to_string(),
            m.meeting.to_string(),
            s.tables.to_string(),
            m.participants.to_string(),
            m.notes.to_string(),
        ],
        2,
        &rows,
    )?;

    // Attendance.
    out.line(&format!("## {}", m.attendance))?;
    out.blank()?;
    for (title, notes) in [(m.participants, false), (m.notes_by_group, true)] {
        out.line(&format!("### {title}"))?;
        out.blank()?;
        let mut groups: Vec<Option<StakeholderGroup>> =
            StakeholderGroup::ALL.iter().copied().map(Some).collect();
        let unknown = notes
            && meetings.iter().any(|mt| {
                mt.counts
                    .notes_by_group
                    .iter()
                    .any(|(g, n)| g.is_none() && *n > 0)
            });
        if unknown {
            groups.push(None);
        }
        let mut header = vec![s.date.to_string()];
        header.extend(
            groups
                .iter()
                .map(|g| g.map_or(m.unknown_group.to_string(), |g| inline(g.label(lang)))),
        );
        header.push(s.total.to_string());
        let rows: Vec<Vec<String>> = meetings
            .iter()
            .map(|mt| {
                let counts: Vec<u64> = groups
                    .iter()
                    .map(|g| {
                        if notes {
                            mt.counts
                                .notes_by_group
                                .iter()
                                .filter(|(x, _)| x == g)
                                .map(|(_, n)| n)
                                .sum()
                        } else {
                            mt.counts
                                .participants
                                .iter()
                                .filter(|(x, _)| Some(*x) == *g)
                                .map(|(_, n)| n)
                                .sum()
                        }
                    })
                    .collect();
                std::iter::once(mt.session.date.to_string())
                    .chain(counts.iter().map(u64::to_string))
                    .chain(std::iter::once(counts.iter().sum::<u64>().to_string()))
                    .collect()
            })
            .collect();
        table(out, &header, 1, &rows)?;
    }

    // Inputs by kind.
    out.line(&format!("## {}", m.inputs_by_kind))?;
    out.blank()?;
    let mut header = vec![s.date.to_string()];
    header.extend(
        NoteKind::ALL
            .iter()
            .map(|k| kind_heading(*k, lang).to_string()),
    );
    header.push(s.total.to_string());
    let mut totals = vec![0u64; NoteKind::ALL.len()];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for mt in meetings {
        totals.iter_mut().zip(&mt.kinds).for_each(|(t, n)| *t += n);
        rows.push(
            std::iter::once(mt.session.date.to_string())
                .chain(mt.kinds.iter().map(u64::to_string))
                .chain(std::iter::once(mt.notes().to_string()))
                .collect(),
        );
    }
    rows.push(
        std::iter::once(format!("**{}**", s.total))
            .chain(totals.iter().map(|n| format!("**{n}**")))
            .chain(std::iter::once(format!(
                "**{}**",
                totals.iter().sum::<u64>()
            )))
            .collect(),
    );
    table(out, &header, 1, &rows)?;

    // Reasoned responses.
    out.line(&format!("## {}", m.response_share))?;
    out.blank()?;
    let mut header = vec![
        s.date.to_string(),
        m.inputs.to_string(),
        m.with_response.to_string(),
        m.share.to_string(),
    ];
    header.extend(
        crate::domain::ResponseStatus::ALL
            .iter()
            .map(|r| inline(r.label(lang))),
    );
    let mut total = (
        0u64,
        0u64,
        vec![0u64; crate::domain::ResponseStatus::ALL.len()],
    );
    let mut rows: Vec<Vec<String>> = Vec::new();
    for mt in meetings {
        let with: u64 = mt.counts.responses.iter().map(|(_, n)| n).sum();
        total.0 += mt.counts.inputs;
        total.1 += with;
        for (t, (_, n)) in total.2.iter_mut().zip(&mt.counts.responses) {
            *t += n;
        }
        rows.push(
            [
                mt.session.date.to_string(),
                mt.counts.inputs.to_string(),
                with.to_string(),
                pct(with, mt.counts.inputs),
            ]
            .into_iter()
            .chain(mt.counts.responses.iter().map(|(_, n)| n.to_string()))
            .collect(),
        );
    }
    rows.push(
        [
            format!("**{}**", s.total),
            format!("**{}**", total.0),
            format!("**{}**", total.1),
            format!("**{}**", pct(total.1, total.0)),
        ]
        .into_iter()
        .chain(total.2.iter().map(|n| format!("**{n}**")))
        .collect(),
    );
    table(out, &header, 1, &rows)?;

    // Actions.
    out.line(&format!("## {}", m.actions))?;
    out.blank()?;
    let (start, end) = year_bounds(year)?;
    let actions = store.actions_at(end)?;
    let in_year = |d: Option<NaiveDate>| d.is_some_and(|d| d >= start && d <= end);
    let opened = actions
        .iter()
        .filter(|a| a.noted_on >= start && a.noted_on <= end)
        .count();
    let count = |state: ActionState, changed_in_year: bool| {
        actions
            .iter()
            .filter(|a| a.state == state && (!changed_in_year || in_year(a.since)))
            .count()
            .to_string()
    };
    table(
        out,
        &[
            format!("{} {year}", m.opened_in),
            format!("{} {year}", m.done_in),
            format!("{} {year}", m.dropped_in),
            format!("{} {year}", m.in_progress_end),
            format!("{} {year}", m.open_end),
        ],
        0,
        &[vec![
            opened.to_string(),
            count(ActionState::Done, true),
            count(ActionState::Dropped, true),
            count(ActionState::InProgress, false),
            count(ActionState::Open, false),
        ]],
    )?;

    // Ratings at the last meeting.
    let last = &meetings.last().expect("not empty").session;
    out.line(&format!(
        "## {} ({})",
        m.last_ratings,
        long_date(last.date, lang)
    ))?;
    out.blank()?;
    let items = store.items(&last.id)?;
    let ratings = store.ratings(&last.id)?;
    let mut rows = Vec::new();
    for r in &ratings {
        let Some(item) = items.iter().find(|i| i.id == r.item_id) else {
            continue;
        };
        if item.kind != ItemKind::ActionPoint {
            continue;
        }
        let trail = store.rating_trail(&last.agenda_name, ItemRef::of(item), last.date)?;
        let previous = trail
            .iter()
            .rev()
            .find(|(head, _)| head.id != last.id)
            .map_or_else(
                || "–".to_string(),
                |(head, level)| {
                    format!(
                        "{} ({})",
                        inline(level.label(lang)),
                        head.date.format("%Y-%m")
                    )
                },
            );
        rows.push(vec![
            format!("{} — {}", inline(&item.label(lang)), inline(&item.title)),
            inline(r.level.label(lang)),
            previous,
        ]);
    }
    if rows.is_empty() {
        out.line(&format!("*{}*", s.no_ratings))?;
        return out.blank();
    }
    let action_point = ItemKind::ActionPoint.label(lang).to_string();
    table(
        out,
        &[
            action_point,
            s.rating.to_string(),
            m.previous_rating.to_string(),
        ],
        3,
        &rows,
    )
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || Error::Invalid(format!("{year} is not a year tafel can report on"));
    Ok((
        NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?,
        NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?,
    ))
}

/// Reads the year's meetings and their counts, oldest first.
fn meetings(store: &Store, year: i32) -> Result<Vec<Meeting>> {
    let (start, end) = year_bounds(year)?;
    store
        .sessions_between(start, end)?
        .into_iter()
        .map(|session| {
            let counts = store.year_counts(&session.id)?;
            let per_kind = store.export_counts(&session.id)?;
            let kinds = NoteKind::ALL
                .iter()
                .map(|k| {
                    per_kind
                        .iter()
                        .filter(|c| c.kind == *k)
                        .map(|c| c.count)
                        .sum()
                })
                .collect();
            Ok(Meeting {
                tables: store.tables(&session.id)?.len(),
                session,
                counts,
                kinds,
            })
        })
        .collect()
}

/// `tafel report`: to stdout or, with `-o`, to a file (atomically, mode
/// 0600, an existing file only with `--force`).
pub fn run(store: &Store, opts: &ReportOptions, out: &mut dyn Write) -> Result<()> {
    let meetings = meetings(store, opts.year)?;
    let lang = opts
        .lang
        .or(meetings.last().map(|m| m.session.language))
        .unwrap_or(Lang::En);
    match &opts.output {
        None => write(
            store,
            opts.year,
            lang,
            &meetings,
            &mut Out {
                w: out,
                dest: Path::new("<stdout>"),
            },
        ),
        Some(path) => super::write_file(path, opts.force, |out| {
            write(store, opts.year, lang, &meetings, out)
        })
        .map(|_| ()),
    }
}
