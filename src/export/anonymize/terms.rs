//! The terms of names: the words a name, an organisation or an owner is
//! looked for as (see the module documentation of `export::anonymize`),
//! and how a text is cut into words and compared (lowercase, without
//! diacritics, on whole words).

use crate::domain::StakeholderGroup;
use std::collections::{BTreeSet, HashMap};

/// Particles of surnames (and a few words that join names): never a term
/// on their own.
pub(super) const PARTICLES: &[&str] = &[
    "aan", "al", "and", "ben", "bij", "bin", "da", "das", "de", "del", "della", "den", "der", "di",
    "do", "dos", "du", "el", "en", "het", "ibn", "in", "la", "le", "les", "of", "onder", "op",
    "over", "te", "ten", "ter", "the", "tot", "uit", "und", "van", "voor", "von", "vom", "zu",
    "zur",
];

/// Titles before a name: never a term on their own.
pub(super) const TITLES: &[&str] = &[
    "ba", "bc", "bsc", "dhr", "dr", "drs", "ds", "ing", "ir", "jr", "llm", "ma", "mevr", "miss",
    "mr", "mrs", "ms", "msc", "mw", "phd", "prof", "sir", "sr",
];

/// Acronyms of legal forms: not an organisation's own acronym.
pub(super) const LEGAL_FORMS: &[&str] = &["bv", "cv", "nv", "vof"];

/// A name to look for: the keys of its words and what stands between them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Term {
    pub(super) words: Vec<String>,
    /// `seps[i]` is what stands between `words[i]` and `words[i + 1]`,
    /// without white space.
    pub(super) seps: Vec<String>,
}

/// Whom a term belongs to.
#[derive(Debug, Clone, Default)]
pub(super) struct Whose {
    pub(super) groups: BTreeSet<StakeholderGroup>,
    /// Also someone left out who is not a participant.
    pub(super) other: bool,
    /// Also someone whose name stays (leaving out some names only).
    pub(super) kept: bool,
}

impl Whose {
    /// Whether a match of this term is replaced.
    pub(super) fn removed(&self) -> bool {
        !self.groups.is_empty() || self.other
    }
}

/// Terms by the key of their first word, longest first.
#[derive(Debug, Default)]
pub(super) struct Terms(pub(super) HashMap<String, Vec<(Term, Whose)>>);

impl Terms {
    pub(super) fn build(all: HashMap<Term, Whose>) -> Terms {
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
    pub(super) fn longest_at(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
    ) -> Option<(&Whose, usize)> {
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
    pub(super) fn matches<'t>(&'t self, text: &str) -> Vec<(std::ops::Range<usize>, &'t Whose)> {
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

/// A word of text: its byte range and its key.
#[derive(Debug)]
pub(super) struct Word {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) key: String,
}

/// Combining marks (accents typed as a separate character) belong to the
/// word they follow.
pub(super) fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// The words of `text`: runs of letters and digits.
pub(super) fn words(text: &str) -> Vec<Word> {
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
pub(super) fn key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if is_combining(c) {
            continue;
        }
        match super::super::fold(c) {
            "" => out.push(c),
            f => out.push_str(f),
        }
    }
    out
}

/// What stands between two words, as compared: without white space.
pub(super) fn sep_key(gap: &str) -> String {
    gap.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The term of a piece of text (`None` when it has no words).
pub(super) fn term(text: &str) -> Option<Term> {
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
pub(super) const PERSON_SEPARATORS: &[char] = &[',', ';', '/', '&', '(', ')', '[', ']'];

/// A name and each of its parts between `separators`, trimmed.
pub(super) fn parts<'n>(name: &'n str, separators: &[char]) -> Vec<&'n str> {
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

pub(super) fn whole_terms(name: &str, add: &mut impl FnMut(Term)) {
    for part in parts(name, PERSON_SEPARATORS) {
        add_term(part, add);
    }
}

/// Adds the term of `text` if it has a word that can be a name: two
/// letters or more, not a particle or a title (so "A" of "Tafelhost A" or a
/// host typed as "de" never removes that word everywhere).
pub(super) fn add_term(text: &str, add: &mut impl FnMut(Term)) {
    if let Some(t) = term(text)
        && t.words.iter().any(|w| is_name_word(w))
    {
        add(t);
    }
}

pub(super) fn is_name_word(key: &str) -> bool {
    key.chars().count() >= 2 && !PARTICLES.contains(&key) && !TITLES.contains(&key)
}

/// A person's name: see the module documentation.
pub(super) fn person_terms(name: &str, add: &mut impl FnMut(Term)) {
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
pub(super) fn organisation_terms(org: &str, add: &mut impl FnMut(Term)) {
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
