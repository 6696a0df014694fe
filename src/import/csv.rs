//! `tafel import --csv FILE --session SESSION`: a harvest of notes typed up
//! from paper (or exported by another tool) as CSV.
//!
//! A header row names the columns, from `item, kind, text, group,
//! participant, tags, owner, due, table` (Dutch names too: `punt, soort,
//! tekst, groep, deelnemer, tags, eigenaar, deadline, tafel`); only `item`
//! and `text` are needed. UTF-8 with or without a BOM, separated by commas
//! or semicolons (as Dutch Excel writes it; told from the header line),
//! fields quoted as CSV quotes them (with line breaks inside). Every bad
//! row is reported as `FILE:LINE: message`, LINE being the line where the
//! row starts, and nothing is written unless every row is good.

use crate::domain::inline::{self, Speaker, Vocabulary};
use crate::domain::memory::ItemRef;
use crate::domain::{
    Dimension, Item, Lang, NoteContent, NoteInput, NoteKind, Participant, Session,
    StakeholderGroup, Table,
};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use std::path::Path;

/// The columns a harvest may have, each with its Dutch name.
const COLUMNS: &[(&str, &str)] = &[
    ("item", "punt"),
    ("kind", "soort"),
    ("text", "tekst"),
    ("group", "groep"),
    ("participant", "deelnemer"),
    ("tags", "tags"),
    ("owner", "eigenaar"),
    ("due", "deadline"),
    ("table", "tafel"),
];

/// What the rows are checked against: the session's agenda, tables and
/// participants.
pub struct Target<'a> {
    pub session: &'a Session,
    pub items: &'a [Item],
    pub dimensions: &'a [Dimension],
    pub participants: &'a [Participant],
    pub tables: &'a [Table],
}

/// Reads a harvest: the notes of every row, or every bad row as
/// `FILE:LINE: message` ([`Error::Lines`]).
pub fn read(path: &Path, s: &Target<'_>) -> Result<Vec<NoteInput>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Error::Invalid(format!(
            "{}:{line}: not UTF-8 text (save the file as \"CSV UTF-8\")",
            path.display()
        ))
    })?;
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let file = path.display().to_string();
    let names = reader
        .headers()
        .map_err(|e| Error::Invalid(format!("{file}:1: {e}")))?
        .clone();
    let cols = columns(&file, &names)?;
    let vocab = Vocabulary {
        participants: s.participants,
        dimensions: s.dimensions,
        year: s.session.date.year(),
    };
    let mut notes = Vec::new();
    let mut bad = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                bad.push(format!("{file}:{line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // an empty line (Excel leaves them at the end)
        }
        if record.len() > names.len() {
            bad.push(format!(
                "{file}:{line}: {} fields, the header has {}",
                record.len(),
                names.len()
            ));
            continue;
        }
        let get = |c: usize| -> &str {
            cols[c]
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or_default()
        };
        match note(s, &vocab, |c| get(c)) {
            Ok(n) => notes.push(n),
            Err(problems) => bad.push(format!("{file}:{line}: {}", problems.join("; "))),
        }
    }
    if !bad.is_empty() {
        let n = bad.len();
        bad.push(format!(
            "{file}: {n} bad {}; nothing imported",
            if n == 1 { "row" } else { "rows" }
        ));
        return Err(Error::Lines(bad));
    }
    Ok(notes)
}

/// For each of [`COLUMNS`], its index in the header, if there.
fn columns(file: &str, names: &::csv::StringRecord) -> Result<Vec<Option<usize>>> {
    let mut found: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    let mut bad = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let n = name.trim().to_lowercase();
        if n.is_empty() {
            continue;
        }
        match COLUMNS.iter().position(|(en, nl)| n == *en || n == *nl) {
            Some(c) if found[c].is_some() => {
                bad.push(format!("{file}:1: column `{}` twice", name.trim()))
            }
            Some(c) => found[c] = Some(i),
            None => bad.push(format!(
                "{file}:1: unknown column `{}` (known: {})",
                crate::text::one_line(name.trim()),
                COLUMNS
                    .iter()
                    .map(|(en, _)| *en)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    for (c, what) in [(0, "item"), (2, "text")] {
        if found[c].is_none() {
            bad.push(format!(
                "{file}:1: no `{what}` column (the header row needs at least item and text)"
            ));
        }
    }
    if bad.is_empty() {
        Ok(found)
    } else {
        Err(Error::Lines(bad))
    }
}

/// `s` lowercased, `_` as a space, spaces collapsed.
fn flat(s: &str) -> String {
    s.to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn kind(s: &str) -> Option<NoteKind> {
    let w = flat(s);
    NoteKind::ALL
        .iter()
        .copied()
        .find(|k| flat(k.key()) == w || [Lang::Nl, Lang::En].iter().any(|l| flat(k.label(*l)) == w))
}

/// A group by its key or label in either language, or a part of a label
/// between slashes (`Wetenschap`, `Academia`).
fn group(s: &str) -> Option<StakeholderGroup> {
    let w = flat(s);
    StakeholderGroup::ALL.iter().copied().find(|g| {
        flat(g.key()) == w
            || [Lang::Nl, Lang::En].iter().any(|l| {
                let label = flat(g.label(*l));
                label == w || label.split('/').any(|part| part.trim() == w)
            })
    })
}

fn date(s: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// The note of one row, or what is wrong with it.
fn note<'a>(
    s: &Target<'_>,
    vocab: &Vocabulary<'_>,
    get: impl Fn(usize) -> &'a str,
) -> std::result::Result<NoteInput, Vec<String>> {
    let mut problems = Vec::new();
    let one = crate::text::one_line;
    let item = match get(0) {
        "" => {
            problems.push("missing item".to_string());
            None
        }
        it => {
            let found = ItemRef::parse(it).and_then(|r| {
                s.items
                    .iter()
                    .find(|i| i.kind == r.kind && i.number == r.number)
            });
            if found.is_none() {
                problems.push(format!("unknown item `{}`", one(it)));
            }
            found
        }
    };
    let kind = match get(1) {
        "" => NoteKind::Observation,
        k => kind(k).unwrap_or_else(|| {
            problems.push(format!(
                "unknown kind `{}` (observation, idea, question, concern, agreement, action)",
                one(k)
            ));
            NoteKind::Observation
        }),
    };
    let text = get(2);
    if text.is_empty() {
        problems.push("missing text".to_string());
    }
    let mut group_of = match get(3) {
        "" => None,
        g => {
            let found = group(g);
            if found.is_none() {
                problems.push(format!("unknown group `{}`", one(g)));
            }
            found
        }
    };
    let mut participant_id = None;
    match get(4) {
        "" => {}
        p => match participant(p, s.participants, vocab) {
            Ok(Speaker::Participant(id)) => {
                if group_of.is_none() {
                    group_of = s.participants.iter().find(|x| x.id == id).map(|x| x.group);
                }
                participant_id = Some(id);
            }
            Ok(Speaker::Group(g)) => group_of = group_of.or(Some(g)),
            Err(e) => problems.push(e),
        },
    }
    let mut tags = Vec::new();
    for t in get(5)
        .split([';', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let w = t.to_lowercase();
        match s
            .dimensions
            .iter()
            .find(|d| d.key.to_lowercase() == w || d.name.to_lowercase() == w)
        {
            Some(d) => tags.push(d.key.clone()),
            None => problems.push(format!("unknown tag `{}`", one(t))),
        }
    }
    let due = match get(7) {
        "" => None,
        d => {
            let found = date(d);
            if found.is_none() {
                problems.push(format!(
                    "bad date `{}` (due: YYYY-MM-DD or DD-MM-YYYY)",
                    one(d)
                ));
            }
            found
        }
    };
    let table_id = match get(8) {
        "" => None,
        t => {
            let w = t.to_lowercase();
            let found = s
                .tables
                .iter()
                .find(|x| x.id == t || x.name.trim().to_lowercase() == w);
            if found.is_none() {
                problems.push(format!("unknown table `{}`", one(t)));
            }
            found.map(|x| x.id.clone())
        }
    };
    match item {
        Some(item) if problems.is_empty() => Ok(NoteInput {
            item_id: item.id.clone(),
            table_id,
            content: NoteContent {
                kind,
                text: text.to_string(),
                participant_id,
                group: group_of,
                tags,
                owner: get(6).to_string(),
                due,
            },
            ..NoteInput::default()
        }),
        _ => Err(problems),
    }
}

/// A participant by their whole name, organisation or label, else by one
/// word as `@name` finds them.
fn participant(
    p: &str,
    all: &[Participant],
    vocab: &Vocabulary<'_>,
) -> std::result::Result<Speaker, String> {
    let w = p.to_lowercase();
    let whole: Vec<&Participant> = all
        .iter()
        .filter(|x| {
            [x.name.as_deref(), x.organisation.as_deref()]
                .into_iter()
                .flatten()
                .any(|n| n.trim().to_lowercase() == w)
                || x.label(Lang::Nl).to_lowercase() == w
                || x.label(Lang::En).to_lowercase() == w
        })
        .collect();
    if whole.len() == 1 {
        return Ok(Speaker::Participant(whole[0].id.clone()));
    }
    let one = crate::text::one_line(p);
    if p.contains(char::is_whitespace) && whole.is_empty() {
        return Err(format!("unknown participant `{one}`"));
    }
    match inline::speaker(p, vocab) {
        Ok(s) => Ok(s),
        Err(inline::Problem::Ambiguous(_, names)) => Err(format!(
            "participant `{one}` matches several: {}",
            names.join(", ")
        )),
        Err(_) => Err(format!("unknown participant `{one}`")),
    }
}
