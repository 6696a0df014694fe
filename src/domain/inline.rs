//! Inline capture: what a minute-taker writes in front of a remark.
//!
//! `@anouk +data Idee: meer open data bij gemeenten` is an idea by Anouk,
//! tagged Open Data, with the text "meer open data bij gemeenten". Only the
//! start of a note is read: any run of `@name` (speaker) and `+word`
//! (dimension tag), then a kind word with a colon in Dutch or English, and
//! for an action a due date (`YYYY-MM-DD` or `DD-MM`) and `@name` (owner)
//! right after it. Whatever follows is the text, literally: a colon later on
//! is never read. A backslash in front (`\@`, `\+`, `\Idee:`) keeps the
//! word as text. Pure: no I/O, no clock.

use super::{Dimension, Id, NoteKind, Participant, StakeholderGroup};
use chrono::{Datelike, NaiveDate};

/// What a note is checked against.
pub struct Vocabulary<'a> {
    pub participants: &'a [Participant],
    pub dimensions: &'a [Dimension],
    /// The year a `DD-MM` due date falls in (the session's).
    pub year: i32,
}

/// Who a `@name` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    Participant(Id),
    Group(StakeholderGroup),
}

/// A word that cannot be used as it is; the note is not saved until it is
/// fixed or escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `@name` or `+word` that matches nothing.
    Unknown(String),
    /// `@name` or `+word` that matches more than one; the candidates.
    Ambiguous(String, Vec<String>),
    /// A due date that is not a date.
    BadDate(String),
    /// A second speaker (or owner) before the text.
    Twice(String),
}

/// What the start of a note says, and the text without it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub text: String,
    pub kind: Option<NoteKind>,
    pub speaker: Option<Speaker>,
    /// Dimension keys, in the order written.
    pub tags: Vec<String>,
    pub due: Option<NaiveDate>,
    /// An action's owner given as `@name` after the kind word.
    pub owner: Option<Speaker>,
    pub problems: Vec<Problem>,
}

/// Reads the start of `input`.
pub fn parse(input: &str, vocab: &Vocabulary<'_>) -> Parsed {
    let mut out = Parsed::default();
    let mut rest = input;
    let mut consumed = false;
    let mut after_kind = false;
    let mut date_allowed = false;
    loop {
        let trimmed = rest.trim_start();
        let (word, tail) = split_word(trimmed);
        if word.is_empty() {
            rest = trimmed;
            break;
        }
        if let Some(name) = word.strip_prefix('@').filter(|n| !n.is_empty()) {
            let name = name.trim_end_matches([':', ',']);
            let who = resolve_speaker(name, vocab);
            match who {
                Ok(s) if after_kind && out.kind == Some(NoteKind::Action) => out.owner = Some(s),
                Ok(s) if out.speaker.is_none() => out.speaker = Some(s),
                Ok(_) => out.problems.push(Problem::Twice(word.to_string())),
                Err(p) => out.problems.push(p),
            }
            date_allowed = false;
            rest = tail;
            consumed = true;
            continue;
        }
        if let Some(tag) = word
            .strip_prefix('+')
            .filter(|t| t.chars().next().is_some_and(char::is_alphabetic))
        {
            let tag = tag.trim_end_matches([':', ',']);
            match resolve_tag(tag, vocab.dimensions) {
                Ok(key) => {
                    if !out.tags.contains(&key) {
                        out.tags.push(key);
                    }
                }
                Err(p) => out.problems.push(p),
            }
            date_allowed = false;
            rest = tail;
            consumed = true;
            continue;
        }
        if date_allowed && word.starts_with(|c: char| c.is_ascii_digit()) {
            let d = word.trim_end_matches([':', ',']);
            match due_date(d, vocab.year) {
                Some(date) => out.due = Some(date),
                None => out.problems.push(Problem::BadDate(d.to_string())),
            }
            date_allowed = false;
            rest = tail;
            consumed = true;
            continue;
        }
        if !after_kind && let Some(kind) = kind_word(word) {
            out.kind = Some(kind);
            after_kind = true;
            date_allowed = kind == NoteKind::Action;
            rest = tail;
            consumed = true;
            continue;
        }
        // The text starts here. A backslash in front of what would be read
        // keeps it as text.
        if let Some(escaped) = trimmed.strip_prefix('\\') {
            let (w, _) = split_word(escaped);
            if w.starts_with(['@', '+']) || kind_word(w).is_some() {
                rest = escaped;
                consumed = true;
                break;
            }
        }
        rest = trimmed;
        break;
    }
    // Nothing read: the text stays exactly as typed.
    out.text = if consumed { rest } else { input }.to_string();
    out
}

/// `text` as it must be typed to be saved literally: with a backslash in
/// front when its start would otherwise be read (a stored note that begins
/// with `@name` or `Idee:`, opened for editing).
pub fn literal(text: &str, vocab: &Vocabulary<'_>) -> String {
    let p = parse(text, vocab);
    if p.text == text && p.problems.is_empty() {
        text.to_string()
    } else {
        format!("\\{}", text.trim_start())
    }
}

/// Who one `name` (without the `@`) is: a participant by a word of their
/// name or organisation (whole word before prefix), or a stakeholder group;
/// as `@name` is read in a note.
pub fn speaker(name: &str, vocab: &Vocabulary<'_>) -> Result<Speaker, Problem> {
    resolve_speaker(name, vocab)
}

/// The first word (up to whitespace) and what follows it.
fn split_word(s: &str) -> (&str, &str) {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// `Idee:`, `idea:`, `ACTIE:` → the kind; a word without its colon is text.
fn kind_word(word: &str) -> Option<NoteKind> {
    let w = word.strip_suffix(':')?.to_lowercase();
    NoteKind::ALL.iter().copied().find(|k| {
        [super::Lang::Nl, super::Lang::En]
            .iter()
            .any(|l| k.label(*l).to_lowercase() == w)
    })
}

fn due_date(s: &str, year: i32) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let (day, month) = s.split_once('-')?;
    let (day, month) = (day.parse().ok()?, month.parse().ok()?);
    NaiveDate::from_ymd_opt(year, month, day).filter(|d| d.year() == year)
}

/// Lowercase words of a name: split on spaces, hyphens, slashes, commas.
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// How a word matches a name: a whole word, or the start of one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Prefix,
    Exact,
}

fn fit(word: &str, name: &str) -> Option<Fit> {
    let mut best = None;
    for w in words(name) {
        if w == word {
            return Some(Fit::Exact);
        }
        if w.starts_with(word) {
            best = Some(Fit::Prefix);
        }
    }
    best
}

/// How a word fits a name or an organisation, by the rule of the editor's
/// `@name`: `Some(true)` when it is one of its words, `Some(false)` when it
/// is the start of one, `None` otherwise; case is ignored. Used by `tafel
/// person` and `tafel forget` to find a participant across sessions.
pub fn fits_word(word: &str, name: &str) -> Option<bool> {
    fit(&word.to_lowercase(), name).map(|f| f == Fit::Exact)
}

/// The words of a name as `@name` compares them: lowercase, split at
/// spaces, hyphens, slashes, commas and brackets.
pub fn name_words(name: &str) -> Vec<String> {
    words(name).collect()
}

/// The candidates of the best fit (exact words before prefixes).
fn best<T: Clone>(found: &[(Fit, T, String)]) -> Vec<(T, String)> {
    let top = found.iter().map(|(f, ..)| *f).max();
    found
        .iter()
        .filter(|(f, ..)| Some(*f) == top)
        .map(|(_, t, label)| (t.clone(), label.clone()))
        .collect()
}

fn resolve_speaker(name: &str, vocab: &Vocabulary<'_>) -> Result<Speaker, Problem> {
    let word = name.to_lowercase();
    let mut found: Vec<(Fit, Speaker, String)> = Vec::new();
    for p in vocab.participants {
        let f = [p.name.as_deref(), p.organisation.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(|n| fit(&word, n))
            .max();
        if let Some(f) = f {
            let label = p
                .name
                .clone()
                .or_else(|| p.organisation.clone())
                .unwrap_or_default();
            found.push((f, Speaker::Participant(p.id.clone()), label));
        }
    }
    for g in StakeholderGroup::ALL {
        let f = [g.key(), g.label(super::Lang::Nl), g.label(super::Lang::En)]
            .into_iter()
            .filter_map(|n| fit(&word, &n.replace('_', " ")))
            .max();
        if let Some(f) = f {
            found.push((f, Speaker::Group(*g), g.label(super::Lang::Nl).to_string()));
        }
    }
    one(&format!("@{name}"), best(&found))
}

fn resolve_tag(tag: &str, dimensions: &[Dimension]) -> Result<String, Problem> {
    let word = tag.to_lowercase();
    let found: Vec<(Fit, String, String)> = dimensions
        .iter()
        .filter_map(|d| {
            let exact = d.key.to_lowercase() == word;
            let f = if exact {
                Some(Fit::Exact)
            } else {
                [fit(&word, &d.key), fit(&word, &d.name)]
                    .into_iter()
                    .flatten()
                    .max()
            };
            f.map(|f| (f, d.key.clone(), d.name.clone()))
        })
        .collect();
    one(&format!("+{tag}"), best(&found))
}

fn one<T>(token: &str, mut found: Vec<(T, String)>) -> Result<T, Problem> {
    match found.len() {
        0 => Err(Problem::Unknown(token.to_string())),
        1 => Ok(found.remove(0).0),
        _ => Err(Problem::Ambiguous(
            token.to_string(),
            found.into_iter().map(|(_, l)| l).collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn person(id: &str, name: &str, org: &str, group: StakeholderGroup) -> Participant {
        Participant {
            id: id.into(),
            session_id: "s".into(),
            name: Some(name.into()),
            organisation: Some(org.into()),
            group,
            naming: crate::domain::Naming::Named,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            deleted_at: None,
        }
    }

    fn dims() -> Vec<Dimension> {
        [
            ("open-data", "Open Data"),
            ("open-algoritmen", "Open Algoritmen"),
            ("open-infrastructuur", "Open Infrastructuur / Open Source"),
        ]
        .iter()
        .map(|(k, n)| Dimension {
            key: k.to_string(),
            name: n.to_string(),
            description: String::new(),
        })
        .collect()
    }

    fn with<T>(f: impl FnOnce(&Vocabulary<'_>) -> T) -> T {
        let people = vec![
            person("a", "Anouk de Vries", "BZK", StakeholderGroup::Overheid),
            person(
                "b",
                "Bram Jansen",
                "Open State Foundation",
                StakeholderGroup::MaatschappelijkeOrganisatie,
            ),
            person(
                "c",
                "Anna Bakker",
                "Universiteit Utrecht",
                StakeholderGroup::Wetenschap,
            ),
        ];
        let d = dims();
        f(&Vocabulary {
            participants: &people,
            dimensions: &d,
            year: 2026,
        })
    }

    #[test]
    fn speaker_kind_and_text() {
        let p = with(|v| parse("@anouk Idee: meer open data bij gemeenten", v));
        assert_eq!(p.speaker, Some(Speaker::Participant("a".into())));
        assert_eq!(p.kind, Some(NoteKind::Idea));
        assert_eq!(p.text, "meer open data bij gemeenten");
        assert!(p.problems.is_empty());
    }

    #[test]
    fn kind_words_in_either_language_any_case() {
        for (w, k) in [
            ("Observatie:", NoteKind::Observation),
            ("observation:", NoteKind::Observation),
            ("IDEA:", NoteKind::Idea),
            ("vraag:", NoteKind::Question),
            ("Question:", NoteKind::Question),
            ("Zorg:", NoteKind::Concern),
            ("concern:", NoteKind::Concern),
            ("Afspraak:", NoteKind::Agreement),
            ("Agreement:", NoteKind::Agreement),
            ("Actie:", NoteKind::Action),
            ("action:", NoteKind::Action),
        ] {
            let p = with(|v| parse(&format!("{w} tekst"), v));
            assert_eq!(p.kind, Some(k), "{w}");
            assert_eq!(p.text, "tekst");
        }
    }

    #[test]
    fn a_colon_later_on_is_text() {
        let p = with(|v| parse("Het punt is: Idee: niet nu", v));
        assert_eq!(p.kind, None);
        assert_eq!(p.text, "Het punt is: Idee: niet nu");
        let p = with(|v| parse("Idee meer data", v));
        assert_eq!(p.kind, None, "no colon, no kind");
    }

    #[test]
    fn tags_by_unique_prefix_of_key_or_name() {
        let p = with(|v| parse("+algoritmen +data Zorg: uitlegbaarheid", v));
        assert_eq!(p.tags, ["open-algoritmen", "open-data"]);
        assert_eq!(p.kind, Some(NoteKind::Concern));
        let p = with(|v| parse("+source x", v));
        assert_eq!(p.tags, ["open-infrastructuur"]);
        let p = with(|v| parse("+open x", v));
        assert!(matches!(&p.problems[0], Problem::Ambiguous(t, c) if t == "+open" && c.len() == 3));
        let p = with(|v| parse("+nope x", v));
        assert_eq!(p.problems, [Problem::Unknown("+nope".into())]);
    }

    #[test]
    fn groups_and_ambiguous_and_unknown_names() {
        let p = with(|v| parse("@overheid Vraag: wie betaalt?", v));
        assert_eq!(p.speaker, Some(Speaker::Group(StakeholderGroup::Overheid)));
        let p = with(|v| parse("@government x", v));
        assert_eq!(p.speaker, Some(Speaker::Group(StakeholderGroup::Overheid)));
        let p = with(|v| parse("@an x", v));
        // Anouk, Anna, and the group "Anders".
        assert!(matches!(&p.problems[0], Problem::Ambiguous(t, c)
            if t == "@an" && c.contains(&"Anouk de Vries".to_string())
                && c.contains(&"Anna Bakker".to_string())));
        let p = with(|v| parse("@zoë x", v));
        assert_eq!(p.problems, [Problem::Unknown("@zoë".into())]);
        // Surname and organisation words count too.
        let p = with(|v| parse("@jansen x", v));
        assert_eq!(p.speaker, Some(Speaker::Participant("b".into())));
        let p = with(|v| parse("@utrecht x", v));
        assert_eq!(p.speaker, Some(Speaker::Participant("c".into())));
    }

    #[test]
    fn an_action_takes_a_due_date_and_an_owner() {
        let p = with(|v| parse("@anouk Actie: 2026-03-01 regel een vervolg", v));
        assert_eq!(p.kind, Some(NoteKind::Action));
        assert_eq!(p.due, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(p.text, "regel een vervolg");
        let p = with(|v| parse("Actie: 15-04 @bram regel het", v));
        assert_eq!(p.due, NaiveDate::from_ymd_opt(2026, 4, 15));
        assert_eq!(p.owner, Some(Speaker::Participant("b".into())));
        assert_eq!(p.speaker, None);
        let p = with(|v| parse("Actie: 31-02 x", v));
        assert_eq!(p.problems, [Problem::BadDate("31-02".into())]);
        // Not an action: a number is text.
        let p = with(|v| parse("Idee: 2026-03-01 is de datum", v));
        assert_eq!(p.due, None);
        assert_eq!(p.text, "2026-03-01 is de datum");
    }

    #[test]
    fn a_backslash_keeps_the_word_as_text() {
        let p = with(|v| parse("\\@anouk zei dit", v));
        assert_eq!(p.speaker, None);
        assert_eq!(p.text, "@anouk zei dit");
        let p = with(|v| parse("@bram \\Idee: is een woord", v));
        assert_eq!(p.speaker, Some(Speaker::Participant("b".into())));
        assert_eq!(p.kind, None);
        assert_eq!(p.text, "Idee: is een woord");
        let p = with(|v| parse("\\n blijft", v));
        assert_eq!(p.text, "\\n blijft", "other backslashes stay");
    }

    #[test]
    fn literal_text_survives_a_second_reading() {
        for s in ["@anouk zei", "Idee: x", "+data", "gewoon", "@zoë hallo"] {
            let typed = with(|v| literal(s, v));
            let p = with(|v| parse(&typed, v));
            assert_eq!(p.text, s, "{s:?} typed as {typed:?}");
            assert_eq!((p.kind, p.speaker, p.problems.len()), (None, None, 0));
        }
    }

    #[test]
    fn plain_text_is_untouched() {
        for s in [
            "",
            "gewoon een zin",
            "  twee spaties",
            "regel 1\nregel 2",
            "@ alleen",
            "+ 3 punten",
        ] {
            let p = with(|v| parse(s, v));
            assert_eq!(p.kind, None);
            assert!(p.problems.is_empty(), "{s:?}");
            assert_eq!(p.text, s, "{s:?}");
        }
    }
}
