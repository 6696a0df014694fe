//! Leaving names out of an export (`--anonymize`), for the Markdown and the
//! JSON alike.
//!
//! The names tafel knows are those typed into it: participants (name and
//! organisation, also of deleted participants), the session's facilitator,
//! table hosts, and the owners of actions. From each it makes *terms*, and
//! every whole-word occurrence of a term in user text (note texts, rating
//! comments, the session's title and location, table names) is replaced:
//!
//! - a participant's name or organisation by their stakeholder group in
//!   brackets (`[Overheid]`); a term shared by participants of different
//!   groups, or also the name of a host, the facilitator or a free-text
//!   owner, by the neutral marker (`[naam]` / `[name]`);
//! - any other name by the neutral marker.
//!
//! Terms: a person's name (participant, facilitator, host) gives the whole
//! name, the name without a title (`Prof.`), the name without its first word
//! (the surname with its particles: `de Vries`) and each of its words of two
//! letters or more except particles and titles (`de`, `van`, `Prof`, …) — so
//! a first name or a surname alone is found too. An organisation gives the
//! whole organisation, itself without and within its brackets, and its
//! acronyms (`BZK` in `Ministerie van BZK`), not its other words (`Open`,
//! `Ministerie`, `Gemeente` are ordinary words). A free-text owner is often
//! a role or a department (`directie DS`, `de tafel`), so it gives only
//! itself as typed; an owner who names a participant belongs to that
//! participant's group. A person's name and an owner also give each of
//! their parts between commas, semicolons, slashes, `&` and brackets.
//! A term needs one word of two letters or more that is not a particle or a
//! title, so a host typed as `A` or `de` never removes that word everywhere.
//!
//! Matching is case-insensitive and ignores diacritics (`Zoë` finds `zoe`),
//! on whole words only (`Jan` does not touch `januari`, but does take `Jan`
//! out of `Jan-rapport`); the words of a term match across any amount of
//! white space on one line, with the same punctuation between them as in
//! the name. At each place the longest term wins. The same names and text
//! always give the same result.
//!
//! An action's owner is shown, anonymised, as the stakeholder group of the
//! participant it names (one of whose terms it contains as whole words), or
//! as withheld when it names no participant or participants of several
//! groups.
//!
//! Names tafel does not know — a person only mentioned in a note — cannot be
//! found, and a name that is also an ordinary word (a surname `Groot`) is
//! taken out of the text wherever that word occurs.

use super::strings::strings;
use crate::domain::{Lang, Session, StakeholderGroup};
use crate::error::Result;
use crate::store::Store;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// Particles of surnames (and a few words that join names): never a term
/// on their own.
const PARTICLES: &[&str] = &[
    "aan", "al", "and", "ben", "bij", "bin", "da", "das", "de", "del", "della", "den", "der", "di",
    "do", "dos", "du", "el", "en", "het", "ibn", "in", "la", "le", "les", "of", "onder", "op",
    "over", "te", "ten", "ter", "the", "tot", "uit", "und", "van", "voor", "von", "vom", "zu",
    "zur",
];

/// Titles before a name: never a term on their own.
const TITLES: &[&str] = &[
    "ba", "bc", "bsc", "dhr", "dr", "drs", "ds", "ing", "ir", "jr", "llm", "ma", "mevr", "miss",
    "mr", "mrs", "ms", "msc", "mw", "phd", "prof", "sir", "sr",
];

/// Acronyms of legal forms: not an organisation's own acronym.
const LEGAL_FORMS: &[&str] = &["bv", "cv", "nv", "vof"];

/// What an action's owner becomes in an anonymised export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// No owner was given.
    None,
    /// The owner names participants of this one group.
    Group(StakeholderGroup),
    /// Any other owner.
    Withheld,
}

/// A name to look for: the keys of its words and what stands between them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Term {
    words: Vec<String>,
    /// `seps[i]` is what stands between `words[i]` and `words[i + 1]`,
    /// without white space.
    seps: Vec<String>,
}

/// Whom a term belongs to.
#[derive(Debug, Clone, Default)]
struct Whose {
    groups: BTreeSet<StakeholderGroup>,
    /// Also someone who is not a participant.
    other: bool,
}

/// Terms by the key of their first word, longest first.
#[derive(Debug, Default)]
struct Terms(HashMap<String, Vec<(Term, Whose)>>);

impl Terms {
    fn build(all: HashMap<Term, Whose>) -> Terms {
        let mut map: HashMap<String, Vec<(Term, Whose)>> = HashMap::new();
        for (term, whose) in all {
            map.entry(term.words[0].clone())
                .or_default()
                .push((term, whose));
        }
        for v in map.values_mut() {
            v.sort_by(|(a, _), (b, _)| b.words.len().cmp(&a.words.len()).then(a.cmp(b)));
        }
        Terms(map)
    }

    /// The longest term that starts at `words[i]`, and how many words it has.
    fn longest_at(&self, text: &str, words: &[Word], i: usize) -> Option<(&Whose, usize)> {
        let candidates = self.0.get(&words[i].key)?;
        candidates.iter().find_map(|(term, whose)| {
            let n = term.words.len();
            let fits = i + n <= words.len()
                && (1..n).all(|k| {
                    let gap = &text[words[i + k - 1].end..words[i + k].start];
                    words[i + k].key == term.words[k]
                        && !gap.contains(['\n', '\r'])
                        && sep_key(gap) == term.seps[k - 1]
                });
            fits.then_some((whose, n))
        })
    }

    /// Each match in `text`, left to right: (byte range, whose).
    fn matches<'t>(&'t self, text: &str) -> Vec<(std::ops::Range<usize>, &'t Whose)> {
        let words = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(text, &words, i) {
                Some((whose, n)) => {
                    out.push((words[i].start..words[i + n - 1].end, whose));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Takes known names out of text, and owners out of actions.
#[derive(Debug)]
pub struct Anonymizer {
    lang: Lang,
    /// Every term.
    all: Terms,
    /// The participants' terms only: for owners.
    participants: Terms,
}

/// A participant as far as anonymising goes.
pub struct Person<'a> {
    pub name: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub group: StakeholderGroup,
}

impl Anonymizer {
    /// An anonymizer for the names of `session`, writing markers and group
    /// labels in `lang`: also those of the earlier sessions whose actions
    /// were carried into it, and of whoever gave a reasoned response.
    pub fn load(store: &Store, session: &Session, lang: Lang) -> Result<Anonymizer> {
        let mut sessions = vec![session.clone()];
        for id in store.carried_origins(&session.id)? {
            if id != session.id {
                sessions.push(store.session(&id)?);
            }
        }
        Anonymizer::load_all(store, &sessions, lang)
    }

    /// An anonymizer for the names of several sessions (a dossier): their
    /// participants, facilitators, hosts, action owners and the givers of
    /// responses to their notes.
    pub fn load_all(store: &Store, sessions: &[Session], lang: Lang) -> Result<Anonymizer> {
        let mut known = Vec::new();
        for s in sessions {
            known.push(store.known_names(&s.id)?);
        }
        let ids: Vec<String> = sessions.iter().map(|s| s.id.clone()).collect();
        let givers = store.response_givers(&ids)?;
        let participants: Vec<Person<'_>> = known
            .iter()
            .flat_map(|k| &k.participants)
            .map(|(name, organisation, group)| Person {
                name: name.as_deref(),
                organisation: organisation.as_deref(),
                group: *group,
            })
            .collect();
        let people: Vec<&str> = sessions
            .iter()
            .map(|s| s.facilitator.as_str())
            .chain(
                known
                    .iter()
                    .flat_map(|k| k.hosts.iter().map(String::as_str)),
            )
            .chain(givers.iter().map(String::as_str))
            .collect();
        let owners: Vec<&str> = known
            .iter()
            .flat_map(|k| k.owners.iter().map(String::as_str))
            .collect();
        Ok(Anonymizer::new(&participants, &people, &owners, lang))
    }

    /// An anonymizer for these participants, other people (facilitator,
    /// hosts) and action owners.
    pub fn new(participants: &[Person<'_>], people: &[&str], owners: &[&str], lang: Lang) -> Self {
        let mut of_participants: HashMap<Term, Whose> = HashMap::new();
        for p in participants {
            let mut add = |t: Term| {
                of_participants.entry(t).or_default().groups.insert(p.group);
            };
            if let Some(name) = p.name {
                person_terms(name, &mut add);
            }
            if let Some(org) = p.organisation {
                organisation_terms(org, &mut add);
            }
        }
        let participant_terms = Terms::build(of_participants.clone());
        let mut all = of_participants;
        for name in people {
            person_terms(name, &mut |t| all.entry(t).or_default().other = true);
        }
        for owner in owners {
            // An owner who names participants of one group belongs to that
            // group ("BZK, directie DS" is Overheid when BZK is); any other
            // is a name of its own.
            let owner_group = owner_of(&participant_terms, owner);
            whole_terms(owner, &mut |t| {
                let whose = all.entry(t).or_default();
                match owner_group {
                    Owner::Group(g) => {
                        whose.groups.insert(g);
                    }
                    _ => whose.other = true,
                }
            });
        }
        Anonymizer {
            lang,
            all: Terms::build(all),
            participants: participant_terms,
        }
    }

    /// `text` with every known name replaced.
    pub fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let matches = self.all.matches(text);
        if matches.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (range, whose) in matches {
            out.push_str(&text[at..range.start]);
            out.push_str(&self.marker(whose));
            at = range.end;
        }
        out.push_str(&text[at..]);
        Cow::Owned(out)
    }

    fn marker(&self, whose: &Whose) -> String {
        match (whose.groups.first(), whose.groups.len(), whose.other) {
            (Some(g), 1, false) => format!("[{}]", g.label(self.lang)),
            _ => strings(self.lang).name_marker.to_string(),
        }
    }

    /// What an action's owner becomes.
    pub fn owner(&self, owner: &str) -> Owner {
        owner_of(&self.participants, owner)
    }

    /// An action's owner as one piece of text: the group label, "owner
    /// withheld", or "" when no owner was given (for the JSON).
    pub fn owner_text(&self, owner: &str) -> String {
        match self.owner(owner) {
            Owner::None => String::new(),
            Owner::Group(g) => g.label(self.lang).to_string(),
            Owner::Withheld => strings(self.lang).owner_withheld.to_string(),
        }
    }
}

fn owner_of(participants: &Terms, owner: &str) -> Owner {
    if owner.trim().is_empty() {
        return Owner::None;
    }
    let groups: BTreeSet<StakeholderGroup> = participants
        .matches(owner)
        .into_iter()
        .flat_map(|(_, whose)| whose.groups.iter().copied())
        .collect();
    match (groups.first(), groups.len()) {
        (Some(g), 1) => Owner::Group(*g),
        _ => Owner::Withheld,
    }
}

/// A word of text: its byte range and its key.
#[derive(Debug)]
struct Word {
    start: usize,
    end: usize,
    key: String,
}

/// Combining marks (accents typed as a separate character) belong to the
/// word they follow.
fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// The words of `text`: runs of letters and digits.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(Word {
                    start: s,
                    end: i,
                    key: key(&text[s..i]),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// How a word is compared: lowercase, without diacritics.
fn key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if is_combining(c) {
            continue;
        }
        match super::fold(c) {
            "" => out.push(c),
            f => out.push_str(f),
        }
    }
    out
}

/// What stands between two words, as compared: without white space.
fn sep_key(gap: &str) -> String {
    gap.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The term of a piece of text (`None` when it has no words).
fn term(text: &str) -> Option<Term> {
    let ws = words(text);
    if ws.is_empty() || text.contains(['\n', '\r']) {
        return None;
    }
    let seps = ws
        .windows(2)
        .map(|w| sep_key(&text[w[0].end..w[1].start]))
        .collect();
    Some(Term {
        words: ws.into_iter().map(|w| w.key).collect(),
        seps,
    })
}

/// Where the name of a person (or several: "Hanna & Piet") or an owner
/// ("BZK, directie DS") has parts.
const PERSON_SEPARATORS: &[char] = &[',', ';', '/', '&', '(', ')', '[', ']'];

/// A name and each of its parts between `separators`, trimmed.
fn parts<'n>(name: &'n str, separators: &[char]) -> Vec<&'n str> {
    let mut out = vec![name.trim()];
    let split: Vec<&str> = name
        .split(separators)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if split.len() > 1 {
        out.extend(split);
    }
    out
}

fn whole_terms(name: &str, add: &mut impl FnMut(Term)) {
    for part in parts(name, PERSON_SEPARATORS) {
        add_term(part, add);
    }
}

/// Adds the term of `text` if it has a word that can be a name: two
/// letters or more, not a particle or a title (so "A" of "Tafelhost A" or a
/// host typed as "de" never removes that word everywhere).
fn add_term(text: &str, add: &mut impl FnMut(Term)) {
    if let Some(t) = term(text)
        && t.words.iter().any(|w| is_name_word(w))
    {
        add(t);
    }
}

fn is_name_word(key: &str) -> bool {
    key.chars().count() >= 2 && !PARTICLES.contains(&key) && !TITLES.contains(&key)
}

/// A person's name: see the module documentation.
fn person_terms(name: &str, add: &mut impl FnMut(Term)) {
    for part in parts(name, PERSON_SEPARATORS) {
        add_term(part, add);
        let ws = words(part);
        // Without leading titles ("Prof. Lotte Jansen" → "Lotte Jansen").
        let titles = ws
            .iter()
            .take_while(|w| TITLES.contains(&w.key.as_str()))
            .count();
        if titles > 0 && titles < ws.len() {
            add_term(&part[ws[titles].start..], add);
        }
        // The surname with its particles ("de Vries").
        if ws.len() >= titles + 2 {
            add_term(&part[ws[titles + 1].start..], add);
        }
        for w in &ws {
            add_term(&part[w.start..w.end], add);
        }
    }
}

/// An organisation: itself, itself without what is in brackets, what is in
/// brackets, and its acronyms.
fn organisation_terms(org: &str, add: &mut impl FnMut(Term)) {
    for part in parts(org, &['(', ')', '[', ']']) {
        add_term(part, add);
    }
    let outside: String = org
        .split(['(', '['])
        .map(|s| s.split_once([')', ']']).map_or(s, |(_, after)| after))
        .collect();
    add_term(&outside, add);
    for w in words(org) {
        let word = &org[w.start..w.end];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let acronym = letters >= 2 && word.chars().all(|c| c.is_uppercase() || c.is_numeric());
        if acronym && !LEGAL_FORMS.contains(&w.key.as_str()) {
            add_term(word, add);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anon(participants: &[Person<'_>], people: &[&str], owners: &[&str]) -> Anonymizer {
        Anonymizer::new(participants, people, owners, Lang::Nl)
    }

    fn anouk() -> Person<'static> {
        Person {
            name: Some("Anouk de Vries"),
            organisation: Some("Ministerie van BZK"),
            group: StakeholderGroup::Overheid,
        }
    }

    #[test]
    fn participant_names_become_their_group() {
        let a = anon(&[anouk()], &[], &["BZK, directie DS"]);
        assert_eq!(a.text("directie DS"), "[Overheid]");
        assert_eq!(a.text("Anouk de Vries vindt dat"), "[Overheid] vindt dat");
        assert_eq!(a.text("anouk zei het"), "[Overheid] zei het");
        assert_eq!(a.text("Mevrouw De Vries belt"), "Mevrouw [Overheid] belt");
        assert_eq!(a.text("VRIES!"), "[Overheid]!");
        assert_eq!(
            a.text("het ministerie van BZK en BZK zelf"),
            "het [Overheid] en [Overheid] zelf"
        );
        // Ordinary words of the organisation and particles stay.
        assert_eq!(
            a.text("de ministerie van financiën"),
            "de ministerie van financiën"
        );
    }

    #[test]
    fn whole_words_only() {
        let jan = Person {
            name: Some("Jan Smit"),
            organisation: None,
            group: StakeholderGroup::Wetenschap,
        };
        let a = anon(&[jan], &[], &[]);
        assert_eq!(
            a.text("In januari zei Jan: smitten, Smit-rapport."),
            "In januari zei [Wetenschap/kennisinstelling]: smitten, [Wetenschap/kennisinstelling]-rapport."
        );
        assert!(matches!(a.text("januari"), Cow::Borrowed(_)));
    }

    #[test]
    fn diacritics_and_case() {
        let zoe = Person {
            name: Some("Zoë Çelik-Ünal"),
            organisation: None,
            group: StakeholderGroup::Bedrijfsleven,
        };
        let a = anon(&[zoe], &["Anaïs Müller"], &[]);
        assert_eq!(a.text("ZOË en zoe"), "[Bedrijfsleven] en [Bedrijfsleven]");
        assert_eq!(a.text("celik-unal"), "[Bedrijfsleven]");
        assert_eq!(a.text("Ünal"), "[Bedrijfsleven]");
        // Combining accents typed separately are found too.
        assert_eq!(a.text("Anai\u{308}s"), "[naam]");
        assert_eq!(a.text("MÜLLER, muller"), "[naam], [naam]");
        // Not inside another word.
        assert_eq!(a.text("Zoëtje"), "Zoëtje");
    }

    #[test]
    fn titles_particles_and_parts() {
        let lotte = Person {
            name: Some("Prof. Lotte Jansen"),
            organisation: Some("Universiteit Leiden (UL)"),
            group: StakeholderGroup::Wetenschap,
        };
        let a = anon(&[lotte], &["Hanna Host (BZK)"], &[]);
        assert_eq!(
            a.text("Prof. Lotte Jansen"),
            "[Wetenschap/kennisinstelling]"
        );
        assert_eq!(a.text("prof Jansen"), "prof [Wetenschap/kennisinstelling]");
        assert_eq!(
            a.text("de universiteit leiden"),
            "de [Wetenschap/kennisinstelling]"
        );
        assert_eq!(a.text("UL"), "[Wetenschap/kennisinstelling]");
        // The organisation's other words, particles and titles stay.
        assert_eq!(
            a.text("de universiteit van prof"),
            "de universiteit van prof"
        );
        assert_eq!(a.text("Hanna van BZK, host"), "[naam] van [naam], [naam]");
    }

    #[test]
    fn phrases_keep_to_one_line_and_their_punctuation() {
        let a = anon(&[], &["Anouk de Vries"], &[]);
        assert_eq!(a.text("Anouk   de  Vries"), "[naam]");
        // A sentence end between the words is not the name.
        assert_eq!(a.text("Anouk. De Vries"), "[naam]. [naam]");
        assert_eq!(a.text("Anouk\nde Vries"), "[naam]\n[naam]");
    }

    #[test]
    fn shared_names_get_the_neutral_marker() {
        let a = anon(
            &[
                Person {
                    name: Some("Jan Smit"),
                    organisation: None,
                    group: StakeholderGroup::Overheid,
                },
                Person {
                    name: Some("Jan Bakker"),
                    organisation: None,
                    group: StakeholderGroup::Wetenschap,
                },
            ],
            &["Eva Smit"],
            &[],
        );
        assert_eq!(a.text("Jan"), "[naam]");
        assert_eq!(a.text("Jan Smit"), "[Overheid]");
        assert_eq!(a.text("Smit"), "[naam]");
        assert_eq!(a.text("Bakker"), "[Wetenschap/kennisinstelling]");
        assert_eq!(a.owner("Jan"), Owner::Withheld);
        assert_eq!(
            a.owner("Jan Bakker"),
            Owner::Group(StakeholderGroup::Wetenschap)
        );
    }

    #[test]
    fn owners() {
        let a = anon(
            &[anouk()],
            &["Fenna Faciliteert"],
            &["BZK, directie DS", "Pieter Post", "Anouk", "de tafel"],
        );
        assert_eq!(a.owner(""), Owner::None);
        assert_eq!(a.owner("  "), Owner::None);
        for o in [
            "Anouk",
            "De Vries",
            "anouk de vries",
            "Ministerie van BZK",
            "BZK, directie DS",
        ] {
            assert_eq!(a.owner(o), Owner::Group(StakeholderGroup::Overheid), "{o}");
        }
        for o in ["Pieter Post", "de tafel", "Fenna", "PROO"] {
            assert_eq!(a.owner(o), Owner::Withheld, "{o}");
        }
        assert_eq!(a.owner_text("Pieter Post"), "eigenaar weggelaten");
        assert_eq!(a.owner_text("anouk"), "Overheid");
        // A free-text owner is taken out of text as typed, not word by word.
        assert_eq!(
            a.text("Pieter Post en de tafel; Pieter"),
            "[naam] en [naam]; Pieter"
        );
        // The owner who is a participant stays a participant.
        assert_eq!(a.text("Anouk"), "[Overheid]");
        let en = Anonymizer::new(&[anouk()], &[], &["PROO"], Lang::En);
        assert_eq!(en.owner_text("PROO"), "owner withheld");
        assert_eq!(en.text("proo and Anouk"), "[name] and [Government]");
    }

    #[test]
    fn longest_term_wins_and_nothing_is_found_twice() {
        let a = anon(
            &[Person {
                name: Some("Daan"),
                organisation: Some("Daan & Co"),
                group: StakeholderGroup::Bedrijfsleven,
            }],
            &[],
            &[],
        );
        assert_eq!(
            a.text("Daan & Co en Daan"),
            "[Bedrijfsleven] en [Bedrijfsleven]"
        );
        assert_eq!(a.text(""), "");
        let none = anon(&[], &["", " , "], &["—"]);
        assert_eq!(none.text("niets te doen"), "niets te doen");
    }
}
