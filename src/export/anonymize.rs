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
//!
//! ## Leaving out some names only
//!
//! The same rules also take out only *some* people ([`Anonymizer::selective`]):
//! the participants who chose to be named by their group only
//! ([`crate::domain::Naming::GroupOnly`]) in every export
//! ([`Anonymizer::for_export`]), and the person being forgotten
//! (`tafel forget`, which writes the result into the database). Everyone
//! else's names are *kept*: their terms are known too, so that the longest
//! term still wins (`Jan Bakker` stays when only `Jan Smit` is left out),
//! and a term that belongs both to someone left out and to someone kept
//! (`Jan` alone) is replaced by the neutral marker — when in doubt, the name
//! goes. An owner who names someone left out becomes their group (or is
//! withheld, for several groups); any other owner stays as typed
//! ([`Owner::AsTyped`]).
//!
//! tafel's own words are never names: an owner that is a stakeholder group
//! (`Overheid`) or "owner withheld", and a group label or the neutral marker
//! in brackets in text (`[Overheid]`, `[naam]`, as an earlier `tafel
//! forget` wrote them), stay as they are.

use super::strings::strings;
use crate::domain::{Lang, Naming, Participant, Session, StakeholderGroup};
use crate::error::Result;
use crate::store::Store;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

mod terms;

use terms::*;

/// What an action's owner becomes in an anonymised export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// No owner was given.
    None,
    /// The owner names participants of this one group.
    Group(StakeholderGroup),
    /// Any other owner.
    Withheld,
    /// Leaving out some names only: the owner names nobody left out, and is
    /// shown as typed (through [`Anonymizer::text`]).
    AsTyped,
}

/// Takes known names out of text, and owners out of actions.
#[derive(Debug)]
pub struct Anonymizer {
    lang: Lang,
    /// Every term.
    all: Terms,
    /// The terms of the participants left out only: for owners.
    participants: Terms,
    /// Everyone is left out (`--anonymize`), not only some.
    full: bool,
}

/// A participant as far as anonymising goes.
pub struct Person<'a> {
    pub name: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub group: StakeholderGroup,
}

/// Whether an export may show this participant's name and organisation:
/// not when anonymising, and only if they chose to be named. Every export
/// format asks this before writing a participant's name.
pub fn may_name(p: &Participant, anonymize: bool) -> bool {
    !anonymize && p.naming == Naming::Named
}

/// Who said it: "Name, Organisation (Group)" for a participant who may be
/// named (their parts escaped by `esc` for the export's format), else the
/// group alone. The one attribution every export writes.
pub fn attribution(
    named: Option<&Participant>,
    group: Option<String>,
    esc: impl Fn(&str) -> String,
) -> Option<String> {
    let parts: Vec<String> = named
        .into_iter()
        .flat_map(|p| [&p.name, &p.organisation])
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .map(|s| esc(s))
        .collect();
    if parts.is_empty() {
        return group;
    }
    Some(match group {
        Some(g) => format!("{} ({g})", parts.join(", ")),
        None => parts.join(", "),
    })
}

impl Anonymizer {
    /// What an export of `session` takes out of user text, with markers and
    /// group labels in `lang`: with `anonymize` every name tafel knows;
    /// otherwise the names and organisations of the participants who chose
    /// to be named by their group only (also deleted ones), keeping everyone
    /// else's — `None` when there are none, and the text stays as typed.
    /// Every export format (Markdown, JSON, HTML) goes through this.
    pub fn for_export(
        store: &Store,
        session: &Session,
        lang: Lang,
        anonymize: bool,
    ) -> Result<Option<Anonymizer>> {
        // This session's names, and those of the earlier sessions whose
        // actions were carried into it, and of whoever gave a response.
        let mut sessions = vec![session.clone()];
        for id in store.carried_origins(&session.id)? {
            if id != session.id {
                sessions.push(store.session(&id)?);
            }
        }
        if !anonymize {
            // Only the participants named by their group only are left out:
            // when none of them has a name or an organisation, there is
            // nothing to leave out (and no other names need reading).
            let mut any = false;
            for s in &sessions {
                any |= store.known_participants(&s.id)?.iter().any(
                    |((name, organisation, _), naming)| {
                        *naming == Naming::GroupOnly && (name.is_some() || organisation.is_some())
                    },
                );
            }
            if !any {
                return Ok(None);
            }
        }
        let mut known = Vec::new();
        for s in &sessions {
            known.push(store.known_names(&s.id)?);
        }
        let ids: Vec<String> = sessions.iter().map(|s| s.id.clone()).collect();
        let givers = store.response_givers(&ids)?;
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
        let mut hidden = Vec::new();
        let mut kept = Vec::new();
        let participants = known
            .iter()
            .flat_map(|k| k.participants.iter().zip(&k.naming));
        for ((name, organisation, group), naming) in participants {
            let p = Person {
                name: name.as_deref(),
                organisation: organisation.as_deref(),
                group: *group,
            };
            if anonymize || *naming == Naming::GroupOnly {
                hidden.push(p);
            } else {
                kept.push(p);
            }
        }
        if anonymize {
            return Ok(Some(Anonymizer::new(&hidden, &people, &owners, lang)));
        }
        if hidden
            .iter()
            .all(|p| p.name.is_none() && p.organisation.is_none())
        {
            return Ok(None);
        }
        Ok(Some(Anonymizer::selective(
            &hidden, &kept, &people, &owners, lang,
        )))
    }

    /// Whether every name is left out (`--anonymize`), rather than some.
    pub fn is_full(&self) -> bool {
        self.full
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
        for owner in owners.iter().filter(|o| !is_marker(o)) {
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
            full: true,
        }
    }

    /// An anonymizer that leaves out only the participants in `hidden`
    /// (their names and organisations become their group), and keeps the
    /// names of the participants in `kept`, of other `people` (facilitator,
    /// hosts) and of owners who name nobody in `hidden`. A term of both
    /// gets the neutral marker. Someone kept whose whole name is also a name
    /// of someone hidden (the facilitator who is the participant being
    /// forgotten) is not kept. To leave out a person whose group is not
    /// known, give them once per possible group: their terms then get the
    /// neutral marker.
    pub fn selective(
        hidden: &[Person<'_>],
        kept: &[Person<'_>],
        people: &[&str],
        owners: &[&str],
        lang: Lang,
    ) -> Self {
        let mut of_hidden: HashMap<Term, Whose> = HashMap::new();
        for p in hidden {
            let mut add = |t: Term| {
                of_hidden.entry(t).or_default().groups.insert(p.group);
            };
            if let Some(name) = p.name {
                person_terms(name, &mut add);
            }
            if let Some(org) = p.organisation {
                organisation_terms(org, &mut add);
            }
        }
        let hidden_terms = Terms::build(of_hidden.clone());
        let mut all = of_hidden.clone();
        let is_hidden =
            |whole: &str| term(whole.trim()).is_some_and(|t| of_hidden.contains_key(&t));
        let keep = |all: &mut HashMap<Term, Whose>, t: Term| all.entry(t).or_default().kept = true;
        for p in kept {
            if let Some(name) = p.name.filter(|n| !is_hidden(n)) {
                person_terms(name, &mut |t| keep(&mut all, t));
            }
            if let Some(org) = p.organisation.filter(|o| !is_hidden(o)) {
                organisation_terms(org, &mut |t| keep(&mut all, t));
            }
        }
        for name in people.iter().filter(|n| !is_hidden(n)) {
            person_terms(name, &mut |t| keep(&mut all, t));
        }
        for owner in owners.iter().filter(|o| !is_marker(o)) {
            let groups = named_groups(&hidden_terms, owner);
            whole_terms(owner, &mut |t| {
                if groups.is_empty() {
                    keep(&mut all, t);
                } else {
                    all.entry(t)
                        .or_default()
                        .groups
                        .extend(groups.iter().copied());
                }
            });
        }
        Anonymizer {
            lang,
            all: Terms::build(all),
            participants: hidden_terms,
            full: false,
        }
    }

    /// `text` with every name left out replaced.
    pub fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let matches: Vec<_> = self
            .all
            .matches(text)
            .into_iter()
            .filter(|(range, whose)| whose.removed() && !in_marker(text, range))
            .collect();
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

    /// Whether `text` holds a name that is left out.
    pub fn finds(&self, text: &str) -> bool {
        matches!(self.text(text), Cow::Owned(_))
    }

    fn marker(&self, whose: &Whose) -> String {
        match (
            whose.groups.first(),
            whose.groups.len(),
            whose.other || whose.kept,
        ) {
            (Some(g), 1, false) => format!("[{}]", g.label(self.lang)),
            _ => strings(self.lang).name_marker.to_string(),
        }
    }

    /// What an action's owner becomes.
    pub fn owner(&self, owner: &str) -> Owner {
        if owner.trim().is_empty() {
            return Owner::None;
        }
        if let Some(g) = group_label(owner) {
            return if self.full {
                Owner::Group(g)
            } else {
                Owner::AsTyped
            };
        }
        let groups = named_groups(&self.participants, owner);
        match (groups.first(), groups.len()) {
            (Some(g), 1) => Owner::Group(*g),
            (None, _) if !self.full => Owner::AsTyped,
            _ => Owner::Withheld,
        }
    }

    /// An action's owner as one piece of text: the group label, "owner
    /// withheld", or "" when no owner was given (for the JSON); when leaving
    /// out some names only, an owner who names none of them as typed.
    pub fn owner_text(&self, owner: &str) -> String {
        match self.owner(owner) {
            Owner::None => String::new(),
            Owner::Group(g) => g.label(self.lang).to_string(),
            Owner::Withheld => strings(self.lang).owner_withheld.to_string(),
            Owner::AsTyped => self.text(owner).into_owned(),
        }
    }
}

fn owner_of(participants: &Terms, owner: &str) -> Owner {
    if owner.trim().is_empty() {
        return Owner::None;
    }
    let groups = named_groups(participants, owner);
    match (groups.first(), groups.len()) {
        (Some(g), 1) => Owner::Group(*g),
        _ => Owner::Withheld,
    }
}

/// The stakeholder group `s` is the label (Dutch or English) or key of.
fn group_label(s: &str) -> Option<StakeholderGroup> {
    let k = key(s.trim());
    StakeholderGroup::ALL.iter().copied().find(|g| {
        [g.label(Lang::Nl), g.label(Lang::En), g.key()]
            .iter()
            .any(|l| key(l) == k)
    })
}

/// Whether `s` is one of tafel's own words: a group, "owner withheld", or
/// the neutral marker without its brackets.
fn is_marker(s: &str) -> bool {
    let k = key(s.trim());
    group_label(s).is_some()
        || [Lang::Nl, Lang::En].iter().any(|l| {
            let st = strings(*l);
            k == key(st.owner_withheld) || k == key(st.name_marker.trim_matches(['[', ']']))
        })
}

/// Whether `range` of `text` lies inside brackets that hold a marker
/// (`[Overheid]`, `[naam]`): what an earlier erasure wrote is not a name.
fn in_marker(text: &str, range: &std::ops::Range<usize>) -> bool {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let (Some(open), Some(close)) = (before.rfind('['), after.find(']')) else {
        return false;
    };
    let inner = &text[open + 1..range.end + close];
    !inner.contains(['[', ']', '\n']) && is_marker(inner)
}

/// The groups of the participants whose terms `text` contains.
fn named_groups(participants: &Terms, text: &str) -> BTreeSet<StakeholderGroup> {
    participants
        .matches(text)
        .into_iter()
        .flat_map(|(_, whose)| whose.groups.iter().copied())
        .collect()
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

    #[test]
    fn selective_leaves_out_only_the_hidden_and_keeps_the_rest() {
        let jan_smit = Person {
            name: Some("Jan Smit"),
            organisation: Some("Gemeente Ede"),
            group: StakeholderGroup::Overheid,
        };
        let jan_bakker = Person {
            name: Some("Jan Bakker"),
            organisation: None,
            group: StakeholderGroup::Wetenschap,
        };
        let a = Anonymizer::selective(
            &[jan_smit],
            &[jan_bakker],
            &["Fenna Faciliteert", "Jan Smit"],
            &["Smit", "directie DS", "Overheid"],
            Lang::Nl,
        );
        assert!(!a.is_full());
        // The longest term wins: a kept full name stays.
        assert_eq!(
            a.text("Jan Bakker en Jan Smit van Gemeente Ede"),
            "Jan Bakker en [Overheid] van [Overheid]"
        );
        // A word of both: the neutral marker.
        assert_eq!(a.text("Jan zei het"), "[naam] zei het");
        assert_eq!(
            a.text("Bakker, Fenna, directie DS"),
            "Bakker, Fenna, directie DS"
        );
        assert!(matches!(a.text("niemand"), Cow::Borrowed(_)));
        // Owners.
        assert_eq!(a.owner("Smit"), Owner::Group(StakeholderGroup::Overheid));
        assert_eq!(a.owner_text("Smit"), "Overheid");
        assert_eq!(a.owner("directie DS"), Owner::AsTyped);
        assert_eq!(a.owner_text("directie DS"), "directie DS");
        assert_eq!(a.owner(""), Owner::None);
        assert_eq!(a.owner("overheid"), Owner::AsTyped);
    }

    #[test]
    fn tafels_own_words_are_not_names() {
        // What an earlier erasure wrote: group labels and markers, as text
        // and as owners, stay when anonymising again.
        let a = anon(&[anouk()], &[], &["Overheid", "eigenaar weggelaten"]);
        assert_eq!(
            a.text("[Overheid] en [naam] zeiden het, Anouk ook"),
            "[Overheid] en [naam] zeiden het, [Overheid] ook"
        );
        assert_eq!(
            a.owner("Overheid"),
            Owner::Group(StakeholderGroup::Overheid)
        );
        assert_eq!(
            a.owner("Government"),
            Owner::Group(StakeholderGroup::Overheid)
        );
        assert_eq!(a.owner("eigenaar weggelaten"), Owner::Withheld);
        // A participant who is called like a group is still found outside
        // brackets.
        let odd = anon(
            &[Person {
                name: None,
                organisation: Some("Overheid"),
                group: StakeholderGroup::Anders,
            }],
            &[],
            &[],
        );
        assert_eq!(odd.text("Overheid en [Overheid]"), "[Anders] en [Overheid]");
    }
}
