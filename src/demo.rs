//! `tafel demo`: a realistic, deterministic demo session of the bundled
//! agenda — tables, participants of every stakeholder group, notes of every
//! kind in the session's language (Dutch or English), tags, votes, actions
//! and ratings.

use crate::agenda;
use crate::domain::{
    IrmLevel, ItemKind, Lang, NewSession, NoteContent, NoteInput, NoteKind, Session,
    StakeholderGroup,
};
use crate::error::Result;
use crate::store::Store;
use chrono::{Duration, NaiveDate, TimeZone, Utc};

/// A small, fast, deterministic generator (SplitMix64): the one tafel uses
/// for demo data, and tests and benchmarks use for generated input.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// The same `seed` gives the same sequence.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// An element of `xs` (not empty).
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const TABLES: &[(&str, &str, &[u32], &[u32])] = &[
    // name, host, action points, policy questions
    (
        "Open informatie en Woo",
        "Tafelhost A",
        &[3, 5, 9, 14],
        &[2, 3, 4],
    ),
    (
        "Data, standaarden en open source",
        "Tafelhost B",
        &[4, 11, 12, 13],
        &[1],
    ),
    ("Algoritmen en democratie", "Tafelhost C", &[7, 15], &[5, 6]),
    (
        "Participatie en cultuur",
        "Tafelhost D",
        &[1, 2, 6, 8, 10, 16, 17],
        &[],
    ),
];

const PARTICIPANTS: &[(Option<&str>, Option<&str>, StakeholderGroup)] = &[
    (
        Some("Anouk de Vries"),
        Some("Ministerie van BZK"),
        StakeholderGroup::Overheid,
    ),
    (None, Some("Gemeente Utrecht"), StakeholderGroup::Overheid),
    (
        Some("Sanne Bakker"),
        Some("Open State Foundation"),
        StakeholderGroup::MaatschappelijkeOrganisatie,
    ),
    (
        Some("Youssef El Amrani"),
        None,
        StakeholderGroup::MaatschappelijkeOrganisatie,
    ),
    (
        Some("Prof. Lotte Jansen"),
        Some("Universiteit Leiden"),
        StakeholderGroup::Wetenschap,
    ),
    (
        None,
        Some("Rathenau Instituut"),
        StakeholderGroup::Wetenschap,
    ),
    (
        Some("Mark Visser"),
        Some("Softwarebedrijf"),
        StakeholderGroup::Bedrijfsleven,
    ),
    (
        Some("Eva Smit"),
        Some("Actiehouder Open Parlement"),
        StakeholderGroup::Actiehouder,
    ),
    (Some("Daan Mulder"), None, StakeholderGroup::Actiehouder),
    (None, None, StakeholderGroup::Anders),
];

/// The words demo notes are made of, in one language. The same draws give
/// the same sentence in Dutch and English: the lists of both languages are
/// translations of each other, item by item.
///
/// A note is opening + subject + predicate + closing. Every opening ends
/// in a conjunction that starts a subordinate clause ("dat", "of";
/// "that", "whether"), every subject is plural and every predicate is a
/// subordinate clause in that order (Dutch: the verbs at the end), so each
/// of the 8 × 8 × 8 × 6 combinations is a grammatical sentence.
struct Phrases {
    openings: [&'static str; 8],
    subjects: [&'static str; 8],
    predicates: [&'static str; 8],
    closings: [&'static str; 6],
    owners: [&'static str; 5],
    rating_comments: [&'static str; 4],
}

const NL: Phrases = Phrases {
    openings: [
        "Goed dat dit actiepunt er ligt, maar we zien dat",
        "Vanuit de praktijk zien we dat",
        "De vraag is of",
        "Een belangrijk punt is dat",
        "Wij merken dat",
        "Het valt op dat",
        "Uit de gesprekken blijkt dat",
        "Een goed voorbeeld: in de pilot bleek dat",
    ],
    subjects: [
        "gemeenten",
        "burgers",
        "journalisten",
        "actiehouders",
        "beleidsdirecties",
        "maatschappelijke organisaties",
        "Kamerleden",
        "kennisinstellingen",
    ],
    predicates: [
        "meer betrokken moeten worden bij de uitvoering",
        "niet weten waar de openbaar gemaakte informatie staat",
        "behoefte hebben aan begrijpelijke taal",
        "de resultaten willen kunnen hergebruiken als open data",
        "een vast aanspreekpunt missen",
        "eerder in het proces mee willen denken",
        "inzicht willen hebben in de gebruikte algoritmes",
        "de voortgang beter willen kunnen volgen",
    ],
    closings: [
        ".",
        "; dat vraagt om een duidelijke trekker.",
        ", zeker richting 2027.",
        ". Koppel dit aan de Woo.",
        ", ook buiten het actieplan om.",
        ". Meetbare doelen zouden helpen.",
    ],
    owners: ["PROO", "MCOIG", "Actiehouder", "Directie DS", "Tafelhost"],
    rating_comments: [
        "Volgens de tafel goed op schema.",
        "Er zijn resultaten, maar de borging is nog onduidelijk.",
        "Weinig zichtbaar voor de deelnemers.",
        "Afgerond; een vervolg is gewenst.",
    ],
};

const EN: Phrases = Phrases {
    openings: [
        "Good that this action point exists, but we see that",
        "In practice we see that",
        "The question is whether",
        "An important point is that",
        "We notice that",
        "It stands out that",
        "The conversations show that",
        "A good example: the pilot showed that",
    ],
    subjects: [
        "municipalities",
        "citizens",
        "journalists",
        "action holders",
        "policy directorates",
        "civil society organisations",
        "members of parliament",
        "knowledge institutions",
    ],
    predicates: [
        "should be more involved in the implementation",
        "do not know where the published information can be found",
        "need plain language",
        "want to be able to reuse the results as open data",
        "miss a single point of contact",
        "want to contribute earlier in the process",
        "want insight into the algorithms that are used",
        "want to be able to follow the progress more closely",
    ],
    closings: [
        ".",
        "; that calls for a clear lead.",
        ", certainly in the run-up to 2027.",
        ". Link this to the Woo.",
        ", also outside the action plan.",
        ". Measurable goals would help.",
    ],
    owners: [
        "PROO",
        "MCOIG",
        "Action holder",
        "DS directorate",
        "Table host",
    ],
    rating_comments: [
        "On schedule, according to the table.",
        "There are results, but how they are secured is still unclear.",
        "Hardly visible to the participants.",
        "Completed; a follow-up is wanted.",
    ],
};

fn phrases(lang: Lang) -> &'static Phrases {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

fn sentence(rng: &mut SplitMix64, p: &Phrases) -> String {
    format!(
        "{} {} {}{}",
        rng.pick(&p.openings),
        rng.pick(&p.subjects),
        rng.pick(&p.predicates),
        rng.pick(&p.closings)
    )
}

/// Creates the demo session with `notes` notes; the same `seed` gives the
/// same content.
/// An afternoon of the MSF in blocks of 10–25 minutes with two table
/// rounds, run a few minutes behind its plan (times as the demo's notes).
fn programme(store: &mut Store, session_id: &str, date: NaiveDate, lang: Lang) -> Result<()> {
    use crate::domain::BlockKind::{Break, Plenary, Tables};
    use crate::domain::programme::PlannedBlock;
    let nl = lang == Lang::Nl;
    let blocks = [
        (
            "Inloop en opening",
            "Arrival and opening",
            Plenary,
            (13, 0),
            15,
            2,
        ),
        (
            "Interview met een actiehouder",
            "Interview with an action holder",
            Plenary,
            (13, 15),
            15,
            3,
        ),
        ("Tafelronde 1", "Table round 1", Tables, (13, 30), 25, 4),
        ("Pauze", "Break", Break, (13, 55), 10, 6),
        ("Tafelronde 2", "Table round 2", Tables, (14, 5), 25, 5),
        (
            "Terugkoppeling aan de plenaire zaal",
            "Report-back to the plenary",
            Plenary,
            (14, 30),
            20,
            8,
        ),
        ("Afsluiting", "Closing", Plenary, (14, 50), 10, 9),
    ];
    let plan: Vec<PlannedBlock> = blocks
        .iter()
        .map(
            |(title_nl, title_en, kind, (h, m), minutes, _)| PlannedBlock {
                title: (if nl { title_nl } else { title_en }).to_string(),
                kind: *kind,
                start: chrono::NaiveTime::from_hms_opt(*h, *m, 0).expect("valid time"),
                minutes: *minutes,
            },
        )
        .collect();
    store.set_programme(session_id, &plan)?;
    // Planned times are the room's clock; what happened is stored in UTC.
    let at = |t: chrono::NaiveTime, late: i64| {
        let local = date.and_time(t) + Duration::minutes(late);
        local
            .and_local_timezone(chrono::Local)
            .earliest()
            .map_or_else(|| local.and_utc(), |l| l.to_utc())
    };
    for (block, (.., late)) in store.programme(session_id)?.iter().zip(blocks) {
        store.start_block(session_id, Some(&block.id), at(block.plan.start, late))?;
    }
    let last = store.programme(session_id)?.pop().expect("seven blocks");
    store.start_block(session_id, None, at(last.plan.start, 21))
}

pub fn create(store: &mut Store, notes: u64, seed: u64, lang: Lang) -> Result<Session> {
    let mut rng = SplitMix64::new(seed);
    let words = phrases(lang);
    let agenda = agenda::bundled();
    let date = NaiveDate::from_ymd_opt(2025, 11, 20).expect("valid date");
    let session = store.create_session(
        &NewSession {
            title: format!("MSF-bijeenkomst herijking (demo, seed {seed})"),
            date,
            location: "Den Haag".into(),
            facilitator: "Noor Hendriks".into(),
            language: lang,
        },
        &agenda,
    )?;
    let items = store.items(&session.id)?;
    let find = |kind: ItemKind, n: u32| {
        items
            .iter()
            .find(|i| i.kind == kind && i.number == n)
            .map(|i| i.id.clone())
            .expect("the bundled agenda has it")
    };
    let mut seats: Vec<(String, String)> = Vec::new(); // (table id, item id)
    for (name, host, points, questions) in TABLES {
        let table = store.create_table(&session.id, name, host, 25)?;
        for n in *points {
            let item = find(ItemKind::ActionPoint, *n);
            store.assign_item(&table.id, &item)?;
            seats.push((table.id.clone(), item));
        }
        for n in *questions {
            let item = find(ItemKind::PolicyQuestion, *n);
            store.assign_item(&table.id, &item)?;
            seats.push((table.id.clone(), item));
        }
    }
    let mut people = Vec::new();
    for (name, org, group) in PARTICIPANTS {
        people.push(store.create_participant(&session.id, *name, *org, *group)?);
    }
    programme(store, &session.id, date, lang)?;
    let dims: Vec<String> = agenda.dimensions.iter().map(|d| d.key.clone()).collect();
    let start = Utc
        .with_ymd_and_hms(2025, 11, 20, 13, 30, 0)
        .single()
        .expect("valid time");

    let generated = (0..notes).map(move |i| {
        let (table_id, item_id) = rng.pick(&seats).clone();
        let kind = NoteKind::ALL[rng.below(NoteKind::ALL.len())];
        let mut text = sentence(&mut rng, words);
        if rng.below(5) == 0 {
            text.push('\n');
            text.push_str(&sentence(&mut rng, words));
        }
        let (participant_id, group) = match rng.below(3) {
            0 => {
                let p = rng.pick(&people);
                (Some(p.id.clone()), Some(p.group))
            }
            1 => (None, Some(*rng.pick(StakeholderGroup::ALL))),
            _ => (None, None),
        };
        let tags = (0..rng.below(3)).map(|_| rng.pick(&dims).clone()).collect();
        let (owner, due) = if kind == NoteKind::Action {
            (
                rng.pick(&words.owners).to_string(),
                Some(date + Duration::days(14 + rng.below(120) as i64)),
            )
        } else {
            (String::new(), None)
        };
        let input = NoteInput {
            item_id,
            table_id: Some(table_id),
            content: NoteContent {
                kind,
                text,
                participant_id,
                group,
                tags,
                owner,
                due,
            },
            votes_for: if rng.below(3) == 0 {
                rng.below(6) as u32
            } else {
                0
            },
            votes_against: if rng.below(6) == 0 {
                rng.below(3) as u32
            } else {
                0
            },
            // The first half in the first table round, the rest in the second.
            round: Some(if i < notes.div_ceil(2) { 1 } else { 2 }),
        };
        (
            crate::domain::new_id(),
            input,
            start + Duration::milliseconds(i as i64 * 1500),
        )
    });
    store.insert_notes_bulk(&session.id, generated)?;

    let mut rng = SplitMix64::new(seed.wrapping_add(1));
    for item in items.iter().filter(|i| i.kind == ItemKind::ActionPoint) {
        let level = *rng.pick(IrmLevel::ALL);
        store.set_rating(
            &session.id,
            &item.id,
            level,
            rng.pick::<&str>(&words.rating_comments),
        )?;
    }
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(store: &Store, session: &str) -> Vec<(NoteKind, String, Vec<String>, u32, String)> {
        let mut out = Vec::new();
        store
            .for_each_note(session, |n| {
                out.push((
                    n.content.kind,
                    n.content.text,
                    n.content.tags,
                    n.votes_for,
                    n.id,
                ));
                Ok(())
            })
            .unwrap();
        out
    }

    #[test]
    fn same_seed_same_content_other_seed_other_content() {
        let mut store = Store::open_in_memory().unwrap();
        let a = create(&mut store, 300, 7, Lang::Nl).unwrap();
        let b = create(&mut store, 300, 7, Lang::Nl).unwrap();
        let c = create(&mut store, 300, 8, Lang::Nl).unwrap();
        let strip = |v: Vec<(NoteKind, String, Vec<String>, u32, String)>| {
            v.into_iter()
                .map(|(k, t, g, v, _)| (k, t, g, v))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            strip(contents(&store, &a.id)),
            strip(contents(&store, &b.id))
        );
        assert_ne!(
            strip(contents(&store, &a.id)),
            strip(contents(&store, &c.id))
        );
    }

    #[test]
    fn every_sentence_is_whole() {
        for p in [&NL, &EN] {
            for o in p.openings {
                for su in p.subjects {
                    for pr in p.predicates {
                        for c in p.closings {
                            let s = format!("{o} {su} {pr}{c}");
                            assert!(s.starts_with(char::is_uppercase), "{s}");
                            assert!(s.ends_with('.') && !s.contains("  "), "{s}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_english_demo_is_the_dutch_one_translated() {
        let mut store = Store::open_in_memory().unwrap();
        let nl = create(&mut store, 200, 5, Lang::Nl).unwrap();
        let en = create(&mut store, 200, 5, Lang::En).unwrap();
        let (nl, en) = (contents(&store, &nl.id), contents(&store, &en.id));
        assert_eq!(nl.len(), en.len());
        for (a, b) in nl.iter().zip(&en) {
            assert_eq!((a.0, &a.2, a.3), (b.0, &b.2, b.3));
            assert_eq!(a.1.lines().count(), b.1.lines().count());
            let i = NL.openings.iter().position(|o| a.1.starts_with(o)).unwrap();
            assert!(b.1.starts_with(EN.openings[i]), "{} / {}", a.1, b.1);
        }
    }

    #[test]
    fn demo_covers_every_kind_group_and_rating() {
        let mut store = Store::open_in_memory().unwrap();
        let s = create(&mut store, 2000, 1, Lang::Nl).unwrap();
        let mut kinds = std::collections::HashSet::new();
        let mut groups = std::collections::HashSet::new();
        let mut actions_with_owner = 0;
        store
            .for_each_note(&s.id, |n| {
                kinds.insert(n.content.kind);
                if let Some(g) = n.content.group {
                    groups.insert(g);
                }
                if n.content.kind == NoteKind::Action
                    && !n.content.owner.is_empty()
                    && n.content.due.is_some()
                {
                    actions_with_owner += 1;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(kinds.len(), NoteKind::ALL.len());
        assert_eq!(groups.len(), StakeholderGroup::ALL.len());
        assert!(actions_with_owner > 0);
        assert_eq!(store.ratings(&s.id).unwrap().len(), 17);
        assert_eq!(store.tables(&s.id).unwrap().len(), 4);
        let summary = &store.session_summaries().unwrap()[0];
        assert_eq!(
            (summary.tables, summary.items, summary.notes),
            (4, 23, 2000)
        );
    }
}
