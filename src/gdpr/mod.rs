//! Personal data (AVG/GDPR): finding one person across all sessions
//! (`tafel person`, the right of access), and erasing them — or, after a
//! retention period, everyone of older sessions — from the database file
//! (`tafel forget`).
//!
//! A *person* is the participant records of every session that have the
//! same name and organisation (case and spacing ignored). `NAME` finds them
//! as the editor's `@name` finds a participant: each word of `NAME` is a
//! word of their name or organisation, or the start of one; whole words
//! win over starts, and the whole name or organisation typed out wins over
//! both. Unknown or ambiguous is a one-line error listing the candidates.
//!
//! Where a name is found in text, and what replaces it, are the rules of
//! `export::anonymize` (the same as `--anonymize`): the forgotten person's
//! name and organisation become their stakeholder group (`[Overheid]`), or
//! the neutral marker (`[naam]`) where the same word is also someone
//! else's; an action they own gets their group as its owner.
//!
//! Reasoned responses (`response`) are part of both: the access report
//! lists the responses a person gave (their name in "given by"), and
//! `forget` rewrites the reason and the giver like any other text
//! (`store::forget::Field`, `store::people::ERASED_TABLES`). Text columns of
//! tables this code does not know are found by
//! `Store::unknown_text_columns` and named, never silently kept.

pub mod forget;
pub mod report;

use crate::domain::inline::{fits_word, name_words};
use crate::domain::{Participant, Session, StakeholderGroup};
use crate::error::{Error, Result};
use crate::export::anonymize::{self, Anonymizer};
use crate::store::Store;
use crate::store::forget::Rewrite;
use chrono::{Months, NaiveDate};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// One person: the participant records, in every session, of one name and
/// organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: Option<String>,
    pub organisation: Option<String>,
    /// Their records, by session date (also deleted ones).
    pub records: Vec<Participant>,
}

impl Person {
    /// "Anouk de Vries (Ministerie van BZK)", on one line.
    pub fn label(&self) -> String {
        let one = |s: &str| crate::text::one_line(s);
        match (&self.name, &self.organisation) {
            (Some(n), Some(o)) => format!("{} ({})", one(n), one(o)),
            (Some(n), None) => one(n),
            (None, Some(o)) => one(o),
            (None, None) => String::new(),
        }
    }

    /// Their stakeholder groups, over all records.
    pub fn groups(&self) -> BTreeSet<StakeholderGroup> {
        self.records.iter().map(|r| r.group).collect()
    }

    /// Ids of their records in `session_id`.
    pub fn records_in(&self, session_id: &str) -> Vec<String> {
        self.records
            .iter()
            .filter(|r| r.session_id == session_id)
            .map(|r| r.id.clone())
            .collect()
    }

    fn is(&self, name: Option<&str>, organisation: Option<&str>) -> bool {
        key(name, organisation) == key(self.name.as_deref(), self.organisation.as_deref())
    }
}

/// How records of one person are recognised: name and organisation,
/// lowercase, with single spaces.
fn key(name: Option<&str>, organisation: Option<&str>) -> (String, String) {
    let norm = |s: Option<&str>| {
        s.unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    (norm(name), norm(organisation))
}

/// Every person tafel holds: participant records with a name or an
/// organisation, grouped (see [`Person`]), in order of first appearance.
pub fn people(store: &Store) -> Result<Vec<Person>> {
    let mut out: Vec<Person> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for p in store.all_participants()? {
        if p.name.is_none() && p.organisation.is_none() {
            continue;
        }
        let k = key(p.name.as_deref(), p.organisation.as_deref());
        match index.get(&k) {
            Some(&i) => out[i].records.push(p),
            None => {
                index.insert(k, out.len());
                out.push(Person {
                    name: p.name.clone(),
                    organisation: p.organisation.clone(),
                    records: vec![p],
                });
            }
        }
    }
    Ok(out)
}

/// How well a query names a person; higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Every word of the query starts a word of theirs.
    Prefix,
    /// Every word of the query is a word of theirs.
    Words,
    /// The query is their whole name or organisation.
    Whole,
}

fn fit(query: &str, person: &Person) -> Option<Fit> {
    let fields: Vec<&str> = [person.name.as_deref(), person.organisation.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let q = key(Some(query), None).0;
    if fields.iter().any(|f| key(Some(f), None).0 == q) {
        return Some(Fit::Whole);
    }
    let words = name_words(query);
    if words.is_empty() {
        return None;
    }
    let mut all_exact = true;
    for w in &words {
        let best = fields.iter().filter_map(|f| fits_word(w, f)).max()?;
        all_exact &= best;
    }
    Some(if all_exact { Fit::Words } else { Fit::Prefix })
}

/// The one person `query` names (see the module documentation), or a
/// one-line error listing the candidates.
pub fn find(store: &Store, query: &str) -> Result<Person> {
    let all = people(store)?;
    let fits: Vec<(Fit, &Person)> = all
        .iter()
        .filter_map(|p| fit(query, p).map(|f| (f, p)))
        .collect();
    let best = fits.iter().map(|(f, _)| *f).max();
    let top: Vec<&Person> = fits
        .iter()
        .filter(|(f, _)| Some(*f) == best)
        .map(|(_, p)| *p)
        .collect();
    let shown = crate::text::one_line(query);
    match top.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::Invalid(format!(
            "nobody called `{shown}` in any session (participants: {})",
            candidates(all.iter())
        ))),
        many => Err(Error::Invalid(format!(
            "`{shown}` could be {} people: {}; give more of the name",
            many.len(),
            candidates(many.iter().copied())
        ))),
    }
}

/// At most ten people's labels, joined.
fn candidates<'p>(people: impl Iterator<Item = &'p Person>) -> String {
    let labels: Vec<String> = people.map(Person::label).collect();
    match labels.len() {
        0 => "none".to_string(),
        n if n > 10 => format!("{}, … ({n} in all)", labels[..10].join("; ")),
        _ => labels.join("; "),
    }
}

/// `--older-than`: months (`24m`), days (`90d`), years (`2y`) before
/// `today`, or a date (`YYYY-MM-DD`); sessions dated before it are old.
pub fn cutoff(spec: &str, today: NaiveDate) -> Result<NaiveDate> {
    let bad = || {
        Error::Invalid(format!(
            "--older-than `{}`: not a duration (24m, 90d, 2y) or a date (YYYY-MM-DD)",
            crate::text::one_line(spec)
        ))
    };
    let s = spec.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    let unit = s.chars().last().ok_or_else(bad)?;
    let n: u32 = s[..s.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    match unit.to_ascii_lowercase() {
        'd' => today.checked_sub_days(chrono::Days::new(n.into())),
        'm' => today.checked_sub_months(Months::new(n)),
        'y' => n
            .checked_mul(12)
            .and_then(|m| today.checked_sub_months(Months::new(m))),
        _ => None,
    }
    .ok_or_else(bad)
}

/// A session's erasure: what the rules of `export::anonymize` make of its
/// text, written into the database.
pub struct Erase {
    anon: Anonymizer,
}

impl Rewrite for Erase {
    fn text(&self, text: &str) -> Option<String> {
        match self.anon.text(text) {
            Cow::Owned(s) => Some(s),
            Cow::Borrowed(_) => None,
        }
    }

    fn owner(&self, owner: &str) -> Option<String> {
        Some(self.anon.owner_text(owner)).filter(|o| o != owner)
    }

    fn person(&self, name: &str) -> Option<String> {
        if self.anon.is_full() {
            Some(String::new()).filter(|_| !name.is_empty())
        } else {
            self.text(name)
        }
    }
}

impl Erase {
    /// Whether `text` holds a name this erasure takes out.
    pub fn finds(&self, text: &str) -> bool {
        self.anon.finds(text)
    }

    /// What an action's owner means to this erasure.
    pub fn owner_kind(&self, owner: &str) -> anonymize::Owner {
        self.anon.owner(owner)
    }
}

/// The erasure of `person` in `session`: their records there (or, in a
/// session they are not registered in, their name with each of their
/// groups) are left out, everyone else of the session is kept.
pub fn person_erasure(store: &Store, session: &Session, person: &Person) -> Result<Erase> {
    let known = store.known_names(&session.id)?;
    let here: Vec<&Participant> = person
        .records
        .iter()
        .filter(|r| r.session_id == session.id)
        .collect();
    let groups: Vec<StakeholderGroup> = if here.is_empty() {
        person.groups().into_iter().collect()
    } else {
        here.iter().map(|r| r.group).collect()
    };
    let hidden: Vec<anonymize::Person<'_>> = groups
        .into_iter()
        .map(|group| anonymize::Person {
            name: person.name.as_deref(),
            organisation: person.organisation.as_deref(),
            group,
        })
        .collect();
    let kept: Vec<anonymize::Person<'_>> = known
        .participants
        .iter()
        .filter(|(n, o, _)| !person.is(n.as_deref(), o.as_deref()))
        .map(|(n, o, g)| anonymize::Person {
            name: n.as_deref(),
            organisation: o.as_deref(),
            group: *g,
        })
        .collect();
    let people: Vec<&str> = std::iter::once(session.facilitator.as_str())
        .chain(known.hosts.iter().map(String::as_str))
        .collect();
    let owners: Vec<&str> = known.owners.iter().map(String::as_str).collect();
    Ok(Erase {
        anon: Anonymizer::selective(&hidden, &kept, &people, &owners, session.language),
    })
}

/// Finds `person`'s name and organisation anywhere (no one else's names
/// are known): for text outside the sessions, such as tables this tafel
/// does not know.
pub fn person_finder(person: &Person) -> Erase {
    let hidden: Vec<anonymize::Person<'_>> = person
        .groups()
        .into_iter()
        .map(|group| anonymize::Person {
            name: person.name.as_deref(),
            organisation: person.organisation.as_deref(),
            group,
        })
        .collect();
    Erase {
        anon: Anonymizer::selective(&hidden, &[], &[], &[], crate::domain::Lang::En),
    }
}

/// The erasure of everyone in `session` (retention): what `--anonymize`
/// leaves of it.
pub fn session_erasure(store: &Store, session: &Session) -> Result<Erase> {
    let anon = Anonymizer::for_export(store, session, session.language, true)?
        .ok_or_else(|| Error::Invalid("no anonymizer".into()))?;
    Ok(Erase { anon })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(cutoff("24m", today).unwrap(), d(2024, 3, 31));
        assert_eq!(cutoff("1m", today).unwrap(), d(2026, 2, 28));
        assert_eq!(cutoff("2y", today).unwrap(), d(2024, 3, 31));
        assert_eq!(cutoff("30d", today).unwrap(), d(2026, 3, 1));
        assert_eq!(cutoff(" 2025-01-15 ", today).unwrap(), d(2025, 1, 15));
        for bad in [
            "",
            "m",
            "24",
            "24w",
            "-3m",
            "2025-13-01",
            "24 m",
            "1.5y",
            "é",
        ] {
            let e = cutoff(bad, today).unwrap_err().to_string();
            assert!(e.starts_with("--older-than `"), "{bad}: {e}");
            assert!(!e.contains('\n'));
        }
    }
}
